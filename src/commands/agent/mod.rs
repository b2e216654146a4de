//! `cpni agent add|list|role|disable|enable|key`: who may run cpni, with which role, and (for
//! the SSH gateway) with which keys. Disabling an agent removes their keys at once.

pub mod authorized;
pub mod keys;

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;

use crate::audit::Event;
use crate::clock;
use crate::commands::context::{ADMINS, Ctx, Role, SUPERVISORS};
use crate::domain::contact;
use crate::error::{Error, Result};
use crate::store::agents::Agent;
use crate::ui::term::safe;

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum AgentCommand {
    /// Register an operating-system login as a cpni agent (admin)
    Add(AddArgs),
    /// List agents and their roles (supervisor, admin)
    List,
    /// Change an agent's role (admin)
    Role {
        /// The agent's operating-system login
        login: String,
        /// agent, supervisor, admin or service
        #[arg(value_parser = ["agent", "supervisor", "admin", "service"])]
        role: String,
    },
    /// Disable an agent and remove their SSH keys; their records stay (admin)
    Disable {
        /// The agent's operating-system login
        login: String,
    },
    /// Enable a disabled agent again (their keys must be added again) (admin)
    Enable {
        /// The agent's login
        login: String,
    },
    /// The SSH keys agents use to reach cpni through the gateway (admin)
    #[command(subcommand)]
    Key(keys::KeyCommand),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The operating-system login (as `id -un` prints it)
    pub login: String,
    /// agent, supervisor, admin or service
    #[arg(long, value_parser = ["agent", "supervisor", "admin", "service"])]
    pub role: String,
    /// Display name
    #[arg(long, default_value = "")]
    pub name: String,
    /// The agent's SSH public key, for the gateway (or - to read it on stdin)
    #[arg(long, value_name = "FILE")]
    pub ssh_key_file: Option<PathBuf>,
}

/// OS logins: letters, digits, `_`, `.`, `-`, 1..=32, not starting with `-`.
pub fn parse_login(s: &str) -> Result<String> {
    let ok = !s.is_empty()
        && s.len() <= 32
        && !s.starts_with('-')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if ok {
        Ok(s.to_string())
    } else {
        Err(Error::usage(
            "login",
            format!(
                "login {} is not a valid operating-system login",
                crate::ui::term::excerpt(s)
            ),
        )
        .hint("use 1 to 32 letters, digits, '_', '.' or '-', as `id -un` prints it"))
    }
}

pub fn run(ctx: &Ctx, cmd: AgentCommand) -> Result<u8> {
    match cmd {
        AgentCommand::Add(a) => add(ctx, a),
        AgentCommand::List => list(ctx),
        AgentCommand::Role { login, role } => set_role(ctx, &login, &role),
        AgentCommand::Disable { login } => disable(ctx, &login),
        AgentCommand::Enable { login } => enable(ctx, &login),
        AgentCommand::Key(c) => keys::run(ctx, c),
    }
}

fn add(ctx: &Ctx, a: AddArgs) -> Result<u8> {
    let login = parse_login(&a.login)?;
    let name = contact::parse_text("name", &a.name, 200, true)?;
    let key = a.ssh_key_file.as_deref().map(keys::read_key).transpose()?;
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "agent add", ADMINS)?;
    if let Some(k) = &key {
        authorized::refuse_foreign(&ctx.cfg, k)?;
    }
    if db.read().agent(&login)?.is_some() {
        return Err(
            Error::usage("exists", format!("agent {login} is already registered"))
                .hint("use `cpni agent role` to change the role"),
        );
    }
    let now = clock::now();
    let agent = Agent {
        login: login.clone(),
        name,
        role: a.role.clone(),
        active: true,
        created_at: clock::format(now),
    };
    let event = Event::new("agent.add")
        .with("login", login.clone())
        .with("role", a.role.clone());
    db.step(|tx| {
        tx.insert_agent(&agent)?;
        tx.append(&acting.actor, now, event)?;
        match &key {
            Some(k) => keys::add_in(tx, ctx, &acting.actor, &login, k),
            None => Ok(()),
        }
    })?;
    ctx.out.print(
        &json!({"login": login, "role": a.role, "active": true,
                "fingerprint": key.as_ref().map(|k| k.fingerprint.clone())}),
        &match &key {
            Some(k) => format!(
                "Registered {login} as {}; they may connect with the key {}.",
                a.role, k.fingerprint
            ),
            None => format!("Registered {login} as {}.", a.role),
        },
    );
    Ok(0)
}

fn list(ctx: &Ctx) -> Result<u8> {
    let mut db = ctx.open()?;
    ctx.acting(&mut db, "agent list", SUPERVISORS)?;
    let agents = db.read().agents()?;
    let text: Vec<String> = agents
        .iter()
        .map(|a| {
            let state = if a.active { "" } else { "  (disabled)" };
            format!("{:<20} {:<11} {}{state}", a.login, a.role, safe(&a.name))
        })
        .collect();
    ctx.out.print(
        &serde_json::to_value(&agents).unwrap_or_default(),
        &text.join("\n"),
    );
    Ok(0)
}

fn existing(db: &crate::store::Db, login: &str) -> Result<Agent> {
    db.read().agent(login)?.ok_or_else(|| {
        Error::not_found("no-agent", format!("no agent with login {}", safe(login)))
            .hint("see `cpni agent list`")
    })
}

fn set_role(ctx: &Ctx, login: &str, role: &str) -> Result<u8> {
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "agent role", ADMINS)?;
    let agent = existing(&db, login)?;
    guard_last_admin(&db, &agent, Role::parse(role) != Some(Role::Admin))?;
    let now = clock::now();
    let event = Event::new("agent.role")
        .with("login", login)
        .with("from", agent.role.clone())
        .with("to", role);
    db.step(|tx| {
        tx.set_agent_role(login, role, &clock::format(now))?;
        tx.append(&acting.actor, now, event)
    })?;
    ctx.out.print(
        &json!({"login": login, "role": role}),
        &format!("{login} is now {role}."),
    );
    Ok(0)
}

fn disable(ctx: &Ctx, login: &str) -> Result<u8> {
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "agent disable", ADMINS)?;
    let agent = existing(&db, login)?;
    guard_last_admin(&db, &agent, true)?;
    let now = clock::now();
    let removed = db.step(|tx| {
        tx.set_agent_active(login, false, &clock::format(now))?;
        let removed = keys::remove_all_in(tx, ctx, login)?;
        let event = Event::new("agent.disable")
            .with("login", login)
            .with("keys_removed", json!(removed));
        tx.append(&acting.actor, now, event)?;
        Ok(removed)
    })?;
    ctx.out.print(
        &json!({"login": login, "active": false, "keys_removed": removed}),
        &format!("{login} is disabled; {} SSH key(s) removed.", removed.len()),
    );
    Ok(0)
}

fn enable(ctx: &Ctx, login: &str) -> Result<u8> {
    let mut db = ctx.open()?;
    let acting = ctx.acting(&mut db, "agent enable", ADMINS)?;
    let agent = existing(&db, login)?;
    if agent.active {
        return Err(
            Error::usage("active", format!("{login} is already active")).hint("nothing to do")
        );
    }
    let now = clock::now();
    let event = Event::new("agent.enable").with("login", login);
    db.step(|tx| {
        tx.set_agent_active(login, true, &clock::format(now))?;
        tx.append(&acting.actor, now, event)
    })?;
    ctx.out.print(
        &json!({"login": login, "active": true}),
        &format!("{login} is enabled; add their SSH key with `cpni agent key add {login} --ssh-key-file FILE`."),
    );
    Ok(0)
}

/// Never leave the database without an active admin.
fn guard_last_admin(db: &crate::store::Db, agent: &Agent, removing_admin: bool) -> Result<()> {
    let admins = db.read().active_admins()?;
    if removing_admin && agent.role == "admin" && agent.active && admins.len() <= 1 {
        return Err(Error::refused(
            "last-admin",
            format!("{} is the only active admin", agent.login),
        )
        .hint("make another agent admin first (cpni agent role LOGIN admin)"));
    }
    Ok(())
}
