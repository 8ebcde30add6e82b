//! The runbook's dashboard: its four widgets, as data that both `dashboard apply` (CloudWatch
//! JSON) and `dashboard show` (terminal charts) are built from.

use crate::vocab::metrics::Stat;
use serde::Serialize;

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

/// A CloudWatch dashboard body (PutDashboard's `DashboardBody`), as `dashboard apply` draws it
/// and writes it in its `data`.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "DashboardBody")]
pub(crate) struct Body {
    pub widgets: Vec<Cell>,
}

/// One widget of the body, on a grid two widgets wide.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "DashboardWidget")]
pub(crate) struct Cell {
    /// Always `metric`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub x: usize,
    pub y: usize,
    pub width: usize,
    pub height: usize,
    pub properties: Properties,
}

/// A metric widget's properties.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "DashboardWidgetProperties")]
pub(crate) struct Properties {
    pub title: &'static str,
    pub region: String,
    /// Always `timeSeries`.
    pub view: &'static str,
    pub stacked: bool,
    /// Seconds.
    pub period: i32,
    /// One array a line: the namespace, the metric, each dimension's name and value, then the
    /// line's options.
    pub metrics: Vec<Vec<MetricPart>>,
    /// The runbook's threshold as a horizontal line; absent when the widget has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annotations: Option<Annotations>,
}

/// An element of a line in `metrics`: a name, or the line's options (last).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "DashboardMetricPart")]
#[serde(untagged)]
pub(crate) enum MetricPart {
    Name(String),
    Options {
        /// `Sum`, `Average`, `Maximum`, `SampleCount`, `p50`, `p95` or `p99`.
        #[schemars(with = "String")]
        stat: Stat,
        label: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "DashboardAnnotations")]
pub(crate) struct Annotations {
    pub horizontal: Vec<Horizontal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[schemars(rename = "DashboardHorizontalLine")]
pub(crate) struct Horizontal {
    pub label: &'static str,
    pub value: f64,
}

/// The body PutDashboard takes, as a string.
impl std::fmt::Display for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&serde_json::to_string(self).map_err(|_| std::fmt::Error)?)
    }
}

/// The dashboard body of `widgets`, two to a row.
pub(crate) fn body(widgets: &[Widget], region: &str) -> Body {
    let cell = |(i, w): (usize, &Widget)| Cell {
        kind: "metric",
        x: (i % 2) * 12,
        y: (i / 2) * 6,
        width: 12,
        height: 6,
        properties: Properties {
            title: w.title,
            region: region.to_owned(),
            view: "timeSeries",
            stacked: false,
            period: 300,
            metrics: w.lines.iter().map(metric_line).collect(),
            annotations: w.target.map(|t| Annotations {
                horizontal: vec![Horizontal {
                    label: "runbook threshold",
                    value: t,
                }],
            }),
        },
    };
    Body {
        widgets: widgets.iter().enumerate().map(cell).collect(),
    }
}

/// `[namespace, metric, dimension, value, ..., {stat, label}]`.
fn metric_line(l: &Line) -> Vec<MetricPart> {
    let mut m = vec![
        MetricPart::Name(l.key.namespace.clone()),
        MetricPart::Name(l.key.metric.clone()),
    ];
    for (k, v) in &l.key.dimensions {
        m.push(MetricPart::Name(k.clone()));
        m.push(MetricPart::Name(v.clone()));
    }
    m.push(MetricPart::Options {
        stat: l.key.stat,
        label: l.label.clone(),
    });
    m
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
        let b = serde_json::to_value(body(&w, "us-east-1")).unwrap();
        assert_eq!(b["widgets"].as_array().unwrap().len(), 4);
        assert_eq!(
            b["widgets"][2]["properties"]["annotations"]["horizontal"][0]["value"],
            20.0
        );
    }

    /// The typed body writes what PutDashboard has always been sent: a line is
    /// `[namespace, metric, dimension, value..., {stat, label}]`, and `annotations` is absent
    /// from a widget without a threshold (not `null`).
    #[test]
    fn the_body_is_cloudwatch_dashboard_json() {
        let w = widgets("t", &[]);
        let b = serde_json::to_value(body(&w[..2], "eu-west-1")).unwrap();
        let first = &b["widgets"][0];
        assert_eq!(first["type"], "metric");
        assert_eq!(
            (&first["x"], &first["y"], &first["width"], &first["height"]),
            (&0.into(), &0.into(), &12.into(), &6.into())
        );
        let line = &first["properties"]["metrics"][0];
        assert_eq!(line[0], w[0].lines[0].key.namespace.as_str());
        assert_eq!(line[1], w[0].lines[0].key.metric.as_str());
        assert_eq!((&line[2], &line[3]), (&"TableName".into(), &"t".into()));
        let last = line.as_array().unwrap().last().unwrap();
        assert_eq!(
            last,
            &serde_json::json!({"stat": w[0].lines[0].key.stat.as_str(), "label": w[0].lines[0].label})
        );
        assert_eq!(b["widgets"][1]["x"], 12);
        for (cell, widget) in b["widgets"].as_array().unwrap().iter().zip(&w) {
            let p = cell["properties"].as_object().unwrap();
            assert_eq!(p.contains_key("annotations"), widget.target.is_some());
            assert_eq!(p["view"], "timeSeries");
            assert_eq!(p["region"], "eu-west-1");
        }
        assert_eq!(
            body(&w, "r").to_string(),
            serde_json::to_string(&body(&w, "r")).unwrap()
        );
    }
}
