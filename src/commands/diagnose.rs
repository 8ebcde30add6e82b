//! `diagnose throttling|latency|writes`.

use crate::report::CheckId;

use chrono::Utc;
use serde::Serialize;

use super::data_schema::shape;
use super::registry::{Kind, Leaf, Production, When};
use crate::checks::changes::Aspect;
use crate::checks::{self, latency, throttling};
use crate::cli::{Command, DiagnoseCommand};
use crate::cli::{WindowArgs, WritesArgs};
use crate::context::Context;
use crate::report::{Report, Section};
use crate::spec;

pub(crate) static THROTTLING: Leaf<WindowArgs> = Leaf::new(
    "diagnose throttling",
    Kind::Check,
    |c| match c {
        Command::Diagnose(DiagnoseCommand::Throttling(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(throttling(ctx, a).await?.into()) }),
)
.judges_table(When::Always)
.data(shape::<ThrottlingData>);

pub(crate) static LATENCY: Leaf<WindowArgs> = Leaf::new(
    "diagnose latency",
    Kind::Check,
    |c| match c {
        Command::Diagnose(DiagnoseCommand::Latency(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(latency(ctx, a).await?.into()) }),
)
.judges_table(When::Always)
.data(shape::<LatencyData>);

/// `--canary` writes one event of its own and deletes it.
pub(crate) static WRITES: Leaf<WritesArgs> = Leaf::new(
    "diagnose writes",
    Kind::Check,
    |c| match c {
        Command::Diagnose(DiagnoseCommand::Writes(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(writes(ctx, a).await?.into()) }),
)
.judges_table(When::Always)
.production(Production::OwnResources {
    with: &["--canary"],
})
.data(shape::<ThrottlingData>);

pub(crate) async fn throttling(ctx: &Context, args: &WindowArgs) -> anyhow::Result<Report> {
    let facts = throttling::gather(
        ctx.dynamodb().await?,
        ctx.cloudwatch().await?,
        &ctx.names,
        args.since,
        Utc::now(),
    )
    .await;
    let mut report = Report::check("diagnose throttling");
    report.extend(throttling::evaluate(&facts));
    for s in throttling::sections(&facts) {
        report.section(s);
    }
    report.set_data(&ThrottlingData {
        throttling: throttling::data(&facts),
    })?;
    report.correct(spec::corrections::user_errors());
    Ok(report)
}

pub(crate) async fn latency(ctx: &Context, args: &WindowArgs) -> anyhow::Result<Report> {
    let facts = latency::gather(
        ctx.cloudwatch().await?,
        ctx.table(),
        ctx.names.latency,
        args.since,
        Utc::now(),
    )
    .await;
    let mut report = Report::check("diagnose latency");
    report.extend(latency::evaluate(&facts));
    for s in latency::sections(&facts) {
        report.section(s);
    }
    report.set_data(&LatencyData {
        latency: latency::data(&facts),
    })?;
    report.note("SuccessfulRequestLatency is server-side time only; the client adds network and SDK time (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html).");
    Ok(report)
}

pub(crate) async fn writes(ctx: &Context, args: &WritesArgs) -> anyhow::Result<Report> {
    let now = Utc::now();
    // Capacity, index and alarm changes before the symptom (a day at least), looked up while
    // the check reads.
    let aspects = [
        Aspect::Billing,
        Aspect::Indexes,
        Aspect::Table,
        Aspect::Alarms,
    ];
    let since = args.window.since.max(chrono::Duration::hours(24));
    let work = async {
        let facts = throttling::gather(
            ctx.dynamodb().await?,
            ctx.cloudwatch().await?,
            &ctx.names,
            args.window.since,
            now,
        )
        .await;
        let canary = match args.canary {
            true => Some(checks::canary::gather(ctx, "diagnose writes").await),
            false => None,
        };
        Ok::<_, anyhow::Error>((facts, canary))
    };
    let (work, recent) = super::changes::alongside(ctx, since, &aspects, work).await;
    let (facts, canary) = work?;
    let mut report = Report::check("diagnose writes");
    let findings = throttling::evaluate(&facts);
    // Issue 1 end to end: table status, the throttling verdict, server errors (the per-resource
    // detail is `diagnose throttling`'s).
    report.extend(findings.into_iter().filter(|f| {
        matches!(
            f.check,
            CheckId::ThrottlingTableStatus
                | CheckId::ThrottlingCause
                | CheckId::ThrottlingSystemErrors
                | CheckId::ThrottlingMetrics
                | CheckId::ThrottlingCapacity
        )
    }));
    super::changes::mention(&mut report, recent);
    match canary {
        Some(canary) => report.push(checks::canary::evaluate(&canary)),
        None => report
            .note("Add --canary to write, read back and delete a test event (what the API does)."),
    }
    report.section(Section::lines(
        "Runbook Issue 1, resolution",
        vec![
            "1. Table ACTIVE: throttling.table_status".into(),
            "2. Throttling: throttling.cause (details: eventsctl diagnose throttling)".into(),
            "3. Lambda logs: eventsctl insights run errors-by-type (DynamoDB errors by type)".into(),
            "4. Exponential backoff in EventRepository: the SDK retries throttles; check its retry settings".into(),
            "5. Lambda concurrency: if throttled by Lambda, not DynamoDB, raise reserved concurrency".into(),
        ],
    ));
    report.set_data(&ThrottlingData {
        throttling: throttling::data(&facts),
    })?;
    report.correct(spec::corrections::user_errors());
    Ok(report)
}

/// `diagnose throttling` and `diagnose writes`' `data` (shaped by `checks::throttling::data`).
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "DiagnoseThrottlingData")]
struct ThrottlingData {
    throttling: throttling::ThrottlingData,
}

/// `diagnose latency`'s `data` (shaped by `checks::latency::data`).
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "DiagnoseLatencyData")]
struct LatencyData {
    latency: latency::LatencyData,
}
