//! `stream-status [--probe]`, `stream tail`.

use crate::report::CheckId;
use std::io::Write;
use std::time::{Duration, Instant};

use chrono::Utc;
use serde::Serialize;
use serde_json::json;

use super::Outcome;
use crate::aws::streams::{From, ShardInfo, StreamReader, event_source_mappings};
use crate::checks::changes::Aspect;
use crate::checks::stream::{evaluate, gather, reader_refusal, sections, with_probe};
use crate::cli::{StreamFrom, StreamStatusArgs, TailArgs};
use crate::context::Context;
use crate::error::Refusal;
use crate::events::canary;
use crate::events::stream_record::record_json;
use crate::events::writer::{delete_item, put_event};
use crate::output::stream::{Column, ItemStream};
use crate::report::{Finding, Report};

pub(crate) const RECORD_COLUMNS: &[Column] = &[
    Column::text("EVENT", "event_name", 7),
    Column::key("USER", "user_id", 20),
    Column::text("TYPE", "event_type", 18),
    Column::key("EVENT ID", "event_id", 36),
    Column::rest("NEW IMAGE", "new_image"),
];

async fn stream_arn(ctx: &Context) -> anyhow::Result<String> {
    let t = crate::aws::table::describe(ctx.dynamodb().await?, ctx.table())
        .await?
        .ok_or_else(|| Refusal::new(format!("table {} does not exist", ctx.table())))?;
    t.latest_stream_arn()
        .filter(|_| t.stream_specification().is_some_and(|s| s.stream_enabled()))
        .map(str::to_owned)
        .ok_or_else(|| {
            Refusal::new(format!(
                "table {} has no enabled stream (eventsctl stream-status)",
                ctx.table()
            ))
            .into()
        })
}

/// Writes a canary and waits for it on every open shard.
async fn probe(ctx: &Context, arn: &str, timeout: Duration) -> Finding {
    let check = CheckId::StreamProbe;
    // The canary's write and delete use the bulk client: more attempts, so a throttled delete
    // does not leave the canary behind.
    let (streams, ddb) = match (ctx.streams().await, ctx.dynamodb_bulk().await) {
        (Ok(s), Ok(d)) => (s, d),
        (Err(e), _) | (_, Err(e)) => return Finding::unknown(check, e.to_string()),
    };
    // Iterators at LATEST before the write, so the canary is after them.
    let mut reader = match StreamReader::open(streams.clone(), arn, From::Latest).await {
        Ok(r) => r,
        Err(e) => return Finding::unknown(check, format!("could not open the stream: {e}")),
    };
    let event = match canary::event("stream-status --probe", Utc::now()) {
        Ok(e) => e,
        Err(e) => return Finding::unknown(check, e.0),
    };
    let spinner = ctx
        .progress()
        .spinner("waiting for the canary on the stream");
    let started = Instant::now();
    if let Err(e) = put_event(ddb, ctx.table(), &event).await {
        spinner.finish_and_clear();
        // The stream was not tested: whether writes fail is diagnose writes' verdict.
        return Finding::unknown(check, format!("not probed: the canary write failed: {e}"))
            .remedy("eventsctl diagnose writes");
    }
    let mut seen = None;
    let mut polls = 0;
    while started.elapsed() < timeout {
        polls += 1;
        match reader.poll().await {
            Ok(records) => {
                if records
                    .iter()
                    .any(|r| record_json(r)["event_id"] == json!(event.event_id))
                {
                    seen = Some(started.elapsed());
                    break;
                }
            }
            Err(e) => {
                spinner.finish_and_clear();
                let left = leftover(
                    delete_item(ddb, ctx.table(), event.key()).await.is_ok(),
                    &event,
                );
                return Finding::unknown(check, format!("reading the stream failed: {e}{left}"));
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    spinner.finish_and_clear();
    let deleted = delete_item(ddb, ctx.table(), event.key()).await.is_ok();
    let left = leftover(deleted, &event);
    let evidence = json!({"event_id": event.event_id, "polls": polls, "latency_ms": seen.map(|d| d.as_millis() as u64), "deleted": deleted, "shards_read": reader.active()});
    match seen {
        Some(d) => Finding::ok(check, format!("the canary reached the stream in {} ms (write to read, polling every 200 ms){left}", d.as_millis())),
        None => Finding::crit(check, format!("the canary did not appear on the stream within {}{left}", crate::times::human(chrono::Duration::from_std(timeout).unwrap_or_default())))
            .remedy("check the stream status and shards; open an AWS Support case if the stream is ENABLED but silent"),
    }
    .evidence(evidence)
    .runbook("Issue 3: DynamoDB Streams Not Delivering Events")
}

/// What a canary that could not be deleted leaves behind, said in the probe's summary (its ttl
/// removes it within about a day of the hour it gets).
fn leftover(deleted: bool, event: &crate::events::model::Event) -> String {
    if deleted {
        String::new()
    } else {
        format!(
            "; the canary (user {}, event id {}) could not be deleted: its ttl removes it within about a day",
            event.user_id, event.event_id
        )
    }
}

pub(crate) async fn status(ctx: &Context, args: &StreamStatusArgs) -> anyhow::Result<Report> {
    let facts = gather(
        ctx.dynamodb().await?,
        ctx.streams().await?,
        ctx.lambda().await?,
        ctx.cloudwatch().await?,
        ctx.table(),
    )
    .await;
    let mut report = Report::check("stream-status");
    report.extend(evaluate(&facts));
    let aspects = [Aspect::Stream, Aspect::Consumer, Aspect::Table];
    super::changes::mention(ctx, &mut report, chrono::Duration::hours(24), &aspects).await;
    for s in sections(&facts) {
        report.section(s);
    }
    if let Some(Ok(info)) = &facts.stream {
        report.set_data(&StatusData {
            stream_arn: &info.arn,
            shards: &info.shards,
        })?;
    }
    if args.probe {
        // The probe is one more reader of every shard: count the readers first.
        let refusal = match &facts.stream {
            Some(Ok(_)) => reader_refusal(&facts.mappings, args.force),
            // No stream that could be described: nothing to probe (the findings above say why).
            _ => Some("the stream could not be read".to_owned()),
        };
        let probed = match (refusal, &facts.stream) {
            (None, Some(Ok(info))) => {
                probe(
                    ctx,
                    &info.arn,
                    args.probe_timeout
                        .to_std()
                        .unwrap_or(Duration::from_secs(30)),
                )
                .await
            }
            (why, _) => Finding::unknown(
                CheckId::StreamProbe,
                format!("not probed: {}", why.unwrap_or_default()),
            )
            .remedy("stream-status --probe --force, or probe when a consumer is stopped")
            .runbook("Issue 3: DynamoDB Streams Not Delivering Events"),
        };
        // A canary that went through is evidence the verdict uses (a quiet consumer's unknown).
        with_probe(&mut report.findings, &probed);
        report.push(probed);
    } else {
        report.note(
            "--probe writes a canary (type eventsctl.canary) and times it through the stream.",
        );
    }
    Ok(report)
}

pub(crate) async fn tail(
    ctx: &Context,
    args: &TailArgs,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let arn = stream_arn(ctx).await?;
    // One more reader of every shard: refused at two readers already (or when they cannot be
    // counted) unless --force.
    if !args.force {
        let mappings = event_source_mappings(ctx.lambda().await?, &arn).await;
        if let Some(why) = reader_refusal(&mappings, false) {
            return Err(Refusal::new(format!("not tailing: {why}")).into());
        }
    }
    let from = match args.from {
        StreamFrom::Latest => From::Latest,
        StreamFrom::TrimHorizon => From::TrimHorizon,
    };
    let mut reader = StreamReader::open(ctx.streams().await?.clone(), &arn, from).await?;
    let rc = ctx.render_context(None);
    let mut stream = ItemStream::begin(ctx.output.format, "stream tail", &rc, RECORD_COLUMNS, out)?;
    if !ctx.output.quiet {
        // A person (and a test) can see when records written from now on will show.
        stream.notice(&format!(
            "following {} of {arn}; Ctrl-C stops",
            crate::output::count(reader.active(), "shard", "shards")
        ));
    }
    let deadline = args
        .duration
        .and_then(|d| d.to_std().ok())
        .map(|d| Instant::now() + d);
    let mut stop = Box::pin(super::interrupted());
    let mut shown = 0u64;
    let mut seen = 0u64;
    let reason = 'outer: loop {
        if deadline.is_some_and(|d| Instant::now() >= d) {
            break "time limit";
        }
        let records = tokio::select! {
            r = reader.poll() => r?,
            _ = &mut stop => break "interrupted",
        };
        for r in &records {
            seen += 1;
            let v = record_json(r);
            if args.user.as_ref().is_some_and(|u| v["user_id"] != json!(u))
                || args
                    .event_type
                    .as_ref()
                    .is_some_and(|t| v["event_type"] != json!(t))
            {
                continue;
            }
            stream.item(&v)?;
            shown += 1;
            if args.max_records.is_some_and(|m| shown >= m) {
                break 'outer "record limit";
            }
        }
        if records.is_empty() {
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_millis(500)) => {}
                _ = &mut stop => break "interrupted",
            }
        }
    };
    stream.end(
        "ok",
        json!({"records": shown, "records_read": seen, "stopped_by": reason}),
        &[format!(
            "{} shown ({seen} read); stopped: {reason}",
            crate::output::plural(shown, "record", "records")
        )],
    )?;
    Ok(Outcome::Streamed { failed: false })
}

/// `stream-status`'s `data`, when the stream could be described: its ARN and shards.
#[derive(Serialize)]
struct StatusData<'a> {
    stream_arn: &'a str,
    shards: &'a [ShardInfo],
}
