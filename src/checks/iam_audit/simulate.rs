//! What a role is missing for the actions it must be allowed, from SimulatePrincipalPolicy's
//! results, and the exact statement to add (`dr cutover`: the functions' roles on the target
//! table before they are pointed at it).
//!
//! SimulatePrincipalPolicy evaluates the role's identity policies, permissions boundary and the
//! Organizations policies that apply, and answers per action and resource `allowed`,
//! `implicitDeny` (no statement allows it: an Allow fixes it) or `explicitDeny` (a Deny matches:
//! no Allow can fix it; the Deny must go or narrow). Context keys a condition needs and the
//! request did not give are listed as MissingContextValues: the decision may then differ in
//! real use.
//! <https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html>
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html>
//!
//! The statement to add is sized against IAM's limit for a role's inline policies (10,240
//! characters together, whitespace not counted); a managed policy holds 6,144.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html>

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Value, json};

use crate::report::Finding;
use crate::vocab::check_id::CheckId;

/// IAM's limit on a role's inline policies, all together, whitespace excluded.
pub const INLINE_POLICY_LIMIT: usize = 10_240;

/// One action a role must be allowed on one resource.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Required {
    /// `dynamodb:PutItem`.
    pub action: String,
    /// The resource ARN.
    pub resource: String,
}

/// `EvalDecision` of SimulatePrincipalPolicy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Decision {
    Allowed,
    ImplicitDeny,
    ExplicitDeny,
}

impl Decision {
    /// As the API spells it.
    pub fn parse(s: &str) -> Option<Decision> {
        match s {
            "allowed" => Some(Decision::Allowed),
            "implicitDeny" => Some(Decision::ImplicitDeny),
            "explicitDeny" => Some(Decision::ExplicitDeny),
            _ => None,
        }
    }
}

/// One result of SimulatePrincipalPolicy, per action and resource (a result's
/// ResourceSpecificResults flattened into one each).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Simulated {
    pub action: String,
    pub resource: String,
    pub decision: Decision,
    /// The SourcePolicyId of each matched statement (the Deny's, for an explicit deny).
    pub matched: Vec<String>,
    pub missing_context: Vec<String>,
}

/// One required permission that is not allowed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Missing {
    pub action: String,
    pub resource: String,
    /// `None` when it was not simulated.
    pub decision: Option<Decision>,
    pub matched: Vec<String>,
}

impl crate::report::Evidence for PermissionGap {}

/// What the role lacks, and what to do about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PermissionGap {
    pub role: String,
    pub required: usize,
    pub allowed: usize,
    /// Implicitly denied: the statement below allows them.
    pub missing: Vec<Missing>,
    /// Explicitly denied: an Allow does not help.
    pub denied: Vec<Missing>,
    /// Required but absent from the results.
    pub not_simulated: Vec<Required>,
    /// Allowed, but a condition needed context the simulation lacked.
    pub uncertain: Vec<Required>,
    /// The policy document to add to the role (inline), `None` when nothing is missing.
    pub policy_to_add: Option<Value>,
    /// Its size as IAM counts it (no whitespace).
    pub policy_chars: usize,
}

fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// One statement per set of resources, each with the actions that lack exactly those.
fn statements(missing: &[Missing]) -> Vec<Value> {
    let mut by_action: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for m in missing {
        by_action
            .entry(m.action.clone())
            .or_default()
            .push(m.resource.clone());
    }
    let mut by_resources: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
    for (action, mut resources) in by_action {
        resources.sort();
        resources.dedup();
        by_resources.entry(resources).or_default().push(action);
    }
    by_resources
        .into_iter()
        .enumerate()
        .map(|(i, (resources, actions))| {
            let resource = match resources.as_slice() {
                [one] => json!(one),
                _ => json!(resources),
            };
            json!({
                "Sid": format!("EventsctlRequired{}", i + 1),
                "Effect": "Allow",
                "Action": actions,
                "Resource": resource,
            })
        })
        .collect()
}

/// Compares what `role` must be allowed with what the simulation answered.
pub fn permission_gap(role: &str, required: &[Required], results: &[Simulated]) -> PermissionGap {
    let mut gap = PermissionGap {
        role: role.to_owned(),
        required: required.len(),
        allowed: 0,
        missing: Vec::new(),
        denied: Vec::new(),
        not_simulated: Vec::new(),
        uncertain: Vec::new(),
        policy_to_add: None,
        policy_chars: 0,
    };
    for r in required {
        let found = results
            .iter()
            .filter(|s| same(&s.action, &r.action) && s.resource == r.resource)
            .max_by_key(|s| match s.decision {
                Decision::ExplicitDeny => 2,
                Decision::ImplicitDeny => 1,
                Decision::Allowed => 0,
            });
        let Some(s) = found else {
            gap.not_simulated.push(r.clone());
            continue;
        };
        let missing = Missing {
            action: r.action.clone(),
            resource: r.resource.clone(),
            decision: Some(s.decision),
            matched: s.matched.clone(),
        };
        match s.decision {
            Decision::Allowed => {
                gap.allowed += 1;
                if !s.missing_context.is_empty() {
                    gap.uncertain.push(r.clone());
                }
            }
            Decision::ImplicitDeny => gap.missing.push(missing),
            Decision::ExplicitDeny => gap.denied.push(missing),
        }
    }
    if !gap.missing.is_empty() {
        let policy = json!({"Version": "2012-10-17", "Statement": statements(&gap.missing)});
        gap.policy_chars = policy
            .to_string()
            .chars()
            .filter(|c| !c.is_whitespace())
            .count();
        gap.policy_to_add = Some(policy);
    }
    gap
}

impl PermissionGap {
    /// The verdict under the caller's check id: crit when something is denied or missing,
    /// unknown when something was not simulated, warn when an allow rests on missing context.
    pub fn finding(&self, check: CheckId) -> Finding {
        let evidence = self;
        let who = &self.role;
        let f = if !self.denied.is_empty() {
            let list: Vec<String> = self
                .denied
                .iter()
                .map(|m| {
                    format!(
                        "{} on {} (denied by {})",
                        m.action,
                        m.resource,
                        m.matched.join(", ")
                    )
                })
                .collect();
            Finding::crit(check, format!("{who}: explicitly denied: {}", list.join("; ")))
                .remedy("an Allow cannot override an explicit Deny: remove or narrow the Deny statements named")
        } else if !self.missing.is_empty() {
            let list: Vec<String> = self
                .missing
                .iter()
                .map(|m| format!("{} on {}", m.action, m.resource))
                .collect();
            let policy = self
                .policy_to_add
                .as_ref()
                .map(Value::to_string)
                .unwrap_or_default();
            let size = if self.policy_chars > INLINE_POLICY_LIMIT {
                format!(
                    // plural-ok: said only over IAM's limit
                    " (it is {} characters, over IAM's {INLINE_POLICY_LIMIT} for a role's inline policies: split it into managed policies)",
                    self.policy_chars
                )
            } else {
                String::new()
            };
            Finding::crit(check, format!("{who} is not allowed {}", list.join(", ")))
                .remedy(format!("add this inline policy to {who}{size}: {policy}"))
        } else if !self.not_simulated.is_empty() {
            let list: Vec<String> = self
                .not_simulated
                .iter()
                .map(|r| format!("{} on {}", r.action, r.resource))
                .collect();
            Finding::unknown(check, format!("{who}: not simulated: {}", list.join(", ")))
        } else if !self.uncertain.is_empty() {
            let list: Vec<String> = self
                .uncertain
                .iter()
                .map(|r| format!("{} on {}", r.action, r.resource))
                .collect();
            Finding::warn(
                check,
                format!(
                    "{who}: allowed only if conditions hold that the simulation could not check: {}",
                    list.join(", ")
                ),
            )
        } else {
            Finding::ok(
                check,
                format!("{who} is allowed all {} required actions", self.required),
            )
        };
        f.evidence(evidence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Status;

    const TABLE: &str = "arn:aws:dynamodb:us-west-2:123456789012:table/events-dr";

    fn req(action: &str, resource: &str) -> Required {
        Required {
            action: action.into(),
            resource: resource.into(),
        }
    }

    fn sim(action: &str, resource: &str, decision: &str, matched: &[&str]) -> Simulated {
        Simulated {
            action: action.into(),
            resource: resource.into(),
            decision: Decision::parse(decision).unwrap(),
            matched: matched.iter().map(|m| (*m).to_owned()).collect(),
            missing_context: vec![],
        }
    }

    fn required() -> Vec<Required> {
        let index = format!("{TABLE}/index/*");
        vec![
            req("dynamodb:PutItem", TABLE),
            req("dynamodb:GetItem", TABLE),
            req("dynamodb:Query", TABLE),
            req("dynamodb:Query", &index),
        ]
    }

    #[test]
    fn implicit_denies_become_the_statements_to_add() {
        let index = format!("{TABLE}/index/*");
        let results = vec![
            sim("dynamodb:PutItem", TABLE, "allowed", &["events-api"]),
            sim("dynamodb:GetItem", TABLE, "implicitDeny", &[]),
            sim("dynamodb:Query", TABLE, "implicitDeny", &[]),
            sim("dynamodb:query", &index, "implicitDeny", &[]),
        ];
        let gap = permission_gap("api-role", &required(), &results);
        assert_eq!((gap.allowed, gap.missing.len()), (1, 3));
        let policy = gap.policy_to_add.clone().unwrap();
        // Parsed back by the audit's own parser, it grants exactly the missing permissions.
        let statements = crate::checks::iam_audit::policy::parse(&policy.to_string()).unwrap();
        assert_eq!(statements.len(), 2);
        for m in &gap.missing {
            assert!(
                statements.iter().any(|s| s.covers(&m.action, &m.resource)),
                "{m:?}"
            );
        }
        assert!(
            !statements
                .iter()
                .any(|s| s.covers("dynamodb:PutItem", TABLE))
        );
        assert!(
            !statements
                .iter()
                .any(|s| s.covers("dynamodb:GetItem", &index))
        );
        assert_eq!(gap.policy_chars, policy.to_string().len());
        let f = gap.finding(CheckId::IamNeeded("api-role".into()));
        assert_eq!(f.status, Status::Crit);
        assert!(
            f.summary.contains("not allowed dynamodb:GetItem on"),
            "{}",
            f.summary
        );
        assert!(f.remedy.unwrap().contains("EventsctlRequired1"));
    }

    #[test]
    fn an_explicit_deny_is_not_fixed_by_an_allow() {
        let mut results: Vec<Simulated> = required()
            .iter()
            .map(|r| sim(&r.action, &r.resource, "allowed", &[]))
            .collect();
        results.push(sim(
            "dynamodb:PutItem",
            TABLE,
            "explicitDeny",
            &["deny-writes-in-dr"],
        ));
        let gap = permission_gap("api-role", &required(), &results);
        assert_eq!(gap.denied.len(), 1);
        assert!(gap.policy_to_add.is_none());
        let f = gap.finding(CheckId::IamNeeded("api-role".into()));
        assert_eq!(f.status, Status::Crit);
        assert!(f.summary.contains("denied by deny-writes-in-dr"));
    }

    #[test]
    fn unsimulated_and_context_dependent_results_are_not_ok() {
        let mut results = vec![sim("dynamodb:PutItem", TABLE, "allowed", &[])];
        let gap = permission_gap("r", &required(), &results);
        assert_eq!(gap.not_simulated.len(), 3);
        assert_eq!(
            gap.finding(CheckId::IamNeeded("r".into())).status,
            Status::Unknown
        );
        results = required()
            .iter()
            .map(|r| sim(&r.action, &r.resource, "allowed", &[]))
            .collect();
        results[0].missing_context = vec!["aws:SourceIp".into()];
        let gap = permission_gap("r", &required(), &results);
        assert_eq!(
            gap.finding(CheckId::IamNeeded("r".into())).status,
            Status::Warn
        );
        results[0].missing_context.clear();
        let gap = permission_gap("r", &required(), &results);
        let f = gap.finding(CheckId::IamNeeded("r".into()));
        assert_eq!(f.status, Status::Ok);
        assert!(f.summary.contains("all 4 required actions"));
        assert_eq!(Decision::parse("allow"), None);
    }
}
