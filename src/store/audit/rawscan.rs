//! The whole-log scan behind `audit verify`'s two halves ([`super::scan_range`]), driven
//! through SQLite's C API rather than rusqlite's row accessors: a verify spends most of its time
//! reading columns, and rusqlite asks SQLite three times per column (type, pointer, length,
//! each call re-checking the statement and its column count). Here each column is fetched once
//! as a value (`sqlite3_column_value`) and its type, bytes and length are read from it. What a
//! row yields is the same as through rusqlite: TEXT and BLOB values as their bytes, any other
//! type (NULL, a number) as no bytes, and `seq` as -1 unless it is an integer.

use std::ffi::{CStr, CString, c_int};

use rusqlite::{Connection, ffi};

use crate::audit::verify::RowRef;
use crate::error::Result;

/// A prepared statement, finalized when dropped.
struct Stmt(*mut ffi::sqlite3_stmt);

impl Drop for Stmt {
    fn drop(&mut self) {
        // SAFETY: the pointer came from sqlite3_prepare_v2 and is finalized only here.
        unsafe {
            ffi::sqlite3_finalize(self.0);
        }
    }
}

/// Runs `sql` (no parameters; `seq` then the 7 canonical fields, `prev_hash`, `hash`) on
/// `conn` and calls `each` with every row until it returns false.
pub fn walk(
    conn: &Connection,
    sql: &str,
    mut each: impl FnMut(&RowRef<'_>) -> Result<bool>,
) -> Result<()> {
    let text = CString::new(sql).map_err(|e| crate::error::Error::internal(e.to_string()))?;
    // SAFETY: the handle is this connection's, used on this thread only for the statement's
    // life (a `Connection` is not `Sync`, and the statement is finalized before we return).
    let db = unsafe { conn.handle() };
    let mut raw = std::ptr::null_mut();
    // SAFETY: `text` is NUL-terminated and outlives the call; `raw` receives the statement.
    let rc =
        unsafe { ffi::sqlite3_prepare_v2(db, text.as_ptr(), -1, &mut raw, std::ptr::null_mut()) };
    if rc != ffi::SQLITE_OK {
        return Err(failure(db, rc));
    }
    let stmt = Stmt(raw);
    loop {
        // SAFETY: a live statement of this connection.
        let rc = unsafe { ffi::sqlite3_step(stmt.0) };
        if rc == ffi::SQLITE_DONE {
            return Ok(());
        }
        if rc != ffi::SQLITE_ROW {
            return Err(failure(db, rc));
        }
        // SAFETY: the statement has a row with the 10 columns of `sql`; the slices borrow its
        // values, which stay valid until the next step, after `each` has returned.
        let row = unsafe {
            let v = |i| ffi::sqlite3_column_value(stmt.0, i);
            let seq = v(0);
            RowRef {
                seq: if ffi::sqlite3_value_type(seq) == ffi::SQLITE_INTEGER {
                    ffi::sqlite3_value_int64(seq)
                } else {
                    -1
                },
                fields: [
                    bytes(v(1)),
                    bytes(v(2)),
                    bytes(v(3)),
                    bytes(v(4)),
                    bytes(v(5)),
                    bytes(v(6)),
                    bytes(v(7)),
                ],
                prev_hash: bytes(v(8)),
                hash: bytes(v(9)),
            }
        };
        if !each(&row)? {
            return Ok(());
        }
    }
}

/// A TEXT or BLOB value's bytes (UTF-8 for text, the database's encoding); none otherwise.
///
/// # Safety
/// `v` must be a column value of the current row, and the slice is used only before the next
/// step of its statement.
unsafe fn bytes<'a>(v: *mut ffi::sqlite3_value) -> &'a [u8] {
    // SAFETY: per the function's contract; the type is read before the bytes (reading a text
    // value as a blob would change its flags).
    unsafe {
        let p = match ffi::sqlite3_value_type(v) {
            ffi::SQLITE_TEXT => ffi::sqlite3_value_text(v),
            ffi::SQLITE_BLOB => ffi::sqlite3_value_blob(v).cast(),
            _ => return &[],
        };
        let n = ffi::sqlite3_value_bytes(v);
        if p.is_null() || n <= 0 {
            return &[];
        }
        std::slice::from_raw_parts(p, n as usize)
    }
}

/// The connection's error for return code `rc`, as rusqlite reports it.
fn failure(db: *mut ffi::sqlite3, rc: c_int) -> crate::error::Error {
    // SAFETY: `db` is a live connection; its message is copied before any other call.
    let msg = unsafe { CStr::from_ptr(ffi::sqlite3_errmsg(db)) }
        .to_string_lossy()
        .into_owned();
    rusqlite::Error::SqliteFailure(ffi::Error::new(rc), Some(msg)).into()
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::super::{Filter, RowRef};
    use crate::error::Result;
    use crate::store::Read;

    fn scan(
        conn: &Connection,
        f: &Filter,
        each: impl FnMut(&RowRef<'_>) -> Result<bool>,
    ) -> Result<()> {
        Read {
            sql: crate::store::sql::Conn::Sqlite(conn),
        }
        .scan_audit(f, each)
    }

    fn scan_range(
        conn: &Connection,
        after: Option<i64>,
        through: Option<i64>,
        each: impl FnMut(&RowRef<'_>) -> Result<bool>,
    ) -> Result<()> {
        Read {
            sql: crate::store::sql::Conn::Sqlite(conn),
        }
        .scan_audit_range(after, through, each)
    }

    type Owned = (i64, Vec<Vec<u8>>);

    fn collect(f: impl FnOnce(&mut dyn FnMut(&RowRef<'_>) -> bool)) -> Vec<Owned> {
        let mut rows = Vec::new();
        f(&mut |r| {
            let mut v: Vec<Vec<u8>> = r.fields.iter().map(|b| b.to_vec()).collect();
            v.push(r.prev_hash.to_vec());
            v.push(r.hash.to_vec());
            rows.push((r.seq, v));
            true
        });
        rows
    }

    /// Every type SQLite can hold in any column (as an attacker editing the file could store
    /// it) reads exactly as through rusqlite's accessors, ranges included.
    #[test]
    fn reads_every_value_type_as_the_rusqlite_scan_does() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE audit (seq INTEGER PRIMARY KEY, at, actor, on_behalf_of, account,
               session, event, detail, prev_hash, hash);
             INSERT INTO audit VALUES
               (1, 'a', '', NULL, 7, 2.5, x'', x'00ff', x'0102', 'é'),
               (2, 'b', 'x', 'y', 'z', 's', 'e', '{\"k\":1}', zeroblob(32), randomblob(32)),
               (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
               (4, -1, 0, 1e300, '', x'', '', '', '', ''),
               (5, 'long', 'a', 'b', 'c', 'd', 'e', printf('%.5000c', 'x'), x'aa', x'bb');",
        )
        .unwrap();
        let all = collect(|each| {
            scan(&conn, &Filter::default(), |r| Ok(each(r))).unwrap();
        });
        assert_eq!(all.len(), 5);
        let raw = collect(|each| {
            scan_range(&conn, None, None, |r| Ok(each(r))).unwrap();
        });
        assert_eq!(raw, all);
        let part = collect(|each| {
            scan_range(&conn, Some(1), Some(4), |r| Ok(each(r))).unwrap();
        });
        assert_eq!(part, all[1..4].to_vec());
        let mut n = 0;
        scan_range(&conn, None, None, |_| {
            n += 1;
            Ok(n < 2)
        })
        .unwrap();
        assert_eq!(n, 2, "stops when told");
    }

    #[test]
    fn a_failing_statement_is_an_error_not_a_panic() {
        let conn = Connection::open_in_memory().unwrap();
        assert!(scan_range(&conn, None, None, |_| Ok(true)).is_err());
    }
}
