//! One module per command: arguments in, a [`Report`] out. Commands never print.

pub mod table;

use crate::cli::{Command, TableCommand};
use crate::context::Context;
use crate::report::{Report, ReportKind};

/// Whether a command is a check (exit 0/1/2/3) or an action (exit 0/1), decided before it runs
/// so that an error can be given the right exit code too.
pub fn kind(command: &Command) -> ReportKind {
    match command {
        Command::Table(TableCommand::Verify) => ReportKind::Check,
        Command::Table(_) => ReportKind::Action,
    }
}

pub async fn run(command: &Command, ctx: &Context) -> anyhow::Result<Report> {
    match command {
        Command::Table(TableCommand::Create(args)) => table::create(ctx, args).await,
        Command::Table(TableCommand::Verify) => table::verify(ctx).await,
        Command::Table(TableCommand::Describe) => table::describe(ctx).await,
    }
}
