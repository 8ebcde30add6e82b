//! `check-ttl --repair` (beyond the runbook): gives the items TTL never deletes a Number `ttl`
//! in epoch seconds (which value, and which items are left alone: `checks::ttl_repair`).
//!
//! Each write is an UpdateItem with a condition that the item is as it was read (same `ttl`,
//! same `timestamp`, still there), at `--rate` writes a second, through the full scan's
//! machinery (read rate, budget, checkpoint and `--resume`; a page counts as read only after its
//! writes). A ttl is never shortened, and never set already past, unless the class is named
//! (`--classes too_far`, `--expire-now CLASS`). `--dry-run` counts, class by class, what it
//! would rewrite and how many items would expire at once; production needs `--yes`.
//! <https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html>

use chrono::Utc;
use futures::StreamExt;
use serde::Serialize;

use super::ttl::scan_flags;
use crate::aws::items::TtlRewrite;
use crate::checks::ttl::{TtlTally, gather_meta};
use crate::checks::ttl_repair::{
    Fix, KEPT, RepairCounts, RepairRun, RepairState, Selection, Step, class_section, finding, plan,
};
use crate::cli::CheckTtlArgs;
use crate::context::Context;
use crate::error::UsageError;
use crate::events::writer::RateLimiter;
use crate::report::{CheckId, Finding, Report, Section};
use crate::scale::fullscan::{Stopped, run_with};
use crate::spec::{PARTITION_KEY, TTL_ATTRIBUTE};
use crate::ttl_scan::{self, ScanSetup};

const COMMAND: &str = "check-ttl --repair";

/// The fix written if the item is unchanged since it was read (`aws::items::rewrite_ttl`).
/// `Ok(false)`: it changed since, nothing written.
async fn write_fix(
    client: &aws_sdk_dynamodb::Client,
    table: &str,
    fix: &Fix,
) -> Result<bool, crate::aws::AwsError> {
    let rewrite = TtlRewrite {
        key: fix.key.clone(),
        new_ttl: fix.new_ttl,
        old_ttl: fix.old_ttl.as_ref(),
        old_timestamp: fix.old_timestamp.as_ref(),
        partition_key: PARTITION_KEY,
        ttl_attribute: TTL_ATTRIBUTE,
        timestamp_attribute: "timestamp",
    };
    crate::aws::items::rewrite_ttl(client, table, rewrite).await
}

/// The flags and the state file, before any AWS call: what to repair (a resume goes on as it
/// began), where the state goes.
fn prepare(
    args: &CheckTtlArgs,
    table: &str,
    now: i64,
) -> Result<
    (
        Option<crate::scale::fullscan::Checkpoint<RepairState>>,
        Selection,
        std::path::PathBuf,
    ),
    UsageError,
> {
    let flags = scan_flags(args);
    let resumed = ttl_scan::load_state::<RepairState>(&flags, COMMAND, table, "--repair --resume")?;
    let selection = match (&resumed, &args.resume) {
        (Some(cp), Some(file)) => Selection::for_resume(
            &cp.state.repair.selection,
            &args.classes,
            &args.expire_now,
            file,
        ),
        _ => Selection::from_flags(&args.classes, &args.expire_now),
    }
    .map_err(UsageError::new)?;
    let state_file = ttl_scan::state_file(&flags, table, now, crate::files::state_dir)?;
    Ok((resumed, selection, state_file))
}

/// The writes of one page's fixes, `--rate` a second, 8 at a time, counted into `r`.
async fn write_all(
    client: &aws_sdk_dynamodb::Client,
    table: &str,
    limiter: &RateLimiter,
    fixes: &[Fix],
    r: &mut RepairCounts,
) {
    let results: Vec<_> = futures::stream::iter(fixes.iter())
        .map(|fix| async {
            limiter.acquire(1).await;
            write_fix(client, table, fix).await
        })
        .buffer_unordered(8)
        .collect()
        .await;
    for result in results {
        match result {
            Ok(true) => r.repaired += 1,
            Ok(false) => r.skipped_changed += 1,
            Err(e) => {
                r.failed += 1;
                if r.errors.len() < KEPT {
                    r.errors.push(e.to_string());
                }
            }
        }
    }
}

pub(crate) async fn repair(ctx: &Context, args: &CheckTtlArgs) -> anyhow::Result<Report> {
    crate::safety::guard_write(&ctx.names, COMMAND, args.yes, args.dry_run)?;
    let now = Utc::now().timestamp();
    let (resumed, selection, state_file) = prepare(args, ctx.table(), now)?;
    let meta = gather_meta(
        ctx.dynamodb().await?,
        ctx.cloudwatch().await?,
        ctx.table(),
        Utc::now(),
    )
    .await;
    let mut report = Report::action("check-ttl");
    if !meta.table_exists {
        report.push(Finding::unknown(
            CheckId::TtlRepair,
            format!("table {} does not exist", ctx.table()),
        ));
        report.failed = true;
        return Ok(report);
    }
    let flags = scan_flags(args);
    ttl_scan::check_created(resumed.as_ref(), meta.created, flags.resume)?;
    let segments = ttl_scan::segments(&flags, resumed.as_ref(), meta.bytes);
    let mut setup = ttl_scan::setup(
        ctx.table(),
        COMMAND,
        &flags,
        resumed,
        segments,
        now,
        state_file,
    );
    // The selection is part of the state from the start: a resume repairs the same classes.
    setup.checkpoint.state.repair.selection = selection.clone();
    ttl_scan::claim_state_file(&setup)?;
    let ScanSetup {
        scan,
        checkpoint: cp,
        state_file,
        resumed: was_resumed,
    } = setup;
    // Classes are judged against the time the repair started, also on a resume (as the tally
    // is); "already past" against the clock when the page is planned.
    let reference = cp.reference_time;
    let client = ctx.dynamodb_bulk().await?;
    let table = ctx.table().to_owned();
    let limiter = RateLimiter::new(args.rate);
    let dry_run = args.dry_run;
    let bar = ctx.progress().bar(
        meta.approx_items.filter(|n| *n > 0).map(|n| n as u64),
        format!(
            "{}; state in {}",
            if dry_run {
                "reading (dry run)"
            } else {
                "repairing"
            },
            state_file.display()
        ),
    );
    let run = run_with(
        client,
        &scan,
        cp,
        |state: &mut RepairState, item| {
            state.tally.add(item, reference, args.grace.num_seconds());
        },
        async |state: &mut RepairState, items: &[crate::events::model::Item]| {
            let page_now = Utc::now().timestamp();
            let mut fixes = Vec::new();
            for item in items {
                let step = plan(item, reference, page_now, &selection);
                state.repair.count(&step, item);
                if let Step::Write { fix, .. } = step {
                    fixes.push(fix);
                }
            }
            if !dry_run {
                write_all(client, &table, &limiter, &fixes, &mut state.repair).await;
            }
        },
        super::interrupted(),
        &|n| bar.inc(n),
    )
    .await;
    bar.finish_and_clear();
    let finished = run.finish(&state_file);
    let data = RepairOutcome {
        dry_run,
        counts: &run.checkpoint.state.repair,
        items_read: run.checkpoint.items,
        read_units: run.checkpoint.read_units,
        stopped: run.stopped,
        failed_segments: &run.failed,
        resumed: was_resumed,
        state_file: (!finished).then(|| state_file.display().to_string()),
    };
    fill(&mut report, data, &run.checkpoint.state.tally)?;
    Ok(report)
}

/// The repair's finding, sections and data, from what the run did.
fn fill(report: &mut Report, o: RepairOutcome, tally: &TtlTally) -> anyhow::Result<()> {
    let r = o.counts;
    let incomplete = o.state_file.as_ref().map(|file| {
        let why = match (o.stopped, o.failed_segments.first()) {
            (Some(s), _) => format!("{s:?}").to_lowercase(),
            (None, Some((seg, e))) => format!("segment {seg}: {e}"),
            (None, None) => "unknown".to_owned(),
        };
        (why, format!("eventsctl check-ttl --repair --resume {file}"))
    });
    report.failed = r.failed > 0 || incomplete.is_some();
    report.push(finding(&RepairRun {
        counts: r,
        dry_run: o.dry_run,
        items_read: o.items_read,
        incomplete,
    }));
    report.section(class_section(r, o.dry_run));
    report.section(totals_section(r, o.dry_run));
    if o.dry_run {
        report.note("Nothing was written (--dry-run). Without it, each item is rewritten only if it is still as it was read.");
    }
    report.set_data(&RepairData { repair: o, tally })?;
    Ok(())
}

fn totals_section(r: &RepairCounts, dry_run: bool) -> Section {
    Section::pairs(
        if dry_run {
            "Repair (dry run, nothing written)"
        } else {
            "Repair"
        },
        vec![
            ("classes rewritten", r.selection.flags()),
            ("candidates", r.candidates.to_string()),
            (
                if dry_run {
                    "would rewrite"
                } else {
                    "to rewrite"
                },
                r.planned.to_string(),
            ),
            ("rewritten", r.repaired.to_string()),
            (
                "given a ttl already past (--expire-now)",
                r.expire_at_once.to_string(),
            ),
            (
                "left: would expire at once",
                r.held_would_expire.to_string(),
            ),
            ("left: changed since read", r.skipped_changed.to_string()),
            ("left: no event time", r.skipped_no_timestamp.to_string()),
            ("failed", r.failed.to_string()),
            ("examples", r.examples.join("; ")),
        ],
    )
}

/// `check-ttl --repair`'s `data`: what the repair did and the tally of what it read.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct RepairData<'a> {
    repair: RepairOutcome<'a>,
    tally: &'a TtlTally,
}

#[derive(Serialize, schemars::JsonSchema)]
struct RepairOutcome<'a> {
    dry_run: bool,
    #[serde(flatten)]
    counts: &'a RepairCounts,
    items_read: u64,
    read_units: f64,
    stopped: Option<Stopped>,
    failed_segments: &'a [(i32, String)],
    resumed: bool,
    /// Where to resume from, while the scan is not finished.
    state_file: Option<String>,
}
