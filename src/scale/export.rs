//! PITR exports to S3 (ExportTableToPointInTime): the table as it was at a point in time,
//! written by DynamoDB without consuming read capacity
//! (<https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.HowItWorks.html>).
//!
//! This module finds, checks and starts exports; `export_files` reads their manifest and data
//! files, `export_check` compares what was read with the manifest. Only a full export
//! (`FULL_EXPORT`) in DynamoDB JSON holds the table's items one a line: an incremental export
//! holds changes (`NewImage`/`OldImage` of the keys changed in a window) and ION is another
//! format, so every reader refuses both
//! (<https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html>).

use aws_sdk_dynamodb::types::{ExportDescription, ExportFormat, ExportStatus, ExportType};
use chrono::{DateTime, Utc};
use futures::StreamExt;
use serde::Serialize;
use sha2::Digest;

use crate::aws::error::AwsError;
use crate::aws::exports;

pub use crate::scale::export_files::{DataFile, Manifest, ManifestSummary};

impl crate::report::Evidence for ExportInfo {}

/// One export, as DescribeExport tells it.
#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub struct ExportInfo {
    pub arn: String,
    pub status: String,
    pub export_time: Option<DateTime<Utc>>,
    pub start_time: Option<DateTime<Utc>>,
    pub end_time: Option<DateTime<Utc>>,
    pub item_count: Option<i64>,
    pub billed_size_bytes: Option<i64>,
    pub bucket: String,
    /// The account that owns the bucket, when the export named one (S3BucketOwner).
    pub bucket_owner: Option<String>,
    pub prefix: Option<String>,
    pub manifest: Option<String>,
    pub failure: Option<String>,
    /// `FULL_EXPORT` or `INCREMENTAL_EXPORT` (absent from exports made before incremental
    /// exports existed: those are full, the API's default).
    pub export_type: Option<String>,
    /// `DYNAMODB_JSON` or `ION` (absent: DYNAMODB_JSON, the API's default).
    pub export_format: Option<String>,
}

fn time(t: Option<&aws_smithy_types::DateTime>) -> Option<DateTime<Utc>> {
    t.and_then(|t| DateTime::from_timestamp(t.secs(), t.subsec_nanos()))
}

impl ExportInfo {
    pub(crate) fn from_description(d: &ExportDescription) -> ExportInfo {
        ExportInfo {
            arn: d.export_arn().unwrap_or_default().to_owned(),
            status: d
                .export_status()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_else(|| "UNKNOWN".into()),
            export_time: time(d.export_time()),
            start_time: time(d.start_time()),
            end_time: time(d.end_time()),
            item_count: d.item_count(),
            billed_size_bytes: d.billed_size_bytes(),
            bucket: d.s3_bucket().unwrap_or_default().to_owned(),
            bucket_owner: d.s3_bucket_owner().map(str::to_owned),
            prefix: d.s3_prefix().map(str::to_owned).filter(|p| !p.is_empty()),
            manifest: d.export_manifest().map(str::to_owned),
            failure: d
                .failure_message()
                .map(|m| format!("{}: {m}", d.failure_code().unwrap_or("failed"))),
            export_type: d.export_type().map(|t| t.as_str().to_owned()),
            export_format: d.export_format().map(|f| f.as_str().to_owned()),
        }
    }

    pub(crate) fn completed(&self) -> bool {
        self.status == ExportStatus::Completed.as_str()
    }

    pub(crate) fn in_progress(&self) -> bool {
        self.status == ExportStatus::InProgress.as_str()
    }

    /// A full export in DynamoDB JSON: the only kind whose data files hold the table's items,
    /// one `{"Item": ...}` a line. A missing type or format is the API's default (full, JSON).
    pub(crate) fn readable_kind(&self) -> bool {
        self.export_type
            .as_deref()
            .is_none_or(|t| t == ExportType::FullExport.as_str())
            && self
                .export_format
                .as_deref()
                .is_none_or(|f| f == ExportFormat::DynamodbJson.as_str())
    }

    /// `a FULL_EXPORT in DYNAMODB_JSON`, for messages.
    pub(crate) fn kind(&self) -> String {
        format!(
            "{} in {}",
            self.export_type.as_deref().unwrap_or("FULL_EXPORT"),
            self.export_format.as_deref().unwrap_or("DYNAMODB_JSON")
        )
    }

    /// The export's id: the ARN's last part (`01693685827463-2d8752fd`).
    pub(crate) fn id(&self) -> &str {
        self.arn.rsplit('/').next().unwrap_or_default()
    }

    /// `<prefix>/`, or nothing: where the export's `AWSDynamoDB/` folder is.
    pub(crate) fn prefix_path(&self) -> String {
        self.prefix
            .as_deref()
            .map(|p| format!("{}/", p.trim_end_matches('/')))
            .unwrap_or_default()
    }

    /// `<prefix>/AWSDynamoDB/<id>/`: where the export's files are.
    pub(crate) fn root(&self) -> String {
        format!("{}AWSDynamoDB/{}/", self.prefix_path(), self.id())
    }

    /// The manifest summary's key: DescribeExport's ExportManifest when it carries the prefix,
    /// else the documented place under the root.
    pub(crate) fn manifest_key(&self) -> String {
        match &self.manifest {
            Some(m) if self.prefix.as_deref().is_none_or(|p| m.starts_with(p)) => m.clone(),
            _ => format!("{}manifest-summary.json", self.root()),
        }
    }

    /// The export's time, or its start when none was asked.
    pub(crate) fn point_in_time(&self) -> Option<DateTime<Utc>> {
        self.export_time.or(self.start_time)
    }
}

/// What `export start` asks for: the same request twice is one export.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StartRequest<'a> {
    pub table_arn: &'a str,
    pub bucket: &'a str,
    /// S3BucketOwner: required by AWS when the bucket is in another account.
    pub bucket_owner: Option<&'a str>,
    /// None or a non-empty prefix.
    pub prefix: Option<&'a str>,
    /// ExportTime, whole seconds (what is sent); None: AWS takes the time of the request.
    pub at: Option<DateTime<Utc>>,
    /// `at` came from a relative `--to` (`1m`, `2h ago`, `now`): a point that moves with the
    /// clock, so a run again seconds (or a `--wait` timeout) later asks a later one.
    pub relative: bool,
}

impl StartRequest<'_> {
    /// The client token that makes a start idempotent (AWS keeps one 8 hours): derived from
    /// the exact export time that is sent, to the second, so two different points never share
    /// one (AWS would refuse the second as a mismatch, or hand back the first export). Without
    /// `--to` the export time is the request's own (`requested`, to the millisecond): a run
    /// again later is a new request, and `export start` finds the first export still in
    /// progress instead (see [`reusable`]).
    pub(crate) fn client_token(&self, requested: DateTime<Utc>) -> String {
        let when = match self.at {
            Some(t) => format!("at:{}", t.timestamp()),
            None => format!("now:{}", requested.timestamp_millis()),
        };
        let digest = sha2::Sha256::digest(format!(
            "{}\n{}\n{}\n{}\n{when}",
            self.table_arn,
            self.bucket,
            self.bucket_owner.unwrap_or(""),
            self.prefix.unwrap_or("")
        ));
        digest[..16].iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Why an existing export is used instead of starting one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reuse {
    /// Completed, recent enough (or of exactly the asked point).
    Completed,
    /// Still running: a re-run after a `--wait` timeout or Ctrl-C.
    InProgress,
}

/// An export that answers `req` as well as a new one would (newest first in `exports`): a full
/// DynamoDB-JSON export of the same bucket and prefix that is completed or still in progress,
/// of exactly `req.at` when an absolute point is asked; of a point within `within` before
/// `req.at` (not after it) when the point is relative (`--to 1m` run again later asks a later
/// point: the export the first run started answers it; issue 23's review, defect 2); else taken
/// within `within` of `now`. Pure.
pub(crate) fn reusable<'e>(
    exports: &'e [ExportInfo],
    req: &StartRequest,
    now: DateTime<Utc>,
    within: chrono::Duration,
) -> Option<(&'e ExportInfo, Reuse)> {
    exports.iter().find_map(|e| {
        let how = if e.completed() {
            Reuse::Completed
        } else if e.in_progress() {
            Reuse::InProgress
        } else {
            return None;
        };
        let same_place = e.readable_kind()
            && e.bucket == req.bucket
            && e.prefix.as_deref().unwrap_or("") == req.prefix.unwrap_or("");
        let same_point = match req.at {
            Some(at) if req.relative => e
                .export_time
                .is_some_and(|t| t.timestamp() <= at.timestamp() && t >= at - within),
            Some(at) => e.export_time.map(|t| t.timestamp()) == Some(at.timestamp()),
            None => e.point_in_time().is_some_and(|t| t >= now - within),
        };
        (same_place && same_point).then_some((e, how))
    })
}

pub(crate) async fn describe(
    client: &aws_sdk_dynamodb::Client,
    arn: &str,
) -> Result<ExportInfo, AwsError> {
    Ok(exports::describe(client, arn)
        .await?
        .as_ref()
        .map(ExportInfo::from_description)
        .unwrap_or_else(|| unknown_info(arn)))
}

/// The table's exports, newest first (ListExports has no times: each one is described).
pub(crate) async fn list(
    client: &aws_sdk_dynamodb::Client,
    table_arn: &str,
) -> Result<Vec<ExportInfo>, AwsError> {
    let arns = exports::list_arns(client, table_arn).await?;
    let described: Vec<Result<ExportInfo, AwsError>> = futures::stream::iter(arns)
        .map(|arn| async move { describe(client, &arn).await })
        .buffered(8)
        .collect()
        .await;
    let mut out = described.into_iter().collect::<Result<Vec<_>, _>>()?;
    out.sort_by_key(|e| std::cmp::Reverse(e.point_in_time()));
    Ok(out)
}

const TAKE_ONE: &str = "take one with `eventsctl export start --bucket B --wait`";

/// Why an export could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Aws(#[from] AwsError),
    #[error("no completed full export in DynamoDB JSON of {table}{newest}: {TAKE_ONE}")]
    NoneCompleted { table: String, newest: String },
    #[error("export {arn} is {status}, not COMPLETED{why}")]
    NotCompleted {
        arn: String,
        status: String,
        why: String,
    },
    #[error(
        "export {arn} is {kind}: only a full export (FULL_EXPORT) in DynamoDB JSON holds the table's items; {TAKE_ONE}"
    )]
    WrongKind { arn: String, kind: String },
    #[error(
        "{which} is not an export of this table: give `latest` or an export ARN starting with {table_arn}/export/"
    )]
    OtherTable { which: String, table_arn: String },
    #[error("cannot read s3://{bucket}/{key}: {why}")]
    Read {
        bucket: String,
        key: String,
        why: String,
    },
}

/// The newest completed full DynamoDB-JSON export of the table among `exports` (newest
/// first) taken at or before `at` when given, or why there is none. Pure.
pub(crate) fn newest_readable(
    exports: Vec<ExportInfo>,
    table_arn: &str,
    at: Option<DateTime<Utc>>,
) -> Result<ExportInfo, ExportError> {
    let mut completed = exports
        .into_iter()
        .filter(|e| e.completed())
        .filter(|e| at.is_none_or(|at| e.point_in_time().is_some_and(|t| t <= at)))
        .peekable();
    let newest = completed
        .peek()
        .map(|e| format!(" (the newest completed one, {}, is {})", e.id(), e.kind()))
        .unwrap_or_default();
    completed
        .find(ExportInfo::readable_kind)
        .ok_or_else(|| ExportError::NoneCompleted {
            table: match at {
                Some(at) => format!("{table_arn} at or before {}", crate::times::stamp(at)),
                None => table_arn.to_owned(),
            },
            newest,
        })
}

/// Checks an export found by its ARN: completed, a full export in DynamoDB JSON. Pure.
pub(crate) fn check_readable(info: ExportInfo) -> Result<ExportInfo, ExportError> {
    if !info.completed() {
        return Err(ExportError::NotCompleted {
            why: info
                .failure
                .as_deref()
                .map(|f| format!(" ({f})"))
                .unwrap_or_default(),
            arn: info.arn,
            status: info.status,
        });
    }
    if !info.readable_kind() {
        return Err(ExportError::WrongKind {
            kind: info.kind(),
            arn: info.arn,
        });
    }
    Ok(info)
}

/// `latest` (the newest completed full DynamoDB-JSON export of the table, at or before `at`
/// when given) or an ARN, checked to be completed and of that kind.
pub(crate) async fn resolve(
    client: &aws_sdk_dynamodb::Client,
    table_arn: &str,
    which: &str,
    at: Option<DateTime<Utc>>,
) -> Result<ExportInfo, ExportError> {
    if which == "latest" {
        return newest_readable(list(client, table_arn).await?, table_arn, at);
    }
    if !which.starts_with(&format!("{table_arn}/export/")) {
        return Err(ExportError::OtherTable {
            which: which.to_owned(),
            table_arn: table_arn.to_owned(),
        });
    }
    check_readable(describe(client, which).await?)
}

/// Starts a full export in DynamoDB JSON, with the request's client token.
pub(crate) async fn start(
    client: &aws_sdk_dynamodb::Client,
    req: &StartRequest<'_>,
    token: &str,
) -> Result<ExportInfo, AwsError> {
    let export = exports::Export {
        table_arn: req.table_arn,
        bucket: req.bucket,
        bucket_owner: req.bucket_owner,
        prefix: req.prefix,
        at: req.at.map(|t| t.timestamp()),
        token,
    };
    Ok(exports::start(client, export)
        .await?
        .as_ref()
        .map(ExportInfo::from_description)
        .unwrap_or_else(|| unknown_info(&format!("{}/export/unknown", req.table_arn))))
}

/// An answer without a description (the API always sends one; this keeps a gap from panicking).
fn unknown_info(arn: &str) -> ExportInfo {
    ExportInfo {
        arn: arn.to_owned(),
        status: "UNKNOWN".into(),
        export_time: None,
        start_time: None,
        end_time: None,
        item_count: None,
        billed_size_bytes: None,
        bucket: String::new(),
        bucket_owner: None,
        prefix: None,
        manifest: None,
        failure: None,
        export_type: None,
        export_format: None,
    }
}

/// The restore check's reference: the table's item count at `at`, from the newest completed
/// full DynamoDB-JSON export taken at or before `at` (its manifest's `itemCount`), with the
/// export it came from. `None` when no such export is that old.
pub async fn item_count_at(
    ddb: &aws_sdk_dynamodb::Client,
    s3: &aws_sdk_s3::Client,
    table_arn: &str,
    at: DateTime<Utc>,
) -> Result<Option<(ExportInfo, u64)>, ExportError> {
    let info = match newest_readable(list(ddb, table_arn).await?, table_arn, Some(at)) {
        Ok(info) => info,
        Err(ExportError::NoneCompleted { .. }) => return Ok(None),
        Err(e) => return Err(e),
    };
    let m = crate::scale::export_files::manifest(s3, &info).await?;
    Ok(Some((info, m.summary.item_count)))
}

/// What reading an export will cost: the export itself (per GB of table) and, for Athena, the
/// data it scans (per TB). Pure.
#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub(crate) struct ExportCost {
    pub table_bytes: i64,
    pub export_usd: f64,
    pub athena_usd: Option<f64>,
}

pub(crate) fn cost(table_bytes: i64, price_per_gb: f64) -> ExportCost {
    ExportCost {
        table_bytes,
        export_usd: table_bytes.max(0) as f64 / 1e9 * price_per_gb,
        athena_usd: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn info(prefix: Option<&str>, manifest: Option<&str>) -> ExportInfo {
        ExportInfo {
            arn: "arn:aws:dynamodb:us-east-1:1:table/t/export/0169-ab".into(),
            status: "COMPLETED".into(),
            export_time: None,
            start_time: None,
            end_time: None,
            item_count: None,
            billed_size_bytes: None,
            bucket: "b".into(),
            bucket_owner: None,
            prefix: prefix.map(str::to_owned),
            manifest: manifest.map(str::to_owned),
            failure: None,
            export_type: Some("FULL_EXPORT".into()),
            export_format: Some("DYNAMODB_JSON".into()),
        }
    }

    #[test]
    fn the_manifest_is_found_with_and_without_a_prefix() {
        let cases = [
            (None, None, "AWSDynamoDB/0169-ab/manifest-summary.json"),
            (
                Some("x/y/"),
                None,
                "x/y/AWSDynamoDB/0169-ab/manifest-summary.json",
            ),
            (
                Some("x"),
                Some("x/AWSDynamoDB/0169-ab/manifest-summary.json"),
                "x/AWSDynamoDB/0169-ab/manifest-summary.json",
            ),
            // A manifest path without the prefix is placed under it.
            (
                Some("x"),
                Some("AWSDynamoDB/0169-ab/manifest-summary.json"),
                "x/AWSDynamoDB/0169-ab/manifest-summary.json",
            ),
        ];
        for (prefix, manifest, want) in cases {
            assert_eq!(info(prefix, manifest).manifest_key(), want);
        }
        assert_eq!(info(None, None).id(), "0169-ab");
    }

    fn request(at: Option<DateTime<Utc>>) -> StartRequest<'static> {
        StartRequest {
            table_arn: "arn",
            bucket: "b",
            bucket_owner: None,
            prefix: Some("p"),
            at,
            relative: false,
        }
    }

    /// The token follows the exact export time sent: two points in the same minute are two
    /// exports (the minute-wide token made the second one return the first export), the same
    /// point is one, and so is the same request; the place and owner are part of it.
    #[test]
    fn the_token_follows_the_exact_export_time_and_the_place() {
        // clock-free: a pure function given its times; the clock never meets these dates
        let t = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let now = t + chrono::Duration::hours(1);
        let secs = chrono::Duration::seconds;
        let a = request(Some(t)).client_token(now);
        assert_eq!(a.len(), 32);
        assert_eq!(a, request(Some(t)).client_token(now + secs(600)));
        assert_ne!(a, request(Some(t + secs(10))).client_token(now));
        assert_ne!(a, request(Some(t + secs(1))).client_token(now));
        let mut other = request(Some(t));
        other.prefix = Some("q");
        assert_ne!(a, other.client_token(now));
        other = request(Some(t));
        other.bucket_owner = Some("111122223333");
        assert_ne!(a, other.client_token(now));
        // Without --to: the request's own time, to the millisecond.
        let n = request(None).client_token(now);
        assert_eq!(n, request(None).client_token(now));
        assert_ne!(
            n,
            request(None).client_token(now + chrono::Duration::milliseconds(1))
        );
    }

    fn export(
        status: &str,
        point: DateTime<Utc>,
        prefix: Option<&str>,
        kind: (&str, &str),
    ) -> ExportInfo {
        let mut e = info(prefix, None);
        e.status = status.into();
        e.export_time = Some(point);
        e.arn = format!("{}-{status}-{}", e.arn, point.timestamp());
        e.export_type = Some(kind.0.into());
        e.export_format = Some(kind.1.into());
        e
    }

    /// A re-run after a `--wait` timeout finds the export still in progress; a completed one is
    /// reused when recent (or of the exact point asked); never another place, an incremental
    /// or ION export, or a failed one.
    #[test]
    fn an_export_in_progress_or_recent_of_the_same_place_is_reused() {
        // clock-free: a pure function given its `now`; the clock never meets these dates
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let h = chrono::Duration::hours;
        let full = ("FULL_EXPORT", "DYNAMODB_JSON");
        let day = h(24);
        type Case<'a> = (
            &'a str,
            Vec<ExportInfo>,
            Option<DateTime<Utc>>,
            Option<Reuse>,
        );
        let cases: Vec<Case> = vec![
            (
                "in progress, started 3 h ago",
                vec![export("IN_PROGRESS", now - h(3), Some("p"), full)],
                None,
                Some(Reuse::InProgress),
            ),
            (
                "completed an hour ago",
                vec![export("COMPLETED", now - h(1), Some("p"), full)],
                None,
                Some(Reuse::Completed),
            ),
            (
                "completed two days ago: too old",
                vec![export("COMPLETED", now - h(48), Some("p"), full)],
                None,
                None,
            ),
            (
                "another prefix",
                vec![export("IN_PROGRESS", now - h(1), Some("q"), full)],
                None,
                None,
            ),
            (
                "no prefix against p",
                vec![export("IN_PROGRESS", now - h(1), None, full)],
                None,
                None,
            ),
            (
                "failed",
                vec![export("FAILED", now - h(1), Some("p"), full)],
                None,
                None,
            ),
            (
                "incremental",
                vec![export(
                    "IN_PROGRESS",
                    now - h(1),
                    Some("p"),
                    ("INCREMENTAL_EXPORT", "DYNAMODB_JSON"),
                )],
                None,
                None,
            ),
            (
                "ion",
                vec![export(
                    "COMPLETED",
                    now - h(1),
                    Some("p"),
                    ("FULL_EXPORT", "ION"),
                )],
                None,
                None,
            ),
            (
                "exactly the point asked, in progress",
                vec![export("IN_PROGRESS", now - h(30), Some("p"), full)],
                Some(now - h(30)),
                Some(Reuse::InProgress),
            ),
            (
                "exactly the point asked, completed long ago",
                vec![export("COMPLETED", now - h(30), Some("p"), full)],
                Some(now - h(30)),
                Some(Reuse::Completed),
            ),
            (
                "another point than asked",
                vec![export("IN_PROGRESS", now - h(1), Some("p"), full)],
                Some(now - h(2)),
                None,
            ),
        ];
        for (name, exports, at, want) in cases {
            let got = reusable(&exports, &request(at), now, day).map(|(_, how)| how);
            assert_eq!(got, want, "{name}");
        }
    }

    /// Review of issue 23, defect 2: `export start --to 1m` run twice 7 s apart started two
    /// full exports (about $260 each at 2.6 TB): the relative point is re-resolved on each run,
    /// so it never matched the first export's exact point. A relative point now reuses an
    /// export of the same place whose point is within --reuse-within before it.
    #[test]
    fn a_relative_point_asked_again_later_reuses_the_export_it_started() {
        let now = Utc::now();
        let day = chrono::Duration::hours(24);
        let s = chrono::Duration::seconds;
        let full = ("FULL_EXPORT", "DYNAMODB_JSON");
        // The first run: --to 1m at now - 7 s.
        let first = now - s(7) - s(60);
        let relative = |at: DateTime<Utc>| StartRequest {
            relative: true,
            ..request(Some(at))
        };
        let cases = [
            (
                "7 s later, in progress",
                "IN_PROGRESS",
                first,
                now - s(60),
                Some(Reuse::InProgress),
            ),
            (
                "after a 2 h --wait timeout",
                "IN_PROGRESS",
                first,
                now + s(7200),
                Some(Reuse::InProgress),
            ),
            (
                "completed an hour ago",
                "COMPLETED",
                now - s(3600),
                now - s(60),
                Some(Reuse::Completed),
            ),
            (
                "a point after the one asked",
                "IN_PROGRESS",
                now - s(30),
                now - s(60),
                None,
            ),
            (
                "older than --reuse-within",
                "COMPLETED",
                now - s(90_000),
                now - s(60),
                None,
            ),
        ];
        for (name, status, point, asked, want) in cases {
            let exports = vec![export(status, point, Some("p"), full)];
            let got = reusable(&exports, &relative(asked), now, day).map(|(_, how)| how);
            assert_eq!(got, want, "{name}");
            // The same point given as an absolute time is reused only when exact.
            let exact = reusable(&exports, &request(Some(asked)), now, day).map(|(_, how)| how);
            assert_eq!(exact.is_some(), point == asked, "{name}: absolute");
        }
    }

    #[test]
    fn only_a_full_dynamodb_json_export_is_read() {
        let e = |t: Option<&str>, f: Option<&str>| {
            let mut e = info(None, None);
            e.export_type = t.map(str::to_owned);
            e.export_format = f.map(str::to_owned);
            e
        };
        let cases = [
            (Some("FULL_EXPORT"), Some("DYNAMODB_JSON"), true),
            (None, None, true),
            (Some("INCREMENTAL_EXPORT"), Some("DYNAMODB_JSON"), false),
            (Some("FULL_EXPORT"), Some("ION"), false),
        ];
        for (t, f, want) in cases {
            let x = e(t, f);
            assert_eq!(x.readable_kind(), want, "{t:?} {f:?}");
            let checked = check_readable(x);
            assert_eq!(checked.is_ok(), want, "{t:?} {f:?}");
            if let Err(err) = checked {
                let text = err.to_string();
                assert!(
                    text.contains(t.unwrap_or_default()) && text.contains(f.unwrap_or_default()),
                    "{text}"
                );
                assert!(!text.contains('\n'));
            }
        }
        // `latest`: the newest full JSON export, past a newer incremental one; and why none.
        // clock-free: a pure function given its times; the clock never meets these dates
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let h = chrono::Duration::hours;
        let full = export(
            "COMPLETED",
            now - h(5),
            None,
            ("FULL_EXPORT", "DYNAMODB_JSON"),
        );
        let inc = export(
            "COMPLETED",
            now - h(1),
            None,
            ("INCREMENTAL_EXPORT", "DYNAMODB_JSON"),
        );
        let got = newest_readable(vec![inc.clone(), full.clone()], "t", None).unwrap();
        assert_eq!(got.arn, full.arn);
        let err = newest_readable(vec![inc], "t", None)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("is INCREMENTAL_EXPORT in DYNAMODB_JSON"),
            "{err}"
        );
        // At or before a point.
        assert!(newest_readable(vec![full.clone()], "t", Some(now - h(6))).is_err());
        assert!(newest_readable(vec![full], "t", Some(now - h(5))).is_ok());
    }

    #[test]
    fn cost_is_size_times_price() {
        let c = cost(2_600_000_000_000, 0.10);
        assert!((c.export_usd - 260.0).abs() < 1e-9);
        assert_eq!(c.athena_usd, None);
    }
}
