//! `events put|get|query|import`.

use crate::aws::ops;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context as _;
use aws_sdk_dynamodb::types::AttributeValue;
use chrono::Utc;
use serde::Serialize;
use serde_json::Value;

use super::Outcome;
use crate::aws::error::{AwsResultExt, table_resource};
use crate::cli::{EventKeyArgs, GetArgs, ImportArgs, PutArgs, QueryArgs};
use crate::context::Context;
use crate::error::{Refusal, UsageError};
use crate::events::import::{self, ImportOptions};
use crate::events::input::{InputError, LineReader, read_stdin_capped};
use crate::events::keys::{
    Access, Edge, MAX_SORT_KEY_BYTES, PageToken, QueryFlags, TokenQuery, check_event_id,
    check_user, format_ts, sort_key,
};
use crate::events::model::{
    Defaults, EventInput, item_to_json, item_ttl, parse_timestamp, ttl_expired,
};
use crate::events::numbers::check_numbers;
use crate::events::query::{QueryError, QuerySpec};
use crate::events::writer::{PutError, RetryPolicy, put_event};
use crate::files;
use crate::output::stream::{Column, ItemStream};
use crate::report::{Report, Section, data_object};
use crate::safety;
use crate::spec::{self, PARTITION_KEY, SORT_KEY};

/// Human columns of events: the timestamp and the event id are keys (whole, never cut: they
/// are what `events get --timestamp` and `--event-id` take).
pub(crate) const EVENT_COLUMNS: &[Column] = &[
    Column::key("TIMESTAMP", "timestamp", 27),
    Column::text("TYPE", "event_type", 18),
    Column::text("STATUS", "status", 10),
    Column::key("EVENT ID", "event_id", 36),
    Column::rest("PAYLOAD", "payload"),
];

fn json_object(flag: &str, text: &str) -> Result<Value, UsageError> {
    let v: Value = serde_json::from_str(text)
        .map_err(|e| UsageError::new(format!("{flag} is not valid JSON: {e}")))?;
    check_numbers(text).map_err(|e| UsageError::new(format!("{flag}: {e}")))?;
    if !v.is_object() {
        return Err(UsageError::new(format!(
            "{flag} must be a JSON object like {{\"k\": 1}}"
        )));
    }
    Ok(v)
}

pub(crate) fn event_pairs(v: &Value) -> Vec<(&'static str, String)> {
    let f = |k: &str| match v.get(k) {
        None | Some(Value::Null) => "-".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    let ttl = v.get("ttl").and_then(Value::as_i64);
    let ttl_text = match ttl.and_then(|t| chrono::DateTime::from_timestamp(t, 0)) {
        Some(t) => format!("{} ({})", f("ttl"), crate::times::stamp(t)),
        None => f("ttl"),
    };
    let mut pairs = vec![
        ("user_id", f("user_id")),
        ("event_id", f("event_id")),
        ("event_type", f("event_type")),
        ("status", f("status")),
        ("timestamp", f("timestamp")),
        ("ttl", ttl_text),
        ("retry_count", f("retry_count")),
        ("payload", f("payload")),
        ("metadata", f("metadata")),
    ];
    // Attributes another writer added are shown too (a binary one as {"$binary": base64}).
    let known: Vec<&str> = pairs.iter().map(|(k, _)| *k).collect();
    let extra: Vec<String> = v
        .as_object()
        .map(|m| {
            m.iter()
                .filter(|(k, _)| !known.contains(&k.as_str()))
                .map(|(k, v)| format!("{k}={v}"))
                .collect()
        })
        .unwrap_or_default();
    if !extra.is_empty() {
        pairs.push(("other attributes", extra.join(", ")));
    }
    pairs
}

pub(crate) async fn put(ctx: &Context, args: &PutArgs) -> anyhow::Result<Report> {
    safety::guard_write(&ctx.names, "events put", args.yes, args.dry_run)?;
    let input = match &args.json {
        Some(text) => {
            let text = if text == "-" {
                // At most 1 MiB: `< /dev/zero` is one line, not an endless read.
                read_stdin_capped("events put --json -")
                    .map_err(|e| UsageError::new(e.to_string()))?
            } else {
                text.clone()
            };
            EventInput::parse(text.trim())
                .map_err(|e| UsageError::new(format!("--json: {e}")))?
                .0
        }
        None => EventInput {
            user_id: args.user.clone().unwrap_or_default(),
            event_type: args.event_type.clone().unwrap_or_default(),
            event_id: args.event_id.clone(),
            status: args.status.clone(),
            timestamp: args.timestamp.clone(),
            payload: args
                .payload
                .as_deref()
                .map(|p| json_object("--payload", p))
                .transpose()?,
            metadata: args
                .metadata
                .as_deref()
                .map(|p| json_object("--metadata", p))
                .transpose()?,
            ..EventInput::default()
        },
    };
    let now = Utc::now();
    let event = input
        .into_event(Defaults { now: Some(now) }, None)
        .map_err(|e| UsageError::new(e.0))?;
    // Size is checked before any call.
    let item = event.to_checked_item().map_err(|e| UsageError::new(e.0))?;
    let data = PutData {
        event: item_to_json(&item),
        dry_run: args.dry_run,
        item_bytes: crate::events::size::item_size(&item),
        expired: ttl_expired(event.ttl, now.timestamp()),
    };
    let mut report = Report::action("events put");
    report.set_data(&data)?;
    if data.expired {
        // As an import says of its expired events: written, but TTL may take it at once.
        report.note(format!(
            "This event is already past its ttl ({}): DynamoDB may delete it at any time after it is written (typically within 48 h). A later timestamp (or ttl) keeps it.",
            chrono::DateTime::from_timestamp(event.ttl, 0)
                .map(crate::times::stamp)
                .unwrap_or_else(|| event.ttl.to_string())
        ));
    }
    if args.dry_run {
        report.section(Section::pairs(
            "Would write (dry run)",
            event_pairs(&data.event),
        ));
        return Ok(report);
    }
    let client = ctx.dynamodb().await?;
    match put_event(client, ctx.table(), &event).await {
        Ok(()) => {}
        Err(PutError::Invalid(e)) => return Err(UsageError::new(e.0).into()),
        Err(e) => return Err(e.into()),
    }
    report.section(Section::pairs("Stored", event_pairs(&data.event)));
    Ok(report)
}

/// `events put`'s `data`: the item as stored, its size, whether it was a dry run and whether
/// its ttl had already passed.
#[derive(Serialize)]
struct PutData {
    event: Value,
    dry_run: bool,
    item_bytes: usize,
    expired: bool,
}

/// `events get`'s `data`: the event, how it was found, and whether its ttl has passed.
#[derive(Serialize)]
struct GetData {
    event: Value,
    found_by: String,
    expired: bool,
}

/// An event found by its key ([`find_event`]).
pub(crate) struct Found {
    pub item: Option<HashMap<String, AttributeValue>>,
    /// How: `GetItem`, or a Query of the user's events and how many it read.
    pub how: String,
    /// The user's events read by the search (0 for a direct GetItem).
    pub searched: usize,
    /// The search stopped at its bound with more of the user's events unread: another event
    /// with this id may exist beyond it.
    pub partial: bool,
}

/// At most this many events sharing an id are listed when an id is ambiguous.
const SHOWN_SAME_ID: usize = 5;

/// An event found by its key: a direct GetItem when its timestamp is given, else a search of
/// the user's events (at most `max_scan` read). The key is checked against DynamoDB's limits
/// before any call. An id that two of the user's events share is refused, naming their
/// timestamps: which one was meant is the caller's to say (`--timestamp`). Shared by `events
/// get` and `events delete`.
pub(crate) async fn find_event(
    ctx: &Context,
    key: &EventKeyArgs,
    consistent: bool,
    max_scan: usize,
) -> anyhow::Result<Found> {
    check_user("--user", &key.user).map_err(UsageError::new)?;
    check_event_id("--event-id", &key.event_id).map_err(UsageError::new)?;
    let ts = key
        .timestamp
        .as_deref()
        .map(|t| parse_timestamp(t).map_err(|e| UsageError::new(format!("--timestamp: {e}"))))
        .transpose()?;
    let client = ctx.dynamodb().await?;
    let table = ctx.table();
    if let Some(ts) = ts {
        let sk = sort_key(&format_ts(ts), &key.event_id);
        // A key over the limit cannot be ours; another writer's shorter timestamp form can
        // still hold the id, which the search below finds.
        if sk.len() <= MAX_SORT_KEY_BYTES {
            let out = client
                .get_item()
                .table_name(table)
                .key(PARTITION_KEY, AttributeValue::S(key.user.clone()))
                .key(SORT_KEY, AttributeValue::S(sk))
                .consistent_read(consistent)
                .send()
                .await
                .aws(&ops::GET_ITEM, table_resource(table))?;
            if out.item.is_some() {
                return Ok(Found {
                    item: out.item,
                    how: "GetItem".into(),
                    searched: 0,
                    partial: false,
                });
            }
        }
    }
    // Unknown timestamp, or one written in another format: search the user's events, all of
    // them up to the bound, so that a second event with the same id is seen.
    let mut spec = QuerySpec::new(&key.user, Access::Table, Utc::now().timestamp());
    spec.include_expired = true;
    spec.event_id = Some(key.event_id.clone());
    spec.max_scanned = Some(max_scan);
    spec.consistent = consistent;
    spec.page_size = Some(1000);
    let mut hits = Vec::new();
    let outcome = crate::events::query::query(client, table, &spec, |item| {
        hits.push(item.clone());
        Ok(hits.len() <= SHOWN_SAME_ID)
    })
    .await
    .map_err(query_error)?;
    if hits.len() > 1 {
        return Err(same_id(key, &hits).into());
    }
    Ok(Found {
        item: hits.pop(),
        how: format!("Query of the user's events ({} read)", outcome.scanned),
        searched: outcome.scanned,
        partial: outcome.truncated,
    })
}

/// The refusal when several of the user's events share the id: their timestamps, one line.
fn same_id(key: &EventKeyArgs, hits: &[HashMap<String, AttributeValue>]) -> Refusal {
    let stamps: Vec<String> = hits
        .iter()
        .take(SHOWN_SAME_ID)
        .map(|item| {
            item.get("timestamp")
                .and_then(|v| v.as_s().ok())
                .cloned()
                .unwrap_or_else(|| "?".into())
        })
        .collect();
    let count = if hits.len() > SHOWN_SAME_ID {
        format!("more than {SHOWN_SAME_ID}")
    } else {
        hits.len().to_string()
    };
    Refusal::new(format!(
        "{count} events of user {} have event id {} (timestamps {}): give --timestamp to choose one; nothing was done",
        key.user,
        key.event_id,
        stamps.join(", ")
    ))
}

pub(crate) async fn get(ctx: &Context, args: &GetArgs) -> anyhow::Result<Report> {
    let table = ctx.table();
    let found = find_event(ctx, &args.key, args.consistent, args.max_scan).await?;
    let Some(item) = found.item else {
        anyhow::bail!(
            "event {} of user {} not found in {table} (read {} of the user's events{})",
            args.key.event_id,
            args.key.user,
            found.searched,
            if found.partial {
                "; raise --max-scan or give --timestamp"
            } else {
                ""
            }
        );
    };
    let expired_at = item_ttl(&item).filter(|t| ttl_expired(*t, Utc::now().timestamp()));
    let data = GetData {
        event: item_to_json(&item),
        found_by: found.how,
        expired: expired_at.is_some(),
    };
    let mut report = Report::action("events get");
    report.section(Section::pairs("Event", event_pairs(&data.event)));
    report.set_data(&data)?;
    if found.partial {
        report.note(format!(
            "The search read {} of the user's events, not all of them: another event with this id may exist beyond them (--max-scan reads more; --timestamp names one).",
            found.searched
        ));
    }
    if let Some(ttl) = expired_at {
        report.note(format!(
            "This event expired at {} and awaits DynamoDB's background delete (typically within 48 h, no guaranteed bound).",
            chrono::DateTime::from_timestamp(ttl, 0).map(crate::times::stamp).unwrap_or_default()
        ));
    }
    Ok(report)
}

fn query_error(e: QueryError) -> anyhow::Error {
    match e {
        QueryError::Aws(e) => e.into(),
        QueryError::Sink(e) => e.into(),
    }
}

/// What `events query` reads: its access path and its query, checked before any call; with a
/// page token, the window and order of the query's first page.
fn query_spec(
    args: &QueryArgs,
    now: chrono::DateTime<Utc>,
) -> Result<(Access, QuerySpec), UsageError> {
    let access = match (&args.event_type, &args.status) {
        (Some(t), _) => Access::Type(t.clone()),
        (None, Some(s)) => Access::Status(s.clone()),
        (None, None) => Access::Table,
    };
    for (flag, value) in [("--type", &args.event_type), ("--status", &args.status)] {
        if value
            .as_deref()
            .is_some_and(|v| v.contains('#') || v.is_empty())
        {
            return Err(UsageError::new(format!(
                "{flag} must be non-empty and hold no `#`"
            )));
        }
    }
    check_user("--user", &args.user).map_err(UsageError::new)?;
    let mut spec = QuerySpec::new(&args.user, access.clone(), now.timestamp());
    // --last N: the newest N, newest first.
    spec.limit = args.last.or(args.limit).map(|l| l as usize);
    spec.descending = args.desc || args.last.is_some();
    spec.include_expired = args.include_expired;
    spec.page_size = args.page_size;
    match &args.page_token {
        // The next page reads the window of the first, as resolved then: `--since 1h` given
        // again resolves to another instant, whose key condition the token's start key would
        // not match.
        Some(t) => {
            let token = PageToken::decode(t).map_err(UsageError::new)?;
            let resumed = token
                .resume(&QueryFlags {
                    user: &args.user,
                    access: &access,
                    since: args.since,
                    until: args.until,
                    descending: spec.descending,
                })
                .map_err(UsageError::new)?;
            spec.since = resumed.since;
            spec.until = resumed.until;
            spec.start = Some(resumed.start);
            spec.token = token.q;
        }
        None => {
            spec.since = args.since.map(|t| t.resolve(now));
            spec.until = args.until.map(|t| t.resolve(now));
            spec.token = TokenQuery {
                a: args.event_type.clone().or_else(|| args.status.clone()),
                s: args.since.zip(spec.since).map(|(a, t)| Edge::new(a, t)),
                u: args.until.zip(spec.until).map(|(a, t)| Edge::new(a, t)),
                d: spec.descending,
            };
        }
    }
    if let (Some(s), Some(u)) = (spec.since, spec.until)
        && s > u
    {
        return Err(UsageError::new("--since is after --until"));
    }
    access
        .check_bounds(spec.since, spec.until)
        .map_err(UsageError::new)?;
    Ok((access, spec))
}

pub(crate) async fn query(
    ctx: &Context,
    args: &QueryArgs,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let (access, spec) = query_spec(args, Utc::now())?;
    let client = ctx.dynamodb().await?;
    let rc = ctx.render_context(None);
    let mut stream = ItemStream::begin(ctx.output.format, "events query", &rc, EVENT_COLUMNS, out)?;
    let started = Instant::now();
    let outcome = crate::events::query::query(client, ctx.table(), &spec, |item| {
        stream.item(&item_to_json(item))?;
        Ok(true)
    })
    .await
    .map_err(query_error)?;
    let data = QueryData {
        count: outcome.returned,
        next_page_token: outcome.next.as_ref().map(PageToken::encode),
        index: access.index_name(),
        scanned: outcome.scanned,
        pages: outcome.pages,
        hidden_expired: outcome.hidden_expired,
        elapsed_ms: started.elapsed().as_millis() as u64,
    };
    let mut human = vec![format!(
        "{} events{}{}",
        data.count,
        data.index.map(|i| format!(" via {i}")).unwrap_or_default(),
        if data.hidden_expired > 0 {
            format!(
                "; {} expired events hidden (--include-expired shows them)",
                data.hidden_expired
            )
        } else {
            String::new()
        }
    )];
    if let Some(t) = &data.next_page_token {
        human.push(format!("next page: --page-token {t}"));
    }
    // NDJSON is items only; the token goes where a person sees it and a pipe does not.
    if ctx.output.format == crate::output::Format::Ndjson
        && !ctx.output.quiet
        && let Some(t) = &data.next_page_token
    {
        stream.notice(&format!("next page: --page-token {t}"));
    }
    let data = Value::Object(data_object("events query", &data)?);
    stream.end("ok", data, &human)?;
    Ok(Outcome::Streamed { failed: false })
}

/// `events query`'s `data`, closing the stream of items.
#[derive(Serialize)]
struct QueryData {
    count: usize,
    next_page_token: Option<String>,
    index: Option<&'static str>,
    scanned: usize,
    pages: usize,
    hidden_expired: usize,
    elapsed_ms: u64,
}

/// Rows of a problems table (the first 200; JSON has the first 1,000; all are counted).
fn problem_rows(problems: &import::Problems) -> Vec<Vec<String>> {
    problems
        .iter()
        .take(200)
        .map(|p| vec![p.line.to_string(), p.reason])
        .collect()
}

fn shown(problems: &import::Problems) -> String {
    if problems.total() > 200 {
        format!(
            "{}; the first 200 shown, -o json lists the first {}",
            problems.total(),
            import::KEPT_PROBLEMS
        )
    } else {
        problems.total().to_string()
    }
}

/// Where the events that did not land go: `--failed-out` under the output-file rule, or the
/// default name in the private state directory (`files::state_dir`: the file holds whole
/// payloads), the next free one if it exists. Checked before the first AWS call. Also returns
/// the default name itself, when the default was used, for the report.
fn failed_out_path(args: &ImportArgs) -> Result<(PathBuf, Option<PathBuf>), UsageError> {
    let inputs = [args.file.as_path()];
    if let Some(path) = &args.failed_out {
        files::check(
            &files::Output {
                flag: "--failed-out",
                path,
                force: args.force,
            },
            &inputs,
        )?;
        return Ok((path.clone(), None));
    }
    let dir = files::state_dir().map_err(|e| {
        UsageError::new(format!(
            "the failed-events file goes to the private state directory, which cannot be used ({e}); give --failed-out FILE"
        ))
    })?;
    let default = dir.join(default_failed_name(&args.file));
    let path = files::free_name(&default);
    files::check(
        &files::Output {
            flag: "the failed-events file",
            path: &path,
            force: false,
        },
        &inputs,
    )?;
    Ok((path, Some(default)))
}

pub(crate) async fn import(ctx: &Context, args: &ImportArgs) -> anyhow::Result<Report> {
    safety::guard_write(&ctx.names, "events import", args.yes, args.dry_run)?;
    let started_at = Utc::now();
    let started = Instant::now();
    let opts = ImportOptions {
        stamp_now: args.stamp_now,
        skip_expired: args.skip_expired,
        overwrite: args.overwrite,
        concurrency: usize::from(args.concurrency),
        rate: args.rate,
        policy: RetryPolicy {
            max_attempts: args.max_attempts,
            ..RetryPolicy::default()
        },
        started: started_at,
        deadline: ctx.deadline().map(tokio::time::Instant::from_std),
    };
    let mut input = LineReader::open(&args.file).map_err(|e| UsageError::new(e.to_string()))?;
    // A dry run writes no file, but an explicit --failed-out is still checked.
    let (failed_out, default_failed_out) = if args.dry_run && args.failed_out.is_none() {
        (PathBuf::new(), None)
    } else {
        failed_out_path(args)?
    };
    let spinner = ctx.progress().spinner("validating");
    let validation = match import::validate(&mut input, &opts) {
        Ok(v) => v,
        Err(e @ (InputError::LineTooLong { .. } | InputError::NothingArrived(_))) => {
            return Err(UsageError::new(e.to_string()).into());
        }
        Err(e) => return Err(e.into()),
    };
    spinner.finish_and_clear();

    let mut report = Report::action("events import");
    let mut data = ImportData {
        read: validation.read,
        valid: validation.valid,
        bytes: validation.bytes,
        invalid: &validation.invalid,
        invalid_count: validation.invalid.total(),
        duplicates: &validation.duplicates,
        duplicate_count: validation.duplicates.total(),
        expired: validation.expired,
        dry_run: args.dry_run,
        written: 0,
        empty_input: false,
        run: None,
    };
    if !validation.invalid.is_empty() {
        report.section(Section::table(
            format!("Invalid lines ({})", shown(&validation.invalid)),
            &["LINE", "REASON"],
            problem_rows(&validation.invalid),
        ));
    }
    if validation.stamped > 0 {
        report.note(format!(
            "{} lines had no timestamp and were stamped {}: importing this file again writes them again (not idempotent for those lines).",
            validation.stamped,
            format_ts(started_at)
        ));
    }
    if !validation.duplicates.is_empty() {
        report.note(format!(
            "{} lines repeat an earlier line's event and are written once.",
            validation.duplicates.total()
        ));
    }
    if validation.expired > 0 {
        report.note(if args.skip_expired {
            format!(
                "{} events were already past their ttl and were left out (--skip-expired).",
                validation.expired
            )
        } else {
            format!(
                "{} events are already past their ttl: DynamoDB may delete them at any time after they are written (typically within 48 h). --skip-expired leaves them out.",
                validation.expired
            )
        });
    }
    if !validation.invalid.is_empty() && !args.skip_invalid {
        report.failed = true;
        report.set_data(&data)?;
        report.note(format!(
            "Nothing was written: {} of {} lines are invalid. Fix them, or pass --skip-invalid to write the valid ones.",
            validation.invalid.total(),
            validation.read
        ));
        return Ok(report);
    }
    if validation.read == 0 {
        // Nothing to do is success; nothing arriving (a closed stdin) was refused above.
        data.empty_input = true;
        report.set_data(&data)?;
        report.section(Section::pairs(
            "Import",
            vec![(
                "read",
                "0 events: the input is empty, nothing to do".to_owned(),
            )],
        ));
        return Ok(report);
    }
    if args.dry_run {
        report.set_data(&data)?;
        report.section(Section::pairs(
            "Import (dry run, nothing written)",
            vec![
                ("read", validation.read.to_string()),
                ("would write", validation.to_write().to_string()),
                (
                    "would skip",
                    (validation.invalid.total()
                        + validation.duplicates.total()
                        + validation.expired_skipped)
                        .to_string(),
                ),
            ],
        ));
        return Ok(report);
    }

    let client = ctx.dynamodb_bulk().await?;
    let bar = ctx
        .progress()
        .bar(Some(validation.to_write() as u64), "importing");
    let summary = import::write(
        client,
        ctx.table(),
        &validation,
        &opts,
        &failed_out,
        args.force,
        &bar,
        ctx.calls(),
        super::interrupted(),
    )
    .await
    .with_context(|| format!("importing {}", args.file.display()))?;
    bar.finish_and_clear();
    let elapsed = started.elapsed();
    let skipped =
        validation.invalid.total() + validation.duplicates.total() + validation.expired_skipped;
    report.failed =
        !summary.failed.is_empty() || !summary.conflicts.is_empty() || summary.stopped.is_some();
    let rate = summary.written as f64 / elapsed.as_secs_f64().max(0.001);
    data.written = summary.written;
    let run = ImportRun {
        already_present: summary.present,
        conflicts: summary.conflicts.total(),
        conflict_lines: &summary.conflicts,
        skipped,
        failed: summary.failed.total(),
        failed_lines: &summary.failed,
        retried: summary.retries,
        unprocessed: summary.unprocessed,
        throttled: summary.throttled,
        overwrite: args.overwrite,
        stopped: summary.stopped.as_ref().map(|s| s.to_string()),
        failed_out: summary.failed_out.as_ref().map(|p| p.display().to_string()),
        elapsed_ms: elapsed.as_millis() as u64,
        items_per_second: (rate * 10.0).round() / 10.0,
    };
    report.section(Section::pairs(
        "Import",
        vec![
            ("read", data.read.to_string()),
            ("written", data.written.to_string()),
            (
                if run.overwrite {
                    "already present (not checked: --overwrite)"
                } else {
                    "already present (identical)"
                },
                run.already_present.to_string(),
            ),
            (
                "conflicts (differ, not replaced)",
                run.conflicts.to_string(),
            ),
            ("skipped", run.skipped.to_string()),
            ("failed", run.failed.to_string()),
            ("retried batches", run.retried.to_string()),
            ("unprocessed items retried", run.unprocessed.to_string()),
            ("throttled calls", run.throttled.to_string()),
            (
                "rate",
                format!(
                    "{rate:.0} events/s over {}",
                    crate::times::human(chrono::Duration::from_std(elapsed).unwrap_or_default())
                ),
            ),
        ],
    ));
    if !summary.conflicts.is_empty() {
        report.section(Section::table(
            format!(
                "Not replaced: stored events that differ ({})",
                shown(&summary.conflicts)
            ),
            &["LINE", "REASON"],
            problem_rows(&summary.conflicts),
        ));
        report.note(format!(
            "{} events differ from what is stored (the application may have moved them on) and were left as they are; --overwrite replaces them.",
            summary.conflicts.total()
        ));
    }
    if let Some(stop) = &summary.stopped {
        report.note(format!("The import stopped early: {stop}."));
    }
    if let Some(path) = &summary.failed_out {
        report.section(Section::table(
            format!("Did not land ({})", shown(&summary.failed)),
            &["LINE", "REASON"],
            problem_rows(&summary.failed),
        ));
        report.note(format!(
            "{} events did not land; they are in {}. Import that file to land exactly them: eventsctl events import {}",
            summary.failed.total(),
            path.display(),
            path.display()
        ));
        if let Some(default) = default_failed_out.as_ref().filter(|d| *d != path) {
            report.note(format!(
                "{} already existed, so this run's failed events went to the new file {}.",
                default.display(),
                path.display()
            ));
        }
    }
    data.run = Some(run);
    report.set_data(&data)?;
    report.correct(spec::corrections::item_size());
    Ok(report)
}

/// `events import`'s `data`: what validation found, and with `run` what the write did.
#[derive(Serialize)]
struct ImportData<'a> {
    read: usize,
    valid: usize,
    bytes: u64,
    invalid: &'a import::Problems,
    invalid_count: usize,
    duplicates: &'a import::Problems,
    duplicate_count: usize,
    expired: usize,
    dry_run: bool,
    written: u64,
    /// Only when the input held no events.
    empty_input: bool,
    #[serde(flatten)]
    run: Option<ImportRun<'a>>,
}

/// What the write of an import did (absent when nothing was written: invalid lines, an empty
/// input, a dry run).
#[derive(Serialize)]
struct ImportRun<'a> {
    already_present: u64,
    conflicts: usize,
    conflict_lines: &'a import::Problems,
    skipped: usize,
    failed: usize,
    failed_lines: &'a import::Problems,
    retried: u64,
    unprocessed: u64,
    throttled: u64,
    overwrite: bool,
    stopped: Option<String>,
    failed_out: Option<String>,
    elapsed_ms: u64,
    items_per_second: f64,
}

/// The failed-events file of an input that has no name of its own.
const STDIN_FAILED_OUT: &str = "eventsctl-import.failed.ndjson";

/// The default name of the failed-events file (in the state directory): `NAME.failed.ndjson`
/// for a regular file named NAME; for stdin, a FIFO or `<(...)`, which have no name worth
/// keeping, `eventsctl-import.failed.ndjson`.
fn default_failed_name(input: &Path) -> PathBuf {
    let regular = std::fs::metadata(input).is_ok_and(|m| m.is_file());
    match input.file_name() {
        Some(name) if regular && input != Path::new("-") => {
            let mut name = name.to_owned();
            name.push(".failed.ndjson");
            PathBuf::from(name)
        }
        _ => PathBuf::from(STDIN_FAILED_OUT),
    }
}
