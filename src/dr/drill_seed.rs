//! The cutover drill's own data: known events seeded into the drill's source table, N of them
//! overwritten with garbage after the restore was taken, and the proof by content that each has
//! its seeded value in the restored table and the garbage only in the source.

use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{DateTime, Utc};
use serde_json::json;

use crate::aws::items;
use crate::events::model::{Defaults, EventInput};
use crate::events::writer::put_event;
use crate::vocab::item::Item;

/// The drill's events: this user and type, never a real event's.
pub(crate) const USER: &str = "eventsctl-drill";
pub(crate) const EVENT_TYPE: &str = "eventsctl.drill";

/// One seeded event: its key and the value written in its payload.
#[derive(Debug, Clone)]
pub(crate) struct Seeded {
    pub key: Item,
    pub value: String,
}

/// What one corrupted event holds in each table (`None`: missing, or not the drill's shape).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub(crate) struct Corrupted {
    pub event: String,
    pub seeded: String,
    pub garbage: String,
    pub in_restored: Option<String>,
    pub in_source: Option<String>,
}

impl Corrupted {
    /// The RPO by content: the restored table has the value from before the corruption, the
    /// source the garbage. Pure.
    pub(crate) fn holds(&self) -> bool {
        self.in_restored.as_deref() == Some(self.seeded.as_str())
            && self.in_source.as_deref() == Some(self.garbage.as_str())
    }
}

/// The value a drill event carries: `payload.value`. Pure.
pub(crate) fn value_of(item: &Item) -> Option<String> {
    match item.get("payload")? {
        AttributeValue::M(m) => m.get("value")?.as_s().ok().cloned(),
        _ => None,
    }
}

/// `user / timestamp#event_id`, the key in its schema's order. Pure.
fn event_name(key: &Item) -> String {
    [crate::spec::PARTITION_KEY, crate::spec::SORT_KEY]
        .iter()
        .filter_map(|k| key.get(*k)?.as_s().ok().cloned())
        .collect::<Vec<_>>()
        .join(" / ")
}

/// Writes `n` known events (conditional puts, the way the API writes them).
pub(crate) async fn seed(
    client: &aws_sdk_dynamodb::Client,
    table: &str,
    n: usize,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<Seeded>> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let value = format!("seed-{i:04}");
        let at = now - chrono::Duration::seconds((n - i) as i64);
        let event = EventInput {
            user_id: USER.into(),
            event_type: EVENT_TYPE.into(),
            ttl: Some(json!((now + chrono::Duration::days(1)).timestamp())),
            payload: Some(json!({"value": value})),
            ..EventInput::default()
        }
        .into_event(Defaults { now: Some(at) }, None)
        .map_err(|e| anyhow::anyhow!(e.0))?;
        put_event(client, table, &event).await?;
        out.push(Seeded {
            key: event.key(),
            value,
        });
    }
    Ok(out)
}

/// Overwrites the payload of each of `events` in `table` with garbage (only an item that is
/// there). The garbage written, in order.
pub(crate) async fn corrupt(
    client: &aws_sdk_dynamodb::Client,
    table: &str,
    events: &[Seeded],
    at: DateTime<Utc>,
) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::with_capacity(events.len());
    for (i, e) in events.iter().enumerate() {
        let garbage = format!("garbage-{i:04}-{}", at.timestamp_millis());
        let mut item = items::get(client, table, e.key.clone(), true)
            .await?
            .ok_or_else(|| anyhow::anyhow!("seeded event {} is gone", event_name(&e.key)))?;
        item.insert(
            "payload".into(),
            AttributeValue::M([("value".to_owned(), AttributeValue::S(garbage.clone()))].into()),
        );
        let names = [("#pk".to_owned(), crate::spec::PARTITION_KEY.to_owned())].into();
        if !items::put_if(client, table, item, "attribute_exists(#pk)", names).await? {
            anyhow::bail!(
                "seeded event {} vanished while corrupting it",
                event_name(&e.key)
            );
        }
        out.push(garbage);
    }
    Ok(out)
}

/// Reads each corrupted event in both tables (strongly consistent).
pub(crate) async fn prove(
    client: &aws_sdk_dynamodb::Client,
    source: &str,
    restored: &str,
    events: &[Seeded],
    garbage: &[String],
) -> anyhow::Result<Vec<Corrupted>> {
    let mut out = Vec::with_capacity(events.len());
    for (e, g) in events.iter().zip(garbage) {
        let r = items::get(client, restored, e.key.clone(), true).await?;
        let s = items::get(client, source, e.key.clone(), true).await?;
        out.push(Corrupted {
            event: event_name(&e.key),
            seeded: e.value.clone(),
            garbage: g.clone(),
            in_restored: r.as_ref().and_then(value_of),
            in_source: s.as_ref().and_then(value_of),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(restored: Option<&str>, source: Option<&str>) -> Corrupted {
        Corrupted {
            event: "e".into(),
            seeded: "seed-0001".into(),
            garbage: "garbage-0001-1".into(),
            in_restored: restored.map(str::to_owned),
            in_source: source.map(str::to_owned),
        }
    }

    #[test]
    fn the_proof_holds_only_with_the_seed_restored_and_the_garbage_in_the_source() {
        assert!(c(Some("seed-0001"), Some("garbage-0001-1")).holds());
        assert!(!c(Some("garbage-0001-1"), Some("garbage-0001-1")).holds());
        assert!(!c(Some("seed-0001"), Some("seed-0001")).holds());
        assert!(!c(None, Some("garbage-0001-1")).holds());
    }

    #[test]
    fn a_drill_value_is_read_from_the_payload() {
        let item: Item = [(
            "payload".to_owned(),
            AttributeValue::M([("value".to_owned(), AttributeValue::S("v".into()))].into()),
        )]
        .into();
        assert_eq!(value_of(&item).as_deref(), Some("v"));
        assert_eq!(value_of(&Item::new()), None);
    }
}
