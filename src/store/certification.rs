//! SQL for the annual certification report: counts of audit events and compliance records in
//! one period `[since, until)` (stored-format bounds). Read-only.

use crate::error::Result;
use crate::store::Read;
use crate::store::sql::{Dialect, vals};

impl Read<'_> {
    /// `(event, count)` for events matching the LIKE `pattern`, by event name.
    pub fn cert_event_counts(
        &self,
        since: &str,
        until: &str,
        pattern: &str,
    ) -> Result<Vec<(String, i64)>> {
        self.sql.rows(
            "SELECT event, count(*) FROM audit WHERE at >= ?1 AND at < ?2 AND event LIKE ?3 \
             GROUP BY event ORDER BY event",
            vals![since, until, pattern],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// `(value of detail key, count)` for one event, grouped by that key (`''` when absent).
    pub fn cert_detail_counts(
        &self,
        since: &str,
        until: &str,
        event: &str,
        key: &str,
    ) -> Result<Vec<(String, i64)>> {
        let sql = match self.sql.dialect() {
            Dialect::Sqlite => {
                "SELECT COALESCE(CAST(json_extract(detail, '$.' || ?4) AS TEXT), ''), count(*) \
                 FROM audit WHERE at >= ?1 AND at < ?2 AND event = ?3 GROUP BY 1 ORDER BY 1"
            }
            Dialect::Postgres => {
                // A JSON `true` reads `1`, as SQLite's json_extract gives it.
                "SELECT COALESCE(CASE jsonb_typeof(detail::jsonb -> ?4::text) \
                 WHEN 'boolean' THEN ((detail::jsonb -> ?4::text)::boolean)::int::text \
                 ELSE detail::jsonb ->> ?4::text END, ''), count(*) \
                 FROM audit WHERE at >= ?1 AND at < ?2 AND event = ?3 GROUP BY 1 ORDER BY 1"
            }
        };
        self.sql.rows(sql, vals![since, until, event, key], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
    }

    /// Disclosures as `(scope, channel, purpose, count)`.
    pub fn cert_disclosures(
        &self,
        since: &str,
        until: &str,
    ) -> Result<Vec<(String, String, String, i64)>> {
        let sql = self.sql.json_text(
            "SELECT COALESCE(json_extract(detail, '$.scope'), ''), \
             COALESCE(json_extract(detail, '$.channel'), ''), \
             COALESCE(json_extract(detail, '$.purpose'), ''), count(*) FROM audit \
             WHERE at >= ?1 AND at < ?2 AND event = 'disclosure' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        );
        self.sql.rows(&sql, vals![since, until], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
    }

    /// Disclosures with purpose `designated-third-party`, in time order.
    pub fn cert_third_party(&self, since: &str, until: &str) -> Result<Vec<ThirdParty>> {
        let sql = self.sql.json_text(
            "SELECT at, account, session, COALESCE(json_extract(detail, '$.scope'), ''), \
             COALESCE(json_extract(detail, '$.channel'), ''), json_extract(detail, '$.reference') \
             FROM audit WHERE at >= ?1 AND at < ?2 AND event = 'disclosure' \
             AND json_extract(detail, '$.purpose') = 'designated-third-party' ORDER BY seq",
        );
        self.sql.rows(&sql, vals![since, until], |r| {
            Ok(ThirdParty {
                at: r.get(0)?,
                account: r.get(1)?,
                session: r.get(2)?,
                scope: r.get(3)?,
                channel: r.get(4)?,
                reference: r.get(5)?,
            })
        })
    }

    /// Distinct accounts with at least one event `event` in the period.
    pub fn cert_distinct_accounts(&self, since: &str, until: &str, event: &str) -> Result<i64> {
        Ok(self
            .sql
            .row(
                "SELECT count(DISTINCT account) FROM audit WHERE at >= ?1 AND at < ?2 AND event = ?3",
                vals![since, until, event],
                |r| r.get(0),
            )?
            .unwrap_or(0))
    }

    /// Opt-out notices recorded as sent by another system (`consent.notice` with `external`),
    /// by the day they were sent (`sent_on` in `[since, until)`, dates `YYYY-MM-DD`), whenever they
    /// were recorded.
    pub fn cert_external_consent_notices(&self, since: &str, until: &str) -> Result<i64> {
        let sql = match self.sql.dialect() {
            Dialect::Sqlite => {
                "SELECT count(*) FROM audit WHERE event = 'consent.notice' \
                 AND json_extract(detail, '$.external') = 1 \
                 AND json_extract(detail, '$.sent_on') >= ?1 AND json_extract(detail, '$.sent_on') < ?2"
            }
            // SQLite's `= 1` holds for JSON `true` and `1`.
            Dialect::Postgres => {
                "SELECT count(*) FROM audit WHERE event = 'consent.notice' \
                 AND (detail::jsonb -> 'external') IN ('true'::jsonb, '1'::jsonb) \
                 AND (detail::jsonb ->> 'sent_on') >= ?1 AND (detail::jsonb ->> 'sent_on') < ?2"
            }
        };
        Ok(self
            .sql
            .row(sql, vals![since, until], |r| r.get(0))?
            .unwrap_or(0))
    }

    /// Complaints received in the period, `(category, count)`.
    pub fn cert_complaints(&self, since: &str, until: &str) -> Result<Vec<(String, i64)>> {
        self.sql.rows(
            "SELECT category, count(*) FROM complaint WHERE received_at >= ?1 AND received_at < ?2 \
             GROUP BY category ORDER BY category",
            vals![since, until],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }
}

/// One disclosure to a third party designated by the customer.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ThirdParty {
    pub at: String,
    pub account: String,
    pub session: String,
    pub scope: String,
    pub channel: String,
    pub reference: Option<String>,
}
