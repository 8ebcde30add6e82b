//! The drill: restore the latest point into a tagged drill table, verify it, measure RTO and
//! RPO, and delete the table (unless kept). Only a table carrying the drill tag is ever deleted.

use std::future::Future;

use chrono::{DateTime, Utc};

use super::plan::{self, Plan, restore_point};
use super::restore::{self, FinishOpts, Finished, Step, Times};
use super::step::Journal;
use crate::aws::table as ddb;
use crate::checks::restore as verify;
use crate::cli::{DrillArgs, RestorePoint};
use crate::context::Context;
use crate::error::Refusal;
use crate::spec::DRILL_TAG;

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

/// A drill's table name: the source's, `-drill-` and when it started.
pub(crate) fn table_name(source: &str, now: DateTime<Utc>) -> String {
    format!("{source}-drill-{}", now.format("%Y%m%d-%H%M%S"))
}

/// RPO at the drill's start: how far behind `now` the latest restorable point is (never
/// negative). Pure.
pub(crate) fn rpo_s(latest: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Option<i64> {
    latest.map(|l| (now - l).num_seconds().max(0))
}

/// A drill that ran.
pub(crate) struct DrillRun {
    pub plan: Plan,
    pub finished: Finished,
    pub times: Times,
    /// When the restore started, and from then to ACTIVE with its settings applied.
    pub started_at: DateTime<Utc>,
    pub rto: chrono::Duration,
    pub rpo_s: Option<i64>,
    /// The drill table could not be tagged at once (it was once ACTIVE).
    pub tag_error: Option<String>,
    /// `None`: kept (`--keep`); else whether its deletion worked.
    pub deleted: Option<Result<(), String>>,
}

/// What a drill did: planned only (`--dry-run`), or ran.
pub(crate) enum Drill {
    Planned(Box<Plan>),
    Ran(Box<DrillRun>),
}

/// Restores the latest point into a tagged drill table, verifies it, measures RTO and RPO, and
/// deletes the table unless kept; `stop` (Ctrl-C) stops waiting for it.
pub(crate) async fn run(
    ctx: &Context,
    settings: &DrillSettings,
    stop: impl Future<Output = ()>,
) -> anyhow::Result<Drill> {
    let now = Utc::now();
    let target = plan::target_name(None, || table_name(ctx.table(), now))?;
    let facts = plan::gather(ctx, &target).await?;
    let plan = plan::decide(facts, ctx.table(), &target, RestorePoint::Latest, now)?;
    if settings.dry_run {
        return Ok(Drill::Planned(Box::new(plan)));
    }
    let rpo_s = rpo_s(plan.latest, now);
    let mut journal = Journal::new();
    // Tagged at once (a drill table, this restore's), so that even a drill cut short leaves a
    // table it may delete or resume later; finishing makes sure of the tags again.
    let tag_error = restore::start(ctx, &plan, &[DRILL_TAG], &mut journal).await?;
    let point = restore_point(&plan);
    let mut own_tags = restore::restore_tags(&plan.source, point);
    own_tags.extend(ddb::tag_list(&[DRILL_TAG]));
    let source_tags = restore::source_tags(ctx, &plan.source_table).await?;
    let want = restore::desired(
        &plan.source_table,
        plan.retention_days,
        source_tags,
        own_tags.clone(),
        true,
    );
    let opts = FinishOpts {
        max_wait: settings.max_wait,
        desired: Some(want),
        own_tags,
        verify: verify::VerifyOpts {
            sample: settings.sample,
            exact_count: false,
            restore_point: point,
            reference_export: None,
        },
    };
    let finished =
        restore::finish(ctx, &plan.source_table, &target, opts, &mut journal, stop).await?;
    let times = Times::of(&journal);
    let (times, started_at, rto) = times
        .and_then(|t| Some((t, t.started_at?, t.rto()?)))
        .ok_or_else(|| anyhow::anyhow!("internal error: a step of the drill has no record"))?;
    let deleted = if settings.keep {
        None
    } else {
        let deletion = journal.run(Step::Delete, delete_drill_table(ctx, &target));
        Some(deletion.await.map_err(|e| format!("{e:#}")))
    };
    Ok(Drill::Ran(Box::new(DrillRun {
        plan,
        finished,
        times,
        started_at,
        rto,
        rpo_s,
        tag_error,
        deleted,
    })))
}

/// Refuses unless `name` exists and carries the drill tag (what makes it deletable).
pub(crate) async fn ensure_drill_table(
    client: &aws_sdk_dynamodb::Client,
    name: &str,
) -> anyhow::Result<()> {
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
    crate::aws::table_restore::delete_table(client, name).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    // clock-free: pure functions given their `now`.
    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap_or_default()
    }

    #[test]
    fn rpo_is_how_far_behind_the_start_the_latest_point_is_and_never_negative() {
        assert_eq!(rpo_s(Some(at(1_000)), at(1_090)), Some(90));
        assert_eq!(rpo_s(Some(at(1_100)), at(1_090)), Some(0));
        assert_eq!(rpo_s(None, at(1_090)), None);
    }

    #[test]
    fn a_drill_table_is_named_for_its_source_and_its_start() {
        assert_eq!(
            table_name("app-dev-events", at(946_684_800)),
            "app-dev-events-drill-20000101-000000"
        );
    }
}
