//! The demo (scripts/demo.sh), run as a new user runs it but on the test emulator, under this
//! test's own environment name: `health-check monthly` is crit and names each cause of its
//! incident; after the fixes every finding is ok but the alarms' (the emulator stores metric-math
//! alarms without their math and never evaluates them) and access advisor's (the emulator's
//! completes with no data). With an emulator patched to evaluate alarms, the verdict is OK
//! (`demo_ends_ok_with_the_patched_emulator`).

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

/// An alarm's own finding or its backtest's: what an emulator that evaluates alarms shows.
fn is_alarm_finding(check: &str) -> bool {
    check.starts_with("alarm.") || check.starts_with("alarm_backtest.")
}

/// One run of the demo: its stdout, and the directory of its reports.
struct DemoRun {
    stdout: String,
    out: tempfile::TempDir,
    consumer: String,
}

/// `latency`: the demo also publishes the API's timed requests (only with an emulator that
/// evaluates each alarm on its own dimensions: plain ministack would set every test's latency
/// alarms with them).
async fn run_demo(name: &str, latency: bool) -> DemoRun {
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
        .env("DEMO_LATENCY", if latency { "1" } else { "" })
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

/// After the fixes: each cause fixed, and every finding that is not an alarm's ok, but for
/// access advisor's, which the emulator completes with no data.
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
    expect(
        after,
        "pitr.window",
        "ok",
        "all of it since PITR was enabled at ",
    );
    expect(after, "alarm.consumer-iterator-age", "ok", "state OK");
    expect(after, "alarm.consumer-errors", "ok", "state OK");
    expect(
        after,
        "alarm.consumer_mapping",
        "ok",
        "reads the table's stream",
    );
    let not_ok: Vec<&Value> = findings(after)
        .iter()
        .filter(|f| f["status"] != "ok" && !is_alarm_finding(f["check"].as_str().unwrap()))
        .collect();
    // At most one, and only this one: the consumer's unused permissions, unknown because the
    // emulator's access advisor completes with no data (on AWS it lists what was used).
    let unused = format!("iam.unused.{consumer}");
    assert!(
        not_ok.iter().all(|f| f["check"] == unused.as_str()
            && f["status"] == "unknown"
            && f["summary"]
                .as_str()
                .unwrap()
                .contains("access advisor's completed report lists no service at all (no data)")),
        "every finding but the alarms' and access advisor's is ok: {not_ok:#?}"
    );
    for name in [
        "capacity",
        "throttling",
        "ttl",
        "stream",
        "pitr",
        "table",
        "cost",
        "changes",
    ] {
        assert_eq!(part(after, name), "ok", "part {name}: {after:#}");
    }
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn the_demo_is_crit_naming_each_cause_then_fixes_each_one() {
    let demo = run_demo("demo", false).await;
    let stdout = &demo.stdout;
    // It says whose metrics these are.
    for words in [
        "The emulator publishes no AWS/DynamoDB or AWS/Lambda metrics",
        "real CloudWatch refuses",
        "The emulator's alarm evaluation is patched",
        "$ eventsctl table fix",
    ] {
        assert!(stdout.contains(words), "{stdout}");
    }
    assert_before(&report(demo.out.path(), "before"), &demo.consumer);
    let after = report(demo.out.path(), "after");
    assert_after(&after, &demo.consumer);
    // Every alarm but the latency ones (no request latency in this run) is as specified and
    // evaluated as CloudWatch evaluates it (the emulator's patch layer): the throttle alarms'
    // math, SystemErrors, TTL deletes (published each hour until TTL was switched off) and the
    // consumer's alarms are OK.
    for f in findings(&after) {
        let check = f["check"].as_str().unwrap();
        if check.starts_with("alarm.") && !check.ends_with("-latency") {
            assert_eq!(f["status"], "ok", "{f:#}");
        }
    }
    // What is not ok is what the emulator cannot show, and the demo says so next to each.
    for f in findings(&after).iter().filter(|f| f["status"] != "ok") {
        assert!(
            stdout.contains(f["check"].as_str().unwrap()),
            "{f:#}\n{stdout}"
        );
    }
    if after["status"] != "ok" {
        assert!(
            stdout.contains("Still not ok: the emulator cannot show it"),
            "{stdout}"
        );
    }
}

/// What `scripts/emulator.sh status` prints of an emulator running with the patch layer.
const PATCHED_STATUS: &str = ", patched: CloudWatch alarms (scripts/ministack_patch)";

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

/// Issue 27's end: with an emulator that evaluates alarms, the demo's last health check is OK.
/// Skipped, saying why, on an emulator without the patch (the alarms stay unknown there, and
/// `the_demo_is_crit_naming_each_cause_then_fixes_each_one` asserts all the rest).
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn demo_ends_ok_with_the_patched_emulator() {
    if let Err(why) = patched_emulator() {
        eprintln!("skipped: {why}");
        return;
    }
    let demo = run_demo("demo-ok", true).await;
    assert_before(&report(demo.out.path(), "before"), &demo.consumer);
    let after = report(demo.out.path(), "after");
    assert_after(&after, &demo.consumer);
    let not_ok: Vec<&Value> = findings(&after)
        .iter()
        .filter(|f| f["status"] != "ok")
        .collect();
    assert!(not_ok.is_empty(), "not ok after the fixes: {not_ok:#?}");
    assert_eq!(after["status"], "ok", "{after:#}");
    assert!(
        demo.stdout
            .contains("each cause of the incident is fixed, and the monthly health check is OK"),
        "{}",
        demo.stdout
    );
}
