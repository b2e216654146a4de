//! The CSV import's parser and validators on arbitrary bytes: must never panic, and every
//! customer it accepts holds no control or bidi characters in any text field.
#![no_main]

use std::path::Path;

use cpni::commands::customer::import::parse_csv;
use cpni::config::Config;
use libfuzzer_sys::fuzz_target;

fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

fuzz_target!(|data: &[u8]| {
    let cfg = Config::from_text("", Path::new("/nonexistent/cpni.db")).expect("default config");
    let now = time::macros::datetime!(2026-03-06 12:00:00 UTC);
    if let Ok((ok, errors)) = parse_csv(&cfg, data, Path::new("fuzz.csv"), now) {
        for (line, c) in &ok {
            assert!(*line >= 2);
            for field in [
                &c.account,
                &c.name,
                &c.email,
                &c.street,
                &c.city,
                &c.region,
                &c.postal_code,
                &c.country,
            ] {
                assert!(
                    !field.chars().any(unsafe_char),
                    "unsafe character stored: {field:?}"
                );
            }
        }
        for e in &errors {
            assert!(!e.error.field.is_empty());
        }
    }
});
