//! The steps of a point-in-time restore after its plan: start it (RestoreTableToPointInTime,
//! then its tags at once, so that even a restore left running can be resumed), wait for ACTIVE
//! (hours on AWS; a stop leaves it running), re-apply what a restore does not carry (TTL, stream,
//! PITR, tags, and deletion protection when the source has it: AWS says they must be set up
//! again,
//! <https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_RestoreTableToPointInTime.html>,
//! <https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-pitr-recovery-table-restore.html>),
//! and verify it. Each step is recorded in the run's [`Journal`].

use crate::aws::retry::{self, RetryPolicy};
use std::future::Future;
use std::time::Duration;

use anyhow::Context as _;
use aws_sdk_dynamodb::types::{StreamViewType, TableDescription, TableStatus, Tag};
use chrono::{DateTime, Utc};

use super::plan::{Plan, protected, restore_point, to_chrono};
use super::step::Journal;
use crate::aws::settings::{self, Change, Desired, Outcomes, Protection};
use crate::aws::table as ddb;
use crate::checks::restore as verify;
use crate::context::Context;
use crate::error::Refusal;
use crate::report::{CheckId, Finding};
use crate::spec::{self, MANAGED_TAG};
use crate::times::stamp;

/// The steps of a restore (and of a drill, which deletes its table at the end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// RestoreTableToPointInTime and the restore's tags.
    Start,
    /// Waiting for the new table to become ACTIVE.
    Active,
    /// What a restore does not carry, set again (or only the restore's own tags).
    Reapply,
    /// The new table compared with the source.
    Verify,
    /// A drill's table deleted.
    Delete,
}

/// The tags a restore by this tool writes on its table: managed, the source, the restore point.
pub(crate) fn restore_tags(source: &str, point: Option<DateTime<Utc>>) -> Vec<Tag> {
    let point = point.map(stamp).unwrap_or_else(|| "latest".into());
    let mut tags = ddb::tag_list(&[MANAGED_TAG]);
    tags.extend(ddb::tag_list(&[
        (spec::RESTORE_SOURCE_TAG, source),
        (spec::RESTORE_TIME_TAG, &point),
    ]));
    tags
}

/// The restore point a restored table records: the restore's own tag, else AWS's RestoreSummary.
pub(crate) fn recorded_point(
    tags: &[Tag],
    table: Option<&TableDescription>,
) -> Option<DateTime<Utc>> {
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

/// Whether a restore is waited for: never with `--no-wait`; with `--wait`, on a resume (it is
/// what a resume is for) or in a terminal by default.
pub(crate) fn waits(no_wait: bool, wait: bool, resume: bool, interactive: bool) -> bool {
    !no_wait && (wait || resume || interactive)
}

/// Starts the restore of `plan` (the [`Step::Start`] record), then tags the new table at once
/// with the restore's tags and `extra_tags`. The tagging error, if it could not be tagged (it is
/// tagged again once ACTIVE).
pub(crate) async fn start(
    ctx: &Context,
    plan: &Plan,
    extra_tags: &[(&str, &str)],
    journal: &mut Journal<Step>,
) -> anyhow::Result<Option<String>> {
    let client = ctx.dynamodb().await?;
    journal
        .run(Step::Start, async {
            let created =
                crate::aws::table_restore::restore(client, &plan.source, &plan.target, plan.at)
                    .await?;
            let mut tags = restore_tags(&plan.source, restore_point(plan));
            tags.extend(ddb::tag_list(extra_tags));
            Ok::<_, anyhow::Error>(match created.table_arn() {
                Some(arn) => tag_new_table(client, arn, &tags).await,
                None => Some("no table ARN to tag".into()),
            })
        })
        .await
}

/// Tags a table that was just created: a few tries, backing off (a new table is CREATING and
/// may refuse them for a moment). The last error's text when every try failed.
async fn tag_new_table(
    client: &aws_sdk_dynamodb::Client,
    arn: &str,
    tags: &[Tag],
) -> Option<String> {
    // The new table is CREATING: a few tries, any failure tried again.
    let policy = RetryPolicy::new(4, Duration::from_millis(500), Duration::from_secs(4));
    retry::call(policy, |_| true, || ddb::tag(client, arn, tags.to_vec()))
        .await
        .err()
        .map(|e| e.to_string())
}

/// Waits for ACTIVE with a spinner; `stop` (Ctrl-C) stops waiting, not the restore, which goes
/// on at AWS.
async fn wait(
    ctx: &Context,
    source: &str,
    target: &str,
    max: chrono::Duration,
    stop: impl Future<Output = ()>,
) -> anyhow::Result<TableDescription> {
    let client = ctx.dynamodb().await?;
    let spinner = ctx.progress().spinner(format!(
        "restoring into {target} (restores can take hours; Ctrl-C stops waiting, not the restore)"
    ));
    let max = max.to_std().unwrap_or(Duration::from_secs(6 * 3600));
    let result = tokio::select! {
        r = ddb::wait_active(client, target, max) => Some(r),
        _ = stop => None,
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

/// The source's tags (none when it has no ARN).
pub(crate) async fn source_tags(
    ctx: &Context,
    source: &TableDescription,
) -> anyhow::Result<Vec<Tag>> {
    Ok(match source.table_arn() {
        Some(arn) => ddb::tags(ctx.dynamodb().await?, arn).await?,
        None => Vec::new(),
    })
}

/// What a restore does not carry over (facts of AWS: TTL, stream, PITR, tags, deletion
/// protection), wanted as the source has them; `aws:` tags are never copied. A drill's table is
/// deleted when the drill ends, so it never gets deletion protection. Pure.
pub(crate) fn desired(
    source: &TableDescription,
    retention_days: i32,
    source_tags: Vec<Tag>,
    own_tags: Vec<Tag>,
    drill: bool,
) -> Desired {
    let mut tags = source_tags;
    tags.retain(|t| !settings::is_aws_tag(&t.key));
    tags.extend(own_tags);
    let deletion_protection = match (drill, protected(source)) {
        (true, _) => Protection::LeaveOff("a drill table is deleted when the drill ends"),
        (false, true) => Protection::On,
        (false, false) => Protection::LeaveOff("the source has none"),
    };
    Desired {
        ttl_attribute: spec::TTL_ATTRIBUTE.to_owned(),
        stream_view: StreamViewType::NewImage,
        pitr_days: retention_days,
        tags,
        deletion_protection,
    }
}

/// How to finish a restore.
pub(crate) struct FinishOpts {
    pub max_wait: chrono::Duration,
    /// `None`: do not re-apply (only the restore's own tags are made sure of).
    pub desired: Option<Desired>,
    pub own_tags: Vec<Tag>,
    pub verify: verify::VerifyOpts,
}

/// What finishing a restore found (its times are the journal's).
pub(crate) struct Finished {
    pub findings: Vec<Finding>,
    pub applied: Option<Outcomes>,
    /// The restored table as verified.
    pub target: TableDescription,
    pub verification: verify::Verification,
}

const RB_REAPPLY: &str = "Disaster Recovery: what a restore does not carry (TTL, stream, PITR, tags, deletion protection)";

/// Wait, re-apply, verify: every step after the restore started, each recorded ([`Step::Active`]
/// is recorded as found done when the table was ACTIVE before: a resume).
pub(crate) async fn finish(
    ctx: &Context,
    source: &TableDescription,
    target: &str,
    opts: FinishOpts,
    journal: &mut Journal<Step>,
    stop: impl Future<Output = ()>,
) -> anyhow::Result<Finished> {
    let source_name = source.table_name().unwrap_or_default();
    let client = ctx.dynamodb().await?;
    let was_active = ddb::describe(client, target)
        .await?
        .is_some_and(|t| t.table_status() == Some(&TableStatus::Active));
    let active = journal
        .run(
            Step::Active,
            wait(ctx, source_name, target, opts.max_wait, stop),
        )
        .await?;
    journal.found_done(Step::Active, was_active);
    // Re-apply first: it is part of the recovery; verification is reported on its own.
    let (applied, mut findings) = journal
        .run(Step::Reapply, reapply(client, target, &active, &opts))
        .await?;
    let (target_now, facts) = journal
        .run(Step::Verify, async {
            let target_now = ddb::describe(client, target).await?.unwrap_or(active);
            let facts = verify::gather(
                ctx.dynamodb_bulk().await?,
                client,
                ctx.s3().await?,
                ctx.reporter(),
                source,
                &target_now,
                opts.verify,
            )
            .await;
            Ok::<_, anyhow::Error>((target_now, facts))
        })
        .await?;
    findings.extend(verify::evaluate(&facts));
    Ok(Finished {
        findings,
        applied,
        target: target_now,
        verification: facts.verification,
    })
}

/// The settings re-applied (and their finding), or with `--no-reapply` only the restore's own
/// tags made sure of (a finding only when they could not be written).
async fn reapply(
    client: &aws_sdk_dynamodb::Client,
    target: &str,
    active: &TableDescription,
    opts: &FinishOpts,
) -> anyhow::Result<(Option<Outcomes>, Vec<Finding>)> {
    Ok(match &opts.desired {
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
            let finding =
                crate::checks::settings::finding(CheckId::RestoreReapply, &outcomes, RB_REAPPLY);
            (Some(outcomes), vec![finding])
        }
        None => {
            let change =
                settings::tag_missing(client, active.table_arn(), &opts.own_tags, false).await;
            let findings = match change {
                Change::Failed(e) => vec![Finding::warn(
                    CheckId::RestoreTags,
                    format!("the restore's own tags could not be written: {e}"),
                )],
                _ => Vec::new(),
            };
            (None, findings)
        }
    })
}

/// When the steps of a restore ended: what its record and its RTO are made of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Times {
    /// `None`: this run did not start the restore (a resume).
    pub started_at: Option<DateTime<Utc>>,
    pub active_at: DateTime<Utc>,
    /// ACTIVE with its settings applied: where the RTO ends.
    pub ready_at: DateTime<Utc>,
    pub verified_at: DateTime<Utc>,
}

impl Times {
    /// The times of a finished restore's records; `None` until it is verified.
    pub(crate) fn of(journal: &Journal<Step>) -> Option<Times> {
        Some(Times {
            started_at: journal.started(Step::Start),
            active_at: journal.ended(Step::Active)?,
            ready_at: journal.ended(Step::Reapply)?,
            verified_at: journal.ended(Step::Verify)?,
        })
    }

    /// RTO: from the restore's start to ACTIVE with TTL, stream, PITR and tags applied (the
    /// verification is not part of it), when this run started the restore.
    pub(crate) fn rto(&self) -> Option<chrono::Duration> {
        self.started_at.map(|s| self.ready_at - s)
    }

    pub(crate) fn verification(&self) -> chrono::Duration {
        self.verified_at - self.ready_at
    }
}

/// A resume that found the table ACTIVE and its settings in place, and changed nothing. Pure.
pub(crate) fn nothing_changed(journal: &Journal<Step>, applied: Option<&Outcomes>) -> bool {
    journal.was_already_done(Step::Active)
        && applied.is_some_and(|a| !settings::changed(a) && !a.iter().any(|(_, c)| c.is_failed()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(k: &str, v: &str) -> Tag {
        Tag::builder().key(k).value(v).build().expect("a tag")
    }

    #[test]
    fn a_restore_is_waited_for_unless_no_wait_and_always_on_a_resume() {
        assert!(!waits(true, false, true, true), "--no-wait wins");
        assert!(waits(false, true, false, false), "--wait");
        assert!(waits(false, false, true, false), "a resume waits");
        assert!(waits(false, false, false, true), "a terminal waits");
        assert!(!waits(false, false, false, false), "a script does not");
    }

    #[test]
    fn the_restore_point_is_recorded_in_its_tag_and_read_back() {
        // clock-free: a fixed point, written and read.
        let point = DateTime::from_timestamp(946_684_800, 0);
        let tags = restore_tags("src", point);
        let has = |k: &str, v: &str| tags.iter().any(|t| t.key == k && t.value == v);
        assert!(has(MANAGED_TAG.0, MANAGED_TAG.1));
        assert!(has(spec::RESTORE_SOURCE_TAG, "src"));
        assert_eq!(recorded_point(&tags, None), point);
        let latest = restore_tags("src", None);
        assert!(
            latest
                .iter()
                .any(|t| t.key == spec::RESTORE_TIME_TAG && t.value == "latest")
        );
        // `latest` is no time: AWS's RestoreSummary, when there is one, says when.
        assert_eq!(recorded_point(&latest, None), None);
        assert_eq!(recorded_point(&[], None), None);
    }

    #[test]
    fn desired_settings_copy_the_source_but_never_aws_tags_nor_protect_a_drill_table() {
        let protected = TableDescription::builder()
            .deletion_protection_enabled(true)
            .build();
        let source_tags = vec![tag("team", "a"), tag("aws:cloudformation:stack-name", "s")];
        let own = vec![tag(MANAGED_TAG.0, MANAGED_TAG.1)];
        let d = desired(&protected, 7, source_tags.clone(), own.clone(), false);
        let keys: Vec<&str> = d.tags.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(keys, ["team", MANAGED_TAG.0]);
        assert_eq!(d.pitr_days, 7);
        assert_eq!(d.ttl_attribute, spec::TTL_ATTRIBUTE);
        assert!(matches!(d.deletion_protection, Protection::On));
        let drill = desired(&protected, 7, source_tags.clone(), own.clone(), true);
        assert!(matches!(drill.deletion_protection, Protection::LeaveOff(_)));
        let unprotected = TableDescription::builder().build();
        let d = desired(&unprotected, 35, source_tags, own, false);
        assert!(matches!(d.deletion_protection, Protection::LeaveOff(w) if w.contains("none")));
    }

    #[tokio::test]
    async fn only_a_resume_that_found_everything_in_place_changed_nothing() {
        let unchanged: Outcomes = vec![("ttl", Change::Unchanged("already on".into()))];
        let applied: Outcomes = vec![("ttl", Change::Applied("enabled".into()))];
        let failed: Outcomes = vec![("ttl", Change::Failed("denied".into()))];
        let mut resumed = Journal::new();
        let _: Result<(), String> = resumed.run(Step::Active, async { Ok(()) }).await;
        resumed.found_done(Step::Active, true);
        assert!(nothing_changed(&resumed, Some(&unchanged)));
        assert!(!nothing_changed(&resumed, Some(&applied)));
        assert!(!nothing_changed(&resumed, Some(&failed)));
        assert!(
            !nothing_changed(&resumed, None),
            "--no-reapply checked nothing"
        );
        let mut waited = Journal::new();
        let _: Result<(), String> = waited.run(Step::Active, async { Ok(()) }).await;
        waited.found_done(Step::Active, false);
        assert!(!nothing_changed(&waited, Some(&unchanged)));
    }

    #[tokio::test]
    async fn rto_runs_from_the_start_to_the_settings_applied_and_excludes_verification() {
        use std::sync::atomic::{AtomicI64, Ordering};
        // Ten seconds a reading, from 2000-01-01 (clock-free).
        fn clock() -> DateTime<Utc> {
            static T: AtomicI64 = AtomicI64::new(946_684_800);
            DateTime::from_timestamp(T.fetch_add(10, Ordering::SeqCst), 0).unwrap_or_default()
        }
        let mut j = Journal::with_clock(clock);
        assert_eq!(Times::of(&j), None);
        for step in [Step::Start, Step::Active, Step::Reapply] {
            let _: Result<(), String> = j.run(step, async { Ok(()) }).await;
        }
        assert_eq!(Times::of(&j), None, "not verified yet");
        let _: Result<(), String> = j.run(Step::Verify, async { Ok(()) }).await;
        let t = Times::of(&j).expect("every step ran");
        // Start 0-10, ACTIVE 20-30, re-apply 40-50, verify 60-70.
        assert_eq!(t.rto(), Some(chrono::Duration::seconds(50)));
        assert_eq!(t.verification(), chrono::Duration::seconds(20));
        assert_eq!(
            t.started_at.map(|s| t.active_at - s),
            Some(chrono::Duration::seconds(30))
        );
        // A resume started nothing: no RTO, the rest as recorded.
        let mut resumed = Journal::with_clock(clock);
        for step in [Step::Active, Step::Reapply, Step::Verify] {
            let _: Result<(), String> = resumed.run(step, async { Ok(()) }).await;
        }
        let t = Times::of(&resumed).expect("finished");
        assert_eq!(t.rto(), None);
    }
}
