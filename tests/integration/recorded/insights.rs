//! Logs Insights as AWS answers it: the runbook's latency queries on lines without @duration,
//! results beyond the first page, more log groups than a query takes.

use aws_sdk_cloudwatchlogs::operation::describe_log_groups::DescribeLogGroupsOutput;
use aws_sdk_cloudwatchlogs::operation::get_query_results::GetQueryResultsOutput;
use aws_sdk_cloudwatchlogs::operation::start_query::StartQueryOutput;
use aws_sdk_cloudwatchlogs::types::{LogGroup, QueryStatus};
use aws_smithy_mocks::mock;
use eventsctl::cli::{Command, InsightsCommand};
use eventsctl::commands;
use eventsctl::report::Section;

use super::{context, insights_args, logs_with, results, row, run};

fn table_cells(report: &eventsctl::report::Report) -> Vec<Vec<String>> {
    report
        .sections
        .iter()
        .find_map(|s| match s {
            Section::Table { rows, .. } => Some(rows.clone()),
            _ => None,
        })
        .expect("a table")
}

/// AWS: @duration is discovered only on Lambda REPORT lines; the runbook's query 1 filters to
/// "Event created" lines, so its @duration aggregates always come back empty. The query reads
/// the application's field, and an all-empty column says "no data".
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_AnalyzeLogData-discoverable-fields.html
#[tokio::test]
async fn duration_is_only_on_lambda_report_lines_so_latency_reads_the_application_field() {
    let start = mock!(aws_sdk_cloudwatchlogs::Client::start_query)
        .match_requests(|r| {
            r.query_string().is_some_and(|q| {
                !q.contains("@duration") && q.contains("pct(latency_ms, 95) as p95_latency_ms")
            })
        })
        .then_output(|| StartQueryOutput::builder().query_id("q-lat").build());
    // The lines have no latency_ms: the aggregates are empty in every row.
    let done = mock!(aws_sdk_cloudwatchlogs::Client::get_query_results).then_output(|| {
        results(
            QueryStatus::Complete,
            vec![
                row(&[
                    ("user_id", "a"),
                    ("avg_latency_ms", ""),
                    ("p95_latency_ms", ""),
                    ("event_count", "12"),
                ]),
                row(&[
                    ("user_id", "b"),
                    ("avg_latency_ms", ""),
                    ("p95_latency_ms", ""),
                    ("event_count", "3"),
                ]),
            ],
            15.0,
        )
    });
    let ctx = context().await;
    ctx.preset_logs(logs_with(&[&start, &done]));
    let mut args = insights_args("write-latency-by-user");
    args.user = None;
    let report = run(
        &ctx,
        Command::Insights(InsightsCommand::Run(Box::new(args))),
    )
    .await;
    assert_eq!(start.num_calls(), 1, "the query reads latency_ms");
    assert_eq!(
        report.data["empty_columns"],
        serde_json::json!(["avg_latency_ms", "p95_latency_ms"])
    );
    let cells = table_cells(&report);
    assert_eq!(cells[0], ["a", "no data", "no data", "12"]);
    assert!(
        report.notes.iter().any(|n| n.contains("--latency-field")),
        "{:?}",
        report.notes
    );
    // JSON stays exact.
    assert_eq!(report.data["rows"][0]["avg_latency_ms"], "");
}

/// AWS: GetQueryResults returns up to 10,000 rows a call and a nextToken for the rest (up to
/// 100,000 a query); the results are read up to the limit asked for.
/// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetQueryResults.html
#[tokio::test]
async fn get_query_results_pages_with_next_token_up_to_the_limit() {
    let start = mock!(aws_sdk_cloudwatchlogs::Client::start_query)
        .then_output(|| StartQueryOutput::builder().query_id("q-pages").build());
    let first = mock!(aws_sdk_cloudwatchlogs::Client::get_query_results)
        .match_requests(|r| r.next_token().is_none())
        .then_output(|| {
            let mut out = results(
                QueryStatus::Complete,
                vec![
                    row(&[("error_code", "A"), ("error_count", "9")]),
                    row(&[("error_code", "B"), ("error_count", "8")]),
                ],
                17.0,
            );
            out.next_token = Some("page-2".into());
            out
        });
    let second = mock!(aws_sdk_cloudwatchlogs::Client::get_query_results)
        .match_requests(|r| r.next_token() == Some("page-2"))
        .then_compute_output(|r| {
            let n = r.max_items().unwrap_or(10_000) as usize;
            let rows = [("C", "7"), ("D", "6")]
                .iter()
                .take(n)
                .map(|(c, n)| row(&[("error_code", c), ("error_count", n)]))
                .collect();
            GetQueryResultsOutput::builder()
                .status(QueryStatus::Complete)
                .set_results(Some(rows))
                .build()
        });
    let ctx = context().await;
    ctx.preset_logs(logs_with(&[&start, &first, &second]));
    let mut args = insights_args("errors-by-type");
    args.user = None;
    let all = run(
        &ctx,
        Command::Insights(InsightsCommand::Run(Box::new(args.clone()))),
    )
    .await;
    assert_eq!(all.data["rows"].as_array().unwrap().len(), 4);
    assert_eq!(all.data["pages"], 2);
    args.limit = Some(3);
    let three = run(
        &ctx,
        Command::Insights(InsightsCommand::Run(Box::new(args))),
    )
    .await;
    assert_eq!(three.data["rows"].as_array().unwrap().len(), 3);
    assert_eq!(three.data["rows"][2]["error_code"], "C");
}

/// AWS: StartQuery takes at most 50 log groups. With more under the prefix, the first 50 are
/// queried and the rest named; more than 50 given is a usage error.
/// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartQuery.html
#[tokio::test]
async fn start_query_takes_at_most_50_log_groups_and_the_rest_are_named() {
    let groups = mock!(aws_sdk_cloudwatchlogs::Client::describe_log_groups).then_output(|| {
        let mut b = DescribeLogGroupsOutput::builder();
        for i in 0..60 {
            b = b.log_groups(
                LogGroup::builder()
                    .log_group_name(format!("/aws/lambda/zapier-triggers-api-prod-fn{i:02}"))
                    .build(),
            );
        }
        b.build()
    });
    let start = mock!(aws_sdk_cloudwatchlogs::Client::start_query)
        .match_requests(|r| r.log_group_names().len() == 50)
        .then_output(|| StartQueryOutput::builder().query_id("q-groups").build());
    let done = mock!(aws_sdk_cloudwatchlogs::Client::get_query_results)
        .then_output(|| results(QueryStatus::Complete, vec![], 0.0));
    let ctx = context().await;
    ctx.preset_logs(logs_with(&[&groups, &start, &done]));
    let mut args = insights_args("ttl-deletions");
    args.user = None;
    args.log_groups = Vec::new();
    let report = run(
        &ctx,
        Command::Insights(InsightsCommand::Run(Box::new(args.clone()))),
    )
    .await;
    assert_eq!(start.num_calls(), 1);
    let left = report.data["log_groups_left_out"].as_array().unwrap();
    assert_eq!(left.len(), 10);
    assert_eq!(left[0], "/aws/lambda/zapier-triggers-api-prod-fn50");
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("10 were not queried")),
        "{:?}",
        report.notes
    );

    args.log_groups = (0..51).map(|i| format!("/g/{i}")).collect();
    let mut sink = Vec::new();
    let err = commands::run(
        &Command::Insights(InsightsCommand::Run(Box::new(args))),
        &ctx,
        &mut sink,
    )
    .await
    .err()
    .expect("51 log groups are refused");
    assert!(
        err.downcast_ref::<eventsctl::error::UsageError>().is_some(),
        "{err:#}"
    );
}

/// AWS: a query keeps running until it completes, fails, is cancelled or reaches AWS's own
/// 60-minute Timeout; a caller that stops waiting must stop it with StopQuery. One still Running
/// at --max-wait is stopped and reported `Stopped` (never AWS's `Timeout`), and is a failure.
/// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StopQuery.html
#[tokio::test]
async fn a_query_still_running_at_max_wait_is_stopped_with_stop_query() {
    let start = mock!(aws_sdk_cloudwatchlogs::Client::start_query)
        .then_output(|| StartQueryOutput::builder().query_id("q-slow").build());
    let running = mock!(aws_sdk_cloudwatchlogs::Client::get_query_results)
        .then_output(|| results(QueryStatus::Running, vec![], 0.0));
    let stop = mock!(aws_sdk_cloudwatchlogs::Client::stop_query)
        .match_requests(|r| r.query_id() == Some("q-slow"))
        .then_output(|| {
            aws_sdk_cloudwatchlogs::operation::stop_query::StopQueryOutput::builder()
                .success(true)
                .build()
        });
    let ctx = context().await;
    ctx.preset_logs(logs_with(&[&start, &running, &stop]));
    let mut args = insights_args("top-users");
    args.max_wait = chrono::Duration::zero();
    let report = run(
        &ctx,
        Command::Insights(InsightsCommand::Run(Box::new(args))),
    )
    .await;
    assert_eq!(stop.num_calls(), 1, "the query is stopped on the AWS side");
    assert_eq!(report.data["status"], "Stopped");
    assert!(report.failed, "a stopped query is no result");
}
