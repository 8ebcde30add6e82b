//! Sparklines for `dashboard show`: one row a series, readable at 80 columns.

use crate::report::ChartSeries;

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// Points a sparkline shows at most; longer series are bucketed by their maximum.
pub(crate) const WIDTH: usize = 24;

/// A sparkline of the values, scaled from zero to the larger of the maximum and the target so
/// that a line under its target looks low. Missing points are blank.
pub(crate) fn sparkline(values: &[Option<f64>], target: Option<f64>) -> String {
    let buckets = bucket(values, WIDTH);
    let max = buckets
        .iter()
        .flatten()
        .copied()
        .fold(target.unwrap_or(0.0), f64::max);
    buckets
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(_) if max <= 0.0 => BARS[0],
            Some(v) => {
                let i = ((v / max) * (BARS.len() - 1) as f64).round() as usize;
                BARS[i.min(BARS.len() - 1)]
            }
        })
        .collect()
}

fn bucket(values: &[Option<f64>], width: usize) -> Vec<Option<f64>> {
    if values.len() <= width {
        return values.to_vec();
    }
    let per = values.len().div_ceil(width);
    values
        .chunks(per)
        .map(|chunk| chunk.iter().flatten().copied().reduce(f64::max))
        .collect()
}

pub(crate) fn format_value(v: f64, unit: &str) -> String {
    let number = if v.abs() >= 100.0 || v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    };
    if unit.is_empty() {
        number
    } else {
        format!("{number} {unit}")
    }
}

/// `[label, sparkline, latest, max]`; the target is in the chart's title.
pub(crate) fn row(s: &ChartSeries) -> Vec<String> {
    let latest = s.values.iter().rev().flatten().next().copied();
    let max = s.values.iter().flatten().copied().reduce(f64::max);
    let show = |v: Option<f64>| {
        v.map(|v| format_value(v, &s.unit))
            .unwrap_or_else(|| "-".into())
    };
    vec![
        s.label.clone(),
        sparkline(&s.values, s.target),
        show(latest),
        show(max),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_scales_to_target() {
        let line = sparkline(&[Some(0.0), Some(5.0), Some(10.0), None], Some(10.0));
        assert_eq!(line.chars().count(), 4);
        assert_eq!(line.chars().next(), Some('▁'));
        assert_eq!(line.chars().nth(2), Some('█'));
        assert_eq!(line.chars().nth(3), Some(' '));
    }

    #[test]
    fn long_series_are_bucketed() {
        let values: Vec<Option<f64>> = (0..180).map(|i| Some(i as f64)).collect();
        assert!(sparkline(&values, None).chars().count() <= WIDTH);
    }
}
