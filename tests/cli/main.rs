//! Integration tests for `cpni`: each test runs the real binary in its own temporary home and
//! checks what it printed, its exit code, and what it wrote (with the real `sqlite3` CLI).
//!
//! One test binary (`cargo test --test cli`), one module per area. They never skip: a missing
//! tool (sqlite3, zsh, fish) fails with a message; `scripts/test.sh` installs them.

mod agent_keys;
mod agents;
mod audit;
mod audit_attacks;
mod audit_digests;
mod audit_export;
mod audit_more_digests;
mod audit_recipe;
mod audit_seals;
mod audit_trust;
mod audit_verify;
mod audit_verify_split;
mod backend;
mod breach;
mod breach_edges;
mod calls;
mod certification;
mod changes;
mod complaint;
mod completions;
mod consent;
mod crash;
mod customer_report;
mod escalation;
mod exits;
mod gateway;
mod hardening;
mod hostile;
mod import;
mod in_store;
mod init;
mod load;
mod lock;
mod lockout;
mod mail_faults;
mod outbox_sealed;
mod output;
mod pg_attacks;
mod pg_connect;
mod pg_gateway_keys;
mod pg_guard;
mod pg_hosts;
mod pg_outbox;
mod pg_schema;
mod pg_shape;
mod pg_steps;
mod policy;
mod purge;
mod races;
mod report;
mod schema;
mod secrets;
mod smtp;
mod storage_faults;
mod temp_pin;
mod util;
mod validation;
mod wizard;
mod wizard_flows;
mod wizard_hangup;
mod wizard_keys;
