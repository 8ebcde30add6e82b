//! Markdown, for tickets, drill records and the monthly health-check report.

use std::io::{self, Write};

use super::RenderContext;
use super::escape::line;
use crate::report::{Report, ReportKind, Section};

/// A table cell: pipes escaped, newlines as `<br>`, every other control character made visible.
fn cell(text: &str) -> String {
    let text = text.replace('|', "\\|").replace('\n', "<br>");
    line(&text).into_owned()
}

fn table_row(out: &mut dyn Write, cells: &[String]) -> io::Result<()> {
    let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    writeln!(out, "| {} |", cells.join(" | "))
}

fn table(out: &mut dyn Write, headers: &[String], rows: &[Vec<String>]) -> io::Result<()> {
    table_row(out, headers)?;
    writeln!(out, "|{}", "---|".repeat(headers.len()))?;
    for r in rows {
        table_row(out, r)?;
    }
    Ok(())
}

pub fn render(report: &Report, rc: &RenderContext, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## eventsctl {}\n", line(&report.command))?;
    writeln!(
        out,
        "Table `{}` · Region `{}` · env `{}` · generated {}\n",
        line(&rc.target.table),
        line(rc.target.region.as_deref().unwrap_or("-")),
        line(&rc.target.env),
        crate::times::stamp(rc.generated_at)
    )?;
    match report.kind {
        ReportKind::Check => writeln!(
            out,
            "**Status: {}** ({})\n",
            report.worst().as_str().to_uppercase(),
            super::counts(report)
        )?,
        ReportKind::Action => writeln!(out, "**Result: {}**\n", report.status_label())?,
    }

    for section in &report.lead {
        section_md(section, out)?;
    }
    if !report.findings.is_empty() {
        if !report.lead.is_empty() {
            writeln!(out, "\n### Findings\n")?;
        }
        let rows: Vec<Vec<String>> = report
            .findings
            .iter()
            .map(|f| {
                vec![
                    f.status.as_str().to_uppercase(),
                    format!("`{}`", f.check),
                    f.summary.clone(),
                    f.remedy.clone().unwrap_or_default(),
                    f.runbook.clone().unwrap_or_default(),
                ]
            })
            .collect();
        let headers: Vec<String> = ["Status", "Check", "Summary", "Remedy", "Runbook"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        table(out, &headers, &rows)?;
    }

    for section in &report.sections {
        section_md(section, out)?;
    }

    if !report.corrections.is_empty() {
        writeln!(out, "\n### Where the runbook is wrong\n")?;
        for c in &report.corrections {
            writeln!(
                out,
                "- Runbook: {} — **Fact:** {} ({})",
                line(&c.runbook_says),
                line(&c.fact),
                line(&c.source)
            )?;
        }
    }
    if !report.notes.is_empty() {
        writeln!(out, "\n### Notes\n")?;
        for n in &report.notes {
            writeln!(out, "- {}", line(n))?;
        }
    }
    out.flush()
}

pub(crate) fn section_md(section: &Section, out: &mut dyn Write) -> io::Result<()> {
    match section {
        Section::Table {
            title,
            headers,
            rows,
        } => {
            writeln!(out, "\n### {}\n", line(title))?;
            if rows.is_empty() {
                writeln!(out, "(none)")?;
            } else {
                table(out, headers, rows)?;
            }
        }
        Section::Pairs { title, pairs } => {
            writeln!(out, "\n### {}\n", line(title))?;
            for (k, v) in pairs {
                writeln!(out, "- **{}**: {}", cell(k), cell(v))?;
            }
        }
        Section::Lines { title, lines } => {
            writeln!(out, "\n### {}\n", line(title))?;
            for l in lines {
                writeln!(out, "- {}", line(l))?;
            }
        }
        Section::Chart { title, series } => {
            writeln!(out, "\n### {}\n", line(title))?;
            let headers: Vec<String> = ["Series", "Trend", "Latest", "Max"]
                .iter()
                .map(|s| (*s).to_owned())
                .collect();
            let rows: Vec<Vec<String>> = series.iter().map(super::chart::row).collect();
            table(out, &headers, &rows)?;
        }
        Section::Timeline { title, entries } => {
            writeln!(out, "\n### {}\n", line(title))?;
            if entries.is_empty() {
                writeln!(out, "(none)")?;
            }
            for e in entries {
                let detail = if e.detail.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", line(&e.detail))
                };
                writeln!(out, "- **{}** {}{detail}", line(&e.when), line(&e.what))?;
            }
        }
    }
    Ok(())
}
