//! GetMetricData as AWS pages it.

use aws_sdk_cloudwatch::operation::get_metric_data::GetMetricDataOutput;
use aws_sdk_cloudwatch::types::{MetricDataResult, StatusCode};
use aws_smithy_mocks::{RuleMode, mock, mock_client};
use eventsctl::cli::{Command, DiagnoseCommand, WindowArgs};
use eventsctl::report::CheckId;

use super::{context, run, table_exists};

/// Every query of the call answers on every page: `status` and one datapoint each.
fn page(
    input: &aws_sdk_cloudwatch::operation::get_metric_data::GetMetricDataInput,
    status: StatusCode,
    token: Option<&str>,
    value: f64,
) -> GetMetricDataOutput {
    let start = input.start_time().expect("a start time").secs();
    let results = input
        .metric_data_queries()
        .iter()
        .map(|q| {
            MetricDataResult::builder()
                .id(q.id().unwrap_or_default())
                .status_code(status.clone())
                .timestamps(aws_smithy_types::DateTime::from_secs(
                    start + if token.is_some() { 0 } else { 21_600 },
                ))
                .values(value)
                .build()
        })
        .collect();
    GetMetricDataOutput::builder()
        .set_metric_data_results(Some(results))
        .set_next_token(token.map(str::to_owned))
        .build()
}

/// AWS: "PartialData: the query succeeded, but there is more data available; use NextToken to
/// see it" — a status on every page but the last of a result that spans pages. Only the final
/// page's status counts. https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataResult.html
#[tokio::test]
async fn get_metric_data_partial_data_on_all_but_the_last_page_is_complete() {
    let paged = mock!(aws_sdk_cloudwatch::Client::get_metric_data)
        .match_requests(|r| r.next_token().is_none())
        .then_compute_output(|r| page(r, StatusCode::PartialData, Some("page-2"), 3.0));
    let last = mock!(aws_sdk_cloudwatch::Client::get_metric_data)
        .match_requests(|r| r.next_token() == Some("page-2"))
        .then_compute_output(|r| page(r, StatusCode::Complete, None, 4.0));
    let ctx = context().await;
    table_exists(&ctx);
    ctx.preset_cloudwatch(mock_client!(
        aws_sdk_cloudwatch,
        RuleMode::MatchAny,
        &[&paged, &last]
    ));
    let report = run(
        &ctx,
        Command::Diagnose(DiagnoseCommand::Latency(WindowArgs {
            since: chrono::Duration::days(30),
        })),
    )
    .await;
    assert_eq!(paged.num_calls(), 1);
    assert_eq!(last.num_calls(), 1, "the second page was fetched");
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.check != CheckId::LatencyMetrics),
        "{:?}",
        report.findings
    );
    assert_eq!(report.exit_code(), 0, "{:?}", report.findings);
    // Both pages' points are in the series.
    let put = &report.data["latency"]["operations"][0]["series"]["p99"];
    assert_eq!(put.as_array().map(Vec::len), Some(2), "{put}");
}

/// PartialData on the last page (no NextToken) is a real gap: unknown, never ok.
#[tokio::test]
async fn get_metric_data_partial_data_on_the_last_page_is_a_gap() {
    let only = mock!(aws_sdk_cloudwatch::Client::get_metric_data)
        .then_compute_output(|r| page(r, StatusCode::PartialData, None, 3.0));
    let ctx = context().await;
    table_exists(&ctx);
    ctx.preset_cloudwatch(mock_client!(
        aws_sdk_cloudwatch,
        RuleMode::MatchAny,
        &[&only]
    ));
    let report = run(
        &ctx,
        Command::Diagnose(DiagnoseCommand::Latency(WindowArgs {
            since: chrono::Duration::days(30),
        })),
    )
    .await;
    let f = report
        .findings
        .iter()
        .find(|f| f.check == CheckId::LatencyMetrics)
        .expect("the gap is reported");
    assert_eq!(f.status, eventsctl::report::Status::Unknown);
    assert_eq!(report.exit_code(), 3);
}
