//! STS: whose credentials these are — the account (the account guard of an environment that
//! names its account) and the caller's ARN (the operator `alarms test` names). AWS answers
//! GetCallerIdentity for any valid credentials, even under an explicit deny, so it needs no
//! permission.
//! <https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html>

use aws_sdk_sts::Client;
use aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityOutput;

use super::error::{AwsError, AwsResultExt};
use super::ops;

async fn identity(client: &Client) -> Result<GetCallerIdentityOutput, AwsError> {
    client
        .get_caller_identity()
        .send()
        .await
        .aws(&ops::GET_CALLER_IDENTITY, None)
}

/// The account the caller's credentials belong to.
pub(crate) async fn caller_account(client: &Client) -> Result<String, AwsError> {
    Ok(identity(client)
        .await?
        .account()
        .unwrap_or_default()
        .to_owned())
}

/// The caller's ARN.
pub(crate) async fn caller_arn(client: &Client) -> Result<Option<String>, AwsError> {
    Ok(identity(client).await?.arn().map(str::to_owned))
}
