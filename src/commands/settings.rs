//! The resolved settings (`crate::config::Resolved`: flags over the config file over the
//! defaults) written into the parsed command's own arguments, so that each command reads one
//! value wherever it came from. The global ones (region, profile, endpoint, names, production,
//! account) go into the `Context` (`super::context`).
//!
//! A resolved value is the flag's when the user gave the flag (`config::matches::overrides`
//! leaves clap's defaults out), so writing it back never loses a flag.

use crate::cli::{
    AlarmsCommand, AthenaArgs, Command, ExportCommand, HealthCommand, InsightsCommand, PriceArgs,
};
use crate::config::Resolved;

/// Writes the settings of `r` into the arguments of `command` that take them.
pub fn apply(command: &mut Command, r: &Resolved) {
    match command {
        Command::Alarms(AlarmsCommand::Apply(a)) => {
            if let Some(topic) = &r.sns_topic.value {
                a.sns_topic = Some(topic.clone());
            }
            if let Some(function) = &r.consumer_function.value {
                a.consumer_function = Some(function.clone());
            }
        }
        Command::HealthCheck(HealthCommand::Monthly(a)) => prices(&mut a.prices, r),
        Command::HealthCheck(HealthCommand::Quarterly(a)) => {
            prices(&mut a.prices, r);
            athena(&mut a.export.athena, r);
        }
        Command::CheckTtl(a) => {
            a.price_per_million_rru = r.prices.per_million_rru.value;
            athena(&mut a.export.athena, r);
        }
        Command::HotPartitions(a) => {
            athena(&mut a.export.athena, r);
            if a.log_groups.is_empty() {
                a.log_groups = api_log_groups(r);
            }
        }
        Command::Insights(InsightsCommand::Run(a)) if a.log_groups.is_empty() => {
            a.log_groups = api_log_groups(r);
        }
        Command::Export(ExportCommand::Start(a)) => {
            if let Some(bucket) = &r.export.bucket.value {
                a.bucket = Some(bucket.clone());
            }
            if let Some(prefix) = &r.export.prefix.value {
                a.prefix = Some(prefix.clone());
            }
            a.price_per_gb = r.prices.per_gb_exported.value;
        }
        Command::IamPolicy(a) if a.account_id.is_none() => {
            a.account_id = r.account.value.clone();
        }
        _ => {}
    }
}

fn prices(p: &mut PriceArgs, r: &Resolved) {
    p.price_per_million_wru = r.prices.per_million_wru.value;
    p.price_per_million_rru = r.prices.per_million_rru.value;
    p.price_per_wcu_hour = r.prices.per_wcu_hour.value;
    p.price_per_rcu_hour = r.prices.per_rcu_hour.value;
}

fn athena(a: &mut AthenaArgs, r: &Resolved) {
    a.athena_workgroup = r.athena.workgroup.value.clone();
    a.athena_database = r.athena.database.value.clone();
    if let Some(output) = &r.athena.output.value {
        a.athena_output = Some(output.clone());
    }
    a.price_per_tb_scanned = r.prices.per_tb_scanned.value;
}

/// The API functions' log groups (`/aws/lambda/NAME`), when the config names the functions.
fn api_log_groups(r: &Resolved) -> Vec<String> {
    r.api_functions
        .value
        .iter()
        .map(|f| format!("/aws/lambda/{f}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use clap::{CommandFactory, FromArgMatches};

    use super::*;
    use crate::cli::Cli;
    use crate::config::{ConfigFile, matches, resolve};

    const FILE: &str = r#"
[env.staging]
region = "eu-west-1"
sns_topic = "arn:aws:sns:eu-west-1:123456789012:oncall"
consumer_function = "events-consumer"
api_functions = ["events-api", "events-admin"]

[env.staging.prices]
per_million_wru = 1.5

[env.staging.export]
bucket = "exports-1"

[env.staging.latency_targets]
read = { p99 = 80 }

[env.live]
production = false
account = "123456789012"
"#;

    fn applied(args: &[&str]) -> Command {
        let file = ConfigFile::parse(Path::new("e.toml"), FILE).expect("the file is good");
        let m = Cli::command().try_get_matches_from(args).unwrap();
        let mut cli = Cli::from_arg_matches(&m).unwrap();
        let o = matches::overrides(&Cli::command(), &m);
        let r = resolve(&o, Some(&file)).unwrap();
        apply(&mut cli.command, &r);
        cli.command
    }

    fn context_of(args: &[&str]) -> crate::context::Context {
        let file = ConfigFile::parse(Path::new("e.toml"), FILE).expect("the file is good");
        let m = Cli::command().try_get_matches_from(args).unwrap();
        let cli = Cli::from_arg_matches(&m).unwrap();
        let r = resolve(&matches::overrides(&Cli::command(), &m), Some(&file)).unwrap();
        crate::commands::context(&cli.global, &r, None)
    }

    #[test]
    fn the_files_settings_reach_the_context() {
        let ctx = context_of(&["eventsctl", "--env", "staging", "table", "verify"]);
        assert_eq!(ctx.aws.region.as_deref(), Some("eu-west-1"));
        assert_eq!(ctx.names.latency.read.p99, 80.0);
        assert_eq!(ctx.names.latency.read.p50, 10.0);
        assert_eq!(ctx.names.latency.write.p99, 20.0);
        let ctx = context_of(&[
            "eventsctl",
            "--env",
            "staging",
            "--region",
            "us-west-2",
            "table",
            "verify",
        ]);
        assert_eq!(ctx.aws.region.as_deref(), Some("us-west-2"));
        // `live` is a production marker; the file says it is not production.
        let ctx = context_of(&["eventsctl", "--env", "live", "table", "verify"]);
        assert!(!ctx.names.is_production());
        assert_eq!(
            ctx.settings.as_ref().and_then(|s| s.account.value.clone()),
            Some("123456789012".to_owned())
        );
    }

    #[test]
    fn the_files_settings_reach_the_commands_arguments_and_flags_win() {
        let Command::Alarms(AlarmsCommand::Apply(a)) = applied(&[
            "eventsctl",
            "--env",
            "staging",
            "alarms",
            "apply",
            "--recommended",
        ]) else {
            panic!("alarms apply")
        };
        assert_eq!(
            a.sns_topic.as_deref(),
            Some("arn:aws:sns:eu-west-1:123456789012:oncall")
        );
        assert_eq!(a.consumer_function.as_deref(), Some("events-consumer"));
        let Command::Alarms(AlarmsCommand::Apply(a)) = applied(&[
            "eventsctl",
            "--env",
            "staging",
            "alarms",
            "apply",
            "--sns-topic",
            "arn:aws:sns:eu-west-1:123456789012:other",
        ]) else {
            panic!("alarms apply")
        };
        assert_eq!(
            a.sns_topic.as_deref(),
            Some("arn:aws:sns:eu-west-1:123456789012:other")
        );
        let Command::HealthCheck(HealthCommand::Monthly(a)) =
            applied(&["eventsctl", "--env", "staging", "health-check", "monthly"])
        else {
            panic!("monthly")
        };
        assert_eq!(a.prices.price_per_million_wru, 1.5);
        assert_eq!(a.prices.price_per_million_rru, 0.125);
        let Command::HealthCheck(HealthCommand::Monthly(a)) = applied(&[
            "eventsctl",
            "--env",
            "staging",
            "health-check",
            "monthly",
            "--price-per-million-wru",
            "2",
        ]) else {
            panic!("monthly")
        };
        assert_eq!(a.prices.price_per_million_wru, 2.0);
        let Command::HotPartitions(a) =
            applied(&["eventsctl", "--env", "staging", "hot-partitions"])
        else {
            panic!("hot-partitions")
        };
        assert_eq!(
            a.log_groups,
            ["/aws/lambda/events-api", "/aws/lambda/events-admin"]
        );
        let Command::Export(ExportCommand::Start(a)) =
            applied(&["eventsctl", "--env", "staging", "export", "start"])
        else {
            panic!("export start")
        };
        assert_eq!(a.bucket.as_deref(), Some("exports-1"));
    }
}
