//! The wizard's routes and recording steps: each runs one `cpni session …` step with the words
//! to say, and returns the session as it is afterwards.

use crate::clock;
use crate::commands::consent::{self, ChoiceInput};
use crate::commands::customer::change;
use crate::commands::session::{
    self, CallbackOutcome, CodeChannel, DiscloseArgs, Loaded, SecretKind, SendArgs,
};
use crate::domain::consent::Choice;
use crate::domain::policy::{Purpose, Scope};
use crate::error::{Kind, Result};
use crate::store::Db;
use crate::ui::prompt::{Prompter, Terminal};
use crate::ui::wizard::{self, Route, Want};

use super::say;

/// Runs one route; `Ok(None)` means the agent ended the call.
pub fn run_route(
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
pub fn new_pin(env: &session::Env<'_>, db: &mut Db, l: &Loaded) -> Result<()> {
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

pub fn discuss(env: &session::Env<'_>, db: &mut Db, l: Loaded, scope: Scope) -> Result<Loaded> {
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

/// The caller's opt-in, denial or revocation, recorded as an oral choice on this call.
pub fn record_consent(env: &session::Env<'_>, db: &mut Db, l: &Loaded) -> Result<()> {
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
