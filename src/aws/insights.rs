//! The Logs Insights runner: StartQuery, then GetQueryResults polled until a terminal status,
//! and the escaping of values that go into a query string.

use super::ops;
use std::time::Duration;

use aws_sdk_cloudwatchlogs::Client;
use aws_sdk_cloudwatchlogs::types::QueryStatus;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::error::{AwsError, AwsResultExt};
use crate::error::{Refusal, UsageError};
use crate::progress::{Reporter, Task};

/// StartQuery takes at most 50 log groups.
/// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartQuery.html
pub(crate) const MAX_LOG_GROUPS: usize = 50;
/// GetQueryResults returns at most 10,000 rows a call; a query up to 100,000 through nextToken.
/// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetQueryResults.html
pub(crate) const MAX_ROWS_PER_PAGE: i32 = 10_000;
pub(crate) const MAX_ROWS: i32 = 100_000;

/// A value inside a double-quoted Logs Insights string: `"` and `\` escaped, no raw newlines.
pub(crate) fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A literal inside a `/regex/`: every metacharacter and the delimiter escaped.
pub(crate) fn regex_literal(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('/');
    for c in value.chars() {
        if "\\/.*+?()[]{}|^$".contains(c) {
            out.push('\\');
        }
        match c {
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('/');
    out
}

#[derive(Debug, Clone)]
pub(crate) struct QuerySpec {
    pub query: String,
    pub log_groups: Vec<String>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub limit: Option<i32>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, schemars::JsonSchema)]
pub(crate) struct Statistics {
    pub records_matched: f64,
    pub records_scanned: f64,
    pub bytes_scanned: f64,
}

/// How a query ended: AWS's terminal statuses, or stopped by us at the caller's ceiling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub(crate) enum QueryEnd {
    Complete,
    Failed,
    Cancelled,
    /// AWS ended it: a query may run at most 60 minutes.
    /// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetQueryResults.html
    Timeout,
    /// A status this SDK does not know.
    Unknown,
    /// Still running when the caller's ceiling (`--max-wait`) came; stopped with StopQuery.
    Stopped,
}

impl QueryEnd {
    /// The end that `status` is, if it is terminal.
    pub(crate) fn of(status: &QueryStatus) -> Option<QueryEnd> {
        match status {
            QueryStatus::Scheduled | QueryStatus::Running => None,
            QueryStatus::Complete => Some(QueryEnd::Complete),
            QueryStatus::Failed => Some(QueryEnd::Failed),
            QueryStatus::Cancelled => Some(QueryEnd::Cancelled),
            QueryStatus::Timeout => Some(QueryEnd::Timeout),
            _ => Some(QueryEnd::Unknown),
        }
    }
}

impl std::fmt::Display for QueryEnd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            QueryEnd::Complete => "Complete",
            QueryEnd::Failed => "Failed",
            QueryEnd::Cancelled => "Cancelled",
            QueryEnd::Timeout => "Timeout",
            QueryEnd::Unknown => "Unknown",
            QueryEnd::Stopped => "Stopped",
        })
    }
}

/// The outcome: its status, rows as (field, value) pairs in order (`@ptr` dropped), statistics.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct QueryResult {
    pub query_id: String,
    pub status: QueryEnd,
    pub rows: Vec<Vec<(String, String)>>,
    pub statistics: Statistics,
    pub polls: u32,
    /// GetQueryResults pages read once the query was complete.
    pub pages: u32,
}

impl QueryResult {
    pub(crate) fn complete(&self) -> bool {
        self.status == QueryEnd::Complete
    }

    /// The value of `field` in a row.
    pub(crate) fn get<'a>(row: &'a [(String, String)], field: &str) -> Option<&'a str> {
        row.iter()
            .find(|(f, _)| f == field)
            .map(|(_, v)| v.as_str())
    }

    /// Field names in first-seen order.
    pub(crate) fn fields(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for row in &self.rows {
            for (f, _) in row {
                if !out.contains(f) {
                    out.push(f.clone());
                }
            }
        }
        out
    }
}

fn rows_of(
    results: Option<Vec<Vec<aws_sdk_cloudwatchlogs::types::ResultField>>>,
) -> Vec<Vec<(String, String)>> {
    results
        .unwrap_or_default()
        .into_iter()
        .map(|row| {
            row.into_iter()
                .filter_map(|f| Some((f.field?, f.value.unwrap_or_default())))
                .filter(|(f, _)| f != "@ptr")
                .collect()
        })
        .collect()
}

/// Runs one query to its end (see [`QueryEnd`]), polling every `poll` up to `max_wait`; past it
/// the query is stopped and reported as `Stopped`.
/// A complete result is then read page by page (nextToken) up to `spec.limit` rows.
pub async fn run(
    client: &Client,
    spec: &QuerySpec,
    poll: Duration,
    max_wait: Duration,
    progress: &dyn Task,
) -> Result<QueryResult, AwsError> {
    if spec.log_groups.len() > MAX_LOG_GROUPS {
        // Never dropped here without a word: the caller chooses which 50 and says so.
        return Err(AwsError::local(
            super::AwsErrorKind::Invalid,
            "logs",
            "StartQuery",
            None,
            format!(
                // plural-ok: said only over the most a query takes
                "{} log groups given; a query takes at most {MAX_LOG_GROUPS}",
                spec.log_groups.len()
            ),
        ));
    }
    let started = client
        .start_query()
        .set_log_group_names(Some(spec.log_groups.clone()))
        .start_time(spec.start.timestamp())
        .end_time(spec.end.timestamp())
        .query_string(&spec.query)
        .set_limit(spec.limit)
        .send()
        .await
        .aws(&ops::START_QUERY, None)?;
    let query_id = started.query_id.unwrap_or_default();
    let begun = std::time::Instant::now();
    let mut polls = 0;
    let first_page = spec.limit.map(|l| l.min(MAX_ROWS_PER_PAGE));
    loop {
        polls += 1;
        let out = client
            .get_query_results()
            .query_id(&query_id)
            .set_max_items(first_page)
            .send()
            .await
            .aws(&ops::GET_QUERY_RESULTS, Some(format!("query {query_id}")))?;
        let status = out.status.clone().unwrap_or(QueryStatus::UnknownValue);
        progress.status(&format!("Logs Insights query {}", status.as_str()));
        let end = match QueryEnd::of(&status) {
            None if begun.elapsed() >= max_wait => Some(QueryEnd::Stopped),
            end => end,
        };
        if let Some(end) = end {
            if end == QueryEnd::Stopped {
                // Best effort: the query ends on its own at its own limit anyway.
                if let Err(e) = client
                    .stop_query()
                    .query_id(&query_id)
                    .send()
                    .await
                    .aws(&ops::STOP_QUERY, Some(format!("query {query_id}")))
                {
                    tracing::debug!("{e}");
                }
            }
            let stats = out.statistics.as_ref();
            let statistics = Statistics {
                records_matched: stats.map(|s| s.records_matched).unwrap_or(0.0),
                records_scanned: stats.map(|s| s.records_scanned).unwrap_or(0.0),
                bytes_scanned: stats.map(|s| s.bytes_scanned).unwrap_or(0.0),
            };
            let mut rows = rows_of(out.results);
            let mut pages = 1;
            let mut token = out.next_token.filter(|_| status == QueryStatus::Complete);
            let limit = spec.limit.unwrap_or(MAX_ROWS).clamp(1, MAX_ROWS) as usize;
            while let Some(t) = token.take() {
                if rows.len() >= limit {
                    break;
                }
                let want = (limit - rows.len()).min(MAX_ROWS_PER_PAGE as usize) as i32;
                progress.status(&format!(
                    "Logs Insights results, {}",
                    crate::vocab::words::count(rows.len(), "row", "rows")
                ));
                let page = client
                    .get_query_results()
                    .query_id(&query_id)
                    .next_token(t)
                    .max_items(want)
                    .send()
                    .await
                    .aws(&ops::GET_QUERY_RESULTS, Some(format!("query {query_id}")))?;
                pages += 1;
                rows.extend(rows_of(page.results));
                token = page.next_token;
            }
            rows.truncate(limit);
            return Ok(QueryResult {
                query_id,
                status: end,
                rows,
                statistics,
                polls,
                pages,
            });
        }
        tokio::time::sleep(poll).await;
    }
}

/// Log groups whose names start with `prefix` (DescribeLogGroups, paginated).
pub(crate) async fn log_groups(client: &Client, prefix: &str) -> Result<Vec<String>, AwsError> {
    let mut out = Vec::new();
    let mut pages = client
        .describe_log_groups()
        .log_group_name_prefix(prefix)
        .into_paginator()
        .send();
    while let Some(p) = pages.next().await {
        let p = p.aws(&ops::DESCRIBE_LOG_GROUPS, Some(format!("prefix {prefix}")))?;
        out.extend(
            p.log_groups
                .unwrap_or_default()
                .into_iter()
                .filter_map(|g| g.log_group_name),
        );
    }
    Ok(out)
}

/// The log groups a query reads, and those it cannot (a query takes at most 50).
#[derive(Debug, Clone, Default)]
pub(crate) struct LogGroups {
    pub queried: Vec<String>,
    pub left_out: Vec<String>,
}

/// Why no log groups could be chosen for a query.
#[derive(Debug, thiserror::Error)]
pub(crate) enum LogGroupsError {
    /// More than a query takes were given: bad input.
    #[error(transparent)]
    TooMany(UsageError),
    /// None exist under the prefix: the user has to name them.
    #[error(transparent)]
    NoneFound(Refusal),
    #[error(transparent)]
    Aws(#[from] AwsError),
}

/// The log groups to query: the ones given (at most 50), else those under `prefix`: the first 50
/// in name order if there are more, the rest named as left out (a warning on stderr, and in the
/// report of `insights run`), never dropped silently.
pub(crate) async fn resolve_log_groups(
    client: &Client,
    prefix: &str,
    given: &[String],
) -> Result<LogGroups, LogGroupsError> {
    if given.len() > MAX_LOG_GROUPS {
        return Err(LogGroupsError::TooMany(UsageError::new(format!(
            "{} --log-group given; a Logs Insights query takes at most {MAX_LOG_GROUPS}: run it once per batch of 50",
            given.len()
        ))));
    }
    if !given.is_empty() {
        return Ok(LogGroups {
            queried: given.to_vec(),
            left_out: Vec::new(),
        });
    }
    let mut found = log_groups(client, prefix).await?;
    if found.is_empty() {
        return Err(LogGroupsError::NoneFound(Refusal::new(format!(
            "no log groups under {prefix}; pass --log-group NAME (repeatable)"
        ))));
    }
    found.sort();
    let left_out = found.split_off(found.len().min(MAX_LOG_GROUPS));
    if !left_out.is_empty() {
        tracing::warn!(
            // plural-ok: said only over the most a query takes
            "{} log groups under {prefix}; a query takes at most {MAX_LOG_GROUPS}: {} not queried (first: {})",
            found.len() + left_out.len(),
            left_out.len(),
            left_out[0]
        );
    }
    Ok(LogGroups {
        queried: found,
        left_out,
    })
}

/// Runs a query to its end with a spinner (polling every 750 ms) and a ceiling.
pub(crate) async fn execute(
    client: &Client,
    progress: &dyn Reporter,
    spec: &QuerySpec,
    max_wait: Duration,
) -> Result<QueryResult, AwsError> {
    let spinner = progress.spinner("Logs Insights query");
    run(
        client,
        spec,
        Duration::from_millis(750),
        max_wait,
        &*spinner,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_ends_at_a_terminal_status_or_when_we_stop_it() {
        let cases = [
            (QueryStatus::Scheduled, None),
            (QueryStatus::Running, None),
            (QueryStatus::Complete, Some(QueryEnd::Complete)),
            (QueryStatus::Failed, Some(QueryEnd::Failed)),
            (QueryStatus::Cancelled, Some(QueryEnd::Cancelled)),
            (QueryStatus::Timeout, Some(QueryEnd::Timeout)),
            (QueryStatus::from("NewStatus"), Some(QueryEnd::Unknown)),
            (QueryStatus::UnknownValue, Some(QueryEnd::Unknown)),
        ];
        for (status, want) in cases {
            assert_eq!(QueryEnd::of(&status), want, "{status:?}");
        }
        // AWS's names in JSON; ours (Stopped) is not AWS's Timeout.
        for end in [QueryEnd::Complete, QueryEnd::Timeout, QueryEnd::Stopped] {
            assert_eq!(
                serde_json::to_value(end).expect("serialisable"),
                serde_json::json!(end.to_string())
            );
        }
        assert_ne!(QueryEnd::Stopped.to_string(), QueryEnd::Timeout.to_string());
    }

    #[test]
    fn values_are_escaped() {
        assert_eq!(quote(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(quote("x\ny"), r#""x\ny""#);
        assert_eq!(regex_literal("a/b.c*"), r"/a\/b\.c\*/");
        assert_eq!(regex_literal("(x)|[y]"), r"/\(x\)\|\[y\]/");
    }
}
