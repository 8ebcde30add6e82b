//! `changes`: what changed, who changed it and when (beyond the runbook), and the mention of
//! recent changes in the checks whose symptom they may explain.

use chrono::{Duration, Utc};

use crate::checks::changes::{self, Aspect, Change, Impact, Scope};
use crate::cli::ChangesArgs;
use crate::context::Context;
use crate::report::{Report, Section};
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
        &["When", "Source", "Event", "Resource", "Change", "Who", "From"],
        timeline.iter().map(|c| row(c, now)).collect(),
    ));
    report.set("window", serde_json::json!({
        "start": times::stamp(facts.start), "end": times::stamp(facts.end),
    }));
    report.set("entries", &timeline);
    report.note(
        "CloudTrail event history holds management events of the last 90 days in this Region; item writes (data events) are not in it.",
    );
    Ok(report)
}

fn row(c: &Change, now: chrono::DateTime<Utc>) -> Vec<String> {
    let mark = match c.impact {
        Impact::BreaksSpec => " (breaks the spec)",
        Impact::Warn => " (!)",
        Impact::None => "",
    };
    vec![
        format!("{} ({} ago)", times::stamp(c.time), times::human(now - c.time)),
        c.source.to_owned(),
        c.event.clone(),
        c.resource.clone(),
        format!("{}{mark}", c.change),
        c.identity.clone().unwrap_or_default(),
        [c.source_ip.as_deref(), c.user_agent.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
    ]
}

/// Adds to a check's report the CloudTrail changes of `aspects` in the last `since`: a crit or
/// warn finding for a latest change that breaks the spec (with who made it), and a note naming
/// the other changes. CloudTrail that cannot be read is a note, not a finding: the check's own
/// verdict stands on what it read.
pub async fn mention(ctx: &Context, report: &mut Report, since: Duration, aspects: &[Aspect]) {
    let scope = Scope {
        aspects,
        alarm_history: false,
        metrics: false,
    };
    let facts = match changes::gather(ctx, since, scope).await {
        Ok(f) => f,
        Err(e) => {
            report.note(format!("recent changes not read: {e}"));
            return;
        }
    };
    let window = times::human(since);
    if let Err(e) = &facts.trail {
        report.note(format!(
            "recent changes (CloudTrail) not read: {e}; `eventsctl changes` shows them when it can"
        ));
        return;
    }
    let now = Utc::now();
    let timeline = changes::timeline(&facts, &ctx.names);
    report.extend(changes::change_findings(&timeline, aspects, now));
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
    if !others.is_empty() {
        report.note(format!(
            "changes in the last {window}: {} (`eventsctl changes --since {window}`)",
            others.join("; ")
        ));
    }
}
