//! `diagnose writes --canary` (runbook Issue 1): write one canary event through the core, read it
//! back strongly consistent, delete it, and time the round trip. `gather` makes the calls;
//! `evaluate` judges what they returned.

use std::time::Instant;

use chrono::Utc;

use crate::context::Context;
use crate::events::canary;
use crate::events::model::stored_event_json;
use crate::events::writer::{delete_item, put_event};
use crate::report::CheckId;
use crate::report::Finding;

const RUNBOOK: &str = "Issue 1: Events Not Persisting";

/// What the canary's round trip found.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Canary {
    /// Not tried: no client, or no canary event could be made.
    NotTried(String),
    /// The write failed: what the API would see.
    WriteFailed(String),
    /// Written; then read and deleted.
    Written(RoundTrip),
}

/// A canary that was written: how its read and delete went, and how long each took.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RoundTrip {
    pub event_id: String,
    pub put_ms: f64,
    pub read_ms: f64,
    pub total_ms: f64,
    /// The event id the consistent read returned (`None`: no item), or the read's error.
    pub read: Result<Option<String>, String>,
    /// The delete's error, if it failed.
    pub deleted: Result<(), String>,
}

/// Writes, reads back (strongly consistent) and deletes one canary event, `purpose` in its
/// payload.
pub(crate) async fn gather(ctx: &Context, purpose: &str) -> Canary {
    let client = match ctx.dynamodb().await {
        Ok(c) => c,
        Err(e) => return Canary::NotTried(e.to_string()),
    };
    let event = match canary::event(purpose, Utc::now()) {
        Ok(e) => e,
        Err(e) => return Canary::NotTried(e.0),
    };
    let started = Instant::now();
    if let Err(e) = put_event(client, ctx.table(), &event).await {
        return Canary::WriteFailed(e.to_string());
    }
    let put_ms = started.elapsed().as_secs_f64() * 1000.0;
    let read = crate::aws::items::get(client, ctx.table(), event.key(), true).await;
    let read_ms = started.elapsed().as_secs_f64() * 1000.0 - put_ms;
    let deleted = delete_item(client, ctx.table(), event.key()).await;
    let total_ms = started.elapsed().as_secs_f64() * 1000.0;
    Canary::Written(RoundTrip {
        event_id: event.event_id.clone(),
        put_ms,
        read_ms,
        total_ms,
        read: read
            .map(|item| {
                item.as_ref().map(stored_event_json).and_then(|v| {
                    v.get("event_id")
                        .and_then(|id| id.as_str())
                        .map(str::to_owned)
                })
            })
            .map_err(|e| e.to_string()),
        deleted: deleted.map_err(|e| e.to_string()),
    })
}

crate::evidence! {
    /// `writes.canary`: one event written, read back and deleted.
    struct CanaryEvidence<'a> {
        event_id: &'a str,
        user_id: &'a str,
        put_ms: f64,
        read_ms: f64,
        round_trip_ms: f64,
        deleted: bool,
    }
}

/// The canary's verdict: ok when it came back and went; a write that failed, or a consistent
/// read that did not return it, is crit; one left behind is a warning.
pub(crate) fn evaluate(canary: &Canary) -> Finding {
    let check = CheckId::WritesCanary;
    let trip = match canary {
        Canary::NotTried(why) => return Finding::unknown(check, why.clone()),
        Canary::WriteFailed(e) => {
            return Finding::crit(check, format!("the canary write failed: {e}"))
                .remedy("this is what the API sees: check table status, throttling and IAM (runbook Issue 1)")
                .runbook(RUNBOOK);
        }
        Canary::Written(trip) => trip,
    };
    let evidence = CanaryEvidence {
        event_id: &trip.event_id,
        user_id: canary::USER,
        put_ms: trip.put_ms,
        read_ms: trip.read_ms,
        round_trip_ms: trip.total_ms,
        deleted: trip.deleted.is_ok(),
    };
    let (total_ms, put_ms, read_ms) = (trip.total_ms, trip.put_ms, trip.read_ms);
    match &trip.read {
        Ok(Some(id)) if *id == trip.event_id => match &trip.deleted {
            Ok(()) => Finding::ok(
                check,
                format!("written, read back and deleted in {total_ms:.0} ms (put {put_ms:.0} ms, read {read_ms:.0} ms)"),
            ),
            Err(e) => Finding::warn(check, format!("written and read back, but not deleted: {e} (its ttl removes it within about a day)")),
        }
        .evidence(evidence),
        Ok(_) => Finding::crit(check, "the canary was written but a consistent read did not return it")
            .evidence(evidence)
            .remedy("open an AWS Support case: a strongly consistent read must see an acknowledged write"),
        Err(e) => Finding::crit(check, format!("the canary was written but could not be read: {e}")).evidence(evidence),
    }
    .runbook(RUNBOOK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Status;

    fn trip(read: Result<Option<String>, String>, deleted: Result<(), String>) -> Canary {
        Canary::Written(RoundTrip {
            event_id: "e1".into(),
            put_ms: 4.0,
            read_ms: 2.0,
            total_ms: 9.0,
            read,
            deleted,
        })
    }

    #[test]
    fn a_canary_that_came_back_and_went_is_ok() {
        let f = evaluate(&trip(Ok(Some("e1".into())), Ok(())));
        assert_eq!(f.status, Status::Ok);
        assert_eq!(
            f.summary,
            "written, read back and deleted in 9 ms (put 4 ms, read 2 ms)"
        );
        assert_eq!(f.evidence["round_trip_ms"], 9.0);
        assert_eq!(f.evidence["deleted"], true);
        assert_eq!(f.evidence["user_id"], canary::USER);
        assert_eq!(f.runbook.as_deref(), Some(RUNBOOK));
    }

    #[test]
    fn a_canary_left_behind_is_a_warning_and_a_lost_one_is_crit() {
        let f = evaluate(&trip(Ok(Some("e1".into())), Err("throttled".into())));
        assert_eq!(f.status, Status::Warn);
        assert!(
            f.summary.contains("not deleted: throttled"),
            "{}",
            f.summary
        );
        assert_eq!(f.evidence["deleted"], false);
        for read in [Ok(None), Ok(Some("other".into()))] {
            let f = evaluate(&trip(read, Ok(())));
            assert_eq!(f.status, Status::Crit);
            assert!(f.summary.contains("did not return it"), "{}", f.summary);
            assert!(f.remedy.is_some());
        }
        let f = evaluate(&trip(Err("timed out".into()), Ok(())));
        assert_eq!(f.status, Status::Crit);
        assert!(
            f.summary.ends_with("could not be read: timed out"),
            "{}",
            f.summary
        );
    }

    #[test]
    fn a_failed_write_is_crit_and_an_untried_canary_unknown() {
        let f = evaluate(&Canary::WriteFailed("AccessDenied".into()));
        assert_eq!(f.status, Status::Crit);
        assert_eq!(f.summary, "the canary write failed: AccessDenied");
        assert_eq!(f.runbook.as_deref(), Some(RUNBOOK));
        let f = evaluate(&Canary::NotTried("no Region".into()));
        assert_eq!(f.status, Status::Unknown);
        assert_eq!(f.summary, "no Region");
        assert_eq!(f.runbook, None);
    }
}
