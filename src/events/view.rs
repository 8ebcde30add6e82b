//! What the tallies read of an item, whatever holds it: an SDK item a scan returned (a map of
//! `AttributeValue`s), or a line of an export read in place (`scale::export_item`, which keeps
//! only the attributes the tallies read and the item's size). One set of tallies, two sources,
//! the same answers.

use aws_sdk_dynamodb::types::AttributeValue;

use crate::events::model::Item;

/// An attribute's value as the tallies read it: a String's text, a Number's text, or any other
/// type (which the tallies only tell apart from absence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Attr<'a> {
    S(&'a str),
    N(&'a str),
    Other,
}

/// The view of an item the tallies take.
pub(crate) trait ItemView {
    /// The attribute `name`, if the item has it.
    fn attr(&self, name: &str) -> Option<Attr<'_>>;

    /// The item's size as DynamoDB counts it (`events::size::item_size`).
    fn size(&self) -> usize;

    fn has(&self, name: &str) -> bool {
        self.attr(name).is_some()
    }

    /// The attribute `name` when it is a String.
    fn s(&self, name: &str) -> Option<&str> {
        match self.attr(name)? {
            Attr::S(s) => Some(s),
            _ => None,
        }
    }
}

impl ItemView for Item {
    fn attr(&self, name: &str) -> Option<Attr<'_>> {
        Some(match self.get(name)? {
            AttributeValue::S(s) => Attr::S(s),
            AttributeValue::N(n) => Attr::N(n),
            _ => Attr::Other,
        })
    }

    fn size(&self) -> usize {
        crate::events::size::item_size(self)
    }
}
