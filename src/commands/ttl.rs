//! `check-ttl`: a sample spanning the key space (the default), a full scan that is priced,
//! capped and resumable (`--full`, `--resume`), or exact answers from a PITR export
//! (`--from-export`). `--cleanup` is the action: it deletes here, never in the check's gather.

use crate::events::model::Item;
use crate::report::CheckId;
use std::path::PathBuf;

use chrono::Utc;

use serde::Serialize;

use super::data_schema::one_of3;
use super::registry::{Kind, Leaf, Limit, Production, When, minutes};
use super::ttl_repair::RepairData;
use crate::checks::changes::Aspect;
use crate::checks::ttl::{
    Cleanup, ExportScope, FullScope, SampleShares, Scope, TtlClass, TtlFacts, TtlMeta, TtlTally,
    evaluate, gather_meta, projection, read_full, ttl_enabled,
};
use crate::cli::Command;
use crate::cli::{CheckTtlArgs, ExportEngine};
use crate::context::Context;
use crate::error::Refusal;
use crate::report::ReportKind;
use crate::report::{DataError, Finding, Report, Section};
use crate::scale::estimate::ScanEstimate;
use crate::scale::fullscan::Checkpoint;
use crate::spec::{self, PARTITION_KEY, SORT_KEY};
use crate::ttl_scan::{self, ScanFlags, ScanSetup};

/// `check-ttl`: a check, but deleting overdue items (`--cleanup --yes`) and `--repair` are
/// actions (a refusal or a failed write exits 1); a full scan or a repair gets an hour (a
/// resume is the rest of one). Writes check their production guard before the table.
pub(crate) static CHECK_TTL: Leaf<CheckTtlArgs> = Leaf::new(
    "check-ttl",
    Kind::By(|a: &CheckTtlArgs| {
        if (a.cleanup && a.yes) || a.repair {
            ReportKind::Action
        } else {
            ReportKind::Check
        }
    }),
    |c| match c {
        Command::CheckTtl(a) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(check_ttl(ctx, a).await?.into()) }),
)
.limit(Limit::By(|a| {
    let whole = a.full || a.cleanup || a.repair || a.resume.is_some();
    Some(minutes(if whole { 60 } else { 5 }))
}))
.judges_table(When::If(|a| {
    a.export.from_export.is_none() && !(a.cleanup && a.yes) && !a.repair
}))
.production(Production::NeedsYes {
    with: &["--full", "--cleanup", "--repair"],
})
// The tally (a sample, a full read or an export), the estimate, or what a repair did.
.data(one_of3::<CheckTtlData<'static>, EstimateData<'static>, RepairData<'static>>);

const COMMAND: &str = "check-ttl";

pub(crate) async fn check_ttl(ctx: &Context, args: &CheckTtlArgs) -> anyhow::Result<Report> {
    if args.repair {
        return Box::pin(super::ttl_repair::repair(ctx, args)).await;
    }
    let grace = args.grace.num_seconds();
    let flags = scan_flags(args);
    let resumed = ttl_scan::load_state::<TtlTally>(&flags, COMMAND, ctx.table(), "--resume")?;
    let now = Utc::now();
    let scans =
        !args.cleanup && args.export.from_export.is_none() && (args.full || resumed.is_some());
    // Where the scan's state goes, settled before the first AWS call.
    let state_file = (scans && !args.estimate)
        .then(|| {
            ttl_scan::state_file(
                &flags,
                ctx.table(),
                now.timestamp(),
                crate::files::state_dir,
            )
        })
        .transpose()?;
    // Who turned TTL off, or onto another attribute, and when: looked up while the check reads,
    // shown next to the verdict.
    let work = async move {
        let meta = gather_meta(
            ctx.dynamodb().await?,
            ctx.cloudwatch().await?,
            ctx.table(),
            now,
        )
        .await;
        let mut export_note = None;
        let facts = if args.cleanup {
            cleanup(ctx, args, meta, now.timestamp()).await?
        } else if let Some(which) = &args.export.from_export {
            let (facts, note) = from_export(ctx, args, meta, which).await?;
            export_note = note;
            facts
        } else if scans {
            match full(ctx, args, meta, now.timestamp(), resumed, state_file).await? {
                Full::Facts(f) => *f,
                Full::EstimateOnly(r) => return Ok(Err(r)),
            }
        } else {
            let spinner = ctx.progress().spinner("sampling across the key space");
            let client = ctx.dynamodb_bulk().await?;
            let facts = crate::checks::ttl::sample_facts(
                meta,
                client,
                ctx.table(),
                args.sample as usize,
                now.timestamp(),
                grace,
            )
            .await;
            spinner.finish_and_clear();
            facts
        };
        Ok::<_, anyhow::Error>(Ok((facts, export_note)))
    };
    let week = chrono::Duration::days(7);
    let (work, recent) = super::changes::alongside(ctx, week, &[Aspect::Ttl], work).await;
    let (facts, export_note) = match work? {
        Ok(done) => done,
        Err(estimate_only) => return Ok(*estimate_only),
    };
    let mut report = report(facts)?;
    if let Some(n) = export_note {
        report.note(n);
    }
    super::changes::mention(&mut report, recent);
    Ok(report)
}

/// A full scan's flags (`--checkpoint`, `--resume`, `--segments`, `--concurrency`, the read
/// caps), for `crate::ttl_scan`.
pub(super) fn scan_flags(args: &CheckTtlArgs) -> ScanFlags<'_> {
    ScanFlags {
        checkpoint: args.checkpoint.as_deref(),
        resume: args.resume.as_deref(),
        segments: args.segments,
        concurrency: usize::from(args.concurrency),
        read_rate: args.read_rate,
        max_read_units: args.max_read_units,
    }
}

enum Full {
    Facts(Box<TtlFacts>),
    EstimateOnly(Box<Report>),
}

fn estimate_for(
    args: &CheckTtlArgs,
    meta: &TtlMeta,
    resumed: Option<&Checkpoint<TtlTally>>,
) -> ScanEstimate {
    let total = ttl_scan::segments(&scan_flags(args), resumed, meta.bytes);
    let mut e = ScanEstimate::new(
        meta.approx_items.unwrap_or(0),
        meta.bytes.unwrap_or(0),
        args.read_rate,
        args.price_per_million_rru,
        total,
    );
    if let Some(c) = resumed {
        e.already_read_units = c.read_units;
    }
    e
}

async fn full(
    ctx: &Context,
    args: &CheckTtlArgs,
    meta: TtlMeta,
    now: i64,
    resumed: Option<Checkpoint<TtlTally>>,
    state_file: Option<PathBuf>,
) -> anyhow::Result<Full> {
    let grace = args.grace.num_seconds();
    let estimate = estimate_for(args, &meta, resumed.as_ref());
    if args.estimate {
        let mut r = Report::check(COMMAND);
        r.push(
            Finding::ok(
                CheckId::TtlEstimate,
                format!("a full scan would read {}", estimate.text()),
            )
            .evidence(&estimate),
        );
        r.set_data(&EstimateData {
            estimate: &estimate,
        })?;
        r.note("Nothing was read (--estimate). DescribeTable's size is refreshed about every six hours.");
        return Ok(Full::EstimateOnly(Box::new(r)));
    }
    if !meta.table_exists {
        let tally = Err(format!("table {} does not exist", ctx.table()));
        return Ok(Full::Facts(Box::new(meta.into_facts(
            tally,
            Scope::Full(scope(&estimate, None, None, false)),
            grace,
            None,
        ))));
    }
    if estimate.needs_confirmation(ctx.names.is_production(), args.confirm_above) && !args.yes {
        return Err(Refusal::new(format!(
            "{} is a production table and a full scan reads {}: add --yes to read it (cap it with --read-rate and --max-read-units), or use the sample (default) or --from-export",
            ctx.table(),
            estimate.text()
        ))
        .into());
    }
    let flags = scan_flags(args);
    ttl_scan::check_created(resumed.as_ref(), meta.created, flags.resume)?;
    let state_file = match state_file {
        Some(p) => p,
        None => ttl_scan::state_file(&flags, ctx.table(), now, crate::files::state_dir)?,
    };
    let setup = ttl_scan::setup(
        ctx.table(),
        COMMAND,
        &flags,
        resumed,
        estimate.total_segments,
        now,
        state_file,
    );
    ttl_scan::claim_state_file(&setup)?;
    let ScanSetup {
        scan,
        checkpoint: cp,
        state_file,
        resumed: was_resumed,
    } = setup;
    let already = cp.items;
    // Named while it runs: after a kill, this is the file to resume from.
    let bar = ctx.progress().bar(
        meta.approx_items.filter(|n| *n > 0).map(|n| n as u64),
        format!(
            "scanning ({}); state in {}",
            estimate.text(),
            state_file.display()
        ),
    );
    bar.inc(already);
    let run = read_full(
        ctx.dynamodb_bulk().await?,
        &scan,
        cp,
        grace,
        super::interrupted(),
        &|n| bar.inc(n),
    )
    .await;
    bar.finish_and_clear();
    let finished = run.finish(&state_file);
    let mut s = scope(&estimate, Some(&run), None, was_resumed);
    s.state_file = (!finished).then(|| state_file.display().to_string());
    let tally = run.checkpoint.state;
    Ok(Full::Facts(Box::new(meta.into_facts(
        Ok(tally),
        Scope::Full(s),
        grace,
        None,
    ))))
}

fn scope(
    estimate: &ScanEstimate,
    run: Option<&crate::scale::fullscan::ScanRun<TtlTally>>,
    state_file: Option<String>,
    resumed: bool,
) -> FullScope {
    FullScope {
        estimate: estimate.clone(),
        read_units: run.map(|r| r.checkpoint.read_units).unwrap_or(0.0),
        read_units_this_run: run.map(|r| r.read_units_this_run).unwrap_or(0.0),
        pages: run.map(|r| r.checkpoint.pages).unwrap_or(0),
        total_segments: estimate.total_segments,
        segments_done: run.map(|r| r.checkpoint.done.len() as i32).unwrap_or(0),
        stopped: run.and_then(|r| r.stopped),
        failed: run.map(|r| r.failed.clone()).unwrap_or_default(),
        state_file,
        resumed,
        save_error: run.and_then(|r| r.save_error.clone()),
    }
}

async fn from_export(
    ctx: &Context,
    args: &CheckTtlArgs,
    meta: TtlMeta,
    which: &str,
) -> anyhow::Result<(TtlFacts, Option<String>)> {
    use crate::scale::athena;
    let grace = args.grace.num_seconds();
    let info = &super::export::resolve(ctx, which).await?;
    // Classified against the export's own time: "overdue" means overdue when it was taken.
    let at = info.point_in_time().unwrap_or_else(Utc::now);
    let engine = args.export.engine;
    let export_scope = |manifest_items, manifest, athena_cost: Option<AthenaCost>| {
        Scope::Export(ExportScope {
            export_arn: info.arn.clone(),
            export_time: at.to_rfc3339(),
            engine: format!("{engine:?}").to_lowercase(),
            manifest_items,
            bytes_scanned: athena_cost.as_ref().and_then(|c| c.bytes_scanned),
            athena_estimate_usd: athena_cost.as_ref().map(|c| c.estimate_usd),
            athena_usd: athena_cost.as_ref().and_then(|c| c.usd),
            athena_output: athena_cost.and_then(|c| c.output),
            manifest,
        })
    };
    // A read refused for a permission (S3, Glue, Athena, or a query Athena ended for one) is
    // unknown, in the words of every denied read; any other failure stays an error. The
    // manifest is the export's first read, so the first an S3 permission refuses.
    let denied = |e: anyhow::Error| athena::denied_read(&e).ok_or(e);
    let opened = match super::export::open_resolved(ctx, info.clone()).await {
        Ok(opened) => opened,
        Err(e) => {
            let denied = denied(e)?;
            let scope = export_scope(None, None, None);
            let facts = meta.into_facts(Err(denied.to_string()), scope, grace, None);
            return Ok((facts, None));
        }
    };
    let read = match engine {
        ExportEngine::Local => {
            async {
                let now = at.timestamp();
                let (tally, manifest) = opened
                    .read_local(
                        ctx,
                        move |t: &mut TtlTally, item| {
                            t.add(item, now, grace);
                        },
                        &|t: &mut TtlTally, o: TtlTally| t.merge(&o),
                    )
                    .await?;
                Ok::<_, anyhow::Error>((tally, manifest, None, None))
            }
            .await
        }
        ExportEngine::Athena => {
            async {
                let run = opened.athena(ctx, &args.export.athena, 1).await?;
                let spinner = ctx.progress().spinner(format!(
                    "Athena over export {} (~${:.4} at ${}/TB)",
                    info.id(),
                    run.estimate_usd,
                    run.per_tb
                ));
                let out = athena::query(
                    &run.client,
                    &run.target,
                    &athena::ttl_sql(&run.target.database, &run.table, at.timestamp(), grace),
                )
                .await;
                spinner.finish_and_clear();
                let out = out?;
                let tally = crate::checks::ttl_athena::ttl_tally(&out.rows)?;
                let manifest = run.check(&opened, tally.scanned);
                let cost = AthenaCost {
                    bytes_scanned: out.bytes_scanned,
                    estimate_usd: run.estimate_usd,
                    usd: run.price(&[out.bytes_scanned]),
                    output: run.target.output.clone(),
                };
                Ok((tally, manifest, Some(cost), run.output_note.clone()))
            }
            .await
        }
    };
    let manifest_items = Some(opened.manifest.summary.item_count);
    let (tally, manifest, athena_cost, note) = match read {
        Ok(read) => read,
        Err(e) => {
            let denied = denied(e)?;
            let scope = export_scope(manifest_items, None, None);
            let facts = meta.into_facts(Err(denied.to_string()), scope, grace, None);
            return Ok((facts, None));
        }
    };
    let scope = export_scope(manifest_items, Some(manifest), athena_cost);
    Ok((meta.into_facts(Ok(tally), scope, grace, None), note))
}

/// What an Athena read cost, and where its results went.
struct AthenaCost {
    bytes_scanned: Option<i64>,
    estimate_usd: f64,
    usd: Option<f64>,
    output: Option<String>,
}

/// The action: read (a sample's segments, or all with --full), delete the overdue items found,
/// page by page, conditionally and at a rate. Refuses to stand in for TTL unless asked.
async fn cleanup(
    ctx: &Context,
    args: &CheckTtlArgs,
    meta: TtlMeta,
    now: i64,
) -> anyhow::Result<TtlFacts> {
    use crate::events::scan::{ScanSpec, start};
    let grace = args.grace.num_seconds();
    let really = args.yes;
    if really && !ttl_enabled(&meta.description) && !args.instead_of_ttl {
        return Err(Refusal::new(format!(
            "TTL is not enabled on `ttl` for {}: deleting expired items would stand in for TTL, which is a different operation; nothing was deleted. Enable TTL (check-ttl shows how), or add --instead-of-ttl to delete them anyway",
            ctx.table()
        ))
        .into());
    }
    let client = ctx.dynamodb_bulk().await?;
    let sample = (!args.full).then_some(args.sample as usize);
    let segments = args.segments.unwrap_or(4);
    let mut spec = ScanSpec::new(segments);
    spec.concurrency = args.concurrency as usize;
    spec.per_segment_limit = sample.map(|n| n.div_ceil(segments as usize));
    spec.page_size = sample.map(|n| n.clamp(1, 1000) as i32);
    spec.projection = Some(projection());
    let bar = ctx.progress().spinner("scanning for overdue items");
    let mut rx = start(client.clone(), ctx.table().to_owned(), spec);
    let mut tally = TtlTally::default();
    let mut c = Cleanup {
        dry_run: !really,
        ..Cleanup::default()
    };
    let limiter = crate::events::writer::RateLimiter::new(args.rate);
    let mut cost = crate::scale::sample::SampleCost {
        total_segments: segments,
        ..Default::default()
    };
    let mut error = None;
    while let Some(page) = rx.recv().await {
        let page = match page {
            Ok(p) => p,
            Err(e) => {
                error = Some(e.to_string());
                break;
            }
        };
        cost.pages += 1;
        cost.read_units += page.consumed;
        let mut overdue = Vec::new();
        for item in &page.items {
            if sample.is_some_and(|n| tally.scanned as usize >= n) {
                break;
            }
            if tally.add(item, now, grace) == TtlClass::Overdue {
                overdue.push(item);
            }
        }
        bar.inc(page.items.len() as u64);
        c.candidates += overdue.len() as u64;
        if really {
            delete_overdue(client, ctx.table(), &overdue, now - grace, &limiter, &mut c).await;
        }
    }
    bar.finish_and_clear();
    cost.items = tally.scanned;
    let tally = match error {
        Some(e) => Err(e),
        None => Ok(tally),
    };
    let scope = Scope::Sample {
        asked: sample.unwrap_or(0),
        cost,
        shares: None,
    };
    Ok(meta.into_facts(tally, scope, grace, Some(c)))
}

async fn delete_overdue(
    client: &aws_sdk_dynamodb::Client,
    table: &str,
    items: &[&Item],
    cutoff: i64,
    limiter: &crate::events::writer::RateLimiter,
    c: &mut Cleanup,
) {
    use futures::StreamExt;
    let results: Vec<Result<bool, crate::aws::AwsError>> = futures::stream::iter(items.iter())
        .map(|item| async move {
            limiter.acquire(1).await;
            let key: Item = [PARTITION_KEY, SORT_KEY]
                .iter()
                .filter_map(|k| item.get(*k).map(|v| ((*k).to_owned(), v.clone())))
                .collect();
            crate::events::writer::delete_if_expired(client, table, key, cutoff).await
        })
        .buffer_unordered(8)
        .collect()
        .await;
    for r in results {
        match r {
            Ok(true) => c.deleted += 1,
            Ok(false) => c.kept_changed += 1,
            Err(e) => {
                c.failed += 1;
                if c.errors.len() < 5 {
                    c.errors.push(e.to_string());
                }
            }
        }
    }
}

/// `check-ttl --estimate`'s `data`: what a full scan would read and cost.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct EstimateData<'a> {
    estimate: &'a ScanEstimate,
}

/// `check-ttl`'s `data`: the tally (when the items could be read), how they were read, the
/// sample's shares for the whole table, and what `--cleanup` did.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct CheckTtlData<'a> {
    tally: Option<&'a TtlTally>,
    scope: &'a Scope,
    sample: Option<&'a SampleShares>,
    cleanup: Option<&'a Cleanup>,
}

fn report(facts: TtlFacts) -> Result<Report, DataError> {
    let mut report = Report::check(COMMAND);
    report.extend(evaluate(&facts));
    let data = CheckTtlData {
        tally: facts.tally.as_ref().ok(),
        scope: &facts.scope,
        sample: match &facts.scope {
            Scope::Sample { shares, .. } => shares.as_ref(),
            _ => None,
        },
        cleanup: facts.cleanup.as_ref(),
    };
    if let Some(t) = data.tally {
        report.section(Section::table(
            "Items by ttl",
            &["KIND", "COUNT", "OLDEST", "EXAMPLES"],
            [
                ("no ttl", &t.missing),
                ("ttl not a Number", &t.not_number),
                ("ttl in milliseconds", &t.milliseconds),
                ("ttl > 5 years past", &t.too_old),
                ("ttl beyond timestamp + 30 d", &t.too_far),
                ("expired, within grace", &t.expired_recent),
                ("expired, overdue", &t.overdue),
                ("event older than 30 d", &t.older_than_30d),
            ]
            .iter()
            .map(|(k, c)| {
                vec![
                    (*k).to_owned(),
                    c.count.to_string(),
                    c.oldest_age_s
                        .map(|s| crate::times::human(chrono::Duration::seconds(s)))
                        .unwrap_or_else(|| "-".into()),
                    c.examples
                        .iter()
                        .take(2)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", "),
                ]
            })
            .collect(),
        ));
    }
    if let Some(s) = data.sample {
        let title = if s.whole_table {
            "The whole table (every item read: exact)"
        } else {
            "The sample, for the whole table (95% intervals)"
        };
        report.section(Section::pairs(
            title,
            vec![
                ("expired, not deleted", s.expired_not_deleted.text()),
                (
                    "ttl missing or malformed",
                    s.ttl_missing_or_malformed.text(),
                ),
                ("item size, bytes", s.item_bytes.text(0)),
                ("events per user", s.events_per_user.text(1)),
            ],
        ));
    }
    report.set_data(&data)?;
    report.correct(spec::corrections::ttl_timing());
    report.correct(spec::corrections::ttl_reserved_word());
    Ok(report)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use clap::Parser;

    fn args(flags: &[&str]) -> CheckTtlArgs {
        let mut all = vec!["eventsctl", "check-ttl"];
        all.extend_from_slice(flags);
        match crate::cli::Cli::try_parse_from(all).unwrap().command {
            crate::cli::Command::CheckTtl(a) => a,
            _ => unreachable!(),
        }
    }

    #[test]
    fn a_full_scans_flags_reach_its_setup() {
        let a = args(&[
            "--full",
            "--checkpoint",
            "/tmp/cp.json",
            "--segments",
            "5",
            "--concurrency",
            "3",
            "--read-rate",
            "50",
            "--max-read-units",
            "1000",
        ]);
        let f = scan_flags(&a);
        assert_eq!(f.checkpoint, Some(Path::new("/tmp/cp.json")));
        assert_eq!(f.resume, None);
        assert_eq!(f.segments, Some(5));
        assert_eq!(f.concurrency, 3);
        assert_eq!(f.read_rate, Some(50.0));
        assert_eq!(f.max_read_units, Some(1000.0));
        let a = args(&["--resume", "/tmp/old.json"]);
        assert_eq!(scan_flags(&a).resume, Some(Path::new("/tmp/old.json")));
        assert_eq!(scan_flags(&a).concurrency, 4, "the default");
    }
}
