//! `alarms test`: would a page from each alarm reach someone, and did it go out?
//!
//! Before the test ([`page_finding`], `alarm_page.{alarm}`): the alarm's actions are enabled and
//! it has ALARM actions; each SNS topic among them exists (GetTopicAttributes) and has at least
//! one confirmed subscription (ListSubscriptionsByTopic lists one not yet confirmed with
//! `PendingConfirmation` as its ARN; the topic's `SubscriptionsPending` counts them too).
//! After SetAlarmState ([`test_finding`], `alarm_test.{alarm}`): DescribeAlarmHistory's `Action`
//! items say whether CloudWatch ran each action ("Successfully executed action ...") or not
//! ("Failed to execute action ...", with why). Pure: what AWS answered in, findings out.
//! <https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_AlarmHistoryItem.html>

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::aws::alarm_history::AlarmChange;
use crate::aws::sns::{Subscription, TopicCounts};
use crate::report::{CheckId, Finding};

/// The runbook line the test answers.
pub const RUNBOOK: &str = "Monthly Health Check 4: verify all alarms are functional";

/// What was read of one SNS topic.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TopicRead {
    /// GetTopicAttributes and ListSubscriptionsByTopic answered.
    Found {
        counts: TopicCounts,
        subscriptions: Vec<Subscription>,
    },
    /// The topic does not exist (NotFound).
    Missing,
    /// It could not be read: why.
    Unreadable(String),
}

/// One topic as `data` shows it: who it pages, masked.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "AlarmTestTopic")]
pub(crate) struct TopicView {
    pub topic: String,
    /// `null` when the topic could not be read.
    pub exists: Option<bool>,
    pub confirmed: usize,
    pub pending: usize,
    /// The confirmed endpoints, masked (`j***@example.com`): who will be paged.
    pub paged: Vec<String>,
    /// Why it could not be read; `null` when it was.
    pub error: Option<String>,
}

/// A subscription SNS lists before its endpoint confirmed it.
pub const PENDING: &str = "PendingConfirmation";

/// `j***@example.com`, `+*******1234`, `<https://hooks.example.com/…`;> ARNs (SQS, Lambda) as
/// they are.
pub fn mask(protocol: &str, endpoint: &str) -> String {
    match protocol {
        "email" | "email-json" => match endpoint.split_once('@') {
            Some((user, domain)) => {
                let first: String = user.chars().take(1).collect();
                format!("{first}***@{domain}")
            }
            None => "***".into(),
        },
        "sms" => {
            let digits: Vec<char> = endpoint.chars().collect();
            let keep = digits.len().saturating_sub(4);
            digits
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    if i < keep && c.is_ascii_digit() {
                        '*'
                    } else {
                        *c
                    }
                })
                .collect()
        }
        "http" | "https" => match endpoint.split_once("://") {
            Some((scheme, rest)) => {
                let host = rest.split(['/', '?']).next().unwrap_or_default();
                format!("{scheme}://{host}/…")
            }
            None => "***".into(),
        },
        _ => endpoint.to_owned(),
    }
}

/// The view of one topic: confirmed and pending counts, and the confirmed endpoints masked.
/// The counts are the larger of what the list shows and what the topic's attributes count (an
/// endpoint that has not confirmed may be listed with an ARN by a lenient service).
pub(crate) fn view(topic: &str, read: &TopicRead) -> TopicView {
    match read {
        TopicRead::Found {
            counts,
            subscriptions,
        } => {
            let listed_pending = subscriptions.iter().filter(|s| s.arn == PENDING).count();
            let listed: Vec<&Subscription> =
                subscriptions.iter().filter(|s| s.arn != PENDING).collect();
            let pending = listed_pending.max(counts.pending.unwrap_or(0) as usize);
            let confirmed = match counts.confirmed {
                Some(c) => listed.len().min(c as usize),
                None => listed.len(),
            };
            let paged = if confirmed == 0 {
                Vec::new()
            } else {
                listed
                    .iter()
                    .map(|s| format!("{} {}", s.protocol, mask(&s.protocol, &s.endpoint)))
                    .collect()
            };
            TopicView {
                topic: topic.to_owned(),
                exists: Some(true),
                confirmed,
                pending,
                paged,
                error: None,
            }
        }
        TopicRead::Missing => TopicView {
            topic: topic.to_owned(),
            exists: Some(false),
            confirmed: 0,
            pending: 0,
            paged: Vec::new(),
            error: None,
        },
        TopicRead::Unreadable(why) => TopicView {
            topic: topic.to_owned(),
            exists: None,
            confirmed: 0,
            pending: 0,
            paged: Vec::new(),
            error: Some(why.clone()),
        },
    }
}

/// An SNS topic ARN (`arn:aws:sns:...`) among an alarm's actions.
pub fn is_topic(action: &str) -> bool {
    action.split(':').nth(2) == Some("sns")
}

crate::evidence! {
    /// `alarm_page.*`: the alarm's actions and who its topics page.
    struct PageEvidence<'a> {
        alarm: &'a str,
        actions_enabled: bool,
        alarm_actions: &'a [String],
        topics: &'a [TopicView],
    }
}

/// `alarm_page.{name}`: would a page from the alarm reach someone.
pub(crate) fn page_finding(
    name: &str,
    alarm: &str,
    actions_enabled: bool,
    actions: &[String],
    topics: &[TopicView],
) -> Finding {
    let check = CheckId::AlarmPage(name.to_owned());
    let evidence = PageEvidence {
        alarm,
        actions_enabled,
        alarm_actions: actions,
        topics,
    };
    let f = if !actions_enabled {
        Finding::crit(
            check,
            format!("{alarm}: its actions are disabled: a page goes to nobody"),
        )
        .remedy(format!(
            "aws cloudwatch enable-alarm-actions --alarm-names {alarm}"
        ))
    } else if actions.is_empty() {
        Finding::crit(
            check,
            format!("{alarm}: it has no ALARM actions: nobody is paged"),
        )
        .remedy("eventsctl alarms apply --sns-topic <on-call topic ARN>")
    } else if let Some(t) = topics.iter().find(|t| t.exists == Some(false)) {
        Finding::crit(
            check,
            format!(
                "{alarm}: its topic {} does not exist: the page goes nowhere",
                t.topic
            ),
        )
        .remedy("eventsctl alarms apply --sns-topic <an existing on-call topic ARN>")
    } else if let Some(t) = topics
        .iter()
        .find(|t| t.exists == Some(true) && t.confirmed == 0)
    {
        let why = if t.pending > 0 {
            format!(
                "{} subscription{} pending confirmation",
                t.pending,
                if t.pending == 1 { "" } else { "s" }
            )
        } else {
            "no subscriber".to_owned()
        };
        Finding::crit(
            check,
            format!("{alarm}: its topic {} has no confirmed subscription ({why}): nobody is paged", t.topic),
        )
        .remedy("subscribe the on-call endpoint to the topic and confirm it (an e-mail subscription waits for the link in its confirmation mail, valid three days)")
    } else if let Some(t) = topics.iter().find(|t| t.exists.is_none()) {
        Finding::unknown(
            check,
            format!(
                "{alarm}: its topic {} could not be read ({}): whether anyone is paged is not known",
                t.topic,
                t.error.as_deref().unwrap_or("no answer")
            ),
        )
    } else if let Some(t) = topics.iter().find(|t| t.pending > 0) {
        Finding::warn(
            check,
            format!(
                "{alarm}: pages {}; {} more on {} pending confirmation, never paged until confirmed",
                paged_text(topics),
                t.pending,
                t.topic
            ),
        )
        .remedy("confirm the pending subscriptions, or remove them")
    } else if topics.is_empty() {
        Finding::ok(
            check,
            format!(
                "{alarm}: its ALARM actions are not SNS topics ({}): not checked further",
                actions.join(", ")
            ),
        )
    } else {
        Finding::ok(check, format!("{alarm}: pages {}", paged_text(topics)))
    };
    f.evidence(evidence).runbook(RUNBOOK)
}

/// `topic → sqs arn:..., email j***@example.com`.
pub(crate) fn paged_text(topics: &[TopicView]) -> String {
    topics
        .iter()
        .filter(|t| !t.paged.is_empty())
        .map(|t| format!("{} → {}", t.topic, t.paged.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// What the alarm's history says since the test set its state.
#[derive(Debug, Clone, Default, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "AlarmTestOutcome")]
pub(crate) struct Outcome {
    /// `Action` items that ran ("Successfully executed action ...").
    pub executed: Vec<String>,
    /// `Action` items that failed, with why.
    pub failed: Vec<String>,
    /// The StateUpdate to ALARM the test made was recorded.
    pub state_recorded: bool,
    /// When the alarm left ALARM again (its next evaluation), if it did within the wait.
    pub returned_at: Option<DateTime<Utc>>,
}

/// Reads the history items of one alarm since the test.
pub(crate) fn outcome(items: &[AlarmChange]) -> Outcome {
    let mut o = Outcome::default();
    let mut items: Vec<&AlarmChange> = items.iter().collect();
    items.sort_by_key(|c| c.time);
    for c in items {
        match c.kind.as_str() {
            "Action" if c.summary.starts_with("Failed") => o.failed.push(c.summary.clone()),
            "Action" => o.executed.push(c.summary.clone()),
            "StateUpdate" if c.summary.ends_with("to ALARM") => o.state_recorded = true,
            "StateUpdate" if o.state_recorded && c.summary.contains("from ALARM") => {
                o.returned_at.get_or_insert(c.time);
            }
            _ => {}
        }
    }
    o
}

/// Whether the wait for this alarm is over: an Action item and the return from ALARM.
pub(crate) fn settled(o: &Outcome) -> bool {
    (!o.executed.is_empty() || !o.failed.is_empty()) && o.returned_at.is_some()
}

crate::evidence! {
    /// `alarm_test.*`: what the alarm's history said after SetAlarmState.
    struct TestEvidence<'a> {
        alarm: &'a str,
        reason: &'a str,
        set_at: Option<DateTime<Utc>>,
        outcome: &'a Outcome,
        waited_s: i64,
    }
}

/// `alarm_test.{name}`: the state was set; the action ran, failed, or was not seen in the wait.
pub(crate) fn test_finding(
    name: &str,
    alarm: &str,
    reason: &str,
    set: Result<DateTime<Utc>, String>,
    o: &Outcome,
    waited_s: i64,
    period_s: Option<i32>,
) -> Finding {
    let check = CheckId::AlarmTest(name.to_owned());
    let evidence = TestEvidence {
        alarm,
        reason,
        set_at: set.as_ref().ok().copied(),
        outcome: o,
        waited_s,
    };
    let back = match o.returned_at {
        Some(t) => format!("; back from ALARM at {}", t.format("%H:%M:%S UTC")),
        None => format!(
            "; it returns to its real state at its next evaluation{}",
            period_s
                .map(|p| format!(" (within its {p} s period once data arrives)"))
                .unwrap_or_default()
        ),
    };
    let f = match set {
        Err(why) => Finding::crit(check, format!("{alarm}: could not set it to ALARM: {why}")),
        Ok(_) if !o.failed.is_empty() => Finding::crit(
            check,
            format!("{alarm}: the page failed: {}{back}", o.failed.join("; ")),
        )
        .remedy("fix what the message names (a deleted topic, or a topic policy or KMS key that does not let CloudWatch publish), then run the test again"),
        Ok(_) if !o.executed.is_empty() => Finding::ok(
            check,
            format!("{alarm}: set to ALARM; {}{back}", o.executed.join("; ")),
        ),
        Ok(_) => Finding::unknown(
            check,
            format!(
                "{alarm}: set to ALARM{}, but its history shows no Action item within {waited_s} s: whether the page went out is not known{back}",
                if o.state_recorded { " (recorded in its history)" } else { "" }
            ),
        )
        .remedy("check the on-call endpoint received it; run again with a longer --wait"),
    };
    f.evidence(evidence).runbook(RUNBOOK)
}

#[cfg(test)]
mod tests;
