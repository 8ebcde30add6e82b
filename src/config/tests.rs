//! The file's reading and the precedence of flags, file and defaults.

use std::path::{Path, PathBuf};

use super::*;

const ISSUE_SHAPE: &str = r#"[env.staging]
region = "us-east-1"
profile = "staging"               # or no profile: the standard chain
account = "123456789012"          # the account guard below
endpoint_url = "http://127.0.0.1:4566"   # optional, e.g. an emulator
production = false
sns_topic = "arn:aws:sns:us-east-1:123456789012:oncall"
api_functions = ["events-api"]
consumer_function = "events-consumer"
"#;

fn parse(text: &str) -> Result<ConfigFile, String> {
    ConfigFile::parse(Path::new("eventsctl.toml"), text).map_err(|e| e.0)
}

fn error(text: &str) -> String {
    parse(text).expect_err("the file is refused")
}

fn at(path: &str, line: usize) -> Origin {
    Origin::File {
        path: PathBuf::from(path),
        line,
    }
}

#[test]
fn the_issue_shape_parses_exactly() {
    let f = parse(ISSUE_SHAPE).expect("parses");
    let s = &f.env("staging").expect("staging").section;
    let v = |o: &Option<FileValue<String>>| o.as_ref().map(|v| (v.value.clone(), v.line));
    assert_eq!(v(&s.region), Some(("us-east-1".into(), 2)));
    assert_eq!(v(&s.profile), Some(("staging".into(), 3)));
    assert_eq!(v(&s.account), Some(("123456789012".into(), 4)));
    assert_eq!(
        v(&s.endpoint_url),
        Some(("http://127.0.0.1:4566".into(), 5))
    );
    assert_eq!(
        s.production.as_ref().map(|p| (p.value, p.line)),
        Some((false, 6))
    );
    assert_eq!(
        v(&s.sns_topic),
        Some(("arn:aws:sns:us-east-1:123456789012:oncall".into(), 7))
    );
    assert_eq!(
        s.api_functions.as_ref().map(|a| a.value.clone()),
        Some(vec!["events-api".to_owned()])
    );
    assert_eq!(v(&s.consumer_function), Some(("events-consumer".into(), 9)));
    assert_eq!(f.envs[0].line, 1);
}

#[test]
fn flags_beat_the_env_section_which_beats_defaults_which_beat_built_ins() {
    let text = r#"
[defaults]
region = "eu-west-1"
name_prefix = "shop"
prices = { per_million_wru = 1.0, per_million_rru = 0.5 }
latency_targets = { read = { p99 = 150 } }
athena = { workgroup = "analytics" }

[env.staging]
region = "us-east-2"
prices = { per_million_wru = 2.0 }
latency_targets = { read = { p95 = 40 } }
"#;
    let f = parse(text).unwrap();
    let staging = Some(Setting::flag("staging".to_owned(), "--env"));

    // No flags: the env's section, then [defaults], then the built-ins.
    let r = resolve(
        &Overrides {
            env: staging.clone(),
            ..Default::default()
        },
        Some(&f),
    )
    .unwrap();
    assert_eq!(
        r.region,
        Setting::new(Some("us-east-2".into()), at("eventsctl.toml", 10))
    );
    assert_eq!(
        r.name_prefix,
        Setting::new("shop".into(), at("eventsctl.toml", 4))
    );
    assert_eq!(
        r.prices.per_million_wru,
        Setting::new(2.0, at("eventsctl.toml", 11))
    );
    assert_eq!(
        r.prices.per_million_rru,
        Setting::new(0.5, at("eventsctl.toml", 5))
    );
    assert_eq!(
        r.prices.per_wcu_hour,
        Setting::new(DEFAULT_PRICES.per_wcu_hour, Origin::Default)
    );
    assert_eq!(
        r.latency_targets.read.p95,
        Setting::new(40.0, at("eventsctl.toml", 12))
    );
    assert_eq!(
        r.latency_targets.read.p99,
        Setting::new(150.0, at("eventsctl.toml", 6))
    );
    assert_eq!(r.latency_targets.read.p50.origin, Origin::Default);
    assert_eq!(
        r.athena.workgroup,
        Setting::new("analytics".into(), at("eventsctl.toml", 7))
    );
    assert_eq!(
        r.athena.database,
        Setting::new("eventsctl".into(), Origin::Default)
    );
    assert_eq!(r.account, Setting::new(None, Origin::Default));
    assert_eq!(
        r.env.origin,
        Origin::Flag {
            flag: "--env".into()
        }
    );
    assert_eq!(r.config_file.as_deref(), Some(Path::new("eventsctl.toml")));

    // Flags and the variables clap reads win over both layers.
    let o = Overrides {
        env: staging,
        region: Some(Setting::flag("ap-south-1".into(), "--region")),
        name_prefix: Some(Setting::env_var("other".into(), "EVENTSCTL_NAME_PREFIX")),
        prices: Prices {
            per_million_wru: Some(Setting::flag(3.0, "--price-per-million-wru")),
            ..Default::default()
        },
        ..Default::default()
    };
    let r = resolve(&o, Some(&f)).unwrap();
    assert_eq!(r.region.value.as_deref(), Some("ap-south-1"));
    assert_eq!(r.region.origin.to_string(), "--region");
    assert_eq!(r.name_prefix.origin.to_string(), "EVENTSCTL_NAME_PREFIX");
    assert_eq!(r.prices.per_million_wru.value, 3.0);
    assert_eq!(r.prices.per_million_rru.value, 0.5);
}

#[test]
fn without_a_file_everything_is_built_in_or_given() {
    let r = resolve(&Overrides::default(), None).unwrap();
    assert_eq!(r.env, Setting::new("dev".into(), Origin::Default));
    assert_eq!(r.name_prefix.value, "zapier-triggers-api");
    assert_eq!(r.region.value, None);
    assert_eq!(r.production.value, None);
    assert_eq!(
        r.latency_targets.write.p99.value,
        crate::spec::targets::WRITE_LATENCY.p99
    );
    assert_eq!(r.config_file, None);
    let rows = r.rows();
    assert!(
        rows.iter().all(|row| row.origin == Origin::Default),
        "{rows:?}"
    );
    let region = rows.iter().find(|row| row.key == "region").unwrap();
    assert_eq!(region.value, None);
    assert!(region.unset.unwrap().contains("AWS_REGION"));
}

#[test]
fn the_file_names_the_default_environment_and_lists_the_environments() {
    let text = "default_env = \"staging\"\n[env.staging]\nregion = \"us-east-1\"\n[env.prod]\nproduction = true\n";
    let f = parse(text).unwrap();
    let r = resolve(&Overrides::default(), Some(&f)).unwrap();
    assert_eq!(
        r.env,
        Setting::new("staging".into(), at("eventsctl.toml", 1))
    );
    assert_eq!(r.production.value, None);
    let prod = Overrides {
        env: Some(Setting::env_var("prod".into(), "EVENTSCTL_ENV")),
        ..Default::default()
    };
    let r = resolve(&prod, Some(&f)).unwrap();
    assert_eq!(
        r.production,
        Setting::new(Some(true), at("eventsctl.toml", 5))
    );

    // A typo of an environment does not run without the file's guard.
    let typo = Overrides {
        env: Some(Setting::flag("prd".into(), "--env")),
        ..Default::default()
    };
    let e = resolve(&typo, Some(&f)).unwrap_err().0;
    assert_eq!(
        e,
        "environment `prd` (named by --env) is not in eventsctl.toml, which has staging, prod: pick one of them with --env, or add an [env.prd] section"
    );
    // A file of [defaults] only has no list of environments.
    let f = parse("[defaults]\nregion = \"us-east-1\"\n").unwrap();
    assert_eq!(
        resolve(&typo, Some(&f)).unwrap().region.value.as_deref(),
        Some("us-east-1")
    );
}

#[test]
fn rows_show_each_setting_with_its_source() {
    let f = parse(ISSUE_SHAPE).unwrap();
    let o = Overrides {
        env: Some(Setting::flag("staging".into(), "--env")),
        ..Default::default()
    };
    let rows = resolve(&o, Some(&f)).unwrap().rows();
    let row = |k: &str| {
        rows.iter()
            .find(|r| r.key == k)
            .unwrap_or_else(|| panic!("{k}"))
    };
    assert_eq!(row("account").value.as_deref(), Some("123456789012"));
    assert_eq!(row("account").origin.to_string(), "eventsctl.toml:4");
    assert_eq!(row("production").value.as_deref(), Some("false"));
    assert_eq!(row("api_functions").value.as_deref(), Some("events-api"));
    assert_eq!(row("env").origin.to_string(), "--env");
    assert_eq!(row("prices.per_gb_exported").origin.to_string(), "default");
    assert_eq!(
        row("table").unset,
        Some("derived: {name_prefix}-{env}-events")
    );
    assert_eq!(rows.len(), 31);
}

// ---------------------------------------------------------------------------------------------
// Every kind of bad line: one line, FILE:LINE: key `x`: what is wrong.
// ---------------------------------------------------------------------------------------------

#[test]
fn an_unknown_key_at_the_top_level() {
    assert_eq!(
        error("# settings\nregion = \"us-east-1\"\n"),
        "eventsctl.toml:2: key `region`: unknown key; the keys here are default_env, defaults, env"
    );
    assert_eq!(
        error("[env.dev]\nregion = \"us-east-1\"\n[defaluts]\n"),
        "eventsctl.toml:3: key `defaluts`: unknown key; did you mean `defaults`?"
    );
}

#[test]
fn an_unknown_key_in_an_environment() {
    assert_eq!(
        error("[env.staging]\nregion = \"us-east-1\"\n\nregoin = \"us-east-1\"\n"),
        "eventsctl.toml:4: key `env.staging.regoin`: unknown key; did you mean `region`?"
    );
    // Deeper tables, and inline tables, say their whole path.
    assert_eq!(
        error("[env.prod]\nprices = { per_million_wru = 1, per_gb = 2 }\n"),
        "eventsctl.toml:2: key `env.prod.prices.per_gb`: unknown key; the keys here are per_million_wru, per_million_rru, per_wcu_hour, per_rcu_hour, per_tb_scanned, per_gb_exported"
    );
    assert_eq!(
        error("[env.prod.latency_targets]\nread = { p50 = 1 }\n\n\nwrites = { p99 = 3 }\n"),
        "eventsctl.toml:5: key `env.prod.latency_targets.writes`: unknown key; did you mean `write`?"
    );
}

#[test]
fn a_wrong_type() {
    assert_eq!(
        error("[env.staging]\nregion = \"us-east-1\"\nproduction = \"no\"\n"),
        "eventsctl.toml:3: key `env.staging.production`: wrong type: expected a boolean, found string \"no\""
    );
    assert_eq!(
        error("[env.staging]\naccount = 123456789012\n"),
        "eventsctl.toml:2: key `env.staging.account`: wrong type: expected a string, found integer `123456789012` (quote it: \"...\")"
    );
    assert_eq!(
        error("[env.staging]\napi_functions = \"events-api\"\n"),
        "eventsctl.toml:2: key `env.staging.api_functions`: wrong type: expected a list, found string \"events-api\""
    );
    assert_eq!(
        error("[env.staging]\n\napi_functions = [\"a\", 3]\n"),
        "eventsctl.toml:3: key `env.staging.api_functions`: wrong type: expected a string, found integer `3` (quote it: \"...\")"
    );
    assert_eq!(
        error("[env.staging.prices]\nper_wcu_hour = \"cheap\"\n"),
        "eventsctl.toml:2: key `env.staging.prices.per_wcu_hour`: wrong type: expected a number, found string \"cheap\""
    );
    assert_eq!(
        error("env = 3\n"),
        "eventsctl.toml:1: key `env`: wrong type: expected a table, found integer `3`"
    );
    assert_eq!(
        error("[env]\nstaging = \"us-east-1\"\n"),
        "eventsctl.toml:2: key `env.staging`: wrong type: expected a table, found string \"us-east-1\""
    );
}

#[test]
fn a_bad_value() {
    let cases = [
        (
            "[env.a]\n\naccount = \"12345\"\n",
            "eventsctl.toml:3: key `env.a.account`: `12345` is not an AWS account id: 12 digits, quoted (\"012345678901\")",
        ),
        (
            "[env.a]\nregion = \"us-east\"\n",
            "eventsctl.toml:2: key `env.a.region`: `us-east` is not a Region: give one like us-east-1 or eu-west-2",
        ),
        (
            "[env.a]\nsns_topic = \"arn:aws:sqs:us-east-1:123456789012:q\"\n",
            "eventsctl.toml:2: key `env.a.sns_topic`: `arn:aws:sqs:us-east-1:123456789012:q` is not an SNS topic ARN (its service is `sqs`, not sns): give arn:aws:sns:REGION:ACCOUNT:TOPIC",
        ),
        (
            "[env.a]\nendpoint_url = \"127.0.0.1:4566\"\n",
            "eventsctl.toml:2: key `env.a.endpoint_url`: `127.0.0.1:4566` is not an endpoint URL: give http://host:port or https://host",
        ),
        (
            "[env.a]\napi_functions = [\"ok\",\n  \"not ok\"]\n",
            "eventsctl.toml:3: key `env.a.api_functions`: `not ok` is not a Lambda function name: 1-64 letters, digits, '-' and '_' (the name, not the ARN)",
        ),
        (
            "[env.a.export]\nbucket = \"s3://b\"\n",
            "eventsctl.toml:2: key `env.a.export.bucket`: `s3://b` is not an S3 bucket name: 3-63 lower-case letters, digits, '.' and '-' (the name, not s3://...)",
        ),
        (
            "[env.a.athena]\noutput = \"bucket/x\"\n",
            "eventsctl.toml:2: key `env.a.athena.output`: `bucket/x` is not an S3 location: give s3://bucket/prefix/",
        ),
        (
            "[env.a.prices]\nper_rcu_hour = -1\n",
            "eventsctl.toml:2: key `env.a.prices.per_rcu_hour`: -1 is not a price: a number >= 0",
        ),
        (
            "[env.a]\nlatency_targets.read.p99 = 0\n",
            "eventsctl.toml:2: key `env.a.latency_targets.read.p99`: 0 is not a latency target: milliseconds, above 0",
        ),
        (
            "[env.Prod]\nregion = \"us-east-1\"\n",
            "eventsctl.toml:1: key `env.Prod`: `Prod` is not an environment name: use lower-case letters, digits and inner hyphens, at most 40 (dev, staging, prod-eu)",
        ),
        (
            "[defaults]\nregion = \"us-east-1\"\nproduction = false\n",
            "eventsctl.toml:3: key `defaults.production`: production is said per environment, in its [env.NAME] section",
        ),
        (
            "default_env = \"qa\"\n[env.dev]\n",
            "eventsctl.toml:1: key `default_env`: no [env.qa] section in this file",
        ),
        (
            "[env.a]\napi_functions = [\"x\", \"x\"]\n",
            "eventsctl.toml:2: key `env.a.api_functions`: `x` is listed twice",
        ),
    ];
    for (text, line) in cases {
        assert_eq!(error(text), line, "{text}");
    }
}

#[test]
fn a_duplicate_key() {
    assert_eq!(
        error("[env.a]\nregion = \"us-east-1\"\nregion = \"us-east-2\"\n"),
        "eventsctl.toml:3: key `region`: set twice in the same table; keep one"
    );
    assert_eq!(
        error("[env.a]\nregion = \"us-east-1\"\n\n[env.a]\nproduction = true\n"),
        "eventsctl.toml:4: key `env.a`: the table [env.a] is defined twice; merge the two sections"
    );
}

#[test]
fn bad_toml_syntax() {
    assert_eq!(
        error("[env.a]\nregion = \"us-east-1\n"),
        "eventsctl.toml:2: key `region`: bad TOML syntax: invalid basic string, expected `\"`"
    );
    let e = error("[env.a]\nregion \"us-east-1\"\n");
    assert!(e.starts_with("eventsctl.toml:2: bad TOML syntax: "), "{e}");
    let e = error("[env.a\n");
    assert!(
        e.starts_with("eventsctl.toml:1: key `env.a`: bad TOML syntax: "),
        "{e}"
    );
}

#[test]
fn a_missing_or_unreadable_file_names_itself() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.toml");
    let e = ConfigFile::load(&missing).unwrap_err().0;
    assert!(
        e.starts_with(&format!(
            "{}: cannot read the config file: ",
            missing.display()
        )),
        "{e}"
    );
    let binary = dir.path().join("bin.toml");
    std::fs::write(&binary, [0xff, 0xfe, 0x00]).unwrap();
    let e = ConfigFile::load(&binary).unwrap_err().0;
    assert!(e.contains("cannot read the config file"), "{e}");
    let e = load(Some(&missing)).unwrap_err().0;
    assert_eq!(
        e,
        format!(
            "{}: no such config file (named by --config)",
            missing.display()
        )
    );
    let good = dir.path().join("eventsctl.toml");
    std::fs::write(&good, ISSUE_SHAPE).unwrap();
    assert_eq!(load(Some(&good)).unwrap().unwrap().env_names(), ["staging"]);
}
