//! STS: whose credentials these are (the account guard of an environment that names its
//! account).

use super::error::{AwsError, AwsResultExt};
use super::ops;

/// GetCallerIdentity: the account the caller's credentials belong to. AWS answers it for any
/// valid credentials, even under an explicit deny, so it needs no permission.
/// <https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html>
pub(crate) async fn caller_account(sts: &aws_sdk_sts::Client) -> Result<String, AwsError> {
    let out = sts
        .get_caller_identity()
        .send()
        .await
        .aws(&ops::GET_CALLER_IDENTITY, None)?;
    Ok(out.account().unwrap_or_default().to_owned())
}
