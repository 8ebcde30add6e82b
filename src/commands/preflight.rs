//! Before a check of the table gathers anything: one DescribeTable, without the SDK's retries,
//! establishes that AWS answers, that the credentials work and that the table exists
//! (`crate::checks::evidence`). A check that has nothing to stand on returns one finding at once
//! instead of seconds of retries and the same error in every row.

use crate::aws::ops;
use std::time::Duration;

use aws_config::retry::RetryConfig;

use crate::aws::{AwsErrorKind, AwsResultExt};
use crate::checks::evidence::{self, Where};
use crate::cli::{Command, DashboardCommand, DiagnoseCommand, HealthCommand};
use crate::context::Context;
use crate::report::Report;

/// The name and kind of a command that judges the table, `None` for every other command (and
/// for those that answer from an export instead of the table).
fn judges_table(command: &Command) -> Option<(&'static str, bool)> {
    Some(match command {
        Command::Diagnose(DiagnoseCommand::Throttling(_)) => ("diagnose throttling", true),
        Command::Diagnose(DiagnoseCommand::Latency(_)) => ("diagnose latency", true),
        Command::Diagnose(DiagnoseCommand::Writes(_)) => ("diagnose writes", true),
        Command::Dashboard(DashboardCommand::Show(_)) => ("dashboard show", false),
        // Writes (--cleanup --yes, --repair) check their production guard first.
        Command::CheckTtl(a)
            if a.export.from_export.is_none() && !(a.cleanup && a.yes) && !a.repair =>
        {
            ("check-ttl", true)
        }
        Command::StreamStatus(_) => ("stream-status", true),
        Command::HotPartitions(a) if a.export.from_export.is_none() => ("hot-partitions", true),
        Command::HealthCheck(HealthCommand::Monthly(_)) => ("health-check monthly", true),
        Command::HealthCheck(HealthCommand::Quarterly(a)) if a.export.from_export.is_none() => {
            ("health-check quarterly", true)
        }
        _ => return None,
    })
}

/// The report that ends the command before it starts, or `None` to run it.
pub(crate) async fn check(command: &Command, ctx: &Context) -> Option<Report> {
    let (name, is_check) = judges_table(command)?;
    // No region: the command's own error says how to give one.
    let client = ctx.dynamodb().await.ok()?;
    let describe = |retries: bool| async move {
        let call = client.describe_table().table_name(ctx.table());
        let call = if retries {
            call.send().await
        } else {
            call.customize()
                .config_override(
                    aws_sdk_dynamodb::config::Builder::default()
                        .retry_config(RetryConfig::disabled()),
                )
                .send()
                .await
        };
        call.aws(
            &ops::DESCRIBE_TABLE,
            crate::aws::error::table_resource(ctx.table()),
        )
    };
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
    let mut report = if is_check {
        Report::check(name)
    } else {
        let mut r = Report::action(name);
        r.failed = true;
        r
    };
    report.push(finding);
    Some(report)
}
