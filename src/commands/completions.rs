//! `completions SHELL`: the completion script, generated from the clap definitions.

use super::Outcome;
use super::data_schema::none;
use super::registry::{Kind, Leaf, Limit};
use crate::cli::Command;

/// Prints the script and ends; no AWS call, so no time limit either.
pub(crate) static COMPLETIONS: Leaf<clap_complete::aot::Shell> = Leaf::new(
    "completions",
    Kind::Action,
    |c| match c {
        Command::Completions { shell } => Some(shell),
        _ => None,
    },
    |_, shell, out| {
        Box::pin(async move {
            out.write_all(&crate::docgen::completion(*shell))?;
            Ok(Outcome::Streamed { failed: false })
        })
    },
)
.limit(Limit::Unbounded)
.offline()
.data(none);
