//! `check-ttl --repair`, the pure part: which items get a new `ttl`, which value, and what the
//! repair says about them. The scan and the writes are the command's (`commands::ttl_repair`).
//!
//! A repair never shortens a ttl, and never sets one already past, unless the class is named:
//! - `missing`, `not_number`, `milliseconds` (the default): the items TTL never deletes
//!   (docs/aws-facts.md §5.3). A string or milliseconds keep their moment, written as a Number
//!   of epoch seconds; a missing ttl (or a string that is no number) becomes the event's
//!   timestamp + 30 days.
//! - `too_far`: a ttl beyond the event's timestamp + 30 days, which TTL does delete, later (a
//!   one-year ttl may be deliberate): cut to timestamp + 30 days only with `--classes too_far`.
//! - A new ttl already past makes TTL delete the item, typically within 48 hours. Such items
//!   are counted ("would expire at once") and left as they are unless `--expire-now` names
//!   their class.

use crate::events::model::Item;
use std::path::Path;

use aws_sdk_dynamodb::types::AttributeValue;
use serde::{Deserialize, Serialize};

use crate::checks::ttl::{
    CLASS_NAMES, MILLIS_THRESHOLD, TtlClass, TtlTally, classify, event_time, key_text,
};
use crate::report::{CheckId, Finding, Section, Status};
use crate::scale::fullscan::StateTally;
use crate::spec::{PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE, TTL_DAYS};
use crate::vocab::defaults::RepairClass;

/// Examples and errors kept.
pub(crate) const KEPT: usize = 5;
const RB: &str = "Issue 2: TTL Not Deleting Expired Events (beyond the runbook: repair)";

fn names(classes: &[RepairClass]) -> String {
    classes
        .iter()
        .map(|c| c.name())
        .collect::<Vec<_>>()
        .join(",")
}

/// What a repair is asked to do: the classes it rewrites, and those of them whose items it may
/// give a ttl already past. Kept in the state file: a resumed repair goes on as it began.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct Selection {
    pub classes: Vec<RepairClass>,
    pub expire_now: Vec<RepairClass>,
}

impl Default for Selection {
    fn default() -> Selection {
        Selection {
            classes: RepairClass::NEVER_DELETED.to_vec(),
            expire_now: Vec::new(),
        }
    }
}

impl Selection {
    /// From `--classes` (empty: the default) and `--expire-now`; a class to expire that is not
    /// rewritten is a contradiction, refused.
    pub(crate) fn from_flags(
        classes: &[RepairClass],
        expire_now: &[RepairClass],
    ) -> Result<Selection, String> {
        let mut classes = if classes.is_empty() {
            RepairClass::NEVER_DELETED.to_vec()
        } else {
            classes.to_vec()
        };
        classes.sort();
        classes.dedup();
        let mut expire_now = expire_now.to_vec();
        expire_now.sort();
        expire_now.dedup();
        if let Some(c) = expire_now.iter().find(|c| !classes.contains(c)) {
            return Err(format!(
                "--expire-now {0}: {0} is not among the classes rewritten (--classes {1}); add it to --classes",
                c.name(),
                names(&classes)
            ));
        }
        Ok(Selection {
            classes,
            expire_now,
        })
    }

    /// A resumed repair's selection: the state file's, unless flags are given, which must then
    /// be the same (a repair changing its mind halfway would count two repairs as one).
    pub(crate) fn for_resume(
        saved: &Selection,
        classes: &[RepairClass],
        expire_now: &[RepairClass],
        file: &Path,
    ) -> Result<Selection, String> {
        if classes.is_empty() && expire_now.is_empty() {
            return Ok(saved.clone());
        }
        let given = Selection::from_flags(classes, expire_now)?;
        if given == *saved {
            return Ok(given);
        }
        Err(format!(
            "the repair in {} was started with {}; resume it with the same flags, or with none",
            file.display(),
            saved.flags()
        ))
    }

    /// `--classes a,b --expire-now a` (or `--classes a,b` alone).
    pub(crate) fn flags(&self) -> String {
        let mut s = format!("--classes {}", names(&self.classes));
        if !self.expire_now.is_empty() {
            s.push_str(&format!(" --expire-now {}", names(&self.expire_now)));
        }
        s
    }
}

/// The write one item needs: its key, the `ttl` as read (`None`: missing), the `timestamp` as
/// read, and the new value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fix {
    pub key: Item,
    pub old_ttl: Option<AttributeValue>,
    pub old_timestamp: Option<AttributeValue>,
    pub new_ttl: i64,
}

/// What the repair does with one item.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Step {
    /// A ttl TTL acts on (live, expired), or one no rewrite helps (more than five years past):
    /// nothing to do.
    Fine,
    /// A class the repair could rewrite, not among `--classes`.
    NotSelected(RepairClass),
    /// No event time to compute the new value from.
    NoEventTime(RepairClass),
    /// The new ttl is already past and `--expire-now` does not name the class: left as it is.
    WouldExpire(RepairClass, Fix),
    /// Rewrite it; `expires`: the new ttl is already past (its class is named in
    /// `--expire-now`), so TTL deletes the item soon after.
    Write {
        class: RepairClass,
        fix: Fix,
        expires: bool,
    },
}

/// The repair class of a tally class, if a repair can rewrite it.
fn repair_class(c: TtlClass) -> Option<RepairClass> {
    match c {
        TtlClass::Missing => Some(RepairClass::Missing),
        TtlClass::NotNumber => Some(RepairClass::NotNumber),
        TtlClass::Milliseconds => Some(RepairClass::Milliseconds),
        TtlClass::TooFar => Some(RepairClass::TooFar),
        TtlClass::TooOld | TtlClass::Live | TtlClass::ExpiredRecent | TtlClass::Overdue => None,
    }
}

/// A positive number of seconds, milliseconds or smaller units, as whole epoch seconds.
fn seconds(v: f64) -> Option<i64> {
    if !v.is_finite() || v <= 0.0 {
        return None;
    }
    let mut s = v;
    while s >= MILLIS_THRESHOLD {
        s /= 1000.0;
    }
    Some(s.floor() as i64)
}

/// The `ttl` an item of `class` gets, in epoch seconds: a string or milliseconds keep their
/// moment; a missing ttl, a string that is no number and a too-far ttl become the event's
/// timestamp + 30 days (`None`: the item has no event time).
pub(crate) fn new_ttl(class: RepairClass, item: &Item) -> Option<i64> {
    let from_event = || event_time(item).map(|t| t + TTL_DAYS * 86_400);
    let as_written = || {
        let v = item.get(TTL_ATTRIBUTE)?;
        let text = v.as_n().or_else(|_| v.as_s()).ok()?;
        seconds(text.trim().parse::<f64>().ok()?)
    };
    match class {
        RepairClass::Missing | RepairClass::TooFar => from_event(),
        RepairClass::Milliseconds | RepairClass::NotNumber => as_written().or_else(from_event),
    }
}

/// What to do with `item`: its class judged at the scan's `reference` time (as the tally
/// judges it), "already past" at `now`.
pub(crate) fn plan(item: &Item, reference: i64, now: i64, selection: &Selection) -> Step {
    let Some(class) = repair_class(classify(item, reference, 0).0) else {
        return Step::Fine;
    };
    if !selection.classes.contains(&class) {
        return Step::NotSelected(class);
    }
    let Some(new_ttl) = new_ttl(class, item) else {
        return Step::NoEventTime(class);
    };
    let key = [PARTITION_KEY, SORT_KEY]
        .iter()
        .filter_map(|k| item.get(*k).map(|v| ((*k).to_owned(), v.clone())))
        .collect();
    let fix = Fix {
        key,
        old_ttl: item.get(TTL_ATTRIBUTE).cloned(),
        old_timestamp: item.get("timestamp").cloned(),
        new_ttl,
    };
    let past = new_ttl <= now;
    if past && !selection.expire_now.contains(&class) {
        Step::WouldExpire(class, fix)
    } else {
        Step::Write {
            class,
            fix,
            expires: past,
        }
    }
}

/// What became of the items of one class.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
pub(crate) struct ClassRepair {
    /// Items of the class read.
    pub found: u64,
    /// To be rewritten (a dry run: would be).
    pub planned: u64,
    /// Of `planned`: the new ttl is already past (the class is named in `--expire-now`).
    pub expire_at_once: u64,
    /// Left as they are: the new ttl would already be past.
    pub held_would_expire: u64,
    /// Left: no event time to compute the new ttl from.
    pub no_event_time: u64,
    /// Left: the class is not among `--classes`.
    pub not_selected: u64,
}

/// Per class, every class always present.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
pub(crate) struct ByClass {
    pub missing: ClassRepair,
    pub not_number: ClassRepair,
    pub milliseconds: ClassRepair,
    pub too_far: ClassRepair,
}

impl ByClass {
    pub(crate) fn get(&self, c: RepairClass) -> &ClassRepair {
        match c {
            RepairClass::Missing => &self.missing,
            RepairClass::NotNumber => &self.not_number,
            RepairClass::Milliseconds => &self.milliseconds,
            RepairClass::TooFar => &self.too_far,
        }
    }

    fn get_mut(&mut self, c: RepairClass) -> &mut ClassRepair {
        match c {
            RepairClass::Missing => &mut self.missing,
            RepairClass::NotNumber => &mut self.not_number,
            RepairClass::Milliseconds => &mut self.milliseconds,
            RepairClass::TooFar => &mut self.too_far,
        }
    }
}

const ALL: [RepairClass; 4] = [
    RepairClass::Missing,
    RepairClass::NotNumber,
    RepairClass::Milliseconds,
    RepairClass::TooFar,
];

impl crate::report::Evidence for RepairCounts {}

/// What the repair did so far; kept in the state file with the tally, so a resume counts on.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
pub(crate) struct RepairCounts {
    #[serde(flatten)]
    pub selection: Selection,
    pub by_class: ByClass,
    /// Items of the classes rewritten (`--classes`).
    pub candidates: u64,
    /// To be rewritten (a dry run: would be).
    pub planned: u64,
    pub repaired: u64,
    /// Of `planned`: given a ttl already past (`--expire-now`).
    pub expire_at_once: u64,
    /// Left as they are: their new ttl would already be past.
    pub held_would_expire: u64,
    /// The condition failed: the item changed (or went) between the read and the write.
    pub skipped_changed: u64,
    /// No event time to compute the value from (no `timestamp`, no time in the sort key).
    pub skipped_no_timestamp: u64,
    pub failed: u64,
    pub errors: Vec<String>,
    /// Examples of what would be (or was) written: `key [class]: old -> new`.
    pub examples: Vec<String>,
}

fn show(v: &Option<AttributeValue>) -> String {
    match v {
        None => "missing".to_owned(),
        Some(AttributeValue::N(n)) => n.clone(),
        Some(AttributeValue::S(s)) => format!("\"{}\"", s.chars().take(40).collect::<String>()),
        Some(other) => format!("{other:?}").chars().take(40).collect(),
    }
}

impl RepairCounts {
    /// Counts one item's step (its write's outcome is counted when the write is done).
    pub(crate) fn count(&mut self, step: &Step, item: &Item) {
        let (class, example) = match step {
            Step::Fine => return,
            Step::NotSelected(c) => {
                let k = self.by_class.get_mut(*c);
                k.found += 1;
                k.not_selected += 1;
                return;
            }
            Step::NoEventTime(c) => {
                self.by_class.get_mut(*c).no_event_time += 1;
                self.skipped_no_timestamp += 1;
                (c, None)
            }
            Step::WouldExpire(c, fix) => {
                self.by_class.get_mut(*c).held_would_expire += 1;
                self.held_would_expire += 1;
                (c, Some((fix, " (left: would expire at once)")))
            }
            Step::Write {
                class,
                fix,
                expires,
            } => {
                let k = self.by_class.get_mut(*class);
                k.planned += 1;
                self.planned += 1;
                if *expires {
                    k.expire_at_once += 1;
                    self.expire_at_once += 1;
                }
                let note = if *expires { " (already past)" } else { "" };
                (class, Some((fix, note)))
            }
        };
        self.by_class.get_mut(*class).found += 1;
        self.candidates += 1;
        if let Some((fix, note)) = example
            && self.examples.len() < KEPT
        {
            self.examples.push(format!(
                "{} [{}]: {} -> {}{note}",
                key_text(item),
                class.name(),
                show(&fix.old_ttl),
                fix.new_ttl
            ));
        }
    }

    /// Why these counts cannot be the repair of the items `tally` counts, if they cannot.
    fn inconsistency(&self, tally: &TtlTally) -> Option<String> {
        let tally_count = |c: RepairClass| {
            let i = CLASS_NAMES.iter().position(|n| *n == c.name());
            i.map(|i| tally.classes()[i].count).unwrap_or(0)
        };
        let mut sums = ClassRepair::default();
        for c in ALL {
            let k = self.by_class.get(c);
            if k.found != tally_count(c) {
                return Some(format!(
                    "its repair counts {} of class {}, its tally {}",
                    crate::vocab::words::plural(k.found, "item", "items"),
                    c.name(),
                    tally_count(c)
                ));
            }
            let parts = [
                k.planned,
                k.held_would_expire,
                k.no_event_time,
                k.not_selected,
            ];
            if parts.iter().fold(0u64, |s, n| s.saturating_add(*n)) != k.found
                || k.expire_at_once > k.planned
            {
                return Some(format!("its {} counts do not add up", c.name()));
            }
            if !self.selection.classes.contains(&c) && k.found != k.not_selected {
                return Some(format!(
                    "it rewrote items of class {} without being asked",
                    c.name()
                ));
            }
            sums.found = sums.found.saturating_add(k.found - k.not_selected);
            sums.planned = sums.planned.saturating_add(k.planned);
            sums.expire_at_once = sums.expire_at_once.saturating_add(k.expire_at_once);
            sums.held_would_expire = sums.held_would_expire.saturating_add(k.held_would_expire);
            sums.no_event_time = sums.no_event_time.saturating_add(k.no_event_time);
        }
        let totals = (
            self.candidates,
            self.planned,
            self.expire_at_once,
            self.held_would_expire,
            self.skipped_no_timestamp,
        );
        let done = [self.repaired, self.skipped_changed, self.failed]
            .iter()
            .fold(0u64, |s, n| s.saturating_add(*n));
        if totals
            != (
                sums.found,
                sums.planned,
                sums.expire_at_once,
                sums.held_would_expire,
                sums.no_event_time,
            )
            || done > self.planned
        {
            return Some("its repair totals do not add up".into());
        }
        if self.errors.len() > KEPT || self.examples.len() > KEPT {
            return Some("it keeps more errors or examples than eventsctl does".into());
        }
        None
    }
}

/// A repair's state: the tally of what it read and what it did.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub(crate) struct RepairState {
    pub tally: TtlTally,
    pub repair: RepairCounts,
}

impl StateTally for RepairState {
    fn inconsistency(&self, items: u64) -> Option<String> {
        self.tally
            .inconsistency(items)
            .or_else(|| self.repair.inconsistency(&self.tally))
    }
}

/// A repair's course, for its finding.
#[derive(Debug)]
pub(crate) struct RepairRun<'a> {
    pub counts: &'a RepairCounts,
    pub dry_run: bool,
    pub items_read: u64,
    /// The scan stopped before the end: why, and how to continue.
    pub incomplete: Option<(String, String)>,
}

fn per_class(counts: &RepairCounts, pick: impl Fn(&ClassRepair) -> u64) -> Vec<RepairClass> {
    ALL.into_iter()
        .filter(|c| pick(counts.by_class.get(*c)) > 0)
        .collect()
}

/// `ttl.repair`: what was (or would be) rewritten, what was left and why, how to go on.
pub(crate) fn finding(run: &RepairRun) -> Finding {
    let r = run.counts;
    let (verb, done) = if run.dry_run {
        ("would rewrite", r.planned)
    } else {
        ("rewrote", r.repaired)
    };
    let mut summary = format!(
        "{verb} {done} of {} of the classes {} (read {})",
        crate::vocab::words::plural(r.candidates, "item", "items"),
        names(&r.selection.classes),
        crate::vocab::words::plural(run.items_read, "item", "items")
    );
    let mut remedies = Vec::new();
    if r.expire_at_once > 0 {
        summary.push_str(&format!(
            "; {} {} a ttl already past (--expire-now {}): TTL deletes them, typically within 48 h",
            r.expire_at_once,
            if run.dry_run { "would get" } else { "got" },
            names(&r.selection.expire_now)
        ));
    }
    if r.held_would_expire > 0 {
        let held = per_class(r, |k| k.held_would_expire);
        summary.push_str(&format!(
            "; {} would expire at once if rewritten (their new ttl is already past): left as they are",
            r.held_would_expire
        ));
        remedies.push(format!(
            "to let TTL delete the {} whose new ttl is already past, name their class: --expire-now {} (TTL deletes them, typically within 48 h); left alone, nothing ever expires them",
            crate::vocab::words::plural(r.held_would_expire, "item", "items"),
            names(&held)
        ));
    }
    let too_far = r.by_class.too_far.not_selected;
    if too_far > 0 {
        summary.push_str(&format!(
            "; {too_far} with a ttl beyond timestamp + 30 days left as they are (TTL deletes them, later; --classes too_far shortens them)"
        ));
    }
    if r.skipped_changed > 0 {
        summary.push_str(&format!(
            "; {} changed since read, left as they are",
            r.skipped_changed
        ));
    }
    if r.skipped_no_timestamp > 0 {
        summary.push_str(&format!(
            "; {} without an event time, left",
            r.skipped_no_timestamp
        ));
    }
    if r.failed > 0 {
        summary.push_str(&format!("; {} failed", r.failed));
    }
    if let Some((why, resume)) = &run.incomplete {
        remedies.insert(
            0,
            format!("the scan stopped before the end ({why}): continue with `{resume}`"),
        );
    } else if r.failed > 0 {
        remedies.push(
            "run `eventsctl check-ttl --repair` again: it rewrites only what is still wrong".into(),
        );
    }
    let status = if r.failed > 0 || run.incomplete.is_some() || r.held_would_expire > 0 {
        Status::Warn
    } else {
        Status::Ok
    };
    let f = Finding::new(CheckId::TtlRepair, status, summary)
        .evidence(r)
        .runbook(RB);
    if remedies.is_empty() {
        f
    } else {
        f.remedy(remedies.join("; "))
    }
}

/// The repair class by class: found, rewritten, expiring at once, left and why.
pub(crate) fn class_section(r: &RepairCounts, dry_run: bool) -> Section {
    let rows = ALL
        .into_iter()
        .map(|c| {
            let k = r.by_class.get(c);
            [
                k.found,
                k.planned,
                k.expire_at_once,
                k.held_would_expire,
                k.no_event_time,
                k.not_selected,
            ]
            .iter()
            .map(u64::to_string)
            .fold(vec![c.name().to_owned()], |mut row, n| {
                row.push(n);
                row
            })
        })
        .collect();
    Section::table(
        if dry_run {
            "Repair by class (dry run, nothing written)"
        } else {
            "Repair by class"
        },
        &[
            "CLASS",
            "FOUND",
            if dry_run { "WOULD REWRITE" } else { "REWRITE" },
            "EXPIRE AT ONCE",
            "LEFT: WOULD EXPIRE",
            "LEFT: NO TIME",
            "NOT ASKED",
        ],
        rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn item(ttl: Option<AttributeValue>, ts: Option<&str>) -> Item {
        let sk_time = ts.unwrap_or("not-a-time");
        let mut m = HashMap::from([
            ("user_id".to_owned(), AttributeValue::S("u".into())),
            (
                "timestamp#event_id".to_owned(),
                AttributeValue::S(format!("{sk_time}#e")),
            ),
        ]);
        if let Some(t) = ts {
            m.insert("timestamp".into(), AttributeValue::S(t.into()));
        }
        if let Some(t) = ttl {
            m.insert("ttl".into(), t);
        }
        m
    }

    fn n(v: i64) -> Option<AttributeValue> {
        Some(AttributeValue::N(v.to_string()))
    }

    fn s(v: &str) -> Option<AttributeValue> {
        Some(AttributeValue::S(v.into()))
    }

    /// What `plan` decides, reduced to (class, new ttl, expires) or a word.
    fn decided(step: Step) -> String {
        match step {
            Step::Fine => "fine".into(),
            Step::NotSelected(c) => format!("not selected {}", c.name()),
            Step::NoEventTime(c) => format!("no time {}", c.name()),
            Step::WouldExpire(c, f) => format!("held {} {}", c.name(), f.new_ttl),
            Step::Write {
                class,
                fix,
                expires,
            } => format!(
                "write {} {}{}",
                class.name(),
                fix.new_ttl,
                if expires { " expires" } else { "" }
            ),
        }
    }

    /// Issue 23 §8: the repair cut a deliberate one-year ttl to 30 days and gave events older
    /// than 30 days a ttl already past (TTL deleted them within minutes).
    #[test]
    fn a_repair_never_shortens_a_ttl_nor_sets_one_past_unless_the_class_is_named() {
        // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
        let recent = "2026-01-01T00:00:00.000000Z";
        let t0 = 1_767_225_600; // `recent` in epoch seconds
        let now = t0 + 86_400;
        let old = "2025-10-01T00:00:00Z"; // 92 days before `recent`
        let t_old = 1_759_276_800;
        let right = t0 + 30 * 86_400;
        let default = Selection::default();
        let all = Selection::from_flags(
            &ALL,
            &[
                RepairClass::Missing,
                RepairClass::Milliseconds,
                RepairClass::TooFar,
            ],
        )
        .unwrap();
        let cases: Vec<(Option<AttributeValue>, Option<&str>, &Selection, String)> = vec![
            (n(right), Some(recent), &default, "fine".into()),
            (n(t0 - 3600), Some(recent), &default, "fine".into()), // expired: TTL's
            (
                None,
                Some(recent),
                &default,
                format!("write missing {right}"),
            ),
            // A string or milliseconds keep their moment, as seconds.
            (
                s(&(right + 5).to_string()),
                Some(recent),
                &default,
                format!("write not_number {}", right + 5),
            ),
            (
                s("soon"),
                Some(recent),
                &default,
                format!("write not_number {right}"),
            ),
            (
                n((right + 7) * 1000),
                Some(recent),
                &default,
                format!("write milliseconds {}", right + 7),
            ),
            (
                n((right + 7) * 1_000_000),
                Some(recent),
                &default,
                format!("write milliseconds {}", right + 7),
            ),
            // A deliberate one-year ttl: never cut unless too_far is named.
            (
                n(t0 + 365 * 86_400),
                Some(recent),
                &default,
                "not selected too_far".into(),
            ),
            (
                n(t0 + 365 * 86_400),
                Some(recent),
                &all,
                format!("write too_far {right}"),
            ),
            // Old events: their new ttl is past; held unless the class is named.
            (
                None,
                Some(old),
                &default,
                format!("held missing {}", t_old + 30 * 86_400),
            ),
            (
                None,
                Some(old),
                &all,
                format!("write missing {} expires", t_old + 30 * 86_400),
            ),
            (
                n((t_old + 30 * 86_400) * 1000),
                Some(old),
                &default,
                format!("held milliseconds {}", t_old + 30 * 86_400),
            ),
            (
                s(&(t_old + 30 * 86_400).to_string()),
                Some(old),
                &all,
                format!("held not_number {}", t_old + 30 * 86_400),
            ),
            (None, None, &default, "no time missing".into()),
            // Milliseconds need no event time.
            (
                n(right * 1000),
                None,
                &default,
                format!("write milliseconds {right}"),
            ),
        ];
        for (i, (ttl, ts, sel, want)) in cases.into_iter().enumerate() {
            assert_eq!(
                decided(plan(&item(ttl, ts), now, now, sel)),
                want,
                "case {i}"
            );
        }
        let Step::Write { fix, .. } = plan(&item(None, Some(recent)), now, now, &default) else {
            panic!("a missing ttl is written");
        };
        assert_eq!(fix.old_ttl, None);
        assert_eq!(fix.old_timestamp, Some(AttributeValue::S(recent.into())));
        assert_eq!(fix.key.len(), 2);
    }

    #[test]
    fn the_flags_select_classes_and_a_class_to_expire_must_be_rewritten() {
        use RepairClass::*;
        let d = Selection::from_flags(&[], &[]).unwrap();
        assert_eq!(d.classes, [Missing, NotNumber, Milliseconds]);
        assert!(d.expire_now.is_empty());
        let err = Selection::from_flags(&[], &[TooFar]).unwrap_err();
        assert!(
            err.contains("--expire-now too_far") && err.contains("--classes"),
            "{err}"
        );
        let sel = Selection::from_flags(&[TooFar, Missing, Missing], &[Missing]).unwrap();
        assert_eq!(sel.classes, [Missing, TooFar]);
        assert_eq!(
            sel.flags(),
            "--classes missing,too_far --expire-now missing"
        );
        // A resume goes on as it began; other flags are refused.
        let f = Path::new("repair.json");
        assert_eq!(Selection::for_resume(&sel, &[], &[], f).unwrap(), sel);
        assert_eq!(
            Selection::for_resume(&sel, &[Missing, TooFar], &[Missing], f).unwrap(),
            sel
        );
        let err = Selection::for_resume(&sel, &[], &[], f)
            .and_then(|_| Selection::for_resume(&sel, &[Missing], &[], f))
            .unwrap_err();
        assert!(
            err.contains("repair.json") && err.contains(&sel.flags()),
            "{err}"
        );
    }

    #[test]
    fn the_counts_go_per_class_and_say_what_would_expire() {
        // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
        let recent = "2026-01-01T00:00:00Z";
        let old = "2025-10-01T00:00:00Z";
        let now = 1_767_225_600 + 86_400;
        let items = [
            item(None, Some(recent)),
            item(None, Some(old)),
            item(None, Some(old)),
            item(n(1_767_225_600 + 365 * 86_400), Some(recent)),
            item(None, None),
        ];
        let sel = Selection::default();
        let mut state = RepairState::default();
        state.repair.selection = sel.clone();
        for it in &items {
            state.tally.add(it, now, 0);
            state.repair.count(&plan(it, now, now, &sel), it);
        }
        let r = &state.repair;
        let m = &r.by_class.missing;
        assert_eq!(
            (m.found, m.planned, m.held_would_expire, m.no_event_time),
            (4, 1, 2, 1)
        );
        assert_eq!(r.by_class.too_far.not_selected, 1);
        assert_eq!((r.candidates, r.planned, r.held_would_expire), (4, 1, 2));
        assert_eq!(state.inconsistency(5), None);
        let f = finding(&RepairRun {
            counts: r,
            dry_run: true,
            items_read: 5,
            incomplete: None,
        });
        assert_eq!(f.status, Status::Warn);
        assert!(
            f.summary.starts_with("would rewrite 1 of 4 items"),
            "{}",
            f.summary
        );
        assert!(
            f.summary.contains("2 would expire at once if rewritten"),
            "{}",
            f.summary
        );
        assert!(
            f.summary
                .contains("1 with a ttl beyond timestamp + 30 days"),
            "{}",
            f.summary
        );
        let remedy = f.remedy.unwrap();
        assert!(remedy.contains("--expire-now missing"), "{remedy}");
        // A state whose counts were edited does not add up.
        let mut edited = state.clone();
        edited.repair.by_class.missing.held_would_expire = 0;
        assert!(edited.inconsistency(5).is_some());
        let mut edited = state;
        edited.repair.repaired = 9;
        assert!(edited.inconsistency(5).unwrap().contains("do not add up"));
    }
}
