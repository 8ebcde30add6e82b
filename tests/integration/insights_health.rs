//! `insights`, `hot-partitions` and `health-check` against the emulator. (What the emulator
//! cannot aggregate is in tests/integration/recorded.rs.)

use crate::common::{self, World, create_consumer, seed_metric, seed_metric_in};
use aws_sdk_cloudwatchlogs::types::InputLogEvent;
use aws_sdk_dynamodb::types::AttributeValue;

async fn log_lines(w: &World, group: &str, lines: &[&str]) {
    let logs = w.logs().await;
    logs.create_log_group()
        .log_group_name(group)
        .send()
        .await
        .unwrap();
    logs.create_log_stream()
        .log_group_name(group)
        .log_stream_name("s")
        .send()
        .await
        .unwrap();
    let now = chrono::Utc::now().timestamp_millis();
    let events: Vec<InputLogEvent> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            InputLogEvent::builder()
                .timestamp(now - 60_000 + i as i64)
                .message(*l)
                .build()
                .unwrap()
        })
        .collect();
    logs.put_log_events()
        .log_group_name(group)
        .log_stream_name("s")
        .set_log_events(Some(events))
        .send()
        .await
        .unwrap();
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn insights_runs_filters_escaped_text_and_reports_statistics() {
    let w = World::new("insights");
    let group = format!("/aws/lambda/{}-{}-api", common::PREFIX, w.env);
    log_lines(
        &w,
        &group,
        &[
            "Event created path=/a.b user=1",
            "Event created path=/aXb user=2",
            "Query events n=3",
            "Event created (x)|[y] user=3",
        ],
    )
    .await;

    w.run(&["insights", "list"]).assert_code(0);
    let list = w.run(&["-o", "json", "insights", "list"]);
    list.assert_code(0);
    let queries = list.json()["data"]["queries"].clone();
    let queries = queries.as_array().unwrap();
    assert!(!queries.is_empty());
    // Each as it runs: the latency field filled in.
    for q in queries {
        assert!(
            q["query"]
                .as_str()
                .is_some_and(|t| !t.contains("{latency}")),
            "{q}"
        );
    }
    let r = w.run(&[
        "-o",
        "json",
        "insights",
        "run",
        "--query",
        "fields @timestamp, @message | sort @timestamp asc",
        "--match",
        "path=/a.b",
    ]);
    r.assert_code(0);
    let v = r.json();
    assert_eq!(
        v["data"]["log_groups"][0],
        group.as_str(),
        "found under /aws/lambda/{{prefix}}-{{env}}"
    );
    assert!(
        v["data"]["query"]
            .as_str()
            .unwrap()
            .starts_with(r"filter @message like /path=\/a\.b/"),
        "{}",
        v["data"]["query"]
    );
    let rows = v["data"]["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "the dot is literal: {rows:?}");
    assert!(rows[0]["@message"].as_str().unwrap().contains("/a.b"));
    assert_eq!(v["data"]["status"], "Complete");
    assert!(v["data"]["statistics"]["records_scanned"].as_f64().unwrap() >= 4.0);
    let meta = w.run(&[
        "-o",
        "json",
        "insights",
        "run",
        "--query",
        "fields @message",
        "--match",
        "(x)|[y]",
    ]);
    assert_eq!(meta.json()["data"]["rows"].as_array().unwrap().len(), 1);

    // The latency queries read the application's field, not @duration (only on Lambda REPORT
    // lines); lines without it show "no data", with the flag that names the field.
    let other = format!("/ecs/{}-api", w.env);
    log_lines(&w, &other, &["Event created"]).await;
    let d = w.run(&[
        "insights",
        "run",
        "write-latency-by-user",
        "--log-group",
        &other,
    ]);
    d.assert_code(0);
    assert!(d.stdout.contains("no data"), "{}", d.stdout);
    assert!(d.stdout.contains("--latency-field"), "{}", d.stdout);
    let j = w.run(&[
        "-o",
        "json",
        "insights",
        "run",
        "write-latency-by-user",
        "--log-group",
        &other,
        "--latency-field",
        "took_ms",
    ]);
    let q = j.json()["data"]["query"].as_str().unwrap().to_owned();
    assert!(
        q.contains("pct(took_ms, 95)") && !q.contains("@duration"),
        "{q}"
    );
    // @duration in a query of your own on a group that is not Lambda's gets a note.
    let own = w.run(&[
        "insights",
        "run",
        "--query",
        "fields @duration",
        "--log-group",
        &other,
    ]);
    assert!(
        own.stdout
            .contains("@duration exists only on Lambda REPORT lines"),
        "{}",
        own.stdout
    );

    w.run(&["insights", "run", "no-such-query"]).assert_code(64);
    let none = World::new("insights-none");
    let r = none.run(&["insights", "run", "top-users"]);
    r.assert_code(1);
    assert!(r.stderr.contains("no log groups under"), "{}", r.stderr);
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn hot_partitions_from_key_range_metrics_and_contributor_insights() {
    let w = World::new("hot");
    w.create_table();
    let cw = w.cloudwatch().await;
    let t = w.table();
    seed_metric(
        &cw,
        "WriteKeyRangeThroughputThrottleEvents",
        &[
            ("TableName", &t),
            ("GlobalSecondaryIndexName", "StatusIndex"),
        ],
        &[(35, 120.0, 1.0)],
    )
    .await;
    let group = format!("/aws/lambda/{}-{}-api", common::PREFIX, w.env);
    log_lines(&w, &group, &["Event created"]).await;
    let r = w.run(&["-o", "json", "hot-partitions", "--since", "2h"]);
    r.assert_code(2);
    let kr = r.finding("hot.key_range");
    assert_eq!(kr["status"], "crit");
    assert!(
        kr["summary"].as_str().unwrap().contains("StatusIndex"),
        "{kr}"
    );
    let ci = r.finding("hot.contributor_insights");
    assert!(
        ci["summary"]
            .as_str()
            .unwrap()
            .contains("--enable-contributor-insights")
    );
    // The emulator does not aggregate Logs Insights `stats`: the rows lack event_count, and the
    // tool says it cannot tell rather than reporting no hot users.
    assert_eq!(r.finding("hot.users")["status"], "unknown");

    let dry = w.run(&[
        "-o",
        "json",
        "hot-partitions",
        "--enable-contributor-insights",
        "--dry-run",
    ]);
    assert!(dry.summary("hot.enable").contains("would enable"));
    let on = w.run(&[
        "-o",
        "json",
        "hot-partitions",
        "--enable-contributor-insights",
    ]);
    assert!(
        on.summary("hot.contributor_insights")
            .starts_with("enabled"),
        "{}",
        on.stdout
    );
}

/// A table as the runbook wants it: alarms wired to a topic, a consumer on the stream.
async fn healthy(w: &World) {
    w.create_table();
    w.run(&[
        "alarms",
        "apply",
        "--sns-topic",
        "arn:aws:sns:us-east-1:000000000000:oncall",
    ])
    .assert_code(0);
    let consumer = format!("{}-consumer", w.env);
    create_consumer(w, &consumer).await;
    w.run(&["events", "put", "--user", "u1", "--type", "signup"])
        .assert_code(0);
    // The traffic AWS would report for that: consumed capacity, and the consumer's batches.
    let cw = w.cloudwatch().await;
    seed_metric(
        &cw,
        "ConsumedWriteCapacityUnits",
        &[("TableName", &w.table())],
        &[(10, 1.0, 1.0)],
    )
    .await;
    seed_metric_in(
        &cw,
        "AWS/Lambda",
        "IteratorAge",
        &[("FunctionName", &consumer)],
        &[(5, 120.0, 1.0)],
    )
    .await;
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn monthly_health_check_is_ok_then_names_each_problem() {
    let w = World::new("monthly");
    healthy(&w).await;
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("monthly.md");
    let r = w.run(&[
        "-o",
        "json",
        "health-check",
        "monthly",
        "--report",
        md.to_str().unwrap(),
    ]);
    // Everything ok but the latency alarms and IAM. The alarms are evaluated as CloudWatch
    // evaluates them (the emulator's patch layer, docs/emulator.md): the throttle alarms' FILL
    // makes no data OK, but no request latency was seeded, and an alarm on an AWS/DynamoDB metric
    // ignores missing data: the latency alarms stay INSUFFICIENT_DATA, so they would not page yet
    // (warn). PITR enabled a moment ago has a moment of history, all it can have (ok). IAM: the stream
    // consumer runs as a role that does not exist, which cannot be judged (unknown;
    // tests/integration/iam_audit.rs audits real roles). The backtest replays the throttle alarms
    // (never fired) but not the latency ones, which have no datapoint (unknown).
    r.assert_code(3);
    for p in r.json()["data"]["parts"].as_array().unwrap() {
        let want = match p["part"].as_str().unwrap() {
            "iam" | "alarm backtest" => "unknown",
            "alarms" => "warn",
            _ => "ok",
        };
        assert_eq!(p["status"], want, "{p}");
    }
    for f in r.json()["findings"].as_array().unwrap() {
        let check = f["check"].as_str().unwrap();
        if check.starts_with("alarm.dynamodb-") && check.ends_with("-latency") {
            assert_eq!(f["evidence"]["state"], "INSUFFICIENT_DATA", "{f}");
            assert_eq!(f["status"], "warn", "{f}");
        } else if check.starts_with("alarm.")
            || (check.starts_with("alarm_backtest.") && !check.contains("latency"))
        {
            assert_eq!(f["status"], "ok", "{f}");
        }
    }
    let parts: Vec<String> = r.json()["data"]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["part"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        parts,
        vec![
            "capacity",
            "throttling",
            "ttl",
            "stream",
            "pitr",
            "alarms",
            "alarm backtest",
            "table",
            "cost",
            "iam",
            "changes"
        ]
    );
    // On the emulator Cost Explorer is never called (an endpoint is set): the estimate, so
    // labelled, with why (tests/integration/recorded/cost.rs has Cost Explorer's answer).
    let cost = r.summary("cost.trend");
    assert!(
        cost.contains("estimated from consumed units and storage at list prices"),
        "{cost}"
    );
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(
        // Every step of the monthly section is a part with a status: no manual steps remain.
        text.contains("## eventsctl health-check monthly") && !text.contains("Manual steps"),
        "{text}"
    );
    // The file is named where people look for what happened.
    assert!(
        r.stderr
            .contains(&format!("eventsctl: wrote {} (Markdown)", md.display())),
        "{}",
        r.stderr
    );
    assert!(
        text.contains("Cost Explorer not called: an endpoint URL is set"),
        "{text}"
    );
    // Monthly 5 is a part with a status, no longer a manual step.
    assert!(text.contains("Monthly 5: Audit IAM permissions"));
    assert!(!text.contains("Review the Lambda execution role"));
    // Monthly 4 is a part, no longer a manual step.
    assert!(
        text.contains("Alarms replayed over the last 30 days"),
        "{text}"
    );
    assert!(
        !text.contains("update alarm thresholds to usage patterns"),
        "{text}"
    );
    assert_eq!(r.finding("iam.functions")["status"], "ok");
    let role = r.finding("iam.role.consumer");
    assert_eq!(role["status"], "unknown");
    assert!(
        role["summary"].as_str().unwrap().contains("does not exist"),
        "{role}"
    );

    // One problem per area. TTL off keeps the overdue item from the emulator's reaper (and is a
    // problem of its own: ttl.status and table.ttl are crit).
    common::keep_expired_items(&w).await;
    let ddb = w.dynamodb().await;
    let now = chrono::Utc::now();
    let old =
        (now - chrono::Duration::days(40)).to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    ddb.put_item()
        .table_name(w.table())
        .item("user_id", AttributeValue::S("old".into()))
        .item("timestamp#event_id", AttributeValue::S(format!("{old}#x")))
        .item("timestamp", AttributeValue::S(old))
        .item(
            "ttl",
            AttributeValue::N((now - chrono::Duration::days(10)).timestamp().to_string()),
        )
        .send()
        .await
        .unwrap();
    let cw = w.cloudwatch().await;
    let t = w.table();
    seed_metric(
        &cw,
        "WriteThrottleEvents",
        &[("TableName", &t)],
        // Issue 27: a burst that stopped (40 minutes ago) is named but ok for the month;
        // throttling in two 5-minute periods in a row (22 and 17 minutes ago: before the
        // newest complete period, so sustained by its length alone) is.
        &[(40, 5.0, 1.0), (22, 5.0, 1.0), (17, 5.0, 1.0)],
    )
    .await;
    cw.delete_alarms()
        .alarm_names(format!(
            "{}-{}-dynamodb-read-latency",
            common::PREFIX,
            w.env
        ))
        .send()
        .await
        .unwrap();
    ddb.update_table()
        .table_name(&t)
        .deletion_protection_enabled(false)
        .billing_mode(aws_sdk_dynamodb::types::BillingMode::Provisioned)
        .provisioned_throughput(
            aws_sdk_dynamodb::types::ProvisionedThroughput::builder()
                .read_capacity_units(5)
                .write_capacity_units(5)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    let bad = w.run(&["-o", "json", "health-check", "monthly"]);
    bad.assert_code(2);
    let v = bad.json();
    let status = |part: &str| {
        v["data"]["parts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["part"] == part)
            .unwrap()["status"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(status("ttl"), "crit");
    assert_eq!(status("throttling"), "warn");
    let throttled = bad.summary("throttling.table");
    assert!(
        throttled
            .contains("15 write / 0 read throttle events in 30d: 2 bursts, the longest 10 min")
            && throttled.ends_with("(the runbook's alarm span): sustained"),
        "{throttled}"
    );
    assert_eq!(status("alarms"), "crit");
    assert_eq!(status("table"), "crit");
    assert_eq!(bad.finding("table.billing")["status"], "warn");
    assert_eq!(bad.finding("table.ttl")["status"], "crit");
    assert_eq!(status("stream"), "ok");
    assert_eq!(bad.finding("ttl.overdue")["status"], "warn");
    assert_eq!(bad.finding("alarm.dynamodb-read-latency")["status"], "crit");
    // Who turned TTL off and changed the billing mode, next to the symptoms.
    assert_eq!(status("changes"), "crit");
    assert_eq!(bad.finding("changes.ttl")["status"], "crit");
    assert_eq!(bad.finding("changes.billing")["status"], "warn");

    // With a restore drill.
    let drill = w.run(&["-o", "json", "health-check", "monthly", "--restore-test"]);
    assert!(
        drill.json()["data"]["parts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["part"] == "restore drill")
    );
    assert_eq!(drill.finding("drill.cleanup")["status"], "ok");
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn quarterly_review_reads_latency_usage_keys_and_cost() {
    let w = World::new("quarterly");
    w.create_table();
    for i in 0..30 {
        let user = if i < 20 { "big" } else { "small" };
        w.run(&["events", "put", "--user", user, "--type", "t"])
            .assert_code(0);
    }
    let cw = w.cloudwatch().await;
    let t = w.table();
    seed_metric(
        &cw,
        "SuccessfulRequestLatency",
        &[("TableName", &t), ("Operation", "Query")],
        &[(60 * 24 * 3, 80.0, 100.0)],
    )
    .await;
    seed_metric(
        &cw,
        "ConsumedWriteCapacityUnits",
        &[
            ("TableName", &t),
            ("GlobalSecondaryIndexName", "StatusIndex"),
        ],
        &[(60 * 24, 5000.0, 1.0)],
    )
    .await;
    seed_metric(
        &cw,
        "ConsumedWriteCapacityUnits",
        &[("TableName", &t)],
        &[(60 * 24, 5000.0, 1.0)],
    )
    .await;
    let r = w.run(&["-o", "json", "health-check", "quarterly"]);
    // PutItem, GetItem, BatchWriteItem had no traffic: no latency to judge (unknown).
    r.assert_code(3);
    assert_eq!(r.finding("quarterly.latency.PutItem")["status"], "unknown");
    assert_eq!(
        r.finding("quarterly.latency.Query")["status"],
        "warn",
        "p95 80 ms over the 50 ms target"
    );
    assert_eq!(
        r.finding("quarterly.gsi.StatusIndex")["status"],
        "warn",
        "written, never read"
    );
    let keys = r.finding("quarterly.keys");
    assert_eq!(keys["status"], "warn", "{keys}");
    assert!(keys["summary"].as_str().unwrap().contains("67%"), "{keys}");
    assert!(r.summary("quarterly.cost").contains("on-demand"));
    // Quarterly 2 is a part with a status: a day of traffic is too little to forecast (the
    // forecast with the quarter's history is tests/integration/recorded/plan.rs), the quarter
    // is priced under each billing mode and table class.
    let forecast = r.finding("quarterly.forecast");
    assert_eq!(forecast["status"], "unknown", "{forecast}");
    assert!(
        forecast["summary"]
            .as_str()
            .unwrap()
            .contains("complete days of history"),
        "{forecast}"
    );
    assert!(
        r.json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["check"] == "quarterly.billing_mode")
    );
    assert!(
        r.json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["check"] == "quarterly.table_class")
    );
    assert!(!r.stdout.contains("project next quarter's capacity"));
    // No manual steps: Quarterly 4's drill is a command of its own, said in a note.
    let notes = r.json()["notes"].to_string();
    assert!(notes.contains("dr-drill --cutover"), "{notes}");
}

/// CloudTrail throttled past the SDK's retries and the lookups' own (the fault proxy answers
/// ThrottlingException to every LookupEvents, `times: 100`): the monthly check's `changes` part is unknown, with the
/// reason in `changes.cloudtrail`, not an ok part with no checks and a note.
#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn monthly_changes_part_is_unknown_when_cloudtrail_is_throttled() {
    let w = World::new("monthly-ct-throttled");
    w.create_table();
    let proxy = common::Proxy::start("passthrough.yaml");
    proxy.add_rules(serde_json::json!([{
        "service": "cloudtrail", "operation": "LookupEvents", "times": 100,
        "error": {"code": "ThrottlingException", "status": 400, "message": "Rate exceeded"}
    }]));
    let r = w.run_via(&proxy, &["-o", "json", "health-check", "monthly"]);
    // Not ok (its alarms are missing, crit, besides).
    assert_ne!(r.code, 0, "{}", r.stdout);
    let v = r.json();
    let part = v["data"]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["part"] == "changes")
        .cloned()
        .unwrap();
    assert_eq!(part["status"], "unknown", "{part}");
    assert!(part["checks"].as_u64().unwrap() >= 1, "{part}");
    let f = r.finding("changes.cloudtrail");
    assert_eq!(f["status"], "unknown");
    assert!(
        f["summary"]
            .as_str()
            .unwrap()
            .contains("ThrottlingException"),
        "{f}"
    );
    assert!(
        proxy
            .fired()
            .contains_key("cloudtrail error:ThrottlingException")
    );
}

/// The monthly check at 80 columns: the verdict on line 2, every line fits (or is one word
/// that cannot be cut).
#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn monthly_at_80_columns_has_its_verdict_on_line_2() {
    let w = World::new("monthly-80");
    w.create_table();
    let r: common::Run = w
        .command()
        .env("COLUMNS", "80")
        .args(["health-check", "monthly"])
        .output()
        .unwrap()
        .into();
    crate::changes::assert_fits_80(&w, &r.stdout);
    let stream = w
        .command()
        .env("COLUMNS", "80")
        .arg("stream-status")
        .output()
        .unwrap();
    let stream: common::Run = stream.into();
    crate::changes::assert_fits_80(&w, &stream.stdout);
    let verify: common::Run = w
        .command()
        .env("COLUMNS", "80")
        .args(["table", "verify"])
        .output()
        .unwrap()
        .into();
    crate::changes::assert_fits_80(&w, &verify.stdout);
}
