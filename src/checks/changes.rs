//! What changed before the incident: CloudTrail management events on the table, its alarms and
//! its stream consumer, the alarms' history and the throttle/latency spikes, on one time axis.
//!
//! `gather` looks events up by name (LookupEvents takes one attribute a call) and keeps those
//! about this table; `evaluate` is pure: it summarises each event's request parameters and
//! classifies a change that breaks the spec (TTL off, stream off or the wrong view type, PITR
//! off, the table or one of its indexes deleted) as crit with who made it, unless a later
//! change in the window undid it.
//!
//! AWS records `requestParameters` with camelCase keys (`timeToLiveSpecification.enabled`);
//! other recorders keep the API's PascalCase. Keys are matched without regard to case.
//! <https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/logging-using-cloudtrail.html>

use crate::aws::metrics::Stat;
use crate::report::CheckId;
use crate::vocab::words::count;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use serde_json::Value;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::aws::AwsError;
use crate::aws::alarm_history::{self, AlarmChange};
use crate::aws::cloudtrail::{self, By, Lookup, TrailEvent};
use crate::aws::metrics::{self, MetricKey, MetricSet, Window};
use crate::report::{Finding, Status};
use crate::spec::{self, Names};

/// What a change touched, for the spec verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Aspect {
    Ttl,
    Stream,
    Pitr,
    Table,
    Indexes,
    Billing,
    Tags,
    ContributorInsights,
    Alarms,
    Consumer,
}

impl Aspect {
    /// The finding that judges the aspect's latest change; `None` for tags and Contributor
    /// Insights, whose changes are shown in the timeline and never judged.
    pub(crate) fn check_id(self) -> Option<CheckId> {
        match self {
            Aspect::Ttl => Some(CheckId::ChangesTtl),
            Aspect::Stream => Some(CheckId::ChangesStream),
            Aspect::Pitr => Some(CheckId::ChangesPitr),
            Aspect::Table => Some(CheckId::ChangesTable),
            Aspect::Indexes => Some(CheckId::ChangesIndexes),
            Aspect::Billing => Some(CheckId::ChangesBilling),
            Aspect::Alarms => Some(CheckId::ChangesAlarms),
            Aspect::Consumer => Some(CheckId::ChangesConsumer),
            Aspect::Tags | Aspect::ContributorInsights => None,
        }
    }

    /// The CloudTrail event names that change this aspect.
    pub(crate) fn events(self) -> &'static [&'static str] {
        match self {
            Aspect::Ttl => &["UpdateTimeToLive"],
            Aspect::Stream | Aspect::Indexes | Aspect::Billing => &["UpdateTable"],
            Aspect::Pitr => &["UpdateContinuousBackups"],
            Aspect::Table => &["DeleteTable", "RestoreTableToPointInTime"],
            Aspect::Tags => &["TagResource", "UntagResource"],
            Aspect::ContributorInsights => &["UpdateContributorInsights"],
            Aspect::Alarms => &["PutMetricAlarm", "DeleteAlarms", "DisableAlarmActions"],
            Aspect::Consumer => &[
                "UpdateEventSourceMapping20150331",
                "DeleteEventSourceMapping20150331",
            ],
        }
    }
}

/// Every aspect `changes` looks at.
pub const ALL: &[Aspect] = &[
    Aspect::Ttl,
    Aspect::Stream,
    Aspect::Pitr,
    Aspect::Table,
    Aspect::Indexes,
    Aspect::Billing,
    Aspect::Tags,
    Aspect::ContributorInsights,
    Aspect::Alarms,
    Aspect::Consumer,
];

/// How bad a change is for the table as the runbook specifies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Neutral, or it restores the spec.
    None,
    /// Worth knowing during an incident (an alarm deleted, the consumer disabled).
    Warn,
    /// The table no longer matches the spec (crit).
    BreaksSpec,
}

/// One entry of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Change {
    /// `cloudtrail`, `alarm_history` or `metrics`.
    pub source: &'static str,
    pub time: DateTime<Utc>,
    /// The CloudTrail event name (`UpdateTimeToLive`), the history item type, or the metric.
    pub event: String,
    pub aspect: Option<Aspect>,
    /// The identity ARN (CloudTrail only).
    pub identity: Option<String>,
    pub source_ip: Option<String>,
    pub user_agent: Option<String>,
    /// What the change was about: the table, an alarm, an index, a mapping.
    pub resource: String,
    /// The change in words: "TTL disabled (attribute `ttl`)".
    pub change: String,
    pub impact: Impact,
    /// CloudTrail's event id, to find the full record.
    pub event_id: Option<String>,
}

/// A run of periods in which a metric was over its threshold.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Spike {
    pub metric: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub peak: f64,
    pub total: f64,
    pub unit: &'static str,
}

/// What `gather` read.
#[derive(Debug)]
pub struct ChangeFacts {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The lookups made (`ResourceName=<table>`, `EventName=...`), in the order they went.
    pub looked_up: Vec<String>,
    pub trail: Result<Lookup, AwsError>,
    /// Aspects whose lookups had not answered by the deadline: not checked, never "no change".
    pub unchecked: Vec<Aspect>,
    /// `None`: not asked for.
    pub history: Option<Result<Vec<AlarmChange>, AwsError>>,
    pub metrics: Option<Result<MetricSet, AwsError>>,
}

/// What to read besides CloudTrail.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub aspects: &'a [Aspect],
    pub alarm_history: bool,
    pub metrics: bool,
}

/// One LookupEvents (with its pages) and the aspects whose changes it finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub by: By,
    pub aspects: Vec<Aspect>,
}

/// The resource type CloudTrail gives a CloudWatch alarm in an event's `Resources`.
pub(crate) const ALARM_TYPE: &str = "AWS::CloudWatch::Alarm";

/// The lookups that find the changes of `aspects`, as few as CloudTrail allows (one attribute a
/// call, two calls a second), in the order of the aspects (the first is the one a check
/// cares most about: it answers first).
///
/// - Every DynamoDB aspect: one lookup by the table as `ResourceName`. It returns every event
///   whose `Resources` name the table: the control-plane calls that name it (UpdateTable,
///   UpdateTimeToLive, UpdateContinuousBackups, DeleteTable, UpdateContributorInsights, the
///   restores from or into it, TagResource/UntagResource by its ARN), and the reads of it
///   (DescribeTable, ...), which `summarise` drops. Item writes are data events: never in the
///   event history. Which parameter AWS turns into a resource name is not documented per
///   DynamoDB event; recorded AWS-shaped events test the plan (tests/integration/changes.rs),
///   and the emulator, which names only a `TableName` field, cannot prove the others.
/// - Alarms: one lookup by resource type `AWS::CloudWatch::Alarm` (PutMetricAlarm,
///   DeleteAlarms, DisableAlarmActions, ... of every alarm of the Region; ours are kept by name).
/// - The stream consumer: its mapping events by name (UpdateEventSourceMapping20150331,
///   DeleteEventSourceMapping20150331): Update and Delete name only the mapping's UUID, and the
///   stream ARN that makes it this table's consumer is only in the record.
///
/// <https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html>
pub fn plan(aspects: &[Aspect], table: &str) -> Vec<Planned> {
    let mut out: Vec<Planned> = Vec::new();
    for aspect in aspects {
        let lookups: Vec<By> = match aspect {
            Aspect::Alarms => vec![By::ResourceType(ALARM_TYPE)],
            Aspect::Consumer => aspect.events().iter().map(|n| By::EventName(n)).collect(),
            _ => vec![By::ResourceName(table.to_owned())],
        };
        for by in lookups {
            match out.iter_mut().find(|p| p.by == by) {
                Some(p) if !p.aspects.contains(aspect) => p.aspects.push(*aspect),
                Some(_) => {}
                None => out.push(Planned {
                    by,
                    aspects: vec![*aspect],
                }),
            }
        }
    }
    out
}

/// The throttle and latency metrics whose spikes go on the timeline.
pub(crate) fn spike_keys(table: &str) -> Vec<(MetricKey, f64, &'static str)> {
    let mut keys = vec![
        (
            MetricKey::table("WriteThrottleEvents", table, Stat::Sum),
            0.0,
            "events",
        ),
        (
            MetricKey::table("ReadThrottleEvents", table, Stat::Sum),
            0.0,
            "events",
        ),
    ];
    for op in ["PutItem", "Query"] {
        keys.push((
            MetricKey::op("SuccessfulRequestLatency", table, op, Stat::P99),
            spec::targets::latency_targets(op).p99,
            "ms",
        ));
    }
    keys
}

/// How long a check that is done waits for a lookup whose call is already on the wire.
pub(crate) const ON_THE_WIRE_GRACE: std::time::Duration = std::time::Duration::from_millis(200);

/// Runs the lookups of `plan` at once (their calls paced to CloudTrail's two a second, in the
/// plan's order) until they are done or `until` resolves, whichever is first. A lookup that had
/// not finished by then is in `unfinished`, and the aspects it covers in the second value.
pub(crate) async fn look_up(
    client: &aws_sdk_cloudtrail::Client,
    plan: &[Planned],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    until: impl std::future::Future<Output = ()>,
) -> (Result<Lookup, AwsError>, Vec<Aspect>) {
    let pacer = cloudtrail::pacer();
    // Each lookup's answer lands in its slot when it is whole: one cut short by the deadline
    // leaves `None` (not checked), never a part of its pages taken for all of them.
    let slots: Vec<std::sync::Mutex<Option<Result<Lookup, AwsError>>>> =
        plan.iter().map(|_| std::sync::Mutex::new(None)).collect();
    let sent: Vec<AtomicBool> = plan.iter().map(|_| AtomicBool::new(false)).collect();
    let all =
        futures::future::join_all(plan.iter().zip(&slots).zip(&sent).map(|((p, slot), sent)| {
            let pacer = &pacer;
            async move {
                let mut found = Lookup::default();
                let r =
                    cloudtrail::lookup(client, pacer, &p.by, (start, end), &mut found, sent).await;
                let done = r.map(|()| found);
                *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(done);
            }
        }));
    let mut all = std::pin::pin!(all);
    tokio::select! {
        _ = &mut all => {}
        () = until => {
            // A lookup already on the wire gets a moment to answer; one still waiting for its
            // turn in the pacing does not.
            let on_the_wire = sent.iter().zip(&slots).any(|(s, slot)| {
                s.load(Ordering::Relaxed) && slot.lock().unwrap_or_else(|e| e.into_inner()).is_none()
            });
            if on_the_wire {
                let _ = tokio::time::timeout(ON_THE_WIRE_GRACE, &mut all).await;
            }
        }
    }
    let mut merged = Lookup::default();
    let mut unchecked: Vec<Aspect> = Vec::new();
    for (p, slot) in plan.iter().zip(&slots) {
        let answer = slot.lock().unwrap_or_else(|e| e.into_inner()).take();
        match answer {
            Some(Ok(l)) => {
                merged.events.extend(l.events);
                merged.truncated.extend(l.truncated);
            }
            Some(Err(e)) => return (Err(e), Vec::new()),
            None => {
                merged.unfinished.push(p.by.to_string());
                unchecked.extend(p.aspects.iter().copied());
            }
        }
    }
    // An aspect is checked when every lookup that covers it answered.
    unchecked.sort_by_key(|a| ALL.iter().position(|x| x == a));
    unchecked.dedup();
    merged.events.sort_by_key(|e| std::cmp::Reverse(e.time));
    (Ok(merged), unchecked)
}

/// Reads CloudTrail (the lookups of [`plan`], at once, paced) until done or `until`, and, as
/// asked, the alarm history and the metrics, concurrently with it.
pub async fn gather(
    trail_client: &aws_sdk_cloudtrail::Client,
    cw: &aws_sdk_cloudwatch::Client,
    names: &Names,
    since: Duration,
    scope: Scope<'_>,
    until: impl std::future::Future<Output = ()>,
) -> ChangeFacts {
    let end = Utc::now();
    let start = end - since;
    let planned = plan(scope.aspects, &names.table);
    let looked_up = planned.iter().map(|p| p.by.to_string()).collect();
    let trail = look_up(trail_client, &planned, start, end, until);
    let history = async {
        if !scope.alarm_history {
            return None;
        }
        let prefix = format!("{}-{}-", names.prefix, names.env);
        Some(
            async {
                let names = alarm_history::names_with_prefix(cw, &prefix).await?;
                alarm_history::history(cw, &names, start, end).await
            }
            .await,
        )
    };
    let metrics = async {
        if !scope.metrics {
            return None;
        }
        let window = Window::last(since, end);
        let keys: Vec<MetricKey> = spike_keys(&names.table).into_iter().map(|k| k.0).collect();
        Some(metrics::fetch(cw, window, &keys).await)
    };
    let ((trail, unchecked), history, metrics) = tokio::join!(trail, history, metrics);
    ChangeFacts {
        start,
        end,
        looked_up,
        trail,
        unchecked,
        history,
        metrics,
    }
}

// ---- reading requestParameters, whatever the case of their keys ----

fn get<'v>(v: &'v Value, key: &str) -> Option<&'v Value> {
    v.as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
}

fn at<'v>(v: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(v, |v, k| get(v, k))
}

fn str_at<'v>(v: &'v Value, path: &[&str]) -> Option<&'v str> {
    at(v, path).and_then(Value::as_str)
}

/// A boolean, also when a recorder kept it as a string.
fn bool_at(v: &Value, path: &[&str]) -> Option<bool> {
    match at(v, path)? {
        Value::Bool(b) => Some(*b),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn strings_at(v: &Value, path: &[&str]) -> Vec<String> {
    match at(v, path) {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn names_table(e: &TrailEvent, table: &str) -> bool {
    let arn_suffix = format!(":table/{table}");
    let by_arn = |s: &str| s == table || s.ends_with(&arn_suffix);
    ["tableName", "tableArn", "resourceArn"]
        .iter()
        .filter_map(|k| str_at(&e.request, &[k]))
        .any(by_arn)
        || e.resources.iter().any(|r| by_arn(r))
}

/// Whether an event source mapping event reads `table`'s stream: the `eventSourceArn` the
/// request names (CreateEventSourceMapping) or the mapping the response describes (Update and
/// Delete name only the UUID), an ARN `arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL`.
fn mentions_stream_of(e: &TrailEvent, table: &str) -> bool {
    let of_table = |arn: &str| {
        arn.split_once(":table/")
            .and_then(|(_, rest)| rest.split_once("/stream/"))
            .is_some_and(|(name, _)| name == table)
    };
    [
        str_at(&e.request, &["eventSourceArn"]),
        str_at(&e.response, &["eventSourceArn"]),
    ]
    .into_iter()
    .flatten()
    .any(of_table)
}

struct Summary {
    aspect: Aspect,
    resource: String,
    change: String,
    impact: Impact,
}

fn summary(aspect: Aspect, resource: &str, change: String, impact: Impact) -> Option<Summary> {
    Some(Summary {
        aspect,
        resource: resource.to_owned(),
        change,
        impact,
    })
}

fn breaks(yes: bool) -> Impact {
    if yes {
        Impact::BreaksSpec
    } else {
        Impact::None
    }
}

fn update_table(r: &Value, table: &str) -> Option<Summary> {
    let want_view = spec::table().stream_view;
    if let Some(stream) = get(r, "streamSpecification") {
        let enabled = bool_at(stream, &["streamEnabled"]).unwrap_or(true);
        let view = str_at(stream, &["streamViewType"]);
        return if !enabled {
            summary(
                Aspect::Stream,
                table,
                "stream disabled".into(),
                Impact::BreaksSpec,
            )
        } else {
            let view = view.unwrap_or("(not given)");
            summary(
                Aspect::Stream,
                table,
                format!("stream enabled, view type {view}"),
                breaks(view != want_view.as_str()),
            )
        };
    }
    if let Some(Value::Array(updates)) = get(r, "globalSecondaryIndexUpdates") {
        let spec_names: Vec<&str> = spec::table().gsis.iter().map(|g| g.name).collect();
        let mut parts = Vec::new();
        let mut impact = Impact::None;
        for u in updates {
            for (verb, key) in [
                ("created", "create"),
                ("deleted", "delete"),
                ("updated", "update"),
            ] {
                if let Some(name) = str_at(u, &[key, "indexName"]) {
                    parts.push(format!("index {name} {verb}"));
                    if key == "delete" && spec_names.contains(&name) {
                        impact = Impact::BreaksSpec;
                    }
                }
            }
        }
        if !parts.is_empty() {
            return summary(Aspect::Indexes, table, parts.join(", "), impact);
        }
    }
    let mut parts = Vec::new();
    if let Some(mode) = str_at(r, &["billingMode"]) {
        parts.push(format!("billing mode {mode}"));
    }
    if get(r, "provisionedThroughput").is_some() {
        parts.push("provisioned throughput changed".to_owned());
    }
    if let Some(t) = get(r, "onDemandThroughput") {
        parts.push(format!("on-demand maximum {t}"));
    }
    if let Some(on) = bool_at(r, &["deletionProtectionEnabled"]) {
        parts.push(format!(
            "deletion protection {}",
            if on { "on" } else { "off" }
        ));
    }
    if let Some(class) = str_at(r, &["tableClass"]) {
        parts.push(format!("table class {class}"));
    }
    // Another billing mode is drift `table verify` warns about: worth knowing, not crit.
    let impact = match str_at(r, &["billingMode"]) {
        Some(m) if m != spec::table().billing.as_str() => Impact::Warn,
        _ => Impact::None,
    };
    let change = if parts.is_empty() {
        "table settings updated".to_owned()
    } else {
        parts.join(", ")
    };
    summary(Aspect::Billing, table, change, impact)
}

fn alarm_event(e: &TrailEvent, alarm_prefix: &str) -> Option<Summary> {
    let r = &e.request;
    let ours = |n: &String| n.starts_with(alarm_prefix);
    match e.name.as_str() {
        "PutMetricAlarm" => {
            let name = str_at(r, &["alarmName"])?.to_owned();
            if !ours(&name) {
                return None;
            }
            let mut change = "alarm created or updated".to_owned();
            if let Some(t) = at(r, &["threshold"]) {
                change.push_str(&format!(", threshold {t}"));
            }
            if bool_at(r, &["actionsEnabled"]) == Some(false) {
                change.push_str(", actions disabled");
            }
            let impact = if bool_at(r, &["actionsEnabled"]) == Some(false) {
                Impact::Warn
            } else {
                Impact::None
            };
            summary(Aspect::Alarms, &name, change, impact)
        }
        "DeleteAlarms" | "DisableAlarmActions" => {
            let names: Vec<String> = strings_at(r, &["alarmNames"])
                .into_iter()
                .filter(ours)
                .collect();
            if names.is_empty() {
                return None;
            }
            let what = if e.name == "DeleteAlarms" {
                "alarm deleted"
            } else {
                "alarm actions disabled"
            };
            summary(
                Aspect::Alarms,
                &names.join(", "),
                what.to_owned(),
                Impact::Warn,
            )
        }
        _ => None,
    }
}

fn consumer_event(e: &TrailEvent, table: &str) -> Option<Summary> {
    if !mentions_stream_of(e, table) {
        return None;
    }
    let r = &e.request;
    let uuid = str_at(r, &["uUID"])
        .or_else(|| str_at(r, &["uuid"]))
        .or_else(|| str_at(&e.response, &["uUID"]))
        .unwrap_or("event source mapping");
    let function = str_at(r, &["functionName"])
        .or_else(|| str_at(&e.response, &["functionArn"]))
        .map(|f| format!(" ({f})"))
        .unwrap_or_default();
    let resource = format!("{uuid}{function}");
    if e.name.starts_with("DeleteEventSourceMapping") {
        return summary(
            Aspect::Consumer,
            &resource,
            "stream consumer mapping deleted".into(),
            Impact::Warn,
        );
    }
    let mut parts = Vec::new();
    let mut impact = Impact::None;
    if let Some(on) = bool_at(r, &["enabled"]) {
        parts.push(
            if on {
                "mapping enabled"
            } else {
                "mapping disabled"
            }
            .to_owned(),
        );
        if !on {
            impact = Impact::Warn;
        }
    }
    if let Some(b) = at(r, &["batchSize"]) {
        parts.push(format!("batch size {b}"));
    }
    if let Some(f) = str_at(r, &["functionName"]) {
        parts.push(format!("function {f}"));
    }
    if parts.is_empty() {
        parts.push("mapping updated".to_owned());
    }
    summary(Aspect::Consumer, &resource, parts.join(", "), impact)
}

fn table_event(e: &TrailEvent, table: &str) -> Option<Summary> {
    let r = &e.request;
    match e.name.as_str() {
        "RestoreTableToPointInTime" => restore_event(r, table),
        _ if !names_table(e, table) => None,
        "UpdateTimeToLive" => ttl_event(r, table),
        "UpdateContinuousBackups" => backups_event(r, table),
        "DeleteTable" => summary(
            Aspect::Table,
            table,
            "table deleted".into(),
            Impact::BreaksSpec,
        ),
        "UpdateTable" => update_table(r, table),
        "TagResource" => {
            let keys: Vec<String> = match get(r, "tags") {
                Some(Value::Array(tags)) => tags
                    .iter()
                    .filter_map(|t| str_at(t, &["key"]).map(str::to_owned))
                    .collect(),
                _ => Vec::new(),
            };
            summary(
                Aspect::Tags,
                table,
                format!("tags set: {}", keys.join(", ")),
                Impact::None,
            )
        }
        "UntagResource" => summary(
            Aspect::Tags,
            table,
            format!("tags removed: {}", strings_at(r, &["tagKeys"]).join(", ")),
            Impact::None,
        ),
        "UpdateContributorInsights" => {
            let action = str_at(r, &["contributorInsightsAction"]).unwrap_or("changed");
            let on = str_at(r, &["indexName"])
                .map(|i| format!(" on index {i}"))
                .unwrap_or_default();
            summary(
                Aspect::ContributorInsights,
                table,
                format!("Contributor Insights {}{on}", action.to_ascii_lowercase()),
                Impact::None,
            )
        }
        _ => None,
    }
}

/// A restore from this table, or into it.
fn restore_event(r: &Value, table: &str) -> Option<Summary> {
    let source = str_at(r, &["sourceTableName"]).unwrap_or("");
    let target = str_at(r, &["targetTableName"]).unwrap_or("");
    let source_is_ours = source == table
        || str_at(r, &["sourceTableArn"]).is_some_and(|a| a.ends_with(&format!(":table/{table}")));
    let to = str_at(r, &["restoreDateTime"])
        .map(|t| format!(" as of {t}"))
        .unwrap_or_else(|| {
            if bool_at(r, &["useLatestRestorableTime"]) == Some(true) {
                " as of the latest restorable time".to_owned()
            } else {
                String::new()
            }
        });
    if source_is_ours {
        summary(
            Aspect::Table,
            table,
            format!("restored into {target}{to}"),
            Impact::None,
        )
    } else if target == table {
        summary(
            Aspect::Table,
            table,
            format!("created by a restore of {source}{to}"),
            Impact::None,
        )
    } else {
        None
    }
}

/// TTL switched on or off, and on which attribute.
fn ttl_event(r: &Value, table: &str) -> Option<Summary> {
    let spec = get(r, "timeToLiveSpecification").unwrap_or(&Value::Null);
    let attribute = str_at(spec, &["attributeName"]).unwrap_or("?");
    match bool_at(spec, &["enabled"]) {
        Some(false) => summary(
            Aspect::Ttl,
            table,
            format!("TTL disabled (attribute `{attribute}`)"),
            Impact::BreaksSpec,
        ),
        _ => summary(
            Aspect::Ttl,
            table,
            format!("TTL enabled on `{attribute}`"),
            breaks(attribute != spec::TTL_ATTRIBUTE),
        ),
    }
}

/// The time of the last CloudTrail event in `timeline` that switched PITR on (a change of its
/// recovery period included: its history is not judged shorter for it).
pub(crate) fn last_pitr_enable(timeline: &[Change]) -> Option<DateTime<Utc>> {
    timeline
        .iter()
        .filter(|c| {
            c.source == "cloudtrail"
                && c.aspect == Some(Aspect::Pitr)
                && c.event == "UpdateContinuousBackups"
                && c.impact == Impact::None
        })
        .map(|c| c.time)
        .max()
}

/// PITR switched on or off, and its recovery period.
fn backups_event(r: &Value, table: &str) -> Option<Summary> {
    let p = get(r, "pointInTimeRecoverySpecification").unwrap_or(&Value::Null);
    match bool_at(p, &["pointInTimeRecoveryEnabled"]) {
        Some(false) => summary(
            Aspect::Pitr,
            table,
            "PITR disabled".into(),
            Impact::BreaksSpec,
        ),
        _ => {
            let days = at(p, &["recoveryPeriodInDays"]).and_then(Value::as_i64);
            let change = match days {
                Some(d) => format!(
                    "PITR enabled, {} of recovery",
                    crate::vocab::words::plural(d.unsigned_abs(), "day", "days")
                ),
                None => "PITR enabled".to_owned(),
            };
            summary(Aspect::Pitr, table, change, Impact::None)
        }
    }
}

/// The timeline entry of one CloudTrail event, when it is about this table, its alarms or its
/// stream consumer and it succeeded; `None` otherwise.
pub(crate) fn summarise(e: &TrailEvent, names: &Names) -> Option<Change> {
    if e.error_code.is_some() {
        return None;
    }
    let alarm_prefix = format!("{}-{}-", names.prefix, names.env);
    let s = match e.source.as_str() {
        "monitoring.amazonaws.com" => alarm_event(e, &alarm_prefix),
        "lambda.amazonaws.com" => consumer_event(e, &names.table),
        _ => table_event(e, &names.table),
    }?;
    Some(Change {
        source: "cloudtrail",
        time: e.time,
        event: e.name.clone(),
        aspect: Some(s.aspect),
        identity: Some(e.identity.clone()),
        source_ip: e.source_ip.clone(),
        user_agent: e.user_agent.clone(),
        resource: s.resource,
        change: s.change,
        impact: s.impact,
        event_id: Some(e.id.clone()).filter(|i| !i.is_empty()),
    })
}

/// Runs of consecutive periods above the threshold, per metric.
pub(crate) fn spikes(set: &MetricSet, table: &str) -> Vec<Spike> {
    let period = Duration::seconds(i64::from(set.window.period));
    let mut out = Vec::new();
    for (key, threshold, unit) in spike_keys(table) {
        let series = set.series(&key);
        let mut run: Option<Spike> = None;
        for (t, v) in &series.points {
            let over = *v > threshold;
            match (&mut run, over) {
                (Some(r), true) if *t <= r.end => {
                    r.end = *t + period;
                    r.peak = r.peak.max(*v);
                    r.total += v;
                }
                (_, true) => {
                    out.extend(run.take());
                    run = Some(Spike {
                        metric: key.label(),
                        start: *t,
                        end: *t + period,
                        peak: *v,
                        total: *v,
                        unit,
                    });
                }
                (_, false) => out.extend(run.take()),
            }
        }
        out.extend(run);
    }
    out
}

fn spike_change(s: &Spike) -> Change {
    let minutes = (s.end - s.start).num_minutes();
    let change = if s.unit == "ms" {
        format!("above target for {minutes} min, peak {:.1} ms", s.peak)
    } else {
        format!(
            "{:.0} in {minutes} min, peak {:.0} a period",
            s.total, s.peak
        )
    };
    Change {
        source: "metrics",
        time: s.start,
        event: s.metric.clone(),
        aspect: None,
        identity: None,
        source_ip: None,
        user_agent: None,
        resource: String::new(),
        change,
        impact: Impact::None,
        event_id: None,
    }
}

fn history_change(h: &AlarmChange) -> Change {
    Change {
        source: "alarm_history",
        time: h.time,
        event: h.kind.clone(),
        aspect: Some(Aspect::Alarms),
        identity: None,
        source_ip: None,
        user_agent: None,
        resource: h.alarm.clone(),
        change: h.summary.clone(),
        impact: Impact::None,
        event_id: None,
    }
}

/// The whole timeline, newest first.
pub(crate) fn timeline(facts: &ChangeFacts, names: &Names) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    if let Ok(trail) = &facts.trail {
        out.extend(trail.events.iter().filter_map(|e| summarise(e, names)));
    }
    if let Some(Ok(history)) = &facts.history {
        out.extend(history.iter().map(history_change));
    }
    if let Some(Ok(set)) = &facts.metrics {
        out.extend(spikes(set, &names.table).iter().map(spike_change));
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.time));
    out.dedup_by(|a, b| a.event_id.is_some() && a.event_id == b.event_id);
    out
}

fn ago(now: DateTime<Utc>, t: DateTime<Utc>) -> String {
    format!("{} ago", crate::times::human(now - t))
}

/// "the stream, the stream consumer or the table".
pub(crate) fn aspect_list(aspects: &[Aspect]) -> String {
    let what: Vec<&str> = aspects.iter().map(|a| aspect_label(*a)).collect();
    match what.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => "anything".to_owned(),
    }
}

pub(crate) fn aspect_label(a: Aspect) -> &'static str {
    match a {
        Aspect::Ttl => "TTL",
        Aspect::Stream => "the stream",
        Aspect::Pitr => "PITR",
        Aspect::Table => "the table",
        Aspect::Indexes => "the indexes",
        Aspect::Billing => "the table settings",
        Aspect::Tags => "the tags",
        Aspect::ContributorInsights => "Contributor Insights",
        Aspect::Alarms => "the alarms",
        Aspect::Consumer => "the stream consumer",
    }
}

/// One finding per aspect whose latest change in the window breaks the spec (crit) or is worth
/// knowing (warn): "TTL disabled (attribute `ttl`) 3h ago by arn:...". A later change of the
/// same aspect that restores it clears the verdict.
pub(crate) fn change_findings(
    timeline: &[Change],
    aspects: &[Aspect],
    now: DateTime<Utc>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for aspect in aspects {
        // Newest first: the first entry is the latest change of the aspect.
        let Some(check) = aspect.check_id() else {
            continue;
        };
        let Some(latest) = timeline
            .iter()
            .find(|c| c.source == "cloudtrail" && c.aspect == Some(*aspect))
        else {
            continue;
        };
        let status = match latest.impact {
            Impact::BreaksSpec => Status::Crit,
            Impact::Warn => Status::Warn,
            Impact::None => continue,
        };
        let who = latest.identity.as_deref().unwrap_or("an unknown identity");
        let from = latest
            .source_ip
            .as_deref()
            .map(|ip| format!(" from {ip}"))
            .unwrap_or_default();
        out.push(
            Finding::new(
                check,
                status,
                format!(
                    "{} on {}: {} {} by {who}{from}",
                    latest.event,
                    latest.resource,
                    latest.change,
                    ago(now, latest.time)
                ),
            )
            .evidence(LatestChange {
                event: &latest.event,
                time: crate::times::stamp(latest.time),
                identity: latest.identity.as_deref(),
                source_ip: latest.source_ip.as_deref(),
                user_agent: latest.user_agent.as_deref(),
                resource: &latest.resource,
                change: &latest.change,
                event_id: latest.event_id.as_deref(),
            })
            .remedy(put_back_remedy(*aspect, who))
            .runbook("Beyond the runbook: what changed (docs/runbook-map.md)"),
        );
    }
    out
}

/// What to do about a change that broke the spec: TTL and PITR switched off go back on with
/// the command `ttl.status` and `table.pitr` name too; the rest through the infrastructure code.
pub(crate) fn put_back_remedy(aspect: Aspect, who: &str) -> String {
    let label = aspect_label(aspect);
    match aspect {
        Aspect::Ttl | Aspect::Pitr => format!(
            "{label} was changed outside the spec: ask {who} why, then put it back: `{}` {}",
            spec::TABLE_FIX,
            spec::TABLE_FIX_HOW
        ),
        _ => format!(
            "{label} was changed outside the spec: ask {who} why, then put it back (`eventsctl table verify` names the drift; `table create` on a dev table re-applies the settings)"
        ),
    }
}

crate::evidence! {
    /// `changes.<aspect>`: the latest change of the aspect.
    struct LatestChange<'a> {
        event: &'a str,
        time: String,
        identity: Option<&'a str>,
        source_ip: Option<&'a str>,
        user_agent: Option<&'a str>,
        resource: &'a str,
        change: &'a str,
        event_id: Option<&'a str>,
    }
    /// `changes.cloudtrail` when the event history could not be read.
    struct TrailUnread<'a> {
        error: String,
        kind: &'static str,
        looked_up: &'a [String],
    }
    /// `changes.cloudtrail`
    struct TrailRead<'a> {
        events_read: usize,
        changes: usize,
        identities: Vec<&'a str>,
        looked_up: &'a [String],
        truncated: &'a [String],
        /// Lookups still running at the check's deadline: their aspects are not checked.
        unfinished: &'a [String],
        delivery_delay_s: i64,
    }
    /// `changes.alarm_history`
    struct HistoryItems { items: usize }
    /// `changes.metrics`
    struct Spikes { spikes: usize, period_s: i32 }
}

/// What to do about a read that failed: log in again for a credential problem, wait for a
/// throttle, else `grant` (the permission the read needs).
fn unreadable_remedy(e: &AwsError, grant: &str) -> String {
    if e.is_throttled() {
        "AWS throttled the reads past the retries (CloudTrail answers two LookupEvents calls a second per account and Region, shared by everyone in it): run again in a minute".to_owned()
    } else {
        crate::checks::evidence::unreadable_remedy(e, grant)
    }
}

/// `changes.cloudtrail`: how many changes CloudTrail showed in the window and by how many
/// identities, up to about 5 minutes before now (its delivery delay); unknown, with the
/// reason, when it could not be read (throttled, denied, no credentials): no changes read is
/// not "no changes". A lookup cut at its page limit is a warning.
pub(crate) fn trail_finding(facts: &ChangeFacts, timeline: &[Change]) -> Finding {
    let window = crate::times::human(facts.end - facts.start);
    let delay = cloudtrail::DELIVERY_DELAY;
    let trail = match &facts.trail {
        Err(e) => {
            return Finding::unknown(
                CheckId::ChangesCloudtrail,
                format!("CloudTrail event history could not be read: {e}; what changed in the last {window} is not known"),
            )
            .evidence(TrailUnread {
                error: e.to_string(),
                kind: e.kind.name(),
                looked_up: &facts.looked_up,
            })
            .remedy(unreadable_remedy(
                e,
                "grant cloudtrail:LookupEvents (`eventsctl iam-policy changes`)",
            ));
        }
        Ok(trail) => trail,
    };
    let changes = timeline.iter().filter(|c| c.source == "cloudtrail").count();
    let mut identities: Vec<&str> = timeline
        .iter()
        .filter_map(|c| c.identity.as_deref())
        .collect();
    identities.sort_unstable();
    identities.dedup();
    let evidence = TrailRead {
        events_read: trail.events.len(),
        changes,
        identities: identities.clone(),
        looked_up: &facts.looked_up,
        truncated: &trail.truncated,
        unfinished: &trail.unfinished,
        delivery_delay_s: cloudtrail::DELIVERY_DELAY_MINUTES * 60,
    };
    let found = count(changes, "change", "changes");
    let f = if !facts.unchecked.is_empty() {
        Finding::unknown(
            CheckId::ChangesCloudtrail,
            format!(
                "{found} in the last {window}; not checked (CloudTrail had not answered in time): changes of {}; {delay}",
                aspect_list(&facts.unchecked)
            ),
        )
        .remedy("`eventsctl changes` waits for every lookup")
    } else if trail.truncated.is_empty() {
        let by = match identities.len() {
            0 => String::new(),
            n => format!(" by {}", count(n, "identity", "identities")),
        };
        Finding::ok(
            CheckId::ChangesCloudtrail,
            format!("{found} in the last {window}{by}; {delay}"),
        )
    } else {
        Finding::warn(
            CheckId::ChangesCloudtrail,
            format!(
                "{found} in the last {window}; the lookup of {} stopped at {}; {delay}",
                trail.truncated.join(", "),
                count(cloudtrail::MAX_PAGES, "page", "pages")
            ),
        )
        .remedy("narrow --since to see every event")
    };
    f.evidence(evidence)
}

/// The findings of `changes`: what could be read, and the verdict on the latest change of each
/// aspect.
pub fn evaluate(
    facts: &ChangeFacts,
    names: &Names,
    now: DateTime<Utc>,
) -> (Vec<Finding>, Vec<Change>) {
    let timeline = timeline(facts, names);
    let mut out = vec![trail_finding(facts, &timeline)];
    let window = crate::times::human(facts.end - facts.start);
    if let Some(history) = &facts.history {
        out.push(match history {
            Err(e) => Finding::unknown(
                CheckId::ChangesAlarmHistory,
                format!("alarm history could not be read: {e}"),
            )
            .remedy(unreadable_remedy(
                e,
                "grant cloudwatch:DescribeAlarms and cloudwatch:DescribeAlarmHistory",
            )),
            Ok(h) => Finding::ok(
                CheckId::ChangesAlarmHistory,
                format!(
                    "{} in the last {window}",
                    count(h.len(), "alarm history item", "alarm history items")
                ),
            )
            .evidence(HistoryItems { items: h.len() }),
        });
    }
    if let Some(metrics) = &facts.metrics {
        out.push(match metrics {
            Err(e) => Finding::unknown(CheckId::ChangesMetrics, format!("throttle and latency metrics could not be read: {e}"))
                .remedy(unreadable_remedy(e, "grant cloudwatch:GetMetricData")),
            Ok(set) => {
                let n = spikes(set, &names.table).len();
                let any_data = spike_keys(&names.table)
                    .iter()
                    .any(|(k, _, _)| !set.series(k).is_empty());
                let summary = if any_data {
                    format!(
                        "{} in the last {window}",
                        count(n, "throttle or latency spike", "throttle or latency spikes")
                    )
                } else {
                    format!("no throttle or latency datapoints in the last {window} (no traffic, or none throttled)")
                };
                Finding::ok(CheckId::ChangesMetrics, summary).evidence(Spikes {
                    spikes: n,
                    period_s: set.window.period,
                })
            }
        });
    }
    out.extend(change_findings(&timeline, ALL, now));
    (out, timeline)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn names() -> Names {
        Names::derive("zapier-triggers-api", "prod", None)
    }

    const TABLE: &str = "zapier-triggers-api-prod-events";

    fn event(name: &str, source: &str, minutes_ago: i64, request: Value) -> TrailEvent {
        TrailEvent {
            id: format!("id-{name}-{minutes_ago}"),
            time: now() - Duration::minutes(minutes_ago),
            name: name.to_owned(),
            source: source.to_owned(),
            identity: "arn:aws:sts::123456789012:assumed-role/oncall/bob".to_owned(),
            source_ip: Some("198.51.100.7".to_owned()),
            user_agent: Some("aws-cli/2.15".to_owned()),
            request,
            response: Value::Null,
            error_code: None,
            resources: Vec::new(),
        }
    }

    fn now() -> DateTime<Utc> {
        // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
        DateTime::parse_from_rfc3339("2026-01-10T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn ddb(name: &str, minutes_ago: i64, request: Value) -> TrailEvent {
        event(name, "dynamodb.amazonaws.com", minutes_ago, request)
    }

    fn facts(events: Vec<TrailEvent>) -> ChangeFacts {
        ChangeFacts {
            start: now() - Duration::hours(24),
            end: now(),
            looked_up: plan(ALL, TABLE).iter().map(|p| p.by.to_string()).collect(),
            trail: Ok(Lookup {
                events,
                ..Lookup::default()
            }),
            unchecked: Vec::new(),
            history: None,
            metrics: None,
        }
    }

    /// Table-driven: each event, its summary and impact (None: not about this table).
    #[test]
    fn each_event_is_summarised_with_its_impact() {
        let other = "someone-elses-table";
        let cases: Vec<(TrailEvent, Option<(&str, Impact)>)> = vec![
            (
                ddb(
                    "UpdateTimeToLive",
                    1,
                    json!({"tableName": TABLE, "timeToLiveSpecification": {"enabled": false, "attributeName": "ttl"}}),
                ),
                Some(("TTL disabled (attribute `ttl`)", Impact::BreaksSpec)),
            ),
            // The emulator's recorder keeps the API's PascalCase keys.
            (
                ddb(
                    "UpdateTimeToLive",
                    1,
                    json!({"TableName": TABLE, "TimeToLiveSpecification": {"Enabled": false, "AttributeName": "ttl"}}),
                ),
                Some(("TTL disabled (attribute `ttl`)", Impact::BreaksSpec)),
            ),
            (
                ddb(
                    "UpdateTimeToLive",
                    1,
                    json!({"tableName": TABLE, "timeToLiveSpecification": {"enabled": true, "attributeName": "expires"}}),
                ),
                Some(("TTL enabled on `expires`", Impact::BreaksSpec)),
            ),
            (
                ddb(
                    "UpdateTimeToLive",
                    1,
                    json!({"tableName": TABLE, "timeToLiveSpecification": {"enabled": true, "attributeName": "ttl"}}),
                ),
                Some(("TTL enabled on `ttl`", Impact::None)),
            ),
            (
                ddb(
                    "UpdateTimeToLive",
                    1,
                    json!({"tableName": other, "timeToLiveSpecification": {"enabled": false}}),
                ),
                None,
            ),
            (
                ddb(
                    "UpdateTable",
                    1,
                    json!({"tableName": TABLE, "streamSpecification": {"streamEnabled": true, "streamViewType": "KEYS_ONLY"}}),
                ),
                Some(("stream enabled, view type KEYS_ONLY", Impact::BreaksSpec)),
            ),
            (
                ddb(
                    "UpdateTable",
                    1,
                    json!({"tableName": TABLE, "streamSpecification": {"streamEnabled": false}}),
                ),
                Some(("stream disabled", Impact::BreaksSpec)),
            ),
            (
                ddb(
                    "UpdateTable",
                    1,
                    json!({"tableName": TABLE, "streamSpecification": {"streamEnabled": true, "streamViewType": "NEW_IMAGE"}}),
                ),
                Some(("stream enabled, view type NEW_IMAGE", Impact::None)),
            ),
            (
                ddb(
                    "UpdateTable",
                    1,
                    json!({"tableName": TABLE, "billingMode": "PROVISIONED", "provisionedThroughput": {"readCapacityUnits": 5}}),
                ),
                Some((
                    "billing mode PROVISIONED, provisioned throughput changed",
                    Impact::Warn,
                )),
            ),
            (
                ddb(
                    "UpdateTable",
                    1,
                    json!({"tableName": TABLE, "globalSecondaryIndexUpdates": [{"delete": {"indexName": "StatusIndex"}}]}),
                ),
                Some(("index StatusIndex deleted", Impact::BreaksSpec)),
            ),
            (
                ddb(
                    "UpdateContinuousBackups",
                    1,
                    json!({"tableName": TABLE, "pointInTimeRecoverySpecification": {"pointInTimeRecoveryEnabled": false}}),
                ),
                Some(("PITR disabled", Impact::BreaksSpec)),
            ),
            (
                ddb(
                    "UpdateContinuousBackups",
                    1,
                    json!({"tableName": TABLE, "pointInTimeRecoverySpecification": {"pointInTimeRecoveryEnabled": true, "recoveryPeriodInDays": 7}}),
                ),
                Some(("PITR enabled, 7 days of recovery", Impact::None)),
            ),
            (
                ddb("DeleteTable", 1, json!({"tableName": TABLE})),
                Some(("table deleted", Impact::BreaksSpec)),
            ),
            (
                ddb(
                    "TagResource",
                    1,
                    json!({"resourceArn": format!("arn:aws:dynamodb:us-east-1:1:table/{TABLE}"), "tags": [{"key": "team", "value": "x"}]}),
                ),
                Some(("tags set: team", Impact::None)),
            ),
            (
                ddb(
                    "RestoreTableToPointInTime",
                    1,
                    json!({"sourceTableName": TABLE, "targetTableName": "t2", "useLatestRestorableTime": true}),
                ),
                Some((
                    "restored into t2 as of the latest restorable time",
                    Impact::None,
                )),
            ),
            (
                ddb(
                    "UpdateContributorInsights",
                    1,
                    json!({"tableName": TABLE, "contributorInsightsAction": "ENABLE"}),
                ),
                Some(("Contributor Insights enable", Impact::None)),
            ),
            (
                event(
                    "DeleteAlarms",
                    "monitoring.amazonaws.com",
                    1,
                    json!({"alarmNames": ["zapier-triggers-api-prod-events-table-throttles", "unrelated"]}),
                ),
                Some(("alarm deleted", Impact::Warn)),
            ),
            (
                event(
                    "PutMetricAlarm",
                    "monitoring.amazonaws.com",
                    1,
                    json!({"alarmName": "other-alarm", "threshold": 1.0}),
                ),
                None,
            ),
            (
                event(
                    "DisableAlarmActions",
                    "monitoring.amazonaws.com",
                    1,
                    json!({"alarmNames": ["zapier-triggers-api-prod-dynamodb-write-latency"]}),
                ),
                Some(("alarm actions disabled", Impact::Warn)),
            ),
            (
                event(
                    "UpdateEventSourceMapping20150331",
                    "lambda.amazonaws.com",
                    1,
                    json!({"uUID": "u-1", "enabled": false}),
                ),
                None, // no stream ARN of this table in the record
            ),
        ];
        for (i, (e, want)) in cases.iter().enumerate() {
            let got = summarise(e, &names()).map(|c| (c.change, c.impact));
            let want = want.map(|(s, imp)| (s.to_owned(), imp));
            assert_eq!(got, want, "case {i}: {} {}", e.name, e.request);
        }
    }

    /// One lookup by the table's name for every DynamoDB aspect, one by the alarm resource
    /// type, the consumer's two mapping events by name: 4 lookups for everything (13 event
    /// names before), in the order of the aspects asked for.
    #[test]
    fn the_plan_is_one_lookup_per_resource_and_the_mapping_events() {
        let by = |aspects: &[Aspect]| -> Vec<String> {
            plan(aspects, TABLE)
                .iter()
                .map(|p| p.by.to_string())
                .collect()
        };
        assert_eq!(
            by(ALL),
            vec![
                format!("ResourceName={TABLE}"),
                "ResourceType=AWS::CloudWatch::Alarm".to_owned(),
                "EventName=UpdateEventSourceMapping20150331".to_owned(),
                "EventName=DeleteEventSourceMapping20150331".to_owned(),
            ]
        );
        let all = plan(ALL, TABLE);
        assert_eq!(all[0].aspects.len(), 8, "{:?}", all[0].aspects);
        assert_eq!(all[1].aspects, vec![Aspect::Alarms]);
        assert_eq!(by(&[Aspect::Ttl]), vec![format!("ResourceName={TABLE}")]);
        // stream-status: the table first (the stream and the table), then the consumer.
        let stream = plan(&[Aspect::Stream, Aspect::Consumer, Aspect::Table], TABLE);
        assert_eq!(stream.len(), 3);
        assert_eq!(stream[0].aspects, vec![Aspect::Stream, Aspect::Table]);
        assert_eq!(stream[1].aspects, vec![Aspect::Consumer]);
    }

    #[test]
    fn a_mapping_is_this_tables_only_by_the_stream_arn_it_names() {
        let stream = |table: &str| format!("arn:aws:dynamodb:us-east-1:1:table/{table}/stream/L");
        let cases = [
            (json!({"eventSourceArn": stream(TABLE)}), json!({}), true),
            (json!({}), json!({"eventSourceArn": stream(TABLE)}), true),
            // A longer name that starts with this one is another table.
            (
                json!({"eventSourceArn": stream(&format!("{TABLE}-2"))}),
                json!({}),
                false,
            ),
            // The ARN in another field (a description, a tag) is not the mapping's source.
            (json!({"description": stream(TABLE)}), json!({}), false),
            (
                json!({"eventSourceArn": format!("arn:aws:dynamodb:us-east-1:1:table/{TABLE}")}),
                json!({}),
                false,
            ),
        ];
        for (i, (request, response, want)) in cases.into_iter().enumerate() {
            let mut e = event(
                "CreateEventSourceMapping20150331",
                "lambda.amazonaws.com",
                1,
                request,
            );
            e.response = response;
            assert_eq!(mentions_stream_of(&e, TABLE), want, "case {i}");
        }
    }

    #[test]
    fn a_consumer_mapping_of_this_tables_stream_is_found_by_its_stream_arn() {
        let mut e = event(
            "UpdateEventSourceMapping20150331",
            "lambda.amazonaws.com",
            5,
            json!({"uUID": "u-1", "enabled": false}),
        );
        // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
        e.response = json!({"eventSourceArn": format!("arn:aws:dynamodb:us-east-1:1:table/{TABLE}/stream/2026-01-01T00:00:00.000"), "uUID": "u-1"});
        let c = summarise(&e, &names()).unwrap();
        assert_eq!(c.change, "mapping disabled");
        assert_eq!(c.impact, Impact::Warn);
        assert_eq!(c.aspect, Some(Aspect::Consumer));
    }

    #[test]
    fn a_failed_call_changed_nothing() {
        let mut e = ddb("DeleteTable", 1, json!({"tableName": TABLE}));
        e.error_code = Some("AccessDenied".to_owned());
        assert_eq!(summarise(&e, &names()), None);
    }

    #[test]
    fn the_latest_change_decides_and_names_who_made_it() {
        // TTL disabled 3 h ago, never re-enabled: crit with the identity.
        let f = facts(vec![ddb(
            "UpdateTimeToLive",
            180,
            json!({"tableName": TABLE, "timeToLiveSpecification": {"enabled": false, "attributeName": "ttl"}}),
        )]);
        let (findings, timeline) = evaluate(&f, &names(), now());
        assert_eq!(timeline.len(), 1);
        let ttl = findings
            .iter()
            .find(|f| f.check == CheckId::ChangesTtl)
            .unwrap();
        assert_eq!(ttl.status, Status::Crit);
        assert!(ttl.summary.contains("TTL disabled"), "{}", ttl.summary);
        assert!(ttl.summary.contains("3h ago"), "{}", ttl.summary);
        assert!(
            ttl.summary.contains("assumed-role/oncall/bob"),
            "{}",
            ttl.summary
        );
        assert_eq!(ttl.evidence["source_ip"], "198.51.100.7");

        // Re-enabled since: no verdict on TTL, both changes on the timeline, newest first.
        let f = facts(vec![
            ddb(
                "UpdateTimeToLive",
                180,
                json!({"tableName": TABLE, "timeToLiveSpecification": {"enabled": false, "attributeName": "ttl"}}),
            ),
            ddb(
                "UpdateTimeToLive",
                60,
                json!({"tableName": TABLE, "timeToLiveSpecification": {"enabled": true, "attributeName": "ttl"}}),
            ),
        ]);
        let (findings, timeline) = evaluate(&f, &names(), now());
        assert!(
            findings.iter().all(|f| f.check != CheckId::ChangesTtl),
            "{findings:?}"
        );
        assert_eq!(timeline[0].change, "TTL enabled on `ttl`");
        assert_eq!(Status::worst(findings.iter().map(|f| f.status)), Status::Ok);
    }

    #[test]
    fn an_unreadable_history_is_unknown_not_ok() {
        let mut f = facts(Vec::new());
        f.trail = Err(AwsError::local(
            crate::aws::AwsErrorKind::AccessDenied,
            "cloudtrail",
            "LookupEvents",
            None,
            "not authorized",
        ));
        let (findings, _) = evaluate(&f, &names(), now());
        assert_eq!(findings[0].check, CheckId::ChangesCloudtrail);
        assert_eq!(findings[0].status, Status::Unknown);
    }

    #[test]
    fn spikes_merge_consecutive_periods() {
        let window = Window::aligned(now() - Duration::hours(1), now(), 300);
        let key = MetricKey::table("WriteThrottleEvents", TABLE, Stat::Sum);
        let t0 = window.start;
        let p = |i: i64| t0 + Duration::minutes(5 * i);
        let set = MetricSet::from_series(
            window,
            vec![metrics::Series {
                key,
                points: vec![
                    (p(0), 0.0),
                    (p(1), 4.0),
                    (p(2), 6.0),
                    (p(3), 0.0),
                    (p(5), 2.0),
                ],
                problem: None,
            }],
        );
        let s = spikes(&set, TABLE);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(
            (s[0].start, s[0].end, s[0].peak, s[0].total),
            (p(1), p(3), 6.0, 10.0)
        );
        assert_eq!(s[1].start, p(5));
    }
}
