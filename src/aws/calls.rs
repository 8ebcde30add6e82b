//! Every AWS call, seen from inside the SDK: an interceptor that logs each attempt (service,
//! operation, resource, attempt, duration) at debug and each retry at info, and keeps the calls
//! in flight so that a command that runs out of time can say what it was waiting for.
//!
//! Nothing here logs a request or response body: the resource is the table, log group or
//! function name the request names, and an error is its HTTP status or its kind.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeTransmitInterceptorContextRef, FinalizerInterceptorContextRef,
};
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::retries::RequestAttempts;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::{ConfigBag, Storable, StoreReplace};

/// One attempt on the wire.
#[derive(Debug, Clone)]
pub struct InFlight {
    pub service: String,
    pub operation: String,
    pub resource: Option<String>,
    pub attempt: u32,
    /// When this attempt started.
    pub started: Instant,
    /// When the call's first attempt started.
    pub call_started: Instant,
}

impl std::fmt::Display for InFlight {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.service, self.operation)?;
        if let Some(r) = &self.resource {
            write!(f, " for {r}")?;
        }
        write!(
            f,
            " (attempt {}, waiting {:.1} s in all)",
            self.attempt,
            self.call_started.elapsed().as_secs_f64()
        )
    }
}

#[derive(Debug, Default)]
struct State {
    next_id: u64,
    in_flight: BTreeMap<u64, InFlight>,
    endpoint: Option<String>,
    last_failure: Option<String>,
    last_warning: Option<Instant>,
}

/// How often, at most, a run without a time limit says that the endpoint is not answering.
const NO_ANSWER_WARNING_EVERY: Duration = Duration::from_secs(30);

/// The calls of one run: shared by every client's interceptor and read by commands (progress
/// while retrying) and by `main` (what a timeout was waiting for).
#[derive(Debug, Default)]
pub struct CallLog {
    state: Mutex<State>,
    attempts: AtomicU64,
    retries: AtomicU64,
    /// Warn on stderr while an endpoint does not answer (runs with no time limit, which would
    /// otherwise wait in silence until the SDK's attempts are spent).
    warn_no_answer: bool,
}

impl CallLog {
    pub(crate) fn new(warn_no_answer: bool) -> CallLog {
        CallLog {
            warn_no_answer,
            ..CallLog::default()
        }
    }

    /// Whether to warn now that a call got no answer (at most every 30 s).
    fn warning_due(&self) -> bool {
        if !self.warn_no_answer {
            return false;
        }
        let mut s = self.state();
        let due = s
            .last_warning
            .is_none_or(|t| t.elapsed() >= NO_ANSWER_WARNING_EVERY);
        if due {
            s.last_warning = Some(Instant::now());
        }
        due
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Attempts that were retries (the second attempt of a call and later).
    pub(crate) fn retries(&self) -> u64 {
        self.retries.load(Ordering::Relaxed)
    }

    /// Why the last failed attempt failed (`HTTP 400`, `no answer within 10 s`).
    pub fn last_failure(&self) -> Option<String> {
        self.state().last_failure.clone()
    }

    /// The endpoint the last request went to (`https://dynamodb.us-east-1.amazonaws.com`).
    pub fn endpoint(&self) -> Option<String> {
        self.state().endpoint.clone()
    }

    /// The call that has waited longest, if any is in flight.
    pub fn oldest_in_flight(&self) -> Option<InFlight> {
        self.state()
            .in_flight
            .values()
            .min_by_key(|c| c.started)
            .cloned()
    }

    fn begin(&self, call: InFlight) -> u64 {
        self.attempts.fetch_add(1, Ordering::Relaxed);
        if call.attempt > 1 {
            self.retries.fetch_add(1, Ordering::Relaxed);
        }
        let mut s = self.state();
        s.next_id += 1;
        let id = s.next_id;
        s.in_flight.insert(id, call);
        id
    }

    fn sent_to(&self, endpoint: String) {
        *LAST_ENDPOINT.lock().unwrap_or_else(|p| p.into_inner()) = Some(endpoint.clone());
        self.state().endpoint = Some(endpoint);
    }

    fn end(&self, id: u64, failure: Option<String>) -> Option<InFlight> {
        let mut s = self.state();
        if failure.is_some() {
            s.last_failure = failure;
        }
        s.in_flight.remove(&id)
    }
}

/// The endpoint the process last sent a request to, for error lines built where no context is
/// at hand ([`crate::aws::AwsError`] of an endpoint that does not answer).
static LAST_ENDPOINT: Mutex<Option<String>> = Mutex::new(None);

pub(crate) fn last_endpoint() -> Option<String> {
    LAST_ENDPOINT
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
}

/// The id of the attempt in flight, kept in the request's config bag between the hooks.
#[derive(Debug, Clone, Copy)]
struct AttemptId(u64);

impl Storable for AttemptId {
    type Storer = StoreReplace<Self>;
}

/// When the call (its first attempt) started.
#[derive(Debug, Clone, Copy)]
struct CallStart(Instant);

impl Storable for CallStart {
    type Storer = StoreReplace<Self>;
}

/// `dynamodb`, `cloudwatch`, `logs`: the SDK's service name (`DynamoDB`) as the rest of the
/// tool's messages spell it, and as [`crate::aws::ops`] declares it (CloudWatch Logs is `logs`,
/// its IAM prefix; Cost Explorer is `ce`).
fn service_label(name: &str) -> String {
    let label = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    match label.as_str() {
        "cloudwatchlogs" => "logs".to_owned(),
        "costexplorer" => "ce".to_owned(),
        _ => label,
    }
}

/// The interceptor every client of a [`crate::context::Context`] carries.
#[derive(Debug, Clone)]
pub(crate) struct CallLogger {
    log: Arc<CallLog>,
}

impl CallLogger {
    pub(crate) fn new(log: Arc<CallLog>) -> CallLogger {
        CallLogger { log }
    }
}

/// `scheme://host[:port]` of a request URI.
fn endpoint_of(uri: &str) -> String {
    match uri.find("://") {
        Some(i) => {
            let rest = &uri[i + 3..];
            let end = rest.find('/').unwrap_or(rest.len());
            format!("{}{}", &uri[..i + 3], &rest[..end])
        }
        None => uri.to_owned(),
    }
}

/// The string value of `"key":"..."` in the first bytes of a JSON request body.
fn json_string_after<'a>(body: &'a str, key: &str) -> Option<&'a str> {
    let at = body.find(key)? + key.len();
    let rest = body[at..].trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    let end = rest.find('"')?;
    Some(&rest[..end])
}

/// What a request is about, read from the start of its JSON body: a table (`TableName`, or the
/// first table of `RequestItems`), a log group, a function, a stream. CBOR bodies (CloudWatch)
/// name none. Only names are read, never values.
pub(crate) fn resource_of(body: &[u8]) -> Option<String> {
    let head = &body[..body.len().min(2048)];
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).ok()?,
    };
    if let Some(t) = json_string_after(text, "\"TableName\"") {
        return Some(format!("table {t}"));
    }
    if let Some(rest) = text.find("\"RequestItems\"").map(|i| &text[i + 14..]) {
        let rest = rest.trim_start().strip_prefix(':')?.trim_start();
        let rest = rest.strip_prefix('{')?.trim_start().strip_prefix('"')?;
        return rest.find('"').map(|end| format!("table {}", &rest[..end]));
    }
    for (key, label) in [
        ("\"logGroupName\"", "log group"),
        ("\"FunctionName\"", "function"),
        ("\"StreamArn\"", "stream"),
    ] {
        if let Some(v) = json_string_after(text, key) {
            return Some(format!("{label} {v}"));
        }
    }
    None
}

impl Intercept for CallLogger {
    fn name(&self) -> &'static str {
        "eventsctl::CallLogger"
    }

    fn read_before_attempt(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let (service, operation) = cfg
            .load::<Metadata>()
            .map(|m| (service_label(m.service()), m.name().to_owned()))
            .unwrap_or_else(|| ("aws".to_owned(), "call".to_owned()));
        let attempt = cfg.load::<RequestAttempts>().map_or(1, |a| a.attempts());
        let call_started = match cfg.load::<CallStart>() {
            Some(CallStart(t)) => *t,
            None => {
                let now = Instant::now();
                cfg.interceptor_state().store_put(CallStart(now));
                now
            }
        };
        let resource = context.request().body().bytes().and_then(resource_of);
        if attempt > 1 {
            tracing::info!(
                "retrying {service}:{operation}{} (attempt {attempt}) after {}",
                resource
                    .as_deref()
                    .map(|r| format!(" for {r}"))
                    .unwrap_or_default(),
                self.log
                    .last_failure()
                    .unwrap_or_else(|| "a failure".to_owned())
            );
        }
        let id = self.log.begin(InFlight {
            service,
            operation,
            resource,
            attempt,
            started: Instant::now(),
            call_started,
        });
        cfg.interceptor_state().store_put(AttemptId(id));
        Ok(())
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        // The endpoint is resolved by now (it is not yet before the attempt).
        self.log.sent_to(endpoint_of(context.request().uri()));
        Ok(())
    }

    fn read_after_attempt(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Some(AttemptId(id)) = cfg.load::<AttemptId>().copied() else {
            return Ok(());
        };
        let status = context.response().map(|r| r.status().as_u16());
        let mut no_answer = false;
        let failure = match context.output_or_error() {
            Some(Err(e)) if e.is_timeout_error() => {
                no_answer = true;
                Some("no answer in time".to_owned())
            }
            Some(Err(e)) if e.is_connector_error() => {
                no_answer = true;
                Some("a connection error".to_owned())
            }
            Some(Err(_)) => Some(match status {
                Some(s) => format!("HTTP {s}"),
                None => "an error".to_owned(),
            }),
            _ => None,
        };
        if let Some(call) = self.log.end(id, failure.clone()) {
            let took: Duration = call.started.elapsed();
            if no_answer && self.log.warning_due() {
                tracing::warn!(
                    "no answer from {} to {}:{}{} after {:.1} s (attempt {}); still retrying",
                    self.log.endpoint().unwrap_or_else(|| "the endpoint".into()),
                    call.service,
                    call.operation,
                    call.resource
                        .as_deref()
                        .map(|r| format!(" for {r}"))
                        .unwrap_or_default(),
                    call.call_started.elapsed().as_secs_f64(),
                    call.attempt
                );
            }
            tracing::debug!(
                service = %call.service,
                operation = %call.operation,
                resource = call.resource.as_deref().unwrap_or("-"),
                attempt = call.attempt,
                duration_ms = took.as_millis() as u64,
                status = status.map(|s| s.to_string()).unwrap_or_else(|| "-".into()),
                outcome = failure.as_deref().unwrap_or("ok"),
                "aws call"
            );
        }
        Ok(())
    }
}

/// The attempts of one call that got no answer to trust: none at all (a timeout, a connection
/// that failed or reset, a body that could not be read) or a server error (5xx). What such an
/// attempt carried may have been applied, although the call was retried or failed: a conditional
/// write refused later as a duplicate may be this very call's own. Put on one request with
/// `.customize().interceptor(...)`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Unanswered(Arc<AtomicU64>);

impl Unanswered {
    /// Did any attempt so far go unanswered?
    pub(crate) fn any(&self) -> bool {
        self.0.load(Ordering::Relaxed) > 0
    }
}

impl Intercept for Unanswered {
    fn name(&self) -> &'static str {
        "eventsctl::Unanswered"
    }

    fn read_after_attempt(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let lost = match context.output_or_error() {
            Some(Err(e)) => e.is_timeout_error() || e.is_connector_error() || e.is_response_error(),
            _ => false,
        };
        let server_error = context
            .response()
            .is_some_and(|r| r.status().as_u16() >= 500);
        if lost || server_error {
            self.0.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }
}

/// The attempts of one call that AWS answered with a throttling error (ThrottlingException,
/// ProvisionedThroughputExceededException, RequestLimitExceeded...), the ones the SDK retried
/// on its own included: without them a run that was throttled, and landed everything after the
/// SDK's retries, would report being throttled 0 times. `E` is the operation's error type (its
/// code is read from it). Put on one request with `.customize().interceptor(...)`.
#[derive(Debug)]
pub(crate) struct Throttles<E> {
    count: Arc<AtomicU64>,
    _error: std::marker::PhantomData<fn() -> E>,
}

impl<E> Clone for Throttles<E> {
    fn clone(&self) -> Self {
        Throttles {
            count: Arc::clone(&self.count),
            _error: std::marker::PhantomData,
        }
    }
}

impl<E> Default for Throttles<E> {
    fn default() -> Self {
        Throttles {
            count: Arc::default(),
            _error: std::marker::PhantomData,
        }
    }
}

impl<E> Throttles<E> {
    /// Attempts answered with a throttling error so far.
    pub(crate) fn count(&self) -> u64 {
        self.count.load(Ordering::Relaxed)
    }
}

impl<E> Intercept for Throttles<E>
where
    E: aws_smithy_types::error::metadata::ProvideErrorMetadata
        + std::error::Error
        + std::fmt::Debug
        + Send
        + Sync
        + 'static,
{
    fn name(&self) -> &'static str {
        "eventsctl::Throttles"
    }

    fn read_after_attempt(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let throttled = match context.output_or_error() {
            Some(Err(e)) => e
                .as_operation_error()
                .and_then(|op| op.downcast_ref::<E>())
                .and_then(|op| op.code())
                .is_some_and(super::retry::is_throttling_code),
            _ => false,
        };
        if throttled {
            self.count.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resources_are_read_from_names_only() {
        assert_eq!(
            resource_of(br#"{"TableName":"t-events","Item":{"x":{"S":"secret"}}}"#).as_deref(),
            Some("table t-events")
        );
        assert_eq!(
            resource_of(br#"{"RequestItems":{"t2":[{"PutRequest":{}}]}}"#).as_deref(),
            Some("table t2")
        );
        assert_eq!(
            resource_of(br#"{"logGroupName":"/aws/lambda/f","limit":5}"#).as_deref(),
            Some("log group /aws/lambda/f")
        );
        assert_eq!(resource_of(b"\xa1\x61x\x01"), None);
        assert_eq!(resource_of(br#"{"Item":{"payload":"TableName"}}"#), None);
    }

    #[test]
    fn endpoints_are_scheme_and_authority() {
        assert_eq!(
            endpoint_of("http://127.0.0.1:4566/"),
            "http://127.0.0.1:4566"
        );
        assert_eq!(
            endpoint_of("https://dynamodb.us-east-1.amazonaws.com"),
            "https://dynamodb.us-east-1.amazonaws.com"
        );
    }

    #[test]
    fn the_log_knows_what_waits_longest() {
        let log = CallLog::default();
        let five_ago = Instant::now() - Duration::from_secs(5);
        let a = log.begin(InFlight {
            service: "dynamodb".into(),
            operation: "PutItem".into(),
            resource: Some("table t".into()),
            attempt: 1,
            started: five_ago,
            call_started: five_ago,
        });
        log.begin(InFlight {
            service: "dynamodb".into(),
            operation: "Query".into(),
            resource: None,
            attempt: 2,
            started: Instant::now(),
            call_started: five_ago,
        });
        log.sent_to("http://x:1".into());
        assert_eq!(service_label("CloudWatch Logs"), "logs");
        assert_eq!(service_label("DynamoDB Streams"), "dynamodbstreams");
        assert_eq!(log.retries(), 1);
        let oldest = log.oldest_in_flight().unwrap();
        assert!(
            oldest
                .to_string()
                .starts_with("dynamodb:PutItem for table t (attempt 1"),
            "{oldest}"
        );
        log.end(a, Some("HTTP 500".into()));
        assert_eq!(log.oldest_in_flight().unwrap().operation, "Query");
        assert_eq!(log.last_failure().as_deref(), Some("HTTP 500"));
        assert_eq!(log.endpoint().as_deref(), Some("http://x:1"));
    }
}
