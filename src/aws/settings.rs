//! The settings a table of this tool carries beyond its keys (TTL, stream, PITR, tags, and for a
//! restore deletion protection), brought to what is wanted by describing first and changing
//! only what differs.
//!
//! AWS refuses to repeat some of these: UpdateTimeToLive that enables TTL already enabled and
//! UpdateTable that enables a stream that exists answer ValidationException, and TagResource
//! refuses keys starting with `aws:` (reserved for AWS). So `table create` (run again),
//! `pitr-restore` (re-apply, `--resume`) and `dr-drill` all come through here.
//! <https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html>
//! <https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html>
//! <https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TagResource.html>

use std::time::Duration;

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::{PointInTimeRecoveryStatus, StreamViewType, Tag, TimeToLiveStatus};
use serde::Serialize;

use super::error::AwsError;
use super::table as ddb;

/// What the table should have.
#[derive(Debug, Clone)]
pub(crate) struct Desired {
    pub ttl_attribute: String,
    pub stream_view: StreamViewType,
    pub pitr_days: i32,
    /// Added or updated; tags the table has beyond these are kept. `aws:` keys are dropped.
    pub tags: Vec<Tag>,
    pub deletion_protection: Protection,
}

/// Deletion protection, which a restore drops (docs/aws-facts.md §6.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Protection {
    /// Not this caller's to set (`table create`): not among the outcomes.
    NotManaged,
    /// Turn it on: the source table has it.
    On,
    /// Leave it off, and say why (the source has none; a drill table is deleted afterwards).
    LeaveOff(&'static str),
}

/// What happened to one setting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "outcome", content = "detail")]
#[schemars(rename = "SettingChange")]
pub enum Change {
    /// Already as wanted: no call made.
    Unchanged(String),
    /// Changed now (or, in a dry run, would be).
    Applied(String),
    /// Could not be set; the one-line reason.
    Failed(String),
}

impl Change {
    pub(crate) fn is_failed(&self) -> bool {
        matches!(self, Change::Failed(_))
    }

    pub(crate) fn text(&self) -> &str {
        match self {
            Change::Unchanged(t) | Change::Applied(t) | Change::Failed(t) => t,
        }
    }
}

/// Per setting, in the order ttl, stream, pitr, tags (and deletion_protection when managed).
pub(crate) type Outcomes = Vec<(&'static str, Change)>;

/// Did anything change (or, in a dry run, need to)?
pub(crate) fn changed(outcomes: &Outcomes) -> bool {
    outcomes
        .iter()
        .any(|(_, c)| matches!(c, Change::Applied(_)))
}

/// Keys AWS reserves: never copied from one table to another, never written.
pub(crate) fn is_aws_tag(key: &str) -> bool {
    key.to_ascii_lowercase().starts_with("aws:")
}

/// The tags of `want` that `have` lacks or holds with another value, `aws:` keys left out.
pub(crate) fn missing_tags(have: &[Tag], want: &[Tag]) -> Vec<Tag> {
    let mut out: Vec<Tag> = Vec::new();
    for t in want {
        if is_aws_tag(&t.key) || out.iter().any(|o| o.key == t.key) {
            continue;
        }
        if !have.iter().any(|h| h.key == t.key && h.value == t.value) {
            out.push(t.clone());
        }
    }
    out
}

fn text(e: &AwsError) -> String {
    e.to_string()
}

async fn ttl(client: &Client, name: &str, want: &Desired, dry_run: bool) -> Change {
    let attr = &want.ttl_attribute;
    let have = match ddb::describe_ttl(client, name).await {
        Ok(d) => d,
        Err(e) => return Change::Failed(text(&e)),
    };
    let status = have.as_ref().and_then(|d| d.time_to_live_status().cloned());
    let have_attr = have.as_ref().and_then(|d| d.attribute_name());
    match status {
        Some(TimeToLiveStatus::Enabled | TimeToLiveStatus::Enabling) if have_attr == Some(attr) => {
            Change::Unchanged(format!("already enabled on `{attr}`"))
        }
        Some(TimeToLiveStatus::Enabled | TimeToLiveStatus::Enabling) => Change::Failed(format!(
            "TTL is on `{}`, not `{attr}`: changing it means disabling it first (AWS allows one TTL change an hour); left as it is",
            have_attr.unwrap_or("?")
        )),
        Some(TimeToLiveStatus::Disabling) => Change::Failed(
            "TTL is being disabled; AWS accepts the next change within about an hour: run this again then".into(),
        ),
        _ if dry_run => Change::Applied(format!("would enable on `{attr}`")),
        _ => match ddb::enable_ttl(client, name, attr).await {
            Ok(()) => Change::Applied(format!("enabled on `{attr}`")),
            Err(e) => Change::Failed(ttl_failure(&e)),
        },
    }
}

/// AWS takes one TTL change per table about every hour: enabling TTL within the hour after
/// someone disabled it is refused with ValidationException "Time to live has been modified
/// multiple times within a fixed interval". Said as what to do; other failures as they are.
/// (The emulator does not model the hour: `settings::tests` holds the AWS-shaped error.)
fn ttl_failure(e: &AwsError) -> String {
    if e.message
        .contains("modified multiple times within a fixed interval")
    {
        format!(
            "AWS takes one TTL change an hour and TTL was changed within the last hour (switched off?): run this again later; nothing changed ({e})"
        )
    } else {
        text(e)
    }
}

async fn stream(client: &Client, name: &str, want: &Desired, dry_run: bool) -> Change {
    let view = want.stream_view.as_str();
    let table = match ddb::describe(client, name).await {
        Ok(Some(t)) => t,
        Ok(None) => return Change::Failed(format!("table {name} does not exist")),
        Err(e) => return Change::Failed(text(&e)),
    };
    let spec = table.stream_specification();
    let enabled = spec.is_some_and(|s| s.stream_enabled());
    let have_view = spec.and_then(|s| s.stream_view_type());
    match (enabled, have_view) {
        (true, Some(v)) if *v == want.stream_view => {
            Change::Unchanged(format!("already enabled, {view}"))
        }
        (true, v) => Change::Failed(format!(
            "the stream is {}, not {view}: changing the view means disabling the stream (its consumers lose their position); left as it is",
            v.map(|v| v.as_str()).unwrap_or("?")
        )),
        _ if dry_run => Change::Applied(format!("would enable, {view}")),
        _ => match ddb::enable_stream(client, name, want.stream_view.clone()).await {
            Ok(()) => Change::Applied(format!(
                "enabled, {view} (a new stream ARN: re-point consumers)"
            )),
            Err(e) => Change::Failed(text(&e)),
        },
    }
}

async fn pitr(
    client: &Client,
    name: &str,
    want: &Desired,
    dry_run: bool,
    within: Duration,
) -> Change {
    let days = want.pitr_days;
    let have = match ddb::describe_backups(client, name).await {
        Ok(d) => d,
        Err(e) => return Change::Failed(text(&e)),
    };
    let pitr = have
        .as_ref()
        .and_then(|d| d.point_in_time_recovery_description());
    let enabled = pitr.and_then(|p| p.point_in_time_recovery_status())
        == Some(&PointInTimeRecoveryStatus::Enabled);
    // Enabled without a period reported: the default, 35 days.
    let have_days = pitr
        .and_then(|p| p.recovery_period_in_days())
        .unwrap_or(crate::spec::PITR_DAYS);
    if enabled && have_days == days {
        return Change::Unchanged(format!(
            "already enabled, {}",
            crate::vocab::words::signed(days, "day", "days")
        ));
    }
    let what = if enabled {
        format!(
            "retention {have_days} -> {}",
            crate::vocab::words::signed(days, "day", "days")
        )
    } else {
        format!(
            "enabled, {}",
            crate::vocab::words::signed(days, "day", "days")
        )
    };
    if dry_run {
        return Change::Applied(format!("would set: {what}"));
    }
    match ddb::enable_pitr(client, name, days, within).await {
        Ok(()) => Change::Applied(what),
        Err(e) => Change::Failed(text(&e)),
    }
}

/// Adds the tags of `want` the table lacks (`aws:` keys never), keeping the others.
pub(crate) async fn tag_missing(
    client: &Client,
    arn: Option<&str>,
    want: &[Tag],
    dry_run: bool,
) -> Change {
    let Some(arn) = arn else {
        return Change::Failed("the table has no ARN to tag".into());
    };
    let have = match ddb::tags(client, arn).await {
        Ok(t) => t,
        Err(e) => return Change::Failed(text(&e)),
    };
    let missing = missing_tags(&have, want);
    let listed = |tags: &[Tag]| {
        tags.iter()
            .map(|t| format!("{}={}", t.key, t.value))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if missing.is_empty() {
        return Change::Unchanged("already tagged".into());
    }
    let text_of = listed(&missing);
    if dry_run {
        return Change::Applied(format!("would add {text_of}"));
    }
    match ddb::tag(client, arn, missing).await {
        Ok(()) => Change::Applied(format!("added {text_of}")),
        Err(e) => Change::Failed(text(&e)),
    }
}

/// Turns deletion protection on when wanted and off (`within` bounds the wait for ACTIVE).
async fn protection(
    client: &Client,
    name: &str,
    want: &Desired,
    dry_run: bool,
    within: Duration,
) -> Option<Change> {
    let why_off = match &want.deletion_protection {
        Protection::NotManaged => return None,
        Protection::LeaveOff(why) => Some(*why),
        Protection::On => None,
    };
    let on = match ddb::describe(client, name).await {
        Ok(Some(t)) => t.deletion_protection_enabled() == Some(true),
        Ok(None) => return Some(Change::Failed(format!("table {name} does not exist"))),
        Err(e) => return Some(Change::Failed(text(&e))),
    };
    Some(match (why_off, on) {
        (_, true) => Change::Unchanged("already on".into()),
        (Some(why), false) => Change::Unchanged(format!("left off: {why}")),
        (None, false) if dry_run => Change::Applied("would turn on (the source has it)".into()),
        (None, false) => match ddb::protect_from_deletion(client, name, within).await {
            Ok(()) => Change::Applied("turned on (the source has it)".into()),
            Err(e) => Change::Failed(text(&e)),
        },
    })
}

/// `table fix`: TTL back on on `ttl_attribute` and PITR back on (`pitr_days`) where they are
/// off; an enabled PITR keeps its recovery period, and nothing else is touched (keys, indexes,
/// the stream, tags: the infrastructure code's).
pub(crate) async fn put_back(
    client: &Client,
    name: &str,
    ttl_attribute: &str,
    pitr_days: i32,
    dry_run: bool,
    pitr_within: Duration,
) -> Outcomes {
    let want = Desired {
        ttl_attribute: ttl_attribute.to_owned(),
        stream_view: StreamViewType::NewImage,
        pitr_days,
        tags: Vec::new(),
        deletion_protection: Protection::NotManaged,
    };
    let ttl = ttl(client, name, &want, dry_run).await;
    let pitr = pitr_if_off(client, name, &want, dry_run, pitr_within).await;
    vec![("ttl", ttl), ("pitr", pitr)]
}

/// PITR on when it is off; an enabled PITR is left as it is, whatever its recovery period.
async fn pitr_if_off(
    client: &Client,
    name: &str,
    want: &Desired,
    dry_run: bool,
    within: Duration,
) -> Change {
    match ddb::describe_backups(client, name).await {
        Err(e) => Change::Failed(text(&e)),
        Ok(d) => {
            let on = d
                .as_ref()
                .and_then(|d| d.point_in_time_recovery_description())
                .and_then(|p| p.point_in_time_recovery_status())
                == Some(&PointInTimeRecoveryStatus::Enabled);
            if on {
                Change::Unchanged("already enabled (its recovery period left as it is)".into())
            } else {
                pitr(client, name, want, dry_run, within).await
            }
        }
    }
}

/// Describes TTL, stream, PITR, tags (and deletion protection when managed) of `name` and
/// changes only what differs from `want`. Every setting is tried even when one fails.
/// `pitr_within` bounds the wait for backups, and for ACTIVE before deletion protection.
pub(crate) async fn converge(
    client: &Client,
    name: &str,
    arn: Option<&str>,
    want: &Desired,
    dry_run: bool,
    pitr_within: Duration,
) -> Outcomes {
    // One at a time: UpdateTable (stream) and UpdateContinuousBackups on a table that is
    // UPDATING can conflict.
    let ttl = ttl(client, name, want, dry_run).await;
    let stream = stream(client, name, want, dry_run).await;
    let pitr = pitr(client, name, want, dry_run, pitr_within).await;
    let tags = tag_missing(client, arn, &want.tags, dry_run).await;
    let mut out = vec![
        ("ttl", ttl),
        ("stream", stream),
        ("pitr", pitr),
        ("tags", tags),
    ];
    // Last: after the stream's UpdateTable the table is UPDATING for a while.
    if let Some(p) = protection(client, name, want, dry_run, pitr_within).await {
        out.push(("deletion_protection", p));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(k: &str, v: &str) -> Tag {
        Tag::builder().key(k).value(v).build().unwrap()
    }

    #[test]
    fn a_second_ttl_change_within_the_hour_says_to_run_again_later() {
        let refused = AwsError::local(
            crate::aws::AwsErrorKind::Other,
            "dynamodb",
            "UpdateTimeToLive",
            None,
            "Time to live has been modified multiple times within a fixed interval",
        );
        let t = ttl_failure(&refused);
        assert!(
            t.starts_with("AWS takes one TTL change an hour") && t.contains("run this again later"),
            "{t}"
        );
        let other = AwsError::local(
            crate::aws::AwsErrorKind::AccessDenied,
            "dynamodb",
            "UpdateTimeToLive",
            None,
            "not authorized",
        );
        assert_eq!(ttl_failure(&other), other.to_string());
    }

    #[test]
    fn only_missing_tags_and_never_aws_ones() {
        let have = [tag("team", "a"), tag("aws:cloudformation:stack-name", "s")];
        let want = [
            tag("team", "a"),
            tag("env", "prod"),
            tag("aws:cloudformation:stack-name", "s"),
            tag("AWS:x", "y"),
            tag("owner", "b"),
            tag("owner", "c"),
        ];
        let m = missing_tags(&have, &want);
        let keys: Vec<(&str, &str)> = m
            .iter()
            .map(|t| (t.key.as_str(), t.value.as_str()))
            .collect();
        assert_eq!(keys, [("env", "prod"), ("owner", "b")]);
        // A value that differs is re-set.
        let m = missing_tags(&[tag("team", "old")], &[tag("team", "new")]);
        assert_eq!(m.len(), 1);
    }
}
