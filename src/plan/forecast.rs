//! Next quarter's demand from the last one: monthly units and the peak, each with a 95%
//! prediction interval, the method named in the output.
//!
//! Method ([`METHOD`]): ordinary least squares on the complete UTC days of the history,
//! `units(day) = a + b·t + s(weekday)` (a linear trend and an additive effect per day of the week,
//! Monday the reference: 8 parameters). A sum over future days `F` is predicted as `Σ x(f)·β` with
//! variance `σ²(|F| + gᵀ(XᵀX)⁻¹g)`, `g = Σ x(f)`, `σ²` the residual variance on `n − 8` degrees
//! of freedom, and the interval is `± t(0.975, n − 8)·sd` (the t quantile from its Cornish-Fisher
//! expansion, within 0.002 of the table from 6 degrees of freedom up). It assumes independent
//! daily residuals: when days are correlated the interval is too narrow, which the output says.
//! A negative prediction is reported as 0.
//!
//! The peak: a day's total cannot show its busiest minute, so the projected peak is the busiest
//! projected day's total (with its single-day interval) times the highest ratio of peak-minute
//! rate to mean rate seen on complete days read at the finest period available (1 minute for the
//! last 15 days; 5-minute or 1-hour averages hide the minute, which the output says).
//!
//! Too little history (fewer than [`MIN_DAYS`] complete days, or a day of the week never seen)
//! is no forecast, with the reason.
//!
//! Against the anchors: amazon-dynamodb-tools' capacity-mode evaluator and
//! dynamodb-scaling-simulator price the past 14 days only; neither projects the next quarter nor
//! says how sure it is.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use super::demand::{Day, Demand};
use crate::report::{CheckId, Finding};

pub const METHOD: &str = "least-squares linear trend on daily totals with additive day-of-week effects; 95% prediction interval from the residuals (t quantile)";
pub const PEAK_METHOD: &str = "busiest projected day's total x the highest peak-minute-to-day-mean ratio seen on days read at the finest period";
/// Two weeks: every day of the week seen twice, and 6 residual degrees of freedom.
pub const MIN_DAYS: usize = 14;
const PARAMS: usize = 8;

/// A projected value with its 95% prediction interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub point: f64,
    pub low: f64,
    pub high: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthForecast {
    /// `YYYY-MM`.
    pub month: String,
    pub days: usize,
    pub units: Interval,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeakForecast {
    /// Units per second in the busiest minute.
    pub per_second: Interval,
    /// The busiest projected day.
    pub on: NaiveDate,
    pub peak_to_mean: f64,
    pub ratio_from_days: usize,
    /// The period the ratio's days were read at: 60 sees the minute; 300 or 3600 averages it.
    pub ratio_period_secs: u32,
    pub method: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Projection {
    pub method: &'static str,
    pub level: f64,
    pub history_days: usize,
    pub history_from: NaiveDate,
    pub history_to: NaiveDate,
    pub excluded_days: usize,
    pub trend_units_per_day: f64,
    /// The day-of-week effects, Monday first, in units per day, centred on their mean.
    pub day_of_week: [f64; 7],
    pub residual_sd: f64,
    pub horizon_from: NaiveDate,
    /// Exclusive.
    pub horizon_to: NaiveDate,
    pub months: Vec<MonthForecast>,
    pub quarter: Interval,
    pub peak: Option<PeakForecast>,
    /// Why there is no peak (no traffic on any complete day).
    pub peak_unknown: Option<String>,
    pub notes: Vec<String>,
}

/// Why there is no forecast.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Insufficient {
    pub reason: String,
    pub complete_days: usize,
    pub needed: usize,
}

/// The first day of the month after `day`: where "next quarter" starts by default.
pub fn next_month_start(day: NaiveDate) -> NaiveDate {
    let first = day.with_day(1).unwrap_or(day);
    first.checked_add_months(Months::new(1)).unwrap_or(first)
}

/// The upper 97.5% point of Student's t with `df` degrees of freedom (Cornish-Fisher).
pub(crate) fn t975(df: f64) -> f64 {
    let z: f64 = 1.959_963_985;
    let (z3, z5, z7) = (z.powi(3), z.powi(5), z.powi(7));
    z + (z3 + z) / (4.0 * df)
        + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * df * df)
        + (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / (384.0 * df.powi(3))
}

/// The inverse of a symmetric positive definite matrix by Gauss-Jordan with partial pivoting;
/// `None` when it is singular.
fn invert(mut a: [[f64; PARAMS]; PARAMS]) -> Option<[[f64; PARAMS]; PARAMS]> {
    let mut inv = [[0.0; PARAMS]; PARAMS];
    for (i, row) in inv.iter_mut().enumerate() {
        row[i] = 1.0;
    }
    let scale = a
        .iter()
        .flatten()
        .fold(0.0f64, |m, v| m.max(v.abs()))
        .max(1.0);
    for col in 0..PARAMS {
        let pivot = (col..PARAMS).max_by(|x, y| a[*x][col].abs().total_cmp(&a[*y][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 * scale {
            return None;
        }
        a.swap(col, pivot);
        inv.swap(col, pivot);
        let p = a[col][col];
        for k in 0..PARAMS {
            a[col][k] /= p;
            inv[col][k] /= p;
        }
        for r in 0..PARAMS {
            if r != col {
                let f = a[r][col];
                for k in 0..PARAMS {
                    a[r][k] -= f * a[col][k];
                    inv[r][k] -= f * inv[col][k];
                }
            }
        }
    }
    Some(inv)
}

/// The fitted model: what a prediction needs.
struct Fit {
    d0: NaiveDate,
    t_mean: f64,
    beta: [f64; PARAMS],
    inv: [[f64; PARAMS]; PARAMS],
    sigma: f64,
    tq: f64,
}

fn row(d0: NaiveDate, t_mean: f64, date: NaiveDate) -> [f64; PARAMS] {
    let mut x = [0.0; PARAMS];
    x[0] = 1.0;
    x[1] = (date - d0).num_days() as f64 - t_mean;
    let dow = date.weekday().num_days_from_monday() as usize;
    if dow > 0 {
        x[1 + dow] = 1.0;
    }
    x
}

fn dot(a: &[f64; PARAMS], b: &[f64; PARAMS]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn fit(days: &[Day]) -> Result<Fit, String> {
    let mut seen = [false; 7];
    for d in days {
        seen[d.date.weekday().num_days_from_monday() as usize] = true;
    }
    if let Some(missing) = seen.iter().position(|s| !s) {
        let name = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ];
        return Err(format!("no complete {} in the history", name[missing]));
    }
    let d0 = days[0].date;
    let n = days.len() as f64;
    let t_mean = days
        .iter()
        .map(|d| (d.date - d0).num_days() as f64)
        .sum::<f64>()
        / n;
    let mut xtx = [[0.0; PARAMS]; PARAMS];
    let mut xty = [0.0; PARAMS];
    for d in days {
        let x = row(d0, t_mean, d.date);
        for i in 0..PARAMS {
            xty[i] += x[i] * d.units;
            for j in 0..PARAMS {
                xtx[i][j] += x[i] * x[j];
            }
        }
    }
    let inv = invert(xtx).ok_or("the days do not determine a trend")?;
    let mut beta = [0.0; PARAMS];
    for (i, b) in beta.iter_mut().enumerate() {
        *b = dot(&inv[i], &xty);
    }
    let rss: f64 = days
        .iter()
        .map(|d| (d.units - dot(&row(d0, t_mean, d.date), &beta)).powi(2))
        .sum();
    let df = n - PARAMS as f64;
    Ok(Fit {
        d0,
        t_mean,
        beta,
        inv,
        sigma: (rss / df).sqrt(),
        tq: t975(df),
    })
}

impl Fit {
    /// The sum over `dates` with its interval.
    fn sum(&self, dates: &[NaiveDate]) -> Interval {
        let mut g = [0.0; PARAMS];
        for d in dates {
            let x = row(self.d0, self.t_mean, *d);
            for (gi, xi) in g.iter_mut().zip(x) {
                *gi += xi;
            }
        }
        let point = dot(&g, &self.beta);
        let quad: f64 = (0..PARAMS).map(|i| g[i] * dot(&self.inv[i], &g)).sum();
        let half = self.tq * self.sigma * (dates.len() as f64 + quad).max(0.0).sqrt();
        Interval {
            point: point.max(0.0),
            low: (point - half).max(0.0),
            high: (point + half).max(0.0),
        }
    }

    fn day_of_week(&self) -> [f64; 7] {
        let mut s = [0.0; 7];
        s[1..].copy_from_slice(&self.beta[2..]);
        let mean = s.iter().sum::<f64>() / 7.0;
        s.map(|v| v - mean)
    }
}

fn dates(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    from.iter_days().take_while(|d| *d < to).collect()
}

/// The peak from the busiest projected day and the peak-to-mean ratio of the finest-read days.
fn peak(fit: &Fit, days: &[Day], horizon: &[NaiveDate]) -> Result<PeakForecast, String> {
    let busy: Vec<&Day> = days.iter().filter(|d| d.units > 0.0).collect();
    let finest = busy
        .iter()
        .map(|d| d.coarsest_period_secs)
        .min()
        .ok_or("no traffic on any complete day: no peak to project")?;
    let ratio_days: Vec<&&Day> = busy
        .iter()
        .filter(|d| d.coarsest_period_secs == finest)
        .collect();
    let ratio = ratio_days
        .iter()
        .map(|d| d.peak_per_second / (d.units / 86_400.0))
        .fold(0.0, f64::max);
    let (on, _) = horizon
        .iter()
        .map(|d| (*d, fit.sum(&[*d]).point))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .ok_or("no day to project")?;
    let day = fit.sum(&[on]);
    let per_second = |units: f64| units / 86_400.0 * ratio;
    Ok(PeakForecast {
        per_second: Interval {
            point: per_second(day.point),
            low: per_second(day.low),
            high: per_second(day.high),
        },
        on,
        peak_to_mean: ratio,
        ratio_from_days: ratio_days.len(),
        ratio_period_secs: finest,
        method: PEAK_METHOD,
    })
}

/// Next `months` calendar months from `horizon_from` (a first of the month, as
/// [`next_month_start`] gives) projected from `demand`.
pub fn forecast(
    demand: &Demand,
    horizon_from: NaiveDate,
    months: u32,
) -> Result<Projection, Insufficient> {
    let all = demand.daily();
    let days: Vec<Day> = all.iter().copied().filter(|d| d.complete).collect();
    let insufficient = |reason: String| Insufficient {
        reason,
        complete_days: days.len(),
        needed: MIN_DAYS,
    };
    if days.len() < MIN_DAYS {
        return Err(insufficient(format!(
            "{} complete days of history, at least {MIN_DAYS} needed for a trend with weekly seasonality",
            days.len()
        )));
    }
    let fit = fit(&days).map_err(insufficient)?;
    let month_start = |k: u32| {
        horizon_from
            .checked_add_months(Months::new(k))
            .unwrap_or(horizon_from)
    };
    let horizon_to = month_start(months);
    let monthly: Vec<MonthForecast> = (0..months)
        .map(|k| {
            let span = dates(month_start(k), month_start(k + 1));
            MonthForecast {
                month: month_start(k).format("%Y-%m").to_string(),
                days: span.len(),
                units: fit.sum(&span),
            }
        })
        .collect();
    let horizon = dates(horizon_from, horizon_to);
    let quarter = fit.sum(&horizon);
    let (peak, peak_unknown) = match peak(&fit, &days, &horizon) {
        Ok(p) => (Some(p), None),
        Err(e) => (None, Some(e)),
    };
    let mut notes = vec![
        "the interval assumes day-to-day residuals are independent; correlated days make it too narrow".to_owned(),
    ];
    if let Some(p) = peak.as_ref().filter(|p| p.ratio_period_secs > 60) {
        notes.push(format!(
            "no complete day was read at 1 minute: the peak ratio comes from {}-second averages and understates the busiest minute",
            p.ratio_period_secs
        ));
    }
    Ok(Projection {
        method: METHOD,
        level: 0.95,
        history_days: days.len(),
        history_from: days[0].date,
        history_to: days[days.len() - 1].date,
        excluded_days: all.len() - days.len(),
        trend_units_per_day: fit.beta[1],
        day_of_week: fit.day_of_week(),
        residual_sd: fit.sigma,
        horizon_from,
        horizon_to,
        months: monthly,
        quarter,
        peak,
        peak_unknown,
        notes,
    })
}

/// Large unit counts for a summary: `1.23 billion`, `45.6 million`, `7,890`.
fn human_units(u: f64) -> String {
    if u >= 1e9 {
        format!("{:.2} billion", u / 1e9)
    } else if u >= 1e6 {
        format!("{:.1} million", u / 1e6)
    } else {
        format!("{u:.0}")
    }
}

/// One dimension's part of the summary, and whether its peak nears `limit` (units/s).
fn describe(name: &str, p: &Projection, limit: f64) -> (String, bool) {
    let q = p.quarter;
    let mut text = format!(
        // plural-ok: a rounded rate (1.2k), not a count
        "{name} {} units ({} to {})",
        human_units(q.point),
        human_units(q.low),
        human_units(q.high)
    );
    let mut near = false;
    if let Some(peak) = &p.peak {
        let s = peak.per_second;
        text.push_str(&format!(
            ", peak {:.0}/s ({:.0} to {:.0})",
            s.point, s.low, s.high
        ));
        near = s.high > 0.8 * limit;
        if near {
            text.push_str(&format!(" near the limit of {limit:.0}/s"));
        }
    }
    (text, near)
}

crate::evidence! {
    /// `quarterly.forecast`: each projection, or why there is none (`{"Ok": ...}` or
    /// `{"Err": ...}`, as a `Result` serialises).
    struct ForecastEvidence<'a> {
        writes: Result<&'a Projection, &'a Insufficient>,
        reads: Result<&'a Projection, &'a Insufficient>,
        limits_per_second: Limits,
    }
    struct Limits { write: f64, read: f64 }
}

/// `quarterly.forecast`: the next quarter's writes and reads; warn when a projected peak's upper
/// bound passes 80% of the table's limit (its maximum on-demand throughput or quota: `limits`,
/// writes then reads, units/s); unknown when either dimension has too little history.
pub fn finding(
    writes: &Result<Projection, Insufficient>,
    reads: &Result<Projection, Insufficient>,
    limits: (f64, f64),
) -> Finding {
    let runbook = "Quarterly Review 2: project capacity needs for next quarter";
    let evidence = ForecastEvidence {
        writes: writes.as_ref(),
        reads: reads.as_ref(),
        limits_per_second: Limits {
            write: limits.0,
            read: limits.1,
        },
    };
    let (w, r) = match (writes, reads) {
        (Ok(w), Ok(r)) => (w, r),
        (Err(e), _) | (_, Err(e)) => {
            return Finding::unknown(
                CheckId::QuarterlyForecast,
                format!("no forecast: {}", e.reason),
            )
            .evidence(evidence)
            .runbook(runbook);
        }
    };
    let (wt, wnear) = describe("writes", w, limits.0);
    let (rt, rnear) = describe("reads", r, limits.1);
    let summary = format!(
        "{} to {}: {wt}; {rt} (95% intervals; {} of history; {})",
        w.horizon_from,
        w.horizon_to.pred_opt().unwrap_or(w.horizon_to),
        crate::vocab::words::count(w.history_days, "day", "days"),
        w.method
    );
    if wnear || rnear {
        Finding::warn(CheckId::QuarterlyForecast, summary).remedy(
            "raise the table's maximum on-demand throughput or request a higher per-table quota before the quarter starts",
        )
    } else {
        Finding::ok(CheckId::QuarterlyForecast, summary)
    }
    .evidence(evidence)
    .runbook(runbook)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Duration, Utc};

    // clock-free: a pure function given its history; the dates never meet the clock.
    fn monday() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2999-01-07T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    /// `days` days from a Monday; each day's units spread over its minutes, one minute holding
    /// `peak_minute` of them (0: flat).
    fn history(totals: &[f64], period: u32, peak_minute: f64) -> Demand {
        let mut units = Vec::new();
        for total in totals {
            let (first, rest) = if peak_minute > 0.0 {
                (peak_minute, (total - peak_minute) / 1439.0)
            } else {
                (total / 1440.0, total / 1440.0)
            };
            units.push(Some(first));
            units.extend(std::iter::repeat_n(Some(rest), 1439));
        }
        let n = units.len();
        Demand {
            start: monday(),
            units,
            resolution: vec![period; n],
            consumed_units: totals.iter().sum(),
            throttled_units: 0.0,
            units_per_event: 1.0,
        }
    }

    #[test]
    fn t_quantile_matches_the_table() {
        for (df, want) in [(6.0, 2.447), (10.0, 2.228), (30.0, 2.042), (1000.0, 1.962)] {
            assert!((t975(df) - want).abs() < 0.002, "df {df}: {}", t975(df));
        }
    }

    #[test]
    fn an_exact_trend_with_weekly_seasonality_is_recovered_with_a_zero_width_interval() {
        // 1,000 units a day growing by 10 a day, weekends 300 lower: no noise at all.
        let totals: Vec<f64> = (0..28)
            .map(|d| 1000.0 + 10.0 * d as f64 - if d % 7 >= 5 { 300.0 } else { 0.0 })
            .collect();
        let p = forecast(
            &history(&totals, 60, 0.0),
            NaiveDate::from_ymd_opt(2999, 2, 1).unwrap(),
            3,
        )
        .unwrap();
        assert!(
            (p.trend_units_per_day - 10.0).abs() < 1e-6,
            "{}",
            p.trend_units_per_day
        );
        assert!(p.residual_sd < 1e-6, "{}", p.residual_sd);
        // Saturday's effect is 300 below the weekdays': centred, weekdays +85.7, weekends -214.3.
        assert!(
            (p.day_of_week[0] - p.day_of_week[5] - 300.0).abs() < 1e-6,
            "{:?}",
            p.day_of_week
        );
        // February 2999: day t = 25..52 after 2999-01-07; the exact sum by hand.
        let feb: f64 = (25..53)
            .map(|t| {
                let date = NaiveDate::from_ymd_opt(2999, 1, 7).unwrap() + Duration::days(t);
                let weekend = date.weekday().num_days_from_monday() >= 5;
                1000.0 + 10.0 * t as f64 - if weekend { 300.0 } else { 0.0 }
            })
            .sum();
        assert_eq!(p.months[0].month, "2999-02");
        assert_eq!(p.months[0].days, 28);
        assert!(
            (p.months[0].units.point - feb).abs() < 1e-3,
            "{} vs {feb}",
            p.months[0].units.point
        );
        assert!((p.months[0].units.high - p.months[0].units.low).abs() < 1e-3);
        assert_eq!(p.months.len(), 3);
        assert_eq!(p.horizon_to, NaiveDate::from_ymd_opt(2999, 5, 1).unwrap());
        let months_sum: f64 = p.months.iter().map(|m| m.units.point).sum();
        assert!((p.quarter.point - months_sum).abs() < 1e-3);
    }

    #[test]
    fn noise_widens_the_interval_and_it_covers_the_truth() {
        // A flat 10,000 a day with alternating +-500: the interval must hold 10,000 x days.
        let totals: Vec<f64> = (0..42)
            .map(|d| 10_000.0 + if d % 2 == 0 { 500.0 } else { -500.0 })
            .collect();
        let p = forecast(
            &history(&totals, 60, 0.0),
            NaiveDate::from_ymd_opt(2999, 3, 1).unwrap(),
            3,
        )
        .unwrap();
        let m = &p.months[0];
        let truth = 10_000.0 * m.days as f64;
        assert!(m.units.low < truth && truth < m.units.high, "{m:?}");
        assert!(m.units.high - m.units.low > 1000.0, "{m:?}");
        assert!(p.residual_sd > 400.0, "{}", p.residual_sd);
    }

    #[test]
    fn the_peak_is_the_busiest_day_times_the_peak_to_mean_ratio_of_1_minute_days() {
        // 86,400 units a day = 1 unit/s on average; the busiest minute holds 600 (10 units/s).
        let totals = vec![86_400.0; 21];
        let p = forecast(
            &history(&totals, 60, 600.0),
            NaiveDate::from_ymd_opt(2999, 2, 1).unwrap(),
            3,
        )
        .unwrap();
        let peak = p.peak.unwrap();
        assert!(
            (peak.peak_to_mean - 10.0).abs() < 1e-9,
            "{}",
            peak.peak_to_mean
        );
        assert!(
            (peak.per_second.point - 10.0).abs() < 1e-6,
            "{:?}",
            peak.per_second
        );
        assert_eq!(peak.ratio_period_secs, 60);
        assert_eq!(peak.ratio_from_days, 21);
        assert_eq!(p.notes.len(), 1, "{:?}", p.notes);
        // Read at 5 minutes only: the same ratio is reported, and said to understate.
        let p = forecast(
            &history(&totals, 300, 600.0),
            NaiveDate::from_ymd_opt(2999, 2, 1).unwrap(),
            3,
        )
        .unwrap();
        assert_eq!(p.peak.unwrap().ratio_period_secs, 300);
        assert!(
            p.notes[1].contains("understates the busiest minute"),
            "{:?}",
            p.notes
        );
    }

    #[test]
    fn too_little_history_is_no_forecast_with_the_reason() {
        let e = forecast(
            &history(&[100.0; 13], 60, 0.0),
            NaiveDate::from_ymd_opt(2999, 2, 1).unwrap(),
            3,
        )
        .unwrap_err();
        assert_eq!(e.complete_days, 13);
        assert_eq!(
            e.reason,
            "13 complete days of history, at least 14 needed for a trend with weekly seasonality"
        );
        // 14 complete days, but a gap minute on every Tuesday: Tuesday is never seen whole.
        let mut d = history(&[100.0; 17], 60, 0.0);
        for tuesday in [1, 8, 15] {
            d.units[tuesday * 1440 + 5] = None;
        }
        let e = forecast(&d, NaiveDate::from_ymd_opt(2999, 2, 1).unwrap(), 3).unwrap_err();
        assert_eq!(e.reason, "no complete Tuesday in the history");
    }

    #[test]
    fn a_table_without_traffic_has_a_zero_forecast_and_no_peak() {
        let p = forecast(
            &history(&[0.0; 14], 60, 0.0),
            NaiveDate::from_ymd_opt(2999, 2, 1).unwrap(),
            3,
        )
        .unwrap();
        assert_eq!(
            p.quarter,
            Interval {
                point: 0.0,
                low: 0.0,
                high: 0.0
            }
        );
        assert_eq!(p.peak, None);
        assert_eq!(
            p.peak_unknown.as_deref(),
            Some("no traffic on any complete day: no peak to project")
        );
    }

    #[test]
    fn next_quarter_starts_the_month_after() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(next_month_start(d(2999, 12, 31)), d(3000, 1, 1));
        assert_eq!(next_month_start(d(2999, 2, 1)), d(2999, 3, 1));
    }

    #[test]
    fn the_finding_warns_near_the_limit_and_is_unknown_without_history() {
        use crate::report::Status;
        let from = NaiveDate::from_ymd_opt(2999, 2, 1).unwrap();
        let busy = forecast(&history(&[86_400.0; 21], 60, 600.0), from, 3);
        let quiet = forecast(&history(&[8_640.0; 21], 60, 0.0), from, 3);
        let f = finding(&busy, &quiet, (40_000.0, 40_000.0));
        assert_eq!(f.status, Status::Ok, "{}", f.summary);
        // 86,400 a day for the 89 days of February to April: 7,689,600; reads 8,640 a day.
        assert!(
            f.summary.starts_with("2999-02-01 to 2999-04-30: writes 7.7 million units (7.7 million to 7.7 million), peak 10/s (10 to 10); reads 768960 units"),
            "{}",
            f.summary
        );
        assert!(f.summary.contains("peak 10/s (10 to 10)"), "{}", f.summary);
        let f = finding(&busy, &quiet, (12.0, 40_000.0));
        assert_eq!(f.status, Status::Warn);
        assert!(
            f.summary.contains("near the limit of 12/s"),
            "{}",
            f.summary
        );
        let short = forecast(&history(&[1.0; 3], 60, 0.0), from, 3);
        let f = finding(&busy, &short, (40_000.0, 40_000.0));
        assert_eq!(f.status, Status::Unknown);
        assert!(
            f.summary
                .starts_with("no forecast: 3 complete days of history"),
            "{}",
            f.summary
        );
    }
}
