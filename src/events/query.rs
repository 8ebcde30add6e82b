//! Queries by user on the base table or either GSI, streamed page by page, never collected.

use std::collections::HashMap;

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{DateTime, Utc};

use super::keys::{Access, PageToken, TokenQuery};
use super::model::{item_ttl, ttl_expired};
use crate::aws::error::AwsError;
use crate::aws::items;
use crate::spec::{PARTITION_KEY, TTL_ATTRIBUTE, TTL_IGNORED_AGE_S};

use crate::events::model::Item;

/// The filter that keeps what TTL has not expired: a `ttl` that is not a Number (missing, a
/// String: TTL never deletes those), a Number still in the future, or one more than five years
/// past (TTL never deletes those either). `#ttl` is `ttl`, `:n` the string `N`, `:now` and
/// `:oldest` epoch seconds (now, and now minus five years). What `check-ttl` tells users to
/// filter with, too.
pub(crate) const UNEXPIRED_FILTER: &str =
    "(NOT attribute_type(#ttl, :n) OR #ttl > :now OR #ttl < :oldest)";

/// What to read.
#[derive(Debug, Clone)]
pub(crate) struct QuerySpec {
    pub user: String,
    pub access: Access,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// Stop after this many items (matching ones, after the expiry filter).
    pub limit: Option<usize>,
    /// ExclusiveStartKey from a page token (checked against the query by the caller).
    pub start: Option<Item>,
    pub descending: bool,
    pub include_expired: bool,
    /// Epoch seconds that "expired" is measured against.
    pub now: i64,
    /// Items DynamoDB reads per call (its `Limit`); `None`: full 1 MB pages, the fewest calls.
    pub page_size: Option<i32>,
    pub consistent: bool,
    /// Only items with this `event_id` (a bounded search when the timestamp is unknown).
    pub event_id: Option<String>,
    /// Stop once DynamoDB has read this many items (a bounded search).
    pub max_scanned: Option<usize>,
    /// What a page token of this query records of it (its window as resolved, its order).
    pub token: TokenQuery,
}

impl QuerySpec {
    pub(crate) fn new(user: impl Into<String>, access: Access, now: i64) -> QuerySpec {
        QuerySpec {
            user: user.into(),
            access,
            since: None,
            until: None,
            limit: None,
            start: None,
            descending: false,
            include_expired: false,
            now,
            page_size: None,
            consistent: false,
            event_id: None,
            max_scanned: None,
            token: TokenQuery::default(),
        }
    }
}

/// How a query ended.
#[derive(Debug, Clone, Default)]
pub(crate) struct QueryOutcome {
    /// Items handed to the sink.
    pub returned: usize,
    /// Items DynamoDB read (before the filter).
    pub scanned: usize,
    pub pages: usize,
    /// Where to continue, when the query stopped before the end.
    pub next: Option<PageToken>,
    /// Expired items the filter hid on the pages read.
    pub hidden_expired: usize,
    /// Stopped at `max_scanned` with more of the user's items left unread.
    pub truncated: bool,
}

/// A failure of the query itself, or of the sink (a closed stdout, say).
#[derive(Debug, thiserror::Error)]
pub(crate) enum QueryError {
    #[error(transparent)]
    Aws(#[from] AwsError),
    #[error(transparent)]
    Sink(#[from] std::io::Error),
}

/// Runs the query, handing each item to `sink` as its page arrives. The sink returns
/// `Ok(false)` to stop early (a bounded search found what it wanted).
pub(crate) async fn query(
    client: &Client,
    table: &str,
    spec: &QuerySpec,
    mut sink: impl FnMut(&Item) -> std::io::Result<bool>,
) -> Result<QueryOutcome, QueryError> {
    let (condition, bounds) = spec.access.key_condition(spec.since, spec.until);
    let mut names = HashMap::from([("#pk".to_owned(), PARTITION_KEY.to_owned())]);
    if !bounds.is_empty() {
        // `timestamp#event_id` holds a `#`: always through a placeholder (docs/aws-facts.md §5.2).
        names.insert("#sk".to_owned(), spec.access.sort_key_name().to_owned());
    }
    let mut values = HashMap::from([(":u".to_owned(), AttributeValue::S(spec.user.clone()))]);
    for (k, v) in bounds {
        values.insert(k.to_owned(), AttributeValue::S(v));
    }
    let mut filters = Vec::new();
    if !spec.include_expired {
        // `ttl` is a reserved word: always aliased (docs/aws-facts.md §5.2). Only a Number ttl
        // in the past, and not more than five years past, is expired: TTL ignores any other type
        // and never deletes an older one (§5.3), so those events are shown. `#ttl > :now` alone
        // is false for a String ttl (a comparison of two types is false), which would hide an
        // event TTL never deletes. `attribute_type` is false for a missing attribute, so its NOT
        // covers that case too.
        // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
        names.insert("#ttl".into(), TTL_ATTRIBUTE.into());
        values.insert(":now".into(), AttributeValue::N(spec.now.to_string()));
        values.insert(
            ":oldest".into(),
            AttributeValue::N((spec.now - TTL_IGNORED_AGE_S).to_string()),
        );
        values.insert(":n".into(), AttributeValue::S("N".into()));
        filters.push(UNEXPIRED_FILTER);
    }
    if let Some(id) = &spec.event_id {
        names.insert("#eid".into(), "event_id".into());
        values.insert(":eid".into(), AttributeValue::S(id.clone()));
        filters.push("#eid = :eid");
    }
    let filter = (!filters.is_empty()).then(|| filters.join(" AND "));

    let mut outcome = QueryOutcome::default();
    let mut exclusive_start = spec.start.clone();
    loop {
        let mut page_limit = spec.page_size;
        if let Some(limit) = spec.limit {
            // Without a filter, ask for no more than is still wanted.
            if filter.is_none() {
                let left = (limit - outcome.returned).max(1).min(i32::MAX as usize) as i32;
                page_limit = Some(page_limit.map_or(left, |p| p.min(left)));
            }
        }
        let page = items::query(
            client,
            table,
            items::Query {
                index: spec.access.index_name().map(str::to_owned),
                key_condition: condition.to_owned(),
                expressions: items::Expressions {
                    filter: filter.clone(),
                    projection: None,
                    names: names.clone(),
                    values: values.clone(),
                },
                forward: !spec.descending,
                limit: page_limit,
                consistent: spec.consistent && spec.access.index_name().is_none(),
                start: exclusive_start.take(),
            },
        )
        .await?;
        outcome.pages += 1;
        outcome.scanned += page.scanned;
        let items = page.items;
        let filtered_out = page.scanned.saturating_sub(page.count);
        if !spec.include_expired && spec.event_id.is_none() {
            outcome.hidden_expired += filtered_out;
        }
        for item in &items {
            // The filter has run on DynamoDB's side; this guards an emulator that skips it.
            if !spec.include_expired && item_ttl(item).is_some_and(|t| ttl_expired(t, spec.now)) {
                continue;
            }
            let more = sink(item)?;
            outcome.returned += 1;
            let reached = spec.limit.is_some_and(|l| outcome.returned >= l);
            if !more || reached {
                // Stopped inside the page: continue after this item, unless it was the very
                // last item of the whole result.
                let last_of_all =
                    page.next.is_none() && std::ptr::eq(item, items.last().expect("non-empty"));
                outcome.next = if !more || last_of_all {
                    None
                } else {
                    PageToken::after(item, &spec.access, &spec.token)
                };
                return Ok(outcome);
            }
        }
        match page.next {
            Some(k) => {
                if spec.max_scanned.is_some_and(|m| outcome.scanned >= m) {
                    outcome.truncated = true;
                    return Ok(outcome);
                }
                exclusive_start = Some(k);
            }
            _ => return Ok(outcome),
        }
    }
}
