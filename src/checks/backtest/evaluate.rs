//! CloudWatch's alarm evaluation, one period at a time, as documented in "Evaluating an alarm"
//! and "How alarm state is evaluated when data is missing"
//! (<https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html>,
//! <https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html>).
//!
//! At each period the alarm looks at an evaluation range of the most recent datapoints, wider
//! than its N evaluation periods:
//! - N or more datapoints present: the most recent N present ones are evaluated, whatever the
//!   missing-data setting; M or more breaching is ALARM, fewer is OK.
//! - fewer than N present: every present one counts, and the rest up to N are filled per
//!   TreatMissingData: `breaching` fills breaching, `notBreaching` fills not breaching;
//!   `missing` and `ignore` fill nothing: M breaching present is ALARM, otherwise any present
//!   non-breaching datapoint makes it OK, otherwise (nothing present, or only breaching ones,
//!   too few) `missing` goes to INSUFFICIENT_DATA and `ignore` keeps the state. The documented
//!   exception is followed too: with `missing`, an evaluation range whose oldest datapoint
//!   breaches and that holds no non-breaching one goes to ALARM.
//!
//! These rules reproduce every row of the documentation's two example tables (3 of 3 and 2 of 3
//! over 5 datapoints; see the tests).

use serde::Serialize;

use super::rule::{Comparison, MissingData};

/// How many datapoints beyond N the evaluation range holds. CloudWatch says only that it
/// fetches more than N, depending on the period and the metric's resolution; its examples use
/// N + 2 (5 for 3), which the replay uses for every alarm.
pub const RANGE_EXTRA: usize = 2;

/// An alarm's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub enum AlarmState {
    #[serde(rename = "OK")]
    Ok,
    #[serde(rename = "ALARM")]
    Alarm,
    #[serde(rename = "INSUFFICIENT_DATA")]
    InsufficientData,
}

impl AlarmState {
    pub fn as_str(self) -> &'static str {
        match self {
            AlarmState::Ok => "OK",
            AlarmState::Alarm => "ALARM",
            AlarmState::InsufficientData => "INSUFFICIENT_DATA",
        }
    }
}

/// The parts of an alarm's rule its evaluation needs, with the threshold to try.
#[derive(Debug, Clone, Copy)]
pub struct Evaluation {
    pub evaluation_periods: usize,
    pub datapoints_to_alarm: usize,
    pub threshold: f64,
    pub comparison: Comparison,
    pub missing: MissingData,
}

impl Evaluation {
    /// The number of datapoints the evaluation range holds.
    pub fn range(&self) -> usize {
        self.evaluation_periods + RANGE_EXTRA
    }

    fn breaches(&self, v: f64) -> bool {
        self.comparison.breaches(v, self.threshold).unwrap_or(false)
    }

    /// The decision for one evaluation range (oldest first; `None` missing): a new state, or
    /// `None` to keep the current one.
    pub fn decide(&self, range: &[Option<f64>]) -> Option<AlarmState> {
        let n = self.evaluation_periods;
        let m = self.datapoints_to_alarm;
        // Newest first: how many datapoints are present, and how many of the newest N present
        // ones breach (no allocation: this runs once per period and candidate threshold).
        let (mut present, mut breaching) = (0, 0);
        for v in range.iter().rev().flatten() {
            present += 1;
            if present <= n && self.breaches(*v) {
                breaching += 1;
            }
        }
        let by_count = |breaching: usize| {
            Some(if breaching >= m {
                AlarmState::Alarm
            } else {
                AlarmState::Ok
            })
        };
        if present >= n {
            return by_count(breaching);
        }
        let fills = n - present;
        let any_good = present > breaching;
        match self.missing {
            MissingData::Breaching => by_count(breaching + fills),
            MissingData::NotBreaching => by_count(breaching),
            MissingData::Missing | MissingData::Ignore => {
                if breaching >= m {
                    Some(AlarmState::Alarm)
                } else if any_good {
                    Some(AlarmState::Ok)
                } else if self.missing == MissingData::Ignore {
                    None
                } else if range
                    .first()
                    .copied()
                    .flatten()
                    .is_some_and(|v| self.breaches(v))
                {
                    Some(AlarmState::Alarm)
                } else {
                    Some(AlarmState::InsufficientData)
                }
            }
        }
    }

    /// The state after each period (`None` before the first evaluation, which waits for a full
    /// evaluation range inside the window; the state before it is INSUFFICIENT_DATA). A period
    /// in `held` keeps the state whatever it holds: a percentile over too few samples when the
    /// alarm ignores low samples (its datapoint is also left out of later ranges).
    pub fn states(&self, values: &[Option<f64>], held: &[bool]) -> Vec<Option<AlarmState>> {
        let r = self.range();
        let mut out = vec![None; values.len()];
        let mut state = AlarmState::InsufficientData;
        let visible: Vec<Option<f64>> = values
            .iter()
            .zip(held.iter().chain(std::iter::repeat(&false)))
            .map(|(v, h)| if *h { None } else { *v })
            .collect();
        for k in (r.saturating_sub(1))..values.len() {
            let is_held = held.get(k).copied().unwrap_or(false);
            if let Some(next) = self.decide(&visible[k + 1 - r..=k]).filter(|_| !is_held) {
                state = next;
            }
            out[k] = Some(state);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(m: usize, missing: MissingData) -> Evaluation {
        Evaluation {
            evaluation_periods: 3,
            datapoints_to_alarm: m,
            threshold: 1.0,
            comparison: Comparison::GreaterThanThreshold,
            missing,
        }
    }

    /// `0` not breaching, `X` breaching, `-` missing.
    fn range(text: &str) -> Vec<Option<f64>> {
        text.split_whitespace()
            .map(|c| match c {
                "0" => Some(0.0),
                "X" => Some(5.0),
                _ => None,
            })
            .collect()
    }

    /// The documentation's tables: datapoints, then the state for MISSING, IGNORE, BREACHING,
    /// NOT BREACHING (`keep` is "retain current state").
    /// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html
    #[test]
    fn the_documented_missing_data_tables_are_reproduced_row_by_row() {
        use AlarmState::*;
        let three_of_three = [
            ("0 - X - X", [Some(Ok), Some(Ok), Some(Ok), Some(Ok)]),
            ("0 - - - -", [Some(Ok), Some(Ok), Some(Ok), Some(Ok)]),
            (
                "- - - - -",
                [Some(InsufficientData), None, Some(Alarm), Some(Ok)],
            ),
            (
                "0 X X - X",
                [Some(Alarm), Some(Alarm), Some(Alarm), Some(Alarm)],
            ),
            (
                "- - - - X",
                [Some(InsufficientData), None, Some(Alarm), Some(Ok)],
            ),
            ("X - - - -", [Some(Alarm), None, Some(Alarm), Some(Ok)]),
        ];
        let two_of_three = [
            (
                "0 - X - X",
                [Some(Alarm), Some(Alarm), Some(Alarm), Some(Alarm)],
            ),
            (
                "0 0 X 0 X",
                [Some(Alarm), Some(Alarm), Some(Alarm), Some(Alarm)],
            ),
            ("0 - X - -", [Some(Ok), Some(Ok), Some(Alarm), Some(Ok)]),
            ("- - - - 0", [Some(Ok), Some(Ok), Some(Alarm), Some(Ok)]),
            (
                "- - - - X",
                [Some(InsufficientData), None, Some(Alarm), Some(Ok)],
            ),
        ];
        let modes = [
            MissingData::Missing,
            MissingData::Ignore,
            MissingData::Breaching,
            MissingData::NotBreaching,
        ];
        for (m, table) in [(3, &three_of_three[..]), (2, &two_of_three[..])] {
            for (points, want) in table {
                for (mode, want) in modes.iter().zip(want) {
                    assert_eq!(
                        eval(m, *mode).decide(&range(points)),
                        *want,
                        "{m} of 3, {points}, {mode:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn m_of_n_need_not_be_consecutive_and_fires_at_the_mth_breach() {
        use AlarmState::*;
        // 2 of 3: breaches at 3 and 5 (within three periods) fire at 5; at 6 only one of the last
        // three breaches.
        let e = eval(2, MissingData::NotBreaching);
        let values = range("0 0 0 X 0 X 0 0 0 0");
        let states = e.states(&values, &[]);
        assert_eq!(
            states,
            vec![
                None,
                None,
                None,
                None,
                Some(Ok),
                Some(Alarm),
                Some(Ok),
                Some(Ok),
                Some(Ok),
                Some(Ok)
            ]
        );
        // 3 of 3 is consecutive: the same series never fires.
        let e = eval(3, MissingData::NotBreaching);
        assert!(!e.states(&values, &[]).contains(&Some(Alarm)));
    }

    #[test]
    fn ignore_keeps_the_state_through_a_gap_and_held_periods_change_nothing() {
        use AlarmState::*;
        let e = eval(3, MissingData::Ignore);
        let values = range("X X X X X - - - - - - 0");
        let states = e.states(&values, &[]);
        // The last breaching datapoints stay the most recent present ones: ALARM all the way
        // through the gap, OK once a non-breaching one arrives.
        assert_eq!(states[4], Some(Alarm));
        assert_eq!(states[10], Some(Alarm));
        assert_eq!(states[11], Some(Ok));
        // The same with the breaching periods held (too few samples): they never count.
        let held = vec![true, true, true, true, true];
        let states = e.states(&values, &held);
        assert_eq!(states[4], Some(InsufficientData));
        assert_eq!(states[10], Some(InsufficientData));
        assert_eq!(states[11], Some(Ok));
    }

    #[test]
    fn a_threshold_equal_to_the_value_breaches_only_with_or_equal() {
        let mut e = eval(1, MissingData::NotBreaching);
        e.evaluation_periods = 1;
        e.threshold = 5.0;
        assert_eq!(e.decide(&[Some(5.0)]), Some(AlarmState::Ok));
        e.comparison = Comparison::GreaterThanOrEqualToThreshold;
        assert_eq!(e.decide(&[Some(5.0)]), Some(AlarmState::Alarm));
        e.comparison = Comparison::LessThanThreshold;
        assert_eq!(e.decide(&[Some(5.0)]), Some(AlarmState::Ok));
        e.comparison = Comparison::LessThanOrEqualToThreshold;
        assert_eq!(e.decide(&[Some(5.0)]), Some(AlarmState::Alarm));
    }
}
