//! `table verify`: the live table against the runbook's Architecture Summary.

use crate::report::CheckId;
use aws_sdk_dynamodb::types::{
    BillingMode, ContinuousBackupsDescription, KeySchemaElement, KeyType,
    PointInTimeRecoveryStatus, ProjectionType, SseStatus, StreamViewType, TableDescription,
    TableStatus, TimeToLiveDescription, TimeToLiveStatus,
};

use crate::checks::evidence::unreadable_remedy;

use crate::aws::AwsError;
use crate::aws::table as ddb;
use crate::report::Finding;
use crate::spec::Names;
use crate::spec::{KeySpec, TableSpec};

const RB_SCHEMA: &str = "Architecture Summary: Schema";
const RB_CONFIG: &str = "Architecture Summary: Configuration";

/// What AWS said about a table; each part may have failed on its own.
#[derive(Debug)]
pub(crate) struct TableFacts {
    pub name: String,
    pub production: bool,
    pub table: Result<Option<TableDescription>, AwsError>,
    pub ttl: Result<Option<TimeToLiveDescription>, AwsError>,
    pub backups: Result<Option<ContinuousBackupsDescription>, AwsError>,
}

/// DescribeTable, DescribeTimeToLive and DescribeContinuousBackups, concurrently.
pub async fn gather(client: &aws_sdk_dynamodb::Client, names: &Names, name: &str) -> TableFacts {
    let (table, ttl, backups) = tokio::join!(
        ddb::describe(client, name),
        ddb::describe_ttl(client, name),
        ddb::describe_backups(client, name),
    );
    TableFacts {
        name: name.to_owned(),
        production: names.is_production(),
        table,
        ttl,
        backups,
    }
}

crate::evidence! {
    /// `table.exists`: the table DescribeTable did not find.
    pub(crate) struct TableNamed<'a> { table: &'a str }
    /// `table.status`
    struct TableStatusEvidence { table_status: String }
    /// `table.key_schema`
    struct KeySchemaEvidence { expected: String, actual: String }
    /// `table.gsi.*`: the index is missing.
    struct IndexesPresent<'a> { present: Vec<&'a str> }
    /// `table.gsi.*`
    struct GsiEvidence<'a> {
        expected_keys: String,
        actual_keys: String,
        projection: String,
        expected_projection: &'a str,
        index_status: String,
        backfilling: Option<bool>,
    }
    /// `table.billing`
    struct BillingEvidence<'a> {
        billing_mode: &'a str,
        on_demand_throughput: Option<OnDemandMax>,
    }
    struct OnDemandMax {
        max_read_request_units: Option<i64>,
        max_write_request_units: Option<i64>,
    }
    /// `table.ttl`
    struct TtlSetting<'a> {
        status: Option<&'a str>,
        attribute: Option<&'a str>,
        expected_attribute: &'a str,
    }
    /// `table.pitr`, `table.pitr_retention`
    struct PitrEvidence<'a> {
        status: Option<&'a str>,
        recovery_period_in_days: Option<i32>,
        earliest_restorable: Option<String>,
        latest_restorable: Option<String>,
    }
    /// `table.stream`, `stream.enabled`
    struct StreamSetting<'a> {
        enabled: bool,
        view_type: Option<&'a str>,
        latest_stream_arn: Option<&'a str>,
    }
    /// `table.encryption`
    struct EncryptionEvidence<'a> {
        status: Option<&'a str>,
        sse_type: Option<String>,
        kms_key: Option<&'a str>,
    }
    /// `table.deletion_protection`
    struct DeletionProtection { enabled: bool, production_env: bool }
}

/// `table.exists` when DescribeTable said the table does not exist: every other check of the
/// table stands on this one.
pub(crate) fn missing(name: &str, production: bool) -> Finding {
    Finding::crit(CheckId::TableExists, format!("table {name} does not exist"))
        .evidence(TableNamed { table: name })
        .remedy(if production {
            "check --env/--table; restore it (eventsctl pitr-restore) or re-apply its Terraform"
        } else {
            "check --env/--table; create it: eventsctl table create (dev/test) or apply its Terraform"
        })
        .runbook(RB_SCHEMA)
}

/// One finding per setting of the spec.
pub fn evaluate(facts: &TableFacts, spec: &TableSpec) -> Vec<Finding> {
    let table = match &facts.table {
        Err(e) => {
            return vec![
                Finding::unknown(
                    CheckId::TableExists,
                    format!("could not describe the table: {e}"),
                )
                .remedy(unreadable_remedy(
                    e,
                    "check the region and the dynamodb:DescribeTable permission (eventsctl iam-policy table verify)",
                ))
                .runbook(RB_SCHEMA),
            ];
        }
        Ok(None) => return vec![missing(&facts.name, facts.production)],
        Ok(Some(t)) => t,
    };
    let mut findings = vec![status(table), key_schema(table, spec)];
    findings.extend(spec.gsis.iter().map(|g| gsi(table, spec, g)));
    findings.push(billing(table));
    findings.push(ttl(&facts.ttl, spec));
    findings.extend(pitr(&facts.backups, spec));
    findings.push(stream(CheckId::TableStream, table, spec));
    findings.push(encryption(table));
    findings.push(deletion_protection(table, facts.production));
    findings
}

fn status(t: &TableDescription) -> Finding {
    let s = t.table_status.clone();
    let text = s
        .as_ref()
        .map(|s| s.as_str().to_owned())
        .unwrap_or_else(|| "unknown".into());
    let evidence = TableStatusEvidence {
        table_status: text.clone(),
    };
    match s {
        Some(TableStatus::Active) => Finding::ok(CheckId::TableStatus, "ACTIVE"),
        Some(TableStatus::Creating) | Some(TableStatus::Updating) => Finding::warn(
            CheckId::TableStatus,
            format!("{text}: changes are being applied"),
        ),
        _ => Finding::crit(CheckId::TableStatus, format!("table is {text}, not ACTIVE"))
            .remedy("check the table in the console; writes fail unless it is ACTIVE"),
    }
    .evidence(evidence)
    .runbook("Issue 1, resolution step 1")
}

fn key_of(schema: &[KeySchemaElement], kind: KeyType) -> Option<&str> {
    schema
        .iter()
        .find(|k| k.key_type == kind)
        .map(|k| k.attribute_name.as_str())
}

fn attr_type(t: &TableDescription, name: &str) -> Option<String> {
    t.attribute_definitions()
        .iter()
        .find(|a| a.attribute_name == name)
        .map(|a| a.attribute_type.as_str().to_owned())
}

/// `user_id (S)`: a key as the spec has it, and as the table has it.
fn describe_key(t: &TableDescription, name: Option<&str>) -> String {
    match name {
        None => "none".into(),
        Some(n) => format!("{n} ({})", attr_type(t, n).unwrap_or_else(|| "?".into())),
    }
}

fn expected_key(k: &KeySpec) -> String {
    format!("{} ({})", k.name, k.kind.as_str())
}

fn keys_match(
    t: &TableDescription,
    schema: &[KeySchemaElement],
    pk: &KeySpec,
    sk: &KeySpec,
) -> (bool, String, String) {
    let have = format!(
        "{} + {}",
        describe_key(t, key_of(schema, KeyType::Hash)),
        describe_key(t, key_of(schema, KeyType::Range))
    );
    let want = format!("{} + {}", expected_key(pk), expected_key(sk));
    (have == want, have, want)
}

/// The table's own keys against the spec: `Ok(keys)`, or `Err("keys are X, the spec says Y")`.
pub(crate) fn base_keys(t: &TableDescription, spec: &TableSpec) -> Result<String, String> {
    let (ok, have, want) = keys_match(t, t.key_schema(), &spec.partition_key, &spec.sort_key);
    if ok {
        Ok(have)
    } else {
        Err(format!("keys are {have}, the spec says {want}"))
    }
}

fn key_schema(t: &TableDescription, spec: &TableSpec) -> Finding {
    let (ok, have, want) = keys_match(t, t.key_schema(), &spec.partition_key, &spec.sort_key);
    let evidence = KeySchemaEvidence {
        expected: want.clone(),
        actual: have.clone(),
    };
    if ok {
        Finding::ok(CheckId::TableKeySchema, have)
    } else {
        Finding::crit(
            CheckId::TableKeySchema,
            format!("keys are {have}, the spec says {want}"),
        )
        .remedy("key schemas cannot change in place: create a table to spec and migrate the data")
    }
    .evidence(evidence)
    .runbook(RB_SCHEMA)
}

fn gsi(t: &TableDescription, spec: &TableSpec, g: &crate::spec::GsiSpec) -> Finding {
    let check = CheckId::TableGsi(g.name.to_string());
    let Some(index) = t
        .global_secondary_indexes()
        .iter()
        .find(|i| i.index_name() == Some(g.name))
    else {
        let present: Vec<&str> = t
            .global_secondary_indexes()
            .iter()
            .filter_map(|i| i.index_name())
            .collect();
        return Finding::crit(check, format!("index {} is missing", g.name))
            .evidence(IndexesPresent { present })
            .remedy(format!(
                "add {} ({} + {}, projection ALL) in the table's Terraform; queries by {} fail without it",
                g.name,
                g.partition_key.name,
                g.sort_key.name,
                if g.name == crate::spec::EVENT_TYPE_INDEX { "type" } else { "status" }
            ))
            .runbook(g.runbook);
    };
    let _ = spec;
    let (keys_ok, have, want) = keys_match(t, index.key_schema(), &g.partition_key, &g.sort_key);
    let projection = index
        .projection()
        .and_then(|p| p.projection_type())
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "?".into());
    let status = index
        .index_status()
        .map(|s| s.as_str().to_owned())
        .unwrap_or_else(|| "?".into());
    let evidence = GsiEvidence {
        expected_keys: want.clone(),
        actual_keys: have.clone(),
        projection: projection.clone(),
        expected_projection: g.projection.as_str(),
        index_status: status.clone(),
        backfilling: index.backfilling(),
    };
    let finding = if !keys_ok {
        Finding::crit(check, format!("keys are {have}, the spec says {want}"))
            .remedy("index keys cannot change: add a new index to spec, then drop this one")
    } else if index.projection().and_then(|p| p.projection_type()) != Some(&g.projection)
        && g.projection == ProjectionType::All
    {
        Finding::warn(
            check,
            format!("projection is {projection}, not ALL: queries on it return partial events"),
        )
        .remedy(
            "project ALL attributes (runbook: verify GSI projections include required attributes)",
        )
    } else if status != "ACTIVE" || index.backfilling() == Some(true) {
        Finding::warn(check, format!("{have}, but the index is {status}"))
    } else {
        Finding::ok(check, format!("{have}, projection {projection}"))
    };
    finding.evidence(evidence).runbook(g.runbook)
}

fn billing(t: &TableDescription) -> Finding {
    let mode = t
        .billing_mode_summary()
        .and_then(|b| b.billing_mode())
        .cloned()
        // A table created PROVISIONED before billing modes existed has no summary.
        .unwrap_or(BillingMode::Provisioned);
    let max = t.on_demand_throughput().map(|o| OnDemandMax {
        max_read_request_units: o.max_read_request_units(),
        max_write_request_units: o.max_write_request_units(),
    });
    let mode_text = mode.as_str().to_owned();
    let evidence = BillingEvidence {
        billing_mode: &mode_text,
        on_demand_throughput: max,
    };
    match mode {
        BillingMode::PayPerRequest => {
            let limit = t
                .on_demand_throughput()
                .and_then(|o| o.max_write_request_units())
                .filter(|v| *v > 0)
                .map(|v| format!(", on-demand maximum {v} WRU/s"))
                .unwrap_or_default();
            Finding::ok(CheckId::TableBilling, format!("PAY_PER_REQUEST{limit}"))
        }
        other => Finding::warn(
            CheckId::TableBilling,
            format!("{}: the runbook's table is on-demand", other.as_str()),
        )
        .remedy("switch to PAY_PER_REQUEST in Terraform, or size capacity and auto scaling deliberately"),
    }
    .evidence(evidence)
    .runbook(RB_CONFIG)
}

fn ttl(facts: &Result<Option<TimeToLiveDescription>, AwsError>, spec: &TableSpec) -> Finding {
    let d = match facts {
        Err(e) => {
            return Finding::unknown(CheckId::TableTtl, format!("could not read TTL: {e}"))
                .runbook(RB_CONFIG);
        }
        Ok(None) => {
            return Finding::unknown(CheckId::TableTtl, "no TTL description (table vanished?)")
                .runbook(RB_CONFIG);
        }
        Ok(Some(d)) => d,
    };
    let status = d.time_to_live_status().cloned();
    let attr = d.attribute_name().unwrap_or("");
    let evidence = TtlSetting {
        status: status.as_ref().map(|s| s.as_str()),
        attribute: d.attribute_name(),
        expected_attribute: spec.ttl_attribute,
    };
    let enable = format!(
        "enable TTL on `{}`: aws dynamodb update-time-to-live --table-name <table> --time-to-live-specification Enabled=true,AttributeName={} (one TTL change per hour)",
        spec.ttl_attribute, spec.ttl_attribute
    );
    match status {
        Some(TimeToLiveStatus::Enabled) if attr == spec.ttl_attribute => {
            Finding::ok(CheckId::TableTtl, format!("ENABLED on `{attr}`"))
        }
        Some(TimeToLiveStatus::Enabled) => Finding::crit(
            CheckId::TableTtl,
            format!(
                "ENABLED on `{attr}`, but events carry `{}`: nothing expires",
                spec.ttl_attribute
            ),
        )
        .remedy(enable),
        Some(TimeToLiveStatus::Enabling) | Some(TimeToLiveStatus::Disabling) => Finding::warn(
            CheckId::TableTtl,
            format!(
                "{} on `{attr}` (a TTL change takes up to an hour)",
                status.as_ref().map(|s| s.as_str()).unwrap_or("?")
            ),
        ),
        _ => Finding::crit(
            CheckId::TableTtl,
            "TTL is DISABLED: expired events are never deleted",
        )
        .remedy(format!(
            "turn it back on: `{}` {}",
            crate::spec::TABLE_FIX,
            crate::spec::TABLE_FIX_HOW
        )),
    }
    .evidence(evidence)
    .runbook("Issue 2, resolution step 1")
}

fn pitr(
    facts: &Result<Option<ContinuousBackupsDescription>, AwsError>,
    spec: &TableSpec,
) -> Vec<Finding> {
    let rb = "Disaster Recovery: Point-in-Time Recovery";
    let d = match facts {
        Err(e) => {
            return vec![
                Finding::unknown(CheckId::TablePitr, format!("could not read PITR: {e}"))
                    .runbook(rb),
            ];
        }
        Ok(None) => {
            return vec![
                Finding::unknown(CheckId::TablePitr, "no continuous-backups description")
                    .runbook(rb),
            ];
        }
        Ok(Some(d)) => d,
    };
    let p = d.point_in_time_recovery_description();
    let enabled = p.and_then(|p| p.point_in_time_recovery_status())
        == Some(&PointInTimeRecoveryStatus::Enabled);
    let days = p.and_then(|p| p.recovery_period_in_days());
    let evidence = PitrEvidence {
        status: p
            .and_then(|p| p.point_in_time_recovery_status())
            .map(|s| s.as_str()),
        recovery_period_in_days: days,
        earliest_restorable: p
            .and_then(|p| p.earliest_restorable_date_time())
            .map(|t| t.to_string()),
        latest_restorable: p
            .and_then(|p| p.latest_restorable_date_time())
            .map(|t| t.to_string()),
    };
    if !enabled {
        return vec![
            Finding::crit(
                CheckId::TablePitr,
                "point-in-time recovery is DISABLED: no restore is possible",
            )
            .evidence(evidence)
            .remedy(format!(
                "turn it back on ({}): `{}` {}",
                crate::vocab::words::signed(spec.pitr_days, "day", "days"),
                crate::spec::TABLE_FIX,
                crate::spec::TABLE_FIX_HOW
            ))
            .runbook(rb),
        ];
    }
    let retention = match days {
        // AWS added RecoveryPeriodInDays in January 2025; older answers (and emulators) omit
        // it, and then the retention is the default, 35 days.
        None => Finding::ok(
            CheckId::TablePitrRetention,
            format!(
                "{} (not reported; AWS default)",
                crate::vocab::words::signed(spec.pitr_days, "day", "days")
            ),
        ),
        Some(d) if d >= spec.pitr_days => Finding::ok(
            CheckId::TablePitrRetention,
            crate::vocab::words::signed(d, "day", "days"),
        ),
        Some(d) => Finding::warn(
            CheckId::TablePitrRetention,
            format!(
                "{}, the runbook plans for {}: restores older than {} are impossible",
                crate::vocab::words::signed(d, "day", "days"),
                spec.pitr_days,
                crate::vocab::words::signed(d, "day", "days")
            ),
        )
        .remedy(format!(
            "set RecoveryPeriodInDays={} (1-35 is configurable)",
            spec.pitr_days
        )),
    };
    vec![
        Finding::ok(CheckId::TablePitr, "ENABLED")
            .evidence(evidence.clone())
            .runbook(rb),
        retention.evidence(evidence).runbook(rb),
    ]
}

/// The stream's finding under `check`: `table.stream` here, `stream.enabled` in stream-status.
pub(crate) fn stream(check: CheckId, t: &TableDescription, spec: &TableSpec) -> Finding {
    let s = t.stream_specification();
    let enabled = s.map(|s| s.stream_enabled()).unwrap_or(false);
    let view = s.and_then(|s| s.stream_view_type()).cloned();
    let view_type = view.as_ref().map(|v| v.as_str().to_owned());
    let evidence = StreamSetting {
        enabled,
        view_type: view_type.as_deref(),
        latest_stream_arn: t.latest_stream_arn(),
    };
    let enable = format!(
        "enable the stream with {}: aws dynamodb update-table --table-name <table> --stream-specification StreamEnabled=true,StreamViewType={} (the ARN changes; update the consumer's event source mapping)",
        spec.stream_view.as_str(),
        spec.stream_view.as_str()
    );
    let rb = "Issue 3, resolution steps 1-2";
    match (enabled, view) {
        (false, _) => Finding::crit(
            check,
            "the stream is disabled: downstream processors get nothing",
        )
        .remedy(enable),
        (true, Some(v)) if v == spec.stream_view => {
            Finding::ok(check, format!("enabled, {}", v.as_str()))
        }
        (true, Some(StreamViewType::NewAndOldImages)) => Finding::warn(
            check,
            "enabled with NEW_AND_OLD_IMAGES: records carry more than the runbook's NEW_IMAGE",
        ),
        (true, v) => Finding::crit(
            check,
            format!(
                "enabled with {}: records carry no new image for consumers",
                v.as_ref().map(|v| v.as_str()).unwrap_or("no view type")
            ),
        )
        .remedy(enable),
    }
    .evidence(evidence)
    .runbook(rb)
}

fn encryption(t: &TableDescription) -> Finding {
    let sse = t.sse_description();
    let status = sse.and_then(|s| s.status()).cloned();
    let kind = sse
        .and_then(|s| s.sse_type())
        .map(|k| k.as_str().to_owned());
    let status_text = status.as_ref().map(|s| s.as_str().to_owned());
    let evidence = EncryptionEvidence {
        status: status_text.as_deref(),
        sse_type: kind.clone(),
        kms_key: sse.and_then(|s| s.kms_master_key_arn()),
    };
    let rb = RB_CONFIG;
    match status {
        // No SSEDescription: the AWS owned key, DynamoDB's default; data is encrypted at rest.
        None | Some(SseStatus::Disabled) => Finding::ok(
            CheckId::TableEncryption,
            "encrypted at rest with the AWS owned key (default)",
        ),
        Some(SseStatus::Enabled) => Finding::ok(
            CheckId::TableEncryption,
            format!(
                "encrypted at rest with {}",
                kind.unwrap_or_else(|| "KMS".into())
            ),
        ),
        Some(other) => Finding::warn(
            CheckId::TableEncryption,
            format!("encryption is {}", other.as_str()),
        )
        .remedy("check the KMS key: an inaccessible key makes the table inaccessible"),
    }
    .evidence(evidence)
    .runbook(rb)
}

fn deletion_protection(t: &TableDescription, production: bool) -> Finding {
    let on = t.deletion_protection_enabled() == Some(true);
    let evidence = DeletionProtection {
        enabled: on,
        production_env: production,
    };
    match (on, production) {
        (true, _) => Finding::ok(CheckId::TableDeletionProtection, "on"),
        (false, false) => Finding::ok(
            CheckId::TableDeletionProtection,
            "off (fine outside production)",
        ),
        (false, true) => Finding::warn(
            CheckId::TableDeletionProtection,
            "off in a production environment: one delete-table call loses the table",
        )
        .remedy("aws dynamodb update-table --table-name <table> --deletion-protection-enabled"),
    }
    .evidence(evidence)
    .runbook(RB_CONFIG)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Status;
    use crate::spec;
    use aws_sdk_dynamodb::types::{
        AttributeDefinition, BillingModeSummary, GlobalSecondaryIndexDescription, IndexStatus,
        PointInTimeRecoveryDescription, Projection, ScalarAttributeType, StreamSpecification,
    };

    fn key(name: &str, kind: KeyType) -> KeySchemaElement {
        KeySchemaElement::builder()
            .attribute_name(name)
            .key_type(kind)
            .build()
            .unwrap()
    }

    fn attr(name: &str, kind: ScalarAttributeType) -> AttributeDefinition {
        AttributeDefinition::builder()
            .attribute_name(name)
            .attribute_type(kind)
            .build()
            .unwrap()
    }

    fn index(name: &str, sk: &str) -> GlobalSecondaryIndexDescription {
        GlobalSecondaryIndexDescription::builder()
            .index_name(name)
            .key_schema(key(spec::PARTITION_KEY, KeyType::Hash))
            .key_schema(key(sk, KeyType::Range))
            .projection(
                Projection::builder()
                    .projection_type(ProjectionType::All)
                    .build(),
            )
            .index_status(IndexStatus::Active)
            .build()
    }

    fn good_table() -> TableDescription {
        TableDescription::builder()
            .table_name("t")
            .table_status(TableStatus::Active)
            .key_schema(key(spec::PARTITION_KEY, KeyType::Hash))
            .key_schema(key(spec::SORT_KEY, KeyType::Range))
            .attribute_definitions(attr(spec::PARTITION_KEY, ScalarAttributeType::S))
            .attribute_definitions(attr(spec::SORT_KEY, ScalarAttributeType::S))
            .attribute_definitions(attr(spec::TYPE_SORT_KEY, ScalarAttributeType::S))
            .attribute_definitions(attr(spec::STATUS_SORT_KEY, ScalarAttributeType::S))
            .global_secondary_indexes(index(spec::EVENT_TYPE_INDEX, spec::TYPE_SORT_KEY))
            .global_secondary_indexes(index(spec::STATUS_INDEX, spec::STATUS_SORT_KEY))
            .billing_mode_summary(
                BillingModeSummary::builder()
                    .billing_mode(BillingMode::PayPerRequest)
                    .build(),
            )
            .stream_specification(
                StreamSpecification::builder()
                    .stream_enabled(true)
                    .stream_view_type(StreamViewType::NewImage)
                    .build()
                    .unwrap(),
            )
            .build()
    }

    /// A missing credential is a log-in problem, not a permission to check: the remedy of
    /// `table.exists` follows the one classification of the error (checks/evidence.rs).
    #[test]
    fn an_undescribed_table_is_remedied_by_its_cause() {
        use crate::aws::AwsErrorKind;
        let remedy = |kind, code: Option<&str>| {
            let facts = TableFacts {
                name: "t".into(),
                production: false,
                table: Err(AwsError {
                    code: code.map(str::to_owned),
                    ..AwsError::local(kind, "dynamodb", "DescribeTable", None, "refused")
                }),
                ttl: Ok(None),
                backups: Ok(None),
            };
            let f = evaluate(&facts, &spec::table());
            assert_eq!(f[0].check, CheckId::TableExists);
            f[0].remedy.clone().unwrap()
        };
        let no_login = remedy(AwsErrorKind::Credentials, None);
        assert!(no_login.starts_with("log in"), "{no_login}");
        assert!(!no_login.contains("permission"), "{no_login}");
        let denied = remedy(AwsErrorKind::AccessDenied, Some("AccessDeniedException"));
        assert!(
            denied.contains("dynamodb:DescribeTable permission"),
            "{denied}"
        );
        let throttled = remedy(AwsErrorKind::Throttled, None);
        assert!(throttled.contains("run again"), "{throttled}");
    }

    fn facts(table: TableDescription) -> TableFacts {
        TableFacts {
            name: "t".into(),
            production: false,
            table: Ok(Some(table)),
            ttl: Ok(Some(
                TimeToLiveDescription::builder()
                    .time_to_live_status(TimeToLiveStatus::Enabled)
                    .attribute_name("ttl")
                    .build(),
            )),
            backups: Ok(Some(
                ContinuousBackupsDescription::builder()
                    .continuous_backups_status(
                        aws_sdk_dynamodb::types::ContinuousBackupsStatus::Enabled,
                    )
                    .point_in_time_recovery_description(
                        PointInTimeRecoveryDescription::builder()
                            .point_in_time_recovery_status(PointInTimeRecoveryStatus::Enabled)
                            .recovery_period_in_days(35)
                            .build(),
                    )
                    .build()
                    .unwrap(),
            )),
        }
    }

    fn status_of(findings: &[Finding], check: CheckId) -> Status {
        findings
            .iter()
            .find(|f| f.check == check)
            .unwrap_or_else(|| panic!("no finding {check}: {findings:?}"))
            .status
    }

    #[test]
    fn table_to_spec_is_all_ok() {
        let findings = evaluate(&facts(good_table()), &spec::table());
        for f in &findings {
            assert_eq!(f.status, Status::Ok, "{f:?}");
        }
        assert_eq!(findings.len(), 11);
    }

    #[test]
    fn drifts_are_named() {
        let spec = spec::table();
        // (mutation, check, expected status)
        type Mutate = fn(&mut TableFacts);
        let cases: Vec<(Mutate, CheckId, Status)> = vec![
            (
                |f| {
                    f.ttl = Ok(Some(
                        TimeToLiveDescription::builder()
                            .time_to_live_status(TimeToLiveStatus::Disabled)
                            .build(),
                    ))
                },
                CheckId::TableTtl,
                Status::Crit,
            ),
            (
                |f| {
                    f.ttl = Ok(Some(
                        TimeToLiveDescription::builder()
                            .time_to_live_status(TimeToLiveStatus::Enabled)
                            .attribute_name("expires")
                            .build(),
                    ))
                },
                CheckId::TableTtl,
                Status::Crit,
            ),
            (
                |f| {
                    f.ttl = Ok(Some(
                        TimeToLiveDescription::builder()
                            .time_to_live_status(TimeToLiveStatus::Enabling)
                            .attribute_name("ttl")
                            .build(),
                    ))
                },
                CheckId::TableTtl,
                Status::Warn,
            ),
            (
                |f| {
                    let t = f.table.as_mut().unwrap().as_mut().unwrap();
                    t.stream_specification = None;
                },
                CheckId::TableStream,
                Status::Crit,
            ),
            (
                |f| {
                    let t = f.table.as_mut().unwrap().as_mut().unwrap();
                    t.stream_specification = Some(
                        StreamSpecification::builder()
                            .stream_enabled(true)
                            .stream_view_type(StreamViewType::KeysOnly)
                            .build()
                            .unwrap(),
                    );
                },
                CheckId::TableStream,
                Status::Crit,
            ),
            (
                |f| {
                    let t = f.table.as_mut().unwrap().as_mut().unwrap();
                    t.global_secondary_indexes
                        .as_mut()
                        .unwrap()
                        .retain(|i| i.index_name() != Some(spec::STATUS_INDEX));
                },
                CheckId::TableGsi("StatusIndex".into()),
                Status::Crit,
            ),
            (
                |f| {
                    let t = f.table.as_mut().unwrap().as_mut().unwrap();
                    for a in t.attribute_definitions.as_mut().unwrap() {
                        if a.attribute_name == spec::SORT_KEY {
                            a.attribute_type = ScalarAttributeType::N;
                        }
                    }
                },
                CheckId::TableKeySchema,
                Status::Crit,
            ),
            (
                |f| {
                    let t = f.table.as_mut().unwrap().as_mut().unwrap();
                    t.billing_mode_summary = Some(
                        BillingModeSummary::builder()
                            .billing_mode(BillingMode::Provisioned)
                            .build(),
                    );
                },
                CheckId::TableBilling,
                Status::Warn,
            ),
            (
                |f| {
                    f.backups = Ok(Some(
                        ContinuousBackupsDescription::builder()
                            .continuous_backups_status(
                                aws_sdk_dynamodb::types::ContinuousBackupsStatus::Enabled,
                            )
                            .point_in_time_recovery_description(
                                PointInTimeRecoveryDescription::builder()
                                    .point_in_time_recovery_status(
                                        PointInTimeRecoveryStatus::Disabled,
                                    )
                                    .build(),
                            )
                            .build()
                            .unwrap(),
                    ));
                },
                CheckId::TablePitr,
                Status::Crit,
            ),
            (
                |f| {
                    f.backups = Ok(Some(
                        ContinuousBackupsDescription::builder()
                            .continuous_backups_status(
                                aws_sdk_dynamodb::types::ContinuousBackupsStatus::Enabled,
                            )
                            .point_in_time_recovery_description(
                                PointInTimeRecoveryDescription::builder()
                                    .point_in_time_recovery_status(
                                        PointInTimeRecoveryStatus::Enabled,
                                    )
                                    .recovery_period_in_days(7)
                                    .build(),
                            )
                            .build()
                            .unwrap(),
                    ));
                },
                CheckId::TablePitrRetention,
                Status::Warn,
            ),
            (
                |f| f.production = true,
                CheckId::TableDeletionProtection,
                Status::Warn,
            ),
        ];
        for (i, (mutate, check, want)) in cases.into_iter().enumerate() {
            let mut f = facts(good_table());
            mutate(&mut f);
            let findings = evaluate(&f, &spec);
            assert_eq!(
                status_of(&findings, check.clone()),
                want,
                "case {i}: {check}"
            );
            // Only the mutated setting changes.
            for other in findings.iter().filter(|x| {
                x.check != check
                    && !(check == CheckId::TablePitr && x.check == CheckId::TablePitrRetention)
            }) {
                assert_eq!(other.status, Status::Ok, "case {i}: {other:?}");
            }
        }
    }

    #[test]
    fn missing_table_is_crit_and_unreadable_is_unknown() {
        let mut f = facts(good_table());
        f.table = Ok(None);
        let findings = evaluate(&f, &spec::table());
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].status, Status::Crit);

        f.table = Err(AwsError {
            kind: crate::aws::AwsErrorKind::AccessDenied,
            service: "dynamodb",
            operation: "DescribeTable",
            resource: None,
            code: None,
            message: "denied".into(),
        });
        let findings = evaluate(&f, &spec::table());
        assert_eq!(findings[0].status, Status::Unknown);
    }

    /// docs/evidence.md, `table.*`: a call that failed is unknown and names the call.
    #[test]
    fn table_settings_without_evidence() {
        use crate::checks::expect;
        let denied = |op: &'static str| {
            AwsError::local(
                crate::aws::AwsErrorKind::AccessDenied,
                "dynamodb",
                op,
                None,
                "denied",
            )
        };
        let mut f = facts(good_table());
        f.ttl = Err(denied("DescribeTimeToLive"));
        f.backups = Err(denied("DescribeContinuousBackups"));
        let out = evaluate(&f, &spec::table());
        expect(&out, "table.ttl", Status::Unknown, "DescribeTimeToLive");
        expect(
            &out,
            "table.pitr",
            Status::Unknown,
            "could not read PITR: AccessDenied on dynamodb:DescribeContinuousBackups",
        );
        // No retention claimed from an unreadable description.
        assert!(
            out.iter().all(|x| x.check != CheckId::TablePitrRetention),
            "{out:?}"
        );
        expect(&out, "table.status", Status::Ok, "ACTIVE");

        f.table = Err(denied("DescribeTable"));
        let out = evaluate(&f, &spec::table());
        assert_eq!(out.len(), 1, "{out:?}");
        expect(
            &out,
            "table.exists",
            Status::Unknown,
            "could not describe the table: AccessDenied on dynamodb:DescribeTable",
        );
        f.table = Ok(None);
        expect(
            &evaluate(&f, &spec::table()),
            "table.exists",
            Status::Crit,
            "does not exist",
        );
    }
}
