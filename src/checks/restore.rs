//! Verification of a restored table: ACTIVE, keys and GSIs as the spec says, an exact item
//! count, and a sample of its keys found in the source.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::{AttributeValue, KeysAndAttributes, TableDescription, TableStatus};
use serde::Serialize;
use serde_json::json;

use crate::aws::AwsError;
use crate::aws::error::{AwsResultExt, table_resource};
use crate::checks::table::{TableFacts, evaluate as evaluate_table};
use crate::events::scan::{ScanSpec, count, start};
use crate::report::{Finding, Status};
use crate::spec::{self, PARTITION_KEY, SORT_KEY};

const RB: &str = "Disaster Recovery: Restore Procedure, step 3 (Verify Restored Table)";

/// What was measured on the restored table.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Verification {
    pub target_status: Option<String>,
    pub item_count: Option<u64>,
    pub source_item_count: Option<u64>,
    pub sampled_keys: usize,
    pub found_in_source: usize,
    pub missing_examples: Vec<String>,
}

pub struct VerifyFacts {
    pub target: TableDescription,
    pub schema: Vec<Finding>,
    pub verification: Verification,
    pub errors: Vec<String>,
}

/// Reads the sample of keys from the target and looks them up in the source (BatchGetItem,
/// 100 keys a call, unprocessed keys retried).
async fn sample_found(
    client: &aws_sdk_dynamodb::Client,
    source: &str,
    target: &str,
    sample: usize,
) -> Result<(usize, usize, Vec<String>), AwsError> {
    let mut spec = ScanSpec::new(1);
    spec.per_segment_limit = Some(sample);
    spec.page_size = Some(sample.clamp(1, 1000) as i32);
    spec.projection = Some((
        "#pk, #sk".into(),
        HashMap::from([
            ("#pk".to_owned(), PARTITION_KEY.to_owned()),
            ("#sk".to_owned(), SORT_KEY.to_owned()),
        ]),
    ));
    let mut rx = start(client.clone(), target.to_owned(), spec);
    let mut keys: Vec<HashMap<String, AttributeValue>> = Vec::new();
    while let Some(page) = rx.recv().await {
        keys.extend(page.map_err(|e| e.error)?.items);
        if keys.len() >= sample {
            keys.truncate(sample);
            break;
        }
    }
    let mut found = 0;
    for chunk in keys.chunks(100) {
        let mut pending = Some(
            KeysAndAttributes::builder()
                .set_keys(Some(chunk.to_vec()))
                .projection_expression("#pk, #sk")
                .expression_attribute_names("#pk", PARTITION_KEY)
                .expression_attribute_names("#sk", SORT_KEY)
                .build()
                .expect("keys are set"),
        );
        let mut attempts = 0;
        while let Some(req) = pending.take() {
            let out = client
                .batch_get_item()
                .request_items(source, req)
                .send()
                .await
                .aws("dynamodb", "BatchGetItem", table_resource(source))?;
            found += out
                .responses
                .as_ref()
                .and_then(|r| r.get(source))
                .map(Vec::len)
                .unwrap_or(0);
            attempts += 1;
            pending = out
                .unprocessed_keys
                .and_then(|mut u| u.remove(source))
                .filter(|k| !k.keys().is_empty() && attempts < 10);
            if pending.is_some() {
                tokio::time::sleep(crate::events::writer::RetryPolicy::default().backoff(attempts))
                    .await;
            }
        }
    }
    let missing = if found < keys.len() {
        // Name a few: look each up again, one by one, only when something is missing.
        let mut names = Vec::new();
        for k in keys.iter().take(200) {
            let got = client
                .get_item()
                .table_name(source)
                .set_key(Some(k.clone()))
                .send()
                .await
                .aws("dynamodb", "GetItem", table_resource(source))?;
            if got.item.is_none() {
                names.push(crate::checks::ttl::key_text(k));
                if names.len() >= 5 {
                    break;
                }
            }
        }
        names
    } else {
        Vec::new()
    };
    Ok((keys.len(), found, missing))
}

/// Counts both tables, samples keys, checks the target's schema against the spec.
pub async fn gather(
    ctx: &crate::context::Context,
    source: &str,
    target: &TableDescription,
    sample: usize,
    segments: i32,
) -> Result<VerifyFacts, crate::context::NoRegion> {
    let client = ctx.dynamodb_bulk().await?;
    let name = target.table_name().unwrap_or_default().to_owned();
    let (target_count, source_count, sampled) = tokio::join!(
        count(client, &name, segments),
        count(client, source, segments),
        sample_found(client, source, &name, sample),
    );
    let mut errors = Vec::new();
    let mut v = Verification {
        target_status: target.table_status().map(|s| s.as_str().to_owned()),
        ..Verification::default()
    };
    match target_count {
        Ok(n) => v.item_count = Some(n),
        Err(e) => errors.push(format!("counting the restored table: {e}")),
    }
    match source_count {
        Ok(n) => v.source_item_count = Some(n),
        Err(e) => errors.push(format!("counting the source: {e}")),
    }
    match sampled {
        Ok((n, found, missing)) => {
            v.sampled_keys = n;
            v.found_in_source = found;
            v.missing_examples = missing;
        }
        Err(e) => errors.push(format!("sampling keys: {e}")),
    }
    // Keys and GSIs the same way `table verify` checks them.
    let facts = TableFacts {
        name: name.clone(),
        production: false,
        table: Ok(Some(target.clone())),
        ttl: Ok(None),
        backups: Ok(None),
    };
    let schema = evaluate_table(&facts, &spec::table())
        .into_iter()
        .filter(|f| f.check == "table.key_schema" || f.check.starts_with("table.gsi."))
        .map(|mut f| {
            f.check = f.check.replacen("table.", "restore.", 1);
            f
        })
        .collect();
    Ok(VerifyFacts {
        target: target.clone(),
        schema,
        verification: v,
        errors,
    })
}

pub fn evaluate(facts: &VerifyFacts) -> Vec<Finding> {
    let v = &facts.verification;
    let mut out = vec![
        if facts.target.table_status() == Some(&TableStatus::Active) {
            Finding::ok("restore.status", "the restored table is ACTIVE")
        } else {
            Finding::crit(
                "restore.status",
                format!(
                    "the restored table is {}",
                    v.target_status.as_deref().unwrap_or("?")
                ),
            )
        }
        .runbook(RB),
    ];
    out.extend(facts.schema.iter().cloned());
    out.push(
        match (v.item_count, v.source_item_count) {
            (Some(t), Some(s)) => {
                let f = if t == 0 && s > 0 {
                    Finding::crit("restore.item_count", format!("the restored table is empty; the source has {s} items"))
                } else {
                    Finding::ok(
                        "restore.item_count",
                        format!("{t} items restored (the source has {s} now; the difference is what changed since the restore point)"),
                    )
                };
                f.evidence(json!({"restored": t, "source_now": s}))
            }
            _ => Finding::unknown("restore.item_count", "could not count the items"),
        }
        .runbook(RB),
    );
    out.push(
        if v.sampled_keys == 0 {
            Finding::ok("restore.sample", "no items to sample")
        } else if v.found_in_source == v.sampled_keys {
            Finding::ok("restore.sample", format!("all {} sampled keys exist in the source", v.sampled_keys))
        } else if v.found_in_source == 0 {
            Finding::crit("restore.sample", format!("none of {} sampled keys exist in the source: is this the right table?", v.sampled_keys))
        } else {
            Finding::warn(
                "restore.sample",
                format!(
                    "{} of {} sampled keys exist in the source; the others were deleted since the restore point (TTL, cleanup, or the incident)",
                    v.found_in_source, v.sampled_keys
                ),
            )
        }
        .evidence(json!({"sampled": v.sampled_keys, "found": v.found_in_source, "missing_examples": v.missing_examples}))
        .runbook(RB),
    );
    for e in &facts.errors {
        out.push(Finding::unknown("restore.verify", e.clone()).runbook(RB));
    }
    out
}

/// Did the verification find the restored table usable?
pub fn verified(findings: &[Finding]) -> bool {
    Status::worst(findings.iter().map(|f| f.status)) != Status::Crit
}
