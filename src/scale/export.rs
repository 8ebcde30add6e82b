//! PITR exports to S3 (ExportTableToPointInTime): the table as it was at a point in time,
//! written by DynamoDB without consuming read capacity
//! (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.HowItWorks.html).
//!
//! The layout read here is the documented one
//! (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html):
//! `<prefix>/AWSDynamoDB/<export id>/manifest-summary.json` (with `itemCount` and
//! `manifestFilesS3Key`), `manifest-files.json` (one JSON object a line with `dataFileS3Key`
//! and `itemCount`), and `data/*.json.gz`: gzip DynamoDB JSON, one `{"Item": {...}}` a line.
//! The local engine streams the data files through a gzip decoder line by line, several files
//! at once, so memory holds a few buffers and the caller's tallies, whatever the export's size.

use std::io::Write;

use aws_sdk_dynamodb::types::{ExportDescription, ExportFormat, ExportStatus};
use chrono::{DateTime, Utc};
use futures::StreamExt;
use serde::{Deserialize, Serialize};
use sha2::Digest;

use crate::aws::error::{AwsError, AwsResultExt};
use crate::scale::ddbjson::{self, Item};

/// One export, as DescribeExport tells it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExportInfo {
    pub arn: String,
    pub status: String,
    pub export_time: Option<DateTime<Utc>>,
    pub start_time: Option<DateTime<Utc>>,
    pub end_time: Option<DateTime<Utc>>,
    pub item_count: Option<i64>,
    pub billed_size_bytes: Option<i64>,
    pub bucket: String,
    pub prefix: Option<String>,
    pub manifest: Option<String>,
    pub failure: Option<String>,
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
            prefix: d.s3_prefix().map(str::to_owned).filter(|p| !p.is_empty()),
            manifest: d.export_manifest().map(str::to_owned),
            failure: d
                .failure_message()
                .map(|m| format!("{}: {m}", d.failure_code().unwrap_or("failed"))),
        }
    }

    pub(crate) fn completed(&self) -> bool {
        self.status == ExportStatus::Completed.as_str()
    }

    /// The export's id: the ARN's last part (`01693685827463-2d8752fd`).
    pub(crate) fn id(&self) -> &str {
        self.arn.rsplit('/').next().unwrap_or_default()
    }

    /// `<prefix>/AWSDynamoDB/<id>/`: where the export's files are.
    pub(crate) fn root(&self) -> String {
        let prefix = self
            .prefix
            .as_deref()
            .map(|p| format!("{}/", p.trim_end_matches('/')))
            .unwrap_or_default();
        format!("{prefix}AWSDynamoDB/{}/", self.id())
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

/// The client token that makes a start idempotent: the same table, place and point in time
/// (to the minute) give the same token, so running `export start` again does not start a
/// second export (AWS keeps a token for 8 hours).
pub(crate) fn client_token(
    table_arn: &str,
    bucket: &str,
    prefix: &str,
    at: DateTime<Utc>,
) -> String {
    let minute = at.timestamp() / 60;
    let digest = sha2::Sha256::digest(format!("{table_arn}\n{bucket}\n{prefix}\n{minute}"));
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) async fn describe(
    client: &aws_sdk_dynamodb::Client,
    arn: &str,
) -> Result<ExportInfo, AwsError> {
    let out = client.describe_export().export_arn(arn).send().await.aws(
        "dynamodb",
        "DescribeExport",
        arn.to_owned(),
    )?;
    Ok(out
        .export_description()
        .map(ExportInfo::from_description)
        .unwrap_or_else(|| unknown_info(arn)))
}

/// The table's exports, newest first (ListExports has no times: each one is described).
pub(crate) async fn list(
    client: &aws_sdk_dynamodb::Client,
    table_arn: &str,
) -> Result<Vec<ExportInfo>, AwsError> {
    let mut arns = Vec::new();
    let mut pages = client
        .list_exports()
        .table_arn(table_arn)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.aws("dynamodb", "ListExports", table_arn.to_owned())?;
        arns.extend(
            page.export_summaries()
                .iter()
                .filter_map(|s| s.export_arn().map(str::to_owned)),
        );
    }
    let described: Vec<Result<ExportInfo, AwsError>> = futures::stream::iter(arns)
        .map(|arn| async move { describe(client, &arn).await })
        .buffered(8)
        .collect()
        .await;
    let mut out = described.into_iter().collect::<Result<Vec<_>, _>>()?;
    out.sort_by_key(|e| std::cmp::Reverse(e.point_in_time()));
    Ok(out)
}

/// Why an export could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Aws(#[from] AwsError),
    #[error(
        "no completed export of {0}: start one with `eventsctl export start --bucket B --wait`"
    )]
    NoneCompleted(String),
    #[error("export {arn} is {status}, not COMPLETED{why}")]
    NotCompleted {
        arn: String,
        status: String,
        why: String,
    },
    #[error("export {0} is of another table")]
    OtherTable(String),
    #[error("cannot read s3://{bucket}/{key}: {why}")]
    Read {
        bucket: String,
        key: String,
        why: String,
    },
}

/// `latest` (the newest completed export of the table) or an ARN, checked to be completed.
pub(crate) async fn resolve(
    client: &aws_sdk_dynamodb::Client,
    table_arn: &str,
    which: &str,
) -> Result<ExportInfo, ExportError> {
    let info = if which == "latest" {
        list(client, table_arn)
            .await?
            .into_iter()
            .find(ExportInfo::completed)
            .ok_or_else(|| ExportError::NoneCompleted(table_arn.to_owned()))?
    } else {
        if !which.starts_with(&format!("{table_arn}/export/")) {
            return Err(ExportError::OtherTable(which.to_owned()));
        }
        describe(client, which).await?
    };
    if !info.completed() {
        return Err(ExportError::NotCompleted {
            arn: info.arn.clone(),
            status: info.status.clone(),
            why: info
                .failure
                .as_deref()
                .map(|f| format!(" ({f})"))
                .unwrap_or_default(),
        });
    }
    Ok(info)
}

/// Starts an export (DynamoDB JSON, full), idempotently.
pub(crate) async fn start(
    client: &aws_sdk_dynamodb::Client,
    table_arn: &str,
    bucket: &str,
    prefix: Option<&str>,
    at: Option<DateTime<Utc>>,
    token: &str,
) -> Result<ExportInfo, AwsError> {
    let out = client
        .export_table_to_point_in_time()
        .table_arn(table_arn)
        .s3_bucket(bucket)
        .set_s3_prefix(prefix.map(str::to_owned))
        .set_export_time(at.map(|t| aws_smithy_types::DateTime::from_secs(t.timestamp())))
        .export_format(ExportFormat::DynamodbJson)
        .client_token(token)
        .send()
        .await
        .aws("dynamodb", "ExportTableToPointInTime", table_arn.to_owned())?;
    Ok(out
        .export_description()
        .map(ExportInfo::from_description)
        .unwrap_or_else(|| unknown_info(&format!("{table_arn}/export/unknown"))))
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
        prefix: None,
        manifest: None,
        failure: None,
    }
}

/// `manifest-summary.json`, the fields read here.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ManifestSummary {
    pub item_count: u64,
    pub manifest_files_s3_key: String,
    #[serde(default)]
    pub export_time: Option<String>,
    #[serde(default)]
    pub billed_size_bytes: Option<u64>,
}

/// One line of `manifest-files.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DataFile {
    pub item_count: u64,
    pub data_file_s3_key: String,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Manifest {
    pub summary: ManifestSummary,
    pub files: Vec<DataFile>,
}

impl Manifest {}

fn read_error(bucket: &str, key: &str) -> impl Fn(String) -> ExportError {
    let (bucket, key) = (bucket.to_owned(), key.to_owned());
    move |why| ExportError::Read {
        bucket: bucket.clone(),
        key: key.clone(),
        why,
    }
}

/// An object's body, as a stream.
async fn get_object(
    s3: &aws_sdk_s3::Client,
    bucket: &str,
    key: &str,
) -> Result<aws_sdk_s3::primitives::ByteStream, ExportError> {
    s3.get_object()
        .bucket(bucket)
        .key(key)
        .send()
        .await
        .aws("s3", "GetObject", format!("s3://{bucket}/{key}"))
        .map(|o| o.body)
        .map_err(|e| read_error(bucket, key)(e.to_string()))
}

async fn get_text(s3: &aws_sdk_s3::Client, bucket: &str, key: &str) -> Result<String, ExportError> {
    let read = read_error(bucket, key);
    let bytes = get_object(s3, bucket, key)
        .await?
        .collect()
        .await
        .map_err(|e| read(e.to_string()))?;
    String::from_utf8(bytes.to_vec()).map_err(|e| read(e.to_string()))
}

/// Reads the summary, then the list of data files.
pub(crate) async fn manifest(
    s3: &aws_sdk_s3::Client,
    info: &ExportInfo,
) -> Result<Manifest, ExportError> {
    let key = info.manifest_key();
    let text = get_text(s3, &info.bucket, &key).await?;
    let summary: ManifestSummary =
        serde_json::from_str(&text).map_err(|e| read_error(&info.bucket, &key)(e.to_string()))?;
    let files_key = &summary.manifest_files_s3_key;
    let text = get_text(s3, &info.bucket, files_key).await?;
    let files = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str::<DataFile>)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| read_error(&info.bucket, files_key)(e.to_string()))?;
    Ok(Manifest { summary, files })
}

/// Splits decompressed bytes into lines and hands each parsed item to `add`.
struct Lines<'a> {
    partial: Vec<u8>,
    add: &'a mut dyn FnMut(&Item),
    items: u64,
    bad: Option<String>,
}

impl Lines<'_> {
    fn line(&mut self, raw: &[u8]) {
        let text = String::from_utf8_lossy(raw);
        let text = text.trim();
        if text.is_empty() || self.bad.is_some() {
            return;
        }
        match ddbjson::export_line(text) {
            Ok(item) => {
                self.items += 1;
                (self.add)(&item);
            }
            Err(e) => self.bad = Some(format!("line {}: {e}", self.items + 1)),
        }
    }
}

impl Write for Lines<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|b| *b == b'\n') {
            if self.partial.is_empty() {
                self.line(&rest[..i]);
            } else {
                self.partial.extend_from_slice(&rest[..i]);
                let line = std::mem::take(&mut self.partial);
                self.line(&line);
            }
            rest = &rest[i + 1..];
        }
        self.partial.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Streams one gzip data file into `add`; returns the items read.
pub(crate) async fn read_data_file(
    s3: &aws_sdk_s3::Client,
    bucket: &str,
    key: &str,
    add: &mut dyn FnMut(&Item),
) -> Result<u64, ExportError> {
    let read = read_error(bucket, key);
    let mut body = get_object(s3, bucket, key).await?;
    let mut decoder = flate2::write::GzDecoder::new(Lines {
        partial: Vec::new(),
        add,
        items: 0,
        bad: None,
    });
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| read(e.to_string()))?;
        decoder
            .write_all(&chunk)
            .map_err(|e| read(format!("gzip: {e}")))?;
    }
    let mut lines = decoder.finish().map_err(|e| read(format!("gzip: {e}")))?;
    let last = std::mem::take(&mut lines.partial);
    lines.line(&last);
    match lines.bad {
        Some(b) => Err(read(b)),
        None => Ok(lines.items),
    }
}

/// The local engine: every data file streamed through `add` into a state of its own,
/// `concurrency` files at a time, the states merged. Returns the state and the items read.
pub(crate) async fn read_local<T: Default>(
    s3: &aws_sdk_s3::Client,
    bucket: &str,
    manifest: &Manifest,
    concurrency: usize,
    add: &(dyn Fn(&mut T, &Item) + Sync),
    merge: &(dyn Fn(&mut T, T) + Sync),
    progress: &(dyn Fn(u64) + Sync),
) -> Result<(T, u64), ExportError> {
    let mut reads = futures::stream::iter(manifest.files.iter())
        .map(|f| async move {
            let mut state = T::default();
            let n = read_data_file(s3, bucket, &f.data_file_s3_key, &mut |item| {
                add(&mut state, item)
            })
            .await?;
            progress(n);
            Ok::<_, ExportError>((state, n))
        })
        .buffer_unordered(concurrency.max(1));
    let mut total = T::default();
    let mut items = 0;
    while let Some(r) = reads.next().await {
        let (state, n) = r?;
        merge(&mut total, state);
        items += n;
    }
    Ok((total, items))
}

/// The restore check's reference: the table's item count at `at`, from the newest completed
/// export taken at or before `at` (its manifest's `itemCount`), with the export it came from.
/// `None` when no completed export of the table is that old.
pub async fn item_count_at(
    ddb: &aws_sdk_dynamodb::Client,
    s3: &aws_sdk_s3::Client,
    table_arn: &str,
    at: DateTime<Utc>,
) -> Result<Option<(ExportInfo, u64)>, ExportError> {
    let Some(info) = list(ddb, table_arn)
        .await?
        .into_iter()
        .filter(ExportInfo::completed)
        .find(|e| e.point_in_time().is_some_and(|t| t <= at))
    else {
        return Ok(None);
    };
    let m = manifest(s3, &info).await?;
    Ok(Some((info, m.summary.item_count)))
}

/// What reading an export will cost: the export itself (per GB of table) and, for Athena, the
/// data it scans (per TB). Pure.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct ExportCost {
    pub table_bytes: i64,
    pub export_usd: f64,
    pub athena_usd: Option<f64>,
}

pub(crate) fn cost(
    table_bytes: i64,
    price_per_gb: f64,
    athena_per_tb: Option<f64>,
    scanned_bytes: i64,
) -> ExportCost {
    ExportCost {
        table_bytes,
        export_usd: table_bytes.max(0) as f64 / 1e9 * price_per_gb,
        athena_usd: athena_per_tb.map(|p| scanned_bytes.max(0) as f64 / 1e12 * p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(prefix: Option<&str>, manifest: Option<&str>) -> ExportInfo {
        ExportInfo {
            arn: "arn:aws:dynamodb:us-east-1:1:table/t/export/0169-ab".into(),
            status: "COMPLETED".into(),
            export_time: None,
            start_time: None,
            end_time: None,
            item_count: None,
            billed_size_bytes: None,
            bucket: "b".into(),
            prefix: prefix.map(str::to_owned),
            manifest: manifest.map(str::to_owned),
            failure: None,
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

    #[test]
    fn the_token_is_stable_within_a_minute_and_differs_by_place() {
        let t = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let a = client_token("arn", "b", "p", t);
        assert_eq!(
            a,
            client_token("arn", "b", "p", t + chrono::Duration::seconds(10))
        );
        assert_ne!(a, client_token("arn", "b", "q", t));
        assert_ne!(
            a,
            client_token("arn", "b", "p", t + chrono::Duration::minutes(2))
        );
        assert_eq!(a.len(), 32);
    }

    #[test]
    fn lines_split_across_chunks_are_joined() {
        let mut seen = Vec::new();
        let mut add = |i: &Item| seen.push(i.get("k").cloned());
        let mut lines = Lines {
            partial: Vec::new(),
            add: &mut add,
            items: 0,
            bad: None,
        };
        lines
            .write_all(b"{\"Item\":{\"k\":{\"S\":\"a\"}}}\n{\"Item\":{\"k\":")
            .unwrap();
        lines.write_all(b"{\"S\":\"b\"}}}\n").unwrap();
        assert_eq!(lines.items, 2);
        assert!(lines.bad.is_none());
        drop(lines);
        assert_eq!(seen.len(), 2);
    }

    #[test]
    fn cost_is_size_times_price() {
        let c = cost(2_600_000_000_000, 0.10, Some(5.0), 1_000_000_000_000);
        assert!((c.export_usd - 260.0).abs() < 1e-9);
        assert_eq!(c.athena_usd, Some(5.0));
    }
}
