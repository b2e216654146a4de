//! SQL for the supervisor reports: the authentication, lock and disclosure events in a time
//! range, oldest first.

use crate::audit::report::Ev;
use crate::error::Result;
use crate::store::Read;

impl Read<'_> {
    /// Events the reports use, with `at >= since` and `at < until` when given.
    pub fn report_events(&self, since: Option<&str>, until: Option<&str>) -> Result<Vec<Ev>> {
        let mut stmt = self.lite()?.prepare(
            "SELECT seq, at, CASE WHEN on_behalf_of <> '' THEN on_behalf_of ELSE actor END, \
             account, session, event, detail FROM audit \
             WHERE (event GLOB 'auth.*.fail' OR event GLOB 'auth.*.refused' \
                    OR event IN ('lock.start', 'lock.unlock', 'disclosure', 'disclosure.refused')) \
               AND (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at < ?2) \
             ORDER BY seq",
        )?;
        let rows = stmt.query_map([since, until], |r| {
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
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
