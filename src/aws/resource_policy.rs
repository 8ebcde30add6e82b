//! DynamoDB resource-based policies of a table or a stream (a stream's is its own; an index's
//! permissions are in its table's). A resource without one answers `PolicyNotFoundException`,
//! which is `None` here.
//! <https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetResourcePolicy.html>

use aws_sdk_dynamodb::Client;

use super::error::{AwsError, AwsResultExt};
use super::ops;

/// A policy document and its RevisionId.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Policy {
    pub document: String,
    pub revision_id: String,
}

fn no_policy(e: &AwsError) -> bool {
    e.code.as_deref() == Some("PolicyNotFoundException")
}

/// GetResourcePolicy: the policy, or `None` when the resource has none.
pub(crate) async fn get(client: &Client, arn: &str) -> Result<Option<Policy>, AwsError> {
    match client
        .get_resource_policy()
        .resource_arn(arn)
        .send()
        .await
        .aws(&ops::GET_RESOURCE_POLICY, Some(arn.to_owned()))
    {
        Ok(out) => Ok(Some(Policy {
            document: out.policy().unwrap_or_default().to_owned(),
            revision_id: out.revision_id().unwrap_or_default().to_owned(),
        })),
        Err(e) if no_policy(&e) => Ok(None),
        Err(e) => Err(e),
    }
}

/// PutResourcePolicy, only over the revision `expected` (`NO_POLICY`: only when there is none);
/// the RevisionId it left.
pub(crate) async fn put(
    client: &Client,
    arn: &str,
    document: &str,
    expected: &str,
) -> Result<String, AwsError> {
    let out = client
        .put_resource_policy()
        .resource_arn(arn)
        .policy(document)
        .expected_revision_id(expected)
        .send()
        .await
        .aws(&ops::PUT_RESOURCE_POLICY, Some(arn.to_owned()))?;
    Ok(out.revision_id().unwrap_or_default().to_owned())
}

/// DeleteResourcePolicy of the revision `expected`; `Ok(false)` when there was none.
pub(crate) async fn delete(client: &Client, arn: &str, expected: &str) -> Result<bool, AwsError> {
    match client
        .delete_resource_policy()
        .resource_arn(arn)
        .expected_revision_id(expected)
        .send()
        .await
        .aws(&ops::DELETE_RESOURCE_POLICY, Some(arn.to_owned()))
    {
        Ok(_) => Ok(true),
        Err(e) if no_policy(&e) => Ok(false),
        Err(e) => Err(e),
    }
}
