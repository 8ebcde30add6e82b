//! The bench's own events: one marker per run in the runs partition, written before its first
//! event and deleted with its last, so that `bench cleanup` finds the events of a run that was
//! killed without reading anything but that partition and the run's own users.

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::events::model::{Defaults, Event, EventInput, Invalid};

/// What a bench run does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Conditional PutItems of new events, as the API writes.
    Write,
    /// Queries of a user's latest events, as GET /inbox reads.
    Read,
}

impl Mode {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Mode::Write => "write",
            Mode::Read => "read",
        }
    }
}

/// The partition that lists bench runs.
pub(crate) const RUNS_USER: &str = "eventsctl-bench-runs";
pub(crate) const RUN_EVENT_TYPE: &str = "eventsctl.bench.run";
pub(crate) const EVENT_TYPE: &str = "eventsctl.bench";

/// The `n`th bench user of a run.
pub(crate) fn user(run: &str, n: u32) -> String {
    format!("{}{n}", user_prefix(run))
}

/// What every user of a run starts with.
pub(crate) fn user_prefix(run: &str) -> String {
    format!("eventsctl-bench-{run}-")
}

/// The user the `i`th request of a run goes to: round robin over its users.
pub(crate) fn user_of_request(i: u64, users: u32) -> u32 {
    (i % u64::from(users.max(1))) as u32
}

/// The marker of a run: which users it writes, and until when (its ttl outlives the run's
/// events, which get an hour, so that cleanup can find them).
pub(crate) fn run_marker(
    run: &str,
    mode: Mode,
    users: u32,
    duration: chrono::Duration,
    now: DateTime<Utc>,
) -> Result<Event, Invalid> {
    EventInput {
        user_id: RUNS_USER.into(),
        event_type: RUN_EVENT_TYPE.into(),
        event_id: Some(run.to_owned()),
        ttl: Some(json!(
            (now + duration + chrono::Duration::hours(2)).timestamp()
        )),
        payload: Some(json!({
            "run_id": run,
            "mode": mode.name(),
            "users": users,
            "user_prefix": user_prefix(run),
        })),
        ..EventInput::default()
    }
    .into_event(Defaults { now: Some(now) }, None)
}

/// The `n`th event of a bench user: 200 bytes of payload, gone by its ttl within about an hour.
pub(crate) fn event(run: &str, user_n: u32, n: u64, now: DateTime<Utc>) -> Result<Event, Invalid> {
    EventInput {
        user_id: user(run, user_n),
        event_type: EVENT_TYPE.into(),
        ttl: Some(json!((now + chrono::Duration::hours(1)).timestamp())),
        payload: Some(json!({"n": n, "pad": "x".repeat(200)})),
        ..EventInput::default()
    }
    .into_event(Defaults { now: Some(now) }, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    // clock-free: the events are built for a given `now`.
    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(946_684_800, 0).unwrap_or_default()
    }

    #[test]
    fn a_runs_marker_names_its_users_and_outlives_their_events() {
        let run = "18f0a";
        let marker = run_marker(run, Mode::Read, 3, chrono::Duration::seconds(30), now()).unwrap();
        assert_eq!(marker.user_id, RUNS_USER);
        assert_eq!(marker.event_id, run);
        assert_eq!(marker.payload["run_id"], run);
        assert_eq!(marker.payload["mode"], "read");
        assert_eq!(marker.payload["users"], 3);
        assert_eq!(marker.payload["user_prefix"], "eventsctl-bench-18f0a-");
        let e = event(run, 2, 7, now()).unwrap();
        assert_eq!(e.user_id, "eventsctl-bench-18f0a-2");
        assert!(
            e.user_id
                .starts_with(marker.payload["user_prefix"].as_str().unwrap())
        );
        assert_eq!(e.payload["n"], 7);
        // The events live an hour; the marker the run and two hours more.
        assert_eq!(e.ttl, now().timestamp() + 3600);
        assert_eq!(marker.ttl, now().timestamp() + 30 + 2 * 3600);
        assert!(marker.ttl > e.ttl);
    }

    #[test]
    fn requests_go_round_robin_over_the_users() {
        let users: Vec<u32> = (0..7).map(|i| user_of_request(i, 3)).collect();
        assert_eq!(users, [0, 1, 2, 0, 1, 2, 0]);
        assert_eq!(user_of_request(5, 1), 0);
    }
}
