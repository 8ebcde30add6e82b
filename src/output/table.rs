//! Human output: a findings table, the report's sections, remedies, corrections and a verdict.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table};

use super::RenderContext;
use super::escape::{cell, line};
use crate::report::{Report, ReportKind, Section, Status};

/// Width used when stdout is not a terminal.
const PIPE_WIDTH: u16 = 120;

pub fn new_table(rc: &RenderContext) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if table.width().is_none() {
        table.set_width(PIPE_WIDTH);
    }
    if rc.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

pub fn status_cell(status: Status) -> Cell {
    let cell = Cell::new(status.as_str().to_uppercase());
    match status {
        Status::Ok => cell.fg(Color::Green),
        Status::Warn => cell.fg(Color::Yellow),
        Status::Crit => cell.fg(Color::Red).add_attribute(Attribute::Bold),
        Status::Unknown => cell.fg(Color::Magenta),
    }
}

fn header(cells: &[String]) -> Vec<Cell> {
    cells
        .iter()
        .map(|h| Cell::new(cell(h)).add_attribute(Attribute::Bold))
        .collect()
}

pub fn render(report: &Report, rc: &RenderContext, out: &mut dyn Write) -> io::Result<()> {
    let region = rc.target.region.as_deref().unwrap_or("-");
    writeln!(
        out,
        "eventsctl {} · {} · {} · env {}",
        line(&report.command),
        line(&rc.target.table),
        line(region),
        line(&rc.target.env)
    )?;

    for section in &report.lead {
        render_section(section, rc, out)?;
    }
    if !report.findings.is_empty() {
        if !report.lead.is_empty() {
            writeln!(out, "\nFindings")?;
        }
        let mut t = new_table(rc);
        t.set_header(header(&["STATUS".into(), "CHECK".into(), "SUMMARY".into()]));
        for f in &report.findings {
            t.add_row(vec![
                status_cell(f.status),
                Cell::new(cell(&f.check)),
                Cell::new(cell(&f.summary)),
            ]);
        }
        writeln!(out, "{t}")?;
    }

    for section in &report.sections {
        render_section(section, rc, out)?;
    }

    let remedies: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.status != Status::Ok && f.remedy.is_some())
        .collect();
    if !remedies.is_empty() {
        writeln!(out, "\nWhat to do:")?;
        for f in remedies {
            let runbook = f
                .runbook
                .as_deref()
                .map(|r| format!(" (runbook: {r})"))
                .unwrap_or_default();
            writeln!(
                out,
                "  [{}] {}: {}{}",
                f.status.as_str().to_uppercase(),
                line(&f.check),
                line(f.remedy.as_deref().unwrap_or_default()),
                line(&runbook)
            )?;
        }
    }

    if !rc.quiet && !report.corrections.is_empty() {
        writeln!(
            out,
            "\nWhere the runbook is wrong (this tool follows the facts):"
        )?;
        for c in &report.corrections {
            writeln!(out, "  - Runbook: {}", line(&c.runbook_says))?;
            writeln!(out, "    Fact:    {} [{}]", line(&c.fact), line(&c.source))?;
        }
    }
    if !rc.quiet && !report.notes.is_empty() {
        writeln!(out)?;
        for n in &report.notes {
            writeln!(out, "{}", line(n))?;
        }
    }

    match report.kind {
        ReportKind::Check => writeln!(
            out,
            "\nResult: {} ({})",
            report.worst().as_str().to_uppercase(),
            super::counts(report)
        )?,
        ReportKind::Action if report.failed => writeln!(out, "\nResult: FAILED")?,
        ReportKind::Action => {}
    }
    out.flush()
}

pub fn render_section(
    section: &Section,
    rc: &RenderContext,
    out: &mut dyn Write,
) -> io::Result<()> {
    match section {
        Section::Table {
            title,
            headers,
            rows,
        } => {
            writeln!(out, "\n{}", line(title))?;
            if rows.is_empty() {
                writeln!(out, "  (none)")?;
                return Ok(());
            }
            let mut t = new_table(rc);
            t.set_header(header(headers));
            for row in rows {
                t.add_row(row.iter().map(|c| Cell::new(cell(c))).collect::<Vec<_>>());
            }
            writeln!(out, "{t}")?;
        }
        Section::Pairs { title, pairs } => {
            writeln!(out, "\n{}", line(title))?;
            let width = pairs
                .iter()
                .map(|(k, _)| line(k).chars().count())
                .max()
                .unwrap_or(0);
            for (k, v) in pairs {
                writeln!(out, "  {:<width$}  {}", line(k), line(v))?;
            }
        }
        Section::Lines { title, lines } => {
            writeln!(out, "\n{}", line(title))?;
            for l in lines {
                writeln!(out, "  {}", line(l))?;
            }
        }
        Section::Chart { title, series } => {
            writeln!(out, "\n{}", line(title))?;
            let mut t = new_table(rc);
            t.set_header(header(&[
                "SERIES".into(),
                "TREND".into(),
                "LATEST".into(),
                "MAX".into(),
            ]));
            t.set_width(80);
            for s in series {
                let row = super::chart::row(s);
                t.add_row(row.iter().map(|c| Cell::new(cell(c))).collect::<Vec<_>>());
            }
            writeln!(out, "{t}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Finding;

    /// Stored data in every part of a report (an Insights row, a check-ttl example, a note, a
    /// finding) reaches the terminal escaped, in tables and in Markdown.
    #[test]
    fn control_characters_in_any_part_of_a_report_are_escaped() {
        let evil = "x\u{1b}]0;title\u{7}\u{1b}[2J\u{9b}y";
        let mut r = Report::check(format!("cmd {evil}"));
        r.push(Finding::warn(format!("c.{evil}"), evil).remedy(evil));
        r.section(Section::table(evil, &["ROW"], vec![vec![evil.to_owned()]]));
        r.section(Section::pairs(evil, vec![("k", evil.to_owned())]));
        r.section(Section::lines(evil, vec![evil.to_owned()]));
        r.note(evil);
        let rc = RenderContext {
            target: super::super::Target {
                table: "t".into(),
                region: None,
                env: "dev".into(),
            },
            generated_at: chrono::Utc::now(),
            color: false,
            quiet: false,
        };
        for markdown in [false, true] {
            let mut out = Vec::new();
            if markdown {
                super::super::markdown::render(&r, &rc, &mut out).unwrap();
            } else {
                render(&r, &rc, &mut out).unwrap();
            }
            let text = String::from_utf8(out).unwrap();
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{9b}'),
                "{text}"
            );
            assert!(text.contains("\\x1b]0;title\\x07"), "{text}");
        }
    }
}
