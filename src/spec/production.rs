//! What counts as production: the markers a name token is matched against (`crate::safety`
//! holds what a write to production needs). Here, beside the names they judge, so that the
//! names (`Names`) and the rule depend on nothing above the spec.

/// The markers used when none are configured.
pub(crate) const DEFAULT_MARKERS: &[&str] = &["prod", "prd", "production", "live"];

/// Where a user reads the rule.
pub(crate) const RULE_DOC: &str = "docs/safety.md";

/// The configured production markers (lower-case letters and digits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductionRule {
    markers: Vec<String>,
    /// `production = true|false` from the environment's config section, and where it is
    /// (`FILE:LINE`): it decides, whatever the names hold.
    explicit: Option<(bool, String)>,
}

impl Default for ProductionRule {
    fn default() -> ProductionRule {
        ProductionRule {
            markers: DEFAULT_MARKERS.iter().map(|m| (*m).to_owned()).collect(),
            explicit: None,
        }
    }
}

/// Why a target counts as production: which name, which token, which marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProductionMatch {
    /// `environment` or `table`.
    pub what: &'static str,
    pub name: String,
    pub token: String,
}

/// The `what` of a match made by the config file's `production = true`.
const EXPLICIT: &str = "config";

impl std::fmt::Display for ProductionMatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.what == EXPLICIT {
            write!(f, "`production = true` at {}", self.name)
        } else if self.token == self.name {
            write!(f, "{} `{}` is a production marker", self.what, self.name)
        } else {
            write!(
                f,
                "{} `{}` holds the production marker `{}`",
                self.what, self.name, self.token
            )
        }
    }
}

/// What `none` means in a marker list: every default marker removed.
const NONE: &str = "none";

impl ProductionRule {
    /// Parses a comma-separated marker list against the defaults: `pci` adds a marker, `-live`
    /// removes a default one, `none` removes them all (`none,pci`: only `pci`). Adding never
    /// needs care; removing is always written out.
    pub(crate) fn parse(text: &str) -> Result<ProductionRule, String> {
        // An empty value (`EVENTSCTL_PRODUCTION_MARKERS=` in a profile) says nothing: the
        // defaults, as when it is unset. A value of separators only (` , `) is a mistake.
        if text.trim().is_empty() {
            return Ok(ProductionRule::default());
        }
        let entries: Vec<String> = text
            .split(',')
            .map(|m| m.trim().to_ascii_lowercase())
            .filter(|m| !m.is_empty())
            .collect();
        if entries.is_empty() {
            return Err(format!(
                "`{text}` names no production marker: give markers to add (pci), defaults to remove (-live), or none"
            ));
        }
        let mut rule = ProductionRule::default();
        if entries.iter().any(|e| e == NONE) {
            rule.markers.clear();
        }
        for entry in entries.iter().filter(|e| *e != NONE) {
            let (remove, marker) = match entry.strip_prefix('-') {
                Some(m) => (true, m),
                None => (false, entry.as_str()),
            };
            if marker.is_empty() || !marker.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(format!(
                    "production marker `{entry}` must be letters and digits only (markers are matched against name tokens); `-live` removes a default marker, `none` all of them"
                ));
            }
            if remove {
                if !DEFAULT_MARKERS.contains(&marker) {
                    return Err(format!(
                        "`-{marker}` removes a default production marker, and `{marker}` is not one ({})",
                        DEFAULT_MARKERS.join(", ")
                    ));
                }
                rule.markers.retain(|m| m != marker);
            } else if !rule.markers.iter().any(|m| m == marker) {
                rule.markers.push(marker.to_owned());
            }
        }
        Ok(rule)
    }

    /// The default markers this rule does not hold.
    pub(crate) fn removed(&self) -> Vec<&'static str> {
        DEFAULT_MARKERS
            .iter()
            .copied()
            .filter(|d| !self.markers.iter().any(|m| m == d))
            .collect()
    }

    /// The markers in force, comma-separated (`none` when there are none).
    pub(crate) fn in_force(&self) -> String {
        if self.markers.is_empty() {
            NONE.to_owned()
        } else {
            self.markers.join(",")
        }
    }

    /// Does this token match a marker (the marker, or the marker and digits)?
    fn token_matches(&self, token: &str) -> bool {
        let token = token.to_ascii_lowercase();
        self.markers.iter().any(|m| {
            token
                .strip_prefix(m.as_str())
                .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
        })
    }

    /// The first production token of `name`, if any.
    pub(crate) fn token_in(&self, name: &str) -> Option<String> {
        name.split(|c: char| !c.is_ascii_alphanumeric())
            .find(|t| !t.is_empty() && self.token_matches(t))
            .map(str::to_owned)
    }

    /// The config file's explicit `production` (at `origin`, `FILE:LINE`) overrides the markers.
    pub fn with_explicit(mut self, production: bool, origin: String) -> ProductionRule {
        self.explicit = Some((production, origin));
        self
    }

    /// Production by the config file's explicit setting, else by the environment or the table
    /// name.
    pub(crate) fn matches(&self, env: &str, table: &str) -> Option<ProductionMatch> {
        if let Some((production, origin)) = &self.explicit {
            return production.then(|| ProductionMatch {
                what: EXPLICIT,
                name: origin.clone(),
                token: "production".into(),
            });
        }
        [("environment", env), ("table", table)]
            .into_iter()
            .find_map(|(what, name)| {
                self.token_in(name).map(|token| ProductionMatch {
                    what,
                    name: name.to_owned(),
                    token,
                })
            })
    }
}
