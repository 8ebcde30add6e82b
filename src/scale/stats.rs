//! Confidence intervals for what a sample says about the whole table.
//!
//! A sample reads small pages from many random segments: each page is a *cluster* of items that
//! sit next to each other in hash order (often one user's events), not independent draws. The
//! interval therefore uses the ratio estimator's between-cluster variance, turned into an
//! effective sample size, and a Wilson score interval on that size (which stays inside [0, 1]
//! and is honest at 0 % and 100 %). When the "sample" is the whole table (every segment read to
//! its end), there is nothing to estimate: the share is exact and carries no interval. Pure
//! functions, no AWS.

use serde::{Deserialize, Serialize};

/// z for a two-sided 95 % interval.
pub(crate) const Z95: f64 = 1.959_963_984_540_054;

/// One page of a sample: how many items it held and how many of them had the property.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Cluster {
    pub items: u64,
    pub hits: u64,
}

/// A proportion with its 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub(crate) struct Proportion {
    pub hits: u64,
    pub items: u64,
    pub share: f64,
    pub low: f64,
    pub high: f64,
    /// Items the clustering is worth as independent draws.
    pub effective_n: f64,
    /// Counted over the whole table, not estimated: `low` = `high` = `share`.
    pub exact: bool,
}

impl Proportion {
    /// `hits` of all `items` of the table: the share itself, no interval.
    pub(crate) fn exact(hits: u64, items: u64) -> Proportion {
        let share = if items == 0 {
            0.0
        } else {
            hits as f64 / items as f64
        };
        Proportion {
            hits,
            items,
            share,
            low: share,
            high: share,
            effective_n: items as f64,
            exact: true,
        }
    }

    /// `3.1% (95% CI 2.0-4.5%) of the table`; exact: `3.1% of the table (exact)`.
    pub(crate) fn of_table(&self) -> String {
        if self.exact {
            return format!("{} of the table (exact)", pct(self.share));
        }
        format!("{} of the table", self.text())
    }

    /// `3.1% (95% CI 2.0-4.5%)`; exact: `3.1% (exact: every item read)`.
    pub(crate) fn text(&self) -> String {
        if self.exact {
            return format!("{} (exact: every item read)", pct(self.share));
        }
        format!(
            "{} (95% CI {}-{})",
            pct(self.share),
            pct_bare(self.low),
            pct(self.high)
        )
    }

    #[cfg(test)]
    pub(crate) fn contains(&self, p: f64) -> bool {
        self.low - 1e-12 <= p && p <= self.high + 1e-12
    }
}

fn pct(p: f64) -> String {
    format!("{}%", pct_bare(p))
}

fn pct_bare(p: f64) -> String {
    let v = p * 100.0;
    if v != 0.0 && v.abs() < 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.1}")
    }
}

/// Wilson score interval for `hits` of `n` (n may be fractional: an effective size).
pub(crate) fn wilson(hits: f64, n: f64, z: f64) -> (f64, f64) {
    if n <= 0.0 {
        return (0.0, 1.0);
    }
    let p = (hits / n).clamp(0.0, 1.0);
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    // At 0 % and 100 % the bound is exact (rounding would leave a 1e-18 instead).
    let low = if p == 0.0 {
        0.0
    } else {
        (centre - half).max(0.0)
    };
    let high = if p == 1.0 {
        1.0
    } else {
        (centre + half).min(1.0)
    };
    (low, high)
}

/// The share of items with a property over clustered pages, with a 95 % interval.
///
/// The design effect is the ratio estimator's variance over the simple-random-sampling one; the
/// effective size is `n / deff` (never more than `n`). When every page agrees (the share is 0 or
/// 1 and the variance vanishes) the clustering cannot be measured, so the number of pages is
/// taken as the effective size: the conservative choice.
pub(crate) fn proportion(clusters: &[Cluster]) -> Proportion {
    let n: u64 = clusters.iter().map(|c| c.items).sum();
    let hits: u64 = clusters.iter().map(|c| c.hits).sum();
    let pages = clusters.iter().filter(|c| c.items > 0).count() as f64;
    if n == 0 {
        return Proportion {
            hits,
            items: n,
            share: 0.0,
            low: 0.0,
            high: 1.0,
            effective_n: 0.0,
            exact: false,
        };
    }
    let nf = n as f64;
    let p = hits as f64 / nf;
    let srs_var = p * (1.0 - p) / nf;
    let effective_n = if pages < 2.0 {
        // One page: the clustering is unmeasurable; a single page is a single draw.
        1.0
    } else if srs_var <= 0.0 {
        pages
    } else {
        let k = pages;
        let ss: f64 = clusters
            .iter()
            .filter(|c| c.items > 0)
            .map(|c| (c.hits as f64 - p * c.items as f64).powi(2))
            .sum();
        let cluster_var = k / (k - 1.0) * ss / (nf * nf);
        let deff = (cluster_var / srs_var).max(1.0);
        (nf / deff).max(1.0)
    };
    let (low, high) = wilson(p * effective_n, effective_n, Z95);
    Proportion {
        hits,
        items: n,
        share: p,
        low: low.min(p),
        high: high.max(p),
        effective_n,
        exact: false,
    }
}

/// A mean over clustered pages (item size, say) with a 95 % interval, by the same ratio
/// estimator: `sum(values) / sum(items)`, variance between pages.
///
/// `low` and `high` are `None` (JSON `null`) when there is no interval: fewer than two pages
/// cannot show how pages differ, and nothing read says nothing. Never an infinite bound (which
/// JSON cannot write: it would become `null` by accident, for some data and not other).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub(crate) struct Mean {
    pub mean: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub items: u64,
    /// Over the whole table, not estimated: `low` = `high` = `mean`.
    pub exact: bool,
}

impl Mean {
    /// `total` over all `items` of the table: the mean itself, no interval.
    pub(crate) fn exact(total: f64, items: u64) -> Mean {
        let mean = if items == 0 {
            0.0
        } else {
            total / items as f64
        };
        Mean {
            mean,
            low: Some(mean),
            high: Some(mean),
            items,
            exact: true,
        }
    }

    /// `412 (380-440)`; exact: `412`; one page: `412 (one page: no interval)`. `decimals` digits
    /// after the point.
    pub(crate) fn text(&self, decimals: usize) -> String {
        match (self.exact, self.low, self.high) {
            (true, _, _) => format!("{:.decimals$}", self.mean),
            (false, Some(low), Some(high)) => {
                format!(
                    "{:.decimals$} ({low:.decimals$}-{high:.decimals$})",
                    self.mean
                )
            }
            (false, _, _) if self.items == 0 => "none read".to_owned(),
            (false, _, _) => format!("{:.decimals$} (one page: no interval)", self.mean),
        }
    }
}

/// `pages`: (items in the page, sum of the value over them).
pub(crate) fn mean(pages: &[(u64, f64)]) -> Mean {
    let n: u64 = pages.iter().map(|p| p.0).sum();
    if n == 0 {
        return Mean {
            mean: 0.0,
            low: None,
            high: None,
            items: 0,
            exact: false,
        };
    }
    let nf = n as f64;
    let total: f64 = pages.iter().map(|p| p.1).sum();
    let m = total / nf;
    let used: Vec<&(u64, f64)> = pages.iter().filter(|p| p.0 > 0).collect();
    let k = used.len() as f64;
    if k < 2.0 {
        // One page: the spread between pages is unmeasurable, so no interval at all.
        return Mean {
            mean: m,
            low: None,
            high: None,
            items: n,
            exact: false,
        };
    }
    let ss: f64 = used.iter().map(|p| (p.1 - m * p.0 as f64).powi(2)).sum();
    let half = Z95 * (k / (k - 1.0) * ss / (nf * nf)).sqrt();
    Mean {
        mean: m,
        low: Some((m - half).max(0.0)),
        high: Some(m + half),
        items: n,
        exact: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_known_values() {
        // 10 of 100: the textbook Wilson interval is 5.52 %-17.44 %.
        let (lo, hi) = wilson(10.0, 100.0, Z95);
        assert!((lo - 0.0552).abs() < 1e-3, "{lo}");
        assert!((hi - 0.1744).abs() < 1e-3, "{hi}");
        // 0 of 100: the lower bound is 0, the upper about 3.7 %.
        let (lo, hi) = wilson(0.0, 100.0, Z95);
        assert_eq!(lo, 0.0);
        assert!((hi - 0.037).abs() < 1e-3, "{hi}");
        assert_eq!(wilson(0.0, 0.0, Z95), (0.0, 1.0));
    }

    #[test]
    fn clustering_widens_the_interval() {
        let c = |items, hits| Cluster { items, hits };
        let cases: Vec<(&str, Vec<Cluster>, f64, f64)> = vec![
            // (name, pages, share, the effective size at most)
            (
                "independent-looking pages",
                vec![c(100, 10); 20],
                0.10,
                2000.0,
            ),
            (
                "all-or-nothing pages: each page is one draw",
                [vec![c(100, 100); 2], vec![c(100, 0); 18]].concat(),
                0.10,
                20.0,
            ),
            ("nothing found: pages count", vec![c(100, 0); 50], 0.0, 50.0),
        ];
        for (name, pages, share, max_eff) in cases {
            let p = proportion(&pages);
            assert!((p.share - share).abs() < 1e-9, "{name}: {}", p.share);
            assert!(p.effective_n <= max_eff + 1e-9, "{name}: {}", p.effective_n);
            assert!(p.contains(share), "{name}");
            assert!(p.low >= 0.0 && p.high <= 1.0, "{name}");
        }
        let flat = proportion(&[c(100, 10); 20]);
        let lumpy = proportion(&[vec![c(100, 100); 2], vec![c(100, 0); 18]].concat());
        assert!(lumpy.high - lumpy.low > 3.0 * (flat.high - flat.low));
    }

    #[test]
    fn the_whole_table_is_exact_and_says_so() {
        let p = Proportion::exact(42, 2_000);
        assert_eq!((p.low, p.share, p.high), (0.021, 0.021, 0.021));
        assert_eq!(p.text(), "2.1% (exact: every item read)");
        assert!(!p.text().contains("CI"));
        assert_eq!(p.of_table(), "2.1% of the table (exact)");
        let none = Proportion::exact(0, 2_000);
        assert_eq!(none.text(), "0.0% (exact: every item read)");
        // The estimate says CI; the whole table never does.
        assert!(
            proportion(
                &[Cluster {
                    items: 100,
                    hits: 0
                }; 20]
            )
            .text()
            .contains("95% CI")
        );
        let m = Mean::exact(824_000.0, 2_000);
        assert_eq!((m.low, m.mean, m.high), (Some(412.0), 412.0, Some(412.0)));
        assert_eq!(m.text(0), "412");
        assert_eq!(mean(&[(10, 1000.0), (10, 1200.0)]).text(0), "110 (90-130)");
    }

    #[test]
    fn an_empty_sample_says_nothing() {
        let p = proportion(&[]);
        assert_eq!((p.low, p.high, p.items), (0.0, 1.0, 0));
    }

    #[test]
    fn mean_interval_covers_page_means() {
        let m = mean(&[(10, 1000.0), (10, 1200.0), (10, 800.0), (10, 1000.0)]);
        assert!((m.mean - 100.0).abs() < 1e-9);
        let (low, high) = (m.low.unwrap(), m.high.unwrap());
        assert!(low < 100.0 && high > 100.0 && low > 80.0 && high < 120.0);
    }

    /// One page cannot measure how pages differ: no interval, said as such, and `null` in JSON
    /// by type (an infinite bound became `null` only by accident of serialisation).
    #[test]
    fn one_page_has_no_interval_and_says_so() {
        let one = mean(&[(5, 50.0), (0, 0.0)]);
        assert_eq!(one.text(0), "10 (one page: no interval)");
        assert_eq!((one.low, one.high), (None, None));
        let json = serde_json::to_value(one).unwrap();
        assert_eq!(json["low"], serde_json::Value::Null);
        assert_eq!(json["high"], serde_json::Value::Null);
        let none = mean(&[]);
        assert_eq!(none.text(0), "none read");
        let two = serde_json::to_value(mean(&[(5, 50.0), (5, 60.0)])).unwrap();
        assert!(two["low"].is_f64() && two["high"].is_f64(), "{two}");
    }
}
