//! CloudWatch alarm history (`DescribeAlarmHistory`): state changes and configuration updates of
//! the environment's alarms in a window.
//! <https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarmHistory.html>

use super::ops;
use aws_sdk_cloudwatch::Client;
use chrono::{DateTime, TimeZone, Utc};
use futures::future::try_join_all;

use super::error::{AwsError, AwsResultExt};

/// One history item of one alarm.
#[derive(Debug, Clone, PartialEq)]
pub struct AlarmChange {
    pub alarm: String,
    pub time: DateTime<Utc>,
    /// `StateUpdate`, `ConfigurationUpdate`, `Action`.
    pub kind: String,
    pub summary: String,
}

/// The names of the alarms that start with `prefix` (DescribeAlarms, paged).
pub(crate) async fn names_with_prefix(
    client: &Client,
    prefix: &str,
) -> Result<Vec<String>, AwsError> {
    let mut out = Vec::new();
    let mut pages = client
        .describe_alarms()
        .alarm_name_prefix(prefix)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.aws(&ops::DESCRIBE_ALARMS, Some(format!("alarms {prefix}*")))?;
        out.extend(
            page.metric_alarms()
                .iter()
                .filter_map(|a| a.alarm_name().map(str::to_owned)),
        );
    }
    Ok(out)
}

/// The history of each alarm between `start` and `end` (one paged call per alarm, concurrent).
pub(crate) async fn history(
    client: &Client,
    alarms: &[String],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<AlarmChange>, AwsError> {
    let calls = alarms.iter().map(|name| async move {
        let mut out = Vec::new();
        let mut pages = client
            .describe_alarm_history()
            .alarm_name(name)
            .start_date(aws_smithy_types::DateTime::from_secs(start.timestamp()))
            .end_date(aws_smithy_types::DateTime::from_secs(end.timestamp() + 1))
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let page = page.aws(&ops::DESCRIBE_ALARM_HISTORY, Some(format!("alarm {name}")))?;
            out.extend(page.alarm_history_items().iter().filter_map(|h| {
                let t = h.timestamp()?;
                Some(AlarmChange {
                    alarm: h.alarm_name().unwrap_or(name).to_owned(),
                    time: Utc.timestamp_opt(t.secs(), t.subsec_nanos()).single()?,
                    kind: h
                        .history_item_type()
                        .map(|k| k.as_str().to_owned())
                        .unwrap_or_default(),
                    summary: h.history_summary().unwrap_or_default().to_owned(),
                })
            }));
        }
        Ok::<_, AwsError>(out)
    });
    Ok(try_join_all(calls).await?.into_iter().flatten().collect())
}
