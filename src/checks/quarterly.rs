//! The quarterly review's verdicts (runbook Quarterly 1 and 3): latency over the quarter against
//! the targets and the last quarter, GSI usage, and the partition key distribution.

use crate::aws::metrics::Stat;
use crate::report::CheckId;
use std::collections::HashMap;

use crate::report::Finding;

/// A latency is "degraded" when it is more than this factor of last quarter's.
pub(crate) const DEGRADED_FACTOR: f64 = 1.25;
/// One user "dominates" the key space above this share of the sampled items.
pub(crate) const DOMINANT_SHARE: f64 = 0.5;

/// Milliseconds over a whole quarter by (operation, percentile), e.g. ("PutItem", `Stat::P99`).
pub(crate) type Percentiles = HashMap<(String, Stat), f64>;

/// The latency findings of each operation and the rows of the table that shows them:
/// operation, then "p50 (last quarter; < target)" for p50, p95 and p99.
pub(crate) fn latency(
    targets: &crate::spec::targets::Targets,
    operations: &[&str],
    this_quarter: Result<&Percentiles, String>,
    last_quarter: Option<&Percentiles>,
) -> (Vec<Finding>, Vec<Vec<String>>) {
    let cur = match this_quarter {
        Ok(cur) => cur,
        Err(e) => {
            let f = Finding::unknown(
                CheckId::QuarterlyLatencyMetrics,
                format!("could not read latency: {e}"),
            );
            return (vec![f], Vec::new());
        }
    };
    let mut findings = Vec::new();
    let mut rows = Vec::new();
    for op in operations {
        let t = targets.for_operation(op);
        let get = |m: &Percentiles, s: Stat| m.get(&((*op).to_owned(), s)).copied();
        let values: Vec<(Stat, Option<f64>, Option<f64>, f64)> =
            [(Stat::P50, t.p50), (Stat::P95, t.p95), (Stat::P99, t.p99)]
                .into_iter()
                .map(|(s, target)| (s, get(cur, s), last_quarter.and_then(|p| get(p, s)), target))
                .collect();
        rows.push(
            std::iter::once((*op).to_owned())
                .chain(values.iter().map(|(_, c, pr, target)| {
                    format!(
                        "{} ({}; < {target})",
                        c.map(|v| format!("{v:.1}")).unwrap_or_else(|| "-".into()),
                        pr.map(|v| format!("last {v:.1}"))
                            .unwrap_or_else(|| "last -".into())
                    )
                }))
                .collect(),
        );
        let check = CheckId::QuarterlyLatency(op.to_string());
        if values.iter().all(|(_, c, _, _)| c.is_none()) {
            findings.push(Finding::unknown(
                check,
                format!(
                    // plural-ok: `{op}` is an operation name, not a count
                    "{}: no {op} requests, no latency to judge",
                    crate::checks::evidence::no_traffic("this quarter")
                ),
            ));
            continue;
        }
        let over: Vec<String> = values
            .iter()
            .filter(|(_, c, _, t)| c.is_some_and(|c| c > *t))
            .map(|(s, c, _, t)| format!("{s} {:.1} > {t}", c.unwrap_or(0.0)))
            .collect();
        let worse: Vec<String> = values
            .iter()
            .filter(|(_, c, pr, _)| {
                matches!((c, pr), (Some(c), Some(p)) if *c > p * DEGRADED_FACTOR && *p > 0.0)
            })
            .map(|(s, c, pr, _)| {
                format!("{s} {:.1} vs {:.1}", c.unwrap_or(0.0), pr.unwrap_or(0.0))
            })
            .collect();
        let summary = values
            .iter()
            .map(|(s, c, _, _)| {
                format!(
                    "{s} {}",
                    c.map(|v| format!("{v:.1}")).unwrap_or_else(|| "-".into())
                )
            })
            .collect::<Vec<_>>()
            .join(" / ");
        let f = if !over.is_empty() {
            Finding::warn(
                check,
                format!(
                    "{summary} ms over the quarter: over target ({})",
                    over.join(", ")
                ),
            )
        } else if !worse.is_empty() {
            Finding::warn(
                check,
                format!(
                    "{summary} ms: degraded from last quarter by more than 25% ({})",
                    worse.join(", ")
                ),
            )
        } else {
            Finding::ok(
                check,
                format!("{summary} ms over the quarter, within targets"),
            )
        };
        findings.push(f.runbook("Quarterly 1: Analyze Performance Metrics"));
    }
    (findings, rows)
}

/// One GSI's consumed units over the quarter.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GsiUsage {
    pub index: String,
    pub write_units: f64,
    pub read_units: f64,
}

/// An index that is written and never read costs every write for nothing. `table_write_units`
/// is the base table's; `consumed_units` every unit the table and its indexes consumed in the
/// window (writes and reads): with none, an idle index is no evidence of anything.
pub(crate) fn gsi_usage(
    table_write_units: f64,
    consumed_units: f64,
    gsis: &[GsiUsage],
) -> Vec<Finding> {
    gsis.iter()
        .map(|g| {
            let (w, r) = (g.write_units, g.read_units);
            let check = CheckId::QuarterlyGsi(g.index.clone());
            if w == 0.0 && r == 0.0 && consumed_units == 0.0 {
                Finding::unknown(
                    check,
                    "no traffic in the window: nothing to judge (0 write and 0 read units on the table and its indexes this quarter)",
                )
            } else if w > 0.0 && r == 0.0 {
                Finding::warn(check, format!("{} and no reads this quarter: every write pays for an index nobody queries", crate::vocab::words::whole(w, "write unit", "write units")))
                    .remedy("consider removing it (runbook Quarterly 3: consider adding/removing indexes)")
            } else {
                let share = if table_write_units > 0.0 {
                    w / table_write_units * 100.0
                } else {
                    0.0
                };
                Finding::ok(check, format!("{} ({share:.0}% of the table's), {}", crate::vocab::words::whole(w, "write unit", "write units"), crate::vocab::words::whole(r, "read unit", "read units")))
            }
            .runbook("Quarterly 3: Evaluate GSI usage patterns")
        })
        .collect()
}

/// A sample of partition keys.
#[derive(Debug, Clone, Default)]
pub(crate) struct KeySample {
    /// Items sampled.
    pub sampled: usize,
    /// Every user seen with its count, most first.
    pub top: Vec<(String, usize)>,
}

crate::evidence! {
    /// `quarterly.keys`: the ten users with the most events in the sample.
    struct KeyDistribution<'a> {
        sampled: usize,
        distinct_users: usize,
        top: Vec<&'a (String, usize)>,
    }
}

/// The partition key distribution of a sample.
pub(crate) fn keys(sample: Result<&KeySample, String>) -> Finding {
    let (n, top) = match sample {
        Err(e) => {
            return Finding::unknown(
                CheckId::QuarterlyKeys,
                format!("could not sample keys: {e}"),
            );
        }
        // No item read, no distribution judged.
        Ok(s) if s.sampled == 0 => {
            return Finding::unknown(
                CheckId::QuarterlyKeys,
                "sampled 0 items (the table is empty): no key distribution to judge",
            )
            .runbook("Quarterly 3: Review partition key distribution");
        }
        Ok(s) => (s.sampled, &s.top),
    };
    let share = |k: usize| top.iter().take(k).map(|(_, c)| *c).sum::<usize>() as f64 / n as f64;
    let summary = format!(
        "{} in a sample of {n}; the top user holds {:.0}%, the top 10 {:.0}%",
        crate::output::count(top.len(), "user", "users"),
        share(1) * 100.0,
        share(10) * 100.0
    );
    let ev = KeyDistribution {
        sampled: n,
        distinct_users: top.len(),
        top: top.iter().take(10).collect(),
    };
    if share(1) > DOMINANT_SHARE && top.len() > 1 {
        Finding::warn(
            CheckId::QuarterlyKeys,
            format!("{summary}: one user dominates the key space (hot partition risk)"),
        )
        .remedy("eventsctl hot-partitions; plan write sharding for that user (runbook Issue 4)")
    } else {
        Finding::ok(CheckId::QuarterlyKeys, summary)
    }
    .evidence(ev)
    .runbook("Quarterly 3: Review partition key distribution")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Status;

    fn ms(op: &str, values: &[(Stat, f64)]) -> Percentiles {
        values
            .iter()
            .map(|(s, v)| ((op.to_owned(), *s), *v))
            .collect()
    }

    #[test]
    fn latency_is_judged_against_targets_then_last_quarter() {
        // PutItem targets: p50 < 5, p95 < 10, p99 < 20 ms.
        let within = [(Stat::P50, 3.0), (Stat::P95, 8.0), (Stat::P99, 15.0)];
        let cases: Vec<(&str, Percentiles, Option<Percentiles>, Status, &str)> = vec![
            (
                "no requests: nothing to judge, not a pass",
                Percentiles::new(),
                None,
                Status::Unknown,
                "no PutItem requests",
            ),
            (
                "within targets, no last quarter",
                ms("PutItem", &within),
                None,
                Status::Ok,
                "within targets",
            ),
            (
                "p99 over target",
                ms(
                    "PutItem",
                    &[(Stat::P50, 3.0), (Stat::P95, 8.0), (Stat::P99, 25.0)],
                ),
                None,
                Status::Warn,
                "p99 25.0 > 20",
            ),
            (
                "over beats degraded",
                ms(
                    "PutItem",
                    &[(Stat::P50, 3.0), (Stat::P95, 8.0), (Stat::P99, 25.0)],
                ),
                Some(ms("PutItem", &[(Stat::P99, 1.0)])),
                Status::Warn,
                "over target",
            ),
            (
                "26% worse than last quarter",
                ms("PutItem", &within),
                Some(ms("PutItem", &[(Stat::P50, 3.0 / 1.26)])),
                Status::Warn,
                "degraded",
            ),
            (
                "exactly 25% worse is not degraded",
                ms("PutItem", &within),
                Some(ms("PutItem", &[(Stat::P50, 3.0 / 1.25)])),
                Status::Ok,
                "within targets",
            ),
            (
                "last quarter zero is not a baseline",
                ms("PutItem", &within),
                Some(ms("PutItem", &[(Stat::P50, 0.0)])),
                Status::Ok,
                "within targets",
            ),
        ];
        for (name, cur, prev, want, says) in cases {
            let (findings, rows) =
                latency(&Default::default(), &["PutItem"], Ok(&cur), prev.as_ref());
            assert_eq!(findings.len(), 1, "{name}");
            assert_eq!(findings[0].status, want, "{name}: {}", findings[0].summary);
            assert!(
                findings[0].summary.contains(says),
                "{name}: {}",
                findings[0].summary
            );
            assert_eq!(
                findings[0].check,
                CheckId::QuarterlyLatency("PutItem".into())
            );
            assert_eq!(rows.len(), 1, "{name}");
        }
        let (findings, rows) = latency(
            &Default::default(),
            &["PutItem", "Query"],
            Err("denied".into()),
            None,
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].status, Status::Unknown);
        assert_eq!(findings[0].check, CheckId::QuarterlyLatencyMetrics);
        assert!(rows.is_empty());
    }

    #[test]
    fn an_index_written_and_never_read_is_a_warning() {
        let g = |w: f64, r: f64| GsiUsage {
            index: "StatusIndex".into(),
            write_units: w,
            read_units: r,
        };
        let cases = [
            (
                "written, never read",
                100.0,
                g(50.0, 0.0),
                Status::Warn,
                "nobody queries",
            ),
            (
                "written and read",
                100.0,
                g(50.0, 1.0),
                Status::Ok,
                "(50% of the table's)",
            ),
            (
                "idle on a table with traffic",
                100.0,
                g(0.0, 0.0),
                Status::Ok,
                "0 write units",
            ),
            (
                "no table writes",
                0.0,
                g(0.0, 3.0),
                Status::Ok,
                "(0% of the table's)",
            ),
            (
                "no traffic at all: nothing to judge, not a pass",
                0.0,
                g(0.0, 0.0),
                Status::Unknown,
                "no traffic in the window: nothing to judge",
            ),
        ];
        for (name, table, usage, want, says) in cases {
            // Every unit consumed: the table's writes, the index's, and reads on either.
            let consumed = table + usage.write_units + usage.read_units;
            let f = gsi_usage(table, consumed, std::slice::from_ref(&usage));
            assert_eq!(f.len(), 1);
            assert_eq!(f[0].status, want, "{name}: {}", f[0].summary);
            assert!(f[0].summary.contains(says), "{name}: {}", f[0].summary);
            assert_eq!(f[0].check, CheckId::QuarterlyGsi("StatusIndex".into()));
        }
    }

    #[test]
    fn one_user_over_half_the_sample_dominates() {
        let sample = |sampled: usize, counts: &[usize]| -> Result<KeySample, String> {
            Ok(KeySample {
                sampled,
                top: counts
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (format!("user-{i}"), *c))
                    .collect(),
            })
        };
        let cases = [
            (
                "not readable",
                Err("denied".to_owned()),
                Status::Unknown,
                "could not sample keys: denied",
            ),
            (
                "empty table: nothing to judge, not a pass",
                sample(0, &[]),
                Status::Unknown,
                "sampled 0 items (the table is empty): no key distribution to judge",
            ),
            (
                "51% one user",
                sample(100, &[51, 49]),
                Status::Warn,
                "one user dominates",
            ),
            (
                "exactly half",
                sample(100, &[50, 50]),
                Status::Ok,
                "the top user holds 50%",
            ),
            (
                "one user alone is no skew",
                sample(10, &[10]),
                Status::Ok,
                "1 user in a sample of 10",
            ),
            (
                "even",
                sample(100, &[10; 10]),
                Status::Ok,
                "the top 10 100%",
            ),
        ];
        for (name, sample, want, says) in cases {
            let f = keys(sample.as_ref().map_err(Clone::clone));
            assert_eq!(f.status, want, "{name}: {}", f.summary);
            assert_eq!(f.check, CheckId::QuarterlyKeys);
            assert!(f.summary.contains(says), "{name}: {}", f.summary);
        }
    }
}
