//! CloudWatch dashboards: put one.

use super::ops;
use aws_sdk_cloudwatch::Client;

use super::error::{AwsError, AwsResultExt};

/// PutDashboard; the validation messages CloudWatch returned (empty when it had none).
pub(crate) async fn put(
    client: &Client,
    name: &str,
    body: String,
) -> Result<Vec<String>, AwsError> {
    let out = client
        .put_dashboard()
        .dashboard_name(name)
        .dashboard_body(body)
        .send()
        .await
        .aws(&ops::PUT_DASHBOARD, Some(format!("dashboard {name}")))?;
    Ok(out
        .dashboard_validation_messages()
        .iter()
        .filter_map(|m| m.message().map(str::to_owned))
        .collect())
}
