//! Property tests for the parsers that read untrusted text and are not covered beside their
//! code: the config file, the CSV import, and the dates and times of `clock`. (Phone, email and
//! postal address have their proptests in `src/domain/contact*` and `src/mail/address.rs`.)
//!
//! Each property runs on arbitrary and on hostile input (control characters, escapes, bidi
//! overrides, formula prefixes, invalid UTF-8) and must never panic; what is accepted must be
//! clean and stable, what is refused must say where.

use std::path::Path;

use cpni::clock;
use cpni::commands::customer::import::parse_csv;
use cpni::config::Config;
use proptest::prelude::*;
use time::OffsetDateTime;
use time::macros::datetime;

const NOW: OffsetDateTime = datetime!(2026-03-06 12:00:00 UTC);

fn cfg() -> Config {
    Config::from_text("", Path::new("/nonexistent/cpni.db")).expect("the empty config is valid")
}

/// Characters that must never reach storage or a terminal unescaped.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        Just('\u{1b}'),
        Just('\u{7}'),
        Just('\u{0}'),
        Just('\r'),
        Just('\u{85}'),
        Just('\u{9b}'),
        Just('\u{202e}'),
        Just('\u{2066}'),
        Just('\u{200f}'),
        Just('\u{7f}'),
    ]
}

fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

// ------------------------------------------------------------------------ config

/// Known keys with values of any TOML type, in any order and combination.
fn config_doc() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        "\\PC{0,20}".prop_map(|s| format!("{s:?}")),
        any::<bool>().prop_map(|b| b.to_string()),
        prop::collection::vec("[a-z]{0,6}", 0..3).prop_map(|v| format!("{v:?}")),
        Just("1.5".to_string()),
        Just("2026-03-06".to_string()),
    ];
    let key = prop_oneof![
        Just(("pin", "min_length")),
        Just(("phone", "default_country")),
        Just(("session", "idle_minutes")),
        Just(("codes", "mail_code_days")),
        Just(("secrets", "argon2")),
        Just(("mail", "transport")),
        Just(("mail", "from")),
        Just(("mail.smtp", "host")),
        Just(("mail.smtp", "port")),
        Just(("mail.smtp", "tls")),
        Just(("mail.smtp", "timeout_secs")),
        Just(("callback", "dial_command")),
        Just(("notify", "sms_command")),
        Just(("breach", "rule")),
        Just(("breach", "holidays")),
        Just(("nonsense", "key")),
    ];
    prop::collection::vec((key, value), 0..6).prop_map(|pairs| {
        let mut by_section: Vec<(&str, Vec<String>)> = Vec::new();
        for ((section, k), v) in pairs {
            let line = format!("{k} = {v}");
            match by_section.iter_mut().find(|(s, _)| *s == section) {
                Some((_, lines)) if !lines.iter().any(|l| l.starts_with(&format!("{k} ="))) => {
                    lines.push(line)
                }
                Some(_) => {}
                None => by_section.push((section, vec![line])),
            }
        }
        by_section
            .into_iter()
            .map(|(s, lines)| format!("[{s}]\n{}\n", lines.join("\n")))
            .collect()
    })
}

proptest! {
    #[test]
    fn config_text_never_panics(text in "\\PC{0,200}") {
        let _ = Config::from_text(&text, Path::new("/x.db"));
    }

    #[test]
    fn config_documents_are_accepted_or_refused_with_the_place_named(doc in config_doc()) {
        match Config::from_text(&doc, Path::new("/x.db")) {
            Ok(c) => {
                prop_assert!((4..=15).contains(&c.pin_min_len));
                prop_assert!(c.idle_minutes > 0 && c.mail_code_days > 0);
                prop_assert_eq!(c.default_country.len(), 2);
            }
            Err(e) => {
                prop_assert_eq!(e.exit_code(), 2);
                prop_assert!(!e.message.is_empty());
                prop_assert!(e.hint.is_some());
            }
        }
    }

    #[test]
    fn pin_min_length_is_accepted_exactly_from_4_to_15(n in any::<i64>()) {
        let r = Config::from_text(&format!("[pin]\nmin_length = {n}\n"), Path::new("/x.db"));
        prop_assert_eq!(r.is_ok(), (4..=15).contains(&n), "{}", n);
        if let Err(e) = r {
            prop_assert!(e.message.contains("min_length"), "{}", e.message);
        }
    }

    #[test]
    fn hostile_strings_in_config_values_never_panic(
        pre in "\\PC{0,10}", c in hostile_char(), post in "\\PC{0,10}",
        key in prop::sample::select(vec!["[mail]\nfrom", "[phone]\ndefault_country",
                                         "[mail]\ntransport", "[secrets]\nargon2"]),
    ) {
        let value = format!("{pre}{c}{post}");
        let doc = format!("{key} = {}\n", toml_string(&value));
        let _ = Config::from_text(&doc, Path::new("/x.db"));
    }
}

/// A TOML basic string with every non-printable character escaped.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ------------------------------------------------------------------------ CSV import

const HEADER: &str = "account,name,phone,email,street,city,region,postal_code,country\n";

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn row(account: &str, name: &str) -> String {
    format!(
        "{},{},+1 202 555 0199,ada@example.com,7 Elm Street,Arlington,VA,22201,US\n",
        csv_field(account),
        csv_field(name)
    )
}

proptest! {
    #[test]
    fn import_never_panics_on_arbitrary_bytes(data in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_csv(&cfg(), data.as_slice(), Path::new("f.csv"), NOW);
    }

    #[test]
    fn import_never_panics_after_a_valid_header(body in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut data = HEADER.as_bytes().to_vec();
        data.extend(body);
        if let Ok((ok, errors)) = parse_csv(&cfg(), data.as_slice(), Path::new("f.csv"), NOW) {
            for e in &errors {
                prop_assert!(e.line >= 2, "a row error on line {}", e.line);
                prop_assert!(!e.error.field.is_empty());
            }
            for (line, _) in &ok {
                prop_assert!(*line >= 2);
            }
        }
    }

    #[test]
    fn imported_names_are_clean_or_the_row_is_refused_naming_the_field(
        pre in "\\PC{0,20}", c in hostile_char(), post in "\\PC{0,20}",
    ) {
        let name = format!("{pre}{c}{post}");
        let data = format!("{HEADER}{}", row("ACC-1", &name));
        let (ok, errors) = parse_csv(&cfg(), data.as_bytes(), Path::new("f.csv"), NOW)
            .expect("the header is valid");
        prop_assert_eq!(ok.len() + errors.len(), 1);
        for (_, customer) in &ok {
            prop_assert!(!customer.name.chars().any(is_unsafe), "{:?}", customer.name);
        }
        for e in &errors {
            prop_assert_eq!(e.line, 2);
            prop_assert_eq!(e.error.field.as_str(), "name");
        }
    }

    #[test]
    fn valid_rows_import_as_given(accounts in prop::collection::btree_set("[A-Z]{1,4}-[0-9]{1,6}", 1..20),
                                  name in "[A-Za-z][A-Za-z .'-]{0,30}[A-Za-z]") {
        let mut data = HEADER.to_string();
        for a in &accounts {
            data.push_str(&row(a, &name));
        }
        let (ok, errors) = parse_csv(&cfg(), data.as_bytes(), Path::new("f.csv"), NOW)
            .expect("the header is valid");
        prop_assert!(errors.is_empty(), "{:?}", errors);
        let got: Vec<&str> = ok.iter().map(|(_, c)| c.account.as_str()).collect();
        let want: Vec<&str> = accounts.iter().map(String::as_str).collect();
        prop_assert_eq!(got, want);
        let lines: Vec<u64> = ok.iter().map(|(l, _)| *l).collect();
        prop_assert_eq!(lines, (2..2 + accounts.len() as u64).collect::<Vec<_>>());
    }

    #[test]
    fn a_row_with_invalid_utf8_is_refused_with_its_line(k in 0usize..5, byte in 0x80u8..=0xbf) {
        let mut data = HEADER.as_bytes().to_vec();
        for i in 0..5 {
            let mut r = row(&format!("A-{i}"), "Ada Lovelace").into_bytes();
            if i == k {
                // A lone continuation byte inside the name: never valid UTF-8.
                let at = r.windows(3).position(|w| w == b"Ada").expect("the name") + 1;
                r.insert(at, byte);
            }
            data.extend(r);
        }
        let (ok, errors) = parse_csv(&cfg(), data.as_slice(), Path::new("f.csv"), NOW)
            .expect("the header is valid");
        prop_assert_eq!(ok.len(), 4);
        prop_assert_eq!(errors.len(), 1);
        prop_assert_eq!(errors[0].line, k as u64 + 2);
        prop_assert!(errors[0].error.message.contains("UTF-8"), "{}", errors[0].error.message);
    }
}

// ------------------------------------------------------------------------ dates and times

fn any_time() -> impl Strategy<Value = OffsetDateTime> {
    // Years 1-9999: the range the stored format can hold.
    (
        -62_135_596_800i64..253_402_300_799i64,
        0u16..1000,
        -86_399i32..86_400,
    )
        .prop_map(|(secs, ms, off)| {
            let t = OffsetDateTime::from_unix_timestamp(secs).expect("in range")
                + time::Duration::milliseconds(ms.into());
            let off = time::UtcOffset::from_whole_seconds(off / 60 * 60).expect("offset");
            t.to_offset(off)
        })
        .prop_filter("stays within years 1-9999 in its offset", |t| {
            (1..=9999).contains(&t.year())
        })
}

proptest! {
    #[test]
    fn clock_parsers_never_panic(s in "\\PC{0,40}") {
        let _ = clock::parse(&s);
        let _ = clock::parse_bound(&s);
        let _ = clock::parse_date(&s);
        let _ = clock::given_date(&s);
    }

    #[test]
    fn stored_times_round_trip_and_sort_as_text(a in any_time(), b in any_time()) {
        let (fa, fb) = (clock::format(a), clock::format(b));
        prop_assert_eq!(clock::parse(&fa), Some(a));
        prop_assert_eq!(clock::parse_bound(&fa), Some(a));
        prop_assert_eq!(fa.len(), 24);
        prop_assert_eq!(fa.cmp(&fb), a.cmp(&b), "{} vs {}", fa, fb);
    }

    #[test]
    fn plain_dates_parse_to_midnight_utc(t in any_time()) {
        let d = clock::date(t);
        let date = clock::parse_date(&d).expect("a formatted date parses");
        prop_assert_eq!(date, t.to_offset(time::UtcOffset::UTC).date());
        prop_assert_eq!(clock::given_date(&d), Some(date));
        prop_assert_eq!(clock::parse_bound(&d), Some(date.midnight().assume_utc()));
    }

    #[test]
    fn a_given_time_keeps_its_own_calendar_date(t in any_time()) {
        let text = t.format(&time::format_description::well_known::Rfc3339).expect("rfc3339");
        prop_assert_eq!(clock::given_date(&text), Some(t.date()));
    }

    #[test]
    fn impossible_dates_are_refused(y in 1000i32..9999, m in 1u8..=12, d in 29u8..=40) {
        let s = format!("{y:04}-{m:02}-{d:02}");
        let valid = time::Month::try_from(m).ok()
            .and_then(|mo| time::Date::from_calendar_date(y, mo, d).ok());
        prop_assert_eq!(clock::parse_date(&s), valid);
    }
}
