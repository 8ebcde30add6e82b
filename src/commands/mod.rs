//! One module per command: arguments in, a [`Report`] out. Commands never print; the streaming
//! ones hand their items to the output layer's `output::stream::ItemStream`.

pub(crate) mod alarms;
pub(crate) mod bench;
pub mod changes;
pub(crate) mod dashboard;
pub(crate) mod diagnose;
pub(crate) mod events;
pub(crate) mod events_delete;
pub mod export;
pub(crate) mod health;
pub(crate) mod hot;
pub(crate) mod iam;
pub(crate) mod insights;
pub(crate) mod preflight;
pub(crate) mod restore;
mod restore_data;
pub(crate) mod stream;
pub(crate) mod table;
pub(crate) mod ttl;
pub(crate) mod ttl_repair;

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use crate::cli::{
    AlarmsCommand, BenchCommand, ColorChoice, Command, DashboardCommand, DiagnoseCommand,
    EventsCommand, ExportCommand, GlobalArgs, HealthCommand, InsightsCommand, OutputFormat,
    StreamCommand, TableCommand,
};
use crate::context::{AwsSettings, Context, OutputSettings};
use crate::error::UsageError;
use crate::files;
use crate::output::Format;
use crate::report::{Report, ReportKind};
use crate::spec::Names;

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

/// The resolved context of a run from the global flags, its whole time bounded by `time_limit`
/// (`--timeout` or the command's default): the only place that reads `GlobalArgs`.
pub fn context(args: &GlobalArgs, time_limit: Option<Duration>) -> Context {
    let mut names = Names::derive(&args.name_prefix, &args.env, args.table.as_deref());
    names.production = args.production_markers.clone();
    let format = match args.output {
        OutputFormat::Table => Format::Table,
        OutputFormat::Json => Format::Json,
        OutputFormat::Markdown => Format::Markdown,
        OutputFormat::Ndjson => Format::Ndjson,
    };
    let color = match args.color {
        ColorChoice::Always => Some(true),
        ColorChoice::Never => Some(false),
        ColorChoice::Auto => None,
    };
    Context::with(
        names,
        OutputSettings::resolve(format, args.quiet, args.verbose, args.no_progress, color),
        AwsSettings {
            region: args.region.clone(),
            profile: args.profile.clone(),
            endpoint_url: args.endpoint_url.clone(),
            time_limit,
        },
    )
}

/// Whether a command is a check (exit 0/1/2/3) or an action (exit 0/1), decided before it runs
/// so that an error can be given the right exit code too.
pub fn kind(command: &Command) -> ReportKind {
    match command {
        // Deleting a kept drill table is an action, not a drill.
        Command::DrDrill(a) if a.delete.is_some() => ReportKind::Action,
        Command::Bench(BenchCommand::Cleanup(_)) => ReportKind::Action,
        // Deleting overdue items is an action: a refusal or a failed delete exits 1.
        Command::CheckTtl(a) if a.cleanup && a.yes => ReportKind::Action,
        Command::CheckTtl(a) if a.repair => ReportKind::Action,
        Command::Table(TableCommand::Verify)
        | Command::Diagnose(_)
        | Command::Alarms(AlarmsCommand::Status)
        | Command::CheckTtl(_)
        | Command::StreamStatus(_)
        | Command::DrDrill(_)
        | Command::HotPartitions(_)
        | Command::Changes(_)
        | Command::HealthCheck(_)
        | Command::Bench(_) => ReportKind::Check,
        Command::Table(_)
        | Command::Events(_)
        | Command::Export(_)
        | Command::Alarms(_)
        | Command::Dashboard(_)
        | Command::Stream(_)
        | Command::PitrRestore(_)
        | Command::Insights(_)
        | Command::IamPolicy(_)
        | Command::Completions { .. } => ReportKind::Action,
    }
}

/// The whole run's time limit: `--timeout`, else the command's default (docs/safety.md).
/// `None` only for commands that bound themselves or run until stopped: `events import` (it
/// gives up on an endpoint that stops answering and writes what did not land to its file) and
/// `stream tail` without `--for` (until Ctrl-C).
pub fn time_limit(command: &Command, flag: Option<Duration>) -> Option<Duration> {
    if flag.is_some() {
        return flag;
    }
    let minutes = |m: u64| Some(Duration::from_secs(60 * m));
    let plus = |d: chrono::Duration, m: u64| {
        Some(d.to_std().unwrap_or_default() + Duration::from_secs(60 * m))
    };
    match command {
        Command::Events(EventsCommand::Import(_)) | Command::Completions { .. } => None,
        Command::Stream(StreamCommand::Tail(a)) => a.duration.and_then(|d| plus(d, 1)),
        Command::Events(EventsCommand::Query(_)) => minutes(10),
        Command::Events(_) => minutes(1),
        Command::Table(TableCommand::Create(a)) => plus(a.wait_timeout, 5),
        Command::PitrRestore(a) => plus(a.max_wait, 15),
        Command::DrDrill(a) => plus(a.max_wait, 15),
        Command::HealthCheck(HealthCommand::Monthly(a)) if a.restore_test => {
            plus(chrono::Duration::hours(6), 15)
        }
        Command::HealthCheck(_) => minutes(15),
        Command::Insights(InsightsCommand::Run(a)) => plus(a.max_wait, 2),
        Command::Bench(BenchCommand::Write(a) | BenchCommand::Read(a)) => plus(a.duration, 5),
        Command::Bench(BenchCommand::Cleanup(_)) => minutes(30),
        // A resume is the rest of a full scan (or repair): the same hour.
        Command::CheckTtl(a) if a.full || a.cleanup || a.repair || a.resume.is_some() => {
            minutes(60)
        }
        Command::StreamStatus(a) => plus(a.probe_timeout, 5),
        _ => minutes(5),
    }
}

/// Commands that watch their own deadline and stop cleanly at it (`main` gives them a grace).
pub fn bounds_itself(command: &Command) -> bool {
    matches!(command, Command::Events(EventsCommand::Import(_)))
}

/// `--report FILE` of a command, the `--force` that came with it, and whether it is a drill
/// record (Markdown and JSON).
fn report_file(command: &Command) -> Option<(&Path, bool, bool)> {
    match command {
        Command::HealthCheck(HealthCommand::Monthly(a)) => {
            a.report.as_deref().map(|p| (p, a.force, false))
        }
        Command::HealthCheck(HealthCommand::Quarterly(a)) => {
            a.report.as_deref().map(|p| (p, a.force, false))
        }
        Command::DrDrill(a) if a.delete.is_none() => {
            a.report.as_deref().map(|p| (p, a.force, true))
        }
        _ => None,
    }
}

/// Checks the `--report` files against the output-file rule (`crate::files`), before the
/// command makes its first AWS call.
pub(crate) fn check_report_files(command: &Command) -> Result<(), UsageError> {
    let Some((path, force, drill)) = report_file(command) else {
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

/// May the command's report files replace existing files (`--force`)?
pub fn reports_may_replace(command: &Command) -> bool {
    report_file(command).is_some_and(|(_, force, _)| force)
}

pub async fn run(command: &Command, ctx: &Context, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    check_report_files(command)?;
    if let Some(stopped) = preflight::check(command, ctx).await {
        return Ok(stopped.into());
    }
    // Each command's future is boxed: unboxed, the dispatch future is as large as the largest
    // command's state machine, which overflows a 2 MiB thread stack in debug builds.
    Ok(match command {
        Command::Table(TableCommand::Create(args)) => {
            Box::pin(table::create(ctx, args)).await?.into()
        }
        Command::Table(TableCommand::Verify) => Box::pin(table::verify(ctx)).await?.into(),
        Command::Table(TableCommand::Describe) => Box::pin(table::describe(ctx)).await?.into(),
        Command::Events(EventsCommand::Put(args)) => Box::pin(events::put(ctx, args)).await?.into(),
        Command::Events(EventsCommand::Get(args)) => Box::pin(events::get(ctx, args)).await?.into(),
        Command::Events(EventsCommand::Query(args)) => {
            Box::pin(events::query(ctx, args, out)).await?
        }
        Command::Events(EventsCommand::Delete(args)) => {
            Box::pin(events_delete::delete(ctx, args)).await?.into()
        }
        Command::Events(EventsCommand::Import(args)) => {
            Box::pin(events::import(ctx, args)).await?.into()
        }
        Command::Diagnose(DiagnoseCommand::Throttling(a)) => {
            Box::pin(diagnose::throttling(ctx, a)).await?.into()
        }
        Command::Diagnose(DiagnoseCommand::Latency(a)) => {
            Box::pin(diagnose::latency(ctx, a)).await?.into()
        }
        Command::Diagnose(DiagnoseCommand::Writes(a)) => {
            Box::pin(diagnose::writes(ctx, a)).await?.into()
        }
        Command::Alarms(AlarmsCommand::Apply(a)) => Box::pin(alarms::apply(ctx, a)).await?.into(),
        Command::Alarms(AlarmsCommand::Status) => Box::pin(alarms::status(ctx)).await?.into(),
        Command::Dashboard(DashboardCommand::Apply(a)) => {
            Box::pin(dashboard::apply(ctx, a)).await?.into()
        }
        Command::Dashboard(DashboardCommand::Show(a)) => {
            Box::pin(dashboard::show(ctx, a)).await?.into()
        }
        Command::CheckTtl(a) => Box::pin(ttl::check_ttl(ctx, a)).await?.into(),
        Command::Export(ExportCommand::Start(a)) => Box::pin(export::start(ctx, a)).await?.into(),
        Command::Export(ExportCommand::Status(a)) => Box::pin(export::status(ctx, a)).await?.into(),
        Command::Export(ExportCommand::List) => Box::pin(export::list(ctx)).await?.into(),
        Command::StreamStatus(a) => Box::pin(stream::status(ctx, a)).await?.into(),
        Command::Stream(StreamCommand::Tail(a)) => Box::pin(stream::tail(ctx, a, out)).await?,
        Command::PitrRestore(a) => Box::pin(restore::pitr_restore(ctx, a)).await?.into(),
        Command::DrDrill(a) => Box::pin(restore::dr_drill(ctx, a)).await?.into(),
        Command::Insights(InsightsCommand::List) => insights::list()?.into(),
        Command::Insights(InsightsCommand::Run(a)) => Box::pin(insights::run(ctx, a)).await?.into(),
        Command::HotPartitions(a) => Box::pin(hot::hot_partitions(ctx, a)).await?.into(),
        Command::Changes(a) => Box::pin(changes::changes(ctx, a)).await?.into(),
        Command::HealthCheck(HealthCommand::Monthly(a)) => {
            Box::pin(health::monthly(ctx, a)).await?.into()
        }
        Command::HealthCheck(HealthCommand::Quarterly(a)) => {
            Box::pin(health::quarterly(ctx, a)).await?.into()
        }
        Command::Bench(BenchCommand::Write(a)) => Box::pin(bench::run(ctx, bench::Mode::Write, a))
            .await?
            .into(),
        Command::Bench(BenchCommand::Read(a)) => Box::pin(bench::run(ctx, bench::Mode::Read, a))
            .await?
            .into(),
        Command::Bench(BenchCommand::Cleanup(a)) => {
            Box::pin(bench::cleanup_runs(ctx, a)).await?.into()
        }
        Command::IamPolicy(a) => Box::pin(iam::policy(ctx, a, out)).await?,
        Command::Completions { shell } => {
            out.write_all(&crate::docgen::completion(*shell))?;
            Outcome::Streamed { failed: false }
        }
    })
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
