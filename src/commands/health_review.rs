//! The review parts of `health-check monthly` and `quarterly` that used to be manual steps:
//! the IAM audit (Monthly 5), the cost trend (Monthly 1) and the capacity plan and billing mode
//! (Quarterly 2). Each is gathered concurrently with the other parts and judged by its engine.

use std::time::Duration;

use aws_sdk_dynamodb::types::TableDescription;
use chrono::{DateTime, Utc};

use super::health::Part;
use crate::aws::iam::AdvisorWait;
use crate::aws::metrics::{self, MetricKey, MetricSet, Stat, Window};
use crate::checks::iam_roles::{self, AuditScope};
use crate::cli::PriceArgs;
use crate::context::Context;
use crate::plan;
use crate::plan::demand::{Demand, MetricPart, Segment, merge, per_minute, resolution_plan};
use crate::report::{CheckId, Finding, Section};

/// The quarter the capacity plan reads: 91 days, thirteen whole weeks (each weekday seen 13
/// times by the forecast's day-of-week effects).
pub(super) const QUARTER_DAYS: i64 = 91;

/// Monthly 5: the IAM audit of the roles of the functions that use the table; the table is
/// described, and the functions and mappings listed, at once.
pub(super) async fn iam_part(ctx: &Context, advisor_wait: u64) -> Part {
    let runbook = "Monthly 5: Audit IAM permissions";
    let clients =
        async { anyhow::Ok((ctx.dynamodb().await?, ctx.lambda().await?, ctx.iam().await?)) };
    let (ddb, lambda, iam) = match clients.await {
        Ok(c) => c,
        Err(e) => {
            return Part::new(
                "iam",
                runbook,
                vec![Finding::unknown(
                    CheckId::IamFunctions,
                    format!("no AWS client: {e}"),
                )],
            );
        }
    };
    let scope = AuditScope {
        variable: "EVENTS_TABLE_NAME",
        only: &[],
        wait: AdvisorWait {
            every: super::iam_audit::ADVISOR_POLL,
            at_most: Duration::from_secs(advisor_wait),
        },
    };
    let (data, findings) = iam_roles::audit_with_table(ddb, lambda, iam, ctx.table(), &scope).await;
    let mut part = Part::new("iam", runbook, findings);
    if !data.roles.is_empty() {
        part.sections
            .push(super::iam_audit::roles_section(&data.roles));
    }
    part
}

/// The quarter's per-minute demand of one capacity: consumed + throttled, each read at the
/// finest period CloudWatch keeps for each part of the window.
fn demand_of(
    segments: &[(Segment, &MetricSet)],
    consumed: &MetricKey,
    throttled: &MetricKey,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Demand {
    let parts = |key: &MetricKey| -> Vec<MetricPart> {
        segments
            .iter()
            .map(|(segment, set)| MetricPart {
                segment: *segment,
                points: set.get(key).map(|s| s.points.clone()).unwrap_or_default(),
            })
            .collect()
    };
    per_minute(
        &merge(start, end, &parts(consumed)),
        &merge(start, end, &parts(throttled)),
        1.0,
    )
}

/// `t`, or the next whole hour after it.
fn whole_hour_after(t: DateTime<Utc>) -> DateTime<Utc> {
    let s = t.timestamp();
    let up = s + (3600 - s.rem_euclid(3600)) % 3600;
    DateTime::from_timestamp(up, 0).unwrap_or(t)
}

/// The four series of one resource (the table, or a GSI): consumed and throttled, writes and
/// reads.
fn resource_keys(table: &str, gsi: Option<&str>) -> [MetricKey; 4] {
    let key = |m: &str| match gsi {
        Some(g) => MetricKey::gsi(m, table, g, Stat::Sum),
        None => MetricKey::table(m, table, Stat::Sum),
    };
    [
        key("ConsumedWriteCapacityUnits"),
        key("WriteThrottleEvents"),
        key("ConsumedReadCapacityUnits"),
        key("ReadThrottleEvents"),
    ]
}

/// The engine's prices: the us-east-1 list, with the four `--price-per-...` flags applied where
/// they differ from their defaults (then labelled as overrides).
pub(super) fn plan_prices(p: &PriceArgs) -> plan::prices::Prices {
    use plan::prices::{PriceKey, TableClass};
    let mut prices = plan::prices::Prices::default();
    let c = TableClass::Standard;
    for (key, flag) in [
        (
            PriceKey::OnDemandWritePerMillion(c),
            p.price_per_million_wru,
        ),
        (PriceKey::OnDemandReadPerMillion(c), p.price_per_million_rru),
        (PriceKey::WcuHour(c), p.price_per_wcu_hour),
        (PriceKey::RcuHour(c), p.price_per_rcu_hour),
    ] {
        if (prices.get(key).usd - flag).abs() > 1e-12 {
            // The flags' own parser accepts only numbers; a negative one is refused here.
            let _ = prices.set(key, flag);
        }
    }
    prices
}

/// Quarterly 2: the quarter's demand per minute (consumed + throttled, at the finest resolution
/// CloudWatch keeps for each part), next quarter forecast from it, and the quarter priced
/// on-demand, with simulated auto scaling and with reserved capacity, Standard against
/// Standard-IA. Three GetMetricData calls (one per resolution) and DescribeContinuousBackups, at
/// once.
pub(super) async fn plan_part(
    ctx: &Context,
    described: Option<&TableDescription>,
    prices: &PriceArgs,
    now: DateTime<Utc>,
) -> Part {
    let runbook = "Quarterly 2";
    let table = ctx.table().to_owned();
    let gsis = crate::aws::table::gsi_names(described);
    // Days before the table existed are no history (CloudWatch has nothing for them, which would
    // read as days without traffic).
    let created = described
        .and_then(|t| t.creation_date_time())
        .map(crate::aws::metrics::from_smithy);
    let quarter_ago = now - chrono::Duration::days(QUARTER_DAYS);
    // On a whole hour: the coarsest part starts there, so no minute before it is a gap.
    let start = whole_hour_after(quarter_ago.max(created.unwrap_or(quarter_ago)));
    let plan = resolution_plan(start, now, now);
    let mut keys: Vec<MetricKey> = resource_keys(&table, None).to_vec();
    for g in &gsis {
        keys.extend(resource_keys(&table, Some(g)));
    }
    let (cw, ddb) = match (ctx.cloudwatch().await, ctx.dynamodb().await) {
        (Ok(cw), Ok(ddb)) => (cw, ddb),
        (Err(e), _) | (_, Err(e)) => {
            return Part::new(
                "capacity plan",
                runbook,
                vec![Finding::unknown(
                    CheckId::QuarterlyForecast,
                    format!("no AWS client: {e}"),
                )],
            );
        }
    };
    let reads = futures::future::join_all(plan.iter().map(|s| {
        let window = Window {
            start: s.start,
            end: s.end,
            period: s.period_secs as i32,
        };
        metrics::fetch(cw, window, &keys)
    }));
    let (sets, backups) = tokio::join!(reads, crate::aws::table::describe_backups(ddb, &table));
    let mut read = Vec::new();
    for (segment, set) in plan.iter().zip(&sets) {
        match set {
            Ok(set) => read.push((*segment, set)),
            Err(e) => {
                let why = format!("consumed capacity could not be read: {e}");
                return Part::new(
                    "capacity plan",
                    runbook,
                    vec![
                        Finding::unknown(CheckId::QuarterlyForecast, why.clone()),
                        Finding::unknown(CheckId::QuarterlyBillingMode, why.clone()),
                        Finding::unknown(CheckId::QuarterlyTableClass, why),
                    ],
                );
            }
        }
    }
    let demand = |gsi: Option<&str>| {
        let [cw_, tw, cr, tr] = resource_keys(&table, gsi);
        (
            demand_of(&read, &cw_, &tw, start, now),
            demand_of(&read, &cr, &tr, start, now),
        )
    };
    let table_demand = demand(None);
    let gsi_demand: Vec<(String, (Demand, Demand))> =
        gsis.iter().map(|g| (g.clone(), demand(Some(g)))).collect();
    let pitr_on = matches!(&backups, Ok(Some(b)) if b.point_in_time_recovery_description().and_then(|p| p.point_in_time_recovery_status()).map(|s| s.as_str()) == Some("ENABLED"));
    let is_provisioned = described.is_some_and(provisioned);
    let scaling = if is_provisioned {
        let mut ids = vec![crate::aws::autoscaling::resource_id(&table, None)];
        ids.extend(
            gsis.iter()
                .map(|g| crate::aws::autoscaling::resource_id(&table, Some(g))),
        );
        match ctx.autoscaling().await {
            Ok(aas) => crate::aws::autoscaling::scaling(aas, &ids).await,
            // No client without a Region: the metrics above were read, so there is one.
            Err(_) => Ok(Vec::new()),
        }
    } else {
        Ok(Vec::new())
    };
    let facts = PlanFacts {
        provisioned: is_provisioned,
        scaling,
        described,
        table: &table,
        table_demand: &table_demand,
        gsi_demand: &gsi_demand,
        pitr_on,
        prices: plan_prices(prices),
        today: now.date_naive(),
    };
    let mut part = Part::new("capacity plan", runbook, plan_findings(&facts));
    part.sections.push(Section::lines(
        "How the capacity plan reads the quarter",
        plan.iter()
            .map(|s| {
                format!(
                    "{} to {}: {}-second periods",
                    crate::times::stamp(s.start),
                    crate::times::stamp(s.end),
                    s.period_secs
                )
            })
            .chain([format!("{}.", plan::demand::SPREAD_RULE)])
            .collect(),
    ));
    part
}

/// A resource's own auto scaling for `dim` (`read`/`write`), as the simulation's policy: its
/// target utilisation (the default's when it has no target-tracking policy), min and max.
/// `None` without a scalable target, or with one the simulation cannot run (said by the
/// default's use).
fn own_policy(
    scaling: &[crate::aws::autoscaling::Scaling],
    id: &str,
    dim: &str,
) -> Option<plan::autoscale::Policy> {
    let s = scaling
        .iter()
        .find(|s| s.resource_id == id && s.dimension == dim)?;
    let default = plan::autoscale::Policy::default();
    let p = plan::autoscale::Policy {
        target: s.target_percent.map_or(default.target, |t| t / 100.0),
        min: s.min,
        max: s.max,
        ..default
    };
    p.check().ok().map(|()| p)
}

/// Whether the table bills provisioned capacity: its billing mode summary says so, or (a table
/// created provisioned may have no summary) it has provisioned read or write units.
fn provisioned(t: &TableDescription) -> bool {
    match t.billing_mode_summary().and_then(|b| b.billing_mode()) {
        Some(m) => m.as_str() == "PROVISIONED",
        None => t.provisioned_throughput().is_some_and(|p| {
            p.read_capacity_units().unwrap_or(0) > 0 || p.write_capacity_units().unwrap_or(0) > 0
        }),
    }
}

/// What the plan's findings are computed from.
struct PlanFacts<'a> {
    /// The table bills provisioned capacity.
    provisioned: bool,
    /// Its own auto scaling (Application Auto Scaling), read only when it is provisioned
    /// (empty otherwise, and when it has none).
    scaling: Result<Vec<crate::aws::autoscaling::Scaling>, crate::aws::AwsError>,
    described: Option<&'a TableDescription>,
    table: &'a str,
    table_demand: &'a (Demand, Demand),
    gsi_demand: &'a [(String, (Demand, Demand))],
    pitr_on: bool,
    prices: plan::prices::Prices,
    today: chrono::NaiveDate,
}

/// `quarterly.forecast`, `quarterly.billing_mode`, `quarterly.table_class`.
fn plan_findings(f: &PlanFacts<'_>) -> Vec<Finding> {
    use plan::mode::{
        ModeInput, ResourceDemand, Rules, billing_mode_finding, compare, table_class_finding,
    };
    use plan::prices::TableClass;
    let (writes, reads) = f.table_demand;
    let horizon = plan::forecast::next_month_start(f.today);
    let w = plan::forecast::forecast(writes, horizon, 3);
    let r = plan::forecast::forecast(reads, horizon, 3);
    let od = f.described.and_then(|t| t.on_demand_throughput());
    let limit = |v: Option<i64>| {
        v.filter(|v| *v > 0)
            .map(|v| v as f64)
            .unwrap_or(crate::spec::ON_DEMAND_TABLE_QUOTA)
    };
    let limits = (
        limit(od.and_then(|o| o.max_write_request_units())),
        limit(od.and_then(|o| o.max_read_request_units())),
    );
    let mut out = vec![plan::forecast::finding(&w, &r, limits)];
    let own = |index: Option<&str>, dim: &str| {
        let id = crate::aws::autoscaling::resource_id(f.table, index);
        own_policy(f.scaling.as_ref().ok()?, &id, dim)
    };
    let mut resources = vec![ResourceDemand {
        name: f.table,
        reads,
        writes,
        write_policy: own(None, "write"),
        read_policy: own(None, "read"),
    }];
    resources.extend(f.gsi_demand.iter().map(|(name, (w, r))| ResourceDemand {
        name,
        reads: r,
        writes: w,
        write_policy: own(Some(name), "write"),
        read_policy: own(Some(name), "read"),
    }));
    let bytes = |t: &TableDescription| {
        t.table_size_bytes().unwrap_or(0)
            + t.global_secondary_indexes()
                .iter()
                .map(|g| g.index_size_bytes().unwrap_or(0))
                .sum::<i64>()
    };
    let storage_gb = f.described.map(bytes).unwrap_or(0) as f64 / 1e9;
    let table_gb = f.described.and_then(|t| t.table_size_bytes()).unwrap_or(0) as f64 / 1e9;
    let current = TableClass::from_aws(
        f.described
            .and_then(|t| t.table_class_summary())
            .and_then(|c| c.table_class())
            .map(|c| c.as_str()),
    )
    .unwrap_or(TableClass::Standard);
    let input = ModeInput {
        resources,
        storage_gb,
        pitr_gb: if f.pitr_on { table_gb } else { 0.0 },
        current_class: current,
        growth: 1.0,
    };
    match compare(&input, &f.prices, &Rules::default()) {
        Ok(c) => {
            let mut billing = billing_mode_finding(&c);
            match &f.scaling {
                Err(e) => billing.summary.push_str(&format!(
                    " (the table's own auto scaling could not be read: {e})"
                )),
                Ok(s) if s.is_empty() && f.provisioned => billing
                    .summary
                    .push_str(" (the table has no auto scaling policy)"),
                Ok(_) => {}
            }
            out.push(billing);
            out.push(table_class_finding(&c, current));
        }
        Err(e) => {
            for check in [CheckId::QuarterlyBillingMode, CheckId::QuarterlyTableClass] {
                out.push(Finding::unknown(
                    check,
                    format!("the quarter could not be priced: {}", e.0),
                ));
            }
        }
    }
    out
}

/// The first day of `d`'s month.
fn month_start(d: chrono::NaiveDate) -> chrono::NaiveDate {
    use chrono::Datelike;
    d.with_day(1).unwrap_or(d)
}

/// The tag to filter Cost Explorer by: the first of the table's tags (by key) whose key is an
/// active cost allocation tag.
pub(super) fn cost_tag<'a>(
    table_tags: &'a [(String, String)],
    active: &[String],
) -> Option<&'a (String, String)> {
    let mut tags: Vec<&(String, String)> = table_tags
        .iter()
        .filter(|(k, _)| active.iter().any(|a| a == k))
        .collect();
    tags.sort();
    tags.into_iter().next()
}

/// The engine's answer shape from what GetCostAndUsage returned.
fn cost_and_usage(
    months: &[crate::aws::costexplorer::CostMonth],
) -> plan::cost_trend::CostAndUsage {
    use plan::cost_trend::{CostAndUsage, DateInterval, Group, MetricValue, ResultByTime};
    CostAndUsage {
        results_by_time: months
            .iter()
            .map(|m| ResultByTime {
                time_period: DateInterval {
                    start: m.start,
                    end: m.end,
                },
                total: Default::default(),
                groups: m
                    .groups
                    .iter()
                    .map(|(usage, amount, unit)| Group {
                        keys: vec![usage.clone()],
                        metrics: [(
                            "UnblendedCost".to_owned(),
                            MetricValue {
                                amount: amount.clone(),
                                unit: unit.clone(),
                            },
                        )]
                        .into(),
                    })
                    .collect(),
                estimated: m.estimated,
            })
            .collect(),
    }
}

/// Cost Explorer's trend for the table: its tags and the account's active cost allocation tags
/// at once, then GetCostAndUsage (filtered by an active tag of the table when there is one: the
/// scope says which). `Err` says why Cost Explorer was not used.
async fn cost_explorer_trend(
    ctx: &Context,
    ddb: &aws_sdk_dynamodb::Client,
    table: Option<&TableDescription>,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Result<plan::cost_trend::CostTrend, String> {
    let sdk = ctx.sdk_config().await.map_err(|e| e.to_string())?;
    if let Some(url) = sdk.endpoint_url() {
        return Err(format!(
            "not called: an endpoint URL is set ({url}); Cost Explorer is only at AWS's ce.us-east-1 endpoint"
        ));
    }
    let region = sdk.region().map(|r| r.to_string()).unwrap_or_default();
    let ce = ctx.costexplorer().await.map_err(|e| e.to_string())?;
    let arn = table.and_then(|t| t.table_arn()).unwrap_or_default();
    let (tags, active) = tokio::join!(
        crate::aws::table::tags(ddb, arn),
        crate::aws::costexplorer::active_tags(ce)
    );
    let tags: Vec<(String, String)> = tags
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|t| (t.key, t.value))
        .collect();
    let active = active.map_err(|e| e.to_string())?;
    let tag = cost_tag(&tags, &active);
    let scope = match tag {
        Some((k, v)) => {
            format!("DynamoDB in {region} tagged {k}={v} (an active cost allocation tag)")
        }
        None => format!(
            "all of DynamoDB in {region}: the table has no tag that is an active cost allocation tag"
        ),
    };
    let months = crate::aws::costexplorer::monthly_cost(
        ce,
        &region,
        tag.map(|(k, v)| (k.as_str(), v.as_str())),
        from,
        to,
    )
    .await
    .map_err(|e| e.to_string())?;
    plan::cost_trend::from_cost_explorer(&cost_and_usage(&months), "UnblendedCost", &scope, today)
}

/// The estimate: each complete month's consumed units (table and GSIs, daily sums) and the
/// table's size now, at list prices.
async fn estimated_trend(
    cw: &aws_sdk_cloudwatch::Client,
    ddb: &aws_sdk_dynamodb::Client,
    table: Option<&TableDescription>,
    name: &str,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    prices: &plan::prices::Prices,
) -> Result<plan::cost_trend::CostTrend, String> {
    use plan::cost_trend::{MonthUsage, ProvisionedHours, from_usage};
    let gsis = crate::aws::table::gsi_names(table);
    let mut keys = vec![
        MetricKey::table("ConsumedWriteCapacityUnits", name, Stat::Sum),
        MetricKey::table("ConsumedReadCapacityUnits", name, Stat::Sum),
    ];
    for g in &gsis {
        keys.push(MetricKey::gsi(
            "ConsumedWriteCapacityUnits",
            name,
            g,
            Stat::Sum,
        ));
        keys.push(MetricKey::gsi(
            "ConsumedReadCapacityUnits",
            name,
            g,
            Stat::Sum,
        ));
    }
    let at = |d: chrono::NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    let (Some(start), Some(end)) = (at(from), at(to)) else {
        return Err("no complete month".into());
    };
    let window = Window {
        start,
        end,
        period: 86_400,
    };
    let (set, backups) = tokio::join!(
        metrics::fetch(cw, window, &keys),
        crate::aws::table::describe_backups(ddb, name)
    );
    let set = set.map_err(|e| format!("consumed capacity could not be read: {e}"))?;
    let pitr = matches!(&backups, Ok(Some(b)) if b.point_in_time_recovery_description().and_then(|p| p.point_in_time_recovery_status()).map(|s| s.as_str()) == Some("ENABLED"));
    let table_gb = table.and_then(|t| t.table_size_bytes()).unwrap_or(0) as f64 / 1e9;
    let index_gb = table
        .map(|t| {
            t.global_secondary_indexes()
                .iter()
                .map(|g| g.index_size_bytes().unwrap_or(0))
                .sum::<i64>()
        })
        .unwrap_or(0) as f64
        / 1e9;
    let provisioned = table
        .and_then(|t| t.billing_mode_summary())
        .and_then(|b| b.billing_mode())
        .map(|m| m.as_str() == "PROVISIONED")
        .unwrap_or(false);
    let sum_in = |key: &MetricKey, a: chrono::NaiveDate, b: chrono::NaiveDate| -> f64 {
        set.get(key)
            .map(|s| {
                s.points
                    .iter()
                    .filter(|(t, _)| t.date_naive() >= a && t.date_naive() < b)
                    .map(|(_, v)| v)
                    .sum()
            })
            .unwrap_or(0.0)
    };
    let mut usage = Vec::new();
    let mut m = from;
    while m < to {
        let next = m.checked_add_months(chrono::Months::new(1)).unwrap_or(to);
        let hours = (next - m).num_hours() as f64;
        let gsi = |metric: &str| -> f64 {
            gsis.iter()
                .map(|g| sum_in(&MetricKey::gsi(metric, name, g, Stat::Sum), m, next))
                .sum()
        };
        let throughput = table.and_then(|t| t.provisioned_throughput());
        usage.push(MonthUsage {
            month: m,
            write_units: sum_in(&keys[0], m, next),
            read_units: sum_in(&keys[1], m, next),
            gsi_write_units: gsi("ConsumedWriteCapacityUnits"),
            gsi_read_units: gsi("ConsumedReadCapacityUnits"),
            storage_gb: table_gb + index_gb,
            pitr_gb: if pitr { table_gb } else { 0.0 },
            provisioned: provisioned.then(|| ProvisionedHours {
                wcu_hours: throughput
                    .and_then(|p| p.write_capacity_units())
                    .unwrap_or(0) as f64
                    * hours,
                rcu_hours: throughput
                    .and_then(|p| p.read_capacity_units())
                    .unwrap_or(0) as f64
                    * hours,
                gsi_wcu_hours: 0.0,
                gsi_rcu_hours: 0.0,
            }),
        });
        m = next;
    }
    let class = plan::prices::TableClass::from_aws(
        table
            .and_then(|t| t.table_class_summary())
            .and_then(|c| c.table_class())
            .map(|c| c.as_str()),
    )
    .unwrap_or(plan::prices::TableClass::Standard);
    Ok(from_usage(&usage, prices, class))
}

/// Monthly 1: the last three complete months' cost from Cost Explorer, else estimated from
/// consumed units and storage at list prices (labelled so, with why Cost Explorer was not
/// used); warn on a month-over-month rise above `cost_jump` percent.
pub(super) async fn cost_part(
    ctx: &Context,
    now: DateTime<Utc>,
    prices: &PriceArgs,
    cost_jump: f64,
) -> Part {
    let runbook = "Monthly 1: Review cost trends";
    let unknown = |why: String| {
        Part::new(
            "cost",
            runbook,
            vec![Finding::unknown(CheckId::CostTrend, why)],
        )
    };
    let (ddb, cw) = match (ctx.dynamodb().await, ctx.cloudwatch().await) {
        (Ok(d), Ok(c)) => (d, c),
        (Err(e), _) | (_, Err(e)) => return unknown(format!("no AWS client: {e}")),
    };
    let table = match crate::aws::table::describe(ddb, ctx.table()).await {
        Ok(t) => t,
        Err(e) => return unknown(format!("could not describe the table: {e}")),
    };
    let today = now.date_naive();
    let to = month_start(today);
    let from = to.checked_sub_months(chrono::Months::new(3)).unwrap_or(to);
    let list = plan_prices(prices);
    let (explorer, estimate) = tokio::join!(
        cost_explorer_trend(ctx, ddb, table.as_ref(), from, to, today),
        estimated_trend(cw, ddb, table.as_ref(), ctx.table(), from, to, &list)
    );
    let rules = plan::cost_trend::TrendRules {
        jump_fraction: cost_jump / 100.0,
        ..Default::default()
    };
    let (trend, why) = match (explorer, estimate) {
        (Ok(t), _) => (t, None),
        (Err(why), Ok(t)) => (t, Some(why)),
        (Err(why), Err(e)) => {
            return unknown(format!("no cost: Cost Explorer {why}; the estimate: {e}"));
        }
    };
    let mut part = Part::new(
        "cost",
        runbook,
        vec![plan::cost_trend::finding(&trend, &rules)],
    );
    let mut lines: Vec<String> = trend
        .months
        .iter()
        .map(|m| {
            let drivers: Vec<String> = m
                .by_driver
                .iter()
                .filter(|(_, v)| **v > 0.005)
                .map(|(d, v)| format!("{} ${v:.2}", d.label()))
                .collect();
            format!("{}: ${:.2} ({})", m.month, m.total_usd, drivers.join(", "))
        })
        .collect();
    if let Some(why) = why {
        lines.push(format!(
            "Estimated at list prices (storage at today's size): Cost Explorer {why}"
        ));
    }
    part.sections
        .push(Section::lines("Cost, last three complete months", lines));
    part
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_costexplorer::operation::get_cost_and_usage::GetCostAndUsageOutput;
    use aws_sdk_costexplorer::operation::list_cost_allocation_tags::ListCostAllocationTagsOutput;
    use aws_sdk_costexplorer::types::{
        CostAllocationTag, CostAllocationTagStatus, CostAllocationTagType, DateInterval, Group,
        MetricValue, ResultByTime,
    };
    use aws_sdk_dynamodb::types::Tag;
    use aws_smithy_mocks::{RuleMode, mock, mock_client};

    use crate::context::OutputSettings;
    use crate::report::Status;
    use crate::spec::Names;

    fn ctx() -> Context {
        let sdk = aws_config::SdkConfig::builder()
            .region(aws_config::Region::new("eu-west-1"))
            .behavior_version(aws_config::BehaviorVersion::latest())
            .build();
        let output = OutputSettings {
            format: crate::output::Format::Json,
            quiet: true,
            verbose: 0,
            progress: false,
            color: false,
            interactive: false,
        };
        Context::with_sdk_config(Names::derive("p", "prod", None), output, sdk)
    }

    fn month(start: chrono::NaiveDate, writes: &str, storage: &str) -> ResultByTime {
        let end = start.checked_add_months(chrono::Months::new(1)).unwrap();
        let group = |usage: &str, amount: &str| {
            Group::builder()
                .keys(usage)
                .metrics(
                    "UnblendedCost",
                    MetricValue::builder().amount(amount).unit("USD").build(),
                )
                .build()
        };
        ResultByTime::builder()
            .time_period(
                DateInterval::builder()
                    .start(start.format("%Y-%m-%d").to_string())
                    .end(end.format("%Y-%m-%d").to_string())
                    .build()
                    .unwrap(),
            )
            .groups(group("EU-WriteRequestUnits", writes))
            .groups(group("EU-TimedStorage-ByteHrs", storage))
            .estimated(false)
            .build()
    }

    /// Recorded: Cost Explorer's answer for a table whose `cost-center` tag is an active cost
    /// allocation tag (its `team` tag is not): the query is filtered by it and by the Region,
    /// and a 60% rise in writes warns.
    #[tokio::test]
    async fn recorded_cost_explorer_by_the_active_tag_and_a_jump_warns() {
        let c = ctx();
        let table = TableDescription::builder()
            .table_name("p-prod-events")
            .table_arn("arn:aws:dynamodb:eu-west-1:111122223333:table/p-prod-events")
            .build();
        let describe = mock!(aws_sdk_dynamodb::Client::describe_table).then_output(move || {
            aws_sdk_dynamodb::operation::describe_table::DescribeTableOutput::builder()
                .table(table.clone())
                .build()
        });
        let tags = mock!(aws_sdk_dynamodb::Client::list_tags_of_resource).then_output(|| {
            aws_sdk_dynamodb::operation::list_tags_of_resource::ListTagsOfResourceOutput::builder()
                .tags(Tag::builder().key("team").value("events").build().unwrap())
                .tags(
                    Tag::builder()
                        .key("cost-center")
                        .value("cc-42")
                        .build()
                        .unwrap(),
                )
                .build()
        });
        let backups = mock!(aws_sdk_dynamodb::Client::describe_continuous_backups).then_output(|| {
            aws_sdk_dynamodb::operation::describe_continuous_backups::DescribeContinuousBackupsOutput::builder().build()
        });
        c.preset_dynamodb(mock_client!(
            aws_sdk_dynamodb,
            RuleMode::MatchAny,
            &[&describe, &tags, &backups]
        ));
        let active = mock!(aws_sdk_costexplorer::Client::list_cost_allocation_tags)
            .match_requests(|r| r.status() == Some(&CostAllocationTagStatus::Active))
            .then_output(|| {
                ListCostAllocationTagsOutput::builder()
                    .cost_allocation_tags(
                        CostAllocationTag::builder()
                            .tag_key("cost-center")
                            .r#type(CostAllocationTagType::UserDefined)
                            .status(CostAllocationTagStatus::Active)
                            .build()
                            .unwrap(),
                    )
                    .build()
            });
        let today = Utc::now().date_naive();
        let this = month_start(today);
        let m = move |k: u32| this.checked_sub_months(chrono::Months::new(k)).unwrap();
        let cost = mock!(aws_sdk_costexplorer::Client::get_cost_and_usage)
            .match_requests(|r| {
                let f = r.filter().unwrap();
                let tag = f.and().iter().find_map(|e| e.tags());
                let region = f
                    .and()
                    .iter()
                    .filter_map(|e| e.dimensions())
                    .any(|d| d.values() == ["eu-west-1"]);
                region
                    && tag
                        .is_some_and(|t| t.key() == Some("cost-center") && t.values() == ["cc-42"])
            })
            .then_output(move || {
                GetCostAndUsageOutput::builder()
                    .results_by_time(month(m(3), "50", "10"))
                    .results_by_time(month(m(2), "50", "10"))
                    .results_by_time(month(m(1), "90", "10"))
                    .build()
            });
        c.preset_costexplorer(mock_client!(
            aws_sdk_costexplorer,
            RuleMode::MatchAny,
            &[&active, &cost]
        ));
        let metrics = mock!(aws_sdk_cloudwatch::Client::get_metric_data).then_output(|| {
            aws_sdk_cloudwatch::operation::get_metric_data::GetMetricDataOutput::builder().build()
        });
        c.preset_cloudwatch(mock_client!(
            aws_sdk_cloudwatch,
            RuleMode::MatchAny,
            &[&metrics]
        ));
        let prices = PriceArgs {
            price_per_million_wru: 0.625,
            price_per_million_rru: 0.125,
            price_per_wcu_hour: 0.00065,
            price_per_rcu_hour: 0.00013,
        };
        let part = cost_part(&c, Utc::now(), &prices, 25.0).await;
        assert_eq!(
            cost.num_calls(),
            1,
            "filtered by the active tag and the Region"
        );
        let f = &part.findings[0];
        assert_eq!(f.status, Status::Warn, "{}", f.summary);
        assert!(f.summary.contains("+67%"), "{}", f.summary);
        assert!(
            f.summary.contains("(Cost Explorer, DynamoDB in eu-west-1 tagged cost-center=cc-42 (an active cost allocation tag))"),
            "{}",
            f.summary
        );
        // At 80% the same rise is ok.
        let part = cost_part(&c, Utc::now(), &prices, 80.0).await;
        assert_eq!(part.findings[0].status, Status::Ok);
    }

    /// Recorded: Cost Explorer refuses the caller (AccessDenied): the estimate at list prices,
    /// labelled so, with why, from the consumed units of each complete month.
    #[tokio::test]
    async fn recorded_cost_explorer_denied_falls_back_to_the_labelled_estimate() {
        let c = ctx();
        let table = TableDescription::builder()
            .table_name("p-prod-events")
            .table_arn("arn:aws:dynamodb:eu-west-1:111122223333:table/p-prod-events")
            .build();
        let describe = mock!(aws_sdk_dynamodb::Client::describe_table).then_output(move || {
            aws_sdk_dynamodb::operation::describe_table::DescribeTableOutput::builder()
                .table(table.clone())
                .build()
        });
        let tags = mock!(aws_sdk_dynamodb::Client::list_tags_of_resource).then_output(|| {
            aws_sdk_dynamodb::operation::list_tags_of_resource::ListTagsOfResourceOutput::builder()
                .build()
        });
        let backups = mock!(aws_sdk_dynamodb::Client::describe_continuous_backups).then_output(|| {
            aws_sdk_dynamodb::operation::describe_continuous_backups::DescribeContinuousBackupsOutput::builder().build()
        });
        c.preset_dynamodb(mock_client!(
            aws_sdk_dynamodb,
            RuleMode::MatchAny,
            &[&describe, &tags, &backups]
        ));
        let denied = mock!(aws_sdk_costexplorer::Client::list_cost_allocation_tags).then_error(|| {
            aws_sdk_costexplorer::operation::list_cost_allocation_tags::ListCostAllocationTagsError::generic(
                aws_smithy_types::error::ErrorMetadata::builder()
                    .code("AccessDeniedException")
                    .message("User: arn:aws:sts::111122223333:assumed-role/oncall/x is not authorized to perform: ce:ListCostAllocationTags")
                    .build(),
            )
        });
        c.preset_costexplorer(mock_client!(
            aws_sdk_costexplorer,
            RuleMode::MatchAny,
            &[&denied]
        ));
        // Each day of the last three complete months: 1 million write units, then 2 million
        // in the last month.
        let this = month_start(Utc::now().date_naive());
        let metrics =
            mock!(aws_sdk_cloudwatch::Client::get_metric_data).then_compute_output(move |r| {
                let last = this.checked_sub_months(chrono::Months::new(1)).unwrap();
                let mut results = Vec::new();
                for q in r.metric_data_queries() {
                    let stat = q.metric_stat().unwrap();
                    let metric = stat.metric().unwrap();
                    let mut out = aws_sdk_cloudwatch::types::MetricDataResult::builder()
                        .id(q.id().unwrap())
                        .status_code(aws_sdk_cloudwatch::types::StatusCode::Complete);
                    if metric.metric_name() == Some("ConsumedWriteCapacityUnits") {
                        let mut t = r.start_time().unwrap().secs();
                        while t < r.end_time().unwrap().secs() {
                            let day = DateTime::from_timestamp(t, 0).unwrap().date_naive();
                            let v = if day >= last { 2e6 } else { 1e6 };
                            out = out
                                .timestamps(aws_smithy_types::DateTime::from_secs(t))
                                .values(v);
                            t += 86_400;
                        }
                    }
                    results.push(out.build());
                }
                aws_sdk_cloudwatch::operation::get_metric_data::GetMetricDataOutput::builder()
                    .set_metric_data_results(Some(results))
                    .build()
            });
        c.preset_cloudwatch(mock_client!(
            aws_sdk_cloudwatch,
            RuleMode::MatchAny,
            &[&metrics]
        ));
        let prices = PriceArgs {
            price_per_million_wru: 0.625,
            price_per_million_rru: 0.125,
            price_per_wcu_hour: 0.00065,
            price_per_rcu_hour: 0.00013,
        };
        let part = cost_part(&c, Utc::now(), &prices, 25.0).await;
        let f = &part.findings[0];
        assert_eq!(f.status, Status::Warn, "{}", f.summary);
        assert!(
            f.summary
                .ends_with("(estimated from consumed units and storage at list prices)"),
            "{}",
            f.summary
        );
        let Section::Lines { lines, .. } = &part.sections[0] else {
            panic!("a lines section")
        };
        assert!(
            lines.last().unwrap().contains("Cost Explorer")
                && lines.last().unwrap().contains("AccessDenied"),
            "{lines:?}"
        );
    }

    #[test]
    fn only_an_active_tag_of_the_table_filters() {
        let tags = [
            ("team".to_owned(), "events".to_owned()),
            ("cost-center".to_owned(), "cc-42".to_owned()),
        ];
        assert_eq!(
            cost_tag(&tags, &["cost-center".into(), "other".into()]),
            Some(&tags[1])
        );
        assert_eq!(cost_tag(&tags, &["other".into()]), None);
    }

    /// Cost Explorer has one endpoint: the SDK sends a call for any Region of the `aws`
    /// partition to `ce.us-east-1.amazonaws.com`, signed for us-east-1.
    #[test]
    fn cost_explorer_is_called_at_us_east_1_whatever_the_region() {
        use aws_sdk_costexplorer::config::endpoint::{DefaultResolver, Params, ResolveEndpoint};
        let params = Params::builder()
            .region("eu-west-1".to_string())
            .use_fips(false)
            .build()
            .unwrap();
        let endpoint =
            futures::executor::block_on(DefaultResolver::new().resolve_endpoint(&params)).unwrap();
        assert_eq!(endpoint.url(), "https://ce.us-east-1.amazonaws.com");
    }
}

#[cfg(test)]
mod scaling_tests {
    use super::*;
    use crate::aws::autoscaling::Scaling;
    use crate::plan::demand::Demand;

    /// Issue 26: the capacity plan simulates a provisioned table with its own auto scaling
    /// (Application Auto Scaling's target, min and max) and says which it used; a table with
    /// no policy, or whose policy could not be read, gets the default 70% and says why.
    #[test]
    fn the_plan_simulates_the_tables_own_auto_scaling_and_says_which() {
        let n = 7 * 24 * 60;
        let writes = Demand {
            start: Utc::now() - chrono::Duration::days(7),
            units: vec![Some(600.0); n],
            resolution: vec![60; n],
            consumed_units: 600.0 * n as f64,
            throttled_units: 0.0,
            units_per_event: 1.0,
        };
        let demand = (writes.clone(), writes.scaled(0.0));
        let billing = |scaling| {
            let f = PlanFacts {
                provisioned: true,
                scaling,
                described: None,
                table: "t",
                table_demand: &demand,
                gsi_demand: &[],
                pitr_on: false,
                prices: plan::prices::Prices::default(),
                today: Utc::now().date_naive(),
            };
            plan_findings(&f)
                .into_iter()
                .find(|x| x.check == CheckId::QuarterlyBillingMode)
                .unwrap()
                .summary
        };
        let own = billing(Ok(vec![Scaling {
            resource_id: "table/t".into(),
            dimension: "write",
            min: 5.0,
            max: 500.0,
            target_percent: Some(50.0),
        }]));
        assert!(
            own.contains("the table's own auto scaling where it has one (t write target 50%, 5 to 500 units), the default auto scaling policy (target 70%) for the rest"),
            "{own}"
        );
        let none = billing(Ok(Vec::new()));
        assert!(
            none.contains(
                "provisioned simulated with the default auto scaling policy (target 70%)"
            ) && none.contains("(the table has no auto scaling policy)"),
            "{none}"
        );
        let denied = billing(Err(crate::aws::AwsError::local(
            crate::aws::AwsErrorKind::AccessDenied,
            "application-autoscaling",
            "DescribeScalableTargets",
            None,
            "denied",
        )));
        assert!(
            denied.contains("default auto scaling policy (target 70%)")
                && denied.contains("could not be read: AccessDenied on application-autoscaling:DescribeScalableTargets"),
            "{denied}"
        );
        // A policy the simulation cannot run (a target outside 20%–90%) is not used.
        let odd = [Scaling {
            resource_id: "table/t".into(),
            dimension: "read",
            min: 1.0,
            max: 10.0,
            target_percent: Some(95.0),
        }];
        assert_eq!(own_policy(&odd, "table/t", "read"), None);
        assert_eq!(own_policy(&odd, "table/t", "write"), None);
    }
}
