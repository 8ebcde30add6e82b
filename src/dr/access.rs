//! Whether each function's execution role may do on the target what it does on the source: the
//! actions the role is allowed on the source table, its indexes and (for a consumer) its stream
//! are found by SimulatePrincipalPolicy, then simulated on the target's table, indexes and new
//! stream; what is missing is the statement to add (`checks::iam_audit::simulate`), added with
//! `--grant` as an inline policy the record holds and `dr rollback` removes. Without this the
//! API fails with AccessDenied the second its variable changes: IAM policies that name the old
//! table or stream by ARN keep naming it after a restore.

use std::collections::BTreeMap;

use aws_sdk_dynamodb::types::TableDescription;
use serde::{Deserialize, Serialize};

use crate::aws::iam;
use crate::checks::iam_audit::simulate::{
    Decision, PermissionGap, Required, Simulated, permission_gap,
};
use aws_sdk_iam::types::EvaluationResult;

/// What the API may do on its table (the candidates simulated on the source).
pub(crate) const TABLE_ACTIONS: &[&str] = &[
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "dynamodb:BatchGetItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DescribeTable",
];
pub(crate) const INDEX_ACTIONS: &[&str] = &["dynamodb:Query", "dynamodb:Scan"];
/// What a stream consumer's mapping needs on the stream (AWS's AWSLambdaDynamoDBExecutionRole).
pub(crate) const STREAM_ACTIONS: &[&str] = &[
    "dynamodb:DescribeStream",
    "dynamodb:GetRecords",
    "dynamodb:GetShardIterator",
    "dynamodb:ListStreams",
];

/// One resource of the source and its counterpart on the target, with the candidate actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pair {
    pub source: String,
    pub target: String,
    pub actions: &'static [&'static str],
}

/// The pairs a role is checked on: the table, each GSI, and for a consumer the stream. Pure.
pub(crate) fn pairs(
    source: &TableDescription,
    target: &TableDescription,
    consumer: bool,
) -> Vec<Pair> {
    let (Some(s), Some(t)) = (source.table_arn(), target.table_arn()) else {
        return Vec::new();
    };
    let mut out = vec![Pair {
        source: s.to_owned(),
        target: t.to_owned(),
        actions: TABLE_ACTIONS,
    }];
    for g in source.global_secondary_indexes() {
        if let Some(name) = g.index_name() {
            out.push(Pair {
                source: format!("{s}/index/{name}"),
                target: format!("{t}/index/{name}"),
                actions: INDEX_ACTIONS,
            });
        }
    }
    if let (true, Some(ss), Some(ts)) = (
        consumer,
        source.latest_stream_arn(),
        target.latest_stream_arn(),
    ) {
        out.push(Pair {
            source: ss.to_owned(),
            target: ts.to_owned(),
            actions: STREAM_ACTIONS,
        });
    }
    out
}

/// A role, the functions that run as it, and what it lacks on the target.
#[derive(Debug, Clone)]
pub(crate) struct RoleAccess {
    pub role: String,
    pub functions: Vec<String>,
    /// `None`: the role does not exist.
    pub gap: Option<PermissionGap>,
}

/// An inline policy `--grant` put on a role: what `dr rollback` removes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct Grant {
    pub role: String,
    pub policy_name: String,
    /// The policy document (minified JSON).
    pub document: String,
}

/// The name of the inline policy `--grant` adds for a cutover to `target` (IAM: 128 characters).
pub(crate) fn policy_name(target: &str) -> String {
    format!("eventsctl-cutover-{target}")
        .chars()
        .take(128)
        .collect()
}

/// The decisions of one result: its per-resource ones when AWS gives them, else its own.
pub(crate) fn flatten(r: &EvaluationResult) -> Vec<Simulated> {
    let matched = |m: &[aws_sdk_iam::types::Statement]| {
        m.iter()
            .filter_map(|s| s.source_policy_id().map(str::to_owned))
            .collect::<Vec<_>>()
    };
    let per_resource = r.resource_specific_results();
    if !per_resource.is_empty() {
        return per_resource
            .iter()
            .filter_map(|x| {
                Some(Simulated {
                    action: r.eval_action_name().to_owned(),
                    resource: x.eval_resource_name().to_owned(),
                    decision: Decision::parse(x.eval_resource_decision().as_str())?,
                    matched: matched(x.matched_statements()),
                    missing_context: x.missing_context_values().to_vec(),
                })
            })
            .collect();
    }
    Decision::parse(r.eval_decision().as_str())
        .map(|decision| Simulated {
            action: r.eval_action_name().to_owned(),
            resource: r.eval_resource_name().unwrap_or("*").to_owned(),
            decision,
            matched: matched(r.matched_statements()),
            missing_context: r.missing_context_values().to_vec(),
        })
        .into_iter()
        .collect()
}

/// SimulatePrincipalPolicy on one resource, as decisions per action and resource.
pub(crate) async fn simulate(
    client: &aws_sdk_iam::Client,
    role: &str,
    actions: &[&str],
    resource: &str,
) -> anyhow::Result<Vec<Simulated>> {
    Ok(iam::simulate(client, role, actions, resource)
        .await?
        .iter()
        .flat_map(flatten)
        .collect())
}

/// Checks one role on every pair: the actions allowed on the source, then the same on the
/// target. `None` when the role does not exist.
pub(crate) async fn check_role(
    client: &aws_sdk_iam::Client,
    role: &str,
    pairs: &[Pair],
) -> anyhow::Result<Option<PermissionGap>> {
    if !iam::role_exists(client, role).await? {
        return Ok(None);
    }
    let mut required = Vec::new();
    let mut results = Vec::new();
    for p in pairs {
        let on_source = simulate(client, role, p.actions, &p.source).await?;
        let allowed: Vec<&str> = p
            .actions
            .iter()
            .copied()
            .filter(|a| {
                on_source
                    .iter()
                    .any(|s| s.action.eq_ignore_ascii_case(a) && s.decision == Decision::Allowed)
            })
            .collect();
        if allowed.is_empty() {
            continue;
        }
        required.extend(allowed.iter().map(|a| Required {
            action: (*a).to_owned(),
            resource: p.target.clone(),
        }));
        results.extend(simulate(client, role, &allowed, &p.target).await?);
    }
    Ok(Some(permission_gap(role, &required, &results)))
}

/// The roles of the functions (API functions and consumers), each with its functions. Pure.
pub(crate) fn roles(
    functions: &[(String, Option<String>, bool)],
) -> BTreeMap<String, (Vec<String>, bool)> {
    let mut out: BTreeMap<String, (Vec<String>, bool)> = BTreeMap::new();
    for (name, role, consumer) in functions {
        if let Some(role) = role {
            let e = out.entry(role.clone()).or_default();
            e.0.push(name.clone());
            e.1 |= *consumer;
        }
    }
    out
}
