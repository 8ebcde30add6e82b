//! A sample that spans the key space: small pages from many randomly chosen segments of a large
//! TotalSegments, instead of the first items of a few segments (a few users' events, clustered
//! in hash order). Each page is kept apart so that every proportion computed from the sample can
//! carry an interval that accounts for the clustering (`scale::stats`).

use std::collections::HashMap;

use aws_sdk_dynamodb::Client;
use serde::Serialize;

use crate::aws::AwsError;
use crate::events::model::Item;
use crate::events::scan::{MAX_TOTAL_SEGMENTS, ScanSpec, start};

/// Items per sampled page.
pub(crate) const PAGE: usize = 100;

/// Which segments a sample reads.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SamplePlan {
    pub total_segments: i32,
    /// Chosen at random, read in this order until the sample is full.
    pub segments: Vec<i32>,
    /// Items read from one segment at most.
    pub per_segment: usize,
    pub want: usize,
}

/// About `PAGE` items per segment (`approx_items` is DynamoDB's ItemCount, refreshed about every
/// six hours; 0 on a new table), so one page reads a segment's start; enough segments chosen for
/// the sample twice over, in case the estimate is stale.
pub(crate) fn plan(approx_items: i64, want: usize, rng: &mut impl rand::Rng) -> SamplePlan {
    let want = want.max(1);
    let total = (approx_items.max(0) as f64 / PAGE as f64)
        .ceil()
        .clamp(1.0, MAX_TOTAL_SEGMENTS as f64) as i32;
    let per_segment = PAGE.max(want.div_ceil(total as usize));
    let k = (2 * want.div_ceil(PAGE)).max(16).min(total as usize);
    let segments = rand::seq::index::sample(rng, total as usize, k)
        .into_iter()
        .map(|s| s as i32)
        .collect();
    SamplePlan {
        total_segments: total,
        segments,
        per_segment,
        want,
    }
}

/// What the sample cost and covered.
#[derive(Debug, Clone, Default, Serialize, PartialEq, schemars::JsonSchema)]
pub(crate) struct SampleCost {
    pub items: u64,
    pub pages: u64,
    pub read_units: f64,
    pub segments_read: u64,
    pub total_segments: i32,
    /// Every segment of the table was read to its end: the sample is the whole table, and what
    /// it counts is exact (no interval).
    pub whole_table: bool,
}

/// Whether a sample that ran to its end (not stopped at `want`) read the whole table: every
/// segment of the plan's TotalSegments chosen, and each ended before its per-segment limit (a
/// segment that reached the limit may hold more; it counts as cut, even if it happened to end
/// there).
pub(crate) fn read_whole(plan: &SamplePlan, per_segment: &HashMap<i32, usize>) -> bool {
    plan.segments.len() == plan.total_segments.max(0) as usize
        && plan
            .segments
            .iter()
            .all(|s| per_segment.get(s).is_some_and(|n| *n < plan.per_segment))
}

/// Reads the plan's segments `concurrency` at a time, handing each page's items to `page`,
/// until `want` items are read or the chosen segments are exhausted.
pub async fn run(
    client: &Client,
    table: &str,
    plan: &SamplePlan,
    concurrency: usize,
    projection: Option<(String, std::collections::HashMap<String, String>)>,
    mut page: impl FnMut(&[Item]),
) -> Result<SampleCost, AwsError> {
    let mut spec = ScanSpec::new(plan.total_segments);
    spec.segments = Some(plan.segments.clone());
    spec.concurrency = concurrency.max(1);
    spec.per_segment_limit = Some(plan.per_segment);
    spec.page_size = Some(plan.per_segment.min(1000) as i32);
    spec.projection = projection;
    let mut rx = start(client.clone(), table.to_owned(), spec);
    let mut cost = SampleCost {
        total_segments: plan.total_segments,
        ..SampleCost::default()
    };
    // Items read per segment; `whole` stays false when the sample stops at `want`.
    let mut segments: HashMap<i32, usize> = HashMap::new();
    let mut ran_out = true;
    while let Some(p) = rx.recv().await {
        let p = p.map_err(|e| e.error)?;
        let room = plan.want.saturating_sub(cost.items as usize);
        let items = &p.items[..p.items.len().min(room)];
        cost.items += items.len() as u64;
        cost.pages += 1;
        cost.read_units += p.consumed;
        *segments.entry(p.segment).or_default() += p.items.len();
        if !items.is_empty() {
            page(items);
        }
        if cost.items as usize >= plan.want {
            ran_out = false;
            break;
        }
    }
    cost.segments_read = segments.len() as u64;
    cost.whole_table = ran_out && read_whole(plan, &segments);
    Ok(cost)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn the_plan_spreads_over_the_key_space() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let cases = [
            // (items, want, total segments, per segment, segments chosen)
            (2_600_000_000i64, 10_000usize, MAX_TOTAL_SEGMENTS, 100, 200),
            (1_000_000, 10_000, 10_000, 100, 200),
            (3_000, 10_000, 30, 334, 30),
            (0, 500, 1, 500, 1),
        ];
        for (items, want, total, per, k) in cases {
            let p = plan(items, want, &mut rng);
            assert_eq!(
                (p.total_segments, p.per_segment, p.segments.len()),
                (total, per, k),
                "{items}"
            );
            let distinct: std::collections::HashSet<_> = p.segments.iter().collect();
            assert_eq!(distinct.len(), p.segments.len());
            assert!(p.segments.iter().all(|s| (0..total).contains(s)));
        }
        // Large tables: the chosen segments are spread, not the first ones.
        let p = plan(1_000_000, 10_000, &mut rng);
        assert!(p.segments.iter().any(|s| *s > 5_000));
    }

    /// Issue 23 §5: a sample that read all 2,000 items of a table still gave a 95% interval.
    #[test]
    fn only_every_segment_read_to_its_end_is_the_whole_table() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(3);
        // 2,000 items, 10,000 wanted: 20 segments, all chosen, 500 items each at most.
        let p = plan(2_000, 10_000, &mut rng);
        assert_eq!(
            (p.total_segments, p.segments.len(), p.per_segment),
            (20, 20, 500)
        );
        let read = |n: usize| -> HashMap<i32, usize> { (0..20).map(|s| (s, n)).collect() };
        assert!(read_whole(&p, &read(100)));
        // A segment at its limit may hold more; a segment not read is not read.
        let mut cut = read(100);
        cut.insert(7, 500);
        assert!(!read_whole(&p, &cut));
        let mut missing = read(100);
        missing.remove(&3);
        assert!(!read_whole(&p, &missing));
        // A large table: some segments only, never the whole.
        let big = plan(1_000_000, 10_000, &mut rng);
        let all: HashMap<i32, usize> = big.segments.iter().map(|s| (*s, 1)).collect();
        assert!(!read_whole(&big, &all));
    }
}
