//! `cpni customer show` and `cpni customer list`: contacts of record with their dates, which
//! secrets are set (never their values or hashes), a temporary PIN's expiry, lock state and
//! business flags.

use clap::Args;
use serde_json::{Value, json};
use time::OffsetDateTime;

use super::ShowArgs;
use crate::commands::context::{ANY, Ctx};
use crate::domain::temp_pin::{self, TempPin};
use crate::domain::{contact, lockout, policy};
use crate::error::{Error, Result};
use crate::store::customers::Customer;
use crate::ui::term::safe;
use crate::{clock, store};

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only customers whose account, name, email or phone contains this text
    #[arg(long)]
    pub query: Option<String>,
    /// At most this many
    #[arg(long, default_value_t = 50)]
    pub limit: i64,
}

/// Loads a customer or fails with exit 4.
pub fn load(conn: &store::Read<'_>, account: &str) -> Result<Customer> {
    let id = contact::parse_account_id(account)?;
    conn.customer(&id)?.ok_or_else(|| {
        Error::not_found("no-account", format!("no customer with account {id}"))
            .hint("check the account id, or search with `cpni customer list --query TEXT`")
    })
}

fn contact_json(value: &str, since: &str, now: OffsetDateTime) -> Value {
    let since_t = clock::parse(since).unwrap_or(now);
    json!({
        "value": value,
        "since": since,
        "of_record": policy::is_address_of_record(since_t, now),
        "usable_from": clock::format(policy::address_usable_from(since_t)),
    })
}

/// The JSON view of a customer (no secret, no hash). `temp_pin_days` is the temporary PIN's
/// period (`[codes] mail_code_days`).
pub fn customer_json(c: &Customer, temp_pin_days: i64, now: OffsetDateTime) -> Value {
    let locked = lock_of(c, now);
    let temp = temp_pin_of(c, temp_pin_days, now);
    json!({
        "account": c.account,
        "name": c.name,
        "phone": contact_json(&c.phone, &c.phone_since, now),
        "email": contact_json(&c.email, &c.email_since, now),
        "postal": {
            "street": c.street, "city": c.city, "region": c.region,
            "postal_code": c.postal_code, "country": c.country,
            "since": c.postal_since,
            "of_record": policy::is_address_of_record(clock::parse(&c.postal_since).unwrap_or(now), now),
            "usable_from": clock::format(policy::address_usable_from(clock::parse(&c.postal_since).unwrap_or(now))),
        },
        "pin_set": c.pin_hash.is_some(),
        "pin_must_change": c.pin_must_change,
        "backup_set": c.backup_hash.is_some(),
        "consecutive_failures": c.failures,
        "locked_until": locked.map(clock::format),
        "temporary_pin_outstanding": temp.outstanding(),
        "temporary_pin_expires_at": temp.expires_at().map(clock::format),
        "business": {"account_rep": c.account_rep, "cpni_contract": c.cpni_contract, "contract_method": c.contract_method},
        "created_at": c.created_at,
    })
}

/// The account's temporary PIN (Lost PIN) at `now`: none, valid until, or expired
/// (`domain::temp_pin`; `days` is `[codes] mail_code_days`).
pub fn temp_pin_of(c: &Customer, days: i64, now: OffsetDateTime) -> TempPin {
    temp_pin::status(
        c.temp_pin_hash.is_some(),
        c.temp_pin_set_at.as_deref().and_then(clock::parse),
        days,
        now,
    )
}

/// The PIN line of a card: set or not, and a temporary PIN's state with its date.
pub fn pin_line(c: &Customer, temp: TempPin) -> String {
    let working = if c.pin_hash.is_some() {
        "set"
    } else {
        "not set"
    };
    let date = |t: Option<OffsetDateTime>| t.map_or("an unknown date".into(), clock::human);
    match (temp, c.pin_hash.is_some()) {
        (TempPin::None, _) => working.to_string(),
        (TempPin::Valid { expires_at }, true) => format!(
            "set; a temporary PIN (reset) is outstanding until {}, the current PIN still works",
            clock::human(expires_at)
        ),
        (TempPin::Valid { expires_at }, false) => format!(
            "not set; a temporary PIN (reset) is outstanding until {}",
            clock::human(expires_at)
        ),
        (TempPin::Expired { expired_at }, _) => format!(
            "{working}; the temporary PIN (reset) expired on {}: it verifies nothing, Lost PIN may send a new one",
            date(expired_at)
        ),
    }
}

/// The account's current lock, if any.
pub fn lock_of(c: &Customer, now: OffsetDateTime) -> Option<OffsetDateTime> {
    let state = lockout::LockState {
        consecutive_failures: c.failures as u32,
        lock_level: c.lock_level as u32,
        locked_until: c.locked_until.as_deref().and_then(clock::parse),
    };
    lockout::locked_until(&state, now)
}

fn record_line(label: &str, value: &str, since: &str, now: OffsetDateTime) -> String {
    let since_t = clock::parse(since).unwrap_or(now);
    let status = if policy::is_address_of_record(since_t, now) {
        "of record".to_string()
    } else {
        format!(
            "NOT yet of record: usable from {}",
            clock::human(policy::address_usable_from(since_t))
        )
    };
    format!(
        "  {label:<8} {}  (since {}; {status})",
        safe(value),
        clock::date(since_t)
    )
}

fn text(c: &Customer, temp_pin_days: i64, now: OffsetDateTime) -> String {
    let mut lines = vec![format!("{}  {}", c.account, safe(&c.name))];
    lines.push(record_line("phone", &c.phone, &c.phone_since, now));
    lines.push(record_line("email", &c.email, &c.email_since, now));
    let postal = format!(
        "{}, {}, {} {}, {}",
        c.street, c.city, c.region, c.postal_code, c.country
    );
    lines.push(record_line("postal", &postal, &c.postal_since, now));
    let pin = pin_line(c, temp_pin_of(c, temp_pin_days, now));
    lines.push(format!("  PIN      {pin}"));
    lines.push(format!(
        "  backup   {}",
        if c.backup_hash.is_some() {
            "set"
        } else {
            "not set"
        }
    ));
    lines.push(match lock_of(c, now) {
        Some(t) => format!(
            "  lock     LOCKED until {} (PIN and codes)",
            clock::human(t)
        ),
        None => format!("  lock     none ({} consecutive wrong secrets)", c.failures),
    });
    if let (Some(rep), Some(contract)) = (&c.account_rep, &c.cpni_contract) {
        lines.push(format!(
            "  business rep {}, CPNI contract {}",
            safe(rep),
            safe(contract)
        ));
    }
    lines.join("\n")
}

pub fn show(ctx: &Ctx, args: ShowArgs) -> Result<u8> {
    let mut db = ctx.open()?;
    ctx.acting(&mut db, "customer show", ANY)?;
    let now = clock::now();
    let c = load(&db.read(), &args.account)?;
    // Never present contacts edited outside cpni as "of record" (row seals, exit 6).
    db.read()
        .require_sealed("customer", "account", &c.account)?;
    let days = ctx.cfg.mail_code_days;
    ctx.out
        .print(&customer_json(&c, days, now), &text(&c, days, now));
    Ok(0)
}

pub fn list(ctx: &Ctx, args: ListArgs) -> Result<u8> {
    let mut db = ctx.open()?;
    ctx.acting(&mut db, "customer list", ANY)?;
    if args.limit < 1 {
        return Err(Error::usage("limit", "--limit must be at least 1"));
    }
    let now = clock::now();
    let rows = db
        .read()
        .search_customers(args.query.as_deref(), args.limit)?;
    let docs: Vec<Value> = rows
        .iter()
        .map(|c| customer_json(c, ctx.cfg.mail_code_days, now))
        .collect();
    let mut text: Vec<String> = rows
        .iter()
        .map(|c| {
            format!(
                "{:<14} {:<28} {:<16} {}",
                c.account,
                safe(&c.name),
                c.phone,
                safe(&c.email)
            )
        })
        .collect();
    if text.is_empty() {
        text.push("No customers match.".into());
    }
    ctx.out.print(&Value::Array(docs), &text.join("\n"));
    Ok(0)
}
