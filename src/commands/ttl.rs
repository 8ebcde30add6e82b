//! `check-ttl`.

use crate::checks::ttl::{TtlOptions, evaluate, gather};
use crate::cli::CheckTtlArgs;
use crate::context::Context;
use crate::report::{Report, Section};
use crate::spec;

pub async fn check_ttl(ctx: &Context, args: &CheckTtlArgs) -> anyhow::Result<Report> {
    let opts = TtlOptions {
        sample: (!args.full).then_some(args.sample as usize),
        grace_s: args.grace.num_seconds(),
        segments: args.segments,
        cleanup: args.cleanup.then_some((args.yes, args.rate)),
    };
    let progress = if args.full {
        // The estimate is DynamoDB's six-hourly ItemCount: a guide for the bar, not a promise.
        let estimate = crate::aws::table::describe(ctx.dynamodb().await?, ctx.table())
            .await
            .ok()
            .flatten()
            .and_then(|t| t.item_count())
            .filter(|n| *n > 0)
            .map(|n| n as u64);
        ctx.progress().bar(estimate, "scanning")
    } else {
        ctx.progress().spinner("sampling")
    };
    let facts = gather(ctx, &opts, &progress).await?;
    progress.finish_and_clear();
    let mut report = Report::check("check-ttl");
    report.extend(evaluate(&facts));
    if let Ok(t) = &facts.tally {
        report.set("tally", t);
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
    if let Some(c) = &facts.cleanup {
        report.set("cleanup", c);
    }
    report.correct(spec::corrections::ttl_timing());
    report.correct(spec::corrections::ttl_reserved_word());
    Ok(report)
}
