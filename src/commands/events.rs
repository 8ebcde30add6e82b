//! `events put|get|query` (`import`: `events_import`, `delete`: `events_delete`).

use crate::events::model::Item;
use std::io::Write;
use std::time::Instant;

use aws_sdk_dynamodb::types::AttributeValue;
use chrono::Utc;
use serde::Serialize;
use serde_json::Value;

use super::Outcome;
use super::data_schema::shape;
use super::registry::{Kind, Leaf, Limit, Production};
use crate::cli::{Command, EventsCommand};
use crate::cli::{EventKeyArgs, GetArgs, PutArgs, QueryArgs};
use crate::context::Context;
use crate::error::{NotFound, Refusal, UsageError};
use crate::events::input::read_stdin_capped;
use crate::events::keys::{
    Access, Edge, MAX_SORT_KEY_BYTES, PageToken, QueryFlags, TokenQuery, check_event_id,
    check_user, format_ts, sort_key,
};
use crate::events::model::{
    Defaults, EventInput, item_ttl, parse_timestamp, stored_event_json, ttl_expired,
};
use crate::events::numbers::check_numbers;
use crate::events::query::{QueryError, QuerySpec};
use crate::events::writer::{PutError, put_event};
use crate::output::stream::{Column, ItemStream};
use crate::report::{Report, Section, data_object};
use crate::safety;
use crate::spec::{PARTITION_KEY, SORT_KEY};

pub(crate) static PUT: Leaf<PutArgs> = Leaf::new(
    "events put",
    Kind::Action,
    |c| match c {
        Command::Events(EventsCommand::Put(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(put(ctx, a).await?.into()) }),
)
.limit(Limit::Minutes(1))
.production(Production::NeedsYes { with: &[] })
.data(shape::<PutData>);

pub(crate) static GET: Leaf<GetArgs> = Leaf::new(
    "events get",
    Kind::Action,
    |c| match c {
        Command::Events(EventsCommand::Get(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(get(ctx, a).await?.into()) }),
)
.limit(Limit::Minutes(1))
.data(shape::<GetData>);

pub(crate) static QUERY: Leaf<QueryArgs> = Leaf::new(
    "events query",
    Kind::Action,
    |c| match c {
        Command::Events(EventsCommand::Query(a)) => Some(a),
        _ => None,
    },
    |ctx, a, out| Box::pin(query(ctx, a, out)),
)
.limit(Limit::Minutes(10))
.streams()
.data(shape::<QueryData>);

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
        event: stored_event_json(&item),
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
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "EventsPutData")]
pub(crate) struct PutData {
    /// The item as stored (`stored_event_json`): free-form, since an item holds whatever
    /// attributes its writer gave it (the payload and metadata are the writer's own JSON).
    #[schemars(with = "serde_json::Map<String, Value>")]
    event: Value,
    dry_run: bool,
    /// The item's size as DynamoDB counts it (attribute names and values), in bytes.
    item_bytes: usize,
    /// Its `ttl` had already passed: TTL may delete it at any time.
    expired: bool,
}

/// `events get`'s `data`: the event, how it was found, and whether its ttl has passed.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "EventsGetData")]
pub(crate) struct GetData {
    /// The item as stored (`stored_event_json`): free-form, since an item holds whatever
    /// attributes its writer gave it (the payload and metadata are the writer's own JSON).
    #[schemars(with = "serde_json::Map<String, Value>")]
    event: Value,
    /// How it was found: `GetItem`, or a Query of the user's events and how many it read.
    found_by: String,
    /// Its `ttl` has passed: it awaits DynamoDB's background delete.
    expired: bool,
}

/// An event found by its key ([`find_event`]).
pub(crate) struct Found {
    pub item: Option<Item>,
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
            let key = Item::from([
                (
                    PARTITION_KEY.to_owned(),
                    AttributeValue::S(key.user.clone()),
                ),
                (SORT_KEY.to_owned(), AttributeValue::S(sk)),
            ]);
            let item = crate::aws::items::get(client, table, key, consistent).await?;
            if item.is_some() {
                return Ok(Found {
                    item,
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
fn same_id(key: &EventKeyArgs, hits: &[Item]) -> Refusal {
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
        // plural-ok: two events at least share the id
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
        return Err(NotFound::new(format!(
            "event {} of user {} not found in {table} (read {} of the user's events{})",
            args.key.event_id,
            args.key.user,
            found.searched,
            if found.partial {
                "; raise --max-scan or give --timestamp"
            } else {
                ""
            }
        ))
        .into());
    };
    let expired_at = item_ttl(&item).filter(|t| ttl_expired(*t, Utc::now().timestamp()));
    let data = GetData {
        event: stored_event_json(&item),
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
        stream.item(&stored_event_json(item))?;
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
        "{}{}{}",
        crate::output::plural(data.count as u64, "event", "events"),
        data.index.map(|i| format!(" via {i}")).unwrap_or_default(),
        if data.hidden_expired > 0 {
            format!(
                "; {} hidden (--include-expired shows them)",
                crate::output::plural(
                    data.hidden_expired as u64,
                    "expired event",
                    "expired events"
                )
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
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "EventsQueryData")]
pub(crate) struct QueryData {
    /// Events written as items.
    count: usize,
    /// `--page-token` for the next page; null when the query read to its end.
    next_page_token: Option<String>,
    /// The index queried; null for the table itself.
    index: Option<&'static str>,
    /// Items DynamoDB read (before the expired were hidden).
    scanned: usize,
    pages: usize,
    /// Expired events not shown (`--include-expired` shows them).
    hidden_expired: usize,
    elapsed_ms: u64,
}
