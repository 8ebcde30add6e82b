//! How far one resource pattern of a statement reaches, seen from the events table: only the
//! table and its indexes or stream, further (other tables, Regions, accounts, every resource),
//! or elsewhere (not the table at all).

use serde::Serialize;

use super::needs::TableTarget;
use super::pattern::{has_wildcard, resource_matches};

/// The reach of one pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "reach", content = "covers")]
pub enum Reach {
    /// The table, its indexes or its stream, and nothing else.
    Table,
    /// The table and more: what else, in words.
    Wider(String),
    /// Not the table.
    Elsewhere,
}

/// The ARNs that stand for the table's own resources.
pub fn probes(table: &TableTarget) -> [String; 3] {
    [
        table.arn.clone(),
        table.index("eventsctl-probe-index"),
        table.stream("eventsctl-probe-stream"),
    ]
}

/// The reach of a `Resource` pattern.
pub fn reach(pattern: &str, table: &TableTarget) -> Reach {
    if pattern.trim() == "*" {
        return Reach::Wider("every resource of every service".into());
    }
    if !probes(table).iter().any(|p| resource_matches(pattern, p)) {
        return Reach::Elsewhere;
    }
    let parts: Vec<&str> = pattern.splitn(6, ':').collect();
    let mut wider = Vec::new();
    if parts.get(1).is_some_and(|p| has_wildcard(p)) {
        wider.push("every partition");
    }
    if parts.get(3).is_some_and(|p| has_wildcard(p)) {
        wider.push("every Region");
    }
    if parts.get(4).is_some_and(|p| has_wildcard(p)) {
        wider.push("every account");
    }
    let resource = parts.get(5).copied().unwrap_or_default();
    let own = format!("table/{}", table.name());
    let cut = resource
        .find(['*', '?'])
        .into_iter()
        .chain(resource.find("${"))
        .min()
        .unwrap_or(resource.len());
    let literal = &resource[..cut];
    let below = format!("{own}/");
    let own_only = (literal == resource && literal == own) || literal.starts_with(&below);
    if own_only && wider.is_empty() {
        return Reach::Table;
    }
    let tables = if own_only {
        format!("the table {}", table.name())
    } else if resource == "table/*" || !literal.starts_with("table/") {
        "every table".to_owned()
    } else {
        format!("every table named {resource}")
    };
    Reach::Wider(if wider.is_empty() {
        format!("{tables} of the account and Region")
    } else {
        format!("{tables} in {}", wider.join(", "))
    })
}

/// The reach of a `NotResource` list: everything but the patterns.
pub fn reach_not(patterns: &[String], table: &TableTarget) -> Reach {
    let table_excluded = patterns.iter().any(|p| resource_matches(p, &table.arn));
    if table_excluded {
        Reach::Elsewhere
    } else {
        Reach::Wider(format!("every resource except {}", patterns.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_reach_the_table_alone_or_further() {
        let t = TableTarget::new("arn:aws:dynamodb:us-east-1:123456789012:table/events").unwrap();
        let base = "arn:aws:dynamodb:us-east-1:123456789012";
        let cases: Vec<(String, Reach)> = vec![
            (format!("{base}:table/events"), Reach::Table),
            (format!("{base}:table/events/index/*"), Reach::Table),
            (format!("{base}:table/events/stream/*"), Reach::Table),
            (format!("{base}:table/other"), Reach::Elsewhere),
            (format!("{base}:table/events-archive"), Reach::Elsewhere),
            ("arn:aws:s3:::bucket/*".into(), Reach::Elsewhere),
            (
                "*".into(),
                Reach::Wider("every resource of every service".into()),
            ),
            (
                format!("{base}:table/*"),
                Reach::Wider("every table of the account and Region".into()),
            ),
            (
                "arn:aws:dynamodb:*:*:table/*".into(),
                Reach::Wider("every table in every Region, every account".into()),
            ),
            (
                "arn:aws:dynamodb:*:123456789012:table/events".into(),
                Reach::Wider("the table events in every Region".into()),
            ),
            (
                format!("{base}:table/events*"),
                Reach::Wider("every table named table/events* of the account and Region".into()),
            ),
            (
                format!("{base}:table/${{aws:username}}"),
                Reach::Wider(
                    "every table named table/${aws:username} of the account and Region".into(),
                ),
            ),
        ];
        for (pattern, want) in cases {
            assert_eq!(reach(&pattern, &t), want, "{pattern}");
        }
    }

    #[test]
    fn not_resource_reaches_everything_it_does_not_name() {
        let t = TableTarget::new("arn:aws:dynamodb:us-east-1:1:table/events").unwrap();
        assert_eq!(
            reach_not(&["arn:aws:dynamodb:us-east-1:1:table/events".into()], &t),
            Reach::Elsewhere
        );
        assert!(matches!(
            reach_not(&["arn:aws:s3:::b".into()], &t),
            Reach::Wider(w) if w.contains("every resource except arn:aws:s3:::b")
        ));
    }
}
