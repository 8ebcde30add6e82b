//! The runbook's three alarms, as CloudWatch alarms that fire and return to OK on AWS.
//!
//! Alarm 1 as written watches `UserErrors` with a `TableName` dimension, which never receives
//! data (UserErrors is account- and Region-wide). It becomes one alarm per throttled resource
//! and side: the table's writes, the table's reads, and each GSI's writes (back-pressure on base
//! writes starts there).
//!
//! Alarms on `AWS/DynamoDB` metrics always ignore missing data, whatever TreatMissingData says:
//! they keep their state. DynamoDB publishes throttle counts only while there are throttles, so a
//! single-metric throttle alarm that fired would stay in ALARM after the throttling stopped
//! (<https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html>,
//! TreatMissingData). Each throttle alarm is therefore metric math over `FILL(m, 0)`: no data is
//! zero, and the alarm returns to OK. The same expression takes the per-reason metrics of
//! on-demand tables (key range, on-demand maximum, account limit, provisioned), which the older
//! Read/WriteThrottleEvents may not count: the larger of the older count and the sum of the
//! reasons, so a throttle counted by both is not counted twice.
//! <https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html>
//!
//! The latency alarms stay single-metric percentiles with EvaluateLowSampleCountPercentile
//! `ignore`, so a p99 over three requests does not page
//! (<https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#percentiles-with-low-samples>).

use super::Names;
use super::targets::{READ_LATENCY_ALARM, Sustained, THROTTLE_ALARM, WRITE_LATENCY_ALARM};
use crate::vocab::metrics::{BATCH_EXECUTE_STATEMENT, DYNAMODB, Stat, operation_dimensions};

/// One metric an alarm reads: namespace, name, full dimension set, statistic, period.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MetricSpec {
    pub namespace: &'static str,
    pub metric: String,
    pub dimensions: Vec<(String, String)>,
    /// `Sum`, ... or a percentile (`p99`).
    pub stat: Stat,
    pub period: i32,
}

impl MetricSpec {
    pub(crate) fn is_percentile(&self) -> bool {
        self.stat.is_percentile()
    }
}

/// What an alarm watches.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Watch {
    /// One metric (CloudWatch keeps a percentile as ExtendedStatistic).
    Metric(MetricSpec),
    /// A math expression (id `e1`) over metrics with ids `m1`, `m2`, ...
    Math {
        expression: String,
        label: String,
        inputs: Vec<MetricSpec>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AlarmSpec {
    pub name: String,
    pub description: String,
    pub watch: Watch,
    pub evaluation_periods: i32,
    pub datapoints_to_alarm: i32,
    pub threshold: f64,
    pub comparison: &'static str,
    pub treat_missing_data: &'static str,
    /// For percentile alarms: `ignore` (too few samples keep the state) or `evaluate`.
    pub evaluate_low_sample_count_percentile: Option<&'static str>,
    pub runbook: &'static str,
}

/// What `alarms apply` does to one alarm: `action` in its plan (`docs/json.md`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub(crate) enum AlarmAction {
    /// It does not exist: PutMetricAlarm creates it.
    Create,
    /// It exists and differs from its spec (or its actions): PutMetricAlarm replaces it.
    Update,
    /// It matches its spec: nothing is sent.
    Unchanged,
}

impl AlarmAction {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            AlarmAction::Create => "create",
            AlarmAction::Update => "update",
            AlarmAction::Unchanged => "unchanged",
        }
    }

    /// Whether applying it calls PutMetricAlarm.
    pub(crate) fn writes(self) -> bool {
        self != AlarmAction::Unchanged
    }
}

/// Who an alarm notifies in each state (SNS topic ARNs and the like).
///
/// The spec owns the ALARM and OK actions only when `alarms apply --sns-topic` names the topic;
/// everything else an alarm notifies (its INSUFFICIENT_DATA actions always, all of them without
/// the flag) is kept as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct AlarmActions {
    /// AlarmActions: on entering ALARM.
    pub alarm: Vec<String>,
    /// OKActions: on returning to OK.
    pub ok: Vec<String>,
    /// InsufficientDataActions.
    pub insufficient_data: Vec<String>,
}

impl AlarmActions {
    fn lists(&self) -> [(&'static str, &Vec<String>); 3] {
        [
            ("alarm actions", &self.alarm),
            ("ok actions", &self.ok),
            ("insufficient-data actions", &self.insufficient_data),
        ]
    }

    /// `ok actions: ["a"] -> ["b"]` for each list that `to` changes.
    pub(crate) fn changes_to(&self, to: &AlarmActions) -> Vec<String> {
        self.lists()
            .into_iter()
            .zip(to.lists())
            .filter(|((_, have), (_, want))| have != want)
            .map(|((label, have), (_, want))| format!("{label}: {have:?} -> {want:?}"))
            .collect()
    }

    /// `ok actions ARN` for every action `to` no longer has.
    pub(crate) fn removed_by(&self, to: &AlarmActions) -> Vec<String> {
        self.lists()
            .into_iter()
            .zip(to.lists())
            .flat_map(|((label, have), (_, want))| {
                have.iter()
                    .filter(|a| !want.contains(a))
                    .map(move |a| format!("{label} {a}"))
            })
            .collect()
    }
}

/// The id of the math expression an alarm watches.
pub(crate) const EXPRESSION_ID: &str = "e1";

impl AlarmSpec {
    /// What fires it: `<what> > 10 in 2x300s`, `<what> < 1 in 24x3600s`, `<what> > 0 in 2 of
    /// 3x300s` (datapoints to alarm of the periods evaluated).
    pub(crate) fn condition(&self) -> String {
        let what = match &self.watch {
            Watch::Metric(m) => format!("{} {}", m.metric, m.stat),
            Watch::Math { label, .. } => label.clone(),
        };
        let of = if self.datapoints_to_alarm == self.evaluation_periods {
            String::new()
        } else {
            format!("{} of ", self.datapoints_to_alarm)
        };
        format!(
            "{what} {} {} in {of}{}x{}s",
            self.operator(),
            self.threshold,
            self.evaluation_periods,
            self.period()
        )
    }

    /// The comparison as a symbol: `>` for GreaterThanThreshold, `<` for LessThanThreshold, ...
    pub(crate) fn operator(&self) -> &'static str {
        match self.comparison {
            "GreaterThanOrEqualToThreshold" => ">=",
            "LessThanThreshold" => "<",
            "LessThanOrEqualToThreshold" => "<=",
            _ => ">",
        }
    }

    pub(crate) fn period(&self) -> i32 {
        match &self.watch {
            Watch::Metric(m) => m.period,
            Watch::Math { inputs, .. } => inputs.first().map(|m| m.period).unwrap_or(0),
        }
    }
}

fn dims(table: &str, index: Option<&str>) -> Vec<(String, String)> {
    let mut d = vec![("TableName".to_owned(), table.to_owned())];
    if let Some(i) = index {
        d.push(("GlobalSecondaryIndexName".to_owned(), i.to_owned()));
    }
    d
}

/// `MAX([FILL(m1, 0), FILL(m2, 0) + FILL(m3, 0) + ...])` over `{side}ThrottleEvents` and the
/// per-reason metrics of one resource.
fn throttle_watch(side: &str, table: &str, index: Option<&str>, c: Sustained) -> Watch {
    let metric = |name: String| MetricSpec {
        namespace: DYNAMODB,
        metric: name,
        dimensions: dims(table, index),
        stat: c.stat,
        period: c.period,
    };
    let mut inputs = vec![metric(format!("{side}ThrottleEvents"))];
    inputs.extend(
        crate::vocab::metrics::Reason::ALL
            .iter()
            .map(|r| metric(format!("{side}{}", r.metric_suffix()))),
    );
    let reasons: Vec<String> = (2..=inputs.len())
        .map(|i| format!("FILL(m{i}, 0)"))
        .collect();
    Watch::Math {
        expression: format!("MAX([FILL(m1, 0), {}])", reasons.join(" + ")),
        label: format!(
            "{side} throttle events, the larger of {side}ThrottleEvents and the sum of the per-reason metrics (missing = 0)"
        ),
        inputs,
    }
}

fn alarm(
    name: String,
    description: String,
    watch: Watch,
    condition: Sustained,
    runbook: &'static str,
) -> AlarmSpec {
    let percentile = matches!(&watch, Watch::Metric(m) if m.is_percentile());
    AlarmSpec {
        name,
        description,
        watch,
        evaluation_periods: condition.periods as i32,
        datapoints_to_alarm: condition.periods as i32,
        threshold: condition.threshold,
        comparison: "GreaterThanThreshold",
        treat_missing_data: "notBreaching",
        evaluate_low_sample_count_percentile: percentile.then_some("ignore"),
        runbook,
    }
}

const WHY_NOT_USER_ERRORS: &str = "Not UserErrors: that metric is account- and Region-wide with no TableName dimension, so a per-table UserErrors alarm never fires (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html).";
const RETURNS_TO_OK: &str =
    "Missing datapoints count as 0 (FILL), so the alarm returns to OK when the throttling stops.";
const RB_THROTTLES: &str = "Alarms and Alerts: 1. DynamoDB Throttling";

fn latency(table: &str, operation: &str, condition: Sustained) -> Watch {
    Watch::Metric(MetricSpec {
        namespace: DYNAMODB,
        metric: "SuccessfulRequestLatency".into(),
        dimensions: operation_dimensions(table, operation),
        stat: condition.stat,
        period: condition.period,
    })
}

/// Every alarm `alarms apply` manages for the table, in the runbook's order.
pub(crate) fn alarms(names: &Names, gsis: &[&str]) -> Vec<AlarmSpec> {
    let table = names.table.as_str();
    let mut out = vec![
        alarm(
            names.throttle_alarm.clone(),
            format!(
                "Runbook alarm 1 (DynamoDB Throttling, HIGH): write throttle events on {table} (including on-demand key-range, maximum and account-limit throttles) above 10 in 2 consecutive 5-minute periods; events may fail to persist. {RETURNS_TO_OK} {WHY_NOT_USER_ERRORS} Managed by eventsctl."
            ),
            throttle_watch("Write", table, None, THROTTLE_ALARM),
            THROTTLE_ALARM,
            RB_THROTTLES,
        ),
        alarm(
            format!("{}-read", names.throttle_alarm),
            format!(
                "Runbook alarm 1, read side: read throttle events on {table} (including on-demand reasons) above 10 in 2 consecutive 5-minute periods. {RETURNS_TO_OK} Managed by eventsctl."
            ),
            throttle_watch("Read", table, None, THROTTLE_ALARM),
            THROTTLE_ALARM,
            RB_THROTTLES,
        ),
    ];
    for gsi in gsis {
        out.push(alarm(
            format!("{}-{gsi}", names.throttle_alarm),
            format!("Runbook alarm 1, index {gsi}: its write throttle events (including on-demand reasons) above 10 in 2 consecutive 5-minute periods; a throttled GSI throttles base-table writes (back-pressure). {RETURNS_TO_OK} Managed by eventsctl."),
            throttle_watch("Write", table, Some(gsi), THROTTLE_ALARM),
            THROTTLE_ALARM,
            RB_THROTTLES,
        ));
    }
    out.push(alarm(
        names.write_latency_alarm.clone(),
        format!("Runbook alarm 2 (Write Latency High, MEDIUM): PutItem SuccessfulRequestLatency p99 on {table} above 20 ms for 3 consecutive 5-minute periods; periods with too few requests for a p99 keep the alarm's state. Managed by eventsctl."),
        latency(table, "PutItem", WRITE_LATENCY_ALARM),
        WRITE_LATENCY_ALARM,
        "Alarms and Alerts: 2. DynamoDB Write Latency High",
    ));
    out.push(alarm(
        names.read_latency_alarm.clone(),
        format!("Runbook alarm 3 (Read Latency High, MEDIUM): Query SuccessfulRequestLatency p95 on {table} above 50 ms for 3 consecutive 5-minute periods (GET /inbox queries); periods with too few requests for a p95 keep the alarm's state. Managed by eventsctl."),
        latency(table, "Query", READ_LATENCY_ALARM),
        READ_LATENCY_ALARM,
        "Alarms and Alerts: 3. DynamoDB Read Latency High",
    ));
    out
}

/// The alarms the runbook forgot (`alarms apply --recommended`), as cdk-monitoring-constructs
/// ships them for a DynamoDB event pipeline: server errors on the table, and for the stream
/// consumer (`consumer`: its FunctionName) how far behind it is and whether it fails; TTL
/// deletes that stopped. Same naming, spec and drift detection as the runbook's alarms.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html
/// https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
pub(crate) fn recommended(
    names: &Names,
    consumer: Option<&str>,
    iterator_age_minutes: f64,
) -> Vec<AlarmSpec> {
    let table = names.table.as_str();
    let base = format!("{}-{}", names.prefix, names.env);
    // SystemErrors has TableName + Operation dimensions (and OperationType for the import's
    // PartiQL batches): one input per operation the API and the import use.
    let ops = [
        "PutItem",
        "BatchWriteItem",
        BATCH_EXECUTE_STATEMENT,
        "GetItem",
        "Query",
    ];
    let op_metric = |metric: &str, op: &str, period: i32| MetricSpec {
        namespace: DYNAMODB,
        metric: metric.to_owned(),
        dimensions: operation_dimensions(table, op),
        stat: Stat::Sum,
        period,
    };
    let sum: Vec<String> = (1..=ops.len()).map(|i| format!("FILL(m{i}, 0)")).collect();
    let mut system_errors = alarm(
        format!("{base}-events-table-system-errors"),
        format!(
            "Beyond the runbook: DynamoDB server errors (SystemErrors, HTTP 500) on {table}, the API's and the import's (BatchExecuteStatement writes), any in 2 of 3 5-minute periods; the SDK retries them, persistent ones lose writes. Missing datapoints count as 0 (FILL). Managed by eventsctl."
        ),
        Watch::Math {
            expression: sum.join(" + "),
            label: "SystemErrors of PutItem, BatchWriteItem, the import's BatchExecuteStatement writes, GetItem and Query (missing = 0)"
                .to_owned(),
            inputs: ops
                .iter()
                .map(|op| op_metric("SystemErrors", op, 300))
                .collect(),
        },
        Sustained {
            stat: Stat::Sum,
            threshold: 0.0,
            periods: 3,
            period: 300,
        },
        RB_BEYOND,
    );
    system_errors.datapoints_to_alarm = 2;
    // TTL deletes stopped: in every hour of a day the table took writes, no TTL delete. Hours
    // without writes count as not breaching (1), so a quiet table does not page.
    let table_metric = |metric: &str| MetricSpec {
        namespace: DYNAMODB,
        metric: metric.to_owned(),
        dimensions: dims(table, None),
        stat: Stat::Sum,
        period: 3600,
    };
    let mut ttl = alarm(
        format!("{base}-events-table-ttl-deletes-stopped"),
        format!(
            "Beyond the runbook: no TTL deletes (TimeToLiveDeletedItemCount, missing = 0) on {table} for 24 hours in which the table took writes every hour; expired events pile up (TTL disabled or on another attribute, ttl values not epoch seconds). A table younger than its 30-day TTL has nothing expiring yet. Managed by eventsctl."
        ),
        Watch::Math {
            expression: "IF(FILL(m2, 0) > 0, FILL(m1, 0), 1)".to_owned(),
            label: "TTL deletes in hours with writes (hours without writes = 1)".to_owned(),
            inputs: vec![
                table_metric("TimeToLiveDeletedItemCount"),
                table_metric("ConsumedWriteCapacityUnits"),
            ],
        },
        Sustained {
            stat: Stat::Sum,
            threshold: 1.0,
            periods: 24,
            period: 3600,
        },
        RB_BEYOND,
    );
    ttl.comparison = "LessThanThreshold";
    let mut out = vec![system_errors, ttl];
    if let Some(function) = consumer {
        let lambda = |metric: &str, stat: Stat| {
            Watch::Metric(MetricSpec {
                namespace: crate::vocab::metrics::LAMBDA,
                metric: metric.to_owned(),
                dimensions: vec![("FunctionName".to_owned(), function.to_owned())],
                stat,
                period: 300,
            })
        };
        out.push(alarm(
            format!("{base}-consumer-iterator-age"),
            format!("Beyond the runbook: the stream consumer {function} is more than {iterator_age_minutes} {} behind (IteratorAge Maximum) in 2 consecutive 5-minute periods; stream records older than 24 hours are lost. {BLIND_WITHOUT_MAPPING} Managed by eventsctl.", if iterator_age_minutes == 1.0 { "minute" } else { "minutes" }),
            lambda("IteratorAge", Stat::Maximum),
            Sustained { stat: Stat::Maximum, threshold: iterator_age_minutes * 60_000.0, periods: 2, period: 300 },
            RB_BEYOND,
        ));
        let mut errors = alarm(
            format!("{base}-consumer-errors"),
            format!(
                "Beyond the runbook: the stream consumer {function} failed (Lambda Errors) in 2 of 3 5-minute periods; a failing batch is retried and holds its shard back. {BLIND_WITHOUT_MAPPING} Managed by eventsctl."
            ),
            lambda("Errors", Stat::Sum),
            Sustained {
                stat: Stat::Sum,
                threshold: 0.0,
                periods: 3,
                period: 300,
            },
            RB_BEYOND,
        );
        errors.datapoints_to_alarm = 2;
        out.push(errors);
    }
    out
}

/// The command whose published verdicts the health-check alarms watch.
pub(crate) const HEALTH_CHECK_COMMAND: &str = "health-check monthly";
/// How long CloudWatch lets an alarm look back: Period x EvaluationPeriods at most 604,800 s.
/// <https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html>
const LONGEST_WINDOW_DAYS: usize = 7;
const RB_HEALTH: &str = "Monthly Health Check: scheduled with --publish-metrics";

/// `alarms apply --health-check`: the scheduled health check pages through the same topic as
/// every other alarm. "Crit, or not run for 35 days" cannot be one alarm: CloudWatch evaluates at
/// most 7 days back, so a monthly datapoint is out of sight for most of the month. Two alarms on
/// the `RunStatus` that `--publish-metrics` puts each run (its heartbeat: one datapoint a run):
/// the last run crit or unknown (the state kept until another run), and no run for 7 days (a
/// day without a datapoint breaches; 7 of 7), which needs the check scheduled at least daily.
pub(crate) fn health_check(names: &Names) -> Vec<AlarmSpec> {
    let base = format!("{}-{}", names.prefix, names.env);
    let env = names.env.as_str();
    let run_status = |stat: Stat, period: i32| {
        Watch::Metric(MetricSpec {
            namespace: crate::vocab::metrics::HEALTH_CHECK,
            metric: crate::vocab::metrics::RUN_STATUS.to_owned(),
            dimensions: vec![
                ("Env".to_owned(), env.to_owned()),
                ("Command".to_owned(), HEALTH_CHECK_COMMAND.to_owned()),
            ],
            stat,
            period,
        })
    };
    let not_run = format!("{base}-health-check-not-run");
    let mut crit = alarm(
        format!("{base}-health-check-crit"),
        format!(
            "The scheduled health check of {env} (eventsctl --env {env} {HEALTH_CHECK_COMMAND}, run with --publish-metrics) ended crit (RunStatus 2), or unknown (3: it could not judge, e.g. its credentials or permissions broke): RunStatus Maximum >= 2 in an hour. Missing data keeps the state: it stays in ALARM until a later run is ok or warn. {not_run} fires when no run is seen. Managed by eventsctl."
        ),
        run_status(Stat::Maximum, 3600),
        Sustained {
            stat: Stat::Maximum,
            threshold: 2.0,
            periods: 1,
            period: 3600,
        },
        RB_HEALTH,
    );
    crit.comparison = "GreaterThanOrEqualToThreshold";
    crit.treat_missing_data = "ignore";
    let mut silent = alarm(
        not_run,
        format!(
            // plural-ok: LONGEST_WINDOW_DAYS is CloudWatch's 7-day reach, never one
            "No run of the scheduled health check of {env} (eventsctl --env {env} {HEALTH_CHECK_COMMAND}, run with --publish-metrics: each run puts one RunStatus datapoint) for {LONGEST_WINDOW_DAYS} days: RunStatus SampleCount < 1 in {LONGEST_WINDOW_DAYS} of {LONGEST_WINDOW_DAYS} one-day periods, missing data breaching. CloudWatch evaluates at most 7 days back (Period x EvaluationPeriods <= 604,800 s), so no alarm can see a monthly run's 35-day gap: schedule the check at least daily (a weekly run a little late would page). Managed by eventsctl."
        ),
        run_status(Stat::SampleCount, 86_400),
        Sustained {
            stat: Stat::SampleCount,
            threshold: 1.0,
            periods: LONGEST_WINDOW_DAYS,
            period: 86_400,
        },
        RB_HEALTH,
    );
    silent.comparison = "LessThanThreshold";
    silent.treat_missing_data = "breaching";
    vec![crit, silent]
}

/// The names `--health-check` manages.
pub(crate) fn health_check_names(names: &Names) -> Vec<String> {
    health_check(names).into_iter().map(|s| s.name).collect()
}

/// The names `--recommended` manages, whether or not the consumer is known.
pub(crate) fn recommended_names(names: &Names) -> Vec<String> {
    let base = format!("{}-{}", names.prefix, names.env);
    [
        "events-table-system-errors",
        "events-table-ttl-deletes-stopped",
        "consumer-iterator-age",
        "consumer-errors",
    ]
    .iter()
    .map(|n| format!("{base}-{n}"))
    .collect()
}

const RB_BEYOND: &str = "Beyond the runbook: recommended alarms (docs/runbook-map.md)";

/// Both consumer alarms watch what the function does with the batches its event source mapping
/// hands it: with the mapping disabled or deleted there is nothing to see, and they stay OK.
const BLIND_WITHOUT_MAPPING: &str = "It stays OK while the function's event source mapping on the stream is disabled or deleted (no invocations, no IteratorAge): eventsctl alarms status checks the mapping (alarm.consumer_mapping).";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alarm_actions_are_the_plan_strings_and_only_unchanged_sends_nothing() {
        for (action, text, writes) in [
            (AlarmAction::Create, "create", true),
            (AlarmAction::Update, "update", true),
            (AlarmAction::Unchanged, "unchanged", false),
        ] {
            assert_eq!(action.as_str(), text);
            assert_eq!(
                serde_json::to_value(action).unwrap(),
                serde_json::json!(text)
            );
            assert_eq!(action.writes(), writes);
        }
    }

    /// `alarms status` asks DescribeAlarms for `recommended_names` before it knows the
    /// consumer: every alarm `recommended` can make, with a consumer or without, is among them.
    #[test]
    fn action_changes_name_each_list_and_what_is_removed() {
        let t = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let have = AlarmActions {
            alarm: t(&["oncall"]),
            ok: t(&["slack"]),
            insufficient_data: t(&["ops"]),
        };
        assert!(have.changes_to(&have).is_empty());
        let want = AlarmActions {
            alarm: t(&["oncall"]),
            ok: t(&["oncall"]),
            insufficient_data: t(&["ops"]),
        };
        assert_eq!(
            have.changes_to(&want),
            [r#"ok actions: ["slack"] -> ["oncall"]"#]
        );
        assert_eq!(have.removed_by(&want), ["ok actions slack"]);
        assert_eq!(want.removed_by(&have), ["ok actions oncall"]);
    }

    #[test]
    fn recommended_names_cover_every_recommended_alarm() {
        let names = Names::derive("zapier-triggers-api", "prod", None);
        let listed: std::collections::BTreeSet<String> =
            recommended_names(&names).into_iter().collect();
        let made = |consumer| -> std::collections::BTreeSet<String> {
            recommended(&names, consumer, 5.0)
                .into_iter()
                .map(|a| a.name)
                .collect()
        };
        assert_eq!(made(Some("events-consumer")), listed);
        assert!(made(None).is_subset(&listed));
        assert_eq!(made(None).len(), 2, "the table's own two");
    }

    /// The consumer's alarms say they cannot see a disabled or deleted mapping, and every
    /// description fits PutMetricAlarm's 1,024 characters (long names included).
    #[test]
    fn descriptions_say_what_the_alarm_cannot_see_and_fit_aws() {
        // PutMetricAlarm takes an AlarmDescription of at most 1,024 characters.
        // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
        const MAX_DESCRIPTION: usize = 1024;
        let names = Names::derive("zapier-triggers-api-with-a-long-prefix", "production", None);
        let long_function = "f".repeat(64);
        let all: Vec<AlarmSpec> = alarms(&names, &["EventTypeIndex", "StatusIndex"])
            .into_iter()
            .chain(recommended(&names, Some(&long_function), 5.0))
            .chain(health_check(&names))
            .collect();
        for a in &all {
            assert!(
                a.description.chars().count() <= MAX_DESCRIPTION,
                "{}: {}",
                a.name,
                crate::vocab::words::count(
                    a.description.chars().count(),
                    "character",
                    "characters"
                )
            );
        }
        for suffix in ["-consumer-iterator-age", "-consumer-errors"] {
            let a = all.iter().find(|a| a.name.ends_with(suffix)).unwrap();
            assert!(
                a.description
                    .contains("event source mapping on the stream is disabled or deleted"),
                "{}",
                a.description
            );
        }
    }

    /// Issue 27: "crit, or not run for 35 days" is two alarms within CloudWatch's 7-day
    /// window, on the RunStatus each published run puts.
    #[test]
    fn the_health_check_pages_on_a_crit_run_or_seven_days_without_one() {
        let names = Names::derive("et", "staging", None);
        let [crit, not_run] = <[AlarmSpec; 2]>::try_from(health_check(&names)).unwrap();
        assert_eq!(crit.name, "et-staging-health-check-crit");
        assert_eq!(crit.condition(), "RunStatus Maximum >= 2 in 1x3600s");
        assert_eq!(
            crit.treat_missing_data, "ignore",
            "the state holds between runs"
        );
        assert_eq!(not_run.name, "et-staging-health-check-not-run");
        assert_eq!(not_run.condition(), "RunStatus SampleCount < 1 in 7x86400s");
        assert_eq!(not_run.treat_missing_data, "breaching");
        // Within what CloudWatch evaluates: Period x EvaluationPeriods <= 7 days.
        for a in [&crit, &not_run] {
            assert!(a.period() * a.evaluation_periods <= 604_800, "{}", a.name);
            let Watch::Metric(m) = &a.watch else {
                panic!("single metric")
            };
            assert_eq!(m.namespace, "Eventsctl/HealthCheck");
            assert_eq!(m.metric, "RunStatus");
            assert_eq!(
                m.dimensions,
                [
                    ("Env".to_owned(), "staging".to_owned()),
                    ("Command".to_owned(), "health-check monthly".to_owned())
                ]
            );
        }
        assert!(not_run.description.contains("at least daily"));
        assert!(not_run.description.contains("7 days back"));
    }

    #[test]
    fn runbook_names_and_conditions() {
        let names = Names::derive("zapier-triggers-api", "dev", None);
        let a = alarms(&names, &["EventTypeIndex", "StatusIndex"]);
        assert_eq!(a.len(), 6);
        assert_eq!(a[0].name, "zapier-triggers-api-dev-events-table-throttles");
        assert_eq!(
            (a[0].threshold, a[0].evaluation_periods, a[0].period()),
            (10.0, 2, 300)
        );
        let Watch::Math {
            expression, inputs, ..
        } = &a[0].watch
        else {
            panic!("the throttle alarm is metric math");
        };
        assert_eq!(
            expression,
            "MAX([FILL(m1, 0), FILL(m2, 0) + FILL(m3, 0) + FILL(m4, 0) + FILL(m5, 0)])"
        );
        let metrics: Vec<&str> = inputs.iter().map(|m| m.metric.as_str()).collect();
        assert_eq!(
            metrics,
            [
                "WriteThrottleEvents",
                "WriteKeyRangeThroughputThrottleEvents",
                "WriteMaxOnDemandThroughputThrottleEvents",
                "WriteAccountLimitThrottleEvents",
                "WriteProvisionedThroughputThrottleEvents"
            ]
        );
        assert!(a.iter().all(|x| !x.condition().contains("UserErrors")));
        assert_eq!(a[0].evaluate_low_sample_count_percentile, None);
        let w = a
            .iter()
            .find(|x| x.name.ends_with("write-latency"))
            .unwrap();
        let Watch::Metric(m) = &w.watch else {
            panic!("latency alarms are single-metric")
        };
        assert_eq!(
            (m.stat, w.threshold, w.evaluation_periods),
            (Stat::P99, 20.0, 3)
        );
        assert_eq!(w.evaluate_low_sample_count_percentile, Some("ignore"));
        let r = a.iter().find(|x| x.name.ends_with("read-latency")).unwrap();
        assert_eq!(r.threshold, 50.0);
        // The GSI alarms read the index's own metrics.
        let Watch::Math { inputs, .. } = &a[2].watch else {
            panic!()
        };
        assert!(inputs.iter().all(|m| m.dimensions.len() == 2));
    }

    #[test]
    fn recommended_alarms_follow_the_same_naming() {
        let names = Names::derive("zapier-triggers-api", "dev", None);
        let without = recommended(&names, None, 5.0);
        assert_eq!(without.len(), 2, "the consumer's alarms need its function");
        let a = recommended(&names, Some("events-consumer"), 5.0);
        let got: Vec<&str> = a.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(got, recommended_names(&names));
        assert_eq!(
            (
                a[0].evaluation_periods,
                a[0].datapoints_to_alarm,
                a[0].threshold
            ),
            (3, 2, 0.0)
        );
        assert_eq!(
            (a[1].comparison, a[1].evaluation_periods, a[1].period()),
            ("LessThanThreshold", 24, 3600)
        );
        // It fires below 1: the condition shown says so.
        assert!(
            a[1].condition().ends_with("< 1 in 24x3600s"),
            "{}",
            a[1].condition()
        );
        assert!(
            a[0].condition().ends_with(" > 0 in 2 of 3x300s"),
            "{}",
            a[0].condition()
        );
        let Watch::Metric(age) = &a[2].watch else {
            panic!("IteratorAge is one metric")
        };
        assert_eq!(
            (age.namespace, age.stat, a[2].threshold),
            ("AWS/Lambda", Stat::Maximum, 300_000.0)
        );
        assert_eq!(
            age.dimensions,
            [("FunctionName".to_owned(), "events-consumer".to_owned())]
        );
        assert!(
            a.iter()
                .all(|s| s.description.contains("Managed by eventsctl"))
        );
        // SystemErrors of the import's PartiQL batches, under their whole dimension set.
        let Watch::Math {
            expression, inputs, ..
        } = &a[0].watch
        else {
            panic!("SystemErrors is metric math")
        };
        assert_eq!(
            expression,
            "FILL(m1, 0) + FILL(m2, 0) + FILL(m3, 0) + FILL(m4, 0) + FILL(m5, 0)"
        );
        let batch = inputs
            .iter()
            .find(|m| {
                m.dimensions
                    .contains(&("Operation".to_owned(), "BatchExecuteStatement".to_owned()))
            })
            .expect("the import's SystemErrors");
        assert!(
            batch
                .dimensions
                .contains(&("OperationType".to_owned(), "Write".to_owned()))
        );
    }
}
