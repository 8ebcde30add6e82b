//! Times and durations as operators type them: RFC 3339, `now`, `1h`, `7d`, `2h ago`.
//!
//! Parsing never reads the clock; a [`TimeArg`] is resolved against one `now` per command so that
//! every window in a report ends at the same instant.

use chrono::{DateTime, Duration, NaiveDate, Utc};

/// An instant given on the command line, relative or absolute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeArg {
    Absolute(DateTime<Utc>),
    /// `2h`, `2h ago`: that long before now.
    Ago(Duration),
    Now,
}

impl TimeArg {
    pub(crate) fn resolve(self, now: DateTime<Utc>) -> DateTime<Utc> {
        match self {
            TimeArg::Absolute(t) => t,
            TimeArg::Ago(d) => now
                .checked_sub_signed(d)
                .unwrap_or(DateTime::<Utc>::MIN_UTC),
            TimeArg::Now => now,
        }
    }
}

/// Parses `now`, a duration (`1h`, `7d`, `90m`, `1h30m`) with or without ` ago`, an RFC 3339
/// timestamp (any offset, fraction optional) or a date (`2025-11-10`, midnight UTC).
pub(crate) fn parse_time_arg(text: &str) -> Result<TimeArg, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("empty time; give RFC 3339 (2025-11-10T12:00:00Z), a date, `now` or a duration like `2h ago`".into());
    }
    if t.eq_ignore_ascii_case("now") {
        return Ok(TimeArg::Now);
    }
    let relative = t.strip_suffix("ago").map(str::trim_end).unwrap_or(t);
    if let Ok(d) = parse_duration(relative) {
        return Ok(TimeArg::Ago(d));
    }
    if let Ok(ts) = parse_rfc3339(t) {
        return Ok(TimeArg::Absolute(ts));
    }
    if let Ok(date) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        let midnight = date.and_hms_opt(0, 0, 0).expect("midnight exists");
        return Ok(TimeArg::Absolute(midnight.and_utc()));
    }
    Err(format!(
        "`{t}` is not a time; give RFC 3339 (2025-11-10T12:00:00Z), a date (2025-11-10), `now` or a duration like `2h ago`"
    ))
}

/// Parses any RFC 3339 timestamp (`Z` or `+00:00`, with or without a fraction) into UTC.
pub(crate) fn parse_rfc3339(text: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc))
}

/// The longest duration accepted: 100 years.
pub(crate) const MAX_DAYS: i64 = 36_525;

/// Parses a positive duration: `30s`, `5m`, `1h`, `7d`, `2w`, or a sum like `1h30m`.
pub(crate) fn parse_duration(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let bad = || {
        format!("`{t}` is not a duration; use a number and a unit: 30s, 5m, 1h, 7d, 2w (or 1h30m)")
    };
    if t.is_empty() {
        return Err(bad());
    }
    let mut total = Duration::zero();
    let mut digits = String::new();
    for c in t.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if digits.is_empty() {
            return Err(bad());
        }
        let n: i64 = digits.parse().map_err(|_| bad())?;
        digits.clear();
        let seconds_per_unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'w' => 7 * 86_400,
            _ => return Err(bad()),
        };
        let add = n
            .checked_mul(seconds_per_unit)
            .and_then(Duration::try_seconds)
            .ok_or_else(bad)?;
        total = total.checked_add(&add).ok_or_else(bad)?;
    }
    if !digits.is_empty() || total <= Duration::zero() {
        return Err(bad());
    }
    // Longer than any window or retention makes sense for (and than dates can subtract).
    if total > Duration::days(MAX_DAYS) {
        // plural-ok: MAX_DAYS is a constant over 1
        return Err(format!("`{t}` is longer than {MAX_DAYS} days"));
    }
    Ok(total)
}

/// Clap adapter for positive durations.
pub(crate) fn duration_arg(text: &str) -> Result<Duration, String> {
    parse_duration(text)
}

/// `2h 5m`, `3d 4h`, `45s`, `850ms`: a short human duration.
pub fn human(d: Duration) -> String {
    let ms = d.num_milliseconds();
    if ms.abs() < 1000 {
        return format!("{ms}ms");
    }
    let secs = d.num_seconds();
    let sign = if secs < 0 { "-" } else { "" };
    let s = secs.abs();
    let (days, hours, minutes, seconds) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60, s % 60);
    let text = if days > 0 && hours == 0 {
        format!("{days}d")
    } else if days > 0 {
        format!("{days}d {hours}h")
    } else if hours > 0 && minutes == 0 {
        format!("{hours}h")
    } else if hours > 0 {
        format!("{hours}h {minutes}m")
    } else if minutes > 0 {
        format!("{minutes}m {seconds}s")
    } else {
        format!("{}.{:01}s", seconds, (ms.abs() % 1000) / 100)
    };
    format!("{sign}{text}")
}

/// RFC 3339 with seconds, for reports.
pub(crate) fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s").unwrap(), Duration::seconds(90));
        assert_eq!(parse_duration("1h30m").unwrap(), Duration::minutes(90));
        assert_eq!(parse_duration("7d").unwrap(), Duration::days(7));
        for bad in [
            "",
            "h",
            "10",
            "1x",
            "0s",
            "-1h",
            "1.5h",
            "99999999999999999999d",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn time_args() {
        let now = Utc.with_ymd_and_hms(2025, 11, 11, 12, 0, 0).unwrap();
        assert_eq!(parse_time_arg("now").unwrap().resolve(now), now);
        assert_eq!(
            parse_time_arg("2h ago").unwrap().resolve(now),
            now - Duration::hours(2)
        );
        assert_eq!(
            parse_time_arg("2h").unwrap().resolve(now),
            now - Duration::hours(2)
        );
        assert_eq!(
            // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
            parse_time_arg("2025-11-10T12:00:00+00:00")
                .unwrap()
                .resolve(now),
            Utc.with_ymd_and_hms(2025, 11, 10, 12, 0, 0).unwrap()
        );
        assert_eq!(
            parse_time_arg("2025-11-10").unwrap().resolve(now),
            Utc.with_ymd_and_hms(2025, 11, 10, 0, 0, 0).unwrap()
        );
        for bad in [
            "",
            "yesterday",
            "2025-13-01",
            "12:00",
            " 52499052461d03d     ",
        ] {
            assert!(parse_time_arg(bad).is_err(), "{bad}");
        }
        // Never a panic, whatever the duration.
        let far = TimeArg::Ago(Duration::days(MAX_DAYS));
        assert!(far.resolve(now) < now);
    }

    #[test]
    fn human_durations() {
        assert_eq!(human(Duration::milliseconds(850)), "850ms");
        assert_eq!(human(Duration::seconds(45)), "45.0s");
        assert_eq!(human(Duration::seconds(125)), "2m 5s");
        assert_eq!(human(Duration::minutes(125)), "2h 5m");
        assert_eq!(human(Duration::hours(76)), "3d 4h");
        assert_eq!(human(Duration::hours(48)), "2d");
        assert_eq!(human(Duration::hours(1)), "1h");
    }
}
