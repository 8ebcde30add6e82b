//! A minute-by-minute simulation of one provisioned capacity (the reads or the writes of the table
//! or of one GSI) under DynamoDB auto scaling (Application Auto Scaling target tracking), over a
//! per-minute demand series.
//!
//! The rules, with their sources:
//! 1. Target utilisation between 20% and 90%, 70% by default
//!    (<https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html>).
//! 2. Scale-out when consumed capacity is above the target for 2 consecutive minutes; scale-in when
//!    15 consecutive minutes are below it (the alarms auto scaling creates evaluate 1-minute
//!    datapoints: <https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html>).
//!    The scale-in alarm sits 20 percentage points under the target (70% target, 100 RCU: scale-in
//!    under 50 RCU, <https://repost.aws/knowledge-center/dynamodb-auto-scaling>): `scale_in_margin`.
//! 3. The new capacity is what brings utilisation back to the target: the minute's consumed rate
//!    / target for a scale-out; for a scale-in the highest consumed rate of the 15 low minutes /
//!    target (AWS does not document which datapoint scale-in uses; the highest is the safe side).
//!    Rounded up to whole units (UpdateTable takes integers), clamped to min/max (at least 1, the
//!    minimum throughput: <https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html>).
//! 4. Auto scaling sees *consumed* capacity, which cannot exceed provisioned plus burst: demand
//!    that was throttled is invisible to it, so a step up ten times the capacity takes several
//!    scale-outs of at most 1/target each. (The anchors scale on demand, which AWS never sees.)
//! 5. The change takes effect `update_delay_minutes` after the minute that triggered it (default
//!    2, an assumption: AWS says alarms may lag "up to a few minutes" and UpdateTable "takes
//!    several minutes", during which requests above the old capacity are throttled — same page as
//!    rule 2). No new change is started while one is pending.
//! 6. Decreases per UTC day: 4 at any time, then one more whenever there was none in the past hour,
//!    27 at most (<https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-decreasing-provisioned-throughput>;
//!    the newer wording "up to four decreases within one hour ... then one per hour" gives the
//!    same 27). A scale-in the limit refuses waits and is counted as refused.
//! 7. Burst capacity: up to 300 seconds of unused capacity is kept and spent on demand above the
//!    provisioned rate (<https://repost.aws/knowledge-center/dynamodb-spiky-workloads-short-intervals>).
//!    AWS gives it on a best-effort basis and may use it for maintenance, so the simulation reports
//!    throttled units both with it and without it; the bucket starts empty.
//! 8. Cost: provisioned units × the unit-hour price, time-weighted by the minute (whether AWS
//!    bills an hour with a change at its highest setting was not confirmed; if so, a little more).
//!
//! Not modelled: partitions (3,000 RCU / 1,000 WCU each; a hot key throttles whatever the
//! table's capacity), the on-demand-to-provisioned switch limits, and scheduled scaling.
//!
//! Against the anchors: amazon-dynamodb-tools' capacity-mode evaluator scales instantly on the
//! consumed series, with no burst and no throttling estimate; dynamodb-scaling-simulator scales
//! on demand (which auto scaling cannot see) with no daily decrease limit and no delay. Both read
//! 14 days of 1-minute data; this runs over any window the demand series covers.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

/// How many decreases a UTC day allows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DecreaseLimit {
    pub any_time_per_day: u32,
    pub per_day: u32,
    /// A further decrease needs this long without one.
    pub gap_minutes: usize,
}

impl Default for DecreaseLimit {
    fn default() -> DecreaseLimit {
        DecreaseLimit {
            any_time_per_day: 4,
            per_day: 27,
            gap_minutes: 60,
        }
    }
}

/// An auto scaling policy and the simulation's assumptions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Policy {
    /// Target utilisation, 0.2 to 0.9.
    pub target: f64,
    pub min: f64,
    pub max: f64,
    pub scale_out_minutes: usize,
    pub scale_in_minutes: usize,
    /// Scale-in below `target - scale_in_margin` utilisation.
    pub scale_in_margin: f64,
    pub update_delay_minutes: usize,
    /// Seconds of unused capacity kept as burst (0: none).
    pub burst_seconds: f64,
    pub decreases: DecreaseLimit,
    /// Capacity at the start; `None`: the first 15 minutes' busiest rate / target.
    pub initial: Option<f64>,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            target: 0.70,
            min: 1.0,
            max: 40_000.0,
            scale_out_minutes: 2,
            scale_in_minutes: 15,
            scale_in_margin: 0.20,
            update_delay_minutes: 2,
            burst_seconds: 300.0,
            decreases: DecreaseLimit::default(),
            initial: None,
        }
    }
}

/// A policy the simulation cannot run.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyError(pub String);

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PolicyError {}

impl Policy {
    pub fn check(&self) -> Result<(), PolicyError> {
        let bad = |what: String| Err(PolicyError(what));
        if !(0.2..=0.9).contains(&self.target) {
            return bad(format!(
                "target utilisation {} is outside 20%-90% (AWS's range)",
                self.target
            ));
        }
        if !(self.min >= 1.0 && self.max >= self.min && self.max.is_finite()) {
            return bad(format!(
                "capacity min {} / max {}: need 1 <= min <= max",
                self.min, self.max
            ));
        }
        if self.scale_out_minutes == 0 || self.scale_in_minutes == 0 {
            return bad("scale-out and scale-in need at least one minute each".to_owned());
        }
        if !(0.0..self.target).contains(&self.scale_in_margin)
            || self.burst_seconds.is_nan()
            || self.burst_seconds < 0.0
        {
            return bad(format!(
                "scale-in margin {} must be below the target, burst seconds {} not negative",
                self.scale_in_margin, self.burst_seconds
            ));
        }
        Ok(())
    }

    /// Whole units, rounded up (a float a hair above a whole number is that number), clamped.
    fn clamp(&self, capacity: f64) -> f64 {
        (capacity - 1e-9).ceil().clamp(self.min, self.max)
    }
}

/// One simulated minute.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Minute {
    pub provisioned: f64,
    /// Units served (at most provisioned x 60 plus burst).
    pub consumed: f64,
    /// Units of demand above what was served.
    pub throttled: f64,
    /// Units above provisioned x 60, as if there were no burst capacity.
    pub throttled_without_burst: f64,
    pub cost_usd: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimSummary {
    pub minutes: usize,
    /// Minutes with no demand data, simulated as no requests.
    pub gap_minutes: usize,
    pub price_per_unit_hour: f64,
    pub unit_hours: f64,
    pub cost_usd: f64,
    pub demand_units: f64,
    pub consumed_units: f64,
    pub throttled_units: f64,
    pub throttled_units_without_burst: f64,
    pub throttled_minutes: usize,
    pub increases: usize,
    pub decreases: usize,
    /// Scale-ins that were due but refused by the daily decrease limit (each episode once).
    pub decreases_refused: usize,
    pub min_provisioned: f64,
    pub max_provisioned: f64,
    pub policy: Policy,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    pub start: DateTime<Utc>,
    pub minutes: Vec<Minute>,
    pub summary: SimSummary,
}

/// One hour of a simulation, for a chart or a table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Hour {
    pub start: DateTime<Utc>,
    pub provisioned_avg: f64,
    pub consumed: f64,
    pub throttled: f64,
    pub cost_usd: f64,
}

impl Simulation {
    /// The simulation hour by hour from its start.
    pub fn hourly(&self) -> Vec<Hour> {
        self.minutes
            .chunks(60)
            .enumerate()
            .map(|(h, c)| Hour {
                start: self.start + Duration::hours(h as i64),
                provisioned_avg: c.iter().map(|m| m.provisioned).sum::<f64>() / c.len() as f64,
                consumed: c.iter().map(|m| m.consumed).sum(),
                throttled: c.iter().map(|m| m.throttled).sum(),
                cost_usd: c.iter().map(|m| m.cost_usd).sum(),
            })
            .collect()
    }
}

/// The running state of the scaler.
struct Scaler {
    provisioned: f64,
    bucket: f64,
    high: usize,
    low: usize,
    pending: Option<(usize, f64)>,
    day: chrono::NaiveDate,
    decreases_today: u32,
    last_decrease: Option<usize>,
    refusing: bool,
}

impl Scaler {
    /// Serves one minute of demand.
    fn serve(&mut self, demand: f64, p: &Policy) -> (f64, f64, f64) {
        let capacity = self.provisioned * 60.0;
        if demand <= capacity {
            self.bucket = (self.bucket + capacity - demand).min(p.burst_seconds * self.provisioned);
            (demand, 0.0, 0.0)
        } else {
            let excess = demand - capacity;
            let from_burst = excess.min(self.bucket);
            self.bucket -= from_burst;
            (capacity + from_burst, excess - from_burst, excess)
        }
    }

    fn decrease_allowed(&self, minute: usize, limit: &DecreaseLimit) -> bool {
        let quiet = self
            .last_decrease
            .is_none_or(|l| minute - l >= limit.gap_minutes);
        self.decreases_today < limit.any_time_per_day
            || (self.decreases_today < limit.per_day && quiet)
    }
}

fn initial_capacity(demand: &[Option<f64>], p: &Policy) -> f64 {
    p.initial.map(|c| p.clamp(c)).unwrap_or_else(|| {
        let busiest = demand
            .iter()
            .take(15)
            .flatten()
            .fold(0.0, |m: f64, v| m.max(*v));
        p.clamp(busiest / 60.0 / p.target)
    })
}

/// Simulates `policy` over `demand` (units per minute from `start`, `None` = no data, simulated
/// as no requests), pricing provisioned capacity at `price_per_unit_hour`.
pub fn simulate(
    start: DateTime<Utc>,
    demand: &[Option<f64>],
    policy: &Policy,
    price_per_unit_hour: f64,
) -> Result<Simulation, PolicyError> {
    policy.check()?;
    let p = policy;
    let mut s = Scaler {
        provisioned: initial_capacity(demand, p),
        bucket: 0.0,
        high: 0,
        low: 0,
        pending: None,
        day: start.date_naive(),
        decreases_today: 0,
        last_decrease: None,
        refusing: false,
    };
    let (mut increases, mut decreases, mut refused) = (0, 0, 0);
    let mut minutes: Vec<Minute> = Vec::with_capacity(demand.len());
    for (i, d) in demand.iter().enumerate() {
        if let Some((_, capacity)) = s.pending.filter(|(at, _)| *at == i) {
            s.provisioned = capacity;
            s.bucket = s.bucket.min(p.burst_seconds * capacity);
            s.pending = None;
        }
        let today = (start + Duration::minutes(i as i64)).date_naive();
        if today != s.day {
            s.day = today;
            s.decreases_today = 0;
        }
        let (consumed, throttled, throttled_without_burst) = s.serve(d.unwrap_or(0.0), p);
        minutes.push(Minute {
            provisioned: s.provisioned,
            consumed,
            throttled,
            throttled_without_burst,
            cost_usd: s.provisioned * price_per_unit_hour / 60.0,
        });
        if s.pending.is_some() {
            continue;
        }
        let utilisation = consumed / (s.provisioned * 60.0);
        s.high = if utilisation > p.target {
            s.high + 1
        } else {
            0
        };
        s.low = if utilisation < p.target - p.scale_in_margin {
            s.low + 1
        } else {
            0
        };
        if s.high >= p.scale_out_minutes {
            s.high = 0;
            let wanted = p.clamp(consumed / 60.0 / p.target);
            if wanted > s.provisioned {
                s.pending = Some((i + 1 + p.update_delay_minutes, wanted));
                increases += 1;
            }
        } else if s.low >= p.scale_in_minutes {
            let busiest = minutes[i + 1 - p.scale_in_minutes..]
                .iter()
                .fold(0.0, |m: f64, x| m.max(x.consumed));
            let wanted = p.clamp(busiest / 60.0 / p.target);
            if wanted >= s.provisioned {
                s.low = 0;
            } else if s.decrease_allowed(i, &p.decreases) {
                s.pending = Some((i + 1 + p.update_delay_minutes, wanted));
                s.decreases_today += 1;
                s.last_decrease = Some(i);
                s.low = 0;
                s.refusing = false;
                decreases += 1;
            } else if !s.refusing {
                s.refusing = true;
                refused += 1;
            }
        }
    }
    let summary = summarise(
        &minutes,
        demand,
        p,
        price_per_unit_hour,
        (increases, decreases, refused),
    );
    Ok(Simulation {
        start,
        minutes,
        summary,
    })
}

fn summarise(
    minutes: &[Minute],
    demand: &[Option<f64>],
    p: &Policy,
    price: f64,
    (increases, decreases, refused): (usize, usize, usize),
) -> SimSummary {
    let sum = |f: fn(&Minute) -> f64| minutes.iter().map(f).sum::<f64>();
    let provisioned = minutes.iter().map(|m| m.provisioned);
    SimSummary {
        minutes: minutes.len(),
        gap_minutes: demand.iter().filter(|d| d.is_none()).count(),
        price_per_unit_hour: price,
        unit_hours: sum(|m| m.provisioned) / 60.0,
        cost_usd: sum(|m| m.cost_usd),
        demand_units: demand.iter().flatten().sum(),
        consumed_units: sum(|m| m.consumed),
        throttled_units: sum(|m| m.throttled),
        throttled_units_without_burst: sum(|m| m.throttled_without_burst),
        throttled_minutes: minutes.iter().filter(|m| m.throttled > 0.0).count(),
        increases,
        decreases,
        decreases_refused: refused,
        min_provisioned: if minutes.is_empty() {
            0.0
        } else {
            provisioned.clone().fold(f64::INFINITY, f64::min)
        },
        max_provisioned: provisioned.fold(0.0, f64::max),
        policy: *p,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // clock-free: a pure simulation given its start; the dates never meet the clock.
    fn start() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2999-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    /// Demand at `rate` units per second for `minutes` minutes, then the next, ...
    fn steps(parts: &[(f64, usize)]) -> Vec<Option<f64>> {
        parts
            .iter()
            .flat_map(|(rate, n)| std::iter::repeat_n(Some(rate * 60.0), *n))
            .collect()
    }

    fn policy(min: f64, max: f64, initial: f64) -> Policy {
        Policy {
            min,
            max,
            initial: Some(initial),
            update_delay_minutes: 0,
            burst_seconds: 0.0,
            ..Policy::default()
        }
    }

    fn provisioned(sim: &Simulation) -> Vec<f64> {
        sim.minutes.iter().map(|m| m.provisioned).collect()
    }

    #[test]
    fn a_step_up_scales_out_after_two_minutes_in_steps_of_consumed_over_target() {
        // 7 units/s on 10 provisioned (70%: not above target), then a step to 20 units/s.
        let demand = steps(&[(7.0, 3), (20.0, 6)]);
        let sim = simulate(start(), &demand, &policy(1.0, 1000.0, 10.0), 0.6).unwrap();
        // Minutes 3 and 4 consume 10/s (100% > 70%): after minute 4 the new capacity is
        // ceil(10 / 0.7) = 15 from minute 5; 15/s is 100% again for minutes 5 and 6, so
        // ceil(15 / 0.7) = 22 from minute 7, where 20/s fits (91%, still above: minutes 7, 8).
        assert_eq!(
            provisioned(&sim),
            [10.0, 10.0, 10.0, 10.0, 10.0, 15.0, 15.0, 22.0, 22.0]
        );
        let throttled: Vec<f64> = sim.minutes.iter().map(|m| m.throttled).collect();
        assert_eq!(
            throttled,
            [0.0, 0.0, 0.0, 600.0, 600.0, 300.0, 300.0, 0.0, 0.0]
        );
        assert_eq!(sim.summary.throttled_units, 1800.0);
        assert_eq!(
            sim.summary.increases, 3,
            "the third is due after minute 8 and takes effect after the end"
        );
        // Cost: (5 x 10 + 2 x 15 + 2 x 22) unit-minutes at $0.6 per unit-hour.
        assert!((sim.summary.cost_usd - (50.0 + 30.0 + 44.0) / 60.0 * 0.6).abs() < 1e-9);
        assert!((sim.summary.unit_hours - 124.0 / 60.0).abs() < 1e-9);
    }

    #[test]
    fn a_spike_shorter_than_two_minutes_does_not_scale_and_burst_absorbs_it() {
        // 5 units/s on 10 for 10 minutes (the bucket fills: 300 s x 10 = 3,000 units at most),
        // then one minute at 40 units/s, then back.
        let demand = steps(&[(5.0, 10), (40.0, 1), (5.0, 5)]);
        let mut p = policy(1.0, 1000.0, 10.0);
        p.burst_seconds = 300.0;
        let sim = simulate(start(), &demand, &p, 1.0).unwrap();
        assert!(
            provisioned(&sim).iter().all(|c| *c == 10.0),
            "{:?}",
            provisioned(&sim)
        );
        assert_eq!(sim.summary.increases, 0);
        // Unused: 10 minutes x 5/s x 60 = 3,000 units banked (exactly the cap). The spike needs
        // 2,400 - 600 = 1,800 above capacity: all from burst, none without it.
        assert_eq!(sim.minutes[10].throttled, 0.0);
        assert_eq!(sim.minutes[10].throttled_without_burst, 1800.0);
        assert_eq!(sim.minutes[10].consumed, 2400.0);
        assert_eq!(sim.summary.throttled_units_without_burst, 1800.0);
        // Without burst capacity the same spike throttles.
        let sim = simulate(start(), &demand, &policy(1.0, 1000.0, 10.0), 1.0).unwrap();
        assert_eq!(sim.summary.throttled_units, 1800.0);
        assert_eq!(sim.summary.increases, 0);
    }

    /// Demand that halves every 15 minutes from 400 units/s, for 20 quarter-hours.
    fn halving() -> Vec<Option<f64>> {
        let parts: Vec<(f64, usize)> = (0..20).map(|k| (400.0 / 2f64.powi(k), 15)).collect();
        steps(&parts)
    }

    fn decreases_at(sim: &Simulation) -> Vec<usize> {
        let caps = provisioned(sim);
        (1..caps.len())
            .filter(|i| caps[*i] < caps[*i - 1])
            .collect()
    }

    #[test]
    fn a_long_decline_hits_the_daily_decrease_limit() {
        // By hand, capacity 1,000, target 70%, scale-in under 50% for 15 minutes, no delay:
        // 400/s is 40%: after minute 14 -> ceil(400 / 0.7) = 572 from minute 15; 200/s on 572 is
        // 35%: after 29 -> 286 from 30; after 44 -> 143 from 45; after 59 -> 72 from 60. That is
        // the four at any time. After 74 (25/s on 72) a fifth is due but refused until an hour
        // after the last: after 119 -> ceil(3.125 / 0.7) = 5 from 120. After 134 the next is
        // refused again until 179 -> 1 (the minimum) from 180.
        let sim = simulate(start(), &halving(), &policy(1.0, 100_000.0, 1000.0), 1.0).unwrap();
        assert_eq!(decreases_at(&sim), [15, 30, 45, 60, 120, 180]);
        let caps = provisioned(&sim);
        assert_eq!(
            [caps[15], caps[30], caps[45], caps[60], caps[120], caps[180]],
            [572.0, 286.0, 143.0, 72.0, 5.0, 1.0]
        );
        assert_eq!(sim.summary.decreases, 6);
        assert_eq!(sim.summary.decreases_refused, 2);
        // A decline never throttles; the refused hours are paid for: 72 units from minute 60 to
        // 119 where 36 would do.
        assert_eq!(sim.summary.throttled_units, 0.0);
        assert_eq!(caps[119], 72.0);
    }

    #[test]
    fn a_new_utc_day_gives_four_decreases_at_any_time_again() {
        // The same decline from 23:00: four decreases before midnight (minutes 14..59), then
        // the new day's four at once (74, 89, 104, 119), then an hour's wait (179).
        let late = start() + Duration::hours(23);
        let sim = simulate(late, &halving(), &policy(1.0, 100_000.0, 1000.0), 1.0).unwrap();
        assert_eq!(decreases_at(&sim), [15, 30, 45, 60, 75, 90, 105, 120, 180]);
        assert_eq!(sim.summary.decreases_refused, 1);
    }

    #[test]
    fn min_and_max_clamp_the_capacity() {
        // Demand of 100 units/s against a maximum of 50: it scales to 50 and stays, throttling.
        // By hand: 10 -> 15 (from minute 2) -> 22 (4) -> 32 (6) -> 46 (8) -> min(66, 50) (10),
        // then 100% of 50 wants 72, clamped to 50: no change.
        let demand = steps(&[(100.0, 14)]);
        let sim = simulate(start(), &demand, &policy(5.0, 50.0, 10.0), 1.0).unwrap();
        assert_eq!(
            provisioned(&sim),
            [
                10.0, 10.0, 15.0, 15.0, 22.0, 22.0, 32.0, 32.0, 46.0, 46.0, 50.0, 50.0, 50.0, 50.0
            ]
        );
        assert_eq!(sim.summary.max_provisioned, 50.0);
        assert_eq!(sim.summary.increases, 5);
        assert_eq!(sim.minutes[13].throttled, 3000.0);
        // No demand at all: it scales in to the minimum, never below.
        let demand = steps(&[(0.0, 40)]);
        let sim = simulate(start(), &demand, &policy(5.0, 50.0, 40.0), 1.0).unwrap();
        assert_eq!(provisioned(&sim)[14], 40.0);
        assert_eq!(provisioned(&sim)[15], 5.0);
        assert_eq!(sim.summary.min_provisioned, 5.0);
        assert_eq!(
            sim.summary.decreases, 1,
            "at the minimum, nothing more to decrease"
        );
    }

    #[test]
    fn the_update_delay_keeps_the_old_capacity_while_the_change_is_pending() {
        let demand = steps(&[(20.0, 8)]);
        let mut p = policy(1.0, 1000.0, 10.0);
        p.update_delay_minutes = 3;
        let sim = simulate(start(), &demand, &p, 1.0).unwrap();
        // Triggered after minute 1, effective from minute 1 + 1 + 3 = 5; the next is triggered
        // after minute 6 (two minutes above at 15) and is still pending at the end.
        assert_eq!(
            provisioned(&sim),
            [10.0, 10.0, 10.0, 10.0, 10.0, 15.0, 15.0, 15.0]
        );
        assert_eq!(sim.summary.throttled_units, 5.0 * 600.0 + 3.0 * 300.0);
    }

    #[test]
    fn the_initial_capacity_defaults_to_the_first_quarter_hour_over_the_target() {
        let demand = steps(&[(7.0, 5), (14.0, 10), (100.0, 1)]);
        let p = Policy {
            update_delay_minutes: 0,
            ..Policy::default()
        };
        let sim = simulate(start(), &demand, &p, 1.0).unwrap();
        assert_eq!(sim.minutes[0].provisioned, 20.0, "14 / 0.7");
        assert_eq!(sim.summary.gap_minutes, 0);
    }

    #[test]
    fn a_policy_outside_aws_ranges_is_refused() {
        for (p, words) in [
            (
                Policy {
                    target: 0.95,
                    ..Policy::default()
                },
                "outside 20%-90%",
            ),
            (
                Policy {
                    min: 0.0,
                    ..Policy::default()
                },
                "need 1 <= min <= max",
            ),
            (
                Policy {
                    min: 10.0,
                    max: 5.0,
                    ..Policy::default()
                },
                "need 1 <= min <= max",
            ),
            (
                Policy {
                    scale_in_margin: 0.8,
                    ..Policy::default()
                },
                "below the target",
            ),
        ] {
            let e = simulate(start(), &[], &p, 1.0).unwrap_err();
            assert!(e.to_string().contains(words), "{e}");
        }
        let empty = simulate(start(), &[], &Policy::default(), 1.0).unwrap();
        assert_eq!(
            (empty.summary.minutes, empty.summary.min_provisioned),
            (0, 0.0)
        );
    }

    #[test]
    fn hours_sum_the_minutes() {
        let demand = steps(&[(1.0, 90)]);
        let sim = simulate(start(), &demand, &policy(2.0, 10.0, 2.0), 0.6).unwrap();
        let hours = sim.hourly();
        assert_eq!(hours.len(), 2);
        assert_eq!(hours[0].consumed, 3600.0);
        assert_eq!(hours[1].consumed, 1800.0);
        assert!((hours[0].cost_usd - 2.0 * 0.6).abs() < 1e-9);
    }
}
