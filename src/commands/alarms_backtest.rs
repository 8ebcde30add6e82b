//! `alarms backtest`: each alarm of the environment replayed over the last days of its own
//! metrics (`checks::alarm_replay`, on the engine in `checks::backtest`): when it would have
//! fired, how often it would have paged, and for a target page rate the threshold that would
//! have met it, next to the runbook's. Reads only.

use serde::Serialize;

use super::data_schema::shape;
use super::registry::{Kind, Leaf, Limit};
use crate::checks::alarm_replay::{self, Asked, Replay, ReplayData};
use crate::checks::alarms as alarm_checks;
use crate::checks::backtest::Options;
use crate::cli::{AlarmsBacktestArgs, AlarmsCommand, Command};
use crate::context::Context;
use crate::error::UsageError;
use crate::report::{CheckId, Finding, Report, Section};

pub(crate) static BACKTEST: Leaf<AlarmsBacktestArgs> = Leaf::new(
    "alarms backtest",
    Kind::Check,
    |c| match c {
        Command::Alarms(AlarmsCommand::Backtest(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(backtest(ctx, a).await?.into()) }),
)
.limit(Limit::Minutes(10))
.data(shape::<BacktestData<'static>>);

/// `alarms backtest`'s `data`.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "AlarmsBacktestData")]
struct BacktestData<'a> {
    /// The days replayed (`--days`).
    days: u32,
    /// The target page rate (`--pages-per-month`); `null` without it.
    pages_per_month: Option<f64>,
    alarms: Vec<ReplayData<'a>>,
}

/// The alarms `--alarm` names (a full name, or one without `{prefix}-{env}-`), or all of them.
pub(crate) fn select<'a, T>(
    alarms: &'a [T],
    name_of: impl Fn(&T) -> &str,
    wanted: &[String],
    prefix: &str,
) -> Result<Vec<&'a T>, UsageError> {
    if wanted.is_empty() {
        return Ok(alarms.iter().collect());
    }
    let matches = |a: &T, w: &str| {
        let n = name_of(a);
        n == w || n.strip_prefix(prefix) == Some(w)
    };
    if let Some(unknown) = wanted
        .iter()
        .find(|w| !alarms.iter().any(|a| matches(a, w)))
    {
        let known: Vec<&str> = alarms.iter().map(&name_of).collect();
        return Err(UsageError::new(format!(
            "--alarm {unknown}: no such alarm of this environment; its alarms: {}",
            if known.is_empty() {
                "none (eventsctl alarms apply creates them)".to_owned()
            } else {
                known.join(", ")
            }
        )));
    }
    Ok(alarms
        .iter()
        .filter(|a| wanted.iter().any(|w| matches(a, w)))
        .collect())
}

/// The environment's alarms and the runbook's threshold of each, as `alarms status` reads them.
pub(crate) async fn replays(
    ctx: &Context,
    gathered: &alarm_checks::AlarmGather,
    wanted: &[String],
    asked: Asked,
) -> anyhow::Result<Result<Vec<Replay>, Finding>> {
    let prefix = format!("{}-{}-", ctx.names.prefix, ctx.names.env);
    let found = match &gathered.facts.found {
        Ok(found) => found,
        Err(e) => {
            return Ok(Err(Finding::unknown(
                CheckId::AlarmDescribe,
                format!("could not read the alarms to replay: {e}"),
            )));
        }
    };
    let selected: Vec<_> = select(
        found,
        |a| a.alarm_name().unwrap_or_default(),
        wanted,
        &prefix,
    )?
    .into_iter()
    .cloned()
    .collect();
    if selected.is_empty() {
        return Ok(Err(Finding::unknown(
            CheckId::AlarmDescribe,
            "none of this environment's alarms exists: nothing to replay",
        )
        .remedy("eventsctl alarms apply --sns-topic <on-call topic ARN>")));
    }
    let specs = &gathered.facts.specs;
    let runbook = |name: &str| specs.iter().find(|s| s.name == name).map(|s| s.threshold);
    Ok(Ok(alarm_replay::gather(
        ctx.cloudwatch().await?,
        &selected,
        &prefix,
        runbook,
        asked,
    )
    .await))
}

pub(crate) async fn backtest(ctx: &Context, args: &AlarmsBacktestArgs) -> anyhow::Result<Report> {
    let gathered = alarm_checks::gather(
        ctx.dynamodb().await?,
        ctx.cloudwatch().await?,
        ctx.lambda().await?,
        &ctx.names,
    )
    .await;
    let asked = Asked {
        days: args.days,
        options: Options {
            pages_per_month: args.pages_per_month,
        },
        now: chrono::Utc::now(),
    };
    let mut report = Report::check("alarms backtest");
    let spinner = ctx
        .progress()
        .spinner("replaying the alarms over their metrics");
    let replays = replays(ctx, &gathered, &args.alarms, asked).await;
    spinner.finish_and_clear();
    let replays = match replays? {
        Ok(r) => r,
        Err(f) => {
            report.push(f);
            Vec::new()
        }
    };
    for r in &replays {
        report.push(r.finding());
    }
    if !replays.is_empty() {
        report.section(alarm_replay::section(
            &replays,
            &format!(
                "Alarms replayed over the last {}",
                crate::vocab::words::plural(args.days, "day", "days")
            ),
        ));
    }
    report.set_data(&BacktestData {
        days: args.days,
        pages_per_month: args.pages_per_month,
        alarms: replays.iter().map(Replay::data).collect(),
    })?;
    if args.pages_per_month.is_some() && !replays.is_empty() {
        let data = serde_json::Value::Object(report.data.clone());
        match super::backtest_thresholds::save(&ctx.names, &data) {
            Ok(path) => report.note(format!(
                "Suggestions kept in {}: `eventsctl alarms apply --thresholds-from-backtest latest --dry-run` shows each threshold before → after",
                path.display()
            )),
            Err(e) => report.note(format!("The suggestions could not be kept ({e}): save this output with -o json and pass it to --thresholds-from-backtest FILE")),
        }
    }
    report.note(NOTE);
    Ok(report)
}

/// `health-check monthly`'s backtest: every alarm of the environment over the last 30 days
/// (reads metrics only), its findings and its table.
pub(crate) async fn monthly(
    ctx: &Context,
    gathered: &alarm_checks::AlarmGather,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<(Vec<Finding>, Vec<Section>)> {
    let asked = Asked {
        days: crate::cli::DEFAULT_BACKTEST_DAYS,
        options: Options::default(),
        now,
    };
    Ok(match replays(ctx, gathered, &[], asked).await? {
        // No alarm to replay, or they could not be read: the alarms part says which (missing
        // alarms are crit there, a failed DescribeAlarms is its `alarm.describe`).
        Err(_) => (Vec::new(), Vec::new()),
        Ok(replays) => (
            replays.iter().map(Replay::finding).collect(),
            vec![alarm_replay::section(
                &replays,
                &format!(
                    "Alarms replayed over the last {} (eventsctl alarms backtest --pages-per-month N suggests thresholds)",
                    crate::vocab::words::plural(asked.days, "day", "days")
                ),
            )],
        ),
    })
}

/// What a replay is and is not.
pub(crate) const NOTE: &str = "Each alarm's own rule (metric or metric math, period, statistic, datapoints to alarm, threshold, missing data) replayed over its metrics' history; a page is a transition to ALARM after the window's first evaluation. The runbook's thresholds stay until `alarms apply` changes them: a suggested threshold is advice.";
