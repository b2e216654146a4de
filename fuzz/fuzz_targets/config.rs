//! The config file parser and checks on arbitrary text: must never panic; a refusal is a usage
//! error (exit 2) with a hint, an acceptance has values in their documented ranges.
#![no_main]

use std::path::Path;

use cpni::config::Config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return; // config files are read as UTF-8 text; invalid bytes never reach the parser
    };
    match Config::from_text(text, Path::new("/nonexistent/cpni.db")) {
        Ok(c) => {
            assert!((4..=15).contains(&c.pin_min_len));
            assert!(c.idle_minutes > 0 && c.mail_code_days > 0);
        }
        Err(e) => {
            assert_eq!(e.exit_code(), 2);
            assert!(e.hint.is_some());
        }
    }
});
