//! Lambda: whether the stream consumer's function exists.

use super::error::{AwsError, AwsErrorKind, AwsResultExt};
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

/// What `dr cutover` reads of a function: where it is, who it runs as, one variable, and the
/// revision a change must name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FunctionState {
    pub name: String,
    pub arn: String,
    pub role: Option<String>,
    /// The value of the variable asked for (`None`: the function does not have it).
    pub value: Option<String>,
    pub revision_id: Option<String>,
    /// `Successful`, `InProgress`, `Failed` (None: not said).
    pub last_update_status: Option<String>,
    pub last_update_reason: Option<String>,
    /// How many bytes the environment takes (keys and values), for Lambda's 4 KB limit.
    pub env_bytes: usize,
}

fn state_of(
    c: &aws_sdk_lambda::types::FunctionConfiguration,
    variable: &str,
) -> Option<FunctionState> {
    let vars = c.environment().and_then(|e| e.variables());
    Some(FunctionState {
        name: c.function_name()?.to_owned(),
        arn: c.function_arn().unwrap_or_default().to_owned(),
        role: c.role().map(str::to_owned),
        value: vars.and_then(|v| v.get(variable)).cloned(),
        revision_id: c.revision_id().map(str::to_owned),
        last_update_status: c.last_update_status().map(|s| s.as_str().to_owned()),
        last_update_reason: c
            .last_update_status_reason_code()
            .map(|s| s.as_str().to_owned())
            .or_else(|| c.last_update_status_reason().map(str::to_owned)),
        env_bytes: vars
            .map(|v| v.iter().map(|(k, v)| k.len() + v.len()).sum())
            .unwrap_or(0),
    })
}

/// ListFunctions, every page (50 a page): the functions whose `variable` is `value`. The list
/// holds each function's environment, so this is one paged read whatever the number.
/// https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctions.html
pub(crate) async fn functions_naming(
    lambda: &aws_sdk_lambda::Client,
    variable: &str,
    value: &str,
) -> Result<Vec<FunctionState>, AwsError> {
    let mut out = Vec::new();
    let mut pages = lambda.list_functions().into_paginator().send();
    while let Some(page) = pages.next().await {
        let page = page.aws(&ops::LIST_FUNCTIONS, None)?;
        out.extend(
            page.functions()
                .iter()
                .filter_map(|f| state_of(f, variable))
                .filter(|f| f.value.as_deref() == Some(value)),
        );
    }
    Ok(out)
}

/// GetFunctionConfiguration: the function's state (`None` when it does not exist).
pub(crate) async fn function_state(
    lambda: &aws_sdk_lambda::Client,
    name: &str,
    variable: &str,
) -> Result<Option<FunctionState>, AwsError> {
    match lambda
        .get_function_configuration()
        .function_name(name)
        .send()
        .await
        .aws(
            &ops::GET_FUNCTION_CONFIGURATION,
            Some(format!("function {name}")),
        ) {
        Ok(c) => {
            let c = aws_sdk_lambda::types::FunctionConfiguration::builder()
                .set_function_name(c.function_name)
                .set_function_arn(c.function_arn)
                .set_role(c.role)
                .set_environment(c.environment)
                .set_revision_id(c.revision_id)
                .set_last_update_status(c.last_update_status)
                .set_last_update_status_reason(c.last_update_status_reason)
                .set_last_update_status_reason_code(c.last_update_status_reason_code)
                .build();
            Ok(state_of(&c, variable))
        }
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether a Lambda error is the precondition of a stale RevisionId (HTTP 412).
pub(crate) fn is_stale_revision(e: &AwsError) -> bool {
    e.code.as_deref() == Some("PreconditionFailedException")
}

/// Whether Lambda refused because an update of the function is still in progress, or throttled:
/// worth trying again after a pause.
pub(crate) fn is_busy(e: &AwsError) -> bool {
    matches!(
        e.code.as_deref(),
        Some("ResourceConflictException" | "TooManyRequestsException" | "ResourceInUseException")
    ) || e.is_transient()
}

/// UpdateFunctionConfiguration of one variable: reads the whole environment, changes `variable`
/// to `value` (every other variable kept: the call replaces the whole map), and writes it back
/// naming `revision_id` (a function changed since answers PreconditionFailedException, never
/// overwritten). The new RevisionId. Values are never logged.
/// https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionConfiguration.html
pub(crate) async fn set_variable(
    lambda: &aws_sdk_lambda::Client,
    name: &str,
    variable: &str,
    value: &str,
    revision_id: &str,
) -> Result<Option<String>, AwsError> {
    let resource = Some(format!("function {name}"));
    let current = lambda
        .get_function_configuration()
        .function_name(name)
        .send()
        .await
        .aws(&ops::GET_FUNCTION_CONFIGURATION, resource.clone())?;
    if current.revision_id() != Some(revision_id) {
        let mut e = AwsError::local(
            AwsErrorKind::Other,
            ops::UPDATE_FUNCTION_CONFIGURATION.service,
            ops::UPDATE_FUNCTION_CONFIGURATION.operation,
            resource,
            "the function changed since it was read (its RevisionId differs)",
        );
        e.code = Some("PreconditionFailedException".into());
        return Err(e);
    }
    let mut vars = current
        .environment()
        .and_then(|e| e.variables())
        .cloned()
        .unwrap_or_default();
    vars.insert(variable.to_owned(), value.to_owned());
    let env = aws_sdk_lambda::types::Environment::builder()
        .set_variables(Some(vars))
        .build();
    let updated = lambda
        .update_function_configuration()
        .function_name(name)
        .environment(env)
        .revision_id(revision_id)
        .send()
        .await
        .aws(&ops::UPDATE_FUNCTION_CONFIGURATION, resource)?;
    Ok(updated.revision_id().map(str::to_owned))
}

/// An event source mapping as `dr cutover` records it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Mapping {
    pub uuid: String,
    pub function_arn: String,
    pub event_source_arn: String,
    pub state: String,
    pub batch_size: Option<i32>,
    pub starting_position: Option<String>,
    pub last_processing_result: Option<String>,
}

/// A [`Mapping`] from any of Lambda's mapping answers (they share the accessors).
macro_rules! mapping_of {
    ($m:expr) => {{
        let m = $m;
        Mapping {
            uuid: m.uuid().unwrap_or_default().to_owned(),
            function_arn: m.function_arn().unwrap_or_default().to_owned(),
            event_source_arn: m.event_source_arn().unwrap_or_default().to_owned(),
            state: m.state().unwrap_or_default().to_owned(),
            batch_size: m.batch_size(),
            starting_position: m.starting_position().map(|p| p.as_str().to_owned()),
            last_processing_result: m.last_processing_result().map(str::to_owned),
        }
    }};
}

impl Mapping {
    pub(crate) fn of(m: &aws_sdk_lambda::types::EventSourceMappingConfiguration) -> Mapping {
        mapping_of!(m)
    }
}

/// GetEventSourceMapping (`None` when it does not exist).
pub(crate) async fn mapping(
    lambda: &aws_sdk_lambda::Client,
    uuid: &str,
) -> Result<Option<Mapping>, AwsError> {
    match lambda
        .get_event_source_mapping()
        .uuid(uuid)
        .send()
        .await
        .aws(
            &ops::GET_EVENT_SOURCE_MAPPING,
            Some(format!("event source mapping {uuid}")),
        ) {
        Ok(m) => Ok(Some(mapping_of!(&m))),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// CreateEventSourceMapping of `function` on a DynamoDB stream from TRIM_HORIZON (the oldest
/// record the stream holds: a restored table's new stream holds only writes made since it was
/// enabled, so nothing written after the cutover is missed; AT_TIMESTAMP is not allowed for
/// DynamoDB streams, and LATEST may miss what is written while the mapping starts polling),
/// with the batch size given explicitly.
/// https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
pub(crate) async fn create_mapping(
    lambda: &aws_sdk_lambda::Client,
    function: &str,
    stream_arn: &str,
    batch_size: i32,
) -> Result<Mapping, AwsError> {
    let m = lambda
        .create_event_source_mapping()
        .function_name(function)
        .event_source_arn(stream_arn)
        .starting_position(aws_sdk_lambda::types::EventSourcePosition::TrimHorizon)
        .batch_size(batch_size)
        .enabled(true)
        .send()
        .await
        .aws(
            &ops::CREATE_EVENT_SOURCE_MAPPING,
            Some(format!("function {function}")),
        )?;
    Ok(mapping_of!(&m))
}

/// UpdateEventSourceMapping: enabled or disabled (never deleted). Its state in the answer.
pub(crate) async fn set_mapping_enabled(
    lambda: &aws_sdk_lambda::Client,
    uuid: &str,
    enabled: bool,
) -> Result<String, AwsError> {
    let m = lambda
        .update_event_source_mapping()
        .uuid(uuid)
        .enabled(enabled)
        .send()
        .await
        .aws(
            &ops::UPDATE_EVENT_SOURCE_MAPPING,
            Some(format!("event source mapping {uuid}")),
        )?;
    Ok(m.state().unwrap_or_default().to_owned())
}
