//! A stream record as plain JSON (`stream tail`, the stream probe): its event name, keys and new
//! image rendered by the one converter stored items go through ([`super::model::value_to_json`]:
//! every DynamoDB type, binaries as `{"$binary": base64}`, names sorted at every level).

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use aws_sdk_dynamodbstreams::types::AttributeValue as StreamValue;
use serde_json::Value;

use super::model::value_to_json;
use crate::aws::streams::ShardRecord;

/// A stream's attribute value as the table's: the same types, another SDK crate.
fn table_value(v: &StreamValue) -> AttributeValue {
    match v {
        StreamValue::S(s) => AttributeValue::S(s.clone()),
        StreamValue::N(n) => AttributeValue::N(n.clone()),
        StreamValue::B(b) => AttributeValue::B(b.clone()),
        StreamValue::Bool(b) => AttributeValue::Bool(*b),
        StreamValue::Null(n) => AttributeValue::Null(*n),
        StreamValue::Ss(s) => AttributeValue::Ss(s.clone()),
        StreamValue::Ns(n) => AttributeValue::Ns(n.clone()),
        StreamValue::Bs(b) => AttributeValue::Bs(b.clone()),
        StreamValue::L(l) => AttributeValue::L(l.iter().map(table_value).collect()),
        StreamValue::M(m) => {
            AttributeValue::M(m.iter().map(|(k, v)| (k.clone(), table_value(v))).collect())
        }
        // A type newer than this build: shown as null, as the items' converter does.
        _ => AttributeValue::Null(true),
    }
}

/// An image (keys, new image) as JSON: every attribute, names sorted at every level.
fn image_json(m: &HashMap<String, StreamValue>) -> Value {
    value_to_json(&AttributeValue::M(
        m.iter().map(|(k, v)| (k.clone(), table_value(v))).collect(),
    ))
}

/// A record as plain JSON: event name, keys, new image, where and when, and the fields the
/// human columns and filters read (`user_id`, `event_type`, `event_id`, `status`) flat.
pub(crate) fn record_json(r: &ShardRecord) -> Value {
    let d = r.record.dynamodb();
    let ttl_delete = r
        .record
        .user_identity()
        .is_some_and(|u| u.principal_id() == Some("dynamodb.amazonaws.com"));
    let mut v = serde_json::json!({
        "event_name": r.record.event_name().map(|e| e.as_str()),
        "keys": d.and_then(|d| d.keys.as_ref()).map(image_json),
        "new_image": d.and_then(|d| d.new_image.as_ref()).map(image_json),
        "sequence_number": d.and_then(|d| d.sequence_number()),
        "approximate_creation_time": d.and_then(|d| d.approximate_creation_date_time()).map(|t| t.to_string()),
        "shard_id": r.shard,
        "ttl_delete": ttl_delete,
    });
    let image = v["new_image"].clone();
    let keys = v["keys"].clone();
    for f in ["user_id", "event_type", "event_id", "status"] {
        let value = image
            .get(f)
            .or_else(|| keys.get(f))
            .cloned()
            .unwrap_or(Value::Null);
        v[f] = value;
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_dynamodbstreams::types::{Record, StreamRecord};

    /// `stream tail` prints a record's image with its attribute names sorted: the same record
    /// read twice is the same bytes, whatever order its HashMaps hold.
    #[test]
    fn a_stream_record_prints_its_image_with_names_sorted() {
        let names = [
            "user_id", "event_id", "zeta", "Alpha", "b", "a1", "a", "ttl",
        ];
        let record = || {
            let nested: HashMap<String, StreamValue> = names
                .iter()
                .map(|n| (n.to_string(), StreamValue::N("1".into())))
                .collect();
            let mut image: HashMap<String, StreamValue> = names
                .iter()
                .map(|n| (n.to_string(), StreamValue::S(n.to_string())))
                .collect();
            image.insert("payload".into(), StreamValue::M(nested));
            ShardRecord {
                shard: "shard-1".into(),
                record: Record::builder()
                    .dynamodb(StreamRecord::builder().set_new_image(Some(image)).build())
                    .build(),
            }
        };
        let (one, two) = (record_json(&record()), record_json(&record()));
        assert_eq!(one.to_string(), two.to_string());
        let mut want: Vec<&str> = names.iter().copied().chain(["payload"]).collect();
        want.sort_unstable();
        let keys: Vec<&str> = one["new_image"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, want);
        let nested: Vec<&str> = one["new_image"]["payload"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut nested_want = names.to_vec();
        nested_want.sort_unstable();
        assert_eq!(nested, nested_want);
        assert_eq!(one["event_id"], "event_id");
    }

    /// A stream image renders as the same item read from the table does: every type, numbers
    /// as numbers, sets as arrays, binaries as `{"$binary": base64}` (no second encoding).
    #[test]
    fn a_stream_image_renders_as_the_table_item_does() {
        let image = HashMap::from([
            ("n".to_owned(), StreamValue::N("12.5".into())),
            (
                "big".to_owned(),
                StreamValue::N("12345678901234567890".into()),
            ),
            (
                "b".to_owned(),
                StreamValue::B(aws_smithy_types::Blob::new(b"hi".to_vec())),
            ),
            (
                "ss".to_owned(),
                StreamValue::Ss(vec!["x".into(), "y".into()]),
            ),
            ("nul".to_owned(), StreamValue::Null(true)),
            (
                "l".to_owned(),
                StreamValue::L(vec![StreamValue::Bool(true), StreamValue::S("s".into())]),
            ),
        ]);
        let table: HashMap<String, AttributeValue> = image
            .iter()
            .map(|(k, v)| (k.clone(), table_value(v)))
            .collect();
        let record = ShardRecord {
            shard: "s".into(),
            record: Record::builder()
                .dynamodb(StreamRecord::builder().set_new_image(Some(image)).build())
                .build(),
        };
        let v = record_json(&record);
        assert_eq!(v["new_image"], value_to_json(&AttributeValue::M(table)));
        assert_eq!(v["new_image"]["b"], serde_json::json!({"$binary": "aGk="}));
        assert_eq!(v["new_image"]["n"], serde_json::json!(12.5));
        assert_eq!(v["new_image"]["ss"], serde_json::json!(["x", "y"]));
        assert_eq!(v["new_image"]["l"], serde_json::json!([true, "s"]));
    }
}
