//! What `config init` writes: every key, commented, in a file that itself parses (tested).

/// A commented example `eventsctl.toml`.
pub const EXAMPLE: &str = r#"# eventsctl.toml: the environments eventsctl runs against.
#
# Found via --config FILE, else $EVENTSCTL_CONFIG, else $XDG_CONFIG_HOME/eventsctl/eventsctl.toml
# (~/.config/eventsctl/eventsctl.toml). Flags win over this file; this file wins over the
# built-in defaults. `eventsctl config show` prints every setting and where it came from.
# A wrong key or value stops every command with its line number: nothing is silently ignored.
# The accounts, topics and names below are examples: replace them with yours.

# The environment when neither --env nor EVENTSCTL_ENV names one.
default_env = "dev"

# What every environment gets unless its own section says otherwise (not `production`, not
# `table`: those belong to one environment).
[defaults]
name_prefix = "zapier-triggers-api"      # tables are {name_prefix}-{env}-events

# Prices for cost estimates, in dollars (us-east-1 list prices; check yours).
[defaults.prices]
per_million_wru = 0.625      # on-demand, per million write request units
per_million_rru = 0.125      # on-demand, per million read request units
per_wcu_hour = 0.00065       # provisioned, per WCU-hour
per_rcu_hour = 0.00013       # provisioned, per RCU-hour
per_tb_scanned = 5.0         # Athena, per TB scanned
per_gb_exported = 0.10       # PITR export to S3, per GB of table

# Latency targets in milliseconds (diagnose latency, health-check quarterly).
[defaults.latency_targets]
write = { p50 = 5, p95 = 10, p99 = 20 }          # PutItem
batch_write = { p50 = 15, p95 = 30, p99 = 60 }   # BatchWriteItem
read = { p50 = 10, p95 = 50, p99 = 100 }         # GetItem, Query

# Where --engine athena runs queries over PITR exports.
[defaults.athena]
database = "eventsctl"       # Glue database (created when missing)
workgroup = "primary"
# output = "s3://my-athena-results/eventsctl/"   # default: the workgroup's result location

# A local emulator: no profile, no account check.
[env.dev]
region = "us-east-1"
endpoint_url = "http://127.0.0.1:4566"
production = false

[env.staging]
region = "us-east-1"
profile = "staging"               # a profile in ~/.aws/config; leave it out for the standard chain
account = "123456789012"          # every command refuses to run with another account's credentials
production = false                # explicit; without it the name markers (prod, prd, live...) decide
sns_topic = "arn:aws:sns:us-east-1:123456789012:oncall"   # alarms notify it
api_functions = ["events-api"]    # the API's Lambda functions (their logs feed hot-partitions)
consumer_function = "events-consumer"   # the stream consumer's Lambda function

[env.prod]
region = "us-east-1"
profile = "prod"
account = "210987654321"
production = true                 # every write needs --yes
# table = "events-prod"           # a table name that does not follow {name_prefix}-{env}-events
sns_topic = "arn:aws:sns:us-east-1:210987654321:oncall"
api_functions = ["events-api", "events-api-batch"]
consumer_function = "events-consumer"

[env.prod.export]                 # where `export start` writes PITR exports
bucket = "my-events-exports"
prefix = "events/prod/"

[env.prod.latency_targets]        # stricter reads in production; the rest from [defaults]
read = { p99 = 80 }
"#;

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::ConfigFile;

    #[test]
    fn the_example_parses() {
        let f = ConfigFile::parse(Path::new("eventsctl.toml"), super::EXAMPLE)
            .expect("the example parses");
        assert_eq!(f.env_names(), ["dev", "staging", "prod"]);
        assert_eq!(
            f.default_env.as_ref().map(|d| d.value.as_str()),
            Some("dev")
        );
    }

    /// Every key the file takes is shown in the example, live or commented out. The keys come
    /// from the reader itself (an unknown key's error lists the known ones), so a key added to
    /// the schema and not to the example fails here.
    #[test]
    fn the_example_shows_every_key() {
        let tables = [
            ("", ""),
            ("[env.x]\n", "env.x"),
            ("[env.x.latency_targets]\n", "env.x.latency_targets"),
            (
                "[env.x.latency_targets.read]\n",
                "env.x.latency_targets.read",
            ),
            ("[env.x.prices]\n", "env.x.prices"),
            ("[env.x.export]\n", "env.x.export"),
            ("[env.x.athena]\n", "env.x.athena"),
        ];
        let mut seen = 0;
        for (header, table) in tables {
            let text = format!("{header}zzz_not_a_key = 1\n");
            let e = ConfigFile::parse(Path::new("f"), &text).expect_err("an unknown key");
            let known: Vec<&str> =
                e.0.rsplit("are ")
                    .next()
                    .unwrap_or_default()
                    .split(", ")
                    .collect();
            assert!(known.len() >= 2, "{table}: {}", e.0);
            for key in known {
                let shown = super::EXAMPLE.lines().any(|l| {
                    let l = l.trim_start_matches(['#', ' ']);
                    l.starts_with(&format!("{key} ="))
                        || l.contains(&format!("{{ {key} ="))
                        || l.contains(&format!(", {key} ="))
                        || (l.starts_with('[')
                            && (l.contains(&format!(".{key}]"))
                                || l.starts_with(&format!("[{key}]"))
                                || l.starts_with(&format!("[{key}."))))
                });
                assert!(shown, "the example does not show `{key}` of [{table}]");
                seen += 1;
            }
        }
        assert!(seen >= 30, "only {seen} keys"); // plural-ok: a test, 30 at least
    }

    /// The example's [defaults] numbers are the built-in ones, so copying it changes nothing.
    #[test]
    fn the_example_restates_the_built_in_numbers() {
        let f = ConfigFile::parse(Path::new("eventsctl.toml"), super::EXAMPLE).unwrap();
        let r = crate::config::resolve(&Default::default(), Some(&f)).unwrap();
        assert_eq!(r.env.value, "dev");
        let d = crate::config::DEFAULT_PRICES;
        assert_eq!(r.prices.per_million_wru.value, d.per_million_wru);
        assert_eq!(r.prices.per_gb_exported.value, d.per_gb_exported);
        assert_eq!(r.prices.per_tb_scanned.value, d.per_tb_scanned);
        let t = &r.latency_targets;
        let spec = crate::spec::targets::READ_LATENCY;
        assert_eq!(
            (t.read.p50.value, t.read.p95.value, t.read.p99.value),
            (spec.p50, spec.p95, spec.p99)
        );
        let spec = crate::spec::targets::BATCH_WRITE_LATENCY;
        assert_eq!(
            (t.batch_write.p50.value, t.batch_write.p99.value),
            (spec.p50, spec.p99)
        );
        let spec = crate::spec::targets::WRITE_LATENCY;
        assert_eq!(
            (t.write.p50.value, t.write.p95.value, t.write.p99.value),
            (spec.p50, spec.p95, spec.p99)
        );
    }
}
