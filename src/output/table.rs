//! Human output: a findings table, the report's sections, remedies, corrections and a verdict.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table};

use super::RenderContext;
use super::escape::{cell, line};
use super::width::wrap;
use crate::report::{Report, ReportKind, Section, Status};

pub(crate) fn new_table(rc: &RenderContext) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    // Width is not colour: `--color never` or a pipe still fits the terminal, COLUMNS or the
    // default (`super::width`).
    table.set_width(rc.width);
    if rc.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

pub(crate) fn status_cell(status: Status) -> Cell {
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
    let title = format!(
        "eventsctl {} · {} · {} · env {}",
        line(&report.command),
        line(&rc.target.table),
        line(region),
        line(&rc.target.env)
    );
    for l in wrap(&title, rc.width, "", "  ") {
        writeln!(out, "{l}")?;
    }
    // The verdict first (it is also the last line): the first thing an on-call engineer reads.
    verdict(report, "", out)?;

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
                Cell::new(cell(&f.check.to_string())),
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
            let first = format!(
                "  [{}] {}: ",
                f.status.as_str().to_uppercase(),
                line(&f.check.to_string())
            );
            let text = format!(
                "{}{}",
                line(f.remedy.as_deref().unwrap_or_default()),
                line(&runbook)
            );
            for l in wrap(&text, rc.width, &first, "      ") {
                writeln!(out, "{l}")?;
            }
        }
    }

    if !rc.quiet && !report.corrections.is_empty() {
        writeln!(
            out,
            "\n{}",
            if rc.explain {
                "Where the runbook is wrong (every correction, docs/aws-facts.md):"
            } else {
                "Where the runbook is wrong here (all of them: --explain, docs/aws-facts.md):"
            }
        )?;
        for c in &report.corrections {
            // Short: what the runbook says, the fact's first clause, its AWS source; whole with
            // --explain.
            let fact = if rc.explain {
                c.fact.as_str()
            } else {
                c.fact.split(';').next().unwrap_or_default()
            };
            let text = format!(
                "{}: {} [{}]",
                line(&c.runbook_says),
                line(fact.trim()),
                line(&c.source)
            );
            for l in wrap(&text, rc.width, "  - ", "    ") {
                writeln!(out, "{l}")?;
            }
        }
    }
    if !rc.quiet && !report.notes.is_empty() {
        writeln!(out)?;
        for n in &report.notes {
            for l in wrap(&line(n), rc.width, "", "") {
                writeln!(out, "{l}")?;
            }
        }
    }

    verdict(report, "\n", out)?;
    out.flush()
}

/// `Result: CRIT (1 crit, 7 ok)` after `before`; for an action only when it failed.
fn verdict(report: &Report, before: &str, out: &mut dyn Write) -> io::Result<()> {
    match report.kind {
        ReportKind::Check => writeln!(
            out,
            "{before}Result: {} ({})",
            report.worst().as_str().to_uppercase(),
            super::counts(report)
        ),
        ReportKind::Action if report.failed => writeln!(out, "{before}Result: FAILED"),
        ReportKind::Action => Ok(()),
    }
}

pub(crate) fn render_section(
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
            let indent = " ".repeat(width + 4);
            for (k, v) in pairs {
                let first = format!("  {:<width$}  ", line(k));
                for l in wrap(&line(v), rc.width, &first, &indent) {
                    writeln!(out, "{l}")?;
                }
            }
        }
        Section::Lines { title, lines } => {
            writeln!(out, "\n{}", line(title))?;
            for l in lines {
                for w in wrap(&line(l), rc.width, "  ", "    ") {
                    writeln!(out, "{w}")?;
                }
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
            t.set_width(rc.width.min(80));
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
    use crate::report::{CheckId, Finding};

    /// Stored data in every part of a report (an Insights row, a check-ttl example, a note, a
    /// finding) reaches the terminal escaped, in tables and in Markdown.
    #[test]
    fn control_characters_in_any_part_of_a_report_are_escaped() {
        let evil = "x\u{1b}]0;title\u{7}\u{1b}[2J\u{9b}y";
        let mut r = Report::check(format!("cmd {evil}"));
        r.push(Finding::warn(CheckId::TableGsi(evil.to_owned()), evil).remedy(evil));
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
            width: 120,
            explain: false,
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

    /// `--color never` and a pipe fit the width like a terminal does: tables, remedies,
    /// corrections, notes and pairs; the verdict is the second line and the last.
    #[test]
    fn every_line_fits_the_width_and_the_verdict_comes_first() {
        let long = "a long summary that goes on and on about throttling, capacity, alarms and the table's settings, far wider than any terminal an on-call engineer has open at 3 a.m.";
        let mut r = Report::check("health-check monthly");
        r.push(
            Finding::crit(CheckId::ThrottlingGsi("EventTypeIndex".into()), long)
                .remedy(long)
                .runbook("Issue 1"),
        );
        r.push(Finding::ok(CheckId::TableStatus, "ACTIVE"));
        r.lead.push(Section::table(
            "Summary",
            &["PART", "STATUS", "WORST", "RUNBOOK"],
            vec![vec![
                "capacity".into(),
                "OK".into(),
                long.into(),
                long.into(),
            ]],
        ));
        r.section(Section::pairs(
            "Context",
            vec![("UserErrors", long.to_owned())],
        ));
        r.section(Section::lines("Steps", vec![long.to_owned()]));
        r.correct(crate::report::Correction::new("Throttling is UserErrors", long, "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html"));
        r.note(long);
        for width in [80u16, 100] {
            let rc = RenderContext {
                target: super::super::Target {
                    table: "t".into(),
                    region: Some("us-east-1".into()),
                    env: "dev".into(),
                },
                generated_at: chrono::Utc::now(),
                color: false,
                quiet: false,
                width,
                explain: false,
            };
            let mut out = Vec::new();
            render(&r, &rc, &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines[1], "Result: CRIT (1 crit, 1 ok)", "{text}");
            assert_eq!(*lines.last().unwrap(), lines[1], "{text}");
            for l in &lines {
                // Only an unbreakable word (the source URL) may stand out, alone on its line.
                assert!(
                    l.chars().count() <= usize::from(width) || !l.trim().contains(' '),
                    "{width}: {l:?}\n{text}"
                );
            }
        }
    }
}
