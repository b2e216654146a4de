//! Review finding 4 on PostgreSQL (`scripts/pg-server.sh`, started by `scripts/test.sh`; a
//! missing server fails the test): the day-to-day role, the owner and a superuser read
//! `outbox.body` with psql while an email code is queued (the mail server down), and find no
//! code to read back: the body is sealed under a key derived from the host's code key file,
//! which the database never holds. The code delivered later still verifies the session.

use super::calls::{ADA, code, code_in_email, start};
use super::pg_connect::empty_db;
use super::pg_schema::psql_ok;
use super::pg_steps::day_host;
use super::smtp::{Smtpd, free_port};

#[test]
fn pg_the_database_roles_cannot_read_a_queued_code_from_the_outbox() {
    let db = empty_db();
    let port = free_port();
    let env = day_host(&db, port);
    env.run(&["--json", "init", "--demo"]).ok();
    let s = start(&env, ADA);
    env.run(&["session", "email-code", &s])
        .code(7)
        .stderr_has("stays queued");

    // The finding's query, as the day-to-day role: no code.
    let found = psql_ok(
        "cpni_app",
        &db.name,
        "SELECT coalesce(substring(body from 'code is: ([0-9]+)'), '(none)') FROM outbox",
    );
    assert_eq!(found.trim(), "(none)", "the code read from outbox.body");
    // Everything the roles can see of the row.
    let mut seen = String::new();
    for role in ["cpni_app", "cpni_owner", "postgres"] {
        let row = psql_ok(
            role,
            &db.name,
            "SELECT o::text FROM outbox o WHERE status = 'queued'",
        );
        assert!(row.contains("sealed1:"), "as {role}: {row}");
        assert!(!row.contains("code is:"), "as {role}: {row}");
        seen.push_str(&row);
    }

    let server = Smtpd::start(env.root(), port);
    psql_ok(
        "cpni_owner",
        &db.name,
        "UPDATE outbox SET next_try_at = to_char((now() - interval '1 second') AT TIME ZONE 'UTC', \
         'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')",
    );
    env.run(&["notify", "send"]).ok();
    let msgs = server.messages();
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    let c = code_in_email(&msgs[0].replace("\r\n", "\n"));
    assert!(
        !seen.contains(&c),
        "the code {c} was readable in the database"
    );
    assert_eq!(code(&env, &s, &c).ok().json()["basis"], "email-code");
}
