//! Faults (tests/faults/*.yaml) injected by a microburst proxy between the binary and the
//! emulator: nothing is lost, nothing is duplicated, and a failed read never reads as all-clear.
//! Crash safety: an import killed with SIGKILL and run again lands every event exactly once.

use std::process::Stdio;
use std::time::Duration;

use crate::common::{self, Proxy, World, count_items, ndjson, seed_metric};
use aws_sdk_dynamodb::types::AttributeValue;

fn events(n: usize, users: usize) -> Vec<String> {
    let base = chrono::Utc::now() - chrono::Duration::hours(3);
    (0..n)
        .map(|i| {
            serde_json::json!({
                "user_id": format!("fault-user-{}", i % users),
                "event_type": if i % 2 == 0 { "click" } else { "view" },
                "timestamp": (base + chrono::Duration::milliseconds(i as i64)).to_rfc3339(),
                "payload": {"i": i},
            })
            .to_string()
        })
        .collect()
}

/// The split must not depend on the machine's load: an attempt that times out on a busy machine
/// loses its answer as the proxy's cut does (run it with both cores busy: `yes >/dev/null`).
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn import_of_10000_through_throttling_errors_and_resets_lands_exactly_once() {
    let w = World::new("fault-import");
    w.create_table();
    let proxy = Proxy::start("import.yaml");
    let f = ndjson(&events(10_000, 97));
    let r = w.run_via(
        &proxy,
        &common::import_json(f.path(), &["--concurrency", "16"]),
    );
    r.assert_code(0);
    let d = &r.json()["data"];
    // Exactly: an insert whose answer was lost landed in this run, and is written, not
    // "already present" (it was reported so under load: 9,825 written + 175 present).
    assert_eq!(
        (
            d["written"].as_u64(),
            d["already_present"].as_u64(),
            d["failed"].as_u64()
        ),
        (Some(10_000), Some(0), Some(0)),
        "{d}"
    );
    let fired = proxy.fired();
    assert!(
        fired.iter().any(|(k, n)| k.contains("abort") && *n > 0),
        "answers were lost after the inserts landed: {fired:?}"
    );
    let faults: usize = fired
        .iter()
        .filter(|(k, _)| !k.ends_with("latency"))
        .map(|(_, v)| v)
        .sum();
    assert!(faults > 50, "faults were injected: {fired:?}");
    assert!(
        fired
            .keys()
            .any(|k| k.contains("Throttl") || k.contains("ProvisionedThroughput")),
        "{fired:?}"
    );
    let ddb = w.dynamodb().await;
    assert_eq!(
        count_items(&ddb, &w.table()).await,
        10_000,
        "no loss, no duplicates"
    );
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn a_failed_metrics_read_is_unknown_never_all_clear() {
    let w = World::new("fault-metrics");
    w.create_table();
    let proxy = Proxy::start("metrics-down.yaml");
    let r = w.run_via(&proxy, &["-o", "json", "diagnose", "throttling"]);
    r.assert_code(3);
    let f = r.finding("throttling.metrics");
    assert_eq!(f["status"], "unknown");
    assert!(
        f["summary"]
            .as_str()
            .unwrap()
            .contains("not \"no throttling\""),
        "{f}"
    );
    assert!(
        r.json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["check"] != "throttling.cause"),
        "no cause verdict without data"
    );
    let l = w.run_via(&proxy, &["-o", "json", "diagnose", "latency"]);
    l.assert_code(3);
}

/// Each read command, with and without faults: the same verdict, or `unknown` with the reason.
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn read_commands_keep_their_verdict_or_say_unknown() {
    let w = World::new("fault-reads");
    w.create_table();
    // A known state: a sustained hot-partition incident and some overdue items.
    let cw = w.cloudwatch().await;
    let t = w.table();
    let incident = [(32, 40.0, 1.0), (37, 55.0, 1.0)];
    seed_metric(
        &cw,
        "WriteThrottleEvents",
        &[("TableName", t.as_str())],
        &incident,
    )
    .await;
    seed_metric(
        &cw,
        "WriteKeyRangeThroughputThrottleEvents",
        &[("TableName", t.as_str())],
        &incident,
    )
    .await;
    let f = ndjson(&events(2000, 13));
    w.run(&["events", "import", f.path().to_str().unwrap()])
        .assert_code(0);
    common::keep_expired_items(&w).await;
    let ddb = w.dynamodb().await;
    let now = chrono::Utc::now();
    for i in 0..5 {
        let ts =
            (now - chrono::Duration::days(40)).to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
        ddb.put_item()
            .table_name(&t)
            .item("user_id", AttributeValue::S("old".into()))
            .item("timestamp#event_id", AttributeValue::S(format!("{ts}#{i}")))
            .item("timestamp", AttributeValue::S(ts))
            .item(
                "ttl",
                AttributeValue::N((now - chrono::Duration::days(10)).timestamp().to_string()),
            )
            .send()
            .await
            .unwrap();
    }
    let proxy = Proxy::start("reads.yaml");
    // Each command and the verdict of its fault-free run on the seeded state (what the faulty
    // run is compared with): the incident is crit, the overdue items a warning (check-ttl is crit:
    // TTL is kept off so that the emulator does not delete them), the stream has no consumer (a
    // warning) and its probe passes.
    type Case<'a> = (&'a [&'a str], i32, Option<(&'a str, &'a str)>);
    let cases: [Case; 4] = [
        (
            &["diagnose", "throttling"],
            2,
            Some(("throttling.cause", "crit")),
        ),
        (&["check-ttl", "--full"], 2, Some(("ttl.overdue", "warn"))),
        (
            &["stream-status", "--probe"],
            1,
            Some(("stream.probe", "ok")),
        ),
        (
            &["health-check", "monthly"],
            2,
            Some(("throttling.cause", "crit")),
        ),
    ];
    for (args, clean_code, clean_finding) in cases {
        let mut all = vec!["-o", "json"];
        all.extend_from_slice(args);
        let clean = w.run(&all);
        assert_eq!(
            clean.code, clean_code,
            "{args:?} without faults\n{}",
            clean.stdout
        );
        if let Some((check, status)) = clean_finding {
            let found = clean.json()["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["check"] == check && f["status"] == status);
            assert!(
                found,
                "{args:?} without faults: {check} is {status}\n{}",
                clean.stdout
            );
        }
        let faulty = w.run_via(&proxy, &all);
        assert!(
            faulty.code == clean.code || faulty.code == 3,
            "{args:?}: {} without faults, {} with\n{}",
            clean.code,
            faulty.code,
            faulty.stdout
        );
        assert!(!faulty.stderr.contains("panicked"), "{}", faulty.stderr);
        let v = faulty.json();
        if faulty.code == 3 {
            // Unknown says why.
            let unknown: Vec<&serde_json::Value> = v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["status"] == "unknown")
                .collect();
            assert!(
                !unknown.is_empty()
                    && unknown
                        .iter()
                        .all(|f| !f["summary"].as_str().unwrap().is_empty()),
                "{args:?}"
            );
        }
        // The verdicts that did come through match.
        for check in ["throttling.cause", "ttl.overdue"] {
            let pick = |r: &common::Run| {
                r.json()["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|f| f["check"] == check)
                    .map(|f| f["status"].clone())
            };
            if let (Some(a), Some(b)) = (pick(&clean), pick(&faulty)) {
                assert!(a == b || b == "unknown", "{args:?} {check}: {a} vs {b}");
            }
        }
    }
    let fired = proxy.fired();
    for service in [
        "dynamodb error",
        "cloudwatch error",
        "dynamodbstreams error",
    ] {
        assert!(
            fired.keys().any(|k| k.starts_with(service)),
            "faults hit {service}: {fired:?}"
        );
    }
    assert_eq!(
        count_items(&ddb, &t).await,
        2005,
        "reads changed nothing (the probe removed its canary)"
    );
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn failed_out_file_lands_exactly_what_was_missing() {
    let w = World::new("fault-failed-out");
    w.create_table();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("events.ndjson");
    std::fs::write(&input, events(2000, 11).join("\n")).unwrap();
    let proxy = Proxy::start("validation.yaml");
    // The proxy loads DynamoDB's service model on its first request (seconds on a busy machine):
    // a call that warms it first keeps the import's first attempt inside its timeout, so each of
    // the eight faults meets one batch (a timed-out attempt would be sent again and take two).
    w.run_via(&proxy, &["table", "describe"]).assert_code(0);
    let r = w.run_via(
        &proxy,
        &common::import_json(&input, &["--concurrency", "1"]),
    );
    r.assert_code(1);
    let d = &r.json()["data"];
    assert_eq!(d["failed"], 200, "8 rejected batches of 25: {d}");
    assert_eq!(d["written"], 1800);
    let failed_out = d["failed_out"].as_str().unwrap().to_owned();
    // In the private state directory, named after the input, with a name of the run's own.
    let path = std::path::Path::new(&failed_out);
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        path.parent() == Some(w.state_dir().as_path())
            && name.starts_with("events.ndjson.failed.")
            && name.ends_with(".ndjson"),
        "{failed_out}"
    );
    assert_eq!(
        std::fs::read_to_string(&failed_out)
            .unwrap()
            .lines()
            .count(),
        200
    );
    let ddb = w.dynamodb().await;
    assert_eq!(count_items(&ddb, &w.table()).await, 1800);
    let again = w.run(&["-o", "json", "events", "import", &failed_out]);
    again.assert_code(0);
    assert_eq!(again.json()["data"]["written"], 200);
    assert_eq!(
        count_items(&ddb, &w.table()).await,
        2000,
        "exactly what was missing, no duplicates"
    );
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn import_killed_mid_way_and_run_again_lands_exactly_50000() {
    let w = World::new("fault-crash");
    w.create_table();
    let f = ndjson(&events(50_000, 501));
    let mut child = w
        .command()
        .args([
            "events",
            "import",
            f.path().to_str().unwrap(),
            "--concurrency",
            "4",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let ddb = w.dynamodb().await;
    // Kill it once part of the file has landed (waiting for that, not for a fixed time: on a
    // loaded machine the validation pass alone can take tens of seconds).
    let mut landed = 0;
    for _ in 0..3000 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        landed = count_items(&ddb, &w.table()).await;
        if landed >= 5_000 || child.try_wait().unwrap().is_some() {
            break;
        }
    }
    std::process::Command::new("kill")
        .args(["-9", &child.id().to_string()])
        .status()
        .unwrap();
    let _ = child.wait();
    let partial = count_items(&ddb, &w.table()).await;
    assert!(
        partial > 0 && partial < 50_000,
        "killed mid-way: {partial} landed ({landed} seen)"
    );
    let again = w.run(&common::import_json(f.path(), &["--concurrency", "8"]));
    again.assert_code(0);
    assert_eq!(count_items(&ddb, &w.table()).await, 50_000);
}

/// A DynamoDB that answers too slowly (20 s a BatchExecuteStatement): the import stops at its
/// --timeout, its failed file holds every event not known to have landed, and importing that
/// file completes the import with nothing duplicated. (Each attempt gets a third of the limit,
/// so the SDK's retries fit inside it instead of multiplying into minutes.)
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn import_through_a_slow_endpoint_stops_at_its_timeout_and_keeps_what_did_not_land() {
    let w = World::new("fault-slow");
    w.create_table();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("slow.ndjson");
    std::fs::write(&input, events(300, 7).join("\n")).unwrap();
    let proxy = Proxy::start("slow-writes.yaml");
    let started = std::time::Instant::now();
    let r = w.run_via(&proxy, &common::import_json(&input, &["--timeout", "10s"]));
    let took = started.elapsed();
    r.assert_code(1);
    assert!(
        took < Duration::from_secs(20),
        "stopped at its limit: {took:?}"
    );
    let d = &r.json()["data"];
    assert_eq!(d["failed"], 300, "{d}");
    assert!(
        d["stopped"].as_str().unwrap().contains("time ran out"),
        "{d}"
    );
    let failed_out = d["failed_out"].as_str().unwrap().to_owned();
    assert_eq!(
        std::fs::read_to_string(&failed_out)
            .unwrap()
            .lines()
            .count(),
        300
    );
    // The slow writes may still land behind the proxy; the re-run finds those present.
    let again = w.run(&["-o", "json", "events", "import", &failed_out]);
    again.assert_code(0);
    let a = &again.json()["data"];
    assert_eq!(
        a["written"].as_u64().unwrap() + a["already_present"].as_u64().unwrap(),
        300,
        "{a}"
    );
    // A fixed wait, the one left: the writes the proxy holds (20 s each) leave nothing to poll
    // for when they land (the same items, already present), so the count waits them out.
    tokio::time::sleep(Duration::from_secs(12)).await;
    let ddb = w.dynamodb().await;
    assert_eq!(
        count_items(&ddb, &w.table()).await,
        300,
        "no loss, no duplicates"
    );
}
