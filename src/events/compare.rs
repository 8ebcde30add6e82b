//! Is a stored item the item an import would write? An import never replaces an item that
//! differs (unless `--overwrite`), so this decides between "already present" and "conflict".

use crate::events::model::Item;

use aws_sdk_dynamodb::types::AttributeValue;

use super::numbers::same_number;

fn same_set<T: Ord + Clone>(a: &[T], b: &[T]) -> bool {
    let (mut x, mut y) = (a.to_vec(), b.to_vec());
    x.sort();
    y.sort();
    x == y
}

/// Attribute values equal as DynamoDB means them: numbers by value, sets without order.
pub(crate) fn same_value(a: &AttributeValue, b: &AttributeValue) -> bool {
    use AttributeValue as A;
    match (a, b) {
        (A::N(x), A::N(y)) => same_number(x, y),
        (A::M(x), A::M(y)) => same_item(x, y),
        (A::L(x), A::L(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_value(p, q)),
        (A::Ns(x), A::Ns(y)) => {
            x.len() == y.len() && x.iter().all(|n| y.iter().any(|m| same_number(n, m)))
        }
        (A::Ss(x), A::Ss(y)) => same_set(x, y),
        (A::Bs(x), A::Bs(y)) => {
            let bytes = |v: &[aws_smithy_types::Blob]| {
                v.iter().map(|b| b.as_ref().to_vec()).collect::<Vec<_>>()
            };
            same_set(&bytes(x), &bytes(y))
        }
        _ => a == b,
    }
}

/// Two items with the same attributes and equal values.
pub(crate) fn same_item(a: &Item, b: &Item) -> bool {
    a.len() == b.len()
        && a.iter()
            .all(|(k, v)| b.get(k).is_some_and(|w| same_value(v, w)))
}

/// The attribute names whose values differ (or exist on one side only), sorted.
pub(crate) fn differing(stored: &Item, new: &Item) -> Vec<String> {
    let mut names: Vec<String> = stored
        .keys()
        .chain(new.keys())
        .filter(|k| match (stored.get(*k), new.get(*k)) {
            (Some(x), Some(y)) => !same_value(x, y),
            _ => true,
        })
        .cloned()
        .collect();
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use AttributeValue as A;

    fn item(pairs: &[(&str, AttributeValue)]) -> Item {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect()
    }

    #[test]
    fn numbers_compare_by_value_and_changes_are_named() {
        let a = item(&[
            ("status", A::S("pending".into())),
            ("retry_count", A::N("0".into())),
            ("payload", A::M(item(&[("x", A::N("1.50".into()))]))),
        ]);
        let b = item(&[
            ("status", A::S("pending".into())),
            ("retry_count", A::N("0".into())),
            ("payload", A::M(item(&[("x", A::N("1.5".into()))]))),
        ]);
        assert!(same_item(&a, &b));
        let mut moved = b.clone();
        moved.insert("status".into(), A::S("delivered".into()));
        moved.insert("retry_count".into(), A::N("3".into()));
        moved.insert("delivered_at".into(), A::S("now".into()));
        assert!(!same_item(&a, &moved));
        assert_eq!(
            differing(&moved, &a),
            vec!["delivered_at", "retry_count", "status"]
        );
        assert!(same_value(
            &A::Ss(vec!["a".into(), "b".into()]),
            &A::Ss(vec!["b".into(), "a".into()])
        ));
    }
}
