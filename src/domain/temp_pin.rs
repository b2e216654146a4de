//! How long a temporary PIN (Lost PIN, 64.2010(e)) stays valid. It travels like a mailed code
//! (a letter or an email to an address of record) and lives as long: a temporary PIN set at T
//! is valid until T + `[codes] mail_code_days` (default 30), then never verifies, never lets a
//! new PIN be set, and no longer blocks a new Lost PIN. Pure: the time and the period come in as
//! arguments. An outstanding temporary PIN whose set time is missing or unreadable counts as
//! expired (fail closed: it can be replaced, never used).

use time::{Duration, OffsetDateTime};

/// The temporary PIN of an account as of one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TempPin {
    /// None is stored (never reset, or used to set a new PIN).
    None,
    /// Stored and usable until `expires_at` (exclusive).
    Valid { expires_at: OffsetDateTime },
    /// Stored but past its period (`expired_at`; None: its set time is unknown).
    Expired { expired_at: Option<OffsetDateTime> },
}

impl TempPin {
    /// Outstanding: stored and still valid (a new Lost PIN is refused while this holds).
    pub fn outstanding(self) -> bool {
        matches!(self, TempPin::Valid { .. })
    }
    /// The instant it stops (or stopped) being valid, when known.
    pub fn expires_at(self) -> Option<OffsetDateTime> {
        match self {
            TempPin::None => None,
            TempPin::Valid { expires_at } => Some(expires_at),
            TempPin::Expired { expired_at } => expired_at,
        }
    }
}

/// The instant a temporary PIN set at `set_at` stops being valid: `set_at + days`.
pub fn expires_at(set_at: OffsetDateTime, days: i64) -> OffsetDateTime {
    set_at.saturating_add(Duration::seconds(days.saturating_mul(86_400)))
}

/// The state of an account's temporary PIN at `now`: `stored` says a hash is on file, `set_at`
/// when it was set, `days` the validity period (`[codes] mail_code_days`). Expired from
/// `set_at + days` on, as a mailed code is from its `expires_at`.
pub fn status(
    stored: bool,
    set_at: Option<OffsetDateTime>,
    days: i64,
    now: OffsetDateTime,
) -> TempPin {
    if !stored {
        return TempPin::None;
    }
    match set_at.map(|t| expires_at(t, days)) {
        Some(end) if now < end => TempPin::Valid { expires_at: end },
        end => TempPin::Expired { expired_at: end },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const SET: OffsetDateTime = datetime!(2026-01-01 10:00:00 UTC);

    #[test]
    fn valid_until_the_last_instant_of_the_period() {
        let end = datetime!(2026-01-31 10:00:00 UTC);
        assert_eq!(
            status(true, Some(SET), 30, SET),
            TempPin::Valid { expires_at: end }
        );
        let just_before = end - Duration::milliseconds(1);
        assert!(status(true, Some(SET), 30, just_before).outstanding());
    }

    #[test]
    fn expired_from_set_plus_days_on() {
        let end = datetime!(2026-01-31 10:00:00 UTC);
        for now in [end, end + Duration::seconds(1), end + Duration::days(365)] {
            let s = status(true, Some(SET), 30, now);
            assert_eq!(
                s,
                TempPin::Expired {
                    expired_at: Some(end)
                }
            );
            assert!(!s.outstanding());
            assert_eq!(s.expires_at(), Some(end));
        }
    }

    #[test]
    fn the_period_is_the_setting() {
        let now = datetime!(2026-01-09 10:00:00 UTC);
        assert!(status(true, Some(SET), 30, now).outstanding());
        assert!(!status(true, Some(SET), 7, now).outstanding());
        assert!(status(true, Some(SET), 9, now).outstanding());
    }

    #[test]
    fn nothing_stored_is_none_whatever_the_time() {
        assert_eq!(status(false, Some(SET), 30, SET), TempPin::None);
        assert_eq!(status(false, None, 30, SET), TempPin::None);
        assert!(!TempPin::None.outstanding());
        assert_eq!(TempPin::None.expires_at(), None);
    }

    #[test]
    fn an_unknown_set_time_fails_closed() {
        let s = status(true, None, 30, SET);
        assert_eq!(s, TempPin::Expired { expired_at: None });
        assert!(!s.outstanding());
    }

    #[test]
    fn a_huge_period_saturates_instead_of_panicking() {
        assert!(status(true, Some(SET), i64::MAX, SET).outstanding());
    }
}
