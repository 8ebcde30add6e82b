//! `bench write|read`: open-loop load at a fixed rate through the core. Each request is sent at
//! its scheduled time whatever the latency of the others, and its latency is measured from that
//! time, so a slow server shows as latency instead of as a lower request rate (no coordinated
//! omission). Latencies go into an HDR histogram.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::Utc;
use hdrhistogram::Histogram;
use serde_json::json;
use tokio::sync::{Mutex, Semaphore};

use crate::aws::AwsError;
use crate::cli::BenchArgs;
use crate::context::Context;
use crate::events::keys::Access;
use crate::events::model::{Defaults, Event, EventInput};
use crate::events::query::{QuerySpec, query};
use crate::events::writer::{
    BATCH_SIZE, DeleteKey, Pending, PutError, RetryPolicy, WriteStats, put_event, write_batch,
};
use crate::report::{Finding, Report, Section};
use crate::spec::targets::{
    LatencyTargets, READ_LATENCY, READ_THROUGHPUT, WRITE_LATENCY, WRITE_THROUGHPUT,
};

/// The client CPU budget per event the tool is held to (10,000 events/s per core).
pub const CPU_BUDGET_US: f64 = 100.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Read,
}

/// User and system CPU time of this process, in microseconds.
fn cpu_micros() -> u64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a rusage into the pointer it is given; RUSAGE_SELF is valid.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) };
    if rc != 0 {
        return 0;
    }
    // SAFETY: getrusage returned 0, so the struct is initialised.
    let u = unsafe { usage.assume_init() };
    let t = |tv: libc::timeval| tv.tv_sec as u64 * 1_000_000 + tv.tv_usec as u64;
    t(u.ru_utime) + t(u.ru_stime)
}

fn bench_event(run: &str, user: u32, n: u64) -> Result<Event, crate::events::model::Invalid> {
    let now = Utc::now();
    EventInput {
        user_id: format!("eventsctl-bench-{run}-{user}"),
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
            batch.push(Pending {
                line: 0,
                item: event.to_checked_item()?,
                event,
            });
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

pub async fn run(ctx: &Context, mode: Mode, args: &BenchArgs) -> anyhow::Result<Report> {
    let run_id = format!("{:x}", Utc::now().timestamp_millis());
    let users = args.users;
    let client = ctx.dynamodb().await?.clone();
    let table = ctx.table().to_owned();
    let mut keys = match mode {
        Mode::Read => seed(ctx, &run_id, users, 10).await?,
        Mode::Write => Vec::new(),
    };
    let total = (args.rate * args.duration.num_milliseconds() as f64 / 1000.0).round() as u64;
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
    for i in 0..total {
        let scheduled = started + interval.mul_f64(i as f64);
        tokio::time::sleep_until(scheduled.into()).await;
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
            let result: Result<(), AwsError> = match mode {
                Mode::Write => match bench_event(&run_id, user, i) {
                    Ok(event) => {
                        let key = DeleteKey {
                            user_id: event.user_id.clone(),
                            sort_key: event.sort_key(),
                        };
                        match put_event(&client, &table, &event).await {
                            Ok(()) => {
                                written.lock().await.push(key);
                                Ok(())
                            }
                            Err(PutError::Aws(e)) => Err(e),
                            Err(e) => Err(AwsError::local(
                                crate::aws::AwsErrorKind::Invalid,
                                "dynamodb",
                                "PutItem",
                                None,
                                e.to_string(),
                            )),
                        }
                    }
                    Err(e) => Err(AwsError::local(
                        crate::aws::AwsErrorKind::Invalid,
                        "dynamodb",
                        "PutItem",
                        None,
                        e.0,
                    )),
                },
                Mode::Read => {
                    let mut spec = QuerySpec::new(
                        format!("eventsctl-bench-{run_id}-{user}"),
                        Access::Table,
                        Utc::now().timestamp(),
                    );
                    spec.limit = Some(10);
                    spec.descending = true;
                    query(&client, &table, &spec, |_| Ok(true))
                        .await
                        .map(|_| ())
                        .map_err(|e| match e {
                            crate::events::query::QueryError::Aws(e) => e,
                            crate::events::query::QueryError::Sink(e) => AwsError::local(
                                crate::aws::AwsErrorKind::Other,
                                "dynamodb",
                                "Query",
                                None,
                                e.to_string(),
                            ),
                        })
                }
            };
            let micros = scheduled.elapsed().as_micros() as u64;
            match result {
                Ok(()) => {
                    counters.ok.fetch_add(1, Ordering::Relaxed);
                    let _ = hist.lock().await.record(micros.max(1));
                }
                Err(e) if e.is_throttled() => {
                    counters.throttled.fetch_add(1, Ordering::Relaxed);
                }
                Err(_) => {
                    counters.errors.fetch_add(1, Ordering::Relaxed);
                }
            }
            progress.inc(1);
            drop(permit);
        });
        // Reap finished tasks as we go so the set stays small.
        while tasks.try_join_next().is_some() {}
    }
    while tasks.join_next().await.is_some() {}
    let elapsed = started.elapsed();
    let cpu = cpu_micros().saturating_sub(cpu_before);
    progress.finish_and_clear();

    keys.extend(written.lock().await.drain(..));
    let not_deleted = if args.keep {
        0
    } else {
        cleanup(ctx, keys.clone()).await?
    };
    let hist = hist.lock().await;
    let c = &counters;
    let ok = c.ok.load(Ordering::Relaxed);
    let (throttled, errors, dropped) = (
        c.throttled.load(Ordering::Relaxed),
        c.errors.load(Ordering::Relaxed),
        c.dropped.load(Ordering::Relaxed),
    );
    let achieved = ok as f64 / elapsed.as_secs_f64();
    let cpu_per = cpu as f64 / (ok + throttled + errors).max(1) as f64;
    let ms = |q: f64| hist.value_at_quantile(q) as f64 / 1000.0;
    let (p50, p95, p99, max) = (ms(0.5), ms(0.95), ms(0.99), hist.max() as f64 / 1000.0);

    let (name, targets, throughput): (&str, LatencyTargets, f64) = match mode {
        Mode::Write => ("bench write", WRITE_LATENCY, WRITE_THROUGHPUT),
        Mode::Read => ("bench read", READ_LATENCY, READ_THROUGHPUT),
    };
    let mut report = Report::check(name);
    report.push(
        if achieved >= 0.95 * args.rate {
            Finding::ok("bench.rate", format!("{achieved:.0} requests/s achieved of {:.0} asked", args.rate))
        } else {
            Finding::warn("bench.rate", format!("{achieved:.0} requests/s achieved of {:.0} asked ({dropped} dropped at the in-flight cap)", args.rate))
        }
        .evidence(json!({"asked": args.rate, "achieved": achieved, "ok": ok, "dropped": dropped}))
        .runbook("Performance Targets: throughput"),
    );
    report.push(
        if args.rate < throughput {
            Finding::ok("bench.target_rate", format!("asked {:.0}/s; the runbook's target is {throughput:.0}/s sustained (run with --rate {throughput:.0} to test it)", args.rate))
        } else if achieved >= throughput {
            Finding::ok("bench.target_rate", format!("{achieved:.0}/s sustained: meets the runbook's {throughput:.0}/s"))
        } else {
            Finding::warn("bench.target_rate", format!("{achieved:.0}/s: below the runbook's {throughput:.0}/s"))
        }
        .runbook("Performance Targets"),
    );
    let over: Vec<String> = [
        ("p50", p50, targets.p50),
        ("p95", p95, targets.p95),
        ("p99", p99, targets.p99),
    ]
    .iter()
    .filter(|(_, v, t)| v > t)
    .map(|(s, v, t)| format!("{s} {v:.1} > {t}"))
    .collect();
    let lat = format!(
        "client-side p50 {p50:.1} / p95 {p95:.1} / p99 {p99:.1} / max {max:.1} ms (targets {}/{}/{}, server-side)",
        targets.p50, targets.p95, targets.p99
    );
    report.push(
        if over.is_empty() { Finding::ok("bench.latency", lat) } else { Finding::warn("bench.latency", format!("{lat}: over ({})", over.join(", "))) }
            .evidence(json!({"p50_ms": p50, "p95_ms": p95, "p99_ms": p99, "max_ms": max, "samples": hist.len()}))
            .runbook("Performance Targets: latency"),
    );
    let failed = throttled + errors;
    report.push(
        if failed == 0 {
            Finding::ok("bench.errors", "no throttles, no errors")
        } else if (failed as f64) < 0.01 * (ok + failed) as f64 {
            Finding::warn(
                "bench.errors",
                format!("{throttled} throttled, {errors} errors (under 1%)"),
            )
        } else {
            Finding::crit(
                "bench.errors",
                format!("{throttled} throttled, {errors} errors (1% or more)"),
            )
        }
        .evidence(json!({"throttled": throttled, "errors": errors})),
    );
    report.push(
        if cpu_per <= CPU_BUDGET_US {
            Finding::ok("bench.cpu", format!("{cpu_per:.0} µs of client CPU per request (budget {CPU_BUDGET_US:.0})"))
        } else {
            Finding::warn("bench.cpu", format!("{cpu_per:.0} µs of client CPU per request: over the {CPU_BUDGET_US:.0} µs budget"))
        }
        .evidence(json!({"cpu_us_total": cpu, "cpu_us_per_request": cpu_per})),
    );
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
                        "deleted {} bench events, {not_deleted} left",
                        keys.len() - not_deleted
                    )
                },
            ),
        ],
    ));
    report.set("run_id", &run_id);
    report.set(
        "latency_ms",
        json!({"p50": p50, "p95": p95, "p99": p99, "max": max}),
    );
    report.set("achieved_rate", achieved);
    report.set("asked_rate", args.rate);
    report.set("ok", ok);
    report.set("throttled", throttled);
    report.set("errors", errors);
    report.set("dropped", dropped);
    report.set("cpu_us_per_request", cpu_per);
    report.set("cleaned_up", !args.keep);
    report.note("Latency is measured client-side from each request's scheduled time; the runbook's targets are DynamoDB's server-side SuccessfulRequestLatency (diagnose latency).");
    Ok(report)
}
