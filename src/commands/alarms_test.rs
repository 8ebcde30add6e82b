//! `alarms test`: the alarm fire drill. Says who each alarm would page (its SNS topics and their
//! confirmed endpoints, masked), then puts each alarm into ALARM with SetAlarmState (the reason
//! names the tool and the operator) and reads its history until the action ran or failed and the
//! alarm returned to its real state, or the wait ends. It pages people: `--yes` in every
//! environment, `--dry-run` to see who would be paged.

use std::collections::BTreeMap;

use aws_sdk_cloudwatch::types::MetricAlarm;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::alarms_backtest::select;
use super::data_schema::shape;
use super::registry::{Kind, Leaf, Limit, Production};
use crate::checks::alarm_test::{
    Outcome, TopicRead, TopicView, is_topic, outcome, page_finding, paged_text, settled,
    test_finding, view,
};
use crate::checks::alarms as alarm_checks;
use crate::cli::{AlarmsCommand, AlarmsTestArgs, Command};
use crate::context::Context;
use crate::error::Refusal;
use crate::report::{CheckId, Finding, Report, Section};

pub(crate) static TEST: Leaf<AlarmsTestArgs> = Leaf::new(
    "alarms test",
    Kind::Action,
    |c| match c {
        Command::Alarms(AlarmsCommand::Test(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(test(ctx, a).await?.into()) }),
)
.limit(Limit::Minutes(20))
.production(Production::NeedsYes { with: &[] })
.data(shape::<TestData>);

/// One alarm in `data.alarms[]`.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "AlarmTestData")]
struct AlarmData {
    alarm: String,
    /// The finding of its test (`alarm_test.NAME`).
    #[schemars(with = "String")]
    check: CheckId,
    actions_enabled: bool,
    /// The alarm's ALARM actions (ARNs).
    alarm_actions: Vec<String>,
    topics: Vec<TopicView>,
    /// When SetAlarmState answered; `null` in a dry run or when it failed.
    set_at: Option<DateTime<Utc>>,
    /// What its history showed after; `null` in a dry run.
    outcome: Option<Outcome>,
}

/// `alarms test`'s `data`.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "AlarmsTestData")]
struct TestData {
    dry_run: bool,
    /// Who ran the test: the caller's ARN (STS), else `$USER`.
    operator: String,
    /// The reason given to SetAlarmState (it shows in the alarm's history and the page).
    reason: String,
    /// Seconds spent reading the alarms' history after setting them; 0 in a dry run.
    waited_s: u64,
    alarms: Vec<AlarmData>,
}

/// Who runs the test: the caller's ARN (STS), else `$USER`.
async fn operator(ctx: &Context) -> String {
    if let Ok(sts) = ctx.sts().await
        && let Ok(Some(arn)) = crate::aws::sts::caller_arn(sts).await
    {
        return arn;
    }
    std::env::var("USER").unwrap_or_else(|_| "an unknown operator".into())
}

/// SetAlarmState takes at most 1,023 characters of reason.
fn reason(operator: &str) -> String {
    let text = format!(
        "Alarm test by eventsctl alarms test, run by {operator}: not a real incident; the alarm returns to its real state at its next evaluation"
    );
    text.chars().take(1023).collect()
}

/// Each SNS topic of the alarms, read once.
async fn read_topics(
    ctx: &Context,
    alarms: &[&MetricAlarm],
) -> anyhow::Result<BTreeMap<String, TopicRead>> {
    let sns = ctx.sns().await?;
    let mut out = BTreeMap::new();
    for topic in alarms
        .iter()
        .flat_map(|a| a.alarm_actions())
        .filter(|t| is_topic(t))
    {
        if out.contains_key(topic) {
            continue;
        }
        let read = match crate::aws::sns::topic_counts(sns, topic).await {
            Ok(None) => TopicRead::Missing,
            Err(e) => TopicRead::Unreadable(e.to_string()),
            Ok(Some(counts)) => match crate::aws::sns::subscriptions(sns, topic).await {
                Ok(Some(subscriptions)) => TopicRead::Found {
                    counts,
                    subscriptions,
                },
                Ok(None) => TopicRead::Missing,
                Err(e) => TopicRead::Unreadable(e.to_string()),
            },
        };
        out.insert(topic.clone(), read);
    }
    Ok(out)
}

fn short(name: &str, prefix: &str) -> String {
    name.strip_prefix(prefix).unwrap_or(name).to_owned()
}

/// Sets each alarm to ALARM; the time each answered, or why not.
async fn set_all(
    ctx: &Context,
    alarms: &[&MetricAlarm],
    reason: &str,
    data: &str,
) -> anyhow::Result<Vec<Result<DateTime<Utc>, String>>> {
    let cw = ctx.cloudwatch().await?;
    let mut out = Vec::new();
    for a in alarms {
        let name = a.alarm_name().unwrap_or_default();
        out.push(
            crate::aws::alarm_state::set_alarm(cw, name, reason, data)
                .await
                .map(|()| Utc::now())
                .map_err(|e| e.to_string()),
        );
    }
    Ok(out)
}

/// Reads the alarms' history from `since` until each has settled or `wait` seconds passed.
async fn watch(
    ctx: &Context,
    names: &[String],
    since: DateTime<Utc>,
    wait: u64,
) -> anyhow::Result<(Vec<Outcome>, i64)> {
    let cw = ctx.cloudwatch().await?;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(wait);
    let spinner = ctx
        .progress()
        .spinner("waiting for each alarm's action and its next evaluation");
    let outcomes = loop {
        let items = crate::aws::alarm_history::history(cw, names, since, Utc::now()).await?;
        let outcomes: Vec<Outcome> = names
            .iter()
            .map(|n| {
                let mine: Vec<_> = items.iter().filter(|c| &c.alarm == n).cloned().collect();
                outcome(&mine)
            })
            .collect();
        if outcomes.iter().all(settled) || tokio::time::Instant::now() >= deadline {
            break outcomes;
        }
        tokio::select! {
            () = tokio::time::sleep(std::time::Duration::from_secs(5)) => {}
            () = super::interrupted() => break outcomes,
        }
    };
    spinner.finish_and_clear();
    Ok((outcomes, (Utc::now() - since).num_seconds()))
}

pub(crate) async fn test(ctx: &Context, args: &AlarmsTestArgs) -> anyhow::Result<Report> {
    if !args.dry_run && !args.yes {
        return Err(Refusal::new(
            "alarms test pages people (it puts the alarms into ALARM): add --yes to page them, or --dry-run to see who would be paged",
        )
        .into());
    }
    crate::safety::guard_write(&ctx.names, "alarms test", args.yes, args.dry_run)?;
    let gathered = alarm_checks::gather(
        ctx.dynamodb().await?,
        ctx.cloudwatch().await?,
        ctx.lambda().await?,
        &ctx.names,
    )
    .await;
    drill(ctx, &gathered, args).await
}

/// `health-check monthly --alarm-test`: the test of every alarm (the flag is the consent: it
/// pages; on production with `--yes`, checked by the caller), its findings and its table;
/// unknown when there is nothing to test. `dry_run`: who would be paged, nobody paged.
pub(crate) async fn monthly(
    ctx: &Context,
    gathered: &alarm_checks::AlarmGather,
    wait: u64,
    dry_run: bool,
) -> anyhow::Result<(Vec<Finding>, Vec<Section>)> {
    let args = AlarmsTestArgs {
        alarms: Vec::new(),
        wait,
        dry_run,
        yes: !dry_run,
    };
    match drill(ctx, gathered, &args).await {
        Ok(r) => Ok((r.findings, r.sections)),
        Err(e) if e.downcast_ref::<Refusal>().is_some() => Ok((
            vec![Finding::unknown(
                CheckId::AlarmTest("all".into()),
                format!("{e:#}"),
            )],
            Vec::new(),
        )),
        Err(e) => Err(e),
    }
}

/// Who each alarm pages, then (not in a dry run) the test itself.
async fn drill(
    ctx: &Context,
    gathered: &alarm_checks::AlarmGather,
    args: &AlarmsTestArgs,
) -> anyhow::Result<Report> {
    let prefix = format!("{}-{}-", ctx.names.prefix, ctx.names.env);
    let found = match &gathered.facts.found {
        Ok(found) => found.clone(),
        Err(e) => {
            return Err(Refusal::new(format!("could not read the alarms to test: {e}")).into());
        }
    };
    let alarms = select(
        &found,
        |a| a.alarm_name().unwrap_or_default(),
        &args.alarms,
        &prefix,
    )?;
    if alarms.is_empty() {
        return Err(Refusal::new(
            "none of this environment's alarms exists: nothing to test (eventsctl alarms apply --sns-topic <on-call topic ARN> creates them)",
        )
        .into());
    }
    let operator = operator(ctx).await;
    let reason = reason(&operator);
    let topics = read_topics(ctx, &alarms).await?;
    let mut report = Report::action("alarms test");
    let mut rows = Vec::new();
    let mut data = Vec::new();
    for a in &alarms {
        let name = a.alarm_name().unwrap_or_default();
        let actions = a.alarm_actions().to_vec();
        let views: Vec<TopicView> = actions
            .iter()
            .filter_map(|t| topics.get(t).map(|r| view(t, r)))
            .collect();
        let enabled = a.actions_enabled().unwrap_or(true);
        report.push(page_finding(
            &short(name, &prefix),
            name,
            enabled,
            &actions,
            &views,
        ));
        let who = paged_text(&views);
        rows.push(vec![
            name.to_owned(),
            if who.is_empty() { "nobody".into() } else { who },
        ]);
        data.push(AlarmData {
            alarm: name.to_owned(),
            check: CheckId::AlarmTest(short(name, &prefix)),
            actions_enabled: enabled,
            alarm_actions: actions,
            topics: views,
            set_at: None,
            outcome: None,
        });
    }
    report.section(Section::table(
        if args.dry_run {
            "Who would be paged (dry run: no alarm was changed)"
        } else {
            "Who is paged"
        },
        &["ALARM", "PAGES"],
        rows,
    ));
    let mut waited = 0;
    if !args.dry_run {
        waited = run_test(
            ctx,
            &mut report,
            &alarms,
            &mut data,
            &reason,
            &prefix,
            args.wait,
        )
        .await?;
    }
    report.set_data(&TestData {
        dry_run: args.dry_run,
        operator,
        reason,
        waited_s: waited,
        alarms: data,
    })?;
    report.note(NOTE);
    Ok(report)
}

/// Sets every alarm to ALARM, waits, and adds each `alarm_test` finding; the seconds waited.
async fn run_test(
    ctx: &Context,
    report: &mut Report,
    alarms: &[&MetricAlarm],
    data: &mut [AlarmData],
    reason: &str,
    prefix: &str,
    wait: u64,
) -> anyhow::Result<u64> {
    let since = Utc::now() - chrono::Duration::seconds(1);
    let reason_data =
        serde_json::json!({"tool": "eventsctl", "command": "alarms test"}).to_string();
    let set = set_all(ctx, alarms, reason, &reason_data).await?;
    let names: Vec<String> = alarms
        .iter()
        .map(|a| a.alarm_name().unwrap_or_default().to_owned())
        .collect();
    let (outcomes, waited) = watch(ctx, &names, since, wait).await?;
    let findings: Vec<Finding> = alarms
        .iter()
        .zip(set)
        .zip(outcomes)
        .zip(data.iter_mut())
        .map(|(((a, set), o), d)| {
            let name = a.alarm_name().unwrap_or_default();
            d.set_at = set.as_ref().ok().copied();
            let f = test_finding(
                &short(name, prefix),
                name,
                reason,
                set,
                &o,
                waited,
                a.period()
                    .or_else(|| a.metrics().iter().find_map(|m| m.metric_stat()?.period())),
            );
            d.outcome = Some(o);
            f
        })
        .collect();
    report.extend(findings);
    Ok(waited.max(0) as u64)
}

/// What the test does to an alarm, and what it cannot see.
const NOTE: &str = "SetAlarmState puts an alarm into ALARM and CloudWatch runs its ALARM actions (the page); the alarm returns to its real state at its next evaluation, which CloudWatch records in the alarm's history. An Action item in that history says the action ran or why it failed; an endpoint that received it is the only proof of delivery.";
