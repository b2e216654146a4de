//! Everything that talks to a person at a terminal: safe printing of untrusted text, the prompt
//! interface, what a terminal that is gone means (a hang-up), and the guided verification wizard.

pub mod hangup;
pub mod keys;
pub mod prompt;
pub mod term;
pub mod wizard;
pub mod wrap;
