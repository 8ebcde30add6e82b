//! `config show` and `config init`: the settings in force and where each came from, and the
//! commented example to start a config file from. No AWS call.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::data_schema::shape;
use super::registry::{Kind, Leaf};
use crate::cli::{Command, ConfigCommand, ConfigInitArgs};
use crate::config::{self, Origin};
use crate::context::Context;
use crate::error::UsageError;
use crate::report::{Report, Section};

pub(crate) static SHOW: Leaf<()> = Leaf::new(
    "config show",
    Kind::Action,
    |c| matches!(c, Command::Config(ConfigCommand::Show)).then_some(&()),
    |ctx, _, _| Box::pin(async move { Ok(show(ctx)?.into()) }),
)
.offline()
.data(shape::<ShowData<'static>>);

pub(crate) static INIT: Leaf<ConfigInitArgs> = Leaf::new(
    "config init",
    Kind::Action,
    |c| match c {
        Command::Config(ConfigCommand::Init(a)) => Some(a),
        _ => None,
    },
    |_, a, _| Box::pin(async move { Ok(init(a)?.into()) }),
)
.offline()
.data(shape::<InitData>);

/// `config show`'s `data`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[schemars(rename = "ConfigShowData")]
pub(crate) struct ShowData<'a> {
    /// The file that was read; `null`: none.
    config_file: Option<String>,
    /// The environments the file has, in its order (`--all-envs` runs them).
    envs: Vec<String>,
    /// Every setting: `key`, `value` (null: not set), `origin` (`kind`: flag, env_var, file
    /// with `path` and `line`, default), `unset` (what the tool does when it is not set).
    settings: Vec<SettingData<'a>>,
}

/// One setting of `config show`'s `data`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[schemars(rename = "ConfigSetting")]
pub(crate) struct SettingData<'a> {
    key: &'a str,
    /// Null: not set.
    value: Option<&'a str>,
    origin: OriginData,
    /// What the tool does when it is not set (null when it is set).
    unset: Option<&'static str>,
}

/// Where a setting came from, every key present (`null` where it does not apply).
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[schemars(rename = "ConfigOrigin")]
pub(crate) struct OriginData {
    /// `flag`, `env_var`, `file` or `default`.
    #[schemars(extend("enum" = ["flag", "env_var", "file", "default"]))]
    kind: &'static str,
    flag: Option<String>,
    var: Option<String>,
    path: Option<String>,
    line: Option<usize>,
}

impl OriginData {
    fn of(o: &Origin) -> OriginData {
        let mut d = OriginData {
            kind: "default",
            flag: None,
            var: None,
            path: None,
            line: None,
        };
        match o {
            Origin::Flag { flag } => {
                d.kind = "flag";
                d.flag = Some(flag.clone());
            }
            Origin::EnvVar { var } => {
                d.kind = "env_var";
                d.var = Some(var.clone());
            }
            Origin::File { path, line } => {
                d.kind = "file";
                d.path = Some(path.display().to_string());
                d.line = Some(*line);
            }
            Origin::Default => {}
        }
        d
    }
}

fn show(ctx: &Context) -> anyhow::Result<Report> {
    let resolved = match ctx.settings.as_deref() {
        Some(r) => r.clone(),
        None => config::resolve(&config::Overrides::default(), None)?,
    };
    let file = match &resolved.config_file {
        Some(path) => Some(config::ConfigFile::load(path)?),
        None => None,
    };
    let rows = resolved.rows();
    let mut report = Report::action("config show");
    report.set_data(&ShowData {
        config_file: resolved
            .config_file
            .as_ref()
            .map(|p| p.display().to_string()),
        envs: file
            .as_ref()
            .map(|f| f.env_names().into_iter().map(str::to_owned).collect())
            .unwrap_or_default(),
        settings: rows
            .iter()
            .map(|r| SettingData {
                key: &r.key,
                value: r.value.as_deref(),
                origin: OriginData::of(&r.origin),
                unset: r.unset,
            })
            .collect(),
    })?;
    report.section(Section::Table {
        title: format!("Settings of environment `{}`", resolved.env.value),
        headers: vec!["Setting".into(), "Value".into(), "From".into()],
        rows: rows
            .iter()
            .map(|r| {
                let value = match (&r.value, r.unset) {
                    (Some(v), _) => v.clone(),
                    (None, Some(unset)) => format!("(not set: {unset})"),
                    (None, None) => "(not set)".into(),
                };
                let from = match &r.origin {
                    Origin::Default if r.value.is_none() => "-".to_owned(),
                    o => o.to_string(),
                };
                vec![r.key.clone(), value, from]
            })
            .collect(),
    });
    match (&resolved.config_file, &file) {
        (Some(path), Some(f)) => report.note(format!(
            "config file {} (environments: {})",
            path.display(),
            f.env_names().join(", ")
        )),
        _ => report.note(format!(
            "no config file: `eventsctl config init` writes a commented example to {}",
            default_path()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "$XDG_CONFIG_HOME/eventsctl/eventsctl.toml".into())
        )),
    }
    Ok(report)
}

/// The default place of the config file (XDG), where `config init` writes.
fn default_path() -> Option<PathBuf> {
    config::locate(None, |v| {
        if v == config::CONFIG_ENV_VAR {
            None
        } else {
            std::env::var_os(v)
        }
    })
    .map(|l| l.path)
}

/// `config init`'s `data`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[schemars(rename = "ConfigInitData")]
pub(crate) struct InitData {
    /// The file written.
    path: String,
    /// Whether it replaced an existing file (`--force`).
    replaced: bool,
}

fn init(args: &ConfigInitArgs) -> anyhow::Result<Report> {
    let path = match &args.file {
        Some(p) => p.clone(),
        None => default_path().ok_or_else(|| {
            UsageError::new(
                "config init: neither XDG_CONFIG_HOME nor HOME is set: name the file with --file FILE",
            )
        })?,
    };
    let existed = path.exists();
    if existed && !args.force {
        return Err(UsageError::new(format!(
            "config init: {} exists; add --force to replace it (or --file FILE for another place)",
            path.display()
        ))
        .into());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            UsageError::new(format!("config init: cannot create {}: {e}", dir.display()))
        })?;
    }
    let mut file = crate::files::create_private(&path, args.force).map_err(|e| {
        UsageError::new(format!("config init: cannot write {}: {e}", path.display()))
    })?;
    file.write_all(config::EXAMPLE.as_bytes())?;
    file.flush()?;
    let mut report = Report::action("config init");
    report.set_data(&InitData {
        path: path.display().to_string(),
        replaced: existed,
    })?;
    report.section(Section::Pairs {
        title: "Config file".into(),
        pairs: vec![("Wrote".into(), path.display().to_string())],
    });
    report.note(
        "edit its [env.NAME] sections, then `eventsctl config show --env NAME` shows what each setting resolves to",
    );
    Ok(report)
}
