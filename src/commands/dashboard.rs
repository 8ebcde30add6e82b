//! `dashboard apply`, `dashboard show`.

use chrono::Utc;
use serde::Serialize;

use super::data_schema::shape;
use super::registry::{Kind, Leaf, Production, When};
use crate::aws::metrics::{self, Window, WindowData};
use crate::cli::{Command, DashboardCommand};
use crate::cli::{DashboardApplyArgs, ShowArgs};
use crate::context::Context;
use crate::report::{ChartSeries, Report, Section};
use crate::spec::{self, dashboard};

pub(crate) static APPLY: Leaf<DashboardApplyArgs> = Leaf::new(
    "dashboard apply",
    Kind::Action,
    |c| match c {
        Command::Dashboard(DashboardCommand::Apply(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(apply(ctx, a).await?.into()) }),
)
.production(Production::NeedsYes { with: &[] })
.data(shape::<ApplyData<'static>>);

/// An action (it draws), but what it draws is the table's: the table is described first.
pub(crate) static SHOW: Leaf<ShowArgs> = Leaf::new(
    "dashboard show",
    Kind::Action,
    |c| match c {
        Command::Dashboard(DashboardCommand::Show(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(show(ctx, a).await?.into()) }),
)
.judges_table(When::Always)
.data(shape::<ShowData>);

async fn widgets(ctx: &Context) -> anyhow::Result<Vec<dashboard::Widget>> {
    let t = crate::aws::table::describe(ctx.dynamodb().await?, ctx.table()).await?;
    let gsis = crate::aws::table::gsi_names(t.as_ref());
    let gsis: Vec<&str> = gsis.iter().map(String::as_str).collect();
    Ok(dashboard::widgets(ctx.table(), &gsis))
}

pub(crate) async fn apply(ctx: &Context, args: &DashboardApplyArgs) -> anyhow::Result<Report> {
    crate::safety::guard_write(&ctx.names, "dashboard apply", args.yes, args.dry_run)?;
    let widgets = widgets(ctx).await?;
    let region = ctx.region().unwrap_or_default();
    let body = dashboard::body(&widgets, &region);
    let name = ctx.names.dashboard.clone();
    let mut report = Report::action("dashboard apply");
    report.set_data(&ApplyData {
        dashboard: &name,
        dry_run: args.dry_run,
        body: &body,
    })?;
    let rows = widgets
        .iter()
        .map(|w| {
            vec![
                w.title.to_owned(),
                w.lines
                    .iter()
                    .map(|l| l.label.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
                w.target
                    .map(|t| t.to_string())
                    .unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    report.section(Section::table(
        if args.dry_run {
            format!("{name} (dry run, nothing changed)")
        } else {
            name.clone()
        },
        &["WIDGET", "SERIES", "THRESHOLD LINE"],
        rows,
    ));
    if !args.dry_run {
        let messages =
            crate::aws::dashboard::put(ctx.cloudwatch().await?, &name, body.to_string()).await?;
        if !messages.is_empty() {
            report.note(format!("CloudWatch validation: {}", messages.join("; ")));
        }
    }
    report.correct(spec::corrections::user_errors());
    Ok(report)
}

pub(crate) async fn show(ctx: &Context, args: &ShowArgs) -> anyhow::Result<Report> {
    let widgets = widgets(ctx).await?;
    let window = Window::last(args.since, Utc::now());
    let keys: Vec<_> = widgets
        .iter()
        .flat_map(|w| w.lines.iter().map(|l| l.key.clone()))
        .collect();
    let set = metrics::fetch(ctx.cloudwatch().await?, window, &keys).await?;
    let mut report = Report::action("dashboard show");
    let data = ShowData {
        window: window.data(),
        widgets: widgets
            .iter()
            .map(|w| WidgetData {
                title: w.title,
                target: w.target,
                series: w
                    .lines
                    .iter()
                    .map(|l| SeriesData {
                        label: l.label.clone(),
                        values: set.series(&l.key).dense(&window),
                    })
                    .collect(),
            })
            .collect(),
    };
    for (w, d) in widgets.iter().zip(&data.widgets) {
        let series: Vec<ChartSeries> = d
            .series
            .iter()
            .map(|s| ChartSeries {
                label: s.label.clone(),
                unit: w.unit.to_owned(),
                values: s.values.clone(),
                target: d.target,
            })
            .collect();
        let threshold = w
            .target
            .map(|t| {
                format!(
                    ", threshold {}",
                    crate::output::chart::format_value(t, w.unit)
                )
            })
            .unwrap_or_default();
        report.section(Section::Chart {
            title: format!(
                "{}{threshold} (last {}, per {})",
                w.title,
                crate::times::human(window.length()),
                crate::times::human(chrono::Duration::seconds(i64::from(window.period)))
            ),
            series,
        });
    }
    report.push(crate::checks::dashboard::data(&set, &keys));
    report.set_data(&data)?;
    report.correct(spec::corrections::user_errors());
    Ok(report)
}

/// `dashboard apply`'s `data`: the dashboard and the body put (or that would be).
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "DashboardApplyData")]
struct ApplyData<'a> {
    dashboard: &'a str,
    dry_run: bool,
    body: &'a dashboard::Body,
}

/// `dashboard show`'s `data`: the window and each widget's series, one value a period (null
/// where CloudWatch has no datapoint).
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "DashboardShowData")]
struct ShowData {
    window: WindowData,
    widgets: Vec<WidgetData>,
}

/// One widget: its lines' values, one a period.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "DashboardShowWidget")]
struct WidgetData {
    title: &'static str,
    /// The runbook's threshold the widget draws as a line; `null` when it has none.
    target: Option<f64>,
    series: Vec<SeriesData>,
}

#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "DashboardSeries")]
struct SeriesData {
    label: String,
    /// One value a period of the window; `null` where CloudWatch has no datapoint.
    values: Vec<Option<f64>>,
}
