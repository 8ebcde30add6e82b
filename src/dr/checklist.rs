//! The cutover checklist a restore prints: what the operator does next, including everything a
//! restore drops that this tool does not set (docs/aws-facts.md §6.4). Pure.

use aws_sdk_dynamodb::types::TableDescription;

use super::plan::protected;
use crate::aws::settings::Outcomes;

/// The cutover checklist: what the operator does, including everything a restore drops that
/// this tool does not set (docs/aws-facts.md §6.4). `reapplied`: what the re-apply did (`None`:
/// `--no-reapply`).
pub(crate) fn cutover_steps(
    source: &TableDescription,
    target: &str,
    stream_arn: Option<&str>,
    reapplied: Option<&Outcomes>,
) -> Vec<String> {
    let name = source.table_name().unwrap_or_default();
    let steps = [
        format!("Update the Lambda environment variable EVENTS_TABLE_NAME to {target}"),
        "Redeploy the Lambda functions".into(),
        format!("Update Terraform state (import {target}) if the table is managed there"),
        format!(
            "Update the IAM policies, and any resource-based policy, that name {name} or its stream: {target} has a new table ARN and a new stream ARN, and a restore copies no policy (eventsctl --table {target} iam-policy prints this tool's; eventsctl --table {name} dr cutover --to {target} copies the resource-based policies with {target}'s ARNs)"
        ),
        format!(
            "Point the stream consumer's event source mapping at the new stream ({})",
            stream_arn.unwrap_or("see eventsctl --table TARGET stream-status")
        ),
        format!(
            // plural-ok: `{target} alarms apply` is a command line, not a count
            "Alarms, dashboards and auto scaling are not restored: eventsctl --table {target} alarms apply and dashboard apply (dr cutover puts both for {target}); set auto scaling again if {name} had it"
        ),
        format!(
            "Table class and warm throughput are not carried over: set them again if {name} had them (aws dynamodb update-table --table-name {target} --table-class ... / --warm-throughput ...)"
        ),
        protection_step(source, target, reapplied),
        "Verify API functionality (eventsctl --table TARGET diagnose writes --canary)".into(),
        format!(
            "Only after verification: retire {name} (this tool never deletes it) and write the postmortem"
        ),
    ];
    steps
        .into_iter()
        .enumerate()
        .map(|(i, s)| format!("{}. {s}", i + 1))
        .collect()
}

/// The checklist's line on what the re-apply set: TTL, stream, PITR and tags (or what failed,
/// or nothing with `--no-reapply`), then deletion protection.
fn protection_step(
    source: &TableDescription,
    target: &str,
    reapplied: Option<&Outcomes>,
) -> String {
    let name = source.table_name().unwrap_or_default();
    let turn_on =
        format!("aws dynamodb update-table --table-name {target} --deletion-protection-enabled");
    let Some(outcomes) = reapplied else {
        return format!(
            "Nothing was re-applied (--no-reapply): TTL, stream, PITR, tags and deletion protection are off on {target}; set them before it serves (deletion protection: {turn_on})"
        );
    };
    let failed: Vec<&str> = outcomes
        .iter()
        .filter(|(k, c)| *k != "deletion_protection" && c.is_failed())
        .map(|(k, _)| *k)
        .collect();
    let others = if failed.is_empty() {
        "TTL, stream, PITR and tags are re-applied (above)".to_owned()
    } else {
        format!(
            "Not re-applied: {} (above); once the cause is fixed, eventsctl --table {name} pitr-restore --resume {target} sets what is missing",
            failed.join(", ")
        )
    };
    let change = outcomes
        .iter()
        .find(|(k, _)| *k == "deletion_protection")
        .map(|(_, c)| c);
    let protection = match change {
        Some(c) if c.is_failed() => format!(
            "Deletion protection could not be turned on ({}): turn it on before {target} serves: {turn_on}",
            c.text()
        ),
        _ if protected(source) => {
            format!("Deletion protection is on again on {target}, as on the source")
        }
        _ => format!(
            "The source had no deletion protection, so {target} has none: for production, turn it on: {turn_on}"
        ),
    };
    format!("{others}. {protection}")
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::aws::settings::Change;

    fn source(protected: bool) -> TableDescription {
        TableDescription::builder()
            .table_name("app-prod-events")
            .deletion_protection_enabled(protected)
            .build()
    }

    fn reapplied(protection: Change) -> Outcomes {
        vec![
            ("ttl", Change::Applied("enabled on `ttl`".into())),
            ("deletion_protection", protection),
        ]
    }

    /// Issue 23 §6: the checklist said nothing of deletion protection, policies naming the old
    /// table, table class or warm throughput, so a restored table went into service without.
    #[test]
    fn the_cutover_checklist_lists_everything_a_restore_drops() {
        let on = Change::Applied("turned on (the source has it)".into());
        let steps = cutover_steps(&source(true), "t2", Some("arn:s"), Some(&reapplied(on)));
        let text = steps.join("\n");
        for what in [
            "EVENTS_TABLE_NAME",
            "IAM policies",
            "resource-based policy",
            "new stream ARN",
            "arn:s",
            "auto scaling",
            "alarms apply",
            "Table class and warm throughput",
            "Deletion protection is on again on t2",
            "retire app-prod-events",
        ] {
            assert!(text.contains(what), "{what}: {text}");
        }
        assert!(
            steps
                .iter()
                .enumerate()
                .all(|(i, s)| s.starts_with(&format!("{}. ", i + 1)))
        );

        let step = |src: bool, r: Option<&Outcomes>| protection_step(&source(src), "t2", r);
        let failed = reapplied(Change::Failed(
            "AccessDenied on dynamodb:UpdateTable".into(),
        ));
        let s = step(true, Some(&failed));
        assert!(
            s.starts_with("TTL, stream, PITR and tags are re-applied"),
            "{s}"
        );
        assert!(
            s.contains("could not be turned on (AccessDenied")
                && s.contains("--deletion-protection-enabled"),
            "{s}"
        );
        let none = reapplied(Change::Unchanged("left off: the source has none".into()));
        let s = step(false, Some(&none));
        assert!(
            s.contains("had no deletion protection") && s.contains("--deletion-protection-enabled"),
            "{s}"
        );
        let mut ttl_failed = reapplied(Change::Unchanged("already on".into()));
        ttl_failed[0].1 = Change::Failed("ValidationException".into());
        let s = step(true, Some(&ttl_failed));
        assert!(
            s.contains("Not re-applied: ttl")
                && s.contains("pitr-restore --resume t2")
                && s.contains("Deletion protection is on again"),
            "{s}"
        );
        let s = step(true, None);
        assert!(
            s.contains("--no-reapply") && s.contains("deletion protection"),
            "{s}"
        );
    }
}
