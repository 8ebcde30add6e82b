//! `eventsctl.toml`: per-environment settings, and how they meet the flags.
//!
//! The file is found by [`locate`] (`--config`, then `EVENTSCTL_CONFIG`, then
//! `$XDG_CONFIG_HOME/eventsctl/eventsctl.toml`, else `~/.config/eventsctl/eventsctl.toml`), read
//! by [`ConfigFile::load`] into checked values that remember their line, and merged with the
//! command line by [`resolve`]: flags (and the environment variables clap reads for them) over
//! the environment's `[env.NAME]` section, over `[defaults]`, over the built-in defaults. Each
//! resolved [`Setting`] says where its value came from, which `config show` prints.
//!
//! Anything wrong in the file (an unknown key, a wrong type, a bad value, a key set twice, bad
//! TOML) is one [`UsageError`] line, `FILE:LINE: key `x`: what is wrong`: exit 64, never a
//! silent default. [`EXAMPLE`] is what `config init` writes.

mod check;
mod diagnostics;
mod example;
mod locate;
pub mod matches;
mod resolve;
mod schema;
pub(crate) mod values;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::UsageError;

pub use example::EXAMPLE;
pub use locate::{CONFIG_ENV_VAR, FILE_NAME, Located, locate, locate_from_env};
pub use resolve::{
    DEFAULT_ENV, DEFAULT_NAME_PREFIX, DEFAULT_PRICES, Origin, Overrides, Resolved, ResolvedAthena,
    Row, Setting, resolve,
};

/// A value read from the file, with the line it is on.
#[derive(Debug, Clone, PartialEq)]
pub struct FileValue<T> {
    pub value: T,
    pub line: usize,
}

/// Latency targets of one operation class, in milliseconds.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Percentiles<T> {
    pub p50: T,
    pub p95: T,
    pub p99: T,
}

/// The latency targets `diagnose latency` and `health-check quarterly` hold operations to:
/// `write` (PutItem), `batch_write` (BatchWriteItem), `read` (GetItem, Query).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LatencyTargets<T> {
    pub write: Percentiles<T>,
    pub batch_write: Percentiles<T>,
    pub read: Percentiles<T>,
}

/// Prices for cost estimates, in dollars (the `--price-per-*` flags).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Prices<T> {
    /// On-demand, per million write request units.
    pub per_million_wru: T,
    /// On-demand, per million read request units.
    pub per_million_rru: T,
    /// Provisioned, per WCU-hour.
    pub per_wcu_hour: T,
    /// Provisioned, per RCU-hour.
    pub per_rcu_hour: T,
    /// Athena, per TB scanned.
    pub per_tb_scanned: T,
    /// PITR export, per GB of table.
    pub per_gb_exported: T,
}

/// Where `export start` writes.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Export<T> {
    pub bucket: T,
    pub prefix: T,
}

/// Where `--engine athena` runs.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Athena<T> {
    pub database: T,
    pub workgroup: T,
    /// `s3://bucket/prefix/` for query results.
    pub output: T,
}

/// One section of the file (`[env.NAME]` or `[defaults]`), checked: only what it sets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Section {
    pub region: Option<FileValue<String>>,
    pub profile: Option<FileValue<String>>,
    /// The AWS account the environment's credentials must be in (12 digits).
    pub account: Option<FileValue<String>>,
    /// Normalised without a trailing `/`.
    pub endpoint_url: Option<FileValue<String>>,
    pub name_prefix: Option<FileValue<String>>,
    pub table: Option<FileValue<String>>,
    /// Explicit: overrides the production name markers (never in `[defaults]`).
    pub production: Option<FileValue<bool>>,
    pub sns_topic: Option<FileValue<String>>,
    pub api_functions: Option<FileValue<Vec<String>>>,
    pub consumer_function: Option<FileValue<String>>,
    pub latency_targets: LatencyTargets<Option<FileValue<f64>>>,
    pub prices: Prices<Option<FileValue<f64>>>,
    pub export: Export<Option<FileValue<String>>>,
    /// `output` normalised with a trailing `/`.
    pub athena: Athena<Option<FileValue<String>>>,
}

/// An `[env.NAME]` section.
#[derive(Debug, Clone, PartialEq)]
pub struct EnvSection {
    pub name: String,
    /// The line of its header (or of its first dotted key).
    pub line: usize,
    pub section: Section,
}

/// A config file, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigFile {
    pub path: PathBuf,
    /// The environment when neither `--env` nor `EVENTSCTL_ENV` names one.
    pub default_env: Option<FileValue<String>>,
    /// `[defaults]`: what every environment gets unless it sets its own.
    pub defaults: Section,
    /// The `[env.NAME]` sections, in the order the file has them.
    pub envs: Vec<EnvSection>,
}

/// A config file larger than this is not a config file (a device, a log named by mistake).
const MAX_BYTES: u64 = 1 << 20;

impl ConfigFile {
    /// Reads and checks the file at `path`.
    pub fn load(path: &Path) -> Result<ConfigFile, UsageError> {
        let shown = path.display().to_string();
        let cannot =
            |why: String| UsageError::new(format!("{shown}: cannot read the config file: {why}"));
        let file = std::fs::File::open(path).map_err(|e| cannot(e.to_string()))?;
        let mut text = String::new();
        use std::io::Read;
        let read = file
            .take(MAX_BYTES + 1)
            .read_to_string(&mut text)
            .map_err(|e| cannot(e.to_string()))?;
        if read as u64 > MAX_BYTES {
            return Err(cannot(format!(
                "it is larger than {} KiB",
                MAX_BYTES / 1024
            )));
        }
        ConfigFile::parse(path, &text)
    }

    /// Checks `text` as the file at `path` (which names it in error lines).
    pub fn parse(path: &Path, text: &str) -> Result<ConfigFile, UsageError> {
        let shown = path.display().to_string();
        let raw: schema::RawFile =
            toml::from_str(text).map_err(|e| diagnostics::from_toml(&shown, text, &e))?;
        check::Checker {
            shown: &shown,
            text,
        }
        .file(raw, path.to_path_buf())
    }

    /// The environments' names, in the file's order (what `--all-envs` runs).
    pub fn env_names(&self) -> Vec<&str> {
        self.envs.iter().map(|e| e.name.as_str()).collect()
    }

    pub fn env(&self, name: &str) -> Option<&EnvSection> {
        self.envs.iter().find(|e| e.name == name)
    }
}

/// Finds the config file as the process's environment says and reads it: `None` when no file
/// is named and none is at the default place.
pub fn load(explicit: Option<&Path>) -> Result<Option<ConfigFile>, UsageError> {
    match locate_from_env(explicit) {
        Some(found) if found.required && !found.path.exists() => Err(UsageError::new(format!(
            "{}: no such config file (named by {})",
            found.path.display(),
            found.origin
        ))),
        Some(found) if found.required || found.path.exists() => {
            ConfigFile::load(&found.path).map(Some)
        }
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests;
