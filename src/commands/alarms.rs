//! `alarms apply`, `alarms status`.

use serde::Serialize;

use crate::aws::alarms as cw_alarms;
use crate::checks::alarms::{
    check_name, drift, evaluate, gather, recommended_consumer, table_specs,
};
use crate::cli::AlarmsApplyArgs;
use crate::context::Context;
use crate::report::{CheckId, Report, Section};
use crate::spec::alarms::{AlarmAction, recommended};
use crate::spec::{self, Names};

fn prefix(names: &Names) -> String {
    format!("{}-{}-", names.prefix, names.env)
}

pub(crate) async fn status(ctx: &Context) -> anyhow::Result<Report> {
    let gathered = gather(ctx).await?;
    let mut report = Report::check("alarms status");
    report.notes.extend(gathered.notes);
    let facts = gathered.facts;
    report.extend(evaluate(&facts, &prefix(&ctx.names)));
    report.set_data(&StatusData {
        alarms: facts.specs.iter().map(|s| s.name.as_str()).collect(),
    })?;
    report.correct(spec::corrections::user_errors());
    Ok(report)
}

/// `alarms status`'s `data`: the alarms checked.
#[derive(Serialize)]
struct StatusData<'a> {
    alarms: Vec<&'a str>,
}

/// `alarms apply`'s `data`: what was (or would be) done to each alarm.
#[derive(Serialize)]
struct ApplyData {
    dry_run: bool,
    plan: Vec<PlanEntry>,
}

#[derive(Serialize)]
struct PlanEntry {
    alarm: String,
    /// The finding of `alarms status` that checks it.
    check: CheckId,
    /// `create`, `update` or `unchanged`.
    action: AlarmAction,
    changes: Vec<String>,
    /// The alarm's actions (SNS topics) after the apply.
    actions: Vec<String>,
}

pub(crate) async fn apply(ctx: &Context, args: &AlarmsApplyArgs) -> anyhow::Result<Report> {
    crate::safety::guard_write(&ctx.names, "alarms apply", args.yes, args.dry_run)?;
    let (mut specs, stream) = table_specs(ctx).await??;
    let cw = ctx.cloudwatch().await?;
    let mut report = Report::action("alarms apply");
    if args.recommended {
        let (consumer, note) = recommended_consumer(
            ctx,
            args.consumer_function.as_deref(),
            &[],
            stream.as_deref(),
        )
        .await;
        report.notes.extend(note);
        specs.extend(recommended(
            &ctx.names,
            consumer.as_deref(),
            args.iterator_age_minutes,
        ));
    }
    let names: Vec<String> = specs.iter().map(|s| s.name.clone()).collect();
    let existing = cw_alarms::describe(cw, &names).await?;
    let mut rows = Vec::new();
    let mut plan = Vec::new();
    for spec in &specs {
        let live = existing
            .iter()
            .find(|a| a.alarm_name() == Some(spec.name.as_str()));
        // Without --sns-topic, the actions an alarm has are kept: apply never unwires a pager.
        let actions: Vec<String> = match (&args.sns_topic, live) {
            (Some(t), _) => vec![t.clone()],
            (None, Some(a)) => a.alarm_actions().to_vec(),
            (None, None) => Vec::new(),
        };
        let (action, changes) = match live {
            None => (AlarmAction::Create, vec!["new alarm".to_owned()]),
            Some(a) => {
                let mut d = drift(spec, a);
                if a.alarm_description() != Some(spec.description.as_str()) {
                    d.push("description".into());
                }
                if a.alarm_actions() != actions.as_slice() {
                    d.push(format!("actions: {:?} -> {:?}", a.alarm_actions(), actions));
                }
                if d.is_empty() {
                    (AlarmAction::Unchanged, d)
                } else {
                    (AlarmAction::Update, d)
                }
            }
        };
        rows.push(vec![
            spec.name.clone(),
            action.as_str().to_owned(),
            spec.condition(),
            changes.join("; "),
        ]);
        if !args.dry_run && action.writes() {
            cw_alarms::put(cw, spec, &actions).await?;
        }
        plan.push(PlanEntry {
            alarm: spec.name.clone(),
            check: check_name(spec, &prefix(&ctx.names)),
            action,
            changes,
            actions,
        });
    }
    report.section(Section::table(
        if args.dry_run {
            "Alarms (dry run, nothing changed)"
        } else {
            "Alarms"
        },
        &["ALARM", "ACTION", "CONDITION", "CHANGES"],
        rows,
    ));
    report.set_data(&ApplyData {
        dry_run: args.dry_run,
        plan,
    })?;
    if args.sns_topic.is_none() && existing.iter().all(|a| a.alarm_actions().is_empty()) {
        report.note("No --sns-topic: the alarms notify nobody yet (alarms status warns about it).");
    }
    report.note("Alarm 1 watches the table's own throttle events (write, read, each GSI's writes) and the on-demand per-reason ones, not UserErrors; missing datapoints count as 0 so the alarms return to OK. The latency alarms ignore periods with too few requests for a percentile.");
    report.correct(spec::corrections::user_errors());
    Ok(report)
}
