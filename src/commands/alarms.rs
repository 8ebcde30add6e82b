//! `alarms apply`, `alarms status`.

use serde::Serialize;

use super::data_schema::shape;
use super::registry::{Kind, Leaf, Production};
use crate::aws::alarms as cw_alarms;
use crate::checks::alarms::{
    actions_of, check_name, consumer_from, drift, evaluate, gather, planned_actions,
    stream_mappings, table_specs,
};
use crate::cli::AlarmsApplyArgs;
use crate::cli::{AlarmsCommand, Command};
use crate::context::Context;
use crate::error::Refusal;
use crate::report::{CheckId, Finding, Report, Section};
use crate::spec::alarms::{AlarmAction, HEALTH_CHECK_COMMAND, health_check, recommended};
use crate::spec::{self, Names};

pub(crate) static APPLY: Leaf<AlarmsApplyArgs> = Leaf::new(
    "alarms apply",
    Kind::Action,
    |c| match c {
        Command::Alarms(AlarmsCommand::Apply(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(apply(ctx, a).await?.into()) }),
)
.production(Production::NeedsYes { with: &[] })
.data(shape::<ApplyData>);

pub(crate) static STATUS: Leaf<()> = Leaf::new(
    "alarms status",
    Kind::Check,
    |c| matches!(c, Command::Alarms(AlarmsCommand::Status)).then_some(&()),
    |ctx, _, _| Box::pin(async move { Ok(status(ctx).await?.into()) }),
)
.data(shape::<StatusData<'static>>);

fn prefix(names: &Names) -> String {
    format!("{}-{}-", names.prefix, names.env)
}

pub(crate) async fn status(ctx: &Context) -> anyhow::Result<Report> {
    let gathered = gather(
        ctx.dynamodb().await?,
        ctx.cloudwatch().await?,
        ctx.lambda().await?,
        &ctx.names,
    )
    .await;
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
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "AlarmsStatusData")]
struct StatusData<'a> {
    alarms: Vec<&'a str>,
}

/// `alarms apply`'s `data`: what was (or would be) done to each alarm.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "AlarmsApplyData")]
struct ApplyData {
    dry_run: bool,
    plan: Vec<PlanEntry>,
}

#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "AlarmPlanEntry")]
struct PlanEntry {
    alarm: String,
    /// The finding of `alarms status` that checks it.
    #[schemars(with = "String")]
    check: CheckId,
    /// `create`, `update` or `unchanged`.
    action: AlarmAction,
    changes: Vec<String>,
    /// The alarm's ALARM actions (SNS topics) after the apply.
    actions: Vec<String>,
    /// Its OK actions after the apply.
    ok_actions: Vec<String>,
    /// Its INSUFFICIENT_DATA actions after the apply (always the ones it had).
    insufficient_data_actions: Vec<String>,
}

/// `--consumer-function NAME` must name a function that exists: alarms on a function that does
/// not exist never fire. Checked before anything is created.
async fn check_consumer(ctx: &Context, function: &str) -> anyhow::Result<()> {
    let lambda = ctx.lambda().await?;
    match crate::aws::lambda::function_exists(lambda, function).await {
        Ok(true) => Ok(()),
        Ok(false) => Err(Refusal::new(format!(
            "--consumer-function {function}: no such Lambda function in this account and Region; its alarms could never fire, so nothing was created (name the stream consumer's function, or leave the flag out to find it from the stream's event source mapping)"
        ))
        .into()),
        Err(e) => Err(Refusal::new(format!(
            "--consumer-function {function}: could not check that the function exists ({e}); nothing was created"
        ))
        .into()),
    }
}

pub(crate) async fn apply(ctx: &Context, args: &AlarmsApplyArgs) -> anyhow::Result<Report> {
    crate::safety::guard_write(&ctx.names, "alarms apply", args.yes, args.dry_run)?;
    if let Some(f) = args.consumer_function.as_deref() {
        check_consumer(ctx, f).await?;
    }
    let (mut specs, stream) = table_specs(ctx.dynamodb().await?, &ctx.names).await?;
    let cw = ctx.cloudwatch().await?;
    let mut report = Report::action("alarms apply");
    if args.recommended {
        let flag = args.consumer_function.as_deref();
        let mappings = match flag {
            Some(_) => None,
            None => stream_mappings(ctx.lambda().await?, stream.as_deref()).await,
        };
        let (consumer, note) = consumer_from(flag, &[], stream.as_deref(), &mappings);
        report.notes.extend(note);
        specs.extend(recommended(
            &ctx.names,
            consumer.as_deref(),
            args.iterator_age_minutes,
        ));
    }
    if args.health_check {
        specs.extend(health_check(&ctx.names));
        report.note(format!(
            "--health-check: the alarms watch the RunStatus that `{HEALTH_CHECK_COMMAND}`, run with --publish-metrics, puts each run; CloudWatch evaluates at most 7 days back, so schedule the check at least daily (not monthly) or the not-run alarm pages"
        ));
    }
    if let Some(from) = args.thresholds_from_backtest.as_deref() {
        super::backtest_thresholds::into_specs(from, &ctx.names, &mut specs, &mut report)?;
    }
    let names: Vec<String> = specs.iter().map(|s| s.name.clone()).collect();
    let existing = cw_alarms::describe(cw, &names).await?;
    let mut rows = Vec::new();
    let mut plan = Vec::new();
    let mut removed = Vec::new();
    for spec in &specs {
        let live = existing
            .iter()
            .find(|a| a.alarm_name() == Some(spec.name.as_str()));
        // Without --sns-topic, the actions an alarm has are kept: apply never unwires a pager.
        let actions = planned_actions(args.sns_topic.as_deref(), live);
        let (action, changes) = match live {
            None => (AlarmAction::Create, vec!["new alarm".to_owned()]),
            Some(a) => {
                let mut d = drift(spec, a);
                if a.alarm_description() != Some(spec.description.as_str()) {
                    d.push("description".into());
                }
                let had = actions_of(a);
                d.extend(had.changes_to(&actions));
                removed.extend(
                    had.removed_by(&actions)
                        .into_iter()
                        .map(|r| format!("{}: {r}", spec.name)),
                );
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
            actions: actions.alarm,
            ok_actions: actions.ok,
            insufficient_data_actions: actions.insufficient_data,
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
    if let Some(f) = nobody_paged(&plan, args.dry_run) {
        report.push(f);
    }
    report.set_data(&ApplyData {
        dry_run: args.dry_run,
        plan,
    })?;
    if !removed.is_empty() {
        report.note(format!(
            "--sns-topic replaces the ALARM and OK actions; {} removed: {}",
            if args.dry_run { "would be" } else { "were" },
            removed.join(", ")
        ));
    }
    report.note("Without --sns-topic every alarm keeps the actions it has (ALARM, OK and INSUFFICIENT_DATA); with it, the topic is notified on ALARM and OK, and INSUFFICIENT_DATA actions are kept.");
    report.note("Alarm 1 watches the table's own throttle events (write, read, each GSI's writes) and the on-demand per-reason ones, not UserErrors; missing datapoints count as 0 so the alarms return to OK. The latency alarms ignore periods with too few requests for a percentile.");
    report.correct(spec::corrections::user_errors());
    Ok(report)
}

crate::evidence! {
    /// `alarm.actions`: the alarms that would page nobody.
    struct SilentAlarms<'a> { alarms: &'a [&'a str] }
}

/// `alarm.actions`: the alarms that notify nobody after the apply (no `--sns-topic`, no actions
/// of their own), as a warning with the flag that fixes it.
fn nobody_paged(plan: &[PlanEntry], dry_run: bool) -> Option<Finding> {
    let silent: Vec<&str> = plan
        .iter()
        .filter(|p| p.actions.is_empty())
        .map(|p| p.alarm.as_str())
        .collect();
    if silent.is_empty() {
        return None;
    }
    Some(
        Finding::warn(
            CheckId::AlarmActions,
            format!(
                "{} of {} {} nobody when they fire (no --sns-topic, and no actions of their own): {}",
                silent.len(),
                crate::vocab::words::count(plan.len(), "alarm", "alarms"),
                match (dry_run, silent.len()) {
                    (true, _) => "would notify",
                    (false, 1) => "notifies",
                    (false, _) => "notify",
                },
                silent.join(", ")
            ),
        )
        .evidence(SilentAlarms { alarms: &silent })
        .remedy("eventsctl alarms apply --sns-topic <on-call topic ARN> (the topic is notified on ALARM and OK)"),
    )
}
