//! `cpni verify [ACCOUNT]`, the guided wizard for a live call, and `cpni demo`, which runs it
//! on a throw-away database. The wizard drives the same steps as `cpni session …`, so every
//! attempt and discussion is recorded exactly as for scripts.
//!
//! Flow: account → caller card → what the caller wants → only the routes the rules allow →
//! the method, with the words to say → record each discussion → end. Ctrl-C at any prompt
//! ends the session as abandoned (recorded) and exits 130.

use std::sync::Mutex;

use clap::Args;

use crate::audit::Actor;
use crate::commands::consent::{self, ChoiceInput};
use crate::commands::context::{CALL_HANDLERS, Ctx};
use crate::commands::customer::change;
use crate::commands::session::{
    self, CallbackOutcome, CodeChannel, DiscloseArgs, Loaded, SecretKind, SendArgs,
};
use crate::domain::consent::Choice;
use crate::domain::policy::{self, Basis, Purpose, Scope};
use crate::error::{Error, Kind, Result};
use crate::store::Db;
use crate::ui::prompt::{self, Prompter, Terminal};
use crate::ui::wizard::{self, Route, Want};
use crate::{clock, store};

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Account id (asked for when omitted)
    pub account: Option<String>,
    /// How the customer is in contact
    #[arg(long, default_value = "inbound", value_parser = ["inbound", "outbound", "in-store"])]
    pub channel: String,
}

#[derive(Debug, Args)]
pub struct DemoArgs {}

/// The open session, for the Ctrl-C handler: (database, session id, actor).
static OPEN: Mutex<Option<(std::path::PathBuf, String, Actor)>> = Mutex::new(None);

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

/// Records the open session (if any) as abandoned. The lock is held while recording, so a
/// concurrent Ctrl-C handler waits instead of exiting mid-write.
fn abandon_open() {
    let Ok(mut guard) = OPEN.lock() else { return };
    if let Some((path, id, actor)) = guard.take() {
        match abandon(&path, &id, &actor) {
            Ok(()) => eprintln!("\nInterrupted: session {id} recorded as abandoned."),
            Err(e) => eprintln!(
                "\nInterrupted: could not record session {id} as abandoned: {}",
                e.message
            ),
        }
    }
}

fn set_open(v: Option<(std::path::PathBuf, String, Actor)>) {
    if let Ok(mut g) = OPEN.lock() {
        *g = v;
    }
}

/// On Ctrl-C: restore the terminal, record the session as abandoned, exit 130.
fn install_interrupt_handler() {
    let saved = saved_termios();
    let _ = ctrlc::set_handler(move || {
        if let Some(t) = saved {
            // SAFETY: restores the terminal attributes read at start-up on fd 0.
            unsafe { libc::tcsetattr(0, libc::TCSANOW, &t) };
        }
        let _ = console::Term::stderr().show_cursor();
        abandon_open();
        std::process::exit(130);
    });
}

fn saved_termios() -> Option<libc::termios> {
    // SAFETY: tcgetattr fills the struct on success; we only use it then.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        (libc::tcgetattr(0, &mut t) == 0).then_some(t)
    }
}

fn abandon(path: &std::path::Path, id: &str, actor: &Actor) -> Result<()> {
    let mut db = Db::open(path)?;
    let mut l = session::load_any_for_abandon(&db, id)?;
    session::abandon(&mut db, &mut l, actor, clock::now())
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

fn say(text: &str) {
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

/// Runs one route; `Ok(None)` means the agent ended the call.
fn run_route(
    env: &session::Env<'_>,
    db: &mut Db,
    l: Loaded,
    route: Route,
    want: Want,
) -> Result<Option<Loaded>> {
    let now = clock::now();
    let result = match route {
        Route::End => return Ok(None),
        Route::Pin => {
            say(wizard::SAY_PIN);
            let pin = Terminal.secret("Ask the caller for the account PIN")?;
            session::check_secret(env, db, l, SecretKind::Pin, &pin, clock::now())?
        }
        Route::Backup => {
            let secret = Terminal.secret("Ask the caller for their backup passphrase")?;
            session::check_secret(env, db, l, SecretKind::Backup, &secret, clock::now())?
        }
        Route::ResetPin => {
            reset_pin(env, db, &l)?;
            return Ok(Some(session::reload(db, &l)?));
        }
        Route::Callback => {
            say(&session::callback_script(&l));
            let items = [
                "Reached the account holder, who confirmed the request",
                "No answer",
                "Someone answered but did not confirm",
            ]
            .map(String::from);
            let outcome = [
                CallbackOutcome::Reached,
                CallbackOutcome::NoAnswer,
                CallbackOutcome::Declined,
            ][Terminal.select("Callback result", &items, 0)?];
            session::callback(env, db, l, outcome, clock::now())?
        }
        Route::EmailCode => {
            say(&session::issue_code(env, db, &l, CodeChannel::Email, now)?);
            say(wizard::SAY_CODE);
            let code = Terminal.secret("Ask the caller to read the code")?;
            session::check_secret(
                env,
                db,
                session::reload(db, &l)?,
                SecretKind::Code,
                &code,
                clock::now(),
            )?
        }
        Route::MailCode => {
            say(&session::issue_code(env, db, &l, CodeChannel::Mail, now)?);
            say(
                "Tell the caller the letter is on its way and to call back with the code. Discuss nothing now.",
            );
            return Ok(Some(session::reload(db, &l)?));
        }
        Route::EnterCode => {
            let code =
                Terminal.secret("Ask the caller to read the code from the letter or email")?;
            // Judged when the caller reads it: the code may expire while the prompt is open.
            session::check_secret(env, db, l, SecretKind::Code, &code, clock::now())?
        }
        Route::Business => session::business(env, db, l, now)?,
        Route::SendEmail | Route::SendMail => {
            send_flow(env, db, &l, route == Route::SendEmail, want)?;
            return Ok(Some(session::reload(db, &l)?));
        }
        Route::CallerSupplied => {
            say(wizard::SAY_CALLER_SUPPLIED);
            discuss(env, db, l.clone(), Scope::CallerSupplied)?;
            return Ok(Some(session::reload(db, &l)?));
        }
    };
    let (ok, msg, next) = result;
    say(&format!("{} {msg}", if ok { "✓" } else { "✗" }));
    Ok(Some(next))
}

/// After a temporary PIN: the customer chooses a new PIN at once (hidden, typed twice).
fn new_pin(env: &session::Env<'_>, db: &mut Db, l: &Loaded) -> Result<()> {
    say("Say: \"Please choose a new PIN now.\"");
    loop {
        let first = Terminal.secret("New PIN chosen by the caller")?;
        if Terminal.secret("Repeat the new PIN")? != first {
            say("✗ The two entries differ; ask again.");
            continue;
        }
        match change::set_pin_on_call(env, db, &l.customer.account, &l.session.id, &first) {
            Ok(_) => break,
            Err(e) if e.kind == Kind::Usage => say(&format!("✗ {}", e.message)),
            Err(e) if e.kind == Kind::Delivery => {
                say(&format!("✓ New PIN set. {}", e.message));
                break;
            }
            Err(e) => return Err(e),
        }
    }
    say("✓ New PIN set; notices went to the contacts of record. Now verify with the new PIN.");
    Ok(())
}

/// Lost PIN: a temporary PIN to an address of record, never read out on the call.
fn reset_pin(env: &session::Env<'_>, db: &mut Db, l: &Loaded) -> Result<()> {
    let (email, postal) = wizard::usable(&l.customer, clock::now());
    let mut items = Vec::new();
    if email {
        items.push(("By email to the email address of record", "email"));
    }
    if postal {
        items.push(("By letter to the postal address of record", "mail"));
    }
    let labels: Vec<String> = items.iter().map(|(s, _)| s.to_string()).collect();
    let via = items[Terminal.select("Send the temporary PIN", &labels, 0)?].1;
    crate::commands::customer::reset_pin_on_call(env, db, &l.customer.account, via, &l.session.id)?;
    say(
        "✓ Temporary PIN sent. Say: \"You'll receive a temporary PIN; call us back with it to choose a new PIN.\" Discuss nothing now.",
    );
    Ok(())
}

fn ask_purpose() -> Result<(Purpose, Option<String>)> {
    let items: Vec<String> = Purpose::ALL
        .iter()
        .map(|p| p.as_str().to_string())
        .collect();
    let p = Purpose::ALL[Terminal.select("Purpose", &items, 0)?];
    let reference = if p.needs_reference() {
        Some(Terminal.text("Reference (subpoena, order or designation)", false)?)
    } else {
        None
    };
    Ok((p, reference))
}

fn discuss(env: &session::Env<'_>, db: &mut Db, l: Loaded, scope: Scope) -> Result<Loaded> {
    let calls = if scope == Scope::CallerSupplied {
        Some(Terminal.text("Calls the caller described (numbers, dates, times)", false)?)
    } else {
        None
    };
    let (purpose, reference) = ask_purpose()?;
    let note = Terminal.text("Note (optional)", true)?;
    let args = DiscloseArgs {
        session: l.session.id.clone(),
        scope: scope.as_str().into(),
        purpose: purpose.as_str().into(),
        reference,
        calls,
        note: Some(note).filter(|n| !n.trim().is_empty()),
    };
    let (_, msg, next) = session::disclose(env, db, l, &args, clock::now())?;
    say(&format!("✓ {msg}"));
    Ok(next)
}

fn send_flow(
    env: &session::Env<'_>,
    db: &mut Db,
    l: &Loaded,
    email: bool,
    want: Want,
) -> Result<()> {
    let scope = if want == Want::CallDetail {
        "call-detail"
    } else {
        "account"
    };
    let (purpose, reference) = ask_purpose()?;
    let note = Terminal.text("What to send (note, or the text of the information)", true)?;
    let args = SendArgs {
        session: l.session.id.clone(),
        via: if email { "email" } else { "mail" }.into(),
        scope: scope.into(),
        purpose: purpose.as_str().into(),
        reference,
        attach: None,
        note: Some(note).filter(|n| !n.trim().is_empty()),
    };
    say(&format!(
        "✓ {}",
        session::send(env, db, l, &args, clock::now())?
    ));
    Ok(())
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

/// The caller's opt-in, denial or revocation, recorded as an oral choice on this call.
fn record_consent(env: &session::Env<'_>, db: &mut Db, l: &Loaded) -> Result<()> {
    let choices = [
        ("Opts in to marketing use of their CPNI", Choice::OptIn),
        ("Denies (opts out of) marketing use", Choice::Deny),
        ("Revokes an earlier approval", Choice::Revoke),
    ];
    let labels: Vec<String> = choices.iter().map(|(s, _)| s.to_string()).collect();
    let choice = choices[Terminal.select("The caller's choice", &labels, 0)?].1;
    let evidence = Terminal.text("Evidence (call recording id; required for an opt-in)", true)?;
    let input = ChoiceInput {
        choice,
        method: "oral".into(),
        evidence: Some(evidence).filter(|e| !e.trim().is_empty()),
        session: Some(l.session.id.clone()),
    };
    match consent::record_choice(env.ctx, db, &env.acting.actor, &l.customer.account, &input) {
        Ok(status) => say(&format!("✓ Recorded. CPNI approval: {}.", status.label())),
        Err(e) if e.kind == Kind::Usage => say(&format!("✗ {}", e.message)),
        Err(e) => return Err(e),
    }
    Ok(())
}

fn finish(env: &session::Env<'_>, db: &mut Db, mut l: Loaded) -> Result<u8> {
    let now = clock::now();
    session::end(env, db, &mut l, "ended", now)?;
    set_open(None);
    say(&format!("Session {} ended and recorded.", l.session.id));
    Ok(if l.session.basis.is_some() { 0 } else { 1 })
}

/// `cpni demo`: a throw-away database with the demo customers, then the wizard.
pub fn demo(ctx: &Ctx, _a: DemoArgs) -> Result<u8> {
    let dir = std::env::temp_dir().join(format!("cpni-demo-{}", std::process::id()));
    let mut cfg = ctx.cfg.clone();
    cfg.db_path = dir.join("cpni.db");
    cfg.mail.outbox = None;
    let demo_ctx = Ctx {
        cfg,
        out: ctx.out,
        no_input: ctx.no_input,
        on_behalf_of: None,
    };
    let result = run_demo(&demo_ctx);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn run_demo(ctx: &Ctx) -> Result<u8> {
    let (mut db, _) = Db::create(&ctx.cfg.db_path)?;
    crate::secrets::create_keys(&ctx.cfg.db_path)?;
    crate::commands::init::register_admin(&mut db, &crate::commands::context::os_login())?;
    crate::commands::demo_data::load(&mut db, &ctx.cfg, &crate::commands::context::os_login())?;
    drop(db);
    eprintln!(
        "Demo database (deleted on exit): {}",
        ctx.cfg.db_path.display()
    );
    eprintln!(
        "Demo accounts: DEMO-1001 (PIN 804713), DEMO-1002 (email too new), DEMO-1003 (no PIN), DEMO-1004 (business), DEMO-1005 (address edge)"
    );
    eprintln!(
        "Emailed codes land as .eml files in {}/outbox/\n",
        ctx.cfg
            .db_path
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    );
    run(
        ctx,
        VerifyArgs {
            account: None,
            channel: "inbound".into(),
        },
    )
}
