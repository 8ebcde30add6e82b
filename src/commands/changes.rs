//! `changes`: what changed, who changed it and when (beyond the runbook), and the mention of
//! recent changes in the checks whose symptom they may explain.

use chrono::{Duration, Utc};
use serde::Serialize;

use super::data_schema::shape;
use super::registry::{Kind, Leaf};
use crate::checks::changes::{self, Aspect, Change, Impact, Scope};
use crate::checks::pitr::PitrTrail;
use crate::cli::ChangesArgs;
use crate::cli::Command;
use crate::context::Context;
use crate::output::count;
use crate::report::{CheckId, Finding, Report, Section, TimelineEntry};
use crate::times;

pub(crate) static CHANGES: Leaf<ChangesArgs> = Leaf::new(
    "changes",
    Kind::Check,
    |c| match c {
        Command::Changes(a) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(changes(ctx, a).await?.into()) }),
)
.data(shape::<ChangesData<'static>>);

pub async fn changes(ctx: &Context, args: &ChangesArgs) -> anyhow::Result<Report> {
    let scope = Scope {
        aspects: changes::ALL,
        alarm_history: true,
        metrics: true,
    };
    let (trail, cw) = (ctx.cloudtrail().await?, ctx.cloudwatch().await?);
    // The lookups are paced to CloudTrail's two calls a second: seconds with nothing to show.
    let lookups = changes::plan(scope.aspects, ctx.table()).len();
    let spinner = ctx.progress().spinner(format!(
        "reading CloudTrail event history ({}, two a second), alarm history and metrics",
        count(lookups, "lookup", "lookups")
    ));
    // `changes` is about CloudTrail: it waits for every lookup.
    let facts = changes::gather(
        trail,
        cw,
        &ctx.names,
        args.since,
        scope,
        std::future::pending(),
    )
    .await;
    spinner.finish_and_clear();
    let now = Utc::now();
    let (findings, timeline) = changes::evaluate(&facts, &ctx.names, now);
    let mut report = Report::check("changes");
    report.extend(findings);
    report.section(Section::Timeline {
        title: "Timeline (newest first)".to_owned(),
        entries: timeline
            .iter()
            .map(|c| entry(c, now, ctx.table()))
            .collect(),
    });
    report.set_data(&ChangesData {
        window: ChangesWindow {
            start: times::stamp(facts.start),
            end: times::stamp(facts.end),
        },
        entries: &timeline,
    })?;
    report.note(
        "CloudTrail event history holds management events of the last 90 days in this Region; item writes (data events) are not in it.",
    );
    Ok(report)
}

/// `changes`' `data`: the window searched and what changed in it, newest first.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct ChangesData<'a> {
    window: ChangesWindow,
    entries: &'a [Change],
}

#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct ChangesWindow {
    start: String,
    end: String,
}

/// One change as people read it at 80 columns: when; the event and what it changed (and on
/// what, when that is not the table); who, from where (CloudTrail) or which alarm (its history).
/// The user agent is in the JSON (`user_agent`).
fn entry(c: &Change, now: chrono::DateTime<Utc>, table: &str) -> TimelineEntry {
    let mark = match c.impact {
        Impact::BreaksSpec => " (breaks the spec)",
        Impact::Warn => " (!)",
        Impact::None => "",
    };
    let on = if c.source == "cloudtrail" && !c.resource.is_empty() && c.resource != table {
        format!(" on {}", c.resource)
    } else {
        String::new()
    };
    let (what, detail) = match c.source {
        "cloudtrail" => {
            let who = c.identity.as_deref().unwrap_or("an unknown identity");
            let from = c
                .source_ip
                .as_deref()
                .map(|ip| format!(" from {ip}"))
                .unwrap_or_default();
            (c.change.clone(), format!("by {who}{from}"))
        }
        // AWS's "Alarm updated from OK to ALARM", shorter; the alarm's name on its own line.
        "alarm_history" => (
            c.change
                .strip_prefix("Alarm updated from ")
                .map(|states| format!("alarm state {states}"))
                .unwrap_or_else(|| c.change.clone()),
            c.resource.clone(),
        ),
        _ => (c.change.clone(), String::new()),
    };
    TimelineEntry {
        when: format!("{} ago", short_age(now - c.time)),
        what: format!("{}: {what}{mark}{on}", c.event),
        detail,
    }
}

/// An age in its largest unit, for a timeline's narrow first column (`45s`, `12m`, `5h`, `3d`;
/// hours up to two days): the JSON has the exact time.
fn short_age(d: Duration) -> String {
    let s = d.num_seconds().max(0);
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m", s / 60),
        3600..172_800 => format!("{}h", s / 3600),
        _ => format!("{}d", s / 86_400),
    }
}

/// What a check reports of the recent changes of its aspects.
pub(crate) struct Recent {
    /// A crit or warn finding for a latest change that breaks the spec (with who made it).
    pub findings: Vec<Finding>,
    /// `changes.cloudtrail`: how many changes, up to about 5 minutes before now; unknown when
    /// CloudTrail could not be read (throttled, denied).
    pub trail: Finding,
    /// One line for the notes: the window (and CloudTrail's delay), the other changes or that
    /// there were none.
    pub note: String,
    /// When the trail shows PITR switched on (`pitr.window` is judged against it); `Unread`
    /// when CloudTrail could not be read or PITR was not among the aspects.
    pub pitr: PitrTrail,
}

/// The CloudTrail changes of `aspects` in the last `since`, for a check to show next to its
/// symptom, read until `until` resolves (what had not answered by then is "not checked"). A
/// check's own verdict stands on what it read: it takes the findings and the note
/// (`alongside`); the monthly health check's changes part also takes `trail`.
pub(crate) async fn recent(
    ctx: &Context,
    since: Duration,
    aspects: &[Aspect],
    until: impl std::future::Future<Output = ()>,
) -> Recent {
    let scope = Scope {
        aspects,
        alarm_history: false,
        metrics: false,
    };
    let window = times::human(since);
    let clients = async {
        Ok::<_, crate::context::NoRegion>((ctx.cloudtrail().await?, ctx.cloudwatch().await?))
    };
    let facts = match clients.await {
        Ok((trail, cw)) => changes::gather(trail, cw, &ctx.names, since, scope, until).await,
        Err(e) => {
            return Recent {
                findings: Vec::new(),
                trail: Finding::unknown(
                    CheckId::ChangesCloudtrail,
                    format!("recent changes not read: {e}"),
                ),
                note: format!("recent changes not read: {e}"),
                pitr: PitrTrail::Unread,
            };
        }
    };
    let now = Utc::now();
    // A lookup by the table's name finds every change of the table: only the asked aspects'
    // are this check's.
    let mut timeline = changes::timeline(&facts, &ctx.names);
    timeline.retain(|c| c.aspect.is_none_or(|a| aspects.contains(&a)));
    let trail = changes::trail_finding(&facts, &timeline);
    if let Err(e) = &facts.trail {
        return Recent {
            findings: Vec::new(),
            trail,
            note: format!(
                "recent changes (CloudTrail) not read: {e}; `eventsctl changes` shows them when it can"
            ),
            pitr: PitrTrail::Unread,
        };
    }
    let pitr = if !aspects.contains(&Aspect::Pitr) {
        PitrTrail::Unread
    } else {
        match changes::last_pitr_enable(&timeline) {
            Some(t) => PitrTrail::EnabledAt(t),
            None => PitrTrail::NoneSince(now - since),
        }
    };
    let findings = changes::change_findings(&timeline, aspects, now);
    let note = recent_note(&timeline, aspects, &facts.unchecked, &window, now);
    Recent {
        findings,
        trail,
        note,
        pitr,
    }
}

/// `CloudTrail, last 7d (the window ends about 5 min before now: ...): no change of TTL` or the
/// changes that did not get a finding of their own.
fn recent_note(
    timeline: &[Change],
    aspects: &[Aspect],
    unchecked: &[Aspect],
    window: &str,
    now: chrono::DateTime<Utc>,
) -> String {
    let note = checked_note(timeline, aspects, unchecked, window, now);
    if unchecked.is_empty() {
        return note;
    }
    let pointer = format!(" (`eventsctl changes --since {window}`)");
    let note = note.strip_suffix(&pointer).unwrap_or(&note);
    format!(
        "{note}; not checked (CloudTrail had not answered when the check was done): changes of {}{pointer}",
        changes::aspect_list(unchecked)
    )
}

/// [`recent_note`] of the aspects whose lookups answered.
fn checked_note(
    timeline: &[Change],
    aspects: &[Aspect],
    unchecked: &[Aspect],
    window: &str,
    now: chrono::DateTime<Utc>,
) -> String {
    let head = format!(
        "CloudTrail, last {window} ({})",
        crate::aws::cloudtrail::DELIVERY_DELAY
    );
    let others: Vec<String> = timeline
        .iter()
        .filter(|c| c.impact == Impact::None)
        .take(5)
        .map(|c| {
            format!(
                "{} {} ago by {}",
                c.change,
                times::human(now - c.time),
                c.identity.as_deref().unwrap_or("?")
            )
        })
        .collect();
    let checked: Vec<Aspect> = aspects
        .iter()
        .filter(|a| !unchecked.contains(a))
        .copied()
        .collect();
    if timeline.is_empty() && checked.is_empty() {
        head
    } else if timeline.is_empty() {
        format!("{head}: no change of {}", changes::aspect_list(&checked))
    } else if others.is_empty() {
        format!(
            "{head}: {} (in the findings above; `eventsctl changes --since {window}`)",
            count(timeline.len(), "change", "changes")
        )
    } else {
        format!(
            "{head}: {} (`eventsctl changes --since {window}`)",
            others.join("; ")
        )
    }
}

/// Runs `work` (a check's own reads) and the CloudTrail lookups of `aspects` at once, the
/// lookups started first; when `work` is done, so are the lookups: a check never waits for
/// CloudTrail longer than for its own reads, and what had not answered by then is "not
/// checked" in the note (never "no change").
pub(crate) async fn alongside<T>(
    ctx: &Context,
    since: Duration,
    aspects: &[Aspect],
    work: impl std::future::Future<Output = T>,
) -> (T, Recent) {
    let (done, deadline) = tokio::sync::oneshot::channel::<()>();
    let until = async {
        // A dropped sender (work done) ends the wait as well as a sent ().
        let _ = deadline.await;
    };
    let lookups = recent(ctx, since, aspects, until);
    let work = async {
        let out = work.await;
        drop(done);
        out
    };
    // The lookups are polled first: their first call goes before the check's.
    let (recent, out) = tokio::join!(lookups, work);
    (out, recent)
}

/// [`Recent`], added to a check's report: the findings and the note (CloudTrail that cannot be
/// read is a note here: the check's own verdict stands on what it read).
pub(crate) fn mention(report: &mut Report, recent: Recent) {
    report.extend(recent.findings);
    report.note(recent.note);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> chrono::DateTime<Utc> {
        // clock-free: a `now` passed in; the clock never meets this date
        chrono::DateTime::parse_from_rfc3339("2026-01-10T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn change(source: &'static str, minutes_ago: i64, impact: Impact) -> Change {
        Change {
            source,
            time: now() - Duration::minutes(minutes_ago),
            event: "UpdateTimeToLive".into(),
            aspect: Some(Aspect::Ttl),
            identity: Some("arn:aws:sts::123456789012:assumed-role/oncall/bob".into()),
            source_ip: Some("198.51.100.7".into()),
            user_agent: None,
            resource: "t-events".into(),
            change: "TTL enabled on `ttl`".into(),
            impact,
            event_id: None,
        }
    }

    /// A lookup that had not answered when the check was done: its aspects are "not checked",
    /// never in "no change of ...".
    #[test]
    fn a_lookup_cut_at_the_deadline_is_not_checked_never_no_change() {
        let aspects = [Aspect::Stream, Aspect::Consumer, Aspect::Table];
        let note = recent_note(&[], &aspects, &[Aspect::Consumer], "1d", now());
        assert!(
            note.contains(": no change of the stream or the table; not checked (CloudTrail had not answered when the check was done): changes of the stream consumer"),
            "{note}"
        );
        let none = recent_note(&[], &[Aspect::Ttl], &[Aspect::Ttl], "7d", now());
        assert!(!none.contains("no change"), "{none}");
        assert!(none.contains("not checked"), "{none}");
    }

    /// The note says the window and CloudTrail's delay, also when nothing changed.
    #[test]
    fn the_note_says_the_window_ends_about_5_minutes_before_now() {
        let none = recent_note(
            &[],
            &[Aspect::Stream, Aspect::Consumer, Aspect::Table],
            &[],
            "1d",
            now(),
        );
        assert_eq!(
            none,
            "CloudTrail, last 1d (the window ends about 5 min before now: CloudTrail shows a change about 5 minutes after it is made): no change of the stream, the stream consumer or the table"
        );
        let one = recent_note(
            &[change("cloudtrail", 90, Impact::None)],
            &[Aspect::Ttl],
            &[],
            "7d",
            now(),
        );
        assert!(
            one.contains("the window ends about 5 min before now"),
            "{one}"
        );
        assert!(one.ends_with("TTL enabled on `ttl` 1h 30m ago by arn:aws:sts::123456789012:assumed-role/oncall/bob (`eventsctl changes --since 7d`)"), "{one}");
        let judged = recent_note(
            &[change("cloudtrail", 5, Impact::BreaksSpec)],
            &[Aspect::Ttl],
            &[],
            "7d",
            now(),
        );
        assert!(
            judged.contains(": 1 change (in the findings above"),
            "{judged}"
        );
    }

    /// A timeline entry: the age in one unit, the change, who and from where under it; an
    /// alarm's state change short, its name on the second line.
    #[test]
    fn an_entry_is_one_or_two_lines_of_what_people_need() {
        let e = entry(
            &change("cloudtrail", 200, Impact::BreaksSpec),
            now(),
            "t-events",
        );
        assert_eq!(e.when, "3h ago");
        assert_eq!(
            e.what,
            "UpdateTimeToLive: TTL enabled on `ttl` (breaks the spec)"
        );
        assert_eq!(
            e.detail,
            "by arn:aws:sts::123456789012:assumed-role/oncall/bob from 198.51.100.7"
        );
        let mut h = change("alarm_history", 3 * 24 * 60, Impact::None);
        h.event = "StateUpdate".into();
        h.resource = "t-events-table-throttles".into();
        h.change = "Alarm updated from OK to ALARM".into();
        let e = entry(&h, now(), "t-events");
        assert_eq!(
            (e.when.as_str(), e.what.as_str(), e.detail.as_str()),
            (
                "3d ago",
                "StateUpdate: alarm state OK to ALARM",
                "t-events-table-throttles"
            )
        );
        assert_eq!(short_age(Duration::seconds(59)), "59s");
        assert_eq!(short_age(Duration::hours(47)), "47h");
    }
}
