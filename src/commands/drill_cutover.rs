//! `dr-drill --cutover [--corruption N]`: the rehearsal of the whole DR procedure
//! (`crate::dr::drill_cutover`) as a report: RTO to the verified cutover, the RPO by content,
//! the timeline (restore, cutover, canary, rollback), the changes of the drill window, and what
//! the cleanup left.

use chrono::Utc;

use super::restore::drill_data;
use crate::checks::changes::{self, Scope};
use crate::checks::restore as verify;
use crate::cli::DrillArgs;
use crate::context::Context;
use crate::dr::cutover::Ended;
use crate::dr::data::CutoverDrillData;
use crate::dr::drill::DrillSettings;
use crate::dr::drill_cutover::{self, CutoverDrill, CutoverDrillOpts};
use crate::dr::findings;
use crate::error::{Refusal, UsageError};
use crate::report::{CheckId, Finding, Report, Section, TimelineEntry};
use crate::times::human;

const RB_DRILL: &str = "Quarterly Performance Review 4: Disaster Recovery Drill";

/// Refused in production (one line); the role is required.
pub(crate) async fn run(ctx: &Context, args: &DrillArgs) -> anyhow::Result<Report> {
    if let Some(m) = ctx.names.production_match() {
        return Err(Refusal::new(format!(
            "refusing dr-drill --cutover on {}: {m}; the cutover drill creates and deletes its own table, functions and mapping, and runs only outside production",
            ctx.table()
        ))
        .into());
    }
    let role_arn = args.role.clone().ok_or_else(|| {
        UsageError::new("dr-drill --cutover needs --role ARN: the drill functions' execution role")
    })?;
    let mut report = Report::check("dr-drill");
    report.correct(crate::spec::corrections::restore_drops_settings());
    if args.dry_run {
        let (source, api, consumer) = drill_cutover::names(ctx.table(), Utc::now());
        report.push(Finding::ok(
            CheckId::DrillPlan,
            format!(
                "would create {source} (tagged eventsctl-drill=true, seeded{}), {api} and {consumer} with its mapping, restore {source}, cut {api} over to the restored table, prove it with a canary through {consumer}, roll back and delete all of them",
                args.corruption.map(|n| format!(", {} then corrupted", crate::vocab::words::plural(n, "event", "events"))).unwrap_or_default()
            ),
        ));
        return Ok(report);
    }
    let opts = CutoverDrillOpts {
        corruption: args.corruption.unwrap_or(0) as usize,
        role_arn,
        canary_timeout: args.canary_timeout.to_std().unwrap_or_default(),
        restore: DrillSettings {
            keep: true,
            ..DrillSettings::from(args)
        },
    };
    let d = drill_cutover::run(ctx, &opts, super::interrupted()).await?;
    findings(&mut report, &d, args.corruption.is_some());
    report.section(Section::Timeline {
        title: "Drill timeline".to_owned(),
        entries: d
            .timeline
            .iter()
            .map(|m| TimelineEntry {
                when: m.at.clone(),
                what: m.what.clone(),
                detail: String::new(),
            })
            .collect(),
    });
    if !d.corrupted.is_empty() {
        report.section(Section::lines(
            "Corrupted events (RPO by content)",
            d.corrupted
                .iter()
                .map(|c| {
                    format!(
                        "{}: restored `{}`, source `{}` (seeded `{}`, garbage `{}`){}",
                        c.event,
                        c.in_restored.as_deref().unwrap_or("missing"),
                        c.in_source.as_deref().unwrap_or("missing"),
                        c.seeded,
                        c.garbage,
                        if c.holds() { "" } else { " NOT PROVEN" }
                    )
                })
                .collect(),
        ));
    }
    report.section(window_changes(ctx, &d).await);
    let mut data = d.restore.as_ref().map(|run| drill_data(run, false));
    let cut = cutover_data(&d);
    if let Some(data) = data.as_mut() {
        report.table_override = Some(data.drill_table.clone());
        data.cutover = Some(cut);
        report.set_data(&data)?;
    } else {
        report.set_data(&crate::dr::data::CutoverOnlyData { cutover: cut })?;
    }
    Ok(report)
}

fn findings(report: &mut Report, d: &CutoverDrill, corruption: bool) {
    let api = d.names.functions.first().cloned().unwrap_or_default();
    let restored = d.names.restored.clone().unwrap_or_else(|| "?".into());
    if let Some(run) = &d.restore {
        report.extend(run.finished.findings.clone());
    }
    let cut = match (&d.cutover, &d.error) {
        (Some(Ended::Verified), _) => Finding::ok(
            CheckId::DrCutover,
            format!(
                "{api} cut over to {restored} and verified: {}",
                d.canary.as_deref().unwrap_or("canary seen")
            ),
        ),
        (Some(e), _) => Finding::crit(
            CheckId::DrCutover,
            format!("the drill's cutover did not verify: {e:?}"),
        ),
        (None, Some(e)) => Finding::crit(CheckId::DrillRun, format!("the drill stopped: {e}")),
        (None, None) => Finding::crit(CheckId::DrCutover, "the drill's cutover did not run"),
    };
    let path = d.record_path.clone().unwrap_or_default();
    let cut = match &d.cutover_record {
        Some(r) => cut.evidence(findings::cutover(r, &path)),
        None => cut,
    };
    report.push(cut.runbook(RB_DRILL));
    report.push(
        match d.rto {
            Some(r) if r.num_seconds() < verify::RTO_TARGET_S => Finding::ok(
                CheckId::DrillRto,
                format!(
                    "{} from the restore's start to the verified cutover (target < 4 h)",
                    human(r)
                ),
            ),
            Some(r) => Finding::crit(
                CheckId::DrillRto,
                format!(
                    "{} from the restore's start to the verified cutover (target < 4 h)",
                    human(r)
                ),
            ),
            None => Finding::unknown(CheckId::DrillRto, "no RTO: the cutover was not verified"),
        }
        .runbook(RB_DRILL),
    );
    if corruption {
        let held = d.corrupted.iter().filter(|c| c.holds()).count();
        let n = d.corrupted.len();
        report.push(
            if n == 0 {
                Finding::unknown(
                    CheckId::DrillRpo,
                    "no corrupted event was checked: the drill stopped before the corruption",
                )
            } else if held == n {
                Finding::ok(
                    CheckId::DrillRpo,
                    format!("{held} of {n} corrupted events have their pre-corruption value in {restored} and the garbage only in the drill source"),
                )
            } else {
                Finding::crit(
                    CheckId::DrillRpo,
                    format!("{held} of {n} corrupted events proven (pre-corruption value restored, garbage only in the source)"),
                )
            }
            .runbook(RB_DRILL),
        );
    } else if let Some(run) = &d.restore {
        report.push(verify::rpo(run.rpo_s));
    }
    report.push(
        match d.rollback_complete {
            Some(true) => Finding::ok(
                CheckId::DrRollback,
                format!("{api} rolled back to the drill source, canary checked"),
            ),
            Some(false) => {
                Finding::crit(CheckId::DrRollback, "the drill's rollback did not finish")
            }
            None => Finding::unknown(CheckId::DrRollback, "no rollback: the cutover did not run"),
        }
        .evidence(d.record.as_ref().map(|r| findings::rollback(r, &path)))
        .runbook(RB_DRILL),
    );
    report.push(
        if d.left_behind.is_empty() {
            Finding::ok(CheckId::DrillCleanup, "deleted everything the drill created (mappings, functions, tables; each checked as the drill's first)")
        } else {
            Finding::warn(CheckId::DrillCleanup, format!("left behind: {}", d.left_behind.join("; ")))
        }
        .runbook(RB_DRILL),
    );
}

/// The changes (CloudTrail) of the drill source during the drill window.
async fn window_changes(ctx: &Context, d: &CutoverDrill) -> Section {
    let title = "Changes in the drill window (CloudTrail)";
    let mut names = ctx.names.clone();
    names.table = d.names.source.clone().unwrap_or_default();
    let since = Utc::now() - d.started_at + chrono::Duration::minutes(1);
    let (trail, cw) = match (ctx.cloudtrail().await, ctx.cloudwatch().await) {
        (Ok(t), Ok(c)) => (t, c),
        (Err(e), _) | (_, Err(e)) => return Section::lines(title, vec![format!("not read: {e}")]),
    };
    let scope = Scope {
        aspects: changes::ALL,
        alarm_history: false,
        metrics: false,
    };
    let facts = changes::gather(trail, cw, &names, since, scope, std::future::pending()).await;
    if let Err(e) = &facts.trail {
        return Section::lines(title, vec![format!("not read: {e}")]);
    }
    let mut lines: Vec<String> = changes::timeline(&facts, &names)
        .iter()
        .rev()
        .map(|c| {
            format!(
                "{} {} on {}: {} (by {})",
                crate::times::stamp(c.time),
                c.event,
                c.resource,
                c.change,
                c.identity.as_deref().unwrap_or("?")
            )
        })
        .collect();
    if lines.is_empty() {
        lines.push(
            "no change found (CloudTrail delivers events about 5 minutes late on AWS)".into(),
        );
    }
    Section::lines(title, lines)
}

fn cutover_data(d: &CutoverDrill) -> CutoverDrillData {
    let proven = (!d.corrupted.is_empty()).then(|| d.corrupted.iter().all(|c| c.holds()));
    CutoverDrillData {
        drill_source: d.names.source.clone().unwrap_or_default(),
        functions: d.names.functions.clone(),
        mappings: d.names.mappings.clone(),
        timeline: d.timeline.clone(),
        rto_s: d.rto.map(|r| r.num_seconds()),
        rto_ms: d.rto.map(|r| r.num_milliseconds()),
        cutover: match &d.cutover {
            Some(Ended::Verified) => "verified".into(),
            Some(Ended::Unverified(_)) => "unverified".into(),
            Some(Ended::RolledBack(_)) => "rolled_back".into(),
            Some(Ended::Stopped(_)) => "stopped".into(),
            None => "not_run".into(),
        },
        canary: d.canary.clone(),
        rolled_back: d.rollback_complete,
        corrupted: d.corrupted.clone(),
        corruption_proven: proven,
        record: d.record_path.as_ref().map(|p| p.display().to_string()),
        error: d.error.clone(),
        left_behind: d.left_behind.clone(),
    }
}
