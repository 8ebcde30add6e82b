//! The undo of a cutover, from its record: each step it did, in reverse order, set back to the
//! recorded "before" value. The old mapping is enabled again first (the consumer reads the
//! source again; it delivers what reached the source's stream while it was disabled), then each
//! function's variable is set back, then the cutover's own mapping is disabled (kept, never
//! deleted). The tag on the target stays: it says where the table came from. What was written
//! to the target during the cutover stays in the target.
//!
//! A resource changed since the cutover (a function with another RevisionId than the one the
//! cutover left, another value of the variable) is a conflict, left alone unless forced; the undo
//! stops at it (the steps after it stay pending), so a consumer never stops reading a stream a
//! function still writes to. A re-run goes on from there.

use std::time::Duration;

use super::canary_proof::{self, Consumer};
use super::cutover::{busy_retry, change_variable, one_line, settle_function, settle_mapping};
use super::record::{Kind, List, RecordFile, Stage, Status, StepRecord};
use crate::aws::lambda as lam;
use crate::context::Context;

/// The undo steps of the cutover steps that are in place, in reverse order. Pure.
pub(crate) fn plan(file: &RecordFile) -> Vec<StepRecord> {
    let r = &file.record;
    let mut out = Vec::new();
    for s in r.steps.iter().rev() {
        if !(s.status.is_done() || s.status == Status::Started) {
            continue;
        }
        match s.kind {
            Kind::DisableMapping => out.push(StepRecord::planned(
                Kind::EnableMapping,
                &s.subject,
                format!("mapping {} on {}'s stream: Disabled → Enabled (it delivers what reached the source's stream meanwhile)", s.subject, r.source),
            )),
            Kind::SetVariable => out.push(StepRecord::planned(
                Kind::RestoreVariable,
                &s.subject,
                format!("{}: {} → {}", r.variable, r.target, r.source),
            )),
            Kind::GrantPolicy => out.push(StepRecord::planned(
                Kind::RevokePolicy,
                &s.subject,
                format!("inline policy {} on {}: removed", super::access::policy_name(&r.target), s.subject),
            )),
            Kind::CopyPolicy if !r.policies.is_empty() => out.push(StepRecord::planned(
                Kind::RestorePolicy,
                &s.subject,
                "the copied resource-based policies deleted (the target's own put back)".into(),
            )),
            Kind::ApplyAlarms => out.push(StepRecord::planned(
                Kind::RestoreAlarms,
                &s.subject,
                "the alarms the cutover created deleted, the ones it replaced put back as the record keeps them".into(),
            )),
            Kind::ApplyDashboard => out.push(StepRecord::planned(
                Kind::RestoreDashboard,
                &s.subject,
                match r.monitoring.as_ref().and_then(|m| m.dashboard.before.as_ref()) {
                    Some(_) => format!("dashboard {}: its body before the cutover put back", s.subject),
                    None => format!("dashboard {}: deleted (the cutover created it)", s.subject),
                },
            )),
            Kind::CreateMapping => out.push(StepRecord::planned(
                Kind::DisableNewMapping,
                &s.subject,
                format!("{}'s mapping on {}'s stream: Enabled → Disabled (kept)", s.subject, r.target),
            )),
            _ => {}
        }
    }
    out
}

/// Undoes the cutover (going on with an undo already begun). `force`: functions or mapping
/// UUIDs set back even though they changed since. With `canary`, proves the source path again.
/// Whether everything was undone.
pub(crate) async fn undo(
    ctx: &Context,
    file: &mut RecordFile,
    force: &[String],
    canary: Option<Duration>,
) -> anyhow::Result<bool> {
    if file.record.rollback.is_empty()
        || file
            .record
            .rollback
            .iter()
            .all(|s| s.status == Status::Conflict)
    {
        file.record.rollback = plan(file);
    }
    file.save()?;
    let mut complete = true;
    for i in 0..file.record.rollback.len() {
        if file.record.rollback[i].status.is_done() {
            continue;
        }
        file.begin(List::Rollback, i)?;
        let step = file.record.rollback[i].clone();
        let forced = force.contains(&step.subject);
        let result = match step.kind {
            Kind::EnableMapping => set_mapping(ctx, &step.subject, true).await,
            Kind::DisableNewMapping => disable_new(ctx, file, &step.subject).await,
            Kind::RestoreVariable => restore_variable(ctx, file, &step.subject, forced).await,
            Kind::RevokePolicy => revoke(ctx, file, &step.subject).await,
            Kind::RestorePolicy => {
                let forced = forced
                    || file
                        .record
                        .policies
                        .iter()
                        .any(|p| force.contains(&p.target_arn));
                super::policy_copy::undo(ctx, &file.record.policies, forced).await
            }
            Kind::RestoreAlarms | Kind::RestoreDashboard => {
                restore_monitoring(ctx, file, step.kind, force).await
            }
            k => Err(anyhow::anyhow!("a {k:?} step has no place in a rollback")),
        };
        let (status, detail) = match result {
            Ok(r) => r,
            Err(e) => (Status::Failed, Some(one_line(&e))),
        };
        file.end(List::Rollback, i, status, detail)?;
        if !status.is_done() {
            // Stop here: undoing a later step past this one could leave writes that nothing
            // reads (the new mapping disabled while a function still writes to the target).
            complete = false;
            break;
        }
    }
    if complete {
        let copied = !file.record.policies.is_empty();
        for s in file
            .record
            .steps
            .iter_mut()
            .filter(|s| s.status.is_done() && (copied || s.kind != Kind::CopyPolicy))
        {
            if matches!(
                s.kind,
                Kind::CreateMapping
                    | Kind::SetVariable
                    | Kind::DisableMapping
                    | Kind::ApplyAlarms
                    | Kind::ApplyDashboard
                    | Kind::CopyPolicy
            ) {
                s.status = Status::RolledBack;
            }
        }
    }
    file.record.stage = if complete {
        Stage::RolledBack
    } else {
        Stage::RollbackIncomplete
    };
    file.save()?;
    if let (true, Some(timeout)) = (complete, canary) {
        source_canary(ctx, file, timeout).await?;
    }
    Ok(complete)
}

type Undone = anyhow::Result<(Status, Option<String>)>;

async fn set_mapping(ctx: &Context, uuid: &str, enabled: bool) -> Undone {
    let lambda = ctx.lambda().await?;
    let want = if enabled { "Enabled" } else { "Disabled" };
    let Some(m) = lam::mapping(lambda, uuid).await? else {
        return Ok((
            Status::Conflict,
            Some(format!(
                "mapping {uuid} no longer exists: recreate it by hand"
            )),
        ));
    };
    if m.state == want {
        return Ok((Status::AlreadyDone, Some(format!("{want} already"))));
    }
    busy_retry(|| lam::set_mapping_enabled(lambda, uuid, enabled)).await?;
    let state = settle_mapping(lambda, uuid, want).await?;
    Ok((Status::Done, Some(format!("mapping {uuid} {state}"))))
}

async fn disable_new(ctx: &Context, file: &RecordFile, function: &str) -> Undone {
    let uuid = file
        .record
        .new_mappings
        .iter()
        .find(|m| m.function == function)
        .and_then(|m| m.uuid.clone());
    match uuid {
        Some(uuid) => set_mapping(ctx, &uuid, false).await,
        None => Ok((Status::AlreadyDone, Some("never created".into()))),
    }
}

async fn restore_variable(
    ctx: &Context,
    file: &mut RecordFile,
    name: &str,
    forced: bool,
) -> Undone {
    let lambda = ctx.lambda().await?;
    let variable = file.record.variable.clone();
    let Some(f) = file
        .record
        .functions
        .iter()
        .find(|f| f.name == name)
        .cloned()
    else {
        anyhow::bail!("the record has no function {name}");
    };
    let Some(now) = lam::function_state(lambda, name, &variable).await? else {
        return Ok((
            Status::Conflict,
            Some(format!("function {name} no longer exists")),
        ));
    };
    if now.value.as_deref() == Some(f.before.as_str()) {
        return Ok((
            Status::AlreadyDone,
            Some(format!("{variable} is {} already", f.before)),
        ));
    }
    let edited = f.revision_after.is_some() && now.revision_id != f.revision_after;
    let other_value = now.value.as_deref() != Some(f.after.as_str());
    if (edited || other_value) && !forced {
        return Ok((
            Status::Conflict,
            Some(format!(
                "function {name} changed since the cutover ({}): left alone; --force {name} sets {variable} back to {} anyway",
                if other_value {
                    format!("{variable} is {}", now.value.as_deref().unwrap_or("unset"))
                } else {
                    format!(
                        "RevisionId {} , the cutover left {}",
                        now.revision_id.as_deref().unwrap_or("?"),
                        f.revision_after.as_deref().unwrap_or("?")
                    )
                },
                f.before
            )),
        ));
    }
    let from = now.value.clone().unwrap_or_default();
    let (status, _) = change_variable(lambda, name, &variable, &from, &f.before, true).await?;
    settle_function(lambda, name, &variable).await?;
    Ok((
        status,
        Some(format!(
            "{variable}: {from} → {}; LastUpdateStatus Successful",
            f.before
        )),
    ))
}

async fn restore_monitoring(
    ctx: &Context,
    file: &RecordFile,
    kind: Kind,
    force: &[String],
) -> Undone {
    let Some(m) = file.record.monitoring.as_ref() else {
        return Ok((Status::AlreadyDone, Some("no alarms in the record".into())));
    };
    if kind == Kind::RestoreAlarms {
        super::monitoring::restore_alarms(ctx, m, force).await
    } else {
        super::monitoring::restore_dashboard(ctx, m, force).await
    }
}

async fn revoke(ctx: &Context, file: &RecordFile, role: &str) -> Undone {
    let Some(g) = file.record.grants.iter().find(|g| g.role == role) else {
        return Ok((Status::AlreadyDone, Some("no grant recorded".into())));
    };
    let removed =
        crate::aws::iam::delete_role_policy(ctx.iam().await?, &g.role, &g.policy_name).await?;
    Ok(if removed {
        (
            Status::Done,
            Some(format!(
                "inline policy {} removed from {}",
                g.policy_name, g.role
            )),
        )
    } else {
        (
            Status::AlreadyDone,
            Some(format!("inline policy {} was not there", g.policy_name)),
        )
    })
}

/// After a rollback, the canary on the source, watched through the re-enabled mappings.
async fn source_canary(
    ctx: &Context,
    file: &mut RecordFile,
    timeout: Duration,
) -> anyhow::Result<()> {
    // A re-enabled mapping still answers the LastProcessingResult of its last batch before the
    // cutover: an `OK` proves the canary only when it changed from the value read here, before
    // the canary is written (as stream-status --probe does). A mapping whose value cannot be
    // read is watched by its log only: without the value before, its `OK` proves nothing.
    let lambda = ctx.lambda().await?;
    let mut consumers = Vec::new();
    for m in &file.record.old_mappings {
        let before = crate::aws::lambda::mapping(lambda, &m.uuid).await;
        consumers.push(Consumer {
            function: super::cutover_plan::function_name(&m.function_arn),
            mapping: before.as_ref().ok().map(|_| m.uuid.clone()),
            before: before
                .ok()
                .flatten()
                .and_then(|got| got.last_processing_result),
        });
    }
    let source = file.record.source.clone();
    let c = canary_proof::prove(ctx, &source, "dr rollback", &consumers, timeout).await?;
    file.record.rollback.push(StepRecord {
        kind: Kind::Canary,
        subject: source,
        change: "a canary event written to the source, read back, and seen by each consumer".into(),
        status: if canary_proof::passed(&c) {
            Status::Done
        } else {
            Status::Failed
        },
        started_at: Some(c.written_at.clone()),
        ended_at: Some(crate::times::stamp(chrono::Utc::now())),
        detail: Some(canary_proof::summary(&c)),
    });
    file.save()
}
