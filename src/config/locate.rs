//! Where the config file is: `--config`, then `EVENTSCTL_CONFIG`, then the XDG config directory.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::Origin;

/// The file's name in its directory.
pub const FILE_NAME: &str = "eventsctl.toml";

/// The environment variable that names a config file.
pub const CONFIG_ENV_VAR: &str = "EVENTSCTL_CONFIG";

/// A config file's place and who named it.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub path: PathBuf,
    /// `--config`, `EVENTSCTL_CONFIG`, or the default place.
    pub origin: Origin,
    /// Named by the user: a missing file is an error. At the default place a missing file only
    /// means there is no config.
    pub required: bool,
}

/// Where the config file is, from `--config` and the environment variables `var` reads. `None`
/// only when nothing names one and neither XDG_CONFIG_HOME nor HOME is set.
pub fn locate(explicit: Option<&Path>, var: impl Fn(&str) -> Option<OsString>) -> Option<Located> {
    if let Some(path) = explicit {
        return Some(Located {
            path: path.to_path_buf(),
            origin: Origin::Flag {
                flag: "--config".into(),
            },
            required: true,
        });
    }
    let set = |name: &str| var(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(path) = set(CONFIG_ENV_VAR) {
        return Some(Located {
            path,
            origin: Origin::EnvVar {
                var: CONFIG_ENV_VAR.into(),
            },
            required: true,
        });
    }
    // The XDG spec: a relative XDG_CONFIG_HOME is invalid and is ignored.
    let dir = set("XDG_CONFIG_HOME")
        .filter(|d| d.is_absolute())
        .or_else(|| set("HOME").map(|h| h.join(".config")))?;
    Some(Located {
        path: dir.join("eventsctl").join(FILE_NAME),
        origin: Origin::Default,
        required: false,
    })
}

/// [`locate`] with the process's environment.
pub fn locate_from_env(explicit: Option<&Path>) -> Option<Located> {
    locate(explicit, |v| std::env::var_os(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn the_flag_wins_then_the_variable_then_xdg_then_home() {
        let all = [
            ("EVENTSCTL_CONFIG", "/etc/e.toml"),
            ("XDG_CONFIG_HOME", "/xdg"),
            ("HOME", "/home/u"),
        ];
        let flag = locate(Some(Path::new("my.toml")), vars(&all)).unwrap();
        assert_eq!(flag.path, Path::new("my.toml"));
        assert!(flag.required);
        assert_eq!(flag.origin.to_string(), "--config");

        let var = locate(None, vars(&all)).unwrap();
        assert_eq!(var.path, Path::new("/etc/e.toml"));
        assert!(var.required);
        assert_eq!(var.origin.to_string(), "EVENTSCTL_CONFIG");

        let xdg = locate(None, vars(&all[1..])).unwrap();
        assert_eq!(xdg.path, Path::new("/xdg/eventsctl/eventsctl.toml"));
        assert!(!xdg.required);

        let home = locate(None, vars(&all[2..])).unwrap();
        assert_eq!(
            home.path,
            Path::new("/home/u/.config/eventsctl/eventsctl.toml")
        );
        assert_eq!(locate(None, vars(&[])), None);
    }

    #[test]
    fn empty_and_relative_variables_are_ignored() {
        let found = locate(
            None,
            vars(&[
                ("EVENTSCTL_CONFIG", ""),
                ("XDG_CONFIG_HOME", "relative/dir"),
                ("HOME", "/home/u"),
            ]),
        )
        .unwrap();
        assert_eq!(
            found.path,
            Path::new("/home/u/.config/eventsctl/eventsctl.toml")
        );
    }
}
