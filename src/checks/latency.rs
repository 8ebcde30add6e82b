//! `diagnose latency` (runbook alarms 2 and 3, "Performance Targets"): SuccessfulRequestLatency
//! p50/p95/p99 per operation against the targets, sustained breaches against the alarm rules.

use crate::aws::metrics::Stat;
use crate::report::CheckId;
use chrono::{DateTime, Duration, Utc};

use crate::aws::AwsError;
use crate::aws::metrics::{self, MetricKey, MetricSet, Window, longest_run};
use crate::report::{Finding, Keyed, Section, Status};
use crate::spec::targets::{
    LatencyTargets, READ_OPERATIONS, Targets, WRITE_LATENCY_ALARM, WRITE_OPERATIONS, latency_alarm,
    sustained, targets_source,
};

pub(crate) const STATS: [Stat; 3] = [Stat::P50, Stat::P95, Stat::P99];

pub(crate) fn operations() -> Vec<&'static str> {
    WRITE_OPERATIONS
        .iter()
        .chain(READ_OPERATIONS.iter())
        .copied()
        .collect()
}

pub(crate) fn metric_keys(table: &str) -> Vec<MetricKey> {
    operations()
        .into_iter()
        .flat_map(|op| {
            STATS
                .into_iter()
                .map(move |s| MetricKey::op("SuccessfulRequestLatency", table, op, s))
        })
        .collect()
}

#[derive(Debug)]
pub(crate) struct LatencyFacts {
    pub table: String,
    pub metrics: Result<MetricSet, AwsError>,
    /// The targets the operations are held to (the environment's).
    pub targets: Targets,
}

pub async fn gather(
    cw: &aws_sdk_cloudwatch::Client,
    table: &str,
    targets: Targets,
    since: Duration,
    now: DateTime<Utc>,
) -> LatencyFacts {
    let window = Window::last_at(since, now, WRITE_LATENCY_ALARM.period);
    let keys = metric_keys(table);
    let metrics = metrics::fetch(cw, window, &keys).await;
    LatencyFacts {
        table: table.to_owned(),
        metrics,
        targets,
    }
}

fn target_of(t: &LatencyTargets, stat: Stat) -> f64 {
    match stat {
        Stat::P50 => t.p50,
        Stat::P95 => t.p95,
        _ => t.p99,
    }
}

fn ms(v: f64) -> String {
    format!("{v:.1}")
}

/// Per operation: worst value and periods over target for each percentile, and the alarm run.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OperationLatency {
    pub operation: &'static str,
    pub has_data: bool,
    pub worst: [Option<f64>; 3],
    pub periods_over: [usize; 3],
    pub alarm_run: usize,
    pub status: Status,
}

pub(crate) fn operation_latency(
    m: &MetricSet,
    table: &str,
    targets: &Targets,
    op: &'static str,
) -> OperationLatency {
    let targets = targets.for_operation(op);
    let rule = sustained(op);
    let mut worst = [None; 3];
    let mut over = [0; 3];
    let mut has_data = false;
    let mut alarm_run = 0;
    for (i, stat) in STATS.into_iter().enumerate() {
        let series = m.series(&MetricKey::op("SuccessfulRequestLatency", table, op, stat));
        has_data |= !series.is_empty();
        worst[i] = series.max();
        let t = target_of(&targets, stat);
        over[i] = series.points.iter().filter(|(_, v)| *v > t).count();
        if stat == rule.stat {
            // Missing periods (no requests) break a run: CloudWatch treats them as not breaching.
            alarm_run = longest_run(&series.dense(&m.window), None, |v| v > rule.threshold);
        }
    }
    // Crit only for what an alarm watches; a sustained breach elsewhere is a warning.
    let status = if alarm_run >= rule.periods && latency_alarm(op).is_some() {
        Status::Crit
    } else if over.iter().any(|n| *n > 0) {
        Status::Warn
    } else {
        Status::Ok
    };
    OperationLatency {
        operation: op,
        has_data,
        worst,
        periods_over: over,
        alarm_run,
        status,
    }
}

crate::evidence! {
    /// `latency.metrics`: series CloudWatch answered incompletely.
    struct SeriesProblems { problems: Vec<String> }
    /// `latency.<operation>` with no datapoints in the window.
    struct NoDatapoints {
        datapoints: u64,
        window_start: DateTime<Utc>,
        window_end: DateTime<Utc>,
    }
    /// `latency.<operation>`
    struct OperationEvidence {
        worst_ms: Keyed<Option<f64>>,
        periods_over_target: Keyed<usize>,
        alarm: bool,
        alarm_stat: Stat,
        alarm_threshold_ms: f64,
        longest_run_over_alarm: usize,
    }
}

pub fn evaluate(facts: &LatencyFacts) -> Vec<Finding> {
    let m = match &facts.metrics {
        Ok(m) => m,
        Err(e) => {
            return vec![
                Finding::unknown(
                    CheckId::LatencyMetrics,
                    format!(
                        "could not read CloudWatch ({e}); a failed read is not \"latency fine\""
                    ),
                )
                .runbook("Alarms 2 and 3"),
            ];
        }
    };
    let mut findings = Vec::new();
    let problems = m.problems();
    if !problems.is_empty() {
        findings.push(
            Finding::unknown(
                CheckId::LatencyMetrics,
                format!("incomplete data for {} series", problems.len()),
            )
            .evidence(SeriesProblems { problems }),
        );
    }
    findings.extend(
        operations()
            .into_iter()
            .map(|op| operation_finding(facts, m, op)),
    );
    findings
}

/// The latency of one operation against its targets and, where one watches it, its alarm.
fn operation_finding(facts: &LatencyFacts, m: &MetricSet, op: &'static str) -> Finding {
    let l = operation_latency(m, &facts.table, &facts.targets, op);
    let targets = facts.targets.for_operation(op);
    let alarm = latency_alarm(op);
    let rule = sustained(op);
    let is_write = WRITE_OPERATIONS.contains(&op);
    let runbook = match (is_write, alarm.is_some()) {
        (true, true) => "Alarm 2: Write Latency High; Performance Targets",
        (false, true) => "Alarm 3: Read Latency High; Performance Targets",
        (true, false) => "Performance Targets (Write Operations); no alarm watches it",
        (false, false) => "Performance Targets (Read Operations); no alarm watches it",
    };
    let check = CheckId::Latency(op.to_string());
    if !l.has_data {
        // No datapoints is not "latency fine": there was nothing to judge.
        return Finding::unknown(
            check,
            format!(
                // plural-ok: `{op}` is an operation name, not a count
                "{}: no {op} requests, no latency to judge",
                crate::checks::evidence::no_traffic(&format!(
                    "last {}",
                    crate::times::human(m.window.length())
                ))
            ),
        )
        .evidence(NoDatapoints {
            datapoints: 0,
            window_start: m.window.start,
            window_end: m.window.end,
        })
        .runbook(runbook);
    }
    let worst: Vec<String> = STATS
        .into_iter()
        .zip(l.worst)
        .map(|(s, v)| format!("{s} {}", v.map(ms).unwrap_or_else(|| "-".into())))
        .collect();
    let mut summary = format!(
        "worst 5-minute {} ms (targets {}/{}/{}, {})",
        worst.join(" / "),
        targets.p50,
        targets.p95,
        targets.p99,
        targets_source(op)
    );
    let remedy = if is_write {
        "check payload sizes (items up to 400 KB; large items write slowly), capacity, and the network path (VPC endpoint) (runbook alarm 2, resolution 1-5)"
    } else {
        "check that reads use the GSIs with the needed projections, pagination, and caching (runbook alarm 3, resolution 1-5)"
    };
    let sustained_run = l.alarm_run >= rule.periods;
    let keys: Vec<MetricKey> = STATS
        .iter()
        .map(|s| MetricKey::op("SuccessfulRequestLatency", &facts.table, op, *s))
        .collect();
    let (shown, gap) = crate::checks::evidence::unless_incomplete(l.status, m, &keys);
    let f = match l.status {
        Status::Ok if shown == Status::Unknown => Finding::unknown(check, summary + &gap),
        Status::Crit => {
            summary.push_str(&format!(
                "; {} above {} ms for {} consecutive periods: the alarm condition",
                rule.stat, rule.threshold, l.alarm_run
            ));
            Finding::crit(check, summary).remedy(remedy)
        }
        Status::Warn if sustained_run => {
            summary.push_str(&format!(
                "; {} above {} ms for {} consecutive periods, sustained (no alarm watches {op})",
                rule.stat, rule.threshold, l.alarm_run
            ));
            Finding::warn(check, summary).remedy(remedy)
        }
        Status::Warn => {
            summary.push_str("; over target, not sustained");
            Finding::warn(check, summary).remedy(remedy)
        }
        _ => Finding::ok(check, summary),
    };
    f.evidence(OperationEvidence {
        worst_ms: STATS
            .into_iter()
            .zip(l.worst)
            .map(|(s, v)| (s.to_string(), v))
            .collect(),
        periods_over_target: STATS
            .into_iter()
            .zip(l.periods_over)
            .map(|(s, v)| (s.to_string(), v))
            .collect(),
        alarm: alarm.is_some(),
        alarm_stat: rule.stat,
        alarm_threshold_ms: rule.threshold,
        longest_run_over_alarm: l.alarm_run,
    })
    .runbook(runbook)
}

/// The per-period numbers behind the verdict, for the operations that have data.
pub(crate) fn sections(facts: &LatencyFacts) -> Vec<Section> {
    let Ok(m) = &facts.metrics else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    for op in operations() {
        let dense: Vec<Vec<Option<f64>>> = STATS
            .into_iter()
            .map(|s| {
                m.series(&MetricKey::op(
                    "SuccessfulRequestLatency",
                    &facts.table,
                    op,
                    s,
                ))
                .dense(&m.window)
            })
            .collect();
        let targets = facts.targets.for_operation(op);
        for (i, t) in m.window.periods().iter().enumerate() {
            if dense.iter().all(|d| d[i].is_none()) {
                continue;
            }
            let mut row = vec![t.format("%Y-%m-%d %H:%M").to_string(), op.to_owned()];
            let mut flags = Vec::new();
            for (j, s) in STATS.into_iter().enumerate() {
                let v = dense[j][i];
                row.push(v.map(ms).unwrap_or_else(|| "-".into()));
                if v.is_some_and(|v| v > target_of(&targets, s)) {
                    flags.push(format!("{s}>{}", target_of(&targets, s)));
                }
            }
            row.push(flags.join(" "));
            rows.push(row);
        }
    }
    vec![Section::table(
        format!(
            "SuccessfulRequestLatency per 5-minute period, last {} (ms)",
            crate::times::human(m.window.length())
        ),
        &[
            "PERIOD (UTC)",
            "OPERATION",
            "P50",
            "P95",
            "P99",
            "OVER TARGET",
        ],
        rows,
    )]
}

/// `diagnose latency`'s `data.latency` (`docs/json.md`): every operation's percentile series,
/// or an empty object when the metrics could not be read (`latency.metrics` says why).
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
#[schemars(rename = "Latency")]
#[serde(untagged)]
pub(crate) enum LatencyData {
    Read {
        window: metrics::WindowData,
        operations: Vec<OperationData>,
    },
    /// `{}`: the metrics could not be read.
    #[schemars(extend("additionalProperties" = false))]
    Unread {},
}

/// One operation's series: statistic (`p50`, `p95`, `p99`) to `[time, milliseconds]` points.
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
#[schemars(rename = "LatencyOperation")]
pub(crate) struct OperationData {
    operation: &'static str,
    /// Statistic (`p50`, `p95`, `p99`) to `[time, milliseconds]` points.
    series: std::collections::BTreeMap<&'static str, Vec<(String, f64)>>,
}

pub(crate) fn data(facts: &LatencyFacts) -> LatencyData {
    let Ok(m) = &facts.metrics else {
        return LatencyData::Unread {};
    };
    LatencyData::Read {
        window: m.window.data(),
        operations: operations()
            .into_iter()
            .map(|op| OperationData {
                operation: op,
                series: STATS
                    .into_iter()
                    .map(|s| {
                        let key = MetricKey::op("SuccessfulRequestLatency", &facts.table, op, s);
                        let points = m.series(&key).points;
                        let points = points
                            .iter()
                            .map(|(t, v)| (crate::times::stamp(*t), *v))
                            .collect();
                        (s.as_str(), points)
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::metrics::Series;
    use chrono::TimeZone;

    /// One operation's stat at `values` in consecutive 5-minute periods.
    fn facts(op: &str, stat: Stat, values: &[f64]) -> LatencyFacts {
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
        let window = Window::last_at(Duration::hours(1), now, 300);
        let key = MetricKey::op("SuccessfulRequestLatency", "t", op, stat);
        let points = values
            .iter()
            .enumerate()
            .map(|(i, v)| (window.start + Duration::minutes(5 * i as i64), *v))
            .collect();
        LatencyFacts {
            table: "t".into(),
            metrics: Ok(MetricSet::from_series(
                window,
                vec![Series {
                    key,
                    points,
                    problem: None,
                }],
            )),
            targets: Targets::default(),
        }
    }

    /// The environment's own targets (the config file's) are the ones a verdict holds to.
    #[test]
    fn the_environments_targets_decide() {
        let query = |f: &LatencyFacts| {
            evaluate(f)
                .into_iter()
                .find(|x| x.check.to_string().contains("Query"))
                .expect("the Query finding")
        };
        let mut f = facts("Query", Stat::P99, &[60.0]);
        assert_eq!(query(&f).status, Status::Ok, "{:?}", query(&f));
        f.targets.read.p99 = 50.0;
        let found = query(&f);
        assert_eq!(found.status, Status::Warn, "{found:?}");
        assert!(found.summary.contains("50"), "{found:?}");
    }

    /// Every operation's verdicts, case by case: (operation, stat, values per 5-minute period,
    /// status, words the summary must hold). Targets: PutItem p50/p95/p99 5/10/20 ms (alarm 2:
    /// p99 > 20 for 3 periods), BatchWriteItem 15/30/60 (eventsctl's, no alarm), GetItem and
    /// Query 10/50/100 (alarm 3 watches Query: p95 > 50 for 3 periods).
    #[test]
    fn latency_verdicts_per_operation() {
        let cases: &[(&str, Stat, &[f64], Status, &str)] = &[
            (
                "PutItem",
                Stat::P99,
                &[3.0, 4.0, 5.0],
                Status::Ok,
                "worst 5-minute p50 - / p95 - / p99 5.0 ms",
            ),
            (
                "PutItem",
                Stat::P50,
                &[6.0],
                Status::Warn,
                "over target, not sustained",
            ),
            (
                "PutItem",
                Stat::P99,
                &[30.0, 3.0, 32.0],
                Status::Warn,
                "not sustained",
            ),
            (
                "PutItem",
                Stat::P99,
                &[30.0, 31.0, 32.0],
                Status::Crit,
                "p99 above 20 ms for 3 consecutive periods: the alarm condition",
            ),
            // 30 ms is over PutItem's p99 target but a batch of 25 has its own.
            (
                "BatchWriteItem",
                Stat::P99,
                &[30.0, 31.0, 32.0],
                Status::Ok,
                "eventsctl's batch targets",
            ),
            (
                "BatchWriteItem",
                Stat::P99,
                &[70.0, 10.0, 72.0],
                Status::Warn,
                "not sustained",
            ),
            // Sustained, but no alarm watches it: a warning, never crit.
            (
                "BatchWriteItem",
                Stat::P99,
                &[70.0, 71.0, 72.0],
                Status::Warn,
                "sustained (no alarm watches BatchWriteItem)",
            ),
            // The import's PartiQL batches: read under OperationType=Write, held to the batch
            // targets, watched by no alarm.
            (
                "BatchExecuteStatement",
                Stat::P99,
                &[30.0, 31.0, 32.0],
                Status::Ok,
                "eventsctl's batch targets",
            ),
            (
                "BatchExecuteStatement",
                Stat::P99,
                &[70.0, 71.0, 72.0],
                Status::Warn,
                "sustained (no alarm watches BatchExecuteStatement)",
            ),
            (
                "GetItem",
                Stat::P95,
                &[20.0, 21.0, 22.0],
                Status::Ok,
                "the runbook's Performance Targets",
            ),
            (
                "GetItem",
                Stat::P95,
                &[70.0, 10.0, 72.0],
                Status::Warn,
                "not sustained",
            ),
            (
                "GetItem",
                Stat::P95,
                &[70.0, 71.0, 72.0],
                Status::Warn,
                "sustained (no alarm watches GetItem)",
            ),
            (
                "Query",
                Stat::P95,
                &[20.0, 21.0, 22.0],
                Status::Ok,
                "targets 10/50/100",
            ),
            (
                "Query",
                Stat::P95,
                &[70.0, 10.0, 72.0],
                Status::Warn,
                "not sustained",
            ),
            (
                "Query",
                Stat::P95,
                &[70.0, 71.0, 72.0],
                Status::Crit,
                "p95 above 50 ms for 3 consecutive periods: the alarm condition",
            ),
        ];
        for (op, stat, values, want, words) in cases {
            let findings = evaluate(&facts(op, *stat, values));
            let f = crate::checks::expect(&findings, &format!("latency.{op}"), *want, words);
            if *want != Status::Crit {
                assert!(!f.summary.contains("alarm condition"), "{}", f.summary);
            }
            // The other operations had no requests: nothing to judge, not "fine".
            for other in operations().into_iter().filter(|o| o != op) {
                crate::checks::expect(
                    &findings,
                    &format!("latency.{other}"),
                    Status::Unknown,
                    &format!(
                        // plural-ok: `{op}` is an operation name, not a count
                        "no traffic in the window (last 1h): no {other} requests, no latency to judge"
                    ),
                );
            }
        }
    }

    /// The import's batches are asked for with their whole dimension set: without
    /// `OperationType=Write`, CloudWatch has no such metric.
    #[test]
    fn the_imports_batch_latency_is_read_with_its_operation_type() {
        let keys = metric_keys("t");
        let batch: Vec<&MetricKey> = keys
            .iter()
            .filter(|k| {
                k.dimensions
                    .contains(&("Operation".to_owned(), "BatchExecuteStatement".to_owned()))
            })
            .collect();
        assert_eq!(batch.len(), STATS.len(), "{keys:?}");
        for k in batch {
            assert_eq!(
                k.dimensions,
                [
                    ("TableName".to_owned(), "t".to_owned()),
                    ("Operation".to_owned(), "BatchExecuteStatement".to_owned()),
                    ("OperationType".to_owned(), "Write".to_owned()),
                ]
            );
        }
    }

    /// docs/evidence.md: latency without its evidence (a failed read, no datapoints, a partial
    /// answer) is never ok.
    #[test]
    fn latency_without_evidence() {
        let mut failed = facts("PutItem", Stat::P99, &[3.0]);
        failed.metrics = Err(crate::checks::denied("cloudwatch", "GetMetricData"));
        let findings = evaluate(&failed);
        assert_eq!(findings.len(), 1, "{findings:?}");
        crate::checks::expect(
            &findings,
            "latency.metrics",
            Status::Unknown,
            "a failed read is not \"latency fine\"",
        );

        let mut quiet = facts("PutItem", Stat::P99, &[]);
        quiet.metrics = quiet
            .metrics
            .map(|m| MetricSet::from_series(m.window, Vec::new()));
        let findings = evaluate(&quiet);
        for op in operations() {
            crate::checks::expect(
                &findings,
                &format!("latency.{op}"),
                Status::Unknown,
                // plural-ok: `{op}` is an operation name, not a count
                &format!("no {op} requests, no latency to judge"),
            );
        }

        // Datapoints within target, but CloudWatch's last page said PartialData: not proof.
        let mut partial = facts("Query", Stat::P95, &[20.0, 21.0]);
        if let Ok(m) = &mut partial.metrics {
            let mut s = m.series(&MetricKey::op(
                "SuccessfulRequestLatency",
                "t",
                "Query",
                Stat::P95,
            ));
            s.problem = Some("PartialData".into());
            *m = MetricSet::from_series(m.window, vec![s]);
        }
        let findings = evaluate(&partial);
        crate::checks::expect(
            &findings,
            "latency.metrics",
            Status::Unknown,
            "incomplete data for 1 series",
        );
        crate::checks::expect(
            &findings,
            "latency.Query",
            Status::Unknown,
            "answered 1 of its 3 series incompletely",
        );
    }
}
