//! `table create`, `table verify`, `table describe`.

use std::time::{Duration, Instant};

use anyhow::Context as _;
use aws_sdk_dynamodb::types::TableDescription;
use serde_json::{Value, json};

use crate::aws::table as ddb;
use crate::checks::table::{TableFacts, evaluate, gather};
use crate::cli::TableCreateArgs;
use crate::context::Context;
use crate::error::Refusal;
use crate::report::{Report, Section, Status};
use crate::spec::{self, MANAGED_TAG};

pub async fn create(ctx: &Context, args: &TableCreateArgs) -> anyhow::Result<Report> {
    crate::safety::forbid_on_production(&ctx.names, "table create")?;
    let name = ctx.table().to_owned();
    let spec = spec::table();
    let client = ctx.dynamodb().await?;
    if let Some(existing) = ddb::describe(client, &name).await? {
        return Err(Refusal::new(format!(
            "table {name} already exists ({}); `eventsctl table verify` compares it with the spec",
            existing
                .table_status()
                .map(|s| s.as_str())
                .unwrap_or("status unknown")
        ))
        .into());
    }

    let mut report = Report::action("table create");
    let plan = vec![
        ("table", name.clone()),
        (
            "keys",
            format!(
                "{} (S) + {} (S)",
                spec.partition_key.name, spec.sort_key.name
            ),
        ),
        (
            "indexes",
            spec.gsis
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
        ),
        ("billing", spec.billing.as_str().to_owned()),
        ("stream", format!("enabled, {}", spec.stream_view.as_str())),
        (
            "ttl",
            format!(
                "enabled on `{}` ({} days per event)",
                spec.ttl_attribute, spec.ttl_days
            ),
        ),
        ("pitr", format!("enabled, {} days", args.pitr_days)),
        ("tags", format!("{}={}", MANAGED_TAG.0, MANAGED_TAG.1)),
    ];
    report.set(
        "plan",
        plan.iter()
            .map(|(k, v)| ((*k).to_owned(), Value::String(v.clone())))
            .collect::<serde_json::Map<_, _>>(),
    );
    report.set("dry_run", args.dry_run);
    if args.dry_run {
        report.section(Section::pairs(
            "Would create (dry run, nothing changed)",
            plan,
        ));
        return Ok(report);
    }
    report.section(Section::pairs("Created", plan));

    let started = Instant::now();
    ddb::create(client, &name, &spec, &[MANAGED_TAG])
        .await
        .map_err(|e| match e.code.as_deref() {
            Some("ResourceInUseException") => anyhow::Error::new(Refusal::new(format!(
                "table {name} already exists (created meanwhile); `eventsctl table verify` compares it with the spec"
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
    waited.context("the table was created but did not become ACTIVE")?;
    let active_after = started.elapsed();

    ddb::enable_ttl(client, &name, spec.ttl_attribute).await?;
    ddb::enable_pitr(client, &name, args.pitr_days).await?;

    // What was created, checked the same way `table verify` checks it.
    let facts = gather(ctx, &name).await?;
    let findings = evaluate(&facts, &spec);
    report.failed = findings.iter().any(|f| f.status == Status::Crit);
    report.extend(findings);
    report.set("active_after_ms", active_after.as_millis() as u64);
    report.note(format!(
        "Created {name} (ACTIVE after {}). Next: eventsctl table verify, eventsctl events put ...",
        crate::times::human(chrono::Duration::from_std(active_after).unwrap_or_default())
    ));
    Ok(report)
}

pub async fn verify(ctx: &Context) -> anyhow::Result<Report> {
    let facts = gather(ctx, ctx.table()).await?;
    let mut report = Report::check("table verify");
    report.extend(evaluate(&facts, &spec::table()));
    report.set("table", ctx.table());
    if let Ok(Some(t)) = &facts.table {
        report.set("table_arn", t.table_arn());
    }
    report.correct(spec::corrections::pitr_retention());
    Ok(report)
}

pub async fn describe(ctx: &Context) -> anyhow::Result<Report> {
    let name = ctx.table();
    let facts = gather(ctx, name).await?;
    let mut report = Report::action("table describe");
    let table = facts
        .table
        .as_ref()
        .map_err(Clone::clone)?
        .as_ref()
        .ok_or_else(|| {
            Refusal::new(format!(
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
    for (k, v) in data {
        report.data.insert(k, v);
    }
    report.note("Item count and size are DynamoDB's estimates, refreshed about every six hours.");
    Ok(report)
}

fn text(v: &Value) -> String {
    match v {
        Value::Null => "-".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn summary_pairs(data: &serde_json::Map<String, Value>) -> Vec<(&'static str, String)> {
    let field = |path: &[&str]| {
        let mut v = &Value::Object(data.clone());
        for p in path {
            v = v.get(*p).unwrap_or(&Value::Null);
        }
        text(v)
    };
    vec![
        ("name", field(&["name"])),
        ("status", field(&["status"])),
        ("arn", field(&["arn"])),
        ("keys", field(&["keys"])),
        ("billing", field(&["billing_mode"])),
        ("items (estimate)", field(&["item_count"])),
        ("size (estimate)", field(&["size_bytes"])),
        ("created", field(&["created"])),
        (
            "ttl",
            format!(
                "{} on `{}`",
                field(&["ttl", "status"]),
                field(&["ttl", "attribute"])
            ),
        ),
        (
            "pitr",
            format!(
                "{}, {} days",
                field(&["pitr", "status"]),
                field(&["pitr", "recovery_period_in_days"])
            ),
        ),
        (
            "restorable",
            format!(
                "{} .. {}",
                field(&["pitr", "earliest_restorable"]),
                field(&["pitr", "latest_restorable"])
            ),
        ),
        (
            "stream",
            format!(
                "{} {}",
                field(&["stream", "view_type"]),
                field(&["stream", "arn"])
            ),
        ),
        ("deletion protection", field(&["deletion_protection"])),
        ("tags", field(&["tags"])),
    ]
}

fn describe_data(
    facts: &TableFacts,
    t: &TableDescription,
    tags: &[aws_sdk_dynamodb::types::Tag],
) -> serde_json::Map<String, Value> {
    let ttl = facts.ttl.as_ref().ok().and_then(|d| d.as_ref());
    let pitr = facts
        .backups
        .as_ref()
        .ok()
        .and_then(|d| d.as_ref())
        .and_then(|d| d.point_in_time_recovery_description());
    let keys = t
        .key_schema()
        .iter()
        .map(|k| format!("{} ({})", k.attribute_name, k.key_type.as_str()))
        .collect::<Vec<_>>()
        .join(" + ");
    let value = json!({
        "name": t.table_name(),
        "arn": t.table_arn(),
        "status": t.table_status().map(|s| s.as_str()),
        "keys": keys,
        "billing_mode": t.billing_mode_summary().and_then(|b| b.billing_mode()).map(|b| b.as_str()).unwrap_or("PROVISIONED"),
        "item_count": t.item_count(),
        "size_bytes": t.table_size_bytes(),
        "created": t.creation_date_time().map(|d| d.to_string()),
        "indexes": t.global_secondary_indexes().iter().map(|g| json!({
            "name": g.index_name(),
            "status": g.index_status().map(|s| s.as_str()),
            "projection": g.projection().and_then(|p| p.projection_type()).map(|p| p.as_str()),
            "item_count": g.item_count(),
        })).collect::<Vec<_>>(),
        "ttl": {
            "status": ttl.and_then(|d| d.time_to_live_status()).map(|s| s.as_str()),
            "attribute": ttl.and_then(|d| d.attribute_name()),
        },
        "pitr": {
            "status": pitr.and_then(|p| p.point_in_time_recovery_status()).map(|s| s.as_str()),
            "recovery_period_in_days": pitr.and_then(|p| p.recovery_period_in_days()),
            "earliest_restorable": pitr.and_then(|p| p.earliest_restorable_date_time()).map(|d| d.to_string()),
            "latest_restorable": pitr.and_then(|p| p.latest_restorable_date_time()).map(|d| d.to_string()),
        },
        "stream": {
            "enabled": t.stream_specification().map(|s| s.stream_enabled()).unwrap_or(false),
            "view_type": t.stream_specification().and_then(|s| s.stream_view_type()).map(|v| v.as_str()),
            "arn": t.latest_stream_arn(),
        },
        "deletion_protection": t.deletion_protection_enabled().unwrap_or(false),
        "tags": tags.iter().map(|t| format!("{}={}", t.key, t.value)).collect::<Vec<_>>().join(", "),
    });
    match value {
        Value::Object(m) => m,
        _ => unreachable!("json! of an object literal is an object"),
    }
}
