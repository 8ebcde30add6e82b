//! From the state after each period to transitions and firing episodes.
//!
//! A state takes effect when its period closes (the evaluation at the end of period `k`, the
//! start of period `k + 1`); CloudWatch's ingestion delay of a few minutes is not modelled. An
//! episode is a stretch in ALARM: it starts with a transition to ALARM (which runs the alarm's
//! actions: a page) and ends when the state leaves ALARM. One that is ALARM at the first
//! evaluation may have begun before the window: it is kept, marked, and not counted as a page.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::evaluate::AlarmState;
use super::math::Grid;

/// One change of state.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "BacktestTransition")]
pub struct Transition {
    pub at: DateTime<Utc>,
    pub from: AlarmState,
    pub to: AlarmState,
}

/// One stretch in ALARM.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "BacktestEpisode")]
pub struct Episode {
    pub start: DateTime<Utc>,
    /// `None` while still in ALARM at the end of the window.
    pub end: Option<DateTime<Utc>>,
    /// Until `end`, or the end of the window.
    pub duration_s: i64,
    /// The worst datapoint among those that made it fire and kept it in ALARM.
    pub peak: Option<f64>,
    /// ALARM already at the first evaluation: it may have begun before the window (no page
    /// counted).
    pub at_window_start: bool,
}

/// The first period the replay evaluates, given the states.
fn first_evaluated(states: &[Option<AlarmState>]) -> Option<usize> {
    states.iter().position(Option::is_some)
}

/// How many times the alarm went to ALARM after its first evaluation: the pages it sent.
pub fn pages(states: &[Option<AlarmState>]) -> usize {
    let Some(first) = first_evaluated(states) else {
        return 0;
    };
    states[first..]
        .windows(2)
        .filter(|w| w[0] != Some(AlarmState::Alarm) && w[1] == Some(AlarmState::Alarm))
        .count()
}

/// The transitions and episodes of a replay. `upward`: a higher value is worse (for the peak).
pub fn timeline(
    grid: &Grid,
    states: &[Option<AlarmState>],
    values: &[Option<f64>],
    lookback: usize,
    upward: bool,
) -> (Vec<Transition>, Vec<Episode>) {
    let mut transitions = Vec::new();
    let mut episodes: Vec<Episode> = Vec::new();
    let Some(first) = first_evaluated(states) else {
        return (transitions, episodes);
    };
    let window_end = grid.time(grid.len);
    let worse = |a: f64, b: f64| if upward { a.max(b) } else { a.min(b) };
    let mut current = AlarmState::InsufficientData;
    let mut open: Option<(usize, Episode)> = None;
    for (k, state) in states.iter().enumerate().skip(first) {
        let Some(state) = *state else { continue };
        if state == current {
            continue;
        }
        let at = grid.time(k + 1);
        transitions.push(Transition {
            at,
            from: current,
            to: state,
        });
        if state == AlarmState::Alarm {
            let episode = Episode {
                start: at,
                end: None,
                duration_s: 0,
                peak: None,
                at_window_start: k == first,
            };
            open = Some((k, episode));
        } else if let Some((began, mut e)) = open.take() {
            e.end = Some(at);
            e.duration_s = (at - e.start).num_seconds();
            e.peak = peak(&values[(began + 1).saturating_sub(lookback)..k], worse);
            episodes.push(e);
        }
        current = state;
    }
    if let Some((began, mut e)) = open {
        e.duration_s = (window_end - e.start).num_seconds();
        e.peak = peak(&values[(began + 1).saturating_sub(lookback)..], worse);
        episodes.push(e);
    }
    (transitions, episodes)
}

fn peak(values: &[Option<f64>], worse: impl Fn(f64, f64) -> f64) -> Option<f64> {
    values.iter().flatten().copied().reduce(worse)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use AlarmState::*;

    fn grid(len: usize) -> Grid {
        Grid {
            start: Utc.with_ymd_and_hms(2000, 1, 3, 0, 0, 0).unwrap(),
            period_s: 300,
            len,
        }
    }

    #[test]
    fn episodes_start_when_a_period_closes_and_count_pages_after_the_first_evaluation() {
        let states = [
            None,
            Some(Alarm),
            Some(Alarm),
            Some(Ok),
            Some(InsufficientData),
            Some(Alarm),
            Some(Ok),
            Some(Alarm),
        ];
        let values = [
            Some(1.0),
            Some(9.0),
            Some(7.0),
            Some(0.0),
            None,
            Some(12.0),
            Some(0.0),
            Some(3.0),
        ];
        let g = grid(states.len());
        let (transitions, episodes) = timeline(&g, &states, &values, 1, true);
        assert_eq!(transitions.len(), 6);
        assert_eq!(transitions[0].from, InsufficientData);
        assert_eq!(transitions[0].at, g.time(2));
        assert_eq!(episodes.len(), 3);
        // The first was ALARM at the first evaluation: not a page.
        assert!(episodes[0].at_window_start);
        assert_eq!(episodes[0].end, Some(g.time(4)));
        assert_eq!(episodes[0].duration_s, 600);
        assert_eq!(episodes[0].peak, Some(9.0));
        assert_eq!(episodes[1].start, g.time(6));
        assert_eq!(episodes[1].peak, Some(12.0));
        // The last fired as the window closed and is still open.
        assert_eq!(episodes[2].end, None);
        assert_eq!(episodes[2].start, g.time(8));
        assert_eq!(episodes[2].duration_s, 0);
        assert_eq!(pages(&states), 2);
    }

    #[test]
    fn no_evaluation_no_timeline() {
        let states = [None, None];
        let (t, e) = timeline(&grid(2), &states, &[None, None], 3, true);
        assert!(t.is_empty() && e.is_empty());
        assert_eq!(pages(&states), 0);
    }

    #[test]
    fn the_peak_of_a_lower_bound_alarm_is_its_lowest_value() {
        let states = [Some(Ok), Some(Alarm), Some(Alarm), Some(Ok)];
        let values = [Some(5.0), Some(0.5), Some(0.2), Some(4.0)];
        let (_, e) = timeline(&grid(4), &states, &values, 1, false);
        assert_eq!(e[0].peak, Some(0.2));
        assert_eq!(pages(&states), 1);
    }
}
