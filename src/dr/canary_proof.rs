//! The canary that proves a cutover (or its rollback): one event written through the core the
//! way the API writes it, read back strongly consistent, and seen by each consumer.
//!
//! What each proof shows. `log`: a line of the consumer's log group `/aws/lambda/NAME` names the
//! canary's event id: the function received that very record (proof by content; it holds when
//! the consumer logs its records, as the emulator's and many real ones do). `mapping`: the
//! consumer's mapping on the table's stream reported `OK` processing after the canary was
//! written (for a mapping that existed before, an `OK` that changed from the value read before
//! the canary, [`Consumer::before`]): the function ran successfully on that stream; on a new stream that holds only
//! writes made since it was enabled this is all but the canary, but the record is not named, so
//! it is said as the weaker proof. Neither within the timeout: not seen.
//!
//! The canary has the canary user and type and a one-hour ttl; it is left in the table (deleting
//! it would send the consumer a REMOVE record too).

use std::time::{Duration, Instant};

use chrono::Utc;

use super::record::{CanaryRecord, Delivery, RecordFile, Status};
use crate::aws::consumer_logs;
use crate::aws::lambda as lam;
use crate::context::Context;
use crate::events::canary;
use crate::events::writer::put_event;
use crate::times::stamp;

/// After the mapping first reports OK, how long the log is still watched for the event id.
const LOG_GRACE: Duration = Duration::from_secs(20);

/// A consumer to watch: the function and its mapping on the table's stream.
#[derive(Debug, Clone)]
pub(crate) struct Consumer {
    pub function: String,
    pub mapping: Option<String>,
    /// The mapping's LastProcessingResult before the canary, when it was read: an `OK` then
    /// that is still the same answer proves nothing about the canary, so only a result that
    /// changed counts (`None`: a new mapping, whose first `OK` is after the canary). Its
    /// LastModified is no evidence: it moves when the mapping is updated or changes state,
    /// not when it processes a batch (Lambda API reference, EventSourceMappingConfiguration).
    pub before: Option<String>,
}

/// Writes the canary to `table`, reads it back, and waits up to `timeout` for each consumer.
pub(crate) async fn prove(
    ctx: &Context,
    table: &str,
    purpose: &str,
    consumers: &[Consumer],
    timeout: Duration,
) -> anyhow::Result<CanaryRecord> {
    let client = ctx.dynamodb().await?;
    let written = Utc::now();
    let event = canary::event(purpose, written).map_err(|e| anyhow::anyhow!(e.0))?;
    put_event(client, table, &event).await?;
    let read_back = crate::aws::items::get(client, table, event.key(), true)
        .await?
        .is_some();
    let since_ms = written.timestamp_millis() - 1_000;
    let mut out = CanaryRecord {
        table: table.to_owned(),
        event_id: event.event_id.clone(),
        written_at: stamp(written),
        read_back,
        delivered: Vec::new(),
        not_seen: Vec::new(),
    };
    let deadline = Instant::now() + timeout;
    for c in consumers {
        match seen(ctx, c, &event.event_id, since_ms, deadline).await? {
            Some(d) => out.delivered.push(d),
            None => out.not_seen.push(c.function.clone()),
        }
    }
    Ok(out)
}

/// Watches one consumer until `deadline`: its log naming the event id (written after
/// `since_ms`, epoch ms), else its mapping's `OK` (one that changed from `c.before`).
pub(crate) async fn seen(
    ctx: &Context,
    c: &Consumer,
    event_id: &str,
    since_ms: i64,
    deadline: Instant,
) -> anyhow::Result<Option<Delivery>> {
    let logs = ctx.logs().await?;
    let lambda = ctx.lambda().await?;
    let group = format!("/aws/lambda/{}", c.function);
    let mut ok_since: Option<Instant> = None;
    loop {
        if let Some(at) = consumer_logs::first_line_naming(logs, &group, event_id, since_ms).await?
        {
            let at = chrono::DateTime::from_timestamp_millis(at).unwrap_or_else(Utc::now);
            return Ok(Some(Delivery {
                function: c.function.clone(),
                evidence: "log".into(),
                at: stamp(at),
            }));
        }
        if let (None, Some(uuid)) = (ok_since, &c.mapping) {
            let result = lam::mapping(lambda, uuid)
                .await?
                .and_then(|m| m.last_processing_result);
            if result.is_some_and(|r| r.starts_with("OK") && Some(&r) != c.before.as_ref()) {
                ok_since = Some(Instant::now());
            }
        }
        let now = Instant::now();
        if ok_since.is_some_and(|t| now >= t + LOG_GRACE) || now >= deadline {
            return Ok(ok_since.map(|_| Delivery {
                function: c.function.clone(),
                evidence: "mapping".into(),
                at: stamp(Utc::now()),
            }));
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Whether a canary passed: read back, and seen by every consumer.
pub(crate) fn passed(c: &CanaryRecord) -> bool {
    c.read_back && c.not_seen.is_empty()
}

/// One line saying what the canary showed.
pub(crate) fn summary(c: &CanaryRecord) -> String {
    let seen: Vec<String> = c
        .delivered
        .iter()
        .map(|d| format!("{} ({} at {})", d.function, d.evidence, d.at))
        .collect();
    format!(
        "canary {} in {}: {}; {}{}",
        c.event_id,
        c.table,
        if c.read_back {
            "read back"
        } else {
            "NOT read back"
        },
        if seen.is_empty() {
            "no consumer to watch".to_owned()
        } else {
            format!("seen by {}", seen.join(", "))
        },
        if c.not_seen.is_empty() {
            String::new()
        } else {
            format!("; NOT seen by {}", c.not_seen.join(", "))
        }
    )
}

/// The cutover's canary step: on the target, watched through the new mappings.
pub(crate) async fn cutover_canary(
    ctx: &Context,
    file: &mut RecordFile,
    timeout: Duration,
) -> anyhow::Result<(Status, Option<String>)> {
    let consumers: Vec<Consumer> = file
        .record
        .new_mappings
        .iter()
        .map(|m| Consumer {
            function: m.function.clone(),
            mapping: m.uuid.clone(),
            before: None,
        })
        .collect();
    let target = file.record.target.clone();
    let c = prove(ctx, &target, "dr cutover", &consumers, timeout).await?;
    let line = summary(&c);
    let ok = passed(&c);
    file.record.canary = Some(c);
    file.save()?;
    if ok {
        Ok((Status::Done, Some(line)))
    } else {
        anyhow::bail!("{line} within {}s (--canary-timeout)", timeout.as_secs())
    }
}
