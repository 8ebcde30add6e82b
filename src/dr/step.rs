//! A step with a record. An action that changes AWS in several steps (a restore: start it, wait
//! for ACTIVE, re-apply settings, verify; a drill then deletes its table; a cutover) runs each
//! through a [`Journal`], which records when the step began and ended and how it went. The
//! times a report gives (the RTO, when the table became ACTIVE) are the records', and a resumed
//! run records what it found already done instead of doing it again.

use std::fmt::Display;
use std::future::Future;

use chrono::{DateTime, Utc};

/// How a step went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Done by this run.
    Done,
    /// Found done already: nothing to do (a resume).
    AlreadyDone,
    /// Failed: the error, on one line.
    Failed(String),
}

/// One step's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record<S> {
    pub step: S,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub outcome: Outcome,
}

/// The records of one run, in the order the steps ran.
#[derive(Debug)]
pub(crate) struct Journal<S> {
    records: Vec<Record<S>>,
    now: fn() -> DateTime<Utc>,
}

impl<S: Copy + PartialEq> Journal<S> {
    pub(crate) fn new() -> Journal<S> {
        Journal::with_clock(Utc::now)
    }

    /// A journal that reads `now` for its times (tests give a clock of their own).
    pub(crate) fn with_clock(now: fn() -> DateTime<Utc>) -> Journal<S> {
        Journal {
            records: Vec::new(),
            now,
        }
    }

    /// Runs one step: its record begins now and ends when `work` does, done or failed (the
    /// error's text kept); the result is `work`'s.
    pub(crate) async fn run<T, E: Display>(
        &mut self,
        step: S,
        work: impl Future<Output = Result<T, E>>,
    ) -> Result<T, E> {
        let started_at = (self.now)();
        let result = work.await;
        let outcome = match &result {
            Ok(_) => Outcome::Done,
            Err(e) => Outcome::Failed(e.to_string().lines().collect::<Vec<_>>().join(" ")),
        };
        self.records.push(Record {
            step,
            started_at,
            ended_at: (self.now)(),
            outcome,
        });
        result
    }

    /// The last run of `step` found it done already (`true`): recorded so.
    pub(crate) fn found_done(&mut self, step: S, already: bool) {
        if let Some(r) = self
            .records
            .iter_mut()
            .rev()
            .find(|r| r.step == step && r.outcome == Outcome::Done)
            .filter(|_| already)
        {
            r.outcome = Outcome::AlreadyDone;
        }
    }

    /// The last record of `step`, if it ran.
    pub(crate) fn record(&self, step: S) -> Option<&Record<S>> {
        self.records.iter().rev().find(|r| r.step == step)
    }

    /// When `step` began, if it ran.
    pub(crate) fn started(&self, step: S) -> Option<DateTime<Utc>> {
        self.record(step).map(|r| r.started_at)
    }

    /// When `step` ended, if it ran.
    pub(crate) fn ended(&self, step: S) -> Option<DateTime<Utc>> {
        self.record(step).map(|r| r.ended_at)
    }

    /// Whether `step` ran and found nothing to do.
    pub(crate) fn was_already_done(&self, step: S) -> bool {
        self.record(step)
            .is_some_and(|r| r.outcome == Outcome::AlreadyDone)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicI64, Ordering};

    use super::*;

    /// A clock that moves one second a reading, from 2000-01-01 (clock-free: never the run's).
    fn ticking() -> DateTime<Utc> {
        static T: AtomicI64 = AtomicI64::new(946_684_800);
        DateTime::from_timestamp(T.fetch_add(1, Ordering::SeqCst), 0).unwrap_or_default()
    }

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum S {
        A,
        B,
        C,
    }

    #[tokio::test]
    async fn each_step_is_recorded_in_order_with_its_times_and_how_it_went() {
        let mut j = Journal::with_clock(ticking);
        let a: Result<u8, String> = j.run(S::A, async { Ok(1) }).await;
        assert_eq!(a, Ok(1));
        let b: Result<u8, String> = j.run(S::B, async { Err("no\nanswer".into()) }).await;
        assert_eq!(b, Err("no\nanswer".into()));
        let steps: Vec<S> = j.records.iter().map(|r| r.step).collect();
        assert_eq!(steps, [S::A, S::B]);
        assert_eq!(j.record(S::A).map(|r| &r.outcome), Some(&Outcome::Done));
        assert_eq!(
            j.record(S::B).map(|r| &r.outcome),
            Some(&Outcome::Failed("no answer".into()))
        );
        // Each step ends before the next begins, and after it began.
        let (a0, a1) = (j.started(S::A).unwrap(), j.ended(S::A).unwrap());
        let (b0, b1) = (j.started(S::B).unwrap(), j.ended(S::B).unwrap());
        assert!(a0 < a1 && a1 <= b0 && b0 < b1, "{:?}", j.records);
        assert_eq!(j.started(S::C), None);
        assert_eq!(j.ended(S::C), None);
    }

    #[tokio::test]
    async fn a_step_found_done_is_recorded_so_and_a_failed_one_never_is() {
        let mut j = Journal::with_clock(ticking);
        let _: Result<(), String> = j.run(S::A, async { Ok(()) }).await;
        j.found_done(S::A, false);
        assert!(!j.was_already_done(S::A));
        j.found_done(S::A, true);
        assert!(j.was_already_done(S::A));
        let _: Result<(), String> = j.run(S::B, async { Err("x".into()) }).await;
        j.found_done(S::B, true);
        assert!(!j.was_already_done(S::B));
        assert!(!j.was_already_done(S::C));
    }
}
