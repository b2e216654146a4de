//! `cpni verify`: placeholder.
use clap::Args;
use crate::error::Result;
use super::context::Ctx;
#[derive(Debug, Args)]
pub struct VerifyArgs { pub account: Option<String> }
#[derive(Debug, Args)]
pub struct DemoArgs {}
pub fn run(_ctx: &Ctx, _a: VerifyArgs) -> Result<u8> { Ok(0) }
pub fn demo(_ctx: &Ctx, _a: DemoArgs) -> Result<u8> { Ok(0) }
