//! The runbook's Logs Insights queries, by name. Where the runbook's text sorts by a name its
//! `stats` never defines, the aggregate gets that name (an alias) so the sort means something.
//!
//! Queries 1 and 4 compute latency from `@duration`, a field Logs Insights discovers only on
//! Lambda's REPORT lines, never on the "Event created" / "Query events" lines they filter to:
//! their latency columns would always be empty. They read the application's own latency field
//! instead (`{latency}` below; `--latency-field`, default `latency_ms`).
//! <https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_AnalyzeLogData-discoverable-fields.html>

#[derive(Debug, Clone, Copy)]
pub(crate) struct NamedQuery {
    pub name: &'static str,
    pub runbook: &'static str,
    pub purpose: &'static str,
    pub query: &'static str,
    /// What the runbook's text had that this one fixes, if anything.
    pub fixed: Option<&'static str>,
}

/// The application's latency field when none is given.
pub(crate) const DEFAULT_LATENCY_FIELD: &str = "latency_ms";

const DURATION_FIX: &str = "the runbook computes latency from @duration, which exists only on Lambda REPORT lines, never on the lines this query filters to (its columns were always empty); it reads the application's latency field (--latency-field, default latency_ms)";

impl NamedQuery {
    /// The query text with `{latency}` replaced by the application's latency field.
    pub(crate) fn text(&self, latency_field: &str) -> String {
        self.query.replace("{latency}", latency_field)
    }

    /// Whether the query reads the latency field.
    pub(crate) fn reads_latency(&self) -> bool {
        self.query.contains("{latency}")
    }
}

/// A field name Logs Insights takes bare: letters, digits, `_`, `.`, `@`.
pub(crate) fn check_field(name: &str) -> Result<(), String> {
    if !name.is_empty()
        && name.len() <= 128
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '@'))
    {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a Logs Insights field name: letters, digits, '_', '.' and '@'"
        ))
    }
}

pub(crate) const QUERIES: [NamedQuery; 5] = [
    NamedQuery {
        name: "write-latency-by-user",
        runbook: "CloudWatch Insights Queries: Query 1",
        purpose: "users with high write latency",
        query: "fields @timestamp, user_id, event_id, {latency}\n| filter @message like /Event created/\n| stats avg({latency}) as avg_latency_ms, pct({latency}, 95) as p95_latency_ms, count(*) as event_count by user_id\n| sort p95_latency_ms desc\n| limit 20",
        fixed: Some(DURATION_FIX),
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
        query: "fields @timestamp, user_id, {latency}, item_count\n| filter @message like /Query events/\n| stats avg({latency}) as avg_latency_ms, pct({latency}, 95) as p95_latency_ms, avg(item_count) as avg_items by bin(5m)",
        fixed: Some(DURATION_FIX),
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

pub(crate) fn find(name: &str) -> Option<&'static NamedQuery> {
    QUERIES.iter().find(|q| q.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latency_queries_read_the_application_field_not_duration() {
        for q in QUERIES {
            let text = q.text(DEFAULT_LATENCY_FIELD);
            assert!(!text.contains("@duration"), "{}: {text}", q.name);
            assert!(!text.contains('{'), "{}: {text}", q.name);
        }
        let q1 = find("write-latency-by-user").unwrap();
        assert!(q1.reads_latency());
        assert!(q1.text("took_ms").contains("pct(took_ms, 95)"));
        assert!(check_field("took_ms").is_ok());
        assert!(check_field("a b").is_err() && check_field("x)|y").is_err());
    }
}
