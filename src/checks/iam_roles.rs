//! What `iam audit` judges, gathered: the Lambda functions that use the table
//! ([`crate::aws::lambda::table_users`]), their execution roles, each role's inline and attached
//! policies (managed documents at their default version), and each role's access advisor report
//! (ACTION_LEVEL; the jobs start as soon as the roles are known and are collected last). Roles
//! are read concurrently; a role or policy the caller may not read is an `Err` the engine
//! ([`super::iam_audit`]) reports as unknown, never as ok.

use std::collections::BTreeMap;

use futures::future::join_all;

use super::iam_audit::{
    AccessAdvisor, ActionUse, PolicyInput, PolicySource, RoleInput, RoleKind, ServiceUse,
};
use crate::aws::AwsError;
use crate::aws::iam::{self as aws_iam, AdvisorReport, AdvisorWait};
use crate::aws::lambda::TableUser;
use crate::report::Finding;
use crate::vocab::check_id::CheckId;

/// One role and the functions that run as it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RoleUse {
    pub arn: String,
    pub functions: Vec<String>,
    /// One of its functions is fed the table's stream by an event source mapping.
    pub consumer: bool,
}

/// The roles of `users`, in the order first seen; a function without a role is left out.
pub(crate) fn roles_of(users: &[TableUser]) -> Vec<RoleUse> {
    let mut order: Vec<String> = Vec::new();
    let mut by: BTreeMap<String, RoleUse> = BTreeMap::new();
    for u in users {
        let Some(arn) = &u.role else { continue };
        let entry = by.entry(arn.clone()).or_insert_with(|| {
            order.push(arn.clone());
            RoleUse {
                arn: arn.clone(),
                functions: Vec::new(),
                consumer: false,
            }
        });
        entry.functions.push(u.name.clone());
        entry.consumer |= !u.mappings.is_empty();
    }
    order.into_iter().filter_map(|a| by.remove(&a)).collect()
}

fn advisor(report: AdvisorReport) -> AccessAdvisor {
    AccessAdvisor {
        generated: report.generated,
        services: report
            .services
            .into_iter()
            .map(|s| ServiceUse {
                namespace: s.namespace,
                last_authenticated: s.last_authenticated,
                actions: s.actions.map(|list| {
                    list.into_iter()
                        .map(|a| ActionUse {
                            action: a.action,
                            last_accessed: a.last_accessed,
                            region: a.region,
                        })
                        .collect()
                }),
            })
            .collect(),
    }
}

/// The role's policies: inline (ListRolePolicies, GetRolePolicy each) and attached
/// (ListAttachedRolePolicies, GetPolicy + GetPolicyVersion each), read concurrently. `Err` when
/// either list could not be read; a document that could not be read is that policy's `Err`.
async fn policies(iam: &aws_sdk_iam::Client, role: &str) -> Result<Vec<PolicyInput>, String> {
    let (inline, attached) = tokio::join!(
        aws_iam::inline_policy_names(iam, role),
        aws_iam::attached_policies(iam, role)
    );
    let (inline, attached) = (
        inline.map_err(|e| e.to_string())?,
        attached.map_err(|e| e.to_string())?,
    );
    let inline_docs = join_all(inline.iter().map(|p| aws_iam::inline_policy(iam, role, p)));
    let managed_docs = join_all(
        attached
            .iter()
            .map(|(_, arn)| aws_iam::managed_policy(iam, arn)),
    );
    let (inline_docs, managed_docs) = tokio::join!(inline_docs, managed_docs);
    let mut out = Vec::new();
    for (name, doc) in inline.into_iter().zip(inline_docs) {
        out.push(PolicyInput {
            name,
            source: PolicySource::Inline,
            document: doc.map_err(|e| e.to_string()),
        });
    }
    for ((name, arn), doc) in attached.into_iter().zip(managed_docs) {
        out.push(PolicyInput {
            name,
            source: PolicySource::Managed { arn },
            document: doc.map_err(|e| e.to_string()),
        });
    }
    Ok(out)
}

/// One role, read: GetRole, its policies and its access advisor job concurrently, then the
/// report (asked for until `wait` runs out).
async fn role_input(iam: &aws_sdk_iam::Client, role: &RoleUse, wait: AdvisorWait) -> RoleInput {
    let name = aws_iam::role_name(&role.arn).to_owned();
    let (got, policies, job) = tokio::join!(
        aws_iam::get_role(iam, &name),
        policies(iam, &name),
        aws_iam::start_access_advisor(iam, &role.arn)
    );
    let advisor = match job {
        Err(e) => Err(format!("it could not be started ({e})")),
        Ok(job) => match aws_iam::collect_access_advisor(iam, &job, wait).await {
            Ok(report) => report.map(advisor),
            Err(e) => Err(format!("its report could not be read ({e})")),
        },
    };
    // A role that does not exist cannot be judged, whatever its lists answered.
    let policies = match &got {
        Err(e) if e.is_not_found() => Err(format!("the role does not exist ({e})")),
        _ => policies,
    };
    RoleInput {
        name,
        arn: role.arn.clone(),
        kind: if role.consumer {
            RoleKind::Consumer
        } else {
            RoleKind::Api
        },
        functions: role.functions.clone(),
        extra_needs: Vec::new(),
        policies,
        created: got.ok().and_then(|r| r.created),
        advisor,
    }
}

/// Every role of `roles`, read concurrently.
pub(crate) async fn gather(
    iam: &aws_sdk_iam::Client,
    roles: &[RoleUse],
    wait: AdvisorWait,
) -> Vec<RoleInput> {
    join_all(roles.iter().map(|r| role_input(iam, r, wait))).await
}

crate::evidence! {
    /// `iam.functions`
    struct FunctionsEvidence {
        variable: String,
        functions: Vec<TableUser>,
        roles: Vec<String>,
        error: Option<String>,
    }
}

/// `iam.functions`: which functions use the table and as which roles; unknown when they could
/// not be listed, or none was found (nothing to audit is not a pass).
pub(crate) fn functions_finding(
    variable: &str,
    users: &Result<Vec<TableUser>, AwsError>,
    roles: &[RoleUse],
) -> Finding {
    let check = CheckId::IamFunctions;
    let evidence = |functions: &[TableUser], error: Option<String>| FunctionsEvidence {
        variable: variable.to_owned(),
        functions: functions.to_vec(),
        roles: roles.iter().map(|r| r.arn.clone()).collect(),
        error,
    };
    let users = match users {
        Ok(u) => u,
        Err(e) => {
            return Finding::unknown(
                check,
                format!("the functions that use the table could not be listed: {e}"),
            )
            .evidence(evidence(&[], Some(e.to_string())))
            .remedy("allow the caller lambda:ListFunctions and lambda:ListEventSourceMappings (eventsctl iam-policy iam audit), or name the functions with --function");
        }
    };
    if users.is_empty() {
        return Finding::unknown(
            check,
            format!("no Lambda function uses the table: none has {variable} naming it, no event source mapping reads its stream; no role audited"),
        )
        .evidence(evidence(users, None))
        .remedy("name the functions with --function F, or the variable that names the table with --variable");
    }
    let named: Vec<String> = users
        .iter()
        .map(|u| {
            let how = match (&u.variable, u.mappings.is_empty()) {
                (Some(v), true) => v.clone(),
                (Some(v), false) => format!("{v} and its stream"),
                (None, false) => "its stream".to_owned(),
                (None, true) => "named with --function".to_owned(),
            };
            format!("{} ({how})", u.name)
        })
        .collect();
    let roleless: Vec<&str> = users
        .iter()
        .filter(|u| u.role.is_none())
        .map(|u| u.name.as_str())
        .collect();
    let summary = format!(
        "{} {} the table: {}; {}",
        crate::output::count(users.len(), "function", "functions"),
        if users.len() == 1 { "uses" } else { "use" },
        named.join(", "),
        crate::output::count(roles.len(), "role", "roles"),
    );
    if roleless.is_empty() {
        Finding::ok(check, summary).evidence(evidence(users, None))
    } else {
        Finding::unknown(
            check,
            format!(
                "{summary}; no execution role read for {}",
                roleless.join(", ")
            ),
        )
        .evidence(evidence(users, None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::lambda::StreamMapping;
    use crate::report::Status;

    fn user(name: &str, role: &str, mapped: bool) -> TableUser {
        TableUser {
            name: name.into(),
            arn: format!("arn:aws:lambda:us-east-1:111122223333:function:{name}"),
            role: Some(format!(
                "arn:aws:iam::111122223333:role/service-role/{role}"
            )),
            variable: (!mapped).then(|| "EVENTS_TABLE_NAME".into()),
            mappings: if mapped {
                vec![StreamMapping {
                    uuid: "u".into(),
                    stream_arn: "s".into(),
                    state: Some("Enabled".into()),
                }]
            } else {
                Vec::new()
            },
            revision_id: None,
        }
    }

    #[test]
    fn functions_sharing_a_role_are_one_role_and_a_mapped_one_makes_it_a_consumer() {
        let users = [
            user("api-put", "api", false),
            user("api-query", "api", false),
            user("consumer", "consumer", true),
        ];
        let roles = roles_of(&users);
        assert_eq!(roles.len(), 2);
        assert_eq!(roles[0].functions, ["api-put", "api-query"]);
        assert!(!roles[0].consumer);
        assert!(roles[1].consumer);
        assert_eq!(aws_iam::role_name(&roles[1].arn), "consumer");
        let f = functions_finding("EVENTS_TABLE_NAME", &Ok(users.to_vec()), &roles);
        assert_eq!(f.status, Status::Ok);
        assert!(
            f.summary.starts_with("3 functions use the table: api-put (EVENTS_TABLE_NAME), api-query (EVENTS_TABLE_NAME), consumer (its stream); 2 roles"),
            "{}",
            f.summary
        );
    }

    #[test]
    fn none_found_or_not_listed_is_unknown_never_ok() {
        let none = functions_finding("EVENTS_TABLE_NAME", &Ok(Vec::new()), &[]);
        assert_eq!(none.status, Status::Unknown);
        assert!(none.summary.contains("no Lambda function uses the table"));
        let denied = functions_finding(
            "EVENTS_TABLE_NAME",
            &Err(crate::checks::denied("lambda", "ListFunctions")),
            &[],
        );
        assert_eq!(denied.status, Status::Unknown);
        assert!(denied.summary.contains("could not be listed"));
    }
}

/// `iam audit`'s `data` (and the IAM part of `health-check monthly`): the table, the variable
/// looked for, the functions found and each role's audit.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub(crate) struct AuditData {
    /// The table's ARN (`null` when DescribeTable did not give it).
    pub table: Option<String>,
    pub variable: String,
    pub functions: Vec<TableUser>,
    pub roles: Vec<super::iam_audit::RoleAudit>,
}

/// What to audit: the variable that names the table, the functions named (`--function`), how
/// long to wait for access advisor.
#[derive(Debug, Clone)]
pub(crate) struct AuditScope<'a> {
    pub variable: &'a str,
    pub only: &'a [String],
    pub wait: AdvisorWait,
}

/// The whole audit: the table's users (functions and mappings concurrently), their roles (each
/// concurrently), judged.
pub(crate) async fn audit(
    lambda: &aws_sdk_lambda::Client,
    iam: &aws_sdk_iam::Client,
    table: Option<&aws_sdk_dynamodb::types::TableDescription>,
    scope: &AuditScope<'_>,
) -> (AuditData, Vec<Finding>) {
    let arn = table.and_then(|t| t.table_arn()).unwrap_or_default();
    let users = crate::aws::lambda::table_users(lambda, arn, scope.variable, scope.only).await;
    judge(iam, table, users, scope).await
}

/// The audit as `health-check monthly` runs it, with no round trip added before the roles:
/// DescribeTable, ListFunctions and ListEventSourceMappings at once, then the roles.
pub(crate) async fn audit_with_table(
    ddb: &aws_sdk_dynamodb::Client,
    lambda: &aws_sdk_lambda::Client,
    iam: &aws_sdk_iam::Client,
    table_name: &str,
    scope: &AuditScope<'_>,
) -> (AuditData, Vec<Finding>) {
    use crate::aws::lambda::{all_mappings, list_functions, match_table_users};
    let (described, functions, mappings) = tokio::join!(
        crate::aws::table::describe(ddb, table_name),
        list_functions(lambda),
        all_mappings(lambda)
    );
    let table = match described {
        Ok(t) => t,
        Err(e) => {
            let data = AuditData {
                table: None,
                variable: scope.variable.to_owned(),
                functions: Vec::new(),
                roles: Vec::new(),
            };
            return (data, vec![no_target(format!("DescribeTable failed: {e}"))]);
        }
    };
    let arn = table
        .as_ref()
        .and_then(|t| t.table_arn())
        .unwrap_or_default();
    let users =
        functions.and_then(|f| mappings.map(|m| match_table_users(&f, &m, arn, scope.variable)));
    judge(iam, table.as_ref(), users, scope).await
}

/// The roles of `users`, read and judged against the table.
async fn judge(
    iam: &aws_sdk_iam::Client,
    table: Option<&aws_sdk_dynamodb::types::TableDescription>,
    users: Result<Vec<TableUser>, AwsError>,
    scope: &AuditScope<'_>,
) -> (AuditData, Vec<Finding>) {
    let mut data = AuditData {
        table: table.and_then(|t| t.table_arn().map(str::to_owned)),
        variable: scope.variable.to_owned(),
        functions: Vec::new(),
        roles: Vec::new(),
    };
    let target = match data
        .table
        .as_deref()
        .map(super::iam_audit::TableTarget::new)
    {
        Some(Ok(t)) => t,
        Some(Err(why)) => return (data, vec![no_target(why)]),
        None => {
            return (
                data,
                vec![no_target("DescribeTable gave no table ARN".into())],
            );
        }
    };
    let roles = users.as_ref().map(|u| roles_of(u)).unwrap_or_default();
    let mut findings =
        vec![functions_finding(scope.variable, &users, &roles).runbook(super::iam_audit::RUNBOOK)];
    data.functions = users.unwrap_or_default();
    let inputs = gather(iam, &roles, scope.wait).await;
    let target = super::iam_audit::Target {
        indexes: crate::aws::table::gsi_names(table),
        stream_arn: table.and_then(|t| t.latest_stream_arn().map(str::to_owned)),
        table: target,
    };
    let (audit, judged) = super::iam_audit::audit(&target, &inputs);
    data.roles = audit.roles;
    findings.extend(judged);
    (data, findings)
}

fn no_target(why: String) -> Finding {
    Finding::unknown(
        CheckId::IamFunctions,
        format!("the table's ARN is not known ({why}): the roles that use it cannot be found"),
    )
    .runbook(super::iam_audit::RUNBOOK)
}
