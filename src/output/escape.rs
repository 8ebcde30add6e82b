//! Text from AWS and from input files reaches the terminal only escaped: a stored event type, a
//! payload, a log line or an error message can hold ESC/OSC sequences that would set the window
//! title, clear the screen or fake output. Every human format (tables, Markdown, streamed rows,
//! progress messages, error lines) passes its text through here; JSON is left exact (serde_json
//! already writes control characters as `\u001b`).

use std::borrow::Cow;

/// Characters that are never written raw: C0 and C1 controls and DEL, and the Unicode
/// bidirectional and line-separator controls that reorder or break what a terminal shows.
fn needs_escape(c: char, keep_newlines: bool) -> bool {
    if c == '\n' {
        return !keep_newlines;
    }
    c.is_control()
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}'
        )
}

fn escape_with(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| needs_escape(c, keep_newlines)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !needs_escape(c, keep_newlines) {
            out.push(c);
            continue;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push_str(&format!("\\u{{{:04x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

/// One line of human output: every control character escaped, newlines included.
pub fn line(text: &str) -> Cow<'_, str> {
    escape_with(text, false)
}

/// A table cell, which may span lines inside its borders: newlines kept, the rest escaped.
pub(crate) fn cell(text: &str) -> Cow<'_, str> {
    escape_with(text, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_sequences_are_made_visible() {
        assert_eq!(line("plain é ✓"), "plain é ✓");
        assert!(matches!(line("plain"), Cow::Borrowed(_)));
        assert_eq!(line("\u{1b}]0;pwned\u{7}x"), "\\x1b]0;pwned\\x07x");
        assert_eq!(line("\u{1b}[2J"), "\\x1b[2J");
        assert_eq!(line("a\nResult: OK"), "a\\nResult: OK");
        assert_eq!(line("\u{9b}31m"), "\\x9b31m");
        assert_eq!(line("abc\u{202E}fed"), "abc\\u{202e}fed");
        assert_eq!(cell("two\nlines\t\u{1b}"), "two\nlines\\t\\x1b");
    }
}
