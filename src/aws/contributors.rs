//! Contributor Insights: DynamoDB's setting per table and index (its status, mode and the
//! CloudWatch rules it keeps) and a rule's report of its top contributors.
//! <https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/contributorinsights_HowItWorks.html>

use chrono::{DateTime, Utc};

use super::error::{AwsError, AwsResultExt, table_resource};
use super::ops;

/// DescribeContributorInsights of the table (`index` `None`) or one of its indexes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Setting {
    /// `ENABLED`, `DISABLED`, ...; `DISABLED` when DynamoDB says nothing.
    pub status: String,
    pub mode: Option<String>,
    pub rules: Vec<String>,
}

pub(crate) async fn describe(
    client: &aws_sdk_dynamodb::Client,
    table: &str,
    index: Option<&str>,
) -> Result<Setting, AwsError> {
    let out = client
        .describe_contributor_insights()
        .table_name(table)
        .set_index_name(index.map(str::to_owned))
        .send()
        .await
        .aws(&ops::DESCRIBE_CONTRIBUTOR_INSIGHTS, table_resource(table))?;
    Ok(Setting {
        status: out
            .contributor_insights_status()
            .map(|s| s.as_str().to_owned())
            .unwrap_or_else(|| "DISABLED".into()),
        mode: out
            .contributor_insights_mode()
            .map(|m| m.as_str().to_owned()),
        rules: out.contributor_insights_rule_list().to_vec(),
    })
}

/// GetInsightRuleReport: the rule's top `max` contributors between `start` and `end`, each as
/// its keys joined with ` / ` and its aggregate value.
pub(crate) async fn report(
    cw: &aws_sdk_cloudwatch::Client,
    rule: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    period_s: i32,
    max: i32,
) -> Result<Vec<(String, f64)>, AwsError> {
    let out = cw
        .get_insight_rule_report()
        .rule_name(rule)
        .start_time(aws_smithy_types::DateTime::from_secs(start.timestamp()))
        .end_time(aws_smithy_types::DateTime::from_secs(end.timestamp()))
        .period(period_s)
        .max_contributor_count(max)
        .send()
        .await
        .aws(&ops::GET_INSIGHT_RULE_REPORT, Some(format!("rule {rule}")))?;
    Ok(out
        .contributors()
        .iter()
        .map(|c| {
            (
                c.keys().join(" / "),
                c.approximate_aggregate_value().unwrap_or(0.0),
            )
        })
        .collect())
}
