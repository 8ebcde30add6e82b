//! `events put|get|query|import`.

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
use crate::error::UsageError;
use crate::events::import::{self, ImportOptions};
use crate::events::input::{InputError, LineReader, read_stdin_capped};
use crate::events::keys::{Access, PageToken, format_ts, sort_key};
use crate::events::model::{Defaults, EventInput, item_to_json, item_ttl, parse_timestamp};
use crate::events::numbers::check_numbers;
use crate::events::query::{QueryError, QuerySpec};
use crate::events::writer::{PutError, RetryPolicy, put_event};
use crate::files;
use crate::output::stream::{Column, ItemStream};
use crate::report::{Report, Section, data_object};
use crate::safety;
use crate::spec::{self, PARTITION_KEY, SORT_KEY};

/// Human columns of events: header, field, width.
pub(crate) const EVENT_COLUMNS: &[Column] = &[
    ("TIMESTAMP", "timestamp", 27),
    ("TYPE", "event_type", 18),
    ("STATUS", "status", 10),
    ("EVENT ID", "event_id", 36),
    ("PAYLOAD", "payload", 0),
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
    let event = input
        .into_event(
            Defaults {
                now: Some(Utc::now()),
            },
            None,
        )
        .map_err(|e| UsageError::new(e.0))?;
    // Size is checked before any call.
    let item = event.to_checked_item().map_err(|e| UsageError::new(e.0))?;
    let data = PutData {
        event: item_to_json(&item),
        dry_run: args.dry_run,
        item_bytes: crate::events::size::item_size(&item),
    };
    let mut report = Report::action("events put");
    report.set_data(&data)?;
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

/// `events put`'s `data`: the item as stored, its size, and whether it was a dry run.
#[derive(Serialize)]
struct PutData {
    event: Value,
    dry_run: bool,
    item_bytes: usize,
}

/// `events get`'s `data`: the event, how it was found, and `expired` only when it is.
#[derive(Serialize)]
struct GetData {
    event: Value,
    found_by: String,
    expired: bool,
}

/// An event found by its key: a direct GetItem when its timestamp is given, else a search of
/// the user's events (at most `max_scan` read). Also says how it was found and how many events
/// were read. Shared by `events get` and `events delete`.
pub(crate) async fn find_event(
    ctx: &Context,
    key: &EventKeyArgs,
    consistent: bool,
    max_scan: usize,
) -> anyhow::Result<(Option<HashMap<String, AttributeValue>>, String, usize)> {
    let client = ctx.dynamodb().await?;
    let table = ctx.table();
    let mut found = None;
    let mut how = String::new();
    if let Some(ts) = key.timestamp.as_deref() {
        let ts = parse_timestamp(ts).map_err(|e| UsageError::new(format!("--timestamp: {e}")))?;
        let out = client
            .get_item()
            .table_name(table)
            .key(PARTITION_KEY, AttributeValue::S(key.user.clone()))
            .key(
                SORT_KEY,
                AttributeValue::S(sort_key(&format_ts(ts), &key.event_id)),
            )
            .consistent_read(consistent)
            .send()
            .await
            .aws("dynamodb", "GetItem", table_resource(table))?;
        found = out.item;
        how = "GetItem".into();
    }
    let mut searched = 0;
    if found.is_none() {
        // Unknown timestamp, or one written in another format: search the user's events.
        let mut spec = QuerySpec::new(&key.user, Access::Table, Utc::now().timestamp());
        spec.include_expired = true;
        spec.event_id = Some(key.event_id.clone());
        spec.limit = Some(1);
        spec.max_scanned = Some(max_scan);
        spec.consistent = consistent;
        spec.page_size = Some(1000);
        let mut hit = None;
        let outcome = crate::events::query::query(client, table, &spec, |item| {
            hit = Some(item.clone());
            Ok(false)
        })
        .await
        .map_err(query_error)?;
        searched = outcome.scanned;
        found = hit;
        how = format!("Query of the user's events ({searched} read)");
    }
    Ok((found, how, searched))
}

pub(crate) async fn get(ctx: &Context, args: &GetArgs) -> anyhow::Result<Report> {
    let table = ctx.table();
    let (found, how, searched) = find_event(ctx, &args.key, args.consistent, args.max_scan).await?;
    let Some(item) = found else {
        anyhow::bail!(
            "event {} of user {} not found in {table} (read {searched} of the user's events{})",
            args.key.event_id,
            args.key.user,
            if searched >= args.max_scan {
                "; raise --max-scan or give --timestamp"
            } else {
                ""
            }
        );
    };
    let expired_at = item_ttl(&item).filter(|t| *t <= Utc::now().timestamp());
    let data = GetData {
        event: item_to_json(&item),
        found_by: how,
        expired: expired_at.is_some(),
    };
    let mut report = Report::action("events get");
    report.section(Section::pairs("Event", event_pairs(&data.event)));
    report.set_data(&data)?;
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

pub(crate) async fn query(
    ctx: &Context,
    args: &QueryArgs,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let now = Utc::now();
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
            return Err(
                UsageError::new(format!("{flag} must be non-empty and hold no `#`")).into(),
            );
        }
    }
    let mut spec = QuerySpec::new(&args.user, access.clone(), now.timestamp());
    spec.since = args.since.map(|t| t.resolve(now));
    spec.until = args.until.map(|t| t.resolve(now));
    if let (Some(s), Some(u)) = (spec.since, spec.until)
        && s > u
    {
        return Err(UsageError::new("--since is after --until").into());
    }
    // --last N: the newest N, newest first.
    spec.limit = args.last.or(args.limit).map(|l| l as usize);
    spec.descending = args.desc || args.last.is_some();
    spec.include_expired = args.include_expired;
    spec.page_size = args.page_size;
    if let Some(t) = &args.page_token {
        let token = PageToken::decode(t).map_err(UsageError::new)?;
        spec.start = Some(
            token
                .start_key(&args.user, &access)
                .map_err(UsageError::new)?,
        );
    }

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
/// default name (the next free one if it exists). Checked before the first AWS call.
fn failed_out_path(args: &ImportArgs) -> Result<PathBuf, UsageError> {
    let inputs = [args.file.as_path()];
    match &args.failed_out {
        Some(path) => {
            files::check(
                &files::Output {
                    flag: "--failed-out",
                    path,
                    force: args.force,
                },
                &inputs,
            )?;
            Ok(path.clone())
        }
        None => {
            // Beside the input; where that directory cannot be written (a read-only share),
            // in the current directory.
            let beside = files::free_name(&default_failed_out(&args.file));
            let here = files::free_name(Path::new(STDIN_FAILED_OUT));
            let check = |path: &Path| {
                files::check(
                    &files::Output {
                        flag: "the failed-events file",
                        path,
                        force: false,
                    },
                    &inputs,
                )
            };
            match check(&beside) {
                Ok(()) => Ok(beside),
                Err(first) => check(&here).map(|()| here).map_err(|_| first),
            }
        }
    }
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
    let failed_out = if args.dry_run && args.failed_out.is_none() {
        PathBuf::new()
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
        if path != &default_failed_out(&args.file) && args.failed_out.is_none() {
            report.note(format!(
                "{} already existed, so this run's failed events went to the new file {}.",
                default_failed_out(&args.file).display(),
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

/// The failed-events file of an input that has no directory of its own.
const STDIN_FAILED_OUT: &str = "eventsctl-import.failed.ndjson";

/// FILE.failed.ndjson beside a regular file; for stdin, a FIFO or `<(...)`, which have no
/// directory of their own to write in, eventsctl-import.failed.ndjson here.
fn default_failed_out(input: &std::path::Path) -> PathBuf {
    let regular = std::fs::metadata(input).is_ok_and(|m| m.is_file());
    if input == std::path::Path::new("-") || !regular {
        PathBuf::from(STDIN_FAILED_OUT)
    } else {
        let mut name = input.as_os_str().to_owned();
        name.push(".failed.ndjson");
        PathBuf::from(name)
    }
}
