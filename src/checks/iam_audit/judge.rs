//! The findings of one Allow statement: NotAction, wildcard actions, resources wider than the
//! table, destructive actions anywhere, actions the role does not need, privilege escalation.
//! A grant that an unconditional Deny of the role's policies takes back is not reported (a
//! conditional Deny is not counted: conditions are shown, never evaluated).

use serde::Serialize;
use serde_json::{Value, json};

use super::PolicySource;
use super::catalog::{self, Class};
use super::needs::{Need, TableTarget};
use super::pattern::has_wildcard;
use super::policy::{Actions, Effect, Resources, Statement};
use super::reach::{Reach, reach, reach_not};
use crate::checks::id::CheckId;
use crate::report::Finding;

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

    fn evidence(&self, role: &str, extra: Value) -> Value {
        let s = self.statement;
        let mut v = json!({
            "role": role,
            "policy": self.policy,
            "policy_source": self.source,
            "statement": s.index + 1,
            "sid": s.sid,
            "effect": s.effect,
            "actions": s.actions,
            "resources": s.resources,
            "condition": s.condition,
        });
        if let (Some(v), Value::Object(extra)) = (v.as_object_mut(), extra) {
            v.extend(extra);
        }
        v
    }
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementView {
    pub policy: String,
    pub statement: usize,
    pub sid: Option<String>,
    pub effect: Effect,
    pub actions: Actions,
    pub resources: Resources,
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
    let dynamo: Vec<&catalog::Action> = catalog::DYNAMODB
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
        Resources::NotResource(list) => vec![(
            format!("NotResource {}", list.join(", ")),
            reach_not(list, table),
        )],
    };
    let on_table = reaches.iter().any(|(_, r)| *r != Reach::Elsewhere);
    let probe = if on_table {
        table.arn.clone()
    } else {
        reaches.first().map(|(p, _)| p.clone()).unwrap_or_default()
    };
    let live: Vec<&catalog::Action> = dynamo
        .iter()
        .copied()
        .filter(|a| denied_by(denies, &catalog::qualified(a), &probe).is_none())
        .collect();
    let needed = |a: &catalog::Action| {
        role.needs
            .iter()
            .any(|n| n.action.eq_ignore_ascii_case(&catalog::qualified(a)))
    };
    let conditional = if s.condition.is_some() {
        " (only under its Condition, which is not evaluated)"
    } else {
        ""
    };
    let where_ = reaches
        .iter()
        .map(|(p, _)| p.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let who = format!("{}: {}", role.name, at.label());
    let replace = format!(
        "replace it with the least-privilege policy for this role: {}",
        role.least_privilege
    );
    let mut findings = Vec::new();
    let mut push = |check: CheckId,
                    f: fn(CheckId, String) -> Finding,
                    summary: String,
                    remedy: String,
                    extra: Value| {
        findings.push(
            f(check, format!("{summary}{conditional}"))
                .remedy(remedy)
                .evidence(at.evidence(role.name, extra)),
        );
    };
    let crit = |c: CheckId, s: String| Finding::crit(c, s);
    let warn = |c: CheckId, s: String| Finding::warn(c, s);
    let name = role.name.to_owned();

    if let Actions::NotAction(except) = &s.actions {
        push(
            CheckId::IamNotAction(name.clone()),
            crit,
            format!(
                "{who} allows every action except {} on {where_}",
                except.join(", ")
            ),
            replace.clone(),
            json!({}),
        );
    }
    if let Actions::Action(patterns) = &s.actions {
        let everything = patterns.iter().any(|p| p.trim() == "*");
        let wild: Vec<String> = patterns
            .iter()
            .filter(|p| has_wildcard(p) && p.trim() != "*")
            .filter(|p| {
                p.to_ascii_lowercase().starts_with("dynamodb:")
                    || escalation
                        .iter()
                        .any(|e| super::pattern::action_matches(p, e))
            })
            .cloned()
            .collect();
        if everything {
            push(
                CheckId::IamWildcardAction(name.clone()),
                crit,
                format!(
                    "{who} allows `*`: every action of every service, IAM included, on {where_}"
                ),
                replace.clone(),
                json!({"wildcards": ["*"]}),
            );
        } else if !wild.is_empty() {
            let expanded: Vec<String> = dynamo.iter().map(|a| a.name.to_owned()).collect();
            push(
                CheckId::IamWildcardAction(name.clone()),
                warn,
                format!(
                    "{who} allows {} ({} DynamoDB actions today: {}; and any AWS adds later)",
                    wild.join(", "),
                    expanded.len(),
                    list(&expanded, 6)
                ),
                replace.clone(),
                json!({"wildcards": wild, "dynamodb_actions": expanded}),
            );
        }
    }
    let scoped_actions = dynamo.iter().any(|a| a.resource_level);
    let wide: Vec<String> = reaches
        .iter()
        .filter_map(|(p, r)| match r {
            Reach::Wider(what) => Some(format!("`{p}` ({what})")),
            _ => None,
        })
        .collect();
    if scoped_actions && !wide.is_empty() {
        push(
            CheckId::IamWildcardResource(name.clone()),
            warn,
            format!(
                "{who} grants DynamoDB actions on {}, not only the events table",
                wide.join(", ")
            ),
            replace.clone(),
            json!({"wide": wide}),
        );
    }
    let destructive: Vec<String> = live
        .iter()
        .filter(|a| a.class == Class::Destructive && !needed(a))
        .map(|a| a.name.to_owned())
        .collect();
    if !destructive.is_empty() {
        push(
            CheckId::IamDestructive(name.clone()),
            crit,
            format!(
                "{who} can {} on {where_}: it can delete events, the table or its protection",
                list(&destructive, 8)
            ),
            replace.clone(),
            json!({"destructive": destructive}),
        );
    }
    let unneeded: Vec<&catalog::Action> = live
        .iter()
        .copied()
        .filter(|a| a.class != Class::Destructive && !needed(a))
        .collect();
    if on_table && !unneeded.is_empty() {
        let mut by_class: Vec<(Class, Vec<String>)> = Vec::new();
        for a in &unneeded {
            match by_class.iter_mut().find(|(c, _)| *c == a.class) {
                Some((_, names)) => names.push(a.name.to_owned()),
                None => by_class.push((a.class, vec![a.name.to_owned()])),
            }
        }
        by_class.sort_by_key(|(c, _)| std::cmp::Reverse(*c));
        let text: Vec<String> = by_class
            .iter()
            .map(|(c, names)| format!("{} {}", c.as_str(), list(names, 5)))
            .collect();
        push(
            CheckId::IamUnneeded(name.clone()),
            warn,
            format!(
                "{who} grants what a {} role does not need: {}",
                role_kind_word(role.needs),
                text.join("; ")
            ),
            replace.clone(),
            json!({"unneeded": unneeded.iter().map(|a| catalog::qualified(a)).collect::<Vec<_>>()}),
        );
    }
    if !escalation.is_empty() {
        push(
            CheckId::IamEscalation(name.clone()),
            crit,
            format!(
                "{who} allows {}: with it the role can grant itself any permission, DeleteTable included",
                list(&escalation, 6)
            ),
            format!("remove {}; {replace}", escalation.join(", ")),
            json!({"escalation": escalation}),
        );
    }
    Some(Judged {
        view: StatementView {
            policy: at.policy.to_owned(),
            statement: s.index + 1,
            sid: s.sid.clone(),
            effect: s.effect,
            actions: s.actions.clone(),
            resources: s.resources.clone(),
            condition: s.condition.clone(),
            reach: reaches,
            dynamodb_actions: dynamo.iter().map(|a| catalog::qualified(a)).collect(),
        },
        findings,
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
