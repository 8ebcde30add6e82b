//! CloudWatch PutMetricData of the tool's own verdicts (`--publish-metrics`), into a namespace of
//! its own: never into `AWS/` ones, which CloudWatch reserves.

use aws_sdk_cloudwatch::types::{Dimension, MetricDatum};

use super::error::{AwsError, AwsResultExt};
use super::ops;

/// The namespace the verdicts go to.
pub const NAMESPACE: &str = crate::vocab::metrics::HEALTH_CHECK;
/// One check's status: 0 ok, 1 warn, 2 crit, 3 unknown (dimensions `Env`, `Check`).
pub const CHECK_STATUS: &str = "CheckStatus";
/// One run's exit code (dimensions `Env`, `Command`).
pub const RUN_STATUS: &str = crate::vocab::metrics::RUN_STATUS;

/// Datums per PutMetricData request: AWS takes at most 1,000.
/// <https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html>
const PER_REQUEST: usize = 1000;

/// One value to publish: a metric, its dimensions, the value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Datum {
    pub metric: &'static str,
    pub dimensions: Vec<(&'static str, String)>,
    pub value: f64,
}

/// Puts every datum, stamped `at`, in requests of at most 1,000. Returns how many were put; the
/// first request AWS refuses ends it (the ones before it landed).
pub(crate) async fn put(
    cw: &aws_sdk_cloudwatch::Client,
    data: &[Datum],
    at: chrono::DateTime<chrono::Utc>,
) -> Result<usize, AwsError> {
    let stamp = aws_smithy_types::DateTime::from_millis(at.timestamp_millis());
    let mut put = 0;
    for chunk in data.chunks(PER_REQUEST) {
        let datums: Vec<MetricDatum> = chunk
            .iter()
            .map(|d| {
                MetricDatum::builder()
                    .metric_name(d.metric)
                    .set_dimensions(Some(
                        d.dimensions
                            .iter()
                            .map(|(k, v)| Dimension::builder().name(*k).value(v).build())
                            .collect(),
                    ))
                    .timestamp(stamp)
                    .value(d.value)
                    .build()
            })
            .collect();
        cw.put_metric_data()
            .namespace(NAMESPACE)
            .set_metric_data(Some(datums))
            .send()
            .await
            .aws(
                &ops::PUT_METRIC_DATA,
                Some(format!("namespace {NAMESPACE}")),
            )?;
        put += chunk.len();
    }
    Ok(put)
}
