//! What cpni checks of the day-to-day role (the URL's, normally `cpni_app`), logged in as it:
//! `cpni init`, once the schema is in place, that it sees the current schema version
//! ([`check_app`]); and every open of the store ([`check_powers`], also part of
//! [`check_app`]), that it cannot rewrite the log: it is not a superuser, owns no cpni table
//! (nor is a member of a role that does), has no UPDATE, DELETE or TRUNCATE on `audit`, and
//! may not CREATE in schema `public` (where a function could take a built-in's place).
//! Otherwise every guarantee the server gives (grants, append-only triggers) would not bind the
//! role that runs every step: a `db` naming the owner role, or a grant made after init, is
//! refused by every command, not only by init.

use super::error::PgError;
use super::migrate::{current_version, version};
use super::target::Target;
use crate::error::{Error, Kind, Result};

/// Checks the day-to-day role, `client` logged in as `t.user`.
pub fn check_app(client: &mut postgres::Client, t: &Target) -> Result<()> {
    let v = version(client, t, &t.user)?;
    if v != current_version() {
        return Err(Error::new(
            Kind::Storage,
            "pg-app-role",
            format!(
                "the day-to-day role {} sees schema version {v} at {}, not version {} that \
                 cpni init just left: it does not see the tables the owner role made",
                t.user,
                t.place(),
                current_version()
            ),
        )
        .hint("check the role's search_path (ALTER ROLE … RESET search_path) and that db and owner_role name the same database"));
    }
    check_powers(
        client,
        t,
        "the schema is in place, run `cpni init` again afterwards",
    )
}

/// Refuses (exit 2 `pg-app-role`) a day-to-day role that could rewrite the log: a superuser, a
/// member of the tables' owner, or one that may UPDATE, DELETE or TRUNCATE `audit`; `then`
/// ends the hint (what state the refusal leaves).
pub fn check_powers(client: &mut postgres::Client, t: &Target, then: &str) -> Result<()> {
    let pg = |e: postgres::Error| Error::from(PgError::new(&e, t, &t.user));
    let row = client
        .query_one(
            "SELECT r.rolsuper, \
               EXISTS (SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                       WHERE n.nspname = 'public' AND pg_has_role(current_user, c.relowner, 'MEMBER')), \
               has_table_privilege('public.audit', 'DELETE') \
                 OR has_table_privilege('public.audit', 'TRUNCATE') \
                 OR has_any_column_privilege('public.audit', 'UPDATE'), \
               pg_catalog.has_schema_privilege('public', 'CREATE') \
             FROM pg_roles r WHERE r.rolname = current_user",
            &[],
        )
        .map_err(pg)?;
    let (superuser, owns, rewrites, creates): (bool, bool, bool, bool) =
        (row.get(0), row.get(1), row.get(2), row.get(3));
    let refuse = |why: String, fix: &str| {
        Err(Error::usage(
            "pg-app-role",
            format!(
                "the day-to-day role {} (the role in db) {why}; cpni refuses it, since the \
                 server's protection of the audit log would not bind it",
                t.user
            ),
        )
        .hint(format!("{fix}; {then}")))
    };
    if superuser {
        return refuse(
            "is a superuser".into(),
            "name a role without SUPERUSER in db (cpni_app, see src/store/pg/roles.sql), or ALTER ROLE … NOSUPERUSER",
        );
    }
    if owns {
        return refuse(
            format!(
                "owns cpni's tables (it is {} or a member of it)",
                t.owner_role
            ),
            "name the day-to-day role (cpni_app) in db, not the owner role, and revoke its membership in the owner role",
        );
    }
    if creates {
        return refuse(
            "may CREATE objects in schema public (a function there can take the place of a built-in in cpni's SQL and triggers)".into(),
            "REVOKE CREATE ON SCHEMA public FROM the role (and from PUBLIC and any role it is a member of)",
        );
    }
    if rewrites {
        return refuse(
            "may UPDATE, DELETE or TRUNCATE audit records".into(),
            "REVOKE UPDATE, DELETE, TRUNCATE ON audit FROM the role (and from PUBLIC and any role it is a member of)",
        );
    }
    Ok(())
}
