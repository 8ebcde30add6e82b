//! The window a replay reads, from how long CloudWatch keeps datapoints of the alarm's period.
//!
//! CloudWatch keeps 1-minute datapoints 15 days, 5-minute ones 63 days and 1-hour ones 455 days
//! (high-resolution, under a minute, 3 hours); GetMetricData returns nothing for a start time
//! older than 15 days unless the period is a multiple of 300 s, older than 63 days unless it is a
//! multiple of 3600 s. A replay runs at the alarm's own period (a coarser one would replay
//! another rule), so when the alarm's period is finer than what CloudWatch keeps for the days
//! asked, the window is cut to what is kept and says so.
//! <https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html>,
//! <https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricStat.html>

use aws_sdk_cloudwatch::types::{MetricDataResult, StatusCode};
use chrono::{DateTime, Duration, Utc};

use super::History;
use super::sdk::history_from_results;

/// The window of one replay.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplayWindow {
    /// Aligned to the alarm's period; only whole periods that have closed.
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Why the window is shorter than the days asked; `None` when it is not.
    pub shortened: Option<String>,
}

/// How long CloudWatch keeps datapoints at `period` seconds.
pub fn kept_for(period: i32) -> Duration {
    match period {
        p if p > 0 && p % 3600 == 0 => Duration::days(455),
        p if p > 0 && p % 300 == 0 => Duration::days(63),
        p if p > 0 && p % 60 == 0 => Duration::days(15),
        _ => Duration::hours(3),
    }
}

fn floor(t: DateTime<Utc>, period: i64) -> DateTime<Utc> {
    let s = t.timestamp();
    DateTime::from_timestamp(s - s.rem_euclid(period), 0).unwrap_or(t)
}

fn ceil(t: DateTime<Utc>, period: i64) -> DateTime<Utc> {
    let f = floor(t, period);
    if f < t {
        f + Duration::seconds(period)
    } else {
        f
    }
}

/// The last `days` days at `period`, ending with the last period that has closed by `now`,
/// cut to what CloudWatch keeps at that period.
pub fn replay_window(period: i32, days: u32, now: DateTime<Utc>) -> ReplayWindow {
    let p = i64::from(period.max(1));
    let end = floor(now, p);
    let asked = end - Duration::days(i64::from(days));
    let kept = kept_for(period);
    // The oldest start GetMetricData still answers at this period, strictly inside the
    // retention (a start exactly 15 days back is already past it).
    let oldest = ceil(now - kept + Duration::seconds(1), p);
    if asked >= oldest {
        return ReplayWindow {
            start: ceil(asked, p),
            end,
            shortened: None,
        };
    }
    let kept_text = if kept >= Duration::days(1) {
        // plural-ok: CloudWatch keeps 3 hours, 15, 63 or 455 days: never one of either
        format!("{} days", kept.num_days())
    } else {
        // plural-ok: CloudWatch keeps 3 hours, 15, 63 or 455 days: never one of either
        format!("{} hours", kept.num_hours())
    };
    ReplayWindow {
        start: oldest,
        end,
        shortened: Some(format!(
            "its period ({period} s) is finer than what CloudWatch keeps beyond {kept_text}: replayed over the last {kept_text}, not the {} asked",
            crate::vocab::words::plural(days, "day", "days")
        )),
    }
}

/// The history of a replay from GetMetricData's pages, in whatever order they came (AWS
/// answers newest first unless asked otherwise; the emulator always oldest first): each series
/// sorted by time, one datapoint per timestamp.
pub fn sorted_history(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    results: &[MetricDataResult],
) -> History {
    let mut h = history_from_results(start, end, results);
    for s in &mut h.series {
        s.points.sort_by_key(|(t, _)| *t);
        s.points.dedup_by_key(|(t, _)| *t);
    }
    if let Some(c) = &mut h.sample_counts {
        c.sort_by_key(|(t, _)| *t);
        c.dedup_by_key(|(t, _)| *t);
    }
    h
}

/// What CloudWatch said it could not return: the status of each query on the last page that
/// reported it, when not Complete. PartialData on an earlier page only means "more on the next
/// page"; on the last one it is a gap.
/// <https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataResult.html>
pub fn gaps(results: &[MetricDataResult]) -> Vec<String> {
    let mut last: Vec<(&str, &MetricDataResult)> = Vec::new();
    for r in results {
        let Some(id) = r.id() else { continue };
        match last.iter_mut().find(|(i, _)| *i == id) {
            Some(slot) => slot.1 = r,
            None => last.push((id, r)),
        }
    }
    last.into_iter()
        .filter_map(|(id, r)| match r.status_code() {
            Some(StatusCode::Complete) | None => None,
            Some(s) => {
                let why: Vec<&str> = r.messages().iter().filter_map(|m| m.value()).collect();
                Some(format!(
                    "GetMetricData answered {} for `{id}`{}: the replay misses datapoints CloudWatch did not return",
                    s.as_str(),
                    if why.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", why.join("; "))
                    }
                ))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_cloudwatch::primitives::DateTime as SdkTime;

    // clock-free: pure functions given their `now`.
    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_window_is_cut_to_what_cloudwatch_keeps_at_the_alarm_period() {
        let now = at("2000-03-01T12:07:30Z");
        // 300 s over 30 days: kept 63 days, whole periods only.
        let w = replay_window(300, 30, now);
        assert_eq!(w.end, at("2000-03-01T12:05:00Z"));
        assert_eq!(w.start, at("2000-01-31T12:05:00Z"));
        assert_eq!(w.shortened, None);
        // 60 s over 30 days: 1-minute data is kept 15 days only.
        let w = replay_window(60, 30, now);
        assert_eq!(w.end, at("2000-03-01T12:07:00Z"));
        assert_eq!(w.start, at("2000-02-15T12:08:00Z"));
        assert!(w.shortened.as_deref().unwrap().contains("15 days"), "{w:?}");
        // 60 s over 14 days: inside the retention.
        assert_eq!(replay_window(60, 14, now).shortened, None);
        // 300 s over 90 days: 63 days; 3600 s over 90: kept.
        assert!(
            replay_window(300, 90, now)
                .shortened
                .unwrap()
                .contains("63 days")
        );
        assert_eq!(replay_window(3600, 90, now).shortened, None);
        // High resolution: 3 hours.
        let w = replay_window(10, 1, now);
        assert!(w.shortened.unwrap().contains("3 hours"));
        assert_eq!(w.end - w.start, Duration::hours(3) - Duration::seconds(10));
        assert_eq!(kept_for(900), Duration::days(63));
        assert_eq!(kept_for(120), Duration::days(15));
    }

    fn result(id: &str, secs: &[i64], status: StatusCode) -> MetricDataResult {
        MetricDataResult::builder()
            .id(id)
            .set_timestamps(Some(secs.iter().map(|s| SdkTime::from_secs(*s)).collect()))
            .set_values(Some(secs.iter().map(|s| *s as f64).collect()))
            .status_code(status)
            .build()
    }

    #[test]
    fn newest_first_pages_become_one_series_oldest_first() {
        let start = DateTime::from_timestamp(946_857_600, 0).unwrap();
        let end = start + Duration::hours(1);
        let base = 946_857_600;
        let pages = [
            result("m1", &[base + 900, base + 600], StatusCode::PartialData),
            result("m1", &[base + 300, base], StatusCode::Complete),
        ];
        let h = sorted_history(start, end, &pages);
        let times: Vec<i64> = h.series[0]
            .points
            .iter()
            .map(|(t, _)| t.timestamp())
            .collect();
        assert_eq!(times, [base, base + 300, base + 600, base + 900]);
        assert!(gaps(&pages).is_empty(), "PartialData before the last page");
        let cut = [result("m1", &[base], StatusCode::PartialData)];
        assert_eq!(gaps(&cut).len(), 1);
        assert!(gaps(&cut)[0].contains("PartialData"));
    }
}
