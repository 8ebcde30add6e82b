//! `diagnose throttling` (runbook Issue 1, Alarm 1): is the table throttled, where, and why.
//!
//! Reads the table's own throttle metrics per table and per GSI, the per-reason metrics of
//! August 2025 (key range, on-demand maximum, account limit, provisioned), ThrottledRequests and
//! SystemErrors per operation (the import's BatchExecuteStatement writes included), consumed
//! capacity, and UserErrors only as account-wide context. UserErrors counts HTTP 400s except
//! throttling and ConditionalCheckFailed; a duplicate INSERT is refused with DuplicateItem, which
//! is not among those exceptions, so a re-import may raise it (AWS does not say whether a
//! statement refused inside a BatchExecuteStatement, answered HTTP 200, counts).
//! <https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html>

use crate::aws::metrics::Stat;
use crate::report::CheckId;
use aws_sdk_cloudwatch::types::MetricAlarm;
use aws_sdk_dynamodb::types::{BillingMode, TableDescription, TableStatus};
use chrono::{DateTime, Duration, Utc};

use crate::aws::AwsError;
use crate::aws::metrics::{self, MetricKey, MetricSet, Window, longest_run};
use crate::aws::table as ddb;
use crate::checks::throttle_bursts::Bursts;
use crate::report::{Finding, Keyed, Section, Status};
use crate::spec::Names;
use crate::spec::ON_DEMAND_TABLE_QUOTA;
use crate::spec::targets::THROTTLE_ALARM;

pub(crate) use crate::vocab::metrics::Reason;

/// A total per throttle reason.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct ByReason([f64; 4]);

impl ByReason {
    pub(crate) fn get(&self, r: Reason) -> f64 {
        self.0[r as usize]
    }

    fn add(&mut self, r: Reason, v: f64) {
        self.0[r as usize] += v;
    }

    pub(crate) fn sum(&self) -> f64 {
        self.0.iter().sum()
    }

    /// Each reason with its total, in the order of [`Reason::ALL`].
    pub(crate) fn iter(&self) -> impl Iterator<Item = (Reason, f64)> + '_ {
        Reason::ALL.into_iter().map(|r| (r, self.get(r)))
    }

    /// `{"key_range": n, ...}`.
    pub(crate) fn keyed(&self) -> Keyed<f64> {
        self.iter().map(|(r, v)| (r.name(), v)).collect()
    }
}
/// The write operations whose ThrottledRequests and SystemErrors are read: the API's, and the
/// import's PartiQL batches (`OperationType=Write`, [`metrics::operation_dimensions`]).
pub(crate) const WRITE_OPERATIONS: [&str; 6] = [
    "PutItem",
    "BatchWriteItem",
    metrics::BATCH_EXECUTE_STATEMENT,
    "UpdateItem",
    "DeleteItem",
    "TransactWriteItems",
];
pub(crate) const READ_OPERATIONS: [&str; 4] = ["GetItem", "BatchGetItem", "Query", "Scan"];
const SIDES: [&str; 2] = ["Write", "Read"];
const RB: &str = "Issue 1: Events Not Persisting; Alarm 1";

/// The table and each of its GSIs: `None` is the table.
fn resources(gsis: &[String]) -> Vec<Option<&str>> {
    std::iter::once(None)
        .chain(gsis.iter().map(|g| Some(g.as_str())))
        .collect()
}

fn resource_name(index: Option<&str>) -> String {
    index
        .map(|i| format!("index {i}"))
        .unwrap_or_else(|| "table".into())
}

fn operations() -> impl Iterator<Item = &'static str> {
    WRITE_OPERATIONS.into_iter().chain(READ_OPERATIONS)
}

/// The throttle metrics of the table (`None`) or one GSI: per side, the total and each reason.
fn throttle_keys(table: &str, index: Option<&str>) -> Vec<MetricKey> {
    let mut keys = Vec::new();
    for side in SIDES {
        keys.push(MetricKey::resource(
            &format!("{side}ThrottleEvents"),
            table,
            index,
            Stat::Sum,
        ));
        for reason in Reason::ALL {
            keys.push(MetricKey::resource(
                &format!("{side}{}", reason.metric_suffix()),
                table,
                index,
                Stat::Sum,
            ));
        }
    }
    keys
}

/// Every metric the diagnosis reads.
pub(crate) fn metric_keys(table: &str, gsis: &[String]) -> Vec<MetricKey> {
    let mut keys = Vec::new();
    for r in resources(gsis) {
        keys.extend(throttle_keys(table, r));
        keys.push(MetricKey::resource(
            "ConsumedWriteCapacityUnits",
            table,
            r,
            Stat::Sum,
        ));
        keys.push(MetricKey::resource(
            "ConsumedReadCapacityUnits",
            table,
            r,
            Stat::Sum,
        ));
    }
    for op in operations() {
        keys.push(MetricKey::op("ThrottledRequests", table, op, Stat::Sum));
        keys.push(MetricKey::op("SystemErrors", table, op, Stat::Sum));
    }
    keys.push(MetricKey::new(
        metrics::DYNAMODB,
        "UserErrors",
        &[],
        Stat::Sum,
    ));
    keys
}

/// What AWS said; each part may have failed on its own.
#[derive(Debug)]
pub(crate) struct ThrottleFacts {
    pub table_name: String,
    pub gsis: Vec<String>,
    pub table: Result<Option<TableDescription>, AwsError>,
    pub metrics: Result<MetricSet, AwsError>,
    pub alarm_name: String,
    pub alarm: Result<Option<MetricAlarm>, AwsError>,
}

/// DescribeTable first (for the GSI names), then the metrics and the alarm concurrently.
pub async fn gather(
    ddb_client: &aws_sdk_dynamodb::Client,
    cw: &aws_sdk_cloudwatch::Client,
    names: &Names,
    since: Duration,
    now: DateTime<Utc>,
) -> ThrottleFacts {
    let table_name = names.table.clone();
    let table = ddb::describe(ddb_client, &table_name).await;
    let gsis = ddb::gsi_names(table.as_ref().ok().and_then(|t| t.as_ref()));
    let window = Window::last_at(since, now, THROTTLE_ALARM.period);
    let keys = metric_keys(&table_name, &gsis);
    let alarm_name = names.throttle_alarm.clone();
    let (metrics, alarm) = tokio::join!(
        metrics::fetch(cw, window, &keys),
        crate::aws::alarms::describe_one(cw, &alarm_name),
    );
    ThrottleFacts {
        table_name,
        gsis,
        table,
        metrics,
        alarm_name,
        alarm,
    }
}

/// Totals of one resource's throttle metrics over the window.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ResourceThrottles {
    pub write: f64,
    pub read: f64,
    /// Longest run of 5-minute periods above 10 events, per side.
    pub write_run: usize,
    pub read_run: usize,
    /// Per-reason totals, read + write.
    pub reasons: ByReason,
    /// Per-reason totals of writes.
    pub write_reasons: ByReason,
}

impl ResourceThrottles {
    pub(crate) fn total(&self) -> f64 {
        self.write + self.read + self.reasons.sum()
    }

    pub(crate) fn status(&self) -> Status {
        if self.write_run >= THROTTLE_ALARM.periods || self.read_run >= THROTTLE_ALARM.periods {
            Status::Crit
        } else if self.total() > 0.0 {
            Status::Warn
        } else {
            Status::Ok
        }
    }
}

pub(crate) fn resource_throttles(
    m: &MetricSet,
    table: &str,
    index: Option<&str>,
) -> ResourceThrottles {
    let run = |key: &MetricKey| {
        longest_run(&m.series(key).dense(&m.window), Some(0.0), |v| {
            v > THROTTLE_ALARM.threshold
        })
    };
    let mut r = ResourceThrottles::default();
    for side in SIDES {
        let key = MetricKey::resource(&format!("{side}ThrottleEvents"), table, index, Stat::Sum);
        let (total, longest) = (m.total(&key), run(&key));
        for reason in Reason::ALL {
            let metric = format!("{side}{}", reason.metric_suffix());
            let reason_key = MetricKey::resource(&metric, table, index, Stat::Sum);
            let t = m.total(&reason_key);
            r.reasons.add(reason, t);
            if side == "Write" {
                r.write_reasons.add(reason, t);
            }
            // The per-reason metrics count throttles the older metric may not (on-demand).
            let reason_run = run(&reason_key);
            match side {
                "Write" => r.write_run = r.write_run.max(reason_run),
                _ => r.read_run = r.read_run.max(reason_run),
            }
        }
        match side {
            "Write" => {
                r.write = total;
                r.write_run = r.write_run.max(longest);
            }
            _ => {
                r.read = total;
                r.read_run = r.read_run.max(longest);
            }
        }
    }
    r
}

fn count(v: f64) -> String {
    let v = v + 0.0; // no "-0"
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// The named cause of the throttling, with the runbook remedy that fits it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cause {
    pub name: &'static str,
    pub summary: String,
    pub remedy: String,
}

/// Which causes the metrics show, strongest evidence first.
pub(crate) fn causes(facts: &ThrottleFacts, m: &MetricSet) -> Vec<Cause> {
    let table = &facts.table_name;
    let per: Vec<(Option<&str>, ResourceThrottles)> = resources(&facts.gsis)
        .into_iter()
        .map(|r| (r, resource_throttles(m, table, r)))
        .collect();
    let where_ = |reason: Reason| -> Vec<String> {
        per.iter()
            .filter(|(_, t)| t.reasons.get(reason) > 0.0)
            .map(|(r, t)| format!("{} ({})", resource_name(*r), count(t.reasons.get(reason))))
            .collect()
    };
    let mut out: Vec<(f64, Cause)> = Vec::new();
    let total = |reason: Reason| per.iter().map(|(_, t)| t.reasons.get(reason)).sum::<f64>();

    if total(Reason::KeyRange) > 0.0 {
        out.push((total(Reason::KeyRange), Cause {
            name: "hot_partition",
            summary: format!("hot partition: key-range throttling on {}", where_(Reason::KeyRange).join(", ")),
            remedy: "find the hot keys with `eventsctl hot-partitions`; one partition takes at most 1,000 WCU / 3,000 RCU per second, so spread a hot user's writes with a sharded key suffix (runbook Issue 4, resolution 2-3)".into(),
        }));
    }
    if total(Reason::MaxOnDemand) > 0.0 {
        let configured = facts
            .table
            .as_ref()
            .ok()
            .and_then(|t| t.as_ref())
            .and_then(|t| t.on_demand_throughput())
            .map(|o| {
                format!(
                    " (configured: {:?} WRU/s, {:?} RRU/s)",
                    o.max_write_request_units(),
                    o.max_read_request_units()
                )
            })
            .unwrap_or_default();
        out.push((total(Reason::MaxOnDemand), Cause {
            name: "on_demand_maximum",
            summary: format!("on-demand maximum reached on {}{configured}", where_(Reason::MaxOnDemand).join(", ")),
            remedy: "raise or remove the table's OnDemandThroughput maximum (MaxWriteRequestUnits/MaxReadRequestUnits; -1 removes it) in its Terraform".into(),
        }));
    }
    if total(Reason::AccountLimit) > 0.0 {
        out.push((total(Reason::AccountLimit), Cause {
            name: "account_quota",
            summary: format!("table quota reached (default 40,000 request units/s per table) on {}", where_(Reason::AccountLimit).join(", ")),
            remedy: "request a higher per-table quota in Service Quotas; meanwhile back off in the API layer and buffer writes through SQS (runbook alarm 1, resolution 2, 3, 5)".into(),
        }));
    }
    if total(Reason::Provisioned) > 0.0 {
        out.push((total(Reason::Provisioned), Cause {
            name: "provisioned_capacity",
            summary: format!("provisioned capacity exceeded on {}", where_(Reason::Provisioned).join(", ")),
            remedy: "the runbook's table is on-demand: switch back to PAY_PER_REQUEST or raise capacity and auto scaling".into(),
        }));
    }
    // GSI back-pressure: an index throttles its writes while base-table writes are throttled.
    // The table is the resource without an index name; the rest are its GSIs.
    let base_writes_throttled = per
        .iter()
        .any(|(index, t)| index.is_none() && t.write > 0.0)
        || WRITE_OPERATIONS
            .iter()
            .any(|op| m.total(&MetricKey::op("ThrottledRequests", table, op, Stat::Sum)) > 0.0);
    let gsis = || per.iter().filter(|(index, _)| index.is_some());
    let throttled_gsis: Vec<String> = gsis()
        .filter(|(_, t)| t.write > 0.0 || t.write_reasons.sum() > 0.0)
        .map(|(r, t)| {
            format!(
                "{} ({} write throttle events)",
                r.unwrap_or_default(),
                count(t.write.max(t.write_reasons.sum()))
            )
        })
        .collect();
    if base_writes_throttled && !throttled_gsis.is_empty() {
        let n: f64 = gsis().map(|(_, t)| t.write).sum();
        out.push((n, Cause {
            name: "gsi_back_pressure",
            summary: format!("GSI back-pressure: base-table writes are throttled while {} cannot keep up", throttled_gsis.join(", ")),
            remedy: "a GSI that cannot absorb its writes throttles every base write: check the index's key distribution (`eventsctl hot-partitions`; StatusIndex and EventTypeIndex concentrate one user's writes) and its on-demand maximum".into(),
        }));
    }
    out.sort_by(|a, b| b.0.total_cmp(&a.0));
    out.into_iter().map(|(_, c)| c).collect()
}

crate::evidence! {
    /// `throttling.metrics`: series CloudWatch answered incompletely.
    struct SeriesProblems { problems: Vec<String> }
    /// `throttling.table`, `throttling.gsi.*`
    struct ResourceEvidence {
        write_throttle_events: f64,
        read_throttle_events: f64,
        longest_write_run: usize,
        longest_read_run: usize,
        by_reason: Keyed<f64>,
    }
    /// `throttling.cause`
    struct CauseNames { causes: Vec<&'static str> }
    /// `throttling.table_status`
    struct TableState<'a> { status: String, billing_mode: &'a str }
    /// `throttling.capacity`
    struct CapacityEvidence {
        peak_wcu_per_s: f64,
        peak_rcu_per_s: f64,
        write_limit: f64,
        read_limit: f64,
    }
}

/// How the throttle events of the window are judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Judge {
    /// `diagnose throttling`: any throttle event in the window is a warning.
    Window,
    /// The monthly review (runbook Monthly 1, "no sustained throttling"), as of this time: only
    /// sustained throttling is a warning; a burst that stopped is named, and ok.
    Month(DateTime<Utc>),
}

/// One finding per aspect; pure.
pub fn evaluate(facts: &ThrottleFacts) -> Vec<Finding> {
    judge(facts, Judge::Window)
}

/// The monthly review's findings: [`evaluate`], judged by sustained throttling
/// ([`crate::checks::throttle_bursts`]) as of `now`.
pub(crate) fn evaluate_month(facts: &ThrottleFacts, now: DateTime<Utc>) -> Vec<Finding> {
    judge(facts, Judge::Month(now))
}

fn judge(facts: &ThrottleFacts, judge: Judge) -> Vec<Finding> {
    let mut findings = vec![table_finding(facts)];
    let m = match &facts.metrics {
        Ok(m) => m,
        Err(e) => {
            findings.push(
                Finding::unknown(
                    CheckId::ThrottlingMetrics,
                    format!(
                        "could not read CloudWatch ({e}); a failed read is not \"no throttling\""
                    ),
                )
                .remedy("check cloudwatch:GetMetricData permission and retry")
                .runbook(RB),
            );
            return findings;
        }
    };
    let problems = m.problems();
    if !problems.is_empty() {
        findings.push(
            Finding::unknown(
                CheckId::ThrottlingMetrics,
                format!("CloudWatch returned incomplete data for {} series; the verdict may miss throttling", problems.len()),
            )
            .evidence(SeriesProblems { problems })
            .runbook(RB),
        );
    }
    let window_text = crate::times::human(m.window.length());
    let (per_resource, throttle_status, gaps) = resource_findings(facts, m, &window_text, judge);
    findings.extend(per_resource);
    let (requests, requests_status) = requests_finding(facts, m, judge);
    let incomplete = gaps || requests.status != Status::Ok;
    findings.push(requests);
    let throttle_status = throttle_status.max(requests_status);
    let all_keys: Vec<MetricKey> = resources(&facts.gsis)
        .into_iter()
        .flat_map(|r| throttle_keys(&facts.table_name, r))
        .collect();
    let bursts = match judge {
        Judge::Month(now) => Some(Bursts::of(m, &all_keys, now)),
        Judge::Window => None,
    };
    findings.push(cause_finding(
        facts,
        m,
        (throttle_status, bursts),
        incomplete,
        &window_text,
    ));
    findings.push(errors_finding(facts, m));
    findings.push(capacity_finding(facts, m));
    findings
}

/// The table's and each GSI's throttle events, with the worst status among them and whether a
/// series came back incomplete.
fn resource_findings(
    facts: &ThrottleFacts,
    m: &MetricSet,
    window_text: &str,
    judge: Judge,
) -> (Vec<Finding>, Status, bool) {
    let mut findings = Vec::new();
    let mut throttle_status = Status::Ok;
    let mut gaps = false;
    for r in resources(&facts.gsis) {
        let t = resource_throttles(m, &facts.table_name, r);
        let bursts = match judge {
            Judge::Month(now) => Some(Bursts::of(m, &throttle_keys(&facts.table_name, r), now)),
            Judge::Window => None,
        };
        let judged = match bursts {
            Some(b) if !b.sustained() => Status::Ok,
            _ => t.status(),
        };
        throttle_status = throttle_status.max(judged);
        let check = match r {
            None => CheckId::ThrottlingTable,
            Some(i) => CheckId::ThrottlingGsi(i.to_owned()),
        };
        let mut summary = format!(
            "{} write / {} read throttle events in {window_text}",
            count(t.write),
            count(t.read)
        );
        let (status, gap) = crate::checks::evidence::unless_incomplete(
            judged,
            m,
            &throttle_keys(&facts.table_name, r),
        );
        gaps |= !gap.is_empty();
        if let Some(b) = bursts.filter(|_| t.total() > 0.0) {
            summary.push_str(&format!(": {}", b.describe()));
        }
        summary.push_str(&gap);
        if t.status() == Status::Crit {
            summary.push_str(&format!(
                "; above {} in {}+ consecutive 5-minute periods (the runbook's alarm condition)",
                THROTTLE_ALARM.threshold, THROTTLE_ALARM.periods
            ));
        }
        let evidence = ResourceEvidence {
            write_throttle_events: t.write,
            read_throttle_events: t.read,
            longest_write_run: t.write_run,
            longest_read_run: t.read_run,
            by_reason: t.reasons.keyed(),
        };
        findings.push(
            Finding::new(check, status, summary)
                .evidence(evidence)
                .runbook(RB),
        );
    }
    (findings, throttle_status, gaps)
}

/// Each operation's total of `metric` over the window, those above zero.
fn op_totals<'a>(facts: &ThrottleFacts, m: &MetricSet, metric: &str) -> Vec<(&'a str, f64)> {
    operations()
        .map(|op| {
            (
                op,
                m.total(&MetricKey::op(metric, &facts.table_name, op, Stat::Sum)),
            )
        })
        .filter(|(_, v)| *v > 0.0)
        .collect()
}

/// `throttling.requests`, and the status the throttled requests alone call for (before an
/// incomplete answer turns an ok into unknown).
fn requests_finding(facts: &ThrottleFacts, m: &MetricSet, judge: Judge) -> (Finding, Status) {
    let by_op = op_totals(facts, m, "ThrottledRequests");
    let bursts = match judge {
        Judge::Month(now) => Some(Bursts::of(
            m,
            &op_keys(&facts.table_name, "ThrottledRequests"),
            now,
        )),
        Judge::Window => None,
    };
    let requests_status = if by_op.is_empty() || bursts.is_some_and(|b| !b.sustained()) {
        Status::Ok
    } else {
        Status::Warn
    };
    let (requests_shown, requests_gap) = crate::checks::evidence::unless_incomplete(
        requests_status,
        m,
        &op_keys(&facts.table_name, "ThrottledRequests"),
    );
    let finding = Finding::new(
        CheckId::ThrottlingRequests,
        requests_shown,
        if by_op.is_empty() {
            format!("no throttled requests{requests_gap}")
        } else {
            format!(
                "throttled requests: {}{}",
                by_op
                    .iter()
                    .map(|(o, v)| format!("{o} {}", count(*v)))
                    .collect::<Vec<_>>()
                    .join(", "),
                bursts
                    .map(|b| format!(": {}", b.describe()))
                    .unwrap_or_default()
            )
        },
    )
    .evidence(by_op.into_iter().collect::<Keyed<f64>>())
    .runbook(RB);
    (finding, requests_status)
}

/// `throttling.cause`: what the per-reason metrics attribute the throttling to.
/// `judged` is the worst status of the throttle findings, and with the monthly judgement the
/// bursts of all of them.
fn cause_finding(
    facts: &ThrottleFacts,
    m: &MetricSet,
    judged: (Status, Option<Bursts>),
    incomplete: bool,
    window_text: &str,
) -> Finding {
    let (throttle_status, bursts) = judged;
    let causes = causes(facts, m);
    let not_sustained = bursts.filter(|b| b.count > 0 && !b.sustained());
    let cause = if let (Status::Ok, Some(b), false) =
        (throttle_status, not_sustained, causes.is_empty())
    {
        // A burst that stopped: named with its cause, ok for the month.
        Finding::ok(
            CheckId::ThrottlingCause,
            format!(
                "{} in the last {window_text}: {}",
                causes
                    .iter()
                    .map(|c| c.summary.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
                b.describe()
            ),
        )
        .remedy(
            causes
                .iter()
                .map(|c| c.remedy.clone())
                .collect::<Vec<_>>()
                .join(" | "),
        )
    } else if throttle_status == Status::Ok && incomplete {
        Finding::unknown(
            CheckId::ThrottlingCause,
            format!(
                "no throttling seen in the last {window_text}, but CloudWatch answered some series incompletely: not proof of none"
            ),
        )
    } else if throttle_status == Status::Ok {
        Finding::ok(
            CheckId::ThrottlingCause,
            match not_sustained {
                Some(b) => format!(
                    "throttled in the last {window_text}, cause not attributed: {}",
                    b.describe()
                ),
                None => format!("no throttling in the last {window_text}"),
            },
        )
    } else if causes.is_empty() {
        Finding::new(
            CheckId::ThrottlingCause,
            throttle_status,
            "throttled, cause not attributed: no per-reason throttle metrics in the window (DynamoDB publishes them since August 2025)",
        )
        .remedy("add exponential backoff in the API layer, check capacity and hot partitions (`eventsctl hot-partitions`) (runbook alarm 1, resolution 1-5)")
    } else {
        Finding::new(
            CheckId::ThrottlingCause,
            throttle_status,
            causes
                .iter()
                .map(|c| c.summary.clone())
                .collect::<Vec<_>>()
                .join("; "),
        )
        .remedy(
            causes
                .iter()
                .map(|c| c.remedy.clone())
                .collect::<Vec<_>>()
                .join(" | "),
        )
    };
    cause
        .evidence(CauseNames {
            causes: causes.iter().map(|c| c.name).collect(),
        })
        .runbook(RB)
}

/// `throttling.system_errors`: server-side errors per operation.
fn errors_finding(facts: &ThrottleFacts, m: &MetricSet) -> Finding {
    let errors = op_totals(facts, m, "SystemErrors");
    let (errors_shown, errors_gap) = crate::checks::evidence::unless_incomplete(
        Status::Ok,
        m,
        &op_keys(&facts.table_name, "SystemErrors"),
    );
    if errors.is_empty() {
        Finding::new(
            CheckId::ThrottlingSystemErrors,
            errors_shown,
            format!("no server-side errors (SystemErrors){errors_gap}"),
        )
    } else {
        Finding::warn(
            CheckId::ThrottlingSystemErrors,
            format!(
                "server-side errors (HTTP 500): {}",
                errors
                    .iter()
                    .map(|(o, v)| format!("{o} {}", count(*v)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .remedy("retry with backoff; check the AWS Health Dashboard for DynamoDB in this Region")
    }
    .evidence(errors.into_iter().collect::<Keyed<f64>>())
    .runbook("Issue 1, resolution 3-4")
}

/// The per-operation series of `metric`.
fn op_keys(table: &str, metric: &str) -> Vec<MetricKey> {
    operations()
        .map(|op| MetricKey::op(metric, table, op, Stat::Sum))
        .collect()
}

fn table_finding(facts: &ThrottleFacts) -> Finding {
    match &facts.table {
        Err(e) => Finding::unknown(
            CheckId::ThrottlingTableStatus,
            format!("could not describe the table: {e}"),
        ),
        Ok(None) => Finding::crit(
            CheckId::ThrottlingTableStatus,
            format!(
                "table {} does not exist: every write fails",
                facts.table_name
            ),
        )
        .remedy("check --env/--table; restore it with eventsctl pitr-restore if it was deleted"),
        Ok(Some(t)) => {
            let status = t
                .table_status()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_else(|| "?".into());
            let billing = t
                .billing_mode_summary()
                .and_then(|b| b.billing_mode())
                .cloned()
                .unwrap_or(BillingMode::Provisioned);
            let max = t
                .on_demand_throughput()
                .filter(|o| {
                    o.max_write_request_units().is_some_and(|v| v > 0)
                        || o.max_read_request_units().is_some_and(|v| v > 0)
                })
                .map(|o| {
                    format!(
                        ", on-demand maximum {:?} WRU / {:?} RRU",
                        o.max_write_request_units(),
                        o.max_read_request_units()
                    )
                })
                .unwrap_or_else(|| ", no on-demand maximum".into());
            let summary = format!("{status}, {}{max}", billing.as_str());
            let f = if t.table_status() == Some(&TableStatus::Active) {
                Finding::ok(CheckId::ThrottlingTableStatus, summary)
            } else {
                Finding::crit(CheckId::ThrottlingTableStatus, summary)
                    .remedy("writes fail unless the table is ACTIVE")
            };
            f.evidence(TableState {
                status,
                billing_mode: billing.as_str(),
            })
        }
    }
    .runbook("Issue 1, resolution step 1")
}

fn capacity_finding(facts: &ThrottleFacts, m: &MetricSet) -> Finding {
    let period = f64::from(m.window.period);
    let peak = |metric: &str| {
        m.get(&MetricKey::table(metric, &facts.table_name, Stat::Sum))
            .and_then(|s| s.max())
            .map(|v| v / period)
            .unwrap_or(0.0)
    };
    let (wcu, rcu) = (
        peak("ConsumedWriteCapacityUnits"),
        peak("ConsumedReadCapacityUnits"),
    );
    let od = facts
        .table
        .as_ref()
        .ok()
        .and_then(|t| t.as_ref())
        .and_then(|t| t.on_demand_throughput());
    let limit = |v: Option<i64>| {
        v.filter(|v| *v > 0)
            .map(|v| v as f64)
            .unwrap_or(ON_DEMAND_TABLE_QUOTA)
    };
    let (wl, rl) = (
        limit(od.and_then(|o| o.max_write_request_units())),
        limit(od.and_then(|o| o.max_read_request_units())),
    );
    let summary = format!(
        "peak {:.0} WCU/s of {:.0}, {:.0} RCU/s of {:.0} (5-minute averages)",
        wcu, wl, rcu, rl
    );
    let evidence = CapacityEvidence {
        peak_wcu_per_s: wcu,
        peak_rcu_per_s: rcu,
        write_limit: wl,
        read_limit: rl,
    };
    let f = if wcu > 0.8 * wl || rcu > 0.8 * rl {
        Finding::warn(
            CheckId::ThrottlingCapacity,
            format!("{summary}: above 80% of the limit"),
        )
        .remedy("raise the on-demand maximum or the per-table quota before traffic grows further")
    } else {
        let keys = ["ConsumedWriteCapacityUnits", "ConsumedReadCapacityUnits"]
            .map(|metric| MetricKey::table(metric, &facts.table_name, Stat::Sum));
        let (status, gap) = crate::checks::evidence::unless_incomplete(Status::Ok, m, &keys);
        Finding::new(CheckId::ThrottlingCapacity, status, summary + &gap)
    };
    f.evidence(evidence)
        .runbook("Alarm 1, resolution 2 (burst capacity 40K RCU/WCU)")
}

/// Human sections: totals per resource, the periods with throttling, context.
pub(crate) fn sections(facts: &ThrottleFacts) -> Vec<Section> {
    let Ok(m) = &facts.metrics else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let rows: Vec<Vec<String>> = resources(&facts.gsis)
        .into_iter()
        .map(|r| {
            let t = resource_throttles(m, &facts.table_name, r);
            let mut row = vec![resource_name(r), count(t.write), count(t.read)];
            row.extend(t.reasons.iter().map(|(_, v)| count(v)));
            row.push(t.write_run.max(t.read_run).to_string());
            row
        })
        .collect();
    out.push(Section::table(
        format!(
            "Throttle events, last {} (Sum)",
            crate::times::human(m.window.length())
        ),
        &[
            "RESOURCE",
            "WRITE",
            "READ",
            "KEY RANGE",
            "MAX ON-DEMAND",
            "ACCOUNT LIMIT",
            "PROVISIONED",
            "RUN >10/5m",
        ],
        rows,
    ));
    // The periods that led to the verdict.
    let columns: Vec<(String, MetricKey)> = resources(&facts.gsis)
        .into_iter()
        .flat_map(|r| {
            SIDES.iter().map(move |side| {
                (
                    format!("{} {}", resource_name(r), side.to_lowercase()),
                    MetricKey::resource(
                        &format!("{side}ThrottleEvents"),
                        &facts.table_name,
                        r,
                        Stat::Sum,
                    ),
                )
            })
        })
        .collect();
    let dense: Vec<Vec<Option<f64>>> = columns
        .iter()
        .map(|(_, k)| m.series(k).dense(&m.window))
        .collect();
    let periods = m.window.periods();
    let mut rows = Vec::new();
    for (i, t) in periods.iter().enumerate() {
        let values: Vec<f64> = dense.iter().map(|d| d[i].unwrap_or(0.0)).collect();
        if values.iter().any(|v| *v > 0.0) {
            let mut row = vec![t.format("%Y-%m-%d %H:%M").to_string()];
            row.extend(values.iter().map(|v| count(*v)));
            rows.push(row);
        }
    }
    if !rows.is_empty() {
        let mut headers = vec!["PERIOD (UTC)".to_owned()];
        headers.extend(columns.iter().map(|(n, _)| n.to_uppercase()));
        out.push(Section::Table {
            title: "5-minute periods with throttling".into(),
            headers,
            rows: rows.into_iter().rev().take(48).rev().collect(),
        });
    }
    let user_errors = m.total(&MetricKey::new(
        metrics::DYNAMODB,
        "UserErrors",
        &[],
        Stat::Sum,
    ));
    let alarm = match &facts.alarm {
        Ok(Some(a)) => format!(
            "{} is {}",
            facts.alarm_name,
            a.state_value().map(|s| s.as_str()).unwrap_or("?")
        ),
        Ok(None) => format!(
            "{} does not exist (see `eventsctl alarms status`)",
            facts.alarm_name
        ),
        Err(e) => format!("could not read: {e}"),
    };
    out.push(Section::pairs(
        "Context",
        vec![
            ("UserErrors", format!("{} in the window, account- and Region-wide: every table's HTTP 400s (an import's refused duplicate INSERTs may be among them), not this table's throttling", count(user_errors))),
            ("throttles alarm", alarm),
        ],
    ));
    out
}

/// The report's data: totals per resource and causes.
/// `diagnose throttling`'s `data.throttling` (`docs/json.md`): what the metrics read, or why
/// they could not be.
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
#[schemars(rename = "Throttling")]
#[serde(untagged)]
pub(crate) enum ThrottlingData {
    Read {
        window: metrics::WindowData,
        resources: Vec<ResourceData>,
        /// The causes the throttles point to: `hot_partition`, `on_demand_maximum`,
        /// `account_quota`, `provisioned_capacity`, `gsi_back_pressure`.
        causes: Vec<&'static str>,
        /// UserErrors in the window: every table's HTTP 400s in the account and Region.
        user_errors_account_wide: f64,
        throttles_alarm: AlarmData,
    },
    Unread {
        /// Why the metrics could not be read.
        metrics_error: String,
    },
}

/// One resource's throttle totals in the window.
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
#[schemars(rename = "ThrottlingResource")]
pub(crate) struct ResourceData {
    /// `table`, or the GSI's name.
    resource: String,
    /// WriteThrottleEvents in the window.
    write: f64,
    /// ReadThrottleEvents in the window.
    read: f64,
    /// The most consecutive periods above the throttles alarm's threshold, writes.
    longest_write_run: usize,
    /// The same for reads.
    longest_read_run: usize,
    /// Throttle events by reason, reads and writes: `key_range`, `max_on_demand`,
    /// `account_limit`, `provisioned`.
    #[schemars(with = "std::collections::BTreeMap<String, f64>")]
    by_reason: Keyed<f64>,
}

/// The throttles alarm as DescribeAlarms answered (`state` null when AWS gave none).
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
#[schemars(rename = "ThrottlesAlarm")]
#[serde(untagged)]
pub(crate) enum AlarmData {
    State { name: String, state: Option<String> },
    Error { name: String, error: String },
}

pub(crate) fn data(facts: &ThrottleFacts) -> ThrottlingData {
    let m = match &facts.metrics {
        Ok(m) => m,
        Err(e) => {
            return ThrottlingData::Unread {
                metrics_error: e.to_string(),
            };
        }
    };
    let name = facts.alarm_name.clone();
    ThrottlingData::Read {
        window: m.window.data(),
        resources: resources(&facts.gsis)
            .into_iter()
            .map(|r| {
                let t = resource_throttles(m, &facts.table_name, r);
                ResourceData {
                    resource: r.unwrap_or("table").to_owned(),
                    write: t.write,
                    read: t.read,
                    longest_write_run: t.write_run,
                    longest_read_run: t.read_run,
                    by_reason: t.reasons.keyed(),
                }
            })
            .collect(),
        causes: causes(facts, m).iter().map(|c| c.name).collect(),
        user_errors_account_wide: m.total(&MetricKey::new(
            metrics::DYNAMODB,
            "UserErrors",
            &[],
            Stat::Sum,
        )),
        throttles_alarm: match &facts.alarm {
            Ok(Some(a)) => AlarmData::State {
                name,
                state: a.state_value().map(|s| s.as_str().to_owned()),
            },
            Ok(None) => AlarmData::State {
                name,
                state: Some("missing".to_owned()),
            },
            Err(e) => AlarmData::Error {
                name,
                error: e.to_string(),
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_dynamodb::types::{BillingModeSummary, TableDescription};

    use super::*;
    use crate::aws::AwsErrorKind;
    use crate::aws::metrics::Series;

    const TABLE: &str = "t-events";
    const GSI: &str = "StatusIndex";

    /// (metric, index, operation, values per 5-minute period from the window's start)
    type Metric<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a [f64]);

    fn facts(metrics: &[Metric]) -> ThrottleFacts {
        let now = DateTime::from_timestamp(947_923_200, 0).expect("a valid time");
        let window = Window::last_at(Duration::hours(1), now, THROTTLE_ALARM.period);
        let period = Duration::seconds(i64::from(window.period));
        let series = metrics
            .iter()
            .map(|(metric, index, op, values)| Series {
                key: match op {
                    Some(op) => MetricKey::op(metric, TABLE, op, Stat::Sum),
                    None => MetricKey::resource(metric, TABLE, *index, Stat::Sum),
                },
                points: values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (window.start + period * i as i32, *v))
                    .collect(),
                problem: None,
            })
            .collect();
        let table = TableDescription::builder()
            .table_name(TABLE)
            .table_status(TableStatus::Active)
            .billing_mode_summary(
                BillingModeSummary::builder()
                    .billing_mode(BillingMode::PayPerRequest)
                    .build(),
            )
            .build();
        ThrottleFacts {
            table_name: TABLE.into(),
            gsis: vec![GSI.into()],
            table: Ok(Some(table)),
            metrics: Ok(MetricSet::from_series(window, series)),
            alarm_name: "t-throttles".into(),
            alarm: Ok(None),
        }
    }

    fn status_of(findings: &[Finding], check: CheckId) -> Status {
        findings
            .iter()
            .find(|f| f.check == check)
            .unwrap_or_else(|| panic!("no {check} in {findings:?}"))
            .status
    }

    /// Issue 27: the monthly review judges sustained throttling (Monthly 1); a burst that
    /// stopped is named (count, when, longest run) and ok, while `diagnose throttling` still
    /// warns on it.
    #[test]
    fn the_month_is_judged_by_sustained_throttling() {
        // clock-free: `facts` ends its hour at this `now`, a pure function's input
        let now = DateTime::from_timestamp(947_923_200, 0).expect("a valid time");
        let put = Some("PutItem");
        let mut burst = [0.0; 12];
        burst[2] = 60.0;
        let mut newest = [0.0; 12];
        newest[11] = 3.0;
        let mut low_run = [0.0; 12];
        (low_run[4], low_run[5]) = (5.0, 5.0);
        let mut alarm_run = [0.0; 12];
        (alarm_run[4], alarm_run[5]) = (11.0, 11.0);
        // (case, metrics, month: [table, requests, cause], words of the cause, diagnose's table)
        type Case<'a> = (&'a str, Vec<Metric<'a>>, [Status; 3], &'a str, Status);
        let cases: Vec<Case> = vec![
            (
                "a hot user's burst that stopped: named, not sustained",
                vec![
                    ("WriteThrottleEvents", None, None, &burst),
                    ("WriteKeyRangeThroughputThrottleEvents", None, None, &burst),
                    ("ThrottledRequests", None, put, &burst),
                ],
                [Status::Ok, Status::Ok, Status::Ok],
                "hot partition: key-range throttling on table (60) in the last 1h: one burst, 5 min long, the last at 2000-01-15 07:10 UTC; none since: not sustained",
                Status::Warn,
            ),
            (
                "throttled in the newest period: still going on",
                vec![("WriteKeyRangeThroughputThrottleEvents", None, None, &newest)],
                [Status::Warn, Status::Ok, Status::Warn],
                "hot partition",
                Status::Warn,
            ),
            (
                "ten minutes in a row below the alarm threshold: sustained",
                vec![("WriteThrottleEvents", None, None, &low_run)],
                [Status::Warn, Status::Ok, Status::Warn],
                "cause not attributed",
                Status::Warn,
            ),
            (
                "the alarm condition: sustained and crit",
                vec![
                    ("WriteThrottleEvents", None, None, &alarm_run),
                    ("ThrottledRequests", None, put, &alarm_run),
                ],
                [Status::Crit, Status::Warn, Status::Crit],
                "cause not attributed",
                Status::Crit,
            ),
            (
                "quiet",
                vec![],
                [Status::Ok, Status::Ok, Status::Ok],
                "no throttling in the last 1h",
                Status::Ok,
            ),
        ];
        for (name, metrics, want, words, diagnose) in cases {
            let f = facts(&metrics);
            let month = evaluate_month(&f, now);
            let got = [
                status_of(&month, CheckId::ThrottlingTable),
                status_of(&month, CheckId::ThrottlingRequests),
                status_of(&month, CheckId::ThrottlingCause),
            ];
            assert_eq!(got, want, "{name}: {month:#?}");
            crate::checks::expect(&month, "throttling.cause", want[2], words);
            let window = evaluate(&f);
            assert_eq!(
                status_of(&window, CheckId::ThrottlingTable),
                diagnose,
                "{name}: diagnose throttling is unchanged"
            );
        }
        // The table's own finding names the burst too.
        let month = evaluate_month(&facts(&[("WriteThrottleEvents", None, None, &burst)]), now);
        crate::checks::expect(
            &month,
            "throttling.table",
            Status::Ok,
            "60 write / 0 read throttle events in 1h: one burst, 5 min long",
        );
    }

    #[test]
    fn throttle_verdicts_and_causes_from_the_metrics() {
        let base = Some("PutItem");
        // (name, metrics, table, gsi, requests, cause status, causes named)
        type Case<'a> = (&'a str, Vec<Metric<'a>>, [Status; 4], Vec<&'a str>);
        let cases: Vec<Case> = vec![
            (
                "quiet",
                vec![],
                [Status::Ok, Status::Ok, Status::Ok, Status::Ok],
                vec![],
            ),
            (
                "one period above the threshold is a warning",
                vec![("WriteThrottleEvents", None, None, &[50.0, 0.0, 0.0])],
                [Status::Warn, Status::Ok, Status::Ok, Status::Warn],
                vec![],
            ),
            (
                "two consecutive periods above 10 is the alarm condition",
                vec![("WriteThrottleEvents", None, None, &[11.0, 11.0])],
                [Status::Crit, Status::Ok, Status::Ok, Status::Crit],
                vec![],
            ),
            (
                "exactly 10 is not above the threshold",
                vec![("WriteThrottleEvents", None, None, &[10.0, 10.0])],
                [Status::Warn, Status::Ok, Status::Ok, Status::Warn],
                vec![],
            ),
            (
                "key-range throttling names a hot partition",
                vec![("WriteKeyRangeThroughputThrottleEvents", None, None, &[3.0])],
                [Status::Warn, Status::Ok, Status::Ok, Status::Warn],
                vec!["hot_partition"],
            ),
            (
                "per-reason runs count towards the alarm condition too",
                vec![(
                    "WriteMaxOnDemandThroughputThrottleEvents",
                    None,
                    None,
                    &[20.0, 20.0],
                )],
                [Status::Crit, Status::Ok, Status::Ok, Status::Crit],
                vec!["on_demand_maximum"],
            ),
            (
                "the strongest cause comes first",
                vec![
                    ("ReadAccountLimitThrottleEvents", None, None, &[1.0]),
                    (
                        "WriteProvisionedThroughputThrottleEvents",
                        None,
                        None,
                        &[9.0],
                    ),
                ],
                [Status::Warn, Status::Ok, Status::Ok, Status::Warn],
                vec!["provisioned_capacity", "account_quota"],
            ),
            (
                "a GSI throttling while base writes are throttled is back-pressure",
                vec![
                    ("WriteThrottleEvents", Some(GSI), None, &[5.0]),
                    ("ThrottledRequests", None, base, &[5.0]),
                ],
                [Status::Ok, Status::Warn, Status::Warn, Status::Warn],
                vec!["gsi_back_pressure"],
            ),
            (
                "a GSI throttling alone is not back-pressure",
                vec![("WriteThrottleEvents", Some(GSI), None, &[5.0])],
                [Status::Ok, Status::Warn, Status::Ok, Status::Warn],
                vec![],
            ),
        ];
        for (name, metrics, [table, gsi, requests, cause], named) in cases {
            let facts = facts(&metrics);
            let out = evaluate(&facts);
            assert_eq!(status_of(&out, CheckId::ThrottlingTable), table, "{name}");
            assert_eq!(
                status_of(&out, CheckId::ThrottlingGsi(GSI.into())),
                gsi,
                "{name}"
            );
            assert_eq!(
                status_of(&out, CheckId::ThrottlingRequests),
                requests,
                "{name}"
            );
            assert_eq!(status_of(&out, CheckId::ThrottlingCause), cause, "{name}");
            assert_eq!(
                status_of(&out, CheckId::ThrottlingTableStatus),
                Status::Ok,
                "{name}"
            );
            let m = facts.metrics.as_ref().expect("metrics");
            let got: Vec<&str> = causes(&facts, m).iter().map(|c| c.name).collect();
            assert_eq!(got, named, "{name}");
        }
    }

    /// The import writes with BatchExecuteStatement (`OperationType=Write`): its throttled
    /// requests and server errors are read like the API's, under their full dimension set, and
    /// its throttled batches count as base-table writes throttled.
    #[test]
    fn the_imports_batches_are_read_with_their_operation_type() {
        use crate::checks::expect;
        let batch = Some(metrics::BATCH_EXECUTE_STATEMENT);
        let keys = metric_keys(TABLE, &[GSI.into()]);
        for metric in ["ThrottledRequests", "SystemErrors"] {
            let key = keys
                .iter()
                .find(|k| {
                    k.metric == metric
                        && k.dimensions
                            .contains(&("Operation".to_owned(), "BatchExecuteStatement".to_owned()))
                })
                .unwrap_or_else(|| panic!("{metric} of the import's batches is not read"));
            assert!(
                key.dimensions
                    .contains(&("OperationType".to_owned(), "Write".to_owned())),
                "{key:?}"
            );
        }
        let out = evaluate(&facts(&[
            ("ThrottledRequests", None, batch, &[4.0, 3.0]),
            ("SystemErrors", None, batch, &[2.0]),
            ("WriteThrottleEvents", Some(GSI), None, &[5.0]),
        ]));
        expect(
            &out,
            "throttling.requests",
            Status::Warn,
            "throttled requests: BatchExecuteStatement 7",
        );
        expect(
            &out,
            "throttling.system_errors",
            Status::Warn,
            "server-side errors (HTTP 500): BatchExecuteStatement 2",
        );
        expect(&out, "throttling.cause", Status::Warn, "GSI back-pressure");
    }

    #[test]
    fn what_could_not_be_read_is_unknown_not_quiet() {
        let mut f = facts(&[]);
        f.metrics = Err(AwsError::local(
            AwsErrorKind::AccessDenied,
            "cloudwatch",
            "GetMetricData",
            None,
            "denied",
        ));
        let out = evaluate(&f);
        assert_eq!(status_of(&out, CheckId::ThrottlingMetrics), Status::Unknown);
        assert!(out.iter().all(|x| x.check != CheckId::ThrottlingCause));

        let mut f = facts(&[]);
        f.table = Ok(None);
        assert_eq!(
            status_of(&evaluate(&f), CheckId::ThrottlingTableStatus),
            Status::Crit
        );
    }

    /// docs/evidence.md, "No datapoints": each throttling finding without its evidence.
    #[test]
    fn throttling_without_evidence() {
        use crate::checks::expect;
        // CloudWatch failed: one unknown, and no finding claims "no throttling" or a peak.
        let mut f = facts(&[]);
        f.metrics = Err(AwsError::local(
            AwsErrorKind::Throttled,
            "cloudwatch",
            "GetMetricData",
            None,
            "rate exceeded",
        ));
        let out = evaluate(&f);
        expect(
            &out,
            "throttling.metrics",
            Status::Unknown,
            "a failed read is not \"no throttling\"",
        );
        for gone in [
            "throttling.table",
            "throttling.requests",
            "throttling.cause",
            "throttling.system_errors",
            "throttling.capacity",
        ] {
            assert!(
                out.iter().all(|x| x.check.to_string() != gone),
                "{gone} without metrics: {out:?}"
            );
        }

        // A complete answer without datapoints: AWS emits these only when they happen.
        let out = evaluate(&facts(&[]));
        expect(
            &out,
            "throttling.table",
            Status::Ok,
            "0 write / 0 read throttle events",
        );
        expect(
            &out,
            "throttling.requests",
            Status::Ok,
            "no throttled requests",
        );
        expect(
            &out,
            "throttling.system_errors",
            Status::Ok,
            "no server-side errors",
        );
        expect(&out, "throttling.capacity", Status::Ok, "peak 0 WCU/s");

        // The same, but CloudWatch answered PartialData on its last page for the table's writes
        // and one operation's SystemErrors: nothing seen is not proof of none.
        // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataResult.html
        let mut f = facts(&[]);
        let now = DateTime::from_timestamp(947_923_200, 0).expect("a valid time");
        let window = Window::last_at(Duration::hours(1), now, THROTTLE_ALARM.period);
        let partial = |key: MetricKey| Series {
            key,
            points: Vec::new(),
            problem: Some("PartialData".into()),
        };
        f.metrics = Ok(MetricSet::from_series(
            window,
            vec![
                partial(MetricKey::resource(
                    "WriteThrottleEvents",
                    TABLE,
                    None,
                    Stat::Sum,
                )),
                partial(MetricKey::op("SystemErrors", TABLE, "Query", Stat::Sum)),
                partial(MetricKey::op(
                    "ThrottledRequests",
                    TABLE,
                    "PutItem",
                    Stat::Sum,
                )),
                partial(MetricKey::table(
                    "ConsumedReadCapacityUnits",
                    TABLE,
                    Stat::Sum,
                )),
            ],
        ));
        let out = evaluate(&f);
        expect(
            &out,
            "throttling.capacity",
            Status::Unknown,
            "answered 1 of its 2 series incompletely",
        );
        expect(
            &out,
            "throttling.metrics",
            Status::Unknown,
            "incomplete data for 4 series",
        );
        expect(
            &out,
            "throttling.table",
            Status::Unknown,
            "answered 1 of its 10 series incompletely",
        );
        expect(
            &out,
            &format!("throttling.gsi.{GSI}"),
            Status::Ok,
            "0 write / 0 read",
        );
        expect(&out, "throttling.requests", Status::Unknown, "incompletely");
        expect(
            &out,
            "throttling.system_errors",
            Status::Unknown,
            "incompletely",
        );
        expect(
            &out,
            "throttling.cause",
            Status::Unknown,
            "not proof of none",
        );
        // What was seen stands: throttling in a partial answer is still throttling.
        let mut f = facts(&[("WriteThrottleEvents", None, None, &[50.0])]);
        if let Ok(m) = &mut f.metrics {
            let mut s = m.series(&MetricKey::resource(
                "WriteThrottleEvents",
                TABLE,
                None,
                Stat::Sum,
            ));
            s.problem = Some("PartialData".into());
            *m = MetricSet::from_series(m.window, vec![s]);
        }
        expect(
            &evaluate(&f),
            "throttling.table",
            Status::Warn,
            "50 write / 0 read",
        );
    }
}
