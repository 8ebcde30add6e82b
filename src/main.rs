//! Parse, build the context, run, render, exit: the only place that decides an exit code.
//!
//! With `src/output/`, the only place allowed to print (Cargo.toml `[lints]`): the last-resort
//! lines when the runtime cannot start or a report cannot be rendered.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Duration;

use clap::error::ErrorKind;
use clap::{ArgMatches, CommandFactory, FromArgMatches};

use eventsctl::cli::{Cli, GlobalArgs, OutputFormat};
use eventsctl::commands::Outcome;
use eventsctl::commands::registry::Descriptor;
use eventsctl::config::Resolved;
use eventsctl::context::Context;
use eventsctl::output::Format;
use eventsctl::output::failure::{self, Failure};
use eventsctl::output::fleet as fleet_out;
use eventsctl::output::{self, escape};
use eventsctl::report::ReportKind;
use eventsctl::{commands, report};

/// Usage errors exit 64 (EX_USAGE), not clap's 2, which would read as "crit" to a script.
const EXIT_USAGE: u8 = 64;

fn main() -> ExitCode {
    // Usage errors clap finds come before any context: one line on stderr, no JSON (docs/json.md).
    let matches = match Cli::command().try_get_matches() {
        Ok(m) => m,
        Err(e) => return ExitCode::from(clap_error(&e)),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(clap_error(&e)),
    };
    let Some(leaf) = commands::registry::find(&cli.command) else {
        eprintln!("eventsctl: error: internal error: this command has no descriptor");
        return ExitCode::from(1);
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
    let code = runtime.block_on(start(cli, &matches, leaf));
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
        .with_ansi(io::IsTerminal::is_terminal(&io::stderr()))
        .with_target(false)
        .try_init();
}

/// How long a command that bounds itself (`events import`, which writes what did not land to its
/// file when its time is up) gets after its own deadline before `main` stops it.
const SELF_BOUNDED_GRACE: Duration = Duration::from_secs(60);

/// The config file read and the environments resolved (a usage error: one line, exit 64, before
/// any context), then one run, or a fleet run when several environments are named.
async fn start(cli: Cli, matches: &ArgMatches, leaf: &dyn Descriptor) -> u8 {
    let envs = match commands::fleet::plan(&cli.global, &cli.command, matches, leaf) {
        Ok(envs) => envs,
        Err(e) => {
            eprintln!("eventsctl: error: {}", escape::line(&e.to_string()));
            return EXIT_USAGE;
        }
    };
    match <[Resolved; 1]>::try_from(envs) {
        Ok([one]) if !cli.global.all_envs => run(cli, &one, leaf).await,
        Ok(one) => fleet(cli, matches, one.into(), leaf).await,
        Err(envs) => fleet(cli, matches, envs, leaf).await,
    }
}

/// A check in several environments: one report, the worst exit code.
async fn fleet(cli: Cli, matches: &ArgMatches, envs: Vec<Resolved>, leaf: &dyn Descriptor) -> u8 {
    let name = leaf.name();
    let mut global = cli.global.clone();
    // Several environments at once: no spinners drawn over each other.
    global.no_progress = true;
    let mut jobs = Vec::with_capacity(envs.len());
    for resolved in &envs {
        let Ok(mut one) = Cli::from_arg_matches(matches) else {
            eprintln!("eventsctl: error: internal error: the command line parsed once, not twice");
            return 1;
        };
        commands::settings::apply(&mut one.command, resolved);
        let limit = commands::time_limit(&one.command, global.timeout);
        jobs.push(commands::fleet::Job {
            env: resolved.env.value.clone(),
            ctx: commands::context(&global, resolved, limit),
            command: one.command,
            command_name: name.to_owned(),
            limit,
            publish: global.publish_metrics,
        });
    }
    let runs = commands::fleet::run_all(jobs).await;
    let generated_at = chrono::Utc::now();
    for r in &runs {
        if let Err(f) = &r.outcome {
            eprintln!(
                "eventsctl: error: env {}: {}",
                escape::line(&r.env),
                f.message
            );
        }
        if let Some(published) = &r.published {
            say_written(published.clone(), cli.global.quiet);
        }
    }
    let empty = fleet_out::empty_report(name, leaf.kind(&cli.command));
    let prom = fleet_out::prometheus_runs(&runs, &empty);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let format = match cli.global.output {
        OutputFormat::Table => Some(Format::Table),
        OutputFormat::Json => Some(Format::Json),
        OutputFormat::Ndjson => Some(Format::Ndjson),
        OutputFormat::Markdown => Some(Format::Markdown),
        OutputFormat::Prometheus => None,
    };
    let rendered = match format {
        Some(format) => fleet_out::render(name, &runs, format, generated_at, &mut out),
        None => output::prometheus::render(&prom, &mut out),
    }
    .and_then(|()| out.flush());
    let may_replace = leaf
        .report_file(&cli.command)
        .is_some_and(|file| file.force);
    for line in fleet_out::write_attachments(name, &runs, generated_at, may_replace) {
        say_written(line, cli.global.quiet);
    }
    after_run(&cli.global, &prom).await;
    let code = fleet_out::exit_code(&runs);
    match rendered {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("eventsctl: error: cannot write the output: {e}");
            failure_code(ReportKind::Check)
        }
        _ => code,
    }
}

/// A report file written, or not: named on stderr (`-q` keeps only the errors).
fn say_written(line: Result<String, String>, quiet: bool) {
    match line {
        Ok(wrote) if !quiet => eprintln!("eventsctl: {}", escape::line(&wrote)),
        Ok(_) => {}
        Err(problem) => eprintln!("eventsctl: error: {}", escape::line(&problem)),
    }
}

/// What goes beyond stdout once the verdicts are known: `--metrics-file` (replaced atomically)
/// and `--publish-metrics` (CloudWatch). Neither changes the exit code; a failure is one line.
async fn after_run(global: &GlobalArgs, runs: &[output::prometheus::Run<'_>]) {
    if let Some(path) = &global.metrics_file {
        match output::prometheus::write_file(path, runs) {
            Ok(()) if !global.quiet => {
                eprintln!(
                    "eventsctl: wrote {} (OpenMetrics)",
                    escape::line(&path.display().to_string())
                );
            }
            Ok(()) => {}
            Err(e) => eprintln!(
                "eventsctl: error: --metrics-file: {}",
                escape::line(&e.to_string())
            ),
        }
    }
}

/// Runs the command its descriptor (`leaf`) describes: the time limit, the exit codes of a
/// check or an action, the envelope of a stream and the report files' `--force` come from it.
async fn run(cli: Cli, resolved: &Resolved, leaf: &dyn Descriptor) -> u8 {
    let mut cli = cli;
    commands::settings::apply(&mut cli.command, resolved);
    let name = leaf.name();
    let limit = commands::time_limit(&cli.command, cli.global.timeout);
    let ctx = commands::context(&cli.global, resolved, limit);
    let kind = leaf.kind(&cli.command);
    let items_only = leaf.streams();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let command = commands::run(&cli.command, &ctx, &mut out);
    let result = match limit {
        None => command.await,
        Some(limit) => {
            let grace = if leaf.bounds_itself() {
                SELF_BOUNDED_GRACE
            } else {
                Duration::ZERO
            };
            match tokio::time::timeout(limit + grace, command).await {
                Ok(result) => result,
                Err(_) => {
                    let failure = timed_out(&ctx, limit, cli.global.timeout.is_some());
                    let code = fail(&failure, (kind, items_only), name, &ctx, &mut out);
                    failed_metrics(&cli.global, name, kind, (&ctx, true), &mut out).await;
                    return code;
                }
            }
        }
    };
    let outcome = match result {
        Ok(outcome) => outcome,
        Err(e) => {
            let code = error_exit(&e, (kind, items_only), name, &ctx, &mut out);
            if code != 0 && code != EXIT_USAGE {
                // Refused (the account guard, production): nothing more goes to AWS.
                let at = ctx.failure_at();
                let refused = failure::describe(&e, &at).kind == "refused";
                failed_metrics(&cli.global, name, kind, (&ctx, !refused), &mut out).await;
            }
            return code;
        }
    };
    let report = match outcome {
        Outcome::Streamed { failed } => return if failed { failure_code(kind) } else { 0 },
        Outcome::Report(report) => report,
    };
    let mut report = report;
    let mut rc = ctx.render_context(report.table_override.as_deref());
    if cli.global.explain {
        // Every correction, whole (the command's own are among them).
        report.corrections = eventsctl::spec::corrections::all();
        rc.explain = true;
    }
    let prom = [output::prometheus::Run {
        env: &ctx.names.env,
        report: &report,
        at: rc.generated_at,
        duration: ctx.started.elapsed(),
        failed: false,
    }];
    let rendered = match cli.global.output {
        OutputFormat::Prometheus => output::prometheus::render(&prom, &mut out),
        _ => output::render(&report, ctx.output.format, &rc, &mut out),
    }
    .and_then(|()| out.flush());
    // The report files after stdout: a file that cannot be written costs one line on stderr and
    // never the report on stdout or the command's exit code.
    // Each file written is named (people and scripts look for it); `-q` keeps only the errors.
    let may_replace = leaf
        .report_file(&cli.command)
        .is_some_and(|file| file.force);
    for line in output::write_attachments(&report, &rc, may_replace) {
        say_written(line, cli.global.quiet);
    }
    after_run(&cli.global, &prom).await;
    if cli.global.publish_metrics {
        say_written(
            commands::publish::publish(&ctx, &report, false).await,
            cli.global.quiet,
        );
    }
    match rendered {
        Ok(()) => report.exit_code(),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => report.exit_code(),
        Err(e) => {
            eprintln!("eventsctl: error: cannot write the output: {e}");
            failure_code(kind)
        }
    }
}

/// A run that ended without its report: with `-o prometheus` its OpenMetrics text on stdout (the
/// run's failure status, no check samples), and the metrics file and CloudWatch told the same.
async fn failed_metrics(
    global: &GlobalArgs,
    name: &str,
    kind: ReportKind,
    (ctx, may_publish): (&Context, bool),
    out: &mut dyn Write,
) {
    let empty = fleet_out::empty_report(name, kind);
    let prom = [output::prometheus::Run {
        env: &ctx.names.env,
        report: &empty,
        at: chrono::Utc::now(),
        duration: ctx.started.elapsed(),
        failed: true,
    }];
    if global.output == OutputFormat::Prometheus {
        let _ = output::prometheus::render(&prom, out).and_then(|()| out.flush());
    }
    after_run(global, &prom).await;
    if global.publish_metrics && may_publish {
        say_written(
            commands::publish::publish(ctx, &empty, true).await,
            global.quiet,
        );
    }
}

/// The run's time is up: one line naming the endpoint and the call that was waiting.
fn timed_out(ctx: &Context, limit: Duration, flag: bool) -> Failure {
    let limit_text = eventsctl::times::human(chrono::Duration::from_std(limit).unwrap_or_default());
    let source = if flag {
        "--timeout"
    } else {
        "the default; --timeout sets it"
    };
    let waiting = match ctx.calls().oldest_in_flight() {
        Some(call) => format!("no answer from {} to {call}", ctx.endpoint()),
        None => match ctx.calls().last_failure() {
            Some(f) => format!("the last call to {} failed with {f}", ctx.endpoint()),
            None => format!("waiting on {}", ctx.endpoint()),
        },
    };
    Failure::timeout(
        escape::line(&format!(
            "timed out after {limit_text} ({source}): {waiting}"
        ))
        .into_owned(),
    )
}

fn failure_code(kind: ReportKind) -> u8 {
    match kind {
        ReportKind::Check => report::Status::Unknown.exit_code(),
        ReportKind::Action => 1,
    }
}

/// An error ended the command: a closed pipe is the reader's choice (exit 0); anything else is
/// [`fail`].
fn error_exit(
    e: &anyhow::Error,
    kind: (ReportKind, bool),
    name: &str,
    ctx: &Context,
    out: &mut dyn Write,
) -> u8 {
    // serde_json wraps the io error it hit, and its `source` skips it: look inside.
    let broken_pipe = e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(io::ErrorKind::BrokenPipe))
    });
    if broken_pipe {
        return 0;
    }
    let at = ctx.failure_at();
    fail(&failure::describe(e, &at), kind, name, ctx, out)
}

/// One line on stderr; with `-o json`/`ndjson` the envelope with the `error` on stdout too (a
/// stream's envelope closed with it); the exit code the design names for it.
/// `items_only`: a streaming command, whose `-o ndjson` is its items and nothing else
/// (docs/json.md): its error stays on stderr.
fn fail(
    f: &Failure,
    (kind, items_only): (ReportKind, bool),
    name: &str,
    ctx: &Context,
    out: &mut dyn Write,
) -> u8 {
    eprintln!("eventsctl: error: {}", f.message);
    let status = match kind {
        ReportKind::Check => "unknown",
        ReportKind::Action => "failed",
    };
    let rc = ctx.render_context(None);
    let _ = failure::print(name, status, f, &rc, (ctx.output.format, items_only), out);
    if f.is_usage() {
        EXIT_USAGE
    } else {
        failure_code(kind)
    }
}
