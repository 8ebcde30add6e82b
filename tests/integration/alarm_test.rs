//! `alarms test` against the emulator: who each alarm pages (a topic that does not exist, one
//! with no subscriber, one whose https subscription is pending, one with a confirmed SQS
//! subscriber), then SetAlarmState with the tool's reason, the StateUpdate in the history, and
//! the page itself received by the SQS subscriber. The emulator records no `Action` history
//! items (recorded tests prove those: `recorded/alarm_test.rs`).

use std::process::Command;

use aws_sdk_cloudwatch::types::{ComparisonOperator, Dimension, StateValue, Statistic};
use serde_json::Value;

use crate::common::{PREFIX, World};

/// An SQS queue on the emulator through botocore (the emulator's own Python environment; the
/// tool has no SQS client): `create` prints the queue's URL and ARN, `receive` the bodies of
/// the messages waiting.
fn sqs(w: &World, args: &[&str]) -> String {
    let script = r#"
import sys, json, botocore.session
s = botocore.session.get_session()
c = s.create_client('sqs', region_name='us-east-1', endpoint_url=sys.argv[1],
                    aws_access_key_id='test', aws_secret_access_key='test')
if sys.argv[2] == 'create':
    url = c.create_queue(QueueName=sys.argv[3])['QueueUrl']
    arn = c.get_queue_attributes(QueueUrl=url, AttributeNames=['QueueArn'])['Attributes']['QueueArn']
    print(json.dumps([url, arn]))
else:
    got = c.receive_message(QueueUrl=sys.argv[3], MaxNumberOfMessages=10, WaitTimeSeconds=1)
    print(json.dumps([m['Body'] for m in got.get('Messages', [])]))
"#;
    let python = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    let out = Command::new(python)
        .arg("-c")
        .arg(script)
        .arg(&w.endpoint)
        .args(args)
        .output()
        .expect("python from the emulator's environment");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Points an alarm of the environment at `topic` (a single metric).
async fn alarm_to(cw: &aws_sdk_cloudwatch::Client, name: &str, table: &str, topic: &str) {
    cw.put_metric_alarm()
        .alarm_name(name)
        .namespace("AWS/DynamoDB")
        .metric_name("SystemErrors")
        .dimensions(Dimension::builder().name("TableName").value(table).build())
        .statistic(Statistic::Sum)
        .period(300)
        .evaluation_periods(1)
        .threshold(0.0)
        .comparison_operator(ComparisonOperator::GreaterThanThreshold)
        .alarm_actions(topic)
        .send()
        .await
        .expect("PutMetricAlarm");
}

fn status_of(v: &Value, check: &str) -> String {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["check"] == check)
        .unwrap_or_else(|| panic!("{check}: {v}"))["status"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn alarms_test_says_who_is_paged_then_pages_them() {
    let w = World::new("alarmtest");
    w.create_table();
    let sns = aws_sdk_sns::Client::new(&w.sdk_config().await);
    let topic = |name: &str| {
        let sns = sns.clone();
        let name = format!("{}-{name}", w.env);
        async move {
            sns.create_topic()
                .name(name)
                .send()
                .await
                .unwrap()
                .topic_arn
                .unwrap()
        }
    };
    let oncall = topic("oncall").await;
    let empty = topic("empty").await;
    let webhook = topic("webhook").await;
    let gone = oncall.replace("oncall", "deleted");
    let [url, queue]: [String; 2] =
        serde_json::from_str(&sqs(&w, &["create", &format!("{}-pages", w.env)])).unwrap();
    sns.subscribe()
        .topic_arn(&oncall)
        .protocol("sqs")
        .endpoint(&queue)
        .send()
        .await
        .unwrap();
    sns.subscribe()
        .topic_arn(&webhook)
        .protocol("https")
        .endpoint("https://hooks.example.com/oncall")
        .send()
        .await
        .unwrap();
    w.run(&["alarms", "apply", "--sns-topic", &oncall])
        .assert_code(0);
    let cw = w.cloudwatch().await;
    let name = |short: &str| format!("{PREFIX}-{}-{short}", w.env);
    let table = w.table();
    alarm_to(&cw, &name("events-table-throttles-read"), &table, &gone).await;
    alarm_to(&cw, &name("dynamodb-read-latency"), &table, &empty).await;
    alarm_to(&cw, &name("events-table-throttles"), &table, &webhook).await;

    // Who would be paged: one finding per alarm, nothing changed.
    let dry = w.run(&["-o", "json", "alarms", "test", "--dry-run"]);
    let v = dry.json();
    for (alarm, status) in [
        ("events-table-throttles-read", "crit"),
        ("dynamodb-read-latency", "crit"),
        ("events-table-throttles", "crit"),
        ("dynamodb-write-latency", "ok"),
    ] {
        assert_eq!(
            status_of(&v, &format!("alarm_page.{alarm}")),
            status,
            "{alarm}"
        );
    }
    let summary = |check: &str| dry.summary(check);
    assert!(summary("alarm_page.events-table-throttles-read").contains("does not exist"));
    assert!(summary("alarm_page.dynamodb-read-latency").contains("(no subscriber)"));
    assert!(
        summary("alarm_page.events-table-throttles")
            .contains("1 subscription pending confirmation"),
        "{}",
        summary("alarm_page.events-table-throttles")
    );
    assert!(summary("alarm_page.dynamodb-write-latency").contains(&format!("sqs {queue}")));
    assert_eq!(v["data"]["dry_run"], true);
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| !f["check"].as_str().unwrap().starts_with("alarm_test.")),
        "a dry run sets no state"
    );
    let states = cw
        .describe_alarms()
        .alarm_names(name("dynamodb-write-latency"))
        .send()
        .await
        .unwrap();
    assert_ne!(
        states.metric_alarms()[0].state_value(),
        Some(&StateValue::Alarm)
    );

    // Without --yes it pages nobody.
    let refused = w.run(&["alarms", "test", "--alarm", "dynamodb-write-latency"]);
    refused.assert_code(1);
    assert!(refused.stderr.contains("--yes"), "{}", refused.stderr);

    // The test: the state set with the tool's reason, recorded, and the page received.
    let r = w.run(&[
        "-o",
        "json",
        "alarms",
        "test",
        "--alarm",
        "dynamodb-write-latency",
        "--yes",
        "--wait",
        "2",
    ]);
    let v = r.json();
    let alarm = &v["data"]["alarms"][0];
    assert!(alarm["set_at"].is_string(), "{alarm}");
    assert_eq!(alarm["outcome"]["state_recorded"], true, "{alarm}");
    // No Action item on the emulator: not known from the history alone.
    assert_eq!(
        status_of(&v, "alarm_test.dynamodb-write-latency"),
        "unknown"
    );
    let described = cw
        .describe_alarms()
        .alarm_names(name("dynamodb-write-latency"))
        .send()
        .await
        .unwrap();
    let a = &described.metric_alarms()[0];
    assert_eq!(a.state_value(), Some(&StateValue::Alarm));
    let reason = a.state_reason().unwrap();
    assert!(
        reason.contains("eventsctl alarms test, run by "),
        "{reason}"
    );
    assert_eq!(v["data"]["reason"], reason);
    let bodies: Vec<String> = serde_json::from_str(&sqs(&w, &["receive", &url])).unwrap();
    let page = bodies
        .iter()
        .find(|b| b.contains("ALARM") && b.contains("eventsctl alarms test"))
        .unwrap_or_else(|| panic!("no page in the queue: {bodies:?}"));
    assert!(page.contains(&name("dynamodb-write-latency")), "{page}");

    // The monthly check runs the same test with --alarm-test, as a part of its own.
    let monthly = w.run(&[
        "-o",
        "json",
        "health-check",
        "monthly",
        "--alarm-test",
        "--alarm-test-wait",
        "1",
    ]);
    let v = monthly.json();
    let part = v["data"]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["part"] == "alarm test")
        .unwrap_or_else(|| panic!("{}", v["data"]));
    assert_eq!(part["status"], "crit", "the missing topic: {part}");
    assert_eq!(status_of(&v, "alarm_page.dynamodb-write-latency"), "ok");
    assert_eq!(
        status_of(&v, "alarm_test.dynamodb-write-latency"),
        "unknown"
    );
    // Without the flag, no alarm is set.
    let plain = w.run(&["-o", "json", "health-check", "monthly"]);
    assert!(
        plain.json()["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| !f["check"].as_str().unwrap().starts_with("alarm_test.")),
    );
}

/// Issue 26: `health-check monthly --alarm-test` pages people. On a production environment
/// (here: the World's name made a production marker) it is refused without `--yes`, before any
/// AWS call, with one line naming `--yes` and exit 3 (a check command's refusal, docs/safety.md);
/// `--dry-run` is never refused and says who would be paged without setting any alarm.
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn monthly_alarm_test_on_production_needs_yes_and_a_dry_run_pages_nobody() {
    let w = World::new("pagesprod");
    w.create_table();
    let sns = aws_sdk_sns::Client::new(&w.sdk_config().await);
    let topic = sns
        .create_topic()
        .name(format!("{}-oncall", w.env))
        .send()
        .await
        .unwrap()
        .topic_arn
        .unwrap();
    let cw = w.cloudwatch().await;
    let alarm = format!("{PREFIX}-{}-events-table-throttles", w.env);
    alarm_to(&cw, &alarm, &w.table(), &topic).await;
    let prod = ["--production-markers", "pagesprod"];
    let run = |extra: &[&str]| {
        let mut args = prod.to_vec();
        args.extend_from_slice(&["-o", "json", "health-check", "monthly", "--alarm-test"]);
        args.extend_from_slice(extra);
        w.run(&args)
    };

    let refused = run(&[]);
    refused.assert_code(3);
    assert_eq!(
        refused.stderr.trim().lines().count(),
        1,
        "{}",
        refused.stderr
    );
    assert!(
        refused
            .stderr
            .contains("refusing health-check monthly --alarm-test")
            && refused.stderr.contains("--yes"),
        "{}",
        refused.stderr
    );

    let dry = run(&["--dry-run", "--alarm-test-wait", "0"]);
    let v = dry.json();
    let part = v["data"]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["part"] == "alarm test")
        .unwrap_or_else(|| panic!("{}{}", dry.stdout, dry.stderr));
    assert!(part.is_object());
    // Who would be paged is said (a finding per alarm); no alarm was tested.
    assert!(!status_of(&v, "alarm_page.events-table-throttles").is_empty());
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| !f["check"].as_str().unwrap().starts_with("alarm_test.")),
        "a dry run sets no state"
    );
    let described = cw
        .describe_alarms()
        .alarm_names(&alarm)
        .send()
        .await
        .unwrap();
    assert_ne!(
        described.metric_alarms()[0].state_value(),
        Some(&StateValue::Alarm),
        "a dry run sets no alarm"
    );
    // A non-production environment: the flag alone is the consent (as before).
    let plain = w.run(&[
        "health-check",
        "monthly",
        "--alarm-test",
        "--alarm-test-wait",
        "0",
    ]);
    assert!(
        !plain.stderr.contains("refusing"),
        "not production: {}",
        plain.stderr
    );
}
