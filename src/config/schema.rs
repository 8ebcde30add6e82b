//! The file's shape as serde reads it: every key optional, every value with its span, unknown
//! keys refused (`deny_unknown_fields`). Values are checked afterwards (`super::check`), where
//! the spans become line numbers.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    /// The environment when neither `--env` nor `EVENTSCTL_ENV` names one.
    pub default_env: Option<Spanned<String>>,
    /// Settings every environment gets unless its own section sets them.
    pub defaults: Option<Spanned<RawEnv>>,
    /// `[env.NAME]` sections.
    #[serde(default)]
    pub env: BTreeMap<Spanned<String>, Spanned<RawEnv>>,
}

/// One `[env.NAME]` section, or `[defaults]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEnv {
    pub region: Option<Spanned<String>>,
    pub profile: Option<Spanned<String>>,
    pub account: Option<Spanned<String>>,
    pub endpoint_url: Option<Spanned<String>>,
    pub name_prefix: Option<Spanned<String>>,
    pub table: Option<Spanned<String>>,
    pub production: Option<Spanned<bool>>,
    pub sns_topic: Option<Spanned<String>>,
    pub api_functions: Option<Spanned<Vec<Spanned<String>>>>,
    pub consumer_function: Option<Spanned<String>>,
    pub latency_targets: Option<RawLatency>,
    pub prices: Option<RawPrices>,
    pub export: Option<RawExport>,
    pub athena: Option<RawAthena>,
}

/// `[env.NAME.latency_targets]`: milliseconds per operation class.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLatency {
    pub write: Option<RawPercentiles>,
    pub batch_write: Option<RawPercentiles>,
    pub read: Option<RawPercentiles>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPercentiles {
    pub p50: Option<Spanned<f64>>,
    pub p95: Option<Spanned<f64>>,
    pub p99: Option<Spanned<f64>>,
}

/// `[env.NAME.prices]`: the `--price-per-*` flags' values.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPrices {
    pub per_million_wru: Option<Spanned<f64>>,
    pub per_million_rru: Option<Spanned<f64>>,
    pub per_wcu_hour: Option<Spanned<f64>>,
    pub per_rcu_hour: Option<Spanned<f64>>,
    pub per_tb_scanned: Option<Spanned<f64>>,
    pub per_gb_exported: Option<Spanned<f64>>,
}

/// `[env.NAME.export]`: where `export start` writes.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawExport {
    pub bucket: Option<Spanned<String>>,
    pub prefix: Option<Spanned<String>>,
}

/// `[env.NAME.athena]`: where `--engine athena` runs.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAthena {
    pub database: Option<Spanned<String>>,
    pub workgroup: Option<Spanned<String>>,
    pub output: Option<Spanned<String>>,
}
