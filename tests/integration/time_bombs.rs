//! A test that passes today and fails next month is a defect: a fixed date in a test turns stale
//! when the clock passes it (an event's 30-day `ttl` expires, a `--since` window leaves it behind,
//! a `ttl` falls past TTL's five-year horizon). This guard reads the test sources and data and
//! fails on every fixed calendar date that could meet the clock.
//!
//! A date passes when it is
//! - in the year 2000 or before: visibly ancient, already beyond every window the tool knows
//!   (the longest is TTL's five years), so the clock cannot change what it means;
//! - in the year 2900 or after: visibly far in the future ("outside the restorable window"); or
//! - on a line that says `clock-free`, or under a `// clock-free: why` comment (which covers the
//!   lines after it up to the next blank line): the code it feeds takes its "now" as an
//!   argument, or only parses and formats the date.
//!
//! Everything else is made relative to the run's clock (`chrono::Utc::now()` plus or minus).

use std::path::{Path, PathBuf};

/// The newest year a fixed date may have without a `clock-free` mark, and the first year far
/// enough ahead to stay in the future.
const ANCIENT_UNTIL: u32 = 2000;
const FAR_FUTURE_FROM: u32 = 2900;
const MARK: &str = "clock-free";

/// `YYYY-MM-DD` dates in a line that are real calendar dates, with their years.
fn dates(line: &str) -> Vec<(String, u32)> {
    let b = line.as_bytes();
    let mut found = Vec::new();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let mut i = 0;
    while i + 10 <= b.len() {
        let boundary_before = i == 0 || !b[i - 1].is_ascii_digit();
        let boundary_after = i + 10 == b.len() || !b[i + 10].is_ascii_digit();
        if boundary_before
            && boundary_after
            && digits(i..i + 4)
            && b[i + 4] == b'-'
            && digits(i + 5..i + 7)
            && b[i + 7] == b'-'
            && digits(i + 8..i + 10)
        {
            let text = &line[i..i + 10];
            let year: u32 = text[..4].parse().unwrap_or(0);
            let month: u32 = text[5..7].parse().unwrap_or(0);
            let day: u32 = text[8..10].parse().unwrap_or(0);
            // A calendar date of the years the tool can meet; `2012-10-17` (the IAM policy
            // language version) is a version string, not a date.
            if (1990..=2999).contains(&year)
                && (1..=12).contains(&month)
                && (1..=31).contains(&day)
                && text != "2012-10-17"
            {
                found.push((text.to_owned(), year));
            }
            i += 10;
        } else {
            i += 1;
        }
    }
    found
}

/// The fixed dates of one source text that are neither ancient nor marked: `line: date`.
fn bombs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // A `// clock-free` comment covers the lines after it up to the next blank line.
    let mut covered = false;
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            covered = false;
        }
        if line.contains(MARK) && line.trim_start().starts_with("//") {
            covered = true;
        }
        let marked = covered || line.contains(MARK);
        for (date, year) in dates(line) {
            if year > ANCIENT_UNTIL && year < FAR_FUTURE_FROM && !marked {
                out.push(format!("{}: {date}", n + 1));
            }
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// The test code and data: everything under `tests/`, and in `src/` the unit-test modules
/// (from a file's first `#[cfg(test)]` on).
fn test_sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join("tests"), &mut files);
    walk(&root.join("src"), &mut files);
    let mut out = Vec::new();
    for path in files {
        let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        let in_src = rel.starts_with("src");
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let wanted = if in_src {
            ext == "rs"
        } else {
            matches!(ext, "rs" | "json" | "jsonl" | "ndjson" | "yaml")
        };
        if !wanted || rel.starts_with("tests/snapshots") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let text = if in_src {
            match text.find("#[cfg(test)]") {
                // Keep the line numbers: blank out what comes before the tests.
                Some(at) => "\n".repeat(text[..at].matches('\n').count()) + &text[at..],
                None => continue,
            }
        } else {
            text
        };
        out.push((rel, text));
    }
    out
}

#[test]
fn no_test_holds_a_fixed_date_the_clock_can_reach() {
    // This file's own examples are data for the checks below.
    let me = Path::new("tests/integration/time_bombs.rs");
    let mut found = Vec::new();
    for (path, text) in test_sources() {
        if path == me {
            continue;
        }
        for b in bombs(&text) {
            found.push(format!("{}:{b}", path.display()));
        }
    }
    assert!(
        found.is_empty(),
        "fixed dates in tests that the clock will reach (make them relative to Utc::now(), move them to {ANCIENT_UNTIL} or before (or {FAR_FUTURE_FROM} and after), or mark a date that never meets the clock `{MARK}`):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_guard_finds_recent_and_future_dates_and_passes_ancient_or_marked_ones() {
    // The dates the guard must catch are made from this run's clock (a month back, a month and
    // two months ahead), so this case table never becomes one of them.
    let day = |days: i64| {
        (chrono::Utc::now() + chrono::Duration::days(days))
            .format("%Y-%m-%d")
            .to_string()
    };
    let (past, soon, later) = (day(-30), day(30), day(60));
    assert_eq!(
        bombs(&format!(r#"put("--timestamp", "{past}T00:00:00Z")"#)),
        [format!("1: {past}")]
    );
    assert_eq!(
        bombs(&format!("let t = \"{soon}\";")),
        [format!("1: {soon}")]
    );
    assert!(bombs("let t = \"1999-12-31T00:00:00Z\";").is_empty());
    assert!(bombs("--to 2999-01-01T00:00:00Z").is_empty());
    assert!(bombs(&format!("parse(\"{past}\") // clock-free: parsing only")).is_empty());
    assert!(
        bombs(&format!(
            "// clock-free: now is passed in\nlet t = \"{soon}\";\nf(\"{later}\");"
        ))
        .is_empty()
    );
    assert_eq!(
        bombs(&format!(
            "// clock-free: parsing\nlet t = \"{soon}\";\n\nf(\"{later}\");"
        )),
        [format!("4: {later}")],
        "a blank line ends what the mark covers"
    );
    // Not dates: a policy version, a number run, an impossible month.
    assert!(bombs("\"Version\": \"2012-10-17\"").is_empty());
    assert!(bombs("12026-11-011 2026-13-01").is_empty());
}
