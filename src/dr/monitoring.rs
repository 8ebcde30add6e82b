//! The alarms and dashboard of a cutover: after traffic moved, the environment's alarms (the
//! runbook's and the recommended ones, as `alarms apply --recommended` builds them) and its
//! dashboard (as `dashboard apply` draws it) are put for the target. Their names are the
//! environment's, not the table's, so they replace the ones that watched the source: the
//! record keeps each replaced alarm's whole definition and the dashboard's body from before,
//! and `dr rollback` puts them back exactly (deleting what the cutover created). An alarm keeps
//! the actions it had (whoever it paged, it still pages); one the cutover creates pages nobody
//! until `alarms apply --sns-topic` gives it a topic, which the report says.

use aws_sdk_cloudwatch::types::MetricAlarm;

use super::record::{AlarmChange, DashboardChange, MonitoringChange, Status};
use crate::aws::alarm_definition::{self as def, AlarmDefinition};
use crate::aws::alarms as cw_alarms;
use crate::checks::alarms::{drift, table_specs};
use crate::context::Context;
use crate::spec::alarms::{AlarmAction, AlarmActions, AlarmSpec, recommended};
use crate::spec::{Names, dashboard};
use crate::vocab::defaults::DEFAULT_ITERATOR_AGE_MINUTES;

type StepResult = anyhow::Result<(Status, Option<String>)>;

/// The environment's names, watching `target`.
fn target_names(ctx: &Context, target: &str) -> Names {
    let mut names = ctx.names.clone();
    names.table = target.to_owned();
    names
}

/// The alarms for the target, as `alarms apply --recommended` builds them.
async fn specs(
    ctx: &Context,
    target: &str,
    consumer: Option<&str>,
    minutes: f64,
) -> anyhow::Result<Vec<AlarmSpec>> {
    let names = target_names(ctx, target);
    let (mut specs, _) = table_specs(ctx.dynamodb().await?, &names).await?;
    specs.extend(recommended(&names, consumer, minutes));
    Ok(specs)
}

/// The IteratorAge threshold of the live consumer alarm, in minutes (else the default).
fn live_minutes(live: &[MetricAlarm]) -> f64 {
    live.iter()
        .find(|a| a.metric_name() == Some("IteratorAge"))
        .and_then(|a| a.threshold())
        .map(|ms| ms / 60_000.0)
        .unwrap_or(DEFAULT_ITERATOR_AGE_MINUTES)
}

/// What putting `spec` over `live` does, as `alarms apply` decides it (the actions kept). Pure.
fn change_of(spec: &AlarmSpec, live: Option<&MetricAlarm>) -> AlarmChange {
    let (action, changes) = match live {
        None => (AlarmAction::Create, vec!["new alarm".to_owned()]),
        Some(a) => {
            let mut d = drift(spec, a);
            if a.alarm_description() != Some(spec.description.as_str()) {
                d.push("description".into());
            }
            if d.is_empty() {
                (AlarmAction::Unchanged, d)
            } else {
                (AlarmAction::Update, d)
            }
        }
    };
    AlarmChange {
        name: spec.name.clone(),
        action,
        changes,
        before: live.map(def::of),
        after: None,
    }
}

/// Before anything changes: the alarms for the target and what each is now, the dashboard's
/// body now. `consumer`: the one function reading the source's stream, if one.
pub(crate) async fn gather(
    ctx: &Context,
    target: &str,
    consumer: Option<&str>,
) -> anyhow::Result<MonitoringChange> {
    let cw = ctx.cloudwatch().await?;
    let first = specs(ctx, target, consumer, DEFAULT_ITERATOR_AGE_MINUTES).await?;
    let names: Vec<String> = first.iter().map(|s| s.name.clone()).collect();
    let live = cw_alarms::describe(cw, &names).await?;
    let minutes = live_minutes(&live);
    let all = specs(ctx, target, consumer, minutes).await?;
    let alarms = all
        .iter()
        .map(|s| change_of(s, live.iter().find(|a| a.alarm_name() == Some(&s.name))))
        .collect();
    let name = ctx.names.dashboard.clone();
    let before = crate::aws::dashboard::get(cw, &name).await?;
    Ok(MonitoringChange {
        consumer: consumer.map(str::to_owned),
        iterator_age_minutes: minutes,
        alarms,
        dashboard: DashboardChange {
            name,
            before,
            after: None,
        },
    })
}

/// The plan's line for the alarms step. Pure.
pub(crate) fn alarms_change(m: &MonitoringChange, source: &str, target: &str) -> String {
    let of = |a: AlarmAction| -> Vec<&str> {
        m.alarms
            .iter()
            .filter(|c| c.action == a)
            .map(|c| c.name.as_str())
            .collect()
    };
    let mut parts = Vec::new();
    for (a, label) in [
        (AlarmAction::Create, "create"),
        (AlarmAction::Update, "update"),
        (AlarmAction::Unchanged, "unchanged"),
    ] {
        let names = of(a);
        if !names.is_empty() {
            parts.push(format!("{label} {}", names.join(", ")));
        }
    }
    format!(
        "alarms watching {source} → watching {target} ({}; each keeps its actions; the record keeps every replaced definition)",
        parts.join("; ")
    )
}

/// The plan's line for the dashboard step. Pure.
pub(crate) fn dashboard_change(m: &MonitoringChange, source: &str, target: &str) -> String {
    match &m.dashboard.before {
        Some(_) => format!(
            "dashboard {}: its body (the record keeps it) → widgets on {target} instead of {source}",
            m.dashboard.name
        ),
        None => format!(
            "dashboard {}: none → widgets on {target} (rollback deletes it)",
            m.dashboard.name
        ),
    }
}

/// The actions an alarm keeps: the ones it had before the cutover (none for a new one).
fn kept_actions(before: Option<&AlarmDefinition>) -> AlarmActions {
    before
        .map(|d| AlarmActions {
            alarm: d.alarm_actions.clone(),
            ok: d.ok_actions.clone(),
            insufficient_data: d.insufficient_data_actions.clone(),
        })
        .unwrap_or_default()
}

/// Puts the alarms the record plans for the target (a resume puts them again: the same put).
pub(crate) async fn apply_alarms(
    ctx: &Context,
    m: &mut MonitoringChange,
    target: &str,
) -> StepResult {
    let cw = ctx.cloudwatch().await?;
    let specs = specs(ctx, target, m.consumer.as_deref(), m.iterator_age_minutes).await?;
    let mut put = 0;
    let mut silent = Vec::new();
    for c in m.alarms.iter().filter(|c| c.action.writes()) {
        let spec = specs
            .iter()
            .find(|s| s.name == c.name)
            .ok_or_else(|| anyhow::anyhow!("alarm {} is no longer among {target}'s", c.name))?;
        let actions = kept_actions(c.before.as_ref());
        if actions.alarm.is_empty() {
            silent.push(c.name.clone());
        }
        cw_alarms::put(cw, spec, &actions).await?;
        put += 1;
    }
    // What the cutover left, read back: the rollback's test for "changed since".
    let names: Vec<String> = m.alarms.iter().map(|c| c.name.clone()).collect();
    let live = cw_alarms::describe(cw, &names).await?;
    for c in m.alarms.iter_mut() {
        c.after = live
            .iter()
            .find(|a| a.alarm_name() == Some(c.name.as_str()))
            .map(def::of);
    }
    let mut detail = format!(
        "{} put for {target}, {} unchanged",
        crate::vocab::words::plural(put as u64, "alarm", "alarms"),
        m.alarms.len() - put
    );
    if !silent.is_empty() {
        detail.push_str(&format!(
            "; paging nobody (no actions of their own): {} (alarms apply --sns-topic ARN gives them one)",
            silent.join(", ")
        ));
    }
    Ok((Status::Done, Some(detail)))
}

/// Puts the dashboard for the target, drawn as `dashboard apply` draws it.
pub(crate) async fn apply_dashboard(
    ctx: &Context,
    m: &mut MonitoringChange,
    target: &str,
) -> StepResult {
    let t = crate::aws::table::describe(ctx.dynamodb().await?, target).await?;
    let gsis = crate::aws::table::gsi_names(t.as_ref());
    let gsis: Vec<&str> = gsis.iter().map(String::as_str).collect();
    let body = dashboard::body(
        &dashboard::widgets(target, &gsis),
        &ctx.region().unwrap_or_default(),
    );
    let cw = ctx.cloudwatch().await?;
    let messages = crate::aws::dashboard::put(cw, &m.dashboard.name, body.to_string()).await?;
    m.dashboard.after = crate::aws::dashboard::get(cw, &m.dashboard.name).await?;
    let mut detail = format!("dashboard {} drawn for {target}", m.dashboard.name);
    if !messages.is_empty() {
        detail.push_str(&format!("; CloudWatch: {}", messages.join("; ")));
    }
    Ok((Status::Done, Some(detail)))
}

/// Undo: the alarms the cutover created deleted, the ones it replaced put back as they were.
/// An alarm changed since the cutover left it (not forced): left alone. Pure.
fn edited_since(c: &AlarmChange, live: Option<&AlarmDefinition>, force: &[String]) -> bool {
    c.after.is_some() && live.is_some() && live != c.after.as_ref() && !force.contains(&c.name)
}

pub(crate) async fn restore_alarms(
    ctx: &Context,
    m: &MonitoringChange,
    force: &[String],
) -> StepResult {
    let cw = ctx.cloudwatch().await?;
    let names: Vec<String> = m.alarms.iter().map(|c| c.name.clone()).collect();
    let live: Vec<AlarmDefinition> = cw_alarms::describe(cw, &names)
        .await?
        .iter()
        .map(def::of)
        .collect();
    let live_of = |name: &str| live.iter().find(|d| d.name == name);
    let (conflicts, undo): (Vec<&AlarmChange>, Vec<&AlarmChange>) = m
        .alarms
        .iter()
        .filter(|c| c.action.writes())
        .partition(|c| edited_since(c, live_of(&c.name), force));
    let created: Vec<String> = undo
        .iter()
        .filter(|c| c.action == AlarmAction::Create)
        .map(|c| c.name.clone())
        .collect();
    let replaced: Vec<&AlarmDefinition> = undo
        .iter()
        .filter(|c| c.action == AlarmAction::Update)
        .filter_map(|c| c.before.as_ref())
        .collect();
    for d in &replaced {
        def::put(cw, d).await?;
    }
    def::delete(cw, &created).await?;
    if !conflicts.is_empty() {
        let names: Vec<&str> = conflicts.iter().map(|c| c.name.as_str()).collect();
        return Ok((
            Status::Conflict,
            Some(format!(
                "changed since the cutover, left alone: {} (--force NAME sets each back anyway); the others were set back",
                names.join(", ")
            )),
        ));
    }
    Ok((
        Status::Done,
        Some(format!(
            "{} put back as they were, {} the cutover created deleted",
            crate::vocab::words::plural(replaced.len() as u64, "alarm", "alarms"),
            crate::vocab::words::plural(created.len() as u64, "alarm", "alarms")
        )),
    ))
}

/// Undo: the dashboard's body put back (deleted when there was none before).
pub(crate) async fn restore_dashboard(
    ctx: &Context,
    m: &MonitoringChange,
    force: &[String],
) -> StepResult {
    let cw = ctx.cloudwatch().await?;
    let name = &m.dashboard.name;
    let now = crate::aws::dashboard::get(cw, name).await?;
    if m.dashboard.after.is_some()
        && now.is_some()
        && now != m.dashboard.after
        && !force.contains(name)
    {
        return Ok((
            Status::Conflict,
            Some(format!(
                "dashboard {name} changed since the cutover: left alone; --force {name} puts its body before back anyway"
            )),
        ));
    }
    Ok(match &m.dashboard.before {
        Some(body) => {
            crate::aws::dashboard::put(cw, name, body.clone()).await?;
            (
                Status::Done,
                Some(format!("dashboard {name}: its previous body put back")),
            )
        }
        None => {
            crate::aws::dashboard::delete(cw, name).await?;
            (
                Status::Done,
                Some(format!("dashboard {name} deleted (the cutover created it)")),
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(name: &str, action: AlarmAction) -> AlarmChange {
        AlarmChange {
            name: name.into(),
            action,
            changes: Vec::new(),
            before: None,
            after: None,
        }
    }

    #[test]
    fn the_plan_names_each_alarm_by_what_happens_to_it_and_the_dashboard_before() {
        let mut m = MonitoringChange {
            consumer: None,
            iterator_age_minutes: 5.0,
            alarms: vec![
                change("a", AlarmAction::Create),
                change("b", AlarmAction::Update),
                change("c", AlarmAction::Update),
            ],
            dashboard: DashboardChange {
                name: "d".into(),
                before: None,
                after: None,
            },
        };
        let line = alarms_change(&m, "s", "t");
        assert!(line.contains("create a; update b, c"), "{line}");
        assert!(!line.contains("unchanged"), "{line}");
        assert!(dashboard_change(&m, "s", "t").contains("none → widgets on t"));
        m.dashboard.before = Some("{}".into());
        assert!(dashboard_change(&m, "s", "t").contains("the record keeps it"));
    }

    #[test]
    fn an_alarm_edited_since_the_cutover_is_left_alone_unless_forced() {
        let a = |t: f64| def::of(&MetricAlarm::builder().alarm_name("x").threshold(t).build());
        let mut c = change("x", AlarmAction::Update);
        c.after = Some(a(1.0));
        assert!(!edited_since(&c, Some(&a(1.0)), &[]));
        assert!(edited_since(&c, Some(&a(2.0)), &[]));
        assert!(!edited_since(&c, Some(&a(2.0)), &["x".into()]));
        assert!(!edited_since(&c, None, &[]), "gone: nothing to keep");
    }

    #[test]
    fn an_alarm_keeps_the_actions_it_had_and_a_new_one_has_none() {
        assert_eq!(kept_actions(None), AlarmActions::default());
        let a = MetricAlarm::builder()
            .alarm_name("x")
            .alarm_actions("arn:t")
            .ok_actions("arn:t")
            .build();
        let kept = kept_actions(Some(&def::of(&a)));
        assert_eq!(kept.alarm, ["arn:t"]);
        assert_eq!(kept.ok, ["arn:t"]);
    }
}
