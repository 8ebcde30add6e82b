//! The record of an action that changes what points at a table (`dr cutover`, `dr rollback`,
//! `dr retire`): JSON, rewritten whole after every step (a temporary file renamed over it, so a
//! kill leaves the last complete record), 0600, in the private state directory by default. It
//! holds every previous value the undo needs and nothing more: of a function's environment only
//! the one variable it changed (an environment often holds secrets), each mapping's own
//! settings, and each step's outcome and time. A re-run reads it to go on where it stopped.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::aws::lambda::Mapping;
use crate::error::{Refusal, UsageError};
use crate::files;
use crate::times::stamp;

/// The record's schema: a record of another schema is refused, never guessed at.
pub(crate) const SCHEMA: &str = "eventsctl/cutover-record/v1";

/// Where a cutover stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Stage {
    /// Planned; no step done yet.
    Planned,
    /// Some steps done: a re-run with the record goes on.
    InProgress,
    /// Every step done and the canary proved it.
    Verified,
    /// Every step done, the canary not proven, kept with `--no-rollback`.
    Unverified,
    /// Undone (automatically after a failure, or by `dr rollback`).
    RolledBack,
    /// A rollback that could not finish: conflicts or failures, listed in its steps.
    RollbackIncomplete,
    /// The source was backed up and deleted (`dr retire`).
    Retired,
}

/// What a step does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Kind {
    /// What a restore drops and the source had: deletion protection, table class.
    Reapply,
    /// The source's resource-based policies (table, stream) copied, its ARNs the target's.
    CopyPolicy,
    /// `--grant`: an inline policy on a role, so it may act on the target.
    GrantPolicy,
    /// A consumer's new mapping on the target's stream (TRIM_HORIZON).
    CreateMapping,
    /// A function's variable set to the target.
    SetVariable,
    /// A consumer's mapping on the source's stream disabled (not deleted).
    DisableMapping,
    /// The target tagged with where it came from.
    TagTarget,
    /// The environment's alarms (the runbook's and the recommended ones) put for the target.
    ApplyAlarms,
    /// The environment's dashboard put for the target.
    ApplyDashboard,
    /// A canary written to the table and seen by the consumer.
    Canary,
    /// Undo: a mapping the cutover disabled, enabled again.
    EnableMapping,
    /// Undo: a function's variable set back.
    RestoreVariable,
    /// Undo: the cutover's new mapping disabled.
    DisableNewMapping,
    /// Undo: the inline policy `--grant` added, removed.
    RevokePolicy,
    /// Undo: the copied resource-based policies deleted (the target's own put back).
    RestorePolicy,
    /// Undo: the alarms the cutover created deleted, the ones it replaced put back.
    RestoreAlarms,
    /// Undo: the dashboard's previous body put back (deleted when there was none).
    RestoreDashboard,
    /// Retire: an on-demand backup, AVAILABLE.
    Backup,
    /// Retire: deletion protection off.
    Unprotect,
    /// Retire: the table deleted.
    DeleteTable,
}

/// How a step went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "StepStatus")]
pub(crate) enum Status {
    Pending,
    /// Begun and not known to have ended (a kill in between): its effect is checked on AWS
    /// before it is done again.
    Started,
    Done,
    /// Found done on AWS already (a resume).
    AlreadyDone,
    Failed,
    /// Undone.
    RolledBack,
    /// The resource changed since the record was written: left alone (`--force` it).
    Conflict,
    /// Not done: an earlier step failed.
    Skipped,
}

impl Status {
    /// Whether the step's effect is in place.
    pub(crate) fn is_done(self) -> bool {
        matches!(self, Status::Done | Status::AlreadyDone)
    }
}

/// One step, as planned and as it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct StepRecord {
    pub kind: Kind,
    /// What it acts on: a function name, a mapping UUID, a table.
    pub subject: String,
    /// The change, before → after, as the plan says it.
    pub change: String,
    pub status: Status,
    pub started_at: Option<String>,
    pub ended_at: Option<String>,
    /// Why it failed or conflicted, or what it found.
    pub detail: Option<String>,
}

impl StepRecord {
    pub(crate) fn planned(kind: Kind, subject: &str, change: String) -> StepRecord {
        StepRecord {
            kind,
            subject: subject.to_owned(),
            change,
            status: Status::Pending,
            started_at: None,
            ended_at: None,
            detail: None,
        }
    }
}

/// A function whose variable the cutover changes: only that variable's values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct FunctionChange {
    pub name: String,
    pub arn: String,
    pub role: Option<String>,
    pub before: String,
    pub after: String,
    /// The RevisionId read before the change (what the update names).
    pub revision_before: Option<String>,
    /// The RevisionId the change left: a later one means someone edited the function since.
    pub revision_after: Option<String>,
}

/// A consumer's new mapping on the target's stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct NewMapping {
    pub function: String,
    pub stream_arn: String,
    pub starting_position: String,
    pub batch_size: i32,
    /// Known once created.
    pub uuid: Option<String>,
}

/// An alarm the cutover put for the target, and what it was before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct AlarmChange {
    pub name: String,
    /// `create`, `update` or `unchanged` (nothing sent).
    pub action: crate::spec::alarms::AlarmAction,
    /// What the put changes (`update`): the drift from its spec, as `alarms apply` says it.
    pub changes: Vec<String>,
    /// Its whole definition before the cutover (`None`: the cutover created it).
    pub before: Option<crate::aws::alarm_definition::AlarmDefinition>,
    /// Its definition as the cutover left it (read back): another one at the rollback means
    /// someone changed it since, a conflict.
    #[serde(default)]
    pub after: Option<crate::aws::alarm_definition::AlarmDefinition>,
}

/// The dashboard the cutover put for the target, and its body before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct DashboardChange {
    pub name: String,
    /// Its body before the cutover (`None`: there was none; the rollback deletes it).
    pub before: Option<String>,
    /// Its body as the cutover left it (read back).
    #[serde(default)]
    pub after: Option<String>,
}

/// The alarms and dashboard of the environment, moved to the target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct MonitoringChange {
    /// The stream consumer whose alarms are put (the one function reading the source's stream).
    pub consumer: Option<String>,
    /// The consumer's IteratorAge threshold, kept from its live alarm (else the default).
    pub iterator_age_minutes: f64,
    pub alarms: Vec<AlarmChange>,
    pub dashboard: DashboardChange,
}

/// The canary's proof.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct CanaryRecord {
    pub table: String,
    pub event_id: String,
    pub written_at: String,
    /// Read back from the table, strongly consistent.
    pub read_back: bool,
    /// The consumers that logged the canary's event id, and when.
    pub delivered: Vec<Delivery>,
    /// Consumers with no proof within the timeout.
    pub not_seen: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct Delivery {
    pub function: String,
    /// `log`: a line of its log group names the event id (proof by content); `mapping`: its
    /// mapping reported `OK` processing after the canary (the function ran on the new stream,
    /// which holds only writes since the cutover; the canary itself is not named).
    pub evidence: String,
    pub at: String,
}

/// The whole record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct Record {
    pub schema: String,
    pub source: String,
    pub target: String,
    pub region: String,
    pub variable: String,
    pub source_stream_arn: Option<String>,
    pub target_stream_arn: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub stage: Stage,
    /// When the last function was pointed at the target: where "writes to the source since
    /// the cutover" are counted from.
    pub traffic_moved_at: Option<String>,
    pub functions: Vec<FunctionChange>,
    pub new_mappings: Vec<NewMapping>,
    /// The source stream's mappings as they were before the cutover.
    pub old_mappings: Vec<Mapping>,
    pub steps: Vec<StepRecord>,
    pub canary: Option<CanaryRecord>,
    pub rollback: Vec<StepRecord>,
    pub retire: Vec<StepRecord>,
    /// The inline policies `--grant` added (removed by `dr rollback`).
    #[serde(default)]
    pub grants: Vec<crate::dr::access::Grant>,
    /// The resource-based policies copied from the source (empty: none to copy).
    #[serde(default)]
    pub policies: Vec<crate::dr::policy_copy::PolicyCopy>,
    /// The alarms and dashboard the cutover put for the target, with what they were before.
    #[serde(default)]
    pub monitoring: Option<MonitoringChange>,
    /// `dr retire`'s backup: its name, then its ARN (to keep).
    #[serde(default)]
    pub backup_name: Option<String>,
    pub backup_arn: Option<String>,
}

/// A record on disk: where, and what it says.
#[derive(Debug)]
pub(crate) struct RecordFile {
    pub path: PathBuf,
    pub record: Record,
}

/// The default record of a cutover of `source` to `target`, in the private state directory: the
/// same name for the same cutover, so a re-run without `--record` finds it.
pub(crate) fn default_path(source: &str, target: &str) -> anyhow::Result<PathBuf> {
    let dir = files::state_dir()?;
    Ok(dir.join(format!("cutover-{source}-to-{target}.json")))
}

/// Reads a record (`None` when there is no file).
pub(crate) fn load(path: &Path) -> anyhow::Result<Option<Record>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(UsageError::new(format!("cannot read {}: {e}", path.display())).into());
        }
    };
    let record: Record = serde_json::from_str(&text).map_err(|e| {
        UsageError::new(format!(
            "{} is not a cutover record ({e}); pass the file dr cutover wrote",
            path.display()
        ))
    })?;
    if record.schema != SCHEMA {
        return Err(Refusal::new(format!(
            "{} has schema {}, not {SCHEMA}",
            path.display(),
            record.schema
        ))
        .into());
    }
    Ok(Some(record))
}

impl RecordFile {
    /// Writes the record: a temporary file beside it (0600) renamed over it, so the file is
    /// always a whole record.
    pub(crate) fn save(&mut self) -> anyhow::Result<()> {
        self.record.updated_at = stamp(Utc::now());
        let text = serde_json::to_vec_pretty(&self.record)?;
        let mut tmp = self.path.clone().into_os_string();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        {
            let mut f = files::create_private(&tmp, true)?;
            f.write_all(&text)?;
            f.write_all(b"\n")?;
            f.sync_all()?;
        }
        std::fs::rename(&tmp, &self.path)
            .map_err(|e| anyhow::anyhow!("cannot write the record {}: {e}", self.path.display()))?;
        Ok(())
    }

    /// Marks step `i` of `list` started (and saves): a kill from here on leaves it `started`.
    pub(crate) fn begin(&mut self, list: List, i: usize) -> anyhow::Result<()> {
        let s = &mut self.list(list)[i];
        s.status = Status::Started;
        s.started_at = Some(stamp(Utc::now()));
        s.ended_at = None;
        self.save()
    }

    /// Ends step `i` of `list` with `status` and `detail` (and saves).
    pub(crate) fn end(
        &mut self,
        list: List,
        i: usize,
        status: Status,
        detail: Option<String>,
    ) -> anyhow::Result<()> {
        let s = &mut self.list(list)[i];
        s.status = status;
        s.ended_at = Some(stamp(Utc::now()));
        if s.started_at.is_none() {
            s.started_at = s.ended_at.clone();
        }
        s.detail = detail;
        self.save()
    }

    pub(crate) fn list(&mut self, list: List) -> &mut Vec<StepRecord> {
        match list {
            List::Cutover => &mut self.record.steps,
            List::Rollback => &mut self.record.rollback,
            List::Retire => &mut self.record.retire,
        }
    }
}

/// Which list of steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum List {
    Cutover,
    Rollback,
    Retire,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> Record {
        Record {
            schema: SCHEMA.into(),
            source: "s".into(),
            target: "t".into(),
            region: "us-east-1".into(),
            variable: "EVENTS_TABLE_NAME".into(),
            source_stream_arn: None,
            target_stream_arn: None,
            created_at: "2000-01-01T00:00:00Z".into(), // clock-free: a stored string
            updated_at: String::new(),
            stage: Stage::Planned,
            traffic_moved_at: None,
            functions: Vec::new(),
            new_mappings: Vec::new(),
            old_mappings: Vec::new(),
            steps: vec![StepRecord::planned(
                Kind::SetVariable,
                "api",
                "s → t".into(),
            )],
            canary: None,
            rollback: Vec::new(),
            retire: Vec::new(),
            grants: Vec::new(),
            policies: Vec::new(),
            monitoring: None,
            backup_name: None,
            backup_arn: None,
        }
    }

    #[test]
    fn a_record_is_written_whole_0600_and_read_back_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        let mut f = RecordFile {
            path: path.clone(),
            record: record(),
        };
        f.save().unwrap();
        f.begin(List::Cutover, 0).unwrap();
        let read = load(&path).unwrap().unwrap();
        assert_eq!(read.steps[0].status, Status::Started);
        assert!(read.steps[0].started_at.is_some());
        f.end(List::Cutover, 0, Status::Done, None).unwrap();
        let read = load(&path).unwrap().unwrap();
        assert_eq!(read, f.record);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // No temporary file is left beside it.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_missing_record_is_none_and_another_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(&dir.path().join("none.json")).unwrap().is_none());
        let other = dir.path().join("x.json");
        std::fs::write(&other, "{\"a\": 1}").unwrap();
        let e = load(&other).unwrap_err();
        assert!(e.to_string().contains("is not a cutover record"), "{e}");
        let mut r = record();
        r.schema = "other/v9".into();
        std::fs::write(&other, serde_json::to_string(&r).unwrap()).unwrap();
        let e = load(&other).unwrap_err();
        assert!(e.to_string().contains("has schema other/v9"), "{e}");
    }
}
