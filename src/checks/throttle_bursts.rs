//! Monthly 1's "verify no sustained throttling events": when in the month a resource was
//! throttled, in bursts (runs of 5-minute periods with throttle events), and whether any of it
//! was sustained.
//!
//! Sustained is throttling in at least as many consecutive 5-minute periods as the runbook's
//! throttle alarm needs to page (Alarm 1: 2 periods, 10 minutes), or throttling still going
//! on: in the newest complete period or the one filling now. A burst that stopped is named
//! (how many events, when, its longest run) and is not sustained: the monthly review keeps it
//! on record without judging the month by it. `diagnose throttling` judges the window it is
//! given, every event counted, as before.

use chrono::{DateTime, Duration, Utc};

use crate::aws::metrics::{MetricKey, MetricSet};
use crate::spec::targets::THROTTLE_ALARM;

/// The bursts of throttling of some series over a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Bursts {
    /// Runs of consecutive periods with a throttle event.
    pub count: usize,
    /// The longest run, in periods.
    pub longest: usize,
    /// The start of the last period with a throttle event.
    pub last: Option<DateTime<Utc>>,
    /// Throttled in the newest complete period or the one filling now.
    pub ongoing: bool,
    /// The period, in seconds.
    pub period_s: i32,
}

impl Bursts {
    /// The bursts of `keys` (any of them above zero in a period makes it throttled) in `m`'s
    /// window, as of `now`.
    pub(crate) fn of(m: &MetricSet, keys: &[MetricKey], now: DateTime<Utc>) -> Bursts {
        let periods = m.window.periods();
        let mut throttled = vec![false; periods.len()];
        for key in keys {
            for (slot, v) in throttled.iter_mut().zip(m.series(key).dense(&m.window)) {
                *slot |= v.is_some_and(|v| v > 0.0);
            }
        }
        Bursts::from_periods(&periods, &throttled, m.window.period, now)
    }

    /// The bursts of per-period flags (`periods` ascending, one flag each).
    pub(crate) fn from_periods(
        periods: &[DateTime<Utc>],
        throttled: &[bool],
        period_s: i32,
        now: DateTime<Utc>,
    ) -> Bursts {
        let period = Duration::seconds(i64::from(period_s));
        // The newest period that ended by `now`; it and any after it are "now".
        let newest_complete = periods.iter().rev().find(|t| **t + period <= now).copied();
        let mut b = Bursts {
            period_s,
            ..Bursts::default()
        };
        let mut run = 0;
        for (t, on) in periods.iter().zip(throttled) {
            if !on {
                run = 0;
                continue;
            }
            if run == 0 {
                b.count += 1;
            }
            run += 1;
            b.longest = b.longest.max(run);
            b.last = Some(*t);
            b.ongoing |= newest_complete.is_none_or(|n| *t >= n);
        }
        b
    }

    /// Throttled long enough to page (the runbook's alarm span), or still throttled now.
    pub(crate) fn sustained(&self) -> bool {
        self.longest >= THROTTLE_ALARM.periods || self.ongoing
    }

    /// "one burst, 5 min long, the last at 2000-01-15 05:10 UTC; none since: not sustained".
    pub(crate) fn describe(&self) -> String {
        let minutes = |periods: usize| periods as i64 * i64::from(self.period_s) / 60;
        let Some(last) = self.last else {
            return "no throttling".to_owned();
        };
        let bursts = match self.count {
            1 => format!("one burst, {} min long", minutes(self.longest)),
            n => format!(
                "{}, the longest {} min",
                crate::vocab::words::count(n, "burst", "bursts"),
                minutes(self.longest)
            ),
        };
        let when = last.format("%Y-%m-%d %H:%M UTC");
        let verdict = if self.ongoing {
            "still going on: sustained".to_owned()
        } else if self.sustained() {
            format!(
                "{} min or more in a row (the runbook's alarm span): sustained",
                minutes(THROTTLE_ALARM.periods)
            )
        } else {
            "none since: not sustained".to_owned()
        };
        format!("{bursts}, the last at {when}; {verdict}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 27: the month is judged by sustained throttling, not by any throttle event.
    #[test]
    fn a_burst_that_stopped_is_named_but_not_sustained() {
        // clock-free: a pure function given its `now`
        let start = DateTime::from_timestamp(947_923_200, 0).expect("a valid time");
        let periods: Vec<DateTime<Utc>> =
            (0..12).map(|i| start + Duration::minutes(5 * i)).collect();
        // `now` is 2 minutes into the last period: period 10 is the newest complete one.
        let now = start + Duration::minutes(57);
        let flags = |on: &[usize]| -> Vec<bool> { (0..12).map(|i| on.contains(&i)).collect() };
        // (case, throttled periods, count, longest, ongoing, sustained, words)
        type Case<'a> = (&'a str, &'a [usize], usize, usize, bool, bool, &'a str);
        let cases: [Case; 7] = [
            ("none", &[], 0, 0, false, false, "no throttling"),
            (
                "one burst that stopped",
                &[3],
                1,
                1,
                false,
                false,
                "one burst, 5 min long, the last at 2000-01-15 08:15 UTC; none since: not sustained",
            ),
            (
                "two short bursts",
                &[2, 6],
                2,
                1,
                false,
                false,
                "2 bursts, the longest 5 min, the last at 2000-01-15 08:30 UTC; none since",
            ),
            (
                "ten minutes in a row: the alarm's span",
                &[4, 5],
                1,
                2,
                false,
                true,
                "10 min or more in a row (the runbook's alarm span): sustained",
            ),
            (
                "in the newest complete period",
                &[10],
                1,
                1,
                true,
                true,
                "still going on: sustained",
            ),
            (
                "in the period filling now",
                &[11],
                1,
                1,
                true,
                true,
                "still going on",
            ),
            (
                "a long run that stopped",
                &[1, 2, 3, 4],
                1,
                4,
                false,
                true,
                "one burst, 20 min long",
            ),
        ];
        for (name, on, count, longest, ongoing, sustained, words) in cases {
            let b = Bursts::from_periods(&periods, &flags(on), 300, now);
            assert_eq!(
                (b.count, b.longest, b.ongoing, b.sustained()),
                (count, longest, ongoing, sustained),
                "{name}: {b:?}"
            );
            assert!(b.describe().contains(words), "{name}: {}", b.describe());
        }
    }
}
