//! IAM policy documents, parsed whole: `Statement` as one object or a list; `Effect`; `Action`
//! or `NotAction` and `Resource` or `NotResource`, each a string or a list; `Condition` kept as
//! written (shown, not evaluated); `Sid`.
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>
//!
//! GetRolePolicy and GetPolicyVersion return the document URL-encoded (RFC 3986); [`parse`]
//! takes it either way.

use serde::Serialize;
use serde_json::Value;

/// Allow or Deny.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub enum Effect {
    Allow,
    Deny,
}

/// `Action` (the listed ones) or `NotAction` (everything but them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Actions {
    Action(Vec<String>),
    NotAction(Vec<String>),
}

/// `Resource` or `NotResource`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Resources {
    Resource(Vec<String>),
    NotResource(Vec<String>),
}

/// One statement of a policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// Its position in the policy, from 0.
    pub index: usize,
    pub sid: Option<String>,
    pub effect: Effect,
    pub actions: Actions,
    pub resources: Resources,
    pub condition: Option<Value>,
}

impl Statement {
    /// `statement 2 ("Sid")` or `statement 2`, for summaries (counted from 1 as people do).
    pub fn label(&self) -> String {
        match &self.sid {
            Some(sid) => format!("statement {} ({sid:?})", self.index + 1),
            None => format!("statement {}", self.index + 1),
        }
    }

    /// Whether the statement covers `action` (`dynamodb:PutItem`).
    pub fn covers_action(&self, action: &str) -> bool {
        match &self.actions {
            Actions::Action(list) => list
                .iter()
                .any(|p| super::pattern::action_matches(p, action)),
            Actions::NotAction(list) => !list
                .iter()
                .any(|p| super::pattern::action_matches(p, action)),
        }
    }

    /// Whether the statement covers the resource `arn`.
    pub fn covers_resource(&self, arn: &str) -> bool {
        match &self.resources {
            Resources::Resource(list) => list
                .iter()
                .any(|p| super::pattern::resource_matches(p, arn)),
            Resources::NotResource(list) => !list
                .iter()
                .any(|p| super::pattern::resource_matches(p, arn)),
        }
    }

    /// Whether the statement applies to `action` on `arn`, conditions aside.
    pub fn covers(&self, action: &str, arn: &str) -> bool {
        self.covers_action(action) && self.covers_resource(arn)
    }
}

/// A policy document that is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError(pub String);

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "not a valid IAM policy: {}", self.0)
    }
}

/// RFC 3986 percent-decoding (`+` stays a plus).
pub fn url_decode(text: &str) -> Result<String, PolicyError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| PolicyError(format!("bad percent-escape at byte {i}")))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| PolicyError("the decoded text is not UTF-8".into()))
}

fn strings(v: &Value, what: &str) -> Result<Vec<String>, PolicyError> {
    match v {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|i| {
                i.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| PolicyError(format!("{what} holds a non-string")))
            })
            .collect(),
        _ => Err(PolicyError(format!(
            "{what} is neither a string nor a list"
        ))),
    }
}

fn statement(index: usize, v: &Value) -> Result<Statement, PolicyError> {
    let at = |why: &str| PolicyError(format!("statement {}: {why}", index + 1));
    let obj = v.as_object().ok_or_else(|| at("not an object"))?;
    let effect = match obj.get("Effect").and_then(Value::as_str) {
        Some("Allow") => Effect::Allow,
        Some("Deny") => Effect::Deny,
        Some(other) => return Err(at(&format!("Effect {other:?}"))),
        None => return Err(at("no Effect")),
    };
    let actions = match (obj.get("Action"), obj.get("NotAction")) {
        (Some(a), None) => Actions::Action(strings(a, "Action")?),
        (None, Some(n)) => Actions::NotAction(strings(n, "NotAction")?),
        (Some(_), Some(_)) => return Err(at("both Action and NotAction")),
        (None, None) => return Err(at("neither Action nor NotAction")),
    };
    let resources = match (obj.get("Resource"), obj.get("NotResource")) {
        (Some(r), None) => Resources::Resource(strings(r, "Resource")?),
        (None, Some(n)) => Resources::NotResource(strings(n, "NotResource")?),
        (Some(_), Some(_)) => return Err(at("both Resource and NotResource")),
        (None, None) => return Err(at("neither Resource nor NotResource")),
    };
    let condition = match obj.get("Condition") {
        None => None,
        Some(c @ Value::Object(_)) => Some(c.clone()),
        Some(_) => return Err(at("Condition is not an object")),
    };
    let sid = match obj.get("Sid") {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(at("Sid is not a string")),
    };
    Ok(Statement {
        index,
        sid,
        effect,
        actions,
        resources,
        condition,
    })
}

/// The statements of a policy document, given as JSON or URL-encoded JSON.
pub fn parse(document: &str) -> Result<Vec<Statement>, PolicyError> {
    let trimmed = document.trim();
    let text = if trimmed.starts_with('%') {
        url_decode(trimmed)?
    } else {
        trimmed.to_owned()
    };
    let v: Value = serde_json::from_str(&text).map_err(|e| PolicyError(e.to_string()))?;
    let list = match v.get("Statement") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        Some(_) => {
            return Err(PolicyError(
                "Statement is neither an object nor a list".into(),
            ));
        }
        None => return Err(PolicyError("no Statement".into())),
    };
    list.into_iter()
        .enumerate()
        .map(|(i, s)| statement(i, s))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statement_as_object_or_list_and_every_element_form() {
        let one = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"*"}}"#;
        let s = parse(one).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(
            s[0].actions,
            Actions::Action(vec!["dynamodb:GetItem".into()])
        );
        assert_eq!(s[0].resources, Resources::Resource(vec!["*".into()]));
        let many = r#"{"Statement":[
            {"Sid":"Reads","Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:Query"],"Resource":["arn:a","arn:b"]},
            {"Effect":"Deny","NotAction":"dynamodb:Get*","NotResource":["arn:c"],
             "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#;
        let s = parse(many).unwrap();
        assert_eq!(s[0].label(), "statement 1 (\"Reads\")");
        assert_eq!(s[1].label(), "statement 2");
        assert_eq!(s[1].effect, Effect::Deny);
        assert_eq!(
            s[1].actions,
            Actions::NotAction(vec!["dynamodb:Get*".into()])
        );
        assert_eq!(s[1].resources, Resources::NotResource(vec!["arn:c".into()]));
        assert!(s[1].condition.is_some());
    }

    #[test]
    fn url_encoded_documents_as_get_role_policy_returns_them() {
        let encoded = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22dynamodb%3APutItem%22%2C%22Resource%22%3A%22arn%3Aaws%3Adynamodb%3Aus-east-1%3A1%3Atable%2Fa%2Bb%22%7D%5D%7D";
        let s = parse(encoded).unwrap();
        assert_eq!(
            s[0].resources,
            Resources::Resource(vec!["arn:aws:dynamodb:us-east-1:1:table/a+b".into()])
        );
        assert!(url_decode("%7").is_err());
        assert!(url_decode("%zz").is_err());
    }

    #[test]
    fn malformed_policies_say_which_statement_and_why() {
        let cases = [
            ("not json", "expected"),
            (r#"{"Version":"2012-10-17"}"#, "no Statement"),
            (r#"{"Statement":"x"}"#, "neither an object nor a list"),
            (
                r#"{"Statement":[{"Action":"a","Resource":"*"}]}"#,
                "statement 1: no Effect",
            ),
            (
                r#"{"Statement":[{"Effect":"allow","Action":"a","Resource":"*"}]}"#,
                "Effect \"allow\"",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"a","NotAction":"b","Resource":"*"}]}"#,
                "both Action and NotAction",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"a"}]}"#,
                "neither Resource nor NotResource",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":[1],"Resource":"*"}]}"#,
                "Action holds a non-string",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"a","Resource":"*","Condition":[]}]}"#,
                "Condition is not an object",
            ),
        ];
        for (doc, want) in cases {
            let err = parse(doc).unwrap_err();
            assert!(err.to_string().contains(want), "{doc}: {err}");
        }
    }

    #[test]
    fn not_action_and_not_resource_cover_everything_else() {
        let s = &parse(
            r#"{"Statement":{"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:dynamodb:us-east-1:1:table/other"}}"#,
        )
        .unwrap()[0];
        assert!(s.covers(
            "dynamodb:DeleteTable",
            "arn:aws:dynamodb:us-east-1:1:table/events"
        ));
        assert!(!s.covers("iam:PassRole", "arn:aws:dynamodb:us-east-1:1:table/events"));
        assert!(!s.covers(
            "dynamodb:DeleteTable",
            "arn:aws:dynamodb:us-east-1:1:table/other"
        ));
    }
}
