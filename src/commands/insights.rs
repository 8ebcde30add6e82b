//! `insights list`, `insights run`.

use std::time::Duration;

use chrono::Utc;
use serde::Serialize;
use serde_json::Value;

use super::data_schema::shape;
use super::registry::{Kind, Leaf, Limit, plus};
use crate::aws::insights::{
    self, LogGroups, LogGroupsError, MAX_LOG_GROUPS, QueryEnd, QueryResult, QuerySpec, Statistics,
    quote, regex_literal,
};
use crate::cli::InsightsRunArgs;
use crate::cli::{Command, InsightsCommand};
use crate::context::Context;
use crate::error::UsageError;
use crate::report::{DataError, Report, Section};
use crate::spec::insights::{QUERIES, find};

pub(crate) static LIST: Leaf<()> = Leaf::new(
    "insights list",
    Kind::Action,
    |c| matches!(c, Command::Insights(InsightsCommand::List)).then_some(&()),
    |_, _, _| Box::pin(async move { Ok(list()?.into()) }),
)
.offline()
.data(shape::<ListData>);

pub(crate) static RUN: Leaf<InsightsRunArgs> = Leaf::new(
    "insights run",
    Kind::Action,
    |c| match c {
        Command::Insights(InsightsCommand::Run(a)) => Some(&**a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(run(ctx, a).await?.into()) }),
)
.limit(Limit::By(|a| plus(a.max_wait, 2)))
.data(shape::<RunData<'static>>);

/// `insights list`'s `data`.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "InsightsListData")]
pub(crate) struct ListData {
    queries: Vec<QueryEntry>,
}

/// One of the runbook's queries.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "InsightsQuery")]
struct QueryEntry {
    name: &'static str,
    /// Where the runbook has it.
    runbook: &'static str,
    purpose: &'static str,
    /// Its Logs Insights text, with the default latency field.
    query: String,
    /// Where the runbook's text was wrong and how the query fixes it.
    fixed: Option<&'static str>,
}

pub(crate) fn list() -> Result<Report, DataError> {
    let data = ListData {
        queries: QUERIES
            .iter()
            .map(|q| QueryEntry {
                name: q.name,
                runbook: q.runbook,
                purpose: q.purpose,
                query: q.text(crate::spec::insights::DEFAULT_LATENCY_FIELD),
                fixed: q.fixed,
            })
            .collect(),
    };
    let mut report = Report::action("insights list");
    report.section(Section::table(
        "Runbook Logs Insights queries (eventsctl insights run NAME)",
        &["NAME", "RUNBOOK", "ANSWERS"],
        data.queries
            .iter()
            .map(|q| {
                vec![
                    q.name.to_owned(),
                    q.runbook.to_owned(),
                    q.purpose.to_owned(),
                ]
            })
            .collect(),
    ));
    for q in &data.queries {
        if let Some(fixed) = q.fixed {
            report.note(format!("{}: {fixed}", q.name));
        }
    }
    report.set_data(&data)?;
    Ok(report)
}

/// `insights run`'s `data`: the query as run, where, and its rows exactly as returned.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "InsightsRunData")]
pub(crate) struct RunData<'a> {
    /// Columns no row has a value in (shown as "no data").
    empty_columns: Vec<String>,
    pages: u32,
    /// Log groups beyond the 50 a query takes.
    log_groups_left_out: &'a [String],
    query_name: String,
    query: String,
    log_groups: &'a [String],
    window: RunWindow,
    query_id: &'a str,
    status: QueryEnd,
    statistics: &'a Statistics,
    /// Each row as Logs Insights returned it: field to value, always a string. Its fields are
    /// the query's own (its `fields`, `stats` and `display`), so no list of them holds.
    #[schemars(with = "Vec<std::collections::BTreeMap<String, String>>")]
    rows: Vec<serde_json::Map<String, Value>>,
}

/// The time range the query read.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "InsightsRunWindow")]
struct RunWindow {
    #[schemars(extend("format" = "date-time"))]
    start: String,
    #[schemars(extend("format" = "date-time"))]
    end: String,
}

/// The log groups to query (see `aws::insights::resolve_log_groups`), with the error classified
/// for the exit code: too many given is a usage error, none found a refusal.
pub(crate) async fn resolve_log_groups(
    ctx: &Context,
    given: &[String],
) -> anyhow::Result<LogGroups> {
    let prefix = &ctx.names.log_group_prefix;
    insights::resolve_log_groups(ctx.logs().await?, prefix, given)
        .await
        .map_err(|e| match e {
            LogGroupsError::TooMany(e) => e.into(),
            LogGroupsError::NoneFound(e) => e.into(),
            LogGroupsError::Aws(e) => e.into(),
        })
}

/// Columns without a single value in any row: shown as "no data", not blanks.
pub(crate) fn empty_columns(result: &QueryResult) -> Vec<String> {
    result
        .fields()
        .into_iter()
        .filter(|f| {
            !result.rows.is_empty()
                && result
                    .rows
                    .iter()
                    .all(|r| QueryResult::get(r, f).is_none_or(|v| v.trim().is_empty()))
        })
        .collect()
}

/// Prepends the user and text filters, their values escaped.
pub(crate) fn with_filters(query: &str, user: Option<&str>, matching: Option<&str>) -> String {
    let mut parts = Vec::new();
    if let Some(u) = user {
        parts.push(format!("filter user_id = {}", quote(u)));
    }
    if let Some(m) = matching {
        parts.push(format!("filter @message like {}", regex_literal(m)));
    }
    parts.push(query.to_owned());
    parts.join("\n| ")
}

/// The query's name (`custom` for `--query`) and its text, before any filter.
fn named_query(args: &InsightsRunArgs) -> Result<(String, String), UsageError> {
    match (&args.name, &args.query) {
        (Some(n), _) => {
            let q = find(n).ok_or_else(|| {
                UsageError::new(format!(
                    "no query named `{n}`; one of: {}",
                    QUERIES
                        .iter()
                        .map(|q| q.name)
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?;
            Ok((q.name.to_owned(), q.text(&args.latency_field)))
        }
        (None, Some(q)) => Ok(("custom".to_owned(), q.clone())),
        (None, None) => Err(UsageError::new("give a query name or --query")),
    }
}

pub async fn run(ctx: &Context, args: &InsightsRunArgs) -> anyhow::Result<Report> {
    let now = Utc::now();
    let (name, base) = named_query(args)?;
    let start = args.since.resolve(now);
    let end = args.until.map(|t| t.resolve(now)).unwrap_or(now);
    if start >= end {
        return Err(UsageError::new("--since must be before --until").into());
    }
    let query = with_filters(&base, args.user.as_deref(), args.matching.as_deref());
    let LogGroups {
        queried: groups,
        left_out,
    } = resolve_log_groups(ctx, &args.log_groups).await?;
    let spec = QuerySpec {
        query: query.clone(),
        log_groups: groups.clone(),
        start,
        end,
        limit: args.limit,
    };
    let result = insights::execute(
        ctx.logs().await?,
        ctx.reporter(),
        &spec,
        args.max_wait.to_std().unwrap_or(Duration::from_secs(900)),
    )
    .await?;
    let mut report = Report::action("insights run");
    report.failed = !result.complete();
    let empty = empty_columns(&result);
    report.section(rows_section(&name, &result, &empty));
    for note in run_notes(&name, &query, args, &empty, &groups, &left_out) {
        report.note(note);
    }
    if report.failed {
        report.note(format!(
            "The query ended {}: nothing here is an all-clear.",
            result.status
        ));
    }
    report.set_data(&RunData {
        empty_columns: empty,
        pages: result.pages,
        log_groups_left_out: &left_out,
        query_name: name,
        query,
        log_groups: &groups,
        window: RunWindow {
            start: crate::times::stamp(start),
            end: crate::times::stamp(end),
        },
        query_id: &result.query_id,
        status: result.status,
        statistics: &result.statistics,
        rows: result
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|(f, v)| (f.clone(), Value::String(v.clone())))
                    .collect()
            })
            .collect(),
    })?;
    Ok(report)
}

/// The result rows as a table, "no data" in the columns no row has a value in.
fn rows_section(name: &str, result: &QueryResult, empty: &[String]) -> Section {
    let fields = result.fields();
    Section::table(
        format!(
            "{name}: {} ({}; {} matched of {} scanned)",
            result.status,
            crate::vocab::words::count(result.rows.len(), "row", "rows"),
            crate::vocab::words::whole(result.statistics.records_matched, "record", "records"),
            result.statistics.records_scanned
        ),
        &fields.iter().map(String::as_str).collect::<Vec<_>>(),
        result
            .rows
            .iter()
            .map(|row| {
                fields
                    .iter()
                    .map(|f| {
                        if empty.contains(f) {
                            "no data".to_owned()
                        } else {
                            QueryResult::get(row, f).unwrap_or("").to_owned()
                        }
                    })
                    .collect()
            })
            .collect(),
    )
}

/// What a reader of the rows should know: empty columns (and the latency field that may be
/// why), log groups left out, `@duration` outside Lambda, what was fixed from the runbook.
fn run_notes(
    name: &str,
    query: &str,
    args: &InsightsRunArgs,
    empty: &[String],
    groups: &[String],
    left_out: &[String],
) -> Vec<String> {
    let mut notes = Vec::new();
    if !empty.is_empty() {
        let latency = find(name).is_some_and(|q| q.reads_latency());
        notes.push(format!(
            "No data in {}: no matched line has a value for it{}.",
            empty.join(", "),
            if latency {
                format!(
                    "; latency is read from `{}`: pass --latency-field NAME with the field the application logs its latency in",
                    args.latency_field
                )
            } else {
                String::new()
            }
        ));
    }
    if !left_out.is_empty() {
        notes.push(format!(
            // plural-ok: said only when more groups match than a query takes (over 1)
            "{} log groups match; a query takes at most {MAX_LOG_GROUPS}, so {} were not queried: {}. Query them with --log-group (repeatable).",
            groups.len() + left_out.len(),
            left_out.len(),
            left_out.join(", ")
        ));
    }
    if query.contains("@duration") {
        let others: Vec<&str> = groups
            .iter()
            .filter(|g| !g.starts_with("/aws/lambda/"))
            .map(String::as_str)
            .collect();
        if !others.is_empty() {
            notes.push(format!(
                "@duration exists only on Lambda REPORT lines; {} not Lambda log groups, so its values are empty there (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_AnalyzeLogData-discoverable-fields.html).",
                others.join(", ")
            ));
        }
    }
    if let Some(q) = find(name).and_then(|q| q.fixed) {
        notes.push(format!("Fixed from the runbook's text: {q}."));
    }
    notes
}
