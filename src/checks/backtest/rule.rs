//! An alarm's rule as the backtest replays it: what it watches, how it compares, how it treats
//! missing data. Built from DescribeAlarms' `MetricAlarm` by [`super::sdk`], or by hand in tests.

use serde::Serialize;

/// `ComparisonOperator` of PutMetricAlarm. The last three compare against an anomaly detection
/// band, which the backtest does not replay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub enum Comparison {
    GreaterThanOrEqualToThreshold,
    GreaterThanThreshold,
    LessThanThreshold,
    LessThanOrEqualToThreshold,
    LessThanLowerOrGreaterThanUpperThreshold,
    LessThanLowerThreshold,
    GreaterThanUpperThreshold,
}

impl Comparison {
    pub const ALL: [Comparison; 7] = [
        Comparison::GreaterThanOrEqualToThreshold,
        Comparison::GreaterThanThreshold,
        Comparison::LessThanThreshold,
        Comparison::LessThanOrEqualToThreshold,
        Comparison::LessThanLowerOrGreaterThanUpperThreshold,
        Comparison::LessThanLowerThreshold,
        Comparison::GreaterThanUpperThreshold,
    ];

    /// The operator's name as CloudWatch spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Comparison::GreaterThanOrEqualToThreshold => "GreaterThanOrEqualToThreshold",
            Comparison::GreaterThanThreshold => "GreaterThanThreshold",
            Comparison::LessThanThreshold => "LessThanThreshold",
            Comparison::LessThanOrEqualToThreshold => "LessThanOrEqualToThreshold",
            Comparison::LessThanLowerOrGreaterThanUpperThreshold => {
                "LessThanLowerOrGreaterThanUpperThreshold"
            }
            Comparison::LessThanLowerThreshold => "LessThanLowerThreshold",
            Comparison::GreaterThanUpperThreshold => "GreaterThanUpperThreshold",
        }
    }

    pub fn parse(s: &str) -> Option<Comparison> {
        Comparison::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Whether this is one of the anomaly-detection band comparisons.
    pub fn is_anomaly_band(self) -> bool {
        matches!(
            self,
            Comparison::LessThanLowerOrGreaterThanUpperThreshold
                | Comparison::LessThanLowerThreshold
                | Comparison::GreaterThanUpperThreshold
        )
    }

    /// True when a higher value breaches (`>`, `>=`); false for `<`, `<=`; `None` for a band.
    pub fn breaches_upward(self) -> Option<bool> {
        match self {
            Comparison::GreaterThanOrEqualToThreshold | Comparison::GreaterThanThreshold => {
                Some(true)
            }
            Comparison::LessThanThreshold | Comparison::LessThanOrEqualToThreshold => Some(false),
            _ => None,
        }
    }

    /// Whether `value` breaches `threshold`; `None` for a band comparison.
    pub fn breaches(self, value: f64, threshold: f64) -> Option<bool> {
        match self {
            Comparison::GreaterThanOrEqualToThreshold => Some(value >= threshold),
            Comparison::GreaterThanThreshold => Some(value > threshold),
            Comparison::LessThanThreshold => Some(value < threshold),
            Comparison::LessThanOrEqualToThreshold => Some(value <= threshold),
            _ => None,
        }
    }

    /// `>`, `>=`, `<`, `<=`, or the band operator's name.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::GreaterThanOrEqualToThreshold => ">=",
            Comparison::GreaterThanThreshold => ">",
            Comparison::LessThanThreshold => "<",
            Comparison::LessThanOrEqualToThreshold => "<=",
            other => other.as_str(),
        }
    }
}

/// `TreatMissingData` of PutMetricAlarm (default `missing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum MissingData {
    Missing,
    NotBreaching,
    Breaching,
    Ignore,
}

impl MissingData {
    pub fn as_str(self) -> &'static str {
        match self {
            MissingData::Missing => "missing",
            MissingData::NotBreaching => "notBreaching",
            MissingData::Breaching => "breaching",
            MissingData::Ignore => "ignore",
        }
    }

    /// The alarm's setting; absent is CloudWatch's default, `missing`.
    pub fn parse(s: Option<&str>) -> Result<MissingData, String> {
        match s {
            None | Some("missing") => Ok(MissingData::Missing),
            Some("notBreaching") => Ok(MissingData::NotBreaching),
            Some("breaching") => Ok(MissingData::Breaching),
            Some("ignore") => Ok(MissingData::Ignore),
            Some(other) => Err(format!("unknown TreatMissingData {other:?}")),
        }
    }
}

/// `EvaluateLowSampleCountPercentile` of a percentile alarm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LowSample {
    /// Periods with too few samples are evaluated like any other.
    Evaluate,
    /// Periods with too few samples do not change the alarm's state.
    Ignore,
}

/// One metric of an alarm: `id` is `m1` for a single-metric alarm, the query's id otherwise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricQuery {
    pub id: String,
    pub namespace: String,
    pub metric: String,
    pub dimensions: Vec<(String, String)>,
    /// `Sum`, `Maximum`, ... or an extended statistic (`p99`, `tm90`).
    pub stat: String,
    pub period: i32,
    pub return_data: bool,
}

/// One math expression of a metric-math alarm.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpressionQuery {
    pub id: String,
    pub expression: String,
    pub return_data: bool,
}

/// What the alarm compares with its threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Watched {
    /// A single metric and statistic.
    Metric(MetricQuery),
    /// The one query with ReturnData among metrics and expressions.
    Math {
        metrics: Vec<MetricQuery>,
        expressions: Vec<ExpressionQuery>,
    },
}

/// The rule of one CloudWatch metric alarm.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlarmRule {
    pub name: String,
    pub watched: Watched,
    /// Seconds; every metric of a math alarm has the same period.
    pub period: i32,
    /// N: how many of the most recent datapoints are evaluated.
    pub evaluation_periods: u32,
    /// M: how many of them must breach for ALARM.
    pub datapoints_to_alarm: u32,
    /// `None` for an anomaly-detection alarm (it compares with a band, ThresholdMetricId).
    pub threshold: Option<f64>,
    pub comparison: Comparison,
    pub treat_missing_data: MissingData,
    pub low_sample: Option<LowSample>,
}

/// The namespace of DynamoDB's metrics, whose alarms always ignore missing data.
pub const DYNAMODB_NAMESPACE: &str = "AWS/DynamoDB";

impl AlarmRule {
    /// Every metric the replay needs a series of, in the order of the alarm's queries.
    pub fn metric_queries(&self) -> Vec<&MetricQuery> {
        match &self.watched {
            Watched::Metric(m) => vec![m],
            Watched::Math { metrics, .. } => metrics.iter().collect(),
        }
    }

    /// The percentile a single-metric alarm watches (`p99` is 99.0), for the low-sample rule.
    pub fn percentile(&self) -> Option<f64> {
        let Watched::Metric(m) = &self.watched else {
            return None;
        };
        let p = m.stat.strip_prefix('p')?.parse::<f64>().ok()?;
        (0.0..=100.0).contains(&p).then_some(p)
    }

    /// The samples a period needs before a percentile over it counts, when the alarm ignores
    /// low samples: 10/(1-p) for p of 0.5 and up, 10/p below (p as a fraction).
    pub fn low_sample_minimum(&self) -> Option<f64> {
        if self.low_sample != Some(LowSample::Ignore) {
            return None;
        }
        let p = self.percentile()? / 100.0;
        if p <= 0.0 || p >= 1.0 {
            return None;
        }
        Some(if p >= 0.5 { 10.0 / (1.0 - p) } else { 10.0 / p })
    }

    /// The missing-data treatment CloudWatch applies, and why it is not the alarm's own: a
    /// single-metric alarm on an `AWS/DynamoDB` metric always ignores missing data.
    pub fn effective_missing_data(&self) -> (MissingData, Option<&'static str>) {
        match &self.watched {
            Watched::Metric(m) if m.namespace == DYNAMODB_NAMESPACE => (
                MissingData::Ignore,
                Some(
                    "alarms on AWS/DynamoDB metrics always ignore missing data, whatever TreatMissingData says",
                ),
            ),
            _ => (self.treat_missing_data, None),
        }
    }

    /// `WriteThrottleEvents Sum` or the watched expression.
    pub fn watched_text(&self) -> String {
        match &self.watched {
            Watched::Metric(m) => format!("{} {}", m.metric, m.stat),
            Watched::Math { expressions, .. } => expressions
                .iter()
                .find(|e| e.return_data)
                .map(|e| e.expression.clone())
                .unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn metric(id: &str, namespace: &str, stat: &str) -> MetricQuery {
        MetricQuery {
            id: id.into(),
            namespace: namespace.into(),
            metric: "M".into(),
            dimensions: vec![],
            stat: stat.into(),
            period: 300,
            return_data: true,
        }
    }

    fn rule(watched: Watched, missing: MissingData) -> AlarmRule {
        AlarmRule {
            name: "a".into(),
            watched,
            period: 300,
            evaluation_periods: 3,
            datapoints_to_alarm: 3,
            threshold: Some(1.0),
            comparison: Comparison::GreaterThanThreshold,
            treat_missing_data: missing,
            low_sample: Some(LowSample::Ignore),
        }
    }

    #[test]
    fn comparisons_parse_and_breach_as_cloudwatch_names_them() {
        for c in Comparison::ALL {
            assert_eq!(Comparison::parse(c.as_str()), Some(c));
        }
        let cases = [
            (Comparison::GreaterThanThreshold, 10.0, Some(false)),
            (Comparison::GreaterThanOrEqualToThreshold, 10.0, Some(true)),
            (Comparison::LessThanThreshold, 10.0, Some(false)),
            (Comparison::LessThanOrEqualToThreshold, 10.0, Some(true)),
            (Comparison::GreaterThanUpperThreshold, 10.0, None),
        ];
        for (c, v, want) in cases {
            assert_eq!(c.breaches(v, 10.0), want, "{c:?}");
        }
        assert!(Comparison::LessThanLowerOrGreaterThanUpperThreshold.is_anomaly_band());
        assert_eq!(Comparison::parse("GreaterThan"), None);
    }

    #[test]
    fn missing_data_defaults_to_missing_and_rejects_unknown_values() {
        assert_eq!(MissingData::parse(None), Ok(MissingData::Missing));
        assert_eq!(
            MissingData::parse(Some("notBreaching")),
            Ok(MissingData::NotBreaching)
        );
        assert!(MissingData::parse(Some("NotBreaching")).is_err());
    }

    #[test]
    fn a_single_dynamodb_metric_ignores_missing_data_and_math_keeps_its_setting() {
        let single = rule(
            Watched::Metric(metric("m1", DYNAMODB_NAMESPACE, "Sum")),
            MissingData::NotBreaching,
        );
        assert_eq!(single.effective_missing_data().0, MissingData::Ignore);
        assert!(single.effective_missing_data().1.is_some());
        let math = rule(
            Watched::Math {
                metrics: vec![metric("m1", DYNAMODB_NAMESPACE, "Sum")],
                expressions: vec![ExpressionQuery {
                    id: "e1".into(),
                    expression: "FILL(m1, 0)".into(),
                    return_data: true,
                }],
            },
            MissingData::NotBreaching,
        );
        assert_eq!(
            math.effective_missing_data(),
            (MissingData::NotBreaching, None)
        );
        let lambda = rule(
            Watched::Metric(metric("m1", "AWS/Lambda", "Sum")),
            MissingData::Breaching,
        );
        assert_eq!(lambda.effective_missing_data().0, MissingData::Breaching);
    }

    #[test]
    fn low_sample_minimum_follows_the_percentile() {
        let p99 = rule(
            Watched::Metric(metric("m1", "AWS/DynamoDB", "p99")),
            MissingData::Missing,
        );
        assert!((p99.low_sample_minimum().unwrap() - 1000.0).abs() < 1e-6);
        let p10 = rule(
            Watched::Metric(metric("m1", "AWS/DynamoDB", "p10")),
            MissingData::Missing,
        );
        assert!((p10.low_sample_minimum().unwrap() - 100.0).abs() < 1e-6);
        let sum = rule(
            Watched::Metric(metric("m1", "AWS/DynamoDB", "Sum")),
            MissingData::Missing,
        );
        assert_eq!(sum.low_sample_minimum(), None);
        let mut evaluate = p99.clone();
        evaluate.low_sample = Some(LowSample::Evaluate);
        assert_eq!(evaluate.low_sample_minimum(), None);
    }
}
