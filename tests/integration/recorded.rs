//! Paths the emulator cannot serve, through the real code with recorded AWS-shaped responses
//! (aws-smithy-mocks): Logs Insights aggregation (`stats`, `pct`, `bin`) and query statuses,
//! Contributor Insights reports (GetInsightRuleReport), and the hot-partition verdict built
//! from them; the AWS behaviours in `recorded/` (metric-math alarms, GetMetricData pages, ...).
//! No network.

mod alarm_test;
mod alarms;
mod backtest;
mod iam;
mod insights;
mod metrics;
mod plan;

use aws_sdk_cloudwatch::operation::get_insight_rule_report::GetInsightRuleReportOutput;
use aws_sdk_cloudwatch::operation::get_metric_data::GetMetricDataOutput;
use aws_sdk_cloudwatch::types::InsightRuleContributor;
use aws_sdk_cloudwatchlogs::operation::describe_log_groups::DescribeLogGroupsOutput;
use aws_sdk_cloudwatchlogs::operation::get_query_results::GetQueryResultsOutput;
use aws_sdk_cloudwatchlogs::operation::start_query::StartQueryOutput;
use aws_sdk_cloudwatchlogs::types::{LogGroup, QueryStatistics, QueryStatus, ResultField};
use aws_sdk_dynamodb::operation::describe_contributor_insights::DescribeContributorInsightsOutput;
use aws_sdk_dynamodb::operation::describe_table::DescribeTableOutput;
use aws_sdk_dynamodb::types::{
    ContributorInsightsStatus, GlobalSecondaryIndexDescription, TableDescription, TableStatus,
};
use aws_smithy_mocks::{RuleMode, mock, mock_client};
use eventsctl::cli::{Command, HotArgs, InsightsCommand, InsightsRunArgs};
use eventsctl::commands::{self, Outcome};
use eventsctl::context::{Context, OutputSettings};
use eventsctl::report::{CheckId, Report, Status};
use eventsctl::spec::Names;

fn row(fields: &[(&str, &str)]) -> Vec<ResultField> {
    fields
        .iter()
        .map(|(f, v)| ResultField::builder().field(*f).value(*v).build())
        .collect()
}

fn results(
    status: QueryStatus,
    rows: Vec<Vec<ResultField>>,
    matched: f64,
) -> GetQueryResultsOutput {
    GetQueryResultsOutput::builder()
        .status(status)
        .set_results(Some(rows))
        .statistics(
            QueryStatistics::builder()
                .records_matched(matched)
                .records_scanned(matched * 2.0)
                .bytes_scanned(1e6)
                .build(),
        )
        .build()
}

async fn context() -> Context {
    context_env("prod").await
}

/// A context for `env` whose clients are preset by each test (nothing reaches a network).
async fn context_env(env: &str) -> Context {
    let sdk = aws_config::SdkConfig::builder()
        .region(aws_config::Region::new("us-east-1"))
        .behavior_version(aws_config::BehaviorVersion::latest())
        .build();
    let output = OutputSettings {
        format: eventsctl::output::Format::Json,
        quiet: true,
        verbose: 0,
        progress: false,
        color: false,
        interactive: false,
    };
    Context::with_sdk_config(Names::derive("zapier-triggers-api", env, None), output, sdk)
}

/// The table exists (every check of the table establishes that first, with DescribeTable).
fn table_exists(ctx: &Context) {
    let describe = mock!(aws_sdk_dynamodb::Client::describe_table).then_output(|| {
        DescribeTableOutput::builder()
            .table(
                TableDescription::builder()
                    .table_name("zapier-triggers-api-prod-events")
                    .table_status(TableStatus::Active)
                    .build(),
            )
            .build()
    });
    ctx.preset_dynamodb(mock_client!(
        aws_sdk_dynamodb,
        RuleMode::MatchAny,
        &[&describe]
    ));
}

async fn run(ctx: &Context, command: Command) -> Report {
    let mut sink = Vec::new();
    match commands::run(&command, ctx, &mut sink)
        .await
        .expect("the command runs")
    {
        Outcome::Report(r) => *r,
        Outcome::Streamed { .. } => panic!("a report was expected"),
    }
}

fn logs_with(rules: &[&aws_smithy_mocks::Rule]) -> aws_sdk_cloudwatchlogs::Client {
    mock_client!(aws_sdk_cloudwatchlogs, RuleMode::MatchAny, rules)
}

fn insights_args(name: &str) -> InsightsRunArgs {
    InsightsRunArgs {
        name: Some(name.into()),
        query: None,
        since: eventsctl::times::TimeArg::Ago(chrono::Duration::hours(1)),
        until: None,
        log_groups: vec!["/aws/lambda/zapier-triggers-api-prod-api".into()],
        user: Some("user \"x\"".into()),
        matching: None,
        limit: None,
        latency_field: "latency_ms".into(),
        max_wait: chrono::Duration::minutes(1),
    }
}

/// Recorded: a query Scheduled, then Running, then Complete with aggregated rows.
#[tokio::test]
async fn recorded_insights_polls_until_complete_and_escapes_user_values() {
    let start = mock!(aws_sdk_cloudwatchlogs::Client::start_query)
        .match_requests(|r| {
            r.query_string()
                .is_some_and(|q| q.starts_with("filter user_id = \"user \\\"x\\\"\"\n| fields"))
        })
        .then_output(|| StartQueryOutput::builder().query_id("q-1").build());
    let polls = mock!(aws_sdk_cloudwatchlogs::Client::get_query_results)
        .sequence()
        .output(|| results(QueryStatus::Scheduled, vec![], 0.0))
        .output(|| results(QueryStatus::Running, vec![], 0.0))
        .output(|| {
            results(
                QueryStatus::Complete,
                vec![row(&[
                    ("user_id", "user \"x\""),
                    ("avg_latency_ms", "12.5"),
                    ("p95_latency_ms", "40.1"),
                    ("event_count", "1200"),
                    ("@ptr", "abc"),
                ])],
                1200.0,
            )
        })
        .build();
    let ctx = context().await;
    ctx.preset_logs(logs_with(&[&start, &polls]));
    let report = run(
        &ctx,
        Command::Insights(InsightsCommand::Run(Box::new(insights_args(
            "write-latency-by-user",
        )))),
    )
    .await;
    assert!(!report.failed);
    assert_eq!(start.num_calls(), 1, "the escaped filter was sent");
    assert_eq!(polls.num_calls(), 3, "polled through Scheduled and Running");
    assert_eq!(report.data["status"], "Complete");
    assert_eq!(report.data["rows"][0]["p95_latency_ms"], "40.1");
    assert!(report.data["rows"][0].get("@ptr").is_none());
    assert_eq!(report.data["statistics"]["records_scanned"], 2400.0);
}

/// Recorded: a Failed query is a failure, never an empty all-clear.
#[tokio::test]
async fn recorded_failed_query_is_reported_as_failed() {
    let start = mock!(aws_sdk_cloudwatchlogs::Client::start_query)
        .then_output(|| StartQueryOutput::builder().query_id("q-2").build());
    let failed = mock!(aws_sdk_cloudwatchlogs::Client::get_query_results)
        .then_output(|| results(QueryStatus::Failed, vec![], 0.0));
    let ctx = context().await;
    ctx.preset_logs(logs_with(&[&start, &failed]));
    let mut args = insights_args("errors-by-type");
    args.user = None;
    let report = run(
        &ctx,
        Command::Insights(InsightsCommand::Run(Box::new(args))),
    )
    .await;
    assert!(report.failed);
    assert_eq!(report.data["status"], "Failed");
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("nothing here is an all-clear"))
    );
}

fn table_with_gsis() -> TableDescription {
    let gsi = |n: &str| {
        GlobalSecondaryIndexDescription::builder()
            .index_name(n)
            .build()
    };
    TableDescription::builder()
        .table_name("zapier-triggers-api-prod-events")
        .table_status(TableStatus::Active)
        .global_secondary_indexes(gsi("EventTypeIndex"))
        .global_secondary_indexes(gsi("StatusIndex"))
        .build()
}

/// Recorded: one user writes 150,000 events in its busiest minute (2,500/s, beyond one
/// partition's 1,000) and Contributor Insights names it as the most throttled key.
#[tokio::test]
async fn recorded_hot_partition_verdict_from_insights_rows_and_contributor_reports() {
    let describe = mock!(aws_sdk_dynamodb::Client::describe_table).then_output(|| {
        DescribeTableOutput::builder()
            .table(table_with_gsis())
            .build()
    });
    let ci = mock!(aws_sdk_dynamodb::Client::describe_contributor_insights)
        .match_requests(|r| r.index_name().is_none())
        .then_output(|| {
            DescribeContributorInsightsOutput::builder()
                .table_name("zapier-triggers-api-prod-events")
                .contributor_insights_status(ContributorInsightsStatus::Enabled)
                .contributor_insights_rule_list(
                    "DynamoDBContributorInsights-PKT-zapier-triggers-api-prod-events-1700000000000",
                )
                .build()
        });
    let ci_gsi = mock!(aws_sdk_dynamodb::Client::describe_contributor_insights).then_output(|| {
        DescribeContributorInsightsOutput::builder()
            .contributor_insights_status(ContributorInsightsStatus::Disabled)
            .build()
    });
    let ddb = mock_client!(
        aws_sdk_dynamodb,
        RuleMode::MatchAny,
        &[&describe, &ci, &ci_gsi]
    );

    let groups = mock!(aws_sdk_cloudwatchlogs::Client::describe_log_groups).then_output(|| {
        DescribeLogGroupsOutput::builder()
            .log_groups(
                LogGroup::builder()
                    .log_group_name("/aws/lambda/zapier-triggers-api-prod-api")
                    .build(),
            )
            .build()
    });
    let start_top = mock!(aws_sdk_cloudwatchlogs::Client::start_query)
        .match_requests(|r| {
            r.query_string()
                .is_some_and(|q| q.contains("as event_count by user_id"))
        })
        .then_output(|| StartQueryOutput::builder().query_id("top").build());
    let start_peak = mock!(aws_sdk_cloudwatchlogs::Client::start_query)
        .match_requests(|r| {
            r.query_string()
                .is_some_and(|q| q.contains("filter user_id in [\"whale\", \"minnow\"]"))
        })
        .then_output(|| StartQueryOutput::builder().query_id("peak").build());
    let top = mock!(aws_sdk_cloudwatchlogs::Client::get_query_results)
        .match_requests(|r| r.query_id() == Some("top"))
        .then_output(|| {
            results(
                QueryStatus::Complete,
                vec![
                    row(&[("user_id", "whale"), ("event_count", "1800000")]),
                    row(&[("user_id", "minnow"), ("event_count", "3600")]),
                ],
                1_803_600.0,
            )
        });
    let peak = mock!(aws_sdk_cloudwatchlogs::Client::get_query_results)
        .match_requests(|r| r.query_id() == Some("peak"))
        .then_output(|| {
            results(
                QueryStatus::Complete,
                vec![
                    row(&[
                        ("user_id", "whale"),
                        // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
                        ("bin(1m)", "2025-11-11 12:00:00.000"),
                        ("per_minute", "150000"),
                    ]),
                    row(&[
                        ("user_id", "minnow"),
                        ("bin(1m)", "2025-11-11 12:00:00.000"),
                        ("per_minute", "90"),
                    ]),
                ],
                0.0,
            )
        });
    let logs = logs_with(&[&groups, &start_top, &start_peak, &top, &peak]);

    let metrics = mock!(aws_sdk_cloudwatch::Client::get_metric_data)
        .then_output(|| GetMetricDataOutput::builder().build());
    let report_rule =
        mock!(aws_sdk_cloudwatch::Client::get_insight_rule_report).then_output(|| {
            GetInsightRuleReportOutput::builder()
                .contributors(
                    InsightRuleContributor::builder()
                        .keys("whale")
                        .approximate_aggregate_value(4200.0)
                        .build(),
                )
                .build()
        });
    let cw = mock_client!(
        aws_sdk_cloudwatch,
        RuleMode::MatchAny,
        &[&metrics, &report_rule]
    );

    let ctx = context().await;
    ctx.preset_dynamodb(ddb);
    ctx.preset_logs(logs);
    ctx.preset_cloudwatch(cw);
    // The arguments as the parser makes them (every default, including --from-export's).
    let command = <eventsctl::cli::Cli as clap::Parser>::parse_from([
        "eventsctl",
        "hot-partitions",
        "--since",
        "1h",
    ])
    .command;
    assert!(
        matches!(&command, Command::HotPartitions(HotArgs { log_groups, .. }) if log_groups.is_empty())
    );
    let report = run(&ctx, command).await;
    let status = |check: CheckId| {
        report
            .findings
            .iter()
            .find(|f| f.check == check)
            .unwrap_or_else(|| panic!("{check}: {:?}", report.findings))
            .status
    };
    assert_eq!(status(CheckId::HotUsers), Status::Crit);
    let users = report
        .findings
        .iter()
        .find(|f| f.check == CheckId::HotUsers)
        .unwrap();
    assert!(users.summary.contains("whale"), "{}", users.summary);
    // Peak 2,500/s with 50% headroom: 4 shards.
    assert!(
        users
            .remedy
            .as_deref()
            .unwrap()
            .contains("over 4 partition keys"),
        "{:?}",
        users.remedy
    );
    assert_eq!(status(CheckId::HotThrottledKeys), Status::Crit);
    assert_eq!(
        status(CheckId::HotGsiRisk("StatusIndex".into())),
        Status::Warn
    );
    assert_eq!(
        status(CheckId::HotGsiRisk("EventTypeIndex".into())),
        Status::Warn
    );
    assert_eq!(status(CheckId::HotKeyRange), Status::Ok);
    assert_eq!(report.exit_code(), 2);
    assert_eq!(report_rule.num_calls(), 1);
    assert!(report.sections.iter().any(|s| matches!(s, eventsctl::report::Section::Table { title, .. } if title.starts_with("Write sharding"))));
}
