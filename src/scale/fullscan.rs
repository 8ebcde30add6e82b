//! A full-table scan that is capped, stoppable and resumable.
//!
//! The caller's tally and every segment's position (LastEvaluatedKey) are saved together to a
//! state file, atomically (a new private file in the same directory, renamed over it), at most
//! once a second and when the scan stops. A page's items are in the saved tally exactly when its
//! segment's saved position is past it, so a scan resumed from the file after Ctrl-C, a kill or
//! an expired credential reads on from there and counts no item twice (pages read but not yet
//! saved are read again). A segment that fails after its retries is reported; the others
//! finish; its position stays in the file for a resume.
//!
//! State files hold example keys and scan positions (user ids, often e-mail addresses): they
//! are created 0600, by default in the private per-user state directory
//! ([`crate::files::state_dir`]). A file to resume is checked before anything is read: its
//! table and command, its segments, positions and tallies must add up, and its digest must
//! match (a file edited by hand or cut short is refused, never resumed as if it were complete).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::Client;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::events::model::Item;
use crate::events::scan::{ScanSpec, start};
use crate::scale::ddbjson;

pub(crate) const STATE_KIND: &str = "eventsctl-scan/v3";

/// The tally a state file carries, checked when the file is loaded: a tally that cannot be the
/// count of the items the file says were read makes the file unusable.
pub(crate) trait StateTally {
    /// Why this tally cannot be the count of `items` items read, if it cannot.
    fn inconsistency(&self, items: u64) -> Option<String>;
}

/// What a state file holds. The file ends with one more member, `digest`: the SHA-256 of the
/// text before it, written by [`Checkpoint::save`] and checked by [`Checkpoint::load`]. Not a
/// signature (whoever may write the file may recompute it): it stops a file cut short or edited
/// by hand from being resumed as a scan it never was.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Checkpoint<T> {
    pub kind: String,
    /// The command whose tally this is (`check-ttl`).
    pub command: String,
    pub table: String,
    pub total_segments: i32,
    /// The time the scan classifies against (epoch seconds), kept so a resumed scan judges
    /// every item against the same moment.
    pub reference_time: i64,
    pub done: BTreeSet<i32>,
    /// Segment -> its LastEvaluatedKey (DynamoDB JSON); absent: not started.
    pub positions: BTreeMap<i32, Value>,
    pub read_units: f64,
    pub pages: u64,
    pub items: u64,
    /// Segment -> the pages and items read in it, for every segment done or under way: they add
    /// up to `pages` and `items`, so a file whose segments say "done" without a count of what
    /// was read in them (or whose counts disagree with its totals and tally) is refused.
    /// (`default`: a file of another version is refused by its `kind`, not as unreadable.)
    #[serde(default)]
    pub segment_counts: BTreeMap<i32, SegmentCount>,
    pub state: T,
}

/// What was read in one segment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SegmentCount {
    pub pages: u64,
    pub items: u64,
}

/// A state file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CheckpointError {
    #[error("cannot read the state file {path}: {why}")]
    Unreadable { path: PathBuf, why: String },
    #[error(
        "the state file {path} belongs to {what}, not to {want}: pass the state file of this scan"
    )]
    Mismatch {
        path: PathBuf,
        what: String,
        want: String,
    },
    #[error("the state file {path} cannot be resumed: {why}; start a new scan (without --resume)")]
    Invalid { path: PathBuf, why: String },
    #[error("cannot write the state file {path}: {why}")]
    Unwritable { path: PathBuf, why: String },
}

/// How the digest is appended to the JSON text: as its last member.
const DIGEST_MEMBER: &str = ",\"digest\":\"";

fn sha256_hex(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `body` (a JSON object) with the digest of its text as its last member.
fn seal(body: &str) -> String {
    let open = body.strip_suffix('}').unwrap_or(body);
    format!("{open}{DIGEST_MEMBER}{}\"}}\n", sha256_hex(body))
}

/// Whether `text` ends with the digest of the text before it (as [`seal`] writes it).
fn sealed(text: &str) -> bool {
    let text = text.trim_end();
    let Some(at) = text.rfind(DIGEST_MEMBER) else {
        return false;
    };
    let Some(digest) = text[at + DIGEST_MEMBER.len()..].strip_suffix("\"}") else {
        return false;
    };
    sha256_hex(&format!("{}}}", &text[..at])) == digest
}

impl<T: Serialize + DeserializeOwned + Default + StateTally> Checkpoint<T> {
    pub(crate) fn new(
        command: &str,
        table: &str,
        total_segments: i32,
        reference_time: i64,
    ) -> Self {
        Checkpoint {
            kind: STATE_KIND.into(),
            command: command.into(),
            table: table.into(),
            total_segments,
            reference_time,
            done: BTreeSet::new(),
            positions: BTreeMap::new(),
            read_units: 0.0,
            pages: 0,
            items: 0,
            segment_counts: BTreeMap::new(),
            state: T::default(),
        }
    }

    /// Reads a state file and checks it is this command's, on this table, that it adds up
    /// ([`Checkpoint::problem`] at `now`, epoch seconds) and that it is as eventsctl wrote it.
    pub(crate) fn load(
        path: &Path,
        command: &str,
        table: &str,
        now: i64,
    ) -> Result<Self, CheckpointError> {
        let unreadable = |why: String| CheckpointError::Unreadable {
            path: path.to_owned(),
            why,
        };
        let invalid = |why: String| CheckpointError::Invalid {
            path: path.to_owned(),
            why,
        };
        let text = std::fs::read_to_string(path).map_err(|e| unreadable(e.to_string()))?;
        let cp: Checkpoint<T> =
            serde_json::from_str(&text).map_err(|e| unreadable(e.to_string()))?;
        if cp.kind != STATE_KIND && cp.kind.starts_with("eventsctl-scan/") {
            return Err(invalid(format!(
                "it was written by another version of eventsctl ({}, this one reads {STATE_KIND})",
                cp.kind
            )));
        }
        if cp.kind != STATE_KIND || cp.command != command || cp.table != table {
            return Err(CheckpointError::Mismatch {
                path: path.to_owned(),
                what: format!("`{}` on table {}", cp.command, cp.table),
                want: format!("`{command}` on table {table}"),
            });
        }
        if let Some(why) = cp.problem(now) {
            return Err(invalid(why));
        }
        if !sealed(&text) {
            return Err(invalid(
                "it is not as eventsctl wrote it (its digest is missing or does not match: edited by hand, or cut short)".into(),
            ));
        }
        Ok(cp)
    }

    /// What makes this state impossible for a scan of `total_segments` segments started before
    /// `now` (epoch seconds): segments and positions outside the scan, a segment both done and
    /// under way, fewer pages than segments begun, a tally that does not add up.
    pub(crate) fn problem(&self, now: i64) -> Option<String> {
        let total = self.total_segments;
        if !(1..=crate::events::scan::MAX_TOTAL_SEGMENTS).contains(&total) {
            return Some(format!(
                "total_segments is {total} (a scan has 1 to 1,000,000 segments)"
            ));
        }
        if let Some(s) = self
            .done
            .iter()
            .chain(self.positions.keys())
            .find(|s| !(0..total).contains(*s))
        {
            return Some(format!(
                "it lists segment {s}, but the scan's segments are 0 to {}",
                total - 1
            ));
        }
        if let Some(s) = self.positions.keys().find(|s| self.done.contains(s)) {
            return Some(format!(
                "segment {s} is marked done and also has a position to read on from"
            ));
        }
        if let Some(s) = self
            .positions
            .iter()
            .find_map(|(s, k)| ddbjson::item_from_json(k).is_err().then_some(s))
        {
            return Some(format!("the position of segment {s} is not a DynamoDB key"));
        }
        let begun = (self.done.len() + self.positions.len()) as u64;
        if self.pages < begun {
            return Some(format!(
                "{} done or under way, but only {} read",
                crate::vocab::words::plural(begun, "segment is", "segments are"),
                crate::vocab::words::plural(self.pages, "page was", "pages were")
            ));
        }
        if self.items > 0 && self.pages == 0 {
            return Some(format!(
                "it counts {} but no page read",
                crate::vocab::words::plural(self.items, "item", "items")
            ));
        }
        if let Some(why) = self.segment_problem() {
            return Some(why);
        }
        if !self.read_units.is_finite() || self.read_units < 0.0 {
            return Some(format!("read_units is {}", self.read_units));
        }
        if self.reference_time <= 0 || self.reference_time > now + 86_400 {
            return Some(format!(
                "its reference time {} is not a time a scan could have started",
                self.reference_time
            ));
        }
        self.state.inconsistency(self.items)
    }

    /// What makes the per-segment counts disagree with the segments begun and the totals: a
    /// segment done or under way with no count of what was read in it (or no page), a count
    /// for a segment never begun, counts that do not add up to `pages` and `items`.
    fn segment_problem(&self) -> Option<String> {
        use crate::vocab::words::plural;
        let begun = || self.done.iter().chain(self.positions.keys());
        if let Some(s) = begun().find(|s| self.segment_counts.get(s).is_none_or(|c| c.pages == 0)) {
            let state = if self.done.contains(s) {
                "marked done"
            } else {
                "under way"
            };
            return Some(format!(
                "segment {s} is {state}, but the file has no count of the pages read in it"
            ));
        }
        if let Some(s) = self
            .segment_counts
            .keys()
            .find(|s| !self.done.contains(s) && !self.positions.contains_key(s))
        {
            return Some(format!(
                "it counts what was read in segment {s}, which is neither done nor under way"
            ));
        }
        let (pages, items) = self
            .segment_counts
            .values()
            .fold((0u64, 0u64), |(p, i), c| {
                (p.saturating_add(c.pages), i.saturating_add(c.items))
            });
        (pages != self.pages || items != self.items).then(|| {
            format!(
                "its segments count {} and {}, its totals {} and {}",
                plural(pages, "page", "pages"),
                plural(items, "item", "items"),
                plural(self.pages, "page", "pages"),
                plural(self.items, "item", "items")
            )
        })
    }

    /// The text [`Checkpoint::save`] writes: the JSON with its digest.
    fn sealed_text(&self) -> std::io::Result<String> {
        let body = serde_json::to_string(self).map_err(std::io::Error::other)?;
        Ok(seal(&body))
    }

    /// Creates a new scan's state file (`create_new`: never one that exists, another scan's)
    /// and saves this state in it, so that the file can be resumed from the start.
    pub(crate) fn claim(&self, path: &Path) -> Result<(), CheckpointError> {
        crate::files::create_private(path, false).map_err(|e| CheckpointError::Unwritable {
            path: path.to_owned(),
            why: if e.kind() == std::io::ErrorKind::AlreadyExists {
                "it exists (another scan's state?): give another --checkpoint, or continue that scan with --resume".into()
            } else {
                e.to_string()
            },
        })?;
        self.save(path)
    }

    /// Writes the file atomically and privately: a new file (a random name, created 0600) in
    /// the same directory, renamed over the old one, so that a reader (or a kill) sees the old
    /// state or the new one, never half of one, and no other user can read it. The digest of
    /// the text is its last member.
    pub(crate) fn save(&self, path: &Path) -> Result<(), CheckpointError> {
        use std::io::Write;
        let unwritable = |e: std::io::Error| CheckpointError::Unwritable {
            path: path.to_owned(),
            why: e.to_string(),
        };
        let text = self.sealed_text().map_err(unwritable)?;
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".eventsctl-scan-").suffix(".tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o600));
        }
        let mut tmp = builder.tempfile_in(dir).map_err(unwritable)?;
        tmp.write_all(text.as_bytes()).map_err(unwritable)?;
        tmp.as_file().sync_all().map_err(unwritable)?;
        tmp.persist(path).map_err(|e| unwritable(e.error))?;
        Ok(())
    }

    #[cfg(test)]
    pub(crate) fn remaining_segments(&self) -> i32 {
        self.total_segments - self.done.len() as i32
    }

    pub(crate) fn complete(&self) -> bool {
        self.done.len() as i32 >= self.total_segments
    }
}

/// How to read the table.
#[derive(Debug, Clone)]
pub(crate) struct FullScan {
    pub table: String,
    pub concurrency: usize,
    pub read_rate: Option<f64>,
    /// Stop once this many read units are consumed (in this run).
    pub max_read_units: Option<f64>,
    pub projection: Option<(String, HashMap<String, String>)>,
    /// Where the state goes (and comes from, for a resume).
    pub state_file: Option<PathBuf>,
}

/// Why a scan ended before the table did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Stopped {
    Budget,
    Interrupted,
}

#[derive(Debug)]
pub(crate) struct ScanRun<T> {
    pub checkpoint: Checkpoint<T>,
    pub stopped: Option<Stopped>,
    /// Segments that failed after their retries: (segment, error).
    pub failed: Vec<(i32, String)>,
    /// Read units consumed in this run (the checkpoint holds the total).
    pub read_units_this_run: f64,
    pub save_error: Option<String>,
}

impl<T: Serialize + DeserializeOwned + Default + StateTally> ScanRun<T> {
    /// Whether every segment was read; a finished run removes its state file (it has served),
    /// but only while the file still holds what this run saved last: a file another run has
    /// written since (one resumed from the same file) is that run's, and stays.
    pub(crate) fn finish(&self, state_file: &std::path::Path) -> bool {
        let finished = self.checkpoint.complete() && self.failed.is_empty();
        let ours = |text: String| self.checkpoint.sealed_text().is_ok_and(|mine| mine == text);
        if finished && std::fs::read_to_string(state_file).is_ok_and(ours) {
            let _ = std::fs::remove_file(state_file);
        }
        finished
    }
}

/// Reads what is left of the table into `cp.state` with `add`, until the table is read, the
/// budget is spent or `stop` resolves. `progress` gets the items of each page. After each page's
/// items are added, `after_page` (an action's writes for the page; a check passes a no-op) runs
/// before the page counts as read: a resume never skips a page whose writes did not finish.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn run_with<T, F, P, S>(
    client: &Client,
    scan: &FullScan,
    mut cp: Checkpoint<T>,
    mut add: F,
    mut after_page: P,
    stop: S,
    progress: &(dyn Fn(u64) + Sync),
) -> ScanRun<T>
where
    T: Serialize + DeserializeOwned + Default + StateTally,
    F: FnMut(&mut T, &Item),
    P: AsyncFnMut(&mut T, &[Item]),
    S: Future<Output = ()>,
{
    let mut spec = ScanSpec::new(cp.total_segments);
    spec.concurrency = scan.concurrency.max(1);
    spec.read_rate = scan.read_rate;
    spec.projection = scan.projection.clone();
    spec.done = cp.done.iter().copied().collect();
    spec.start_keys = cp
        .positions
        .iter()
        .filter_map(|(s, k)| ddbjson::item_from_json(k).ok().map(|k| (*s, k)))
        .collect();
    let mut rx = start(client.clone(), scan.table.clone(), spec);
    let mut stopped = None;
    let mut failed = Vec::new();
    let mut this_run = 0.0;
    let mut save_error = None;
    let mut last_save = Instant::now();
    let save = |cp: &Checkpoint<T>, err: &mut Option<String>| {
        if let Some(path) = &scan.state_file
            && let Err(e) = cp.save(path)
        {
            *err = Some(e.to_string());
        }
    };
    tokio::pin!(stop);
    loop {
        let page = tokio::select! {
            page = rx.recv() => page,
            _ = &mut stop => { stopped = Some(Stopped::Interrupted); break; }
        };
        let Some(page) = page else { break };
        let page = match page {
            Ok(p) => p,
            Err(e) => {
                failed.push((e.segment, e.error.to_string()));
                continue;
            }
        };
        for item in &page.items {
            add(&mut cp.state, item);
        }
        after_page(&mut cp.state, &page.items).await;
        cp.items += page.count as u64;
        cp.pages += 1;
        let counted = cp.segment_counts.entry(page.segment).or_default();
        counted.pages += 1;
        counted.items += page.count as u64;
        cp.read_units += page.consumed;
        this_run += page.consumed;
        match &page.next {
            Some(k) => {
                cp.positions
                    .insert(page.segment, ddbjson::item_to_ddb_json(k));
            }
            None => {
                cp.positions.remove(&page.segment);
                cp.done.insert(page.segment);
            }
        }
        progress(page.count as u64);
        if scan.max_read_units.is_some_and(|b| this_run >= b) && !cp.complete() {
            stopped = Some(Stopped::Budget);
            break;
        }
        if last_save.elapsed() >= Duration::from_secs(1) {
            save(&cp, &mut save_error);
            last_save = Instant::now();
        }
    }
    drop(rx);
    save(&cp, &mut save_error);
    failed.sort();
    ScanRun {
        checkpoint: cp,
        stopped,
        failed,
        read_units_this_run: this_run,
        save_error,
    }
}

/// A fresh state file's name, for the table, the time the scan started and this run (its pid
/// and a random part: two scans of one table started in the same second never share a file);
/// it goes in the private per-user state directory ([`crate::files::state_dir`]) unless
/// `--checkpoint` names another place, and is created with `create_new` ([`Checkpoint::claim`]).
pub(crate) fn state_file_name(table: &str, at: i64) -> String {
    format!(
        "scan-{table}-{at}-{}-{:08x}.json",
        std::process::id(),
        rand::random::<u32>()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tally that adds up when it counts every item read.
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    struct Count {
        n: u64,
    }

    impl StateTally for Count {
        fn inconsistency(&self, items: u64) -> Option<String> {
            (self.n != items).then(|| {
                format!(
                    "it counts {} of {}",
                    self.n,
                    crate::vocab::words::plural(items, "item", "items")
                )
            })
        }
    }

    const NOW: i64 = 1_000_000;

    /// 8 segments: 3 done, 1 under way, 4 pages, 4 items.
    fn valid() -> Checkpoint<Count> {
        let mut cp = Checkpoint::<Count>::new("check-ttl", "t", 8, NOW - 100);
        cp.done.insert(3);
        cp.positions
            .insert(1, serde_json::json!({"user_id": {"S": "u"}}));
        cp.pages = 4;
        cp.items = 4;
        cp.read_units = 2.0;
        cp.state.n = 4;
        cp.segment_counts
            .insert(3, SegmentCount { pages: 3, items: 3 });
        cp.segment_counts
            .insert(1, SegmentCount { pages: 1, items: 1 });
        cp
    }

    /// Review of issue 23, defect 3: two full scans of one table started in the same second
    /// shared `scan-TABLE-EPOCH.json`; the one that finished deleted it, and the other's
    /// "continue with --resume FILE" pointed at nothing. Names now carry the run (pid and a
    /// random part), a new file is created with create_new, and a finished run deletes only
    /// the file that still holds what it saved.
    #[test]
    fn scans_started_in_the_same_second_never_share_or_delete_each_others_state() {
        let names: BTreeSet<String> = (0..50).map(|_| state_file_name("t", NOW)).collect();
        assert_eq!(names.len(), 50);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(state_file_name("t", NOW));
        // The first scan claims its file; a second claim of the same name is refused.
        let first = Checkpoint::<Count>::new("check-ttl", "t", 1, NOW - 100);
        first.claim(&path).unwrap();
        assert!(
            load(&path).is_ok(),
            "a claimed file can be resumed from the start"
        );
        let again = Checkpoint::<Count>::new("check-ttl", "t", 1, NOW - 50).claim(&path);
        assert!(
            matches!(&again, Err(CheckpointError::Unwritable { why, .. }) if why.contains("exists")),
            "{again:?}"
        );
        // Two runs on one file (both resumed from it): the one whose save is not the last
        // leaves the file to the other.
        let done = |items: u64| {
            let mut cp = Checkpoint::<Count>::new("check-ttl", "t", 1, NOW - 100);
            cp.done.insert(0);
            cp.pages = 1;
            cp.items = items;
            cp.state.n = items;
            ScanRun {
                checkpoint: cp,
                stopped: None,
                failed: Vec::new(),
                read_units_this_run: 0.5,
                save_error: None,
            }
        };
        let (a, b) = (done(3), done(4));
        a.checkpoint.save(&path).unwrap();
        b.checkpoint.save(&path).unwrap();
        assert!(a.finish(&path), "a's scan is complete");
        assert!(path.exists(), "a deleted the file b saved last");
        assert!(b.finish(&path));
        assert!(!path.exists(), "b's own file stays after b finished");
    }

    fn load(path: &Path) -> Result<Checkpoint<Count>, CheckpointError> {
        Checkpoint::load(path, "check-ttl", "t", NOW)
    }

    #[test]
    fn a_state_file_round_trips_and_refuses_another_table() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let cp = valid();
        cp.save(&path).unwrap();
        let back = load(&path).unwrap();
        assert_eq!(back.done, cp.done);
        assert_eq!(back.positions, cp.positions);
        assert_eq!(back.state, cp.state);
        assert_eq!(back.remaining_segments(), 7);
        let other = Checkpoint::<Count>::load(&path, "check-ttl", "u", NOW);
        assert!(matches!(other, Err(CheckpointError::Mismatch { .. })));
        std::fs::write(&path, "{").unwrap();
        assert!(matches!(
            load(&path),
            Err(CheckpointError::Unreadable { .. })
        ));
    }

    /// Issue 23 §8: a state file with 0 or negative segments, or with every segment marked
    /// done after a part of the table, was resumed and reported as a complete scan.
    #[test]
    fn nonsense_state_files_are_refused_with_what_is_wrong() {
        #[allow(clippy::type_complexity)]
        let cases: Vec<(&str, Box<dyn Fn(&mut Checkpoint<Count>)>)> = vec![
            ("total_segments is 0", Box::new(|c| c.total_segments = 0)),
            ("total_segments is -4", Box::new(|c| c.total_segments = -4)),
            (
                "total_segments is 2000000",
                Box::new(|c| c.total_segments = 2_000_000),
            ),
            (
                "it lists segment 9, but the scan's segments are 0 to 7",
                Box::new(|c| {
                    c.done.insert(9);
                }),
            ),
            (
                "segment 1 is marked done and also has a position",
                Box::new(|c| {
                    c.done.insert(1);
                    c.pages = 10;
                }),
            ),
            (
                "the position of segment 2 is not a DynamoDB key",
                Box::new(|c| {
                    c.positions.insert(2, serde_json::json!("x"));
                }),
            ),
            (
                "8 segments are done or under way, but only 4 pages were read",
                Box::new(|c| {
                    c.done = (0..8).collect();
                    c.positions.clear();
                }),
            ),
            ("it counts 3 of 4 items", Box::new(|c| c.state.n = 3)),
            // Review of issue 23, defect 14: every segment marked done, pages and items made to
            // agree with them, re-sealed: the segments read have no count of what was read.
            (
                "segment 0 is marked done, but the file has no count of the pages read in it",
                Box::new(|c| {
                    c.done = (0..8).collect();
                    c.positions.clear();
                    c.segment_counts.remove(&1);
                    c.segment_counts
                        .insert(3, SegmentCount { pages: 8, items: 4 });
                    c.pages = 8;
                }),
            ),
            (
                "its segments count 4 pages and 60 items, its totals 4 pages and 4 items",
                Box::new(|c| {
                    c.segment_counts.insert(
                        3,
                        SegmentCount {
                            pages: 3,
                            items: 59,
                        },
                    );
                }),
            ),
            (
                "it counts what was read in segment 5, which is neither done nor under way",
                Box::new(|c| {
                    c.segment_counts
                        .insert(5, SegmentCount { pages: 1, items: 0 });
                }),
            ),
            ("read_units is -1", Box::new(|c| c.read_units = -1.0)),
            (
                "is not a time a scan could have started",
                Box::new(|c| c.reference_time = NOW + 10 * 86_400),
            ),
        ];
        let dir = tempfile::tempdir().unwrap();
        for (i, (words, break_it)) in cases.iter().enumerate() {
            let path = dir.path().join(format!("s{i}.json"));
            let mut cp = valid();
            break_it(&mut cp);
            cp.save(&path).unwrap();
            let err = load(&path).unwrap_err();
            let text = err.to_string();
            assert!(
                matches!(err, CheckpointError::Invalid { .. })
                    && text.contains(words)
                    && text.contains(&path.display().to_string())
                    && !text.contains('\n'),
                "case {i}: {text}"
            );
        }
    }

    #[test]
    fn a_state_file_edited_by_hand_or_from_another_version_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let cp = valid();
        cp.save(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        // Its read units lowered by hand: adds up, but eventsctl never wrote it. (Every segment
        // marked done is refused before the digest: its segments have no counts.)
        let edited = text.replace("\"read_units\":2.0", "\"read_units\":0.5");
        assert_ne!(edited, text);
        std::fs::write(&path, &edited).unwrap();
        let err = load(&path).unwrap_err().to_string();
        assert!(err.contains("not as eventsctl wrote it"), "{err}");
        // Without its digest (removed by hand, or an older file).
        let cut = text.split(",\"digest\"").next().unwrap().to_owned() + "}";
        std::fs::write(&path, cut).unwrap();
        assert!(
            load(&path)
                .unwrap_err()
                .to_string()
                .contains("digest is missing")
        );
        let older = text.replace(STATE_KIND, "eventsctl-scan/v1");
        std::fs::write(&path, older).unwrap();
        let err = load(&path).unwrap_err().to_string();
        assert!(err.contains("another version of eventsctl"), "{err}");
        // The file as written loads.
        std::fs::write(&path, &text).unwrap();
        assert!(load(&path).is_ok());
    }

    /// Issue 23 §7: the state file was written 0644 (readable by every user of the host).
    #[cfg(unix)]
    #[test]
    fn state_files_are_private_and_replaced_whole() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        std::fs::write(&path, "an older, open file").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let cp = valid();
        cp.save(&path).unwrap();
        cp.save(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["s.json"], "no temporary file left behind");
        assert!(load(&path).is_ok());
    }
}
