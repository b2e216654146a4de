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
    Csv(Sink),
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
                let mut sink = sink;
                let mut header = Vec::new();
                for (i, name) in COLUMNS.iter().enumerate() {
                    if i > 0 {
                        header.push(b',');
                    }
                    csv_field(&mut header, name.as_bytes());
                }
                header.extend_from_slice(b"\r\n");
                sink.write_all(&header)?;
                Out::Csv(sink)
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
            Out::Csv(sink) => write_csv(sink, row, &mut self.scratch),
            Out::Json { sink, lines } => {
                let sep: &[u8] = match (*lines, first) {
                    (true, _) => b"",
                    (false, true) => b"[",
                    (false, false) => b",\n",
                };
                sink.write_all(sep)?;
                write_json(sink, row, &mut self.scratch)?;
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
            Out::Csv(sink) => sink.finish(),
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

/// One record as a CSV line (RFC 4180, CRLF), built in `buf` and handed to the sink in one
/// write: the same bytes as the `csv` crate's writer with its default (necessary) quoting.
fn write_csv(sink: &mut Sink, row: &RowRef<'_>, buf: &mut Vec<u8>) -> io::Result<()> {
    buf.clear();
    buf.extend_from_slice(itoa::Buffer::new().format(row.seq).as_bytes());
    for f in row.fields {
        buf.push(b',');
        if f.first().is_some_and(|&b| is_formula_start(b)) {
            // Neutralised: `'` + the cell (which then needs quotes only for its own bytes).
            csv_quoted_if(buf, f, b"'");
        } else {
            csv_field(buf, f);
        }
    }
    for h in [row.prev_hash, row.hash] {
        buf.push(b',');
        hex_into(buf, h);
    }
    buf.extend_from_slice(b"\r\n");
    sink.write_all(buf)
}

/// Whether a byte forces a CSV field into quotes (delimiter, quote, CR, LF).
fn needs_quote(b: u8) -> bool {
    matches!(b, b',' | b'"' | b'\r' | b'\n')
}

/// Appends one CSV field, quoted (with doubled quotes) only when it must be.
fn csv_field(out: &mut Vec<u8>, f: &[u8]) {
    csv_quoted_if(out, f, b"");
}

/// Appends `prefix ‖ f` as one CSV field (the prefix holds no special bytes).
fn csv_quoted_if(out: &mut Vec<u8>, f: &[u8], prefix: &[u8]) {
    if !f.iter().any(|&b| needs_quote(b)) {
        out.extend_from_slice(prefix);
        out.extend_from_slice(f);
        return;
    }
    out.push(b'"');
    out.extend_from_slice(prefix);
    for part in f.split_inclusive(|&b| b == b'"') {
        out.extend_from_slice(part);
        if part.last() == Some(&b'"') {
            out.push(b'"');
        }
    }
    out.push(b'"');
}

/// Appends the lowercase hex of `h`.
fn hex_into(out: &mut Vec<u8>, h: &[u8]) {
    let start = out.len();
    out.resize(start + 2 * h.len(), 0);
    let _ = hex::encode_to_slice(h, &mut out[start..]);
}

/// One record as a JSON object, built in `row` and handed to the sink in one write.
fn write_json(sink: &mut Sink, row: &RowRef<'_>, buf: &mut Vec<u8>) -> io::Result<()> {
    buf.clear();
    buf.extend_from_slice(b"{\"seq\":");
    buf.extend_from_slice(itoa::Buffer::new().format(row.seq).as_bytes());
    for (name, f) in COLUMNS[1..8].iter().zip(row.fields) {
        buf.extend_from_slice(b",\"");
        buf.extend_from_slice(name.as_bytes());
        buf.extend_from_slice(b"\":");
        json_str(buf, f);
    }
    for (name, h) in [("prev_hash", row.prev_hash), ("hash", row.hash)] {
        buf.extend_from_slice(b",\"");
        buf.extend_from_slice(name.as_bytes());
        buf.extend_from_slice(b"\":\"");
        hex_into(buf, h);
        buf.push(b'"');
    }
    buf.push(b'}');
    sink.write_all(buf)
}

/// Appends `b` as a JSON string (the escapes of `sqlite3 -json` and serde_json); bytes that
/// are not UTF-8 become U+FFFD (and then fail verification).
fn json_str(out: &mut Vec<u8>, b: &[u8]) {
    let lossy;
    let b = match std::str::from_utf8(b) {
        Ok(_) => b,
        Err(_) => {
            lossy = String::from_utf8_lossy(b).into_owned();
            lossy.as_bytes()
        }
    };
    out.push(b'"');
    let mut run = 0;
    for (i, &c) in b.iter().enumerate() {
        let esc: &[u8] = match c {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..0x20 => b"",
            _ => continue,
        };
        out.extend_from_slice(&b[run..i]);
        run = i + 1;
        if esc.is_empty() {
            out.extend_from_slice(format!("\\u{c:04x}").as_bytes());
        } else {
            out.extend_from_slice(esc);
        }
    }
    out.extend_from_slice(&b[run..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_escape_like_serde_json() {
        for s in [
            "plain",
            "q\"uote",
            "back\\slash",
            "nl\ncr\rtab\t",
            "ctl\u{1}\u{1f}\u{7f}",
            "é ü",
        ] {
            let mut out = Vec::new();
            json_str(&mut out, s.as_bytes());
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(s).unwrap()
            );
        }
    }

    /// The hand-written CSV line is byte for byte what the `csv` crate writes for the same
    /// (neutralised) cells.
    #[test]
    fn csv_lines_match_the_csv_crate() {
        let cells: [&[u8]; 7] = [
            b"2026-01-01T00:00:00.000Z",
            b"a,b",
            b"q\"uo\"\"te",
            b"=HYPERLINK(\"x\")",
            b"line\nbreak\r",
            b"",
            b"{\"call_id\":\"C1\",\"try\":2}",
        ];
        let (p, h) = ([7u8; 32], [0xabu8; 31]);
        let row = RowRef {
            seq: 42,
            fields: cells,
            prev_hash: &p,
            hash: &h,
        };
        let mut ours = Vec::new();
        write_csv_into(&mut ours, &row);
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let mut scratch = Vec::new();
        w.write_field("42").unwrap();
        for c in cells {
            w.write_field(neutralise(c, &mut scratch)).unwrap();
        }
        w.write_field(hex::encode(p)).unwrap();
        w.write_field(hex::encode(h)).unwrap();
        w.write_record(None::<&[u8]>).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&w.into_inner().unwrap())
        );
    }

    fn write_csv_into(out: &mut Vec<u8>, row: &RowRef<'_>) {
        let mut sink = Sink::new(Box::new(io::sink()));
        write_csv(&mut sink, row, out).unwrap();
        let _ = sink.finish();
    }

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
