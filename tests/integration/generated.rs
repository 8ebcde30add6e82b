//! The committed completions (completions/) and man pages (docs/man/) are what the binary
//! generates from its clap definitions. Stale files fail here; `scripts/gen-docs.sh` (which sets
//! EVENTSCTL_BLESS=1) rewrites them.

use std::path::PathBuf;

use clap::CommandFactory;
use eventsctl::cli::Cli;
use eventsctl::docgen::{SHELLS, completion, completion_file};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn check(path: PathBuf, want: &[u8], stale: &mut Vec<String>) {
    if std::env::var_os("EVENTSCTL_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, want).unwrap();
        return;
    }
    match std::fs::read(&path) {
        Ok(have) if have == want => {}
        _ => stale.push(path.display().to_string()),
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
        // The package version, not `--version`'s commit: the pages are committed, and would be
        // stale after every commit.
        let page = cmd
            .clone()
            .name(name.clone())
            .version(env!("CARGO_PKG_VERSION"));
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

#[test]
fn completions_and_man_pages_are_current() {
    let mut stale = Vec::new();
    for shell in SHELLS {
        check(
            root().join("completions").join(completion_file(shell)),
            &completion(shell),
            &mut stale,
        );
    }
    let pages = man_pages().unwrap();
    assert!(pages.len() > 30, "one page per command: {}", pages.len());
    let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    for want in [
        "eventsctl.1",
        "eventsctl-table-create.1",
        "eventsctl-health-check-monthly.1",
        "eventsctl-events-import.1",
    ] {
        assert!(names.contains(&want), "{want} in {names:?}");
    }
    for (name, body) in &pages {
        check(root().join("docs/man").join(name), body, &mut stale);
    }
    // No page is left over from a command that no longer exists.
    if std::env::var_os("EVENTSCTL_BLESS").is_none() {
        for entry in std::fs::read_dir(root().join("docs/man")).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            assert!(
                names.contains(&name.as_str()),
                "docs/man/{name} belongs to no command; run scripts/gen-docs.sh"
            );
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files (run scripts/gen-docs.sh): {stale:?}"
    );
}

#[test]
fn the_completions_command_prints_the_same_script() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_eventsctl"))
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, completion(clap_complete::aot::Shell::Bash));
}

/// README's Layout names every module under src/ (a file or a directory at the top), so a
/// module added without a line there fails here.
#[test]
fn readme_layout_names_every_top_level_module() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let layout = readme
        .split("## Layout")
        .nth(1)
        .and_then(|s| s.split("```").nth(1))
        .expect("README has a Layout section with a code block");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(root().join("src")).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let shown = if entry.path().is_dir() {
            format!("src/{name}/")
        } else if name.ends_with(".rs") {
            format!("src/{name}")
        } else {
            continue;
        };
        if !layout.contains(&shown) {
            missing.push(shown);
        }
    }
    missing.sort();
    assert!(
        missing.is_empty(),
        "README's Layout does not name {missing:?}"
    );
}

/// Issue 27: `docs/schema/eventsctl-v1.json` is what the types generate (the envelope's and
/// each command's `data`); the suite validates every JSON output against the committed file
/// (`common::assert_matches_schema`).
#[test]
fn the_json_schema_is_current() {
    let schema = eventsctl::commands::data_schema::json_schema();
    let want = serde_json::to_string_pretty(&schema).unwrap() + "\n";
    let mut stale = Vec::new();
    check(
        root().join("docs/schema/eventsctl-v1.json"),
        want.as_bytes(),
        &mut stale,
    );
    assert!(
        stale.is_empty(),
        "stale: {stale:?}; run scripts/gen-docs.sh"
    );
    // The schema holds what the suite relies on: the three envelopes, the data rules.
    assert_eq!(schema["title"], "eventsctl/v1");
    assert_eq!(schema["oneOf"].as_array().map(Vec::len), Some(3));
    assert!(
        schema["$defs"]["Envelope"]["allOf"]
            .as_array()
            .is_some_and(|r| !r.is_empty())
    );
}
