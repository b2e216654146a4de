//! Appends per second and step latency on PostgreSQL against SQLite, side by side in one run
//! (issue 16): the same step (the chain append of one record, with its signed head) through
//! the same store API, on a SQLite file (`synchronous=FULL`) and on a fresh database of the
//! PostgreSQL server `scripts/pg-server.sh` started (`CPNI_TEST_PG_HOST`/`CPNI_TEST_PG_PORT`,
//! exported by `scripts/test.sh`; without them this fails), used as `cpni_app` over the
//! server's Unix socket. Rounds alternate between the two so machine noise hits both alike.
//! Prints `name value unit` lines and the ratio PostgreSQL / SQLite. Then the check every
//! PostgreSQL step runs inside its transaction (`cpni::store::pg::guard`), alone on a second
//! connection to the same database, alternated with the steps: its p50 and its share of a
//! PostgreSQL step's p50 (what it costs per step).
//!
//! Run with `eval "$(bash scripts/pg-server.sh start)"; cargo bench --bench pg_append`
//! (`CPNI_BENCH_APPENDS` appends per backend, default 2,000; a smoke run of 40 when
//! `cargo test --benches` builds it unoptimised). Note that the test server runs with
//! `fsync=off`, so its commits are not durable: its figure is an upper bound, not what a
//! production server with synchronous commits gives.

use std::time::{Duration, Instant};

use cpni::audit::{Actor, Event};
use cpni::store::Db;
use cpni::store::pg::target::{Host, SslMode, Target};

fn appends() -> usize {
    std::env::var("CPNI_BENCH_APPENDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) { 40 } else { 2000 })
}

fn env(k: &str) -> String {
    std::env::var(k).unwrap_or_else(|_| {
        panic!("{k} is not set: start the test server with `eval \"$(bash scripts/pg-server.sh start)\"`")
    })
}

fn superuser(db: &str) -> postgres::Client {
    postgres::Config::new()
        .host_path(env("CPNI_TEST_PG_HOST"))
        .port(env("CPNI_TEST_PG_PORT").parse().unwrap())
        .user("postgres")
        .dbname(db)
        .connect(postgres::NoTls)
        .expect("connect to the test server as postgres")
}

/// A fresh, migrated PostgreSQL database, with new host keys at `keys` (as the first host's
/// `cpni init` makes them); returns its target.
fn fresh_pg(keys: &std::path::Path) -> Target {
    let name = format!("cpni_bench_{}", std::process::id());
    let mut su = superuser("postgres");
    su.batch_execute(cpni::store::pg::ROLES).unwrap();
    su.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .unwrap();
    su.batch_execute(&format!("CREATE DATABASE {name} OWNER cpni_owner"))
        .unwrap();
    let t = Target {
        host: Host::Socket(env("CPNI_TEST_PG_HOST").into()),
        port: env("CPNI_TEST_PG_PORT").parse().unwrap(),
        user: "cpni_app".into(),
        dbname: name,
        ssl: SslMode::Disable,
        ca_file: None,
        password_file: None,
        owner_role: "cpni_owner".into(),
        owner_password_file: None,
    };
    let mut owner = cpni::store::pg::connect::connect(&t, cpni::store::pg::connect::As::Owner)
        .expect("connect as cpni_owner");
    let host = cpni::store::pg::hostkeys::HostKeys::load_or_new(keys).expect("new host keys");
    let mut staged = Some(host.stage().expect("stage the keys"));
    cpni::store::pg::migrate::migrate(&mut owner, &t, &host, |done| {
        if let Some(staged) = staged.take().filter(|_| done.recorded) {
            staged.install()?;
        }
        Ok(())
    })
    .expect("migrate");
    t
}

/// `n` steps of one append each; the time of each.
fn run(db: &mut Db, n: usize, tag: &str) -> Vec<Duration> {
    let actor = Actor {
        login: "bench".into(),
        on_behalf_of: None,
    };
    (0..n)
        .map(|i| {
            let t = Instant::now();
            db.step(|w| {
                w.append(
                    &actor,
                    cpni::clock::now(),
                    Event::new("bench.append").with("n", format!("{tag}{i}")),
                )
            })
            .expect("append");
            t.elapsed()
        })
        .collect()
}

fn report(name: &str, mut times: Vec<Duration>) -> f64 {
    times.sort();
    let total: f64 = times.iter().map(Duration::as_secs_f64).sum();
    let rate = times.len() as f64 / total;
    let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!("{name}_appends_per_s {rate:.0} 1/s");
    println!("{name}_step_p50 {:.3} ms", pct(0.5).as_secs_f64() * 1e3);
    println!("{name}_step_p99 {:.3} ms", pct(0.99).as_secs_f64() * 1e3);
    rate
}

fn p50(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The per-step check alone ([`cpni::store::pg::guard::problems`], the query every step runs
/// after the writer lock) against whole steps, in alternating rounds on the same database.
fn step_check(t: &Target, pg: &mut Db, n: usize) {
    use cpni::store::pg::{capture, connect, guard};
    let client = connect::connect(t, connect::As::App).expect("a second connection");
    let conn = cpni::store::sql::PgConn::new(client, t.clone(), t.user.clone());
    conn.batch(capture::TEMP_TABLE).unwrap();
    let sql = guard::query(&guard::snapshot(&conn).unwrap());
    let rounds = 10.min(n);
    let (mut checks, mut steps) = (Vec::new(), Vec::new());
    for r in 0..rounds {
        for _ in 0..n / rounds {
            let at = Instant::now();
            let wrong = guard::problems(&conn, &sql).unwrap();
            checks.push(at.elapsed());
            assert!(wrong.is_empty(), "{wrong:?}");
        }
        steps.extend(run(pg, n / rounds, &format!("c{r}-")));
    }
    let (c, s) = (p50(checks), p50(steps));
    println!("postgresql_step_check_p50 {:.3} ms", c.as_secs_f64() * 1e3);
    println!(
        "postgresql_step_p50_with_check {:.3} ms",
        s.as_secs_f64() * 1e3
    );
    println!(
        "postgresql_step_check_share_of_step {:.2} x",
        c.as_secs_f64() / s.as_secs_f64()
    );
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let lite_path = dir.path().join("cpni.db");
    let (mut lite, _) = Db::create(&lite_path).unwrap();
    cpni::secrets::create_keys(&lite_path).unwrap();
    let pg_keys = dir.path().join("cpni-pg");
    let target = fresh_pg(&pg_keys);
    let mut pg = Db::open_pg(&target, &pg_keys, Duration::from_secs(5)).unwrap();
    let n = appends();
    let rounds = 10.min(n);
    let (mut lt, mut pt) = (Vec::new(), Vec::new());
    for r in 0..rounds {
        let k = n / rounds;
        lt.extend(run(&mut lite, k, &format!("l{r}-")));
        pt.extend(run(&mut pg, k, &format!("p{r}-")));
    }
    let (a, b) = (report("sqlite", lt), report("postgresql", pt));
    println!("postgresql_vs_sqlite_appends {:.2} x", b / a);
    step_check(&target, &mut pg, n);
    drop(pg);
    let _ = superuser("postgres").batch_execute(&format!(
        "DROP DATABASE IF EXISTS {} WITH (FORCE)",
        target.dbname
    ));
}
