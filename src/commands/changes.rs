//! `changes`: what changed, who changed it and when (beyond the runbook), and the mention of
//! recent changes in the checks whose symptom they may explain.

use chrono::{Duration, Utc};
use serde::Serialize;

use crate::checks::changes::{self, Aspect, Change, Impact, Scope};
use crate::cli::ChangesArgs;
use crate::context::Context;
use crate::report::{Finding, Report, Section};
use crate::times;

pub async fn changes(ctx: &Context, args: &ChangesArgs) -> anyhow::Result<Report> {
    let scope = Scope {
        aspects: changes::ALL,
        alarm_history: true,
        metrics: true,
    };
    let facts = changes::gather(ctx, args.since, scope).await?;
    let now = Utc::now();
    let (findings, timeline) = changes::evaluate(&facts, &ctx.names, now);
    let mut report = Report::check("changes");
    report.extend(findings);
    report.section(Section::table(
        "Timeline (newest first)",
        &[
            "Ago", "Source", "Event", "Resource", "Change", "Who", "From IP",
        ],
        timeline.iter().map(|c| row(c, now)).collect(),
    ));
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
#[derive(Serialize)]
struct ChangesData<'a> {
    window: ChangesWindow,
    entries: &'a [Change],
}

#[derive(Serialize)]
struct ChangesWindow {
    start: String,
    end: String,
}

fn row(c: &Change, now: chrono::DateTime<Utc>) -> Vec<String> {
    let mark = match c.impact {
        Impact::BreaksSpec => " (breaks the spec)",
        Impact::Warn => " (!)",
        Impact::None => "",
    };
    vec![
        format!("{} ago", times::human(now - c.time)),
        c.source.to_owned(),
        c.event.clone(),
        c.resource.clone(),
        format!("{}{mark}", c.change),
        c.identity.clone().unwrap_or_default(),
        // The user agent is in the JSON (`user_agent`): too long for a column.
        c.source_ip.clone().unwrap_or_default(),
    ]
}

/// The CloudTrail changes of `aspects` in the last `since`, for a check to show next to its
/// symptom: a crit or warn finding for a latest change that breaks the spec (with who made it),
/// and a note naming the other changes. CloudTrail that cannot be read is a note, not a
/// finding: the check's own verdict stands on what it read.
pub(crate) async fn recent(
    ctx: &Context,
    since: Duration,
    aspects: &[Aspect],
) -> (Vec<Finding>, Option<String>) {
    let scope = Scope {
        aspects,
        alarm_history: false,
        metrics: false,
    };
    let facts = match changes::gather(ctx, since, scope).await {
        Ok(f) => f,
        Err(e) => return (Vec::new(), Some(format!("recent changes not read: {e}"))),
    };
    let window = times::human(since);
    if let Err(e) = &facts.trail {
        return (
            Vec::new(),
            Some(format!(
                "recent changes (CloudTrail) not read: {e}; `eventsctl changes` shows them when it can"
            )),
        );
    }
    let now = Utc::now();
    let timeline = changes::timeline(&facts, &ctx.names);
    let findings = changes::change_findings(&timeline, aspects, now);
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
    let note = (!others.is_empty()).then(|| {
        format!(
            "changes in the last {window}: {} (`eventsctl changes --since {window}`)",
            others.join("; ")
        )
    });
    (findings, note)
}

/// [`recent`], added to a check's report.
pub(crate) async fn mention(
    ctx: &Context,
    report: &mut Report,
    since: Duration,
    aspects: &[Aspect],
) {
    let (findings, note) = recent(ctx, since, aspects).await;
    report.extend(findings);
    if let Some(n) = note {
        report.note(n);
    }
}
