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
    let tail = json!({"status": status, "error": failure, "data": {}});
    let tail = serde_json::to_string(&tail)?;
    write!(out, "\n],{}\n", tail.strip_prefix('{').unwrap_or(&tail))?;
    out.flush()
}

/// A column of the human view: header, JSON field, width (0 = the rest of the line).
pub(crate) type Column = (&'static str, &'static str, usize);

pub(crate) struct ItemStream<'a> {
    format: Format,
    out: &'a mut dyn Write,
    columns: &'static [Column],
    /// Characters left for the last, unbounded column at the output width (`super::width`).
    rest: usize,
    count: usize,
    open: bool,
}

fn field_text(v: &Value, field: &str) -> String {
    match v.get(field) {
        None | Some(Value::Null) => "-".into(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

fn fit(text: &str, width: usize, rest: usize) -> String {
    let clean = super::escape::line(text);
    if width == 0 {
        let max = rest;
        if clean.chars().count() > max {
            return format!("{}…", clean.chars().take(max - 1).collect::<String>());
        }
        return clean.into_owned();
    }
    let n = clean.chars().count();
    if n > width {
        format!("{}…", clean.chars().take(width - 1).collect::<String>())
    } else {
        format!("{clean}{}", " ".repeat(width - n))
    }
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
            rest: {
                let fixed: usize = columns.iter().map(|(_, _, w)| w + 2).sum();
                usize::from(rc.width).saturating_sub(fixed).max(12)
            },
            count: 0,
            open: true,
        };
        match format {
            Format::Json => {
                let head = json!({
                    "schema": super::json::SCHEMA,
                    "command": command,
                    "target": rc.target,
                    "generated_at": crate::times::stamp(rc.generated_at),
                });
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
                let header: Vec<String> =
                    columns.iter().map(|(h, _, w)| fit(h, *w, s.rest)).collect();
                writeln!(s.out, "{}", header.join("  ").trim_end())?;
            }
            Format::Markdown => {
                let header: Vec<&str> = columns.iter().map(|(h, _, _)| *h).collect();
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
                let row: Vec<String> = self
                    .columns
                    .iter()
                    .map(|(_, f, w)| fit(&field_text(v, f), *w, self.rest))
                    .collect();
                writeln!(self.out, "{}", row.join("  ").trim_end())?;
            }
            Format::Markdown => {
                let row: Vec<String> = self
                    .columns
                    .iter()
                    .map(|(_, f, _)| {
                        super::escape::line(&field_text(v, f).replace('|', "\\|")).into_owned()
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
                let tail = json!({"status": status, "error": null, "data": data});
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
