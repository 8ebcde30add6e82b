//! The runbook as data: the table, its indexes, TTL, PITR, streams, resource names.
//!
//! Everything that compares AWS with "how it should be" reads from here, so the runbook's numbers
//! live in one place. Where `docs/aws-facts.md` corrects the runbook, the corrected value is the
//! one used, and the correction is kept next to it.

use aws_sdk_dynamodb::types::{BillingMode, ProjectionType, ScalarAttributeType, StreamViewType};

use crate::report::Correction;

pub(crate) mod alarms;
pub(crate) mod dashboard;
pub mod iam;
pub(crate) mod insights;
pub mod production;
pub(crate) mod targets;

/// Partition key of the base table and of both GSIs.
pub(crate) const PARTITION_KEY: &str = "user_id";
/// Sort key of the base table: `{timestamp}#{event_id}`.
pub(crate) const SORT_KEY: &str = "timestamp#event_id";
/// Sort key of `EventTypeIndex`: `{event_type}#{timestamp}`.
pub(crate) const TYPE_SORT_KEY: &str = "event_type#timestamp";
/// Sort key of `StatusIndex`: `{status}#{timestamp}`.
pub(crate) const STATUS_SORT_KEY: &str = "status#timestamp";
pub(crate) const EVENT_TYPE_INDEX: &str = "EventTypeIndex";
pub(crate) const STATUS_INDEX: &str = "StatusIndex";

/// TTL attribute (epoch seconds, a Number) and the runbook's 30-day expiration.
pub(crate) const TTL_ATTRIBUTE: &str = "ttl";
pub(crate) const TTL_DAYS: i64 = 30;
/// A Number `ttl` more than this many seconds in the past (five years) is never deleted by TTL:
/// such an item is not expired, it is kept (docs/aws-facts.md §5.3).
pub(crate) const TTL_IGNORED_AGE_S: i64 = 5 * 365 * 86_400;
/// PITR retention the runbook asks for; AWS allows 1–35 days since January 2025 (docs/aws-facts.md §6.1).
pub(crate) const PITR_DAYS: i32 = 35;
/// The command that puts TTL and PITR back on where someone switched them off, on any table
/// (production with `--yes`): every remedy for TTL or PITR switched off names it the same way.
pub(crate) const TABLE_FIX: &str = "eventsctl table fix";
/// What the remedies add after [`TABLE_FIX`].
pub(crate) const TABLE_FIX_HOW: &str =
    "(--yes on production; --dry-run shows it first; AWS takes one TTL change an hour)";
/// The maximum item size: 400 KB, not the runbook's "1MB" (docs/aws-facts.md §4.1).
pub(crate) const MAX_ITEM_BYTES: usize = 400 * 1024;
/// The tag every table this tool creates carries.
pub(crate) const MANAGED_TAG: (&str, &str) = ("managed-by", "eventsctl");
/// The extra tag a `dr-drill` table carries; only tables with it are ever deleted.
pub(crate) const DRILL_TAG: (&str, &str) = ("eventsctl-drill", "true");
/// Tags a restore by this tool writes on the table it creates: the source table's name and the
/// point it was restored to (RFC 3339). Only a table with them can be picked up with `--resume`.
pub(crate) const RESTORE_SOURCE_TAG: &str = "eventsctl-restore-source";
pub(crate) const RESTORE_TIME_TAG: &str = "eventsctl-restore-time";
/// Per-partition write limit in WCU/s (docs/aws-facts.md §3.3).
pub(crate) const PARTITION_WRITE_LIMIT: f64 = 1000.0;
/// Default on-demand per-table quota in request units/s (docs/aws-facts.md §3.2).
pub(crate) const ON_DEMAND_TABLE_QUOTA: f64 = 40_000.0;

#[derive(Debug, Clone)]
pub(crate) struct KeySpec {
    pub name: &'static str,
    pub kind: ScalarAttributeType,
}

#[derive(Debug, Clone)]
pub(crate) struct GsiSpec {
    pub name: &'static str,
    pub partition_key: KeySpec,
    pub sort_key: KeySpec,
    pub projection: ProjectionType,
    pub runbook: &'static str,
}

#[derive(Debug, Clone)]
pub(crate) struct TableSpec {
    pub partition_key: KeySpec,
    pub sort_key: KeySpec,
    pub gsis: Vec<GsiSpec>,
    pub billing: BillingMode,
    pub ttl_attribute: &'static str,
    pub ttl_days: i64,
    pub pitr_days: i32,
    pub stream_view: StreamViewType,
}

fn string_key(name: &'static str) -> KeySpec {
    KeySpec {
        name,
        kind: ScalarAttributeType::S,
    }
}

/// The events table as the runbook's "Architecture Summary" describes it.
///
/// The runbook does not name the GSI projections; `ALL` is what lets `events query --type` and
/// `--status` return whole events without a second read, and what `table create` makes.
pub(crate) fn table() -> TableSpec {
    TableSpec {
        partition_key: string_key(PARTITION_KEY),
        sort_key: string_key(SORT_KEY),
        gsis: vec![
            GsiSpec {
                name: EVENT_TYPE_INDEX,
                partition_key: string_key(PARTITION_KEY),
                sort_key: string_key(TYPE_SORT_KEY),
                projection: ProjectionType::All,
                runbook: "Architecture Summary: GSI 1 (EventTypeIndex)",
            },
            GsiSpec {
                name: STATUS_INDEX,
                partition_key: string_key(PARTITION_KEY),
                sort_key: string_key(STATUS_SORT_KEY),
                projection: ProjectionType::All,
                runbook: "Architecture Summary: GSI 2 (StatusIndex)",
            },
        ],
        billing: BillingMode::PayPerRequest,
        ttl_attribute: TTL_ATTRIBUTE,
        ttl_days: TTL_DAYS,
        pitr_days: PITR_DAYS,
        stream_view: StreamViewType::NewImage,
    }
}

/// A DynamoDB table name: 3-255 characters of letters, digits, `-`, `_` and `.`.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
pub(crate) fn check_table_name(name: &str) -> Result<(), String> {
    let shown = if name.chars().count() > 60 {
        format!(
            // plural-ok: said only over 60 characters
            "{}... ({} characters)",
            name.chars().take(40).collect::<String>(),
            name.chars().count()
        )
    } else {
        format!("`{name}`")
    };
    if !(3..=255).contains(&name.len()) {
        return Err(format!(
            "{shown} is not a DynamoDB table name: 3-255 characters of letters, digits, '-', '_' and '.'"
        ));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err(format!(
            "{shown} is not a DynamoDB table name: only letters, digits, '-', '_' and '.'"
        ));
    }
    Ok(())
}

/// Resource names derived from prefix and environment exactly as the runbook writes them.
#[derive(Debug, Clone)]
pub struct Names {
    pub prefix: String,
    pub env: String,
    pub table: String,
    pub dashboard: String,
    pub throttle_alarm: String,
    pub write_latency_alarm: String,
    pub read_latency_alarm: String,
    /// Lambda log groups of this environment: `/aws/lambda/{prefix}-{env}`.
    pub log_group_prefix: String,
    /// What counts as production (`crate::safety`).
    pub production: production::ProductionRule,
    /// The latency targets operations are held to (built in, or the config file's).
    pub latency: targets::Targets,
}

impl Names {
    pub fn derive(prefix: &str, env: &str, table_override: Option<&str>) -> Names {
        let base = format!("{prefix}-{env}");
        Names {
            prefix: prefix.to_owned(),
            env: env.to_owned(),
            table: table_override
                .map(str::to_owned)
                .unwrap_or_else(|| format!("{base}-events")),
            dashboard: format!("{base}-dashboard"),
            throttle_alarm: format!("{base}-events-table-throttles"),
            write_latency_alarm: format!("{base}-dynamodb-write-latency"),
            read_latency_alarm: format!("{base}-dynamodb-read-latency"),
            log_group_prefix: format!("/aws/lambda/{base}"),
            production: production::ProductionRule::default(),
            latency: targets::Targets::default(),
        }
    }

    /// Production by the one rule of `crate::safety`: a marker token in the env or table name.
    pub(crate) fn is_production(&self) -> bool {
        self.production_match().is_some()
    }

    /// Why this target is production, if it is.
    pub(crate) fn production_match(&self) -> Option<production::ProductionMatch> {
        self.production.matches(&self.env, &self.table)
    }
}

/// Runbook corrections that apply to more than one command.
pub mod corrections {
    use super::Correction;

    pub(crate) fn user_errors() -> Correction {
        Correction::new(
            "Throttling is detected with UserErrors on the table (dashboard widget 2, alarm 1, Issue 1)",
            "UserErrors is account- and Region-wide with no TableName dimension, so a per-table query or alarm never gets data; the table's own throttle metrics are used instead",
            "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html",
        )
    }

    pub(crate) fn item_size() -> Correction {
        Correction::new(
            "Payload size limit 1MB (alarm 2, prevention)",
            "A DynamoDB item is at most 400 KB, names and values counted; 1 MB is the Query/Scan page size",
            "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html#limits-items",
        )
    }

    pub(crate) fn ttl_timing() -> Correction {
        Correction::new(
            "TTL deletion may take up to 48 hours (Issue 2)",
            "48 h is typical, not a bound: AWS gives no guaranteed maximum, and expired items stay visible to reads until deleted",
            "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html",
        )
    }

    pub(crate) fn ttl_reserved_word() -> Correction {
        Correction::new(
            "Issue 2 diagnosis: --projection-expression \"event_id, ttl, #ts\"",
            "ttl is a DynamoDB reserved word; AWS rejects it unaliased, so every expression here aliases it (#ttl)",
            "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html",
        )
    }

    pub(crate) fn pitr_retention() -> Correction {
        Correction::new(
            "PITR retention is 35 days, the AWS maximum (fixed)",
            "Retention is configurable per table from 1 to 35 days since January 2025",
            "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PointInTimeRecoverySpecification.html",
        )
    }

    /// Every correction, for `--explain`.
    pub fn all() -> Vec<Correction> {
        vec![
            user_errors(),
            item_size(),
            ttl_timing(),
            ttl_reserved_word(),
            pitr_retention(),
            restore_drops_settings(),
        ]
    }

    pub(crate) fn restore_drops_settings() -> Correction {
        Correction::new(
            "Restore, verify, cut over (Disaster Recovery)",
            "A restored table does not carry TTL, stream settings, PITR, tags, deletion protection, alarms, auto scaling, table class, warm throughput, or the IAM and resource-based policies that name the table or its stream (it has new ARNs); they must be set again. pitr-restore re-applies TTL, stream, PITR, tags and deletion protection (when the source has it) and lists the rest on its cutover checklist",
            "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-pitr-recovery-table-restore.html",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 23 §6: `--explain` said a restore drops "TTL, stream, PITR, tags, alarms or auto
    /// scaling", leaving out deletion protection and the policies that name the old table.
    #[test]
    fn the_restore_correction_names_everything_a_restore_drops() {
        let fact = corrections::restore_drops_settings().fact;
        for what in [
            "TTL",
            "stream",
            "PITR",
            "tags",
            "deletion protection",
            "alarms",
            "auto scaling",
            "table class",
            "warm throughput",
            "IAM",
            "resource-based policies",
        ] {
            assert!(fact.contains(what), "{what}: {fact}");
        }
    }

    /// Issue 23 §6: the docs, the help and the messages said a Scan is billed "per item read"
    /// (it is billed by the bytes it reads) and that restore time "does not follow the table
    /// size" (AWS: it depends on size and partitions, and does not always correlate).
    #[test]
    fn no_text_users_read_misstates_scan_billing_or_restore_time() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let wrong = [
            "billed per item",
            "per item read",
            "does not follow the table size",
            "duration does not follow",
        ];
        let mut files = vec![
            root.join("README.md"),
            root.join("docs"),
            root.join("src"),
            root.join("completions"),
        ];
        let mut read = 0;
        while let Some(p) = files.pop() {
            if p.is_dir() {
                files.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            // This test names the wrong words.
            if p.ends_with("src/spec/mod.rs") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            read += 1;
            let text = text.replace(['\n', '\\'], " ");
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            for w in wrong {
                assert!(!text.contains(w), "{}: says {w:?}", p.display());
            }
        }
        assert!(read > 50, "{read} files read"); // plural-ok: a test, 50 at least
    }

    #[test]
    fn names_follow_the_runbook() {
        let n = Names::derive("zapier-triggers-api", "dev", None);
        assert_eq!(n.table, "zapier-triggers-api-dev-events");
        assert_eq!(n.dashboard, "zapier-triggers-api-dev-dashboard");
        assert_eq!(
            n.throttle_alarm,
            "zapier-triggers-api-dev-events-table-throttles"
        );
        assert_eq!(
            n.write_latency_alarm,
            "zapier-triggers-api-dev-dynamodb-write-latency"
        );
        assert_eq!(
            n.read_latency_alarm,
            "zapier-triggers-api-dev-dynamodb-read-latency"
        );
        let o = Names::derive("p", "dev", Some("other"));
        assert_eq!(o.table, "other");
    }

    #[test]
    fn production_envs() {
        assert!(Names::derive("p", "prod", None).is_production());
        assert!(Names::derive("p", "prod-eu", None).is_production());
        assert!(Names::derive("p", "dev", Some("p-prod-events")).is_production());
        assert!(!Names::derive("p", "dev", None).is_production());
        assert!(!Names::derive("p", "sandbox", None).is_production());
    }
}
