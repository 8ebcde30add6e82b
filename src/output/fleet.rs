//! A fleet run (`--env a,b,c`, `--all-envs`): one check in several environments, folded into one
//! report. People get a row per environment (its verdict and worst findings) and then each
//! environment's own report; JSON is one envelope whose `results` are the environments' own
//! envelopes (docs/json.md, "Fleet runs"); Prometheus gets a run per environment.

use std::io::{self, Write};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::escape::line;
use super::failure::Failure;
use super::{Format, RenderContext, json::SCHEMA, markdown, prometheus, table};
use crate::report::{Report, ReportKind, Section, Status};

/// One environment's run of the check.
#[derive(Debug)]
pub struct EnvRun {
    pub env: String,
    /// The report, or what ended the run without one (its row is unknown).
    pub outcome: Result<Box<Report>, Failure>,
    pub rc: RenderContext,
    pub duration: Duration,
    /// With `--publish-metrics`: the line saying what was put into CloudWatch, or why not.
    pub published: Option<Result<String, String>>,
}

impl EnvRun {
    pub fn status(&self) -> Status {
        match &self.outcome {
            Ok(r) => r.worst(),
            Err(_) => Status::Unknown,
        }
    }
}

/// The whole fleet's status: the worst of the environments' (one that did not run is unknown).
pub fn status(runs: &[EnvRun]) -> Status {
    Status::worst(runs.iter().map(EnvRun::status))
}

/// The exit code of the fleet run: the worst environment's.
pub fn exit_code(runs: &[EnvRun]) -> u8 {
    status(runs).exit_code()
}

/// The worst findings of a report, most severe first: at most `n`, the non-ok ones.
fn worst_findings(report: &Report, n: usize) -> String {
    let mut bad: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.status != Status::Ok)
        .collect();
    // Most severe first, as `Status::worst` orders them.
    let rank = |s: Status| match s {
        Status::Crit => 0,
        Status::Unknown => 1,
        Status::Warn => 2,
        Status::Ok => 3,
    };
    bad.sort_by_key(|f| rank(f.status));
    let shown: Vec<String> = bad
        .iter()
        .take(n)
        .map(|f| format!("{}: {}", f.check, f.summary))
        .collect();
    match bad.len() {
        0 => "-".into(),
        k if k > n => format!("{} (+{} more)", shown.join("; "), k - n),
        _ => shown.join("; "),
    }
}

/// The summary: a row per environment.
fn summary(runs: &[EnvRun]) -> Section {
    Section::Table {
        title: format!(
            "{}: {}",
            crate::vocab::words::count(runs.len(), "environment", "environments"),
            status(runs).as_str().to_uppercase()
        ),
        headers: vec![
            "Env".into(),
            "Status".into(),
            "Table".into(),
            "Worst findings".into(),
        ],
        rows: runs
            .iter()
            .map(|r| {
                vec![
                    r.env.clone(),
                    r.status().as_str().to_uppercase(),
                    r.rc.target.table.clone(),
                    match &r.outcome {
                        Ok(report) => worst_findings(report, 2),
                        Err(f) => format!("did not run: {}", f.message),
                    },
                ]
            })
            .collect(),
    }
}

/// Renders the fleet run in `format` (Prometheus is [`prometheus_runs`]).
pub fn render(
    command: &str,
    runs: &[EnvRun],
    format: Format,
    generated_at: DateTime<Utc>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &envelope(command, runs, generated_at))?;
            out.write_all(b"\n")
        }
        Format::Ndjson => {
            serde_json::to_writer(&mut *out, &envelope(command, runs, generated_at))?;
            out.write_all(b"\n")
        }
        Format::Table => human(command, runs, out),
        Format::Markdown => markdown_fleet(command, runs, generated_at, out),
    }?;
    out.flush()
}

fn human(command: &str, runs: &[EnvRun], out: &mut dyn Write) -> io::Result<()> {
    let Some(first) = runs.first() else {
        return Ok(());
    };
    writeln!(
        out,
        "{} · fleet of {}",
        line(command),
        runs.iter()
            .map(|r| r.env.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    writeln!(out, "{}", status(runs).as_str().to_uppercase())?;
    table::render_section(&summary(runs), &first.rc, out)?;
    for r in runs {
        writeln!(out, "\n━━ env {} ━━", line(&r.env))?;
        match &r.outcome {
            Ok(report) => table::render(report, &r.rc, out)?,
            Err(f) => writeln!(out, "UNKNOWN: did not run: {}", line(&f.message))?,
        }
    }
    writeln!(
        out,
        "\n{}: {}",
        line(command),
        status(runs).as_str().to_uppercase()
    )
}

fn markdown_fleet(
    command: &str,
    runs: &[EnvRun],
    generated_at: DateTime<Utc>,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "# eventsctl {} · fleet\n", line(command))?;
    writeln!(
        out,
        "Generated {} · **Status: {}**\n",
        crate::times::stamp(generated_at),
        status(runs).as_str().to_uppercase()
    )?;
    markdown::section_md(&summary(runs), out)?;
    for r in runs {
        writeln!(out, "\n---\n")?;
        match &r.outcome {
            Ok(report) => markdown::render(report, &r.rc, out)?,
            Err(f) => writeln!(
                out,
                "## env `{}`\n\n**Status: UNKNOWN**: did not run: {}\n",
                line(&r.env),
                line(&f.message).replace('|', "\\|")
            )?,
        }
    }
    Ok(())
}

/// The fleet envelope: `schema`, `command`, `target` null (each result has its own),
/// `generated_at`, `status` (the worst), `error` null, `envs` (the names, in order) and
/// `results` (each environment's own envelope, as `-o json` prints it for one environment: a
/// failed one with its `error`).
pub fn envelope(command: &str, runs: &[EnvRun], generated_at: DateTime<Utc>) -> Value {
    let results: Vec<Value> = runs
        .iter()
        .map(|r| match &r.outcome {
            Ok(report) => super::json::envelope(report, &r.rc),
            Err(f) => super::failure::envelope(command, "unknown", f, &r.rc),
        })
        .collect();
    let fleet = super::envelope::FleetEnvelope {
        schema: SCHEMA,
        command,
        target: (),
        generated_at: crate::times::stamp(generated_at),
        status: status(runs).as_str(),
        error: (),
        envs: runs.iter().map(|r| r.env.as_str()).collect(),
        results,
    };
    serde_json::to_value(&fleet).unwrap_or_else(|e| {
        Value::String(format!(
            "internal error: the envelope could not be written: {e}"
        ))
    })
}

/// The runs for `-o prometheus` and `--metrics-file`: an environment that did not run is a run
/// with no check samples and its failure code.
pub fn prometheus_runs<'a>(runs: &'a [EnvRun], empty: &'a Report) -> Vec<prometheus::Run<'a>> {
    runs.iter()
        .map(|r| prometheus::Run {
            env: &r.env,
            report: match &r.outcome {
                Ok(report) => report,
                Err(_) => empty,
            },
            at: r.rc.generated_at,
            duration: r.duration,
            failed: r.outcome.is_err(),
        })
        .collect()
}

/// An empty check report of `command`: what a run that ended without its report shows.
pub fn empty_report(command: &str, kind: ReportKind) -> Report {
    let mut r = Report::check(command);
    r.kind = kind;
    r
}

/// Writes the fleet report to each `--report` file the environments' reports asked for
/// (the same file for every environment): Markdown or the fleet envelope, each a new file unless
/// `force`. One line per file, as [`super::write_attachments`].
pub fn write_attachments(
    command: &str,
    runs: &[EnvRun],
    generated_at: DateTime<Utc>,
    force: bool,
) -> Vec<Result<String, String>> {
    let mut files: Vec<&crate::report::Attachment> = Vec::new();
    for r in runs {
        if let Ok(report) = &r.outcome {
            for a in &report.attachments {
                if !files.iter().any(|f| f.path == a.path) {
                    files.push(a);
                }
            }
        }
    }
    files
        .into_iter()
        .map(|a| {
            let written = crate::files::create_private(&a.path, force).and_then(|f| {
                let mut file = io::BufWriter::new(f);
                let format = if a.markdown {
                    Format::Markdown
                } else {
                    Format::Json
                };
                render(command, runs, format, generated_at, &mut file)?;
                file.flush()
            });
            let kind = if a.markdown { "Markdown" } else { "JSON" };
            match written {
                Ok(()) => Ok(format!(
                    "wrote {} ({kind}, every environment)",
                    a.path.display()
                )),
                Err(e) => Err(format!("the report was not saved: {e}")),
            }
        })
        .collect()
}
