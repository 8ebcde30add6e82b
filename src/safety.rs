//! The production rule, written once: what counts as production, and what a write to it needs.
//!
//! A target is production when its environment name or its table name holds a production marker
//! as a name token. Names are split into tokens at every character that is not a letter or a
//! digit (`zapier-triggers-api-prod-events` is `zapier`, `triggers`, `api`, `prod`, `events`);
//! a token matches a marker when it is the marker, or the marker followed by digits only
//! (`prod2`, `live01`). The markers are `prod`, `prd`, `production` and `live`;
//! `--production-markers` or `EVENTSCTL_PRODUCTION_MARKERS` add to them (`pci`), and remove one
//! only in a form that says so (`-live`, or `none` for all of them). A rule with a default
//! removed is said on every write (`guard_write`), so a stray environment variable cannot
//! quietly turn production into something else.
//!
//! Every command that writes calls `guard_write` before its first AWS call: on production it
//! needs `--yes`; a `--dry-run` writes nothing and always passes. `table create` calls
//! `forbid_on_production`: production tables come from infrastructure code, never from here.
//! The rule is documented for users in `docs/safety.md`.

use crate::error::Refusal;
use crate::spec::Names;
pub use crate::spec::production::ProductionRule;
pub(crate) use crate::spec::production::RULE_DOC;

/// Said on every write (a warning on stderr) when the rule no longer holds a default marker: a
/// removal must not pass unseen (a stray EVENTSCTL_PRODUCTION_MARKERS in a shell profile).
fn say_removed_markers(names: &Names, what: &str) {
    let removed = names.production.removed();
    if !removed.is_empty() {
        tracing::warn!(
            "{what}: production markers in force: {} (default markers removed: {}; --production-markers / EVENTSCTL_PRODUCTION_MARKERS)",
            names.production.in_force(),
            removed.join(", ")
        );
    }
}

/// The guard every write calls first. `what` names the write for the refusal line
/// (`events import`, `bench write`). Production without `--yes` is refused; a dry run passes.
pub(crate) fn guard_write(
    names: &Names,
    what: &str,
    yes: bool,
    dry_run: bool,
) -> Result<(), Refusal> {
    say_removed_markers(names, what);
    if dry_run || yes {
        return Ok(());
    }
    match names.production_match() {
        None => Ok(()),
        Some(m) => Err(Refusal::new(format!(
            "refusing {what} on {}: {m}; add --yes to write to production, or --dry-run to see what would change (rule: {RULE_DOC})",
            names.table
        ))),
    }
}

/// `table create`: never on production, not with `--yes` and not as a dry run (production tables
/// come from infrastructure code; `table verify` compares one with the spec).
pub(crate) fn forbid_on_production(names: &Names, what: &str) -> Result<(), Refusal> {
    say_removed_markers(names, what);
    match names.production_match() {
        None => Ok(()),
        Some(m) => Err(Refusal::new(format!(
            "refusing {what} for {}: {m}; production tables come from infrastructure code (Terraform), not from eventsctl, with or without --yes; `eventsctl table verify` compares one with the spec (rule: {RULE_DOC})",
            names.table
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(env: &str, table: Option<&str>) -> Names {
        Names::derive("zapier-triggers-api", env, table)
    }

    /// Review of issue 23, defect 12: `EVENTSCTL_PRODUCTION_MARKERS=` (empty) made every
    /// command exit 64. Empty means the defaults; separators only are still refused.
    #[test]
    fn an_empty_marker_list_means_the_defaults() {
        for empty in ["", "  "] {
            assert_eq!(ProductionRule::parse(empty), Ok(ProductionRule::default()));
        }
        assert!(ProductionRule::parse(" , ").is_err());
    }

    #[test]
    fn production_is_a_marker_token_of_env_or_table() {
        let rule = ProductionRule::default();
        let production = [
            ("prod", None),
            ("production-eu", None),
            ("prd-eu", None),
            ("live-eu", None),
            ("prod2", None),
            ("eu-prod", None),
            ("dev", Some("zapier-triggers-api-prod-events")),
            ("dev", Some("orders_PRD.events")),
            ("staging", Some("live01-events")),
        ];
        for (env, table) in production {
            let n = names(env, table);
            assert!(
                rule.matches(&n.env, &n.table).is_some(),
                "{env} {table:?} is production"
            );
        }
        let not_production = [
            ("dev", None),
            ("staging", None),
            ("sandbox", None),
            ("product", None),
            ("prodigy", None),
            ("delivery", None),
            ("olive", None),
            ("liveness", None),
            ("dev", Some("reproduce-events")),
            ("dev", Some("prod2x-events")),
        ];
        for (env, table) in not_production {
            let n = names(env, table);
            assert_eq!(rule.matches(&n.env, &n.table), None, "{env} {table:?}");
        }
    }

    #[test]
    fn the_match_says_which_name_and_token() {
        let rule = ProductionRule::default();
        let m = rule
            .matches("dev", "zapier-triggers-api-prod-events")
            .unwrap();
        assert_eq!(m.what, "table");
        assert_eq!(m.token, "prod");
        assert_eq!(
            m.to_string(),
            "table `zapier-triggers-api-prod-events` holds the production marker `prod`"
        );
        let e = rule.matches("prd", "t-events").unwrap();
        assert_eq!(e.to_string(), "environment `prd` is a production marker");
    }

    /// A configured list adds to the defaults (`EVENTSCTL_PRODUCTION_MARKERS=foo` once dropped
    /// them all, and `--env prod events put` wrote without --yes); a default goes only when a
    /// `-marker` or `none` says so.
    #[test]
    fn markers_are_added_and_removed_only_when_said() {
        let rule = ProductionRule::parse("foo").unwrap();
        assert!(rule.matches("prod", "x").is_some(), "the defaults stay");
        assert!(rule.matches("foo2", "x").is_some());
        assert!(rule.removed().is_empty());
        let rule = ProductionRule::parse(" PCI ,main, prod").unwrap();
        assert!(rule.matches("pci", "x").is_some() && rule.matches("main2", "x").is_some());
        assert!(rule.matches("live", "x").is_some());
        assert_eq!(rule.in_force(), "prod,prd,production,live,pci,main");
        let rule = ProductionRule::parse("-live").unwrap();
        assert!(rule.matches("live", "x").is_none() && rule.matches("prod", "x").is_some());
        assert_eq!(rule.removed(), vec!["live"]);
        let rule = ProductionRule::parse("none,pci").unwrap();
        assert!(rule.matches("prod", "x").is_none() && rule.matches("pci", "x").is_some());
        assert_eq!(rule.in_force(), "pci");
        let rule = ProductionRule::parse("none").unwrap();
        assert_eq!(
            (rule.in_force().as_str(), rule.removed().len()),
            ("none", 4)
        );
        assert!(ProductionRule::parse(" , ").is_err());
        assert!(ProductionRule::parse("pr-od").is_err());
        assert!(ProductionRule::parse("-").is_err());
        let err = ProductionRule::parse("-pci").unwrap_err();
        assert!(err.contains("not one"), "{err}");
        assert_eq!(
            ProductionRule::parse("prod,prd,production,live").unwrap(),
            ProductionRule::default()
        );
    }

    #[test]
    fn the_config_files_production_overrides_the_markers() {
        let rule = ProductionRule::default().with_explicit(false, "e.toml:3".into());
        assert!(rule.matches("prod", "x-prod-events").is_none());
        let rule = ProductionRule::default().with_explicit(true, "e.toml:9".into());
        let m = rule.matches("staging", "x-staging-events").unwrap();
        assert_eq!(m.to_string(), "`production = true` at e.toml:9");
        let mut n = names("staging", None);
        n.production = rule;
        let err = guard_write(&n, "events import", false, false).unwrap_err();
        assert!(err.0.contains("`production = true` at e.toml:9"), "{err}");
    }

    #[test]
    fn the_guard_needs_yes_on_production_and_lets_dry_runs_pass() {
        let prod = names("production-eu", None);
        let err = guard_write(&prod, "events import", false, false).unwrap_err();
        assert!(err.0.contains("refusing events import"), "{err}");
        assert!(err.0.contains("--yes") && err.0.contains(RULE_DOC), "{err}");
        assert!(guard_write(&prod, "events import", true, false).is_ok());
        assert!(guard_write(&prod, "events import", false, true).is_ok());
        assert!(guard_write(&names("dev", None), "events import", false, false).is_ok());
        let create = forbid_on_production(&prod, "table create").unwrap_err();
        assert!(create.0.contains("with or without --yes"), "{create}");
    }
}
