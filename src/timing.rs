//! Phase timings for `--debug-timings` (issue 14): the moments a step passes through (command
//! line parsed, config read, database open, agent resolved, written, …) are marked here and
//! printed on stderr at exit as `cpni-timing phases NAME=µs …`, each the time since the
//! previous mark, so a slow step can be taken apart without a profiler. Marks cost one relaxed
//! atomic load when the flag is off.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

static ON: AtomicBool = AtomicBool::new(false);
static MARKS: Mutex<Vec<(&'static str, Instant)>> = Mutex::new(Vec::new());

/// Starts recording, with `start` as the first moment (taken at the top of `main`).
pub fn enable(start: Instant) {
    ON.store(true, Ordering::Relaxed);
    if let Ok(mut m) = MARKS.lock() {
        m.push(("start", start));
    }
}

/// Marks the end of phase `name` (nothing unless [`enable`] was called).
pub fn mark(name: &'static str) {
    if !ON.load(Ordering::Relaxed) {
        return;
    }
    if let Ok(mut m) = MARKS.lock() {
        m.push((name, Instant::now()));
    }
}

/// The recorded phases as one line, `phases a=12 b=340 … total=1234` (µs), or `None` when
/// timings are off.
pub fn report() -> Option<String> {
    if !ON.load(Ordering::Relaxed) {
        return None;
    }
    let m = MARKS.lock().ok()?;
    let first = m.first()?.1;
    let mut line = String::from("phases");
    for w in m.windows(2) {
        let us = w[1].1.duration_since(w[0].1).as_micros();
        line.push_str(&format!(" {}={us}", w[1].0));
    }
    let total = m.last()?.1.duration_since(first).as_micros();
    line.push_str(&format!(" total={total}"));
    Some(line)
}
