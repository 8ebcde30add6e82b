//! From DescribeAlarms' `MetricAlarm` to the rule the backtest replays.

use aws_sdk_cloudwatch::types::{
    Dimension, EvaluationWindow, Metric, MetricAlarm, MetricDataQuery, MetricDataResult, MetricStat,
};
use chrono::{DateTime, Utc};

use super::rule::{
    AlarmRule, Comparison, ExpressionQuery, LowSample, MetricQuery, MissingData, Watched,
};
use super::{History, MetricSeries};
use crate::report::Finding;
use crate::vocab::check_id::CheckId;

/// An alarm whose rule the backtest cannot take, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotReplayable {
    pub alarm: String,
    pub reason: String,
}

crate::evidence! {
    /// `alarm_backtest.*`: an alarm that was not replayed.
    struct NotReplayedEvidence<'a> { alarm: &'a str, not_replayed: &'a str }
}

impl NotReplayable {
    fn new(alarm: &str, reason: impl Into<String>) -> NotReplayable {
        NotReplayable {
            alarm: alarm.to_owned(),
            reason: reason.into(),
        }
    }

    /// `alarm_backtest.{name}`, unknown: the alarm was not replayed.
    pub fn finding(&self, name: &str) -> Finding {
        Finding::unknown(
            CheckId::AlarmBacktest(name.to_owned()),
            format!("{}: not replayed: {}", self.alarm, self.reason),
        )
        .evidence(NotReplayedEvidence {
            alarm: &self.alarm,
            not_replayed: &self.reason,
        })
        .runbook(super::findings::RUNBOOK)
    }
}

fn dimensions(d: &[Dimension]) -> Vec<(String, String)> {
    d.iter()
        .map(|d| {
            (
                d.name().unwrap_or_default().to_owned(),
                d.value().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

enum Query {
    Metric(MetricQuery),
    Expression(ExpressionQuery),
}

fn query(alarm: &str, q: &MetricDataQuery) -> Result<Query, NotReplayable> {
    let id = q
        .id()
        .ok_or_else(|| NotReplayable::new(alarm, "a metric query has no id"))?
        .to_owned();
    let return_data = q.return_data().unwrap_or(true);
    if let Some(e) = q.expression() {
        if e.trim_start().to_ascii_uppercase().starts_with("SELECT") {
            return Err(NotReplayable::new(
                alarm,
                "it watches a Metrics Insights query, which the replay does not run",
            ));
        }
        return Ok(Query::Expression(ExpressionQuery {
            id,
            expression: e.to_owned(),
            return_data,
        }));
    }
    let stat = q.metric_stat().ok_or_else(|| {
        NotReplayable::new(
            alarm,
            format!("query `{id}` has neither a metric nor an expression"),
        )
    })?;
    let metric = stat
        .metric()
        .ok_or_else(|| NotReplayable::new(alarm, format!("query `{id}` names no metric")))?;
    Ok(Query::Metric(MetricQuery {
        id,
        namespace: metric.namespace().unwrap_or_default().to_owned(),
        metric: metric.metric_name().unwrap_or_default().to_owned(),
        dimensions: dimensions(metric.dimensions()),
        stat: stat.stat().unwrap_or_default().to_owned(),
        period: stat.period().unwrap_or(0),
        return_data,
    }))
}

fn watched(alarm: &str, a: &MetricAlarm) -> Result<(Watched, i32), NotReplayable> {
    if a.metrics().is_empty() {
        if a.metric_name().is_none_or(str::is_empty) {
            return Err(NotReplayable::new(
                alarm,
                "DescribeAlarms returned neither its metric nor its metric math",
            ));
        }
        // AWS sets one of the two; a percentile is the extended one (an emulator that answers
        // both must not turn a p99 alarm into an Average one).
        let stat = a
            .extended_statistic()
            .map(str::to_owned)
            .or_else(|| a.statistic().map(|s| s.as_str().to_owned()))
            .ok_or_else(|| NotReplayable::new(alarm, "it has neither a metric nor metric math"))?;
        let period = a.period().unwrap_or(0);
        return Ok((
            Watched::Metric(MetricQuery {
                id: "m1".to_owned(),
                namespace: a.namespace().unwrap_or_default().to_owned(),
                metric: a.metric_name().unwrap_or_default().to_owned(),
                dimensions: dimensions(a.dimensions()),
                stat,
                period,
                return_data: true,
            }),
            period,
        ));
    }
    let mut metrics = Vec::new();
    let mut expressions = Vec::new();
    for q in a.metrics() {
        match query(alarm, q)? {
            Query::Metric(m) => metrics.push(m),
            Query::Expression(e) => expressions.push(e),
        }
    }
    let mut periods: Vec<i32> = metrics.iter().map(|m| m.period).collect();
    periods.dedup();
    let [period] = periods.as_slice() else {
        return Err(NotReplayable::new(
            alarm,
            format!("its metrics do not share one period ({periods:?})"),
        ));
    };
    Ok((
        Watched::Math {
            metrics,
            expressions,
        },
        *period,
    ))
}

/// The rule of a DescribeAlarms alarm, or why it cannot be replayed.
pub fn rule_from_alarm(a: &MetricAlarm) -> Result<AlarmRule, NotReplayable> {
    let name = a.alarm_name().unwrap_or("(unnamed alarm)");
    if a.evaluation_criteria().is_some() {
        return Err(NotReplayable::new(name, "it evaluates a PromQL query"));
    }
    if matches!(
        a.evaluation_window(),
        Some(EvaluationWindow::WallClockWindow(_))
    ) {
        return Err(NotReplayable::new(
            name,
            "it uses a wall-clock evaluation window; the replay slides",
        ));
    }
    let comparison = a
        .comparison_operator()
        .and_then(|c| Comparison::parse(c.as_str()))
        .ok_or_else(|| NotReplayable::new(name, "its comparison operator is unknown"))?;
    let treat_missing_data =
        MissingData::parse(a.treat_missing_data()).map_err(|e| NotReplayable::new(name, e))?;
    let (watched, period) = watched(name, a)?;
    let evaluation_periods = a.evaluation_periods().unwrap_or(0).max(0) as u32;
    Ok(AlarmRule {
        name: name.to_owned(),
        watched,
        period,
        evaluation_periods,
        datapoints_to_alarm: a
            .datapoints_to_alarm()
            .map(|m| m.max(0) as u32)
            .unwrap_or(evaluation_periods),
        threshold: a.threshold(),
        comparison,
        treat_missing_data,
        low_sample: match a.evaluate_low_sample_count_percentile() {
            Some("ignore") => Some(LowSample::Ignore),
            Some("evaluate") => Some(LowSample::Evaluate),
            _ => None,
        },
    })
}

/// The id of the SampleCount query [`metric_data_queries`] adds for a percentile alarm that
/// ignores low samples (ids start lower-case: it cannot be an alarm's own `m1`/`e1`).
pub const SAMPLES_ID: &str = "eventsctl_samples";

fn stat_query(id: &str, q: &MetricQuery, stat: &str) -> MetricDataQuery {
    let dimensions = q
        .dimensions
        .iter()
        .map(|(k, v)| Dimension::builder().name(k).value(v).build())
        .collect();
    MetricDataQuery::builder()
        .id(id)
        .metric_stat(
            MetricStat::builder()
                .metric(
                    Metric::builder()
                        .namespace(&q.namespace)
                        .metric_name(&q.metric)
                        .set_dimensions(Some(dimensions))
                        .build(),
                )
                .period(q.period)
                .stat(stat)
                .build(),
        )
        .return_data(true)
        .build()
}

/// The GetMetricData queries that fetch what a replay of `rule` needs: each of its metrics under
/// its own id, returned (the expressions are evaluated by the replay, not by CloudWatch), and for
/// a percentile alarm that ignores low samples the SampleCount of the same metric
/// ([`SAMPLES_ID`]).
pub fn metric_data_queries(rule: &AlarmRule) -> Vec<MetricDataQuery> {
    let mut out: Vec<MetricDataQuery> = rule
        .metric_queries()
        .into_iter()
        .map(|q| stat_query(&q.id, q, &q.stat))
        .collect();
    if let (Some(_), Watched::Metric(q)) = (rule.low_sample_minimum(), &rule.watched) {
        out.push(stat_query(SAMPLES_ID, q, "SampleCount"));
    }
    out
}

fn chrono_time(t: &aws_sdk_cloudwatch::primitives::DateTime) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(t.secs(), t.subsec_nanos())
}

/// The history a replay takes, from GetMetricData's results over `[start, end)` (the pages of
/// one id are merged; [`SAMPLES_ID`] becomes the sample counts).
pub fn history_from_results(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    results: &[MetricDataResult],
) -> History {
    let mut series: Vec<MetricSeries> = Vec::new();
    let mut samples: Option<Vec<(DateTime<Utc>, f64)>> = None;
    for r in results {
        let Some(id) = r.id() else { continue };
        let points = r
            .timestamps()
            .iter()
            .zip(r.values())
            .filter_map(|(t, v)| chrono_time(t).map(|t| (t, *v)));
        if id == SAMPLES_ID {
            samples.get_or_insert_with(Vec::new).extend(points);
            continue;
        }
        match series.iter_mut().find(|s| s.id == id) {
            Some(s) => s.points.extend(points),
            None => series.push(MetricSeries {
                id: id.to_owned(),
                points: points.collect(),
            }),
        }
    }
    History {
        start,
        end,
        series,
        sample_counts: samples,
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_cloudwatch::types::{
        ComparisonOperator, Metric, MetricStat, SlidingWindow, Statistic, WallClockWindow,
    };

    use super::*;

    fn dim(n: &str, v: &str) -> Dimension {
        Dimension::builder().name(n).value(v).build()
    }

    fn stat_query(id: &str, metric: &str, period: i32) -> MetricDataQuery {
        MetricDataQuery::builder()
            .id(id)
            .metric_stat(
                MetricStat::builder()
                    .metric(
                        Metric::builder()
                            .namespace("AWS/DynamoDB")
                            .metric_name(metric)
                            .dimensions(dim("TableName", "events"))
                            .build(),
                    )
                    .period(period)
                    .stat("Sum")
                    .build(),
            )
            .return_data(false)
            .build()
    }

    fn math_alarm(periods: (i32, i32), expression: &str) -> MetricAlarm {
        MetricAlarm::builder()
            .alarm_name("p-dev-events-table-throttles")
            .metrics(stat_query("m1", "WriteThrottleEvents", periods.0))
            .metrics(stat_query(
                "m2",
                "WriteKeyRangeThroughputThrottleEvents",
                periods.1,
            ))
            .metrics(
                MetricDataQuery::builder()
                    .id("e1")
                    .expression(expression)
                    .return_data(true)
                    .build(),
            )
            .evaluation_periods(2)
            .threshold(10.0)
            .comparison_operator(ComparisonOperator::GreaterThanThreshold)
            .treat_missing_data("notBreaching")
            .build()
    }

    #[test]
    fn a_math_alarm_becomes_its_metrics_and_expression() {
        let rule =
            rule_from_alarm(&math_alarm((300, 300), "MAX([FILL(m1, 0), FILL(m2, 0)])")).unwrap();
        assert_eq!(rule.period, 300);
        assert_eq!(rule.evaluation_periods, 2);
        // DatapointsToAlarm absent: M is N.
        assert_eq!(rule.datapoints_to_alarm, 2);
        assert_eq!(rule.treat_missing_data, MissingData::NotBreaching);
        let Watched::Math {
            metrics,
            expressions,
        } = &rule.watched
        else {
            panic!("not math: {rule:?}");
        };
        assert_eq!(metrics.len(), 2);
        assert_eq!(metrics[1].metric, "WriteKeyRangeThroughputThrottleEvents");
        assert_eq!(
            metrics[0].dimensions,
            vec![("TableName".into(), "events".into())]
        );
        assert!(!metrics[0].return_data);
        assert_eq!(expressions[0].id, "e1");
        assert!(expressions[0].return_data);
    }

    #[test]
    fn a_single_percentile_metric_keeps_its_extended_statistic_and_low_sample_rule() {
        let a = MetricAlarm::builder()
            .alarm_name("lat")
            .namespace("AWS/DynamoDB")
            .metric_name("SuccessfulRequestLatency")
            .dimensions(dim("TableName", "events"))
            .dimensions(dim("Operation", "PutItem"))
            .extended_statistic("p99")
            .period(300)
            .evaluation_periods(3)
            .datapoints_to_alarm(2)
            .threshold(20.0)
            .comparison_operator(ComparisonOperator::GreaterThanOrEqualToThreshold)
            .evaluate_low_sample_count_percentile("ignore")
            .evaluation_window(EvaluationWindow::SlidingWindow(
                SlidingWindow::builder().build(),
            ))
            .build();
        let rule = rule_from_alarm(&a).unwrap();
        assert_eq!(rule.percentile(), Some(99.0));
        assert_eq!(rule.low_sample, Some(LowSample::Ignore));
        assert_eq!(rule.datapoints_to_alarm, 2);
        assert_eq!(rule.treat_missing_data, MissingData::Missing);
        assert_eq!(rule.comparison, Comparison::GreaterThanOrEqualToThreshold);
        let Watched::Metric(m) = &rule.watched else {
            panic!("not a metric");
        };
        assert_eq!((m.id.as_str(), m.period), ("m1", 300));
        let sum = MetricAlarm::builder()
            .alarm_name("s")
            .namespace("AWS/Lambda")
            .metric_name("Errors")
            .statistic(Statistic::Sum)
            .period(60)
            .evaluation_periods(1)
            .threshold(0.0)
            .comparison_operator(ComparisonOperator::GreaterThanThreshold)
            .build();
        assert_eq!(rule_from_alarm(&sum).unwrap().watched_text(), "Errors Sum");
        // Both statistics answered (the emulator does): the percentile is what the alarm means.
        let both = MetricAlarm::builder()
            .alarm_name("b")
            .namespace("AWS/DynamoDB")
            .metric_name("SuccessfulRequestLatency")
            .statistic(Statistic::Average)
            .extended_statistic("p95")
            .period(300)
            .comparison_operator(ComparisonOperator::GreaterThanThreshold)
            .build();
        assert_eq!(rule_from_alarm(&both).unwrap().percentile(), Some(95.0));
    }

    #[test]
    fn queries_fetch_every_metric_and_the_sample_count_a_percentile_needs() {
        let rule = rule_from_alarm(&math_alarm((300, 300), "m1 + m2")).unwrap();
        let q = metric_data_queries(&rule);
        let ids: Vec<&str> = q.iter().filter_map(|q| q.id()).collect();
        assert_eq!(ids, ["m1", "m2"]);
        assert!(q.iter().all(|q| q.return_data() == Some(true)));
        let stat = q[1].metric_stat().unwrap();
        assert_eq!((stat.period(), stat.stat()), (Some(300), Some("Sum")));
        assert_eq!(
            stat.metric().unwrap().metric_name(),
            Some("WriteKeyRangeThroughputThrottleEvents")
        );
        let p99 = MetricAlarm::builder()
            .alarm_name("lat")
            .namespace("AWS/DynamoDB")
            .metric_name("SuccessfulRequestLatency")
            .dimensions(dim("Operation", "PutItem"))
            .extended_statistic("p99")
            .period(300)
            .comparison_operator(ComparisonOperator::GreaterThanThreshold)
            .evaluate_low_sample_count_percentile("ignore")
            .build();
        let q = metric_data_queries(&rule_from_alarm(&p99).unwrap());
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].metric_stat().unwrap().stat(), Some("p99"));
        assert_eq!(q[1].id(), Some(SAMPLES_ID));
        assert_eq!(q[1].metric_stat().unwrap().stat(), Some("SampleCount"));
    }

    #[test]
    fn results_become_the_history_pages_merged() {
        use aws_sdk_cloudwatch::primitives::DateTime as SdkTime;
        let page = |id: &str, secs: &[i64], values: &[f64]| {
            MetricDataResult::builder()
                .id(id)
                .set_timestamps(Some(secs.iter().map(|s| SdkTime::from_secs(*s)).collect()))
                .set_values(Some(values.to_vec()))
                .build()
        };
        // clock-free: a conversion of given timestamps.
        let start = DateTime::from_timestamp(946_857_600, 0).unwrap();
        let end = DateTime::from_timestamp(946_857_600 + 3600, 0).unwrap();
        let results = [
            page("m1", &[946_857_600, 946_857_900], &[1.0, 2.0]),
            page(SAMPLES_ID, &[946_857_600], &[40.0]),
            page("m1", &[946_858_200], &[3.0]),
        ];
        let h = history_from_results(start, end, &results);
        assert_eq!(h.series.len(), 1);
        assert_eq!(h.series[0].points.len(), 3);
        assert_eq!(
            h.series[0].points[2],
            (DateTime::from_timestamp(946_858_200, 0).unwrap(), 3.0)
        );
        assert_eq!(h.sample_counts.unwrap()[0].1, 40.0);
    }

    #[test]
    fn alarms_the_replay_cannot_take_say_why() {
        let insights = math_alarm(
            (300, 300),
            "SELECT SUM(ThrottledRequests) FROM \"AWS/DynamoDB\"",
        );
        let mixed = math_alarm((300, 60), "m1 + m2");
        let wall = MetricAlarm::builder()
            .alarm_name("w")
            .namespace("AWS/Lambda")
            .metric_name("Errors")
            .statistic(Statistic::Sum)
            .period(3600)
            .comparison_operator(ComparisonOperator::GreaterThanThreshold)
            .evaluation_window(EvaluationWindow::WallClockWindow(
                WallClockWindow::builder().build(),
            ))
            .build();
        let no_operator = MetricAlarm::builder().alarm_name("x").build();
        // What the emulator keeps of a metric-math alarm: no Metrics, no MetricName.
        let stored_without_metrics = MetricAlarm::builder()
            .alarm_name("z")
            .statistic(Statistic::Average)
            .period(60)
            .comparison_operator(ComparisonOperator::GreaterThanThreshold)
            .build();
        let bad_missing = MetricAlarm::builder()
            .alarm_name("y")
            .comparison_operator(ComparisonOperator::GreaterThanThreshold)
            .treat_missing_data("sometimes")
            .build();
        for (a, want) in [
            (insights, "Metrics Insights"),
            (mixed, "do not share one period"),
            (wall, "wall-clock"),
            (no_operator, "comparison operator"),
            (bad_missing, "TreatMissingData"),
            (
                stored_without_metrics,
                "neither its metric nor its metric math",
            ),
        ] {
            let err = rule_from_alarm(&a).unwrap_err();
            assert!(err.reason.contains(want), "{err:?}");
            let f = err.finding("n");
            assert_eq!(f.status, crate::report::Status::Unknown);
            assert_eq!(f.check.to_string(), "alarm_backtest.n");
        }
    }
}
