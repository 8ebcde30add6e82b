//! `table fix`: put back what the spec names and someone switched off (TTL on `ttl`, PITR) on
//! any table, production included with `--yes`. `table create` finishes only the tables it
//! made and is refused on production; a production table's TTL switched off (a `changes.ttl`
//! crit) needs a way back that does not go through the infrastructure code's whole apply.
//! Nothing else is touched: keys, indexes, the stream (a new stream means a new ARN for its
//! consumers) and tags stay the infrastructure code's.

use serde::Serialize;

use super::data_schema::shape;
use super::registry::{Kind, Leaf, Production};
use crate::aws::settings;
use crate::aws::table as ddb;
use crate::checks::settings::SettingsData;
use crate::checks::table::{evaluate, gather};
use crate::cli::{Command, TableCommand, TableFixArgs};
use crate::context::Context;
use crate::error::{NotFound, Refusal};
use crate::report::{CheckId, Report};
use crate::spec;

pub(crate) static FIX: Leaf<TableFixArgs> = Leaf::new(
    "table fix",
    Kind::Action,
    |c| match c {
        Command::Table(TableCommand::Fix(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(fix(ctx, a).await?.into()) }),
)
.production(Production::NeedsYes { with: &[] })
.data(shape::<FixData<'static>>);

/// `table fix`'s `data`: the table, whether it was a dry run, and each setting's outcome.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "TableFixData")]
pub(crate) struct FixData<'a> {
    table: &'a str,
    dry_run: bool,
    /// `ttl` and `pitr`, each `{"outcome", "detail"}`.
    settings: SettingsData,
}

pub(crate) async fn fix(ctx: &Context, args: &TableFixArgs) -> anyhow::Result<Report> {
    crate::safety::guard_write(&ctx.names, "table fix", args.yes, args.dry_run)?;
    let name = ctx.table();
    let client = ctx.dynamodb().await?;
    let table = ddb::describe(client, name).await?.ok_or_else(|| {
        NotFound::new(format!(
            "table {name} does not exist (check --env/--table and --region); `eventsctl table create` makes one outside production"
        ))
    })?;
    if table.table_status() != Some(&aws_sdk_dynamodb::types::TableStatus::Active) {
        return Err(Refusal::new(format!(
            "table {name} is {}; run this again once it is ACTIVE",
            table.table_status().map(|s| s.as_str()).unwrap_or("?")
        ))
        .into());
    }
    let outcomes = settings::put_back(
        client,
        name,
        spec::TTL_ATTRIBUTE,
        spec::PITR_DAYS,
        args.dry_run,
        ddb::PITR_READY_WAIT,
    )
    .await;
    let mut report = Report::action("table fix");
    report.section(crate::checks::settings::section(
        if args.dry_run {
            "Settings put back (dry run, nothing changed)"
        } else {
            "Settings put back"
        },
        &outcomes,
    ));
    report.set_data(&FixData {
        table: name,
        dry_run: args.dry_run,
        settings: SettingsData::of(&outcomes),
    })?;
    report.failed = outcomes.iter().any(|(_, c)| c.is_failed());
    report.note(note(&outcomes, args.dry_run));
    if !args.dry_run {
        // What it put back, checked the way `table verify` checks it.
        let facts = gather(client, &ctx.names, name).await;
        report.extend(
            evaluate(&facts, &spec::table())
                .into_iter()
                .filter(|f| matches!(f.check, CheckId::TableTtl | CheckId::TablePitr)),
        );
    }
    Ok(report)
}

/// What happened, in one line for the notes.
fn note(outcomes: &settings::Outcomes, dry_run: bool) -> String {
    let ttl_on = outcomes
        .iter()
        .any(|(k, c)| *k == "ttl" && matches!(c, settings::Change::Applied(_)));
    if outcomes.iter().any(|(_, c)| c.is_failed()) {
        "Not everything could be put back (above); run `eventsctl table fix` again to finish: it changes only what is still off.".to_owned()
    } else if !settings::changed(outcomes) {
        "TTL and PITR are on: nothing to put back, nothing changed.".to_owned()
    } else if ttl_on && dry_run {
        "TTL would be back on: items whose `ttl` has passed would be deleted by TTL, usually within days (`eventsctl check-ttl` shows how many).".to_owned()
    } else if ttl_on {
        "TTL is back on: items whose `ttl` has passed are deleted by TTL, usually within days (`eventsctl check-ttl` shows how many); `eventsctl changes` will show this change too.".to_owned()
    } else {
        "Put back; keys, indexes, the stream and tags were not touched.".to_owned()
    }
}
