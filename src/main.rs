//! Parse, build the context, run, render, exit: the only place that decides an exit code.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

use eventsctl::cli::Cli;
use eventsctl::commands::Outcome;
use eventsctl::context::Context;
use eventsctl::error::UsageError;
use eventsctl::output;
use eventsctl::report::ReportKind;
use eventsctl::{commands, report};

/// Usage errors exit 64 (EX_USAGE), not clap's 2, which would read as "crit" to a script.
const EXIT_USAGE: u8 = 64;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(clap_error(&e)),
    };
    init_logging(cli.global.verbose, cli.global.quiet);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("eventsctl: error: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let code = runtime.block_on(run(cli));
    // Background work (an abandoned poll, a spinner tick) must not hold the exit.
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    ExitCode::from(code)
}

/// Help and version exit 0; everything else clap rejects is a usage error, shown on one line.
fn clap_error(e: &clap::Error) -> u8 {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // `eventsctl --help | head` must not turn into an error either.
            let _ = e.print();
            0
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            // `eventsctl table`: the help of that command, on stderr, as a usage error.
            eprint!("{}", e.render());
            EXIT_USAGE
        }
        _ => {
            let rendered = e.render().to_string();
            let line = rendered
                .lines()
                .map(str::trim)
                .filter(|l| {
                    !l.is_empty()
                        && !l.starts_with("Usage:")
                        && !l.starts_with("For more information")
                })
                .collect::<Vec<_>>()
                .join(" ");
            eprintln!("eventsctl: {line} (see --help)");
            EXIT_USAGE
        }
    }
}

fn init_logging(verbose: u8, quiet: bool) {
    let default = match (quiet, verbose) {
        (true, _) => "off",
        (false, 0) => "eventsctl=warn",
        (false, 1) => "eventsctl=info",
        (false, 2) => "eventsctl=debug,aws_config=info",
        (false, _) => "eventsctl=trace,aws_config=debug,aws_smithy_runtime=debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(io::stderr)
        .with_target(false)
        .try_init();
}

async fn run(cli: Cli) -> u8 {
    let ctx = Context::new(&cli.global);
    let kind = commands::kind(&cli.command);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let outcome = match commands::run(&cli.command, &ctx, &mut out).await {
        Ok(outcome) => outcome,
        Err(e) => return error_exit(&e, kind),
    };
    let report = match outcome {
        Outcome::Streamed { failed } => return if failed { failure_code(kind) } else { 0 },
        Outcome::Report(report) => report,
    };
    let rc = ctx.render_context(report.table_override.as_deref());
    if let Err(e) = output::write_attachments(&report, &rc) {
        eprintln!("eventsctl: error: {e}");
        return failure_code(kind);
    }
    let rendered =
        output::render(&report, ctx.output.format, &rc, &mut out).and_then(|()| out.flush());
    match rendered {
        Ok(()) => report.exit_code(),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => report.exit_code(),
        Err(e) => {
            eprintln!("eventsctl: error: cannot write the output: {e}");
            failure_code(kind)
        }
    }
}

fn failure_code(kind: ReportKind) -> u8 {
    match kind {
        ReportKind::Check => report::Status::Unknown.exit_code(),
        ReportKind::Action => 1,
    }
}

/// One line on stderr, and the exit code the design names for it.
fn error_exit(e: &anyhow::Error, kind: ReportKind) -> u8 {
    let broken_pipe = e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    });
    if broken_pipe {
        return 0;
    }
    eprintln!("eventsctl: error: {e:#}");
    if e.chain().any(|c| c.downcast_ref::<UsageError>().is_some()) {
        EXIT_USAGE
    } else {
        failure_code(kind)
    }
}
