//! The account lockout state machine for secret-based verification (PIN, emailed or mailed
//! codes, backup secret): consecutive failures across sessions and agents, escalating lock
//! durations, supervisor unlock, and the per-session attempt budget.
//!
//! ```text
//!                 Failure (n+1 < 5)
//!                 +----------+
//!                 v          |
//!   +-------------------------------+   Failure (n+1 = 5): level += 1,     +------------------------+
//!   | OPEN                          |   locked_until = now + 15min*2^(l-1)  | LOCKED                 |
//!   | consecutive_failures = n < 5  | ------------------------------------> | until t (capped 24 h)  |
//!   | lock_level = l (kept)         |                                       | Failure: n += 1,       |
//!   +-------------------------------+ <------------------------------------ |   lock not extended    |
//!        ^   ^        |                 time passes (now >= t), or Unlock:  +------------------------+
//!        |   |        | Success           n = 0, level kept                     |
//!        |   +--------+ n = 0, level = 0, unlocked                            | Success: n = 0,
//!        +--------------------------------------------------------------------+ level = 0, unlocked
//! ```
//!
//! Callers refuse secret-based methods while [`locked_until`] returns `Some`; callback and
//! sending to an address of record stay available, so a lock never denies service.

use time::{Duration, OffsetDateTime};

/// Wrong secrets allowed in one session before its secret attempts end.
pub const SESSION_SECRET_ATTEMPTS: u32 = 3;
/// Consecutive wrong secrets on an account (across sessions) that lock it.
pub const ACCOUNT_FAILURE_THRESHOLD: u32 = 5;
/// Duration of the first lock; each further lock doubles it.
pub const BASE_LOCK: Duration = Duration::minutes(15);
/// Longest lock.
pub const MAX_LOCK: Duration = Duration::hours(24);

/// Persistent lockout state of one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LockState {
    pub consecutive_failures: u32,
    pub lock_level: u32,
    pub locked_until: Option<OffsetDateTime>,
}

/// What happened on the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockEvent {
    /// A wrong PIN, code or backup secret.
    Failure,
    /// A correct secret.
    Success,
    /// A supervisor lifted the lock (with a reason recorded elsewhere).
    Unlock,
}

/// Result of applying an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub state: LockState,
    /// Set only when this event created a new lock.
    pub newly_locked_until: Option<OffsetDateTime>,
}

/// Lock length at `level`: 0 -> zero, 1 -> 15 min, 2 -> 30 min, 3 -> 60 min, … capped at 24 h.
pub fn lock_duration(level: u32) -> Duration {
    if level == 0 {
        return Duration::ZERO;
    }
    // 15 min * 2^7 = 32 h already exceeds the cap, so larger shifts are never needed.
    let shift = (level - 1).min(7);
    let d = BASE_LOCK * (1i32 << shift);
    d.min(MAX_LOCK)
}

/// `Some(t)` when the account is locked at `now` (that is, `t > now`).
pub fn locked_until(state: &LockState, now: OffsetDateTime) -> Option<OffsetDateTime> {
    state.locked_until.filter(|t| *t > now)
}

/// Applies `event` at `now`.
pub fn apply(state: LockState, event: LockEvent, now: OffsetDateTime) -> Transition {
    match event {
        LockEvent::Failure => failure(state, now),
        LockEvent::Success => unchanged_lock(LockState::default()),
        LockEvent::Unlock => unchanged_lock(LockState {
            consecutive_failures: 0,
            lock_level: state.lock_level,
            locked_until: None,
        }),
    }
}

fn unchanged_lock(state: LockState) -> Transition {
    Transition {
        state,
        newly_locked_until: None,
    }
}

fn failure(state: LockState, now: OffsetDateTime) -> Transition {
    let failures = state.consecutive_failures.saturating_add(1);
    if locked_until(&state, now).is_some() || failures < ACCOUNT_FAILURE_THRESHOLD {
        // Counted, but a failure while locked never extends the lock.
        return unchanged_lock(LockState {
            consecutive_failures: failures,
            ..state
        });
    }
    let level = state.lock_level.saturating_add(1);
    let until = now.saturating_add(lock_duration(level));
    Transition {
        state: LockState {
            consecutive_failures: 0,
            lock_level: level,
            locked_until: Some(until),
        },
        newly_locked_until: Some(until),
    }
}

/// Secret attempts left in a session after `session_failures` wrong ones.
pub fn session_attempts_left(session_failures: u32) -> u32 {
    SESSION_SECRET_ATTEMPTS.saturating_sub(session_failures)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::datetime;

    const T0: OffsetDateTime = datetime!(2025-06-01 09:00 UTC);

    fn fail_n(
        mut s: LockState,
        n: u32,
        now: OffsetDateTime,
    ) -> (LockState, Option<OffsetDateTime>) {
        let mut last = None;
        for _ in 0..n {
            let t = apply(s, LockEvent::Failure, now);
            s = t.state;
            last = t.newly_locked_until.or(last);
        }
        (s, last)
    }

    #[test]
    fn durations_double_and_cap() {
        assert_eq!(lock_duration(0), Duration::ZERO);
        assert_eq!(lock_duration(1), Duration::minutes(15));
        assert_eq!(lock_duration(2), Duration::minutes(30));
        assert_eq!(lock_duration(3), Duration::minutes(60));
        assert_eq!(lock_duration(4), Duration::minutes(120));
        assert_eq!(lock_duration(5), Duration::minutes(240));
        assert_eq!(lock_duration(6), Duration::minutes(480));
        assert_eq!(lock_duration(7), Duration::minutes(960));
        assert_eq!(lock_duration(8), MAX_LOCK);
        assert_eq!(lock_duration(9), MAX_LOCK);
        assert_eq!(lock_duration(u32::MAX), MAX_LOCK);
    }

    #[test]
    fn four_failures_do_not_lock_fifth_does() {
        let (s, newly) = fail_n(LockState::default(), 4, T0);
        assert_eq!(s.consecutive_failures, 4);
        assert_eq!(newly, None);
        assert_eq!(locked_until(&s, T0), None);
        let t = apply(s, LockEvent::Failure, T0);
        let until = T0 + Duration::minutes(15);
        assert_eq!(t.newly_locked_until, Some(until));
        assert_eq!(
            t.state,
            LockState {
                consecutive_failures: 0,
                lock_level: 1,
                locked_until: Some(until)
            }
        );
        assert_eq!(locked_until(&t.state, T0), Some(until));
    }

    #[test]
    fn lock_ends_exactly_at_locked_until() {
        let (s, _) = fail_n(LockState::default(), 5, T0);
        let until = T0 + Duration::minutes(15);
        assert_eq!(
            locked_until(&s, until - Duration::nanoseconds(1)),
            Some(until)
        );
        assert_eq!(locked_until(&s, until), None);
        assert_eq!(locked_until(&s, until + Duration::hours(1)), None);
    }

    #[test]
    fn failure_while_locked_counts_without_extending() {
        let (s, _) = fail_n(LockState::default(), 5, T0);
        let later = T0 + Duration::minutes(5);
        let (s2, newly) = fail_n(s, 7, later);
        assert_eq!(newly, None);
        assert_eq!(s2.locked_until, s.locked_until);
        assert_eq!(s2.lock_level, 1);
        assert_eq!(s2.consecutive_failures, 7);
    }

    #[test]
    fn second_lock_is_longer() {
        let (s, _) = fail_n(LockState::default(), 5, T0);
        let after = T0 + Duration::minutes(15);
        let (s, newly) = fail_n(s, 5, after);
        assert_eq!(newly, Some(after + Duration::minutes(30)));
        assert_eq!(s.lock_level, 2);
    }

    #[test]
    fn success_resets_everything() {
        let (s, _) = fail_n(LockState::default(), 5, T0);
        let t = apply(s, LockEvent::Success, T0 + Duration::hours(1));
        assert_eq!(t.state, LockState::default());
        assert_eq!(t.newly_locked_until, None);
        let (s, _) = fail_n(LockState::default(), 3, T0);
        assert_eq!(apply(s, LockEvent::Success, T0).state, LockState::default());
    }

    #[test]
    fn unlock_keeps_level_so_next_lock_is_longer() {
        let (s, _) = fail_n(LockState::default(), 5, T0);
        let (s, _) = fail_n(s, 2, T0);
        let t = apply(s, LockEvent::Unlock, T0 + Duration::minutes(1));
        assert_eq!(
            t.state,
            LockState {
                consecutive_failures: 0,
                lock_level: 1,
                locked_until: None
            }
        );
        assert_eq!(t.newly_locked_until, None);
        assert_eq!(locked_until(&t.state, T0), None);
        let now = T0 + Duration::minutes(2);
        let (s, newly) = fail_n(t.state, 5, now);
        assert_eq!(newly, Some(now + Duration::minutes(30)));
        assert_eq!(s.lock_level, 2);
    }

    #[test]
    fn unlock_on_open_account_is_harmless() {
        let t = apply(LockState::default(), LockEvent::Unlock, T0);
        assert_eq!(t.state, LockState::default());
    }

    #[test]
    fn failures_counted_while_locked_relock_after_expiry() {
        let (s, _) = fail_n(LockState::default(), 5, T0);
        let (s, _) = fail_n(s, 4, T0);
        let after = T0 + Duration::minutes(15);
        let t = apply(s, LockEvent::Failure, after);
        assert_eq!(t.newly_locked_until, Some(after + Duration::minutes(30)));
    }

    #[test]
    fn session_budget() {
        assert_eq!(session_attempts_left(0), 3);
        assert_eq!(session_attempts_left(1), 2);
        assert_eq!(session_attempts_left(2), 1);
        assert_eq!(session_attempts_left(3), 0);
        assert_eq!(session_attempts_left(4), 0);
        assert_eq!(session_attempts_left(u32::MAX), 0);
    }

    #[test]
    fn saturates_at_extremes() {
        let s = LockState {
            consecutive_failures: u32::MAX,
            lock_level: u32::MAX,
            locked_until: None,
        };
        let t = apply(s, LockEvent::Failure, T0);
        assert_eq!(t.state.lock_level, u32::MAX);
        assert_eq!(t.newly_locked_until, Some(T0 + MAX_LOCK));
    }

    fn event() -> impl Strategy<Value = LockEvent> {
        prop_oneof![
            Just(LockEvent::Failure),
            Just(LockEvent::Success),
            Just(LockEvent::Unlock)
        ]
    }

    proptest! {
        #[test]
        fn invariants_hold(events in proptest::collection::vec((event(), 0i64..120), 0..60)) {
            let mut s = LockState::default();
            let mut now = T0;
            for (e, step) in events {
                now += Duration::minutes(step);
                let was_locked = locked_until(&s, now);
                let t = apply(s, e, now);
                if let Some(until) = t.newly_locked_until {
                    prop_assert!(was_locked.is_none());
                    prop_assert!(until > now && until <= now + MAX_LOCK);
                    prop_assert_eq!(t.state.locked_until, Some(until));
                }
                if was_locked.is_some() && e == LockEvent::Failure {
                    prop_assert_eq!(t.state.locked_until, s.locked_until);
                }
                if was_locked.is_none() {
                    prop_assert!(t.state.consecutive_failures < ACCOUNT_FAILURE_THRESHOLD);
                }
                if e == LockEvent::Success {
                    prop_assert_eq!(t.state, LockState::default());
                }
                s = t.state;
            }
        }
    }
}
