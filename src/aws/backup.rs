//! On-demand backups, and turning deletion protection off: what `dr retire` does before it
//! deletes a table.

use aws_sdk_dynamodb::Client;

use super::error::{AwsError, AwsResultExt, table_resource};
use super::ops;

/// A backup as CreateBackup and DescribeBackup report it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Backup {
    pub arn: String,
    /// `CREATING`, `AVAILABLE`, `DELETED`.
    pub status: String,
}

/// CreateBackup of `table` named `name` (`[a-zA-Z0-9_.-]`, 3 to 255 characters).
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateBackup.html
pub(crate) async fn create(client: &Client, table: &str, name: &str) -> Result<Backup, AwsError> {
    let out = client
        .create_backup()
        .table_name(table)
        .backup_name(name)
        .send()
        .await
        .aws(&ops::CREATE_BACKUP, table_resource(table))?;
    let d = out.backup_details();
    Ok(Backup {
        arn: d.map(|d| d.backup_arn().to_owned()).unwrap_or_default(),
        status: d
            .map(|d| d.backup_status().as_str().to_owned())
            .unwrap_or_default(),
    })
}

/// DescribeBackup: its status now (`None`: no such backup).
pub(crate) async fn status(client: &Client, arn: &str) -> Result<Option<String>, AwsError> {
    match client
        .describe_backup()
        .backup_arn(arn)
        .send()
        .await
        .aws(&ops::DESCRIBE_BACKUP, Some(format!("backup {arn}")))
    {
        Ok(out) => Ok(out
            .backup_description()
            .and_then(|d| d.backup_details())
            .map(|d| d.backup_status().as_str().to_owned())),
        Err(e) if e.is_not_found() || e.code.as_deref() == Some("BackupNotFoundException") => {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// UpdateTable: deletion protection off (only `dr retire --yes` does this).
pub(crate) async fn unprotect(client: &Client, table: &str) -> Result<(), AwsError> {
    client
        .update_table()
        .table_name(table)
        .deletion_protection_enabled(false)
        .send()
        .await
        .aws(&ops::UPDATE_TABLE, table_resource(table))?;
    Ok(())
}
