//! Flags > file > defaults: one pure function from what the user gave to settings that each say
//! where they came from.

use std::path::PathBuf;

use serde::Serialize;

use super::{Athena, ConfigFile, Export, FileValue, LatencyTargets, Percentiles, Prices, Section};
use crate::error::UsageError;
use crate::spec::targets::{BATCH_WRITE_LATENCY, READ_LATENCY, WRITE_LATENCY};

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// A command-line flag (`--region`).
    Flag { flag: String },
    /// An environment variable clap read for a flag (`EVENTSCTL_ENV`).
    EnvVar { var: String },
    /// A line of the config file.
    File { path: PathBuf, line: usize },
    /// Built in (or, for an unset optional setting, left to AWS's own chain).
    Default,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Flag { flag } => f.write_str(flag),
            Origin::EnvVar { var } => f.write_str(var),
            Origin::File { path, line } => write!(f, "{}:{line}", path.display()),
            Origin::Default => f.write_str("default"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Setting<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Setting<T> {
    pub fn new(value: T, origin: Origin) -> Setting<T> {
        Setting { value, origin }
    }

    /// A value given on the command line.
    pub fn flag(value: T, flag: &str) -> Setting<T> {
        Setting::new(value, Origin::Flag { flag: flag.into() })
    }

    /// A value clap read from an environment variable.
    pub fn env_var(value: T, var: &str) -> Setting<T> {
        Setting::new(value, Origin::EnvVar { var: var.into() })
    }

    fn default(value: T) -> Setting<T> {
        Setting::new(value, Origin::Default)
    }
}

/// What the command line (and the environment variables clap reads for its flags) gives: only
/// values the user gave, never clap's defaults (`matches::overrides` builds it that way).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides {
    pub env: Option<Setting<String>>,
    pub region: Option<Setting<String>>,
    pub profile: Option<Setting<String>>,
    pub endpoint_url: Option<Setting<String>>,
    pub name_prefix: Option<Setting<String>>,
    pub table: Option<Setting<String>>,
    pub sns_topic: Option<Setting<String>>,
    pub consumer_function: Option<Setting<String>>,
    pub prices: Prices<Option<Setting<f64>>>,
    pub export: Export<Option<Setting<String>>>,
    pub athena: Athena<Option<Setting<String>>>,
}

/// Every setting of one environment, resolved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resolved {
    /// The config file that was read, if any.
    pub config_file: Option<PathBuf>,
    pub env: Setting<String>,
    /// `None`: the SDK's chain (AWS_REGION, the profile, instance metadata).
    pub region: Setting<Option<String>>,
    /// `None`: the SDK's chain (AWS_PROFILE, else the default credentials chain).
    pub profile: Setting<Option<String>>,
    /// `None`: the caller's account is not checked.
    pub account: Setting<Option<String>>,
    /// `None`: AWS's endpoints (or AWS_ENDPOINT_URL, which the SDK reads).
    pub endpoint_url: Setting<Option<String>>,
    pub name_prefix: Setting<String>,
    /// `None`: derived from the name prefix and the environment.
    pub table: Setting<Option<String>>,
    /// `None`: the production name markers decide.
    pub production: Setting<Option<bool>>,
    pub sns_topic: Setting<Option<String>>,
    /// Empty: the functions are found from the log groups under /aws/lambda/{prefix}-{env}.
    pub api_functions: Setting<Vec<String>>,
    /// `None`: the one event source mapping reading the table's stream.
    pub consumer_function: Setting<Option<String>>,
    pub latency_targets: LatencyTargets<Setting<f64>>,
    pub prices: Prices<Setting<f64>>,
    pub export: Export<Setting<Option<String>>>,
    pub athena: ResolvedAthena,
}

/// Where `--engine athena` runs, resolved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedAthena {
    pub database: Setting<String>,
    pub workgroup: Setting<String>,
    /// `None`: the workgroup's result location.
    pub output: Setting<Option<String>>,
}

/// The environment when nothing names one.
pub const DEFAULT_ENV: &str = "dev";
/// The prefix of every resource name when nothing sets one.
pub const DEFAULT_NAME_PREFIX: &str = "zapier-triggers-api";
/// Athena's defaults.
pub const DEFAULT_ATHENA_WORKGROUP: &str = "primary";
pub const DEFAULT_ATHENA_DATABASE: &str = "eventsctl";

/// us-east-1 list prices, as the `--price-per-*` flags default to.
pub const DEFAULT_PRICES: Prices<f64> = Prices {
    per_million_wru: 0.625,
    per_million_rru: 0.125,
    per_wcu_hour: 0.00065,
    per_rcu_hour: 0.00013,
    per_tb_scanned: 5.0,
    per_gb_exported: 0.10,
};

/// The settings of one environment: `overrides` over its `[env.NAME]` section, over
/// `[defaults]`, over the built-in defaults. The environment is `overrides.env`, else the file's
/// `default_env`, else `dev`; a fleet run calls this once per name with `overrides.env` set.
///
/// A file with `[env.*]` sections is the list of environments: an environment it does not have
/// is a usage error (a typo such as `prd` for `prod` must not run without the file's account
/// guard and production flag).
pub fn resolve(overrides: &Overrides, file: Option<&ConfigFile>) -> Result<Resolved, UsageError> {
    let env = overrides
        .env
        .clone()
        .or_else(|| {
            file.and_then(|f| f.default_env.as_ref())
                .map(|v| from_file(file, v))
        })
        .unwrap_or_else(|| Setting::default(DEFAULT_ENV.to_owned()));
    let empty = Section::default();
    let (own, defaults) = match file {
        Some(f) if !f.envs.is_empty() => match f.env(&env.value) {
            Some(e) => (&e.section, &f.defaults),
            None => return Err(unknown_env(f, &env)),
        },
        Some(f) => (&empty, &f.defaults),
        None => (&empty, &empty),
    };
    let l = Layers {
        file,
        own,
        defaults,
    };
    Ok(Resolved {
        config_file: file.map(|f| f.path.clone()),
        region: l.optional(overrides.region.as_ref(), |s| s.region.as_ref()),
        profile: l.optional(overrides.profile.as_ref(), |s| s.profile.as_ref()),
        account: l.optional(None, |s| s.account.as_ref()),
        endpoint_url: l.optional(overrides.endpoint_url.as_ref(), |s| s.endpoint_url.as_ref()),
        name_prefix: l.pick(
            overrides.name_prefix.as_ref(),
            |s| s.name_prefix.as_ref(),
            DEFAULT_NAME_PREFIX.to_owned(),
        ),
        table: l.optional(overrides.table.as_ref(), |s| s.table.as_ref()),
        // Never from [defaults] (the file refuses it there).
        production: match &own.production {
            Some(p) => Setting::new(Some(p.value), file_origin(file, p.line)),
            None => Setting::default(None),
        },
        sns_topic: l.optional(overrides.sns_topic.as_ref(), |s| s.sns_topic.as_ref()),
        api_functions: l.pick(None, |s| s.api_functions.as_ref(), Vec::new()),
        consumer_function: l.optional(overrides.consumer_function.as_ref(), |s| {
            s.consumer_function.as_ref()
        }),
        latency_targets: l.latency(),
        prices: l.prices(&overrides.prices),
        export: Export {
            bucket: l.optional(overrides.export.bucket.as_ref(), |s| {
                s.export.bucket.as_ref()
            }),
            prefix: l.optional(overrides.export.prefix.as_ref(), |s| {
                s.export.prefix.as_ref()
            }),
        },
        athena: ResolvedAthena {
            database: l.pick(
                overrides.athena.database.as_ref(),
                |s| s.athena.database.as_ref(),
                DEFAULT_ATHENA_DATABASE.to_owned(),
            ),
            workgroup: l.pick(
                overrides.athena.workgroup.as_ref(),
                |s| s.athena.workgroup.as_ref(),
                DEFAULT_ATHENA_WORKGROUP.to_owned(),
            ),
            output: l.optional(overrides.athena.output.as_ref(), |s| {
                s.athena.output.as_ref()
            }),
        },
        env,
    })
}

fn unknown_env(f: &ConfigFile, env: &Setting<String>) -> UsageError {
    let named_by = match &env.origin {
        Origin::Default => "the default environment".to_owned(),
        o => format!("named by {o}"),
    };
    UsageError::new(format!(
        "environment `{}` ({named_by}) is not in {}, which has {}: pick one of them with --env, or add an [env.{}] section",
        env.value,
        f.path.display(),
        f.env_names().join(", "),
        env.value
    ))
}

fn file_origin(file: Option<&ConfigFile>, line: usize) -> Origin {
    match file {
        Some(f) => Origin::File {
            path: f.path.clone(),
            line,
        },
        None => Origin::Default,
    }
}

fn from_file<T: Clone>(file: Option<&ConfigFile>, v: &FileValue<T>) -> Setting<T> {
    Setting::new(v.value.clone(), file_origin(file, v.line))
}

type FileLatency = LatencyTargets<Option<FileValue<f64>>>;
type FilePercentiles = Percentiles<Option<FileValue<f64>>>;

/// The file's two layers for one environment.
struct Layers<'a> {
    file: Option<&'a ConfigFile>,
    own: &'a Section,
    defaults: &'a Section,
}

impl Layers<'_> {
    /// The flag, else the environment's section, else `[defaults]`.
    fn given<T: Clone>(
        &self,
        flag: Option<&Setting<T>>,
        key: impl Fn(&Section) -> Option<&FileValue<T>>,
    ) -> Option<Setting<T>> {
        flag.cloned().or_else(|| {
            key(self.own)
                .or_else(|| key(self.defaults))
                .map(|v| from_file(self.file, v))
        })
    }

    fn pick<T: Clone>(
        &self,
        flag: Option<&Setting<T>>,
        key: impl Fn(&Section) -> Option<&FileValue<T>>,
        default: T,
    ) -> Setting<T> {
        self.given(flag, key)
            .unwrap_or_else(|| Setting::default(default))
    }

    fn optional<T: Clone>(
        &self,
        flag: Option<&Setting<T>>,
        key: impl Fn(&Section) -> Option<&FileValue<T>>,
    ) -> Setting<Option<T>> {
        match self.given(flag, key) {
            Some(s) => Setting::new(Some(s.value), s.origin),
            None => Setting::default(None),
        }
    }

    fn latency(&self) -> LatencyTargets<Setting<f64>> {
        let class =
            |get: fn(&FileLatency) -> &FilePercentiles,
             built_in: crate::spec::targets::LatencyTargets| Percentiles {
                p50: self.pick(None, |s| get(&s.latency_targets).p50.as_ref(), built_in.p50),
                p95: self.pick(None, |s| get(&s.latency_targets).p95.as_ref(), built_in.p95),
                p99: self.pick(None, |s| get(&s.latency_targets).p99.as_ref(), built_in.p99),
            };
        LatencyTargets {
            write: class(|t| &t.write, WRITE_LATENCY),
            batch_write: class(|t| &t.batch_write, BATCH_WRITE_LATENCY),
            read: class(|t| &t.read, READ_LATENCY),
        }
    }

    fn prices(&self, flags: &Prices<Option<Setting<f64>>>) -> Prices<Setting<f64>> {
        let d = DEFAULT_PRICES;
        Prices {
            per_million_wru: self.pick(
                flags.per_million_wru.as_ref(),
                |s| s.prices.per_million_wru.as_ref(),
                d.per_million_wru,
            ),
            per_million_rru: self.pick(
                flags.per_million_rru.as_ref(),
                |s| s.prices.per_million_rru.as_ref(),
                d.per_million_rru,
            ),
            per_wcu_hour: self.pick(
                flags.per_wcu_hour.as_ref(),
                |s| s.prices.per_wcu_hour.as_ref(),
                d.per_wcu_hour,
            ),
            per_rcu_hour: self.pick(
                flags.per_rcu_hour.as_ref(),
                |s| s.prices.per_rcu_hour.as_ref(),
                d.per_rcu_hour,
            ),
            per_tb_scanned: self.pick(
                flags.per_tb_scanned.as_ref(),
                |s| s.prices.per_tb_scanned.as_ref(),
                d.per_tb_scanned,
            ),
            per_gb_exported: self.pick(
                flags.per_gb_exported.as_ref(),
                |s| s.prices.per_gb_exported.as_ref(),
                d.per_gb_exported,
            ),
        }
    }
}

/// One line of `config show`: a key as the file spells it, its value, where it came from, and
/// what an unset value means.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub key: String,
    /// `None`: not set.
    pub value: Option<String>,
    pub origin: Origin,
    /// What the tool does when it is not set (`None` when it is set).
    pub unset: Option<&'static str>,
}

impl Resolved {
    /// Every setting, in the file's order of keys, for `config show`.
    pub fn rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        let mut text = |key: &str, s: &Setting<Option<String>>, unset: &'static str| {
            rows.push(Row {
                key: key.to_owned(),
                value: s.value.clone(),
                origin: s.origin.clone(),
                unset: s.value.is_none().then_some(unset),
            });
        };
        let some = |s: &Setting<String>| Setting::new(Some(s.value.clone()), s.origin.clone());
        text("env", &some(&self.env), "");
        text(
            "region",
            &self.region,
            "the SDK's chain: AWS_REGION, the profile's region",
        );
        text(
            "profile",
            &self.profile,
            "the SDK's chain: AWS_PROFILE, else the default credentials",
        );
        text("account", &self.account, "not checked");
        text(
            "endpoint_url",
            &self.endpoint_url,
            "AWS's endpoints (or AWS_ENDPOINT_URL)",
        );
        text("name_prefix", &some(&self.name_prefix), "");
        text("table", &self.table, "derived: {name_prefix}-{env}-events");
        let production = Setting::new(
            self.production.value.map(|p| p.to_string()),
            self.production.origin.clone(),
        );
        text(
            "production",
            &production,
            "decided by the production name markers",
        );
        text(
            "sns_topic",
            &self.sns_topic,
            "none: alarms keep their existing actions",
        );
        let functions = Setting::new(
            (!self.api_functions.value.is_empty()).then(|| self.api_functions.value.join(", ")),
            self.api_functions.origin.clone(),
        );
        text(
            "api_functions",
            &functions,
            "found from the log groups under /aws/lambda/{name_prefix}-{env}",
        );
        text(
            "consumer_function",
            &self.consumer_function,
            "the event source mapping reading the table's stream",
        );
        for (class, p) in [
            ("write", &self.latency_targets.write),
            ("batch_write", &self.latency_targets.batch_write),
            ("read", &self.latency_targets.read),
        ] {
            for (pct, target) in [("p50", &p.p50), ("p95", &p.p95), ("p99", &p.p99)] {
                text(
                    &format!("latency_targets.{class}.{pct}"),
                    &number(target),
                    "",
                );
            }
        }
        let p = &self.prices;
        for (name, price) in [
            ("per_million_wru", &p.per_million_wru),
            ("per_million_rru", &p.per_million_rru),
            ("per_wcu_hour", &p.per_wcu_hour),
            ("per_rcu_hour", &p.per_rcu_hour),
            ("per_tb_scanned", &p.per_tb_scanned),
            ("per_gb_exported", &p.per_gb_exported),
        ] {
            text(&format!("prices.{name}"), &number(price), "");
        }
        text(
            "export.bucket",
            &self.export.bucket,
            "none: export start needs --bucket",
        );
        text("export.prefix", &self.export.prefix, "the bucket's root");
        text("athena.database", &some(&self.athena.database), "");
        text("athena.workgroup", &some(&self.athena.workgroup), "");
        text(
            "athena.output",
            &self.athena.output,
            "the workgroup's result location",
        );
        rows
    }
}

fn number(s: &Setting<f64>) -> Setting<Option<String>> {
    Setting::new(Some(s.value.to_string()), s.origin.clone())
}
