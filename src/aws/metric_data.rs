//! GetMetricData for a replay: the queries an alarm's rule needs, every page of the window.
//! <https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html>

use aws_sdk_cloudwatch::Client;
use aws_sdk_cloudwatch::types::{MetricDataQuery, MetricDataResult, ScanBy};
use chrono::{DateTime, Utc};

use super::error::{AwsError, AwsResultExt};
use super::ops;

fn to_smithy(t: DateTime<Utc>) -> aws_smithy_types::DateTime {
    aws_smithy_types::DateTime::from_secs(t.timestamp())
}

/// The results of `queries` over `[start, end)`, every NextToken page followed (AWS returns at
/// most 100,800 datapoints a call), the pages in the order they came. Oldest first is asked for;
/// AWS's default is newest first and the emulator ignores ScanBy, so the caller never relies on
/// the order.
pub(crate) async fn all_pages(
    client: &Client,
    queries: Vec<MetricDataQuery>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    what: &str,
) -> Result<Vec<MetricDataResult>, AwsError> {
    let mut out = Vec::new();
    let mut pages = client
        .get_metric_data()
        .set_metric_data_queries(Some(queries))
        .start_time(to_smithy(start))
        .end_time(to_smithy(end))
        .scan_by(ScanBy::TimestampAscending)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.aws(&ops::GET_METRIC_DATA, Some(what.to_owned()))?;
        out.extend(page.metric_data_results.unwrap_or_default());
    }
    Ok(out)
}
