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
}
