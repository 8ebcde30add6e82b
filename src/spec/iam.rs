//! The IAM permissions each command needs, derived from the AWS operations it may call
//! ([`crate::vocab::ops`], each declared once with its action): `eventsctl iam-policy [COMMAND...]`
//! prints the least-privilege policy for the commands named, scoped to the environment's
//! resources. `COMMANDS` lists each command's operations, on which resources, for every use or
//! only with a flag, and what AWS checks as the caller while they run (a restore writes its new
//! table; an export writes to the bucket). The emulator tests check every call a command makes
//! against its list ([`declared_operations`]).
//!
//! Actions with no resource-level permissions (GetMetricData, ListEventSourceMappings, ListExports,
//! GetQueryResults, StopQuery, CloudTrail's LookupEvents) can only be granted on `*`; everything else names the table, its
//! indexes and stream, the restore and drill tables, the alarms, the dashboard, the Contributor
//! Insights rules and the log groups. Permissions that only a flag needs are in statements of
//! their own, named after the flag, so they can be left out.
//! <https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html>
//! <https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html>

use super::Names;
#[cfg(test)]
use crate::vocab::ops::Resource;
use crate::vocab::ops::{self, OnBehalf, Op};

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
    /// IAM roles of the account: the execution roles of the functions that use the table
    /// (`iam audit`), which may be anywhere in it.
    Roles,
    /// IAM managed policies: the account's and AWS's (`arn:aws:iam::aws:policy/...`), attached
    /// to those roles.
    Policies,
    /// The table's PITR exports: `table/{table}/export/*`.
    Exports,
    /// The S3 bucket of the exports (and Athena's results). The bucket is a flag of `export
    /// start`, so the policy names every bucket; narrow it to yours.
    ExportBucket,
    /// Athena workgroups of the account and Region (`--athena-workgroup`, default `primary`).
    AthenaWorkgroups,
    /// The Glue catalog, the `eventsctl` database and its tables (`--athena-database`).
    GlueCatalog,
    /// The SNS topics of the account and Region: an alarm's actions name them.
    Topics,
    /// Actions without resource-level permissions: only `*` works.
    Any,
}

/// The operations a command may call on some resources, for every use or only with one of its
/// flags, and the permissions AWS checks as the caller while they run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Grant {
    pub ops: &'static [&'static Op],
    pub behalf: &'static [&'static OnBehalf],
    pub on: &'static [On],
    /// `Some("--cleanup")`: only that flag needs it.
    pub flag: Option<&'static str>,
}

impl Grant {
    /// The IAM actions granted: each operation's, then what AWS checks on the caller's behalf.
    pub(crate) fn actions(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.ops
            .iter()
            .map(|op| op.action)
            .chain(self.behalf.iter().flat_map(|b| b.actions.iter().copied()))
    }
}

const fn g(ops: &'static [&'static Op], on: &'static [On]) -> Grant {
    Grant {
        ops,
        behalf: &[],
        on,
        flag: None,
    }
}

const fn with(flag: &'static str, ops: &'static [&'static Op], on: &'static [On]) -> Grant {
    Grant {
        ops,
        behalf: &[],
        on,
        flag: Some(flag),
    }
}

/// What AWS checks as the caller while an operation of the command runs, on `on`.
const fn behalf(
    flag: Option<&'static str>,
    behalf: &'static [&'static OnBehalf],
    on: &'static [On],
) -> Grant {
    Grant {
        ops: &[],
        behalf,
        on,
        flag,
    }
}

const DESCRIBE: &[&Op] = &[&ops::DESCRIBE_TABLE];
const VERIFY: &[&Op] = &[
    &ops::DESCRIBE_TABLE,
    &ops::DESCRIBE_TIME_TO_LIVE,
    &ops::DESCRIBE_CONTINUOUS_BACKUPS,
];
const METRICS: Grant = g(&[&ops::GET_METRIC_DATA], &[On::Any]);
/// `--publish-metrics` of a check: its verdicts into CloudWatch (PutMetricData has no
/// resource-level permissions; a `cloudwatch:namespace` condition can narrow it to
/// `Eventsctl/HealthCheck`).
const PUBLISH: Grant = with("--publish-metrics", &[&ops::PUT_METRIC_DATA], &[On::Any]);
const READ_ALARMS: Grant = g(&[&ops::DESCRIBE_ALARMS], &[On::Alarms]);
/// CloudTrail event history (`changes`, and the recent changes the checks mention): LookupEvents
/// has no resource-level permissions.
/// <https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudtrail.html>
const TRAIL: Grant = g(&[&ops::LOOKUP_EVENTS], &[On::Any]);
/// `alarms test`: put an alarm into ALARM and read what it did; who its topics page.
const ALARM_TEST: &[Grant] = &[
    g(
        &[&ops::SET_ALARM_STATE, &ops::DESCRIBE_ALARM_HISTORY],
        &[On::Alarms],
    ),
    g(
        &[
            &ops::GET_TOPIC_ATTRIBUTES,
            &ops::LIST_SUBSCRIPTIONS_BY_TOPIC,
        ],
        &[On::Topics],
    ),
];
const MAPPINGS: Grant = g(&[&ops::LIST_EVENT_SOURCE_MAPPINGS], &[On::Any]);
const INSIGHTS: &[Grant] = &[
    g(&[&ops::DESCRIBE_LOG_GROUPS], &[On::AnyLogGroup]),
    g(&[&ops::START_QUERY], &[On::LogGroups]),
    g(&[&ops::GET_QUERY_RESULTS, &ops::STOP_QUERY], &[On::Any]),
];
const STREAM_READ: &[&Op] = &[
    &ops::DESCRIBE_STREAM,
    &ops::GET_SHARD_ITERATOR,
    &ops::GET_RECORDS,
];
/// The source of a restore (or a drill): described, restored from, its tags and a sample of its
/// events read.
const RESTORE_SOURCE: &[&Op] = &[
    &ops::DESCRIBE_TABLE,
    &ops::DESCRIBE_CONTINUOUS_BACKUPS,
    &ops::RESTORE_TABLE_TO_POINT_IN_TIME,
    &ops::LIST_TAGS_OF_RESOURCE,
    &ops::BATCH_GET_ITEM,
    &ops::QUERY,
];
/// The new table of a restore (or a drill): waited for, tagged, its settings re-applied, its
/// keys sampled and looked up in the source.
const RESTORE_TARGET: &[&Op] = &[
    &ops::BATCH_GET_ITEM,
    &ops::DESCRIBE_TABLE,
    &ops::DESCRIBE_TIME_TO_LIVE,
    &ops::UPDATE_TIME_TO_LIVE,
    &ops::UPDATE_TABLE,
    &ops::DESCRIBE_CONTINUOUS_BACKUPS,
    &ops::UPDATE_CONTINUOUS_BACKUPS,
    &ops::TAG_RESOURCE,
    &ops::LIST_TAGS_OF_RESOURCE,
    &ops::SCAN,
];
/// The functions and mappings a cutover (and its undo) reads and changes: ListFunctions and the
/// mapping actions have no function resource; the canary's proof reads the consumers' log groups.
const DR_LAMBDA: [Grant; 3] = [
    g(
        &[
            &ops::LIST_FUNCTIONS,
            &ops::LIST_EVENT_SOURCE_MAPPINGS,
            &ops::CREATE_EVENT_SOURCE_MAPPING,
            &ops::UPDATE_EVENT_SOURCE_MAPPING,
            &ops::GET_EVENT_SOURCE_MAPPING,
        ],
        &[On::Any],
    ),
    g(
        &[
            &ops::GET_FUNCTION_CONFIGURATION,
            &ops::UPDATE_FUNCTION_CONFIGURATION,
        ],
        &[On::Functions],
    ),
    g(&[&ops::FILTER_LOG_EVENTS], &[On::LogGroups]),
];
/// `dr cutover`: the source read and verified against, the target (a `-restored-` table)
/// checked, sampled, tagged and written a canary, the functions and mappings moved.
const DR_CUTOVER: &[Grant] = &[
    g(
        &[
            &ops::DESCRIBE_TABLE,
            &ops::LIST_TAGS_OF_RESOURCE,
            &ops::BATCH_GET_ITEM,
            &ops::QUERY,
        ],
        &[On::Table],
    ),
    g(
        &[
            &ops::DESCRIBE_TABLE,
            &ops::DESCRIBE_TIME_TO_LIVE,
            &ops::DESCRIBE_CONTINUOUS_BACKUPS,
            &ops::LIST_TAGS_OF_RESOURCE,
            &ops::TAG_RESOURCE,
            &ops::UPDATE_TABLE,
            &ops::SCAN,
            &ops::BATCH_GET_ITEM,
            &ops::PUT_ITEM,
            &ops::GET_ITEM,
        ],
        &[On::RestoredTables],
    ),
    DR_LAMBDA[0],
    DR_LAMBDA[1],
    DR_LAMBDA[2],
    g(
        &[&ops::GET_ROLE, &ops::SIMULATE_PRINCIPAL_POLICY],
        &[On::Roles],
    ),
    with("--grant", &[&ops::PUT_ROLE_POLICY], &[On::Roles]),
    // The source's resource-based policies (its table's, its stream's) read, copied to the
    // target's table and stream.
    g(&[&ops::GET_RESOURCE_POLICY], &[On::Table, On::Stream]),
    g(
        &[&ops::GET_RESOURCE_POLICY, &ops::PUT_RESOURCE_POLICY],
        &[On::RestoredTables],
    ),
    // The environment's alarms and dashboard, read and put for the target.
    g(
        &[&ops::DESCRIBE_ALARMS, &ops::PUT_METRIC_ALARM],
        &[On::Alarms],
    ),
    g(
        &[&ops::GET_DASHBOARD, &ops::PUT_DASHBOARD],
        &[On::Dashboard],
    ),
];
/// `dr rollback`: the functions and mappings set back, a canary on the source.
const DR_ROLLBACK: &[Grant] = &[
    g(&[&ops::PUT_ITEM, &ops::GET_ITEM], &[On::Table]),
    // Removing the inline policy a `dr cutover --grant` added.
    g(&[&ops::DELETE_ROLE_POLICY], &[On::Roles]),
    // The copied policies deleted from the target (its own put back).
    g(
        &[
            &ops::GET_RESOURCE_POLICY,
            &ops::PUT_RESOURCE_POLICY,
            &ops::DELETE_RESOURCE_POLICY,
        ],
        &[On::RestoredTables],
    ),
    // The alarms a cutover replaced put back, the ones it created deleted; the dashboard's body
    // put back (deleted when the cutover created it).
    // (each read first: one changed since the cutover is a conflict).
    g(
        &[
            &ops::DESCRIBE_ALARMS,
            &ops::PUT_METRIC_ALARM,
            &ops::DELETE_ALARMS,
        ],
        &[On::Alarms],
    ),
    g(
        &[
            &ops::GET_DASHBOARD,
            &ops::PUT_DASHBOARD,
            &ops::DELETE_DASHBOARDS,
        ],
        &[On::Dashboard],
    ),
    DR_LAMBDA[0],
    DR_LAMBDA[1],
    DR_LAMBDA[2],
];
/// `dr-drill --cutover`: the drill's own source table created, seeded, corrupted and deleted
/// (a drill table), its own functions and mapping created and deleted, the cutover and the
/// rollback of its API function, and the drill window's CloudTrail events.
const DRILL_CUTOVER: [Grant; 6] = [
    with(
        "--cutover",
        &[
            &ops::CREATE_TABLE,
            &ops::DESCRIBE_TABLE,
            &ops::UPDATE_TIME_TO_LIVE,
            &ops::DESCRIBE_TIME_TO_LIVE,
            &ops::UPDATE_CONTINUOUS_BACKUPS,
            &ops::DESCRIBE_CONTINUOUS_BACKUPS,
            &ops::LIST_TAGS_OF_RESOURCE,
            &ops::TAG_RESOURCE,
            &ops::UPDATE_TABLE,
            &ops::PUT_ITEM,
            &ops::GET_ITEM,
            &ops::QUERY,
            &ops::SCAN,
            &ops::BATCH_GET_ITEM,
            // The cutover's policy copy (and its undo) between the drill's tables.
            &ops::GET_RESOURCE_POLICY,
            &ops::PUT_RESOURCE_POLICY,
            &ops::DELETE_RESOURCE_POLICY,
        ],
        &[On::DrillTables],
    ),
    with(
        "--cutover",
        &[
            &ops::LIST_EVENT_SOURCE_MAPPINGS,
            &ops::CREATE_EVENT_SOURCE_MAPPING,
            &ops::UPDATE_EVENT_SOURCE_MAPPING,
            &ops::GET_EVENT_SOURCE_MAPPING,
            &ops::DELETE_EVENT_SOURCE_MAPPING,
            &ops::LOOKUP_EVENTS,
        ],
        &[On::Any],
    ),
    with(
        "--cutover",
        &[
            &ops::CREATE_FUNCTION,
            &ops::GET_FUNCTION,
            &ops::GET_FUNCTION_CONFIGURATION,
            &ops::UPDATE_FUNCTION_CONFIGURATION,
            &ops::DELETE_FUNCTION,
        ],
        &[On::Functions],
    ),
    with(
        "--cutover",
        &[&ops::FILTER_LOG_EVENTS, &ops::DELETE_LOG_GROUP],
        &[On::LogGroups],
    ),
    with(
        "--cutover",
        &[&ops::GET_ROLE, &ops::SIMULATE_PRINCIPAL_POLICY],
        &[On::Roles],
    ),
    behalf(Some("--cutover"), &[&ops::FUNCTION_ROLE], &[On::Roles]),
];
/// A restore target: what the tool calls on it, and the reads and writes DynamoDB needs on it.
const fn restore_target(on: &'static [On], flag: Option<&'static str>) -> Grant {
    Grant {
        ops: RESTORE_TARGET,
        behalf: &[&ops::RESTORE_WRITES_TARGET],
        on,
        flag,
    }
}
/// Reading a PITR export (`--from-export`): find it, read its manifest and data files; with
/// `--engine athena`, register it in Glue and query it with Athena (results in S3).
/// <https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport_Requesting.html>
/// <https://docs.aws.amazon.com/athena/latest/ug/managed-policies.html>
const FROM_EXPORT: [Grant; 7] = [
    with("--from-export", DESCRIBE, &[On::Table]),
    // ListExports has no resource-level permissions.
    with("--from-export", &[&ops::LIST_EXPORTS], &[On::Any]),
    with("--from-export", &[&ops::DESCRIBE_EXPORT], &[On::Exports]),
    with(
        "--from-export",
        &[&ops::GET_OBJECT, &ops::LIST_OBJECTS_V2],
        &[On::ExportBucket],
    ),
    with(
        "--engine athena",
        &[
            &ops::GET_WORK_GROUP,
            &ops::START_QUERY_EXECUTION,
            &ops::GET_QUERY_EXECUTION,
            &ops::GET_ATHENA_QUERY_RESULTS,
        ],
        &[On::AthenaWorkgroups],
    ),
    Grant {
        ops: &[&ops::CREATE_GLUE_DATABASE, &ops::CREATE_GLUE_TABLE],
        behalf: &[&ops::ATHENA_READS_CATALOG],
        on: &[On::GlueCatalog],
        flag: Some("--engine athena"),
    },
    behalf(
        Some("--engine athena"),
        &[&ops::ATHENA_WRITES_RESULTS],
        &[On::ExportBucket],
    ),
];
const TTL_CHECK: &[Grant] = &[
    PUBLISH,
    TRAIL,
    g(
        &[
            &ops::DESCRIBE_TABLE,
            &ops::DESCRIBE_TIME_TO_LIVE,
            &ops::SCAN,
        ],
        &[On::Table],
    ),
    METRICS,
    with("--cleanup", &[&ops::DELETE_ITEM], &[On::Table]),
    with("--repair", &[&ops::UPDATE_ITEM], &[On::Table]),
    FROM_EXPORT[0],
    FROM_EXPORT[1],
    FROM_EXPORT[2],
    FROM_EXPORT[3],
    FROM_EXPORT[4],
    FROM_EXPORT[5],
    FROM_EXPORT[6],
];
/// The functions that use the table, their roles, the roles' policies and access advisor
/// (`iam audit`, and `health-check monthly`'s IAM part).
const IAM_AUDIT: [Grant; 4] = [
    g(
        &[
            &ops::LIST_FUNCTIONS,
            &ops::LIST_EVENT_SOURCE_MAPPINGS,
            &ops::GET_SERVICE_LAST_ACCESSED_DETAILS,
        ],
        &[On::Any],
    ),
    g(
        &[
            &ops::GET_ROLE,
            &ops::LIST_ROLE_POLICIES,
            &ops::GET_ROLE_POLICY,
            &ops::LIST_ATTACHED_ROLE_POLICIES,
            &ops::GENERATE_SERVICE_LAST_ACCESSED_DETAILS,
        ],
        &[On::Roles],
    ),
    g(
        &[&ops::GET_POLICY, &ops::GET_POLICY_VERSION],
        &[On::Policies],
    ),
    with(
        "--function",
        &[&ops::GET_FUNCTION_CONFIGURATION],
        &[On::Functions],
    ),
];
const STREAM_STATUS: &[Grant] = &[
    PUBLISH,
    g(DESCRIBE, &[On::Table]),
    TRAIL,
    g(&[&ops::DESCRIBE_STREAM], &[On::Stream]),
    MAPPINGS,
    METRICS,
    with(
        "--probe",
        &[&ops::PUT_ITEM, &ops::DELETE_ITEM],
        &[On::Table],
    ),
    with("--probe", STREAM_READ, &[On::Stream]),
    // After a passing probe, each quiet consumer's own evidence (dr cutover's canary proof).
    with("--probe", &[&ops::GET_EVENT_SOURCE_MAPPING], &[On::Any]),
    with("--probe", &[&ops::FILTER_LOG_EVENTS], &[On::LogGroups]),
];

/// Every command and the operations it may call, in the order of `eventsctl --help`.
pub(crate) const COMMANDS: &[(&str, &[Grant])] = &[
    (
        "table create",
        &[Grant {
            ops: &[
                &ops::DESCRIBE_TABLE,
                &ops::CREATE_TABLE,
                &ops::TAG_RESOURCE,
                &ops::LIST_TAGS_OF_RESOURCE,
                &ops::DESCRIBE_TIME_TO_LIVE,
                &ops::UPDATE_TIME_TO_LIVE,
                &ops::DESCRIBE_CONTINUOUS_BACKUPS,
                &ops::UPDATE_CONTINUOUS_BACKUPS,
                &ops::UPDATE_TABLE,
            ],
            behalf: &[&ops::CREATE_TAGS],
            on: &[On::Table],
            flag: None,
        }],
    ),
    ("table verify", &[g(VERIFY, &[On::Table]), PUBLISH]),
    (
        "table fix",
        &[g(
            &[
                &ops::DESCRIBE_TABLE,
                &ops::DESCRIBE_TIME_TO_LIVE,
                &ops::UPDATE_TIME_TO_LIVE,
                &ops::DESCRIBE_CONTINUOUS_BACKUPS,
                &ops::UPDATE_CONTINUOUS_BACKUPS,
            ],
            &[On::Table],
        )],
    ),
    (
        "table describe",
        &[
            g(VERIFY, &[On::Table]),
            g(&[&ops::LIST_TAGS_OF_RESOURCE], &[On::Table]),
        ],
    ),
    ("events put", &[g(&[&ops::PUT_ITEM], &[On::Table])]),
    (
        "events get",
        &[g(&[&ops::GET_ITEM, &ops::QUERY], &[On::Table])],
    ),
    (
        "events delete",
        &[g(
            &[&ops::GET_ITEM, &ops::QUERY, &ops::DELETE_ITEM],
            &[On::Table],
        )],
    ),
    (
        "events query",
        &[g(&[&ops::QUERY], &[On::Table, On::Indexes])],
    ),
    (
        "events import",
        &[g(
            &[
                &ops::DESCRIBE_TABLE,
                // New events go out as PartiQL INSERTs (BatchExecuteStatement), which DynamoDB
                // refuses on a stored key; those, or a group of a file imported before, are
                // read: a stored event that differs is never replaced.
                &ops::BATCH_EXECUTE_STATEMENT,
                &ops::BATCH_GET_ITEM,
                // --overwrite: blind BatchWriteItem.
                &ops::BATCH_WRITE_ITEM,
                &ops::PUT_ITEM,
                &ops::GET_ITEM,
            ],
            &[On::Table],
        )],
    ),
    (
        "diagnose throttling",
        &[g(DESCRIBE, &[On::Table]), METRICS, READ_ALARMS, PUBLISH],
    ),
    // Every check of the table first describes it (docs/evidence.md).
    (
        "diagnose latency",
        &[g(DESCRIBE, &[On::Table]), METRICS, PUBLISH],
    ),
    (
        "diagnose writes",
        &[
            PUBLISH,
            g(DESCRIBE, &[On::Table]),
            TRAIL,
            METRICS,
            READ_ALARMS,
            with(
                "--canary",
                &[&ops::PUT_ITEM, &ops::GET_ITEM, &ops::DELETE_ITEM],
                &[On::Table],
            ),
        ],
    ),
    (
        "alarms apply",
        &[
            g(DESCRIBE, &[On::Table]),
            g(
                &[&ops::DESCRIBE_ALARMS, &ops::PUT_METRIC_ALARM],
                &[On::Alarms],
            ),
            // Finding the stream consumer for its IteratorAge and Errors alarms.
            with(
                "--recommended",
                &[&ops::LIST_EVENT_SOURCE_MAPPINGS],
                &[On::Any],
            ),
            // Checking that the function --consumer-function names exists.
            with(
                "--consumer-function",
                &[&ops::GET_FUNCTION],
                &[On::Functions],
            ),
        ],
    ),
    (
        "alarms status",
        &[g(DESCRIBE, &[On::Table]), READ_ALARMS, MAPPINGS, PUBLISH],
    ),
    (
        "alarms backtest",
        &[g(DESCRIBE, &[On::Table]), READ_ALARMS, MAPPINGS, METRICS],
    ),
    (
        "alarms test",
        &[
            g(DESCRIBE, &[On::Table]),
            READ_ALARMS,
            MAPPINGS,
            ALARM_TEST[0],
            ALARM_TEST[1],
        ],
    ),
    (
        "dashboard apply",
        &[
            g(DESCRIBE, &[On::Table]),
            g(&[&ops::PUT_DASHBOARD], &[On::Dashboard]),
        ],
    ),
    ("dashboard show", &[g(DESCRIBE, &[On::Table]), METRICS]),
    ("check-ttl", TTL_CHECK),
    ("stream-status", STREAM_STATUS),
    (
        "stream tail",
        &[
            g(DESCRIBE, &[On::Table]),
            g(STREAM_READ, &[On::Stream]),
            MAPPINGS,
        ],
    ),
    (
        "pitr-restore",
        &[
            g(RESTORE_SOURCE, &[On::Table]),
            restore_target(&[On::RestoredTables], None),
            with("--exact-count", &[&ops::SCAN], &[On::Table]),
            with("--reference-export", &[&ops::LIST_EXPORTS], &[On::Any]),
            with(
                "--reference-export",
                &[&ops::DESCRIBE_EXPORT],
                &[On::Exports],
            ),
            with(
                "--reference-export",
                &[&ops::GET_OBJECT],
                &[On::ExportBucket],
            ),
        ],
    ),
    (
        "dr-drill",
        &[
            g(RESTORE_SOURCE, &[On::Table]),
            restore_target(&[On::DrillTables], None),
            g(&[&ops::DELETE_TABLE], &[On::DrillTables]),
            DRILL_CUTOVER[0],
            DRILL_CUTOVER[1],
            DRILL_CUTOVER[2],
            DRILL_CUTOVER[3],
            DRILL_CUTOVER[4],
            DRILL_CUTOVER[5],
        ],
    ),
    ("dr cutover", DR_CUTOVER),
    ("dr rollback", DR_ROLLBACK),
    (
        "dr retire",
        &[
            g(&[&ops::DESCRIBE_TABLE], &[On::Table]),
            // Only `--yes` backs up, turns deletion protection off and deletes: in a
            // statement of its own, the one grant of DeleteTable on the events table.
            with(
                "--yes",
                &[&ops::CREATE_BACKUP, &ops::UPDATE_TABLE, &ops::DELETE_TABLE],
                &[On::Table],
            ),
            with("--yes", &[&ops::DESCRIBE_BACKUP], &[On::Any]),
            METRICS,
        ],
    ),
    ("insights list", &[]),
    ("insights run", INSIGHTS),
    (
        "hot-partitions",
        &[
            PUBLISH,
            g(DESCRIBE, &[On::Table]),
            g(
                &[&ops::DESCRIBE_CONTRIBUTOR_INSIGHTS],
                &[On::Table, On::Indexes],
            ),
            g(&[&ops::GET_INSIGHT_RULE_REPORT], &[On::InsightRules]),
            METRICS,
            INSIGHTS[0],
            INSIGHTS[1],
            INSIGHTS[2],
            with(
                "--enable-contributor-insights",
                &[&ops::UPDATE_CONTRIBUTOR_INSIGHTS],
                &[On::Table, On::Indexes],
            ),
            behalf(
                Some("--enable-contributor-insights"),
                &[&ops::INSIGHTS_ROLE],
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
                &[&ops::DESCRIBE_ALARMS, &ops::DESCRIBE_ALARM_HISTORY],
                &[On::Alarms],
            ),
            METRICS,
        ],
    ),
    (
        "health-check monthly",
        &[
            PUBLISH,
            g(VERIFY, &[On::Table]),
            TRAIL,
            g(&[&ops::DESCRIBE_TIME_TO_LIVE, &ops::SCAN], &[On::Table]),
            g(&[&ops::DESCRIBE_STREAM], &[On::Stream]),
            MAPPINGS,
            METRICS,
            READ_ALARMS,
            // Part cost (Monthly 1): the table's tags, Cost Explorer.
            g(&[&ops::LIST_TAGS_OF_RESOURCE], &[On::Table]),
            g(
                &[&ops::GET_COST_AND_USAGE, &ops::LIST_COST_ALLOCATION_TAGS],
                &[On::Any],
            ),
            // Part iam (Monthly 5).
            IAM_AUDIT[0],
            IAM_AUDIT[1],
            IAM_AUDIT[2],
            with(
                "--alarm-test",
                &[&ops::SET_ALARM_STATE, &ops::DESCRIBE_ALARM_HISTORY],
                &[On::Alarms],
            ),
            with(
                "--alarm-test",
                &[
                    &ops::GET_TOPIC_ATTRIBUTES,
                    &ops::LIST_SUBSCRIPTIONS_BY_TOPIC,
                ],
                &[On::Topics],
            ),
            with("--restore-test", RESTORE_SOURCE, &[On::Table]),
            restore_target(&[On::DrillTables], Some("--restore-test")),
            with("--restore-test", &[&ops::DELETE_TABLE], &[On::DrillTables]),
        ],
    ),
    (
        "health-check quarterly",
        &[
            PUBLISH,
            g(
                &[
                    &ops::DESCRIBE_TABLE,
                    &ops::SCAN,
                    // Part capacity plan: PITR's storage in the priced quarter.
                    &ops::DESCRIBE_CONTINUOUS_BACKUPS,
                ],
                &[On::Table],
            ),
            METRICS,
            // Part capacity plan: a provisioned table's own auto scaling (no resource-level
            // permissions for these Describe actions).
            g(
                &[
                    &ops::DESCRIBE_SCALABLE_TARGETS,
                    &ops::DESCRIBE_SCALING_POLICIES,
                ],
                &[On::Any],
            ),
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
                &ops::DESCRIBE_TABLE,
                &ops::PUT_ITEM,
                &ops::DELETE_ITEM,
                &ops::BATCH_WRITE_ITEM,
            ],
            &[On::Table],
        )],
    ),
    (
        "bench read",
        &[g(
            &[
                &ops::DESCRIBE_TABLE,
                &ops::QUERY,
                &ops::PUT_ITEM,
                &ops::DELETE_ITEM,
                &ops::BATCH_WRITE_ITEM,
            ],
            &[On::Table],
        )],
    ),
    (
        "bench cleanup",
        &[g(&[&ops::QUERY, &ops::BATCH_WRITE_ITEM], &[On::Table])],
    ),
    (
        "export start",
        &[
            g(
                &[
                    &ops::DESCRIBE_TABLE,
                    &ops::DESCRIBE_CONTINUOUS_BACKUPS,
                    &ops::EXPORT_TABLE_TO_POINT_IN_TIME,
                ],
                &[On::Table],
            ),
            g(&[&ops::LIST_EXPORTS], &[On::Any]),
            g(&[&ops::DESCRIBE_EXPORT], &[On::Exports]),
            // What DynamoDB needs to write the export into the bucket.
            behalf(None, &[&ops::EXPORT_WRITES_BUCKET], &[On::ExportBucket]),
        ],
    ),
    (
        "export status",
        &[
            g(DESCRIBE, &[On::Table]),
            g(&[&ops::LIST_EXPORTS], &[On::Any]),
            g(&[&ops::DESCRIBE_EXPORT], &[On::Exports]),
        ],
    ),
    (
        "export list",
        &[
            g(DESCRIBE, &[On::Table]),
            g(&[&ops::LIST_EXPORTS], &[On::Any]),
        ],
    ),
    (
        "iam audit",
        &[
            g(DESCRIBE, &[On::Table]),
            IAM_AUDIT[0],
            IAM_AUDIT[1],
            IAM_AUDIT[2],
            IAM_AUDIT[3],
        ],
    ),
    ("config show", &[]),
    ("config init", &[]),
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

/// The operations `command` (as `COMMANDS` names it: `table create`) may call, with every
/// flag, as `(service, operation)` the call log names them; `None` for no such command. The
/// emulator tests check every call a command makes against this.
pub fn declared_operations(command: &str) -> Option<Vec<(&'static str, &'static str)>> {
    let (_, grants) = COMMANDS.iter().find(|(c, _)| *c == command)?;
    let mut ops: Vec<_> = grants
        .iter()
        .flat_map(|g| g.ops.iter().map(|op| (op.service, op.operation)))
        .chain(
            ops::NO_PERMISSION
                .iter()
                .map(|op| (op.service, op.operation)),
        )
        .collect();
    ops.sort_unstable();
    ops.dedup();
    Some(ops)
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
                .chain(super::alarms::health_check_names(names))
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
        On::Roles => vec![format!("arn:{p}:iam::{a}:role/*")],
        On::Policies => vec![
            format!("arn:{p}:iam::{a}:policy/*"),
            format!("arn:{p}:iam::aws:policy/*"),
        ],
        On::Exports => vec![format!("{}/export/*", table(t))],
        On::ExportBucket => vec![format!("arn:{p}:s3:::*")],
        On::AthenaWorkgroups => vec![format!("arn:{p}:athena:{r}:{a}:workgroup/*")],
        On::GlueCatalog => vec![
            format!("arn:{p}:glue:{r}:{a}:catalog"),
            format!("arn:{p}:glue:{r}:{a}:database/eventsctl*"),
            format!("arn:{p}:glue:{r}:{a}:table/eventsctl*/*"),
        ],
        On::Topics => vec![format!("arn:{p}:sns:{r}:{a}:*")],
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
            On::Topics => "AlarmTopics",
            On::Dashboard => "RunbookDashboard",
            On::InsightRules => "ContributorInsightsRules",
            On::LogGroups => "LambdaLogGroups",
            On::AnyLogGroup => "ListLogGroups",
            On::Functions => "LambdaFunctions",
            On::ServiceLinkedRole => "ContributorInsightsServiceLinkedRole",
            On::Roles => "Roles",
            On::Policies => "ManagedPolicies",
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
/// <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html>
pub(crate) const MANAGED_POLICY_MAX: usize = 6144;

/// The characters IAM counts against [`MANAGED_POLICY_MAX`]: the document without white space.
pub(crate) fn size(document: &impl serde::Serialize) -> usize {
    serde_json::to_string(document)
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .count()
}

/// One managed policy: the name to create it under, and its document.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub(crate) struct NamedPolicy {
    pub name: String,
    /// What IAM counts against its 6,144-character quota.
    pub characters: usize,
    pub document: PolicyDocument,
}

/// An IAM policy document as `iam-policy` writes it (IAM's policy grammar, in its own key
/// names).
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "PascalCase")]
#[schemars(rename = "IamPolicyDocument")]
pub(crate) struct PolicyDocument {
    /// The version of IAM's policy language.
    #[schemars(extend("const" = "2012-10-17"))]
    pub version: &'static str,
    pub statement: Vec<PolicyStatement>,
}

/// One statement of a policy `iam-policy` writes: it allows its actions on its resources.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "PascalCase")]
#[schemars(rename = "IamPolicyStatement")]
pub(crate) struct PolicyStatement {
    /// Named after its resources (and the flag that needs it: `...OnlyYes`); `A` and `B` end the
    /// halves of a statement cut to fit a managed policy.
    pub sid: String,
    #[schemars(extend("const" = "Allow"))]
    pub effect: &'static str,
    pub action: Vec<String>,
    pub resource: Vec<String>,
    /// Only on the service-linked role's statement: the one service it may be created for
    /// (`{"StringLike": {"iam:AWSServiceName": ...}}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Condition")]
    pub condition: Option<Condition>,
}

/// A Condition block: operator, then condition key, then value.
pub(crate) type Condition = std::collections::BTreeMap<
    &'static str,
    std::collections::BTreeMap<&'static str, &'static str>,
>;

fn document(statements: Vec<PolicyStatement>) -> PolicyDocument {
    PolicyDocument {
        version: "2012-10-17",
        statement: statements,
    }
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
fn halves(statement: &PolicyStatement) -> Option<(PolicyStatement, PolicyStatement)> {
    let mut first = statement.clone();
    let mut second = statement.clone();
    let (a, b) = if statement.action.len() > 1 {
        (&mut first.action, &mut second.action)
    } else if statement.resource.len() > 1 {
        (&mut first.resource, &mut second.resource)
    } else {
        return None;
    };
    let half = a.len() / 2;
    a.truncate(half);
    b.drain(..half);
    first.sid = format!("{}A", statement.sid);
    second.sid = format!("{}B", statement.sid);
    Some((first, second))
}

/// The statements, in order, packed into as few documents as stay within `max` characters; a
/// statement too large for any document alone is cut by its actions or resources first.
pub(crate) fn pack(statements: Vec<PolicyStatement>, max: usize) -> Vec<PolicyDocument> {
    let mut queue: std::collections::VecDeque<PolicyStatement> = statements.into();
    let mut docs: Vec<Vec<PolicyStatement>> = Vec::new();
    let mut current: Vec<PolicyStatement> = Vec::new();
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
    let docs = pack(whole.statement, MANAGED_POLICY_MAX);
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
pub(crate) fn policy(commands: &[&str], names: &Names, scope: &Scope) -> PolicyDocument {
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
            actions.extend(grant.actions());
        }
    }
    // Statements with flags after the ones every use needs.
    statements.sort_by_key(|((_, flag), _)| flag.is_some());
    let rendered: Vec<PolicyStatement> = statements
        .into_iter()
        .map(|((on, flag), mut actions)| {
            actions.sort_unstable();
            actions.dedup();
            PolicyStatement {
                sid: sid_of(&on, flag),
                effect: "Allow",
                action: actions.into_iter().map(str::to_owned).collect(),
                resource: on.iter().flat_map(|o| arns(*o, names, scope)).collect(),
                condition: on.contains(&On::ServiceLinkedRole).then(|| {
                    [(
                        "StringLike",
                        [(
                            "iam:AWSServiceName",
                            "contributorinsights.dynamodb.amazonaws.com",
                        )]
                        .into(),
                    )]
                    .into()
                }),
            }
        })
        .collect();
    document(rendered)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    /// A document as the JSON it writes, to read it the way a caller of `iam-policy` does.
    fn as_json(d: &PolicyDocument) -> Value {
        serde_json::to_value(d).unwrap()
    }

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
            [
                "alarms apply",
                "alarms status",
                "alarms backtest",
                "alarms test",
                "check-ttl"
            ]
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
        let p = as_json(&policy(&select(&[]).unwrap(), &names, &scope()));
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
                            "application-autoscaling:DescribeScalableTargets",
                            "application-autoscaling:DescribeScalingPolicies",
                            "cloudtrail:LookupEvents",
                            "cloudwatch:GetMetricData",
                            "cloudwatch:PutMetricData",
                            "dynamodb:ListExports",
                            "dynamodb:DescribeBackup",
                            "ce:GetCostAndUsage",
                            "ce:ListCostAllocationTags",
                            "iam:GetServiceLastAccessedDetails",
                            "lambda:ListEventSourceMappings",
                            "lambda:ListFunctions",
                            "lambda:CreateEventSourceMapping",
                            "lambda:GetEventSourceMapping",
                            "lambda:UpdateEventSourceMapping",
                            "lambda:DeleteEventSourceMapping",
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
        // drill tables, and on the events table only in the statement `dr retire --yes` needs;
        // the service-linked role only with its condition.
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
        assert!(delete_table.iter().all(|s| {
            s["Resource"].to_string().contains("-drill-*")
                || s["Sid"].as_str().unwrap().ends_with("OnlyYes")
        }));
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
    fn grants(docs: &[&PolicyDocument]) -> std::collections::BTreeSet<(String, String)> {
        docs.iter()
            .flat_map(|d| d.statement.iter())
            .flat_map(|s| {
                s.action
                    .iter()
                    .flat_map(|a| s.resource.iter().map(move |r| (a.clone(), r.clone())))
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
                    "{commands:?}: {} has {}",
                    p.name,
                    crate::vocab::words::count(p.characters, "character", "characters")
                );
                assert_eq!(p.characters, size(&p.document));
                assert!(p.name.len() <= 128, "{}", p.name);
                let sids: Vec<&str> = p.document.statement.iter().map(|s| &*s.sid).collect();
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
        let st = |sid: &str, actions: &[&str], resources: &[&str]| PolicyStatement {
            sid: sid.to_owned(),
            effect: "Allow",
            action: actions.iter().map(|a| (*a).to_owned()).collect(),
            resource: resources.iter().map(|r| (*r).to_owned()).collect(),
            condition: None,
        };
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
            assert!(size(d) <= limit, "{d:?}");
        }
        assert_eq!(
            grants(&docs.iter().collect::<Vec<_>>()),
            grants(&[&document(vec![big])])
        );
        assert_eq!(docs[0].statement[0].sid, "BigA");
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
        let p = as_json(&policy(&select(&[]).unwrap(), &names, &scope()));
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
        let p = as_json(&policy(
            &select(&["table".into(), "verify".into()]).unwrap(),
            &names,
            &scope(),
        ));
        // What it needs to read: --publish-metrics' own statement (PutMetricData, its verdicts
        // into CloudWatch) apart.
        let (publish, reads): (Vec<&Value>, Vec<&Value>) = statements(&p).iter().partition(|s| {
            s["Sid"]
                .as_str()
                .unwrap_or_default()
                .ends_with("OnlyPublishMetrics")
        });
        assert_eq!(publish.len(), 1, "{p}");
        assert_eq!(publish[0]["Action"], json!(["cloudwatch:PutMetricData"]));
        let text = serde_json::to_string(&reads).unwrap();
        assert!(text.contains("dynamodb:DescribeTable"));
        for w in ["Put", "Update", "Delete", "Create", "Tag", "Restore"] {
            assert!(!text.contains(&format!("dynamodb:{w}")), "{w} in {text}");
        }
        assert!(!text.contains("\"*\""));
    }

    /// Every AWS call in the source names its operation (`.aws(&ops::GET_ITEM, ...)`), and
    /// every operation named there is granted, by its IAM action, in the policy of all
    /// commands (BatchExecuteStatement by `dynamodb:PartiQLInsert`, ListObjectsV2 by
    /// `s3:ListBucket`): a call added without its permission fails here. Every operation
    /// declared is called somewhere: none is granted for nothing.
    #[test]
    fn every_call_the_code_makes_is_in_the_policy() {
        let names = Names::derive("p", "dev", None);
        let all = as_json(&policy(&select(&[]).unwrap(), &names, &scope())).to_string();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = vec![root];
        let mut called = std::collections::BTreeSet::new();
        while let Some(p) = files.pop() {
            if p.is_dir() {
                files.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            if p.extension().is_none_or(|e| e != "rs") || p.ends_with("spec/iam.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            // No call names its operation by strings any more.
            for after in text.split(".aws(").skip(1) {
                assert!(
                    !after.trim_start().starts_with('"'),
                    "{}: an error mapped without its Op",
                    p.display()
                );
            }
            for part in text.split("&ops::").skip(1) {
                let name: String = part
                    .chars()
                    .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
                    .collect();
                if let Some((_, op)) = ops::BY_NAME.iter().find(|(n, _)| *n == name) {
                    called.insert((op.service, op.operation, op.action));
                }
            }
        }
        assert!(called.len() > 40, "{called:?}");
        for (service, operation, action) in &called {
            if ops::NO_PERMISSION
                .iter()
                .any(|op| op.service == *service && op.operation == *operation)
            {
                assert!(
                    !all.contains(&format!("\"{action}\"")),
                    "{action} needs no grant"
                );
                continue;
            }
            assert!(
                all.contains(&format!("\"{action}\"")),
                "{service}:{operation} ({action}) is not in the policy"
            );
        }
        for op in ops::ALL {
            assert!(
                called.contains(&(op.service, op.operation, op.action)),
                "{}:{} is declared but no call names it",
                op.service,
                op.operation
            );
        }
    }

    /// Each grant names operations on the resources their action can be granted on (an action
    /// without resource-level permissions only on `*`), and what AWS checks on the caller's
    /// behalf comes with the operation that needs it, in the same command.
    #[test]
    fn each_grant_fits_its_operations() {
        let fits = |kind: Resource, on: On| match kind {
            Resource::Table => matches!(
                on,
                On::Table | On::Indexes | On::RestoredTables | On::DrillTables
            ),
            Resource::Stream => on == On::Stream,
            Resource::TableOrStream => matches!(
                on,
                On::Table | On::Stream | On::RestoredTables | On::DrillTables
            ),
            Resource::Export => on == On::Exports,
            Resource::Alarm => on == On::Alarms,
            Resource::Dashboard => on == On::Dashboard,
            Resource::InsightRule => on == On::InsightRules,
            Resource::LogGroup => matches!(on, On::LogGroups | On::AnyLogGroup),
            Resource::Function => on == On::Functions,
            Resource::Bucket => on == On::ExportBucket,
            Resource::Workgroup => on == On::AthenaWorkgroups,
            Resource::GlueCatalog => on == On::GlueCatalog,
            Resource::Role => matches!(on, On::ServiceLinkedRole | On::Roles),
            Resource::Policy => on == On::Policies,
            Resource::Topic => on == On::Topics,
            Resource::Any => on == On::Any,
        };
        for (command, grants) in COMMANDS {
            let ops: Vec<&Op> = grants.iter().flat_map(|g| g.ops.iter().copied()).collect();
            for g in grants.iter() {
                for on in g.on {
                    for op in g.ops {
                        assert!(fits(op.resource, *on), "{command}: {op:?} on {on:?}");
                    }
                    for b in g.behalf {
                        assert!(fits(b.resource, *on), "{command}: {b:?} on {on:?}");
                    }
                }
                for b in g.behalf {
                    assert!(
                        ops.contains(&b.of),
                        "{command}: {:?} without {}",
                        b.actions,
                        b.of.operation
                    );
                }
            }
            let declared = declared_operations(command).unwrap();
            assert_eq!(declared.len(), {
                let mut d: Vec<_> = ops
                    .iter()
                    .chain(ops::NO_PERMISSION)
                    .map(|o| (o.service, o.operation))
                    .collect();
                d.sort_unstable();
                d.dedup();
                d.len()
            });
        }
        assert_eq!(declared_operations("frobnicate"), None);
    }

    /// pitr-restore turns deletion protection back on when the source has it: UpdateTable
    /// (DeletionProtectionEnabled) on the restored table, the same action that enables its
    /// stream.
    #[test]
    fn pitr_restore_may_turn_deletion_protection_back_on() {
        let names = Names::derive("p", "prod", None);
        let p = as_json(&policy(&["pitr-restore"], &names, &scope()));
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
