//! `cpni customer import FILE.csv`: validate every row first, then insert all in one
//! transaction, or nothing. Every bad row is reported with its line number and field.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use clap::Args;
use serde_json::json;
use time::OffsetDateTime;

use super::add::{ContactArgs, Since, created_event, new_customer};
use crate::audit::Event;
use crate::clock;
use crate::commands::context::{ADMINS, Ctx};
use crate::config::Config;
use crate::domain::contact::{self, FieldError};
use crate::error::{Error, Result};
use crate::store::customers::Customer;
use crate::ui::term::safe;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// CSV file with a header row (see the README for the columns)
    pub file: PathBuf,
}

const REQUIRED: &[&str] = &[
    "account",
    "name",
    "phone",
    "email",
    "street",
    "city",
    "region",
    "postal_code",
    "country",
];
const OPTIONAL: &[&str] = &[
    "email_since",
    "postal_since",
    "phone_since",
    "account_rep",
    "cpni_contract",
];
/// How many row errors are printed in full.
const SHOWN_ERRORS: usize = 50;

/// A row the import refuses: its line number in the file (1 = the header) and the field.
#[derive(Debug)]
pub struct RowError {
    pub line: u64,
    pub error: FieldError,
}

pub fn run(ctx: &Ctx, args: ImportArgs) -> Result<u8> {
    let now = clock::now();
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "customer import", ADMINS)?;
    let (customers, mut errors) = parse_file(&ctx.cfg, &args.file, now)?;
    let mut seen = HashSet::new();
    for (line, c) in &customers {
        if !seen.insert(c.account.clone()) {
            errors.push(row_err(
                *line,
                "account",
                format!("{} appears twice in the file", c.account),
            ));
        } else if db.read().customer_exists(&c.account)? {
            errors.push(row_err(
                *line,
                "account",
                format!("{} already exists", c.account),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(report(&args.file, errors));
    }
    let file = args.file.display().to_string();
    let count = customers.len();
    db.step(|tx| {
        for (_, c) in &customers {
            tx.insert_customer(c)?;
            tx.append(
                &acting.actor,
                now,
                created_event(c).with("source", "import"),
            )?;
        }
        let event = Event::new("customer.import")
            .with("file", file.clone())
            .with("rows", count);
        tx.append(&acting.actor, now, event)
    })?;
    ctx.out.print(
        &json!({"imported": count, "file": file}),
        &format!("Imported {count} customers from {}.", safe(&file)),
    );
    Ok(0)
}

fn row_err(line: u64, field: &str, message: String) -> RowError {
    RowError {
        line,
        error: FieldError::new(field, message),
    }
}

fn report(file: &std::path::Path, mut errors: Vec<RowError>) -> Error {
    errors.sort_by_key(|e| e.line);
    let mut lines: Vec<String> = errors
        .iter()
        .take(SHOWN_ERRORS)
        .map(|e| format!("  line {}: {}", e.line, safe(&e.error.to_string())))
        .collect();
    if errors.len() > SHOWN_ERRORS {
        lines.push(format!("  … and {} more", errors.len() - SHOWN_ERRORS));
    }
    Error::usage(
        "import-invalid",
        format!(
            "{}: {} bad row(s); nothing was imported:\n{}",
            file.display(),
            errors.len(),
            lines.join("\n")
        ),
    )
    .hint("fix the rows named above and import the whole file again")
}

/// The customers of the rows that parsed (with their line numbers) and the rows that did not.
pub type Parsed = (Vec<(u64, Customer)>, Vec<RowError>);

fn parse_file(cfg: &Config, path: &std::path::Path, now: OffsetDateTime) -> Result<Parsed> {
    let file = std::fs::File::open(path).map_err(|e| {
        Error::usage(
            "import-file",
            format!("cannot read {}: {e}", path.display()),
        )
        .hint("check the path; the file must be CSV with a header row")
    })?;
    parse_csv(cfg, file, path, now)
}

/// Parses and validates an import file's content (pure: no database, no clock; `path` only
/// names the file in messages). A bad header is an error; bad rows are collected with their
/// line numbers. Whether an account already exists is checked by the caller.
pub fn parse_csv(
    cfg: &Config,
    data: impl std::io::Read,
    path: &std::path::Path,
    now: OffsetDateTime,
) -> Result<Parsed> {
    let limits = cfg.import;
    let data = RecordLimit::new(data, limits.max_record_bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(data);
    let columns = header_columns(reader.headers().map_err(|e| csv_error(path, e))?)?;
    let next = reader.position().line();
    reader.get_mut().next_record(next);
    let mut ok = Vec::new();
    let mut errors = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                let next = reader.position().line();
                reader.get_mut().next_record(next);
                if record.as_slice().len() as u64 > limits.max_record_bytes {
                    let message = record_too_long(limits.max_record_bytes);
                    errors.push(row_err(line, "row", message));
                    break;
                }
                if ok.len() + errors.len() >= limits.max_rows {
                    errors.push(row_err(line, "row", too_many_rows(limits.max_rows)));
                    break;
                }
                if let Some(e) = oversized_field(&columns, &record, limits.max_field_bytes) {
                    errors.push(RowError { line, error: e });
                    continue;
                }
                match parse_row(cfg, &columns, &record, now) {
                    Ok(c) => ok.push((line, c)),
                    Err(error) => errors.push(RowError { line, error }),
                }
            }
            Err(e) => {
                if let Some(too_long) = reader.get_ref().too_long() {
                    errors.push(too_long);
                    break;
                }
                let line = e.position().map_or(0, |p| p.line());
                errors.push(row_err(line, "row", csv_message(&e)));
                if !matches!(
                    e.kind(),
                    csv::ErrorKind::UnequalLengths { .. } | csv::ErrorKind::Utf8 { .. }
                ) {
                    break;
                }
            }
        }
    }
    Ok((ok, errors))
}

fn too_many_rows(max: usize) -> String {
    format!("the file has more than {max} rows ([import] max_rows); split it, or raise the limit")
}

/// The first field of `rec` longer than `max` bytes, as an error naming its column.
fn oversized_field(
    cols: &HashMap<String, usize>,
    rec: &csv::StringRecord,
    max: usize,
) -> Option<FieldError> {
    let (i, f) = rec.iter().enumerate().find(|(_, f)| f.len() > max)?;
    let name = cols
        .iter()
        .find(|(_, c)| **c == i)
        .map_or("field", |(n, _)| n.as_str());
    Some(FieldError::new(
        name,
        format!(
            "is {} bytes long, over the {max}-byte limit ([import] max_field_bytes)",
            f.len()
        ),
    ))
}

/// How far the CSV reader reads ahead of the record it is parsing (its buffer size).
const READ_AHEAD: u64 = 8 * 1024;

/// A reader that refuses a record longer than `max` bytes (give or take the CSV reader's
/// read-ahead) while reading it, so a file without line breaks, a quoted field that never ends,
/// or `/dev/zero` fails at once, naming the line, instead of being read into memory whole.
struct RecordLimit<R> {
    inner: R,
    max: u64,
    /// The line where the record being read starts.
    start_line: u64,
    /// Bytes read since that record started.
    read: u64,
    too_long: bool,
}

impl<R> RecordLimit<R> {
    fn new(inner: R, max: u64) -> Self {
        RecordLimit {
            inner,
            max,
            start_line: 1,
            read: 0,
            too_long: false,
        }
    }

    /// Called after each record: the next one starts at `line`.
    fn next_record(&mut self, line: u64) {
        self.start_line = line;
        self.read = 0;
    }

    /// The row error for the record that was too long, once the limit was hit.
    fn too_long(&self) -> Option<RowError> {
        self.too_long.then(|| RowError {
            line: self.start_line,
            error: FieldError::new("row", record_too_long(self.max)),
        })
    }
}

fn record_too_long(max: u64) -> String {
    format!(
        "the record is longer than {max} bytes ([import] max_record_bytes); is this the right \
         file? Nothing after it was read"
    )
}

impl<R: std::io::Read> std::io::Read for RecordLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.read > self.max + READ_AHEAD {
            self.too_long = true;
            return Err(std::io::Error::other(format!(
                "line {}: {}",
                self.start_line,
                record_too_long(self.max)
            )));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "is not valid UTF-8; save the file as UTF-8".into(),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("has {len} fields but the header has {expected_len}")
        }
        _ => e.to_string(),
    }
}

fn csv_error(path: &std::path::Path, e: csv::Error) -> Error {
    Error::usage(
        "import-file",
        format!("{}: {}", path.display(), csv_message(&e)),
    )
    .hint("the first line must be the header row")
}

fn header_columns(headers: &csv::StringRecord) -> Result<HashMap<String, usize>> {
    let mut map = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        let name = h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase();
        if !REQUIRED.contains(&name.as_str()) && !OPTIONAL.contains(&name.as_str()) {
            return Err(Error::usage(
                "import-header",
                format!("line 1: unknown column {}", crate::ui::term::excerpt(&name)),
            )
            .hint(format!(
                "accepted columns: {}, {}",
                REQUIRED.join(","),
                OPTIONAL.join(",")
            )));
        }
        if let Some(first) = map.insert(name.clone(), i) {
            return Err(Error::usage(
                "import-header",
                format!(
                    "line 1: column {name} appears twice (columns {} and {})",
                    first + 1,
                    i + 1
                ),
            )
            .hint("keep one column of each name; a second one would silently override the first"));
        }
    }
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|c| !map.contains_key(*c))
        .collect();
    if !missing.is_empty() {
        return Err(Error::usage(
            "import-header",
            format!("line 1: missing column(s) {}", missing.join(", ")),
        )
        .hint(format!("the header needs {}", REQUIRED.join(","))));
    }
    Ok(map)
}

fn parse_row(
    cfg: &Config,
    cols: &HashMap<String, usize>,
    rec: &csv::StringRecord,
    now: OffsetDateTime,
) -> std::result::Result<Customer, FieldError> {
    let get = |name: &str| {
        cols.get(name)
            .and_then(|&i| rec.get(i))
            .unwrap_or("")
            .to_string()
    };
    let opt = |name: &str| Some(get(name)).filter(|s| !s.trim().is_empty());
    let since = |name: &str| {
        opt(name)
            .map(|s| contact::parse_since(name, &s, now))
            .transpose()
    };
    let args = ContactArgs {
        name: get("name"),
        phone: get("phone"),
        email: get("email"),
        street: get("street"),
        city: get("city"),
        region: get("region"),
        postal_code: get("postal_code"),
        country: get("country"),
        account_rep: opt("account_rep"),
        cpni_contract: opt("cpni_contract"),
    };
    if args.account_rep.is_some() != args.cpni_contract.is_some() {
        return Err(FieldError::new(
            "cpni_contract",
            "account_rep and cpni_contract go together: give both or neither",
        ));
    }
    let s = Since {
        phone: since("phone_since")?,
        email: since("email_since")?,
        postal: since("postal_since")?,
    };
    new_customer(cfg, &get("account"), &args, s, now)
}
