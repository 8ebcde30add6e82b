//! The IAM permissions each command needs, as data: `eventsctl iam-policy [COMMAND...]` prints
//! the least-privilege policy for the commands named, scoped to the environment's resources.
//!
//! Actions with no resource-level permissions (GetMetricData, ListEventSourceMappings, ListExports,
//! GetQueryResults, StopQuery, CloudTrail's LookupEvents) can only be granted on `*`; everything else names the table, its
//! indexes and stream, the restore and drill tables, the alarms, the dashboard, the Contributor
//! Insights rules and the log groups. Permissions that only a flag needs are in statements of
//! their own, named after the flag, so they can be left out.
//! <https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html>
//! <https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html>

use serde_json::{Value, json};

use super::Names;

/// What a grant is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum On {
    Table,
    Indexes,
    Stream,
    /// `{table}-restored-*`: `pitr-restore`'s default targets.
    RestoredTables,
    /// `{table}-drill-*`: `dr-drill`'s tables.
    DrillTables,
    Alarms,
    Dashboard,
    /// DynamoDB's Contributor Insights rules for the table and its indexes.
    InsightRules,
    /// `/aws/lambda/{prefix}-{env}*`.
    LogGroups,
    /// Every log group of the account and Region (listing them only).
    AnyLogGroup,
    /// Lambda functions of the account and Region: the stream consumer is named by a flag.
    Functions,
    /// Contributor Insights' service-linked role, created on first enable.
    ServiceLinkedRole,
    /// The table's PITR exports: `table/{table}/export/*`.
    Exports,
    /// The S3 bucket of the exports (and Athena's results). The bucket is a flag of `export
    /// start`, so the policy names every bucket; narrow it to yours.
    ExportBucket,
    /// Athena workgroups of the account and Region (`--athena-workgroup`, default `primary`).
    AthenaWorkgroups,
    /// The Glue catalog, the `eventsctl` database and its tables (`--athena-database`).
    GlueCatalog,
    /// Actions without resource-level permissions: only `*` works.
    Any,
}

/// Actions on resources, for a command or only with one of its flags.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Grant {
    pub actions: &'static [&'static str],
    pub on: &'static [On],
    /// `Some("--cleanup")`: only that flag needs it.
    pub flag: Option<&'static str>,
}

const fn g(actions: &'static [&'static str], on: &'static [On]) -> Grant {
    Grant {
        actions,
        on,
        flag: None,
    }
}

const fn with(flag: &'static str, actions: &'static [&'static str], on: &'static [On]) -> Grant {
    Grant {
        actions,
        on,
        flag: Some(flag),
    }
}

const DESCRIBE: &[&str] = &["dynamodb:DescribeTable"];
const VERIFY: &[&str] = &[
    "dynamodb:DescribeTable",
    "dynamodb:DescribeTimeToLive",
    "dynamodb:DescribeContinuousBackups",
];
const METRICS: Grant = g(&["cloudwatch:GetMetricData"], &[On::Any]);
const READ_ALARMS: Grant = g(&["cloudwatch:DescribeAlarms"], &[On::Alarms]);
/// CloudTrail event history (`changes`, and the recent changes the checks mention): LookupEvents
/// has no resource-level permissions.
/// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudtrail.html
const TRAIL: Grant = g(&["cloudtrail:LookupEvents"], &[On::Any]);
const INSIGHTS: &[Grant] = &[
    g(&["logs:DescribeLogGroups"], &[On::AnyLogGroup]),
    g(&["logs:StartQuery"], &[On::LogGroups]),
    g(&["logs:GetQueryResults", "logs:StopQuery"], &[On::Any]),
];
const STREAM_READ: &[&str] = &[
    "dynamodb:DescribeStream",
    "dynamodb:GetShardIterator",
    "dynamodb:GetRecords",
];
/// The table sides of a restore (or a drill): the source is read; the new table needs the read
/// and write permissions AWS requires of a restore target, and its settings re-applied.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/backuprestore_IAM.html
const RESTORE_SOURCE: Grant = g(
    &[
        "dynamodb:DescribeTable",
        "dynamodb:DescribeContinuousBackups",
        "dynamodb:RestoreTableToPointInTime",
        "dynamodb:ListTagsOfResource",
        "dynamodb:BatchGetItem",
        "dynamodb:Query",
    ],
    &[On::Table],
);
const RESTORE_TARGET: &[&str] = &[
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:GetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "dynamodb:BatchWriteItem",
    "dynamodb:BatchGetItem",
    "dynamodb:DescribeTable",
    "dynamodb:DescribeTimeToLive",
    "dynamodb:UpdateTimeToLive",
    "dynamodb:UpdateTable",
    "dynamodb:DescribeContinuousBackups",
    "dynamodb:UpdateContinuousBackups",
    "dynamodb:TagResource",
    "dynamodb:ListTagsOfResource",
];
/// Reading a PITR export (`--from-export`): find it, read its manifest and data files; with
/// `--engine athena`, register it in Glue and query it with Athena (results in S3).
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport_Requesting.html
/// https://docs.aws.amazon.com/athena/latest/ug/managed-policies.html
const FROM_EXPORT: [Grant; 7] = [
    with("--from-export", &["dynamodb:DescribeTable"], &[On::Table]),
    // ListExports has no resource-level permissions.
    with("--from-export", &["dynamodb:ListExports"], &[On::Any]),
    with(
        "--from-export",
        &["dynamodb:DescribeExport"],
        &[On::Exports],
    ),
    with(
        "--from-export",
        &["s3:GetObject", "s3:ListBucket"],
        &[On::ExportBucket],
    ),
    with(
        "--engine athena",
        &[
            "athena:GetWorkGroup",
            "athena:StartQueryExecution",
            "athena:GetQueryExecution",
            "athena:GetQueryResults",
        ],
        &[On::AthenaWorkgroups],
    ),
    with(
        "--engine athena",
        &[
            "glue:GetDatabase",
            "glue:CreateDatabase",
            "glue:GetTable",
            "glue:CreateTable",
        ],
        &[On::GlueCatalog],
    ),
    with(
        "--engine athena",
        &["s3:GetBucketLocation", "s3:PutObject"],
        &[On::ExportBucket],
    ),
];
const TTL_CHECK: &[Grant] = &[
    TRAIL,
    g(
        &[
            "dynamodb:DescribeTable",
            "dynamodb:DescribeTimeToLive",
            "dynamodb:Scan",
        ],
        &[On::Table],
    ),
    METRICS,
    with("--cleanup", &["dynamodb:DeleteItem"], &[On::Table]),
    with("--repair", &["dynamodb:UpdateItem"], &[On::Table]),
    FROM_EXPORT[0],
    FROM_EXPORT[1],
    FROM_EXPORT[2],
    FROM_EXPORT[3],
    FROM_EXPORT[4],
    FROM_EXPORT[5],
    FROM_EXPORT[6],
];
const STREAM_STATUS: &[Grant] = &[
    g(DESCRIBE, &[On::Table]),
    TRAIL,
    g(&["dynamodb:DescribeStream"], &[On::Stream]),
    g(&["lambda:ListEventSourceMappings"], &[On::Any]),
    METRICS,
    with(
        "--probe",
        &["dynamodb:PutItem", "dynamodb:DeleteItem"],
        &[On::Table],
    ),
    with("--probe", STREAM_READ, &[On::Stream]),
];

/// Every command and what it needs, in the order of `eventsctl --help`.
pub(crate) const COMMANDS: &[(&str, &[Grant])] = &[
    (
        "table create",
        &[g(
            &[
                "dynamodb:DescribeTable",
                "dynamodb:CreateTable",
                "dynamodb:TagResource",
                "dynamodb:ListTagsOfResource",
                "dynamodb:DescribeTimeToLive",
                "dynamodb:UpdateTimeToLive",
                "dynamodb:DescribeContinuousBackups",
                "dynamodb:UpdateContinuousBackups",
                "dynamodb:UpdateTable",
            ],
            &[On::Table],
        )],
    ),
    ("table verify", &[g(VERIFY, &[On::Table])]),
    (
        "table describe",
        &[
            g(VERIFY, &[On::Table]),
            g(&["dynamodb:ListTagsOfResource"], &[On::Table]),
        ],
    ),
    ("events put", &[g(&["dynamodb:PutItem"], &[On::Table])]),
    (
        "events get",
        &[g(&["dynamodb:GetItem", "dynamodb:Query"], &[On::Table])],
    ),
    (
        "events delete",
        &[g(
            &["dynamodb:GetItem", "dynamodb:Query", "dynamodb:DeleteItem"],
            &[On::Table],
        )],
    ),
    (
        "events query",
        &[g(&["dynamodb:Query"], &[On::Table, On::Indexes])],
    ),
    (
        "events import",
        &[g(
            &[
                "dynamodb:DescribeTable",
                // New events go out as PartiQL INSERTs (BatchExecuteStatement), which DynamoDB
                // refuses on a stored key; those, or a group of a file imported before, are
                // read: a stored event that differs is never replaced.
                // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-iam.html
                "dynamodb:PartiQLInsert",
                "dynamodb:BatchGetItem",
                // --overwrite: blind BatchWriteItem.
                "dynamodb:BatchWriteItem",
                "dynamodb:PutItem",
                "dynamodb:GetItem",
            ],
            &[On::Table],
        )],
    ),
    (
        "diagnose throttling",
        &[g(DESCRIBE, &[On::Table]), METRICS, READ_ALARMS],
    ),
    // Every check of the table first describes it (docs/evidence.md).
    ("diagnose latency", &[g(DESCRIBE, &[On::Table]), METRICS]),
    (
        "diagnose writes",
        &[
            g(DESCRIBE, &[On::Table]),
            TRAIL,
            METRICS,
            READ_ALARMS,
            with(
                "--canary",
                &[
                    "dynamodb:PutItem",
                    "dynamodb:GetItem",
                    "dynamodb:DeleteItem",
                ],
                &[On::Table],
            ),
        ],
    ),
    (
        "alarms apply",
        &[
            g(DESCRIBE, &[On::Table]),
            g(
                &["cloudwatch:DescribeAlarms", "cloudwatch:PutMetricAlarm"],
                &[On::Alarms],
            ),
            // Finding the stream consumer for its IteratorAge and Errors alarms.
            with(
                "--recommended",
                &["lambda:ListEventSourceMappings"],
                &[On::Any],
            ),
            // Checking that the function --consumer-function names exists.
            with(
                "--consumer-function",
                &["lambda:GetFunction"],
                &[On::Functions],
            ),
        ],
    ),
    (
        "alarms status",
        &[
            g(DESCRIBE, &[On::Table]),
            READ_ALARMS,
            g(&["lambda:ListEventSourceMappings"], &[On::Any]),
        ],
    ),
    (
        "dashboard apply",
        &[
            g(DESCRIBE, &[On::Table]),
            g(&["cloudwatch:PutDashboard"], &[On::Dashboard]),
        ],
    ),
    (
        "dashboard show",
        &[
            g(DESCRIBE, &[On::Table]),
            g(&["cloudwatch:GetDashboard"], &[On::Dashboard]),
            METRICS,
        ],
    ),
    ("check-ttl", TTL_CHECK),
    ("stream-status", STREAM_STATUS),
    (
        "stream tail",
        &[
            g(DESCRIBE, &[On::Table]),
            g(STREAM_READ, &[On::Stream]),
            g(&["lambda:ListEventSourceMappings"], &[On::Any]),
        ],
    ),
    (
        "pitr-restore",
        &[
            RESTORE_SOURCE,
            g(RESTORE_TARGET, &[On::RestoredTables]),
            with("--exact-count", &["dynamodb:Scan"], &[On::Table]),
            with("--reference-export", &["dynamodb:ListExports"], &[On::Any]),
            with(
                "--reference-export",
                &["dynamodb:DescribeExport"],
                &[On::Exports],
            ),
            with("--reference-export", &["s3:GetObject"], &[On::ExportBucket]),
        ],
    ),
    (
        "dr-drill",
        &[
            RESTORE_SOURCE,
            g(RESTORE_TARGET, &[On::DrillTables]),
            g(&["dynamodb:DeleteTable"], &[On::DrillTables]),
        ],
    ),
    ("insights list", &[]),
    ("insights run", INSIGHTS),
    (
        "hot-partitions",
        &[
            g(DESCRIBE, &[On::Table]),
            g(
                &["dynamodb:DescribeContributorInsights"],
                &[On::Table, On::Indexes],
            ),
            g(&["cloudwatch:GetInsightRuleReport"], &[On::InsightRules]),
            METRICS,
            INSIGHTS[0],
            INSIGHTS[1],
            INSIGHTS[2],
            with(
                "--enable-contributor-insights",
                &["dynamodb:UpdateContributorInsights"],
                &[On::Table, On::Indexes],
            ),
            with(
                "--enable-contributor-insights",
                &["iam:CreateServiceLinkedRole"],
                &[On::ServiceLinkedRole],
            ),
            FROM_EXPORT[0],
            FROM_EXPORT[1],
            FROM_EXPORT[2],
            FROM_EXPORT[3],
            FROM_EXPORT[4],
            FROM_EXPORT[5],
            FROM_EXPORT[6],
        ],
    ),
    (
        "changes",
        &[
            TRAIL,
            g(
                &[
                    "cloudwatch:DescribeAlarms",
                    "cloudwatch:DescribeAlarmHistory",
                ],
                &[On::Alarms],
            ),
            METRICS,
        ],
    ),
    (
        "health-check monthly",
        &[
            g(VERIFY, &[On::Table]),
            TRAIL,
            g(
                &["dynamodb:DescribeTimeToLive", "dynamodb:Scan"],
                &[On::Table],
            ),
            g(&["dynamodb:DescribeStream"], &[On::Stream]),
            g(&["lambda:ListEventSourceMappings"], &[On::Any]),
            METRICS,
            READ_ALARMS,
            with("--restore-test", RESTORE_SOURCE.actions, &[On::Table]),
            with("--restore-test", RESTORE_TARGET, &[On::DrillTables]),
            with(
                "--restore-test",
                &["dynamodb:DeleteTable"],
                &[On::DrillTables],
            ),
        ],
    ),
    (
        "health-check quarterly",
        &[
            g(&["dynamodb:DescribeTable", "dynamodb:Scan"], &[On::Table]),
            METRICS,
            FROM_EXPORT[0],
            FROM_EXPORT[1],
            FROM_EXPORT[2],
            FROM_EXPORT[3],
        ],
    ),
    (
        "bench write",
        &[g(
            &[
                "dynamodb:DescribeTable",
                "dynamodb:PutItem",
                "dynamodb:DeleteItem",
                "dynamodb:BatchWriteItem",
            ],
            &[On::Table],
        )],
    ),
    (
        "bench read",
        &[g(
            &[
                "dynamodb:DescribeTable",
                "dynamodb:Query",
                "dynamodb:PutItem",
                "dynamodb:DeleteItem",
                "dynamodb:BatchWriteItem",
            ],
            &[On::Table],
        )],
    ),
    (
        "bench cleanup",
        &[g(
            &["dynamodb:Query", "dynamodb:BatchWriteItem"],
            &[On::Table],
        )],
    ),
    (
        "export start",
        &[
            g(
                &[
                    "dynamodb:DescribeTable",
                    "dynamodb:DescribeContinuousBackups",
                    "dynamodb:ExportTableToPointInTime",
                ],
                &[On::Table],
            ),
            g(&["dynamodb:ListExports"], &[On::Any]),
            g(&["dynamodb:DescribeExport"], &[On::Exports]),
            // What DynamoDB needs to write the export into the bucket.
            g(
                &["s3:PutObject", "s3:AbortMultipartUpload", "s3:PutObjectAcl"],
                &[On::ExportBucket],
            ),
        ],
    ),
    (
        "export status",
        &[
            g(&["dynamodb:DescribeTable"], &[On::Table]),
            g(&["dynamodb:ListExports"], &[On::Any]),
            g(&["dynamodb:DescribeExport"], &[On::Exports]),
        ],
    ),
    (
        "export list",
        &[
            g(&["dynamodb:DescribeTable"], &[On::Table]),
            g(&["dynamodb:ListExports"], &[On::Any]),
        ],
    ),
    ("completions", &[]),
    ("iam-policy", &[]),
];

/// The commands the words name: `table` is every `table ...` command, `table create` one;
/// `[]` is all. `Err` names the word that is no command.
pub(crate) fn select(words: &[String]) -> Result<Vec<&'static str>, String> {
    if words.is_empty() {
        return Ok(COMMANDS.iter().map(|(c, _)| *c).collect());
    }
    let mut out: Vec<&'static str> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let one = words[i].as_str();
        let two = words.get(i + 1).map(|w| format!("{one} {w}"));
        if let Some(c) = two
            .as_deref()
            .and_then(|t| COMMANDS.iter().find(|(c, _)| *c == t))
        {
            out.push(c.0);
            i += 2;
            continue;
        }
        let matched: Vec<&'static str> = COMMANDS
            .iter()
            .map(|(c, _)| *c)
            .filter(|c| *c == one || c.split(' ').next() == Some(one))
            .collect();
        if matched.is_empty() {
            return Err(format!(
                "`{one}` is not an eventsctl command; one of: {}",
                groups().join(", ")
            ));
        }
        out.extend(matched);
        i += 1;
    }
    out.dedup();
    Ok(out)
}

/// The top-level command names.
fn groups() -> Vec<&'static str> {
    let mut g: Vec<&'static str> = COMMANDS
        .iter()
        .filter_map(|(c, _)| c.split(' ').next())
        .collect();
    g.dedup();
    g
}

/// Where the policy applies: partition, Region and account (`*` when not known).
#[derive(Debug, Clone)]
pub struct Scope {
    pub region: String,
    pub account: String,
}

impl Scope {
    fn partition(&self) -> &'static str {
        if self.region.starts_with("cn-") {
            "aws-cn"
        } else if self.region.starts_with("us-gov-") {
            "aws-us-gov"
        } else {
            "aws"
        }
    }
}

fn arns(on: On, names: &Names, scope: &Scope) -> Vec<String> {
    let (p, r, a) = (scope.partition(), &scope.region, &scope.account);
    let table = |name: &str| format!("arn:{p}:dynamodb:{r}:{a}:table/{name}");
    let t = &names.table;
    match on {
        On::Table => vec![table(t)],
        On::Indexes => vec![format!("{}/index/*", table(t))],
        On::Stream => vec![format!("{}/stream/*", table(t))],
        On::RestoredTables => vec![table(&format!("{t}-restored-*"))],
        On::DrillTables => vec![table(&format!("{t}-drill-*"))],
        On::Alarms => {
            let gsis: Vec<&str> = super::table().gsis.iter().map(|g| g.name).collect();
            super::alarms::alarms(names, &gsis)
                .into_iter()
                .map(|s| s.name)
                .chain(super::alarms::recommended_names(names))
                .map(|name| format!("arn:{p}:cloudwatch:{r}:{a}:alarm:{name}"))
                .collect()
        }
        On::Dashboard => vec![format!(
            "arn:{p}:cloudwatch::{a}:dashboard/{}",
            names.dashboard
        )],
        On::InsightRules => vec![format!(
            "arn:{p}:cloudwatch:{r}:{a}:insight-rule/DynamoDBContributorInsights-*-{t}*"
        )],
        On::LogGroups => vec![format!(
            "arn:{p}:logs:{r}:{a}:log-group:{}*",
            names.log_group_prefix
        )],
        On::AnyLogGroup => vec![format!("arn:{p}:logs:{r}:{a}:log-group:*")],
        On::Functions => vec![format!("arn:{p}:lambda:{r}:{a}:function:*")],
        On::ServiceLinkedRole => vec![format!(
            "arn:{p}:iam::{a}:role/aws-service-role/contributorinsights.dynamodb.amazonaws.com/*"
        )],
        On::Exports => vec![format!("{}/export/*", table(t))],
        On::ExportBucket => vec![format!("arn:{p}:s3:::*")],
        On::AthenaWorkgroups => vec![format!("arn:{p}:athena:{r}:{a}:workgroup/*")],
        On::GlueCatalog => vec![
            format!("arn:{p}:glue:{r}:{a}:catalog"),
            format!("arn:{p}:glue:{r}:{a}:database/eventsctl*"),
            format!("arn:{p}:glue:{r}:{a}:table/eventsctl*/*"),
        ],
        On::Any => vec!["*".into()],
    }
}

fn sid_of(on: &[On], flag: Option<&str>) -> String {
    let base: String = on
        .iter()
        .map(|o| match o {
            On::Table => "EventsTable",
            On::Indexes => "Indexes",
            On::Stream => "Stream",
            On::RestoredTables => "RestoredTables",
            On::DrillTables => "DrillTables",
            On::Alarms => "RunbookAlarms",
            On::Dashboard => "RunbookDashboard",
            On::InsightRules => "ContributorInsightsRules",
            On::LogGroups => "LambdaLogGroups",
            On::AnyLogGroup => "ListLogGroups",
            On::Functions => "LambdaFunctions",
            On::ServiceLinkedRole => "ContributorInsightsServiceLinkedRole",
            On::Exports => "TableExports",
            On::ExportBucket => "ExportBucket",
            On::AthenaWorkgroups => "AthenaWorkgroups",
            On::GlueCatalog => "GlueCatalog",
            On::Any => "NoResourceLevelPermissions",
        })
        .collect::<Vec<_>>()
        .join("And");
    match flag {
        None => base,
        Some(f) => {
            let flag: String = f
                .trim_start_matches('-')
                .split(['-', ' '])
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|h| h.to_ascii_uppercase().to_string() + c.as_str())
                        .unwrap_or_default()
                })
                .collect();
            format!("{base}Only{flag}")
        }
    }
}

/// IAM's quota for a managed policy: 6,144 characters, white space not counted.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
pub(crate) const MANAGED_POLICY_MAX: usize = 6144;

/// The characters IAM counts against [`MANAGED_POLICY_MAX`]: the document without white space.
pub(crate) fn size(document: &Value) -> usize {
    document
        .to_string()
        .chars()
        .filter(|c| !c.is_whitespace())
        .count()
}

/// One managed policy: the name to create it under, and its document.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub(crate) struct NamedPolicy {
    pub name: String,
    /// What IAM counts against its 6,144-character quota.
    pub characters: usize,
    pub document: Value,
}

fn document(statements: Vec<Value>) -> Value {
    json!({"Version": "2012-10-17", "Statement": statements})
}

/// `{prefix}-{env}-eventsctl`, then `-1`, `-2`, ... when the policy is split (IAM takes names of
/// at most 128 characters).
fn policy_name(names: &Names, part: Option<usize>) -> String {
    let base = format!("{}-{}-eventsctl", names.prefix, names.env);
    let suffix = part.map(|n| format!("-{n}")).unwrap_or_default();
    let keep = 128usize.saturating_sub(suffix.len());
    base.chars().take(keep).collect::<String>() + &suffix
}

/// A statement cut in two halves of its actions (or, with one action, of its resources), each
/// with its own Sid; `None` when it cannot be cut.
fn halves(statement: &Value) -> Option<(Value, Value)> {
    let field = ["Action", "Resource"]
        .into_iter()
        .find(|f| statement[*f].as_array().is_some_and(|a| a.len() > 1))?;
    let list = statement[field].as_array()?.clone();
    let (a, b) = list.split_at(list.len() / 2);
    let sid = statement["Sid"].as_str().unwrap_or("Part");
    let mut first = statement.clone();
    first[field] = json!(a);
    first["Sid"] = json!(format!("{sid}A"));
    let mut second = statement.clone();
    second[field] = json!(b);
    second["Sid"] = json!(format!("{sid}B"));
    Some((first, second))
}

/// The statements, in order, packed into as few documents as stay within `max` characters; a
/// statement too large for any document alone is cut by its actions or resources first.
pub(crate) fn pack(statements: Vec<Value>, max: usize) -> Vec<Value> {
    let mut queue: std::collections::VecDeque<Value> = statements.into();
    let mut docs: Vec<Vec<Value>> = Vec::new();
    let mut current: Vec<Value> = Vec::new();
    while let Some(st) = queue.pop_front() {
        let mut with = current.clone();
        with.push(st.clone());
        if size(&document(with)) <= max {
            current.push(st);
            continue;
        }
        if current.is_empty() {
            // Alone and still too large: cut it, or keep it as it is when it cannot be cut.
            match halves(&st) {
                Some((a, b)) => {
                    queue.push_front(b);
                    queue.push_front(a);
                }
                None => docs.push(vec![st]),
            }
        } else {
            docs.push(std::mem::take(&mut current));
            queue.push_front(st);
        }
    }
    if !current.is_empty() || docs.is_empty() {
        docs.push(current);
    }
    docs.into_iter().map(document).collect()
}

/// The policy for `commands` as managed policies within IAM's quota: one when it fits, else its
/// statements in order over as few as fit, named `...-1`, `...-2`.
pub(crate) fn policies(commands: &[&str], names: &Names, scope: &Scope) -> Vec<NamedPolicy> {
    let whole = policy(commands, names, scope);
    let statements = whole["Statement"].as_array().cloned().unwrap_or_default();
    let docs = pack(statements, MANAGED_POLICY_MAX);
    let split = docs.len() > 1;
    docs.into_iter()
        .enumerate()
        .map(|(i, document)| NamedPolicy {
            name: policy_name(names, split.then_some(i + 1)),
            characters: size(&document),
            document,
        })
        .collect()
}

/// The policy document for `commands`: one statement per set of resources (and flag), the
/// actions of every command merged into it. It may exceed IAM's quota: [`policies`] splits it.
pub(crate) fn policy(commands: &[&str], names: &Names, scope: &Scope) -> Value {
    // (resources, flag) -> actions, in first-seen order.
    type Key<'a> = (Vec<On>, Option<&'a str>);
    let mut statements: Vec<(Key, Vec<&str>)> = Vec::new();
    for (_, grants) in COMMANDS.iter().filter(|(c, _)| commands.contains(c)) {
        for grant in grants.iter() {
            let mut on = grant.on.to_vec();
            on.sort();
            let key = (on, grant.flag);
            let actions = match statements.iter_mut().find(|(k, _)| *k == key) {
                Some((_, a)) => a,
                None => {
                    statements.push((key, Vec::new()));
                    &mut statements.last_mut().expect("just pushed").1
                }
            };
            actions.extend(grant.actions.iter().copied());
        }
    }
    // Statements with flags after the ones every use needs.
    statements.sort_by_key(|((_, flag), _)| flag.is_some());
    let rendered: Vec<Value> = statements
        .into_iter()
        .map(|((on, flag), mut actions)| {
            actions.sort_unstable();
            actions.dedup();
            let resources: Vec<String> = on.iter().flat_map(|o| arns(*o, names, scope)).collect();
            let mut s = json!({
                "Sid": sid_of(&on, flag),
                "Effect": "Allow",
                "Action": actions,
                "Resource": resources,
            });
            if on.contains(&On::ServiceLinkedRole) {
                s["Condition"] = json!({"StringLike": {"iam:AWSServiceName": "contributorinsights.dynamodb.amazonaws.com"}});
            }
            s
        })
        .collect();
    json!({"Version": "2012-10-17", "Statement": rendered})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope() -> Scope {
        Scope {
            region: "eu-west-1".into(),
            account: "111122223333".into(),
        }
    }

    fn statements(v: &Value) -> &Vec<Value> {
        v["Statement"].as_array().unwrap()
    }

    #[test]
    fn words_select_commands() {
        let w = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(select(&w("table create")).unwrap(), ["table create"]);
        assert_eq!(
            select(&w("alarms check-ttl")).unwrap(),
            ["alarms apply", "alarms status", "check-ttl"]
        );
        assert_eq!(select(&[]).unwrap().len(), COMMANDS.len());
        assert!(
            select(&w("table frobnicate"))
                .unwrap_err()
                .contains("frobnicate")
        );
    }

    #[test]
    fn scoped_to_the_environment_and_star_only_where_aws_allows_nothing_else() {
        let names = Names::derive("zapier-triggers-api", "prod", None);
        let p = policy(&select(&[]).unwrap(), &names, &scope());
        assert_eq!(p["Version"], "2012-10-17");
        let table = "arn:aws:dynamodb:eu-west-1:111122223333:table/zapier-triggers-api-prod-events";
        for s in statements(&p) {
            let resources: Vec<&str> = s["Resource"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_str().unwrap())
                .collect();
            if resources == ["*"] {
                for a in s["Action"].as_array().unwrap() {
                    assert!(
                        [
                            "cloudtrail:LookupEvents",
                            "cloudwatch:GetMetricData",
                            "dynamodb:ListExports",
                            "lambda:ListEventSourceMappings",
                            "logs:GetQueryResults",
                            "logs:StopQuery"
                        ]
                        .contains(&a.as_str().unwrap()),
                        "{a} on *"
                    );
                }
            }
            for r in &resources {
                if r.contains(":dynamodb:") {
                    assert!(r.starts_with(table), "{r}");
                }
            }
            assert!(
                s["Sid"]
                    .as_str()
                    .unwrap()
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric()),
                "{}",
                s["Sid"]
            );
        }
        // Writes on the events table only where a command writes to it; DeleteTable only on
        // drill tables; the service-linked role only with its condition.
        let text = p.to_string();
        assert!(text.contains("table/zapier-triggers-api-prod-events-drill-*"));
        let delete_table: Vec<&Value> = statements(&p)
            .iter()
            .filter(|s| {
                s["Action"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|a| a == "dynamodb:DeleteTable")
            })
            .collect();
        assert!(
            delete_table
                .iter()
                .all(|s| s["Resource"].to_string().contains("-drill-*"))
        );
        let slr = statements(&p)
            .iter()
            .find(|s| {
                s["Action"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|a| a == "iam:CreateServiceLinkedRole")
            })
            .unwrap();
        assert_eq!(
            slr["Condition"]["StringLike"]["iam:AWSServiceName"],
            "contributorinsights.dynamodb.amazonaws.com"
        );
        assert!(
            slr["Sid"]
                .as_str()
                .unwrap()
                .ends_with("OnlyEnableContributorInsights")
        );
    }

    /// Every (action, resource) pair a set of documents grants.
    fn grants(docs: &[&Value]) -> std::collections::BTreeSet<(String, String)> {
        docs.iter()
            .flat_map(|d| statements(d).iter())
            .flat_map(|s| {
                let resources: Vec<String> = s["Resource"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r.as_str().unwrap().to_owned())
                    .collect();
                s["Action"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(move |a| {
                        let a = a.as_str().unwrap().to_owned();
                        resources.clone().into_iter().map(move |r| (a.clone(), r))
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// IAM rejects a managed policy over 6,144 characters (white space not counted). Every
    /// output of `iam-policy` fits: all commands (8,598 characters in one document, so split),
    /// every group and every command alone, with long names; a split grants exactly what the
    /// whole document does, and every Sid is unique within its policy.
    #[test]
    fn every_iam_policy_output_fits_a_managed_policy() {
        let names = Names::derive("zapier-triggers-api-events", "production", None);
        let scope = Scope {
            region: "ap-southeast-2".into(),
            account: "111122223333".into(),
        };
        let all = select(&[]).unwrap();
        assert!(
            size(&policy(&all, &names, &scope)) > MANAGED_POLICY_MAX,
            "every command's permissions need more than one managed policy"
        );
        let mut selections: Vec<Vec<&str>> = vec![all];
        selections.extend(
            groups()
                .into_iter()
                .map(|g| select(&[g.to_owned()]).unwrap()),
        );
        selections.extend(COMMANDS.iter().map(|(c, _)| vec![*c]));
        for commands in selections {
            let parts = policies(&commands, &names, &scope);
            for p in &parts {
                assert!(
                    p.characters <= MANAGED_POLICY_MAX,
                    "{commands:?}: {} has {} characters",
                    p.name,
                    p.characters
                );
                assert_eq!(p.characters, size(&p.document));
                assert!(p.name.len() <= 128, "{}", p.name);
                let sids: Vec<&str> = statements(&p.document)
                    .iter()
                    .map(|s| s["Sid"].as_str().unwrap())
                    .collect();
                let unique: std::collections::BTreeSet<&&str> = sids.iter().collect();
                assert_eq!(unique.len(), sids.len(), "{sids:?}");
            }
            let whole = policy(&commands, &names, &scope);
            assert_eq!(
                grants(&parts.iter().map(|p| &p.document).collect::<Vec<_>>()),
                grants(&[&whole]),
                "{commands:?}"
            );
            let expected_names: Vec<String> = if parts.len() == 1 {
                vec!["zapier-triggers-api-events-production-eventsctl".to_owned()]
            } else {
                (1..=parts.len())
                    .map(|i| format!("zapier-triggers-api-events-production-eventsctl-{i}"))
                    .collect()
            };
            let got: Vec<String> = parts.iter().map(|p| p.name.clone()).collect();
            assert_eq!(got, expected_names);
        }
    }

    /// A statement larger than a policy alone is cut by its actions, then its resources; what
    /// fits stays whole and in order.
    #[test]
    fn packing_cuts_only_what_cannot_fit() {
        let st = |sid: &str, actions: &[&str], resources: &[&str]| json!({"Sid": sid, "Effect": "Allow", "Action": actions, "Resource": resources});
        let small = st("Small", &["s3:GetObject"], &["*"]);
        let max = size(&document(vec![small.clone()]));
        assert_eq!(pack(vec![small.clone()], max).len(), 1);
        let docs = pack(vec![small.clone(), small.clone()], max);
        assert_eq!(docs.len(), 2);
        let big = st(
            "Big",
            &[
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:Query",
                "dynamodb:Scan",
            ],
            &["arn:aws:dynamodb:us-east-1:111122223333:table/t"],
        );
        let limit = size(&document(vec![big.clone()])) - 10;
        let docs = pack(vec![big.clone()], limit);
        assert!(docs.len() >= 2, "{docs:?}");
        for d in &docs {
            assert!(size(d) <= limit, "{d}");
        }
        assert_eq!(
            grants(&docs.iter().collect::<Vec<_>>()),
            grants(&[&document(vec![big])])
        );
        assert_eq!(statements(&docs[0])[0]["Sid"], "BigA");
    }

    /// README, "IAM permissions", lists the actions granted on `*`: exactly the ones the
    /// policy of every command grants there.
    #[test]
    fn the_readme_lists_every_action_granted_on_star() {
        let readme = include_str!("../../README.md");
        let start = readme
            .find("- Only `")
            .expect("README lists the actions on `*`");
        let end = start
            + readme[start..]
                .find("are on `*`")
                .expect("README lists the actions on `*`");
        let listed: std::collections::BTreeSet<&str> = readme[start..end]
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|a| a.contains(':'))
            .collect();
        let names = Names::derive("p", "dev", None);
        let p = policy(&select(&[]).unwrap(), &names, &scope());
        let on_star: std::collections::BTreeSet<&str> = statements(&p)
            .iter()
            .filter(|s| s["Resource"] == json!(["*"]))
            .flat_map(|s| s["Action"].as_array().unwrap().iter())
            .map(|a| a.as_str().unwrap())
            .collect();
        assert_eq!(listed, on_star);
    }

    #[test]
    fn a_read_only_command_gets_no_write() {
        let names = Names::derive("zapier-triggers-api", "prod", None);
        let p = policy(
            &select(&["table".into(), "verify".into()]).unwrap(),
            &names,
            &scope(),
        );
        let text = p.to_string();
        assert!(text.contains("dynamodb:DescribeTable"));
        for w in ["Put", "Update", "Delete", "Create", "Tag", "Restore"] {
            assert!(!text.contains(&format!("dynamodb:{w}")), "{w} in {text}");
        }
        assert!(!text.contains("\"*\""));
    }

    /// Every AWS call in the source (`.aws("service", "Operation", ...)`) is granted by the
    /// policy of all commands: a call added without its permission fails here.
    #[test]
    fn every_call_the_code_makes_is_in_the_policy() {
        let names = Names::derive("p", "dev", None);
        let all = policy(&select(&[]).unwrap(), &names, &scope()).to_string();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = vec![root];
        let mut calls = std::collections::BTreeSet::new();
        while let Some(p) = files.pop() {
            if p.is_dir() {
                files.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            if p.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            for part in text.split(".aws(").skip(1) {
                let strings: Vec<&str> = part.split('"').skip(1).step_by(2).take(2).collect();
                // Any service, so that a call to a new one (s3, athena, ...) fails here until
                // its permission is in the policy; "service" is this comment's placeholder.
                if strings.len() == 2
                    && strings[0] != "service"
                    && !strings[0].is_empty()
                    && strings[0].chars().all(|c| c.is_ascii_lowercase())
                    && !strings[1].is_empty()
                    && strings[1].chars().all(|c| c.is_ascii_alphanumeric())
                {
                    let service = match strings[0] {
                        "dynamodbstreams" => "dynamodb",
                        s => s,
                    };
                    // BatchExecuteStatement is authorised per statement: the tool sends only
                    // INSERTs (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-iam.html).
                    let action = match strings[1] {
                        "BatchExecuteStatement" => "PartiQLInsert",
                        a => a,
                    };
                    calls.insert(format!("{service}:{action}"));
                }
            }
        }
        assert!(calls.len() > 20, "{calls:?}");
        for c in &calls {
            assert!(
                all.contains(&format!("\"{c}\"")),
                "{c} is not in the policy"
            );
        }
    }

    /// pitr-restore turns deletion protection back on when the source has it: UpdateTable
    /// (DeletionProtectionEnabled) on the restored table, the same action that enables its
    /// stream.
    #[test]
    fn pitr_restore_may_turn_deletion_protection_back_on() {
        let names = Names::derive("p", "prod", None);
        let p = policy(&["pitr-restore"], &names, &scope());
        let restored = "arn:aws:dynamodb:eu-west-1:111122223333:table/p-prod-events-restored-*";
        assert!(
            statements(&p).iter().any(|s| {
                s["Resource"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|r| r == restored)
                    && s["Action"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|a| a == "dynamodb:UpdateTable")
            }),
            "{p}"
        );
    }
}
