use super::*;
use crate::checks::expect;
use crate::report::Status;

fn sub(arn: &str, protocol: &str, endpoint: &str) -> Subscription {
    Subscription {
        arn: arn.into(),
        protocol: protocol.into(),
        endpoint: endpoint.into(),
    }
}

const TOPIC: &str = "arn:aws:sns:us-east-1:111122223333:oncall";

fn found(confirmed: Option<u64>, pending: Option<u64>, subs: Vec<Subscription>) -> TopicRead {
    TopicRead::Found {
        counts: TopicCounts { confirmed, pending },
        subscriptions: subs,
    }
}

#[test]
fn endpoints_are_masked_by_protocol() {
    for (protocol, endpoint, want) in [
        ("email", "jane.doe@example.com", "j***@example.com"),
        ("email-json", "x@y.org", "x***@y.org"),
        ("sms", "+15551234567", "+*******4567"),
        (
            "https",
            "https://hooks.example.com/T0/secret?x=1",
            "https://hooks.example.com/…",
        ),
        (
            "sqs",
            "arn:aws:sqs:us-east-1:1:q",
            "arn:aws:sqs:us-east-1:1:q",
        ),
        ("email", "no-at-sign", "***"),
    ] {
        assert_eq!(mask(protocol, endpoint), want, "{protocol}");
    }
    assert!(is_topic(TOPIC));
    assert!(!is_topic("arn:aws:autoscaling:us-east-1:1:scalingPolicy:x"));
}

#[test]
fn pending_subscriptions_are_counted_from_the_list_and_the_topic() {
    // AWS: an e-mail not yet confirmed is listed as PendingConfirmation.
    let v = view(
        TOPIC,
        &found(
            Some(1),
            Some(1),
            vec![
                sub(
                    "arn:aws:sns:us-east-1:1:oncall:abc",
                    "email",
                    "jane@example.com",
                ),
                sub(PENDING, "email", "bob@example.com"),
            ],
        ),
    );
    assert_eq!((v.confirmed, v.pending), (1, 1));
    assert_eq!(v.paged, ["email j***@example.com"]);
    // A lenient service lists a pending https endpoint with an ARN; the topic counts it pending.
    let v = view(
        TOPIC,
        &found(
            Some(0),
            Some(1),
            vec![sub(
                "arn:aws:sns:us-east-1:1:oncall:def",
                "https",
                "https://h.example/x",
            )],
        ),
    );
    assert_eq!((v.confirmed, v.pending), (0, 1));
    assert!(v.paged.is_empty());
    assert_eq!(view(TOPIC, &TopicRead::Missing).exists, Some(false));
}

fn page(enabled: bool, actions: &[&str], topics: Vec<TopicView>) -> Finding {
    let actions: Vec<String> = actions.iter().map(|a| (*a).to_owned()).collect();
    page_finding("t", "p-dev-t", enabled, &actions, &topics)
}

#[test]
fn a_page_reaches_someone_only_through_a_confirmed_subscription() {
    let confirmed = view(
        TOPIC,
        &found(
            Some(1),
            Some(0),
            vec![sub("arn:x", "sqs", "arn:aws:sqs:us-east-1:1:q")],
        ),
    );
    let none = view(TOPIC, &found(Some(0), Some(0), vec![]));
    let pending_only = view(
        TOPIC,
        &found(Some(0), Some(1), vec![sub(PENDING, "email", "a@b.c")]),
    );
    let mixed = view(
        TOPIC,
        &found(
            Some(1),
            Some(1),
            vec![
                sub("arn:x", "sqs", "arn:aws:sqs:us-east-1:1:q"),
                sub(PENDING, "email", "a@b.c"),
            ],
        ),
    );
    let unreadable = view(TOPIC, &TopicRead::Unreadable("AccessDenied".into()));
    let cases = [
        (
            page(false, &[TOPIC], vec![confirmed.clone()]),
            Status::Crit,
            "actions are disabled",
        ),
        (page(true, &[], vec![]), Status::Crit, "no ALARM actions"),
        (
            page(true, &[TOPIC], vec![view(TOPIC, &TopicRead::Missing)]),
            Status::Crit,
            "does not exist",
        ),
        (
            page(true, &[TOPIC], vec![none]),
            Status::Crit,
            "no confirmed subscription (no subscriber)",
        ),
        (
            page(true, &[TOPIC], vec![pending_only]),
            Status::Crit,
            "1 subscription pending confirmation",
        ),
        (
            page(true, &[TOPIC], vec![unreadable]),
            Status::Unknown,
            "could not be read (AccessDenied)",
        ),
        (page(true, &[TOPIC], vec![mixed]), Status::Warn, "1 more on"),
        (
            page(true, &[TOPIC], vec![confirmed]),
            Status::Ok,
            "→ sqs arn:aws:sqs:us-east-1:1:q",
        ),
    ];
    for (f, status, words) in cases {
        expect(&[f], "alarm_page.t", status, words);
    }
}

fn change(secs: i64, kind: &str, summary: &str) -> AlarmChange {
    AlarmChange {
        alarm: "p-dev-t".into(),
        // clock-free: a pure function of the items given.
        time: DateTime::from_timestamp(946_857_600 + secs, 0).unwrap(),
        kind: kind.into(),
        summary: summary.into(),
    }
}

#[test]
fn action_items_say_whether_the_page_went_out() {
    let ok = outcome(&[
        change(0, "StateUpdate", "Alarm updated from OK to ALARM"),
        change(
            1,
            "Action",
            "Successfully executed action arn:aws:sns:us-east-1:1:oncall",
        ),
        change(60, "StateUpdate", "Alarm updated from ALARM to OK"),
    ]);
    assert!(ok.state_recorded && settled(&ok));
    assert_eq!(ok.returned_at.unwrap().timestamp(), 946_857_660);
    let set = Ok(DateTime::from_timestamp(946_857_600, 0).unwrap());
    let f = test_finding("t", "p-dev-t", "r", set.clone(), &ok, 60, Some(300));
    expect(
        &[f],
        "alarm_test.t",
        Status::Ok,
        "Successfully executed action",
    );

    let failed = outcome(&[
        change(0, "StateUpdate", "Alarm updated from OK to ALARM"),
        change(
            1,
            "Action",
            "Failed to execute action arn:aws:sns:us-east-1:1:gone. Received error: \"Resource: arn:aws:sns:us-east-1:1:gone does not exist\"",
        ),
    ]);
    assert!(!settled(&failed));
    let f = test_finding("t", "p-dev-t", "r", set.clone(), &failed, 60, Some(300));
    expect(
        &[f],
        "alarm_test.t",
        Status::Crit,
        "the page failed: Failed to execute action",
    );

    // The emulator: the state change is recorded, no Action item ever.
    let quiet = outcome(&[change(
        0,
        "StateUpdate",
        "Alarm updated from INSUFFICIENT_DATA to ALARM",
    )]);
    let f = test_finding("t", "p-dev-t", "r", set, &quiet, 5, Some(300));
    expect(
        std::slice::from_ref(&f),
        "alarm_test.t",
        Status::Unknown,
        "no Action item within 5 s",
    );
    assert!(
        f.summary
            .contains("next evaluation (within its 300 s period"),
        "{}",
        f.summary
    );

    let f = test_finding(
        "t",
        "p-dev-t",
        "r",
        Err("AccessDenied".into()),
        &Outcome::default(),
        0,
        None,
    );
    expect(
        &[f],
        "alarm_test.t",
        Status::Crit,
        "could not set it to ALARM: AccessDenied",
    );
}
