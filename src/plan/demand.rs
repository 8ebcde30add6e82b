//! Per-minute demand of one capacity (the reads or the writes of the table or of one GSI):
//! consumed units plus throttled requests, merged from CloudWatch series kept at different
//! resolutions.
//!
//! Rules implemented (sources):
//! - CloudWatch keeps 1-minute datapoints for 15 days, 5-minute for 63 days, 1-hour for 455 days
//!   (<https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html>,
//!   "Amazon CloudWatch retains metric data as follows"). [`resolution_plan`] splits a window
//!   into the parts to read at the finest resolution still kept for each, with the boundaries
//!   moved to the next whole hour so that a part never asks for data that expires while it is read.
//! - DynamoDB's `Consumed*CapacityUnits` are per-minute sums; `Read/WriteThrottleEvents` count
//!   throttled requests, not units (<https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html>).
//!   A throttled request is counted as `units_per_event` units (default 1: exact for writes of
//!   items up to 1 KB and strongly consistent reads up to 4 KB; an undercount for larger items).
//!   A request that the SDK retries after a throttle is counted once per throttled attempt and
//!   once when it is consumed, so demand is an upper bound while the table throttles.
//! - A minute with no datapoint inside a part that was read is zero (CloudWatch sends no
//!   datapoint for a minute without requests); a minute outside every part is a gap (`None`).
//! - A coarse period's sum is spread evenly over its minutes. Totals stay exact; the peak minute
//!   inside a 5-minute or 1-hour period is not visible, so a peak or a simulated throttle from
//!   those parts is a lower bound. Each minute keeps the period it came from.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use serde::Serialize;

pub const RETENTION_DOC: &str =
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html";
/// Days CloudWatch keeps each resolution: (period in seconds, days).
pub const RETENTION: [(u32, i64); 3] = [(60, 15), (300, 63), (3600, 455)];
/// How a coarse period's sum becomes minutes, as the output says it.
pub const SPREAD_RULE: &str = "a 5-minute or 1-hour sum is spread evenly over its minutes: totals are exact, peaks inside the period are not visible";

/// A part of the window read at one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub period_secs: u32,
}

/// Rounds `t` down to a multiple of `secs` since the epoch.
/// (By seconds, not chrono's `duration_trunc`, which works in nanoseconds and fails after 2262.)
fn floor_to(t: DateTime<Utc>, secs: u32) -> DateTime<Utc> {
    let s = t.timestamp();
    DateTime::from_timestamp(s - s.rem_euclid(i64::from(secs.max(1))), 0).unwrap_or(t)
}

/// Rounds `t` up to a multiple of `secs` since the epoch (a multiple stays).
fn ceil_to(t: DateTime<Utc>, secs: u32) -> DateTime<Utc> {
    let floor = floor_to(t, secs);
    if floor == t {
        t
    } else {
        floor + Duration::seconds(i64::from(secs))
    }
}

/// The parts of `[start, end)` to read, oldest first, each at the finest period CloudWatch
/// still keeps at `now`; what is older than the coarsest retention is left out (a gap). A part
/// starts at the next whole hour after its retention limit, and on a whole period.
pub fn resolution_plan(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Vec<Segment> {
    let mut parts = Vec::new();
    let mut upper = end.min(now);
    for (period, days) in RETENTION {
        // The finest first: it covers the newest part of the window.
        let kept_from = ceil_to(now - Duration::days(days), 3600);
        let seg_start = ceil_to(start, period).max(kept_from);
        let seg_end = floor_to(upper, period);
        if seg_start < seg_end {
            parts.push(Segment {
                start: seg_start,
                end: seg_end,
                period_secs: period,
            });
            upper = seg_start;
        }
    }
    parts.reverse();
    parts
}

/// What CloudWatch returned for one part: `(period start, sum over the period)` datapoints.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricPart {
    pub segment: Segment,
    pub points: Vec<(DateTime<Utc>, f64)>,
}

/// A per-minute series: units in each minute from `start`, `None` where nothing was read.
#[derive(Debug, Clone, PartialEq)]
pub struct MinuteSeries {
    pub start: DateTime<Utc>,
    pub values: Vec<Option<f64>>,
    /// The period (seconds) each minute's value came from; 0 for a gap.
    pub resolution: Vec<u32>,
}

/// Minutes from `start` (minute-aligned) to `t`.
fn minute_index(start: DateTime<Utc>, t: DateTime<Utc>) -> i64 {
    (t - start).num_minutes()
}

/// Merges parts read at different periods into minutes of `[start, end)`: for each minute the
/// finest part that covers it wins; a coarse datapoint is spread evenly over its minutes and only
/// the minutes its part owns take their share.
pub fn merge(start: DateTime<Utc>, end: DateTime<Utc>, parts: &[MetricPart]) -> MinuteSeries {
    let start = floor_to(start, 60);
    let n = usize::try_from(minute_index(start, end).max(0)).unwrap_or(0);
    let mut values = vec![None; n];
    let mut resolution = vec![0u32; n];
    let mut sorted: Vec<&MetricPart> = parts.iter().collect();
    sorted.sort_by_key(|p| p.segment.period_secs);
    let clamp = |i: i64| usize::try_from(i.clamp(0, n as i64)).unwrap_or(0);
    for part in sorted {
        let period = part.segment.period_secs.max(60).div_ceil(60) * 60;
        let (from, to) = (
            clamp(minute_index(start, part.segment.start)),
            clamp(minute_index(start, part.segment.end)),
        );
        for m in from..to {
            if resolution[m] == 0 {
                resolution[m] = period;
                values[m] = Some(0.0);
            }
        }
        let per_minute_share = f64::from(period / 60);
        for (t, v) in &part.points {
            if *t < part.segment.start || *t >= part.segment.end || !v.is_finite() {
                continue;
            }
            let first = minute_index(start, *t);
            for i in first..first + i64::from(period / 60) {
                let Ok(m) = usize::try_from(i) else { continue };
                if m < n && resolution[m] == period && m >= from && m < to {
                    values[m] = Some(values[m].unwrap_or(0.0) + v / per_minute_share);
                }
            }
        }
    }
    MinuteSeries {
        start,
        values,
        resolution,
    }
}

/// Per-minute demand of one capacity, and where each minute came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Demand {
    pub start: DateTime<Utc>,
    /// Consumed + throttled units in each minute; `None` where consumed capacity was not read.
    pub units: Vec<Option<f64>>,
    pub resolution: Vec<u32>,
    pub consumed_units: f64,
    pub throttled_units: f64,
    pub units_per_event: f64,
}

/// Demand = consumed units + throttled requests × `units_per_event`, minute by minute. A minute
/// where the throttles were not read but consumption was counts no throttles.
pub fn per_minute(
    consumed: &MinuteSeries,
    throttle_events: &MinuteSeries,
    units_per_event: f64,
) -> Demand {
    let mut consumed_units = 0.0;
    let mut throttled_units = 0.0;
    let units = consumed
        .values
        .iter()
        .enumerate()
        .map(|(m, c)| {
            let c = (*c)?;
            let offset = minute_index(throttle_events.start, consumed.start) + m as i64;
            let t = usize::try_from(offset)
                .ok()
                .and_then(|i| throttle_events.values.get(i).copied().flatten())
                .unwrap_or(0.0)
                * units_per_event;
            consumed_units += c;
            throttled_units += t;
            Some(c + t)
        })
        .collect();
    Demand {
        start: consumed.start,
        units,
        resolution: consumed.resolution.clone(),
        consumed_units,
        throttled_units,
        units_per_event,
    }
}

/// One UTC day of demand.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Day {
    pub date: NaiveDate,
    pub units: f64,
    /// Every minute of the day was read.
    pub complete: bool,
    /// The busiest minute, in units per second (its average over the minute).
    pub peak_per_second: f64,
    /// The coarsest period any minute of the day came from (0 when none was read).
    pub coarsest_period_secs: u32,
}

/// What the demand rests on, for the output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DemandSummary {
    pub start: DateTime<Utc>,
    pub minutes: usize,
    pub gap_minutes: usize,
    /// Minutes per period they were read at (`"60"`, `"300"`, `"3600"`).
    pub minutes_by_period_secs: BTreeMap<u32, usize>,
    pub consumed_units: f64,
    pub throttled_units: f64,
    pub units_per_throttle_event: f64,
    pub peak_per_second: f64,
    pub peak_at: Option<DateTime<Utc>>,
    pub peak_period_secs: u32,
    pub spread: &'static str,
}

impl Demand {
    pub fn total(&self) -> f64 {
        self.units.iter().flatten().sum()
    }

    pub fn gap_minutes(&self) -> usize {
        self.units.iter().filter(|u| u.is_none()).count()
    }

    /// The same demand times `factor` (a projected growth).
    pub fn scaled(&self, factor: f64) -> Demand {
        Demand {
            units: self.units.iter().map(|u| u.map(|v| v * factor)).collect(),
            consumed_units: self.consumed_units * factor,
            throttled_units: self.throttled_units * factor,
            ..self.clone()
        }
    }

    pub fn summary(&self) -> DemandSummary {
        let mut by_period = BTreeMap::new();
        for r in self.resolution.iter().filter(|r| **r > 0) {
            *by_period.entry(*r).or_insert(0) += 1;
        }
        let peak = self
            .units
            .iter()
            .enumerate()
            .filter_map(|(m, u)| u.map(|u| (m, u)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        DemandSummary {
            start: self.start,
            minutes: self.units.len(),
            gap_minutes: self.gap_minutes(),
            minutes_by_period_secs: by_period,
            consumed_units: self.consumed_units,
            throttled_units: self.throttled_units,
            units_per_throttle_event: self.units_per_event,
            peak_per_second: peak.map(|(_, u)| u / 60.0).unwrap_or(0.0),
            peak_at: peak.map(|(m, _)| self.start + Duration::minutes(m as i64)),
            peak_period_secs: peak.map(|(m, _)| self.resolution[m]).unwrap_or(0),
            spread: SPREAD_RULE,
        }
    }

    /// The demand per UTC day; a day the window cuts is incomplete.
    pub fn daily(&self) -> Vec<Day> {
        let mut days: Vec<(Day, usize)> = Vec::new();
        for (m, u) in self.units.iter().enumerate() {
            let t = self.start + Duration::minutes(m as i64);
            let date = t.date_naive();
            if days.last().map(|(d, _)| d.date) != Some(date) {
                let first_minute = t.hour() * 60 + t.minute();
                days.push((
                    Day {
                        date,
                        units: 0.0,
                        complete: first_minute == 0,
                        peak_per_second: 0.0,
                        coarsest_period_secs: 0,
                    },
                    0,
                ));
            }
            let Some((day, count)) = days.last_mut() else {
                continue;
            };
            *count += 1;
            match u {
                Some(u) => {
                    day.units += u;
                    day.peak_per_second = day.peak_per_second.max(u / 60.0);
                    day.coarsest_period_secs = day.coarsest_period_secs.max(self.resolution[m]);
                }
                None => day.complete = false,
            }
        }
        days.into_iter()
            .map(|(mut d, count)| {
                d.complete &= count == 1440;
                d
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // clock-free: pure functions given their `now`; the dates never meet the clock.
    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_quarter_is_read_at_1_hour_then_5_minutes_then_1_minute() {
        let now = at("2999-06-30T12:34:56Z");
        let start = at("2999-03-31T12:00:00Z");
        let plan = resolution_plan(start, now, now);
        assert_eq!(
            plan,
            vec![
                Segment {
                    start,
                    end: at("2999-04-28T13:00:00Z"),
                    period_secs: 3600
                },
                Segment {
                    start: at("2999-04-28T13:00:00Z"),
                    end: at("2999-06-15T13:00:00Z"),
                    period_secs: 300
                },
                Segment {
                    start: at("2999-06-15T13:00:00Z"),
                    end: at("2999-06-30T12:34:00Z"),
                    period_secs: 60
                },
            ]
        );
        // Every part is inside its retention at `now`, and the parts tile the window.
        for s in &plan {
            let days = RETENTION
                .iter()
                .find(|(p, _)| *p == s.period_secs)
                .unwrap()
                .1;
            assert!(s.start >= now - Duration::days(days), "{s:?}");
        }
        assert!(plan.windows(2).all(|w| w[0].end == w[1].start));
    }

    #[test]
    fn a_recent_window_is_all_1_minute_and_an_ancient_one_is_left_out() {
        let now = at("2999-06-30T12:00:00Z");
        let plan = resolution_plan(now - Duration::days(7), now, now);
        assert_eq!(plan.len(), 1);
        assert_eq!(plan[0].period_secs, 60);
        assert_eq!(plan[0].start, now - Duration::days(7));
        let plan = resolution_plan(now - Duration::days(900), now - Duration::days(500), now);
        assert!(plan.is_empty(), "{plan:?}");
        // A window starting mid-period starts its coarse part on the next whole period.
        let plan = resolution_plan(at("2999-06-01T10:32:10Z"), now, now);
        assert_eq!(plan[0].start, at("2999-06-01T10:35:00Z"));
        assert_eq!(plan[0].period_secs, 300);
    }

    #[test]
    fn merging_spreads_a_coarse_sum_keeps_totals_and_lets_the_finer_part_win() {
        let t0 = at("2999-01-01T00:00:00Z");
        let hour = MetricPart {
            segment: Segment {
                start: t0,
                end: t0 + Duration::hours(2),
                period_secs: 3600,
            },
            // 6,000 units in the first hour, 1,200 in the second.
            points: vec![(t0, 6000.0), (t0 + Duration::hours(1), 1200.0)],
        };
        let fine = MetricPart {
            // The second hour was also read at 1 minute: only 3 minutes had requests.
            segment: Segment {
                start: t0 + Duration::hours(1),
                end: t0 + Duration::hours(2),
                period_secs: 60,
            },
            points: vec![
                (t0 + Duration::minutes(60), 10.0),
                (t0 + Duration::minutes(61), 20.0),
                (t0 + Duration::minutes(119), 30.0),
            ],
        };
        let s = merge(t0, t0 + Duration::minutes(150), &[hour, fine]);
        assert_eq!(s.values.len(), 150);
        assert_eq!(s.values[0], Some(100.0), "6,000 over 60 minutes");
        assert_eq!(s.values[59], Some(100.0));
        assert_eq!(s.resolution[59], 3600);
        assert_eq!(s.values[60], Some(10.0), "the 1-minute part wins");
        assert_eq!(
            s.values[62],
            Some(0.0),
            "no datapoint inside a part read: zero"
        );
        assert_eq!(s.resolution[62], 60);
        assert_eq!(s.values[120], None, "outside every part: a gap");
        let total: f64 = s.values.iter().flatten().sum();
        assert_eq!(total, 6000.0 + 60.0);
    }

    #[test]
    fn demand_is_consumed_plus_throttled_units_and_says_what_it_rests_on() {
        let t0 = at("2999-01-01T23:58:00Z");
        let consumed = MinuteSeries {
            start: t0,
            values: vec![Some(60.0), Some(120.0), None, Some(0.0)],
            resolution: vec![60, 60, 0, 300],
        };
        let throttles = MinuteSeries {
            start: t0 + Duration::minutes(1),
            values: vec![Some(5.0), Some(7.0), Some(2.0)],
            resolution: vec![60, 60, 60],
        };
        let d = per_minute(&consumed, &throttles, 2.0);
        assert_eq!(d.units, vec![Some(60.0), Some(130.0), None, Some(4.0)]);
        assert_eq!((d.consumed_units, d.throttled_units), (180.0, 14.0));
        let s = d.summary();
        assert_eq!(s.gap_minutes, 1);
        assert_eq!(s.peak_per_second, 130.0 / 60.0);
        assert_eq!(s.peak_at, Some(t0 + Duration::minutes(1)));
        assert_eq!(
            s.minutes_by_period_secs,
            BTreeMap::from([(60, 2), (300, 1)])
        );
        let days = d.daily();
        assert_eq!(days.len(), 2);
        assert!(!days[0].complete && !days[1].complete, "{days:?}");
        assert_eq!(days[0].units, 190.0);
        assert_eq!(days[1].coarsest_period_secs, 300);
        assert_eq!(d.scaled(2.0).total(), 2.0 * d.total());
    }

    #[test]
    fn a_whole_day_read_is_complete() {
        let t0 = at("2999-01-01T00:00:00Z");
        let d = Demand {
            start: t0,
            units: vec![Some(1.0); 1440 * 2],
            resolution: vec![60; 1440 * 2],
            consumed_units: 2880.0,
            throttled_units: 0.0,
            units_per_event: 1.0,
        };
        let days = d.daily();
        assert_eq!(days.len(), 2);
        assert!(days.iter().all(|d| d.complete && d.units == 1440.0));
    }
}
