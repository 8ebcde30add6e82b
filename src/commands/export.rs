//! `export start|status|list`: PITR exports of the table to S3, the source of exact answers at
//! any size (`--from-export` on check-ttl) without reading the table.

use crate::report::CheckId;
use chrono::Utc;
use serde::Serialize;

use super::data_schema::shape;
use super::registry::{Kind, Leaf};
use crate::checks;
use crate::cli::{Command, ExportCommand};
use crate::cli::{ExportStartArgs, ExportStatusArgs};
use crate::context::Context;
use crate::error::{NotFound, Refusal};
use crate::report::{Finding, Report, Section};
use crate::scale::athena::{self, AthenaTarget};
use crate::scale::estimate::bytes;
use crate::scale::export::{self, ExportCost, ExportInfo};
use crate::scale::export_check::{self, ManifestCheck};
use crate::scale::export_files;
use crate::scale::export_item::ExportItem;
use crate::times::TimeArg;

pub(crate) static START: Leaf<ExportStartArgs> = Leaf::new(
    "export start",
    Kind::Action,
    |c| match c {
        Command::Export(ExportCommand::Start(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(start(ctx, a).await?.into()) }),
)
.data(shape::<ExportData<'static>>);

pub(crate) static STATUS: Leaf<ExportStatusArgs> = Leaf::new(
    "export status",
    Kind::Action,
    |c| match c {
        Command::Export(ExportCommand::Status(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(status(ctx, a).await?.into()) }),
)
.data(shape::<ExportData<'static>>);

pub(crate) static LIST: Leaf<()> = Leaf::new(
    "export list",
    Kind::Action,
    |c| matches!(c, Command::Export(ExportCommand::List)).then_some(&()),
    |ctx, _, _| Box::pin(async move { Ok(list(ctx).await?.into()) }),
)
.data(shape::<ListData<'static>>);

async fn table_arn(ctx: &Context) -> anyhow::Result<(String, Option<i64>)> {
    let t = crate::aws::table::describe(ctx.dynamodb().await?, ctx.table())
        .await?
        .ok_or_else(|| NotFound::new(format!("table {} does not exist", ctx.table())))?;
    Ok((
        t.table_arn().unwrap_or_default().to_owned(),
        t.table_size_bytes(),
    ))
}

fn row(e: &ExportInfo) -> Vec<String> {
    let t = |t: Option<chrono::DateTime<Utc>>| t.map(|t| t.to_rfc3339()).unwrap_or("-".into());
    vec![
        e.arn.clone(),
        e.status.clone(),
        t(e.point_in_time()),
        e.item_count
            .map(|n| n.to_string())
            .unwrap_or_else(|| "-".into()),
        format!("s3://{}/{}", e.bucket, e.root()),
    ]
}

fn table_of(title: &str, exports: &[ExportInfo]) -> Section {
    Section::table(
        title,
        &["EXPORT", "STATUS", "POINT IN TIME", "ITEMS", "FILES"],
        exports.iter().map(row).collect(),
    )
}

/// Polls DescribeExport until the export leaves IN_PROGRESS, the timeout passes or the user
/// interrupts (the export goes on in AWS either way).
async fn wait(
    ctx: &Context,
    arn: &str,
    timeout: chrono::Duration,
) -> anyhow::Result<(ExportInfo, Option<&'static str>)> {
    let client = ctx.dynamodb().await?;
    let spinner = ctx.progress().spinner(format!("export {arn} in progress"));
    let deadline = tokio::time::Instant::now() + timeout.to_std().unwrap_or_default();
    let mut pause = std::time::Duration::from_millis(500);
    let outcome = loop {
        let info = export::describe(client, arn).await?;
        if info.status != "IN_PROGRESS" {
            break (info, None);
        }
        if tokio::time::Instant::now() >= deadline {
            break (info, Some("timed out waiting"));
        }
        tokio::select! {
            _ = tokio::time::sleep(pause) => {}
            _ = super::interrupted() => break (info, Some("interrupted")),
        }
        pause = (pause * 2).min(std::time::Duration::from_secs(30));
    };
    spinner.finish_and_clear();
    Ok(outcome)
}

pub(crate) async fn start(ctx: &Context, args: &ExportStartArgs) -> anyhow::Result<Report> {
    let mut report = Report::action("export start");
    let bucket = args.bucket.as_deref().ok_or_else(|| {
        crate::error::UsageError::new(
            "export start needs a bucket: --bucket NAME, or `bucket` in the environment's [env.NAME.export] of the config file",
        )
    })?;
    let (table_arn, size) = table_arn(ctx).await?;
    let client = ctx.dynamodb().await?;
    let cost = export::cost(size.unwrap_or(0), args.price_per_gb);
    let cost_text = format!(
        "~${:.2} at ${}/GB for {} (DescribeTable's size, refreshed about every six hours)",
        cost.export_usd,
        args.price_per_gb,
        bytes(cost.table_bytes)
    );
    let now = Utc::now();
    let req = export::StartRequest {
        table_arn: &table_arn,
        bucket,
        bucket_owner: args.bucket_owner.as_deref(),
        prefix: args.prefix.as_deref().filter(|p| !p.is_empty()),
        // Whole seconds: what ExportTime carries, and what the token is made of.
        at: args
            .to
            .map(|t| t.resolve(now))
            .and_then(|t| chrono::DateTime::from_timestamp(t.timestamp(), 0)),
        relative: matches!(args.to, Some(TimeArg::Ago(_) | TimeArg::Now)),
    };
    // An export of the same place still running (a re-run after a --wait timeout or Ctrl-C),
    // or a recent completed one, answers as well as a new one, for free.
    if !args.new {
        let exports = export::list(client, &table_arn).await?;
        if let Some((e, how)) = export::reusable(&exports, &req, now, args.reuse_within) {
            let state = match how {
                export::Reuse::Completed => "COMPLETED".to_owned(),
                export::Reuse::InProgress => format!(
                    "IN_PROGRESS since {}: not starting a second one",
                    e.start_time.map(|t| t.to_rfc3339()).unwrap_or_default()
                ),
            };
            // A relative --to moves with the clock: say how far the export's point is from the
            // one asked now, and why that counts as the same.
            let drift = match (req.relative, req.at, e.export_time) {
                (true, Some(asked), Some(t)) => format!(
                    "; the point asked (--to, relative) is now {}, {} later: a relative --to run again reuses an export of a point within --reuse-within before it",
                    asked.to_rfc3339(),
                    crate::times::human(asked - t)
                ),
                _ => String::new(),
            };
            report.push(Finding::ok(
                CheckId::ExportReused,
                format!(
                    "reusing export {} ({state}; point in time {}{drift}); pass --new for another",
                    e.id(),
                    e.point_in_time()
                        .map(|t| t.to_rfc3339())
                        .unwrap_or_default()
                ),
            ));
            let e = e.clone();
            return finish(ctx, report, e, Some(&cost), args.wait, args.wait_timeout).await;
        }
    }
    let token = req.client_token(now);
    let prefix = req.prefix.unwrap_or("");
    if args.dry_run {
        report.push(Finding::ok(
            CheckId::ExportPlan,
            format!(
                "would export {} to s3://{}/{prefix} at {} ({cost_text}); nothing started (dry run)",
                ctx.table(),
                bucket,
                req.at.unwrap_or(now).to_rfc3339()
            ),
        ));
        report.set_data(&ExportData {
            export: None,
            cost: Some(&cost),
        })?;
        return Ok(report);
    }
    let info = export::start(client, &req, &token).await?;
    report.push(Finding::ok(
        CheckId::ExportStarted,
        format!("started export {} ({cost_text})", info.arn),
    ));
    finish(ctx, report, info, Some(&cost), args.wait, args.wait_timeout).await
}

pub(crate) async fn status(ctx: &Context, args: &ExportStatusArgs) -> anyhow::Result<Report> {
    let report = Report::action("export status");
    let (table_arn, _) = table_arn(ctx).await?;
    let client = ctx.dynamodb().await?;
    let info = if args.export == "latest" {
        export::list(client, &table_arn)
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| Refusal::new(format!("{} has no exports", ctx.table())))?
    } else {
        export::describe(client, &args.export).await?
    };
    finish(ctx, report, info, None, args.wait, args.wait_timeout).await
}

/// `export start` and `export status`'s `data`: the export, and (`start`) what it costs.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct ExportData<'a> {
    cost: Option<&'a ExportCost>,
    export: Option<&'a ExportInfo>,
}

/// `export list`'s `data`: the table's exports, newest first.
#[derive(Serialize, schemars::JsonSchema)]
pub(crate) struct ListData<'a> {
    exports: &'a [ExportInfo],
}

/// Waits when asked and the export is still running, then reports its state.
async fn finish(
    ctx: &Context,
    mut report: Report,
    info: ExportInfo,
    cost: Option<&ExportCost>,
    wait_for_it: bool,
    timeout: chrono::Duration,
) -> anyhow::Result<Report> {
    let (info, stopped) = if wait_for_it && info.status == "IN_PROGRESS" {
        wait(ctx, &info.arn, timeout).await?
    } else {
        (info, None)
    };
    report.push(checks::export::state(&info, stopped));
    report.set_data(&ExportData {
        cost,
        export: Some(&info),
    })?;
    report.section(table_of("Export", std::slice::from_ref(&info)));
    Ok(report)
}

pub(crate) async fn list(ctx: &Context) -> anyhow::Result<Report> {
    let mut report = Report::action("export list");
    let (table_arn, _) = table_arn(ctx).await?;
    let exports = export::list(ctx.dynamodb().await?, &table_arn).await?;
    report.push(checks::export::list(&exports));
    report.section(table_of("Exports, newest first", &exports));
    report.set_data(&ListData { exports: &exports })?;
    Ok(report)
}

/// An export to answer from: the export (`latest` or an ARN: completed, full, DynamoDB JSON),
/// its manifest, and an S3 client to read it with.
pub(crate) struct Opened {
    pub info: ExportInfo,
    pub manifest: export::Manifest,
    pub s3: aws_sdk_s3::Client,
}

/// The export `which` names (`latest` or an ARN), from DynamoDB: completed, full, DynamoDB JSON.
pub(crate) async fn resolve(ctx: &Context, which: &str) -> anyhow::Result<ExportInfo> {
    let (table_arn, _) = table_arn(ctx).await?;
    Ok(export::resolve(ctx.dynamodb().await?, &table_arn, which, None).await?)
}

/// A resolved export opened: its manifest read from S3 (the first read of the export itself,
/// so the first one a missing S3 permission refuses).
pub(crate) async fn open_resolved(ctx: &Context, info: ExportInfo) -> anyhow::Result<Opened> {
    let s3 = ctx.s3().await?.clone();
    let manifest = export_files::manifest(&s3, &info).await?;
    Ok(Opened { info, manifest, s3 })
}

/// Athena over an opened export: the Glue table, where results go, what it costs.
pub(crate) struct AthenaRun {
    pub client: aws_sdk_athena::Client,
    pub target: AthenaTarget,
    /// The Glue table of the export.
    pub table: String,
    /// The objects under the export's `data/` (what Athena reads), key to size.
    pub objects: std::collections::BTreeMap<String, i64>,
    /// Said when the results go to the default place beside the export.
    pub output_note: Option<String>,
    /// The estimate before the queries: each scans every data file (gzip bytes), billed at
    /// least 10 MB.
    pub estimate_usd: f64,
    pub per_tb: f64,
}

impl AthenaRun {
    /// What the queries cost by what they scanned (DataScannedInBytes), when Athena said.
    pub(crate) fn price(&self, scanned: &[Option<i64>]) -> Option<f64> {
        let all: Option<Vec<i64>> = scanned.iter().copied().collect();
        all.map(|s| athena::price_usd(&s, self.per_tb))
    }

    /// The rows Athena counted against the manifest and the objects in S3.
    pub(crate) fn check(&self, opened: &Opened, count: u64) -> ManifestCheck {
        export_check::counted(&opened.manifest, count, &self.objects)
    }
}

impl Opened {
    /// The local engine over every data file, with a progress bar on the manifest's count;
    /// what it read against the manifest, file by file.
    pub(crate) async fn read_local<T, A>(
        &self,
        ctx: &Context,
        add: A,
        merge: &dyn Fn(&mut T, T),
    ) -> anyhow::Result<(T, ManifestCheck)>
    where
        T: Default + Send + 'static,
        A: Fn(&mut T, &ExportItem<'_>) + Send + Sync + 'static,
    {
        let bar = ctx.progress().bar(
            Some(self.manifest.summary.item_count),
            format!("reading export {}", self.info.id()),
        );
        let (t, files) = export_files::read_local(
            &self.s3,
            &self.info.bucket,
            &self.manifest,
            export_files::decode_threads(),
            add,
            merge,
            &|n| bar.inc(n),
        )
        .await?;
        bar.finish_and_clear();
        Ok((t, export_check::local(&self.manifest, &files)))
    }

    /// Gets Athena ready for `queries` queries over the export: the Glue table registered,
    /// the data files listed (for the price and the check against the manifest), the output
    /// location decided.
    pub(crate) async fn athena(
        &self,
        ctx: &Context,
        a: &crate::cli::AthenaArgs,
        queries: usize,
    ) -> anyhow::Result<AthenaRun> {
        let client = ctx.athena().await?.clone();
        let default = format!(
            "s3://{}/{}athena-results/",
            self.info.bucket,
            self.info.prefix_path()
        );
        let ((output, from), objects) = tokio::try_join!(
            async {
                Ok::<_, anyhow::Error>(
                    athena::output_location(
                        &client,
                        &a.athena_workgroup,
                        a.athena_output.as_deref(),
                        default,
                    )
                    .await,
                )
            },
            async { Ok(export_files::data_objects(&self.s3, &self.info).await?) },
        )?;
        let target = AthenaTarget {
            workgroup: a.athena_workgroup.clone(),
            output,
            database: a.athena_database.clone(),
        };
        let output_note = match from {
            athena::OutputFrom::Default(why) => Some(format!(
                "Athena's query results go to {} ({why}); --athena-output chooses another place",
                target.output.as_deref().unwrap_or_default()
            )),
            _ => None,
        };
        let table = athena::register(ctx.glue().await?, &target.database, &self.info).await?;
        let data_bytes: i64 = export_check::counted(&self.manifest, 0, &objects)
            .data_bytes
            .unwrap_or(0);
        Ok(AthenaRun {
            estimate_usd: athena::price_usd(&vec![data_bytes; queries], a.price_per_tb_scanned),
            per_tb: a.price_per_tb_scanned,
            client,
            target,
            table,
            objects,
            output_note,
        })
    }
}
