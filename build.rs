//! Names the commit in `eventsctl --version`: `git rev-parse --short HEAD` when the source is a
//! git checkout, else `EVENTSCTL_BUILD_COMMIT` (a packager's), else `unknown` (a source archive).
//!
//! Cargo reruns this only when HEAD moves (the files named below change), never on every build.

use std::path::Path;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (out.status.success() && !text.is_empty()).then(|| text.to_owned())
}

fn main() {
    println!("cargo:rerun-if-env-changed=EVENTSCTL_BUILD_COMMIT");
    let from_env = std::env::var("EVENTSCTL_BUILD_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty());
    let from_git = git(&["rev-parse", "--short", "HEAD"]);
    // HEAD itself (a checkout or a detached HEAD moves it), the branch it points to (a commit
    // moves that), and packed-refs (where a branch's ref may live). Worktrees keep HEAD in their
    // own git dir and refs in the common one: `--git-path` resolves both. Only files that exist:
    // a missing one would make cargo rerun this script on every build.
    let mut watched = Vec::new();
    if from_git.is_some() {
        let mut paths = vec!["HEAD".to_owned(), "packed-refs".to_owned()];
        if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
            paths.push(branch);
        }
        for p in paths {
            if let Some(file) = git(&["rev-parse", "--git-path", &p])
                && Path::new(&file).is_file()
            {
                watched.push(file);
            }
        }
    }
    for file in &watched {
        println!("cargo:rerun-if-changed={file}");
    }
    if watched.is_empty() {
        // Without this line cargo would rerun the script whenever any file of the package changed.
        println!("cargo:rerun-if-changed=build.rs");
    }
    let commit = from_env
        .or(from_git)
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=EVENTSCTL_COMMIT={commit}");
}
