//! `iam-policy [COMMAND...]`: the least-privilege IAM policy for the commands named, scoped to
//! this environment's resources. No AWS call: the names come from the spec.

use std::io::Write;

use serde::Serialize;
use serde_json::Value;

use super::Outcome;
use crate::cli::IamPolicyArgs;
use crate::context::Context;
use crate::error::UsageError;
use crate::output::Format;
use crate::report::{Report, Section};
use crate::spec::iam::{Scope, policy as document, select};

/// In the default format, the policy document itself (ready for `aws iam create-policy
/// --policy-document file://...`); with `-o json|ndjson|markdown`, the envelope with the
/// document in `data.policy`.
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
    let doc = document(&commands, &ctx.names, &scope);
    if ctx.output.format == Format::Table {
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)?;
        return Ok(Outcome::Streamed { failed: false });
    }
    let mut report = Report::action("iam-policy");
    report.set_data(&PolicyData {
        commands: &commands,
        scope: PolicyScope {
            region: &scope.region,
            account: &scope.account,
        },
        policy: &doc,
    })?;
    report.section(Section::lines(
        "IAM policy",
        serde_json::to_string_pretty(&doc)?
            .lines()
            .map(str::to_owned)
            .collect(),
    ));
    Ok(report.into())
}

/// `iam-policy`'s `data`: the commands covered, the scope, and the policy document.
#[derive(Serialize)]
struct PolicyData<'a> {
    commands: &'a [&'static str],
    scope: PolicyScope<'a>,
    policy: &'a Value,
}

#[derive(Serialize)]
struct PolicyScope<'a> {
    region: &'a str,
    account: &'a str,
}
