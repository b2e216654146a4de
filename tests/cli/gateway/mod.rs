//! Many agents, one protected log, through a real OpenSSH server: each agent's key runs
//! `cpni gateway --agent LOGIN` in the service account, steps are recorded under the key's
//! agent, and everything an agent could send to steer the server is refused with nothing
//! changed (see `harness.rs` for the real parts).

mod harness;
mod stale_keys;

use std::io::Read;
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::{Eof, Expect, Session};

use crate::util::run_command;
use harness::{AGENT_OS, Gateway, SVC_HOME};

pub const ADA: &str = "DEMO-1001";
pub const ADA_PIN: &str = "804713";

fn session_id(run: &crate::util::Run) -> String {
    let id = run.json()["session"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(id.starts_with("S-"), "no session id\n{}", run.dump());
    id
}

#[test]
fn two_agents_at_once_each_step_under_the_key_s_agent() {
    let g = Gateway::start();
    let a7 = g.add_agent("agent7", "agent");
    let a8 = g.add_agent("agent8", "agent");
    let sup = g.add_agent("sup1", "supervisor");
    let ids: Vec<String> = std::thread::scope(|s| {
        let t: Vec<_> = [&a7, &a8]
            .into_iter()
            .map(|k| {
                let g = &g;
                s.spawn(move || {
                    let started = g.ssh(k, &format!("--json session start {ADA}"));
                    let id = session_id(started.ok());
                    g.ssh_stdin(
                        k,
                        &format!("session pin {id} --pin-stdin"),
                        &format!("{ADA_PIN}\n"),
                    )
                    .ok();
                    id
                })
            })
            .collect();
        t.into_iter()
            .map(|h| h.join().expect("agent thread"))
            .collect()
    });
    let list = g.ssh(&sup, "--json audit list --event session.start");
    let by_session: Vec<(String, String)> = list
        .ok()
        .stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            (
                v["session"].as_str().unwrap_or_default().into(),
                v["actor"].as_str().unwrap_or_default().into(),
            )
        })
        .collect();
    assert!(
        by_session.contains(&(ids[0].clone(), "agent7".into())),
        "{by_session:?}"
    );
    assert!(
        by_session.contains(&(ids[1].clone(), "agent8".into())),
        "{by_session:?}"
    );
    for (id, who) in [(&ids[0], "agent7"), (&ids[1], "agent8")] {
        let actors = g.sql(&format!(
            "select distinct actor from audit where session = '{id}';"
        ));
        assert_eq!(actors, who, "every step of {id} is {who}'s");
    }
    g.svc(&["audit", "verify"]).ok();
}

#[test]
fn the_wizard_runs_over_ssh_tt_and_ctrl_c_reaches_it() {
    let g = Gateway::start();
    let a7 = g.add_agent("agent7", "agent");
    let mut cmd = g.ssh_command(&a7, &["-tt"]);
    cmd.arg(format!("verify {ADA}")).env("TERM", "xterm");
    let mut p = Session::spawn(cmd).expect("spawn ssh on a pty");
    p.set_expect_timeout(Some(Duration::from_secs(30)));
    p.expect("Ada Lovelace").expect("the caller card");
    p.expect("What does the caller want to discuss?")
        .expect("first menu");
    p.send("\r").expect("enter");
    p.expect("How will you verify the caller?")
        .expect("second menu");
    p.send("\x03").expect("ctrl-c");
    p.expect("abandoned").expect("the wizard saw Ctrl-C");
    p.expect(Eof).expect("the end");
    match p.get_process().wait().expect("wait for ssh") {
        WaitStatus::Exited(_, code) => assert_eq!(code, 130),
        other => panic!("ssh did not exit normally: {other:?}"),
    }
    let events =
        g.sql("select actor||' '||event from audit where session like 'S-%' order by seq;");
    assert_eq!(events, "agent7 session.start\nagent7 session.abandoned");
}

/// Requests that must fail with exit 2 and change nothing.
const REFUSED: &[&str] = &[
    "audit list --db /tmp/cpni-gw-evil.db",
    "--db=/tmp/cpni-gw-evil.db session start DEMO-1001",
    "session start DEMO-1001 --config /tmp/cpni-gw-evil.toml",
    "session start DEMO-1001; touch /tmp/cpni-gw-pwned",
    "session start DEMO-1001 $(touch /tmp/cpni-gw-pwned)",
    "session start DEMO-1001 `touch /tmp/cpni-gw-pwned`",
    "session start DEMO-1001 '; touch /tmp/cpni-gw-pwned'",
    "session start 'DEMO-1001' \"&& touch /tmp/cpni-gw-pwned\"",
    "session start DEMO-1001 | touch /tmp/cpni-gw-pwned",
    "touch /tmp/cpni-gw-pwned",
    "sh -c 'touch /tmp/cpni-gw-pwned'",
    "bash",
    "internal-sftp",
    "scp -t /tmp/cpni-gw-pwned",
    "init",
    "demo",
    "gateway --agent sup1",
    "audit export --format csv --output /tmp/cpni-gw-pwned",
    "customer import /etc/passwd",
    "session start \"unbalanced",
];

#[test]
fn options_commands_and_shell_syntax_are_refused_with_nothing_changed() {
    let g = Gateway::start();
    let a7 = g.add_agent("agent7", "admin");
    let before = g.state();
    for line in REFUSED {
        let run = g.ssh(&a7, line);
        run.code(2);
        assert!(!run.stderr.is_empty(), "{line}: no message\n{}", run.dump());
        assert_eq!(g.state(), before, "{line} changed something");
    }
    for f in [
        "/tmp/cpni-gw-pwned",
        "/tmp/cpni-gw-evil.db",
        "/tmp/cpni-gw-evil.toml",
    ] {
        assert!(!Path::new(f).exists(), "{f} was created");
    }
    g.ssh(&a7, "audit list --db /tmp/x").stderr_has("--db");
    g.ssh(&a7, "audit export --format csv --output /tmp/x")
        .stderr_has("--output");
    let json = g.ssh(&a7, "--json audit list --config /tmp/x");
    assert_eq!(json.code(2).json_err()["error"]["code"], "gateway-path");
}

#[test]
fn environment_sent_by_the_client_is_refused() {
    let g = Gateway::start();
    let a7 = g.add_agent("agent7", "agent");
    let before = g.state();
    let cases: &[(&[&str], &str)] = &[
        (&["-o", "SetEnv=CPNI_DB=/tmp/cpni-gw-evil.db"], "CPNI_DB"),
        (
            &["-o", "SetEnv=CPNI_CONFIG=/tmp/cpni-gw-evil.toml"],
            "CPNI_CONFIG",
        ),
        (&["-o", "SetEnv=XDG_CONFIG_HOME=/tmp"], "XDG_CONFIG_HOME"),
        (&["-o", "SendEnv=FOO"], "FOO"),
    ];
    for (opts, var) in cases {
        let mut cmd = g.ssh_command(&a7, opts);
        cmd.arg(format!("session start {ADA}")).env("FOO", "bar");
        let run = run_command(cmd, None);
        run.code(2).stderr_has(var);
        assert_eq!(g.state(), before, "{var} changed something");
    }
    assert!(!Path::new("/tmp/cpni-gw-evil.db").exists());
}

#[test]
fn port_forwarding_sftp_scp_and_a_shell_are_refused() {
    let g = Gateway::start();
    let a7 = g.add_agent("agent7", "agent");
    let before = g.state();
    // Stdio forwarding (-W) to sshd's own port.
    let w = g.ssh_command(&a7, &["-W", &format!("127.0.0.1:{}", g.port)]);
    let run = run_command(w, None);
    assert_ne!(run.code, 0, "-W forwarding worked\n{}", run.dump());
    assert!(!run.stdout.contains("SSH-2.0"), "{}", run.dump());
    // Local forwarding (-L): the tunnel opens locally, but nothing comes through it.
    let lport = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut l = g.ssh_command(&a7, &["-N", "-L", &format!("{lport}:127.0.0.1:{}", g.port)]);
    let mut child = l
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut banner = String::new();
    for _ in 0..100 {
        if let Ok(mut s) = TcpStream::connect(("127.0.0.1", lport)) {
            s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
            let _ = s.read_to_string(&mut banner);
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        !banner.contains("SSH-2.0"),
        "-L forwarded a connection: {banner:?}"
    );
    // sftp and scp (both protocols).
    let common = [
        "-F",
        "none",
        "-o",
        "BatchMode=yes",
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "IdentitiesOnly=yes",
    ];
    let target = format!("{}@127.0.0.1", harness::SVC);
    let mut sftp = Command::new("sftp");
    sftp.args(common)
        .arg("-i")
        .arg(&a7.private)
        .args(["-P", &g.port.to_string(), "-b", "-"])
        .arg(&target);
    let run = run_command(
        sftp,
        Some("ls\nget .local/share/cpni/cpni.db /tmp/cpni-gw-pwned\n"),
    );
    assert_ne!(run.code, 0, "sftp worked\n{}", run.dump());
    for proto in ["-O", "-s"] {
        let mut scp = Command::new("scp");
        scp.args(common)
            .arg(proto)
            .arg("-i")
            .arg(&a7.private)
            .args(["-P", &g.port.to_string()])
            .arg(format!("{target}:.local/share/cpni/cpni.db"))
            .arg("/tmp/cpni-gw-pwned");
        let run = run_command(scp, None);
        assert_ne!(run.code, 0, "scp {proto} worked\n{}", run.dump());
    }
    assert!(!Path::new("/tmp/cpni-gw-pwned").exists());
    // No command: the menu, never a shell (the typed command is not run).
    let shell = g.ssh_command(&a7, &["-T"]);
    let run = run_command(shell, Some("id\ntouch /tmp/cpni-gw-pwned\n"));
    run.ok()
        .stdout_has("There is no shell")
        .stdout_has("verify")
        .stdout_has("agent7 (role agent)");
    assert!(!run.stdout.contains("uid="), "{}", run.dump());
    assert!(!Path::new("/tmp/cpni-gw-pwned").exists());
    assert_eq!(g.state(), before);
}

#[test]
fn disabled_agents_and_removed_keys_are_shut_out() {
    let g = Gateway::start();
    let a7 = g.add_agent("agent7", "agent");
    let spare = g.keygen("agent7-laptop");
    g.svc_stdin(
        &["agent", "key", "add", "agent7", "--ssh-key-file", "-"],
        &spare.public,
    )
    .ok();
    g.ssh(&a7, &format!("session start {ADA}")).ok();
    // Remove one key: that key is shut out, the other still works.
    let fp = fingerprint(&a7.private.with_extension("pub"));
    g.svc(&["agent", "key", "remove", "agent7", &fp]).ok();
    g.ssh(&a7, &format!("session start {ADA}"))
        .code(255)
        .stderr_has("Permission denied");
    g.ssh(&spare, &format!("session start {ADA}")).ok();
    assert_eq!(
        g.sql(&format!(
            "select count(*) from audit where event = 'agent.key.remove' and detail like '%{fp}%';"
        )),
        "1"
    );
    // Disable: every key goes at once.
    g.svc(&["agent", "disable", "agent7"]).ok();
    g.ssh(&spare, &format!("session start {ADA}")).code(255);
    let keys = std::fs::read_to_string(Path::new(SVC_HOME).join(".ssh/authorized_keys"))
        .unwrap_or_default();
    assert!(!keys.contains("agent7"), "{keys}");
    // A key line put back by hand still cannot act for a disabled agent (exit 3, recorded).
    let run = g.gateway_locally("agent7", &format!("session start {ADA}"));
    run.code(3)
        .stderr_has("disabled")
        .stderr_has("`cpni agent enable agent7`");
    // Enabled again with a new key, the agent is back.
    g.svc(&["agent", "enable", "agent7"]).ok();
    g.svc_stdin(
        &["agent", "key", "add", "agent7", "--ssh-key-file", "-"],
        &spare.public,
    )
    .ok();
    g.ssh(&spare, &format!("session start {ADA}")).ok();
}

#[test]
fn an_agent_trying_a_supervisor_command_is_refused_and_recorded() {
    let g = Gateway::start();
    let a7 = g.add_agent("agent7", "agent");
    for cmd in [
        "audit list",
        "audit export --format csv",
        "agent add evil --role admin",
        "customer unlock DEMO-1001 --reason x",
    ] {
        let run = g.ssh(&a7, cmd);
        run.code(3);
        assert!(run.stdout.is_empty(), "{cmd}\n{}", run.dump());
    }
    let refused =
        g.sql("select count(*) from audit where actor = 'agent7' and event = 'access.refused';");
    assert_eq!(refused, "4");
    assert_eq!(
        g.sql("select count(*) from agent where login = 'evil';"),
        "0"
    );
}

#[test]
fn exit_codes_json_stdin_secrets_and_exports_work_as_locally() {
    let g = Gateway::start();
    let a7 = g.add_agent("agent7", "agent");
    let sup = g.add_agent("sup1", "supervisor");
    let id = session_id(g.ssh(&a7, &format!("--json session start {ADA}")).ok());
    g.ssh_stdin(
        &a7,
        &format!("--json session pin {id} --pin-stdin"),
        "111111\n",
    )
    .code(1);
    g.ssh_stdin(
        &a7,
        &format!("--json session pin {id} --pin-stdin"),
        &format!("{ADA_PIN}\n"),
    )
    .ok()
    .never_prints(ADA_PIN);
    let err = g.ssh(&a7, "--json customer show DEMO-9999");
    err.code(4);
    assert!(
        err.json_err()["error"]["code"].is_string(),
        "{}",
        err.dump()
    );
    let note = "two words; $(id) `id`";
    g.ssh(
        &a7,
        &format!("session disclose {id} --scope account --purpose billing --note '{note}'"),
    )
    .ok();
    assert_eq!(
        g.sql(&format!(
            "select count(*) from audit where detail like '%{}%';",
            "$(id) `id`"
        )),
        "1",
        "the note is data, never run"
    );
    let csv = g.ssh(&sup, "audit export --format csv");
    csv.ok().stdout_has("session.start").stdout_has(&id);
    assert!(
        std::fs::read_dir(SVC_HOME)
            .unwrap()
            .flatten()
            .all(|e| !e.file_name().to_string_lossy().ends_with(".csv"))
    );
    g.ssh(&sup, "--help").ok().stdout_has("verify");
    // A CTI integration's key, with the service role, acts for the agent on the call.
    let cti = g.add_agent("cti", "service");
    let id = session_id(
        g.ssh(
            &cti,
            &format!("--json --on-behalf-of agent7 session start {ADA}"),
        )
        .ok(),
    );
    assert_eq!(
        g.sql(&format!(
            "select actor||'/'||on_behalf_of from audit where session = '{id}';"
        )),
        "cti/agent7"
    );
    g.ssh(&a7, &format!("--on-behalf-of sup1 session start {ADA}"))
        .code(3);
}

#[test]
fn an_agent_s_own_os_account_reads_no_service_account_file() {
    let g = Gateway::start();
    g.add_agent("agent7", "agent");
    g.svc_stdin(&["customer", "show", ADA], "").ok();
    let uid = harness::uid(AGENT_OS);
    let mut checked = 0;
    let mut stack = vec![std::path::PathBuf::from(SVC_HOME)];
    while let Some(p) = stack.pop() {
        let md = std::fs::symlink_metadata(&p).unwrap();
        if md.is_dir() {
            stack.extend(std::fs::read_dir(&p).unwrap().flatten().map(|e| e.path()));
        }
        let mut cmd = Command::new(if md.is_dir() { "ls" } else { "cat" });
        std::os::unix::process::CommandExt::uid(cmd.arg(&p), uid);
        let run = run_command(cmd, None);
        assert_ne!(run.code, 0, "{AGENT_OS} could read {}", p.display());
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} paths checked");
    // Nor can it write into the database through sqlite3.
    let mut cmd = Command::new("sqlite3");
    std::os::unix::process::CommandExt::uid(cmd.arg(g.db()).arg("delete from agent;"), uid);
    assert_ne!(run_command(cmd, None).code, 0);
}

/// `ssh-keygen -lf FILE`'s SHA256 fingerprint.
pub fn fingerprint(public: &Path) -> String {
    let out = Command::new("ssh-keygen")
        .arg("-lf")
        .arg(public)
        .output()
        .expect("ssh-keygen -l");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .nth(1)
        .expect("a fingerprint")
        .to_string()
}

impl Gateway {
    /// The forced command run as sshd would run it, without sshd (for a key line an admin put
    /// back by hand).
    fn gateway_locally(&self, agent: &str, line: &str) -> crate::util::Run {
        let mut cmd = self.svc_command(&["gateway", "--agent", agent]);
        cmd.env("SSH_ORIGINAL_COMMAND", line);
        run_command(cmd, None)
    }
}

#[test]
fn another_agent_s_session_is_refused_and_a_supervisor_takes_it_over() {
    let g = Gateway::start();
    let a7 = g.add_agent("agent7", "agent");
    let a8 = g.add_agent("agent8", "agent");
    let sup = g.add_agent("sup1", "supervisor");
    let id = session_id(g.ssh(&a7, &format!("--json session start {ADA}")).ok());
    // agent8's key acts as agent8, whatever the OS user: agent7's session is not theirs.
    let before = g.sql(&format!(
        "select basis is null, secret_failures from session where id = '{id}';"
    ));
    g.ssh_stdin(
        &a8,
        &format!("session pin {id} --pin-stdin"),
        &format!("{ADA_PIN}\n"),
    )
    .code(3);
    g.ssh(
        &a8,
        &format!("session disclose {id} --scope account --purpose customer-request"),
    )
    .code(3);
    g.ssh(&a8, &format!("session end {id}")).code(3);
    let after = g.sql(&format!(
        "select basis is null, secret_failures from session where id = '{id}';"
    ));
    assert_eq!(before, after, "agent8's steps changed nothing");
    let refused = g.sql(&format!(
        "select count(*) from audit where session = '{id}' and actor = 'agent8' \
         and event glob '*refused';"
    ));
    assert_eq!(refused, "3", "each refusal is recorded under agent8");
    // An agent cannot take a session over; a supervisor can, with a reason, recorded.
    g.ssh(
        &a8,
        &format!("session takeover {id} --reason 'agent7 went home'"),
    )
    .code(3);
    g.ssh(
        &sup,
        &format!("session takeover {id} --reason 'agent7 went home'"),
    )
    .ok();
    assert_eq!(
        g.sql(&format!(
            "select actor from audit where session = '{id}' and event = 'session.takeover';"
        )),
        "sup1"
    );
    g.ssh_stdin(
        &sup,
        &format!("session pin {id} --pin-stdin"),
        &format!("{ADA_PIN}\n"),
    )
    .ok();
    g.ssh_stdin(
        &a7,
        &format!("session pin {id} --pin-stdin"),
        &format!("{ADA_PIN}\n"),
    )
    .code(3);
    g.svc(&["audit", "verify"]).ok();
}

/// The wizard's sending step over ssh offers no "attach a file by its path": a typed path could
/// name any file the service account reads (its signing key, its database).
#[test]
fn the_wizard_over_ssh_cannot_attach_a_server_file() {
    let g = Gateway::start();
    let a7 = g.add_agent("agent7", "agent");
    let mut cmd = g.ssh_command(&a7, &["-tt"]);
    cmd.arg(format!("verify {ADA}")).env("TERM", "xterm");
    let mut p = Session::spawn(cmd).expect("spawn ssh on a pty");
    p.set_expect_timeout(Some(Duration::from_secs(30)));
    p.expect("What does the caller want to discuss?")
        .expect("first menu");
    p.send("\r").expect("enter");
    p.expect("Send the information to the email of record")
        .expect("the send route");
    p.send("5").expect("send by email");
    let menu = p.expect("No attachment").expect("the attachment menu");
    let shown = String::from_utf8_lossy(menu.before()).into_owned();
    assert!(
        !shown.contains("by its path"),
        "a path is offered through the gateway:\n{shown}"
    );
    p.send("\x03").expect("ctrl-c");
    p.expect(Eof).expect("the end");
    let _ = p.get_process().wait();
    // And the subcommand behind it refuses a server path too (exit 2 before it runs).
    let s = session_id(g.ssh(&a7, &format!("--json session start {ADA}")).ok());
    g.ssh(
        &a7,
        &format!(
            "session send {s} --via email --scope account --purpose customer-request \
             --attach {SVC_HOME}/.local/share/cpni/cpni.db.signing-key"
        ),
    )
    .code(2);
    let sent = g.sql("select count(*) from audit where event = 'disclosure';");
    assert_eq!(sent, "0", "nothing was sent");
}

/// The README's client function (`cpni() { ssh -t cpni -- "$(printf '%q ' "$@")"; }`) with this
/// test's ssh options for `key`, run by bash in `locale` with `args` as typed.
fn client_function(
    g: &Gateway,
    key: &harness::Key,
    locale: &str,
    args: &[&str],
) -> crate::util::Run {
    let ssh = g.ssh_command(key, &["-T"]);
    let mut words = vec![ssh.get_program().to_string_lossy().into_owned()];
    words.extend(ssh.get_args().map(|a| a.to_string_lossy().into_owned()));
    // `ssh_command` ends with `-- HOST`; the README's form is `ssh -t cpni -- LINE`.
    let base = shell_words::join(&words);
    let script = format!("cpni() {{ {base} \"$(printf '%q ' \"$@\")\"; }}\ncpni \"$@\"");
    let mut cmd = Command::new("bash");
    cmd.env("LC_ALL", locale)
        .arg("-c")
        .arg(script)
        .arg("bash")
        .args(args);
    run_command(cmd, None)
}

#[test]
fn multi_word_values_pass_through_the_readme_client_function() {
    // Over plain `ssh cpni …` the arguments are joined into one line and re-split on the server:
    // "agent dropped the call; continuing" became four arguments (exit 2). The README's client
    // function quotes each argument; the gateway splits the quoting back, bash's `$'…'` (written
    // for non-ASCII in the C locale, for tabs and newlines) included.
    let g = Gateway::start();
    let a7 = g.add_agent("agent7", "agent");
    let sup = g.add_agent("sup1", "supervisor");
    for (locale, reason) in [
        ("C.UTF-8", "agent dropped the call; continuing"),
        ("C", "José's call; continuing \"as before\" $(id) `id` *"),
    ] {
        let id = session_id(g.ssh(&a7, &format!("--json session start {ADA}")).ok());
        client_function(
            &g,
            &sup,
            locale,
            &["--json", "session", "takeover", &id, "--reason", reason],
        )
        .ok();
        assert_eq!(
            g.sql(&format!(
                "select actor || '|' || json_extract(detail, '$.reason') from audit \
                 where session = '{id}' and event = 'session.takeover';"
            )),
            format!("sup1|{reason}"),
            "{locale}"
        );
    }
    g.svc(&["audit", "verify"]).ok();
}

/// The gateway's own output (its menu, `--help` of a command) and a command's output through it
/// end as locally (issue 14): a closed pipe quietly with exit 0, a full disk exit 8, never a panic.
#[test]
fn the_gateway_s_own_output_to_a_closed_pipe_or_a_full_disk_ends_cleanly() {
    let g = Gateway::start();
    let a7 = g.add_agent("agent7", "agent");
    let fp = fingerprint(&a7.private.with_extension("pub"));
    for line in ["", "--help", "session --help", "man"] {
        for full in [false, true] {
            let mut cmd = g.svc_command(&["gateway", "--agent", "agent7", "--key", &fp]);
            cmd.env("SSH_ORIGINAL_COMMAND", line)
                .stdin(Stdio::null())
                .stderr(Stdio::piped());
            if full {
                cmd.stdout(
                    std::fs::File::options()
                        .write(true)
                        .open("/dev/full")
                        .unwrap(),
                );
            } else {
                let (read, write) = std::io::pipe().expect("pipe");
                drop(read);
                cmd.stdout(write);
            }
            let out = cmd.output().expect("run the gateway");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!stderr.contains("panicked"), "{line:?}: {stderr}");
            if full {
                assert_eq!(out.status.code(), Some(8), "{line:?} > /dev/full: {stderr}");
                assert!(stderr.contains("cpni:"), "{line:?}: a message: {stderr}");
            } else {
                assert_eq!(out.status.code(), Some(0), "{line:?} | closed: {stderr}");
                assert!(stderr.is_empty(), "{line:?} | closed: quiet, got {stderr}");
            }
        }
    }
}
