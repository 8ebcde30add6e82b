//! SetAlarmState: put an alarm into a state by hand (the alarm test). CloudWatch runs the
//! actions of the new state when it differs from the old, and the alarm returns to its real
//! state at its next evaluation.
//! <https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_SetAlarmState.html>

use aws_sdk_cloudwatch::Client;
use aws_sdk_cloudwatch::types::StateValue;

use super::error::{AwsError, AwsResultExt};
use super::ops;

/// SetAlarmState `ALARM` with `reason` (at most 1,023 characters) and `data` (JSON, at most
/// 4,000).
pub(crate) async fn set_alarm(
    client: &Client,
    alarm: &str,
    reason: &str,
    data: &str,
) -> Result<(), AwsError> {
    client
        .set_alarm_state()
        .alarm_name(alarm)
        .state_value(StateValue::Alarm)
        .state_reason(reason)
        .state_reason_data(data)
        .send()
        .await
        .aws(&ops::SET_ALARM_STATE, Some(format!("alarm {alarm}")))?;
    Ok(())
}
