//! The store's contract, as tests written against the typed API only ([`Db::step`],
//! [`Db::read`], [`Db::snapshot`], the outbox claim): what any backend must do, whatever it
//! is. They run against SQLite here; a second backend runs the same tests (issue 16). A start:
//! a round trip, a failed step leaving nothing, the chain under concurrent writers, snapshot
//! isolation, the exclusive outbox claim, and a session write saying whether the session was
//! still open.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};

use super::Db;
use super::audit::Filter;
use super::customers::Customer;
use super::outbox::Item;
use crate::audit::{Actor, Event};
use crate::clock;
use crate::error::{Error, Result};

fn actor() -> Actor {
    Actor {
        login: "root".into(),
        on_behalf_of: None,
    }
}

fn fresh() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db").join("cpni.db");
    Db::create(&path).unwrap();
    (dir, path)
}

fn customer(account: &str) -> Customer {
    let at = clock::format(clock::now());
    Customer {
        account: account.into(),
        name: "Ada Lovelace".into(),
        phone: "+15555550100".into(),
        phone_since: at.clone(),
        email: "ada@example.org".into(),
        email_since: at.clone(),
        street: "1 Main St".into(),
        city: "Springfield".into(),
        region: "IL".into(),
        postal_code: "62701".into(),
        country: "US".into(),
        postal_since: at.clone(),
        created_at: at,
        ..Customer::default()
    }
}

/// One step: adds `account` and its audit record.
fn add(db: &mut Db, account: &str) -> Result<()> {
    let c = customer(account);
    db.step(|w| {
        w.insert_customer(&c)?;
        w.append(
            &actor(),
            clock::now(),
            Event::new("customer.add").account(account),
        )?;
        Ok(())
    })
}

fn appends(path: &Path, n: usize, tag: &str) {
    let mut db = Db::open(path).unwrap();
    for i in 0..n {
        db.step(|w| {
            w.append(
                &actor(),
                clock::now(),
                Event::new("test.append").with("n", format!("{tag}{i}")),
            )
        })
        .unwrap();
    }
}

#[test]
fn what_a_step_writes_is_read_back_as_written() {
    let (_dir, path) = fresh();
    let mut db = Db::open(&path).unwrap();
    let c = customer("A1001");
    db.step(|w| {
        w.insert_customer(&c)?;
        w.append(&actor(), clock::now(), Event::new("customer.add"))
    })
    .unwrap();
    let read = db.read();
    let back = read
        .customer("A1001")
        .unwrap()
        .expect("the customer was committed");
    assert_eq!(back, c);
    assert!(read.customer_exists("A1001").unwrap());
    assert!(read.customer("A1002").unwrap().is_none());
    assert!(!read.customer_exists("A1002").unwrap());
}

#[test]
fn a_failed_step_leaves_nothing_of_itself() {
    let (_dir, path) = fresh();
    let mut db = Db::open(&path).unwrap();
    let before = db.read().audit_head().unwrap();
    let c = customer("A2001");
    let failed = db.step(|w| {
        w.insert_customer(&c)?;
        w.append(&actor(), clock::now(), Event::new("customer.add"))?;
        Err::<(), _>(Error::storage("the step failed on purpose"))
    });
    assert!(failed.is_err());
    assert!(db.read().customer("A2001").unwrap().is_none());
    assert_eq!(db.read().audit_head().unwrap(), before);
}

#[test]
fn concurrent_writers_extend_one_chain_without_gaps_or_forks() {
    let (_dir, path) = fresh();
    let start = Db::open(&path).unwrap().read().audit_head().unwrap();
    let start_seq = start.map_or(0, |h| h.0);
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let path = path.clone();
            std::thread::spawn(move || appends(&path, 10, &format!("t{t}-")))
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let db = Db::open(&path).unwrap();
    let records = db.read().audit_list(&Filter::default()).unwrap();
    let ours: Vec<_> = records.iter().filter(|r| r.seq > start_seq).collect();
    assert_eq!(ours.len(), 40);
    for pair in records.windows(2) {
        assert_eq!(pair[1].seq, pair[0].seq + 1, "no gap");
        assert_eq!(
            pair[1].prev_hash, pair[0].hash,
            "no fork at {}",
            pair[1].seq
        );
    }
    let head = db.read().audit_head().unwrap().unwrap();
    let last = records.last().unwrap();
    assert_eq!((head.0, head.1.clone()), (last.seq, last.hash.clone()));
}

#[test]
fn a_snapshot_does_not_see_what_commits_after_it_began() {
    let (_dir, path) = fresh();
    let reader = Db::open(&path).unwrap();
    let snapshot = reader.snapshot().unwrap();
    let seen = snapshot.read().audit_count(&Filter::default()).unwrap();
    appends(&path, 3, "later");
    assert_eq!(
        snapshot.read().audit_count(&Filter::default()).unwrap(),
        seen
    );
    drop(snapshot);
    assert_eq!(
        reader.read().audit_count(&Filter::default()).unwrap(),
        seen + 3
    );
}

#[test]
fn an_outbox_item_is_claimed_by_one_process_at_a_time() {
    let (_dir, path) = fresh();
    let mut db = Db::open(&path).unwrap();
    add(&mut db, "A3001").unwrap();
    let id = db
        .step(|w| {
            let id = w.insert_outbox_item(&Item {
                created_at: clock::format(clock::now()),
                account: "A3001".into(),
                kind: "notice".into(),
                channel: "email".into(),
                recipient: "ada@example.org".into(),
                subject: "s".into(),
                status: "queued".into(),
                message_id: "<m@example.org>".into(),
                ..Item::default()
            })?;
            w.append(&actor(), clock::now(), Event::new("notify.queue"))?;
            Ok(id)
        })
        .unwrap();
    assert_eq!(db.read().outbox_item(id).unwrap().unwrap().status, "queued");
    let held = db.claim_outbox_item(id).unwrap();
    let released = Arc::new(AtomicBool::new(false));
    let (tx, rx) = mpsc::channel();
    let other = {
        let (path, released) = (path.clone(), released.clone());
        std::thread::spawn(move || {
            let db = Db::open(&path).unwrap();
            let _claim = db.claim_outbox_item(id).unwrap();
            tx.send(released.load(Ordering::SeqCst)).unwrap();
        })
    };
    // The other claimant is given time to (wrongly) get the claim while this one holds it.
    assert!(
        rx.recv_timeout(std::time::Duration::from_millis(300))
            .is_err()
    );
    released.store(true, Ordering::SeqCst);
    drop(held);
    assert!(
        rx.recv().unwrap(),
        "claimed only after the holder released it"
    );
    other.join().unwrap();
}

#[test]
fn a_session_step_reports_whether_the_session_was_still_open() {
    let (_dir, path) = fresh();
    let mut db = Db::open(&path).unwrap();
    let at = clock::format(clock::now());
    let c = customer("A4001");
    let s = super::sessions::Session {
        id: "S1".into(),
        account: c.account.clone(),
        agent: "ann".into(),
        channel: "inbound".into(),
        started_at: at.clone(),
        last_active_at: at.clone(),
        ..Default::default()
    };
    db.step(|w| {
        w.insert_agent(&super::agents::Agent {
            login: "ann".into(),
            name: "Ann".into(),
            role: "agent".into(),
            active: true,
            created_at: at.clone(),
        })?;
        w.insert_customer(&c)?;
        w.insert_session(&s)?;
        w.append(&actor(), clock::now(), Event::new("session.start"))
    })
    .unwrap();
    assert_eq!(db.read().session("S1").unwrap().unwrap(), s);
    let ended = |db: &mut Db| {
        db.step(|w| {
            let ended = w.end_session("S1", &at, "done")?;
            w.append(&actor(), clock::now(), Event::new("session.end"))?;
            Ok(ended)
        })
        .unwrap()
    };
    assert!(ended(&mut db), "the first end ends it");
    assert!(!ended(&mut db), "an ended session is not ended again");
    let counted = db
        .step(|w| {
            let n = w.add_session_failure("S1", &at)?;
            w.append(&actor(), clock::now(), Event::new("auth.pin.fail"))?;
            Ok(n)
        })
        .unwrap();
    assert!(!counted, "no failure is counted on an ended session");
    let back = db.read().session("S1").unwrap().unwrap();
    assert_eq!(back.secret_failures, 0);
    assert_eq!(back.end_reason.as_deref(), Some("done"));
}
