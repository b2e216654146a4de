//! The check that decides whether a PostgreSQL step may run, made inside the step's own write
//! transaction (first in it, before the writer lock, `crate::store::backend::Advisory`) as well as
//! at open: a long-lived process (the wizard, the gateway menu) opens once and runs many
//! steps, and an object the owner or a superuser creates between two steps must stop the
//! next one. One query, one round trip ([`problems`]), lists what is wrong:
//!
//! - everything [`super::shape`] refuses at open (a function, operator, type or cast of its
//!   own in `public`, an event trigger, row-level security, a policy, a child table, a
//!   shadowing relation, `session_replication_role` other than `origin`);
//! - each of cpni's trigger functions ([`super::triggers::function_names`]) whose settings are
//!   not exactly those of migration 5: `proconfig` the pinned [`PINNED`] search path and
//!   nothing else, not `SECURITY DEFINER`, owned by the owner role cpni expects
//!   (`[storage] owner_role`), `plpgsql`, volatile, not leakproof;
//! - any trigger on a table of `public` (cpni's included) that is not enabled (`tgenabled =
//!   'O'`: disabled, or firing only as a replica or always), any trigger or rule on this
//!   connection's temporary `cpni_change`, any rule on a table of `public`;
//! - every trigger on a table of `public` whose definition differs from what this
//!   connection saw at open, and every function they run whose source or settings differ
//!   ([`Snapshot`], taken before the
//!   open's full comparison with the migrations, `super::triggers::foreign`, so nothing can
//!   change between the two unseen): a trigger added, dropped, re-created, or its function
//!   rewritten after open.
//!
//! A non-empty list is exit 6 `foreign-object` naming each object, and the step's
//! transaction is rolled back before anything is written. Every built-in the query calls is
//! named with `pg_catalog.`.

use crate::error::Result;
use crate::store::sql::{Conn, PgConn, vals};

/// The one setting each of cpni's functions carries (`pg_proc.proconfig`), as migration 5 sets
/// it: PostgreSQL never looks up functions or operators in `pg_temp`, so only `pg_catalog` is
/// visible to them.
pub const PINNED: &str = "search_path=pg_catalog, pg_temp";

/// Each trigger on a table of `public` (`trigger NAME on TABLE`) with a hash of its
/// definition, and each function such a trigger runs (`function NAME()`) with a hash of its
/// source and settings: what [`problems`] compares.
const STATE: &str = "SELECT 'trigger ' || t.tgname::text || ' on ' || c.relname::text, \
     pg_catalog.md5(pg_catalog.concat_ws('|', t.tgrelid, t.tgfoid, t.tgtype, t.tgenabled, \
         t.tgnargs, pg_catalog.encode(t.tgargs, 'hex'), t.tgattr::text, t.tgqual::text, \
         t.tgconstraint, t.tgdeferrable, t.tginitdeferred, t.tgoldtable, t.tgnewtable)) \
     FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid \
     WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal \
     UNION ALL \
     SELECT 'function ' || p.oid::regprocedure::text, \
     pg_catalog.md5(pg_catalog.concat_ws('|', p.oid, p.prosrc, p.proconfig::text, p.prosecdef, \
         p.proowner, p.prolang, p.provolatile, p.proleakproof, p.proretset, p.prorettype)) \
     FROM pg_catalog.pg_proc p \
     WHERE p.oid IN (SELECT t.tgfoid FROM pg_catalog.pg_trigger t \
         JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid \
         WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal)";

/// The triggers of `public` as this connection saw them at open (`STATE`'s rows).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot(Vec<(String, String)>);

/// Takes the [`Snapshot`] (at open, before the full comparison).
pub fn snapshot(pg: &PgConn) -> Result<Snapshot> {
    let mut rows = Conn::Pg(pg).rows(STATE, &[], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.sort();
    Ok(Snapshot(rows))
}

/// A quoted SQL literal (the text of an identifier the server or the migrations gave).
fn literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn array(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| literal(s)).collect();
    format!("ARRAY[{}]::text[]", items.join(", "))
}

/// The query [`problems`] runs, for `snap` (built once per connection; `$1` is the owner role).
pub fn query(snap: &Snapshot) -> String {
    let functions = super::triggers::function_names();
    let shape = super::shape::SHAPE
        .replace("$1::text[]", &array(&super::shape::tables()))
        .replace("$2::text[]", &array(&functions))
        .replace(
            "$3::text[]",
            &array(
                &super::expected::EXPECTED
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>(),
            ),
        );
    let mut was: Vec<String> = vec!["(NULL::text, NULL::text)".into()];
    was.extend(
        snap.0
            .iter()
            .map(|(k, h)| format!("({}, {})", literal(k), literal(h))),
    );
    format!(
        "{shape} \
         UNION ALL \
         SELECT 'function ' || p.oid::regprocedure::text || ' is not as cpni made it (' || \
             pg_catalog.concat_ws(', ', \
               CASE WHEN p.proconfig IS DISTINCT FROM ARRAY[{pinned}]::text[] \
                    THEN 'settings ' || COALESCE(p.proconfig::text, 'none') END, \
               CASE WHEN p.prosecdef THEN 'SECURITY DEFINER' END, \
               CASE WHEN p.proowner IS DISTINCT FROM (SELECT r.oid FROM pg_catalog.pg_roles r \
                    WHERE r.rolname::text = $1::text) \
                    THEN 'owner ' || pg_catalog.pg_get_userbyid(p.proowner)::text END, \
               CASE WHEN p.prolang IS DISTINCT FROM (SELECT l.oid FROM pg_catalog.pg_language l \
                    WHERE l.lanname = 'plpgsql') THEN 'another language' END, \
               CASE WHEN p.provolatile <> 'v' THEN 'volatility ' || p.provolatile::text END, \
               CASE WHEN p.proleakproof THEN 'LEAKPROOF' END) || ')' \
         FROM pg_catalog.pg_proc p \
         WHERE p.pronamespace = 'public'::regnamespace AND p.proname::text IN \
             (SELECT pg_catalog.unnest({names})) \
           AND (p.proconfig IS DISTINCT FROM ARRAY[{pinned}]::text[] OR p.prosecdef \
             OR p.proowner IS DISTINCT FROM (SELECT r.oid FROM pg_catalog.pg_roles r \
                 WHERE r.rolname::text = $1::text) \
             OR p.prolang IS DISTINCT FROM (SELECT l.oid FROM pg_catalog.pg_language l \
                 WHERE l.lanname = 'plpgsql') \
             OR p.provolatile <> 'v' OR p.proleakproof) \
         UNION ALL \
         SELECT 'trigger ' || t.tgname::text || ' on ' || c.relname::text || ' is ' || \
             CASE t.tgenabled WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'enabled only as a replica' \
             ELSE 'enabled always, even as a replica' END \
         FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid \
         WHERE c.relnamespace = 'public'::regnamespace AND t.tgenabled <> 'O' \
         UNION ALL \
         SELECT 'the temporary table cpni_change has a trigger: ' || t.tgname::text \
         FROM pg_catalog.pg_trigger t \
         WHERE t.tgrelid = pg_catalog.to_regclass('pg_temp.cpni_change') \
         UNION ALL \
         SELECT 'the temporary table cpni_change has a rule: ' || w.rulename::text \
         FROM pg_catalog.pg_rewrite w \
         WHERE w.ev_class = pg_catalog.to_regclass('pg_temp.cpni_change') \
         UNION ALL \
         SELECT 'rule ' || w.rulename::text || ' on ' || c.relname::text \
         FROM pg_catalog.pg_rewrite w JOIN pg_catalog.pg_class c ON c.oid = w.ev_class \
         WHERE c.relnamespace = 'public'::regnamespace AND w.rulename <> '_RETURN' \
         UNION ALL \
         SELECT COALESCE(cur.k, was.k) || CASE WHEN was.k IS NULL THEN ' was added' \
             WHEN cur.k IS NULL THEN ' was dropped' ELSE ' was changed' END \
             || ' since this process opened the database' \
         FROM ({STATE}) AS cur(k, h) FULL JOIN (VALUES {was}) AS was(k, h) ON cur.k = was.k \
         WHERE cur.h IS DISTINCT FROM was.h \
         ORDER BY 1",
        pinned = literal(PINNED),
        names = array(&functions),
        was = was.join(", "),
    )
}

/// What is wrong (see the module doc), one phrase each naming the object, or nothing; `sql`
/// is [`query`]'s text for this connection.
pub fn problems(pg: &PgConn, sql: &str) -> Result<Vec<String>> {
    Conn::Pg(pg).rows(sql, vals![pg.target.owner_role], |r| r.get::<String>(0))
}

/// The calls in a function body `src` of a function that no schema names (`name(` not after
/// a `.`), but for the SQL keywords that take parentheses: migration 5 leaves none in cpni's
/// functions (its tests read them from the migrations and from `pg_proc`).
pub fn unqualified_calls(src: &str) -> Vec<String> {
    const KEYWORDS: &[&str] = &[
        "IF", "VALUES", "EXISTS", "COALESCE", "IN", "AND", "OR", "NOT", "OPERATOR", "THEN", "WHEN",
        "ELSE", "SELECT", "WHERE", "ON", "USING",
    ];
    let bytes = src.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut out = Vec::new();
    for (i, _) in src.match_indices('(') {
        let mut end = i;
        while end > 0 && bytes[end - 1] == b' ' {
            end -= 1;
        }
        let mut start = end;
        while start > 0 && word(bytes[start - 1]) {
            start -= 1;
        }
        let name = &src[start..end];
        let qualified = start > 0 && bytes[start - 1] == b'.';
        if !name.is_empty() && !qualified && !KEYWORDS.contains(&name.to_ascii_uppercase().as_str())
        {
            out.push(name.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_embeds_the_snapshot_quoted() {
        let q = query(&Snapshot(vec![("trigger o'x on t".into(), "ab".into())]));
        assert!(q.contains("('trigger o''x on t', 'ab')"), "{q}");
        assert!(!q.contains("$2"), "{q}");
        assert!(q.contains("'search_path=pg_catalog, pg_temp'"));
    }

    /// Migration 5's bodies (the last definition of each function) call no built-in
    /// unqualified; migration 4's capture did (`to_jsonb(OLD)`), which the check sees.
    #[test]
    fn cpni_functions_call_every_built_in_by_its_schema() {
        let last = super::super::MIGRATIONS.last().unwrap();
        let mut bodies = 0;
        for body in last.split("$$").skip(1).step_by(2) {
            bodies += 1;
            assert_eq!(unqualified_calls(body), Vec::<String>::new(), "{body}");
        }
        assert_eq!(bodies, 4);
        let old = super::super::MIGRATIONS[3].split("$$").nth(1).unwrap();
        assert!(
            unqualified_calls(old).contains(&"to_jsonb".to_string()),
            "{old}"
        );
        assert!(unqualified_calls(old).contains(&"current_setting".to_string()));
    }
}
