//! The verdicts of `export status|start|list`: an export's state (a failed one is crit), and
//! the table's exports counted. Pure.

use crate::report::CheckId;
use crate::report::Finding;
use crate::scale::export::ExportInfo;

/// An export's state: COMPLETED and IN_PROGRESS (it goes on in AWS; `stopped`: why this run
/// stopped waiting) are ok, anything else (FAILED) crit with what AWS said.
pub(crate) fn state(info: &ExportInfo, stopped: Option<&str>) -> Finding {
    let evidence = info;
    match (info.status.as_str(), stopped) {
        ("COMPLETED", _) => Finding::ok(
            CheckId::ExportStatus,
            format!(
                "export {} COMPLETED: {} at {}",
                info.id(),
                info.item_count
                    .map(|n| crate::vocab::words::plural(n.unsigned_abs(), "item", "items"))
                    .unwrap_or("? items".into()),
                info.point_in_time()
                    .map(|t| t.to_rfc3339())
                    .unwrap_or_default()
            ),
        ),
        ("IN_PROGRESS", why) => Finding::ok(
            CheckId::ExportStatus,
            format!(
                "export {} IN_PROGRESS{}: it goes on in AWS; follow it with `eventsctl export status {}`",
                info.id(),
                why.map(|w| format!(" ({w})")).unwrap_or_default(),
                info.arn
            ),
        ),
        (s, _) => Finding::crit(
            CheckId::ExportStatus,
            format!(
                "export {} {s}{}",
                info.id(),
                info.failure
                    .as_deref()
                    .map(|f| format!(": {f}"))
                    .unwrap_or_default()
            ),
        )
        .remedy("check the bucket policy and PITR (exports need PITR enabled), then start again"),
    }
    .evidence(evidence)
}

/// The table's exports: how many, how many completed.
pub(crate) fn list(exports: &[ExportInfo]) -> Finding {
    Finding::ok(
        CheckId::ExportList,
        format!(
            "{}, {} completed",
            crate::output::count(exports.len(), "export", "exports"),
            exports.iter().filter(|e| e.completed()).count()
        ),
    )
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::report::Status;

    fn export(status: &str, failure: Option<&str>) -> ExportInfo {
        ExportInfo {
            arn: "arn:aws:dynamodb:us-east-1:111122223333:table/t/export/01-a".into(),
            status: status.into(),
            // clock-free: a fixed export time, judged by its status only.
            export_time: DateTime::from_timestamp(946_684_800, 0),
            start_time: None,
            end_time: None,
            item_count: Some(12),
            billed_size_bytes: None,
            bucket: "b-1".into(),
            bucket_owner: None,
            prefix: None,
            manifest: None,
            failure: failure.map(str::to_owned),
            export_type: None,
            export_format: None,
        }
    }

    #[test]
    fn a_completed_or_running_export_is_ok_and_a_failed_one_crit() {
        let f = state(&export("COMPLETED", None), None);
        assert_eq!(f.status, Status::Ok);
        assert!(
            f.summary
                .ends_with("COMPLETED: 12 items at 2000-01-01T00:00:00+00:00"),
            "{}",
            f.summary
        );
        assert_eq!(f.evidence["status"], "COMPLETED");
        let f = state(&export("IN_PROGRESS", None), Some("timed out waiting"));
        assert_eq!(f.status, Status::Ok);
        assert!(
            f.summary
                .contains("IN_PROGRESS (timed out waiting): it goes on in AWS"),
            "{}",
            f.summary
        );
        let f = state(&export("FAILED", Some("S3 AccessDenied")), None);
        assert_eq!(f.status, Status::Crit);
        assert!(
            f.summary.ends_with("FAILED: S3 AccessDenied"),
            "{}",
            f.summary
        );
        assert!(f.remedy.is_some());
    }

    #[test]
    fn the_list_counts_the_completed_exports() {
        let all = [
            export("COMPLETED", None),
            export("IN_PROGRESS", None),
            export("COMPLETED", None),
        ];
        assert_eq!(list(&all).summary, "3 exports, 2 completed");
        assert_eq!(list(&[]).summary, "0 exports, 0 completed");
    }
}
