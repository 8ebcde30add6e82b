//! `alarms backtest` on what AWS answers and the emulator cannot: the runbook's metric-math
//! throttle alarm as DescribeAlarms returns it (with its `Metrics`), 30 days of 5-minute
//! datapoints (older than the emulator's 14 days) in GetMetricData pages newest first (AWS's
//! default order) with PartialData before the last page, and a 60-second alarm whose window is
//! cut to the 15 days CloudWatch keeps 1-minute data.

use std::sync::{Arc, Mutex};

use aws_sdk_cloudwatch::operation::describe_alarms::DescribeAlarmsOutput;
use aws_sdk_cloudwatch::operation::get_metric_data::{GetMetricDataInput, GetMetricDataOutput};
use aws_sdk_cloudwatch::types::{
    ComparisonOperator, Dimension, Metric, MetricAlarm, MetricDataQuery, MetricDataResult,
    MetricStat, StatusCode,
};
use aws_smithy_mocks::{RuleMode, mock, mock_client};
use chrono::{DateTime, Duration, Utc};
use eventsctl::cli::{AlarmsBacktestArgs, AlarmsCommand, Command};

use super::{context, run, table_exists};

const TABLE: &str = "zapier-triggers-api-prod-events";

fn table_metric(id: &str, metric: &str, stat: &str, period: i32) -> MetricDataQuery {
    MetricDataQuery::builder()
        .id(id)
        .metric_stat(
            MetricStat::builder()
                .metric(
                    Metric::builder()
                        .namespace("AWS/DynamoDB")
                        .metric_name(metric)
                        .dimensions(Dimension::builder().name("TableName").value(TABLE).build())
                        .build(),
                )
                .period(period)
                .stat(stat)
                .build(),
        )
        .return_data(false)
        .build()
}

/// Alarm 1 as CloudWatch stores it: metric math over two throttle metrics, 2 of 2 x 300 s.
fn throttle_alarm() -> MetricAlarm {
    MetricAlarm::builder()
        .alarm_name("zapier-triggers-api-prod-events-table-throttles")
        .metrics(table_metric("m1", "WriteThrottleEvents", "Sum", 300))
        .metrics(table_metric(
            "m2",
            "WriteKeyRangeThroughputThrottleEvents",
            "Sum",
            300,
        ))
        .metrics(
            MetricDataQuery::builder()
                .id("e1")
                .expression("MAX([FILL(m1, 0), FILL(m2, 0)])")
                .return_data(true)
                .build(),
        )
        .evaluation_periods(2)
        .datapoints_to_alarm(2)
        .threshold(10.0)
        .comparison_operator(ComparisonOperator::GreaterThanThreshold)
        .treat_missing_data("notBreaching")
        .build()
}

/// The write-latency alarm edited to a 1-minute period.
fn minute_alarm() -> MetricAlarm {
    MetricAlarm::builder()
        .alarm_name("zapier-triggers-api-prod-dynamodb-write-latency")
        .namespace("AWS/DynamoDB")
        .metric_name("SuccessfulRequestLatency")
        .dimensions(Dimension::builder().name("TableName").value(TABLE).build())
        .dimensions(
            Dimension::builder()
                .name("Operation")
                .value("PutItem")
                .build(),
        )
        .extended_statistic("p99")
        .period(60)
        .evaluation_periods(3)
        .threshold(20.0)
        .comparison_operator(ComparisonOperator::GreaterThanThreshold)
        .build()
}

fn secs(t: &aws_smithy_types::DateTime) -> i64 {
    t.secs()
}

/// WriteThrottleEvents every 5 minutes of the window, 0 but for 3 periods at 50 from 25 days
/// back; newest first, in two pages (the newer half first).
fn throttle_page(r: &GetMetricDataInput, burst: i64) -> GetMetricDataOutput {
    let (start, end) = (secs(r.start_time().unwrap()), secs(r.end_time().unwrap()));
    let middle = start + (end - start) / 600 * 300;
    let older = r.next_token() == Some("older");
    let (from, to) = if older {
        (start, middle)
    } else {
        (middle, end)
    };
    let mut times: Vec<i64> = (from..to).step_by(300).collect();
    times.reverse();
    let values: Vec<f64> = times
        .iter()
        .map(|t| {
            if (burst..burst + 900).contains(t) {
                50.0
            } else {
                0.0
            }
        })
        .collect();
    let m1 = MetricDataResult::builder()
        .id("m1")
        .set_timestamps(Some(
            times
                .iter()
                .map(|t| aws_smithy_types::DateTime::from_secs(*t))
                .collect(),
        ))
        .set_values(Some(values))
        .status_code(if older {
            StatusCode::Complete
        } else {
            StatusCode::PartialData
        })
        .build();
    // m2 never had a datapoint.
    let m2 = MetricDataResult::builder()
        .id("m2")
        .status_code(StatusCode::Complete)
        .build();
    GetMetricDataOutput::builder()
        .metric_data_results(m1)
        .metric_data_results(m2)
        .set_next_token((!older).then(|| "older".to_owned()))
        .build()
}

fn asks_for(r: &GetMetricDataInput, metric: &str) -> bool {
    r.metric_data_queries().iter().any(|q| {
        q.metric_stat()
            .and_then(|s| s.metric())
            .and_then(|m| m.metric_name())
            == Some(metric)
    })
}

fn time(v: &serde_json::Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(v.as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc)
}

#[tokio::test]
async fn recorded_backtest_reads_30_days_of_5_minute_pages_newest_first_and_cuts_1_minute_alarms_to_15_days()
 {
    let now = Utc::now();
    let burst = (now - Duration::days(25)).timestamp() / 300 * 300;
    let asked: Arc<Mutex<Vec<GetMetricDataInput>>> = Arc::default();
    let seen = asked.clone();
    let throttles = mock!(aws_sdk_cloudwatch::Client::get_metric_data)
        .match_requests(|r| asks_for(r, "WriteThrottleEvents"))
        .then_compute_output(move |r| {
            seen.lock().unwrap().push(r.clone());
            throttle_page(r, burst)
        });
    let seen = asked.clone();
    let latency = mock!(aws_sdk_cloudwatch::Client::get_metric_data)
        .match_requests(|r| asks_for(r, "SuccessfulRequestLatency"))
        .then_compute_output(move |r| {
            seen.lock().unwrap().push(r.clone());
            GetMetricDataOutput::builder().build()
        });
    let alarms = mock!(aws_sdk_cloudwatch::Client::describe_alarms).then_output(|| {
        DescribeAlarmsOutput::builder()
            .metric_alarms(throttle_alarm())
            .metric_alarms(minute_alarm())
            .build()
    });
    let ctx = context().await;
    table_exists(&ctx);
    ctx.preset_cloudwatch(mock_client!(
        aws_sdk_cloudwatch,
        RuleMode::MatchAny,
        &[&alarms, &throttles, &latency]
    ));
    let report = run(
        &ctx,
        Command::Alarms(AlarmsCommand::Backtest(AlarmsBacktestArgs {
            days: 30,
            pages_per_month: Some(0.5),
            alarms: Vec::new(),
        })),
    )
    .await;
    assert_eq!(throttles.num_calls(), 2, "both pages were read");
    let data = &report.data["alarms"];
    let by = |check: &str| {
        data.as_array()
            .unwrap()
            .iter()
            .find(|a| a["check"] == check)
            .unwrap_or_else(|| panic!("{check}: {data}"))
    };

    // 30 days at the alarm's 5-minute period: one request, two pages.
    let b = &by("alarm_backtest.events-table-throttles")["backtest"];
    let requests = asked.lock().unwrap().clone();
    let first = requests
        .iter()
        .find(|r| asks_for(r, "WriteThrottleEvents"))
        .unwrap();
    let start = secs(first.start_time().unwrap());
    let days = (now.timestamp() - start) as f64 / 86_400.0;
    assert!((29.9..30.1).contains(&days), "asked {days} days back");
    assert!(
        first
            .metric_data_queries()
            .iter()
            .all(|q| q.metric_stat().is_none_or(|s| s.period() == Some(300)))
    );
    assert_eq!(b["period_s"], 300);
    assert_eq!(b["datapoints"], 8640, "every 5-minute period of both pages");
    // The burst 25 days back, past the emulator's 14 days, is the one episode: it fires when
    // the second breaching period closes.
    let s = &b["summary"];
    assert_eq!(s["episodes"], 1, "{b}");
    let fired = time(&s["first"]).timestamp();
    assert_eq!(fired, burst + 600, "{b}");
    assert_eq!(s["longest"]["duration_s"], 600, "{b}");
    assert_eq!(b["worst"]["value"], 50.0);
    assert!(
        b["caveats"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| !c.as_str().unwrap().contains("PartialData")),
        "PartialData before the last page is no gap: {b}"
    );
    // Half a page a month: no page in 30 days; any threshold from 50 up.
    assert_eq!(b["suggestion"]["threshold"], 50.0, "{b}");

    // A 1-minute alarm: CloudWatch keeps 1-minute data 15 days; asked from then, said so.
    let b = &by("alarm_backtest.dynamodb-write-latency")["backtest"];
    let minute = requests
        .iter()
        .find(|r| asks_for(r, "SuccessfulRequestLatency"))
        .unwrap();
    let back = now.timestamp() - secs(minute.start_time().unwrap());
    assert!(
        back < 15 * 86_400 && back > 15 * 86_400 - 120,
        "{back} s back"
    );
    assert!(
        b["caveats"].as_array().unwrap().iter().any(|c| c
            .as_str()
            .unwrap()
            .contains("finer than what CloudWatch keeps beyond 15 days")),
        "{b}"
    );
}
