//! Items printed as they arrive (`events query`, `stream tail`), never collected whole.
//!
//! `-o ndjson`: one object a line. `-o json`: one envelope whose `items` array is written item by
//! item, closed with `data` at the end. `-o table` / `markdown`: one aligned row a line.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::{Value, json};

use super::Format;
use super::RenderContext;

/// A JSON envelope a stream began and did not end (the command failed with an error): `main`
/// closes it with the error (`close_failed`). One run streams at most once.
static LEFT_OPEN: AtomicBool = AtomicBool::new(false);

/// Whether a JSON stream was left open, clearing the mark.
pub(crate) fn take_left_open() -> bool {
    LEFT_OPEN.swap(false, Ordering::SeqCst)
}

/// Closes an envelope a stream left open: its `status`, the `error` and an empty `data`, so
/// that what stdout holds is still one JSON object.
pub(crate) fn close_failed(
    out: &mut dyn Write,
    status: &str,
    failure: &super::failure::Failure,
) -> io::Result<()> {
    let tail = super::envelope::StreamTail {
        status,
        error: Some(failure),
        data: &json!({}),
    };
    let tail = serde_json::to_string(&tail)?;
    write!(out, "\n],{}\n", tail.strip_prefix('{').unwrap_or(&tail))?;
    out.flush()
}

/// A column of the human view.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub header: &'static str,
    /// The JSON field it shows.
    pub field: &'static str,
    pub kind: Kind,
}

/// How a column takes its room on the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A key (an id, a timestamp): this usual width, and a longer value printed whole, never
    /// cut, so that it can be copied into the next command.
    Key(usize),
    /// Text: at most this many characters, fewer on a narrow line, elided with `…`.
    Text(usize),
    /// The rest of the line, elided with `…` (the last column).
    Rest,
}

impl Column {
    pub(crate) const fn key(header: &'static str, field: &'static str, width: usize) -> Column {
        Column {
            header,
            field,
            kind: Kind::Key(width),
        }
    }

    pub(crate) const fn text(header: &'static str, field: &'static str, width: usize) -> Column {
        Column {
            header,
            field,
            kind: Kind::Text(width),
        }
    }

    pub(crate) const fn rest(header: &'static str, field: &'static str) -> Column {
        Column {
            header,
            field,
            kind: Kind::Rest,
        }
    }
}

/// Between two columns.
const GAP: &str = "  ";
/// Before each line of an item after its first.
const INDENT: &str = "  ";
/// The least a text column is narrowed to before the row takes two lines.
const TEXT_MIN: usize = 6;
/// The least room for the rest column.
const REST_MIN: usize = 12;

/// Where the columns go at a width: lines of (column, width). One line when the columns fit,
/// text columns narrowed if need be; else the columns in order over as many lines as it takes,
/// the lines after the first indented: keys are never cut to make a row fit.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Layout {
    lines: Vec<Vec<(usize, usize)>>,
}

fn layout(columns: &[Column], width: usize) -> Layout {
    match one_line(columns, width) {
        Some(line) => Layout { lines: vec![line] },
        None => Layout {
            lines: several_lines(columns, width),
        },
    }
}

/// All columns on one line, text columns narrowed as far as [`TEXT_MIN`], if that fits.
fn one_line(columns: &[Column], width: usize) -> Option<Vec<(usize, usize)>> {
    let gaps = GAP.len() * columns.len().saturating_sub(1);
    let mut widths: Vec<usize> = columns
        .iter()
        .map(|c| match c.kind {
            Kind::Key(w) | Kind::Text(w) => w,
            Kind::Rest => REST_MIN,
        })
        .collect();
    let mut over = (widths.iter().sum::<usize>() + gaps).saturating_sub(width);
    // Narrow the widest text column, one character at a time, while anything is over.
    while over > 0 {
        let widest = columns
            .iter()
            .enumerate()
            .filter(|(i, c)| matches!(c.kind, Kind::Text(_)) && widths[*i] > TEXT_MIN)
            .max_by_key(|(i, _)| widths[*i])
            .map(|(i, _)| i)?;
        widths[widest] -= 1;
        over -= 1;
    }
    let used: usize = widths.iter().sum::<usize>() + gaps;
    Some(
        columns
            .iter()
            .enumerate()
            .map(|(i, c)| match c.kind {
                Kind::Rest => (i, widths[i] + width.saturating_sub(used)),
                _ => (i, widths[i]),
            })
            .collect(),
    )
}

/// The columns in order, each line filled as far as it goes.
fn several_lines(columns: &[Column], width: usize) -> Vec<Vec<(usize, usize)>> {
    let mut lines = Vec::new();
    let mut line: Vec<(usize, usize)> = Vec::new();
    let mut used = 0;
    for (i, c) in columns.iter().enumerate() {
        let need = match c.kind {
            Kind::Key(w) | Kind::Text(w) => w,
            Kind::Rest => REST_MIN,
        };
        if !line.is_empty() && used + GAP.len() + need > width {
            lines.push(std::mem::take(&mut line));
            used = INDENT.len();
        }
        let gap = if line.is_empty() { 0 } else { GAP.len() };
        let room = width.saturating_sub(used + gap);
        let w = match c.kind {
            Kind::Key(w) => w,
            Kind::Text(w) => w.min(room).max(TEXT_MIN),
            Kind::Rest => room.max(REST_MIN),
        };
        line.push((i, w));
        used += gap + w;
    }
    lines.push(line);
    lines
}

fn field_text(v: &Value, field: &str) -> String {
    match v.get(field) {
        None | Some(Value::Null) => "-".into(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// A cell: a key padded to its width or whole; text and the rest elided to theirs.
fn fit(text: &str, kind: Kind, width: usize) -> String {
    let clean = super::escape::line(text);
    let n = clean.chars().count();
    if n > width && !matches!(kind, Kind::Key(_)) {
        let kept: String = clean.chars().take(width.saturating_sub(1)).collect();
        return format!("{kept}…");
    }
    if kind == Kind::Rest {
        return clean.into_owned();
    }
    format!("{clean}{}", " ".repeat(width.saturating_sub(n)))
}

/// The lines of one row: `cell(column)` for each column of the layout.
fn row_lines(columns: &[Column], layout: &Layout, cell: impl Fn(&Column) -> String) -> Vec<String> {
    layout
        .lines
        .iter()
        .enumerate()
        .map(|(n, line)| {
            let cells: Vec<String> = line
                .iter()
                .map(|(i, w)| {
                    let c = &columns[*i];
                    // A header never needs to stay whole: it is elided like text.
                    let kind = match c.kind {
                        Kind::Key(_) => c.kind,
                        _ => Kind::Text(*w),
                    };
                    fit(&cell(c), kind, *w)
                })
                .collect();
            let text = cells.join(GAP);
            let text = text.trim_end();
            if n == 0 {
                text.to_owned()
            } else {
                format!("{INDENT}{text}")
            }
        })
        .collect()
}

/// The lines of one item: in the stream's layout, unless a key of this item is longer than its
/// column; then the row is laid out again with that key at its own length, so that what
/// follows it (the payload, the rest) goes on to the next line instead of pushing the row past
/// the width (a 90-character event id made 134-column rows at 80).
fn item_lines(columns: &[Column], layout: &Layout, width: usize, v: &Value) -> Vec<String> {
    let cell = |c: &Column| field_text(v, c.field);
    let longer = |c: &Column| match c.kind {
        Kind::Key(w) => super::escape::line(&cell(c)).chars().count() > w,
        _ => false,
    };
    if !columns.iter().any(longer) {
        return row_lines(columns, layout, cell);
    }
    let widened: Vec<Column> = columns
        .iter()
        .map(|c| match c.kind {
            Kind::Key(w) => Column {
                kind: Kind::Key(w.max(super::escape::line(&cell(c)).chars().count())),
                ..*c
            },
            _ => *c,
        })
        .collect();
    row_lines(&widened, &self::layout(&widened, width), cell)
}

pub(crate) struct ItemStream<'a> {
    format: Format,
    out: &'a mut dyn Write,
    columns: &'static [Column],
    /// Where the columns go at the output width (`super::width`).
    layout: Layout,
    width: usize,
    count: usize,
    open: bool,
}

impl<'a> ItemStream<'a> {
    /// Starts the stream: the JSON envelope's head, or the header row.
    pub(crate) fn begin(
        format: Format,
        command: &str,
        rc: &RenderContext,
        columns: &'static [Column],
        out: &'a mut dyn Write,
    ) -> io::Result<ItemStream<'a>> {
        let s = ItemStream {
            format,
            out,
            columns,
            layout: layout(columns, usize::from(rc.width)),
            width: usize::from(rc.width),
            count: 0,
            open: true,
        };
        match format {
            Format::Json => {
                let head = super::envelope::StreamHead {
                    schema: super::json::SCHEMA,
                    command,
                    target: &rc.target,
                    generated_at: crate::times::stamp(rc.generated_at),
                };
                let head = serde_json::to_string(&head)?;
                // Reopen the object to append the streamed array.
                write!(
                    s.out,
                    "{},\"items\":[",
                    head.strip_suffix('}').unwrap_or(&head)
                )?;
            }
            Format::Ndjson => {}
            Format::Table => {
                for line in row_lines(columns, &s.layout, |c| c.header.to_owned()) {
                    writeln!(s.out, "{line}")?;
                }
            }
            Format::Markdown => {
                let header: Vec<&str> = columns.iter().map(|c| c.header).collect();
                writeln!(s.out, "| {} |", header.join(" | "))?;
                writeln!(s.out, "|{}", "---|".repeat(columns.len()))?;
            }
        }
        s.out.flush()?;
        Ok(s)
    }

    pub(crate) fn item(&mut self, v: &Value) -> io::Result<()> {
        match self.format {
            Format::Json => {
                if self.count > 0 {
                    self.out.write_all(b",")?;
                }
                self.out.write_all(b"\n  ")?;
                serde_json::to_writer(&mut *self.out, v)?;
            }
            Format::Ndjson => {
                serde_json::to_writer(&mut *self.out, v)?;
                self.out.write_all(b"\n")?;
            }
            Format::Table => {
                for line in item_lines(self.columns, &self.layout, self.width, v) {
                    writeln!(self.out, "{line}")?;
                }
            }
            Format::Markdown => {
                let row: Vec<String> = self
                    .columns
                    .iter()
                    .map(|c| {
                        super::escape::line(&field_text(v, c.field).replace('|', "\\|"))
                            .into_owned()
                    })
                    .collect();
                writeln!(self.out, "| {} |", row.join(" | "))?;
            }
        }
        self.count += 1;
        // Each item reaches a pipe as soon as it is known (`stream tail | grep`).
        self.out.flush()
    }

    /// A remark for the person at the terminal, on stderr so that a pipe gets items only.
    pub(crate) fn notice(&self, text: &str) {
        eprintln!("{}", super::escape::line(text));
    }

    /// Ends the stream with its summary: the envelope's `status` and `data` in JSON; a last
    /// line for people.
    pub(crate) fn end(mut self, status: &str, data: Value, human: &[String]) -> io::Result<()> {
        self.open = false;
        match self.format {
            Format::Json => {
                let tail = super::envelope::StreamTail {
                    status,
                    error: None,
                    data: &data,
                };
                let tail = serde_json::to_string(&tail)?;
                write!(
                    self.out,
                    "\n],{}\n",
                    tail.strip_prefix('{').unwrap_or(&tail)
                )?;
            }
            Format::Ndjson => {}
            Format::Table | Format::Markdown => {
                for line in human {
                    writeln!(self.out, "{}", super::escape::line(line))?;
                }
            }
        }
        self.out.flush()
    }
}

impl Drop for ItemStream<'_> {
    /// A stream cut short by an error: `main` knows the error and closes the envelope with it
    /// (`close_failed`), so that valid JSON is left behind.
    fn drop(&mut self) {
        if self.open && self.format == Format::Json {
            LEFT_OPEN.store(true, Ordering::SeqCst);
            let _ = self.out.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::events::EVENT_COLUMNS;
    use crate::commands::stream::RECORD_COLUMNS;

    fn event() -> Value {
        serde_json::json!({
            // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
            "timestamp": "2025-11-11T12:00:00.000000Z",
            "event_id": "0f8fad5b-d9cb-469f-a165-70867728950e",
            "event_type": "order.created",
            "status": "pending",
            "user_id": "user-1234@example.com",
            "payload": {"items": [1, 2, 3], "note": "x".repeat(200)},
        })
    }

    fn rows(columns: &[Column], v: &Value, width: usize) -> Vec<String> {
        let l = layout(columns, width);
        let mut out = row_lines(columns, &l, |c| c.header.to_owned());
        out.extend(item_lines(columns, &l, width, v));
        out
    }

    /// Review of issue 23, defect 15: a 90-character event id kept the payload on its line,
    /// 134 columns at 80. When the keys alone overflow, the rest goes on the next line: only a
    /// key that is itself longer than the line may pass the width, and it stays whole.
    #[test]
    fn a_long_key_moves_the_rest_of_its_row_to_the_next_line() {
        let mut v = event();
        let long_id = format!("import-{}", "7".repeat(83));
        v["event_id"] = Value::String(long_id.clone());
        for width in [80, 100, 120] {
            let lines = rows(EVENT_COLUMNS, &v, width);
            assert!(lines.iter().any(|l| l.contains(&long_id)), "{lines:#?}");
            for line in &lines {
                let n = line.chars().count();
                assert!(
                    n <= width || (line.contains(&long_id) && n <= long_id.len() + 2),
                    "{width}: {n} columns: {line}"
                );
            }
            assert!(
                lines.iter().any(|l| l.contains("items")),
                "{width}: the payload is still shown: {lines:#?}"
            );
        }
    }

    /// At every width from the narrowest to a wide terminal, `events query` and `stream tail`
    /// rows fit the width (they were 106-111 columns at 80), and the keys stay whole on one
    /// line: the timestamp and the event id can be copied into the next command.
    #[test]
    fn rows_fit_the_width_and_keys_stay_whole() {
        let v = event();
        for columns in [EVENT_COLUMNS, RECORD_COLUMNS] {
            for width in [40, 60, 72, 80, 100, 110, 120, 160, 240] {
                let lines = rows(columns, &v, width);
                for line in &lines {
                    assert!(
                        line.chars().count() <= width,
                        "{width}: {} columns: {line}",
                        line.chars().count()
                    );
                }
                let text = lines.join("\n");
                // clock-free: a stored value printed, never compared with the clock
                for key in [
                    "2025-11-11T12:00:00.000000Z",
                    "0f8fad5b-d9cb-469f-a165-70867728950e",
                ]
                .into_iter()
                .filter(|k| columns.iter().any(|c| field_text(&v, c.field) == *k))
                {
                    assert!(
                        lines.iter().any(|l| l.contains(key)),
                        "{width}: {key} whole in\n{text}"
                    );
                }
            }
        }
        // Wide enough: one line a row, header and item; at 80 an event takes two lines.
        assert_eq!(rows(EVENT_COLUMNS, &v, 120).len(), 2);
        assert_eq!(
            rows(EVENT_COLUMNS, &v, 100).len(),
            2,
            "text columns narrowed"
        );
        let at80 = rows(EVENT_COLUMNS, &v, 80);
        assert_eq!(at80.len(), 4, "{at80:#?}");
        assert!(at80[3].starts_with("  0f8fad5b-"), "{at80:#?}");
    }

    /// A key longer than its column is printed whole (the row is then longer than the width),
    /// never cut: `…` in an id would make it useless.
    #[test]
    fn a_long_key_is_printed_whole() {
        let mut v = event();
        let long_id = format!("import-{}", "7".repeat(60));
        v["event_id"] = Value::String(long_id.clone());
        let lines = rows(EVENT_COLUMNS, &v, 120);
        assert!(lines.iter().any(|l| l.contains(&long_id)), "{lines:#?}");
        // Text is elided, marked.
        v["event_type"] = Value::String("t".repeat(40));
        let lines = rows(EVENT_COLUMNS, &v, 120);
        assert!(lines[1].contains('…'), "{lines:#?}");
    }
}
