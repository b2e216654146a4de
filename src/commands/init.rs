//! `cpni init [--demo]`: create the database (0600, folder 0700), the key files beside it, a
//! commented config file, and register the invoking user as admin. Idempotent: on an existing
//! database it changes nothing and says so.
//!
//! With a PostgreSQL `db` ([`run_postgres`]): the migrations as the owner role, under the init
//! lock, after checking every configured file; on the first host (an empty database) new keys
//! are made, their fingerprint recorded in the transaction that builds the schema, and the key
//! files written in the data folder only once it has committed (`cpni-pg-<db>-<hash>.code-key`,
//! `.signing-key`, one pair per database); a host joining a database another host set up never
//! creates keys: its key files (checked as SQLite's are) must match the recorded fingerprint,
//! and it is told to copy them from a running host ([`pg::hostkeys`]). Then the day-to-day role
//! must log in, see the current schema, and be neither a superuser nor an owner of cpni's
//! tables nor able to update or delete audit records ([`pg::approle`]). The first init on the
//! database then registers the invoking user as admin through the PostgreSQL store, with the
//! chain's `init` and `agent.add` records and the signed head, decided inside that step so
//! that of several hosts' inits exactly one does ([`register_admin_once`]); with `--demo`, that
//! init also loads the demo customers. Every init on PostgreSQL finally writes this host's
//! `authorized_keys` from the database when it differs, so a joining gateway host lets in the
//! agents' keys already listed.

use clap::Args;
use serde_json::json;

use crate::audit::{Actor, Event};
use crate::commands::agent::authorized;
use crate::commands::context::{Ctx, os_login};
use crate::commands::demo_data;
use crate::config::default_config_path;
use crate::error::Result;
use crate::store::agents::Agent;
use crate::store::pg::connect::As;
use crate::store::pg::hostkeys::HostKeys;
use crate::store::pg::target::Target;
use crate::store::{self, Db, pg};
use crate::ui::term::safe;
use crate::{clock, secrets};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Also load sample customers (see the README for their PINs)
    #[arg(long)]
    pub demo: bool,
}

const CONFIG_TEMPLATE: &str = r#"# cpni configuration. Every key is optional; an unknown key is an error.
# db = "/var/lib/cpni/cpni.db"
# db = "postgresql://cpni_app@pg.example:5432/cpni?sslmode=verify-full"  # PostgreSQL (README)

[pin]
# min_length = 6            # 4 to 15

[phone]
# default_country = "US"    # for numbers given without +country code

[session]
# idle_minutes = 60

[codes]
# mail_code_days = 30      # days a mailed code and a temporary PIN (Lost PIN) stay valid
# per_session = 3          # email and letter codes per session
# per_account_hour = 5     # email and letter codes per account in any hour

[secrets]
# argon2 = "owasp"          # "owasp" (m=19 MiB, t=2, p=1) or "strong" (m=64 MiB, t=3, p=4)

[mail]
# transport = "file"        # "file" (default: .eml files in the outbox folder) or "smtp"
# from = "Acme Telecom <no-reply@acme.example>"
# outbox = "/var/lib/cpni/outbox"
# [mail.smtp]
# host = "smtp.acme.example"
# port = 587
# tls = "starttls"          # "starttls", "tls" or "none" (loopback only)
# username = "cpni"
# password_file = "/etc/cpni/smtp-password"
# timeout_secs = 10

[callback]
# dial_command = ["softphone", "--dial"]   # run with the number as last argument, no shell

[notify]
# sms_command = ["sms-gateway", "--send"]  # run with the number and the message; no shell

[gateway]
# program = "/usr/local/bin/cpni"          # the binary authorized_keys' forced commands run
# authorized_keys = "/var/lib/cpni/.ssh/authorized_keys"  # default: ~/.ssh/authorized_keys

[retention]
# years = 2                 # audit records younger than this are never purged; at least 1

[checkpoint]
# every_records = 1000      # sign a checkpoint once this many records follow the newest one
# every_minutes = 60        # ... or at the first write this many minutes after it
# command = ["worm-put", "--bucket", "cpni-audit"]   # gets each checkpoint on stdin; no shell

[wizard]
# statements_dir = "/srv/statements"  # files offered as attachments when sending (name has the account id)

[storage]
# lock_timeout_secs = 5     # a write waits this long for the writer lock, then exit 5 "busy"
# For a PostgreSQL db (passwords only from files, mode 0600, never in the URL):
# password_file = "/etc/cpni/pg-app-password"          # the day-to-day role's (cpni_app)
# owner_password_file = "/etc/cpni/pg-owner-password"  # the owner role's, for `cpni init` only
# owner_role = "cpni_owner"
# ca_file = "/etc/cpni/pg-ca.pem"   # the server's CA for sslmode=verify-full, besides the system roots

[import]
# max_record_bytes = 65536  # one CSV record (a row, quoted line breaks included)
# max_field_bytes = 4096    # one field
# max_rows = 1000000        # rows in one file (all are checked before any is saved)

[breach]
# rule = "2007"                    # or "2024" (the amended 64.2011, once in force)
# time_zone = "America/New_York"   # the carrier's IANA zone: breach dates, certification year
# federal_holidays = true          # skip US federal holidays (observed dates) in business days
# holidays = ["2026-12-24"]        # extra non-business days
"#;

pub fn run(ctx: &Ctx, args: InitArgs) -> Result<u8> {
    if let Some(t) = &ctx.cfg.postgres {
        return run_postgres(ctx, t, &args);
    }
    let path = ctx.cfg.db_path.clone();
    let (mut db, created) = Db::create(&path)?;
    // An empty audit log means no init ever finished here (the file was left empty, or an
    // earlier run stopped before registering its admin): finish it rather than claim it is done.
    let fresh = created || db.read().audit_head()?.is_none();
    let keys_created = secrets::create_keys(&path)?;
    let config_written = write_config_template()?;
    if !fresh {
        let text = format!(
            "cpni is already initialised at {}; nothing changed.{}{}",
            safe(&path.display().to_string()),
            if keys_created {
                " (Missing key files were recreated.)"
            } else {
                ""
            },
            if args.demo {
                "\nThe demo customers were not loaded: --demo loads them only into a database \
                 this init creates (try `cpni demo`, or --db a new file)."
            } else {
                ""
            }
        );
        ctx.out.print(
            &json!({"db": path.to_string_lossy(), "created": false}),
            &text,
        );
        return Ok(0);
    }
    let login = os_login();
    register_admin(&mut db, &login)?;
    let demo_count = if args.demo {
        demo_data::load(&mut db, &ctx.cfg, &login)?
    } else {
        0
    };
    let mut text = format!(
        "Created {} and its keys; {login} is registered as admin.",
        safe(&path.display().to_string())
    );
    if let Some(p) = &config_written {
        text.push_str(&format!(
            "\nWrote a commented config file: {}",
            safe(&p.display().to_string())
        ));
    }
    if demo_count > 0 {
        text.push_str(&format!(
            "\nLoaded {demo_count} demo customers (see the README for their PINs)."
        ));
    }
    text.push_str(
        "\nNext: `cpni agent add LOGIN --role agent` for each agent, then `cpni verify`.",
    );
    ctx.out.print(
        &json!({"db": path.to_string_lossy(), "created": true, "admin": login, "demo_customers": demo_count}),
        &text,
    );
    Ok(0)
}

/// `cpni init` on PostgreSQL: see the module doc.
fn run_postgres(ctx: &Ctx, t: &Target, args: &InitArgs) -> Result<u8> {
    // Every configured file is checked before anything is connected to or changed.
    pg::target::check_files(t)?;
    let keys = HostKeys::load_or_new(&ctx.cfg.db_path)?;
    let (mut client, watchdog) = pg::connect::connect_watched(t, As::Owner)?;
    let mut staged = (!keys.on_disk).then(|| keys.stage()).transpose()?;
    let mut keys_created = false;
    // The whole migration is one bounded wait (another host's init, then the steps): a server
    // that stops answering ends it with exit 5, the transaction rolled back by the server.
    let armed = watchdog.arm(pg::migrate::INIT_WAIT);
    let done = pg::migrate::migrate(&mut client, t, &keys, |done| {
        if let Some(staged) = staged.take().filter(|_| done.recorded) {
            staged.install()?;
            keys_created = true;
        }
        Ok(())
    });
    drop(armed);
    let done = done.map_err(|e| match watchdog.fired() {
        true => pg::watchdog::stalled(&t.place()),
        false => e,
    })?;
    drop(client);
    // The day-to-day role must be able to log in and read the current schema, or no step
    // could run here; and it must not be able to rewrite the log.
    let (mut app, watchdog) = pg::connect::connect_watched(t, As::App).map_err(|mut e| {
        e.message = format!("the schema is in place, but {}", e.message);
        e
    })?;
    let armed = watchdog.arm(std::time::Duration::ZERO);
    pg::approle::check_app(&mut app, t).map_err(|e| match watchdog.fired() {
        true => pg::watchdog::stalled(&t.place()),
        false => e,
    })?;
    drop(armed);
    drop(app);
    // The first init on this database registers its admin, through the store as any step.
    let mut db = Db::open_pg(t, &ctx.cfg.db_path, ctx.cfg.lock_timeout)?;
    let login = os_login();
    let admin = register_admin_once(&mut db, &login)?.then_some(login);
    // A joining host's gateway lets in the keys the database already lists.
    let keys_written = write_authorized_keys(ctx, &mut db)?;
    // The demo customers, as on SQLite: only by the init that set the database up.
    let demo_count = match &admin {
        Some(login) if args.demo => demo_data::load(&mut db, &ctx.cfg, login)?,
        _ => 0,
    };
    let config_written = write_config_template()?;
    let (code_key, signing_key) = (&keys.code_path, &keys.signing_path);
    let text = postgres_summary(
        t,
        &done,
        keys_created.then_some((code_key, signing_key)),
        admin.as_deref(),
        config_written.as_deref(),
    );
    let text = if demo_count > 0 {
        format!("{text}\nLoaded {demo_count} demo customers (see the README for their PINs).")
    } else if args.demo {
        format!(
            "{text}\nThe demo customers were not loaded: --demo loads them only into a database \
             this init sets up (use a new, empty database for a demo)."
        )
    } else {
        text
    };
    let text = match &keys_written {
        Some(p) => format!(
            "{text}\nWrote {} from the agents' keys in the database.",
            safe(&p.display().to_string())
        ),
        None => text,
    };
    ctx.out.print(
        &json!({"db": t.url(), "backend": "postgresql", "created": done.from != done.to,
                "schema_from": done.from, "schema_version": done.to,
                "keys_created": keys_created, "code_key": code_key.to_string_lossy(),
                "signing_key": signing_key.to_string_lossy(), "admin": admin,
                "demo_customers": demo_count,
                "authorized_keys_written": keys_written.map(|p| p.to_string_lossy().into_owned())}),
        &text,
    );
    Ok(0)
}

/// Writes this host's `authorized_keys` from the database when it differs (a host joining a
/// database whose agents already have keys); returns its path when it did. A database that
/// lists no key leaves the file alone: the init of a second database on a host whose account
/// already serves another one's gateway must not empty that one's block (`cpni agent key sync`
/// does it when asked).
fn write_authorized_keys(ctx: &Ctx, db: &mut Db) -> Result<Option<std::path::PathBuf>> {
    if db.read().active_agent_keys()?.is_empty() {
        return Ok(None);
    }
    let written = db
        .step(|tx| authorized::rewrite(tx, &ctx.cfg, false))
        .map_err(|mut e| {
            e.message = format!("the database is set up, but {}", e.message);
            e
        })?;
    Ok(written.then(|| authorized::path(&ctx.cfg).ok()).flatten())
}

/// What `cpni init` on PostgreSQL did, for people: the steps applied (or none), the key files
/// it created (`keys`), the config file it wrote, and what to do next.
fn postgres_summary(
    t: &Target,
    done: &pg::migrate::Migrated,
    keys: Option<(&std::path::PathBuf, &std::path::PathBuf)>,
    admin: Option<&str>,
    config_written: Option<&std::path::Path>,
) -> String {
    let place = t.place();
    let place = safe(&place);
    let mut text = if done.from == done.to {
        format!(
            "The PostgreSQL database {place} is already at schema version {}; nothing changed.",
            done.to
        )
    } else {
        format!(
            "Applied PostgreSQL migrations {} to {} on {place} (schema version {}).",
            done.from + 1,
            done.to,
            done.to
        )
    };
    if let Some((code, signing)) = keys {
        text.push_str(&format!(
            "\nCreated the key files {} and {}: copy both (mode 0600) to every other gateway \
             host of this database; they never go into the database.",
            safe(&code.display().to_string()),
            safe(&signing.display().to_string())
        ));
    }
    if let Some(login) = admin {
        text.push_str(&format!(
            "\n{} is registered as admin (the log's first records: init, agent.add).",
            safe(login)
        ));
    }
    if let Some(p) = config_written {
        text.push_str(&format!(
            "\nWrote a commented config file: {}",
            safe(&p.display().to_string())
        ));
    }
    // Only the host that set the database up has agents to add; a joining host is done.
    if admin.is_some() {
        text.push_str(
            "\nNext: `cpni agent add LOGIN --role agent` for each agent, then `cpni verify`.",
        );
    } else {
        text.push_str("\nThis host is ready: `cpni agent list` shows the database's agents.");
    }
    text
}

pub fn register_admin(db: &mut Db, login: &str) -> Result<()> {
    let now = clock::now();
    let actor = Actor {
        login: login.to_string(),
        on_behalf_of: None,
    };
    let agent = Agent {
        login: login.to_string(),
        name: String::new(),
        role: "admin".into(),
        active: true,
        created_at: clock::format(now),
    };
    db.step(|tx| {
        let init = Event::new("init").with("schema", store::migrate::current_version());
        tx.append(&actor, now, init)?;
        tx.insert_agent(&agent)?;
        let add = Event::new("agent.add")
            .with("login", login)
            .with("role", "admin");
        tx.append(&actor, now, add).map(|_| ())
    })
}

/// On PostgreSQL, where several hosts may run `cpni init` at once: registers `login` as admin
/// ([`register_admin`]'s records, the `init` record naming the PostgreSQL schema version)
/// only if the log is still empty, decided inside the step that writes them (under the writer
/// lock, so exactly one init does). Returns whether this call did.
fn register_admin_once(db: &mut Db, login: &str) -> Result<bool> {
    let now = clock::now();
    let actor = Actor {
        login: login.to_string(),
        on_behalf_of: None,
    };
    let agent = Agent {
        login: login.to_string(),
        name: String::new(),
        role: "admin".into(),
        active: true,
        created_at: clock::format(now),
    };
    db.step(|tx| {
        if tx.audit_head()?.is_some() {
            return Ok(false);
        }
        let init = Event::new("init")
            .with("schema", pg::migrate::current_version())
            .with("backend", "postgresql");
        tx.append(&actor, now, init)?;
        tx.insert_agent(&agent)?;
        let add = Event::new("agent.add")
            .with("login", login)
            .with("role", "admin");
        tx.append(&actor, now, add)?;
        Ok(true)
    })
}

/// Writes the commented template to the default config path if no file is there.
fn write_config_template() -> Result<Option<std::path::PathBuf>> {
    let Some(path) = default_config_path() else {
        return Ok(None);
    };
    if path.exists() {
        return Ok(None);
    }
    if let Some(dir) = path.parent() {
        store::create_private_dir(dir)?;
    }
    secrets::write_new_private(&path, CONFIG_TEMPLATE.as_bytes())?;
    Ok(Some(path))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_template_is_valid_config() {
        crate::config::parse_text(super::CONFIG_TEMPLATE).unwrap();
    }
}
