//! What re-applying a table's settings did, as a finding, a table and JSON (pure).

use crate::report::CheckId;
use serde_json::{Value, json};

use crate::aws::settings::{Change, Outcomes};
use crate::report::{Finding, Keyed, Section};

/// ok when every setting is in place (set now or already), warn naming what could not be set.
pub(crate) fn finding(check: CheckId, outcomes: &Outcomes, runbook: &str) -> Finding {
    let failed: Vec<String> = outcomes
        .iter()
        .filter(|(_, c)| c.is_failed())
        .map(|(k, c)| format!("{k}: {}", c.text()))
        .collect();
    let applied: Vec<&str> = outcomes
        .iter()
        .filter(|(_, c)| matches!(c, Change::Applied(_)))
        .map(|(k, _)| *k)
        .collect();
    let f = if !failed.is_empty() {
        Finding::warn(check, format!("not set: {}", failed.join("; ")))
            .remedy("run the same command again once the cause is fixed: it changes only what is still missing")
    } else if applied.is_empty() {
        let all: Vec<&str> = outcomes.iter().map(|(k, _)| *k).collect();
        Finding::ok(
            check,
            format!("{} were already in place: nothing changed", all.join(", ")),
        )
    } else {
        Finding::ok(
            check,
            format!("set {}; the rest was already in place", applied.join(", ")),
        )
    };
    f.evidence(keyed(outcomes)).runbook(runbook)
}

/// Each setting's outcome by name, in order: the evidence of [`finding`].
fn keyed(outcomes: &Outcomes) -> Keyed<&Change> {
    outcomes.iter().map(|(k, c)| (*k, c)).collect()
}

/// Each setting's outcome by name, owned: `{"ttl": {"outcome": "applied", "detail": "enabled on
/// `ttl`"}, ...}` in a command's `data`.
pub(crate) fn outcomes(outcomes: &Outcomes) -> Keyed<Change> {
    outcomes.iter().map(|(k, c)| (*k, c.clone())).collect()
}

/// `{"ttl": {"outcome": "applied", "detail": "enabled on `ttl`"}, ...}`.
pub(crate) fn json(outcomes: &Outcomes) -> Value {
    Value::Object(
        outcomes
            .iter()
            .map(|(k, c)| ((*k).to_owned(), json!(c)))
            .collect(),
    )
}

pub(crate) fn section(title: &str, outcomes: &Outcomes) -> Section {
    Section::table(
        title,
        &["SETTING", "OUTCOME", "DETAIL"],
        outcomes
            .iter()
            .map(|(k, c)| {
                let outcome = match c {
                    Change::Unchanged(_) => "unchanged",
                    Change::Applied(_) => "applied",
                    Change::Failed(_) => "FAILED",
                };
                vec![(*k).to_owned(), outcome.to_owned(), c.text().to_owned()]
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Status;

    #[test]
    fn outcomes_to_findings() {
        let all = |c: fn(String) -> Change| -> Outcomes {
            ["ttl", "stream", "pitr", "tags"]
                .into_iter()
                .map(|k| (k, c("x".into())))
                .collect()
        };
        let f = finding(CheckId::RestoreReapply, &all(Change::Unchanged), "rb");
        assert_eq!(f.status, Status::Ok);
        assert!(f.summary.contains("nothing changed"), "{}", f.summary);
        let f = finding(CheckId::RestoreReapply, &all(Change::Applied), "rb");
        assert_eq!(f.status, Status::Ok);
        assert!(
            f.summary.contains("set ttl, stream, pitr, tags"),
            "{}",
            f.summary
        );
        let mut mixed = all(Change::Unchanged);
        mixed[2].1 = Change::Failed("ContinuousBackupsUnavailableException".into());
        let f = finding(CheckId::RestoreReapply, &mixed, "rb");
        assert_eq!(f.status, Status::Warn);
        assert!(
            f.summary.contains("pitr: ContinuousBackups"),
            "{}",
            f.summary
        );
        assert_eq!(json(&mixed)["pitr"]["outcome"], "failed");
    }
}
