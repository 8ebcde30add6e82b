//! The restorable window of point-in-time recovery (monthly health check; runbook Disaster
//! Recovery: RPO < 5 minutes).

use crate::report::CheckId;
use aws_sdk_dynamodb::types::ContinuousBackupsDescription;
use chrono::{DateTime, Duration, Utc};

use crate::aws::AwsError;
use crate::aws::metrics::from_smithy;
use crate::report::Finding;

/// The latest restorable point may lag this far behind now before it is a warning (AWS keeps it
/// about 5 minutes behind).
pub(crate) const MAX_LAG_S: i64 = 15 * 60;

/// How much later than PITR was switched on the earliest restorable point may be before history
/// is missing (AWS starts the window when PITR is enabled; the window and CloudTrail's times are
/// not to the second).
pub(crate) const START_SLACK_S: i64 = 15 * 60;

/// What the month's CloudTrail says about when PITR was switched on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PitrTrail {
    /// The trail could not be read: when PITR was enabled is unknown.
    Unread,
    /// The table's last UpdateContinuousBackups that enabled PITR.
    EnabledAt(DateTime<Utc>),
    /// No such event since this time (the trail was read): PITR has been on since then at least.
    NoneSince(DateTime<Utc>),
}

/// What the window is judged against: when PITR was switched on, as far as the tool can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PitrOn {
    pub trail: PitrTrail,
    /// The table's creation: PITR cannot be on before it.
    pub table_created: Option<DateTime<Utc>>,
}

impl PitrOn {
    /// The time by which PITR was on, and how that is known; `None` when unknown.
    fn since(&self) -> Option<(DateTime<Utc>, &'static str)> {
        let (t, how) = match self.trail {
            PitrTrail::Unread => return None,
            PitrTrail::EnabledAt(t) => (t, "enabled"),
            PitrTrail::NoneSince(t) => (t, "unchanged_since"),
        };
        Some(match self.table_created {
            Some(c) if c > t => (c, "table_created"),
            _ => (t, how),
        })
    }
}

crate::evidence! {
    /// `pitr.window`
    struct PitrWindow {
        earliest: String,
        latest: String,
        lag_s: i64,
        /// The earliest point the window should reach: PITR on since (or the recovery period).
        expected_from: Option<String>,
        /// How `expected_from` is known: `enabled` (CloudTrail), `unchanged_since` (no PITR
        /// change in the trail), `table_created`, `recovery_period`; `null`: unknown.
        expected_from_source: Option<&'static str>,
        recovery_days: i32,
    }
}

/// The restorable window: how far its latest point lags `now`, and whether it reaches back to
/// when PITR was switched on (or the recovery period's start). A window cannot be longer than
/// the time since PITR was enabled: a table whose PITR came on a minute ago has a minute of
/// history, and that is all it can have.
pub(crate) fn window(
    backups: &Result<Option<ContinuousBackupsDescription>, AwsError>,
    on: &PitrOn,
    now: DateTime<Utc>,
) -> Finding {
    let b = match backups {
        Ok(Some(b)) => b,
        Ok(None) => {
            return Finding::unknown(CheckId::PitrWindow, "no continuous-backups description");
        }
        Err(e) => {
            return Finding::unknown(CheckId::PitrWindow, format!("could not read PITR: {e}"));
        }
    };
    let Some(p) = b.point_in_time_recovery_description() else {
        return Finding::unknown(CheckId::PitrWindow, "no PITR description");
    };
    let (Some(e), Some(l)) = (
        p.earliest_restorable_date_time(),
        p.latest_restorable_date_time(),
    ) else {
        return Finding::unknown(
            CheckId::PitrWindow,
            "no restorable window reported (PITR off: see table.pitr)",
        );
    };
    let (earliest, latest) = (from_smithy(e), from_smithy(l));
    let recovery_days = p
        .recovery_period_in_days()
        .unwrap_or(crate::spec::PITR_DAYS);
    let lag = (now - latest).num_seconds();
    let span = (latest - earliest).max(Duration::zero());
    let summary = format!(
        "restorable from {} to {} ({} of history); latest point {} behind now",
        e,
        l,
        crate::times::human(span),
        crate::times::human(Duration::seconds(lag.max(0)))
    );
    // The window reaches back to when PITR came on, or to the recovery period's start.
    let period_start = latest - Duration::days(i64::from(recovery_days));
    let expected = on.since().map(|(t, how)| {
        if t < period_start {
            (period_start, "recovery_period")
        } else {
            (t, how)
        }
    });
    let short = expected.filter(|(t, _)| (earliest - *t).num_seconds() > START_SLACK_S);
    let f = if let Some((t, how)) = short {
        Finding::warn(
            CheckId::PitrWindow,
            format!(
                "{summary}: history starts {} after {}: PITR was switched off and on again (or its recovery period shortened) since, and a restore cannot go back before {e}",
                crate::times::human(earliest - t),
                since_words(t, how)
            ),
        )
        .remedy("`eventsctl changes --since 35d` shows who changed PITR; keep PITR on (it is the RPO < 5 minutes)")
    } else if lag > MAX_LAG_S {
        Finding::warn(
            CheckId::PitrWindow,
            format!("{summary}: more than the usual 5 minutes"),
        )
    } else {
        Finding::ok(
            CheckId::PitrWindow,
            match expected {
                _ if (earliest - period_start).num_seconds() <= START_SLACK_S => {
                    format!("{summary}: the whole {recovery_days}-day recovery period")
                }
                Some((t, how)) => format!("{summary}: all of it since {}", since_words(t, how)),
                None => format!(
                    "{summary} (when PITR was switched on is unknown: CloudTrail was not read)"
                ),
            },
        )
    };
    f.evidence(PitrWindow {
        earliest: e.to_string(),
        latest: l.to_string(),
        lag_s: lag,
        expected_from: expected.map(|(t, _)| crate::times::stamp(t)),
        expected_from_source: expected.map(|(_, how)| how),
        recovery_days,
    })
    .runbook("Disaster Recovery: RPO < 5 minutes")
}

/// "PITR was enabled at 05:11 UTC (CloudTrail)" and the like.
fn since_words(t: DateTime<Utc>, how: &str) -> String {
    let at = t.format("%Y-%m-%d %H:%M UTC");
    match how {
        "enabled" => format!("PITR was enabled at {at} (CloudTrail)"),
        "table_created" => format!("the table was created at {at}"),
        "recovery_period" => format!("the recovery period's start ({at})"),
        _ => format!("{at} (PITR on, no change in CloudTrail since)"),
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_dynamodb::types::{
        ContinuousBackupsStatus, PointInTimeRecoveryDescription, PointInTimeRecoveryStatus,
    };

    use super::*;
    use crate::aws::AwsErrorKind;
    use crate::report::Status;

    fn backups(window: Option<(i64, i64)>) -> ContinuousBackupsDescription {
        let mut p = PointInTimeRecoveryDescription::builder();
        if let Some((earliest, latest)) = window {
            p = p
                .point_in_time_recovery_status(PointInTimeRecoveryStatus::Enabled)
                .earliest_restorable_date_time(aws_smithy_types::DateTime::from_secs(earliest))
                .latest_restorable_date_time(aws_smithy_types::DateTime::from_secs(latest));
        } else {
            p = p.point_in_time_recovery_status(PointInTimeRecoveryStatus::Disabled);
        }
        ContinuousBackupsDescription::builder()
            .continuous_backups_status(ContinuousBackupsStatus::Enabled)
            .point_in_time_recovery_description(p.build())
            .build()
            .expect("status is set")
    }

    #[test]
    fn window_status_follows_the_lag_and_when_pitr_came_on() {
        // clock-free: a pure function given its `now`
        let now = DateTime::from_timestamp(947_923_200, 0).expect("a valid time");
        let t = now.timestamp();
        let at = |s: i64| DateTime::from_timestamp(s, 0).expect("a valid time");
        let day = 86_400;
        let denied = || {
            Err(AwsError::local(
                AwsErrorKind::AccessDenied,
                "dynamodb",
                "DescribeContinuousBackups",
                None,
                "denied",
            ))
        };
        let month_ago = at(t - 30 * day);
        let quiet = PitrOn {
            trail: PitrTrail::NoneSince(month_ago),
            table_created: Some(at(t - 400 * day)),
        };
        let enabled = |ago: i64| PitrOn {
            trail: PitrTrail::EnabledAt(at(t - ago)),
            table_created: Some(at(t - 400 * day)),
        };
        let new_table = |ago: i64| PitrOn {
            trail: PitrTrail::NoneSince(month_ago),
            table_created: Some(at(t - ago)),
        };
        let unread = PitrOn {
            trail: PitrTrail::Unread,
            table_created: None,
        };
        type Facts = Result<Option<ContinuousBackupsDescription>, AwsError>;
        // (case, facts, when PITR came on, status, words the summary must hold)
        let cases: Vec<(&str, Facts, PitrOn, Status, &str)> = vec![
            (
                "not readable",
                denied(),
                quiet,
                Status::Unknown,
                "could not read PITR: AccessDenied",
            ),
            (
                "no description",
                Ok(None),
                quiet,
                Status::Unknown,
                "no continuous-backups description",
            ),
            (
                "PITR off: no window to judge (table.pitr says why)",
                Ok(Some(backups(None))),
                quiet,
                Status::Unknown,
                "no restorable window reported (PITR off: see table.pitr)",
            ),
            (
                "on for months: the whole recovery period, 5 min behind",
                Ok(Some(backups(Some((t - 35 * day, t - 300))))),
                quiet,
                Status::Ok,
                "(34d 23h of history); latest point 5m 0s behind now: the whole 35-day recovery period",
            ),
            (
                "exactly 15 min behind",
                Ok(Some(backups(Some((t - 35 * day, t - MAX_LAG_S))))),
                quiet,
                Status::Ok,
                "latest point 15m 0s behind now",
            ),
            (
                "16 min behind",
                Ok(Some(backups(Some((t - 35 * day, t - 16 * 60))))),
                quiet,
                Status::Warn,
                "more than the usual 5 minutes",
            ),
            (
                "issue 27: a table created a minute ago has a minute of history, all it can have",
                Ok(Some(backups(Some((t - 50, t))))),
                new_table(60),
                Status::Ok,
                "(50.0s of history); latest point 0ms behind now: all of it since the table was created at 2000-01-15 07:59 UTC",
            ),
            (
                "PITR enabled two hours ago (CloudTrail): two hours of history is all of it",
                Ok(Some(backups(Some((t - 2 * 3600, t - 300))))),
                enabled(2 * 3600 + 20),
                Status::Ok,
                "all of it since PITR was enabled at 2000-01-15 05:59 UTC (CloudTrail)",
            ),
            (
                "the emulator's window (always now) on a table 30 s old: within the slack",
                Ok(Some(backups(Some((t, t))))),
                enabled(30),
                Status::Ok,
                "(0ms of history)",
            ),
            (
                "PITR on all month, yet a day of history: it was switched off and on",
                Ok(Some(backups(Some((t - day, t - 300))))),
                quiet,
                Status::Warn,
                "history starts 29d after 1999-12-16 08:00 UTC (PITR on, no change in CloudTrail since): PITR was switched off and on again",
            ),
            (
                "enabled 3 days ago per CloudTrail, history of 1 day",
                Ok(Some(backups(Some((t - day, t - 300))))),
                enabled(3 * day),
                Status::Warn,
                "history starts 2d after PITR was enabled at",
            ),
            (
                "16 minutes short of when PITR came on",
                Ok(Some(backups(Some((t - 3600 + 16 * 60, t - 300))))),
                enabled(3600),
                Status::Warn,
                "history starts 16m 0s after",
            ),
            (
                "CloudTrail unread: the window is not judged against it, and says so",
                Ok(Some(backups(Some((t - 600, t - 300))))),
                unread,
                Status::Ok,
                "when PITR was switched on is unknown: CloudTrail was not read",
            ),
        ];
        for (name, facts, on, want, words) in cases {
            let f = window(&facts, &on, now);
            assert_eq!(f.status, want, "{name}: {}", f.summary);
            assert_eq!(f.check, CheckId::PitrWindow, "{name}");
            assert!(f.summary.contains(words), "{name}: {}", f.summary);
        }
    }
}
