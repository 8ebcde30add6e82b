//! One way to try again: every loop that sends again what AWS did not take (throttled calls,
//! unprocessed items, statements refused one by one, a setting AWS is not ready for yet) runs on
//! this module's schedule, classifier and pacer.
//!
//! - [`RetryPolicy`]: exponential backoff with full jitter (attempt n sleeps a uniform random
//!   time in `[0, min(cap, base * 2^n)]`, AWS Architecture Blog, "Exponential Backoff And
//!   Jitter"), bounded by a number of attempts and by a deadline (the run's time limit): a pause
//!   that would end past the deadline is not taken.
//! - [`classify`]: throttled (the SDK's own list of throttling codes, `RequestLimitExceeded`
//!   among them), retryable (a 5xx, a state AWS reaches on its own), unanswered (no answer at
//!   all: the SDK has already retried it) or fatal.
//! - [`call`]: one call tried until it succeeds, fails for good, or the policy is spent.
//! - [`resend`]: one batch sent until all of it is settled, part of it sent again each round.
//! - [`Pacer`]: a shared rate for APIs with a limit (CloudTrail's LookupEvents answers two calls a
//!   second; a `--rate`; read units a Scan consumed).
//!
//! Why not `backon`: its jitter adds a random part on top of the exponential delay (never below
//! it), where full jitter draws the whole pause, which spreads clients best; and the batch
//! loops here resend only part of a request and count what they do, which a
//! retry-this-closure API does not hold. The SDK's retry layer stays in place under all this
//! (each call's own attempts, with its own backoff): this module is what happens after it.
//! <https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/>

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

use super::error::{AwsError, AwsErrorKind};

/// Exponential backoff with full jitter, bounded by attempts and by a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RetryPolicy {
    /// Attempts in all, the first one included.
    pub max_attempts: u32,
    pub base: Duration,
    pub cap: Duration,
    /// No pause ends after this (the run's time limit); `None`: the attempts alone bound it.
    pub deadline: Option<Instant>,
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy::new(12, Duration::from_millis(50), Duration::from_secs(5))
    }
}

impl RetryPolicy {
    pub(crate) const fn new(max_attempts: u32, base: Duration, cap: Duration) -> RetryPolicy {
        RetryPolicy {
            max_attempts,
            base,
            cap,
            deadline: None,
        }
    }

    /// The same policy, bounded by `deadline` too (the earlier of the two when it has one).
    pub(crate) fn until(self, deadline: Option<std::time::Instant>) -> RetryPolicy {
        let deadline = deadline.map(Instant::from_std);
        RetryPolicy {
            deadline: match (self.deadline, deadline) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
            ..self
        }
    }

    /// The same policy, bounded by `within` from now.
    pub(crate) fn within(self, within: Duration) -> RetryPolicy {
        self.until(Some(std::time::Instant::now() + within))
    }

    /// The longest pause after `attempt` attempts: `min(cap, base * 2^attempt)`.
    pub(crate) fn ceiling(&self, attempt: u32) -> Duration {
        self.base
            .saturating_mul(1u32.checked_shl(attempt.min(20)).unwrap_or(u32::MAX))
            .min(self.cap)
    }

    /// The pause after `attempt` attempts: uniform in `[0, ceiling]`, to the millisecond.
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        let ms = self.ceiling(attempt).as_millis().max(1) as u64;
        Duration::from_millis(rand::random_range(0..=ms))
    }

    pub(crate) fn schedule(self) -> Schedule {
        Schedule {
            policy: self,
            attempts: 0,
        }
    }
}

/// Why a schedule allows no more attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Spent {
    Attempts(u32),
    /// The next pause would end past the deadline, after this many attempts.
    Deadline(u32),
}

impl std::fmt::Display for Spent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Spent::Attempts(n) => write!(
                f,
                "gave up after {}",
                crate::vocab::words::plural(*n, "attempt", "attempts")
            ),
            Spent::Deadline(n) => write!(
                f,
                "stopped at the time limit after {}",
                crate::vocab::words::plural(*n, "attempt", "attempts")
            ),
        }
    }
}

/// One loop's way through a policy.
#[derive(Debug, Clone)]
pub(crate) struct Schedule {
    policy: RetryPolicy,
    attempts: u32,
}

impl Schedule {
    /// Counts the attempt just made, then pauses before the next one, or says why there is
    /// none (no pause is taken then).
    pub(crate) async fn next(&mut self) -> Result<(), Spent> {
        self.next_counted(&()).await
    }

    /// [`Schedule::next`], counting the retry in `tally` before its pause.
    async fn next_counted(&mut self, tally: &impl Tally) -> Result<(), Spent> {
        self.attempts += 1;
        if self.attempts >= self.policy.max_attempts {
            return Err(Spent::Attempts(self.attempts));
        }
        let pause = self.policy.backoff(self.attempts);
        if self
            .policy
            .deadline
            .is_some_and(|d| Instant::now() + pause >= d)
        {
            return Err(Spent::Deadline(self.attempts));
        }
        tally.retried();
        tokio::time::sleep(pause).await;
        Ok(())
    }

    /// Attempts made so far.
    pub(crate) fn attempts(&self) -> u32 {
        self.attempts
    }
}

/// What a failure means for trying again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Throttling of any kind (`ThrottlingException`, `ProvisionedThroughputExceededException`,
    /// `RequestLimitExceeded`, ...): try again after a pause.
    Throttled,
    /// A server-side failure or a state AWS reaches on its own (a 5xx, backups not enabled yet
    /// right after a table became ACTIVE): try again after a pause.
    Retryable,
    /// No answer at all (a connection that failed, an attempt that timed out): the SDK has
    /// already tried again, each attempt under its timeout; reads may try once more, batch
    /// writes stop (the rest would wait as long).
    Unanswered,
    /// Refused for a reason a retry does not change (a missing permission, invalid input, no
    /// such resource).
    Fatal,
}

/// The SDK's throttling codes (what its own retry layer treats as throttling), and the names the
/// same refusals have elsewhere: a PartiQL statement's `ThrottlingError` and
/// `ProvisionedThroughputExceeded`, CloudWatch's `LimitExceeded`.
/// <https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchStatementError.html>
pub(crate) fn is_throttling_code(code: &str) -> bool {
    aws_runtime::retries::classifiers::THROTTLING_ERRORS.contains(&code)
        || matches!(
            code,
            "LimitExceeded" | "ThrottlingError" | "ProvisionedThroughputExceeded"
        )
}

/// Codes of failures that pass: the SDK's transient codes and the server-side errors, and
/// states AWS reaches on its own.
pub(crate) fn is_retryable_code(code: &str) -> bool {
    aws_runtime::retries::classifiers::TRANSIENT_ERRORS.contains(&code)
        || matches!(
            code,
            "InternalServerError"
                | "InternalFailure"
                | "InternalError"
                | "ServiceUnavailable"
                | "ServiceUnavailableException"
                // A PartiQL statement that met a transaction on its item.
                | "TransactionConflict"
                | "TransactionInProgressException"
                // UpdateContinuousBackups right after CREATING/restoring: "Backups are being
                // enabled for the table" until ContinuousBackupsStatus is ENABLED. It is not a
                // missing table.
                // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateContinuousBackups.html
                | "ContinuousBackupsUnavailableException"
        )
}

/// An error code alone (a PartiQL statement's, say), classified.
pub(crate) fn classify_code(code: &str) -> Class {
    if is_throttling_code(code) {
        Class::Throttled
    } else if is_retryable_code(code) {
        Class::Retryable
    } else {
        Class::Fatal
    }
}

/// A failed call, classified. A failure without a service code that is neither a connection nor
/// a timeout (a response that could not be read, say) passes like a 5xx.
pub(crate) fn classify(e: &AwsError) -> Class {
    match e.kind {
        AwsErrorKind::Throttled => Class::Throttled,
        AwsErrorKind::Unreachable => Class::Unanswered,
        AwsErrorKind::Other => match e.code.as_deref() {
            None => Class::Retryable,
            Some(code) => classify_code(code),
        },
        _ => Class::Fatal,
    }
}

/// Calls `call` until it succeeds, fails with an error `retry_if` refuses, or `policy` is spent;
/// then the last error. Each retry is logged at info with its reason.
pub(crate) async fn call<T, F, Fut>(
    policy: RetryPolicy,
    retry_if: impl Fn(&AwsError) -> bool,
    mut call: F,
) -> Result<T, AwsError>
where
    // A closure that returns a future rather than an async closure: the future of an async
    // closure is not `Send` for a spawned task (its borrow of the closure is higher-ranked).
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, AwsError>>,
{
    let mut schedule = policy.schedule();
    loop {
        match call().await {
            Ok(v) => return Ok(v),
            Err(e) if retry_if(&e) => {
                if let Err(spent) = schedule.next().await {
                    tracing::debug!("{e}: {spent}");
                    return Err(e);
                }
                tracing::info!("{e}; trying again (attempt {})", schedule.attempts() + 1);
            }
            Err(e) => return Err(e),
        }
    }
}

/// How one round of a batch ended, as [`resend`]'s caller tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Round {
    /// Nothing is left to send.
    Done,
    /// What is left is sent again after a pause: why it was left (for the reason given if the
    /// schedule runs out), and whether it was throttled.
    Again { why: String, throttled: bool },
}

/// Counters a batch loop keeps for its report.
pub(crate) trait Tally {
    /// A round is sent again.
    fn retried(&self) {}
    /// A round was throttled (a whole call, or some of its statements).
    fn throttled(&self) {}
}

/// Nothing counted.
impl Tally for () {}

/// Why [`resend`] stopped before everything was settled.
#[derive(Debug, Clone)]
pub(crate) enum Unsettled {
    /// A whole call failed in a way another round would not change (fatal, or no answer): the
    /// caller decides what it means for what is left.
    Refused(AwsError),
    /// The schedule ran out: the reason, `gave up after 4 attempts: 3 items left unprocessed`.
    Spent(String),
}

/// Sends a batch until all of it is settled. Each round, `round` sends what is in `pending` and
/// removes what it settled (landed, refused item by item, found); what it leaves is sent again
/// after a pause. A whole call that is throttled or fails in passing is sent again as it was.
/// `pending` holds what was not settled when this returns an error.
pub(crate) async fn resend<T>(
    policy: RetryPolicy,
    tally: &impl Tally,
    pending: &mut Vec<T>,
    mut round: impl AsyncFnMut(&mut Vec<T>) -> Result<Round, AwsError>,
) -> Result<(), Unsettled> {
    let mut schedule = policy.schedule();
    while !pending.is_empty() {
        let why = match round(pending).await {
            Ok(Round::Done) => return Ok(()),
            Ok(Round::Again { why, throttled }) => {
                if throttled {
                    tally.throttled();
                }
                why
            }
            Err(e) => match classify(&e) {
                Class::Throttled => {
                    tally.throttled();
                    e.to_string()
                }
                Class::Retryable => e.to_string(),
                Class::Unanswered | Class::Fatal => return Err(Unsettled::Refused(e)),
            },
        };
        if pending.is_empty() {
            return Ok(());
        }
        if let Err(spent) = schedule.next_counted(tally).await {
            return Err(Unsettled::Spent(format!("{spent}: {why}")));
        }
    }
    Ok(())
}

/// A rate shared by every task of a command: units (calls, items, read units) are spaced so that
/// at most `per_second` go in a second. Costs known before a call are booked with
/// [`Pacer::acquire`]; costs known after it (read units a page consumed) with
/// [`Pacer::charge`], the next call waiting for them with [`Pacer::wait`].
#[derive(Debug)]
pub(crate) struct Pacer {
    per_unit: Duration,
    next: Mutex<Instant>,
}

impl Pacer {
    pub(crate) fn new(per_second: f64) -> Pacer {
        Pacer {
            per_unit: Duration::from_secs_f64(1.0 / per_second.max(0.001)),
            next: Mutex::new(Instant::now()),
        }
    }

    fn next(&self) -> std::sync::MutexGuard<'_, Instant> {
        self.next.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits until `units` more may go, and books them.
    pub(crate) async fn acquire(&self, units: u32) {
        let start = {
            let mut next = self.next();
            let start = (*next).max(Instant::now());
            *next = start + self.per_unit * units;
            start
        };
        tokio::time::sleep_until(start).await;
    }

    /// Waits until what was charged so far has passed.
    pub(crate) async fn wait(&self) {
        let at = *self.next();
        tokio::time::sleep_until(at).await;
    }

    /// Books `units` spent (known only once a call answered).
    pub(crate) fn charge(&self, units: f64) {
        let mut next = self.next();
        *next = (*next).max(Instant::now()) + self.per_unit.mul_f64(units.max(0.0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    fn policy(max_attempts: u32) -> RetryPolicy {
        RetryPolicy::new(
            max_attempts,
            Duration::from_millis(100),
            Duration::from_secs(2),
        )
    }

    fn error(kind: AwsErrorKind, code: Option<&str>) -> AwsError {
        AwsError {
            code: code.map(str::to_owned),
            ..AwsError::local(kind, "dynamodb", "PutItem", None, "x")
        }
    }

    #[test]
    fn each_pause_is_within_its_ceiling_and_the_ceiling_doubles_to_the_cap() {
        let p = policy(100);
        let ceilings: Vec<u128> = (0..7).map(|a| p.ceiling(a).as_millis()).collect();
        assert_eq!(ceilings, [100, 200, 400, 800, 1600, 2000, 2000]);
        assert_eq!(p.ceiling(u32::MAX), p.cap);
        for attempt in 0..40 {
            for _ in 0..20 {
                assert!(p.backoff(attempt) <= p.ceiling(attempt));
            }
        }
        // Full jitter: the pauses spread over the whole range, short ones included.
        let samples: Vec<u128> = (0..400).map(|_| p.backoff(4).as_millis()).collect();
        let distinct: std::collections::HashSet<_> = samples.iter().collect();
        assert!(distinct.len() > 50, "{}", distinct.len());
        assert!(samples.iter().any(|s| *s < 400), "some pauses are short");
        assert!(samples.iter().any(|s| *s > 1200), "some are long");
    }

    #[tokio::test(start_paused = true)]
    async fn a_schedule_stops_at_its_attempts_and_its_pauses_stay_within_their_ceilings() {
        let p = policy(5);
        let mut s = p.schedule();
        let mut waited = Vec::new();
        loop {
            let t0 = Instant::now();
            match s.next().await {
                Ok(()) => waited.push((s.attempts(), t0.elapsed())),
                Err(spent) => {
                    assert_eq!(spent, Spent::Attempts(5));
                    assert_eq!(t0.elapsed(), Duration::ZERO, "no pause when spent");
                    break;
                }
            }
        }
        assert_eq!(waited.len(), 4);
        for (attempt, pause) in waited {
            assert!(pause <= p.ceiling(attempt), "{attempt}: {pause:?}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn no_pause_ends_past_the_deadline() {
        let start = Instant::now();
        let p = RetryPolicy::new(1000, Duration::from_millis(500), Duration::from_secs(5))
            .until(Some(std::time::Instant::now() + Duration::from_secs(20)));
        let mut s = p.schedule();
        let spent = loop {
            if let Err(spent) = s.next().await {
                break spent;
            }
        };
        assert!(matches!(spent, Spent::Deadline(n) if n > 3), "{spent:?}");
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{:?}",
            start.elapsed()
        );
        assert!(
            spent
                .to_string()
                .starts_with("stopped at the time limit after")
        );
        // The earlier deadline of two wins.
        let near = std::time::Instant::now() + Duration::from_secs(1);
        let far = std::time::Instant::now() + Duration::from_secs(100);
        assert_eq!(
            p.until(Some(near)).deadline,
            p.until(Some(far)).until(Some(near)).deadline
        );
    }

    #[test]
    fn failures_are_classified_once() {
        let cases = [
            (
                AwsErrorKind::Throttled,
                Some("ThrottlingException"),
                Class::Throttled,
            ),
            (AwsErrorKind::Unreachable, None, Class::Unanswered),
            (
                AwsErrorKind::Other,
                Some("InternalServerError"),
                Class::Retryable,
            ),
            (
                AwsErrorKind::Other,
                Some("ContinuousBackupsUnavailableException"),
                Class::Retryable,
            ),
            // A response that could not be read: no code, no connection failure.
            (AwsErrorKind::Other, None, Class::Retryable),
            (
                AwsErrorKind::Other,
                Some("ResourceInUseException"),
                Class::Fatal,
            ),
            (
                AwsErrorKind::AccessDenied,
                Some("AccessDeniedException"),
                Class::Fatal,
            ),
            (AwsErrorKind::Credentials, None, Class::Fatal),
            (
                AwsErrorKind::Invalid,
                Some("ValidationException"),
                Class::Fatal,
            ),
            (
                AwsErrorKind::NotFound,
                Some("ResourceNotFoundException"),
                Class::Fatal,
            ),
        ];
        for (kind, code, want) in cases {
            assert_eq!(classify(&error(kind, code)), want, "{kind:?} {code:?}");
        }
        // Throttling by any of its names: the SDK's, DynamoDB's account limit, a statement's.
        for code in [
            "ThrottlingException",
            "ProvisionedThroughputExceededException",
            "RequestLimitExceeded",
            "TooManyRequestsException",
            "SlowDown",
            "ThrottlingError",
            "ProvisionedThroughputExceeded",
        ] {
            assert_eq!(classify_code(code), Class::Throttled, "{code}");
            assert_eq!(
                AwsErrorKind::from_code(code),
                AwsErrorKind::Throttled,
                "{code}"
            );
        }
        assert_eq!(classify_code("TransactionConflict"), Class::Retryable);
        assert_eq!(classify_code("DuplicateItem"), Class::Fatal);
        assert_eq!(classify_code("ValidationError"), Class::Fatal);
    }

    #[tokio::test(start_paused = true)]
    async fn a_call_is_tried_until_it_succeeds_or_fails_for_good() {
        let tries = Cell::new(0);
        let got = call(
            policy(10),
            |e| classify(e) != Class::Fatal,
            || async {
                tries.set(tries.get() + 1);
                match tries.get() {
                    1 => Err(error(AwsErrorKind::Throttled, Some("ThrottlingException"))),
                    2 => Err(error(AwsErrorKind::Other, Some("InternalServerError"))),
                    _ => Ok("done"),
                }
            },
        )
        .await;
        assert_eq!((got.unwrap(), tries.get()), ("done", 3));
        tries.set(0);
        let got: Result<(), _> = call(
            policy(10),
            |e| classify(e) != Class::Fatal,
            || async {
                tries.set(tries.get() + 1);
                Err(error(
                    AwsErrorKind::AccessDenied,
                    Some("AccessDeniedException"),
                ))
            },
        )
        .await;
        assert_eq!(
            (got.unwrap_err().kind, tries.get()),
            (AwsErrorKind::AccessDenied, 1)
        );
        tries.set(0);
        let got: Result<(), _> = call(
            policy(4),
            |_| true,
            || async {
                tries.set(tries.get() + 1);
                Err(error(AwsErrorKind::Throttled, Some("ThrottlingException")))
            },
        )
        .await;
        assert_eq!(
            (got.unwrap_err().kind, tries.get()),
            (AwsErrorKind::Throttled, 4)
        );
    }

    #[derive(Default)]
    struct Counts {
        retried: Cell<u32>,
        throttled: Cell<u32>,
    }

    impl Tally for Counts {
        fn retried(&self) {
            self.retried.set(self.retried.get() + 1);
        }
        fn throttled(&self) {
            self.throttled.set(self.throttled.get() + 1);
        }
    }

    /// A batch settled over rounds: part left each time, a throttled call, then the rest.
    #[tokio::test(start_paused = true)]
    async fn a_batch_is_resent_until_settled_and_what_stays_is_handed_back() {
        let counts = Counts::default();
        let mut pending: Vec<u32> = (0..10).collect();
        let rounds = Cell::new(0);
        let ended = resend(
            policy(10),
            &counts,
            &mut pending,
            async |p: &mut Vec<u32>| {
                rounds.set(rounds.get() + 1);
                match rounds.get() {
                    1 => {
                        p.retain(|i| *i >= 7);
                        Ok(Round::Again {
                            why: "3 left".into(),
                            throttled: false,
                        })
                    }
                    2 => Err(error(AwsErrorKind::Throttled, Some("ThrottlingException"))),
                    _ => {
                        p.clear();
                        Ok(Round::Done)
                    }
                }
            },
        )
        .await;
        assert!(ended.is_ok() && pending.is_empty());
        assert_eq!((counts.retried.get(), counts.throttled.get()), (2, 1));

        // Never settled: the schedule runs out, the rest is handed back with the last reason.
        let counts = Counts::default();
        let mut pending: Vec<u32> = (0..3).collect();
        let ended = resend(
            policy(4),
            &counts,
            &mut pending,
            async |_: &mut Vec<u32>| {
                Ok(Round::Again {
                    why: "3 items left unprocessed".into(),
                    throttled: true,
                })
            },
        )
        .await;
        match ended {
            Err(Unsettled::Spent(why)) => {
                assert_eq!(why, "gave up after 4 attempts: 3 items left unprocessed")
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(pending.len(), 3);
        assert_eq!((counts.retried.get(), counts.throttled.get()), (3, 4));

        // No answer, or a refusal: not resent; the caller decides.
        for (kind, code) in [
            (AwsErrorKind::Unreachable, None),
            (AwsErrorKind::Invalid, Some("ValidationException")),
        ] {
            let mut pending = vec![1, 2];
            let calls = Cell::new(0);
            let ended = resend(policy(10), &(), &mut pending, async |_: &mut Vec<u32>| {
                calls.set(calls.get() + 1);
                Err(error(kind, code))
            })
            .await;
            assert!(matches!(ended, Err(Unsettled::Refused(e)) if e.kind == kind));
            assert_eq!((calls.get(), pending.len()), (1, 2));
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_pacer_spaces_units_booked_before_and_charged_after() {
        // CloudTrail's LookupEvents: two calls a second, the first at once.
        let pacer = Pacer::new(2.0);
        let start = Instant::now();
        for _ in 0..5 {
            pacer.acquire(1).await;
        }
        assert_eq!(start.elapsed(), Duration::from_secs(2));
        // Read units: a 1 MB page of 128 units at 100 a second holds the next call 1.28 s.
        let pacer = Pacer::new(100.0);
        let start = Instant::now();
        pacer.wait().await;
        pacer.charge(128.0);
        pacer.wait().await;
        assert_eq!(start.elapsed(), Duration::from_millis(1280));
    }
}
