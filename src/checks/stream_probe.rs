//! `stream-status --probe` (runbook Issue 3): write a canary event, wait for it on every open
//! shard of the stream, delete it, and time write to read. `gather` makes the calls and polls;
//! `evaluate` judges what they found.

use std::time::{Duration, Instant};

use chrono::Utc;
use serde_json::json;

use crate::aws::streams::{From, StreamReader};
use crate::context::Context;
use crate::events::canary;
use crate::events::stream_record::record_json;
use crate::events::writer::{delete_item, put_event};
use crate::report::CheckId;
use crate::report::Finding;

const RUNBOOK: &str = "Issue 3: DynamoDB Streams Not Delivering Events";

/// How often the stream is read while waiting.
const POLL: Duration = Duration::from_millis(200);

/// The canary a probe wrote, and whether it is gone again.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Written {
    pub user_id: String,
    pub event_id: String,
    pub deleted: bool,
}

/// What a probe found.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Probe {
    /// Not tried: no client, the stream could not be opened, no canary could be made.
    NotTried(String),
    /// The canary write failed: the stream was not tested.
    WriteFailed(String),
    /// Reading the stream failed while waiting.
    ReadFailed { error: String, canary: Written },
    /// Waited: seen after `seen`, or not within `timeout`.
    Waited {
        canary: Written,
        polls: u32,
        seen: Option<Duration>,
        shards_read: usize,
        timeout: Duration,
    },
}

/// Writes a canary and waits for it on every open shard of `arn` (iterators opened at LATEST
/// before the write, so the canary is after them), at most `timeout`; then deletes it.
pub(crate) async fn gather(ctx: &Context, arn: &str, timeout: Duration) -> Probe {
    // The canary's write and delete use the bulk client: more attempts, so a throttled delete
    // does not leave the canary behind.
    let (streams, ddb) = match (ctx.streams().await, ctx.dynamodb_bulk().await) {
        (Ok(s), Ok(d)) => (s, d),
        (Err(e), _) | (_, Err(e)) => return Probe::NotTried(e.to_string()),
    };
    let mut reader = match StreamReader::open(streams.clone(), arn, From::Latest).await {
        Ok(r) => r,
        Err(e) => return Probe::NotTried(format!("could not open the stream: {e}")),
    };
    let event = match canary::event("stream-status --probe", Utc::now()) {
        Ok(e) => e,
        Err(e) => return Probe::NotTried(e.0),
    };
    let spinner = ctx
        .progress()
        .spinner("waiting for the canary on the stream");
    let started = Instant::now();
    if let Err(e) = put_event(ddb, ctx.table(), &event).await {
        spinner.finish_and_clear();
        return Probe::WriteFailed(e.to_string());
    }
    let written = |deleted: bool| Written {
        user_id: event.user_id.clone(),
        event_id: event.event_id.clone(),
        deleted,
    };
    let mut seen = None;
    let mut polls = 0;
    while started.elapsed() < timeout {
        polls += 1;
        match reader.poll().await {
            Ok(records) => {
                if records
                    .iter()
                    .any(|r| record_json(r)["event_id"] == json!(event.event_id))
                {
                    seen = Some(started.elapsed());
                    break;
                }
            }
            Err(e) => {
                spinner.finish_and_clear();
                let deleted = delete_item(ddb, ctx.table(), event.key()).await.is_ok();
                return Probe::ReadFailed {
                    error: e.to_string(),
                    canary: written(deleted),
                };
            }
        }
        tokio::time::sleep(POLL).await;
    }
    spinner.finish_and_clear();
    let deleted = delete_item(ddb, ctx.table(), event.key()).await.is_ok();
    Probe::Waited {
        canary: written(deleted),
        polls,
        seen,
        shards_read: reader.active(),
        timeout,
    }
}

/// What a canary that could not be deleted leaves behind, said in the probe's summary (its ttl
/// removes it within about a day of the hour it gets).
fn leftover(c: &Written) -> String {
    if c.deleted {
        String::new()
    } else {
        format!(
            "; the canary (user {}, event id {}) could not be deleted: its ttl removes it within about a day",
            c.user_id, c.event_id
        )
    }
}

crate::evidence! {
    /// `stream.probe`: a canary written and looked for on the stream.
    struct ProbeEvidence<'a> {
        event_id: &'a str,
        polls: u32,
        latency_ms: Option<u64>,
        deleted: bool,
        shards_read: usize,
    }
}

/// The probe's verdict: ok when the canary reached the stream in time, crit when it did not;
/// unknown when the stream could not be tested (whether writes fail is `diagnose writes`').
pub(crate) fn evaluate(probe: &Probe) -> Finding {
    let check = CheckId::StreamProbe;
    match probe {
        Probe::NotTried(why) => Finding::unknown(check, why.clone()),
        Probe::WriteFailed(e) => {
            Finding::unknown(check, format!("not probed: the canary write failed: {e}"))
                .remedy("eventsctl diagnose writes")
        }
        Probe::ReadFailed { error, canary } => Finding::unknown(
            check,
            format!("reading the stream failed: {error}{}", leftover(canary)),
        ),
        Probe::Waited {
            canary,
            polls,
            seen,
            shards_read,
            timeout,
        } => {
            let left = leftover(canary);
            let evidence = ProbeEvidence {
                event_id: &canary.event_id,
                polls: *polls,
                latency_ms: seen.map(|d| d.as_millis() as u64),
                deleted: canary.deleted,
                shards_read: *shards_read,
            };
            match seen {
                Some(d) => Finding::ok(check, format!("the canary reached the stream in {} ms (write to read, polling every 200 ms){left}", d.as_millis())),
                None => Finding::crit(check, format!("the canary did not appear on the stream within {}{left}", crate::times::human(chrono::Duration::from_std(*timeout).unwrap_or_default())))
                    .remedy("check the stream status and shards; open an AWS Support case if the stream is ENABLED but silent"),
            }
            .evidence(evidence)
            .runbook(RUNBOOK)
        }
    }
}

/// The probe was not run: another reader would be one too many, or there is no stream to read.
pub(crate) fn not_probed(why: &str) -> Finding {
    Finding::unknown(CheckId::StreamProbe, format!("not probed: {why}"))
        .remedy("stream-status --probe --force, or probe when a consumer is stopped")
        .runbook(RUNBOOK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Status;

    fn canary(deleted: bool) -> Written {
        Written {
            user_id: canary::USER.into(),
            event_id: "e1".into(),
            deleted,
        }
    }

    fn waited(seen: Option<u64>, deleted: bool) -> Probe {
        Probe::Waited {
            canary: canary(deleted),
            polls: 3,
            seen: seen.map(Duration::from_millis),
            shards_read: 2,
            timeout: Duration::from_secs(30),
        }
    }

    #[test]
    fn a_canary_seen_in_time_is_ok_with_its_latency_and_one_not_seen_is_crit() {
        let f = evaluate(&waited(Some(420), true));
        assert_eq!(f.status, Status::Ok);
        assert_eq!(
            f.summary,
            "the canary reached the stream in 420 ms (write to read, polling every 200 ms)"
        );
        assert_eq!(f.evidence["latency_ms"], 420);
        assert_eq!(f.evidence["shards_read"], 2);
        assert_eq!(f.runbook.as_deref(), Some(RUNBOOK));
        let f = evaluate(&waited(None, true));
        assert_eq!(f.status, Status::Crit);
        assert_eq!(
            f.summary,
            "the canary did not appear on the stream within 30.0s"
        );
        assert!(f.evidence["latency_ms"].is_null());
    }

    #[test]
    fn a_canary_left_behind_is_said_with_its_key() {
        let f = evaluate(&waited(Some(5), false));
        assert_eq!(f.status, Status::Ok);
        assert!(
            f.summary.ends_with(&format!(
                "; the canary (user {}, event id e1) could not be deleted: its ttl removes it within about a day",
                canary::USER
            )),
            "{}",
            f.summary
        );
        let f = evaluate(&Probe::ReadFailed {
            error: "ExpiredIteratorException".into(),
            canary: canary(false),
        });
        assert_eq!(f.status, Status::Unknown);
        assert!(
            f.summary.starts_with(
                "reading the stream failed: ExpiredIteratorException; the canary (user"
            )
        );
    }

    #[test]
    fn an_untested_stream_is_unknown_never_crit() {
        let f = evaluate(&Probe::WriteFailed("throttled".into()));
        assert_eq!(f.status, Status::Unknown);
        assert_eq!(f.summary, "not probed: the canary write failed: throttled");
        assert_eq!(f.remedy.as_deref(), Some("eventsctl diagnose writes"));
        assert_eq!(
            evaluate(&Probe::NotTried("no stream".into())).status,
            Status::Unknown
        );
        let f = not_probed("2 event source mappings already read this stream");
        assert_eq!(f.status, Status::Unknown);
        assert!(f.summary.starts_with("not probed: 2 event source"));
    }
}
