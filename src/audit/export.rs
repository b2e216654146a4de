//! Writing audit records as CSV (RFC 4180, spreadsheet-safe), JSON Lines or one JSON array.
//!
//! Rows come straight from SQLite as borrowed bytes ([`RowRef`]) and are formatted without an
//! allocation per row. Columns: seq, at, actor, on_behalf_of, account, session, event, detail,
//! prev_hash, hash, with the hashes as lowercase hex. The JSON shapes are those of
//! `sqlite3 -json` over the same columns; JSON Lines puts one such object on each line.

use std::io::{self, Write};

use super::sink::{Sink, Written};
use super::verify::RowRef;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Jsonl,
    Json,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::Json => "json",
        }
    }
}

/// Column names, in order.
pub const COLUMNS: [&str; 10] = [
    "seq",
    "at",
    "actor",
    "on_behalf_of",
    "account",
    "session",
    "event",
    "detail",
    "prev_hash",
    "hash",
];

/// Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection).
pub fn is_formula_start(b: u8) -> bool {
    matches!(b, b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r' | b'\n')
}

/// `cell`, or `'` + `cell` when it would begin a formula; `scratch` holds the prefixed copy.
pub fn neutralise<'a>(cell: &'a [u8], scratch: &'a mut Vec<u8>) -> &'a [u8] {
    match cell.first() {
        Some(&b) if is_formula_start(b) => {
            scratch.clear();
            scratch.push(b'\'');
            scratch.extend_from_slice(cell);
            scratch
        }
        _ => cell,
    }
}

enum Out {
    Csv(Box<csv::Writer<Sink>>),
    Json { sink: Sink, lines: bool },
}

/// Formats rows into a [`Sink`].
pub struct Exporter {
    out: Out,
    rows: u64,
    scratch: Vec<u8>,
}

impl Exporter {
    /// Starts an export (writes the CSV header or the opening `[`).
    pub fn new(format: Format, sink: Sink) -> io::Result<Exporter> {
        let out = match format {
            Format::Csv => {
                let mut w = csv::WriterBuilder::new()
                    .terminator(csv::Terminator::CRLF)
                    .buffer_capacity(64 * 1024)
                    .from_writer(sink);
                w.write_record(COLUMNS).map_err(io::Error::other)?;
                Out::Csv(Box::new(w))
            }
            Format::Jsonl => Out::Json { sink, lines: true },
            Format::Json => Out::Json { sink, lines: false },
        };
        Ok(Exporter {
            out,
            rows: 0,
            scratch: Vec::with_capacity(256),
        })
    }

    /// Writes one record.
    pub fn write(&mut self, row: &RowRef<'_>) -> io::Result<()> {
        let first = self.rows == 0;
        self.rows += 1;
        match &mut self.out {
            Out::Csv(w) => write_csv(w, row, &mut self.scratch),
            Out::Json { sink, lines } => {
                let sep: &[u8] = match (*lines, first) {
                    (true, _) => b"",
                    (false, true) => b"[",
                    (false, false) => b",\n",
                };
                sink.write_all(sep)?;
                write_json(sink, row)?;
                if *lines {
                    sink.write_all(b"\n")?;
                }
                Ok(())
            }
        }
    }

    /// Finishes the export; returns the SHA-256 and length of the bytes written.
    pub fn finish(self) -> io::Result<Written> {
        match self.out {
            Out::Csv(w) => w
                .into_inner()
                .map_err(|e| io::Error::other(e.to_string()))?
                .finish(),
            Out::Json { mut sink, lines } => {
                if !lines {
                    let close: &[u8] = if self.rows == 0 { b"[]\n" } else { b"]\n" };
                    sink.write_all(close)?;
                }
                sink.finish()
            }
        }
    }
}

fn write_csv(w: &mut csv::Writer<Sink>, row: &RowRef<'_>, scratch: &mut Vec<u8>) -> io::Result<()> {
    let mut num = itoa::Buffer::new();
    w.write_field(num.format(row.seq))
        .map_err(io::Error::other)?;
    for f in row.fields {
        w.write_field(neutralise(f, scratch))
            .map_err(io::Error::other)?;
    }
    let mut hexbuf = [0u8; 64];
    for h in [row.prev_hash, row.hash] {
        w.write_field(hex_of(h, &mut hexbuf, scratch))
            .map_err(io::Error::other)?;
    }
    w.write_record(None::<&[u8]>).map_err(io::Error::other)
}

/// Lowercase hex of `h` in `buf` (32-byte hashes), or in `scratch` for other lengths.
fn hex_of<'a>(h: &[u8], buf: &'a mut [u8; 64], scratch: &'a mut Vec<u8>) -> &'a [u8] {
    if h.len() == 32 && hex::encode_to_slice(h, buf).is_ok() {
        return &buf[..];
    }
    scratch.clear();
    scratch.extend_from_slice(hex::encode(h).as_bytes());
    scratch
}

fn write_json(sink: &mut Sink, row: &RowRef<'_>) -> io::Result<()> {
    let mut num = itoa::Buffer::new();
    sink.write_all(b"{\"seq\":")?;
    sink.write_all(num.format(row.seq).as_bytes())?;
    for (name, f) in COLUMNS[1..8].iter().zip(row.fields) {
        sink.write_all(b",\"")?;
        sink.write_all(name.as_bytes())?;
        sink.write_all(b"\":")?;
        json_str(sink, f)?;
    }
    let mut hexbuf = [0u8; 64];
    let mut scratch = Vec::new();
    for (name, h) in [("prev_hash", row.prev_hash), ("hash", row.hash)] {
        sink.write_all(b",\"")?;
        sink.write_all(name.as_bytes())?;
        sink.write_all(b"\":\"")?;
        sink.write_all(hex_of(h, &mut hexbuf, &mut scratch))?;
        sink.write_all(b"\"")?;
    }
    sink.write_all(b"}")
}

/// A JSON string; bytes that are not UTF-8 become U+FFFD (and then fail verification).
fn json_str(sink: &mut Sink, b: &[u8]) -> io::Result<()> {
    let result = match std::str::from_utf8(b) {
        Ok(s) => serde_json::to_writer(&mut *sink, s),
        Err(_) => serde_json::to_writer(&mut *sink, &String::from_utf8_lossy(b)),
    };
    result.map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formula_starts_only() {
        let mut s = Vec::new();
        for bad in ["=1+1", "+1 555 0100", "-2", "@SUM(A1)", "\tx", "\rx", "\nx"] {
            let out = neutralise(bad.as_bytes(), &mut s).to_vec();
            assert_eq!(out[0], b'\'', "{bad:?}");
            assert_eq!(&out[1..], bad.as_bytes());
        }
        let mut s = Vec::new();
        for ok in ["", "{\"a\":1}", "agent-1", "2026-01-01"] {
            assert_eq!(neutralise(ok.as_bytes(), &mut s), ok.as_bytes());
        }
    }
}
