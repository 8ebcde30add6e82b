//! Evaluation of a parsed expression: ids, operators and arrays (functions in `functions.rs`).

use std::collections::HashMap;

use super::parse::{BinOp, Expr, parse};
use super::{Grid, MathError, Ts, Value};

/// Evaluates the query `id` over `grid`: a metric's series, or an expression that may refer to
/// the metrics and to other expressions. The result must be one time series, as an alarm's is.
pub fn evaluate(
    grid: &Grid,
    metrics: &[(String, Ts)],
    expressions: &[(String, String)],
    id: &str,
) -> Result<Ts, MathError> {
    let mut ctx = Context {
        grid,
        metrics,
        expressions,
        evaluating: Vec::new(),
        done: HashMap::new(),
    };
    match ctx.id(id)? {
        Value::Series(ts) => Ok(ts),
        Value::Array(mut list) if list.len() == 1 => Ok(list.remove(0)),
        Value::Array(list) => Err(MathError::Invalid(format!(
            "`{id}` returns {} time series; an alarm watches one",
            list.len()
        ))),
        Value::Scalar(_) => Err(MathError::Invalid(format!(
            "`{id}` returns a single number, not a time series"
        ))),
        Value::Str(_) | Value::Keyword(_) => {
            Err(MathError::Invalid(format!("`{id}` is not a time series")))
        }
    }
}

pub(super) struct Context<'a> {
    pub grid: &'a Grid,
    pub metrics: &'a [(String, Ts)],
    expressions: &'a [(String, String)],
    evaluating: Vec<String>,
    done: HashMap<String, Value>,
}

impl Context<'_> {
    fn id(&mut self, id: &str) -> Result<Value, MathError> {
        if let Some((_, ts)) = self.metrics.iter().find(|(m, _)| m == id) {
            return Ok(Value::Series(ts.clone()));
        }
        if let Some(v) = self.done.get(id) {
            return Ok(v.clone());
        }
        let Some((_, text)) = self.expressions.iter().find(|(e, _)| e == id) else {
            return Err(MathError::Invalid(format!(
                "no metric or expression `{id}`"
            )));
        };
        if self.evaluating.iter().any(|e| e == id) {
            return Err(MathError::Invalid(format!("`{id}` refers to itself")));
        }
        let expr = parse(text).map_err(|e| MathError::Syntax(e.0))?;
        self.evaluating.push(id.to_owned());
        let value = self.eval(&expr);
        self.evaluating.pop();
        let value = value?;
        self.done.insert(id.to_owned(), value.clone());
        Ok(value)
    }

    pub(super) fn eval(&mut self, e: &Expr) -> Result<Value, MathError> {
        match e {
            Expr::Num(n) => Ok(Value::Scalar(*n)),
            Expr::Str(s) => Ok(Value::Str(s.clone())),
            Expr::Keyword(k) => Ok(Value::Keyword(k.clone())),
            Expr::Id(id) => self.id(id),
            Expr::Neg(inner) => {
                let v = self.eval(inner)?;
                binary(BinOp::Sub, Value::Scalar(0.0), v)
            }
            Expr::Bin(op, a, b) => {
                let a = self.eval(a)?;
                let b = self.eval(b)?;
                binary(*op, a, b)
            }
            Expr::Array(items) => {
                let mut out = Vec::new();
                for item in items {
                    match self.eval(item)? {
                        Value::Series(ts) => out.push(ts),
                        Value::Array(list) => out.extend(list),
                        _ => {
                            return Err(MathError::Invalid(
                                "an array holds time series, not numbers or words".into(),
                            ));
                        }
                    }
                }
                Ok(Value::Array(out))
            }
            Expr::Call(name, args) => self.call(name, args),
        }
    }
}

/// `x op y` for one pair of datapoints; `None` when the result is not a number (a division by
/// zero drops the datapoint).
pub(super) fn apply(op: BinOp, x: f64, y: f64) -> Option<f64> {
    let truth = |b: bool| if b { 1.0 } else { 0.0 };
    let r = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div if y == 0.0 => return None,
        BinOp::Div => x / y,
        BinOp::Pow => x.powf(y),
        BinOp::Eq => truth(x == y),
        BinOp::Ne => truth(x != y),
        BinOp::Le => truth(x <= y),
        BinOp::Ge => truth(x >= y),
        BinOp::Lt => truth(x < y),
        BinOp::Gt => truth(x > y),
        BinOp::And => truth(x != 0.0 && y != 0.0),
        BinOp::Or => truth(x != 0.0 || y != 0.0),
    };
    r.is_finite().then_some(r)
}

/// Two series datapoint by datapoint: one side missing counts as 0, both missing stays missing.
fn series_series(op: BinOp, a: &[Option<f64>], b: &[Option<f64>]) -> Ts {
    a.iter()
        .zip(b)
        .map(|(x, y)| match (x, y) {
            (None, None) => None,
            (x, y) => apply(op, x.unwrap_or(0.0), y.unwrap_or(0.0)),
        })
        .collect()
}

fn series_scalar(op: BinOp, a: &[Option<f64>], s: f64, scalar_first: bool) -> Ts {
    a.iter()
        .map(|x| {
            x.and_then(|x| {
                if scalar_first {
                    apply(op, s, x)
                } else {
                    apply(op, x, s)
                }
            })
        })
        .collect()
}

pub(super) fn binary(op: BinOp, a: Value, b: Value) -> Result<Value, MathError> {
    use Value::*;
    Ok(match (a, b) {
        (Scalar(x), Scalar(y)) => Scalar(
            apply(op, x, y)
                .ok_or_else(|| MathError::Invalid(format!("{x} {op:?} {y} is not a number")))?,
        ),
        (Series(a), Scalar(s)) => Series(series_scalar(op, &a, s, false)),
        (Scalar(s), Series(b)) => Series(series_scalar(op, &b, s, true)),
        (Series(a), Series(b)) => Series(series_series(op, &a, &b)),
        (Array(list), other @ (Scalar(_) | Series(_))) => Array(
            list.into_iter()
                .map(|ts| match binary(op, Series(ts), other.clone())? {
                    Series(ts) => Ok(ts),
                    _ => Err(MathError::Invalid("array arithmetic".into())),
                })
                .collect::<Result<_, _>>()?,
        ),
        (other @ (Scalar(_) | Series(_)), Array(list)) => Array(
            list.into_iter()
                .map(|ts| match binary(op, other.clone(), Series(ts))? {
                    Series(ts) => Ok(ts),
                    _ => Err(MathError::Invalid("array arithmetic".into())),
                })
                .collect::<Result<_, _>>()?,
        ),
        (Array(_), Array(_)) => {
            return Err(MathError::Unsupported(
                "an operator between two arrays of time series".into(),
            ));
        }
        (Str(s) | Keyword(s), _) | (_, Str(s) | Keyword(s)) => {
            return Err(MathError::Invalid(format!("{s:?} is not a number")));
        }
    })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    /// Five 5-minute periods from 2000-01-03 00:00 UTC, a Monday.
    pub(crate) fn grid(len: usize) -> Grid {
        Grid {
            start: chrono::Utc.with_ymd_and_hms(2000, 1, 3, 0, 0, 0).unwrap(),
            period_s: 300,
            len,
        }
    }

    fn run(expr: &str, metrics: &[(&str, Ts)]) -> Result<Ts, MathError> {
        let metrics: Vec<(String, Ts)> = metrics
            .iter()
            .map(|(id, ts)| ((*id).to_owned(), ts.clone()))
            .collect();
        let len = metrics.first().map(|(_, ts)| ts.len()).unwrap_or(4);
        evaluate(
            &grid(len),
            &metrics,
            &[("e1".to_owned(), expr.to_owned())],
            "e1",
        )
    }

    const N: Option<f64> = None;

    #[test]
    fn operators_follow_cloudwatchs_missing_data_rules() {
        // The documentation's own example: metric1 [30, 20, 0, 0], metric2 [20, -, 20, -].
        let m = [
            (
                "metric1",
                vec![Some(30.0), Some(20.0), Some(0.0), Some(0.0)],
            ),
            ("metric2", vec![Some(20.0), N, Some(20.0), N]),
        ];
        let cases: [(&str, Ts); 7] = [
            (
                "metric1 < metric2",
                vec![Some(0.0), Some(0.0), Some(1.0), Some(0.0)],
            ),
            (
                "metric1 >= 30",
                vec![Some(1.0), Some(0.0), Some(0.0), Some(0.0)],
            ),
            (
                "metric1 > 15 AND metric2 > 15",
                vec![Some(1.0), Some(0.0), Some(0.0), Some(0.0)],
            ),
            // One side missing counts as 0.
            (
                "metric1 + metric2",
                vec![Some(50.0), Some(20.0), Some(20.0), Some(0.0)],
            ),
            // A scalar keeps the series' gaps.
            ("metric2 * 2", vec![Some(40.0), N, Some(40.0), N]),
            // Division by zero drops the datapoint.
            (
                "metric2 / metric1",
                vec![Some(20.0 / 30.0), Some(0.0), N, N],
            ),
            ("-metric2 + 1", vec![Some(-19.0), N, Some(-19.0), N]),
        ];
        for (expr, want) in cases {
            assert_eq!(run(expr, &m).unwrap(), want, "{expr}");
        }
    }

    #[test]
    fn expressions_may_refer_to_other_expressions_but_not_to_themselves() {
        let metrics = [("m1".to_owned(), vec![Some(1.0), N])];
        let expressions = [
            ("e1".to_owned(), "e2 * 10".to_owned()),
            ("e2".to_owned(), "FILL(m1, 5)".to_owned()),
            ("e3".to_owned(), "e4 + 1".to_owned()),
            ("e4".to_owned(), "e3 + 1".to_owned()),
        ];
        assert_eq!(
            evaluate(&grid(2), &metrics, &expressions, "e1").unwrap(),
            vec![Some(10.0), Some(50.0)]
        );
        let err = evaluate(&grid(2), &metrics, &expressions, "e3").unwrap_err();
        assert!(err.to_string().contains("refers to itself"), "{err}");
        let err = evaluate(&grid(2), &metrics, &expressions, "e9").unwrap_err();
        assert!(err.to_string().contains("no metric or expression `e9`"));
    }

    #[test]
    fn the_result_must_be_one_time_series() {
        let m = [("m1", vec![Some(1.0)]), ("m2", vec![Some(2.0)])];
        assert!(
            run("[m1, m2]", &m)
                .unwrap_err()
                .to_string()
                .contains("2 time series")
        );
        assert!(
            run("1 + 2", &m)
                .unwrap_err()
                .to_string()
                .contains("single number")
        );
        assert_eq!(run("[m1]", &m).unwrap(), vec![Some(1.0)]);
        assert!(matches!(
            run("[m1, m2] + [m1, m2]", &m),
            Err(MathError::Unsupported(_))
        ));
        assert!(matches!(run("m1 +", &m), Err(MathError::Syntax(_))));
    }
}
