//! Production scale through the real binary against the emulator: the full scan's estimate and
//! production confirmation, its read budget, a resume after a kill that counts nothing twice,
//! samples whose intervals contain the truth, PITR exports read by both engines, and the
//! restore reference count from an export's manifest.

mod exports;

use std::time::Duration;

use crate::common::{self, World, count_items};
use aws_sdk_dynamodb::types::{AttributeValue, PutRequest, WriteRequest};
use chrono::Utc;
use serde_json::Value;

const DAY: i64 = 86_400;

/// One stored event as the tool writes it, with a chosen `ttl` (None: missing).
fn event(
    user: &str,
    id: &str,
    ts: chrono::DateTime<Utc>,
    ttl: Option<AttributeValue>,
) -> WriteRequest {
    let ts = ts.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let mut item = common::event_item(user, id, &ts, ttl);
    item.insert("event_type".to_owned(), AttributeValue::S("click".into()));
    WriteRequest::builder()
        .put_request(PutRequest::builder().set_item(Some(item)).build().unwrap())
        .build()
}

async fn write_all(w: &World, requests: Vec<WriteRequest>) {
    let ddb = w.dynamodb().await;
    for chunk in requests.chunks(25) {
        let out = ddb
            .batch_write_item()
            .request_items(w.table(), chunk.to_vec())
            .send()
            .await
            .expect("BatchWriteItem");
        assert!(
            out.unprocessed_items().is_none_or(|u| u.is_empty()),
            "the emulator does not throttle"
        );
    }
}

fn num(v: i64) -> Option<AttributeValue> {
    Some(AttributeValue::N(v.to_string()))
}

/// `n` events over 50 users; every user's every tenth event has no ttl and every fourth (not
/// tenth) is overdue (expired 5 days ago), the rest live: 10 % missing, 22.5 % overdue in
/// every user's events (the unit tests of `scale::stats` cover classes clustered by user).
async fn seed(w: &World, n: usize) -> (u64, u64) {
    let now = Utc::now();
    let (mut missing, mut overdue) = (0, 0);
    let requests = (0..n)
        .map(|i| {
            let ts = now - chrono::Duration::hours(2) + chrono::Duration::milliseconds(i as i64);
            let j = i / 50; // the event's rank within its user
            let ttl = if j % 10 == 0 {
                missing += 1;
                None
            } else if j % 4 == 0 {
                overdue += 1;
                num(now.timestamp() - 5 * DAY)
            } else {
                num(ts.timestamp() + 30 * DAY)
            };
            event(&format!("user-{:03}", i % 50), &format!("e{i}"), ts, ttl)
        })
        .collect();
    write_all(w, requests).await;
    (missing, overdue)
}

fn tally(r: &common::Run) -> Value {
    r.json()["data"]["tally"].clone()
}

fn counts(t: &Value) -> Vec<(String, Value)> {
    std::iter::once(("scanned".to_owned(), t["scanned"].clone()))
        .chain(
            common::TTL_CLASSES
                .iter()
                .map(|c| ((*c).to_owned(), t[c]["count"].clone())),
        )
        .collect()
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn full_scan_on_production_is_priced_and_needs_yes() {
    let _heavy = common::emulator_heavy().await;
    let w = World::new("scale-confirm");
    w.create_table();
    common::keep_expired_items(&w).await;
    seed(&w, 300).await;
    let table = w.table();
    let prod = |extra: &[&str]| {
        let mut args = vec![
            "--env",
            "prod",
            "--table",
            &table,
            "-o",
            "json",
            "check-ttl",
            "--full",
        ];
        args.extend_from_slice(extra);
        w.run(&args)
    };
    // The estimate alone reads nothing and says items, read units, time and price.
    let est = prod(&["--estimate", "--read-rate", "10"]);
    est.assert_code(0);
    let e = &est.json()["data"]["estimate"];
    assert_eq!(e["items"], 300, "{e}");
    assert!(e["read_units"].as_f64().unwrap() > 0.0, "{e}");
    assert!(e["seconds"].as_f64().unwrap() > 0.0, "{e}");
    assert!(e["price_usd"].as_f64().is_some(), "{e}");
    // Above the threshold, production needs --yes: one line on stderr with the estimate.
    // A check that could not run as asked: unknown (3), nothing read.
    let refused = prod(&["--confirm-above", "1"]);
    refused.assert_code(3);
    assert_eq!(
        refused.stderr.trim().lines().count(),
        1,
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("production")
            && refused.stderr.contains("read units")
            && refused.stderr.contains("--yes"),
        "{}",
        refused.stderr
    );
    // `-o json`: the envelope with the refusal and nothing read (docs/json.md).
    let v = refused.json();
    assert_eq!(v["error"]["kind"], "refused", "{}", refused.stdout);
    assert_eq!(v["status"], "unknown");
    assert_eq!(v["data"], serde_json::json!({}));
    // A non-production environment is not asked; --yes reads it on production.
    let ok = prod(&["--confirm-above", "1", "--yes"]);
    assert_eq!(ok.json()["data"]["scope"]["kind"], "full", "{}", ok.stdout);
    assert_eq!(tally(&ok)["scanned"], 300);
    assert_eq!(ok.finding("ttl.scope")["status"], "ok");
    let dev = w.run(&["-o", "json", "check-ttl", "--full", "--confirm-above", "1"]);
    assert_eq!(tally(&dev)["scanned"], 300);
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn read_budget_stops_with_a_partial_answer_and_resume_finishes_it() {
    let _heavy = common::emulator_heavy().await;
    let w = World::new("scale-budget");
    w.create_table();
    common::keep_expired_items(&w).await;
    let (missing, overdue) = seed(&w, 400).await;
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("scan.json");
    let state_s = state.to_str().unwrap();
    // 40 segments, one page each at least; the emulator charges 0.5 units a page.
    let stopped = w.run(&[
        "-o",
        "json",
        "check-ttl",
        "--full",
        "--segments",
        "40",
        "--concurrency",
        "1",
        "--max-read-units",
        "5",
        "--checkpoint",
        state_s,
    ]);
    stopped.assert_code(2); // TTL is off here (crit); the partial scope is unknown
    let scope = stopped.finding("ttl.scope");
    assert_eq!(scope["status"], "unknown", "{scope}");
    assert!(
        scope["summary"].as_str().unwrap().contains("read budget"),
        "{scope}"
    );
    assert!(
        scope["summary"].as_str().unwrap().contains("--resume"),
        "{scope}"
    );
    let seen = tally(&stopped)["scanned"].as_u64().unwrap();
    assert!(seen > 0 && seen < 400, "a partial tally: {seen}");
    assert!(scope["evidence"]["read_units_this_run"].as_f64().unwrap() >= 5.0);
    assert!(state.exists(), "the state file stays for a resume");
    // A new scan may not overwrite the state file.
    w.run(&["check-ttl", "--full", "--checkpoint", state_s])
        .assert_code(64);
    let done = w.run(&["-o", "json", "check-ttl", "--resume", state_s]);
    let t = tally(&done);
    assert_eq!(t["scanned"], 400, "{t}");
    assert_eq!(t["missing"]["count"], missing);
    assert_eq!(t["overdue"]["count"], overdue);
    assert_eq!(done.finding("ttl.scope")["status"], "ok");
    assert!(!state.exists(), "a finished scan removes its state file");
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn resume_after_a_kill_counts_no_item_twice() {
    let _heavy = common::emulator_heavy().await;
    let w = World::new("scale-kill");
    w.create_table();
    common::keep_expired_items(&w).await;
    let (missing, overdue) = seed(&w, 500).await;
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("scan.json");
    let state_s = state.to_str().unwrap().to_owned();
    // Slow on purpose: 0.5 units a page at 2 units/s is 4 pages a second over 60 segments.
    let mut child = w
        .command()
        .args([
            "-o",
            "json",
            "check-ttl",
            "--full",
            "--segments",
            "60",
            "--concurrency",
            "2",
            "--read-rate",
            "2",
            "--checkpoint",
            &state_s,
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait for a saved state with some progress, and for a later one (the scan is under way
    // between checkpoints), then kill -9: no chance to save on the way out.
    let progress = || {
        std::fs::read_to_string(&state)
            .ok()
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
            .map(|v| v["items"].as_u64().unwrap_or(0))
            .filter(|items| *items > 0)
    };
    let first = common::wait_for(Duration::from_secs(60), "a saved state", progress);
    common::wait_for(Duration::from_secs(60), "a later saved state", || {
        progress().filter(|items| *items > first)
    });
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
    let saved_items = saved["items"].as_u64().unwrap();
    assert!(
        saved_items > 0 && saved_items < 500,
        "killed midway: {saved_items}"
    );
    assert_eq!(saved["state"]["scanned"].as_u64().unwrap(), saved_items);

    let done = w.run(&["-o", "json", "check-ttl", "--resume", &state_s]);
    let t = tally(&done);
    assert_eq!(t["scanned"], 500, "each item once: {t}");
    assert_eq!(t["missing"]["count"], missing);
    assert_eq!(t["overdue"]["count"], overdue);
    let scope = done.finding("ttl.scope");
    assert_eq!(scope["status"], "ok", "{scope}");
    assert_eq!(scope["evidence"]["resumed"], true);
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn sample_intervals_contain_the_true_shares() {
    let _heavy = common::emulator_heavy().await;
    let w = World::new("scale-sample");
    w.create_table();
    common::keep_expired_items(&w).await;
    let n = 3000;
    let (missing, overdue) = seed(&w, n).await;
    let r = w.run(&["-o", "json", "check-ttl", "--sample", "1000"]);
    let s = &r.json()["data"]["sample"];
    for (class, truth) in [
        ("missing", missing as f64 / n as f64),
        ("overdue", overdue as f64 / n as f64),
        ("not_number", 0.0),
    ] {
        let p = &s["classes"][class];
        let (low, high) = (p["low"].as_f64().unwrap(), p["high"].as_f64().unwrap());
        assert!(
            low <= truth && truth <= high,
            "{class}: {truth} not in [{low}, {high}]"
        );
        assert!(
            high - low < 0.25,
            "{class}: an interval that says something: {p}"
        );
    }
    let cost = &r.json()["data"]["scope"]["cost"];
    assert_eq!(cost["items"], 1000, "{cost}");
    assert!(
        cost["segments_read"].as_u64().unwrap() >= 5,
        "spread over segments: {cost}"
    );
    assert_eq!(
        cost["total_segments"], 30,
        "about 100 items a segment: {cost}"
    );
    assert!(cost["read_units"].as_f64().unwrap() > 0.0);
    let summary = r.summary("ttl.missing").to_owned();
    assert!(summary.contains("95% CI"), "{summary}");
    assert!(r.summary("ttl.scope").contains("segments"));
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn cleanup_refuses_to_stand_in_for_a_disabled_ttl() {
    let _heavy = common::emulator_heavy().await;
    let w = World::new("scale-cleanup");
    w.create_table();
    common::keep_expired_items(&w).await; // TTL off
    let (_, overdue) = seed(&w, 40).await;
    let ddb = w.dynamodb().await;
    let r = w.run(&["check-ttl", "--cleanup", "--yes"]);
    r.assert_code(1);
    assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("--instead-of-ttl"), "{}", r.stderr);
    assert_eq!(count_items(&ddb, &w.table()).await, 40, "nothing deleted");
    // The dry run still says what it would delete.
    let dry = w.run(&["-o", "json", "check-ttl", "--cleanup"]);
    assert_eq!(
        dry.finding("ttl.cleanup")["evidence"]["candidates"],
        overdue
    );
    // Asked explicitly, it deletes the overdue ones.
    let done = w.run(&[
        "-o",
        "json",
        "check-ttl",
        "--cleanup",
        "--yes",
        "--instead-of-ttl",
    ]);
    assert_eq!(done.finding("ttl.cleanup")["evidence"]["deleted"], overdue);
    assert_eq!(count_items(&ddb, &w.table()).await, 40 - overdue as usize);
}

/// Items of every TTL class, so that the engines are compared on each.
async fn seed_every_class(w: &World) {
    let now = Utc::now();
    let ts = now - chrono::Duration::hours(2);
    let d = chrono::Duration::days(1);
    let mut r = Vec::new();
    for u in 0..6 {
        let user = format!("user-{u}");
        let e = |id: &str, ts, ttl| event(&user, &format!("{id}-{u}"), ts, ttl);
        r.push(e("overdue", now - d * 40, num((now - d * 10).timestamp())));
        r.push(e(
            "fresh",
            now - d * 29,
            num((now - chrono::Duration::hours(1)).timestamp()),
        ));
        r.push(e("live", ts, num((ts + d * 30).timestamp())));
        r.push(e("missing", ts, None));
        r.push(e(
            "string",
            ts,
            Some(AttributeValue::S("1800000000".into())),
        ));
        r.push(e("millis", ts, num((ts + d * 30).timestamp() * 1000)));
        r.push(e("ancient", ts, num((now - d * (6 * 365)).timestamp())));
        r.push(e("far", ts, num((ts + d * 90).timestamp())));
        r.push(e("offset", ts, num((ts + d * 30).timestamp())));
    }
    write_all(w, r).await;
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn both_export_engines_equal_a_full_scan_and_the_manifest_gives_the_restore_count() {
    let _heavy = common::emulator_heavy().await;
    let w = World::new("scale-export");
    w.create_table();
    common::keep_expired_items(&w).await;
    seed_every_class(&w).await;
    // One busy user: 10 more live events.
    let now = Utc::now();
    write_all(
        &w,
        (0..10)
            .map(|i| {
                let ts = now - chrono::Duration::minutes(i);
                event(
                    "big-user",
                    &format!("b{i}"),
                    ts,
                    num(ts.timestamp() + 30 * DAY),
                )
            })
            .collect(),
    )
    .await;
    let bucket = w.create_export_bucket().await;
    let before = Utc::now();
    let started = w.run(&[
        "-o", "json", "export", "start", "--bucket", &bucket, "--prefix", "ddb", "--wait",
    ]);
    started.assert_code(0);
    assert_eq!(
        started.finding("export.status")["status"],
        "ok",
        "{}",
        started.stdout
    );
    let export = started.json()["data"]["export"].clone();
    assert_eq!(export["status"], "COMPLETED", "{export}");
    let written = common::write_export_files(&w, &export).await;
    assert_eq!(written, 64);
    // Started again: the recent completed export is reused, not a second one.
    let again = w.run(&[
        "-o", "json", "export", "start", "--bucket", &bucket, "--prefix", "ddb",
    ]);
    assert_eq!(again.json()["data"]["export"]["arn"], export["arn"]);
    let list = w.run(&["-o", "json", "export", "list"]);
    assert_eq!(list.json()["data"]["exports"].as_array().unwrap().len(), 1);

    let full = w.run(&["-o", "json", "check-ttl", "--full"]);
    let (local, local_calls) =
        w.run_traced(&["-o", "json", "check-ttl", "--from-export", "latest"]);
    let arn = export["arn"].as_str().unwrap();
    let (athena, athena_calls) = w.run_traced(&[
        "-o",
        "json",
        "check-ttl",
        "--from-export",
        arn,
        "--engine",
        "athena",
        "--athena-output",
        &format!("s3://{bucket}/athena/"),
    ]);
    // S3, Athena and Glue calls go through the call log like DynamoDB's (--timeout, -v/-vv, what
    // a run that ran out of time was waiting for): they were not seen at all.
    let declared = eventsctl::spec::iam::declared_operations("check-ttl").unwrap();
    for (calls, want) in [
        (&local_calls, &[("s3", "GetObject")][..]),
        (
            &athena_calls,
            &[
                ("s3", "GetObject"),
                ("s3", "ListObjectsV2"),
                ("glue", "CreateTable"),
                ("athena", "StartQueryExecution"),
                ("athena", "GetQueryResults"),
            ][..],
        ),
    ] {
        for (service, operation) in want {
            assert!(
                calls.contains(&(service.to_string(), operation.to_string())),
                "{service}:{operation} not in the call log: {calls:?}"
            );
        }
        for (service, operation) in calls {
            assert!(
                declared.contains(&(service.as_str(), operation.as_str())),
                "check-ttl called {service}:{operation}, which its policy does not declare"
            );
        }
    }
    let want = counts(&tally(&full));
    assert_eq!(want[0].1, 64, "{}", full.stdout);
    assert_eq!(
        counts(&tally(&local)),
        want,
        "local engine\n{}",
        local.stdout
    );
    assert_eq!(
        counts(&tally(&athena)),
        want,
        "athena engine\n{}{}",
        athena.stdout,
        athena.stderr
    );
    for (r, per_file) in [(&local, "counted"), (&athena, "listed")] {
        assert_eq!(r.json()["data"]["scope"]["kind"], "export");
        let scope = r.finding("ttl.scope");
        assert_eq!(scope["status"], "ok", "{}", r.stdout);
        // Checked against the manifest, file by file (local) or by listing (Athena).
        let m = &scope["evidence"]["manifest"];
        assert_eq!(
            (m["manifest_items"].as_u64(), m["files"].as_u64()),
            (Some(64), Some(3)),
            "{m}"
        );
        assert_eq!(m["per_file"], per_file, "{m}");
        assert_eq!(m["problem"], Value::Null, "{m}");
    }

    // hot-partitions: exact keys from the export, the same by both engines.
    let athena_out = format!("s3://{bucket}/athena/");
    let hot_local = w.run(&["-o", "json", "hot-partitions", "--from-export", "latest"]);
    let hot_athena = w.run(&[
        "-o",
        "json",
        "hot-partitions",
        "--from-export",
        "latest",
        "--engine",
        "athena",
        "--athena-output",
        &athena_out,
    ]);
    let keys = hot_local.json()["data"]["export_keys"].clone();
    assert_eq!(keys["items"], 64, "{}", hot_local.stdout);
    assert_eq!(keys["users"], 7);
    assert_eq!(keys["top"][0], serde_json::json!(["big-user", 10]));
    assert_eq!(
        hot_athena.json()["data"]["export_keys"],
        keys,
        "{}",
        hot_athena.stdout
    );
    assert_eq!(hot_local.finding("hot.export_keys")["status"], "ok");
    for r in [&hot_local, &hot_athena] {
        assert_eq!(r.finding("hot.export_read")["status"], "ok", "{}", r.stdout);
    }

    // health-check quarterly: the exact shape from the export replaces the sample.
    let q = w.run(&[
        "-o",
        "json",
        "health-check",
        "quarterly",
        "--from-export",
        "latest",
    ]);
    assert_eq!(
        q.finding("quarterly.export_keys")["evidence"]["items"],
        64,
        "{}",
        q.stdout
    );
    assert_eq!(q.finding("quarterly.item_sizes")["status"], "ok");
    // Written behind the tool's back, the seeded items lack the GSI sort keys.
    let gsi = q.finding("quarterly.gsi_keys.EventTypeIndex");
    assert_eq!(gsi["status"], "warn", "{gsi}");
    assert_eq!(gsi["evidence"]["missing"], 64);
    w.run(&[
        "health-check",
        "quarterly",
        "--from-export",
        "latest",
        "--engine",
        "athena",
    ])
    .assert_code(64);

    // The restore check's reference: the item count at a time, from the export's manifest.
    let ddb = w.dynamodb().await;
    let table_arn = ddb
        .describe_table()
        .table_name(w.table())
        .send()
        .await
        .unwrap()
        .table()
        .unwrap()
        .table_arn()
        .unwrap()
        .to_owned();
    let s3c = w.s3().await;
    let at = eventsctl::scale::export::item_count_at(&ddb, &s3c, &table_arn, Utc::now())
        .await
        .unwrap()
        .expect("an export before now");
    assert_eq!(at.1, 64);
    assert_eq!(at.0.arn, arn);
    let none = eventsctl::scale::export::item_count_at(
        &ddb,
        &s3c,
        &table_arn,
        before - chrono::Duration::hours(1),
    )
    .await
    .unwrap();
    assert!(none.is_none(), "no export that old");
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn a_failed_segment_is_reported_while_the_others_finish() {
    let _heavy = common::emulator_heavy().await;
    let w = World::new("scale-segment");
    w.create_table();
    common::keep_expired_items(&w).await;
    let (missing, _) = seed(&w, 400).await;
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("scan.json");
    let state_s = state.to_str().unwrap();
    let proxy = common::Proxy::start("scan-segment.yaml");
    let r = w.run_via(
        &proxy,
        &[
            "-o",
            "json",
            "check-ttl",
            "--full",
            "--segments",
            "8",
            "--checkpoint",
            state_s,
        ],
    );
    let scope = r.finding("ttl.scope");
    assert_eq!(scope["status"], "unknown", "{scope}");
    assert!(
        scope["summary"]
            .as_str()
            .unwrap()
            .contains("1 segment failed"),
        "{scope}"
    );
    assert_eq!(scope["evidence"]["failed"][0][0], 3, "{scope}");
    assert_eq!(
        scope["evidence"]["segments_done"], 7,
        "the other segments finished"
    );
    let seen = tally(&r)["scanned"].as_u64().unwrap();
    assert!(seen > 0 && seen < 400, "{seen}");
    assert!(state.exists());
    // Without the fault, the resume reads the failed segment only: every item once.
    let done = w.run(&["-o", "json", "check-ttl", "--resume", state_s]);
    assert_eq!(tally(&done)["scanned"], 400, "{}", done.stdout);
    assert_eq!(tally(&done)["missing"]["count"], missing);
}

/// The restore check's reference is the source *at the restore point*, from the manifest of
/// an export taken at that point; an exact count then scans only the restored table.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn restore_is_compared_with_an_export_at_the_restore_point_without_scanning_the_source() {
    let _heavy = common::emulator_heavy().await;
    let w = World::new("scale-restore-ref");
    w.create_table();
    let now = Utc::now();
    write_all(
        &w,
        (0..30)
            .map(|i| {
                let ts = now - chrono::Duration::minutes(i);
                event(
                    &format!("u{}", i % 4),
                    &format!("e{i}"),
                    ts,
                    num(ts.timestamp() + 30 * DAY),
                )
            })
            .collect(),
    )
    .await;
    let bucket = w.create_export_bucket().await;
    // The emulator's restorable window is [now, now], so the restore can only go to `latest`:
    // the export is taken just before it and the gap is a few seconds. The same-point branch
    // (equal counts, or a difference that warns) is the unit test
    // `checks::restore::tests::a_restore_against_an_export_at_its_point`.
    let started = w.run(&[
        "-o", "json", "export", "start", "--bucket", &bucket, "--wait",
    ]);
    started.assert_code(0);
    let export = started.json()["data"]["export"].clone();
    assert_eq!(common::write_export_files(&w, &export).await, 30);

    let target = format!("{}-restored-ref", w.table());
    let r = w.run(&common::restore_latest(
        &target,
        &[
            "-o",
            "json",
            "--wait",
            "--reference-export",
            "latest",
            "--exact-count",
        ],
    ));
    let counts = &r.json()["data"]["verification"]["counts"];
    assert_eq!(counts["method"], "export", "{}", r.stdout);
    assert_eq!(counts["target_exact"], true);
    assert_eq!(counts["export"]["arn"], export["arn"]);
    assert_eq!(counts["export"]["item_count"], 30);
    let gap = counts["export"]["gap_s"].as_i64().unwrap();
    assert!((0..120).contains(&gap), "{counts}");
    let f = r.finding("restore.item_count");
    assert_eq!(f["status"], "ok", "{f}");
    assert_eq!(f["evidence"]["source_at_export"], 30);
    assert_eq!(f["evidence"]["restored"], 30);
    // Export and restore can fall in the same second: then the counts are compared at one point.
    let said = if gap == 0 {
        "exactly what the source held"
    } else {
        "s before the restore point"
    };
    assert!(f["summary"].as_str().unwrap().contains(said), "{f}");
    r.assert_code(0);

    // An export that is not of this table is refused as a reference before anything is
    // restored (scale::exports::a_restore_reference_is_checked_before_the_restore_starts).
    let other_target = format!("{}-restored-ref2", w.table());
    let other = w.run(&common::restore_latest(
        &other_target,
        &[
            "-o",
            "json",
            "--wait",
            "--reference-export",
            "arn:aws:dynamodb:us-east-1:000000000000:table/other/export/01700000000000-abcdef01",
        ],
    ));
    other.assert_code(1);
    assert!(
        other.stderr.contains("not an export of this table"),
        "{}",
        other.stderr
    );
    let ddb = w.dynamodb().await;
    assert!(
        ddb.describe_table()
            .table_name(&other_target)
            .send()
            .await
            .is_err(),
        "nothing restored"
    );
}
