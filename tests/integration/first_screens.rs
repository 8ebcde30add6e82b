//! Snapshots of what people read first: the top of each check's human output at 80 columns.
//!
//! A change of layout or wording is then a reviewed diff of `tests/integration/snapshots/`
//! (`cargo insta review`, or `INSTA_UPDATE=always` and read the diff), not a silent drift.
//! What changes from run to run is masked first ([`mask`]): this test's environment name (made
//! the same length every run, so that lines wrap alike), times, and "how long ago".
//!
//! `bench` is left out: its verdicts are measurements of the machine it runs on.

use crate::common::{self, World};

/// The first screen: the lines a terminal of 24 rows shows before scrolling.
const SCREEN_ROWS: usize = 24;

/// The checks whose first screen is snapshotted, against one small table of the emulator.
const CHECKS: [&str; 13] = [
    "table verify",
    "diagnose throttling",
    "diagnose latency",
    "diagnose writes",
    "alarms status",
    "check-ttl",
    "check-ttl --repair --dry-run",
    "stream-status",
    "hot-partitions",
    "changes",
    "health-check monthly",
    "health-check quarterly",
    "dr-drill --dry-run",
];

/// What stands for the environment name in a snapshot: as long as the name itself.
const ENV_MASK: &str = "scr-XXXXXXXXXX";

/// The screen with what changes from run to run masked: the environment name, date-times,
/// and `11s ago` (with the spaces after it, which pad a column to its width).
fn mask(screen: &str, env: &str) -> String {
    let screen = common::mask_times(&screen.replace(env, ENV_MASK));
    let mut out = String::new();
    let mut rest = screen.as_str();
    while let Some(i) = rest.find(" ago") {
        let head = &rest[..i];
        let unit = head.chars().last().filter(|c| "smhd".contains(*c));
        let digits = unit.map_or(0, |_| {
            head[..head.len() - 1]
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .count()
        });
        if digits == 0 {
            out.push_str(&rest[..i + 4]);
            rest = &rest[i + 4..];
            continue;
        }
        out.push_str(&head[..head.len() - 1 - digits]);
        out.push_str("<ago>");
        rest = rest[i + 4..].trim_start_matches(' ');
        out.push(' ');
    }
    out.push_str(rest);
    out
}

#[test]
fn the_mask_keeps_the_layout_and_hides_what_changes() {
    let screen =
        "11s ago  UpdateTimeToLive on scr-1234567890-events at 2000-12-07T01:58:03.970\n3m ago   x";
    assert_eq!(
        mask(screen, "scr-1234567890"),
        "<ago> UpdateTimeToLive on scr-XXXXXXXXXX-events at <time>\n<ago> x"
    );
    assert_eq!(mask("a while ago", "scr-1234567890"), "a while ago");
}

#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn the_first_screen_of_each_check_is_reviewed() {
    let mut w = World::new("screens");
    // A name of one length every run: a longer name wraps the lines that hold it differently.
    let unique: u64 = w.env.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    w.env = format!("scr-{:010}", unique % 10_000_000_000);
    assert_eq!(w.env.len(), ENV_MASK.len());
    w.create_table();
    let events: Vec<String> = (0..3)
        .map(|i| {
            format!(
                r#"{{"user_id":"u{i}","event_type":"t","payload":{{"n":{i}}},"timestamp":"{}"}}"#,
                common::rfc3339(common::hours_ago(i + 1))
            )
        })
        .collect();
    let input = common::ndjson(&events);
    w.run(&["events", "import", input.path().to_str().unwrap()])
        .assert_code(0);
    for check in CHECKS {
        let out = w
            .command()
            .env("COLUMNS", "80")
            .env("NO_COLOR", "1")
            .args(["--color", "never", "--no-progress"])
            .args(check.split_whitespace())
            .output()
            .expect("the binary runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let screen: Vec<&str> = stdout.lines().take(SCREEN_ROWS).collect();
        let name = check
            .split_whitespace()
            .map(|a| a.trim_start_matches('-'))
            .collect::<Vec<_>>()
            .join("_");
        insta::assert_snapshot!(name, mask(&screen.join("\n"), &w.env), check);
    }
}
