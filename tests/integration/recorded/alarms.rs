//! The exact PutMetricAlarm requests `alarms apply` sends, and `alarms status` / a second
//! `apply` against what CloudWatch then stores and DescribeAlarms answers. The emulator neither
//! stores nor evaluates metric-math alarms and drops EvaluateLowSampleCountPercentile, so this
//! is where they are proven.

use std::sync::{Arc, Mutex};

use aws_sdk_cloudwatch::operation::describe_alarms::DescribeAlarmsOutput;
use aws_sdk_cloudwatch::operation::put_metric_alarm::{PutMetricAlarmInput, PutMetricAlarmOutput};
use aws_sdk_cloudwatch::types::{MetricAlarm, StateValue};
use aws_sdk_dynamodb::operation::describe_table::{DescribeTableError, DescribeTableOutput};
use aws_sdk_dynamodb::types::{GlobalSecondaryIndexDescription, TableDescription};
use aws_smithy_mocks::{RuleMode, mock, mock_client};
use eventsctl::cli::{AlarmsApplyArgs, AlarmsCommand, Command};
use eventsctl::report::{CheckId, Status};

use super::{context_env, run, table_with_gsis};

const TOPIC: &str = "arn:aws:sns:us-east-1:111122223333:oncall";

/// What CloudWatch keeps of a PutMetricAlarm, as DescribeAlarms returns it.
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricAlarm.html
fn stored(i: &PutMetricAlarmInput) -> MetricAlarm {
    MetricAlarm::builder()
        .alarm_name(i.alarm_name().unwrap())
        .set_alarm_description(i.alarm_description().map(str::to_owned))
        .set_namespace(i.namespace().map(str::to_owned))
        .set_metric_name(i.metric_name().map(str::to_owned))
        .set_dimensions(i.dimensions.clone())
        .set_statistic(i.statistic().cloned())
        .set_extended_statistic(i.extended_statistic().map(str::to_owned))
        .set_period(i.period())
        .set_evaluation_periods(i.evaluation_periods())
        .set_datapoints_to_alarm(i.datapoints_to_alarm())
        .set_threshold(i.threshold())
        .set_comparison_operator(i.comparison_operator().cloned())
        .set_treat_missing_data(i.treat_missing_data().map(str::to_owned))
        .set_evaluate_low_sample_count_percentile(
            i.evaluate_low_sample_count_percentile().map(str::to_owned),
        )
        .set_metrics(i.metrics.clone())
        .set_actions_enabled(i.actions_enabled())
        .set_alarm_actions(i.alarm_actions.clone())
        .set_ok_actions(i.ok_actions.clone())
        .state_value(StateValue::Ok)
        .build()
}

const STREAM: &str = "arn:aws:dynamodb:us-east-1:111122223333:table/zapier-triggers-api-staging-events/stream/1999-01-01T00:00:00.000";
const CONSUMER: &str = "events-consumer";

/// The table as DescribeTable answers it: the spec's GSIs and a stream.
fn table_streamed() -> TableDescription {
    let mut t = table_with_gsis();
    t.latest_stream_arn = Some(STREAM.into());
    t
}

fn ddb() -> aws_sdk_dynamodb::Client {
    ddb_of(table_streamed())
}

/// Lambda as AWS answers for the consumer: GetFunction finds it, and its event source mapping
/// on the table's stream is in `state`.
/// https://docs.aws.amazon.com/lambda/latest/api/API_ListEventSourceMappings.html
fn lambda_with_consumer(state: &'static str) -> aws_sdk_lambda::Client {
    let get = mock!(aws_sdk_lambda::Client::get_function).then_output(|| {
        aws_sdk_lambda::operation::get_function::GetFunctionOutput::builder()
            .configuration(
                aws_sdk_lambda::types::FunctionConfiguration::builder()
                    .function_name(CONSUMER)
                    .build(),
            )
            .build()
    });
    let list = mock!(aws_sdk_lambda::Client::list_event_source_mappings)
        .match_requests(|r| r.event_source_arn() == Some(STREAM))
        .then_output(move || {
            aws_sdk_lambda::operation::list_event_source_mappings::ListEventSourceMappingsOutput::builder()
                .event_source_mappings(
                    aws_sdk_lambda::types::EventSourceMappingConfiguration::builder()
                        .uuid("0f6a2c9e-mapping")
                        .event_source_arn(STREAM)
                        .function_arn(format!(
                            "arn:aws:lambda:us-east-1:111122223333:function:{CONSUMER}"
                        ))
                        .state(state)
                        .build(),
                )
                .build()
        });
    mock_client!(aws_sdk_lambda, RuleMode::MatchAny, &[&get, &list])
}

fn ddb_of(table: TableDescription) -> aws_sdk_dynamodb::Client {
    let describe = mock!(aws_sdk_dynamodb::Client::describe_table)
        .then_output(move || DescribeTableOutput::builder().table(table.clone()).build());
    mock_client!(aws_sdk_dynamodb, RuleMode::MatchAny, &[&describe])
}

/// A context whose CloudWatch has no alarms yet and records every PutMetricAlarm.
async fn recording_puts() -> (
    eventsctl::context::Context,
    Arc<Mutex<Vec<PutMetricAlarmInput>>>,
) {
    recording_puts_on(table_streamed()).await
}

async fn recording_puts_on(
    table: TableDescription,
) -> (
    eventsctl::context::Context,
    Arc<Mutex<Vec<PutMetricAlarmInput>>>,
) {
    let sent: Arc<Mutex<Vec<PutMetricAlarmInput>>> = Arc::default();
    let record = sent.clone();
    let put = mock!(aws_sdk_cloudwatch::Client::put_metric_alarm).then_compute_output(move |i| {
        record.lock().unwrap().push(i.clone());
        PutMetricAlarmOutput::builder().build()
    });
    let none = mock!(aws_sdk_cloudwatch::Client::describe_alarms)
        .then_output(|| DescribeAlarmsOutput::builder().build());
    let ctx = context_env("staging").await;
    ctx.preset_dynamodb(ddb_of(table));
    ctx.preset_lambda(lambda_with_consumer("Enabled"));
    ctx.preset_cloudwatch(mock_client!(
        aws_sdk_cloudwatch,
        RuleMode::MatchAny,
        &[&none, &put]
    ));
    (ctx, sent)
}

fn apply(topic: Option<&str>) -> Command {
    Command::Alarms(AlarmsCommand::Apply(AlarmsApplyArgs {
        sns_topic: topic.map(str::to_owned),
        recommended: false,
        consumer_function: None,
        iterator_age_minutes: eventsctl::cli::DEFAULT_ITERATOR_AGE_MINUTES,
        health_check: false,
        thresholds_from_backtest: None,
        dry_run: false,
        yes: false,
    }))
}

/// `alarms apply --sns-topic --recommended --consumer-function events-consumer
/// --iterator-age-minutes 10`.
fn apply_recommended() -> Command {
    Command::Alarms(AlarmsCommand::Apply(AlarmsApplyArgs {
        sns_topic: Some(TOPIC.into()),
        recommended: true,
        consumer_function: Some(CONSUMER.into()),
        iterator_age_minutes: 10.0,
        health_check: false,
        thresholds_from_backtest: None,
        dry_run: false,
        yes: false,
    }))
}

/// AWS: alarms on AWS/DynamoDB metrics always ignore missing data (they keep their state), and
/// DynamoDB publishes throttle counts only while throttling, so the throttle alarms are metric
/// math over FILL(m, 0) with the per-reason on-demand metrics; the latency percentiles ignore
/// low sample counts. https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
#[tokio::test]
async fn put_metric_alarm_requests_return_to_ok_on_dynamodb_metrics() {
    let (ctx, sent) = recording_puts().await;
    let report = run(&ctx, apply(Some(TOPIC))).await;
    assert!(!report.failed);
    let sent = sent.lock().unwrap().clone();
    assert_eq!(sent.len(), 6, "table write, table read, 2 GSIs, 2 latency");

    let throttles = &sent[0];
    assert_eq!(
        throttles.alarm_name(),
        Some("zapier-triggers-api-staging-events-table-throttles")
    );
    // Metric math: no single-metric fields next to Metrics (AWS refuses the mix).
    assert_eq!(throttles.metric_name(), None);
    assert_eq!(throttles.namespace(), None);
    assert_eq!(throttles.period(), None);
    assert_eq!(throttles.statistic(), None);
    let m = throttles.metrics();
    assert_eq!(m.len(), 6);
    let watched: Vec<_> = m.iter().filter(|q| q.return_data() == Some(true)).collect();
    assert_eq!(watched.len(), 1, "exactly one expression is watched");
    assert_eq!(watched[0].id(), Some("e1"));
    assert_eq!(
        watched[0].expression(),
        Some("MAX([FILL(m1, 0), FILL(m2, 0) + FILL(m3, 0) + FILL(m4, 0) + FILL(m5, 0)])")
    );
    let names: Vec<&str> = m[..5]
        .iter()
        .map(|q| {
            q.metric_stat()
                .unwrap()
                .metric()
                .unwrap()
                .metric_name()
                .unwrap()
        })
        .collect();
    assert_eq!(
        names,
        [
            "WriteThrottleEvents",
            "WriteKeyRangeThroughputThrottleEvents",
            "WriteMaxOnDemandThroughputThrottleEvents",
            "WriteAccountLimitThrottleEvents",
            "WriteProvisionedThroughputThrottleEvents"
        ]
    );
    for q in &m[..5] {
        let ms = q.metric_stat().unwrap();
        assert_eq!((ms.stat(), ms.period()), (Some("Sum"), Some(300)));
        assert_eq!(ms.metric().unwrap().namespace(), Some("AWS/DynamoDB"));
        assert_eq!(q.return_data(), Some(false));
    }
    assert_eq!(
        (
            throttles.threshold(),
            throttles.evaluation_periods(),
            throttles.datapoints_to_alarm()
        ),
        (Some(10.0), Some(2), Some(2))
    );
    assert_eq!(throttles.alarm_actions(), [TOPIC]);
    assert_eq!(
        throttles.ok_actions(),
        [TOPIC],
        "an OK notification when it clears"
    );
    // The GSI alarms read the index's own metrics.
    let gsi = &sent[2];
    assert!(gsi.alarm_name().unwrap().ends_with("-EventTypeIndex"));
    let dims = gsi.metrics()[0]
        .metric_stat()
        .unwrap()
        .metric()
        .unwrap()
        .dimensions();
    assert!(dims.iter().any(|d| d.value() == Some("EventTypeIndex")));

    let write = &sent[4];
    assert_eq!(write.metric_name(), Some("SuccessfulRequestLatency"));
    assert_eq!(write.extended_statistic(), Some("p99"));
    assert_eq!(write.evaluate_low_sample_count_percentile(), Some("ignore"));
    assert_eq!((write.period(), write.threshold()), (Some(300), Some(20.0)));
    assert!(write.metrics().is_empty());
    let read = &sent[5];
    assert_eq!(read.extended_statistic(), Some("p95"));
    assert_eq!(read.evaluate_low_sample_count_percentile(), Some("ignore"));

    // `alarms status` against what CloudWatch stored: every alarm as specified.
    let kept: Vec<MetricAlarm> = sent.iter().map(stored).collect();
    let kept_for_status = kept.clone();
    let described = mock!(aws_sdk_cloudwatch::Client::describe_alarms).then_output(move || {
        DescribeAlarmsOutput::builder()
            .set_metric_alarms(Some(kept_for_status.clone()))
            .build()
    });
    let put_again = mock!(aws_sdk_cloudwatch::Client::put_metric_alarm)
        .then_output(|| PutMetricAlarmOutput::builder().build());
    let ctx = context_env("staging").await;
    ctx.preset_dynamodb(ddb());
    ctx.preset_cloudwatch(mock_client!(
        aws_sdk_cloudwatch,
        RuleMode::MatchAny,
        &[&described, &put_again]
    ));
    let status = run(&ctx, Command::Alarms(AlarmsCommand::Status)).await;
    assert!(
        status.findings.iter().all(|f| f.status == Status::Ok),
        "{:?}",
        status.findings
    );
    assert_eq!(status.exit_code(), 0);
    // And a second apply changes nothing.
    let again = run(&ctx, apply(None)).await;
    assert_eq!(put_again.num_calls(), 0, "{:?}", again.data["plan"]);
}

/// An alarm written the earlier way (one metric, no FILL) latches in ALARM on AWS: status names
/// the drift, apply replaces it with the math alarm.
#[tokio::test]
async fn a_single_metric_throttle_alarm_is_drift() {
    let old = MetricAlarm::builder()
        .alarm_name("zapier-triggers-api-staging-events-table-throttles")
        .namespace("AWS/DynamoDB")
        .metric_name("WriteThrottleEvents")
        .dimensions(
            aws_sdk_cloudwatch::types::Dimension::builder()
                .name("TableName")
                .value("zapier-triggers-api-staging-events")
                .build(),
        )
        .statistic(aws_sdk_cloudwatch::types::Statistic::Sum)
        .period(300)
        .evaluation_periods(2)
        .threshold(10.0)
        .comparison_operator(aws_sdk_cloudwatch::types::ComparisonOperator::GreaterThanThreshold)
        .treat_missing_data("notBreaching")
        .alarm_actions(TOPIC)
        .state_value(StateValue::Alarm)
        .build();
    let described = mock!(aws_sdk_cloudwatch::Client::describe_alarms).then_output(move || {
        DescribeAlarmsOutput::builder()
            .metric_alarms(old.clone())
            .build()
    });
    let ctx = context_env("staging").await;
    ctx.preset_dynamodb(ddb());
    ctx.preset_cloudwatch(mock_client!(
        aws_sdk_cloudwatch,
        RuleMode::MatchAny,
        &[&described]
    ));
    let status = run(&ctx, Command::Alarms(AlarmsCommand::Status)).await;
    let f = status
        .findings
        .iter()
        .find(|f| f.check == CheckId::Alarm("events-table-throttles".into()))
        .unwrap();
    assert_eq!(f.status, Status::Crit, "in ALARM");
    assert!(
        f.summary
            .contains("metric: WriteThrottleEvents -> metric math"),
        "{}",
        f.summary
    );
}

/// AWS answers a call the policy does not allow with AccessDenied: the check says unknown,
/// names the action, and points at the command that prints the policy.
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CommonErrors.html
#[tokio::test]
async fn access_denied_names_the_action_and_the_policy_command() {
    let denied = mock!(aws_sdk_cloudwatch::Client::describe_alarms).then_error(|| {
        aws_sdk_cloudwatch::operation::describe_alarms::DescribeAlarmsError::generic(
            aws_smithy_types::error::ErrorMetadata::builder()
                .code("AccessDenied")
                .message("User: arn:aws:sts::111122223333:assumed-role/oncall is not authorized to perform: cloudwatch:DescribeAlarms")
                .build(),
        )
    });
    let ctx = context_env("staging").await;
    ctx.preset_dynamodb(ddb());
    ctx.preset_cloudwatch(mock_client!(
        aws_sdk_cloudwatch,
        RuleMode::MatchAny,
        &[&denied]
    ));
    let status = run(&ctx, Command::Alarms(AlarmsCommand::Status)).await;
    let f = &status.findings[0];
    assert_eq!(f.status, Status::Unknown);
    assert!(
        f.summary.contains("cloudwatch:DescribeAlarms"),
        "{}",
        f.summary
    );
    assert!(f.summary.contains("eventsctl iam-policy"), "{}", f.summary);
    assert_eq!(status.exit_code(), 3);
}

/// `alarms apply --recommended` (beyond the runbook): the requests AWS receives for the four
/// recommended alarms, then `alarms status` against what CloudWatch stores: every alarm, the
/// runbook's and the recommended, as specified, on AWS-shaped answers (the emulator's round trip
/// is `recommended_alarms.rs`).
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html
#[tokio::test]
async fn recommended_alarm_requests_and_status_on_what_cloudwatch_stores() {
    let (ctx, sent) = recording_puts().await;
    let report = run(&ctx, apply_recommended()).await;
    assert!(!report.failed);
    let sent = sent.lock().unwrap().clone();
    assert_eq!(sent.len(), 10, "the runbook's 6 and the recommended 4");
    let by = |suffix: &str| {
        sent.iter()
            .find(|i| i.alarm_name().unwrap().ends_with(suffix))
            .unwrap()
    };
    let errors = by("-events-table-system-errors");
    let watched = errors
        .metrics()
        .iter()
        .find(|q| q.return_data() == Some(true))
        .unwrap();
    assert_eq!(
        watched.expression(),
        Some("FILL(m1, 0) + FILL(m2, 0) + FILL(m3, 0) + FILL(m4, 0) + FILL(m5, 0)")
    );
    assert_eq!(
        (
            errors.evaluation_periods(),
            errors.datapoints_to_alarm(),
            errors.threshold()
        ),
        (Some(3), Some(2), Some(0.0))
    );
    let ttl = by("-events-table-ttl-deletes-stopped");
    assert_eq!(
        ttl.comparison_operator().map(|c| c.as_str()),
        Some("LessThanThreshold")
    );
    assert_eq!(
        (ttl.evaluation_periods(), ttl.datapoints_to_alarm()),
        (Some(24), Some(24))
    );
    let age = by("-consumer-iterator-age");
    assert_eq!(
        (age.namespace(), age.metric_name(), age.threshold()),
        (Some("AWS/Lambda"), Some("IteratorAge"), Some(600_000.0))
    );
    assert_eq!(age.dimensions()[0].value(), Some("events-consumer"));

    let kept: Vec<MetricAlarm> = sent.iter().map(stored).collect();
    let described = mock!(aws_sdk_cloudwatch::Client::describe_alarms).then_output(move || {
        DescribeAlarmsOutput::builder()
            .set_metric_alarms(Some(kept.clone()))
            .build()
    });
    let ctx = context_env("staging").await;
    ctx.preset_dynamodb(ddb());
    ctx.preset_lambda(lambda_with_consumer("Enabled"));
    ctx.preset_cloudwatch(mock_client!(
        aws_sdk_cloudwatch,
        RuleMode::MatchAny,
        &[&described]
    ));
    let status = run(&ctx, Command::Alarms(AlarmsCommand::Status)).await;
    let checks: Vec<String> = status
        .findings
        .iter()
        .map(|f| f.check.to_string())
        .collect();
    assert!(
        checks.contains(&"alarm.consumer-iterator-age".to_owned()),
        "{checks:?}"
    );
    assert!(
        checks.contains(&"alarm.events-table-ttl-deletes-stopped".to_owned()),
        "{checks:?}"
    );
    assert!(
        status.findings.iter().all(|f| f.status == Status::Ok),
        "{:?}",
        status.findings
    );
}

/// What CloudWatch stores after `alarms apply --sns-topic --recommended --consumer-function`
/// on a table described as `table`: the runbook's alarms for its GSIs and the recommended four.
async fn applied_on(table: TableDescription) -> Vec<MetricAlarm> {
    let (ctx, sent) = recording_puts_on(table).await;
    assert!(!run(&ctx, apply_recommended()).await.failed);
    let sent = sent.lock().unwrap().clone();
    sent.iter().map(stored).collect()
}

/// DescribeAlarms as AWS answers it: only the alarms named in AlarmNames (at most 100 a call),
/// each call's names recorded.
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html
fn describe_by_name(
    kept: Vec<MetricAlarm>,
) -> (aws_smithy_mocks::Rule, Arc<Mutex<Vec<Vec<String>>>>) {
    let asked: Arc<Mutex<Vec<Vec<String>>>> = Arc::default();
    let record = asked.clone();
    let rule = mock!(aws_sdk_cloudwatch::Client::describe_alarms).then_compute_output(move |i| {
        let names = i.alarm_names().to_vec();
        assert!(names.len() <= 100, "AWS takes at most 100 AlarmNames");
        record.lock().unwrap().push(names.clone());
        DescribeAlarmsOutput::builder()
            .set_metric_alarms(Some(
                kept.iter()
                    .filter(|a| names.iter().any(|n| a.alarm_name() == Some(n)))
                    .cloned()
                    .collect(),
            ))
            .build()
    });
    (rule, asked)
}

fn status_on(
    ctx: &eventsctl::context::Context,
    describe_table: &aws_smithy_mocks::Rule,
    describe_alarms: &aws_smithy_mocks::Rule,
) {
    ctx.preset_lambda(lambda_with_consumer("Enabled"));
    ctx.preset_dynamodb(mock_client!(
        aws_sdk_dynamodb,
        RuleMode::MatchAny,
        &[describe_table]
    ));
    ctx.preset_cloudwatch(mock_client!(
        aws_sdk_cloudwatch,
        RuleMode::MatchAny,
        &[describe_alarms]
    ));
}

fn describe_table_answers(table: TableDescription) -> aws_smithy_mocks::Rule {
    mock!(aws_sdk_dynamodb::Client::describe_table)
        .then_output(move || DescribeTableOutput::builder().table(table.clone()).build())
}

/// `alarms status` on a table with the spec's GSIs and every alarm applied (the runbook's and
/// the recommended, consumer included): one DescribeTable and ONE DescribeAlarms page, which
/// names every alarm checked (the recommended ones before the consumer is known), and every
/// alarm found as specified.
#[tokio::test]
async fn alarm_status_reads_every_alarm_in_one_describe_alarms_call() {
    let kept = applied_on(table_streamed()).await;
    assert_eq!(kept.len(), 10, "the runbook's 6 and the recommended 4");
    let (describe, asked) = describe_by_name(kept);
    let table = describe_table_answers(table_streamed());
    let ctx = context_env("staging").await;
    status_on(&ctx, &table, &describe);
    let status = run(&ctx, Command::Alarms(AlarmsCommand::Status)).await;
    assert_eq!(describe.num_calls(), 1, "{:?}", asked.lock().unwrap());
    assert_eq!(table.num_calls(), 1);
    assert_eq!(
        status.findings.len(),
        11,
        "10 alarms and the consumer's mapping: {:?}",
        status.findings
    );
    assert!(
        status.findings.iter().all(|f| f.status == Status::Ok),
        "{:?}",
        status.findings
    );
    assert!(
        status
            .findings
            .iter()
            .any(|f| f.check == CheckId::Alarm("consumer-errors".into()))
    );
    assert_eq!(
        asked.lock().unwrap()[0].len(),
        12,
        "the 6, the 4 and the 2 of --health-check, once each"
    );
}

/// A table deployed with a GSI the spec does not have: its alarm is asked for in one more
/// DescribeAlarms call, for that name alone, and checked like the others.
#[tokio::test]
async fn a_gsi_the_spec_lacks_costs_one_more_describe_alarms_for_its_alarm_alone() {
    let mut deployed = table_streamed();
    deployed
        .global_secondary_indexes
        .get_or_insert_default()
        .push(
            GlobalSecondaryIndexDescription::builder()
                .index_name("ArchiveIndex")
                .build(),
        );
    let kept = applied_on(deployed.clone()).await;
    let (describe, asked) = describe_by_name(kept);
    let table = describe_table_answers(deployed);
    let ctx = context_env("staging").await;
    status_on(&ctx, &table, &describe);
    let status = run(&ctx, Command::Alarms(AlarmsCommand::Status)).await;
    let asked = asked.lock().unwrap().clone();
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert_eq!(
        asked[1],
        ["zapier-triggers-api-staging-events-table-throttles-ArchiveIndex"]
    );
    let f = status
        .findings
        .iter()
        .find(|f| f.check == CheckId::Alarm("events-table-throttles-ArchiveIndex".into()))
        .expect("the deployed GSI's alarm is checked");
    assert_eq!(f.status, Status::Ok, "{f:?}");
    assert!(status.findings.iter().all(|f| f.status == Status::Ok));
}

/// DynamoDB answers DescribeTable with AccessDeniedException when the policy lacks
/// dynamodb:DescribeTable: `alarms status` still checks the alarms, expecting the spec's GSIs,
/// and says so in a note.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
#[tokio::test]
async fn describe_table_access_denied_expects_the_spec_gsis_and_says_so() {
    let kept = applied_on(table_streamed()).await;
    let (describe, _) = describe_by_name(kept);
    let denied = mock!(aws_sdk_dynamodb::Client::describe_table).then_error(|| {
        DescribeTableError::generic(
            aws_smithy_types::error::ErrorMetadata::builder()
                .code("AccessDeniedException")
                .message("User: arn:aws:sts::111122223333:assumed-role/oncall is not authorized to perform: dynamodb:DescribeTable")
                .build(),
        )
    });
    let ctx = context_env("staging").await;
    status_on(&ctx, &denied, &describe);
    let status = run(&ctx, Command::Alarms(AlarmsCommand::Status)).await;
    assert_eq!(denied.num_calls(), 1);
    let note = status
        .notes
        .iter()
        .find(|n| n.starts_with("could not describe the table"))
        .unwrap_or_else(|| panic!("a note says the GSIs are the spec's: {:?}", status.notes));
    assert!(note.contains("dynamodb:DescribeTable"), "{note}");
    assert!(
        note.contains("the GSI alarms expected are the spec's (EventTypeIndex, StatusIndex)"),
        "{note}"
    );
    for gsi in ["EventTypeIndex", "StatusIndex"] {
        let f = status
            .findings
            .iter()
            .find(|f| f.check == CheckId::Alarm(format!("events-table-throttles-{gsi}")))
            .unwrap_or_else(|| panic!("{gsi}'s alarm is checked: {:?}", status.findings));
        assert_eq!(f.status, Status::Ok, "{f:?}");
    }
    // Which stream the consumer should read is not known without DescribeTable: that one
    // check is unknown, said; every alarm is still judged.
    let mapping = status
        .findings
        .iter()
        .find(|f| f.check == CheckId::AlarmConsumerMapping)
        .expect("the consumer's mapping is checked");
    assert_eq!(mapping.status, Status::Unknown, "{mapping:?}");
    assert!(
        mapping
            .summary
            .contains("whether events-consumer reads its stream is not known"),
        "{}",
        mapping.summary
    );
    assert!(
        status
            .findings
            .iter()
            .filter(|f| f.check != CheckId::AlarmConsumerMapping)
            .all(|f| f.status == Status::Ok),
        "{:?}",
        status.findings
    );
    assert_eq!(status.exit_code(), 3, "{:?}", status.findings);
}

/// A context whose CloudWatch answers DescribeAlarms with `kept` and records every
/// PutMetricAlarm.
async fn recording_puts_over(
    kept: Vec<MetricAlarm>,
) -> (
    eventsctl::context::Context,
    Arc<Mutex<Vec<PutMetricAlarmInput>>>,
) {
    let sent: Arc<Mutex<Vec<PutMetricAlarmInput>>> = Arc::default();
    let record = sent.clone();
    let put = mock!(aws_sdk_cloudwatch::Client::put_metric_alarm).then_compute_output(move |i| {
        record.lock().unwrap().push(i.clone());
        PutMetricAlarmOutput::builder().build()
    });
    let (described, _) = describe_by_name(kept);
    let ctx = context_env("staging").await;
    ctx.preset_dynamodb(ddb());
    ctx.preset_lambda(lambda_with_consumer("Enabled"));
    ctx.preset_cloudwatch(mock_client!(
        aws_sdk_cloudwatch,
        RuleMode::MatchAny,
        &[&described, &put]
    ));
    (ctx, sent)
}

/// PutMetricAlarm replaces the whole alarm, its action lists included. Someone added a Slack
/// topic for recoveries and an ops topic for INSUFFICIENT_DATA: `alarms apply` without
/// `--sns-topic` repairs a drifted threshold and keeps both; with `--sns-topic` the topic takes
/// over ALARM and OK, the INSUFFICIENT_DATA topic stays, and the Slack topic's removal is said.
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
#[tokio::test]
async fn recorded_apply_keeps_the_actions_the_spec_does_not_own() {
    const SLACK: &str = "arn:aws:sns:us-east-1:111122223333:slack";
    const OPS: &str = "arn:aws:sns:us-east-1:111122223333:ops";
    const NEW: &str = "arn:aws:sns:us-east-1:111122223333:oncall-2";
    let (ctx, sent) = recording_puts().await;
    assert!(!run(&ctx, apply(Some(TOPIC))).await.failed);
    let mut kept: Vec<MetricAlarm> = sent.lock().unwrap().iter().map(stored).collect();
    kept[0].ok_actions = Some(vec![SLACK.into()]);
    kept[0].insufficient_data_actions = Some(vec![OPS.into()]);
    kept[0].threshold = Some(50.0);
    let name = kept[0].alarm_name().unwrap().to_owned();

    let (ctx, sent) = recording_puts_over(kept.clone()).await;
    let report = run(&ctx, apply(None)).await;
    let sent = sent.lock().unwrap().clone();
    assert_eq!(sent.len(), 1, "only the drifted alarm is written");
    assert_eq!(sent[0].alarm_name(), Some(name.as_str()));
    assert_eq!(sent[0].threshold(), Some(10.0));
    assert_eq!(sent[0].alarm_actions(), [TOPIC]);
    assert_eq!(sent[0].ok_actions(), [SLACK], "kept");
    assert_eq!(sent[0].insufficient_data_actions(), [OPS], "kept");
    let plan = report.data["plan"].as_array().unwrap();
    assert_eq!(plan[0]["ok_actions"], serde_json::json!([SLACK]));
    assert_eq!(
        plan[0]["insufficient_data_actions"],
        serde_json::json!([OPS])
    );
    assert!(
        report.findings.iter().all(|f| f.status == Status::Ok),
        "every alarm notifies someone: {:?}",
        report.findings
    );

    let (ctx, sent) = recording_puts_over(kept).await;
    let report = run(&ctx, apply(Some(NEW))).await;
    let sent = sent.lock().unwrap().clone();
    let first = sent
        .iter()
        .find(|i| i.alarm_name() == Some(name.as_str()))
        .unwrap();
    assert_eq!(first.alarm_actions(), [NEW]);
    assert_eq!(first.ok_actions(), [NEW]);
    assert_eq!(
        first.insufficient_data_actions(),
        [OPS],
        "not the spec's: kept"
    );
    let changes = report.data["plan"][0]["changes"].to_string();
    assert!(
        changes.contains(&format!(r#"ok actions: [\"{SLACK}\"] -> [\"{NEW}\"]"#)),
        "{changes}"
    );
    let note = report
        .notes
        .iter()
        .find(|n| n.starts_with("--sns-topic replaces"))
        .unwrap_or_else(|| panic!("the removal is said: {:?}", report.notes));
    assert!(
        note.contains(&format!("{name}: ok actions {SLACK}")),
        "{note}"
    );
}

/// Alarms created without `--sns-topic` page nobody: the apply says so as a warning with the
/// flag, and the TTL-deletes-stopped alarm, which fires below 1, is shown as `< 1`.
#[tokio::test]
async fn recorded_apply_without_a_topic_warns_and_shows_each_comparison() {
    let (ctx, sent) = recording_puts().await;
    let mut args = match apply_recommended() {
        Command::Alarms(AlarmsCommand::Apply(a)) => a,
        _ => unreachable!(),
    };
    args.sns_topic = None;
    let report = run(&ctx, Command::Alarms(AlarmsCommand::Apply(args))).await;
    assert!(!report.failed);
    assert_eq!(sent.lock().unwrap().len(), 10);
    let warning = report
        .findings
        .iter()
        .find(|f| f.check == CheckId::AlarmActions)
        .unwrap_or_else(|| panic!("a warning: {:?}", report.findings));
    assert_eq!(warning.status, Status::Warn);
    assert!(
        warning.summary.starts_with("10 of 10 alarms notify nobody"),
        "{}",
        warning.summary
    );
    assert!(
        warning.remedy.as_deref().unwrap().contains("--sns-topic"),
        "{warning:?}"
    );
    let rows = report
        .sections
        .iter()
        .find_map(|s| match s {
            eventsctl::report::Section::Table { rows, .. } => Some(rows.clone()),
            _ => None,
        })
        .unwrap();
    let ttl = rows
        .iter()
        .find(|r| r[0].ends_with("-ttl-deletes-stopped"))
        .unwrap();
    assert!(ttl[2].ends_with("< 1 in 24x3600s"), "{}", ttl[2]);
    let throttles = rows
        .iter()
        .find(|r| r[0].ends_with("-events-table-throttles"))
        .unwrap();
    assert!(throttles[2].ends_with("> 10 in 2x300s"), "{}", throttles[2]);
}

/// Lambda answers ListEventSourceMappings with the consumer's mapping Disabled: its IteratorAge
/// and Errors alarms stay OK (no invocations), so `alarms status` is crit on the mapping.
#[tokio::test]
async fn recorded_status_is_crit_when_the_consumers_mapping_is_disabled() {
    let kept = applied_on(table_streamed()).await;
    let (describe, _) = describe_by_name(kept);
    let table = describe_table_answers(table_streamed());
    let ctx = context_env("staging").await;
    ctx.preset_lambda(lambda_with_consumer("Disabled"));
    ctx.preset_dynamodb(mock_client!(
        aws_sdk_dynamodb,
        RuleMode::MatchAny,
        &[&table]
    ));
    ctx.preset_cloudwatch(mock_client!(
        aws_sdk_cloudwatch,
        RuleMode::MatchAny,
        &[&describe]
    ));
    let status = run(&ctx, Command::Alarms(AlarmsCommand::Status)).await;
    let f = status
        .findings
        .iter()
        .find(|f| f.check == CheckId::AlarmConsumerMapping)
        .unwrap();
    assert_eq!(f.status, Status::Crit, "{f:?}");
    assert!(
        f.summary
            .contains("the event source mapping of events-consumer is Disabled"),
        "{}",
        f.summary
    );
    assert_eq!(status.exit_code(), 2);
}
