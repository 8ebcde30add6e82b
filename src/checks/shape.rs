//! `health-check quarterly --from-export`: the table's shape, exactly, from a PITR export — the
//! key distribution, the item-size distribution (DynamoDB's own size rule), and the items that
//! lack a GSI's key attributes (they silently never appear in that index). Pure tally and
//! evaluation; the export is read by `scale::export`.

use crate::events::view::ItemView;
use crate::report::CheckId;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::checks::keys::KeyTally;
use crate::report::{Finding, Section};

const RB: &str = "Quarterly 3: Review partition key distribution";
/// Upper bounds of the item-size buckets, bytes (the last is DynamoDB's 400 KB limit).
pub(crate) const SIZE_BUCKETS: [usize; 5] = [1024, 4096, 16 * 1024, 64 * 1024, 400 * 1024];
const EXAMPLES: usize = 3;

#[derive(Debug, Clone, Default)]
pub(crate) struct ShapeTally {
    pub keys: KeyTally,
    pub sizes: [u64; SIZE_BUCKETS.len()],
    pub total_bytes: u64,
    pub max_bytes: u64,
    /// Index name -> (items missing one of its key attributes, example keys).
    pub missing_gsi: BTreeMap<String, (u64, Vec<String>)>,
}

impl ShapeTally {
    pub(crate) fn add(&mut self, item: &(impl ItemView + ?Sized)) {
        self.keys.add(item);
        let size = item.size();
        let bucket = SIZE_BUCKETS
            .iter()
            .position(|b| size <= *b)
            .unwrap_or(SIZE_BUCKETS.len() - 1);
        self.sizes[bucket] += 1;
        self.total_bytes += size as u64;
        self.max_bytes = self.max_bytes.max(size as u64);
        for g in crate::spec::table().gsis {
            if !item.has(g.partition_key.name) || !item.has(g.sort_key.name) {
                let e = self.missing_gsi.entry(g.name.to_owned()).or_default();
                e.0 += 1;
                if e.1.len() < EXAMPLES {
                    e.1.push(crate::checks::ttl::key_text(item));
                }
            }
        }
    }

    pub(crate) fn merge(&mut self, o: ShapeTally) {
        self.keys.merge(o.keys);
        for (a, b) in self.sizes.iter_mut().zip(o.sizes) {
            *a += b;
        }
        self.total_bytes += o.total_bytes;
        self.max_bytes = self.max_bytes.max(o.max_bytes);
        for (k, (n, ex)) in o.missing_gsi {
            let e = self.missing_gsi.entry(k).or_default();
            e.0 += n;
            let room = EXAMPLES.saturating_sub(e.1.len());
            e.1.extend(ex.into_iter().take(room));
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Shape {
    pub keys: crate::checks::keys::KeySummary,
    /// `[(upper bound in bytes, items)]`.
    pub sizes: Vec<(usize, u64)>,
    pub mean_bytes: f64,
    pub max_bytes: u64,
    pub missing_gsi: BTreeMap<String, (u64, Vec<String>)>,
}

impl From<&ShapeTally> for Shape {
    fn from(t: &ShapeTally) -> Shape {
        Shape {
            keys: (&t.keys).into(),
            sizes: SIZE_BUCKETS.iter().copied().zip(t.sizes).collect(),
            mean_bytes: t.total_bytes as f64 / t.keys.items.max(1) as f64,
            max_bytes: t.max_bytes,
            missing_gsi: t.missing_gsi.clone(),
        }
    }
}

crate::evidence! {
    /// `quarterly.item_sizes`: `[(upper bound in bytes, items)]`.
    struct SizesEvidence<'a> {
        sizes: &'a [(usize, u64)],
        mean_bytes: f64,
        max_bytes: u64,
    }
    /// `quarterly.gsi_keys.*`
    struct MissingGsiKeys<'a> { missing: u64, examples: &'a [String] }
}

pub fn evaluate(s: &Shape) -> Vec<Finding> {
    let mut out: Vec<Finding> =
        crate::checks::keys::evaluate(&s.keys, CheckId::QuarterlyExportKeys)
            .into_iter()
            .map(|f| f.runbook(RB))
            .collect();
    out.push(
        Finding::ok(
            CheckId::QuarterlyItemSizes,
            format!(
                "items average {}, the largest {} (limit 400 KB); {} over 4 KB (each read of them costs more than one read unit)",
                crate::vocab::words::whole(s.mean_bytes, "byte", "bytes"),
                crate::vocab::words::plural(s.max_bytes, "byte", "bytes"),
                s.sizes.iter().skip(2).map(|b| b.1).sum::<u64>()
            ),
        )
        .evidence(SizesEvidence {
            sizes: &s.sizes,
            mean_bytes: s.mean_bytes,
            max_bytes: s.max_bytes,
        })
        .runbook("Quarterly 2: capacity planning"),
    );
    for g in crate::spec::table().gsis {
        let check = CheckId::QuarterlyGsiKeys(g.name.to_string());
        out.push(match s.missing_gsi.get(g.name) {
            Some((n, ex)) if *n > 0 => Finding::warn(
                check,
                format!(
                    "{} lack `{}` or `{}`: they never appear in {} (e.g. {})",
                    crate::vocab::words::plural(*n, "item", "items"),
                    g.partition_key.name,
                    g.sort_key.name,
                    g.name,
                    ex.first().map(String::as_str).unwrap_or("-")
                ),
            )
            .remedy("write every event through the shared core (it sets both GSI sort keys); backfill the listed items")
            .evidence(MissingGsiKeys {
                missing: *n,
                examples: ex,
            }),
            _ => Finding::ok(
                check,
                format!("every item carries {}'s key attributes", g.name),
            ),
        }
        .runbook("Quarterly 3: GSI usage"));
    }
    out
}

pub(crate) fn sections(s: &Shape) -> Vec<Section> {
    let mut v = crate::checks::keys::sections(&s.keys);
    v.push(Section::table(
        "Item sizes (exact, from the export)",
        &["UP TO", "ITEMS"],
        s.sizes
            .iter()
            .map(|(b, n)| vec![format!("{} KB", b / 1024), n.to_string()])
            .collect(),
    ));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::model::Item;
    use crate::spec::{PARTITION_KEY, SORT_KEY, STATUS_SORT_KEY, TYPE_SORT_KEY};
    use aws_sdk_dynamodb::types::AttributeValue;
    use std::collections::HashMap;

    fn item(with_type_key: bool, payload: usize) -> Item {
        let mut m = HashMap::from([
            (PARTITION_KEY.to_owned(), AttributeValue::S("u".into())),
            (SORT_KEY.to_owned(), AttributeValue::S("t#e".into())),
            (STATUS_SORT_KEY.to_owned(), AttributeValue::S("s#t".into())),
            ("payload".to_owned(), AttributeValue::S("x".repeat(payload))),
        ]);
        if with_type_key {
            m.insert(TYPE_SORT_KEY.to_owned(), AttributeValue::S("k#t".into()));
        }
        m
    }

    #[test]
    fn sizes_and_gsi_gaps_are_counted_and_merged() {
        let mut a = ShapeTally::default();
        a.add(&item(true, 10));
        a.add(&item(false, 5000));
        let mut b = ShapeTally::default();
        b.add(&item(false, 20_000));
        a.merge(b);
        assert_eq!(a.sizes, [1, 0, 1, 1, 0]);
        assert_eq!(a.missing_gsi.get("EventTypeIndex").map(|m| m.0), Some(2));
        assert!(!a.missing_gsi.contains_key("StatusIndex"));
        let s = Shape::from(&a);
        let f = evaluate(&s);
        let status = |c: CheckId| f.iter().find(|x| x.check == c).unwrap().status;
        assert_eq!(
            status(CheckId::QuarterlyGsiKeys("EventTypeIndex".into())),
            crate::report::Status::Warn
        );
        assert_eq!(
            status(CheckId::QuarterlyGsiKeys("StatusIndex".into())),
            crate::report::Status::Ok
        );
        assert_eq!(
            status(CheckId::QuarterlyItemSizes),
            crate::report::Status::Ok
        );
    }
}
