//! One module per runbook procedure: `gather` makes the AWS calls (concurrently), `evaluate` is a
//! pure function from what AWS returned to findings, unit-tested without a network.

pub mod alarms;
pub mod bench;
pub mod capacity;
pub mod changes;
pub mod evidence;
pub mod hot;
pub mod id;
pub mod keys;
pub mod latency;
pub mod pitr;
pub mod quarterly;
pub mod restore;
pub mod settings;
pub mod shape;
pub mod stream;
pub mod table;
pub mod throttling;
pub mod ttl;

/// For the unit tests of every check: the finding `check`, asserted to have `status` and a
/// summary that holds `words` (what was missing, as `docs/evidence.md` says it).
#[cfg(test)]
pub fn expect<'a>(
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
pub fn denied(service: &'static str, operation: &'static str) -> crate::aws::AwsError {
    crate::aws::AwsError::local(
        crate::aws::AwsErrorKind::AccessDenied,
        service,
        operation,
        None,
        "denied",
    )
}
