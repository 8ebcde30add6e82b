//! A small parser for CloudWatch metric math expressions.
//!
//! Grammar (CloudWatch documents the operators, not their precedence; this is the conventional
//! order, loosest first): `OR`/`||`, `AND`/`&&`, comparisons (`== != <= >= < >`), `+ -`,
//! `* /`, unary `-`, `^` (right-associative), then numbers, `"strings"`, ids (`m1`, `errors`:
//! they start with a lowercase letter), `[a, b]` arrays, `FUNCTION(args)` calls and bare
//! upper-case keywords (`REPEAT`, `LINEAR`, `ASC`...).
//! <https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html>

use std::fmt;

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Eq,
    Ne,
    Le,
    Ge,
    Lt,
    Gt,
    And,
    Or,
}

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Num(f64),
    Str(String),
    /// A metric or expression id.
    Id(String),
    /// An upper-case word that is not called: `REPEAT`, `LINEAR`, `DESC`.
    Keyword(String),
    Neg(Box<Expr>),
    Bin(BinOp, Box<Expr>, Box<Expr>),
    Call(String, Vec<Expr>),
    Array(Vec<Expr>),
}

/// Why an expression could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError(pub String);

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot parse the expression: {}", self.0)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Num(f64),
    Str(String),
    Word(String),
    Op(&'static str),
}

fn tokens(text: &str) -> Result<Vec<Token>, SyntaxError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    const OPS: [&str; 19] = [
        "==", "!=", "<=", ">=", "&&", "||", "<", ">", "+", "-", "*", "/", "^", "(", ")", "[", "]",
        ",", "!",
    ];
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit()
            || (c == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            if i < chars.len() && (chars[i] == 'e' || chars[i] == 'E') {
                let mut j = i + 1;
                if j < chars.len() && (chars[j] == '+' || chars[j] == '-') {
                    j += 1;
                }
                if j < chars.len() && chars[j].is_ascii_digit() {
                    i = j;
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                }
            }
            let s: String = chars[start..i].iter().collect();
            let n = s
                .parse::<f64>()
                .map_err(|_| SyntaxError(format!("bad number {s:?}")))?;
            out.push(Token::Num(n));
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Token::Word(chars[start..i].iter().collect()));
        } else if c == '"' || c == '\'' || c == '“' || c == '”' {
            let close = |x: char| x == '"' || x == '\'' || x == '“' || x == '”';
            let start = i + 1;
            i += 1;
            while i < chars.len() && !close(chars[i]) {
                i += 1;
            }
            if i >= chars.len() {
                return Err(SyntaxError("a string is not closed".into()));
            }
            out.push(Token::Str(chars[start..i].iter().collect()));
            i += 1;
        } else {
            let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
            let op = OPS
                .iter()
                .find(|op| rest.starts_with(**op))
                .ok_or_else(|| SyntaxError(format!("unexpected {c:?}")))?;
            out.push(Token::Op(op));
            i += op.chars().count();
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn eat_op(&mut self, op: &str) -> bool {
        if matches!(self.peek(), Some(Token::Op(o)) if *o == op) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn eat_word(&mut self, word: &str) -> bool {
        if matches!(self.peek(), Some(Token::Word(w)) if w == word) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn expect_op(&mut self, op: &str) -> Result<(), SyntaxError> {
        if self.eat_op(op) {
            Ok(())
        } else {
            Err(SyntaxError(format!("expected {op:?}")))
        }
    }

    fn or(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.and()?;
        while self.eat_op("||") || self.eat_word("OR") {
            left = Expr::Bin(BinOp::Or, Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.comparison()?;
        while self.eat_op("&&") || self.eat_word("AND") {
            left = Expr::Bin(BinOp::And, Box::new(left), Box::new(self.comparison()?));
        }
        Ok(left)
    }

    fn comparison(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.sum()?;
        loop {
            let op = match self.peek() {
                Some(Token::Op("==")) => BinOp::Eq,
                Some(Token::Op("!=")) => BinOp::Ne,
                Some(Token::Op("<=")) => BinOp::Le,
                Some(Token::Op(">=")) => BinOp::Ge,
                Some(Token::Op("<")) => BinOp::Lt,
                Some(Token::Op(">")) => BinOp::Gt,
                _ => return Ok(left),
            };
            self.at += 1;
            left = Expr::Bin(op, Box::new(left), Box::new(self.sum()?));
        }
    }

    fn sum(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.product()?;
        loop {
            let op = if self.eat_op("+") {
                BinOp::Add
            } else if self.eat_op("-") {
                BinOp::Sub
            } else {
                return Ok(left);
            };
            left = Expr::Bin(op, Box::new(left), Box::new(self.product()?));
        }
    }

    fn product(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.unary()?;
        loop {
            let op = if self.eat_op("*") {
                BinOp::Mul
            } else if self.eat_op("/") {
                BinOp::Div
            } else {
                return Ok(left);
            };
            left = Expr::Bin(op, Box::new(left), Box::new(self.unary()?));
        }
    }

    fn unary(&mut self) -> Result<Expr, SyntaxError> {
        if self.eat_op("-") {
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        if self.eat_op("!") {
            return Err(SyntaxError("`!` is not a metric math operator".into()));
        }
        self.power()
    }

    fn power(&mut self) -> Result<Expr, SyntaxError> {
        let base = self.primary()?;
        if self.eat_op("^") {
            // Right-associative, and the exponent may carry its own sign: 2^-1.
            return Ok(Expr::Bin(
                BinOp::Pow,
                Box::new(base),
                Box::new(self.unary()?),
            ));
        }
        Ok(base)
    }

    fn list(&mut self, close: &str) -> Result<Vec<Expr>, SyntaxError> {
        let mut items = Vec::new();
        if self.eat_op(close) {
            return Ok(items);
        }
        loop {
            items.push(self.or()?);
            if self.eat_op(close) {
                return Ok(items);
            }
            self.expect_op(",")?;
        }
    }

    fn primary(&mut self) -> Result<Expr, SyntaxError> {
        match self.next() {
            Some(Token::Num(n)) => Ok(Expr::Num(n)),
            Some(Token::Str(s)) => Ok(Expr::Str(s)),
            Some(Token::Op("(")) => {
                let e = self.or()?;
                self.expect_op(")")?;
                Ok(e)
            }
            Some(Token::Op("[")) => Ok(Expr::Array(self.list("]")?)),
            Some(Token::Word(w)) => {
                if self.eat_op("(") {
                    Ok(Expr::Call(w, self.list(")")?))
                } else if w.starts_with(|c: char| c.is_ascii_lowercase()) {
                    Ok(Expr::Id(w))
                } else {
                    Ok(Expr::Keyword(w))
                }
            }
            Some(Token::Op(o)) => Err(SyntaxError(format!("unexpected {o:?}"))),
            None => Err(SyntaxError("the expression ends too early".into())),
        }
    }
}

/// Parses one expression.
pub fn parse(text: &str) -> Result<Expr, SyntaxError> {
    let mut p = Parser {
        tokens: tokens(text)?,
        at: 0,
    };
    let e = p.or()?;
    match p.peek() {
        None => Ok(e),
        Some(t) => Err(SyntaxError(format!(
            "unexpected {t:?} after the expression"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> Box<Expr> {
        Box::new(Expr::Id(s.into()))
    }

    fn num(n: f64) -> Box<Expr> {
        Box::new(Expr::Num(n))
    }

    #[test]
    fn the_tools_own_alarm_expressions_parse() {
        let throttles = parse("MAX([FILL(m1, 0), FILL(m2, 0) + FILL(m3, 0)])").unwrap();
        let fill = |m: &str| Expr::Call("FILL".into(), vec![Expr::Id(m.into()), Expr::Num(0.0)]);
        assert_eq!(
            throttles,
            Expr::Call(
                "MAX".into(),
                vec![Expr::Array(vec![
                    fill("m1"),
                    Expr::Bin(BinOp::Add, Box::new(fill("m2")), Box::new(fill("m3")))
                ])]
            )
        );
        let ttl = parse("IF(FILL(m2, 0) > 0, FILL(m1, 0), 1)").unwrap();
        assert_eq!(
            ttl,
            Expr::Call(
                "IF".into(),
                vec![
                    Expr::Bin(BinOp::Gt, Box::new(fill("m2")), num(0.0)),
                    fill("m1"),
                    Expr::Num(1.0)
                ]
            )
        );
    }

    #[test]
    fn precedence_is_conventional() {
        let cases = [
            (
                "m1 + m2 * 2",
                Expr::Bin(
                    BinOp::Add,
                    id("m1"),
                    Box::new(Expr::Bin(BinOp::Mul, id("m2"), num(2.0))),
                ),
            ),
            (
                "m1 > 1 AND m2 < 2 || m3",
                Expr::Bin(
                    BinOp::Or,
                    Box::new(Expr::Bin(
                        BinOp::And,
                        Box::new(Expr::Bin(BinOp::Gt, id("m1"), num(1.0))),
                        Box::new(Expr::Bin(BinOp::Lt, id("m2"), num(2.0))),
                    )),
                    id("m3"),
                ),
            ),
            (
                "-2^2",
                Expr::Neg(Box::new(Expr::Bin(BinOp::Pow, num(2.0), num(2.0)))),
            ),
            (
                "2^3^2",
                Expr::Bin(
                    BinOp::Pow,
                    num(2.0),
                    Box::new(Expr::Bin(BinOp::Pow, num(3.0), num(2.0))),
                ),
            ),
            (
                "(m1 - m2) / 1.5e2",
                Expr::Bin(
                    BinOp::Div,
                    Box::new(Expr::Bin(BinOp::Sub, id("m1"), id("m2"))),
                    num(150.0),
                ),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text).unwrap(), want, "{text}");
        }
    }

    #[test]
    fn keywords_strings_and_empty_calls() {
        assert_eq!(
            parse("FILL(m1, REPEAT)").unwrap(),
            Expr::Call(
                "FILL".into(),
                vec![Expr::Id("m1".into()), Expr::Keyword("REPEAT".into())]
            )
        );
        assert_eq!(
            parse("SUM(METRICS(\"errors\"))").unwrap(),
            Expr::Call(
                "SUM".into(),
                vec![Expr::Call(
                    "METRICS".into(),
                    vec![Expr::Str("errors".into())]
                )]
            )
        );
        assert_eq!(
            parse("METRICS()").unwrap(),
            Expr::Call("METRICS".into(), vec![])
        );
    }

    #[test]
    fn malformed_expressions_say_why() {
        for text in ["m1 +", "FILL(m1, 0", "m1 m2", "m1 # 2", "\"open", "", "!m1"] {
            assert!(parse(text).is_err(), "{text:?} parsed");
        }
    }
}
