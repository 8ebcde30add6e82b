//! IAM reads for `iam audit`: a role, its inline and attached policies (documents as IAM sends
//! them: URL-encoded, RFC 3986, on AWS and on the emulator; `checks::iam_audit::policy::parse`
//! decodes them), and its access advisor report; for `dr cutover`, whether a role exists, what
//! SimulatePrincipalPolicy decides for it on the target, and the inline policy `--grant` adds and
//! `dr rollback` removes.
//! <https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html>

use std::time::{Duration, Instant};

use aws_sdk_iam::Client;
use aws_sdk_iam::types::{AccessAdvisorUsageGranularityType, EvaluationResult, JobStatusType};
use chrono::{DateTime, Utc};

use super::error::{AwsError, AwsErrorKind, AwsResultExt};
use super::metrics::from_smithy;
use super::ops;

/// A completed access advisor report (`checks::iam_audit::AccessAdvisor` is built from it).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AdvisorReport {
    /// JobCompletionDate.
    pub generated: DateTime<Utc>,
    pub services: Vec<ServiceReport>,
}

/// One `ServiceLastAccessed`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ServiceReport {
    pub namespace: String,
    pub last_authenticated: Option<DateTime<Utc>>,
    /// `None` when IAM does not track the service per action.
    pub actions: Option<Vec<ActionReport>>,
}

/// One `TrackedActionLastAccessed`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ActionReport {
    pub action: String,
    pub last_accessed: Option<DateTime<Utc>>,
    pub region: Option<String>,
}

/// A role as GetRole answers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RoleInfo {
    pub name: String,
    pub arn: String,
    pub created: Option<DateTime<Utc>>,
}

/// The role's name from its ARN (`arn:aws:iam::ACCOUNT:role/path/NAME`: the last segment).
pub(crate) fn role_name(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

pub(crate) async fn get_role(iam: &Client, name: &str) -> Result<RoleInfo, AwsError> {
    let out = iam
        .get_role()
        .role_name(name)
        .send()
        .await
        .aws(&ops::GET_ROLE, Some(format!("role {name}")))?;
    let role = out.role();
    Ok(RoleInfo {
        name: role
            .map(|r| r.role_name().to_owned())
            .unwrap_or_else(|| name.to_owned()),
        arn: role.map(|r| r.arn().to_owned()).unwrap_or_default(),
        created: role.map(|r| from_smithy(r.create_date())),
    })
}

/// The names of the role's inline policies (ListRolePolicies, every page).
pub(crate) async fn inline_policy_names(iam: &Client, role: &str) -> Result<Vec<String>, AwsError> {
    let mut out = Vec::new();
    let mut pages = iam
        .list_role_policies()
        .role_name(role)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.aws(&ops::LIST_ROLE_POLICIES, Some(format!("role {role}")))?;
        out.extend(page.policy_names().iter().cloned());
    }
    Ok(out)
}

/// One inline policy's document, as IAM sends it (URL-encoded).
pub(crate) async fn inline_policy(
    iam: &Client,
    role: &str,
    policy: &str,
) -> Result<String, AwsError> {
    let out = iam
        .get_role_policy()
        .role_name(role)
        .policy_name(policy)
        .send()
        .await
        .aws(
            &ops::GET_ROLE_POLICY,
            Some(format!("role {role} policy {policy}")),
        )?;
    Ok(out.policy_document().to_owned())
}

/// The role's attached managed policies, `(name, arn)` (ListAttachedRolePolicies, every page).
pub(crate) async fn attached_policies(
    iam: &Client,
    role: &str,
) -> Result<Vec<(String, String)>, AwsError> {
    let mut out = Vec::new();
    let mut pages = iam
        .list_attached_role_policies()
        .role_name(role)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.aws(
            &ops::LIST_ATTACHED_ROLE_POLICIES,
            Some(format!("role {role}")),
        )?;
        out.extend(page.attached_policies().iter().map(|p| {
            (
                p.policy_name().unwrap_or_default().to_owned(),
                p.policy_arn().unwrap_or_default().to_owned(),
            )
        }));
    }
    Ok(out)
}

/// A managed policy's document: its default version (GetPolicy, then GetPolicyVersion), as IAM
/// sends it (URL-encoded).
pub(crate) async fn managed_policy(iam: &Client, arn: &str) -> Result<String, AwsError> {
    let policy = iam
        .get_policy()
        .policy_arn(arn)
        .send()
        .await
        .aws(&ops::GET_POLICY, Some(format!("policy {arn}")))?;
    let version = policy
        .policy()
        .and_then(|p| p.default_version_id())
        .ok_or_else(|| {
            AwsError::local(
                AwsErrorKind::Other,
                "iam",
                "GetPolicy",
                Some(format!("policy {arn}")),
                "IAM named no default version",
            )
        })?
        .to_owned();
    let out = iam
        .get_policy_version()
        .policy_arn(arn)
        .version_id(&version)
        .send()
        .await
        .aws(
            &ops::GET_POLICY_VERSION,
            Some(format!("policy {arn} version {version}")),
        )?;
    out.policy_version()
        .and_then(|v| v.document())
        .map(str::to_owned)
        .ok_or_else(|| {
            AwsError::local(
                AwsErrorKind::Other,
                "iam",
                "GetPolicyVersion",
                Some(format!("policy {arn}")),
                format!("version {version} has no document"),
            )
        })
}

/// Starts an access advisor report for the role at action level; its job id.
/// <https://docs.aws.amazon.com/IAM/latest/APIReference/API_GenerateServiceLastAccessedDetails.html>
pub(crate) async fn start_access_advisor(iam: &Client, role_arn: &str) -> Result<String, AwsError> {
    let out = iam
        .generate_service_last_accessed_details()
        .arn(role_arn)
        .granularity(AccessAdvisorUsageGranularityType::ActionLevel)
        .send()
        .await
        .aws(
            &ops::GENERATE_SERVICE_LAST_ACCESSED_DETAILS,
            Some(format!("role {role_arn}")),
        )?;
    Ok(out.job_id().unwrap_or_default().to_owned())
}

/// How often, and how long at most, an access advisor job is asked for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AdvisorWait {
    pub every: Duration,
    pub at_most: Duration,
}

/// The report of job `job_id`: asked every `wait.every` until it is COMPLETED or FAILED, for
/// `wait.at_most` (then `Err` saying it was still in progress). A completed report with no
/// service at all is `Err` too ("no data"): never read as "nothing was used".
/// <https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServiceLastAccessedDetails.html>
pub(crate) async fn collect_access_advisor(
    iam: &Client,
    job_id: &str,
    wait: AdvisorWait,
) -> Result<Result<AdvisorReport, String>, AwsError> {
    let started = Instant::now();
    loop {
        let mut services = Vec::new();
        let mut marker: Option<String> = None;
        let mut status;
        let mut completed;
        loop {
            let page = iam
                .get_service_last_accessed_details()
                .job_id(job_id)
                .set_marker(marker.clone())
                .send()
                .await
                .aws(&ops::GET_SERVICE_LAST_ACCESSED_DETAILS, None)?;
            status = page.job_status().clone();
            completed = from_smithy(page.job_completion_date());
            if status == JobStatusType::Failed {
                let why = page
                    .error()
                    .map(|e| format!("{}: {}", e.code(), e.message()))
                    .unwrap_or_else(|| "no reason given".into());
                return Ok(Err(format!("the access advisor job failed ({why})")));
            }
            services.extend(page.services_last_accessed().iter().map(service_use));
            marker = page
                .marker()
                .map(str::to_owned)
                .filter(|_| page.is_truncated());
            if marker.is_none() || status != JobStatusType::Completed {
                break;
            }
        }
        if status == JobStatusType::Completed {
            if services.is_empty() {
                return Ok(Err(
                    "access advisor's completed report lists no service at all (no data): which permissions were used is not known".into(),
                ));
            }
            return Ok(Ok(AdvisorReport {
                generated: completed,
                services,
            }));
        }
        if started.elapsed() + wait.every > wait.at_most {
            return Ok(Err(format!(
                "the access advisor report was still {} after {} s",
                status.as_str(),
                wait.at_most.as_secs()
            )));
        }
        tokio::time::sleep(wait.every).await;
    }
}

fn service_use(s: &aws_sdk_iam::types::ServiceLastAccessed) -> ServiceReport {
    ServiceReport {
        namespace: s.service_namespace().to_owned(),
        last_authenticated: s.last_authenticated().map(from_smithy),
        actions: s.tracked_actions_last_accessed.as_ref().map(|actions| {
            actions
                .iter()
                .map(|a| ActionReport {
                    action: a.action_name().unwrap_or_default().to_owned(),
                    last_accessed: a.last_accessed_time().map(from_smithy),
                    region: a.last_accessed_region().map(str::to_owned),
                })
                .collect()
        }),
    }
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
