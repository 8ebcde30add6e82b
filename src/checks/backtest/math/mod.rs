//! Metric math over a replay's grid of periods: the expressions eventsctl's own alarms use
//! (`FILL(m, 0)`, `MAX([...])`, `+`, `IF(a > 0, b, c)`) and the common arithmetic, comparison,
//! logical and per-datapoint functions, with CloudWatch's documented handling of missing
//! datapoints. A function this module cannot reproduce exactly is refused with
//! [`MathError::Unsupported`], never approximated.
//!
//! Semantics implemented (<https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html>):
//! - Arithmetic (`+ - * / ^`), comparison (`== != <= >= < >`, 1 or 0) and logical (`AND`/`&&`,
//!   `OR`/`||`) operators between two time series: where only one has a datapoint the other
//!   counts as 0; where neither has one there is none. Between a time series and a scalar, a
//!   missing datapoint stays missing. A division by zero drops the datapoint.
//! - `FILL(ts | ts[], scalar | ts)`: every missing datapoint of the window gets the value.
//! - `MAX`, `MIN`, `SUM`, `AVG` of an array: per timestamp, missing members count as 0 (none
//!   present: no datapoint). Of a single time series they are a scalar over whatever CloudWatch
//!   fetched for that evaluation, which a replay cannot know: refused.
//! - `IF(cond, a[, b])`: per datapoint of `cond`; true (non-zero) takes `a` (0 where `a` has no
//!   datapoint), false takes `b` (dropped where `b` has none or is omitted); no `cond` datapoint,
//!   no output. A scalar `cond` picks `a` or `b` whole.
//! - `ABS`, `CEIL`, `FLOOR`, `LOG`, `LOG10` per datapoint; `TIME_SERIES(s)`, `PERIOD(m)`,
//!   `METRICS(["filter"])`, and `MINUTE HOUR DAY DATE MONTH YEAR EPOCH` from each period's UTC
//!   start (DAY: 1 Monday to 7 Sunday).
//! - Refused: `FILL` with `REPEAT`/`LINEAR` (it looks back only over what each evaluation
//!   fetched), `RATE`, `DIFF`, `ANOMALY_DETECTION_BAND`, `SEARCH`, `SORT`, `STDDEV`,
//!   `RUNNING_SUM`, Metrics Insights queries and every other function.

mod eval;
mod functions;
pub mod parse;

pub use eval::evaluate;

use std::fmt;

use chrono::{DateTime, Utc};

/// One value per period of the window; `None` is a missing datapoint.
pub type Ts = Vec<Option<f64>>;

/// The periods a replay covers: `len` periods of `period_s` seconds from `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grid {
    pub start: DateTime<Utc>,
    pub period_s: i64,
    pub len: usize,
}

impl Grid {
    /// The start of period `i`.
    pub fn time(&self, i: usize) -> DateTime<Utc> {
        self.start + chrono::Duration::seconds(self.period_s * i as i64)
    }
}

/// What an expression evaluates to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Scalar(f64),
    Series(Ts),
    Array(Vec<Ts>),
    Str(String),
    Keyword(String),
}

/// Why an expression cannot be replayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MathError {
    /// Not metric math as CloudWatch writes it.
    Syntax(String),
    /// A function or form whose result a replay cannot reproduce.
    Unsupported(String),
    /// Valid text whose evaluation fails: an unknown id, a type mismatch, a cycle.
    Invalid(String),
}

impl fmt::Display for MathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MathError::Syntax(why) => write!(f, "cannot parse the expression: {why}"),
            MathError::Unsupported(what) => write!(f, "cannot replay: uses {what}"),
            MathError::Invalid(why) => write!(f, "cannot replay: {why}"),
        }
    }
}

impl std::error::Error for MathError {}
