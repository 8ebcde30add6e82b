//! `bench write|read`: open-loop load at a fixed rate through the core. Each request is sent at
//! its scheduled time whatever the latency of the others, and its latency is measured from that
//! time, so a slow server shows as latency instead of as a lower request rate (no coordinated
//! omission). Latencies go into an HDR histogram.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::Utc;
use hdrhistogram::Histogram;
use serde::Serialize;
use serde_json::json;
use tokio::sync::{Mutex, Semaphore};

use crate::aws::AwsError;
use crate::aws::table as ddb;
use crate::checks::bench::{LatencyMs, Measured, Targets};
use crate::cli::{BenchArgs, BenchCleanupArgs};
use crate::context::Context;
use crate::events::keys::Access;
use crate::events::model::{Defaults, Event, EventInput};
use crate::events::query::{QuerySpec, query};
use crate::events::writer::{
    BATCH_SIZE, DeleteKey, Pending, PutError, RetryPolicy, WriteStats, put_event, write_batch,
};
use crate::report::{CheckId, Finding, Report, Section};
use crate::safety;
use crate::spec::targets::{READ_LATENCY, READ_THROUGHPUT, WRITE_LATENCY, WRITE_THROUGHPUT};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Write,
    Read,
}

/// The `data` of `bench write|read` (docs/json.md).
#[derive(Debug, Serialize)]
struct BenchData<'a> {
    run_id: &'a str,
    interrupted: bool,
    deleted: usize,
    not_deleted: usize,
    latency_ms: LatencyMs,
    achieved_rate: f64,
    asked_rate: f64,
    ok: u64,
    throttled: u64,
    errors: u64,
    /// Not sent: the in-flight cap, or the schedule ran past `--duration`.
    dropped: u64,
    cpu_us_per_request: f64,
    cleaned_up: bool,
}

/// The `data` of `bench cleanup` (docs/json.md).
#[derive(Debug, Serialize)]
struct CleanupData {
    runs: usize,
    events: usize,
    deleted: usize,
    not_deleted: usize,
    dry_run: bool,
}

/// A report's `data` object from a typed struct.
fn set_data(report: &mut Report, data: &impl Serialize) {
    if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(data) {
        report.data = map;
    }
}

/// User and system CPU time of this process (every thread), in microseconds: the process's CPU
/// clock, which counts what getrusage's `ru_utime + ru_stime` counts, without `unsafe`.
fn cpu_micros() -> u64 {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
    t.tv_sec.max(0) as u64 * 1_000_000 + t.tv_nsec.max(0) as u64 / 1_000
}

/// The partition that lists bench runs: one marker event per run, written before its first
/// event and deleted with its last, so that `bench cleanup` finds the events of a run that was
/// killed without reading anything but this partition and the run's own users.
pub(crate) const RUNS_USER: &str = "eventsctl-bench-runs";
const RUN_EVENT_TYPE: &str = "eventsctl.bench.run";

/// How long in-flight requests may take to finish once the run's time is up.
const DRAIN: Duration = Duration::from_secs(5);

fn bench_user(run: &str, user: u32) -> String {
    format!("eventsctl-bench-{run}-{user}")
}

/// The marker of a run: which users it writes, and until when.
fn run_marker(
    run: &str,
    mode: Mode,
    users: u32,
    duration: chrono::Duration,
) -> Result<Event, crate::events::model::Invalid> {
    let now = Utc::now();
    EventInput {
        user_id: RUNS_USER.into(),
        event_type: RUN_EVENT_TYPE.into(),
        event_id: Some(run.to_owned()),
        // Outlives the run's events (ttl 1 h after they are written) so cleanup can find them.
        ttl: Some(json!(
            (now + duration + chrono::Duration::hours(2)).timestamp()
        )),
        payload: Some(json!({
            "run_id": run,
            "mode": if mode == Mode::Write { "write" } else { "read" },
            "users": users,
            "user_prefix": format!("eventsctl-bench-{run}-"),
        })),
        ..EventInput::default()
    }
    .into_event(Defaults { now: Some(now) }, None)
}

fn bench_event(run: &str, user: u32, n: u64) -> Result<Event, crate::events::model::Invalid> {
    let now = Utc::now();
    EventInput {
        user_id: bench_user(run, user),
        event_type: "eventsctl.bench".into(),
        ttl: Some(json!((now + chrono::Duration::hours(1)).timestamp())),
        payload: Some(json!({"n": n, "pad": "x".repeat(200)})),
        ..EventInput::default()
    }
    .into_event(Defaults { now: Some(now) }, None)
}

#[derive(Default)]
struct Counters {
    ok: AtomicU64,
    throttled: AtomicU64,
    errors: AtomicU64,
    dropped: AtomicU64,
    first_error: std::sync::Mutex<Option<String>>,
}

impl Counters {
    fn error(&self, e: &AwsError) {
        self.errors.fetch_add(1, Ordering::Relaxed);
        let mut first = self.first_error.lock().unwrap_or_else(|p| p.into_inner());
        if first.is_none() {
            *first = Some(e.to_string());
        }
    }
}

/// Writes `per_user` events for each user in batches (the read bench's data).
async fn seed(
    ctx: &Context,
    run: &str,
    users: u32,
    per_user: u64,
) -> anyhow::Result<Vec<DeleteKey>> {
    let client = ctx.dynamodb_bulk().await?;
    let stats = WriteStats::default();
    let mut keys = Vec::new();
    let mut batch = Vec::new();
    for u in 0..users {
        for n in 0..per_user {
            let event = bench_event(run, u, n)?;
            keys.push(DeleteKey {
                user_id: event.user_id.clone(),
                sort_key: event.sort_key(),
            });
            batch.push(Pending::from_event(0, &event)?);
            if batch.len() == BATCH_SIZE {
                let failed = write_batch(
                    client,
                    ctx.table(),
                    std::mem::take(&mut batch),
                    RetryPolicy::default(),
                    &stats,
                )
                .await;
                anyhow::ensure!(
                    failed.is_empty(),
                    "seeding the read bench failed: {}",
                    failed[0].reason
                );
            }
        }
    }
    if !batch.is_empty() {
        let failed = write_batch(client, ctx.table(), batch, RetryPolicy::default(), &stats).await;
        anyhow::ensure!(
            failed.is_empty(),
            "seeding the read bench failed: {}",
            failed[0].reason
        );
    }
    Ok(keys)
}

/// Deletes the bench's events in batches of 25; returns how many could not be deleted.
async fn cleanup(ctx: &Context, keys: Vec<DeleteKey>) -> anyhow::Result<usize> {
    use futures::StreamExt;
    let client = ctx.dynamodb_bulk().await?;
    let stats = WriteStats::default();
    let chunks: Vec<Vec<DeleteKey>> = keys.chunks(BATCH_SIZE).map(<[DeleteKey]>::to_vec).collect();
    let failed: usize = futures::stream::iter(chunks)
        .map(|c| {
            let stats = &stats;
            async move {
                write_batch(client, ctx.table(), c, RetryPolicy::default(), stats)
                    .await
                    .len()
            }
        })
        .buffer_unordered(8)
        .fold(0, |a, b| async move { a + b })
        .await;
    Ok(failed)
}

/// One request of the run: a conditional PutItem of a new bench event (its key recorded first,
/// for cleanup) or a Query of a bench user's latest 10 events.
async fn one_request(
    mode: Mode,
    client: &aws_sdk_dynamodb::Client,
    table: &str,
    run_id: &str,
    user: u32,
    i: u64,
    written: &Mutex<Vec<DeleteKey>>,
) -> Result<(), AwsError> {
    let local =
        |kind, operation, why: String| AwsError::local(kind, "dynamodb", operation, None, why);
    match mode {
        Mode::Write => {
            let event = bench_event(run_id, user, i)
                .map_err(|e| local(crate::aws::AwsErrorKind::Invalid, "PutItem", e.0))?;
            // Recorded before it is sent: a put whose answer is lost (a timeout, a signal) may
            // still have landed, and cleanup deletes it too.
            written.lock().await.push(DeleteKey {
                user_id: event.user_id.clone(),
                sort_key: event.sort_key(),
            });
            match put_event(client, table, &event).await {
                Ok(()) => Ok(()),
                Err(PutError::Aws(e)) => Err(e),
                Err(e) => Err(local(
                    crate::aws::AwsErrorKind::Invalid,
                    "PutItem",
                    e.to_string(),
                )),
            }
        }
        Mode::Read => {
            let mut spec = QuerySpec::new(
                bench_user(run_id, user),
                Access::Table,
                Utc::now().timestamp(),
            );
            spec.limit = Some(10);
            spec.descending = true;
            query(client, table, &spec, |_| Ok(true))
                .await
                .map(|_| ())
                .map_err(|e| match e {
                    crate::events::query::QueryError::Aws(e) => e,
                    crate::events::query::QueryError::Sink(e) => {
                        local(crate::aws::AwsErrorKind::Other, "Query", e.to_string())
                    }
                })
        }
    }
}

/// The bench cannot start: the table cannot be read (unreachable, no permission) or is missing.
/// That is unknown, not a latency verdict.
fn not_started(name: &str, why: String) -> Report {
    let mut report = Report::check(name);
    report.push(
        Finding::unknown(CheckId::BenchPreflight, format!("no request sent: {why}")).remedy(
            "Check --endpoint-url / --region and that the table exists (eventsctl table describe).",
        ),
    );
    report
}

pub async fn run(ctx: &Context, mode: Mode, args: &BenchArgs) -> anyhow::Result<Report> {
    let name = if mode == Mode::Write {
        "bench write"
    } else {
        "bench read"
    };
    // Bench writes synthetic events (the read bench seeds some) that stream consumers receive.
    safety::guard_write(&ctx.names, name, args.yes, false)?;
    let run_id = format!("{:x}", Utc::now().timestamp_millis());
    let users = args.users;
    let client = ctx.dynamodb().await?.clone();
    let table = ctx.table().to_owned();
    match ddb::describe(&client, &table).await {
        Ok(Some(_)) => {}
        Ok(None) => return Ok(not_started(name, format!("table {table} does not exist"))),
        Err(e) => return Ok(not_started(name, e.to_string())),
    }
    let marker = run_marker(&run_id, mode, users, args.duration)?;
    put_event(&client, &table, &marker)
        .await
        .map_err(|e| anyhow::anyhow!("cannot register the bench run: {e}"))?;
    let mut keys = match mode {
        Mode::Read => seed(ctx, &run_id, users, 10).await?,
        Mode::Write => Vec::new(),
    };
    let total = (args.rate * args.duration.num_milliseconds() as f64 / 1000.0).round() as u64;
    let deadline = Instant::now() + args.duration.to_std().unwrap_or_default();
    let mut signal = None;
    let stop = super::interrupted();
    tokio::pin!(stop);
    let interval = Duration::from_secs_f64(1.0 / args.rate);
    let hist = Arc::new(Mutex::new(
        Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).expect("valid bounds"),
    ));
    let counters = Arc::new(Counters::default());
    let written = Arc::new(Mutex::new(Vec::<DeleteKey>::new()));
    let permits = Arc::new(Semaphore::new(args.max_in_flight as usize));
    let progress = ctx.progress().bar(
        Some(total),
        format!(
            "bench {}",
            if mode == Mode::Write { "write" } else { "read" }
        ),
    );
    let cpu_before = cpu_micros();
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    let mut sent = 0u64;
    for i in 0..total {
        let scheduled = started + interval.mul_f64(i as f64);
        // The duration holds at any rate: what the schedule could not send in time is dropped.
        if scheduled >= deadline || Instant::now() >= deadline {
            break;
        }
        tokio::select! {
            _ = tokio::time::sleep_until(scheduled.into()) => {}
            _ = &mut stop => {
                signal = Some(started.elapsed());
                break;
            }
        }
        sent += 1;
        let Ok(permit) = Arc::clone(&permits).try_acquire_owned() else {
            counters.dropped.fetch_add(1, Ordering::Relaxed);
            continue;
        };
        let (client, table, hist, counters, written, run_id) = (
            client.clone(),
            table.clone(),
            Arc::clone(&hist),
            Arc::clone(&counters),
            Arc::clone(&written),
            run_id.clone(),
        );
        let user = (i % u64::from(users)) as u32;
        let progress = progress.clone();
        tasks.spawn(async move {
            let result = one_request(mode, &client, &table, &run_id, user, i, &written).await;
            let micros = scheduled.elapsed().as_micros() as u64;
            match result {
                Ok(()) => {
                    counters.ok.fetch_add(1, Ordering::Relaxed);
                    let _ = hist.lock().await.record(micros.max(1));
                }
                Err(e) if e.is_throttled() => {
                    counters.throttled.fetch_add(1, Ordering::Relaxed);
                }
                Err(e) => counters.error(&e),
            }
            progress.inc(1);
            drop(permit);
        });
        // Reap finished tasks as we go so the set stays small.
        while tasks.try_join_next().is_some() {}
    }
    let unsent = total.saturating_sub(sent);
    counters.dropped.fetch_add(unsent, Ordering::Relaxed);
    // Requests still in flight get a few seconds once the time is up, then count as errors.
    let drain_until = Instant::now().max(deadline) + DRAIN;
    loop {
        tokio::select! {
            next = tasks.join_next() => if next.is_none() { break },
            _ = tokio::time::sleep_until(drain_until.into()) => {
                let stuck = tasks.len() as u64;
                tasks.abort_all();
                counters.errors.fetch_add(stuck, Ordering::Relaxed);
                let mut first = counters.first_error.lock().unwrap_or_else(|p| p.into_inner());
                first.get_or_insert_with(|| format!("{stuck} requests had no answer when the run ended"));
                break;
            }
            _ = &mut stop, if signal.is_none() => signal = Some(started.elapsed()),
        }
    }
    let elapsed = started.elapsed();
    let cpu = cpu_micros().saturating_sub(cpu_before);
    progress.finish_and_clear();

    keys.extend(written.lock().await.drain(..));
    let not_deleted = if args.keep {
        0
    } else {
        let left = cleanup(ctx, keys.clone()).await?;
        if left == 0 {
            // The run is gone: its marker goes too.
            let _ = crate::events::writer::delete_item(&client, &table, marker.key()).await;
        }
        left
    };
    let hist = hist.lock().await;
    let c = &counters;
    let ok = c.ok.load(Ordering::Relaxed);
    let (throttled, errors) = (
        c.throttled.load(Ordering::Relaxed),
        c.errors.load(Ordering::Relaxed),
    );
    let ms = |q: f64| hist.value_at_quantile(q) as f64 / 1000.0;
    let measured = Measured {
        asked_rate: args.rate,
        achieved_rate: ok as f64 / elapsed.as_secs_f64(),
        ok,
        throttled,
        errors,
        dropped: c.dropped.load(Ordering::Relaxed),
        latency: LatencyMs {
            p50: ms(0.5),
            p95: ms(0.95),
            p99: ms(0.99),
            max: hist.max() as f64 / 1000.0,
        },
        samples: hist.len(),
        cpu_us_total: cpu,
        cpu_us_per_request: cpu as f64 / (ok + throttled + errors).max(1) as f64,
        first_error: c
            .first_error
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone(),
    };
    let targets = match mode {
        Mode::Write => Targets {
            latency: WRITE_LATENCY,
            throughput: WRITE_THROUGHPUT,
        },
        Mode::Read => Targets {
            latency: READ_LATENCY,
            throughput: READ_THROUGHPUT,
        },
    };
    let mut report = Report::check(name);
    report.extend(crate::checks::bench::evaluate(&measured, targets));
    if let Some(after) = signal {
        report.note(format!(
            "Stopped by a signal after {}; the bench events were {}.",
            crate::times::human(chrono::Duration::from_std(after).unwrap_or_default()),
            if args.keep {
                "kept (--keep)"
            } else {
                "deleted"
            }
        ));
    }
    report.section(Section::pairs(
        "Run",
        vec![
            ("users", format!("{users} (eventsctl-bench-{run_id}-*)")),
            (
                "requests",
                format!(
                    "{total} scheduled over {}",
                    crate::times::human(args.duration)
                ),
            ),
            (
                "cleanup",
                if args.keep {
                    "kept (ttl 1 h)".into()
                } else {
                    format!(
                        "deleted {} bench events, {not_deleted} left{}",
                        keys.len() - not_deleted,
                        if not_deleted > 0 {
                            format!(" (eventsctl bench cleanup --run {run_id} --yes deletes them)")
                        } else {
                            String::new()
                        }
                    )
                },
            ),
        ],
    ));
    let deleted = if args.keep {
        0
    } else {
        keys.len() - not_deleted
    };
    set_data(
        &mut report,
        &BenchData {
            run_id: &run_id,
            interrupted: signal.is_some(),
            deleted,
            not_deleted,
            latency_ms: measured.latency,
            achieved_rate: measured.achieved_rate,
            asked_rate: measured.asked_rate,
            ok: measured.ok,
            throttled: measured.throttled,
            errors: measured.errors,
            dropped: measured.dropped,
            cpu_us_per_request: measured.cpu_us_per_request,
            cleaned_up: !args.keep,
        },
    );
    report.note("Latency is measured client-side from each request's scheduled time; the runbook's targets are DynamoDB's server-side SuccessfulRequestLatency (diagnose latency).");
    Ok(report)
}

/// One bench run found by its marker.
struct Run {
    id: String,
    users: u32,
    started: chrono::DateTime<Utc>,
    marker: DeleteKey,
}

fn key_of(item: &crate::events::query::Item) -> Option<DeleteKey> {
    Some(DeleteKey {
        user_id: item.get(crate::spec::PARTITION_KEY)?.as_s().ok()?.clone(),
        sort_key: item.get(crate::spec::SORT_KEY)?.as_s().ok()?.clone(),
    })
}

fn query_error(e: crate::events::query::QueryError) -> anyhow::Error {
    match e {
        crate::events::query::QueryError::Aws(e) => e.into(),
        crate::events::query::QueryError::Sink(e) => e.into(),
    }
}

/// Every key of one partition (expired items included: they are still stored).
async fn partition_keys(
    client: &aws_sdk_dynamodb::Client,
    table: &str,
    user: &str,
) -> anyhow::Result<Vec<DeleteKey>> {
    let mut spec = QuerySpec::new(user, Access::Table, Utc::now().timestamp());
    spec.include_expired = true;
    let mut keys = Vec::new();
    query(client, table, &spec, |item| {
        keys.extend(key_of(item));
        Ok(true)
    })
    .await
    .map_err(query_error)?;
    Ok(keys)
}

/// `bench cleanup`: finds bench runs by their markers and deletes their events (a Query per bench
/// user, never a Scan), then the markers. Without `--yes` it only counts.
pub(crate) async fn cleanup_runs(ctx: &Context, args: &BenchCleanupArgs) -> anyhow::Result<Report> {
    let really = args.yes && !args.dry_run;
    safety::guard_write(&ctx.names, "bench cleanup", args.yes, !really)?;
    let client = ctx.dynamodb().await?;
    let table = ctx.table();
    let mut spec = QuerySpec::new(RUNS_USER, Access::Table, Utc::now().timestamp());
    spec.include_expired = true;
    let mut runs = Vec::new();
    query(client, table, &spec, |item| {
        let v = crate::events::model::item_to_json(item);
        let payload = &v["payload"];
        let started = v["timestamp"]
            .as_str()
            .and_then(|t| crate::times::parse_rfc3339(t).ok());
        if let (Some(id), Some(users), Some(started), Some(marker)) = (
            payload["run_id"].as_str(),
            payload["users"].as_u64(),
            started,
            key_of(item),
        ) {
            runs.push(Run {
                id: id.to_owned(),
                users: u32::try_from(users).unwrap_or(u32::MAX).min(100_000),
                started,
                marker,
            });
        }
        Ok(true)
    })
    .await
    .map_err(query_error)?;
    let cutoff = Utc::now() - args.older_than;
    let mut rows = Vec::new();
    let (mut found, mut deleted, mut left) = (0usize, 0usize, 0usize);
    let mut skipped = 0usize;
    for run in &runs {
        if args.run.as_deref().is_some_and(|r| r != run.id) {
            continue;
        }
        if run.started > cutoff {
            skipped += 1;
            continue;
        }
        let mut keys = Vec::new();
        for u in 0..run.users {
            keys.extend(partition_keys(client, table, &bench_user(&run.id, u)).await?);
        }
        found += keys.len();
        let events = keys.len();
        let not_deleted = if really {
            let n = cleanup(ctx, keys).await?;
            if n == 0 {
                cleanup(ctx, vec![run.marker.clone()]).await?;
            }
            n
        } else {
            0
        };
        deleted += events - not_deleted;
        left += not_deleted;
        rows.push(vec![
            run.id.clone(),
            crate::times::stamp(run.started),
            run.users.to_string(),
            events.to_string(),
            if really {
                format!("deleted {}, {not_deleted} left", events - not_deleted)
            } else {
                "would delete (add --yes)".to_owned()
            },
        ]);
    }
    let mut report = Report::action("bench cleanup");
    report.failed = left > 0;
    report.section(Section::table(
        "Bench runs",
        &["RUN", "STARTED", "USERS", "EVENTS", "ACTION"],
        rows,
    ));
    if skipped > 0 {
        report.note(format!(
            "{skipped} runs started less than {} ago were left alone (--older-than).",
            crate::times::human(args.older_than)
        ));
    }
    if !really && found > 0 {
        report.note("Nothing was deleted: add --yes to delete these bench events.");
    }
    set_data(
        &mut report,
        &CleanupData {
            runs: rows_len(&runs, args),
            events: found,
            deleted: if really { deleted } else { 0 },
            not_deleted: left,
            dry_run: !really,
        },
    );
    Ok(report)
}

fn rows_len(runs: &[Run], args: &BenchCleanupArgs) -> usize {
    runs.iter()
        .filter(|r| args.run.as_deref().is_none_or(|id| id == r.id))
        .count()
}
