//! `stream-status` (runbook Issue 3): is the stream on with NEW_IMAGE, are its shards healthy,
//! and is anything consuming it (the Lambda event source mapping and its IteratorAge)?

use crate::aws::metrics::Stat;
use crate::report::CheckId;
use std::collections::HashMap;

use aws_sdk_dynamodb::types::TableDescription;
use aws_sdk_dynamodbstreams::types::StreamStatus;
use aws_sdk_lambda::types::EventSourceMappingConfiguration;
use chrono::{DateTime, Duration, Utc};

use crate::aws::metrics::{self, LAMBDA, MetricKey, Window};
use crate::aws::streams::{self, StreamInfo};
use crate::aws::{AwsError, AwsErrorKind};
use crate::report::{Finding, Section, Status};

const RB: &str = "Issue 3: DynamoDB Streams Not Delivering Events";
/// IteratorAge thresholds: records are trimmed after 24 h.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html
pub(crate) const ITERATOR_AGE_WARN_MS: f64 = 3_600_000.0;
pub(crate) const ITERATOR_AGE_CRIT_MS: f64 = 18.0 * 3_600_000.0;
/// More readers than this per shard get throttled: "More than 2 processes are reading from the
/// same streams shard at the same time" (LimitExceededException).
/// https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html
pub(crate) const MAX_READERS: usize = 2;

/// Mappings that read the stream now (Enabled, or on their way to it); Disabled ones do not.
pub(crate) fn active_readers(mappings: &[EventSourceMappingConfiguration]) -> Vec<String> {
    mappings
        .iter()
        .filter(|m| {
            matches!(
                m.state(),
                Some("Enabled" | "Enabling" | "Creating" | "Updating") | None
            )
        })
        .map(|m| {
            m.function_arn()
                .map(function_name)
                .unwrap_or_else(|| m.uuid().unwrap_or("?").to_owned())
        })
        .collect()
}

/// Why this tool must not add a reader to the stream (`stream tail`, `stream-status --probe`):
/// two readers already, or the readers could not be counted. `None`: go ahead. `--force` skips
/// the check.
pub(crate) fn reader_refusal(
    mappings: &Result<Vec<EventSourceMappingConfiguration>, AwsError>,
    force: bool,
) -> Option<String> {
    if force {
        return None;
    }
    match mappings {
        Err(e) => Some(format!(
            "could not count the stream's readers ({e}); DynamoDB Streams throttles more than {MAX_READERS} readers of a shard: pass --force to read anyway"
        )),
        Ok(m) => {
            let readers = active_readers(m);
            (readers.len() >= MAX_READERS).then(|| {
                format!(
                    "{} event source mappings already read this stream ({}); another reader makes more than {MAX_READERS} per shard and DynamoDB Streams throttles them: pass --force to read anyway",
                    readers.len(),
                    readers.join(", ")
                )
            })
        }
    }
}

#[derive(Debug)]
pub(crate) struct StreamFacts {
    pub table: Result<Option<TableDescription>, AwsError>,
    /// `None`: the table has no stream ARN to describe.
    pub stream: Option<Result<StreamInfo, AwsError>>,
    pub mappings: Result<Vec<EventSourceMappingConfiguration>, AwsError>,
    /// Each function's IteratorAge over the last hour; `None` = no datapoints.
    pub iterator_age: Result<HashMap<String, Option<AgeReading>>, AwsError>,
}

/// IteratorAge is read per minute: Lambda publishes its metrics at one-minute resolution.
pub(crate) const ITERATOR_AGE_PERIOD_S: i32 = 60;

/// One consumer's IteratorAge over the last hour: the newest minute it was reported in, and the
/// largest of the hour. The newest minute is judged: a consumer that caught up is judged on
/// its batches now, not on the lag it had; the hour's largest is shown beside it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct AgeReading {
    /// The largest IteratorAge (ms) of the newest minute with a datapoint.
    pub newest_ms: f64,
    /// The start of that minute.
    pub newest_at: DateTime<Utc>,
    /// The largest IteratorAge (ms) of the hour.
    pub max_ms: f64,
}

impl AgeReading {
    /// From a series of per-minute maxima (ascending or not); `None` without datapoints.
    ///
    /// The newest minute may still be filling on AWS (Lambda adds a datapoint per batch), but
    /// its Maximum only grows as batches come and a falling-behind consumer's batches are all
    /// old: a lag shows in it as soon as one batch is reported, and a small value there is the
    /// age of batches delivered in that minute.
    pub(crate) fn from_points(points: &[(DateTime<Utc>, f64)]) -> Option<AgeReading> {
        let newest = points.iter().max_by_key(|(t, _)| *t)?;
        let max_ms = points.iter().map(|(_, v)| *v).fold(f64::MIN, f64::max);
        Some(AgeReading {
            newest_ms: newest.1,
            newest_at: newest.0,
            max_ms,
        })
    }
}

/// `name` from `arn:aws:lambda:region:acct:function:name[:alias]`.
pub(crate) fn function_name(arn: &str) -> String {
    arn.split(":function:")
        .nth(1)
        .map(|rest| rest.split(':').next().unwrap_or(rest).to_owned())
        .unwrap_or_else(|| arn.to_owned())
}

/// DescribeTable; with a stream, DescribeStream and its Lambda consumers, then their
/// IteratorAge.
pub async fn gather(
    dynamodb: &aws_sdk_dynamodb::Client,
    streams_client: &aws_sdk_dynamodbstreams::Client,
    lambda: &aws_sdk_lambda::Client,
    cw: &aws_sdk_cloudwatch::Client,
    table_name: &str,
) -> StreamFacts {
    let table = crate::aws::table::describe(dynamodb, table_name).await;
    let arn = table
        .as_ref()
        .ok()
        .and_then(|t| t.as_ref())
        .and_then(|t| t.latest_stream_arn())
        .map(str::to_owned);
    let Some(arn) = arn else {
        return StreamFacts {
            table,
            stream: None,
            mappings: Ok(Vec::new()),
            iterator_age: Ok(HashMap::new()),
        };
    };
    let mappings = streams::event_source_mappings(lambda, &arn);
    let (stream, mappings) = tokio::join!(streams::describe(streams_client, &arn), mappings);
    let iterator_age = match &mappings {
        Ok(m) if !m.is_empty() => {
            let functions: Vec<String> = m
                .iter()
                .filter_map(|c| c.function_arn().map(function_name))
                .collect();
            let keys: Vec<MetricKey> = functions
                .iter()
                .map(|f| {
                    MetricKey::new(LAMBDA, "IteratorAge", &[("FunctionName", f)], Stat::Maximum)
                })
                .collect();
            let window = Window::last_at(Duration::hours(1), Utc::now(), ITERATOR_AGE_PERIOD_S);
            match metrics::fetch(cw, window, &keys).await {
                Ok(set) => Ok(functions
                    .iter()
                    .zip(&keys)
                    .map(|(f, k)| {
                        let reading = set.get(k).and_then(|s| AgeReading::from_points(&s.points));
                        (f.clone(), reading)
                    })
                    .collect()),
                Err(e) => Err(e),
            }
        }
        _ => Ok(HashMap::new()),
    };
    StreamFacts {
        table,
        stream: Some(stream),
        mappings,
        iterator_age,
    }
}

pub fn evaluate(facts: &StreamFacts) -> Vec<Finding> {
    let t = match &facts.table {
        Err(e) => {
            return vec![
                Finding::unknown(
                    CheckId::StreamEnabled,
                    format!("could not describe the table: {e}"),
                )
                .runbook(RB),
            ];
        }
        Ok(None) => {
            return vec![
                Finding::crit(CheckId::StreamEnabled, "the table does not exist").runbook(RB),
            ];
        }
        Ok(Some(t)) => t,
    };
    let enabled = t.stream_specification().is_some_and(|s| s.stream_enabled());
    let mut out = vec![crate::checks::table::stream(
        CheckId::StreamEnabled,
        t,
        &crate::spec::table(),
    )];
    if !enabled {
        return out;
    }
    match &facts.stream {
        None => out.push(
            Finding::crit(CheckId::StreamStatus, "no LatestStreamArn on the table").runbook(RB),
        ),
        Some(Err(e)) => out.push(
            Finding::unknown(
                CheckId::StreamStatus,
                format!("could not describe the stream: {e}"),
            )
            .runbook(RB),
        ),
        Some(Ok(info)) => {
            let status = info.status.as_ref().map(|s| s.as_str()).unwrap_or("?");
            out.push(
                match info.status {
                    Some(StreamStatus::Enabled) => {
                        Finding::ok(CheckId::StreamStatus, format!("{status} ({})", info.arn))
                    }
                    Some(StreamStatus::Enabling) => Finding::warn(
                        CheckId::StreamStatus,
                        format!("{status}: not delivering yet"),
                    ),
                    _ => Finding::crit(
                        CheckId::StreamStatus,
                        format!("{status}: the stream does not deliver"),
                    ),
                }
                .evidence(StreamState {
                    arn: &info.arn,
                    status,
                })
                .runbook(RB),
            );
            let open = info.shards.iter().filter(|s| s.open).count();
            let closed = info.shards.len() - open;
            let children = info.shards.iter().filter(|s| s.parent.is_some()).count();
            let f = if open == 0 {
                Finding::warn(
                    CheckId::StreamShards,
                    format!(
                        "{closed} closed shards and no open one: new records have nowhere to go"
                    ),
                )
            } else {
                Finding::ok(
                    CheckId::StreamShards,
                    format!("{open} open, {closed} closed, {children} with a parent (split)"),
                )
            };
            out.push(
                f.evidence(Shards {
                    shards: &info.shards,
                })
                .runbook("Issue 3 (shard lineage: children after parents)"),
            );
        }
    }
    out.extend(consumer_findings(facts));
    out
}

crate::evidence! {
    /// `stream.status`
    struct StreamState<'a> { arn: &'a str, status: &'a str }
    /// `stream.shards`
    struct Shards<'a> { shards: &'a [crate::aws::streams::ShardInfo] }
    /// `stream.consumer.*`: one event source mapping.
    struct ConsumerMapping<'a> {
        uuid: Option<&'a str>,
        function: &'a str,
        state: &'a str,
        state_transition_reason: Option<&'a str>,
        last_processing_result: &'a str,
        maximum_record_age_in_seconds: Option<i32>,
        batch_size: Option<i32>,
    }
    /// `stream.iterator_age.*`: the newest minute's IteratorAge (judged) and the hour's largest.
    struct IteratorAge {
        iterator_age_ms: Option<f64>,
        newest_minute: Option<String>,
        max_iterator_age_ms: Option<f64>,
    }
    /// `stream.iterator_age.*` with no datapoints, after a probe whose canary arrived: what
    /// the consumer itself showed after the canary (`log`, `mapping`, or null: nothing seen or
    /// not watched) and when.
    struct IteratorAgeWithProbe<'a> {
        iterator_age_ms: Option<f64>,
        max_iterator_age_ms: Option<f64>,
        probe_latency_ms: Option<u64>,
        consumer_evidence: Option<&'a str>,
        consumer_seen_at: Option<&'a str>,
    }
}

fn consumer_findings(facts: &StreamFacts) -> Vec<Finding> {
    let mappings = match &facts.mappings {
        Err(e) if matches!(e.kind, AwsErrorKind::AccessDenied | AwsErrorKind::NotFound) => {
            return vec![
                Finding::unknown(
                    CheckId::StreamConsumers,
                    format!("cannot see Lambda event source mappings: {e}"),
                )
                .remedy("grant lambda:ListEventSourceMappings to check the consumer")
                .runbook("Issue 3, resolution 3-4"),
            ];
        }
        Err(e) => {
            return vec![
                Finding::unknown(
                    CheckId::StreamConsumers,
                    format!("could not list event source mappings: {e}"),
                )
                .runbook("Issue 3, resolution 4"),
            ];
        }
        Ok(m) => m,
    };
    if mappings.is_empty() {
        return vec![Finding::warn(CheckId::StreamConsumers, "no Lambda event source mapping reads this stream: nothing consumes it")
            .remedy("create or re-point the consumer's event source mapping to the table's LatestStreamArn")
            .runbook("Issue 3, resolution 4")];
    }
    let mut out = Vec::new();
    for m in mappings {
        let function = m
            .function_arn()
            .map(function_name)
            .unwrap_or_else(|| "?".into());
        let state = m.state().unwrap_or("?");
        let result = m.last_processing_result().unwrap_or("-");
        let evidence = ConsumerMapping {
            uuid: m.uuid(),
            function: &function,
            state,
            state_transition_reason: m.state_transition_reason(),
            last_processing_result: result,
            maximum_record_age_in_seconds: m.maximum_record_age_in_seconds(),
            batch_size: m.batch_size(),
        };
        let check = CheckId::StreamConsumer(function.to_string());
        // LastProcessingResult is the last batch ever, with no time: the IteratorAge row says
        // whether batches arrived in the window.
        let summary =
            format!("mapping {state}; its last batch (at a time AWS does not give) was {result}");
        let f = match state {
            "Enabled" if result.starts_with("PROBLEM") => Finding::warn(check, summary)
                .remedy("read the consumer's logs for processing errors (runbook Issue 3, resolution 5)"),
            "Enabled" => Finding::ok(check, summary),
            "Creating" | "Enabling" | "Updating" => Finding::warn(check, summary),
            _ => Finding::crit(check, format!("{summary}: records are not being consumed"))
                .remedy("enable it: aws lambda update-event-source-mapping --uuid <uuid> --enabled (runbook Issue 3, resolution 4)"),
        };
        out.push(f.evidence(evidence).runbook("Issue 3, resolution 3-5"));
    }
    if mappings.len() > MAX_READERS {
        out.push(
            Finding::warn(
                CheckId::StreamReaders,
                // plural-ok: more than MAX_READERS (2) mappings here
                format!("{} mappings read the stream; more than {MAX_READERS} readers per shard get throttled", mappings.len()),
            )
            .runbook("Issue 3: DynamoDB Streams Not Delivering Events (at most 2 readers per shard)"),
        );
    }
    out.extend(iterator_age_findings(&facts.iterator_age));
    out
}

/// Each consumer's IteratorAge: its newest minute judged, the hour's largest shown.
fn iterator_age_findings(
    ages: &Result<HashMap<String, Option<AgeReading>>, AwsError>,
) -> Vec<Finding> {
    let ages = match ages {
        Err(e) => {
            return vec![Finding::unknown(
                CheckId::StreamIteratorAges,
                format!("could not read IteratorAge: {e}"),
            )];
        }
        Ok(ages) => ages,
    };
    let mut names: Vec<&String> = ages.keys().collect();
    names.sort();
    names
        .into_iter()
        .map(|f| {
            let check = CheckId::StreamIteratorAge(f.to_string());
            let reading = ages[f];
            let finding = match reading {
                None => Finding::unknown(
                    check,
                    "no batches delivered in the last hour (no IteratorAge datapoints): no consumer lag to judge",
                )
                .remedy("stream-status --probe writes a canary and times it through the stream"),
                Some(r) => iterator_age_finding(check, &r),
            };
            finding
                .evidence(IteratorAge {
                    iterator_age_ms: reading.map(|r| r.newest_ms),
                    newest_minute: reading.map(|r| crate::times::stamp(r.newest_at)),
                    max_iterator_age_ms: reading.map(|r| r.max_ms),
                })
                .runbook("Issue 3: DynamoDB Streams Not Delivering Events (IteratorAge)")
        })
        .collect()
}

/// What a consumer showed after a passing probe's canary, watched with the canary proof of
/// `dr cutover` (its log group naming the canary's event id, else its event source mapping's
/// LastProcessingResult turning `OK` after the canary).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AfterCanary {
    /// `evidence`: `log` or `mapping`; `at`: when.
    Seen { evidence: String, at: String },
    /// Nothing within `waited_s` seconds.
    NotSeen { waited_s: u64 },
    /// Its log group or mapping could not be read.
    Unreadable(String),
}

/// The verdict of one consumer's newest minute, with the hour's largest beside it.
fn iterator_age_finding(check: CheckId, r: &AgeReading) -> Finding {
    let human = |ms: f64| crate::times::human(Duration::milliseconds(ms as i64));
    let now = format!(
        "IteratorAge now {} (minute of {})",
        human(r.newest_ms),
        r.newest_at.format("%H:%M UTC")
    );
    let hour = if r.max_ms > r.newest_ms {
        format!(", max {} in the last hour", human(r.max_ms))
    } else {
        String::new()
    };
    if r.newest_ms >= ITERATOR_AGE_CRIT_MS {
        Finding::crit(
            check,
            format!("{now}{hour}: records are near the 24 h trim and will be lost"),
        )
        .remedy("scale the consumer (parallelization factor, batch size) or fix its errors now")
    } else if r.newest_ms >= ITERATOR_AGE_WARN_MS {
        Finding::warn(
            check,
            format!("{now}{hour}: the consumer is falling behind"),
        )
        .remedy("check the consumer's errors and duration; raise the parallelization factor")
    } else if r.max_ms >= ITERATOR_AGE_WARN_MS {
        Finding::ok(check, format!("{now}{hour}: caught up"))
    } else {
        Finding::ok(check, format!("{now}{hour}"))
    }
}

/// A probe whose canary reached the stream is evidence about the stream (it takes writes), not
/// about a consumer (that it reads them): a consumer with no IteratorAge datapoints is judged
/// only on its own evidence after the canary (`after`, by function name): its log naming the
/// canary or its mapping's processing result makes it ok; without it, it stays unknown (issue
/// 23's review, defect 16: it was made ok by the probe, so a mapping that is Enabled and never
/// invokes read ok). After a probe that passed, no remedy says "run --probe" again; with a
/// probe that failed or did not run, nothing changes. (Its mapping's state is judged apart, in
/// `stream.consumer.*`.)
pub(crate) fn with_probe(
    findings: &mut [Finding],
    probe: &Finding,
    after: &HashMap<String, AfterCanary>,
) {
    if probe.check != CheckId::StreamProbe || probe.status != Status::Ok {
        return;
    }
    let latency = probe.evidence["latency_ms"].as_u64();
    let reached = latency.map(|ms| format!(" in {ms} ms")).unwrap_or_default();
    for f in findings.iter_mut() {
        let CheckId::StreamIteratorAge(function) = &f.check else {
            continue;
        };
        if f.status != Status::Unknown || !f.evidence["max_iterator_age_ms"].is_null() {
            continue;
        }
        let quiet = "no batches delivered in the last hour (no IteratorAge datapoints)";
        let group = format!("/aws/lambda/{function}");
        let (status, summary, remedy, seen) = match after.get(function) {
            Some(AfterCanary::Seen { evidence, at }) => {
                let how = if evidence == "log" {
                    format!("its log group {group} names the canary's event id at {at}")
                } else {
                    format!("its event source mapping reported OK processing after the canary (LastProcessingResult changed, seen at {at})")
                };
                (
                    Status::Ok,
                    format!("{quiet}; the probe's canary reached the stream{reached} and this consumer processed it: {how}"),
                    None,
                    Some((evidence.as_str(), at.as_str())),
                )
            }
            Some(AfterCanary::NotSeen { waited_s }) => (
                Status::Unknown,
                format!("{quiet}; the probe's canary reached the stream{reached}, but in {waited_s} s this consumer showed no sign of it (no line of {group} names it, its mapping's LastProcessingResult did not change)"),
                Some(format!("check the consumer's errors and duration in {group}; the IteratorAge alarm judges it once batches flow")),
                None,
            ),
            Some(AfterCanary::Unreadable(e)) => (
                Status::Unknown,
                format!("{quiet}; the probe's canary reached the stream{reached}, but whether this consumer processed it is not known: {e}"),
                Some(format!("grant logs:FilterLogEvents on {group} and lambda:GetEventSourceMapping to see the consumer's own evidence")),
                None,
            ),
            None => (
                Status::Unknown,
                format!("{quiet}: no consumer lag to judge; the probe's canary reached the stream{reached}, which shows the stream takes writes, not that this consumer reads them"),
                Some("look for an invocation of the consumer after the canary (its log group, or its event source mapping's LastProcessingResult); the IteratorAge alarm judges it once batches flow".to_owned()),
                None,
            ),
        };
        f.status = status;
        f.summary = summary;
        f.remedy = remedy;
        f.set_evidence(IteratorAgeWithProbe {
            iterator_age_ms: None,
            max_iterator_age_ms: None,
            probe_latency_ms: latency,
            consumer_evidence: seen.map(|s| s.0),
            consumer_seen_at: seen.map(|s| s.1),
        });
    }
}

pub(crate) fn sections(facts: &StreamFacts) -> Vec<Section> {
    let Some(Ok(info)) = &facts.stream else {
        return Vec::new();
    };
    vec![Section::table(
        "Shards",
        &["SHARD", "PARENT", "STATE"],
        info.shards
            .iter()
            .map(|s| {
                vec![
                    s.id.clone(),
                    s.parent.clone().unwrap_or_else(|| "-".into()),
                    if s.open {
                        "open".into()
                    } else {
                        "closed".into()
                    },
                ]
            })
            .collect(),
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_dynamodb::types::{StreamSpecification, StreamViewType};

    fn facts(
        mappings: Result<Vec<EventSourceMappingConfiguration>, AwsError>,
        age: Option<f64>,
    ) -> StreamFacts {
        let table = TableDescription::builder()
            .latest_stream_arn("arn:s")
            .stream_specification(
                StreamSpecification::builder()
                    .stream_enabled(true)
                    .stream_view_type(StreamViewType::NewImage)
                    .build()
                    .unwrap(),
            )
            .build();
        StreamFacts {
            table: Ok(Some(table)),
            stream: Some(Ok(StreamInfo {
                arn: "arn:s".into(),
                status: Some(StreamStatus::Enabled),
                view_type: None,
                shards: vec![streams::ShardInfo {
                    id: "s1".into(),
                    parent: None,
                    open: true,
                }],
            })),
            mappings,
            iterator_age: Ok(HashMap::from([(
                "fn".to_owned(),
                age.map(|ms| reading(ms, ms)),
            )])),
        }
    }

    /// A reading whose newest minute is `newest_ms` and whose hour's largest is `max_ms`.
    fn reading(newest_ms: f64, max_ms: f64) -> AgeReading {
        AgeReading {
            newest_ms,
            // clock-free: a pure function's input, printed as its minute only
            newest_at: DateTime::from_timestamp(1_800_000_000, 0).expect("a valid time"),
            max_ms,
        }
    }

    /// Issue 27: the newest minute is judged, so a consumer that caught up is ok at once (it
    /// stayed warn for an hour on the hour's largest); the hour's largest is shown beside it.
    #[test]
    fn iterator_age_judges_the_newest_minute_and_shows_the_hours_max() {
        let h = 3_600_000.0;
        // (case, newest, hour's max, status, words, words it must not hold)
        let cases = [
            (
                "quick all hour",
                20.0,
                900.0,
                Status::Ok,
                "IteratorAge now 20ms (minute of ",
                "caught up",
            ),
            (
                "caught up after an hour and a quarter behind",
                20.0,
                1.25 * h,
                Status::Ok,
                "now 20ms (minute of 08:00 UTC), max 1h 15m in the last hour: caught up",
                "falling",
            ),
            (
                "still behind",
                1.25 * h,
                1.25 * h,
                Status::Warn,
                "now 1h 15m (minute of 08:00 UTC): the consumer is falling behind",
                "max",
            ),
            (
                "less behind than it was, still behind",
                2.0 * h,
                5.0 * h,
                Status::Warn,
                "max 5h in the last hour: the consumer is falling behind",
                "caught up",
            ),
            (
                "near the trim now",
                20.0 * h,
                20.0 * h,
                Status::Crit,
                "near the 24 h trim",
                "caught up",
            ),
            (
                "was near the trim, caught up",
                1_000.0,
                20.0 * h,
                Status::Ok,
                "max 20h in the last hour: caught up",
                "trim",
            ),
            (
                "just under an hour",
                h - 1_000.0,
                h - 1_000.0,
                Status::Ok,
                "now 59m 59s",
                "caught up",
            ),
        ];
        for (name, newest, max, status, words, not) in cases {
            let f = iterator_age_finding(
                CheckId::StreamIteratorAge("fn".into()),
                &reading(newest, max),
            );
            assert_eq!(f.status, status, "{name}: {}", f.summary);
            assert!(f.summary.contains(words), "{name}: {}", f.summary);
            assert!(!f.summary.contains(not), "{name}: {}", f.summary);
        }
        // From CloudWatch's points, in any order: the newest minute, and the hour's largest.
        let t = |m: i64| DateTime::from_timestamp(1_800_000_000 + m * 60, 0).expect("valid");
        let r = AgeReading::from_points(&[(t(2), 20.0), (t(0), 4.5e6), (t(1), 9e5)]).unwrap();
        assert_eq!((r.newest_ms, r.newest_at, r.max_ms), (20.0, t(2), 4.5e6));
        assert_eq!(AgeReading::from_points(&[]), None);
    }

    fn mapping(state: &str, result: &str) -> EventSourceMappingConfiguration {
        EventSourceMappingConfiguration::builder()
            .function_arn("arn:aws:lambda:us-east-1:1:function:fn:live")
            .state(state)
            .last_processing_result(result)
            .build()
    }

    #[test]
    fn a_third_reader_is_refused_unless_forced() {
        let denied = AwsError::local(
            AwsErrorKind::AccessDenied,
            "lambda",
            "ListEventSourceMappings",
            None,
            "not authorized",
        );
        // (mappings, force, refused?)
        let cases = [
            (Ok(vec![]), false, false),
            (Ok(vec![mapping("Enabled", "OK")]), false, false),
            (
                Ok(vec![mapping("Enabled", "OK"), mapping("Enabled", "OK")]),
                false,
                true,
            ),
            (
                Ok(vec![mapping("Enabled", "OK"), mapping("Creating", "-")]),
                false,
                true,
            ),
            // A disabled mapping does not read.
            (
                Ok(vec![mapping("Enabled", "OK"), mapping("Disabled", "OK")]),
                false,
                false,
            ),
            (
                Ok(vec![mapping("Enabled", "OK"), mapping("Enabled", "OK")]),
                true,
                false,
            ),
            (Err(denied.clone()), false, true),
            (Err(denied), true, false),
        ];
        for (i, (mappings, force, refused)) in cases.into_iter().enumerate() {
            let why = reader_refusal(&mappings, force);
            assert_eq!(why.is_some(), refused, "case {i}: {why:?}");
            if let Some(w) = why {
                assert!(w.contains("--force"), "{w}");
            }
        }
    }

    fn worst(f: &StreamFacts) -> Status {
        Status::worst(evaluate(f).iter().map(|x| x.status))
    }

    #[test]
    fn consumers_and_iterator_age() {
        assert_eq!(
            function_name("arn:aws:lambda:us-east-1:1:function:fn:live"),
            "fn"
        );
        assert_eq!(
            worst(&facts(Ok(vec![mapping("Enabled", "OK")]), Some(1000.0))),
            Status::Ok
        );
        assert_eq!(
            worst(&facts(
                Ok(vec![mapping("Enabled", "OK")]),
                Some(2.0 * 3_600_000.0)
            )),
            Status::Warn
        );
        assert_eq!(
            worst(&facts(
                Ok(vec![mapping("Enabled", "OK")]),
                Some(20.0 * 3_600_000.0)
            )),
            Status::Crit
        );
        assert_eq!(
            worst(&facts(Ok(vec![mapping("Disabled", "OK")]), None)),
            Status::Crit
        );
        assert_eq!(
            worst(&facts(
                Ok(vec![mapping("Enabled", "PROBLEM: Function call failed")]),
                Some(1000.0)
            )),
            Status::Warn
        );
        // No IteratorAge datapoints: no batches delivered, no lag to judge (not ok).
        assert_eq!(
            worst(&facts(Ok(vec![mapping("Enabled", "OK")]), None)),
            Status::Unknown
        );
        assert_eq!(worst(&facts(Ok(vec![]), None)), Status::Warn);
        let three = vec![
            mapping("Enabled", "OK"),
            mapping("Enabled", "OK"),
            mapping("Enabled", "OK"),
        ];
        assert!(
            evaluate(&facts(Ok(three), None))
                .iter()
                .any(|f| f.check == CheckId::StreamReaders && f.status == Status::Warn)
        );
    }

    #[test]
    fn lambda_access_denied_is_unknown_not_an_error() {
        let denied = AwsError {
            kind: AwsErrorKind::AccessDenied,
            service: "lambda",
            operation: "ListEventSourceMappings",
            resource: None,
            code: Some("AccessDeniedException".into()),
            message: "not authorized".into(),
        };
        let findings = evaluate(&facts(Err(denied), None));
        let c = findings
            .iter()
            .find(|f| f.check == CheckId::StreamConsumers)
            .unwrap();
        assert_eq!(c.status, Status::Unknown);
        assert!(c.summary.contains("AccessDenied"));
    }

    /// docs/evidence.md: the stream's consumer findings without their evidence.
    #[test]
    fn stream_consumer_without_evidence() {
        use crate::checks::expect;
        let ok = || Ok(vec![mapping("Enabled", "OK")]);
        // Each state of a mapping, and its last batch (which AWS gives without a time).
        for (mappings, status, words) in [
            (
                ok(),
                Status::Ok,
                "mapping Enabled; its last batch (at a time AWS does not give) was OK",
            ),
            (
                Ok(vec![mapping("Enabled", "PROBLEM: Function call failed")]),
                Status::Warn,
                "was PROBLEM: Function call failed",
            ),
            (
                Ok(vec![mapping("Creating", "No records processed")]),
                Status::Warn,
                "mapping Creating",
            ),
            (
                Ok(vec![mapping("Disabled", "OK")]),
                Status::Crit,
                "records are not being consumed",
            ),
        ] {
            expect(
                &evaluate(&facts(mappings, Some(1000.0))),
                "stream.consumer.fn",
                status,
                words,
            );
        }
        let throttled = AwsError::local(
            AwsErrorKind::Throttled,
            "lambda",
            "ListEventSourceMappings",
            None,
            "rate exceeded",
        );
        expect(
            &evaluate(&facts(Err(throttled), None)),
            "stream.consumer",
            Status::Unknown,
            "could not list event source mappings",
        );
        expect(
            &evaluate(&facts(Ok(vec![]), None)),
            "stream.consumer",
            Status::Warn,
            "nothing consumes it",
        );

        // IteratorAge: no datapoints is no batches, not "no lag"; a failed read is unknown.
        let f = expect(&evaluate(&facts(ok(), None)), "stream.iterator_age.fn", Status::Unknown, "no batches delivered in the last hour (no IteratorAge datapoints): no consumer lag to judge").clone();
        assert!(
            f.remedy.as_deref().is_some_and(|r| r.contains("--probe")),
            "{f:?}"
        );
        // The consumer row does not say more than it knows: its last batch, not "delivering".
        expect(
            &evaluate(&facts(ok(), None)),
            "stream.consumer.fn",
            Status::Ok,
            "at a time AWS does not give",
        );
        let mut failed = facts(ok(), None);
        failed.iterator_age = Err(crate::checks::denied("cloudwatch", "GetMetricData"));
        expect(
            &evaluate(&failed),
            "stream.iterator_age",
            Status::Unknown,
            "could not read IteratorAge",
        );
        expect(
            &evaluate(&facts(ok(), Some(1000.0))),
            "stream.iterator_age.fn",
            Status::Ok,
            "IteratorAge now 1.0s (minute of 08:00 UTC)",
        );
    }

    /// Review of issue 23, defect 16: a passing probe made a quiet consumer's finding ok, but
    /// the probe shows the stream takes writes, not that the consumer reads them. It stays
    /// unknown, says what the probe showed, and no longer asks for a probe that ran; a probe
    /// that failed, was refused or did not run changes nothing; a consumer with IteratorAge
    /// datapoints keeps its own verdict.
    #[test]
    fn a_passing_probe_is_no_evidence_about_the_consumer() {
        let quiet = || {
            Finding::unknown(CheckId::StreamIteratorAge("f".into()), "no batches delivered in the last hour (no IteratorAge datapoints): no consumer lag to judge")
                .evidence(IteratorAge {
                    iterator_age_ms: None,
                    newest_minute: None,
                    max_iterator_age_ms: None,
                })
                .remedy("stream-status --probe writes a canary and times it through the stream")
        };
        let lagging = || {
            Finding::warn(CheckId::StreamIteratorAge("g".into()), "max IteratorAge 2h").evidence(
                IteratorAge {
                    iterator_age_ms: Some(7_200_000.0),
                    newest_minute: None,
                    max_iterator_age_ms: Some(7_200_000.0),
                },
            )
        };
        crate::evidence! {
            struct Probe { latency_ms: u64 }
        }
        let probe = |status| {
            Finding::new(CheckId::StreamProbe, status, "p").evidence(Probe { latency_ms: 412 })
        };
        for status in [Status::Ok, Status::Crit, Status::Unknown] {
            let p = probe(status);
            let mut findings = vec![quiet(), lagging()];
            with_probe(&mut findings, &p, &HashMap::new());
            assert_eq!(findings[0].status, Status::Unknown, "{status:?}");
            assert_eq!(findings[1].status, Status::Warn);
            let remedy = findings[0].remedy.as_deref().unwrap();
            if status == Status::Ok {
                assert!(findings[0].summary.contains("reached the stream in 412 ms"));
                assert!(
                    findings[0]
                        .summary
                        .contains("not that this consumer reads them")
                );
                assert!(
                    !remedy.contains("--probe"),
                    "no more \"run --probe\": {remedy}"
                );
            } else {
                assert!(remedy.contains("--probe"));
            }
        }
        // Issue 23 item 16, the consumer's own evidence after the canary: its log naming the
        // canary or its mapping's result makes it ok; nothing seen or unreadable stays unknown,
        // and no remedy asks for the probe that ran.
        let cases = [
            (
                AfterCanary::Seen {
                    evidence: "log".into(),
                    at: "T1".into(),
                },
                Status::Ok,
                "its log group /aws/lambda/f names the canary's event id at T1",
            ),
            (
                AfterCanary::Seen {
                    evidence: "mapping".into(),
                    at: "T2".into(),
                },
                Status::Ok,
                "LastProcessingResult changed, seen at T2",
            ),
            (
                AfterCanary::NotSeen { waited_s: 30 },
                Status::Unknown,
                "in 30 s this consumer showed no sign of it",
            ),
            (
                AfterCanary::Unreadable("AccessDenied on logs:FilterLogEvents".into()),
                Status::Unknown,
                "is not known: AccessDenied on logs:FilterLogEvents",
            ),
        ];
        for (after, want, words) in cases {
            let mut findings = vec![quiet(), lagging()];
            let seen = HashMap::from([("f".to_owned(), after.clone())]);
            with_probe(&mut findings, &probe(Status::Ok), &seen);
            let f = &findings[0];
            assert_eq!(f.status, want, "{after:?}: {}", f.summary);
            assert!(f.summary.contains(words), "{}", f.summary);
            assert!(
                f.remedy.as_deref().is_none_or(|r| !r.contains("--probe")),
                "{:?}",
                f.remedy
            );
            assert_eq!(
                f.evidence["consumer_evidence"].is_null(),
                want != Status::Ok
            );
            assert_eq!(findings[1].status, Status::Warn);
            // A probe that did not pass: the consumer's evidence is not looked at.
            let mut findings = vec![quiet()];
            with_probe(&mut findings, &probe(Status::Crit), &seen);
            assert_eq!(findings[0].status, Status::Unknown);
        }
    }
}
