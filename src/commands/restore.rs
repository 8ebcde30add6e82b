//! `pitr-restore` and `dr-drill`: the restore engine (`crate::dr`: a plan, recorded steps, what
//! finishing found) run from the flags, and what it did as a report. What a restore cannot
//! re-apply (IAM and resource-based policies, table class, warm throughput, auto scaling,
//! alarms) is on the cutover checklist it prints. The source table is only ever read.

use aws_sdk_dynamodb::types::TableDescription;
use chrono::{DateTime, Utc};

use super::data_schema::{either, shape};
use super::registry::{Kind, Leaf, Limit, Production, ReportFile, plus};
use crate::aws::table as ddb;
use crate::checks::restore as verify;
use crate::cli::{Command, DrillArgs, RestoreArgs};
use crate::context::Context;
use crate::dr::checklist::cutover_steps;
use crate::dr::data::{
    CutoverOnlyData, DrillData, DrillTargets, RestoreData, RestoreFinished, RestorePlan,
    RestoreRun, Window,
};
use crate::dr::drill::{self, Drill, DrillRun, DrillSettings};
use crate::dr::plan::{self, restore_point, target_name};
use crate::dr::restore::{
    self, FinishOpts, Finished, Step, Times, nothing_changed, recorded_point, restore_tags, waits,
};
use crate::dr::step::Journal;
use crate::error::{NotFound, Refusal, UsageError};
use crate::report::{CheckId, Finding, Report, ReportKind, Section};
use crate::spec;
use crate::times::{human, stamp};

pub(crate) static PITR_RESTORE: Leaf<RestoreArgs> = Leaf::new(
    "pitr-restore",
    Kind::Action,
    |c| match c {
        Command::PitrRestore(a) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(pitr_restore(ctx, a).await?.into()) }),
)
.limit(Limit::By(|a| plus(a.max_wait, 15)))
.production(Production::NeedsYes { with: &[] })
.data(shape::<RestoreData>);

/// A drill is a check; deleting a kept drill table (`--delete`) is an action. It creates and
/// deletes only its own tagged table.
pub(crate) static DR_DRILL: Leaf<DrillArgs> = Leaf::new(
    "dr-drill",
    Kind::By(|a: &DrillArgs| {
        if a.delete.is_some() {
            ReportKind::Action
        } else {
            ReportKind::Check
        }
    }),
    |c| match c {
        Command::DrDrill(a) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(dr_drill(ctx, a).await?.into()) }),
)
.limit(Limit::By(|a| plus(a.max_wait, 15)))
.report_file(|a| {
    let path = a.report.as_deref().filter(|_| a.delete.is_none())?;
    Some(ReportFile {
        path,
        force: a.force,
        drill: true,
    })
})
.production(Production::OwnResources { with: &[] })
.data(either::<DrillData, CutoverOnlyData>);

/// `--reference-export`, checked before anything is restored (and by `--dry-run`): the export
/// found (for `latest`, the newest usable one at or before `point`) and its manifest read, or a
/// refusal that says why (`done`: what has not happened), with nothing restored or changed.
/// The verification then uses that export.
async fn reference_first(
    ctx: &Context,
    source: &TableDescription,
    which: Option<&str>,
    point: Option<DateTime<Utc>>,
    done: &str,
) -> anyhow::Result<Option<verify::ExportReference>> {
    let Some(which) = which else {
        return Ok(None);
    };
    let (ddb, s3) = (ctx.dynamodb().await?, ctx.s3().await?);
    match verify::export_reference(ddb, s3, source, which, point).await {
        Ok(r) => Ok(Some(r)),
        Err(e) => Err(Refusal::new(format!(
            "--reference-export {which} cannot be used: {e}; {done} (fix the reference, or leave it out)"
        ))
        .into()),
    }
}

/// The note a checked reference gives.
fn reference_note(r: &verify::ExportReference) -> String {
    format!(
        "--reference-export: export {} ({} at {}; completed, a full export in DynamoDB JSON, its manifest read) is what the restore is compared with",
        r.arn,
        crate::vocab::words::plural(r.item_count, "item", "items"),
        r.export_time.as_deref().unwrap_or("?")
    )
}

/// A restore this run goes on with: started now, or picked up (`--resume`).
struct Begun {
    target: String,
    source_table: TableDescription,
    retention_days: i32,
    point: Option<DateTime<Utc>>,
    data: RestoreData,
    reference: Option<verify::ExportReference>,
}

pub(crate) async fn pitr_restore(ctx: &Context, args: &RestoreArgs) -> anyhow::Result<Report> {
    let mut report = Report::action("pitr-restore");
    report.correct(spec::corrections::restore_drops_settings());
    report.correct(spec::corrections::pitr_retention());
    let mut journal = Journal::new();
    let begun = match &args.resume {
        Some(target) => resume(ctx, args, target).await?,
        None => match start(ctx, args, &mut report, &mut journal).await? {
            Some(begun) => begun,
            // A dry run: the plan, nothing changed.
            None => return Ok(report),
        },
    };
    let Begun {
        target,
        source_table,
        retention_days,
        point,
        mut data,
        reference,
    } = begun;
    report.table_override = Some(target.clone());
    data.run = Some(RestoreRun {
        started_at: journal.started(Step::Start).map(stamp),
        finished: None,
    });
    let interactive = ctx.output.interactive;
    if !waits(args.no_wait, args.wait, args.resume.is_some(), interactive) {
        report.note(format!(
            "The restore into {target} runs on the AWS side (it can take hours). Pick it up with: eventsctl --table {} pitr-restore --resume {target}",
            ctx.table()
        ));
        report.set_data(&data)?;
        return Ok(report);
    }
    let opts = finish_opts(ctx, args, &source_table, retention_days, point, reference).await?;
    let stop = super::interrupted();
    let f = restore::finish(ctx, &source_table, &target, opts, &mut journal, stop).await?;
    let times = Times::of(&journal)
        .ok_or_else(|| anyhow::anyhow!("internal error: a step of the restore has no record"))?;
    let already = args
        .resume
        .is_some()
        .then(|| nothing_changed(&journal, f.applied.as_ref()));
    finished(&mut report, &mut data, &f, times, already)?;
    report.section(Section::lines(
        "Cutover checklist (runbook step 4; eventsctl does not perform it)",
        cutover_steps(
            &source_table,
            &target,
            f.target.latest_stream_arn(),
            f.applied.as_ref(),
        ),
    ));
    Ok(report)
}

/// `--resume TARGET`: the source and a target this tool's restore of it created, checked
/// before anything is written; the production guard; the reference export, if any.
async fn resume(ctx: &Context, args: &RestoreArgs, target: &str) -> anyhow::Result<Begun> {
    let client = ctx.dynamodb().await?;
    let source_table = ddb::describe(client, ctx.table()).await?.ok_or_else(|| {
        NotFound::new(format!(
            "source table {} does not exist (check --env/--table)",
            ctx.table()
        ))
    })?;
    let target_table = if target == ctx.table() {
        None
    } else {
        ddb::describe(client, target).await?
    };
    let tags = match target_table.as_ref().and_then(|t| t.table_arn()) {
        Some(arn) => ddb::tags(client, arn).await?,
        None => Vec::new(),
    };
    if let Some(why) = verify::resume_refusal(ctx.table(), target, target_table.as_ref(), &tags) {
        return Err(Refusal::new(why).into());
    }
    crate::safety::guard_write(&ctx.names, "pitr-restore --resume", args.yes, false)?;
    let retention_days = ddb::describe_backups(client, ctx.table())
        .await?
        .and_then(|b| b.point_in_time_recovery_description)
        .and_then(|p| p.recovery_period_in_days())
        .unwrap_or(spec::PITR_DAYS);
    let point = recorded_point(&tags, target_table.as_ref());
    let reference = reference_first(
        ctx,
        &source_table,
        args.reference_export.as_deref(),
        point,
        "nothing was changed",
    )
    .await?;
    Ok(Begun {
        data: RestoreData {
            resumed: true,
            source: ctx.table().to_owned(),
            target: target.to_owned(),
            plan: None,
            run: None,
        },
        target: target.to_owned(),
        source_table,
        retention_days,
        point,
        reference,
    })
}

/// A new restore: its plan (the report's first section), its reference export, then, unless a
/// dry run (`None`), the production guard and the restore started.
async fn start(
    ctx: &Context,
    args: &RestoreArgs,
    report: &mut Report,
    journal: &mut Journal<Step>,
) -> anyhow::Result<Option<Begun>> {
    let now = Utc::now();
    let target = target_name(args.target.as_deref(), || {
        format!("{}-restored-{}", ctx.table(), now.format("%Y%m%d"))
    })?;
    let point = args
        .to
        .ok_or_else(|| UsageError::new("give --to (a time or latest), or --resume TARGET"))?;
    let facts = plan::gather(ctx, &target).await?;
    let plan = plan::decide(facts, ctx.table(), &target, point, now)?;
    report.section(plan::section("Restore", args.dry_run, &plan));
    let data = RestoreData {
        resumed: false,
        source: plan.source.clone(),
        target: plan.target.clone(),
        plan: Some(RestorePlan {
            restore_point: plan.at.map(stamp).unwrap_or_else(|| "latest".into()),
            window: Window {
                earliest: plan.earliest.map(stamp),
                latest: plan.latest.map(stamp),
            },
            dry_run: args.dry_run,
        }),
        run: None,
    };
    let reference = reference_first(
        ctx,
        &plan.source_table,
        args.reference_export.as_deref(),
        restore_point(&plan),
        "nothing was restored",
    )
    .await?;
    if args.dry_run {
        if let Some(r) = &reference {
            report.note(reference_note(r));
        }
        report.set_data(&data)?;
        return Ok(None);
    }
    crate::safety::guard_write(&ctx.names, "pitr-restore", args.yes, false)?;
    if let Some(e) = restore::start(ctx, &plan, &[], journal).await? {
        report.note(format!(
            "{target} could not be tagged as this restore yet ({e}); it is tagged once ACTIVE if this run waits, and --resume acts only on a tagged restore"
        ));
    }
    Ok(Some(Begun {
        point: restore_point(&plan),
        target,
        retention_days: plan.retention_days,
        source_table: plan.source_table,
        data,
        reference,
    }))
}

/// How to finish: the settings to re-apply as the source has them (unless `--no-reapply`), the
/// restore's own tags, the verification the flags ask for.
async fn finish_opts(
    ctx: &Context,
    args: &RestoreArgs,
    source_table: &TableDescription,
    retention_days: i32,
    point: Option<DateTime<Utc>>,
    reference: Option<verify::ExportReference>,
) -> anyhow::Result<FinishOpts> {
    let own_tags = restore_tags(ctx.table(), point);
    let desired = if args.no_reapply {
        None
    } else {
        let source_tags = restore::source_tags(ctx, source_table).await?;
        Some(restore::desired(
            source_table,
            retention_days,
            source_tags,
            own_tags.clone(),
            false,
        ))
    };
    Ok(FinishOpts {
        max_wait: args.max_wait,
        desired,
        own_tags,
        verify: verify::VerifyOpts {
            sample: args.sample as usize,
            exact_count: args.exact_count,
            restore_point: point,
            reference_export: reference.map(|r| r.arn),
        },
    })
}

/// What finishing found, in the report: failed unless verified, the RTO, a resume that had
/// nothing to do, the settings re-applied, the findings, the `data`.
fn finished(
    report: &mut Report,
    data: &mut RestoreData,
    f: &Finished,
    times: Times,
    already: Option<bool>,
) -> Result<(), crate::report::DataError> {
    report.failed = !verify::verified(&f.findings);
    let duration = times.rto();
    if let Some(d) = duration {
        report.note(format!(
            "Recovery took {} from start to ACTIVE with its settings (the RTO); verification took {} more.",
            human(d),
            human(times.verification())
        ));
    }
    if already == Some(true) {
        report.note(format!(
            "Nothing to resume: {} is ACTIVE and its settings are in place; nothing changed (verified again).",
            data.target
        ));
    }
    if let Some(a) = &f.applied {
        report.section(crate::checks::settings::section("Re-applied", a));
    }
    if let Some(run) = &mut data.run {
        run.finished = Some(RestoreFinished {
            active_at: stamp(times.active_at),
            ready_at: stamp(times.ready_at),
            verified_at: stamp(times.verified_at),
            verification_s: times.verification().num_seconds(),
            duration_s: duration.map(|d| d.num_seconds()),
            already_finished: already,
            verification: f.verification.clone(),
            reapplied: f
                .applied
                .as_ref()
                .map(crate::checks::settings::SettingsData::of),
        });
    }
    report.set_data(data)?;
    report.extend(f.findings.clone());
    Ok(())
}

pub(crate) async fn dr_drill(ctx: &Context, args: &DrillArgs) -> anyhow::Result<Report> {
    if let Some(name) = &args.delete {
        let mut report = Report::action("dr-drill --delete");
        report.table_override = Some(name.clone());
        if !args.yes || args.dry_run {
            // Checked, not deleted: the tag is what makes it deletable.
            drill::ensure_drill_table(ctx.dynamodb().await?, name).await?;
            report.push(Finding::ok(
                CheckId::DrillDelete,
                format!("would delete {name} (a tagged drill table); add --yes"),
            ));
            return Ok(report);
        }
        drill::delete_drill_table(ctx, name).await?;
        report.push(Finding::ok(
            CheckId::DrillDelete,
            format!("deleted drill table {name}"),
        ));
        return Ok(report);
    }
    let mut report = if args.cutover {
        super::drill_cutover::run(ctx, args).await?
    } else {
        drill_report(ctx, &DrillSettings::from(args)).await?
    };
    if let Some(path) = &args.report
        && !args.dry_run
    {
        report.attachments.extend(crate::files::drill_report(path));
    }
    Ok(report)
}

/// A drill run (`crate::dr::drill`) as a report: its plan, RTO and RPO, the verification, the
/// cleanup, and the drill record (also `health-check monthly --restore-test`'s).
pub(crate) async fn drill_report(
    ctx: &Context,
    settings: &DrillSettings,
) -> anyhow::Result<Report> {
    let mut report = Report::check("dr-drill");
    report.correct(spec::corrections::restore_drops_settings());
    let run = match drill::run(ctx, settings, super::interrupted()).await? {
        Drill::Planned(plan) => {
            report.table_override = Some(plan.target.clone());
            report.section(plan::section("Drill", true, &plan));
            report.push(Finding::ok(
                CheckId::DrillPlan,
                format!(
                    "would restore {} into {}, verify, and delete it",
                    plan.source, plan.target
                ),
            ));
            return Ok(report);
        }
        Drill::Ran(run) => run,
    };
    let target = run.plan.target.clone();
    report.table_override = Some(target.clone());
    report.section(plan::section("Drill", false, &run.plan));
    if let Some(e) = &run.tag_error {
        report.note(format!(
            "{target} could not be tagged at once ({e}); tagged once ACTIVE"
        ));
    }
    report.push(verify::rto(run.rto, run.times.verification()));
    report.push(verify::rpo(run.rpo_s));
    report.extend(run.finished.findings.clone());
    report.push(cleanup_finding(&target, run.deleted.as_ref()));
    let data = drill_data(&run, settings.keep);
    report.set_data(&data)?;
    report.section(drill_record(&data, run.rto, run.times.verification()));
    report.note("Attach this record to the monthly health check (runbook: Test PITR Restore, step 3: document restore time).");
    Ok(report)
}

/// Whether the drill table is gone: kept (`None`), deleted, or left behind with the error.
fn cleanup_finding(target: &str, deleted: Option<&Result<(), String>>) -> Finding {
    let check = CheckId::DrillCleanup;
    match deleted {
        None => Finding::ok(
            check,
            format!(
                "kept {target} (--keep); delete it with: eventsctl dr-drill --delete {target} --yes"
            ),
        ),
        Some(Ok(())) => Finding::ok(check, format!("deleted the drill table {target}")),
        Some(Err(e)) => Finding::warn(
            check,
            format!("the drill table {target} was left behind: {e}"),
        )
        .remedy(format!(
            "delete it by hand once checked: aws dynamodb delete-table --table-name {target}"
        )),
    }
    .runbook("Quarterly Performance Review 4: Disaster Recovery Drill")
}

pub(super) fn drill_data(run: &DrillRun, kept: bool) -> DrillData {
    let t = run.times;
    DrillData {
        source: run.plan.source.clone(),
        drill_table: run.plan.target.clone(),
        started_at: stamp(run.started_at),
        active_at: stamp(t.active_at),
        verified_at: stamp(t.verified_at),
        rto_s: run.rto.num_seconds(),
        rto_ms: run.rto.num_milliseconds(),
        rpo_s: run.rpo_s,
        targets: DrillTargets {
            rto_s: verify::RTO_TARGET_S,
            rpo_s: verify::RPO_TARGET_S,
        },
        verification_s: t.verification().num_seconds(),
        ready_at: stamp(t.ready_at),
        verification: run.finished.verification.clone(),
        reapplied: run
            .finished
            .applied
            .as_ref()
            .map(crate::checks::settings::SettingsData::of),
        kept,
        cutover: None,
    }
}

/// The drill record a person attaches to the health check.
fn drill_record(
    data: &DrillData,
    rto: chrono::Duration,
    verification: chrono::Duration,
) -> Section {
    Section::pairs(
        "Drill record",
        vec![
            ("started", data.started_at.clone()),
            ("ACTIVE", data.active_at.clone()),
            ("settings applied", data.ready_at.clone()),
            ("verified", data.verified_at.clone()),
            (
                "RTO",
                format!("{} to ACTIVE with settings (target 4 h)", human(rto)),
            ),
            ("verification", human(verification)),
            (
                "RPO",
                data.rpo_s
                    .map(|r| format!("{} (target 5 min)", human(chrono::Duration::seconds(r))))
                    .unwrap_or_else(|| "?".into()),
            ),
            (
                "items restored",
                data.verification
                    .item_count
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "?".into()),
            ),
        ],
    )
}
