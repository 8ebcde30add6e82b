//! `events delete`: remove one (poison) event without the AWS CLI. The event is found first
//! (as `events get` finds it) and shown; it is deleted only with `--yes`, only if it is still
//! there (a conditional DeleteItem), and production needs `--yes` like every write.

use crate::events::model::Item;
use crate::report::CheckId;

use serde::Serialize;
use serde_json::Value;

use super::data_schema::shape;
use super::events::{event_pairs, find_event};
use super::registry::{Kind, Leaf, Limit, Production};
use crate::cli::DeleteArgs;
use crate::cli::{Command, EventsCommand};
use crate::context::Context;
use crate::error::{NotFound, Refusal};
use crate::events::model::stored_event_json;
use crate::report::{Finding, Report, Section};
use crate::spec::{PARTITION_KEY, SORT_KEY};

pub(crate) static DELETE: Leaf<DeleteArgs> = Leaf::new(
    "events delete",
    Kind::Action,
    |c| match c {
        Command::Events(EventsCommand::Delete(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(delete(ctx, a).await?.into()) }),
)
.limit(Limit::Minutes(1))
.production(Production::NeedsYes { with: &[] })
.data(shape::<DeleteData>);

/// Without `--timestamp`: how many of the user's events are searched (as `events get`).
const MAX_SCAN: usize = 10_000;

crate::evidence! {
    /// `events.delete`: the event deleted.
    struct Deleted<'a> { table: &'a str, event_id: &'a str, user_id: &'a str }
}

pub(crate) async fn delete(ctx: &Context, args: &DeleteArgs) -> anyhow::Result<Report> {
    crate::safety::guard_write(&ctx.names, "events delete", args.yes, args.dry_run)?;
    let table = ctx.table();
    let found = find_event(ctx, &args.key, true, MAX_SCAN).await?;
    let searched = found.searched;
    let Some(item) = found.item else {
        return Err(NotFound::new(format!(
            "event {} of user {} not found in {table} (read {searched} of the user's events): nothing deleted",
            args.key.event_id,
            args.key.user
        ))
        .into());
    };
    let timestamp = item
        .get("timestamp")
        .and_then(|v| v.as_s().ok())
        .cloned()
        .unwrap_or_default();
    if found.partial && args.yes {
        // Another event of the user may share the id beyond what was read: delete exactly the
        // one named by its timestamp, never one of two by chance.
        return Err(Refusal::new(format!(
            "found event {} of user {} at {timestamp}, but read only {searched} of the user's events: another one may share this id; run again with --timestamp {timestamp} to delete exactly this one; nothing deleted",
            args.key.event_id, args.key.user
        ))
        .into());
    }
    let mut data = DeleteData {
        event: stored_event_json(&item),
        found_by: found.how,
        deleted: false,
    };
    let key: Item = [PARTITION_KEY, SORT_KEY]
        .iter()
        .filter_map(|k| item.get(*k).map(|a| ((*k).to_owned(), a.clone())))
        .collect();
    let mut report = Report::action("events delete");
    report.section(Section::pairs("Event", event_pairs(&data.event)));
    if found.partial {
        report.note(format!(
            "The search read {searched} of the user's events, not all of them: another event may share this id, so deleting this one takes --timestamp {timestamp}."
        ));
    }
    let check = CheckId::EventsDelete;
    if !args.yes {
        // --dry-run: shown, nothing deleted, success. Neither flag: shown, and a failure that
        // says how to delete it.
        report.set_data(&data)?;
        if args.dry_run {
            report.push(Finding::ok(
                check,
                "would delete this event (dry run): nothing deleted",
            ));
        } else {
            report.failed = true;
            report.push(
                Finding::warn(check, "not deleted: deleting needs --yes")
                    .remedy("run it again with --yes to delete this event"),
            );
        }
        return Ok(report);
    }
    // Only if it is still there: a delete that raced another one says so.
    let client = ctx.dynamodb().await?;
    if crate::aws::items::delete_if_present(client, table, key, PARTITION_KEY).await? {
        data.deleted = true;
        report.push(
            Finding::ok(
                check,
                format!(
                    "deleted event {} of user {}",
                    args.key.event_id, args.key.user
                ),
            )
            .evidence(Deleted {
                table,
                event_id: &args.key.event_id,
                user_id: &args.key.user,
            }),
        );
    } else {
        report.failed = true;
        report.push(Finding::warn(
            check,
            "the event was gone before the delete (deleted by someone else or by TTL): nothing deleted",
        ));
    }
    report.set_data(&data)?;
    Ok(report)
}

/// `events delete`'s `data`: the event found, how, and whether this run deleted it.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "EventsDeleteData")]
pub(crate) struct DeleteData {
    /// The item as stored (`stored_event_json`): free-form, since an item holds whatever
    /// attributes its writer gave it (the payload and metadata are the writer's own JSON).
    #[schemars(with = "serde_json::Map<String, Value>")]
    event: Value,
    /// How it was found: `GetItem`, or a Query of the user's events and how many it read.
    found_by: String,
    /// This run deleted it (false in a dry run, without `--yes`, or when it was already gone).
    deleted: bool,
}
