//! Supervisor reports over audit events: pure aggregation into [`Table`]s (no SQL, no clock).
//!
//! - failures: failed and refused authentication by agent and method;
//! - lockouts: each `lock.start`, and who lifted it (`lock.unlock`) and why;
//! - agents: accounts that failed with several agents or sessions inside a short window, the
//!   classic sign of a pretexter calling again and again until someone gives in;
//! - disclosures: disclosures (and refusals) by scope, channel and purpose.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

/// One audit event as the reports need it. `agent` is the person: `on_behalf_of` when a
/// service account acted for someone, else the actor.
#[derive(Debug, Clone)]
pub struct Ev {
    pub seq: i64,
    pub at: String,
    /// Milliseconds since 1970 (parsed from `at`).
    pub at_ms: i64,
    pub agent: String,
    pub account: String,
    pub session: String,
    pub event: String,
    pub detail: Value,
}

/// A report: column names and rows of JSON values, rendered as text, CSV or JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Value>>,
}

/// `auth.pin.fail` -> ("pin", "fail"); anything else -> None.
fn auth_outcome(event: &str) -> Option<(&str, &str)> {
    let rest = event.strip_prefix("auth.")?;
    let (method, outcome) = rest.rsplit_once('.')?;
    matches!(outcome, "fail" | "refused").then_some((method, outcome))
}

pub fn is_failure(event: &str) -> bool {
    auth_outcome(event).is_some_and(|(_, o)| o == "fail")
}

/// Failed and refused authentication attempts by agent and method.
pub fn failures(evs: &[Ev]) -> Table {
    let mut counts: BTreeMap<(String, String), (u64, u64, BTreeSet<String>)> = BTreeMap::new();
    for e in evs {
        let Some((method, outcome)) = auth_outcome(&e.event) else {
            continue;
        };
        let c = counts
            .entry((e.agent.clone(), method.to_string()))
            .or_default();
        if outcome == "fail" {
            c.0 += 1;
        } else {
            c.1 += 1;
        }
        c.2.insert(e.account.clone());
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| (b.1.0 + b.1.1).cmp(&(a.1.0 + a.1.1)).then(a.0.cmp(&b.0)));
    Table {
        columns: vec!["agent", "method", "failures", "refused", "accounts"],
        rows: rows
            .into_iter()
            .map(|((agent, method), (f, r, acc))| {
                vec![
                    json!(agent),
                    json!(method),
                    json!(f),
                    json!(r),
                    json!(acc.len()),
                ]
            })
            .collect(),
    }
}

/// Each lock, and the unlock that lifted it early (if any).
pub fn lockouts(evs: &[Ev]) -> Table {
    let mut rows = Vec::new();
    for (i, e) in evs
        .iter()
        .enumerate()
        .filter(|(_, e)| e.event == "lock.start")
    {
        let unlock = evs[i + 1..]
            .iter()
            .filter(|u| u.account == e.account)
            .take_while(|u| u.event != "lock.start")
            .find(|u| u.event == "lock.unlock");
        rows.push(vec![
            json!(e.account),
            json!(e.at),
            e.detail.get("until").cloned().unwrap_or(Value::Null),
            e.detail.get("level").cloned().unwrap_or(Value::Null),
            json!(e.agent),
            unlock.map_or(Value::Null, |u| json!(u.at)),
            unlock.map_or(Value::Null, |u| json!(u.agent)),
            unlock.map_or(Value::Null, |u| {
                u.detail.get("reason").cloned().unwrap_or(Value::Null)
            }),
        ]);
    }
    Table {
        columns: vec![
            "account",
            "locked_at",
            "until",
            "level",
            "agent",
            "unlocked_at",
            "unlocked_by",
            "reason",
        ],
        rows,
    }
}

/// Accounts whose failures came from at least two agents or two sessions within `window_ms`:
/// for each account the busiest such window.
pub fn pretexting(evs: &[Ev], window_ms: i64) -> Table {
    let mut by_account: BTreeMap<&str, Vec<&Ev>> = BTreeMap::new();
    for e in evs.iter().filter(|e| is_failure(&e.event)) {
        by_account.entry(&e.account).or_default().push(e);
    }
    let mut rows = Vec::new();
    for (account, mut fails) in by_account {
        fails.sort_by_key(|e| (e.at_ms, e.seq));
        if let Some(w) = busiest_window(&fails, window_ms) {
            let agents: Vec<&str> = w
                .iter()
                .map(|e| e.agent.as_str())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let sessions = w
                .iter()
                .map(|e| e.session.as_str())
                .collect::<BTreeSet<_>>()
                .len();
            rows.push(vec![
                json!(account),
                json!(w[0].at),
                json!(w[w.len() - 1].at),
                json!(w.len()),
                json!(agents.len()),
                json!(sessions),
                json!(agents.join(" ")),
            ]);
        }
    }
    rows.sort_by(|a, b| {
        b[4].as_u64()
            .cmp(&a[4].as_u64())
            .then(b[3].as_u64().cmp(&a[3].as_u64()))
    });
    Table {
        columns: vec![
            "account",
            "first_at",
            "last_at",
            "failures",
            "agents",
            "sessions",
            "agent_list",
        ],
        rows,
    }
}

/// The window (slice of `fails`, sorted by time) with the most distinct agents, then
/// sessions, then failures; only if it has at least two agents or two sessions.
fn busiest_window<'a>(fails: &'a [&'a Ev], window_ms: i64) -> Option<&'a [&'a Ev]> {
    // (distinct agents, distinct sessions, failures) of the best window so far.
    type Score = (usize, usize, usize);
    let mut best: Option<(&[&Ev], Score)> = None;
    let mut start = 0;
    for end in 0..fails.len() {
        while fails[end].at_ms - fails[start].at_ms > window_ms {
            start += 1;
        }
        let w = &fails[start..=end];
        let agents = w.iter().map(|e| &e.agent).collect::<BTreeSet<_>>().len();
        let sessions = w.iter().map(|e| &e.session).collect::<BTreeSet<_>>().len();
        let score = (agents, sessions, w.len());
        if (agents >= 2 || sessions >= 2) && best.is_none_or(|(_, s)| score > s) {
            best = Some((w, score));
        }
    }
    best.map(|(w, _)| w)
}

/// Disclosures and refused disclosures by scope, channel and purpose.
pub fn disclosures(evs: &[Ev]) -> Table {
    let mut counts: BTreeMap<(String, String, String), (u64, u64)> = BTreeMap::new();
    for e in evs {
        let refused = match e.event.as_str() {
            "disclosure" => false,
            "disclosure.refused" => true,
            _ => continue,
        };
        let field = |k: &str| {
            e.detail
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let c = counts
            .entry((field("scope"), field("channel"), field("purpose")))
            .or_default();
        if refused {
            c.1 += 1;
        } else {
            c.0 += 1;
        }
    }
    Table {
        columns: vec!["scope", "channel", "purpose", "disclosures", "refused"],
        rows: counts
            .into_iter()
            .map(|((s, c, p), (n, r))| vec![json!(s), json!(c), json!(p), json!(n), json!(r)])
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(seq: i64, min: i64, agent: &str, account: &str, session: &str, event: &str) -> Ev {
        Ev {
            seq,
            at: format!("t{min}"),
            at_ms: min * 60_000,
            agent: agent.into(),
            account: account.into(),
            session: session.into(),
            event: event.into(),
            detail: json!({"scope": "account", "channel": "phone", "purpose": "billing", "reason": "ok"}),
        }
    }

    #[test]
    fn failures_group_by_agent_and_method() {
        let evs = [
            ev(1, 0, "ann", "A1", "s1", "auth.pin.fail"),
            ev(2, 1, "ann", "A1", "s1", "auth.pin.fail"),
            ev(3, 2, "ann", "A2", "s2", "auth.code.refused"),
            ev(4, 3, "bob", "A1", "s3", "auth.pin.ok"),
        ];
        let t = failures(&evs);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(
            t.rows[0],
            vec![json!("ann"), json!("pin"), json!(2), json!(0), json!(1)]
        );
        assert_eq!(t.rows[1][1], json!("code"));
    }

    #[test]
    fn pretexting_needs_two_agents_or_sessions_in_the_window() {
        let evs = [
            ev(1, 0, "ann", "A1", "s1", "auth.pin.fail"),
            ev(2, 10, "bob", "A1", "s2", "auth.pin.fail"),
            ev(3, 0, "ann", "A2", "s3", "auth.pin.fail"),
            ev(4, 1, "ann", "A2", "s3", "auth.pin.fail"),
            ev(5, 0, "ann", "A3", "s4", "auth.pin.fail"),
            ev(6, 300, "bob", "A3", "s5", "auth.pin.fail"),
        ];
        let t = pretexting(&evs, 60 * 60_000);
        assert_eq!(t.rows.len(), 1, "{t:?}");
        assert_eq!(t.rows[0][0], json!("A1"));
        assert_eq!(t.rows[0][4], json!(2));
    }

    #[test]
    fn lockouts_pair_with_their_unlock() {
        let evs = [
            ev(1, 0, "ann", "A1", "s1", "lock.start"),
            ev(2, 5, "sue", "A1", "", "lock.unlock"),
            ev(3, 9, "ann", "A2", "s2", "lock.start"),
        ];
        let t = lockouts(&evs);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0][6], json!("sue"));
        assert_eq!(t.rows[1][6], Value::Null);
    }

    #[test]
    fn disclosures_by_scope_channel_purpose() {
        let evs = [
            ev(1, 0, "ann", "A1", "s1", "disclosure"),
            ev(2, 0, "ann", "A1", "s1", "disclosure.refused"),
        ];
        let t = disclosures(&evs);
        assert_eq!(
            t.rows,
            vec![vec![
                json!("account"),
                json!("phone"),
                json!("billing"),
                json!(1),
                json!(1)
            ]]
        );
    }
}
