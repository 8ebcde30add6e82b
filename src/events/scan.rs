//! Parallel Scan, page by page through a bounded channel: memory stays flat whatever the table
//! size. The key space is cut into `total_segments` (TotalSegments/Segment); at most
//! `concurrency` segments are read at once, so the number of segments can follow the table's
//! size (up to DynamoDB's 1,000,000) without the memory following it.
//!
//! Every page asks for `ReturnConsumedCapacity=TOTAL`: a read rate caps the read units DynamoDB
//! says it consumed (not item counts), and the caller can stop at a budget. A page that stays
//! throttled or unreachable after the SDK's attempts is retried with full-jitter backoff; a
//! segment that still fails is reported on the channel and the others go on. Each page carries
//! the segment's position after it (LastEvaluatedKey), so a caller can checkpoint and resume.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::Mutex;
use std::time::Duration;

use aws_sdk_dynamodb::Client;

use tokio::sync::mpsc;

use crate::aws::error::AwsError;
use crate::aws::items;
use crate::aws::retry::{self, Pacer, RetryPolicy};

use crate::events::model::Item;

/// DynamoDB's largest TotalSegments.
pub(crate) const MAX_TOTAL_SEGMENTS: i32 = 1_000_000;

#[derive(Debug, Clone)]
pub(crate) struct ScanSpec {
    /// TotalSegments: how many parts the key space is cut into.
    pub total_segments: i32,
    /// The segments to read, in this order; `None`: every one, `0..total_segments`.
    pub segments: Option<Vec<i32>>,
    /// Segments read at the same time.
    pub concurrency: usize,
    /// Stop each segment after about this many items (a bounded sample); `None` reads all.
    pub per_segment_limit: Option<usize>,
    /// ProjectionExpression and its name placeholders (reserved words aliased).
    pub projection: Option<(String, HashMap<String, String>)>,
    /// Select=COUNT: pages carry counts, no items.
    pub count_only: bool,
    /// Items per Scan call; `None`: full 1 MB pages.
    pub page_size: Option<i32>,
    /// Where a segment starts again (a resumed scan): segment -> ExclusiveStartKey.
    pub start_keys: HashMap<i32, Item>,
    /// Segments already read to the end (a resumed scan): skipped.
    pub done: HashSet<i32>,
    /// At most this many consumed read units per second, across all segments.
    pub read_rate: Option<f64>,
    /// Our own attempts at a page that stays throttled or unreachable after the SDK's.
    pub retry: RetryPolicy,
}

impl ScanSpec {
    /// `segments` segments, all read at once (small scans: samples, counts).
    pub(crate) fn new(segments: i32) -> ScanSpec {
        let segments = segments.clamp(1, MAX_TOTAL_SEGMENTS);
        ScanSpec {
            total_segments: segments,
            segments: None,
            concurrency: segments.min(64) as usize,
            per_segment_limit: None,
            projection: None,
            count_only: false,
            page_size: None,
            start_keys: HashMap::new(),
            done: HashSet::new(),
            read_rate: None,
            retry: RetryPolicy::new(6, Duration::from_millis(200), Duration::from_secs(10)),
        }
    }

    fn order(&self) -> Vec<i32> {
        let all = || (0..self.total_segments).collect::<Vec<_>>();
        self.segments
            .clone()
            .unwrap_or_else(all)
            .into_iter()
            .filter(|s| !self.done.contains(s))
            .collect()
    }
}

/// TotalSegments for a full scan of a table of `bytes`: one segment per 1 GB, at least
/// `min`, at most DynamoDB's 1,000,000. AWS suggests starting at about one segment per 2 GB
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html#Scan.ParallelScan);
/// smaller segments make a checkpoint lose less and spread a resumed scan further.
pub(crate) fn segments_for(bytes: i64, min: i32) -> i32 {
    let per_gb = (bytes.max(0) as f64 / 1e9).ceil() as i64;
    per_gb.clamp(min.max(1) as i64, MAX_TOTAL_SEGMENTS as i64) as i32
}

/// One Scan response.
#[derive(Debug, Default)]
pub(crate) struct ScanPage {
    pub segment: i32,
    pub items: Vec<Item>,
    /// Items in the page (the count when `count_only`).
    pub count: usize,
    /// Read units DynamoDB says the page consumed.
    pub consumed: f64,
    /// The segment's position after this page; `None` when the segment is finished.
    pub next: Option<Item>,
}

/// A segment that failed after every retry; the other segments go on.
#[derive(Debug, thiserror::Error)]
#[error("segment {segment}: {error}")]
pub(crate) struct SegmentError {
    pub segment: i32,
    pub error: AwsError,
}

/// Starts `concurrency` readers that take segments in order; pages arrive on the returned
/// channel until every segment is done (the channel then closes). Dropping the receiver stops
/// the readers after their current request.
pub(crate) fn start(
    client: Client,
    table: String,
    spec: ScanSpec,
) -> mpsc::Receiver<Result<ScanPage, SegmentError>> {
    let order = spec.order();
    let workers = spec.concurrency.clamp(1, order.len().max(1));
    let (tx, rx) = mpsc::channel(2 * workers);
    let queue = Arc::new(Mutex::new(order.into_iter()));
    // Consumed read units are known once a page is read: each one holds the next request back by
    // `units / rate` seconds.
    let rate = spec.read_rate.map(|r| Arc::new(Pacer::new(r)));
    let spec = Arc::new(spec);
    for _ in 0..workers {
        let (client, table, spec, tx, queue, rate) = (
            client.clone(),
            table.clone(),
            spec.clone(),
            tx.clone(),
            queue.clone(),
            rate.clone(),
        );
        tokio::spawn(async move {
            loop {
                let Some(segment) = queue.lock().expect("never poisoned").next() else {
                    return;
                };
                let start = spec.start_keys.get(&segment).cloned();
                if !read_segment(&client, &table, &spec, rate.as_deref(), segment, start, &tx).await
                {
                    return; // the reader stopped listening
                }
            }
        });
    }
    rx
}

/// Reads one segment to its end (or its limit); false when the receiver is gone.
async fn read_segment(
    client: &Client,
    table: &str,
    spec: &ScanSpec,
    rate: Option<&Pacer>,
    segment: i32,
    mut start: Option<Item>,
    tx: &mpsc::Sender<Result<ScanPage, SegmentError>>,
) -> bool {
    let mut seen = 0usize;
    loop {
        let page = match scan_page(client, table, spec, rate, segment, start.clone()).await {
            Ok(p) => p,
            Err(error) => return tx.send(Err(SegmentError { segment, error })).await.is_ok(),
        };
        seen += page.count;
        let more = page.next.is_some() && spec.per_segment_limit.is_none_or(|l| seen < l);
        let next = page.next.clone();
        let page = ScanPage {
            segment,
            items: page.items,
            count: page.count,
            consumed: page.consumed,
            next: if more { next.clone() } else { None },
        };
        if tx.send(Ok(page)).await.is_err() {
            return false;
        }
        if !more {
            return true;
        }
        start = next;
    }
}

/// One Scan call, retried with backoff while it is throttled, failing in passing or unanswered
/// (a read: sending it again changes nothing).
async fn scan_page(
    client: &Client,
    table: &str,
    spec: &ScanSpec,
    rate: Option<&Pacer>,
    segment: i32,
    start: Option<Item>,
) -> Result<items::Page, AwsError> {
    let expressions = match &spec.projection {
        Some((expr, names)) => items::Expressions {
            projection: Some(expr.clone()),
            names: names.clone(),
            ..Default::default()
        },
        None => items::Expressions::default(),
    };
    let request = items::Scan {
        segment,
        total_segments: spec.total_segments,
        limit: spec.page_size,
        count_only: spec.count_only,
        expressions,
        start,
    };
    retry::call(spec.retry, AwsError::is_transient, || {
        let request = request.clone();
        async move {
            if let Some(r) = rate {
                r.wait().await;
            }
            let page = items::scan(client, table, request).await?;
            if let Some(r) = rate {
                r.charge(page.consumed);
            }
            Ok(page)
        }
    })
    .await
}

/// Item count by a parallel Scan with Select=COUNT (exact, unlike DescribeTable's estimate).
pub(crate) async fn count(client: &Client, table: &str, segments: i32) -> Result<u64, AwsError> {
    let mut spec = ScanSpec::new(segments);
    spec.count_only = true;
    let mut rx = start(client.clone(), table.to_owned(), spec);
    let mut total = 0u64;
    while let Some(page) = rx.recv().await {
        total += page.map_err(|e| e.error)?.count as u64;
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_follow_the_table_size() {
        let cases = [
            (0, 4, 4),
            (5_000_000, 4, 4),
            (20_000_000_000, 4, 20),
            (2_600_000_000_000, 4, 2600),
            (i64::MAX, 4, MAX_TOTAL_SEGMENTS),
        ];
        for (bytes, min, want) in cases {
            assert_eq!(segments_for(bytes, min), want, "{bytes}");
        }
    }

    #[test]
    fn resumed_segments_are_skipped_and_chosen_ones_kept_in_order() {
        let mut spec = ScanSpec::new(6);
        spec.done = HashSet::from([1, 4]);
        assert_eq!(spec.order(), vec![0, 2, 3, 5]);
        spec.segments = Some(vec![5, 4, 0]);
        assert_eq!(spec.order(), vec![5, 0]);
    }
}
