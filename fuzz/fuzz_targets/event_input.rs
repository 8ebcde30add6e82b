//! The event parser and validator: any bytes, never a panic; whatever validates converts to an
//! item within DynamoDB's limits that reads back as the same event. The import's path (one parse,
//! the size counted without the item, the spool record) agrees with it.
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
    let defaults = Defaults { now: Some(now) };
    let once = EventInput::from_line(text).and_then(|i| i.into_event(defaults, None));
    let Ok(event) = input.into_event(defaults, Some(&value)) else {
        assert!(once.is_err());
        return;
    };
    assert_eq!(once.as_ref(), Ok(&event));
    assert_eq!(event.item_size(), item_size(&event.to_item()));
    let mut record = Vec::new();
    eventsctl::events::record::encode(&event, &mut record);
    assert_eq!(eventsctl::events::record::decode_item(&record).unwrap(), event.to_item());
    assert_eq!(eventsctl::events::record::decode_event(&record).unwrap(), event);
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
