//! The shape of cpni's tables on PostgreSQL, checked at open beside the foreign triggers
//! ([`super::triggers`]) and again inside every step ([`SHAPE`], run by [`super::guard`]): what the server could do to a step's reads and writes that no row,
//! trigger or seal shows. Each cpni table (every `CREATE TABLE` of [`super::MIGRATIONS`]) must
//! be a plain table in `public` with no row-level security (neither enabled nor forced) and no
//! policy: a policy that hides a customer's row from the lockout's UPDATE would make a wrong
//! PIN count for nothing. No relation in another schema (but `pg_catalog`,
//! `information_schema` and the toast and temporary ones) may carry a cpni table's name: a
//! schema named after the day-to-day role, searched first by default, could put a view with
//! an `INSTEAD OF` trigger in front of a table (cpni pins `search_path` at login,
//! [`super::connect::SESSION_SETTINGS`]; such a schema is refused all the same, as evidence of
//! tampering). And the session's `session_replication_role` must be `origin`: `replica`, set
//! by a superuser for the role or the database, silently disables every trigger, the
//! append-only ones and the row-change capture included. Nor may anything else change what
//! cpni's SQL and trigger bodies call: a function (or aggregate) in `public` other than cpni's
//! own trigger functions (an exact-type `public.to_jsonb(customer)` beats the built-in
//! `pg_catalog.to_jsonb(anyelement)` whatever the search path, and could rewrite the row the
//! capture records), an operator or a type of its own in `public` (not a table's row type), a
//! cast to or from a type in `public`, a child table inheriting from a cpni table, or any event
//! trigger (one can add a trigger to cpni's temporary capture table as it is made). Nor may
//! cpni's tables carry code it did not put there: a constraint, column default, generated
//! column or index that depends on a function, operator, type, collation or operator class
//! (built-ins are pinned and never appear in `pg_depend`, so any such dependency is someone
//! else's: a CHECK calling `evil.verify()` runs inside cpni's transaction while the capture
//! records its writes, and marked a session verified on a wrong PIN), a column of a type that
//! is not built in (a domain with such a CHECK), or a foreign key to or from a table that is
//! not cpni's (its triggers would run). Built-ins are invisible to `pg_depend`, so the
//! expression trees of those constraints, defaults and indexes are read too: every function and
//! operator they call must be one cpni's own schema calls (`length`, `lower`, the integer cast,
//! equality): a CHECK calling `pg_catalog.set_config('search_path', …)` redirected cpni's later
//! unqualified `=` to an operator of the owner's, and one calling `query_to_xml('SELECT
//! evil.verify()', …)` ran any function. Nor may this connection's temporary schema hold a type
//! or function (it is searched first for types: a superuser's `jsonb` domain there would be
//! what an unqualified `::jsonb` means). The check's
//! own query names every built-in it calls with `pg_catalog.`. [`unexpected`] lists what is wrong,
//! in one catalog query; the store refuses every command when it is not empty (exit 6
//! `foreign-object`, nothing changed).

/// cpni's tables: every `CREATE TABLE` of the migrations, sorted.
pub fn tables() -> Vec<String> {
    let mut out: Vec<String> = super::MIGRATIONS
        .iter()
        .flat_map(|step| step.split("CREATE TABLE ").skip(1))
        .filter_map(|rest| {
            let rest = rest.trim_start().trim_start_matches("IF NOT EXISTS ");
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            (!name.is_empty()).then_some(name)
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// What is wrong with the shape of cpni's tables and the session (see the module doc), one
/// phrase each, or nothing. Run first thing after login, before any query reads a table (with
/// `row_security = off`, a table under a policy would otherwise fail that query with a
/// generic error). A table that does not exist yet (a database before `cpni init`) is left to
/// the schema-version check.
pub fn unexpected(client: &mut postgres::Client) -> Result<Vec<String>, postgres::Error> {
    let names = tables();
    let expected: Vec<String> = super::expected::EXPECTED
        .iter()
        .map(|s| s.to_string())
        .collect();
    let rows = client.query(
        &format!("{SHAPE} ORDER BY 1"),
        &[&names, &super::triggers::function_names(), &expected],
    )?;
    Ok(rows.iter().map(|r| r.get::<_, String>(0)).collect())
}

/// The shape check's query, without its order: `$1` is [`tables`], `$2` the names of cpni's
/// functions (`super::triggers::function_names`), `$3` [`super::expected::EXPECTED`]; [`super::guard`] runs it inside each step.
pub const SHAPE: &str = "WITH t(name) AS (SELECT pg_catalog.unnest($1::text[])), \
         tc AS (SELECT c.oid, c.relname FROM pg_catalog.pg_class c JOIN t ON c.relname = t.name \
                AND c.relnamespace = 'public'::regnamespace), \
         sig(s) AS ( \
           SELECT 'c|' || tc.relname::text || '|' || k.conname::text || '|' || k.contype::text || '|' \
             || coalesce((SELECT pg_catalog.string_agg(a.attname::text, ',' ORDER BY x.n) \
                FROM pg_catalog.unnest(k.conkey) WITH ORDINALITY x(num, n) JOIN pg_catalog.pg_attribute a \
                ON a.attrelid = k.conrelid AND a.attnum = x.num), '') \
             || '|' || coalesce((SELECT r.relname::text FROM pg_catalog.pg_class r WHERE r.oid = k.confrelid), '') \
             || '|' || coalesce((SELECT pg_catalog.string_agg(a.attname::text, ',' ORDER BY x.n) \
                FROM pg_catalog.unnest(k.confkey) WITH ORDINALITY x(num, n) JOIN pg_catalog.pg_attribute a \
                ON a.attrelid = k.confrelid AND a.attnum = x.num), '') \
           FROM pg_catalog.pg_constraint k JOIN tc ON tc.oid = k.conrelid \
           UNION ALL SELECT 'd|' || tc.relname::text || '|' || a.attname::text || '|' \
             || pg_catalog.pg_get_expr(d.adbin, d.adrelid) \
           FROM pg_catalog.pg_attrdef d JOIN tc ON tc.oid = d.adrelid JOIN pg_catalog.pg_attribute a \
             ON a.attrelid = d.adrelid AND a.attnum = d.adnum \
           UNION ALL SELECT 'i|' || tc.relname::text || '|' || ic.relname::text || '|' \
             || i.indisunique::text || '|' || i.indkey::text || '|' || (i.indexprs IS NOT NULL)::text \
             || '|' || (i.indpred IS NOT NULL)::text \
           FROM pg_catalog.pg_index i JOIN tc ON tc.oid = i.indrelid \
             JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid), \
         dep AS (SELECT d.* FROM pg_catalog.pg_depend d \
           WHERE (d.classid = 'pg_catalog.pg_constraint'::regclass AND d.objid IN \
                  (SELECT k.oid FROM pg_catalog.pg_constraint k WHERE k.conrelid IN (SELECT oid FROM tc))) \
              OR (d.classid = 'pg_catalog.pg_attrdef'::regclass AND d.objid IN \
                  (SELECT a.oid FROM pg_catalog.pg_attrdef a WHERE a.adrelid IN (SELECT oid FROM tc))) \
              OR (d.classid = 'pg_catalog.pg_class'::regclass AND d.objid IN \
                  (SELECT i.indexrelid FROM pg_catalog.pg_index i WHERE i.indrelid IN (SELECT oid FROM tc))) \
              OR (d.classid = 'pg_catalog.pg_class'::regclass AND d.objsubid > 0 \
                  AND d.objid IN (SELECT oid FROM tc))), \
         ex(what, tree) AS ( \
           SELECT 'constraint ' || k.conname::text || ' on table ' || k.conrelid::regclass::text, \
                  k.conbin::text FROM pg_catalog.pg_constraint k \
            WHERE k.conrelid IN (SELECT oid FROM tc) AND k.conbin IS NOT NULL \
           UNION ALL SELECT 'the default of column ' || a.attname::text || ' of table ' \
                  || a.attrelid::regclass::text, d.adbin::text FROM pg_catalog.pg_attrdef d \
             JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum \
            WHERE d.adrelid IN (SELECT oid FROM tc) \
           UNION ALL SELECT 'index ' || i.indexrelid::regclass::text, i.indexprs::text \
             FROM pg_catalog.pg_index i WHERE i.indrelid IN (SELECT oid FROM tc) AND i.indexprs IS NOT NULL \
           UNION ALL SELECT 'index ' || i.indexrelid::regclass::text, i.indpred::text \
             FROM pg_catalog.pg_index i WHERE i.indrelid IN (SELECT oid FROM tc) AND i.indpred IS NOT NULL), \
         called(what, f) AS ( \
           SELECT ex.what, m.g[2]::oid FROM ex, \
                  pg_catalog.regexp_matches(ex.tree, ':(funcid|opfuncid) ([0-9]+)', 'g') AS m(g) \
           UNION ALL SELECT ex.what, o.oprcode::oid FROM ex, \
                  pg_catalog.regexp_matches(ex.tree, ':opno ([0-9]+)', 'g') AS m(g) \
             JOIN pg_catalog.pg_operator o ON o.oid = m.g[1]::oid) \
         SELECT 'table ' || t.name || ' is ' || CASE \
             WHEN c.relkind <> 'r' THEN 'not a plain table (relkind ' || c.relkind::text || ')' \
             WHEN c.relforcerowsecurity THEN 'under forced row-level security' \
             WHEN c.relrowsecurity THEN 'under row-level security' \
             WHEN EXISTS (SELECT FROM pg_catalog.pg_inherits i WHERE i.inhparent = c.oid) THEN 'inherited by another table' \
             ELSE 'under a row-level security policy' END \
         FROM t JOIN pg_catalog.pg_class c \
           ON c.relname = t.name AND c.relnamespace = 'public'::regnamespace \
         WHERE c.relkind <> 'r' OR c.relrowsecurity OR c.relforcerowsecurity \
            OR EXISTS (SELECT FROM pg_catalog.pg_inherits i WHERE i.inhparent = c.oid) \
            OR EXISTS (SELECT FROM pg_catalog.pg_policy p WHERE p.polrelid = c.oid) \
         UNION ALL \
         SELECT 'schema public has a function cpni did not create: ' || p.oid::regprocedure::text \
         FROM pg_catalog.pg_proc p WHERE p.pronamespace = 'public'::regnamespace \
           AND (p.prorettype <> 'pg_catalog.trigger'::regtype OR p.pronargs <> 0 \
                OR NOT p.proname::text IN (SELECT pg_catalog.unnest($2::text[]))) \
         UNION ALL \
         SELECT 'schema public has an operator: ' || o.oid::regoperator::text \
         FROM pg_catalog.pg_operator o WHERE o.oprnamespace = 'public'::regnamespace \
         UNION ALL \
         SELECT 'schema public has a type cpni did not create: ' || ty.typname::text \
         FROM pg_catalog.pg_type ty WHERE ty.typnamespace = 'public'::regnamespace \
           AND ty.typrelid = 0 AND NOT EXISTS (SELECT FROM pg_catalog.pg_type e \
               WHERE e.oid = ty.typelem AND e.typrelid <> 0) \
         UNION ALL \
         SELECT 'a cast involves a type of schema public: ' || k.castsource::regtype::text \
             || ' to ' || k.casttarget::regtype::text \
         FROM pg_catalog.pg_cast k WHERE k.castsource IN (SELECT ty.oid FROM pg_catalog.pg_type ty \
             WHERE ty.typnamespace = 'public'::regnamespace) \
           OR k.casttarget IN (SELECT ty.oid FROM pg_catalog.pg_type ty \
             WHERE ty.typnamespace = 'public'::regnamespace) \
         UNION ALL \
         SELECT 'an event trigger exists: ' || et.evtname::text FROM pg_catalog.pg_event_trigger et \
         UNION ALL \
         SELECT 'schema ' || n.nspname::text || ' has ' || c.relname::text \
         FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
         WHERE c.relname::text IN (SELECT name FROM t) \
           AND n.nspname NOT IN ('public', 'pg_catalog', 'information_schema', 'pg_toast') \
           AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%' \
         UNION ALL \
         SELECT pg_catalog.pg_describe_object(d.classid, d.objid, d.objsubid) || ' uses ' \
             || pg_catalog.pg_describe_object(d.refclassid, d.refobjid, 0) || ', which cpni did not put there' \
         FROM dep d WHERE d.refclassid IN ('pg_catalog.pg_proc'::regclass, \
             'pg_catalog.pg_operator'::regclass, 'pg_catalog.pg_type'::regclass, \
             'pg_catalog.pg_collation'::regclass, 'pg_catalog.pg_opclass'::regclass, \
             'pg_catalog.pg_opfamily'::regclass) \
         UNION ALL \
         SELECT DISTINCT c.what || ' calls ' || c.f::regprocedure::text || ', which cpni''s schema does not' \
         FROM called c WHERE c.f <> 0 AND c.f::regprocedure::text NOT IN ('length(bytea)', \
             'int8(integer)', 'lower(text)', 'int8eq(bigint,bigint)', 'int84eq(bigint,integer)', \
             'int4eq(integer,integer)', 'texteq(text,text)', 'textne(text,text)') \
         UNION ALL \
         SELECT 'table ' || pg_catalog.split_part(sig.s, '|', 2) || ' has ' \
             || CASE pg_catalog.left(sig.s, 1) WHEN 'c' THEN 'a constraint' WHEN 'd' THEN 'a default on column' \
                ELSE 'an index' END || ' cpni did not make (or changed): ' || pg_catalog.split_part(sig.s, '|', 3) \
         FROM sig WHERE sig.s <> ALL ($3::text[]) \
         UNION ALL \
         SELECT 'table ' || pg_catalog.split_part(e.s, '|', 2) || ' lacks cpni''s ' \
             || CASE pg_catalog.left(e.s, 1) WHEN 'c' THEN 'constraint' WHEN 'd' THEN 'default on column' \
                ELSE 'index' END || ' ' || pg_catalog.split_part(e.s, '|', 3) \
         FROM pg_catalog.unnest($3::text[]) AS e(s) \
         WHERE pg_catalog.split_part(e.s, '|', 2) IN (SELECT relname::text FROM tc) \
           AND NOT e.s IN (SELECT sig.s FROM sig) \
         UNION ALL \
         SELECT 'constraint ' || k.conname::text || ' on table ' || k.conrelid::regclass::text \
             || ' reads the whole row, which no constraint of cpni does' \
         FROM pg_catalog.pg_constraint k WHERE k.conrelid IN (SELECT oid FROM tc) \
           AND 0 = ANY (k.conkey) \
         UNION ALL \
         SELECT 'table ' || c.relname::text || ' is UNLOGGED (emptied after a crash, never replicated)' \
         FROM pg_catalog.pg_class c WHERE c.oid IN (SELECT oid FROM tc) AND c.relpersistence <> 'p' \
         UNION ALL \
         SELECT 'foreign key ' || k.conname::text || ' links ' || k.conrelid::regclass::text \
             || ' to ' || k.confrelid::regclass::text || ', a table that is not cpni''s' \
         FROM pg_catalog.pg_constraint k WHERE k.contype = 'f' \
           AND ((k.conrelid IN (SELECT oid FROM tc)) <> (k.confrelid IN (SELECT oid FROM tc))) \
         UNION ALL \
         SELECT 'this connection''s temporary schema has a type: ' || ty.typname::text \
         FROM pg_catalog.pg_type ty WHERE ty.typnamespace = pg_catalog.pg_my_temp_schema() \
           AND ty.typrelid = 0 AND NOT EXISTS (SELECT FROM pg_catalog.pg_type e \
               WHERE e.oid = ty.typelem AND e.typrelid <> 0) \
         UNION ALL \
         SELECT 'this connection''s temporary schema has a function: ' || p.oid::regprocedure::text \
         FROM pg_catalog.pg_proc p WHERE p.pronamespace = pg_catalog.pg_my_temp_schema() \
         UNION ALL \
         SELECT 'session_replication_role is ' || pg_catalog.current_setting('session_replication_role') \
         WHERE pg_catalog.current_setting('session_replication_role') <> 'origin' \
        ";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_of_the_migrations_is_listed() {
        let t = tables();
        for want in ["audit", "customer", "session", "code", "schema_version"] {
            assert!(t.iter().any(|n| n == want), "{want} not in {t:?}");
        }
        assert!(t.iter().all(|n| !n.is_empty() && !n.contains(' ')));
    }
}
