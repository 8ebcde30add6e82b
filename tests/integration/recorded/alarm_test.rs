//! `alarms test` on what AWS answers and the emulator cannot: DescribeAlarmHistory's `Action`
//! items (the action ran, or failed and why) and an e-mail subscription pending confirmation
//! (listed as `PendingConfirmation`).

use aws_sdk_cloudwatch::operation::describe_alarm_history::DescribeAlarmHistoryOutput;
use aws_sdk_cloudwatch::operation::describe_alarms::DescribeAlarmsOutput;
use aws_sdk_cloudwatch::operation::set_alarm_state::{SetAlarmStateInput, SetAlarmStateOutput};
use aws_sdk_cloudwatch::types::{
    AlarmHistoryItem, ComparisonOperator, HistoryItemType, MetricAlarm, StateValue,
};
use aws_sdk_sns::operation::get_topic_attributes::GetTopicAttributesOutput;
use aws_sdk_sns::operation::list_subscriptions_by_topic::ListSubscriptionsByTopicOutput;
use aws_sdk_sns::types::Subscription;
use aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityOutput;
use aws_smithy_mocks::{RuleMode, mock, mock_client};
use eventsctl::cli::{AlarmsCommand, AlarmsTestArgs, Command};
use eventsctl::report::{Report, Status};
use std::sync::{Arc, Mutex};

use super::{context, run, table_exists};

const ALARM: &str = "zapier-triggers-api-prod-dynamodb-write-latency";
const TOPIC: &str = "arn:aws:sns:us-east-1:111122223333:oncall";
const OPERATOR: &str = "arn:aws:sts::111122223333:assumed-role/oncall/jane";

fn item(secs_ago: i64, kind: HistoryItemType, summary: &str) -> AlarmHistoryItem {
    AlarmHistoryItem::builder()
        .alarm_name(ALARM)
        .timestamp(aws_smithy_types::DateTime::from_secs(
            chrono::Utc::now().timestamp() - secs_ago,
        ))
        .history_item_type(kind)
        .history_summary(summary)
        .build()
}

/// The test of one alarm whose topic has a confirmed and a pending e-mail subscription, its
/// history answering `history`.
async fn alarm_test(history: Vec<AlarmHistoryItem>) -> (Report, Option<SetAlarmStateInput>) {
    let alarms = mock!(aws_sdk_cloudwatch::Client::describe_alarms).then_output(|| {
        DescribeAlarmsOutput::builder()
            .metric_alarms(
                MetricAlarm::builder()
                    .alarm_name(ALARM)
                    .namespace("AWS/DynamoDB")
                    .metric_name("SuccessfulRequestLatency")
                    .extended_statistic("p99")
                    .period(300)
                    .evaluation_periods(3)
                    .threshold(20.0)
                    .comparison_operator(ComparisonOperator::GreaterThanThreshold)
                    .actions_enabled(true)
                    .alarm_actions(TOPIC)
                    .state_value(StateValue::Ok)
                    .build(),
            )
            .build()
    });
    let sent: Arc<Mutex<Option<SetAlarmStateInput>>> = Arc::default();
    let seen = sent.clone();
    let set = mock!(aws_sdk_cloudwatch::Client::set_alarm_state).then_compute_output(move |r| {
        *seen.lock().unwrap() = Some(r.clone());
        SetAlarmStateOutput::builder().build()
    });
    let history =
        mock!(aws_sdk_cloudwatch::Client::describe_alarm_history).then_output(move || {
            DescribeAlarmHistoryOutput::builder()
                .set_alarm_history_items(Some(history.clone()))
                .build()
        });
    let attributes = mock!(aws_sdk_sns::Client::get_topic_attributes).then_output(|| {
        GetTopicAttributesOutput::builder()
            .attributes("SubscriptionsConfirmed", "1")
            .attributes("SubscriptionsPending", "1")
            .build()
    });
    let subscriptions = mock!(aws_sdk_sns::Client::list_subscriptions_by_topic).then_output(|| {
        let s = |arn: &str, email: &str| {
            Subscription::builder()
                .subscription_arn(arn)
                .protocol("email")
                .endpoint(email)
                .topic_arn(TOPIC)
                .build()
        };
        ListSubscriptionsByTopicOutput::builder()
            .subscriptions(s(&format!("{TOPIC}:1b2c"), "jane.doe@example.com"))
            .subscriptions(s("PendingConfirmation", "bob@example.com"))
            .build()
    });
    let caller = mock!(aws_sdk_sts::Client::get_caller_identity)
        .then_output(|| GetCallerIdentityOutput::builder().arn(OPERATOR).build());
    let ctx = context().await;
    table_exists(&ctx);
    ctx.preset_cloudwatch(mock_client!(
        aws_sdk_cloudwatch,
        RuleMode::MatchAny,
        &[&alarms, &set, &history]
    ));
    ctx.preset_sns(mock_client!(
        aws_sdk_sns,
        RuleMode::MatchAny,
        &[&attributes, &subscriptions]
    ));
    ctx.preset_sts(mock_client!(aws_sdk_sts, RuleMode::MatchAny, &[&caller]));
    let report = run(
        &ctx,
        Command::Alarms(AlarmsCommand::Test(AlarmsTestArgs {
            alarms: Vec::new(),
            wait: 0,
            dry_run: false,
            yes: true,
        })),
    )
    .await;
    let sent = sent.lock().unwrap().clone();
    (report, sent)
}

fn finding<'a>(r: &'a Report, check: &str) -> &'a eventsctl::report::Finding {
    r.findings
        .iter()
        .find(|f| f.check.to_string() == check)
        .unwrap_or_else(|| panic!("{check}: {:?}", r.findings))
}

/// AWS: the action ran ("Successfully executed action ...") and the alarm came back to OK at
/// its next evaluation; a pending e-mail subscription is a warning, the confirmed one is who
/// was paged, masked.
#[tokio::test]
async fn recorded_alarm_test_action_executed_and_pending_email() {
    let (report, sent) = alarm_test(vec![
        item(
            3,
            HistoryItemType::StateUpdate,
            "Alarm updated from OK to ALARM",
        ),
        item(
            2,
            HistoryItemType::Action,
            &format!("Successfully executed action {TOPIC}"),
        ),
        item(
            1,
            HistoryItemType::StateUpdate,
            "Alarm updated from ALARM to OK",
        ),
    ])
    .await;
    let sent = sent.expect("SetAlarmState was sent");
    assert_eq!(sent.alarm_name(), Some(ALARM));
    assert_eq!(sent.state_value(), Some(&StateValue::Alarm));
    let reason = sent.state_reason().unwrap();
    assert!(
        reason.contains(OPERATOR) && reason.contains("eventsctl alarms test"),
        "{reason}"
    );
    assert!(reason.len() <= 1023);
    let test = finding(&report, "alarm_test.dynamodb-write-latency");
    assert_eq!(test.status, Status::Ok, "{}", test.summary);
    assert!(
        test.summary.contains("Successfully executed action"),
        "{}",
        test.summary
    );
    assert!(test.summary.contains("back from ALARM"), "{}", test.summary);
    let page = finding(&report, "alarm_page.dynamodb-write-latency");
    assert_eq!(page.status, Status::Warn, "{}", page.summary);
    assert!(
        page.summary.contains("email j***@example.com"),
        "{}",
        page.summary
    );
    assert!(page.summary.contains("1 more on"), "{}", page.summary);
    assert!(
        !page.summary.contains("jane.doe"),
        "masked: {}",
        page.summary
    );
    assert_eq!(report.data["operator"], OPERATOR);
}

/// AWS: the action failed; its message is the finding, crit.
#[tokio::test]
async fn recorded_alarm_test_action_failed_names_why() {
    let (report, _) = alarm_test(vec![
        item(3, HistoryItemType::StateUpdate, "Alarm updated from OK to ALARM"),
        item(
            2,
            HistoryItemType::Action,
            &format!("Failed to execute action {TOPIC}. Received error: \"CloudWatch Alarms does not have authorization to access the SNS topic encryption key.\""),
        ),
    ])
    .await;
    let test = finding(&report, "alarm_test.dynamodb-write-latency");
    assert_eq!(test.status, Status::Crit, "{}", test.summary);
    assert!(test.summary.contains("encryption key"), "{}", test.summary);
    assert!(test.summary.contains("next evaluation"), "{}", test.summary);
}
