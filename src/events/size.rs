//! Item size as DynamoDB counts it (developer guide, "Item sizes and formats"): attribute
//! names plus values in UTF-8; numbers 1 byte per two significant digits plus 1; lists and maps
//! 3 bytes plus 1 byte per element plus their elements; booleans and nulls 1 byte.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;

pub fn item_size(item: &HashMap<String, AttributeValue>) -> usize {
    item.iter().map(|(k, v)| k.len() + value_size(v)).sum()
}

fn number_size(n: &str) -> usize {
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

pub fn value_size(v: &AttributeValue) -> usize {
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
}
