//! Lambda: whether the stream consumer's function exists.

use super::error::{AwsError, AwsResultExt};
use super::ops;

/// GetFunction: `Ok(true)` when the function exists, `Ok(false)` when Lambda answers
/// ResourceNotFoundException, the error otherwise (denied, unreachable, throttled).
/// https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html
pub(crate) async fn function_exists(
    lambda: &aws_sdk_lambda::Client,
    name: &str,
) -> Result<bool, AwsError> {
    match lambda
        .get_function()
        .function_name(name)
        .send()
        .await
        .aws(&ops::GET_FUNCTION, Some(format!("function {name}")))
    {
        Ok(_) => Ok(true),
        Err(e) if e.is_not_found() => Ok(false),
        Err(e) => Err(e),
    }
}
