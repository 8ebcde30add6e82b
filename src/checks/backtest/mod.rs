//! Replays a CloudWatch alarm over its real history: when it would have fired, how often it
//! would have paged, and which threshold would have met a target page rate. Pure: it takes the
//! alarm's rule ([`AlarmRule`], from DescribeAlarms via [`sdk::rule_from_alarm`]) and the series
//! of each of its metrics over the window at the alarm's period (GetMetricData with
//! [`sdk::metric_data_queries`], its results through [`sdk::history_from_results`]), and never
//! calls AWS or prints.
//!
//! What is replayed exactly as CloudWatch documents it:
//! - the datapoints at the alarm's period, the statistic already applied by GetMetricData;
//! - metric math over them ([`math`]: the documented missing-datapoint rules of each operator
//!   and function; a function a replay cannot reproduce refuses the replay, named);
//! - M of the most recent N datapoints breaching, the comparison (`>`, `>=`, `<`, `<=`) and the
//!   evaluation range with each TreatMissingData mode ([`evaluate`]), including the rule that an
//!   alarm on an `AWS/DynamoDB` metric always ignores missing data (PutMetricAlarm,
//!   TreatMissingData);
//! - a percentile alarm with EvaluateLowSampleCountPercentile `ignore`: a period with fewer than
//!   10/(1-p) samples (10/p below p50) keeps the state and is left out of later evaluations, when
//!   the SampleCount series is given (otherwise said in the caveats).
//!
//! Simplifications, each said where it applies:
//! - the evaluation range is N + 2 datapoints for every alarm (the documentation's examples; the
//!   real range depends on the period and resolution and is not published);
//! - the state changes when a period closes; ingestion delay and re-evaluation of late data are
//!   not modelled; the state before the window is unknown (INSUFFICIENT_DATA), so an episode in
//!   progress at the first evaluation is not counted as a page;
//! - anomaly-detection alarms (band comparisons) and Metrics Insights queries are not replayed;
//! - a metric-math alarm over `AWS/DynamoDB` metrics is replayed with its own TreatMissingData;
//!   whether CloudWatch ignores missing data there too is not documented (FILL makes it moot).
//!
//! Sources: <https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html>,
//! <https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html>,
//! <https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html>,
//! <https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html>

pub mod evaluate;
pub mod findings;
pub mod math;
pub mod rule;
pub mod sdk;
pub mod suggest;
pub mod timeline;
pub mod window;

pub use findings::finding;
pub use rule::{
    AlarmRule, Comparison, ExpressionQuery, LowSample, MetricQuery, MissingData, Watched,
};

use chrono::{DateTime, Utc};
use serde::Serialize;

use evaluate::{AlarmState, Evaluation};
use math::{Grid, Ts};
use suggest::{DAYS_PER_MONTH, Suggestion};
use timeline::{Episode, Transition};

/// The datapoints of one metric query (`id` as in the alarm) at the alarm's period.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricSeries {
    pub id: String,
    pub points: Vec<(DateTime<Utc>, f64)>,
}

/// What was fetched for one alarm over the window `[start, end)`; `start` aligned to the
/// alarm's period, as GetMetricData aligns its datapoints.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub series: Vec<MetricSeries>,
    /// For a percentile alarm that ignores low samples: SampleCount of the same metric and
    /// period.
    pub sample_counts: Option<Vec<(DateTime<Utc>, f64)>>,
}

/// What else the replay is asked.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Options {
    /// The target page rate to suggest a threshold for.
    pub pages_per_month: Option<f64>,
}

/// The worst datapoint of the window (highest for `>`, lowest for `<`).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "BacktestWorst")]
pub struct Worst {
    pub value: f64,
    pub at: DateTime<Utc>,
}

/// The episodes in numbers.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "BacktestSummary")]
pub struct Summary {
    pub episodes: usize,
    /// Transitions to ALARM after the first evaluation: the notifications sent.
    pub pages: usize,
    pub pages_per_month: f64,
    pub first: Option<DateTime<Utc>>,
    pub last: Option<DateTime<Utc>>,
    pub longest: Option<Episode>,
    /// The window's length in days.
    pub days: f64,
    /// UTC days on which at least one page went out.
    pub days_with_pages: usize,
    /// The share of evaluated periods in ALARM, 0 to 1.
    pub alarm_share: f64,
    pub in_alarm_at_end: bool,
}

/// The replay of one alarm: `data` of `alarms backtest`, one per alarm.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Backtest {
    pub alarm: String,
    /// What the alarm compares with its threshold: `MetricName Stat`, or the math expression
    /// it returns.
    pub watched: String,
    pub window_start: DateTime<Utc>,
    pub window_end: DateTime<Utc>,
    pub period_s: i32,
    /// N: how many of the most recent datapoints are evaluated.
    pub evaluation_periods: u32,
    /// M: how many of them must breach for ALARM.
    pub datapoints_to_alarm: u32,
    /// PutMetricAlarm's `ComparisonOperator`.
    pub comparison: Comparison,
    /// `null` for an anomaly-detection alarm (it compares with a band).
    pub threshold: Option<f64>,
    /// The alarm's `TreatMissingData`.
    pub treat_missing_data: MissingData,
    /// What the replay applied (an `AWS/DynamoDB` single-metric alarm: `ignore`).
    pub missing_data_applied: MissingData,
    /// Why the alarm was not replayed; `None` when it was.
    pub not_replayed: Option<String>,
    /// Periods in the window, and those with a datapoint of the watched series.
    pub periods: usize,
    pub datapoints: usize,
    /// Periods whose datapoint breaches the threshold.
    pub breaching_periods: usize,
    pub worst: Option<Worst>,
    pub transitions: Vec<Transition>,
    pub episodes: Vec<Episode>,
    pub summary: Option<Summary>,
    pub suggestion: Option<Suggestion>,
    /// What the replay could not reproduce for this alarm.
    pub caveats: Vec<String>,
}

impl Backtest {
    fn empty(rule: &AlarmRule, history: &History) -> Backtest {
        Backtest {
            alarm: rule.name.clone(),
            watched: rule.watched_text(),
            window_start: history.start,
            window_end: history.end,
            period_s: rule.period,
            evaluation_periods: rule.evaluation_periods,
            datapoints_to_alarm: rule.datapoints_to_alarm,
            comparison: rule.comparison,
            threshold: rule.threshold,
            treat_missing_data: rule.treat_missing_data,
            missing_data_applied: rule.effective_missing_data().0,
            not_replayed: None,
            periods: 0,
            datapoints: 0,
            breaching_periods: 0,
            worst: None,
            transitions: Vec::new(),
            episodes: Vec::new(),
            summary: None,
            suggestion: None,
            caveats: Vec::new(),
        }
    }

    fn refused(mut self, why: impl Into<String>) -> Backtest {
        self.not_replayed = Some(why.into());
        self
    }
}

/// Places datapoints on the grid by the period they fall in; outside the window, dropped.
fn on_grid(grid: &Grid, points: &[(DateTime<Utc>, f64)]) -> Ts {
    let mut ts = vec![None; grid.len];
    for (t, v) in points {
        let offset = (*t - grid.start).num_seconds();
        if offset < 0 || !v.is_finite() {
            continue;
        }
        let i = (offset / grid.period_s) as usize;
        if i < grid.len {
            ts[i] = Some(*v);
        }
    }
    ts
}

/// The watched series over the grid, or why it cannot be computed.
fn watched_series(rule: &AlarmRule, history: &History, grid: &Grid) -> Result<Ts, String> {
    let mut metrics = Vec::new();
    for q in rule.metric_queries() {
        let Some(s) = history.series.iter().find(|s| s.id == q.id) else {
            return Err(format!(
                "no datapoints were fetched for `{}` ({})",
                q.id, q.metric
            ));
        };
        metrics.push((q.id.clone(), on_grid(grid, &s.points)));
    }
    match &rule.watched {
        Watched::Metric(_) => Ok(metrics.remove(0).1),
        Watched::Math {
            metrics: m,
            expressions,
        } => {
            let returned: Vec<&str> = m
                .iter()
                .filter(|q| q.return_data)
                .map(|q| q.id.as_str())
                .chain(
                    expressions
                        .iter()
                        .filter(|e| e.return_data)
                        .map(|e| e.id.as_str()),
                )
                .collect();
            let [id] = returned.as_slice() else {
                return Err(format!(
                    "the alarm returns {} (ReturnData); it must watch exactly one",
                    crate::vocab::words::count(returned.len(), "query", "queries")
                ));
            };
            let texts: Vec<(String, String)> = expressions
                .iter()
                .map(|e| (e.id.clone(), e.expression.clone()))
                .collect();
            math::evaluate(grid, &metrics, &texts, id).map_err(|e| e.to_string())
        }
    }
}

/// Replays `rule` over `history`.
pub fn backtest(rule: &AlarmRule, history: &History, options: &Options) -> Backtest {
    let out = Backtest::empty(rule, history);
    let Some(threshold) = rule
        .threshold
        .filter(|_| !rule.comparison.is_anomaly_band())
    else {
        return out.refused(format!(
            "not replayed: {} compares with an anomaly detection band, a model only CloudWatch has",
            rule.comparison.as_str()
        ));
    };
    if rule.period <= 0 || rule.evaluation_periods == 0 || rule.datapoints_to_alarm == 0 {
        return out.refused("not replayed: the alarm has no period or evaluation periods");
    }
    let span = (history.end - history.start).num_seconds();
    let period = i64::from(rule.period);
    if span < period {
        return out.refused("not replayed: the window is shorter than one period");
    }
    let grid = Grid {
        start: history.start,
        period_s: period,
        len: ((span + period - 1) / period) as usize,
    };
    match watched_series(rule, history, &grid) {
        Ok(values) => replay(out, rule, history, &grid, values, threshold, options),
        Err(why) => out.refused(why),
    }
}

fn replay(
    mut out: Backtest,
    rule: &AlarmRule,
    history: &History,
    grid: &Grid,
    values: Ts,
    threshold: f64,
    options: &Options,
) -> Backtest {
    let (missing, why) = rule.effective_missing_data();
    out.caveats.extend(why.map(str::to_owned));
    let e = Evaluation {
        evaluation_periods: rule.evaluation_periods as usize,
        datapoints_to_alarm: rule.datapoints_to_alarm.min(rule.evaluation_periods) as usize,
        threshold,
        comparison: rule.comparison,
        missing,
    };
    let held = held_periods(rule, history, grid, &values, &mut out.caveats);
    let upward = rule.comparison.breaches_upward().unwrap_or(true);
    if matches!(&rule.watched, Watched::Math { .. })
        && rule
            .metric_queries()
            .iter()
            .any(|q| q.namespace == rule::DYNAMODB_NAMESPACE)
        && values.iter().any(Option::is_none)
    {
        out.caveats.push(format!(
            "the expression has periods without a datapoint and reads AWS/DynamoDB metrics: replayed with TreatMissingData {}; CloudWatch may ignore missing data for it (FILL the metrics to be sure)",
            rule.treat_missing_data.as_str()
        ));
    }
    let states = e.states(&values, &held);
    let (transitions, episodes) =
        timeline::timeline(grid, &states, &values, e.evaluation_periods, upward);
    let days = (history.end - history.start).num_seconds() as f64 / 86_400.0;
    out.periods = grid.len;
    out.datapoints = values.iter().flatten().count();
    out.breaching_periods = values
        .iter()
        .flatten()
        .filter(|v| rule.comparison.breaches(**v, threshold) == Some(true))
        .count();
    out.worst = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i, v)))
        .reduce(|a, b| {
            if (b.1 > a.1) == upward && b.1 != a.1 {
                b
            } else {
                a
            }
        })
        .map(|(i, v)| Worst {
            value: v,
            at: grid.time(i),
        });
    out.summary = Some(summarise(&states, &episodes, days));
    out.suggestion = options
        .pages_per_month
        .map(|target| suggest::suggest(&values, &held, &e, days, target));
    out.transitions = transitions;
    out.episodes = episodes;
    out
}

/// The periods a percentile alarm that ignores low samples does not evaluate.
fn held_periods(
    rule: &AlarmRule,
    history: &History,
    grid: &Grid,
    values: &Ts,
    caveats: &mut Vec<String>,
) -> Vec<bool> {
    let Some(minimum) = rule.low_sample_minimum() else {
        return Vec::new();
    };
    let Some(counts) = &history.sample_counts else {
        caveats.push(format!(
            "EvaluateLowSampleCountPercentile is ignore but no SampleCount was given: periods with fewer than {} were evaluated here, while CloudWatch keeps the state for them",
            crate::vocab::words::whole(minimum, "request", "requests")
        ));
        return Vec::new();
    };
    let counts = on_grid(grid, counts);
    values
        .iter()
        .zip(&counts)
        .map(|(v, c)| v.is_some() && c.unwrap_or(0.0) < minimum)
        .collect()
}

fn summarise(states: &[Option<AlarmState>], episodes: &[Episode], days: f64) -> Summary {
    let paged: Vec<&Episode> = episodes.iter().filter(|e| !e.at_window_start).collect();
    let mut page_days: Vec<chrono::NaiveDate> =
        paged.iter().map(|e| e.start.date_naive()).collect();
    page_days.dedup();
    let evaluated = states.iter().flatten().count();
    let in_alarm = states
        .iter()
        .flatten()
        .filter(|s| **s == AlarmState::Alarm)
        .count();
    Summary {
        episodes: episodes.len(),
        pages: paged.len(),
        pages_per_month: paged.len() as f64 / days.max(f64::MIN_POSITIVE) * DAYS_PER_MONTH,
        first: episodes.first().map(|e| e.start),
        last: episodes.last().map(|e| e.start),
        longest: episodes.iter().max_by_key(|e| e.duration_s).cloned(),
        days,
        days_with_pages: page_days.len(),
        alarm_share: if evaluated == 0 {
            0.0
        } else {
            in_alarm as f64 / evaluated as f64
        },
        in_alarm_at_end: states.last().copied().flatten() == Some(AlarmState::Alarm),
    }
}

#[cfg(test)]
mod tests;
