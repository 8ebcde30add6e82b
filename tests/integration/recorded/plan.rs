//! `health-check quarterly`'s capacity plan over a whole quarter, which the emulator cannot
//! hold (it keeps 14 days): CloudWatch answers each part of the window at the period asked —
//! 1 hour beyond 63 days, 5 minutes beyond 15 days, 1 minute for the last 15 — as AWS keeps
//! them. A steady 100 writes a second for 200 days.
//! <https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html>

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use aws_sdk_cloudwatch::operation::get_metric_data::{GetMetricDataInput, GetMetricDataOutput};
use aws_sdk_cloudwatch::types::{MetricDataResult, StatusCode};
use aws_sdk_dynamodb::operation::describe_continuous_backups::DescribeContinuousBackupsOutput;
use aws_sdk_dynamodb::operation::describe_table::DescribeTableOutput;
use aws_sdk_dynamodb::operation::scan::ScanOutput;
use aws_sdk_dynamodb::types::{
    BillingMode, BillingModeSummary, ContinuousBackupsDescription, ContinuousBackupsStatus,
    PointInTimeRecoveryDescription, PointInTimeRecoveryStatus, TableDescription, TableStatus,
};
use aws_smithy_mocks::{RuleMode, mock, mock_client};
use aws_smithy_types::DateTime;
use eventsctl::report::{CheckId, Status};

use super::{context, run};

/// Writes per minute, every minute.
const PER_MINUTE: f64 = 6000.0;

/// Each query's datapoints over the request's window at its own period: consumed writes of the
/// table at the steady rate, nothing for anything else.
fn answer(r: &GetMetricDataInput, asked: &Mutex<BTreeSet<i32>>) -> GetMetricDataOutput {
    let (start, end) = (r.start_time().unwrap().secs(), r.end_time().unwrap().secs());
    let mut results = Vec::new();
    for q in r.metric_data_queries() {
        let stat = q.metric_stat().unwrap();
        let period = stat.period().unwrap();
        asked.lock().unwrap().insert(period);
        let metric = stat.metric().unwrap();
        let table_only = metric.dimensions().len() == 1;
        let mut out = MetricDataResult::builder()
            .id(q.id().unwrap())
            .status_code(StatusCode::Complete);
        if metric.metric_name() == Some("ConsumedWriteCapacityUnits") && table_only {
            let mut t = start;
            while t < end {
                out = out
                    .timestamps(DateTime::from_secs(t))
                    .values(PER_MINUTE * f64::from(period) / 60.0);
                t += i64::from(period);
            }
        }
        results.push(out.build());
    }
    GetMetricDataOutput::builder()
        .set_metric_data_results(Some(results))
        .build()
}

fn days_ago(days: i64) -> DateTime {
    DateTime::from_secs((chrono::Utc::now() - chrono::Duration::days(days)).timestamp())
}

#[tokio::test]
async fn recorded_quarter_older_than_14_days_is_forecast_and_priced() {
    let ctx = context().await;
    let table = TableDescription::builder()
        .table_name("zapier-triggers-api-prod-events")
        .table_arn("arn:aws:dynamodb:us-east-1:111122223333:table/zapier-triggers-api-prod-events")
        .table_status(TableStatus::Active)
        .creation_date_time(days_ago(200))
        .table_size_bytes(10_000_000_000)
        .billing_mode_summary(
            BillingModeSummary::builder()
                .billing_mode(BillingMode::PayPerRequest)
                .build(),
        )
        .build();
    let describe = mock!(aws_sdk_dynamodb::Client::describe_table)
        .then_output(move || DescribeTableOutput::builder().table(table.clone()).build());
    let backups = mock!(aws_sdk_dynamodb::Client::describe_continuous_backups).then_output(|| {
        DescribeContinuousBackupsOutput::builder()
            .continuous_backups_description(
                ContinuousBackupsDescription::builder()
                    .continuous_backups_status(ContinuousBackupsStatus::Enabled)
                    .point_in_time_recovery_description(
                        PointInTimeRecoveryDescription::builder()
                            .point_in_time_recovery_status(PointInTimeRecoveryStatus::Enabled)
                            .build(),
                    )
                    .build()
                    .unwrap(),
            )
            .build()
    });
    let scan = mock!(aws_sdk_dynamodb::Client::scan).then_output(|| ScanOutput::builder().build());
    ctx.preset_dynamodb(mock_client!(
        aws_sdk_dynamodb,
        RuleMode::MatchAny,
        &[&describe, &backups, &scan]
    ));
    let asked: Arc<Mutex<BTreeSet<i32>>> = Arc::default();
    let seen = asked.clone();
    let metrics = mock!(aws_sdk_cloudwatch::Client::get_metric_data)
        .then_compute_output(move |r| answer(r, &seen));
    ctx.preset_cloudwatch(mock_client!(
        aws_sdk_cloudwatch,
        RuleMode::MatchAny,
        &[&metrics]
    ));
    let command = <eventsctl::cli::Cli as clap::Parser>::parse_from([
        "eventsctl",
        "health-check",
        "quarterly",
    ])
    .command;
    let report = run(&ctx, command).await;
    let find = |id: CheckId| {
        report
            .findings
            .iter()
            .find(|f| f.check == id)
            .unwrap_or_else(|| panic!("no {id}: {:#?}", report.findings))
    };
    // Each part of the quarter was asked at the finest period CloudWatch keeps for it.
    let periods = asked.lock().unwrap().clone();
    for p in [60, 300, 3600] {
        assert!(periods.contains(&p), "{periods:?}");
    }
    let forecast = find(CheckId::QuarterlyForecast);
    assert_eq!(forecast.status, Status::Ok, "{}", forecast.summary);
    assert!(
        forecast.summary.contains("least-squares"),
        "the method is named: {}",
        forecast.summary
    );
    let w = &forecast.evidence["writes"]["Ok"];
    assert!(w["history_days"].as_u64().unwrap() >= 89, "{w}");
    let from =
        chrono::NaiveDate::parse_from_str(w["horizon_from"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    let to =
        chrono::NaiveDate::parse_from_str(w["horizon_to"].as_str().unwrap(), "%Y-%m-%d").unwrap();
    let want = (to - from).num_days() as f64 * 1440.0 * PER_MINUTE;
    let point = w["quarter"]["point"].as_f64().unwrap();
    assert!((point - want).abs() / want < 0.01, "{point} vs {want}");
    // The peak: 100 writes a second, read at 1 minute.
    let peak = &w["peak"];
    assert_eq!(peak["ratio_period_secs"], 60);
    assert!(
        (peak["per_second"]["point"].as_f64().unwrap() - 100.0).abs() < 1.0,
        "{peak}"
    );
    // A steady load costs far less provisioned, with no simulated throttling: a finding.
    let mode = find(CheckId::QuarterlyBillingMode);
    assert_eq!(mode.status, Status::Warn, "{}", mode.summary);
    assert!(mode.summary.contains("provisioned"), "{}", mode.summary);
    let options = mode.evidence["options"].as_array().unwrap();
    let on_demand = options
        .iter()
        .find(|o| o["mode"] == "on_demand" && o["class"] == "standard")
        .unwrap();
    // 100 WRU/s over the window at $0.625 per million, within the window's length.
    assert!(
        on_demand["throughput_usd"].as_f64().unwrap() > 400.0,
        "{on_demand}"
    );
    for o in options.iter().filter(|o| o["mode"] != "on_demand") {
        assert_eq!(o["throttled_units"], 0.0, "{o}");
    }
    assert_eq!(find(CheckId::QuarterlyTableClass).status, Status::Ok);
}
