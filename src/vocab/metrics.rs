//! How CloudWatch names what the tool reads: namespaces, statistics, metric keys with their
//! dimension sets, the operations the import writes with, and why DynamoDB throttled. Spoken by
//! the runbook's spec (alarms, dashboard, targets), the AWS layer that fetches the series and the
//! checks that judge them.

pub(crate) const DYNAMODB: &str = "AWS/DynamoDB";
pub(crate) const LAMBDA: &str = "AWS/Lambda";
/// The tool's own verdicts (`--publish-metrics`): a namespace of its own, never an `AWS/` one.
pub(crate) const HEALTH_CHECK: &str = "Eventsctl/HealthCheck";
/// One run's exit code (dimensions `Env`, `Command`): one datapoint a run, its heartbeat too.
pub(crate) const RUN_STATUS: &str = "RunStatus";
/// The operation `events import` writes with: PartiQL INSERTs, 25 to a BatchExecuteStatement.
/// Its SuccessfulRequestLatency, ThrottledRequests and SystemErrors are published with
/// `Operation=BatchExecuteStatement` and `OperationType=Write`; where the tool lists operations,
/// this name stands for those writes.
pub(crate) const BATCH_EXECUTE_STATEMENT: &str = "BatchExecuteStatement";

/// The dimensions of a per-operation DynamoDB metric (SuccessfulRequestLatency,
/// ThrottledRequests, SystemErrors, ReturnedItemCount): `TableName` and `Operation`, and for
/// BatchExecuteStatement (and ExecuteTransaction, which the tool does not send) also
/// `OperationType` (`Read` | `Write`). CloudWatch names a metric by its whole dimension set, so a
/// query without `OperationType` gets none of the import's datapoints. The tool's batches are
/// writes only: a batch of PartiQL SELECTs (`OperationType=Read`) is not read. ExecuteStatement
/// carries `Verb` (`PartiQLInsert`, ...) instead; the tool does not send it.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html
///
/// No test can prove the dimension set against AWS: the emulator publishes no DynamoDB metrics
/// of its own (tests seed them with these same keys).
pub(crate) fn operation_dimensions(table: &str, operation: &str) -> Vec<(String, String)> {
    let mut d = vec![
        ("TableName".to_owned(), table.to_owned()),
        ("Operation".to_owned(), operation.to_owned()),
    ];
    if operation == BATCH_EXECUTE_STATEMENT {
        d.push(("OperationType".to_owned(), "Write".to_owned()));
    }
    d
}

/// A CloudWatch statistic: a standard one, or a percentile (an extended statistic).
///
/// GetMetricData and a metric-math input take either as the `Stat` string; PutMetricAlarm and
/// DescribeAlarms keep a standard one as `Statistic` and a percentile as `ExtendedStatistic`
/// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Stat {
    Sum,
    Average,
    Maximum,
    /// How many datapoints were put in the period (a run of a published check is one).
    SampleCount,
    P50,
    P95,
    P99,
}

impl Stat {
    /// The string CloudWatch takes and returns: `Sum`, `Average`, `Maximum`, `p50`, `p95`, `p99`.
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            Stat::Sum => "Sum",
            Stat::Average => "Average",
            Stat::Maximum => "Maximum",
            Stat::SampleCount => "SampleCount",
            Stat::P50 => "p50",
            Stat::P95 => "p95",
            Stat::P99 => "p99",
        }
    }

    /// A percentile (`p50`, `p95`, `p99`): an alarm keeps it as `ExtendedStatistic`.
    pub(crate) fn is_percentile(self) -> bool {
        matches!(self, Stat::P50 | Stat::P95 | Stat::P99)
    }
}

impl std::fmt::Display for Stat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Stat {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One metric, with its full dimension set and one statistic (`Sum`, `Maximum`, `p99`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct MetricKey {
    pub namespace: String,
    pub metric: String,
    pub dimensions: Vec<(String, String)>,
    pub stat: Stat,
}

impl MetricKey {
    pub(crate) fn new(
        namespace: &str,
        metric: &str,
        dimensions: &[(&str, &str)],
        stat: Stat,
    ) -> MetricKey {
        MetricKey {
            namespace: namespace.to_owned(),
            metric: metric.to_owned(),
            dimensions: dimensions
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            stat,
        }
    }

    /// `TableName` only: the table's own metric.
    pub(crate) fn table(metric: &str, table: &str, stat: Stat) -> MetricKey {
        MetricKey::new(DYNAMODB, metric, &[("TableName", table)], stat)
    }

    /// `TableName` + `GlobalSecondaryIndexName`: a GSI's metric (docs/aws-facts.md §1.2).
    pub(crate) fn gsi(metric: &str, table: &str, index: &str, stat: Stat) -> MetricKey {
        MetricKey::new(
            DYNAMODB,
            metric,
            &[("TableName", table), ("GlobalSecondaryIndexName", index)],
            stat,
        )
    }

    /// A per-operation metric: `TableName` + `Operation`, and `OperationType` where DynamoDB
    /// adds it ([`operation_dimensions`]; docs/aws-facts.md §1.2, §2.1).
    pub(crate) fn op(metric: &str, table: &str, operation: &str, stat: Stat) -> MetricKey {
        MetricKey {
            namespace: DYNAMODB.to_owned(),
            metric: metric.to_owned(),
            dimensions: operation_dimensions(table, operation),
            stat,
        }
    }

    /// `TableName` alone or with a GSI name.
    pub(crate) fn resource(
        metric: &str,
        table: &str,
        index: Option<&str>,
        stat: Stat,
    ) -> MetricKey {
        match index {
            Some(i) => MetricKey::gsi(metric, table, i, stat),
            None => MetricKey::table(metric, table, stat),
        }
    }

    /// `ReadThrottleEvents[EventTypeIndex] Sum`: for evidence and errors.
    pub(crate) fn label(&self) -> String {
        let dims: Vec<&str> = self
            .dimensions
            .iter()
            .filter(|(k, _)| k != "TableName")
            .map(|(_, v)| v.as_str())
            .collect();
        if dims.is_empty() {
            format!("{} {}", self.metric, self.stat)
        } else {
            format!("{}[{}] {}", self.metric, dims.join(","), self.stat)
        }
    }
}

/// Why DynamoDB throttled: the per-reason throttle metrics of August 2025.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reason {
    /// One partition's key range is over its limit (a hot partition).
    KeyRange,
    /// The table's on-demand maximum throughput.
    MaxOnDemand,
    /// The account's per-table quota.
    AccountLimit,
    /// Provisioned capacity.
    Provisioned,
}

impl Reason {
    pub const ALL: [Reason; 4] = [
        Reason::KeyRange,
        Reason::MaxOnDemand,
        Reason::AccountLimit,
        Reason::Provisioned,
    ];

    /// The name in JSON (`by_reason`).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Reason::KeyRange => "key_range",
            Reason::MaxOnDemand => "max_on_demand",
            Reason::AccountLimit => "account_limit",
            Reason::Provisioned => "provisioned",
        }
    }

    /// The metric's name after `Read` / `Write`.
    pub(crate) fn metric_suffix(self) -> &'static str {
        match self {
            Reason::KeyRange => "KeyRangeThroughputThrottleEvents",
            Reason::MaxOnDemand => "MaxOnDemandThroughputThrottleEvents",
            Reason::AccountLimit => "AccountLimitThrottleEvents",
            Reason::Provisioned => "ProvisionedThroughputThrottleEvents",
        }
    }
}
