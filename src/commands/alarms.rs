//! `alarms apply`, `alarms status`.

use serde::Serialize;

use crate::aws::alarms as cw_alarms;
use crate::checks::alarms::{AlarmFacts, check_name, drift, evaluate};
use crate::cli::{AlarmsApplyArgs, DEFAULT_ITERATOR_AGE_MINUTES};
use crate::context::Context;
use crate::report::{CheckId, Report, Section};
use crate::spec::alarms::{AlarmAction, AlarmSpec, alarms, recommended, recommended_names};
use crate::spec::{self, Names};

/// The alarm specs for this table: its GSIs from DescribeTable, else the spec's; and the
/// table's stream ARN (for finding its consumer).
async fn specs(ctx: &Context) -> anyhow::Result<(Vec<AlarmSpec>, Option<String>)> {
    let table = crate::aws::table::describe(ctx.dynamodb().await?, ctx.table()).await?;
    let gsis = crate::aws::table::gsi_names(table.as_ref());
    let gsis: Vec<&str> = gsis.iter().map(String::as_str).collect();
    let stream = table.and_then(|t| t.latest_stream_arn().map(str::to_owned));
    Ok((alarms(&ctx.names, &gsis), stream))
}

fn prefix(names: &Names) -> String {
    format!("{}-{}-", names.prefix, names.env)
}

pub async fn status(ctx: &Context) -> anyhow::Result<Report> {
    let (mut specs, stream) = specs(ctx).await?;
    let mut report = Report::check("alarms status");
    // The recommended alarms are expected once any of them exists (`apply --recommended`).
    let cw = ctx.cloudwatch().await?;
    let wanted = recommended_names(&ctx.names);
    let live = cw_alarms::describe(cw, &wanted).await.map(|mut live| {
        live.retain(|a| {
            a.alarm_name()
                .is_some_and(|n| wanted.iter().any(|w| w == n))
        });
        live
    });
    if let Ok(live) = &live
        && !live.is_empty()
    {
        let (consumer, note) = recommended_consumer(ctx, None, live, stream.as_deref()).await;
        report.notes.extend(note);
        specs.extend(recommended(
            &ctx.names,
            consumer.as_deref(),
            applied_minutes(live),
        ));
    }
    let names: Vec<String> = specs.iter().map(|s| s.name.clone()).collect();
    let found = cw_alarms::describe(cw, &names).await;
    let facts = AlarmFacts { specs, found };
    report.extend(evaluate(&facts, &prefix(&ctx.names)));
    report.set_data(&StatusData {
        alarms: facts.specs.iter().map(|s| s.name.as_str()).collect(),
    })?;
    report.correct(spec::corrections::user_errors());
    Ok(report)
}

/// `alarms status`'s `data`: the alarms checked.
#[derive(Serialize)]
struct StatusData<'a> {
    alarms: Vec<&'a str>,
}

/// `alarms apply`'s `data`: what was (or would be) done to each alarm.
#[derive(Serialize)]
struct ApplyData {
    dry_run: bool,
    plan: Vec<PlanEntry>,
}

#[derive(Serialize)]
struct PlanEntry {
    alarm: String,
    /// The finding of `alarms status` that checks it.
    check: CheckId,
    /// `create`, `update` or `unchanged`.
    action: AlarmAction,
    changes: Vec<String>,
    /// The alarm's actions (SNS topics) after the apply.
    actions: Vec<String>,
}

pub async fn apply(ctx: &Context, args: &AlarmsApplyArgs) -> anyhow::Result<Report> {
    crate::safety::guard_write(&ctx.names, "alarms apply", args.yes, args.dry_run)?;
    let (mut specs, stream) = specs(ctx).await?;
    let cw = ctx.cloudwatch().await?;
    let mut report = Report::action("alarms apply");
    if args.recommended {
        let (consumer, note) = recommended_consumer(
            ctx,
            args.consumer_function.as_deref(),
            &[],
            stream.as_deref(),
        )
        .await;
        report.notes.extend(note);
        specs.extend(recommended(
            &ctx.names,
            consumer.as_deref(),
            args.iterator_age_minutes,
        ));
    }
    let names: Vec<String> = specs.iter().map(|s| s.name.clone()).collect();
    let existing = cw_alarms::describe(cw, &names).await?;
    let mut rows = Vec::new();
    let mut plan = Vec::new();
    for spec in &specs {
        let live = existing
            .iter()
            .find(|a| a.alarm_name() == Some(spec.name.as_str()));
        // Without --sns-topic, the actions an alarm has are kept: apply never unwires a pager.
        let actions: Vec<String> = match (&args.sns_topic, live) {
            (Some(t), _) => vec![t.clone()],
            (None, Some(a)) => a.alarm_actions().to_vec(),
            (None, None) => Vec::new(),
        };
        let (action, changes) = match live {
            None => (AlarmAction::Create, vec!["new alarm".to_owned()]),
            Some(a) => {
                let mut d = drift(spec, a);
                if a.alarm_description() != Some(spec.description.as_str()) {
                    d.push("description".into());
                }
                if a.alarm_actions() != actions.as_slice() {
                    d.push(format!("actions: {:?} -> {:?}", a.alarm_actions(), actions));
                }
                if d.is_empty() {
                    (AlarmAction::Unchanged, d)
                } else {
                    (AlarmAction::Update, d)
                }
            }
        };
        rows.push(vec![
            spec.name.clone(),
            action.as_str().to_owned(),
            spec.condition(),
            changes.join("; "),
        ]);
        if !args.dry_run && action.writes() {
            cw_alarms::put(cw, spec, &actions).await?;
        }
        plan.push(PlanEntry {
            alarm: spec.name.clone(),
            check: check_name(spec, &prefix(&ctx.names)),
            action,
            changes,
            actions,
        });
    }
    report.section(Section::table(
        if args.dry_run {
            "Alarms (dry run, nothing changed)"
        } else {
            "Alarms"
        },
        &["ALARM", "ACTION", "CONDITION", "CHANGES"],
        rows,
    ));
    report.set_data(&ApplyData {
        dry_run: args.dry_run,
        plan,
    })?;
    if args.sns_topic.is_none() && existing.iter().all(|a| a.alarm_actions().is_empty()) {
        report.note("No --sns-topic: the alarms notify nobody yet (alarms status warns about it).");
    }
    report.note("Alarm 1 watches the table's own throttle events (write, read, each GSI's writes) and the on-demand per-reason ones, not UserErrors; missing datapoints count as 0 so the alarms return to OK. The latency alarms ignore periods with too few requests for a percentile.");
    report.correct(spec::corrections::user_errors());
    Ok(report)
}

/// The stream consumer's function for the recommended alarms: the flag, else the function of
/// the live IteratorAge alarm (status), else the one event source mapping reading the table's
/// stream. `None` with a note saying why the consumer's alarms are left out.
async fn recommended_consumer(
    ctx: &Context,
    flag: Option<&str>,
    live: &[aws_sdk_cloudwatch::types::MetricAlarm],
    stream: Option<&str>,
) -> (Option<String>, Option<String>) {
    if let Some(f) = flag {
        return (Some(f.to_owned()), None);
    }
    let from_live = live
        .iter()
        .filter(|a| a.metric_name() == Some("IteratorAge"))
        .flat_map(|a| a.dimensions())
        .find(|d| d.name() == Some("FunctionName"))
        .and_then(|d| d.value());
    if let Some(f) = from_live {
        return (Some(f.to_owned()), None);
    }
    let skipped = "the consumer's IteratorAge and Errors alarms are left out";
    let Some(stream) = stream else {
        return (None, Some(format!("{skipped}: the table has no stream")));
    };
    let mappings = match ctx.lambda().await {
        Ok(l) => crate::aws::streams::event_source_mappings(l, stream).await,
        Err(e) => return (None, Some(format!("{skipped}: {e}"))),
    };
    let functions: Vec<String> = match mappings {
        Ok(m) => m
            .iter()
            .filter_map(|m| m.function_arn().map(crate::checks::stream::function_name))
            .collect(),
        Err(e) => {
            return (
                None,
                Some(format!("{skipped}: {e}; name it with --consumer-function")),
            );
        }
    };
    match functions.as_slice() {
        [one] => (Some(one.clone()), None),
        [] => (
            None,
            Some(format!(
                "{skipped}: no event source mapping reads the stream; name it with --consumer-function"
            )),
        ),
        many => (
            None,
            Some(format!(
                "{skipped}: {} functions read the stream ({}); name one with --consumer-function",
                many.len(),
                many.join(", ")
            )),
        ),
    }
}

/// The IteratorAge threshold the live alarm was applied with, in minutes (default 5).
fn applied_minutes(live: &[aws_sdk_cloudwatch::types::MetricAlarm]) -> f64 {
    live.iter()
        .find(|a| a.metric_name() == Some("IteratorAge"))
        .and_then(|a| a.threshold())
        .map(|ms| ms / 60_000.0)
        .unwrap_or(DEFAULT_ITERATOR_AGE_MINUTES)
}
