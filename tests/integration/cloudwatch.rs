//! `diagnose throttling|latency|writes`, `alarms apply|status`, `dashboard apply|show` against
//! the emulator, with incidents seeded as CloudWatch datapoints (test-only: real CloudWatch does
//! not accept PutMetricData into `AWS/DynamoDB`).

use crate::common::{self, World, seed_metric};
use serde_json::Value;

fn causes(r: &common::Run) -> Vec<String> {
    r.json()["data"]["throttling"]["causes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect()
}

// Every incident is seeded 30+ minutes back: ministack evaluates an alarm over every datapoint
// of its metric name whatever the dimensions (real CloudWatch does not), over the last
// period x evaluation-periods (at most 15 minutes here), so recent seeds of one test would put
// another test's alarms into ALARM. The diagnose windows (1 h) still see them.

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn quiet_table_is_ok() {
    let w = World::new("cw-quiet");
    w.create_table();
    let r = w.run(&["-o", "json", "diagnose", "throttling"]);
    r.assert_code(0);
    assert_eq!(r.finding("throttling.cause")["status"], "ok");
    assert!(causes(&r).is_empty());
    // UserErrors from elsewhere in the account is context, never this table's verdict.
    let cw = w.cloudwatch().await;
    seed_metric(
        &cw,
        "UserErrors",
        &[],
        &[(32, 500.0, 1.0), (37, 500.0, 1.0)],
    )
    .await;
    let r = w.run(&["-o", "json", "diagnose", "throttling"]);
    r.assert_code(0);
    assert!(
        r.json()["data"]["throttling"]["user_errors_account_wide"]
            .as_f64()
            .unwrap()
            >= 1000.0
    );
    assert!(
        r.json()["corrections"][0]["fact"]
            .as_str()
            .unwrap()
            .contains("account")
    );
    // No latency datapoints: no traffic to judge, not "latency fine".
    let latency = w.run(&["-o", "json", "diagnose", "latency"]);
    latency.assert_code(3);
    assert_eq!(latency.finding("latency.PutItem")["status"], "unknown");
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn hot_partition_incident_is_crit_with_its_cause() {
    let w = World::new("cw-hot");
    w.create_table();
    let cw = w.cloudwatch().await;
    let t = w.table();
    let dims = [("TableName", t.as_str())];
    let incident = [(32, 40.0, 1.0), (37, 55.0, 1.0), (42, 35.0, 1.0)];
    seed_metric(&cw, "WriteThrottleEvents", &dims, &incident).await;
    seed_metric(
        &cw,
        "WriteKeyRangeThroughputThrottleEvents",
        &dims,
        &incident,
    )
    .await;
    seed_metric(
        &cw,
        "ThrottledRequests",
        &[("TableName", &t), ("Operation", "PutItem")],
        &incident,
    )
    .await;
    let r = w.run(&["-o", "json", "diagnose", "throttling"]);
    r.assert_code(2);
    assert_eq!(r.finding("throttling.table")["status"], "crit");
    let cause = r.finding("throttling.cause");
    assert_eq!(cause["status"], "crit");
    assert!(
        cause["remedy"].as_str().unwrap().contains("hot-partitions"),
        "{cause}"
    );
    assert_eq!(causes(&r)[0], "hot_partition");
    // The human view shows the periods that led to the verdict.
    let human = w.run(&["diagnose", "throttling"]);
    assert!(
        human.stdout.contains("5-minute periods with throttling"),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains("hot partition"));
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn brief_on_demand_maximum_is_warn() {
    let w = World::new("cw-maxod");
    w.create_table();
    let cw = w.cloudwatch().await;
    let t = w.table();
    let dims = [("TableName", t.as_str())];
    seed_metric(&cw, "WriteThrottleEvents", &dims, &[(33, 25.0, 1.0)]).await;
    seed_metric(
        &cw,
        "WriteMaxOnDemandThroughputThrottleEvents",
        &dims,
        &[(33, 25.0, 1.0)],
    )
    .await;
    let r = w.run(&["-o", "json", "diagnose", "throttling"]);
    r.assert_code(1);
    assert_eq!(causes(&r), vec!["on_demand_maximum"]);
    assert!(
        r.finding("throttling.cause")["remedy"]
            .as_str()
            .unwrap()
            .contains("OnDemandThroughput")
    );
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn gsi_back_pressure_is_named() {
    let w = World::new("cw-gsi");
    w.create_table();
    let cw = w.cloudwatch().await;
    let t = w.table();
    let gsi = [
        ("TableName", t.as_str()),
        ("GlobalSecondaryIndexName", "StatusIndex"),
    ];
    seed_metric(
        &cw,
        "WriteThrottleEvents",
        &gsi,
        &[(32, 30.0, 1.0), (37, 30.0, 1.0)],
    )
    .await;
    seed_metric(
        &cw,
        "ThrottledRequests",
        &[("TableName", &t), ("Operation", "PutItem")],
        &[(32, 20.0, 1.0), (37, 20.0, 1.0)],
    )
    .await;
    let r = w.run(&["-o", "json", "diagnose", "throttling"]);
    r.assert_code(2);
    assert_eq!(r.finding("throttling.gsi.StatusIndex")["status"], "crit");
    assert_eq!(r.finding("throttling.table")["status"], "ok");
    assert!(
        causes(&r).contains(&"gsi_back_pressure".to_owned()),
        "{:?}",
        causes(&r)
    );
    // diagnose writes carries the same verdict.
    let d = w.run(&["-o", "json", "diagnose", "writes"]);
    d.assert_code(2);
    assert_eq!(d.finding("throttling.cause")["status"], "crit");
}

/// The import writes with BatchExecuteStatement, whose metrics DynamoDB publishes with
/// `OperationType=Write` beside `Operation`: seeded under that whole dimension set, its
/// throttled batches, server errors and latency reach `diagnose throttling` and `diagnose
/// latency` (a query without `OperationType` would find none of them).
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn the_imports_batch_metrics_reach_both_diagnoses() {
    let w = World::new("cw-import");
    w.create_table();
    let cw = w.cloudwatch().await;
    let t = w.table();
    let batch = [
        ("TableName", t.as_str()),
        ("Operation", "BatchExecuteStatement"),
        ("OperationType", "Write"),
    ];
    seed_metric(&cw, "ThrottledRequests", &batch, &[(32, 6.0, 1.0)]).await;
    seed_metric(&cw, "SystemErrors", &batch, &[(37, 2.0, 1.0)]).await;
    seed_metric(
        &cw,
        "SuccessfulRequestLatency",
        &batch,
        &[(32, 70.0, 50.0), (37, 71.0, 50.0), (42, 72.0, 50.0)],
    )
    .await;
    let r = w.run(&["-o", "json", "diagnose", "throttling"]);
    r.assert_code(1);
    let requests = r.finding("throttling.requests");
    assert_eq!(requests["status"], "warn", "{requests}");
    assert_eq!(
        requests["evidence"]["BatchExecuteStatement"], 6.0,
        "{requests}"
    );
    let errors = r.finding("throttling.system_errors");
    assert_eq!(errors["status"], "warn", "{errors}");
    assert!(
        errors["summary"]
            .as_str()
            .unwrap()
            .contains("BatchExecuteStatement 2"),
        "{errors}"
    );
    let latency = w.run(&["-o", "json", "diagnose", "latency"]);
    let f = latency.finding("latency.BatchExecuteStatement");
    assert_eq!(f["status"], "warn", "{f}");
    assert!(
        f["summary"]
            .as_str()
            .unwrap()
            .contains("sustained (no alarm watches BatchExecuteStatement)"),
        "{f}"
    );
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn latency_sustained_is_crit_and_brief_is_warn() {
    let w = World::new("cw-latency");
    w.create_table();
    let cw = w.cloudwatch().await;
    let t = w.table();
    let put = [("TableName", t.as_str()), ("Operation", "PutItem")];
    // PutItem p99 at 30 ms in 3 consecutive 5-minute periods: alarm 2's condition.
    seed_metric(
        &cw,
        "SuccessfulRequestLatency",
        &put,
        &[
            (32, 30.0, 50.0),
            (37, 31.0, 50.0),
            (42, 32.0, 50.0),
            (47, 3.0, 50.0),
        ],
    )
    .await;
    // Query p95 at 70 ms in one period only: over target, not sustained.
    let query = [("TableName", t.as_str()), ("Operation", "Query")];
    seed_metric(
        &cw,
        "SuccessfulRequestLatency",
        &query,
        &[(32, 8.0, 50.0), (37, 70.0, 50.0), (42, 8.0, 50.0)],
    )
    .await;
    // BatchWriteItem at 12 ms (every percentile), sustained: over PutItem's p50 and p95
    // targets (5 and 10 ms), within a batch's own.
    seed_metric(
        &cw,
        "SuccessfulRequestLatency",
        &[("TableName", t.as_str()), ("Operation", "BatchWriteItem")],
        &[(32, 12.0, 50.0), (37, 12.0, 50.0), (42, 12.0, 50.0)],
    )
    .await;
    // GetItem p95 at 70 ms, sustained: over the read target, but no alarm watches GetItem.
    seed_metric(
        &cw,
        "SuccessfulRequestLatency",
        &[("TableName", t.as_str()), ("Operation", "GetItem")],
        &[(32, 70.0, 50.0), (37, 71.0, 50.0), (42, 72.0, 50.0)],
    )
    .await;
    let r = w.run(&["-o", "json", "diagnose", "latency"]);
    r.assert_code(2);
    assert_eq!(r.finding("latency.BatchWriteItem")["status"], "ok");
    let get = r.finding("latency.GetItem");
    assert_eq!(get["status"], "warn", "{get}");
    assert!(
        get["summary"]
            .as_str()
            .unwrap()
            .contains("no alarm watches GetItem"),
        "{get}"
    );
    let put_f = r.finding("latency.PutItem");
    assert_eq!(put_f["status"], "crit", "{put_f}");
    assert_eq!(put_f["evidence"]["longest_run_over_alarm"], 3);
    assert_eq!(r.finding("latency.Query")["status"], "warn");
    let human = w.run(&["diagnose", "latency"]);
    assert!(human.stdout.contains("p99>20"), "{}", human.stdout);

    let w2 = World::new("cw-latency-brief");
    w2.create_table();
    let t2 = w2.table();
    seed_metric(
        &cw,
        "SuccessfulRequestLatency",
        &[("TableName", t2.as_str()), ("Operation", "PutItem")],
        &[(32, 25.0, 10.0), (37, 2.0, 10.0)],
    )
    .await;
    let r2 = w2.run(&["-o", "json", "diagnose", "latency"]);
    // The other operations had no traffic: nothing to judge (unknown outranks warn).
    r2.assert_code(3);
    assert_eq!(r2.finding("latency.PutItem")["status"], "warn");
    assert_eq!(r2.finding("latency.Query")["status"], "unknown");
}

#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn canary_round_trip() {
    let w = World::new("cw-canary");
    w.create_table();
    let r = w.run(&["-o", "json", "diagnose", "writes", "--canary"]);
    r.assert_code(0);
    let f = r.finding("writes.canary");
    assert_eq!(f["status"], "ok", "{f}");
    assert!(f["evidence"]["round_trip_ms"].as_f64().unwrap() > 0.0);
    assert_eq!(f["evidence"]["deleted"], true);
    // The canary is gone.
    let q = w.run(&[
        "-o",
        "ndjson",
        "events",
        "query",
        "--user",
        "eventsctl-canary",
        "--include-expired",
    ]);
    assert!(q.stdout.trim().is_empty(), "{}", q.stdout);
    // On a missing table nothing is written: the table's absence is the crit finding.
    let m = World::new("cw-canary-missing");
    let r = m.run(&["-o", "json", "diagnose", "writes", "--canary"]);
    r.assert_code(2);
    assert_eq!(r.finding("table.exists")["status"], "crit");
    assert_eq!(r.json()["findings"].as_array().unwrap().len(), 1);
}

/// The alarms round trip: what `alarms apply` puts comes back whole (the throttle alarms' metric
/// math, the latency alarms' EvaluateLowSampleCountPercentile: the emulator's patch layer keeps
/// them as CloudWatch does, docs/emulator.md), so `alarms status` finds no drift, then finds a
/// hand edit; the alarms are evaluated as CloudWatch evaluates them. The same round trip on
/// recorded AWS answers is in tests/integration/recorded/alarms.rs.
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn alarms_apply_then_status_and_drift() {
    let w = World::new("cw-alarms");
    w.create_table();
    let missing = w.run(&["-o", "json", "alarms", "status"]);
    missing.assert_code(2);

    let dry = w.run(&["-o", "json", "alarms", "apply", "--dry-run"]);
    dry.assert_code(0);
    assert!(
        dry.json()["data"]["plan"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["action"] == "create")
    );
    w.run(&["-o", "json", "alarms", "status"]).assert_code(2);

    let topic = "arn:aws:sns:us-east-1:000000000000:oncall";
    w.run(&["alarms", "apply", "--sns-topic", topic])
        .assert_code(0);
    let cw = w.cloudwatch().await;
    let prefix = format!("{}-{}-", common::PREFIX, w.env);
    let names: Vec<String> = [
        "events-table-throttles",
        "events-table-throttles-read",
        "events-table-throttles-EventTypeIndex",
        "events-table-throttles-StatusIndex",
        "dynamodb-write-latency",
        "dynamodb-read-latency",
    ]
    .iter()
    .map(|n| format!("{prefix}{n}"))
    .collect();
    let stored = cw
        .describe_alarms()
        .set_alarm_names(Some(names.clone()))
        .send()
        .await
        .unwrap();
    assert_eq!(stored.metric_alarms().len(), 6);
    for a in stored.metric_alarms() {
        assert_eq!(a.alarm_actions(), [topic]);
        assert_eq!(a.ok_actions(), [topic]);
        assert!(
            a.alarm_description()
                .unwrap()
                .contains("Managed by eventsctl")
        );
    }
    let write = stored
        .metric_alarms()
        .iter()
        .find(|a| a.alarm_name() == Some(names[4].as_str()))
        .unwrap();
    assert_eq!(
        (
            write.metric_name(),
            write.extended_statistic(),
            write.period(),
            write.threshold()
        ),
        (
            Some("SuccessfulRequestLatency"),
            Some("p99"),
            Some(300),
            Some(20.0)
        )
    );

    // Status reads each live definition: nothing drifted. The throttle alarms were evaluated
    // as soon as they were put: FILL counts the missing throttle counts as 0, so OK. The latency
    // alarms have seen no request: an alarm on an AWS/DynamoDB metric ignores missing data, so
    // they stay INSUFFICIENT_DATA (they would not page yet: a warning), as on AWS.
    let held = w.run(&["-o", "json", "alarms", "status"]);
    held.assert_code(1);
    for f in held.json()["findings"].as_array().unwrap() {
        let drift = f["evidence"]["drift"].as_array().unwrap();
        assert!(drift.is_empty(), "{f}");
        if f["check"].as_str().unwrap().contains("latency") {
            assert_eq!(f["evidence"]["state"], "INSUFFICIENT_DATA", "{f}");
            assert_eq!(f["status"], "warn", "{f}");
        } else {
            assert_eq!(f["evidence"]["state"], "OK", "{f}");
            assert_eq!(f["status"], "ok", "{f}");
        }
    }

    // Someone edits the throttles alarm by hand: back to the runbook's UserErrors.
    cw.put_metric_alarm()
        .alarm_name(&names[0])
        .namespace("AWS/DynamoDB")
        .metric_name("UserErrors")
        .statistic(aws_sdk_cloudwatch::types::Statistic::Sum)
        .period(300)
        .evaluation_periods(2)
        .threshold(10.0)
        .comparison_operator(aws_sdk_cloudwatch::types::ComparisonOperator::GreaterThanThreshold)
        .alarm_actions(topic)
        .send()
        .await
        .unwrap();
    let drift = w.run(&["-o", "json", "alarms", "status"]);
    drift.assert_code(1);
    let f = drift.finding("alarm.events-table-throttles");
    assert_eq!(f["status"], "warn");
    assert!(
        f["summary"]
            .as_str()
            .unwrap()
            .contains("metric: UserErrors -> metric math"),
        "{f}"
    );
    // An alarm in ALARM is crit.
    cw.set_alarm_state()
        .alarm_name(&names[4])
        .state_value(aws_sdk_cloudwatch::types::StateValue::Alarm)
        .state_reason("test")
        .send()
        .await
        .unwrap();
    let alarm = w.run(&["-o", "json", "alarms", "status"]);
    alarm.assert_code(2);
    assert_eq!(
        alarm.finding("alarm.dynamodb-write-latency")["status"],
        "crit"
    );
    // apply repairs the hand edit and keeps the pager.
    w.run(&["alarms", "apply"]).assert_code(0);
    let repaired = w.run(&["-o", "json", "alarms", "status"]);
    let f = repaired.finding("alarm.events-table-throttles");
    assert!(
        !f["summary"].as_str().unwrap().contains("UserErrors"),
        "{f}"
    );
    assert!(f["summary"].as_str().unwrap().contains(topic), "{f}");
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn dashboard_round_trips_and_draws() {
    let w = World::new("cw-dash");
    w.create_table();
    let dry = w.run(&["-o", "json", "dashboard", "apply", "--dry-run"]);
    dry.assert_code(0);
    let r = w.run(&["-o", "json", "dashboard", "apply"]);
    r.assert_code(0);
    let body = r.json()["data"]["body"].clone();
    let cw = w.cloudwatch().await;
    let got = cw
        .get_dashboard()
        .dashboard_name(format!("{}-{}-dashboard", common::PREFIX, w.env))
        .send()
        .await
        .unwrap();
    let stored: Value = serde_json::from_str(got.dashboard_body().unwrap()).unwrap();
    assert_eq!(stored, body);
    assert_eq!(stored["widgets"].as_array().unwrap().len(), 4);
    assert!(!got.dashboard_body().unwrap().contains("UserErrors"));

    let t = w.table();
    seed_metric(
        &cw,
        "SuccessfulRequestLatency",
        &[("TableName", t.as_str()), ("Operation", "PutItem")],
        &[(35, 4.0, 10.0), (50, 12.0, 10.0)],
    )
    .await;
    let show = w.run(&["dashboard", "show"]);
    show.assert_code(0);
    assert!(show.stdout.contains("Write Latency"), "{}", show.stdout);
    // The charts are readable at 80 columns.
    for l in show
        .stdout
        .lines()
        .filter(|l| l.contains('│') || l.contains('┆'))
    {
        assert!(l.chars().count() <= 80, "{l}");
    }
    let j = w.run(&["-o", "json", "dashboard", "show", "--since", "2h"]);
    let widgets = j.json()["data"]["widgets"].as_array().unwrap().clone();
    let write = widgets
        .iter()
        .find(|w| w["title"].as_str().unwrap().contains("Write"))
        .unwrap();
    let p99: Vec<f64> = write["series"][2]["values"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_f64)
        .collect();
    assert!(p99.contains(&12.0) && p99.contains(&4.0), "{write}");
}
