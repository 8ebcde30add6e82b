//! `--publish-metrics`: a check's verdicts into CloudWatch (`Eventsctl/HealthCheck`), so that an
//! alarm can page on them like on any other metric: `CheckStatus` per check (dimensions `Env`,
//! `Check`) and `RunStatus` per run (dimensions `Env`, `Command`), 0 ok, 1 warn, 2 crit, 3 unknown.

use crate::aws::publish::{self, CHECK_STATUS, Datum, NAMESPACE, RUN_STATUS};
use crate::context::Context;
use crate::output::prometheus;
use crate::report::Report;

/// The datums of one run: each check once at its worst status, and the run's exit code.
pub(crate) fn data(env: &str, run: &prometheus::Run<'_>) -> Vec<Datum> {
    let mut out: Vec<Datum> = prometheus::check_statuses(run.report)
        .into_iter()
        .map(|(check, status)| Datum {
            metric: CHECK_STATUS,
            dimensions: vec![("Env", env.to_owned()), ("Check", check)],
            value: f64::from(status.exit_code()),
        })
        .collect();
    out.push(Datum {
        metric: RUN_STATUS,
        dimensions: vec![
            ("Env", env.to_owned()),
            ("Command", run.report.command.clone()),
        ],
        value: f64::from(run.exit_code()),
    });
    out
}

/// Publishes one run's verdicts with the environment's own credentials and Region: the line to
/// show (what was put, or why it was not; the verdict stands either way).
pub async fn publish(ctx: &Context, report: &Report, failed: bool) -> Result<String, String> {
    let run = prometheus::Run {
        env: &ctx.names.env,
        report,
        at: chrono::Utc::now(),
        duration: ctx.started.elapsed(),
        failed,
    };
    let data = data(&ctx.names.env, &run);
    let cw = ctx
        .cloudwatch()
        .await
        .map_err(|e| format!("--publish-metrics: {e}"))?;
    match publish::put(cw, &data, run.at).await {
        Ok(n) => Ok(format!(
            "published {} to CloudWatch ({NAMESPACE}, Env={})",
            crate::output::count(n, "metric", "metrics"),
            ctx.names.env
        )),
        Err(e) => Err(format!(
            "--publish-metrics: the verdicts were not published: {e}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{CheckId, Finding, Status};

    #[test]
    fn each_check_once_at_its_worst_and_the_runs_exit_code() {
        let mut r = Report::check("health-check monthly");
        r.push(Finding::ok(CheckId::TtlStatus, "on"));
        r.push(Finding::warn(CheckId::TableGsi("a".into()), "odd"));
        r.push(Finding::crit(CheckId::TableGsi("a".into()), "gone"));
        let run = prometheus::Run {
            env: "prod",
            report: &r,
            at: chrono::Utc::now(),
            duration: std::time::Duration::ZERO,
            failed: false,
        };
        let d = data("prod", &run);
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].metric, CHECK_STATUS);
        assert_eq!(d[0].value, 0.0);
        assert_eq!(
            d[1].dimensions,
            vec![
                ("Env", "prod".to_owned()),
                ("Check", "table.gsi.a".to_owned())
            ]
        );
        assert_eq!(d[1].value, f64::from(Status::Crit.exit_code()));
        assert_eq!(d[2].metric, RUN_STATUS);
        assert_eq!(d[2].value, 2.0);
        let failed = prometheus::Run {
            failed: true,
            report: &Report::check("table verify"),
            ..run
        };
        let d = data("prod", &failed);
        assert_eq!((d.len(), d[0].value), (1, 3.0));
    }
}
