//! The restorable window of point-in-time recovery (monthly health check; runbook Disaster
//! Recovery: RPO < 5 minutes).

use crate::report::CheckId;
use aws_sdk_dynamodb::types::ContinuousBackupsDescription;
use chrono::{DateTime, Duration, Utc};

use crate::aws::AwsError;
use crate::report::Finding;

/// The latest restorable point may lag this far behind now before it is a warning (AWS keeps it
/// about 5 minutes behind).
pub(crate) const MAX_LAG_S: i64 = 15 * 60;

crate::evidence! {
    /// `pitr.window`
    struct PitrWindow { earliest: String, latest: String, lag_s: i64 }
}

/// The restorable window and how far its latest point lags `now`.
pub(crate) fn window(
    backups: &Result<Option<ContinuousBackupsDescription>, AwsError>,
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
    let lag = now.timestamp() - l.secs();
    let span = Duration::seconds(l.secs() - e.secs());
    let summary = format!(
        "restorable from {} to {} ({} of history); latest point {} behind now",
        e,
        l,
        crate::times::human(span),
        crate::times::human(Duration::seconds(lag.max(0)))
    );
    let f = if span < Duration::days(1) {
        // A window of minutes is PITR switched on a moment ago: nothing older can be restored.
        Finding::warn(
            CheckId::PitrWindow,
            format!("{summary}: PITR was enabled recently, a restore cannot go back further yet"),
        )
    } else if lag > MAX_LAG_S {
        Finding::warn(
            CheckId::PitrWindow,
            format!("{summary}: more than the usual 5 minutes"),
        )
    } else {
        Finding::ok(CheckId::PitrWindow, summary)
    };
    f.evidence(PitrWindow {
        earliest: e.to_string(),
        latest: l.to_string(),
        lag_s: lag,
    })
    .runbook("Disaster Recovery: RPO < 5 minutes")
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
    fn window_status_follows_the_lag_of_the_latest_point() {
        let now = DateTime::from_timestamp(1_800_000_000, 0).expect("a valid time");
        let t = now.timestamp();
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
        type Facts = Result<Option<ContinuousBackupsDescription>, AwsError>;
        // (case, facts, status, words the summary must hold)
        let cases: Vec<(&str, Facts, Status, &str)> = vec![
            (
                "not readable",
                denied(),
                Status::Unknown,
                "could not read PITR: AccessDenied",
            ),
            (
                "no description",
                Ok(None),
                Status::Unknown,
                "no continuous-backups description",
            ),
            (
                "PITR off: no window to judge (table.pitr says why)",
                Ok(Some(backups(None))),
                Status::Unknown,
                "no restorable window reported (PITR off: see table.pitr)",
            ),
            (
                "5 min behind",
                Ok(Some(backups(Some((t - 35 * day, t - 300))))),
                Status::Ok,
                "(34d 23h of history); latest point 5m 0s behind now",
            ),
            (
                "exactly 15 min behind",
                Ok(Some(backups(Some((t - 2 * day, t - MAX_LAG_S))))),
                Status::Ok,
                "latest point 15m 0s behind now",
            ),
            (
                "16 min behind",
                Ok(Some(backups(Some((t - 2 * day, t - 16 * 60))))),
                Status::Warn,
                "more than the usual 5 minutes",
            ),
            (
                "enabled minutes ago: 0 s of history is no restore window yet",
                Ok(Some(backups(Some((t - 300, t - 300))))),
                Status::Warn,
                "PITR was enabled recently, a restore cannot go back further yet",
            ),
            (
                "just under a day of history",
                Ok(Some(backups(Some((t - day + 301, t - 300))))),
                Status::Warn,
                "PITR was enabled recently",
            ),
            (
                "a day of history",
                Ok(Some(backups(Some((t - day - 300, t - 300))))),
                Status::Ok,
                "(1d of history)",
            ),
        ];
        for (name, facts, want, words) in cases {
            let f = window(&facts, now);
            assert_eq!(f.status, want, "{name}: {}", f.summary);
            assert_eq!(f.check, CheckId::PitrWindow, "{name}");
            assert!(f.summary.contains(words), "{name}: {}", f.summary);
        }
    }
}
