//! [`Overrides`] from parsed command-line matches: only what the user gave (on the command line,
//! or in an environment variable clap reads for a flag), never clap's defaults, so the file can
//! override those.

use clap::parser::ValueSource;
use clap::{ArgMatches, Command};

use super::{Athena, Export, Overrides, Prices, Setting};

/// The overrides in `matches`, which `command` (the `Cli` definition) parsed. Flags a command
/// does not have are simply absent.
pub fn overrides(command: &Command, matches: &ArgMatches) -> Overrides {
    let mut command = command.clone();
    command.build();
    let mut path = vec![(&command, matches)];
    while let Some((cmd, m)) = path.last().copied() {
        let Some((name, sub)) = m.subcommand() else {
            break;
        };
        let Some(sub_cmd) = cmd.find_subcommand(name) else {
            break;
        };
        path.push((sub_cmd, sub));
    }
    let given = Given { path: &path };
    Overrides {
        env: given.get("env"),
        region: given.get("region"),
        profile: given.get("profile"),
        endpoint_url: given.get("endpoint_url"),
        name_prefix: given.get("name_prefix"),
        table: given.get("table"),
        sns_topic: given.get("sns_topic"),
        consumer_function: given.get("consumer_function"),
        prices: Prices {
            per_million_wru: given.get("price_per_million_wru"),
            per_million_rru: given.get("price_per_million_rru"),
            per_wcu_hour: given.get("price_per_wcu_hour"),
            per_rcu_hour: given.get("price_per_rcu_hour"),
            per_tb_scanned: given.get("price_per_tb_scanned"),
            per_gb_exported: given.get("price_per_gb"),
        },
        export: Export {
            bucket: given.get("bucket"),
            prefix: given.get("prefix"),
        },
        athena: Athena {
            database: given.get("athena_database"),
            workgroup: given.get("athena_workgroup"),
            output: given.get("athena_output"),
        },
    }
}

/// The chain of (sub)commands the user ran, root first.
struct Given<'a> {
    path: &'a [(&'a Command, &'a ArgMatches)],
}

impl Given<'_> {
    /// The value of argument `id` from the deepest command that has it, if the user gave it.
    fn get<T: Clone + Send + Sync + 'static>(&self, id: &str) -> Option<Setting<T>> {
        let (cmd, m) = self
            .path
            .iter()
            .rev()
            .find(|(cmd, _)| cmd.get_arguments().any(|a| a.get_id() == id))?;
        let arg = cmd.get_arguments().find(|a| a.get_id() == id)?;
        let source = m.value_source(id)?;
        let value = m.try_get_one::<T>(id).ok().flatten()?.clone();
        match source {
            ValueSource::CommandLine => {
                let flag = arg
                    .get_long()
                    .map_or_else(|| id.to_owned(), |l| format!("--{l}"));
                Some(Setting::flag(value, &flag))
            }
            ValueSource::EnvVariable => {
                let var = arg
                    .get_env()
                    .map_or_else(|| id.to_owned(), |v| v.to_string_lossy().into_owned());
                Some(Setting::env_var(value, &var))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::cli::Cli;
    use crate::config::Origin;

    fn parse(args: &[&str]) -> Overrides {
        let command = Cli::command();
        let m = command
            .clone()
            .try_get_matches_from(args)
            .expect("the arguments parse");
        overrides(&command, &m)
    }

    #[test]
    fn clap_defaults_are_not_overrides() {
        let o = parse(&["eventsctl", "health-check", "monthly"]);
        // --name-prefix and the prices have defaults in clap: the file must be able to win.
        assert_eq!(o.name_prefix, None);
        assert_eq!(o.prices.per_million_wru, None);
        assert_eq!(o.region, None);
    }

    #[test]
    fn flags_before_and_after_the_subcommand_are_overrides() {
        let o = parse(&[
            "eventsctl",
            "--region",
            "eu-west-1",
            "health-check",
            "monthly",
            "--name-prefix",
            "shop",
            "--price-per-million-wru",
            "1.5",
        ]);
        assert_eq!(
            o.region,
            Some(Setting::flag("eu-west-1".to_owned(), "--region"))
        );
        assert_eq!(
            o.name_prefix,
            Some(Setting::flag("shop".to_owned(), "--name-prefix"))
        );
        let wru = o.prices.per_million_wru.expect("given");
        assert_eq!(wru.value, 1.5);
        assert_eq!(
            wru.origin,
            Origin::Flag {
                flag: "--price-per-million-wru".into()
            }
        );
    }

    #[test]
    fn command_flags_of_export_alarms_and_athena() {
        let o = parse(&[
            "eventsctl",
            "export",
            "start",
            "--bucket",
            "b-1",
            "--prefix",
            "p/",
            "--price-per-gb",
            "0.2",
        ]);
        assert_eq!(o.export.bucket.map(|s| s.value), Some("b-1".to_owned()));
        assert_eq!(o.export.prefix.map(|s| s.value), Some("p/".to_owned()));
        assert_eq!(o.prices.per_gb_exported.map(|s| s.value), Some(0.2));
        let o = parse(&[
            "eventsctl",
            "alarms",
            "apply",
            "--sns-topic",
            "arn:aws:sns:us-east-1:123456789012:t",
        ]);
        assert!(o.sns_topic.is_some());
        let o = parse(&[
            "eventsctl",
            "check-ttl",
            "--from-export",
            "latest",
            "--engine",
            "athena",
            "--athena-workgroup",
            "wg",
            "--athena-output",
            "s3://res/x",
        ]);
        assert_eq!(o.athena.workgroup.map(|s| s.value), Some("wg".to_owned()));
        assert_eq!(
            o.athena.output.map(|s| s.value),
            Some("s3://res/x/".to_owned())
        );
        assert_eq!(o.athena.database, None);
    }

    /// The built-in defaults here and clap's defaults are the same numbers, so a run without a
    /// file prices as it did before the file existed.
    #[test]
    fn built_in_defaults_match_the_flags_defaults() {
        let command = Cli::command();
        let m = command
            .clone()
            .try_get_matches_from(["eventsctl", "export", "start", "--bucket", "b-1"])
            .unwrap();
        let (_, start) = m.subcommand().unwrap().1.subcommand().unwrap();
        assert_eq!(
            start.get_one::<f64>("price_per_gb"),
            Some(&crate::config::DEFAULT_PRICES.per_gb_exported)
        );
        let m = command
            .clone()
            .try_get_matches_from(["eventsctl", "health-check", "monthly"])
            .unwrap();
        let (_, monthly) = m.subcommand().unwrap().1.subcommand().unwrap();
        let d = crate::config::DEFAULT_PRICES;
        for (id, v) in [
            ("price_per_million_wru", d.per_million_wru),
            ("price_per_million_rru", d.per_million_rru),
            ("price_per_wcu_hour", d.per_wcu_hour),
            ("price_per_rcu_hour", d.per_rcu_hour),
        ] {
            assert_eq!(monthly.get_one::<f64>(id), Some(&v), "{id}");
        }
        assert_eq!(
            m.get_one::<String>("name_prefix").map(String::as_str),
            Some(crate::config::DEFAULT_NAME_PREFIX)
        );
        assert_eq!(
            m.get_one::<String>("env").map(String::as_str),
            Some(crate::config::DEFAULT_ENV)
        );
        let m = command
            .clone()
            .try_get_matches_from(["eventsctl", "check-ttl", "--from-export", "latest"])
            .unwrap();
        let (_, ttl) = m.subcommand().unwrap();
        assert_eq!(
            ttl.get_one::<f64>("price_per_tb_scanned"),
            Some(&d.per_tb_scanned)
        );
        assert_eq!(
            ttl.get_one::<String>("athena_workgroup")
                .map(String::as_str),
            Some("primary")
        );
        assert_eq!(
            ttl.get_one::<String>("athena_database").map(String::as_str),
            Some("eventsctl")
        );
    }
}
