//! Shell completions, generated from the same clap definitions as `--help`. The files under
//! `completions/` are this output, and `docs/man/` is rendered from the same definitions by
//! `tests/integration/generated.rs`; that test fails when either is stale (`scripts/gen-docs.sh` rewrites them).

use clap::CommandFactory;
use clap_complete::aot::{Shell, generate};

use crate::cli::Cli;

pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::PowerShell,
    Shell::Elvish,
];

/// The completion script for a shell.
pub fn completion(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    generate(shell, &mut Cli::command(), "eventsctl", &mut out);
    out
}

/// Where the committed script for a shell lives, under `completions/`.
pub fn completion_file(shell: Shell) -> &'static str {
    match shell {
        Shell::Bash => "eventsctl.bash",
        Shell::Zsh => "_eventsctl",
        Shell::Fish => "eventsctl.fish",
        Shell::PowerShell => "_eventsctl.ps1",
        Shell::Elvish => "eventsctl.elv",
        _ => "eventsctl.completion",
    }
}
