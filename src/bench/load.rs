//! The open-loop generator: requests sent on schedule whatever the latency of the others, each
//! timed from its scheduled time; at most `max_in_flight` at once (a scheduled request beyond
//! it is counted as dropped, as is what the schedule could not send before the time was up).

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::Utc;
use hdrhistogram::Histogram;
use tokio::sync::{Mutex, Semaphore};

use super::events::{self, Mode};
use crate::aws::{AwsError, AwsErrorKind};
use crate::checks::bench::{LatencyMs, Measured};
use crate::events::keys::Access;
use crate::events::query::{QueryError, QuerySpec, query};
use crate::events::writer::{DeleteKey, PutError, put_event};
use crate::progress::Task;

/// How long in-flight requests may take to finish once the run's time is up.
const DRAIN: Duration = Duration::from_secs(5);

/// What a run asks for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Load {
    pub mode: Mode,
    /// Requests per second.
    pub rate: f64,
    pub duration: chrono::Duration,
    pub users: u32,
    pub max_in_flight: u32,
}

/// When each request of a run is due. Pure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Schedule {
    /// Requests scheduled over the run.
    pub total: u64,
    pub interval: Duration,
    pub length: Duration,
}

impl Schedule {
    pub(crate) fn of(rate: f64, duration: chrono::Duration) -> Schedule {
        Schedule {
            total: (rate * duration.num_milliseconds() as f64 / 1000.0).round() as u64,
            interval: Duration::from_secs_f64(1.0 / rate),
            length: duration.to_std().unwrap_or_default(),
        }
    }

    /// When the `i`th request is due after `started`; `None` when that is at or past the
    /// deadline (the duration holds at any rate: what cannot be sent in time is dropped).
    pub(crate) fn due(&self, started: Instant, deadline: Instant, i: u64) -> Option<Instant> {
        let at = started + self.interval.mul_f64(i as f64);
        (at < deadline).then_some(at)
    }
}

/// What a run counted as it went.
#[derive(Default)]
struct Counters {
    ok: AtomicU64,
    throttled: AtomicU64,
    errors: AtomicU64,
    dropped: AtomicU64,
    first_error: std::sync::Mutex<Option<String>>,
}

impl Counters {
    fn error(&self, e: &AwsError) {
        self.errors.fetch_add(1, Ordering::Relaxed);
        self.first_error_is(|| e.to_string());
    }

    fn first_error_is(&self, text: impl FnOnce() -> String) {
        let mut first = self.first_error.lock().unwrap_or_else(|p| p.into_inner());
        first.get_or_insert_with(text);
    }
}

/// What a run measured.
pub(crate) struct Tally {
    pub scheduled: u64,
    pub ok: u64,
    pub throttled: u64,
    pub errors: u64,
    pub dropped: u64,
    pub first_error: Option<String>,
    /// The latencies of the requests that succeeded, in microseconds.
    pub latencies: Histogram<u64>,
    pub elapsed: Duration,
    /// This process's CPU time over the run.
    pub cpu_us: u64,
    /// Stopped by a signal after this long.
    pub interrupted_after: Option<Duration>,
    /// The keys of every event written, or perhaps written (a put whose answer was lost).
    pub written: Vec<DeleteKey>,
}

impl Tally {
    /// The measurement `checks::bench` judges: rates, counts, latency quantiles in ms, CPU
    /// per request. Pure.
    pub(crate) fn measured(&self, asked_rate: f64) -> Measured {
        let ms = |q: f64| self.latencies.value_at_quantile(q) as f64 / 1000.0;
        let answered = self.ok + self.throttled + self.errors;
        Measured {
            asked_rate,
            achieved_rate: self.ok as f64 / self.elapsed.as_secs_f64(),
            ok: self.ok,
            throttled: self.throttled,
            errors: self.errors,
            dropped: self.dropped,
            latency: LatencyMs {
                p50: ms(0.5),
                p95: ms(0.95),
                p99: ms(0.99),
                max: self.latencies.max() as f64 / 1000.0,
            },
            samples: self.latencies.len(),
            cpu_us_total: self.cpu_us,
            cpu_us_per_request: self.cpu_us as f64 / answered.max(1) as f64,
            first_error: self.first_error.clone(),
        }
    }
}

/// A histogram of latencies from 1 µs to a minute, 3 significant digits.
fn histogram() -> Histogram<u64> {
    Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).expect("valid bounds")
}

/// Runs `load` against `table` for run `run_id`: every request on schedule until the duration
/// is up or `stop` resolves, then a few seconds for those in flight (still unanswered: errors).
pub(crate) async fn run(
    client: &aws_sdk_dynamodb::Client,
    table: &str,
    run_id: &str,
    load: &Load,
    progress: impl Task + Clone + Send + 'static,
    stop: impl Future<Output = ()>,
) -> Tally {
    let schedule = Schedule::of(load.rate, load.duration);
    let deadline = Instant::now() + schedule.length;
    tokio::pin!(stop);
    let hist = Arc::new(Mutex::new(histogram()));
    let counters = Arc::new(Counters::default());
    let written = Arc::new(Mutex::new(Vec::<DeleteKey>::new()));
    let permits = Arc::new(Semaphore::new(load.max_in_flight as usize));
    let mut signal = None;
    let cpu_before = cpu_micros();
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    let mut sent = 0u64;
    for i in 0..schedule.total {
        let Some(scheduled) = schedule
            .due(started, deadline, i)
            .filter(|_| Instant::now() < deadline)
        else {
            break;
        };
        tokio::select! {
            _ = tokio::time::sleep_until(scheduled.into()) => {}
            _ = &mut stop => {
                signal = Some(started.elapsed());
                break;
            }
        }
        sent += 1;
        let Ok(permit) = Arc::clone(&permits).try_acquire_owned() else {
            counters.dropped.fetch_add(1, Ordering::Relaxed);
            continue;
        };
        let request = Request {
            mode: load.mode,
            client: client.clone(),
            table: table.to_owned(),
            run_id: run_id.to_owned(),
            user: events::user_of_request(i, load.users),
            i,
        };
        let shared = Shared {
            hist: Arc::clone(&hist),
            counters: Arc::clone(&counters),
            written: Arc::clone(&written),
        };
        tasks.spawn(request.timed(scheduled, shared, progress.clone(), permit));
        // Reap finished tasks as we go so the set stays small.
        while tasks.try_join_next().is_some() {}
    }
    counters
        .dropped
        .fetch_add(schedule.total.saturating_sub(sent), Ordering::Relaxed);
    drain(
        &mut tasks,
        deadline,
        &counters,
        &mut stop,
        &mut signal,
        started,
    )
    .await;
    let elapsed = started.elapsed();
    let cpu_us = cpu_micros().saturating_sub(cpu_before);
    let latencies = hist.lock().await.clone();
    let written = std::mem::take(&mut *written.lock().await);
    let c = &counters;
    Tally {
        scheduled: schedule.total,
        ok: c.ok.load(Ordering::Relaxed),
        throttled: c.throttled.load(Ordering::Relaxed),
        errors: c.errors.load(Ordering::Relaxed),
        dropped: c.dropped.load(Ordering::Relaxed),
        first_error: c
            .first_error
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone(),
        latencies,
        elapsed,
        cpu_us,
        interrupted_after: signal,
        written,
    }
}

/// Requests still in flight get a few seconds once the time is up, then count as errors; a
/// signal meanwhile is noted (the run ends the same way).
async fn drain(
    tasks: &mut tokio::task::JoinSet<()>,
    deadline: Instant,
    counters: &Counters,
    stop: &mut std::pin::Pin<&mut impl Future<Output = ()>>,
    signal: &mut Option<Duration>,
    started: Instant,
) {
    let drain_until = Instant::now().max(deadline) + DRAIN;
    loop {
        tokio::select! {
            next = tasks.join_next() => if next.is_none() { break },
            _ = tokio::time::sleep_until(drain_until.into()) => {
                let stuck = tasks.len() as u64;
                tasks.abort_all();
                counters.errors.fetch_add(stuck, Ordering::Relaxed);
                counters.first_error_is(|| format!("{} had no answer when the run ended", crate::vocab::words::plural(stuck, "request", "requests")));
                break;
            }
            _ = stop.as_mut(), if signal.is_none() => *signal = Some(started.elapsed()),
        }
    }
}

/// What the requests of a run record into.
struct Shared {
    hist: Arc<Mutex<Histogram<u64>>>,
    counters: Arc<Counters>,
    written: Arc<Mutex<Vec<DeleteKey>>>,
}

/// One request of a run.
struct Request {
    mode: Mode,
    client: aws_sdk_dynamodb::Client,
    table: String,
    run_id: String,
    user: u32,
    i: u64,
}

impl Request {
    /// Sends it and counts how it went; a success's latency, from when it was `scheduled`,
    /// goes into the histogram. The in-flight `permit` is given back when it ends.
    async fn timed(
        self,
        scheduled: Instant,
        shared: Shared,
        progress: impl Task,
        permit: tokio::sync::OwnedSemaphorePermit,
    ) {
        let result = self.send(&shared.written).await;
        let micros = scheduled.elapsed().as_micros() as u64;
        match result {
            Ok(()) => {
                shared.counters.ok.fetch_add(1, Ordering::Relaxed);
                let _ = shared.hist.lock().await.record(micros.max(1));
            }
            Err(e) if e.is_throttled() => {
                shared.counters.throttled.fetch_add(1, Ordering::Relaxed);
            }
            Err(e) => shared.counters.error(&e),
        }
        progress.advance(1);
        drop(permit);
    }

    /// A conditional PutItem of a new bench event (its key recorded first, for cleanup) or a
    /// Query of a bench user's latest 10 events.
    async fn send(&self, written: &Mutex<Vec<DeleteKey>>) -> Result<(), AwsError> {
        let local =
            |kind, operation, why: String| AwsError::local(kind, "dynamodb", operation, None, why);
        match self.mode {
            Mode::Write => {
                let event = events::event(&self.run_id, self.user, self.i, Utc::now())
                    .map_err(|e| local(AwsErrorKind::Invalid, "PutItem", e.0))?;
                // Recorded before it is sent: a put whose answer is lost (a timeout, a signal)
                // may still have landed, and cleanup deletes it too.
                written.lock().await.push(DeleteKey {
                    user_id: event.user_id.clone(),
                    sort_key: event.sort_key(),
                });
                match put_event(&self.client, &self.table, &event).await {
                    Ok(()) => Ok(()),
                    Err(PutError::Aws(e)) => Err(e),
                    Err(e) => Err(local(AwsErrorKind::Invalid, "PutItem", e.to_string())),
                }
            }
            Mode::Read => {
                let user = events::user(&self.run_id, self.user);
                let mut spec = QuerySpec::new(user, Access::Table, Utc::now().timestamp());
                spec.limit = Some(10);
                spec.descending = true;
                query(&self.client, &self.table, &spec, |_| Ok(true))
                    .await
                    .map(|_| ())
                    .map_err(|e| match e {
                        QueryError::Aws(e) => e,
                        QueryError::Sink(e) => local(AwsErrorKind::Other, "Query", e.to_string()),
                    })
            }
        }
    }
}

/// User and system CPU time of this process (every thread), in microseconds: the process's CPU
/// clock, which counts what getrusage's `ru_utime + ru_stime` counts, without `unsafe`.
fn cpu_micros() -> u64 {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
    t.tv_sec.max(0) as u64 * 1_000_000 + t.tv_nsec.max(0) as u64 / 1_000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schedule_spreads_the_requests_and_keeps_the_duration() {
        let s = Schedule::of(100.0, chrono::Duration::seconds(10));
        assert_eq!(s.total, 1_000);
        assert_eq!(s.interval, Duration::from_millis(10));
        assert_eq!(s.length, Duration::from_secs(10));
        assert_eq!(Schedule::of(0.5, chrono::Duration::seconds(3)).total, 2);
        let started = Instant::now();
        let deadline = started + s.length;
        assert_eq!(s.due(started, deadline, 0), Some(started));
        assert_eq!(
            s.due(started, deadline, 250),
            Some(started + Duration::from_millis(2_500))
        );
        assert_eq!(
            s.due(started, deadline, 999),
            Some(started + Duration::from_millis(9_990))
        );
        // Due at the deadline: not sent (dropped).
        assert_eq!(s.due(started, deadline, 1_000), None);
        // A deadline that came early (it is taken before the start): the tail is dropped.
        let early = started + Duration::from_secs(5);
        assert_eq!(s.due(started, early, 500), None);
    }

    #[test]
    fn the_measurement_is_of_the_answered_requests() {
        let mut latencies = histogram();
        for micros in [1_000u64, 2_000, 3_000, 4_000, 100_000] {
            latencies.record(micros).unwrap();
        }
        let tally = Tally {
            scheduled: 10,
            ok: 5,
            throttled: 2,
            errors: 1,
            dropped: 2,
            first_error: Some("denied".into()),
            latencies,
            elapsed: Duration::from_secs(2),
            cpu_us: 800,
            interrupted_after: None,
            written: Vec::new(),
        };
        let m = tally.measured(5.0);
        assert_eq!(m.asked_rate, 5.0);
        assert_eq!(m.achieved_rate, 2.5);
        assert_eq!((m.ok, m.throttled, m.errors, m.dropped), (5, 2, 1, 2));
        assert_eq!(m.samples, 5);
        assert!((m.latency.p50 - 3.0).abs() < 0.01, "{:?}", m.latency);
        assert!((m.latency.max - 100.0).abs() < 0.1, "{:?}", m.latency);
        // CPU per answered request: 800 µs over 8.
        assert_eq!(m.cpu_us_per_request, 100.0);
        assert_eq!(m.first_error.as_deref(), Some("denied"));
    }
}
