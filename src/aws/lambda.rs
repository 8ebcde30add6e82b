//! Lambda: whether the stream consumer's function exists, and the functions that use the table
//! ([`table_users`], shared by `iam audit` and `dr cutover`).

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

/// A Lambda function that uses the table: it names the table in an environment variable, or an
/// event source mapping feeds it one of the table's streams, or both.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct TableUser {
    pub name: String,
    pub arn: String,
    /// Its execution role's ARN.
    pub role: Option<String>,
    /// The environment variable naming the table (its name only: the values of the others,
    /// which may be secrets, are never kept).
    pub variable: Option<String>,
    /// Its event source mappings on a stream of the table (the current one or an older one).
    pub mappings: Vec<StreamMapping>,
    /// `RevisionId` of the configuration read (UpdateFunctionConfiguration's precondition).
    pub revision_id: Option<String>,
}

/// An event source mapping that feeds a function a stream of the table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct StreamMapping {
    pub uuid: String,
    pub stream_arn: String,
    /// `Enabled`, `Disabled`, `Creating`, ... as Lambda reports it.
    pub state: Option<String>,
}

/// A function's configuration as the finder reads it (ListFunctions or
/// GetFunctionConfiguration).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionInfo {
    pub name: String,
    pub arn: String,
    pub role: Option<String>,
    /// `(variable, value)` of its environment.
    pub environment: Vec<(String, String)>,
    pub revision_id: Option<String>,
}

/// An event source mapping as ListEventSourceMappings reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingInfo {
    pub uuid: String,
    pub source_arn: String,
    pub function_arn: String,
    pub state: Option<String>,
}

impl From<&aws_sdk_lambda::types::FunctionConfiguration> for FunctionInfo {
    fn from(f: &aws_sdk_lambda::types::FunctionConfiguration) -> FunctionInfo {
        let mut environment: Vec<(String, String)> = f
            .environment()
            .and_then(|e| e.variables())
            .map(|v| v.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default();
        environment.sort();
        FunctionInfo {
            name: f.function_name().unwrap_or_default().to_owned(),
            arn: f.function_arn().unwrap_or_default().to_owned(),
            role: f.role().map(str::to_owned),
            environment,
            revision_id: f.revision_id().map(str::to_owned),
        }
    }
}

/// Whether `value` names the table: its name, or its ARN.
fn names_table(value: &str, table_name: &str, table_arn: &str) -> bool {
    value == table_name || value == table_arn
}

/// The functions of `functions` that use the table whose ARN is `table_arn`: `variable`'s value
/// is the table's name or ARN, or a mapping of `mappings` reads one of its streams
/// (`{table_arn}/stream/...`). In the order of `functions`. Pure: [`table_users`] gathers.
pub fn match_table_users(
    functions: &[FunctionInfo],
    mappings: &[MappingInfo],
    table_arn: &str,
    variable: &str,
) -> Vec<TableUser> {
    let table_name = table_arn
        .rsplit_once("table/")
        .map(|(_, n)| n)
        .unwrap_or(table_arn);
    let stream_prefix = format!("{table_arn}/stream/");
    let mut out = Vec::new();
    for f in functions {
        let named = f
            .environment
            .iter()
            .any(|(k, v)| k == variable && names_table(v, table_name, table_arn));
        let fed: Vec<StreamMapping> = mappings
            .iter()
            .filter(|m| m.source_arn.starts_with(&stream_prefix))
            // A mapping names its function by ARN, possibly qualified (`:alias`, `:3`).
            .filter(|m| {
                m.function_arn == f.arn
                    || m.function_arn
                        .strip_prefix(f.arn.as_str())
                        .is_some_and(|q| q.starts_with(':'))
            })
            .map(|m| StreamMapping {
                uuid: m.uuid.clone(),
                stream_arn: m.source_arn.clone(),
                state: m.state.clone(),
            })
            .collect();
        if named || !fed.is_empty() {
            out.push(TableUser {
                name: f.name.clone(),
                arn: f.arn.clone(),
                role: f.role.clone(),
                variable: named.then(|| variable.to_owned()),
                mappings: fed,
                revision_id: f.revision_id.clone(),
            });
        }
    }
    out
}

/// Every function of the account and Region (ListFunctions, paged; each page holds the
/// functions' environments). https://docs.aws.amazon.com/lambda/latest/api/API_ListFunctions.html
pub(crate) async fn list_functions(
    lambda: &aws_sdk_lambda::Client,
) -> Result<Vec<FunctionInfo>, AwsError> {
    let mut out = Vec::new();
    let mut pages = lambda.list_functions().into_paginator().send();
    while let Some(page) = pages.next().await {
        let page = page.aws(&ops::LIST_FUNCTIONS, None)?;
        out.extend(page.functions().iter().map(FunctionInfo::from));
    }
    Ok(out)
}

/// One function's configuration (GetFunctionConfiguration): its role, environment and
/// RevisionId. https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionConfiguration.html
pub(crate) async fn function_configuration(
    lambda: &aws_sdk_lambda::Client,
    name: &str,
) -> Result<FunctionInfo, AwsError> {
    let out = lambda
        .get_function_configuration()
        .function_name(name)
        .send()
        .await
        .aws(
            &ops::GET_FUNCTION_CONFIGURATION,
            Some(format!("function {name}")),
        )?;
    let mut environment: Vec<(String, String)> = out
        .environment()
        .and_then(|e| e.variables())
        .map(|v| v.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    environment.sort();
    Ok(FunctionInfo {
        name: out.function_name().unwrap_or(name).to_owned(),
        arn: out.function_arn().unwrap_or_default().to_owned(),
        role: out.role().map(str::to_owned),
        environment,
        revision_id: out.revision_id().map(str::to_owned),
    })
}

/// Every event source mapping of the account and Region (ListEventSourceMappings with no
/// filter, paged): those on any stream of the table, the current one or an older one.
pub(crate) async fn all_mappings(
    lambda: &aws_sdk_lambda::Client,
) -> Result<Vec<MappingInfo>, AwsError> {
    let mut out = Vec::new();
    let mut pages = lambda.list_event_source_mappings().into_paginator().send();
    while let Some(page) = pages.next().await {
        let page = page.aws(&ops::LIST_EVENT_SOURCE_MAPPINGS, None)?;
        out.extend(page.event_source_mappings().iter().map(|m| MappingInfo {
            uuid: m.uuid().unwrap_or_default().to_owned(),
            source_arn: m.event_source_arn().unwrap_or_default().to_owned(),
            function_arn: m.function_arn().unwrap_or_default().to_owned(),
            state: m.state().map(str::to_owned),
        }));
    }
    Ok(out)
}

/// The Lambda functions that use the table (`table_arn`, from DescribeTable): every function
/// whose `variable` (`EVENTS_TABLE_NAME`) names the table, or that an event source mapping feeds
/// one of its streams. `only`: just these functions (GetFunctionConfiguration each, whether or
/// not they use the table), else every function (ListFunctions). Functions and mappings are read
/// concurrently. Shared by `iam audit` and `dr cutover`.
pub(crate) async fn table_users(
    lambda: &aws_sdk_lambda::Client,
    table_arn: &str,
    variable: &str,
    only: &[String],
) -> Result<Vec<TableUser>, AwsError> {
    let functions = async {
        if only.is_empty() {
            list_functions(lambda).await
        } else {
            futures::future::try_join_all(only.iter().map(|f| function_configuration(lambda, f)))
                .await
        }
    };
    let (functions, mappings) = tokio::try_join!(functions, all_mappings(lambda))?;
    let mut users = match_table_users(&functions, &mappings, table_arn, variable);
    // Named functions are audited whether or not they use the table.
    for f in functions.iter().filter(|_| !only.is_empty()) {
        if !users.iter().any(|u| u.arn == f.arn) {
            users.push(TableUser {
                name: f.name.clone(),
                arn: f.arn.clone(),
                role: f.role.clone(),
                variable: None,
                mappings: Vec::new(),
                revision_id: f.revision_id.clone(),
            });
        }
    }
    Ok(users)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "arn:aws:dynamodb:us-east-1:111122223333:table/events";

    fn function(name: &str, env: &[(&str, &str)]) -> FunctionInfo {
        FunctionInfo {
            name: name.into(),
            arn: format!("arn:aws:lambda:us-east-1:111122223333:function:{name}"),
            role: Some(format!("arn:aws:iam::111122223333:role/{name}-role")),
            environment: env
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            revision_id: Some("r1".into()),
        }
    }

    fn mapping(function: &str, source: &str) -> MappingInfo {
        MappingInfo {
            uuid: format!("uuid-{function}"),
            source_arn: source.into(),
            function_arn: format!("arn:aws:lambda:us-east-1:111122223333:function:{function}"),
            state: Some("Enabled".into()),
        }
    }

    #[test]
    fn a_function_uses_the_table_by_its_variable_or_a_mapping_on_one_of_its_streams() {
        let functions = [
            function("api", &[("EVENTS_TABLE_NAME", "events"), ("SECRET", "s")]),
            function("api-by-arn", &[("EVENTS_TABLE_NAME", TABLE)]),
            function("other-table", &[("EVENTS_TABLE_NAME", "events-old")]),
            function("other-variable", &[("TABLE", "events")]),
            function("consumer", &[]),
            function("consumer-of-another", &[]),
            function("alias-consumer", &[]),
        ];
        let mut by_alias = mapping(
            "alias-consumer",
            &format!("{TABLE}/stream/2999-01-01T00:00:00.000"),
        );
        by_alias.function_arn.push_str(":live");
        let mappings = [
            mapping(
                "consumer",
                &format!("{TABLE}/stream/2999-01-01T00:00:00.000"),
            ),
            // `table/events-old/stream/...` starts with `table/events` but is another table.
            mapping(
                "consumer-of-another",
                "arn:aws:dynamodb:us-east-1:111122223333:table/events-old/stream/2999-01-01T00:00:00.000",
            ),
            by_alias,
        ];
        let users = match_table_users(&functions, &mappings, TABLE, "EVENTS_TABLE_NAME");
        let names: Vec<&str> = users.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["api", "api-by-arn", "consumer", "alias-consumer"]);
        assert_eq!(users[0].variable.as_deref(), Some("EVENTS_TABLE_NAME"));
        assert!(users[0].mappings.is_empty());
        assert_eq!(users[2].variable, None);
        assert_eq!(users[2].mappings[0].uuid, "uuid-consumer");
        assert_eq!(
            users[0].role.as_deref(),
            Some("arn:aws:iam::111122223333:role/api-role")
        );
        // Another variable name finds the other function instead.
        let by_table = match_table_users(&functions, &[], TABLE, "TABLE");
        assert_eq!(by_table.len(), 1);
        assert_eq!(by_table[0].name, "other-variable");
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
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
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
