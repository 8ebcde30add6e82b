//! Whether AWS answers at all, before a check gathers anything: one DescribeTable, first without
//! the SDK's retries so that a refused connection is known at once.

use super::ops;
use aws_config::retry::RetryConfig;
use aws_sdk_dynamodb::Client;

use super::error::{AwsError, AwsResultExt, table_resource};

/// DescribeTable of `table`, with the SDK's retries or without (`retries: false`: one attempt).
/// `Ok(())` when the table was described; a missing table is an error (`is_not_found`).
pub(crate) async fn describe_table(
    client: &Client,
    table: &str,
    retries: bool,
) -> Result<(), AwsError> {
    let call = client.describe_table().table_name(table);
    let result = if retries {
        call.send().await
    } else {
        call.customize()
            .config_override(
                aws_sdk_dynamodb::config::Builder::default().retry_config(RetryConfig::disabled()),
            )
            .send()
            .await
    };
    result
        .map(|_| ())
        .aws(&ops::DESCRIBE_TABLE, table_resource(table))
}
