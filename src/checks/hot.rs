//! `hot-partitions` (runbook Issue 4): which users run hot, from three sources in one verdict:
//! the runbook's top-users Insights query turned into rates, Contributor Insights' most accessed
//! and most throttled keys, and the key-range throttle metrics of the table and each GSI.

use crate::aws::contributors;
use crate::aws::metrics::Stat;
use crate::report::CheckId;
use aws_sdk_dynamodb::types::ContributorInsightsStatus;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::aws::AwsError;
use crate::aws::insights::{self, QueryResult, QuerySpec, quote};
use crate::aws::metrics::{self, MetricKey, MetricSet, Window};

use crate::progress::Reporter;
use crate::report::{Finding, Keyed, Section, Status};
use crate::spec::Names;
use crate::spec::PARTITION_WRITE_LIMIT;

const RB: &str = "Issue 4: Hot Partition";
/// The contributors asked of each Contributor Insights report: eventsctl's choice, within what
/// GetInsightRuleReport takes (MaxContributorCount 1-100, default 10; docs/aws-facts.md §8.1).
pub(crate) const MAX_CONTRIBUTORS: i32 = 25;

/// A user is hot above half the partition limit (warn), too hot above it (crit).
pub(crate) const WARN_RATE: f64 = PARTITION_WRITE_LIMIT / 2.0;
/// One user "dominates" above this share of all events.
pub(crate) const DOMINANT_SHARE: f64 = 0.5;
/// Shards for a hot user: peak / 1,000 with 50% headroom, at least 2.
pub(crate) const SHARD_HEADROOM: f64 = 1.5;

#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
#[schemars(rename = "HotUserRate")]
pub(crate) struct UserRate {
    pub user: String,
    pub events: f64,
    /// Events per second over the window.
    pub per_second: f64,
    /// Highest one-minute count, per second.
    pub peak_per_second: Option<f64>,
}

impl UserRate {
    pub(crate) fn peak(&self) -> f64 {
        self.peak_per_second.unwrap_or(self.per_second)
    }
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(rename = "HotTopUsers")]
pub(crate) struct TopUsers {
    pub users: Vec<UserRate>,
    /// Events in the window across all users, when known (for the dominance share).
    pub total_events: Option<f64>,
    /// Log records Logs Insights scanned.
    pub records_scanned: f64,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(rename = "ContributorInsightsIndex")]
pub(crate) struct IndexInsights {
    /// `None`: the table.
    pub index: Option<String>,
    /// `ENABLED`, `DISABLED`, ... as DescribeContributorInsights said (`DISABLED` when it said
    /// nothing).
    pub status: String,
    /// `ACCESSED_AND_THROTTLED_KEYS` or `THROTTLED_KEYS`; `null` when DynamoDB gave none.
    pub mode: Option<String>,
    /// The CloudWatch Contributor Insights rules DynamoDB keeps for it.
    pub rules: Vec<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[schemars(rename = "ContributorInsightsReport")]
pub(crate) struct RuleReport {
    pub rule: String,
    /// A rule of the throttled keys (`-PKT-`, `-SKT-`), not of the most accessed ones.
    pub throttled: bool,
    /// `[key, value]` pairs, the top contributor first (a key's parts joined with ` / `).
    pub contributors: Vec<(String, f64)>,
}

impl RuleReport {
    /// The first five contributors, `key (value)`, for a summary.
    fn top_keys(&self) -> String {
        self.contributors
            .iter()
            .take(5)
            .map(|(k, v)| format!("{k} ({v:.0})"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Debug)]
pub(crate) struct HotFacts {
    pub table: String,
    pub gsis: Vec<String>,
    pub window: Duration,
    pub users: Result<TopUsers, String>,
    pub insights: Result<Vec<IndexInsights>, AwsError>,
    /// Each enabled rule's report, by rule name.
    pub reports: Vec<(String, Result<RuleReport, String>)>,
    pub key_range: Result<MetricSet, AwsError>,
}

/// Shards that bring `peak` writes/s under the partition limit with headroom.
pub(crate) fn shard_count(peak: f64) -> u32 {
    ((peak * SHARD_HEADROOM / PARTITION_WRITE_LIMIT).ceil() as u32).max(2)
}

fn resources(gsis: &[String]) -> Vec<Option<&str>> {
    std::iter::once(None)
        .chain(gsis.iter().map(|g| Some(g.as_str())))
        .collect()
}

pub(crate) fn key_range_keys(table: &str, gsis: &[String]) -> Vec<MetricKey> {
    resources(gsis)
        .into_iter()
        .flat_map(|r| {
            ["Read", "Write"].into_iter().map(move |side| {
                MetricKey::resource(
                    &format!("{side}KeyRangeThroughputThrottleEvents"),
                    table,
                    r,
                    Stat::Sum,
                )
            })
        })
        .collect()
}

/// The top-users query's rows as rates; a second query finds each one's busiest minute.
pub(crate) fn parse_top(result: &QueryResult, window_s: f64) -> Result<Vec<UserRate>, String> {
    let mut users = Vec::new();
    for row in &result.rows {
        let (Some(user), Some(count)) = (
            QueryResult::get(row, "user_id"),
            QueryResult::get(row, "event_count"),
        ) else {
            return Err("the top-users query returned rows without user_id and event_count (log lines without a user_id field?)".into());
        };
        let events: f64 = count
            .parse()
            .map_err(|_| format!("event_count `{count}` is not a number"))?;
        users.push(UserRate {
            user: user.to_owned(),
            events,
            per_second: events / window_s.max(1.0),
            peak_per_second: None,
        });
    }
    Ok(users)
}

pub(crate) fn apply_peaks(users: &mut [UserRate], peaks: &QueryResult) {
    for row in &peaks.rows {
        let (Some(u), Some(n)) = (
            QueryResult::get(row, "user_id"),
            QueryResult::get(row, "per_minute"),
        ) else {
            continue;
        };
        let Ok(n) = n.parse::<f64>() else { continue };
        if let Some(user) = users.iter_mut().find(|x| x.user == u) {
            let rate = n / 60.0;
            user.peak_per_second = Some(user.peak_per_second.map_or(rate, |p| p.max(rate)));
        }
    }
}

async fn top_users(
    logs: &aws_sdk_cloudwatchlogs::Client,
    progress: &dyn Reporter,
    log_groups: &[String],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<TopUsers, String> {
    let top = crate::spec::insights::find("top-users").expect("a named query");
    let spec = QuerySpec {
        query: top.query.to_owned(),
        log_groups: log_groups.to_vec(),
        start,
        end,
        limit: None,
    };
    let wait = std::time::Duration::from_secs(900);
    let first = insights::execute(logs, progress, &spec, wait)
        .await
        .map_err(|e| format!("{e:#}"))?;
    if !first.complete() {
        return Err(format!("the top-users query ended {}", first.status));
    }
    let mut users = parse_top(&first, (end - start).num_seconds() as f64)?;
    if !users.is_empty() {
        let list = users
            .iter()
            .map(|u| quote(&u.user))
            .collect::<Vec<_>>()
            .join(", ");
        let peak = QuerySpec {
            query: format!(
                "filter @message like /Event created/\n| filter user_id in [{list}]\n| stats count(*) as per_minute by user_id, bin(1m)\n| sort per_minute desc\n| limit 1000"
            ),
            log_groups: log_groups.to_vec(),
            start,
            end,
            limit: None,
        };
        let peaks = insights::execute(logs, progress, &peak, wait)
            .await
            .map_err(|e| format!("{e:#}"))?;
        apply_peaks(&mut users, &peaks);
    }
    Ok(TopUsers {
        users,
        total_events: Some(first.statistics.records_matched).filter(|n| *n > 0.0),
        records_scanned: first.statistics.records_scanned,
    })
}

async fn describe_insights(
    client: &aws_sdk_dynamodb::Client,
    table: &str,
    gsis: &[String],
) -> Result<Vec<IndexInsights>, AwsError> {
    let calls = resources(gsis).into_iter().map(|r| async move {
        let s = contributors::describe(client, table, r).await?;
        Ok::<_, AwsError>(IndexInsights {
            index: r.map(str::to_owned),
            status: s.status,
            mode: s.mode,
            rules: s.rules,
        })
    });
    futures::future::try_join_all(calls).await
}

/// A throttled-keys rule of DynamoDB's Contributor Insights (`-PKT-` / `-SKT-` in its name; the
/// others report the most accessed keys). docs/aws-facts.md §8.1.
pub(crate) fn throttled_rule(rule: &str) -> bool {
    rule.contains("-PKT-") || rule.contains("-SKT-")
}

async fn rule_report(
    cw: &aws_sdk_cloudwatch::Client,
    rule: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<RuleReport, String> {
    let period = ((end - start).num_seconds() / 60).clamp(60, 86_400) as i32 / 60 * 60;
    let contributors = contributors::report(cw, rule, start, end, period.max(60), MAX_CONTRIBUTORS)
        .await
        .map_err(|e| e.to_string())?;
    Ok(RuleReport {
        rule: rule.to_owned(),
        throttled: throttled_rule(rule),
        contributors,
    })
}

/// DescribeTable, then together: the log groups and the top users in them (Logs Insights),
/// Contributor Insights' settings and rule reports, and the key-range metrics.
pub async fn gather(
    dynamodb: &aws_sdk_dynamodb::Client,
    cw: &aws_sdk_cloudwatch::Client,
    logs: &aws_sdk_cloudwatchlogs::Client,
    names: &Names,
    progress: &dyn Reporter,
    window: Duration,
    log_groups: &[String],
) -> HotFacts {
    let table = names.table.clone();
    let described = crate::aws::table::describe(dynamodb, &table).await;
    let gsis = crate::aws::table::gsi_names(described.as_ref().ok().and_then(|t| t.as_ref()));
    let now = Utc::now();
    let start = now - window;
    let groups = async {
        if log_groups.is_empty() {
            insights::resolve_log_groups(logs, &names.log_group_prefix, &[])
                .await
                .map(|g| g.queried)
                .map_err(|e| format!("{e:#}"))
        } else {
            Ok(log_groups.to_vec())
        }
    };
    let keys = key_range_keys(&table, &gsis);
    let (groups, insights, key_range) = tokio::join!(
        groups,
        describe_insights(dynamodb, &table, &gsis),
        metrics::fetch(cw, Window::last_at(window, now, 60), &keys),
    );
    let users = match groups {
        Ok(g) => top_users(logs, progress, &g, start, now).await,
        Err(e) => Err(e),
    };
    let rules: Vec<String> = insights
        .as_ref()
        .map(|list| {
            list.iter()
                .filter(|i| i.status == ContributorInsightsStatus::Enabled.as_str())
                .flat_map(|i| i.rules.clone())
                .collect()
        })
        .unwrap_or_default();
    let reports = futures::future::join_all(
        rules
            .iter()
            .map(|r| async move { (r.clone(), rule_report(cw, r, start, now).await) }),
    )
    .await;
    HotFacts {
        table,
        gsis,
        window,
        users,
        insights,
        reports,
        key_range,
    }
}

fn rate(v: f64) -> String {
    if v >= 10.0 {
        format!("{v:.0}/s")
    } else {
        format!("{v:.2}/s")
    }
}

impl crate::report::Evidence for IndexInsights {}
impl crate::report::Evidence for RuleReport {}

crate::evidence! {
    /// `hot.users`
    struct UsersEvidence<'a> {
        users: &'a [UserRate],
        total_events: Option<f64>,
    }
}

pub fn evaluate(f: &HotFacts) -> Vec<Finding> {
    let mut out = users_findings(f);
    out.push(insights_finding(&f.insights));
    out.extend(
        f.reports
            .iter()
            .map(|(rule, r)| report_finding(rule, r, f.window)),
    );
    out.push(key_range_finding(f));
    out
}

/// 1. Users, from the application's own log lines; a GSI risk when one user dominates.
fn users_findings(f: &HotFacts) -> Vec<Finding> {
    let t = match &f.users {
        Err(e) => {
            return vec![
                Finding::unknown(CheckId::HotUsers, format!("top users unknown: {e}")).runbook(RB),
            ];
        }
        // No log lines is "could not see", not "no hot users".
        Ok(t) if t.users.is_empty() => {
            return vec![Finding::unknown(
                CheckId::HotUsers,
                format!(
                    "no \"Event created\" log lines in the last {}: could not see which users write",
                    crate::times::human(f.window)
                ),
            )
            .remedy("check that the API logs \"Event created\" with a user_id field, or pass --log-group NAME")
            .runbook(RB)];
        }
        Ok(t) => t,
    };
    let top = &t.users[0];
    let peak = top.peak();
    let status = if peak > PARTITION_WRITE_LIMIT {
        Status::Crit
    } else if peak > WARN_RATE {
        Status::Warn
    } else {
        Status::Ok
    };
    let mut fnd = Finding::new(
        CheckId::HotUsers,
        status,
        format!(
            "busiest user {}: {}, {} average, peak minute {} (one partition takes about 1,000 writes/s of items up to 1 KB)",
            top.user,
            crate::output::plural(top.events as u64, "event", "events"),
            rate(top.per_second),
            top.peak_per_second.map(rate).unwrap_or_else(|| "-".into())
        ),
    )
    .evidence(UsersEvidence {
        users: &t.users,
        total_events: t.total_events,
    })
    .runbook(RB);
    if status != Status::Ok {
        fnd = fnd.remedy(format!(
            "shard {}'s writes over {} partition keys ({}#0 .. {}#{}); see the recommendations (runbook Issue 4, resolution 2-5)",
            top.user,
            shard_count(peak),
            top.user,
            top.user,
            shard_count(peak) - 1
        ));
    }
    let mut out = vec![fnd];
    // GSI hot-key risk: both indexes are keyed by user_id too.
    let share = t.total_events.map(|total| top.events / total);
    if share.is_some_and(|s| s > DOMINANT_SHARE) {
        for g in &f.gsis {
            out.push(
                Finding::warn(
                    CheckId::HotGsiRisk(g.to_string()),
                    format!(
                        "{} makes {:.0}% of events; {g} is keyed by user_id as well, so its partition for {} takes all of them (its own 1,000 WCU/s cap; a status change costs two index writes)",
                        top.user,
                        share.unwrap_or(0.0) * 100.0,
                        top.user
                    ),
                )
                .remedy("shard the user key in the index too, or move low-cardinality attributes (status) out of the key")
                .runbook("Issue 4; docs/aws-facts.md §3.3 (GSI impact)"),
            );
        }
    }
    out
}

/// 2. Contributor Insights on the table and its indexes.
fn insights_finding(insights: &Result<Vec<IndexInsights>, AwsError>) -> Finding {
    let list = match insights {
        Err(e) => {
            return Finding::unknown(
                CheckId::HotContributorInsights,
                format!("could not describe Contributor Insights: {e}"),
            );
        }
        Ok(list) => list,
    };
    let disabled: Vec<String> = list
        .iter()
        .filter(|i| i.status != ContributorInsightsStatus::Enabled.as_str())
        .map(|i| i.index.clone().unwrap_or_else(|| "table".into()))
        .collect();
    if disabled.is_empty() {
        Finding::ok(CheckId::HotContributorInsights, format!("enabled on the table and {}", crate::vocab::words::count(list.len() - 1, "GSI", "GSIs")))
    } else {
        Finding::ok(
            CheckId::HotContributorInsights,
            format!(
                "disabled on {}: the hot keys cannot be named; enable with --enable-contributor-insights (throttled-keys mode, billed only for throttled requests)",
                disabled.join(", ")
            ),
        )
    }
    .evidence(list)
    .runbook("Issue 4; docs/aws-facts.md §8.1")
}

/// One Contributor Insights report: the throttled keys, or the most accessed.
fn report_finding(rule: &str, r: &Result<RuleReport, String>, window: Duration) -> Finding {
    match r {
        // What a report would have said is unknown: under its own finding.
        Err(e) => Finding::unknown(
            if throttled_rule(rule) {
                CheckId::HotThrottledKeys
            } else {
                CheckId::HotAccessedKeys
            },
            format!("could not read the Contributor Insights report {rule}: {e}"),
        )
        .remedy("check the cloudwatch:GetInsightRuleReport permission")
        .runbook(RB),
        Ok(r) if r.throttled && !r.contributors.is_empty() => Finding::crit(
            CheckId::HotThrottledKeys,
            format!("most throttled keys: {}", r.top_keys()),
        )
        .evidence(r)
        .remedy("shard these keys' writes (runbook Issue 4, resolution 2)")
        .runbook(RB),
        Ok(r) if r.throttled => Finding::ok(
            CheckId::HotThrottledKeys,
            format!("no throttled keys ({})", r.rule),
        )
        .evidence(r),
        // An empty most-accessed report is a quiet window, not a list of keys.
        Ok(r) if r.contributors.is_empty() => Finding::unknown(
            CheckId::HotAccessedKeys,
            format!(
                "{}: no key in {}, no keys to name",
                crate::checks::evidence::no_traffic(&format!(
                    "last {}",
                    crate::times::human(window)
                )),
                r.rule
            ),
        )
        .evidence(r),
        Ok(r) => Finding::ok(
            CheckId::HotAccessedKeys,
            format!("most accessed keys: {}", r.top_keys()),
        )
        .evidence(r),
    }
}

/// 3. Key-range throttling (a partition at its limit) on the table and each GSI.
fn key_range_finding(f: &HotFacts) -> Finding {
    let m = match &f.key_range {
        Err(e) => {
            return Finding::unknown(
                CheckId::HotKeyRange,
                format!("could not read key-range throttle metrics: {e}"),
            );
        }
        Ok(m) => m,
    };
    let totals: Vec<(String, f64)> = resources(&f.gsis)
        .into_iter()
        .map(|r| {
            let t: f64 = ["Read", "Write"]
                .iter()
                .map(|s| {
                    m.total(&MetricKey::resource(
                        &format!("{s}KeyRangeThroughputThrottleEvents"),
                        &f.table,
                        r,
                        Stat::Sum,
                    ))
                })
                .sum::<f64>()
                + 0.0;
            (r.unwrap_or("table").to_owned(), t)
        })
        .collect();
    let keys = key_range_keys(&f.table, &f.gsis);
    let (quiet, gap) = crate::checks::evidence::unless_incomplete(Status::Ok, m, &keys);
    let hot: Vec<String> = totals
        .iter()
        .filter(|(_, t)| *t > 0.0)
        .map(|(r, t)| format!("{r} ({t:.0})"))
        .collect();
    if hot.is_empty() {
        Finding::new(
            CheckId::HotKeyRange,
            quiet,
            format!("no key-range throttling on the table or its GSIs{gap}"),
        )
    } else {
        Finding::crit(
            CheckId::HotKeyRange,
            format!(
                "key-range throttling (a partition at its limit) on {}",
                hot.join(", ")
            ),
        )
        .remedy("name the keys (Contributor Insights) and shard them")
    }
    .evidence(Keyed(totals))
    .runbook("Issue 4; docs/aws-facts.md §3.3")
}

/// Per hot user: how many shards, and what reads must then do.
pub(crate) fn recommendations(f: &HotFacts) -> Vec<Section> {
    let Ok(t) = &f.users else { return Vec::new() };
    let rows: Vec<Vec<String>> = t
        .users
        .iter()
        .filter(|u| u.peak() > WARN_RATE)
        .map(|u| {
            let n = shard_count(u.peak());
            vec![
                u.user.clone(),
                rate(u.peak()),
                n.to_string(),
                // plural-ok: n is a shard count, at least 2
        format!("write to user_id = {}#<hash(event_id) mod {n}>; read: query the {n} keys in parallel and merge by timestamp", u.user),
            ]
        })
        .collect();
    let mut out = vec![Section::table(
        format!("Top users, last {}", crate::times::human(f.window)),
        &["USER", "EVENTS", "AVERAGE", "PEAK MINUTE"],
        t.users
            .iter()
            .map(|u| {
                vec![
                    u.user.clone(),
                    format!("{:.0}", u.events),
                    rate(u.per_second),
                    u.peak_per_second.map(rate).unwrap_or_else(|| "-".into()),
                ]
            })
            .collect(),
    )];
    if !rows.is_empty() {
        out.push(Section::table(
            "Write sharding (runbook Issue 4, resolution 2-3)",
            &["USER", "PEAK", "SHARDS", "HOW"],
            rows,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_counts_have_headroom() {
        assert_eq!(shard_count(100.0), 2);
        assert_eq!(shard_count(1000.0), 2);
        assert_eq!(shard_count(2500.0), 4);
        assert_eq!(shard_count(6000.0), 9);
    }

    /// The contributors asked for are within what GetInsightRuleReport takes, and the facts
    /// page words the range as AWS does (an earlier "at most 25 for DynamoDB rules" was no AWS
    /// limit).
    #[test]
    fn contributors_asked_within_the_reports_range_as_aws_words_it() {
        // GetInsightRuleReport's MaxContributorCount range.
        // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetInsightRuleReport.html
        assert!((1..=100).contains(&MAX_CONTRIBUTORS));
        let facts = include_str!("../../docs/aws-facts.md");
        assert!(
            facts.contains("`MaxContributorCount` takes 1 to 100 (default 10)"),
            "docs/aws-facts.md §8.1"
        );
        assert!(!facts.contains("at most 25 contributors"));
    }

    /// docs/evidence.md: each hot-partitions finding without its evidence.
    #[test]
    fn hot_partitions_without_evidence() {
        use crate::aws::AwsErrorKind;
        use crate::aws::metrics::Series;
        use crate::checks::expect;
        let now = DateTime::from_timestamp(1_800_000_000, 0).expect("a valid time");
        let window = Window::last_at(Duration::hours(1), now, 60);
        let denied = |service: &'static str, op: &'static str| {
            AwsError::local(AwsErrorKind::AccessDenied, service, op, None, "denied")
        };
        let pkt = "DynamoDBContributorInsights-PKT-t-1700000000000";
        let pkc = "DynamoDBContributorInsights-PKC-t-1700000000000";
        let report = |rule: &str, contributors: Vec<(String, f64)>| {
            (
                rule.to_owned(),
                Ok(RuleReport {
                    rule: rule.to_owned(),
                    throttled: throttled_rule(rule),
                    contributors,
                }),
            )
        };
        let facts = || HotFacts {
            table: "t".into(),
            gsis: vec!["StatusIndex".into()],
            window: Duration::hours(1),
            users: Ok(TopUsers {
                users: Vec::new(),
                total_events: None,
                records_scanned: 0.0,
            }),
            insights: Ok(vec![IndexInsights {
                index: None,
                status: "DISABLED".into(),
                mode: None,
                rules: Vec::new(),
            }]),
            reports: Vec::new(),
            key_range: Ok(MetricSet::from_series(window, Vec::new())),
        };

        let out = evaluate(&facts());
        expect(
            &out,
            "hot.users",
            Status::Unknown,
            "no \"Event created\" log lines in the last 1h: could not see which users write",
        );
        // Disabled is what was read: it says the keys cannot be named, and the two other
        // sources still judge.
        expect(
            &out,
            "hot.contributor_insights",
            Status::Ok,
            "disabled on table: the hot keys cannot be named",
        );
        expect(
            &out,
            "hot.key_range",
            Status::Ok,
            "no key-range throttling on the table or its GSIs",
        );

        let mut f = facts();
        f.users = Err("the top-users query ended Timeout".into());
        f.insights = Err(denied("dynamodb", "DescribeContributorInsights"));
        f.key_range = Err(denied("cloudwatch", "GetMetricData"));
        let out = evaluate(&f);
        expect(
            &out,
            "hot.users",
            Status::Unknown,
            "top users unknown: the top-users query ended Timeout",
        );
        expect(
            &out,
            "hot.contributor_insights",
            Status::Unknown,
            "could not describe Contributor Insights",
        );
        expect(
            &out,
            "hot.key_range",
            Status::Unknown,
            "could not read key-range throttle metrics",
        );

        // Reports: unreadable under their own finding; an empty most-accessed report is a quiet
        // window; an empty throttled-keys report is "none throttled" (it lists only throttles).
        for (r, check, status, words) in [
            (
                (pkt.to_owned(), Err("AccessDenied".to_owned())),
                "hot.throttled_keys",
                Status::Unknown,
                "could not read the Contributor Insights report DynamoDBContributorInsights-PKT-",
            ),
            (
                (pkc.to_owned(), Err("AccessDenied".to_owned())),
                "hot.accessed_keys",
                Status::Unknown,
                "could not read the Contributor Insights report DynamoDBContributorInsights-PKC-",
            ),
            (
                report(pkc, vec![]),
                "hot.accessed_keys",
                Status::Unknown,
                "no traffic in the window (last 1h): no key in DynamoDBContributorInsights-PKC-",
            ),
            (
                report(pkc, vec![("u1".into(), 5.0)]),
                "hot.accessed_keys",
                Status::Ok,
                "most accessed keys: u1 (5)",
            ),
            (
                report(pkt, vec![]),
                "hot.throttled_keys",
                Status::Ok,
                "no throttled keys",
            ),
        ] {
            let mut f = facts();
            f.reports = vec![r];
            expect(&evaluate(&f), check, status, words);
        }

        // Key-range series answered PartialData: "no throttling" is not proven.
        let mut f = facts();
        f.key_range = Ok(MetricSet::from_series(
            window,
            vec![Series {
                key: key_range_keys("t", &f.gsis)[1].clone(),
                points: Vec::new(),
                problem: Some("PartialData".into()),
            }],
        ));
        expect(
            &evaluate(&f),
            "hot.key_range",
            Status::Unknown,
            "answered 1 of its 4 series incompletely",
        );
    }
}
