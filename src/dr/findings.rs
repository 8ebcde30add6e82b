//! The evidence of the `dr.*` findings, read from the cutover record: what the verdict rests on
//! is what the record says each step did (docs/evidence.md). Only what the record holds is
//! evidence (one variable of each function, never its environment).

use std::path::Path;

use super::record::{Delivery, Kind, Record, Stage, Status, StepRecord};

crate::evidence! {
    /// One step of a record: what it did and how it went.
    pub(crate) struct StepEvidence { kind: Kind, status: Status }

    /// A step that did not end done (failed, or a conflict): what it acted on and why.
    pub(crate) struct StepProblem<'a> {
        kind: Kind,
        subject: &'a str,
        status: Status,
        detail: Option<&'a str>,
    }

    /// A function whose one variable the cutover changed.
    pub(crate) struct VariableEvidence<'a> {
        function: &'a str,
        variable: &'a str,
        before: &'a str,
        after: &'a str,
        /// The RevisionId the change left (a later one means someone edited it since).
        revision_after: Option<&'a str>,
    }

    /// A mapping the cutover created (on the target's stream) or disabled (on the source's).
    pub(crate) struct MappingEvidence<'a> {
        function: String,
        uuid: Option<&'a str>,
        starting_position: Option<&'a str>,
    }

    /// `dr.cutover`: the record's stage, each step's outcome, and what it changed.
    pub(crate) struct CutoverEvidence<'a> {
        source: &'a str,
        target: &'a str,
        record_path: String,
        stage: Stage,
        traffic_moved_at: Option<&'a str>,
        functions: Vec<VariableEvidence<'a>>,
        new_mappings: Vec<MappingEvidence<'a>>,
        disabled_mappings: Vec<MappingEvidence<'a>>,
        steps: Vec<StepEvidence>,
        /// The step that stopped the cutover, if one did.
        failed: Option<StepProblem<'a>>,
    }

    /// `dr.canary`: the canary's proof (null fields: no canary was written).
    pub(crate) struct CanaryEvidence<'a> {
        table: Option<&'a str>,
        canary_event_id: Option<&'a str>,
        written_at: Option<&'a str>,
        read_back: Option<bool>,
        delivered: Vec<&'a Delivery>,
        not_seen: Vec<&'a str>,
    }

    /// `dr.rollback`: each undo step's outcome and what was left alone.
    pub(crate) struct RollbackEvidence<'a> {
        source: &'a str,
        target: &'a str,
        record_path: String,
        stage: Stage,
        steps: Vec<StepEvidence>,
        /// Undo steps not done: conflicts (`--force` them) and failures.
        problems: Vec<StepProblem<'a>>,
    }

    /// `dr.retire`: the backup kept, the writes counted since traffic moved, and the steps.
    pub(crate) struct RetireEvidence<'a> {
        table: &'a str,
        record_path: String,
        traffic_moved_at: Option<&'a str>,
        /// ConsumedWriteCapacityUnits on the table since traffic moved (null: not read by this
        /// run, the table was deleted already).
        writes_since: Option<f64>,
        backup_name: Option<&'a str>,
        backup_arn: Option<&'a str>,
        steps: Vec<StepEvidence>,
    }
}

fn steps(list: &[StepRecord]) -> Vec<StepEvidence> {
    list.iter()
        .map(|s| StepEvidence {
            kind: s.kind,
            status: s.status,
        })
        .collect()
}

fn problem(s: &StepRecord) -> StepProblem<'_> {
    StepProblem {
        kind: s.kind,
        subject: &s.subject,
        status: s.status,
        detail: s.detail.as_deref(),
    }
}

/// `dr.cutover`'s evidence. Pure.
pub(crate) fn cutover<'a>(r: &'a Record, path: &Path) -> CutoverEvidence<'a> {
    CutoverEvidence {
        source: &r.source,
        target: &r.target,
        record_path: path.display().to_string(),
        stage: r.stage,
        traffic_moved_at: r.traffic_moved_at.as_deref(),
        functions: r
            .functions
            .iter()
            .map(|f| VariableEvidence {
                function: &f.name,
                variable: &r.variable,
                before: &f.before,
                after: &f.after,
                revision_after: f.revision_after.as_deref(),
            })
            .collect(),
        new_mappings: r
            .new_mappings
            .iter()
            .map(|m| MappingEvidence {
                function: m.function.clone(),
                uuid: m.uuid.as_deref(),
                starting_position: Some(&m.starting_position),
            })
            .collect(),
        disabled_mappings: r
            .old_mappings
            .iter()
            .map(|m| MappingEvidence {
                function: super::cutover_plan::function_name(&m.function_arn),
                uuid: Some(&m.uuid),
                starting_position: None,
            })
            .collect(),
        steps: steps(&r.steps),
        failed: r
            .steps
            .iter()
            .find(|s| matches!(s.status, Status::Failed | Status::Conflict))
            .map(problem),
    }
}

/// `dr.canary`'s evidence: the cutover's canary (all null when none was written). Pure.
pub(crate) fn canary(r: &Record) -> CanaryEvidence<'_> {
    let c = r.canary.as_ref();
    CanaryEvidence {
        table: c.map(|c| c.table.as_str()),
        canary_event_id: c.map(|c| c.event_id.as_str()),
        written_at: c.map(|c| c.written_at.as_str()),
        read_back: c.map(|c| c.read_back),
        delivered: c.map(|c| c.delivered.iter().collect()).unwrap_or_default(),
        not_seen: c
            .map(|c| c.not_seen.iter().map(String::as_str).collect())
            .unwrap_or_default(),
    }
}

/// `dr.rollback`'s evidence. Pure.
pub(crate) fn rollback<'a>(r: &'a Record, path: &Path) -> RollbackEvidence<'a> {
    RollbackEvidence {
        source: &r.source,
        target: &r.target,
        record_path: path.display().to_string(),
        stage: r.stage,
        steps: steps(&r.rollback),
        problems: r
            .rollback
            .iter()
            .filter(|s| !s.status.is_done() && s.kind != Kind::Canary)
            .map(problem)
            .collect(),
    }
}

/// `dr.retire`'s evidence. Pure.
pub(crate) fn retire<'a>(
    r: &'a Record,
    path: &Path,
    writes_since: Option<f64>,
) -> RetireEvidence<'a> {
    RetireEvidence {
        table: &r.source,
        record_path: path.display().to_string(),
        traffic_moved_at: r.traffic_moved_at.as_deref(),
        writes_since,
        backup_name: r.backup_name.as_deref(),
        backup_arn: r.backup_arn.as_deref(),
        steps: steps(&r.retire),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dr::record::{CanaryRecord, FunctionChange, SCHEMA};
    use crate::report::{CheckId, Finding};

    fn record() -> Record {
        let mut failed = StepRecord::planned(Kind::SetVariable, "api", "V: s → t".into());
        failed.status = Status::Failed;
        failed.detail = Some("throttled".into());
        let mut done = StepRecord::planned(Kind::CreateMapping, "consumer", "x".into());
        done.status = Status::Done;
        Record {
            schema: SCHEMA.into(),
            source: "s".into(),
            target: "t".into(),
            region: "us-east-1".into(),
            variable: "V".into(),
            source_stream_arn: None,
            target_stream_arn: None,
            created_at: String::new(),
            updated_at: String::new(),
            stage: Stage::InProgress,
            traffic_moved_at: None,
            functions: vec![FunctionChange {
                name: "api".into(),
                arn: "arn:aws:lambda:us-east-1:1:function:api".into(),
                role: None,
                before: "s".into(),
                after: "t".into(),
                revision_before: Some("r1".into()),
                revision_after: None,
            }],
            new_mappings: Vec::new(),
            old_mappings: Vec::new(),
            steps: vec![done, failed],
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
    fn dr_findings_carry_the_records_steps_and_the_step_that_failed() {
        let r = record();
        let f = Finding::crit(CheckId::DrCutover, "x").evidence(cutover(&r, Path::new("/r")));
        let e = &f.evidence;
        assert_eq!(e["record_path"], "/r");
        assert_eq!(e["stage"], "in_progress");
        assert_eq!(e["steps"][0]["kind"], "create_mapping");
        assert_eq!(e["steps"][1]["status"], "failed");
        assert_eq!(e["failed"]["subject"], "api");
        assert_eq!(e["failed"]["detail"], "throttled");
        assert_eq!(e["functions"][0]["before"], "s");
        assert_eq!(e["functions"][0]["after"], "t");
        // Never the function's environment: only the one variable's values.
        assert!(!e.to_string().contains("environment"));
    }

    #[test]
    fn no_canary_is_null_evidence_and_a_canary_is_its_proof() {
        let mut r = record();
        let f = Finding::unknown(CheckId::DrCanary, "x").evidence(canary(&r));
        assert!(f.evidence["canary_event_id"].is_null());
        assert!(f.evidence["read_back"].is_null());
        r.canary = Some(CanaryRecord {
            table: "t".into(),
            event_id: "c1".into(),
            written_at: "w".into(),
            read_back: true,
            delivered: vec![Delivery {
                function: "consumer".into(),
                evidence: "log".into(),
                at: "a".into(),
            }],
            not_seen: vec!["other".into()],
        });
        let f = Finding::crit(CheckId::DrCanary, "x").evidence(canary(&r));
        assert_eq!(f.evidence["canary_event_id"], "c1");
        assert_eq!(f.evidence["delivered"][0]["evidence"], "log");
        assert_eq!(f.evidence["not_seen"][0], "other");
    }

    #[test]
    fn a_rollback_names_each_conflict_and_retire_its_backup() {
        let mut r = record();
        let mut conflict = StepRecord::planned(Kind::RestoreVariable, "api", "V".into());
        conflict.status = Status::Conflict;
        conflict.detail = Some("changed since".into());
        r.rollback = vec![conflict];
        let f = Finding::crit(CheckId::DrRollback, "x").evidence(rollback(&r, Path::new("/r")));
        assert_eq!(f.evidence["problems"][0]["status"], "conflict");
        assert_eq!(f.evidence["problems"][0]["detail"], "changed since");
        r.backup_arn = Some("arn:b".into());
        let f =
            Finding::ok(CheckId::DrRetire, "x").evidence(retire(&r, Path::new("/r"), Some(0.0)));
        assert_eq!(f.evidence["backup_arn"], "arn:b");
        assert_eq!(f.evidence["writes_since"], 0.0);
    }
}
