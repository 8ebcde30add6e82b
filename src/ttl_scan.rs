//! The setup of `check-ttl`'s full scans (`--full`, and `--repair`, which reads the same way),
//! settled before the first AWS call: the state file to resume (this command's, this table's,
//! adding up) or the new one (never over another scan's), where the state goes, the segments,
//! and the scan itself, reading the TTL projection within the flags' caps.

use std::path::{Path, PathBuf};

use chrono::Utc;

use crate::checks::ttl::projection;
use crate::error::UsageError;
use crate::scale::fullscan::{Checkpoint, FullScan, StateTally, state_file_name};

/// The flags of a full scan, as given.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ScanFlags<'a> {
    /// `--checkpoint FILE`: where a new scan's state goes.
    pub checkpoint: Option<&'a Path>,
    /// `--resume FILE`: the state of a scan to continue.
    pub resume: Option<&'a Path>,
    /// `--segments`.
    pub segments: Option<i32>,
    /// Segments read at the same time.
    pub concurrency: usize,
    /// Consumed read units per second at most.
    pub read_rate: Option<f64>,
    /// Read units to stop at.
    pub max_read_units: Option<f64>,
}

/// Files first, before any AWS call: a state file to resume must be `command`'s, on `table`, and
/// add up (`Checkpoint::load`); a new one (`--checkpoint`) must not replace another scan's and
/// must be writable where it is named. `resume` is the flags that continue one, for the message.
pub(crate) fn load_state<T>(
    flags: &ScanFlags<'_>,
    command: &str,
    table: &str,
    resume: &str,
) -> Result<Option<Checkpoint<T>>, UsageError>
where
    T: serde::Serialize + serde::de::DeserializeOwned + Default + StateTally,
{
    if let Some(p) = flags.checkpoint {
        if p.exists() {
            return Err(UsageError::new(format!(
                "the state file {} exists: continue that scan with {resume} {0}, or give another --checkpoint",
                p.display()
            )));
        }
        crate::files::check(
            &crate::files::Output {
                flag: "--checkpoint",
                path: p,
                force: false,
            },
            &[],
        )?;
    }
    flags
        .resume
        .map(|p| {
            Checkpoint::<T>::load(p, command, table, Utc::now().timestamp())
                .map_err(|e| UsageError::new(e.to_string()))
        })
        .transpose()
}

/// Where a full scan's state goes: the file it was resumed from (`--resume`), else
/// `--checkpoint`, else a new name in the private state directory (`default_dir`:
/// `files::state_dir`, created 0700), named for the table and `now`.
pub(crate) fn state_file(
    flags: &ScanFlags<'_>,
    table: &str,
    now: i64,
    default_dir: impl FnOnce() -> std::io::Result<PathBuf>,
) -> Result<PathBuf, UsageError> {
    if let Some(p) = flags.resume.or(flags.checkpoint) {
        return Ok(p.to_owned());
    }
    let dir = default_dir().map_err(|e| {
        UsageError::new(format!(
            "no private place for the scan's state file ({e}); name one with --checkpoint FILE"
        ))
    })?;
    Ok(dir.join(state_file_name(table, now)))
}

/// The segments a full scan reads in: a resumed scan's own, else `--segments`, else enough for
/// the table's size (`bytes`, DescribeTable's).
pub(crate) fn segments<T>(
    flags: &ScanFlags<'_>,
    resumed: Option<&Checkpoint<T>>,
    bytes: Option<i64>,
) -> i32 {
    resumed
        .map(|c| c.total_segments)
        .or(flags.segments)
        .unwrap_or_else(|| crate::events::scan::segments_for(bytes.unwrap_or(0), 4))
}

/// A full scan ready to run.
#[derive(Debug)]
pub(crate) struct ScanSetup<T> {
    pub scan: FullScan,
    /// Where it starts: the resumed checkpoint, or a new one.
    pub checkpoint: Checkpoint<T>,
    /// Where its state goes.
    pub state_file: PathBuf,
    pub resumed: bool,
}

/// A resumed state whose reference time (when its scan began) is before the table was created
/// (`created`, DescribeTable's CreationDateTime) is not a scan of this table: a file re-sealed
/// after an edit, or one of a table since deleted and created again under the same name.
pub(crate) fn check_created<T>(
    resumed: Option<&Checkpoint<T>>,
    created: Option<i64>,
    path: Option<&Path>,
) -> Result<(), UsageError> {
    let when = |t: i64| {
        chrono::DateTime::from_timestamp(t, 0)
            .map(crate::times::stamp)
            .unwrap_or_else(|| t.to_string())
    };
    match (resumed, created) {
        (Some(cp), Some(created)) if cp.reference_time < created => Err(UsageError::new(format!(
            "the state file {} cannot be resumed: its scan began at {} (epoch {}), before the table was created at {}: it is not a scan of this table; start a new scan (without --resume)",
            path.map(|p| p.display().to_string()).unwrap_or_default(),
            when(cp.reference_time),
            cp.reference_time,
            when(created),
        ))),
        _ => Ok(()),
    }
}

/// A new scan's state file is created now (`create_new`, never over another scan's file) with
/// the scan's start in it; a resumed scan goes on in its own file.
pub(crate) fn claim_state_file<T>(setup: &ScanSetup<T>) -> Result<(), UsageError>
where
    T: serde::Serialize + serde::de::DeserializeOwned + Default + StateTally,
{
    if setup.resumed {
        return Ok(());
    }
    setup
        .checkpoint
        .claim(&setup.state_file)
        .map_err(|e| UsageError::new(e.to_string()))
}

/// The one setup of a full scan: its state goes to `state_file` ([`state_file`]); it starts
/// from `resumed` (loaded by [`load_state`]), else from a new checkpoint of `command` in
/// `segments` segments that judges every item against `now`; it reads the TTL projection with
/// the flags' caps.
pub(crate) fn setup<T>(
    table: &str,
    command: &str,
    flags: &ScanFlags<'_>,
    resumed: Option<Checkpoint<T>>,
    segments: i32,
    now: i64,
    state_file: PathBuf,
) -> ScanSetup<T>
where
    T: serde::Serialize + serde::de::DeserializeOwned + Default + StateTally,
{
    let was_resumed = resumed.is_some();
    let checkpoint = resumed.unwrap_or_else(|| Checkpoint::new(command, table, segments, now));
    let scan = FullScan {
        table: table.to_owned(),
        concurrency: flags.concurrency,
        read_rate: flags.read_rate,
        max_read_units: flags.max_read_units,
        projection: Some(projection()),
        state_file: Some(state_file.clone()),
    };
    ScanSetup {
        scan,
        checkpoint,
        state_file,
        resumed: was_resumed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::ttl::TtlTally;

    const COMMAND: &str = "check-ttl";

    #[test]
    fn a_scan_saves_its_state_to_the_resumed_file_else_the_checkpoint_else_the_state_dir() {
        let private = PathBuf::from("/home/u/.local/state/eventsctl");
        let dir = || Ok(private.clone());
        let no_dir = || {
            Err(std::io::Error::other(
                "the state directory is open to others",
            ))
        };
        let full = ScanFlags {
            concurrency: 4,
            ..ScanFlags::default()
        };
        // Issue 23 §7: the default was the shared temporary directory.
        let file = state_file(&full, "t", 100, dir).unwrap();
        assert_eq!(file.parent(), Some(private.as_path()));
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("scan-t-100-") && name.ends_with(".json"),
            "{name}"
        );
        assert!(!file.starts_with(std::env::temp_dir()));
        // No private place: one line naming the way out, before any scan.
        let err = state_file(&full, "t", 100, no_dir).unwrap_err();
        assert!(
            err.0.contains("--checkpoint FILE") && err.0.contains("open to others"),
            "{err}"
        );

        let new = setup::<TtlTally>("t", COMMAND, &full, None, 8, 100, file.clone());
        assert_eq!(new.state_file, file);
        assert_eq!(new.scan.state_file.as_ref(), Some(&new.state_file));
        assert!(!new.resumed);
        assert_eq!(new.checkpoint.total_segments, 8);
        assert_eq!(new.checkpoint.reference_time, 100);
        assert_eq!(new.checkpoint.command, COMMAND);

        // --checkpoint and --resume choose another place, and need no state directory.
        let cp = ScanFlags {
            checkpoint: Some(Path::new("/tmp/cp.json")),
            ..full
        };
        assert_eq!(
            state_file(&cp, "t", 100, no_dir).unwrap(),
            PathBuf::from("/tmp/cp.json")
        );

        // A resumed scan keeps its file, its segments and its reference time.
        let resume = ScanFlags {
            resume: Some(Path::new("/tmp/old.json")),
            concurrency: 3,
            read_rate: Some(50.0),
            ..ScanFlags::default()
        };
        let old_file = state_file(&resume, "t", 100, no_dir).unwrap();
        assert_eq!(old_file, PathBuf::from("/tmp/old.json"));
        let old = Checkpoint::<TtlTally>::new(COMMAND, "t", 16, 42);
        let resumed = setup("t", COMMAND, &resume, Some(old), 8, 100, old_file);
        assert_eq!(resumed.state_file, PathBuf::from("/tmp/old.json"));
        assert!(resumed.resumed);
        assert_eq!(resumed.checkpoint.total_segments, 16);
        assert_eq!(resumed.checkpoint.reference_time, 42);
        assert_eq!(resumed.scan.concurrency, 3);
        assert_eq!(resumed.scan.read_rate, Some(50.0));
        assert_eq!(resumed.scan.projection, Some(projection()));
    }

    /// Review of issue 23, defect 14: a state file re-sealed with `reference_time: 1` (1970)
    /// was resumed. A scan cannot have begun before its table was created.
    #[test]
    fn a_state_older_than_its_table_is_refused() {
        let created = 1_700_000_000;
        let old = Checkpoint::<TtlTally>::new(COMMAND, "t", 8, 1);
        let e =
            check_created(Some(&old), Some(created), Some(Path::new("/s/scan.json"))).unwrap_err();
        assert!(
            e.0.contains("/s/scan.json") && e.0.contains("before the table was created"),
            "{e}"
        );
        let fine = Checkpoint::<TtlTally>::new(COMMAND, "t", 8, created + 60);
        assert!(check_created(Some(&fine), Some(created), None).is_ok());
        assert!(
            check_created(Some(&old), None, None).is_ok(),
            "no creation time known"
        );
        assert!(check_created::<TtlTally>(None, Some(created), None).is_ok());
    }

    #[test]
    fn the_segments_are_the_resumed_scans_else_the_flag_else_by_size() {
        let cp = Checkpoint::<TtlTally>::new(COMMAND, "t", 16, 0);
        let flag = ScanFlags {
            segments: Some(5),
            ..ScanFlags::default()
        };
        assert_eq!(segments(&flag, Some(&cp), Some(1 << 40)), 16);
        assert_eq!(segments::<TtlTally>(&flag, None, Some(1 << 40)), 5);
        let none = ScanFlags::default();
        assert_eq!(
            segments::<TtlTally>(&none, None, Some(1 << 40)),
            crate::events::scan::segments_for(1 << 40, 4)
        );
        assert_eq!(
            segments::<TtlTally>(&none, None, None),
            crate::events::scan::segments_for(0, 4)
        );
    }

    #[test]
    fn a_checkpoint_that_exists_is_never_replaced_and_a_resume_must_load() {
        let dir = tempfile::tempdir().unwrap();
        let existing = dir.path().join("scan.json");
        std::fs::write(&existing, "{}").unwrap();
        let flags = ScanFlags {
            checkpoint: Some(&existing),
            ..ScanFlags::default()
        };
        let e = load_state::<TtlTally>(&flags, COMMAND, "t", "--resume").unwrap_err();
        assert!(
            e.0.contains("exists: continue that scan with --resume"),
            "{e}"
        );
        let fresh = dir.path().join("new.json");
        let flags = ScanFlags {
            checkpoint: Some(&fresh),
            ..ScanFlags::default()
        };
        assert!(
            load_state::<TtlTally>(&flags, COMMAND, "t", "--resume")
                .unwrap()
                .is_none()
        );
        let flags = ScanFlags {
            resume: Some(&existing),
            ..ScanFlags::default()
        };
        assert!(load_state::<TtlTally>(&flags, COMMAND, "t", "--resume").is_err());
    }
}
