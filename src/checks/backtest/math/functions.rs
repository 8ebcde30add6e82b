//! The metric math functions a replay reproduces exactly; every other one is refused by name.

use chrono::{Datelike, Timelike};

use super::eval::Context;
use super::parse::Expr;
use super::{MathError, Ts, Value};

/// Functions CloudWatch has that a replay cannot reproduce, with why when it is not obvious.
const REFUSED: &[(&str, &str)] = &[
    ("ANOMALY_DETECTION_BAND", "a model only CloudWatch has"),
    ("SEARCH", "a search over the account's metrics"),
    ("INSIGHT_RULE_METRIC", "a Contributor Insights rule's data"),
    ("SERVICE_QUOTA", "the account's quota"),
    (
        "DATAPOINT_COUNT",
        "a count over what each evaluation fetched",
    ),
    ("STDDEV", "a statistic over what each evaluation fetched"),
    ("RUNNING_SUM", "a sum over what each evaluation fetched"),
    ("REMOVE_EMPTY", "what each evaluation fetched"),
];

impl Context<'_> {
    pub(super) fn call(&mut self, name: &str, args: &[Expr]) -> Result<Value, MathError> {
        match name {
            "FILL" => self.fill(args),
            "MAX" | "MIN" | "SUM" | "AVG" => self.aggregate(name, args),
            "ABS" | "CEIL" | "FLOOR" | "LOG" | "LOG10" => self.per_datapoint(name, args),
            "IF" => self.if_(args),
            "METRICS" => self.metrics_fn(args),
            "TIME_SERIES" => match self.args(name, args, 1)?.as_slice() {
                [Value::Scalar(s)] => Ok(Value::Series(vec![Some(*s); self.grid.len])),
                _ => Err(invalid("TIME_SERIES takes a number")),
            },
            "PERIOD" => match self.args(name, args, 1)?.as_slice() {
                [Value::Series(_)] => Ok(Value::Scalar(self.grid.period_s as f64)),
                _ => Err(invalid("PERIOD takes a metric")),
            },
            "MINUTE" | "HOUR" | "DAY" | "DATE" | "MONTH" | "YEAR" | "EPOCH" => {
                self.time_part(name, args)
            }
            other => {
                let why = REFUSED
                    .iter()
                    .find(|(n, _)| *n == other)
                    .map(|(_, why)| format!(" ({why})"))
                    .unwrap_or_default();
                Err(MathError::Unsupported(format!("{other}{why}")))
            }
        }
    }

    fn args(&mut self, name: &str, args: &[Expr], count: usize) -> Result<Vec<Value>, MathError> {
        if args.len() != count {
            return Err(invalid(&format!(
                "{name} takes {}, not {}",
                crate::vocab::words::count(count, "argument", "arguments"),
                args.len()
            )));
        }
        args.iter().map(|a| self.eval(a)).collect()
    }

    fn fill(&mut self, args: &[Expr]) -> Result<Value, MathError> {
        let values = self.args("FILL", args, 2)?;
        let filler = |ts: Ts| -> Result<Ts, MathError> {
            match &values[1] {
                Value::Scalar(s) => Ok(ts.into_iter().map(|v| v.or(Some(*s))).collect()),
                Value::Series(with) => {
                    Ok(ts.into_iter().zip(with).map(|(v, w)| v.or(*w)).collect())
                }
                Value::Keyword(k) if k == "REPEAT" || k == "LINEAR" => {
                    Err(MathError::Unsupported(format!(
                        "FILL with {k} (it fills from the data each evaluation fetched, which a replay cannot know)"
                    )))
                }
                _ => Err(invalid("FILL fills with a number or a time series")),
            }
        };
        match values[0].clone() {
            Value::Series(ts) => Ok(Value::Series(filler(ts)?)),
            Value::Array(list) => Ok(Value::Array(
                list.into_iter().map(filler).collect::<Result<_, _>>()?,
            )),
            _ => Err(invalid("FILL fills a time series")),
        }
    }

    fn aggregate(&mut self, name: &str, args: &[Expr]) -> Result<Value, MathError> {
        let list = match self.args(name, args, 1)?.remove(0) {
            Value::Array(list) => list,
            Value::Series(_) => {
                return Err(MathError::Unsupported(format!(
                    "{name} of a single time series (a number over the data each evaluation fetched, which a replay cannot know)"
                )));
            }
            _ => return Err(invalid(&format!("{name} takes an array of time series"))),
        };
        let out = (0..self.grid.len)
            .map(|i| {
                if list.iter().all(|ts| ts[i].is_none()) {
                    return None;
                }
                let values = list.iter().map(|ts| ts[i].unwrap_or(0.0));
                let r = match name {
                    "MAX" => values.fold(f64::NEG_INFINITY, f64::max),
                    "MIN" => values.fold(f64::INFINITY, f64::min),
                    "SUM" => values.sum(),
                    _ => values.sum::<f64>() / list.len() as f64,
                };
                r.is_finite().then_some(r)
            })
            .collect();
        Ok(Value::Series(out))
    }

    fn per_datapoint(&mut self, name: &str, args: &[Expr]) -> Result<Value, MathError> {
        let f = |x: f64| -> Option<f64> {
            let r = match name {
                "ABS" => x.abs(),
                "CEIL" => x.ceil(),
                "FLOOR" => x.floor(),
                "LOG" => x.ln(),
                _ => x.log10(),
            };
            r.is_finite().then_some(r)
        };
        let map = |ts: Ts| -> Ts { ts.into_iter().map(|v| v.and_then(f)).collect() };
        match self.args(name, args, 1)?.remove(0) {
            Value::Series(ts) => Ok(Value::Series(map(ts))),
            Value::Array(list) => Ok(Value::Array(list.into_iter().map(map).collect())),
            _ => Err(invalid(&format!("{name} takes a time series"))),
        }
    }

    fn if_(&mut self, args: &[Expr]) -> Result<Value, MathError> {
        if !(2..=3).contains(&args.len()) {
            return Err(invalid(
                "IF takes a condition, a value and an optional other value",
            ));
        }
        let mut values: Vec<Value> = args
            .iter()
            .map(|a| self.eval(a))
            .collect::<Result<_, _>>()?;
        let otherwise = (values.len() == 3).then(|| values.remove(2));
        let then = values.remove(1);
        let n = self.grid.len;
        let at = |v: &Value, i: usize| -> Result<Option<f64>, MathError> {
            match v {
                Value::Scalar(s) => Ok(Some(*s)),
                Value::Series(ts) => Ok(ts[i]),
                _ => Err(invalid("IF picks between numbers and single time series")),
            }
        };
        match values.remove(0) {
            Value::Scalar(c) => match (c != 0.0, otherwise) {
                (true, _) => Ok(then),
                (false, Some(o)) => Ok(o),
                (false, None) => Ok(Value::Series(vec![None; n])),
            },
            Value::Series(cond) => {
                let mut out = Vec::with_capacity(n);
                for (i, c) in cond.iter().enumerate() {
                    out.push(match c {
                        None => None,
                        Some(c) if *c != 0.0 => Some(at(&then, i)?.unwrap_or(0.0)),
                        Some(_) => match &otherwise {
                            Some(o) => at(o, i)?,
                            None => None,
                        },
                    });
                }
                Ok(Value::Series(out))
            }
            _ => Err(invalid(
                "IF's condition is a number or a single time series",
            )),
        }
    }

    fn metrics_fn(&mut self, args: &[Expr]) -> Result<Value, MathError> {
        let filter = match args {
            [] => String::new(),
            [Expr::Str(s)] => s.clone(),
            _ => return Err(invalid("METRICS takes nothing or a quoted string")),
        };
        Ok(Value::Array(
            self.metrics
                .iter()
                .filter(|(id, _)| id.contains(&filter))
                .map(|(_, ts)| ts.clone())
                .collect(),
        ))
    }

    fn time_part(&mut self, name: &str, args: &[Expr]) -> Result<Value, MathError> {
        match self.args(name, args, 1)?.as_slice() {
            [Value::Series(_)] => {}
            _ => return Err(invalid(&format!("{name} takes a time series"))),
        }
        let out = (0..self.grid.len)
            .map(|i| {
                let t = self.grid.time(i);
                Some(match name {
                    "MINUTE" => f64::from(t.minute()),
                    "HOUR" => f64::from(t.hour()),
                    "DAY" => f64::from(t.weekday().number_from_monday()),
                    "DATE" => f64::from(t.day()),
                    "MONTH" => f64::from(t.month()),
                    "YEAR" => f64::from(t.year()),
                    _ => t.timestamp() as f64,
                })
            })
            .collect();
        Ok(Value::Series(out))
    }
}

fn invalid(why: &str) -> MathError {
    MathError::Invalid(why.to_owned())
}

#[cfg(test)]
mod tests {
    use super::super::{Grid, evaluate};
    use super::*;
    use chrono::TimeZone;

    const N: Option<f64> = None;

    fn grid(len: usize) -> Grid {
        Grid {
            // clock-free: a pure function of the grid it is given.
            start: chrono::Utc.with_ymd_and_hms(2000, 1, 3, 23, 55, 0).unwrap(),
            period_s: 300,
            len,
        }
    }

    fn run(expr: &str, metrics: &[(&str, Ts)]) -> Result<Ts, MathError> {
        let metrics: Vec<(String, Ts)> = metrics
            .iter()
            .map(|(id, ts)| ((*id).to_owned(), ts.clone()))
            .collect();
        let len = metrics[0].1.len();
        evaluate(&grid(len), &metrics, &[("e1".into(), expr.into())], "e1")
    }

    #[test]
    fn the_tools_throttle_expression_fills_gaps_and_takes_the_larger_count() {
        // m1: the older ThrottleEvents count; m2, m3: per-reason counts, published only when
        // non-zero.
        let m = [
            ("m1", vec![N, Some(4.0), N, Some(12.0)]),
            ("m2", vec![N, Some(1.0), Some(7.0), N]),
            ("m3", vec![N, N, Some(6.0), Some(2.0)]),
        ];
        assert_eq!(
            run("MAX([FILL(m1, 0), FILL(m2, 0) + FILL(m3, 0)])", &m).unwrap(),
            vec![Some(0.0), Some(4.0), Some(13.0), Some(12.0)]
        );
        // Without FILL the empty first period stays empty: nothing to evaluate there.
        assert_eq!(run("MAX([m1, m2 + m3])", &m).unwrap()[0], None);
    }

    #[test]
    fn the_tools_ttl_expression_counts_hours_without_writes_as_one() {
        // m1: TTL deletes, m2: consumed write units.
        let m = [
            ("m1", vec![N, Some(3.0), N, N]),
            ("m2", vec![Some(5.0), Some(5.0), N, Some(0.0)]),
        ];
        assert_eq!(
            run("IF(FILL(m2, 0) > 0, FILL(m1, 0), 1)", &m).unwrap(),
            vec![Some(0.0), Some(3.0), Some(1.0), Some(1.0)]
        );
    }

    #[test]
    fn if_follows_the_documented_tables() {
        // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html#using-IF-expressions
        let m = [
            (
                "metric1",
                vec![Some(1.0), Some(1.0), Some(0.0), Some(0.0), N],
            ),
            (
                "metric2",
                vec![Some(30.0), N, Some(0.0), Some(0.0), Some(30.0)],
            ),
            (
                "metric3",
                vec![Some(0.0), Some(0.0), Some(20.0), N, Some(20.0)],
            ),
        ];
        let cases: [(&str, Ts); 5] = [
            (
                "IF(metric1, metric2, metric3)",
                vec![Some(30.0), Some(0.0), Some(20.0), N, N],
            ),
            (
                "IF(metric1, 5, metric3)",
                vec![Some(5.0), Some(5.0), Some(20.0), N, N],
            ),
            (
                "IF(metric1, metric2, 5)",
                vec![Some(30.0), Some(0.0), Some(5.0), Some(5.0), N],
            ),
            ("IF(metric1, metric2)", vec![Some(30.0), Some(0.0), N, N, N]),
            (
                "IF(0, metric2, metric3)",
                vec![Some(0.0), Some(0.0), Some(20.0), N, Some(20.0)],
            ),
        ];
        for (expr, want) in cases {
            assert_eq!(run(expr, &m).unwrap(), want, "{expr}");
        }
    }

    #[test]
    fn aggregates_of_arrays_count_missing_members_as_zero() {
        let m = [
            ("m1", vec![Some(-3.0), N, Some(4.0)]),
            ("m2", vec![N, N, Some(2.0)]),
        ];
        let cases: [(&str, Ts); 5] = [
            ("MAX([m1, m2])", vec![Some(0.0), N, Some(4.0)]),
            ("MIN([m1, m2])", vec![Some(-3.0), N, Some(2.0)]),
            ("SUM([m1, m2])", vec![Some(-3.0), N, Some(6.0)]),
            ("AVG([m1, m2])", vec![Some(-1.5), N, Some(3.0)]),
            ("SUM(METRICS())", vec![Some(-3.0), N, Some(6.0)]),
        ];
        for (expr, want) in cases {
            assert_eq!(run(expr, &m).unwrap(), want, "{expr}");
        }
    }

    #[test]
    fn per_datapoint_and_constant_functions() {
        let m = [
            ("m1", vec![Some(-2.5), N, Some(100.0)]),
            ("x2", vec![N, N, N]),
        ];
        let cases: [(&str, Ts); 7] = [
            ("ABS(m1)", vec![Some(2.5), N, Some(100.0)]),
            ("CEIL(m1)", vec![Some(-2.0), N, Some(100.0)]),
            ("FLOOR(m1)", vec![Some(-3.0), N, Some(100.0)]),
            ("LOG10(m1)", vec![N, N, Some(2.0)]),
            (
                "m1 / PERIOD(m1)",
                vec![Some(-2.5 / 300.0), N, Some(100.0 / 300.0)],
            ),
            ("TIME_SERIES(7)", vec![Some(7.0); 3]),
            ("FILL(METRICS(\"x\"), m1)", vec![Some(-2.5), N, Some(100.0)]),
        ];
        for (expr, want) in cases {
            assert_eq!(run(expr, &m).unwrap(), want, "{expr}");
        }
    }

    #[test]
    fn time_functions_read_each_periods_utc_start() {
        // 2000-01-03 23:55 is a Monday; the next period starts Tuesday 00:00.
        let m = [("m1", vec![N, N])];
        let cases: [(&str, Ts); 6] = [
            ("MINUTE(m1)", vec![Some(55.0), Some(0.0)]),
            ("HOUR(m1)", vec![Some(23.0), Some(0.0)]),
            ("DAY(m1)", vec![Some(1.0), Some(2.0)]),
            ("DATE(m1)", vec![Some(3.0), Some(4.0)]),
            ("MONTH(m1)", vec![Some(1.0), Some(1.0)]),
            ("IF(DAY(m1) < 2, 1, 0)", vec![Some(1.0), Some(0.0)]),
        ];
        for (expr, want) in cases {
            assert_eq!(run(expr, &m).unwrap(), want, "{expr}");
        }
    }

    #[test]
    fn functions_a_replay_cannot_reproduce_are_refused_by_name() {
        let m = [("m1", vec![Some(1.0), Some(2.0)])];
        let cases = [
            ("RATE(m1)", "uses RATE"),
            (
                "ANOMALY_DETECTION_BAND(m1)",
                "uses ANOMALY_DETECTION_BAND (a model",
            ),
            ("FILL(m1, REPEAT)", "uses FILL with REPEAT"),
            ("FILL(m1, LINEAR)", "uses FILL with LINEAR"),
            ("m1 - AVG(m1)", "uses AVG of a single time series"),
            ("MAX(m1)", "uses MAX of a single time series"),
            ("STDDEV(m1)", "uses STDDEV"),
            ("SORT(METRICS(), AVG, DESC)", "uses SORT"),
            ("NOT_A_FUNCTION(m1)", "uses NOT_A_FUNCTION"),
        ];
        for (expr, want) in cases {
            let err = run(expr, &m).unwrap_err();
            assert!(matches!(err, MathError::Unsupported(_)), "{expr}: {err:?}");
            assert!(err.to_string().contains(want), "{expr}: {err}");
        }
    }
}
