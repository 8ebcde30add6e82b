//! Exact key distribution from a PITR export (`hot-partitions --from-export`): events per user
//! and per day, the busiest keys and their share, and the sharding advice from real counts.
//! The tally is pure and merges across data files; `evaluate` turns it into findings.

use crate::events::view::ItemView;
use crate::report::CheckId;
use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::report::{Finding, Section};
use crate::spec::PARTITION_KEY;

const RB: &str = "Issue 4: Hot Partition (Throttling on Specific user_id)";
/// Keys listed.
pub(crate) const TOP: usize = 10;

/// Counts per user and per day (UTC, from the event's `timestamp`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct KeyTally {
    pub items: u64,
    pub per_user: HashMap<String, u64>,
    pub per_day: BTreeMap<String, u64>,
}

impl KeyTally {
    pub(crate) fn add(&mut self, item: &(impl ItemView + ?Sized)) {
        self.items += 1;
        let user = item.s(PARTITION_KEY).unwrap_or_default();
        // A user already counted costs no allocation.
        match self.per_user.get_mut(user) {
            Some(n) => *n += 1,
            None => {
                self.per_user.insert(user.to_owned(), 1);
            }
        }
        if let Some(day) = item
            .s("timestamp")
            .and_then(|t| crate::times::parse_rfc3339(t).ok())
        {
            *self
                .per_day
                .entry(day.format("%Y-%m-%d").to_string())
                .or_default() += 1;
        }
    }

    pub(crate) fn merge(&mut self, o: KeyTally) {
        self.items += o.items;
        for (k, v) in o.per_user {
            *self.per_user.entry(k).or_default() += v;
        }
        for (k, v) in o.per_day {
            *self.per_day.entry(k).or_default() += v;
        }
    }

    /// The `n` busiest users, most events first (ties by name).
    pub(crate) fn top(&self, n: usize) -> Vec<(String, u64)> {
        let mut v: Vec<(String, u64)> =
            self.per_user.iter().map(|(k, c)| (k.clone(), *c)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }
}

impl crate::report::Evidence for KeySummary {}

/// What the findings and the JSON carry (both engines give this shape).
#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub(crate) struct KeySummary {
    pub items: u64,
    pub users: u64,
    pub top: Vec<(String, u64)>,
    pub per_day: Vec<(String, u64)>,
    /// The busiest user's events per second, averaged over the days the export spans.
    pub busiest_avg_per_second: f64,
    pub shards: u32,
}

pub(crate) fn summarize(
    items: u64,
    users: u64,
    top: Vec<(String, u64)>,
    per_day: Vec<(String, u64)>,
) -> KeySummary {
    let days = per_day.len().max(1) as f64;
    let busiest = top.first().map(|t| t.1).unwrap_or(0) as f64;
    let rate = busiest / (days * 86_400.0);
    KeySummary {
        items,
        users,
        top,
        per_day,
        busiest_avg_per_second: rate,
        shards: crate::checks::hot::shard_count(rate),
    }
}

impl From<&KeyTally> for KeySummary {
    fn from(t: &KeyTally) -> KeySummary {
        summarize(
            t.items,
            t.per_user.len() as u64,
            t.top(TOP),
            t.per_day.iter().map(|(k, v)| (k.clone(), *v)).collect(),
        )
    }
}

/// The key-distribution verdict under `check`: `hot.export_keys` in hot-partitions,
/// `quarterly.export_keys` in the quarterly review.
pub fn evaluate(s: &KeySummary, check: CheckId) -> Vec<Finding> {
    let Some((user, n)) = s.top.first() else {
        return vec![Finding::ok(check, "the export holds no items").runbook(RB)];
    };
    let share = *n as f64 / s.items.max(1) as f64;
    let summary = format!(
        "{} over {}; the busiest user {user} holds {n} ({:.1}%), about {:.2} events/s on average over {}",
        crate::output::plural(s.items, "item", "items"),
        crate::output::plural(s.users, "user", "users"),
        share * 100.0,
        s.busiest_avg_per_second,
        crate::vocab::words::count(s.per_day.len(), "day", "days")
    );
    let f = if share > 0.5 && s.users > 1 {
        Finding::warn(check, format!("{summary}: one key dominates"))
            .remedy(format!(
                "shard that user's writes: user_id#N with N in 0..{} (a partition takes 1,000 writes/s; the average understates the peak)",
                s.shards
            ))
    } else {
        Finding::ok(check, summary)
    };
    vec![f.evidence(s).runbook(RB)]
}

pub(crate) fn sections(s: &KeySummary) -> Vec<Section> {
    let pct = |n: u64| format!("{:.1}%", n as f64 * 100.0 / s.items.max(1) as f64);
    vec![
        Section::table(
            "Busiest keys (exact, from the export)",
            &["USER", "EVENTS", "SHARE"],
            s.top
                .iter()
                .map(|(u, n)| vec![u.clone(), n.to_string(), pct(*n)])
                .collect(),
        ),
        Section::table(
            "Events per day (UTC)",
            &["DAY", "EVENTS"],
            s.per_day
                .iter()
                .map(|(d, n)| vec![d.clone(), n.to_string()])
                .collect(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::model::Item;
    use aws_sdk_dynamodb::types::AttributeValue;

    fn item(user: &str, ts: &str) -> Item {
        HashMap::from([
            (PARTITION_KEY.to_owned(), AttributeValue::S(user.into())),
            ("timestamp".to_owned(), AttributeValue::S(ts.into())),
        ])
    }

    #[test]
    fn counts_merge_and_the_busiest_key_is_judged() {
        let mut a = KeyTally::default();
        let mut b = KeyTally::default();
        for i in 0..8 {
            a.add(&item("big", &format!("2000-11-0{}T10:00:00Z", 1 + i % 2)));
        }
        // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
        b.add(&item("small", "2000-11-02T23:59:59+00:00"));
        b.add(&item("tiny", "not a time"));
        a.merge(b);
        assert_eq!(a.items, 10);
        assert_eq!(a.top(2), vec![("big".into(), 8), ("small".into(), 1)]);
        assert_eq!(a.per_day.get("2000-11-02"), Some(&5));
        let s = KeySummary::from(&a);
        assert_eq!((s.users, s.per_day.len()), (3, 2));
        let f = evaluate(&s, CheckId::HotExportKeys);
        assert_eq!(f[0].status, crate::report::Status::Warn);
        let even = summarize(10, 5, vec![("u".into(), 2)], vec![]);
        assert_eq!(
            evaluate(&even, CheckId::HotExportKeys)[0].status,
            crate::report::Status::Ok
        );
        assert_eq!(
            evaluate(&summarize(0, 0, vec![], vec![]), CheckId::HotExportKeys)[0].status,
            crate::report::Status::Ok
        );
    }
}
