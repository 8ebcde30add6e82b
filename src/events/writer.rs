//! Writes: a conditional put that never overwrites, deletes, and the batch writers behind imports
//! (conditional inserts, `super::insert`, and BatchWriteItem) that retry throttling and
//! `UnprocessedItems` with exponential backoff and full jitter, and report exactly which events
//! did not land.

use crate::events::model::Item;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::{AttributeValue, DeleteRequest, PutRequest, WriteRequest};

use super::insert::{INSERT_BATCH_SIZE, insert_batch};
use super::model::{Event, Invalid};
use super::record::{Damaged, decode_item};
use crate::aws::error::{AwsError, AwsErrorKind};
use crate::aws::items;
use crate::aws::retry::{self, Round, Tally, Unsettled};
use crate::spec::{PARTITION_KEY, SORT_KEY};

/// BatchWriteItem takes at most 25 requests.
pub(crate) const BATCH_SIZE: usize = 25;

/// BatchGetItem reads at most 100 keys: an import hands [`write_new`] groups of up to 100
/// events, whose keys one call reads when they have to be read.
pub(crate) const READ_BATCH_SIZE: usize = 100;

// The retry schedule and the pacer live in `aws::retry`; commands still name them here.
pub(crate) use crate::aws::retry::{Pacer as RateLimiter, RetryPolicy};

/// Why `put_event` did not write.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PutError {
    #[error(
        "a different event {0} is already stored; put never overwrites (give another --event-id or --timestamp)"
    )]
    Exists(String),
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error(transparent)]
    Aws(#[from] AwsError),
}

/// PutItem with `attribute_not_exists`, so an existing event is never replaced. When the
/// condition fails, a consistent GetItem tells the two cases apart: the same event already stored
/// (typically this put's own earlier attempt, which landed although its answer timed out: the
/// SDK retried it) is success; a different stored event is [`PutError::Exists`].
pub(crate) async fn put_event(client: &Client, table: &str, event: &Event) -> Result<(), PutError> {
    let item = event.to_checked_item()?;
    let names = HashMap::from([("#pk".to_owned(), PARTITION_KEY.to_owned())]);
    if items::put_if(client, table, item, "attribute_not_exists(#pk)", names).await? {
        return Ok(());
    }
    match items::get(client, table, event.key(), true).await? {
        Some(stored) if super::compare::same_item(&stored, &event.to_checked_item()?) => Ok(()),
        _ => Err(PutError::Exists(format!(
            "{} / {}",
            event.user_id,
            event.sort_key()
        ))),
    }
}

/// DeleteItem of one key (canary cleanup).
pub(crate) async fn delete_item(client: &Client, table: &str, key: Item) -> Result<(), AwsError> {
    items::delete(client, table, key, None).await?;
    Ok(())
}

/// Deletes an item only if its `ttl` is still below `cutoff` (epoch seconds): an item whose ttl
/// was extended after it was scanned is kept. `Ok(false)`: the condition failed, nothing deleted.
pub async fn delete_if_expired(
    client: &Client,
    table: &str,
    key: Item,
    cutoff: i64,
) -> Result<bool, AwsError> {
    // `ttl` is a reserved word: aliased (docs/aws-facts.md §5.2).
    let condition = (
        "#ttl < :cutoff",
        HashMap::from([("#ttl".to_owned(), crate::spec::TTL_ATTRIBUTE.to_owned())]),
        HashMap::from([(":cutoff".to_owned(), AttributeValue::N(cutoff.to_string()))]),
    );
    items::delete(client, table, key, Some(condition)).await
}

/// One event on its way into a batch: its record ([`super::record`]), the input line it came
/// from, and its item, decoded from the record once and moved into the request that sends it (a
/// request sent again decodes it again: no copy of the item is kept per batch).
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    pub line: usize,
    pub record: Arc<[u8]>,
    item: Option<Item>,
    key: (String, String),
    /// Sent by this run in a call that went unanswered at least once (a timeout, a reset, a
    /// 5xx): it may have landed then. Refused later as already stored, identical, it is this
    /// run's own write.
    pub maybe_landed: bool,
}

impl Pending {
    /// The item is decoded only when something needs it as a map (a batch write, a comparison
    /// with what is stored); an insert is built from the record ([`Pending::attributes`]).
    pub(crate) fn new(line: usize, record: Arc<[u8]>) -> Result<Pending, Damaged> {
        let key = super::record::decode_key(&record)?;
        Ok(Pending {
            line,
            record,
            item: None,
            key,
            maybe_landed: false,
        })
    }

    /// The item's attributes, each with its name, straight from the record.
    pub(crate) fn attributes(&self, put: impl FnMut(&'static str, AttributeValue)) {
        super::record::decode_attributes(&self.record, put)
            .expect("the record was checked when it was read");
    }

    /// An upper bound of the item's size, for the bytes in flight: the record holds every
    /// value; the item adds the attribute names and repeats the short key parts.
    pub(crate) fn size_bound(&self) -> usize {
        2 * self.record.len() + 256
    }

    /// An event not read from a spool (bench seeding), checked against the item size limit.
    pub(crate) fn from_event(line: usize, event: &Event) -> Result<Pending, Invalid> {
        event.check_size()?;
        let mut record = Vec::new();
        super::record::encode(event, &mut record);
        Ok(Pending::new(line, record.into()).expect("a record just encoded decodes"))
    }

    /// The item, decoded if a request took it or nothing needed it yet.
    pub(crate) fn item(&mut self) -> &Item {
        self.item.get_or_insert_with(|| {
            decode_item(&self.record).expect("the record was checked when it was read")
        })
    }

    /// The item, moved out to the request that sends it (decoded again if a request took it).
    pub(crate) fn take_item(&mut self) -> Item {
        match self.item.take() {
            Some(item) => item,
            None => decode_item(&self.record).expect("the record was checked when it was read"),
        }
    }

    /// The item's key attributes, for a read of what is stored.
    fn key_item(&self) -> Item {
        HashMap::from([
            (
                PARTITION_KEY.to_owned(),
                AttributeValue::S(self.key.0.clone()),
            ),
            (SORT_KEY.to_owned(), AttributeValue::S(self.key.1.clone())),
        ])
    }
}

/// Something BatchWriteItem carries: a put or a delete, known by its key.
pub(crate) trait Batched {
    /// The request that sends it; called again for each attempt that needs it.
    fn request(&mut self) -> WriteRequest;
    /// `(user_id, timestamp#event_id)`.
    fn key(&self) -> (String, String);
}

impl Batched for Pending {
    fn request(&mut self) -> WriteRequest {
        let item = self.take_item();
        WriteRequest::builder()
            .put_request(
                PutRequest::builder()
                    .set_item(Some(item))
                    .build()
                    .expect("the item is set"),
            )
            .build()
    }

    fn key(&self) -> (String, String) {
        self.key.clone()
    }
}

/// An item to delete by its key (bench cleanup).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct DeleteKey {
    pub user_id: String,
    pub sort_key: String,
}

impl Batched for DeleteKey {
    fn request(&mut self) -> WriteRequest {
        WriteRequest::builder()
            .delete_request(
                DeleteRequest::builder()
                    .key(PARTITION_KEY, AttributeValue::S(self.user_id.clone()))
                    .key(SORT_KEY, AttributeValue::S(self.sort_key.clone()))
                    .build()
                    .expect("the key is set"),
            )
            .build()
    }

    fn key(&self) -> (String, String) {
        (self.user_id.clone(), self.sort_key.clone())
    }
}

/// Counters shared by every batch of one import.
#[derive(Debug, Default)]
pub(crate) struct WriteStats {
    pub written: AtomicU64,
    /// Batches sent again (after throttling, an error or unprocessed items).
    pub retries: AtomicU64,
    /// Items DynamoDB handed back as unprocessed.
    pub unprocessed: AtomicU64,
    /// Throttling answers: calls that failed with a throttling error after the SDK's own
    /// retries, and the throttled attempts the SDK sent again on its own.
    pub throttled: AtomicU64,
}

impl WriteStats {
    /// `n` throttled attempts the SDK sent again by itself: throttled, and retried.
    pub(crate) fn sdk_retried_throttles(&self, n: u64) {
        self.throttled.fetch_add(n, Ordering::Relaxed);
        self.retries.fetch_add(n, Ordering::Relaxed);
    }
}

impl Tally for WriteStats {
    fn retried(&self) {
        self.retries.fetch_add(1, Ordering::Relaxed);
    }

    fn throttled(&self) {
        self.throttled.fetch_add(1, Ordering::Relaxed);
    }
}

/// Why something did not land, as far as the rest of the work is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cause {
    /// Refused, or given up on after retries: this event; the others may fare better.
    Failed,
    /// The endpoint did not answer (after the SDK's own retries): the rest will not fare better.
    Unreachable,
    /// A whole request refused for a permission the caller lacks (an `AccessDenied` of IAM):
    /// the rest will not fare better either.
    Denied,
    /// No credentials, or ones AWS refuses (expired, unknown): every request would be refused.
    Credentials,
    /// Both halves of a request refused whole as invalid were refused whole again: not one
    /// bad item but every request (the table's key schema does not take these items): the
    /// rest would be refused too, and halving on would send about two requests per item.
    Rejected,
}

impl Cause {
    /// The cause of a request that failed as a whole with `e`.
    pub(crate) fn of(e: &AwsError) -> Cause {
        if e.kind == AwsErrorKind::Unreachable {
            Cause::Unreachable
        } else if e.kind == AwsErrorKind::Credentials {
            Cause::Credentials
        } else if e.is_missing_permission() {
            Cause::Denied
        } else {
            Cause::Failed
        }
    }

    /// The rest of the work cannot land either: stop sending.
    pub(crate) fn stops(self) -> bool {
        self != Cause::Failed
    }
}

/// What did not land, and why.
#[derive(Debug)]
pub(crate) struct Failed<T = Pending> {
    pub pending: T,
    pub reason: String,
    pub cause: Cause,
}

pub(crate) fn all_failed<T>(pending: Vec<T>, reason: &str, cause: Cause) -> Vec<Failed<T>> {
    pending
        .into_iter()
        .map(|p| Failed {
            pending: p,
            reason: reason.to_owned(),
            cause,
        })
        .collect()
}

fn key_of(item: &Item) -> Option<(String, String)> {
    Some((
        item.get(PARTITION_KEY)?.as_s().ok()?.clone(),
        item.get(SORT_KEY)?.as_s().ok()?.clone(),
    ))
}

/// How one BatchWriteItem request ended.
enum Sent<T> {
    /// Everything landed but these.
    Done(Vec<Failed<T>>),
    /// Refused as a whole as invalid (ValidationException): nothing in it landed, and one bad
    /// item refuses the request for all of them.
    Invalid(Vec<T>, String),
}

/// Writes one batch (at most 25 puts or deletes), retrying what DynamoDB did not take, and
/// returns what never landed. A batch refused whole as invalid is sent again in halves until the
/// item DynamoDB refuses is alone: one bad item fails by itself, not with 24 good ones
/// (`events import --overwrite`). When both halves are refused whole too, the fault is not one
/// item (the items were each checked before) but the table: nothing more is split or sent
/// ([`Cause::Rejected`]; 500 events once took 986 requests that way). Once the endpoint stops
/// answering or refuses a permission, what is not sent yet fails unsent with the same reason.
pub(crate) async fn write_batch<T: Batched>(
    client: &Client,
    table: &str,
    batch: Vec<T>,
    policy: RetryPolicy,
    stats: &WriteStats,
) -> Vec<Failed<T>> {
    let mut failed = Vec::new();
    // Each batch with whether it is known to be refused whole already (a half that was).
    let mut queue = vec![(batch, false)];
    while let Some((batch, refused)) = queue.pop() {
        let sent = if refused {
            Sent::Invalid(batch, String::new())
        } else {
            send_batch(client, table, batch, policy, stats).await
        };
        match sent {
            Sent::Done(f) => failed.extend(f),
            Sent::Invalid(mut first, _) if first.len() > 1 => {
                let second = first.split_off(first.len() / 2);
                let halves = (
                    send_batch(client, table, first, policy, stats).await,
                    send_batch(client, table, second, policy, stats).await,
                );
                match halves {
                    (Sent::Invalid(a, why), Sent::Invalid(b, _)) => {
                        let reason = format!(
                            "{why} (every request refused whole, its halves too: the table does not take these items)"
                        );
                        failed.extend(all_failed(a, &reason, Cause::Rejected));
                        failed.extend(all_failed(b, &reason, Cause::Rejected));
                    }
                    (a, b) => {
                        // Second half pushed first: the first half is popped first, so the
                        // input's order is kept.
                        for half in [b, a] {
                            match half {
                                Sent::Done(f) => failed.extend(f),
                                Sent::Invalid(h, why) if h.len() == 1 => {
                                    failed.extend(all_failed(h, &why, Cause::Failed));
                                }
                                Sent::Invalid(h, _) => queue.push((h, true)),
                            }
                        }
                    }
                }
            }
            Sent::Invalid(batch, reason) => {
                failed.extend(all_failed(batch, &reason, Cause::Failed));
            }
        }
        if let Some((reason, cause)) = failed
            .iter()
            .find(|f| f.cause.stops())
            .map(|f| (f.reason.clone(), f.cause))
        {
            for (rest, _) in queue.drain(..) {
                failed.extend(all_failed(rest, &reason, cause));
            }
        }
    }
    failed
}

/// One BatchWriteItem request and its retries of throttling and `UnprocessedItems`.
async fn send_batch<T: Batched>(
    client: &Client,
    table: &str,
    batch: Vec<T>,
    policy: RetryPolicy,
    stats: &WriteStats,
) -> Sent<T> {
    let mut pending = batch;
    let ended = retry::resend(policy, stats, &mut pending, async |pending: &mut Vec<T>| {
        let requests: Vec<WriteRequest> = pending.iter_mut().map(Batched::request).collect();
        let (unprocessed, retried) = items::batch_write(client, table, requests).await;
        stats.sdk_retried_throttles(retried);
        let unprocessed: HashSet<(String, String)> = unprocessed?
            .iter()
            .filter_map(|w| {
                w.put_request()
                    .map(|p| p.item())
                    .or_else(|| w.delete_request().map(|d| d.key()))
            })
            .filter_map(key_of)
            .collect();
        let before = pending.len();
        pending.retain(|p| unprocessed.contains(&p.key()));
        stats
            .written
            .fetch_add((before - pending.len()) as u64, Ordering::Relaxed);
        if pending.is_empty() {
            return Ok(Round::Done);
        }
        stats
            .unprocessed
            .fetch_add(pending.len() as u64, Ordering::Relaxed);
        Ok(Round::Again {
            why: format!(
                "{} left unprocessed by DynamoDB",
                crate::vocab::words::count(pending.len(), "item", "items")
            ),
            throttled: false,
        })
    })
    .await;
    match ended {
        Ok(()) => Sent::Done(Vec::new()),
        Err(Unsettled::Spent(reason)) => Sent::Done(all_failed(pending, &reason, Cause::Failed)),
        // Refused whole as invalid: one bad item refuses the request for all of them.
        Err(Unsettled::Refused(e)) if e.kind == AwsErrorKind::Invalid => {
            Sent::Invalid(pending, e.to_string())
        }
        // No answer: the SDK has already retried it, each attempt under its timeout; retrying
        // here too would multiply the wait into minutes.
        Err(Unsettled::Refused(e)) => {
            Sent::Done(all_failed(pending, &e.to_string(), Cause::of(&e)))
        }
    }
}

/// A stored event that differs from the line that would replace it: not written.
#[derive(Debug, Clone)]
pub(crate) struct Conflict {
    pub line: usize,
    /// The attributes that differ.
    pub differs: Vec<String>,
}

/// What a batch of new events came to.
#[derive(Debug, Default)]
pub(crate) struct NewOutcome {
    pub failed: Vec<Failed>,
    /// Already stored exactly as given: nothing to write.
    pub present: u64,
    pub conflicts: Vec<Conflict>,
}

/// The stored items among `keys`, by a strongly consistent BatchGetItem (UnprocessedKeys and
/// throttling retried like writes). `Err` carries the reason and its [`Cause`].
async fn stored_items(
    client: &Client,
    table: &str,
    keys: Vec<Item>,
    policy: RetryPolicy,
    stats: &WriteStats,
) -> Result<HashMap<(String, String), Item>, (String, Cause)> {
    let read = items::Read {
        consistent: true,
        projection: None,
    };
    match items::batch_get_all(client, table, &keys, &read, policy, stats).await {
        Ok(found) => Ok(found
            .into_iter()
            .filter_map(|item| Some((key_of(&item)?, item)))
            .collect()),
        Err(Unsettled::Spent(reason)) => {
            Err((format!("reading what is stored: {reason}"), Cause::Failed))
        }
        Err(Unsettled::Refused(e)) => Err((e.to_string(), Cause::of(&e))),
    }
}

/// How a group of new events is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WriteMode {
    /// Conditional inserts ([`super::insert`]): DynamoDB refuses an event already stored, and
    /// only those are read back. For a table that holds few of the file's events.
    Insert,
    /// The group's keys read first (one strongly consistent BatchGetItem of up to 100), then
    /// only the absent events inserted. For a file run again: a refused insert still costs its
    /// write units, a read of the same event less.
    ReadFirst,
    /// Blind BatchWriteItems of 25 (`--overwrite`): whatever is stored is replaced.
    Overwrite,
}

/// Writes a group of up to [`READ_BATCH_SIZE`] events without ever replacing a stored event
/// that differs (unless [`WriteMode::Overwrite`]).
///
/// New events go out as conditional inserts, 25 to a request, one request after the other; the
/// ones DynamoDB refuses because their key is stored are read (one strongly consistent
/// BatchGetItem): an item stored exactly as given (an earlier import, or this insert's own
/// attempt whose answer was lost and which the SDK sent again) is counted as present, one that
/// differs (the application moved it on since) is a conflict and is left as it is. With
/// [`WriteMode::ReadFirst`] the whole group is read before, and only the absent events are
/// inserted.
pub(crate) async fn write_new(
    client: &Client,
    table: &str,
    group: Vec<Pending>,
    policy: RetryPolicy,
    stats: &WriteStats,
    mode: WriteMode,
) -> NewOutcome {
    let mut outcome = NewOutcome::default();
    let absent = match mode {
        WriteMode::Overwrite => {
            outcome.failed = in_batches(group, BATCH_SIZE, |batch| {
                write_batch(client, table, batch, policy, stats)
            })
            .await;
            return outcome;
        }
        WriteMode::ReadFirst => {
            match settle(client, table, group, policy, stats, &mut outcome).await {
                Some(absent) => absent,
                None => return outcome,
            }
        }
        WriteMode::Insert => group,
    };
    let duplicates = std::cell::RefCell::new(Vec::new());
    let failed = in_batches(absent, INSERT_BATCH_SIZE, |batch| async {
        let done = insert_batch(client, table, batch, policy, stats).await;
        duplicates.borrow_mut().extend(done.duplicates);
        done.failed
    })
    .await;
    outcome.failed.extend(failed);
    let duplicates = duplicates.into_inner();
    if !duplicates.is_empty()
        && let Some(gone) = settle(client, table, duplicates, policy, stats, &mut outcome).await
    {
        outcome.failed.extend(all_failed(
            gone,
            "stored when it was inserted, gone when it was read back (deleted meanwhile, by TTL \
             or another client): not written; importing the failed file again writes it",
            Cause::Failed,
        ));
    }
    outcome
}

/// Reads what is stored under the events' keys and settles the stored ones into `outcome`:
/// identical is present, different is a conflict. Returns the events not stored, or `None`
/// when the read failed (the events are then in `outcome.failed`).
async fn settle(
    client: &Client,
    table: &str,
    events: Vec<Pending>,
    policy: RetryPolicy,
    stats: &WriteStats,
    outcome: &mut NewOutcome,
) -> Option<Vec<Pending>> {
    let keys = events.iter().map(Pending::key_item).collect();
    let stored = match stored_items(client, table, keys, policy, stats).await {
        Ok(s) => s,
        Err((reason, cause)) => {
            outcome.failed.extend(all_failed(events, &reason, cause));
            return None;
        }
    };
    if stored.is_empty() {
        return Some(events);
    }
    let mut absent = Vec::with_capacity(events.len());
    let mut landed_earlier = Vec::new();
    for mut p in events {
        match stored.get(&p.key) {
            None => absent.push(p),
            // Sent by this run in a call that went unanswered, refused since as stored, and
            // stored exactly as sent: this run's own write, whose answer was lost.
            Some(item) if p.maybe_landed && super::compare::same_item(item, p.item()) => {
                landed_earlier.push(p.line)
            }
            Some(item) if super::compare::same_item(item, p.item()) => outcome.present += 1,
            Some(item) => outcome.conflicts.push(Conflict {
                line: p.line,
                differs: super::compare::differing(item, p.item()),
            }),
        }
    }
    if !landed_earlier.is_empty() {
        stats
            .written
            .fetch_add(landed_earlier.len() as u64, Ordering::Relaxed);
        tracing::info!(
            "{} landed on an earlier attempt whose answer was lost (refused as stored when sent \
             again, stored as sent): counted as written",
            lines_text(&landed_earlier)
        );
    }
    Some(absent)
}

/// `the event of line 12`, `3 events (lines 4, 9, 12)`, at most 10 lines named.
fn lines_text(lines: &[usize]) -> String {
    match lines {
        [one] => format!("the event of line {one}"),
        _ => {
            let shown: Vec<String> = lines.iter().take(10).map(usize::to_string).collect();
            let more = if lines.len() > 10 { ", ..." } else { "" };
            // plural-ok: two lines at least
            format!("{} events (lines {}{more})", lines.len(), shown.join(", "))
        }
    }
}

/// Sends `items` in batches of `size` through `send`, one after the other; once the endpoint
/// stops answering, or a batch is refused whole for a permission, the batches not yet sent fail
/// with the same reason, unsent.
async fn in_batches<F, Fut>(mut items: Vec<Pending>, size: usize, mut send: F) -> Vec<Failed>
where
    F: FnMut(Vec<Pending>) -> Fut,
    Fut: std::future::Future<Output = Vec<Failed>>,
{
    let mut failed = Vec::new();
    while !items.is_empty() {
        let rest = items.split_off(items.len().min(size));
        let batch = std::mem::replace(&mut items, rest);
        failed.extend(send(batch).await);
        if let Some((reason, cause)) = failed
            .iter()
            .find(|f| f.cause.stops())
            .map(|f| (f.reason.clone(), f.cause))
        {
            failed.extend(all_failed(std::mem::take(&mut items), &reason, cause));
        }
    }
    failed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::model::{Defaults, EventInput};
    use aws_sdk_dynamodb::operation::batch_write_item::BatchWriteItemOutput;
    use aws_sdk_dynamodb::types::KeysAndAttributes;
    use aws_sdk_dynamodb::types::{
        BatchStatementError, BatchStatementErrorCodeEnum, BatchStatementResponse,
    };
    use aws_smithy_mocks::{RuleMode, mock, mock_client};
    use std::time::Duration;

    /// An error response as DynamoDB sends it (awsJson1_0).
    pub(crate) fn aws_json_error(
        status: u16,
        kind: &str,
        message: &str,
    ) -> aws_smithy_runtime_api::http::Response {
        let mut r = aws_smithy_runtime_api::http::Response::new(
            aws_smithy_runtime_api::http::StatusCode::try_from(status).unwrap(),
            aws_smithy_types::body::SdkBody::from(format!(
                r#"{{"__type":"{kind}","message":"{message}"}}"#
            )),
        );
        r.headers_mut()
            .insert("content-type", "application/x-amz-json-1.0");
        r
    }

    fn pending(n: usize) -> Vec<Pending> {
        (0..n)
            .map(|i| {
                let line = format!(
                    // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
                    r#"{{"user_id":"u","event_type":"t","timestamp":"2025-11-11T12:00:00Z","event_id":"e{i}"}}"#
                );
                let (input, value) = EventInput::parse(&line).unwrap();
                let event = input.into_event(Defaults { now: None }, Some(&value)).unwrap();
                Pending::from_event(i + 1, &event).unwrap()
            })
            .collect()
    }

    fn fast() -> RetryPolicy {
        RetryPolicy::new(4, Duration::from_millis(1), Duration::from_millis(2))
    }

    fn unprocessed(items: &[Pending]) -> BatchWriteItemOutput {
        let requests = items
            .iter()
            .map(|p| {
                WriteRequest::builder()
                    .put_request(
                        PutRequest::builder()
                            .set_item(Some(decode_item(&p.record).unwrap()))
                            .build()
                            .unwrap(),
                    )
                    .build()
            })
            .collect();
        BatchWriteItemOutput::builder()
            .unprocessed_items("t", requests)
            .build()
    }

    /// Recorded AWS-shaped responses (the emulator never returns UnprocessedItems): a batch
    /// that comes back partly unprocessed, then throttled, then accepted, lands whole.
    #[tokio::test]
    async fn recorded_unprocessed_items_and_throttling_are_retried_until_all_land() {
        let batch = pending(25);
        let left = batch[20..].to_vec();
        let first = mock!(aws_sdk_dynamodb::Client::batch_write_item)
            .then_output(move || unprocessed(&left));
        let throttled =
            mock!(aws_sdk_dynamodb::Client::batch_write_item).then_http_response(|| {
                aws_json_error(
                    400,
                    "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                    "The level of configured provisioned throughput for the table was exceeded.",
                )
            });
        let ok = mock!(aws_sdk_dynamodb::Client::batch_write_item)
            .then_output(|| BatchWriteItemOutput::builder().build());
        let client = mock_client!(
            aws_sdk_dynamodb,
            RuleMode::Sequential,
            &[&first, &throttled, &ok],
            |c| c.retry_config(aws_sdk_dynamodb::config::retry::RetryConfig::disabled())
        );
        let stats = WriteStats::default();
        let failed = write_batch(&client, "t", batch, fast(), &stats).await;
        assert!(failed.is_empty(), "{failed:?}");
        assert_eq!(stats.written.load(Ordering::Relaxed), 25);
        assert_eq!(stats.retries.load(Ordering::Relaxed), 2);
        assert_eq!(stats.unprocessed.load(Ordering::Relaxed), 5);
        assert_eq!(stats.throttled.load(Ordering::Relaxed), 1);
        assert_eq!(ok.num_calls(), 1);
    }

    /// Recorded responses: items DynamoDB never takes are reported, each with its line.
    #[tokio::test]
    async fn recorded_persistent_unprocessed_items_are_reported_not_lost() {
        let batch = pending(10);
        let stuck = batch[7..].to_vec();
        let rule = mock!(aws_sdk_dynamodb::Client::batch_write_item)
            .then_output(move || unprocessed(&stuck));
        let client = mock_client!(aws_sdk_dynamodb, RuleMode::MatchAny, &[&rule]);
        let stats = WriteStats::default();
        let failed = write_batch(&client, "t", batch, fast(), &stats).await;
        let lines: Vec<usize> = failed.iter().map(|f| f.pending.line).collect();
        assert_eq!(lines, vec![8, 9, 10]);
        assert!(
            failed[0].reason.contains("gave up after 4 attempts"),
            "{}",
            failed[0].reason
        );
        assert_eq!(stats.written.load(Ordering::Relaxed), 7);
        assert_eq!(rule.num_calls(), 4);
    }

    /// A BatchWriteItem request that holds the item with `event_id` `id`.
    fn holds(
        r: &aws_sdk_dynamodb::operation::batch_write_item::BatchWriteItemInput,
        id: &str,
    ) -> bool {
        r.request_items().and_then(|m| m.get("t")).is_some_and(|w| {
            w.iter().any(|w| {
                w.put_request()
                    .and_then(|p| p.item().get("event_id"))
                    .and_then(|v| v.as_s().ok())
                    .is_some_and(|e| e == id)
            })
        })
    }

    fn validation_exception() -> aws_smithy_runtime_api::http::Response {
        aws_json_error(
            400,
            "com.amazon.coral.validation#ValidationException",
            "One or more parameter values were invalid: an item in the request is refused",
        )
    }

    /// Recorded responses: DynamoDB refuses a whole BatchWriteItem with a ValidationException
    /// when one of its items is bad (nothing in it lands). The batch is sent again in halves
    /// until the bad item is alone: it fails by itself, with DynamoDB's reason, and the 24
    /// others land (`events import --overwrite` sent them to the failed file with it).
    #[tokio::test]
    async fn recorded_one_invalid_item_fails_alone_and_the_rest_of_its_batch_lands() {
        let bad = mock!(aws_sdk_dynamodb::Client::batch_write_item)
            .match_requests(|r| holds(r, "e7"))
            .then_http_response(validation_exception);
        let ok = mock!(aws_sdk_dynamodb::Client::batch_write_item)
            .match_requests(|r| !holds(r, "e7"))
            .then_output(|| BatchWriteItemOutput::builder().build());
        let client = mock_client!(aws_sdk_dynamodb, RuleMode::MatchAny, &[&bad, &ok]);
        let stats = WriteStats::default();
        let failed = write_batch(&client, "t", pending(25), fast(), &stats).await;
        let lines: Vec<usize> = failed.iter().map(|f| f.pending.line).collect();
        assert_eq!(lines, vec![8], "only the bad item: {failed:?}");
        assert!(
            failed[0].reason.contains("ValidationException"),
            "{}",
            failed[0].reason
        );
        assert_eq!(failed[0].cause, Cause::Failed);
        assert_eq!(stats.written.load(Ordering::Relaxed), 24);
        // Halving: 25, 12/13, 6/7, 3/4, 1/2 and the bad one alone: a few calls, not 25.
        assert!(bad.num_calls() <= 6, "{}", bad.num_calls());
        assert!(ok.num_calls() <= 6, "{}", ok.num_calls());
    }

    /// Recorded responses: a request refused for every item is not halved down to single
    /// items (review of issue 23, defect 9: a wrong table made 500 events take 986 requests):
    /// once both halves are refused whole too, every item fails as rejected (which stops the
    /// import) after 3 requests, not 2n - 1.
    #[tokio::test]
    async fn recorded_a_batch_refused_whole_and_in_both_halves_stops_after_three_requests() {
        let rule = mock!(aws_sdk_dynamodb::Client::batch_write_item)
            .then_http_response(validation_exception);
        let client = mock_client!(aws_sdk_dynamodb, RuleMode::MatchAny, &[&rule]);
        let stats = WriteStats::default();
        let failed = write_batch(&client, "t", pending(25), fast(), &stats).await;
        let mut lines: Vec<usize> = failed.iter().map(|f| f.pending.line).collect();
        lines.sort_unstable();
        assert_eq!(lines, (1..=25).collect::<Vec<_>>());
        assert!(
            failed
                .iter()
                .all(|f| f.cause == Cause::Rejected && f.cause.stops())
        );
        assert!(
            failed[0].reason.contains("ValidationException")
                && failed[0]
                    .reason
                    .contains("the table does not take these items"),
            "{}",
            failed[0].reason
        );
        assert_eq!(rule.num_calls(), 3);
        assert_eq!(stats.written.load(Ordering::Relaxed), 0);
        // Through an --overwrite group of 100: the first batch's rejection stops the rest unsent.
        let stats = WriteStats::default();
        let out = write_new(
            &client,
            "t",
            pending(100),
            fast(),
            &stats,
            WriteMode::Overwrite,
        )
        .await;
        assert_eq!(out.failed.len(), 100);
        assert_eq!(
            rule.num_calls(),
            6,
            "3 requests for the first batch, none for the rest"
        );
    }

    /// Recorded responses: a role without dynamodb:PartiQLInsert gets every INSERT refused with
    /// `AccessDenied` (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchStatementError.html).
    /// The first request refused whole stops the group: its other 75 events are not sent, all
    /// 100 fail as denied, the permission named.
    #[tokio::test]
    async fn recorded_inserts_all_refused_for_a_permission_stop_the_group() {
        use BatchStatementErrorCodeEnum as C;
        let insert = mock!(aws_sdk_dynamodb::Client::batch_execute_statement)
            .then_output(|| answers(&vec![Some(C::AccessDenied); INSERT_BATCH_SIZE]));
        let client = mock_client!(aws_sdk_dynamodb, RuleMode::MatchAny, &[&insert]);
        let stats = WriteStats::default();
        let outcome = write_new(
            &client,
            "t",
            pending(100),
            fast(),
            &stats,
            WriteMode::Insert,
        )
        .await;
        assert_eq!(insert.num_calls(), 1, "the other 75 events are not sent");
        assert_eq!(outcome.failed.len(), 100);
        assert!(outcome.failed.iter().all(|f| f.cause == Cause::Denied));
        assert!(
            outcome.failed[0].reason.contains("dynamodb:PartiQLInsert"),
            "{}",
            outcome.failed[0].reason
        );
        assert_eq!(stats.written.load(Ordering::Relaxed), 0);
    }

    /// Recorded responses: some statements refused for a permission (a policy on some keys) fail
    /// alone; the rest of the group is still sent and lands.
    #[tokio::test]
    async fn recorded_a_few_inserts_refused_for_a_permission_fail_alone() {
        use BatchStatementErrorCodeEnum as C;
        let insert = mock!(aws_sdk_dynamodb::Client::batch_execute_statement).then_output(|| {
            let mut codes = vec![None; INSERT_BATCH_SIZE];
            codes[3] = Some(C::AccessDenied);
            answers(&codes)
        });
        let client = mock_client!(aws_sdk_dynamodb, RuleMode::MatchAny, &[&insert]);
        let stats = WriteStats::default();
        let outcome = write_new(&client, "t", pending(50), fast(), &stats, WriteMode::Insert).await;
        assert_eq!(insert.num_calls(), 2);
        let failed: Vec<(usize, Cause)> = outcome
            .failed
            .iter()
            .map(|f| (f.pending.line, f.cause))
            .collect();
        assert_eq!(failed, vec![(4, Cause::Failed), (29, Cause::Failed)]);
        assert_eq!(stats.written.load(Ordering::Relaxed), 48);
    }

    /// Recorded responses: a BatchExecuteStatement whose first attempt got no answer to trust
    /// (a 500 here; a timeout or a reset alike) may have landed: the SDK sends it again and
    /// DynamoDB refuses its inserts as stored. Stored exactly as sent, they landed in this run
    /// and are written, not "already present"; the same refusal on a call every attempt of
    /// which was answered is an event stored before (present).
    #[tokio::test(start_paused = true)]
    async fn recorded_inserts_refused_after_an_unanswered_attempt_landed_in_this_run() {
        use aws_sdk_dynamodb::operation::batch_get_item::BatchGetItemOutput;
        let dup = Some(BatchStatementErrorCodeEnum::DuplicateItem);
        for (first_unanswered, written, present) in [(true, 2, 0), (false, 0, 2)] {
            let batch = pending(2);
            let stored: Vec<_> = batch
                .iter()
                .map(|p| decode_item(&p.record).unwrap())
                .collect();
            let lost =
                mock!(aws_sdk_dynamodb::Client::batch_execute_statement).then_http_response(|| {
                    aws_json_error(500, "InternalServerError", "Internal server error")
                });
            let dup = dup.clone();
            let refused = mock!(aws_sdk_dynamodb::Client::batch_execute_statement)
                .then_output(move || answers(&[dup.clone(), dup.clone()]));
            let read = mock!(aws_sdk_dynamodb::Client::batch_get_item).then_output(move || {
                BatchGetItemOutput::builder()
                    .responses("t", stored.clone())
                    .build()
            });
            let rules: Vec<&aws_smithy_mocks::Rule> = if first_unanswered {
                vec![&lost, &refused, &read]
            } else {
                vec![&refused, &read]
            };
            let client = mock_client!(aws_sdk_dynamodb, RuleMode::Sequential, &rules);
            let stats = WriteStats::default();
            let outcome = write_new(&client, "t", batch, fast(), &stats, WriteMode::Insert).await;
            assert!(outcome.failed.is_empty(), "{:?}", outcome.failed);
            assert!(outcome.conflicts.is_empty());
            assert_eq!(
                (stats.written.load(Ordering::Relaxed), outcome.present),
                (written, present),
                "first attempt unanswered: {first_unanswered}"
            );
        }
    }

    /// Recorded responses: a statement answered `RequestLimitExceeded` (the account's
    /// throughput limit) is throttling: sent again, and counted as throttled.
    #[tokio::test]
    async fn recorded_request_limit_exceeded_is_throttling() {
        use BatchStatementErrorCodeEnum as C;
        let first = mock!(aws_sdk_dynamodb::Client::batch_execute_statement)
            .match_requests(|r| r.statements().len() == 2)
            .then_output(|| answers(&[None, Some(C::RequestLimitExceeded)]));
        let second = mock!(aws_sdk_dynamodb::Client::batch_execute_statement)
            .match_requests(|r| r.statements().len() == 1)
            .then_output(|| answers(&[None]));
        let client = mock_client!(aws_sdk_dynamodb, RuleMode::Sequential, &[&first, &second]);
        let stats = WriteStats::default();
        let outcome = write_new(&client, "t", pending(2), fast(), &stats, WriteMode::Insert).await;
        assert!(outcome.failed.is_empty(), "{:?}", outcome.failed);
        assert_eq!(stats.written.load(Ordering::Relaxed), 2);
        assert_eq!(stats.throttled.load(Ordering::Relaxed), 1);
    }

    /// Review of issue 23, defect 10: two ThrottlingException answers that the SDK retried on
    /// its own (the third attempt landed) were reported as throttled 0, retried 0. The attempts
    /// are counted where the SDK makes them (the call's interceptor), for BatchExecuteStatement
    /// (the import) and BatchWriteItem (--overwrite) alike.
    #[tokio::test]
    async fn recorded_throttles_the_sdk_retried_are_counted() {
        let throttled = || {
            aws_json_error(
                400,
                "com.amazonaws.dynamodb.v20120810#ThrottlingException",
                "Rate of requests exceeds the allowed throughput.",
            )
        };
        let with_sdk_retries = |conf: aws_sdk_dynamodb::config::Builder| {
            conf.retry_config(
                aws_smithy_types::retry::RetryConfig::standard()
                    .with_max_attempts(3)
                    .with_initial_backoff(Duration::from_millis(1))
                    .with_max_backoff(Duration::from_millis(2)),
            )
        };
        let insert = mock!(aws_sdk_dynamodb::Client::batch_execute_statement)
            .sequence()
            .http_response(throttled)
            .times(2)
            .output(|| answers(&[None, None]))
            .build();
        let client = mock_client!(
            aws_sdk_dynamodb,
            RuleMode::Sequential,
            &[&insert],
            with_sdk_retries
        );
        let stats = WriteStats::default();
        let outcome = write_new(&client, "t", pending(2), fast(), &stats, WriteMode::Insert).await;
        assert!(outcome.failed.is_empty(), "{:?}", outcome.failed);
        assert_eq!(stats.written.load(Ordering::Relaxed), 2);
        assert_eq!(
            (
                stats.throttled.load(Ordering::Relaxed),
                stats.retries.load(Ordering::Relaxed)
            ),
            (2, 2)
        );
        assert_eq!(
            insert.num_calls(),
            3,
            "two throttled attempts and the one that landed"
        );

        let write = mock!(aws_sdk_dynamodb::Client::batch_write_item)
            .sequence()
            .http_response(throttled)
            .times(2)
            .output(|| BatchWriteItemOutput::builder().build())
            .build();
        let client = mock_client!(
            aws_sdk_dynamodb,
            RuleMode::Sequential,
            &[&write],
            with_sdk_retries
        );
        let stats = WriteStats::default();
        let failed = write_batch(&client, "t", pending(2), fast(), &stats).await;
        assert!(failed.is_empty(), "{failed:?}");
        assert_eq!(stats.throttled.load(Ordering::Relaxed), 2);
    }

    /// Recorded AWS-shaped responses: BatchGetItem may return part of the keys as
    /// `UnprocessedKeys` (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html);
    /// the emulator never does. They are read again before anything is written, and of three
    /// events the identical one is counted present, the one the application changed is a
    /// conflict, and only the absent one is sent.
    #[tokio::test]
    async fn recorded_unprocessed_keys_are_read_again_and_nothing_stored_is_replaced() {
        use aws_sdk_dynamodb::operation::batch_get_item::BatchGetItemOutput;
        let batch = pending(3);
        let identical = decode_item(&batch[0].record).unwrap();
        let mut changed = decode_item(&batch[1].record).unwrap();
        changed.insert("status".into(), AttributeValue::S("delivered".into()));
        let later: Vec<_> = batch[1..].iter().map(|p| p.key_item()).collect();
        let first = mock!(aws_sdk_dynamodb::Client::batch_get_item)
            .match_requests(|r| {
                r.request_items()
                    .and_then(|m| m.get("t"))
                    .is_some_and(|k| k.consistent_read() == Some(true) && k.keys().len() == 3)
            })
            .then_output(move || {
                BatchGetItemOutput::builder()
                    .responses("t", vec![identical.clone()])
                    .unprocessed_keys(
                        "t",
                        KeysAndAttributes::builder()
                            .set_keys(Some(later.clone()))
                            .build()
                            .unwrap(),
                    )
                    .build()
            });
        let second = mock!(aws_sdk_dynamodb::Client::batch_get_item)
            .match_requests(|r| {
                r.request_items()
                    .and_then(|m| m.get("t"))
                    .is_some_and(|k| k.keys().len() == 2)
            })
            .then_output(move || {
                BatchGetItemOutput::builder()
                    .responses("t", vec![changed.clone()])
                    .build()
            });
        let write = mock!(aws_sdk_dynamodb::Client::batch_execute_statement)
            .match_requests(|r| r.statements().len() == 1)
            .then_output(|| answers(&[None]));
        let client = mock_client!(
            aws_sdk_dynamodb,
            RuleMode::Sequential,
            &[&first, &second, &write]
        );
        let stats = WriteStats::default();
        let outcome = write_new(&client, "t", batch, fast(), &stats, WriteMode::ReadFirst).await;
        assert!(outcome.failed.is_empty(), "{:?}", outcome.failed);
        assert_eq!(outcome.present, 1);
        assert_eq!(outcome.conflicts.len(), 1);
        assert_eq!(outcome.conflicts[0].line, 2);
        assert_eq!(outcome.conflicts[0].differs, vec!["status".to_owned()]);
        assert_eq!(stats.written.load(Ordering::Relaxed), 1);
        assert_eq!(
            (first.num_calls(), second.num_calls(), write.num_calls()),
            (1, 1, 1)
        );
    }

    /// A BatchExecuteStatement answer: one response per statement, in order, each either
    /// landed (`None`) or refused with that error code.
    fn answers(
        codes: &[Option<BatchStatementErrorCodeEnum>],
    ) -> aws_sdk_dynamodb::operation::batch_execute_statement::BatchExecuteStatementOutput {
        let responses = codes
            .iter()
            .map(|code| {
                let r = BatchStatementResponse::builder().table_name("t");
                match code {
                    None => r.build(),
                    Some(c) => r
                        .error(
                            BatchStatementError::builder()
                                .code(c.clone())
                                .message(format!("injected {}", c.as_str()))
                                .build(),
                        )
                        .build(),
                }
            })
            .collect();
        aws_sdk_dynamodb::operation::batch_execute_statement::BatchExecuteStatementOutput::builder()
            .set_responses(Some(responses))
            .build()
    }

    /// Recorded responses: BatchExecuteStatement takes up to 25 statements and BatchGetItem up
    /// to 100 keys (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchExecuteStatement.html,
    /// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html).
    /// A group of 100 new events goes out as four requests of 25 `INSERT`s, each with its item's
    /// values as parameters; it is read (in one call) only when asked to read first.
    #[tokio::test]
    async fn recorded_a_group_of_100_is_inserted_25_a_request_and_read_only_when_asked() {
        use aws_sdk_dynamodb::operation::batch_get_item::BatchGetItemOutput;
        for (mode, reads) in [(WriteMode::Insert, 0), (WriteMode::ReadFirst, 1)] {
            let read = mock!(aws_sdk_dynamodb::Client::batch_get_item)
                .match_requests(|r| {
                    r.request_items()
                        .and_then(|m| m.get("t"))
                        .is_some_and(|k| k.keys().len() == READ_BATCH_SIZE)
                })
                .then_output(|| BatchGetItemOutput::builder().build());
            let insert = mock!(aws_sdk_dynamodb::Client::batch_execute_statement)
                .match_requests(|r| {
                    r.statements().len() == INSERT_BATCH_SIZE
                        && r.statements().iter().all(|s| {
                            s.statement().starts_with("INSERT INTO \"t\" VALUE {")
                                && s.parameters().len() == 12
                        })
                })
                .then_output(|| answers(&vec![None; INSERT_BATCH_SIZE]));
            let client = mock_client!(aws_sdk_dynamodb, RuleMode::MatchAny, &[&read, &insert]);
            let stats = WriteStats::default();
            let outcome = write_new(&client, "t", pending(100), fast(), &stats, mode).await;
            assert!(outcome.failed.is_empty(), "{mode:?}: {:?}", outcome.failed);
            assert_eq!(stats.written.load(Ordering::Relaxed), 100, "{mode:?}");
            assert_eq!(
                (read.num_calls(), insert.num_calls()),
                (reads, 4),
                "{mode:?}"
            );
        }
    }

    /// Recorded responses: DynamoDB refuses an INSERT on a stored key with `DuplicateItem`
    /// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchStatementError.html).
    /// Only the refused events are read back: the identical one is present, the changed one a
    /// conflict (not replaced), and one deleted in between is reported failed, not lost.
    #[tokio::test]
    async fn recorded_inserts_refused_as_duplicates_are_read_back_and_settled() {
        use aws_sdk_dynamodb::operation::batch_get_item::BatchGetItemOutput;
        let batch = pending(4);
        let identical = decode_item(&batch[1].record).unwrap();
        let mut changed = decode_item(&batch[2].record).unwrap();
        changed.insert("retry_count".into(), AttributeValue::N("3".into()));
        let dup = Some(BatchStatementErrorCodeEnum::DuplicateItem);
        let insert = mock!(aws_sdk_dynamodb::Client::batch_execute_statement)
            .then_output(move || answers(&[None, dup.clone(), dup.clone(), dup.clone()]));
        let read = mock!(aws_sdk_dynamodb::Client::batch_get_item)
            .match_requests(|r| {
                r.request_items()
                    .and_then(|m| m.get("t"))
                    .is_some_and(|k| k.consistent_read() == Some(true) && k.keys().len() == 3)
            })
            .then_output(move || {
                BatchGetItemOutput::builder()
                    .responses("t", vec![identical.clone(), changed.clone()])
                    .build()
            });
        let client = mock_client!(aws_sdk_dynamodb, RuleMode::MatchAny, &[&insert, &read]);
        let stats = WriteStats::default();
        let outcome = write_new(&client, "t", batch, fast(), &stats, WriteMode::Insert).await;
        assert_eq!(stats.written.load(Ordering::Relaxed), 1);
        assert_eq!(outcome.present, 1);
        assert_eq!(outcome.conflicts.len(), 1);
        assert_eq!(outcome.conflicts[0].line, 3);
        assert_eq!(outcome.conflicts[0].differs, vec!["retry_count".to_owned()]);
        let failed: Vec<(usize, &str)> = outcome
            .failed
            .iter()
            .map(|f| (f.pending.line, f.reason.as_str()))
            .collect();
        assert_eq!(failed.len(), 1, "{failed:?}");
        assert_eq!(failed[0].0, 4);
        assert!(
            failed[0].1.contains("gone when it was read back"),
            "{}",
            failed[0].1
        );
        assert_eq!((insert.num_calls(), read.num_calls()), (1, 1));
    }

    /// Recorded responses: a 200 does not mean every statement landed. Throttled statements
    /// (`ThrottlingError`, `ProvisionedThroughputExceeded`) are sent again, alone; a statement
    /// refused as invalid fails by itself with DynamoDB's reason, the rest land.
    #[tokio::test]
    async fn recorded_throttled_statements_are_sent_again_and_an_invalid_one_fails_alone() {
        use BatchStatementErrorCodeEnum as C;
        let first = mock!(aws_sdk_dynamodb::Client::batch_execute_statement)
            .match_requests(|r| r.statements().len() == 4)
            .then_output(|| {
                answers(&[
                    None,
                    Some(C::ThrottlingError),
                    Some(C::ValidationError),
                    Some(C::ProvisionedThroughputExceeded),
                ])
            });
        let second = mock!(aws_sdk_dynamodb::Client::batch_execute_statement)
            .match_requests(|r| r.statements().len() == 2)
            .then_output(|| answers(&[None, None]));
        let client = mock_client!(aws_sdk_dynamodb, RuleMode::Sequential, &[&first, &second]);
        let stats = WriteStats::default();
        let outcome = write_new(&client, "t", pending(4), fast(), &stats, WriteMode::Insert).await;
        assert_eq!(stats.written.load(Ordering::Relaxed), 3);
        assert_eq!(outcome.failed.len(), 1, "{:?}", outcome.failed);
        assert_eq!(outcome.failed[0].pending.line, 3);
        assert!(
            outcome.failed[0].reason.starts_with("ValidationError"),
            "{}",
            outcome.failed[0].reason
        );
        assert_eq!(stats.throttled.load(Ordering::Relaxed), 1);
        assert_eq!(stats.retries.load(Ordering::Relaxed), 1);
        assert_eq!((first.num_calls(), second.num_calls()), (1, 1));
    }

    /// Recorded responses: a PutItem whose first attempt landed but whose answer was lost is
    /// retried by the SDK and fails its `attribute_not_exists` condition on its own item
    /// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html#Programming.Errors.RetryAndBackoff).
    /// The identical stored event is success; a different one is still refused.
    #[tokio::test]
    async fn recorded_a_put_that_landed_on_an_earlier_attempt_is_not_a_conflict() {
        use aws_sdk_dynamodb::operation::get_item::GetItemOutput;
        use aws_sdk_dynamodb::operation::put_item::PutItemError;
        use aws_sdk_dynamodb::types::error::ConditionalCheckFailedException;
        // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
        let line = r#"{"user_id":"u","event_type":"t","timestamp":"2025-11-11T12:00:00Z","event_id":"e0"}"#;
        let (input, value) = EventInput::parse(line).unwrap();
        let event = input
            .into_event(Defaults { now: None }, Some(&value))
            .unwrap();
        let failed = || {
            PutItemError::ConditionalCheckFailedException(
                ConditionalCheckFailedException::builder()
                    .message("The conditional request failed")
                    .meta(
                        aws_smithy_types::error::ErrorMetadata::builder()
                            .code("ConditionalCheckFailedException")
                            .message("The conditional request failed")
                            .build(),
                    )
                    .build(),
            )
        };
        let same = event.to_checked_item().unwrap();
        let mut other = same.clone();
        other.insert("status".into(), AttributeValue::S("somebody else's".into()));
        for (stored, want_ok) in [(same, true), (other, false)] {
            let put = mock!(aws_sdk_dynamodb::Client::put_item).then_error(failed);
            let get = mock!(aws_sdk_dynamodb::Client::get_item)
                .match_requests(|r| r.consistent_read() == Some(true))
                .then_output(move || {
                    GetItemOutput::builder()
                        .set_item(Some(stored.clone()))
                        .build()
                });
            let client = mock_client!(aws_sdk_dynamodb, RuleMode::MatchAny, &[&put, &get]);
            let result = put_event(&client, "t", &event).await;
            assert_eq!(result.is_ok(), want_ok, "{result:?}");
            if !want_ok {
                assert!(matches!(result, Err(PutError::Exists(_))), "{result:?}");
            }
            assert_eq!((put.num_calls(), get.num_calls()), (1, 1));
        }
    }

    /// Recorded responses: with --overwrite nothing is read first, everything is written.
    #[tokio::test]
    async fn recorded_overwrite_writes_without_reading() {
        let write = mock!(aws_sdk_dynamodb::Client::batch_write_item)
            .then_output(|| BatchWriteItemOutput::builder().build());
        let client = mock_client!(aws_sdk_dynamodb, RuleMode::MatchAny, &[&write]);
        let stats = WriteStats::default();
        let outcome = write_new(
            &client,
            "t",
            pending(5),
            fast(),
            &stats,
            WriteMode::Overwrite,
        )
        .await;
        assert!(outcome.failed.is_empty() && outcome.conflicts.is_empty());
        assert_eq!(stats.written.load(Ordering::Relaxed), 5);
        assert_eq!(write.num_calls(), 1);
    }
}
