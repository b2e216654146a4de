//! `cpni verify [ACCOUNT]`, the guided wizard for live calls. It drives the same steps as
//! `cpni session …`, so every attempt and discussion is recorded exactly as for scripts.
//!
//! Flow: account → caller card → what the caller wants → one numbered menu of the steps the
//! rules allow now (table in `steps.rs`), with the words to say → record each discussion →
//! end, with a warning when nothing was recorded and a summary. Then the next call, from the
//! same screen, until the agent presses Escape at the account prompt. Escape goes back one
//! step; Ctrl-C at a menu ends the session as abandoned (recorded) and exits 130.

mod ending;
mod interrupt;
mod routes;
mod steps;

use clap::Args;

use crate::commands::consent;
use crate::commands::context::{CALL_HANDLERS, Ctx};
use crate::commands::session::{self, Loaded};
use crate::domain::policy::Basis;
use crate::error::{Error, Kind, Result};
use crate::store::Db;
use crate::ui::prompt::{self, Prompter, Terminal};
use crate::ui::wizard::{self, Route, Want};
use crate::ui::wrap;
use crate::{clock, store};

pub use interrupt::set_cleanup;
use interrupt::{abandon_open, install_interrupt_handler, set_open};
use routes::Step;

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Account id (asked for when omitted)
    pub account: Option<String>,
    /// How the customer is in contact (`in-store`: a visit to a store, verified by photo ID)
    #[arg(long, default_value = "inbound", value_parser = ["inbound", "outbound", "in-store"])]
    pub channel: String,
    /// A visit to a store (same as `--channel in-store`): photo ID, no callback or codes
    #[arg(long, conflicts_with = "channel")]
    pub in_store: bool,
}

/// What happened on the call so far, for the ending warning and the summary.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    pub discussed: Vec<String>,
    pub sent: Vec<String>,
    pub changes: Vec<String>,
    pub hung_up: bool,
    /// A callback was refused (no number may be called): not offered again on this call.
    pub no_callback: bool,
}

impl Tally {
    pub fn recorded(&self) -> bool {
        !(self.discussed.is_empty() && self.sent.is_empty() && self.changes.is_empty())
    }
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
    let p = Terminal;
    let channel = if a.in_store {
        crate::domain::in_store::IN_STORE.to_string()
    } else {
        a.channel
    };
    let mut given = a.account;
    let mut code = 0;
    while let Some(customer) = ask_account(&p, &db, given.take())? {
        let l = session::start(&env, &mut db, &customer.account, &channel, clock::now())?;
        IN_STORE.store(
            crate::domain::in_store::is_in_store(&l.session.channel),
            std::sync::atomic::Ordering::Relaxed,
        );
        let mut cfg = ctx.cfg.clone();
        if cfg.postgres.is_none() {
            cfg.db_path = db.path().to_path_buf();
        }
        set_open(Some((cfg, l.session.id.clone(), acting.actor.clone())));
        let result = call(&p, &env, &mut db, l);
        if result.as_ref().is_err_and(|e| e.kind == Kind::Interrupted) {
            drop(db);
            abandon_open();
            return result;
        }
        set_open(None);
        code = result?;
        say("\nNext call.");
    }
    Ok(code)
}

/// The account for the next call; `None` when the agent presses Escape (quit).
fn ask_account(
    p: &dyn Prompter,
    db: &Db,
    given: Option<String>,
) -> Result<Option<store::customers::Customer>> {
    let mut input = given;
    loop {
        let text = match input.take() {
            Some(t) => t,
            None => match p.line("Account id (Esc to quit)", false)? {
                Some(t) => t,
                None => return Ok(None),
            },
        };
        match crate::commands::customer::show::load(&db.read(), text.trim()) {
            Ok(c) => return Ok(Some(c)),
            Err(e) if matches!(e.kind, Kind::NotFound | Kind::Usage) => say(&e.message),
            Err(e) => return Err(e),
        }
    }
}

/// Whether the call now on screen is a store visit (the wizard then says "customer").
static IN_STORE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn in_store() -> bool {
    IN_STORE.load(std::sync::atomic::Ordering::Relaxed)
}

/// Prints wrapped to the terminal's width (in a store, "customer" rather than "caller").
/// A failed write is ignored: the terminal may be gone, and the next prompt's read then ends
/// the call as a hang-up.
pub(super) fn say(text: &str) {
    let text = wizard::for_channel(text, in_store());
    crate::ui::hangup::say(&wrap::wrap(&text, wrap::width()));
}

fn ask_want(p: &dyn Prompter) -> Result<Option<Want>> {
    let labels: Vec<String> = wizard::WANTS
        .iter()
        .map(|(s, _)| wizard::for_channel(s, in_store()))
        .collect();
    let title = wizard::for_channel("What does the caller want to discuss?", in_store());
    Ok(p.menu(&title, &labels)?.map(|i| wizard::WANTS[i].1))
}

/// The whole call, from the caller card to the end.
fn call(p: &dyn Prompter, env: &session::Env<'_>, db: &mut Db, mut l: Loaded) -> Result<u8> {
    let now = clock::now();
    let started = clock::parse(&l.session.started_at).unwrap_or(now);
    say(&format!(
        "\n{}\n",
        wizard::card(
            &l.customer,
            &l.session.id,
            session::attempts_left(&l, now),
            session::lock_until(&l, now),
            crate::commands::customer::show::temp_pin_of(
                &l.customer,
                env.ctx.cfg.mail_code_days,
                now
            ),
            now
        )
    ));
    let mut tally = Tally::default();
    // Escape here goes back to the account prompt: the session ends with nothing done.
    let Some(mut want) = ask_want(p)? else {
        return ending::finish(env, db, l, &tally, started);
    };
    let mut announced = false;
    let mut asked_new_pin = false;
    loop {
        let now = clock::now();
        let basis = l.session.basis.as_deref().and_then(Basis::parse);
        // A temporary PIN is good only for choosing a new PIN: ask for it at once, once (the
        // menu offers it again after Escape).
        if basis == Some(Basis::TemporaryPin) && l.customer.pin_must_change && !asked_new_pin {
            asked_new_pin = true;
            routes::new_pin(p, env, db, &l, &mut tally)?;
            l = session::reload(db, &l)?;
            continue;
        }
        let days = env.ctx.cfg.mail_code_days;
        let mut s = steps::Situation::of(&l, want, tally.hung_up, days, now);
        s.no_callback = tally.no_callback;
        if s.verified() && !announced {
            announced = true;
            announce(db, &l)?;
        }
        let offered = steps::offered(&s);
        let title = wizard::for_channel(
            if s.verified() {
                "What next?"
            } else {
                "How will you verify the caller?"
            },
            s.in_store,
        );
        say(&format!(
            "[{} · {} on the call · {}]",
            l.session.id,
            wizard::elapsed(started, now),
            match basis {
                Some(b) if s.verified() => format!("verified by {}", wizard::basis_words(b)),
                _ => "not verified".into(),
            }
        ));
        let items: Vec<String> = offered
            .iter()
            .map(|r| wizard::for_channel(r.label(), s.in_store))
            .collect();
        let Some(i) = p.menu_end0(&title, &items)? else {
            if tally.discussed.is_empty() && tally.sent.is_empty() {
                if let Some(w) = ask_want(p)? {
                    want = w;
                }
            } else {
                say(
                    "Something was already discussed, so the intent stays. Choose End the call to finish.",
                );
            }
            continue;
        };
        let route = offered[i];
        if route == Route::End {
            if ending::confirm_end(p, &s, &tally)? {
                return ending::finish(env, db, l, &tally, started);
            }
            continue;
        }
        l = match routes::run(p, env, db, l.clone(), route, want, &mut tally) {
            Ok(Step::Next(next)) => *next,
            Ok(Step::Same) => session::reload(db, &l)?,
            Err(e) if matches!(e.kind, Kind::Refused | Kind::Delivery | Kind::Usage) => {
                say(&format!("✗ {}", e.message));
                session::reload(db, &l)?
            }
            Err(e) => return Err(e),
        };
    }
}

/// Once verified: what may be discussed, and the marketing-approval status.
fn announce(db: &Db, l: &Loaded) -> Result<()> {
    let basis = l.session.basis.as_deref().and_then(Basis::parse);
    say(&format!(
        "✓ Verified by {}. {}",
        basis.map_or("-", wizard::basis_words),
        wizard::SAY_VERIFIED
    ));
    let may: Vec<&str> = crate::domain::policy::discussable(basis)
        .into_iter()
        .map(wizard::scope_words)
        .collect();
    say(&format!("  You may discuss: {}.", may.join(", ")));
    if !crate::domain::policy::discussable(basis)
        .contains(&crate::domain::policy::Scope::CallDetail)
    {
        say(
            "  Call detail may NOT be discussed on this call: offer a callback, or send it to an address of record (both in the menu).",
        );
    }
    say(&format!(
        "  {}",
        consent::status_line(db, &l.customer.account, clock::now())?
    ));
    Ok(())
}
