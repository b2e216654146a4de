//! SQL for the signed head (`audit_head`, one row) and [`seal`], which [`crate::store::Write::commit`]
//! runs at the end of every write transaction: when the transaction appended records and
//! started from the signed head, it signs the new head in the same transaction
//! ([`crate::audit::head`] has the design and what it does not prove).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension};

use crate::store::sql::{Conn, Dialect, vals};

use crate::audit::head::Head;
use crate::error::Result;

/// The newest record (seq, hash, at), if any.
pub type Newest = Option<(i64, Vec<u8>, String)>;

/// The newest record of the chain.
pub fn newest(conn: Conn<'_>) -> Result<Newest> {
    conn.row(
        "SELECT seq, hash, at FROM audit ORDER BY seq DESC LIMIT 1",
        &[],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// The signed head row, if one was ever written.
pub fn get(conn: Conn<'_>) -> Result<Option<Head>> {
    conn.row(
        "SELECT seq, hash, base_seq, at, public_key, signature FROM audit_head WHERE id = 1",
        &[],
        |r| {
            Ok(Head {
                seq: r.get(0)?,
                hash: r.get(1)?,
                base_seq: r.get(2)?,
                at: r.get(3)?,
                public_key: r.get(4)?,
                signature: r.get(5)?,
            })
        },
    )
}

/// Replaces the signed head row.
pub fn put(conn: Conn<'_>, h: &Head) -> Result<()> {
    let sql = match conn.dialect() {
        Dialect::Sqlite => {
            "INSERT OR REPLACE INTO audit_head (id, seq, hash, base_seq, at, public_key, signature) \
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)"
        }
        Dialect::Postgres => {
            "INSERT INTO audit_head (id, seq, hash, base_seq, at, public_key, signature) \
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, \
             hash = excluded.hash, base_seq = excluded.base_seq, at = excluded.at, \
             public_key = excluded.public_key, signature = excluded.signature"
        }
    };
    conn.execute(
        sql,
        vals![h.seq, h.hash, h.base_seq, h.at, h.public_key, h.signature],
    )?;
    Ok(())
}

/// The head a transaction starts from: taken by [`crate::store::Db::begin`] before the work.
pub fn start(conn: Conn<'_>) -> Result<Newest> {
    newest(conn)
}

/// At the end of a write transaction that began at `started`: when records were appended and
/// the transaction began at the signed head (or at an empty log: a new database), signs the
/// new head. A log with records but no head row is never signed here: the row was deleted (or
/// the key was missing when the log began), and signing now would bless whatever was forged
/// meanwhile; `audit verify` keeps reporting it. (An upgraded database's first head is signed
/// by [`seal_upgrade`].)
/// Without a signing key (never created, or unreadable) nothing is signed and `audit verify`
/// reports it.
pub fn seal(conn: Conn<'_>, db: &Path, started: &Newest) -> Result<()> {
    let Some((seq, hash, at)) = newest(conn)? else {
        return Ok(());
    };
    if started.as_ref().is_some_and(|s| s.0 == seq && s.1 == hash) {
        return Ok(());
    }
    let Some(seed) = signing_seed(db) else {
        return Ok(());
    };
    let signed = get(conn)?;
    let key = ed25519_dalek::SigningKey::from_bytes(&seed);
    // The head row must be one this key signed, not only name the start: a row rolled back by
    // hand to an earlier record (after deleting the records past it) keeps a signature over
    // the later head, and signing on from it would bless the deletion.
    let ours = |h: &Head| h.signed_by(&key);
    let from_signed = match (&signed, started) {
        (None, None) => true,
        (None, Some(_)) => false,
        (Some(h), Some(s)) => h.seq == s.0 && h.hash == s.1 && ours(h),
        (Some(h), None) => h.seq == super::base(conn)?.0 && h.seq == h.base_seq && ours(h),
    };
    if !from_signed {
        return Ok(());
    }
    let base_seq = super::base(conn)?.0;
    put(conn, &Head::sign_with(&key, seq, &hash, base_seq, &at))
}

/// Right after a migration past [`crate::store::migrate::SIGNED_HEAD_VERSION`]: signs the head
/// of a log that has records but no head row yet (one made before signed heads).
pub fn seal_upgrade(conn: &Connection, db: &Path) -> Result<()> {
    let conn = Conn::Sqlite(conn);
    if get(conn)?.is_some() {
        return Ok(());
    }
    let (Some((seq, hash, at)), Some(seed)) = (newest(conn)?, signing_seed(db)) else {
        return Ok(());
    };
    let base_seq = super::base(conn)?.0;
    put(conn, &Head::sign(&seed, seq, &hash, base_seq, &at))
}

/// Whether the log shows it was already kept with signed heads: its `init` record names a schema
/// with them, or an earlier upgrade's `audit.upgrade` record does. Then an "upgrade" past them
/// means the schema version and tables were rewound by hand (to have a forged head signed),
/// and nothing is signed. A full scan, run only when an upgrade past signed heads runs.
pub fn had_signed_heads(conn: &Connection) -> Result<bool> {
    let v = crate::store::migrate::SIGNED_HEAD_VERSION;
    Ok(conn
        .query_row(
            "SELECT 1 FROM audit WHERE (event = 'init' AND \
             CAST(json_extract(detail, '$.schema') AS INTEGER) >= ?1) OR (event = 'audit.upgrade' \
             AND CAST(json_extract(detail, '$.to') AS INTEGER) >= ?1) LIMIT 1",
            [v],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The newest schema version the chain says this database had: its `init` record's `schema`
/// or an `audit.upgrade` record's `to` (0 when no record says). A database whose
/// `user_version` is below it was rewound by hand. A full scan, run only before an upgrade.
pub fn recorded_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce(max(CASE event WHEN 'init' THEN CAST(json_extract(detail, '$.schema') AS INTEGER) \
         ELSE CAST(json_extract(detail, '$.to') AS INTEGER) END), 0) FROM audit \
         WHERE event IN ('init', 'audit.upgrade')",
        [],
        |r| r.get(0),
    )?)
}

/// The signing seed beside `db`, read once per process.
fn signing_seed(db: &Path) -> Option<[u8; 32]> {
    static CACHE: Mutex<Option<(PathBuf, Option<[u8; 32]>)>> = Mutex::new(None);
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((p, seed)) = cache.as_ref().filter(|(p, _)| p == db) {
        let _ = p;
        return *seed;
    }
    let seed = crate::secrets::read_key(&crate::secrets::key_paths(db).1).ok();
    if seed.is_some() {
        *cache = Some((db.to_path_buf(), seed));
    }
    seed
}
