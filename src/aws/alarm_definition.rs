//! An alarm's whole definition as DescribeAlarms returns it, kept so that it can be put back
//! exactly (`dr rollback` restores the alarms a cutover replaced), and DeleteAlarms for the ones
//! a cutover created. PutMetricAlarm replaces the whole alarm, so every field it takes is kept:
//! the metric or the metric-math queries, the actions of each state, whether they are enabled.
//! <https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html>

use aws_sdk_cloudwatch::Client;
use aws_sdk_cloudwatch::types::{
    ComparisonOperator, Dimension, Metric, MetricAlarm, MetricDataQuery, MetricStat, StandardUnit,
    Statistic,
};
use serde::{Deserialize, Serialize};

use super::error::{AwsError, AwsResultExt};
use super::ops;

/// A metric with its dimensions (`[name, value]` pairs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct MetricDef {
    pub namespace: Option<String>,
    pub metric_name: Option<String>,
    pub dimensions: Vec<[String; 2]>,
}

/// One query of a metric-math alarm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct QueryDef {
    pub id: String,
    pub expression: Option<String>,
    pub label: Option<String>,
    pub return_data: Option<bool>,
    pub period: Option<i32>,
    pub account_id: Option<String>,
    pub metric: Option<MetricDef>,
    pub stat_period: Option<i32>,
    pub stat: Option<String>,
    pub unit: Option<String>,
}

/// Everything PutMetricAlarm takes of a metric alarm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct AlarmDefinition {
    pub name: String,
    pub description: Option<String>,
    pub actions_enabled: Option<bool>,
    pub alarm_actions: Vec<String>,
    pub ok_actions: Vec<String>,
    pub insufficient_data_actions: Vec<String>,
    pub metric: Option<MetricDef>,
    pub statistic: Option<String>,
    pub extended_statistic: Option<String>,
    pub period: Option<i32>,
    pub unit: Option<String>,
    pub evaluation_periods: Option<i32>,
    pub datapoints_to_alarm: Option<i32>,
    pub threshold: Option<f64>,
    pub comparison_operator: Option<String>,
    pub treat_missing_data: Option<String>,
    pub evaluate_low_sample_count_percentile: Option<String>,
    pub queries: Vec<QueryDef>,
    pub threshold_metric_id: Option<String>,
}

fn dims(d: &[Dimension]) -> Vec<[String; 2]> {
    d.iter()
        .map(|d| {
            [
                d.name().unwrap_or_default().to_owned(),
                d.value().unwrap_or_default().to_owned(),
            ]
        })
        .collect()
}

fn metric_def(m: &Metric) -> MetricDef {
    MetricDef {
        namespace: m.namespace().map(str::to_owned),
        metric_name: m.metric_name().map(str::to_owned),
        dimensions: dims(m.dimensions()),
    }
}

fn query_def(q: &MetricDataQuery) -> QueryDef {
    let stat = q.metric_stat();
    QueryDef {
        id: q.id().unwrap_or_default().to_owned(),
        expression: q.expression().map(str::to_owned),
        label: q.label().map(str::to_owned),
        return_data: q.return_data(),
        period: q.period(),
        account_id: q.account_id().map(str::to_owned),
        metric: stat.and_then(|s| s.metric()).map(metric_def),
        stat_period: stat.and_then(|s| s.period()),
        stat: stat.and_then(|s| s.stat()).map(str::to_owned),
        unit: stat.and_then(|s| s.unit()).map(|u| u.as_str().to_owned()),
    }
}

/// The definition of an alarm as DescribeAlarms gave it. Pure.
pub(crate) fn of(a: &MetricAlarm) -> AlarmDefinition {
    let metric = (a.metric_name().is_some() || a.namespace().is_some()).then(|| MetricDef {
        namespace: a.namespace().map(str::to_owned),
        metric_name: a.metric_name().map(str::to_owned),
        dimensions: dims(a.dimensions()),
    });
    AlarmDefinition {
        name: a.alarm_name().unwrap_or_default().to_owned(),
        description: a.alarm_description().map(str::to_owned),
        actions_enabled: a.actions_enabled(),
        alarm_actions: a.alarm_actions().to_vec(),
        ok_actions: a.ok_actions().to_vec(),
        insufficient_data_actions: a.insufficient_data_actions().to_vec(),
        metric,
        statistic: a.statistic().map(|s| s.as_str().to_owned()),
        extended_statistic: a.extended_statistic().map(str::to_owned),
        period: a.period(),
        unit: a.unit().map(|u| u.as_str().to_owned()),
        evaluation_periods: a.evaluation_periods(),
        datapoints_to_alarm: a.datapoints_to_alarm(),
        threshold: a.threshold(),
        comparison_operator: a.comparison_operator().map(|c| c.as_str().to_owned()),
        treat_missing_data: a.treat_missing_data().map(str::to_owned),
        evaluate_low_sample_count_percentile: a
            .evaluate_low_sample_count_percentile()
            .map(str::to_owned),
        queries: a.metrics().iter().map(query_def).collect(),
        threshold_metric_id: a.threshold_metric_id().map(str::to_owned),
    }
}

fn dimensions(d: &[[String; 2]]) -> Vec<Dimension> {
    d.iter()
        .map(|[k, v]| Dimension::builder().name(k).value(v).build())
        .collect()
}

fn metric(m: &MetricDef) -> Metric {
    Metric::builder()
        .set_namespace(m.namespace.clone())
        .set_metric_name(m.metric_name.clone())
        .set_dimensions(Some(dimensions(&m.dimensions)))
        .build()
}

fn query(q: &QueryDef) -> MetricDataQuery {
    let stat = q.metric.as_ref().map(|m| {
        MetricStat::builder()
            .metric(metric(m))
            .set_period(q.stat_period)
            .set_stat(q.stat.clone())
            .set_unit(q.unit.as_deref().map(StandardUnit::from))
            .build()
    });
    MetricDataQuery::builder()
        .id(&q.id)
        .set_expression(q.expression.clone())
        .set_label(q.label.clone())
        .set_return_data(q.return_data)
        .set_period(q.period)
        .set_account_id(q.account_id.clone())
        .set_metric_stat(stat)
        .build()
}

/// PutMetricAlarm with the definition as it was: the alarm put back exactly (its tags, which
/// PutMetricAlarm does not change on an existing alarm, stay as they are).
pub(crate) async fn put(client: &Client, d: &AlarmDefinition) -> Result<(), AwsError> {
    let m = d.metric.as_ref();
    client
        .put_metric_alarm()
        .alarm_name(&d.name)
        .set_alarm_description(d.description.clone())
        .set_actions_enabled(d.actions_enabled)
        .set_alarm_actions(Some(d.alarm_actions.clone()))
        .set_ok_actions(Some(d.ok_actions.clone()))
        .set_insufficient_data_actions(Some(d.insufficient_data_actions.clone()))
        .set_namespace(m.and_then(|m| m.namespace.clone()))
        .set_metric_name(m.and_then(|m| m.metric_name.clone()))
        .set_dimensions(m.map(|m| dimensions(&m.dimensions)))
        .set_statistic(d.statistic.as_deref().map(Statistic::from))
        .set_extended_statistic(d.extended_statistic.clone())
        .set_period(d.period)
        .set_unit(d.unit.as_deref().map(StandardUnit::from))
        .set_evaluation_periods(d.evaluation_periods)
        .set_datapoints_to_alarm(d.datapoints_to_alarm)
        .set_threshold(d.threshold)
        .set_comparison_operator(
            d.comparison_operator
                .as_deref()
                .map(ComparisonOperator::from),
        )
        .set_treat_missing_data(d.treat_missing_data.clone())
        .set_evaluate_low_sample_count_percentile(d.evaluate_low_sample_count_percentile.clone())
        .set_metrics((!d.queries.is_empty()).then(|| d.queries.iter().map(query).collect()))
        .set_threshold_metric_id(d.threshold_metric_id.clone())
        .send()
        .await
        .aws(&ops::PUT_METRIC_ALARM, Some(format!("alarm {}", d.name)))?;
    Ok(())
}

/// DeleteAlarms (at most 100 names a call). Names that do not exist are no error.
pub(crate) async fn delete(client: &Client, names: &[String]) -> Result<(), AwsError> {
    for chunk in names.chunks(100) {
        client
            .delete_alarms()
            .set_alarm_names(Some(chunk.to_vec()))
            .send()
            .await
            .aws(&ops::DELETE_ALARMS, Some(chunk.join(", ")))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_math_alarm_keeps_every_query_and_its_actions() {
        let a = MetricAlarm::builder()
            .alarm_name("a")
            .alarm_description("d")
            .actions_enabled(false)
            .alarm_actions("arn:sns:t")
            .evaluation_periods(3)
            .datapoints_to_alarm(2)
            .threshold(0.0)
            .comparison_operator(ComparisonOperator::GreaterThanThreshold)
            .treat_missing_data("notBreaching")
            .metrics(
                MetricDataQuery::builder()
                    .id("m1")
                    .return_data(false)
                    .metric_stat(
                        MetricStat::builder()
                            .metric(
                                Metric::builder()
                                    .namespace("AWS/DynamoDB")
                                    .metric_name("SystemErrors")
                                    .dimensions(
                                        Dimension::builder().name("TableName").value("t").build(),
                                    )
                                    .build(),
                            )
                            .period(300)
                            .stat("Sum")
                            .build(),
                    )
                    .build(),
            )
            .metrics(
                MetricDataQuery::builder()
                    .id("e1")
                    .expression("FILL(m1, 0)")
                    .return_data(true)
                    .build(),
            )
            .build();
        let d = of(&a);
        assert_eq!(d.actions_enabled, Some(false));
        assert_eq!(d.alarm_actions, ["arn:sns:t"]);
        assert!(d.metric.is_none(), "a math alarm has no metric of its own");
        assert_eq!(d.queries.len(), 2);
        assert_eq!(
            d.queries[0].metric.as_ref().unwrap().dimensions,
            [["TableName".to_owned(), "t".to_owned()]]
        );
        assert_eq!(d.queries[1].expression.as_deref(), Some("FILL(m1, 0)"));
        // Through JSON (the record) and back to the same request.
        let back: AlarmDefinition =
            serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
        assert_eq!(back, d);
        let q = query(&back.queries[0]);
        assert_eq!(
            q.metric_stat()
                .and_then(|s| s.metric())
                .and_then(|m| m.metric_name()),
            Some("SystemErrors")
        );
    }
}
