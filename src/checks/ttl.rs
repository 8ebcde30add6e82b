//! `check-ttl` (runbook Issue 2): is TTL configured, and does the data let it work?
//!
//! The runbook's "wait 48 hours" is typical, not a bound (docs/aws-facts.md §5.1), and expired items stay
//! visible until deleted (5.2); a `ttl` that is not a Number, is in milliseconds or is more than
//! five years in the past is never deleted at all (5.5). This module classifies each scanned
//! item (pure) and tallies the classes; memory holds the tallies and a few example keys.

use crate::aws::metrics::Stat;
use crate::events::model::Item;
use crate::report::CheckId;
use std::collections::HashMap;

use aws_sdk_dynamodb::types::{TimeToLiveDescription, TimeToLiveStatus};
use serde::{Deserialize, Serialize};

use crate::aws::AwsError;
use crate::events::model::TTL_MILLIS_THRESHOLD;
use crate::events::query::UNEXPIRED_FILTER;
use crate::events::view::{Attr, ItemView};
use crate::report::{Finding, Status};
use crate::scale::estimate::ScanEstimate;
use crate::scale::fullscan::Stopped;
use crate::scale::sample::SampleCost;
use crate::scale::stats::{Cluster, Mean, Proportion, mean, proportion};
use crate::spec::{PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE, TTL_DAYS};
use crate::vocab::words::{count, plural, whole};

const EXAMPLES: usize = 5;
const FIVE_YEARS_S: i64 = crate::spec::TTL_IGNORED_AGE_S;
/// A ttl this large is milliseconds ([`TTL_MILLIS_THRESHOLD`], written once in the events core).
pub(crate) const MILLIS_THRESHOLD: f64 = TTL_MILLIS_THRESHOLD as f64;
const RB: &str = "Issue 2: TTL Not Deleting Expired Events";

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
pub(crate) struct Class {
    pub count: u64,
    pub examples: Vec<String>,
    /// Seconds since expiry (or since the event's timestamp) of the oldest item of the class.
    pub oldest_age_s: Option<i64>,
}

impl Class {
    fn add(&mut self, key: impl FnOnce() -> String, age: Option<i64>) {
        self.count += 1;
        if self.examples.len() < EXAMPLES {
            self.examples.push(key());
        }
        if let Some(a) = age {
            self.oldest_age_s = Some(self.oldest_age_s.map_or(a, |o| o.max(a)));
        }
    }

    fn merge(&mut self, other: &Class) {
        self.count += other.count;
        let room = EXAMPLES.saturating_sub(self.examples.len());
        self.examples
            .extend(other.examples.iter().take(room).cloned());
        self.oldest_age_s = match (self.oldest_age_s, other.oldest_age_s) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }
}

/// Counts of every kind of item the scan saw.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
pub(crate) struct TtlTally {
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

impl crate::report::Evidence for Class {}
impl crate::report::Evidence for Cleanup {}
impl crate::report::Evidence for FullScope {}
impl crate::report::Evidence for ExportScope {}

crate::evidence! {
    /// `ttl.missing`, `ttl.overdue`, ...: the class, and what it means for the table when the
    /// items are a sample (`share`, absent otherwise).
    struct ClassEvidence<'a> {
        #[serde(flatten)]
        class: &'a Class,
        #[serde(skip_serializing_if = "Option::is_none")]
        share: Option<&'a Proportion>,
    }
    /// `ttl.scope` of a sample.
    struct SampleScope<'a> {
        scanned: u64,
        sample: &'a usize,
        cost: &'a SampleCost,
    }
    /// `ttl.data`: nothing was read.
    struct NothingRead { scanned: u64 }
    /// `ttl.status`
    struct TtlSetting<'a> {
        status: Option<&'a str>,
        attribute: Option<&'a str>,
    }
    /// `ttl.deletions`: TimeToLiveDeletedItemCount.
    struct Deletions { deleted_24h: f64, deleted_7d: f64 }
}

/// What the classifier decided about one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TtlClass {
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
pub(crate) fn key_text(item: &(impl ItemView + ?Sized)) -> String {
    let s = |k: &str| item.s(k).unwrap_or("?").to_owned();
    format!("{} / {}", s(PARTITION_KEY), s(SORT_KEY))
}

/// The event's own time: the `timestamp` attribute, else the sort key's first part.
pub(crate) fn event_time(item: &(impl ItemView + ?Sized)) -> Option<i64> {
    let text = item.s("timestamp").or_else(|| {
        item.s(SORT_KEY)
            .and_then(|sk| sk.split_once('#').map(|(t, _)| t))
    })?;
    crate::times::parse_rfc3339(text)
        .ok()
        .map(|t| t.timestamp())
}

/// Classifies one item's `ttl` at `now` (epoch seconds), with `grace` seconds for recent expiry.
pub(crate) fn classify(
    item: &(impl ItemView + ?Sized),
    now: i64,
    grace: i64,
) -> (TtlClass, Option<i64>) {
    let Some(v) = item.attr(TTL_ATTRIBUTE) else {
        return (TtlClass::Missing, None);
    };
    let Attr::N(n) = v else {
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
    pub(crate) fn add(
        &mut self,
        item: &(impl ItemView + ?Sized),
        now: i64,
        grace: i64,
    ) -> TtlClass {
        self.scanned += 1;
        // The key's text is made only for a class that still keeps examples.
        let key = || key_text(item);
        let (class, age) = classify(item, now, grace);
        match class {
            TtlClass::Missing => self.missing.add(key, age),
            TtlClass::NotNumber => self.not_number.add(key, age),
            TtlClass::Milliseconds => self.milliseconds.add(key, age),
            TtlClass::TooOld => self.too_old.add(key, age),
            TtlClass::TooFar => self.too_far.add(key, age),
            TtlClass::ExpiredRecent => self.expired_recent.add(key, age),
            TtlClass::Overdue => self.overdue.add(key, age),
            TtlClass::Live => {}
        }
        if let Some(ts) = event_time(item)
            && now - ts > TTL_DAYS * 86_400
        {
            self.older_than_30d.add(key, Some(now - ts));
        }
        class
    }

    /// Adds another tally (a data file read in parallel, a page of a sample).
    pub(crate) fn merge(&mut self, o: &TtlTally) {
        self.scanned += o.scanned;
        for (mine, theirs) in self.classes_mut().into_iter().zip(o.classes()) {
            mine.merge(theirs);
        }
    }

    /// Every class, in report order, with its name in the tally.
    pub(crate) fn classes(&self) -> [&Class; 8] {
        [
            &self.missing,
            &self.not_number,
            &self.milliseconds,
            &self.too_old,
            &self.too_far,
            &self.expired_recent,
            &self.overdue,
            &self.older_than_30d,
        ]
    }

    fn classes_mut(&mut self) -> [&mut Class; 8] {
        [
            &mut self.missing,
            &mut self.not_number,
            &mut self.milliseconds,
            &mut self.too_old,
            &mut self.too_far,
            &mut self.expired_recent,
            &mut self.overdue,
            &mut self.older_than_30d,
        ]
    }
}

impl crate::scale::fullscan::StateTally for TtlTally {
    /// A state file's tally counts every item read once, each in at most one class (and the
    /// old events among them), with at most [`EXAMPLES`] examples a class.
    fn inconsistency(&self, items: u64) -> Option<String> {
        if self.scanned != items {
            return Some(format!(
                "its tally counts {}, but {items} were read",
                plural(self.scanned, "item", "items")
            ));
        }
        let classes = self.classes();
        // Every class but the last (old events) is exclusive: an item is in one at most.
        let in_classes = classes[..7]
            .iter()
            .fold(0u64, |sum, c| sum.saturating_add(c.count));
        if in_classes > self.scanned {
            return Some(format!(
                "its classes hold {}, more than the {} read",
                plural(in_classes, "item", "items"),
                self.scanned
            ));
        }
        CLASS_NAMES.iter().zip(classes).find_map(|(name, c)| {
            if c.count > self.scanned {
                Some(format!(
                    "its class {name} holds {}, more than the {} read",
                    plural(c.count, "item", "items"),
                    self.scanned
                ))
            } else if c.examples.len() as u64 > c.count.min(EXAMPLES as u64) {
                Some(format!(
                    "its class {name} has {} for {}",
                    count(c.examples.len(), "example", "examples"),
                    plural(c.count, "item", "items")
                ))
            } else {
                None
            }
        })
    }
}

/// Names of the classes, in [`TtlTally::classes`] order.
pub(crate) const CLASS_NAMES: [&str; 8] = [
    "missing",
    "not_number",
    "milliseconds",
    "too_old",
    "too_far",
    "expired_recent",
    "overdue",
    "older_than_30d",
];

/// The cleanup's outcome (`--cleanup`); the deleting is the command's (an action), not the
/// check's.
#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
pub(crate) struct Cleanup {
    pub dry_run: bool,
    /// Overdue items the scan found (candidates).
    pub candidates: u64,
    pub deleted: u64,
    /// The condition `#ttl < :cutoff` failed: the ttl changed since the scan; kept.
    pub kept_changed: u64,
    pub failed: u64,
    pub errors: Vec<String>,
}

/// One sampled page, reduced to what the intervals need.
#[derive(Debug, Clone, Default)]
struct PageCounts {
    items: u64,
    /// Per class, in [`CLASS_NAMES`] order.
    hits: [u64; 8],
    bytes: f64,
    users: u64,
}

/// The pages of a sample, kept apart for the intervals (`scale::stats`).
#[derive(Debug, Clone, Default)]
pub(crate) struct SampleClusters {
    pages: Vec<PageCounts>,
    /// Every distinct user of the sample: when the sample is the whole table, events per user
    /// is exact (a user whose events span two pages counts once). Bounded by the sample size.
    users: std::collections::HashSet<String>,
}

impl SampleClusters {
    /// Classifies a page into `tally` and remembers its counts.
    pub(crate) fn add_page(&mut self, items: &[Item], now: i64, grace: i64, tally: &mut TtlTally) {
        let mut page = TtlTally::default();
        let mut users = std::collections::HashSet::new();
        let mut bytes = 0usize;
        for item in items {
            page.add(item, now, grace);
            bytes += crate::events::size::item_size(item);
            if let Some(u) = item.get(PARTITION_KEY).and_then(|v| v.as_s().ok()) {
                users.insert(u.clone());
                if !self.users.contains(u) {
                    self.users.insert(u.clone());
                }
            }
        }
        let c = page.classes();
        self.pages.push(PageCounts {
            items: items.len() as u64,
            hits: std::array::from_fn(|i| c[i].count),
            bytes: bytes as f64,
            users: users.len() as u64,
        });
        tally.merge(&page);
    }

    /// What the sample says about the table: 95% intervals, or with `whole_table` (every
    /// segment read to its end) the exact shares, with no interval.
    pub(crate) fn shares(&self, whole_table: bool) -> SampleShares {
        if whole_table {
            return self.exact_shares();
        }
        let class = |i: usize| -> Vec<Cluster> {
            self.pages
                .iter()
                .map(|p| Cluster {
                    items: p.items,
                    hits: p.hits[i],
                })
                .collect()
        };
        let sum_of = |idx: &[usize]| -> Vec<Cluster> {
            self.pages
                .iter()
                .map(|p| Cluster {
                    items: p.items,
                    hits: idx.iter().map(|i| p.hits[*i]).sum(),
                })
                .collect()
        };
        SampleShares {
            classes: CLASS_NAMES
                .iter()
                .enumerate()
                .map(|(i, n)| ((*n).to_owned(), proportion(&class(i))))
                .collect(),
            expired_not_deleted: proportion(&sum_of(&[5, 6])),
            ttl_missing_or_malformed: proportion(&sum_of(&[0, 1, 2, 3])),
            item_bytes: mean(
                &self
                    .pages
                    .iter()
                    .map(|p| (p.items, p.bytes))
                    .collect::<Vec<_>>(),
            ),
            // Events per user: items over distinct users, page by page (a user rarely spans
            // two sampled pages: each page is the start of a different segment).
            events_per_user: mean(
                &self
                    .pages
                    .iter()
                    .map(|p| (p.users, p.items as f64))
                    .collect::<Vec<_>>(),
            ),
            whole_table: false,
        }
    }
}

impl SampleClusters {
    /// The sample is the table: each share counted, not estimated.
    fn exact_shares(&self) -> SampleShares {
        let items: u64 = self.pages.iter().map(|p| p.items).sum();
        let hits = |idx: &[usize]| -> u64 {
            self.pages
                .iter()
                .map(|p| idx.iter().map(|i| p.hits[*i]).sum::<u64>())
                .sum()
        };
        let bytes: f64 = self.pages.iter().map(|p| p.bytes).sum();
        SampleShares {
            classes: CLASS_NAMES
                .iter()
                .enumerate()
                .map(|(i, n)| ((*n).to_owned(), Proportion::exact(hits(&[i]), items)))
                .collect(),
            expired_not_deleted: Proportion::exact(hits(&[5, 6]), items),
            ttl_missing_or_malformed: Proportion::exact(hits(&[0, 1, 2, 3]), items),
            item_bytes: Mean::exact(bytes, items),
            events_per_user: Mean::exact(items as f64, self.users.len() as u64),
            whole_table: true,
        }
    }
}

/// What a sample says about the whole table, each with a 95 % interval (or exact, when the
/// sample read the whole table).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct SampleShares {
    pub classes: std::collections::BTreeMap<String, Proportion>,
    pub expired_not_deleted: Proportion,
    pub ttl_missing_or_malformed: Proportion,
    pub item_bytes: Mean,
    pub events_per_user: Mean,
    /// Every item of the table was read: the shares are exact.
    pub whole_table: bool,
}

/// A full scan's course: what it was expected to cost and what it did.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct FullScope {
    pub estimate: ScanEstimate,
    pub read_units: f64,
    pub read_units_this_run: f64,
    pub pages: u64,
    pub total_segments: i32,
    pub segments_done: i32,
    pub stopped: Option<Stopped>,
    /// Segments that failed after retries: (segment, error).
    pub failed: Vec<(i32, String)>,
    /// The state file, kept when the scan did not finish (`--resume FILE`).
    pub state_file: Option<String>,
    pub resumed: bool,
    pub save_error: Option<String>,
}

/// An export's identity, when the answer came from one.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct ExportScope {
    pub export_arn: String,
    pub export_time: String,
    pub engine: String,
    /// The manifest's item count (what the engine should have read).
    pub manifest_items: Option<u64>,
    /// Athena: bytes the query scanned.
    pub bytes_scanned: Option<i64>,
    /// Athena: the price said before the query (the export's gzip data files, at least 10 MB,
    /// at the per-TB price) and the price of what it scanned (at least 10 MB too).
    pub athena_estimate_usd: Option<f64>,
    pub athena_usd: Option<f64>,
    /// Athena: where its results went (null: the workgroup's own location).
    pub athena_output: Option<String>,
    /// What was read against the manifest, file by file (`scale::export_check`).
    pub manifest: Option<crate::scale::export_check::ManifestCheck>,
}

/// What was read to build the tally.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scope {
    Sample {
        asked: usize,
        cost: SampleCost,
        #[serde(skip)]
        shares: Option<SampleShares>,
    },
    Full(FullScope),
    Export(ExportScope),
}

#[derive(Debug)]
pub(crate) struct TtlFacts {
    pub description: Result<Option<TimeToLiveDescription>, AwsError>,
    /// The classes of the items read; an error says why nothing could be read.
    pub tally: Result<TtlTally, String>,
    pub scope: Scope,
    pub approx_items: Option<i64>,
    pub grace_s: i64,
    /// TimeToLiveDeletedItemCount over the last 24 h and 7 d.
    pub deleted: Result<(f64, f64), AwsError>,
    pub cleanup: Option<Cleanup>,
}

impl TtlFacts {
    fn shares(&self) -> Option<&SampleShares> {
        match &self.scope {
            Scope::Sample { shares, .. } => shares.as_ref(),
            _ => None,
        }
    }
}

fn age_text(s: i64) -> String {
    crate::times::human(chrono::Duration::seconds(s))
}

fn class_finding(
    check: CheckId,
    class: &Class,
    share: Option<&Proportion>,
    status_if_any: Status,
    what: &str,
    remedy: &str,
) -> Finding {
    let evidence = ClassEvidence { class, share };
    // A sample's count says little alone: say what it means for the table, with the interval.
    let of_table = share
        .map(|p| format!("; {}", p.of_table()))
        .unwrap_or_default();
    if class.count == 0 {
        Finding::ok(check, format!("no {what}{of_table}")).evidence(evidence)
    } else {
        Finding::new(
            check,
            status_if_any,
            format!(
                "{} {} (e.g. {}){of_table}",
                class.count,
                if class.count == 1 {
                    singular(what)
                } else {
                    what.to_owned()
                },
                class.examples.first().map(String::as_str).unwrap_or("-")
            ),
        )
        .evidence(evidence)
        .remedy(remedy)
    }
    .runbook(RB)
}

/// A class's description for one item: "items whose `ttl`... (DynamoDB ignores them)" becomes
/// "item whose `ttl`... (DynamoDB ignores it)" (issue 23's review, defect 6: "1 items whose...").
fn singular(what: &str) -> String {
    let one = what
        .strip_prefix("items ")
        .map_or_else(|| what.to_owned(), |r| format!("item {r}"));
    one.replace("(they never expire)", "(it never expires)")
        .replace("ignores them)", "ignores it)")
        .replace("(never expire:", "(never expires:")
        .replace("never deletes those)", "never deletes it)")
        .replace("beyond their timestamp", "beyond its timestamp")
}

/// A segment count as the `u64` [`plural`] takes (DynamoDB's are 1..=1,000,000).
fn segments(n: i32) -> u64 {
    u64::try_from(n).unwrap_or_default()
}

fn scope_finding(facts: &TtlFacts, t: &TtlTally) -> Finding {
    match &facts.scope {
        Scope::Sample { asked, cost, .. } => {
            let summary = if cost.whole_table {
                format!(
                    "read the whole table: all {} (every one of its {} to the end, {}, {:.1} read units); the counts and shares are exact, not estimates",
                    plural(t.scanned, "item", "items"),
                    plural(segments(cost.total_segments), "segment", "segments"),
                    plural(cost.pages, "page", "pages"),
                    cost.read_units
                )
            } else {
                format!(
                    "read a sample of {} (asked {asked}{}) from {} of {}, {}, {:.1} read units; shares carry 95% intervals",
                    plural(t.scanned, "item", "items"),
                    facts
                        .approx_items
                        .map(|a| format!(", table ~{a}"))
                        .unwrap_or_default(),
                    cost.segments_read,
                    plural(segments(cost.total_segments), "segment", "segments"),
                    plural(cost.pages, "page", "pages"),
                    cost.read_units
                )
            };
            Finding::ok(CheckId::TtlScope, summary).evidence(SampleScope {
                scanned: t.scanned,
                sample: asked,
                cost,
            })
        }
        Scope::Full(f) => full_scope_finding(f, t),
        Scope::Export(x) => export_scope_finding(x, t),
    }
}

/// `ttl.scope` of a full scan: all read, or partial (a budget, an interrupt, failed segments).
fn full_scope_finding(f: &FullScope, t: &TtlTally) -> Finding {
    let evidence = f;
    let resume = f
        .state_file
        .as_deref()
        .map(|p| format!("; continue with --resume {p}"))
        .unwrap_or_default();
    let partial = |why: String| {
        Finding::unknown(
            CheckId::TtlScope,
            format!(
                "partial: {why}; read {} ({} of {}, {}); the counts below are what was seen{resume}",
                plural(t.scanned, "item", "items"),
                f.segments_done,
                plural(segments(f.total_segments), "segment", "segments"),
                whole(f.read_units, "read unit", "read units")
            ),
        )
        .remedy("run it again with --resume to read the rest; nothing is read twice")
        .evidence(evidence)
    };
    match (f.stopped, f.failed.is_empty()) {
        (Some(Stopped::Budget), _) => partial(format!(
            "stopped at the read budget (--max-read-units) after {}",
            whole(f.read_units_this_run, "read unit", "read units")
        )),
        (Some(Stopped::Interrupted), _) => partial("interrupted".into()),
        (None, false) => partial(format!(
            "{} failed after retries (first: segment {} {})",
            count(f.failed.len(), "segment", "segments"),
            f.failed[0].0,
            f.failed[0].1
        )),
        (None, true) => Finding::ok(
            CheckId::TtlScope,
            format!(
                "read all {} ({}, {}{})",
                plural(t.scanned, "item", "items"),
                plural(segments(f.total_segments), "segment", "segments"),
                whole(f.read_units, "read unit", "read units"),
                if f.resumed { ", resumed" } else { "" }
            ),
        )
        .evidence(evidence),
    }
}

/// `ttl.scope` of an export: what was read against its manifest.
fn export_scope_finding(x: &ExportScope, t: &TtlTally) -> Finding {
    let evidence = x;
    let cost = match (x.athena_estimate_usd, x.athena_usd) {
        (Some(e), Some(a)) => format!("; Athena ~${e:.4} estimated, ${a:.4} scanned"),
        (Some(e), None) => format!("; Athena ~${e:.4} estimated"),
        _ => String::new(),
    };
    let summary = format!(
        "read all {} of the export taken at {} ({} engine; the table itself was not read{cost})",
        plural(t.scanned, "item", "items"),
        x.export_time,
        x.engine
    );
    let problem = match (&x.manifest, x.manifest_items) {
        (Some(c), _) => c.problem.clone(),
        (None, Some(m)) if m != t.scanned => {
            Some(format!("its manifest lists {}", plural(m, "item", "items")))
        }
        _ => None,
    };
    match problem {
        Some(p) => Finding::unknown(CheckId::TtlScope, format!("{summary}, but {p}"))
            .remedy("read the export again, or take a new one; a data file may be missing, truncated or replaced")
            .evidence(evidence),
        None => Finding::ok(CheckId::TtlScope, summary).evidence(evidence),
    }
}

pub fn evaluate(facts: &TtlFacts) -> Vec<Finding> {
    let mut out = vec![status_finding(&facts.description)];
    let t = match &facts.tally {
        Ok(t) => t,
        Err(e) => {
            out.push(
                Finding::unknown(CheckId::TtlData, format!("could not read the items: {e}"))
                    .runbook(RB),
            );
            out.push(deletions_finding(facts, None));
            return out;
        }
    };
    out.push(scope_finding(facts, t));
    // No item read, no item judged: "no items without a ttl" out of zero items rests on nothing.
    if t.scanned == 0 {
        out.push(
            Finding::unknown(
                CheckId::TtlData,
                "read 0 items (the table or the part sampled is empty): no item's ttl to judge",
            )
            .evidence(NothingRead { scanned: 0 })
            .runbook(RB),
        );
        out.push(deletions_finding(facts, Some(t)));
        return out;
    }
    out.extend(malformed_findings(facts, t));
    out.extend(expiry_findings(facts, t));
    out.push(deletions_finding(facts, Some(t)));
    if let Some(c) = &facts.cleanup {
        out.push(cleanup_finding(c));
    }
    out
}

/// The classes TTL never deletes, or deletes too late: missing, not a Number, milliseconds,
/// too old, too far.
fn malformed_findings(facts: &TtlFacts, t: &TtlTally) -> Vec<Finding> {
    let share = |name: &str| facts.shares().and_then(|s| s.classes.get(name));
    let specs = [
        (
            CheckId::TtlMissing,
            &t.missing,
            "missing",
            "items without a `ttl` (they never expire)",
            "set ttl = timestamp + 30 days (epoch seconds) on every write; backfill the old items",
        ),
        (
            CheckId::TtlNotNumber,
            &t.not_number,
            "not_number",
            "items whose `ttl` is not a Number (DynamoDB ignores them)",
            "write ttl as a Number of epoch seconds, not a string",
        ),
        (
            CheckId::TtlMilliseconds,
            &t.milliseconds,
            "milliseconds",
            "items with `ttl` in milliseconds (never expire: seconds are expected)",
            "divide by 1000 when writing; rewrite the affected items",
        ),
        (
            CheckId::TtlTooOld,
            &t.too_old,
            "too_old",
            "items with `ttl` more than 5 years in the past (DynamoDB never deletes those)",
            "delete them yourself (check-ttl --cleanup does not: they are not 'overdue', they are ignored by TTL)",
        ),
        (
            CheckId::TtlTooFar,
            &t.too_far,
            "too_far",
            "items with `ttl` beyond their timestamp + 30 days",
            "ttl should be timestamp + 30 days; check the writer's ttl computation",
        ),
    ];
    specs
        .into_iter()
        .map(|(check, class, name, what, remedy)| {
            class_finding(check, class, share(name), Status::Warn, what, remedy)
        })
        .collect()
}

/// What expired and is not deleted yet (recently, or overdue), and events older than 30 days.
fn expiry_findings(facts: &TtlFacts, t: &TtlTally) -> Vec<Finding> {
    let share = |name: &str| facts.shares().and_then(|s| s.classes.get(name));
    let mut out = Vec::new();
    let grace = age_text(facts.grace_s);
    let of_table = |name: &str| {
        share(name)
            .map(|p| format!("; {}", p.of_table()))
            .unwrap_or_default()
    };
    out.push(
        Finding::ok(
            CheckId::TtlExpiredRecent,
            format!("{} expired items within {grace} of expiry (DynamoDB deletes in the background, typically within 48 h){}", t.expired_recent.count, of_table("expired_recent")),
        )
        .evidence(&t.expired_recent)
        .runbook(RB),
    );
    out.push(if t.overdue.count == 0 {
        Finding::ok(CheckId::TtlOverdue, format!("no items expired more than {grace} ago{}", of_table("overdue"))).evidence(&t.overdue)
    } else {
        Finding::warn(
            CheckId::TtlOverdue,
            format!(
                "{} expired more than {grace} ago and {} still here (oldest {} past expiry){}",
                plural(t.overdue.count, "item", "items"),
                if t.overdue.count == 1 { "is" } else { "are" },
                t.overdue.oldest_age_s.map(age_text).unwrap_or_default(),
                of_table("overdue")
            ),
        )
        .evidence(&t.overdue)
        .remedy(format!("expired items are still returned by reads: filter with `{UNEXPIRED_FILTER}` (`:n` the string `N`, `:oldest` now minus five years: a String ttl, or a Number more than five years past, never expires, and `#ttl > :now` alone would hide them); if it persists contact AWS Support, or delete them: check-ttl --cleanup --yes (runbook Issue 2, resolution 4-5)"))
    }
    .runbook(RB));
    out.push(
        if t.older_than_30d.count == 0 {
            Finding::ok(
                CheckId::TtlOldEvents,
                format!(
                    "no events older than 30 days by their timestamp{}",
                    of_table("older_than_30d")
                ),
            )
        } else {
            Finding::new(
                CheckId::TtlOldEvents,
                if t.overdue.count > 0 || t.missing.count > 0 {
                    Status::Warn
                } else {
                    Status::Ok
                },
                format!(
                    "{} older than 30 days by their timestamp (oldest {}){}",
                    crate::output::plural(t.older_than_30d.count, "event", "events"),
                    t.older_than_30d
                        .oldest_age_s
                        .map(age_text)
                        .unwrap_or_default(),
                    of_table("older_than_30d")
                ),
            )
        }
        .evidence(&t.older_than_30d)
        .runbook("Monthly Health Check 2: sample events older than 30 days (should be 0)"),
    );
    out
}

/// Is TTL on, on the attribute events carry? (`check-ttl --cleanup --yes` refuses otherwise.)
pub(crate) fn ttl_enabled(d: &Result<Option<TimeToLiveDescription>, AwsError>) -> bool {
    matches!(d, Ok(Some(d)) if d.time_to_live_status() == Some(&TimeToLiveStatus::Enabled)
        && d.attribute_name() == Some(TTL_ATTRIBUTE))
}

fn status_finding(d: &Result<Option<TimeToLiveDescription>, AwsError>) -> Finding {
    let f = match d {
        Err(e) => Finding::unknown(CheckId::TtlStatus, format!("could not read TTL: {e}")),
        Ok(None) => Finding::crit(CheckId::TtlStatus, "the table does not exist"),
        Ok(Some(d)) => {
            let attr = d.attribute_name().unwrap_or("");
            let evidence = TtlSetting {
                status: d.time_to_live_status().map(|s| s.as_str()),
                attribute: d.attribute_name(),
            };
            match d.time_to_live_status() {
                Some(TimeToLiveStatus::Enabled) if attr == TTL_ATTRIBUTE => {
                    Finding::ok(CheckId::TtlStatus, "ENABLED on `ttl`")
                }
                Some(TimeToLiveStatus::Enabled) => Finding::crit(
                    CheckId::TtlStatus,
                    format!("ENABLED on `{attr}`, but events carry `ttl`: nothing expires"),
                )
                .remedy("point TTL at `ttl` (UpdateTimeToLive; one change per hour)"),
                Some(s @ (TimeToLiveStatus::Enabling | TimeToLiveStatus::Disabling)) => {
                    Finding::warn(
                        CheckId::TtlStatus,
                        format!("{} on `{attr}` (changes take up to an hour)", s.as_str()),
                    )
                }
                _ => {
                    Finding::crit(CheckId::TtlStatus, "DISABLED: nothing expires").remedy(format!(
                        "turn it back on: `{}` {}",
                        crate::spec::TABLE_FIX,
                        crate::spec::TABLE_FIX_HOW
                    ))
                }
            }
            .evidence(evidence)
        }
    };
    f.runbook("Issue 2, resolution 1")
}

fn deletions_finding(facts: &TtlFacts, tally: Option<&TtlTally>) -> Finding {
    let f = match &facts.deleted {
        Err(e) => Finding::unknown(
            CheckId::TtlDeletions,
            format!("could not read TimeToLiveDeletedItemCount: {e}"),
        ),
        Ok((day, week)) => {
            let summary = format!(
                "TTL deleted {} in the last 24 h, {week:.0} in 7 d",
                whole(*day, "item", "items")
            );
            let evidence = Deletions {
                deleted_24h: *day,
                deleted_7d: *week,
            };
            let overdue = tally.map(|t| t.overdue.count).unwrap_or(0);
            if *week == 0.0 && overdue > 0 {
                Finding::warn(CheckId::TtlDeletions, format!("{summary}, while {} overdue: TTL deletes nothing", plural(overdue, "item is", "items are")))
                    .remedy("check ttl.status and the ttl attribute's type and units; then contact AWS Support (runbook Issue 2, resolution 4)")
                    .evidence(evidence)
            } else {
                Finding::ok(CheckId::TtlDeletions, summary).evidence(evidence)
            }
        }
    };
    f.runbook("Issue 2; Monthly Health Check 2")
}

fn cleanup_finding(c: &Cleanup) -> Finding {
    let evidence = c;
    if c.dry_run {
        return Finding::ok(
            CheckId::TtlCleanup,
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
        Finding::warn(CheckId::TtlCleanup, summary)
            .remedy("run it again; deletes are conditional and safe to repeat")
    } else {
        Finding::ok(CheckId::TtlCleanup, summary)
    }
    .evidence(evidence)
    .runbook("Issue 2, resolution 5")
}

/// What the check reads besides the items: the TTL setting, the table's size, TTL's own count.
#[derive(Debug)]
pub(crate) struct TtlMeta {
    pub description: Result<Option<TimeToLiveDescription>, AwsError>,
    /// DescribeTable's ItemCount and TableSizeBytes (refreshed about every six hours).
    pub approx_items: Option<i64>,
    pub bytes: Option<i64>,
    pub table_exists: bool,
    /// DescribeTable's CreationDateTime (epoch seconds): no scan of the table began before it.
    pub created: Option<i64>,
    pub deleted: Result<(f64, f64), AwsError>,
}

impl TtlMeta {
    pub(crate) fn into_facts(
        self,
        tally: Result<TtlTally, String>,
        scope: Scope,
        grace_s: i64,
        cleanup: Option<Cleanup>,
    ) -> TtlFacts {
        TtlFacts {
            description: self.description,
            tally,
            scope,
            approx_items: self.approx_items,
            grace_s,
            deleted: self.deleted,
            cleanup,
        }
    }
}

/// DescribeTimeToLive, DescribeTable and TimeToLiveDeletedItemCount, concurrently.
pub(crate) async fn gather_meta(
    client: &aws_sdk_dynamodb::Client,
    cw: &aws_sdk_cloudwatch::Client,
    table: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> TtlMeta {
    use crate::aws::metrics::{MetricKey, Window, fetch};
    let description = crate::aws::table::describe_ttl(client, table);
    let described = crate::aws::table::describe(client, table);
    let deleted = async {
        let window = Window::last_at(chrono::Duration::days(7), now, 3600);
        let key = MetricKey::table("TimeToLiveDeletedItemCount", table, Stat::Sum);
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
    let (description, described, deleted) = tokio::join!(description, described, deleted);
    let described = described.ok().flatten();
    TtlMeta {
        description,
        approx_items: described.as_ref().and_then(|t| t.item_count()),
        bytes: described.as_ref().and_then(|t| t.table_size_bytes()),
        table_exists: described.is_some(),
        created: described
            .as_ref()
            .and_then(|t| t.creation_date_time())
            .map(|t| t.secs()),
        deleted,
    }
}

/// The attributes the classifier reads, every name aliased: AWS rejects an unaliased
/// `ttl`/`timestamp` in a projection (reserved words). The emulator accepts it, so no test here
/// can prove the alias is needed.
pub(crate) fn projection() -> (String, HashMap<String, String>) {
    (
        "#pk, #sk, #ttl, #ts".to_owned(),
        HashMap::from([
            ("#pk".to_owned(), PARTITION_KEY.to_owned()),
            ("#sk".to_owned(), SORT_KEY.to_owned()),
            ("#ttl".to_owned(), TTL_ATTRIBUTE.to_owned()),
            ("#ts".to_owned(), "timestamp".to_owned()),
        ]),
    )
}

/// A sample of about `want` items spanning the key space (whole items: their size is one of
/// the shares), classified page by page.
pub(crate) async fn read_sample(
    client: &aws_sdk_dynamodb::Client,
    table: &str,
    approx_items: Option<i64>,
    want: usize,
    now: i64,
    grace: i64,
) -> Result<(TtlTally, SampleCost, SampleShares), AwsError> {
    let plan = crate::scale::sample::plan(approx_items.unwrap_or(0), want, &mut rand::rng());
    let mut tally = TtlTally::default();
    let mut clusters = SampleClusters::default();
    let cost = crate::scale::sample::run(client, table, &plan, 8, None, |items| {
        clusters.add_page(items, now, grace, &mut tally)
    })
    .await?;
    let shares = clusters.shares(cost.whole_table);
    Ok((tally, cost, shares))
}

/// The facts of a sample read after `meta` (what `check-ttl` and `health-check monthly` use).
pub(crate) async fn sample_facts(
    meta: TtlMeta,
    client: &aws_sdk_dynamodb::Client,
    table: &str,
    want: usize,
    now: i64,
    grace_s: i64,
) -> TtlFacts {
    let read = read_sample(client, table, meta.approx_items, want, now, grace_s).await;
    let (tally, cost, shares) = match read {
        Ok((t, c, s)) => (Ok(t), c, Some(s)),
        Err(e) => (Err(e.to_string()), SampleCost::default(), None),
    };
    let scope = Scope::Sample {
        asked: want,
        cost,
        shares,
    };
    meta.into_facts(tally, scope, grace_s, None)
}

/// `check-ttl` on a sample, as `health-check monthly` runs it: `client` describes, `bulk` (a
/// client with more SDK attempts) reads the sample.
pub(crate) async fn gather_sample(
    client: &aws_sdk_dynamodb::Client,
    bulk: &aws_sdk_dynamodb::Client,
    cw: &aws_sdk_cloudwatch::Client,
    table: &str,
    want: usize,
    grace_s: i64,
) -> TtlFacts {
    let now = chrono::Utc::now();
    let meta = gather_meta(client, cw, table, now).await;
    sample_facts(meta, bulk, table, want, now.timestamp(), grace_s).await
}

/// The full scan, classified into the checkpoint's tally against its reference time.
pub(crate) async fn read_full(
    client: &aws_sdk_dynamodb::Client,
    scan: &crate::scale::fullscan::FullScan,
    cp: crate::scale::fullscan::Checkpoint<TtlTally>,
    grace: i64,
    stop: impl std::future::Future<Output = ()>,
    progress: &(dyn Fn(u64) + Sync),
) -> crate::scale::fullscan::ScanRun<TtlTally> {
    let now = cp.reference_time;
    crate::scale::fullscan::run_with(
        client,
        scan,
        cp,
        |tally: &mut TtlTally, item| {
            tally.add(item, now, grace);
        },
        async |_: &mut TtlTally, _: &[crate::events::model::Item]| {},
        stop,
        progress,
    )
    .await
}
#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_dynamodb::types::AttributeValue;

    /// Issue 27: TTL switched off has one way back, on production too (`table fix`), and
    /// `ttl.status` and `changes.ttl` name it in the same words; other drift keeps its remedy.
    #[test]
    fn ttl_off_remedies_name_the_same_command() {
        use crate::checks::changes::{Aspect, put_back_remedy};
        let fix = format!(
            "`{}` {}",
            crate::spec::TABLE_FIX,
            crate::spec::TABLE_FIX_HOW
        );
        assert_eq!(
            fix,
            "`eventsctl table fix` (--yes on production; --dry-run shows it first; AWS takes one TTL change an hour)"
        );
        let off = status_finding(&Ok(Some(
            TimeToLiveDescription::builder()
                .time_to_live_status(TimeToLiveStatus::Disabled)
                .build(),
        )));
        assert_eq!(off.status, Status::Crit);
        let remedy = off.remedy.unwrap_or_default();
        assert!(remedy.contains(&fix), "{remedy}");
        for aspect in [Aspect::Ttl, Aspect::Pitr] {
            let r = put_back_remedy(aspect, "arn:aws:iam::1:user/jane");
            assert!(
                r.contains(&fix) && r.contains("ask arn:aws:iam::1:user/jane why"),
                "{r}"
            );
        }
        let r = put_back_remedy(Aspect::Stream, "arn:aws:iam::1:user/jane");
        assert!(!r.contains("table fix"), "{r}");
    }

    fn item(ttl: Option<AttributeValue>, ts: &str) -> Item {
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

    /// One threshold for milliseconds: what the writer refuses is what check-ttl counts as
    /// milliseconds, and one second below it is neither.
    #[test]
    fn one_item_of_a_class_is_one_item() {
        assert_eq!(
            singular("items whose `ttl` is not a Number (DynamoDB ignores them)"),
            "item whose `ttl` is not a Number (DynamoDB ignores it)"
        );
        assert_eq!(
            singular("items with `ttl` beyond their timestamp + 30 days"),
            "item with `ttl` beyond its timestamp + 30 days"
        );
        assert_eq!(
            singular("items without a `ttl` (they never expire)"),
            "item without a `ttl` (it never expires)"
        );
    }

    #[test]
    fn the_milliseconds_threshold_is_the_writers() {
        // clock-free: a `now` passed in; the clock never meets these dates
        let (now, ts) = (947_923_200i64, "2000-01-10T00:00:00Z");
        let at = |t: i64| classify(&item(Some(AttributeValue::N(t.to_string())), ts), now, 0).0;
        assert_eq!(at(TTL_MILLIS_THRESHOLD), TtlClass::Milliseconds);
        assert_ne!(at(TTL_MILLIS_THRESHOLD - 1), TtlClass::Milliseconds);
        assert!(crate::events::model::ttl_is_seconds(
            TTL_MILLIS_THRESHOLD - 1
        ));
        assert!(!crate::events::model::ttl_is_seconds(TTL_MILLIS_THRESHOLD));
    }

    #[test]
    fn every_kind_of_ttl_is_classified() {
        // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
        let now = 947_923_200i64; // 2000-01-15
        let grace = 48 * 3600;
        let ts = "2000-01-10T00:00:00Z";
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

    /// Issue 23 §8: a state file's tally is checked before a resume counts on from it.
    #[test]
    fn a_tally_that_does_not_add_up_is_named() {
        use crate::scale::fullscan::StateTally;
        let mut t = TtlTally {
            scanned: 10,
            ..Default::default()
        };
        t.missing.count = 4;
        t.overdue.count = 3;
        t.older_than_30d.count = 10;
        assert_eq!(t.inconsistency(10), None);
        type Edit = Box<dyn Fn(&mut TtlTally)>;
        let cases: Vec<(Edit, u64, &str)> = vec![
            (
                Box::new(|_| {}),
                12,
                "its tally counts 10 items, but 12 were read",
            ),
            (
                Box::new(|t| t.too_far.count = 5),
                10,
                "its classes hold 12 items, more than the 10 read",
            ),
            (
                Box::new(|t| t.older_than_30d.count = 11),
                10,
                "its class older_than_30d holds 11 items",
            ),
            (
                Box::new(|t| t.overdue.examples = vec!["k".into(); 4]),
                10,
                "its class overdue has 4 examples for 3 items",
            ),
        ];
        for (i, (edit, items, words)) in cases.into_iter().enumerate() {
            let mut bad = t.clone();
            edit(&mut bad);
            let why = bad.inconsistency(items).unwrap_or_default();
            assert!(why.contains(words), "case {i}: {why}");
        }
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
            scope: Scope::Sample {
                asked: 10_000,
                cost: SampleCost::default(),
                shares: None,
            },
            approx_items: None,
            grace_s: 48 * 3600,
            deleted: Ok((0.0, week)),
            cleanup: None,
        };
        let worst = |f: &TtlFacts| Status::worst(evaluate(f).iter().map(|f| f.status));
        // Zero items read: nothing judged, not ok.
        assert_eq!(worst(&facts(tally.clone(), 0.0)), Status::Unknown);
        tally.scanned = 10;
        assert_eq!(worst(&facts(tally.clone(), 0.0)), Status::Ok);
        tally.expired_recent.add(|| "k".into(), Some(10));
        assert_eq!(worst(&facts(tally.clone(), 0.0)), Status::Ok);
        tally.overdue.add(|| "k".into(), Some(400_000));
        let f = facts(tally.clone(), 0.0);
        let findings = evaluate(&f);
        assert_eq!(
            findings
                .iter()
                .find(|x| x.check == CheckId::TtlOverdue)
                .unwrap()
                .status,
            Status::Warn
        );
        assert_eq!(
            findings
                .iter()
                .find(|x| x.check == CheckId::TtlDeletions)
                .unwrap()
                .status,
            Status::Warn
        );
        assert_eq!(
            evaluate(&facts(tally, 500.0))
                .iter()
                .find(|x| x.check == CheckId::TtlDeletions)
                .unwrap()
                .status,
            Status::Ok
        );
    }

    /// The overdue remedy names the filter the tool itself reads with: `#ttl > :now` alone is
    /// false for a String ttl, so it would hide the events TTL never deletes.
    #[test]
    fn the_overdue_remedy_names_the_filter_that_keeps_string_ttls() {
        let mut tally = TtlTally {
            scanned: 10,
            ..Default::default()
        };
        tally.overdue.add(|| "k".into(), Some(400_000));
        let facts = TtlFacts {
            description: Ok(None),
            tally: Ok(tally),
            scope: Scope::Sample {
                asked: 10,
                cost: SampleCost::default(),
                shares: None,
            },
            approx_items: None,
            grace_s: 48 * 3600,
            deleted: Ok((0.0, 0.0)),
            cleanup: None,
        };
        let findings = evaluate(&facts);
        let overdue = findings
            .iter()
            .find(|f| f.check == CheckId::TtlOverdue)
            .unwrap();
        let remedy = overdue.remedy.as_deref().unwrap();
        assert!(
            remedy.contains(
                "filter with `(NOT attribute_type(#ttl, :n) OR #ttl > :now OR #ttl < :oldest)`"
            ),
            "{remedy}"
        );
        assert!(remedy.contains(UNEXPIRED_FILTER), "{remedy}");
        assert!(!remedy.contains("filter `#ttl > :now`"), "{remedy}");
    }

    /// docs/evidence.md, "Items, logs, alarms, backups": each ttl finding without its evidence.
    #[test]
    fn ttl_without_evidence() {
        use crate::aws::AwsErrorKind;
        use crate::checks::expect;
        let enabled = |attr: &str, status: TimeToLiveStatus| {
            Ok(Some(
                TimeToLiveDescription::builder()
                    .time_to_live_status(status)
                    .attribute_name(attr)
                    .build(),
            ))
        };
        let denied = |op: &'static str| {
            AwsError::local(AwsErrorKind::AccessDenied, "dynamodb", op, None, "denied")
        };
        let read = TtlTally {
            scanned: 10,
            ..Default::default()
        };
        let facts = |tally: Result<TtlTally, String>, scope: Scope| TtlFacts {
            description: enabled("ttl", TimeToLiveStatus::Enabled),
            tally,
            scope,
            approx_items: None,
            grace_s: 48 * 3600,
            deleted: Ok((0.0, 0.0)),
            cleanup: None,
        };
        let sample = || Scope::Sample {
            asked: 100,
            cost: SampleCost::default(),
            shares: None,
        };

        // ttl.status: off, on another attribute, unreadable.
        for (description, status, words) in [
            (
                enabled("ttl", TimeToLiveStatus::Disabled),
                Status::Crit,
                "DISABLED: nothing expires",
            ),
            (
                enabled("expires", TimeToLiveStatus::Enabled),
                Status::Crit,
                "ENABLED on `expires`, but events carry `ttl`",
            ),
            (
                Err(denied("DescribeTimeToLive")),
                Status::Unknown,
                "could not read TTL",
            ),
        ] {
            let mut f = facts(Ok(read.clone()), sample());
            f.description = description;
            expect(&evaluate(&f), "ttl.status", status, words);
        }

        // The item findings: 0 items read, or the read failed: one ttl.data unknown, no class
        // finding claims "no items without a ttl".
        let classes = [
            "ttl.missing",
            "ttl.not_number",
            "ttl.milliseconds",
            "ttl.too_old",
            "ttl.too_far",
            "ttl.expired_recent",
            "ttl.overdue",
            "ttl.old_events",
        ];
        for (tally, words) in [
            (
                Ok(TtlTally::default()),
                "read 0 items (the table or the part sampled is empty): no item's ttl to judge",
            ),
            (
                Err("Scan: AccessDenied".to_owned()),
                "could not read the items: Scan: AccessDenied",
            ),
        ] {
            let out = evaluate(&facts(tally, sample()));
            expect(&out, "ttl.data", Status::Unknown, words);
            for c in classes {
                assert!(out.iter().all(|x| x.check.to_string() != c), "{c}: {out:?}");
            }
        }
        // With items read, each class is judged.
        let out = evaluate(&facts(Ok(read.clone()), sample()));
        for c in classes {
            expect(&out, c, Status::Ok, "");
        }

        // ttl.scope: a full scan that stopped early, or whose segments failed; an export whose
        // items differ from its manifest.
        let full = |stopped: Option<Stopped>, failed: Vec<(i32, String)>| {
            Scope::Full(FullScope {
                estimate: ScanEstimate {
                    items: 100,
                    bytes: 10_000,
                    read_units: 2.0,
                    read_rate: None,
                    seconds: None,
                    price_per_million_rru: 0.125,
                    price_usd: 0.0,
                    total_segments: 4,
                    already_read_units: 0.0,
                },
                read_units: 1.0,
                read_units_this_run: 1.0,
                pages: 1,
                total_segments: 4,
                segments_done: 2,
                stopped,
                failed,
                state_file: Some("scan.json".into()),
                resumed: false,
                save_error: None,
            })
        };
        for (scope, words) in [
            (
                full(Some(Stopped::Budget), vec![]),
                "partial: stopped at the read budget",
            ),
            (
                full(Some(Stopped::Interrupted), vec![]),
                "partial: interrupted",
            ),
            (
                full(None, vec![(3, "throttled".into())]),
                "partial: 1 segment failed after retries",
            ),
        ] {
            let f = expect(
                &evaluate(&facts(Ok(read.clone()), scope)),
                "ttl.scope",
                Status::Unknown,
                words,
            )
            .clone();
            assert!(
                f.summary.contains("continue with --resume scan.json"),
                "{}",
                f.summary
            );
        }
        expect(
            &evaluate(&facts(Ok(read.clone()), full(None, vec![]))),
            "ttl.scope",
            Status::Ok,
            "read all 10 items",
        );
        let export = |manifest_items: Option<u64>| {
            Scope::Export(ExportScope {
                export_arn: "arn:export".into(),
                // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
                export_time: "2000-11-01T00:00:00Z".into(),
                engine: "local".into(),
                manifest_items,
                bytes_scanned: None,
                athena_estimate_usd: None,
                athena_usd: None,
                athena_output: None,
                manifest: None,
            })
        };
        expect(
            &evaluate(&facts(Ok(read.clone()), export(Some(12)))),
            "ttl.scope",
            Status::Unknown,
            "but its manifest lists 12 items",
        );
        expect(
            &evaluate(&facts(Ok(read.clone()), export(Some(10)))),
            "ttl.scope",
            Status::Ok,
            "read all 10 items of the export",
        );

        // ttl.deletions: the metric could not be read.
        let mut f = facts(Ok(read), sample());
        f.deleted = Err(crate::checks::denied("cloudwatch", "GetMetricData"));
        expect(
            &evaluate(&f),
            "ttl.deletions",
            Status::Unknown,
            "could not read TimeToLiveDeletedItemCount",
        );
    }
}
