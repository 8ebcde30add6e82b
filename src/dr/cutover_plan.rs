//! The plan of a cutover, decided from what AWS said before anything changes: the target is
//! ready (ACTIVE, the source's key schema, stream, TTL and PITR on, verified against the source),
//! what points at the source (the functions whose variable names it, the mappings on its stream)
//! and, in a safe order, every change as before → after. Anything missing is a refusal that says
//! what to run first.

use aws_sdk_dynamodb::types::{TableDescription, TableStatus, Tag, TimeToLiveStatus};
use chrono::{DateTime, Utc};

use super::record::{Kind, NewMapping, Record, SCHEMA, Stage, StepRecord};
use crate::aws::lambda::{FunctionState, Mapping};
use crate::error::Refusal;
use crate::report::{Finding, Status};
use crate::spec;
use crate::times::stamp;

/// The tag a cutover writes on its target: the table it replaced.
pub(crate) const CUTOVER_FROM_TAG: &str = "eventsctl-cutover-from";
/// Lambda's limit on a function's environment: 4 KB, keys and values together.
/// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
pub(crate) const ENV_LIMIT_BYTES: usize = 4096;
/// A new mapping's batch size when the old one said none (AWS's default for DynamoDB).
const DEFAULT_BATCH: i32 = 100;

/// What AWS said, before anything changes.
#[derive(Default)]
pub(crate) struct Facts {
    pub source: Option<TableDescription>,
    pub target: Option<TableDescription>,
    pub target_tags: Vec<Tag>,
    pub target_ttl: Option<TimeToLiveStatus>,
    pub target_pitr: bool,
    /// The functions to change: found by their variable, or named with `--function`.
    pub functions: Vec<FunctionState>,
    /// Functions named with `--function` that do not exist.
    pub missing: Vec<String>,
    /// The mappings on the source's stream.
    pub source_mappings: Vec<Mapping>,
    /// The fresh sample check of the target against the source.
    pub verification: Vec<Finding>,
    /// Each function's role, and what it lacks on the target.
    pub access: Vec<super::access::RoleAccess>,
    /// The resource-based policies of the source's table and stream, and of the target's.
    pub policies: Vec<super::policy_copy::Found>,
    /// The environment's alarms and dashboard as they are, and as they will be for the target
    /// (`None`: the cutover leaves them alone, as the drill's does).
    pub monitoring: Option<super::record::MonitoringChange>,
}

/// The Region of a function given by ARN (`arn:aws:lambda:REGION:ACCOUNT:function:NAME`).
pub(crate) fn arn_region(function: &str) -> Option<&str> {
    let parts: Vec<&str> = function.split(':').collect();
    (parts.len() >= 7 && parts[0] == "arn" && parts[2] == "lambda").then(|| parts[3])
}

/// Refuses a function given by the ARN of another Region than the one the tool runs in
/// (functions are regional: the call would answer "not found", or change the wrong one).
pub(crate) fn check_regions(functions: &[String], region: &str) -> Result<(), Refusal> {
    for f in functions {
        if let Some(r) = arn_region(f).filter(|r| *r != region) {
            return Err(Refusal::new(format!(
                "function {f} is in {r}, not {region}: run with --region {r} (a cutover changes the functions of one Region)"
            )));
        }
    }
    Ok(())
}

/// Why the target is not ready, or nothing. Pure.
fn target_refusal(f: &Facts, source: &TableDescription, s: &str, t: &str) -> Option<String> {
    let resume = format!("eventsctl --table {s} pitr-restore --resume {t}");
    let Some(target) = &f.target else {
        return Some(format!(
            "the target table {t} does not exist: restore it first (eventsctl --table {s} pitr-restore --to TIME --target {t})"
        ));
    };
    if target.table_status() != Some(&TableStatus::Active) {
        return Some(format!(
            "{t} is {}, not ACTIVE: wait for it ({resume})",
            target.table_status().map(|s| s.as_str()).unwrap_or("?")
        ));
    }
    if target.key_schema() != source.key_schema() {
        return Some(format!(
            "{t} has another key schema than {s}: it is not a restore of it"
        ));
    }
    let stream_on = target
        .stream_specification()
        .is_some_and(|s| s.stream_enabled())
        && target.latest_stream_arn().is_some();
    if !stream_on {
        return Some(format!(
            "{t} has no stream: its consumer would get nothing; re-apply what the restore dropped first ({resume})"
        ));
    }
    if !matches!(
        f.target_ttl,
        Some(TimeToLiveStatus::Enabled | TimeToLiveStatus::Enabling)
    ) {
        return Some(format!(
            "{t} has no TTL on: re-apply what the restore dropped first ({resume})"
        ));
    }
    if !f.target_pitr {
        return Some(format!(
            "{t} has no point-in-time recovery on: re-apply what the restore dropped first ({resume})"
        ));
    }
    let tagged = f
        .target_tags
        .iter()
        .find(|g| g.key == spec::RESTORE_SOURCE_TAG)
        .map(|g| g.value.as_str());
    if let Some(other) = tagged.filter(|v| *v != s) {
        return Some(format!("{t} is a restore of {other}, not of {s}"));
    }
    let failed: Vec<&str> = f
        .verification
        .iter()
        .filter(|x| x.status == Status::Crit)
        .map(|x| x.summary.as_str())
        .collect();
    if !failed.is_empty() {
        return Some(format!(
            "{t} does not verify against {s}: {}; check the restore ({resume})",
            failed.join("; ")
        ));
    }
    None
}

/// Why a function cannot be changed, or nothing. Pure.
fn function_refusal(f: &FunctionState, variable: &str, s: &str, t: &str) -> Option<String> {
    match f.value.as_deref() {
        None => Some(format!(
            "function {} has no variable {variable}: name the variable with --variable",
            f.name
        )),
        Some(v) if v != s && v != t => Some(format!(
            "function {}'s {variable} names {v}, not {s}: leave it out, or check --table",
            f.name
        )),
        Some(_) if f.env_bytes + t.len() > ENV_LIMIT_BYTES + s.len() => Some(format!(
            "function {}'s environment would pass Lambda's 4 KB limit with {t}",
            f.name
        )),
        _ => None,
    }
}

/// The plan, as a record with every step pending, or the refusal. Pure.
pub(crate) fn decide(
    facts: Facts,
    source_name: &str,
    target_name: &str,
    variable: &str,
    region: &str,
    grant: bool,
    now: DateTime<Utc>,
) -> Result<Record, Refusal> {
    let (s, t) = (source_name, target_name);
    let source = facts.source.as_ref().ok_or_else(|| {
        Refusal::new(format!(
            "source table {s} does not exist (check --env/--table)"
        ))
    })?;
    if let Some(why) = target_refusal(&facts, source, s, t) {
        return Err(Refusal::new(why));
    }
    if let Some(m) = facts.missing.first() {
        return Err(Refusal::new(format!(
            "function {m} does not exist in {region}: check its name (or its Region)"
        )));
    }
    if let Some(why) = facts
        .functions
        .iter()
        .find_map(|f| function_refusal(f, variable, s, t))
    {
        return Err(Refusal::new(why));
    }
    let grants = grants_needed(&facts.access, t, grant)?;
    let policies = copies(&facts, source, t)?;
    let enabled: Vec<&Mapping> = facts
        .source_mappings
        .iter()
        .filter(|m| m.state == "Enabled" || m.state == "Enabling" || m.state == "Creating")
        .collect();
    if facts.functions.is_empty() && enabled.is_empty() {
        return Err(Refusal::new(format!(
            "nothing points at {s}: no function's {variable} names it and no mapping reads its stream; name the functions with --function F (or the variable with --variable)"
        )));
    }
    let target = facts
        .target
        .as_ref()
        .ok_or_else(|| Refusal::new(format!("the target table {t} does not exist")))?;
    let target_stream = target.latest_stream_arn().unwrap_or_default().to_owned();
    let (mut steps, new_mappings) =
        planned_steps(&facts, source, target, &enabled, &grants, (s, t, variable));
    let at = steps.iter().take_while(|x| x.kind == Kind::Reapply).count();
    steps.insert(
        at,
        StepRecord::planned(Kind::CopyPolicy, t, super::policy_copy::change(&policies)),
    );
    Ok(Record {
        schema: SCHEMA.into(),
        source: s.into(),
        target: t.into(),
        region: region.into(),
        variable: variable.into(),
        source_stream_arn: source.latest_stream_arn().map(str::to_owned),
        target_stream_arn: Some(target_stream),
        created_at: stamp(now),
        updated_at: stamp(now),
        stage: Stage::Planned,
        traffic_moved_at: None,
        functions: facts
            .functions
            .iter()
            .map(|f| super::record::FunctionChange {
                name: f.name.clone(),
                arn: f.arn.clone(),
                role: f.role.clone(),
                before: s.into(),
                after: t.into(),
                revision_before: f.revision_id.clone(),
                revision_after: None,
            })
            .collect(),
        new_mappings,
        old_mappings: enabled.into_iter().cloned().collect(),
        steps,
        canary: None,
        rollback: Vec::new(),
        retire: Vec::new(),
        grants,
        policies,
        monitoring: facts.monitoring.clone(),
        backup_name: None,
        backup_arn: None,
    })
}

/// The cutover's steps in their safe order, each pending with its before → after, and the
/// consumers' new mappings on the target's stream. Pure.
fn planned_steps(
    facts: &Facts,
    source: &TableDescription,
    target: &TableDescription,
    enabled: &[&Mapping],
    grants: &[super::access::Grant],
    names: (&str, &str, &str),
) -> (Vec<StepRecord>, Vec<NewMapping>) {
    let (s, t, variable) = names;
    let target_stream = target.latest_stream_arn().unwrap_or_default().to_owned();
    let mut steps: Vec<StepRecord> = reapply_step(source, target, t).into_iter().collect();
    steps.extend(grants.iter().map(|g| {
        StepRecord::planned(
            Kind::GrantPolicy,
            &g.role,
            format!(
                "inline policy {} on {}: none → {}",
                g.policy_name, g.role, g.document
            ),
        )
    }));
    let mut new_mappings = Vec::new();
    for m in enabled {
        let function = function_name(&m.function_arn);
        let batch = m.batch_size.unwrap_or(DEFAULT_BATCH);
        steps.push(StepRecord::planned(
            Kind::CreateMapping,
            &function,
            format!("no mapping → a mapping of {function} on {t}'s stream from TRIM_HORIZON, batch {batch}"),
        ));
        new_mappings.push(NewMapping {
            function,
            stream_arn: target_stream.clone(),
            starting_position: "TRIM_HORIZON".into(),
            batch_size: batch,
            uuid: None,
        });
    }
    for f in &facts.functions {
        steps.push(StepRecord::planned(
            Kind::SetVariable,
            &f.name,
            format!("{variable}: {s} → {t} (every other variable kept)"),
        ));
    }
    for m in enabled {
        steps.push(StepRecord::planned(
            Kind::DisableMapping,
            &m.uuid,
            format!(
                "mapping of {} on {s}'s stream: {} → Disabled (kept, not deleted)",
                function_name(&m.function_arn),
                m.state
            ),
        ));
    }
    if let Some(m) = &facts.monitoring {
        steps.push(StepRecord::planned(
            Kind::ApplyAlarms,
            t,
            super::monitoring::alarms_change(m, s, t),
        ));
        steps.push(StepRecord::planned(
            Kind::ApplyDashboard,
            &m.dashboard.name,
            super::monitoring::dashboard_change(m, s, t),
        ));
    }
    steps.push(StepRecord::planned(
        Kind::TagTarget,
        t,
        format!("tags of {t}: + {CUTOVER_FROM_TAG}={s}"),
    ));
    steps.push(StepRecord::planned(
        Kind::Canary,
        t,
        "a canary event written to the target, read back, and seen by each consumer".into(),
    ));
    (steps, new_mappings)
}

/// The source's resource-based policies as the target's, or the refusal (over 20 KB with the
/// target's ARNs, not JSON). Pure.
fn copies(
    facts: &Facts,
    source: &TableDescription,
    t: &str,
) -> Result<Vec<super::policy_copy::PolicyCopy>, Refusal> {
    let target = facts.target.as_ref();
    let arns = super::policy_copy::Arns {
        source_table: source.table_arn().unwrap_or_default(),
        target_table: target.and_then(|x| x.table_arn()).unwrap_or_default(),
        source_stream: source.latest_stream_arn(),
        target_stream: target.and_then(|x| x.latest_stream_arn()),
    };
    super::policy_copy::plan(&facts.policies, &arns)
        .map_err(|e| Refusal::new(format!("cannot copy the source's policy to {t}: {e}")))
}

/// The table class of a table (a table created without one is STANDARD).
pub(crate) fn table_class(t: &TableDescription) -> aws_sdk_dynamodb::types::TableClass {
    t.table_class_summary()
        .and_then(|c| c.table_class().cloned())
        .unwrap_or(aws_sdk_dynamodb::types::TableClass::Standard)
}

/// What a restore dropped that the source has, set on the target before anything points at it
/// (deletion protection, table class), or no step when they agree. Pure.
fn reapply_step(
    source: &TableDescription,
    target: &TableDescription,
    t: &str,
) -> Option<StepRecord> {
    let mut changes = Vec::new();
    if source.deletion_protection_enabled() == Some(true)
        && target.deletion_protection_enabled() != Some(true)
    {
        changes.push("deletion protection: off → on".to_owned());
    }
    let (sc, tc) = (table_class(source), table_class(target));
    if sc != tc {
        changes.push(format!("table class: {} → {}", tc.as_str(), sc.as_str()));
    }
    (!changes.is_empty()).then(|| StepRecord::planned(Kind::Reapply, t, changes.join("; ")))
}

/// The inline policies to add (`--grant`), or the refusal that names the statement to add.
/// An explicit deny is refused whatever the flag: no Allow overrides it. Pure.
fn grants_needed(
    access: &[super::access::RoleAccess],
    target: &str,
    grant: bool,
) -> Result<Vec<super::access::Grant>, Refusal> {
    let mut out = Vec::new();
    for a in access {
        let fns = a.functions.join(", ");
        let Some(gap) = &a.gap else {
            return Err(Refusal::new(format!(
                "role {} of {fns} does not exist (IAM NoSuchEntity): fix the functions' role first",
                a.role
            )));
        };
        if !gap.denied.is_empty() {
            let f = gap.finding(crate::report::CheckId::DrCutover);
            return Err(Refusal::new(format!(
                "{fns} would be denied on {target}: {}",
                f.summary
            )));
        }
        let Some(policy) = gap
            .policy_to_add
            .as_ref()
            .filter(|_| !gap.missing.is_empty())
        else {
            continue;
        };
        if !grant {
            let list: Vec<String> = gap
                .missing
                .iter()
                .map(|m| format!("{} on {}", m.action, m.resource))
                .collect();
            return Err(Refusal::new(format!(
                "role {} (of {fns}) may not do on {target} what it does on the source ({}): add this statement to it, or run with --grant to add it as an inline policy that dr rollback removes: {policy}",
                a.role,
                list.join(", ")
            )));
        }
        out.push(super::access::Grant {
            role: a.role.clone(),
            policy_name: super::access::policy_name(target),
            document: policy.to_string(),
        });
    }
    Ok(out)
}

/// A function's name from its ARN (or the name itself).
pub(crate) fn function_name(arn_or_name: &str) -> String {
    match arn_or_name.split(':').collect::<Vec<_>>().as_slice() {
        ["arn", _, "lambda", _, _, "function", name, ..] => (*name).to_owned(),
        _ => arn_or_name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_dynamodb::types::{KeySchemaElement, KeyType, StreamSpecification};

    use super::*;
    use crate::report::CheckId;

    // clock-free: a pure decision given its `now`.
    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(946_684_800, 0).unwrap_or_default()
    }

    fn table(name: &str, stream: bool) -> TableDescription {
        let mut b = TableDescription::builder()
            .table_name(name)
            .table_status(TableStatus::Active)
            .key_schema(
                KeySchemaElement::builder()
                    .attribute_name("user_id")
                    .key_type(KeyType::Hash)
                    .build()
                    .unwrap(),
            );
        if stream {
            b = b
                .stream_specification(
                    StreamSpecification::builder()
                        .stream_enabled(true)
                        .build()
                        .unwrap(),
                )
                .latest_stream_arn(format!(
                    "arn:aws:dynamodb:us-east-1:1:table/{name}/stream/x"
                ));
        }
        b.build()
    }

    fn function(name: &str, value: Option<&str>) -> FunctionState {
        FunctionState {
            name: name.into(),
            arn: format!("arn:aws:lambda:us-east-1:1:function:{name}"),
            role: None,
            value: value.map(str::to_owned),
            revision_id: Some("r1".into()),
            last_update_status: None,
            last_update_reason: None,
            env_bytes: 40,
        }
    }

    fn ready() -> Facts {
        Facts {
            source: Some(table("s", true)),
            target: Some(table("t", true)),
            target_tags: Vec::new(),
            target_ttl: Some(TimeToLiveStatus::Enabled),
            target_pitr: true,
            functions: vec![function("api", Some("s"))],
            missing: Vec::new(),
            source_mappings: vec![Mapping {
                uuid: "m1".into(),
                function_arn: "arn:aws:lambda:us-east-1:1:function:consumer".into(),
                event_source_arn: "arn:s".into(),
                state: "Enabled".into(),
                batch_size: Some(10),
                starting_position: None,
                last_processing_result: None,
            }],
            verification: Vec::new(),
            access: Vec::new(),
            policies: Vec::new(),
            monitoring: None,
        }
    }

    fn refused(f: Facts) -> String {
        decide(f, "s", "t", "V", "us-east-1", false, now())
            .unwrap_err()
            .0
    }

    #[test]
    fn the_plan_moves_the_consumer_first_then_the_variables_then_disables_the_old_mapping() {
        let r = decide(ready(), "s", "t", "V", "us-east-1", false, now()).unwrap();
        let kinds: Vec<Kind> = r.steps.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::CopyPolicy,
                Kind::CreateMapping,
                Kind::SetVariable,
                Kind::DisableMapping,
                Kind::TagTarget,
                Kind::Canary
            ]
        );
        assert!(r.steps[0].change.contains("none to copy"));
        assert_eq!(r.new_mappings[0].function, "consumer");
        assert_eq!(r.new_mappings[0].starting_position, "TRIM_HORIZON");
        assert_eq!(
            r.new_mappings[0].batch_size, 10,
            "the old mapping's batch size"
        );
        assert_eq!(r.functions[0].before, "s");
        assert_eq!(r.functions[0].revision_before.as_deref(), Some("r1"));
        assert_eq!(r.stage, Stage::Planned);
    }

    #[test]
    fn the_alarms_and_dashboard_move_after_the_old_mapping_is_disabled_before_the_canary() {
        use crate::dr::record::{DashboardChange, MonitoringChange};
        let mut f = ready();
        f.monitoring = Some(MonitoringChange {
            consumer: Some("consumer".into()),
            iterator_age_minutes: 5.0,
            alarms: Vec::new(),
            dashboard: DashboardChange {
                name: "d".into(),
                before: Some("{}".into()),
                after: None,
            },
        });
        let r = decide(f, "s", "t", "V", "us-east-1", false, now()).unwrap();
        let kinds: Vec<Kind> = r.steps.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::CopyPolicy,
                Kind::CreateMapping,
                Kind::SetVariable,
                Kind::DisableMapping,
                Kind::ApplyAlarms,
                Kind::ApplyDashboard,
                Kind::TagTarget,
                Kind::Canary
            ]
        );
        assert_eq!(r.steps[5].subject, "d");
        assert_eq!(
            r.monitoring
                .as_ref()
                .and_then(|m| m.dashboard.before.as_deref()),
            Some("{}"),
            "the record keeps the body to put back"
        );
    }

    #[test]
    fn a_target_that_is_not_ready_is_refused_with_what_to_run() {
        let mut f = ready();
        f.target = None;
        assert!(refused(f).contains("does not exist: restore it first"));
        let mut f = ready();
        f.target = Some(table("t", false));
        assert!(refused(f).contains("has no stream"));
        let mut f = ready();
        f.target_ttl = Some(TimeToLiveStatus::Disabled);
        assert!(refused(f).contains("no TTL on"));
        let mut f = ready();
        f.target_pitr = false;
        assert!(refused(f).contains("no point-in-time recovery"));
        let mut f = ready();
        f.target_tags = crate::aws::table::tag_list(&[(spec::RESTORE_SOURCE_TAG, "other")]);
        assert!(refused(f).contains("a restore of other, not of s"));
        let mut f = ready();
        f.verification = vec![Finding::crit(
            CheckId::RestoreSourceSample,
            "3 source events are missing",
        )];
        let e = refused(f);
        assert!(
            e.contains("does not verify against s: 3 source events are missing"),
            "{e}"
        );
        assert!(e.contains("pitr-restore --resume t"), "{e}");
    }

    #[test]
    fn functions_that_cannot_be_moved_are_refused() {
        let mut f = ready();
        f.missing = vec!["nope".into()];
        assert!(refused(f).contains("function nope does not exist in us-east-1"));
        let mut f = ready();
        f.functions = vec![function("api", None)];
        assert!(refused(f).contains("has no variable V"));
        let mut f = ready();
        f.functions = vec![function("api", Some("third"))];
        assert!(refused(f).contains("names third, not s"));
        let mut f = ready();
        f.functions[0].env_bytes = 4096;
        let e = decide(f, "s", "t-longer", "V", "us-east-1", false, now())
            .unwrap_err()
            .0;
        assert!(e.contains("4 KB"), "{e}");
        let mut f = ready();
        f.functions.clear();
        f.source_mappings.clear();
        assert!(refused(f).contains("nothing points at s"));
    }

    #[test]
    fn a_function_arn_of_another_region_is_refused_before_any_call() {
        let arn = "arn:aws:lambda:eu-west-1:1:function:api".to_owned();
        assert_eq!(arn_region(&arn), Some("eu-west-1"));
        assert!(
            check_regions(std::slice::from_ref(&arn), "us-east-1")
                .unwrap_err()
                .0
                .contains("is in eu-west-1")
        );
        assert!(check_regions(&[arn, "plain-name".into()], "eu-west-1").is_ok());
        assert_eq!(
            function_name("arn:aws:lambda:eu-west-1:1:function:api"),
            "api"
        );
        assert_eq!(function_name("api"), "api");
    }
}
