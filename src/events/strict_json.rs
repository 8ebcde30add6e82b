//! JSON read strictly: a field named twice in one object is an error (serde_json's `Value` keeps
//! the last silently, so `"user_id":"a","user_id":"b"` would write user `b` with no word), and
//! values are checked against DynamoDB's nesting limit.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// DynamoDB nests attribute values at most 32 levels deep, the top-level attribute counted as
/// level 1: a map or list attribute holds at most 31 levels of maps and lists above a scalar
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html).
pub(crate) const MAX_NESTING: usize = 32;

/// A `serde_json::Value` that refuses duplicate object keys.
pub(crate) struct Strict(pub Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Strict, D::Error> {
        d.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("a number that is not finite"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut m = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if m.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "field `{key}` appears twice in one object; which one is meant is unclear, so the line is refused"
                )));
            }
            let Strict(v) = map.next_value()?;
            m.insert(key, v);
        }
        Ok(Value::Object(m))
    }
}

/// Parses one JSON text strictly.
pub(crate) fn parse(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str::<Strict>(text).map(|s| s.0)
}

/// Levels of maps and lists in `v`, itself included (a scalar is 0).
pub(crate) fn container_depth(v: &Value) -> usize {
    // Iterative: a hostile value must not recurse deeply here either.
    let mut deepest = 0;
    let mut stack: Vec<(&Value, usize)> = vec![(v, 0)];
    while let Some((v, depth)) = stack.pop() {
        match v {
            Value::Object(m) => {
                deepest = deepest.max(depth + 1);
                stack.extend(m.values().map(|c| (c, depth + 1)));
            }
            Value::Array(a) => {
                deepest = deepest.max(depth + 1);
                stack.extend(a.iter().map(|c| (c, depth + 1)));
            }
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize) -> String {
        format!("{}1{}", "{\"a\":".repeat(levels), "}".repeat(levels))
    }

    #[test]
    fn duplicate_fields_are_refused_at_any_level() {
        let e = parse(r#"{"user_id":"a","user_id":"b"}"#).unwrap_err();
        assert!(e.to_string().contains("`user_id` appears twice"), "{e}");
        let e = parse(r#"{"payload":{"x":1,"y":[{"k":1,"k":2}]}}"#).unwrap_err();
        assert!(e.to_string().contains("`k` appears twice"), "{e}");
        let v = parse(r#"{"a":[1,2.5,"x",null,true,{"b":-3}]}"#).unwrap();
        assert_eq!(v, serde_json::json!({"a":[1,2.5,"x",null,true,{"b":-3}]}));
    }

    #[test]
    fn nesting_counts_maps_and_lists() {
        assert_eq!(container_depth(&serde_json::json!(1)), 0);
        assert_eq!(container_depth(&serde_json::json!({"a": [1, {"b": 2}]})), 3);
        assert_eq!(container_depth(&parse(&nested(40)).unwrap()), 40);
    }
}
