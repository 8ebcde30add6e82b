//! A command that ended without its result: one line on stderr and, with `-o json`/`ndjson`,
//! the envelope with an `error` object (docs/json.md), so that a script reads JSON either way.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::json;

use super::RenderContext;
use super::json::SCHEMA;
use crate::aws::{AwsError, AwsErrorKind};
use crate::context::Context;
use crate::error::{Refusal, UsageError};

/// The envelope's `error`: what kind of failure, and the line stderr shows.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Failure {
    /// `usage`, `refused`, `credentials`, `access_denied`, `not_found`, `throttled`,
    /// `unreachable`, `invalid`, `timeout` or `other`.
    pub kind: &'static str,
    /// The same text as the `eventsctl: error:` line on stderr.
    pub message: String,
}

impl Failure {
    /// The run's time ran out (`--timeout` or the command's default).
    pub fn timeout(message: String) -> Failure {
        Failure {
            kind: "timeout",
            message,
        }
    }

    /// Input the command rejected at run time: exit 64, not the command's failure code.
    pub fn is_usage(&self) -> bool {
        self.kind == "usage"
    }
}

/// The kind and the one line for an error that ended a command: the AWS error's own kind
/// (credentials apart from permissions, with how to log in), a usage error, a refusal.
pub fn describe(e: &anyhow::Error, ctx: &Context) -> Failure {
    let aws = e.chain().find_map(aws_error);
    let kind = if e.chain().any(|c| c.downcast_ref::<UsageError>().is_some()) {
        "usage"
    } else if let Some(a) = aws {
        a.kind.name()
    } else if e.chain().any(|c| c.downcast_ref::<Refusal>().is_some()) {
        "refused"
    } else {
        "other"
    };
    let mut message = format!("{e:#}");
    match aws {
        Some(a) if a.kind == AwsErrorKind::Unreachable => {
            message.push_str(&format!(" [endpoint {}]", ctx.endpoint()));
        }
        Some(a) if a.kind == AwsErrorKind::Credentials => {
            let profile = ctx
                .aws
                .profile
                .clone()
                .or_else(|| std::env::var("AWS_PROFILE").ok());
            message.push_str(&format!(
                "; {}",
                crate::checks::evidence::login_hint(profile.as_deref())
            ));
        }
        _ => {}
    }
    Failure {
        kind,
        message: super::escape::line(&message).into_owned(),
    }
}

/// What stdout gets for a command that failed, in `format`: the envelope with the error
/// ([`render`]); a streamed envelope the command left open, closed with it; nothing for the
/// human formats (stderr has the line) nor for the items-only `-o ndjson` of a streaming command
/// (`items_only`).
pub fn print(
    command: &str,
    status: &str,
    failure: &Failure,
    rc: &RenderContext,
    (format, items_only): (super::Format, bool),
    out: &mut dyn Write,
) -> io::Result<()> {
    if super::stream::take_left_open() {
        return super::stream::close_failed(out, status, failure);
    }
    match format {
        super::Format::Json => render(command, status, failure, rc, out, true),
        super::Format::Ndjson if !items_only => render(command, status, failure, rc, out, false),
        _ => Ok(()),
    }
}

/// The AWS error an error in the chain is or wraps: the library's errors that hold one with
/// `#[error(transparent)]` hide it from the chain (their `source` is the AWS error's own).
fn aws_error<'e>(e: &'e (dyn std::error::Error + 'static)) -> Option<&'e AwsError> {
    use crate::aws::insights::LogGroupsError;
    use crate::events::query::QueryError;
    use crate::events::writer::PutError;
    use crate::scale::athena::AthenaError;
    use crate::scale::export::ExportError;
    if let Some(a) = e.downcast_ref::<AwsError>() {
        Some(a)
    } else if let Some(PutError::Aws(a)) = e.downcast_ref::<PutError>() {
        Some(a)
    } else if let Some(QueryError::Aws(a)) = e.downcast_ref::<QueryError>() {
        Some(a)
    } else if let Some(ExportError::Aws(a)) = e.downcast_ref::<ExportError>() {
        Some(a)
    } else if let Some(AthenaError::Aws(a)) = e.downcast_ref::<AthenaError>() {
        Some(a)
    } else if let Some(LogGroupsError::Aws(a)) = e.downcast_ref::<LogGroupsError>() {
        Some(a)
    } else {
        None
    }
}

/// The envelope of a command that failed: `status` (`failed` for an action, `unknown` for a
/// check), the `error`, and nothing found (`findings` and the lists empty, `data` `{}`).
pub fn render(
    command: &str,
    status: &str,
    failure: &Failure,
    rc: &RenderContext,
    out: &mut dyn Write,
    pretty: bool,
) -> io::Result<()> {
    let value = envelope(command, status, failure, rc);
    if pretty {
        serde_json::to_writer_pretty(&mut *out, &value)?;
    } else {
        serde_json::to_writer(&mut *out, &value)?;
    }
    out.write_all(b"\n")?;
    out.flush()
}

/// The envelope of a command that failed, as a value (a fleet run's `results` hold them).
pub(crate) fn envelope(
    command: &str,
    status: &str,
    failure: &Failure,
    rc: &RenderContext,
) -> serde_json::Value {
    json!({
        "schema": SCHEMA,
        "command": command,
        "target": rc.target,
        "generated_at": crate::times::stamp(rc.generated_at),
        "status": status,
        "error": failure,
        "findings": [],
        "data": {},
        "corrections": [],
        "notes": [],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::OutputSettings;
    use crate::spec::Names;

    fn ctx(profile: Option<&str>) -> Context {
        let sdk = aws_config::SdkConfig::builder()
            .region(aws_config::Region::new("us-east-1"))
            .behavior_version(aws_config::BehaviorVersion::latest())
            .build();
        let output = OutputSettings {
            format: super::super::Format::Json,
            quiet: true,
            verbose: 0,
            progress: false,
            color: false,
            interactive: false,
        };
        let mut c = Context::with_sdk_config(Names::derive("p", "dev", None), output, sdk);
        c.aws.profile = profile.map(str::to_owned);
        c
    }

    #[test]
    fn each_error_has_its_kind_and_one_line() {
        let creds = AwsError::local(
            AwsErrorKind::Credentials,
            "dynamodb",
            "Query",
            Some("table t".into()),
            "no credentials found in chain",
        );
        let f = describe(&anyhow::Error::new(creds), &ctx(Some("oncall")));
        assert_eq!(f.kind, "credentials");
        assert!(
            f.message.starts_with(
                "no AWS credentials were found: dynamodb:Query for table t was not sent; log in again: `aws sso login --profile oncall`"
            ),
            "{}",
            f.message
        );
        let denied = AwsError::local(AwsErrorKind::AccessDenied, "dynamodb", "Query", None, "no");
        assert_eq!(
            describe(&anyhow::Error::new(denied), &ctx(None)).kind,
            "access_denied"
        );
        let usage = anyhow::Error::new(UsageError::new("bad --since")).context("events query");
        let f = describe(&usage, &ctx(None));
        assert_eq!((f.kind, f.is_usage()), ("usage", true));
        assert_eq!(f.message, "events query: bad --since");
        let refused = anyhow::Error::new(Refusal::new("table exists"));
        assert_eq!(describe(&refused, &ctx(None)).kind, "refused");
        assert_eq!(
            describe(&anyhow::anyhow!("x\ny"), &ctx(None)).message,
            "x\\ny"
        );
    }
}
