//! `pitr-restore` and `dr-drill`: start a point-in-time restore into a new table, wait for it
//! (hours on AWS; Ctrl-C leaves it running and says how to resume), verify it, and re-apply what
//! a restore does not carry (facts 6.4). The source table is only ever read.

use std::time::{Duration, Instant};

use anyhow::Context as _;
use aws_sdk_dynamodb::types::{PointInTimeRecoveryStatus, StreamViewType, TableDescription};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::aws::error::{AwsResultExt, table_resource};
use crate::aws::table as ddb;
use crate::checks::restore as verify;
use crate::cli::{DrillArgs, RestoreArgs, RestorePoint};
use crate::context::Context;
use crate::error::{Refusal, UsageError};
use crate::report::{Finding, Report, Section};
use crate::spec::{self, DRILL_TAG, MANAGED_TAG};
use crate::times::{human, stamp};

/// The runbook's objectives: RTO < 4 hours, RPO < 5 minutes.
pub const RTO_TARGET_S: i64 = 4 * 3600;
pub const RPO_TARGET_S: i64 = 5 * 60;

/// Where a restore will go and from when, checked against AWS before anything is written.
#[derive(Debug, Clone)]
pub struct Plan {
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
pub async fn plan(
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
                "TTL on ttl, stream NEW_IMAGE, PITR {} days, the source's tags",
                p.retention_days
            ),
        ),
    ]
}

/// RestoreTableToPointInTime.
async fn start(ctx: &Context, plan: &Plan) -> anyhow::Result<TableDescription> {
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
        "dynamodb",
        "RestoreTableToPointInTime",
        table_resource(&plan.source),
    )?;
    out.table_description
        .ok_or_else(|| anyhow::anyhow!("RestoreTableToPointInTime returned no table description"))
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

/// What a restore does not carry over, set again from the source: (setting, outcome).
async fn reapply(
    ctx: &Context,
    source: &TableDescription,
    target: &TableDescription,
    retention_days: i32,
    extra_tags: &[(&str, &str)],
) -> anyhow::Result<Vec<(String, Result<String, String>)>> {
    let client = ctx.dynamodb().await?;
    let name = target.table_name().unwrap_or_default();
    let mut out = Vec::new();
    let ttl = ddb::enable_ttl(client, name, spec::TTL_ATTRIBUTE).await;
    out.push((
        "ttl".to_owned(),
        ttl.map(|()| "enabled on `ttl`".to_owned())
            .map_err(|e| e.to_string()),
    ));
    let stream = ddb::enable_stream(client, name, StreamViewType::NewImage).await;
    out.push((
        "stream".to_owned(),
        stream
            .map(|()| "enabled, NEW_IMAGE (a new stream ARN: re-point consumers)".to_owned())
            .map_err(|e| e.to_string()),
    ));
    let pitr = ddb::enable_pitr(client, name, retention_days).await;
    out.push((
        "pitr".to_owned(),
        pitr.map(|()| format!("enabled, {retention_days} days"))
            .map_err(|e| e.to_string()),
    ));
    let tags = match (source.table_arn(), target.table_arn()) {
        (Some(src), Some(dst)) => match ddb::tags(client, src).await {
            Ok(mut tags) => {
                tags.extend(ddb::tag_list(extra_tags));
                let text = tags
                    .iter()
                    .map(|t| format!("{}={}", t.key, t.value))
                    .collect::<Vec<_>>()
                    .join(", ");
                ddb::tag(client, dst, tags)
                    .await
                    .map(|()| {
                        if text.is_empty() {
                            "none on the source".into()
                        } else {
                            text
                        }
                    })
                    .map_err(|e| e.to_string())
            }
            Err(e) => Err(e.to_string()),
        },
        _ => Err("no table ARN to tag".to_owned()),
    };
    out.push(("tags".to_owned(), tags));
    Ok(out)
}

fn reapply_finding(applied: &[(String, Result<String, String>)]) -> Finding {
    let failed: Vec<String> = applied
        .iter()
        .filter_map(|(k, r)| r.as_ref().err().map(|e| format!("{k}: {e}")))
        .collect();
    let evidence = reapplied_json(applied);
    if failed.is_empty() {
        Finding::ok(
            "restore.reapply",
            "TTL, stream (NEW_IMAGE), PITR and tags set on the restored table",
        )
    } else {
        Finding::warn(
            "restore.reapply",
            format!("not re-applied: {}", failed.join("; ")),
        )
        .remedy("set them by hand before cutover (TTL, stream and PITR are not restored)")
    }
    .evidence(evidence)
    .runbook("Disaster Recovery; facts 6.4 (what a restore does not carry)")
}

fn cutover_steps(source: &str, target: &str, stream_arn: Option<&str>) -> Vec<String> {
    vec![
        format!("1. Update the Lambda environment variable EVENTS_TABLE_NAME to {target}"),
        "2. Redeploy the Lambda functions".into(),
        format!("3. Update Terraform state (import {target}) if the table is managed there"),
        format!(
            "4. Point the stream consumer's event source mapping at the new stream ({})",
            stream_arn.unwrap_or("see eventsctl --table TARGET stream-status")
        ),
        format!(
            "5. Alarms and dashboards are not restored: eventsctl --table {target} alarms apply and dashboard apply"
        ),
        "6. Verify API functionality (eventsctl --table TARGET diagnose writes --canary)".into(),
        format!(
            "7. Only after verification: retire {source} (this tool never deletes it) and write the postmortem"
        ),
    ]
}

/// Wait, verify, re-apply: everything after the restore started.
struct Finish {
    findings: Vec<Finding>,
    applied: Vec<(String, Result<String, String>)>,
    target: TableDescription,
    active_at: DateTime<Utc>,
    verified_at: DateTime<Utc>,
    verification: verify::Verification,
}

/// How to finish a restore.
struct FinishOpts<'a> {
    max_wait: chrono::Duration,
    retention_days: i32,
    sample: usize,
    reapply: bool,
    extra_tags: &'a [(&'a str, &'a str)],
}

async fn finish(
    ctx: &Context,
    source: &TableDescription,
    target: &str,
    opts: FinishOpts<'_>,
) -> anyhow::Result<Finish> {
    let FinishOpts {
        max_wait,
        retention_days,
        sample,
        reapply: reapply_settings,
        extra_tags,
    } = opts;
    let source_name = source.table_name().unwrap_or_default();
    let active = wait(ctx, source_name, target, max_wait).await?;
    let active_at = Utc::now();
    let facts = verify::gather(ctx, source_name, &active, sample, 4).await?;
    let mut findings = verify::evaluate(&facts);
    let verified_at = Utc::now();
    let applied = if reapply_settings {
        let applied = reapply(ctx, source, &active, retention_days, extra_tags).await?;
        findings.push(reapply_finding(&applied));
        applied
    } else {
        // Tags that make the table the tool's own (a drill) are set even without re-applying.
        if !extra_tags.is_empty()
            && let Some(arn) = active.table_arn()
        {
            ddb::tag(ctx.dynamodb().await?, arn, ddb::tag_list(extra_tags)).await?;
        }
        Vec::new()
    };
    let target_now = ddb::describe(ctx.dynamodb().await?, target)
        .await?
        .unwrap_or(active);
    Ok(Finish {
        findings,
        applied,
        target: target_now,
        active_at,
        verified_at,
        verification: facts.verification,
    })
}

pub async fn pitr_restore(ctx: &Context, args: &RestoreArgs) -> anyhow::Result<Report> {
    let now = Utc::now();
    let mut report = Report::action("pitr-restore");
    report.correct(spec::corrections::restore_drops_settings());
    report.correct(spec::corrections::pitr_retention());
    let client = ctx.dynamodb().await?;
    let (target, source_table, retention, started_at) = match &args.resume {
        Some(target) => {
            let source_table = ddb::describe(client, ctx.table()).await?.ok_or_else(|| {
                Refusal::new(format!(
                    "source table {} does not exist (check --env/--table)",
                    ctx.table()
                ))
            })?;
            if ddb::describe(client, target).await?.is_none() {
                return Err(Refusal::new(format!(
                    "{target} does not exist: nothing to resume (start one with --to)"
                ))
                .into());
            }
            let retention = ddb::describe_backups(client, ctx.table())
                .await?
                .and_then(|b| b.point_in_time_recovery_description)
                .and_then(|p| p.recovery_period_in_days())
                .unwrap_or(spec::PITR_DAYS);
            report.set("resumed", true);
            (target.clone(), source_table, retention, None)
        }
        None => {
            let target = args
                .target
                .clone()
                .unwrap_or_else(|| format!("{}-restored-{}", ctx.table(), now.format("%Y%m%d")));
            let point = args.to.expect("clap requires --to without --resume");
            let plan = plan(ctx, &target, point, now).await?;
            report.section(Section::pairs(
                if args.dry_run {
                    "Restore plan (dry run, nothing changed)"
                } else {
                    "Restore"
                },
                plan_pairs(&plan),
            ));
            report.set("source", &plan.source);
            report.set("target", &plan.target);
            report.set(
                "restore_point",
                plan.at.map(stamp).unwrap_or_else(|| "latest".into()),
            );
            report.set(
                "window",
                json!({"earliest": plan.earliest.map(stamp), "latest": plan.latest.map(stamp)}),
            );
            report.set("dry_run", args.dry_run);
            if args.dry_run {
                return Ok(report);
            }
            start(ctx, &plan).await?;
            (
                target,
                plan.source_table,
                plan.retention_days,
                Some(Utc::now()),
            )
        }
    };
    report.table_override = Some(target.clone());
    report.set("started_at", started_at.map(stamp));
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
        return Ok(report);
    }
    let f = finish(
        ctx,
        &source_table,
        &target,
        FinishOpts {
            max_wait: args.max_wait,
            retention_days: retention,
            sample: args.sample as usize,
            reapply: !args.no_reapply,
            extra_tags: &[MANAGED_TAG],
        },
    )
    .await?;
    report.failed = !verify::verified(&f.findings);
    let end = f.verified_at;
    report.set("active_at", stamp(f.active_at));
    report.set("verified_at", stamp(end));
    if let Some(s) = started_at {
        report.set("duration_s", (end - s).num_seconds());
        report.note(format!(
            "Restore took {} from start to verified.",
            human(end - s)
        ));
    }
    report.set("verification", &f.verification);
    report.set("reapplied", reapplied_json(&f.applied));
    report.extend(f.findings);
    report.section(Section::lines(
        "Cutover checklist (runbook step 4; eventsctl does not perform it)",
        cutover_steps(ctx.table(), &target, f.target.latest_stream_arn()),
    ));
    Ok(report)
}

fn reapplied_json(applied: &[(String, Result<String, String>)]) -> Value {
    json!(
        applied
            .iter()
            .map(|(k, r)| (
                k.clone(),
                match r {
                    Ok(v) => json!(v),
                    Err(e) => json!({"failed": e}),
                }
            ))
            .collect::<serde_json::Map<_, _>>()
    )
}

/// Deletes `name` only if it carries the drill tag.
pub async fn delete_drill_table(ctx: &Context, name: &str) -> anyhow::Result<()> {
    let client = ctx.dynamodb().await?;
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
    client.delete_table().table_name(name).send().await.aws(
        "dynamodb",
        "DeleteTable",
        table_resource(name),
    )?;
    Ok(())
}

pub async fn dr_drill(ctx: &Context, args: &DrillArgs) -> anyhow::Result<Report> {
    if let Some(name) = &args.delete {
        let mut report = Report::action("dr-drill --delete");
        report.table_override = Some(name.clone());
        if !args.yes || args.dry_run {
            // Checked, not deleted: the tag is what makes it deletable.
            let client = ctx.dynamodb().await?;
            let t = ddb::describe(client, name)
                .await?
                .ok_or_else(|| Refusal::new(format!("{name} does not exist")))?;
            let tags = ddb::tags(client, t.table_arn().unwrap_or_default()).await?;
            if !ddb::has_tag(&tags, DRILL_TAG.0, DRILL_TAG.1) {
                return Err(Refusal::new(format!(
                    "{name} is not tagged {}={}: dr-drill never deletes it",
                    DRILL_TAG.0, DRILL_TAG.1
                ))
                .into());
            }
            report.push(Finding::ok(
                "drill.delete",
                format!("would delete {name} (a tagged drill table); add --yes"),
            ));
            return Ok(report);
        }
        delete_drill_table(ctx, name).await?;
        report.push(Finding::ok(
            "drill.delete",
            format!("deleted drill table {name}"),
        ));
        return Ok(report);
    }
    let now = Utc::now();
    let target = format!("{}-drill-{}", ctx.table(), now.format("%Y%m%d-%H%M%S"));
    let plan = plan(ctx, &target, RestorePoint::Latest, now).await?;
    let mut report = Report::check("dr-drill");
    report.table_override = Some(target.clone());
    report.correct(spec::corrections::restore_drops_settings());
    report.section(Section::pairs(
        if args.dry_run {
            "Drill plan (dry run, nothing changed)"
        } else {
            "Drill"
        },
        plan_pairs(&plan),
    ));
    if args.dry_run {
        report.push(Finding::ok(
            "drill.plan",
            format!(
                "would restore {} into {target}, verify, and delete it",
                plan.source
            ),
        ));
        return Ok(report);
    }
    // RPO: how far behind now the latest restorable point is, at the drill's start.
    let rpo_s = plan.latest.map(|l| (now - l).num_seconds().max(0));
    let started = Instant::now();
    let started_at = Utc::now();
    let created = start(ctx, &plan).await?;
    // Tag at once, so that even a drill cut short leaves a table it may delete later.
    let mut tagged = false;
    if let Some(arn) = created.table_arn() {
        let tags = ddb::tag_list(&[DRILL_TAG, MANAGED_TAG]);
        tagged = ddb::tag(ctx.dynamodb().await?, arn, tags).await.is_ok();
    }
    let extra: &[(&str, &str)] = if tagged {
        &[]
    } else {
        &[DRILL_TAG, MANAGED_TAG]
    };
    let f = finish(
        ctx,
        &plan.source_table,
        &target,
        FinishOpts {
            max_wait: args.max_wait,
            retention_days: plan.retention_days,
            sample: args.sample as usize,
            reapply: true,
            extra_tags: extra,
        },
    )
    .await?;
    let rto = chrono::Duration::from_std(started.elapsed()).unwrap_or_default();
    let rto_s = rto.num_seconds();
    report.push(
        if rto_s < RTO_TARGET_S {
            Finding::ok("drill.rto", format!("restored and verified in {} (target < 4 h)", human(rto)))
        } else {
            Finding::crit("drill.rto", format!("restored and verified in {}: over the 4 h RTO", human(rto)))
                .remedy("restore without GSIs first (GlobalSecondaryIndexOverride) or revisit the RTO (facts 6.3)")
        }
        .evidence(json!({"rto_s": rto_s, "rto_ms": rto.num_milliseconds(), "target_s": RTO_TARGET_S}))
        .runbook("Disaster Recovery: RTO < 4 hours"),
    );
    report.push(
        match rpo_s {
            Some(r) if r <= RPO_TARGET_S => Finding::ok(
                "drill.rpo",
                format!(
                    "latest restorable point {} behind now (target < 5 min)",
                    human(chrono::Duration::seconds(r))
                ),
            ),
            Some(r) => Finding::warn(
                "drill.rpo",
                format!(
                    "latest restorable point {} behind now: over the 5 min RPO",
                    human(chrono::Duration::seconds(r))
                ),
            ),
            None => Finding::unknown("drill.rpo", "no LatestRestorableDateTime reported"),
        }
        .evidence(json!({"rpo_s": rpo_s, "target_s": RPO_TARGET_S}))
        .runbook("Disaster Recovery: RPO < 5 minutes (PITR granularity)"),
    );
    report.extend(f.findings);
    let cleanup = if args.keep {
        Finding::ok(
            "drill.cleanup",
            format!(
                "kept {target} (--keep); delete it with: eventsctl dr-drill --delete {target} --yes"
            ),
        )
    } else {
        match delete_drill_table(ctx, &target).await {
            Ok(()) => Finding::ok("drill.cleanup", format!("deleted the drill table {target}")),
            Err(e) => Finding::warn(
                "drill.cleanup",
                format!("the drill table {target} was left behind: {e:#}"),
            )
            .remedy(format!(
                "delete it by hand once checked: aws dynamodb delete-table --table-name {target}"
            )),
        }
    };
    report.push(cleanup.runbook("Quarterly Performance Review 4: Disaster Recovery Drill"));
    report.set("source", &plan.source);
    report.set("drill_table", &target);
    report.set("started_at", stamp(started_at));
    report.set("active_at", stamp(f.active_at));
    report.set("verified_at", stamp(f.verified_at));
    report.set("rto_s", rto_s);
    report.set("rto_ms", rto.num_milliseconds());
    report.set("rpo_s", rpo_s);
    report.set(
        "targets",
        json!({"rto_s": RTO_TARGET_S, "rpo_s": RPO_TARGET_S}),
    );
    report.set("verification", &f.verification);
    report.set("reapplied", reapplied_json(&f.applied));
    report.set("kept", args.keep);
    report.section(Section::pairs(
        "Drill record",
        vec![
            ("started", stamp(started_at)),
            ("ACTIVE", stamp(f.active_at)),
            ("verified", stamp(f.verified_at)),
            ("RTO", format!("{} (target 4 h)", human(rto))),
            (
                "RPO",
                rpo_s
                    .map(|r| format!("{} (target 5 min)", human(chrono::Duration::seconds(r))))
                    .unwrap_or_else(|| "?".into()),
            ),
            (
                "items restored",
                f.verification
                    .item_count
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "?".into()),
            ),
        ],
    ));
    report.note("Attach this record to the monthly health check (runbook: Test PITR Restore, step 3: document restore time).");
    if let Some(path) = &args.report {
        report.attachments.extend(crate::files::drill_report(path));
    }
    Ok(report)
}
