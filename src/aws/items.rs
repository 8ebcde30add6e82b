//! DynamoDB item calls: GetItem, PutItem, DeleteItem, Query and Scan pages, and the batch calls
//! (BatchGetItem, BatchWriteItem, BatchExecuteStatement), one typed function each, its error named
//! after its operation. What to do with the answer (settle a batch, filter a page) is the
//! caller's; [`batch_get_all`] is the one loop kept here, shared by every reader of keys.

use std::collections::HashMap;

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::{
    AttributeValue, BatchStatementRequest, BatchStatementResponse, KeysAndAttributes,
    ReturnConsumedCapacity, Select, WriteRequest,
};

use super::calls::{Throttles, Unanswered};
use super::error::{AwsError, AwsErrorKind, AwsResultExt, table_resource};
use super::ops;
use super::retry::{self, RetryPolicy, Round, Tally, Unsettled};

pub(crate) use crate::vocab::item::Item;

/// The condition failed: nothing was written or deleted.
const CONDITION_FAILED: &str = "ConditionalCheckFailedException";

/// PutItem under `condition` (with its names and values); `Ok(false)` when the condition failed.
pub(crate) async fn put_if(
    client: &Client,
    table: &str,
    item: Item,
    condition: &str,
    names: HashMap<String, String>,
) -> Result<bool, AwsError> {
    let result = client
        .put_item()
        .table_name(table)
        .set_item(Some(item))
        .condition_expression(condition)
        .set_expression_attribute_names(Some(names))
        .send()
        .await
        .aws(&ops::PUT_ITEM, table_resource(table));
    match result {
        Ok(_) => Ok(true),
        Err(e) if e.code.as_deref() == Some(CONDITION_FAILED) => Ok(false),
        Err(e) => Err(e),
    }
}

/// GetItem of one key.
pub(crate) async fn get(
    client: &Client,
    table: &str,
    key: Item,
    consistent: bool,
) -> Result<Option<Item>, AwsError> {
    let out = client
        .get_item()
        .table_name(table)
        .set_key(Some(key))
        .consistent_read(consistent)
        .send()
        .await
        .aws(&ops::GET_ITEM, table_resource(table))?;
    Ok(out.item)
}

/// DeleteItem of one key, under `condition` when one is given (with its names and values);
/// `Ok(false)` when the condition failed and nothing was deleted.
pub(crate) async fn delete(
    client: &Client,
    table: &str,
    key: Item,
    condition: Option<(&str, HashMap<String, String>, Item)>,
) -> Result<bool, AwsError> {
    let mut req = client.delete_item().table_name(table).set_key(Some(key));
    if let Some((expression, names, values)) = condition {
        // DynamoDB refuses an empty ExpressionAttributeValues (or names): only those given.
        req = req
            .condition_expression(expression)
            .set_expression_attribute_names((!names.is_empty()).then_some(names))
            .set_expression_attribute_values((!values.is_empty()).then_some(values));
    }
    match req
        .send()
        .await
        .aws(&ops::DELETE_ITEM, table_resource(table))
    {
        Ok(_) => Ok(true),
        Err(e) if e.code.as_deref() == Some(CONDITION_FAILED) => Ok(false),
        Err(e) => Err(e),
    }
}

/// DeleteItem only if the item is still there (`attribute_exists` on `key_attribute`, an
/// attribute of the key). `Ok(false)`: it was gone (deleted by someone else, or by TTL).
pub(crate) async fn delete_if_present(
    client: &Client,
    table: &str,
    key: Item,
    key_attribute: &str,
) -> Result<bool, AwsError> {
    let names = HashMap::from([("#pk".to_owned(), key_attribute.to_owned())]);
    let condition = ("attribute_exists(#pk)", names, Item::new());
    delete(client, table, key, Some(condition)).await
}

/// A rewrite of one item's `ttl` to a Number, conditional on the item being as it was read.
pub(crate) struct TtlRewrite<'a> {
    pub key: Item,
    /// The new ttl, epoch seconds.
    pub new_ttl: i64,
    /// The `ttl` as read (`None`: the item had none).
    pub old_ttl: Option<&'a AttributeValue>,
    /// The `timestamp` as read, when it had one: it must still be the same.
    pub old_timestamp: Option<&'a AttributeValue>,
    /// The names of the partition key, the ttl and the timestamp attributes.
    pub partition_key: &'a str,
    pub ttl_attribute: &'a str,
    pub timestamp_attribute: &'a str,
}

/// UpdateItem `SET #ttl = :new` if the item is still there with the `ttl` and `timestamp` that
/// were read. `Ok(false)`: it changed since (ConditionalCheckFailed), nothing written.
pub(crate) async fn rewrite_ttl(
    client: &Client,
    table: &str,
    w: TtlRewrite<'_>,
) -> Result<bool, AwsError> {
    let mut conditions = vec!["attribute_exists(#pk)".to_owned()];
    let mut req = client
        .update_item()
        .table_name(table)
        .set_key(Some(w.key))
        .update_expression("SET #ttl = :new")
        // `ttl` and `timestamp` are reserved words: aliased.
        .expression_attribute_names("#pk", w.partition_key)
        .expression_attribute_names("#ttl", w.ttl_attribute)
        .expression_attribute_values(":new", AttributeValue::N(w.new_ttl.to_string()));
    match w.old_ttl {
        None => conditions.push("attribute_not_exists(#ttl)".into()),
        Some(v) => {
            conditions.push("#ttl = :old".into());
            req = req.expression_attribute_values(":old", v.clone());
        }
    }
    if let Some(v) = w.old_timestamp {
        conditions.push("#ts = :ts".into());
        req = req
            .expression_attribute_names("#ts", w.timestamp_attribute)
            .expression_attribute_values(":ts", v.clone());
    }
    let result = req
        .condition_expression(conditions.join(" AND "))
        .send()
        .await
        .aws(&ops::UPDATE_ITEM, table_resource(table));
    match result {
        Ok(_) => Ok(true),
        Err(e) if e.code.as_deref() == Some(CONDITION_FAILED) => Ok(false),
        Err(e) => Err(e),
    }
}

/// One Query or Scan request's expressions: placeholders for names and values, and what to
/// read back.
#[derive(Debug, Clone, Default)]
pub(crate) struct Expressions {
    pub filter: Option<String>,
    pub projection: Option<String>,
    pub names: HashMap<String, String>,
    pub values: HashMap<String, AttributeValue>,
}

impl Expressions {
    fn names(&self) -> Option<HashMap<String, String>> {
        (!self.names.is_empty()).then(|| self.names.clone())
    }

    fn values(&self) -> Option<HashMap<String, AttributeValue>> {
        (!self.values.is_empty()).then(|| self.values.clone())
    }
}

/// One Query request.
#[derive(Debug, Clone, Default)]
pub(crate) struct Query {
    pub index: Option<String>,
    pub key_condition: String,
    pub expressions: Expressions,
    /// ScanIndexForward: oldest first.
    pub forward: bool,
    pub limit: Option<i32>,
    pub consistent: bool,
    pub start: Option<Item>,
}

/// One page of a Query or a Scan.
#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    pub items: Vec<Item>,
    /// Items that matched (the count of a `Select=COUNT` scan).
    pub count: usize,
    /// Items DynamoDB read, before the filter.
    pub scanned: usize,
    /// Read units the page consumed, when asked for.
    pub consumed: f64,
    /// Where the next page starts; `None` at the end.
    pub next: Option<Item>,
}

/// One Query page.
pub(crate) async fn query(client: &Client, table: &str, q: Query) -> Result<Page, AwsError> {
    let e = &q.expressions;
    let out = client
        .query()
        .table_name(table)
        .set_index_name(q.index)
        .key_condition_expression(q.key_condition)
        .set_filter_expression(e.filter.clone())
        .set_projection_expression(e.projection.clone())
        .set_expression_attribute_names(e.names())
        .set_expression_attribute_values(e.values())
        .scan_index_forward(q.forward)
        .set_limit(q.limit)
        .consistent_read(q.consistent)
        .set_exclusive_start_key(q.start)
        .send()
        .await
        .aws(&ops::QUERY, table_resource(table))?;
    Ok(Page {
        count: out.count.max(0) as usize,
        scanned: out.scanned_count.max(0) as usize,
        items: out.items.unwrap_or_default(),
        consumed: 0.0,
        next: out.last_evaluated_key.filter(|k| !k.is_empty()),
    })
}

/// One Scan request: a segment of a parallel scan, its consumed capacity always returned.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scan {
    pub segment: i32,
    pub total_segments: i32,
    pub limit: Option<i32>,
    /// `Select=COUNT`: counts, no items.
    pub count_only: bool,
    pub expressions: Expressions,
    pub start: Option<Item>,
}

/// One Scan page.
pub(crate) async fn scan(client: &Client, table: &str, s: Scan) -> Result<Page, AwsError> {
    let e = &s.expressions;
    let out = client
        .scan()
        .table_name(table)
        .segment(s.segment)
        .total_segments(s.total_segments)
        .set_limit(s.limit)
        .return_consumed_capacity(ReturnConsumedCapacity::Total)
        .set_select(s.count_only.then_some(Select::Count))
        .set_filter_expression(e.filter.clone())
        .set_projection_expression(e.projection.clone())
        .set_expression_attribute_names(e.names())
        .set_expression_attribute_values(e.values())
        .set_exclusive_start_key(s.start)
        .send()
        .await
        .aws(&ops::SCAN, table_resource(table))?;
    let items = out.items.unwrap_or_default();
    Ok(Page {
        count: if s.count_only {
            out.count.max(0) as usize
        } else {
            items.len()
        },
        scanned: out.scanned_count.max(0) as usize,
        items,
        consumed: out
            .consumed_capacity
            .and_then(|c| c.capacity_units)
            .unwrap_or(0.0),
        next: out.last_evaluated_key.filter(|k| !k.is_empty()),
    })
}

/// One BatchWriteItem of up to 25 puts or deletes on `table`: what DynamoDB left unprocessed,
/// and the throttled attempts the SDK retried on its own ([`retried_throttles`]).
pub(crate) async fn batch_write(
    client: &Client,
    table: &str,
    requests: Vec<WriteRequest>,
) -> (Result<Vec<WriteRequest>, AwsError>, u64) {
    let throttles =
        Throttles::<aws_sdk_dynamodb::operation::batch_write_item::BatchWriteItemError>::default();
    let result = client
        .batch_write_item()
        .request_items(table, requests)
        .customize()
        .interceptor(throttles.clone())
        .send()
        .await
        .aws(&ops::BATCH_WRITE_ITEM, table_resource(table))
        .map(|out| {
            out.unprocessed_items
                .and_then(|mut m| m.remove(table))
                .unwrap_or_default()
        });
    let retried = retried_throttles(throttles.count(), &result);
    (result, retried)
}

/// The throttled attempts of a call that the SDK sent again: all of them, but the last when the
/// call ended throttled (the caller counts that one as its own throttled call).
fn retried_throttles<T>(throttled: u64, result: &Result<T, AwsError>) -> u64 {
    let last = matches!(result, Err(e) if e.kind == AwsErrorKind::Throttled);
    throttled.saturating_sub(u64::from(last))
}

/// How a BatchExecuteStatement call went, beside its answers.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Attempts {
    /// An attempt went unanswered (a timeout, a reset, a 5xx): what it carried may have landed
    /// although the call was retried or failed.
    pub unanswered: bool,
    /// Throttled attempts the SDK sent again on its own ([`retried_throttles`]).
    pub throttled_retries: u64,
}

/// One BatchExecuteStatement of up to 25 statements on `table`: each statement's answer, in the
/// order sent, and how its attempts went ([`Attempts`]).
pub(crate) async fn batch_execute(
    client: &Client,
    table: &str,
    statements: Vec<BatchStatementRequest>,
) -> (Result<Vec<BatchStatementResponse>, AwsError>, Attempts) {
    let unanswered = Unanswered::default();
    let throttles = Throttles::<
        aws_sdk_dynamodb::operation::batch_execute_statement::BatchExecuteStatementError,
    >::default();
    let result = client
        .batch_execute_statement()
        .set_statements(Some(statements))
        .customize()
        .interceptor(unanswered.clone())
        .interceptor(throttles.clone())
        .send()
        .await
        .aws(&ops::BATCH_EXECUTE_STATEMENT, table_resource(table))
        .map(|out| out.responses.unwrap_or_default());
    let attempts = Attempts {
        unanswered: unanswered.any(),
        throttled_retries: retried_throttles(throttles.count(), &result),
    };
    (result, attempts)
}

/// How keys are read.
#[derive(Debug, Clone, Default)]
pub(crate) struct Read {
    /// Strongly consistent reads.
    pub consistent: bool,
    /// ProjectionExpression and its name placeholders.
    pub projection: Option<(String, HashMap<String, String>)>,
}

/// One BatchGetItem of up to 100 keys of `table`: the items found, and the keys DynamoDB left
/// unprocessed.
pub(crate) async fn batch_get(
    client: &Client,
    table: &str,
    keys: Vec<Item>,
    read: &Read,
) -> Result<(Vec<Item>, Vec<Item>), AwsError> {
    let mut request = KeysAndAttributes::builder()
        .set_keys(Some(keys))
        .consistent_read(read.consistent);
    if let Some((expression, names)) = &read.projection {
        request = request
            .projection_expression(expression)
            .set_expression_attribute_names(Some(names.clone()));
    }
    let request = request.build().map_err(|e| {
        AwsError::local(
            AwsErrorKind::Invalid,
            ops::BATCH_GET_ITEM.service,
            ops::BATCH_GET_ITEM.operation,
            table_resource(table),
            e.to_string(),
        )
    })?;
    let out = client
        .batch_get_item()
        .request_items(table, request)
        .send()
        .await
        .aws(&ops::BATCH_GET_ITEM, table_resource(table))?;
    let found = out
        .responses
        .and_then(|mut r| r.remove(table))
        .unwrap_or_default();
    let unprocessed = out
        .unprocessed_keys
        .and_then(|mut u| u.remove(table))
        .map(|k| k.keys)
        .unwrap_or_default();
    Ok((found, unprocessed))
}

/// BatchGetItem takes at most 100 keys.
pub(crate) const MAX_BATCH_GET: usize = 100;

/// Every stored item among `keys` (any number: 100 a call), the keys DynamoDB leaves unprocessed
/// and the throttled calls read again on `policy`. An error when some keys could not be read:
/// a key never read is not reported absent.
pub(crate) async fn batch_get_all(
    client: &Client,
    table: &str,
    keys: &[Item],
    read: &Read,
    policy: RetryPolicy,
    tally: &impl Tally,
) -> Result<Vec<Item>, Unsettled> {
    let mut found = Vec::new();
    for chunk in keys.chunks(MAX_BATCH_GET) {
        let mut pending = chunk.to_vec();
        retry::resend(
            policy,
            tally,
            &mut pending,
            async |pending: &mut Vec<Item>| {
                let (items, unprocessed) = batch_get(client, table, pending.clone(), read).await?;
                found.extend(items);
                *pending = unprocessed;
                Ok(match pending.len() {
                    0 => Round::Done,
                    n => Round::Again {
                        why: format!(
                            "{} left unprocessed by DynamoDB",
                            if n == 1 {
                                "1 key".to_owned()
                            } else {
                                format!("{n} keys") // plural-ok: more than one here
                            }
                        ),
                        throttled: false,
                    },
                })
            },
        )
        .await?;
    }
    Ok(found)
}
