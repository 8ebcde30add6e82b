//! The key codec: page tokens, sort keys, time and duration arguments, the number checker.
//! Any input, never a panic; tokens round-trip; time bounds are ordered.
#![no_main]

use eventsctl::events::keys::{Access, PageToken, format_ts, split_sort_key};
use eventsctl::events::numbers::check_numbers;
use eventsctl::times::{parse_duration, parse_time_arg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(token) = PageToken::decode(&text) {
        assert_eq!(PageToken::decode(&token.encode()).unwrap(), token);
        let _ = token.start_key("u", &Access::Table);
    }
    let _ = split_sort_key(&text);
    let _ = check_numbers(&text);
    let _ = parse_duration(&text);
    if let Ok(t) = parse_time_arg(&text) {
        let now = chrono::Utc::now();
        let at = t.resolve(now);
        let (lo, hi) = Access::Type("t".into()).bounds(Some(at), Some(at));
        assert!(lo < hi, "{lo} < {hi}");
        let written = format!("t#{}", format_ts(at));
        assert!(lo <= written && written <= hi);
    }
});
