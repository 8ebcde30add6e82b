//! Parallel Scan, page by page through a bounded channel: memory stays flat whatever the table
//! size, and the segments read concurrently (TotalSegments/Segment).

use std::collections::HashMap;

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::{AttributeValue, Select};
use tokio::sync::mpsc;

use crate::aws::error::{AwsError, AwsResultExt, table_resource};

pub type Item = HashMap<String, AttributeValue>;

#[derive(Debug, Clone)]
pub struct ScanSpec {
    pub segments: i32,
    /// Stop each segment after about this many items (a bounded sample); `None` reads all.
    pub per_segment_limit: Option<usize>,
    /// ProjectionExpression and its name placeholders (reserved words aliased).
    pub projection: Option<(String, HashMap<String, String>)>,
    /// Select=COUNT: pages carry counts, no items.
    pub count_only: bool,
    /// Items per Scan call; `None`: full 1 MB pages.
    pub page_size: Option<i32>,
}

impl ScanSpec {
    pub fn new(segments: i32) -> ScanSpec {
        ScanSpec {
            segments: segments.max(1),
            per_segment_limit: None,
            projection: None,
            count_only: false,
            page_size: None,
        }
    }
}

/// One Scan response.
#[derive(Debug, Default)]
pub struct ScanPage {
    pub segment: i32,
    pub items: Vec<Item>,
    /// Items in the page (the count when `count_only`).
    pub count: usize,
}

/// Starts one task per segment; pages arrive on the returned channel until every segment is
/// done (the channel then closes). At most two pages per segment wait in the channel.
pub fn start(
    client: Client,
    table: String,
    spec: ScanSpec,
) -> mpsc::Receiver<Result<ScanPage, AwsError>> {
    let (tx, rx) = mpsc::channel(2 * spec.segments as usize);
    for segment in 0..spec.segments {
        let (client, table, spec, tx) = (client.clone(), table.clone(), spec.clone(), tx.clone());
        tokio::spawn(async move {
            let mut start: Option<Item> = None;
            let mut seen = 0usize;
            loop {
                let mut req = client
                    .scan()
                    .table_name(&table)
                    .segment(segment)
                    .total_segments(spec.segments)
                    .set_limit(spec.page_size)
                    .set_exclusive_start_key(start.take());
                if spec.count_only {
                    req = req.select(Select::Count);
                }
                if let Some((expr, names)) = &spec.projection {
                    req = req
                        .projection_expression(expr)
                        .set_expression_attribute_names(Some(names.clone()));
                }
                let out = req
                    .send()
                    .await
                    .aws("dynamodb", "Scan", table_resource(&table));
                let out = match out {
                    Ok(o) => o,
                    Err(e) => {
                        let _ = tx.send(Err(e)).await;
                        return;
                    }
                };
                let items = out.items.unwrap_or_default();
                let count = if spec.count_only {
                    out.count.max(0) as usize
                } else {
                    items.len()
                };
                seen += count;
                let next = out.last_evaluated_key.filter(|k| !k.is_empty());
                if tx
                    .send(Ok(ScanPage {
                        segment,
                        items,
                        count,
                    }))
                    .await
                    .is_err()
                {
                    return; // the reader stopped
                }
                match next {
                    Some(k) if spec.per_segment_limit.is_none_or(|l| seen < l) => start = Some(k),
                    _ => return,
                }
            }
        });
    }
    rx
}

/// Item count by a parallel Scan with Select=COUNT (exact, unlike DescribeTable's estimate).
pub async fn count(client: &Client, table: &str, segments: i32) -> Result<u64, AwsError> {
    let mut spec = ScanSpec::new(segments);
    spec.count_only = true;
    let mut rx = start(client.clone(), table.to_owned(), spec);
    let mut total = 0u64;
    while let Some(page) = rx.recv().await {
        total += page?.count as u64;
    }
    Ok(total)
}
