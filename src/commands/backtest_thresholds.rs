//! The thresholds `alarms backtest --pages-per-month N` suggests, kept for `alarms apply
//! --thresholds-from-backtest FILE|latest`: `latest` is the last backtest with a target of this
//! environment (in the private state directory), FILE the `-o json` output of one. A suggestion
//! is advice until applied: the runbook's thresholds stay the default.

use std::io::Write;
use std::path::PathBuf;

use serde_json::{Value, json};

use crate::error::UsageError;
use crate::spec::Names;
use crate::spec::alarms::AlarmSpec;

/// Where the last backtest with a target of this environment is kept.
pub(crate) fn latest_path(names: &Names) -> std::io::Result<PathBuf> {
    Ok(crate::files::state_dir()?.join(format!(
        "alarms-backtest-{}-{}.json",
        names.prefix, names.env
    )))
}

/// Keeps `data` (of `alarms backtest`) as the latest; the path written.
pub(crate) fn save(names: &Names, data: &Value) -> std::io::Result<PathBuf> {
    let path = latest_path(names)?;
    let body = json!({
        "command": "alarms backtest",
        "generated_at": crate::times::stamp(chrono::Utc::now()),
        "data": data,
    });
    let mut f = crate::files::create_private(&path, true)?;
    f.write_all(body.to_string().as_bytes())?;
    Ok(path)
}

/// One threshold a backtest suggested.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Suggested {
    pub alarm: String,
    pub threshold: f64,
    pub target_pages_per_month: f64,
}

/// The suggestions in a backtest's JSON (`data.alarms[].backtest.suggestion`); alarms without
/// one (no target, or no threshold meets it) are left out.
pub(crate) fn suggestions(doc: &Value) -> Result<Vec<Suggested>, String> {
    let alarms = doc["data"]["alarms"]
        .as_array()
        .ok_or("it is not the JSON of `alarms backtest` (no data.alarms)")?;
    Ok(alarms
        .iter()
        .filter_map(|a| {
            let s = &a["backtest"]["suggestion"];
            Some(Suggested {
                alarm: a["alarm"].as_str()?.to_owned(),
                threshold: s["threshold"].as_f64()?,
                target_pages_per_month: s["target_pages_per_month"].as_f64()?,
            })
        })
        .collect())
}

/// Reads FILE or `latest`.
pub(crate) fn load(arg: &str, names: &Names) -> Result<(PathBuf, Vec<Suggested>), UsageError> {
    let path = if arg == "latest" {
        latest_path(names)
            .map_err(|e| UsageError::new(format!("--thresholds-from-backtest latest: {e}")))?
    } else {
        PathBuf::from(arg)
    };
    let text = std::fs::read_to_string(&path).map_err(|e| {
        UsageError::new(format!(
            "--thresholds-from-backtest {arg}: cannot read {} ({e}); run `eventsctl alarms backtest --pages-per-month N` first",
            path.display()
        ))
    })?;
    let doc: Value = serde_json::from_str(&text).map_err(|e| {
        UsageError::new(format!(
            "--thresholds-from-backtest {arg}: {} is not JSON ({e})",
            path.display()
        ))
    })?;
    let found = suggestions(&doc)
        .map_err(|e| UsageError::new(format!("--thresholds-from-backtest {arg}: {e}")))?;
    Ok((path, found))
}

/// Applies the suggestions to the specs they name: each change as `alarm: threshold A → B`, and
/// the suggestions for alarms `alarms apply` does not manage here.
pub(crate) fn apply(specs: &mut [AlarmSpec], found: &[Suggested]) -> (Vec<String>, Vec<String>) {
    let mut changed = Vec::new();
    let mut unknown = Vec::new();
    for s in found {
        let Some(spec) = specs.iter_mut().find(|spec| spec.name == s.alarm) else {
            unknown.push(s.alarm.clone());
            continue;
        };
        if spec.threshold == s.threshold {
            continue;
        }
        changed.push(format!(
            "{}: threshold {} → {} (target page rate: {} a month)",
            spec.name, spec.threshold, s.threshold, s.target_pages_per_month
        ));
        let note = format!(
            " Threshold {} from a backtest (target page rate: {} a month; runbook: {}).",
            s.threshold, s.target_pages_per_month, spec.threshold
        );
        spec.description = format!("{}{note}", spec.description)
            .chars()
            .take(1024)
            .collect();
        spec.threshold = s.threshold;
    }
    (changed, unknown)
}

/// `alarms apply --thresholds-from-backtest FROM`: the suggestions read and put into the specs,
/// each change and each alarm left out in a note.
pub(crate) fn into_specs(
    from: &str,
    names: &Names,
    specs: &mut [AlarmSpec],
    report: &mut crate::report::Report,
) -> Result<(), UsageError> {
    let (path, found) = load(from, names)?;
    let (changed, unknown) = apply(specs, &found);
    report.note(format!(
        "Thresholds from the backtest in {}: {}",
        path.display(),
        if changed.is_empty() {
            "none differs from the runbook's".to_owned()
        } else {
            changed.join("; ")
        }
    ));
    if !unknown.is_empty() {
        report.note(format!(
            "left out, not alarms this apply manages: {}",
            unknown.join(", ")
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_change_only_the_alarms_they_name() {
        let names = Names::derive("p", "dev", None);
        let mut specs = crate::spec::alarms::alarms(&names, &[]);
        let throttles = specs[0].name.clone();
        let doc = json!({"data": {"alarms": [
            {"alarm": throttles, "backtest": {"suggestion": {"threshold": 25.0, "target_pages_per_month": 2.0}}},
            {"alarm": "p-dev-other", "backtest": {"suggestion": {"threshold": 1.0, "target_pages_per_month": 2.0}}},
            {"alarm": "p-dev-none", "backtest": {"suggestion": {"threshold": null, "target_pages_per_month": 2.0}}},
            {"alarm": "p-dev-unreplayed", "backtest": null},
        ]}});
        let found = suggestions(&doc).unwrap();
        assert_eq!(found.len(), 2);
        let before = specs[0].threshold;
        let (changed, unknown) = apply(&mut specs, &found);
        assert_eq!(specs[0].threshold, 25.0);
        assert_eq!(
            changed,
            [format!(
                "{throttles}: threshold {before} → 25 (target page rate: 2 a month)"
            )]
        );
        assert!(
            specs[0].description.ends_with("runbook: 10)."),
            "{}",
            specs[0].description
        );
        assert_eq!(unknown, ["p-dev-other"]);
        assert!(suggestions(&json!({"x": 1})).is_err());
    }
}
