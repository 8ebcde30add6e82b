//! The table's cost over the last three complete months, month over month, what drives it, and a
//! warning on a jump.
//!
//! Two sources, labelled in the output:
//! - Cost Explorer: GetCostAndUsage, MONTHLY, metric `UnblendedCost`, grouped by `USAGE_TYPE`,
//!   filtered to the DynamoDB service and the table's cost-allocation tag when one is active
//!   (<https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html>).
//!   [`CostAndUsage`] is that response's shape; [`from_cost_explorer`] reads it. Without a tag
//!   filter the figures are every DynamoDB table of the account and Region, which `scope` says.
//! - An estimate ([`from_usage`]): consumed units (or provisioned unit-hours) and storage of each
//!   month at list prices ([`super::prices`]).
//!
//! Usage types (<https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-understanding-billing.html>):
//! an optional Region prefix (`USE1-`, `EU-`...; none for us-east-1), then
//! `WriteRequestUnits`/`ReadRequestUnits` (on-demand), `WriteCapacityUnit-Hrs`/`ReadCapacityUnit-Hrs`
//! (provisioned), `HeavyUsage:dynamodb.write|read` (reserved), each also with an `IA-` prefix for
//! Standard-IA; `TimedStorage-ByteHrs` (tables and indexes), `TimedPITRStorage-ByteHrs`,
//! `TimedBackupStorage-ByteHrs`, `RestoreDataSize-Bytes`, `ExportDataSize-Bytes`,
//! `ImportDataSize-Bytes`; `Repl*` (global tables); `Streams-Requests`,
//! `ChangeDataCaptureUnits-Kinesis`; `DataTransfer-*`. Cost Explorer bills a GSI's reads, writes
//! and storage under the table's usage types, so GSIs are a separate driver only in the estimate,
//! where their consumed units are read apart.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::prices::{Prices, TableClass};
use crate::report::{CheckId, Finding};

const RUNBOOK: &str = "Monthly Health Check 1: review cost trends";

/// GetCostAndUsage's response, the parts read here (field names as the API spells them).
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CostAndUsage {
    #[serde(default)]
    pub results_by_time: Vec<ResultByTime>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ResultByTime {
    pub time_period: DateInterval,
    #[serde(default)]
    pub total: BTreeMap<String, MetricValue>,
    #[serde(default)]
    pub groups: Vec<Group>,
    #[serde(default)]
    pub estimated: bool,
}

/// `Start` inclusive, `End` exclusive, `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DateInterval {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Group {
    #[serde(default)]
    pub keys: Vec<String>,
    #[serde(default)]
    pub metrics: BTreeMap<String, MetricValue>,
}

/// `Amount` is a decimal string in the API.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MetricValue {
    pub amount: String,
    #[serde(default)]
    pub unit: String,
}

/// What a cost is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Driver {
    Writes,
    Reads,
    /// Estimate only: Cost Explorer bills GSIs under the table's usage types.
    Gsis,
    Storage,
    Pitr,
    /// On-demand backups, restores, exports and imports.
    Backups,
    Streams,
    /// Global tables' replicated writes.
    Replication,
    DataTransfer,
    Other,
}

impl Driver {
    pub fn label(self) -> &'static str {
        match self {
            Driver::Writes => "writes",
            Driver::Reads => "reads",
            Driver::Gsis => "GSIs",
            Driver::Storage => "storage",
            Driver::Pitr => "PITR",
            Driver::Backups => "backups and exports",
            Driver::Streams => "streams",
            Driver::Replication => "replication",
            Driver::DataTransfer => "data transfer",
            Driver::Other => "other",
        }
    }
}

/// The driver a DynamoDB usage type bills.
pub fn classify(usage_type: &str) -> Driver {
    let u = usage_type;
    let ends = |s: &str| u.ends_with(s);
    if u.contains("Repl") {
        Driver::Replication
    } else if u.contains("HeavyUsage:dynamodb.write")
        || ends("WriteRequestUnits")
        || ends("WriteCapacityUnit-Hrs")
    {
        Driver::Writes
    } else if u.contains("HeavyUsage:dynamodb.read")
        || ends("ReadRequestUnits")
        || ends("ReadCapacityUnit-Hrs")
    {
        Driver::Reads
    } else if ends("TimedPITRStorage-ByteHrs") {
        Driver::Pitr
    } else if ends("TimedBackupStorage-ByteHrs")
        || ["RestoreDataSize", "ExportDataSize", "ImportDataSize"]
            .iter()
            .any(|s| u.contains(s))
    {
        Driver::Backups
    } else if ends("TimedStorage-ByteHrs") {
        Driver::Storage
    } else if u.contains("Streams-Requests") || u.contains("ChangeDataCaptureUnits") {
        Driver::Streams
    } else if u.contains("DataTransfer") {
        Driver::DataTransfer
    } else {
        Driver::Other
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CostSource {
    CostExplorer,
    /// Consumed units and storage at list prices.
    EstimateAtListPrices,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthCost {
    /// `YYYY-MM`.
    pub month: String,
    pub total_usd: f64,
    pub by_driver: BTreeMap<Driver, f64>,
    /// Cost Explorer still marks the month estimated.
    pub estimated: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DriverChange {
    pub driver: Driver,
    pub change_usd: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostTrend {
    pub source: CostSource,
    /// What the figures cover: the tag filter, or all DynamoDB of the account and Region.
    pub scope: String,
    /// The last three complete months, oldest first.
    pub months: Vec<MonthCost>,
    /// Last month over the one before, as a fraction; `None` without two months or from zero.
    pub change: Option<f64>,
    pub previous_change: Option<f64>,
    /// The largest cost of the last month.
    pub biggest_driver: Option<Driver>,
    /// The driver whose cost moved most between the last two months.
    pub biggest_change: Option<DriverChange>,
}

/// When a month-over-month rise warns.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TrendRules {
    /// `--cost-jump`, 25% by default.
    pub jump_fraction: f64,
    /// A rise smaller than this many dollars never warns (cents are noise).
    pub min_jump_usd: f64,
}

impl Default for TrendRules {
    fn default() -> TrendRules {
        TrendRules {
            jump_fraction: 0.25,
            min_jump_usd: 1.0,
        }
    }
}

fn month_label(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn trend(source: CostSource, scope: &str, mut months: Vec<(NaiveDate, MonthCost)>) -> CostTrend {
    months.sort_by_key(|(d, _)| *d);
    let keep = months.len().saturating_sub(3);
    let months: Vec<MonthCost> = months.into_iter().skip(keep).map(|(_, m)| m).collect();
    let change = |a: &MonthCost, b: &MonthCost| {
        (a.total_usd > 0.0).then(|| (b.total_usd - a.total_usd) / a.total_usd)
    };
    let n = months.len();
    let last_two = (n >= 2).then(|| (&months[n - 2], &months[n - 1]));
    let biggest_change = last_two.and_then(|(a, b)| {
        let drivers: std::collections::BTreeSet<&Driver> =
            a.by_driver.keys().chain(b.by_driver.keys()).collect();
        drivers
            .into_iter()
            .map(|d| DriverChange {
                driver: *d,
                change_usd: b.by_driver.get(d).unwrap_or(&0.0) - a.by_driver.get(d).unwrap_or(&0.0),
            })
            .max_by(|x, y| x.change_usd.abs().total_cmp(&y.change_usd.abs()))
    });
    CostTrend {
        source,
        scope: scope.to_owned(),
        change: last_two.and_then(|(a, b)| change(a, b)),
        previous_change: (n >= 3)
            .then(|| change(&months[n - 3], &months[n - 2]))
            .flatten(),
        biggest_driver: months.last().and_then(|m| {
            m.by_driver
                .iter()
                .max_by(|a, b| a.1.total_cmp(b.1))
                .map(|(d, _)| *d)
        }),
        biggest_change,
        months,
    }
}

/// The trend from Cost Explorer's answer: whole calendar months that ended before `today`'s
/// month, their `metric` (`UnblendedCost`) summed per driver of each group's usage type.
pub fn from_cost_explorer(
    answer: &CostAndUsage,
    metric: &str,
    scope: &str,
    today: NaiveDate,
) -> Result<CostTrend, String> {
    let this_month = first_of_month(today);
    let mut months = Vec::new();
    let mut seen_metric = false;
    for r in &answer.results_by_time {
        let p = r.time_period;
        let whole = p.start.day() == 1 && p.start.checked_add_months(Months::new(1)) == Some(p.end);
        if !whole || p.end > this_month {
            continue;
        }
        let mut by_driver: BTreeMap<Driver, f64> = BTreeMap::new();
        let amounts: Vec<(Driver, &MetricValue)> = if r.groups.is_empty() {
            r.total
                .get(metric)
                .map(|v| (Driver::Other, v))
                .into_iter()
                .collect()
        } else {
            r.groups
                .iter()
                .filter_map(|g| {
                    let usage = g.keys.first().map(String::as_str).unwrap_or("");
                    g.metrics.get(metric).map(|v| (classify(usage), v))
                })
                .collect()
        };
        for (driver, v) in amounts {
            seen_metric = true;
            let usd: f64 = v.amount.parse().map_err(|_| {
                format!(
                    "Cost Explorer gave {metric} amount `{}`, not a number",
                    v.amount
                )
            })?;
            *by_driver.entry(driver).or_insert(0.0) += usd;
        }
        let cost = MonthCost {
            month: month_label(p.start),
            total_usd: by_driver.values().sum(),
            by_driver,
            estimated: r.estimated,
        };
        months.push((p.start, cost));
    }
    if !seen_metric && !months.is_empty() {
        return Err(format!(
            "Cost Explorer's answer has no {metric}: ask for it in Metrics"
        ));
    }
    Ok(trend(CostSource::CostExplorer, scope, months))
}

/// Provisioned unit-hours of a month (table and GSIs), when the table was provisioned.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ProvisionedHours {
    pub wcu_hours: f64,
    pub rcu_hours: f64,
    pub gsi_wcu_hours: f64,
    pub gsi_rcu_hours: f64,
}

/// One month of what the table used, from CloudWatch and DescribeTable.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MonthUsage {
    /// Any day of the month.
    pub month: NaiveDate,
    pub write_units: f64,
    pub read_units: f64,
    pub gsi_write_units: f64,
    pub gsi_read_units: f64,
    /// Average size of the table and its indexes, GB.
    pub storage_gb: f64,
    /// The size PITR bills, GB; 0 when PITR was off.
    pub pitr_gb: f64,
    /// `Some` when the table was provisioned: priced by unit-hour instead of by request.
    pub provisioned: Option<ProvisionedHours>,
}

/// The trend estimated at list prices for `class` (whole months as given: the caller passes the
/// complete ones).
pub fn from_usage(usage: &[MonthUsage], prices: &Prices, class: TableClass) -> CostTrend {
    let c = prices.class(class);
    let months = usage
        .iter()
        .map(|u| {
            let first = first_of_month(u.month);
            let days = first
                .checked_add_months(Months::new(1))
                .map(|next| (next - first).num_days() as f64)
                .unwrap_or(30.0);
            let month_fraction = days / super::mode::DAYS_PER_MONTH;
            let (w, r, gw, gr) = match u.provisioned {
                Some(p) => (
                    p.wcu_hours * c.wcu_hour.usd,
                    p.rcu_hours * c.rcu_hour.usd,
                    p.gsi_wcu_hours * c.wcu_hour.usd,
                    p.gsi_rcu_hours * c.rcu_hour.usd,
                ),
                None => (
                    u.write_units / 1e6 * c.on_demand_write_per_million.usd,
                    u.read_units / 1e6 * c.on_demand_read_per_million.usd,
                    u.gsi_write_units / 1e6 * c.on_demand_write_per_million.usd,
                    u.gsi_read_units / 1e6 * c.on_demand_read_per_million.usd,
                ),
            };
            let by_driver = BTreeMap::from([
                (Driver::Writes, w),
                (Driver::Reads, r),
                (Driver::Gsis, gw + gr),
                (
                    Driver::Storage,
                    u.storage_gb * c.storage_gb_month.usd * month_fraction,
                ),
                (
                    Driver::Pitr,
                    u.pitr_gb * prices.pitr_gb_month.usd * month_fraction,
                ),
            ]);
            let cost = MonthCost {
                month: month_label(first),
                total_usd: by_driver.values().sum(),
                by_driver,
                estimated: true,
            };
            (first, cost)
        })
        .collect();
    trend(
        CostSource::EstimateAtListPrices,
        "this table (estimate)",
        months,
    )
}

fn pct(f: f64) -> String {
    format!("{:+.0}%", f * 100.0)
}

crate::evidence! {
    /// `cost.trend`
    struct TrendEvidence<'a> { trend: &'a CostTrend, rules: &'a TrendRules }
}

/// `cost.trend`: warn on a month-over-month rise above `rules.jump_fraction`.
pub fn finding(t: &CostTrend, rules: &TrendRules) -> Finding {
    let source = match t.source {
        CostSource::CostExplorer => format!("Cost Explorer, {}", t.scope),
        CostSource::EstimateAtListPrices => {
            "estimated from consumed units and storage at list prices".to_owned()
        }
    };
    let evidence = TrendEvidence { trend: t, rules };
    let n = t.months.len();
    if n < 2 {
        return Finding::unknown(
            CheckId::CostTrend,
            format!(
                "{} of cost ({source}): month over month needs 2",
                crate::vocab::words::count(n, "complete month", "complete months")
            ),
        )
        .evidence(evidence)
        .runbook(RUNBOOK);
    }
    let (prev, last) = (&t.months[n - 2], &t.months[n - 1]);
    if prev.total_usd + last.total_usd <= 0.0 {
        return Finding::unknown(
            CheckId::CostTrend,
            format!(
                "no cost in {} or {} ({source}): no trend to judge",
                prev.month, last.month
            ),
        )
        .evidence(evidence)
        .runbook(RUNBOOK);
    }
    let driver = t
        .biggest_change
        .as_ref()
        .map(|d| {
            format!(
                "; biggest move: {} {:+.2} USD",
                d.driver.label(),
                d.change_usd
            )
        })
        .unwrap_or_default();
    let change = t.change.map(pct).unwrap_or_else(|| "new".to_owned());
    let before = t
        .previous_change
        .map(|c| format!(", {} the month before", pct(c)))
        .unwrap_or_default();
    let largest = t
        .biggest_driver
        .map(|d| format!("; largest: {}", d.label()))
        .unwrap_or_default();
    let summary = format!(
        "{}: ${:.2}, {change} on {} (${:.2}){before}{largest}{driver} ({source})",
        last.month, last.total_usd, prev.month, prev.total_usd
    );
    let rise = last.total_usd - prev.total_usd;
    let jumped = t.change.is_none_or(|c| c > rules.jump_fraction) && rise >= rules.min_jump_usd;
    if jumped {
        Finding::warn(CheckId::CostTrend, format!("cost jumped: {summary}"))
            .remedy("look at what moved (the biggest move above): traffic (diagnose throttling, hot-partitions), retention (check-ttl), or a setting (changes)")
    } else {
        Finding::ok(CheckId::CostTrend, summary)
    }
    .evidence(evidence)
    .runbook(RUNBOOK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Status;

    // clock-free: `today` is given; the dates never meet the clock.
    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A recorded AWS-shaped GetCostAndUsage answer: four months, the last one partial.
    const RECORDED: &str = r#"{
      "ResultsByTime": [
        {"TimePeriod": {"Start": "2999-01-01", "End": "2999-02-01"}, "Total": {}, "Estimated": false,
         "Groups": [
           {"Keys": ["WriteRequestUnits"], "Metrics": {"UnblendedCost": {"Amount": "60.5", "Unit": "USD"}}},
           {"Keys": ["TimedStorage-ByteHrs"], "Metrics": {"UnblendedCost": {"Amount": "20", "Unit": "USD"}}}]},
        {"TimePeriod": {"Start": "2999-02-01", "End": "2999-03-01"}, "Total": {}, "Estimated": false,
         "Groups": [
           {"Keys": ["WriteRequestUnits"], "Metrics": {"UnblendedCost": {"Amount": "70", "Unit": "USD"}}},
           {"Keys": ["ReadRequestUnits"], "Metrics": {"UnblendedCost": {"Amount": "10", "Unit": "USD"}}},
           {"Keys": ["TimedStorage-ByteHrs"], "Metrics": {"UnblendedCost": {"Amount": "20", "Unit": "USD"}}}]},
        {"TimePeriod": {"Start": "2999-03-01", "End": "2999-04-01"}, "Total": {}, "Estimated": true,
         "Groups": [
           {"Keys": ["WriteRequestUnits"], "Metrics": {"UnblendedCost": {"Amount": "120", "Unit": "USD"}}},
           {"Keys": ["ReadRequestUnits"], "Metrics": {"UnblendedCost": {"Amount": "10", "Unit": "USD"}}},
           {"Keys": ["TimedStorage-ByteHrs"], "Metrics": {"UnblendedCost": {"Amount": "21", "Unit": "USD"}}},
           {"Keys": ["TimedPITRStorage-ByteHrs"], "Metrics": {"UnblendedCost": {"Amount": "4", "Unit": "USD"}}}]},
        {"TimePeriod": {"Start": "2999-04-01", "End": "2999-04-12"}, "Total": {}, "Estimated": true,
         "Groups": [
           {"Keys": ["WriteRequestUnits"], "Metrics": {"UnblendedCost": {"Amount": "999", "Unit": "USD"}}}]}
      ]
    }"#;

    #[test]
    fn recorded_cost_explorer_months_are_summed_by_driver_and_a_jump_warns() {
        let answer: CostAndUsage = serde_json::from_str(RECORDED).unwrap();
        let t = from_cost_explorer(&answer, "UnblendedCost", "tag table=events", d(2999, 4, 12))
            .unwrap();
        assert_eq!(t.source, CostSource::CostExplorer);
        let months: Vec<(&str, f64)> = t
            .months
            .iter()
            .map(|m| (m.month.as_str(), m.total_usd))
            .collect();
        assert_eq!(
            months,
            [("2999-01", 80.5), ("2999-02", 100.0), ("2999-03", 155.0)],
            "the partial April is left out"
        );
        assert_eq!(t.change, Some(0.55));
        assert!((t.previous_change.unwrap() - 19.5 / 80.5).abs() < 1e-12);
        assert_eq!(t.biggest_driver, Some(Driver::Writes));
        assert_eq!(
            t.biggest_change,
            Some(DriverChange {
                driver: Driver::Writes,
                change_usd: 50.0
            })
        );
        assert!(t.months[2].estimated);
        let f = finding(&t, &TrendRules::default());
        assert_eq!(f.status, Status::Warn);
        assert_eq!(
            f.summary,
            "cost jumped: 2999-03: $155.00, +55% on 2999-02 ($100.00), +24% the month before; largest: writes; biggest move: writes +50.00 USD (Cost Explorer, tag table=events)"
        );
        // Under a 60% threshold the same rise is ok.
        let f = finding(
            &t,
            &TrendRules {
                jump_fraction: 0.6,
                ..TrendRules::default()
            },
        );
        assert_eq!(f.status, Status::Ok);
    }

    #[test]
    fn usage_types_map_to_drivers_with_and_without_region_prefixes() {
        for (usage, driver) in [
            ("WriteRequestUnits", Driver::Writes),
            ("USW2-IA-WriteRequestUnits", Driver::Writes),
            ("EU-WriteCapacityUnit-Hrs", Driver::Writes),
            ("APN1-HeavyUsage:dynamodb.write", Driver::Writes),
            ("ReadCapacityUnit-Hrs", Driver::Reads),
            ("USE1-HeavyUsage:dynamodb.read", Driver::Reads),
            ("USE2-IA-ReadRequestUnits", Driver::Reads),
            ("TimedStorage-ByteHrs", Driver::Storage),
            ("USW2-IA-TimedStorage-ByteHrs", Driver::Storage),
            ("USE1-TimedPITRStorage-ByteHrs", Driver::Pitr),
            ("TimedBackupStorage-ByteHrs", Driver::Backups),
            ("EU-ExportDataSize-Bytes", Driver::Backups),
            ("USW2-ReplWriteCapacityUnit-Hrs", Driver::Replication),
            ("ReplWriteRequestUnits", Driver::Replication),
            ("USW2-Streams-Requests", Driver::Streams),
            ("ChangeDataCaptureUnits-Kinesis", Driver::Streams),
            ("USW2-DataTransfer-Out-Bytes", Driver::DataTransfer),
            ("USE1-CW:ContributorEventsManaged", Driver::Other),
        ] {
            assert_eq!(classify(usage), driver, "{usage}");
        }
    }

    #[test]
    fn too_few_months_or_no_cost_is_unknown_and_a_missing_metric_is_an_error() {
        let mut answer: CostAndUsage = serde_json::from_str(RECORDED).unwrap();
        answer.results_by_time.drain(1..);
        let t =
            from_cost_explorer(&answer, "UnblendedCost", "all DynamoDB", d(2999, 4, 12)).unwrap();
        let f = finding(&t, &TrendRules::default());
        assert_eq!(f.status, Status::Unknown);
        assert_eq!(
            f.summary,
            "1 complete month of cost (Cost Explorer, all DynamoDB): month over month needs 2"
        );
        let e = from_cost_explorer(&answer, "AmortizedCost", "all", d(2999, 4, 12)).unwrap_err();
        assert_eq!(
            e,
            "Cost Explorer's answer has no AmortizedCost: ask for it in Metrics"
        );
        let zero = trend(
            CostSource::CostExplorer,
            "x",
            ["2999-01-01", "2999-02-01"]
                .iter()
                .map(|m| {
                    let day: NaiveDate = m.parse().unwrap();
                    (
                        day,
                        MonthCost {
                            month: month_label(day),
                            total_usd: 0.0,
                            by_driver: BTreeMap::new(),
                            estimated: false,
                        },
                    )
                })
                .collect(),
        );
        assert_eq!(
            finding(&zero, &TrendRules::default()).status,
            Status::Unknown
        );
    }

    #[test]
    fn the_estimate_prices_units_and_storage_and_separates_gsis() {
        let usage = |month, writes: f64, gsi: f64| MonthUsage {
            month,
            write_units: writes,
            read_units: 0.0,
            gsi_write_units: gsi,
            gsi_read_units: 0.0,
            storage_gb: 100.0,
            pitr_gb: 50.0,
            provisioned: None,
        };
        let t = from_usage(
            &[
                usage(d(2999, 5, 1), 100e6, 10e6),
                usage(d(2999, 6, 1), 100e6, 100e6),
            ],
            &Prices::default(),
            TableClass::Standard,
        );
        assert_eq!(t.source, CostSource::EstimateAtListPrices);
        let may = &t.months[0].by_driver;
        assert!((may[&Driver::Writes] - 62.5).abs() < 1e-9);
        assert!((may[&Driver::Gsis] - 6.25).abs() < 1e-9);
        // 31 days of 30.4375: 100 GB x $0.25 x 1.0185.
        assert!((may[&Driver::Storage] - 100.0 * 0.25 * 31.0 / 30.4375).abs() < 1e-9);
        assert!((may[&Driver::Pitr] - 50.0 * 0.20 * 31.0 / 30.4375).abs() < 1e-9);
        assert_eq!(t.biggest_change.as_ref().unwrap().driver, Driver::Gsis);
        let f = finding(&t, &TrendRules::default());
        assert_eq!(f.status, Status::Warn, "{}", f.summary);
        assert!(
            f.summary
                .ends_with("(estimated from consumed units and storage at list prices)"),
            "{}",
            f.summary
        );
        assert!(
            f.summary.contains("biggest move: GSIs +56.25 USD"),
            "{}",
            f.summary
        );
    }

    #[test]
    fn a_provisioned_month_is_priced_by_unit_hour() {
        let t = from_usage(
            &[MonthUsage {
                month: d(2999, 6, 15),
                write_units: 1e9,
                read_units: 0.0,
                gsi_write_units: 0.0,
                gsi_read_units: 0.0,
                storage_gb: 0.0,
                pitr_gb: 0.0,
                provisioned: Some(ProvisionedHours {
                    wcu_hours: 1000.0,
                    rcu_hours: 0.0,
                    gsi_wcu_hours: 0.0,
                    gsi_rcu_hours: 0.0,
                }),
            }],
            &Prices::default(),
            TableClass::Standard,
        );
        assert_eq!(t.months[0].month, "2999-06");
        assert!((t.months[0].by_driver[&Driver::Writes] - 0.65).abs() < 1e-12);
    }
}
