//! `iam-policy [COMMAND...]`: the least-privilege IAM policy for the commands named, scoped to
//! this environment's resources. No AWS call: the names come from the spec.
//!
//! A managed policy holds at most 6,144 characters (white space not counted): a policy larger
//! than that is split into as many as fit, named `{prefix}-{env}-eventsctl-1`, `-2`, ... (README,
//! "IAM permissions").

use std::io::Write;

use serde::Serialize;
use serde_json::{Value, json};

use super::Outcome;
use super::data_schema::shape;
use super::registry::{Kind, Leaf};
use crate::cli::Command;
use crate::cli::IamPolicyArgs;
use crate::context::Context;
use crate::error::UsageError;
use crate::output::Format;
use crate::report::{Report, Section};
use crate::spec::iam::{NamedPolicy, PolicyDocument, Scope, policies, select};

pub(crate) static IAM_POLICY: Leaf<IamPolicyArgs> = Leaf::new(
    "iam-policy",
    Kind::Action,
    |c| match c {
        Command::IamPolicy(a) => Some(a),
        _ => None,
    },
    |ctx, a, out| Box::pin(policy(ctx, a, out)),
)
.offline()
.data(shape::<PolicyData<'static>>);

/// In the default format, the policy document itself (ready for `aws iam create-policy
/// --policy-document file://...`), or, when the commands need more than one managed policy, a
/// JSON array of `{"PolicyName", "PolicyDocument"}` with a line on stderr saying so; with
/// `-o json|ndjson|markdown`, the envelope with the documents in `data.policies`.
pub(crate) async fn policy(
    ctx: &Context,
    args: &IamPolicyArgs,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let commands = select(&args.commands).map_err(UsageError::new)?;
    // The Region as the SDK resolves it (flag, environment, profile); `*` when there is none.
    let _ = ctx.sdk_config().await;
    let scope = Scope {
        region: ctx.region().unwrap_or_else(|| "*".into()),
        account: args.account_id.clone().unwrap_or_else(|| "*".into()),
    };
    let parts = policies(&commands, &ctx.names, &scope);
    let split = split_note(&parts);
    if ctx.output.format == Format::Table {
        match parts.as_slice() {
            [one] => serde_json::to_writer_pretty(&mut *out, &one.document)?,
            many => serde_json::to_writer_pretty(&mut *out, &named(many))?,
        }
        writeln!(out)?;
        if let Some(note) = &split {
            crate::output::notice(note);
        }
        return Ok(Outcome::Streamed { failed: false });
    }
    let mut report = Report::action("iam-policy");
    report.set_data(&PolicyData {
        commands: &commands,
        scope: PolicyScope {
            region: &scope.region,
            account: &scope.account,
        },
        policy: match parts.as_slice() {
            [one] => Some(&one.document),
            _ => None,
        },
        policies: &parts,
    })?;
    for p in &parts {
        report.section(Section::lines(
            format!(
                "IAM policy {} ({})",
                p.name,
                crate::vocab::words::count(p.characters, "character", "characters")
            ),
            serde_json::to_string_pretty(&p.document)?
                .lines()
                .map(str::to_owned)
                .collect(),
        ));
    }
    report.notes.extend(split);
    Ok(report.into())
}

/// What `aws iam create-policy` takes for each part: `PolicyName`, `PolicyDocument`.
fn named(parts: &[NamedPolicy]) -> Value {
    json!(
        parts
            .iter()
            .map(|p| json!({"PolicyName": p.name, "PolicyDocument": p.document}))
            .collect::<Vec<_>>()
    )
}

/// Said when the policy was split: how many, why, and how to create them.
fn split_note(parts: &[NamedPolicy]) -> Option<String> {
    (parts.len() > 1).then(|| {
        format!(
            // plural-ok: a split is into two policies or more
            "the permissions of these commands exceed one managed policy (6,144 characters without white space, IAM's quota): split into {} policies ({}); create each and attach them all (README, \"IAM permissions\")",
            parts.len(),
            parts
                .iter()
                .map(|p| format!("{}, {}", p.name, crate::vocab::words::count(p.characters, "character", "characters")))
                .collect::<Vec<_>>()
                .join("; ")
        )
    })
}

/// `iam-policy`'s `data`: the commands covered, the scope, and the policy: `policy` the
/// document when one managed policy holds it (else null), `policies` every managed policy it
/// takes (one, or the parts of a split).
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "IamPolicyData")]
pub(crate) struct PolicyData<'a> {
    commands: &'a [&'static str],
    scope: PolicyScope<'a>,
    /// The document when one managed policy holds it; null when it is split (`policies`).
    policy: Option<&'a PolicyDocument>,
    policies: &'a [NamedPolicy],
}

/// Where the policy's ARNs point.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "IamPolicyScope")]
struct PolicyScope<'a> {
    /// The Region of the ARNs; `*` when none was resolved.
    region: &'a str,
    /// The account of the ARNs (`--account-id`); `*` when not given.
    account: &'a str,
}
