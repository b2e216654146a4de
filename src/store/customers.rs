//! SQL for customers, their contacts of record, secrets (as hashes) and lock state.

use crate::store::sql::{Row, vals};

use crate::error::Result;
use crate::store::{Read, Write};

/// A customer row. `pin_hash` and `backup_hash` are Argon2id PHC strings, never shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Customer {
    pub account: String,
    pub name: String,
    pub phone: String,
    pub phone_since: String,
    pub email: String,
    pub email_since: String,
    pub street: String,
    pub city: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
    pub postal_since: String,
    pub account_rep: Option<String>,
    pub cpni_contract: Option<String>,
    pub pin_hash: Option<String>,
    pub pin_set_at: Option<String>,
    pub pin_must_change: bool,
    pub backup_hash: Option<String>,
    pub backup_set_at: Option<String>,
    pub failures: i64,
    pub lock_level: i64,
    pub locked_until: Option<String>,
    pub created_at: String,
    /// A temporary PIN (lost-PIN reset) kept beside the working PIN until used.
    pub temp_pin_hash: Option<String>,
    pub temp_pin_set_at: Option<String>,
    /// The business contract's own authentication method (`passphrase` or `callback`).
    pub contract_method: Option<String>,
    pub contract_secret_hash: Option<String>,
    pub contract_callback: Option<String>,
    pub contract_callback_since: Option<String>,
    /// When the contract's method (and passphrase) was last set.
    pub contract_set_at: Option<String>,
}

const COLUMNS: &str = "account, name, phone, phone_since, email, email_since, street, city, \
    region, postal_code, country, postal_since, account_rep, cpni_contract, pin_hash, pin_set_at, \
    pin_must_change, backup_hash, backup_set_at, failures, lock_level, locked_until, created_at, \
    temp_pin_hash, temp_pin_set_at, contract_method, contract_secret_hash, contract_callback, \
    contract_callback_since, contract_set_at";

fn row(r: &Row<'_>) -> Result<Customer> {
    Ok(Customer {
        account: r.get(0)?,
        name: r.get(1)?,
        phone: r.get(2)?,
        phone_since: r.get(3)?,
        email: r.get(4)?,
        email_since: r.get(5)?,
        street: r.get(6)?,
        city: r.get(7)?,
        region: r.get(8)?,
        postal_code: r.get(9)?,
        country: r.get(10)?,
        postal_since: r.get(11)?,
        account_rep: r.get(12)?,
        cpni_contract: r.get(13)?,
        pin_hash: r.get(14)?,
        pin_set_at: r.get(15)?,
        pin_must_change: r.get::<i64>(16)? == 1,
        backup_hash: r.get(17)?,
        backup_set_at: r.get(18)?,
        failures: r.get(19)?,
        lock_level: r.get(20)?,
        locked_until: r.get(21)?,
        created_at: r.get(22)?,
        temp_pin_hash: r.get(23)?,
        temp_pin_set_at: r.get(24)?,
        contract_method: r.get(25)?,
        contract_secret_hash: r.get(26)?,
        contract_callback: r.get(27)?,
        contract_callback_since: r.get(28)?,
        contract_set_at: r.get(29)?,
    })
}

impl Read<'_> {
    pub fn customer(&self, account: &str) -> Result<Option<Customer>> {
        self.sql.row(
            &format!("SELECT {COLUMNS} FROM customer WHERE account = ?1"),
            vals![account],
            row,
        )
    }

    pub fn customer_exists(&self, account: &str) -> Result<bool> {
        Ok(self
            .sql
            .row(
                "SELECT 1 FROM customer WHERE account = ?1",
                vals![account],
                |_| Ok(()),
            )?
            .is_some())
    }

    /// Customers whose account, name, email or phone contains `query` (case-insensitive).
    pub fn search_customers(&self, query: Option<&str>, limit: i64) -> Result<Vec<Customer>> {
        let pattern = query.map(|q| {
            let escaped = q
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            format!("%{escaped}%")
        });
        self.sql.rows(
            &self.sql.text_nulls(&format!(
                "SELECT {COLUMNS} FROM customer WHERE ?1 IS NULL OR account LIKE ?1 ESCAPE '\\' \
             OR name LIKE ?1 ESCAPE '\\' OR email LIKE ?1 ESCAPE '\\' OR phone LIKE ?1 ESCAPE '\\' \
             ORDER BY account LIMIT ?2"
            )),
            vals![pattern, limit],
            row,
        )
    }
}

impl Write<'_> {
    pub fn insert_customer(&self, c: &Customer) -> Result<()> {
        self.sql.execute(&format!(
            "INSERT INTO customer ({COLUMNS}, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, \
             ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, \
             ?27, ?28, ?29, ?30, ?23)"
        ), vals![
            c.account,
            c.name,
            c.phone,
            c.phone_since,
            c.email,
            c.email_since,
            c.street,
            c.city,
            c.region,
            c.postal_code,
            c.country,
            c.postal_since,
            c.account_rep,
            c.cpni_contract,
            c.pin_hash,
            c.pin_set_at,
            c.pin_must_change as i64,
            c.backup_hash,
            c.backup_set_at,
            c.failures,
            c.lock_level,
            c.locked_until,
            c.created_at,
            c.temp_pin_hash,
            c.temp_pin_set_at,
            c.contract_method,
            c.contract_secret_hash,
            c.contract_callback,
            c.contract_callback_since,
            c.contract_set_at,
        ])?;
        Ok(())
    }

    /// Stores the account-wide lockout counters.
    pub fn set_customer_lock_state(
        &self,
        account: &str,
        failures: i64,
        lock_level: i64,
        locked_until: Option<&str>,
        at: &str,
    ) -> Result<()> {
        self.sql.execute_one(
            "UPDATE customer SET failures = ?2, lock_level = ?3, locked_until = ?4, updated_at = ?5 \
             WHERE account = ?1", vals![account, failures, lock_level, locked_until, at], &format!("customer {account}"))?;
        Ok(())
    }

    /// Replaces the working PIN and retires any outstanding temporary PIN.
    pub fn set_pin_hash(&self, account: &str, phc: &str, at: &str) -> Result<()> {
        self.sql.execute_one(
            "UPDATE customer SET pin_hash = ?2, pin_must_change = 0, pin_set_at = ?3, \
             temp_pin_hash = NULL, temp_pin_set_at = NULL, updated_at = ?3 WHERE account = ?1",
            vals![account, phc, at],
            &format!("customer {account}"),
        )?;
        Ok(())
    }

    /// Stores a temporary PIN beside the working one (which stays valid until it is replaced).
    pub fn set_temp_pin(&self, account: &str, phc: &str, at: &str) -> Result<()> {
        self.sql.execute_one(
            "UPDATE customer SET temp_pin_hash = ?2, temp_pin_set_at = ?3, pin_must_change = 1, \
             updated_at = ?3 WHERE account = ?1",
            vals![account, phc, at],
            &format!("customer {account}"),
        )?;
        Ok(())
    }

    /// Records the business contract's authentication method.
    pub fn set_contract_method(&self, c: &Customer, at: &str) -> Result<()> {
        self.sql.execute_one(
            "UPDATE customer SET contract_method = ?2, contract_secret_hash = ?3, \
             contract_callback = ?4, contract_callback_since = ?5, contract_set_at = ?6, updated_at = ?6 \
             WHERE account = ?1",
            vals![
                c.account,
                c.contract_method,
                c.contract_secret_hash,
                c.contract_callback,
                c.contract_callback_since,
                at
            ],
        &format!("customer {}", c.account),
        )?;
        Ok(())
    }

    /// Replaces the stored hash without touching dates (an upgrade of the hash parameters).
    pub fn rehash_pin(&self, account: &str, phc: &str) -> Result<()> {
        self.sql.execute_one(
            "UPDATE customer SET pin_hash = ?2 WHERE account = ?1",
            vals![account, phc],
            &format!("customer {account}"),
        )?;
        Ok(())
    }

    /// Replaces the backup secret's hash.
    pub fn set_backup_hash(&self, account: &str, phc: &str, at: &str) -> Result<()> {
        self.sql.execute_one(
            "UPDATE customer SET backup_hash = ?2, backup_set_at = ?3, updated_at = ?3 WHERE account = ?1",
            vals![account, phc, at],
        &format!("customer {account}"),
        )?;
        Ok(())
    }

    /// Replaces the email of record; it is on record from `at`.
    pub fn set_customer_email(&self, account: &str, email: &str, at: &str) -> Result<()> {
        self.sql.execute_one(
            "UPDATE customer SET email = ?2, email_since = ?3, updated_at = ?3 WHERE account = ?1",
            vals![account, email, at],
            &format!("customer {account}"),
        )?;
        Ok(())
    }

    /// Replaces the telephone number of record; it is on record from `at`.
    pub fn set_customer_phone(&self, account: &str, phone: &str, at: &str) -> Result<()> {
        self.sql.execute_one(
            "UPDATE customer SET phone = ?2, phone_since = ?3, updated_at = ?3 WHERE account = ?1",
            vals![account, phone, at],
            &format!("customer {account}"),
        )?;
        Ok(())
    }

    /// Replaces the postal address of record; it is on record from `at`.
    pub fn set_customer_address(&self, c: &Customer, at: &str) -> Result<()> {
        self.sql.execute_one(
            "UPDATE customer SET street = ?2, city = ?3, region = ?4, postal_code = ?5, country = ?6, \
             postal_since = ?7, updated_at = ?7 WHERE account = ?1",
            vals![
                c.account,
                c.street,
                c.city,
                c.region,
                c.postal_code,
                c.country,
                at
            ],
        &format!("customer {}", c.account),
        )?;
        Ok(())
    }
}

impl Customer {
    /// The postal address of record as a domain value.
    pub fn postal(&self) -> crate::domain::contact::PostalAddress {
        crate::domain::contact::PostalAddress {
            street: self.street.clone(),
            city: self.city.clone(),
            region: self.region.clone(),
            postal_code: self.postal_code.clone(),
            country: self.country.clone(),
        }
    }
}
