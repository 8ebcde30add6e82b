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
/// before it with any after it; it is left out and said so).
pub(crate) fn write_window(moved: DateTime<Utc>, now: DateTime<Utc>) -> Window {
    let start = moved + chrono::Duration::seconds(60);
    Window::aligned(
        start.max(now - chrono::Duration::days(14)),
        now.max(start + chrono::Duration::seconds(60)),
        60,
    )
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
    let deadline = std::time::Instant::now() + BACKUP_WAIT;
    loop {
        match backup::status(client, &arn).await?.as_deref() {
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
