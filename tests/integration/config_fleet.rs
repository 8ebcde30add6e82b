//! The config file wired in (issue 27): found by --config, EVENTSCTL_CONFIG and XDG; flags over
//! the file over the defaults; every bad line a usage error naming FILE:LINE; the account guard;
//! fleet runs of a check over several environments; the verdicts as OpenMetrics.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::common::{self, World};

/// Writes `text` as a config file in the test's own directory.
fn config_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("eventsctl-config-")
        .tempdir()
        .unwrap()
}

#[test]
fn every_kind_of_bad_config_line_is_one_usage_error_naming_file_and_line() {
    let w = World::offline("config-bad");
    let dir = tempdir();
    let env = w.env.clone();
    let cases: Vec<(String, usize, &str)> = vec![
        (
            format!("[env.{env}]\nregion = \"us-east-1\"\nzone = 3\n"),
            3,
            "zone",
        ),
        (format!("[env.{env}]\n\nregion = 5\n"), 3, "region"),
        (format!("[env.{env}]\naccount = \"1234\"\n"), 2, "account"),
        (
            format!("[env.{env}]\nregion = \"us-east-1\"\nregion = \"eu-west-1\"\n"),
            3,
            "region",
        ),
        (format!("[env.{env}]\nprofile = \"unterminated\n"), 2, ""),
        (
            "[defaults]\nproduction = true\n".to_owned(),
            2,
            "production",
        ),
        (
            format!("[env.{env}.prices]\nper_million_wru = -1\n"),
            2,
            "per_million_wru",
        ),
    ];
    for (i, (text, line, key)) in cases.iter().enumerate() {
        let path = config_file(dir.path(), &format!("bad-{i}.toml"), text);
        let shown = path.display().to_string();
        let run = w.run(&["--config", &shown, "table", "verify"]);
        run.assert_code(64);
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "one line for {text:?}: {}", run.stderr);
        assert!(
            lines[0].starts_with(&format!("eventsctl: error: {shown}:{line}:")),
            "{text:?}: {}",
            run.stderr
        );
        assert!(lines[0].contains(key), "{text:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    }
    // Named and missing: an error; at the default place, missing is no config.
    let run = w.run(&["--config", "/nonexistent/e.toml", "config", "show"]);
    run.assert_code(64);
    assert!(
        run.stderr
            .contains("/nonexistent/e.toml: no such config file (named by --config)")
    );
    w.run(&["config", "show"]).assert_code(0);
}

/// The `settings` row of `key` in `config show -o json`.
fn setting(v: &Value, key: &str) -> Value {
    v["data"]["settings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == key)
        .cloned()
        .unwrap_or_else(|| panic!("no {key} in {v}"))
}

#[test]
fn flags_override_the_file_which_overrides_the_defaults_wherever_the_file_is_found() {
    let w = World::offline("config-precedence");
    let dir = tempdir();
    let env = w.env.clone();
    let text = format!(
        "[defaults]\nname_prefix = \"shop\"\n\n[env.{env}]\nregion = \"eu-west-1\"\nsns_topic = \"arn:aws:sns:eu-west-1:123456789012:oncall\"\n\n[env.other]\nregion = \"ap-south-1\"\n"
    );
    let path = config_file(dir.path(), "e.toml", &text);
    let shown = path.display().to_string();
    // The harness sets EVENTSCTL_NAME_PREFIX (an override, like its flag); leave it out here.
    let show = |extra: &[&str], vars: &[(&str, &str)]| {
        let mut c = w.command();
        c.env_remove("EVENTSCTL_NAME_PREFIX");
        for (k, v) in vars {
            c.env(k, v);
        }
        let out: common::Run = c
            .args(["config", "show", "-o", "json"])
            .args(extra)
            .output()
            .unwrap()
            .into();
        out.assert_code(0);
        out.json()
    };
    let v = show(&["--config", &shown], &[]);
    assert_eq!(v["data"]["config_file"], shown.as_str());
    assert_eq!(
        v["data"]["envs"],
        serde_json::json!([env.as_str(), "other"])
    );
    let region = setting(&v, "region");
    assert_eq!(region["value"], "eu-west-1");
    assert_eq!(region["origin"]["kind"], "file");
    assert_eq!(region["origin"]["line"], 5);
    assert_eq!(setting(&v, "name_prefix")["value"], "shop");
    assert_eq!(setting(&v, "name_prefix")["origin"]["line"], 2);
    assert_eq!(setting(&v, "athena.workgroup")["origin"]["kind"], "default");
    assert_eq!(setting(&v, "env")["origin"]["kind"], "env_var");
    // Flags beat the file; the other environment has its own section.
    let v = show(
        &[
            "--config",
            &shown,
            "--region",
            "us-west-2",
            "--name-prefix",
            "p2",
        ],
        &[],
    );
    assert_eq!(setting(&v, "region")["value"], "us-west-2");
    assert_eq!(setting(&v, "region")["origin"]["kind"], "flag");
    assert_eq!(setting(&v, "name_prefix")["value"], "p2");
    let v = show(&["--config", &shown, "--env", "other"], &[]);
    assert_eq!(setting(&v, "region")["value"], "ap-south-1");
    assert_eq!(v["target"]["table"], "shop-other-events");
    // EVENTSCTL_CONFIG, then the XDG config home.
    let v = show(&[], &[("EVENTSCTL_CONFIG", &shown)]);
    assert_eq!(setting(&v, "region")["value"], "eu-west-1");
    let xdg = dir.path().join("xdg");
    std::fs::create_dir_all(xdg.join("eventsctl")).unwrap();
    std::fs::copy(&path, xdg.join("eventsctl/eventsctl.toml")).unwrap();
    let v = show(&[], &[("XDG_CONFIG_HOME", xdg.to_str().unwrap())]);
    assert_eq!(setting(&v, "region")["value"], "eu-west-1");
    assert_eq!(
        v["data"]["config_file"],
        xdg.join("eventsctl/eventsctl.toml").display().to_string()
    );
    // An environment the file does not have is refused, not run without its settings.
    let run = w.run(&["--config", &shown, "--env", "prd", "table", "verify"]);
    run.assert_code(64);
    assert!(run.stderr.contains("environment `prd`"), "{}", run.stderr);
}

#[test]
fn config_init_writes_the_example_and_never_over_a_file_without_force() {
    let w = World::offline("config-init");
    let dir = tempdir();
    let xdg = dir.path().join("xdg");
    let init = |extra: &[&str]| -> common::Run {
        w.command()
            .env("XDG_CONFIG_HOME", &xdg)
            .args(["config", "init"])
            .args(extra)
            .output()
            .unwrap()
            .into()
    };
    let first = init(&["-o", "json"]);
    first.assert_code(0);
    let path = xdg.join("eventsctl/eventsctl.toml");
    let data = &first.json()["data"];
    assert_eq!(data["path"], path.to_str().unwrap(), "{data}");
    assert_eq!(data["replaced"], false, "{data}");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("[env.staging]"), "{written}");
    std::fs::write(&path, "# mine\n").unwrap();
    let again = init(&[]);
    again.assert_code(64);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# mine\n");
    let forced = init(&["--force", "-o", "json"]);
    forced.assert_code(0);
    assert_eq!(forced.json()["data"]["replaced"], true, "{}", forced.stdout);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("[env.prod]")
    );
    let other = dir.path().join("o.toml");
    init(&["--file", other.to_str().unwrap()]).assert_code(0);
    // The example parses: `config show` reads it.
    let run = w.run(&[
        "--config",
        other.to_str().unwrap(),
        "--env",
        "prod",
        "config",
        "show",
        "-o",
        "json",
    ]);
    run.assert_code(0);
    assert_eq!(setting(&run.json(), "production")["value"], "true");
}

#[test]
fn production_in_the_file_overrides_the_name_markers() {
    let w = World::offline("config-production");
    let dir = tempdir();
    let path = config_file(
        dir.path(),
        "e.toml",
        "[env.staging]\nproduction = true\n\n[env.prod]\nproduction = false\n",
    );
    let shown = path.display().to_string();
    let put = ["events", "put", "--user", "u", "--type", "t"];
    let mut args = vec!["--config", shown.as_str(), "--env", "staging"];
    args.extend_from_slice(&put);
    let run = w.run(&args);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains(&format!("`production = true` at {shown}:2")),
        "{}",
        run.stderr
    );
    // `prod` by name, not production by the file: no refusal (the closed endpoint fails it).
    let mut args = vec!["--config", shown.as_str(), "--env", "prod"];
    args.extend_from_slice(&put);
    let run = w.run(&args);
    assert!(!run.stderr.contains("refusing"), "{}", run.stderr);
    assert!(run.stderr.contains("could not connect"), "{}", run.stderr);
}

#[test]
fn a_fleet_run_is_for_checks_and_all_envs_needs_the_file() {
    let w = World::offline("config-fleet-usage");
    let run = w.run(&["--env", "a,b", "alarms", "apply", "--dry-run"]);
    run.assert_code(64);
    assert!(run.stderr.contains("fleet runs"), "{}", run.stderr);
    let run = w.run(&["--all-envs", "table", "verify"]);
    run.assert_code(64);
    assert!(run.stderr.contains("there is none"), "{}", run.stderr);
    let run = w.run(&["--env", "a,a", "table", "verify"]);
    run.assert_code(64);
    let run = w.run(&["--metrics-file", "/tmp/x.txt", "table", "verify"]);
    run.assert_code(64);
    assert!(run.stderr.contains(".prom"), "{}", run.stderr);
}

/// The CloudTrail event names the emulator recorded for calls made with `access_key`.
async fn calls_by(w: &World, access_key: &str) -> Vec<String> {
    use aws_sdk_cloudtrail::types::{LookupAttribute, LookupAttributeKey};
    let trail = aws_sdk_cloudtrail::Client::new(&w.sdk_config().await);
    let out = trail
        .lookup_events()
        .lookup_attributes(
            LookupAttribute::builder()
                .attribute_key(LookupAttributeKey::Username)
                .attribute_value(access_key)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .expect("LookupEvents");
    out.events()
        .iter()
        .filter_map(|e| e.event_name().map(str::to_owned))
        .collect()
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn the_account_guard_refuses_another_accounts_credentials_before_any_other_call() {
    let w = World::new("account-guard");
    w.create_table();
    let dir = tempdir();
    let env = w.env.clone();
    // The emulator's STS answers account 000000000000 for these credentials.
    let path = config_file(
        dir.path(),
        "e.toml",
        &format!(
            "[env.{env}]\naccount = \"123456789012\"\n\n[env.same]\naccount = \"000000000000\"\ntable = \"{}\"\n",
            w.table()
        ),
    );
    let shown = path.display().to_string();
    // A key of this test's own: the emulator's CloudTrail names each call's access key.
    let key = format!("AKIDGUARD{}", env.replace('-', "").to_uppercase());
    let run_as = |args: &[&str]| -> common::Run {
        w.command()
            .env("AWS_ACCESS_KEY_ID", &key)
            .args(["--config", shown.as_str()])
            .args(args)
            .output()
            .unwrap()
            .into()
    };
    let check = run_as(&["table", "verify"]);
    check.assert_code(3);
    let action = run_as(&["alarms", "apply", "--dry-run"]);
    action.assert_code(1);
    for run in [&check, &action] {
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{}", run.stderr);
        assert!(
            lines[0].contains("account 000000000000")
                && lines[0].contains(&format!(
                    "environment `{env}` is account 123456789012 ({shown}:2)"
                )),
            "{}",
            run.stderr
        );
    }
    // Refused, --publish-metrics publishes nothing either (no call after the refusal).
    run_as(&["table", "verify", "--publish-metrics"]).assert_code(3);
    let json = run_as(&["table", "verify", "-o", "json"]);
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["error"]["kind"], "refused");
    assert_eq!(v["status"], "unknown");
    // The emulator records STS calls as `POST.sts` (AWS: GetCallerIdentity): one per run.
    let refused = calls_by(&w, &key).await;
    assert!(
        refused.len() == 4
            && refused
                .iter()
                .all(|c| c == "GetCallerIdentity" || c == "POST.sts"),
        "only the account check was called, once a run: {refused:?}"
    );
    // The same credentials in the environment whose account they are: the check runs, and the
    // trail shows its calls (so an empty trail above is not a blind lookup).
    run_as(&["--env", "same", "table", "verify"]).assert_code(0);
    let allowed = calls_by(&w, &key).await;
    assert!(
        allowed.iter().any(|c| c == "DescribeTable"),
        "the check's calls are in the trail: {allowed:?}"
    );
}

/// prometheus_client's OpenMetrics parser and its classic text parser (node_exporter's textfile
/// collector's format): the samples each read, as `[name, labels, value]`.
fn parse_metrics(text: &str) -> Value {
    let python = std::env::var_os("EVENTSCTL_METRICS_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv-metrics/bin/python"));
    let script = r#"
import json, sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families as openmetrics
from prometheus_client.parser import text_string_to_metric_families as classic
text = sys.stdin.read()
print(json.dumps({name: [[s.name, s.labels, s.value] for f in parse(text) for s in f.samples]
                  for name, parse in (("openmetrics", openmetrics), ("classic", classic))}))
"#;
    let mut child = Command::new(&python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run scripts/metrics-parser.sh install",
                python.display()
            )
        });
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the parser refused it:\n{}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The value of the sample `name` with these `env` (and `check`) labels.
fn sample(samples: &Value, name: &str, env: &str, check: Option<&str>) -> f64 {
    samples
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s[0] == name && s[1]["env"] == env && check.is_none_or(|c| s[1]["check"] == c))
        .and_then(|s| s[2].as_f64())
        .unwrap_or_else(|| panic!("no {name} for {env} {check:?} in {samples}"))
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn a_fleet_run_over_three_environments_one_broken_is_one_report_with_the_worst_exit_code() {
    let ok = World::new("fleet-ok");
    ok.create_table();
    // No table: the check is crit there. The third environment's endpoint answers nothing.
    let missing = World::new("fleet-missing");
    let broken = format!("{}-broken", ok.env);
    let dir = tempdir();
    let path = config_file(
        dir.path(),
        "fleet.toml",
        &format!(
            "[env.{}]\nendpoint_url = \"{}\"\n\n[env.{}]\nendpoint_url = \"{}\"\n\n[env.{broken}]\nendpoint_url = \"{}\"\n",
            ok.env,
            common::endpoint(),
            missing.env,
            common::endpoint(),
            common::closed_endpoint()
        ),
    );
    let shown = path.display().to_string();
    let envs = format!("{},{},{broken}", ok.env, missing.env);
    let human = ok.run(&["--config", &shown, "--env", &envs, "table", "verify"]);
    human.assert_code(2);
    let row = |env: &str| {
        human
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{env} ")))
            .unwrap_or_else(|| panic!("no row for {env}:\n{}", human.stdout))
            .to_owned()
    };
    assert!(row(&ok.env).contains("OK"), "{}", human.stdout);
    assert!(row(&missing.env).contains("CRIT"), "{}", human.stdout);
    assert!(row(&broken).contains("UNKNOWN"), "{}", human.stdout);
    assert!(human.stdout.contains(&format!("━━ env {} ━━", ok.env)));
    assert!(
        human.stdout.contains("table.ttl"),
        "the details of each: {}",
        human.stdout
    );

    // --all-envs: the same three, in the file's order; JSON with a result per environment.
    let json = ok.run(&[
        "--config",
        &shown,
        "--all-envs",
        "table",
        "verify",
        "-o",
        "json",
    ]);
    json.assert_code(2);
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["schema"], "eventsctl/v1");
    assert_eq!(v["status"], "crit");
    assert_eq!(
        v["envs"],
        serde_json::json!([ok.env.as_str(), missing.env.as_str(), broken.as_str()])
    );
    let results = v["results"].as_array().unwrap();
    let statuses: Vec<&str> = results
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["ok", "crit", "unknown"]);
    assert_eq!(results[0]["target"]["table"], ok.table());
    for r in results {
        common::assert_data_documented(r);
    }

    // Without the crit one, unknown is the worst: exit 3.
    let two = format!("{},{broken}", ok.env);
    ok.run(&["--config", &shown, "--env", &two, "table", "verify", "-q"])
        .assert_code(3);

    // OpenMetrics on stdout and in the metrics file, read back by the reference parsers.
    let prom_file = dir.path().join("eventsctl.prom");
    let prom = ok.run(&[
        "--config",
        &shown,
        "--env",
        &envs,
        "table",
        "verify",
        "-o",
        "prometheus",
        "--metrics-file",
        prom_file.to_str().unwrap(),
    ]);
    prom.assert_code(2);
    assert_eq!(std::fs::read_to_string(&prom_file).unwrap(), prom.stdout);
    let parsed = parse_metrics(&prom.stdout);
    for parser in ["openmetrics", "classic"] {
        let s = &parsed[parser];
        assert_eq!(
            sample(s, "eventsctl_check_status", &ok.env, Some("table.ttl")),
            0.0
        );
        assert_eq!(
            sample(
                s,
                "eventsctl_check_status",
                &missing.env,
                Some("table.exists")
            ),
            2.0
        );
        assert_eq!(sample(s, "eventsctl_run_status", &ok.env, None), 0.0);
        assert_eq!(sample(s, "eventsctl_run_status", &missing.env, None), 2.0);
        assert_eq!(sample(s, "eventsctl_run_status", &broken, None), 3.0);
        let ran_at = sample(s, "eventsctl_run_timestamp_seconds", &ok.env, None);
        let now = chrono::Utc::now().timestamp() as f64;
        assert!((now - ran_at).abs() < 120.0, "{ran_at} vs {now}");
    }
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn the_monthly_script_is_one_fleet_run_with_every_environment_in_its_report() {
    let a = World::new("monthly-a");
    a.create_table();
    let b = World::new("monthly-b");
    b.create_table();
    let dir = tempdir();
    let path = config_file(
        dir.path(),
        "fleet.toml",
        &format!(
            "[env.{}]\nendpoint_url = \"{}\"\n\n[env.{}]\nendpoint_url = \"{}\"\n",
            a.env,
            common::endpoint(),
            b.env,
            common::endpoint()
        ),
    );
    let report = dir.path().join("monthly.md");
    let run = a.run(&[
        "--config",
        path.to_str().unwrap(),
        "health-check",
        "monthly",
        "--all-envs",
        "--report",
        report.to_str().unwrap(),
        "-q",
    ]);
    // No alarms were made in these environments: crit in both.
    run.assert_code(2);
    let md = std::fs::read_to_string(&report).unwrap();
    assert!(md.contains("fleet"), "{md}");
    // Run again: the report exists, so the run stops before any environment runs (exit 64).
    let again = a.run(&[
        "--config",
        path.to_str().unwrap(),
        "health-check",
        "monthly",
        "--all-envs",
        "--report",
        report.to_str().unwrap(),
    ]);
    again.assert_code(64);
    assert_eq!(again.stderr.lines().count(), 1, "{}", again.stderr);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    for w in [&a, &b] {
        assert!(md.contains(&format!("| {} | CRIT |", w.env)), "{md}");
        assert!(md.contains(&format!("Table `{}`", w.table())), "{md}");
    }
}

/// The values of `metric` with these dimensions in Eventsctl/HealthCheck over the last minutes.
async fn published(w: &World, metric: &str, dims: &[(&str, &str)]) -> Vec<f64> {
    use aws_sdk_cloudwatch::types::{Dimension, Metric, MetricDataQuery, MetricStat};
    let cw = w.cloudwatch().await;
    let now = chrono::Utc::now();
    let metric = Metric::builder()
        .namespace("Eventsctl/HealthCheck")
        .metric_name(metric)
        .set_dimensions(Some(
            dims.iter()
                .map(|(k, v)| Dimension::builder().name(*k).value(*v).build())
                .collect(),
        ))
        .build();
    let out = cw
        .get_metric_data()
        .metric_data_queries(
            MetricDataQuery::builder()
                .id("m")
                .metric_stat(
                    MetricStat::builder()
                        .metric(metric)
                        .period(60)
                        .stat("Maximum")
                        .build(),
                )
                .build(),
        )
        .start_time(aws_smithy_types::DateTime::from_secs(
            (now - chrono::Duration::minutes(10)).timestamp(),
        ))
        .end_time(aws_smithy_types::DateTime::from_secs(
            (now + chrono::Duration::minutes(2)).timestamp(),
        ))
        .send()
        .await
        .expect("GetMetricData");
    out.metric_data_results()
        .iter()
        .flat_map(|r| r.values().to_vec())
        .collect()
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn published_verdicts_are_read_back_with_get_metric_data() {
    let w = World::new("publish");
    w.create_table();
    let run = w.run(&["table", "verify", "--publish-metrics"]);
    run.assert_code(0);
    assert!(
        run.stderr.contains("published") && run.stderr.contains("Eventsctl/HealthCheck"),
        "{}",
        run.stderr
    );
    assert_eq!(
        published(
            &w,
            "CheckStatus",
            &[("Env", &w.env), ("Check", "table.ttl")]
        )
        .await,
        [0.0]
    );
    assert_eq!(
        published(
            &w,
            "RunStatus",
            &[("Env", &w.env), ("Command", "table verify")]
        )
        .await,
        [0.0]
    );
    // A check that is crit publishes 2 for its run, and a fleet run publishes each environment
    // with its own endpoint: the unreachable one says it published nothing, and the exit code is
    // the verdict's.
    let missing = World::new("publish-missing");
    let broken = format!("{}-broken", w.env);
    let dir = tempdir();
    let path = config_file(
        dir.path(),
        "fleet.toml",
        &format!(
            "[env.{}]\nendpoint_url = \"{}\"\n\n[env.{broken}]\nendpoint_url = \"{}\"\n",
            missing.env,
            common::endpoint(),
            common::closed_endpoint()
        ),
    );
    let run = w.run(&[
        "--config",
        path.to_str().unwrap(),
        "--all-envs",
        "table",
        "verify",
        "--publish-metrics",
    ]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("the verdicts were not published"),
        "{}",
        run.stderr
    );
    assert_eq!(
        published(
            &w,
            "RunStatus",
            &[("Env", &missing.env), ("Command", "table verify")]
        )
        .await,
        [2.0]
    );
    assert_eq!(
        published(
            &w,
            "CheckStatus",
            &[("Env", &missing.env), ("Check", "table.exists")]
        )
        .await,
        [2.0]
    );
}
