//! The configuration: command-line flags, environment and the TOML file, resolved into one
//! validated [`Config`].
//!
//! Precedence: `--db`/`CPNI_DB` over the file's `db` over the XDG default; `db` is a SQLite
//! file path or a `postgresql://` URL, told apart before it is used as a path. The file is
//! `--config PATH`, `CPNI_CONFIG`, or `$XDG_CONFIG_HOME/cpni/config.toml` (optional). An unknown
//! key is an error naming it, so a typo never silently falls back to a default.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::domain::breach::Rule;
use crate::domain::business_days::Calendar;
use crate::domain::time_zone::CarrierZone;
use crate::domain::{contact, pin};
use crate::error::{Error, Result};
use crate::secrets::HashPreset;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    db: Option<PathBuf>,
    #[serde(default)]
    pin: PinSection,
    #[serde(default)]
    phone: PhoneSection,
    #[serde(default)]
    session: SessionSection,
    #[serde(default)]
    codes: CodesSection,
    #[serde(default)]
    secrets: SecretsSection,
    #[serde(default)]
    mail: MailSection,
    #[serde(default)]
    callback: CallbackSection,
    #[serde(default)]
    notify: NotifySection,
    #[serde(default)]
    breach: BreachSection,
    #[serde(default)]
    retention: RetentionSection,
    #[serde(default)]
    checkpoint: CheckpointSection,
    #[serde(default)]
    gateway: GatewaySection,
    #[serde(default)]
    wizard: WizardSection,
    #[serde(default)]
    storage: StorageSection,
    #[serde(default)]
    import: ImportSection,
}

/// `[checkpoint]`: automatic signed checkpoints and where they are sent (issue 11).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckpointSection {
    /// A checkpoint once this many records follow the newest one (checked after each write).
    pub every_records: Option<i64>,
    /// A checkpoint at the first write this many minutes after the newest one.
    pub every_minutes: Option<i64>,
    /// Program (and arguments, no shell) that receives each new checkpoint's JSON on stdin.
    pub command: Option<Vec<String>>,
}

impl CheckpointSection {
    /// Whether anything is configured (a schedule or a command).
    pub fn enabled(&self) -> bool {
        self.every_records.is_some() || self.every_minutes.is_some() || self.command.is_some()
    }
}

fn check_checkpoint(origin: Option<&Path>, c: &CheckpointSection) -> Result<()> {
    for (key, v) in [
        ("checkpoint.every_records", c.every_records),
        ("checkpoint.every_minutes", c.every_minutes),
    ] {
        if let Some(n) = v.filter(|n| !(1..=100_000_000).contains(n)) {
            return Err(config_error(
                origin,
                format!("{key} = {n}: must be a whole number from 1 to 100000000"),
            ));
        }
    }
    if let Some(cmd) = &c.command
        && cmd.first().is_none_or(|p| p.is_empty())
    {
        return Err(config_error(
            origin,
            "checkpoint.command must name a program, e.g. [\"worm-put\", \"--bucket\", \"audit\"]"
                .into(),
        ));
    }
    Ok(())
}

/// `[gateway]`: the SSH gateway's `authorized_keys` and the program its forced command runs.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct GatewaySection {
    program: Option<PathBuf>,
    authorized_keys: Option<PathBuf>,
}

/// `[wizard]`: settings of the guided call wizard (`cpni verify`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WizardSection {
    /// Folder whose files the wizard offers as attachments when sending information.
    pub statements_dir: Option<PathBuf>,
}

/// `[import]`: size limits for `cpni customer import` files.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportSection {
    max_record_bytes: Option<u64>,
    max_field_bytes: Option<usize>,
    max_rows: Option<usize>,
}

/// Size limits for import files: a longer record or field, or more rows, is an error naming the
/// line, so memory stays bounded whatever the file holds (even `/dev/zero`).
#[derive(Debug, Clone, Copy)]
pub struct ImportLimits {
    /// Longest record (one row, quoted line breaks included), default 64 KiB.
    pub max_record_bytes: u64,
    /// Longest single field, default 4 KiB.
    pub max_field_bytes: usize,
    /// Most rows in one file (they are all checked before any is saved), default 1,000,000.
    pub max_rows: usize,
}

impl Default for ImportLimits {
    fn default() -> Self {
        ImportLimits {
            max_record_bytes: 64 * 1024,
            max_field_bytes: 4096,
            max_rows: 1_000_000,
        }
    }
}

/// `[storage]`: how long a step waits for the writer lock before giving up, and for a
/// PostgreSQL `db` the password files of its two roles, the owner role's name and the CA file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StorageSection {
    lock_timeout_secs: Option<f64>,
    query_timeout_secs: Option<f64>,
    password_file: Option<PathBuf>,
    owner_password_file: Option<PathBuf>,
    owner_role: Option<String>,
    ca_file: Option<PathBuf>,
}

/// `[retention]`: how long audit records are kept at least (`cpni audit purge`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RetentionSection {
    years: Option<i64>,
}

/// `[breach]`: which text of 64.2011 applies and the business-day calendar.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct BreachSection {
    rule: Option<String>,
    federal_holidays: Option<bool>,
    holidays: Option<Vec<String>>,
    time_zone: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NotifySection {
    sms_command: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PinSection {
    min_length: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PhoneSection {
    default_country: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionSection {
    idle_minutes: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CodesSection {
    mail_code_days: Option<i64>,
    per_session: Option<i64>,
    per_account_hour: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SecretsSection {
    argon2: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CallbackSection {
    dial_command: Option<Vec<String>>,
}

/// `[mail]`: how messages leave the outbox.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailSection {
    pub transport: Option<String>,
    pub from: Option<String>,
    pub outbox: Option<PathBuf>,
    pub smtp: Option<SmtpSection>,
}

/// `[mail.smtp]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSection {
    pub host: String,
    pub port: Option<u16>,
    pub tls: Option<String>,
    pub username: Option<String>,
    pub password_file: Option<PathBuf>,
    pub timeout_secs: Option<u64>,
}

/// Validated settings the rest of the program reads.
#[derive(Debug, Clone)]
pub struct Config {
    /// The SQLite database file; for a PostgreSQL `db` ([`Config::postgres`]) the base of the
    /// host's key file names, `<data folder>/cpni-pg` (never a database file, never created).
    pub db_path: PathBuf,
    /// `db` as a `postgresql://` URL: where the database is and how to log in.
    pub postgres: Option<crate::store::pg::target::Target>,
    pub pin_min_len: usize,
    pub default_country: String,
    pub idle_minutes: i64,
    /// `[codes] mail_code_days`: how long a mailed code and a temporary PIN (Lost PIN) stay
    /// valid, in days.
    pub mail_code_days: i64,
    /// `[codes] per_session` and `per_account_hour`: code issuance limits.
    pub code_limits: crate::domain::escalation::CodeLimits,
    pub hash_preset: HashPreset,
    pub mail: MailSection,
    pub wizard: WizardSection,
    pub dial_command: Option<Vec<String>>,
    /// Program for notices to the telephone number of record, run with the number and the
    /// message as its last two arguments (no shell).
    pub sms_command: Option<Vec<String>>,
    /// The 64.2011 text new breaches follow unless `--rule` says otherwise (default 2007).
    pub breach_rule: Rule,
    /// Which days are not business days for breach deadlines.
    pub calendar: Calendar,
    /// The carrier's IANA time zone (`breach.time_zone`, default America/New_York): it decides
    /// the date of breach determinations and notices and the certification year.
    pub time_zone: CarrierZone,
    /// Audit records younger than this many years are never purged (default 2, at least 1).
    pub retention_years: i64,
    /// `[checkpoint]`: schedule and command for automatic checkpoints (off by default).
    pub checkpoint: CheckpointSection,
    /// The cpni binary the gateway's forced command runs (default: this binary).
    pub gateway_program: Option<PathBuf>,
    /// The service account's `authorized_keys` (default `$HOME/.ssh/authorized_keys`).
    pub authorized_keys: Option<PathBuf>,
    /// How long a write waits for the writer lock before exit 5 "busy" (default 5 s).
    pub lock_timeout: std::time::Duration,
    /// `[storage] query_timeout_secs`: how long a PostgreSQL round trip may wait for a server
    /// that stopped answering (beyond any lock wait), default 30 s.
    pub query_timeout: std::time::Duration,
    /// `[import]` size limits.
    pub import: ImportLimits,
}

fn import_limits(origin: Option<&Path>, s: &ImportSection) -> Result<ImportLimits> {
    let d = ImportLimits::default();
    let l = ImportLimits {
        max_record_bytes: s.max_record_bytes.unwrap_or(d.max_record_bytes),
        max_field_bytes: s.max_field_bytes.unwrap_or(d.max_field_bytes),
        max_rows: s.max_rows.unwrap_or(d.max_rows),
    };
    if !(256..=1 << 30).contains(&l.max_record_bytes)
        || !(16..=1 << 30).contains(&l.max_field_bytes)
        || l.max_rows == 0
    {
        return Err(config_error(
            origin,
            "import: max_record_bytes must be from 256 to 1073741824, max_field_bytes from 16 \
             to 1073741824, max_rows at least 1"
                .into(),
        ));
    }
    Ok(l)
}

/// Where the config file is looked for when none is given.
pub fn default_config_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy()
        .ok()
        .map(|s| s.config_dir().join("cpni").join("config.toml"))
}

/// Where the database lives when neither flag, env nor file says.
pub fn default_db_path() -> Result<PathBuf> {
    use etcetera::BaseStrategy;
    let s = etcetera::choose_base_strategy().map_err(|e| {
        Error::usage("no-home", format!("cannot find the data folder: {e}"))
            .hint("pass --db PATH or set CPNI_DB")
    })?;
    Ok(s.data_dir().join("cpni").join("cpni.db"))
}

impl Config {
    /// Loads the file (if any) and applies the command-line database override.
    pub fn load(config: Option<&Path>, db_flag: Option<&Path>) -> Result<Config> {
        let (file, origin) = match config {
            Some(p) => (read_file(p)?, Some(p.to_path_buf())),
            None => match default_config_path() {
                Some(p) if crate::store::perms::exists(&p)? => (read_file(&p)?, Some(p)),
                _ => (File::default(), None),
            },
        };
        resolve(file, db_flag, origin.as_deref())
    }

    /// Parses and checks config text as [`Config::load`] does a file, with the database at
    /// `db_path` (no environment or files are read). For property tests and fuzzing.
    pub fn from_text(text: &str, db_path: &Path) -> Result<Config> {
        let file = parse(text).map_err(|m| config_error(None, m))?;
        resolve(file, Some(db_path), None)
    }
}

fn read_file(path: &Path) -> Result<File> {
    check_mode(path)?;
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::usage(
            "config",
            format!("cannot read config file {}: {e}", path.display()),
        )
        .hint("check --config / CPNI_CONFIG, or remove the option to use defaults")
    })?;
    parse(&text).map_err(|msg| {
        Error::usage("config", format!("config file {}: {msg}", path.display()))
            .hint("see the README section \"Configuration\" for the accepted keys")
    })
}

/// Refuses a config file that others could write: it chooses the database, the outbox and the
/// programs cpni runs.
fn check_mode(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let Ok(m) = std::fs::metadata(path) else {
        return Ok(()); // reading it reports the error
    };
    let mode = m.permissions().mode();
    if mode & 0o022 != 0 {
        return Err(Error::usage(
            "config-mode",
            format!(
                "config file {} can be written by other users (mode {:o}); cpni refuses to run",
                path.display(),
                mode & 0o7777
            ),
        )
        .hint(format!("run `chmod go-w {}`", path.display())));
    }
    Ok(())
}

/// Parses config text; the error names the key or line at fault.
pub fn parse_text(text: &str) -> std::result::Result<(), String> {
    parse(text).map(|_| ())
}

fn parse(text: &str) -> std::result::Result<File, String> {
    toml::from_str::<File>(text).map_err(|e| {
        let msg = e.to_string().trim().replace('\n', " ");
        if e.message().starts_with("unknown field `db`") {
            // TOML puts every key after a `[section]` line into that section.
            format!("{msg}; db is a top-level key: move the db line above the first [section] line")
        } else {
            msg
        }
    })
}

fn config_error(origin: Option<&Path>, msg: String) -> Error {
    let place = origin.map_or("configuration".to_string(), |p| {
        format!("config file {}", p.display())
    });
    Error::usage("config", format!("{place}: {msg}"))
        .hint("see the README section \"Configuration\" for the accepted values")
}

fn resolve(f: File, db_flag: Option<&Path>, origin: Option<&Path>) -> Result<Config> {
    let (db_path, postgres) = database(db_flag, f.db.as_deref(), origin, &f.storage)?;
    let pin_min_len = f.pin.min_length.unwrap_or(pin::DEFAULT_MIN_LEN);
    if !(pin::MIN_LEN_FLOOR..=pin::MIN_LEN_CEIL).contains(&pin_min_len) {
        return Err(config_error(
            origin,
            format!("pin.min_length = {pin_min_len}: must be between 4 and 15"),
        ));
    }
    let default_country = f
        .phone
        .default_country
        .unwrap_or_else(|| "US".into())
        .to_ascii_uppercase();
    if !contact::is_supported_country(&default_country) {
        return Err(config_error(
            origin,
            format!("phone.default_country = {default_country:?} is not a supported country"),
        ));
    }
    let idle_minutes = positive(origin, "session.idle_minutes", f.session.idle_minutes, 60)?;
    let mail_code_days = positive(origin, "codes.mail_code_days", f.codes.mail_code_days, 30)?;
    let defaults = crate::domain::escalation::CodeLimits::default();
    let code_limits = crate::domain::escalation::CodeLimits {
        per_session: positive(
            origin,
            "codes.per_session",
            f.codes.per_session,
            defaults.per_session,
        )?,
        per_account_hour: positive(
            origin,
            "codes.per_account_hour",
            f.codes.per_account_hour,
            defaults.per_account_hour,
        )?,
    };
    let hash_preset = match f.secrets.argon2.as_deref() {
        None => HashPreset::default(),
        Some(name) => HashPreset::parse(name)
            .map_err(|m| config_error(origin, format!("secrets.argon2: {m}")))?,
    };
    check_mail(origin, &f.mail)?;
    if let Some(cmd) = &f.callback.dial_command
        && cmd.first().is_none_or(|p| p.is_empty())
    {
        return Err(config_error(
            origin,
            "callback.dial_command must name a program, e.g. [\"softphone\", \"--dial\"]".into(),
        ));
    }
    if let Some(cmd) = &f.notify.sms_command
        && cmd.first().is_none_or(|p| p.is_empty())
    {
        return Err(config_error(
            origin,
            "notify.sms_command must name a program, e.g. [\"sms-gateway\", \"--send\"]".into(),
        ));
    }
    let (breach_rule, calendar) = breach_settings(origin, &f.breach)?;
    let time_zone = match f.breach.time_zone.as_deref() {
        None => CarrierZone::default(),
        Some(z) => CarrierZone::parse(z)
            .map_err(|m| config_error(origin, format!("breach.time_zone = {m}")))?,
    };
    check_checkpoint(origin, &f.checkpoint)?;
    let retention_years = match f.retention.years {
        None => 2,
        Some(n) if (1..=100).contains(&n) => n,
        Some(n) => {
            return Err(config_error(
                origin,
                format!(
                    "retention.years = {n}: must be a whole number of years from 1 to 100 \
                     (records are kept at least one year)"
                ),
            ));
        }
    };
    let lock_timeout = match f.storage.lock_timeout_secs {
        None => crate::store::DEFAULT_LOCK_TIMEOUT,
        Some(s) if (0.01..=3600.0).contains(&s) => std::time::Duration::from_secs_f64(s),
        Some(s) => {
            return Err(config_error(
                origin,
                format!("storage.lock_timeout_secs = {s}: must be from 0.01 to 3600 seconds"),
            ));
        }
    };
    let query_timeout = match f.storage.query_timeout_secs {
        None => crate::store::pg::watchdog::DEFAULT_BOUND,
        Some(s) if (0.5..=3600.0).contains(&s) => std::time::Duration::from_secs_f64(s),
        Some(s) => {
            return Err(config_error(
                origin,
                format!("storage.query_timeout_secs = {s}: must be from 0.5 to 3600 seconds"),
            ));
        }
    };
    let import = import_limits(origin, &f.import)?;
    Ok(Config {
        query_timeout,
        time_zone,
        checkpoint: f.checkpoint,
        import,
        lock_timeout,
        retention_years,
        breach_rule,
        calendar,
        db_path,
        postgres,
        pin_min_len,
        default_country,
        idle_minutes,
        mail_code_days,
        code_limits,
        hash_preset,
        mail: f.mail,
        wizard: f.wizard,
        dial_command: f.callback.dial_command,
        sms_command: f.notify.sms_command,
        gateway_program: f.gateway.program,
        authorized_keys: f.gateway.authorized_keys,
    })
}

/// `db` (the flag over the file over the default): a file path, or a PostgreSQL URL, which is
/// parsed before anything could treat it as a path (it is never created as a folder named
/// `postgresql:`). Anything that looks like a URL once trimmed (it holds `://` or starts with
/// `postgres`, any case) is a URL: refused when invalid, or when it holds a space or control
/// character. A `db` that is not UTF-8 is refused (exit 2), and so are the PostgreSQL-only
/// `[storage]` keys with a SQLite db. For a URL the path is the host's key base
/// ([`Config::db_path`]): `<data>/cpni-pg-<database>-<hash of host, port and database>`, one
/// pair of key files per database.
fn database(
    db_flag: Option<&Path>,
    file_db: Option<&Path>,
    origin: Option<&Path>,
    storage: &StorageSection,
) -> Result<(PathBuf, Option<crate::store::pg::target::Target>)> {
    use crate::store::pg::target;
    let refuse = |from_flag: bool, m: String| {
        if from_flag {
            Error::usage("config", format!("--db (or CPNI_DB): {m}"))
                .hint("see the README section \"PostgreSQL\" for the form of the URL")
        } else {
            config_error(origin, m)
        }
    };
    let (db, from_flag) = match (db_flag, file_db) {
        (Some(p), _) => (p, true),
        (None, Some(p)) => (p, false),
        (None, None) => return sqlite_only(default_db_path()?, origin, storage),
    };
    let Some(raw) = db.to_str() else {
        return Err(refuse(
            from_flag,
            format!(
                "db {:?} is not valid UTF-8; cpni takes only UTF-8 paths and URLs",
                db.to_string_lossy()
            ),
        ));
    };
    let text = raw.trim();
    if !target::looks_like_url(text) {
        return sqlite_only(db.to_path_buf(), origin, storage);
    }
    if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(refuse(
            from_flag,
            "db looks like a URL but holds a space, tab or other control character; write it \
             without any, e.g. postgresql://cpni_app@HOST/DATABASE"
                .into(),
        ));
    }
    let files = target::StorageFiles {
        password_file: storage.password_file.clone(),
        owner_password_file: storage.owner_password_file.clone(),
        owner_role: storage.owner_role.clone(),
        ca_file: storage.ca_file.clone(),
    };
    let t = target::parse(text, files).map_err(|m| refuse(from_flag, m))?;
    let keys = default_db_path()?.with_file_name(key_base_name(&t));
    Ok((keys, Some(t)))
}

/// The file name of the key base of a PostgreSQL database: its name (letters, digits, `_` and
/// `-` kept, at most 32) and 16 hex digits of SHA-256 over host, port and database, so two
/// databases never share keys on one host.
fn key_base_name(t: &crate::store::pg::target::Target) -> String {
    use sha2::{Digest, Sha256};
    let host = match &t.host {
        crate::store::pg::target::Host::Tcp(h) => h.to_ascii_lowercase(),
        crate::store::pg::target::Host::Socket(p) => p.to_string_lossy().into_owned(),
    };
    let digest = Sha256::digest(format!("{host}\n{}\n{}", t.port, t.dbname).as_bytes());
    let name: String = t
        .dbname
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "_-".contains(*c))
        .take(32)
        .collect();
    format!("cpni-pg-{name}-{}", hex::encode(&digest[..8]))
}

/// A SQLite `db`: refused when a PostgreSQL-only `[storage]` key is set.
fn sqlite_only(
    path: PathBuf,
    origin: Option<&Path>,
    storage: &StorageSection,
) -> Result<(PathBuf, Option<crate::store::pg::target::Target>)> {
    for (key, set) in [
        ("password_file", storage.password_file.is_some()),
        ("owner_password_file", storage.owner_password_file.is_some()),
        ("owner_role", storage.owner_role.is_some()),
        ("ca_file", storage.ca_file.is_some()),
    ] {
        if set {
            return Err(config_error(
                origin,
                format!(
                    "storage.{key} applies to a PostgreSQL db only, and db is a SQLite file \
                     ({}); remove storage.{key}, or set db to a postgresql:// URL",
                    path.display()
                ),
            ));
        }
    }
    Ok((path, None))
}

fn breach_settings(origin: Option<&Path>, b: &BreachSection) -> Result<(Rule, Calendar)> {
    let rule = match b.rule.as_deref() {
        None => Rule::R2007,
        Some(r) => Rule::parse(r).ok_or_else(|| {
            config_error(
                origin,
                format!("breach.rule = {r:?}: use \"2007\" or \"2024\""),
            )
        })?,
    };
    let mut calendar = Calendar {
        federal: b.federal_holidays.unwrap_or(true),
        ..Calendar::default()
    };
    for h in b.holidays.iter().flatten() {
        let d = crate::clock::parse_date(h).ok_or_else(|| {
            config_error(
                origin,
                format!("breach.holidays: {h:?} is not a date like \"2026-12-24\""),
            )
        })?;
        calendar.extra.insert(d);
    }
    Ok((rule, calendar))
}

fn positive(origin: Option<&Path>, key: &str, v: Option<i64>, default: i64) -> Result<i64> {
    match v {
        None => Ok(default),
        Some(n) if (1..=100_000).contains(&n) => Ok(n),
        Some(n) => Err(config_error(
            origin,
            format!("{key} = {n}: must be a positive whole number"),
        )),
    }
}

/// `localhost`, or a literal loopback address (`127.0.0.1`, `::1`, `[::1]`): never a name that
/// merely begins with `127.`, which DNS could point anywhere.
pub fn is_loopback_host(host: &str) -> bool {
    let h = host.trim_start_matches('[').trim_end_matches(']');
    h.eq_ignore_ascii_case("localhost")
        || h.parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn check_mail(origin: Option<&Path>, m: &MailSection) -> Result<()> {
    match m.transport.as_deref() {
        None | Some("file") => {}
        Some("smtp") if m.smtp.is_none() => {
            return Err(config_error(
                origin,
                "mail.transport = \"smtp\" needs a [mail.smtp] table with at least host".into(),
            ));
        }
        Some("smtp") => {}
        Some(other) => {
            return Err(config_error(
                origin,
                format!("mail.transport = {other:?}: use \"file\" or \"smtp\""),
            ));
        }
    }
    if let Some(tls) = m.smtp.as_ref().and_then(|s| s.tls.as_deref())
        && !matches!(tls, "starttls" | "tls" | "none")
    {
        return Err(config_error(
            origin,
            format!("mail.smtp.tls = {tls:?}: use \"starttls\", \"tls\" or \"none\""),
        ));
    }
    if let Some(smtp) = &m.smtp
        && smtp.tls.as_deref() == Some("none")
        && !is_loopback_host(&smtp.host)
    {
        return Err(config_error(
            origin,
            format!(
                "mail.smtp.tls = \"none\" sends codes in clear; it is allowed only for a literal loopback address (127.0.0.1, ::1) or localhost, not {:?}",
                smtp.host
            ),
        ));
    }
    if let Some(from) = &m.from
        && from.parse::<lettre::message::Mailbox>().is_err()
    {
        return Err(config_error(
            origin,
            format!("mail.from = {from:?} is not a mailbox like \"Acme <no-reply@acme.example>\""),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Config> {
        let f = parse(text).map_err(|m| Error::usage("config", m))?;
        resolve(f, Some(Path::new("/tmp/x.db")), None)
    }

    #[test]
    fn unknown_key_is_named() {
        let err = parse("[pin]\nmin_lenght = 6\n").unwrap_err();
        assert!(err.contains("min_lenght"), "{err}");
        assert!(!err.contains("top-level"), "{err}");
    }

    #[test]
    fn db_under_a_section_says_to_move_it() {
        let err = parse("[storage]\nlock_timeout_secs = 5\ndb = \"/tmp/x.db\"\n").unwrap_err();
        assert!(err.contains("line 3"), "{err}");
        assert!(
            err.contains("move the db line above the first [section]"),
            "{err}"
        );
    }

    #[test]
    fn defaults_and_ranges() {
        let c = load("").unwrap();
        assert_eq!(c.pin_min_len, 6);
        assert_eq!(c.default_country, "US");
        assert!(load("[pin]\nmin_length = 3\n").is_err());
        assert!(load("[pin]\nmin_length = 16\n").is_err());
        assert_eq!(load("[pin]\nmin_length = 4\n").unwrap().pin_min_len, 4);
        assert!(load("[mail]\ntransport = \"pigeon\"\n").is_err());
        assert!(load("[mail]\ntransport = \"smtp\"\n").is_err());
        assert!(load("[phone]\ndefault_country = \"ZZ\"\n").is_err());
        let plain = |host: &str| {
            format!(
                "[mail]\ntransport = \"smtp\"\n[mail.smtp]\nhost = \"{host}\"\ntls = \"none\"\n"
            )
        };
        assert!(load(&plain("smtp.example.com")).is_err());
        assert!(load(&plain("127.0.0.1")).is_ok());
        assert!(load(&plain("::1")).is_ok());
        assert!(load(&plain("localhost")).is_ok());
        assert!(load(&plain("127.attacker.example")).is_err());
        assert!(load(&plain("127.0.0.1.attacker.example")).is_err());
        assert!(load(&plain("localhost.attacker.example")).is_err());
    }

    #[test]
    fn breach_rule_and_holidays() {
        let c = load("").unwrap();
        assert_eq!(c.breach_rule, Rule::R2007);
        assert!(c.calendar.federal && c.calendar.extra.is_empty());
        assert_eq!(c.retention_years, 2);
        assert!(load("[retention]\nyears = 0\n").is_err());
        assert!(load("[checkpoint]\nevery_records = 0\n").is_err());
        assert!(load("[checkpoint]\ncommand = []\n").is_err());
        let c = load("[checkpoint]\nevery_records = 5\ncommand = [\"cat\"]\n").unwrap();
        assert_eq!(c.checkpoint.every_records, Some(5));
        assert_eq!(load("[retention]\nyears = 1\n").unwrap().retention_years, 1);
        let c = load(
            "[breach]\nrule = \"2024\"\nfederal_holidays = false\nholidays = [\"2026-12-24\"]\n",
        )
        .unwrap();
        assert_eq!(c.breach_rule, Rule::R2024);
        assert!(!c.calendar.federal && c.calendar.extra.len() == 1);
        assert!(load("[breach]\nrule = \"2011\"\n").is_err());
        assert_eq!(c.time_zone.name(), "America/New_York");
        let c = load("[breach]\ntime_zone = \"America/Chicago\"\n").unwrap();
        assert_eq!(c.time_zone.name(), "America/Chicago");
        assert!(load("[breach]\ntime_zone = \"Mars/Olympus\"\n").is_err());
        assert!(load("[breach]\nholidays = [\"24/12/2026\"]\n").is_err());
    }

    #[test]
    fn a_postgresql_db_is_a_url_never_a_path() {
        let text = "db = \"postgresql://cpni_app@pg.example/cpni\"\n[storage]\n\
                    password_file = \"/etc/cpni/app\"\nowner_role = \"own\"\n";
        let c = resolve(parse(text).unwrap(), None, None).unwrap();
        let t = c.postgres.as_ref().expect("a PostgreSQL target");
        assert_eq!(t.password_file.as_deref(), Some(Path::new("/etc/cpni/app")));
        assert_eq!(t.owner_role, "own");
        let name = c.db_path.file_name().unwrap().to_str().unwrap().to_string();
        assert!(
            name.starts_with("cpni-pg-cpni-") && name.len() == 29,
            "{name}"
        );
        // Another database, another key base.
        let other = text.replace("/cpni\"", "/cpni2\"");
        let c2 = resolve(parse(&other).unwrap(), None, None).unwrap();
        assert_ne!(c.db_path, c2.db_path);
        // --db wins over the file, either way round; with a SQLite --db the PostgreSQL-only
        // settings are refused, naming the key.
        let e = resolve(parse(text).unwrap(), Some(Path::new("/tmp/x.db")), None).unwrap_err();
        assert!(
            e.message
                .contains("storage.password_file applies to a PostgreSQL db only"),
            "{}",
            e.message
        );
        let c = resolve(File::default(), Some(Path::new("/tmp/x.db")), None).unwrap();
        assert!(c.postgres.is_none());
        let url = Path::new("postgres://cpni_app@h/cpni");
        assert!(
            resolve(File::default(), Some(url), None)
                .unwrap()
                .postgres
                .is_some()
        );
        // A password in the URL: the error names db and password_file, never the password.
        let e = resolve(
            parse("db = \"postgresql://u:sekrit@h/d\"\n").unwrap(),
            None,
            None,
        )
        .unwrap_err();
        assert!(
            e.message.contains("password_file") && !e.message.contains("sekrit"),
            "{}",
            e.message
        );
        assert_eq!(e.exit_code(), 2);
        // Anything URL-like that is not PostgreSQL is refused, never used as a path.
        for bad in ["postgresql:cpni", "mysql://u@h/d", "postgres:"] {
            assert!(
                resolve(File::default(), Some(Path::new(bad)), None).is_err(),
                "{bad}"
            );
        }
    }
}
