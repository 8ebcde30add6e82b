//! The runbook's dashboard: its four widgets, as data that both `dashboard apply` (CloudWatch
//! JSON) and `dashboard show` (terminal charts) are built from.

use crate::vocab::metrics::Stat;
use serde_json::{Value, json};

use crate::vocab::metrics::MetricKey;

#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub label: String,
    pub key: MetricKey,
}

#[derive(Debug, Clone)]
pub(crate) struct Widget {
    pub title: &'static str,
    pub unit: &'static str,
    /// The runbook's target or alarm threshold, drawn as a horizontal line.
    pub target: Option<f64>,
    pub lines: Vec<Line>,
}

fn line(label: impl Into<String>, key: MetricKey) -> Line {
    Line {
        label: label.into(),
        key,
    }
}

/// The four widgets of "CloudWatch Dashboard", with widget 2 on the table's own throttle metrics
/// instead of the account-wide UserErrors (docs/aws-facts.md §1.1).
pub(crate) fn widgets(table: &str, gsis: &[&str]) -> Vec<Widget> {
    let mut throttles = vec![
        line(
            "write throttles",
            MetricKey::table("WriteThrottleEvents", table, Stat::Sum),
        ),
        line(
            "read throttles",
            MetricKey::table("ReadThrottleEvents", table, Stat::Sum),
        ),
    ];
    for g in gsis {
        throttles.push(line(
            format!("{g} writes"),
            MetricKey::gsi("WriteThrottleEvents", table, g, Stat::Sum),
        ));
    }
    let latency = |op: &str, stat: Stat| {
        line(
            format!("{op} {stat}"),
            MetricKey::op("SuccessfulRequestLatency", table, op, stat),
        )
    };
    vec![
        Widget {
            title: "DynamoDB - Events Table Capacity",
            unit: "units",
            target: None,
            lines: vec![
                line(
                    "consumed WCU",
                    MetricKey::table("ConsumedWriteCapacityUnits", table, Stat::Sum),
                ),
                line(
                    "consumed RCU",
                    MetricKey::table("ConsumedReadCapacityUnits", table, Stat::Sum),
                ),
            ],
        },
        Widget {
            title: "DynamoDB - Throttling",
            unit: "",
            target: Some(10.0),
            lines: throttles,
        },
        Widget {
            title: "DynamoDB - Write Latency (PutItem)",
            unit: "ms",
            target: Some(20.0),
            lines: vec![
                latency("PutItem", Stat::Average),
                latency("PutItem", Stat::P95),
                latency("PutItem", Stat::P99),
            ],
        },
        Widget {
            title: "DynamoDB - Read Latency (Query/GetItem)",
            unit: "ms",
            target: Some(50.0),
            lines: vec![
                latency("Query", Stat::Average),
                latency("Query", Stat::P95),
                latency("GetItem", Stat::Average),
                latency("GetItem", Stat::P95),
            ],
        },
    ]
}

/// The CloudWatch dashboard body for the widgets.
pub(crate) fn body(widgets: &[Widget], region: &str) -> Value {
    let cells: Vec<Value> = widgets
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let metrics: Vec<Value> = w
                .lines
                .iter()
                .map(|l| {
                    let mut m = vec![json!(l.key.namespace), json!(l.key.metric)];
                    for (k, v) in &l.key.dimensions {
                        m.push(json!(k));
                        m.push(json!(v));
                    }
                    m.push(json!({"stat": l.key.stat, "label": l.label}));
                    Value::Array(m)
                })
                .collect();
            let mut properties = json!({
                "title": w.title,
                "region": region,
                "view": "timeSeries",
                "stacked": false,
                "period": 300,
                "metrics": metrics,
            });
            if let Some(t) = w.target {
                properties["annotations"] =
                    json!({"horizontal": [{"label": "runbook threshold", "value": t}]});
            }
            json!({
                "type": "metric",
                "x": (i % 2) * 12,
                "y": (i / 2) * 6,
                "width": 12,
                "height": 6,
                "properties": properties,
            })
        })
        .collect();
    json!({ "widgets": cells })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_widgets_without_user_errors() {
        let w = widgets("t", &["EventTypeIndex", "StatusIndex"]);
        assert_eq!(w.len(), 4);
        assert!(
            w.iter()
                .flat_map(|w| &w.lines)
                .all(|l| l.key.metric != "UserErrors")
        );
        let b = body(&w, "us-east-1");
        assert_eq!(b["widgets"].as_array().unwrap().len(), 4);
        assert_eq!(
            b["widgets"][2]["properties"]["annotations"]["horizontal"][0]["value"],
            20.0
        );
    }
}
