//! What a check stands on before it judges anything (docs/evidence.md): AWS answered, with
//! credentials that work, and the table exists. When one of these fails there is nothing to
//! judge, and the report says so once instead of repeating the same error in every row.

use crate::report::CheckId;

use crate::aws::error::login_hint;
use crate::aws::{AwsError, AwsErrorKind};
use crate::report::{Finding, Status};

crate::evidence! {
    /// `aws.reachable`: nothing answered at the endpoint.
    struct Unreachable<'a> {
        endpoint: &'a str,
        region: &'a Option<String>,
        /// `dynamodb:DescribeTable`
        operation: String,
    }
    /// `aws.reachable`: something answered, not as AWS does.
    struct NotAws<'a> {
        endpoint: &'a str,
        region: &'a Option<String>,
    }
    /// `aws.credentials`
    struct CredentialsRefused<'a> {
        region: &'a Option<String>,
        profile: &'a Option<String>,
        code: &'a Option<String>,
    }
}

/// Where the calls went, for the one finding that says AWS could not be reached.
#[derive(Debug, Clone)]
pub(crate) struct Where {
    pub endpoint: String,
    pub region: Option<String>,
    /// `--profile` or `AWS_PROFILE`, for the log-in hint.
    pub profile: Option<String>,
}

/// The finding that stops a check before it gathers anything, or `None` when the check should
/// go on (a permission the policy lacks, a throttled call: each check reports its own unknowns).
pub(crate) fn stop(err: &AwsError, at: &Where) -> Option<Finding> {
    let region = at.region.as_deref().unwrap_or("no region");
    if err.kind == AwsErrorKind::Unreachable {
        return Some(
            Finding::unknown(
                CheckId::AwsReachable,
                format!(
                    "could not reach AWS at {} (region {region}): {}; nothing was checked",
                    at.endpoint,
                    short_cause(&err.message)
                ),
            )
            .evidence(Unreachable {
                endpoint: &at.endpoint,
                region: &at.region,
                operation: format!("{}:{}", err.service, err.operation),
            })
            .remedy("check --endpoint-url / AWS_ENDPOINT_URL, --region / AWS_REGION, the network and any proxy (HTTPS_PROXY)"),
        );
    }
    // Something answered, but not as AWS does (no error code: a wrong URL, a proxy's page).
    if err.kind == AwsErrorKind::Other && err.code.is_none() {
        return Some(
            Finding::unknown(
                CheckId::AwsReachable,
                format!(
                    "an endpoint answered at {} (region {region}) but not as AWS (no AWS error in its answer); nothing was checked",
                    at.endpoint
                ),
            )
            .evidence(NotAws {
                endpoint: &at.endpoint,
                region: &at.region,
            })
            .remedy("check --endpoint-url / AWS_ENDPOINT_URL (a DynamoDB endpoint, e.g. https://dynamodb.REGION.amazonaws.com) and any proxy"),
        );
    }
    let problem = err.credential_problem()?;
    Some(
        Finding::unknown(
            CheckId::AwsCredentials,
            format!("{problem}; nothing was checked"),
        )
        .evidence(CredentialsRefused {
            region: &at.region,
            profile: &at.profile,
            code: &err.code,
        })
        .remedy(login_hint(at.profile.as_deref())),
    )
}

/// What to do about a call that failed, by the one classification of [`AwsError`]: log in
/// again for a credential problem (missing, expired, unknown), run again for a throttle, else
/// `otherwise` (the permission the call needs, say). A permission is never the remedy of a
/// missing credential.
pub(crate) fn unreadable_remedy(e: &AwsError, otherwise: &str) -> String {
    if e.credential_problem().is_some() {
        login_hint(None)
    } else if e.is_throttled() {
        format!(
            "AWS throttled {}:{} past its retries: run again in a minute",
            e.service, e.operation
        )
    } else {
        otherwise.to_owned()
    }
}

/// `Connection refused (os error 111)` out of the error's longer text; a timeout in words.
fn short_cause(message: &str) -> String {
    if message.starts_with("no answer") {
        return "no answer within the time allowed (each attempt, and --timeout)".to_owned();
    }
    match (message.find('('), message.rfind(')')) {
        (Some(a), Some(b)) if a < b && message.starts_with("could not connect") => {
            message[a + 1..b].to_owned()
        }
        _ => message.to_owned(),
    }
}

/// "No datapoints" is not zero: the window it covered, said in words.
pub(crate) fn no_traffic(window: &str) -> String {
    format!("no traffic in the window ({window})")
}

/// An ok that rests on series CloudWatch answered incompletely is unknown, with the words that
/// say so; a warn or crit stands on what was seen. The text is to append to the summary.
pub(crate) fn unless_incomplete(
    status: Status,
    m: &crate::aws::metrics::MetricSet,
    keys: &[crate::aws::metrics::MetricKey],
) -> (Status, String) {
    match m.incomplete(keys) {
        n if n > 0 && status == Status::Ok => (
            Status::Unknown,
            format!(
                "; CloudWatch answered {n} of its {} series incompletely: not proof of none",
                keys.len()
            ),
        ),
        _ => (status, String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(kind: AwsErrorKind, code: Option<&str>, message: &str) -> AwsError {
        AwsError {
            code: code.map(str::to_owned),
            ..AwsError::local(
                kind,
                "dynamodb",
                "DescribeTable",
                Some("table t".into()),
                message,
            )
        }
    }

    fn at(profile: Option<&str>) -> Where {
        Where {
            endpoint: "http://127.0.0.1:1".into(),
            region: Some("us-east-1".into()),
            profile: profile.map(str::to_owned),
        }
    }

    #[test]
    fn what_stops_a_check_and_what_does_not() {
        let cases: &[(AwsErrorKind, Option<&str>, &str, Option<CheckId>)] = &[
            (
                AwsErrorKind::Unreachable,
                None,
                "could not connect to http://127.0.0.1:1 (Connection refused (os error 111)); check",
                Some(CheckId::AwsReachable),
            ),
            (
                AwsErrorKind::Credentials,
                None,
                "no credentials found in chain",
                Some(CheckId::AwsCredentials),
            ),
            (
                AwsErrorKind::Credentials,
                Some("ExpiredTokenException"),
                "The security token included in the request is expired",
                Some(CheckId::AwsCredentials),
            ),
            (
                AwsErrorKind::Credentials,
                Some("UnrecognizedClientException"),
                "The security token included in the request is invalid.",
                Some(CheckId::AwsCredentials),
            ),
            // A permission the policy lacks: the checks go on and each says what it could not read.
            (
                AwsErrorKind::AccessDenied,
                Some("AccessDeniedException"),
                "User x is not authorized to perform dynamodb:DescribeTable",
                None,
            ),
            (
                AwsErrorKind::Throttled,
                Some("ThrottlingException"),
                "Rate exceeded",
                None,
            ),
            // A web server that is not AWS: HTTP 404 with no error code.
            (
                AwsErrorKind::Other,
                None,
                "the service gave no message",
                Some(CheckId::AwsReachable),
            ),
            // A real AWS error with a code: the checks go on.
            (
                AwsErrorKind::Other,
                Some("InternalServerError"),
                "Internal server error",
                None,
            ),
        ];
        for (kind, code, message, check) in cases {
            let got = stop(&err(*kind, *code, message), &at(None));
            assert_eq!(got.as_ref().map(|f| &f.check), check.as_ref(), "{message}");
            if let Some(f) = got {
                assert_eq!(f.status, crate::report::Status::Unknown);
                assert!(f.summary.ends_with("nothing was checked"), "{}", f.summary);
            }
        }
    }

    #[test]
    fn unreachable_names_endpoint_region_and_cause() {
        let f = stop(
            &err(
                AwsErrorKind::Unreachable,
                None,
                "could not connect to http://127.0.0.1:1 (Connection refused (os error 111)); check --endpoint-url",
            ),
            &at(None),
        )
        .unwrap();
        assert!(f.summary.contains("http://127.0.0.1:1"), "{}", f.summary);
        assert!(f.summary.contains("us-east-1"), "{}", f.summary);
        assert!(f.summary.contains("Connection refused"), "{}", f.summary);
    }

    #[test]
    fn credentials_say_how_to_log_in_not_which_permission() {
        let expired = err(
            AwsErrorKind::Credentials,
            Some("ExpiredTokenException"),
            "The security token included in the request is expired",
        );
        let f = stop(&expired, &at(Some("oncall"))).unwrap();
        let remedy = f.remedy.unwrap();
        assert!(
            remedy.contains("aws sso login --profile oncall"),
            "{remedy}"
        );
        assert!(remedy.contains("AWS_"), "{remedy}");
        assert!(!remedy.contains("permission"), "{remedy}");
        assert!(f.summary.contains("expired"), "{}", f.summary);
        let none = stop(
            &err(
                AwsErrorKind::Credentials,
                None,
                "no credentials found in chain",
            ),
            &at(None),
        )
        .unwrap();
        assert!(none.summary.starts_with("no AWS credentials were found"));
        assert!(none.remedy.unwrap().contains("AWS_ACCESS_KEY_ID"));
    }
}
