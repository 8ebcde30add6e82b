//! The findings of one Allow statement: NotAction, wildcard actions, resources wider than the
//! table, destructive actions anywhere, actions the role does not need, privilege escalation.
//! A grant that an unconditional Deny of the role's policies takes back is not reported (a
//! conditional Deny is not counted: conditions are shown, never evaluated).

use serde::Serialize;
use serde_json::Value;

use super::PolicySource;
use super::catalog::{self, Class};
use super::needs::{Need, TableTarget};
use super::pattern::has_wildcard;
use super::policy::{Actions, Effect, Resources, Statement};
use super::reach::{Reach, reach, reach_not};
use crate::report::Finding;
use crate::vocab::check_id::CheckId;

/// A statement with the policy it is in.
#[derive(Debug, Clone, Copy)]
pub struct Located<'a> {
    pub policy: &'a str,
    pub source: &'a PolicySource,
    pub statement: &'a Statement,
}

impl Located<'_> {
    /// `policy events-api (inline), statement 2 ("Writes")`.
    pub fn label(&self) -> String {
        format!(
            "policy {} ({}), {}",
            self.policy,
            self.source.kind(),
            self.statement.label()
        )
    }

    fn evidence<'a>(&'a self, role: &'a str, extra: Extra) -> StatementEvidence<'a> {
        let s = self.statement;
        StatementEvidence {
            role,
            policy: self.policy,
            policy_source: self.source,
            statement: s.index + 1,
            sid: s.sid.as_deref(),
            effect: &s.effect,
            actions: &s.actions,
            resources: &s.resources,
            condition: s.condition.as_ref(),
            extra,
        }
    }
}

/// `iam.*` of one statement: where it is, what it says, and what the finding names in it.
#[derive(Debug, serde::Serialize)]
pub(crate) struct StatementEvidence<'a> {
    role: &'a str,
    policy: &'a str,
    policy_source: &'a PolicySource,
    /// From 1.
    statement: usize,
    sid: Option<&'a str>,
    effect: &'a Effect,
    actions: &'a Actions,
    resources: &'a Resources,
    condition: Option<&'a Value>,
    #[serde(flatten)]
    extra: Extra,
}

impl crate::report::Evidence for StatementEvidence<'_> {}

/// What a finding about a statement names beside the statement itself.
#[derive(Debug, serde::Serialize)]
#[serde(untagged)]
pub(crate) enum Extra {
    Nothing {},
    Wildcards {
        wildcards: Vec<String>,
    },
    WildcardsExpanded {
        wildcards: Vec<String>,
        dynamodb_actions: Vec<String>,
    },
    Wide {
        wide: Vec<String>,
    },
    Destructive {
        destructive: Vec<String>,
    },
    Unneeded {
        unneeded: Vec<String>,
    },
    Escalation {
        escalation: Vec<String>,
    },
}

/// The unconditional Deny that takes back `action` on `arn`, if any.
pub fn denied_by(denies: &[Located], action: &str, arn: &str) -> Option<String> {
    denies
        .iter()
        .find(|d| {
            d.statement.effect == Effect::Deny
                && d.statement.condition.is_none()
                && d.statement.covers(action, arn)
        })
        .map(Located::label)
}

/// One statement as the audit saw it (`data.roles[].statements`).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StatementView {
    pub policy: String,
    pub statement: usize,
    pub sid: Option<String>,
    pub effect: Effect,
    pub actions: Actions,
    pub resources: Resources,
    /// The statement's `Condition` as the policy wrote it (shown, not evaluated): free-form,
    /// IAM's condition operators and keys.
    pub condition: Option<Value>,
    /// Each resource pattern (or the NotResource list as one) and how far it reaches.
    pub reach: Vec<(String, Reach)>,
    /// The DynamoDB actions it grants (from the catalog).
    pub dynamodb_actions: Vec<String>,
}

/// What one statement grants and the findings it earns.
pub struct Judged {
    pub view: StatementView,
    pub findings: Vec<Finding>,
}

/// The role's name, what it needs, and the least-privilege policy for the remedies.
pub struct RoleFacts<'a> {
    pub name: &'a str,
    pub needs: &'a [Need],
    pub least_privilege: &'a str,
}

fn list(items: &[String], max: usize) -> String {
    if items.len() <= max {
        items.join(", ")
    } else {
        format!("{} and {} more", items[..max].join(", "), items.len() - max)
    }
}

/// What one Allow statement grants, seen from the table.
struct Grants<'a> {
    at: Located<'a>,
    role: &'a RoleFacts<'a>,
    dynamo: Vec<&'static catalog::Action>,
    /// The DynamoDB actions no unconditional Deny takes back.
    live: Vec<&'static catalog::Action>,
    escalation: Vec<String>,
    reaches: Vec<(String, Reach)>,
    on_table: bool,
    findings: Vec<Finding>,
}

impl Grants<'_> {
    fn who(&self) -> String {
        format!("{}: {}", self.role.name, self.at.label())
    }

    fn resources(&self) -> String {
        self.reaches
            .iter()
            .map(|(p, _)| p.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn replace(&self) -> String {
        format!(
            "replace it with the least-privilege policy for this role: {}",
            self.role.least_privilege
        )
    }

    fn needed(&self, a: &catalog::Action) -> bool {
        let q = catalog::qualified(a);
        self.role
            .needs
            .iter()
            .any(|n| n.action.eq_ignore_ascii_case(&q))
    }

    fn add(
        &mut self,
        check: fn(String) -> CheckId,
        crit: bool,
        summary: String,
        remedy: String,
        extra: Extra,
    ) {
        let condition = if self.at.statement.condition.is_some() {
            " (only under its Condition, which is not evaluated)"
        } else {
            ""
        };
        let check = check(self.role.name.to_owned());
        let summary = format!("{summary}{condition}");
        let f = if crit {
            Finding::crit(check, summary)
        } else {
            Finding::warn(check, summary)
        };
        self.findings.push(
            f.remedy(remedy)
                .evidence(self.at.evidence(self.role.name, extra)),
        );
    }

    /// NotAction with Allow; `*`; wildcards over DynamoDB or escalation actions.
    fn actions(&mut self) {
        let (who, resources, replace) = (self.who(), self.resources(), self.replace());
        let patterns = match &self.at.statement.actions {
            Actions::NotAction(except) => {
                let summary = format!(
                    "{who} allows every action except {} on {resources}",
                    except.join(", ")
                );
                self.add(
                    CheckId::IamNotAction,
                    true,
                    summary,
                    replace,
                    Extra::Nothing {},
                );
                return;
            }
            Actions::Action(patterns) => patterns.clone(),
        };
        if patterns.iter().any(|p| p.trim() == "*") {
            let summary = format!(
                "{who} allows `*`: every action of every service, IAM included, on {resources}"
            );
            self.add(
                CheckId::IamWildcardAction,
                true,
                summary,
                replace,
                Extra::Wildcards {
                    wildcards: vec!["*".to_owned()],
                },
            );
            return;
        }
        let wild: Vec<String> = patterns
            .iter()
            .filter(|p| has_wildcard(p))
            .filter(|p| {
                p.to_ascii_lowercase().starts_with("dynamodb:")
                    || self
                        .escalation
                        .iter()
                        .any(|e| super::pattern::action_matches(p, e))
            })
            .cloned()
            .collect();
        if !wild.is_empty() {
            let expanded: Vec<String> = self.dynamo.iter().map(|a| a.name.to_owned()).collect();
            let summary = format!(
                "{who} allows {} ({} DynamoDB actions today: {}; and any AWS adds later)",
                wild.join(", "),
                expanded.len(),
                list(&expanded, 6)
            );
            let extra = Extra::WildcardsExpanded {
                wildcards: wild,
                dynamodb_actions: expanded,
            };
            self.add(CheckId::IamWildcardAction, false, summary, replace, extra);
        }
    }

    /// DynamoDB actions that can be scoped, granted on more than the table.
    fn resources_reach(&mut self) {
        let wide: Vec<String> = self
            .reaches
            .iter()
            .filter_map(|(p, r)| match r {
                Reach::Wider(what) => Some(format!("`{p}` ({what})")),
                _ => None,
            })
            .collect();
        if self.dynamo.iter().any(|a| a.resource_level) && !wide.is_empty() {
            let summary = format!(
                // plural-ok: `grants` is the verb, not a count
                "{} grants DynamoDB actions on {}, not only the events table",
                self.who(),
                wide.join(", ")
            );
            let replace = self.replace();
            self.add(
                CheckId::IamWildcardResource,
                false,
                summary,
                replace,
                Extra::Wide { wide },
            );
        }
    }

    /// Destructive actions anywhere, other unneeded ones on the table, escalation.
    fn grants(&mut self) {
        let (who, resources, replace) = (self.who(), self.resources(), self.replace());
        let destructive: Vec<String> = self
            .live
            .iter()
            .filter(|a| a.class == Class::Destructive && !self.needed(a))
            .map(|a| a.name.to_owned())
            .collect();
        if !destructive.is_empty() {
            let summary = format!(
                "{who} can {} on {resources}: it can delete events, the table or its protection",
                list(&destructive, 8)
            );
            let extra = Extra::Destructive { destructive };
            self.add(
                CheckId::IamDestructive,
                true,
                summary,
                replace.clone(),
                extra,
            );
        }
        let unneeded: Vec<&catalog::Action> = self
            .live
            .iter()
            .copied()
            .filter(|a| a.class != Class::Destructive && !self.needed(a))
            .collect();
        if self.on_table && !unneeded.is_empty() {
            let summary = format!(
                // plural-ok: `grants` is the verb, not a count
                "{who} grants what a {} role does not need: {}",
                role_kind_word(self.role.needs),
                by_class(&unneeded)
            );
            let extra = Extra::Unneeded {
                unneeded: unneeded.iter().map(|a| catalog::qualified(a)).collect(),
            };
            self.add(CheckId::IamUnneeded, false, summary, replace.clone(), extra);
        }
        if !self.escalation.is_empty() {
            let summary = format!(
                "{who} allows {}: with it the role can grant itself any permission, DeleteTable included",
                list(&self.escalation, 6)
            );
            let remedy = format!("remove {}; {replace}", self.escalation.join(", "));
            let extra = Extra::Escalation {
                escalation: self.escalation.clone(),
            };
            self.add(CheckId::IamEscalation, true, summary, remedy, extra);
        }
    }
}

/// `write PutItem; read Scan, DescribeTable`: the most dangerous class first.
fn by_class(actions: &[&catalog::Action]) -> String {
    let mut groups: Vec<(Class, Vec<String>)> = Vec::new();
    for a in actions {
        match groups.iter_mut().find(|(c, _)| *c == a.class) {
            Some((_, names)) => names.push(a.name.to_owned()),
            None => groups.push((a.class, vec![a.name.to_owned()])),
        }
    }
    groups.sort_by_key(|(c, _)| std::cmp::Reverse(*c));
    groups
        .iter()
        .map(|(c, names)| format!("{} {}", c.as_str(), list(names, 5)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Judges one statement; `None` when it grants nothing of DynamoDB nor any escalation action.
pub fn judge(
    role: &RoleFacts,
    table: &TableTarget,
    at: Located,
    denies: &[Located],
) -> Option<Judged> {
    let s = at.statement;
    if s.effect != Effect::Allow {
        return None;
    }
    let dynamo: Vec<&'static catalog::Action> = catalog::DYNAMODB
        .iter()
        .filter(|a| s.covers_action(&catalog::qualified(a)))
        .collect();
    let escalation: Vec<String> = catalog::ESCALATION
        .iter()
        .filter(|a| s.covers_action(a))
        .map(|a| (*a).to_owned())
        .collect();
    if dynamo.is_empty() && escalation.is_empty() {
        return None;
    }
    let reaches: Vec<(String, Reach)> = match &s.resources {
        Resources::Resource(list) => list.iter().map(|p| (p.clone(), reach(p, table))).collect(),
        Resources::NotResource(list) => {
            vec![(
                format!("NotResource {}", list.join(", ")),
                reach_not(list, table),
            )]
        }
    };
    let on_table = reaches.iter().any(|(_, r)| *r != Reach::Elsewhere);
    // Where a Deny must reach to take a grant back: the table, or the first place granted.
    let probe = if on_table {
        table.arn.clone()
    } else {
        reaches.first().map(|(p, _)| p.clone()).unwrap_or_default()
    };
    let live = dynamo
        .iter()
        .copied()
        .filter(|a| denied_by(denies, &catalog::qualified(a), &probe).is_none())
        .collect();
    let mut g = Grants {
        at,
        role,
        dynamo,
        live,
        escalation,
        reaches,
        on_table,
        findings: Vec::new(),
    };
    g.actions();
    g.resources_reach();
    g.grants();
    Some(Judged {
        view: StatementView {
            policy: at.policy.to_owned(),
            statement: s.index + 1,
            sid: s.sid.clone(),
            effect: s.effect,
            actions: s.actions.clone(),
            resources: s.resources.clone(),
            condition: s.condition.clone(),
            dynamodb_actions: g.dynamo.iter().map(|a| catalog::qualified(a)).collect(),
            reach: g.reaches,
        },
        findings: g.findings,
    })
}

/// `API` or `stream consumer`, from what the role needs.
fn role_kind_word(needs: &[Need]) -> &'static str {
    if needs.iter().any(|n| n.scope == super::needs::Scope::Stream) {
        "stream consumer"
    } else {
        "API"
    }
}
