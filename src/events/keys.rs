//! Key encoding (design §4): fixed-width UTC timestamps, composite sort keys, page tokens.
//!
//! Written timestamps are `2025-11-11T12:00:00.000000Z`, so string order is time order. Other
//! writers of this table use `+00:00` offsets and no fraction; those are read, never written.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use crate::spec::{PARTITION_KEY, SORT_KEY, STATUS_SORT_KEY, TYPE_SORT_KEY};

/// The largest Unicode scalar: appended to an upper bound it sorts after every real suffix.
const MAX_CHAR: char = '\u{10FFFF}';

/// `2025-11-11T12:00:00.000000Z`.
pub(crate) fn format_ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// `{timestamp}#{event_id}`.
pub(crate) fn sort_key(ts: &str, event_id: &str) -> String {
    format!("{ts}#{event_id}")
}

/// `{event_type}#{timestamp}` and `{status}#{timestamp}`.
pub(crate) fn index_key(prefix: &str, ts: &str) -> String {
    format!("{prefix}#{ts}")
}

/// Which key a query walks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Access {
    /// The base table, sort key `timestamp#event_id`.
    Table,
    /// `EventTypeIndex`, sort key prefix `{event_type}#`.
    Type(String),
    /// `StatusIndex`, sort key prefix `{status}#`.
    Status(String),
}

impl Access {
    pub(crate) fn index_name(&self) -> Option<&'static str> {
        match self {
            Access::Table => None,
            Access::Type(_) => Some(crate::spec::EVENT_TYPE_INDEX),
            Access::Status(_) => Some(crate::spec::STATUS_INDEX),
        }
    }

    pub(crate) fn sort_key_name(&self) -> &'static str {
        match self {
            Access::Table => SORT_KEY,
            Access::Type(_) => TYPE_SORT_KEY,
            Access::Status(_) => STATUS_SORT_KEY,
        }
    }

    fn prefix(&self) -> String {
        match self {
            Access::Table => String::new(),
            Access::Type(t) | Access::Status(t) => format!("{t}#"),
        }
    }

    /// The key condition for `[since, until]` and its `:lo` / `:hi` values. The base table's
    /// sort key has no prefix, and DynamoDB rejects an empty bound, so open ends are left out.
    pub(crate) fn key_condition(
        &self,
        since: Option<DateTime<Utc>>,
        until: Option<DateTime<Utc>>,
    ) -> (&'static str, Vec<(&'static str, String)>) {
        let (lo, hi) = self.bounds(since, until);
        match (self, since, until) {
            (Access::Table, None, None) => ("#pk = :u", vec![]),
            (Access::Table, Some(_), None) => ("#pk = :u AND #sk >= :lo", vec![(":lo", lo)]),
            (Access::Table, None, Some(_)) => ("#pk = :u AND #sk <= :hi", vec![(":hi", hi)]),
            _ => (
                "#pk = :u AND #sk BETWEEN :lo AND :hi",
                vec![(":lo", lo), (":hi", hi)],
            ),
        }
    }

    /// Inclusive sort-key bounds for `[since, until]`.
    ///
    /// The lower bound of a whole second is `YYYY-MM-DDTHH:MM:SS`, a prefix of both the written
    /// format and of other writers' `+00:00` form, so neither is cut off at the boundary.
    pub(crate) fn bounds(
        &self,
        since: Option<DateTime<Utc>>,
        until: Option<DateTime<Utc>>,
    ) -> (String, String) {
        let prefix = self.prefix();
        let lo = match since {
            None => prefix.clone(),
            Some(t) if t.timestamp_subsec_micros() == 0 => {
                format!("{prefix}{}", t.format("%Y-%m-%dT%H:%M:%S"))
            }
            Some(t) => format!("{prefix}{}", format_ts(t)),
        };
        let hi = match until {
            None => format!("{prefix}{MAX_CHAR}"),
            Some(t) => format!("{prefix}{}{MAX_CHAR}", format_ts(t)),
        };
        (lo, hi)
    }
}

/// Where a query stopped: the key of the last item handed out, opaque to the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PageToken {
    /// Format version.
    pub v: u8,
    /// Index name, or empty for the base table.
    pub i: String,
    /// Key attribute values (all strings in this schema).
    pub k: std::collections::BTreeMap<String, String>,
}

impl PageToken {
    /// The token after `item`, for a query on `access`.
    pub(crate) fn after(
        item: &HashMap<String, AttributeValue>,
        access: &Access,
    ) -> Option<PageToken> {
        let mut k = std::collections::BTreeMap::new();
        for name in [PARTITION_KEY, SORT_KEY, access.sort_key_name()] {
            let value = item.get(name)?.as_s().ok()?;
            k.insert(name.to_owned(), value.clone());
        }
        Some(PageToken {
            v: 1,
            i: access.index_name().unwrap_or_default().to_owned(),
            k,
        })
    }

    pub(crate) fn encode(&self) -> String {
        let json = serde_json::to_vec(self).expect("a token serializes");
        URL_SAFE_NO_PAD.encode(json)
    }

    pub(crate) fn decode(text: &str) -> Result<PageToken, String> {
        let bad = || {
            "the page token is not one eventsctl printed (copy it whole from the previous page)"
                .to_owned()
        };
        let bytes = URL_SAFE_NO_PAD.decode(text.trim()).map_err(|_| bad())?;
        let token: PageToken = serde_json::from_slice(&bytes).map_err(|_| bad())?;
        if token.v != 1 {
            return Err(bad());
        }
        Ok(token)
    }

    /// Checks the token belongs to this query (same user, same index) and returns the
    /// ExclusiveStartKey.
    pub(crate) fn start_key(
        &self,
        user: &str,
        access: &Access,
    ) -> Result<HashMap<String, AttributeValue>, String> {
        if self.i != access.index_name().unwrap_or_default()
            || self.k.get(PARTITION_KEY).map(String::as_str) != Some(user)
        {
            return Err(
                "the page token belongs to another query (other user, --type or --status)".into(),
            );
        }
        Ok(self
            .k
            .iter()
            .map(|(k, v)| (k.clone(), AttributeValue::S(v.clone())))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn timestamps_are_fixed_width_and_ordered() {
        let a = Utc.with_ymd_and_hms(2025, 11, 11, 12, 0, 0).unwrap();
        // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
        assert_eq!(format_ts(a), "2025-11-11T12:00:00.000000Z");
        let b = a + chrono::Duration::microseconds(1);
        assert!(format_ts(a) < format_ts(b));
        assert_eq!(format_ts(a).len(), format_ts(b).len());
    }

    #[test]
    fn bounds_include_other_writers_format() {
        let since = Utc.with_ymd_and_hms(2025, 11, 11, 12, 0, 0).unwrap();
        let (lo, hi) = Access::Table.bounds(Some(since), Some(since));
        // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
        let other = "2025-11-11T12:00:00+00:00#e1";
        let ours = "2025-11-11T12:00:00.000000Z#e2";
        let later = "2025-11-11T12:00:00.500000Z#e3";
        assert!(lo.as_str() <= other && other <= hi.as_str());
        assert!(lo.as_str() <= ours && ours <= hi.as_str());
        assert!(later > hi.as_str());
        let (lo, hi) = Access::Type("click".into()).bounds(None, None);
        assert!(lo.as_str() < "click#2025" && "click#2025" < hi.as_str());
        assert!("clicks#2025" > hi.as_str() || "clicks#2025" < lo.as_str());
    }

    #[test]
    fn page_tokens_round_trip_and_are_checked() {
        let mut item = HashMap::new();
        item.insert(PARTITION_KEY.to_owned(), AttributeValue::S("u1".into()));
        item.insert(SORT_KEY.to_owned(), AttributeValue::S("2025#e".into()));
        item.insert(
            TYPE_SORT_KEY.to_owned(),
            AttributeValue::S("click#2025".into()),
        );
        let access = Access::Type("click".into());
        let token = PageToken::after(&item, &access).unwrap();
        let decoded = PageToken::decode(&token.encode()).unwrap();
        assert_eq!(decoded, token);
        assert_eq!(decoded.start_key("u1", &access).unwrap().len(), 3);
        assert!(decoded.start_key("u2", &access).is_err());
        assert!(decoded.start_key("u1", &Access::Table).is_err());
        assert!(PageToken::decode("not-a-token").is_err());
    }
}
