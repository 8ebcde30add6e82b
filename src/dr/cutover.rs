//! `dr cutover`: what AWS says is gathered and the plan decided ([`super::cutover_plan`]), then
//! the steps run in their safe order, each recorded before and after it runs: the consumer's new
//! mapping on the target's stream first, then each function's variable (waiting for
//! LastUpdateStatus Successful), then the source's mapping disabled, the target tagged, and a
//! canary proves the path. A step whose record says `started` (a kill in between) is checked on
//! AWS before it is done again. A failed step, or a canary not seen, undoes what was done unless
//! `--no-rollback`.

use std::time::Duration;

use chrono::Utc;

use super::canary_proof;
use super::cutover_plan::{self, CUTOVER_FROM_TAG, Facts};
use super::record::{Kind, List, RecordFile, Stage, Status};
use crate::aws::lambda::{self as lam, FunctionState};
use crate::aws::retry::RetryPolicy;
use crate::aws::table as ddb;
use crate::checks::restore as verify;
use crate::context::Context;
use crate::times::stamp;

/// How long a function update or a mapping change may take to settle (AWS: seconds, a mapping
/// minutes at most).
const SETTLE: Duration = Duration::from_secs(300);
/// Throttles and "an update is in progress" are tried again, backing off.
const BUSY_RETRY: RetryPolicy =
    RetryPolicy::new(8, Duration::from_millis(500), Duration::from_secs(8));

/// What the flags ask of a cutover.
#[derive(Debug, Clone)]
pub(crate) struct CutoverOpts {
    pub target: String,
    pub functions: Vec<String>,
    pub variable: String,
    pub canary_timeout: Duration,
    pub no_rollback: bool,
    /// Whether the environment's alarms and dashboard move to the target (not in a drill: its
    /// tables are not the environment's).
    pub monitoring: bool,
}

/// Everything the plan is decided from: the source and target, the functions, the mappings,
/// and a fresh sample check of the target against the source.
pub(crate) async fn gather(ctx: &Context, opts: &CutoverOpts) -> anyhow::Result<Facts> {
    let ddbc = ctx.dynamodb().await?;
    let lambda = ctx.lambda().await?;
    let (source, target, ttl, pitr) = tokio::join!(
        ddb::describe(ddbc, ctx.table()),
        ddb::describe(ddbc, &opts.target),
        ddb::describe_ttl(ddbc, &opts.target),
        ddb::describe_backups(ddbc, &opts.target),
    );
    let (source, target) = (source?, target?);
    let mut facts = Facts {
        target_ttl: ttl?.and_then(|t| t.time_to_live_status),
        target_pitr: pitr?
            .and_then(|b| b.point_in_time_recovery_description)
            .and_then(|p| p.point_in_time_recovery_status)
            .is_some_and(|s| s.as_str() == "ENABLED"),
        ..Facts::default()
    };
    if let Some(arn) = target.as_ref().and_then(|t| t.table_arn()) {
        facts.target_tags = ddb::tags(ddbc, arn).await?;
    }
    if let Some(stream) = source.as_ref().and_then(|s| s.latest_stream_arn()) {
        facts.source_mappings = crate::aws::streams::event_source_mappings(lambda, stream)
            .await?
            .iter()
            .map(lam::Mapping::of)
            .collect();
    }
    if opts.functions.is_empty() {
        facts.functions = lam::functions_naming(lambda, &opts.variable, ctx.table()).await?;
    } else {
        for f in &opts.functions {
            match lam::function_state(lambda, f, &opts.variable).await? {
                Some(s) => facts.functions.push(s),
                None => facts.missing.push(f.clone()),
            }
        }
    }
    if let (Some(s), Some(t)) = (&source, &target) {
        facts.access = access(ctx, &facts, &opts.variable, s, t).await?;
        let point = super::restore::recorded_point(&facts.target_tags, Some(t));
        let checked = verify::gather(
            ctx.dynamodb_bulk().await?,
            ddbc,
            ctx.s3().await?,
            ctx.reporter(),
            s,
            t,
            verify::VerifyOpts {
                sample: 100,
                restore_point: point,
                ..verify::VerifyOpts::default()
            },
        )
        .await;
        facts.verification = verify::evaluate(&checked);
    }
    if let (Some(s), Some(t)) = (&source, &target) {
        let mut pairs = Vec::new();
        if let (Some(sa), Some(ta)) = (s.table_arn(), t.table_arn()) {
            pairs.push(("table", sa.to_owned(), ta.to_owned()));
        }
        if let (Some(ss), Some(ts)) = (s.latest_stream_arn(), t.latest_stream_arn()) {
            pairs.push(("stream", ss.to_owned(), ts.to_owned()));
        }
        facts.policies = super::policy_copy::gather(ctx, &pairs).await?;
    }
    if opts.monitoring && target.is_some() {
        let consumer = single_consumer(&facts.source_mappings);
        facts.monitoring =
            Some(super::monitoring::gather(ctx, &opts.target, consumer.as_deref()).await?);
    }
    facts.source = source;
    facts.target = target;
    Ok(facts)
}

/// The stream consumer whose alarms move with the table: the one function an enabled mapping
/// of the source's stream feeds (none, or several: no consumer alarms). Pure.
fn single_consumer(mappings: &[lam::Mapping]) -> Option<String> {
    let mut fns: Vec<String> = mappings
        .iter()
        .filter(|m| m.state != "Disabled" && m.state != "Disabling")
        .map(|m| cutover_plan::function_name(&m.function_arn))
        .collect();
    fns.sort();
    fns.dedup();
    match fns.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// Each role of the functions and of the consumers, checked on the target.
async fn access(
    ctx: &Context,
    facts: &Facts,
    variable: &str,
    source: &aws_sdk_dynamodb::types::TableDescription,
    target: &aws_sdk_dynamodb::types::TableDescription,
) -> anyhow::Result<Vec<super::access::RoleAccess>> {
    let lambda = ctx.lambda().await?;
    let mut who: Vec<(String, Option<String>, bool)> = facts
        .functions
        .iter()
        .map(|f| (f.name.clone(), f.role.clone(), false))
        .collect();
    for m in facts
        .source_mappings
        .iter()
        .filter(|m| m.state != "Disabled")
    {
        let name = cutover_plan::function_name(&m.function_arn);
        if let Some(f) = lam::function_state(lambda, &name, variable).await? {
            who.push((f.name, f.role, true));
        }
    }
    let iam = ctx.iam().await?;
    let mut out = Vec::new();
    for (role, (functions, consumer)) in super::access::roles(&who) {
        let pairs = super::access::pairs(source, target, consumer);
        let gap = super::access::check_role(iam, &role, &pairs).await?;
        out.push(super::access::RoleAccess {
            role,
            functions,
            gap,
        });
    }
    Ok(out)
}

/// How the steps ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ended {
    /// Every step done, the canary seen.
    Verified,
    /// Every step done; the canary not proven and `--no-rollback` kept the cutover.
    Unverified(String),
    /// A step failed (or the canary was not seen) and what was done was undone.
    RolledBack(String),
    /// A step failed, and what was done stays (`--no-rollback`, or the undo did not finish).
    Stopped(String),
}

/// Runs every step not done yet, in order, recording each.
pub(crate) async fn apply(
    ctx: &Context,
    file: &mut RecordFile,
    opts: &CutoverOpts,
) -> anyhow::Result<Ended> {
    file.record.stage = Stage::InProgress;
    file.save()?;
    for i in 0..file.record.steps.len() {
        if file.record.steps[i].status.is_done() {
            continue;
        }
        file.begin(List::Cutover, i)?;
        let kind = file.record.steps[i].kind;
        let result = match kind {
            Kind::Reapply => reapply(ctx, file).await,
            Kind::CopyPolicy => copy_policy(ctx, file).await,
            Kind::GrantPolicy => grant_policy(ctx, file, i).await,
            Kind::CreateMapping => create_mapping(ctx, file, i).await,
            Kind::SetVariable => set_variable(ctx, file, i).await,
            Kind::DisableMapping => disable_mapping(ctx, file, i).await,
            Kind::ApplyAlarms | Kind::ApplyDashboard => monitoring(ctx, file, kind).await,
            Kind::TagTarget => tag_target(ctx, file).await,
            Kind::Canary => canary_proof::cutover_canary(ctx, file, opts.canary_timeout).await,
            _ => Err(anyhow::anyhow!("a {kind:?} step has no place in a cutover")),
        };
        match result {
            Ok((status, detail)) => {
                file.end(List::Cutover, i, status, detail)?;
                if kind == Kind::SetVariable && is_last_variable(file, i) {
                    file.record.traffic_moved_at = file.record.steps[i].ended_at.clone();
                    file.save()?;
                }
            }
            Err(e) => {
                let why = one_line(&e);
                file.end(List::Cutover, i, Status::Failed, Some(why.clone()))?;
                for later in i + 1..file.record.steps.len() {
                    file.record.steps[later].status = Status::Skipped;
                }
                file.save()?;
                return failed(ctx, file, opts, kind, why).await;
            }
        }
    }
    file.record.stage = Stage::Verified;
    file.save()?;
    Ok(Ended::Verified)
}

fn is_last_variable(file: &RecordFile, i: usize) -> bool {
    !file.record.steps[i + 1..]
        .iter()
        .any(|s| s.kind == Kind::SetVariable)
}

/// A step failed: undone unless `--no-rollback` (a canary not seen with `--no-rollback` leaves
/// the cutover in place, unverified).
async fn failed(
    ctx: &Context,
    file: &mut RecordFile,
    opts: &CutoverOpts,
    kind: Kind,
    why: String,
) -> anyhow::Result<Ended> {
    if opts.no_rollback {
        if kind == Kind::Canary {
            file.record.stage = Stage::Unverified;
            file.save()?;
            return Ok(Ended::Unverified(why));
        }
        return Ok(Ended::Stopped(why));
    }
    let undone = super::rollback::undo(ctx, file, &[], None).await?;
    if undone {
        Ok(Ended::RolledBack(why))
    } else {
        Ok(Ended::Stopped(format!(
            "{why}; the rollback did not finish (see its steps)"
        )))
    }
}

pub(crate) fn one_line(e: &anyhow::Error) -> String {
    format!("{e:#}").lines().collect::<Vec<_>>().join(" ")
}

type StepResult = anyhow::Result<(Status, Option<String>)>;

/// The consumer's new mapping on the target's stream, unless one is there already (a resume:
/// AWS refuses a second mapping of a function on a stream; the emulator accepts it).
async fn create_mapping(ctx: &Context, file: &mut RecordFile, i: usize) -> StepResult {
    let lambda = ctx.lambda().await?;
    let function = file.record.steps[i].subject.clone();
    let j = file
        .record
        .new_mappings
        .iter()
        .position(|m| m.function == function)
        .ok_or_else(|| anyhow::anyhow!("the record has no new mapping for {function}"))?;
    let want = file.record.new_mappings[j].clone();
    let existing = crate::aws::streams::event_source_mappings(lambda, &want.stream_arn)
        .await?
        .iter()
        .map(lam::Mapping::of)
        .find(|m| cutover_plan::function_name(&m.function_arn) == function);
    let (mapping, status) = match existing {
        Some(m) => (m, Status::AlreadyDone),
        None => (
            busy_retry(|| {
                lam::create_mapping(lambda, &function, &want.stream_arn, want.batch_size)
            })
            .await?,
            Status::Done,
        ),
    };
    file.record.new_mappings[j].uuid = Some(mapping.uuid.clone());
    file.save()?;
    let state = settle_mapping(lambda, &mapping.uuid, "Enabled").await?;
    Ok((
        status,
        Some(format!(
            "mapping {} {state}, from TRIM_HORIZON",
            mapping.uuid
        )),
    ))
}

/// Waits until mapping `uuid` is in state `want` (Creating/Enabling/Disabling pass on AWS).
pub(crate) async fn settle_mapping(
    lambda: &aws_sdk_lambda::Client,
    uuid: &str,
    want: &str,
) -> anyhow::Result<String> {
    let deadline = std::time::Instant::now() + SETTLE;
    loop {
        let m = lam::mapping(lambda, uuid)
            .await?
            .ok_or_else(|| anyhow::anyhow!("mapping {uuid} does not exist"))?;
        if m.state == want {
            return Ok(m.state);
        }
        if std::time::Instant::now() > deadline {
            anyhow::bail!(
                "mapping {uuid} is {} after {}s, not {want}",
                m.state,
                SETTLE.as_secs()
            );
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Calls `f` again while Lambda throttles or says an update is in progress.
pub(crate) async fn busy_retry<T, F, Fut>(f: F) -> Result<T, crate::aws::error::AwsError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, crate::aws::error::AwsError>>,
{
    crate::aws::retry::call(BUSY_RETRY, lam::is_busy, f).await
}

/// Waits until the function's last update is no longer InProgress: the state then, or the
/// failure AWS gave (LastUpdateStatus Failed with its reason code).
pub(crate) async fn settle_function(
    lambda: &aws_sdk_lambda::Client,
    name: &str,
    variable: &str,
) -> anyhow::Result<FunctionState> {
    let deadline = std::time::Instant::now() + SETTLE;
    loop {
        let f = lam::function_state(lambda, name, variable)
            .await?
            .ok_or_else(|| anyhow::anyhow!("function {name} does not exist"))?;
        match f.last_update_status.as_deref() {
            Some("InProgress") if std::time::Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Some("InProgress") => anyhow::bail!(
                "function {name}'s update is still InProgress after {}s",
                SETTLE.as_secs()
            ),
            Some("Failed") => anyhow::bail!(
                "function {name}'s update failed (LastUpdateStatus Failed: {})",
                f.last_update_reason.as_deref().unwrap_or("no reason given")
            ),
            _ => return Ok(f),
        }
    }
}

/// Sets one variable from `from` to `to` on `name` (the RevisionId read just before), then
/// waits for Successful; found already `to`: nothing done. Someone else's value: a conflict.
/// The status and the RevisionId left.
pub(crate) async fn change_variable(
    lambda: &aws_sdk_lambda::Client,
    name: &str,
    variable: &str,
    from: &str,
    to: &str,
    force: bool,
) -> anyhow::Result<(Status, Option<String>)> {
    let now = settle_function(lambda, name, variable).await?;
    if now.value.as_deref() == Some(to) {
        return Ok((Status::AlreadyDone, now.revision_id));
    }
    if now.value.as_deref() != Some(from) && !force {
        anyhow::bail!(
            "function {name}'s {variable} is {} now, not {from}: someone changed it; nothing was written",
            now.value.as_deref().unwrap_or("unset")
        );
    }
    let revision = now.revision_id.clone().unwrap_or_default();
    let written = busy_retry(|| lam::set_variable(lambda, name, variable, to, &revision)).await;
    if let Err(e) = written {
        if lam::is_stale_revision(&e) {
            let again = lam::function_state(lambda, name, variable).await?;
            anyhow::bail!(
                "function {name} changed while the cutover read it (RevisionId {revision} → {}; {variable} is {}): nothing was written; run again to re-read it",
                again
                    .as_ref()
                    .and_then(|f| f.revision_id.as_deref())
                    .unwrap_or("?"),
                again
                    .as_ref()
                    .and_then(|f| f.value.as_deref())
                    .unwrap_or("unset"),
            );
        }
        return Err(e.into());
    }
    let done = settle_function(lambda, name, variable).await?;
    if done.value.as_deref() != Some(to) {
        anyhow::bail!("function {name}'s {variable} did not become {to}");
    }
    Ok((Status::Done, done.revision_id))
}

async fn set_variable(ctx: &Context, file: &mut RecordFile, i: usize) -> StepResult {
    let lambda = ctx.lambda().await?;
    let name = file.record.steps[i].subject.clone();
    let j = file
        .record
        .functions
        .iter()
        .position(|f| f.name == name)
        .ok_or_else(|| anyhow::anyhow!("the record has no function {name}"))?;
    let f = file.record.functions[j].clone();
    let (status, revision) = change_variable(
        lambda,
        &name,
        &file.record.variable,
        &f.before,
        &f.after,
        false,
    )
    .await?;
    file.record.functions[j].revision_after = revision;
    file.save()?;
    Ok((
        status,
        Some(format!(
            "{}: {} → {}; LastUpdateStatus Successful",
            file.record.variable, f.before, f.after
        )),
    ))
}

async fn disable_mapping(ctx: &Context, file: &mut RecordFile, i: usize) -> StepResult {
    let lambda = ctx.lambda().await?;
    let uuid = file.record.steps[i].subject.clone();
    let m = lam::mapping(lambda, &uuid)
        .await?
        .ok_or_else(|| anyhow::anyhow!("mapping {uuid} on the source's stream no longer exists"))?;
    if m.state == "Disabled" {
        return Ok((Status::AlreadyDone, Some("Disabled already".into())));
    }
    busy_retry(|| lam::set_mapping_enabled(lambda, &uuid, false)).await?;
    let state = settle_mapping(lambda, &uuid, "Disabled").await?;
    Ok((Status::Done, Some(format!("mapping {uuid} {state} (kept)"))))
}

/// The source's policies put on the target; the RevisionIds they left kept in the record.
async fn copy_policy(ctx: &Context, file: &mut RecordFile) -> StepResult {
    let mut copies = file.record.policies.clone();
    let result = super::policy_copy::apply(ctx, &mut copies).await;
    file.record.policies = copies;
    file.save()?;
    result
}

/// The alarms, or the dashboard, put for the target as the record plans them.
async fn monitoring(ctx: &Context, file: &mut RecordFile, kind: Kind) -> StepResult {
    let mut m = file
        .record
        .monitoring
        .clone()
        .ok_or_else(|| anyhow::anyhow!("the record plans no alarms or dashboard"))?;
    let target = file.record.target.clone();
    let result = if kind == Kind::ApplyAlarms {
        super::monitoring::apply_alarms(ctx, &mut m, &target).await
    } else {
        super::monitoring::apply_dashboard(ctx, &mut m, &target).await
    };
    file.record.monitoring = Some(m);
    file.save()?;
    result
}

async fn tag_target(ctx: &Context, file: &mut RecordFile) -> StepResult {
    let client = ctx.dynamodb().await?;
    let target = file.record.target.clone();
    let arn = ddb::describe(client, &target)
        .await?
        .and_then(|t| t.table_arn().map(str::to_owned))
        .ok_or_else(|| anyhow::anyhow!("{target} does not exist"))?;
    let tags = ddb::tag_list(&[(CUTOVER_FROM_TAG, file.record.source.as_str())]);
    ddb::tag(client, &arn, tags).await?;
    Ok((
        Status::Done,
        Some(format!(
            "{CUTOVER_FROM_TAG}={} at {}",
            file.record.source,
            stamp(Utc::now())
        )),
    ))
}

/// `--grant`: the inline policy on the role (PutRolePolicy replaces one of the same name, so a
/// re-run does no harm). IAM is eventually consistent: on AWS a new permission may take a few
/// seconds to apply.
async fn grant_policy(ctx: &Context, file: &mut RecordFile, i: usize) -> StepResult {
    let role = file.record.steps[i].subject.clone();
    let g = file
        .record
        .grants
        .iter()
        .find(|g| g.role == role)
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("the record has no grant for {role}"))?;
    crate::aws::iam::put_role_policy(ctx.iam().await?, &g.role, &g.policy_name, &g.document)
        .await?;
    Ok((
        Status::Done,
        Some(format!("inline policy {} on {}", g.policy_name, g.role)),
    ))
}

/// Deletion protection and table class as the source has them (each set only when it differs:
/// a resume finds them set).
async fn reapply(ctx: &Context, file: &mut RecordFile) -> StepResult {
    let client = ctx.dynamodb().await?;
    let (s, t) = (file.record.source.clone(), file.record.target.clone());
    let (source, target) = tokio::join!(ddb::describe(client, &s), ddb::describe(client, &t));
    let source = source?.ok_or_else(|| anyhow::anyhow!("{s} does not exist"))?;
    let target = target?.ok_or_else(|| anyhow::anyhow!("{t} does not exist"))?;
    let mut done = Vec::new();
    if source.deletion_protection_enabled() == Some(true)
        && target.deletion_protection_enabled() != Some(true)
    {
        ddb::protect_from_deletion(client, &t, SETTLE).await?;
        done.push("deletion protection on".to_owned());
    }
    let class = cutover_plan::table_class(&source);
    if cutover_plan::table_class(&target) != class {
        ddb::wait_active(client, &t, SETTLE).await?;
        ddb::set_table_class(client, &t, class.clone()).await?;
        done.push(format!("table class {}", class.as_str()));
    }
    Ok(if done.is_empty() {
        (
            Status::AlreadyDone,
            Some("as the source has them already".into()),
        )
    } else {
        (Status::Done, Some(done.join(", ")))
    })
}
