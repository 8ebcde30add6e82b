//! The canary: a real event with a user and type no real event has, and a one-hour ttl, written
//! through the core by `diagnose writes --canary`, `stream-status --probe` and `bench`.
//! Downstream consumers of the stream see it and can drop it by its `event_type`.

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use super::model::{Defaults, Event, EventInput, Invalid};

pub(crate) const USER: &str = "eventsctl-canary";
pub(crate) const EVENT_TYPE: &str = "eventsctl.canary";

pub(crate) fn event(purpose: &str, now: DateTime<Utc>) -> Result<Event, Invalid> {
    EventInput {
        user_id: USER.into(),
        event_type: EVENT_TYPE.into(),
        ttl: Some(json!((now + Duration::hours(1)).timestamp())),
        payload: Some(json!({"purpose": purpose})),
        ..EventInput::default()
    }
    .into_event(Defaults { now: Some(now) }, None)
}
