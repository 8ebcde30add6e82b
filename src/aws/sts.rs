//! STS: who the caller is (GetCallerIdentity needs no permission).
//! <https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html>

use aws_sdk_sts::Client;

use super::error::{AwsError, AwsResultExt};
use super::ops;

/// The caller's ARN.
pub(crate) async fn caller_arn(client: &Client) -> Result<Option<String>, AwsError> {
    let out = client
        .get_caller_identity()
        .send()
        .await
        .aws(&ops::GET_CALLER_IDENTITY, None)?;
    Ok(out.arn().map(str::to_owned))
}
