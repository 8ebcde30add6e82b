//! Calls on one item that commands make by its key: read it, delete it if it is still there,
//! rewrite its `ttl` if it is unchanged since it was read. Attribute names are the caller's
//! (the table's vocabulary stays above this layer).

use super::ops;
use std::collections::HashMap;

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::AttributeValue;

use super::error::{AwsError, AwsResultExt, table_resource};

/// An item, or its key: attribute name to value.
pub(crate) type Attributes = HashMap<String, AttributeValue>;

/// Whether a failed call is the condition's: the item was not as expected, nothing written.
fn condition_failed(e: &AwsError) -> bool {
    e.code.as_deref() == Some("ConditionalCheckFailedException")
}

/// GetItem; `None` when no item has the key.
pub(crate) async fn get(
    client: &Client,
    table: &str,
    key: Attributes,
    consistent: bool,
) -> Result<Option<Attributes>, AwsError> {
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

/// DeleteItem only if the item is still there (`attribute_exists` on `key_attribute`, an
/// attribute of the key). `Ok(false)`: it was gone (deleted by someone else, or by TTL).
pub(crate) async fn delete_if_present(
    client: &Client,
    table: &str,
    key: Attributes,
    key_attribute: &str,
) -> Result<bool, AwsError> {
    let result = client
        .delete_item()
        .table_name(table)
        .set_key(Some(key))
        .condition_expression("attribute_exists(#pk)")
        .expression_attribute_names("#pk", key_attribute)
        .send()
        .await
        .aws(&ops::DELETE_ITEM, table_resource(table));
    match result {
        Ok(_) => Ok(true),
        Err(e) if condition_failed(&e) => Ok(false),
        Err(e) => Err(e),
    }
}

/// A rewrite of one item's `ttl` to a Number, conditional on the item being as it was read.
pub(crate) struct TtlRewrite<'a> {
    pub key: Attributes,
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
        Err(e) if condition_failed(&e) => Ok(false),
        Err(e) => Err(e),
    }
}
