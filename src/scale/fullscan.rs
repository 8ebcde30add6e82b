//! A full-table scan that is capped, stoppable and resumable.
//!
//! The caller's tally and every segment's position (LastEvaluatedKey) are saved together to a
//! state file, atomically (a temporary file renamed over it), at most once a second and when the
//! scan stops. A page's items are in the saved tally exactly when its segment's saved position
//! is past it, so a scan resumed from the file after Ctrl-C, a kill or an expired credential
//! reads on from there and counts no item twice (pages read but not yet saved are read again).
//! A segment that fails after its retries is reported; the others finish; its position stays
//! in the file for a resume.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::Client;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::events::scan::{Item, ScanSpec, start};
use crate::scale::ddbjson;

pub(crate) const STATE_KIND: &str = "eventsctl-scan/v1";

/// What a state file holds.
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
    pub state: T,
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
    #[error("cannot write the state file {path}: {why}")]
    Unwritable { path: PathBuf, why: String },
}

impl<T: Serialize + DeserializeOwned + Default> Checkpoint<T> {
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
            state: T::default(),
        }
    }

    /// Reads a state file and checks it is this command's, on this table.
    pub(crate) fn load(path: &Path, command: &str, table: &str) -> Result<Self, CheckpointError> {
        let unreadable = |why: String| CheckpointError::Unreadable {
            path: path.to_owned(),
            why,
        };
        let text = std::fs::read_to_string(path).map_err(|e| unreadable(e.to_string()))?;
        let cp: Checkpoint<T> =
            serde_json::from_str(&text).map_err(|e| unreadable(e.to_string()))?;
        if cp.kind != STATE_KIND || cp.command != command || cp.table != table {
            return Err(CheckpointError::Mismatch {
                path: path.to_owned(),
                what: format!("`{}` on table {}", cp.command, cp.table),
                want: format!("`{command}` on table {table}"),
            });
        }
        Ok(cp)
    }

    /// Writes the file atomically: a reader (or a kill) sees the old state or the new one.
    pub(crate) fn save(&self, path: &Path) -> Result<(), CheckpointError> {
        let unwritable = |e: std::io::Error| CheckpointError::Unwritable {
            path: path.to_owned(),
            why: e.to_string(),
        };
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        let text = serde_json::to_vec(self).map_err(|e| unwritable(std::io::Error::other(e)))?;
        std::fs::write(&tmp, text).map_err(unwritable)?;
        std::fs::rename(&tmp, path).map_err(unwritable)
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

impl<T: Serialize + DeserializeOwned + Default> ScanRun<T> {
    /// Whether every segment was read; a finished run removes its state file (it has served).
    pub(crate) fn finish(&self, state_file: &std::path::Path) -> bool {
        let finished = self.checkpoint.complete() && self.failed.is_empty();
        if finished {
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
    T: Serialize + DeserializeOwned + Default,
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
        cp.read_units += page.consumed;
        this_run += page.consumed;
        match &page.next {
            Some(k) => {
                cp.positions.insert(page.segment, ddbjson::item_to_json(k));
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

/// A fresh state file's default place: the temporary directory, named for the table and time.
pub(crate) fn default_state_file(table: &str, at: i64) -> PathBuf {
    std::env::temp_dir().join(format!("eventsctl-scan-{table}-{at}.json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_file_round_trips_and_refuses_another_table() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        let mut cp: Checkpoint<BTreeMap<String, u64>> = Checkpoint::new("check-ttl", "t", 8, 100);
        cp.done.insert(3);
        cp.positions
            .insert(1, serde_json::json!({"user_id": {"S": "u"}}));
        cp.state.insert("missing".into(), 4);
        cp.save(&path).unwrap();
        let back: Checkpoint<BTreeMap<String, u64>> =
            Checkpoint::load(&path, "check-ttl", "t").unwrap();
        assert_eq!(back.done, cp.done);
        assert_eq!(back.positions, cp.positions);
        assert_eq!(back.state, cp.state);
        assert_eq!(back.remaining_segments(), 7);
        let other = Checkpoint::<BTreeMap<String, u64>>::load(&path, "check-ttl", "u");
        assert!(matches!(other, Err(CheckpointError::Mismatch { .. })));
        std::fs::write(&path, "{").unwrap();
        let broken = Checkpoint::<BTreeMap<String, u64>>::load(&path, "check-ttl", "t");
        assert!(matches!(broken, Err(CheckpointError::Unreadable { .. })));
    }
}
