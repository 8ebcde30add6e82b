//! `hot-partitions`.

use serde::Serialize;

use crate::checks::hot::{IndexInsights, RuleReport, TopUsers, evaluate, gather, recommendations};
use crate::cli::{ExportEngine, HotArgs};
use crate::context::Context;
use crate::report::CheckId;
use crate::report::{Finding, Report};

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
    let facts = gather(ctx, args.since, &args.log_groups).await?;
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
#[derive(Serialize)]
struct HotData<'a> {
    users: Option<&'a TopUsers>,
    contributor_insights: Option<&'a Vec<IndexInsights>>,
    reports: Vec<&'a RuleReport>,
}

/// `hot-partitions --from-export`'s `data`: the exact key counts and the export they came from.
#[derive(Serialize)]
struct FromExportData<'a> {
    export_keys: &'a crate::checks::keys::KeySummary,
    export: ExportRead<'a>,
}

#[derive(Serialize)]
struct ExportRead<'a> {
    arn: &'a str,
    point_in_time: Option<chrono::DateTime<chrono::Utc>>,
    engine: String,
    bytes_scanned: Option<i64>,
}

/// Exact counts from an export, by either engine, in one shape.
async fn from_export(ctx: &Context, args: &HotArgs, which: &str) -> anyhow::Result<Report> {
    use crate::checks::keys::{self, KeySummary, KeyTally};
    use crate::scale::athena;
    let opened = super::export::open(ctx, which).await?;
    let info = opened.info.clone();
    let (summary, bytes_scanned) = match args.export.engine {
        ExportEngine::Local => {
            let t = opened
                .read_local(
                    ctx,
                    &|t: &mut KeyTally, item| t.add(item),
                    &|t: &mut KeyTally, o| t.merge(o),
                )
                .await?;
            (KeySummary::from(&t), None)
        }
        ExportEngine::Athena => {
            let target = super::export::athena_target(&args.export.athena);
            let name = athena::register(&ctx.glue().await?, &target.database, &info).await?;
            let client = ctx.athena().await?;
            let db = &target.database;
            let sql = [
                athena::totals_sql(db, &name),
                athena::top_users_sql(db, &name, keys::TOP),
                athena::per_day_sql(db, &name),
            ];
            let (totals, top, days) = tokio::try_join!(
                athena::query(&client, &target, &sql[0]),
                athena::query(&client, &target, &sql[1]),
                athena::query(&client, &target, &sql[2]),
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
            let scanned = [&totals, &top, &days]
                .iter()
                .filter_map(|q| q.bytes_scanned)
                .sum::<i64>();
            (
                keys::summarize(
                    items,
                    users,
                    athena::pairs(&top.rows)?,
                    athena::pairs(&days.rows)?,
                ),
                Some(scanned),
            )
        }
    };
    let mut report = Report::check("hot-partitions");
    report.extend(keys::evaluate(&summary, CheckId::HotExportKeys));
    for s in keys::sections(&summary) {
        report.section(s);
    }
    report.set_data(&FromExportData {
        export_keys: &summary,
        export: ExportRead {
            arn: &info.arn,
            point_in_time: info.point_in_time(),
            engine: format!("{:?}", args.export.engine).to_lowercase(),
            bytes_scanned,
        },
    })?;
    report.note("Counts are exact for the export's point in time; rates are averages over the days it spans (a peak is higher: see hot-partitions without --from-export for the recent peaks).");
    Ok(report)
}
