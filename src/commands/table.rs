//! `table create`, `table verify`, `table describe`.

use std::time::{Duration, Instant};

use anyhow::Context as _;
use aws_sdk_dynamodb::types::TableDescription;
use serde::Serialize;

use super::data_schema::shape;
use super::registry::{Kind, Leaf, Limit, Production, plus};
use crate::aws::settings::{self, Desired};
use crate::aws::table as ddb;
use crate::checks::settings::SettingsData;
use crate::checks::table::{TableFacts, evaluate, gather};
use crate::cli::TableCreateArgs;
use crate::cli::{Command, TableCommand};
use crate::context::Context;
use crate::error::{NotFound, Refusal};
use crate::report::{Report, Section, Status};
use crate::spec::{self, MANAGED_TAG};

/// `table create`: refused on production, whatever the flags.
pub(crate) static CREATE: Leaf<TableCreateArgs> = Leaf::new(
    "table create",
    Kind::Action,
    |c| match c {
        Command::Table(TableCommand::Create(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(create(ctx, a).await?.into()) }),
)
.limit(Limit::By(|a| plus(a.wait_timeout, 5)))
.production(Production::Refused)
.data(shape::<CreateData>);

pub(crate) static VERIFY: Leaf<()> = Leaf::new(
    "table verify",
    Kind::Check,
    |c| matches!(c, Command::Table(TableCommand::Verify)).then_some(&()),
    |ctx, _, _| Box::pin(async move { Ok(verify(ctx).await?.into()) }),
)
.data(shape::<VerifyData<'static>>);

pub(crate) static DESCRIBE: Leaf<()> = Leaf::new(
    "table describe",
    Kind::Action,
    |c| matches!(c, Command::Table(TableCommand::Describe)).then_some(&()),
    |ctx, _, _| Box::pin(async move { Ok(describe(ctx).await?.into()) }),
)
.data(shape::<DescribeData<'static>>);

/// What `table create` sets after CreateTable: TTL, PITR, the managed tag (the stream comes with
/// CreateTable, and is checked the same way).
fn desired(args: &TableCreateArgs) -> Desired {
    let spec = spec::table();
    Desired {
        ttl_attribute: spec.ttl_attribute.to_owned(),
        stream_view: spec.stream_view,
        pitr_days: args.pitr_days,
        tags: ddb::tag_list(&[MANAGED_TAG]),
        deletion_protection: crate::aws::settings::Protection::NotManaged,
    }
}

pub(crate) async fn create(ctx: &Context, args: &TableCreateArgs) -> anyhow::Result<Report> {
    crate::safety::forbid_on_production(&ctx.names, "table create")?;
    let name = ctx.table().to_owned();
    let spec = spec::table();
    let client = ctx.dynamodb().await?;
    if let Some(existing) = ddb::describe(client, &name).await? {
        return finish_existing(ctx, args, existing).await;
    }

    let mut report = Report::action("table create");
    let plan = CreatePlan {
        table: name.clone(),
        keys: format!(
            "{} (S) + {} (S)",
            spec.partition_key.name, spec.sort_key.name
        ),
        indexes: spec
            .gsis
            .iter()
            .map(|g| {
                format!(
                    "{} ({} + {}, {})",
                    g.name,
                    g.partition_key.name,
                    g.sort_key.name,
                    g.projection.as_str()
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        billing: spec.billing.as_str().to_owned(),
        stream: format!("enabled, {}", spec.stream_view.as_str()),
        ttl: format!(
            "enabled on `{}` ({} per event)",
            spec.ttl_attribute,
            crate::vocab::words::signed(spec.ttl_days, "day", "days")
        ),
        pitr: format!(
            "enabled, {}",
            crate::vocab::words::signed(args.pitr_days, "day", "days")
        ),
        tags: format!("{}={}", MANAGED_TAG.0, MANAGED_TAG.1),
    };
    report.section(Section::pairs(
        if args.dry_run {
            "Would create (dry run, nothing changed)"
        } else {
            "Created"
        },
        plan.pairs(),
    ));
    let mut data = CreateData {
        plan: Some(plan),
        dry_run: args.dry_run,
        existing: false,
        settings: None,
        active_after_ms: None,
    };
    if args.dry_run {
        report.set_data(&data)?;
        return Ok(report);
    }

    let started = Instant::now();
    ddb::create(client, &name, &spec, &[MANAGED_TAG])
        .await
        .map_err(|e| match e.code.as_deref() {
            Some("ResourceInUseException") => anyhow::Error::new(Refusal::new(format!(
                "table {name} already exists (created meanwhile); run `eventsctl table create` again to finish configuring it if eventsctl created it"
            ))),
            _ => e.into(),
        })?;
    let spinner = ctx
        .progress()
        .spinner(format!("waiting for {name} to become ACTIVE"));
    let wait = args
        .wait_timeout
        .to_std()
        .unwrap_or(Duration::from_secs(600));
    let waited = ddb::wait_active(client, &name, wait).await;
    spinner.finish_and_clear();
    let active = waited.with_context(|| {
        format!("the table was created but did not become ACTIVE; once it is, `eventsctl table create` again finishes configuring {name}")
    })?;
    let active_after = started.elapsed();
    let outcomes = configure(ctx, &mut report, false, &active, args).await?;
    data.settings = Some(SettingsData::of(&outcomes));
    data.active_after_ms = Some(active_after.as_millis() as u64);
    report.set_data(&data)?;
    report.note(format!(
        "Created {name} (ACTIVE after {}). Next: eventsctl table verify, eventsctl events put ...",
        crate::times::human(chrono::Duration::from_std(active_after).unwrap_or_default())
    ));
    Ok(report)
}

/// A table that exists: finish its configuration only if this tool created it (tagged
/// managed-by=eventsctl) and its keys are the spec's; anything else is refused.
async fn finish_existing(
    ctx: &Context,
    args: &TableCreateArgs,
    existing: TableDescription,
) -> anyhow::Result<Report> {
    let name = ctx.table();
    let client = ctx.dynamodb().await?;
    let tags = match existing.table_arn() {
        Some(arn) => ddb::tags(client, arn).await?,
        None => Vec::new(),
    };
    if !ddb::has_tag(&tags, MANAGED_TAG.0, MANAGED_TAG.1) {
        return Err(Refusal::new(format!(
            "table {name} already exists and eventsctl did not create it (no {}={} tag); `eventsctl table verify` compares it with the spec",
            MANAGED_TAG.0, MANAGED_TAG.1
        ))
        .into());
    }
    if let Err(why) = crate::checks::table::base_keys(&existing, &spec::table()) {
        return Err(Refusal::new(format!(
            "table {name} already exists and its {why}; it cannot be fixed in place"
        ))
        .into());
    }
    if existing.table_status() != Some(&aws_sdk_dynamodb::types::TableStatus::Active) {
        return Err(Refusal::new(format!(
            "table {name} already exists and is {}; run this again once it is ACTIVE to finish configuring it",
            existing.table_status().map(|s| s.as_str()).unwrap_or("?")
        ))
        .into());
    }
    let mut report = Report::action("table create");
    let mut data = CreateData {
        plan: None,
        dry_run: args.dry_run,
        existing: true,
        settings: None,
        active_after_ms: None,
    };
    let outcomes = configure(ctx, &mut report, true, &existing, args).await?;
    data.settings = Some(SettingsData::of(&outcomes));
    report.set_data(&data)?;
    Ok(report)
}

/// `table create`'s `data`: the plan of a new table, or `existing` when a run finishes the
/// configuration of a table it created before; then the settings' outcomes.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "TableCreateData")]
pub(crate) struct CreateData {
    /// The table to create; null when the table existed (`existing`).
    plan: Option<CreatePlan>,
    dry_run: bool,
    /// The table existed (created by eventsctl before): only its settings were finished.
    existing: bool,
    /// Each setting's outcome by name; null in a dry run of a new table.
    settings: Option<SettingsData>,
    /// How long the new table took to become ACTIVE; null when none was created.
    active_after_ms: Option<u64>,
}

/// The table `table create` makes, as people read it.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "TableCreatePlan")]
struct CreatePlan {
    table: String,
    keys: String,
    indexes: String,
    billing: String,
    stream: String,
    ttl: String,
    pitr: String,
    tags: String,
}

impl CreatePlan {
    fn pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("table", self.table.clone()),
            ("keys", self.keys.clone()),
            ("indexes", self.indexes.clone()),
            ("billing", self.billing.clone()),
            ("stream", self.stream.clone()),
            ("ttl", self.ttl.clone()),
            ("pitr", self.pitr.clone()),
            ("tags", self.tags.clone()),
        ]
    }
}

/// TTL, PITR and tags, described first and changed only where they differ; then the table
/// checked the way `table verify` checks it. A setting that fails is reported (exit 1) and a
/// re-run finishes it. Each setting's outcome, for the data.
async fn configure(
    ctx: &Context,
    report: &mut Report,
    existing: bool,
    table: &TableDescription,
    args: &TableCreateArgs,
) -> anyhow::Result<settings::Outcomes> {
    let name = ctx.table();
    let client = ctx.dynamodb().await?;
    let outcomes = settings::converge(
        client,
        name,
        table.table_arn(),
        &desired(args),
        args.dry_run,
        ddb::PITR_READY_WAIT,
    )
    .await;
    report.section(crate::checks::settings::section(
        if args.dry_run {
            "Settings (dry run, nothing changed)"
        } else {
            "Settings"
        },
        &outcomes,
    ));
    let failed = outcomes.iter().any(|(_, c)| c.is_failed());
    if existing && !failed {
        report.note(if settings::changed(&outcomes) {
            if args.dry_run {
                format!(
                    "{name} exists (created by eventsctl); the settings above would be finished"
                )
            } else {
                format!("{name} existed (created by eventsctl): finished its configuration")
            }
        } else {
            format!("{name} exists and is configured: nothing to do, nothing changed")
        });
    }
    if failed {
        report.failed = true;
        report.note(format!(
            "Not every setting could be made; run `eventsctl table create` again to finish configuring {name} (it changes only what is missing)."
        ));
    }
    if args.dry_run {
        return Ok(outcomes);
    }
    // What was created, checked the same way `table verify` checks it.
    let facts = gather(ctx.dynamodb().await?, &ctx.names, name).await;
    let findings = evaluate(&facts, &spec::table());
    report.failed |= findings.iter().any(|f| f.status == Status::Crit);
    report.extend(findings);
    Ok(outcomes)
}

pub(crate) async fn verify(ctx: &Context) -> anyhow::Result<Report> {
    let facts = gather(ctx.dynamodb().await?, &ctx.names, ctx.table()).await;
    let mut report = Report::check("table verify");
    report.extend(evaluate(&facts, &spec::table()));
    report.set_data(&VerifyData {
        table: ctx.table(),
        table_arn: match &facts.table {
            Ok(Some(t)) => t.table_arn(),
            _ => None,
        },
    })?;
    report.correct(spec::corrections::pitr_retention());
    Ok(report)
}

/// `table verify`'s `data`: the table, and its ARN when it could be described.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct VerifyData<'a> {
    table: &'a str,
    table_arn: Option<&'a str>,
}

pub(crate) async fn describe(ctx: &Context) -> anyhow::Result<Report> {
    let name = ctx.table();
    let facts = gather(ctx.dynamodb().await?, &ctx.names, name).await;
    let mut report = Report::action("table describe");
    let table = facts
        .table
        .as_ref()
        .map_err(Clone::clone)?
        .as_ref()
        .ok_or_else(|| {
            NotFound::new(format!(
                "table {name} does not exist (check --env/--table and --region)"
            ))
        })?;
    let tags = match table.table_arn() {
        Some(arn) => ddb::tags(ctx.dynamodb().await?, arn)
            .await
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let data = describe_data(&facts, table, &tags);
    report.section(Section::pairs("Table", summary_pairs(&data)));
    report.section(Section::table(
        "Global secondary indexes",
        &[
            "INDEX",
            "PARTITION KEY",
            "SORT KEY",
            "PROJECTION",
            "STATUS",
            "ITEMS",
        ],
        table
            .global_secondary_indexes()
            .iter()
            .map(|g| {
                let key = |kind: aws_sdk_dynamodb::types::KeyType| {
                    g.key_schema()
                        .iter()
                        .find(|k| k.key_type == kind)
                        .map(|k| k.attribute_name.clone())
                        .unwrap_or_else(|| "-".into())
                };
                vec![
                    g.index_name().unwrap_or("-").to_owned(),
                    key(aws_sdk_dynamodb::types::KeyType::Hash),
                    key(aws_sdk_dynamodb::types::KeyType::Range),
                    g.projection()
                        .and_then(|p| p.projection_type())
                        .map(|p| p.as_str().to_owned())
                        .unwrap_or_else(|| "-".into()),
                    g.index_status()
                        .map(|s| s.as_str().to_owned())
                        .unwrap_or_else(|| "-".into()),
                    g.item_count()
                        .map(|c| c.to_string())
                        .unwrap_or_else(|| "-".into()),
                ]
            })
            .collect(),
    ));
    report.set_data(&data)?;
    report.note("Item count and size are DynamoDB's estimates, refreshed about every six hours.");
    Ok(report)
}

/// A value AWS may leave out, as a table cell: `-` when absent.
fn cell(v: Option<impl std::fmt::Display>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

fn summary_pairs(d: &DescribeData) -> Vec<(&'static str, String)> {
    vec![
        ("name", cell(d.name)),
        ("status", cell(d.status)),
        ("arn", cell(d.arn)),
        ("keys", d.keys.clone()),
        ("billing", d.billing_mode.to_owned()),
        ("items (estimate)", cell(d.item_count)),
        ("size (estimate)", cell(d.size_bytes)),
        ("created", cell(d.created.as_deref())),
        (
            "ttl",
            format!("{} on `{}`", cell(d.ttl.status), cell(d.ttl.attribute)),
        ),
        (
            "pitr",
            format!(
                "{}, {}",
                cell(d.pitr.status),
                match d.pitr.recovery_period_in_days {
                    Some(n) => crate::vocab::words::signed(n, "day", "days"),
                    None => "- days".to_owned(),
                }
            ),
        ),
        (
            "restorable",
            format!(
                "{} .. {}",
                cell(d.pitr.earliest_restorable.as_deref()),
                cell(d.pitr.latest_restorable.as_deref())
            ),
        ),
        (
            "stream",
            format!("{} {}", cell(d.stream.view_type), cell(d.stream.arn)),
        ),
        ("deletion protection", d.deletion_protection.to_string()),
        ("tags", d.tags.clone()),
    ]
}

/// `table describe`'s `data`: what DescribeTable, DescribeTimeToLive, DescribeContinuousBackups
/// and the tags say, null where AWS said nothing.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct DescribeData<'a> {
    name: Option<&'a str>,
    arn: Option<&'a str>,
    status: Option<&'a str>,
    keys: String,
    billing_mode: &'a str,
    item_count: Option<i64>,
    size_bytes: Option<i64>,
    created: Option<String>,
    indexes: Vec<DescribeIndex<'a>>,
    ttl: DescribeTtl<'a>,
    pitr: DescribePitr<'a>,
    stream: DescribeStream<'a>,
    deletion_protection: bool,
    tags: String,
}

#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct DescribeIndex<'a> {
    name: Option<&'a str>,
    status: Option<&'a str>,
    projection: Option<&'a str>,
    item_count: Option<i64>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct DescribeTtl<'a> {
    status: Option<&'a str>,
    attribute: Option<&'a str>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct DescribePitr<'a> {
    status: Option<&'a str>,
    recovery_period_in_days: Option<i32>,
    earliest_restorable: Option<String>,
    latest_restorable: Option<String>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct DescribeStream<'a> {
    enabled: bool,
    view_type: Option<&'a str>,
    arn: Option<&'a str>,
}

fn describe_data<'a>(
    facts: &'a TableFacts,
    t: &'a TableDescription,
    tags: &[aws_sdk_dynamodb::types::Tag],
) -> DescribeData<'a> {
    let ttl = facts.ttl.as_ref().ok().and_then(|d| d.as_ref());
    let pitr = facts
        .backups
        .as_ref()
        .ok()
        .and_then(|d| d.as_ref())
        .and_then(|d| d.point_in_time_recovery_description());
    DescribeData {
        name: t.table_name(),
        arn: t.table_arn(),
        status: t.table_status().map(|s| s.as_str()),
        keys: t
            .key_schema()
            .iter()
            .map(|k| format!("{} ({})", k.attribute_name, k.key_type.as_str()))
            .collect::<Vec<_>>()
            .join(" + "),
        billing_mode: t
            .billing_mode_summary()
            .and_then(|b| b.billing_mode())
            .map(|b| b.as_str())
            .unwrap_or("PROVISIONED"),
        item_count: t.item_count(),
        size_bytes: t.table_size_bytes(),
        created: t.creation_date_time().map(|d| d.to_string()),
        indexes: t
            .global_secondary_indexes()
            .iter()
            .map(|g| DescribeIndex {
                name: g.index_name(),
                status: g.index_status().map(|s| s.as_str()),
                projection: g
                    .projection()
                    .and_then(|p| p.projection_type())
                    .map(|p| p.as_str()),
                item_count: g.item_count(),
            })
            .collect(),
        ttl: DescribeTtl {
            status: ttl
                .and_then(|d| d.time_to_live_status())
                .map(|s| s.as_str()),
            attribute: ttl.and_then(|d| d.attribute_name()),
        },
        pitr: DescribePitr {
            status: pitr
                .and_then(|p| p.point_in_time_recovery_status())
                .map(|s| s.as_str()),
            recovery_period_in_days: pitr.and_then(|p| p.recovery_period_in_days()),
            earliest_restorable: pitr
                .and_then(|p| p.earliest_restorable_date_time())
                .map(|d| d.to_string()),
            latest_restorable: pitr
                .and_then(|p| p.latest_restorable_date_time())
                .map(|d| d.to_string()),
        },
        stream: DescribeStream {
            enabled: t
                .stream_specification()
                .map(|s| s.stream_enabled())
                .unwrap_or(false),
            view_type: t
                .stream_specification()
                .and_then(|s| s.stream_view_type())
                .map(|v| v.as_str()),
            arn: t.latest_stream_arn(),
        },
        deletion_protection: t.deletion_protection_enabled().unwrap_or(false),
        tags: tags
            .iter()
            .map(|t| format!("{}={}", t.key, t.value))
            .collect::<Vec<_>>()
            .join(", "),
    }
}
