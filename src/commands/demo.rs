//! `cpni demo`: the wizard on a throw-away database with the demo customers and sample
//! statements. Its folder is deleted on every exit: normal, error, or Ctrl-C (the wizard's
//! interrupt handler removes it before exiting 130).

use clap::Args;

use crate::commands::context::Ctx;
use crate::commands::verify::{self, VerifyArgs};
use crate::error::Result;
use crate::store::Db;

#[derive(Debug, Args)]
pub struct DemoArgs {}

/// `cpni demo`: a throw-away database with the demo customers, then the wizard.
pub fn demo(ctx: &Ctx, _a: DemoArgs) -> Result<u8> {
    let dir = std::env::temp_dir().join(format!("cpni-demo-{}", std::process::id()));
    let mut cfg = ctx.cfg.clone();
    cfg.db_path = dir.join("cpni.db");
    // The demo is always a SQLite file of its own, whatever the configured db.
    cfg.postgres = None;
    cfg.mail.outbox = None;
    cfg.wizard.statements_dir = Some(dir.join("statements"));
    verify::set_cleanup(Some(dir.clone()));
    let demo_ctx = Ctx {
        cfg,
        out: ctx.out,
        no_input: ctx.no_input,
        on_behalf_of: None,
        agent: None,
        key: None,
    };
    let result = run_demo(&demo_ctx);
    verify::set_cleanup(None);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn run_demo(ctx: &Ctx) -> Result<u8> {
    let (mut db, _) = Db::create(&ctx.cfg.db_path)?;
    crate::secrets::create_keys(&ctx.cfg.db_path)?;
    crate::commands::init::register_admin(&mut db, &crate::commands::context::os_login())?;
    crate::commands::demo_data::load(&mut db, &ctx.cfg, &crate::commands::context::os_login())?;
    drop(db);
    crate::commands::demo_data::statements(&ctx.cfg)?;
    let banner = format!(
        "Demo database (deleted on exit): {}\n\
         Demo accounts: DEMO-1001 (PIN 804713), DEMO-1002 (email too new), DEMO-1003 (no PIN), \
         DEMO-1004 (business), DEMO-1005 (address edge)\n\
         Emailed codes land as .eml files in {}/outbox/\n",
        ctx.cfg.db_path.display(),
        ctx.cfg
            .db_path
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    );
    // Wrapped at word boundaries to the terminal, like every wizard line.
    crate::ui::hangup::say(&crate::ui::wrap::wrap(&banner, crate::ui::wrap::width()));
    verify::run(
        ctx,
        VerifyArgs {
            account: None,
            channel: "inbound".into(),
            in_store: false,
        },
    )
}
