//! The wizard's steps: each runs one `cpni session …` step (or customer change) with the words
//! to say, and returns the session as it is afterwards. Escape inside a step returns to the
//! menu with nothing recorded. Ctrl-C while a discussion is being entered asks whether to
//! record it (a second Ctrl-C abandons the call).

use std::path::PathBuf;

use crate::clock;
use crate::commands::consent::{self, ChoiceInput};
use crate::commands::customer::change;
use crate::commands::session::{
    self, CallbackOutcome, CallbackRoute, CodeChannel, DiscloseArgs, Loaded, SecretKind, SendArgs,
};
use crate::domain::consent::Choice;
use crate::domain::escalation::ContractMethod;
use crate::domain::in_store::{self, PhotoId};
use crate::domain::policy::{Purpose, Scope};
use crate::error::{Kind, Result};
use crate::store::Db;
use crate::ui::prompt::{Prompter, Shape};
use crate::ui::wizard::{self, Route, Want};

use super::{Tally, say};

/// A discussion's purpose, reference, calls described and note.
type Fields = (Purpose, Option<String>, Option<String>, String);

/// What a step left behind.
pub enum Step {
    /// The session as the step left it.
    Next(Box<Loaded>),
    /// Re-read the session (the step changed it, or went back).
    Same,
}

/// Runs one step chosen from the menu.
pub fn run(
    p: &dyn Prompter,
    env: &session::Env<'_>,
    db: &mut Db,
    l: Loaded,
    route: Route,
    want: Want,
    t: &mut Tally,
) -> Result<Step> {
    match route {
        Route::End => Ok(Step::Same),
        Route::Pin => secret(p, env, db, l, SecretKind::Pin, Shape::Pin, wizard::SAY_PIN),
        Route::Backup => secret(
            p,
            env,
            db,
            l,
            SecretKind::Backup,
            Shape::Passphrase,
            wizard::SAY_BACKUP,
        ),
        Route::EnterCode => secret(
            p,
            env,
            db,
            l,
            SecretKind::Code,
            Shape::Code,
            wizard::SAY_LETTER_CODE,
        ),
        Route::EmailCode => {
            issue(env, db, &l, CodeChannel::Email)?;
            say(wizard::SAY_CODE);
            secret(
                p,
                env,
                db,
                session::reload(db, &l)?,
                SecretKind::Code,
                Shape::Code,
                "",
            )
        }
        Route::MailCode => {
            issue(env, db, &l, CodeChannel::Mail)?;
            say(wizard::SAY_MAIL_CODE);
            Ok(Step::Same)
        }
        Route::ResetPin => {
            reset_pin(p, env, db, &l, t)?;
            Ok(Step::Same)
        }
        Route::SetPin => {
            new_pin(p, env, db, &l, t)?;
            Ok(Step::Same)
        }
        Route::Callback => callback(p, env, db, l, t),
        Route::Business => business(p, env, db, l, t),
        Route::PhotoId => photo_id(p, env, db, l),
        Route::SendEmail | Route::SendMail => {
            send_flow(p, env, db, &l, route == Route::SendEmail, want, t)?;
            Ok(Step::Same)
        }
        Route::CallerSupplied | Route::Discuss(Scope::CallerSupplied) => {
            say(wizard::SAY_CALLER_SUPPLIED);
            Ok(discuss(p, env, db, l, Scope::CallerSupplied, t)?
                .map_or(Step::Same, |n| Step::Next(Box::new(n))))
        }
        Route::Discuss(scope) => {
            Ok(discuss(p, env, db, l, scope, t)?.map_or(Step::Same, |n| Step::Next(Box::new(n))))
        }
        Route::Marketing => {
            record_consent(p, env, db, &l, t)?;
            Ok(Step::Same)
        }
    }
}

fn issue(env: &session::Env<'_>, db: &mut Db, l: &Loaded, ch: CodeChannel) -> Result<()> {
    let earlier = db.read().open_codes(&l.customer.account)?;
    say(&format!(
        "✓ {}",
        session::issue_code(env, db, l, ch, clock::now())?
    ));
    if !earlier.is_empty() {
        say("  The earlier code no longer works: only this new one does.");
    }
    Ok(())
}

/// Asks for a secret and checks it; a wrong answer is asked again while attempts are left.
fn secret(
    p: &dyn Prompter,
    env: &session::Env<'_>,
    db: &mut Db,
    mut l: Loaded,
    kind: SecretKind,
    shape: Shape,
    words: &str,
) -> Result<Step> {
    if !words.is_empty() {
        say(words);
    }
    let prompt = match kind {
        SecretKind::Pin => "PIN",
        SecretKind::Code => "Code",
        SecretKind::Backup => "Backup passphrase",
        SecretKind::Contract => "Contract passphrase",
    };
    loop {
        let Some(value) = p.masked(prompt, shape)? else {
            return Ok(Step::Next(Box::new(l)));
        };
        let (ok, msg, next) = session::check_secret(env, db, l, kind, &value, clock::now())?;
        l = next;
        if ok {
            if kind == SecretKind::Backup {
                say(
                    "✓ Backup passphrase correct: account information may be discussed and a new PIN set; call detail may not.",
                );
            }
            return Ok(Step::Next(Box::new(l)));
        }
        let now = clock::now();
        let left = session::attempts_left(&l, now);
        if msg.contains("expired") {
            say(&expired_words(env, &l, kind, now));
            return Ok(Step::Next(Box::new(l)));
        }
        if let Some(until) = session::lock_until(&l, now) {
            say(&format!(
                "✗ Wrong. PIN and codes are now locked until {} (your time).",
                wizard::local(until)
            ));
            say(wizard::SAY_LOCK);
            return Ok(Step::Next(Box::new(l)));
        }
        if left == 0 {
            say("✗ Wrong. No attempts left on this call.");
            say(wizard::SAY_NO_ATTEMPTS);
            return Ok(Step::Next(Box::new(l)));
        }
        say(&format!(
            "✗ Wrong. {left} attempt(s) left on this call. (Esc: back to the menu)"
        ));
        say(wizard::SAY_WRONG);
    }
}

/// What the agent is told when the secret entered was right but out of date (not counted).
fn expired_words(
    env: &session::Env<'_>,
    l: &Loaded,
    kind: SecretKind,
    now: time::OffsetDateTime,
) -> String {
    if kind != SecretKind::Pin {
        return "✗ That code has expired; it did not count. Send a new code from the menu.".into();
    }
    let days = env.ctx.cfg.mail_code_days;
    let when = crate::commands::customer::show::temp_pin_of(&l.customer, days, now)
        .expires_at()
        .map_or("an unknown date".into(), wizard::local);
    format!(
        "✗ That temporary PIN expired on {when}; it did not count, and the caller is NOT verified. Offer Lost PIN from the menu to send a new one to an address of record."
    )
}

/// Starts a callback on `route` (the number is chosen and recorded first) and says the words
/// with that number. `None`: no number may be called (the refusal is recorded and shown).
fn start_callback(
    env: &session::Env<'_>,
    db: &mut Db,
    l: &Loaded,
    route: CallbackRoute,
    t: &mut Tally,
) -> Result<Option<Loaded>> {
    match session::begin_callback(env, db, l, route, clock::now()) {
        Ok((started, note)) => {
            say(&session::callback_script(&started));
            if let Some(n) = note {
                say(&n);
            }
            Ok(Some(started))
        }
        Err(e) if e.code == "no-callback-number" => {
            t.no_callback = true;
            say(&format!("✗ No callback: {}.", e.message));
            say(wizard::SAY_NO_CALLBACK);
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// The callback's outcome, as the agent saw it; `None` on Escape.
fn ask_outcome(p: &dyn Prompter) -> Result<Option<CallbackOutcome>> {
    let items = [
        "Reached the account holder, who confirmed the request",
        "No answer",
        "Someone answered but did not confirm",
    ]
    .map(String::from);
    Ok(p.menu("Callback result", &items)?.map(|i| {
        [
            CallbackOutcome::Reached,
            CallbackOutcome::NoAnswer,
            CallbackOutcome::Declined,
        ][i]
    }))
}

fn callback(
    p: &dyn Prompter,
    env: &session::Env<'_>,
    db: &mut Db,
    l: Loaded,
    t: &mut Tally,
) -> Result<Step> {
    let Some(started) = start_callback(env, db, &l, CallbackRoute::Record, t)? else {
        return Ok(Step::Same);
    };
    let Some(outcome) = ask_outcome(p)? else {
        return Ok(Step::Next(Box::new(started)));
    };
    let (ok, _, next) = session::callback(env, db, started, outcome, clock::now())?;
    if !ok {
        t.hung_up = true;
        say(wizard::SAY_NO_ANSWER);
    }
    Ok(Step::Next(Box::new(next)))
}

/// The business-contract basis: the contract's own method (its passphrase, or a callback to
/// the number it designates).
fn business(
    p: &dyn Prompter,
    env: &session::Env<'_>,
    db: &mut Db,
    l: Loaded,
    t: &mut Tally,
) -> Result<Step> {
    say(wizard::SAY_BUSINESS);
    match session::contract_method(env, db, &l, clock::now())? {
        ContractMethod::Passphrase => secret(
            p,
            env,
            db,
            l,
            SecretKind::Contract,
            Shape::Passphrase,
            wizard::SAY_CONTRACT_PASSPHRASE,
        ),
        ContractMethod::Callback => {
            say(wizard::SAY_CONTRACT_CALLBACK);
            let Some(started) = start_callback(env, db, &l, CallbackRoute::Contract, t)? else {
                return Ok(Step::Same);
            };
            let Some(outcome) = ask_outcome(p)? else {
                return Ok(Step::Next(Box::new(started)));
            };
            let (ok, next) = session::business_callback(env, db, started, outcome, clock::now())?;
            if !ok {
                t.hung_up = true;
                say(wizard::SAY_NO_ANSWER);
            }
            Ok(Step::Next(Box::new(next)))
        }
    }
}

/// Asks one line until `parse` accepts it; `None` on Escape.
fn ask_until<T>(
    p: &dyn Prompter,
    prompt: &str,
    parse: impl Fn(&str) -> std::result::Result<T, &'static str>,
) -> Result<Option<T>> {
    loop {
        let Some(v) = p.line(prompt, false)? else {
            return Ok(None);
        };
        match parse(v.trim()) {
            Ok(x) => return Ok(Some(x)),
            Err(why) => say(&format!("✗ {why}")),
        }
    }
}

/// The photo ID the agent sees at the counter, or `None` when the agent goes back.
fn ask_photo_id(p: &dyn Prompter) -> Result<Option<PhotoId>> {
    let types: Vec<String> = in_store::ID_TYPES
        .iter()
        .map(|t| wizard::id_type_words(t).to_string())
        .collect();
    let Some(i) = p.menu("Type of photo ID", &types)? else {
        return Ok(None);
    };
    let Some(issuer) = ask_until(p, "Issuing authority (for example: Virginia DMV)", |v| {
        if v.is_empty() || v.chars().any(char::is_control) {
            Err("Type the authority printed on the ID.")
        } else {
            Ok(v.to_string())
        }
    })?
    else {
        return Ok(None);
    };
    let Some(expires) = ask_until(p, "Expiry date (YYYY-MM-DD)", in_store::expiry_date)? else {
        return Ok(None);
    };
    let Some(last4) = ask_until(p, "Last four characters of the ID number", |v| {
        if in_store::valid_last4(v) {
            Ok(v.to_ascii_uppercase())
        } else {
            Err("Type exactly the last four letters or digits of the ID number.")
        }
    })?
    else {
        return Ok(None);
    };
    let items = [
        "Yes: the name on the ID matches the account holder".to_string(),
        "No: the name does not match".to_string(),
    ];
    let Some(m) = p.menu("Does the name on the ID match the account holder?", &items)? else {
        return Ok(None);
    };
    Ok(Some(PhotoId {
        id_type: in_store::ID_TYPES[i].to_string(),
        issuer,
        expires,
        number_last4: last4,
        name_matches: m == 0,
    }))
}

/// In a store: a valid government-issued photo ID matching the account (64.2010(d)).
fn photo_id(p: &dyn Prompter, env: &session::Env<'_>, db: &mut Db, l: Loaded) -> Result<Step> {
    say(in_store::PHOTO_ID_SCRIPT);
    let Some(id) = ask_photo_id(p)? else {
        return Ok(Step::Next(Box::new(l)));
    };
    let (ok, msg, next) = session::photo_id::photo_id(env, db, l, &id, clock::now())?;
    say(&format!("{} {msg}", if ok { "✓" } else { "✗" }));
    Ok(Step::Next(Box::new(next)))
}

/// A new PIN chosen by the caller (hidden, typed twice). It does not verify the call.
pub fn new_pin(
    p: &dyn Prompter,
    env: &session::Env<'_>,
    db: &mut Db,
    l: &Loaded,
    t: &mut Tally,
) -> Result<()> {
    say(wizard::SAY_NEW_PIN);
    loop {
        let Some(first) = p.masked("New PIN", Shape::Pin)? else {
            return Ok(());
        };
        let Some(again) = p.masked("Repeat the new PIN", Shape::Pin)? else {
            return Ok(());
        };
        if again != first {
            say(
                "✗ The two entries differ. Say: \"They didn't match; please tell me the new PIN again.\"",
            );
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
    t.changes.push("new PIN set".into());
    say(&format!(
        "✓ New PIN set; notices went to the contacts of record. {}",
        wizard::SAY_PIN_SET
    ));
    Ok(())
}

/// Lost PIN: a temporary PIN to an address of record, never read out on the call.
fn reset_pin(
    p: &dyn Prompter,
    env: &session::Env<'_>,
    db: &mut Db,
    l: &Loaded,
    t: &mut Tally,
) -> Result<()> {
    let (email, postal) = wizard::usable(&l.customer, clock::now());
    let mut items = Vec::new();
    if email {
        items.push(("By email to the email address of record", "email"));
    }
    if postal {
        items.push(("By letter to the postal address of record", "mail"));
    }
    let labels: Vec<String> = items.iter().map(|(s, _)| s.to_string()).collect();
    let Some(i) = p.menu("Lost PIN: send a temporary PIN", &labels)? else {
        return Ok(());
    };
    let via = items[i].1;
    let days = env.ctx.cfg.mail_code_days;
    say(&format!(
        "This sends a temporary PIN to that address of record. The caller uses it on a later call to choose a new PIN, within {days} days (then it expires); nothing is discussed on this call."
    ));
    let confirm = [
        "Send the temporary PIN".to_string(),
        "Go back (send nothing)".to_string(),
    ];
    if p.menu("Send it?", &confirm)? != Some(0) {
        return Ok(());
    }
    let notices = match crate::commands::customer::reset_pin_on_call(
        env,
        db,
        &l.customer.account,
        via,
        &l.session.id,
    ) {
        Ok(n) => n,
        Err(e) if matches!(e.code, "locked" | "reset-outstanding") => {
            say(&format!("✗ No temporary PIN sent: {}", e.message));
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    t.changes.push(format!("temporary PIN sent by {via}"));
    say(&format!(
        "✓ Temporary PIN sent. The current PIN keeps working until the new one is set. {}",
        crate::commands::customer::notices_sentence(&notices)
    ));
    say(&wizard::say_lost_pin(days));
    Ok(())
}

/// The purpose (and reference when it needs one); `None` when the agent goes back.
fn ask_purpose(p: &dyn Prompter) -> Result<Option<(Purpose, Option<String>)>> {
    let items: Vec<String> = Purpose::ALL
        .iter()
        .map(|x| wizard::purpose_words(*x).to_string())
        .collect();
    loop {
        let Some(i) = p.menu("Purpose", &items)? else {
            return Ok(None);
        };
        let purpose = Purpose::ALL[i];
        if !purpose.needs_reference() {
            return Ok(Some((purpose, None)));
        }
        if let Some(r) = p.line(
            "Reference (subpoena, order or designation; Esc goes back)",
            false,
        )? {
            return Ok(Some((purpose, Some(r))));
        }
    }
}

/// The fields of a discussion; Ctrl-C at any of them asks whether to record it anyway.
fn discussion_fields(p: &dyn Prompter, scope: Scope) -> Result<Option<Fields>> {
    let calls = if scope == Scope::CallerSupplied {
        match p.line("Calls the caller described (numbers, dates, times)", false)? {
            Some(c) => Some(c),
            None => return Ok(None),
        }
    } else {
        None
    };
    let Some((purpose, reference)) = ask_purpose(p)? else {
        return Ok(None);
    };
    // Escape at the note goes back, as everywhere: it never records the discussion.
    let Some(note) = p.line("Note (optional)", true)? else {
        return Ok(None);
    };
    Ok(Some((purpose, reference, calls, note)))
}

/// Records a discussion; `None` when the agent went back or chose not to record it.
pub fn discuss(
    p: &dyn Prompter,
    env: &session::Env<'_>,
    db: &mut Db,
    l: Loaded,
    scope: Scope,
    t: &mut Tally,
) -> Result<Option<Loaded>> {
    let fields = match discussion_fields(p, scope) {
        Ok(Some(f)) => f,
        Ok(None) => return Ok(None),
        // Ctrl-C asks; a hang-up (nobody left to ask) abandons the call at once.
        Err(e) if e.kind == Kind::Interrupted && !crate::ui::hangup::is_hangup(&e) => {
            match after_interrupt(p, scope)? {
                Some(f) => f,
                None => return Ok(None),
            }
        }
        Err(e) => return Err(e),
    };
    let (purpose, reference, calls, note) = fields;
    let args = DiscloseArgs {
        session: l.session.id.clone(),
        scope: scope.as_str().into(),
        purpose: purpose.as_str().into(),
        reference,
        calls,
        note: Some(note).filter(|n| !n.trim().is_empty()),
    };
    let (_, _, next) = session::disclose(env, db, l, &args, clock::now())?;
    say(&format!(
        "✓ Recorded: {} discussed ({}).",
        wizard::scope_words(scope),
        wizard::purpose_words(purpose)
    ));
    t.discussed.push(wizard::scope_words(scope).to_string());
    Ok(Some(next))
}

/// Ctrl-C during a discussion: record it (asking what is still needed), or not. A second
/// Ctrl-C propagates and abandons the call.
fn after_interrupt(p: &dyn Prompter, scope: Scope) -> Result<Option<Fields>> {
    say(
        "Ctrl-C: the discussion is not recorded yet. If it happened, record it. (Ctrl-C again abandons the call.)",
    );
    let items = [
        "Record this discussion".to_string(),
        "Do not record it: nothing was discussed".to_string(),
    ];
    if p.menu("Record the discussion?", &items)? != Some(0) {
        return Ok(None);
    }
    let calls = if scope == Scope::CallerSupplied {
        p.line("Calls the caller described (numbers, dates, times)", false)?
    } else {
        None
    };
    let Some((purpose, reference)) = ask_purpose(p)? else {
        return Ok(None);
    };
    if scope == Scope::CallerSupplied && calls.is_none() {
        return Ok(None);
    }
    // The note typed before Ctrl-C is lost with the line: ask for it again.
    let Some(note) = p.line("Note (optional)", true)? else {
        return Ok(None);
    };
    Ok(Some((purpose, reference, calls, note)))
}

/// Files offered as attachments: those in the statements folder whose name has the account id.
pub fn statements(dir: Option<&std::path::Path>, account: &str) -> Vec<PathBuf> {
    let Some(dir) = dir else { return Vec::new() };
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let acct = account.to_ascii_lowercase();
    let mut v: Vec<PathBuf> = rd
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy().to_ascii_lowercase())
                .is_some_and(|n| n.contains(&acct) && !n.starts_with('.'))
        })
        .collect();
    v.sort();
    v
}

/// The file to attach: one from the statements folder, a typed path, or none. `Err(())` = back.
fn choose_attachment(
    p: &dyn Prompter,
    dir: Option<&std::path::Path>,
    account: &str,
    remote: bool,
) -> Result<std::result::Result<Option<PathBuf>, ()>> {
    let files = statements(dir, account);
    let mut items: Vec<String> = files
        .iter()
        .map(|f| {
            let name = f
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            format!("Attach {}", crate::ui::term::safe(&name))
        })
        .collect();
    // Through the SSH gateway only the statements folder's files are offered: a typed path
    // could name any file the service account can read (its keys among them).
    let by_path = !remote;
    if by_path {
        items.push("Attach a file by its path".into());
    }
    items.push("No attachment (the note is the whole message)".into());
    let Some(i) = p.menu("What to send", &items)? else {
        return Ok(Err(()));
    };
    if i < files.len() {
        return Ok(Ok(Some(files[i].clone())));
    }
    if by_path && i == files.len() {
        return Ok(match p.line("Path of the file to attach", false)? {
            Some(path) => Ok(Some(PathBuf::from(path.trim()))),
            None => Err(()),
        });
    }
    Ok(Ok(None))
}

fn send_flow(
    p: &dyn Prompter,
    env: &session::Env<'_>,
    db: &mut Db,
    l: &Loaded,
    email: bool,
    want: Want,
    t: &mut Tally,
) -> Result<()> {
    let scope = if want == Want::CallDetail {
        Scope::CallDetail
    } else {
        Scope::Account
    };
    let dir = env.ctx.cfg.wizard.statements_dir.as_deref();
    let remote = env.ctx.agent.is_some();
    let Ok(attach) = choose_attachment(p, dir, &l.customer.account, remote)? else {
        return Ok(());
    };
    let Some((purpose, reference)) = ask_purpose(p)? else {
        return Ok(());
    };
    // Escape at the note goes back, as everywhere: it never sends.
    let Some(note) = p.line("Note for the customer (optional)", true)? else {
        return Ok(());
    };
    let why = match &attach {
        Some(f) => format!(
            "Attached is {}: the {} you asked us to send on your call today.",
            f.file_name().unwrap_or_default().to_string_lossy(),
            wizard::scope_words(scope)
        ),
        None => String::new(),
    };
    let text = [why, note]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let args = SendArgs {
        session: l.session.id.clone(),
        via: if email { "email" } else { "mail" }.into(),
        scope: scope.as_str().into(),
        purpose: purpose.as_str().into(),
        reference,
        attach: attach.clone(),
        note: Some(text).filter(|n| !n.is_empty()),
    };
    say(wizard::SAY_SEND);
    say(&format!(
        "✓ {}",
        session::send(env, db, l, &args, clock::now())?
    ));
    t.sent.push(format!(
        "{} by {}{}",
        wizard::scope_words(scope),
        if email { "email" } else { "letter" },
        attach
            .and_then(|f| f.file_name().map(|n| format!(" ({})", n.to_string_lossy())))
            .unwrap_or_default()
    ));
    Ok(())
}

/// The caller's opt-in, denial or revocation, recorded as an oral choice on this call.
pub fn record_consent(
    p: &dyn Prompter,
    env: &session::Env<'_>,
    db: &mut Db,
    l: &Loaded,
    t: &mut Tally,
) -> Result<()> {
    say(wizard::SAY_MARKETING);
    let verified = crate::domain::policy::is_verified(
        l.session
            .basis
            .as_deref()
            .and_then(crate::domain::policy::Basis::parse),
    );
    let mut choices = vec![
        ("Denies (opts out of) marketing use", Choice::Deny),
        ("Revokes an earlier approval", Choice::Revoke),
    ];
    if verified {
        choices.insert(
            0,
            (
                "Opts in to marketing use of their information",
                Choice::OptIn,
            ),
        );
    } else {
        say(
            "  An opt-in needs a verified call: only a denial or a revocation can be recorded now.",
        );
    }
    let labels: Vec<String> = choices.iter().map(|(s, _)| s.to_string()).collect();
    let Some(i) = p.menu("The caller's choice", &labels)? else {
        return Ok(());
    };
    let choice = choices[i].1;
    let Some(evidence) = p.line("Evidence (call recording id; required for an opt-in)", true)?
    else {
        return Ok(());
    };
    let input = ChoiceInput {
        choice,
        method: "oral".into(),
        evidence: Some(evidence).filter(|e| !e.trim().is_empty()),
        session: Some(l.session.id.clone()),
    };
    match consent::record_choice(env.ctx, db, &env.acting.actor, &l.customer.account, &input) {
        Ok(status) => {
            t.changes
                .push(format!("marketing choice recorded ({})", status.label()));
            say(&format!("✓ Recorded. CPNI approval: {}.", status.label()));
        }
        Err(e) if e.kind == Kind::Usage || e.code == "opt-in-needs-verified-session" => {
            say(&format!("✗ {}", e.message))
        }
        Err(e) => return Err(e),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::prompt::script::{A, Scripted};

    #[test]
    fn purposes_are_plain_words_and_escape_leaves_the_reference_prompt() {
        let p = Scripted::new(&[
            A::Menu(Some(6)), // legal process
            A::Line(None),    // Escape at the reference
            A::Menu(Some(0)), // the caller asked
        ]);
        let got = ask_purpose(&p).expect("purpose");
        assert_eq!(got, Some((Purpose::CustomerRequest, None)));
        let asked = p.asked.borrow();
        for (item, purpose) in asked[0].1.iter().zip(Purpose::ALL) {
            assert!(!item.contains(purpose.as_str()), "a slug shown: {item}");
        }
        assert!(asked[1].0.starts_with("Reference"));
        assert_eq!(asked[2].0, "Purpose");
        let p = Scripted::new(&[A::Menu(None)]);
        assert_eq!(ask_purpose(&p).expect("back"), None);
        let p = Scripted::new(&[A::Menu(Some(7)), A::Line(Some("ORDER-9"))]);
        assert_eq!(
            ask_purpose(&p).expect("purpose"),
            Some((Purpose::DesignatedThirdParty, Some("ORDER-9".into())))
        );
    }

    #[test]
    fn only_the_accounts_own_statements_are_offered() {
        let dir = tempfile::tempdir().expect("tempdir");
        for f in [
            "DEMO-1001-nov.pdf",
            "demo-1001-oct.pdf",
            "DEMO-1002-nov.pdf",
            ".DEMO-1001",
        ] {
            std::fs::write(dir.path().join(f), b"x").expect("write");
        }
        std::fs::create_dir(dir.path().join("DEMO-1001-folder")).expect("mkdir");
        let names: Vec<String> = statements(Some(dir.path()), "DEMO-1001")
            .iter()
            .map(|p| {
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["DEMO-1001-nov.pdf", "demo-1001-oct.pdf"]);
        assert!(statements(None, "DEMO-1001").is_empty());

        let p = Scripted::new(&[A::Menu(Some(0))]);
        let got = choose_attachment(&p, Some(dir.path()), "DEMO-1001", false).expect("choose");
        assert_eq!(got, Ok(Some(dir.path().join("DEMO-1001-nov.pdf"))));
        let p = Scripted::new(&[A::Menu(Some(3))]);
        assert_eq!(
            choose_attachment(&p, Some(dir.path()), "DEMO-1001", false).expect("none"),
            Ok(None)
        );
        let p = Scripted::new(&[A::Menu(Some(2)), A::Line(None)]);
        assert_eq!(
            choose_attachment(&p, Some(dir.path()), "DEMO-1001", false).expect("back"),
            Err(())
        );
        let p = Scripted::new(&[A::Menu(None)]);
        assert_eq!(
            choose_attachment(&p, Some(dir.path()), "DEMO-1001", false).expect("back"),
            Err(())
        );
    }

    #[test]
    fn escape_at_the_note_goes_back_and_records_nothing() {
        // Purpose "customer request" (menu 0), then Escape at the note.
        let p = Scripted::new(&[A::Menu(Some(0)), A::Line(None)]);
        assert!(
            discussion_fields(&p, Scope::Account)
                .expect("went back")
                .is_none()
        );
        let p = Scripted::new(&[A::Menu(Some(0)), A::Line(Some("bill question"))]);
        let f = discussion_fields(&p, Scope::Account).expect("fields");
        assert_eq!(f.map(|f| f.3), Some("bill question".to_string()));
    }

    #[test]
    fn ctrl_c_in_a_discussion_asks_and_a_second_ctrl_c_propagates() {
        let p = Scripted::new(&[A::Menu(Some(0)), A::CtrlC]);
        let e = discussion_fields(&p, Scope::Account).expect_err("interrupted at the note");
        assert_eq!(e.kind, Kind::Interrupted);
        let p = Scripted::new(&[A::Menu(Some(0)), A::Menu(Some(1)), A::Line(Some("plan"))]);
        let f = after_interrupt(&p, Scope::Account).expect("record it");
        assert_eq!(
            f.map(|f| (f.0, f.3)),
            Some((Purpose::Billing, "plan".to_string()))
        );
        let p = Scripted::new(&[A::Menu(Some(1))]);
        assert!(
            after_interrupt(&p, Scope::Account)
                .expect("not recorded")
                .is_none()
        );
        let p = Scripted::new(&[A::CtrlC]);
        let e = after_interrupt(&p, Scope::Account).expect_err("second Ctrl-C");
        assert_eq!(e.kind, Kind::Interrupted);
    }
}
