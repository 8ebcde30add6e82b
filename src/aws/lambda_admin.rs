//! Lambda functions and mappings that `dr-drill --cutover` creates for itself and deletes
//! afterwards: CreateFunction, GetFunction's tags, DeleteFunction, DeleteEventSourceMapping.

use std::collections::HashMap;

use super::error::{AwsError, AwsResultExt};
use super::ops;

/// What a drill function is made of.
pub(crate) struct NewFunction<'a> {
    pub name: &'a str,
    pub role_arn: &'a str,
    /// A zip holding `h.py` with a `handler`.
    pub zip: Vec<u8>,
    pub env: HashMap<String, String>,
    pub tags: HashMap<String, String>,
}

/// CreateFunction (Python 3.12, handler `h.handler`, tagged at creation).
/// https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
pub(crate) async fn create_function(
    lambda: &aws_sdk_lambda::Client,
    f: NewFunction<'_>,
) -> Result<(), AwsError> {
    use aws_sdk_lambda::types::{Environment, FunctionCode, Runtime};
    lambda
        .create_function()
        .function_name(f.name)
        .runtime(Runtime::Python312)
        .role(f.role_arn)
        .handler("h.handler")
        .timeout(30)
        .environment(Environment::builder().set_variables(Some(f.env)).build())
        .code(
            FunctionCode::builder()
                .zip_file(aws_smithy_types::Blob::new(f.zip))
                .build(),
        )
        .set_tags(Some(f.tags))
        .send()
        .await
        .aws(&ops::CREATE_FUNCTION, Some(format!("function {}", f.name)))?;
    Ok(())
}

/// GetFunction: the function's state and its tags (`None` when it does not exist).
pub(crate) async fn state_and_tags(
    lambda: &aws_sdk_lambda::Client,
    name: &str,
) -> Result<Option<(String, HashMap<String, String>)>, AwsError> {
    match lambda
        .get_function()
        .function_name(name)
        .send()
        .await
        .aws(&ops::GET_FUNCTION, Some(format!("function {name}")))
    {
        Ok(out) => {
            let state = out
                .configuration()
                .and_then(|c| c.state())
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default();
            Ok(Some((state, out.tags().cloned().unwrap_or_default())))
        }
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// DeleteFunction.
/// https://docs.aws.amazon.com/lambda/latest/api/API_DeleteFunction.html
pub(crate) async fn delete_function(
    lambda: &aws_sdk_lambda::Client,
    name: &str,
) -> Result<(), AwsError> {
    lambda
        .delete_function()
        .function_name(name)
        .send()
        .await
        .aws(&ops::DELETE_FUNCTION, Some(format!("function {name}")))?;
    Ok(())
}

/// DeleteEventSourceMapping (its answer says `Deleting`; the mapping goes soon after).
/// https://docs.aws.amazon.com/lambda/latest/api/API_DeleteEventSourceMapping.html
pub(crate) async fn delete_mapping(
    lambda: &aws_sdk_lambda::Client,
    uuid: &str,
) -> Result<(), AwsError> {
    lambda
        .delete_event_source_mapping()
        .uuid(uuid)
        .send()
        .await
        .aws(
            &ops::DELETE_EVENT_SOURCE_MAPPING,
            Some(format!("event source mapping {uuid}")),
        )?;
    Ok(())
}
