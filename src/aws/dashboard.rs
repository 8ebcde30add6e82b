//! CloudWatch dashboards: put one, read one, delete one.

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

/// GetDashboard: its body, or `None` when there is no dashboard of that name.
pub(crate) async fn get(client: &Client, name: &str) -> Result<Option<String>, AwsError> {
    match client
        .get_dashboard()
        .dashboard_name(name)
        .send()
        .await
        .aws(&ops::GET_DASHBOARD, Some(format!("dashboard {name}")))
    {
        Ok(out) => Ok(Some(out.dashboard_body().unwrap_or_default().to_owned())),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// DeleteDashboards of one dashboard; one that is not there already is no error.
pub(crate) async fn delete(client: &Client, name: &str) -> Result<(), AwsError> {
    match client
        .delete_dashboards()
        .dashboard_names(name)
        .send()
        .await
        .aws(&ops::DELETE_DASHBOARDS, Some(format!("dashboard {name}")))
    {
        Ok(_) => Ok(()),
        Err(e) if e.is_not_found() => Ok(()),
        Err(e) => Err(e),
    }
}
