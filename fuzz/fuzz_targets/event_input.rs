//! The event parser and validator: any bytes, never a panic; whatever validates converts to an
//! item within DynamoDB's limits that reads back as the same event.
#![no_main]

use chrono::TimeZone;
use eventsctl::events::model::{Defaults, EventInput, item_to_json};
use eventsctl::events::size::item_size;
use eventsctl::spec::MAX_ITEM_BYTES;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok((input, value)) = EventInput::parse(text) else { return };
    let now = chrono::Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let Ok(event) = input.into_event(Defaults { now: Some(now) }, Some(&value)) else { return };
    let Ok(item) = event.to_checked_item() else { return };
    assert!(item_size(&item) <= MAX_ITEM_BYTES);
    let back = item_to_json(&item);
    assert_eq!(back["user_id"], serde_json::json!(event.user_id));
    assert_eq!(back["event_id"], serde_json::json!(event.event_id));
    assert_eq!(back["ttl"], serde_json::json!(event.ttl));
    // The fixed-width timestamp parses back to itself.
    let ts = eventsctl::times::parse_rfc3339(&event.timestamp).unwrap();
    assert_eq!(eventsctl::events::keys::format_ts(ts), event.timestamp);
    assert!(!event.event_type.contains('#') && !event.status.contains('#'));
});
