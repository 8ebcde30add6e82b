//! Athena's answer to the TTL classification query (`scale::athena::ttl_sql`) as the tally the
//! TTL checks judge: scale runs the query and returns rows, this turns rows into [`TtlTally`].

use std::collections::HashMap;

use super::ttl::{Class, TtlTally};
use crate::scale::athena::{AthenaError, num};

/// The rows of `scale::athena::ttl_sql` as a tally (examples are a user id, the smallest of the class).
pub(crate) fn ttl_tally(rows: &[Vec<Option<String>>]) -> Result<TtlTally, AthenaError> {
    let mut t = TtlTally::default();
    let mut classes: HashMap<String, Class> = HashMap::new();
    for row in rows {
        let bad = || AthenaError::BadRow(format!("{row:?}"));
        let name = row.first().cloned().flatten().ok_or_else(bad)?;
        let count = num(row.get(1).ok_or_else(bad)?).ok_or_else(bad)? as u64;
        if name != "older_than_30d" {
            t.scanned += count;
        }
        if count == 0 {
            continue;
        }
        classes.insert(
            name,
            Class {
                count,
                examples: row.get(3).cloned().flatten().into_iter().collect(),
                oldest_age_s: row.get(2).and_then(num).map(|a| a as i64),
            },
        );
    }
    let mut take = |n: &str| classes.remove(n).unwrap_or_default();
    t.missing = take("missing");
    t.not_number = take("not_number");
    t.milliseconds = take("milliseconds");
    t.too_old = take("too_old");
    t.too_far = take("too_far");
    t.expired_recent = take("expired_recent");
    t.overdue = take("overdue");
    t.older_than_30d = take("older_than_30d");
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_become_a_tally() {
        let s = |v: &str| Some(v.to_owned());
        let rows = vec![
            vec![s("live"), s("5"), None, s("u1")],
            vec![s("overdue"), s("2"), s("864000.0"), s("u2")],
            vec![s("missing"), s("1"), None, s("u3")],
            vec![s("older_than_30d"), s("3"), s("3456000"), s("u2")],
        ];
        let t = ttl_tally(&rows).unwrap();
        assert_eq!(t.scanned, 8);
        assert_eq!(t.overdue.count, 2);
        assert_eq!(t.overdue.oldest_age_s, Some(864_000));
        assert_eq!(t.missing.examples, vec!["u3".to_owned()]);
        assert_eq!(t.older_than_30d.count, 3);
        assert!(ttl_tally(&[vec![s("x"), s("not a number")]]).is_err());
    }
}
