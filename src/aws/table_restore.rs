//! Point-in-time restores into a new table, and the deletion of a drill's table.
//! <https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_RestoreTableToPointInTime.html>

use super::ops;
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::TableDescription;
use chrono::{DateTime, Utc};

use super::error::{AwsError, AwsErrorKind, AwsResultExt, table_resource};

/// RestoreTableToPointInTime of `source` into `target`, at `at` (whole seconds) or, with `None`,
/// at the latest restorable time. The new table's description (CREATING).
pub(crate) async fn restore(
    client: &Client,
    source: &str,
    target: &str,
    at: Option<DateTime<Utc>>,
) -> Result<TableDescription, AwsError> {
    let req = client
        .restore_table_to_point_in_time()
        .source_table_name(source)
        .target_table_name(target);
    let req = match at {
        Some(t) => req.restore_date_time(aws_smithy_types::DateTime::from_secs(t.timestamp())),
        None => req.use_latest_restorable_time(true),
    };
    let out = req
        .send()
        .await
        .aws(&ops::RESTORE_TABLE_TO_POINT_IN_TIME, table_resource(source))?;
    out.table_description.ok_or_else(|| {
        AwsError::local(
            AwsErrorKind::Other,
            "dynamodb",
            "RestoreTableToPointInTime",
            table_resource(source),
            "RestoreTableToPointInTime returned no table description",
        )
    })
}

/// DeleteTable.
pub(crate) async fn delete_table(client: &Client, name: &str) -> Result<(), AwsError> {
    client
        .delete_table()
        .table_name(name)
        .send()
        .await
        .aws(&ops::DELETE_TABLE, table_resource(name))?;
    Ok(())
}
