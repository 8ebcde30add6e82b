//! Capacity and cost (runbook "Monthly Health Check" 1 and "Quarterly Performance Review" 2):
//! consumed units per day, peaks against the on-demand limits, and an on-demand bill estimate
//! with the break-even against provisioned capacity.

use crate::aws::metrics::Stat;
use crate::report::CheckId;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::aws::AwsError;
use crate::aws::metrics::{MetricKey, MetricSet};
use crate::report::Finding;
use crate::spec::ON_DEMAND_TABLE_QUOTA;

/// Prices, as inputs: defaults are us-east-1 list prices (docs/aws-facts.md §3.5: on-demand $0.625 per
/// million WRU and $0.125 per million RRU since November 2024, PARTIAL; provisioned $0.00065
/// per WCU-hour and $0.00013 per RCU-hour). Check the pricing page for your Region.
#[derive(Debug, Clone, Copy, Serialize, schemars::JsonSchema)]
#[schemars(rename = "CapacityPrices")]
pub(crate) struct Prices {
    pub per_million_wru: f64,
    pub per_million_rru: f64,
    pub per_wcu_hour: f64,
    pub per_rcu_hour: f64,
}

impl Default for Prices {
    fn default() -> Prices {
        Prices {
            per_million_wru: 0.625,
            per_million_rru: 0.125,
            per_wcu_hour: 0.00065,
            per_rcu_hour: 0.00013,
        }
    }
}

/// Provisioned capacity is sized for the average at this utilization (auto scaling's usual target).
pub(crate) const TARGET_UTILIZATION: f64 = 0.7;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Cost {
    pub write_units: f64,
    pub read_units: f64,
    pub hours: f64,
    pub on_demand: f64,
    pub provisioned: f64,
    /// Average utilization of provisioned capacity at which both cost the same.
    pub break_even_write_utilization: f64,
}

/// The on-demand bill for `write_units`/`read_units` consumed over `hours`, and what
/// provisioned capacity sized at [`TARGET_UTILIZATION`] of the average would cost.
pub(crate) fn cost(write_units: f64, read_units: f64, hours: f64, p: &Prices) -> Cost {
    let on_demand = write_units / 1e6 * p.per_million_wru + read_units / 1e6 * p.per_million_rru;
    let secs = (hours * 3600.0).max(1.0);
    let wcu = write_units / secs / TARGET_UTILIZATION;
    let rcu = read_units / secs / TARGET_UTILIZATION;
    let provisioned = (wcu * p.per_wcu_hour + rcu * p.per_rcu_hour) * hours;
    // One WRU/s for an hour on demand costs 3600 / 1e6 * price; provisioned costs per_wcu_hour.
    let break_even_write_utilization = p.per_wcu_hour / (3600.0 / 1e6 * p.per_million_wru);
    Cost {
        write_units,
        read_units,
        hours,
        on_demand,
        provisioned,
        break_even_write_utilization,
    }
}

impl crate::report::Evidence for Cost {}

crate::evidence! {
    /// `capacity.peak`
    struct PeakEvidence {
        peak_wcu_per_s: f64,
        peak_rcu_per_s: f64,
        write_limit: f64,
        read_limit: f64,
    }
}

pub(crate) fn cost_finding(check: CheckId, c: &Cost, period: &str) -> Finding {
    // Advice from zeros is no advice: without consumed capacity there is no load to price.
    if c.write_units + c.read_units <= 0.0 {
        return Finding::unknown(
            check,
            format!(
                "{}: no consumed capacity, no billing advice to give",
                crate::checks::evidence::no_traffic(&format!("the {period}"))
            ),
        )
        .evidence(c)
        .runbook(
            "Monthly Health Check 1: review cost trends; Quarterly Review 2: capacity planning",
        );
    }
    let cheaper = if c.provisioned < c.on_demand * 0.8 {
        "provisioned capacity would cost less at this steady a load (runbook: consider provisioned billing if predictable)"
    } else {
        "on-demand is right for this load"
    };
    Finding::ok(
        check,
        format!(
            "on-demand ≈ ${:.2} for the {period} ({:.0} WRU, {:.0} RRU); provisioned at {:.0}% utilization ≈ ${:.2}; break-even at {:.0}% average utilization: {cheaper}",
            c.on_demand,
            c.write_units,
            c.read_units,
            TARGET_UTILIZATION * 100.0,
            c.provisioned,
            c.break_even_write_utilization * 100.0
        ),
    )
    .evidence(c)
    .runbook("Monthly Health Check 1: review cost trends; Quarterly Review 2: capacity planning")
}

/// Daily totals of a 5-minute Sum series: (day, units).
pub(crate) fn daily(m: &MetricSet, key: &MetricKey) -> Vec<(DateTime<Utc>, f64)> {
    let mut days: Vec<(DateTime<Utc>, f64)> = Vec::new();
    for (t, v) in &m.series(key).points {
        let day = t
            .date_naive()
            .and_hms_opt(0, 0, 0)
            .expect("midnight")
            .and_utc();
        match days.last_mut() {
            Some((d, total)) if *d == day => *total += v,
            _ => days.push((day, *v)),
        }
    }
    days
}

/// Peak consumption per second (the highest 5-minute Sum / period) against the limit.
pub(crate) fn peak_finding(
    m: &MetricSet,
    table: &str,
    max_write: Option<i64>,
    max_read: Option<i64>,
) -> Finding {
    let period = f64::from(m.window.period);
    let peak = |metric: &str| {
        m.get(&MetricKey::table(metric, table, Stat::Sum))
            .and_then(|s| s.max())
            .map(|v| v / period)
            .unwrap_or(0.0)
    };
    let (w, r) = (
        peak("ConsumedWriteCapacityUnits"),
        peak("ConsumedReadCapacityUnits"),
    );
    let limit = |v: Option<i64>| {
        v.filter(|v| *v > 0)
            .map(|v| v as f64)
            .unwrap_or(ON_DEMAND_TABLE_QUOTA)
    };
    let (wl, rl) = (limit(max_write), limit(max_read));
    let summary = format!(
        "peak {w:.0} WCU/s of {wl:.0} and {r:.0} RCU/s of {rl:.0} (5-minute averages, last {})",
        crate::times::human(m.window.length())
    );
    let evidence = PeakEvidence {
        peak_wcu_per_s: w,
        peak_rcu_per_s: r,
        write_limit: wl,
        read_limit: rl,
    };
    if w > 0.8 * wl || r > 0.8 * rl {
        Finding::warn(CheckId::CapacityPeak, format!("{summary}: above 80% of the limit"))
            .remedy("raise the on-demand maximum or request a higher per-table quota (default 40,000) before it throttles")
    } else {
        Finding::ok(CheckId::CapacityPeak, summary)
    }
    .evidence(evidence)
    .runbook("Monthly Health Check 1; Alarm 1 resolution 2 (40K RCU/WCU)")
}

/// Consumed read and write units of the table and each GSI: what the capacity part reads.
pub(crate) fn consumed_keys(table: &str, gsis: &[String]) -> Vec<MetricKey> {
    std::iter::once(None)
        .chain(gsis.iter().map(|g| Some(g.as_str())))
        .flat_map(|r| {
            ["ConsumedWriteCapacityUnits", "ConsumedReadCapacityUnits"]
                .into_iter()
                .map(move |metric| MetricKey::resource(metric, table, r, Stat::Sum))
        })
        .collect()
}

/// Write and read units consumed in the window over `keys` (of [`consumed_keys`]).
pub(crate) fn consumed_units(m: &MetricSet, keys: &[MetricKey]) -> (f64, f64) {
    let units = |prefix: &str| {
        keys.iter()
            .filter(|k| k.metric.starts_with(prefix))
            .map(|k| m.total(k))
            .sum::<f64>()
            + 0.0
    };
    (units("ConsumedWrite"), units("ConsumedRead"))
}

/// The monthly capacity part (`capacity.peak`, `capacity.cost`) from the consumed-capacity
/// series of [`consumed_keys`]; `max` is the table's on-demand maximum (write, read).
pub fn evaluate(
    m: Result<&MetricSet, &AwsError>,
    table: &str,
    gsis: &[String],
    max: (Option<i64>, Option<i64>),
    p: &Prices,
) -> Vec<Finding> {
    let m = match m {
        Ok(m) => m,
        Err(e) => {
            return vec![Finding::unknown(
                CheckId::CapacityPeak,
                format!("could not read consumed capacity: {e}"),
            )];
        }
    };
    let keys = consumed_keys(table, gsis);
    let mut peak = peak_finding(m, table, max.0, max.1);
    let (status, gap) = crate::checks::evidence::unless_incomplete(peak.status, m, &keys[..2]);
    peak.status = status;
    peak.summary.push_str(&gap);
    let (write_units, read_units) = consumed_units(m, &keys);
    let c = cost(
        write_units,
        read_units,
        m.window.length().num_hours() as f64,
        p,
    );
    let mut cost = cost_finding(
        CheckId::CapacityCost,
        &c,
        &crate::times::human(m.window.length()),
    );
    let (status, gap) = crate::checks::evidence::unless_incomplete(cost.status, m, &keys);
    cost.status = status;
    cost.summary.push_str(&gap);
    vec![peak, cost]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cost_and_break_even() {
        let p = Prices::default();
        // 1,000 WRU/s for 30 days.
        let hours = 30.0 * 24.0;
        let units = 1000.0 * hours * 3600.0;
        let c = cost(units, 0.0, hours, &p);
        assert!((c.on_demand - units / 1e6 * 0.625).abs() < 1e-6);
        // Provisioned 1000/0.7 WCU for 720 h at $0.00065.
        assert!((c.provisioned - 1000.0 / 0.7 * 0.00065 * hours).abs() < 1e-6);
        assert!((c.break_even_write_utilization - 0.00065 / 0.00225).abs() < 1e-9);
        assert!(c.provisioned < c.on_demand);
    }

    /// docs/evidence.md: `capacity.peak` and `capacity.cost` (and `quarterly.cost`, the same
    /// finding) without their evidence.
    #[test]
    fn capacity_without_evidence() {
        use crate::aws::metrics::{Series, Window};
        use crate::checks::expect;
        use crate::report::Status;
        let p = Prices::default();
        let gsis = vec!["StatusIndex".to_owned()];
        let now = DateTime::from_timestamp(1_800_000_000, 0).expect("a valid time");
        let window = Window::last_at(chrono::Duration::days(30), now, 300);
        let set = |series: Vec<Series>| MetricSet::from_series(window, series);
        let series = |metric: &str, v: f64, problem: Option<&str>| Series {
            key: MetricKey::table(metric, "t", Stat::Sum),
            points: vec![(window.start, v)],
            problem: problem.map(str::to_owned),
        };

        // The read failed: unknown, and no bill made up from nothing.
        let denied = crate::checks::denied("cloudwatch", "GetMetricData");
        let out = evaluate(Err(&denied), "t", &gsis, (None, None), &p);
        assert_eq!(out.len(), 1, "{out:?}");
        expect(
            &out,
            "capacity.peak",
            Status::Unknown,
            "could not read consumed capacity",
        );

        // No datapoints: the peak is 0 (nothing consumed), the bill has no load to price.
        let out = evaluate(Ok(&set(vec![])), "t", &gsis, (None, None), &p);
        expect(&out, "capacity.peak", Status::Ok, "peak 0 WCU/s of 40000");
        let cost = expect(
            &out,
            "capacity.cost",
            Status::Unknown,
            "no traffic in the window (the 30d): no consumed capacity, no billing advice to give",
        );
        assert!(
            !cost.summary.contains("right for this load"),
            "{}",
            cost.summary
        );
        expect(
            &[cost_finding(
                CheckId::QuarterlyCost,
                &super::cost(0.0, 0.0, 2160.0, &p),
                "quarter",
            )],
            "quarterly.cost",
            Status::Unknown,
            "no traffic in the window (the quarter)",
        );

        // Traffic: both judged.
        let busy = set(vec![series("ConsumedWriteCapacityUnits", 3e6, None)]);
        let out = evaluate(Ok(&busy), "t", &gsis, (None, None), &p);
        expect(&out, "capacity.peak", Status::Ok, "peak 10000 WCU/s");
        expect(&out, "capacity.cost", Status::Ok, "on-demand");

        // The same, but CloudWatch's last page said PartialData for the table's writes.
        let partial = set(vec![series(
            "ConsumedWriteCapacityUnits",
            3e6,
            Some("PartialData"),
        )]);
        let out = evaluate(Ok(&partial), "t", &gsis, (None, None), &p);
        expect(&out, "capacity.peak", Status::Unknown, "incompletely");
        expect(&out, "capacity.cost", Status::Unknown, "incompletely");
    }
}
