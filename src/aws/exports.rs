//! PITR exports: ExportTableToPointInTime, DescribeExport and ListExports, and the S3 reads of an
//! export's files (GetObject, ListObjectsV2). What an export means (which one to use, what its
//! manifest says) is `scale::export`'s.
//! <https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.HowItWorks.html>

use std::collections::BTreeMap;

use aws_sdk_dynamodb::types::{ExportDescription, ExportFormat, ExportType};

use super::error::{AwsError, AwsResultExt};
use super::ops;

/// DescribeExport.
pub(crate) async fn describe(
    client: &aws_sdk_dynamodb::Client,
    arn: &str,
) -> Result<Option<ExportDescription>, AwsError> {
    let out = client
        .describe_export()
        .export_arn(arn)
        .send()
        .await
        .aws(&ops::DESCRIBE_EXPORT, arn.to_owned())?;
    Ok(out.export_description)
}

/// The ARNs of the table's exports, every page of ListExports.
pub(crate) async fn list_arns(
    client: &aws_sdk_dynamodb::Client,
    table_arn: &str,
) -> Result<Vec<String>, AwsError> {
    let mut arns = Vec::new();
    let mut pages = client
        .list_exports()
        .table_arn(table_arn)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.aws(&ops::LIST_EXPORTS, table_arn.to_owned())?;
        arns.extend(
            page.export_summaries()
                .iter()
                .filter_map(|s| s.export_arn().map(str::to_owned)),
        );
    }
    Ok(arns)
}

/// What ExportTableToPointInTime is asked for: a full export in DynamoDB JSON.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Export<'a> {
    pub table_arn: &'a str,
    pub bucket: &'a str,
    /// S3BucketOwner: required by AWS when the bucket is in another account.
    pub bucket_owner: Option<&'a str>,
    pub prefix: Option<&'a str>,
    /// ExportTime in epoch seconds; `None`: the time of the request.
    pub at: Option<i64>,
    /// The client token that makes the request idempotent.
    pub token: &'a str,
}

/// ExportTableToPointInTime of a full export in DynamoDB JSON.
pub(crate) async fn start(
    client: &aws_sdk_dynamodb::Client,
    e: Export<'_>,
) -> Result<Option<ExportDescription>, AwsError> {
    let out = client
        .export_table_to_point_in_time()
        .table_arn(e.table_arn)
        .s3_bucket(e.bucket)
        .set_s3_bucket_owner(e.bucket_owner.map(str::to_owned))
        .set_s3_prefix(e.prefix.map(str::to_owned))
        .set_export_time(e.at.map(aws_smithy_types::DateTime::from_secs))
        .export_type(ExportType::FullExport)
        .export_format(ExportFormat::DynamodbJson)
        .client_token(e.token)
        .send()
        .await
        .aws(&ops::EXPORT_TABLE_TO_POINT_IN_TIME, e.table_arn.to_owned())?;
    Ok(out.export_description)
}

/// GetObject: the object's body, as a stream.
pub(crate) async fn get_object(
    s3: &aws_sdk_s3::Client,
    bucket: &str,
    key: &str,
) -> Result<aws_sdk_s3::primitives::ByteStream, AwsError> {
    s3.get_object()
        .bucket(bucket)
        .key(key)
        .send()
        .await
        .aws(&ops::GET_OBJECT, format!("s3://{bucket}/{key}"))
        .map(|o| o.body)
}

/// The objects under `prefix`, key to size in bytes, every page of ListObjectsV2.
pub(crate) async fn list_objects(
    s3: &aws_sdk_s3::Client,
    bucket: &str,
    prefix: &str,
) -> Result<BTreeMap<String, i64>, AwsError> {
    let mut out = BTreeMap::new();
    let mut pages = s3
        .list_objects_v2()
        .bucket(bucket)
        .prefix(prefix)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.aws(&ops::LIST_OBJECTS_V2, format!("s3://{bucket}/{prefix}"))?;
        for o in page.contents() {
            if let Some(k) = o.key() {
                out.insert(k.to_owned(), o.size().unwrap_or(0));
            }
        }
    }
    Ok(out)
}
