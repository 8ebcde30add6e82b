//! One module per runbook procedure: `gather` makes the AWS calls (concurrently), `evaluate` is a
//! pure function from what AWS returned to findings, unit-tested without a network.

pub(crate) mod alarm_replay;
pub(crate) mod alarm_test;
pub(crate) mod alarms;
pub mod backtest;
pub(crate) mod bench;
pub(crate) mod canary;
pub(crate) mod capacity;
pub mod changes;
pub(crate) mod dashboard;
pub(crate) mod evidence;
pub(crate) mod export;
pub(crate) mod hot;
pub mod iam_audit;
pub(crate) mod iam_roles;
pub(crate) mod keys;
pub(crate) mod latency;
pub(crate) mod pitr;
pub(crate) mod quarterly;
pub(crate) mod restore;
pub(crate) mod settings;
pub(crate) mod shape;
pub(crate) mod stream;
pub(crate) mod stream_probe;
pub(crate) mod table;
pub(crate) mod throttle_bursts;
pub(crate) mod throttling;
pub(crate) mod ttl;
pub(crate) mod ttl_athena;
pub(crate) mod ttl_repair;

/// For the unit tests of every check: the finding `check`, asserted to have `status` and a
/// summary that holds `words` (what was missing, as `docs/evidence.md` says it).
#[cfg(test)]
pub(crate) fn expect<'a>(
    findings: &'a [crate::report::Finding],
    check: &str,
    status: crate::report::Status,
    words: &str,
) -> &'a crate::report::Finding {
    let f = findings
        .iter()
        .find(|f| f.check.to_string() == check)
        .unwrap_or_else(|| panic!("no {check} in {findings:#?}"));
    assert_eq!(f.status, status, "{check}: {}", f.summary);
    assert!(
        f.summary.contains(words),
        "{check}: {:?} does not say {words:?}",
        f.summary
    );
    f
}

/// For the unit tests: the error of a call the policy does not allow.
#[cfg(test)]
pub(crate) fn denied(service: &'static str, operation: &'static str) -> crate::aws::AwsError {
    crate::aws::AwsError::local(
        crate::aws::AwsErrorKind::AccessDenied,
        service,
        operation,
        None,
        "denied",
    )
}
