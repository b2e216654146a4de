//! A closed terminal window or a dropped ssh connection during the wizard, as it really
//! happens: the pseudo-terminal's master side is closed while cpni waits at a menu. The kernel
//! then hangs the terminal up (SIGHUP to cpni, and every read or write on it fails), and the two
//! race. Whichever cpni notices first, the session ends as abandoned, once, and cpni exits 130.
//! (expectrl keeps copies of the master open, so the terminal here is opened by hand.)

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::calls::ADA;
use crate::util::Env;

/// A new pseudo-terminal of 120x40: (master, slave), both close-on-exec, so no other child
/// (tests run in parallel) keeps the master open and the close in the test is the last.
fn open_pty() -> (File, File) {
    // SAFETY: plain libc calls on descriptors this function owns; each result is checked.
    unsafe {
        let m = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC);
        assert!(m >= 0, "posix_openpt: {}", std::io::Error::last_os_error());
        assert_eq!(libc::grantpt(m), 0, "grantpt");
        assert_eq!(libc::unlockpt(m), 0, "unlockpt");
        let mut name = [0 as libc::c_char; 128];
        assert_eq!(
            libc::ptsname_r(m, name.as_mut_ptr(), name.len()),
            0,
            "ptsname_r"
        );
        let s = libc::open(
            name.as_ptr(),
            libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
        );
        assert!(
            s >= 0,
            "open the slave: {}",
            std::io::Error::last_os_error()
        );
        let size = libc::winsize {
            ws_row: 40,
            ws_col: 120,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        assert_eq!(libc::ioctl(m, libc::TIOCSWINSZ, &size), 0, "TIOCSWINSZ");
        (File::from_raw_fd(m), File::from_raw_fd(s))
    }
}

/// `cpni verify ADA` with the terminal as its controlling terminal (a session of its own, as
/// a login shell's job would be), and the master to read it from.
fn spawn_on_pty(env: &Env) -> (Child, File) {
    let (master, slave) = open_pty();
    let mut cmd = env.command(&["verify", ADA]);
    cmd.env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .stdin(Stdio::from(slave.try_clone().expect("dup the slave")))
        .stdout(Stdio::from(slave.try_clone().expect("dup the slave")))
        .stderr(Stdio::from(slave));
    // SAFETY: setsid and ioctl are async-signal-safe; fd 0 is the slave after the dup2s.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let child = cmd.spawn().expect("spawn cpni on a pty");
    drop(cmd); // the parent's copies of the slave
    (child, master)
}

/// Reads the master until `needle` has been written; returns everything read.
fn read_until(master: &mut File, needle: &str, child: &mut Child) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let text = String::from_utf8_lossy(&seen).into_owned();
        if text.contains(needle) {
            return text;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("waiting for {needle:?}; the terminal so far:\n{text}");
        }
        let mut pfd = libc::pollfd {
            fd: master.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: poll on one descriptor we own.
        if unsafe { libc::poll(&mut pfd, 1, 200) } > 0 {
            match master.read(&mut buf) {
                Ok(n) if n > 0 => seen.extend_from_slice(&buf[..n]),
                _ => {
                    let _ = child.kill();
                    panic!("the terminal closed before {needle:?}:\n{text}");
                }
            }
        }
    }
}

/// Waits for cpni to exit (killing it after 30 s); its exit code.
fn exit_code(child: &mut Child) -> i32 {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(status) = child.try_wait().expect("wait for cpni") {
            return status
                .code()
                .unwrap_or_else(|| panic!("cpni ended by a signal: {status:?}"));
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("cpni still running 30 s after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_closed_terminal_at_a_menu_abandons_the_session_and_exits_130_every_time() {
    // The race between the SIGHUP handler and the failing terminal I/O went the wrong way in
    // 7 of 8 runs before: exit 5, and often the session left open. Ten runs, every one checked.
    // Runs 11 to 14 close it at the hidden PIN prompt instead (the same key reader).
    let env = Env::initialised(true);
    for run in 1..=14 {
        let (mut child, mut master) = spawn_on_pty(&env);
        read_until(
            &mut master,
            "What does the caller want to discuss?",
            &mut child,
        );
        if run > 10 {
            master.write_all(b"1").expect("type 1");
            read_until(&mut master, "How will you verify the caller?", &mut child);
            master.write_all(b"1").expect("type 1");
            read_until(&mut master, "? PIN: ", &mut child);
        }
        drop(master); // the window closes, the ssh connection drops
        let code = exit_code(&mut child);
        // This run's session (the newest row) and every event recorded for it.
        let session = env.sql("select id from session order by started_at desc, id desc limit 1;");
        let row = env.sql(&format!(
            "select count(ended_at), coalesce(max(end_reason), '-') from session \
             where id = '{session}';"
        ));
        let events = env.sql(&format!(
            "select group_concat(event, ' ') from (select event from audit \
             where session = '{session}' order by seq) t;"
        ));
        assert_eq!(
            (code, row.as_str(), events.as_str()),
            (130, "1|abandoned", "session.start session.abandoned"),
            "run {run} ({session}): exit code, session row, its events"
        );
        assert_eq!(env.sql("select count(*) from session;"), run.to_string());
    }
}
