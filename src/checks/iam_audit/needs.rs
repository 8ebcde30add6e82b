//! What each role that uses the table needs, and the least-privilege policy that grants exactly
//! that.
//!
//! - The API functions write and read events: PutItem, GetItem and Query on the table, Query on
//!   its indexes (runbook Monthly 5; the list).
//! - The stream consumer is a Lambda event source mapping: its execution role needs
//!   DescribeStream, GetRecords, GetShardIterator and ListStreams on the table's stream
//!   (<https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html>,
//!   <https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/iam-policy-example-lamda-process-dynamodb-streams.html>,
//!   whose example scopes all four to `table/NAME/stream/*`). The AWS managed
//!   AWSLambdaDynamoDBExecutionRole grants them on `*`, every stream of the account. Its log
//!   permissions, and an on-failure destination's `sqs:SendMessage` or `sns:Publish`, are outside
//!   this audit (not DynamoDB).

use serde::Serialize;

/// The events table, by ARN (`arn:aws:dynamodb:REGION:ACCOUNT:table/NAME`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableTarget {
    pub arn: String,
}

impl TableTarget {
    /// Checks the ARN's shape.
    pub fn new(arn: &str) -> Result<TableTarget, String> {
        let parts: Vec<&str> = arn.splitn(6, ':').collect();
        match parts.as_slice() {
            ["arn", partition, "dynamodb", region, account, resource]
                if !partition.is_empty()
                    && !region.is_empty()
                    && !account.is_empty()
                    && resource
                        .strip_prefix("table/")
                        .is_some_and(|n| !n.is_empty() && !n.contains('/')) =>
            {
                Ok(TableTarget {
                    arn: arn.to_owned(),
                })
            }
            _ => Err(format!(
                "{arn:?} is not a DynamoDB table ARN (arn:aws:dynamodb:REGION:ACCOUNT:table/NAME)"
            )),
        }
    }

    pub fn name(&self) -> &str {
        self.arn
            .rsplit_once("table/")
            .map(|(_, n)| n)
            .unwrap_or_default()
    }

    /// `arn:...:table/NAME/index/NAME`, or `/index/*` for every index.
    pub fn index(&self, index: &str) -> String {
        format!("{}/index/{index}", self.arn)
    }

    /// `arn:...:table/NAME/stream/LABEL`, or `/stream/*` for every stream of the table.
    pub fn stream(&self, label: &str) -> String {
        format!("{}/stream/{label}", self.arn)
    }
}

/// Which role of the events pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RoleKind {
    /// The API functions: write and read events.
    Api,
    /// The stream consumer: reads the table's stream.
    Consumer,
}

/// Where a needed action applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Table,
    Indexes,
    Stream,
}

/// One permission a role needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Need {
    /// `dynamodb:PutItem`.
    pub action: String,
    pub scope: Scope,
}

fn need(action: &str, scope: Scope) -> Need {
    Need {
        action: action.to_owned(),
        scope,
    }
}

/// The stream read actions a Lambda event source mapping needs.
pub const STREAM_ACTIONS: [&str; 4] = [
    "dynamodb:DescribeStream",
    "dynamodb:GetRecords",
    "dynamodb:GetShardIterator",
    "dynamodb:ListStreams",
];

impl RoleKind {
    /// What a role of this kind needs; `extra` adds actions on the table (an API that also
    /// calls BatchWriteItem, say).
    pub fn needs(self, extra: &[String]) -> Vec<Need> {
        let mut out = match self {
            RoleKind::Api => vec![
                need("dynamodb:PutItem", Scope::Table),
                need("dynamodb:GetItem", Scope::Table),
                need("dynamodb:Query", Scope::Table),
                need("dynamodb:Query", Scope::Indexes),
            ],
            RoleKind::Consumer => STREAM_ACTIONS
                .iter()
                .map(|a| need(a, Scope::Stream))
                .collect(),
        };
        for action in extra {
            let action = if action.contains(':') {
                action.clone()
            } else {
                format!("dynamodb:{action}")
            };
            if !out
                .iter()
                .any(|n| n.action.eq_ignore_ascii_case(&action) && n.scope == Scope::Table)
            {
                out.push(Need {
                    action,
                    scope: Scope::Table,
                });
            }
        }
        out
    }
}

/// A least-privilege policy: an IAM policy document, one statement per scope.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct LeastPrivilege {
    /// The version of IAM's policy language.
    #[schemars(extend("const" = "2012-10-17"))]
    pub version: &'static str,
    pub statement: Vec<LeastStatement>,
}

/// One statement of a [`LeastPrivilege`] policy: the actions one scope needs, sorted.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "PascalCase")]
pub struct LeastStatement {
    /// `EventsTable`, `EventsTableIndexes` or `EventsTableStream`.
    pub sid: &'static str,
    #[schemars(extend("const" = "Allow"))]
    pub effect: &'static str,
    pub action: Vec<String>,
    /// One ARN pattern: the table, its indexes (`index/*`) or its streams (`stream/*`).
    pub resource: String,
}

/// The policy as IAM takes it (compact JSON).
impl std::fmt::Display for LeastPrivilege {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = serde_json::to_string(self).map_err(|_| std::fmt::Error)?;
        f.write_str(&text)
    }
}

/// The least-privilege policy for `needs` on `table`: one statement per scope, actions sorted.
pub fn least_privilege(needs: &[Need], table: &TableTarget) -> LeastPrivilege {
    let mut statement = Vec::new();
    for (scope, sid, resource) in [
        (Scope::Table, "EventsTable", table.arn.clone()),
        (Scope::Indexes, "EventsTableIndexes", table.index("*")),
        (Scope::Stream, "EventsTableStream", table.stream("*")),
    ] {
        let mut action: Vec<String> = needs
            .iter()
            .filter(|n| n.scope == scope)
            .map(|n| n.action.clone())
            .collect();
        action.sort_unstable();
        action.dedup();
        if !action.is_empty() {
            statement.push(LeastStatement {
                sid,
                effect: "Allow",
                action,
                resource,
            });
        }
    }
    LeastPrivilege {
        version: "2012-10-17",
        statement,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_arns_are_checked() {
        let t = TableTarget::new("arn:aws:dynamodb:us-east-1:123456789012:table/events").unwrap();
        assert_eq!(t.name(), "events");
        assert_eq!(
            t.index("*"),
            "arn:aws:dynamodb:us-east-1:123456789012:table/events/index/*"
        );
        for bad in [
            "events",
            "arn:aws:dynamodb:us-east-1:123456789012:table/",
            "arn:aws:dynamodb:us-east-1:123456789012:table/events/index/x",
            "arn:aws:s3:::bucket",
            "arn:aws:dynamodb::123456789012:table/events",
        ] {
            assert!(TableTarget::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn each_kind_needs_its_actions_and_extras_land_on_the_table() {
        let api = RoleKind::Api.needs(&["BatchWriteItem".into(), "dynamodb:PutItem".into()]);
        assert_eq!(api.len(), 5);
        assert_eq!(api[4], need("dynamodb:BatchWriteItem", Scope::Table));
        let consumer = RoleKind::Consumer.needs(&[]);
        assert!(consumer.iter().all(|n| n.scope == Scope::Stream));
        assert_eq!(consumer.len(), 4);
    }
}
