//! Human output: a findings table, the report's sections, remedies, corrections and a verdict.

use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{
    Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width as ColumnWidth,
};

use super::RenderContext;
use super::escape::{cell, line};
use super::width::{title_lines, wrap};
use crate::report::{Report, ReportKind, Section, Status, TimelineEntry};

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
    let (title, rest) = title_lines(
        &line(&report.command),
        &[
            line(&rc.target.table).into_owned(),
            line(region).into_owned(),
            format!("env {}", line(&rc.target.env)),
        ],
        rc.width,
    );
    // The title on one line and the verdict on the second (it is also the last line): the first
    // thing an on-call engineer reads. What did not fit the title follows the verdict.
    writeln!(out, "{title}")?;
    verdict(report, "", out)?;
    for l in rest {
        writeln!(out, "{l}")?;
    }

    for section in &report.lead {
        render_section(section, rc, out)?;
    }
    if !report.findings.is_empty() {
        if !report.lead.is_empty() {
            writeln!(out, "\nFindings")?;
        }
        let rows: Vec<Vec<String>> = report
            .findings
            .iter()
            .map(|f| {
                vec![
                    f.status.as_str().to_uppercase(),
                    f.check.to_string(),
                    f.summary.clone(),
                ]
            })
            .collect();
        let headers = ["STATUS".to_owned(), "CHECK".into(), "SUMMARY".into()];
        let status = |row: usize, column: usize, text: &str| match report.findings.get(row) {
            Some(f) if column == 0 => status_cell(f.status),
            _ => Cell::new(text),
        };
        grid(rc, &headers, &rows, &status, out)?;
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

/// The longest word of a cell (escaped as the table shows it), in characters.
fn longest_word(text: &str) -> usize {
    text.split_whitespace()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0)
}

/// Per column, the width (with its padding of one on each side) that holds its longest word
/// whole; the width of the table those columns make (with its borders).
fn word_widths(headers: &[String], rows: &[Vec<String>]) -> (Vec<usize>, usize) {
    let widths: Vec<usize> = (0..headers.len())
        .map(|i| {
            let cells = rows.iter().filter_map(|r| r.get(i));
            std::iter::once(&headers[i])
                .chain(cells)
                .map(|c| longest_word(&cell(c)))
                .max()
                .unwrap_or(0)
                + 2
        })
        .collect();
    let table = widths.iter().sum::<usize>() + widths.len() + 1;
    (widths, table)
}

/// A table that never splits a word (a resource name, an ARN, an id): each column at least as
/// wide as its longest word. When those columns cannot fit the width together, each row is a
/// block of `HEADER  value` lines instead, long values wrapped at spaces and a word longer than
/// a line on a line of its own. `cell_of(row, column, text)` styles a cell (a status's colour).
fn grid(
    rc: &RenderContext,
    headers: &[String],
    rows: &[Vec<String>],
    cell_of: &dyn Fn(usize, usize, &str) -> Cell,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (widths, table_width) = word_widths(headers, rows);
    if table_width > usize::from(rc.width) {
        return blocks(headers, rows, rc.width, out);
    }
    let mut t = new_table(rc);
    t.set_header(header(headers));
    for (r, row) in rows.iter().enumerate() {
        t.add_row(
            row.iter()
                .enumerate()
                .map(|(c, text)| cell_of(r, c, &cell(text)))
                .collect::<Vec<_>>(),
        );
    }
    let constraints = widths.iter().map(|w| {
        ColumnConstraint::LowerBoundary(ColumnWidth::Fixed(u16::try_from(*w).unwrap_or(u16::MAX)))
    });
    t.set_constraints(constraints);
    writeln!(out, "{t}")
}

/// Rows as blocks, for a table too wide to keep its words whole. When every column but the
/// last holds one word (a status, a check name), a row is those words on one line and the last
/// column under them (`  OK  stream.status` then its summary); otherwise `  HEADER  value` lines,
/// the headers aligned, a blank line between rows. Values wrap at spaces with a hanging indent.
fn blocks(
    headers: &[String],
    rows: &[Vec<String>],
    width: u16,
    out: &mut dyn Write,
) -> io::Result<()> {
    let single = |v: &String| !v.trim().is_empty() && !v.trim().contains(char::is_whitespace);
    let widths: Vec<usize> = (0..headers.len().saturating_sub(1))
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).map_or(0, |v| line(v.trim()).chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    // The head line (two spaces, the words two apart) must fit too.
    let head_width = widths.iter().map(|w| w + 2).sum::<usize>();
    let compact = headers.len() > 1
        && head_width <= usize::from(width)
        && rows
            .iter()
            .all(|r| r.len() == headers.len() && r[..r.len() - 1].iter().all(single));
    if compact {
        // The last column under the head's last word: `  OK       capacity.peak` then its
        // summary under `capacity.peak`.
        let under = widths[..widths.len() - 1]
            .iter()
            .map(|w| w + 2)
            .sum::<usize>()
            + 2;
        let indent = " ".repeat(under);
        for row in rows {
            let (last, head) = row.split_last().unwrap_or((&row[0], &[]));
            let head: Vec<String> = head
                .iter()
                .zip(&widths)
                .map(|(v, w)| format!("{:<w$}", line(v.trim())))
                .collect();
            writeln!(out, "  {}", head.join("  ").trim_end())?;
            for l in wrap(&line(last), width, &indent, &indent) {
                writeln!(out, "{l}")?;
            }
        }
        return Ok(());
    }
    let label = headers.iter().map(|h| h.chars().count()).max().unwrap_or(0);
    let indent = " ".repeat(label + 4);
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        for (h, value) in headers.iter().zip(row) {
            if value.trim().is_empty() {
                continue;
            }
            let first = format!("  {:<label$}  ", line(h));
            for l in wrap(&line(value), width, &first, &indent) {
                writeln!(out, "{l}")?;
            }
        }
    }
    Ok(())
}

/// A timeline: `3h ago  what`, then the detail under it; each wrapped at spaces with a
/// hanging indent, so that an entry takes one or two lines and names stay whole.
fn timeline(entries: &[TimelineEntry], width: u16, out: &mut dyn Write) -> io::Result<()> {
    if entries.is_empty() {
        return writeln!(out, "  (none)");
    }
    let when = entries
        .iter()
        .map(|e| line(&e.when).chars().count())
        .max()
        .unwrap_or(0);
    let indent = " ".repeat(when + 2);
    for e in entries {
        let first = format!("{:>when$}  ", line(&e.when));
        for l in wrap(&line(&e.what), width, &first, &indent) {
            writeln!(out, "{l}")?;
        }
        if !e.detail.is_empty() {
            for l in wrap(&line(&e.detail), width, &indent, &indent) {
                writeln!(out, "{l}")?;
            }
        }
    }
    Ok(())
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
            grid(rc, headers, rows, &|_, _, text| Cell::new(text), out)?;
        }
        Section::Timeline { title, entries } => {
            writeln!(out, "\n{}", line(title))?;
            timeline(entries, rc.width, out)?;
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
    use crate::report::{CheckId, Finding, TimelineEntry};

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

    fn prod(width: u16) -> RenderContext {
        RenderContext {
            target: super::super::Target {
                table: "zapier-triggers-api-prod-events".into(),
                region: Some("us-east-1".into()),
                env: "prod".into(),
            },
            generated_at: chrono::Utc::now(),
            color: false,
            quiet: false,
            width,
            explain: false,
        }
    }

    fn rendered(r: &Report, rc: &RenderContext) -> String {
        let mut out = Vec::new();
        render(r, rc, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Snapshots of the first lines at 80 columns, production names: the title on line 1 (what
    /// does not fit follows the verdict), the verdict on line 2; every line fits.
    #[test]
    fn the_first_lines_of_checks_at_80_columns() {
        let stream_arn = "arn:aws:dynamodb:us-east-1:123456789012:table/zapier-triggers-api-prod-events/stream/2026-01-01T00:00:00.000"; // clock-free: an ARN's label, never compared with the clock
        let cases: Vec<(&str, Vec<Finding>, [&str; 3])> = vec![
            (
                "health-check monthly",
                vec![
                    Finding::crit(
                        CheckId::ChangesTtl,
                        "UpdateTimeToLive on zapier-triggers-api-prod-events: TTL disabled (attribute `ttl`) 3h ago by arn:aws:sts::123456789012:assumed-role/oncall/bob from 198.51.100.7",
                    ),
                    Finding::ok(CheckId::TableStatus, "ACTIVE"),
                ],
                [
                    "health-check monthly · zapier-triggers-api-prod-events · us-east-1 · env prod",
                    "Result: CRIT (1 crit, 1 ok)",
                    "┌────────┬──────────────┬──────────────────────────────────────────────────────┐",
                ],
            ),
            (
                "stream-status",
                vec![Finding::ok(
                    CheckId::StreamStatus,
                    format!("ENABLED ({stream_arn})"),
                )],
                [
                    "eventsctl stream-status · zapier-triggers-api-prod-events · us-east-1 · env prod",
                    "Result: OK (1 ok)",
                    "  OK  stream.status",
                ],
            ),
            (
                "health-check quarterly",
                vec![Finding::warn(CheckId::TableBilling, "PROVISIONED")],
                [
                    "health-check quarterly · zapier-triggers-api-prod-events · us-east-1 · env prod",
                    "Result: WARN (1 warn)",
                    "┌────────┬───────────────┬─────────────┐",
                ],
            ),
        ];
        for (command, findings, first) in cases {
            let mut r = Report::check(command);
            r.extend(findings);
            let text = rendered(&r, &prod(80));
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(&lines[..3], &first[..], "{text}");
            for l in &lines {
                assert!(
                    l.chars().count() <= 80 || !l.trim().contains(' '),
                    "{command}: {l:?}\n{text}"
                );
            }
            // The stream ARN and the identity ARN are whole on some line.
            for name in [
                stream_arn,
                "arn:aws:sts::123456789012:assumed-role/oncall/bob",
            ] {
                if r.findings.iter().any(|f| f.summary.contains(name)) {
                    assert!(text.contains(name), "{name} cut:\n{text}");
                }
            }
        }
        // A table name the title cannot hold with its command: on the line after the verdict.
        let mut rc = prod(80);
        rc.target.table =
            "zapier-triggers-api-prod-events-restored-for-the-quarterly-drill-run".into();
        let mut r = Report::check("health-check quarterly");
        r.push(Finding::ok(CheckId::TableStatus, "ACTIVE"));
        let text = rendered(&r, &rc);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "eventsctl health-check quarterly");
        assert_eq!(lines[1], "Result: OK (1 ok)");
        assert_eq!(
            lines[2],
            "table zapier-triggers-api-prod-events-restored-for-the-quarterly-drill-run"
        );
        assert_eq!(lines[3], "  us-east-1 · env prod");
    }

    /// A table whose words cannot all fit at the width is never split mid-word: the column
    /// grows when the table still fits, else each row is a block with the long value whole.
    #[test]
    fn tables_never_split_a_name() {
        let alarm = "zapier-triggers-api-prod-events-table-throttles-EventTypeIndex";
        let mut r = Report::action("alarms apply");
        r.section(Section::table(
            "Plan",
            &["ALARM", "ACTION", "CHANGES"],
            vec![
                vec![
                    alarm.into(),
                    "create".into(),
                    "new alarm, threshold 0 over 1 period of 60 seconds".into(),
                ],
                vec![
                    "zapier-triggers-api-prod-dynamodb-write-latency".into(),
                    "unchanged".into(),
                    "".into(),
                ],
            ],
        ));
        for width in [80u16, 100, 120] {
            let text = rendered(&r, &prod(width));
            assert!(text.contains(alarm), "{width}:\n{text}");
            assert!(
                text.contains("zapier-triggers-api-prod-dynamodb-write-latency"),
                "{width}:\n{text}"
            );
            assert!(
                text.lines()
                    .all(|l| l.chars().count() <= usize::from(width)),
                "{width}:\n{text}"
            );
        }
        // Too many long words for 80 columns: blocks, each value whole.
        let arn = "arn:aws:lambda:us-east-1:123456789012:event-source-mapping:3f1c2a9e-uuid";
        r.sections.clear();
        r.section(Section::table(
            "Mappings",
            &["ARN", "FUNCTION", "STATE"],
            vec![vec![
                arn.into(),
                "zapier-triggers-api-prod-consumer-function".into(),
                "Enabled".into(),
            ]],
        ));
        let text = rendered(&r, &prod(80));
        assert!(text.contains(&format!("  ARN       {arn}")), "{text}");
        assert!(
            text.contains("  FUNCTION  zapier-triggers-api-prod-consumer-function"),
            "{text}"
        );
    }

    /// A timeline at 80 columns: one or two lines an entry, the long alarm name whole.
    #[test]
    fn a_timeline_takes_one_or_two_lines_an_entry() {
        let mut r = Report::check("changes");
        let entry = |when: &str, what: &str, detail: &str| TimelineEntry {
            when: when.into(),
            what: what.into(),
            detail: detail.into(),
        };
        let entries = vec![
            entry(
                "3h ago",
                "UpdateTimeToLive: TTL disabled (attribute `ttl`) (breaks the spec)",
                "by arn:aws:sts::123456789012:assumed-role/oncall/bob from 198.51.100.7",
            ),
            entry(
                "12m ago",
                "StateUpdate: alarm state OK to ALARM",
                "zapier-triggers-api-prod-events-table-throttles-EventTypeIndex",
            ),
            entry(
                "45s ago",
                "WriteThrottleEvents: 12 in 10 min, peak 8 a period",
                "",
            ),
        ];
        r.section(Section::Timeline {
            title: "Timeline (newest first)".into(),
            entries,
        });
        let text = rendered(&r, &prod(80));
        let timeline: Vec<&str> = text
            .lines()
            .skip_while(|l| *l != "Timeline (newest first)")
            .skip(1)
            .take_while(|l| !l.is_empty())
            .collect();
        assert_eq!(
            timeline,
            vec![
                " 3h ago  UpdateTimeToLive: TTL disabled (attribute `ttl`) (breaks the spec)",
                "         by arn:aws:sts::123456789012:assumed-role/oncall/bob from 198.51.100.7",
                "12m ago  StateUpdate: alarm state OK to ALARM",
                "         zapier-triggers-api-prod-events-table-throttles-EventTypeIndex",
                "45s ago  WriteThrottleEvents: 12 in 10 min, peak 8 a period",
            ],
            "{text}"
        );
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
