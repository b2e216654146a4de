//! SQL for the supervisor reports: the authentication, lock and disclosure events in a time
//! range, oldest first.

use crate::audit::report::Ev;
use crate::error::Result;
use crate::store::Read;
use crate::store::sql::{Dialect, vals};

impl Read<'_> {
    /// Events the reports use, with `at >= since` and `at < until` when given.
    pub fn report_events(&self, since: Option<&str>, until: Option<&str>) -> Result<Vec<Ev>> {
        let sql = match self.sql.dialect() {
            Dialect::Sqlite => REPORT_EVENTS
                .replace("LIKE_FAIL", "event GLOB 'auth.*.fail'")
                .replace("LIKE_REFUSED", "event GLOB 'auth.*.refused'"),
            // `LIKE` treats `_` as a wildcard and no event name holds one where GLOB's `*` is.
            Dialect::Postgres => self
                .sql
                .text_nulls(REPORT_EVENTS)
                .replace("LIKE_FAIL", "event LIKE 'auth.%.fail'")
                .replace("LIKE_REFUSED", "event LIKE 'auth.%.refused'"),
        };
        self.sql.rows(&sql, vals![since, until], |r| {
            let at: String = r.get(1)?;
            let detail: String = r.get(6)?;
            Ok(Ev {
                seq: r.get(0)?,
                at_ms: crate::clock::parse(&at)
                    .map(|t| (t.unix_timestamp_nanos() / 1_000_000) as i64)
                    .unwrap_or(0),
                at,
                agent: r.get(2)?,
                account: r.get(3)?,
                session: r.get(4)?,
                event: r.get(5)?,
                detail: serde_json::from_str(&detail).unwrap_or_default(),
            })
        })
    }
}

const REPORT_EVENTS: &str = "SELECT seq, at, CASE WHEN on_behalf_of <> '' THEN on_behalf_of ELSE actor END, \
     account, session, event, detail FROM audit \
     WHERE (LIKE_FAIL OR LIKE_REFUSED \
            OR event IN ('lock.start', 'lock.unlock', 'disclosure', 'disclosure.refused')) \
       AND (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at < ?2) \
     ORDER BY seq";
