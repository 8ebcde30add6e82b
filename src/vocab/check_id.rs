//! Every check id a finding can carry, in one typed list.
//!
//! The id is the `check` field of a finding in the JSON envelope (`docs/json.md`) and is listed
//! per command in `docs/runbook-map.md`. `Display` and `Serialize` give the exact string scripts
//! match on (`throttling.table`, `latency.PutItem`, `alarm.events-table-throttles`); code matches
//! on the variants, never on the string.

use std::fmt;

use serde::{Serialize, Serializer};

/// Declares [`CheckId`], its `Display` and [`CheckId::TEMPLATES`] from one list, so the strings
/// and the documented templates cannot drift apart. A variant with a placeholder carries the part
/// after the prefix (a GSI, an operation, a function, an alarm name).
macro_rules! check_ids {
    (
        $(
            $(#[doc = $doc:literal])*
            $variant:ident $( ( $placeholder:literal ) )? => $id:literal,
        )*
    ) => {
        /// The id of one check: what a finding judges.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum CheckId {
            $(
                $(#[doc = $doc])*
                $variant $( (check_ids!(@ty $placeholder)) )?,
            )*
        }

        impl CheckId {
            /// Every id the enum can produce, with `{GSI}`, `{op}`, `{function}`, `{alarm}` or `{role}`
            /// standing for the data a variant carries: the list `docs/runbook-map.md` documents.
            #[cfg(test)]
            pub(crate) const TEMPLATES: &'static [&'static str] = &[
                $( check_ids!(@template $id $(, $placeholder)?), )*
            ];
        }

        impl fmt::Display for CheckId {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $(
                        check_ids!(@pattern $variant, data $(, $placeholder)?) =>
                            check_ids!(@write f, $id, data $(, $placeholder)?),
                    )*
                }
            }
        }
    };
    (@ty $placeholder:literal) => { String };
    (@template $id:literal) => { $id };
    (@template $id:literal, $placeholder:literal) => { concat!($id, $placeholder) };
    (@pattern $variant:ident, $data:ident) => { CheckId::$variant };
    (@pattern $variant:ident, $data:ident, $placeholder:literal) => { CheckId::$variant($data) };
    (@write $f:ident, $id:literal, $data:ident) => { $f.write_str($id) };
    (@write $f:ident, $id:literal, $data:ident, $placeholder:literal) => {
        write!($f, "{}{}", $id, $data)
    };
}

check_ids! {
    // Before any check (docs/evidence.md).
    /// AWS answered at all: the endpoint and region lead somewhere that speaks AWS.
    AwsReachable => "aws.reachable",
    /// The credential chain gave credentials AWS accepts.
    AwsCredentials => "aws.credentials",

    // `table verify` and the monthly health check's table part.
    /// DescribeTable found the table.
    TableExists => "table.exists",
    /// The table is ACTIVE.
    TableStatus => "table.status",
    /// The key schema is the spec's (`user_id` HASH, `timestamp#event_id` RANGE).
    TableKeySchema => "table.key_schema",
    /// One GSI of the spec exists with its keys and projection.
    TableGsi("{GSI}") => "table.gsi.",
    /// The billing mode is the spec's (on-demand).
    TableBilling => "table.billing",
    /// TTL is enabled on the `ttl` attribute.
    TableTtl => "table.ttl",
    /// Point-in-time recovery is enabled.
    TablePitr => "table.pitr",
    /// The PITR recovery period is the spec's 35 days.
    TablePitrRetention => "table.pitr_retention",
    /// The stream is enabled with the spec's view type.
    TableStream => "table.stream",
    /// Encryption at rest is enabled, and with which key.
    TableEncryption => "table.encryption",
    /// Deletion protection is on (off warns only in a production environment).
    TableDeletionProtection => "table.deletion_protection",

    // `diagnose throttling` / `diagnose writes` (Issue 1, alarm 1).
    /// The table is ACTIVE (throttling's view of it).
    ThrottlingTableStatus => "throttling.table_status",
    /// Read/write throttle events on the table itself.
    ThrottlingTable => "throttling.table",
    /// Read/write throttle events on one GSI.
    ThrottlingGsi("{GSI}") => "throttling.gsi.",
    /// ThrottledRequests per operation.
    ThrottlingRequests => "throttling.requests",
    /// Why requests were throttled, from the per-reason metrics.
    ThrottlingCause => "throttling.cause",
    /// SystemErrors: server-side failures, not throttling.
    ThrottlingSystemErrors => "throttling.system_errors",
    /// Consumed capacity against the on-demand or provisioned limits.
    ThrottlingCapacity => "throttling.capacity",
    /// CloudWatch could not be read (only present when it failed).
    ThrottlingMetrics => "throttling.metrics",

    // `diagnose latency` (alarms 2 and 3, performance targets).
    /// SuccessfulRequestLatency percentiles of one operation against its targets.
    Latency("{op}") => "latency.",
    /// The latency metrics could not be read, or came back incomplete.
    LatencyMetrics => "latency.metrics",

    // `diagnose writes --canary`.
    /// A canary write was read back.
    WritesCanary => "writes.canary",

    // `check-ttl` (Issue 2).
    /// DescribeTimeToLive: enabled on `ttl`.
    TtlStatus => "ttl.status",
    /// What the verdicts below rest on: a sample, a full scan, an export, and whether it finished.
    TtlScope => "ttl.scope",
    /// The cost of a full scan, before it is run (`--estimate`).
    TtlEstimate => "ttl.estimate",
    /// The items could not be read, or none were: no item's ttl to judge.
    TtlData => "ttl.data",
    /// Items without a `ttl` attribute: never deleted.
    TtlMissing => "ttl.missing",
    /// Items whose `ttl` is not a Number: never deleted.
    TtlNotNumber => "ttl.not_number",
    /// Items whose `ttl` is in milliseconds: they never expire.
    TtlMilliseconds => "ttl.milliseconds",
    /// Items whose `ttl` is more than five years old: TTL ignores them.
    TtlTooOld => "ttl.too_old",
    /// Items whose `ttl` is beyond their timestamp + 30 days.
    TtlTooFar => "ttl.too_far",
    /// Items expired within the deletion grace: expected, not a fault.
    TtlExpiredRecent => "ttl.expired_recent",
    /// Items expired beyond the grace and still there.
    TtlOverdue => "ttl.overdue",
    /// Events older than the retention still in the table.
    TtlOldEvents => "ttl.old_events",
    /// TimeToLiveDeletedItemCount: TTL deletes at all.
    TtlDeletions => "ttl.deletions",
    /// `--cleanup`: what was deleted, kept or failed.
    TtlCleanup => "ttl.cleanup",
    /// `--repair`: the items whose `ttl` was rewritten, skipped or failed.
    TtlRepair => "ttl.repair",

    // `export start|status|list`.
    /// An export of the same point was found and reused.
    ExportReused => "export.reused",
    /// An export was started.
    ExportStarted => "export.started",
    /// What `export start --dry-run` would do.
    ExportPlan => "export.plan",
    /// The state of one export (crit when FAILED).
    ExportStatus => "export.status",
    /// The table's exports.
    ExportList => "export.list",

    // `stream-status` (Issue 3).
    /// The table has a stream.
    StreamEnabled => "stream.enabled",
    /// The stream is ENABLED with the spec's view type.
    StreamStatus => "stream.status",
    /// The stream's shards: an open one to write to.
    StreamShards => "stream.shards",
    /// The stream's consumers as a whole: none, or the mappings could not be read.
    StreamConsumers => "stream.consumer",
    /// One Lambda event source mapping reading the stream.
    StreamConsumer("{function}") => "stream.consumer.",
    /// How many readers share the stream (at most two per shard).
    StreamReaders => "stream.readers",
    /// IteratorAge could not be read.
    StreamIteratorAges => "stream.iterator_age",
    /// IteratorAge of one consumer: how far behind it reads.
    StreamIteratorAge("{function}") => "stream.iterator_age.",
    /// `--probe`: a canary write seen on the stream.
    StreamProbe => "stream.probe",

    // `hot-partitions` (Issue 4).
    /// The busiest users from the application's logs (Logs Insights).
    HotUsers => "hot.users",
    /// One GSI keyed by user_id too: the dominant user's events make a hot index partition.
    HotGsiRisk("{GSI}") => "hot.gsi_risk.",
    /// Contributor Insights is enabled on the table.
    HotContributorInsights => "hot.contributor_insights",
    /// The most throttled keys (Contributor Insights).
    HotThrottledKeys => "hot.throttled_keys",
    /// The most accessed keys (Contributor Insights).
    HotAccessedKeys => "hot.accessed_keys",
    /// KeyRange throttle events: a hot partition, not the table's capacity.
    HotKeyRange => "hot.key_range",
    /// `--enable-contributor-insights`: what was enabled.
    HotEnable => "hot.enable",
    /// Events per user from an export: one key dominating.
    HotExportKeys => "hot.export_keys",
    /// The export read is whole: its items against its manifest's counts.
    HotExportRead => "hot.export_read",

    // `bench write|read`.
    /// The table can be read before anything is sent.
    BenchPreflight => "bench.preflight",
    /// The achieved rate against the asked one.
    BenchRate => "bench.rate",
    /// The achieved rate against the runbook's sustained-throughput target.
    BenchTargetRate => "bench.target_rate",
    /// Client-side latency percentiles against the targets.
    BenchLatency => "bench.latency",
    /// Throttled and failed requests.
    BenchErrors => "bench.errors",
    /// Client CPU per request: whether the client was the bottleneck.
    BenchCpu => "bench.cpu",

    // `pitr-restore` and `dr-drill` (Disaster Recovery).
    /// The settings a restore drops (TTL, stream, PITR, tags), re-applied.
    RestoreReapply => "restore.reapply",
    /// The restore's own tags (source, restore point) could not be written.
    RestoreTags => "restore.tags",
    /// The restored table is ACTIVE.
    RestoreStatus => "restore.status",
    /// The restored table's key schema is the spec's.
    RestoreKeySchema => "restore.key_schema",
    /// One GSI of the spec exists on the restored table.
    RestoreGsi("{GSI}") => "restore.gsi.",
    /// The restored table's item count against the source's.
    RestoreItemCount => "restore.item_count",
    /// Sampled restored keys are in the source.
    RestoreSample => "restore.sample",
    /// Source events dated before the restore point are in the restored table (lost data: crit).
    RestoreSourceSample => "restore.source_sample",
    /// The verification as a whole.
    RestoreVerify => "restore.verify",
    // `dr cutover`, `dr rollback`, `dr retire` (Disaster Recovery, steps 4 and 5).
    /// The cutover's steps (mapping, variables, old mapping, tag) as recorded.
    DrCutover => "dr.cutover",
    /// The canary: written to the table, read back, seen by each consumer.
    DrCanary => "dr.canary",
    /// The undo of a cutover, step by step (conflicts left alone).
    DrRollback => "dr.rollback",
    /// The original retired: backed up, then deleted.
    DrRetire => "dr.retire",
    /// `dr-drill --dry-run`: what the drill would do.
    DrillPlan => "drill.plan",
    /// The drill could not be run (health check `--restore-test`).
    DrillRun => "drill.run",
    /// Recovery time: start to ACTIVE with settings applied, against the target.
    DrillRto => "drill.rto",
    /// Recovery point: how much before the drill the restored data reaches.
    DrillRpo => "drill.rpo",
    /// The drill table was deleted, kept (`--keep`), or left behind by a failed delete.
    DrillCleanup => "drill.cleanup",
    /// `dr-drill --delete`: a kept drill table deleted.
    DrillDelete => "drill.delete",

    // `health-check monthly`.
    /// Peak consumed capacity over the month.
    CapacityPeak => "capacity.peak",
    /// On-demand against provisioned cost for the month's traffic.
    CapacityCost => "capacity.cost",
    /// The last three months' cost (Cost Explorer, or an estimate at list prices), month over
    /// month, its biggest driver; warn on a jump.
    CostTrend => "cost.trend",
    /// The restorable PITR window: at least a day, latest point recent.
    PitrWindow => "pitr.window",
    /// The alarms could not be described.
    AlarmDescribe => "alarm.describe",
    /// `alarms apply`: alarms left notifying nobody (no `--sns-topic`, no actions of their own).
    AlarmActions => "alarm.actions",
    /// The stream consumer the recommended alarms watch still has an enabled event source
    /// mapping on the table's stream: without one its alarms stay OK while nothing is read.
    AlarmConsumerMapping => "alarm.consumer_mapping",
    /// One alarm (its name without `{prefix}-{env}-`): exists, matches its spec, has actions,
    /// is OK.
    Alarm("{alarm}") => "alarm.",
    /// One alarm replayed over its metrics' history (`alarms backtest`): when it would have
    /// fired, whether it fires every day or would stay silent at the worst.
    AlarmBacktest("{alarm}") => "alarm_backtest.",
    /// `alarms test`: whether a page from the alarm would reach anyone: its actions enabled,
    /// each SNS topic exists with at least one confirmed subscription.
    AlarmPage("{alarm}") => "alarm_page.",
    /// `alarms test`: the alarm was put into ALARM and its history shows the action executed
    /// (or failed).
    AlarmTest("{alarm}") => "alarm_test.",

    // `iam audit` (Monthly 5): the roles that use the table, one id per kind and role.
    /// The Lambda functions that use the table (their variable names it, or an event source
    /// mapping feeds them its stream) and their roles; unknown when none could be found.
    IamFunctions => "iam.functions",
    /// The role's policies could be read (unknown: not judged).
    IamRole("{role}") => "iam.role.",
    /// An Allow statement with NotAction: every action but a few.
    IamNotAction("{role}") => "iam.not_action.",
    /// `*` or a wildcard over DynamoDB actions (`dynamodb:*`, `dynamodb:Get*`).
    IamWildcardAction("{role}") => "iam.wildcard_action.",
    /// DynamoDB actions on more than the events table (`*`, `table/*`, other Regions/accounts).
    IamWildcardResource("{role}") => "iam.wildcard_resource.",
    /// Actions that delete events or tables or remove their protection, on any resource.
    IamDestructive("{role}") => "iam.destructive.",
    /// Other actions on the table the role's kind does not need.
    IamUnneeded("{role}") => "iam.unneeded.",
    /// IAM actions with which the role can grant itself anything.
    IamEscalation("{role}") => "iam.escalation.",
    /// Every permission the role's kind needs is allowed.
    IamNeeded("{role}") => "iam.needed.",
    /// DynamoDB actions granted and unused for 90 days (access advisor).
    IamUnused("{role}") => "iam.unused.",

    // `health-check quarterly`.
    /// One operation's latency percentiles over the quarter.
    QuarterlyLatency("{op}") => "quarterly.latency.",
    /// The quarter's latency could not be read.
    QuarterlyLatencyMetrics => "quarterly.latency",
    /// One GSI's use over the quarter: writes it costs against reads it serves.
    QuarterlyGsi("{GSI}") => "quarterly.gsi.",
    /// The GSIs' consumed capacity could not be read.
    QuarterlyGsiUsage => "quarterly.gsi_usage",
    /// On-demand against provisioned cost for the quarter's traffic.
    QuarterlyCost => "quarterly.cost",
    /// Next quarter's projected monthly units and peak with 95% intervals.
    QuarterlyForecast => "quarterly.forecast",
    /// The quarter's cost on-demand, with auto scaling and with reserved capacity; a clearly
    /// cheaper mode that would not throttle.
    QuarterlyBillingMode => "quarterly.billing_mode",
    /// Standard against Standard-IA for the quarter's storage and throughput.
    QuarterlyTableClass => "quarterly.table_class",
    /// Key distribution from a bounded scan.
    QuarterlyKeys => "quarterly.keys",
    /// Key distribution from an export (instead of `quarterly.keys`).
    QuarterlyExportKeys => "quarterly.export_keys",
    /// Item sizes from an export.
    QuarterlyItemSizes => "quarterly.item_sizes",
    /// The export read is whole: its items against its manifest's counts.
    QuarterlyExportRead => "quarterly.export_read",
    /// Items of an export lacking one GSI's key attributes: never in that index.
    QuarterlyGsiKeys("{GSI}") => "quarterly.gsi_keys.",

    // `changes` and the commands that mention changes.
    /// CloudTrail could be read (and every lookup finished).
    ChangesCloudtrail => "changes.cloudtrail",
    /// The alarms' state history.
    ChangesAlarmHistory => "changes.alarm_history",
    /// Throttle and latency spikes in the window.
    ChangesMetrics => "changes.metrics",
    /// The latest TTL change.
    ChangesTtl => "changes.ttl",
    /// The latest stream change.
    ChangesStream => "changes.stream",
    /// The latest PITR change.
    ChangesPitr => "changes.pitr",
    /// The latest table deletion or restore.
    ChangesTable => "changes.table",
    /// The latest GSI change.
    ChangesIndexes => "changes.indexes",
    /// The latest billing-mode change.
    ChangesBilling => "changes.billing",
    /// The latest alarm change (deleted, actions disabled).
    ChangesAlarms => "changes.alarms",
    /// The latest change of the stream consumer's event source mapping.
    ChangesConsumer => "changes.consumer",

    // Other commands.
    /// `dashboard show`: at least one series has a datapoint.
    DashboardData => "dashboard.data",
    /// `events delete`: the item found, and deleted or not.
    EventsDelete => "events.delete",
}

impl CheckId {
    /// The same check made on a restored table: `table.key_schema` becomes
    /// `restore.key_schema`, `table.gsi.X` becomes `restore.gsi.X`; `None` for a table check a
    /// restore does not report.
    pub(crate) fn on_restored_table(&self) -> Option<CheckId> {
        match self {
            CheckId::TableKeySchema => Some(CheckId::RestoreKeySchema),
            CheckId::TableGsi(g) => Some(CheckId::RestoreGsi(g.clone())),
            _ => None,
        }
    }
}

impl Serialize for CheckId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_json_are_the_documented_strings() {
        let cases = [
            (CheckId::ThrottlingTable, "throttling.table"),
            (
                CheckId::ThrottlingGsi("EventTypeIndex".into()),
                "throttling.gsi.EventTypeIndex",
            ),
            (CheckId::Latency("PutItem".into()), "latency.PutItem"),
            (CheckId::LatencyMetrics, "latency.metrics"),
            (
                CheckId::StreamConsumer("consumer-fn".into()),
                "stream.consumer.consumer-fn",
            ),
            (CheckId::StreamConsumers, "stream.consumer"),
            (
                CheckId::Alarm("events-table-throttles".into()),
                "alarm.events-table-throttles",
            ),
            (CheckId::QuarterlyLatencyMetrics, "quarterly.latency"),
        ];
        for (id, want) in cases {
            assert_eq!(id.to_string(), want);
            assert_eq!(serde_json::to_value(&id).unwrap(), serde_json::json!(want));
        }
    }

    #[test]
    fn a_restore_reports_the_key_schema_and_gsis_under_its_own_ids() {
        assert_eq!(
            CheckId::TableKeySchema.on_restored_table(),
            Some(CheckId::RestoreKeySchema)
        );
        assert_eq!(
            CheckId::TableGsi("StatusIndex".into()).on_restored_table(),
            Some(CheckId::RestoreGsi("StatusIndex".into()))
        );
        assert_eq!(CheckId::TableTtl.on_restored_table(), None);
    }

    #[test]
    fn templates_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for t in CheckId::TEMPLATES {
            assert!(seen.insert(t), "{t} twice");
        }
    }

    /// docs/runbook-map.md lists every finding per command: every id the enum can produce must be
    /// there, so code and docs cannot drift.
    #[test]
    fn every_check_id_is_documented_in_the_runbook_map() {
        let map = include_str!("../../docs/runbook-map.md");
        let missing: Vec<&str> = CheckId::TEMPLATES
            .iter()
            .copied()
            .filter(|t| !map.contains(&format!("`{t}`")))
            .collect();
        assert!(
            missing.is_empty(),
            "not in docs/runbook-map.md: {missing:?}"
        );
    }

    /// `alarm.{alarm}` carries a name: every alarm eventsctl manages (the runbook's, per GSI,
    /// and the recommended ones) is documented by its check id.
    #[test]
    fn every_alarm_check_id_is_documented_in_the_runbook_map() {
        use crate::spec::Names;
        use crate::spec::alarms::{alarms, recommended};
        let map = include_str!("../../docs/runbook-map.md");
        let names = Names::derive("zapier-triggers-api", "dev", None);
        let prefix = "zapier-triggers-api-dev-";
        let specs = alarms(&names, &["{GSI}"]).into_iter().chain(recommended(
            &names,
            Some("consumer-fn"),
            5.0,
        ));
        let missing: Vec<String> = specs
            .map(|spec| crate::checks::alarms::check_name(&spec, prefix).to_string())
            .filter(|id| !map.contains(&format!("`{id}`")))
            .collect();
        assert!(
            missing.is_empty(),
            "not in docs/runbook-map.md: {missing:?}"
        );
    }
}
