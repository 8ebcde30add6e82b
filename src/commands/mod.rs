//! One module per command: arguments in, a [`Report`] out. Commands never print; the streaming
//! ones hand their items to the output layer's [`crate::output::stream::ItemStream`].

pub mod alarms;
pub mod bench;
pub mod dashboard;
pub mod diagnose;
pub mod events;
pub mod export;
pub mod health;
pub mod hot;
pub mod insights;
pub mod restore;
pub mod stream;
pub mod table;
pub mod ttl;

use std::io::Write;

use crate::cli::{
    AlarmsCommand, BenchCommand, Command, DashboardCommand, DiagnoseCommand, EventsCommand,
    ExportCommand, HealthCommand, InsightsCommand, StreamCommand, TableCommand,
};
use crate::context::Context;
use crate::report::{Report, ReportKind};

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

/// Whether a command is a check (exit 0/1/2/3) or an action (exit 0/1), decided before it runs
/// so that an error can be given the right exit code too.
pub fn kind(command: &Command) -> ReportKind {
    match command {
        // Deleting a kept drill table is an action, not a drill.
        Command::DrDrill(a) if a.delete.is_some() => ReportKind::Action,
        // Deleting overdue items is an action: a refusal or a failed delete exits 1.
        Command::CheckTtl(a) if a.cleanup && a.yes => ReportKind::Action,
        Command::Table(TableCommand::Verify)
        | Command::Diagnose(_)
        | Command::Alarms(AlarmsCommand::Status)
        | Command::CheckTtl(_)
        | Command::StreamStatus(_)
        | Command::DrDrill(_)
        | Command::HotPartitions(_)
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
        | Command::Completions { .. } => ReportKind::Action,
    }
}

pub async fn run(command: &Command, ctx: &Context, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    Ok(match command {
        Command::Table(TableCommand::Create(args)) => table::create(ctx, args).await?.into(),
        Command::Table(TableCommand::Verify) => table::verify(ctx).await?.into(),
        Command::Table(TableCommand::Describe) => table::describe(ctx).await?.into(),
        Command::Events(EventsCommand::Put(args)) => events::put(ctx, args).await?.into(),
        Command::Events(EventsCommand::Get(args)) => events::get(ctx, args).await?.into(),
        Command::Events(EventsCommand::Query(args)) => events::query(ctx, args, out).await?,
        Command::Events(EventsCommand::Import(args)) => events::import(ctx, args).await?.into(),
        Command::Diagnose(DiagnoseCommand::Throttling(a)) => {
            diagnose::throttling(ctx, a).await?.into()
        }
        Command::Diagnose(DiagnoseCommand::Latency(a)) => diagnose::latency(ctx, a).await?.into(),
        Command::Diagnose(DiagnoseCommand::Writes(a)) => diagnose::writes(ctx, a).await?.into(),
        Command::Alarms(AlarmsCommand::Apply(a)) => alarms::apply(ctx, a).await?.into(),
        Command::Alarms(AlarmsCommand::Status) => alarms::status(ctx).await?.into(),
        Command::Dashboard(DashboardCommand::Apply(a)) => dashboard::apply(ctx, a).await?.into(),
        Command::Dashboard(DashboardCommand::Show(a)) => dashboard::show(ctx, a).await?.into(),
        Command::CheckTtl(a) => ttl::check_ttl(ctx, a).await?.into(),
        Command::Export(ExportCommand::Start(a)) => export::start(ctx, a).await?.into(),
        Command::Export(ExportCommand::Status(a)) => export::status(ctx, a).await?.into(),
        Command::Export(ExportCommand::List) => export::list(ctx).await?.into(),
        Command::StreamStatus(a) => stream::status(ctx, a).await?.into(),
        Command::Stream(StreamCommand::Tail(a)) => stream::tail(ctx, a, out).await?,
        Command::PitrRestore(a) => restore::pitr_restore(ctx, a).await?.into(),
        Command::DrDrill(a) => restore::dr_drill(ctx, a).await?.into(),
        Command::Insights(InsightsCommand::List) => insights::list().into(),
        Command::Insights(InsightsCommand::Run(a)) => insights::run(ctx, a).await?.into(),
        Command::HotPartitions(a) => hot::hot_partitions(ctx, a).await?.into(),
        Command::HealthCheck(HealthCommand::Monthly(a)) => health::monthly(ctx, a).await?.into(),
        Command::HealthCheck(HealthCommand::Quarterly(a)) => {
            health::quarterly(ctx, a).await?.into()
        }
        Command::Bench(BenchCommand::Write(a)) => {
            bench::run(ctx, bench::Mode::Write, a).await?.into()
        }
        Command::Bench(BenchCommand::Read(a)) => {
            bench::run(ctx, bench::Mode::Read, a).await?.into()
        }
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
