//! `cpni verify [ACCOUNT]`, the guided wizard for a live call. It drives the same steps as
//! `cpni session …`, so every attempt and discussion is recorded exactly as for scripts.
//!
//! Flow: account → caller card → what the caller wants → only the routes the rules allow →
//! the method, with the words to say → record each discussion → end. Ctrl-C at any prompt
//! ends the session as abandoned (recorded) and exits 130.

mod interrupt;
mod routes;

use clap::Args;

use crate::commands::consent;
use crate::commands::context::{CALL_HANDLERS, Ctx};
use crate::commands::session::{self, Loaded};
use crate::domain::policy::{self, Basis, Scope};
use crate::error::{Error, Kind, Result};
use crate::store::Db;
use crate::ui::prompt::{self, Prompter, Terminal};
use crate::ui::wizard;
use crate::{clock, store};

use interrupt::{abandon_open, install_interrupt_handler, set_open};
use routes::{discuss, new_pin, record_consent, run_route};

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Account id (asked for when omitted)
    pub account: Option<String>,
    /// How the customer is in contact
    #[arg(long, default_value = "inbound", value_parser = ["inbound", "outbound", "in-store"])]
    pub channel: String,
}

pub fn run(ctx: &Ctx, a: VerifyArgs) -> Result<u8> {
    if !prompt::interactive(ctx.no_input) {
        return Err(Error::usage("no-terminal", "`cpni verify` is the interactive wizard and needs a terminal")
            .hint("scripts use `cpni session start ACCOUNT`, then `session pin --pin-stdin`, `session callback`, `session email-code`, `session code --code-stdin`, `session disclose`, `session send`, `session end`"));
    }
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "verify", CALL_HANDLERS)?;
    let env = session::Env {
        ctx,
        acting: &acting,
    };
    install_interrupt_handler();
    let customer = ask_account(&db, a.account)?;
    let l = session::start(&env, &mut db, &customer.account, &a.channel, clock::now())?;
    set_open(Some((
        db.path().to_path_buf(),
        l.session.id.clone(),
        acting.actor.clone(),
    )));
    let result = call(&env, &mut db, l);
    if result.as_ref().is_err_and(|e| e.kind == Kind::Interrupted) {
        drop(db);
        abandon_open();
    }
    set_open(None);
    result
}

fn ask_account(db: &Db, given: Option<String>) -> Result<store::customers::Customer> {
    let mut input = given;
    loop {
        let text = match input.take() {
            Some(t) => t,
            None => Terminal.text("Account id", false)?,
        };
        match crate::commands::customer::show::load(db.conn(), &text) {
            Ok(c) => return Ok(c),
            Err(e) if matches!(e.kind, Kind::NotFound | Kind::Usage) => eprintln!("{}", e.message),
            Err(e) => return Err(e),
        }
    }
}

pub(super) fn say(text: &str) {
    eprintln!("{text}");
}

/// The whole call, from the caller card to the end.
fn call(env: &session::Env<'_>, db: &mut Db, mut l: Loaded) -> Result<u8> {
    let now = clock::now();
    say(&format!(
        "\n{}\n",
        wizard::card(&l.customer, session::lock_until(&l, now), now)
    ));
    let labels: Vec<String> = wizard::WANTS.iter().map(|(s, _)| s.to_string()).collect();
    let want =
        wizard::WANTS[Terminal.select("What does the caller want to discuss?", &labels, 0)?].1;
    loop {
        let now = clock::now();
        let basis = l.session.basis.as_deref().and_then(Basis::parse);
        if basis == Some(Basis::TemporaryPin) && l.customer.pin_must_change {
            new_pin(env, db, &l)?;
            l = session::reload(db, &l)?;
            continue;
        }
        if policy::is_verified(basis) {
            return after_verified(env, db, l);
        }
        let open = session::lock_until(&l, now).is_none() && session::attempts_left(&l, now) > 0;
        let routes = wizard::routes(want, &l.customer, open, now);
        let items: Vec<String> = routes.iter().map(|r| r.label().to_string()).collect();
        let route = routes[Terminal.select("How will you verify the caller?", &items, 0)?];
        l = match run_route(env, db, l.clone(), route, want) {
            Ok(Some(next)) => next,
            Ok(None) => return finish(env, db, l),
            Err(e) if matches!(e.kind, Kind::Refused | Kind::Delivery | Kind::Usage) => {
                say(&format!("✗ {}", e.message));
                if let Some(h) = &e.hint {
                    say(&format!("  {h}"));
                }
                session::reload(db, &l)?
            }
            Err(e) => return Err(e),
        };
    }
}

fn after_verified(env: &session::Env<'_>, db: &mut Db, mut l: Loaded) -> Result<u8> {
    let basis = l.session.basis.as_deref().and_then(Basis::parse);
    let scopes: Vec<Scope> = policy::discussable(basis)
        .into_iter()
        .filter(|s| *s != Scope::CallerSupplied)
        .collect();
    let names: Vec<&str> = scopes.iter().map(|s| s.as_str()).collect();
    say(&format!(
        "Verified by {}. You may discuss: {}.",
        basis.map_or("-", |b| b.as_str()),
        names.join(", ")
    ));
    if !scopes.contains(&Scope::CallDetail) {
        say(
            "Call detail may NOT be discussed on this call: offer a callback, or send it to an address of record.",
        );
    }
    say(&consent::status_line(
        db,
        &l.customer.account,
        clock::now(),
    )?);
    loop {
        let mut items: Vec<String> = scopes
            .iter()
            .map(|s| format!("Record a discussion: {}", s.as_str()))
            .collect();
        items.push("Record the caller's choice on marketing use of CPNI".into());
        items.push("End the call".into());
        let i = Terminal.select("Next", &items, 0)?;
        if i == scopes.len() + 1 {
            return finish(env, db, l);
        }
        if i == scopes.len() {
            record_consent(env, db, &l)?;
            continue;
        }
        l = discuss(env, db, l, scopes[i])?;
    }
}

fn finish(env: &session::Env<'_>, db: &mut Db, mut l: Loaded) -> Result<u8> {
    let now = clock::now();
    session::end(env, db, &mut l, "ended", now)?;
    set_open(None);
    say(&format!("Session {} ended and recorded.", l.session.id));
    Ok(if l.session.basis.is_some() { 0 } else { 1 })
}
