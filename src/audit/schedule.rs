//! When an automatic checkpoint is due (`[checkpoint] every_records`, `every_minutes`): a pure
//! rule over the tail after the newest stored checkpoint, used after each write and by
//! `audit verify` (a tail longer than the schedule allows was never signed).

use crate::config::CheckpointSection;

/// The unsigned tail: records after the newest checkpoint, and minutes from that checkpoint
/// to the newest record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tail {
    pub records: i64,
    pub minutes: i64,
}

/// Whether a checkpoint is due now.
pub fn due(cfg: &CheckpointSection, tail: Tail) -> bool {
    if tail.records <= 0 {
        return false;
    }
    cfg.every_records.is_some_and(|n| tail.records >= n)
        || cfg.every_minutes.is_some_and(|m| tail.minutes >= m)
}

/// Whether `tail` is longer than the schedule could leave between two commands: more than
/// `every_records` records, or records more than `every_minutes` + 1 minutes after the newest
/// checkpoint. `audit verify` fails then: those records were never signed.
pub fn overdue(cfg: &CheckpointSection, tail: Tail) -> Option<String> {
    if let Some(n) = cfg.every_records.filter(|n| tail.records > *n) {
        return Some(format!(
            "{} record{} the newest signed checkpoint, but [checkpoint] every_records = {n}",
            tail.records,
            if tail.records == 1 {
                " follows"
            } else {
                "s follow"
            }
        ));
    }
    if let Some(m) = cfg
        .every_minutes
        .filter(|m| tail.records > 0 && tail.minutes > m + 1)
    {
        return Some(format!(
            "records {} minutes after the newest signed checkpoint were never signed, but [checkpoint] every_minutes = {m}",
            tail.minutes
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_and_overdue() {
        let cfg = CheckpointSection {
            every_records: Some(3),
            every_minutes: Some(10),
            command: None,
        };
        let t = |records, minutes| Tail { records, minutes };
        assert!(!due(&cfg, t(0, 100)));
        assert!(!due(&cfg, t(2, 9)));
        assert!(due(&cfg, t(3, 0)));
        assert!(due(&cfg, t(1, 10)));
        assert!(overdue(&cfg, t(3, 0)).is_none());
        assert!(overdue(&cfg, t(4, 0)).is_some());
        assert!(overdue(&cfg, t(1, 12)).is_some());
        assert!(overdue(&CheckpointSection::default(), t(1000, 1000)).is_none());
    }
}
