//! `dr cutover`, `dr rollback`, `dr retire` (runbook: Disaster Recovery, steps 4 and 5): the
//! engines are `crate::dr::{cutover, rollback, retire}`; here the flags become their options, the
//! record is found or planned, and what they did becomes a report whose `data` is the record.

use std::path::PathBuf;

use chrono::Utc;
use serde::Serialize;

use super::data_schema::shape;
use super::registry::{Kind, Leaf, Limit, Production, plus};
use crate::cli::{Command, CutoverArgs, DrCommand, RetireArgs, RollbackArgs};
use crate::context::Context;
use crate::dr::canary_proof;
use crate::dr::cutover::{self, CutoverOpts, Ended};
use crate::dr::cutover_plan;
use crate::dr::findings;
use crate::dr::record::{self, Record, RecordFile, Stage, StepRecord};
use crate::dr::{retire, rollback};
use crate::error::{Refusal, UsageError};
use crate::report::{CheckId, Finding, Report, Section};
use crate::safety;

const RB_CUTOVER: &str = "Disaster Recovery: step 4 (Cutover to Restored Table)";
const RB_CLEANUP: &str = "Disaster Recovery: step 5 (Cleanup)";

pub(crate) static CUTOVER: Leaf<CutoverArgs> = Leaf::new(
    "dr cutover",
    Kind::Action,
    |c| match c {
        Command::Dr(DrCommand::Cutover(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(run_cutover(ctx, a).await?.into()) }),
)
.limit(Limit::By(|a| plus(a.canary_timeout, 20)))
.production(Production::NeedsYes { with: &[] })
.data(shape::<DrData<'static>>);

pub(crate) static ROLLBACK: Leaf<RollbackArgs> = Leaf::new(
    "dr rollback",
    Kind::Action,
    |c| match c {
        Command::Dr(DrCommand::Rollback(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(run_rollback(ctx, a).await?.into()) }),
)
.limit(Limit::By(|a| plus(a.canary_timeout, 20)))
.production(Production::NeedsYes { with: &[] })
.data(shape::<DrData<'static>>);

pub(crate) static RETIRE: Leaf<RetireArgs> = Leaf::new(
    "dr retire",
    Kind::Action,
    |c| match c {
        Command::Dr(DrCommand::Retire(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(run_retire(ctx, a).await?.into()) }),
)
.limit(Limit::Minutes(45))
.production(Production::NeedsYes { with: &[] })
.data(shape::<DrData<'static>>);

/// The `data` of the three commands: where the record is, whether this was a dry run, the
/// record itself (only the one variable of each function, never its environment), and the
/// Terraform commands that make the state agree.
#[derive(Debug, Serialize, schemars::JsonSchema)]
struct DrData<'a> {
    record_path: String,
    dry_run: bool,
    record: &'a Record,
    terraform: Vec<String>,
}

fn steps_section(title: &str, steps: &[StepRecord]) -> Section {
    let rows = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            vec![
                (i + 1).to_string(),
                format!("{:?}", s.kind),
                s.subject.clone(),
                s.change.clone(),
                serde_json::to_value(s.status)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                s.detail.clone().unwrap_or_default(),
            ]
        })
        .collect();
    Section::table(
        title,
        &["#", "step", "on", "change", "status", "detail"],
        rows,
    )
}

/// The Terraform commands that make the state agree with a cutover (the tool never edits
/// state): the table's resource moved to the target, and the variable in each function's
/// configuration.
fn terraform(r: &Record) -> Vec<String> {
    let mut out = vec![
        format!(
            "terraform state list | grep aws_dynamodb_table   # the address ADDR of {}",
            r.source
        ),
        format!(
            "terraform state rm ADDR                           # forget {} (it is not deleted)",
            r.source
        ),
        format!("terraform import ADDR {}", r.target),
        format!(
            "# and set the table name {} where ADDR's name is set (a variable or the resource's name)",
            r.target
        ),
    ];
    for f in &r.functions {
        out.push(format!(
            "# function {}: environment variable {} = \"{}\" in its aws_lambda_function, so the next apply keeps it",
            f.name, r.variable, f.after
        ));
    }
    out
}

fn record_report(report: &mut Report, file: &RecordFile, dry_run: bool) -> anyhow::Result<()> {
    report.set_data(&DrData {
        record_path: file.path.display().to_string(),
        dry_run,
        record: &file.record,
        terraform: terraform(&file.record),
    })?;
    Ok(())
}

pub(crate) async fn run_cutover(ctx: &Context, a: &CutoverArgs) -> anyhow::Result<Report> {
    safety::guard_write(&ctx.names, "dr cutover", a.yes, a.dry_run)?;
    let source = ctx.table().to_owned();
    if a.to == source {
        return Err(UsageError::new(format!(
            "--to {} is the table itself: name the restored table",
            a.to
        ))
        .into());
    }
    let region = ctx
        .sdk_config()
        .await?
        .region()
        .map(|r| r.to_string())
        .unwrap_or_default();
    cutover_plan::check_regions(&a.functions, &region)?;
    let path = match &a.record {
        Some(p) => p.clone(),
        None => record::default_path(&source, &a.to)?,
    };
    let opts = CutoverOpts {
        target: a.to.clone(),
        functions: a.functions.clone(),
        variable: a.variable.clone(),
        canary_timeout: a.canary_timeout.to_std().unwrap_or_default(),
        no_rollback: a.no_rollback,
        monitoring: true,
    };
    let mut report = Report::action("dr cutover");
    let mut file = match record::load(&path)? {
        Some(r) => resumed(r, &source, &a.to, &path)?,
        None => {
            let facts = cutover::gather(ctx, &opts).await?;
            let planned = cutover_plan::decide(
                facts,
                &source,
                &a.to,
                &a.variable,
                &region,
                a.grant,
                Utc::now(),
            )?;
            RecordFile {
                path: path.clone(),
                record: planned,
            }
        }
    };
    if a.dry_run {
        report.section(steps_section(
            "Cutover plan (dry run, nothing changed)",
            &file.record.steps,
        ));
        if let Some(m) = &file.record.monitoring {
            report.section(monitoring_section(m, &a.to));
        }
        report.note(format!(
            "the new mapping starts at TRIM_HORIZON of {}'s stream: that stream holds only writes made since it was enabled after the restore (none of the restored items), so nothing written after the cutover is missed and nothing before it is replayed but the tool's own verification writes",
            a.to
        ));
        record_report(&mut report, &file, true)?;
        return Ok(report);
    }
    if file.record.stage == Stage::Planned {
        file.save()?;
    }
    let ended = match file.record.stage {
        Stage::Verified => Ended::Verified,
        _ => cutover::apply(ctx, &mut file, &opts).await?,
    };
    cutover_findings(&mut report, &file, &ended);
    report.section(steps_section("Cutover", &file.record.steps));
    if !file.record.rollback.is_empty() {
        report.section(steps_section("Rolled back", &file.record.rollback));
    }
    report.note(format!(
        "record: {} (dr rollback --record {0} undoes it)",
        file.path.display()
    ));
    if ended == Ended::Verified {
        report.section(Section::lines(
            "Terraform (the tool does not edit state)",
            terraform(&file.record),
        ));
    }
    record_report(&mut report, &file, false)?;
    Ok(report)
}

/// The alarms and the dashboard the cutover puts for the target, each with what it does.
fn monitoring_section(m: &record::MonitoringChange, target: &str) -> Section {
    let mut rows: Vec<Vec<String>> = m
        .alarms
        .iter()
        .map(|c| {
            vec![
                c.name.clone(),
                c.action.as_str().to_owned(),
                c.changes.join("; "),
            ]
        })
        .collect();
    rows.push(vec![
        m.dashboard.name.clone(),
        if m.dashboard.before.is_some() {
            "update"
        } else {
            "create"
        }
        .to_owned(),
        format!("widgets on {target}"),
    ]);
    Section::table(
        format!("Alarms and dashboard for {target} (dry run, nothing changed)"),
        &["ALARM / DASHBOARD", "ACTION", "CHANGES"],
        rows,
    )
}

/// A record found at the path: it must be this cutover's, and one that can go on.
fn resumed(
    r: Record,
    source: &str,
    target: &str,
    path: &std::path::Path,
) -> anyhow::Result<RecordFile> {
    if r.source != source || r.target != target {
        return Err(Refusal::new(format!(
            "{} is the record of a cutover from {} to {}, not {source} to {target}",
            path.display(),
            r.source,
            r.target
        ))
        .into());
    }
    if matches!(
        r.stage,
        Stage::RolledBack | Stage::RollbackIncomplete | Stage::Retired
    ) {
        return Err(Refusal::new(format!(
            "the cutover in {} was {}: move the record away to cut over again",
            path.display(),
            if r.stage == Stage::Retired {
                "followed by dr retire"
            } else {
                "rolled back"
            }
        ))
        .into());
    }
    Ok(RecordFile {
        path: path.to_owned(),
        record: r,
    })
}

fn cutover_findings(report: &mut Report, file: &RecordFile, ended: &Ended) {
    let r = &file.record;
    let (cut, canary) = match ended {
        Ended::Verified => (
            Finding::ok(
                CheckId::DrCutover,
                format!(
                    "{} and {} moved from {} to {}",
                    crate::vocab::words::count(r.functions.len(), "function", "functions"),
                    crate::vocab::words::count(r.new_mappings.len(), "mapping", "mappings"),
                    r.source,
                    r.target
                ),
            ),
            Finding::ok(
                CheckId::DrCanary,
                r.canary
                    .as_ref()
                    .map(canary_proof::summary)
                    .unwrap_or_else(|| "canary passed".into()),
            ),
        ),
        Ended::Unverified(why) => (
            Finding::warn(
                CheckId::DrCutover,
                format!(
                    "cut over to {}, kept without proof (--no-rollback)",
                    r.target
                ),
            ),
            Finding::crit(CheckId::DrCanary, why.clone())
                .remedy(format!("dr rollback --record {}", file.path.display())),
        ),
        Ended::RolledBack(why) => (
            Finding::crit(
                CheckId::DrCutover,
                format!("the cutover failed and was rolled back: {why}"),
            ),
            Finding::unknown(CheckId::DrCanary, "no canary: the cutover did not finish"),
        ),
        Ended::Stopped(why) => (
            Finding::crit(CheckId::DrCutover, format!("the cutover stopped: {why}")).remedy(
                format!(
                    "run the same dr cutover again to go on, or dr rollback --record {} to undo it",
                    file.path.display()
                ),
            ),
            Finding::unknown(CheckId::DrCanary, "no canary: the cutover did not finish"),
        ),
    };
    let failed = !matches!(ended, Ended::Verified);
    report.push(
        cut.evidence(findings::cutover(r, &file.path))
            .runbook(RB_CUTOVER),
    );
    report.push(canary.evidence(findings::canary(r)).runbook(RB_CUTOVER));
    if failed {
        report.failed = true;
    }
}

pub(crate) async fn run_rollback(ctx: &Context, a: &RollbackArgs) -> anyhow::Result<Report> {
    safety::guard_write(&ctx.names, "dr rollback", a.yes, a.dry_run)?;
    let record = record::load(&a.record)?.ok_or_else(|| {
        UsageError::new(format!(
            "no record at {}: pass the file dr cutover wrote",
            a.record.display()
        ))
    })?;
    let mut file = RecordFile {
        path: a.record.clone(),
        record,
    };
    let mut report = Report::action("dr rollback");
    if a.dry_run {
        let planned = if file.record.rollback.is_empty() {
            rollback::plan(&file)
        } else {
            file.record.rollback.clone()
        };
        report.section(steps_section(
            "Rollback plan (dry run, nothing changed)",
            &planned,
        ));
        record_report(&mut report, &file, true)?;
        return Ok(report);
    }
    if file.record.stage == Stage::Retired {
        return Err(Refusal::new(format!("{} was retired (deleted after a backup): there is nothing to roll back to; restore its backup {}", file.record.source, file.record.backup_arn.as_deref().unwrap_or("?"))).into());
    }
    let canary = (!a.no_canary).then(|| a.canary_timeout.to_std().unwrap_or_default());
    let complete = rollback::undo(ctx, &mut file, &a.force, canary).await?;
    let conflicts: Vec<String> = file
        .record
        .rollback
        .iter()
        .filter(|s| !s.status.is_done())
        .map(|s| format!("{}: {}", s.subject, s.detail.clone().unwrap_or_default()))
        .collect();
    let f = if complete {
        Finding::ok(
            CheckId::DrRollback,
            format!(
                "every change of the cutover from {} to {} set back",
                file.record.source, file.record.target
            ),
        )
    } else {
        report.failed = true;
        Finding::crit(
            CheckId::DrRollback,
            format!("not everything was set back: {}", conflicts.join("; ")),
        )
        .remedy("fix or --force each resource named, then run dr rollback again")
    };
    report.push(
        f.evidence(findings::rollback(&file.record, &file.path))
            .runbook(RB_CUTOVER),
    );
    report.section(steps_section("Rollback", &file.record.rollback));
    report.note(format!(
        "what was written to {} during the cutover stays there; a re-enabled mapping delivers what reached {}'s stream while it was disabled",
        file.record.target, file.record.source
    ));
    record_report(&mut report, &file, false)?;
    Ok(report)
}

/// The one cutover record of `source` in the private state directory.
fn find_record(source: &str) -> anyhow::Result<PathBuf> {
    let dir = crate::files::state_dir()?;
    let prefix = format!("cutover-{source}-to-");
    let found: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".json"))
        })
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(Refusal::new(format!("no cutover record of {source} in {}: retire only a table whose traffic moved (dr cutover), or pass --record FILE", dir.display())).into()),
        _ => Err(UsageError::new(format!("several cutover records of {source} in {}: pass --record FILE", dir.display())).into()),
    }
}

pub(crate) async fn run_retire(ctx: &Context, a: &RetireArgs) -> anyhow::Result<Report> {
    let source = ctx.table().to_owned();
    if !a.yes && !a.dry_run {
        return Err(Refusal::new(format!(
            "dr retire deletes {source} (after a backup): add --yes, or --dry-run to see the plan"
        ))
        .into());
    }
    let path = match &a.record {
        Some(p) => p.clone(),
        None => find_record(&source)?,
    };
    let record = record::load(&path)?
        .ok_or_else(|| UsageError::new(format!("no record at {}", path.display())))?;
    if let Some(why) = retire::refusal(&record, &source) {
        return Err(Refusal::new(format!("refusing to retire {source}: {why}")).into());
    }
    let mut file = RecordFile { path, record };
    let moved = file
        .record
        .traffic_moved_at
        .as_deref()
        .and_then(|t| crate::times::parse_rfc3339(t).ok())
        .ok_or_else(|| Refusal::new("the record's traffic_moved_at is not a time"))?;
    let mut report = Report::action("dr retire");
    if file.record.retire.is_empty() {
        let client = ctx.dynamodb().await?;
        let table = crate::aws::table::describe(client, &source)
            .await?
            .ok_or_else(|| Refusal::new(format!("{source} does not exist")))?;
        let name = retire::backup_name(&source, Utc::now());
        file.record.retire = retire::plan(
            &source,
            table.deletion_protection_enabled() == Some(true),
            &name,
        );
        file.record.backup_name = Some(name);
    }
    let deleted_already = file
        .record
        .retire
        .iter()
        .any(|s| s.kind == record::Kind::DeleteTable && s.status.is_done());
    let mut writes_since = None;
    if !deleted_already {
        let writes = retire::writes_since(ctx, &source, moved).await?;
        writes_since = Some(writes);
        if writes > 0.0 {
            return Err(Refusal::new(format!(
                "refusing to retire {source}: it took writes since traffic moved to {} ({} after {}, ConsumedWriteCapacityUnits): find what still writes to it first",
                file.record.target,
                crate::vocab::words::whole(writes, "write unit", "write units"),
                crate::times::stamp(moved)
            ))
            .into());
        }
    }
    if a.dry_run {
        report.section(steps_section(
            "Retire plan (dry run, nothing changed)",
            &file.record.retire,
        ));
        record_report(&mut report, &file, true)?;
        return Ok(report);
    }
    retire::apply(ctx, &mut file).await?;
    report.push(
        Finding::ok(
            CheckId::DrRetire,
            format!(
                "{source} backed up and deleted; keep the backup {}",
                file.record.backup_arn.as_deref().unwrap_or("?")
            ),
        )
        .evidence(findings::retire(&file.record, &file.path, writes_since))
        .runbook(RB_CLEANUP),
    );
    report.section(steps_section("Retire", &file.record.retire));
    record_report(&mut report, &file, false)?;
    Ok(report)
}
