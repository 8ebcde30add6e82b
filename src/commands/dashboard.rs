//! `dashboard apply`, `dashboard show`.

use crate::aws::ops;
use crate::report::CheckId;
use chrono::Utc;
use serde::Serialize;
use serde_json::Value;

use crate::aws::error::AwsResultExt;
use crate::aws::metrics::{self, MetricKey, MetricSet, Window, WindowData};
use crate::cli::{DashboardApplyArgs, ShowArgs};
use crate::context::Context;
use crate::report::{ChartSeries, Finding, Report, Section};
use crate::spec::{self, dashboard};

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
        let out = ctx
            .cloudwatch()
            .await?
            .put_dashboard()
            .dashboard_name(&name)
            .dashboard_body(body.to_string())
            .send()
            .await
            .aws(&ops::PUT_DASHBOARD, Some(format!("dashboard {name}")))?;
        let messages: Vec<String> = out
            .dashboard_validation_messages()
            .iter()
            .filter_map(|m| m.message().map(str::to_owned))
            .collect();
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
    report.push(data_finding(&set, &keys));
    report.set_data(&data)?;
    report.correct(spec::corrections::user_errors());
    Ok(report)
}

/// `dashboard apply`'s `data`: the dashboard and the body put (or that would be).
#[derive(Serialize)]
struct ApplyData<'a> {
    dashboard: &'a str,
    dry_run: bool,
    body: &'a Value,
}

/// `dashboard show`'s `data`: the window and each widget's series, one value a period (null
/// where CloudWatch has no datapoint).
#[derive(Serialize)]
struct ShowData {
    window: WindowData,
    widgets: Vec<WidgetData>,
}

#[derive(Serialize)]
struct WidgetData {
    title: &'static str,
    target: Option<f64>,
    series: Vec<SeriesData>,
}

#[derive(Serialize)]
struct SeriesData {
    label: String,
    values: Vec<Option<f64>>,
}

/// `dashboard.data`: empty charts are not a quiet table's proof of health; say what the charts
/// rest on (docs/evidence.md).
fn data_finding(set: &MetricSet, keys: &[MetricKey]) -> Finding {
    let with_data = keys
        .iter()
        .filter(|k| !set.series(k).points.is_empty())
        .count();
    let span = crate::times::human(set.window.length());
    if with_data == 0 {
        Finding::unknown(
            CheckId::DashboardData,
            format!(
                "{}: none of the {} series has a datapoint",
                crate::checks::evidence::no_traffic(&format!("last {span}")),
                keys.len()
            ),
        )
    } else {
        Finding::ok(
            CheckId::DashboardData,
            format!(
                "{with_data} of {} series have datapoints in the last {span}",
                keys.len()
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::metrics::Series;
    use crate::report::Status;

    #[test]
    fn dashboard_without_datapoints_has_nothing_to_show() {
        let now = chrono::DateTime::from_timestamp(1_800_000_000, 0).expect("a valid time");
        let window = Window::last(chrono::Duration::hours(3), now);
        let keys: Vec<MetricKey> = dashboard::widgets("t", &["StatusIndex"])
            .iter()
            .flat_map(|w| w.lines.iter().map(|l| l.key.clone()))
            .collect();
        let quiet = MetricSet::from_series(window, Vec::new());
        let f = data_finding(&quiet, &keys);
        assert_eq!(f.status, Status::Unknown);
        assert_eq!(
            f.summary,
            format!(
                "no traffic in the window (last 3h): none of the {} series has a datapoint",
                keys.len()
            )
        );
        let one = MetricSet::from_series(
            window,
            vec![Series {
                key: keys[0].clone(),
                points: vec![(window.start, 1.0)],
                problem: None,
            }],
        );
        let f = data_finding(&one, &keys);
        assert_eq!(f.status, Status::Ok);
        assert!(f.summary.starts_with("1 of "), "{}", f.summary);
    }
}
