//! The threshold that would have met a target page rate over the replayed window.
//!
//! Which datapoints breach is monotone in the threshold (more of them as a `>` threshold goes
//! down); the number of pages is not quite (a lower threshold can merge two episodes into one),
//! so the search does not bisect. The candidates are the watched series' own values (at most
//! [`MAX_CANDIDATES`], evenly spread over them when there are more), each as the threshold that
//! just stops that value from breaching. They are tried from the least sensitive to the most,
//! and the suggestion is the most sensitive one before the first that pages more than the target:
//! every less sensitive candidate meets the target too.

use serde::Serialize;

use super::evaluate::Evaluation;
use super::timeline::pages;

/// At most this many thresholds are replayed.
pub const MAX_CANDIDATES: usize = 2048;

/// Days in an average month, for pages per month.
pub const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// The threshold for a target page rate, next to the alarm's own.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "BacktestSuggestion")]
pub struct Suggestion {
    pub target_pages_per_month: f64,
    pub current_threshold: f64,
    pub current_pages_per_month: f64,
    /// `None` when no threshold meets the target (missing data alone pages).
    pub threshold: Option<f64>,
    pub pages_per_month: Option<f64>,
    /// How many thresholds were replayed.
    pub candidates: usize,
}

/// Thresholds from the least sensitive to the most: for `>` the distinct values from the top,
/// for `>=` the same shifted to the next value up (so each excludes the value below it), and
/// mirrored for `<` and `<=`.
fn candidates(values: &[Option<f64>], e: &Evaluation) -> Vec<f64> {
    let mut distinct: Vec<f64> = values.iter().flatten().copied().collect();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    if distinct.len() > MAX_CANDIDATES {
        let last = distinct.len() - 1;
        distinct = (0..MAX_CANDIDATES)
            .map(|i| distinct[i * last / (MAX_CANDIDATES - 1)])
            .collect();
        distinct.dedup();
    }
    let Some(upward) = e.comparison.breaches_upward() else {
        return Vec::new();
    };
    let strict = e.comparison.breaches(1.0, 1.0) == Some(false);
    let beyond = |v: f64, up: bool| {
        let step = (v.abs() * 0.01).max(1e-9);
        if up { v + step } else { v - step }
    };
    let n = distinct.len();
    let mut out: Vec<f64> = (0..n)
        .map(|i| match (upward, strict) {
            (true, true) | (false, true) => distinct[i],
            (true, false) => distinct
                .get(i + 1)
                .copied()
                .unwrap_or_else(|| beyond(distinct[i], true)),
            (false, false) => {
                if i == 0 {
                    beyond(distinct[0], false)
                } else {
                    distinct[i - 1]
                }
            }
        })
        .collect();
    if upward {
        out.reverse();
    }
    out
}

/// Replays the alarm at candidate thresholds and returns the most sensitive one from which on
/// the page rate stays at or under `target` (pages per month over `days`).
pub fn suggest(
    values: &[Option<f64>],
    held: &[bool],
    e: &Evaluation,
    days: f64,
    target: f64,
) -> Suggestion {
    let per_month = |p: usize| p as f64 / days.max(f64::MIN_POSITIVE) * DAYS_PER_MONTH;
    let rate_at = |threshold: f64| {
        let mut at = *e;
        at.threshold = threshold;
        per_month(pages(&at.states(values, held)))
    };
    let list = candidates(values, e);
    let mut best = None;
    for c in &list {
        let rate = rate_at(*c);
        if rate > target {
            break;
        }
        best = Some((*c, rate));
    }
    Suggestion {
        target_pages_per_month: target,
        current_threshold: e.threshold,
        current_pages_per_month: rate_at(e.threshold),
        threshold: best.map(|b| b.0),
        pages_per_month: best.map(|b| b.1),
        candidates: list.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::backtest::rule::{Comparison, MissingData};

    fn eval(comparison: Comparison, threshold: f64) -> Evaluation {
        Evaluation {
            evaluation_periods: 1,
            datapoints_to_alarm: 1,
            threshold,
            comparison,
            missing: MissingData::NotBreaching,
        }
    }

    /// Spikes of 5, 8, 8, 12 and 20 between zeros: one page per spike above the threshold.
    fn spikes() -> Vec<Option<f64>> {
        let mut v = vec![Some(0.0); 4];
        for s in [5.0, 8.0, 8.0, 12.0, 20.0] {
            v.extend([Some(s), Some(0.0), Some(0.0)]);
        }
        v
    }

    #[test]
    fn the_suggestion_is_the_most_sensitive_threshold_within_the_target() {
        // Over 30.4375 days (one average month) a target of 2 pages: > 8 lets 12 and 20 page.
        let days = DAYS_PER_MONTH;
        let s = suggest(
            &spikes(),
            &[],
            &eval(Comparison::GreaterThanThreshold, 10.0),
            days,
            2.0,
        );
        assert_eq!(s.threshold, Some(8.0));
        assert!((s.pages_per_month.unwrap() - 2.0).abs() < 1e-9);
        assert!((s.current_pages_per_month - 2.0).abs() < 1e-9);
        // `>=` stops 8 from breaching only from the next value up.
        let s = suggest(
            &spikes(),
            &[],
            &eval(Comparison::GreaterThanOrEqualToThreshold, 10.0),
            days,
            2.0,
        );
        assert_eq!(s.threshold, Some(12.0));
        // A target of 0: above the highest value.
        let s = suggest(
            &spikes(),
            &[],
            &eval(Comparison::GreaterThanThreshold, 10.0),
            days,
            0.0,
        );
        assert_eq!(s.threshold, Some(20.0));
        let s = suggest(
            &spikes(),
            &[],
            &eval(Comparison::GreaterThanOrEqualToThreshold, 10.0),
            days,
            0.0,
        );
        assert!(s.threshold.unwrap() > 20.0);
        // Generous: every spike may page; the most sensitive candidate, 0, lets all five through.
        let s = suggest(
            &spikes(),
            &[],
            &eval(Comparison::GreaterThanThreshold, 10.0),
            days,
            10.0,
        );
        assert_eq!(s.threshold, Some(0.0));
        assert!((s.pages_per_month.unwrap() - 5.0).abs() < 1e-9);
    }

    #[test]
    fn a_lower_bound_alarm_is_searched_from_the_bottom() {
        // Dips to 1, 3 and 6 from a level of 10.
        let mut v = vec![Some(10.0); 3];
        for d in [1.0, 3.0, 6.0] {
            v.extend([Some(d), Some(10.0), Some(10.0)]);
        }
        let s = suggest(
            &v,
            &[],
            &eval(Comparison::LessThanThreshold, 5.0),
            DAYS_PER_MONTH,
            1.0,
        );
        // < 3 pages once (the dip to 1); < 6 would page twice.
        assert_eq!(s.threshold, Some(3.0));
        let s = suggest(
            &v,
            &[],
            &eval(Comparison::LessThanOrEqualToThreshold, 5.0),
            DAYS_PER_MONTH,
            1.0,
        );
        assert_eq!(s.threshold, Some(1.0));
    }

    #[test]
    fn missing_data_that_pages_by_itself_meets_no_target() {
        let mut e = eval(Comparison::GreaterThanThreshold, 10.0);
        e.missing = MissingData::Breaching;
        // A datapoint, then five periods without one, twice: each gap pages once.
        let mut v = Vec::new();
        for _ in 0..2 {
            v.push(Some(0.0));
            v.extend([None; 5]);
        }
        let s = suggest(&v, &[], &e, DAYS_PER_MONTH, 1.0);
        assert_eq!(s.threshold, None);
        assert!(s.current_pages_per_month >= 2.0);
    }

    #[test]
    fn candidates_are_capped_and_keep_both_ends() {
        let v: Vec<Option<f64>> = (0..10_000).map(|i| Some(f64::from(i))).collect();
        let c = candidates(&v, &eval(Comparison::GreaterThanThreshold, 1.0));
        assert!(c.len() <= MAX_CANDIDATES);
        assert_eq!(c.first(), Some(&9999.0));
        assert_eq!(c.last(), Some(&0.0));
        assert!(candidates(&v, &eval(Comparison::GreaterThanUpperThreshold, 1.0)).is_empty());
    }
}
