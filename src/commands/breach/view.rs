//! A breach as the officer sees it: its facts, the computed deadlines, and how each notice
//! stands today, as JSON and as text. Deadlines are computed here from the stored facts every
//! time, so a hold or a notice recorded later moves them. The calendar date of the
//! determination and of each notice is taken in the carrier's time zone (`[breach] time_zone`),
//! from the stored instant, whatever offset it was written with; the output names the zone.
//! The hold in force is the most recently recorded one; every hold is listed.

use serde_json::{Value, json};
use time::{Date, OffsetDateTime};

use crate::domain::breach::{self, Deadlines, Facts, Rule, Standings};
use crate::domain::business_days::{self, Calendar};
use crate::domain::time_zone::CarrierZone;
use crate::error::Result;
use crate::store::breach::{Breach, Hold, Link, Notice};
use crate::ui::term::safe;
use crate::{clock, store};

/// Everything recorded about one breach.
pub struct Loaded {
    pub breach: Breach,
    pub accounts: Vec<String>,
    pub holds: Vec<Hold>,
    pub notices: Vec<Notice>,
    pub links: Vec<Link>,
}

/// Loads a breach with its holds, notices and links.
pub fn load(conn: &store::Read<'_>, b: Breach) -> Result<Loaded> {
    Ok(Loaded {
        accounts: conn.breach_accounts(b.id)?,
        holds: conn.breach_holds(b.id)?,
        notices: conn.breach_notices(b.id)?,
        links: conn.breach_links(b.id)?,
        breach: b,
    })
}

/// The computed view.
pub struct Computed {
    /// The carrier's time zone the dates are in.
    pub zone: String,
    pub rule: Rule,
    pub determined_on: Date,
    pub facts: Facts,
    /// Each notice's calendar date in the carrier's zone, in the order of `Loaded::notices`.
    pub notice_dates: Vec<Option<Date>>,
    pub deadlines: Deadlines,
    pub standings: Standings,
}

/// The calendar date, in the carrier's zone, of a stored instant (a stored date as a fallback).
fn local_date(zone: &CarrierZone, at: &str, fallback: &str) -> Option<Date> {
    clock::parse(at)
        .map(|t| zone.date_of(t))
        .or_else(|| clock::parse_date(fallback))
}

fn first(notices: &[Notice], party: &str, zone: &CarrierZone) -> Option<Date> {
    notices
        .iter()
        .filter(|n| n.party == party)
        .filter_map(|n| local_date(zone, &n.at, &n.on_date))
        .min()
}

/// Deadlines and standings as of `now`, with dates in the carrier's zone.
pub fn compute(l: &Loaded, cal: &Calendar, zone: &CarrierZone, now: OffsetDateTime) -> Computed {
    let b = &l.breach;
    let today = zone.date_of(now);
    let rule = Rule::parse(&b.rule).unwrap_or(Rule::R2007);
    let determined_on = local_date(zone, &b.determined_at, &b.determined_on).unwrap_or(today);
    let customer_on = first(&l.notices, "customers", zone);
    let holds: Vec<Date> = l
        .holds
        .iter()
        .filter_map(|h| clock::parse_date(&h.until_on))
        .collect();
    let facts = Facts {
        le_notice_on: first(&l.notices, "law-enforcement", zone),
        fcc_notice_on: first(&l.notices, "fcc", zone),
        customer_notice_on: customer_on,
        customer_notice_urgent: l.notices.iter().any(|n| {
            n.party == "customers"
                && n.urgent_ref.is_some()
                && local_date(zone, &n.at, &n.on_date) == customer_on
        }),
        hold_until: breach::hold_in_force(&holds),
        affected: b.affected,
        harm_likely: b.harm_likely,
    };
    let deadlines = breach::deadlines(rule, determined_on, &facts, cal);
    let standings = breach::standings(rule, &deadlines, &facts, today);
    Computed {
        notice_dates: l
            .notices
            .iter()
            .map(|n| local_date(zone, &n.at, &n.on_date))
            .collect(),
        zone: zone.name().to_string(),
        rule,
        determined_on,
        facts,
        deadlines,
        standings,
    }
}

/// Every hold in the order recorded; the last one is in force.
fn holds_json(l: &Loaded) -> Vec<Value> {
    let last = l.holds.len().saturating_sub(1);
    l.holds
        .iter()
        .enumerate()
        .map(|(i, h)| {
            json!({"until_on": h.until_on, "reference": h.reference, "agent": h.agent,
                   "recorded_at": h.recorded_at, "in_force": i == last})
        })
        .collect()
}

fn date(d: Option<Date>) -> Value {
    d.map_or(Value::Null, |d| json!(d.to_string()))
}

/// The JSON document of a breach.
pub fn json(l: &Loaded, c: &Computed, cal: &Calendar) -> Value {
    let b = &l.breach;
    let d = &c.deadlines;
    let mut doc = json!({
        "id": b.id,
        "rule": c.rule.as_str(),
        "description": b.description,
        "discovered_at": b.discovered_at,
        "determined_at": b.determined_at,
        "determined_on": c.determined_on.to_string(),
        "time_zone": c.zone,
        "accounts": l.accounts,
        "le_deadline": d.le_deadline.to_string(),
        "customer_notice_required": d.customer_notice_required,
        "hold_until": date(c.facts.hold_until),
        "standing": {
            "law_enforcement": c.standings.law_enforcement.as_str(),
            "customers": c.standings.customers.as_str(),
        },
        "holidays_skipped": cal.holidays_between(c.determined_on, d.le_deadline)
            .iter().map(|d| d.to_string()).collect::<Vec<_>>(),
        "assumption": business_days::ASSUMPTION,
        "notices": l.notices,
        "holds": holds_json(l),
        "linked_sessions": l.links,
        "opened_by": b.opened_by,
        "opened_at": b.opened_at,
        "closed_at": b.closed_at,
        "closed_by": b.closed_by,
        "close_reason": b.close_reason,
        "open": b.closed_at.is_none(),
    });
    match c.rule {
        Rule::R2007 => {
            doc["customer_notice_earliest"] = date(d.customer_notice_earliest);
        }
        Rule::R2024 => {
            doc["fcc_deadline"] = date(d.fcc_deadline);
            doc["customer_notice_deadline"] = date(d.customer_notice_deadline);
            if d.customer_notice_earliest.is_some() {
                doc["customer_notice_earliest"] = date(d.customer_notice_earliest);
            }
            doc["standing"]["fcc"] = json!(c.standings.fcc.map(|s| s.as_str()));
            doc["annual_summary_only"] = json!(d.annual_summary_only);
            doc["annual_summary_due"] = date(d.annual_summary_due);
        }
    }
    doc["fields"] = json!({
        "method": b.method,
        "began_on": b.began_on,
        "ended_on": b.ended_on,
        "affected": b.affected,
        "estimated_loss": b.estimated_loss,
        "data_types": b.data_types.as_deref().map(|t| t.split(',').collect::<Vec<_>>()),
        "contact": b.contact,
        "harm_likely": b.harm_likely,
    });
    doc
}

/// The readable form of a breach.
pub fn text(l: &Loaded, c: &Computed, cal: &Calendar) -> String {
    let b = &l.breach;
    let d = &c.deadlines;
    let when = |s: &str| {
        clock::parse(s)
            .map(clock::human)
            .unwrap_or_else(|| s.to_string())
    };
    let mut out = vec![
        format!(
            "Breach #{} ({} rule): {}",
            b.id,
            c.rule.as_str(),
            safe(&b.description)
        ),
        format!("  discovered   {}", when(&b.discovered_at)),
        format!(
            "  determined   {} (deadlines count from {}, the date in {})",
            when(&b.determined_at),
            c.determined_on,
            c.zone
        ),
    ];
    if let Some(closed) = &b.closed_at {
        out.push(format!(
            "  closed       {} by {}: {}",
            when(closed),
            safe(b.closed_by.as_deref().unwrap_or("-")),
            safe(b.close_reason.as_deref().unwrap_or("-"))
        ));
    }
    if !l.accounts.is_empty() {
        out.push(format!("  accounts     {}", l.accounts.join(", ")));
    }
    let le = match c.rule {
        Rule::R2007 => "law enforcement (USSS and FBI, through the FCC's reporting facility)",
        Rule::R2024 => "law enforcement (USSS, FBI)",
    };
    out.push(format!(
        "  Notify {le} by {}: {}",
        d.le_deadline,
        c.standings.law_enforcement.as_str()
    ));
    if let (Some(dl), Some(s)) = (d.fcc_deadline, c.standings.fcc) {
        out.push(format!("  Notify the FCC by {dl}: {}", s.as_str()));
    }
    out.push(customer_line(c));
    if d.annual_summary_only {
        out.push(format!(
            "  Fewer than 500 customers and no harm likely: report in the annual summary due {}",
            date(d.annual_summary_due).as_str().unwrap_or("February 1")
        ));
    }
    if let Some(h) = c.facts.hold_until {
        out.push(format!(
            "  Hold in force (the most recently recorded): no customer notice through {h}"
        ));
    }
    let last = l.holds.len().saturating_sub(1);
    for (i, h) in l.holds.iter().enumerate() {
        out.push(format!(
            "  hold through {} recorded {}{} ({})",
            h.until_on,
            when(&h.recorded_at),
            h.reference
                .as_deref()
                .map(|r| format!(" ref {}", safe(r)))
                .unwrap_or_default(),
            if i == last { "in force" } else { "replaced" }
        ));
    }
    for (n, on) in l.notices.iter().zip(&c.notice_dates) {
        out.push(format!(
            "  notice to {} on {} ({}), at {}{}",
            n.party,
            on.map_or_else(|| n.on_date.clone(), |d| d.to_string()),
            c.zone,
            when(&n.at),
            n.reference
                .as_deref()
                .map(|r| format!(" (ref {})", safe(r)))
                .unwrap_or_default()
        ));
    }
    for k in &l.links {
        out.push(format!(
            "  linked session {} ({}, {} disclosure(s))",
            k.session, k.account, k.disclosures
        ));
    }
    let skipped = cal.holidays_between(c.determined_on, d.le_deadline);
    if !skipped.is_empty() {
        let list: Vec<String> = skipped.iter().map(|d| d.to_string()).collect();
        out.push(format!("  Holidays skipped: {}", list.join(", ")));
    }
    out.push(format!("  Assumption: {}.", business_days::ASSUMPTION));
    out.join("\n")
}

fn customer_line(c: &Computed) -> String {
    let d = &c.deadlines;
    let s = c.standings.customers.as_str();
    match c.rule {
        Rule::R2007 => match d.customer_notice_earliest {
            Some(e) => format!("  Notify customers no earlier than {e}: {s}"),
            None => format!(
                "  Notify customers no earlier than 7 full business days after the law-enforcement notice (not yet recorded): {s}"
            ),
        },
        Rule::R2024 if !d.customer_notice_required => {
            format!("  Customer notice not required (no harm reasonably likely): {s}")
        }
        Rule::R2024 => format!(
            "  Notify customers by {}: {s}",
            date(d.customer_notice_deadline).as_str().unwrap_or("?")
        ),
    }
}
