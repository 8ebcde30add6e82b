//! `events import`: NDJSON in, every event written once, nothing lost without a trace.
//!
//! Two passes over the input (stdin is spooled to a temporary file first, so memory stays flat):
//! the first validates every line and finds duplicate keys, the second writes batches of 25 with
//! bounded concurrency. Lines without an `event_id` get one derived from their content, so an
//! import run again after a crash overwrites the same items instead of adding new ones.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::{self, BufRead, BufReader, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use aws_sdk_dynamodb::Client;
use chrono::{DateTime, Utc};
use futures::StreamExt;
use indicatif::ProgressBar;
use serde::Serialize;

use super::model::{Defaults, Event, EventInput};
use super::writer::{
    BATCH_SIZE, Failed, Pending, RateLimiter, RetryPolicy, WriteStats, write_batch,
};

/// A line that cannot be imported.
#[derive(Debug, Clone, Serialize)]
pub struct LineProblem {
    pub line: usize,
    pub reason: String,
}

/// What the validation pass found.
#[derive(Debug, Default, Serialize)]
pub struct Validation {
    /// Non-blank lines.
    pub read: usize,
    pub valid: usize,
    pub blank: usize,
    pub invalid: Vec<LineProblem>,
    /// Lines whose event is the same as an earlier line's (same key, same content): written once.
    pub duplicates: Vec<LineProblem>,
    /// Lines stamped with the import's start time (`--stamp-now`).
    pub stamped: usize,
}

impl Validation {
    fn skip_lines(&self) -> std::collections::HashSet<usize> {
        self.invalid
            .iter()
            .chain(&self.duplicates)
            .map(|p| p.line)
            .collect()
    }
}

#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub stamp_now: bool,
    pub concurrency: usize,
    pub rate: Option<f64>,
    pub policy: RetryPolicy,
    /// The import's start time: the stamp for lines without a timestamp.
    pub started: DateTime<Utc>,
}

/// The input, rewindable for two passes.
pub struct Input {
    file: File,
}

impl Input {
    /// A file, or `-` for stdin (spooled to an anonymous temporary file).
    pub fn open(path: &Path) -> io::Result<Input> {
        if path == Path::new("-") {
            let mut spool = tempfile::tempfile()?;
            io::copy(&mut io::stdin().lock(), &mut spool)?;
            spool.flush()?;
            return Ok(Input { file: spool });
        }
        Ok(Input {
            file: File::open(path)?,
        })
    }

    /// The lines from the start: `(line number, text or why it is not text)`.
    fn lines(&mut self) -> io::Result<Lines<'_>> {
        self.file.rewind()?;
        Ok(Lines {
            reader: BufReader::with_capacity(1 << 16, &self.file),
            buf: Vec::new(),
            n: 0,
        })
    }
}

/// Lines as bytes decoded one by one: a BOM on the first is dropped, CR/LF stripped, and a line
/// that is not UTF-8 is an error of that line only.
struct Lines<'a> {
    reader: BufReader<&'a File>,
    buf: Vec<u8>,
    n: usize,
}

impl Iterator for Lines<'_> {
    type Item = io::Result<(usize, Result<String, String>)>;

    fn next(&mut self) -> Option<Self::Item> {
        self.buf.clear();
        match self.reader.read_until(b'\n', &mut self.buf) {
            Err(e) => return Some(Err(e)),
            Ok(0) => return None,
            Ok(_) => {}
        }
        self.n += 1;
        let mut bytes: &[u8] = &self.buf;
        if self.n == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        while let Some(rest) = bytes
            .strip_suffix(b"\n")
            .or_else(|| bytes.strip_suffix(b"\r"))
        {
            bytes = rest;
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => Ok(t.to_owned()),
            Err(e) => Err(format!("not valid UTF-8 (byte {})", e.valid_up_to() + 1)),
        };
        Some(Ok((self.n, text)))
    }
}

fn parse_line(text: &str, opts: &ImportOptions) -> Result<(Event, bool), String> {
    let (input, canonical) = EventInput::parse(text).map_err(|e| e.0)?;
    let stamped = input.timestamp.is_none();
    let defaults = Defaults {
        now: opts.stamp_now.then_some(opts.started),
    };
    let event = input
        .into_event(defaults, Some(&canonical))
        .map_err(|e| e.0)?;
    Ok((event, stamped && opts.stamp_now))
}

fn hash128(parts: &[&str]) -> u128 {
    let mut a = DefaultHasher::new();
    let mut b = DefaultHasher::new();
    0xA5u8.hash(&mut b);
    for p in parts {
        p.hash(&mut a);
        p.hash(&mut b);
    }
    (u128::from(a.finish()) << 64) | u128::from(b.finish())
}

/// Pass one: every line parsed, validated and sized; duplicate keys found.
pub fn validate(input: &mut Input, opts: &ImportOptions) -> io::Result<Validation> {
    let mut v = Validation::default();
    // key hash -> (first line, content hash); 32 bytes a line, not the line itself.
    let mut seen: HashMap<u128, (usize, u128)> = HashMap::new();
    for line in input.lines()? {
        let (n, text) = line?;
        let text = match text {
            Err(reason) => {
                v.read += 1;
                v.invalid.push(LineProblem { line: n, reason });
                continue;
            }
            Ok(t) if t.trim().is_empty() => {
                v.blank += 1;
                continue;
            }
            Ok(t) => t,
        };
        v.read += 1;
        let checked = parse_line(&text, opts).and_then(|(event, stamped)| {
            event
                .to_checked_item()
                .map(|_| (event, stamped))
                .map_err(|e| e.0)
        });
        match checked {
            Err(reason) => v.invalid.push(LineProblem { line: n, reason }),
            Ok((event, stamped)) => {
                let key = hash128(&[&event.user_id, &event.sort_key()]);
                let mut canonical = String::new();
                super::model::write_canonical(
                    &serde_json::to_value(&event).unwrap_or_default(),
                    &mut canonical,
                );
                let content = hash128(&[&canonical]);
                match seen.get(&key) {
                    Some((first, c)) if *c == content => v.duplicates.push(LineProblem {
                        line: n,
                        reason: format!("same event as line {first}; written once"),
                    }),
                    Some((first, _)) => v.invalid.push(LineProblem {
                        line: n,
                        reason: format!(
                            "same key as line {first} (user {} / {}) with different content; one would overwrite the other",
                            event.user_id,
                            event.sort_key()
                        ),
                    }),
                    None => {
                        seen.insert(key, (n, content));
                        v.valid += 1;
                        if stamped {
                            v.stamped += 1;
                        }
                    }
                }
            }
        }
    }
    Ok(v)
}

/// What the write pass did.
#[derive(Debug, Default, Serialize)]
pub struct WriteSummary {
    pub written: u64,
    pub failed: Vec<LineProblem>,
    pub retries: u64,
    pub unprocessed: u64,
    pub throttled: u64,
    pub failed_out: Option<PathBuf>,
}

/// Pass two: the valid lines, in batches of 25, `concurrency` batches in flight.
pub async fn write(
    client: &Client,
    table: &str,
    input: &mut Input,
    validation: &Validation,
    opts: &ImportOptions,
    failed_out: &Path,
    progress: &ProgressBar,
) -> io::Result<WriteSummary> {
    let skip = validation.skip_lines();
    let stats = Arc::new(WriteStats::default());
    let limiter = opts.rate.map(RateLimiter::new);
    let mut failures: Vec<Failed> = Vec::new();
    let mut failed_writer = FailedWriter::new(failed_out);

    // Lines are read lazily as batches are needed: at most `concurrency` batches are in memory.
    let mut lines = input.lines()?;
    let batches = std::iter::from_fn(move || {
        let mut batch = Vec::with_capacity(BATCH_SIZE);
        for line in lines.by_ref() {
            let (n, text) = match line {
                Ok(l) => l,
                Err(e) => return Some(Err(e)),
            };
            let Ok(text) = text else { continue };
            if text.trim().is_empty() || skip.contains(&n) {
                continue;
            }
            let parsed = parse_line(&text, opts).and_then(|(event, _)| {
                event
                    .to_checked_item()
                    .map(|item| (event, item))
                    .map_err(|e| e.0)
            });
            match parsed {
                Ok((event, item)) => batch.push(Pending {
                    line: n,
                    event,
                    item,
                }),
                Err(reason) => {
                    return Some(Err(io::Error::other(format!(
                        "line {n} changed since it was validated ({reason}); was the file modified during the import?"
                    ))));
                }
            }
            if batch.len() == BATCH_SIZE {
                break;
            }
        }
        (!batch.is_empty()).then_some(Ok(batch))
    });
    let results = futures::stream::iter(batches)
        .map(|batch| {
            let stats = Arc::clone(&stats);
            let limiter = limiter.as_ref();
            async move {
                let batch = batch?;
                if let Some(l) = limiter {
                    l.acquire(batch.len() as u32).await;
                }
                let n = batch.len() as u64;
                let failed = write_batch(client, table, batch, opts.policy, &stats).await;
                Ok::<_, io::Error>((n - failed.len() as u64, failed))
            }
        })
        .buffer_unordered(opts.concurrency.max(1));
    futures::pin_mut!(results);
    while let Some(result) = results.next().await {
        let (landed, failed) = result?;
        progress.inc(landed + failed.len() as u64);
        for f in &failed {
            failed_writer.write(&f.pending.event)?;
        }
        failures.extend(failed);
    }
    Ok(WriteSummary {
        written: stats.written.load(Ordering::Relaxed),
        failed: failures
            .iter()
            .map(|f| LineProblem {
                line: f.pending.line,
                reason: f.reason.clone(),
            })
            .collect(),
        retries: stats.retries.load(Ordering::Relaxed),
        unprocessed: stats.unprocessed.load(Ordering::Relaxed),
        throttled: stats.throttled.load(Ordering::Relaxed),
        failed_out: failed_writer.finish()?,
    })
}

/// Writes the events that did not land as NDJSON with their `event_id` and `timestamp`, so
/// importing that file lands exactly what was missing. Created only if something failed.
struct FailedWriter {
    path: PathBuf,
    file: Option<io::BufWriter<File>>,
}

impl FailedWriter {
    fn new(path: &Path) -> FailedWriter {
        FailedWriter {
            path: path.to_owned(),
            file: None,
        }
    }

    fn write(&mut self, event: &Event) -> io::Result<()> {
        if self.file.is_none() {
            self.file = Some(io::BufWriter::new(File::create(&self.path)?));
        }
        let f = self.file.as_mut().expect("just created");
        serde_json::to_writer(&mut *f, event)?;
        f.write_all(b"\n")
    }

    fn finish(self) -> io::Result<Option<PathBuf>> {
        match self.file {
            Some(mut f) => {
                f.flush()?;
                Ok(Some(self.path))
            }
            None => Ok(None),
        }
    }
}
