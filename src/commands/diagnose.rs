//! `diagnose throttling|latency|writes`.

use crate::report::CheckId;
use std::time::Instant;

use chrono::Utc;
use serde::Serialize;
use serde_json::json;

use crate::checks::changes::Aspect;
use crate::checks::{latency, throttling};
use crate::cli::{WindowArgs, WritesArgs};
use crate::context::Context;
use crate::events::canary;
use crate::events::model::item_to_json;
use crate::events::writer::{delete_item, put_event};
use crate::report::{Finding, Report, Section};
use crate::spec;

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
    let facts = latency::gather(ctx.cloudwatch().await?, ctx.table(), args.since, Utc::now()).await;
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

/// Write, read back (strongly consistent) and delete one canary event through the core.
pub(crate) async fn canary(ctx: &Context, purpose: &str) -> Finding {
    let check = CheckId::WritesCanary;
    let client = match ctx.dynamodb().await {
        Ok(c) => c,
        Err(e) => return Finding::unknown(check, e.to_string()),
    };
    let event = match canary::event(purpose, Utc::now()) {
        Ok(e) => e,
        Err(e) => return Finding::unknown(check, e.0),
    };
    let started = Instant::now();
    if let Err(e) = put_event(client, ctx.table(), &event).await {
        return Finding::crit(check, format!("the canary write failed: {e}"))
            .remedy("this is what the API sees: check table status, throttling and IAM (runbook Issue 1)")
            .runbook("Issue 1: Events Not Persisting");
    }
    let put_ms = started.elapsed().as_secs_f64() * 1000.0;
    let read = client
        .get_item()
        .table_name(ctx.table())
        .set_key(Some(event.key()))
        .consistent_read(true)
        .send()
        .await;
    let read_ms = started.elapsed().as_secs_f64() * 1000.0 - put_ms;
    let deleted = delete_item(client, ctx.table(), event.key()).await;
    let total_ms = started.elapsed().as_secs_f64() * 1000.0;
    let evidence = json!({
        "event_id": event.event_id, "user_id": canary::USER,
        "put_ms": put_ms, "read_ms": read_ms, "round_trip_ms": total_ms,
        "deleted": deleted.is_ok(),
    });
    match read {
        Ok(out) if out.item.as_ref().map(item_to_json).and_then(|v| v.get("event_id").cloned()) == Some(json!(event.event_id)) => {
            let mut f = Finding::ok(
                check.clone(),
                format!("written, read back and deleted in {total_ms:.0} ms (put {put_ms:.0} ms, read {read_ms:.0} ms)"),
            );
            if let Err(e) = deleted {
                f = Finding::warn(check, format!("written and read back, but not deleted: {e} (its ttl removes it within about a day)"));
            }
            f.evidence(evidence)
        }
        Ok(_) => Finding::crit(check, "the canary was written but a consistent read did not return it")
            .evidence(evidence)
            .remedy("open an AWS Support case: a strongly consistent read must see an acknowledged write"),
        Err(e) => Finding::crit(check, format!("the canary was written but could not be read: {e}")).evidence(evidence),
    }
    .runbook("Issue 1: Events Not Persisting")
}

pub(crate) async fn writes(ctx: &Context, args: &WritesArgs) -> anyhow::Result<Report> {
    let now = Utc::now();
    let facts = throttling::gather(
        ctx.dynamodb().await?,
        ctx.cloudwatch().await?,
        &ctx.names,
        args.window.since,
        now,
    )
    .await;
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
    // Capacity, index and alarm changes before the symptom (a day at least).
    let aspects = [
        Aspect::Billing,
        Aspect::Indexes,
        Aspect::Table,
        Aspect::Alarms,
    ];
    let since = args.window.since.max(chrono::Duration::hours(24));
    super::changes::mention(ctx, &mut report, since, &aspects).await;
    if args.canary {
        report.push(canary(ctx, "diagnose writes").await);
    } else {
        report
            .note("Add --canary to write, read back and delete a test event (what the API does).");
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
#[derive(Serialize)]
struct ThrottlingData {
    throttling: throttling::ThrottlingData,
}

/// `diagnose latency`'s `data` (shaped by `checks::latency::data`).
#[derive(Serialize)]
struct LatencyData {
    latency: latency::LatencyData,
}
