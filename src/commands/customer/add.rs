//! `cpni customer add`: validate every field, hash the PIN, insert, audit.

use clap::Args;
use serde_json::json;
use time::OffsetDateTime;

use crate::audit::Event;
use crate::commands::context::{Ctx, SUPERVISORS};
use crate::config::Config;
use crate::domain::contact::{self, FieldError};
use crate::domain::pin::{self, PinContext};
use crate::error::{Error, Result};
use crate::mail::address::parse_email;
use crate::store::customers::Customer;
use crate::ui::prompt::{self, Prompter, Terminal};
use crate::{clock, secrets};

// The contact fields shared by `add` and the import. (A plain comment: a doc comment here
// would become the `about` of every command that flattens it, the subcommands being deferred.)
#[derive(Debug, Args, Clone, Default)]
pub struct ContactArgs {
    /// Account holder's name
    #[arg(long)]
    pub name: String,
    /// Telephone number of record (E.164, or national in the default country)
    #[arg(long)]
    pub phone: String,
    /// Email address of record
    #[arg(long)]
    pub email: String,
    /// Postal address of record: street and number
    #[arg(long)]
    pub street: String,
    #[arg(long)]
    pub city: String,
    /// State, province or region
    #[arg(long)]
    pub region: String,
    #[arg(long)]
    pub postal_code: String,
    /// ISO 3166 two-letter country code
    #[arg(long)]
    pub country: String,
    /// Dedicated account representative (business accounts)
    #[arg(long, requires = "cpni_contract")]
    pub account_rep: Option<String>,
    /// Reference of the contract that covers CPNI protection (business accounts)
    #[arg(long, requires = "account_rep")]
    pub cpni_contract: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Account id: 1 to 32 letters, digits or dashes
    pub account: String,
    #[command(flatten)]
    pub contact: ContactArgs,
    /// Read the customer's chosen PIN from one line of stdin
    #[arg(long)]
    pub pin_stdin: bool,
    /// Never accepted: a PIN on the command line shows in `ps` and shell history
    #[arg(long, hide = true, value_name = "PIN")]
    pub pin: Option<String>,
}

/// Contact-of-record dates given by an import (default: now).
#[derive(Debug, Default, Clone, Copy)]
pub struct Since {
    pub phone: Option<OffsetDateTime>,
    pub email: Option<OffsetDateTime>,
    pub postal: Option<OffsetDateTime>,
}

/// Validates every field and builds the row (no PIN yet).
pub fn new_customer(
    cfg: &Config,
    account: &str,
    c: &ContactArgs,
    since: Since,
    now: OffsetDateTime,
) -> std::result::Result<Customer, FieldError> {
    let account = contact::parse_account_id(account)?;
    let name = contact::parse_name(&c.name)?;
    let phone = contact::parse_phone(&c.phone, &cfg.default_country)?;
    let email = parse_email(&c.email)?;
    let addr =
        contact::parse_postal_address(&c.street, &c.city, &c.region, &c.postal_code, &c.country)?;
    let rep = optional_text("account_rep", c.account_rep.as_deref())?;
    let contract = optional_text("cpni_contract", c.cpni_contract.as_deref())?;
    let at = |t: Option<OffsetDateTime>| clock::format(t.unwrap_or(now));
    Ok(Customer {
        account,
        name,
        phone,
        phone_since: at(since.phone),
        email,
        email_since: at(since.email),
        street: addr.street,
        city: addr.city,
        region: addr.region,
        postal_code: addr.postal_code,
        country: addr.country,
        postal_since: at(since.postal),
        account_rep: rep,
        cpni_contract: contract,
        created_at: clock::format(now),
        ..Customer::default()
    })
}

fn optional_text(field: &str, v: Option<&str>) -> std::result::Result<Option<String>, FieldError> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => contact::parse_text(field, s, 200, false).map(Some),
    }
}

/// Checks a PIN against the policy for this customer; the error names the rule.
pub fn check_pin(cfg: &Config, c: &Customer, pin_value: &str) -> Result<()> {
    let ctx = PinContext {
        phone: &c.phone,
        account: &c.account,
        postal_code: &c.postal_code,
    };
    pin::check_pin(pin_value, cfg.pin_min_len, &ctx).map_err(|rule| {
        Error::usage("pin-policy", format!("PIN refused: {rule}"))
            .hint("ask the customer to choose another PIN; nothing was saved")
    })
}

/// Refuses a PIN given on argv before anything else happens.
pub fn refuse_argv_secret(given: bool, flag: &str) -> Result<()> {
    if given {
        return Err(Error::usage(
            "secret-on-argv",
            "secrets are never accepted on the command line (they show in `ps` and shell history)",
        )
        .hint(format!(
            "use {flag} and pipe the value in, or run interactively to be prompted"
        )));
    }
    Ok(())
}

/// The PIN to set, if any: from stdin, from a hidden prompt, or none.
fn read_new_pin(ctx: &Ctx, args: &AddArgs) -> Result<Option<String>> {
    if args.pin_stdin {
        return prompt::secret_from_stdin("PIN").map(Some);
    }
    if !prompt::interactive(ctx.no_input) {
        return Ok(None);
    }
    let first = Terminal.secret("PIN chosen by the customer (Enter for none)")?;
    if first.is_empty() {
        return Ok(None);
    }
    if Terminal.secret("Repeat the PIN")? != first {
        return Err(Error::usage(
            "pin-mismatch",
            "the two PINs differ; nothing was saved",
        ));
    }
    Ok(Some(first))
}

pub fn run(ctx: &Ctx, args: AddArgs) -> Result<u8> {
    refuse_argv_secret(args.pin.is_some(), "--pin-stdin")?;
    let now = clock::now();
    let mut customer = new_customer(
        &ctx.cfg,
        &args.account,
        &args.contact,
        Since::default(),
        now,
    )?;
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "customer add", SUPERVISORS)?;
    if db.read().customer_exists(&customer.account)? {
        return Err(Error::usage(
            "exists",
            format!("account {} already exists", customer.account),
        )
        .hint("use `cpni customer show` to see it; changes go through the set-* commands"));
    }
    if let Some(p) = read_new_pin(ctx, &args)? {
        check_pin(&ctx.cfg, &customer, &p)?;
        customer.pin_hash = Some(secrets::hash_secret(&p, ctx.cfg.hash_preset)?);
        customer.pin_set_at = Some(clock::format(now));
    }
    let event = created_event(&customer);
    db.step(|tx| {
        tx.insert_customer(&customer)?;
        tx.append(&acting.actor, now, event)
    })?;
    let pin_note = if customer.pin_hash.is_some() {
        "with a PIN"
    } else {
        "without a PIN"
    };
    ctx.out.print(
        &json!({"account": customer.account, "created": true, "pin_set": customer.pin_hash.is_some()}),
        &format!("Added customer {} {pin_note}.", customer.account),
    );
    Ok(0)
}

/// The audit record of a new customer: which fields were given, never their secrets.
pub fn created_event(c: &Customer) -> Event {
    Event::new("customer.add")
        .account(&c.account)
        .with("pin_set", c.pin_hash.is_some())
        .with(
            "business",
            c.account_rep.is_some() && c.cpni_contract.is_some(),
        )
        .with("phone_since", c.phone_since.clone())
        .with("email_since", c.email_since.clone())
        .with("postal_since", c.postal_since.clone())
}
