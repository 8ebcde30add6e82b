//! One readable line for every AWS failure, classified once.
//!
//! The SDK's errors are rich but their `Debug` output is a wall of text. Everything that calls AWS
//! turns its `SdkError` into an [`AwsError`] at the call site, naming the service, the operation
//! and the resource, so that what reaches the terminal reads like
//! `AccessDenied on dynamodb:DescribeTable for table X: User ... is not authorized`.

use std::fmt;

use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use super::ops::Op;

/// What kind of failure an AWS call ended in, as far as an operator cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AwsErrorKind {
    NotFound,
    /// Denied by IAM: a permission the policy lacks.
    AccessDenied,
    /// No credentials, or ones AWS does not accept (expired, unknown, a bad signature): a
    /// log-in problem, not a permission one.
    Credentials,
    Throttled,
    Unreachable,
    Invalid,
    Other,
}

impl AwsErrorKind {
    /// The kind as JSON writes it (`access_denied`, `credentials`, ...): the `error.kind` of a
    /// failed command's envelope.
    pub fn name(self) -> &'static str {
        match self {
            AwsErrorKind::NotFound => "not_found",
            AwsErrorKind::AccessDenied => "access_denied",
            AwsErrorKind::Credentials => "credentials",
            AwsErrorKind::Throttled => "throttled",
            AwsErrorKind::Unreachable => "unreachable",
            AwsErrorKind::Invalid => "invalid",
            AwsErrorKind::Other => "other",
        }
    }

    fn label(self) -> &'static str {
        match self {
            AwsErrorKind::NotFound => "NotFound",
            AwsErrorKind::AccessDenied => "AccessDenied",
            AwsErrorKind::Credentials => "Credentials",
            AwsErrorKind::Throttled => "Throttled",
            AwsErrorKind::Unreachable => "EndpointUnreachable",
            AwsErrorKind::Invalid => "InvalidRequest",
            AwsErrorKind::Other => "Error",
        }
    }

    /// Classifies an AWS error code (the `__type` / `Code` of the response).
    pub(crate) fn from_code(code: &str) -> AwsErrorKind {
        match code {
            "ResourceNotFoundException"
            | "TableNotFoundException"
            | "ExportNotFoundException"
            | "EntityNotFoundException"
            | "NoSuchKey"
            | "NoSuchBucket"
            | "NotFound"
            | "ResourceNotFound"
            | "DashboardNotFoundError"
            | "DashboardNotFound"
            // IAM: a role, policy or access advisor job that does not exist.
            | "NoSuchEntity" => AwsErrorKind::NotFound,
            "AccessDeniedException" | "AccessDenied" | "UnauthorizedOperation" => {
                AwsErrorKind::AccessDenied
            }
            "UnrecognizedClientException"
            | "InvalidSignatureException"
            | "SignatureDoesNotMatch"
            | "ExpiredTokenException"
            | "ExpiredToken"
            | "RequestExpired"
            | "InvalidClientTokenId"
            | "MissingAuthenticationToken"
            | "MissingAuthenticationTokenException"
            | "IncompleteSignature"
            | "IncompleteSignatureException"
            // S3's own words for a key it does not know and a token it does not take.
            | "InvalidAccessKeyId"
            | "InvalidToken"
            | "TokenRefreshRequired" => AwsErrorKind::Credentials,
            code if super::retry::is_throttling_code(code) => AwsErrorKind::Throttled,
            "ValidationException"
            | "InvalidParameterValue"
            | "InvalidParameterValueException"
            | "InvalidParameterCombination"
            | "InvalidParameterException"
            | "MissingParameter"
            | "SerializationException"
            | "MalformedQueryException"
            | "InvalidRequestException" => AwsErrorKind::Invalid,
            _ => AwsErrorKind::Other,
        }
    }
}

/// An AWS call that failed, with enough context for one line of output.
#[derive(Debug, Clone, thiserror::Error)]
pub struct AwsError {
    pub kind: AwsErrorKind,
    /// `dynamodb`, `cloudwatch`, ...
    pub service: &'static str,
    /// `DescribeTable`, `GetMetricData`, ...
    pub operation: &'static str,
    /// `table X`, `alarm Y`: what the call was about, when there is one thing.
    pub resource: Option<String>,
    /// The service's error code, when the service answered.
    pub code: Option<String>,
    pub message: String,
}

impl fmt::Display for AwsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(problem) = self.credential_problem() {
            return self.fmt_credentials(problem, f);
        }
        write!(
            f,
            "{} on {}:{}",
            self.kind.label(),
            self.service,
            self.operation
        )?;
        if let Some(resource) = &self.resource {
            write!(f, " for {resource}")?;
        }
        match &self.code {
            Some(code) if code != self.kind.label() => write!(f, ": {code}: {}", self.message)?,
            _ => write!(f, ": {}", self.message)?,
        }
        if self.is_missing_permission() {
            write!(
                f,
                " (`eventsctl iam-policy` prints the permissions each command needs)"
            )?;
        }
        Ok(())
    }
}

/// The phrases of [`AwsError::credential_problem`].
pub(crate) const NO_CREDENTIALS: &str = "no AWS credentials were found";
const EXPIRED: &str = "the AWS session has expired (a temporary token or an SSO session)";

impl AwsError {
    /// Builds an error from an `SdkError` of any service, for the operation `op`.
    pub(crate) fn from_sdk<E, R>(
        err: &SdkError<E, R>,
        op: &'static Op,
        resource: Option<String>,
    ) -> AwsError
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
        R: fmt::Debug + 'static,
    {
        let (service, operation) = (op.service, op.operation);
        let (kind, code, message) = match err {
            SdkError::ServiceError(service_err) => {
                let inner = service_err.err();
                let code = inner.code().map(str::to_owned);
                let kind = code
                    .as_deref()
                    .map(AwsErrorKind::from_code)
                    .unwrap_or(AwsErrorKind::Other);
                let message = inner
                    .message()
                    .map(str::to_owned)
                    .unwrap_or_else(|| "the service gave no message".to_owned());
                (kind, code, message)
            }
            SdkError::DispatchFailure(failure) if failure.is_io() || failure.is_timeout() => (
                AwsErrorKind::Unreachable,
                None,
                format!(
                    "could not connect{} ({}); check --endpoint-url / AWS_ENDPOINT_URL, --region and the network",
                    endpoint_text("to"),
                    root_cause(err)
                ),
            ),
            SdkError::TimeoutError(_) => (
                AwsErrorKind::Unreachable,
                None,
                format!(
                    "no answer{} within the time allowed (each attempt, and the command: --timeout); check the endpoint and the network",
                    endpoint_text("from")
                ),
            ),
            other => {
                let text = causes(other);
                if is_credentials_text(&text) {
                    // The whole chain (each provider tried and why it was not used) is for -vv.
                    tracing::debug!("credentials for {service}:{operation}: {text}");
                    (AwsErrorKind::Credentials, None, credentials_detail(other))
                } else {
                    (AwsErrorKind::Other, None, text)
                }
            }
        };
        AwsError {
            kind,
            service,
            operation,
            resource,
            code,
            message,
        }
    }

    /// A failure on this side of the call (no region, an event the tool refused, a wait that
    /// ran out), in the same one-line shape as AWS's own.
    pub(crate) fn local(
        kind: AwsErrorKind,
        service: &'static str,
        operation: &'static str,
        resource: Option<String>,
        message: impl Into<String>,
    ) -> AwsError {
        AwsError {
            kind,
            service,
            operation,
            resource,
            code: None,
            message: message.into(),
        }
    }

    pub(crate) fn is_not_found(&self) -> bool {
        self.kind == AwsErrorKind::NotFound
    }

    /// Denied by IAM (not an expired or unknown credential): a permission the policy lacks.
    pub(crate) fn is_missing_permission(&self) -> bool {
        self.kind == AwsErrorKind::AccessDenied
            && matches!(
                self.code.as_deref(),
                Some("AccessDeniedException" | "AccessDenied" | "UnauthorizedOperation")
            )
    }

    /// A credential that is missing, expired or not known to AWS, as one short phrase; `None`
    /// for every other failure (a permission the policy lacks is not a log-in problem).
    pub fn credential_problem(&self) -> Option<&'static str> {
        if self.kind != AwsErrorKind::Credentials {
            return None;
        }
        let text = self.message.to_ascii_lowercase();
        Some(match self.code.as_deref() {
            Some("ExpiredTokenException" | "ExpiredToken") => EXPIRED,
            Some("RequestExpired") => {
                "AWS refused the request's time (signed too long ago): check this computer's clock"
            }
            Some("UnrecognizedClientException" | "InvalidClientTokenId") => {
                "AWS does not know the access key in use (wrong, deleted or from another account's partition)"
            }
            Some(
                "InvalidSignatureException"
                | "SignatureDoesNotMatch"
                | "IncompleteSignature"
                | "IncompleteSignatureException",
            ) => "the secret access key does not match the access key",
            Some("MissingAuthenticationToken" | "MissingAuthenticationTokenException") => {
                "the request carried no AWS credentials"
            }
            _ if text.contains("expired") => EXPIRED,
            _ if text.contains("no credentials") || text.contains("not enabled") => NO_CREDENTIALS,
            _ => "the AWS credentials could not be loaded",
        })
    }

    /// `no AWS credentials were found: dynamodb:Query for table t was not sent`; what AWS or
    /// the credential chain said follows in parentheses when it adds something.
    fn fmt_credentials(&self, problem: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{problem}: {}:{}", self.service, self.operation)?;
        if let Some(resource) = &self.resource {
            write!(f, " for {resource}")?;
        }
        match &self.code {
            // AWS answered and refused the credentials.
            Some(code) => write!(f, " was refused ({code}: {})", self.message),
            // The SDK found nothing to sign with: nothing was sent.
            None if problem == NO_CREDENTIALS || self.message.is_empty() => {
                write!(f, " was not sent")
            }
            None => write!(f, " was not sent ({})", self.message),
        }
    }

    pub(crate) fn is_throttled(&self) -> bool {
        self.kind == AwsErrorKind::Throttled
    }

    /// Worth retrying: throttling, a connection that failed or reset, a server-side 5xx, a state
    /// AWS reaches on its own (backups not ready yet right after a table becomes ACTIVE); see
    /// [`super::retry::classify`]. Writes in this tool are idempotent puts, conditional inserts
    /// and deletes, and settings that are described first, so a retry is safe.
    pub(crate) fn is_transient(&self) -> bool {
        super::retry::classify(self) != super::retry::Class::Fatal
    }
}

/// ` to URL` / ` from URL` for the endpoint last used, when one was.
fn endpoint_text(preposition: &str) -> String {
    crate::aws::calls::last_endpoint()
        .map(|e| format!(" {preposition} {e}"))
        .unwrap_or_default()
}

/// Credentials that cannot be loaded surface as a dispatch failure of kind "other" (the SDK
/// resolves the identity before it sends anything): a log-in problem, not a network one.
fn is_credentials_text(text: &str) -> bool {
    let text = text.to_ascii_lowercase();
    text.contains("credential") || text.contains("identity") || text.contains("sso token")
}

/// What the credential chain said, short: the innermost reason, without the list of every
/// provider tried (`no credentials found in chain. Attempted: Environment: ...`) and without
/// the SDK's "the credential provider was not enabled" prefix.
fn credentials_detail(err: &(dyn std::error::Error + 'static)) -> String {
    let root = root_cause(err);
    let root = root.split(". Attempted:").next().unwrap_or_default();
    root.trim_start_matches("the credential provider was not enabled: ")
        .trim_end_matches('.')
        .to_owned()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The Display text of every error in the chain, joined on one line, repeats dropped. (The
/// SDK's `DisplayErrorContext` appends a Debug dump, which is what this avoids.)
fn causes(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(err);
    while let Some(e) = next {
        let text = one_line(&e.to_string());
        if !text.is_empty() && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        next = e.source();
    }
    parts.join(": ")
}

/// The innermost error's text: `Connection refused (os error 111)`.
fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut e = err;
    while let Some(next) = e.source() {
        e = next;
    }
    one_line(&e.to_string())
}

/// Attaches the operation and the resource to an SDK result: `.aws(&GET_ITEM, ...)`.
pub trait AwsResultExt<T> {
    fn aws(self, op: &'static Op, resource: impl Into<Option<String>>) -> Result<T, AwsError>;
}

impl<T, E, R> AwsResultExt<T> for Result<T, SdkError<E, R>>
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: fmt::Debug + 'static,
{
    fn aws(self, op: &'static Op, resource: impl Into<Option<String>>) -> Result<T, AwsError> {
        self.map_err(|err| AwsError::from_sdk(&err, op, resource.into()))
    }
}

/// `table NAME`, for the resource part of an error line.
pub(crate) fn table_resource(name: &str) -> Option<String> {
    Some(format!("table {name}"))
}

/// How to log in again, and which settings are read.
pub(crate) fn login_hint(profile: Option<&str>) -> String {
    let login = match profile {
        Some(p) => format!("log in again: `aws sso login --profile {p}` (SSO), or refresh the keys of profile {p}"),
        None => "log in: `aws sso login --profile P` then pass --profile P (or set AWS_PROFILE=P), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys)".to_owned(),
    };
    format!(
        "{login}; read in this order: the AWS_* variables, --profile / AWS_PROFILE in ~/.aws/config and ~/.aws/credentials, web identity, container and instance roles"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_classify() {
        let cases = [
            ("ResourceNotFoundException", AwsErrorKind::NotFound),
            ("AccessDeniedException", AwsErrorKind::AccessDenied),
            ("UnrecognizedClientException", AwsErrorKind::Credentials),
            ("ExpiredTokenException", AwsErrorKind::Credentials),
            ("InvalidSignatureException", AwsErrorKind::Credentials),
            (
                "ProvisionedThroughputExceededException",
                AwsErrorKind::Throttled,
            ),
            ("ThrottlingException", AwsErrorKind::Throttled),
            ("ValidationException", AwsErrorKind::Invalid),
            ("InternalServerError", AwsErrorKind::Other),
            ("ContinuousBackupsUnavailableException", AwsErrorKind::Other),
        ];
        for (code, kind) in cases {
            assert_eq!(AwsErrorKind::from_code(code), kind, "{code}");
        }
        let unavailable = AwsError::local(
            AwsErrorKind::Other,
            "dynamodb",
            "UpdateContinuousBackups",
            None,
            "Backups are being enabled for the table",
        );
        let unavailable = AwsError {
            code: Some("ContinuousBackupsUnavailableException".into()),
            ..unavailable
        };
        assert!(unavailable.is_transient() && !unavailable.is_not_found());
    }

    #[test]
    fn display_is_one_line_with_context() {
        let err = AwsError {
            kind: AwsErrorKind::AccessDenied,
            service: "dynamodb",
            operation: "DescribeTable",
            resource: table_resource("t1"),
            code: Some("AccessDeniedException".into()),
            message: "User x is not authorized".into(),
        };
        assert_eq!(
            err.to_string(),
            "AccessDenied on dynamodb:DescribeTable for table t1: AccessDeniedException: User x is not authorized (`eventsctl iam-policy` prints the permissions each command needs)"
        );
        // An expired token is not a missing permission: a log-in problem, said first.
        let expired = AwsError {
            kind: AwsErrorKind::Credentials,
            code: Some("ExpiredTokenException".into()),
            message: "The security token included in the request is expired".into(),
            ..err
        };
        assert_eq!(
            expired.to_string(),
            "the AWS session has expired (a temporary token or an SSO session): dynamodb:DescribeTable for table t1 was refused (ExpiredTokenException: The security token included in the request is expired)"
        );
    }

    /// Every way credentials fail, from AWS's answer or from the SDK's chain before anything
    /// is sent: one phrase, never "AccessDenied", never the list of providers tried.
    #[test]
    fn credential_failures_are_one_kind_with_one_phrase() {
        let cases: &[(Option<&str>, &str, &str)] = &[
            (None, "no credentials found in chain", NO_CREDENTIALS),
            (
                None,
                "the SSO token has expired and cannot be refreshed",
                EXPIRED,
            ),
            (
                Some("ExpiredTokenException"),
                "The security token included in the request is expired",
                EXPIRED,
            ),
            (
                Some("UnrecognizedClientException"),
                "The security token included in the request is invalid.",
                "AWS does not know the access key",
            ),
            (
                Some("InvalidSignatureException"),
                "The request signature we calculated does not match",
                "the secret access key does not match",
            ),
            (
                None,
                "profile `x` did not contain credential information",
                "the AWS credentials could not be loaded",
            ),
        ];
        for (code, message, phrase) in cases {
            let e = AwsError {
                code: code.map(str::to_owned),
                ..AwsError::local(
                    AwsErrorKind::Credentials,
                    "dynamodb",
                    "Query",
                    table_resource("t"),
                    *message,
                )
            };
            let problem = e.credential_problem().unwrap();
            assert!(problem.starts_with(phrase), "{message}: {problem}");
            let line = e.to_string();
            assert!(line.starts_with(problem), "{line}");
            assert!(line.contains("dynamodb:Query for table t"), "{line}");
            assert!(
                !line.contains("AccessDenied") && !line.contains("iam-policy"),
                "{line}"
            );
        }
        // The SDK's error for an empty chain: classified by its text, said in a few words.
        assert!(is_credentials_text(
            "dispatch failure: other: the credential provider was not enabled: no credentials found in chain. Attempted: Environment: ..."
        ));
        assert!(is_credentials_text(
            "dispatch failure: other: an error occurred while loading credentials: an error occurred while loading an access token: the SSO token has expired and cannot be refreshed"
        ));
        assert!(!is_credentials_text(
            "dispatch failure: io: connection reset"
        ));
        let denied = AwsError::local(AwsErrorKind::AccessDenied, "dynamodb", "Query", None, "x");
        assert_eq!(denied.credential_problem(), None);
    }
}
