//! `-o prometheus`: reports as OpenMetrics text, for node_exporter's textfile collector (it reads
//! `*.prom` files from one directory), and the atomic writer for `--metrics-file`.
//!
//! One run per environment: each check of each report is a sample of `eventsctl_check_status`
//! (0 ok, 1 warn, 2 crit, 3 unknown: the check exit codes), and each run adds its exit code,
//! when it ended and how long it took. Only gauges, with HELP, TYPE and UNIT lines and `# EOF`,
//! so the text is both OpenMetrics and the classic Prometheus text format that the textfile
//! collector parses (it takes `# UNIT` and `# EOF` for comments).

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::error::UsageError;
use crate::report::{Report, Status};

/// One command's run against one environment.
#[derive(Debug, Clone, Copy)]
pub struct Run<'a> {
    pub env: &'a str,
    pub report: &'a Report,
    /// When the run ended (the report's `generated_at`).
    pub at: DateTime<Utc>,
    /// How long it took.
    pub duration: Duration,
    /// The run ended without its result (an error, the time limit): `report` holds no findings,
    /// and the run's status is the failure code (3 for a check, 1 for an action).
    pub failed: bool,
}

impl Run<'_> {
    /// The run's exit code.
    pub fn exit_code(&self) -> u8 {
        match (self.failed, self.report.kind) {
            (false, _) => self.report.exit_code(),
            (true, crate::report::ReportKind::Check) => Status::Unknown.exit_code(),
            (true, crate::report::ReportKind::Action) => 1,
        }
    }
}

const CHECK_STATUS: &str = "eventsctl_check_status";
const RUN_STATUS: &str = "eventsctl_run_status";
const RUN_TIMESTAMP: &str = "eventsctl_run_timestamp_seconds";
const RUN_DURATION: &str = "eventsctl_run_duration_seconds";

/// Writes `runs` as one OpenMetrics exposition. Two runs of the same command in the same
/// environment would be two samples of one series, which no parser accepts: an error.
pub fn render(runs: &[Run<'_>], out: &mut dyn Write) -> io::Result<()> {
    let mut seen = HashSet::new();
    for run in runs {
        if !seen.insert((run.env, run.report.command.as_str())) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "two runs of `{}` for environment `{}`: one sample each",
                    run.report.command, run.env
                ),
            ));
        }
    }
    family(
        out,
        CHECK_STATUS,
        "Status of one check: 0 ok, 1 warn, 2 crit, 3 unknown (the check exit codes)",
        None,
    )?;
    for run in runs {
        for (check, status) in check_statuses(run.report) {
            sample(
                out,
                CHECK_STATUS,
                run,
                Some(&check),
                &status.exit_code().to_string(),
            )?;
        }
    }
    family(
        out,
        RUN_STATUS,
        "Exit code of the run: checks 0 ok, 1 warn, 2 crit, 3 unknown; actions 0 done, 1 failed",
        None,
    )?;
    for run in runs {
        sample(out, RUN_STATUS, run, None, &run.exit_code().to_string())?;
    }
    family(
        out,
        RUN_TIMESTAMP,
        "When the run ended, in seconds since the Unix epoch",
        Some("seconds"),
    )?;
    for run in runs {
        let millis = run.at.timestamp_millis();
        let value = format!("{}.{:03}", millis.div_euclid(1000), millis.rem_euclid(1000));
        sample(out, RUN_TIMESTAMP, run, None, &value)?;
    }
    family(
        out,
        RUN_DURATION,
        "How long the run took, in seconds",
        Some("seconds"),
    )?;
    for run in runs {
        sample(
            out,
            RUN_DURATION,
            run,
            None,
            &format!("{:.3}", run.duration.as_secs_f64()),
        )?;
    }
    out.write_all(b"# EOF\n")
}

/// Each check once, in the report's order, at its worst status (a check reported for several
/// things, say per GSI with the same id, is one series).
pub(crate) fn check_statuses(report: &Report) -> Vec<(String, Status)> {
    let mut out: Vec<(String, Status)> = Vec::new();
    for f in &report.findings {
        let id = f.check.to_string();
        match out.iter_mut().find(|(c, _)| *c == id) {
            Some((_, s)) => *s = s.max(f.status),
            None => out.push((id, f.status)),
        }
    }
    out
}

fn family(out: &mut dyn Write, name: &str, help: &str, unit: Option<&str>) -> io::Result<()> {
    writeln!(out, "# HELP {name} {help}")?;
    writeln!(out, "# TYPE {name} gauge")?;
    if let Some(unit) = unit {
        writeln!(out, "# UNIT {name} {unit}")?;
    }
    Ok(())
}

fn sample(
    out: &mut dyn Write,
    name: &str,
    run: &Run<'_>,
    check: Option<&str>,
    value: &str,
) -> io::Result<()> {
    write!(
        out,
        "{name}{{env=\"{}\",command=\"{}\"",
        label(run.env),
        label(&run.report.command)
    )?;
    if let Some(check) = check {
        write!(out, ",check=\"{}\"", label(check))?;
    }
    writeln!(out, "}} {value}")
}

/// A label value escaped as both formats require: backslash, double quote and newline.
fn label(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Checks a `--metrics-file` before the first AWS call: a `.prom` file (the textfile collector
/// reads no other) in a directory that exists.
pub fn check_path(path: &Path) -> Result<(), UsageError> {
    let shown = path.display();
    if path.extension().and_then(|e| e.to_str()) != Some("prom") {
        return Err(UsageError::new(format!(
            "--metrics-file {shown}: node_exporter's textfile collector reads only *.prom files; name it NAME.prom"
        )));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(UsageError::new(format!(
            "--metrics-file {shown}: the directory {} does not exist",
            dir.display()
        )));
    }
    Ok(())
}

/// Renders `runs` into `path` atomically (see [`write_atomically`]).
pub fn write_file(path: &Path, runs: &[Run<'_>]) -> io::Result<()> {
    let mut text = Vec::new();
    render(runs, &mut text)?;
    write_atomically(path, &text)
}

/// Replaces `path` with `bytes` so that a reader sees the old file or the new one, never a part:
/// a temporary file in the same directory (named `.NAME.*.tmp`, which the textfile collector
/// does not read), written, synced, made readable by the collector's user (0644), then renamed
/// over `path`. On an error the temporary file is removed and `path` is left as it was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let cannot =
        |e: io::Error| io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()));
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(cannot)?;
    tmp.write_all(bytes).map_err(cannot)?;
    tmp.as_file().sync_all().map_err(cannot)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(cannot)?;
    }
    tmp.persist(path).map_err(|e| cannot(e.error))?;
    // The rename is durable once the directory is synced; a failure here loses nothing written.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests;
