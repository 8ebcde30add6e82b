//! Which environments a run is for, and a check run in several at once.
//!
//! [`plan`] reads the config file and resolves the settings of each environment the command
//! line names (`--env dev`, `--env dev,staging,prod`, `--all-envs`): one is an ordinary run; more
//! than one is a fleet run, for checks only. [`run_all`] runs a check in each environment
//! concurrently (at most [`CONCURRENT_ENVS`] at a time), each with its own context (credentials,
//! Region, endpoint, names, account guard), and keeps each environment's report or failure:
//! one that fails does not stop the others.

use std::time::{Duration, Instant};

use clap::{ArgMatches, CommandFactory};
use futures::StreamExt;

use super::Outcome;
use super::registry::Descriptor;
use crate::cli::{Cli, Command, ConfigCommand, GlobalArgs, OutputFormat};
use crate::config::{self, ConfigFile, Origin, Resolved, Setting};
use crate::context::Context;
use crate::error::UsageError;
use crate::output::failure::{self, Failure};
use crate::output::fleet::EnvRun;
use crate::report::ReportKind;

/// Environments run at the same time in a fleet run: each one's check makes its own concurrent
/// calls, so a few at once keep the whole under AWS's per-account rates.
pub const CONCURRENT_ENVS: usize = 4;

/// The settings of each environment this run is for, in order (one for an ordinary run).
/// Everything wrong here is a usage error: a bad config file (`FILE:LINE`), an environment the
/// file does not have, a fleet run of an action, `--metrics-file` that cannot be written.
pub fn plan(
    global: &GlobalArgs,
    command: &Command,
    matches: &ArgMatches,
    leaf: &dyn Descriptor,
) -> Result<Vec<Resolved>, UsageError> {
    // `config init` writes a new file: the one it may replace is not read (it may be broken).
    let file = match command {
        Command::Config(ConfigCommand::Init(_)) => None,
        _ => config::load(global.config.as_deref())?,
    };
    let overrides = config::matches::overrides(&Cli::command(), matches);
    if let Some(path) = &global.metrics_file {
        crate::output::prometheus::check_path(path)?;
    }
    let names = env_names(global, &overrides.env, file.as_ref())?;
    let fleet = names.as_ref().is_some_and(|n| n.len() > 1) || global.all_envs;
    let name = leaf.name();
    if fleet && (leaf.kind(command) != ReportKind::Check || leaf.streams()) {
        return Err(UsageError::new(format!(
            "`{name}` runs in one environment at a time: fleet runs (--env a,b / --all-envs) are for checks; name one environment with --env"
        )));
    }
    if global.publish_metrics && leaf.kind(command) != ReportKind::Check {
        return Err(UsageError::new(format!(
            "--publish-metrics puts a check's status into CloudWatch, and `{name}` is not a check"
        )));
    }
    if global.output == OutputFormat::Prometheus && leaf.streams() {
        return Err(UsageError::new(format!(
            "-o prometheus is for checks and actions with a verdict; `{name}` prints items"
        )));
    }
    if fleet {
        // One report file for every environment: checked once, before any of them runs.
        super::check_report_files(leaf.report_file(command))?;
    }
    match names {
        None => Ok(vec![config::resolve(&overrides, file.as_ref())?]),
        Some(names) => names
            .into_iter()
            .map(|env| {
                let mut o = overrides.clone();
                o.env = Some(env);
                config::resolve(&o, file.as_ref())
            })
            .collect(),
    }
}

/// The environments named: `None` when the default applies (no --env, no EVENTSCTL_ENV), else
/// each name with where it came from.
fn env_names(
    global: &GlobalArgs,
    given: &Option<Setting<String>>,
    file: Option<&ConfigFile>,
) -> Result<Option<Vec<Setting<String>>>, UsageError> {
    if global.all_envs {
        if let Some(Setting {
            origin: Origin::Flag { .. },
            ..
        }) = given
        {
            return Err(UsageError::new(
                "--all-envs runs every environment of the config file: leave out --env, or name the environments with --env a,b",
            ));
        }
        let Some(file) = file.filter(|f| !f.envs.is_empty()) else {
            return Err(UsageError::new(
                "--all-envs runs every [env.NAME] of the config file, and there is none: `eventsctl config init` writes an example (or name them with --env a,b)",
            ));
        };
        let origin = Origin::Flag {
            flag: "--all-envs".into(),
        };
        return Ok(Some(
            file.env_names()
                .into_iter()
                .map(|n| Setting::new(n.to_owned(), origin.clone()))
                .collect(),
        ));
    }
    let Some(given) = given else {
        return Ok(None);
    };
    let mut names: Vec<Setting<String>> = Vec::new();
    for name in given.value.split(',') {
        if names.iter().any(|n| n.value == name) {
            return Err(UsageError::new(format!(
                "--env names `{name}` twice: each environment once"
            )));
        }
        names.push(Setting::new(name.to_owned(), given.origin.clone()));
    }
    Ok(Some(names))
}

/// One environment's check, ready to run.
pub struct Job {
    pub env: String,
    /// The command's name (`table verify`).
    pub command_name: String,
    pub command: Command,
    pub ctx: Context,
    pub limit: Option<Duration>,
    /// `--publish-metrics`: the environment's verdicts into its own CloudWatch.
    pub publish: bool,
}

/// Runs every job, at most [`CONCURRENT_ENVS`] at a time, in the jobs' order.
pub async fn run_all(jobs: Vec<Job>) -> Vec<EnvRun> {
    futures::stream::iter(jobs)
        .map(run_one)
        .buffered(CONCURRENT_ENVS)
        .collect()
        .await
}

async fn run_one(job: Job) -> EnvRun {
    let started = Instant::now();
    let mut sink = std::io::sink();
    let running = super::run(&job.command, &job.ctx, &mut sink);
    let result = match job.limit {
        None => Some(running.await),
        Some(limit) => tokio::time::timeout(limit, running).await.ok(),
    };
    let outcome = match result {
        Some(Ok(Outcome::Report(report))) => Ok(report),
        Some(Ok(Outcome::Streamed { .. })) => Err(Failure {
            kind: "other",
            message: "internal error: a fleet run of a command that prints items".into(),
        }),
        Some(Err(e)) => Err(failure::describe(&e, &job.ctx.failure_at())),
        None => Err(Failure::timeout(format!(
            "timed out after {} (--timeout or the command's default), waiting on {}",
            crate::times::human(
                chrono::Duration::from_std(job.limit.unwrap_or_default()).unwrap_or_default()
            ),
            job.ctx.endpoint()
        ))),
    };
    let table = outcome.as_ref().ok().and_then(|r| r.table_override.clone());
    let duration = started.elapsed();
    // A refused environment (the account guard) gets no other call, the metrics' either.
    let refused = matches!(&outcome, Err(f) if f.kind == "refused");
    let published = if job.publish && !refused {
        let empty =
            crate::output::fleet::empty_report(&job.command_name, crate::report::ReportKind::Check);
        let report = outcome.as_ref().map_or(&empty, |r| &**r);
        Some(super::publish::publish(&job.ctx, report, outcome.is_err()).await)
    } else {
        None
    };
    EnvRun {
        rc: job.ctx.render_context(table.as_deref()),
        env: job.env,
        outcome,
        duration,
        published,
    }
}
