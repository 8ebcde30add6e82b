//! CloudWatch alarms: read them by name, write them from an [`AlarmSpec`].

use super::ops;
use aws_sdk_cloudwatch::Client;
use aws_sdk_cloudwatch::types::{
    ComparisonOperator, Dimension, Metric, MetricAlarm, MetricDataQuery, MetricStat,
};

use super::error::{AwsError, AwsResultExt};
use crate::spec::alarms::{AlarmActions, AlarmSpec, EXPRESSION_ID, MetricSpec, Watch};

/// DescribeAlarms for these names (at most 100 a call), following NextToken.
pub(crate) async fn describe(
    client: &Client,
    names: &[String],
) -> Result<Vec<MetricAlarm>, AwsError> {
    let mut out = Vec::new();
    for chunk in names.chunks(100) {
        let mut pages = client
            .describe_alarms()
            .set_alarm_names(Some(chunk.to_vec()))
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page.aws(&ops::DESCRIBE_ALARMS, None)?;
            out.extend(page.metric_alarms.unwrap_or_default());
        }
    }
    Ok(out)
}

pub(crate) async fn describe_one(
    client: &Client,
    name: &str,
) -> Result<Option<MetricAlarm>, AwsError> {
    Ok(describe(client, &[name.to_owned()])
        .await?
        .into_iter()
        .find(|a| a.alarm_name() == Some(name)))
}

fn dimensions(m: &MetricSpec) -> Vec<Dimension> {
    m.dimensions
        .iter()
        .map(|(k, v)| Dimension::builder().name(k).value(v).build())
        .collect()
}

/// The `Metrics` of a metric-math alarm: `m1..mN` read the inputs, `e1` (the only one with
/// ReturnData) is what the alarm watches.
pub(crate) fn math_queries(
    expression: &str,
    label: &str,
    inputs: &[MetricSpec],
) -> Vec<MetricDataQuery> {
    let mut out: Vec<MetricDataQuery> = inputs
        .iter()
        .enumerate()
        .map(|(i, m)| {
            MetricDataQuery::builder()
                .id(format!("m{}", i + 1))
                .metric_stat(
                    MetricStat::builder()
                        .metric(
                            Metric::builder()
                                .namespace(m.namespace)
                                .metric_name(&m.metric)
                                .set_dimensions(Some(dimensions(m)))
                                .build(),
                        )
                        .period(m.period)
                        .stat(m.stat.as_str())
                        .build(),
                )
                .return_data(false)
                .build()
        })
        .collect();
    out.push(
        MetricDataQuery::builder()
            .id(EXPRESSION_ID)
            .expression(expression)
            .label(label)
            .return_data(true)
            .build(),
    );
    out
}

/// PutMetricAlarm from the spec, notifying `actions`. PutMetricAlarm replaces the whole alarm:
/// an action list it is not given is emptied, so every list is always sent.
/// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
pub(crate) async fn put(
    client: &Client,
    spec: &AlarmSpec,
    actions: &AlarmActions,
) -> Result<(), AwsError> {
    let mut req = client
        .put_metric_alarm()
        .alarm_name(&spec.name)
        .alarm_description(&spec.description)
        .evaluation_periods(spec.evaluation_periods)
        .datapoints_to_alarm(spec.datapoints_to_alarm)
        .threshold(spec.threshold)
        .comparison_operator(ComparisonOperator::from(spec.comparison))
        .treat_missing_data(spec.treat_missing_data)
        .set_evaluate_low_sample_count_percentile(
            spec.evaluate_low_sample_count_percentile.map(str::to_owned),
        )
        .actions_enabled(true)
        .set_alarm_actions(Some(actions.alarm.clone()))
        .set_ok_actions(Some(actions.ok.clone()))
        .set_insufficient_data_actions(Some(actions.insufficient_data.clone()));
    req = match &spec.watch {
        // With Metrics, PutMetricAlarm takes no Namespace, MetricName, Dimensions, Period or
        // statistic of its own.
        Watch::Math {
            expression,
            label,
            inputs,
        } => req.set_metrics(Some(math_queries(expression, label, inputs))),
        Watch::Metric(m) => {
            let req = req
                .namespace(m.namespace)
                .metric_name(&m.metric)
                .set_dimensions(Some(dimensions(m)))
                .period(m.period);
            match m.stat.statistic() {
                Some(s) => req.statistic(s),
                None => req.extended_statistic(m.stat.as_str()),
            }
        }
    };
    req.send()
        .await
        .aws(&ops::PUT_METRIC_ALARM, Some(format!("alarm {}", spec.name)))?;
    Ok(())
}
