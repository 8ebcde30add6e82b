//! The distributed engine: the export's data files registered as a Glue table (JSON SerDe over
//! `AWSDynamoDB/<id>/data/`) and the same questions asked in SQL through Amazon Athena
//! (<https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/S3DataExport.Output.html>,
//! <https://docs.aws.amazon.com/athena/latest/ug/openx-json-serde.html>).
//!
//! The SQL is written for Athena (Trino). The local emulator runs it through DuckDB, which
//! shares the functions used here (`TRY_CAST`, `substr`, `length`, `floor`, `upper`, `min`,
//! `max`, `count`, `CASE`) — dates are computed with arithmetic on the RFC 3339 text rather
//! than `from_iso8601_timestamp`, which DuckDB lacks. What the emulator test cannot prove:
//! that Glue and Athena accept the struct column type exactly as declared, the OpenX SerDe's
//! case-insensitive mapping of `Item`/`S`/`N` (DuckDB infers the columns from the files
//! instead of reading the declared type), and Athena's own `DataScannedInBytes`.

use std::time::Duration;

use aws_sdk_glue::types::{Column, SerDeInfo, StorageDescriptor, TableInput};

use crate::aws::{self, AwsError};
use crate::scale::export::ExportInfo;
use crate::spec::TTL_DAYS;

/// Where the SQL runs.
#[derive(Debug, Clone)]
pub(crate) struct AthenaTarget {
    pub workgroup: String,
    /// `s3://bucket/prefix/`; `None`: the workgroup's.
    pub output: Option<String>,
    pub database: String,
}

#[derive(Debug, thiserror::Error)]
pub(crate) enum AthenaError {
    #[error(transparent)]
    Aws(#[from] AwsError),
    #[error("Athena query {id} {state}: {reason}")]
    Failed {
        id: String,
        state: String,
        reason: String,
    },
    #[error("Athena returned a row this tool cannot read: {0}")]
    BadRow(String),
}

impl AthenaError {
    /// A failure for a permission the caller (or Athena on its behalf) lacks, as the AWS error
    /// of that permission, so that it reads like every other denied read: a call refused with
    /// AccessDenied, or a query Athena ended because it could not read the export's data in
    /// S3, the Glue table, or write its results ([`denied_by_reason`]). `None` otherwise.
    pub(crate) fn denied(&self) -> Option<AwsError> {
        match self {
            AthenaError::Aws(e) if e.kind == aws::AwsErrorKind::AccessDenied => Some(e.clone()),
            AthenaError::Failed { id, state, reason } => {
                denied_by_reason(reason).map(|(service, operation)| AwsError {
                    kind: aws::AwsErrorKind::AccessDenied,
                    service,
                    operation,
                    resource: Some(format!("Athena query {id}")),
                    code: Some("AccessDenied".into()),
                    message: format!("the query {state}: {reason}"),
                })
            }
            _ => None,
        }
    }
}

/// The permission a failed Athena query's reason says it lacked, as (service, operation):
/// the action when the reason names it (`... is not authorized to perform: glue:GetTable`),
/// `s3:PutObject` for results it could not write ("Access denied when writing output to
/// url"), `s3:GetObject` for data it could not read ("Permission denied on S3 path"), Lake
/// Formation's data access; `None` when the reason is not about a permission.
fn denied_by_reason(reason: &str) -> Option<(&'static str, &'static str)> {
    const DENIED: [&str; 6] = [
        "access denied",
        "accessdenied",
        "permission denied",
        "not authorized",
        "insufficient permissions",
        "insufficient lake formation permission",
    ];
    const NAMED: [(&str, &str, &str); 8] = [
        ("glue:gettable", "glue", "GetTable"),
        ("glue:getdatabase", "glue", "GetDatabase"),
        ("glue:getpartitions", "glue", "GetPartitions"),
        ("s3:getobject", "s3", "GetObject"),
        ("s3:listbucket", "s3", "ListBucket"),
        ("s3:putobject", "s3", "PutObject"),
        ("s3:getbucketlocation", "s3", "GetBucketLocation"),
        ("kms:decrypt", "kms", "Decrypt"),
    ];
    let r = reason.to_ascii_lowercase();
    if !DENIED.iter().any(|d| r.contains(d)) {
        return None;
    }
    if let Some((_, service, op)) = NAMED.iter().find(|(named, _, _)| r.contains(named)) {
        return Some((service, op));
    }
    Some(if r.contains("lake formation") {
        ("lakeformation", "GetDataAccess")
    } else if r.contains("writing") || r.contains("output") {
        ("s3", "PutObject")
    } else if r.contains("s3") {
        ("s3", "GetObject")
    } else {
        ("athena", "StartQueryExecution")
    })
}

/// A read of an export (either engine) refused for a permission: the AWS error that names it
/// (an AccessDenied call, or an Athena query ended for a permission), for an unknown verdict
/// in the words of every denied read; `None` for any other failure, which stays an error.
pub(crate) fn denied_read(e: &anyhow::Error) -> Option<AwsError> {
    // The local engine's reads fail as an ExportError holding the AWS error (S3 GetObject of
    // the manifest or a data file); Athena's as an AthenaError; the Glue and S3 listing calls
    // as the AWS error itself.
    let aws_error = e.downcast_ref::<AwsError>().or_else(|| {
        e.downcast_ref::<crate::scale::export::ExportError>()
            .and_then(|x| match x {
                crate::scale::export::ExportError::Aws(a) => Some(a),
                _ => None,
            })
    });
    aws_error
        .filter(|a| a.kind == aws::AwsErrorKind::AccessDenied)
        .cloned()
        .or_else(|| {
            e.downcast_ref::<AthenaError>()
                .and_then(AthenaError::denied)
        })
}

/// Athena bills the bytes a query reads from S3 (here the gzip data files, not the table's
/// uncompressed size), rounded up to the next megabyte, at least 10 MB a query
/// (https://aws.amazon.com/athena/pricing/). MB and TB are taken as 2^20 and 10^12 bytes: an
/// upper bound whichever the bill uses.
const MB: i64 = 1 << 20;
pub(crate) const MIN_BILLED_BYTES: i64 = 10 * MB;

/// The bytes one query is billed for, having scanned `scanned`.
pub(crate) fn billed_bytes(scanned: i64) -> i64 {
    ((scanned.max(0) + MB - 1) / MB * MB).max(MIN_BILLED_BYTES)
}

/// The price of queries that scan these bytes each, at `per_tb` dollars per TB.
pub(crate) fn price_usd(scans: &[i64], per_tb: f64) -> f64 {
    scans.iter().map(|b| billed_bytes(*b)).sum::<i64>() as f64 / 1e12 * per_tb
}

/// Where query results go, and why there.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum OutputFrom {
    /// `--athena-output`.
    Flag,
    /// The workgroup's own result location (or its managed query results).
    Workgroup,
    /// Neither is set: beside the export, under `<prefix>/athena-results/`; the reason.
    Default(String),
}

/// The output location to send with each query: `--athena-output` when given; none when the
/// workgroup has a result location (or managed results) of its own; else `default` (a query
/// without any location fails: "No output location provided"). A workgroup that cannot be read
/// gets `default` too, with why.
pub(crate) async fn output_location(
    athena: &aws_sdk_athena::Client,
    workgroup: &str,
    flag: Option<&str>,
    default: String,
) -> (Option<String>, OutputFrom) {
    if let Some(f) = flag {
        return (Some(f.to_owned()), OutputFrom::Flag);
    }
    match aws::athena::keeps_results(athena, workgroup).await {
        Ok(true) => (None, OutputFrom::Workgroup),
        Ok(false) => {
            let why = format!(
                "neither --athena-output nor workgroup {workgroup}'s result location is set"
            );
            (Some(default), OutputFrom::Default(why))
        }
        Err(e) => {
            let why = format!("workgroup {workgroup}'s result location could not be read ({e})");
            (Some(default), OutputFrom::Default(why))
        }
    }
}

/// The Glue table name of an export: `export_<id>` with only `[a-z0-9_]`.
pub(crate) fn table_name(info: &ExportInfo) -> String {
    let id: String = info
        .id()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("export_{id}")
}

/// The one column: each line's `Item`, the attributes the questions read, DynamoDB-typed.
pub(crate) const ITEM_TYPE: &str = "struct<user_id:struct<s:string>,timestamp:struct<s:string>,ttl:struct<n:string,s:string>,event_type:struct<s:string>,status:struct<s:string>>";

/// Creates the database (when missing) and the export's table (when missing) in Glue.
pub(crate) async fn register(
    glue: &aws_sdk_glue::Client,
    database: &str,
    info: &ExportInfo,
) -> Result<String, AwsError> {
    let name = table_name(info);
    aws::glue::create_database(glue, database, "eventsctl: DynamoDB exports").await?;
    let location = format!("s3://{}/{}data/", info.bucket, info.root());
    let storage = StorageDescriptor::builder()
        .columns(
            Column::builder()
                .name("item")
                .r#type(ITEM_TYPE)
                .build()
                .expect("name is set"),
        )
        .location(location)
        .input_format("org.apache.hadoop.mapred.TextInputFormat")
        .output_format("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
        .serde_info(
            SerDeInfo::builder()
                .serialization_library("org.openx.data.jsonserde.JsonSerDe")
                .build(),
        )
        .build();
    let table = TableInput::builder()
        .name(&name)
        .table_type("EXTERNAL_TABLE")
        .parameters("classification", "json")
        .parameters("compressionType", "gzip")
        .parameters("eventsctl:export_arn", &info.arn)
        .storage_descriptor(storage)
        .build()
        .expect("name is set");
    aws::glue::create_table(glue, database, table).await?;
    Ok(name)
}

/// A query's rows (without the header) and what it scanned.
#[derive(Debug, Clone, Default)]
pub(crate) struct QueryOutput {
    pub rows: Vec<Vec<Option<String>>>,
    pub bytes_scanned: Option<i64>,
}

/// Runs one query to its end: start, poll, read every result page.
pub(crate) async fn query(
    athena: &aws_sdk_athena::Client,
    target: &AthenaTarget,
    sql: &str,
) -> Result<QueryOutput, AthenaError> {
    let id = aws::athena::start(
        athena,
        sql,
        &target.workgroup,
        &target.database,
        target.output.as_deref(),
    )
    .await?;
    // Polled, the pause doubling from 0.2 s to 5 s: a query takes seconds to minutes.
    let mut wait = Duration::from_millis(200);
    let bytes_scanned = loop {
        match aws::athena::state(athena, &id).await? {
            aws::athena::State::Succeeded(bytes) => break bytes,
            aws::athena::State::Ended(state, reason) => {
                return Err(AthenaError::Failed { id, state, reason });
            }
            aws::athena::State::Running => {
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(5));
            }
        }
    };
    Ok(QueryOutput {
        rows: aws::athena::rows(athena, &id).await?,
        bytes_scanned,
    })
}

/// Epoch seconds of an RFC 3339 text column, by arithmetic on its fixed positions
/// (`YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM)`, or a space for the `T` and `+HH` as DuckDB
/// writes a timestamp it inferred from the text), in SQL both Athena and DuckDB run: the
/// days-from-civil algorithm (H. Hinnant), fractions of a second dropped as the scan does.
/// A text that is not RFC 3339 gives NULL or a wrong time only where its digits sit where a
/// date's do; the scan's parser rejects such text outright.
pub(crate) fn epoch_sql(col: &str) -> String {
    let part = |from: u32, len: u32| format!("TRY_CAST(substr({col}, {from}, {len}) AS double)");
    let (y, m, d, hh, mi, ss) = (
        part(1, 4),
        part(6, 2),
        part(9, 2),
        part(12, 2),
        part(15, 2),
        part(18, 2),
    );
    let yy = format!("({y} - CASE WHEN {m} <= 2 THEN 1 ELSE 0 END)");
    let era = format!("floor({yy} / 400.0)");
    let yoe = format!("({yy} - {era} * 400)");
    let mp = format!("(CASE WHEN {m} > 2 THEN {m} - 3 ELSE {m} + 9 END)");
    let doy = format!("(floor((153 * {mp} + 2) / 5.0) + {d} - 1)");
    let doe = format!("({yoe} * 365 + floor({yoe} / 4.0) - floor({yoe} / 100.0) + {doy})");
    let days = format!("({era} * 146097 + {doe} - 719468)");
    let at = |back: u32| format!("substr({col}, length({col}) - {back}, 1)");
    let sign = |back: u32| format!("(CASE {} WHEN '+' THEN 1 WHEN '-' THEN -1 END)", at(back));
    let two = |back: u32| format!("TRY_CAST(substr({col}, length({col}) - {back}, 2) AS double)");
    // `Z`, `+HH:MM` or `+HH` (the last is how DuckDB prints a zone).
    let offset = format!(
        "(CASE WHEN upper({z}) = 'Z' THEN 0 \
         WHEN {colon} = ':' THEN {s5} * ({h5} * 3600 + {m5} * 60) \
         ELSE {s2} * {h2} * 3600 END)",
        z = at(0),
        colon = at(2),
        s5 = sign(5),
        h5 = two(4),
        m5 = two(1),
        s2 = sign(2),
        h2 = two(1),
    );
    format!(
        "CASE WHEN substr({col}, 11, 1) IN ('T', 't', ' ') THEN {days} * 86400 + {hh} * 3600 + {mi} * 60 + {ss} - {offset} END"
    )
}

/// Every TTL class of `check-ttl` in one pass: the classifier of `checks::ttl::classify` in
/// SQL, against `now` with `grace` seconds, over the export's table. One row per class with
/// its count, the oldest age and an example user.
pub(crate) fn ttl_sql(database: &str, table: &str, now: i64, grace: i64) -> String {
    let five_years = crate::spec::TTL_IGNORED_AGE_S;
    let month = TTL_DAYS * 86_400;
    let ev = epoch_sql("ts");
    format!(
        r#"WITH raw AS (
  SELECT item.ttl AS ttl_av, TRY_CAST(item.ttl.n AS double) AS t, item.user_id.s AS pk,
         CAST(item."timestamp".s AS varchar) AS ts
  FROM "{database}"."{table}"
), base AS (
  SELECT ttl_av, t, floor(t) AS ti, pk, {ev} AS ev FROM raw
), c AS (
  SELECT pk, ev,
    CASE WHEN ttl_av IS NULL THEN 'missing'
         WHEN t IS NULL THEN 'not_number'
         WHEN t >= 100000000000 THEN 'milliseconds'
         WHEN ti < {now} - {five_years} THEN 'too_old'
         WHEN ti <= {now} AND {now} - ti > {grace} THEN 'overdue'
         WHEN ti <= {now} THEN 'expired_recent'
         WHEN ev IS NOT NULL AND ti > ev + {far} THEN 'too_far'
         ELSE 'live' END AS class,
    CASE WHEN ttl_av IS NULL OR t IS NULL OR t >= 100000000000 THEN NULL
         WHEN ti <= {now} THEN {now} - ti
         WHEN ev IS NOT NULL AND ti > ev + {far} THEN ti - ev END AS age
  FROM base
)
SELECT class, count(*) AS n, max(age) AS oldest, min(pk) AS example FROM c GROUP BY class
UNION ALL
SELECT 'older_than_30d', count(*), max({now} - ev), min(pk) FROM c
WHERE ev IS NOT NULL AND {now} - ev > {month}"#,
        far = month + 60,
    )
}

/// `hot-partitions --from-export`: items and distinct users.
pub(crate) fn totals_sql(database: &str, table: &str) -> String {
    format!(r#"SELECT count(*), count(DISTINCT item.user_id.s) FROM "{database}"."{table}""#)
}

/// The `n` busiest users, most events first.
pub(crate) fn top_users_sql(database: &str, table: &str, n: usize) -> String {
    format!(
        r#"SELECT item.user_id.s AS u, count(*) AS n FROM "{database}"."{table}" GROUP BY item.user_id.s ORDER BY n DESC, u LIMIT {n}"#
    )
}

/// Events per day: the date part of the event's `timestamp` text (UTC for what the tool
/// writes; a text with another offset counts on its own date, where the local engine
/// converts to UTC first).
pub(crate) fn per_day_sql(database: &str, table: &str) -> String {
    format!(
        r#"SELECT substr(CAST(item."timestamp".s AS varchar), 1, 10) AS d, count(*) FROM "{database}"."{table}" WHERE item."timestamp".s IS NOT NULL GROUP BY 1 ORDER BY 1"#
    )
}

/// Rows of `(text, count)`.
pub(crate) fn pairs(rows: &[Vec<Option<String>>]) -> Result<Vec<(String, u64)>, AthenaError> {
    rows.iter()
        .map(|r| {
            let bad = || AthenaError::BadRow(format!("{r:?}"));
            let k = r.first().cloned().flatten().ok_or_else(bad)?;
            let n = r.get(1).and_then(num).ok_or_else(bad)? as u64;
            Ok((k, n))
        })
        .collect()
}

/// A number cell of a result row.
pub(crate) fn num(v: &Option<String>) -> Option<f64> {
    v.as_deref().and_then(|s| s.trim().parse::<f64>().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 23 item 8 (check-ttl's Athena path): a query Athena ended for a permission, or a
    /// call refused with AccessDenied, is the denied read of that permission, named; any other
    /// failure is not. The reasons are Athena's own wording (StateChangeReason).
    #[test]
    fn a_query_ended_for_a_permission_names_it() {
        let failed = |reason: &str| AthenaError::Failed {
            id: "q-1".into(),
            state: "FAILED".into(),
            reason: reason.into(),
        };
        for (reason, named) in [
            (
                "Permission denied on S3 path: s3://b/AWSDynamoDB/1/data/x.json.gz",
                Some("s3:GetObject"),
            ),
            (
                "Access denied when writing output to url: s3://b/athena-results/q-1.csv",
                Some("s3:PutObject"),
            ),
            (
                "Insufficient permissions to execute the query. User: arn:aws:sts::1:assumed-role/r/s is not authorized to perform: glue:GetTable on resource: arn:aws:glue:eu-west-1:1:table/db/export_1",
                Some("glue:GetTable"),
            ),
            (
                // plural-ok: Athena's own message, verbatim
                "Insufficient Lake Formation permission(s) on export_1",
                Some("lakeformation:GetDataAccess"),
            ),
            ("HIVE_BAD_DATA: Error parsing field value", None),
            ("Query exhausted resources at this scale factor", None),
        ] {
            let got = failed(reason).denied();
            assert_eq!(
                got.as_ref()
                    .map(|e| format!("{}:{}", e.service, e.operation))
                    .as_deref(),
                named,
                "{reason}"
            );
            if let Some(e) = got {
                let text = e.to_string();
                assert!(
                    text.starts_with(&format!("AccessDenied on {}", named.unwrap()))
                        && text.contains(reason)
                        && text.contains("eventsctl iam-policy"),
                    "{text}"
                );
            }
        }
        let refused = crate::aws::AwsError::local(
            crate::aws::AwsErrorKind::AccessDenied,
            "glue",
            "CreateTable",
            None,
            "denied",
        );
        let e = anyhow::Error::new(refused.clone());
        assert_eq!(denied_read(&e).map(|d| d.operation), Some("CreateTable"));
        let e = anyhow::Error::new(AthenaError::Aws(refused));
        assert_eq!(denied_read(&e).map(|d| d.service), Some("glue"));
        // The local engine's S3 read, refused, arrives inside an ExportError.
        let s3_refused = crate::aws::AwsError::local(
            crate::aws::AwsErrorKind::AccessDenied,
            "s3",
            "GetObject",
            None,
            "denied",
        );
        let e = anyhow::Error::new(crate::scale::export::ExportError::Aws(s3_refused));
        assert_eq!(denied_read(&e).map(|d| d.operation), Some("GetObject"));
        let throttled = crate::aws::AwsError::local(
            crate::aws::AwsErrorKind::Throttled,
            "athena",
            "StartQueryExecution",
            None,
            "slow down",
        );
        assert!(denied_read(&anyhow::Error::new(throttled)).is_none());
        assert!(denied_read(&anyhow::Error::new(failed("HIVE_BAD_DATA"))).is_none());
    }

    #[test]
    fn the_sql_names_the_export_table_and_every_class() {
        let sql = ttl_sql("db", "export_1", 1_800_000_000, 172_800);
        for needle in [
            r#"FROM "db"."export_1""#,
            "'missing'",
            "'not_number'",
            "'milliseconds'",
            "'too_old'",
            "'overdue'",
            "'expired_recent'",
            "'too_far'",
            "'older_than_30d'",
            "1800000000 - 157680000",
        ] {
            assert!(sql.contains(needle), "{needle}");
        }
    }

    /// Athena's bill: the bytes scanned rounded up to a megabyte, at least 10 MB a query.
    #[test]
    fn athena_bills_whole_megabytes_and_at_least_ten_a_query() {
        let mb = 1 << 20;
        let cases = [
            (0, 10 * mb),
            (1_000, 10 * mb),
            (10 * mb, 10 * mb),
            (10 * mb + 1, 11 * mb),
            (3_000_000_000, (3_000_000_000 / mb + 1) * mb),
        ];
        for (scanned, billed) in cases {
            assert_eq!(billed_bytes(scanned), billed, "{scanned}");
        }
        // Three small queries over a tiny export: 30 MB at $5/TB, not $0.
        let usd = price_usd(&[2_000, 2_000, 2_000], 5.0);
        assert!((usd - 30.0 * mb as f64 / 1e12 * 5.0).abs() < 1e-12, "{usd}");
        // 1 TB of gzip files once: $5.
        assert!((price_usd(&[1_000_000_000_000], 5.0) - 5.0).abs() < 1e-3);
    }
}
