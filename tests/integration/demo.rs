//! The demo (scripts/demo.sh), run as a new user runs it but on the test emulator (with its
//! patch layer: alarm evaluation and IAM access advisor), under this test's own environment name:
//! `health-check monthly` is crit and names each cause of its incident; after the fixes every
//! finding is ok, the alarms and their backtests included, and so is the verdict. The consumer's
//! unused permissions are judged from a real access advisor report: the services its role's
//! policies allow, and its use of DynamoDB from what the emulator did as that role (its event
//! source mapping reading the stream); a role minutes old is listed, not flagged.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{self, World};

/// A new user's first run must stay short on a built tree.
const DEMO_LIMIT: Duration = Duration::from_secs(60);

/// The command the remedies of TTL switched off name (`ttl.status`, `changes.ttl`).
const TABLE_FIX: &str = "`eventsctl table fix`";

fn report(dir: &std::path::Path, name: &str) -> Value {
    let path = dir.join(format!("demo-{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn findings(v: &Value) -> &Vec<Value> {
    v["findings"].as_array().unwrap()
}

/// The finding `check`, with its status and the words its summary must hold.
fn expect<'v>(v: &'v Value, check: &str, status: &str, words: &str) -> &'v Value {
    let f = findings(v)
        .iter()
        .find(|f| f["check"] == check)
        .unwrap_or_else(|| panic!("no {check} in {v:#}"));
    assert_eq!(f["status"], status, "{f:#}");
    assert!(
        f["summary"].as_str().unwrap().contains(words),
        "{check} does not say {words:?}: {f:#}"
    );
    f
}

fn part(v: &Value, name: &str) -> String {
    v["data"]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["part"] == name)
        .unwrap_or_else(|| panic!("no part {name}"))["status"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// One run of the demo: its stdout, and the directory of its reports.
struct DemoRun {
    stdout: String,
    out: tempfile::TempDir,
    consumer: String,
}

async fn run_demo(name: &str) -> DemoRun {
    // It loads the emulator for seconds (imports, whole-table scans) and is timed.
    let _heavy = common::emulator_heavy().await;
    let w = World::new(name);
    let out = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let run = Command::new("bash")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/demo.sh"))
        .env("DEMO_ENDPOINT", &w.endpoint)
        .env("DEMO_ENV", &w.env)
        .env("DEMO_PREFIX", common::PREFIX)
        .env("DEMO_OUT", out.path())
        .env("EVENTSCTL_BIN", common::bin())
        .env("EVENTSCTL_STATE_DIR", w.state_dir())
        .env("COLUMNS", "100")
        .stdin(Stdio::null())
        .output()
        .expect("bash runs the demo");
    let took = started.elapsed();
    let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stdout}\n{stderr}");
    assert!(took < DEMO_LIMIT, "the demo took {took:?}");
    eprintln!("the demo took {took:?}");
    DemoRun {
        stdout,
        out,
        consumer: format!("{}-{}-consumer", common::PREFIX, w.env),
    }
}

/// Before the fixes: crit, and each cause named (the hot user's burst too, though it stopped:
/// not sustained throttling, so ok for the month); TTL switched off names its way back.
fn assert_before(before: &Value, consumer: &str) {
    assert_eq!(before["status"], "crit", "{before:#}");
    let cause = expect(
        before,
        "throttling.cause",
        "ok",
        "hot partition: key-range throttling on table (60) in the last 30d: one burst, 5 min long",
    );
    assert!(
        cause["summary"]
            .as_str()
            .unwrap()
            .ends_with("none since: not sustained"),
        "{cause:#}"
    );
    assert_eq!(cause["evidence"]["causes"][0], "hot_partition", "{cause:#}");
    expect(before, "throttling.table", "ok", "60 write / 0 read");
    expect(before, "ttl.milliseconds", "warn", "40 items");
    let ttl = expect(before, "ttl.status", "crit", "DISABLED");
    let change = expect(
        before,
        "changes.ttl",
        "crit",
        "TTL disabled (attribute `ttl`)",
    );
    expect(before, "changes.ttl", "crit", "user/jane-from-ops");
    for f in [ttl, change] {
        let remedy = f["remedy"].as_str().unwrap_or_default();
        assert!(remedy.contains(TABLE_FIX), "{f:#}");
    }
    expect(
        before,
        &format!("stream.iterator_age.{consumer}"),
        "warn",
        "the consumer is falling behind",
    );
    // The traffic is metered: consumed capacity to price.
    expect(before, "capacity.cost", "ok", "WRU");
}

/// After the fixes: each cause fixed, every finding ok, and the verdict OK.
fn assert_after(after: &Value, consumer: &str) {
    expect(after, "ttl.status", "ok", "ENABLED on `ttl`");
    expect(after, "table.ttl", "ok", "ENABLED");
    expect(after, "ttl.milliseconds", "ok", "no items");
    assert!(
        findings(after).iter().all(|f| f["check"] != "changes.ttl"),
        "{after:#}"
    );
    expect(after, "throttling.cause", "ok", "not sustained");
    expect(
        after,
        &format!("stream.iterator_age.{consumer}"),
        "ok",
        "in the last hour: caught up",
    );
    // A minute of history is all a table a minute old can have. When PITR came on is read from
    // CloudTrail's UpdateContinuousBackups, else the table's creation: the emulator answers a
    // lookup with one page of its 50 newest events and the API's timed requests are recorded
    // under the table's name too, so either may be the one named.
    let pitr = expect(after, "pitr.window", "ok", "all of it since ");
    let said = pitr["summary"].as_str().unwrap();
    assert!(
        said.contains("since PITR was enabled at ")
            || said.contains("since the table was created at "),
        "{pitr:#}"
    );
    expect(after, "alarm.consumer-iterator-age", "ok", "state OK");
    expect(after, "alarm.consumer-errors", "ok", "state OK");
    expect(
        after,
        "alarm.consumer_mapping",
        "ok",
        "reads the table's stream",
    );
    // The API's timed requests, published in a complete period, are the latency alarms'
    // evidence and their backtests'.
    for op in ["write", "read"] {
        expect(
            after,
            &format!("alarm.dynamodb-{op}-latency"),
            "ok",
            "state OK",
        );
        expect(
            after,
            &format!("alarm_backtest.dynamodb-{op}-latency"),
            "ok",
            "would never have fired",
        );
    }
    // The hot user's burst breached the throttle alarm in one period: fewer than the 2 of 2 it
    // needs, a blip it is built to ignore.
    expect(
        after,
        "alarm_backtest.events-table-throttles",
        "ok",
        "fewer than the 2 of 2 it needs to fire",
    );
    // The consumer's unused permissions, from a real report: its role used DynamoDB (the
    // mapping read the stream as that role), per service only (DynamoDB's actions are not
    // tracked one by one in the patch layer's model, docs/emulator.md), and the role is minutes
    // old: not judged yet, ok.
    let unused = expect(
        after,
        &format!("iam.unused.{consumer}"),
        "ok",
        "IAM reports DynamoDB use for this role per service only: it was used, which actions is unknown; the role is 0 days old: unused actions are judged after 90 days",
    );
    assert_eq!(
        unused["evidence"]["unused"]["knowledge"], "service",
        "{unused:#}"
    );
    assert_eq!(unused["evidence"]["unused"]["judged"], false, "{unused:#}");
    let used = unused["evidence"]["unused"]["service_last_used"]
        .as_str()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .unwrap_or_else(|| panic!("no service_last_used: {unused:#}"));
    assert!(
        chrono::Utc::now().signed_duration_since(used) < chrono::Duration::minutes(10),
        "DynamoDB used during the demo: {unused:#}"
    );
    let not_ok: Vec<&Value> = findings(after)
        .iter()
        .filter(|f| f["status"] != "ok")
        .collect();
    assert!(not_ok.is_empty(), "every finding is ok: {not_ok:#?}");
    for name in [
        "capacity",
        "throttling",
        "ttl",
        "stream",
        "pitr",
        "alarms",
        "alarm backtest",
        "table",
        "cost",
        "changes",
        "iam",
    ] {
        assert_eq!(part(after, name), "ok", "part {name}: {after:#}");
    }
    // The verdict follows the findings (docs/evidence.md).
    assert_eq!(after["status"], "ok", "{after:#}");
}

/// What `scripts/emulator.sh status` prints of an emulator running with the patch layer.
const PATCHED_STATUS: &str =
    ", patched: CloudWatch alarms, IAM access advisor (scripts/ministack_patch)";

/// Whether the test emulator evaluates alarms (the patch layer `scripts/emulator.sh` starts,
/// which says so in its status), or why not.
fn patched_emulator() -> Result<(), String> {
    if std::env::var_os("EVENTSCTL_EMULATOR_PATCHED").is_some() {
        return Ok(());
    }
    let status = Command::new("bash")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/emulator.sh"))
        .arg("status")
        .output()
        .map_err(|e| format!("scripts/emulator.sh status did not run: {e}"))?;
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&status.stdout),
        String::from_utf8_lossy(&status.stderr)
    );
    if said.contains(PATCHED_STATUS) {
        Ok(())
    } else {
        Err(format!(
            "`scripts/emulator.sh status` does not report the alarm-evaluation patch ({}); set EVENTSCTL_EMULATOR_PATCHED=1 to run it anyway",
            said.trim()
        ))
    }
}

/// Issue 27's story on the patched emulator (which scripts/test.sh and /work/wt/runtests.sh
/// start): crit naming each cause, then every cause fixed, every alarm evaluated OK, access
/// advisor's report from the emulator's own activity, and the verdict OK.
/// Skipped, saying why, on an emulator started without the patch (an older script's).
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn the_demo_is_crit_naming_each_cause_then_fixes_each_one() {
    if let Err(why) = patched_emulator() {
        eprintln!("skipped: {why}");
        return;
    }
    let demo = run_demo("demo").await;
    let stdout = &demo.stdout;
    // Its lines are wrapped to the terminal: the words are looked for across line breaks.
    let flat = stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for words in [
        // Whose metrics these are.
        "The emulator publishes no AWS/DynamoDB or AWS/Lambda metrics",
        "real CloudWatch refuses",
        "The emulator's alarm evaluation is patched",
        "Its IAM access advisor comes from the same patch layer",
        "the emulator's own activity (its event source mapping reading the stream as the function's role)",
        "$ eventsctl table fix",
        // The timed requests, and where they are published.
        "Published as the SuccessfulRequestLatency of the traffic's last complete 5-minute",
        // The ending.
        "Result: OK (",
        "So: each cause of the incident is fixed, and the monthly health check is OK.",
    ] {
        assert!(flat.contains(words), "{words:?} not in:\n{stdout}");
    }
    assert_before(&report(demo.out.path(), "before"), &demo.consumer);
    assert_after(&report(demo.out.path(), "after"), &demo.consumer);
    assert!(
        stdout.contains(&format!("iam.unused.{}", demo.consumer)),
        "{stdout}"
    );
}
