//! The one place that turns reports and streamed items into bytes on stdout.
//!
//! Renderers write to any `io::Write` and return its errors, so a closed pipe (`| head`) travels
//! back to `main` as an error that it treats as success, and nothing ever panics on output.

pub(crate) mod chart;
pub mod escape;
pub mod failure;
pub(crate) mod json;
pub(crate) mod markdown;
pub(crate) mod progress;
pub(crate) mod stream;
pub(crate) mod table;
pub(crate) mod width;

use std::io::{self, Write};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::report::Report;

/// The shape of the output (`-o`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Tables for people.
    Table,
    /// One JSON object (the eventsctl/v1 envelope).
    Json,
    /// Markdown, for tickets and reports.
    Markdown,
    /// One JSON object a line (streaming commands).
    Ndjson,
}

impl Format {
    /// JSON for scripts: no progress drawn beside it.
    pub(crate) fn is_machine(self) -> bool {
        matches!(self, Format::Json | Format::Ndjson)
    }
}

/// What a report is about: the envelope's `target`.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    pub table: String,
    pub region: Option<String>,
    pub env: String,
}

/// Everything a renderer needs besides the report.
#[derive(Debug, Clone)]
pub struct RenderContext {
    pub target: Target,
    pub generated_at: DateTime<Utc>,
    pub color: bool,
    /// Hide notes and corrections (`-q`); findings and data are always shown.
    pub quiet: bool,
    /// Columns that human output fits (`width::detect`).
    pub width: u16,
    /// `--explain`: corrections in full, not short.
    pub explain: bool,
}

pub fn render(
    report: &Report,
    format: Format,
    rc: &RenderContext,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Table => table::render(report, rc, out),
        Format::Json => json::render(report, rc, out, true),
        Format::Ndjson => json::render(report, rc, out, false),
        Format::Markdown => markdown::render(report, rc, out),
    }
}

/// Writes the report's attachments (`--report FILE`): Markdown or the JSON envelope, each a new
/// file unless `force` (the output-file rule of `crate::files`). Returns one message per file
/// that could not be written; the others are written anyway.
pub fn write_attachments(report: &Report, rc: &RenderContext, force: bool) -> Vec<String> {
    let mut problems = Vec::new();
    for a in &report.attachments {
        let written = crate::files::create(&a.path, force).and_then(|f| {
            let mut file = io::BufWriter::new(f);
            if a.markdown {
                markdown::render(report, rc, &mut file)?;
            } else {
                json::render(report, rc, &mut file, true)?;
            }
            file.flush()
        });
        if let Err(e) = written {
            problems.push(format!("the report was not saved: {e}"));
        }
    }
    problems
}

/// The envelope's `status` and a human summary of the findings' counts.
pub(crate) fn counts(report: &Report) -> String {
    use crate::report::Status;
    let mut parts = Vec::new();
    for status in [Status::Crit, Status::Unknown, Status::Warn, Status::Ok] {
        let n = report
            .findings
            .iter()
            .filter(|f| f.status == status)
            .count();
        if n > 0 {
            parts.push(format!("{n} {}", status.as_str()));
        }
    }
    parts.join(", ")
}
