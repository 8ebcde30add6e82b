//! Permissions granted and never used, from IAM access advisor: GenerateServiceLastAccessedDetails
//! with Granularity ACTION_LEVEL for the role, then GetServiceLastAccessedDetails.
//! <https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServiceLastAccessedDetails.html>
//!
//! - The report lists the services the role's policies allow, each with when the role last
//!   authenticated to it, and for services IAM tracks per action, each allowed action with when
//!   it was last used. Activity shows within about four hours; IAM keeps at least 400 days.
//!   <https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html>
//! - Unused means not used in the last 90 days before the report was generated (IAM Access
//!   Analyzer's default unused-access age). Like Access Analyzer, a role younger than that is not
//!   judged yet: its unused actions are listed, not flagged.
//!   <https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-create-unused.html>
//! - Without action-level data for DynamoDB only the service's last use is known: unused when
//!   the role never reached DynamoDB in 90 days; otherwise which actions went unused is unknown,
//!   and said so.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

/// The unused-access age, in days.
pub const UNUSED_DAYS: i64 = 90;

/// One action's last use (`TrackedActionLastAccessed`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionUse {
    /// As IAM reports it: `PutItem` or `dynamodb:PutItem`.
    pub action: String,
    pub last_accessed: Option<DateTime<Utc>>,
    pub region: Option<String>,
}

/// One service of the report (`ServiceLastAccessed`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceUse {
    /// `dynamodb`.
    pub namespace: String,
    pub last_authenticated: Option<DateTime<Utc>>,
    /// `None` when IAM does not track this service per action.
    pub actions: Option<Vec<ActionUse>>,
}

/// A completed access advisor report for one role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccessAdvisor {
    /// `JobCompletionDate`: the report's "now".
    pub generated: DateTime<Utc>,
    pub services: Vec<ServiceUse>,
}

/// How much the report says about DynamoDB's actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Knowledge {
    /// Per action.
    Actions,
    /// Only the service's last use.
    Service,
    /// Nothing (no report, or DynamoDB not in it).
    Unknown,
}

/// What the report says about the role's DynamoDB actions.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Unused {
    pub knowledge: Knowledge,
    /// Why less than per-action knowledge, or why not judged.
    pub reason: Option<String>,
    /// Granted DynamoDB actions not used in the last 90 days (`dynamodb:Scan`).
    pub actions: Vec<String>,
    pub service_last_used: Option<DateTime<Utc>>,
    /// False when the role is younger than 90 days: listed, not flagged.
    pub judged: bool,
}

fn qualified(action: &str) -> String {
    if action.contains(':') {
        action.to_owned()
    } else {
        format!("dynamodb:{action}")
    }
}

/// Which of `granted` (`dynamodb:...` actions the policies allow) went unused, from `report`.
pub fn unused(
    report: &Result<AccessAdvisor, String>,
    granted: &[String],
    created: Option<DateTime<Utc>>,
) -> Unused {
    let mut out = Unused {
        knowledge: Knowledge::Unknown,
        reason: None,
        actions: Vec::new(),
        service_last_used: None,
        judged: false,
    };
    let report = match report {
        Ok(r) => r,
        Err(why) => {
            out.reason = Some(format!("access advisor is not available: {why}"));
            return out;
        }
    };
    let cutoff = report.generated - Duration::days(UNUSED_DAYS);
    let stale = |t: Option<DateTime<Utc>>| t.is_none_or(|t| t < cutoff);
    let Some(service) = report.services.iter().find(|s| s.namespace == "dynamodb") else {
        out.reason = Some("the access advisor report does not list DynamoDB for this role".into());
        return out;
    };
    out.service_last_used = service.last_authenticated;
    out.judged = created.is_none_or(|c| c <= cutoff);
    if !out.judged {
        let days = created
            .map(|c| (report.generated - c).num_days())
            .unwrap_or(0);
        out.reason = Some(format!(
            // plural-ok: UNUSED_DAYS is a constant over 1 (the role's own age is counted)
            "the role is {} old: unused actions are judged after {UNUSED_DAYS} days",
            crate::vocab::words::signed(days, "day", "days")
        ));
    }
    match &service.actions {
        Some(actions) => {
            out.knowledge = Knowledge::Actions;
            out.actions = actions
                .iter()
                .filter(|a| stale(a.last_accessed))
                .map(|a| qualified(&a.action))
                .filter(|a| granted.iter().any(|g| g.eq_ignore_ascii_case(a)))
                .collect();
        }
        None if stale(service.last_authenticated) => {
            out.knowledge = Knowledge::Actions;
            out.actions = granted.to_vec();
        }
        None => {
            out.knowledge = Knowledge::Service;
            let per_service = "IAM reports DynamoDB use for this role per service only: it was used, which actions is unknown";
            // Both reasons hold for a young role: neither hides the other.
            out.reason = Some(match out.reason.take() {
                Some(young) => format!("{per_service}; {young}"),
                None => per_service.into(),
            });
        }
    }
    out.actions.sort();
    out.actions.dedup();
    out
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    // clock-free: the report carries its own "now".
    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2000, 6, 1, 0, 0, 0).unwrap()
    }

    fn report(
        actions: Option<Vec<(&str, Option<i64>)>>,
        service_days_ago: Option<i64>,
    ) -> AccessAdvisor {
        AccessAdvisor {
            generated: now(),
            services: vec![ServiceUse {
                namespace: "dynamodb".into(),
                last_authenticated: service_days_ago.map(|d| now() - Duration::days(d)),
                actions: actions.map(|list| {
                    list.into_iter()
                        .map(|(a, d)| ActionUse {
                            action: a.into(),
                            last_accessed: d.map(|d| now() - Duration::days(d)),
                            region: Some("us-east-1".into()),
                        })
                        .collect()
                }),
            }],
        }
    }

    fn granted() -> Vec<String> {
        ["dynamodb:PutItem", "dynamodb:Query", "dynamodb:Scan"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn action_level_data_names_the_actions_unused_for_90_days() {
        let r = report(
            Some(vec![
                ("PutItem", Some(1)),
                ("Query", Some(120)),
                ("Scan", None),
            ]),
            Some(1),
        );
        let u = unused(&Ok(r), &granted(), None);
        assert_eq!(u.knowledge, Knowledge::Actions);
        assert_eq!(u.actions, vec!["dynamodb:Query", "dynamodb:Scan"]);
        assert!(u.judged);
    }

    #[test]
    fn service_level_data_alone_judges_only_a_service_never_used() {
        let idle = unused(&Ok(report(None, Some(200))), &granted(), None);
        assert_eq!(idle.knowledge, Knowledge::Actions);
        assert_eq!(idle.actions.len(), 3);
        let used = unused(&Ok(report(None, Some(3))), &granted(), None);
        assert_eq!(used.knowledge, Knowledge::Service);
        assert!(used.actions.is_empty());
        assert!(used.reason.unwrap().contains("per service only"));
    }

    #[test]
    fn absent_report_or_young_role_say_why() {
        let absent = unused(
            &Err("AccessDenied on GetServiceLastAccessedDetails".into()),
            &granted(),
            None,
        );
        assert_eq!(absent.knowledge, Knowledge::Unknown);
        assert!(absent.reason.unwrap().contains("AccessDenied"));
        let no_dynamodb = AccessAdvisor {
            generated: now(),
            services: vec![],
        };
        assert_eq!(
            unused(&Ok(no_dynamodb), &granted(), None).knowledge,
            Knowledge::Unknown
        );
        let young = unused(
            &Ok(report(Some(vec![("Scan", None)]), Some(1))),
            &granted(),
            Some(now() - Duration::days(30)),
        );
        assert!(!young.judged);
        assert_eq!(young.actions, vec!["dynamodb:Scan"]);
        assert!(young.reason.unwrap().contains("30 days old"));
    }

    #[test]
    fn a_young_role_used_per_service_only_says_both() {
        let young = unused(
            &Ok(report(None, Some(0))),
            &granted(),
            Some(now() - Duration::minutes(5)),
        );
        assert_eq!(young.knowledge, Knowledge::Service);
        assert!(!young.judged);
        assert_eq!(
            young.reason.as_deref(),
            Some(
                "IAM reports DynamoDB use for this role per service only: it was used, which actions is unknown; the role is 0 days old: unused actions are judged after 90 days"
            )
        );
    }
}
