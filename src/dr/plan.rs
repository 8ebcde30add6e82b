//! Where a restore will go and from when, decided from what AWS said of the source and the
//! target before anything is written: PITR enabled, the point inside the restorable window, the
//! target free, its name one AWS takes.

use aws_sdk_dynamodb::types::{
    ContinuousBackupsDescription, PointInTimeRecoveryStatus, TableDescription,
};
use chrono::{DateTime, Utc};

use crate::aws::table as ddb;
use crate::cli::RestorePoint;
use crate::context::Context;
use crate::error::{Refusal, UsageError};
use crate::report::Section;
use crate::spec;
use crate::times::stamp;

/// A restore's plan, checked against AWS.
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

/// What AWS said of the source and the target: what a plan is decided from.
#[derive(Debug, Default)]
pub(crate) struct PlanFacts {
    pub source: Option<TableDescription>,
    pub backups: Option<ContinuousBackupsDescription>,
    pub target: Option<TableDescription>,
}

pub(crate) fn to_chrono(t: &aws_smithy_types::DateTime) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(t.secs(), t.subsec_nanos())
}

/// The source, its continuous backups and the target, described together.
pub(crate) async fn gather(ctx: &Context, target: &str) -> anyhow::Result<PlanFacts> {
    let client = ctx.dynamodb().await?;
    let source = ctx.table();
    let (table, backups, existing) = tokio::join!(
        ddb::describe(client, source),
        ddb::describe_backups(client, source),
        ddb::describe(client, target),
    );
    Ok(PlanFacts {
        source: table?,
        backups: backups?,
        target: existing?,
    })
}

/// The plan of a restore of `source` into `target` at `point`, or why there is none: a missing
/// source or one without PITR is refused, a point outside the window is a usage error, a target
/// that exists is refused (resume it instead). Pure.
pub(crate) fn decide(
    facts: PlanFacts,
    source: &str,
    target: &str,
    point: RestorePoint,
    now: DateTime<Utc>,
) -> anyhow::Result<Plan> {
    let source_table = facts.source.ok_or_else(|| {
        Refusal::new(format!(
            "source table {source} does not exist (check --env/--table)"
        ))
    })?;
    let pitr = facts
        .backups
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
        RestorePoint::At(t) => Some(inside_window(source, t.resolve(now), earliest, latest)?),
    };
    if let Some(t) = facts.target {
        return Err(Refusal::new(format!(
            "the target table {target} already exists ({}); choose another --target, or pick it up with --resume {target}",
            t.table_status().map(|s| s.as_str()).unwrap_or("?")
        ))
        .into());
    }
    Ok(Plan {
        source: source.to_owned(),
        target: target.to_owned(),
        at,
        earliest,
        latest,
        retention_days: pitr.recovery_period_in_days().unwrap_or(spec::PITR_DAYS),
        source_table,
    })
}

/// `t` when it is inside [earliest, latest] (whole seconds: the window's bounds are whole
/// seconds too), else the usage error that names the window.
fn inside_window(
    source: &str,
    t: DateTime<Utc>,
    earliest: Option<DateTime<Utc>>,
    latest: Option<DateTime<Utc>>,
) -> Result<DateTime<Utc>, UsageError> {
    let secs = t.timestamp();
    if earliest.is_some_and(|e| secs < e.timestamp())
        || latest.is_some_and(|l| secs > l.timestamp())
    {
        return Err(UsageError::new(format!(
            "--to {} is outside the restorable window {} of {source}; pick a time inside it or --to latest",
            stamp(t),
            window_text(earliest, latest, ", ", "[", "]")
        )));
    }
    Ok(t)
}

fn window_text(
    earliest: Option<DateTime<Utc>>,
    latest: Option<DateTime<Utc>>,
    between: &str,
    open: &str,
    close: &str,
) -> String {
    let t = |t: Option<DateTime<Utc>>| t.map(stamp).unwrap_or_else(|| "?".into());
    format!("{open}{}{between}{}{close}", t(earliest), t(latest))
}

/// The point a restore goes back to: `--to`, else the latest restorable time when it started
/// (AWS picks a point a little after it, so events dated before it are in the restore).
pub(crate) fn restore_point(plan: &Plan) -> Option<DateTime<Utc>> {
    plan.at.or(plan.latest)
}

/// The restore's target name: given, or derived; either way a valid DynamoDB table name before
/// anything else happens (a `--dry-run` must not pass a name AWS would refuse).
pub(crate) fn target_name(
    given: Option<&str>,
    derived: impl FnOnce() -> String,
) -> Result<String, UsageError> {
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

/// Whether a table has deletion protection on.
pub(crate) fn protected(t: &TableDescription) -> bool {
    t.deletion_protection_enabled() == Some(true)
}

/// The plan as a section titled `what` ("Restore", "Drill"), saying when it is a dry run.
pub(crate) fn section(what: &str, dry_run: bool, p: &Plan) -> Section {
    let title = if dry_run {
        format!("{what} plan (dry run, nothing changed)")
    } else {
        what.to_owned()
    };
    Section::pairs(title, pairs(p))
}

fn pairs(p: &Plan) -> Vec<(&'static str, String)> {
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
            window_text(p.earliest, p.latest, " .. ", "", ""),
        ),
        (
            "re-apply",
            format!(
                "TTL on ttl, stream NEW_IMAGE, PITR {}, the source's tags{}",
                crate::vocab::words::signed(p.retention_days, "day", "days"),
                if protected(&p.source_table) {
                    ", deletion protection (the source has it)"
                } else {
                    ""
                }
            ),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use aws_sdk_dynamodb::types::{
        ContinuousBackupsStatus, PointInTimeRecoveryDescription, TableStatus,
    };

    use super::*;
    use crate::times::TimeArg;

    // clock-free: a pure decision given its `now`.
    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap_or_default()
    }

    fn facts(pitr: Option<PointInTimeRecoveryStatus>, target: bool) -> PlanFacts {
        let description = pitr.map(|status| {
            PointInTimeRecoveryDescription::builder()
                .point_in_time_recovery_status(status)
                .earliest_restorable_date_time(aws_smithy_types::DateTime::from_secs(1_000))
                .latest_restorable_date_time(aws_smithy_types::DateTime::from_secs(2_000))
                .recovery_period_in_days(7)
                .build()
        });
        PlanFacts {
            source: Some(TableDescription::builder().table_name("s").build()),
            backups: Some(
                ContinuousBackupsDescription::builder()
                    .continuous_backups_status(ContinuousBackupsStatus::Enabled)
                    .set_point_in_time_recovery_description(description)
                    .build()
                    .expect("a status"),
            ),
            target: target.then(|| {
                TableDescription::builder()
                    .table_name("t")
                    .table_status(TableStatus::Creating)
                    .build()
            }),
        }
    }

    fn decided(f: PlanFacts, point: RestorePoint) -> anyhow::Result<Plan> {
        decide(f, "s", "t", point, at(5_000))
    }

    fn refused(r: anyhow::Result<Plan>) -> String {
        let e = r.expect_err("no plan");
        assert!(e.downcast_ref::<Refusal>().is_some(), "a refusal: {e}");
        e.to_string()
    }

    #[test]
    fn a_plan_needs_the_source_pitr_a_point_in_its_window_and_a_free_target() {
        let enabled = Some(PointInTimeRecoveryStatus::Enabled);
        let p = decided(facts(enabled.clone(), false), RestorePoint::Latest).unwrap();
        assert_eq!(
            (p.at, p.earliest, p.latest),
            (None, Some(at(1_000)), Some(at(2_000)))
        );
        assert_eq!(p.retention_days, 7);
        assert_eq!(restore_point(&p), Some(at(2_000)));

        let inside = RestorePoint::At(TimeArg::Absolute(at(1_500)));
        let p = decided(facts(enabled.clone(), false), inside).unwrap();
        assert_eq!(p.at, Some(at(1_500)));
        assert_eq!(restore_point(&p), Some(at(1_500)));

        let outside = RestorePoint::At(TimeArg::Absolute(at(2_001)));
        let e = decided(facts(enabled.clone(), false), outside).expect_err("outside");
        assert!(e.downcast_ref::<UsageError>().is_some(), "{e}");
        assert!(
            e.to_string().contains("outside the restorable window"),
            "{e}"
        );

        let e = refused(decided(facts(enabled, true), RestorePoint::Latest));
        assert!(
            e.contains("already exists (CREATING)") && e.contains("--resume t"),
            "{e}"
        );
        let e = refused(decided(
            facts(Some(PointInTimeRecoveryStatus::Disabled), false),
            RestorePoint::Latest,
        ));
        assert!(e.contains("not enabled on s"), "{e}");
        let e = refused(decided(facts(None, false), RestorePoint::Latest));
        assert!(e.contains("no continuous-backups description"), "{e}");
        let e = refused(decided(PlanFacts::default(), RestorePoint::Latest));
        assert!(e.contains("source table s does not exist"), "{e}");
    }

    #[test]
    fn a_derived_target_name_is_checked_and_a_given_one_is_kept() {
        assert_eq!(
            target_name(Some("mine"), || unreachable!()).unwrap(),
            "mine"
        );
        assert_eq!(
            target_name(None, || "t-restored-1".into()).unwrap(),
            "t-restored-1"
        );
        let long = "x".repeat(300);
        let e = target_name(None, || long.clone()).expect_err("too long");
        assert!(e.0.contains("pass --target NAME"), "{e}");
    }

    #[test]
    fn the_plan_says_it_restores_deletion_protection_when_the_source_has_it() {
        let mut p = decided(
            facts(Some(PointInTimeRecoveryStatus::Enabled), false),
            RestorePoint::Latest,
        )
        .unwrap();
        let text = |p: &Plan| format!("{:?}", pairs(p));
        assert!(!text(&p).contains("deletion protection"));
        p.source_table = TableDescription::builder()
            .deletion_protection_enabled(true)
            .build();
        assert!(text(&p).contains("deletion protection (the source has it)"));
        assert!(text(&p).contains("PITR 7 days"));
    }
}
