//! `bench write|read` and `bench cleanup`: the bench generator (`crate::bench`) run from the
//! flags against the runbook's performance targets, and the runs left behind deleted.

use chrono::Utc;
use serde::Serialize;

use super::data_schema::shape;
use super::registry::{Kind, Leaf, Limit, Production, plus};
use crate::aws::table as ddb;
use crate::bench::events::{self, Mode};
use crate::bench::load::{self, Load, Tally};
use crate::bench::runs;
use crate::checks::bench::{LatencyMs, Targets};
use crate::cli::{BenchArgs, BenchCleanupArgs, BenchCommand, Command};
use crate::context::Context;
use crate::report::{CheckId, Finding, Report, Section};
use crate::safety;
use crate::spec::targets::{READ_LATENCY, READ_THROUGHPUT, WRITE_LATENCY, WRITE_THROUGHPUT};

/// Bench events reach the table's stream consumers: production needs `--yes`.
pub(crate) static WRITE: Leaf<BenchArgs> = Leaf::new(
    "bench write",
    Kind::Check,
    |c| match c {
        Command::Bench(BenchCommand::Write(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(run(ctx, Mode::Write, a).await?.into()) }),
)
.limit(Limit::By(|a| plus(a.duration, 5)))
.production(Production::NeedsYes { with: &[] })
.data(shape::<BenchData<'static>>);

/// The read bench seeds events of its own: production needs `--yes`.
pub(crate) static READ: Leaf<BenchArgs> = Leaf::new(
    "bench read",
    Kind::Check,
    |c| match c {
        Command::Bench(BenchCommand::Read(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(run(ctx, Mode::Read, a).await?.into()) }),
)
.limit(Limit::By(|a| plus(a.duration, 5)))
.production(Production::NeedsYes { with: &[] })
.data(shape::<BenchData<'static>>);

pub(crate) static CLEANUP: Leaf<BenchCleanupArgs> = Leaf::new(
    "bench cleanup",
    Kind::Action,
    |c| match c {
        Command::Bench(BenchCommand::Cleanup(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(cleanup_runs(ctx, a).await?.into()) }),
)
.limit(Limit::Minutes(30))
.production(Production::NeedsYes { with: &[] })
.data(shape::<CleanupData>);

/// The `data` of `bench write|read` (docs/json.md).
#[derive(Debug, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Serialize, schemars::JsonSchema)]
struct CleanupData {
    runs: usize,
    events: usize,
    deleted: usize,
    not_deleted: usize,
    dry_run: bool,
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

/// The run's events after it: deleted (`Some(not deleted)`) unless kept (`None`).
struct Cleanup {
    events: usize,
    not_deleted: Option<usize>,
}

impl Cleanup {
    fn deleted(&self) -> usize {
        self.not_deleted.map_or(0, |n| self.events - n)
    }
}

pub async fn run(ctx: &Context, mode: Mode, args: &BenchArgs) -> anyhow::Result<Report> {
    let name = format!("bench {}", mode.name());
    // Bench writes synthetic events (the read bench seeds some) that stream consumers receive.
    safety::guard_write(&ctx.names, &name, args.yes, false)?;
    let run_id = format!("{:x}", Utc::now().timestamp_millis());
    let client = ctx.dynamodb().await?.clone();
    let table = ctx.table().to_owned();
    match ddb::describe(&client, &table).await {
        Ok(Some(_)) => {}
        Ok(None) => return Ok(not_started(&name, format!("table {table} does not exist"))),
        Err(e) => return Ok(not_started(&name, e.to_string())),
    }
    let marker = events::run_marker(&run_id, mode, args.users, args.duration, Utc::now())?;
    crate::events::writer::put_event(&client, &table, &marker)
        .await
        .map_err(|e| anyhow::anyhow!("cannot register the bench run: {e}"))?;
    let bulk = ctx.dynamodb_bulk().await?;
    let mut keys = match mode {
        Mode::Read => runs::seed(bulk, &table, &run_id, args.users, 10).await?,
        Mode::Write => Vec::new(),
    };
    let load = Load {
        mode,
        rate: args.rate,
        duration: args.duration,
        users: args.users,
        max_in_flight: args.max_in_flight,
    };
    let total = load::Schedule::of(args.rate, args.duration).total;
    let progress = ctx.progress().bar(Some(total), name.clone());
    let mut tally = load::run(
        &client,
        &table,
        &run_id,
        &load,
        progress.clone(),
        super::interrupted(),
    )
    .await;
    progress.finish_and_clear();
    keys.append(&mut tally.written);
    let cleanup = Cleanup {
        events: keys.len(),
        not_deleted: if args.keep {
            None
        } else {
            let left = runs::delete(bulk, &table, keys).await;
            if left == 0 {
                // The run is gone: its marker goes too.
                let _ = crate::events::writer::delete_item(&client, &table, marker.key()).await;
            }
            Some(left)
        },
    };
    run_report(&name, mode, args, &run_id, &tally, &cleanup)
}

/// What the run measured, judged against the targets of its mode, with how it ended.
fn run_report(
    name: &str,
    mode: Mode,
    args: &BenchArgs,
    run_id: &str,
    tally: &Tally,
    cleanup: &Cleanup,
) -> anyhow::Result<Report> {
    let measured = tally.measured(args.rate);
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
    if let Some(after) = tally.interrupted_after {
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
    report.section(run_section(args, run_id, tally.scheduled, cleanup));
    report.set_data(&BenchData {
        run_id,
        interrupted: tally.interrupted_after.is_some(),
        deleted: cleanup.deleted(),
        not_deleted: cleanup.not_deleted.unwrap_or(0),
        latency_ms: measured.latency,
        achieved_rate: measured.achieved_rate,
        asked_rate: measured.asked_rate,
        ok: measured.ok,
        throttled: measured.throttled,
        errors: measured.errors,
        dropped: measured.dropped,
        cpu_us_per_request: measured.cpu_us_per_request,
        cleaned_up: !args.keep,
    })?;
    report.note("Latency is measured client-side from each request's scheduled time; the runbook's targets are DynamoDB's server-side SuccessfulRequestLatency (diagnose latency).");
    Ok(report)
}

fn run_section(args: &BenchArgs, run_id: &str, scheduled: u64, cleanup: &Cleanup) -> Section {
    let cleaned = match cleanup.not_deleted {
        None => "kept (ttl 1 h)".to_owned(),
        Some(left) => format!(
            "deleted {} bench events, {left} left{}",
            cleanup.deleted(),
            if left > 0 {
                format!(" (eventsctl bench cleanup --run {run_id} --yes deletes them)")
            } else {
                String::new()
            }
        ),
    };
    Section::pairs(
        "Run",
        vec![
            (
                "users",
                format!("{} ({}*)", args.users, events::user_prefix(run_id)),
            ),
            (
                "requests",
                format!(
                    "{scheduled} scheduled over {}",
                    crate::times::human(args.duration)
                ),
            ),
            ("cleanup", cleaned),
        ],
    )
}

/// `bench cleanup`: finds bench runs by their markers and deletes their events (a Query per bench
/// user, never a Scan), then the markers. Without `--yes` it only counts.
pub(crate) async fn cleanup_runs(ctx: &Context, args: &BenchCleanupArgs) -> anyhow::Result<Report> {
    let really = args.yes && !args.dry_run;
    safety::guard_write(&ctx.names, "bench cleanup", args.yes, !really)?;
    let client = ctx.dynamodb().await?;
    let table = ctx.table();
    let found_runs = runs::find(client, table).await?;
    let (selected, skipped) = runs::select(
        &found_runs,
        args.run.as_deref(),
        Utc::now() - args.older_than,
    );
    let mut rows = Vec::new();
    let (mut found, mut deleted, mut left) = (0usize, 0usize, 0usize);
    for run in &selected {
        let keys = runs::keys_of(client, table, run).await?;
        let events = keys.len();
        found += events;
        let not_deleted = if really {
            let bulk = ctx.dynamodb_bulk().await?;
            let n = runs::delete(bulk, table, keys).await;
            if n == 0 {
                runs::delete(bulk, table, vec![run.marker.clone()]).await;
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
    report.set_data(&CleanupData {
        runs: selected.len() + skipped,
        events: found,
        deleted: if really { deleted } else { 0 },
        not_deleted: left,
        dry_run: !really,
    })?;
    Ok(report)
}
