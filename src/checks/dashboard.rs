//! The verdict of `dashboard show`: what its charts rest on. Empty charts are not a quiet
//! table's proof of health (docs/evidence.md). Pure.

use crate::aws::metrics::{MetricKey, MetricSet};
use crate::report::CheckId;
use crate::report::Finding;

/// `dashboard.data`: empty charts are not a quiet table's proof of health; say what the charts
/// rest on (docs/evidence.md).
pub(crate) fn data(set: &MetricSet, keys: &[MetricKey]) -> Finding {
    let with_data = keys
        .iter()
        .filter(|k| !set.series(k).points.is_empty())
        .count();
    let span = crate::times::human(set.window.length());
    if with_data == 0 {
        Finding::unknown(
            CheckId::DashboardData,
            format!(
                "{}: none of the {} series has a datapoint",
                crate::checks::evidence::no_traffic(&format!("last {span}")),
                keys.len()
            ),
        )
    } else {
        Finding::ok(
            CheckId::DashboardData,
            format!(
                "{with_data} of {} series have datapoints in the last {span}",
                keys.len()
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::metrics::{Series, Window};
    use crate::report::Status;
    use crate::spec::dashboard;

    #[test]
    fn dashboard_without_datapoints_has_nothing_to_show() {
        let now = chrono::DateTime::from_timestamp(1_800_000_000, 0).expect("a valid time");
        let window = Window::last(chrono::Duration::hours(3), now);
        let keys: Vec<MetricKey> = dashboard::widgets("t", &["StatusIndex"])
            .iter()
            .flat_map(|w| w.lines.iter().map(|l| l.key.clone()))
            .collect();
        let quiet = MetricSet::from_series(window, Vec::new());
        let f = data(&quiet, &keys);
        assert_eq!(f.status, Status::Unknown);
        assert_eq!(
            f.summary,
            format!(
                "no traffic in the window (last 3h): none of the {} series has a datapoint",
                keys.len()
            )
        );
        let one = MetricSet::from_series(
            window,
            vec![Series {
                key: keys[0].clone(),
                points: vec![(window.start, 1.0)],
                problem: None,
            }],
        );
        let f = data(&one, &keys);
        assert_eq!(f.status, Status::Ok);
        assert!(f.summary.starts_with("1 of "), "{}", f.summary);
    }
}
