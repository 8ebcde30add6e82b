//! eventsctl: the events-table runbook as commands.
//!
//! The binary (`main.rs`) is glue: it parses the command line, builds a [`context::Context`], runs
//! a command from [`commands`] that returns a [`report::Report`], renders it with [`output`] and
//! turns it into the exit code. Everything else lives here so that tests can reach it.

/// What `eventsctl --version` prints after the name: the package version and the commit it was
/// built from (`build.rs`; `unknown` when built outside a git checkout).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("EVENTSCTL_COMMIT"),
    ")"
);

pub mod aws;
pub mod bench;
pub mod checks;
pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod docgen;
pub mod dr;
pub mod error;
pub mod events;
pub mod files;
pub mod output;
pub mod plan;
pub mod progress;
pub mod report;
pub mod safety;
pub mod scale;
pub mod spec;
pub mod times;
pub mod ttl_scan;
pub mod vocab;
