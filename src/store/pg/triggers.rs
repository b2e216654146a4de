//! PostgreSQL's equivalent of SQLite's trigger checks (`store::audit::unknown_triggers`,
//! `Read::missing_triggers`): which triggers and rules on cpni's tables (schema `public`) are
//! not exactly what the migrations ([`super::MIGRATIONS`]) create. The database owner can add
//! a trigger (one that marks every new session verified, say) or a rule, disable one of the
//! append-only triggers, or replace the body of a trigger function; cpni's own role cannot. A
//! trigger or rule cpni did not create, or one of cpni's re-created otherwise or calling a
//! rewritten function, refuses every command ([`foreign`], exit 6 `foreign-trigger`, at open;
//! a change after open is refused by the next step, [`super::guard`]);
//! `audit verify` also reports the missing and disabled ones ([`present`] against
//! [`expected`]). A trigger is compared as its
//! definition (`pg_get_triggerdef`, normalised: `public.` dropped, its events in a fixed
//! order, whitespace) plus "enabled", and as the source of the function it runs, so a trigger
//! re-created on another table, with other events or arguments, disabled, or calling a
//! rewritten function is "altered".

use crate::error::Result;
use crate::store::sql::Conn;

/// The triggers (name, canonical definition) the migrations create.
pub fn expected() -> Vec<(String, String)> {
    let functions = expected_functions();
    let mut out = Vec::new();
    for step in super::MIGRATIONS {
        for stmt in step.split(';') {
            let stmt = strip_comments(stmt);
            let Some(i) = stmt.find("CREATE TRIGGER ") else {
                continue;
            };
            let def = canonical(&stmt[i..]);
            let name = def.split(' ').nth(2).unwrap_or_default().to_string();
            let body = function_of(&def)
                .and_then(|f| functions.iter().find(|(n, _)| *n == f))
                .map(|(_, b)| normalise(b))
                .unwrap_or_default();
            out.push((name, format!("{def} enabled; {body}")));
        }
    }
    out.sort();
    out
}

/// The triggers (name, canonical definition) on cpni's tables as the server has them.
pub fn present(conn: Conn<'_>) -> Result<Vec<(String, String)>> {
    let mut out = conn.rows(
        "SELECT t.tgname::text, pg_catalog.pg_get_triggerdef(t.oid), t.tgenabled::text, p.prosrc \
         FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid \
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
         JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid \
         WHERE n.nspname = 'public' AND NOT t.tgisinternal ORDER BY 1",
        &[],
        |r| {
            let (name, def, enabled, src): (String, String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            let state = if enabled == "O" {
                "enabled"
            } else {
                "disabled"
            };
            Ok((
                name,
                format!("{} {state}; {}", canonical(&def), normalise(&src)),
            ))
        },
    )?;
    out.sort();
    Ok(out)
}

/// The triggers and rules on cpni's tables that the migrations did not create, by name, and
/// cpni's triggers re-created with another definition or calling a rewritten function
/// (`NAME (altered)`): either could change rows behind every step. A trigger dropped is left
/// to `audit verify` ([`present`] against [`expected`]), as on SQLite; a disabled one is
/// refused by [`super::guard`] (exit 6 `foreign-object`) at open and in every step.
pub fn foreign(conn: Conn<'_>) -> Result<Vec<String>> {
    let want = expected();
    let mut out = Vec::new();
    for (name, def) in present(conn)? {
        match want.iter().find(|(n, _)| *n == name) {
            None => out.push(name),
            Some((_, d)) if *d != def.replacen(" disabled; ", " enabled; ", 1) => {
                out.push(format!("{name} (altered)"))
            }
            Some(_) => {}
        }
    }
    out.extend(conn.rows(
        "SELECT 'rule ' || rulename::text || ' on ' || tablename::text FROM pg_catalog.pg_rules \
         WHERE schemaname = 'public' ORDER BY 1",
        &[],
        |r| r.get::<String>(0),
    )?);
    Ok(out)
}

/// The names of the functions the migrations create (all trigger functions without arguments).
pub fn function_names() -> Vec<String> {
    expected_functions().into_iter().map(|(n, _)| n).collect()
}

/// The body of each trigger function the migrations create (the last definition of a name).
fn expected_functions() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for step in super::MIGRATIONS {
        let mut rest = *step;
        while let Some(i) = rest.find("FUNCTION ") {
            let after = &rest[i + "FUNCTION ".len()..];
            rest = after;
            let before = &step[..step.len() - after.len()];
            if !before.trim_end().ends_with("CREATE FUNCTION")
                && !before.trim_end().ends_with("CREATE OR REPLACE FUNCTION")
            {
                continue;
            }
            let name = after
                .split('(')
                .next()
                .unwrap_or_default()
                .trim()
                .trim_start_matches("public.")
                .to_string();
            let Some(open) = after.find("$$") else { break };
            let body = &after[open + 2..];
            let Some(close) = body.find("$$") else { break };
            out.retain(|(n, _)| *n != name);
            out.push((name, body[..close].to_string()));
            rest = &body[close + 2..];
        }
    }
    out
}

/// The function a canonical trigger definition calls.
fn function_of(def: &str) -> Option<String> {
    let call = def.split("EXECUTE FUNCTION ").nth(1)?;
    Some(call.split('(').next()?.trim().to_string())
}

fn strip_comments(sql: &str) -> String {
    sql.lines()
        .map(|l| l.split("--").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whitespace runs as one space, none at the ends.
fn normalise(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A `CREATE TRIGGER` statement as one line, without `public.` and `PROCEDURE` (an older
/// spelling of `FUNCTION`), its events (`INSERT OR UPDATE …`) sorted.
fn canonical(def: &str) -> String {
    let def = normalise(def)
        .replace("public.", "")
        .replace("EXECUTE PROCEDURE", "EXECUTE FUNCTION")
        .trim_end_matches(';')
        .to_string();
    let words: Vec<&str> = def.split(' ').collect();
    let Some(t) = words
        .iter()
        .position(|w| matches!(*w, "BEFORE" | "AFTER" | "INSTEAD"))
    else {
        return def;
    };
    let Some(on) = words.iter().position(|w| *w == "ON") else {
        return def;
    };
    let timing = if words[t] == "INSTEAD" { t + 1 } else { t };
    if on <= timing + 1 {
        return def;
    }
    let events = words[timing + 1..on].join(" ");
    let mut parts: Vec<&str> = events.split(" OR ").collect();
    parts.sort_unstable();
    format!(
        "{} {} {}",
        words[..=timing].join(" "),
        parts.join(" OR "),
        words[on..].join(" ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_definition_reads_the_same_however_the_server_spells_it() {
        assert_eq!(
            canonical(
                "CREATE TRIGGER c_capture AFTER INSERT OR DELETE OR UPDATE ON public.customer FOR EACH ROW EXECUTE FUNCTION cpni_capture()"
            ),
            canonical(
                "CREATE TRIGGER c_capture AFTER INSERT OR UPDATE OR DELETE ON customer\n    FOR EACH ROW EXECUTE FUNCTION cpni_capture();"
            )
        );
        assert_ne!(
            canonical("CREATE TRIGGER a BEFORE UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION f()"),
            canonical("CREATE TRIGGER a BEFORE DELETE ON audit FOR EACH ROW EXECUTE FUNCTION f()")
        );
    }

    #[test]
    fn every_migration_trigger_has_its_function_body() {
        let want = expected();
        assert!(want.len() > 40, "{}", want.len());
        for (name, def) in &want {
            assert!(
                !def.ends_with("; "),
                "{name}: no function body found: {def}"
            );
        }
        assert!(want.iter().any(|(n, _)| n == "audit_no_update"));
    }
}
