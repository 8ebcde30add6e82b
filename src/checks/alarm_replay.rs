//! `alarms backtest` and the backtest part of `health-check monthly`: each alarm of the
//! environment replayed over its own metrics' history by the engine in [`super::backtest`]:
//! the rule from DescribeAlarms, the window from what CloudWatch keeps at the alarm's period
//! ([`super::backtest::window`]), every GetMetricData page, then the replay and its finding.

use aws_sdk_cloudwatch::types::MetricAlarm;
use chrono::{DateTime, Utc};
use futures::StreamExt;
use serde::Serialize;

use super::backtest::sdk::{NotReplayable, metric_data_queries, rule_from_alarm};
use super::backtest::window::{gaps, replay_window, sorted_history};
use super::backtest::{self, Backtest, Options};
use crate::report::{CheckId, Finding, Section};

/// At most this many alarms are fetched at once (GetMetricData allows 50 calls a second).
const CONCURRENT: usize = 4;

/// One alarm, replayed or not.
#[derive(Debug, Clone)]
pub(crate) struct Replay {
    /// The alarm's name without `{prefix}-{env}-`: its check is `alarm_backtest.{name}`.
    pub name: String,
    pub alarm: String,
    /// The runbook's threshold for this alarm (the spec `alarms apply` writes).
    pub runbook_threshold: Option<f64>,
    pub outcome: Result<Backtest, NotReplayable>,
}

/// One alarm in `data.alarms[]` of `alarms backtest`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[schemars(rename = "AlarmReplay")]
pub(crate) struct ReplayData<'a> {
    pub alarm: &'a str,
    /// The finding that reports the replay (`alarm_backtest.NAME`).
    #[schemars(with = "String")]
    pub check: CheckId,
    /// The threshold the runbook sets for this alarm; `null` for one it does not.
    pub runbook_threshold: Option<f64>,
    /// Why the alarm was not replayed; `null` when it was.
    pub not_replayed: Option<&'a str>,
    /// The replay; `null` when the alarm was not replayed.
    pub backtest: Option<&'a Backtest>,
}

impl Replay {
    pub(crate) fn data(&self) -> ReplayData<'_> {
        ReplayData {
            alarm: &self.alarm,
            check: CheckId::AlarmBacktest(self.name.clone()),
            runbook_threshold: self.runbook_threshold,
            not_replayed: match &self.outcome {
                Ok(b) => b.not_replayed.as_deref(),
                Err(e) => Some(&e.reason),
            },
            backtest: self.outcome.as_ref().ok(),
        }
    }

    pub(crate) fn finding(&self) -> Finding {
        match &self.outcome {
            Ok(b) => backtest::finding(b, &self.name),
            Err(e) => e.finding(&self.name),
        }
    }
}

/// What is replayed: the days asked, the target page rate.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Asked {
    pub days: u32,
    pub options: Options,
    pub now: DateTime<Utc>,
}

async fn replay_one(
    cw: &aws_sdk_cloudwatch::Client,
    alarm: &MetricAlarm,
    asked: Asked,
) -> Result<Backtest, NotReplayable> {
    let name = alarm.alarm_name().unwrap_or_default();
    let rule = rule_from_alarm(alarm)?;
    let window = replay_window(rule.period, asked.days, asked.now);
    let results = crate::aws::metric_data::all_pages(
        cw,
        metric_data_queries(&rule),
        window.start,
        window.end,
        &format!("the metrics of alarm {name}"),
    )
    .await
    .map_err(|e| NotReplayable {
        alarm: name.to_owned(),
        reason: format!("its metrics could not be read ({e})"),
    })?;
    let history = sorted_history(window.start, window.end, &results);
    let mut b = backtest::backtest(&rule, &history, &asked.options);
    b.caveats.extend(window.shortened);
    b.caveats.extend(gaps(&results));
    Ok(b)
}

/// Replays each alarm; `prefix` is `{prefix}-{env}-`, `runbook` the runbook's threshold of an
/// alarm by its full name.
pub(crate) async fn gather(
    cw: &aws_sdk_cloudwatch::Client,
    alarms: &[MetricAlarm],
    prefix: &str,
    runbook: impl Fn(&str) -> Option<f64>,
    asked: Asked,
) -> Vec<Replay> {
    let outcomes: Vec<Result<Backtest, NotReplayable>> = futures::stream::iter(alarms)
        .map(|a| replay_one(cw, a, asked))
        .buffered(CONCURRENT)
        .collect()
        .await;
    alarms
        .iter()
        .zip(outcomes)
        .map(|(a, outcome)| {
            let alarm = a.alarm_name().unwrap_or_default().to_owned();
            Replay {
                name: alarm.strip_prefix(prefix).unwrap_or(&alarm).to_owned(),
                runbook_threshold: runbook(&alarm),
                alarm,
                outcome,
            }
        })
        .collect()
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v:.3}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_owned()
    }
}

fn when(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| "-".into())
}

/// The threshold cell: the alarm's, and the runbook's when it differs.
fn threshold_cell(b: &Backtest, runbook: Option<f64>) -> String {
    let op = b.comparison.symbol();
    let own = b
        .threshold
        .map(|t| format!("{op} {}", number(t)))
        .unwrap_or_else(|| "band".into());
    match (b.threshold, runbook) {
        (Some(t), Some(r)) if t != r => format!("{own} (runbook {op} {})", number(r)),
        _ => own,
    }
}

fn suggestion_cell(b: &Backtest) -> String {
    match &b.suggestion {
        None => "-".into(),
        Some(s) => match (s.threshold, s.pages_per_month) {
            (Some(t), Some(rate)) => {
                format!("{} {} ({rate:.1}/month)", b.comparison.symbol(), number(t))
            }
            _ => "none meets it".into(),
        },
    }
}

/// One row per alarm: how often it would have fired, and the threshold next to the runbook's.
pub(crate) fn section(replays: &[Replay], title: &str) -> Section {
    let rows = replays
        .iter()
        .map(|r| match &r.outcome {
            Ok(b) if b.not_replayed.is_none() && b.datapoints > 0 => {
                let s = b.summary.as_ref();
                vec![
                    r.alarm.clone(),
                    s.map(|s| s.episodes.to_string()).unwrap_or_default(),
                    s.map(|s| format!("{:.1}", s.pages_per_month))
                        .unwrap_or_default(),
                    when(s.and_then(|s| s.first)),
                    when(s.and_then(|s| s.last)),
                    s.and_then(|s| s.longest.as_ref())
                        .map(|e| backtest::findings::duration_text(e.duration_s))
                        .unwrap_or_else(|| "-".into()),
                    threshold_cell(b, r.runbook_threshold),
                    suggestion_cell(b),
                ]
            }
            other => {
                let what = match other {
                    Ok(b) if b.not_replayed.is_none() => "no data",
                    _ => "not replayed",
                };
                let mut row = vec![r.alarm.clone(), what.into()];
                row.extend(std::iter::repeat_n(String::new(), 6));
                row
            }
        })
        .collect();
    Section::table(
        title,
        &[
            "ALARM",
            "FIRED",
            "PAGES/MONTH",
            "FIRST",
            "LAST",
            "LONGEST",
            "THRESHOLD",
            "SUGGESTED",
        ],
        rows,
    )
}
