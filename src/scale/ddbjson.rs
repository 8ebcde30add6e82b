//! DynamoDB JSON (`{"S": "..."}`, `{"N": "1"}`, `{"M": {...}}`, ...), the wire form of an item:
//! what an export's data files hold, one `{"Item": {...}}` a line, and what a checkpoint keeps
//! for a LastEvaluatedKey. Both directions, exact (numbers stay strings).

use aws_sdk_dynamodb::primitives::Blob;
use aws_sdk_dynamodb::types::AttributeValue;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value};

use crate::events::model::Item;

#[derive(Debug, thiserror::Error)]
#[error("not DynamoDB JSON: {0}")]
pub(crate) struct BadDynamoJson(pub(crate) String);

fn bad(what: impl Into<String>) -> BadDynamoJson {
    BadDynamoJson(what.into())
}

pub(crate) fn to_json(v: &AttributeValue) -> Value {
    let b64 = |b: &Blob| Value::String(STANDARD.encode(b.as_ref()));
    let (tag, inner) = match v {
        AttributeValue::S(s) => ("S", Value::String(s.clone())),
        AttributeValue::N(n) => ("N", Value::String(n.clone())),
        AttributeValue::B(b) => ("B", b64(b)),
        AttributeValue::Bool(b) => ("BOOL", Value::Bool(*b)),
        AttributeValue::Null(_) => ("NULL", Value::Bool(true)),
        AttributeValue::Ss(v) => ("SS", v.iter().cloned().map(Value::String).collect()),
        AttributeValue::Ns(v) => ("NS", v.iter().cloned().map(Value::String).collect()),
        AttributeValue::Bs(v) => ("BS", v.iter().map(b64).collect()),
        AttributeValue::L(v) => ("L", v.iter().map(to_json).collect()),
        AttributeValue::M(m) => ("M", item_to_ddb_json(m)),
        _ => ("NULL", Value::Bool(true)),
    };
    Value::Object(Map::from_iter([(tag.to_owned(), inner)]))
}

/// An item in DynamoDB JSON (`{"user_id": {"S": "u1"}, ...}`), every attribute with its type,
/// numbers as strings: exact, and read back by `from_json`. What an export's data files and a
/// checkpoint's LastEvaluatedKey hold; for output to people see
/// `events::model::stored_event_json`.
pub fn item_to_ddb_json(item: &Item) -> Value {
    Value::Object(item.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
}

pub(crate) fn from_json(v: &Value) -> Result<AttributeValue, BadDynamoJson> {
    let Value::Object(m) = v else {
        return Err(bad("an attribute value is not an object"));
    };
    let Some((tag, inner)) = m.iter().next().filter(|_| m.len() == 1) else {
        return Err(bad("an attribute value needs exactly one type key"));
    };
    let s = |x: &Value| {
        x.as_str()
            .map(str::to_owned)
            .ok_or_else(|| bad(format!("{tag} holds a non-string")))
    };
    let blob = |x: &Value| {
        STANDARD
            .decode(s(x)?)
            .map(Blob::new)
            .map_err(|e| bad(format!("{tag}: {e}")))
    };
    let list = |x: &Value| {
        x.as_array()
            .cloned()
            .ok_or_else(|| bad(format!("{tag} holds a non-list")))
    };
    Ok(match tag.as_str() {
        "S" => AttributeValue::S(s(inner)?),
        "N" => AttributeValue::N(s(inner)?),
        "B" => AttributeValue::B(blob(inner)?),
        "BOOL" => AttributeValue::Bool(inner.as_bool().ok_or_else(|| bad("BOOL"))?),
        "NULL" => AttributeValue::Null(true),
        "SS" => AttributeValue::Ss(list(inner)?.iter().map(s).collect::<Result<_, _>>()?),
        "NS" => AttributeValue::Ns(list(inner)?.iter().map(s).collect::<Result<_, _>>()?),
        "BS" => AttributeValue::Bs(list(inner)?.iter().map(blob).collect::<Result<_, _>>()?),
        "L" => AttributeValue::L(
            list(inner)?
                .iter()
                .map(from_json)
                .collect::<Result<_, _>>()?,
        ),
        "M" => AttributeValue::M(item_from_json(inner)?),
        other => return Err(bad(format!("unknown type {other}"))),
    })
}

pub(crate) fn item_from_json(v: &Value) -> Result<Item, BadDynamoJson> {
    let Value::Object(m) = v else {
        return Err(bad("an item is not an object"));
    };
    m.iter()
        .map(|(k, v)| Ok((k.clone(), from_json(v)?)))
        .collect()
}

/// One line of an export data file (`{"Item": {...}}`) as a whole item: the reference the
/// local engine's in-place reader (`scale::export_item`) is tested against.
#[cfg(test)]
pub(crate) fn export_line(line: &str) -> Result<Item, BadDynamoJson> {
    let v: Value = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
    item_from_json(
        v.get("Item")
            .ok_or_else(|| bad("a line without \"Item\""))?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn every_type_round_trips() {
        let item: Item = HashMap::from([
            ("s".to_owned(), AttributeValue::S("x#y".into())),
            (
                "n".to_owned(),
                AttributeValue::N("18446744073709551615".into()),
            ),
            ("b".to_owned(), AttributeValue::B(Blob::new(vec![0, 255]))),
            ("t".to_owned(), AttributeValue::Bool(true)),
            ("z".to_owned(), AttributeValue::Null(true)),
            ("ss".to_owned(), AttributeValue::Ss(vec!["a".into()])),
            ("ns".to_owned(), AttributeValue::Ns(vec!["1.5".into()])),
            (
                "bs".to_owned(),
                AttributeValue::Bs(vec![Blob::new(vec![1])]),
            ),
            (
                "l".to_owned(),
                AttributeValue::L(vec![AttributeValue::N("1".into())]),
            ),
            (
                "m".to_owned(),
                AttributeValue::M(HashMap::from([(
                    "k".to_owned(),
                    AttributeValue::S("v".into()),
                )])),
            ),
        ]);
        let json = item_to_ddb_json(&item);
        assert_eq!(json["n"], serde_json::json!({"N": "18446744073709551615"}));
        assert_eq!(item_from_json(&json).unwrap(), item);
        let line = format!("{{\"Item\":{json}}}");
        assert_eq!(export_line(&line).unwrap(), item);
    }

    #[test]
    fn malformed_values_are_errors_not_panics() {
        for bad in [
            r#"{"Item": {"a": {"S": 1}}}"#,
            r#"{"Item": {"a": {"S": "x", "N": "1"}}}"#,
            r#"{"Item": {"a": {"Q": "x"}}}"#,
            r#"{"Item": {"a": {"B": "***"}}}"#,
            r#"{"NotItem": {}}"#,
            "not json",
        ] {
            assert!(export_line(bad).is_err(), "{bad}");
        }
    }
}
