//! The metrics layer: "these metrics, these dimensions, this window, these statistics" in as few
//! GetMetricData calls as possible, back as typed series. Every CloudWatch check uses this; none
//! builds its own requests.

use super::ops;
use std::collections::HashMap;

use aws_sdk_cloudwatch::Client;
use aws_sdk_cloudwatch::types::{
    Dimension, Metric, MetricDataQuery, MetricStat, ScanBy, Statistic, StatusCode,
};
use chrono::{DateTime, Duration, TimeZone, Utc};
use futures::future::try_join_all;

use super::error::{AwsError, AwsResultExt};

pub(crate) use crate::vocab::metrics::{
    BATCH_EXECUTE_STATEMENT, DYNAMODB, LAMBDA, MetricKey, Stat,
};

impl Stat {
    /// The SDK's `Statistic` for a standard statistic; `None` for a percentile, which an alarm
    /// takes as `ExtendedStatistic` ([`Stat::as_str`]).
    pub(crate) fn statistic(self) -> Option<Statistic> {
        match self {
            Stat::Sum => Some(Statistic::Sum),
            Stat::Average => Some(Statistic::Average),
            Stat::Maximum => Some(Statistic::Maximum),
            Stat::SampleCount => Some(Statistic::SampleCount),
            Stat::P50 | Stat::P95 | Stat::P99 => None,
        }
    }
}

impl MetricKey {
    fn query(&self, id: String, period: i32) -> MetricDataQuery {
        let metric = Metric::builder()
            .namespace(&self.namespace)
            .metric_name(&self.metric)
            .set_dimensions(Some(
                self.dimensions
                    .iter()
                    .map(|(k, v)| Dimension::builder().name(k).value(v).build())
                    .collect(),
            ))
            .build();
        MetricDataQuery::builder()
            .id(id)
            .metric_stat(
                MetricStat::builder()
                    .metric(metric)
                    .period(period)
                    .stat(self.stat.as_str())
                    .build(),
            )
            .return_data(true)
            .build()
    }
}

/// GetMetricData takes at most 500 queries per call.
const MAX_QUERIES: usize = 500;

/// A time window cut into periods aligned to multiples of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub period: i32,
}

/// A window as the JSON data of a command shows it (`docs/json.md`).
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub(crate) struct WindowData {
    pub start: String,
    pub end: String,
    pub period_s: i32,
}

impl Window {
    pub(crate) fn data(&self) -> WindowData {
        WindowData {
            start: crate::times::stamp(self.start),
            end: crate::times::stamp(self.end),
            period_s: self.period,
        }
    }
}

fn align_down(t: DateTime<Utc>, period: i64) -> DateTime<Utc> {
    let s = t.timestamp();
    Utc.timestamp_opt(s - s.rem_euclid(period), 0)
        .single()
        .unwrap_or(t)
}

impl Window {
    /// The last `length` before `now`, with a period that fits (see [`Window::period_for`]).
    pub(crate) fn last(length: Duration, now: DateTime<Utc>) -> Window {
        Window::aligned(
            now - length,
            now,
            Window::period_for(length, now - length, now),
        )
    }

    /// The last `length` before `now` at a fixed period (the runbook's 5-minute periods).
    pub(crate) fn last_at(length: Duration, now: DateTime<Utc>, period: i32) -> Window {
        let min = Window::min_period(now - length, now);
        Window::aligned(now - length, now, period.max(min))
    }

    /// `[start, end)` widened to whole periods.
    pub(crate) fn aligned(start: DateTime<Utc>, end: DateTime<Utc>, period: i32) -> Window {
        let p = i64::from(period.max(60));
        let start = align_down(start, p);
        let mut end_aligned = align_down(end, p);
        if end_aligned < end {
            end_aligned += Duration::seconds(p);
        }
        Window {
            start,
            end: end_aligned,
            period: p as i32,
        }
    }

    /// CloudWatch keeps 1-minute data for 15 days, 5-minute data for 63 days, then hourly.
    fn min_period(start: DateTime<Utc>, now: DateTime<Utc>) -> i32 {
        let age = now - start;
        if age > Duration::days(63) {
            3600
        } else if age > Duration::days(15) {
            300
        } else {
            60
        }
    }

    /// The smallest of 1 min, 5 min, 15 min, 1 h, 6 h, 1 day that keeps a series under ~360
    /// points and that CloudWatch still has at the window's start.
    pub(crate) fn period_for(length: Duration, start: DateTime<Utc>, now: DateTime<Utc>) -> i32 {
        let min = Window::min_period(start, now);
        [60, 300, 900, 3600, 21_600, 86_400]
            .into_iter()
            .filter(|p| *p >= min)
            .find(|p| length.num_seconds() / i64::from(*p) <= 360)
            .unwrap_or(86_400)
    }

    /// The start of every period in the window.
    pub(crate) fn periods(&self) -> Vec<DateTime<Utc>> {
        let mut out = Vec::new();
        let mut t = self.start;
        while t < self.end {
            out.push(t);
            t += Duration::seconds(i64::from(self.period));
        }
        out
    }

    pub(crate) fn length(&self) -> Duration {
        self.end - self.start
    }
}

/// The datapoints of one metric in a window.
#[derive(Debug, Clone)]
pub(crate) struct Series {
    pub key: MetricKey,
    /// Ascending by time.
    pub points: Vec<(DateTime<Utc>, f64)>,
    /// CloudWatch's StatusCode was not Complete (partial data, an internal error, forbidden).
    pub problem: Option<String>,
}

impl Series {
    pub(crate) fn sum(&self) -> f64 {
        // A fold from +0.0: `Iterator::sum` of no floats is -0.0, which prints as "-0".
        self.points.iter().fold(0.0, |acc, (_, v)| acc + v)
    }

    pub(crate) fn max(&self) -> Option<f64> {
        self.points.iter().map(|(_, v)| *v).reduce(f64::max)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// One slot per period of the window; `None` where CloudWatch has no datapoint.
    pub(crate) fn dense(&self, window: &Window) -> Vec<Option<f64>> {
        let by_time: HashMap<i64, f64> = self
            .points
            .iter()
            .map(|(t, v)| (align_down(*t, i64::from(window.period)).timestamp(), *v))
            .collect();
        window
            .periods()
            .iter()
            .map(|t| by_time.get(&t.timestamp()).copied())
            .collect()
    }
}

/// The longest run of consecutive periods whose value satisfies `breach`; a missing datapoint
/// is `missing` (0 for counts that CloudWatch publishes only when non-zero).
pub(crate) fn longest_run(
    values: &[Option<f64>],
    missing: Option<f64>,
    breach: impl Fn(f64) -> bool,
) -> usize {
    let mut best = 0;
    let mut run = 0;
    for v in values {
        match v.or(missing) {
            Some(x) if breach(x) => {
                run += 1;
                best = best.max(run);
            }
            _ => run = 0,
        }
    }
    best
}

/// Every series asked for, by key.
#[derive(Debug, Clone)]
pub struct MetricSet {
    pub window: Window,
    series: HashMap<MetricKey, Series>,
}

impl MetricSet {
    pub(crate) fn get(&self, key: &MetricKey) -> Option<&Series> {
        self.series.get(key)
    }

    /// The series for `key`; an empty one if CloudWatch returned nothing for it.
    pub(crate) fn series(&self, key: &MetricKey) -> Series {
        self.series.get(key).cloned().unwrap_or_else(|| Series {
            key: key.clone(),
            points: Vec::new(),
            problem: Some("no result returned for this query".into()),
        })
    }

    /// Sum of a count metric over the window (0 when CloudWatch has no datapoints).
    pub(crate) fn total(&self, key: &MetricKey) -> f64 {
        self.get(key).map(Series::sum).unwrap_or(0.0)
    }

    /// Series whose data CloudWatch could not give completely.
    pub(crate) fn problems(&self) -> Vec<String> {
        let mut p: Vec<String> = self
            .series
            .values()
            .filter_map(|s| {
                s.problem
                    .as_ref()
                    .map(|m| format!("{}: {m}", s.key.label()))
            })
            .collect();
        p.sort();
        p
    }

    /// How many of `keys` CloudWatch answered incompletely: a verdict of "nothing happened"
    /// cannot rest on those.
    pub(crate) fn incomplete(&self, keys: &[MetricKey]) -> usize {
        keys.iter()
            .filter(|k| self.get(k).is_some_and(|s| s.problem.is_some()))
            .count()
    }

    /// For tests: a set built from series directly.
    #[cfg(test)]
    pub(crate) fn from_series(window: Window, series: Vec<Series>) -> MetricSet {
        MetricSet {
            window,
            series: series.into_iter().map(|s| (s.key.clone(), s)).collect(),
        }
    }
}

pub(crate) fn to_smithy(t: DateTime<Utc>) -> aws_smithy_types::DateTime {
    aws_smithy_types::DateTime::from_secs(t.timestamp())
}

pub(crate) fn from_smithy(t: &aws_smithy_types::DateTime) -> DateTime<Utc> {
    Utc.timestamp_opt(t.secs(), t.subsec_nanos())
        .single()
        .unwrap_or_default()
}

/// `None` when a result's status is Complete (or absent); else the status and AWS's messages.
fn status_problem(r: &aws_sdk_cloudwatch::types::MetricDataResult) -> Option<String> {
    match r.status_code() {
        Some(StatusCode::Complete) | None => None,
        Some(other) => {
            let detail = r
                .messages()
                .iter()
                .filter_map(|m| m.value())
                .collect::<Vec<_>>()
                .join("; ");
            let gap = if *other == StatusCode::PartialData {
                " on the last page: CloudWatch did not return all of it"
            } else {
                ""
            };
            Some(format!(
                "status {}{gap}{}",
                other.as_str(),
                if detail.is_empty() {
                    String::new()
                } else {
                    format!(" ({detail})")
                }
            ))
        }
    }
}

/// Fetches every key over the window: one GetMetricData call per 500 queries, the calls
/// concurrent, each followed through its NextToken pages.
pub(crate) async fn fetch(
    client: &Client,
    window: Window,
    keys: &[MetricKey],
) -> Result<MetricSet, AwsError> {
    let mut unique: Vec<MetricKey> = keys.to_vec();
    unique.sort();
    unique.dedup();
    let calls = unique
        .chunks(MAX_QUERIES)
        .map(|chunk| fetch_chunk(client, window, chunk));
    let results = try_join_all(calls).await?;
    Ok(MetricSet {
        window,
        series: results
            .into_iter()
            .flatten()
            .map(|s| (s.key.clone(), s))
            .collect(),
    })
}

async fn fetch_chunk(
    client: &Client,
    window: Window,
    keys: &[MetricKey],
) -> Result<Vec<Series>, AwsError> {
    let queries: Vec<MetricDataQuery> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| k.query(format!("m{i}"), window.period))
        .collect();
    let mut series: Vec<Series> = keys
        .iter()
        .map(|k| Series {
            key: k.clone(),
            points: Vec::new(),
            problem: None,
        })
        .collect();
    // The status of each series on the last page that reported it. AWS answers PartialData on
    // every page but the last when a result spans pages (NextToken): only the final status counts,
    // and PartialData there (no further token) is a real gap.
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataResult.html
    let mut last_status: Vec<Option<String>> = vec![None; keys.len()];
    let mut pages = client
        .get_metric_data()
        .set_metric_data_queries(Some(queries))
        .start_time(to_smithy(window.start))
        .end_time(to_smithy(window.end))
        .scan_by(ScanBy::TimestampAscending)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.aws(&ops::GET_METRIC_DATA, None)?;
        for r in page.metric_data_results() {
            let Some(i) = r
                .id()
                .and_then(|id| id.strip_prefix('m'))
                .and_then(|n| n.parse::<usize>().ok())
            else {
                continue;
            };
            let Some(s) = series.get_mut(i) else { continue };
            s.points.extend(
                r.timestamps()
                    .iter()
                    .zip(r.values())
                    .map(|(t, v)| (from_smithy(t), *v)),
            );
            last_status[i] = status_problem(r);
        }
    }
    for (s, problem) in series.iter_mut().zip(last_status) {
        s.problem = problem;
    }
    for s in &mut series {
        s.points.sort_by_key(|(t, _)| *t);
        s.points.dedup_by_key(|(t, _)| *t);
    }
    Ok(series)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::metrics::operation_dimensions;

    #[test]
    fn windows_align_and_pick_periods() {
        let now = Utc.with_ymd_and_hms(2025, 11, 11, 12, 7, 30).unwrap();
        let w = Window::last_at(Duration::hours(1), now, 300);
        assert_eq!(w.period, 300);
        assert_eq!(
            w.start,
            Utc.with_ymd_and_hms(2025, 11, 11, 11, 5, 0).unwrap()
        );
        assert_eq!(
            w.end,
            Utc.with_ymd_and_hms(2025, 11, 11, 12, 10, 0).unwrap()
        );
        assert_eq!(w.periods().len(), 13);
        assert_eq!(Window::last(Duration::hours(3), now).period, 60);
        assert_eq!(Window::last(Duration::days(1), now).period, 300);
        assert_eq!(Window::last(Duration::days(30), now).period, 21_600);
        assert_eq!(Window::last(Duration::days(90), now).period, 21_600);
        // Older than 15 days: no 1-minute data any more.
        assert_eq!(Window::last_at(Duration::days(20), now, 60).period, 300);
    }

    #[test]
    fn runs_of_breaching_periods() {
        let v = [
            Some(11.0),
            None,
            Some(12.0),
            Some(15.0),
            Some(3.0),
            Some(20.0),
            Some(30.0),
            Some(40.0),
        ];
        assert_eq!(longest_run(&v, Some(0.0), |x| x > 10.0), 3);
        assert_eq!(longest_run(&v[..4], Some(0.0), |x| x > 10.0), 2);
        assert_eq!(longest_run(&[None, None], None, |x| x > 0.0), 0);
    }

    /// A percentile goes to an alarm as ExtendedStatistic, a standard statistic as Statistic;
    /// both go to GetMetricData as the same string.
    #[test]
    fn statistics_convert_to_what_each_api_takes() {
        let cases = [
            (Stat::Sum, "Sum", Some(Statistic::Sum)),
            (Stat::Average, "Average", Some(Statistic::Average)),
            (Stat::Maximum, "Maximum", Some(Statistic::Maximum)),
            (Stat::P50, "p50", None),
            (Stat::P95, "p95", None),
            (Stat::P99, "p99", None),
        ];
        for (stat, text, statistic) in cases {
            assert_eq!(stat.as_str(), text);
            assert_eq!(stat.to_string(), text);
            assert_eq!(serde_json::to_value(stat).unwrap(), serde_json::json!(text));
            assert_eq!(stat.statistic(), statistic);
            assert_eq!(stat.is_percentile(), statistic.is_none());
            if let Some(s) = stat.statistic() {
                assert_eq!(s.as_str(), text, "the SDK's name is CloudWatch's");
            }
        }
    }

    /// DynamoDB publishes the import's BatchExecuteStatement metrics with `OperationType`: a key
    /// without it names a metric that never has data.
    /// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html
    #[test]
    fn per_operation_keys_carry_the_dimensions_dynamodb_publishes() {
        let d = |k: MetricKey| -> Vec<(String, String)> { k.dimensions };
        let own = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect()
        };
        assert_eq!(
            d(MetricKey::op("SystemErrors", "t", "PutItem", Stat::Sum)),
            own(&[("TableName", "t"), ("Operation", "PutItem")])
        );
        assert_eq!(
            d(MetricKey::op(
                "ThrottledRequests",
                "t",
                BATCH_EXECUTE_STATEMENT,
                Stat::Sum
            )),
            own(&[
                ("TableName", "t"),
                ("Operation", "BatchExecuteStatement"),
                ("OperationType", "Write")
            ])
        );
        assert_eq!(
            operation_dimensions("t", BATCH_EXECUTE_STATEMENT),
            d(MetricKey::op(
                "SystemErrors",
                "t",
                BATCH_EXECUTE_STATEMENT,
                Stat::Sum
            ))
        );
    }

    #[test]
    fn dense_series_fill_gaps() {
        let now = Utc.with_ymd_and_hms(2025, 11, 11, 12, 0, 0).unwrap();
        let w = Window::last_at(Duration::minutes(15), now, 300);
        let s = Series {
            key: MetricKey::table("X", "t", Stat::Sum),
            points: vec![(w.start, 1.0), (w.start + Duration::seconds(600), 3.0)],
            problem: None,
        };
        assert_eq!(s.dense(&w), vec![Some(1.0), None, Some(3.0)]);
        assert_eq!(s.sum(), 4.0);
    }
}
