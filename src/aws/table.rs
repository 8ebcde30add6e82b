//! DynamoDB table-level calls shared by `table`, `pitr-restore`, `dr-drill` and `health-check`.

use super::ops;
use super::retry::{self, RetryPolicy};
use std::time::Duration;

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::client::Waiters;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, ContinuousBackupsDescription, ContinuousBackupsStatus,
    ContributorInsightsAction, ContributorInsightsMode, GlobalSecondaryIndex, KeySchemaElement,
    KeyType, PointInTimeRecoverySpecification, Projection, StreamSpecification, StreamViewType,
    TableDescription, Tag, TimeToLiveDescription, TimeToLiveSpecification,
};
use aws_smithy_runtime_api::client::waiters::error::WaiterError;

use super::error::{AwsError, AwsErrorKind, AwsResultExt, table_resource};
use crate::spec::{KeySpec, TableSpec};

/// DescribeTable; `None` when the table does not exist.
pub(crate) async fn describe(
    client: &Client,
    name: &str,
) -> Result<Option<TableDescription>, AwsError> {
    match client
        .describe_table()
        .table_name(name)
        .send()
        .await
        .aws(&ops::DESCRIBE_TABLE, table_resource(name))
    {
        Ok(out) => Ok(out.table),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// DescribeTimeToLive; `None` when the table does not exist.
pub(crate) async fn describe_ttl(
    client: &Client,
    name: &str,
) -> Result<Option<TimeToLiveDescription>, AwsError> {
    match client
        .describe_time_to_live()
        .table_name(name)
        .send()
        .await
        .aws(&ops::DESCRIBE_TIME_TO_LIVE, table_resource(name))
    {
        Ok(out) => Ok(out.time_to_live_description),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// DescribeContinuousBackups; `None` when the table does not exist.
pub(crate) async fn describe_backups(
    client: &Client,
    name: &str,
) -> Result<Option<ContinuousBackupsDescription>, AwsError> {
    match client
        .describe_continuous_backups()
        .table_name(name)
        .send()
        .await
        .aws(&ops::DESCRIBE_CONTINUOUS_BACKUPS, table_resource(name))
    {
        Ok(out) => Ok(out.continuous_backups_description),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Every tag of a table, following `NextToken`.
pub(crate) async fn tags(client: &Client, arn: &str) -> Result<Vec<Tag>, AwsError> {
    let mut tags = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let out = client
            .list_tags_of_resource()
            .resource_arn(arn)
            .set_next_token(token.take())
            .send()
            .await
            .aws(&ops::LIST_TAGS_OF_RESOURCE, Some(arn.to_owned()))?;
        tags.extend(out.tags.unwrap_or_default());
        match out.next_token {
            Some(t) if !t.is_empty() => token = Some(t),
            _ => return Ok(tags),
        }
    }
}

fn key_element(key: &KeySpec, kind: KeyType) -> KeySchemaElement {
    KeySchemaElement::builder()
        .attribute_name(key.name)
        .key_type(kind)
        .build()
        .expect("name and type are set")
}

fn attribute(key: &KeySpec) -> AttributeDefinition {
    AttributeDefinition::builder()
        .attribute_name(key.name)
        .attribute_type(key.kind.clone())
        .build()
        .expect("name and type are set")
}

/// The attribute definitions the spec needs: every key of the table and its indexes, once.
pub(crate) fn attribute_definitions(spec: &TableSpec) -> Vec<AttributeDefinition> {
    let mut keys: Vec<&KeySpec> = vec![&spec.partition_key, &spec.sort_key];
    for g in &spec.gsis {
        keys.push(&g.partition_key);
        keys.push(&g.sort_key);
    }
    let mut seen = std::collections::BTreeSet::new();
    keys.into_iter()
        .filter(|k| seen.insert(k.name))
        .map(attribute)
        .collect()
}

/// CreateTable to spec with the given tags (TTL and PITR need calls of their own afterwards).
pub(crate) async fn create(
    client: &Client,
    name: &str,
    spec: &TableSpec,
    tags: &[(&str, &str)],
) -> Result<TableDescription, AwsError> {
    let gsis: Vec<GlobalSecondaryIndex> = spec
        .gsis
        .iter()
        .map(|g| {
            GlobalSecondaryIndex::builder()
                .index_name(g.name)
                .key_schema(key_element(&g.partition_key, KeyType::Hash))
                .key_schema(key_element(&g.sort_key, KeyType::Range))
                .projection(
                    Projection::builder()
                        .projection_type(g.projection.clone())
                        .build(),
                )
                .build()
                .expect("name and keys are set")
        })
        .collect();
    let tags = tag_list(tags);
    let out = client
        .create_table()
        .table_name(name)
        .key_schema(key_element(&spec.partition_key, KeyType::Hash))
        .key_schema(key_element(&spec.sort_key, KeyType::Range))
        .set_attribute_definitions(Some(attribute_definitions(spec)))
        .set_global_secondary_indexes(Some(gsis))
        .billing_mode(spec.billing.clone())
        .stream_specification(stream_spec(spec.stream_view.clone()))
        .set_tags(Some(tags))
        .send()
        .await
        .aws(&ops::CREATE_TABLE, table_resource(name))?;
    out.table_description.ok_or_else(|| {
        AwsError::local(
            AwsErrorKind::Other,
            "dynamodb",
            "CreateTable",
            table_resource(name),
            "the response had no table description",
        )
    })
}

fn stream_spec(view: StreamViewType) -> StreamSpecification {
    StreamSpecification::builder()
        .stream_enabled(true)
        .stream_view_type(view)
        .build()
        .expect("enabled is set")
}

/// Waits with the SDK waiter until the table is ACTIVE, for at most `max`. The waiter polls every
/// 20-120 s; a restore can take hours on AWS (docs/aws-facts.md §6.3). The emulator is ACTIVE at once, so the
/// long-wait and Ctrl-C paths are not exercised by the tests.
pub(crate) async fn wait_active(
    client: &Client,
    name: &str,
    max: Duration,
) -> Result<TableDescription, AwsError> {
    let waited = client
        .wait_until_table_exists()
        .table_name(name)
        .wait(max)
        .await;
    let wait_error = |message: String| {
        AwsError::local(
            AwsErrorKind::Other,
            "dynamodb",
            "DescribeTable (waiting for ACTIVE)",
            table_resource(name),
            message,
        )
    };
    match waited {
        Ok(poll) => match poll.into_result() {
            Ok(out) => out
                .table
                .ok_or_else(|| wait_error("the response had no table".into())),
            Err(e) => Err(AwsError::from_sdk(
                &e,
                &ops::DESCRIBE_TABLE,
                table_resource(name),
            )),
        },
        Err(WaiterError::ExceededMaxWait(_)) => Err(wait_error(format!(
            "still not ACTIVE after {}; it may still finish on the AWS side",
            crate::times::human(chrono::Duration::from_std(max).unwrap_or_default())
        ))),
        Err(WaiterError::OperationFailed(failed)) => Err(AwsError::from_sdk(
            failed.error(),
            &ops::DESCRIBE_TABLE,
            table_resource(name),
        )),
        Err(other) => Err(wait_error(other.to_string())),
    }
}

/// UpdateTimeToLive: enable TTL on `attribute`. AWS accepts one TTL change per table per hour
/// (ValidationException otherwise, docs/aws-facts.md §5); the emulator does not model that limit, so callers
/// report a failure per setting instead of stopping.
pub(crate) async fn enable_ttl(
    client: &Client,
    name: &str,
    attribute: &str,
) -> Result<(), AwsError> {
    client
        .update_time_to_live()
        .table_name(name)
        .time_to_live_specification(
            TimeToLiveSpecification::builder()
                .enabled(true)
                .attribute_name(attribute)
                .build()
                .expect("enabled and attribute are set"),
        )
        .send()
        .await
        .aws(&ops::UPDATE_TIME_TO_LIVE, table_resource(name))?;
    Ok(())
}

/// How long to wait for continuous backups to become available after a table (or a restore)
/// becomes ACTIVE; UpdateContinuousBackups fails with ContinuousBackupsUnavailableException
/// until then.
pub(crate) const PITR_READY_WAIT: Duration = Duration::from_secs(300);

/// UpdateContinuousBackups: enable PITR with a retention of `days` (1-35). Waits until
/// DescribeContinuousBackups says ContinuousBackupsStatus ENABLED, and retries a transient
/// failure (ContinuousBackupsUnavailableException, throttling) with jittered backoff, all within
/// `within`.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateContinuousBackups.html
pub(crate) async fn enable_pitr(
    client: &Client,
    name: &str,
    days: i32,
    within: Duration,
) -> Result<(), AwsError> {
    let not_ready = |e: &AwsError| e.code.as_deref() == Some(NOT_ENABLED_YET);
    let enabled = retry::call(
        SETTINGS_RETRY.within(within),
        |e| not_ready(e) || e.is_transient(),
        || async {
            let ready = describe_backups(client, name)
                .await?
                .is_some_and(|d| d.continuous_backups_status == ContinuousBackupsStatus::Enabled);
            if !ready {
                return Err(AwsError {
                    code: Some(NOT_ENABLED_YET.into()),
                    ..AwsError::local(
                        AwsErrorKind::Other,
                        ops::DESCRIBE_CONTINUOUS_BACKUPS.service,
                        ops::DESCRIBE_CONTINUOUS_BACKUPS.operation,
                        table_resource(name),
                        "continuous backups are not ENABLED yet",
                    )
                });
            }
            update_pitr(client, name, days).await
        },
    )
    .await;
    match enabled {
        Err(e) if not_ready(&e) || e.is_transient() => Err(AwsError {
            message: format!(
                "{} (still failing after {}; run the command again to finish)",
                e.message,
                crate::times::human(chrono::Duration::from_std(within).unwrap_or_default())
            ),
            ..e
        }),
        other => other,
    }
}

/// The schedule of a setting AWS takes once the table is ready for it (PITR, deletion
/// protection): pauses from 0.5 s growing to 15 s, for as long as the caller allows.
const SETTINGS_RETRY: RetryPolicy = RetryPolicy::new(
    u32::MAX,
    Duration::from_millis(500),
    Duration::from_secs(15),
);

/// The code of [`enable_pitr`]'s own "not yet": ContinuousBackupsStatus is not ENABLED yet.
const NOT_ENABLED_YET: &str = "ContinuousBackupsNotEnabledYet";

async fn update_pitr(client: &Client, name: &str, days: i32) -> Result<(), AwsError> {
    client
        .update_continuous_backups()
        .table_name(name)
        .point_in_time_recovery_specification(
            PointInTimeRecoverySpecification::builder()
                .point_in_time_recovery_enabled(true)
                .recovery_period_in_days(days)
                .build()
                .expect("enabled is set"),
        )
        .send()
        .await
        .aws(&ops::UPDATE_CONTINUOUS_BACKUPS, table_resource(name))?;
    Ok(())
}

/// UpdateTable: enable the stream with `view`.
pub(crate) async fn enable_stream(
    client: &Client,
    name: &str,
    view: StreamViewType,
) -> Result<(), AwsError> {
    client
        .update_table()
        .table_name(name)
        .stream_specification(stream_spec(view))
        .send()
        .await
        .aws(&ops::UPDATE_TABLE, table_resource(name))?;
    Ok(())
}

/// UpdateTable DeletionProtectionEnabled=true (a restore drops it, docs/aws-facts.md §6.4).
/// Right after its stream was enabled the table is UPDATING, and AWS refuses another UpdateTable
/// until it is ACTIVE again (ResourceInUseException): so it waits for ACTIVE first and retries
/// that refusal with jittered backoff, all within `within`. The emulator is ACTIVE at once and
/// never refuses: no test here sees the wait.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html
pub(crate) async fn protect_from_deletion(
    client: &Client,
    name: &str,
    within: Duration,
) -> Result<(), AwsError> {
    let deadline = std::time::Instant::now() + within;
    let in_use = |e: &AwsError| e.code.as_deref() == Some("ResourceInUseException");
    retry::call(
        SETTINGS_RETRY.until(Some(deadline)),
        |e| in_use(e) || e.is_transient(),
        || async {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            wait_active(client, name, left.max(Duration::from_secs(1))).await?;
            client
                .update_table()
                .table_name(name)
                .deletion_protection_enabled(true)
                .send()
                .await
                .aws(&ops::UPDATE_TABLE, table_resource(name))
                .map(|_| ())
        },
    )
    .await
}

/// UpdateTable: the table class (`STANDARD`, `STANDARD_INFREQUENT_ACCESS`), which a restore does
/// not carry over.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-pitr-recovery-table-restore.html
pub(crate) async fn set_table_class(
    client: &Client,
    name: &str,
    class: aws_sdk_dynamodb::types::TableClass,
) -> Result<(), AwsError> {
    client
        .update_table()
        .table_name(name)
        .table_class(class)
        .send()
        .await
        .aws(&ops::UPDATE_TABLE, table_resource(name))?;
    Ok(())
}

/// TagResource.
pub(crate) async fn tag(client: &Client, arn: &str, tags: Vec<Tag>) -> Result<(), AwsError> {
    if tags.is_empty() {
        return Ok(());
    }
    client
        .tag_resource()
        .resource_arn(arn)
        .set_tags(Some(tags))
        .send()
        .await
        .aws(&ops::TAG_RESOURCE, Some(arn.to_owned()))?;
    Ok(())
}

/// Enables Contributor Insights in throttled-keys mode (the cheap always-on one, docs/aws-facts.md §8.1) on
/// the table and each GSI.
pub(crate) async fn enable_contributor_insights(
    client: &Client,
    table: &str,
    gsis: &[String],
) -> Result<Vec<String>, AwsError> {
    let mut done = Vec::new();
    for r in std::iter::once(None).chain(gsis.iter().map(|g| Some(g.as_str()))) {
        client
            .update_contributor_insights()
            .table_name(table)
            .set_index_name(r.map(str::to_owned))
            .contributor_insights_action(ContributorInsightsAction::Enable)
            .contributor_insights_mode(ContributorInsightsMode::ThrottledKeys)
            .send()
            .await
            .aws(&ops::UPDATE_CONTRIBUTOR_INSIGHTS, table_resource(table))?;
        done.push(r.unwrap_or("table").to_owned());
    }
    Ok(done)
}

/// The table's GSI names; the spec's when there is no description to read them from.
pub(crate) fn gsi_names(t: Option<&TableDescription>) -> Vec<String> {
    match t {
        Some(t) => t
            .global_secondary_indexes()
            .iter()
            .filter_map(|g| g.index_name().map(str::to_owned))
            .collect(),
        None => crate::spec::table()
            .gsis
            .iter()
            .map(|g| g.name.to_owned())
            .collect(),
    }
}

/// `key=value` pairs as SDK tags.
pub(crate) fn tag_list(pairs: &[(&str, &str)]) -> Vec<Tag> {
    pairs
        .iter()
        .map(|(k, v)| {
            Tag::builder()
                .key(*k)
                .value(*v)
                .build()
                .expect("key and value are set")
        })
        .collect()
}

/// Does the tag list hold `key=value`?
pub(crate) fn has_tag(tags: &[Tag], key: &str, value: &str) -> bool {
    tags.iter().any(|t| t.key == key && t.value == value)
}
