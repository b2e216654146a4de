//! What every command needs: the validated config, output settings, the database, and the
//! acting agent with role checks: the operating-system user of the real uid (never `$USER`),
//! or, through the SSH gateway, the agent named by the key's forced command (every step then
//! also requires that key still listed and active for that agent).

use std::ffi::CStr;

use serde_json::json;

use crate::audit::{Actor, Event};
use crate::cli::Cli;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::output::Out;
use crate::store::Db;

/// Opens the database `cfg` names: its SQLite file, or its PostgreSQL `db` URL as the
/// day-to-day role, with the host's key files named from `db_path` (as `cpni init` made them).
pub fn open_db(cfg: &Config) -> Result<Db> {
    match &cfg.postgres {
        Some(t) => Db::open_pg(t, &cfg.db_path, cfg.lock_timeout),
        None => Db::open_with(&cfg.db_path, cfg.lock_timeout),
    }
}

/// Roles, from least to most privileged for people; `service` is for integrations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Agent,
    Supervisor,
    Admin,
    Service,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "agent" => Some(Role::Agent),
            "supervisor" => Some(Role::Supervisor),
            "admin" => Some(Role::Admin),
            "service" => Some(Role::Service),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
            Role::Service => "service",
        }
    }
}

/// Role sets used by the commands (design.md §1 and §4).
pub const ANY: &[Role] = &[Role::Agent, Role::Supervisor, Role::Admin, Role::Service];
pub const CALL_HANDLERS: &[Role] = ANY;
pub const SUPERVISORS: &[Role] = &[Role::Supervisor, Role::Admin];
pub const ADMINS: &[Role] = &[Role::Admin];
pub const OUTBOX: &[Role] = &[Role::Supervisor, Role::Admin, Role::Service];

/// The acting user after role checks.
#[derive(Debug, Clone)]
pub struct Acting {
    pub actor: Actor,
    pub role: Role,
}

pub struct Ctx {
    pub cfg: Config,
    pub out: Out,
    pub no_input: bool,
    pub on_behalf_of: Option<String>,
    /// Through the gateway: the key's agent, who acts instead of the OS user.
    pub agent: Option<String>,
    /// Through the gateway: the fingerprint of the SSH key the agent connected with.
    pub key: Option<String>,
}

impl Ctx {
    pub fn new(cli: &Cli) -> Result<Ctx> {
        let cfg = Config::load(cli.config.as_deref(), cli.db.as_deref())?;
        crate::store::pg::watchdog::set_bound(cfg.query_timeout);
        Ok(Ctx {
            cfg,
            out: Out {
                json: cli.json,
                quiet: cli.quiet,
            },
            no_input: cli.no_input,
            on_behalf_of: cli.on_behalf_of.clone(),
            agent: None,
            key: None,
        })
    }

    /// The acting agent's login: the gateway's agent, else the OS user of the real uid.
    pub fn login(&self) -> String {
        self.agent.clone().unwrap_or_else(os_login)
    }

    pub fn open(&self) -> Result<Db> {
        open_db(&self.cfg)
    }

    /// [`Ctx::open`] as the owner role on PostgreSQL (`cpni audit purge`: the day-to-day role
    /// may not delete audit records); on SQLite the same as [`Ctx::open`].
    pub fn open_owner(&self) -> Result<Db> {
        match &self.cfg.postgres {
            Some(t) => Db::open_pg_owner(t, &self.cfg.db_path, self.cfg.lock_timeout),
            None => self.open(),
        }
    }

    /// Resolves the acting agent and checks that its role may run `command`. A refusal of a
    /// known user is itself an audit record.
    pub fn acting(&self, db: &mut Db, command: &str, allowed: &[Role]) -> Result<Acting> {
        let login = self.login();
        let Some(me) = db.read().agent(&login)? else {
            return Err(unregistered(db, &login, "is not registered"));
        };
        if !me.active {
            return Err(unregistered(db, &login, "is disabled"));
        }
        let role = Role::parse(&me.role).unwrap_or(Role::Agent);
        let actor = match self.actor_for(db, &login, role) {
            Ok(a) => a,
            Err(e) => {
                // Every refusal is an audit record, `--on-behalf-of` included (issue 12).
                let me = Actor {
                    login: login.clone(),
                    on_behalf_of: None,
                };
                let event = Event::new("access.refused")
                    .with("command", command)
                    .with("reason", e.code)
                    .with("on_behalf_of", self.on_behalf_of.clone());
                db.step(|tx| tx.append(&me, crate::clock::now(), event).map(|_| ()))?;
                return Err(e);
            }
        };
        let on_behalf_role = match &actor.on_behalf_of {
            Some(a) => db.read().agent(a)?.and_then(|a| Role::parse(&a.role)),
            None => None,
        };
        let allowed_here =
            allowed.contains(&role) && on_behalf_role.is_none_or(|r| allowed.contains(&r));
        if !allowed_here {
            let need: Vec<&str> = allowed.iter().map(|r| r.as_str()).collect();
            record_refusal(db, &actor, command, role)?;
            return Err(Error::refused(
                "role",
                format!("`cpni {command}` needs the role {}; {login} is {}", need.join(" or "), role.as_str()),
            )
            .hint("ask an admin (cpni agent role LOGIN ROLE) if you should have it; this attempt was recorded"));
        }
        // Row seals: every step of this command decides as these agents (`audit verify` is
        // exempt, so that it still runs, and names the edit, when an agent row was edited).
        if command != "audit verify" {
            let mut logins = vec![actor.login.clone()];
            logins.extend(actor.on_behalf_of.clone());
            // Read-only commands too: a role raised by hand reads nothing.
            for l in &logins {
                db.read().require_sealed("agent", "login", l)?;
            }
            db.decide_as(logins);
        }
        if let (Some(agent), Some(key)) = (&self.agent, &self.key) {
            db.decide_with_key(agent, key);
        }
        crate::timing::mark("agent");
        Ok(Acting { actor, role })
    }

    fn actor_for(&self, db: &Db, login: &str, role: Role) -> Result<Actor> {
        let Some(other) = &self.on_behalf_of else {
            return Ok(Actor {
                login: login.to_string(),
                on_behalf_of: None,
            });
        };
        if role != Role::Service {
            return Err(Error::refused(
                "on-behalf-of",
                "--on-behalf-of is only for service accounts",
            )
            .hint("run the command as yourself, without --on-behalf-of"));
        }
        match db.read().agent(other)? {
            Some(a) if a.active && a.role != "service" => Ok(Actor {
                login: login.to_string(),
                on_behalf_of: Some(a.login),
            }),
            _ => Err(Error::refused(
                "on-behalf-of",
                format!("--on-behalf-of {other:?}: not a registered, active agent"),
            )
            .hint("pass the login of a registered agent (cpni agent list)")),
        }
    }
}

fn record_refusal(db: &mut Db, actor: &Actor, command: &str, role: Role) -> Result<()> {
    let actor = actor.clone();
    let event = Event::new("access.refused")
        .with("command", command)
        .with("role", role.as_str());
    db.step(|tx| tx.append(&actor, crate::clock::now(), event).map(|_| ()))
}

/// The refusal of `login`, who `what` ("is not registered", "is disabled"), recorded
/// (`access.refused`), with whom to ask and the command that admits them.
pub fn unregistered(db: &mut Db, login: &str, what: &str) -> Error {
    let admins = db.read().active_admins().unwrap_or_default();
    let actor = Actor {
        login: login.to_string(),
        on_behalf_of: None,
    };
    let event = Event::new("access.refused").with("reason", json!(what));
    // Best effort: a refusal that cannot be recorded is still a refusal.
    let _ = db.step(|tx| tx.append(&actor, crate::clock::now(), event).map(|_| ()));
    let who = if admins.is_empty() {
        "an admin".to_string()
    } else {
        admins.join(", ")
    };
    Error::refused(
        "not-registered",
        format!("the user {login} {what} as a cpni agent"),
    )
    .hint(admit_hint(&who, login, what == "is disabled"))
}

/// What to ask for: `cpni agent enable` for a disabled agent (`agent add` would fail with
/// "already registered"), `cpni agent add` for an unknown one.
fn admit_hint(who: &str, login: &str, disabled: bool) -> String {
    if disabled {
        format!("ask {who} to run `cpni agent enable {login}`")
    } else {
        format!("ask {who} to run `cpni agent add {login} --role agent`")
    }
}

/// The login of the process's real uid; `uid-N` when the uid has no passwd entry.
pub fn os_login() -> String {
    // SAFETY: getuid cannot fail; getpwuid_r writes only into the buffers we pass.
    unsafe {
        let uid = libc::getuid();
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut buf = vec![0 as libc::c_char; 4096];
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let rc = libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result);
        if rc == 0 && !result.is_null() && !pwd.pw_name.is_null() {
            return CStr::from_ptr(pwd.pw_name).to_string_lossy().into_owned();
        }
        format!("uid-{uid}")
    }
}
