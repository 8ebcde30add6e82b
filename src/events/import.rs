//! `events import`: NDJSON in, every event written once, nothing lost without a trace, nothing
//! replaced that differs.
//!
//! One pass reads the input (any readable file: stdin, a FIFO, `<(cat f)`) line by line, with a
//! cap on a line's length, validates each line and spools the valid events to a temporary file;
//! duplicate keys are found in bounded memory ([`super::dedupe`]); problems are kept for the
//! first [`KEPT_PROBLEMS`] lines and counted beyond. The write pass reads only the spool, so what
//! is written is exactly what was validated. Lines without an `event_id` get one derived from
//! their content, so an import run again finds its events already present instead of adding new
//! ones, and a stored event that differs is never replaced without `--overwrite`.

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use aws_sdk_dynamodb::Client;
use chrono::{DateTime, Utc};
use futures::StreamExt;
use futures::stream::FuturesUnordered;
use serde::Serialize;
use serde::ser::SerializeSeq;
use tokio::time::Instant;

use super::dedupe::{Dedupe, hash64, hash128};
use super::failed_file::FailedFile;
pub(crate) use super::failed_file::{Place, Saved};
use super::input::{InputError, LineReader};
use super::model::{Defaults, Event, EventInput};
use super::spool::{Spool, SpoolReader, SpoolWriter};
use super::writer::{
    Cause, Conflict, Failed, Pending, READ_BATCH_SIZE, RateLimiter, RetryPolicy, WriteMode,
    WriteStats,
};
use crate::aws::calls::CallLog;

/// Problems (invalid lines, duplicates, conflicts, failures) are listed for this many lines and
/// counted beyond: memory stays bounded whatever the input.
pub(crate) const KEPT_PROBLEMS: usize = 1000;
/// Bytes of events in flight at most, across all batches (BatchWriteItem takes up to 16 MB a
/// call; 25 items of 400 KB are 10 MB).
pub(crate) const IN_FLIGHT_BYTES: usize = 48 << 20;

/// A line that cannot be imported, or was not.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct LineProblem {
    pub line: usize,
    pub reason: String,
}

/// The first [`KEPT_PROBLEMS`] problems by line number, and how many there were in all.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    kept: BTreeMap<usize, String>,
    total: usize,
}

impl Problems {
    pub(crate) fn add(&mut self, line: usize, reason: impl Into<String>) {
        self.total += 1;
        if self.kept.len() < KEPT_PROBLEMS
            || self.kept.keys().next_back().is_some_and(|l| *l > line)
        {
            self.kept.insert(line, reason.into());
            if self.kept.len() > KEPT_PROBLEMS {
                self.kept.pop_last();
            }
        }
    }

    pub(crate) fn total(&self) -> usize {
        self.total
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.total == 0
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = LineProblem> + '_ {
        self.kept.iter().map(|(line, reason)| LineProblem {
            line: *line,
            reason: reason.clone(),
        })
    }

    #[cfg(test)]
    pub(crate) fn lines(&self) -> impl Iterator<Item = usize> + '_ {
        self.kept.keys().copied()
    }
}

impl Serialize for Problems {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.kept.len()))?;
        for p in self.iter() {
            seq.serialize_element(&p)?;
        }
        seq.end()
    }
}

/// Lines to leave out of the write (repeats of an earlier key): one bit a line.
#[derive(Debug, Default)]
struct LineSet(Vec<u64>);

impl LineSet {
    fn insert(&mut self, line: usize) {
        let (word, bit) = (line / 64, line % 64);
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << bit;
    }

    fn contains(&self, line: usize) -> bool {
        self.0
            .get(line / 64)
            .is_some_and(|w| w & (1 << (line % 64)) != 0)
    }
}

/// What the validation pass found.
#[derive(Debug, Default)]
pub(crate) struct Validation {
    /// Non-blank lines.
    pub read: usize,
    pub valid: usize,
    pub blank: usize,
    /// Bytes of input read.
    pub bytes: u64,
    pub invalid: Problems,
    /// Lines whose event is the same as an earlier line's (same key, same content): written once.
    pub duplicates: Problems,
    /// Lines stamped with the import's start time (`--stamp-now`).
    pub stamped: usize,
    /// Valid events whose ttl had already passed when the import started.
    pub expired: usize,
    /// Of those, left out (`--skip-expired`).
    pub expired_skipped: usize,
    /// Duplicate detection went to disk (a very large input).
    pub spilled: bool,
    skip: LineSet,
    spool: Option<Spool>,
}

impl Validation {
    /// Events the write pass will send.
    pub(crate) fn to_write(&self) -> usize {
        self.valid.saturating_sub(self.expired_skipped)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ImportOptions {
    pub stamp_now: bool,
    pub skip_expired: bool,
    pub overwrite: bool,
    pub concurrency: usize,
    pub rate: Option<f64>,
    pub policy: RetryPolicy,
    /// The import's start time: the stamp for lines without a timestamp, and "now" for expiry.
    pub started: DateTime<Utc>,
    /// When to stop writing (`--timeout`); what is left goes to the failed file.
    pub deadline: Option<Instant>,
}

fn parse_line(text: &str, opts: &ImportOptions) -> Result<(Event, bool), String> {
    let input = EventInput::from_line(text).map_err(|e| e.0)?;
    let stamped = input.timestamp.is_none();
    let defaults = Defaults {
        now: opts.stamp_now.then_some(opts.started),
    };
    let event = input.into_event(defaults, None).map_err(|e| e.0)?;
    event.check_size().map_err(|e| e.0)?;
    Ok((event, stamped && opts.stamp_now))
}

/// Pass one: every line parsed, validated and sized, valid events spooled, duplicate keys found.
pub(crate) fn validate(
    input: &mut LineReader,
    opts: &ImportOptions,
) -> Result<Validation, InputError> {
    let mut v = Validation::default();
    let mut dedupe = Dedupe::default();
    let spool_error = |e: io::Error| InputError::Unreadable {
        name: "the import's temporary spool file".into(),
        source: e,
    };
    let mut spool = SpoolWriter::new().map_err(spool_error)?;
    let now = opts.started.timestamp();
    let mut record = Vec::new();
    while let Some((n, text)) = input.next_line()? {
        let text = match text {
            Err(reason) => {
                v.read += 1;
                v.invalid.add(n, reason);
                continue;
            }
            Ok(t) if t.trim().is_empty() => {
                v.blank += 1;
                continue;
            }
            Ok(t) => t,
        };
        v.read += 1;
        let (event, stamped) = match parse_line(text, opts) {
            Ok(ok) => ok,
            Err(reason) => {
                v.invalid.add(n, reason);
                continue;
            }
        };
        // Encoded once: the spool's record, and (maps sorted) the content to compare.
        record.clear();
        super::record::encode(&event, &mut record);
        // The timestamp holds no `#`: these parts name the same key as `timestamp#event_id`.
        let key = hash128(&[&event.user_id, &event.timestamp, &event.event_id]);
        if let Some(r) = dedupe
            .see(key, hash64(&record), n as u64)
            .map_err(spool_error)?
        {
            repeat(&mut v, r);
            continue;
        }
        v.valid += 1;
        if stamped {
            v.stamped += 1;
        }
        if event.ttl <= now {
            v.expired += 1;
            if opts.skip_expired {
                v.expired_skipped += 1;
                continue;
            }
        }
        spool.push(n, &record).map_err(spool_error)?;
    }
    v.bytes = input.bytes();
    v.spilled = dedupe.spilled();
    let mut late = Vec::new();
    dedupe.finish(|r| late.push(r)).map_err(spool_error)?;
    for r in late {
        // Found after the line was counted valid and spooled: uncount it, and skip it.
        v.valid -= 1;
        repeat(&mut v, r);
    }
    v.spool = Some(spool.finish().map_err(spool_error)?);
    Ok(v)
}

fn repeat(v: &mut Validation, r: super::dedupe::Repeat) {
    let line = r.line as usize;
    v.skip.insert(line);
    if r.same_content {
        v.duplicates.add(
            line,
            format!("same event as line {}; written once", r.first),
        );
    } else {
        v.invalid.add(
            line,
            format!(
                "same key as line {} (user_id and timestamp#event_id) with different content; one would overwrite the other",
                r.first
            ),
        );
    }
}

/// What the import shows while it writes (`advance` by events done: landed, present,
/// conflicting or failed; `status` for retries and stopping); `src/output/` draws it.
pub use crate::progress::Task as ImportProgress;

/// Why the write pass stopped before the end of the spool.
#[derive(Debug, Clone)]
pub(crate) enum Stop {
    Deadline,
    Interrupted,
    Unreachable(String),
    /// A whole request refused for a permission the role lacks: every other one would be too.
    Denied(String),
    /// No credentials, or ones AWS refuses: every other request would be refused too.
    Credentials(String),
    /// Requests of events each checked before refused whole as invalid, their halves too: the
    /// table does not take these items (its key schema), and every other request would be
    /// refused the same way.
    Rejected(String),
}

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stop::Deadline => write!(f, "its time ran out (--timeout)"),
            Stop::Interrupted => write!(f, "it was interrupted (Ctrl-C or SIGTERM)"),
            Stop::Unreachable(why) => write!(f, "the endpoint stopped answering ({why})"),
            Stop::Denied(why) => write!(
                f,
                "DynamoDB refused a whole request for a missing permission, so the rest was not sent ({why}); grant it, then import the failed file"
            ),
            Stop::Rejected(why) => write!(
                f,
                "DynamoDB refused whole requests of valid events as invalid, and their halves too: the table does not take these items (is it the events table? `eventsctl table verify`), so the rest was not sent ({why}); fix the table or --table, then import the failed file"
            ),
            Stop::Credentials(why) => write!(
                f,
                "a request was refused for its credentials, so the rest was not sent ({why}); log in again, then import the failed file"
            ),
        }
    }
}

/// What the write pass did.
#[derive(Debug, Default)]
pub(crate) struct WriteSummary {
    pub written: u64,
    /// Events already stored exactly as given.
    pub present: u64,
    pub conflicts: Problems,
    pub failed: Problems,
    pub retries: u64,
    pub unprocessed: u64,
    pub throttled: u64,
    /// Where the events that did not land went (files, and how many no file took).
    pub failed_out: Saved,
    pub stopped: Option<Stop>,
}

/// The batches on their way: each event's input line and record ([`super::record`], shared with
/// the request), for the failed file if the import stops before DynamoDB has answered.
type InFlight = HashMap<u64, Vec<(usize, Arc<[u8]>)>>;

fn damaged(e: super::record::Damaged) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e)
}

/// Where the write pass is, reading the spool.
struct Batches<'a> {
    spool: SpoolReader,
    skip: &'a LineSet,
    max_bytes: usize,
    /// An event read but not fitting the last batch's byte budget, with its item's size.
    carried: Option<(Pending, usize)>,
}

impl Batches<'_> {
    /// The next record not left out (a repeat of an earlier key).
    fn next_record(&mut self) -> io::Result<Option<(usize, &[u8])>> {
        loop {
            match self.spool.next_record()? {
                Some((line, _)) if self.skip.contains(line) => continue,
                // Handed out through `last`: the borrow checker cannot see the loop ends here.
                Some(_) => return Ok(self.spool.last()),
                None => return Ok(None),
            }
        }
    }

    /// The next group: up to 100 events (one BatchGetItem, then BatchWriteItems of 25) and at
    /// most `max_bytes` of items (one event always fits), each decoded from its record straight
    /// into its item.
    fn next_batch(&mut self) -> io::Result<Vec<Pending>> {
        let mut batch = Vec::with_capacity(READ_BATCH_SIZE);
        let mut bytes = 0;
        if let Some((p, size)) = self.carried.take() {
            batch.push(p);
            bytes = size;
        }
        while batch.len() < READ_BATCH_SIZE {
            let Some((line, record)) = self.next_record()? else {
                break;
            };
            let p = Pending::new(line, Arc::from(record)).map_err(damaged)?;
            let size = p.size_bound();
            if !batch.is_empty() && bytes + size > self.max_bytes {
                self.carried = Some((p, size));
                break;
            }
            bytes += size;
            batch.push(p);
        }
        Ok(batch)
    }
}

/// Pass two: the spooled events, in groups of up to 100, `concurrency` groups in flight, each
/// written so that nothing stored is replaced (unless `overwrite`; see
/// [`super::writer::write_new`]). Stops cleanly at
/// the deadline, when `stop` resolves (Ctrl-C, SIGTERM), or when the endpoint stops answering: everything not known
/// to have landed goes to `failed_out`.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn write(
    client: &Client,
    table: &str,
    validation: &Validation,
    opts: &ImportOptions,
    failed_out: Vec<Place>,
    progress: &dyn ImportProgress,
    calls: &CallLog,
    stop: impl std::future::Future<Output = ()>,
) -> io::Result<WriteSummary> {
    let stats = WriteStats::default();
    let limiter = opts.rate.map(RateLimiter::new);
    let mut summary = WriteSummary::default();
    let mut failed_writer = FailedWriter::new(failed_out);
    let Some(spool) = &validation.spool else {
        return Ok(summary);
    };
    let concurrency = opts.concurrency.max(1);
    let mut batches = Batches {
        spool: spool.reader()?,
        skip: &validation.skip,
        max_bytes: (IN_FLIGHT_BYTES / concurrency).max(crate::spec::MAX_ITEM_BYTES),
        carried: None,
    };
    let mut in_flight: InFlight = HashMap::new();
    let mut running = FuturesUnordered::new();
    let mut next_id = 0u64;
    let mut exhausted = false;
    tokio::pin!(stop);
    let mut ticker = tokio::time::interval(Duration::from_millis(500));
    let mut last_retries = 0;
    // Inserts first; once a group comes back mostly stored already (the file was imported
    // before), the next groups are read first, and inserted again once they come back mostly
    // new: a refused insert still costs its write units, a read of the event costs less.
    let mut mostly_stored = false;
    loop {
        while summary.stopped.is_none() && !exhausted && running.len() < concurrency {
            let batch = batches.next_batch()?;
            if batch.is_empty() {
                exhausted = true;
                break;
            }
            next_id += 1;
            let id = next_id;
            in_flight.insert(
                id,
                batch
                    .iter()
                    .map(|p| (p.line, Arc::clone(&p.record)))
                    .collect(),
            );
            let (stats, limiter) = (&stats, limiter.as_ref());
            let mode = match (opts.overwrite, mostly_stored) {
                (true, _) => WriteMode::Overwrite,
                (false, true) => WriteMode::ReadFirst,
                (false, false) => WriteMode::Insert,
            };
            running.push(async move {
                if let Some(l) = limiter {
                    l.acquire(batch.len() as u32).await;
                }
                let outcome =
                    super::writer::write_new(client, table, batch, opts.policy, stats, mode).await;
                (id, outcome)
            });
        }
        if running.is_empty() {
            break;
        }
        tokio::select! {
            Some((id, outcome)) = running.next() => {
                let n = in_flight.remove(&id).map_or(0, |b| b.len() as u64);
                progress.advance(n);
                mostly_stored = (outcome.present + outcome.conflicts.len() as u64) * 2 > n;
                record_outcome(&mut summary, &mut failed_writer, outcome, opts.deadline)?;
            }
            _ = ticker.tick() => {
                if opts.deadline.is_some_and(|d| Instant::now() >= d) {
                    summary.stopped = Some(Stop::Deadline);
                }
                last_retries = say_retries(progress, calls, &stats, last_retries);
            }
            _ = &mut stop => summary.stopped = Some(Stop::Interrupted),
        }
        // Batches in flight to an endpoint that stopped answering, or that refuses the
        // permission, come back soon with the same answer: wait for them, and send no more.
        if summary.stopped.is_some()
            && !matches!(
                summary.stopped,
                Some(
                    Stop::Unreachable(_)
                        | Stop::Denied(_)
                        | Stop::Credentials(_)
                        | Stop::Rejected(_)
                )
            )
        {
            break;
        }
    }
    if let Some(stop) = summary.stopped.clone() {
        progress.status(&format!("stopping: {stop}"));
        drop(running);
        let left = Left {
            in_flight,
            batches: &mut batches,
        };
        left.fail_all(&mut summary, &mut failed_writer, &stop)?;
    }
    summary.written = stats.written.load(Ordering::Relaxed);
    summary.retries = stats.retries.load(Ordering::Relaxed);
    summary.unprocessed = stats.unprocessed.load(Ordering::Relaxed);
    summary.throttled = stats.throttled.load(Ordering::Relaxed);
    summary.failed_out = failed_writer.finish();
    Ok(summary)
}

/// Says on the progress line that the import is retrying, when there were retries since
/// `last`; returns the count now.
fn say_retries(
    progress: &dyn ImportProgress,
    calls: &CallLog,
    stats: &WriteStats,
    last: u64,
) -> u64 {
    let retries = calls.retries() + stats.retries.load(Ordering::Relaxed);
    if retries > last {
        progress.status(&format!(
            "importing, retrying ({}; last: {})",
            crate::vocab::words::plural(retries, "retry", "retries"),
            calls
                .last_failure()
                .unwrap_or_else(|| "unprocessed items".into())
        ));
    }
    retries.max(last)
}

/// What one group's writes came to: counted, and what did not land written to the failed
/// file; the first failure that means the endpoint or the permission is gone stops the import.
fn record_outcome(
    summary: &mut WriteSummary,
    failed_writer: &mut FailedWriter,
    outcome: super::writer::NewOutcome,
    deadline: Option<Instant>,
) -> io::Result<()> {
    summary.present += outcome.present;
    for Conflict { line, differs, .. } in outcome.conflicts {
        summary.conflicts.add(
            line,
            format!(
                "differs from what is stored ({}); not replaced (--overwrite replaces it)",
                differs.join(", ")
            ),
        );
    }
    for Failed {
        pending,
        reason,
        cause,
    } in outcome.failed
    {
        if summary.stopped.is_none() {
            summary.stopped = match cause {
                Cause::Failed => None,
                // A call cut off by the command's own limit (the SDK's operation
                // timeout is that limit) is the time running out, not the endpoint.
                Cause::Unreachable if deadline.is_some_and(|d| Instant::now() >= d) => {
                    Some(Stop::Deadline)
                }
                Cause::Unreachable => Some(Stop::Unreachable(reason.clone())),
                Cause::Denied => Some(Stop::Denied(reason.clone())),
                Cause::Credentials => Some(Stop::Credentials(reason.clone())),
                Cause::Rejected => Some(Stop::Rejected(reason.clone())),
            };
        }
        failed_writer.write(&pending.record)?;
        summary.failed.add(pending.line, reason);
    }
    Ok(())
}

/// What had not landed when the import stopped: the groups in flight and the events not sent.
struct Left<'b, 'a> {
    in_flight: InFlight,
    batches: &'b mut Batches<'a>,
}

impl Left<'_, '_> {
    /// Every event left goes to the failed file, with why.
    fn fail_all(
        mut self,
        summary: &mut WriteSummary,
        failed_writer: &mut FailedWriter,
        stop: &Stop,
    ) -> io::Result<()> {
        let mut ids: Vec<u64> = self.in_flight.keys().copied().collect();
        ids.sort_unstable();
        for id in ids {
            for (line, record) in self.in_flight.remove(&id).unwrap_or_default() {
                failed_writer.write(&record)?;
                summary.failed.add(
                    line,
                    format!("no answer before the import stopped ({stop}); it may have landed, and importing the failed file again is safe"),
                );
            }
        }
        let not_sent = format!("not sent: the import stopped ({stop})");
        if let Some((p, _)) = self.batches.carried.take() {
            failed_writer.write(&p.record)?;
            summary.failed.add(p.line, not_sent.clone());
        }
        while let Some((line, record)) = self.batches.next_record()? {
            failed_writer.write(record)?;
            summary.failed.add(line, not_sent.clone());
        }
        Ok(())
    }
}

/// Writes the events that did not land as NDJSON with their `event_id` and `timestamp`, so
/// importing that file lands exactly what was missing (into [`FailedFile`]: created only if
/// something failed, and never losing an event quietly).
struct FailedWriter {
    file: FailedFile,
}

impl FailedWriter {
    fn new(places: Vec<Place>) -> FailedWriter {
        FailedWriter {
            file: FailedFile::new(places),
        }
    }

    /// One event, from its spool record.
    fn write(&mut self, record: &[u8]) -> io::Result<()> {
        let event = super::record::decode_event(record).map_err(damaged)?;
        self.file.line(&serde_json::to_vec(&event)?);
        Ok(())
    }

    fn finish(self) -> Saved {
        self.file.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_keep_the_first_lines_and_count_all() {
        let mut p = Problems::default();
        for line in (1..=KEPT_PROBLEMS + 500).rev() {
            p.add(line, "bad");
        }
        assert_eq!(p.total(), KEPT_PROBLEMS + 500);
        let lines: Vec<usize> = p.lines().collect();
        assert_eq!(lines.len(), KEPT_PROBLEMS);
        assert_eq!((lines[0], lines[KEPT_PROBLEMS - 1]), (1, KEPT_PROBLEMS));
    }

    #[test]
    fn line_sets_hold_any_line() {
        let mut s = LineSet::default();
        for l in [1, 63, 64, 1_000_000] {
            s.insert(l);
        }
        assert!(
            s.contains(64) && s.contains(1_000_000) && !s.contains(2) && !s.contains(5_000_000)
        );
    }

    fn opts() -> ImportOptions {
        ImportOptions {
            stamp_now: false,
            skip_expired: false,
            overwrite: false,
            concurrency: 1,
            rate: None,
            policy: RetryPolicy::default(),
            started: Utc::now(),
            deadline: None,
        }
    }

    fn validate_text(text: &str, o: &ImportOptions) -> Validation {
        let mut r = LineReader::new(Box::new(io::Cursor::new(text.as_bytes().to_vec())), "t");
        validate(&mut r, o).unwrap()
    }

    #[test]
    fn expired_events_are_counted_and_skipped_on_request() {
        let text = "{\"user_id\":\"u\",\"event_type\":\"t\",\"timestamp\":\"2000-01-01T00:00:00Z\"}\n\
                    {\"user_id\":\"u\",\"event_type\":\"t\",\"timestamp\":\"2999-01-01T00:00:00Z\"}\n";
        let v = validate_text(text, &opts());
        assert_eq!((v.valid, v.expired, v.to_write()), (2, 1, 2));
        let v = validate_text(
            text,
            &ImportOptions {
                skip_expired: true,
                ..opts()
            },
        );
        assert_eq!((v.valid, v.expired, v.to_write()), (2, 1, 1));
        assert_eq!(v.spool.as_ref().unwrap().records(), 1);
    }
}
