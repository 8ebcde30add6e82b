//! End-to-end replays: hand-made series whose firing times are known.

use aws_sdk_cloudwatch::types::{ComparisonOperator, MetricAlarm};
use chrono::{Duration, TimeZone};

use super::*;
use crate::checks::expect;
use crate::report::Status;
use crate::spec::alarms::{AlarmSpec, Watch};

// clock-free: the replay is a pure function of the window it is given.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2000, 1, 3, 0, 0, 0).unwrap()
}

/// The start of 5-minute period `i` of the window.
fn at(i: i64) -> DateTime<Utc> {
    t0() + Duration::seconds(300 * i)
}

fn history(periods: i64, series: Vec<(&str, Vec<Option<f64>>)>) -> History {
    History {
        start: t0(),
        end: at(periods),
        series: series
            .into_iter()
            .map(|(id, values)| MetricSeries {
                id: id.to_owned(),
                points: values
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, v)| v.map(|v| (at(i as i64), v)))
                    .collect(),
            })
            .collect(),
        sample_counts: None,
    }
}

fn single(namespace: &str, n: u32, m: u32, threshold: f64, missing: MissingData) -> AlarmRule {
    AlarmRule {
        name: "a".into(),
        watched: Watched::Metric(MetricQuery {
            id: "m1".into(),
            namespace: namespace.into(),
            metric: "Errors".into(),
            dimensions: vec![],
            stat: "Sum".into(),
            period: 300,
            return_data: true,
        }),
        period: 300,
        evaluation_periods: n,
        datapoints_to_alarm: m,
        threshold: Some(threshold),
        comparison: Comparison::GreaterThanThreshold,
        treat_missing_data: missing,
        low_sample: None,
    }
}

/// `0` below, `X` above a threshold of 1, `-` missing.
fn series(text: &str) -> Vec<Option<f64>> {
    text.split_whitespace()
        .map(|c| match c {
            "0" => Some(0.0),
            "X" => Some(5.0),
            _ => None,
        })
        .collect()
}

fn run(rule: &AlarmRule, text: &str) -> Backtest {
    let values = series(text);
    let n = values.len() as i64;
    backtest(rule, &history(n, vec![("m1", values)]), &Options::default())
}

fn starts(b: &Backtest) -> Vec<DateTime<Utc>> {
    b.episodes.iter().map(|e| e.start).collect()
}

#[test]
fn m_of_n_fires_at_the_period_that_completes_it() {
    // 2 of 3: the breaches in periods 4 and 6 fire when period 6 closes (the start of 7); the
    // one in 12 alone does not; 15 and 16 fire when 16 closes.
    let rule = single("AWS/Lambda", 3, 2, 1.0, MissingData::NotBreaching);
    let b = run(&rule, "0 0 0 0 X 0 X 0 0 0 0 0 X 0 0 X X 0 0 0");
    assert_eq!(starts(&b), vec![at(7), at(17)]);
    assert_eq!(b.episodes[0].end, Some(at(8)));
    let s = b.summary.as_ref().unwrap();
    assert_eq!((s.episodes, s.pages), (2, 2));
    assert_eq!(b.breaching_periods, 5);
    // 3 of 3 needs three in a row: never.
    let rule = single("AWS/Lambda", 3, 3, 1.0, MissingData::NotBreaching);
    assert!(
        run(&rule, "0 0 0 0 X 0 X 0 0 0 0 0 X 0 0 X X 0 0 0")
            .episodes
            .is_empty()
    );
}

#[test]
fn each_missing_data_mode_over_the_same_gap() {
    // Breaching until period 6, then nothing for six periods, then a non-breaching datapoint.
    let text = "0 0 0 0 X X X - - - - - - 0 0";
    let cases = [
        // notBreaching: the gap fills with good datapoints; OK once fewer than 3 breaching
        // datapoints are among the five most recent (period 9 closes).
        (MissingData::NotBreaching, vec![(at(7), Some(at(10)))]),
        // breaching: the gap itself keeps it in ALARM until a good datapoint arrives.
        (MissingData::Breaching, vec![(at(7), Some(at(14)))]),
        // ignore: the last three datapoints stay the most recent present ones: ALARM through
        // the gap, OK when the good one arrives.
        (MissingData::Ignore, vec![(at(7), Some(at(14)))]),
        // missing: through the gap, then INSUFFICIENT_DATA once nothing is left in the range.
        (MissingData::Missing, vec![(at(7), Some(at(12)))]),
    ];
    for (mode, want) in cases {
        let b = run(&single("AWS/Lambda", 3, 3, 1.0, mode), text);
        let got: Vec<_> = b.episodes.iter().map(|e| (e.start, e.end)).collect();
        assert_eq!(got, want, "{mode:?}: {:?}", b.transitions);
    }
    let b = run(&single("AWS/Lambda", 3, 3, 1.0, MissingData::Missing), text);
    assert!(
        b.transitions
            .iter()
            .any(|t| t.to == AlarmState::InsufficientData && t.at == at(12)),
        "{:?}",
        b.transitions
    );
}

#[test]
fn a_single_dynamodb_metric_ignores_missing_data_whatever_its_setting() {
    // The throttle alarm the runbook wrote: fires, then stays in ALARM after the throttling
    // stops, because DynamoDB publishes no datapoint and missing data is ignored.
    let text = "0 0 0 0 X X X - - - - - - - - - - - -";
    let b = run(
        &single("AWS/DynamoDB", 3, 3, 1.0, MissingData::NotBreaching),
        text,
    );
    assert_eq!(b.missing_data_applied, MissingData::Ignore);
    assert_eq!(b.episodes.len(), 1);
    assert_eq!(b.episodes[0].end, None);
    assert!(b.summary.as_ref().unwrap().in_alarm_at_end);
    assert!(b.caveats[0].contains("AWS/DynamoDB"));
}

/// The runbook's write-throttle alarm as CloudWatch stores it, through the SDK conversion.
fn live(spec: &AlarmSpec) -> MetricAlarm {
    let Watch::Math {
        expression,
        label,
        inputs,
    } = &spec.watch
    else {
        panic!("a math alarm");
    };
    MetricAlarm::builder()
        .alarm_name(&spec.name)
        .set_metrics(Some(crate::aws::alarms::math_queries(
            expression, label, inputs,
        )))
        .evaluation_periods(spec.evaluation_periods)
        .datapoints_to_alarm(spec.datapoints_to_alarm)
        .threshold(spec.threshold)
        .comparison_operator(ComparisonOperator::from(spec.comparison))
        .treat_missing_data(spec.treat_missing_data)
        .build()
}

#[test]
fn the_runbooks_throttle_alarm_fires_and_returns_to_ok_thanks_to_fill() {
    let names = crate::spec::Names::derive("p", "dev", None);
    let specs = crate::spec::alarms::alarms(&names, &[]);
    let rule = sdk::rule_from_alarm(&live(&specs[0])).unwrap();
    // m1 WriteThrottleEvents, m2.. the per-reason metrics: DynamoDB publishes them only while
    // there are throttles. Throttles of 12 and 15 in periods 10 and 11 (above 10 twice in a
    // row), then nothing; a lone 40 in period 20.
    let mut m1 = vec![None; 30];
    m1[10] = Some(12.0);
    m1[11] = Some(15.0);
    m1[20] = Some(40.0);
    let mut m2 = vec![None; 30];
    m2[11] = Some(3.0);
    m2[21] = Some(2.0);
    let h = history(
        30,
        vec![
            ("m1", m1),
            ("m2", m2),
            ("m3", vec![]),
            ("m4", vec![]),
            ("m5", vec![]),
        ],
    );
    let b = backtest(&rule, &h, &Options::default());
    assert_eq!(b.not_replayed, None, "{b:?}");
    assert_eq!(starts(&b), vec![at(12)]);
    // FILL(m, 0): the next period counts as 0 and it returns to OK.
    assert_eq!(b.episodes[0].end, Some(at(13)));
    assert_eq!(b.episodes[0].peak, Some(15.0));
    assert_eq!(
        b.worst.as_ref().map(|w| (w.value, w.at)),
        Some((40.0, at(20)))
    );
    assert_eq!(b.datapoints, 30);
    assert!(b.caveats.is_empty(), "{:?}", b.caveats);
    let found = [finding(&b, "events-table-throttles")];
    let f = expect(
        &found,
        "alarm_backtest.events-table-throttles",
        Status::Ok,
        "would have fired once in the last 2 h 30 min",
    );
    assert_eq!(f.runbook.as_deref(), Some(findings::RUNBOOK));
}

#[test]
fn the_ttl_alarm_pages_when_writes_continue_without_ttl_deletes() {
    let names = crate::spec::Names::derive("p", "dev", None);
    let specs = crate::spec::alarms::recommended(&names, None, 5.0);
    let spec = specs
        .iter()
        .find(|s| s.name.ends_with("ttl-deletes-stopped"))
        .unwrap();
    let rule = sdk::rule_from_alarm(&live(spec)).unwrap();
    assert_eq!(rule.comparison, Comparison::LessThanThreshold);
    // Hourly periods over three days: writes every hour, TTL deletes only on the first day.
    let hour = |i: i64| t0() + Duration::hours(i);
    let h = History {
        start: t0(),
        end: hour(72),
        series: vec![
            MetricSeries {
                id: "m1".into(),
                points: (0..24).map(|i| (hour(i), 3.0)).collect(),
            },
            MetricSeries {
                id: "m2".into(),
                points: (0..72).map(|i| (hour(i), 50.0)).collect(),
            },
        ],
        sample_counts: None,
    };
    let b = backtest(&rule, &h, &Options::default());
    // 24 hours without a delete from hour 24: it fires when hour 47 closes.
    assert_eq!(starts(&b), vec![hour(48)]);
    assert!(b.summary.as_ref().unwrap().in_alarm_at_end);
}

#[test]
fn thresholds_at_the_boundary() {
    let mut rule = single("AWS/Lambda", 1, 1, 5.0, MissingData::NotBreaching);
    // Every datapoint is exactly 5 ("X").
    let text = "0 0 0 X 0";
    assert!(run(&rule, text).episodes.is_empty());
    rule.comparison = Comparison::GreaterThanOrEqualToThreshold;
    assert_eq!(starts(&run(&rule, text)), vec![at(4)]);
}

#[test]
fn the_suggestion_meets_the_target_next_to_the_current_threshold() {
    // One 30-day window of hourly datapoints: a spike of 20 every day at noon, and of 50 on
    // days 10 and 20. At > 10 it pages daily; for 3 pages a month the threshold is 20 (2 pages
    // in 30 days are 2.03 a month).
    let hour = |i: i64| t0() + Duration::hours(i);
    let points: Vec<(DateTime<Utc>, f64)> = (0..720)
        .map(|i| {
            let v = match (i / 24, i % 24) {
                (10 | 20, 12) => 50.0,
                (_, 12) => 20.0,
                _ => 1.0,
            };
            (hour(i), v)
        })
        .collect();
    let mut rule = single("AWS/Lambda", 1, 1, 10.0, MissingData::NotBreaching);
    rule.period = 3600;
    let h = History {
        start: t0(),
        end: hour(720),
        series: vec![MetricSeries {
            id: "m1".into(),
            points,
        }],
        sample_counts: None,
    };
    let b = backtest(
        &rule,
        &h,
        &Options {
            pages_per_month: Some(3.0),
        },
    );
    let s = b.summary.as_ref().unwrap();
    assert_eq!(s.pages, 30);
    assert_eq!(s.days_with_pages, 30);
    let sg = b.suggestion.as_ref().unwrap();
    assert_eq!(sg.threshold, Some(20.0));
    assert!((sg.pages_per_month.unwrap() - 2.0 * 30.4375 / 30.0).abs() < 1e-9);
    assert_eq!(sg.current_threshold, 10.0);
    let found = [finding(&b, "x")];
    let f = expect(
        &found,
        "alarm_backtest.x",
        Status::Warn,
        "fires every day: 30 pages on 30 of 30 days",
    );
    assert!(
        f.summary
            .contains("for at most 3 pages a month: > 20 (2.0 a month; now > 10, 30.4 a month)"),
        "{}",
        f.summary
    );
}

#[test]
fn findings_cover_silence_breaches_without_m_of_n_stuck_alarms_and_no_data() {
    let quiet = run(
        &single("AWS/Lambda", 3, 3, 1.0, MissingData::NotBreaching),
        "0 0 0 0 0 0",
    );
    expect(
        &[finding(&quiet, "q")],
        "alarm_backtest.q",
        Status::Ok,
        "would never have fired in the last 30 min: the worst value was 0 at 2000-01-03 00:00 UTC, threshold > 1",
    );
    let almost = run(
        &single("AWS/Lambda", 3, 3, 1.0, MissingData::NotBreaching),
        "0 0 X X 0 X X 0",
    );
    expect(
        &[finding(&almost, "b")],
        "alarm_backtest.b",
        Status::Warn,
        "4 periods breached > 1 but never 3 of 3 together",
    );
    // One breaching period where the alarm needs 3 of 3: a blip it is built to ignore, not a
    // silence at the worst.
    let blip = run(
        &single("AWS/Lambda", 3, 3, 1.0, MissingData::NotBreaching),
        "0 0 X 0 0 0",
    );
    expect(
        &[finding(&blip, "p")],
        "alarm_backtest.p",
        Status::Ok,
        "1 period breached > 1, fewer than the 3 of 3 it needs to fire (a blip it is built to ignore)",
    );
    let stuck = run(
        &single("AWS/Lambda", 1, 1, 1.0, MissingData::NotBreaching),
        "0 0 X X X X X X X 0",
    );
    expect(
        &[finding(&stuck, "s")],
        "alarm_backtest.s",
        Status::Warn,
        "in ALARM 88%",
    );
    let empty = run(
        &single("AWS/Lambda", 3, 3, 1.0, MissingData::NotBreaching),
        "- - - - - -",
    );
    expect(
        &[finding(&empty, "e")],
        "alarm_backtest.e",
        Status::Unknown,
        "no datapoint of Errors Sum",
    );
}

#[test]
fn a_percentile_alarm_that_ignores_low_samples_holds_those_periods() {
    let mut rule = single("AWS/DynamoDB", 1, 1, 20.0, MissingData::Missing);
    rule.low_sample = Some(LowSample::Ignore);
    if let Watched::Metric(m) = &mut rule.watched {
        m.stat = "p99".into();
    }
    // p99 of 80 ms in period 3 over 12 requests: too few for a p99 (1000), held.
    let values = vec![Some(5.0), Some(6.0), Some(5.0), Some(80.0), Some(5.0)];
    let mut h = history(5, vec![("m1", values)]);
    let without = backtest(&rule, &h, &Options::default());
    assert_eq!(without.episodes.len(), 1);
    assert!(without.caveats.iter().any(|c| c.contains("no SampleCount")));
    h.sample_counts = Some(vec![
        (at(0), 5000.0),
        (at(1), 5000.0),
        (at(2), 4000.0),
        (at(3), 12.0),
        (at(4), 3000.0),
    ]);
    let with = backtest(&rule, &h, &Options::default());
    assert!(with.episodes.is_empty(), "{:?}", with.transitions);
    assert!(!with.caveats.iter().any(|c| c.contains("no SampleCount")));
}

#[test]
fn alarms_that_cannot_be_replayed_are_unknown_with_the_reason() {
    let mut band = single("AWS/Lambda", 3, 3, 1.0, MissingData::Missing);
    band.comparison = Comparison::LessThanLowerOrGreaterThanUpperThreshold;
    band.threshold = None;
    let b = run(&band, "0 0 0");
    assert!(
        b.not_replayed
            .as_deref()
            .unwrap()
            .contains("anomaly detection band")
    );
    expect(
        &[finding(&b, "n")],
        "alarm_backtest.n",
        Status::Unknown,
        "anomaly detection band",
    );
    let mut rate = single("AWS/Lambda", 1, 1, 1.0, MissingData::Missing);
    rate.watched = Watched::Math {
        metrics: vec![MetricQuery {
            id: "m1".into(),
            namespace: "AWS/Lambda".into(),
            metric: "Errors".into(),
            dimensions: vec![],
            stat: "Sum".into(),
            period: 300,
            return_data: false,
        }],
        expressions: vec![ExpressionQuery {
            id: "e1".into(),
            expression: "RATE(m1)".into(),
            return_data: true,
        }],
    };
    let b = run(&rate, "0 X 0");
    assert_eq!(b.not_replayed.as_deref(), Some("cannot replay: uses RATE"));
    // A series that was not fetched is not a series without data.
    let b = backtest(&rate, &history(3, vec![]), &Options::default());
    assert!(
        b.not_replayed
            .as_deref()
            .unwrap()
            .contains("no datapoints were fetched for `m1`")
    );
}

#[test]
fn a_math_alarm_over_dynamodb_without_fill_says_missing_data_may_be_ignored() {
    let mut rule = single("AWS/DynamoDB", 1, 1, 1.0, MissingData::NotBreaching);
    let Watched::Metric(m) = rule.watched.clone() else {
        unreachable!()
    };
    rule.watched = Watched::Math {
        metrics: vec![MetricQuery {
            return_data: false,
            ..m
        }],
        expressions: vec![ExpressionQuery {
            id: "e1".into(),
            expression: "m1 * 2".into(),
            return_data: true,
        }],
    };
    let b = run(&rule, "0 X - 0");
    assert_eq!(b.missing_data_applied, MissingData::NotBreaching);
    assert!(
        b.caveats
            .iter()
            .any(|c| c.contains("CloudWatch may ignore missing data"))
    );
}
