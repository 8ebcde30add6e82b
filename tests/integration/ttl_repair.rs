//! `check-ttl --repair` (beyond the runbook) against the emulator: it rewrites exactly the items
//! TTL never deletes, skips one changed between its read and its write, and counts both; it
//! never shortens a ttl nor sets one already past unless the class is named.

use std::time::{Duration, Instant};

use crate::common::{self, Proxy, World};
use aws_sdk_dynamodb::types::AttributeValue;
use chrono::Utc;
use serde_json::json;

fn s(v: &str) -> AttributeValue {
    AttributeValue::S(v.to_owned())
}

fn n(v: i64) -> AttributeValue {
    AttributeValue::N(v.to_string())
}

async fn put(w: &World, user: &str, ts: Option<&str>, ttl: Option<AttributeValue>) {
    let mut req = w
        .dynamodb()
        .await
        .put_item()
        .table_name(w.table())
        .set_item(Some(common::event_key(
            user,
            ts.unwrap_or("no-time"),
            &format!("e-{user}"),
        )))
        .item("event_type", s("signup"));
    if let Some(t) = ts {
        req = req.item("timestamp", s(t));
    }
    if let Some(t) = ttl {
        req = req.item("ttl", t);
    }
    req.send().await.unwrap();
}

async fn ttl_of(w: &World, user: &str, ts: &str) -> Option<AttributeValue> {
    let out = w
        .dynamodb()
        .await
        .get_item()
        .table_name(w.table())
        .set_key(Some(common::event_key(user, ts, &format!("e-{user}"))))
        .send()
        .await
        .unwrap();
    out.item().and_then(|i| i.get("ttl").cloned())
}

/// A plain test with its own runtime: the racer's change is made while the binary runs in
/// another thread.
#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn repair_fixes_exactly_the_bad_items_and_skips_one_changed_between_read_and_write() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let w = World::new("ttl-repair");
    w.create_table();
    let t = Utc::now() - chrono::Duration::days(1);
    let ts = t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let right = t.timestamp() + 30 * 86_400;
    rt.block_on(async {
        put(&w, "good", Some(&ts), Some(n(right))).await;
        put(&w, "missing", Some(&ts), None).await;
        put(&w, "string", Some(&ts), Some(s(&right.to_string()))).await;
        put(&w, "millis", Some(&ts), Some(n(right * 1000))).await;
        put(&w, "far", Some(&ts), Some(n(t.timestamp() + 400 * 86_400))).await;
        put(&w, "racer", Some(&ts), None).await;
        put(&w, "notime", None, None).await;
    });

    // Dry run: counts, writes nothing. The far ttl is valid (TTL deletes it, later): left.
    let dry = w.run(&["-o", "json", "check-ttl", "--repair", "--dry-run"]);
    dry.assert_code(0);
    let r = &dry.json()["data"]["repair"];
    assert_eq!(
        (
            r["candidates"].as_u64(),
            r["planned"].as_u64(),
            r["repaired"].as_u64()
        ),
        (Some(5), Some(4), Some(0)),
        "{r}"
    );
    assert_eq!(r["skipped_no_timestamp"], 1);
    assert_eq!(r["by_class"]["too_far"]["not_selected"], 1, "{r}");
    assert_eq!(rt.block_on(ttl_of(&w, "missing", &ts)), None);

    // The racer's write is held 4 s by the proxy; meanwhile another writer fixes it.
    let proxy = Proxy::start("passthrough.yaml");
    proxy.add_rules(json!([{
        "service": "dynamodb", "operation": "UpdateItem",
        "body": "Key.user_id.S == 'racer'",
        "latency": {"min": 4000, "max": 4000}
    }]));
    let other = right + 7;
    let run = std::thread::scope(|scope| {
        let repair = scope.spawn(|| w.run_via(&proxy, &["-o", "json", "check-ttl", "--repair"]));
        let start = Instant::now();
        while !proxy.fired().contains_key("dynamodb latency") {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "the racer's write never came"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        rt.block_on(async {
            w.dynamodb()
                .await
                .update_item()
                .table_name(w.table())
                .set_key(Some(common::event_key("racer", &ts, "e-racer")))
                .update_expression("SET #t = :v")
                .expression_attribute_names("#t", "ttl")
                .expression_attribute_values(":v", n(other))
                .send()
                .await
                .unwrap();
        });
        repair.join().unwrap()
    });
    run.assert_code(0);
    let r = &run.json()["data"]["repair"];
    assert_eq!(r["candidates"], 5, "{r}");
    assert_eq!(r["repaired"], 3, "{r}");
    assert_eq!(r["skipped_changed"], 1, "{r}");
    assert_eq!(r["skipped_no_timestamp"], 1, "{r}");
    assert_eq!(r["failed"], 0, "{r}");
    for user in ["good", "missing", "string", "millis"] {
        assert_eq!(rt.block_on(ttl_of(&w, user, &ts)), Some(n(right)), "{user}");
    }
    assert_eq!(
        rt.block_on(ttl_of(&w, "far", &ts)),
        Some(n(t.timestamp() + 400 * 86_400)),
        "a valid ttl is never shortened unless too_far is named"
    );
    assert_eq!(
        rt.block_on(ttl_of(&w, "racer", &ts)),
        Some(n(other)),
        "the other writer's value stays"
    );

    // Run again: nothing left to rewrite but the item without an event time.
    let again = w.run(&["-o", "json", "check-ttl", "--repair"]);
    again.assert_code(0);
    let r = &again.json()["data"]["repair"];
    assert_eq!(
        (r["candidates"].as_u64(), r["repaired"].as_u64()),
        (Some(1), Some(0)),
        "{r}"
    );
}

/// Issue 23 §8: the repair cut a deliberate one-year ttl to 30 days and gave every event older
/// than 30 days a ttl already past, which TTL then deleted; its dry run said only "would
/// rewrite N of N". Now a valid ttl is shortened only with `--classes too_far`, a past ttl is
/// set only with `--expire-now CLASS`, and the dry run counts class by class, saying how many
/// would expire at once.
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn repair_never_shortens_a_ttl_nor_expires_an_item_unless_the_class_is_named() {
    let w = World::new("ttl-repair-classes");
    w.create_table();
    // The emulator's TTL deletes a past ttl within a minute: off, to read the values written.
    common::keep_expired_items(&w).await;
    let now = Utc::now();
    let stamp = |t: chrono::DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let recent = now - chrono::Duration::days(1);
    let old = now - chrono::Duration::days(60);
    let (ts_new, ts_old) = (stamp(recent), stamp(old));
    let new_right = recent.timestamp() + 30 * 86_400;
    let old_right = old.timestamp() + 30 * 86_400; // 30 days ago: already past
    let year = recent.timestamp() + 365 * 86_400;
    put(&w, "year", Some(&ts_new), Some(n(year))).await;
    put(&w, "new-missing", Some(&ts_new), None).await;
    put(&w, "new-millis", Some(&ts_new), Some(n(new_right * 1000))).await;
    put(&w, "old-missing", Some(&ts_old), None).await;
    put(&w, "old-millis", Some(&ts_old), Some(n(old_right * 1000))).await;

    let dry = w.run(&["-o", "json", "check-ttl", "--repair", "--dry-run"]);
    dry.assert_code(0);
    let r = &dry.json()["data"]["repair"];
    for (class, found, planned, held) in [("missing", 2, 1, 1), ("milliseconds", 2, 1, 1)] {
        let c = &r["by_class"][class];
        assert_eq!(
            (
                c["found"].as_u64(),
                c["planned"].as_u64(),
                c["held_would_expire"].as_u64()
            ),
            (Some(found), Some(planned), Some(held)),
            "{class}: {r}"
        );
    }
    assert_eq!(r["by_class"]["too_far"]["not_selected"], 1, "{r}");
    assert_eq!(
        (r["planned"].as_u64(), r["held_would_expire"].as_u64()),
        (Some(2), Some(2))
    );
    let summary = dry.summary("ttl.repair").to_owned();
    assert!(summary.contains("2 would expire at once"), "{summary}");
    let remedy = dry.finding("ttl.repair")["remedy"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        remedy.contains("--expire-now milliseconds,missing")
            || remedy.contains("--expire-now missing,milliseconds"),
        "{remedy}"
    );

    // The repair: the recent items only; the old ones and the year are left as they are.
    let run = w.run(&["-o", "json", "check-ttl", "--repair"]);
    run.assert_code(0);
    assert_eq!(
        run.json()["data"]["repair"]["repaired"],
        2,
        "{}",
        run.stdout
    );
    assert_eq!(ttl_of(&w, "new-missing", &ts_new).await, Some(n(new_right)));
    assert_eq!(ttl_of(&w, "new-millis", &ts_new).await, Some(n(new_right)));
    assert_eq!(ttl_of(&w, "year", &ts_new).await, Some(n(year)));
    assert_eq!(ttl_of(&w, "old-missing", &ts_old).await, None);
    assert_eq!(
        ttl_of(&w, "old-millis", &ts_old).await,
        Some(n(old_right * 1000))
    );

    // Named, each class on its own: a past ttl for the old missing one only.
    let expire = w.run(&[
        "-o",
        "json",
        "check-ttl",
        "--repair",
        "--expire-now",
        "missing",
    ]);
    expire.assert_code(0);
    let r = &expire.json()["data"]["repair"];
    assert_eq!(r["by_class"]["missing"]["expire_at_once"], 1, "{r}");
    assert_eq!(ttl_of(&w, "old-missing", &ts_old).await, Some(n(old_right)));
    assert_eq!(
        ttl_of(&w, "old-millis", &ts_old).await,
        Some(n(old_right * 1000))
    );

    // A deliberate long ttl is cut only when too_far is named.
    let cut = w.run(&[
        "-o",
        "json",
        "check-ttl",
        "--repair",
        "--classes",
        "too_far",
    ]);
    cut.assert_code(0);
    assert_eq!(
        cut.json()["data"]["repair"]["by_class"]["too_far"]["planned"],
        1
    );
    assert_eq!(ttl_of(&w, "year", &ts_new).await, Some(n(new_right)));

    // Contradictions are usage errors, before any call.
    for args in [
        vec!["check-ttl", "--repair", "--expire-now", "too_far"],
        vec![
            "check-ttl",
            "--repair",
            "--classes",
            "missing",
            "--expire-now",
            "milliseconds",
        ],
        vec!["check-ttl", "--classes", "missing"],
        vec!["check-ttl", "--repair", "--classes", "overdue"],
    ] {
        let r = w.run(&args);
        r.assert_code(64);
        assert_eq!(r.stderr.trim().lines().count(), 1, "{args:?}: {}", r.stderr);
    }
}

#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn repair_on_production_needs_yes_and_dry_run_needs_repair() {
    let w = World::new("ttl-repair-prod");
    let r = w.run(&["--env", "prod", "check-ttl", "--repair"]);
    r.assert_code(1);
    assert!(r.stderr.contains("--yes"), "{}", r.stderr);
    w.run(&["check-ttl", "--dry-run"]).assert_code(64);
}

/// A repair stopped by its read budget says how to resume; the resume rewrites the rest and
/// counts on from the state file (nothing rewritten twice, nothing left).
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn a_repair_stopped_by_its_budget_resumes_from_its_state_file() {
    let w = World::new("ttl-repair-resume");
    w.create_table();
    let t = Utc::now() - chrono::Duration::days(1);
    let ts = t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    for i in 0..30 {
        put(&w, &format!("user-{i}"), Some(&ts), None).await;
    }
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("repair.json");
    let state_s = state.to_str().unwrap();
    // 16 segments, a page each at least; the emulator charges 0.5 units a page.
    let stopped = w.run(&[
        "-o",
        "json",
        "check-ttl",
        "--repair",
        "--segments",
        "16",
        "--concurrency",
        "1",
        "--max-read-units",
        "2",
        "--checkpoint",
        state_s,
    ]);
    stopped.assert_code(1);
    let first = stopped.json()["data"]["repair"]["repaired"]
        .as_u64()
        .unwrap();
    assert!(first > 0 && first < 30, "{}", stopped.stdout);
    assert_eq!(stopped.json()["data"]["repair"]["stopped"], "budget");
    let remedy = stopped.finding("ttl.repair")["remedy"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(remedy.contains(&format!("--resume {state_s}")), "{remedy}");
    assert!(state.exists());

    let resumed = w.run(&["-o", "json", "check-ttl", "--repair", "--resume", state_s]);
    resumed.assert_code(0);
    let r = &resumed.json()["data"]["repair"];
    assert_eq!(
        (r["repaired"].as_u64(), r["candidates"].as_u64()),
        (Some(30), Some(30)),
        "{r}"
    );
    assert_eq!(r["resumed"], true);
    assert!(!state.exists(), "a finished repair leaves no state file");
    let right = t.timestamp() + 30 * 86_400;
    for i in 0..30 {
        let user = format!("user-{i}");
        assert_eq!(ttl_of(&w, &user, &ts).await, Some(n(right)), "{user}");
    }
}
