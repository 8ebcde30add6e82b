//! `alarms apply --recommended` (beyond the runbook) then `alarms status`, against the emulator.

use crate::common::{self, World, create_consumer};
use serde_json::Value;

fn drift(f: &Value) -> Vec<String> {
    f["evidence"]["drift"]
        .as_array()
        .map(|d| d.iter().map(|x| x.as_str().unwrap().to_owned()).collect())
        .unwrap_or_default()
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn recommended_alarms_apply_then_status_then_drift_when_one_is_edited() {
    let w = World::new("recommended");
    w.create_table();
    let function = format!("{}-consumer", w.env);
    create_consumer(&w, &function).await;
    let topic = "arn:aws:sns:us-east-1:000000000000:oncall";

    // The consumer is found from the stream's event source mapping.
    let r = w.run(&[
        "-o",
        "json",
        "alarms",
        "apply",
        "--recommended",
        "--sns-topic",
        topic,
    ]);
    r.assert_code(0);
    let plan: Vec<String> = r.json()["data"]["plan"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["alarm"].as_str().unwrap().to_owned())
        .collect();
    let prefix = format!("{}-{}-", common::PREFIX, w.env);
    for name in [
        "events-table-system-errors",
        "events-table-ttl-deletes-stopped",
        "consumer-iterator-age",
        "consumer-errors",
    ] {
        assert!(
            plan.contains(&format!("{prefix}{name}")),
            "{name}: {plan:?}"
        );
    }
    let cw = w.cloudwatch().await;
    let age = cw
        .describe_alarms()
        .alarm_names(format!("{prefix}consumer-iterator-age"))
        .send()
        .await
        .unwrap();
    let age = &age.metric_alarms()[0];
    assert_eq!(age.metric_name(), Some("IteratorAge"));
    assert_eq!(age.threshold(), Some(300_000.0));
    assert_eq!(age.dimensions()[0].value(), Some(function.as_str()));

    // CloudWatch keeps each metric-math alarm's queries as they were put (the emulator's patch
    // layer too, docs/emulator.md): SystemErrors of each operation, summed with FILL.
    let errors = cw
        .describe_alarms()
        .alarm_names(format!("{prefix}events-table-system-errors"))
        .send()
        .await
        .unwrap();
    let queries = errors.metric_alarms()[0].metrics();
    assert_eq!(queries.len(), 6, "{queries:?}");
    assert!(
        queries[5]
            .expression()
            .is_some_and(|e| e.starts_with("FILL(m1, 0) + FILL(m2, 0)")),
        "{queries:?}"
    );

    // Status: every alarm is as specified, and evaluated as soon as it is put: the consumer's
    // have no data and treat it as not breaching, the metric-math ones count missing data as 0
    // (FILL): OK, so each is ok, with no drift.
    let s = w.run(&["-o", "json", "alarms", "status"]);
    for name in [
        "consumer-iterator-age",
        "consumer-errors",
        "events-table-system-errors",
        "events-table-ttl-deletes-stopped",
    ] {
        let f = s.finding(&format!("alarm.{name}"));
        assert_eq!(f["evidence"]["state"], "OK", "{f}");
        assert_eq!(f["status"], "ok", "{f}");
        assert!(drift(&f).is_empty(), "{f}");
    }

    // Someone edits the consumer's Errors alarm by hand: status names the drift.
    cw.put_metric_alarm()
        .alarm_name(format!("{prefix}consumer-errors"))
        .namespace("AWS/Lambda")
        .metric_name("Errors")
        .dimensions(
            aws_sdk_cloudwatch::types::Dimension::builder()
                .name("FunctionName")
                .value(&function)
                .build(),
        )
        .statistic(aws_sdk_cloudwatch::types::Statistic::Average)
        .period(60)
        .evaluation_periods(3)
        .datapoints_to_alarm(2)
        .threshold(0.0)
        .comparison_operator(aws_sdk_cloudwatch::types::ComparisonOperator::GreaterThanThreshold)
        .alarm_actions(topic)
        .ok_actions(topic)
        .send()
        .await
        .unwrap();
    let s = w.run(&["-o", "json", "alarms", "status"]);
    let f = s.finding("alarm.consumer-errors");
    assert_eq!(f["status"], "warn", "{f}");
    let d = drift(&f).join("; ");
    assert!(d.contains("statistic: Average -> Sum"), "{d}");
    assert!(d.contains("period"), "{d}");

    // apply --recommended puts it back: no drift, and OK again.
    w.run(&["alarms", "apply", "--recommended"]).assert_code(0);
    let s = w.run(&["-o", "json", "alarms", "status"]);
    let f = s.finding("alarm.consumer-errors");
    assert!(drift(&f).is_empty(), "{f}");
    assert_eq!(f["status"], "ok", "{f}");
}

#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn consumer_function_needs_recommended() {
    let w = World::new("recommended-usage");
    let r = w.run(&["alarms", "apply", "--consumer-function", "f"]);
    r.assert_code(64);
}

/// `--consumer-function` naming a function that does not exist: its alarms could never fire, so
/// the apply refuses with one line before anything is created (Lambda GetFunction answers
/// ResourceNotFoundException).
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn a_consumer_function_that_does_not_exist_is_refused_before_anything_is_created() {
    let w = World::new("recommended-nofn");
    w.create_table();
    let missing = format!("{}-no-such-consumer", w.env);
    for dry in [true, false] {
        let mut args = vec![
            "alarms",
            "apply",
            "--recommended",
            "--sns-topic",
            "arn:aws:sns:us-east-1:000000000000:oncall",
            "--consumer-function",
            missing.as_str(),
        ];
        if dry {
            args.push("--dry-run");
        }
        let r = w.run(&args);
        r.assert_code(1);
        assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
        assert!(
            r.stderr.contains(&format!(
                "--consumer-function {missing}: no such Lambda function"
            )),
            "{}",
            r.stderr
        );
        assert!(r.stdout.is_empty(), "{}", r.stdout);
    }
    let prefix = format!("{}-{}-", common::PREFIX, w.env);
    let cw = w.cloudwatch().await;
    let stored = cw
        .describe_alarms()
        .alarm_name_prefix(&prefix)
        .send()
        .await
        .unwrap();
    assert!(stored.metric_alarms().is_empty(), "{stored:?}");

    // The function exists: the same apply goes through.
    create_consumer(&w, &missing).await;
    w.run(&[
        "alarms",
        "apply",
        "--recommended",
        "--consumer-function",
        missing.as_str(),
    ])
    .assert_code(0);
}

/// The consumer's IteratorAge and Errors alarms stay OK when its event source mapping is
/// disabled or deleted (no invocations, no IteratorAge): `alarms status` checks the mapping.
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn a_disabled_consumer_mapping_is_flagged_by_alarms_status() {
    let w = World::new("recommended-mapping");
    w.create_table();
    let function = format!("{}-consumer", w.env);
    create_consumer(&w, &function).await;
    let topic = "arn:aws:sns:us-east-1:000000000000:oncall";
    w.run(&["alarms", "apply", "--recommended", "--sns-topic", topic])
        .assert_code(0);
    let s = w.run(&["-o", "json", "alarms", "status"]);
    let f = s.finding("alarm.consumer_mapping");
    assert_eq!(f["status"], "ok", "{f}");
    assert!(
        f["summary"]
            .as_str()
            .unwrap()
            .contains(&format!("{function} reads the table's stream")),
        "{f}"
    );

    let lam = w.lambda().await;
    let uuid = lam
        .list_event_source_mappings()
        .function_name(&function)
        .send()
        .await
        .unwrap()
        .event_source_mappings()[0]
        .uuid()
        .unwrap()
        .to_owned();
    lam.update_event_source_mapping()
        .uuid(&uuid)
        .enabled(false)
        .send()
        .await
        .expect("UpdateEventSourceMapping");
    let s = w.run(&["-o", "json", "alarms", "status"]);
    s.assert_code(2);
    let f = s.finding("alarm.consumer_mapping");
    assert_eq!(f["status"], "crit", "{f}");
    let summary = f["summary"].as_str().unwrap();
    assert!(
        summary.contains(&format!("the event source mapping of {function} is Disabl")),
        "{summary}"
    );
    assert!(
        summary.contains("stay OK while nothing is read"),
        "{summary}"
    );

    lam.delete_event_source_mapping()
        .uuid(&uuid)
        .send()
        .await
        .expect("DeleteEventSourceMapping");
    let s = w.run(&["-o", "json", "alarms", "status"]);
    s.assert_code(2);
    let f = s.finding("alarm.consumer_mapping");
    assert_eq!(f["status"], "crit", "{f}");
    assert!(
        f["summary"].as_str().unwrap().contains(&format!(
            "no event source mapping of {function} reads the table's stream"
        )),
        "{f}"
    );
}

/// Issue 27: `alarms apply --health-check` on AWS's terms (CloudWatch looks at most 7 days
/// back): the last published run crit, or no run for 7 days, through the same topic.
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn health_check_alarms_page_on_a_crit_run_or_seven_days_without_one() {
    let w = World::new("health-alarms");
    w.create_table();
    let topic = "arn:aws:sns:us-east-1:000000000000:oncall";
    let prefix = format!("{}-{}-", common::PREFIX, w.env);
    let (crit, not_run) = (
        format!("{prefix}health-check-crit"),
        format!("{prefix}health-check-not-run"),
    );
    let describe = |names: Vec<String>| {
        let w = &w;
        async move {
            w.cloudwatch()
                .await
                .describe_alarms()
                .set_alarm_names(Some(names))
                .send()
                .await
                .unwrap()
                .metric_alarms
                .unwrap_or_default()
        }
    };

    // The dry run lists them and creates nothing.
    let plan = w.run(&[
        "-o",
        "json",
        "alarms",
        "apply",
        "--health-check",
        "--sns-topic",
        topic,
        "--dry-run",
    ]);
    plan.assert_code(0);
    let planned: Vec<(String, String)> = plan.json()["data"]["plan"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["alarm"].as_str().unwrap().to_owned(),
                p["action"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        planned.contains(&(crit.clone(), "create".into())),
        "{planned:?}"
    );
    assert!(
        planned.contains(&(not_run.clone(), "create".into())),
        "{planned:?}"
    );
    assert!(
        describe(vec![crit.clone(), not_run.clone()])
            .await
            .is_empty()
    );

    w.run(&["alarms", "apply", "--health-check", "--sns-topic", topic])
        .assert_code(0);
    let live = describe(vec![crit.clone(), not_run.clone()]).await;
    let get = |name: &str| live.iter().find(|a| a.alarm_name() == Some(name)).unwrap();
    for a in [get(&crit), get(&not_run)] {
        assert_eq!(a.namespace(), Some("Eventsctl/HealthCheck"));
        assert_eq!(a.metric_name(), Some("RunStatus"));
        let dims: Vec<(&str, &str)> = a
            .dimensions()
            .iter()
            .map(|d| (d.name().unwrap(), d.value().unwrap()))
            .collect();
        assert_eq!(
            dims,
            [("Env", w.env.as_str()), ("Command", "health-check monthly")]
        );
        assert_eq!(
            a.alarm_actions(),
            [topic],
            "the same topic as the other alarms"
        );
        assert!(a.period().unwrap() * a.evaluation_periods().unwrap() <= 604_800);
    }
    let c = get(&crit);
    assert_eq!(c.statistic().map(|s| s.as_str()), Some("Maximum"));
    assert_eq!((c.period(), c.evaluation_periods()), (Some(3600), Some(1)));
    assert_eq!(c.threshold(), Some(2.0));
    assert_eq!(
        c.comparison_operator().map(|o| o.as_str()),
        Some("GreaterThanOrEqualToThreshold")
    );
    assert_eq!(c.treat_missing_data(), Some("ignore"));
    let n = get(&not_run);
    assert_eq!(n.statistic().map(|s| s.as_str()), Some("SampleCount"));
    assert_eq!(
        (n.period(), n.evaluation_periods()),
        (Some(86_400), Some(7))
    );
    assert_eq!(n.datapoints_to_alarm(), Some(7));
    assert_eq!(n.threshold(), Some(1.0));
    assert_eq!(
        n.comparison_operator().map(|o| o.as_str()),
        Some("LessThanThreshold")
    );
    assert_eq!(n.treat_missing_data(), Some("breaching"));
    assert!(
        n.alarm_description().unwrap().contains("at least daily"),
        "the description says the schedule it needs"
    );

    // `alarms status` checks them like the others.
    let status = w.run(&["-o", "json", "alarms", "status"]);
    for check in ["alarm.health-check-crit", "alarm.health-check-not-run"] {
        let f = status.finding(check);
        assert!(f.is_object(), "{check} missing: {}", status.stdout);
        assert!(drift(&f).is_empty(), "{check}: {f}");
    }

    // A run publishes its RunStatus; the emulator evaluates an alarm when a datapoint arrives
    // (not TreatMissingData, and not on a timer: the not-run alarm's 7 empty days are AWS's).
    let run = w.run(&["health-check", "monthly", "--publish-metrics"]);
    let code = run.code;
    let want = if code >= 2 { "ALARM" } else { "OK" };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let state = describe(vec![crit.clone()])
            .await
            .first()
            .and_then(|a| a.state_value().map(|s| s.as_str().to_owned()));
        if state.as_deref() == Some(want) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the crit alarm is {state:?}, not {want}, after a run that exited {code}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
}
