//! The `data` of `pitr-restore` and `dr-drill` (docs/json.md), filled in as the restore moves on:
//! a stage not reached is absent, a time not known is null.

use schemars::JsonSchema;
use serde::Serialize;

use crate::checks::restore::Verification;
use crate::checks::settings::SettingsData;

/// `pitr-restore`: the plan, then the start, then what finishing found.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct RestoreData {
    /// Only on `--resume`.
    pub resumed: bool,
    pub source: String,
    pub target: String,
    /// A new restore's plan (absent on `--resume`).
    #[serde(flatten)]
    pub plan: Option<RestorePlan>,
    /// Absent on a dry run.
    #[serde(flatten)]
    pub run: Option<RestoreRun>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct RestorePlan {
    pub restore_point: String,
    pub window: Window,
    pub dry_run: bool,
}

/// The restorable window of the source, null where AWS gave no bound.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Window {
    pub earliest: Option<String>,
    pub latest: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct RestoreRun {
    /// Null on `--resume` (this run did not start it).
    pub started_at: Option<String>,
    /// Absent when this run did not wait for the restore.
    #[serde(flatten)]
    pub finished: Option<RestoreFinished>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct RestoreFinished {
    pub active_at: String,
    pub ready_at: String,
    pub verified_at: String,
    pub verification_s: i64,
    /// Start to `ready_at` (the RTO), when this run started the restore.
    pub duration_s: Option<i64>,
    /// Only on `--resume`: a resume that changed nothing.
    pub already_finished: Option<bool>,
    pub verification: Verification,
    /// Each setting re-applied and its outcome; absent with `--no-reapply`.
    pub reapplied: Option<SettingsData>,
}

/// `dr-drill` (no `data` on a dry run).
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct DrillData {
    pub source: String,
    pub drill_table: String,
    pub started_at: String,
    pub active_at: String,
    pub verified_at: String,
    pub rto_s: i64,
    pub rto_ms: i64,
    pub rpo_s: Option<i64>,
    pub targets: DrillTargets,
    pub verification_s: i64,
    pub ready_at: String,
    pub verification: Verification,
    /// Each setting re-applied and its outcome; null with `--no-reapply`.
    pub reapplied: Option<SettingsData>,
    pub kept: bool,
    /// `--cutover`: the rehearsed cutover; `null` without it.
    pub cutover: Option<CutoverDrillData>,
}

/// `dr-drill --cutover`: what the drill created, its timeline, the cutover, the content proof of
/// `--corruption`, and what the cleanup left.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct CutoverDrillData {
    pub drill_source: String,
    pub functions: Vec<String>,
    pub mappings: Vec<String>,
    pub timeline: Vec<crate::dr::drill_cutover::Moment>,
    /// From the restore's start to the verified cutover; `null` when it was not verified.
    pub rto_s: Option<i64>,
    pub rto_ms: Option<i64>,
    pub cutover: String,
    pub canary: Option<String>,
    pub rolled_back: Option<bool>,
    /// `--corruption N`: each corrupted event in both tables; `[]` without it.
    pub corrupted: Vec<crate::dr::drill_seed::Corrupted>,
    pub corruption_proven: Option<bool>,
    pub record: Option<String>,
    pub error: Option<String>,
    pub left_behind: Vec<String>,
}

/// `dr-drill --cutover` when the drill did not get as far as a restored table: only the
/// cutover's part.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct CutoverOnlyData {
    pub cutover: CutoverDrillData,
}

#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct DrillTargets {
    pub rto_s: i64,
    pub rpo_s: i64,
}
