//! The one place that turns reports and streamed items into bytes on stdout.
//!
//! Renderers write to any `io::Write` and return its errors, so a closed pipe (`| head`) travels
//! back to `main` as an error that it treats as success, and nothing ever panics on output.
//!
//! The only module allowed to print (Cargo.toml `[lints]` denies `print_stdout` and
//! `print_stderr` everywhere else but `main.rs`).
#![allow(clippy::print_stdout, clippy::print_stderr)]

pub(crate) mod chart;
pub mod envelope;
pub mod escape;
pub mod failure;
pub mod fleet;
pub(crate) mod json;
pub(crate) mod markdown;
pub(crate) mod progress;
pub mod prometheus;
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
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
/// file unless `force` (the output-file rule of `crate::files`), readable by its owner only
/// (0600, `files::create_private`): a report names users and event keys. Returns one line per file, in
/// order: `Ok("wrote FILE (Markdown)")` for each written, `Err(why)` for each that could not be
/// (the others are written anyway).
pub fn write_attachments(
    report: &Report,
    rc: &RenderContext,
    force: bool,
) -> Vec<Result<String, String>> {
    let mut lines = Vec::new();
    for a in &report.attachments {
        let written = crate::files::create_private(&a.path, force).and_then(|f| {
            let mut file = io::BufWriter::new(f);
            if a.markdown {
                markdown::render(report, rc, &mut file)?;
            } else {
                json::render(report, rc, &mut file, true)?;
            }
            file.flush()
        });
        let kind = if a.markdown { "Markdown" } else { "JSON" };
        lines.push(match written {
            Ok(()) => Ok(format!("wrote {} ({kind})", a.path.display())),
            Err(e) => Err(format!("the report was not saved: {e}")),
        });
    }
    lines
}

pub(crate) use crate::vocab::words::{count, plural};

/// A remark for the person at the terminal, on stderr, so that stdout holds only the output a
/// pipe or a file takes (`iam-policy > policy.json`).
pub(crate) fn notice(text: &str) {
    eprintln!("eventsctl: {}", escape::line(text));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Review of issue 23, defect 5: `health-check monthly --report` and `dr-drill --report`
    /// files hold example keys (user ids) and were created 0644 under the usual umask; they are
    /// 0600 now, a replaced one (`--force`) too.
    #[test]
    fn report_files_are_readable_by_their_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o022));
        let dir = tempfile::tempdir().unwrap();
        let mut report = crate::report::Report::check("health-check monthly");
        report.note("e.g. user-42@example.com / 1999-10-28T01:16:34.000000Z#old-missing");
        let (md, json) = (dir.path().join("r.md"), dir.path().join("r.json"));
        std::fs::write(&json, "an older report").unwrap();
        std::fs::set_permissions(&json, std::fs::Permissions::from_mode(0o644)).unwrap();
        for (path, markdown) in [(&md, true), (&json, false)] {
            report.attachments.push(crate::report::Attachment {
                path: path.clone(),
                markdown,
            });
        }
        let rc = RenderContext {
            target: Target {
                table: "t".into(),
                region: None,
                env: "dev".into(),
            },
            generated_at: chrono::Utc::now(),
            color: false,
            quiet: false,
            width: 80,
            explain: false,
        };
        let lines = write_attachments(&report, &rc, true);
        assert!(lines.iter().all(Result::is_ok), "{lines:?}");
        for path in [&md, &json] {
            let mode = std::fs::metadata(path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{}: {mode:o}", path.display());
        }
    }

    #[test]
    fn counts_take_the_form_of_their_noun() {
        assert_eq!(count(1, "identity", "identities"), "1 identity");
        assert_eq!(count(0, "identity", "identities"), "0 identities");
        assert_eq!(plural(2u32, "user", "users"), "2 users");
    }

    /// A count written straight before a plural noun in a format string (`{} segments`,
    /// `{n} of {} pages`, `{} items`, `{:.0} read units`): "1 of 1 segments, 1 pages", "1
    /// exports", "1 read units" when the count is one. A heuristic over source lines: a
    /// placeholder (`{}`, `{n}`, `{x.len()}`, `{:.0}`) then a space and one of
    /// [`COUNTED_NOUNS`]. A placeholder with a precision above zero (`{:.1} pages a month`) is a
    /// decimal, which takes the plural; `{:.0}` prints a whole number, which can be 1. A noun
    /// that is also a verb (`reads`, `writes`) is not on the list (`{f} reads its stream`); units
    /// of measure are (`1 day`, `1 byte`: use `signed`/`plural`); a rate (`{} events/s`) is not
    /// a count, and a duration a humanizer prints (`times::human`) is right as it is. A
    /// line that is right as it stands (a count that is never one) says so with `plural-ok` on
    /// it or on the line before.
    fn counted_plural(line: &str) -> bool {
        COUNTED_NOUNS.iter().any(|noun| {
            line.match_indices(&format!("}} {noun}"))
                .filter(|(i, m)| {
                    // The noun ends there: `events` but not `eventsctl`, nor a rate (`events/s`).
                    !line[i + m.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '/')
                })
                .any(|(i, _)| match line[..i].rfind('{') {
                    Some(open) => !is_decimal(&line[open..i]) && !line[..open].ends_with('{'),
                    None => false,
                })
        })
    }

    /// A placeholder's text (`{`, its name and spec, no `}`) prints a decimal: a precision
    /// above zero (`{:.1}`, `{share:.2}`).
    fn is_decimal(placeholder: &str) -> bool {
        placeholder.split_once(":.").is_some_and(|(_, precision)| {
            precision
                .trim_start_matches('0')
                .starts_with(|c: char| c.is_ascii_digit())
        })
    }

    /// The nouns [`counted_plural`] looks for.
    const COUNTED_NOUNS: [&str; 89] = [
        "segments",
        "pages",
        "events",
        "exports",
        "files",
        "data files",
        "expired events",
        "users",
        "keys",
        "units",
        "items",
        "read units",
        "write units",
        "rows",
        "records",
        "statements",
        "policies",
        "functions",
        "retries",
        "mappings",
        "days",
        "hours",
        "minutes",
        "seconds",
        "weeks",
        "months",
        "bytes",
        "requests",
        "errors",
        "shards",
        "alarms",
        "tables",
        "backups",
        "indexes",
        "GSIs",
        "datapoints",
        "queries",
        "lines",
        "objects",
        "attempts",
        "throttles",
        "consumers",
        "streams",
        "invocations",
        "steps",
        "checks",
        "findings",
        "accounts",
        "roles",
        "grants",
        "partitions",
        "metrics",
        "dashboards",
        "topics",
        "subscriptions",
        "batches",
        "results",
        "log groups",
        "messages",
        "calls",
        "operations",
        "values",
        "entries",
        "restores",
        "snapshots",
        "tests",
        "environments",
        "points",
        "identities",
        "periods",
        "buckets",
        "workers",
        "threads",
        "cores",
        "failures",
        "problems",
        "conflicts",
        "resources",
        "actions",
        "samples",
        "scans",
        "transactions",
        "evaluations",
        "channels",
        "people",
        "tags",
        "variables",
        "documents",
        "characters",
    ];

    #[test]
    fn a_counted_plural_is_found() {
        // The form check-ttl used: "from 1 of 1 segments, 1 pages".
        assert!(counted_plural(
            r#""read a sample of {} items (asked {asked}{}) from {} of {} segments, {} pages, {:.1} read units""#
        ));
        assert!(counted_plural(r#""{begun} segments are done""#));
        assert!(!counted_plural(r#""({:.1} pages a month)""#));
        assert!(!counted_plural(r#""from {} of {}, {}""#));
        // The review of issue 23's cases (defect 6).
        assert!(counted_plural(r#""{} exports, {} completed""#));
        assert!(counted_plural(r#""its {} data files {}""#));
        assert!(counted_plural(r#""; {} expired events hidden""#));
        assert!(counted_plural(r#""{n} keys left unprocessed""#));
        assert!(!counted_plural(r#""{} eventsctl runs""#));
        // Issue 23's last plurals: `items`, and whole numbers printed from a float.
        assert!(counted_plural(
            r#""its tally counts {} items, but {items} were read""#
        ));
        assert!(counted_plural(r#""after {:.0} read units""#));
        assert!(counted_plural(r#""{w:.0} write units and no reads""#));
        assert!(!counted_plural(r#""{:.1} read units; shares""#));
        assert!(!counted_plural(r#""the consumer {f} reads nothing""#));
        // Units and the nouns issue 23's review found left out.
        assert!(counted_plural(r#""enabled, {days} days""#));
        assert!(counted_plural(r#""the largest {} bytes""#));
        assert!(counted_plural(
            r#""{throttled} throttled, {errors} errors""#
        ));
        assert!(counted_plural(r#""gave up after {n} attempts""#));
        assert!(counted_plural(r#""enabled on the table and {} GSIs""#));
        assert!(counted_plural(r#""({} characters)""#));
    }

    /// No string in the source spells a plural as `item(s)`, `identit(ies)` or `match(es)`,
    /// nor writes a count straight before a plural noun ([`counted_plural`]): people read
    /// "1 identity" and "2 identities" (`count`).
    #[test]
    fn plurals_are_spelled_out() {
        let mut found = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for (n, l) in text.lines().enumerate() {
                    let code = l.trim_start();
                    if code.starts_with("//") || !code.contains('"') {
                        continue;
                    }
                    let marked = l.contains("plural-ok")
                        || n.checked_sub(1)
                            .and_then(|p| text.lines().nth(p))
                            .is_some_and(|p| p.contains("plural-ok"));
                    if counted_plural(l) && !marked && !path.ends_with("output/mod.rs") {
                        found.push(format!("{}:{}: {}", path.display(), n + 1, l.trim()));
                    }
                    for bad in ["(s)", "(es)", "(ies)"] {
                        let mut rest = l;
                        while let Some(i) = rest.find(bad) {
                            // A letter right before: a word with its plural in parentheses (not
                            // a call such as `Some(s)`).
                            let before = rest[..i].chars().last();
                            let word = rest[..i]
                                .rsplit(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                                .next()
                                .unwrap_or("");
                            if before.is_some_and(|c| c.is_ascii_lowercase())
                                && !marked
                                && !matches!(word, "Some" | "Ok" | "Err" | "map" | "filter")
                                && word.chars().all(|c| c.is_ascii_lowercase())
                            {
                                found.push(format!("{}:{}: {}", path.display(), n + 1, l.trim()));
                            }
                            rest = &rest[i + bad.len()..];
                        }
                    }
                }
            }
        }
        assert!(
            found.is_empty(),
            "plurals in parentheses, or a count before a plural noun (use `count`/`plural`):\n{}",
            found.join("\n")
        );
    }
}
