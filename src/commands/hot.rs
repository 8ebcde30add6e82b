//! `hot-partitions`.

use serde::Serialize;

use super::data_schema::either;
use super::registry::{Kind, Leaf, Production, When};
use crate::checks::hot::{IndexInsights, RuleReport, TopUsers, evaluate, gather, recommendations};
use crate::cli::Command;
use crate::cli::{ExportEngine, HotArgs};
use crate::context::Context;
use crate::report::CheckId;
use crate::report::{Finding, Report};

/// From an export the table is not read, so it is not described first either.
pub(crate) static HOT_PARTITIONS: Leaf<HotArgs> = Leaf::new(
    "hot-partitions",
    Kind::Check,
    |c| match c {
        Command::HotPartitions(a) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(hot_partitions(ctx, a).await?.into()) }),
)
.judges_table(When::If(|a| a.export.from_export.is_none()))
.production(Production::NeedsYes {
    with: &["--enable-contributor-insights"],
})
.data(either::<HotData<'static>, FromExportData<'static>>);

pub(crate) async fn hot_partitions(ctx: &Context, args: &HotArgs) -> anyhow::Result<Report> {
    if let Some(which) = &args.export.from_export {
        return from_export(ctx, args, which).await;
    }
    let mut report = Report::check("hot-partitions");
    if args.enable_contributor_insights {
        crate::safety::guard_write(
            &ctx.names,
            "hot-partitions --enable-contributor-insights",
            args.yes,
            args.dry_run,
        )?;
        let table = crate::aws::table::describe(ctx.dynamodb().await?, ctx.table()).await?;
        let gsis = crate::aws::table::gsi_names(table.as_ref());
        if args.dry_run {
            report.push(Finding::ok(
                CheckId::HotEnable,
                format!("would enable Contributor Insights (THROTTLED_KEYS) on the table and {} (dry run)", gsis.join(", ")),
            ));
        } else {
            let done = crate::aws::table::enable_contributor_insights(
                ctx.dynamodb().await?,
                ctx.table(),
                &gsis,
            )
            .await?;
            report.push(Finding::ok(
                CheckId::HotEnable,
                format!(
                    "enabled Contributor Insights (THROTTLED_KEYS) on {}; reports fill from now on",
                    done.join(", ")
                ),
            ));
        }
    }
    let facts = gather(
        ctx.dynamodb().await?,
        ctx.cloudwatch().await?,
        ctx.logs().await?,
        &ctx.names,
        ctx.reporter(),
        args.since,
        &args.log_groups,
    )
    .await;
    report.extend(evaluate(&facts));
    for s in recommendations(&facts) {
        report.section(s);
    }
    report.set_data(&HotData {
        users: facts.users.as_ref().ok(),
        contributor_insights: facts.insights.as_ref().ok(),
        reports: facts
            .reports
            .iter()
            .filter_map(|(_, r)| r.as_ref().ok())
            .collect(),
    })?;
    report.note("A partition takes at most 1,000 WCU and 3,000 RCU per second, on the table and on each GSI alike (docs/aws-facts.md §3.3); items over 1 KB cost more than one unit per write.");
    Ok(report)
}

/// `hot-partitions`' `data`: what could be read of the top users, Contributor Insights and its
/// reports (a part that could not be read is left out; its finding says why).
#[derive(Serialize, schemars::JsonSchema)]
struct HotData<'a> {
    /// The busiest users from the Lambda logs (Logs Insights); `null` when they could not be
    /// read.
    users: Option<&'a TopUsers>,
    /// Contributor Insights on the table and each GSI; `null` when it could not be described.
    contributor_insights: Option<&'a Vec<IndexInsights>>,
    /// The Contributor Insights reports that could be read.
    reports: Vec<&'a RuleReport>,
}

/// `hot-partitions --from-export`'s `data`: the exact key counts and the export they came from
/// (`export_keys` null when the export could not be read for a permission; `hot.export_keys`
/// says which).
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct FromExportData<'a> {
    export_keys: Option<&'a crate::checks::keys::KeySummary>,
    export: ExportRead<'a>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct ExportRead<'a> {
    arn: &'a str,
    point_in_time: Option<chrono::DateTime<chrono::Utc>>,
    engine: String,
    bytes_scanned: Option<i64>,
    /// What was read against the export's manifest (`scale::export_check`); null when the
    /// export could not be read.
    manifest: Option<&'a crate::scale::export_check::ManifestCheck>,
    /// Athena: the price said before the queries and the price of what they scanned, and
    /// where their results went (null: the workgroup's own location).
    athena_estimate_usd: Option<f64>,
    athena_usd: Option<f64>,
    athena_output: Option<String>,
}

/// What Athena's three queries found and cost.
struct AthenaAnswer {
    summary: crate::checks::keys::KeySummary,
    manifest: crate::scale::export_check::ManifestCheck,
    bytes_scanned: i64,
    estimate_usd: f64,
    usd: Option<f64>,
    output: Option<String>,
    note: Option<String>,
}

/// The key counts by Athena: totals, the busiest users, events per day.
async fn by_athena(
    ctx: &Context,
    args: &HotArgs,
    opened: &super::export::Opened,
) -> anyhow::Result<AthenaAnswer> {
    use crate::checks::keys;
    use crate::scale::athena;
    let run = opened.athena(ctx, &args.export.athena, 3).await?;
    let (db, name) = (&run.target.database, &run.table);
    let sql = [
        athena::totals_sql(db, name),
        athena::top_users_sql(db, name, keys::TOP),
        athena::per_day_sql(db, name),
    ];
    let (totals, top, days) = tokio::try_join!(
        athena::query(&run.client, &run.target, &sql[0]),
        athena::query(&run.client, &run.target, &sql[1]),
        athena::query(&run.client, &run.target, &sql[2]),
    )?;
    let cell = |i: usize| {
        totals
            .rows
            .first()
            .and_then(|r| r.get(i).cloned().flatten())
            .and_then(|v| v.trim().parse::<f64>().ok())
            .unwrap_or(0.0) as u64
    };
    let (items, users) = (cell(0), cell(1));
    let scans = [totals.bytes_scanned, top.bytes_scanned, days.bytes_scanned];
    Ok(AthenaAnswer {
        summary: keys::summarize(
            items,
            users,
            athena::pairs(&top.rows)?,
            athena::pairs(&days.rows)?,
        ),
        manifest: run.check(opened, items),
        bytes_scanned: scans.iter().flatten().sum(),
        estimate_usd: run.estimate_usd,
        usd: run.price(&scans),
        output: run.target.output.clone(),
        note: run.output_note.clone(),
    })
}

/// Exact counts from an export, by either engine, in one shape; what was read is checked
/// against the export's manifest (`hot.export_read`). A read of the export refused for a
/// permission (S3, Glue, Athena, or a query Athena ended for one) is `hot.export_keys` unknown
/// in the words of every denied read, as in check-ttl; any other failure stays an error.
async fn from_export(ctx: &Context, args: &HotArgs, which: &str) -> anyhow::Result<Report> {
    use crate::checks::keys::{self, KeySummary, KeyTally};
    let info = super::export::resolve(ctx, which).await?;
    let engine = format!("{:?}", args.export.engine).to_lowercase();
    let read = async {
        let opened = super::export::open_resolved(ctx, info.clone()).await?;
        Ok::<_, anyhow::Error>(match args.export.engine {
            ExportEngine::Local => {
                let (t, manifest) = opened
                    .read_local(
                        ctx,
                        |t: &mut KeyTally, item| t.add(item),
                        &|t: &mut KeyTally, o| t.merge(o),
                    )
                    .await?;
                (KeySummary::from(&t), manifest, None)
            }
            ExportEngine::Athena => {
                let a = by_athena(ctx, args, &opened).await?;
                (a.summary.clone(), a.manifest.clone(), Some(a))
            }
        })
    }
    .await;
    let mut report = Report::check("hot-partitions");
    let (summary, manifest, athena) = match read {
        Ok((summary, manifest, athena)) => (Some(summary), Some(manifest), athena),
        Err(e) => {
            let denied = crate::scale::athena::denied_read(&e).ok_or(e)?;
            report.push(Finding::unknown(
                CheckId::HotExportKeys,
                format!("could not read the items: {denied}"),
            ));
            (None, None, None)
        }
    };
    if let Some(manifest) = &manifest {
        report.push(crate::scale::export_check::finding(
            CheckId::HotExportRead,
            manifest,
            info.id(),
            &engine,
        ));
    }
    if let Some(summary) = &summary {
        report.extend(keys::evaluate(summary, CheckId::HotExportKeys));
        for s in keys::sections(summary) {
            report.section(s);
        }
    }
    report.set_data(&FromExportData {
        export_keys: summary.as_ref(),
        export: ExportRead {
            arn: &info.arn,
            point_in_time: info.point_in_time(),
            engine,
            bytes_scanned: athena.as_ref().map(|a| a.bytes_scanned),
            manifest: manifest.as_ref(),
            athena_estimate_usd: athena.as_ref().map(|a| a.estimate_usd),
            athena_usd: athena.as_ref().and_then(|a| a.usd),
            athena_output: athena.as_ref().and_then(|a| a.output.clone()),
        },
    })?;
    if let Some(n) = athena.and_then(|a| a.note) {
        report.note(n);
    }
    if summary.is_some() {
        report.note("Counts are exact for the export's point in time; rates are averages over the days it spans (a peak is higher: see hot-partitions without --from-export for the recent peaks).");
    }
    Ok(report)
}
