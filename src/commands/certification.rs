//! The annual CPNI certification report (64.2009(e)): for one calendar year in the carrier's
//! time zone (`[breach] time_zone`), what an
//! officer needs to sign the certificate due March 1: verifications by method and outcome,
//! refusals, lockouts, disclosures by scope, channel and purpose, third-party disclosures,
//! notices sent, approval changes, breaches with their deadlines met or missed, complaints, and
//! actions taken against pretexters. Text, JSON (`--json` or `--format json`) or CSV
//! (`section,name,value`).
//!
//! Every item is assigned to the year by the date it happened, in the carrier's zone: a
//! breach by its determination, a notice by when it was sent (an opt-out notice another system
//! sent, by its `--sent-on` day, not the day it was recorded), everything else by when it was
//! recorded. The report says so.
//!
//! Counts come from the audit log (and the complaint and breach records), so they can be
//! re-derived from an audit export. The year's audit export and its manifest are produced by
//! `cpni audit export`, not here.
//!
//! Registered for now as the hidden top-level `cpni certification`; it moves under
//! `cpni report` when that family exists.

use clap::Args;
use serde_json::{Value, json};

use crate::audit::Event;
use crate::commands::breach::view;
use crate::commands::context::{Ctx, SUPERVISORS};
use crate::error::{Error, Result};
use crate::store::Db;
use crate::{clock, ui::term::safe};

#[derive(Debug, Args)]
pub struct CertificationArgs {
    /// The calendar year covered (the certificate filed by March 1 covers the year before)
    #[arg(long)]
    pub year: i32,
    /// Output format [default: text, or json with --json]
    #[arg(long, value_parser = ["text", "json", "csv"])]
    pub format: Option<String>,
}

/// How items are assigned to the year (printed with the report).
const PERIOD_RULE: &str = "each item counts in the year of the date it happened in the carrier's time zone: a breach by its determination, a notice by when it was sent, other records by when they were recorded";

/// One CSV row: section, name, value.
type Row = (&'static str, String, String);

pub fn run(ctx: &Ctx, year: i32, format: Option<&str>) -> Result<u8> {
    if !(1970..=9998).contains(&year) {
        return Err(Error::usage(
            "year",
            format!("--year {year} is out of range"),
        ));
    }
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "report certification", SUPERVISORS)?;
    let format = format.unwrap_or(if ctx.out.json { "json" } else { "text" });
    let now = clock::now();
    let (doc, rows) = build(ctx, &db, year, now)?;
    let ev = Event::new("report.certification")
        .with("year", year)
        .with("format", format);
    db.step(|tx| tx.append(&acting.actor, now, ev).map(|_| ()))?;
    match format {
        "json" => ctx.out.raw(&format!("{doc}\n")),
        "csv" => ctx.out.raw(&csv(&rows)?),
        _ => ctx.out.print(&doc, &text(&doc)),
    }
    Ok(0)
}

fn pairs(section: &'static str, rows: &mut Vec<Row>, v: &[(String, i64)]) -> Value {
    let mut map = serde_json::Map::new();
    for (k, n) in v {
        let k = if k.is_empty() { "(none)" } else { k };
        rows.push((section, k.to_string(), n.to_string()));
        map.insert(k.to_string(), json!(n));
    }
    Value::Object(map)
}

fn sum(v: &[(String, i64)]) -> i64 {
    v.iter().map(|(_, n)| n).sum()
}

/// The report as JSON and as CSV rows.
fn build(ctx: &Ctx, db: &Db, year: i32, now: time::OffsetDateTime) -> Result<(Value, Vec<Row>)> {
    let conn = &db.read();
    let zone = &ctx.cfg.time_zone;
    let (start, end) = zone.year_bounds(year);
    let (since, until) = (clock::format(start), clock::format(end));
    let (s, u) = (since.as_str(), until.as_str());
    let mut rows: Vec<Row> = Vec::new();

    let mut verifications = Vec::new();
    for (event, n) in conn.cert_event_counts(s, u, "auth.%")? {
        let mut parts = event.splitn(3, '.').skip(1);
        let (method, outcome) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        rows.push((
            "verifications",
            format!("{method} {outcome}"),
            n.to_string(),
        ));
        verifications.push(json!({"method": method, "outcome": outcome, "count": n}));
    }
    let refusals: Vec<(String, i64)> = conn
        .cert_event_counts(s, u, "%.refused")?
        .into_iter()
        .filter(|(e, _)| !e.starts_with("auth."))
        .collect();
    let refusals_doc = pairs("refusals", &mut rows, &refusals);

    let lockouts = sum(&conn.cert_event_counts(s, u, "lock.start")?);
    let locked_accounts = conn.cert_distinct_accounts(s, u, "lock.start")?;
    let unlocks = sum(&conn.cert_event_counts(s, u, "lock.unlock")?);
    rows.push(("lockouts", "lockouts".into(), lockouts.to_string()));
    rows.push((
        "lockouts",
        "accounts locked".into(),
        locked_accounts.to_string(),
    ));
    rows.push(("lockouts", "supervisor unlocks".into(), unlocks.to_string()));

    let mut disclosures = Vec::new();
    let mut total = 0;
    for (scope, channel, purpose, n) in conn.cert_disclosures(s, u)? {
        total += n;
        rows.push((
            "disclosures",
            format!("{scope}/{channel}/{purpose}"),
            n.to_string(),
        ));
        disclosures
            .push(json!({"scope": scope, "channel": channel, "purpose": purpose, "count": n}));
    }
    rows.push(("disclosures", "total".into(), total.to_string()));
    let by = |key: &str, rows: &mut Vec<Row>, section: &'static str| -> Result<Value> {
        Ok(pairs(
            section,
            rows,
            &conn.cert_detail_counts(s, u, "disclosure", key)?,
        ))
    };
    let by_scope = by("scope", &mut rows, "disclosures by scope")?;
    let by_channel = by("channel", &mut rows, "disclosures by channel")?;
    let by_purpose = by("purpose", &mut rows, "disclosures by purpose")?;
    let third = conn.cert_third_party(s, u)?;
    rows.push((
        "third-party disclosures",
        "count".into(),
        third.len().to_string(),
    ));

    let sent = conn.cert_detail_counts(s, u, "delivery.sent", "kind")?;
    let kind = |k: &str| sent.iter().find(|(x, _)| x == k).map_or(0, |(_, n)| *n);
    let external = conn.cert_external_consent_notices(
        &format!("{year:04}-01-01"),
        &format!("{:04}-01-01", year + 1),
    )?;
    let notices = json!({
        "account_change": kind("notice"),
        "opt_out": kind("consent-notice"),
        "opt_out_sent_elsewhere": external,
    });
    rows.push((
        "notices sent",
        "account change (64.2010(f))".into(),
        kind("notice").to_string(),
    ));
    rows.push((
        "notices sent",
        "opt-out (64.2008)".into(),
        kind("consent-notice").to_string(),
    ));
    rows.push((
        "notices sent",
        "opt-out sent by another system".into(),
        external.to_string(),
    ));

    let approvals = conn.cert_detail_counts(s, u, "consent.record", "choice")?;
    let approvals_doc = pairs("approval changes", &mut rows, &approvals);

    let breaches = breaches(ctx, db, s, u, now, &mut rows)?;

    let complaints = conn.cert_complaints(s, u)?;
    let complaints_doc = pairs("complaints", &mut rows, &complaints);
    let pretexting = complaints
        .iter()
        .find(|(c, _)| c == "pretexting")
        .map_or(0, |(_, n)| *n);
    let linked = sum(&conn.cert_event_counts(s, u, "breach.link")?);
    rows.push((
        "pretexters",
        "pretexting complaints".into(),
        pretexting.to_string(),
    ));
    rows.push(("pretexters", "lockouts".into(), lockouts.to_string()));
    rows.push((
        "pretexters",
        "impostor sessions linked to breaches".into(),
        linked.to_string(),
    ));

    let doc = json!({
        "year": year,
        "period": {"from": since, "until": until, "time_zone": zone.name(),
                   "rule": PERIOD_RULE},
        "generated_at": clock::format(now),
        "verifications": verifications,
        "refusals": refusals_doc,
        "lockouts": {"count": lockouts, "accounts": locked_accounts, "unlocks": unlocks},
        "disclosures": {
            "total": total, "rows": disclosures,
            "by_scope": by_scope, "by_channel": by_channel, "by_purpose": by_purpose,
        },
        "third_party_disclosures": {"count": third.len(), "records": third},
        "notices_sent": notices,
        "approval_changes": approvals_doc,
        "breaches": breaches,
        "complaints": {"total": sum(&complaints), "by_category": complaints_doc},
        "pretexters": {
            "pretexting_complaints": pretexting,
            "lockouts": lockouts,
            "impostor_sessions_linked": linked,
        },
        "audit_export": "not included: run `cpni audit export` for the year to attach the records and their manifest",
    });
    Ok((doc, rows))
}

fn breaches(
    ctx: &Ctx,
    db: &Db,
    s: &str,
    u: &str,
    now: time::OffsetDateTime,
    rows: &mut Vec<Row>,
) -> Result<Vec<Value>> {
    let cal = &ctx.cfg.calendar;
    let mut out = Vec::new();
    for b in db.read().breaches(Some(s), Some(u))? {
        let l = view::load(&db.read(), b)?;
        let c = view::compute(&l, cal, &ctx.cfg.time_zone, now);
        let id = l.breach.id;
        rows.push((
            "breaches",
            format!("#{id} law enforcement by {}", c.deadlines.le_deadline),
            c.standings.law_enforcement.as_str().into(),
        ));
        if let Some(f) = c.standings.fcc {
            rows.push(("breaches", format!("#{id} FCC"), f.as_str().into()));
        }
        rows.push((
            "breaches",
            format!("#{id} customers"),
            c.standings.customers.as_str().into(),
        ));
        let full = view::json(&l, &c, cal);
        out.push(json!({
            "id": id,
            "rule": c.rule.as_str(),
            "discovered_at": l.breach.discovered_at,
            "determined_on": c.determined_on.to_string(),
            "le_deadline": c.deadlines.le_deadline.to_string(),
            "le_notice_on": c.facts.le_notice_on.map(|d| d.to_string()),
            "fcc_deadline": full["fcc_deadline"],
            "customer_notice_earliest": full["customer_notice_earliest"],
            "customer_notice_deadline": full["customer_notice_deadline"],
            "customer_notice_on": c.facts.customer_notice_on.map(|d| d.to_string()),
            "standing": full["standing"],
            "accounts": l.accounts.len(),
            "affected": l.breach.affected,
        }));
    }
    Ok(out)
}

/// CSV text with formula-like cells neutralised (design.md §4).
fn csv(rows: &[Row]) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let cell = |s: &str| -> String {
        if s.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) {
            format!("'{s}")
        } else {
            s.to_string()
        }
    };
    let io = |e: csv::Error| Error::internal(format!("CSV: {e}"));
    w.write_record(["section", "name", "value"]).map_err(io)?;
    for (section, name, value) in rows {
        w.write_record([cell(section), cell(name), cell(value)])
            .map_err(io)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::internal(format!("CSV: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn counts(v: &Value) -> String {
    match v.as_object() {
        Some(m) if !m.is_empty() => m
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", "),
        _ => "none".into(),
    }
}

fn text(d: &Value) -> String {
    let mut out = vec![
        format!(
            "CPNI certification report for {} (calendar year in {}; generated {})",
            d["year"],
            d["period"]["time_zone"].as_str().unwrap_or(""),
            d["generated_at"].as_str().unwrap_or("")
        ),
        format!("Period: {PERIOD_RULE}."),
    ];
    out.push("Verifications (method outcome: count):".into());
    for v in d["verifications"].as_array().into_iter().flatten() {
        out.push(format!(
            "  {} {}: {}",
            v["method"].as_str().unwrap_or(""),
            v["outcome"].as_str().unwrap_or(""),
            v["count"]
        ));
    }
    out.push(format!("Other refusals: {}", counts(&d["refusals"])));
    let l = &d["lockouts"];
    out.push(format!(
        "Lockouts: {} ({} accounts); supervisor unlocks: {}",
        l["count"], l["accounts"], l["unlocks"]
    ));
    let ds = &d["disclosures"];
    out.push(format!("Disclosures: {}", ds["total"]));
    out.push(format!("  by scope: {}", counts(&ds["by_scope"])));
    out.push(format!("  by channel: {}", counts(&ds["by_channel"])));
    out.push(format!("  by purpose: {}", counts(&ds["by_purpose"])));
    out.push(format!(
        "Third-party disclosures (designated by the customer): {}",
        d["third_party_disclosures"]["count"]
    ));
    for r in d["third_party_disclosures"]["records"]
        .as_array()
        .into_iter()
        .flatten()
    {
        out.push(format!(
            "  {} {} {} ref {}",
            r["at"].as_str().unwrap_or(""),
            r["account"].as_str().unwrap_or(""),
            r["scope"].as_str().unwrap_or(""),
            safe(r["reference"].as_str().unwrap_or("-"))
        ));
    }
    let n = &d["notices_sent"];
    out.push(format!(
        "Notices sent: account changes {}, opt-out {} (+{} sent by another system)",
        n["account_change"], n["opt_out"], n["opt_out_sent_elsewhere"]
    ));
    out.push(format!(
        "Approval changes: {}",
        counts(&d["approval_changes"])
    ));
    let breaches = d["breaches"].as_array().cloned().unwrap_or_default();
    out.push(format!(
        "Breaches determined in the year: {}",
        breaches.len()
    ));
    for b in &breaches {
        out.push(format!(
            "  #{} ({} rule) determined {}: law enforcement by {} {}; customers {}",
            b["id"],
            b["rule"].as_str().unwrap_or(""),
            b["determined_on"].as_str().unwrap_or(""),
            b["le_deadline"].as_str().unwrap_or(""),
            b["standing"]["law_enforcement"].as_str().unwrap_or(""),
            b["standing"]["customers"].as_str().unwrap_or(""),
        ));
    }
    out.push(format!(
        "Complaints: {} ({})",
        d["complaints"]["total"],
        counts(&d["complaints"]["by_category"])
    ));
    let p = &d["pretexters"];
    out.push(format!("Actions against pretexters: {} pretexting complaints, {} lockouts, {} impostor sessions linked to breaches", p["pretexting_complaints"], p["lockouts"], p["impostor_sessions_linked"]));
    out.push("Not included: the year's audit export and manifest (cpni audit export).".into());
    out.join("\n")
}
