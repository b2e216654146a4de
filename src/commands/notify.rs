//! `cpni notify …`: placeholder.
use clap::Subcommand;
use crate::error::Result;
use super::context::Ctx;
#[derive(Debug, Subcommand)]
pub enum NotifyCommand { List }
pub fn run(_ctx: &Ctx, _c: NotifyCommand) -> Result<u8> { Ok(0) }
