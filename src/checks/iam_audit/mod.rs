//! Judges the IAM roles that use the events table (runbook Monthly 5): each statement of their
//! inline and attached policies, what they need and lack, and what they never use. Pure: it
//! takes the policy documents as text (GetRolePolicy / GetPolicyVersion, URL-encoded or not)
//! and the access advisor report as [`AccessAdvisor`], and never calls AWS or prints.
//!
//! Findings, one id per kind and role (each names the role, the policy and the statement):
//! - `iam.role.{role}`: its policies could be read (unknown when they, or one of them, could
//!   not: a role that cannot be read is never ok);
//! - `iam.not_action.{role}` (crit): Allow with NotAction, every action but a few;
//! - `iam.wildcard_action.{role}`: `*` (crit, every action of every service) or a wildcard over
//!   DynamoDB actions such as `dynamodb:*` or `dynamodb:Get*` (warn: it also grants what AWS adds);
//! - `iam.wildcard_resource.{role}` (warn): DynamoDB actions on `*`, `table/*`, another Region
//!   or account, or NotResource (actions that cannot be scoped, like ListTables, excepted);
//! - `iam.destructive.{role}` (crit): DeleteItem, BatchWriteItem, PartiQLDelete, DeleteTable,
//!   UpdateTable, DeleteBackup, UpdateTimeToLive, UpdateContinuousBackups and the other
//!   destructive actions of [`catalog`], on any resource, unless the role needs them;
//! - `iam.unneeded.{role}` (warn): other actions on the table its kind does not need;
//! - `iam.escalation.{role}` (crit): IAM actions with which it can grant itself anything;
//! - `iam.needed.{role}`: every permission its kind needs is allowed (crit when one is missing
//!   or denied; unknown when a policy could not be read);
//! - `iam.unused.{role}`: DynamoDB actions granted and unused for 90 days (warn), from access
//!   advisor; unknown when the report is not available, with why.
//!
//! Every kind without a problem gets one ok finding, so a script sees each verdict. The remedy of
//! each problem prints the least-privilege policy for the role ([`needs::least_privilege`]).
//! Conditions are shown, never evaluated; an unconditional Deny in the role's policies takes back
//! what it covers. Permissions boundaries, Organizations policies and session policies are not
//! read here: `iam.needed` says what the policies allow, SimulatePrincipalPolicy
//! ([`simulate::permission_gap`]) what AWS would decide.
//!
//! Anchors: IAM Access Analyzer's unused-access findings (unused roles and permissions, 90
//! days), Cloudsplaining (actions without resource constraints, privilege escalation, resource
//! exposure), Parliament (NotAction with Allow, resource mismatches): the parts that apply to
//! the roles of one table.

pub mod advisor;
pub mod catalog;
pub mod judge;
pub mod needs;
pub mod pattern;
pub mod policy;
pub mod reach;
pub mod simulate;

pub use advisor::{AccessAdvisor, ActionUse, ServiceUse, Unused};
pub use needs::{Need, RoleKind, Scope, TableTarget};
pub use simulate::{Decision, PermissionGap, Required, Simulated, permission_gap};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::report::Finding;
use crate::vocab::check_id::CheckId;
use judge::{Located, RoleFacts, StatementView};
use policy::{Effect, Statement};

/// Where a policy comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum PolicySource {
    /// Embedded in the role (GetRolePolicy).
    Inline,
    /// Attached (ListAttachedRolePolicies, GetPolicyVersion of its default version).
    Managed { arn: String },
}

impl PolicySource {
    pub fn kind(&self) -> &'static str {
        match self {
            PolicySource::Inline => "inline",
            PolicySource::Managed { .. } => "managed",
        }
    }
}

/// One policy of a role: its document, or why it could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyInput {
    pub name: String,
    pub source: PolicySource,
    pub document: Result<String, String>,
}

/// One role that uses the table, as gathered.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleInput {
    pub name: String,
    pub arn: String,
    pub kind: RoleKind,
    /// The functions that run as this role.
    pub functions: Vec<String>,
    /// Actions on the table this role needs beyond its kind's (`dynamodb:BatchWriteItem`).
    pub extra_needs: Vec<String>,
    /// Its policies, or why they could not be listed.
    pub policies: Result<Vec<PolicyInput>, String>,
    /// CreateDate of the role.
    pub created: Option<DateTime<Utc>>,
    /// The access advisor report, or why there is none.
    pub advisor: Result<AccessAdvisor, String>,
}

/// The table and its resources the roles are judged against.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub table: TableTarget,
    /// Its GSIs (DescribeTable), to check Query on each.
    pub indexes: Vec<String>,
    /// Its latest stream ARN, to check the stream actions on it.
    pub stream_arn: Option<String>,
}

/// One policy as read.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PolicySummary {
    pub name: String,
    pub source: PolicySource,
    pub statements: usize,
    /// Why it could not be read or parsed.
    pub error: Option<String>,
}

/// Whether a needed permission is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "PermissionGrant")]
pub enum Grant {
    Allowed,
    /// Only by statements with a Condition.
    Conditional,
    /// An unconditional Deny takes it back.
    Denied,
    Missing,
}

/// One needed permission on one resource.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct NeedCheck {
    pub action: String,
    pub resource: String,
    pub grant: Grant,
    /// The statements that allow (or deny) it.
    pub by: Vec<String>,
}

/// One role as the audit saw it: `data.roles[]` of `iam audit`.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RoleAudit {
    pub role: String,
    pub arn: String,
    pub kind: RoleKind,
    pub functions: Vec<String>,
    /// Every policy was listed, read and parsed.
    pub read: bool,
    pub policies: Vec<PolicySummary>,
    /// The statements that grant DynamoDB or escalation actions.
    pub statements: Vec<StatementView>,
    pub needs: Vec<NeedCheck>,
    pub unused: Unused,
    /// The policy that grants exactly what the role needs.
    pub least_privilege: needs::LeastPrivilege,
}

/// Every role's audit: `data` of `iam audit`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IamAudit {
    pub table: String,
    pub roles: Vec<RoleAudit>,
}

/// The runbook line the audit answers.
pub const RUNBOOK: &str =
    "Monthly Health Check 5: audit IAM permissions (least privilege, unused permissions)";

/// Judges every role; the findings of all roles in order.
pub fn audit(target: &Target, roles: &[RoleInput]) -> (IamAudit, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut out = Vec::new();
    for role in roles {
        let (a, f) = audit_role(target, role);
        out.push(a);
        findings.extend(f);
    }
    (
        IamAudit {
            table: target.table.arn.clone(),
            roles: out,
        },
        findings,
    )
}

/// The statements of the policies that could be read, and a summary of each policy.
fn read_policies(policies: &[PolicyInput]) -> (Vec<(usize, Vec<Statement>)>, Vec<PolicySummary>) {
    let mut parsed = Vec::new();
    let mut summaries = Vec::new();
    for (i, p) in policies.iter().enumerate() {
        let result = p
            .document
            .as_ref()
            .map_err(Clone::clone)
            .and_then(|d| policy::parse(d).map_err(|e| e.to_string()));
        summaries.push(PolicySummary {
            name: p.name.clone(),
            source: p.source.clone(),
            statements: result.as_ref().map(Vec::len).unwrap_or(0),
            error: result.as_ref().err().cloned(),
        });
        if let Ok(statements) = result {
            parsed.push((i, statements));
        }
    }
    (parsed, summaries)
}

/// Judges one role.
pub fn audit_role(target: &Target, role: &RoleInput) -> (RoleAudit, Vec<Finding>) {
    let (data, findings) = judge_role(target, role);
    let findings = findings.into_iter().map(|f| f.runbook(RUNBOOK)).collect();
    (data, findings)
}

fn judge_role(target: &Target, role: &RoleInput) -> (RoleAudit, Vec<Finding>) {
    let needs = role.kind.needs(&role.extra_needs);
    let least = needs::least_privilege(&needs, &target.table);
    let least_text = least.to_string();
    let name = role.name.clone();
    let mut data = RoleAudit {
        role: name.clone(),
        arn: role.arn.clone(),
        kind: role.kind,
        functions: role.functions.clone(),
        read: false,
        policies: Vec::new(),
        statements: Vec::new(),
        needs: Vec::new(),
        unused: advisor::unused(&Err(String::new()), &[], None),
        least_privilege: least.clone(),
    };
    let policies = match &role.policies {
        Ok(p) => p,
        Err(why) => {
            data.unused = advisor::unused(&role.advisor, &[], role.created);
            let f = Finding::unknown(
                CheckId::IamRole(name.clone()),
                format!("{name}: its policies could not be read ({why}): not judged"),
            )
            .evidence(RoleUnread {
                role: &name,
                arn: &role.arn,
                error: why,
            })
            .remedy("allow the caller iam:ListRolePolicies, iam:GetRolePolicy, iam:ListAttachedRolePolicies, iam:GetPolicy and iam:GetPolicyVersion on the role and its policies");
            return (data, vec![f]);
        }
    };
    let (parsed, summaries) = read_policies(policies);
    data.read = summaries.iter().all(|s| s.error.is_none());
    data.policies = summaries;
    let located: Vec<Located> = parsed
        .iter()
        .flat_map(|(i, statements)| {
            statements.iter().map(move |s| Located {
                policy: &policies[*i].name,
                source: &policies[*i].source,
                statement: s,
            })
        })
        .collect();
    let denies: Vec<Located> = located
        .iter()
        .copied()
        .filter(|l| l.statement.effect == Effect::Deny)
        .collect();
    let facts = RoleFacts {
        name: &name,
        needs: &needs,
        least_privilege: &least_text,
    };
    let mut findings = vec![role_finding(role, &data)];
    let mut problems = Vec::new();
    for at in &located {
        if let Some(j) = judge::judge(&facts, &target.table, *at, &denies) {
            problems.extend(j.findings);
            data.statements.push(j.view);
        }
    }
    findings.extend(with_ok_verdicts(&name, problems));
    data.needs = check_needs(target, &needs, &located);
    findings.push(needs_finding(&name, &data, &least_text));
    let granted: Vec<String> = {
        let mut g: Vec<String> = data
            .statements
            .iter()
            .flat_map(|s| s.dynamodb_actions.clone())
            .collect();
        g.sort();
        g.dedup();
        g
    };
    data.unused = advisor::unused(&role.advisor, &granted, role.created);
    findings.push(unused_finding(
        &name,
        &data.unused,
        &data.statements,
        &least_text,
    ));
    (data, findings)
}

crate::evidence! {
    /// `iam.role.*` when the role's policies could not be read.
    struct RoleUnread<'a> { role: &'a str, arn: &'a str, error: &'a str }
    /// `iam.role.*`
    struct RoleEvidence<'a> {
        role: &'a str,
        arn: &'a str,
        kind: &'a RoleKind,
        functions: &'a [String],
        policies: &'a [PolicySummary],
    }
    /// `iam.needed.*`
    struct NeedsEvidence<'a> { role: &'a str, needs: &'a [NeedCheck] }
    /// `iam.unused.*`
    struct UnusedEvidence<'a> { role: &'a str, unused: &'a Unused }
}

fn role_finding(role: &RoleInput, data: &RoleAudit) -> Finding {
    let check = CheckId::IamRole(role.name.clone());
    let names: Vec<String> = data
        .policies
        .iter()
        .map(|p| format!("{} ({})", p.name, p.source.kind()))
        .collect();
    let evidence = RoleEvidence {
        role: &role.name,
        arn: &role.arn,
        kind: &role.kind,
        functions: &role.functions,
        policies: &data.policies,
    };
    let unreadable: Vec<String> = data
        .policies
        .iter()
        .filter_map(|p| p.error.as_ref().map(|e| format!("{}: {e}", p.name)))
        .collect();
    if unreadable.is_empty() {
        Finding::ok(
            check,
            format!(
                "{}: {} read ({})",
                role.name,
                crate::vocab::words::count(names.len(), "policy", "policies"),
                names.join(", ")
            ),
        )
        .evidence(evidence)
    } else {
        Finding::unknown(
            check,
            format!(
                "{}: {} of {} could not be read: {}; what they grant is not judged",
                role.name,
                unreadable.len(),
                crate::vocab::words::count(names.len(), "policy", "policies"),
                unreadable.join("; ")
            ),
        )
        .evidence(evidence)
    }
}

/// The statement findings, and an ok finding for every kind without a problem.
fn with_ok_verdicts(role: &str, problems: Vec<Finding>) -> Vec<Finding> {
    let kinds: [(CheckId, &str); 6] = [
        (
            CheckId::IamNotAction(role.into()),
            "no statement allows with NotAction",
        ),
        (
            CheckId::IamWildcardAction(role.into()),
            "no wildcard over DynamoDB actions",
        ),
        (
            CheckId::IamWildcardResource(role.into()),
            "DynamoDB actions only on the events table",
        ),
        (
            CheckId::IamDestructive(role.into()),
            "no destructive DynamoDB action beyond its needs",
        ),
        (
            CheckId::IamUnneeded(role.into()),
            "nothing on the table beyond its needs",
        ),
        (
            CheckId::IamEscalation(role.into()),
            "no IAM action that widens its own permissions",
        ),
    ];
    let mut out = Vec::new();
    for (check, ok) in kinds {
        let mine: Vec<&Finding> = problems.iter().filter(|f| f.check == check).collect();
        if mine.is_empty() {
            out.push(Finding::ok(check, format!("{role}: {ok}")));
        } else {
            out.extend(mine.into_iter().cloned());
        }
    }
    out
}

/// The resources each need applies to.
fn need_resources(target: &Target, need: &Need) -> Vec<String> {
    match need.scope {
        Scope::Table => vec![target.table.arn.clone()],
        // Without the index names, a grant must cover every index (`index/*`).
        Scope::Indexes if target.indexes.is_empty() => vec![target.table.index("*")],
        Scope::Indexes => target
            .indexes
            .iter()
            .map(|i| target.table.index(i))
            .collect(),
        Scope::Stream => vec![
            target
                .stream_arn
                .clone()
                .unwrap_or_else(|| target.table.stream("*")),
        ],
    }
}

fn check_needs(target: &Target, needs: &[Need], located: &[Located]) -> Vec<NeedCheck> {
    let mut out = Vec::new();
    for need in needs {
        for resource in need_resources(target, need) {
            let allows: Vec<&Located> = located
                .iter()
                .filter(|l| {
                    l.statement.effect == Effect::Allow
                        && l.statement.covers(&need.action, &resource)
                })
                .collect();
            let denied = judge::denied_by(located, &need.action, &resource);
            let (grant, by) = if let Some(d) = denied {
                (Grant::Denied, vec![d])
            } else if allows.is_empty() {
                (Grant::Missing, Vec::new())
            } else if allows.iter().all(|l| l.statement.condition.is_some()) {
                (
                    Grant::Conditional,
                    allows.iter().map(|l| l.label()).collect(),
                )
            } else {
                (Grant::Allowed, allows.iter().map(|l| l.label()).collect())
            };
            out.push(NeedCheck {
                action: need.action.clone(),
                resource,
                grant,
                by,
            });
        }
    }
    out
}

fn needs_finding(role: &str, data: &RoleAudit, least: &str) -> Finding {
    let check = CheckId::IamNeeded(role.to_owned());
    let evidence = NeedsEvidence {
        role,
        needs: &data.needs,
    };
    let of = |g: Grant| -> Vec<String> {
        data.needs
            .iter()
            .filter(|n| n.grant == g)
            .map(|n| format!("{} on {}", n.action, n.resource))
            .collect()
    };
    let (missing, denied, conditional) = (
        of(Grant::Missing),
        of(Grant::Denied),
        of(Grant::Conditional),
    );
    let remedy = format!("the least-privilege policy for this role grants what it needs: {least}");
    if !denied.is_empty() {
        return Finding::crit(
            check,
            format!("{role} is denied what it needs: {}", denied.join(", ")),
        )
        .remedy("remove or narrow the Deny statements named in the evidence")
        .evidence(evidence);
    }
    if !missing.is_empty() && !data.read {
        return Finding::unknown(
            check,
            format!(
                "{role}: no readable policy allows {}; the unreadable ones may",
                missing.join(", ")
            ),
        )
        .evidence(evidence);
    }
    if !missing.is_empty() {
        return Finding::crit(
            check,
            format!(
                "{role} is not allowed {}: its functions fail",
                missing.join(", ")
            ),
        )
        .remedy(remedy)
        .evidence(evidence);
    }
    if !conditional.is_empty() {
        return Finding::warn(
            check,
            format!(
                "{role} is allowed {} only under a Condition, not evaluated here",
                conditional.join(", ")
            ),
        )
        .evidence(evidence);
    }
    Finding::ok(
        check,
        format!(
            "{role} is allowed all {} permissions it needs",
            data.needs.len()
        ),
    )
    .evidence(evidence)
}

fn unused_finding(
    role: &str,
    unused: &Unused,
    statements: &[StatementView],
    least: &str,
) -> Finding {
    let check = CheckId::IamUnused(role.to_owned());
    let evidence = UnusedEvidence { role, unused };
    let reason = unused.reason.clone().unwrap_or_default();
    match unused.knowledge {
        advisor::Knowledge::Unknown => {
            return Finding::unknown(
                check,
                format!("{role}: unused permissions not known: {reason}"),
            )
            .evidence(evidence);
        }
        advisor::Knowledge::Service => {
            return Finding::ok(check, format!("{role}: {reason}")).evidence(evidence);
        }
        advisor::Knowledge::Actions => {}
    }
    if unused.actions.is_empty() {
        return Finding::ok(
            check,
            format!(
                // plural-ok: UNUSED_DAYS is a constant over 1
                "{role}: every DynamoDB action it is granted was used in the last {} days",
                advisor::UNUSED_DAYS
            ),
        )
        .evidence(evidence);
    }
    let wherever: Vec<String> = statements
        .iter()
        .filter(|s| {
            s.dynamodb_actions
                .iter()
                .any(|a| unused.actions.contains(a))
        })
        .map(|s| format!("policy {} statement {}", s.policy, s.statement))
        .collect();
    let summary = format!(
        // plural-ok: UNUSED_DAYS is a constant over 1
        "{role}: {} granted and not used in {} days ({})",
        unused.actions.join(", "),
        advisor::UNUSED_DAYS,
        wherever.join("; ")
    );
    if unused.judged {
        Finding::warn(check, summary)
            .remedy(format!(
                "remove them; the least-privilege policy for this role: {least}"
            ))
            .evidence(evidence)
    } else {
        Finding::ok(check, format!("{summary}; {reason}")).evidence(evidence)
    }
}

#[cfg(test)]
mod tests;
