//! The review parts of `health-check monthly` and `quarterly` that used to be manual steps:
//! the IAM audit (Monthly 5), the cost trend (Monthly 1) and the capacity plan and billing mode
//! (Quarterly 2). Each is gathered concurrently with the other parts and judged by its engine.

use std::time::Duration;

use super::health::Part;
use crate::aws::iam::AdvisorWait;
use crate::checks::iam_roles::{self, AuditScope};
use crate::context::Context;
use crate::report::{CheckId, Finding};

/// Monthly 5: the IAM audit of the roles of the functions that use the table; the table is
/// described, and the functions and mappings listed, at once.
pub(super) async fn iam_part(ctx: &Context, advisor_wait: u64) -> Part {
    let runbook = "Monthly 5: Audit IAM permissions";
    let clients =
        async { anyhow::Ok((ctx.dynamodb().await?, ctx.lambda().await?, ctx.iam().await?)) };
    let (ddb, lambda, iam) = match clients.await {
        Ok(c) => c,
        Err(e) => {
            return Part::new(
                "iam",
                runbook,
                vec![Finding::unknown(
                    CheckId::IamFunctions,
                    format!("no AWS client: {e}"),
                )],
            );
        }
    };
    let scope = AuditScope {
        variable: "EVENTS_TABLE_NAME",
        only: &[],
        wait: AdvisorWait {
            every: super::iam_audit::ADVISOR_POLL,
            at_most: Duration::from_secs(advisor_wait),
        },
    };
    let (data, findings) = iam_roles::audit_with_table(ddb, lambda, iam, ctx.table(), &scope).await;
    let mut part = Part::new("iam", runbook, findings);
    if !data.roles.is_empty() {
        part.sections
            .push(super::iam_audit::roles_section(&data.roles));
    }
    part
}
