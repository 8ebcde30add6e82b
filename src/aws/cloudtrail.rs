//! CloudTrail event history (`LookupEvents`): the management events of the last 90 days, no
//! trail needed. One lookup attribute a call, at most 50 events a page, two calls a second per
//! account and Region (the calls here are paced to that).
//! <https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html>

use super::ops;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration as StdDuration;

use aws_sdk_cloudtrail::Client;
use aws_sdk_cloudtrail::types::{LookupAttribute, LookupAttributeKey};
use chrono::{DateTime, TimeZone, Utc};
use serde_json::Value;

use super::error::{AwsError, AwsResultExt};
use super::retry::{self, Pacer, RetryPolicy};

/// LookupEvents answers two calls a second per account and Region; more are throttled.
pub(crate) const LOOKUP_INTERVAL: StdDuration = StdDuration::from_millis(500);

/// CloudTrail shows a call typically within an average of about 5 minutes (not guaranteed): a
/// change made in the last minutes of a window may not be found yet, so what a lookup returns is
/// complete only up to about this long before now.
/// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/get-and-view-cloudtrail-log-files.html
pub(crate) const DELIVERY_DELAY_MINUTES: i64 = 5;

/// The words that say so, for every report that says what changed or that nothing did.
pub(crate) const DELIVERY_DELAY: &str = "the window ends about 5 min before now: CloudTrail shows a change about 5 minutes after it is made";

/// Pages one lookup follows at most (50 events each): a window with more events of one name
/// is reported as cut short, never silently.
pub(crate) const MAX_PAGES: usize = 20;

/// One CloudTrail event, with the parts of its `CloudTrailEvent` record that say who did it,
/// from where and with what.
#[derive(Debug, Clone, PartialEq)]
pub struct TrailEvent {
    pub id: String,
    pub time: DateTime<Utc>,
    /// `UpdateTimeToLive`, `PutMetricAlarm`, `UpdateEventSourceMapping20150331`, ...
    pub name: String,
    /// `dynamodb.amazonaws.com`, ...
    pub source: String,
    /// `userIdentity.arn`, else the user name the lookup gave.
    pub identity: String,
    pub source_ip: Option<String>,
    pub user_agent: Option<String>,
    /// `requestParameters` as recorded (AWS writes camelCase keys).
    pub request: Value,
    /// `responseElements` (an event source mapping's stream ARN is only there).
    pub response: Value,
    /// `errorCode` of a call that failed (it changed nothing).
    pub error_code: Option<String>,
    /// The names in the event's `Resources`.
    pub resources: Vec<String>,
}

/// What a set of lookups found, which were cut short at [`MAX_PAGES`], and which had not
/// answered by the deadline of the check that asked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lookup {
    pub events: Vec<TrailEvent>,
    /// Lookups (as [`By`] says them) that stopped at the page limit.
    pub truncated: Vec<String>,
    /// Lookups still running at the deadline: what they cover is not checked.
    pub unfinished: Vec<String>,
}

/// The one lookup attribute of a call (LookupEvents takes one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum By {
    /// Every event whose `Resources` name this resource.
    ResourceName(String),
    /// Every event with a resource of this type (`AWS::CloudWatch::Alarm`).
    ResourceType(&'static str),
    /// Every event of this name.
    EventName(&'static str),
}

impl std::fmt::Display for By {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            By::ResourceName(n) => write!(f, "ResourceName={n}"),
            By::ResourceType(t) => write!(f, "ResourceType={t}"),
            By::EventName(n) => write!(f, "EventName={n}"),
        }
    }
}

impl By {
    fn attribute(&self) -> Result<LookupAttribute, AwsError> {
        let (key, value) = match self {
            By::ResourceName(n) => (LookupAttributeKey::ResourceName, n.as_str()),
            By::ResourceType(t) => (LookupAttributeKey::ResourceType, *t),
            By::EventName(n) => (LookupAttributeKey::EventName, *n),
        };
        LookupAttribute::builder()
            .attribute_key(key)
            .attribute_value(value)
            .build()
            .map_err(|e| {
                AwsError::local(
                    super::AwsErrorKind::Other,
                    "cloudtrail",
                    "LookupEvents",
                    None,
                    e.to_string(),
                )
            })
    }
}

/// Keeps the lookups of one command under CloudTrail's two calls a second: the first at once,
/// each next one [`LOOKUP_INTERVAL`] after the one before.
pub(crate) fn pacer() -> Pacer {
    Pacer::new(1.0 / LOOKUP_INTERVAL.as_secs_f64())
}

/// A throttled page is asked again (its own place in the pacing each time) after a pause with
/// full jitter, on top of the SDK's own attempts: the limit is shared by everyone in the account
/// and Region, so another tool may have taken this second's calls.
pub(crate) const THROTTLE_RETRY: RetryPolicy =
    RetryPolicy::new(3, StdDuration::from_millis(500), StdDuration::from_secs(4));

/// Whole seconds, the end rounded up: an event in the current second is inside the window.
fn smithy_time(t: DateTime<Utc>, round_up: bool) -> aws_smithy_types::DateTime {
    let extra = i64::from(round_up && t.timestamp_subsec_nanos() > 0);
    aws_smithy_types::DateTime::from_secs(t.timestamp() + extra)
}

/// Every event `by` finds between `start` and `end`, newest first. Pages are followed up to
/// [`MAX_PAGES`] and stop at the window's start: a page that reaches back past it is the last
/// (events come newest first), whatever its `NextToken`. `sent` is set when the first call
/// leaves (its turn in the pacing came).
pub(crate) async fn lookup(
    client: &Client,
    pacer: &Pacer,
    by: &By,
    (start, end): (DateTime<Utc>, DateTime<Utc>),
    into: &mut Lookup,
    sent: &AtomicBool,
) -> Result<(), AwsError> {
    let attribute = by.attribute()?;
    let label = by.to_string();
    let mut token: Option<String> = None;
    for page in 0..MAX_PAGES {
        let out = retry::call(THROTTLE_RETRY, AwsError::is_throttled, || {
            let (attribute, token) = (attribute.clone(), token.clone());
            let label = label.clone();
            async move {
                pacer.acquire(1).await;
                sent.store(true, Ordering::Relaxed);
                client
                    .lookup_events()
                    .lookup_attributes(attribute)
                    .start_time(smithy_time(start, false))
                    .end_time(smithy_time(end, true))
                    .max_results(50)
                    .set_next_token(token)
                    .send()
                    .await
                    .aws(&ops::LOOKUP_EVENTS, Some(format!("events {label}")))
            }
        })
        .await?;
        let asked = match by {
            By::EventName(n) => n,
            _ => "",
        };
        let events: Vec<TrailEvent> = out
            .events()
            .iter()
            .filter_map(|e| parse(e, asked))
            .collect();
        // Whole seconds, as the request's StartTime.
        let before_start = |e: &TrailEvent| e.time.timestamp() < start.timestamp();
        let reached_start = events.iter().any(before_start);
        into.events
            .extend(events.into_iter().filter(|e| !before_start(e)));
        match out.next_token() {
            Some(t) if !t.is_empty() && !reached_start => {
                if page + 1 == MAX_PAGES {
                    into.truncated.push(label.clone());
                }
                token = Some(t.to_owned());
            }
            _ => break,
        }
    }
    Ok(())
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// One event of the lookup: its summary fields and the parts of the `CloudTrailEvent` record
/// that matter. An event whose record is not JSON keeps the summary fields.
pub(crate) fn parse(e: &aws_sdk_cloudtrail::types::Event, asked: &str) -> Option<TrailEvent> {
    let record: Value = e
        .cloud_trail_event()
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or(Value::Null);
    let time = e
        .event_time()
        .and_then(|t| Utc.timestamp_opt(t.secs(), t.subsec_nanos()).single())
        .or_else(|| {
            text(&record, "eventTime")
                .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
                .map(|t| t.with_timezone(&Utc))
        })?;
    let identity = record
        .get("userIdentity")
        .and_then(|u| text(u, "arn"))
        .or_else(|| e.username().map(str::to_owned))
        .unwrap_or_else(|| "unknown identity".to_owned());
    Some(TrailEvent {
        id: e.event_id().unwrap_or_default().to_owned(),
        time,
        name: e.event_name().unwrap_or(asked).to_owned(),
        source: e
            .event_source()
            .map(str::to_owned)
            .or_else(|| text(&record, "eventSource"))
            .unwrap_or_default(),
        identity,
        source_ip: text(&record, "sourceIPAddress"),
        user_agent: text(&record, "userAgent"),
        request: record
            .get("requestParameters")
            .cloned()
            .unwrap_or(Value::Null),
        response: record
            .get("responseElements")
            .cloned()
            .unwrap_or(Value::Null),
        error_code: text(&record, "errorCode"),
        resources: e
            .resources()
            .iter()
            .filter_map(|r| r.resource_name().map(str::to_owned))
            .collect(),
    })
}
