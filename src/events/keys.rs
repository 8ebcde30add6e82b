//! Key encoding (design §4): fixed-width UTC timestamps, composite sort keys, page tokens.
//!
//! Written timestamps are `2025-11-11T12:00:00.000000Z`, so string order is time order. Other
//! writers of this table use `+00:00` offsets and no fraction; those are read, never written.

use crate::events::model::Item;

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

    /// The key condition's values fit a sort key: DynamoDB refuses a longer one, and a long
    /// `--type` or `--status` with a time bound can pass 1,024 bytes.
    pub(crate) fn check_bounds(
        &self,
        since: Option<DateTime<Utc>>,
        until: Option<DateTime<Utc>>,
    ) -> Result<(), String> {
        let (flag, value) = match self {
            Access::Table => return Ok(()),
            Access::Type(v) => ("--type", v),
            Access::Status(v) => ("--status", v),
        };
        let (lo, hi) = self.bounds(since, until);
        let longest = lo.len().max(hi.len());
        if longest > MAX_SORT_KEY_BYTES {
            return Err(format!(
                // plural-ok: said only over the key's limit
                "{flag} is {} bytes: the index sort key condition ({flag}#timestamp) would be {longest} bytes, over DynamoDB's {MAX_SORT_KEY_BYTES}, so no event matches it",
                value.len()
            ));
        }
        Ok(())
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

/// DynamoDB's key value limits, in UTF-8 bytes: a partition key value holds 1 to 2,048, a sort
/// key value 1 to 1,024, on the table and on every index
/// (<https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html#limits-partition-sort-keys>).
pub(crate) const MAX_PARTITION_KEY_BYTES: usize = 2048;
pub(crate) const MAX_SORT_KEY_BYTES: usize = 1024;
/// The shortest timestamp a stored sort key can begin with: another writer's
/// `2025-11-11T12:00:00Z` (this tool writes 27 bytes).
pub(crate) const SHORTEST_TIMESTAMP: usize = 20;

/// A user id given to look events up (`--user`): a key value DynamoDB takes, checked before any
/// call (an empty or oversized key is a ValidationException, not "not found").
pub(crate) fn check_user(flag: &str, user: &str) -> Result<(), String> {
    if user.is_empty() {
        return Err(format!(
            "{flag} is empty: DynamoDB keys are at least 1 byte; give the user id"
        ));
    }
    if user.len() > MAX_PARTITION_KEY_BYTES {
        return Err(format!(
            // plural-ok: said only over the key's limit
            "{flag} is {} bytes; a partition key holds at most {MAX_PARTITION_KEY_BYTES}, so no event has it",
            user.len()
        ));
    }
    Ok(())
}

/// An event id given to look an event up (`--event-id`): non-empty, and short enough that
/// `timestamp#event_id` fits a sort key with the shortest timestamp a writer uses.
pub(crate) fn check_event_id(flag: &str, id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err(format!("{flag} is empty; give the event id"));
    }
    let longest = MAX_SORT_KEY_BYTES - 1 - SHORTEST_TIMESTAMP;
    if id.len() > longest {
        return Err(format!(
            // plural-ok: said only over the key's limit
            "{flag} is {} bytes; the sort key timestamp#event_id holds at most {MAX_SORT_KEY_BYTES}, so an event id is at most {longest} and no event has this one",
            id.len()
        ));
    }
    Ok(())
}

/// A query's time bound as given on the command line and as resolved when its first page was
/// read: the next pages read the same window, whatever the clock says by then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Edge {
    /// How it was given: `ago:<milliseconds>`, `at:<timestamp>` or `now` ([`edge_form`]).
    pub g: String,
    /// What it resolved to, fixed-width UTC.
    pub t: String,
}

/// The query a page token continues: what its key condition and order depend on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct TokenQuery {
    /// The `--type` or `--status` value (the index name says which).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub a: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s: Option<Edge>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub u: Option<Edge>,
    /// Newest first.
    #[serde(default)]
    pub d: bool,
}

/// The canonical form of a time flag, compared when a token is resumed (`1h`, `60m` and
/// `1h ago` are one form).
pub(crate) fn edge_form(arg: crate::times::TimeArg) -> String {
    use crate::times::TimeArg;
    match arg {
        TimeArg::Ago(d) => format!("ago:{}", d.num_milliseconds()),
        TimeArg::Absolute(t) => format!("at:{}", format_ts(t)),
        TimeArg::Now => "now".to_owned(),
    }
}

/// A time flag's canonical form as a person writes it, for a refusal line.
fn edge_text(form: &str) -> String {
    match (form.strip_prefix("ago:"), form.strip_prefix("at:")) {
        (Some(ms), _) => ms.parse::<i64>().map_or(form.to_owned(), |ms| {
            format!(
                "{} ago",
                crate::times::human(chrono::Duration::milliseconds(ms))
            )
        }),
        (_, Some(at)) => at.to_owned(),
        _ => form.to_owned(),
    }
}

impl Edge {
    /// A bound given as `arg`, resolved to `at`.
    pub(crate) fn new(arg: crate::times::TimeArg, at: DateTime<Utc>) -> Edge {
        Edge {
            g: edge_form(arg),
            t: format_ts(at),
        }
    }
}

/// Where a query stopped: the key of the last item handed out, and the query it belongs to
/// (access path, time window as resolved on the first page, order), opaque to the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PageToken {
    /// Format version: 2 carries the query ([`TokenQuery`]).
    pub v: u8,
    /// Index name, or empty for the base table.
    pub i: String,
    /// Key attribute values (all strings in this schema).
    pub k: std::collections::BTreeMap<String, String>,
    pub q: TokenQuery,
}

/// A query continued from a page token: where to start and the window to read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resumed {
    pub start: Item,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

/// What the command line says of a query that is given a page token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct QueryFlags<'a> {
    pub user: &'a str,
    pub access: &'a Access,
    pub since: Option<crate::times::TimeArg>,
    pub until: Option<crate::times::TimeArg>,
    pub descending: bool,
}

const TOKEN_VERSION: u8 = 2;

impl PageToken {
    /// The token after `item`, for the query `query` on `access`.
    pub(crate) fn after(item: &Item, access: &Access, query: &TokenQuery) -> Option<PageToken> {
        let mut k = std::collections::BTreeMap::new();
        for name in [PARTITION_KEY, SORT_KEY, access.sort_key_name()] {
            let value = item.get(name)?.as_s().ok()?;
            k.insert(name.to_owned(), value.clone());
        }
        Some(PageToken {
            v: TOKEN_VERSION,
            i: access.index_name().unwrap_or_default().to_owned(),
            k,
            q: query.clone(),
        })
    }

    pub(crate) fn encode(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        URL_SAFE_NO_PAD.encode(json)
    }

    pub(crate) fn decode(text: &str) -> Result<PageToken, String> {
        let bad = || {
            "the page token is not one eventsctl printed (copy it whole from the previous page)"
                .to_owned()
        };
        let bytes = URL_SAFE_NO_PAD.decode(text.trim()).map_err(|_| bad())?;
        let version = serde_json::from_slice::<serde_json::Value>(&bytes)
            .ok()
            .and_then(|v| v.get("v").and_then(serde_json::Value::as_u64));
        match version {
            Some(v) if v == u64::from(TOKEN_VERSION) => {}
            Some(1) => {
                return Err("the page token was printed by an older eventsctl, which did not keep the query's time window; run the query again without --page-token".into());
            }
            _ => return Err(bad()),
        }
        serde_json::from_slice(&bytes).map_err(|_| bad())
    }

    /// Checks the token belongs to this query (same user, same index and value, same order, time
    /// flags the same as on the first page or left out) and returns where to start and the
    /// window of the first page: a relative `--since 1h` is not resolved again, or the start
    /// key would lie outside the key condition (DynamoDB refuses that: "The provided starting
    /// key does not match the range key predicate"; the emulator does not check it).
    pub(crate) fn resume(&self, flags: &QueryFlags<'_>) -> Result<Resumed, String> {
        let access = flags.access;
        let value = match access {
            Access::Table => None,
            Access::Type(v) | Access::Status(v) => Some(v),
        };
        if self.i != access.index_name().unwrap_or_default()
            || self.q.a.as_ref() != value
            || self.k.get(PARTITION_KEY).map(String::as_str) != Some(flags.user)
        {
            return Err(
                "the page token belongs to another query (other user, --type or --status)".into(),
            );
        }
        if self.q.d != flags.descending {
            return Err(if self.q.d {
                "the page token continues a newest-first query: add --desc (or start again without --page-token)".into()
            } else {
                "the page token continues an oldest-first query: drop --desc and --last (or start again without --page-token)".into()
            });
        }
        let since = resume_edge("--since", self.q.s.as_ref(), flags.since)?;
        let until = resume_edge("--until", self.q.u.as_ref(), flags.until)?;
        let start = self
            .k
            .iter()
            .map(|(k, v)| (k.clone(), AttributeValue::S(v.clone())))
            .collect();
        Ok(Resumed {
            start,
            since,
            until,
        })
    }
}

/// One time bound of a resumed query: the token's, as resolved on the first page. A flag given
/// again must be the same one (the same text resolves to another instant later: that is the
/// point); a different one contradicts the token.
fn resume_edge(
    flag: &str,
    token: Option<&Edge>,
    given: Option<crate::times::TimeArg>,
) -> Result<Option<DateTime<Utc>>, String> {
    let again = "a page token continues the query it was printed for; give the same flags, leave the time flags out, or start again without --page-token";
    match (token, given) {
        (None, None) => Ok(None),
        (None, Some(_)) => Err(format!(
            "{flag} was not given on the first page of this query ({again})"
        )),
        (Some(edge), given) => {
            if let Some(g) = given
                && edge_form(g) != edge.g
            {
                return Err(format!(
                    "{flag} {} differs from the first page's {flag} {} ({}) ({again})",
                    edge_text(&edge_form(g)),
                    edge_text(&edge.g),
                    edge.t
                ));
            }
            crate::times::parse_rfc3339(&edge.t).map(Some).map_err(|_| {
                "the page token is damaged (copy it whole from the previous page)".into()
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::collections::HashMap;

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

    fn flags<'a>(user: &'a str, access: &'a Access) -> QueryFlags<'a> {
        QueryFlags {
            user,
            access,
            since: None,
            until: None,
            descending: false,
        }
    }

    fn item() -> Item {
        let mut item = HashMap::new();
        item.insert(PARTITION_KEY.to_owned(), AttributeValue::S("u1".into()));
        item.insert(SORT_KEY.to_owned(), AttributeValue::S("2025#e".into()));
        item.insert(
            TYPE_SORT_KEY.to_owned(),
            AttributeValue::S("click#2025".into()),
        );
        item
    }

    #[test]
    fn page_tokens_round_trip_and_are_checked() {
        let access = Access::Type("click".into());
        let query = TokenQuery {
            a: Some("click".into()),
            ..TokenQuery::default()
        };
        let token = PageToken::after(&item(), &access, &query).unwrap();
        let decoded = PageToken::decode(&token.encode()).unwrap();
        assert_eq!(decoded, token);
        assert_eq!(
            decoded.resume(&flags("u1", &access)).unwrap().start.len(),
            3
        );
        assert!(decoded.resume(&flags("u2", &access)).is_err());
        assert!(decoded.resume(&flags("u1", &Access::Table)).is_err());
        let view = Access::Type("view".into());
        assert!(
            decoded.resume(&flags("u1", &view)).is_err(),
            "another --type"
        );
        let mut desc = flags("u1", &access);
        desc.descending = true;
        assert!(decoded.resume(&desc).unwrap_err().contains("drop --desc"));
        assert!(PageToken::decode("not-a-token").is_err());
        // A token of the format before the window was kept is refused, saying why.
        let v1 = URL_SAFE_NO_PAD.encode(br#"{"v":1,"i":"","k":{"user_id":"u1"}}"#);
        assert!(
            PageToken::decode(&v1)
                .unwrap_err()
                .contains("older eventsctl")
        );
    }

    /// The window of a query with a relative `--since 1h` is fixed when its first page is
    /// read: the next page reads that window, not one resolved again an hour-fraction later
    /// (whose lower bound would pass the token's start key: DynamoDB refuses such a query). A
    /// different time flag contradicts the token and is refused; a left-out one is the token's.
    #[test]
    fn a_page_token_keeps_the_window_of_its_first_page() {
        use crate::times::TimeArg;
        // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
        let first_page = Utc.with_ymd_and_hms(2025, 11, 11, 12, 0, 0).unwrap();
        let hour = TimeArg::Ago(chrono::Duration::hours(1));
        let since = hour.resolve(first_page);
        let query = TokenQuery {
            s: Some(Edge::new(hour, since)),
            d: true,
            ..TokenQuery::default()
        };
        let token = PageToken::after(&item(), &Access::Table, &query).unwrap();
        let token = PageToken::decode(&token.encode()).unwrap();
        let mut again = flags("u1", &Access::Table);
        again.descending = true;
        again.since = Some(TimeArg::Ago(chrono::Duration::minutes(60)));
        let resumed = token.resume(&again).unwrap();
        assert_eq!(resumed.since, Some(since), "the first page's window");
        assert_eq!(resumed.until, None);
        again.since = None;
        assert_eq!(token.resume(&again).unwrap().since, Some(since));
        again.since = Some(TimeArg::Ago(chrono::Duration::hours(2)));
        let err = token.resume(&again).unwrap_err();
        assert!(
            err.contains("--since 2h ago differs from the first page's --since 1h ago")
                && err.contains("2025-11-11T11:00:00.000000Z"),
            "{err}"
        );
        again.since = None;
        again.until = Some(TimeArg::Now);
        assert!(
            token
                .resume(&again)
                .unwrap_err()
                .contains("--until was not given")
        );
    }

    #[test]
    fn lookup_keys_are_checked_against_dynamodbs_limits() {
        assert!(check_user("--user", "").unwrap_err().contains("empty"));
        assert!(check_user("--user", &"u".repeat(2048)).is_ok());
        assert!(
            check_user("--user", &"é".repeat(1025))
                .unwrap_err()
                .contains("2050 bytes")
        );
        assert!(check_event_id("--event-id", "").is_err());
        assert!(check_event_id("--event-id", &"e".repeat(1003)).is_ok());
        assert!(check_event_id("--event-id", &"e".repeat(1004)).is_err());
        let long = Access::Type("t".repeat(1000));
        // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
        let t = Utc.with_ymd_and_hms(2025, 11, 11, 12, 0, 0).unwrap();
        assert!(long.check_bounds(None, None).is_ok());
        let err = long.check_bounds(Some(t), Some(t)).unwrap_err();
        assert!(err.contains("--type is 1000 bytes"), "{err}");
        assert!(Access::Table.check_bounds(Some(t), Some(t)).is_ok());
    }
}
