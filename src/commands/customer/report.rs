//! `cpni customer report ACCOUNT [--format text|json]`: everything cpni holds about one
//! customer, for the customer's right to review it: contacts of record with their dates, the
//! CPNI approval history and status, sessions, authentication attempts and refusals (who, when,
//! method, outcome), one-time codes issued, disclosures (with the text of the calls a caller
//! described), messages and notices, account changes, complaints and the breaches that name the
//! account.
//!
//! Never included: a PIN, backup secret or code, their hashes, or a message body. Agent logins
//! appear only as who handled an attempt or issued a code. Pulling the report is itself an
//! audit record.

use clap::Args;
use serde_json::{Value, json};

use super::show::{customer_json, load};
use crate::audit::Event;
use crate::clock;
use crate::commands::consent;
use crate::commands::context::{Ctx, SUPERVISORS};
use crate::error::Result;
use crate::store::complaint::Filter;
use crate::ui::term::safe;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Account id
    pub account: String,
    /// Output format [default: text, or json with --json]
    #[arg(long, value_parser = ["text", "json"])]
    pub format: Option<String>,
}

pub fn run(ctx: &Ctx, a: ReportArgs) -> Result<u8> {
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "customer report", SUPERVISORS)?;
    let c = load(&db.read(), &a.account)?;
    let now = clock::now();
    let conn = &db.read();
    let (status, history) = consent::status_of(conn, &c.account, now.date())?;
    let history: Vec<Value> = history
        .iter()
        .map(|r| {
            json!({"recorded_at": r.recorded_at, "kind": r.kind, "via": r.via, "method": r.method,
                   "evidence": r.evidence, "sent_on": r.sent_on})
        })
        .collect();
    let complaints: Vec<Value> = conn.complaints(&Filter {
            account: Some(c.account.clone()),
            ..Filter::default()
        },
    )?
    .into_iter()
    .map(|r| json!({"received_at": r.received_at, "category": r.category, "description": r.description}))
    .collect();
    let mut breaches = Vec::new();
    for id in conn.breaches_of_account(&c.account)? {
        if let Some(b) = conn.breach(id)? {
            breaches.push(
                json!({"id": b.id, "determined_on": b.determined_on, "description": b.description}),
            );
        }
    }
    let changes: Vec<Value> = conn
        .report_changes(&c.account)?
        .into_iter()
        .map(|(at, what)| json!({"at": at, "what": what}))
        .collect();
    let doc = json!({
        "account": c.account,
        "generated_at": clock::format(now),
        "customer": customer_json(&c, ctx.cfg.mail_code_days, now),
        "approval": {"status": status.id(), "label": status.label(), "history": history},
        "sessions": conn.report_sessions(&c.account)?,
        "authentication": conn.report_attempts(&c.account)?,
        "codes_issued": conn.report_codes(&c.account)?,
        "disclosures": conn.report_disclosures(&c.account)?,
        "messages": conn.report_messages(&c.account)?,
        "account_changes": changes,
        "complaints": complaints,
        "breaches": breaches,
    });
    let ev = Event::new("customer.report").account(&c.account);
    db.step(|tx| tx.append(&acting.actor, now, ev).map(|_| ()))?;
    let json_out = a.format.as_deref() == Some("json") || (a.format.is_none() && ctx.out.json);
    if json_out {
        ctx.out.raw(&format!("{doc}\n"));
    } else {
        ctx.out.print(&doc, &text(&doc));
    }
    Ok(0)
}

fn s(v: &Value) -> String {
    match v {
        Value::Null => "-".into(),
        Value::String(x) => safe(x).into_owned(),
        other => other.to_string(),
    }
}

fn section(out: &mut Vec<String>, title: &str, rows: &Value, line: impl Fn(&Value) -> String) {
    let rows = rows.as_array().cloned().unwrap_or_default();
    out.push(format!("{title} ({})", rows.len()));
    out.extend(rows.iter().map(|r| format!("  {}", line(r))));
}

fn text(d: &Value) -> String {
    let c = &d["customer"];
    let mut out = vec![
        format!(
            "What we hold about account {} (as of {})",
            s(&d["account"]),
            s(&d["generated_at"])
        ),
        format!("Name: {}", s(&c["name"])),
        format!(
            "Telephone number of record: {} (since {})",
            s(&c["phone"]["value"]),
            s(&c["phone"]["since"])
        ),
        format!(
            "Email address of record: {} (since {})",
            s(&c["email"]["value"]),
            s(&c["email"]["since"])
        ),
        format!(
            "Postal address of record: {}, {}, {} {}, {} (since {})",
            s(&c["postal"]["street"]),
            s(&c["postal"]["city"]),
            s(&c["postal"]["region"]),
            s(&c["postal"]["postal_code"]),
            s(&c["postal"]["country"]),
            s(&c["postal"]["since"])
        ),
        format!(
            "PIN set: {}; backup passphrase set: {} (their values are never shown or kept in clear)",
            c["pin_set"], c["backup_set"]
        ),
        format!("CPNI approval: {}", s(&d["approval"]["label"])),
    ];
    section(
        &mut out,
        "Approval history",
        &d["approval"]["history"],
        |r| {
            let how = r["method"].as_str().or(r["via"].as_str()).unwrap_or("");
            format!("{} {} {how}", s(&r["recorded_at"]), s(&r["kind"]))
        },
    );
    section(&mut out, "Calls and visits", &d["sessions"], |r| {
        format!(
            "{} {} {} verified by {}",
            s(&r["started_at"]),
            s(&r["id"]),
            s(&r["channel"]),
            s(&r["basis"])
        )
    });
    section(
        &mut out,
        "Authentication attempts and refusals",
        &d["authentication"],
        |r| {
            format!(
                "{} {} {} {} by agent {}{}",
                s(&r["at"]),
                s(&r["session"]),
                s(&r["method"]),
                s(&r["outcome"]),
                s(&r["agent"]),
                r["reason"]
                    .as_str()
                    .map(|x| format!(" ({})", safe(x)))
                    .unwrap_or_default()
            )
        },
    );
    section(&mut out, "One-time codes issued", &d["codes_issued"], |r| {
        format!(
            "{} {} by {} (expires {}) by agent {}",
            s(&r["issued_at"]),
            s(&r["session"]),
            s(&r["channel"]),
            s(&r["expires_at"]),
            s(&r["agent"])
        )
    });
    section(&mut out, "Information disclosed", &d["disclosures"], |r| {
        format!(
            "{} {} by {} for {}{}",
            s(&r["at"]),
            s(&r["scope"]),
            s(&r["channel"]),
            s(&r["purpose"]),
            r["calls"]
                .as_str()
                .map(|x| format!(": calls described: {}", safe(x)))
                .unwrap_or_default()
        )
    });
    section(&mut out, "Messages and notices", &d["messages"], |r| {
        format!(
            "{} {} by {} to {}: {}",
            s(&r["created_at"]),
            s(&r["kind"]),
            s(&r["channel"]),
            s(&r["recipient"]).replace('\n', ", "),
            s(&r["status"])
        )
    });
    section(&mut out, "Account changes", &d["account_changes"], |r| {
        format!("{} {}", s(&r["at"]), s(&r["what"]))
    });
    section(&mut out, "Complaints", &d["complaints"], |r| {
        format!(
            "{} {}: {}",
            s(&r["received_at"]),
            s(&r["category"]),
            s(&r["description"])
        )
    });
    section(
        &mut out,
        "Breaches involving the account",
        &d["breaches"],
        |r| {
            format!(
                "#{} determined {}: {}",
                s(&r["id"]),
                s(&r["determined_on"]),
                s(&r["description"])
            )
        },
    );
    out.join("\n")
}
