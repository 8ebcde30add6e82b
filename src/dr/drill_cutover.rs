//! `dr-drill --cutover [--corruption N]`: the whole DR procedure rehearsed on what the drill
//! creates for itself, never on the environment's table or functions. A drill source table
//! (tagged as a drill, seeded with known events), a drill API function naming it and a drill
//! consumer reading its stream (tagged as the drill's); then restore → (corruption) → cutover of
//! the drill API through the cutover engine → canary through the consumer → rollback → every
//! created resource deleted, each checked for the drill's tag (or its mapping's drill function)
//! first.
//!
//! Corruption order: the N events are overwritten **after** the restore is ACTIVE, so the
//! restored table has their seeded values on the emulator (whose PITR restore copies the table
//! as it is now) and on AWS (where the restore point, the latest restorable time, lies before
//! the corruption: the drill first waits until LatestRestorableDateTime has passed the end of
//! the seeding, about five minutes on AWS).

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::cutover::{self, CutoverOpts, Ended};
use super::drill::{self, Drill, DrillRun, DrillSettings};
use super::drill_seed::{self, Corrupted};
use super::record::{self, RecordFile};
use super::{cutover_plan, rollback, zip};
use crate::aws::lambda as lam;
use crate::aws::lambda_admin::{self as admin, NewFunction};
use crate::aws::table as ddb;
use crate::context::Context;
use crate::spec::{self, DRILL_TAG, MANAGED_TAG};

/// The variable the drill API function names its table in.
const VARIABLE: &str = "EVENTS_TABLE_NAME";
/// Events seeded beyond the corrupted ones (left intact).
const UNTOUCHED: usize = 10;
/// The longest wait for a function to become Active, or for AWS's latest restorable time.
const SETTLE: Duration = Duration::from_secs(600);

const API_CODE: &str = "import os\ndef handler(event, context):\n    return {\"table\": os.environ.get(\"EVENTS_TABLE_NAME\")}\n";
const CONSUMER_CODE: &str = "import json\ndef handler(event, context):\n    for r in event.get(\"Records\", []):\n        print(json.dumps(r))\n    return {}\n";

/// What the flags ask of a cutover drill.
#[derive(Debug, Clone)]
pub(crate) struct CutoverDrillOpts {
    pub corruption: usize,
    pub role_arn: String,
    pub canary_timeout: Duration,
    pub restore: DrillSettings,
}

/// What the drill created, in the order it is deleted.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub(crate) struct Created {
    pub source: Option<String>,
    pub restored: Option<String>,
    pub functions: Vec<String>,
    pub mappings: Vec<String>,
}

/// One moment of the drill's timeline.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub(crate) struct Moment {
    pub at: String,
    pub what: String,
}

/// A cutover drill that ran (whatever its outcome: the cleanup ran too).
pub(crate) struct CutoverDrill {
    pub started_at: DateTime<Utc>,
    pub created: Created,
    pub names: Created,
    pub timeline: Vec<Moment>,
    pub restore: Option<Box<DrillRun>>,
    pub corrupted: Vec<Corrupted>,
    pub cutover: Option<Ended>,
    /// From the restore's start to the verified cutover (canary seen).
    pub rto: Option<chrono::Duration>,
    pub canary: Option<String>,
    pub rollback_complete: Option<bool>,
    pub record_path: Option<std::path::PathBuf>,
    /// The record as the cutover left it, and as the rollback left it.
    pub cutover_record: Option<super::record::Record>,
    pub record: Option<super::record::Record>,
    /// The drill stopped before its end (the cleanup ran anyway).
    pub error: Option<String>,
    /// What could not be deleted, one line each.
    pub left_behind: Vec<String>,
}

impl CutoverDrill {
    fn at(&mut self, at: DateTime<Utc>, what: impl Into<String>) {
        self.timeline.push(Moment {
            at: crate::times::stamp(at),
            what: what.into(),
        });
    }
}

/// The names the drill gives what it creates (`now` is its start): the source after the
/// environment's table (a drill table, `{table}-drill-*`), the functions after the drill and a
/// short digest of the table's name (two environments drilling in the same second do not
/// collide; Lambda names are at most 64 characters). Pure.
pub(crate) fn names(table: &str, now: DateTime<Utc>) -> (String, String, String) {
    let stamp = now.format("%Y%m%d-%H%M%S");
    // FNV-1a, 32 bits: stable across runs and builds.
    let digest = table.bytes().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    (
        format!("{table}-drill-src-{stamp}"),
        format!("eventsctl-drill-api-{stamp}-{digest:08x}"),
        format!("eventsctl-drill-consumer-{stamp}-{digest:08x}"),
    )
}

/// Runs the cutover drill; the cleanup runs whatever happened before it.
pub(crate) async fn run(
    ctx: &Context,
    opts: &CutoverDrillOpts,
    stop: impl std::future::Future<Output = ()>,
) -> anyhow::Result<CutoverDrill> {
    let now = Utc::now();
    let (source, api, consumer) = names(ctx.table(), now);
    let mut names = ctx.names.clone();
    names.table = source.clone();
    let dctx = Context::with(names, ctx.output.clone(), ctx.aws.clone());
    let mut d = CutoverDrill {
        started_at: now,
        created: Created::default(),
        names: Created {
            source: Some(source.clone()),
            restored: None,
            functions: vec![api.clone(), consumer.clone()],
            mappings: Vec::new(),
        },
        timeline: Vec::new(),
        restore: None,
        corrupted: Vec::new(),
        cutover: None,
        rto: None,
        canary: None,
        rollback_complete: None,
        record_path: None,
        cutover_record: None,
        record: None,
        error: None,
        left_behind: Vec::new(),
    };
    d.at(now, "drill started");
    if let Err(e) = rehearse(&dctx, opts, &mut d, (&api, &consumer), stop).await {
        d.error = Some(cutover::one_line(&e));
        d.at(
            Utc::now(),
            format!("drill stopped: {}", cutover::one_line(&e)),
        );
    }
    cleanup(&dctx, &mut d, &[api, consumer]).await;
    Ok(d)
}

/// Every step before the cleanup.
async fn rehearse(
    dctx: &Context,
    opts: &CutoverDrillOpts,
    d: &mut CutoverDrill,
    (api, consumer): (&str, &str),
    stop: impl std::future::Future<Output = ()>,
) -> anyhow::Result<()> {
    let source = dctx.table().to_owned();
    let seeded = create_source(dctx, d, opts.corruption + UNTOUCHED).await?;
    create_functions(dctx, opts, d, api, consumer).await?;
    wait_restorable(dctx, &source, Utc::now()).await?;
    let run = match drill::run(dctx, &opts.restore, stop).await? {
        Drill::Ran(run) => run,
        Drill::Planned(_) => anyhow::bail!("internal error: the drill's restore only planned"),
    };
    let restored = run.plan.target.clone();
    d.created.restored = Some(restored.clone());
    d.names.restored = Some(restored.clone());
    d.at(
        run.started_at,
        format!("restore of {source} into {restored} started"),
    );
    d.at(run.times.active_at, format!("{restored} ACTIVE"));
    d.at(
        run.times.verified_at,
        format!("{restored} verified against {source}"),
    );
    let restore_started = run.started_at;
    d.restore = Some(run);
    if opts.corruption > 0 {
        let client = dctx.dynamodb().await?;
        let bad = &seeded[..opts.corruption];
        let at = Utc::now();
        let garbage = drill_seed::corrupt(client, &source, bad, at).await?;
        d.at(
            at,
            format!(
                "{} of {source} overwritten with garbage (after the restore)",
                crate::vocab::words::count(bad.len(), "event", "events")
            ),
        );
        d.corrupted = drill_seed::prove(client, &source, &restored, bad, &garbage).await?;
        let held = d.corrupted.iter().filter(|c| c.holds()).count();
        d.at(
            Utc::now(),
            format!("content checked: {held} of {} corrupted events have their seeded value in {restored} and the garbage only in {source}", bad.len()),
        );
    }
    cut_over(dctx, opts, d, &restored, api, restore_started).await
}

/// The drill source: the spec's table, tagged as a drill, TTL and PITR on, seeded.
async fn create_source(
    dctx: &Context,
    d: &mut CutoverDrill,
    n: usize,
) -> anyhow::Result<Vec<drill_seed::Seeded>> {
    let client = dctx.dynamodb().await?;
    let source = dctx.table().to_owned();
    ddb::create(client, &source, &spec::table(), &[MANAGED_TAG, DRILL_TAG]).await?;
    d.created.source = Some(source.clone());
    ddb::wait_active(client, &source, SETTLE).await?;
    ddb::enable_ttl(client, &source, spec::TTL_ATTRIBUTE).await?;
    ddb::enable_pitr(client, &source, spec::PITR_DAYS, SETTLE).await?;
    d.at(
        Utc::now(),
        format!(
            "drill source {source} created (tagged {}={}), TTL and PITR on",
            DRILL_TAG.0, DRILL_TAG.1
        ),
    );
    let seeded = drill_seed::seed(client, &source, n, Utc::now()).await?;
    d.at(Utc::now(), format!("{n} known events written to {source}"));
    Ok(seeded)
}

/// The drill API function (naming the source) and the consumer with its mapping on the
/// source's stream, each tagged as the drill's.
async fn create_functions(
    dctx: &Context,
    opts: &CutoverDrillOpts,
    d: &mut CutoverDrill,
    api: &str,
    consumer: &str,
) -> anyhow::Result<()> {
    let lambda = dctx.lambda().await?;
    let tags: HashMap<String, String> = [DRILL_TAG, MANAGED_TAG]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    let source = dctx.table().to_owned();
    for (name, code, env) in [
        (
            api,
            API_CODE,
            HashMap::from([(VARIABLE.to_owned(), source.clone())]),
        ),
        (consumer, CONSUMER_CODE, HashMap::new()),
    ] {
        admin::create_function(
            lambda,
            NewFunction {
                name,
                role_arn: &opts.role_arn,
                zip: zip::one_file("h.py", code),
                env,
                tags: tags.clone(),
            },
        )
        .await?;
        d.created.functions.push(name.to_owned());
        wait_function_active(lambda, name).await?;
    }
    let stream = ddb::describe(dctx.dynamodb().await?, &source)
        .await?
        .and_then(|t| t.latest_stream_arn().map(str::to_owned))
        .ok_or_else(|| anyhow::anyhow!("the drill source {source} has no stream"))?;
    let m = lam::create_mapping(lambda, consumer, &stream, 10).await?;
    d.created.mappings.push(m.uuid.clone());
    d.names.mappings.push(m.uuid.clone());
    cutover::settle_mapping(lambda, &m.uuid, "Enabled").await?;
    d.at(
        Utc::now(),
        format!("drill functions {api} ({VARIABLE}={source}) and {consumer} (mapping {} on {source}'s stream) created", m.uuid),
    );
    Ok(())
}

async fn wait_function_active(lambda: &aws_sdk_lambda::Client, name: &str) -> anyhow::Result<()> {
    let deadline = std::time::Instant::now() + SETTLE;
    loop {
        match admin::state_and_tags(lambda, name).await? {
            Some((s, _)) if s == "Active" => return Ok(()),
            Some((s, _)) if s == "Failed" => anyhow::bail!("function {name} failed to start"),
            _ if std::time::Instant::now() > deadline => {
                anyhow::bail!("function {name} not Active after {}s", SETTLE.as_secs())
            }
            _ => tokio::time::sleep(Duration::from_millis(500)).await,
        }
    }
}

/// AWS: the latest restorable time trails now by about five minutes; the restore must come
/// after the seeding. The emulator's is now (no wait).
async fn wait_restorable(dctx: &Context, source: &str, after: DateTime<Utc>) -> anyhow::Result<()> {
    let client = dctx.dynamodb().await?;
    let deadline = std::time::Instant::now() + SETTLE;
    loop {
        let latest = ddb::describe_backups(client, source)
            .await?
            .and_then(|b| b.point_in_time_recovery_description)
            .and_then(|p| p.latest_restorable_date_time)
            .and_then(|t| DateTime::from_timestamp(t.secs(), 0));
        match latest {
            Some(l) if l >= after - chrono::Duration::seconds(1) => return Ok(()),
            _ if std::time::Instant::now() > deadline => anyhow::bail!(
                "{source}'s latest restorable time did not reach the end of the seeding within {}s",
                SETTLE.as_secs()
            ),
            _ => tokio::time::sleep(Duration::from_secs(10)).await,
        }
    }
}

/// The cutover of the drill API to the restored table through the cutover engine, its canary
/// through the consumer, then the rollback.
async fn cut_over(
    dctx: &Context,
    opts: &CutoverDrillOpts,
    d: &mut CutoverDrill,
    restored: &str,
    api: &str,
    restore_started: DateTime<Utc>,
) -> anyhow::Result<()> {
    let source = dctx.table().to_owned();
    let copts = CutoverOpts {
        target: restored.to_owned(),
        functions: vec![api.to_owned()],
        variable: VARIABLE.to_owned(),
        canary_timeout: opts.canary_timeout,
        no_rollback: false,
        // The environment's alarms and dashboard stay on the environment's table.
        monitoring: false,
    };
    let region = dctx.region().unwrap_or_default();
    let facts = cutover::gather(dctx, &copts).await?;
    let planned = cutover_plan::decide(
        facts,
        &source,
        restored,
        VARIABLE,
        &region,
        false,
        Utc::now(),
    )?;
    let mut file = RecordFile {
        path: record::default_path(&source, restored)?,
        record: planned,
    };
    file.save()?;
    d.record_path = Some(file.path.clone());
    let cut_start = Utc::now();
    d.at(
        cut_start,
        format!("cutover of {api} from {source} to {restored} started"),
    );
    let ended = cutover::apply(dctx, &mut file, &copts).await?;
    for m in &file.record.new_mappings {
        if let Some(u) = &m.uuid {
            d.created.mappings.push(u.clone());
            d.names.mappings.push(u.clone());
        }
    }
    if let Some(t) = file.record.traffic_moved_at.as_deref() {
        d.timeline.push(Moment {
            at: t.to_owned(),
            what: format!("{api} writes to {restored}"),
        });
    }
    d.canary = file
        .record
        .canary
        .as_ref()
        .map(super::canary_proof::summary);
    let verified_at = Utc::now();
    if ended == Ended::Verified {
        d.rto = Some(verified_at - restore_started);
        d.at(
            verified_at,
            format!(
                "cutover verified: {}",
                d.canary.as_deref().unwrap_or("canary seen")
            ),
        );
    } else {
        d.at(verified_at, format!("cutover not verified: {ended:?}"));
    }
    let undo = matches!(ended, Ended::Verified | Ended::Unverified(_));
    d.cutover = Some(ended);
    d.cutover_record = Some(file.record.clone());
    d.record = Some(file.record.clone());
    if undo {
        d.at(Utc::now(), "rollback started");
        let complete = rollback::undo(dctx, &mut file, &[], Some(opts.canary_timeout)).await?;
        d.rollback_complete = Some(complete);
        d.record = Some(file.record.clone());
        d.at(
            Utc::now(),
            if complete {
                format!("rolled back: {api} names {source} again, its mapping enabled, the new one disabled; canary on {source} checked")
            } else {
                "rollback incomplete (see the record)".to_owned()
            },
        );
    }
    Ok(())
}

/// Whether a mapping feeding `function_arn` is the drill's: it feeds one of its functions. Pure.
pub(crate) fn is_drill_mapping(function_arn: &str, drill_functions: &[String]) -> bool {
    let name = cutover_plan::function_name(function_arn);
    drill_functions.contains(&name)
}

/// Whether a function with these tags is the drill's (it carries the drill tag). Pure.
pub(crate) fn is_drill_function(tags: &HashMap<String, String>) -> bool {
    tags.get(DRILL_TAG.0).map(String::as_str) == Some(DRILL_TAG.1)
}

/// Deletes what the drill created, checked first: a mapping only if it feeds a drill function,
/// a function only if it carries the drill tag (then its log group `/aws/lambda/NAME`), a table
/// only if it carries the drill tag.
async fn cleanup(dctx: &Context, d: &mut CutoverDrill, drill_functions: &[String]) {
    let mut left = Vec::new();
    match dctx.lambda().await {
        Ok(lambda) => {
            for uuid in d.created.mappings.clone() {
                match lam::mapping(lambda, &uuid).await {
                    Ok(Some(m)) if is_drill_mapping(&m.function_arn, drill_functions) => {
                        if let Err(e) = admin::delete_mapping(lambda, &uuid).await {
                            left.push(format!("mapping {uuid}: {e}"));
                        }
                    }
                    Ok(Some(m)) => left.push(format!(
                        "mapping {uuid}: feeds {}, not a drill function; left alone",
                        m.function_arn
                    )),
                    Ok(None) => {}
                    Err(e) => left.push(format!("mapping {uuid}: {e}")),
                }
            }
            for f in d.created.functions.clone() {
                left.extend(delete_function(dctx, lambda, &f).await);
            }
        }
        Err(e) => left.push(format!("functions and mappings: {e}")),
    }
    for t in [d.created.restored.clone(), d.created.source.clone()]
        .into_iter()
        .flatten()
    {
        if let Err(e) = drill::delete_drill_table(dctx, &t).await {
            left.push(format!("table {t}: {}", cutover::one_line(&e)));
        }
    }
    d.at(
        Utc::now(),
        if left.is_empty() {
            "everything the drill created deleted".to_owned()
        } else {
            format!("cleanup left {} behind", left.len())
        },
    );
    d.left_behind = left;
}

/// A drill function and its log group, once its tag says it is the drill's; what was left.
async fn delete_function(
    dctx: &Context,
    lambda: &aws_sdk_lambda::Client,
    f: &str,
) -> Option<String> {
    match admin::state_and_tags(lambda, f).await {
        Ok(Some((_, tags))) if is_drill_function(&tags) => {
            if let Err(e) = admin::delete_function(lambda, f).await {
                return Some(format!("function {f}: {e}"));
            }
        }
        Ok(Some(_)) => {
            return Some(format!(
                "function {f}: not tagged {}={}; left alone",
                DRILL_TAG.0, DRILL_TAG.1
            ));
        }
        Ok(None) => {}
        Err(e) => return Some(format!("function {f}: {e}")),
    }
    let group = format!("/aws/lambda/{f}");
    let deleted = match dctx.logs().await {
        Ok(logs) => crate::aws::consumer_logs::delete_group(logs, &group)
            .await
            .map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    deleted.err().map(|e| format!("log group {group}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drill_names_are_drill_tables_and_functions_that_fit_lambda_s_64_characters() {
        // clock-free: a pure function given its `now`.
        let at = DateTime::from_timestamp(946_684_800, 0).unwrap_or_default();
        let (s, a, c) = names("app-dev-events", at);
        assert_eq!(s, "app-dev-events-drill-src-20000101-000000");
        assert!(a.starts_with("eventsctl-drill-api-") && a.len() <= 64);
        assert!(c.starts_with("eventsctl-drill-consumer-") && c.len() <= 64);
        // Another environment's drill in the same second gets other functions.
        let (_, a2, c2) = names("app-test-events", at);
        assert_ne!(a, a2);
        assert_ne!(c, c2);
    }

    #[test]
    fn only_the_drill_s_own_mappings_and_functions_are_deletable() {
        let drill = vec!["eventsctl-drill-consumer-1".to_owned()];
        let arn = "arn:aws:lambda:us-east-1:1:function:eventsctl-drill-consumer-1";
        assert!(is_drill_mapping(arn, &drill));
        assert!(!is_drill_mapping(
            "arn:aws:lambda:us-east-1:1:function:app-prod-consumer",
            &drill
        ));
        let tagged = HashMap::from([(DRILL_TAG.0.to_owned(), DRILL_TAG.1.to_owned())]);
        assert!(is_drill_function(&tagged));
        let other = HashMap::from([(DRILL_TAG.0.to_owned(), "false".to_owned())]);
        assert!(!is_drill_function(&other));
        assert!(!is_drill_function(&HashMap::new()));
    }
}
