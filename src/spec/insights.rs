//! The runbook's Logs Insights queries, by name. Where the runbook's text sorts by a name its
//! `stats` never defines, the aggregate gets that name (an alias) so the sort means something.

#[derive(Debug, Clone, Copy)]
pub struct NamedQuery {
    pub name: &'static str,
    pub runbook: &'static str,
    pub purpose: &'static str,
    pub query: &'static str,
    /// What the runbook's text had that this one fixes, if anything.
    pub fixed: Option<&'static str>,
}

pub const QUERIES: [NamedQuery; 5] = [
    NamedQuery {
        name: "write-latency-by-user",
        runbook: "CloudWatch Insights Queries: Query 1",
        purpose: "users with high write latency",
        query: "fields @timestamp, user_id, event_id, @duration\n| filter @message like /Event created/\n| stats avg(@duration) as avg_latency_ms, pct(@duration, 95) as p95_latency_ms, count(*) as event_count by user_id\n| sort p95_latency_ms desc\n| limit 20",
        fixed: None,
    },
    NamedQuery {
        name: "errors-by-type",
        runbook: "CloudWatch Insights Queries: Query 2",
        purpose: "the most common DynamoDB errors",
        query: "fields @timestamp, @message, error_code, error_message\n| filter error_code like /DynamoDB/\n| stats count(*) as error_count by error_code\n| sort error_count desc",
        fixed: Some(
            "the runbook sorts by `count`, which its `stats count()` never names; the count is named error_count",
        ),
    },
    NamedQuery {
        name: "ttl-deletions",
        runbook: "CloudWatch Insights Queries: Query 3",
        purpose: "TTL deletion activity over time (as the application logs it; TTL's own count is the TimeToLiveDeletedItemCount metric, see check-ttl)",
        query: "fields @timestamp, event_id, user_id, ttl\n| filter @message like /TTL/\n| stats count(*) as deletions by bin(1h)",
        fixed: None,
    },
    NamedQuery {
        name: "query-performance",
        runbook: "CloudWatch Insights Queries: Query 4",
        purpose: "GET /inbox query performance",
        query: "fields @timestamp, user_id, @duration, item_count\n| filter @message like /Query events/\n| stats avg(@duration) as avg_latency_ms, pct(@duration, 95) as p95_latency_ms, avg(item_count) as avg_items by bin(5m)",
        fixed: None,
    },
    NamedQuery {
        name: "top-users",
        runbook: "Issue 4: Hot Partition (diagnosis)",
        purpose: "top users by event count",
        query: "filter @message like /Event created/\n| stats count(*) as event_count by user_id\n| sort event_count desc\n| limit 10",
        fixed: Some(
            "the runbook computes count(*) in `fields` and then `stats count()`, whose result is not named event_count; the count is computed once, in stats, as event_count",
        ),
    },
];

pub fn find(name: &str) -> Option<&'static NamedQuery> {
    QUERIES.iter().find(|q| q.name == name)
}
