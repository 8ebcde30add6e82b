//! Item size as DynamoDB counts it (developer guide, "Item sizes and formats"): attribute
//! names plus values in UTF-8; numbers 1 byte per two significant digits plus 1; lists and maps
//! 3 bytes plus 1 byte per element plus their elements; booleans and nulls 1 byte.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;

pub(crate) fn item_size(item: &HashMap<String, AttributeValue>) -> usize {
    item.iter().map(|(k, v)| k.len() + value_size(v)).sum()
}

pub(crate) fn number_size(n: &str) -> usize {
    let digits: String = n
        .split(['e', 'E'])
        .next()
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let significant = digits
        .trim_start_matches('0')
        .trim_end_matches('0')
        .len()
        .max(1);
    significant.div_ceil(2) + 1
}

pub(crate) fn value_size(v: &AttributeValue) -> usize {
    match v {
        AttributeValue::S(s) => s.len(),
        AttributeValue::N(n) => number_size(n),
        AttributeValue::B(b) => b.as_ref().len(),
        AttributeValue::Bool(_) | AttributeValue::Null(_) => 1,
        AttributeValue::Ss(items) => items.iter().map(String::len).sum(),
        AttributeValue::Ns(items) => items.iter().map(|n| number_size(n)).sum(),
        AttributeValue::Bs(items) => items.iter().map(|b| b.as_ref().len()).sum(),
        AttributeValue::L(items) => 3 + items.iter().map(|v| 1 + value_size(v)).sum::<usize>(),
        AttributeValue::M(map) => {
            3 + map
                .iter()
                .map(|(k, v)| 1 + k.len() + value_size(v))
                .sum::<usize>()
        }
        _ => 0,
    }
}

/// The size of a JSON value stored as an attribute ([`crate::events::model::json_to_attribute`]),
/// counted as [`value_size`] counts the attribute, without building it.
pub(crate) fn json_value_size(v: &serde_json::Value) -> usize {
    use serde_json::Value;
    match v {
        Value::Null | Value::Bool(_) => 1,
        Value::Number(n) => number_size(&crate::events::model::number_text(n)),
        Value::String(s) => s.len(),
        Value::Array(items) => 3 + items.iter().map(|v| 1 + json_value_size(v)).sum::<usize>(),
        Value::Object(m) => json_map_size(m),
    }
}

/// The size of a JSON object stored as a map attribute.
pub(crate) fn json_map_size(m: &serde_json::Map<String, serde_json::Value>) -> usize {
    3 + m
        .iter()
        .map(|(k, v)| 1 + k.len() + json_value_size(v))
        .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_follow_the_developer_guide() {
        let mut item = HashMap::new();
        item.insert("a".to_owned(), AttributeValue::S("héllo".into())); // 1 + 6
        item.insert("n".to_owned(), AttributeValue::N("12345".into())); // 1 + 3 + 1
        item.insert("z".to_owned(), AttributeValue::N("0.00100".into())); // 1 + 1 + 1
        item.insert("b".to_owned(), AttributeValue::Bool(true)); // 1 + 1
        item.insert("m".to_owned(), AttributeValue::M(HashMap::new())); // 1 + 3
        item.insert(
            "l".to_owned(),
            AttributeValue::L(vec![AttributeValue::S("xy".into())]), // 1 + 3 + 1 + 2
        );
        assert_eq!(item_size(&item), 7 + 5 + 3 + 2 + 4 + 7);
    }

    /// The size computed from an event is the size of the item it gives, for every kind of value.
    #[test]
    fn event_sizes_are_the_sizes_of_their_items() {
        use crate::events::model::{Defaults, EventInput};
        let lines = [
            // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
            r#"{"user_id":"u","event_type":"t","timestamp":"2026-01-01T00:00:00Z"}"#,
            r#"{"user_id":"ü","event_type":"t","timestamp":"2026-01-01T00:00:00Z","retry_count":12,"ttl":1800000000,
               "payload":{"a":[1,2.5,"x",null,true,{"b":{}}],"n":0.00100,"big":18446744073709551615,"neg":-7e-20},
               "metadata":{"m":{"n":[[]]}}}"#,
        ];
        for line in lines {
            let e = EventInput::from_line(line)
                .unwrap()
                .into_event(Defaults { now: None }, None)
                .unwrap();
            assert_eq!(e.item_size(), item_size(&e.to_item()), "{line}");
        }
    }
}
