//! Conditional inserts in bulk: PartiQL `INSERT` statements, 25 to a BatchExecuteStatement.
//!
//! BatchWriteItem takes no condition, so a no-overwrite import through it has to read every key
//! first. A PartiQL `INSERT` is refused by DynamoDB itself when an item with the same key is
//! stored (`DuplicateItem`), atomically, at the price of a PutItem: no read before, no window in
//! which another client's write could be replaced, and one request per 25 events instead of
//! 1.25. Statements answer one by one (a 200 does not mean every statement landed); the ones
//! throttled are sent again with backoff, the refused duplicates are handed back to be read and
//! told apart (the same event already stored, or a different one).
//! <https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchExecuteStatement.html>,
//! <https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.insert.html>

use std::sync::atomic::Ordering;

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::{
    BatchStatementErrorCodeEnum as Code, BatchStatementRequest, BatchStatementResponse,
};

use super::writer::{Cause, Failed, Pending, WriteStats, all_failed};
use crate::aws::items;
use crate::aws::retry::{self, Class, RetryPolicy, Round, Unsettled};

/// BatchExecuteStatement takes at most 25 statements.
pub(crate) const INSERT_BATCH_SIZE: usize = 25;

/// What one batch of inserts came to, besides the events that landed.
#[derive(Debug, Default)]
pub(crate) struct Inserted {
    /// Refused: an item with the same key is stored. Read it to tell present from conflicting.
    pub duplicates: Vec<Pending>,
    pub failed: Vec<Failed>,
}

/// `INSERT INTO "table" VALUE {'name': ?, ...}` with the event's values as its parameters, in
/// the same order, built straight from its record. Table names are `[a-zA-Z0-9_.-]` (a quoted
/// identifier needs no escaping); attribute names are string literals, none with a quote.
pub(crate) fn insert_statement(table: &str, event: &Pending) -> BatchStatementRequest {
    let mut text = String::with_capacity(64 + table.len() + 12 * 24);
    text.push_str("INSERT INTO \"");
    text.push_str(table);
    text.push_str("\" VALUE {");
    let mut parameters = Vec::with_capacity(12);
    event.attributes(|name, value| {
        if !parameters.is_empty() {
            text.push_str(", ");
        }
        text.push('\'');
        text.push_str(name);
        text.push_str("': ?");
        parameters.push(value);
    });
    text.push('}');
    BatchStatementRequest::builder()
        .statement(text)
        .set_parameters(Some(parameters))
        .build()
        .expect("the statement is set")
}

/// What to do with a statement DynamoDB answered with an error.
enum Verdict {
    Duplicate,
    /// Throttled or a passing fault: send it again.
    Again {
        throttled: bool,
    },
    Failed,
}

fn verdict(code: Option<&Code>) -> Verdict {
    match code {
        // An INSERT on a stored key is DuplicateItem; ConditionalCheckFailed is the same refusal
        // under another name: either way the read decides.
        Some(Code::DuplicateItem | Code::ConditionalCheckFailed) => Verdict::Duplicate,
        // RequestLimitExceeded is the account's throughput limit: throttling like the others
        // (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchStatementError.html).
        Some(code) => match retry::classify_code(code.as_str()) {
            Class::Throttled => Verdict::Again { throttled: true },
            Class::Retryable => Verdict::Again { throttled: false },
            Class::Unanswered | Class::Fatal => Verdict::Failed,
        },
        None => Verdict::Failed,
    }
}

/// Inserts one batch (at most 25 events): what DynamoDB refused as already stored comes back in
/// [`Inserted::duplicates`], what never landed in [`Inserted::failed`] with its reason. An event
/// sent in a call that went unanswered at least once is marked [`Pending::maybe_landed`].
pub(crate) async fn insert_batch(
    client: &Client,
    table: &str,
    batch: Vec<Pending>,
    policy: RetryPolicy,
    stats: &WriteStats,
) -> Inserted {
    let mut done = Inserted::default();
    let mut pending = batch;
    let ended = retry::resend(
        policy,
        stats,
        &mut pending,
        async |pending: &mut Vec<Pending>| {
            let statements = pending.iter().map(|p| insert_statement(table, p)).collect();
            let (answers, attempts) = items::batch_execute(client, table, statements).await;
            stats.sdk_retried_throttles(attempts.throttled_retries);
            if attempts.unanswered {
                pending.iter_mut().for_each(|p| p.maybe_landed = true);
            }
            Ok(settle_answers(pending, answers?, &mut done, stats))
        },
    )
    .await;
    match ended {
        Ok(()) => {}
        Err(Unsettled::Spent(reason)) => {
            done.failed
                .extend(all_failed(pending, &reason, Cause::Failed));
        }
        Err(Unsettled::Refused(e)) => {
            let cause = Cause::of(&e);
            let mut reason = e.to_string();
            if cause == Cause::Denied {
                reason.push_str("; the import's INSERTs need dynamodb:PartiQLInsert");
            }
            done.failed.extend(all_failed(pending, &reason, cause));
        }
    }
    done
}

/// Sorts the events of one answered call by their statements' answers (in the order sent):
/// landed ones are counted, duplicates and failures go to `done`, the ones to send again stay
/// in `pending`. A statement left unanswered is sent again (an insert that did land comes back
/// as a duplicate, and the read settles it).
fn settle_answers(
    pending: &mut Vec<Pending>,
    answers: Vec<BatchStatementResponse>,
    done: &mut Inserted,
    stats: &WriteStats,
) -> Round {
    let mut answers = answers.into_iter();
    let (mut again, mut denied) = (Vec::new(), Vec::new());
    let (mut throttled, mut last_problem) = (false, None);
    let sent = pending.len();
    for p in pending.drain(..) {
        let Some(answer) = answers.next() else {
            again.push(p);
            continue;
        };
        let Some(error) = answer.error else {
            stats.written.fetch_add(1, Ordering::Relaxed);
            continue;
        };
        match verdict(error.code.as_ref()) {
            Verdict::Duplicate => done.duplicates.push(p),
            Verdict::Again { throttled: t } => {
                throttled |= t;
                last_problem = Some(statement_error(&error));
                again.push(p);
            }
            Verdict::Failed if error.code == Some(Code::AccessDenied) => {
                denied.push((p, statement_error(&error)));
            }
            Verdict::Failed => done.failed.push(Failed {
                pending: p,
                reason: statement_error(&error),
                cause: Cause::Failed,
            }),
        }
    }
    // Every statement refused for a permission: the role may not insert at all (no
    // dynamodb:PartiQLInsert), and the rest of the import would fare no better. Some refused (a
    // policy on some keys): those events fail, the others go on.
    let cause = if denied.len() == sent {
        Cause::Denied
    } else {
        Cause::Failed
    };
    done.failed
        .extend(denied.into_iter().map(|(pending, reason)| Failed {
            pending,
            reason,
            cause,
        }));
    *pending = again;
    if pending.is_empty() {
        return Round::Done;
    }
    stats
        .unprocessed
        .fetch_add(pending.len() as u64, Ordering::Relaxed);
    Round::Again {
        why: last_problem.unwrap_or_else(|| {
            format!(
                "{} left unanswered",
                crate::vocab::words::count(pending.len(), "statement", "statements")
            )
        }),
        throttled,
    }
}

/// One statement's error, as the failed file's reason: its code and DynamoDB's message.
fn statement_error(e: &aws_sdk_dynamodb::types::BatchStatementError) -> String {
    let code = e.code.as_ref().map_or("an error", |c| c.as_str());
    let mut reason = match e.message.as_deref() {
        Some(m) if !m.is_empty() => format!("{code}: {m}"),
        _ => code.to_owned(),
    };
    if e.code == Some(Code::AccessDenied) {
        reason.push_str(INSERT_PERMISSION);
    }
    reason
}

/// What a refused insert needs, named with the refusal.
const INSERT_PERMISSION: &str = " (an INSERT needs dynamodb:PartiQLInsert: `eventsctl iam-policy events import` prints the permissions)";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::model::Item;

    #[test]
    fn a_statement_names_every_attribute_once_with_its_value_as_parameter() {
        use crate::events::model::{Defaults, EventInput};
        // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
        let line = r#"{"user_id":"u","event_type":"t","timestamp":"2025-11-11T12:00:00Z","event_id":"e","payload":{"it's":1}}"#;
        let (input, value) = EventInput::parse(line).unwrap();
        let event = input
            .into_event(Defaults { now: None }, Some(&value))
            .unwrap();
        let mut p = Pending::from_event(1, &event).unwrap();
        let s = insert_statement("zapier-triggers-api-dev-events", &p);
        let text = s.statement();
        assert!(
            text.starts_with(
                "INSERT INTO \"zapier-triggers-api-dev-events\" VALUE {'user_id': ?, "
            ),
            "{text}"
        );
        // Each name's placeholder lines up with its value, and together they are the item.
        let names: Vec<&str> = text
            .trim_end_matches('}')
            .split_once('{')
            .unwrap()
            .1
            .split(", ")
            .map(|n| n.strip_prefix('\'').unwrap().strip_suffix("': ?").unwrap())
            .collect();
        assert!(names.iter().all(|n| !n.contains('\'')), "{text}");
        let stated: Item = names
            .iter()
            .map(|n| n.to_string())
            .zip(s.parameters().iter().cloned())
            .collect();
        assert_eq!(stated.len(), names.len(), "each name once: {text}");
        assert_eq!(&stated, p.item());
    }
}
