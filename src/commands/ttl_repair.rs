//! `check-ttl --repair` (beyond the runbook): rewrites the `ttl` of each item TTL will never
//! delete (missing, a string, milliseconds, far in the future) to the runbook's value, the
//! event's timestamp + 30 days in epoch seconds, a Number.
//!
//! Each write is an UpdateItem with a condition that the item is as it was read (same `ttl`,
//! same `timestamp`, still there), at `--rate` writes a second, through the full scan's
//! machinery (read rate, budget, checkpoint and `--resume`; a page counts as read only after its
//! writes). `--dry-run` counts what it would rewrite; production needs `--yes`.
//! https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html

use crate::report::CheckId;
use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use chrono::Utc;
use futures::StreamExt;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::ttl::{ScanSetup, scan_setup};
use crate::aws::AwsResultExt;
use crate::aws::error::table_resource;
use crate::checks::ttl::{TtlClass, TtlTally, classify, event_time, gather_meta, key_text};
use crate::cli::CheckTtlArgs;
use crate::context::Context;
use crate::events::writer::RateLimiter;
use crate::report::{Finding, Report, Section};
use crate::scale::fullscan::{Stopped, run_with};
use crate::spec::{PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE, TTL_DAYS};

const COMMAND: &str = "check-ttl --repair";
const ERRORS_KEPT: usize = 5;

/// What the repair did so far; kept in the state file with the tally, so a resume counts on.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub(crate) struct RepairCounts {
    /// Items whose `ttl` TTL would never act on (missing, not a Number, milliseconds, too far).
    pub candidates: u64,
    pub repaired: u64,
    /// The condition failed: the item changed (or went) between the read and the write.
    pub skipped_changed: u64,
    /// No event time to compute the value from (no `timestamp`, no time in the sort key).
    pub skipped_no_timestamp: u64,
    pub failed: u64,
    pub errors: Vec<String>,
    /// Examples of what would be (or was) written: `key: old -> new`.
    pub examples: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub(crate) struct RepairState {
    pub tally: TtlTally,
    pub repair: RepairCounts,
}

/// The write one item needs: its key, the `ttl` as read (`None`: missing), the `timestamp` as
/// read, and the new value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fix {
    pub key: HashMap<String, AttributeValue>,
    pub old_ttl: Option<AttributeValue>,
    pub old_timestamp: Option<AttributeValue>,
    pub new_ttl: i64,
}

/// Whether an item needs a new `ttl`, and which: `Ok(None)` it is fine, `Err(())` it needs one
/// but has no event time to compute it from.
#[allow(clippy::result_unit_err)]
pub(crate) fn plan(item: &HashMap<String, AttributeValue>, now: i64) -> Result<Option<Fix>, ()> {
    let (class, _) = classify(item, now, 0);
    if !matches!(
        class,
        TtlClass::Missing | TtlClass::NotNumber | TtlClass::Milliseconds | TtlClass::TooFar
    ) {
        return Ok(None);
    }
    let Some(t) = event_time(item) else {
        return Err(());
    };
    let key = [PARTITION_KEY, SORT_KEY]
        .iter()
        .filter_map(|k| item.get(*k).map(|v| ((*k).to_owned(), v.clone())))
        .collect();
    Ok(Some(Fix {
        key,
        old_ttl: item.get(TTL_ATTRIBUTE).cloned(),
        old_timestamp: item.get("timestamp").cloned(),
        new_ttl: t + TTL_DAYS * 86_400,
    }))
}

fn show(v: &Option<AttributeValue>) -> String {
    match v {
        None => "missing".to_owned(),
        Some(AttributeValue::N(n)) => n.clone(),
        Some(AttributeValue::S(s)) => format!("\"{s}\""),
        Some(other) => format!("{other:?}").chars().take(40).collect(),
    }
}

/// UpdateItem `SET #ttl = :new` if the item is still there with the `ttl` and `timestamp` that
/// were read. `Ok(false)`: it changed since (ConditionalCheckFailed), nothing written.
async fn write_fix(
    client: &aws_sdk_dynamodb::Client,
    table: &str,
    fix: &Fix,
) -> Result<bool, crate::aws::AwsError> {
    let mut conditions = vec!["attribute_exists(#pk)".to_owned()];
    let mut req = client
        .update_item()
        .table_name(table)
        .set_key(Some(fix.key.clone()))
        .update_expression("SET #ttl = :new")
        // `ttl` and `timestamp` are reserved words: aliased.
        .expression_attribute_names("#pk", PARTITION_KEY)
        .expression_attribute_names("#ttl", TTL_ATTRIBUTE)
        .expression_attribute_values(":new", AttributeValue::N(fix.new_ttl.to_string()));
    match &fix.old_ttl {
        None => conditions.push("attribute_not_exists(#ttl)".into()),
        Some(v) => {
            conditions.push("#ttl = :old".into());
            req = req.expression_attribute_values(":old", v.clone());
        }
    }
    match &fix.old_timestamp {
        None => {}
        Some(v) => {
            conditions.push("#ts = :ts".into());
            req = req
                .expression_attribute_names("#ts", "timestamp")
                .expression_attribute_values(":ts", v.clone());
        }
    }
    let result = req
        .condition_expression(conditions.join(" AND "))
        .send()
        .await
        .aws("dynamodb", "UpdateItem", table_resource(table));
    match result {
        Ok(_) => Ok(true),
        Err(e) if e.code.as_deref() == Some("ConditionalCheckFailedException") => Ok(false),
        Err(e) => Err(e),
    }
}

pub(crate) async fn repair(ctx: &Context, args: &CheckTtlArgs) -> anyhow::Result<Report> {
    crate::safety::guard_write(&ctx.names, COMMAND, args.yes, args.dry_run)?;
    let resumed =
        super::ttl::state_files::<RepairState>(args, COMMAND, ctx.table(), "--repair --resume")?;
    let now = Utc::now().timestamp();
    let meta = gather_meta(ctx, Utc::now()).await?;
    let mut report = Report::action("check-ttl");
    if !meta.table_exists {
        report.push(Finding::unknown(
            CheckId::TtlRepair,
            format!("table {} does not exist", ctx.table()),
        ));
        report.failed = true;
        return Ok(report);
    }
    let segments = super::ttl::scan_segments(args, resumed.as_ref(), meta.bytes);
    let ScanSetup {
        scan,
        checkpoint: cp,
        state_file,
        resumed: was_resumed,
    } = scan_setup(ctx.table(), COMMAND, args, resumed, segments, now);
    // The value is computed against the time the repair started, also on a resume.
    let reference = cp.reference_time;
    let client = ctx.dynamodb_bulk().await?;
    let table = ctx.table().to_owned();
    let limiter = RateLimiter::new(args.rate);
    let dry_run = args.dry_run;
    let bar = ctx.progress().bar(
        meta.approx_items.filter(|n| *n > 0).map(|n| n as u64),
        if dry_run {
            "reading (dry run)"
        } else {
            "repairing"
        }
        .to_owned(),
    );
    let run = run_with(
        client,
        &scan,
        cp,
        |state: &mut RepairState, item| {
            state.tally.add(item, reference, args.grace.num_seconds());
        },
        async |state: &mut RepairState, items: &[crate::events::scan::Item]| {
            let mut fixes = Vec::new();
            for item in items {
                match plan(item, reference) {
                    Ok(None) => {}
                    Ok(Some(fix)) => {
                        state.repair.candidates += 1;
                        if state.repair.examples.len() < ERRORS_KEPT {
                            state.repair.examples.push(format!(
                                "{}: {} -> {}",
                                key_text(item),
                                show(&fix.old_ttl),
                                fix.new_ttl
                            ));
                        }
                        fixes.push(fix);
                    }
                    Err(()) => {
                        state.repair.candidates += 1;
                        state.repair.skipped_no_timestamp += 1;
                    }
                }
            }
            if dry_run {
                return;
            }
            let results: Vec<_> = futures::stream::iter(fixes.iter())
                .map(|fix| async {
                    limiter.acquire(1).await;
                    write_fix(client, &table, fix).await
                })
                .buffer_unordered(8)
                .collect()
                .await;
            for r in results {
                match r {
                    Ok(true) => state.repair.repaired += 1,
                    Ok(false) => state.repair.skipped_changed += 1,
                    Err(e) => {
                        state.repair.failed += 1;
                        if state.repair.errors.len() < ERRORS_KEPT {
                            state.repair.errors.push(e.to_string());
                        }
                    }
                }
            }
        },
        super::interrupted(),
        &|n| bar.inc(n),
    )
    .await;
    bar.finish_and_clear();
    let finished = run.finish(&state_file);
    let r = &run.checkpoint.state.repair;
    let incomplete = !finished;
    report.failed = r.failed > 0 || incomplete;
    let verb = if dry_run { "would rewrite" } else { "rewrote" };
    let status = if r.failed > 0 || incomplete {
        crate::report::Status::Warn
    } else {
        crate::report::Status::Ok
    };
    let mut f = Finding::new(
        CheckId::TtlRepair,
        status,
        format!(
            "{verb} {} of {} whose ttl TTL never acts on (read {}){}{}{}",
            if dry_run {
                r.candidates - r.skipped_no_timestamp
            } else {
                r.repaired
            },
            crate::output::plural(r.candidates, "item", "items"),
            crate::output::plural(run.checkpoint.items, "item", "items"),
            if r.skipped_changed > 0 {
                format!(
                    "; {} changed since read, left as they are",
                    r.skipped_changed
                )
            } else {
                String::new()
            },
            if r.skipped_no_timestamp > 0 {
                format!("; {} without an event time, left", r.skipped_no_timestamp)
            } else {
                String::new()
            },
            if r.failed > 0 {
                format!("; {} failed", r.failed)
            } else {
                String::new()
            },
        ),
    )
    .evidence(json!(r))
    .runbook("Issue 2: TTL Not Deleting Expired Events (beyond the runbook: repair)");
    if incomplete {
        f = f.remedy(format!(
            "the scan stopped before the end ({}): continue with `eventsctl check-ttl --repair --resume {}`",
            match (run.stopped, run.failed.first()) {
                (Some(s), _) => format!("{s:?}").to_lowercase(),
                (None, Some((seg, e))) => format!("segment {seg}: {e}"),
                (None, None) => "unknown".to_owned(),
            },
            state_file.display()
        ));
    } else if r.failed > 0 {
        f = f.remedy(
            "run `eventsctl check-ttl --repair` again: it rewrites only what is still wrong",
        );
    }
    report.push(f);
    report.section(Section::pairs(
        if dry_run {
            "Repair (dry run, nothing written)"
        } else {
            "Repair"
        },
        vec![
            ("candidates", r.candidates.to_string()),
            ("repaired", r.repaired.to_string()),
            (
                "skipped (changed since read)",
                r.skipped_changed.to_string(),
            ),
            (
                "skipped (no event time)",
                r.skipped_no_timestamp.to_string(),
            ),
            ("failed", r.failed.to_string()),
            ("examples", r.examples.join("; ")),
        ],
    ));
    report.set_data(&RepairData {
        repair: RepairOutcome {
            dry_run,
            counts: r,
            items_read: run.checkpoint.items,
            read_units: run.checkpoint.read_units,
            stopped: run.stopped,
            failed_segments: &run.failed,
            resumed: was_resumed,
            state_file: (!finished).then(|| state_file.display().to_string()),
        },
        tally: &run.checkpoint.state.tally,
    })?;
    if dry_run {
        report.note("Nothing was written (--dry-run). Without it, each item is rewritten only if it is still as it was read.");
    }
    Ok(report)
}

/// `check-ttl --repair`'s `data`: what the repair did and the tally of what it read.
#[derive(Serialize)]
struct RepairData<'a> {
    repair: RepairOutcome<'a>,
    tally: &'a TtlTally,
}

#[derive(Serialize)]
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

#[cfg(test)]
mod tests {
    use super::*;

    fn item(ttl: Option<AttributeValue>, ts: Option<&str>) -> HashMap<String, AttributeValue> {
        let sk_time = ts.unwrap_or("not-a-time");
        let mut m = HashMap::from([
            ("user_id".to_owned(), AttributeValue::S("u".into())),
            (
                "timestamp#event_id".to_owned(),
                AttributeValue::S(format!("{sk_time}#e")),
            ),
        ]);
        if let Some(t) = ts {
            m.insert("timestamp".into(), AttributeValue::S(t.into()));
        }
        if let Some(t) = ttl {
            m.insert("ttl".into(), t);
        }
        m
    }

    #[test]
    fn only_the_items_ttl_ignores_are_planned_with_the_runbook_value() {
        // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
        let ts = "2026-01-01T00:00:00.000000Z";
        let t0 = 1_767_225_600; // ts in epoch seconds
        let now = t0 + 86_400;
        let want = t0 + 30 * 86_400;
        let n = |v: i64| Some(AttributeValue::N(v.to_string()));
        #[allow(clippy::type_complexity)]
        let cases: Vec<(
            Option<AttributeValue>,
            Option<&str>,
            Result<Option<i64>, ()>,
        )> = vec![
            (n(want), Some(ts), Ok(None)),      // right
            (n(t0 - 3600), Some(ts), Ok(None)), // expired: TTL deletes it
            (None, Some(ts), Ok(Some(want))),   // missing
            (
                Some(AttributeValue::S(want.to_string())),
                Some(ts),
                Ok(Some(want)),
            ), // a string
            (n(want * 1000), Some(ts), Ok(Some(want))), // milliseconds
            (n(t0 + 400 * 86_400), Some(ts), Ok(Some(want))), // far in the future
            (None, None, Err(())),              // no event time
        ];
        for (i, (ttl, ts, expect)) in cases.into_iter().enumerate() {
            let got = plan(&item(ttl, ts), now).map(|f| f.map(|f| f.new_ttl));
            assert_eq!(got, expect, "case {i}");
        }
        let fix = plan(&item(None, Some(ts)), now).unwrap().unwrap();
        assert_eq!(fix.old_ttl, None);
        assert_eq!(fix.old_timestamp, Some(AttributeValue::S(ts.into())));
        assert_eq!(fix.key.len(), 2);
    }
}
