//! `alarms status`: each runbook alarm present, as specified, quiet, and wired to someone.

use crate::report::CheckId;
use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_cloudwatch::types::{MetricAlarm, MetricDataQuery, StateValue};
use serde_json::json;

use crate::aws::AwsError;
use crate::aws::alarms::{self as cw_alarms, math_queries};
use crate::cli::DEFAULT_ITERATOR_AGE_MINUTES;
use crate::context::{Context, NoRegion};
use crate::report::{Finding, Status};
use crate::spec::alarms::{AlarmSpec, Watch, alarms, recommended, recommended_names};

#[derive(Debug)]
pub(crate) struct AlarmFacts {
    pub specs: Vec<AlarmSpec>,
    pub found: Result<Vec<MetricAlarm>, AwsError>,
}

/// What `alarms status` and `health-check monthly` read, gathered one way for both.
#[derive(Debug)]
pub(crate) struct AlarmGather {
    pub facts: AlarmFacts,
    /// Why some alarms are not expected, or where the GSIs came from: for the report's notes.
    pub notes: Vec<String>,
}

/// The runbook's alarm specs for this table, its GSIs as DescribeTable lists them (the spec's
/// may differ from what was deployed), and the table's stream ARN (for finding its consumer).
pub(crate) async fn table_specs(
    ctx: &Context,
) -> Result<Result<(Vec<AlarmSpec>, Option<String>), AwsError>, NoRegion> {
    let table = crate::aws::table::describe(ctx.dynamodb().await?, ctx.table()).await;
    Ok(table.map(|t| {
        let gsis = crate::aws::table::gsi_names(t.as_ref());
        let gsis: Vec<&str> = gsis.iter().map(String::as_str).collect();
        let stream = t.and_then(|t| t.latest_stream_arn().map(str::to_owned));
        (alarms(&ctx.names, &gsis), stream)
    }))
}

/// The alarms a table should have and the live ones: the runbook's, each GSI's from
/// DescribeTable, and the recommended ones once any of them exists (`apply --recommended`).
/// DescribeTable and one DescribeAlarms run together: the names asked are the runbook's for the
/// spec's GSIs and every recommended one (consumer or not); only a GSI the table has and the
/// spec lacks costs a second DescribeAlarms, for its alarm alone.
pub async fn gather(ctx: &Context) -> Result<AlarmGather, NoRegion> {
    let mut notes = Vec::new();
    let cw = ctx.cloudwatch().await?;
    let spec_gsis: Vec<&str> = crate::spec::table().gsis.iter().map(|g| g.name).collect();
    let recommended_wanted = recommended_names(&ctx.names);
    let asked: Vec<String> = alarms(&ctx.names, &spec_gsis)
        .into_iter()
        .map(|s| s.name)
        .chain(recommended_wanted.iter().cloned())
        .collect();
    let (table, live) = tokio::join!(table_specs(ctx), cw_alarms::describe(cw, &asked));
    let (mut specs, stream) = match table? {
        Ok(found) => found,
        // Without DescribeTable the GSIs are the spec's: say so rather than judge nothing.
        Err(e) => {
            notes.push(format!(
                "could not describe the table ({e}): the GSI alarms expected are the spec's ({})",
                spec_gsis.join(", ")
            ));
            (alarms(&ctx.names, &spec_gsis), None)
        }
    };
    let unasked: Vec<String> = specs
        .iter()
        .map(|s| s.name.clone())
        .filter(|n| !asked.contains(n))
        .collect();
    let live = match live {
        Ok(mut live) if !unasked.is_empty() => {
            cw_alarms::describe(cw, &unasked).await.map(|more| {
                live.extend(more);
                live
            })
        }
        other => other,
    };
    if let Ok(live) = &live {
        let recommended_live: Vec<MetricAlarm> = live
            .iter()
            .filter(|a| {
                a.alarm_name()
                    .is_some_and(|n| recommended_wanted.iter().any(|w| w == n))
            })
            .cloned()
            .collect();
        if !recommended_live.is_empty() {
            let (consumer, note) =
                recommended_consumer(ctx, None, &recommended_live, stream.as_deref()).await;
            notes.extend(note);
            specs.extend(recommended(
                &ctx.names,
                consumer.as_deref(),
                applied_minutes(&recommended_live),
            ));
        }
    }
    let found = live.map(|mut live| {
        live.retain(|a| {
            a.alarm_name()
                .is_some_and(|n| specs.iter().any(|s| s.name == n))
        });
        live
    });
    Ok(AlarmGather {
        facts: AlarmFacts { specs, found },
        notes,
    })
}

/// The stream consumer's function for the recommended alarms: the flag, else the function of
/// the live IteratorAge alarm (status), else the one event source mapping reading the table's
/// stream. `None` with a note saying why the consumer's alarms are left out.
pub(crate) async fn recommended_consumer(
    ctx: &Context,
    flag: Option<&str>,
    live: &[MetricAlarm],
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
fn applied_minutes(live: &[MetricAlarm]) -> f64 {
    live.iter()
        .find(|a| a.metric_name() == Some("IteratorAge"))
        .and_then(|a| a.threshold())
        .map(|ms| ms / 60_000.0)
        .unwrap_or(DEFAULT_ITERATOR_AGE_MINUTES)
}

/// One query of an alarm's `Metrics`, as text: `m1 = AWS/DynamoDB WriteThrottleEvents
/// {TableName=t} Sum 300s` or `e1 = MAX(...) "label" (watched)`.
pub(crate) fn query_text(q: &MetricDataQuery) -> String {
    let id = q.id().unwrap_or("?");
    let watched = if q.return_data() == Some(true) {
        " (watched)"
    } else {
        ""
    };
    if let Some(e) = q.expression() {
        return format!("{id} = {e} \"{}\"{watched}", q.label().unwrap_or(""));
    }
    match q.metric_stat() {
        Some(ms) => {
            let m = ms.metric();
            let dims: BTreeMap<&str, &str> = m
                .map(|m| m.dimensions())
                .unwrap_or_default()
                .iter()
                .filter_map(|d| Some((d.name()?, d.value()?)))
                .collect();
            format!(
                "{id} = {} {} {dims:?} {} {}s{watched}",
                m.and_then(|m| m.namespace()).unwrap_or("-"),
                m.and_then(|m| m.metric_name()).unwrap_or("-"),
                ms.stat().unwrap_or("-"),
                ms.period()
                    .map(|p| p.to_string())
                    .unwrap_or_else(|| "-".into())
            )
        }
        None => format!("{id} = ?{watched}"),
    }
}

fn queries_by_id(qs: &[MetricDataQuery]) -> BTreeMap<String, String> {
    qs.iter()
        .map(|q| (q.id().unwrap_or("?").to_owned(), query_text(q)))
        .collect()
}

/// The fields of a live alarm that differ from its spec: `field: have -> want`. A metric-math
/// spec is compared query by query with the alarm's `Metrics`.
pub(crate) fn drift(spec: &AlarmSpec, a: &MetricAlarm) -> Vec<String> {
    let mut out = Vec::new();
    let mut diff = |field: &str, have: String, want: String| {
        if have != want {
            out.push(format!("{field}: {have} -> {want}"));
        }
    };
    match &spec.watch {
        Watch::Metric(m) => {
            diff(
                "namespace",
                a.namespace().unwrap_or("-").into(),
                m.namespace.into(),
            );
            diff(
                "metric",
                a.metric_name().unwrap_or("-").into(),
                m.metric.clone(),
            );
            let have_dims: BTreeMap<&str, &str> = a
                .dimensions()
                .iter()
                .filter_map(|d| Some((d.name()?, d.value()?)))
                .collect();
            let want_dims: BTreeMap<&str, &str> = m
                .dimensions
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            diff(
                "dimensions",
                format!("{have_dims:?}"),
                format!("{want_dims:?}"),
            );
            let have_stat = if m.is_percentile() {
                a.extended_statistic().unwrap_or("-").to_owned()
            } else {
                a.statistic()
                    .map(|s| s.as_str().to_owned())
                    .unwrap_or_else(|| "-".into())
            };
            diff("statistic", have_stat, m.stat.as_str().into());
            diff(
                "period",
                format!("{:?}", a.period()),
                format!("{:?}", Some(m.period)),
            );
            if !a.metrics().is_empty() {
                diff("metrics", "metric math".into(), "none".into());
            }
        }
        Watch::Math {
            expression,
            label,
            inputs,
        } => {
            if let Some(have) = a.metric_name() {
                diff("metric", have.into(), "metric math".into());
            }
            let want = queries_by_id(&math_queries(expression, label, inputs));
            let have = queries_by_id(a.metrics());
            if have.is_empty() {
                diff(
                    "metrics",
                    "none".into(),
                    format!("{} queries, watching {expression}", want.len()),
                );
            } else {
                let ids: BTreeSet<&String> = want.keys().chain(have.keys()).collect();
                for id in ids {
                    diff(
                        &format!("metrics.{id}"),
                        have.get(id).cloned().unwrap_or_else(|| "-".into()),
                        want.get(id).cloned().unwrap_or_else(|| "-".into()),
                    );
                }
            }
        }
    }
    if let Some(want) = spec.evaluate_low_sample_count_percentile {
        diff(
            "evaluate_low_sample_count_percentile",
            a.evaluate_low_sample_count_percentile()
                .unwrap_or("-")
                .into(),
            want.into(),
        );
    }
    diff(
        "evaluation_periods",
        format!("{:?}", a.evaluation_periods()),
        format!("{:?}", Some(spec.evaluation_periods)),
    );
    diff(
        "datapoints_to_alarm",
        format!("{:?}", a.datapoints_to_alarm().or(a.evaluation_periods())),
        format!("{:?}", Some(spec.datapoints_to_alarm)),
    );
    diff(
        "threshold",
        format!("{:?}", a.threshold()),
        format!("{:?}", Some(spec.threshold)),
    );
    diff(
        "comparison",
        a.comparison_operator()
            .map(|c| c.as_str().to_owned())
            .unwrap_or_else(|| "-".into()),
        spec.comparison.into(),
    );
    diff(
        "treat_missing_data",
        a.treat_missing_data().unwrap_or("missing").into(),
        spec.treat_missing_data.into(),
    );
    out
}

/// The drift fields about what an alarm watches (as opposed to how it evaluates).
const WATCHED_FIELDS: [&str; 6] = [
    "namespace:",
    "metric:",
    "dimensions:",
    "statistic:",
    "period:",
    "metrics",
];

/// `alarm.events-table-throttles`: the name without the `{prefix}-{env}-` part.
pub(crate) fn check_name(spec: &AlarmSpec, prefix: &str) -> CheckId {
    CheckId::Alarm(
        spec.name
            .strip_prefix(prefix)
            .unwrap_or(&spec.name)
            .to_owned(),
    )
}

pub fn evaluate(facts: &AlarmFacts, name_prefix: &str) -> Vec<Finding> {
    let found = match &facts.found {
        Ok(f) => f,
        Err(e) => {
            return vec![
                Finding::unknown(
                    CheckId::AlarmDescribe,
                    format!("could not read the alarms: {e}"),
                )
                .remedy("check the cloudwatch:DescribeAlarms permission"),
            ];
        }
    };
    facts
        .specs
        .iter()
        .map(|spec| {
            let check = check_name(spec, name_prefix);
            let Some(a) = found
                .iter()
                .find(|a| a.alarm_name() == Some(spec.name.as_str()))
            else {
                return Finding::crit(
                    check,
                    format!("{} does not exist: nobody is told", spec.name),
                )
                .evidence(json!({"alarm": spec.name}))
                .remedy("eventsctl alarms apply --sns-topic <on-call topic ARN>")
                .runbook(spec.runbook);
            };
            // Every alarm watches a metric or metric math: an answer with neither is a service
            // that dropped the math (seen with emulators), not a drift AWS would show. What it
            // watches cannot be compared then; the alarm's own settings still can.
            let unreadable = a.metric_name().is_none() && a.metrics().is_empty();
            let drift: Vec<String> = drift(spec, a)
                .into_iter()
                .filter(|d| !unreadable || !WATCHED_FIELDS.iter().any(|w| d.starts_with(w)))
                .collect();
            let state = a.state_value().cloned();
            let actions = a.alarm_actions();
            let enabled = a.actions_enabled().unwrap_or(true);
            let mut status = Status::Ok;
            let mut parts = vec![format!(
                "state {}",
                state.as_ref().map(|s| s.as_str()).unwrap_or("?")
            )];
            let mut remedies = Vec::new();
            if state == Some(StateValue::Alarm) {
                status = status.max(Status::Crit);
                parts.push(format!(
                    "in ALARM since {}",
                    a.state_updated_timestamp()
                        .map(|t| t.to_string())
                        .unwrap_or_default()
                ));
                remedies.push(format!("follow the runbook: {}", spec.runbook));
            }
            if state == Some(StateValue::InsufficientData) {
                status = status.max(Status::Warn);
                parts.push("it cannot evaluate (no datapoints: no traffic, or a metric that is not emitted), so it would not page".into());
                remedies.push(format!(
                    "check the alarm's reason: {}",
                    a.state_reason().unwrap_or("-")
                ));
            }
            if unreadable {
                status = status.max(Status::Unknown);
                parts.push(
                    "cannot compare: the service did not return the alarm's metric or metric math"
                        .into(),
                );
                remedies.push("compare it in the CloudWatch console, or run against AWS (an emulator may drop metric math)".to_owned());
            }
            if !drift.is_empty() {
                status = status.max(Status::Warn);
                parts.push(format!("drifted from spec ({})", drift.join("; ")));
                remedies.push("eventsctl alarms apply restores the spec".to_owned());
            }
            if actions.is_empty() {
                status = status.max(Status::Warn);
                parts.push("no alarm actions: nobody gets paged".into());
                remedies.push("eventsctl alarms apply --sns-topic <on-call topic ARN>".to_owned());
            } else if !enabled {
                status = status.max(Status::Warn);
                parts.push("actions disabled".into());
                remedies
                    .push("aws cloudwatch enable-alarm-actions --alarm-names <name>".to_owned());
            } else {
                parts.push(format!("notifies {}", actions.join(", ")));
            }
            let mut f = Finding::new(check, status, parts.join("; "))
                .evidence(json!({
                    "alarm": spec.name,
                    "state": state.as_ref().map(|s| s.as_str()),
                    "state_reason": a.state_reason(),
                    "drift": drift,
                    "alarm_actions": actions,
                    "actions_enabled": enabled,
                }))
                .runbook(spec.runbook);
            if !remedies.is_empty() {
                f = f.remedy(remedies.join("; "));
            }
            f
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Names;
    use aws_sdk_cloudwatch::types::{ComparisonOperator, Dimension};

    /// What CloudWatch stores for a PutMetricAlarm of `spec`.
    fn live(spec: &AlarmSpec) -> MetricAlarm {
        let mut b = MetricAlarm::builder()
            .alarm_name(&spec.name)
            .evaluation_periods(spec.evaluation_periods)
            .datapoints_to_alarm(spec.datapoints_to_alarm)
            .threshold(spec.threshold)
            .comparison_operator(ComparisonOperator::GreaterThanThreshold)
            .treat_missing_data(spec.treat_missing_data)
            .set_evaluate_low_sample_count_percentile(
                spec.evaluate_low_sample_count_percentile.map(str::to_owned),
            )
            .state_value(StateValue::Ok)
            .alarm_actions("arn:aws:sns:us-east-1:1:oncall")
            .actions_enabled(true);
        b = match &spec.watch {
            Watch::Metric(m) => {
                let b = b
                    .namespace(m.namespace)
                    .metric_name(&m.metric)
                    .set_dimensions(Some(
                        m.dimensions
                            .iter()
                            .map(|(k, v)| Dimension::builder().name(k).value(v).build())
                            .collect(),
                    ))
                    .period(m.period);
                match m.stat.statistic() {
                    Some(s) => b.statistic(s),
                    None => b.extended_statistic(m.stat.as_str()),
                }
            }
            Watch::Math {
                expression,
                label,
                inputs,
            } => b.set_metrics(Some(math_queries(expression, label, inputs))),
        };
        b.build()
    }

    #[test]
    fn statuses() {
        let names = Names::derive("p", "dev", None);
        let specs = crate::spec::alarms::alarms(&names, &["EventTypeIndex"]);
        let all_good: Vec<MetricAlarm> = specs.iter().map(live).collect();
        let facts = AlarmFacts {
            specs: specs.clone(),
            found: Ok(all_good.clone()),
        };
        assert!(
            evaluate(&facts, "p-dev-")
                .iter()
                .all(|f| f.status == Status::Ok)
        );

        // (mutation of the first alarm, expected status)
        type Mutate = Box<dyn Fn(&mut Vec<MetricAlarm>)>;
        let cases: Vec<(Mutate, Status)> = vec![
            (
                Box::new(|v: &mut Vec<MetricAlarm>| {
                    v.remove(0);
                }),
                Status::Crit,
            ),
            (
                Box::new(|v: &mut Vec<MetricAlarm>| v[0].state_value = Some(StateValue::Alarm)),
                Status::Crit,
            ),
            (
                Box::new(|v: &mut Vec<MetricAlarm>| v[0].threshold = Some(50.0)),
                Status::Warn,
            ),
            (
                Box::new(|v: &mut Vec<MetricAlarm>| v[0].metric_name = Some("UserErrors".into())),
                Status::Warn,
            ),
            // The math an earlier version wrote without FILL: it latches in ALARM on AWS.
            (
                Box::new(|v: &mut Vec<MetricAlarm>| {
                    let mut m = v[0].metrics.clone().unwrap();
                    let e = m.last_mut().unwrap();
                    *e = MetricDataQuery::builder()
                        .id("e1")
                        .expression("m1")
                        .return_data(true)
                        .build();
                    v[0].metrics = Some(m);
                }),
                Status::Warn,
            ),
            // What the emulator keeps of a math alarm: no Metrics at all.
            (
                Box::new(|v: &mut Vec<MetricAlarm>| v[0].metrics = None),
                Status::Unknown,
            ),
            (
                Box::new(|v: &mut Vec<MetricAlarm>| v[0].alarm_actions = None),
                Status::Warn,
            ),
            (
                Box::new(|v: &mut Vec<MetricAlarm>| v[0].actions_enabled = Some(false)),
                Status::Warn,
            ),
            (
                Box::new(|v: &mut Vec<MetricAlarm>| {
                    v[0].state_value = Some(StateValue::InsufficientData)
                }),
                Status::Warn,
            ),
        ];
        // The latency alarms: low-sample percentiles must be ignored.
        let mut no_low = all_good.clone();
        let last = no_low.len() - 1;
        no_low[last].evaluate_low_sample_count_percentile = None;
        let f = evaluate(
            &AlarmFacts {
                specs: specs.clone(),
                found: Ok(no_low),
            },
            "p-dev-",
        );
        assert_eq!(f[last].status, Status::Warn);
        assert!(
            f[last]
                .summary
                .contains("evaluate_low_sample_count_percentile: - -> ignore"),
            "{}",
            f[last].summary
        );
        for (i, (mutate, want)) in cases.iter().enumerate() {
            let mut found = all_good.clone();
            mutate(&mut found);
            let findings = evaluate(
                &AlarmFacts {
                    specs: specs.clone(),
                    found: Ok(found),
                },
                "p-dev-",
            );
            assert_eq!(findings[0].status, *want, "case {i}: {:?}", findings[0]);
            assert!(
                findings[1..].iter().all(|f| f.status == Status::Ok),
                "case {i}"
            );
        }
    }

    /// docs/evidence.md, `alarm.*`: what each alarm finding says when its evidence is missing.
    #[test]
    fn alarms_without_evidence() {
        use crate::checks::expect;
        let names = Names::derive("p", "dev", None);
        let specs = crate::spec::alarms::alarms(&names, &["EventTypeIndex"]);
        let first = check_name(&specs[0], "p-dev-");
        let run = |found: Result<Vec<MetricAlarm>, AwsError>| {
            evaluate(
                &AlarmFacts {
                    specs: specs.clone(),
                    found,
                },
                "p-dev-",
            )
        };
        let denied = crate::checks::denied("cloudwatch", "DescribeAlarms");
        let out = run(Err(denied));
        assert_eq!(out.len(), 1, "{out:?}");
        expect(
            &out,
            "alarm.describe",
            Status::Unknown,
            "could not read the alarms",
        );

        type Mutate = fn(&mut Vec<MetricAlarm>);
        let cases: [(Mutate, Status, &str); 6] = [
            (
                |v| drop(v.remove(0)),
                Status::Crit,
                "does not exist: nobody is told",
            ),
            (
                |v| v[0].state_value = Some(StateValue::InsufficientData),
                Status::Warn,
                "it cannot evaluate (no datapoints: no traffic, or a metric that is not emitted), so it would not page",
            ),
            (
                |v| v[0].metrics = None,
                Status::Unknown,
                "cannot compare: the service did not return the alarm's metric or metric math",
            ),
            (
                |v| v[0].alarm_actions = None,
                Status::Warn,
                "no alarm actions: nobody gets paged",
            ),
            (
                |v| v[0].actions_enabled = Some(false),
                Status::Warn,
                "actions disabled",
            ),
            (
                |_| {},
                Status::Ok,
                "state OK; notifies arn:aws:sns:us-east-1:1:oncall",
            ),
        ];
        for (mutate, status, words) in cases {
            let mut found: Vec<MetricAlarm> = specs.iter().map(live).collect();
            mutate(&mut found);
            expect(&run(Ok(found)), &first.to_string(), status, words);
        }
    }
}
