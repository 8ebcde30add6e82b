//! `health-check monthly` and `health-check quarterly`: the runbook's maintenance procedures,
//! every independent part gathered concurrently, one report, the worst status as exit code.

use crate::aws::metrics::Stat;
use crate::report::CheckId;
use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::data_schema::shape;
use super::registry::{Kind, Leaf, Limit, Production, ReportFile, When, minutes, plus};
use crate::aws::metrics::{self, MetricKey, Window};
use crate::checks::capacity::{
    self, Prices, consumed_keys, consumed_units, cost, cost_finding, daily,
};
use crate::checks::quarterly::{self, GsiUsage, KeySample};
use crate::checks::{alarms as alarm_checks, latency, stream, table, throttling, ttl};
use crate::cli::{Command, HealthCommand};
use crate::cli::{MonthlyArgs, PriceArgs, QuarterlyArgs};
use crate::context::Context;
use crate::events::scan::{ScanSpec, start};
use crate::report::{Attachment, ChartSeries, Finding, Report, Section, Status};
use crate::spec::{self, PARTITION_KEY};

/// `--restore-test` runs a drill (its own tagged table, created and deleted): six hours more.
pub(crate) static MONTHLY: Leaf<MonthlyArgs> = Leaf::new(
    "health-check monthly",
    Kind::Check,
    |c| match c {
        Command::HealthCheck(HealthCommand::Monthly(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(monthly(ctx, a).await?.into()) }),
)
.limit(Limit::By(|a| {
    if a.restore_test {
        plus(Duration::hours(6), 15)
    } else {
        Some(minutes(15))
    }
}))
.judges_table(When::Always)
.report_file(|a| {
    Some(ReportFile {
        path: a.report.as_deref()?,
        force: a.force,
        drill: false,
    })
})
.production(Production::PerFlag(&[
    ("--restore-test", Production::OwnResources { with: &[] }),
    ("--alarm-test", Production::NeedsYes { with: &[] }),
]))
.data(shape::<MonthlyData>);

pub(crate) static QUARTERLY: Leaf<QuarterlyArgs> = Leaf::new(
    "health-check quarterly",
    Kind::Check,
    |c| match c {
        Command::HealthCheck(HealthCommand::Quarterly(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(quarterly(ctx, a).await?.into()) }),
)
.limit(Limit::Minutes(15))
.judges_table(When::If(|a| a.export.from_export.is_none()))
.report_file(|a| {
    Some(ReportFile {
        path: a.report.as_deref()?,
        force: a.force,
        drill: false,
    })
})
.data(shape::<QuarterlyData<'static>>);

fn prices(p: &PriceArgs) -> Prices {
    Prices {
        per_million_wru: p.price_per_million_wru,
        per_million_rru: p.price_per_million_rru,
        per_wcu_hour: p.price_per_wcu_hour,
        per_rcu_hour: p.price_per_rcu_hour,
    }
}

/// One part of a health check: its findings and views.
pub(super) struct Part {
    pub name: &'static str,
    pub runbook: &'static str,
    pub findings: Vec<Finding>,
    pub sections: Vec<Section>,
}

impl Part {
    pub(super) fn new(name: &'static str, runbook: &'static str, findings: Vec<Finding>) -> Part {
        Part {
            name,
            runbook,
            findings,
            sections: Vec::new(),
        }
    }
}

fn summary_row(p: &Part) -> Vec<String> {
    let status = Status::worst(p.findings.iter().map(|f| f.status));
    let headline = p
        .findings
        .iter()
        .filter(|f| f.status == status)
        .map(|f| f.summary.clone())
        .next()
        .unwrap_or_default();
    vec![
        p.name.to_owned(),
        status.as_str().to_uppercase(),
        p.findings.len().to_string(),
        headline,
        p.runbook.to_owned(),
    ]
}

/// A part in a health check's `data`: its worst status and how many checks it holds.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "HealthPartSummary")]
struct PartSummary {
    part: &'static str,
    /// The worst status of its checks (`ok` when it holds none).
    status: Status,
    /// How many checks (findings) it holds.
    checks: usize,
}

/// `health-check monthly`'s `data`.
#[derive(Serialize, schemars::JsonSchema)]
struct MonthlyData {
    parts: Vec<PartSummary>,
    generated_for: MonthEnding,
}

#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "HealthMonthEnding")]
struct MonthEnding {
    /// When the check ran: the month it covers ends here.
    month_ending: String,
}

/// `health-check quarterly`'s `data`: the parts and the prices the costs were computed with.
#[derive(Serialize, schemars::JsonSchema)]
struct QuarterlyData<'a> {
    parts: Vec<PartSummary>,
    prices: &'a Prices,
}

/// The report of the parts, and their summaries for the `data`.
fn assemble(mut report: Report, parts: Vec<Part>) -> (Report, Vec<PartSummary>) {
    report.lead.push(Section::table(
        "Summary",
        &["PART", "STATUS", "CHECKS", "WORST", "RUNBOOK"],
        parts.iter().map(summary_row).collect(),
    ));
    let summaries = parts
        .iter()
        .map(|p| PartSummary {
            part: p.name,
            status: Status::worst(p.findings.iter().map(|f| f.status)),
            checks: p.findings.len(),
        })
        .collect();
    for p in parts {
        report.extend(p.findings);
        for s in p.sections {
            report.section(s);
        }
    }
    (report, summaries)
}

async fn capacity_part(ctx: &Context, since: Duration, p: &Prices) -> anyhow::Result<Part> {
    let table = ctx.table().to_owned();
    let described = match crate::aws::table::describe(ctx.dynamodb().await?, &table).await {
        Ok(d) => d,
        // Without the table's indexes the capacity cannot be summed: unknown, not an error that
        // ends the whole health check.
        Err(e) => {
            return Ok(Part {
                name: "capacity",
                runbook: "Monthly 1: Review Capacity Trends",
                findings: vec![Finding::unknown(
                    CheckId::CapacityPeak,
                    format!("could not describe the table: {e}"),
                )],
                sections: Vec::new(),
            });
        }
    };
    let gsis = crate::aws::table::gsi_names(described.as_ref());
    let od = described.as_ref().and_then(|t| t.on_demand_throughput());
    let keys = consumed_keys(&table, &gsis);
    let window = Window::last_at(since, Utc::now(), 300);
    let mut sections = Vec::new();
    let m = metrics::fetch(ctx.cloudwatch().await?, window, &keys).await;
    let findings = capacity::evaluate(
        m.as_ref(),
        &table,
        &gsis,
        (
            od.and_then(|o| o.max_write_request_units()),
            od.and_then(|o| o.max_read_request_units()),
        ),
        p,
    );
    if let Ok(m) = &m {
        let w = daily(
            m,
            &MetricKey::table("ConsumedWriteCapacityUnits", &table, Stat::Sum),
        );
        let r = daily(
            m,
            &MetricKey::table("ConsumedReadCapacityUnits", &table, Stat::Sum),
        );
        sections.push(Section::Chart {
            title: format!(
                "Consumed capacity per day, last {} (units)",
                crate::times::human(window.length())
            ),
            series: vec![
                ChartSeries {
                    label: "write units/day".into(),
                    unit: String::new(),
                    values: w.iter().map(|(_, v)| Some(*v)).collect(),
                    target: None,
                },
                ChartSeries {
                    label: "read units/day".into(),
                    unit: String::new(),
                    values: r.iter().map(|(_, v)| Some(*v)).collect(),
                    target: None,
                },
            ],
        });
    }
    Ok(Part {
        name: "capacity",
        runbook: "Monthly 1: Review Capacity Trends",
        findings,
        sections,
    })
}

/// What the monthly check gathered, each part at the same time.
struct Monthly {
    throttle: throttling::ThrottleFacts,
    ttl: ttl::TtlFacts,
    stream: stream::StreamFacts,
    table: table::TableFacts,
    alarms: alarm_checks::AlarmGather,
    /// Monthly 4's backtest of those alarms, run as soon as they were described.
    backtest: anyhow::Result<(Vec<Finding>, Vec<Section>)>,
    changes: super::changes::Recent,
    /// Monthly 5.
    iam: Part,
    /// Monthly 1's cost trend.
    cost: Part,
}

/// Capacity, throttling, TTL, stream, PITR, alarms, the table and its changes, concurrently.
async fn gather_monthly(
    ctx: &Context,
    args: &MonthlyArgs,
    p: &Prices,
    now: DateTime<Utc>,
) -> anyhow::Result<(Part, Monthly)> {
    let month = Duration::days(30);
    let (ddb, bulk, cw) = (
        ctx.dynamodb().await?,
        ctx.dynamodb_bulk().await?,
        ctx.cloudwatch().await?,
    );
    let (streams, lambda) = (ctx.streams().await?, ctx.lambda().await?);
    let spinner = ctx
        .progress()
        .spinner("monthly health check: every part at once (CloudTrail lookups: two a second)");
    let table_name = ctx.table();
    // The CloudTrail lookups first: paced to two a second, they are the longest part.
    let (
        changes,
        capacity,
        throttle,
        ttl_facts,
        stream_facts,
        table_facts,
        (alarm_facts, backtest),
        iam,
        cost,
    ) = tokio::join!(
        super::changes::recent(
            ctx,
            month,
            crate::checks::changes::ALL,
            std::future::pending()
        ),
        capacity_part(ctx, month, p),
        throttling::gather(ddb, cw, &ctx.names, month, now),
        ttl::gather_sample(ddb, bulk, cw, table_name, args.sample as usize, 48 * 3600),
        stream::gather(ddb, streams, lambda, cw, table_name),
        table::gather(ddb, &ctx.names, table_name),
        async {
            let alarms = alarm_checks::gather(ddb, cw, lambda, &ctx.names).await;
            let backtest = super::alarms_backtest::monthly(ctx, &alarms, now).await;
            (alarms, backtest)
        },
        super::health_review::iam_part(ctx, args.advisor_wait),
        super::health_review::cost_part(ctx, now, &args.prices, args.cost_jump),
    );
    spinner.finish_and_clear();
    let monthly = Monthly {
        throttle,
        ttl: ttl_facts,
        stream: stream_facts,
        table: table_facts,
        alarms: alarm_facts,
        backtest,
        changes,
        iam,
        cost,
    };
    Ok((capacity?, monthly))
}

/// A part with findings only.
fn part(name: &'static str, runbook: &'static str, findings: Vec<Finding>) -> Part {
    Part {
        name,
        runbook,
        findings,
        sections: Vec::new(),
    }
}

/// The monthly parts, each judged by its check (the table's status and capacity are the
/// table's and capacity's parts, not throttling's).
fn monthly_parts(capacity: Part, m: &Monthly, alarm_prefix: &str, now: DateTime<Utc>) -> Vec<Part> {
    let throttle_findings: Vec<Finding> = throttling::evaluate_month(&m.throttle, now)
        .into_iter()
        .filter(|f| {
            !matches!(
                f.check,
                CheckId::ThrottlingTableStatus | CheckId::ThrottlingCapacity
            )
        })
        .collect();
    vec![
        capacity,
        part(
            "throttling",
            "Monthly 1: no sustained throttling",
            throttle_findings,
        ),
        part(
            "ttl",
            "Monthly 2: Verify TTL Deletion",
            ttl::evaluate(&m.ttl),
        ),
        part(
            "stream",
            "Issue 3 (stream and consumer)",
            stream::evaluate(&m.stream),
        ),
        part(
            "pitr",
            "Monthly 3 / Disaster Recovery",
            vec![crate::checks::pitr::window(
                &m.table.backups,
                &crate::checks::pitr::PitrOn {
                    trail: m.changes.pitr,
                    table_created: m
                        .table
                        .table
                        .as_ref()
                        .ok()
                        .and_then(|t| t.as_ref())
                        .and_then(|t| t.creation_date_time())
                        .map(crate::aws::metrics::from_smithy),
                },
                Utc::now(),
            )],
        ),
        part(
            "alarms",
            "Monthly 4: Review Alarms",
            alarm_checks::evaluate(&m.alarms.facts, alarm_prefix),
        ),
        part(
            "table",
            "Architecture Summary",
            table::evaluate(&m.table, &spec::table()),
        ),
    ]
}

/// `--restore-test`: a drill's findings, or unknown when it could not run.
async fn drill_part(ctx: &Context) -> Part {
    let settings = crate::dr::drill::DrillSettings::default();
    let drill = match super::restore::drill_report(ctx, &settings).await {
        Ok(r) => r.findings,
        Err(e) => vec![Finding::unknown(
            CheckId::DrillRun,
            format!("the restore drill failed: {e:#}"),
        )],
    };
    part("restore drill", "Monthly 3: Test PITR Restore", drill)
}

/// Monthly 4's parts beside the alarms' own: the backtest (always: it reads metrics only) and,
/// with `--alarm-test`, the alarm test.
async fn monthly_alarm_parts(
    ctx: &Context,
    args: &MonthlyArgs,
    m: &mut Monthly,
    parts: &mut Vec<Part>,
) -> anyhow::Result<()> {
    let backtest = std::mem::replace(&mut m.backtest, Ok((Vec::new(), Vec::new())));
    let (findings, sections) = backtest?;
    // Beside the alarms' own part: the same alarms, replayed.
    let at = parts
        .iter()
        .position(|p| p.name == "alarms")
        .map_or(parts.len(), |i| i + 1);
    parts.insert(
        at,
        Part {
            name: "alarm backtest",
            runbook: "Monthly 4: update thresholds based on usage patterns",
            findings,
            sections,
        },
    );
    if args.alarm_test {
        let (findings, sections) =
            super::alarms_test::monthly(ctx, &m.alarms, args.alarm_test_wait, args.dry_run).await?;
        parts.insert(
            at + 1,
            Part {
                name: "alarm test",
                runbook: "Monthly 4: verify all alarms are functional",
                findings,
                sections,
            },
        );
    }
    Ok(())
}

pub(crate) async fn monthly(ctx: &Context, args: &MonthlyArgs) -> anyhow::Result<Report> {
    // The alarm test pages people: on production only with --yes (or as a dry run), checked
    // before any AWS call (the descriptor's rule for --alarm-test, docs/safety.md).
    if args.alarm_test {
        crate::safety::guard_write(
            &ctx.names,
            "health-check monthly --alarm-test (it pages people)",
            args.yes,
            args.dry_run,
        )?;
    }
    let now = Utc::now();
    let p = prices(&args.prices);
    let (capacity, mut m) = gather_monthly(ctx, args, &p, now).await?;
    let alarm_prefix = format!("{}-{}-", ctx.names.prefix, ctx.names.env);
    let mut parts = monthly_parts(capacity, &m, &alarm_prefix, now);
    monthly_alarm_parts(ctx, args, &mut m, &mut parts).await?;
    parts.push(m.cost);
    parts.push(m.iam);
    if args.restore_test {
        parts.push(drill_part(ctx).await);
    }
    // What CloudTrail could not show is unknown here, not an ok part with no checks.
    let mut change_findings = vec![m.changes.trail];
    change_findings.extend(m.changes.findings);
    parts.push(part(
        "changes",
        "Beyond the runbook: what changed this month",
        change_findings,
    ));
    let (mut report, parts) = assemble(Report::check("health-check monthly"), parts);
    report.notes.extend(m.alarms.notes);
    report.note(m.changes.note);
    if !args.restore_test {
        report.note("Monthly 3's restore test runs with --restore-test: a tagged drill table is restored, verified, timed and deleted.");
    }
    report.set_data(&MonthlyData {
        parts,
        generated_for: MonthEnding {
            month_ending: crate::times::stamp(now),
        },
    })?;
    report.correct(spec::corrections::user_errors());
    report.correct(spec::corrections::ttl_timing());
    if let Some(path) = &args.report {
        report.attachments.push(Attachment {
            path: path.clone(),
            markdown: true,
        });
    }
    Ok(report)
}

/// One value over the whole window (period = the window), per percentile and operation.
async fn quarter_latency(
    ctx: &Context,
    start: chrono::DateTime<Utc>,
    end: chrono::DateTime<Utc>,
) -> Result<quarterly::Percentiles, crate::aws::AwsError> {
    let keys = latency::metric_keys(ctx.table());
    let period = (end - start).num_seconds() as i32 / 3600 * 3600;
    let window = Window { start, end, period };
    let m = metrics::fetch(
        ctx.cloudwatch().await.map_err(|e| {
            crate::aws::AwsError::local(
                crate::aws::AwsErrorKind::Other,
                "cloudwatch",
                "GetMetricData",
                None,
                e.to_string(),
            )
        })?,
        window,
        &keys,
    )
    .await?;
    let mut out = HashMap::new();
    for k in &keys {
        // On AWS the window is one period and one datapoint; should a service split it, the
        // worst of the parts stands (never a better number than was measured).
        if let Some(v) = m.get(k).and_then(|s| s.max()) {
            let op = k
                .dimensions
                .iter()
                .find(|(n, _)| n == "Operation")
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            out.insert((op, k.stat), v);
        }
    }
    Ok(out)
}

async fn key_distribution(ctx: &Context, sample: usize) -> anyhow::Result<KeySample> {
    let mut spec = ScanSpec::new(4);
    spec.per_segment_limit = Some(sample.div_ceil(4));
    spec.page_size = Some(sample.clamp(1, 1000) as i32);
    spec.projection = Some((
        "#pk".into(),
        HashMap::from([("#pk".to_owned(), PARTITION_KEY.to_owned())]),
    ));
    let mut rx = start(
        ctx.dynamodb_bulk().await?.clone(),
        ctx.table().to_owned(),
        spec,
    );
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut n = 0;
    while let Some(page) = rx.recv().await {
        for item in page.map_err(|e| e.error)?.items {
            if n >= sample {
                break;
            }
            n += 1;
            if let Some(AttributeValue::S(u)) = item.get(PARTITION_KEY) {
                *counts.entry(u.clone()).or_default() += 1;
            }
        }
    }
    let mut top: Vec<(String, usize)> = counts.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(KeySample { sampled: n, top })
}

enum KeysFrom {
    Sample(anyhow::Result<KeySample>),
    Export(anyhow::Result<Part>),
}

/// The table's shape from an export (local engine): keys, item sizes, GSI key coverage; what
/// was read checked against the export's manifest first (`quarterly.export_read`). A read of
/// the export refused for a permission (S3 GetObject of its manifest or a data file) is
/// `quarterly.export_keys` unknown in the words of every denied read, as in check-ttl; any
/// other failure stays an error.
async fn export_shape(ctx: &Context, which: &str) -> anyhow::Result<Part> {
    use crate::checks::shape::{self, Shape, ShapeTally};
    let info = super::export::resolve(ctx, which).await?;
    let read = async {
        let opened = super::export::open_resolved(ctx, info.clone()).await?;
        opened
            .read_local(
                ctx,
                |t: &mut ShapeTally, item| t.add(item),
                &|t: &mut ShapeTally, o| t.merge(o),
            )
            .await
    }
    .await;
    let (findings, sections) = match read {
        Ok((t, manifest)) => {
            let s = Shape::from(&t);
            let mut findings = vec![crate::scale::export_check::finding(
                CheckId::QuarterlyExportRead,
                &manifest,
                info.id(),
                "local",
            )];
            findings.extend(shape::evaluate(&s));
            (findings, shape::sections(&s))
        }
        Err(e) => {
            let denied = crate::scale::athena::denied_read(&e).ok_or(e)?;
            let unknown = Finding::unknown(
                CheckId::QuarterlyExportKeys,
                format!("could not read the items: {denied}"),
            );
            (vec![unknown], Vec::new())
        }
    };
    Ok(Part {
        name: "table shape (export)",
        runbook: "Quarterly 2-3",
        findings,
        sections,
    })
}

/// GSI usage and the quarter's cost, from the consumed units of the table and its indexes.
fn usage_part(
    usage: Result<&metrics::MetricSet, &crate::aws::AwsError>,
    table: &str,
    gsis: &[String],
    usage_keys: &[MetricKey],
    quarter: Duration,
    p: &Prices,
) -> Part {
    let mut findings = Vec::new();
    let mut rows = Vec::new();
    match usage {
        Err(e) => findings.push(Finding::unknown(
            CheckId::QuarterlyGsiUsage,
            format!("could not read consumed capacity: {e}"),
        )),
        Ok(m) => {
            let units = |metric: &str, gsi: Option<&str>| {
                m.total(&match gsi {
                    Some(g) => MetricKey::gsi(metric, table, g, Stat::Sum),
                    None => MetricKey::table(metric, table, Stat::Sum),
                })
            };
            let base_w = units("ConsumedWriteCapacityUnits", None);
            let usage: Vec<GsiUsage> = gsis
                .iter()
                .map(|g| GsiUsage {
                    index: g.clone(),
                    write_units: units("ConsumedWriteCapacityUnits", Some(g)),
                    read_units: units("ConsumedReadCapacityUnits", Some(g)),
                })
                .collect();
            rows.extend(usage.iter().map(|u| {
                vec![
                    u.index.clone(),
                    format!("{:.0}", u.write_units),
                    format!("{:.0}", u.read_units),
                ]
            }));
            let (write_units, read_units) = consumed_units(m, usage_keys);
            findings.extend(quarterly::gsi_usage(
                base_w,
                write_units + read_units,
                &usage,
            ));
            let c = cost(write_units, read_units, quarter.num_hours() as f64, p);
            findings.push(cost_finding(CheckId::QuarterlyCost, &c, "quarter"));
        }
    }
    Part {
        name: "gsi usage & cost",
        runbook: "Quarterly 2-3",
        findings,
        sections: vec![Section::table(
            "GSI consumed units this quarter",
            &["INDEX", "WRITE UNITS", "READ UNITS"],
            rows,
        )],
    }
}

pub(crate) async fn quarterly(ctx: &Context, args: &QuarterlyArgs) -> anyhow::Result<Report> {
    if args.export.engine == crate::cli::ExportEngine::Athena {
        return Err(crate::error::UsageError::new(
            "health-check quarterly reads an export with --engine local only (item sizes follow DynamoDB's size rule, which the SQL does not have); use hot-partitions --from-export --engine athena for the key counts",
        )
        .into());
    }
    let now = Utc::now();
    let quarter = Duration::days(90);
    let p = prices(&args.prices);
    let table = ctx.table().to_owned();
    let described = crate::aws::table::describe(ctx.dynamodb().await?, &table).await?;
    let gsis = crate::aws::table::gsi_names(described.as_ref());
    let usage_keys = consumed_keys(&table, &gsis);
    let usage_window = Window {
        start: now - quarter,
        end: now,
        period: 86_400,
    };
    let spinner = ctx
        .progress()
        .spinner("quarterly review: latency, GSI usage, key distribution, cost");
    let cw = ctx.cloudwatch().await?;
    let (this_q, last_q, usage, keys, plan) = tokio::join!(
        quarter_latency(ctx, now - quarter, now),
        quarter_latency(ctx, now - quarter - quarter, now - quarter),
        metrics::fetch(cw, usage_window, &usage_keys),
        async {
            match &args.export.from_export {
                Some(which) => KeysFrom::Export(export_shape(ctx, which).await),
                None => KeysFrom::Sample(key_distribution(ctx, args.sample as usize).await),
            }
        },
        super::health_review::plan_part(ctx, described.as_ref(), &args.prices, now),
    );
    // From an export: the exact shape replaces the sampled key distribution.
    let (keys, shape) = match keys {
        KeysFrom::Sample(k) => (k, None),
        KeysFrom::Export(shape) => (Ok(KeySample::default()), Some(shape?)),
    };
    spinner.finish_and_clear();

    let operations = latency::operations();
    let (lat, rows) = quarterly::latency(
        &ctx.names.latency,
        &operations,
        this_q.as_ref().map_err(|e| e.to_string()),
        last_q.as_ref().ok(),
    );
    let key_findings = vec![quarterly::keys(keys.as_ref().map_err(|e| format!("{e:#}")))];
    let parts = vec![
        Part {
            name: "latency",
            runbook: "Quarterly 1",
            findings: lat,
            sections: vec![Section::table(
                "Latency over the quarter, ms (last quarter; target)",
                &["OPERATION", "P50", "P95", "P99"],
                rows,
            )],
        },
        usage_part(usage.as_ref(), &table, &gsis, &usage_keys, quarter, &p),
        shape.unwrap_or_else(|| part("key distribution", "Quarterly 3", key_findings)),
        plan,
    ];
    let (mut report, parts) = assemble(Report::check("health-check quarterly"), parts);
    report.set_data(&QuarterlyData { parts, prices: &p })?;
    report.note("Quarterly 4's DR drill is its own command, outside production: `eventsctl dr-drill --cutover --corruption 20 --role ARN --report drill.md` restores a copy the drill creates, cuts a drill function over, proves it with a canary through a consumer, rolls back and deletes all of it; its report is the postmortem.");
    report.note(match described.as_ref().and_then(|t| t.billing_mode_summary()).and_then(|b| b.billing_mode()).map(|m| m.as_str()) {
        Some("PROVISIONED") => "The table is provisioned: the capacity plan simulates the table's and each index's own Application Auto Scaling (target, minimum and maximum) where it has one, and the default policy (70% target) where it has none or it could not be read; the billing finding says which.",
        _ => "The table is on-demand: no auto scaling policy to read; the capacity plan simulates the default one (70% target) for the provisioned options.",
    });
    report.note("Prices are inputs (--price-per-million-wru ...); the defaults are us-east-1 list prices; check the pricing page for your Region (docs/aws-facts.md §3.5).");
    if let Some(path) = &args.report {
        report.attachments.push(Attachment {
            path: path.clone(),
            markdown: true,
        });
    }
    Ok(report)
}
