//! The store's contract, as tests written against the typed API only ([`Db::step`],
//! [`Db::begin`] and [`super::Write::commit`], [`Db::read`], [`Db::snapshot`], the writer lock
//! and the outbox claim): what any backend must do, whatever it is. Each test is written once,
//! as a function over a [`Backend`] (how to make an empty store and open handles on it), and
//! [`contract!`] instantiates the whole set for one backend: `sqlite` (a file in a temporary
//! folder) and `pg` (a fresh database on the test server of `scripts/pg-server.sh`, created
//! over its Unix socket by the superuser, migrated as `cpni_owner` as `cpni init` does, used
//! as `cpni_app`, dropped afterwards; run through `bash scripts/test.sh`, which exports where
//! the server is: without it every `pg` test fails). Covered: a round trip, a failed or
//! dropped step leaving nothing, an explicit commit, a step refused for a decision row changed
//! after its last record, a decision row edited outside cpni refused at the next step (exit
//! 6), a quiet update needing no record, the chain under concurrent writers, snapshot
//! isolation, the writer lock's timeout (busy, exit 5), the exclusive outbox claim, and a
//! session write saying whether the session was still open. Two more tests: the same rows give
//! byte-identical row digests on both backends (one verifier checks both), and the seam itself
//! in the source tree: nothing outside `store/` names rusqlite, and `audit/` never names the
//! store.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

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

/// What the contract needs of a backend: a new, empty store (dropped at the end of the test),
/// and handles on it, each as a separate process would open it.
pub(super) trait Backend: Sized + Send + Sync + 'static {
    /// A new store, created as `cpni init` would.
    fn fresh() -> Self;
    /// A handle with a writer-lock timeout of `lock_timeout`.
    fn open_with(&self, lock_timeout: Duration) -> Db;
    /// Runs `sql` as someone outside cpni would (the sqlite3 CLI, psql as the superuser).
    fn outside(&self, sql: &str);
    /// A handle as `cpni audit purge` opens it (PostgreSQL: the owner role).
    fn open_owner(&self) -> Db;
    /// Opens a handle, or says why it cannot.
    fn try_open(&self) -> Result<Db>;
    /// A handle with the default timeout.
    fn open(&self) -> Db {
        self.open_with(super::DEFAULT_LOCK_TIMEOUT)
    }
}

/// SQLite: a database file in a temporary folder.
pub(super) struct Sqlite {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Backend for Sqlite {
    fn fresh() -> Sqlite {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db").join("cpni.db");
        Db::create(&path).unwrap();
        Sqlite { _dir: dir, path }
    }
    fn open_with(&self, lock_timeout: Duration) -> Db {
        Db::open_with(&self.path, lock_timeout).unwrap()
    }
    fn try_open(&self) -> Result<Db> {
        Db::open(&self.path)
    }
    fn open_owner(&self) -> Db {
        self.open()
    }
    fn outside(&self, sql: &str) {
        rusqlite::Connection::open(&self.path)
            .unwrap()
            .execute_batch(sql)
            .unwrap();
    }
}

/// PostgreSQL: a fresh database on the test server (`scripts/pg-server.sh`, started by
/// `scripts/test.sh`, which exports where it listens), created by the superuser over the
/// server's Unix socket, owned by `cpni_owner` and migrated as it (as `cpni init` does), then
/// used as `cpni_app`; dropped at the end of the test. Without the server every test fails.
pub(super) struct Pg {
    target: super::pg::target::Target,
    keys: tempfile::TempDir,
}

impl Pg {
    fn superuser() -> postgres::Client {
        Pg::superuser_on("postgres")
    }

    fn superuser_on(db: &str) -> postgres::Client {
        let get = |k: &str| {
            std::env::var(k).unwrap_or_else(|_| {
                panic!(
                    "{k} is not set: the PostgreSQL contract tests need the throw-away server; \
                     run them through `bash scripts/test.sh`"
                )
            })
        };
        let (host, port) = (get("CPNI_TEST_PG_HOST"), get("CPNI_TEST_PG_PORT"));
        postgres::Config::new()
            .host_path(&host)
            .port(port.parse().unwrap())
            .user("postgres")
            .dbname(db)
            .connect(postgres::NoTls)
            .unwrap()
    }
}

impl Backend for Pg {
    fn fresh() -> Pg {
        use super::pg::target::{Host, SslMode, Target};
        static ROLES: std::sync::Once = std::sync::Once::new();
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let mut su = Pg::superuser();
        ROLES.call_once(|| su.batch_execute(super::pg::ROLES).unwrap());
        let name = format!(
            "cpni_c_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        su.batch_execute(&format!("CREATE DATABASE {name} OWNER cpni_owner"))
            .unwrap();
        let target = Target {
            host: Host::Socket(std::env::var("CPNI_TEST_PG_HOST").unwrap().into()),
            port: std::env::var("CPNI_TEST_PG_PORT").unwrap().parse().unwrap(),
            user: "cpni_app".into(),
            dbname: name,
            ssl: SslMode::Disable,
            ca_file: None,
            password_file: None,
            owner_role: "cpni_owner".into(),
            owner_password_file: None,
        };
        let mut owner =
            super::pg::connect::connect(&target, super::pg::connect::As::Owner).unwrap();
        // As `cpni init` on the first host: new keys, their fingerprint recorded with the
        // schema, the files written once that has committed.
        let keys = tempfile::tempdir().unwrap();
        let host =
            super::pg::hostkeys::HostKeys::load_or_new(&keys.path().join("cpni-pg")).unwrap();
        let mut staged = Some(host.stage().unwrap());
        super::pg::migrate::migrate(&mut owner, &target, &host, |done| {
            if let Some(staged) = staged.take().filter(|_| done.recorded) {
                staged.install()?;
            }
            Ok(())
        })
        .unwrap();
        Pg { target, keys }
    }
    fn open_with(&self, lock_timeout: Duration) -> Db {
        Db::open_pg(
            &self.target,
            &self.keys.path().join("cpni-pg"),
            lock_timeout,
        )
        .unwrap()
    }
    fn open_owner(&self) -> Db {
        Db::open_pg_as(
            &self.target,
            &self.keys.path().join("cpni-pg"),
            super::DEFAULT_LOCK_TIMEOUT,
            super::pg::connect::As::Owner,
        )
        .unwrap()
    }
    fn try_open(&self) -> Result<Db> {
        Db::open_pg(
            &self.target,
            &self.keys.path().join("cpni-pg"),
            super::DEFAULT_LOCK_TIMEOUT,
        )
    }
    fn outside(&self, sql: &str) {
        let mut c = Pg::superuser_on(&self.target.dbname);
        c.batch_execute(sql).unwrap();
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        let _ = Pg::superuser().batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.target.dbname
        ));
    }
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

/// Agent `ann`'s open session `id` on `account`, started at `at`.
fn ann_session(id: &str, account: &str, at: &str) -> super::sessions::Session {
    super::sessions::Session {
        id: id.into(),
        account: account.into(),
        agent: "ann".into(),
        channel: "inbound".into(),
        started_at: at.into(),
        last_active_at: at.into(),
        ..Default::default()
    }
}

/// One step that adds agent `ann`, customer `c` and `ann`'s session `s`, with its record.
fn start_call(db: &mut Db, c: &Customer, s: &super::sessions::Session) {
    db.step(|w| {
        w.insert_agent(&super::agents::Agent {
            login: "ann".into(),
            name: "Ann".into(),
            role: "agent".into(),
            active: true,
            created_at: s.started_at.clone(),
        })?;
        w.insert_customer(c)?;
        w.insert_session(s)?;
        w.append(&actor(), clock::now(), Event::new("session.start"))
    })
    .unwrap();
}

fn appends(mut db: Db, n: usize, tag: &str) {
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

fn what_a_step_writes_is_read_back_as_written<B: Backend>() {
    let store = B::fresh();
    let mut db = store.open();
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

fn a_failed_step_leaves_nothing_of_itself<B: Backend>() {
    let store = B::fresh();
    let mut db = store.open();
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

fn concurrent_writers_extend_one_chain_without_gaps_or_forks<B: Backend>() {
    let store = B::fresh();
    let start = store.open().read().audit_head().unwrap();
    let start_seq = start.map_or(0, |h| h.0);
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let db = store.open();
            std::thread::spawn(move || appends(db, 10, &format!("t{t}-")))
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let db = store.open();
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

fn a_snapshot_does_not_see_what_commits_after_it_began<B: Backend>() {
    let store = B::fresh();
    let reader = store.open();
    let snapshot = reader.snapshot().unwrap();
    let seen = snapshot.read().audit_count(&Filter::default()).unwrap();
    appends(store.open(), 3, "later");
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

fn an_outbox_item_is_claimed_by_one_process_at_a_time<B: Backend>() {
    let store = B::fresh();
    let mut db = store.open();
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
        let (db, released) = (store.open(), released.clone());
        std::thread::spawn(move || {
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

fn a_session_step_reports_whether_the_session_was_still_open<B: Backend>() {
    let store = B::fresh();
    let mut db = store.open();
    let at = clock::format(clock::now());
    let c = customer("A4001");
    let s = ann_session("S1", &c.account, &at);
    start_call(&mut db, &c, &s);
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

fn an_explicit_commit_records_the_step<B: Backend>() {
    let store = B::fresh();
    let mut db = store.open();
    let c = customer("A5001");
    let w = db.begin().unwrap();
    w.insert_customer(&c).unwrap();
    w.append(&actor(), clock::now(), Event::new("customer.add"))
        .unwrap();
    let other = store.open();
    assert!(
        other.read().customer("A5001").unwrap().is_none(),
        "nothing is seen before the commit"
    );
    w.commit().unwrap();
    assert_eq!(other.read().customer("A5001").unwrap(), Some(c));
}

fn a_write_dropped_uncommitted_leaves_nothing_and_frees_the_lock<B: Backend>() {
    let store = B::fresh();
    let mut db = store.open();
    let before = db.read().audit_head().unwrap();
    {
        let w = db.begin().unwrap();
        w.insert_customer(&customer("A6001")).unwrap();
        w.append(&actor(), clock::now(), Event::new("customer.add"))
            .unwrap();
    }
    assert!(db.read().customer("A6001").unwrap().is_none());
    assert_eq!(db.read().audit_head().unwrap(), before);
    // The writer lock went with it: another handle gets it at once.
    let mut other = store.open_with(Duration::from_millis(200));
    add(&mut other, "A6002").unwrap();
    assert!(db.read().customer("A6002").unwrap().is_some());
}

fn a_step_that_changes_a_decision_row_after_its_last_record_is_refused<B: Backend>() {
    let store = B::fresh();
    let mut db = store.open();
    let before = db.read().audit_head().unwrap();
    let err = db
        .step(|w| {
            w.append(&actor(), clock::now(), Event::new("customer.add"))?;
            w.insert_customer(&customer("A7001"))
        })
        .unwrap_err();
    assert_eq!(err.exit_code(), 5);
    assert!(
        err.message
            .contains("changed a decision row after its last audit record"),
        "{}",
        err.message
    );
    assert!(db.read().customer("A7001").unwrap().is_none());
    assert_eq!(db.read().audit_head().unwrap(), before);
}

fn a_writer_that_waits_past_its_timeout_is_told_the_database_is_busy<B: Backend>() {
    let store = B::fresh();
    let mut holder = store.open();
    let w = holder.begin().unwrap();
    let mut waiter = store.open_with(Duration::from_millis(300));
    let err = add(&mut waiter, "A8001").unwrap_err();
    assert_eq!(err.exit_code(), 5, "{}", err.message);
    assert!(err.message.contains("busy"), "{}", err.message);
    drop(w);
    add(&mut waiter, "A8001").unwrap();
    assert!(holder.read().customer("A8001").unwrap().is_some());
}

fn claims_on_two_items_do_not_wait_for_each_other<B: Backend>() {
    let store = B::fresh();
    let db = store.open();
    let _one = db.claim_outbox_item(1).unwrap();
    let (tx, rx) = mpsc::channel();
    let other = store.open();
    let t = std::thread::spawn(move || {
        let _two = other.claim_outbox_item(2).unwrap();
        tx.send(()).unwrap();
    });
    rx.recv_timeout(Duration::from_secs(30))
        .expect("item 2 is claimed while item 1 is held");
    t.join().unwrap();
}

/// The rows of one fixed scenario, written through `B`: an agent, a customer and a session
/// added, the session touched (a quiet update) and ended, then the customer's email changed.
/// Returns each record's detail (its row digests and digests before), which depend only on
/// the rows.
fn digest_details<B: Backend>() -> Vec<String> {
    let store = B::fresh();
    let mut db = store.open();
    let at = "2026-01-02T03:04:05Z".to_string();
    let mut c = customer("A9001");
    c.phone_since = at.clone();
    c.email_since = at.clone();
    c.postal_since = at.clone();
    c.created_at = at.clone();
    let s = ann_session("S9", &c.account, &at);
    start_call(&mut db, &c, &s);
    db.step(|w| {
        w.touch_session("S9", "2026-01-02T03:05:00Z")?;
        w.end_session("S9", &at, "done")?;
        w.append(&actor(), clock::now(), Event::new("session.end"))
    })
    .unwrap();
    db.step(|w| {
        w.set_customer_email("A9001", "ada@example.net", &at)?;
        w.append(&actor(), clock::now(), Event::new("customer.change"))
    })
    .unwrap();
    let records = db.read().audit_list(&Filter::default()).unwrap();
    records.into_iter().map(|r| r.detail).collect()
}

/// One verifier checks both backends: the same rows give byte-identical row digests (and
/// digests before a change) on SQLite and on PostgreSQL.
#[test]
fn the_row_digests_are_the_same_on_sqlite_and_postgresql() {
    let lite = digest_details::<Sqlite>();
    let pg = digest_details::<Pg>();
    assert_eq!(lite.len(), 3, "{lite:#?}");
    assert!(
        lite[0].contains("\"customer A9001\"")
            && lite[0].contains("\"agent ann\"")
            && lite[1].contains("\"prior\"")
            && lite[2].contains("\"customer A9001\""),
        "{lite:#?}"
    );
    assert_eq!(lite, pg);
}

fn a_decision_row_edited_outside_cpni_is_refused_at_the_next_step_that_changes_it<B: Backend>() {
    let store = B::fresh();
    let mut db = store.open();
    add(&mut db, "A9101").unwrap();
    store.outside("UPDATE customer SET name = 'Mallory' WHERE account = 'A9101'");
    let before = db.read().audit_head().unwrap();
    let err = db
        .step(|w| {
            w.set_customer_email("A9101", "m@example.org", "2026-01-01T00:00:00Z")?;
            w.append(&actor(), clock::now(), Event::new("customer.change"))
        })
        .unwrap_err();
    assert_eq!(err.exit_code(), 6, "{}", err.message);
    assert!(
        err.message.contains("changed outside cpni"),
        "{}",
        err.message
    );
    assert_eq!(db.read().audit_head().unwrap(), before);
    assert_eq!(
        db.read().customer("A9101").unwrap().unwrap().email,
        "ada@example.org",
        "nothing of the refused step remains"
    );
}

fn a_quiet_update_needs_no_record_and_an_unrecorded_change_is_refused<B: Backend>() {
    let store = B::fresh();
    let mut db = store.open();
    add(&mut db, "A9201").unwrap();
    let at = clock::format(clock::now());
    db.step(|w| {
        w.insert_session(&super::sessions::Session {
            id: "S92".into(),
            account: "A9201".into(),
            agent: "root".into(),
            channel: "inbound".into(),
            started_at: at.clone(),
            last_active_at: at.clone(),
            ..Default::default()
        })?;
        w.append(&actor(), clock::now(), Event::new("session.start"))
    })
    .unwrap();
    let head = db.read().audit_head().unwrap();
    // Only a column outside the digest lists changes: the step commits without a record.
    assert!(db.step(|w| w.touch_session("S92", &at)).unwrap());
    assert_eq!(db.read().audit_head().unwrap(), head);
    // A listed column changed without a record is refused.
    let err = db.step(|w| w.end_session("S92", &at, "done")).unwrap_err();
    assert_eq!(err.exit_code(), 5, "{}", err.message);
    assert!(
        db.read()
            .session("S92")
            .unwrap()
            .unwrap()
            .ended_at
            .is_none()
    );
}

fn the_other_families_round_trip<B: Backend>() {
    let store = B::fresh();
    let mut db = store.open();
    let at = clock::format(clock::now());
    add(&mut db, "A9301").unwrap();
    let key = super::agent_keys::AgentKey {
        fingerprint: "SHA256:abc".into(),
        login: "root".into(),
        key_type: "ssh-ed25519".into(),
        key_data: "AAAAC3".into(),
        comment: "laptop".into(),
        added_at: at.clone(),
    };
    let (complaint, consent, code) = db
        .step(|w| {
            w.insert_agent(&super::agents::Agent {
                login: "root".into(),
                name: "Root".into(),
                role: "admin".into(),
                active: true,
                created_at: at.clone(),
            })?;
            w.insert_session(&super::sessions::Session {
                id: "S93".into(),
                account: "A9301".into(),
                agent: "root".into(),
                channel: "inbound".into(),
                started_at: at.clone(),
                last_active_at: at.clone(),
                ..Default::default()
            })?;
            w.insert_agent_key(&key)?;
            w.retire_contact("A9301", "email", "old@example.org", &at, &at)?;
            let complaint = w.insert_complaint(&super::complaint::Complaint {
                account: "A9301".into(),
                category: "other".into(),
                description: "a complaint".into(),
                agent: "root".into(),
                received_at: at.clone(),
                ..Default::default()
            })?;
            let consent = w.insert_consent(&super::consent::Row {
                account: "A9301".into(),
                kind: "opt-in".into(),
                method: Some("oral".into()),
                agent: "root".into(),
                recorded_at: at.clone(),
                ..Default::default()
            })?;
            let code = w.issue_code("A9301", "S93", "email", &[1, 2, 255], &at, "9999")?;
            w.append(&actor(), clock::now(), Event::new("test.families"))?;
            Ok((complaint, consent, code))
        })
        .unwrap();
    let r = db.read();
    assert_eq!(r.agent_key("SHA256:abc").unwrap(), Some(key.clone()));
    assert_eq!(r.agent_keys(None).unwrap(), vec![key.clone()]);
    assert_eq!(r.agent_keys(Some("root")).unwrap(), vec![key.clone()]);
    assert_eq!(r.active_agent_keys().unwrap(), vec![key]);
    let retired = r.contacts_retired_since("A9301", &at).unwrap();
    assert_eq!(retired.len(), 1);
    assert_eq!(retired[0].value, "old@example.org");
    let all = r.complaints(&super::complaint::Filter::default()).unwrap();
    assert_eq!((all.len(), all[0].id), (1, complaint));
    let history = r.consent_history("A9301").unwrap();
    assert_eq!((history.len(), history[0].id), (1, consent));
    assert_eq!(history[0].method.as_deref(), Some("oral"));
    let codes = r.open_codes("A9301").unwrap();
    assert_eq!((codes.len(), codes[0].id), (1, code));
    assert_eq!(codes[0].digest, vec![1, 2, 255]);
    assert_eq!(r.issued_code_counts("A9301", "S93", &at).unwrap(), (1, 1));
    let last = r.audit_list(&Filter::default()).unwrap().pop().unwrap();
    for name in [
        "\"agent key SHA256:abc\"",
        &format!("\"complaint {complaint}\""),
        &format!("\"consent row {consent}\""),
        &format!("\"code {code}\""),
    ] {
        assert!(last.detail.contains(name), "{name} in {}", last.detail);
    }
    assert!(
        db.step(|w| {
            let used = w.mark_code_used(code, &at)?;
            w.delete_agent_key("SHA256:abc")?;
            w.append(&actor(), clock::now(), Event::new("test.families"))?;
            Ok(used)
        })
        .unwrap()
    );
    assert!(db.read().open_codes("A9301").unwrap().is_empty());
    assert!(db.read().agent_key("SHA256:abc").unwrap().is_none());
}

fn a_breach_round_trips_and_its_links_and_accounts_are_named_once<B: Backend>() {
    use super::breach::{Breach, Hold, Notice};
    let store = B::fresh();
    let mut db = store.open();
    let at = clock::format(clock::now());
    add(&mut db, "A9401").unwrap();
    let b = Breach {
        rule: "2007".into(),
        description: "a laptop was stolen".into(),
        discovered_at: at.clone(),
        determined_at: at.clone(),
        determined_on: "2026-01-02".into(),
        affected: Some(1),
        harm_likely: Some(true),
        opened_by: "root".into(),
        opened_at: at.clone(),
        ..Breach::default()
    };
    let (id, linked, relinked) = db
        .step(|w| {
            w.insert_session(&super::sessions::Session {
                id: "S94".into(),
                account: "A9401".into(),
                agent: "root".into(),
                channel: "inbound".into(),
                started_at: at.clone(),
                last_active_at: at.clone(),
                ..Default::default()
            })?;
            let id = w.insert_breach(&b, &["A9401".to_string()])?;
            w.add_breach_account(id, "A9401")?;
            w.add_breach_hold(
                id,
                &Hold {
                    until_on: "2026-02-01".into(),
                    agent: "root".into(),
                    recorded_at: at.clone(),
                    ..Hold::default()
                },
            )?;
            w.add_breach_notice(
                id,
                &Notice {
                    party: "fcc".into(),
                    at: at.clone(),
                    on_date: "2026-01-03".into(),
                    agent: "root".into(),
                    recorded_at: at.clone(),
                    ..Notice::default()
                },
            )?;
            let linked = w.add_breach_link(id, "S94", "root", &at)?;
            let relinked = w.add_breach_link(id, "S94", "root", &at)?;
            w.append(&actor(), clock::now(), Event::new("breach.open"))?;
            Ok((id, linked, relinked))
        })
        .unwrap();
    assert!(linked && !relinked, "a session is linked once");
    let r = db.read();
    let back = r.breach(id).unwrap().unwrap();
    assert_eq!(
        (back.harm_likely, back.affected, back.closed_at),
        (Some(true), Some(1), None)
    );
    assert_eq!(r.breaches(None, None).unwrap().len(), 1);
    assert_eq!(r.breaches(Some(&at), None).unwrap().len(), 1);
    assert_eq!(r.breach_accounts(id).unwrap(), vec!["A9401".to_string()]);
    assert_eq!(r.breach_holds(id).unwrap().len(), 1);
    assert_eq!(r.breach_notices(id).unwrap()[0].party, "fcc");
    assert_eq!(r.breach_links(id).unwrap()[0].account, "A9401");
    assert_eq!(r.breaches_of_account("A9401").unwrap(), vec![id]);
    let closed = |db: &mut Db| {
        db.step(|w| {
            let closed = w.close_breach(id, &at, "root", "done")?;
            w.append(&actor(), clock::now(), Event::new("breach.close"))?;
            Ok(closed)
        })
        .unwrap()
    };
    assert!(closed(&mut db), "the first close closes it");
    assert!(!closed(&mut db), "a closed breach is not closed again");
}

fn the_customer_report_reads_the_records_fields<B: Backend>() {
    let store = B::fresh();
    let mut db = store.open();
    add(&mut db, "A9501").unwrap();
    db.step(|w| {
        let ev = |e: &'static str| Event::new(e).account("A9501").session("S95");
        w.append(
            &actor(),
            clock::now(),
            ev("disclosure")
                .with("scope", "billing")
                .with("channel", "phone")
                .with("purpose", "designated-third-party")
                .with("reference", "R-1")
                .with("calls", "two calls"),
        )?;
        w.append(
            &actor(),
            clock::now(),
            ev("customer.change").with("change", "email"),
        )?;
        w.append(
            &actor(),
            clock::now(),
            ev("auth.pin.fail").with("reason", "wrong"),
        )?;
        w.append(
            &actor(),
            clock::now(),
            ev("code.issued")
                .with("channel", "email")
                .with("expires_at", "2030-01-01"),
        )
        .map(|_| ())
    })
    .unwrap();
    let r = db.read();
    let d = r.report_disclosures("A9501").unwrap();
    assert_eq!(d.len(), 1);
    assert_eq!(
        (
            d[0].scope.as_deref(),
            d[0].purpose.as_deref(),
            d[0].calls.as_deref()
        ),
        (
            Some("billing"),
            Some("designated-third-party"),
            Some("two calls")
        )
    );
    let changes: Vec<String> = r
        .report_changes("A9501")
        .unwrap()
        .into_iter()
        .map(|c| c.1)
        .collect();
    assert_eq!(
        changes,
        vec!["customer.add".to_string(), "email".to_string()]
    );
    let a = r.report_attempts("A9501").unwrap();
    assert_eq!(
        (a.len(), a[0].method.as_str(), a[0].outcome.as_str()),
        (1, "pin", "fail")
    );
    assert_eq!(a[0].reason.as_deref(), Some("wrong"));
    let c = r.report_codes("A9501").unwrap();
    assert_eq!(
        (c[0].channel.as_str(), c[0].expires_at.as_deref()),
        ("email", Some("2030-01-01"))
    );
    assert!(r.report_sessions("A9501").unwrap().is_empty());
    assert!(r.report_messages("A9501").unwrap().is_empty());
}

/// The certification report's and the supervisor reports' counts read the records' details
/// alike on both backends (JSON text, numbers and `true`).
fn the_certification_and_supervisor_reports_count_the_records<B: Backend>() {
    let store = B::fresh();
    let mut db = store.open();
    let since = clock::format(clock::now() - time::Duration::hours(1));
    add(&mut db, "A9601").unwrap();
    db.step(|w| {
        let ev = |e: &'static str| Event::new(e).account("A9601").session("S96");
        for e in [
            "auth.pin.fail",
            "auth.pin.fail",
            "auth.code.refused",
            "auth.pin.ok",
        ] {
            w.append(&actor(), clock::now(), ev(e).with("reason", "wrong"))?;
        }
        w.append(
            &actor(),
            clock::now(),
            ev("disclosure")
                .with("scope", "billing")
                .with("channel", "phone")
                .with("purpose", "designated-third-party")
                .with("reference", "R-9"),
        )?;
        w.append(
            &actor(),
            clock::now(),
            ev("consent.notice")
                .with("external", true)
                .with("sent_on", "2026-03-04"),
        )?;
        w.append(&actor(), clock::now(), ev("lock.start").with("failures", 3))
            .map(|_| ())
    })
    .unwrap();
    let until = clock::format(clock::now() + time::Duration::hours(1));
    let r = db.read();
    assert_eq!(
        r.cert_event_counts(&since, &until, "auth.%").unwrap(),
        vec![
            ("auth.code.refused".to_string(), 1),
            ("auth.pin.fail".to_string(), 2),
            ("auth.pin.ok".to_string(), 1)
        ]
    );
    assert_eq!(
        r.cert_detail_counts(&since, &until, "auth.pin.fail", "reason")
            .unwrap(),
        vec![("wrong".to_string(), 2)]
    );
    assert_eq!(
        r.cert_detail_counts(&since, &until, "lock.start", "failures")
            .unwrap(),
        vec![("3".to_string(), 1)]
    );
    assert_eq!(
        r.cert_detail_counts(&since, &until, "consent.notice", "external")
            .unwrap(),
        vec![("1".to_string(), 1)]
    );
    assert_eq!(
        r.cert_detail_counts(&since, &until, "consent.notice", "absent")
            .unwrap(),
        vec![(String::new(), 1)]
    );
    assert_eq!(
        r.cert_disclosures(&since, &until).unwrap(),
        vec![(
            "billing".to_string(),
            "phone".to_string(),
            "designated-third-party".to_string(),
            1
        )]
    );
    let third = r.cert_third_party(&since, &until).unwrap();
    assert_eq!(
        (third.len(), third[0].reference.as_deref()),
        (1, Some("R-9"))
    );
    assert_eq!(
        r.cert_distinct_accounts(&since, &until, "auth.pin.fail")
            .unwrap(),
        1
    );
    assert_eq!(
        r.cert_external_consent_notices("2026-03-01", "2026-04-01")
            .unwrap(),
        1
    );
    assert_eq!(
        r.cert_external_consent_notices("2026-04-01", "2026-05-01")
            .unwrap(),
        0
    );
    assert!(r.cert_complaints(&since, &until).unwrap().is_empty());
    let events: Vec<String> = r
        .report_events(Some(&since), None)
        .unwrap()
        .into_iter()
        .map(|e| e.event)
        .collect();
    assert_eq!(
        events,
        [
            "auth.pin.fail",
            "auth.pin.fail",
            "auth.code.refused",
            "disclosure",
            "lock.start"
        ]
    );
    assert!(r.report_events(None, Some(&since)).unwrap().is_empty());
}

/// Checkpoints, manifests and purge bases round-trip; the record lookups by seq and by hash
/// agree with the chain.
fn the_proofs_and_the_record_lookups_round_trip<B: Backend>() {
    let store = B::fresh();
    let mut db = store.open();
    for a in ["A9701", "A9702", "A9703"] {
        add(&mut db, a).unwrap();
    }
    let r = db.read();
    let (seq, hash) = r.audit_head().unwrap().unwrap();
    assert_eq!(r.audit_hash_of(seq).unwrap(), Some(hash.clone()));
    assert_eq!(r.audit_seq_of_hash(&hash).unwrap(), Some(seq));
    assert_eq!(r.audit_seq_of_hash(&[7; 32]).unwrap(), None);
    assert_eq!(
        r.audit_event_of(seq).unwrap().as_deref(),
        Some("customer.add")
    );
    let (event, at, _) = r.audit_record_of(seq).unwrap().unwrap();
    assert_eq!(
        (event.as_str(), r.audit_at_of(seq).unwrap()),
        ("customer.add", Some(at))
    );
    assert_eq!(r.audit_record_of(seq + 9).unwrap(), None);
    assert!(r.checkpoints().unwrap().is_empty() && r.purge_bases().unwrap().is_empty());
    db.step(|w| {
        w.insert_checkpoint(1, "{\"cp\":1}")?;
        w.insert_checkpoint(2, "{\"cp\":2}")?;
        w.insert_manifest(seq, "{\"m\":1}")?;
        w.append(&actor(), clock::now(), Event::new("test.proofs"))
            .map(|_| ())
    })
    .unwrap();
    let r = db.read();
    assert_eq!(
        r.checkpoints().unwrap(),
        vec![(1, "{\"cp\":1}".to_string()), (2, "{\"cp\":2}".to_string())]
    );
    assert_eq!(
        r.newest_checkpoint().unwrap(),
        Some((2, "{\"cp\":2}".to_string()))
    );
    assert_eq!(r.manifest(seq).unwrap().as_deref(), Some("{\"m\":1}"));
    assert_eq!(r.manifests().unwrap().len(), 1);
    assert!(r.purge_records().unwrap().is_empty());
    // A base must name an existing record (the schema's own check, on both backends).
    let base = super::audit::proofs::BaseRow {
        seq: 1,
        hash: r.audit_hash_of(1).unwrap().unwrap(),
        purged_at: clock::format(clock::now()),
        records: 1,
        signature: Some("sig".into()),
        statement: Some("statement".into()),
    };
    let mut owner = store.open_owner();
    owner
        .step(|w| {
            w.insert_base(&base)?;
            w.append(&actor(), clock::now(), Event::new("test.base"))
                .map(|_| ())
        })
        .unwrap();
    let bases = db.read().purge_bases().unwrap();
    assert_eq!(
        (bases.len(), bases[0].seq, bases[0].statement.as_deref()),
        (1, 1, Some("statement"))
    );
    assert_eq!(db.read().audit_base().unwrap(), (1, base.hash.clone()));
    let wrong = super::audit::proofs::BaseRow {
        seq: 2,
        hash: vec![0; 32],
        ..base
    };
    assert!(owner.step(|w| w.insert_base(&wrong)).is_err());
    drop(owner);
    // The purge: records up to the base go, on the owner's handle only; none past it.
    // PostgreSQL's day-to-day role has no DELETE on the log at all.
    if is_pg::<B>() {
        assert!(db.step(|w| w.delete_audit_through(1)).is_err());
    }
    let mut owner = store.open_owner();
    assert!(owner.step(|w| w.delete_audit_through(2)).is_err());
    assert_eq!(owner.step(|w| w.delete_audit_through(1)).unwrap(), 1);
    assert_eq!(db.read().audit_hash_of(1).unwrap(), None);
    assert!(db.read().audit_hash_of(2).unwrap().is_some());
}

fn is_pg<B: Backend>() -> bool {
    std::any::type_name::<B>().ends_with("Pg")
}

/// The scans stream every record matching the filter in order, stop when told, and read the
/// same bytes the list reads.
fn the_scans_stream_the_records_in_order_and_stop_when_told<B: Backend>() {
    let store = B::fresh();
    let mut db = store.open();
    for a in ["A9801", "A9802", "A9803", "A9802"] {
        let _ = add(&mut db, a);
    }
    appends(store.open(), 5, "s");
    let r = db.read();
    let all = r.audit_list(&Filter::default()).unwrap();
    let mut seen = Vec::new();
    r.scan_audit(&Filter::default(), |row| {
        seen.push((row.seq, row.fields[5].to_vec(), row.hash.to_vec()));
        Ok(true)
    })
    .unwrap();
    let want: Vec<_> = all
        .iter()
        .map(|a| (a.seq, a.event.as_bytes().to_vec(), a.hash.clone()))
        .collect();
    assert_eq!(seen, want);
    let f = Filter {
        account: Some("A9802".into()),
        ..Filter::default()
    };
    let mut n = 0;
    r.scan_audit(&f, |row| {
        assert_eq!(row.fields[3], b"A9802");
        n += 1;
        Ok(true)
    })
    .unwrap();
    assert_eq!((n, r.audit_count(&f).unwrap()), (1, 1));
    let after = Filter {
        after_seq: Some(all[2].seq),
        ..Filter::default()
    };
    let mut first = None;
    r.scan_audit(&after, |row| {
        first = Some(row.seq);
        Ok(false)
    })
    .unwrap();
    assert_eq!(first, Some(all[3].seq));
    let mut range = Vec::new();
    r.scan_audit_range(Some(all[1].seq), Some(all[4].seq), |row| {
        range.push(row.seq);
        Ok(true)
    })
    .unwrap();
    assert_eq!(range, vec![all[2].seq, all[3].seq, all[4].seq]);
}

/// The cross-check of the tables against the records finds nothing on a log cpni kept, and
/// names the row a change behind cpni's back left without its record.
fn the_cross_check_passes_a_kept_log_and_names_an_edited_row<B: Backend>() {
    let store = B::fresh();
    let mut db = store.open();
    for a in ["A9901", "A9902"] {
        let c = customer(a);
        db.step(|w| {
            w.insert_customer(&c)?;
            let ev = Event::new("customer.add")
                .account(a)
                .with("phone_since", c.phone_since.clone())
                .with("email_since", c.email_since.clone())
                .with("postal_since", c.postal_since.clone());
            w.append(&actor(), clock::now(), ev).map(|_| ())
        })
        .unwrap();
    }
    let collect = |db: &Db| {
        let mut c = crate::audit::crosscheck::Collector::default();
        db.read()
            .scan_audit(&Filter::default(), |row| {
                c.observe(row);
                Ok(true)
            })
            .unwrap();
        c
    };
    let c = collect(&db);
    assert_eq!(
        db.read()
            .crosscheck(c, &crate::audit::crosscheck::Purged::Never)
            .unwrap()
            .len(),
        0
    );
    assert!(db.read().missing_triggers().unwrap().is_empty());
    store.outside(
        "UPDATE customer SET email_since = '2001-01-01T00:00:00Z' WHERE account = 'A9902'",
    );
    let c = collect(&db);
    let found = db
        .read()
        .crosscheck(c, &crate::audit::crosscheck::Purged::Never)
        .unwrap();
    assert!(found.iter().any(|m| m.table == "customer"), "{found:?}");
}

/// A trigger someone else added to cpni's tables refuses every open; an append-only trigger
/// dropped is reported missing.
fn a_foreign_trigger_refuses_the_store_and_a_dropped_one_is_reported<B: Backend>() {
    let store = B::fresh();
    drop(store.open());
    let sqlite = !is_pg::<B>();
    if sqlite {
        store.outside("DROP TRIGGER audit_no_update");
    } else {
        store.outside("DROP TRIGGER audit_no_update ON audit");
    }
    let missing = store.open().read().missing_triggers().unwrap();
    assert!(
        missing.contains(&"audit_no_update".to_string()),
        "{missing:?}"
    );
    if sqlite {
        store.outside(
            "CREATE TRIGGER sneaky AFTER INSERT ON session BEGIN UPDATE session SET verified_at = 1; END",
        );
    } else {
        store.outside(
            // One of cpni's own functions: a function of its own in public is refused
            // before any trigger is looked at (foreign-object).
            "CREATE TRIGGER sneaky BEFORE INSERT ON session FOR EACH ROW EXECUTE FUNCTION cpni_capture()",
        );
    }
    let err = match store.try_open() {
        Err(e) => e,
        Ok(_) => panic!("a store with a foreign trigger opened"),
    };
    assert_eq!(err.code, "foreign-trigger", "{err:?}");
}

/// The seam itself: no file outside `src/store/` names rusqlite (so no connection, transaction
/// or SQLite type leaks out), and `src/audit/` never names `store/` (it is pure: the store
/// hands it rows).
#[test]
fn only_the_store_names_the_database_and_audit_never_names_the_store() {
    fn files(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    assert!(all.len() > 50, "the source tree was found: {}", all.len());
    let mut leaks = Vec::new();
    for path in &all {
        let rel = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(path).unwrap();
        if !rel.starts_with("store/") && text.contains("rusqlite") {
            leaks.push(format!("{rel} names rusqlite"));
        }
        if rel.starts_with("audit/")
            && (text.contains("crate::store") || text.contains("super::super::store"))
        {
            leaks.push(format!("{rel} names the store"));
        }
    }
    assert!(leaks.is_empty(), "{leaks:#?}");
}

/// Instantiates every contract test for one backend, as `mod $name`.
macro_rules! contract {
    ($name:ident, $backend:ty) => {
        mod $name {
            contract!(@tests $backend;
                what_a_step_writes_is_read_back_as_written,
                a_failed_step_leaves_nothing_of_itself,
                an_explicit_commit_records_the_step,
                a_write_dropped_uncommitted_leaves_nothing_and_frees_the_lock,
                a_step_that_changes_a_decision_row_after_its_last_record_is_refused,
                concurrent_writers_extend_one_chain_without_gaps_or_forks,
                a_snapshot_does_not_see_what_commits_after_it_began,
                a_writer_that_waits_past_its_timeout_is_told_the_database_is_busy,
                an_outbox_item_is_claimed_by_one_process_at_a_time,
                claims_on_two_items_do_not_wait_for_each_other,
                a_session_step_reports_whether_the_session_was_still_open,
                a_decision_row_edited_outside_cpni_is_refused_at_the_next_step_that_changes_it,
                a_quiet_update_needs_no_record_and_an_unrecorded_change_is_refused,
                the_other_families_round_trip,
                a_breach_round_trips_and_its_links_and_accounts_are_named_once,
                the_customer_report_reads_the_records_fields,
                the_certification_and_supervisor_reports_count_the_records,
                the_proofs_and_the_record_lookups_round_trip,
                the_scans_stream_the_records_in_order_and_stop_when_told,
                the_cross_check_passes_a_kept_log_and_names_an_edited_row,
                a_foreign_trigger_refuses_the_store_and_a_dropped_one_is_reported,
            );
        }
    };
    (@tests $backend:ty; $($test:ident),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                super::$test::<$backend>()
            }
        )*
    };
}

contract!(sqlite, super::Sqlite);
contract!(pg, super::Pg);

/// PostgreSQL only: the store opens only with the host keys whose fingerprint the database's
/// first host recorded, so no step signs a head or digests a code with another database's keys.
#[test]
fn pg_the_store_opens_only_with_the_databases_own_keys() {
    let pg = Pg::fresh();
    pg.open();
    let other = tempfile::tempdir().unwrap();
    let base = other.path().join("cpni-pg");
    let missing = Db::open_pg(&pg.target, &base, super::DEFAULT_LOCK_TIMEOUT)
        .err()
        .unwrap();
    assert_eq!(missing.code, "pg-keys-missing", "{}", missing.message);
    super::pg::hostkeys::HostKeys::load_or_new(&base)
        .unwrap()
        .stage()
        .unwrap()
        .install()
        .unwrap();
    let wrong = Db::open_pg(&pg.target, &base, super::DEFAULT_LOCK_TIMEOUT)
        .err()
        .unwrap();
    assert_eq!(wrong.code, "pg-keys-mismatch", "{}", wrong.message);
}
