//! `cpni report failures|lockouts|agents|disclosures [--since T] [--until T] [--format text|csv]`
//! (supervisor, admin): readable tables on a terminal, CSV for spreadsheets (cells neutralised
//! like the audit export), one JSON document with `--json`.

use clap::{Args, Subcommand, ValueEnum};
use serde_json::{Map, Value, json};

use crate::audit::export::neutralise;
use crate::audit::report::{self, Table};
use crate::commands::audit::bound;
use crate::commands::context::{Ctx, SUPERVISORS};
use crate::error::{Error, Result};
use crate::ui::term::safe;

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum ReportCommand {
    /// Failed and refused authentication by agent and method
    Failures(ReportArgs),
    /// Lockouts, and who unlocked them early and why
    Lockouts(ReportArgs),
    /// Accounts failed by several agents or sessions within a short window (pretexting signal)
    Agents(AgentsArgs),
    /// Disclosures and refusals by scope, channel and purpose
    Disclosures(ReportArgs),
    /// The annual CPNI certification report for a calendar year (64.2009(e))
    Certification(crate::commands::certification::CertificationArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    Text,
    Csv,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// From this time (RFC 3339 or YYYY-MM-DD, inclusive)
    #[arg(long, value_name = "T")]
    pub since: Option<String>,
    /// Before this time (RFC 3339 or YYYY-MM-DD, exclusive)
    #[arg(long, value_name = "T")]
    pub until: Option<String>,
    /// text (a table) or csv (for spreadsheets); --json gives one JSON document
    #[arg(long, value_enum, default_value_t = TableFormat::Text)]
    pub format: TableFormat,
}

#[derive(Debug, Args)]
pub struct AgentsArgs {
    #[command(flatten)]
    pub common: ReportArgs,
    /// The window, in minutes, within which failures count together
    #[arg(long, value_name = "MINUTES", default_value_t = 60)]
    pub window: u32,
}

pub fn run(ctx: &Ctx, cmd: ReportCommand) -> Result<u8> {
    let (name, args, window) = match cmd {
        ReportCommand::Certification(a) => {
            return crate::commands::certification::run(ctx, a.year, a.format.as_deref());
        }
        ReportCommand::Failures(a) => ("failures", a, 0),
        ReportCommand::Lockouts(a) => ("lockouts", a, 0),
        ReportCommand::Agents(a) => ("agents", a.common, a.window),
        ReportCommand::Disclosures(a) => ("disclosures", a, 0),
    };
    if name == "agents" && window == 0 {
        return Err(Error::usage("window", "--window must be at least 1 minute"));
    }
    let since = bound("--since", args.since.as_deref())?;
    let until = bound("--until", args.until.as_deref())?;
    let mut db = ctx.open()?;
    ctx.acting(&mut db, &format!("report {name}"), SUPERVISORS)?;
    let evs = db
        .read()
        .report_events(since.as_deref(), until.as_deref())?;
    let table = match name {
        "failures" => report::failures(&evs),
        "lockouts" => report::lockouts(&evs),
        "agents" => report::pretexting(&evs, i64::from(window) * 60_000),
        _ => report::disclosures(&evs),
    };
    let doc = json!({
        "report": name, "since": since, "until": until,
        "window_minutes": (name == "agents").then_some(window),
        "rows": objects(&table),
    });
    let text = match args.format {
        TableFormat::Text => text_table(&table),
        TableFormat::Csv => csv_table(&table)?,
    };
    ctx.out.print(&doc, &text);
    Ok(0)
}

fn objects(t: &Table) -> Vec<Value> {
    t.rows
        .iter()
        .map(|r| {
            let m: Map<String, Value> = t
                .columns
                .iter()
                .zip(r)
                .map(|(c, v)| (c.to_string(), v.clone()))
                .collect();
            Value::Object(m)
        })
        .collect()
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Aligned columns; numbers right-aligned; untrusted text made terminal-safe.
fn text_table(t: &Table) -> String {
    if t.rows.is_empty() {
        return "Nothing to report for this period.".into();
    }
    let cells: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.iter().map(|v| safe(&cell(v)).into_owned()).collect())
        .collect();
    let widths: Vec<usize> = (0..t.columns.len())
        .map(|i| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .chain([t.columns[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    let head: Vec<String> = t
        .columns
        .iter()
        .zip(&widths)
        .map(|(c, w)| format!("{c:<w$}"))
        .collect();
    out.push_str(head.join("  ").trim_end());
    for (r, raw) in cells.iter().zip(&t.rows) {
        let line: Vec<String> = r
            .iter()
            .zip(&widths)
            .zip(raw)
            .map(|((c, w), v)| match v {
                Value::Number(_) => format!("{c:>w$}"),
                _ => format!("{c:<w$}"),
            })
            .collect();
        out.push('\n');
        out.push_str(line.join("  ").trim_end());
    }
    out
}

/// RFC 4180 CSV with a header; every cell neutralised against formula injection.
fn csv_table(t: &Table) -> Result<String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut scratch = Vec::new();
    let mut write = |w: &mut csv::Writer<Vec<u8>>, cells: Vec<String>| -> Result<()> {
        for c in cells {
            w.write_field(neutralise(c.as_bytes(), &mut scratch))
                .map_err(|e| Error::internal(e.to_string()))?;
        }
        w.write_record(None::<&[u8]>)
            .map_err(|e| Error::internal(e.to_string()))
    };
    write(&mut w, t.columns.iter().map(|c| c.to_string()).collect())?;
    for r in &t.rows {
        write(&mut w, r.iter().map(cell).collect())?;
    }
    let bytes = w.into_inner().map_err(|e| Error::internal(e.to_string()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
