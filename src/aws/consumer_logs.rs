//! A Lambda consumer's log group: whether a line naming a value (the canary's event id) was
//! logged since a time. The lines themselves may hold payloads: only their times are returned.

use aws_sdk_cloudwatchlogs::Client;

use super::error::{AwsError, AwsResultExt};
use super::ops;

/// FilterLogEvents on `group` for the exact term `needle` since `since_ms` (epoch ms), every
/// page: when the first matching line was logged (epoch ms), `None` when no line names it or
/// the group does not exist yet (a function that never ran has no log group).
/// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html
pub(crate) async fn first_line_naming(
    logs: &Client,
    group: &str,
    needle: &str,
    since_ms: i64,
) -> Result<Option<i64>, AwsError> {
    let mut pages = logs
        .filter_log_events()
        .log_group_name(group)
        .filter_pattern(format!("\"{needle}\""))
        .start_time(since_ms)
        .into_paginator()
        .send();
    let mut first: Option<i64> = None;
    while let Some(page) = pages.next().await {
        let page = match page.aws(&ops::FILTER_LOG_EVENTS, Some(format!("log group {group}"))) {
            Ok(p) => p,
            Err(e) if e.is_not_found() => return Ok(None),
            Err(e) => return Err(e),
        };
        for e in page.events() {
            // The filter is AWS's; the check here holds on an emulator that filters loosely.
            if e.message().is_some_and(|m| m.contains(needle)) {
                let t = e.timestamp().unwrap_or(since_ms);
                first = Some(first.map_or(t, |f| f.min(t)));
            }
        }
    }
    Ok(first)
}

/// DeleteLogGroup; a group that does not exist (the function never ran) is no error.
/// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeleteLogGroup.html
pub(crate) async fn delete_group(logs: &Client, group: &str) -> Result<(), AwsError> {
    match logs
        .delete_log_group()
        .log_group_name(group)
        .send()
        .await
        .aws(&ops::DELETE_LOG_GROUP, Some(format!("log group {group}")))
    {
        Ok(_) => Ok(()),
        Err(e) if e.is_not_found() => Ok(()),
        Err(e) => Err(e),
    }
}
