//! `changes` and the changes the checks mention: against the emulator (ministack records every
//! call with CLOUDTRAIL_RECORDING=1 and answers LookupEvents), and with recorded AWS-shaped
//! CloudTrail records for what the emulator records without a name (CloudWatch over CBOR,
//! Lambda event source mappings).

use crate::common::{self, World};
use aws_sdk_cloudtrail::operation::lookup_events::LookupEventsOutput;
use aws_sdk_cloudtrail::types::{Event, LookupAttributeKey, Resource};
use aws_sdk_dynamodb::types::TimeToLiveSpecification;
use aws_smithy_mocks::{RuleMode, mock, mock_client};
use chrono::Utc;
use eventsctl::checks::changes::{self, ALL, Impact, Scope};
use eventsctl::context::{Context, OutputSettings};
use eventsctl::report::{CheckId, Status};
use eventsctl::spec::Names;
use serde_json::{Value, json};

/// A DynamoDB client of another identity (its own access key), as an engineer's CLI would be.
async fn other_client(w: &World, key: &str) -> aws_sdk_dynamodb::Client {
    let conf = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .endpoint_url(&w.endpoint)
        .credentials_provider(aws_sdk_dynamodb::config::Credentials::new(
            key, "secret", None, None, "tests",
        ))
        .load()
        .await;
    aws_sdk_dynamodb::Client::new(&conf)
}

async fn set_ttl(client: &aws_sdk_dynamodb::Client, table: &str, enabled: bool) {
    client
        .update_time_to_live()
        .table_name(table)
        .time_to_live_specification(
            TimeToLiveSpecification::builder()
                .enabled(enabled)
                .attribute_name("ttl")
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
}

fn entries(v: &Value) -> Vec<Value> {
    v["data"]["entries"].as_array().expect("entries").clone()
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn a_ttl_disabled_by_another_client_shows_in_changes_with_its_identity_and_in_check_ttl() {
    let w = World::new("changes-ttl");
    w.create_table();
    let bob = other_client(&w, "AKIAONCALLBOB").await;
    set_ttl(&bob, &w.table(), false).await;

    let r = w.run(&["-o", "json", "changes", "--since", "1h"]);
    r.assert_code(2);
    let ttl = r.finding("changes.ttl");
    assert_eq!(ttl["status"], "crit");
    let summary = ttl["summary"].as_str().unwrap();
    assert!(summary.contains("TTL disabled"), "{summary}");
    assert!(summary.contains("user/AKIAONCALLBOB"), "{summary}");
    let v = r.json();
    let newest = &entries(&v)[0];
    assert_eq!(newest["source"], "cloudtrail");
    assert_eq!(newest["event"], "UpdateTimeToLive");
    assert_eq!(newest["impact"], "breaks_spec");
    assert!(
        newest["identity"]
            .as_str()
            .unwrap()
            .ends_with("user/AKIAONCALLBOB"),
        "{newest}"
    );
    // table create's own settings are on the timeline too, by the tool's identity.
    assert!(
        entries(&v)
            .iter()
            .any(|e| e["change"] == "TTL enabled on `ttl`" && e["identity"] != newest["identity"]),
        "{v}"
    );

    // check-ttl says who, next to its own verdict.
    let r = w.run(&["-o", "json", "check-ttl", "--sample", "10"]);
    r.assert_code(2);
    assert_eq!(r.finding("ttl.status")["status"], "crit");
    let mention = r.finding("changes.ttl");
    assert!(
        mention["evidence"]["identity"]
            .as_str()
            .unwrap()
            .ends_with("user/AKIAONCALLBOB"),
        "{mention}"
    );

    // Put back by the tool's identity: the latest change decides, no crit is left.
    set_ttl(&w.dynamodb().await, &w.table(), true).await;
    let r = w.run(&["-o", "json", "changes", "--since", "1h"]);
    r.assert_code(0);
    let v = r.json();
    assert_eq!(entries(&v)[0]["change"], "TTL enabled on `ttl`");
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["check"] != "changes.ttl"),
        "{v}"
    );
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn alarm_state_history_is_on_the_same_timeline() {
    let w = World::new("changes-alarms");
    w.create_table();
    w.run(&["alarms", "apply"]).assert_code(0);
    let alarm = format!("{}-{}-events-table-throttles", common::PREFIX, w.env);
    w.cloudwatch()
        .await
        .set_alarm_state()
        .alarm_name(&alarm)
        .state_value(aws_sdk_cloudwatch::types::StateValue::Alarm)
        .state_reason("test: throttles")
        .send()
        .await
        .unwrap();
    let r = w.run(&["-o", "json", "changes", "--since", "1h"]);
    let v = r.json();
    assert_eq!(r.finding("changes.alarm_history")["status"], "ok");
    assert!(
        entries(&v)
            .iter()
            .any(|e| e["source"] == "alarm_history" && e["resource"] == alarm.as_str()),
        "{v}"
    );
}

// ---- recorded AWS-shaped CloudTrail records ----
// The emulator records CloudWatch (CBOR) and Lambda event-source-mapping calls without an
// operation name or parameters; AWS records them as below (camelCase requestParameters, the
// mapping's stream ARN in responseElements).
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/logging_cw_api_calls.html
// https://docs.aws.amazon.com/lambda/latest/dg/logging-using-cloudtrail.html

const TABLE: &str = "zapier-triggers-api-prod-events";

fn record(name: &str, source: &str, minutes_ago: i64, request: Value, response: Value) -> Event {
    let t = Utc::now() - chrono::Duration::minutes(minutes_ago);
    let body = json!({
        "eventVersion": "1.09",
        "userIdentity": {"type": "AssumedRole", "arn": "arn:aws:sts::123456789012:assumed-role/ops/alice"},
        "eventTime": t.to_rfc3339(), "eventSource": source, "eventName": name,
        "awsRegion": "us-east-1", "sourceIPAddress": "203.0.113.9", "userAgent": "console.amazonaws.com",
        "requestParameters": request, "responseElements": response,
        "eventID": format!("ev-{name}"), "readOnly": false, "eventType": "AwsApiCall",
    });
    Event::builder()
        .event_id(format!("ev-{name}"))
        .event_name(name)
        .event_source(source)
        .event_time(aws_smithy_types::DateTime::from_secs(t.timestamp()))
        .username("alice")
        .cloud_trail_event(body.to_string())
        .build()
}

fn events_named(name: &str) -> Vec<Event> {
    let stream = format!(
        // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
        "arn:aws:dynamodb:us-east-1:123456789012:table/{TABLE}/stream/2026-01-01T00:00:00.000"
    );
    match name {
        "PutMetricAlarm" => vec![record(
            name,
            "monitoring.amazonaws.com",
            30,
            json!({"alarmName": "zapier-triggers-api-prod-dynamodb-write-latency", "threshold": 50.0, "actionsEnabled": false}),
            Value::Null,
        )],
        "DeleteAlarms" => vec![record(
            name,
            "monitoring.amazonaws.com",
            20,
            json!({"alarmNames": ["zapier-triggers-api-prod-events-table-throttles", "another-team-alarm"]}),
            Value::Null,
        )],
        "UpdateEventSourceMapping20150331" => vec![record(
            name,
            "lambda.amazonaws.com",
            10,
            json!({"uUID": "3f1c-uuid", "enabled": false}),
            json!({"uUID": "3f1c-uuid", "eventSourceArn": stream, "state": "Disabling"}),
        )],
        _ => Vec::new(),
    }
}

fn context() -> Context {
    let sdk = aws_config::SdkConfig::builder()
        .region(aws_config::Region::new("us-east-1"))
        .behavior_version(aws_config::BehaviorVersion::latest())
        .build();
    let output = OutputSettings {
        format: eventsctl::output::Format::Json,
        quiet: true,
        verbose: 0,
        progress: false,
        color: false,
        interactive: false,
    };
    Context::with_sdk_config(
        Names::derive("zapier-triggers-api", "prod", None),
        output,
        sdk,
    )
}

/// What AWS's event history answers each lookup of the plan, in recorded AWS shapes: by the
/// table as resource name, the control-plane events that name the table (by name or ARN, the
/// restores from it) and its reads (DescribeTable), never item writes (data events); by the
/// alarm resource type, every alarm's events (another team's too); the mapping events by name.
fn answer(key: &LookupAttributeKey, value: &str) -> Vec<Event> {
    let table_arn = format!("arn:aws:dynamodb:us-east-1:123456789012:table/{TABLE}");
    match (key, value) {
        (LookupAttributeKey::ResourceName, TABLE) => vec![
            on_table(record(
                "UpdateTimeToLive",
                "dynamodb.amazonaws.com",
                40,
                json!({"tableName": TABLE, "timeToLiveSpecification": {"enabled": false, "attributeName": "ttl"}}),
                Value::Null,
            )),
            on_table(record(
                "TagResource",
                "dynamodb.amazonaws.com",
                35,
                json!({"resourceArn": table_arn, "tags": [{"key": "team", "value": "core"}]}),
                Value::Null,
            )),
            on_table(record(
                "RestoreTableToPointInTime",
                "dynamodb.amazonaws.com",
                33,
                json!({"sourceTableName": TABLE, "targetTableName": "events-restored", "useLatestRestorableTime": true}),
                Value::Null,
            )),
            on_table(record(
                "DescribeTable",
                "dynamodb.amazonaws.com",
                32,
                json!({"tableName": TABLE}),
                Value::Null,
            )),
        ],
        (LookupAttributeKey::ResourceType, "AWS::CloudWatch::Alarm") => {
            let mut v = events_named("PutMetricAlarm");
            v.extend(events_named("DeleteAlarms"));
            v.push(record(
                "PutMetricAlarm",
                "monitoring.amazonaws.com",
                25,
                json!({"alarmName": "another-team-alarm", "threshold": 1.0}),
                Value::Null,
            ));
            v
        }
        (LookupAttributeKey::EventName, name) => events_named(name),
        _ => Vec::new(),
    }
}

/// The table as the event's resource, as the event history shows it.
fn on_table(mut e: Event) -> Event {
    e.resources = Some(vec![
        Resource::builder()
            .resource_type("AWS::DynamoDB::Table")
            .resource_name(TABLE)
            .build(),
    ]);
    e
}

/// Every lookup the plan made: its attribute key and value.
type Asked = std::sync::Arc<std::sync::Mutex<Vec<(String, String)>>>;

fn answering(asked: &Asked) -> aws_smithy_mocks::Rule {
    let asked = asked.clone();
    mock!(aws_sdk_cloudtrail::Client::lookup_events).then_compute_output(move |req| {
        let a = &req.lookup_attributes()[0];
        asked.lock().unwrap().push((
            a.attribute_key().as_str().to_owned(),
            a.attribute_value().to_owned(),
        ));
        LookupEventsOutput::builder()
            .set_events(Some(answer(a.attribute_key(), a.attribute_value())))
            .build()
    })
}

/// The lookup plan against recorded AWS answers: 4 lookups for every aspect (the table by
/// resource name, the alarm resource type, the two mapping events by name; 13 lookups by event
/// name before); each change summarised with who made it; another team's alarm and the table's
/// reads are not changes; alarm edits, an alarm deleted and the consumer's mapping disabled are.
#[tokio::test]
async fn recorded_aws_shaped_alarm_and_consumer_events_are_summarised_with_identity() {
    let asked: Asked = Default::default();
    let lookup = answering(&asked);
    let ctx = context();
    let trail = mock_client!(aws_sdk_cloudtrail, RuleMode::MatchAny, [&lookup]);
    // Neither the alarm history nor the metrics are read: no CloudWatch call is expected.
    let cw = mock_client!(aws_sdk_cloudwatch, RuleMode::MatchAny, []);
    let scope = Scope {
        aspects: ALL,
        alarm_history: false,
        metrics: false,
    };
    let facts = changes::gather(
        &trail,
        &cw,
        &ctx.names,
        chrono::Duration::hours(2),
        scope,
        std::future::pending(),
    )
    .await;
    assert_eq!(
        *asked.lock().unwrap(),
        vec![
            ("ResourceName".to_owned(), TABLE.to_owned()),
            (
                "ResourceType".to_owned(),
                "AWS::CloudWatch::Alarm".to_owned()
            ),
            (
                "EventName".to_owned(),
                "UpdateEventSourceMapping20150331".to_owned()
            ),
            (
                "EventName".to_owned(),
                "DeleteEventSourceMapping20150331".to_owned()
            ),
        ]
    );
    assert!(facts.unchecked.is_empty());
    let (findings, timeline) = changes::evaluate(&facts, &ctx.names, Utc::now());
    let got: Vec<(&str, &str, Impact)> = timeline
        .iter()
        .map(|c| (c.event.as_str(), c.change.as_str(), c.impact))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "UpdateEventSourceMapping20150331",
                "mapping disabled",
                Impact::Warn
            ),
            ("DeleteAlarms", "alarm deleted", Impact::Warn),
            (
                "PutMetricAlarm",
                "alarm created or updated, threshold 50.0, actions disabled",
                Impact::Warn
            ),
            (
                "RestoreTableToPointInTime",
                "restored into events-restored as of the latest restorable time",
                Impact::None
            ),
            ("TagResource", "tags set: team", Impact::None),
            (
                "UpdateTimeToLive",
                "TTL disabled (attribute `ttl`)",
                Impact::BreaksSpec
            ),
        ]
    );
    assert_eq!(
        timeline[1].resource,
        "zapier-triggers-api-prod-events-table-throttles"
    );
    assert!(
        timeline
            .iter()
            .all(|c| c.identity.as_deref()
                == Some("arn:aws:sts::123456789012:assumed-role/ops/alice"))
    );
    let consumer = findings
        .iter()
        .find(|f| f.check == CheckId::ChangesConsumer)
        .unwrap();
    assert_eq!(consumer.status, Status::Warn);
    assert!(
        consumer.summary.contains("assumed-role/ops/alice"),
        "{}",
        consumer.summary
    );
    // The latest alarm change (the deletion) decides the alarms' verdict.
    let alarms = findings
        .iter()
        .find(|f| f.check == CheckId::ChangesAlarms)
        .unwrap();
    assert!(
        alarms.summary.contains("DeleteAlarms"),
        "{}",
        alarms.summary
    );
}

fn ttl_record(minutes_ago: i64, enabled: bool) -> Event {
    on_table(record(
        "UpdateTimeToLive",
        "dynamodb.amazonaws.com",
        minutes_ago,
        json!({"tableName": TABLE, "timeToLiveSpecification": {"enabled": enabled, "attributeName": "ttl"}}),
        Value::Null,
    ))
}

fn ttl_only() -> Scope<'static> {
    Scope {
        aspects: &[eventsctl::checks::changes::Aspect::Ttl],
        alarm_history: false,
        metrics: false,
    }
}

/// Events come newest first: a page that reaches back past the window's start is the last one
/// read, whatever its NextToken says (AWS pages a resource name's reads too: a busy table has
/// many). An event before the window is not a change in it.
#[tokio::test]
async fn recorded_paging_stops_at_the_window_start() {
    let pages = mock!(aws_sdk_cloudtrail::Client::lookup_events).then_compute_output(|req| {
        let (events, next) = match req.next_token() {
            None => (vec![ttl_record(10, true), ttl_record(20, true)], Some("p2")),
            // Reaches back 3 h: past the 2 h window's start.
            Some("p2") => (
                vec![ttl_record(100, true), ttl_record(180, false)],
                Some("p3"),
            ),
            Some(_) => (vec![ttl_record(200, false)], None),
        };
        LookupEventsOutput::builder()
            .set_events(Some(events))
            .set_next_token(next.map(str::to_owned))
            .build()
    });
    let ctx = context();
    let trail = mock_client!(aws_sdk_cloudtrail, RuleMode::MatchAny, [&pages]);
    let cw = mock_client!(aws_sdk_cloudwatch, RuleMode::MatchAny, []);
    let two_hours = chrono::Duration::hours(2);
    let facts = changes::gather(
        &trail,
        &cw,
        &ctx.names,
        two_hours,
        ttl_only(),
        std::future::pending(),
    )
    .await;
    assert_eq!(
        pages.num_calls(),
        2,
        "the page past the window's start is the last"
    );
    let lookup = facts.trail.as_ref().unwrap();
    assert_eq!(lookup.events.len(), 3, "{:?}", lookup.events);
    assert!(lookup.truncated.is_empty());
    let (findings, _) = changes::evaluate(&facts, &ctx.names, Utc::now());
    // TTL disabled 3 h ago is before the window: no TTL verdict.
    assert!(
        findings.iter().all(|f| f.check != CheckId::ChangesTtl),
        "{findings:?}"
    );
}

/// CloudTrail answers two lookups a second per account and Region, shared with every tool
/// there: a throttled lookup waits (its turn in the pacing, and a backoff) and asks again; its
/// answer counts as if it had come the first time.
#[tokio::test]
async fn recorded_a_throttled_lookup_backs_off_and_answers() {
    use aws_sdk_cloudtrail::operation::lookup_events::LookupEventsError;
    let throttled = || {
        LookupEventsError::generic(
            aws_sdk_cloudtrail::error::ErrorMetadata::builder()
                .code("ThrottlingException")
                .message("Rate exceeded")
                .build(),
        )
    };
    let rule = mock!(aws_sdk_cloudtrail::Client::lookup_events)
        .sequence()
        .error(throttled)
        .times(2)
        .output(|| {
            LookupEventsOutput::builder()
                .set_events(Some(vec![ttl_record(30, false)]))
                .build()
        })
        .build();
    let ctx = context();
    // The SDK's own attempts off: what is measured is the lookup's own backoff above them.
    let trail = mock_client!(aws_sdk_cloudtrail, RuleMode::MatchAny, [&rule], |c| {
        c.retry_config(aws_sdk_cloudtrail::config::retry::RetryConfig::disabled())
    });
    let cw = mock_client!(aws_sdk_cloudwatch, RuleMode::MatchAny, []);
    let t0 = std::time::Instant::now();
    let facts = changes::gather(
        &trail,
        &cw,
        &ctx.names,
        chrono::Duration::hours(2),
        ttl_only(),
        std::future::pending(),
    )
    .await;
    let took = t0.elapsed();
    assert_eq!(rule.num_calls(), 3);
    // Two retries, each in its own turn of the pacing (two a second): a second at least.
    assert!(took >= std::time::Duration::from_millis(950), "{took:?}");
    let (findings, _) = changes::evaluate(&facts, &ctx.names, Utc::now());
    let ttl = findings
        .iter()
        .find(|f| f.check == CheckId::ChangesTtl)
        .unwrap();
    assert_eq!(ttl.status, Status::Crit);
    let trail_finding = findings
        .iter()
        .find(|f| f.check == CheckId::ChangesCloudtrail)
        .unwrap();
    assert_eq!(
        trail_finding.status,
        Status::Ok,
        "{}",
        trail_finding.summary
    );
}

/// A check is done before the later lookups' turn in the pacing: what they cover is "not
/// checked" (unknown in `changes.cloudtrail`), never "no change"; what answered stands.
#[tokio::test]
async fn recorded_a_lookup_still_running_at_the_deadline_is_not_checked() {
    let asked: Asked = Default::default();
    let lookup = answering(&asked);
    let ctx = context();
    let trail = mock_client!(aws_sdk_cloudtrail, RuleMode::MatchAny, [&lookup]);
    let cw = mock_client!(aws_sdk_cloudwatch, RuleMode::MatchAny, []);
    let scope = Scope {
        aspects: ALL,
        alarm_history: false,
        metrics: false,
    };
    let t0 = std::time::Instant::now();
    // The check's own reads take 100 ms: the first lookup has answered, the next three wait for
    // their turn (0.5 s, 1 s, 1.5 s).
    let deadline = tokio::time::sleep(std::time::Duration::from_millis(100));
    let facts = changes::gather(
        &trail,
        &cw,
        &ctx.names,
        chrono::Duration::hours(2),
        scope,
        deadline,
    )
    .await;
    assert!(
        t0.elapsed() < std::time::Duration::from_millis(450),
        "{:?}",
        t0.elapsed()
    );
    assert_eq!(asked.lock().unwrap().len(), 1);
    assert_eq!(
        facts.unchecked,
        vec![changes::Aspect::Alarms, changes::Aspect::Consumer]
    );
    let (findings, _) = changes::evaluate(&facts, &ctx.names, Utc::now());
    let ttl = findings
        .iter()
        .find(|f| f.check == CheckId::ChangesTtl)
        .unwrap();
    assert_eq!(ttl.status, Status::Crit, "the answered lookup stands");
    let f = findings
        .iter()
        .find(|f| f.check == CheckId::ChangesCloudtrail)
        .unwrap();
    assert_eq!(f.status, Status::Unknown);
    assert!(
        f.summary.contains("not checked")
            && f.summary.contains("the alarms or the stream consumer"),
        "{}",
        f.summary
    );
    assert!(findings.iter().all(|f| f.check != CheckId::ChangesAlarms));
}

/// The lines of `args` as people read them at `COLUMNS=80` (stdout a pipe).
fn at_80(w: &World, args: &[&str]) -> common::Run {
    w.command()
        .env("COLUMNS", "80")
        .args(args)
        .output()
        .unwrap()
        .into()
}

/// Line 1 the title (at most 80 characters, the table whole), line 2 the verdict, and no line
/// wider than 80 unless it is one word that cannot be cut (a long ARN).
pub fn assert_fits_80(w: &World, text: &str) {
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].chars().count() <= 80, "{text}");
    assert!(lines[0].contains(&w.table()), "{text}");
    assert!(lines[1].starts_with("Result: "), "{text}");
    for l in &lines {
        assert!(
            l.chars().count() <= 80 || !l.trim().contains(' '),
            "wider than 80: {l:?}\n{text}"
        );
    }
}

/// At 80 columns: the verdict on line 2, the timeline one or two lines an event, and every
/// identity ARN, alarm name and the table whole on some line (none split to be copied).
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn at_80_columns_changes_has_its_verdict_on_line_2_and_names_stay_whole() {
    let w = World::new("changes-80-columns");
    w.create_table();
    w.run(&["alarms", "apply"]).assert_code(0);
    let cw = w.cloudwatch().await;
    for alarm in [
        "events-table-throttles-EventTypeIndex",
        "dynamodb-write-latency",
    ] {
        cw.set_alarm_state()
            .alarm_name(format!("{}-{}-{alarm}", common::PREFIX, w.env))
            .state_value(aws_sdk_cloudwatch::types::StateValue::Alarm)
            .state_reason("test")
            .send()
            .await
            .unwrap();
    }
    // The throttle alarm returns to its real state (OK: FILL counts no data as 0) at its next
    // evaluation, within seconds, as on AWS; wait for it, so that both runs below see the same
    // history (the latency alarm ignores missing data and stays in ALARM).
    let throttles = format!(
        "{}-{}-events-table-throttles-EventTypeIndex",
        common::PREFIX,
        w.env
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let a = cw
            .describe_alarms()
            .alarm_names(&throttles)
            .send()
            .await
            .unwrap();
        if a.metric_alarms()[0].state_value() == Some(&aws_sdk_cloudwatch::types::StateValue::Ok) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{throttles} never returned to OK"
        );
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    let bob = other_client(&w, "AKIAONCALLBOB").await;
    set_ttl(&bob, &w.table(), false).await;

    let v = w.run(&["-o", "json", "changes", "--since", "1h"]).json();
    let entries = entries(&v);
    assert!(entries.len() >= 6, "{v}");
    let r = at_80(&w, &["changes", "--since", "1h"]);
    r.assert_code(2);
    assert_fits_80(&w, &r.stdout);
    let timeline: Vec<&str> = r
        .stdout
        .lines()
        .skip_while(|l| *l != "Timeline (newest first)")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    // An entry's first line starts with its age (`12m ago  ...`); its detail is indented.
    let starts = timeline
        .iter()
        .filter(|l| {
            l.trim_start().starts_with(|c: char| c.is_ascii_digit()) && l.contains(" ago  ")
        })
        .count();
    assert_eq!(starts, entries.len(), "{}", r.stdout);
    assert!(
        timeline.len() <= 2 * entries.len(),
        "{} lines for {} events:\n{}",
        timeline.len(),
        entries.len(),
        r.stdout
    );
    for e in &entries {
        for name in [&e["identity"], &e["resource"]] {
            if let Some(name) = name.as_str().filter(|n| !n.is_empty()) {
                assert!(
                    r.stdout.lines().any(|l| l.contains(name)),
                    "{name} is not whole on any line:\n{}",
                    r.stdout
                );
            }
        }
    }
}

/// Wherever changes are reported, the window is said to end about 5 minutes before now
/// (CloudTrail shows a change about 5 minutes after it is made): in `changes` and in the note
/// of each check that looks for changes, also when there were none.
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn no_recent_change_is_said_with_cloudtrails_delay() {
    let delay = "the window ends about 5 min before now";
    let w = World::new("changes-delay");
    w.create_table();
    let r = w.run(&["-o", "json", "changes", "--since", "1h"]);
    let trail = r.summary("changes.cloudtrail");
    assert!(trail.contains(delay), "{trail}");
    assert!(
        trail.starts_with("2 changes in the last 1h by 1 identity;"),
        "{trail}"
    );
    // check-ttl looks at TTL changes in the last 7 days: there were none but table create's.
    for (args, what) in [
        (&["check-ttl", "--sample", "10"][..], "TTL"),
        (&["stream-status"][..], "the stream"),
        (&["diagnose", "writes"][..], "the table settings"),
    ] {
        let mut all = vec!["-o", "json"];
        all.extend_from_slice(args);
        let v = w.run(&all).json();
        let notes: Vec<&str> = v["notes"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|n| n.as_str())
            .filter(|n| n.starts_with("CloudTrail, last "))
            .collect();
        assert_eq!(notes.len(), 1, "{args:?}: {v}");
        assert!(notes[0].contains(delay), "{args:?}: {}", notes[0]);
        if *args == ["stream-status"] || *args == ["diagnose", "writes"] {
            assert!(
                notes[0].contains(&format!("no change of {what}")),
                "{}",
                notes[0]
            );
        }
    }
}

/// `changes` reads CloudTrail for seconds (two lookups a second): a spinner says so on a
/// terminal (a pseudo-terminal from `script`).
#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn changes_shows_a_spinner_while_cloudtrail_is_read() {
    let w = World::new("changes-spinner");
    let probe = std::process::Command::new("script")
        .arg("--version")
        .output();
    assert!(
        probe.is_ok_and(|o| o.status.success()),
        "this test needs `script` (util-linux) for a pseudo-terminal"
    );
    let line = format!("{} changes --since 1h", common::bin().display());
    let out = std::process::Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env("AWS_ENDPOINT_URL", &w.endpoint)
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("EVENTSCTL_ENV", &w.env)
        .env("EVENTSCTL_NAME_PREFIX", common::PREFIX)
        .env_remove("AWS_PROFILE")
        .env_remove("RUST_LOG")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("reading CloudTrail event history"),
        "no spinner:\n{text}"
    );
}

/// CloudTrail throttled past the SDK's retries and the lookups' own (the fault proxy answers
/// ThrottlingException to LookupEvents, `times: 100`: each of the 4 lookups tries 3 times 3): `changes` is unknown with the reason and what to do; nothing is
/// "no changes".
#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn throttled_cloudtrail_is_unknown_in_changes() {
    let w = World::new("changes-throttled");
    w.create_table();
    let proxy = common::Proxy::start("passthrough.yaml");
    proxy.add_rules(json!([{
        "service": "cloudtrail", "operation": "LookupEvents", "times": 100,
        "error": {"code": "ThrottlingException", "status": 400, "message": "Rate exceeded"}
    }]));
    let r = w.run_via(&proxy, &["-o", "json", "changes", "--since", "1h"]);
    r.assert_code(3);
    let f = r.finding("changes.cloudtrail");
    assert_eq!(f["status"], "unknown");
    let summary = f["summary"].as_str().unwrap();
    assert!(
        summary.contains("ThrottlingException") && summary.contains("is not known"),
        "{summary}"
    );
    assert!(f["remedy"].as_str().unwrap().contains("run again"), "{f}");
    assert!(
        proxy
            .fired()
            .get("cloudtrail error:ThrottlingException")
            .is_some_and(|n| *n >= 3)
    );
}

/// A check that names recent changes answers when its own reads are done, however slow
/// CloudTrail is (the fault proxy holds every LookupEvents 20 s): the note says the changes
/// were not checked, never that nothing changed.
#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn a_check_does_not_wait_for_a_slow_cloudtrail_and_says_not_checked() {
    let w = World::new("changes-slow-trail");
    w.create_table();
    let proxy = common::Proxy::start("passthrough.yaml");
    proxy.add_rules(json!([{
        "service": "cloudtrail", "operation": "LookupEvents",
        "latency": {"min": 20000, "max": 20000}
    }]));
    // The proxy's first call to each service loads its model (seconds): not what is measured.
    w.run_via(&proxy, &["-o", "json", "stream-status"]);
    let t0 = std::time::Instant::now();
    let r = w.run_via(&proxy, &["-o", "json", "stream-status"]);
    let took = t0.elapsed();
    assert!(took < std::time::Duration::from_secs(5), "{took:?}");
    let v = r.json();
    let note = v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .find(|n| n.starts_with("CloudTrail, last "))
        .expect("the changes note")
        .to_owned();
    assert!(!note.contains("no change"), "{note}");
    assert!(
        note.contains(
            "not checked (CloudTrail had not answered when the check was done): changes of the stream, the table or the stream consumer"
        ),
        "{note}"
    );
}
