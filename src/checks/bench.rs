//! The verdicts of `bench write|read` (runbook Performance Targets): what the open-loop run
//! measured, judged against the asked rate, the runbook's throughput and latency targets, the
//! error rate and the client CPU budget. Pure: `crate::bench` runs the load.

use serde::Serialize;

use crate::report::Finding;
use crate::spec::targets::LatencyTargets;
use crate::vocab::check_id::CheckId;

/// The client CPU budget per request the tool is held to (10,000 events/s per core).
pub(crate) const CPU_BUDGET_US: f64 = 100.0;

/// Client-side latency quantiles of the requests that succeeded, in milliseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub(crate) struct LatencyMs {
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
}

/// What one bench run measured.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Measured {
    pub asked_rate: f64,
    /// Successful requests per second of the run.
    pub achieved_rate: f64,
    pub ok: u64,
    pub throttled: u64,
    pub errors: u64,
    /// Not sent: the in-flight cap, or the schedule ran past the duration.
    pub dropped: u64,
    pub latency: LatencyMs,
    /// Latencies recorded (the successful requests).
    pub samples: u64,
    pub cpu_us_total: u64,
    pub cpu_us_per_request: f64,
    /// The first error seen, if any.
    pub first_error: Option<String>,
}

/// The runbook's targets for the mode benched.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Targets {
    pub latency: LatencyTargets,
    /// Sustained requests per second.
    pub throughput: f64,
}

crate::evidence! {
    /// `bench.throughput` when no request succeeded.
    struct NothingSucceeded { ok: u64, throttled: u64, errors: u64, dropped: u64 }
    /// `bench.throughput`
    struct Throughput { asked: f64, achieved: f64, ok: u64, dropped: u64 }
    /// `bench.latency`
    struct Latency { p50_ms: f64, p95_ms: f64, p99_ms: f64, max_ms: f64, samples: u64 }
    /// `bench.errors`
    struct Errors { throttled: u64, errors: u64 }
    /// `bench.cpu`
    struct Cpu { cpu_us_total: u64, cpu_us_per_request: f64 }
}

/// The findings of one run: rate, target rate, latency, errors and CPU; or, when nothing
/// succeeded, errors and latency unknown (zero successes measure nothing).
pub fn evaluate(m: &Measured, targets: Targets) -> Vec<Finding> {
    let (throttled, errors) = (m.throttled, m.errors);
    if m.ok == 0 {
        let why = m
            .first_error
            .clone()
            .unwrap_or_else(|| "no request was sent".to_owned());
        return vec![
            Finding::unknown(
                CheckId::BenchErrors,
                format!("no request succeeded ({throttled} throttled, {}): {why}", crate::vocab::words::plural(errors, "error", "errors")),
            )
            .evidence(NothingSucceeded {
                ok: 0,
                throttled,
                errors,
                dropped: m.dropped,
            })
            .remedy("Check the endpoint, the region and the table (eventsctl table describe), then run the bench again."),
            Finding::unknown(CheckId::BenchLatency, "no latency: no request succeeded"),
        ];
    }
    vec![
        rate(m),
        target_rate(m, targets.throughput),
        latency(m, targets.latency),
        error_rate(m),
        cpu(m),
    ]
}

fn rate(m: &Measured) -> Finding {
    let (achieved, asked) = (m.achieved_rate, m.asked_rate);
    if achieved >= 0.95 * asked {
        Finding::ok(
            CheckId::BenchRate,
            format!("{achieved:.0} requests/s achieved of {asked:.0} asked"),
        )
    } else {
        Finding::warn(
            CheckId::BenchRate,
            format!(
                "{achieved:.0} requests/s achieved of {asked:.0} asked ({} dropped at the in-flight cap)",
                m.dropped
            ),
        )
    }
    .evidence(Throughput {
        asked,
        achieved,
        ok: m.ok,
        dropped: m.dropped,
    })
    .runbook("Performance Targets: throughput")
}

fn target_rate(m: &Measured, throughput: f64) -> Finding {
    let (achieved, asked) = (m.achieved_rate, m.asked_rate);
    if asked < throughput {
        Finding::ok(
            CheckId::BenchTargetRate,
            format!(
                "asked {asked:.0}/s; the runbook's target is {throughput:.0}/s sustained (run with --rate {throughput:.0} to test it)"
            ),
        )
    } else if achieved >= throughput {
        Finding::ok(
            CheckId::BenchTargetRate,
            format!("{achieved:.0}/s sustained: meets the runbook's {throughput:.0}/s"),
        )
    } else {
        Finding::warn(
            CheckId::BenchTargetRate,
            format!("{achieved:.0}/s: below the runbook's {throughput:.0}/s"),
        )
    }
    .runbook("Performance Targets")
}

fn latency(m: &Measured, targets: LatencyTargets) -> Finding {
    let LatencyMs { p50, p95, p99, max } = m.latency;
    let over: Vec<String> = [
        ("p50", p50, targets.p50),
        ("p95", p95, targets.p95),
        ("p99", p99, targets.p99),
    ]
    .iter()
    .filter(|(_, v, t)| v > t)
    .map(|(s, v, t)| format!("{s} {v:.1} > {t}"))
    .collect();
    let lat = format!(
        "client-side p50 {p50:.1} / p95 {p95:.1} / p99 {p99:.1} / max {max:.1} ms (targets {}/{}/{}, server-side)",
        targets.p50, targets.p95, targets.p99
    );
    if over.is_empty() {
        Finding::ok(CheckId::BenchLatency, lat)
    } else {
        Finding::warn(
            CheckId::BenchLatency,
            format!("{lat}: over ({})", over.join(", ")),
        )
    }
    .evidence(Latency {
        p50_ms: p50,
        p95_ms: p95,
        p99_ms: p99,
        max_ms: max,
        samples: m.samples,
    })
    .runbook("Performance Targets: latency")
}

fn error_rate(m: &Measured) -> Finding {
    let (throttled, errors) = (m.throttled, m.errors);
    let failed = throttled + errors;
    if failed == 0 {
        Finding::ok(CheckId::BenchErrors, "no throttles, no errors")
    } else if (failed as f64) < 0.01 * (m.ok + failed) as f64 {
        Finding::warn(
            CheckId::BenchErrors,
            format!(
                "{throttled} throttled, {} (under 1%)",
                crate::vocab::words::plural(errors, "error", "errors")
            ),
        )
    } else {
        Finding::crit(
            CheckId::BenchErrors,
            format!(
                "{throttled} throttled, {} (1% or more)",
                crate::vocab::words::plural(errors, "error", "errors")
            ),
        )
    }
    .evidence(Errors { throttled, errors })
}

fn cpu(m: &Measured) -> Finding {
    let per = m.cpu_us_per_request;
    if per <= CPU_BUDGET_US {
        Finding::ok(
            CheckId::BenchCpu,
            format!("{per:.0} µs of client CPU per request (budget {CPU_BUDGET_US:.0})"),
        )
    } else {
        Finding::warn(
            CheckId::BenchCpu,
            format!("{per:.0} µs of client CPU per request: over the {CPU_BUDGET_US:.0} µs budget"),
        )
    }
    .evidence(Cpu {
        cpu_us_total: m.cpu_us_total,
        cpu_us_per_request: per,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Status;
    use crate::spec::targets::{WRITE_LATENCY, WRITE_THROUGHPUT};

    const TARGETS: Targets = Targets {
        latency: WRITE_LATENCY,
        throughput: WRITE_THROUGHPUT,
    };

    /// A healthy run at 100/s: everything within its target.
    fn healthy() -> Measured {
        Measured {
            asked_rate: 100.0,
            achieved_rate: 100.0,
            ok: 1000,
            latency: LatencyMs {
                p50: 2.0,
                p95: 4.0,
                p99: 8.0,
                max: 30.0,
            },
            samples: 1000,
            cpu_us_total: 50_000,
            cpu_us_per_request: 50.0,
            ..Measured::default()
        }
    }

    /// A healthy run changed by `change`.
    fn with(change: impl FnOnce(&mut Measured)) -> Measured {
        let mut m = healthy();
        change(&mut m);
        m
    }

    fn status_of(findings: &[Finding], check: &CheckId) -> Option<Status> {
        findings
            .iter()
            .find(|f| f.check == *check)
            .map(|f| f.status)
    }

    #[test]
    fn each_verdict_follows_its_measure() {
        use Status::{Crit, Ok, Unknown, Warn};
        let cases: Vec<(&str, Measured, CheckId, Status)> = vec![
            ("healthy rate", healthy(), CheckId::BenchRate, Ok),
            (
                "95% of the asked rate",
                with(|m| m.achieved_rate = 95.0),
                CheckId::BenchRate,
                Ok,
            ),
            (
                "94% of the asked rate",
                with(|m| m.achieved_rate = 94.0),
                CheckId::BenchRate,
                Warn,
            ),
            (
                "asked below the runbook's target",
                healthy(),
                CheckId::BenchTargetRate,
                Ok,
            ),
            (
                "asked and met the runbook's target",
                with(|m| (m.asked_rate, m.achieved_rate) = (WRITE_THROUGHPUT, WRITE_THROUGHPUT)),
                CheckId::BenchTargetRate,
                Ok,
            ),
            (
                "asked the runbook's target, fell short",
                with(|m| {
                    (m.asked_rate, m.achieved_rate) = (WRITE_THROUGHPUT, WRITE_THROUGHPUT - 1.0)
                }),
                CheckId::BenchTargetRate,
                Warn,
            ),
            (
                "latency within targets",
                healthy(),
                CheckId::BenchLatency,
                Ok,
            ),
            (
                "latency at the targets is within them",
                with(|m| {
                    let t = WRITE_LATENCY;
                    (m.latency.p50, m.latency.p95, m.latency.p99) = (t.p50, t.p95, t.p99);
                }),
                CheckId::BenchLatency,
                Ok,
            ),
            (
                "p99 over its target",
                with(|m| m.latency.p99 = 25.0),
                CheckId::BenchLatency,
                Warn,
            ),
            (
                "p50 over its target",
                with(|m| m.latency.p50 = 6.0),
                CheckId::BenchLatency,
                Warn,
            ),
            ("no errors", healthy(), CheckId::BenchErrors, Ok),
            (
                "one throttle in 1001",
                with(|m| m.throttled = 1),
                CheckId::BenchErrors,
                Warn,
            ),
            (
                "9 errors in 1009: under 1%",
                with(|m| m.errors = 9),
                CheckId::BenchErrors,
                Warn,
            ),
            (
                "11 errors in 1011: 1% or more",
                with(|m| m.errors = 11),
                CheckId::BenchErrors,
                Crit,
            ),
            (
                "throttles and errors add up",
                with(|m| (m.throttled, m.errors) = (6, 5)),
                CheckId::BenchErrors,
                Crit,
            ),
            ("CPU within budget", healthy(), CheckId::BenchCpu, Ok),
            (
                "CPU at the budget",
                with(|m| m.cpu_us_per_request = CPU_BUDGET_US),
                CheckId::BenchCpu,
                Ok,
            ),
            (
                "CPU over budget",
                with(|m| m.cpu_us_per_request = 101.0),
                CheckId::BenchCpu,
                Warn,
            ),
            (
                "nothing succeeded: errors unknown",
                with(|m| (m.ok, m.errors) = (0, 10)),
                CheckId::BenchErrors,
                Unknown,
            ),
            (
                "nothing succeeded: latency unknown",
                with(|m| (m.ok, m.errors) = (0, 10)),
                CheckId::BenchLatency,
                Unknown,
            ),
            (
                "nothing succeeded: no rate verdict",
                with(|m| (m.ok, m.throttled) = (0, 10)),
                CheckId::BenchRate,
                Unknown,
            ),
        ];
        for (name, m, check, want) in cases {
            let findings = evaluate(&m, TARGETS);
            // No rate verdict at all counts as unknown here: nothing was measured.
            let got = status_of(&findings, &check).unwrap_or(Unknown);
            assert_eq!(got, want, "{name}: {check}");
        }
    }

    #[test]
    fn a_run_with_no_success_names_the_first_error() {
        let m = Measured {
            errors: 3,
            first_error: Some("connection refused".into()),
            ..healthy()
        };
        let m = Measured { ok: 0, ..m };
        let findings = evaluate(&m, TARGETS);
        assert_eq!(findings.len(), 2);
        assert!(
            findings[0].summary.contains("connection refused"),
            "{}",
            findings[0].summary
        );
        let m = Measured {
            ok: 0,
            ..Measured::default()
        };
        assert!(
            evaluate(&m, TARGETS)[0]
                .summary
                .contains("no request was sent")
        );
    }
}
