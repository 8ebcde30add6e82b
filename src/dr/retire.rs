//! `dr retire`: the corrupted original deleted, only when its cutover record shows traffic moved
//! and verified, no write reached it since (its ConsumedWriteCapacityUnits), and after an
//! on-demand backup of it is AVAILABLE. Deletion protection is turned off only here. Each step
//! is recorded in the cutover's record, so a re-run goes on.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::record::{Kind, List, Record, RecordFile, Stage, Status, StepRecord};
use crate::aws::backup;
use crate::aws::metrics::{self, MetricKey, Stat, Window};
use crate::aws::table as ddb;
use crate::context::Context;
use crate::error::Refusal;

/// How long CreateBackup may take to become AVAILABLE ("within minutes" on AWS).
const BACKUP_WAIT: Duration = Duration::from_secs(1800);

/// Why the record does not allow retiring `source`, or nothing. Pure.
pub(crate) fn refusal(r: &Record, source: &str) -> Option<String> {
    if r.source != source {
        return Some(format!(
            "the record is of a cutover from {}, not {source}",
            r.source
        ));
    }
    match r.stage {
        Stage::Verified | Stage::Retired => {}
        other => {
            return Some(format!(
                "the cutover from {source} is {}, not verified: retire only a source whose traffic moved and was proven (finish it with dr cutover --to {} first)",
                serde_json::to_value(other)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                r.target
            ));
        }
    }
    if r.traffic_moved_at.is_none() {
        return Some("the record does not say when traffic moved".into());
    }
    None
}

/// The window writes to the source are counted in: whole minutes after the one traffic moved
/// in (the metric has one-minute resolution, so the minute of the cutover mixes the writes
/// before it with any after it; it is left out and said so), up to two minutes past `now` (a
/// writer's clock a little ahead still counts). At most 14 days back. Pure.
pub(crate) fn write_window(moved: DateTime<Utc>, now: DateTime<Utc>) -> Window {
    let start = (moved + chrono::Duration::seconds(60)).max(now - chrono::Duration::days(14));
    Window::aligned(start, now + chrono::Duration::seconds(120), 60)
}

/// Writes the source took since traffic moved (sum of ConsumedWriteCapacityUnits; no
/// datapoint: no writes).
pub(crate) async fn writes_since(
    ctx: &Context,
    source: &str,
    moved: DateTime<Utc>,
) -> anyhow::Result<f64> {
    let cw = ctx.cloudwatch().await?;
    let key = MetricKey::table("ConsumedWriteCapacityUnits", source, Stat::Sum);
    let set = metrics::fetch(
        cw,
        write_window(moved, Utc::now()),
        std::slice::from_ref(&key),
    )
    .await?;
    let series = set.series(&key);
    if let Some(p) = series.problem {
        anyhow::bail!("CloudWatch could not say whether {source} took writes: {p}");
    }
    Ok(series.sum())
}

/// The retire steps: backup, deletion protection off (when on), delete. Pure.
pub(crate) fn plan(source: &str, protected: bool, backup_name: &str) -> Vec<StepRecord> {
    let mut out = vec![StepRecord::planned(
        Kind::Backup,
        source,
        format!("on-demand backup {backup_name} of {source}, waited for AVAILABLE"),
    )];
    if protected {
        out.push(StepRecord::planned(
            Kind::Unprotect,
            source,
            "deletion protection: on → off".into(),
        ));
    }
    out.push(StepRecord::planned(
        Kind::DeleteTable,
        source,
        format!("{source}: exists → deleted (the backup stays)"),
    ));
    out
}

/// A backup name AWS takes (`[a-zA-Z0-9_.-]`, 3 to 255): the table's and the time.
pub(crate) fn backup_name(source: &str, now: DateTime<Utc>) -> String {
    let mut name: String = source
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        .take(200)
        .collect();
    name.push_str(&format!("-retired-{}", now.format("%Y%m%d-%H%M%S")));
    name
}

/// Runs the retire steps not done yet. Whether the table was deleted.
pub(crate) async fn apply(ctx: &Context, file: &mut RecordFile) -> anyhow::Result<()> {
    file.record.stage = Stage::Retired;
    for i in 0..file.record.retire.len() {
        if file.record.retire[i].status.is_done() {
            continue;
        }
        file.begin(List::Retire, i)?;
        let step = file.record.retire[i].clone();
        let result = match step.kind {
            Kind::Backup => take_backup(ctx, file, &step).await,
            Kind::Unprotect => unprotect(ctx, &step.subject).await,
            Kind::DeleteTable => delete(ctx, file, &step.subject).await,
            k => Err(anyhow::anyhow!("a {k:?} step has no place in a retire")),
        };
        match result {
            Ok(detail) => file.end(List::Retire, i, Status::Done, Some(detail))?,
            Err(e) => {
                let why = super::cutover::one_line(&e);
                file.end(List::Retire, i, Status::Failed, Some(why.clone()))?;
                return Err(Refusal::new(format!(
                    "{why}; nothing after it was done (run dr retire again to go on)"
                ))
                .into());
            }
        }
    }
    Ok(())
}

async fn take_backup(
    ctx: &Context,
    file: &mut RecordFile,
    step: &StepRecord,
) -> anyhow::Result<String> {
    let client = ctx.dynamodb().await?;
    let arn = match &file.record.backup_arn {
        Some(arn) if backup::status(client, arn).await?.is_some() => arn.clone(),
        _ => {
            let name = file
                .record
                .backup_name
                .clone()
                .unwrap_or_else(|| backup_name(&step.subject, chrono::Utc::now()));
            let b = backup::create(client, &step.subject, &name).await?;
            file.record.backup_arn = Some(b.arn.clone());
            file.save()?;
            b.arn
        }
    };
    wait_available(client, &arn, BACKUP_WAIT).await
}

/// Waits until backup `arn` is AVAILABLE (CREATING passes; anything else fails, and nothing
/// after it runs). Polls every 2 s.
pub(crate) async fn wait_available(
    client: &aws_sdk_dynamodb::Client,
    arn: &str,
    max: Duration,
) -> anyhow::Result<String> {
    let deadline = std::time::Instant::now() + max;
    loop {
        match backup::status(client, arn).await?.as_deref() {
            Some("AVAILABLE") => return Ok(format!("backup {arn} AVAILABLE")),
            Some("CREATING") if std::time::Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
            other => anyhow::bail!(
                "backup {arn} is {}, not AVAILABLE: the table was not touched",
                other.unwrap_or("gone")
            ),
        }
    }
}

async fn unprotect(ctx: &Context, table: &str) -> anyhow::Result<String> {
    backup::unprotect(ctx.dynamodb().await?, table).await?;
    Ok("deletion protection off".into())
}

async fn delete(ctx: &Context, file: &RecordFile, table: &str) -> anyhow::Result<String> {
    let client = ctx.dynamodb().await?;
    if ddb::describe(client, table).await?.is_none() {
        return Ok(format!("{table} was deleted already"));
    }
    if file.record.backup_arn.is_none() {
        anyhow::bail!("no backup recorded: {table} is not deleted");
    }
    crate::aws::table_restore::delete_table(client, table).await?;
    Ok(format!(
        "{table} deleted; keep the backup {}",
        file.record.backup_arn.as_deref().unwrap_or("?")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dr::record::SCHEMA;

    // clock-free: pure functions given their times.
    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap_or_default()
    }

    #[test]
    fn writes_count_from_the_minute_after_traffic_moved() {
        // Moved at 00:00:30 (a minute boundary is 946_684_800): counted from 00:01:00.
        let w = write_window(at(946_684_830), at(946_685_000));
        assert_eq!(w.start, at(946_684_860));
        assert!(w.end >= at(946_685_120));
        assert_eq!(w.period, 60);
    }

    #[test]
    fn retire_needs_a_verified_cutover_of_this_table_and_a_time_it_moved() {
        let mut r: Record = serde_json::from_value(serde_json::json!({
            "schema": SCHEMA, "source": "s", "target": "t", "region": "r", "variable": "V",
            "source_stream_arn": null, "target_stream_arn": null, "created_at": "", "updated_at": "",
            "stage": "verified", "traffic_moved_at": "2000-01-01T00:00:00Z", "functions": [],
            "new_mappings": [], "old_mappings": [], "steps": [], "canary": null, "rollback": [],
            "retire": [], "backup_arn": null
        }))
        .unwrap();
        assert_eq!(refusal(&r, "s"), None);
        assert!(refusal(&r, "x").unwrap().contains("not x"));
        r.stage = Stage::RolledBack;
        assert!(
            refusal(&r, "s")
                .unwrap()
                .contains("rolled_back, not verified")
        );
        r.stage = Stage::Verified;
        r.traffic_moved_at = None;
        assert!(refusal(&r, "s").unwrap().contains("when traffic moved"));
    }

    #[test]
    fn the_plan_backs_up_first_and_unprotects_only_a_protected_table() {
        let kinds = |p: Vec<StepRecord>| p.into_iter().map(|s| s.kind).collect::<Vec<_>>();
        assert_eq!(
            kinds(plan("s", true, "b")),
            [Kind::Backup, Kind::Unprotect, Kind::DeleteTable]
        );
        assert_eq!(
            kinds(plan("s", false, "b")),
            [Kind::Backup, Kind::DeleteTable]
        );
        let name = backup_name("a b/c", at(946_684_800));
        assert_eq!(name, "abc-retired-20000101-000000");
    }
}
