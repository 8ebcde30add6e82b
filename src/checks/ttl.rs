//! `check-ttl` (runbook Issue 2): is TTL configured, and does the data let it work?
//!
//! The runbook's "wait 48 hours" is typical, not a bound (facts 5.1), and expired items stay
//! visible until deleted (5.2); a `ttl` that is not a Number, is in milliseconds or is more than
//! five years in the past is never deleted at all (5.5). This module classifies each scanned
//! item (pure) and tallies the classes; memory holds the tallies and a few example keys.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::{AttributeValue, TimeToLiveDescription, TimeToLiveStatus};
use serde::Serialize;
use serde_json::json;

use crate::aws::AwsError;
use crate::report::{Finding, Status};
use crate::spec::{PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE, TTL_DAYS};

const EXAMPLES: usize = 5;
const FIVE_YEARS_S: i64 = 5 * 365 * 86_400;
/// A ttl this large is milliseconds (as seconds it would be past the year 5000).
const MILLIS_THRESHOLD: f64 = 100_000_000_000.0;
const RB: &str = "Issue 2: TTL Not Deleting Expired Events";

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Class {
    pub count: u64,
    pub examples: Vec<String>,
    /// Seconds since expiry (or since the event's timestamp) of the oldest item of the class.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oldest_age_s: Option<i64>,
}

impl Class {
    fn add(&mut self, key: &str, age: Option<i64>) {
        self.count += 1;
        if self.examples.len() < EXAMPLES {
            self.examples.push(key.to_owned());
        }
        if let Some(a) = age {
            self.oldest_age_s = Some(self.oldest_age_s.map_or(a, |o| o.max(a)));
        }
    }
}

/// Counts of every kind of item the scan saw.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct TtlTally {
    pub scanned: u64,
    pub missing: Class,
    pub not_number: Class,
    pub milliseconds: Class,
    pub too_old: Class,
    pub too_far: Class,
    /// Expired, within the grace period (DynamoDB's usual 48 h).
    pub expired_recent: Class,
    /// Expired longer than the grace period ago and still here.
    pub overdue: Class,
    /// Events whose own timestamp is more than 30 days old.
    pub older_than_30d: Class,
}

/// What the classifier decided about one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TtlClass {
    Missing,
    NotNumber,
    Milliseconds,
    TooOld,
    TooFar,
    Live,
    ExpiredRecent,
    Overdue,
}

/// `user / sort key` of an item, for examples.
pub fn key_text(item: &HashMap<String, AttributeValue>) -> String {
    let s = |k: &str| {
        item.get(k)
            .and_then(|v| v.as_s().ok())
            .cloned()
            .unwrap_or_else(|| "?".into())
    };
    format!("{} / {}", s(PARTITION_KEY), s(SORT_KEY))
}

/// The event's own time: the `timestamp` attribute, else the sort key's first part.
fn event_time(item: &HashMap<String, AttributeValue>) -> Option<i64> {
    let text = item
        .get("timestamp")
        .and_then(|v| v.as_s().ok())
        .cloned()
        .or_else(|| {
            item.get(SORT_KEY)
                .and_then(|v| v.as_s().ok())
                .and_then(|sk| sk.split_once('#').map(|(t, _)| t.to_owned()))
        })?;
    crate::times::parse_rfc3339(&text)
        .ok()
        .map(|t| t.timestamp())
}

/// Classifies one item's `ttl` at `now` (epoch seconds), with `grace` seconds for recent expiry.
pub fn classify(
    item: &HashMap<String, AttributeValue>,
    now: i64,
    grace: i64,
) -> (TtlClass, Option<i64>) {
    let Some(v) = item.get(TTL_ATTRIBUTE) else {
        return (TtlClass::Missing, None);
    };
    let Ok(n) = v.as_n() else {
        return (TtlClass::NotNumber, None);
    };
    let Ok(t) = n.parse::<f64>() else {
        return (TtlClass::NotNumber, None);
    };
    if t >= MILLIS_THRESHOLD {
        return (TtlClass::Milliseconds, None);
    }
    let t = t as i64;
    if t < now - FIVE_YEARS_S {
        return (TtlClass::TooOld, Some(now - t));
    }
    if t <= now {
        let age = now - t;
        return if age > grace {
            (TtlClass::Overdue, Some(age))
        } else {
            (TtlClass::ExpiredRecent, Some(age))
        };
    }
    if let Some(ts) = event_time(item)
        && t > ts + TTL_DAYS * 86_400 + 60
    {
        return (TtlClass::TooFar, Some(t - ts));
    }
    (TtlClass::Live, None)
}

impl TtlTally {
    pub fn add(
        &mut self,
        item: &HashMap<String, AttributeValue>,
        now: i64,
        grace: i64,
    ) -> TtlClass {
        self.scanned += 1;
        let key = key_text(item);
        let (class, age) = classify(item, now, grace);
        match class {
            TtlClass::Missing => self.missing.add(&key, age),
            TtlClass::NotNumber => self.not_number.add(&key, age),
            TtlClass::Milliseconds => self.milliseconds.add(&key, age),
            TtlClass::TooOld => self.too_old.add(&key, age),
            TtlClass::TooFar => self.too_far.add(&key, age),
            TtlClass::ExpiredRecent => self.expired_recent.add(&key, age),
            TtlClass::Overdue => self.overdue.add(&key, age),
            TtlClass::Live => {}
        }
        if let Some(ts) = event_time(item)
            && now - ts > TTL_DAYS * 86_400
        {
            self.older_than_30d.add(&key, Some(now - ts));
        }
        class
    }
}

/// The cleanup's outcome (`--cleanup`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Cleanup {
    pub dry_run: bool,
    /// Overdue items the scan found (candidates).
    pub candidates: u64,
    pub deleted: u64,
    /// The condition `#ttl < :cutoff` failed: the ttl changed since the scan; kept.
    pub kept_changed: u64,
    pub failed: u64,
    pub errors: Vec<String>,
}

#[derive(Debug)]
pub struct TtlFacts {
    pub description: Result<Option<TimeToLiveDescription>, AwsError>,
    pub tally: Result<TtlTally, AwsError>,
    /// `Some(n)`: a sample of about n items; `None`: the whole table.
    pub sample: Option<usize>,
    pub approx_items: Option<i64>,
    pub grace_s: i64,
    /// TimeToLiveDeletedItemCount over the last 24 h and 7 d.
    pub deleted: Result<(f64, f64), AwsError>,
    pub cleanup: Option<Cleanup>,
}

fn age_text(s: i64) -> String {
    crate::times::human(chrono::Duration::seconds(s))
}

fn class_finding(
    check: &str,
    class: &Class,
    status_if_any: Status,
    what: &str,
    remedy: &str,
) -> Finding {
    let evidence = json!(class);
    if class.count == 0 {
        Finding::ok(check, format!("no {what}")).evidence(evidence)
    } else {
        Finding::new(
            check,
            status_if_any,
            format!(
                "{} {what} (e.g. {})",
                class.count,
                class.examples.first().map(String::as_str).unwrap_or("-")
            ),
        )
        .evidence(evidence)
        .remedy(remedy)
    }
    .runbook(RB)
}

pub fn evaluate(facts: &TtlFacts) -> Vec<Finding> {
    let mut out = vec![status_finding(&facts.description)];
    let t = match &facts.tally {
        Ok(t) => t,
        Err(e) => {
            out.push(
                Finding::unknown("ttl.data", format!("could not scan the table: {e}")).runbook(RB),
            );
            out.push(deletions_finding(facts, None));
            return out;
        }
    };
    let scope = match facts.sample {
        Some(n) => format!(
            "a sample of {} items (asked {n}{})",
            t.scanned,
            facts
                .approx_items
                .map(|a| format!(", table ~{a}"))
                .unwrap_or_default()
        ),
        None => format!("all {} items", t.scanned),
    };
    out.push(
        Finding::ok("ttl.scope", format!("read {scope}"))
            .evidence(json!({"scanned": t.scanned, "sample": facts.sample})),
    );
    out.push(class_finding(
        "ttl.missing",
        &t.missing,
        Status::Warn,
        "items without a `ttl` (they never expire)",
        "set ttl = timestamp + 30 days (epoch seconds) on every write; backfill the old items",
    ));
    out.push(class_finding(
        "ttl.not_number",
        &t.not_number,
        Status::Warn,
        "items whose `ttl` is not a Number (DynamoDB ignores them)",
        "write ttl as a Number of epoch seconds, not a string",
    ));
    out.push(class_finding(
        "ttl.milliseconds",
        &t.milliseconds,
        Status::Warn,
        "items with `ttl` in milliseconds (never expire: seconds are expected)",
        "divide by 1000 when writing; rewrite the affected items",
    ));
    out.push(class_finding(
        "ttl.too_old",
        &t.too_old,
        Status::Warn,
        "items with `ttl` more than 5 years in the past (DynamoDB never deletes those)",
        "delete them yourself (check-ttl --cleanup does not: they are not 'overdue', they are ignored by TTL)",
    ));
    out.push(class_finding(
        "ttl.too_far",
        &t.too_far,
        Status::Warn,
        "items with `ttl` beyond their timestamp + 30 days",
        "ttl should be timestamp + 30 days; check the writer's ttl computation",
    ));
    let grace = age_text(facts.grace_s);
    out.push(
        Finding::ok(
            "ttl.expired_recent",
            format!("{} expired items within {grace} of expiry (DynamoDB deletes in the background, typically within 48 h)", t.expired_recent.count),
        )
        .evidence(json!(t.expired_recent))
        .runbook(RB),
    );
    out.push(if t.overdue.count == 0 {
        Finding::ok("ttl.overdue", format!("no items expired more than {grace} ago")).evidence(json!(t.overdue))
    } else {
        Finding::warn(
            "ttl.overdue",
            format!(
                "{} items expired more than {grace} ago and are still here (oldest {} past expiry)",
                t.overdue.count,
                t.overdue.oldest_age_s.map(age_text).unwrap_or_default()
            ),
        )
        .evidence(json!(t.overdue))
        .remedy("expired items are still returned by reads: filter `#ttl > :now`; if it persists contact AWS Support, or delete them: check-ttl --cleanup --yes (runbook Issue 2, resolution 4-5)")
    }
    .runbook(RB));
    out.push(
        if t.older_than_30d.count == 0 {
            Finding::ok(
                "ttl.old_events",
                "no events older than 30 days by their timestamp",
            )
        } else {
            Finding::new(
                "ttl.old_events",
                if t.overdue.count > 0 || t.missing.count > 0 {
                    Status::Warn
                } else {
                    Status::Ok
                },
                format!(
                    "{} events older than 30 days by their timestamp (oldest {})",
                    t.older_than_30d.count,
                    t.older_than_30d
                        .oldest_age_s
                        .map(age_text)
                        .unwrap_or_default()
                ),
            )
        }
        .evidence(json!(t.older_than_30d))
        .runbook("Monthly Health Check 2: sample events older than 30 days (should be 0)"),
    );
    out.push(deletions_finding(facts, Some(t)));
    if let Some(c) = &facts.cleanup {
        out.push(cleanup_finding(c));
    }
    out
}

fn status_finding(d: &Result<Option<TimeToLiveDescription>, AwsError>) -> Finding {
    let f = match d {
        Err(e) => Finding::unknown("ttl.status", format!("could not read TTL: {e}")),
        Ok(None) => Finding::crit("ttl.status", "the table does not exist"),
        Ok(Some(d)) => {
            let attr = d.attribute_name().unwrap_or("");
            let evidence = json!({"status": d.time_to_live_status().map(|s| s.as_str()), "attribute": d.attribute_name()});
            match d.time_to_live_status() {
                Some(TimeToLiveStatus::Enabled) if attr == TTL_ATTRIBUTE => {
                    Finding::ok("ttl.status", "ENABLED on `ttl`")
                }
                Some(TimeToLiveStatus::Enabled) => Finding::crit(
                    "ttl.status",
                    format!("ENABLED on `{attr}`, but events carry `ttl`: nothing expires"),
                )
                .remedy("point TTL at `ttl` (UpdateTimeToLive; one change per hour)"),
                Some(s @ (TimeToLiveStatus::Enabling | TimeToLiveStatus::Disabling)) => Finding::warn(
                    "ttl.status",
                    format!("{} on `{attr}` (changes take up to an hour)", s.as_str()),
                ),
                _ => Finding::crit("ttl.status", "DISABLED: nothing expires")
                    .remedy("aws dynamodb update-time-to-live --table-name <table> --time-to-live-specification Enabled=true,AttributeName=ttl"),
            }
            .evidence(evidence)
        }
    };
    f.runbook("Issue 2, resolution 1")
}

fn deletions_finding(facts: &TtlFacts, tally: Option<&TtlTally>) -> Finding {
    let f = match &facts.deleted {
        Err(e) => Finding::unknown(
            "ttl.deletions",
            format!("could not read TimeToLiveDeletedItemCount: {e}"),
        ),
        Ok((day, week)) => {
            let summary = format!("TTL deleted {day:.0} items in the last 24 h, {week:.0} in 7 d");
            let evidence = json!({"deleted_24h": day, "deleted_7d": week});
            let overdue = tally.map(|t| t.overdue.count).unwrap_or(0);
            if *week == 0.0 && overdue > 0 {
                Finding::warn("ttl.deletions", format!("{summary}, while {overdue} items are overdue: TTL deletes nothing"))
                    .remedy("check ttl.status and the ttl attribute's type and units; then contact AWS Support (runbook Issue 2, resolution 4)")
                    .evidence(evidence)
            } else {
                Finding::ok("ttl.deletions", summary).evidence(evidence)
            }
        }
    };
    f.runbook("Issue 2; Monthly Health Check 2")
}

fn cleanup_finding(c: &Cleanup) -> Finding {
    let evidence = json!(c);
    if c.dry_run {
        return Finding::ok(
            "ttl.cleanup",
            format!(
                "would delete {} overdue items (nothing deleted; add --yes)",
                c.candidates
            ),
        )
        .evidence(evidence)
        .runbook("Issue 2, resolution 5");
    }
    let summary = format!(
        "deleted {} of {} overdue items; {} kept because their ttl changed; {} failed",
        c.deleted, c.candidates, c.kept_changed, c.failed
    );
    if c.failed > 0 {
        Finding::warn("ttl.cleanup", summary)
            .remedy("run it again; deletes are conditional and safe to repeat")
    } else {
        Finding::ok("ttl.cleanup", summary)
    }
    .evidence(evidence)
    .runbook("Issue 2, resolution 5")
}

/// How `check-ttl` reads and, optionally, cleans.
#[derive(Debug, Clone)]
pub struct TtlOptions {
    /// `Some(n)`: a sample of about n items; `None`: the whole table.
    pub sample: Option<usize>,
    pub grace_s: i64,
    pub segments: i32,
    /// `Some`: delete overdue items (really only when `yes`), at most `rate` per second.
    pub cleanup: Option<(bool, f64)>,
}

/// DescribeTimeToLive, DescribeTable, TimeToLiveDeletedItemCount and the scan, concurrently;
/// with cleanup, overdue items are deleted page by page as the scan finds them.
pub async fn gather(
    ctx: &crate::context::Context,
    opts: &TtlOptions,
    progress: &indicatif::ProgressBar,
) -> Result<TtlFacts, crate::context::NoRegion> {
    use crate::aws::metrics::{MetricKey, Window, fetch};
    use crate::events::scan::{ScanSpec, start};
    let client = ctx.dynamodb_bulk().await?;
    let cw = ctx.cloudwatch().await?;
    let table = ctx.table().to_owned();
    let now = chrono::Utc::now();
    let description = crate::aws::table::describe_ttl(client, &table);
    let described = crate::aws::table::describe(client, &table);
    let deleted = async {
        let window = Window::last_at(chrono::Duration::days(7), now, 3600);
        let key = MetricKey::table("TimeToLiveDeletedItemCount", &table, "Sum");
        let set = fetch(cw, window, std::slice::from_ref(&key)).await?;
        let series = set.series(&key);
        let day_start = now - chrono::Duration::hours(24);
        let day: f64 = series
            .points
            .iter()
            .filter(|(t, _)| *t >= day_start)
            .map(|(_, v)| v)
            .sum::<f64>()
            + 0.0;
        Ok::<_, AwsError>((day, series.sum()))
    };
    let scan = async {
        let mut spec = ScanSpec::new(opts.segments);
        spec.per_segment_limit = opts.sample.map(|n| n.div_ceil(opts.segments as usize));
        spec.page_size = opts.sample.map(|n| n.clamp(1, 1000) as i32);
        // Every name aliased: AWS rejects an unaliased `ttl`/`timestamp` in a projection (facts
        // 11.1). The emulator accepts it, so no test here can prove the alias is needed.
        spec.projection = Some((
            "#pk, #sk, #ttl, #ts".to_owned(),
            HashMap::from([
                ("#pk".to_owned(), PARTITION_KEY.to_owned()),
                ("#sk".to_owned(), SORT_KEY.to_owned()),
                ("#ttl".to_owned(), TTL_ATTRIBUTE.to_owned()),
                ("#ts".to_owned(), "timestamp".to_owned()),
            ]),
        ));
        let mut rx = start(client.clone(), table.clone(), spec);
        let (now_s, grace) = (now.timestamp(), opts.grace_s);
        let mut tally = TtlTally::default();
        let mut cleanup = opts.cleanup.map(|(yes, _)| Cleanup {
            dry_run: !yes,
            ..Cleanup::default()
        });
        let limiter = opts
            .cleanup
            .map(|(_, rate)| crate::events::writer::RateLimiter::new(rate));
        while let Some(page) = rx.recv().await {
            let page = page?;
            let mut overdue = Vec::new();
            for item in &page.items {
                if opts.sample.is_some_and(|n| tally.scanned as usize >= n) {
                    break;
                }
                if tally.add(item, now_s, grace) == TtlClass::Overdue {
                    overdue.push(item);
                }
            }
            progress.inc(page.items.len() as u64);
            if let (Some(c), Some(limiter)) = (cleanup.as_mut(), limiter.as_ref()) {
                c.candidates += overdue.len() as u64;
                if !c.dry_run {
                    delete_overdue(client, &table, &overdue, now_s - grace, limiter, c).await;
                }
            }
        }
        Ok::<_, AwsError>((tally, cleanup))
    };
    let (description, described, deleted, scanned) =
        tokio::join!(description, described, deleted, scan);
    let (tally, cleanup) = match scanned {
        Ok((t, c)) => (Ok(t), c),
        Err(e) => (Err(e), None),
    };
    Ok(TtlFacts {
        description,
        tally,
        sample: opts.sample,
        approx_items: described.ok().flatten().and_then(|t| t.item_count()),
        grace_s: opts.grace_s,
        deleted,
        cleanup,
    })
}

async fn delete_overdue(
    client: &aws_sdk_dynamodb::Client,
    table: &str,
    items: &[&HashMap<String, AttributeValue>],
    cutoff: i64,
    limiter: &crate::events::writer::RateLimiter,
    c: &mut Cleanup,
) {
    use futures::StreamExt;
    let results: Vec<Result<bool, AwsError>> = futures::stream::iter(items.iter())
        .map(|item| async move {
            limiter.acquire(1).await;
            let key: HashMap<String, AttributeValue> = [PARTITION_KEY, SORT_KEY]
                .iter()
                .filter_map(|k| item.get(*k).map(|v| ((*k).to_owned(), v.clone())))
                .collect();
            crate::events::writer::delete_if_expired(client, table, key, cutoff).await
        })
        .buffer_unordered(8)
        .collect()
        .await;
    for r in results {
        match r {
            Ok(true) => c.deleted += 1,
            Ok(false) => c.kept_changed += 1,
            Err(e) => {
                c.failed += 1;
                if c.errors.len() < 5 {
                    c.errors.push(e.to_string());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(ttl: Option<AttributeValue>, ts: &str) -> HashMap<String, AttributeValue> {
        let mut m = HashMap::from([
            ("user_id".to_owned(), AttributeValue::S("u".into())),
            (
                "timestamp#event_id".to_owned(),
                AttributeValue::S(format!("{ts}#e")),
            ),
            ("timestamp".to_owned(), AttributeValue::S(ts.into())),
        ]);
        if let Some(t) = ttl {
            m.insert("ttl".into(), t);
        }
        m
    }

    #[test]
    fn every_kind_of_ttl_is_classified() {
        let now = 1_800_000_000i64; // 2027-01-15
        let grace = 48 * 3600;
        let ts = "2027-01-10T00:00:00Z";
        let ts_epoch = crate::times::parse_rfc3339(ts).unwrap().timestamp();
        let n = |v: i64| Some(AttributeValue::N(v.to_string()));
        let cases = [
            (item(None, ts), TtlClass::Missing),
            (
                item(Some(AttributeValue::S("1800000000".into())), ts),
                TtlClass::NotNumber,
            ),
            (item(n(now * 1000), ts), TtlClass::Milliseconds),
            (item(n(now - 6 * 365 * 86_400), ts), TtlClass::TooOld),
            (item(n(ts_epoch + 40 * 86_400), ts), TtlClass::TooFar),
            (item(n(ts_epoch + 30 * 86_400), ts), TtlClass::Live),
            (item(n(now - 3600), ts), TtlClass::ExpiredRecent),
            (item(n(now - 3 * 86_400), ts), TtlClass::Overdue),
        ];
        let mut tally = TtlTally::default();
        for (i, (it, want)) in cases.iter().enumerate() {
            assert_eq!(classify(it, now, grace).0, *want, "case {i}");
            tally.add(it, now, grace);
        }
        assert_eq!(tally.scanned, 8);
        assert_eq!(
            (
                tally.missing.count,
                tally.overdue.count,
                tally.too_far.count
            ),
            (1, 1, 1)
        );
        assert_eq!(tally.overdue.oldest_age_s, Some(3 * 86_400));
        // Older than 30 days by timestamp: none (ts is 5 days before now).
        assert_eq!(tally.older_than_30d.count, 0);
    }

    #[test]
    fn statuses_follow_the_tally() {
        let mut tally = TtlTally::default();
        let facts = |tally: TtlTally, week: f64| TtlFacts {
            description: Ok(Some(
                TimeToLiveDescription::builder()
                    .time_to_live_status(TimeToLiveStatus::Enabled)
                    .attribute_name("ttl")
                    .build(),
            )),
            tally: Ok(tally),
            sample: Some(10_000),
            approx_items: None,
            grace_s: 48 * 3600,
            deleted: Ok((0.0, week)),
            cleanup: None,
        };
        let worst = |f: &TtlFacts| Status::worst(evaluate(f).iter().map(|f| f.status));
        assert_eq!(worst(&facts(tally.clone(), 0.0)), Status::Ok);
        tally.expired_recent.add("k", Some(10));
        assert_eq!(worst(&facts(tally.clone(), 0.0)), Status::Ok);
        tally.overdue.add("k", Some(400_000));
        let f = facts(tally.clone(), 0.0);
        let findings = evaluate(&f);
        assert_eq!(
            findings
                .iter()
                .find(|x| x.check == "ttl.overdue")
                .unwrap()
                .status,
            Status::Warn
        );
        assert_eq!(
            findings
                .iter()
                .find(|x| x.check == "ttl.deletions")
                .unwrap()
                .status,
            Status::Warn
        );
        assert_eq!(
            evaluate(&facts(tally, 500.0))
                .iter()
                .find(|x| x.check == "ttl.deletions")
                .unwrap()
                .status,
            Status::Ok
        );
    }
}
