//! The source's resource-based policies, copied to the target by a cutover: a restore drops
//! them (AWS's restore best practices), and a principal the source's policy lets in (another
//! account's role, a service) would be refused by the target. A table's policy names the table,
//! its indexes (`table/T/index/I`) and may name its stream; a stream has a policy of its own, and
//! the target's stream has another ARN (a new label) than the source's. So each ARN of the source
//! in the document is rewritten to the target's: the table's, an index's under it, the stream's
//! to the target's stream. DynamoDB holds a policy to 20 KB, white space counted: a document that
//! the longer target name pushes over is refused before anything changes.
//! <https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutResourcePolicy.html>
//!
//! The target's own policy before (a restore leaves none) is recorded; `dr rollback` puts it
//! back, or deletes the copy, only over the revision the cutover left (someone's edit since is a
//! conflict). The emulator accepts any document (AWS validates it): the rewrite is tested as a
//! pure function, the calls on the emulator.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::record::Status;
use crate::aws::error::AwsError;
use crate::aws::resource_policy::{self as rp, Policy};
use crate::aws::retry::{self, RetryPolicy};
use crate::context::Context;

/// DynamoDB's limit on a resource-based policy, white space counted.
pub(crate) const POLICY_LIMIT_BYTES: usize = 20 * 1024;
/// The ExpectedRevisionId that puts a policy only where there is none.
const NO_POLICY: &str = "NO_POLICY";

/// A policy update right after another one on the same resource is refused for 15 seconds
/// (AWS does not document the error's code: a throttle, `LimitExceededException` or
/// `ResourceInUseException` are tried again), so a rollback soon after a cutover waits it out.
const BLOCKED_RETRY: RetryPolicy =
    RetryPolicy::new(8, Duration::from_secs(2), Duration::from_secs(8));

fn blocked(e: &AwsError) -> bool {
    e.is_throttled()
        || matches!(
            e.code.as_deref(),
            Some("LimitExceededException" | "ResourceInUseException")
        )
}

/// The ARNs a document is rewritten from and to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Arns<'a> {
    pub source_table: &'a str,
    pub target_table: &'a str,
    pub source_stream: Option<&'a str>,
    pub target_stream: Option<&'a str>,
}

/// One ARN of the source, as the target's (anything else as it is). Pure.
fn rewrite_arn(s: &str, a: &Arns) -> String {
    if let (Some(ss), Some(ts)) = (a.source_stream, a.target_stream)
        && let Some(rest) = s.strip_prefix(ss)
    {
        return format!("{ts}{rest}");
    }
    let Some(rest) = s.strip_prefix(a.source_table) else {
        return s.to_owned();
    };
    let tt = a.target_table;
    match rest.strip_prefix("/stream/") {
        // Every stream of the table stays every stream of the target.
        Some(label) if label.contains('*') => format!("{tt}/stream/{label}"),
        // Another (older) stream of the source: the target's stream.
        Some(_) => a
            .target_stream
            .map(str::to_owned)
            .unwrap_or_else(|| format!("{tt}{rest}")),
        None if rest.is_empty() || rest.starts_with('/') => format!("{tt}{rest}"),
        // `table/T-other`: another table whose name starts with the source's.
        None => s.to_owned(),
    }
}

fn walk(v: &mut Value, a: &Arns) {
    match v {
        Value::String(s) => *s = rewrite_arn(s, a),
        Value::Array(items) => items.iter_mut().for_each(|x| walk(x, a)),
        Value::Object(m) => m.values_mut().for_each(|x| walk(x, a)),
        _ => {}
    }
}

/// The document with every ARN of the source rewritten to the target's, compact (DynamoDB counts
/// white space), or why it cannot be put. Pure.
pub(crate) fn rewrite(document: &str, a: &Arns) -> Result<String, String> {
    let mut v: Value = serde_json::from_str(document)
        .map_err(|e| format!("the source's resource-based policy is not JSON ({e})"))?;
    walk(&mut v, a);
    let out = v.to_string();
    if out.len() > POLICY_LIMIT_BYTES {
        return Err(format!(
            // plural-ok: said only over 20 KB
            "the source's resource-based policy, with the target's ARNs, is {} bytes: over DynamoDB's 20 KB limit ({POLICY_LIMIT_BYTES} bytes, white space counted); shorten it first",
            out.len()
        ));
    }
    Ok(out)
}

/// One policy to copy: from a source resource to its target counterpart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub(crate) struct PolicyCopy {
    /// `table` or `stream`.
    pub on: String,
    pub source_arn: String,
    pub target_arn: String,
    /// The RevisionId of the source's policy that was read.
    pub source_revision: String,
    /// What is put on the target: the source's document with the target's ARNs.
    pub document: String,
    /// The target's own policy before the cutover (`None`: it had none; the rollback deletes the
    /// copy).
    pub target_before: Option<String>,
    pub target_revision_before: Option<String>,
    /// The RevisionId the put left (a later one: someone changed it since).
    pub revision_after: Option<String>,
}

/// The resources of a source and their target counterparts, each with its policies now.
pub(crate) struct Found {
    pub on: &'static str,
    pub source_arn: String,
    pub target_arn: String,
    pub source: Option<Policy>,
    pub target: Option<Policy>,
}

/// Reads the policies of the source's table and stream and of the target's.
pub(crate) async fn gather(
    ctx: &Context,
    pairs: &[(&'static str, String, String)],
) -> anyhow::Result<Vec<Found>> {
    let client = ctx.dynamodb().await?;
    let mut out = Vec::new();
    for (on, s, t) in pairs {
        let (source, target) = tokio::join!(rp::get(client, s), rp::get(client, t));
        out.push(Found {
            on,
            source_arn: s.clone(),
            target_arn: t.clone(),
            source: source?,
            target: target?,
        });
    }
    Ok(out)
}

/// The copies to make, or why one cannot be made. Pure.
pub(crate) fn plan(found: &[Found], a: &Arns) -> Result<Vec<PolicyCopy>, String> {
    let mut out = Vec::new();
    for f in found {
        let Some(src) = &f.source else { continue };
        out.push(PolicyCopy {
            on: f.on.to_owned(),
            source_arn: f.source_arn.clone(),
            target_arn: f.target_arn.clone(),
            source_revision: src.revision_id.clone(),
            document: rewrite(&src.document, a)
                .map_err(|e| format!("{} ({}): {e}", f.on, f.source_arn))?,
            target_before: f.target.as_ref().map(|p| p.document.clone()),
            target_revision_before: f.target.as_ref().map(|p| p.revision_id.clone()),
            revision_after: None,
        });
    }
    Ok(out)
}

/// The plan's line for the copy step. Pure.
pub(crate) fn change(copies: &[PolicyCopy]) -> String {
    if copies.is_empty() {
        return "resource-based policy: none to copy (the source has none on its table or its stream)".into();
    }
    copies
        .iter()
        .map(|c| {
            format!(
                // plural-ok: a policy document is never 1 byte (JSON of a statement)
                "{} policy: {} → the source's, its ARNs rewritten to {} ({} bytes)",
                c.on,
                if c.target_before.is_some() {
                    "the target's own (recorded)"
                } else {
                    "none"
                },
                c.target_arn,
                c.document.len()
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Puts each copy on the target (a resume finds it there already: same document). Each copy's
/// RevisionId after is set in `copies`.
pub(crate) async fn apply(
    ctx: &Context,
    copies: &mut [PolicyCopy],
) -> anyhow::Result<(Status, Option<String>)> {
    if copies.is_empty() {
        return Ok((Status::AlreadyDone, Some("none to copy".into())));
    }
    let client = ctx.dynamodb().await?;
    let mut done = Vec::new();
    let mut status = Status::AlreadyDone;
    for c in copies.iter_mut() {
        let now = rp::get(client, &c.target_arn).await?;
        if let Some(p) = now.as_ref().filter(|p| p.document == c.document) {
            c.revision_after = Some(p.revision_id.clone());
            done.push(format!("{} policy there already", c.on));
            continue;
        }
        let expected = match (&now, &c.target_revision_before) {
            (None, _) => NO_POLICY.to_owned(),
            (Some(p), Some(before)) if p.revision_id == *before => before.clone(),
            (Some(p), _) => anyhow::bail!(
                "the target's {} policy changed since the plan (RevisionId {}): nothing was written; run again to re-read it",
                c.on,
                p.revision_id
            ),
        };
        c.revision_after = Some(
            retry::call(BLOCKED_RETRY, blocked, || {
                rp::put(client, &c.target_arn, &c.document, &expected)
            })
            .await?,
        );
        status = Status::Done;
        done.push(format!(
            // plural-ok: a policy document is never 1 byte (JSON of a statement)
            "{} policy copied ({} bytes)",
            c.on,
            c.document.len()
        ));
    }
    Ok((status, Some(done.join("; "))))
}

/// Undo: each copy deleted (or the target's own policy put back), only over the revision the
/// cutover left; another revision is a conflict unless forced.
pub(crate) async fn undo(
    ctx: &Context,
    copies: &[PolicyCopy],
    forced: bool,
) -> anyhow::Result<(Status, Option<String>)> {
    let client = ctx.dynamodb().await?;
    let mut done = Vec::new();
    let mut status = Status::AlreadyDone;
    for c in copies {
        let now = rp::get(client, &c.target_arn).await?;
        let back = c.target_before.as_deref();
        let Some(p) = now else {
            if back.is_none() {
                done.push(format!("{} policy: none already", c.on));
                continue;
            }
            return Ok((
                Status::Conflict,
                Some(format!(
                    "the target's {} policy was deleted since the cutover: left alone; --force {} puts its own back",
                    c.on, c.target_arn
                )),
            ));
        };
        if Some(p.document.as_str()) == back {
            done.push(format!("{} policy: its own already", c.on));
            continue;
        }
        if c.revision_after.as_deref() != Some(p.revision_id.as_str()) && !forced {
            return Ok((
                Status::Conflict,
                Some(format!(
                    "the target's {} policy changed since the cutover (RevisionId {}, the cutover left {}): left alone; --force {} sets it back anyway",
                    c.on,
                    p.revision_id,
                    c.revision_after.as_deref().unwrap_or("?"),
                    c.target_arn
                )),
            ));
        }
        match back {
            Some(doc) => {
                retry::call(BLOCKED_RETRY, blocked, || {
                    rp::put(client, &c.target_arn, doc, &p.revision_id)
                })
                .await?;
                done.push(format!("{} policy: the target's own put back", c.on));
            }
            None => {
                retry::call(BLOCKED_RETRY, blocked, || {
                    rp::delete(client, &c.target_arn, &p.revision_id)
                })
                .await?;
                done.push(format!("{} policy: the copy deleted", c.on));
            }
        }
        status = Status::Done;
    }
    Ok((status, Some(done.join("; "))))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ST: &str = "arn:aws:dynamodb:us-east-1:1:table/events";
    const TT: &str = "arn:aws:dynamodb:us-east-1:1:table/events-restored";
    const SS: &str = "arn:aws:dynamodb:us-east-1:1:table/events/stream/2000-01-01T00:00:00.000";
    const TS: &str =
        "arn:aws:dynamodb:us-east-1:1:table/events-restored/stream/2000-02-02T00:00:00.000";

    fn arns() -> Arns<'static> {
        Arns {
            source_table: ST,
            target_table: TT,
            source_stream: Some(SS),
            target_stream: Some(TS),
        }
    }

    #[test]
    fn the_table_its_indexes_and_its_stream_are_named_as_the_targets() {
        let doc = serde_json::json!({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::2:role/reader"},
                "Action": ["dynamodb:GetItem", "dynamodb:Query"],
                "Resource": [ST, format!("{ST}/index/*"), format!("{ST}/index/EventTypeIndex")],
                "Condition": {"ArnEquals": {"aws:SourceArn": SS}}
            }, {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "dynamodb:GetRecords",
                "Resource": [SS, format!("{ST}/stream/*"), format!("{ST}/stream/1999-12-31T00:00:00.000")]
            }, {
                "Effect": "Deny",
                "Principal": "*",
                "Action": "dynamodb:*",
                "Resource": "arn:aws:dynamodb:us-east-1:1:table/events-other"
            }]
        })
        .to_string();
        let out = rewrite(&doc, &arns()).unwrap();
        let v: Value = serde_json::from_str(&out).unwrap();
        let s0 = &v["Statement"][0];
        assert_eq!(s0["Resource"][0], TT);
        assert_eq!(s0["Resource"][1], format!("{TT}/index/*"));
        assert_eq!(s0["Resource"][2], format!("{TT}/index/EventTypeIndex"));
        assert_eq!(s0["Condition"]["ArnEquals"]["aws:SourceArn"], TS);
        assert_eq!(s0["Principal"]["AWS"], "arn:aws:iam::2:role/reader");
        let s1 = &v["Statement"][1];
        assert_eq!(
            s1["Resource"][0], TS,
            "the stream's ARN differs: a new label"
        );
        assert_eq!(s1["Resource"][1], format!("{TT}/stream/*"));
        assert_eq!(s1["Resource"][2], TS, "an older stream of the source");
        // Another table whose name starts with the source's is left alone.
        assert_eq!(
            v["Statement"][2]["Resource"],
            "arn:aws:dynamodb:us-east-1:1:table/events-other"
        );
        // Nothing of the source is left; the key order is kept.
        assert!(!out.contains("table/events\""), "{out}");
        assert!(!out.contains("table/events/"), "{out}");
        assert!(out.starts_with("{\"Version\""), "{out}");
    }

    #[test]
    fn a_policy_over_20_kb_with_the_targets_name_is_refused_and_white_space_is_dropped() {
        // Just under the limit as the source's (compact), over it with the longer target ARNs.
        let n = (POLICY_LIMIT_BYTES - 200) / (ST.len() + 3);
        let resources: Vec<String> = (0..n).map(|_| ST.to_owned()).collect();
        let doc = serde_json::json!({"Statement": [{"Resource": resources}]}).to_string();
        assert!(doc.len() <= POLICY_LIMIT_BYTES, "{}", doc.len());
        let e = rewrite(&doc, &arns()).unwrap_err();
        assert!(e.contains("over DynamoDB's 20 KB limit"), "{e}");
        // Pretty-printed source white space does not count against the copy.
        let pretty = serde_json::to_string_pretty(&serde_json::json!({"Resource": [ST]})).unwrap();
        let out = rewrite(&pretty, &arns()).unwrap();
        assert!(!out.contains('\n') && !out.contains("  "), "{out}");
        assert!(
            rewrite("{not json", &arns())
                .unwrap_err()
                .contains("not JSON")
        );
    }

    #[test]
    fn a_source_without_a_policy_has_none_to_copy() {
        let found = vec![Found {
            on: "table",
            source_arn: ST.into(),
            target_arn: TT.into(),
            source: None,
            target: None,
        }];
        let copies = plan(&found, &arns()).unwrap();
        assert!(copies.is_empty());
        assert!(change(&copies).contains("none to copy"));
    }
}
