//! Two gateway hosts on one PostgreSQL database, each running 32 real `cpni` processes at
//! once (issue 16): two homes with their own configs, the second given the first's key files
//! as the README says; each host starts sessions, verifies PINs, changes a customer's email
//! (which queues a notice to the old address and a letter, delivered at once) and runs `notify
//! send --now`, all at the same moment, with the email going to one real SMTP server (aiosmtpd)
//! that both hosts use. Afterwards `audit verify` passes on both hosts, the chain holds exactly
//! the records those steps write (seq 1..N, no gap, no two records on one predecessor), and
//! every outbox item was delivered exactly once: one `delivery.sent` record each, and the SMTP
//! server received each email once. A missing server or aiosmtpd fails the test.

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Child, Stdio};

use super::calls::{ADA, ADA_PIN, pin, start};
use super::pg_connect::{ca, copy_keys, empty_db, host, url};
use super::smtp::{Smtpd, free_port, header};
use super::util::Env;

/// Processes per host, and of each kind among them.
const PER_HOST: usize = 32;
const STARTS: usize = 10;
const PINS: usize = 10;
const CHANGES: usize = 6;
const SENDS: usize = PER_HOST - STARTS - PINS - CHANGES;

/// A host of `db` over verify-full TLS, its email to the SMTP server on `port`. The writer-lock
/// bound is 60 s, not the default 5: 64 processes queue for one lock on a 2-core machine,
/// and this test is about the chain and delivery, not about waits (`benches/pg_append.rs`
/// measures those).
fn mail_host(db: &super::pg_schema::Db, port: u16) -> Env {
    host(
        &url(db, "?sslmode=verify-full"),
        &format!(
            "lock_timeout_secs = 60\nca_file = \"{}\"\n[mail]\ntransport = \"smtp\"\nfrom = \"Acme <no-reply@acme.example>\"\n\
             [mail.smtp]\nhost = \"127.0.0.1\"\nport = {port}\ntls = \"none\"\ntimeout_secs = 20\n",
            ca()
        ),
    )
}

/// Starts `cpni ARGS` with `stdin` written, without waiting.
fn spawn(env: &Env, args: &[String], stdin: &str) -> Child {
    let mut child = env
        .command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start cpni");
    let mut pipe = child.stdin.take().expect("stdin");
    let _ = pipe.write_all(stdin.as_bytes());
    child
}

/// The commands one host runs at once: session starts, PINs on its unverified sessions,
/// email changes on its verified sessions, deliveries.
fn workload(env: &Env, tag: &str, unverified: &[String], verified: &[String]) -> Vec<Child> {
    let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let mut kids = Vec::new();
    for _ in 0..STARTS {
        kids.push(spawn(env, &v(&["session", "start", ADA]), ""));
    }
    for s in unverified {
        kids.push(spawn(
            env,
            &v(&["session", "pin", s, "--pin-stdin"]),
            &format!("{ADA_PIN}\n"),
        ));
    }
    for (i, s) in verified.iter().enumerate() {
        let email = format!("ada.{tag}{i}@example.com");
        let args = [
            "customer",
            "set-email",
            ADA,
            "--email",
            &email,
            "--session",
            s,
        ];
        kids.push(spawn(env, &v(&args), ""));
    }
    for _ in 0..SENDS {
        kids.push(spawn(env, &v(&["notify", "send", "--now"]), ""));
    }
    assert_eq!(kids.len(), PER_HOST);
    kids
}

/// Sessions on ADA opened by `env` (`verified`: with the PIN checked).
fn sessions(env: &Env, n: usize, verified: bool) -> Vec<String> {
    (0..n)
        .map(|_| {
            let s = start(env, ADA);
            if verified {
                pin(env, &s, ADA_PIN).ok();
            }
            s
        })
        .collect()
}

#[test]
fn pg_two_hosts_times_32_processes_keep_one_chain_and_deliver_each_item_once() {
    let db = empty_db();
    let port = free_port();
    let a = mail_host(&db, port);
    let server = Smtpd::start(a.root(), port);
    a.run(&["init", "--demo"]).ok();
    let b = mail_host(&db, port);
    copy_keys(&a, &b);
    b.run(&["init"]).ok().stdout_has("nothing changed");
    let psql = |q: &str| {
        super::pg_schema::psql_ok("postgres", &db.name, q)
            .trim()
            .to_string()
    };
    let setup = [&a, &b].map(|h| (sessions(h, PINS, false), sessions(h, CHANGES, true)));
    // Nothing queued before the burst: the set-up sent nothing.
    assert_eq!(psql("select count(*) from outbox"), "0");
    let before: i64 = psql("select count(*) from audit").parse().unwrap();
    let seen_before = events_of(&db);

    let mut kids = workload(&a, "a", &setup[0].0, &setup[0].1);
    kids.extend(workload(&b, "b", &setup[1].0, &setup[1].1));
    let outs: Vec<_> = kids
        .into_iter()
        .map(|c| c.wait_with_output().expect("wait for cpni"))
        .collect();
    for o in &outs {
        assert!(
            o.status.success(),
            "a step failed: {}\n{}{}",
            o.status,
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    }

    for h in [&a, &b] {
        h.run(&["audit", "verify"]).ok();
    }
    // Exactly the records the steps write: a start, a PIN check, and a change with its two
    // notices' deliveries (an email to the old address, a letter), whoever delivered them.
    let hosts = 2;
    let want = before as usize + hosts * (STARTS + PINS + CHANGES * 3);
    let shape = psql(
        "select count(*) || ' ' || min(seq) || ' ' || max(seq) || ' ' || count(distinct prev_hash) from audit",
    );
    assert_eq!(
        shape,
        format!("{want} 1 {want} {want}"),
        "count, first, last seq, distinct predecessors"
    );
    let links = psql(
        "select count(*) from audit a join audit p on p.seq = a.seq - 1 where a.prev_hash <> p.hash",
    );
    assert_eq!(links, "0", "every record links to the one before it");
    let after = events_of(&db);
    let grew =
        |e: &str| after.get(e).copied().unwrap_or(0) - seen_before.get(e).copied().unwrap_or(0);
    assert_eq!(grew("session.start"), (hosts * STARTS) as i64);
    assert_eq!(grew("auth.pin.ok"), (hosts * PINS) as i64);
    assert_eq!(grew("customer.change"), (hosts * CHANGES) as i64);
    assert_eq!(grew("delivery.sent"), (hosts * CHANGES * 2) as i64);

    // Every item sent, one delivery record each, each email received once by the server.
    let items = psql(
        "select count(*) || ' ' || count(*) filter (where status = 'sent') || ' ' || count(*) filter (where channel = 'email') from outbox",
    );
    let n_email = hosts * CHANGES;
    assert_eq!(items, format!("{} {} {n_email}", 2 * n_email, 2 * n_email));
    let mails = server.messages();
    assert_eq!(mails.len(), n_email, "each email delivered exactly once");
    let ids: BTreeSet<String> = mails
        .iter()
        .map(|m| header(m, "Message-ID").expect("a Message-ID"))
        .collect();
    assert_eq!(ids.len(), n_email, "no message delivered twice");
    let db_ids: BTreeSet<String> = psql("select message_id from outbox where channel = 'email'")
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(ids, db_ids, "the messages received are the outbox's emails");
    // The new addresses are not of record yet (30 days): every notice went to the old one.
    for m in &mails {
        assert!(header(m, "To").unwrap().contains("ada@example.com"), "{m}");
    }
}

fn events_of(db: &super::pg_schema::Db) -> std::collections::BTreeMap<String, i64> {
    super::pg_schema::psql_ok(
        "postgres",
        &db.name,
        "select event || '|' || count(*) from audit group by event",
    )
    .lines()
    .filter_map(|l| {
        let (e, n) = l.split_once('|')?;
        Some((e.to_string(), n.parse().ok()?))
    })
    .collect()
}
