//! `alarms backtest` against the emulator: the environment's alarms as `alarms apply` writes
//! them, replayed over seeded 1-minute datapoints (the emulator keeps 14 days).

use crate::common::{PREFIX, World, create_consumer, seed_metric_in};
use chrono::{DateTime, Duration, Utc};

/// `minutes` consecutive 1-minute datapoints of `value`, the first `ago` minutes back.
fn burst(ago: i64, minutes: i64, value: f64) -> Vec<(i64, f64, f64)> {
    (0..minutes).map(|i| (ago - i, value, 1.0)).collect()
}

fn time(v: &serde_json::Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(v.as_str().unwrap_or_else(|| panic!("a time: {v}")))
        .unwrap()
        .with_timezone(&Utc)
}

/// The consumer's IteratorAge alarm fires when the Maximum is above 5 minutes in 2 consecutive
/// 5-minute periods: two 20-minute bursts fire it (the second twice as high), a 1-minute one
/// breaches one period and does not. The backtest finds exactly the two, when they began, and
/// the threshold that keeps it to one page in the window. The runbook's throttle alarm is
/// metric math over the table's throttle counts (kept by the emulator's patch layer as
/// CloudWatch keeps it): a 15-minute burst of write throttles fires it once.
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn backtest_replays_an_alarm_over_seeded_minutes() {
    let w = World::new("backtest");
    w.create_table();
    let function = format!("{}-consumer", w.env);
    create_consumer(&w, &function).await;
    w.run(&["alarms", "apply", "--recommended"]).assert_code(0);
    let cw = w.cloudwatch().await;
    let (first, second, lone) = (3000, 1500, 600);
    let mut points = burst(first, 20, 400_000.0);
    points.extend(burst(second, 20, 800_000.0));
    points.extend(burst(lone, 1, 400_000.0));
    let dims = [("FunctionName", function.as_str())];
    for chunk in points.chunks(500) {
        seed_metric_in(&cw, "AWS/Lambda", "IteratorAge", &dims, chunk).await;
    }
    let table = w.table();
    seed_metric_in(
        &cw,
        "AWS/DynamoDB",
        "WriteThrottleEvents",
        &[("TableName", table.as_str())],
        &burst(2000, 15, 50.0),
    )
    .await;
    let started = Utc::now();
    let r = w.run(&[
        "-o",
        "json",
        "alarms",
        "backtest",
        "--days",
        "3",
        "--alarm",
        "consumer-iterator-age",
        "--alarm",
        "events-table-throttles",
        "--pages-per-month",
        "15",
    ]);
    r.assert_code(0);
    let data = &r.json()["data"];
    assert_eq!(data["days"], 3);
    assert_eq!(data["pages_per_month"], 15.0);
    let replays = data["alarms"].as_array().unwrap();
    assert_eq!(replays.len(), 2, "--alarm picks two: {data}");
    let by = |name: &str| {
        replays
            .iter()
            .find(|r| r["check"] == format!("alarm_backtest.{name}"))
            .unwrap_or_else(|| panic!("{name}: {data}"))
    };
    let math = by("events-table-throttles");
    assert!(math["not_replayed"].is_null(), "{math}");
    assert_eq!(math["backtest"]["summary"]["episodes"], 1, "{math}");
    assert_eq!(math["backtest"]["worst"]["value"], 250.0, "{math}");
    assert_eq!(
        r.finding("alarm_backtest.events-table-throttles")["status"],
        "ok"
    );
    let one = by("consumer-iterator-age");
    assert_eq!(
        one["alarm"],
        format!("{PREFIX}-{}-consumer-iterator-age", w.env)
    );
    assert_eq!(one["runbook_threshold"], 300_000.0);
    assert!(one["not_replayed"].is_null(), "{one}");
    let b = &one["backtest"];
    assert_eq!(b["period_s"], 300);
    let s = &b["summary"];
    assert_eq!(s["episodes"], 2, "{b}");
    assert_eq!(s["pages"], 2, "{b}");
    // Each episode begins when the second breaching 5-minute period closes: within 20 minutes
    // of its burst's first minute.
    for (at, ago) in [(&s["first"], first), (&s["last"], second)] {
        let began = started - Duration::minutes(ago);
        let t = time(at);
        assert!(
            t > began && t < began + Duration::minutes(20),
            "{t} for a burst at {began}"
        );
    }
    // The lone minute breached without firing; the worst period is the second burst's.
    assert!(b["breaching_periods"].as_u64().unwrap() >= 9, "{b}");
    assert_eq!(b["worst"]["value"], 800_000.0);
    // 2 pages in 3 days is ~20 a month; 15 a month allows one: the threshold that just stops
    // the first burst from breaching.
    let sg = &b["suggestion"];
    assert_eq!(sg["threshold"], 400_000.0, "{sg}");
    assert_eq!(sg["current_threshold"], 300_000.0);
    let f = r.finding("alarm_backtest.consumer-iterator-age");
    assert_eq!(f["status"], "ok");
    assert!(
        f["summary"]
            .as_str()
            .unwrap()
            .contains("would have fired twice"),
        "{f}"
    );

    // The suggestion is advice: `alarms apply --thresholds-from-backtest latest` applies it,
    // the plan showing the threshold before -> after.
    let plan = w.run(&[
        "-o",
        "json",
        "alarms",
        "apply",
        "--recommended",
        "--thresholds-from-backtest",
        "latest",
        "--dry-run",
    ]);
    plan.assert_code(0);
    let entry = plan.json()["data"]["plan"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["check"] == "alarm.consumer-iterator-age")
        .cloned()
        .unwrap();
    let changes = entry["changes"].to_string();
    assert!(
        changes.contains("300000") && changes.contains("400000"),
        "{entry}"
    );
    let age = format!("{PREFIX}-{}-consumer-iterator-age", w.env);
    let threshold = |cw: aws_sdk_cloudwatch::Client, name: String| async move {
        cw.describe_alarms()
            .alarm_names(name)
            .send()
            .await
            .unwrap()
            .metric_alarms()[0]
            .threshold()
    };
    assert_eq!(threshold(cw.clone(), age.clone()).await, Some(300_000.0));
    w.run(&[
        "alarms",
        "apply",
        "--recommended",
        "--thresholds-from-backtest",
        "latest",
    ])
    .assert_code(0);
    assert_eq!(threshold(cw.clone(), age.clone()).await, Some(400_000.0));
    // Without the flag, apply puts the runbook's threshold back.
    w.run(&["alarms", "apply", "--recommended"]).assert_code(0);
    assert_eq!(threshold(cw.clone(), age).await, Some(300_000.0));
    let missing = w.run(&[
        "alarms",
        "apply",
        "--thresholds-from-backtest",
        "/nonexistent/backtest.json",
    ]);
    missing.assert_code(64);
    assert!(
        missing.stderr.contains("--thresholds-from-backtest"),
        "{}",
        missing.stderr
    );

    // The human view: one row per alarm, the threshold next to the suggestion.
    let r = w.run(&[
        "alarms",
        "backtest",
        "--days",
        "3",
        "--alarm",
        "consumer-iterator-age",
    ]);
    r.assert_code(0);
    assert!(r.stdout.contains("PAGES/MONTH"), "{}", r.stdout);

    // A name that is not one of the environment's alarms is a usage error.
    let r = w.run(&["alarms", "backtest", "--alarm", "no-such-alarm"]);
    r.assert_code(64);
    assert!(r.stderr.contains("--alarm no-such-alarm"), "{}", r.stderr);
}
