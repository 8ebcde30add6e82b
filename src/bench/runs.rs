//! The bench's events written and deleted in batches: the read bench's seed, a run's cleanup,
//! and the runs left behind (killed, or `--keep`) found by their markers (a Query per bench
//! user, never a Scan).

use chrono::{DateTime, Utc};
use futures::StreamExt;
use serde_json::Value;

use super::events::{self, RUNS_USER};
use crate::events::keys::Access;
use crate::events::model::Item;
use crate::events::query::{QueryError, QuerySpec, query};
use crate::events::writer::{BATCH_SIZE, DeleteKey, Pending, RetryPolicy, WriteStats, write_batch};

/// Writes `per_user` events for each of `users` users of `run`, in batches (the read bench's
/// data); their keys, for cleanup.
pub(crate) async fn seed(
    client: &aws_sdk_dynamodb::Client,
    table: &str,
    run: &str,
    users: u32,
    per_user: u64,
) -> anyhow::Result<Vec<DeleteKey>> {
    let stats = WriteStats::default();
    let mut keys = Vec::new();
    let mut batch = Vec::new();
    let now = Utc::now();
    for u in 0..users {
        for n in 0..per_user {
            let event = events::event(run, u, n, now)?;
            keys.push(DeleteKey {
                user_id: event.user_id.clone(),
                sort_key: event.sort_key(),
            });
            batch.push(Pending::from_event(0, &event)?);
            if batch.len() == BATCH_SIZE {
                let full = std::mem::take(&mut batch);
                let failed = write_batch(client, table, full, RetryPolicy::default(), &stats).await;
                ensure_seeded(failed.first().map(|f| f.reason.as_str()))?;
            }
        }
    }
    if !batch.is_empty() {
        let failed = write_batch(client, table, batch, RetryPolicy::default(), &stats).await;
        ensure_seeded(failed.first().map(|f| f.reason.as_str()))?;
    }
    Ok(keys)
}

fn ensure_seeded(first_failure: Option<&str>) -> anyhow::Result<()> {
    match first_failure {
        None => Ok(()),
        Some(reason) => Err(anyhow::anyhow!("seeding the read bench failed: {reason}")),
    }
}

/// Deletes events by key in batches of 25, 8 batches at a time; how many could not be deleted.
pub(crate) async fn delete(
    client: &aws_sdk_dynamodb::Client,
    table: &str,
    keys: Vec<DeleteKey>,
) -> usize {
    let stats = WriteStats::default();
    let chunks: Vec<Vec<DeleteKey>> = keys.chunks(BATCH_SIZE).map(<[DeleteKey]>::to_vec).collect();
    futures::stream::iter(chunks)
        .map(|c| {
            let stats = &stats;
            async move {
                write_batch(client, table, c, RetryPolicy::default(), stats)
                    .await
                    .len()
            }
        })
        .buffer_unordered(8)
        .fold(0, |a, b| async move { a + b })
        .await
}

/// One bench run found by its marker.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    pub id: String,
    pub users: u32,
    pub started: DateTime<Utc>,
    pub marker: DeleteKey,
}

fn key_of(item: &Item) -> Option<DeleteKey> {
    Some(DeleteKey {
        user_id: item.get(crate::spec::PARTITION_KEY)?.as_s().ok()?.clone(),
        sort_key: item.get(crate::spec::SORT_KEY)?.as_s().ok()?.clone(),
    })
}

/// The run a marker (as JSON, with its key) describes; `None` for anything else in the runs
/// partition. Its users are capped as `--users` caps them. Pure.
pub(crate) fn run_of(marker: &Value, key: DeleteKey) -> Option<Run> {
    let payload = &marker["payload"];
    let started = marker["timestamp"]
        .as_str()
        .and_then(|t| crate::times::parse_rfc3339(t).ok())?;
    Some(Run {
        id: payload["run_id"].as_str()?.to_owned(),
        users: u32::try_from(payload["users"].as_u64()?)
            .unwrap_or(u32::MAX)
            .min(100_000),
        started,
        marker: key,
    })
}

/// The runs `bench cleanup` acts on: `only` that one (`--run`), started before `cutoff`
/// (`--older-than`); and how many matched but were too recent (a run may still be going). Pure.
pub(crate) fn select<'a>(
    runs: &'a [Run],
    only: Option<&str>,
    cutoff: DateTime<Utc>,
) -> (Vec<&'a Run>, usize) {
    let matching = runs.iter().filter(|r| only.is_none_or(|id| id == r.id));
    let (recent, old): (Vec<&Run>, Vec<&Run>) = matching.partition(|r| r.started > cutoff);
    (old, recent.len())
}

fn query_error(e: QueryError) -> anyhow::Error {
    match e {
        QueryError::Aws(e) => e.into(),
        QueryError::Sink(e) => e.into(),
    }
}

/// Every key of one partition (expired items included: they are still stored), each item
/// given to `each` first.
async fn partition(
    client: &aws_sdk_dynamodb::Client,
    table: &str,
    user: &str,
    mut each: impl FnMut(&Item),
) -> anyhow::Result<Vec<DeleteKey>> {
    let mut spec = QuerySpec::new(user, Access::Table, Utc::now().timestamp());
    spec.include_expired = true;
    let mut keys = Vec::new();
    query(client, table, &spec, |item| {
        each(item);
        keys.extend(key_of(item));
        Ok(true)
    })
    .await
    .map_err(query_error)?;
    Ok(keys)
}

/// The runs their markers list.
pub(crate) async fn find(
    client: &aws_sdk_dynamodb::Client,
    table: &str,
) -> anyhow::Result<Vec<Run>> {
    let mut runs = Vec::new();
    partition(client, table, RUNS_USER, |item| {
        if let Some(key) = key_of(item) {
            runs.extend(run_of(&crate::events::model::stored_event_json(item), key));
        }
    })
    .await?;
    Ok(runs)
}

/// Every event key of a run's users.
pub(crate) async fn keys_of(
    client: &aws_sdk_dynamodb::Client,
    table: &str,
    run: &Run,
) -> anyhow::Result<Vec<DeleteKey>> {
    let mut keys = Vec::new();
    for u in 0..run.users {
        keys.extend(partition(client, table, &events::user(&run.id, u), |_| {}).await?);
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn key(s: &str) -> DeleteKey {
        DeleteKey {
            user_id: RUNS_USER.into(),
            sort_key: s.into(),
        }
    }

    // clock-free: markers of fixed times, judged against a fixed cutoff.
    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(secs, 0).unwrap_or_default()
    }

    fn run(id: &str, started: i64) -> Run {
        Run {
            id: id.into(),
            users: 2,
            started: at(started),
            marker: key(id),
        }
    }

    #[test]
    fn a_marker_is_a_run_and_anything_else_in_its_partition_is_not() {
        let marker = json!({
            "timestamp": "2000-01-01T00:00:00.000000Z",
            "payload": {"run_id": "18f0a", "users": 500_000, "mode": "write"},
        });
        let r = run_of(&marker, key("k")).expect("a run");
        assert_eq!(r.id, "18f0a");
        assert_eq!(r.users, 100_000, "capped as --users is");
        assert_eq!(r.started, at(946_684_800));
        assert_eq!(run_of(&json!({"payload": {"run_id": "x"}}), key("k")), None);
        let no_users = json!({"timestamp": "2000-01-01T00:00:00Z", "payload": {"run_id": "x"}});
        assert_eq!(run_of(&no_users, key("k")), None);
    }

    #[test]
    fn cleanup_takes_the_runs_named_and_old_enough_and_counts_the_recent_ones() {
        let runs = [run("a", 1_000), run("b", 5_000), run("c", 2_000)];
        let ids = |s: &[&Run]| s.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
        let (old, recent) = select(&runs, None, at(3_000));
        assert_eq!(
            (ids(&old), recent),
            (vec!["a".to_owned(), "c".to_owned()], 1)
        );
        let (old, recent) = select(&runs, Some("b"), at(3_000));
        assert_eq!((ids(&old), recent), (Vec::<String>::new(), 1));
        let (old, recent) = select(&runs, Some("c"), at(3_000));
        assert_eq!((ids(&old), recent), (vec!["c".to_owned()], 0));
        assert_eq!(select(&runs, Some("zz"), at(3_000)).0.len(), 0);
    }
}
