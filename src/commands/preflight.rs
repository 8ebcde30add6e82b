//! Before a command that judges the table gathers anything (its descriptor says whether it
//! does): one DescribeTable, without the SDK's retries, establishes that AWS answers, that the
//! credentials work and that the table exists (`crate::checks::evidence`). A check that has
//! nothing to stand on returns one finding at once instead of seconds of retries and the same
//! error in every row.

use std::time::Duration;

use crate::aws::AwsErrorKind;
use crate::checks::evidence::{self, Where};
use crate::context::Context;
use crate::report::{Report, ReportKind};

/// The report that ends the command before it starts, or `None` to run it.
pub(crate) async fn check(name: &str, kind: ReportKind, ctx: &Context) -> Option<Report> {
    // No region: the command's own error says how to give one.
    let client = ctx.dynamodb().await.ok()?;
    let describe =
        |retries: bool| crate::aws::reachability::describe_table(client, ctx.table(), retries);
    // First without the SDK's retries: a refused connection is known at once.
    let mut result = describe(false).await;
    if let Err(e) = &result
        && e.kind == AwsErrorKind::Unreachable
    {
        if e.message.starts_with("could not connect") {
            // One more try after a pause: a single dropped connection is not "unreachable".
            tokio::time::sleep(Duration::from_millis(300)).await;
            result = describe(false).await;
        } else {
            // No answer in time: a slow endpoint gets the SDK's usual patience.
            result = describe(true).await;
        }
    }
    let finding = match result {
        Ok(_) => return None,
        Err(e) if e.is_not_found() => {
            let mut f = crate::checks::table::missing(ctx.table(), ctx.names.is_production());
            f.summary = format!(
                "table {} does not exist in {}: nothing else can be judged",
                ctx.table(),
                ctx.region().unwrap_or_else(|| "this region".into())
            );
            f
        }
        Err(e) => evidence::stop(
            &e,
            &Where {
                endpoint: ctx.endpoint(),
                region: ctx.region(),
                profile: ctx
                    .aws
                    .profile
                    .clone()
                    .or_else(|| std::env::var("AWS_PROFILE").ok()),
            },
        )?,
    };
    let mut report = match kind {
        ReportKind::Check => Report::check(name),
        ReportKind::Action => {
            let mut r = Report::action(name);
            r.failed = true;
            r
        }
    };
    report.push(finding);
    Some(report)
}
