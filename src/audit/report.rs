//! Supervisor reports over the audit log (pure aggregation).
