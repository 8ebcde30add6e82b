//! `hot-partitions`.

use crate::checks::hot::{enable_insights, evaluate, gather, recommendations};
use crate::cli::HotArgs;
use crate::context::Context;
use crate::report::{Finding, Report};

pub async fn hot_partitions(ctx: &Context, args: &HotArgs) -> anyhow::Result<Report> {
    let mut report = Report::check("hot-partitions");
    if args.enable_contributor_insights {
        let table = crate::aws::table::describe(ctx.dynamodb().await?, ctx.table()).await?;
        let gsis = crate::aws::table::gsi_names(table.as_ref());
        if args.dry_run {
            report.push(Finding::ok(
                "hot.enable",
                format!("would enable Contributor Insights (THROTTLED_KEYS) on the table and {} (dry run)", gsis.join(", ")),
            ));
        } else {
            let done = enable_insights(ctx.dynamodb().await?, ctx.table(), &gsis).await?;
            report.push(Finding::ok(
                "hot.enable",
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
    if let Ok(u) = &facts.users {
        report.set("users", u);
    }
    if let Ok(i) = &facts.insights {
        report.set("contributor_insights", i);
    }
    report.set(
        "reports",
        facts
            .reports
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .collect::<Vec<_>>(),
    );
    report.note("A partition takes at most 1,000 WCU and 3,000 RCU per second, on the table and on each GSI alike (facts 3.3); items over 1 KB cost more than one unit per write.");
    Ok(report)
}
