//! One line of an export data file (`{"Item": {...}}`, DynamoDB JSON) read in place: a typed
//! serde visitor over the line's text that keeps only the attributes the tallies read
//! ([`KEPT`], borrowing their strings from the line) and the item's size, without building an
//! `AttributeValue` tree. Every value is still checked as [`super::ddbjson::export_line`]
//! checks it (one type key, a string where a string belongs, a known type, valid base64), so a
//! bad line is refused just the same.

use std::borrow::Cow;
use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::events::size::number_size;
use crate::events::view::{Attr, ItemView};
use crate::scale::ddbjson::BadDynamoJson;
use crate::spec::{PARTITION_KEY, SORT_KEY, STATUS_SORT_KEY, TTL_ATTRIBUTE, TYPE_SORT_KEY};

/// The attributes a tally reads (`checks::ttl`, `checks::keys`, `checks::shape`): the keys of
/// the table and of its indexes, the event's time and the TTL attribute. The others are
/// checked and sized, not kept.
pub(crate) const KEPT: [&str; 6] = [
    PARTITION_KEY,
    SORT_KEY,
    "timestamp",
    TTL_ATTRIBUTE,
    TYPE_SORT_KEY,
    STATUS_SORT_KEY,
];

/// A kept attribute's value: the text of a String or a Number, borrowed from the line unless
/// it had escapes.
#[derive(Debug, Clone, PartialEq)]
enum Kept<'a> {
    S(Cow<'a, str>),
    N(Cow<'a, str>),
    Other,
}

/// An export line's item: the [`KEPT`] attributes it has, and its size.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct ExportItem<'a> {
    kept: [Option<Kept<'a>>; KEPT.len()],
    size: usize,
}

impl ItemView for ExportItem<'_> {
    fn attr(&self, name: &str) -> Option<Attr<'_>> {
        let i = KEPT.iter().position(|k| *k == name)?;
        Some(match self.kept[i].as_ref()? {
            Kept::S(s) => Attr::S(s),
            Kept::N(n) => Attr::N(n),
            Kept::Other => Attr::Other,
        })
    }

    /// Counted as `events::size::item_size` counts the item the line holds.
    fn size(&self) -> usize {
        self.size
    }
}

/// Reads one line. A line that is not an item is the same error as `ddbjson::export_line`'s.
pub(crate) fn parse(line: &str) -> Result<ExportItem<'_>, BadDynamoJson> {
    let mut de = serde_json::Deserializer::from_str(line);
    let item = de
        .deserialize_map(LineVisitor)
        .and_then(|item| de.end().map(|()| item))
        .map_err(|e| BadDynamoJson(e.to_string()))?;
    item.ok_or_else(|| BadDynamoJson("a line without \"Item\"".into()))
}

/// `{"Item": {...}}`; other keys are passed over, as the tree reader passes them.
struct LineVisitor;

impl<'de> Visitor<'de> for LineVisitor {
    type Value = Option<ExportItem<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object with \"Item\"")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut item = None;
        while let Some(key) = map.next_key::<Text<'de>>()? {
            if key.0 == "Item" {
                item = Some(map.next_value_seed(ItemSeed)?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(item)
    }
}

/// A string, borrowed from the line when it has no escapes.
struct Text<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(TextVisitor(None))
    }
}

/// Reads a string; anything else is "`tag` holds a non-string" (or, for a name, "not a string").
struct TextVisitor(Option<&'static str>);

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.0 {
            Some(tag) => write!(f, "a string ({tag} holds a non-string)"),
            None => f.write_str("a string"),
        }
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Text(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Text(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Text(Cow::Owned(v)))
    }
}

/// The item: every attribute checked and sized, the kept ones kept.
struct ItemSeed;

impl<'de> DeserializeSeed<'de> for ItemSeed {
    type Value = ExportItem<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ItemSeed {
    type Value = ExportItem<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an item (an object of attributes)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut item = ExportItem::default();
        while let Some(name) = map.next_key::<Text<'de>>()? {
            let slot = KEPT.iter().position(|k| *k == name.0);
            let value = map.next_value_seed(ValueSeed {
                keep: slot.is_some(),
            })?;
            item.size += name.0.len() + value.size;
            if let (Some(i), Some(kept)) = (slot, value.kept) {
                item.kept[i] = Some(kept);
            }
        }
        Ok(item)
    }
}

/// One attribute value read: its size, and (when asked) what the tallies keep of it.
struct Value<'de> {
    size: usize,
    kept: Option<Kept<'de>>,
}

/// Reads `{"<type>": ...}`; `keep` for a top-level attribute in [`KEPT`].
#[derive(Clone, Copy)]
struct ValueSeed {
    keep: bool,
}

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = Value<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

const TAGS: [&str; 10] = ["S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M"];

impl<'de> Visitor<'de> for ValueSeed {
    type Value = Value<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an attribute value (an object with one type key)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let one_key = || de::Error::custom("an attribute value needs exactly one type key");
        let tag = map.next_key::<Text<'de>>()?.ok_or_else(one_key)?;
        let Some(tag) = TAGS.iter().copied().find(|t| *t == tag.0) else {
            return Err(de::Error::custom(format!("unknown type {}", tag.0)));
        };
        let value = match tag {
            "S" | "N" => {
                let text = map.next_value_seed(TextSeed(tag))?.0;
                let size = if tag == "S" {
                    text.len()
                } else {
                    number_size(&text)
                };
                let kept = Some(match tag {
                    "S" => Kept::S(text),
                    _ => Kept::N(text),
                });
                Value { size, kept }
            }
            "B" => Value {
                size: map.next_value_seed(BlobSeed)?,
                kept: None,
            },
            "BOOL" => {
                map.next_value_seed(BoolSeed)?;
                Value {
                    size: 1,
                    kept: None,
                }
            }
            "NULL" => {
                map.next_value::<IgnoredAny>()?;
                Value {
                    size: 1,
                    kept: None,
                }
            }
            "M" => Value {
                size: map.next_value_seed(NestedMap)?,
                kept: None,
            },
            _ => Value {
                size: map.next_value_seed(ListSeed(tag))?,
                kept: None,
            },
        };
        if map.next_key::<IgnoredAny>()?.is_some() {
            return Err(one_key());
        }
        Ok(Value {
            kept: if self.keep {
                value.kept.or(Some(Kept::Other))
            } else {
                None
            },
            ..value
        })
    }
}

/// A string under `tag`.
struct TextSeed(&'static str);

impl<'de> DeserializeSeed<'de> for TextSeed {
    type Value = Text<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(TextVisitor(Some(self.0)))
    }
}

/// A Binary's base64 text, decoded to count its bytes (and refused when it is not base64).
struct BlobSeed;

impl<'de> DeserializeSeed<'de> for BlobSeed {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        blob_size(&TextSeed("B").deserialize(d)?.0)
    }
}

fn blob_size<E: de::Error>(text: &str) -> Result<usize, E> {
    STANDARD
        .decode(text)
        .map(|b| b.len())
        .map_err(|e| E::custom(format!("B: {e}")))
}

struct BoolSeed;

impl<'de> DeserializeSeed<'de> for BoolSeed {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_bool(BoolSeed)
    }
}

impl<'de> Visitor<'de> for BoolSeed {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a boolean (BOOL)")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
}

/// The elements of a set (`SS`, `NS`, `BS`) or a list (`L`): their size as
/// `events::size::value_size` counts it.
struct ListSeed(&'static str);

impl<'de> DeserializeSeed<'de> for ListSeed {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ListSeed {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a list ({} holds a non-list)", self.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
        let mut size = 0;
        match self.0 {
            "L" => {
                size += 3;
                while let Some(v) = seq.next_element_seed(ValueSeed { keep: false })? {
                    size += 1 + v.size;
                }
            }
            tag => {
                while let Some(t) = seq.next_element_seed(TextSeed(tag))? {
                    size += match tag {
                        "NS" => number_size(&t.0),
                        "BS" => blob_size(&t.0)?,
                        _ => t.0.len(),
                    };
                }
            }
        }
        Ok(size)
    }
}

/// A Map's attributes: 3 bytes, and per attribute 1 byte, its name and its value.
struct NestedMap;

impl<'de> DeserializeSeed<'de> for NestedMap {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for NestedMap {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object of attributes (M)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<usize, A::Error> {
        let mut size = 3;
        while let Some(name) = map.next_key::<Text<'de>>()? {
            size += 1 + name.0.len() + map.next_value_seed(ValueSeed { keep: false })?.size;
        }
        Ok(size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::model::Item;
    use crate::scale::ddbjson::{export_line, item_to_ddb_json};
    use aws_sdk_dynamodb::primitives::Blob;
    use aws_sdk_dynamodb::types::AttributeValue;
    use std::collections::HashMap;

    fn s(v: &str) -> AttributeValue {
        AttributeValue::S(v.into())
    }

    /// The in-place reader sees what the tree reader sees: the kept attributes, the same
    /// size, for items of every type, nested.
    #[test]
    fn the_view_of_a_line_equals_the_view_of_its_item() {
        let nested = AttributeValue::M(HashMap::from([
            ("k".to_owned(), AttributeValue::N("-1.50".into())),
            (
                "l".to_owned(),
                AttributeValue::L(vec![
                    AttributeValue::Bool(true),
                    AttributeValue::Null(true),
                    AttributeValue::Ns(vec!["1".into(), "12345.678".into()]),
                    AttributeValue::Bs(vec![Blob::new(vec![1, 2, 3])]),
                ]),
            ),
        ]));
        let items: Vec<Item> = vec![
            HashMap::from([
                ("user_id".to_owned(), s("u-\"quoted\"\n")),
                ("timestamp#event_id".to_owned(), s("2000-01-01T00:00:00Z#e")),
                ("timestamp".to_owned(), s("2000-01-01T00:00:00Z")),
                ("ttl".to_owned(), AttributeValue::N("946684800".into())),
                ("event_type#timestamp".to_owned(), s("t#x")),
                ("payload".to_owned(), nested),
                ("b".to_owned(), AttributeValue::B(Blob::new(vec![0, 255]))),
                ("ss".to_owned(), AttributeValue::Ss(vec!["é".into()])),
            ]),
            HashMap::from([
                ("user_id".to_owned(), s("u")),
                ("ttl".to_owned(), s("not a number")),
                ("status#timestamp".to_owned(), AttributeValue::Bool(false)),
            ]),
            HashMap::new(),
        ];
        for item in &items {
            let line = format!("{{\"Item\":{}}}", item_to_ddb_json(item));
            let tree = export_line(&line).unwrap();
            assert_eq!(&tree, item);
            let view = parse(&line).unwrap();
            assert_eq!(view.size(), item.size(), "{line}");
            for name in KEPT.iter().chain(&["payload", "absent"]) {
                let want = if KEPT.contains(name) {
                    item.attr(name)
                } else {
                    None
                };
                assert_eq!(view.attr(name), want, "{name} in {line}");
            }
        }
        // Strings without escapes are borrowed from the line, not copied.
        let line = r#"{"Item":{"user_id":{"S":"u1"}}}"#;
        let view = parse(line).unwrap();
        assert!(matches!(view.kept[0], Some(Kept::S(Cow::Borrowed("u1")))));
    }

    /// Every line the tree reader refuses is refused here too, as "not DynamoDB JSON", and
    /// what it accepts is accepted (other keys beside "Item" are passed over).
    #[test]
    fn a_bad_line_is_refused_as_the_tree_reader_refuses_it() {
        for bad in [
            r#"{"Item": {"a": {"S": 1}}}"#,
            r#"{"Item": {"a": {"S": "x", "N": "1"}}}"#,
            r#"{"Item": {"a": {}}}"#,
            r#"{"Item": {"a": "x"}}"#,
            r#"{"Item": {"a": {"Q": "x"}}}"#,
            r#"{"Item": {"a": {"B": "***"}}}"#,
            r#"{"Item": {"a": {"BOOL": "yes"}}}"#,
            r#"{"Item": {"a": {"SS": "x"}}}"#,
            r#"{"Item": {"a": {"NS": [1]}}}"#,
            r#"{"Item": {"a": {"L": [{"S": 1}]}}}"#,
            r#"{"Item": {"a": {"M": {"b": {"Q": 1}}}}}"#,
            r#"{"Item": []}"#,
            r#"{"NotItem": {}}"#,
            r#"[1, 2]"#,
            "not json",
            r#"{"Item": {}} trailing"#,
        ] {
            assert!(export_line(bad).is_err(), "the tree reader accepts {bad}");
            let e = parse(bad).unwrap_err().to_string();
            assert!(e.starts_with("not DynamoDB JSON: "), "{bad}: {e}");
        }
        let e = parse(r#"{"Item": {"a": {"S": 1}}}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("S holds a non-string"), "{e}");
        let e = parse(r#"{"Item": {"a": {"Q": 1}}}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown type Q"), "{e}");
        for good in [
            r#"{"Item": {"a": {"NULL": true}}, "Other": [1]}"#,
            r#"{"Extra": 1, "Item": {"a": {"M": {}}}}"#,
        ] {
            assert!(export_line(good).is_ok() && parse(good).is_ok(), "{good}");
        }
    }
}
