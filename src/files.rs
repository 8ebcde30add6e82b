//! The output-file rule, written once, for every file a command writes besides stdout
//! (`--failed-out`, `--report`):
//!
//! 1. never an input of the command (the same file by device and inode, so links count too);
//! 2. never over an existing file unless `--force` (a default name is the run's own, from
//!    `create_unique_private`, so none exists);
//! 3. checked before the first AWS call: its directory exists and is writable, it is not a
//!    directory, and two outputs of one command are not the same file;
//! 4. a report that cannot be written is one line on stderr: the report on stdout and the
//!    command's exit code stay what they were.
//!
//! Users read the rule in `docs/safety.md` and in `--help`.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use crate::error::UsageError;
use crate::report::Attachment;

/// An output file a command will write, as the user named it.
#[derive(Debug, Clone)]
pub(crate) struct Output<'a> {
    /// The flag that named it (`--failed-out`), for the error line.
    pub flag: &'static str,
    pub path: &'a Path,
    pub force: bool,
}

fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// The directory a path would be created in.
fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Checks one output against the rule; `inputs` are the files the command reads (`-` for stdin
/// is not a file and is skipped).
pub(crate) fn check(output: &Output<'_>, inputs: &[&Path]) -> Result<(), UsageError> {
    let Output { flag, path, force } = *output;
    let shown = path.display();
    if path.as_os_str().is_empty() || path == Path::new("-") {
        return Err(UsageError::new(format!(
            "{flag} needs a file name (`{shown}` is not one)"
        )));
    }
    for input in inputs.iter().filter(|i| **i != Path::new("-")) {
        if same_file(path, input) {
            return Err(UsageError::new(format!(
                "{flag} {shown} is the input file {}: writing it would destroy the input; name another file",
                input.display()
            )));
        }
    }
    let dir = directory_of(path);
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(UsageError::new(format!(
                "{flag} {shown}: {} is not a directory",
                dir.display()
            )));
        }
        Err(_) => {
            return Err(UsageError::new(format!(
                "{flag} {shown}: directory {} does not exist; create it or name a file in an existing directory",
                dir.display()
            )));
        }
    }
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            return Err(UsageError::new(format!(
                "{flag} {shown} is a directory; name a file"
            )));
        }
        Ok(_) if !force => {
            return Err(UsageError::new(format!(
                "{flag} {shown} already exists; pass --force to replace it, or name another file"
            )));
        }
        _ => {}
    }
    // Writable: a probe file in the directory, removed at once.
    tempfile::Builder::new()
        .prefix(".eventsctl-write-check")
        .tempfile_in(dir)
        .map(drop)
        .map_err(|e| {
            UsageError::new(format!(
                "{flag} {shown}: cannot write in directory {}: {e}",
                dir.display()
            ))
        })
}

/// Checks several outputs of one command: each against the rule, and no two the same file.
pub(crate) fn check_all(outputs: &[Output<'_>], inputs: &[&Path]) -> Result<(), UsageError> {
    for (i, o) in outputs.iter().enumerate() {
        check(o, inputs)?;
        if let Some(earlier) = outputs[..i].iter().find(|e| e.path == o.path) {
            return Err(UsageError::new(format!(
                "{} and {} would both write {}; name two files",
                earlier.flag,
                o.flag,
                o.path.display()
            )));
        }
    }
    Ok(())
}

/// Creates a file that holds people's data (event keys, payloads, scan positions): as
/// `create`, readable and writable by its owner only (0600), whatever the umask. A file
/// replaced with `force` gets the same mode.
pub fn create_private(path: &Path, force: bool) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true);
    if force {
        o.create(true).truncate(true);
    } else {
        o.create_new(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let file = o
        .open(path)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display())))?;
    // `mode` applies only to a file this call created; a replaced one keeps its old mode.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(|e| {
                io::Error::new(e.kind(), format!("cannot restrict {}: {e}", path.display()))
            })?;
    }
    Ok(file)
}

/// The private per-user directory for the files the tool keeps between runs (scan state,
/// records of actions, events that did not land): `$XDG_STATE_HOME/eventsctl`, else
/// `~/.local/state/eventsctl`; `EVENTSCTL_STATE_DIR` overrides both. Created 0700, and an
/// existing one that others can read is refused rather than used: it may sit on a shared
/// bastion host.
pub fn state_dir() -> io::Result<PathBuf> {
    let dir = state_dir_from(|v| std::env::var_os(v)).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::NotFound,
            "no private state directory: set XDG_STATE_HOME, HOME or EVENTSCTL_STATE_DIR",
        )
    })?;
    private_dir(&dir)?;
    Ok(dir)
}

/// Where the state directory is, from the environment variables `var` reads.
fn state_dir_from(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    let set = |name: &str| var(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    set("EVENTSCTL_STATE_DIR")
        // The XDG Base Directory spec: a relative path in XDG_STATE_HOME is invalid and is
        // ignored (https://specifications.freedesktop.org/basedir-spec/latest/).
        .or_else(|| {
            set("XDG_STATE_HOME")
                .filter(|d| d.is_absolute())
                .map(|d| d.join("eventsctl"))
        })
        .or_else(|| set("HOME").map(|d| d.join(".local/state/eventsctl")))
}

/// Creates `dir` (and its parents) 0700 when missing; refuses one that others may read.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot create {}: {e}", dir.display())))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir)?.permissions().mode();
        if mode & 0o077 != 0 {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "the state directory {} is open to other users (mode {:o}); run `chmod 700 {}`",
                    dir.display(),
                    mode & 0o777,
                    dir.display()
                ),
            ));
        }
    }
    Ok(())
}

/// A new private file (0600, created with `create_new`) in `dir` named
/// `{prefix}{time}-{pid}-{random}{suffix}` (time `20261207T021530Z`, UTC): a name no other run
/// can pick, so two runs started in the same second never share a file, and one that exists
/// already is never opened (another name is drawn). Returns the name and the file.
pub(crate) fn create_unique_private(
    dir: &Path,
    prefix: &str,
    suffix: &str,
) -> io::Result<(PathBuf, File)> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let pid = std::process::id();
    let mut last = None;
    for _ in 0..16 {
        let path = dir.join(format!(
            "{prefix}{stamp}-{pid}-{:08x}{suffix}",
            rand::random::<u32>()
        ));
        match create_private(&path, false) {
            Ok(f) => return Ok((path, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free name")))
}

/// A drill record's two files from `--report FILE`: Markdown at FILE and JSON beside it
/// (FILE with `.json`); a FILE that ends in `.json` gets the JSON, and the Markdown goes to FILE
/// with `.md`, so neither overwrites the other.
pub(crate) fn drill_report(path: &Path) -> [Attachment; 2] {
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let (markdown, json) = if is_json {
        (path.with_extension("md"), path.to_owned())
    } else {
        (path.to_owned(), path.with_extension("json"))
    };
    [
        Attachment {
            path: markdown,
            markdown: true,
        },
        Attachment {
            path: json,
            markdown: false,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(path: &Path, force: bool) -> Output<'_> {
        Output {
            flag: "--failed-out",
            path,
            force,
        }
    }

    #[test]
    fn the_input_is_never_an_output_even_with_force_or_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("events.ndjson");
        std::fs::write(&input, "{}\n").unwrap();
        let err = check(&out(&input, true), &[&input]).unwrap_err();
        assert!(err.0.contains("is the input file"), "{err}");
        #[cfg(unix)]
        {
            let link = dir.path().join("link.ndjson");
            std::os::unix::fs::symlink(&input, &link).unwrap();
            assert!(check(&out(&link, true), &[&input]).is_err());
            let relative = dir.path().join(".").join("events.ndjson");
            assert!(check(&out(&relative, true), &[&input]).is_err());
        }
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "{}\n");
    }

    #[test]
    fn existing_files_need_force_and_missing_directories_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let existing = dir.path().join("old.ndjson");
        std::fs::write(&existing, "x").unwrap();
        let err = check(&out(&existing, false), &[]).unwrap_err();
        assert!(err.0.contains("already exists") && err.0.contains("--force"));
        assert!(check(&out(&existing, true), &[]).is_ok());
        let missing = dir.path().join("no-such-dir").join("f.ndjson");
        let err = check(&out(&missing, false), &[]).unwrap_err();
        assert!(
            err.0.contains("--failed-out")
                && err.0.contains(&missing.display().to_string())
                && err.0.contains("no-such-dir")
                && err.0.contains("does not exist"),
            "{err}"
        );
        let err = check(&out(dir.path(), true), &[]).unwrap_err();
        assert!(err.0.contains("is a directory"), "{err}");
        let fresh = dir.path().join("new.ndjson");
        assert!(check(&out(&fresh, false), &[]).is_ok());
        assert!(!fresh.exists(), "checking creates nothing");
    }

    #[test]
    fn two_outputs_may_not_be_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.md");
        let outputs = [
            Output {
                flag: "--report",
                path: &p,
                force: false,
            },
            Output {
                flag: "--report (JSON)",
                path: &p,
                force: false,
            },
        ];
        assert!(check_all(&outputs, &[]).is_err());
    }

    #[test]
    fn create_never_replaces_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.md");
        std::fs::write(&p, "keep").unwrap();
        assert!(create_private(&p, false).is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "keep");
        drop(create_private(&p, true).unwrap());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "");
    }

    #[test]
    fn drill_reports_never_overwrite_each_other() {
        let [md, json] = drill_report(Path::new("out/x.json"));
        assert_eq!(md.path, Path::new("out/x.md"));
        assert_eq!(json.path, Path::new("out/x.json"));
        let [md, json] = drill_report(Path::new("drill.md"));
        assert_eq!(
            (md.path.as_path(), json.path.as_path()),
            (Path::new("drill.md"), Path::new("drill.json"))
        );
        let [md, json] = drill_report(Path::new("drill"));
        assert_ne!(md.path, json.path);
    }

    #[cfg(unix)]
    #[test]
    fn private_files_and_the_state_directory_are_the_owners_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(
            create_private(&path, false).is_err(),
            "never over a file without force"
        );
        drop(create_private(&path, true).unwrap());
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600, "a replaced file is made private too");
        let fresh = dir.path().join("new.ndjson");
        drop(create_private(&fresh, false).unwrap());
        assert_eq!(mode(&fresh), 0o600);

        let state = dir.path().join("state/eventsctl");
        private_dir(&state).unwrap();
        assert_eq!(mode(&state), 0o700);
        std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o755)).unwrap();
        let refused = private_dir(&state).unwrap_err().to_string();
        assert!(refused.contains("chmod 700"), "{refused}");
    }

    #[test]
    fn the_state_directory_follows_the_override_then_xdg_then_home() {
        fn env<'a>(
            pairs: &'a [(&'a str, &'a str)],
        ) -> impl Fn(&str) -> Option<std::ffi::OsString> + 'a {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| std::ffi::OsString::from(v))
            }
        }
        let all = [
            ("EVENTSCTL_STATE_DIR", "/o"),
            ("XDG_STATE_HOME", "/x"),
            ("HOME", "/h"),
        ];
        assert_eq!(state_dir_from(env(&all[..])), Some(PathBuf::from("/o")));
        assert_eq!(
            state_dir_from(env(&all[1..])),
            Some(PathBuf::from("/x/eventsctl"))
        );
        assert_eq!(
            state_dir_from(env(&[("XDG_STATE_HOME", ""), ("HOME", "/h")])),
            Some(PathBuf::from("/h/.local/state/eventsctl"))
        );
        assert_eq!(state_dir_from(env(&[])), None);
        // Review of issue 23, defect 13: a relative XDG_STATE_HOME was used relative to the
        // current directory; the spec says to ignore it.
        assert_eq!(
            state_dir_from(env(&[("XDG_STATE_HOME", "relative/path"), ("HOME", "/h")])),
            Some(PathBuf::from("/h/.local/state/eventsctl"))
        );
    }
}
