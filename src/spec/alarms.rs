//! The runbook's three alarms, as CloudWatch alarms that can actually fire.
//!
//! Alarm 1 as written watches `UserErrors` with a `TableName` dimension, which never receives
//! data (facts 1.1). It becomes one alarm per throttle metric of the table's own: write and read
//! throttle events of the table, and write throttle events of each GSI (back-pressure on base
//! writes starts there). One alarm per metric rather than metric math, because the local emulator
//! cannot store or evaluate math alarms and the tests must prove what `alarms apply` creates.

use super::Names;
use super::targets::{READ_LATENCY_ALARM, Sustained, THROTTLE_ALARM, WRITE_LATENCY_ALARM};

#[derive(Debug, Clone, PartialEq)]
pub struct AlarmSpec {
    pub name: String,
    pub description: String,
    pub namespace: &'static str,
    pub metric: &'static str,
    pub dimensions: Vec<(String, String)>,
    /// `Sum`, ... or a percentile (`p99`), which CloudWatch keeps as ExtendedStatistic.
    pub stat: &'static str,
    pub period: i32,
    pub evaluation_periods: i32,
    pub datapoints_to_alarm: i32,
    pub threshold: f64,
    pub comparison: &'static str,
    pub treat_missing_data: &'static str,
    pub runbook: &'static str,
}

impl AlarmSpec {
    pub fn is_percentile(&self) -> bool {
        self.stat.starts_with('p')
    }
}

fn alarm(
    name: String,
    description: String,
    metric: &'static str,
    dimensions: Vec<(String, String)>,
    condition: Sustained,
    runbook: &'static str,
) -> AlarmSpec {
    AlarmSpec {
        name,
        description,
        namespace: crate::aws::metrics::DYNAMODB,
        metric,
        dimensions,
        stat: condition.stat,
        period: condition.period,
        evaluation_periods: condition.periods as i32,
        datapoints_to_alarm: condition.periods as i32,
        threshold: condition.threshold,
        comparison: "GreaterThanThreshold",
        treat_missing_data: "notBreaching",
        runbook,
    }
}

const WHY_NOT_USER_ERRORS: &str = "Not UserErrors: that metric is account- and Region-wide with no TableName dimension, so a per-table UserErrors alarm never fires (dynamodb-facts.md 1.1).";

/// Every alarm `alarms apply` manages for the table, in the runbook's order.
pub fn alarms(names: &Names, gsis: &[&str]) -> Vec<AlarmSpec> {
    let table = names.table.clone();
    let tdim = || vec![("TableName".to_owned(), table.clone())];
    let mut out = vec![
        alarm(
            names.throttle_alarm.clone(),
            format!(
                "Runbook alarm 1 (DynamoDB Throttling, HIGH): write throttle events on {table} above 10 in 2 consecutive 5-minute periods; events may fail to persist. {WHY_NOT_USER_ERRORS} Managed by eventsctl."
            ),
            "WriteThrottleEvents",
            tdim(),
            THROTTLE_ALARM,
            "Alarms and Alerts: 1. DynamoDB Throttling",
        ),
        alarm(
            format!("{}-read", names.throttle_alarm),
            format!(
                "Runbook alarm 1, read side: read throttle events on {table} above 10 in 2 consecutive 5-minute periods. Managed by eventsctl."
            ),
            "ReadThrottleEvents",
            tdim(),
            THROTTLE_ALARM,
            "Alarms and Alerts: 1. DynamoDB Throttling",
        ),
    ];
    for gsi in gsis {
        out.push(alarm(
            format!("{}-{gsi}", names.throttle_alarm),
            format!("Runbook alarm 1, index {gsi}: its write throttle events above 10 in 2 consecutive 5-minute periods; a throttled GSI throttles base-table writes (back-pressure). Managed by eventsctl."),
            "WriteThrottleEvents",
            vec![
                ("TableName".to_owned(), table.clone()),
                ("GlobalSecondaryIndexName".to_owned(), (*gsi).to_owned()),
            ],
            THROTTLE_ALARM,
            "Alarms and Alerts: 1. DynamoDB Throttling",
        ));
    }
    out.push(alarm(
        names.write_latency_alarm.clone(),
        format!("Runbook alarm 2 (Write Latency High, MEDIUM): PutItem SuccessfulRequestLatency p99 on {table} above 20 ms for 3 consecutive 5-minute periods. Managed by eventsctl."),
        "SuccessfulRequestLatency",
        vec![
            ("TableName".to_owned(), table.clone()),
            ("Operation".to_owned(), "PutItem".to_owned()),
        ],
        WRITE_LATENCY_ALARM,
        "Alarms and Alerts: 2. DynamoDB Write Latency High",
    ));
    out.push(alarm(
        names.read_latency_alarm.clone(),
        format!("Runbook alarm 3 (Read Latency High, MEDIUM): Query SuccessfulRequestLatency p95 on {table} above 50 ms for 3 consecutive 5-minute periods (GET /inbox queries). Managed by eventsctl."),
        "SuccessfulRequestLatency",
        vec![
            ("TableName".to_owned(), table),
            ("Operation".to_owned(), "Query".to_owned()),
        ],
        READ_LATENCY_ALARM,
        "Alarms and Alerts: 3. DynamoDB Read Latency High",
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runbook_names_and_conditions() {
        let names = Names::derive("zapier-triggers-api", "dev", None);
        let a = alarms(&names, &["EventTypeIndex", "StatusIndex"]);
        assert_eq!(a.len(), 6);
        assert_eq!(a[0].name, "zapier-triggers-api-dev-events-table-throttles");
        assert_eq!(
            (a[0].threshold, a[0].evaluation_periods, a[0].period),
            (10.0, 2, 300)
        );
        assert!(a.iter().all(|x| x.metric != "UserErrors"));
        let w = a
            .iter()
            .find(|x| x.name.ends_with("write-latency"))
            .unwrap();
        assert_eq!(
            (w.stat, w.threshold, w.evaluation_periods),
            ("p99", 20.0, 3)
        );
        let r = a.iter().find(|x| x.name.ends_with("read-latency")).unwrap();
        assert_eq!((r.stat, r.threshold), ("p95", 50.0));
    }
}
