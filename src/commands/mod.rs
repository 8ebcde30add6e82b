//! One module per command: arguments in, a [`Report`] out. Each command's facts (name, kind,
//! time limit, whether it judges the table, report file, production rule, IAM entry) are its
//! descriptor, beside its code and registered once in `registry::COMMANDS`; the engines they
//! run live outside (`crate::dr`, `crate::bench`, `crate::ttl_scan`, `crate::checks`).
//! Commands never print; the streaming ones hand their items to the output layer's
//! `output::stream::ItemStream`.

pub(crate) mod alarms;
pub(crate) mod alarms_backtest;
pub(crate) mod alarms_test;
pub(crate) mod backtest_thresholds;
pub(crate) mod bench;
pub mod changes;
mod completions;
mod config;
pub(crate) mod dashboard;
pub mod data_schema;
pub(crate) mod diagnose;
pub(crate) mod dr;
mod drill_cutover;
pub(crate) mod events;
pub(crate) mod events_delete;
mod events_import;
pub mod export;
pub mod fleet;
pub(crate) mod health;
mod health_review;
pub(crate) mod hot;
pub(crate) mod iam;
pub(crate) mod iam_audit;
pub(crate) mod insights;
pub(crate) mod preflight;
pub mod publish;
pub mod registry;
pub(crate) mod restore;
pub mod settings;
pub(crate) mod stream;
pub(crate) mod table;
pub(crate) mod table_fix;
pub(crate) mod ttl;
pub(crate) mod ttl_repair;

use std::io::Write;
use std::time::Duration;

use crate::cli::{ColorChoice, Command, GlobalArgs, OutputFormat};
use crate::config::Resolved;
use crate::context::{AwsSettings, Context, OutputSettings};
use crate::error::UsageError;
use crate::files;
use crate::output::Format;
use crate::report::Report;
use crate::spec::Names;
use registry::ReportFile;

/// What a command produced: a report to render, or items it already streamed.
pub enum Outcome {
    Report(Box<Report>),
    Streamed { failed: bool },
}

impl From<Report> for Outcome {
    fn from(r: Report) -> Outcome {
        Outcome::Report(Box::new(r))
    }
}

/// The resolved context of a run in one environment: its settings (`resolved`: flags over the
/// config file over the defaults) and the global flags that are not settings (output, time),
/// its whole time bounded by `time_limit` (`--timeout` or the command's default): the only
/// place that reads `GlobalArgs`.
pub fn context(args: &GlobalArgs, resolved: &Resolved, time_limit: Option<Duration>) -> Context {
    let mut names = Names::derive(
        &resolved.name_prefix.value,
        &resolved.env.value,
        resolved.table.value.as_deref(),
    );
    names.production = args.production_markers.clone();
    names.latency = latency_targets(&resolved.latency_targets);
    if let Some(production) = resolved.production.value {
        names.production = names
            .production
            .with_explicit(production, resolved.production.origin.to_string());
    }
    let format = match args.output {
        OutputFormat::Table => Format::Table,
        // Machine output either way: no progress drawn beside it.
        OutputFormat::Json | OutputFormat::Prometheus => Format::Json,
        OutputFormat::Markdown => Format::Markdown,
        OutputFormat::Ndjson => Format::Ndjson,
    };
    let color = match args.color {
        ColorChoice::Always => Some(true),
        ColorChoice::Never => Some(false),
        ColorChoice::Auto => None,
    };
    let mut ctx = Context::with(
        names,
        OutputSettings::resolve(format, args.quiet, args.verbose, args.no_progress, color),
        AwsSettings {
            region: resolved.region.value.clone(),
            profile: resolved.profile.value.clone(),
            endpoint_url: resolved.endpoint_url.value.clone(),
            time_limit,
        },
    );
    ctx.settings = Some(std::sync::Arc::new(resolved.clone()));
    ctx
}

/// The environment's latency targets as the spec's checks take them.
fn latency_targets(
    t: &crate::config::LatencyTargets<crate::config::Setting<f64>>,
) -> crate::spec::targets::Targets {
    let class = |p: &crate::config::Percentiles<crate::config::Setting<f64>>| {
        crate::spec::targets::LatencyTargets {
            p50: p.p50.value,
            p95: p.p95.value,
            p99: p.p99.value,
        }
    };
    crate::spec::targets::Targets {
        write: class(&t.write),
        batch_write: class(&t.batch_write),
        read: class(&t.read),
    }
}

/// The whole run's time limit: `--timeout`, else the command's default (docs/safety.md). `None`
/// only for commands that bound themselves or run until stopped: `events import` (it gives up
/// on an endpoint that stops answering and writes what did not land to its file) and `stream
/// tail` without `--for` (until Ctrl-C).
pub fn time_limit(command: &Command, flag: Option<Duration>) -> Option<Duration> {
    flag.or_else(|| registry::find(command)?.default_limit(command))
}

/// Checks the `--report` files against the output-file rule (`crate::files`), before the
/// command makes its first AWS call.
pub(crate) fn check_report_files(file: Option<ReportFile<'_>>) -> Result<(), UsageError> {
    let Some(ReportFile { path, force, drill }) = file else {
        return Ok(());
    };
    if !drill {
        return files::check(
            &files::Output {
                flag: "--report",
                path,
                force,
            },
            &[],
        );
    }
    let [markdown, json] = files::drill_report(path);
    files::check_all(
        &[
            files::Output {
                flag: "--report (Markdown)",
                path: &markdown.path,
                force,
            },
            files::Output {
                flag: "--report (JSON)",
                path: &json.path,
                force,
            },
        ],
        &[],
    )
}

/// Runs a parsed command through its descriptor: its report files checked, the table judged
/// first when the command judges it, then the command.
pub async fn run(command: &Command, ctx: &Context, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let leaf = registry::find(command)
        .ok_or_else(|| anyhow::anyhow!("internal error: a command without a descriptor"))?;
    check_report_files(leaf.report_file(command))?;
    if !leaf.offline() {
        ctx.guard_account(leaf.name()).await?;
    }
    if leaf.judges_table(command)
        && let Some(stopped) = preflight::check(leaf.name(), leaf.kind(command), ctx).await
    {
        return Ok(stopped.into());
    }
    leaf.run(ctx, command, out).await
}

/// Resolves on Ctrl-C or SIGTERM: long waits select on it to stop cleanly and say what is still
/// running on the AWS side.
pub(crate) async fn interrupted() {
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => return std::future::pending().await,
            };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn limit(args: &[&str]) -> Option<Duration> {
        let mut all = vec!["eventsctl"];
        all.extend_from_slice(args);
        let cli = crate::cli::Cli::try_parse_from(all).unwrap();
        time_limit(&cli.command, cli.global.timeout)
    }

    #[test]
    fn every_command_has_a_limit_that_suits_it() {
        let min = |m: u64| Some(Duration::from_secs(60 * m));
        assert_eq!(limit(&["diagnose", "throttling"]), min(5));
        assert_eq!(
            limit(&["events", "put", "--user", "u", "--type", "t"]),
            min(1)
        );
        assert_eq!(limit(&["events", "query", "--user", "u"]), min(10));
        assert_eq!(limit(&["health-check", "monthly"]), min(15));
        assert_eq!(limit(&["check-ttl", "--full"]), min(60));
        // Issue 23 §8: `--resume FILE` (the form the hints give) had the sample's 5 minutes.
        assert_eq!(limit(&["check-ttl", "--resume", "scan.json"]), min(60));
        assert_eq!(
            limit(&["check-ttl", "--repair", "--resume", "scan.json"]),
            min(60)
        );
        assert_eq!(limit(&["check-ttl"]), min(5));
        assert_eq!(limit(&["dr-drill"]), min(6 * 60 + 15));
        assert_eq!(
            limit(&["bench", "write", "--duration", "30s"]),
            Some(Duration::from_secs(330))
        );
        assert_eq!(
            limit(&["stream", "tail", "--for", "10s"]),
            Some(Duration::from_secs(70))
        );
        // Bounded by their own rules: an import stops when the endpoint stops answering, a
        // tail without --for runs until Ctrl-C.
        assert_eq!(limit(&["events", "import", "f"]), None);
        assert_eq!(limit(&["stream", "tail"]), None);
        assert_eq!(
            limit(&["--timeout", "20s", "events", "import", "f"]),
            Some(Duration::from_secs(20))
        );
        assert_eq!(
            limit(&["--timeout", "45s", "health-check", "monthly"]),
            Some(Duration::from_secs(45))
        );
    }
}
