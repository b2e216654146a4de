//! SQLite's pre-update hook, the one place cpni calls SQLite's C interface itself.
//!
//! `rusqlite` offers the hook only together with generating SQLite's bindings at build time
//! (which needs libclang), so cpni compiles the bundled SQLite with
//! `SQLITE_ENABLE_PREUPDATE_HOOK` (`.cargo/config.toml`) and declares the three functions it
//! uses here. [`install`] registers a callback that hands each insert, update and delete on
//! the `main` database to a Rust function with the row's values before the change
//! ([`Change`]); [`remove`] unregisters it. The callback only reads the values SQLite passes in
//! (the documented use of `sqlite3_preupdate_old`), never unwinds into C, and keeps its state in
//! the caller's thread-locals, so it needs no context pointer.

use std::ffi::{CStr, c_char, c_int, c_void};

use crate::audit::rowdigest::Value;
use rusqlite::Connection;
use rusqlite::ffi;

type Callback = unsafe extern "C" fn(
    ctx: *mut c_void,
    db: *mut ffi::sqlite3,
    op: c_int,
    db_name: *const c_char,
    table: *const c_char,
    key1: i64,
    key2: i64,
);

unsafe extern "C" {
    fn sqlite3_preupdate_hook(
        db: *mut ffi::sqlite3,
        cb: Option<Callback>,
        ctx: *mut c_void,
    ) -> *mut c_void;
    fn sqlite3_preupdate_old(
        db: *mut ffi::sqlite3,
        i: c_int,
        out: *mut *mut ffi::sqlite3_value,
    ) -> c_int;
    fn sqlite3_preupdate_count(db: *mut ffi::sqlite3) -> c_int;
}

/// One change about to be made to a row of a table of the `main` database.
pub enum Change {
    /// A row is inserted with this rowid.
    Insert { rowid: i64 },
    /// The row `old` (rowid) is updated, becoming `new`; `before` is every column, in table
    /// order, as it is now.
    Update {
        old: i64,
        new: i64,
        before: Vec<Value>,
    },
    /// The row is deleted; `before` as for an update.
    Delete { rowid: i64, before: Vec<Value> },
}

/// What the callback calls: whether a table is of interest, and what to do with its change.
#[derive(Clone, Copy)]
pub struct Handler {
    pub wants: fn(&str) -> bool,
    pub change: fn(&str, Change),
}

thread_local! {
    static HANDLER: std::cell::Cell<Option<Handler>> = const { std::cell::Cell::new(None) };
}

/// Calls `handler.change(table, change)` for every change on `conn`'s `main` database to a
/// table `handler.wants`, until [`remove`]. Only for the thread that owns `conn` (a
/// `Connection` is not `Sync`).
pub fn install(conn: &Connection, handler: Handler) {
    HANDLER.with(|h| h.set(Some(handler)));
    // SAFETY: `conn.handle()` is a live connection for as long as `conn`; the callback touches
    // only the values SQLite hands it during the call and thread-local state.
    unsafe {
        sqlite3_preupdate_hook(conn.handle(), Some(callback), std::ptr::null_mut());
    }
}

/// Stops calling the handler.
pub fn remove(conn: &Connection) {
    // SAFETY: as in `install`; a null callback unregisters it.
    unsafe {
        sqlite3_preupdate_hook(conn.handle(), None, std::ptr::null_mut());
    }
    HANDLER.with(|h| h.set(None));
}

unsafe extern "C" fn callback(
    _ctx: *mut c_void,
    db: *mut ffi::sqlite3,
    op: c_int,
    db_name: *const c_char,
    table: *const c_char,
    key1: i64,
    key2: i64,
) {
    let _ = std::panic::catch_unwind(|| {
        // SAFETY: SQLite passes NUL-terminated names valid for the call.
        let (db_name, table) = unsafe { (CStr::from_ptr(db_name), CStr::from_ptr(table)) };
        if db_name.to_bytes() != b"main" {
            return;
        }
        let (Ok(table), Some(handler)) = (table.to_str(), HANDLER.with(|h| h.get())) else {
            return;
        };
        if !(handler.wants)(table) {
            return;
        }
        let change = match op {
            ffi::SQLITE_INSERT => Change::Insert { rowid: key2 },
            // SAFETY: inside the pre-update callback of an update or delete, as documented.
            ffi::SQLITE_UPDATE => Change::Update {
                old: key1,
                new: key2,
                before: unsafe { old_values(db) },
            },
            ffi::SQLITE_DELETE => Change::Delete {
                rowid: key1,
                before: unsafe { old_values(db) },
            },
            _ => return,
        };
        (handler.change)(table, change);
    });
}

/// Every column of the row being updated or deleted, as it is before the change.
///
/// # Safety
/// Only inside the pre-update callback of an update or a delete on `db`.
unsafe fn old_values(db: *mut ffi::sqlite3) -> Vec<Value> {
    let n = unsafe { sqlite3_preupdate_count(db) };
    (0..n)
        .map(|i| {
            let mut v: *mut ffi::sqlite3_value = std::ptr::null_mut();
            if unsafe { sqlite3_preupdate_old(db, i, &mut v) } != ffi::SQLITE_OK || v.is_null() {
                return Value::Null;
            }
            unsafe { value(v) }
        })
        .collect()
}

/// # Safety
/// `v` is a valid protected value for the duration of the call.
unsafe fn value(v: *mut ffi::sqlite3_value) -> Value {
    unsafe {
        match ffi::sqlite3_value_type(v) {
            ffi::SQLITE_INTEGER => Value::Integer(ffi::sqlite3_value_int64(v)),
            ffi::SQLITE_FLOAT => Value::Real(ffi::sqlite3_value_double(v)),
            ffi::SQLITE_TEXT => {
                let p = ffi::sqlite3_value_text(v);
                let n = ffi::sqlite3_value_bytes(v) as usize;
                let bytes = if p.is_null() {
                    &[][..]
                } else {
                    std::slice::from_raw_parts(p, n)
                };
                // Text that is not UTF-8 only an edit outside cpni can store: kept lossily, so
                // its digest differs, which is the point.
                Value::Text(String::from_utf8_lossy(bytes).into_owned())
            }
            ffi::SQLITE_BLOB => {
                let p = ffi::sqlite3_value_blob(v) as *const u8;
                let n = ffi::sqlite3_value_bytes(v) as usize;
                Value::Blob(if p.is_null() {
                    Vec::new()
                } else {
                    std::slice::from_raw_parts(p, n).to_vec()
                })
            }
            _ => Value::Null,
        }
    }
}
