//! Capacity planning and cost engines for the monthly and quarterly reviews (runbook Monthly
//! Health Check 1, Quarterly Performance Review 2): pure functions from the data AWS returns
//! (metric series, a Cost Explorer answer, sizes) to typed results and findings. Nothing here
//! calls AWS or prints.
//!
//! - [`prices`]: the us-east-1 price list, every price overridable and labelled by how well it
//!   is confirmed;
//! - [`demand`]: per-minute demand (consumed + throttled) from series kept at 1 minute, 5 minutes
//!   and 1 hour, and which resolution to read each part of a window at;
//! - [`forecast`]: next quarter's monthly units and peak with prediction intervals;
//! - [`autoscale`]: DynamoDB auto scaling simulated minute by minute;
//! - [`mode`]: the window's cost on-demand, with auto scaling and with reserved capacity, and
//!   Standard against Standard-IA, with the advice that follows;
//! - [`cost_trend`]: the last three months' cost, month over month, and what drives it.

pub mod autoscale;
pub mod cost_trend;
pub mod demand;
pub mod forecast;
pub mod mode;
pub mod prices;

#[cfg(test)]
mod tests {
    //! The engines together over a quarter, as the health check will use them.
    use chrono::{DateTime, Duration, NaiveDate, Utc};

    use super::demand::{MetricPart, merge, per_minute, resolution_plan};
    use super::forecast::forecast;
    use super::mode::{ModeInput, ResourceDemand, Rules, compare};
    use super::prices::{Prices, TableClass};

    /// Writes per minute at minute `m` from the start: a daily wave, quieter weekends and 20%
    /// growth a quarter.
    fn truth(start: DateTime<Utc>, m: i64) -> f64 {
        let t = start + Duration::minutes(m);
        let day = m as f64 / 1440.0;
        let hour = (m % 1440) as f64 / 60.0;
        let weekend = matches!(t.format("%a").to_string().as_str(), "Sat" | "Sun");
        let wave = 1.0 + 0.5 * (std::f64::consts::TAU * hour / 24.0).sin();
        600.0 * wave * if weekend { 0.6 } else { 1.0 } * (1.0 + 0.2 * day / 91.0)
    }

    #[test]
    fn a_quarter_read_at_three_resolutions_is_forecast_and_priced() {
        // clock-free: `now` is given to every function; the dates never meet the clock.
        let now = DateTime::parse_from_rfc3339("2999-07-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let start = now - Duration::days(91);
        let plan = resolution_plan(start, now, now);
        assert_eq!(
            plan.iter().map(|s| s.period_secs).collect::<Vec<_>>(),
            [3600, 300, 60]
        );
        // What CloudWatch would return: each period's sum of the true minutes.
        let parts: Vec<MetricPart> = plan
            .iter()
            .map(|s| {
                let per = i64::from(s.period_secs / 60);
                let first = (s.start - start).num_minutes();
                let last = (s.end - start).num_minutes();
                let points = (first..last)
                    .step_by(per as usize)
                    .map(|m| {
                        (
                            start + Duration::minutes(m),
                            (m..m + per).map(|x| truth(start, x)).sum(),
                        )
                    })
                    .collect();
                MetricPart {
                    segment: *s,
                    points,
                }
            })
            .collect();
        let consumed = merge(start, now, &parts);
        let none = merge(start, now, &[]);
        let writes = per_minute(&consumed, &none, 1.0);
        let want: f64 = (0..91 * 1440).map(|m| truth(start, m)).sum();
        assert!(
            (writes.total() - want).abs() / want < 1e-9,
            "totals survive the merge"
        );
        assert_eq!(writes.gap_minutes(), 0);

        // Next quarter's truth lies inside the forecast's interval, within 5% of its point.
        let from = NaiveDate::from_ymd_opt(2999, 7, 1).unwrap();
        let p = forecast(&writes, from, 3).unwrap();
        let next: f64 = (91 * 1440..(91 + 92) * 1440).map(|m| truth(start, m)).sum();
        assert!(
            p.quarter.low <= next && next <= p.quarter.high,
            "{:?} vs {next}",
            p.quarter
        );
        assert!(
            (p.quarter.point - next).abs() / next < 0.05,
            "{:?} vs {next}",
            p.quarter
        );
        // The peak: the wave's top (1.5 x 600/min = 15/s) grown ~40% by the end of next quarter.
        let peak = p.peak.unwrap();
        assert_eq!(peak.ratio_period_secs, 60);
        assert!((19.0..23.0).contains(&peak.per_second.point), "{peak:?}");

        // Priced. The daily wave is slow enough for auto scaling, but each Monday at midnight
        // the rate jumps 67% (weekend x0.6 to weekday x1) against 43% of headroom at a 70%
        // target: a few minutes throttle until the scale-out lands, absorbed only by burst
        // capacity, which is not counted on. So on-demand stays, and says why. The trough
        // (~3 writes/s) is far below a 100-unit reserved block.
        let reads = writes.scaled(0.0);
        let input = ModeInput {
            resources: vec![ResourceDemand {
                name: "events",
                reads: &reads,
                writes: &writes,
                write_policy: None,
                read_policy: None,
            }],
            storage_gb: 10.0,
            pitr_gb: 10.0,
            current_class: TableClass::Standard,
            growth: 1.0,
        };
        let c = compare(&input, &Prices::default(), &Rules::default()).unwrap();
        assert_eq!(c.options.len(), 4, "no reserved option: {:?}", c.options);
        assert!(c.reserved_unavailable.is_some());
        let asg = &c.options[1];
        assert_eq!(
            (asg.throttled_units, asg.throttled_units_without_burst > 0.0),
            (0.0, true)
        );
        assert_eq!(c.recommended_mode, super::mode::Mode::OnDemand);
        assert!(
            c.billing_mode.rejected[0]
                .starts_with("provisioned with auto scaling (Standard): would throttle"),
            "{:?}",
            c.billing_mode.rejected
        );
        // Counting on burst, the same simulation has nothing throttled and saves ~42%, but not
        // $25 a month on a $20-a-month table.
        let rules = Rules {
            count_burst: true,
            ..Rules::default()
        };
        let c = compare(&input, &Prices::default(), &rules).unwrap();
        assert!(
            c.billing_mode.rejected[0].contains("saves only $"),
            "{:?}",
            c.billing_mode.rejected
        );
        assert!((c.months - 91.0 / 30.4375).abs() < 1e-9);
    }
}
