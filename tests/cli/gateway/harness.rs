//! The gateway's real parts: a dedicated service account (`cpni-svc-test`, created with
//! `useradd` if missing; CI runs as root), a copy of the binary it can execute, a real OpenSSH
//! server (`/usr/sbin/sshd`) on a free loopback port with its own host key and config, and a
//! real `ssh` client with one generated ed25519 key per agent. Tests that use the account run
//! one at a time (a mutex, and a file lock across test processes). Nothing here skips: a
//! missing tool or a non-root run fails with what to do.

use std::fs::File;
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::util::{Run, TEST_CONFIG, run_command};

pub const SVC: &str = "cpni-svc-test";
pub const SVC_HOME: &str = "/var/lib/cpni-svc-test";
/// A second account standing for an agent's own OS login on the gateway host.
pub const AGENT_OS: &str = "cpni-agent-test";
const BIN_DIR: &str = "/usr/local/lib/cpni-test";

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// One agent's key pair.
pub struct Key {
    pub private: PathBuf,
    pub public: String,
}

/// The service account reset to a fresh `cpni init --demo`, and sshd in front of it.
pub struct Gateway {
    pub dir: TempDir,
    pub port: u16,
    pub bin: PathBuf,
    sshd: Child,
    _lock: File,
    _guard: MutexGuard<'static, ()>,
}

fn must(cmd: &mut Command, what: &str) -> std::process::Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run it ({e}); run `bash scripts/test.sh`"));
    assert!(
        out.status.success(),
        "{what} failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Creates the system account `name` (home `home`, shell /bin/sh) unless it exists, and lets
/// it log in by key (no password): idempotent, safe to run twice.
pub fn ensure_user(name: &str, home: &str) {
    let exists = || {
        Command::new("id")
            .arg("-u")
            .arg(name)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !exists() {
        let _ = Command::new("useradd")
            .args([
                "--system",
                "--create-home",
                "--shell",
                "/bin/sh",
                "--home-dir",
                home,
                name,
            ])
            .status();
        assert!(
            exists(),
            "useradd {name} failed (the gateway tests run as root)"
        );
    }
    must(
        Command::new("usermod").args(["-p", "*", name]),
        "usermod -p '*'",
    );
    std::fs::create_dir_all(home).expect("create the home");
    must(
        Command::new("chown").arg(format!("{name}:")).arg(home),
        "chown home",
    );
    std::fs::set_permissions(home, std::fs::Permissions::from_mode(0o700)).expect("chmod home");
}

/// The uid of `name`.
pub fn uid(name: &str) -> u32 {
    let out = must(Command::new("id").arg("-u").arg(name), "id -u");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("a uid")
}

pub fn gid(name: &str) -> u32 {
    let out = must(Command::new("id").arg("-g").arg(name), "id -g");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("a gid")
}

/// A copy of the test binary in a 0755 folder the service account can execute (the checkout
/// may sit in a root-only folder), named by its size and time so parallel runs share it.
fn install_binary() -> PathBuf {
    let src = PathBuf::from(env!("CARGO_BIN_EXE_cpni"));
    let m = std::fs::metadata(&src).expect("the cpni binary");
    let mtime = m
        .modified()
        .expect("mtime")
        .duration_since(std::time::UNIX_EPOCH)
        .expect("time");
    let name = format!("cpni-{}-{}", m.len(), mtime.as_nanos());
    std::fs::create_dir_all(BIN_DIR).expect("create the binary folder");
    std::fs::set_permissions(BIN_DIR, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let dest = Path::new(BIN_DIR).join(&name);
    if !dest.exists() {
        for old in std::fs::read_dir(BIN_DIR)
            .expect("read the binary folder")
            .flatten()
        {
            let _ = std::fs::remove_file(old.path());
        }
        let tmp = Path::new(BIN_DIR).join(format!(".{name}.{}", std::process::id()));
        std::fs::copy(&src, &tmp).expect("copy the binary");
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        std::fs::rename(&tmp, &dest).expect("install the binary");
    }
    dest
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

impl Gateway {
    /// Resets the service account, runs `cpni init --demo` as it, and starts sshd.
    pub fn start() -> Gateway {
        assert_eq!(
            unsafe { libc::geteuid() },
            0,
            "the gateway tests create a service account and start sshd: run them as root (CI does)"
        );
        let guard = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
        let lock = File::create("/run/cpni-svc-test.lock").expect("create the lock file");
        // SAFETY: flock on an open descriptor.
        assert_eq!(
            unsafe { libc::flock(std::os::fd::AsRawFd::as_raw_fd(&lock), libc::LOCK_EX) },
            0
        );
        ensure_user(SVC, SVC_HOME);
        ensure_user(AGENT_OS, "/var/lib/cpni-agent-test");
        let bin = install_binary();
        for d in [".ssh", ".config", ".local", ".cache"] {
            let _ = std::fs::remove_dir_all(Path::new(SVC_HOME).join(d));
        }
        let dir = tempfile::Builder::new()
            .prefix("cpni-gw-")
            .tempdir()
            .expect("tempdir");
        let port = free_port();
        let mut g = Gateway {
            dir,
            port,
            bin,
            sshd: Command::new("true").spawn().expect("true"),
            _lock: lock,
            _guard: guard,
        };
        let cfg = Path::new(SVC_HOME).join(".config/cpni");
        g.svc_shell(&format!(
            "mkdir -p {} && umask 077 && printf '%s' '{}' > {}/config.toml",
            cfg.display(),
            TEST_CONFIG,
            cfg.display()
        ));
        g.svc(&["init", "--demo"]).ok();
        g.sshd = g.start_sshd();
        g
    }

    fn start_sshd(&self) -> Child {
        std::fs::create_dir_all("/run/sshd").expect("mkdir /run/sshd");
        let host_key = self.dir.path().join("host_ed25519");
        must(
            Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", "", "-f"])
                .arg(&host_key),
            "ssh-keygen (host key)",
        );
        let config = format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {hk}\nPidFile {dir}/sshd.pid\n\
             UsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
             PubkeyAuthentication yes\nAuthorizedKeysFile .ssh/authorized_keys\nStrictModes yes\n\
             AllowUsers {SVC}\nPermitUserEnvironment no\n\
             AcceptEnv CPNI_* XDG_* LANG LC_* FOO TZ\n\
             Subsystem sftp internal-sftp\nLogLevel VERBOSE\n",
            port = self.port,
            hk = host_key.display(),
            dir = self.dir.path().display()
        );
        let cfg = self.dir.path().join("sshd_config");
        std::fs::write(&cfg, config).expect("write sshd_config");
        must(
            Command::new("/usr/sbin/sshd").arg("-t").arg("-f").arg(&cfg),
            "sshd -t",
        );
        let log = File::create(self.dir.path().join("sshd.log")).expect("sshd log");
        let child = Command::new("/usr/sbin/sshd")
            .arg("-D")
            .arg("-e")
            .arg("-f")
            .arg(&cfg)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start /usr/sbin/sshd (apt-get install openssh-server)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "sshd did not start:\n{}",
                self.sshd_log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        child
    }

    pub fn sshd_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("sshd.log")).unwrap_or_default()
    }

    /// The service account's database.
    pub fn db(&self) -> PathBuf {
        Path::new(SVC_HOME).join(".local/share/cpni/cpni.db")
    }

    pub fn sql(&self, q: &str) -> String {
        crate::util::sqlite3(&self.db(), q)
    }

    /// `cpni ARGS` run locally as the service account (its own shell, cron, an admin).
    pub fn svc_command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(&self.bin);
        cmd.args(args)
            .env_clear()
            .env("HOME", SVC_HOME)
            .env("PATH", "/usr/bin:/bin")
            .current_dir(SVC_HOME)
            .uid(uid(SVC))
            .gid(gid(SVC));
        cmd
    }

    pub fn svc(&self, args: &[&str]) -> Run {
        run_command(self.svc_command(args), None)
    }

    pub fn svc_stdin(&self, args: &[&str], stdin: &str) -> Run {
        run_command(self.svc_command(args), Some(stdin))
    }

    fn svc_shell(&self, script: &str) {
        let mut cmd = Command::new("/bin/sh");
        cmd.arg("-c")
            .arg(script)
            .env("HOME", SVC_HOME)
            .uid(uid(SVC))
            .gid(gid(SVC));
        must(&mut cmd, script);
    }

    /// A fresh ed25519 key pair named `name`.
    pub fn keygen(&self, name: &str) -> Key {
        let private = self.dir.path().join(name);
        must(
            Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", "", "-C"])
                .arg(format!("{name}@ws"))
                .arg("-f")
                .arg(&private),
            "ssh-keygen",
        );
        let public = std::fs::read_to_string(private.with_extension("pub")).expect("read .pub");
        Key { private, public }
    }

    /// Registers `login` with `role` and a new key (given on stdin); returns the key.
    pub fn add_agent(&self, login: &str, role: &str) -> Key {
        let key = self.keygen(login);
        self.svc_stdin(
            &["agent", "add", login, "--role", role, "--ssh-key-file", "-"],
            &key.public,
        )
        .ok();
        key
    }

    /// `ssh` with this test's options and `key` (no config files read), to the service account.
    pub fn ssh_command(&self, key: &Key, extra: &[&str]) -> Command {
        let mut cmd = Command::new("ssh");
        cmd.args([
            "-F",
            "none",
            "-o",
            "BatchMode=yes",
            "-o",
            "StrictHostKeyChecking=no",
        ])
        .args([
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "IdentitiesOnly=yes",
        ])
        .args([
            "-o",
            "LogLevel=ERROR",
            "-o",
            "ControlMaster=no",
            "-o",
            "ControlPath=none",
        ])
        .arg("-i")
        .arg(&key.private)
        .arg("-p")
        .arg(self.port.to_string())
        .args(extra)
        .arg("--") // no option parsing after the host: the remote line may start with --
        .arg(format!("{SVC}@127.0.0.1"))
        .env_remove("RUST_BACKTRACE");
        cmd
    }

    /// `ssh -T … 'REMOTE'`: the remote command line goes as one string, as a user types it.
    pub fn ssh(&self, key: &Key, remote: &str) -> Run {
        let mut cmd = self.ssh_command(key, &["-T"]);
        cmd.arg(remote);
        run_command(cmd, None)
    }

    pub fn ssh_stdin(&self, key: &Key, remote: &str, stdin: &str) -> Run {
        let mut cmd = self.ssh_command(key, &["-T"]);
        cmd.arg(remote);
        run_command(cmd, Some(stdin))
    }

    /// Row counts and the authorized_keys text: what a refused request must leave unchanged.
    pub fn state(&self) -> (String, String) {
        let counts = self.sql(
            "select (select count(*) from audit)||','||(select count(*) from session)||','||\
             (select count(*) from agent)||','||(select count(*) from agent_key);",
        );
        let keys = std::fs::read_to_string(Path::new(SVC_HOME).join(".ssh/authorized_keys"))
            .unwrap_or_default();
        (counts, keys)
    }
}

impl Drop for Gateway {
    fn drop(&mut self) {
        let _ = self.sshd.kill();
        let _ = self.sshd.wait();
    }
}
