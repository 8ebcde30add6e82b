//! How wide human output may be, independent of colour: the terminal's width when stdout is
//! one, else `COLUMNS` when set, else [`DEFAULT_WIDTH`]. Tables and prose lines both fit it.

/// Columns used when stdout is not a terminal and `COLUMNS` is not set (README, Output).
pub(crate) const DEFAULT_WIDTH: u16 = 120;

/// Narrower than this, tables cannot keep their columns readable.
const MIN_WIDTH: u16 = 40;

/// The width for this run's output.
pub(crate) fn detect() -> u16 {
    resolve(terminal(), std::env::var("COLUMNS").ok().as_deref())
}

/// Terminal, then `COLUMNS`, then the default; never below [`MIN_WIDTH`].
pub(crate) fn resolve(terminal: Option<u16>, columns: Option<&str>) -> u16 {
    terminal
        .filter(|w| *w > 0)
        .or_else(|| {
            columns
                .and_then(|c| c.trim().parse::<u16>().ok())
                .filter(|w| *w > 0)
        })
        .unwrap_or(DEFAULT_WIDTH)
        .max(MIN_WIDTH)
}

/// The terminal's width when stdout is one (comfy-table asks the terminal; it answers `None`
/// when stdout is a pipe or a file).
fn terminal() -> Option<u16> {
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return None;
    }
    comfy_table::Table::new().width()
}

/// `text` broken at spaces into lines of at most `width` characters; the first line starts with
/// `first`, the others with `rest` (a hanging indent). A word longer than a line (a URL, an ARN)
/// stands on a line of its own, whole, so that it can still be copied.
pub(crate) fn wrap(text: &str, width: u16, first: &str, rest: &str) -> Vec<String> {
    let width = usize::from(width);
    let len = |s: &str| s.chars().count();
    let mut lines = Vec::new();
    let mut current = first.to_owned();
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && len(&current) + 1 + len(word) > width {
            lines.push(std::mem::replace(&mut current, rest.to_owned()));
            empty = true;
        }
        if !empty {
            current.push(' ');
        }
        current.push_str(word);
        empty = false;
    }
    lines.push(current);
    lines
}

/// The first line of a report: `eventsctl COMMAND · TABLE · REGION · env ENV` when it fits
/// `width`; else without `eventsctl`, then without the last parts, which come back (the lines to
/// print after the verdict, empty when everything fit). `parts` are the table, the region and
/// `env ENV`; a table that does not fit either is labelled `table` there. A name is never cut:
/// a command longer than the width stands alone, whole.
pub(crate) fn title_lines(command: &str, parts: &[String], width: u16) -> (String, Vec<String>) {
    let max = usize::from(width);
    for k in (0..=parts.len()).rev() {
        for prefix in ["eventsctl ", ""] {
            let title = std::iter::once(format!("{prefix}{command}"))
                .chain(parts[..k].iter().cloned())
                .collect::<Vec<_>>()
                .join(" · ");
            if title.chars().count() <= max {
                return (title, rest_lines(k, parts, width));
            }
        }
    }
    (command.to_owned(), rest_lines(0, parts, width))
}

/// `parts[k..]` packed into lines of `width` (`table` before a table name), a part never split
/// and a separator never at the end of a line.
fn rest_lines(k: usize, parts: &[String], width: u16) -> Vec<String> {
    let max = usize::from(width);
    let mut lines: Vec<String> = Vec::new();
    for (i, part) in parts.iter().enumerate().skip(k) {
        let part = if i == 0 {
            format!("table {part}")
        } else {
            part.clone()
        };
        match lines.last_mut() {
            Some(l) if l.chars().count() + 3 + part.chars().count() <= max => {
                l.push_str(" · ");
                l.push_str(&part);
            }
            Some(_) => lines.push(format!("  {part}")),
            None => lines.push(part),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_then_columns_then_default() {
        assert_eq!(resolve(Some(100), Some("60")), 100);
        assert_eq!(resolve(None, Some("80")), 80);
        assert_eq!(resolve(None, Some(" 90 ")), 90);
        assert_eq!(resolve(None, Some("wide")), DEFAULT_WIDTH);
        assert_eq!(resolve(None, None), DEFAULT_WIDTH);
        assert_eq!(resolve(None, Some("10")), MIN_WIDTH);
    }

    #[test]
    fn wraps_with_a_hanging_indent_and_keeps_long_words_whole() {
        let text = "UserErrors is account- and Region-wide with no TableName dimension, so a per-table query never gets data https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html";
        for width in [40u16, 80, 120] {
            let lines = wrap(text, width, "  - ", "    ");
            // Only a word wider than a line (the URL) may stand out, whole, alone on its line.
            assert!(
                lines
                    .iter()
                    .all(|l| l.chars().count() <= usize::from(width) || !l.trim().contains(' ')),
                "{width}: {lines:#?}"
            );
            assert!(lines.iter().any(|l| {
                l.trim_start_matches([' ', '-'])
                    .ends_with("metrics-dimensions.html")
            }));
            assert!(lines[0].starts_with("  - UserErrors"));
            assert!(lines[1..].iter().all(|l| l.starts_with("    ")));
            let joined: String = lines
                .iter()
                .map(|l| l.trim_start_matches([' ', '-']))
                .collect::<Vec<_>>()
                .join(" ");
            assert!(joined.contains("no TableName dimension"), "{joined}");
        }
        assert_eq!(wrap("short", 80, "", ""), vec!["short".to_owned()]);
    }

    #[test]
    fn the_title_fits_one_line_and_what_does_not_follows() {
        let parts = |table: &str| {
            vec![
                table.to_owned(),
                "us-east-1".to_owned(),
                "env prod".to_owned(),
            ]
        };
        let prod = parts("zapier-triggers-api-prod-events");
        // 87 characters with everything: `eventsctl ` goes first.
        assert_eq!(
            title_lines("health-check monthly", &prod, 80),
            (
                "health-check monthly · zapier-triggers-api-prod-events · us-east-1 · env prod"
                    .to_owned(),
                Vec::new()
            )
        );
        assert_eq!(
            title_lines("health-check monthly", &prod, 120).0,
            "eventsctl health-check monthly · zapier-triggers-api-prod-events · us-east-1 · env prod"
        );
        let long = parts("zapier-triggers-api-prod-events-restored-1");
        let (title, rest) = title_lines("health-check quarterly", &long, 80);
        assert_eq!(
            title,
            "health-check quarterly · zapier-triggers-api-prod-events-restored-1 · us-east-1"
        );
        assert_eq!(rest, vec!["env prod".to_owned()]);
        let huge = parts(&"t".repeat(100));
        let (title, rest) = title_lines("changes", &huge, 80);
        assert_eq!(title, "eventsctl changes");
        assert!(rest[0].starts_with("table ttt"), "{rest:?}");
        assert_eq!(rest[1], "  us-east-1 · env prod");
        for (t, r) in [
            title_lines("health-check monthly", &prod, 40),
            title_lines("x", &long, 40),
        ] {
            assert!(t.chars().count() <= 40, "{t}");
            assert!(!r.is_empty());
        }
    }
}
