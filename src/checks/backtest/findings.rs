//! One finding per replayed alarm, `alarm_backtest.{alarm}`.
//!
//! - not replayed, or no datapoint in the window: unknown (the alarm's metric may be misnamed);
//! - pages on at least 90% of the window's UTC days (a window of 7 days or more): warn, it
//!   fires every day;
//! - in ALARM for half of the evaluated periods or more: warn, it is stuck;
//! - no episode although some datapoints breached the threshold: warn, M of N never held, so it
//!   would have stayed silent at the window's worst;
//! - no episode and no breaching datapoint: ok, with the worst value against the threshold;
//! - otherwise ok, with the count, first, last and longest episode and the page rate.

use super::{Backtest, Summary};
use crate::report::Finding;
use crate::vocab::check_id::CheckId;

/// The runbook line a backtest answers.
pub const RUNBOOK: &str = "Monthly Health Check 4: update alarm thresholds based on usage patterns";

/// The share of days with a page from which an alarm "fires every day".
pub const EVERY_DAY_SHARE: f64 = 0.9;
/// The shortest window the every-day rule is applied to.
pub const EVERY_DAY_MIN_DAYS: f64 = 7.0;
/// The share of the window in ALARM from which an alarm is stuck.
pub const STUCK_SHARE: f64 = 0.5;

/// `1 h 5 min`, `3 d 2 h`, `45 s`.
pub fn duration_text(seconds: i64) -> String {
    let s = seconds.max(0);
    let (d, h, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{s} s"),
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, _) => format!("{d} d"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}

fn times(n: usize) -> String {
    match n {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    }
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

crate::evidence! {
    /// `alarm_backtest.*`: the replay of one alarm.
    struct BacktestEvidence<'a> {
        alarm: &'a str,
        window_start: chrono::DateTime<chrono::Utc>,
        window_end: chrono::DateTime<chrono::Utc>,
        threshold: Option<f64>,
        comparison: &'a super::rule::Comparison,
        evaluation: String,
        missing_data_applied: &'a super::rule::MissingData,
        datapoints: usize,
        periods: usize,
        breaching_periods: usize,
        worst: Option<&'a super::Worst>,
        summary: Option<&'a super::Summary>,
        suggestion: Option<&'a super::Suggestion>,
        caveats: &'a [String],
    }
}

/// The finding of one replay; `name` is the alarm's name without `{prefix}-{env}-`.
pub fn finding(b: &Backtest, name: &str) -> Finding {
    let check = CheckId::AlarmBacktest(name.to_owned());
    let evidence = BacktestEvidence {
        alarm: &b.alarm,
        window_start: b.window_start,
        window_end: b.window_end,
        threshold: b.threshold,
        comparison: &b.comparison,
        evaluation: format!(
            "{} of {} x {}s",
            b.datapoints_to_alarm, b.evaluation_periods, b.period_s
        ),
        missing_data_applied: &b.missing_data_applied,
        datapoints: b.datapoints,
        periods: b.periods,
        breaching_periods: b.breaching_periods,
        worst: b.worst.as_ref(),
        summary: b.summary.as_ref(),
        suggestion: b.suggestion.as_ref(),
        caveats: &b.caveats,
    };
    if let Some(why) = &b.not_replayed {
        return Finding::unknown(check, format!("{}: {why}", b.alarm))
            .evidence(evidence)
            .runbook(RUNBOOK);
    }
    let (Some(s), Some(threshold)) = (&b.summary, b.threshold) else {
        return Finding::unknown(check, format!("{}: not replayed", b.alarm))
            .evidence(evidence)
            .runbook(RUNBOOK);
    };
    let days = if s.days >= 2.0 {
        // plural-ok: 2 days or more here
        format!("{:.0} days", s.days)
    } else {
        duration_text((s.days * 86_400.0).round() as i64)
    };
    if b.datapoints == 0 {
        return Finding::unknown(
            check,
            format!(
                "{}: no datapoint of {} in the last {days}: nothing to replay (is the metric named right?)",
                b.alarm, b.watched
            ),
        )
        .evidence(evidence);
    }
    verdict(check, b, s, threshold, &days)
        .evidence(evidence)
        .runbook(RUNBOOK)
}

/// The verdict of a replay with data, by the rules of the module's documentation.
fn verdict(check: CheckId, b: &Backtest, s: &Summary, threshold: f64, days: &str) -> Finding {
    let op = b.comparison.symbol();
    let worst = b
        .worst
        .as_ref()
        .map(|w| {
            format!(
                "the worst value was {} at {}",
                number(w.value),
                w.at.format("%Y-%m-%d %H:%M UTC")
            )
        })
        .unwrap_or_default();
    let advice = suggestion_text(b, op);
    let every_day = s.days >= EVERY_DAY_MIN_DAYS
        && s.days_with_pages as f64 >= EVERY_DAY_SHARE * s.days.floor();
    if every_day {
        Finding::warn(
            check,
            format!(
                "{} fires every day: {} on {} of {days} ({:.1} a month){advice}",
                b.alarm,
                crate::vocab::words::count(s.pages, "page", "pages"),
                s.days_with_pages,
                s.pages_per_month
            ),
        )
        .remedy(format!("raise the threshold (now {op} {}) or require more datapoints to alarm; people stop reading an alarm that pages daily", number(threshold)))
    } else if s.alarm_share >= STUCK_SHARE {
        Finding::warn(
            check,
            format!(
                "{} would have been in ALARM {:.0}% of the last {days}{advice}",
                b.alarm,
                s.alarm_share * 100.0
            ),
        )
        .remedy("an alarm that stays in ALARM pages once and then hides every new problem: fix the condition or the threshold")
    } else if s.episodes == 0 && b.breaching_periods >= b.datapoints_to_alarm.max(1) as usize {
        Finding::warn(
            check,
            format!(
                "{} would never have fired in the last {days}: {} breached {op} {} but never {} of {} together; {worst}{advice}",
                b.alarm,
                crate::vocab::words::count(b.breaching_periods, "period", "periods"),
                number(threshold),
                b.datapoints_to_alarm,
                b.evaluation_periods
            ),
        )
        .remedy("it stays silent at the window's worst: lower the threshold or the datapoints to alarm if those periods mattered")
    } else if s.episodes == 0 && b.breaching_periods > 0 {
        // Fewer breaching periods than the alarm needs to fire at all: the blip its M of N is
        // built to ignore (as the monthly review's throttling ignores a burst that stopped).
        Finding::ok(
            check,
            format!(
                "{} would never have fired in the last {days}: {} breached {op} {}, fewer than the {} of {} it needs to fire (a blip it is built to ignore); {worst}{advice}",
                b.alarm,
                crate::vocab::words::count(b.breaching_periods, "period", "periods"),
                number(threshold),
                b.datapoints_to_alarm,
                b.evaluation_periods
            ),
        )
    } else if s.episodes == 0 {
        Finding::ok(
            check,
            format!(
                "{} would never have fired in the last {days}: {worst}, threshold {op} {}{advice}",
                b.alarm,
                number(threshold)
            ),
        )
    } else {
        let longest = s
            .longest
            .as_ref()
            .map(|e| duration_text(e.duration_s))
            .unwrap_or_default();
        let when = |t: Option<chrono::DateTime<chrono::Utc>>| {
            t.map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default()
        };
        Finding::ok(
            check,
            format!(
                "{} would have fired {} in the last {days} ({:.1} pages a month): first {}, last {}, longest {longest}{advice}",
                b.alarm,
                times(s.episodes),
                s.pages_per_month,
                when(s.first),
                when(s.last)
            ),
        )
    }
}

fn suggestion_text(b: &Backtest, op: &str) -> String {
    let Some(sg) = &b.suggestion else {
        return String::new();
    };
    let target = match sg.target_pages_per_month {
        1.0 => "1 page".to_owned(),
        n => number(n) + " pages",
    };
    match (sg.threshold, sg.pages_per_month) {
        (Some(t), Some(rate)) => format!(
            "; for at most {target} a month: {op} {} ({rate:.1} a month; now {op} {}, {:.1} a month)",
            number(t),
            number(sg.current_threshold),
            sg.current_pages_per_month
        ),
        _ => format!("; no threshold keeps it to {target} a month (missing data alone pages it)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_a_person_would_say_them() {
        for (s, want) in [
            (45, "45 s"),
            (300, "5 min"),
            (3600, "1 h"),
            (3900, "1 h 5 min"),
            (86_400, "1 d"),
            (93_600, "1 d 2 h"),
            (-5, "0 s"),
        ] {
            assert_eq!(duration_text(s), want);
        }
        assert_eq!(number(10.0), "10");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(1.0 / 3.0), "0.333");
    }
}
