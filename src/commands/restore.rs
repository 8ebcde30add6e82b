//! `pitr-restore` and `dr-drill`: start a point-in-time restore into a new table, wait for it
//! (hours on AWS; Ctrl-C leaves it running and says how to resume), verify it, and re-apply what
//! a restore does not carry (TTL, stream, PITR, tags, and deletion protection when the source
//! has it: AWS says they must be set up again,
//! https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_RestoreTableToPointInTime.html,
//! https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-pitr-recovery-table-restore.html).
//! What it cannot re-apply (IAM and resource-based policies, table class, warm throughput, auto
//! scaling, alarms) is on the cutover checklist it prints.
//! The source table is only ever read, and never scanned unless an exact count is asked for.

use crate::aws::ops;
use crate::aws::retry::{self, RetryPolicy};
use crate::report::CheckId;
use std::time::Duration;

use anyhow::Context as _;
use aws_sdk_dynamodb::types::{
    PointInTimeRecoveryStatus, StreamViewType, TableDescription, TableStatus, Tag,
};
use chrono::{DateTime, Utc};

use super::restore_data::{
    DrillData, DrillTargets, RestoreData, RestoreFinished, RestorePlan, RestoreRun, Window,
};
use crate::aws::error::{AwsResultExt, table_resource};
use crate::aws::settings::{self, Change, Desired, Outcomes, Protection};
use crate::aws::table as ddb;
use crate::checks::restore as verify;
use crate::cli::{DrillArgs, RestoreArgs, RestorePoint};
use crate::context::Context;
use crate::error::{Refusal, UsageError};
use crate::report::{Finding, Report, Section};
use crate::spec::{self, DRILL_TAG, MANAGED_TAG};
use crate::times::{human, stamp};

/// Where a restore will go and from when, checked against AWS before anything is written.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub source: String,
    pub target: String,
    /// `None`: the latest restorable time.
    pub at: Option<DateTime<Utc>>,
    pub earliest: Option<DateTime<Utc>>,
    pub latest: Option<DateTime<Utc>>,
    pub retention_days: i32,
    pub source_table: TableDescription,
}

fn to_chrono(t: &aws_smithy_types::DateTime) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(t.secs(), t.subsec_nanos())
}

/// PITR enabled, the time inside [Earliest, Latest], the target free.
pub(crate) async fn plan(
    ctx: &Context,
    target: &str,
    point: RestorePoint,
    now: DateTime<Utc>,
) -> anyhow::Result<Plan> {
    let client = ctx.dynamodb().await?;
    let source = ctx.table().to_owned();
    let (table, backups, existing) = tokio::join!(
        ddb::describe(client, &source),
        ddb::describe_backups(client, &source),
        ddb::describe(client, target),
    );
    let source_table = table?.ok_or_else(|| {
        Refusal::new(format!(
            "source table {source} does not exist (check --env/--table)"
        ))
    })?;
    let pitr = backups?
        .and_then(|b| b.point_in_time_recovery_description)
        .ok_or_else(|| Refusal::new(format!("no continuous-backups description for {source}")))?;
    if pitr.point_in_time_recovery_status() != Some(&PointInTimeRecoveryStatus::Enabled) {
        return Err(Refusal::new(format!(
            "point-in-time recovery is not enabled on {source}: there is nothing to restore from (enable it now to be able to restore later)"
        ))
        .into());
    }
    let earliest = pitr.earliest_restorable_date_time().and_then(to_chrono);
    let latest = pitr.latest_restorable_date_time().and_then(to_chrono);
    let at = match point {
        RestorePoint::Latest => None,
        RestorePoint::At(t) => {
            let t = t.resolve(now);
            let window = format!(
                "[{}, {}]",
                earliest.map(stamp).unwrap_or_else(|| "?".into()),
                latest.map(stamp).unwrap_or_else(|| "?".into())
            );
            // Whole seconds: the window's bounds are whole seconds too.
            let secs = t.timestamp();
            if earliest.is_some_and(|e| secs < e.timestamp())
                || latest.is_some_and(|l| secs > l.timestamp())
            {
                return Err(UsageError::new(format!(
                    "--to {} is outside the restorable window {window} of {source}; pick a time inside it or --to latest",
                    stamp(t)
                ))
                .into());
            }
            Some(t)
        }
    };
    if let Some(t) = existing? {
        return Err(Refusal::new(format!(
            "the target table {target} already exists ({}); choose another --target, or pick it up with --resume {target}",
            t.table_status().map(|s| s.as_str()).unwrap_or("?")
        ))
        .into());
    }
    Ok(Plan {
        source,
        target: target.to_owned(),
        at,
        earliest,
        latest,
        retention_days: pitr.recovery_period_in_days().unwrap_or(spec::PITR_DAYS),
        source_table,
    })
}

/// The plan as a section titled `what` ("Restore", "Drill"), saying when it is a dry run.
fn plan_section(what: &str, dry_run: bool, p: &Plan) -> Section {
    let title = if dry_run {
        format!("{what} plan (dry run, nothing changed)")
    } else {
        what.to_owned()
    };
    Section::pairs(title, plan_pairs(p))
}

fn plan_pairs(p: &Plan) -> Vec<(&'static str, String)> {
    vec![
        ("source", p.source.clone()),
        ("target", p.target.clone()),
        (
            "restore to",
            p.at.map(stamp)
                .unwrap_or_else(|| "latest restorable time".into()),
        ),
        (
            "restorable window",
            format!(
                "{} .. {}",
                p.earliest.map(stamp).unwrap_or_else(|| "?".into()),
                p.latest.map(stamp).unwrap_or_else(|| "?".into())
            ),
        ),
        (
            "re-apply",
            format!(
                "TTL on ttl, stream NEW_IMAGE, PITR {} days, the source's tags{}",
                p.retention_days,
                if protected(&p.source_table) {
                    ", deletion protection (the source has it)"
                } else {
                    ""
                }
            ),
        ),
    ]
}

/// Whether a table has deletion protection on.
fn protected(t: &TableDescription) -> bool {
    t.deletion_protection_enabled() == Some(true)
}

/// The point a restore goes back to: `--to`, else the latest restorable time when it started
/// (AWS picks a point a little after it, so events dated before it are in the restore).
pub(crate) fn restore_point(plan: &Plan) -> Option<DateTime<Utc>> {
    plan.at.or(plan.latest)
}

/// The tags a restore by this tool writes on its table: managed, the source, the restore point.
fn restore_tags(source: &str, point: Option<DateTime<Utc>>) -> Vec<Tag> {
    let point = point.map(stamp).unwrap_or_else(|| "latest".into());
    let mut tags = ddb::tag_list(&[MANAGED_TAG]);
    tags.extend(ddb::tag_list(&[
        (spec::RESTORE_SOURCE_TAG, source),
        (spec::RESTORE_TIME_TAG, &point),
    ]));
    tags
}

/// The restore point a restored table records: the restore's own tag, else AWS's RestoreSummary.
fn recorded_point(tags: &[Tag], table: Option<&TableDescription>) -> Option<DateTime<Utc>> {
    tags.iter()
        .find(|t| t.key == spec::RESTORE_TIME_TAG)
        .and_then(|t| crate::times::parse_rfc3339(&t.value).ok())
        .or_else(|| {
            table
                .and_then(|t| t.restore_summary())
                .map(|r| r.restore_date_time())
                .and_then(to_chrono)
        })
}

/// RestoreTableToPointInTime, then the restore's tags at once (a few tries: the new table is
/// CREATING), so that even a restore left running can be resumed. The tagging error, if any.
async fn start(
    ctx: &Context,
    plan: &Plan,
    extra_tags: &[(&str, &str)],
) -> anyhow::Result<(TableDescription, Option<String>)> {
    let client = ctx.dynamodb().await?;
    let mut req = client
        .restore_table_to_point_in_time()
        .source_table_name(&plan.source)
        .target_table_name(&plan.target);
    req = match plan.at {
        Some(t) => req.restore_date_time(aws_smithy_types::DateTime::from_secs(t.timestamp())),
        None => req.use_latest_restorable_time(true),
    };
    let out = req.send().await.aws(
        &ops::RESTORE_TABLE_TO_POINT_IN_TIME,
        table_resource(&plan.source),
    )?;
    let created = out.table_description.ok_or_else(|| {
        anyhow::anyhow!("RestoreTableToPointInTime returned no table description")
    })?;
    let mut tags = restore_tags(&plan.source, restore_point(plan));
    tags.extend(ddb::tag_list(extra_tags));
    let Some(arn) = created.table_arn() else {
        return Ok((created, Some("no table ARN to tag".into())));
    };
    // The new table is CREATING: a few tries, any failure tried again.
    let policy = RetryPolicy::new(4, Duration::from_millis(500), Duration::from_secs(4));
    let tagged = retry::call(policy, |_| true, || ddb::tag(client, arn, tags.clone())).await;
    Ok((created, tagged.err().map(|e| e.to_string())))
}

/// Waits for ACTIVE with a spinner; Ctrl-C stops waiting (the restore goes on at AWS).
async fn wait(
    ctx: &Context,
    source: &str,
    target: &str,
    max: chrono::Duration,
) -> anyhow::Result<TableDescription> {
    let client = ctx.dynamodb().await?;
    let spinner = ctx.progress().spinner(format!(
        "restoring into {target} (restores can take hours; Ctrl-C stops waiting, not the restore)"
    ));
    let max = max.to_std().unwrap_or(Duration::from_secs(6 * 3600));
    let result = tokio::select! {
        r = ddb::wait_active(client, target, max) => Some(r),
        _ = super::interrupted() => None,
    };
    spinner.finish_and_clear();
    match result {
        Some(r) => r.with_context(|| {
            format!("waiting for {target}; once it is ACTIVE: eventsctl --table {source} pitr-restore --resume {target}")
        }),
        None => Err(Refusal::new(format!(
            "interrupted while waiting: the restore into {target} continues on the AWS side; pick it up with: eventsctl --table {source} pitr-restore --resume {target}"
        ))
        .into()),
    }
}

/// What a restore does not carry over (facts of AWS: TTL, stream, PITR, tags, deletion
/// protection), wanted as the source has them; `aws:` tags are never copied. A drill's table is
/// deleted when the drill ends, so it never gets deletion protection.
async fn desired(
    ctx: &Context,
    source: &TableDescription,
    retention_days: i32,
    own_tags: Vec<Tag>,
    drill: bool,
) -> anyhow::Result<Desired> {
    let mut tags = match source.table_arn() {
        Some(arn) => ddb::tags(ctx.dynamodb().await?, arn).await?,
        None => Vec::new(),
    };
    tags.retain(|t| !settings::is_aws_tag(&t.key));
    tags.extend(own_tags);
    let deletion_protection = match (drill, protected(source)) {
        (true, _) => Protection::LeaveOff("a drill table is deleted when the drill ends"),
        (false, true) => Protection::On,
        (false, false) => Protection::LeaveOff("the source has none"),
    };
    Ok(Desired {
        ttl_attribute: spec::TTL_ATTRIBUTE.to_owned(),
        stream_view: StreamViewType::NewImage,
        pitr_days: retention_days,
        tags,
        deletion_protection,
    })
}

/// The cutover checklist: what the operator does, including everything a restore drops that
/// this tool does not set (docs/aws-facts.md §6.4). `reapplied`: what the re-apply did (`None`:
/// `--no-reapply`).
fn cutover_steps(
    source: &TableDescription,
    target: &str,
    stream_arn: Option<&str>,
    reapplied: Option<&Outcomes>,
) -> Vec<String> {
    let name = source.table_name().unwrap_or_default();
    let steps = [
        format!("Update the Lambda environment variable EVENTS_TABLE_NAME to {target}"),
        "Redeploy the Lambda functions".into(),
        format!("Update Terraform state (import {target}) if the table is managed there"),
        format!(
            "Update the IAM policies, and any resource-based policy, that name {name} or its stream: {target} has a new table ARN and a new stream ARN, and a restore copies no policy (eventsctl --table {target} iam-policy prints this tool's)"
        ),
        format!(
            "Point the stream consumer's event source mapping at the new stream ({})",
            stream_arn.unwrap_or("see eventsctl --table TARGET stream-status")
        ),
        format!(
            "Alarms, dashboards and auto scaling are not restored: eventsctl --table {target} alarms apply and dashboard apply; set auto scaling again if {name} had it"
        ),
        format!(
            "Table class and warm throughput are not carried over: set them again if {name} had them (aws dynamodb update-table --table-name {target} --table-class ... / --warm-throughput ...)"
        ),
        protection_step(source, target, reapplied),
        "Verify API functionality (eventsctl --table TARGET diagnose writes --canary)".into(),
        format!(
            "Only after verification: retire {name} (this tool never deletes it) and write the postmortem"
        ),
    ];
    steps
        .into_iter()
        .enumerate()
        .map(|(i, s)| format!("{}. {s}", i + 1))
        .collect()
}

/// The checklist's line on what the re-apply set: TTL, stream, PITR and tags (or what failed,
/// or nothing with `--no-reapply`), then deletion protection.
fn protection_step(
    source: &TableDescription,
    target: &str,
    reapplied: Option<&Outcomes>,
) -> String {
    let name = source.table_name().unwrap_or_default();
    let turn_on =
        format!("aws dynamodb update-table --table-name {target} --deletion-protection-enabled");
    let Some(outcomes) = reapplied else {
        return format!(
            "Nothing was re-applied (--no-reapply): TTL, stream, PITR, tags and deletion protection are off on {target}; set them before it serves (deletion protection: {turn_on})"
        );
    };
    let failed: Vec<&str> = outcomes
        .iter()
        .filter(|(k, c)| *k != "deletion_protection" && c.is_failed())
        .map(|(k, _)| *k)
        .collect();
    let others = if failed.is_empty() {
        "TTL, stream, PITR and tags are re-applied (above)".to_owned()
    } else {
        format!(
            "Not re-applied: {} (above); once the cause is fixed, eventsctl --table {name} pitr-restore --resume {target} sets what is missing",
            failed.join(", ")
        )
    };
    let change = outcomes
        .iter()
        .find(|(k, _)| *k == "deletion_protection")
        .map(|(_, c)| c);
    let protection = match change {
        Some(c) if c.is_failed() => format!(
            "Deletion protection could not be turned on ({}): turn it on before {target} serves: {turn_on}",
            c.text()
        ),
        _ if protected(source) => {
            format!("Deletion protection is on again on {target}, as on the source")
        }
        _ => format!(
            "The source had no deletion protection, so {target} has none: for production, turn it on: {turn_on}"
        ),
    };
    format!("{others}. {protection}")
}

/// Wait, re-apply, verify: everything after the restore started.
struct Finish {
    findings: Vec<Finding>,
    applied: Option<Outcomes>,
    target: TableDescription,
    /// Already ACTIVE when this began (a resume).
    was_active: bool,
    active_at: DateTime<Utc>,
    /// ACTIVE with its settings applied: where the RTO ends.
    ready_at: DateTime<Utc>,
    verified_at: DateTime<Utc>,
    verification: verify::Verification,
}

/// How to finish a restore.
struct FinishOpts {
    max_wait: chrono::Duration,
    /// `None`: do not re-apply (only the restore's own tags are made sure of).
    desired: Option<Desired>,
    own_tags: Vec<Tag>,
    verify: verify::VerifyOpts,
}

const RB_REAPPLY: &str = "Disaster Recovery: what a restore does not carry (TTL, stream, PITR, tags, deletion protection)";

async fn finish(
    ctx: &Context,
    source: &TableDescription,
    target: &str,
    opts: FinishOpts,
) -> anyhow::Result<Finish> {
    let source_name = source.table_name().unwrap_or_default();
    let client = ctx.dynamodb().await?;
    let was_active = ddb::describe(client, target)
        .await?
        .is_some_and(|t| t.table_status() == Some(&TableStatus::Active));
    let active = wait(ctx, source_name, target, opts.max_wait).await?;
    let active_at = Utc::now();
    let mut findings = Vec::new();
    // Re-apply first: it is part of the recovery; verification is reported on its own.
    let applied = match &opts.desired {
        Some(want) => {
            let outcomes = settings::converge(
                client,
                target,
                active.table_arn(),
                want,
                false,
                ddb::PITR_READY_WAIT,
            )
            .await;
            findings.push(crate::checks::settings::finding(
                CheckId::RestoreReapply,
                &outcomes,
                RB_REAPPLY,
            ));
            Some(outcomes)
        }
        None => {
            let change =
                settings::tag_missing(client, active.table_arn(), &opts.own_tags, false).await;
            if let Change::Failed(e) = change {
                findings.push(Finding::warn(
                    CheckId::RestoreTags,
                    format!("the restore's own tags could not be written: {e}"),
                ));
            }
            None
        }
    };
    let ready_at = Utc::now();
    let target_now = ddb::describe(client, target).await?.unwrap_or(active);
    let facts = verify::gather(
        ctx.dynamodb_bulk().await?,
        ctx.dynamodb().await?,
        ctx.s3().await?,
        ctx.reporter(),
        source,
        &target_now,
        opts.verify,
    )
    .await;
    findings.extend(verify::evaluate(&facts));
    Ok(Finish {
        findings,
        applied,
        target: target_now,
        was_active,
        active_at,
        ready_at,
        verified_at: Utc::now(),
        verification: facts.verification,
    })
}

/// The restore's target name: given, or derived; either way a valid DynamoDB table name before
/// anything else happens (a `--dry-run` must not pass a name AWS would refuse).
fn target_name(given: Option<&str>, derived: impl FnOnce() -> String) -> anyhow::Result<String> {
    match given {
        Some(t) => Ok(t.to_owned()),
        None => {
            let name = derived();
            spec::check_table_name(&name).map_err(|e| {
                UsageError::new(format!(
                    "the generated restore table name {e}; pass --target NAME (or a shorter --table)"
                ))
            })?;
            Ok(name)
        }
    }
}

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
        "--reference-export: export {} ({} items at {}; completed, a full export in DynamoDB JSON, its manifest read) is what the restore is compared with",
        r.arn,
        r.item_count,
        r.export_time.as_deref().unwrap_or("?")
    )
}

pub(crate) async fn pitr_restore(ctx: &Context, args: &RestoreArgs) -> anyhow::Result<Report> {
    let now = Utc::now();
    let mut report = Report::action("pitr-restore");
    report.correct(spec::corrections::restore_drops_settings());
    report.correct(spec::corrections::pitr_retention());
    let client = ctx.dynamodb().await?;
    let reference;
    let (target, source_table, retention, started_at, point, mut data) = match &args.resume {
        Some(target) => {
            let source_table = ddb::describe(client, ctx.table()).await?.ok_or_else(|| {
                Refusal::new(format!(
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
            if let Some(why) =
                verify::resume_refusal(ctx.table(), target, target_table.as_ref(), &tags)
            {
                return Err(Refusal::new(why).into());
            }
            crate::safety::guard_write(&ctx.names, "pitr-restore --resume", args.yes, false)?;
            let retention = ddb::describe_backups(client, ctx.table())
                .await?
                .and_then(|b| b.point_in_time_recovery_description)
                .and_then(|p| p.recovery_period_in_days())
                .unwrap_or(spec::PITR_DAYS);
            let data = RestoreData {
                resumed: true,
                source: ctx.table().to_owned(),
                target: target.clone(),
                plan: None,
                run: None,
            };
            let point = recorded_point(&tags, target_table.as_ref());
            reference = reference_first(
                ctx,
                &source_table,
                args.reference_export.as_deref(),
                point,
                "nothing was changed",
            )
            .await?;
            (target.clone(), source_table, retention, None, point, data)
        }
        None => {
            let target = target_name(args.target.as_deref(), || {
                format!("{}-restored-{}", ctx.table(), now.format("%Y%m%d"))
            })?;
            let point = args.to.expect("clap requires --to without --resume");
            let plan = plan(ctx, &target, point, now).await?;
            report.section(plan_section("Restore", args.dry_run, &plan));
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
            reference = reference_first(
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
                return Ok(report);
            }
            crate::safety::guard_write(&ctx.names, "pitr-restore", args.yes, false)?;
            let started = Utc::now();
            let (_, tag_error) = start(ctx, &plan, &[]).await?;
            if let Some(e) = tag_error {
                report.note(format!(
                    "{target} could not be tagged as this restore yet ({e}); it is tagged once ACTIVE if this run waits, and --resume acts only on a tagged restore"
                ));
            }
            let point = restore_point(&plan);
            (
                target,
                plan.source_table,
                plan.retention_days,
                Some(started),
                point,
                data,
            )
        }
    };
    report.table_override = Some(target.clone());
    data.run = Some(RestoreRun {
        started_at: started_at.map(stamp),
        finished: None,
    });
    let waiting = if args.no_wait {
        false
    } else {
        args.wait || args.resume.is_some() || ctx.output.interactive
    };
    if !waiting {
        report.note(format!(
            "The restore into {target} runs on the AWS side (it can take hours). Pick it up with: eventsctl --table {} pitr-restore --resume {target}",
            ctx.table()
        ));
        report.set_data(&data)?;
        return Ok(report);
    }
    let own_tags = restore_tags(ctx.table(), point);
    let desired = if args.no_reapply {
        None
    } else {
        Some(desired(ctx, &source_table, retention, own_tags.clone(), false).await?)
    };
    let f = finish(
        ctx,
        &source_table,
        &target,
        FinishOpts {
            max_wait: args.max_wait,
            desired,
            own_tags,
            verify: verify::VerifyOpts {
                sample: args.sample as usize,
                exact_count: args.exact_count,
                restore_point: point,
                reference_export: reference.as_ref().map(|r| r.arn.clone()),
            },
        },
    )
    .await?;
    report.failed = !verify::verified(&f.findings);
    let duration = started_at.map(|s| f.ready_at - s);
    if let Some(d) = duration {
        report.note(format!(
            "Recovery took {} from start to ACTIVE with its settings (the RTO); verification took {} more.",
            human(d),
            human(f.verified_at - f.ready_at)
        ));
    }
    let nothing_changed = f.was_active
        && f.applied
            .as_ref()
            .is_some_and(|a| !settings::changed(a) && !a.iter().any(|(_, c)| c.is_failed()));
    if args.resume.is_some() && nothing_changed {
        report.note(format!(
            "Nothing to resume: {target} is ACTIVE and its settings are in place; nothing changed (verified again)."
        ));
    }
    if let Some(a) = &f.applied {
        report.section(crate::checks::settings::section("Re-applied", a));
    }
    if let Some(run) = &mut data.run {
        run.finished = Some(RestoreFinished {
            active_at: stamp(f.active_at),
            ready_at: stamp(f.ready_at),
            verified_at: stamp(f.verified_at),
            verification_s: (f.verified_at - f.ready_at).num_seconds(),
            duration_s: duration.map(|d| d.num_seconds()),
            already_finished: args.resume.is_some().then_some(nothing_changed),
            verification: f.verification,
            reapplied: f.applied.as_ref().map(crate::checks::settings::json),
        });
    }
    report.set_data(&data)?;
    report.extend(f.findings);
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

/// Refuses unless `name` exists and carries the drill tag (what makes it deletable).
async fn ensure_drill_table(client: &aws_sdk_dynamodb::Client, name: &str) -> anyhow::Result<()> {
    let table = ddb::describe(client, name)
        .await?
        .ok_or_else(|| Refusal::new(format!("{name} does not exist")))?;
    let arn = table
        .table_arn()
        .ok_or_else(|| anyhow::anyhow!("{name} has no ARN"))?;
    let tags = ddb::tags(client, arn).await?;
    if !ddb::has_tag(&tags, DRILL_TAG.0, DRILL_TAG.1) {
        return Err(Refusal::new(format!(
            "refusing to delete {name}: it is not tagged {}={}, so dr-drill did not create it",
            DRILL_TAG.0, DRILL_TAG.1
        ))
        .into());
    }
    Ok(())
}

/// Deletes `name` only if it carries the drill tag.
pub(crate) async fn delete_drill_table(ctx: &Context, name: &str) -> anyhow::Result<()> {
    let client = ctx.dynamodb().await?;
    ensure_drill_table(client, name).await?;
    client
        .delete_table()
        .table_name(name)
        .send()
        .await
        .aws(&ops::DELETE_TABLE, table_resource(name))?;
    Ok(())
}

/// What a drill does, resolved from its flags (or chosen by `health-check monthly --restore-test`).
#[derive(Debug, Clone)]
pub(crate) struct DrillSettings {
    /// Keep the drill table instead of deleting it.
    pub keep: bool,
    /// Longest wait for the drill table to become ACTIVE.
    pub max_wait: chrono::Duration,
    /// Keys sampled for verification.
    pub sample: usize,
    pub dry_run: bool,
}

impl Default for DrillSettings {
    /// The defaults of `dr-drill` with no flags.
    fn default() -> DrillSettings {
        DrillSettings {
            keep: false,
            max_wait: chrono::Duration::hours(6),
            sample: 100,
            dry_run: false,
        }
    }
}

impl From<&DrillArgs> for DrillSettings {
    fn from(args: &DrillArgs) -> DrillSettings {
        DrillSettings {
            keep: args.keep,
            max_wait: args.max_wait,
            sample: args.sample as usize,
            dry_run: args.dry_run,
        }
    }
}

pub(crate) async fn dr_drill(ctx: &Context, args: &DrillArgs) -> anyhow::Result<Report> {
    if let Some(name) = &args.delete {
        let mut report = Report::action("dr-drill --delete");
        report.table_override = Some(name.clone());
        if !args.yes || args.dry_run {
            // Checked, not deleted: the tag is what makes it deletable.
            ensure_drill_table(ctx.dynamodb().await?, name).await?;
            report.push(Finding::ok(
                CheckId::DrillDelete,
                format!("would delete {name} (a tagged drill table); add --yes"),
            ));
            return Ok(report);
        }
        delete_drill_table(ctx, name).await?;
        report.push(Finding::ok(
            CheckId::DrillDelete,
            format!("deleted drill table {name}"),
        ));
        return Ok(report);
    }
    let mut report = drill(ctx, &DrillSettings::from(args)).await?;
    if let Some(path) = &args.report
        && !args.dry_run
    {
        report.attachments.extend(crate::files::drill_report(path));
    }
    Ok(report)
}

/// Restores the latest point into a tagged drill table, verifies it, measures RTO and RPO, and
/// deletes it (unless kept).
pub(crate) async fn drill(ctx: &Context, args: &DrillSettings) -> anyhow::Result<Report> {
    let now = Utc::now();
    let target = target_name(None, || {
        format!("{}-drill-{}", ctx.table(), now.format("%Y%m%d-%H%M%S"))
    })?;
    let plan = plan(ctx, &target, RestorePoint::Latest, now).await?;
    let mut report = Report::check("dr-drill");
    report.table_override = Some(target.clone());
    report.correct(spec::corrections::restore_drops_settings());
    report.section(plan_section("Drill", args.dry_run, &plan));
    if args.dry_run {
        report.push(Finding::ok(
            CheckId::DrillPlan,
            format!(
                "would restore {} into {target}, verify, and delete it",
                plan.source
            ),
        ));
        return Ok(report);
    }
    // RPO: how far behind now the latest restorable point is, at the drill's start.
    let rpo_s = plan.latest.map(|l| (now - l).num_seconds().max(0));
    let started_at = Utc::now();
    // Tagged at once (a drill table, this restore's), so that even a drill cut short leaves a
    // table it may delete or resume later; finish() makes sure of the tags again.
    let (_, tag_error) = start(ctx, &plan, &[DRILL_TAG]).await?;
    if let Some(e) = tag_error {
        report.note(format!(
            "{target} could not be tagged at once ({e}); tagged once ACTIVE"
        ));
    }
    let point = restore_point(&plan);
    let mut own_tags = restore_tags(&plan.source, point);
    own_tags.extend(ddb::tag_list(&[DRILL_TAG]));
    let want = desired(
        ctx,
        &plan.source_table,
        plan.retention_days,
        own_tags.clone(),
        true,
    )
    .await?;
    let f = finish(
        ctx,
        &plan.source_table,
        &target,
        FinishOpts {
            max_wait: args.max_wait,
            desired: Some(want),
            own_tags,
            verify: verify::VerifyOpts {
                sample: args.sample,
                exact_count: false,
                restore_point: point,
                reference_export: None,
            },
        },
    )
    .await?;
    // RTO: from the restore's start to ACTIVE with TTL, stream, PITR and tags applied. The
    // verification is not part of it and is reported on its own.
    let rto = f.ready_at - started_at;
    let verification = f.verified_at - f.ready_at;
    let rto_s = rto.num_seconds();
    report.push(verify::rto(rto, verification));
    report.push(verify::rpo(rpo_s));
    report.extend(f.findings);
    let cleanup = if args.keep {
        Finding::ok(
            CheckId::DrillCleanup,
            format!(
                "kept {target} (--keep); delete it with: eventsctl dr-drill --delete {target} --yes"
            ),
        )
    } else {
        match delete_drill_table(ctx, &target).await {
            Ok(()) => Finding::ok(
                CheckId::DrillCleanup,
                format!("deleted the drill table {target}"),
            ),
            Err(e) => Finding::warn(
                CheckId::DrillCleanup,
                format!("the drill table {target} was left behind: {e:#}"),
            )
            .remedy(format!(
                "delete it by hand once checked: aws dynamodb delete-table --table-name {target}"
            )),
        }
    };
    report.push(cleanup.runbook("Quarterly Performance Review 4: Disaster Recovery Drill"));
    let data = DrillData {
        source: plan.source.clone(),
        drill_table: target.clone(),
        started_at: stamp(started_at),
        active_at: stamp(f.active_at),
        verified_at: stamp(f.verified_at),
        rto_s,
        rto_ms: rto.num_milliseconds(),
        rpo_s,
        targets: DrillTargets {
            rto_s: verify::RTO_TARGET_S,
            rpo_s: verify::RPO_TARGET_S,
        },
        verification_s: verification.num_seconds(),
        ready_at: stamp(f.ready_at),
        verification: f.verification,
        reapplied: f.applied.as_ref().map(crate::checks::settings::json),
        kept: args.keep,
    };
    report.set_data(&data)?;
    report.section(Section::pairs(
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
    ));
    report.note("Attach this record to the monthly health check (runbook: Test PITR Restore, step 3: document restore time).");
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(protected: bool) -> TableDescription {
        TableDescription::builder()
            .table_name("app-prod-events")
            .deletion_protection_enabled(protected)
            .build()
    }

    fn reapplied(protection: Change) -> Outcomes {
        vec![
            ("ttl", Change::Applied("enabled on `ttl`".into())),
            ("deletion_protection", protection),
        ]
    }

    /// Issue 23 §6: the checklist said nothing of deletion protection, policies naming the old
    /// table, table class or warm throughput, so a restored table went into service without.
    #[test]
    fn the_cutover_checklist_lists_everything_a_restore_drops() {
        let on = Change::Applied("turned on (the source has it)".into());
        let steps = cutover_steps(&source(true), "t2", Some("arn:s"), Some(&reapplied(on)));
        let text = steps.join("\n");
        for what in [
            "EVENTS_TABLE_NAME",
            "IAM policies",
            "resource-based policy",
            "new stream ARN",
            "arn:s",
            "auto scaling",
            "alarms apply",
            "Table class and warm throughput",
            "Deletion protection is on again on t2",
            "retire app-prod-events",
        ] {
            assert!(text.contains(what), "{what}: {text}");
        }
        assert!(
            steps
                .iter()
                .enumerate()
                .all(|(i, s)| s.starts_with(&format!("{}. ", i + 1)))
        );

        let step = |src: bool, r: Option<&Outcomes>| protection_step(&source(src), "t2", r);
        let failed = reapplied(Change::Failed(
            "AccessDenied on dynamodb:UpdateTable".into(),
        ));
        let s = step(true, Some(&failed));
        assert!(
            s.starts_with("TTL, stream, PITR and tags are re-applied"),
            "{s}"
        );
        assert!(
            s.contains("could not be turned on (AccessDenied")
                && s.contains("--deletion-protection-enabled"),
            "{s}"
        );
        let none = reapplied(Change::Unchanged("left off: the source has none".into()));
        let s = step(false, Some(&none));
        assert!(
            s.contains("had no deletion protection") && s.contains("--deletion-protection-enabled"),
            "{s}"
        );
        let mut ttl_failed = reapplied(Change::Unchanged("already on".into()));
        ttl_failed[0].1 = Change::Failed("ValidationException".into());
        let s = step(true, Some(&ttl_failed));
        assert!(
            s.contains("Not re-applied: ttl")
                && s.contains("pitr-restore --resume t2")
                && s.contains("Deletion protection is on again"),
            "{s}"
        );
        let s = step(true, None);
        assert!(
            s.contains("--no-reapply") && s.contains("deletion protection"),
            "{s}"
        );
    }
}
