//! IAM for `dr cutover`: whether a function's execution role exists, what it may do on a
//! resource (SimulatePrincipalPolicy, one resource ARN per call: the emulator evaluates only the
//! first of several, and AWS now answers several with one aggregate decision per action and the
//! per-resource ones in ResourceSpecificResults, which are read when present), and the inline
//! policy `--grant` adds and `dr rollback` removes.
//! https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html

use aws_sdk_iam::Client;
use aws_sdk_iam::types::EvaluationResult;

use super::error::{AwsError, AwsResultExt};
use super::ops;

/// A role's name from its ARN (`arn:aws:iam::ACCOUNT:role/PATH/NAME`: the last part).
pub(crate) fn role_name(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

/// GetRole: whether the role exists.
pub(crate) async fn role_exists(iam: &Client, role_arn: &str) -> Result<bool, AwsError> {
    let name = role_name(role_arn);
    match iam
        .get_role()
        .role_name(name)
        .send()
        .await
        .aws(&ops::GET_ROLE, Some(format!("role {name}")))
    {
        Ok(_) => Ok(true),
        Err(e) if e.is_not_found() || e.code.as_deref() == Some("NoSuchEntity") => Ok(false),
        Err(e) => Err(e),
    }
}

/// SimulatePrincipalPolicy of `actions` on one `resource` for the role, every page: the results
/// as AWS gives them (`dr::access` reads their decisions).
pub(crate) async fn simulate(
    iam: &Client,
    role_arn: &str,
    actions: &[&str],
    resource: &str,
) -> Result<Vec<EvaluationResult>, AwsError> {
    let mut out = Vec::new();
    let mut marker: Option<String> = None;
    loop {
        let page = iam
            .simulate_principal_policy()
            .policy_source_arn(role_arn)
            .set_action_names(Some(actions.iter().map(|a| (*a).to_owned()).collect()))
            .resource_arns(resource)
            .set_marker(marker.clone())
            .send()
            .await
            .aws(
                &ops::SIMULATE_PRINCIPAL_POLICY,
                Some(format!("role {}", role_name(role_arn))),
            )?;
        out.extend(page.evaluation_results().iter().cloned());
        match (page.is_truncated(), page.marker()) {
            (true, Some(m)) => marker = Some(m.to_owned()),
            _ => return Ok(out),
        }
    }
}

/// PutRolePolicy: an inline policy on the role (replaces one of the same name).
pub(crate) async fn put_role_policy(
    iam: &Client,
    role_arn: &str,
    name: &str,
    document: &str,
) -> Result<(), AwsError> {
    let role = role_name(role_arn);
    iam.put_role_policy()
        .role_name(role)
        .policy_name(name)
        .policy_document(document)
        .send()
        .await
        .aws(&ops::PUT_ROLE_POLICY, Some(format!("role {role}")))?;
    Ok(())
}

/// DeleteRolePolicy: `Ok(false)` when it was not there.
pub(crate) async fn delete_role_policy(
    iam: &Client,
    role_arn: &str,
    name: &str,
) -> Result<bool, AwsError> {
    let role = role_name(role_arn);
    match iam
        .delete_role_policy()
        .role_name(role)
        .policy_name(name)
        .send()
        .await
        .aws(&ops::DELETE_ROLE_POLICY, Some(format!("role {role}")))
    {
        Ok(_) => Ok(true),
        Err(e) if e.is_not_found() || e.code.as_deref() == Some("NoSuchEntity") => Ok(false),
        Err(e) => Err(e),
    }
}
