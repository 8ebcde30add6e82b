//! CloudWatch alarms: read them by name, write them from an [`AlarmSpec`].

use aws_sdk_cloudwatch::Client;
use aws_sdk_cloudwatch::types::{ComparisonOperator, Dimension, MetricAlarm, Statistic};

use super::error::{AwsError, AwsResultExt};
use crate::spec::alarms::AlarmSpec;

/// DescribeAlarms for these names (at most 100 a call), following NextToken.
pub async fn describe(client: &Client, names: &[String]) -> Result<Vec<MetricAlarm>, AwsError> {
    let mut out = Vec::new();
    for chunk in names.chunks(100) {
        let mut pages = client
            .describe_alarms()
            .set_alarm_names(Some(chunk.to_vec()))
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page.aws("cloudwatch", "DescribeAlarms", None)?;
            out.extend(page.metric_alarms.unwrap_or_default());
        }
    }
    Ok(out)
}

pub async fn describe_one(client: &Client, name: &str) -> Result<Option<MetricAlarm>, AwsError> {
    Ok(describe(client, &[name.to_owned()])
        .await?
        .into_iter()
        .find(|a| a.alarm_name() == Some(name)))
}

/// PutMetricAlarm from the spec, notifying `actions` on ALARM and OK.
pub async fn put(client: &Client, spec: &AlarmSpec, actions: &[String]) -> Result<(), AwsError> {
    let dims: Vec<Dimension> = spec
        .dimensions
        .iter()
        .map(|(k, v)| Dimension::builder().name(k).value(v).build())
        .collect();
    let mut req = client
        .put_metric_alarm()
        .alarm_name(&spec.name)
        .alarm_description(&spec.description)
        .namespace(spec.namespace)
        .metric_name(spec.metric)
        .set_dimensions(Some(dims))
        .period(spec.period)
        .evaluation_periods(spec.evaluation_periods)
        .datapoints_to_alarm(spec.datapoints_to_alarm)
        .threshold(spec.threshold)
        .comparison_operator(ComparisonOperator::from(spec.comparison))
        .treat_missing_data(spec.treat_missing_data)
        .actions_enabled(true)
        .set_alarm_actions(Some(actions.to_vec()))
        .set_ok_actions(Some(actions.to_vec()));
    req = if spec.is_percentile() {
        req.extended_statistic(spec.stat)
    } else {
        req.statistic(Statistic::from(spec.stat))
    };
    req.send().await.aws(
        "cloudwatch",
        "PutMetricAlarm",
        Some(format!("alarm {}", spec.name)),
    )?;
    Ok(())
}
