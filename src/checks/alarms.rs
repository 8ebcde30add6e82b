//! `alarms status`: each runbook alarm present, as specified, quiet, and wired to someone.

use crate::report::CheckId;
use std::collections::{BTreeMap, BTreeSet};

use aws_sdk_cloudwatch::types::{MetricAlarm, MetricDataQuery, StateValue};

use crate::aws::AwsError;
use crate::aws::alarms::{self as cw_alarms, math_queries};
use crate::report::{Finding, Status};
use crate::spec::Names;
use crate::spec::alarms::{
    AlarmActions, AlarmSpec, MetricSpec, Watch, alarms, recommended, recommended_names,
};
use crate::vocab::defaults::DEFAULT_ITERATOR_AGE_MINUTES;
use aws_sdk_lambda::types::EventSourceMappingConfiguration;

#[derive(Debug)]
pub(crate) struct AlarmFacts {
    pub specs: Vec<AlarmSpec>,
    pub found: Result<Vec<MetricAlarm>, AwsError>,
    /// The stream consumer the recommended alarms watch, when they are expected for one.
    pub consumer: Option<ConsumerFacts>,
}

/// The consumer's event source mappings: its IteratorAge and Errors alarms only see it while
/// one of them reads the table's stream.
#[derive(Debug)]
pub(crate) struct ConsumerFacts {
    pub function: String,
    /// The table's stream (`None`: the table has none); `Err` when the table could not be
    /// described.
    pub stream: Result<Option<String>, String>,
    /// ListEventSourceMappings of the stream, every function's.
    pub mappings: Result<Vec<EventSourceMappingConfiguration>, String>,
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
    dynamodb: &aws_sdk_dynamodb::Client,
    names: &Names,
) -> Result<(Vec<AlarmSpec>, Option<String>), AwsError> {
    let table = crate::aws::table::describe(dynamodb, &names.table).await;
    table.map(|t| {
        let gsis = crate::aws::table::gsi_names(t.as_ref());
        let gsis: Vec<&str> = gsis.iter().map(String::as_str).collect();
        let stream = t.and_then(|t| t.latest_stream_arn().map(str::to_owned));
        (alarms(names, &gsis), stream)
    })
}

/// The alarms a table should have and the live ones: the runbook's, each GSI's from
/// DescribeTable, and the recommended ones once any of them exists (`apply --recommended`).
/// DescribeTable and one DescribeAlarms run together: the names asked are the runbook's for the
/// spec's GSIs and every recommended one (consumer or not); only a GSI the table has and the
/// spec lacks costs a second DescribeAlarms, for its alarm alone.
pub async fn gather(
    dynamodb: &aws_sdk_dynamodb::Client,
    cw: &aws_sdk_cloudwatch::Client,
    lambda: &aws_sdk_lambda::Client,
    names: &Names,
) -> AlarmGather {
    let mut notes = Vec::new();
    let spec_gsis: Vec<&str> = crate::spec::table().gsis.iter().map(|g| g.name).collect();
    let recommended_wanted = recommended_names(names);
    let health_wanted = crate::spec::alarms::health_check_names(names);
    let asked: Vec<String> = alarms(names, &spec_gsis)
        .into_iter()
        .map(|s| s.name)
        .chain(recommended_wanted.iter().cloned())
        .chain(health_wanted.iter().cloned())
        .collect();
    let (table, live) = tokio::join!(
        table_specs(dynamodb, names),
        cw_alarms::describe(cw, &asked)
    );
    let (mut specs, stream) = match table {
        Ok((specs, stream)) => (specs, Ok(stream)),
        // Without DescribeTable the GSIs are the spec's: say so rather than judge nothing.
        Err(e) => {
            notes.push(format!(
                "could not describe the table ({e}): the GSI alarms expected are the spec's ({})",
                spec_gsis.join(", ")
            ));
            (alarms(names, &spec_gsis), Err(e.to_string()))
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
    let mut consumer_facts = None;
    // The health-check alarms are expected once one exists (`apply --health-check`).
    if let Ok(live) = &live
        && live.iter().any(|a| {
            a.alarm_name()
                .is_some_and(|n| health_wanted.iter().any(|w| w == n))
        })
    {
        specs.extend(crate::spec::alarms::health_check(names));
    }
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
            let (more, facts, note) =
                expected_recommended(lambda, names, &recommended_live, stream).await;
            specs.extend(more);
            notes.extend(note);
            consumer_facts = facts;
        }
    }
    let found = live.map(|mut live| {
        live.retain(|a| {
            a.alarm_name()
                .is_some_and(|n| specs.iter().any(|s| s.name == n))
        });
        live
    });
    AlarmGather {
        facts: AlarmFacts {
            specs,
            found,
            consumer: consumer_facts,
        },
        notes,
    }
}

/// The recommended alarms expected once one of them exists, for the consumer of the live
/// IteratorAge alarm (else the stream's one mapping), with what is needed to check that the
/// consumer still reads the stream, and a note when its alarms are left out.
async fn expected_recommended(
    lambda: &aws_sdk_lambda::Client,
    names: &Names,
    recommended_live: &[MetricAlarm],
    stream: Result<Option<String>, String>,
) -> (Vec<AlarmSpec>, Option<ConsumerFacts>, Option<String>) {
    let known = stream.as_ref().ok().and_then(|s| s.as_deref());
    let mappings = stream_mappings(lambda, known).await;
    let (consumer, note) = match &stream {
        Ok(_) => consumer_from(None, recommended_live, known, &mappings),
        // The live IteratorAge alarm still names the consumer; without it, the stream is needed.
        Err(e) => match consumer_from(None, recommended_live, None, &None) {
            (Some(f), _) => (Some(f), None),
            (None, _) => (
                None,
                Some(format!(
                    "the consumer's IteratorAge and Errors alarms are left out: could not describe the table ({e})"
                )),
            ),
        },
    };
    let specs = recommended(
        names,
        consumer.as_deref(),
        applied_minutes(recommended_live),
    );
    let facts = consumer.map(|function| ConsumerFacts {
        function,
        stream,
        mappings: mappings.unwrap_or_else(|| Ok(Vec::new())),
    });
    (specs, facts, note)
}

/// The event source mappings of the table's stream (ListEventSourceMappings); `None` when the
/// table has no stream.
pub(crate) async fn stream_mappings(
    lambda: &aws_sdk_lambda::Client,
    stream: Option<&str>,
) -> Option<Result<Vec<EventSourceMappingConfiguration>, String>> {
    Some(
        crate::aws::streams::event_source_mappings(lambda, stream?)
            .await
            .map_err(|e| e.to_string()),
    )
}

/// The stream consumer's function for the recommended alarms: the flag, else the function of
/// the live IteratorAge alarm (status), else the one event source mapping reading the table's
/// stream. `None` with a note saying why the consumer's alarms are left out.
pub(crate) fn consumer_from(
    flag: Option<&str>,
    live: &[MetricAlarm],
    stream: Option<&str>,
    mappings: &Option<Result<Vec<EventSourceMappingConfiguration>, String>>,
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
    let (Some(_), Some(mappings)) = (stream, mappings) else {
        return (None, Some(format!("{skipped}: the table has no stream")));
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
                // plural-ok: two or more functions here
                "{skipped}: {} functions read the stream ({}); name one with --consumer-function",
                many.len(),
                many.join(", ")
            )),
        ),
    }
}

/// `alarm.consumer_mapping`: the consumer's alarms watch its invocations and iterator age, both
/// of which stop, without an alarm, when no enabled mapping feeds it the table's stream.
pub(crate) fn consumer_mapping_finding(c: &ConsumerFacts) -> Finding {
    let check = CheckId::AlarmConsumerMapping;
    let f = &c.function;
    let blind = "its IteratorAge and Errors alarms stay OK while nothing is read";
    let remedy = "enable or re-create the mapping on the table's LatestStreamArn (aws lambda update-event-source-mapping --uuid <uuid> --enabled); eventsctl stream-status shows the stream's consumers";
    let stream = match &c.stream {
        Ok(s) => s,
        Err(e) => {
            return Finding::unknown(
                check,
                format!(
                    "could not describe the table ({e}): whether {f} reads its stream is not known"
                ),
            )
            .remedy(
                "check the dynamodb:DescribeTable permission (eventsctl iam-policy alarms status)",
            )
            .evidence(ConsumerStream {
                function: f,
                stream: None,
            });
        }
    };
    let Some(stream) = stream else {
        return Finding::crit(
            check,
            format!("the table has no stream: the consumer {f} reads nothing and {blind}"),
        )
        .remedy(remedy)
        .evidence(ConsumerStream {
            function: f,
            stream: None,
        });
    };
    let mappings = match &c.mappings {
        Ok(m) => m,
        Err(e) => {
            return Finding::unknown(
                check,
                format!("could not list the stream's event source mappings ({e}): whether {f} still reads it is not known"),
            )
            .remedy("check the lambda:ListEventSourceMappings permission (eventsctl iam-policy alarms status)")
            .evidence(ConsumerStream {
                function: f,
                stream: Some(stream),
            });
        }
    };
    let own: Vec<&EventSourceMappingConfiguration> = mappings
        .iter()
        .filter(|m| {
            m.function_arn()
                .map(crate::checks::stream::function_name)
                .as_deref()
                == Some(f.as_str())
        })
        .collect();
    let states: Vec<&str> = own.iter().map(|m| m.state().unwrap_or("?")).collect();
    let evidence = ConsumerMappings {
        function: f,
        stream,
        mappings: own
            .iter()
            .map(|m| MappingState {
                uuid: m.uuid(),
                state: m.state(),
            })
            .collect(),
    };
    let reading = crate::checks::stream::active_readers(
        &own.iter().map(|m| (*m).clone()).collect::<Vec<_>>(),
    );
    if own.is_empty() {
        Finding::crit(
            check,
            format!("no event source mapping of {f} reads the table's stream (deleted, or on another stream): {blind}"),
        )
        .remedy(remedy)
    } else if reading.is_empty() {
        Finding::crit(
            check,
            format!("the event source mapping of {f} is {}: {blind}", states.join(", ")),
        )
        .remedy(remedy)
    } else {
        Finding::ok(
            check,
            format!("{f} reads the table's stream (mapping {})", states.join(", ")),
        )
    }
    .evidence(evidence)
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

/// The differences found so far, `field: have -> want`.
#[derive(Default)]
struct Diffs(Vec<String>);

impl Diffs {
    fn diff(&mut self, field: &str, have: String, want: String) {
        if have != want {
            self.0.push(format!("{field}: {have} -> {want}"));
        }
    }
}

/// The fields of a live alarm that differ from its spec: `field: have -> want`. A metric-math
/// spec is compared query by query with the alarm's `Metrics`.
pub(crate) fn drift(spec: &AlarmSpec, a: &MetricAlarm) -> Vec<String> {
    let mut d = Diffs::default();
    match &spec.watch {
        Watch::Metric(m) => metric_drift(&mut d, m, a),
        Watch::Math {
            expression,
            label,
            inputs,
        } => math_drift(&mut d, expression, label, inputs, a),
    }
    if let Some(want) = spec.evaluate_low_sample_count_percentile {
        d.diff(
            "evaluate_low_sample_count_percentile",
            a.evaluate_low_sample_count_percentile()
                .unwrap_or("-")
                .into(),
            want.into(),
        );
    }
    d.diff(
        "evaluation_periods",
        format!("{:?}", a.evaluation_periods()),
        format!("{:?}", Some(spec.evaluation_periods)),
    );
    d.diff(
        "datapoints_to_alarm",
        format!("{:?}", a.datapoints_to_alarm().or(a.evaluation_periods())),
        format!("{:?}", Some(spec.datapoints_to_alarm)),
    );
    d.diff(
        "threshold",
        format!("{:?}", a.threshold()),
        format!("{:?}", Some(spec.threshold)),
    );
    d.diff(
        "comparison",
        a.comparison_operator()
            .map(|c| c.as_str().to_owned())
            .unwrap_or_else(|| "-".into()),
        spec.comparison.into(),
    );
    d.diff(
        "treat_missing_data",
        a.treat_missing_data().unwrap_or("missing").into(),
        spec.treat_missing_data.into(),
    );
    d.0
}

/// What a one-metric alarm watches: namespace, metric, dimensions, statistic, period.
fn metric_drift(d: &mut Diffs, m: &MetricSpec, a: &MetricAlarm) {
    d.diff(
        "namespace",
        a.namespace().unwrap_or("-").into(),
        m.namespace.into(),
    );
    d.diff(
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
    d.diff(
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
    d.diff("statistic", have_stat, m.stat.as_str().into());
    d.diff(
        "period",
        format!("{:?}", a.period()),
        format!("{:?}", Some(m.period)),
    );
    if !a.metrics().is_empty() {
        d.diff("metrics", "metric math".into(), "none".into());
    }
}

/// What a metric-math alarm watches, query by query.
fn math_drift(
    d: &mut Diffs,
    expression: &str,
    label: &str,
    inputs: &[MetricSpec],
    a: &MetricAlarm,
) {
    if let Some(have) = a.metric_name() {
        d.diff("metric", have.into(), "metric math".into());
    }
    let want = queries_by_id(&math_queries(expression, label, inputs));
    let have = queries_by_id(a.metrics());
    if have.is_empty() {
        d.diff(
            "metrics",
            "none".into(),
            format!(
                "{}, watching {expression}",
                crate::vocab::words::count(want.len(), "query", "queries")
            ),
        );
        return;
    }
    let ids: BTreeSet<&String> = want.keys().chain(have.keys()).collect();
    for id in ids {
        d.diff(
            &format!("metrics.{id}"),
            have.get(id).cloned().unwrap_or_else(|| "-".into()),
            want.get(id).cloned().unwrap_or_else(|| "-".into()),
        );
    }
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
    let mut out = evaluate_alarms(facts, name_prefix);
    if let Some(c) = &facts.consumer {
        out.push(consumer_mapping_finding(c).runbook(RB_CONSUMER));
    }
    out
}

const RB_CONSUMER: &str =
    "Beyond the runbook: recommended alarms (docs/runbook-map.md); Issue 3, resolution 4";

/// Who the alarm notifies, as CloudWatch keeps it.
pub(crate) fn actions_of(a: &MetricAlarm) -> AlarmActions {
    AlarmActions {
        alarm: a.alarm_actions().to_vec(),
        ok: a.ok_actions().to_vec(),
        insufficient_data: a.insufficient_data_actions().to_vec(),
    }
}

/// What `alarms apply` leaves an alarm notifying: with `--sns-topic`, the topic on ALARM and OK
/// (what the spec owns); every other action as the alarm has it (its INSUFFICIENT_DATA actions
/// always, all of them without the flag). A new alarm without the flag notifies nobody.
pub(crate) fn planned_actions(topic: Option<&str>, live: Option<&MetricAlarm>) -> AlarmActions {
    let mut out = live.map(actions_of).unwrap_or_default();
    if let Some(t) = topic {
        out.alarm = vec![t.to_owned()];
        out.ok = vec![t.to_owned()];
    }
    out
}

crate::evidence! {
    /// `alarm.consumer_mapping` before the mappings could be read.
    struct ConsumerStream<'a> {
        function: &'a str,
        stream: Option<&'a str>,
    }
    /// `alarm.consumer_mapping`: the consumer's mappings on the table's stream.
    struct ConsumerMappings<'a> {
        function: &'a str,
        stream: &'a str,
        mappings: Vec<MappingState<'a>>,
    }
    struct MappingState<'a> {
        uuid: Option<&'a str>,
        state: Option<&'a str>,
    }
    /// `alarm.*`: an alarm that does not exist.
    struct AlarmNamed<'a> { alarm: &'a str }
    /// `alarm.*`: the alarm as CloudWatch holds it.
    struct LiveAlarm<'a> {
        alarm: &'a str,
        state: Option<&'a str>,
        state_reason: Option<&'a str>,
        drift: Vec<String>,
        alarm_actions: &'a [String],
        ok_actions: &'a [String],
        insufficient_data_actions: &'a [String],
        actions_enabled: bool,
    }
}

/// The spec notifies the same topics on ALARM and on OK: OK actions that differ (none, or
/// others) are drift, `ok_actions: have -> want`.
fn actions_drift(a: &MetricAlarm) -> Option<String> {
    let (alarm, ok) = (a.alarm_actions(), a.ok_actions());
    (!alarm.is_empty() && alarm != ok).then(|| format!("ok_actions: {ok:?} -> {alarm:?}"))
}

fn evaluate_alarms(facts: &AlarmFacts, name_prefix: &str) -> Vec<Finding> {
    let found = match &facts.found {
        Ok(f) => f,
        Err(e) => {
            return vec![
                Finding::unknown(
                    CheckId::AlarmDescribe,
                    format!("could not read the alarms: {e}"),
                )
                .remedy(crate::checks::evidence::unreadable_remedy(
                    e,
                    "check the cloudwatch:DescribeAlarms permission (eventsctl iam-policy alarms status)",
                )),
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
                .evidence(AlarmNamed { alarm: &spec.name })
                .remedy("eventsctl alarms apply --sns-topic <on-call topic ARN>")
                .runbook(spec.runbook);
            };
            live_alarm_finding(spec, a, check)
        })
        .collect()
}

/// One alarm that exists: its state, drift from its spec, and who it notifies.
fn live_alarm_finding(spec: &AlarmSpec, a: &MetricAlarm, check: CheckId) -> Finding {
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
            "cannot compare: the service did not return the alarm's metric or metric math".into(),
        );
        remedies.push("compare it in the CloudWatch console, or run against AWS (an emulator may drop metric math)".to_owned());
    }
    if !drift.is_empty() {
        status = status.max(Status::Warn);
        parts.push(format!("drifted from spec ({})", drift.join("; ")));
        remedies.push("eventsctl alarms apply restores the spec".to_owned());
    }
    let actions_drift = actions_drift(a);
    if let Some(d) = &actions_drift {
        status = status.max(Status::Warn);
        parts.push(format!(
                    "its OK actions differ from its alarm actions ({d}): the recovery is not told to whoever was paged"
                ));
        remedies.push(
                    "eventsctl alarms apply --sns-topic <on-call topic ARN> notifies it on ALARM and OK alike"
                        .to_owned(),
                );
    }
    let drift: Vec<String> = drift.into_iter().chain(actions_drift).collect();
    if actions.is_empty() {
        status = status.max(Status::Warn);
        parts.push("no alarm actions: nobody gets paged".into());
        remedies.push("eventsctl alarms apply --sns-topic <on-call topic ARN>".to_owned());
    } else if !enabled {
        status = status.max(Status::Warn);
        parts.push("actions disabled".into());
        remedies.push("aws cloudwatch enable-alarm-actions --alarm-names <name>".to_owned());
    } else {
        parts.push(format!("notifies {}", actions.join(", ")));
    }
    let mut f = Finding::new(check, status, parts.join("; "))
        .evidence(LiveAlarm {
            alarm: &spec.name,
            state: state.as_ref().map(|s| s.as_str()),
            state_reason: a.state_reason(),
            drift,
            alarm_actions: actions,
            ok_actions: a.ok_actions(),
            insufficient_data_actions: a.insufficient_data_actions(),
            actions_enabled: enabled,
        })
        .runbook(spec.runbook);
    if !remedies.is_empty() {
        f = f.remedy(remedies.join("; "));
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Names;
    use aws_sdk_cloudwatch::types::{ComparisonOperator, Dimension};
    use serde_json::json;

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
            .ok_actions("arn:aws:sns:us-east-1:1:oncall")
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

    /// A missing credential is a log-in problem, not a permission to grant: the remedy follows
    /// the one classification of the error (checks/evidence.rs), as the summary does.
    #[test]
    fn an_unreadable_alarm_list_is_remedied_by_its_cause() {
        use crate::aws::AwsErrorKind;
        let names = Names::derive("p", "dev", None);
        let remedy = |kind, code: Option<&str>| {
            let facts = AlarmFacts {
                specs: crate::spec::alarms::alarms(&names, &[]),
                found: Err(AwsError {
                    code: code.map(str::to_owned),
                    ..AwsError::local(kind, "cloudwatch", "DescribeAlarms", None, "refused")
                }),
                consumer: None,
            };
            let f = evaluate(&facts, "p-dev-");
            assert_eq!(f[0].check, CheckId::AlarmDescribe);
            f[0].remedy.clone().unwrap()
        };
        let no_login = remedy(AwsErrorKind::Credentials, None);
        assert!(no_login.starts_with("log in"), "{no_login}");
        assert!(!no_login.contains("permission"), "{no_login}");
        let expired = remedy(AwsErrorKind::Credentials, Some("ExpiredTokenException"));
        assert!(expired.starts_with("log in"), "{expired}");
        let denied = remedy(AwsErrorKind::AccessDenied, Some("AccessDeniedException"));
        assert!(
            denied.contains("cloudwatch:DescribeAlarms permission"),
            "{denied}"
        );
    }

    #[test]
    fn statuses() {
        let names = Names::derive("p", "dev", None);
        let specs = crate::spec::alarms::alarms(&names, &["EventTypeIndex"]);
        let all_good: Vec<MetricAlarm> = specs.iter().map(live).collect();
        let facts = AlarmFacts {
            specs: specs.clone(),
            found: Ok(all_good.clone()),
            consumer: None,
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
                consumer: None,
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
                    consumer: None,
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

    /// The spec notifies ALARM and OK alike: OK actions that are missing or go elsewhere are
    /// drift (a warning), and the evidence shows every action list.
    #[test]
    fn ok_actions_that_differ_from_the_alarm_actions_are_drift() {
        let names = Names::derive("p", "dev", None);
        let specs = crate::spec::alarms::alarms(&names, &["EventTypeIndex"]);
        let run = |found: Vec<MetricAlarm>| {
            evaluate(
                &AlarmFacts {
                    specs: specs.clone(),
                    found: Ok(found),
                    consumer: None,
                },
                "p-dev-",
            )
        };
        let first = check_name(&specs[0], "p-dev-").to_string();
        for (ok, words) in [
            (
                None,
                r#"ok_actions: [] -> ["arn:aws:sns:us-east-1:1:oncall"]"#,
            ),
            (
                Some(vec!["arn:aws:sns:us-east-1:1:slack".to_owned()]),
                r#"ok_actions: ["arn:aws:sns:us-east-1:1:slack"] -> ["arn:aws:sns:us-east-1:1:oncall"]"#,
            ),
        ] {
            let mut found: Vec<MetricAlarm> = specs.iter().map(live).collect();
            found[0].ok_actions = ok;
            found[0].insufficient_data_actions = Some(vec!["arn:aws:sns:us-east-1:1:ops".into()]);
            let out = run(found);
            let f = crate::checks::expect(&out, &first, Status::Warn, words);
            assert!(f.summary.contains("OK actions differ"), "{}", f.summary);
            assert!(
                f.remedy.as_deref().unwrap_or("").contains("--sns-topic"),
                "{f:?}"
            );
            assert_eq!(
                f.evidence["insufficient_data_actions"],
                json!(["arn:aws:sns:us-east-1:1:ops"])
            );
            assert!(out[1..].iter().all(|f| f.status == Status::Ok));
        }
    }

    /// What `alarms apply` leaves each alarm notifying: without `--sns-topic`, everything it has;
    /// with it, the topic on ALARM and OK and its INSUFFICIENT_DATA actions kept.
    #[test]
    fn apply_keeps_what_the_spec_does_not_own() {
        let t = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let names = Names::derive("p", "dev", None);
        let spec = &crate::spec::alarms::alarms(&names, &[])[0];
        let mut a = live(spec);
        a.ok_actions = Some(t(&["slack"]));
        a.insufficient_data_actions = Some(t(&["ops"]));
        assert_eq!(planned_actions(None, None), AlarmActions::default());
        assert_eq!(
            planned_actions(None, Some(&a)),
            AlarmActions {
                alarm: t(&["arn:aws:sns:us-east-1:1:oncall"]),
                ok: t(&["slack"]),
                insufficient_data: t(&["ops"]),
            }
        );
        assert_eq!(
            planned_actions(Some("new"), Some(&a)),
            AlarmActions {
                alarm: t(&["new"]),
                ok: t(&["new"]),
                insufficient_data: t(&["ops"]),
            }
        );
        assert_eq!(
            planned_actions(Some("new"), None),
            AlarmActions {
                alarm: t(&["new"]),
                ok: t(&["new"]),
                insufficient_data: vec![],
            }
        );
    }

    /// The consumer's alarms see nothing without an enabled mapping on the table's stream:
    /// `alarm.consumer_mapping` says so, case by case.
    #[test]
    fn the_consumers_mapping_is_checked() {
        use aws_sdk_lambda::types::EventSourceMappingConfiguration as Esm;
        let mapping = |function: &str, state: &str| {
            Esm::builder()
                .uuid("u-1")
                .function_arn(format!("arn:aws:lambda:us-east-1:1:function:{function}"))
                .state(state)
                .build()
        };
        let stream: Result<Option<String>, String> = Ok(Some(
            "arn:aws:dynamodb:us-east-1:1:table/t/stream/1999-01-01T00:00:00.000".to_owned(),
        ));
        type Case = (
            Result<Option<String>, String>,
            Result<Vec<Esm>, String>,
            Status,
            &'static str,
        );
        let cases: Vec<Case> = vec![
            (
                stream.clone(),
                Ok(vec![mapping("consumer", "Enabled")]),
                Status::Ok,
                "consumer reads the table's stream (mapping Enabled)",
            ),
            (
                stream.clone(),
                Ok(vec![mapping("consumer", "Disabled")]),
                Status::Crit,
                "the event source mapping of consumer is Disabled: its IteratorAge and Errors alarms stay OK while nothing is read",
            ),
            (
                stream.clone(),
                Ok(vec![mapping("someone-else", "Enabled")]),
                Status::Crit,
                "no event source mapping of consumer reads the table's stream",
            ),
            (
                stream.clone(),
                Ok(vec![]),
                Status::Crit,
                "no event source mapping of consumer reads the table's stream",
            ),
            (
                Ok(None),
                Ok(vec![]),
                Status::Crit,
                "the table has no stream",
            ),
            (
                Err("AccessDenied on dynamodb:DescribeTable".into()),
                Ok(vec![]),
                Status::Unknown,
                "could not describe the table (AccessDenied on dynamodb:DescribeTable): whether consumer reads its stream is not known",
            ),
            (
                stream.clone(),
                Err("AccessDenied on lambda:ListEventSourceMappings".into()),
                Status::Unknown,
                "could not list the stream's event source mappings",
            ),
        ];
        let names = Names::derive("p", "dev", None);
        let specs = crate::spec::alarms::recommended(&names, Some("consumer"), 5.0);
        for (stream, mappings, status, words) in cases {
            let found: Vec<MetricAlarm> = specs.iter().map(live).collect();
            let out = evaluate(
                &AlarmFacts {
                    specs: specs.clone(),
                    found: Ok(found),
                    consumer: Some(ConsumerFacts {
                        function: "consumer".into(),
                        stream,
                        mappings,
                    }),
                },
                "p-dev-",
            );
            crate::checks::expect(&out, "alarm.consumer_mapping", status, words);
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
                    consumer: None,
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
