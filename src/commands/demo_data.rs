//! Sample customers for `cpni init --demo` and `cpni demo`, chosen so that every method can be
//! tried at once. Their PINs are public (README); never load them into a real database.

use time::Duration;

use crate::audit::Actor;
use crate::commands::customer::{ContactArgs, new_customer};
use crate::config::Config;
use crate::error::Result;
use crate::store::Db;
use crate::{clock, secrets};

struct Demo {
    account: &'static str,
    name: &'static str,
    phone: &'static str,
    email: &'static str,
    street: &'static str,
    city: &'static str,
    region: &'static str,
    postal: &'static str,
    pin: Option<&'static str>,
    email_age_days: i64,
    postal_age_days: i64,
    business: bool,
}

/// The demo business contract's passphrase (DEMO-1004; public, README).
pub const DEMO_CONTRACT_PASSPHRASE: &str = "acme freight orbit 2025";

const DEMO: &[Demo] = &[
    Demo {
        account: "DEMO-1001",
        name: "Ada Lovelace",
        phone: "+1 202 555 0142",
        email: "ada@example.com",
        street: "12 Analytical Way",
        city: "Springfield",
        region: "IL",
        postal: "62701",
        pin: Some("804713"),
        email_age_days: 400,
        postal_age_days: 400,
        business: false,
    },
    Demo {
        account: "DEMO-1002",
        name: "Grace Hopper",
        phone: "+1 202 555 0178",
        email: "grace@example.com",
        street: "9 Compiler Court",
        city: "Arlington",
        region: "VA",
        postal: "22201",
        pin: Some("390721"),
        email_age_days: 12,
        postal_age_days: 400,
        business: false,
    },
    Demo {
        account: "DEMO-1003",
        name: "Alan Turing",
        phone: "+1 202 555 0111",
        email: "alan@example.com",
        street: "1 Bletchley Road",
        city: "Princeton",
        region: "NJ",
        postal: "08540",
        pin: None,
        email_age_days: 400,
        postal_age_days: 400,
        business: false,
    },
    Demo {
        account: "DEMO-1004",
        name: "Acme Freight LLC",
        phone: "+1 202 555 0190",
        email: "it@acme-freight.example",
        street: "500 Dock Street",
        city: "Baltimore",
        region: "MD",
        postal: "21202",
        pin: Some("615290"),
        email_age_days: 400,
        postal_age_days: 400,
        business: true,
    },
    Demo {
        account: "DEMO-1005",
        name: "Katherine Johnson",
        phone: "+1 202 555 0123",
        email: "kj@example.com",
        street: "3 Orbit Lane",
        city: "Hampton",
        region: "VA",
        postal: "23666",
        pin: Some("728406"),
        email_age_days: 29,
        postal_age_days: 30,
        business: false,
    },
];

/// Writes sample statements for the demo accounts into the statements folder (0600 files).
pub fn statements(cfg: &Config) -> Result<()> {
    let Some(dir) = &cfg.wizard.statements_dir else {
        return Ok(());
    };
    std::fs::create_dir_all(dir)?;
    for d in DEMO {
        let path = dir.join(format!("{}-call-detail-2026-11.txt", d.account));
        let text = format!(
            "Call detail for {} ({}), November 2026 (demo data)\n2026-11-03 09:12  +1 202 555 0100  4 min\n",
            d.account, d.name
        );
        crate::secrets::write_new_private(&path, text.as_bytes())?;
    }
    Ok(())
}

/// Inserts the demo customers in one transaction; returns how many.
pub fn load(db: &mut Db, cfg: &Config, login: &str) -> Result<usize> {
    let now = clock::now();
    let mut rows = Vec::new();
    for d in DEMO {
        let args = ContactArgs {
            name: d.name.into(),
            phone: d.phone.into(),
            email: d.email.into(),
            street: d.street.into(),
            city: d.city.into(),
            region: d.region.into(),
            postal_code: d.postal.into(),
            country: "US".into(),
            account_rep: d.business.then(|| "Dana Reyes".to_string()),
            cpni_contract: d.business.then(|| "CPNI-2025-017".to_string()),
        };
        let since = crate::commands::customer::Since {
            phone: Some(now - Duration::days(400)),
            email: Some(now - Duration::days(d.email_age_days)),
            postal: Some(now - Duration::days(d.postal_age_days)),
        };
        let mut c = new_customer(cfg, d.account, &args, since, now)?;
        if d.business {
            // The contract's own method (64.2010(g)): a passphrase, public for the demo.
            c.contract_method = Some("passphrase".into());
            c.contract_secret_hash = Some(secrets::hash_secret(
                &crate::domain::backup::normalise_backup_secret(DEMO_CONTRACT_PASSPHRASE),
                cfg.hash_preset,
            )?);
        }
        if let Some(pin) = d.pin {
            c.pin_hash = Some(secrets::hash_secret(pin, cfg.hash_preset)?);
            c.pin_set_at = Some(clock::format(now));
        }
        rows.push(c);
    }
    let actor = Actor {
        login: login.to_string(),
        on_behalf_of: None,
    };
    db.step(|tx| {
        for c in &rows {
            tx.insert_customer(c)?;
            let event = crate::commands::customer::created_event(c).with("source", "demo");
            tx.append(&actor, now, event)?;
        }
        Ok(())
    })?;
    Ok(rows.len())
}
