//! What `cpni init` checks of the day-to-day role (the URL's, normally `cpni_app`) once the
//! schema is in place, logged in as it: it sees the current schema version, and it cannot
//! rewrite the log: it is not a superuser, owns no cpni table (nor is a member of a role that
//! does), and has no UPDATE, DELETE or TRUNCATE on `audit`. Otherwise every guarantee the
//! server gives (grants, append-only triggers) would not bind the role that runs every step.

use super::error::PgError;
use super::migrate::{current_version, version};
use super::target::Target;
use crate::error::{Error, Kind, Result};

/// Checks the day-to-day role, `client` logged in as `t.user`.
pub fn check_app(client: &mut postgres::Client, t: &Target) -> Result<()> {
    let pg = |e: postgres::Error| Error::from(PgError::new(&e, t, &t.user));
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
    let row = client
        .query_one(
            "SELECT r.rolsuper, \
               EXISTS (SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                       WHERE n.nspname = 'public' AND pg_has_role(current_user, c.relowner, 'MEMBER')), \
               has_table_privilege('public.audit', 'DELETE') \
                 OR has_table_privilege('public.audit', 'TRUNCATE') \
                 OR has_any_column_privilege('public.audit', 'UPDATE') \
             FROM pg_roles r WHERE r.rolname = current_user",
            &[],
        )
        .map_err(pg)?;
    let (superuser, owns, rewrites): (bool, bool, bool) = (row.get(0), row.get(1), row.get(2));
    let refuse = |why: String, fix: &str| {
        Err(Error::usage(
            "pg-app-role",
            format!(
                "the day-to-day role {} (the role in db) {why}; cpni refuses it, since the \
                 server's protection of the audit log would not bind it",
                t.user
            ),
        )
        .hint(format!(
            "{fix}; the schema is in place, run `cpni init` again afterwards"
        )))
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
    if rewrites {
        return refuse(
            "may UPDATE, DELETE or TRUNCATE audit records".into(),
            "REVOKE UPDATE, DELETE, TRUNCATE ON audit FROM the role (and from PUBLIC and any role it is a member of)",
        );
    }
    Ok(())
}
