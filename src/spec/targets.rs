//! The runbook's performance targets and alarm conditions ("Performance Targets", alarms 1-3).

use crate::vocab::metrics::Stat;

/// Operations whose latency is judged, and which side they are on: the runbook's, and the
/// import's PartiQL batches (BatchExecuteStatement writes, `OperationType=Write`).
pub(crate) const WRITE_OPERATIONS: [&str; 3] = [
    "PutItem",
    "BatchWriteItem",
    crate::vocab::metrics::BATCH_EXECUTE_STATEMENT,
];
pub(crate) const READ_OPERATIONS: [&str; 2] = ["GetItem", "Query"];

/// Latency targets in milliseconds, p50 / p95 / p99.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatencyTargets {
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
}

/// Writes: p50 < 5 ms, p95 < 10 ms, p99 < 20 ms.
pub(crate) const WRITE_LATENCY: LatencyTargets = LatencyTargets {
    p50: 5.0,
    p95: 10.0,
    p99: 20.0,
};
/// Reads: p50 < 10 ms, p95 < 50 ms, p99 < 100 ms.
pub(crate) const READ_LATENCY: LatencyTargets = LatencyTargets {
    p50: 10.0,
    p95: 50.0,
    p99: 100.0,
};

/// BatchWriteItem and the import's BatchExecuteStatement: eventsctl's own targets, 3x the
/// single-write ones (the runbook names none). One batch writes up to 25 items and returns when
/// the slowest is written, so PutItem's targets would flag healthy batches.
pub(crate) const BATCH_WRITE_LATENCY: LatencyTargets = LatencyTargets {
    p50: 15.0,
    p95: 30.0,
    p99: 60.0,
};

/// Whether an operation writes up to 25 items at once (BatchWriteItem, BatchExecuteStatement).
fn is_batch_write(operation: &str) -> bool {
    operation == "BatchWriteItem" || operation == crate::vocab::metrics::BATCH_EXECUTE_STATEMENT
}

/// The targets an operation is held to: PutItem the runbook's write targets, the batch writes
/// their own, GetItem and Query the runbook's read targets ("Read Operations (Query/GetItem)").
pub(crate) fn latency_targets(operation: &str) -> LatencyTargets {
    Targets::default().for_operation(operation)
}

/// One environment's latency targets: the built-in ones above unless its config file sets its
/// own (`[env.NAME.latency_targets]`, `[defaults.latency_targets]`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Targets {
    pub write: LatencyTargets,
    pub batch_write: LatencyTargets,
    pub read: LatencyTargets,
}

impl Default for Targets {
    fn default() -> Targets {
        Targets {
            write: WRITE_LATENCY,
            batch_write: BATCH_WRITE_LATENCY,
            read: READ_LATENCY,
        }
    }
}

impl Targets {
    /// The targets `operation` is held to (as [`latency_targets`] says which class it is in).
    pub(crate) fn for_operation(&self, operation: &str) -> LatencyTargets {
        match operation {
            op if is_batch_write(op) => self.batch_write,
            op if WRITE_OPERATIONS.contains(&op) => self.write,
            _ => self.read,
        }
    }
}

/// Where an operation's targets come from, for output.
pub(crate) fn targets_source(operation: &str) -> &'static str {
    if is_batch_write(operation) {
        "eventsctl's batch targets (3x PutItem's; the runbook names none)"
    } else {
        "the runbook's Performance Targets"
    }
}

/// An alarm condition: `stat` above `threshold` in `periods` consecutive periods of `period` s.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Sustained {
    pub stat: Stat,
    pub threshold: f64,
    pub periods: usize,
    pub period: i32,
}

/// Alarm 1: more than 10 throttle events in each of 2 consecutive 5-minute periods.
pub(crate) const THROTTLE_ALARM: Sustained = Sustained {
    stat: Stat::Sum,
    threshold: 10.0,
    periods: 2,
    period: 300,
};
/// Alarm 2: write p99 above 20 ms for 3 consecutive 5-minute periods.
pub(crate) const WRITE_LATENCY_ALARM: Sustained = Sustained {
    stat: Stat::P99,
    threshold: 20.0,
    periods: 3,
    period: 300,
};
/// Alarm 3: read p95 above 50 ms for 3 consecutive 5-minute periods.
pub(crate) const READ_LATENCY_ALARM: Sustained = Sustained {
    stat: Stat::P95,
    threshold: 50.0,
    periods: 3,
    period: 300,
};

/// The alarm that watches an operation's latency: alarm 2 watches PutItem, alarm 3 Query; no
/// alarm watches BatchWriteItem, BatchExecuteStatement or GetItem.
pub(crate) fn latency_alarm(operation: &str) -> Option<Sustained> {
    match operation {
        "PutItem" => Some(WRITE_LATENCY_ALARM),
        "Query" => Some(READ_LATENCY_ALARM),
        _ => None,
    }
}

/// What counts as a sustained breach of an operation's targets: its alarm's condition, or for an
/// operation no alarm watches, the same shape (its side's percentile above its own target for
/// as many 5-minute periods).
pub(crate) fn sustained(operation: &str) -> Sustained {
    if let Some(a) = latency_alarm(operation) {
        return a;
    }
    let t = latency_targets(operation);
    let (stat, threshold, shape) = if WRITE_OPERATIONS.contains(&operation) {
        (Stat::P99, t.p99, WRITE_LATENCY_ALARM)
    } else {
        (Stat::P95, t.p95, READ_LATENCY_ALARM)
    };
    Sustained {
        stat,
        threshold,
        ..shape
    }
}

/// Sustained write throughput the runbook plans for (events/s) and queries/s.
pub(crate) const WRITE_THROUGHPUT: f64 = 1000.0;
pub(crate) const READ_THROUGHPUT: f64 = 100.0;
