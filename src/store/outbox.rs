//! Placeholder, filled in by the verification work.
