//! `cpni session …`: placeholder.
use clap::Subcommand;
use crate::error::Result;
use super::context::Ctx;
#[derive(Debug, Subcommand)]
pub enum SessionCommand { Show { session: String } }
pub fn run(_ctx: &Ctx, _c: SessionCommand) -> Result<u8> { Ok(0) }
