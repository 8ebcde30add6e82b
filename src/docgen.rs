//! Shell completions and man pages, generated from the same clap definitions as `--help`.
//! The files under `completions/` and `docs/man/` are these outputs; a test fails when they
//! are stale (`scripts/gen-docs.sh` rewrites them).

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

/// One man page per command and subcommand: (`eventsctl-table-create.1`, roff).
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    fn walk(
        cmd: &clap::Command,
        prefix: &str,
        out: &mut Vec<(String, Vec<u8>)>,
    ) -> std::io::Result<()> {
        let name = if prefix.is_empty() {
            cmd.get_name().to_owned()
        } else {
            format!("{prefix}-{}", cmd.get_name())
        };
        let page = cmd.clone().name(name.clone());
        let mut buf = Vec::new();
        clap_mangen::Man::new(page).render(&mut buf)?;
        out.push((format!("{name}.1"), buf));
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            walk(sub, &name, out)?;
        }
        Ok(())
    }
    let mut cmd = Cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, "", &mut out)?;
    Ok(out)
}
