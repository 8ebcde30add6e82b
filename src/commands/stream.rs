//! `stream-status [--probe]`, `stream tail`.

use std::io::Write;
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::{Value, json};

use super::Outcome;
use super::data_schema::shape;
use super::registry::{Kind, Leaf, Limit, Production, When, plus};
use crate::aws::streams::{From, ShardInfo, StreamReader, event_source_mappings};
use crate::checks::changes::Aspect;
use crate::checks::stream::{
    AfterCanary, StreamFacts, evaluate, function_name, gather, reader_refusal, sections, with_probe,
};
use crate::checks::stream_probe;
use crate::cli::{Command, StreamCommand};
use crate::cli::{StreamFrom, StreamStatusArgs, TailArgs};
use crate::context::Context;
use crate::dr::canary_proof::{self, Consumer};
use crate::error::{NotFound, Refusal};
use crate::events::stream_record::record_json;
use crate::output::stream::{Column, ItemStream};
use crate::report::{Finding, Status};
use crate::report::{Report, data_object};
use std::collections::HashMap;

/// `--probe` writes a canary of its own, waits for it on the stream and deletes it.
pub(crate) static STATUS: Leaf<StreamStatusArgs> = Leaf::new(
    "stream-status",
    Kind::Check,
    |c| match c {
        Command::StreamStatus(a) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(status(ctx, a).await?.into()) }),
)
// The canary on the stream, then the quiet consumers: up to the probe timeout each.
.limit(Limit::By(|a| plus(a.probe_timeout * 2, 5)))
.judges_table(When::Always)
.production(Production::OwnResources { with: &["--probe"] })
.data(shape::<StatusData<'static>>);

/// Without `--for`, until Ctrl-C.
pub(crate) static TAIL: Leaf<TailArgs> = Leaf::new(
    "stream tail",
    Kind::Action,
    |c| match c {
        Command::Stream(StreamCommand::Tail(a)) => Some(a),
        _ => None,
    },
    |ctx, a, out| Box::pin(tail(ctx, a, out)),
)
.limit(Limit::By(|a| a.duration.and_then(|d| plus(d, 1))))
.streams()
.data(shape::<TailData>);

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
        .ok_or_else(|| NotFound::new(format!("table {} does not exist", ctx.table())))?;
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

/// After a passing probe, what each quiet consumer (Enabled mapping, no IteratorAge datapoints)
/// showed of the canary, watched with `dr cutover`'s canary proof until `timeout` from now: its
/// log group naming the canary's event id, else its mapping's LastProcessingResult turning `OK`
/// (changed from what it was before the probe).
async fn consumers_after_canary(
    ctx: &Context,
    facts: &StreamFacts,
    probed: &Finding,
    since_ms: i64,
    timeout: Duration,
) -> HashMap<String, AfterCanary> {
    let (Some(event_id), Ok(mappings), Ok(ages)) = (
        probed.evidence["event_id"].as_str(),
        &facts.mappings,
        &facts.iterator_age,
    ) else {
        return HashMap::new();
    };
    let deadline = Instant::now() + timeout;
    let mut out = HashMap::new();
    for m in mappings.iter().filter(|m| m.state() == Some("Enabled")) {
        let function = function_name(m.function_arn().unwrap_or_default());
        if out.contains_key(&function) || !matches!(ages.get(&function), Some(None)) {
            continue;
        }
        let consumer = Consumer {
            function: function.clone(),
            mapping: m.uuid().map(str::to_owned),
            before: m.last_processing_result().map(str::to_owned),
        };
        let seen = match canary_proof::seen(ctx, &consumer, event_id, since_ms, deadline).await {
            Ok(Some(d)) => AfterCanary::Seen {
                evidence: d.evidence,
                at: d.at,
            },
            Ok(None) => AfterCanary::NotSeen {
                waited_s: timeout.as_secs(),
            },
            Err(e) => AfterCanary::Unreadable(e.to_string()),
        };
        out.insert(function, seen);
    }
    out
}

pub(crate) async fn status(ctx: &Context, args: &StreamStatusArgs) -> anyhow::Result<Report> {
    // Changes of the stream, its consumer and the table, looked up while the check reads.
    let aspects = [Aspect::Stream, Aspect::Consumer, Aspect::Table];
    let work = async {
        Ok::<_, anyhow::Error>(
            gather(
                ctx.dynamodb().await?,
                ctx.streams().await?,
                ctx.lambda().await?,
                ctx.cloudwatch().await?,
                ctx.table(),
            )
            .await,
        )
    };
    let day = chrono::Duration::hours(24);
    let (facts, recent) = super::changes::alongside(ctx, day, &aspects, work).await;
    let facts = facts?;
    let mut report = Report::check("stream-status");
    report.extend(evaluate(&facts));
    super::changes::mention(&mut report, recent);
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
        // The canary is written after this; a second of slack for clocks.
        let since_ms = chrono::Utc::now().timestamp_millis() - 1_000;
        let probed = match (refusal, &facts.stream) {
            (None, Some(Ok(info))) => {
                let timeout = args
                    .probe_timeout
                    .to_std()
                    .unwrap_or(Duration::from_secs(30));
                stream_probe::evaluate(&stream_probe::gather(ctx, &info.arn, timeout).await)
            }
            (why, _) => stream_probe::not_probed(&why.unwrap_or_default()),
        };
        let after = if probed.status == Status::Ok {
            let timeout = args
                .probe_timeout
                .to_std()
                .unwrap_or(Duration::from_secs(30));
            consumers_after_canary(ctx, &facts, &probed, since_ms, timeout).await
        } else {
            HashMap::new()
        };
        // A canary that went through: each quiet consumer is judged on its own evidence after it.
        with_probe(&mut report.findings, &probed, &after);
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
            break StoppedBy::TimeLimit;
        }
        let records = tokio::select! {
            r = reader.poll() => r?,
            _ = &mut stop => break StoppedBy::Interrupted,
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
                break 'outer StoppedBy::RecordLimit;
            }
        }
        if records.is_empty() {
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_millis(500)) => {}
                _ = &mut stop => break StoppedBy::Interrupted,
            }
        }
    };
    let data = TailData {
        records: shown,
        records_read: seen,
        stopped_by: reason,
    };
    stream.end(
        "ok",
        Value::Object(data_object("stream tail", &data)?),
        &[format!(
            "{} shown ({seen} read); stopped: {}",
            crate::output::plural(shown, "record", "records"),
            reason.as_str()
        )],
    )?;
    Ok(Outcome::Streamed { failed: false })
}

/// `stream tail`'s `data`, closing the stream of records.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "StreamTailData")]
pub(crate) struct TailData {
    /// Records written as items (those `--user` and `--type` kept).
    records: u64,
    /// Records read from the stream, shown or not.
    records_read: u64,
    stopped_by: StoppedBy,
}

/// Why `stream tail` stopped.
#[derive(Clone, Copy, Serialize, schemars::JsonSchema)]
#[schemars(rename = "StreamTailStop")]
enum StoppedBy {
    /// `--for` ran out.
    #[serde(rename = "time limit")]
    TimeLimit,
    /// Ctrl-C.
    #[serde(rename = "interrupted")]
    Interrupted,
    /// `--max-records` were shown.
    #[serde(rename = "record limit")]
    RecordLimit,
}

impl StoppedBy {
    fn as_str(self) -> &'static str {
        match self {
            StoppedBy::TimeLimit => "time limit",
            StoppedBy::Interrupted => "interrupted",
            StoppedBy::RecordLimit => "record limit",
        }
    }
}

/// `stream-status`'s `data`, when the stream could be described: its ARN and shards.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct StatusData<'a> {
    stream_arn: &'a str,
    shards: &'a [ShardInfo],
}
