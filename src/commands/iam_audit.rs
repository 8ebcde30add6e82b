//! `iam audit [--function F...]`: the execution roles of the Lambda functions that use the table,
//! judged statement by statement (runbook Monthly 5; `checks::iam_audit` is the engine,
//! `checks::iam_roles` gathers).

use std::time::Duration;

use super::data_schema::shape;
use super::registry::{Kind, Leaf, When};
use crate::aws::iam::AdvisorWait;
use crate::checks::iam_audit::RoleAudit;
use crate::checks::iam_roles::{self, AuditScope};
use crate::cli::{Command, IamAuditArgs, IamCommand};
use crate::context::Context;
use crate::report::{Report, Section};

pub(crate) static IAM_AUDIT: Leaf<IamAuditArgs> = Leaf::new(
    "iam audit",
    Kind::Check,
    |c| match c {
        Command::Iam(IamCommand::Audit(a)) => Some(a),
        _ => None,
    },
    |ctx, a, _| Box::pin(async move { Ok(audit(ctx, a).await?.into()) }),
)
.judges_table(When::Always)
.data(shape::<iam_roles::AuditData>);

/// How often access advisor is asked whether its report is ready.
pub(crate) const ADVISOR_POLL: Duration = Duration::from_secs(2);

/// The roles as one table: role, kind, functions, policies read, unused actions.
pub(crate) fn roles_section(roles: &[RoleAudit]) -> Section {
    Section::table(
        "Roles of the functions that use the table",
        &["ROLE", "KIND", "FUNCTIONS", "POLICIES", "UNUSED (90 DAYS)"],
        roles
            .iter()
            .map(|r| {
                vec![
                    r.role.clone(),
                    serde_json::to_value(r.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    r.functions.join(", "),
                    format!(
                        "{}{}",
                        r.policies.len(),
                        if r.read { "" } else { " (not all read)" }
                    ),
                    match r.unused.knowledge {
                        crate::checks::iam_audit::advisor::Knowledge::Unknown => "unknown".into(),
                        _ if r.unused.actions.is_empty() => "none".into(),
                        _ => r.unused.actions.join(", "),
                    },
                ]
            })
            .collect(),
    )
}

async fn audit(ctx: &Context, args: &IamAuditArgs) -> anyhow::Result<Report> {
    let table = crate::aws::table::describe(ctx.dynamodb().await?, ctx.table()).await?;
    let spinner = ctx
        .progress()
        .spinner("IAM audit: functions, roles, policies, access advisor");
    let scope = AuditScope {
        variable: &args.variable,
        only: &args.functions,
        wait: AdvisorWait {
            every: ADVISOR_POLL,
            at_most: Duration::from_secs(args.advisor_wait),
        },
    };
    let (data, findings) = iam_roles::audit(
        ctx.lambda().await?,
        ctx.iam().await?,
        table.as_ref(),
        &scope,
    )
    .await;
    spinner.finish_and_clear();
    let mut report = Report::check("iam audit");
    report.extend(findings);
    if !data.roles.is_empty() {
        report.section(roles_section(&data.roles));
    }
    report.note("Conditions are shown, not evaluated; permissions boundaries, Organizations and session policies are not read (SimulatePrincipalPolicy decides with them).");
    report.set_data(&data)?;
    Ok(report)
}
