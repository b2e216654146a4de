//! The digit patterns behind the PIN policy: whole-PIN repeats and runs, the blocklist of the
//! most common PINs, date shapes, and 4-digit windows shared with account data.

/// Most common PINs from published PIN-frequency studies, plus keypad patterns.
pub(super) const COMMON: &[&str] = &[
    // 4 digits: top 20 and keypad shapes.
    "1234", "1111", "0000", "1212", "7777", "1004", "2000", "4444", "2222", "6969", "9999", "3333",
    "5555", "6666", "1122", "1313", "8888", "4321", "2001", "1010", "2580", "0852", "1470", "0741",
    "3690", "0963", "1379", "1397", "7913", "1793", "2468", "1357", "8520", "0258", "7410", "9630",
    "1590", "7531", "1230", "5683", "0007", "1984", "1999", "2525",
    // 6 digits: top 30 and keypad shapes.
    "123456", "654321", "111111", "000000", "123123", "666666", "121212", "112233", "789456",
    "159753", "696969", "102030", "147258", "123654", "987654", "555555", "520520", "131313",
    "456789", "159357", "112358", "246810", "147852", "258369", "741852", "753951", "101010",
    "202020", "010203", "111222", "121314", "123321", "852456", "147369", "963852", "369258",
    "258456", "456123", "321654", "789123", "147963", "357159", "100200", "135790", "124578",
    "142536", "212121", "232323", "252525", "332211", "998877", "778899", "445566",
    // 8 digits.
    "12345678", "87654321", "11223344", "12341234", "14725836", "12121212", "11112222",
];

/// All one digit, or the whole PIN is a block of 1–3 digits repeated at least twice.
pub(super) fn is_repeated(d: &[u8]) -> bool {
    (1..=3).any(|k| k < d.len() && d.len().is_multiple_of(k) && d.chunks(k).all(|c| c == &d[..k]))
}

/// Every step +1, or every step −1, wrapping mod 10 (890123, 3210987).
pub(super) fn is_sequence(d: &[u8]) -> bool {
    if d.len() < 2 {
        return false;
    }
    let step = |w: &[u8]| (10 + w[1] - w[0]) % 10;
    let first = step(&d[..2]);
    (first == 1 || first == 9) && d.windows(2).all(|w| step(w) == first)
}

fn num(d: &[u8]) -> u32 {
    d.iter().fold(0, |acc, b| acc * 10 + u32::from(b - b'0'))
}

fn is_year(d: &[u8]) -> bool {
    (1900..=2099).contains(&num(d))
}

/// Month 1–12 and a day that month can have (29 allowed in February).
fn is_month_day(month: u32, day: u32) -> bool {
    let max = match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return false,
    };
    (1..=max).contains(&day)
}

/// 4 digits: a year 1900–2099; 6: MMDDYY or DDMMYY; 8: YYYYMMDD, MMDDYYYY or DDMMYYYY.
pub(super) fn looks_like_date(d: &[u8]) -> bool {
    match d.len() {
        4 => is_year(d),
        6 => {
            let (a, b) = (num(&d[0..2]), num(&d[2..4]));
            is_month_day(a, b) || is_month_day(b, a)
        }
        8 => {
            let ymd = is_year(&d[..4]) && is_month_day(num(&d[4..6]), num(&d[6..8]));
            let (a, b) = (num(&d[0..2]), num(&d[2..4]));
            let tail_year = is_year(&d[4..]) && (is_month_day(a, b) || is_month_day(b, a));
            ymd || tail_year
        }
        _ => false,
    }
}

/// True when any 4-digit window of `pin` occurs inside a run of 4+ ASCII digits of `source`.
pub(super) fn shares_four_digits(pin: &[u8], source: &str) -> bool {
    let runs: Vec<&[u8]> = source
        .as_bytes()
        .split(|b| !b.is_ascii_digit())
        .filter(|r| r.len() >= 4)
        .collect();
    pin.windows(4)
        .any(|w| runs.iter().any(|r| r.windows(4).any(|rw| rw == w)))
}

/// One of the most common PINs.
pub(super) fn is_common(d: &[u8]) -> bool {
    COMMON.iter().any(|c| c.as_bytes() == d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn repeat_and_run_edges() {
        assert!(!is_repeated(b""));
        assert!(!is_repeated(b"4"));
        assert!(is_repeated(b"44"));
        assert!(is_repeated(b"454545"));
        assert!(!is_repeated(b"45454"));
        assert!(!is_repeated(b"12341234"), "blocks of 4 are not in the rule");
        assert!(!is_sequence(b""));
        assert!(!is_sequence(b"5"));
        assert!(is_sequence(b"90"));
        assert!(is_sequence(b"09"));
        assert!(!is_sequence(b"00"));
        assert!(!is_sequence(b"1235"));
    }

    #[test]
    fn date_shapes() {
        for ok in [
            "1900", "2099", "010100", "311299", "290200", "19000101", "20991231", "12312099",
            "31122099",
        ] {
            assert!(looks_like_date(ok.as_bytes()), "{ok}");
        }
        for no in [
            "1899", "2100", "000100", "320199", "313199", "310499", "300299", "18991231",
            "19001301", "13132000", "01012100", "12345", "1234567",
        ] {
            assert!(!looks_like_date(no.as_bytes()), "{no}");
        }
    }

    #[test]
    fn blocklist_has_no_duplicates_and_only_digits() {
        let mut seen = std::collections::HashSet::new();
        for c in COMMON {
            assert!(seen.insert(c), "duplicate {c}");
            assert!(c.bytes().all(|b| b.is_ascii_digit()) && c.len() >= 4, "{c}");
        }
        assert!(COMMON.iter().filter(|c| c.len() == 4).count() >= 20);
        assert!(COMMON.iter().filter(|c| c.len() == 6).count() >= 30);
    }

    #[test]
    fn shared_windows() {
        assert!(shares_four_digits(b"991234", "abc1234"));
        assert!(!shares_four_digits(b"991234", "123-4"));
        assert!(!shares_four_digits(b"123", "123"));
        assert!(!shares_four_digits(b"1234", ""));
        assert!(!shares_four_digits(b"1234", "١٢٣٤"));
    }

    proptest! {
        #[test]
        fn never_panic(d in "[0-9]{0,20}", src in any::<String>()) {
            let d = d.as_bytes();
            let _ = (is_repeated(d), is_sequence(d), looks_like_date(d), is_common(d));
            let _ = shares_four_digits(d, &src);
        }

        #[test]
        fn every_window_is_found_in_its_source(src in "[0-9]{4,15}", at in 0usize..12) {
            let at = at.min(src.len() - 4);
            prop_assert!(shares_four_digits(&src.as_bytes()[at..at + 4], &src));
        }
    }
}
