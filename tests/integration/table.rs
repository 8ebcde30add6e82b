//! `table create|verify|describe` and the exit-code contract, through the real binary.

use std::io::Read;
use std::process::Stdio;

use crate::common::{self, Proxy, World};
use aws_sdk_dynamodb::types::{
    DeleteGlobalSecondaryIndexAction, GlobalSecondaryIndexUpdate, StreamSpecification,
    StreamViewType, TimeToLiveSpecification,
};

#[test]
fn usage_errors_exit_64_with_one_line() {
    let w = World::offline("usage");
    for args in [
        vec!["--env", "Has Space", "table", "verify"],
        vec!["--env", "a#b", "table", "verify"],
        vec!["--env", "UPPER", "table", "verify"],
        vec!["table", "verify", "--no-such-flag"],
        vec!["no-such-command"],
        vec!["-o", "yaml", "table", "verify"],
        vec!["--endpoint-url", "localhost", "table", "verify"],
        vec!["table", "create", "--pitr-days", "36"],
    ] {
        let r = w.run(&args);
        r.assert_code(64);
        assert_eq!(r.stderr.trim().lines().count(), 1, "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}");
    }
    // A command group without its subcommand shows that group's help, as a usage error.
    w.run(&["table"]).assert_code(64);
}

#[test]
fn help_and_version_exit_0() {
    let w = World::offline("help");
    let help = w.run(&["--help"]);
    help.assert_code(0);
    assert!(help.stdout.contains("table"));
    w.run(&["--version"]).assert_code(0);
    w.run(&["table", "verify", "--help"]).assert_code(0);
}

/// `--version` names the commit the binary was built from (build.rs): the checkout's HEAD, or
/// the one a packager set, or `unknown` outside a git checkout.
#[test]
fn version_names_the_commit() {
    let w = World::offline("version");
    let r = w.run(&["--version"]);
    r.assert_code(0);
    let head = std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    let commit = option_env!("EVENTSCTL_BUILD_COMMIT")
        .map(str::to_owned)
        .or(head)
        .unwrap_or_else(|| "unknown".to_owned());
    assert_eq!(
        r.stdout.trim(),
        format!("eventsctl {} (commit {commit})", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn create_then_verify_is_all_ok() {
    let w = World::new("create-verify");
    let created = w.run(&["-o", "json", "table", "create"]);
    created.assert_code(0);
    let env = created.json();
    assert_eq!(env["status"], "ok");
    assert_eq!(env["command"], "table create");

    let r = w.run(&["-o", "json", "table", "verify"]);
    r.assert_code(0);
    let v = r.json();
    assert_eq!(v["schema"], "eventsctl/v1");
    assert_eq!(v["command"], "table verify");
    assert_eq!(v["target"]["table"], w.table());
    assert_eq!(v["target"]["region"], "us-east-1");
    assert_eq!(v["target"]["env"], w.env);
    assert!(v["generated_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(v["status"], "ok");
    let findings = v["findings"].as_array().unwrap();
    assert!(findings.len() >= 10, "{findings:?}");
    for f in findings {
        assert_eq!(f["status"], "ok", "{f}");
        assert!(
            f["runbook"].as_str().is_some(),
            "every finding cites the runbook: {f}"
        );
    }
    let names: Vec<&str> = findings
        .iter()
        .map(|f| f["check"].as_str().unwrap())
        .collect();
    for check in [
        "table.key_schema",
        "table.gsi.EventTypeIndex",
        "table.gsi.StatusIndex",
        "table.ttl",
        "table.pitr",
        "table.stream",
    ] {
        assert!(names.contains(&check), "{check} in {names:?}");
    }
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn existing_table_is_finished_only_when_eventsctl_created_it() {
    let w = World::new("create-twice");
    let dry = w.run(&["table", "create", "--dry-run"]);
    dry.assert_code(0);
    assert!(dry.stdout.contains("dry run"), "{}", dry.stdout);
    w.run(&["table", "verify"]).assert_code(2);

    w.create_table();
    // Run again on its own, configured table: nothing to do, nothing changed.
    let again = w.run(&["-o", "json", "table", "create"]);
    again.assert_code(0);
    for k in ["ttl", "stream", "pitr", "tags"] {
        assert_eq!(
            again.json()["data"]["settings"][k]["outcome"],
            "unchanged",
            "{k}"
        );
    }
    assert!(again.stdout.contains("nothing changed"), "{}", again.stdout);

    // A table eventsctl did not create (no managed-by tag) is refused, in one line.
    let foreign = World::new("create-foreign");
    let ddb = w.dynamodb().await;
    ddb.create_table()
        .table_name(foreign.table())
        .key_schema(
            aws_sdk_dynamodb::types::KeySchemaElement::builder()
                .attribute_name("user_id")
                .key_type(aws_sdk_dynamodb::types::KeyType::Hash)
                .build()
                .unwrap(),
        )
        .attribute_definitions(
            aws_sdk_dynamodb::types::AttributeDefinition::builder()
                .attribute_name("user_id")
                .attribute_type(aws_sdk_dynamodb::types::ScalarAttributeType::S)
                .build()
                .unwrap(),
        )
        .billing_mode(aws_sdk_dynamodb::types::BillingMode::PayPerRequest)
        .send()
        .await
        .unwrap();
    let refused = foreign.run(&["table", "create"]);
    refused.assert_code(1);
    assert!(
        refused.stderr.contains("did not create it"),
        "{}",
        refused.stderr
    );
    assert_eq!(refused.stderr.trim().lines().count(), 1);
    let ttl = ddb
        .describe_time_to_live()
        .table_name(foreign.table())
        .send()
        .await
        .unwrap();
    assert_ne!(
        ttl.time_to_live_description()
            .and_then(|d| d.time_to_live_status())
            .map(|s| s.as_str()),
        Some("ENABLED"),
        "nothing changed on it"
    );
}

/// Right after CreateTable reaches ACTIVE, AWS answers UpdateContinuousBackups with
/// ContinuousBackupsUnavailableException until backups are ready: `table create` waits and
/// retries it within a bound instead of aborting half-configured.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateContinuousBackups.html
#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn continuous_backups_unavailable_after_active_is_retried_not_fatal() {
    let w = World::new("create-pitr-wait");
    let proxy = Proxy::start("pitr-unavailable.yaml");
    let r = w.run_via(&proxy, &["-o", "json", "table", "create"]);
    r.assert_code(0);
    assert_eq!(r.json()["data"]["settings"]["pitr"]["outcome"], "applied");
    assert_eq!(
        proxy
            .fired()
            .get("dynamodb error:ContinuousBackupsUnavailableException"),
        Some(&3)
    );
    w.run(&["table", "verify"]).assert_code(0);
}

/// A `table create` that could not finish (PITR refused here) leaves every other setting made
/// and says how to finish; run again, it changes only what is missing.
#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn a_half_configured_table_is_finished_by_running_create_again() {
    let w = World::new("create-finish");
    let proxy = Proxy::start("passthrough.yaml");
    proxy.add_rules(serde_json::json!([{
        "service": "dynamodb", "operation": "UpdateContinuousBackups",
        "error": {"code": "AccessDeniedException", "status": 400, "message": "injected: not authorized to perform dynamodb:UpdateContinuousBackups"}
    }]));
    let first = w.run_via(&proxy, &["-o", "json", "table", "create"]);
    first.assert_code(1);
    let v = first.json();
    assert_eq!(
        v["data"]["settings"]["ttl"]["outcome"], "applied",
        "{}",
        first.stdout
    );
    assert_eq!(v["data"]["settings"]["pitr"]["outcome"], "failed");
    assert!(first.stdout.contains("again to finish"), "{}", first.stdout);
    let verify = w.run(&["-o", "json", "table", "verify"]);
    assert_eq!(verify.finding("table.ttl")["status"], "ok");
    assert_ne!(verify.finding("table.pitr")["status"], "ok");

    let second = w.run(&["-o", "json", "table", "create"]);
    second.assert_code(0);
    let v = second.json();
    assert_eq!(v["data"]["settings"]["pitr"]["outcome"], "applied");
    assert_eq!(v["data"]["settings"]["ttl"]["outcome"], "unchanged");
    w.run(&["table", "verify"]).assert_code(0);
}

#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn production_env_is_refused() {
    let w = World::new("prod-refused");
    let r = w.run(&["--env", "prod", "table", "create"]);
    r.assert_code(1);
    assert!(r.stderr.contains("production"), "{}", r.stderr);
}

#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn missing_table_is_crit() {
    let w = World::new("missing");
    let r = w.run(&["-o", "json", "table", "verify"]);
    r.assert_code(2);
    assert_eq!(r.finding("table.exists")["status"], "crit");
}

/// Each drift made behind the tool's back gives its named finding and exit 2.
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn drift_is_named_and_crit() {
    type Drift = (&'static str, &'static str);
    let drifts: [Drift; 5] = [
        ("ttl-off", "table.ttl"),
        ("stream-off", "table.stream"),
        ("keys-only", "table.stream"),
        ("pitr-off", "table.pitr"),
        ("gsi-missing", "table.gsi.StatusIndex"),
    ];
    for (drift, check) in drifts {
        let w = World::new(drift);
        w.create_table();
        let ddb = w.dynamodb().await;
        let t = w.table();
        match drift {
            "ttl-off" => {
                ddb.update_time_to_live()
                    .table_name(&t)
                    .time_to_live_specification(
                        TimeToLiveSpecification::builder()
                            .enabled(false)
                            .attribute_name("ttl")
                            .build()
                            .unwrap(),
                    )
                    .send()
                    .await
                    .unwrap();
            }
            "stream-off" | "keys-only" => {
                ddb.update_table()
                    .table_name(&t)
                    .stream_specification(
                        StreamSpecification::builder()
                            .stream_enabled(false)
                            .build()
                            .unwrap(),
                    )
                    .send()
                    .await
                    .unwrap();
                if drift == "keys-only" {
                    ddb.update_table()
                        .table_name(&t)
                        .stream_specification(
                            StreamSpecification::builder()
                                .stream_enabled(true)
                                .stream_view_type(StreamViewType::KeysOnly)
                                .build()
                                .unwrap(),
                        )
                        .send()
                        .await
                        .unwrap();
                }
            }
            "pitr-off" => {
                common::pitr_off(&ddb, &t).await;
            }
            "gsi-missing" => {
                ddb.update_table()
                    .table_name(&t)
                    .global_secondary_index_updates(
                        GlobalSecondaryIndexUpdate::builder()
                            .delete(
                                DeleteGlobalSecondaryIndexAction::builder()
                                    .index_name("StatusIndex")
                                    .build()
                                    .unwrap(),
                            )
                            .build(),
                    )
                    .send()
                    .await
                    .unwrap();
            }
            _ => unreachable!(),
        }
        let r = w.run(&["-o", "json", "table", "verify"]);
        r.assert_code(2);
        let f = r.finding(check);
        assert_eq!(f["status"], "crit", "{drift}: {f}");
        // Nothing else drifted.
        for other in r.json()["findings"].as_array().unwrap() {
            if other["check"] != check {
                assert_eq!(other["status"], "ok", "{drift}: {other}");
            }
        }
    }
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn wrong_key_type_is_crit() {
    use aws_sdk_dynamodb::types::{
        AttributeDefinition, BillingMode, KeySchemaElement, KeyType, ScalarAttributeType,
    };
    let w = World::new("key-type");
    let ddb = w.dynamodb().await;
    ddb.create_table()
        .table_name(w.table())
        .key_schema(
            KeySchemaElement::builder()
                .attribute_name("user_id")
                .key_type(KeyType::Hash)
                .build()
                .unwrap(),
        )
        .key_schema(
            KeySchemaElement::builder()
                .attribute_name("timestamp#event_id")
                .key_type(KeyType::Range)
                .build()
                .unwrap(),
        )
        .attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name("user_id")
                .attribute_type(ScalarAttributeType::N)
                .build()
                .unwrap(),
        )
        .attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name("timestamp#event_id")
                .attribute_type(ScalarAttributeType::S)
                .build()
                .unwrap(),
        )
        .billing_mode(BillingMode::PayPerRequest)
        .send()
        .await
        .unwrap();
    let r = w.run(&["-o", "json", "table", "verify"]);
    r.assert_code(2);
    let f = r.finding("table.key_schema");
    assert_eq!(f["status"], "crit");
    assert!(
        f["summary"].as_str().unwrap().contains("user_id (N)"),
        "{f}"
    );
}

#[test]
fn unreachable_endpoint_is_one_line_and_unknown() {
    let w = World::offline("unreachable");
    // Port 9 (discard) on loopback: nothing listens there.
    let r = w.run(&["--endpoint-url", "http://127.0.0.1:9", "table", "verify"]);
    r.assert_code(3);
    let json = w.run(&[
        "--endpoint-url",
        "http://127.0.0.1:9",
        "-o",
        "json",
        "table",
        "verify",
    ]);
    json.assert_code(3);
    assert!(
        json.json()["findings"][0]["summary"]
            .as_str()
            .unwrap()
            .contains("EndpointUnreachable")
    );
    // An action fails with exit 1 and one line.
    let d = w.run(&["--endpoint-url", "http://127.0.0.1:9", "table", "describe"]);
    d.assert_code(1);
    assert_eq!(d.stderr.trim().lines().count(), 1, "{}", d.stderr);
    assert!(
        d.stderr
            .contains("EndpointUnreachable on dynamodb:DescribeTable"),
        "{}",
        d.stderr
    );
}

#[test]
fn no_region_is_one_line_not_a_hang() {
    let w = World::offline("no-region");
    let home = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let out = w
        .command()
        .env_remove("AWS_REGION")
        .env_remove("AWS_DEFAULT_REGION")
        .env("HOME", home.path())
        .env("AWS_CONFIG_FILE", home.path().join("none"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.path().join("none"))
        .args(["table", "verify"])
        .output()
        .unwrap();
    let r: common::Run = out.into();
    r.assert_code(3);
    assert!(r.stderr.contains("no AWS region"), "{}", r.stderr);
    assert_eq!(r.stderr.trim().lines().count(), 1);
    // Not a functional timing assertion: a guard against waiting on instance metadata forever.
    assert!(started.elapsed().as_secs() < 30);
}

#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn describe_shows_the_table() {
    let w = World::new("describe");
    w.create_table();
    let r = w.run(&["-o", "json", "table", "describe"]);
    r.assert_code(0);
    let v = r.json();
    assert_eq!(v["data"]["name"], w.table());
    assert_eq!(v["data"]["ttl"]["attribute"], "ttl");
    assert_eq!(v["data"]["stream"]["view_type"], "NEW_IMAGE");
    assert!(
        v["data"]["tags"]
            .as_str()
            .unwrap()
            .contains("managed-by=eventsctl")
    );
    let human = w.run(&["table", "describe"]);
    human.assert_code(0);
    assert!(human.stdout.contains("EventTypeIndex"));
    let md = w.run(&["-o", "markdown", "table", "verify"]);
    md.assert_code(0);
    assert!(md.stdout.contains("| Status | Check |"), "{}", md.stdout);
}

/// `eventsctl table verify | head -1`: the reader goes away before the tool writes; that is not
/// an error and leaves the exit code to the verdict.
#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn closed_stdout_is_not_an_error() {
    let w = World::new("pipe");
    w.create_table();
    let mut child = w
        .command()
        .args(["table", "verify"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert!(stderr.is_empty(), "{stderr}");

    // And through a real `head -1`.
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "{} table verify | head -1; exit ${{PIPESTATUS[0]}}",
            common::bin().display()
        ))
        .envs(
            w.command()
                .get_envs()
                .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
        )
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

/// Review of issue 23, defect 11: `iam-policy | head -1` exited 1 with "Broken pipe": the
/// policy goes out through serde_json, which wraps the io error. A closed stdout is never an
/// error (README), whatever writes to it. No emulator needed: `iam-policy` calls nothing.
#[test]
fn iam_policy_into_a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    // The reader is gone before the tool writes (as `head -1` is, once it has its line).
    let mut child = std::process::Command::new(common::bin())
        .arg("iam-policy")
        .env("AWS_REGION", "us-east-1")
        .env_remove("EVENTSCTL_PRODUCTION_MARKERS")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
}

#[test]
fn iam_policy_prints_a_least_privilege_document() {
    let w = World::offline("iam");
    let r = w.run(&[
        "iam-policy",
        "table",
        "verify",
        "--account-id",
        "111122223333",
    ]);
    r.assert_code(0);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).expect("the policy is JSON");
    assert_eq!(doc["Version"], "2012-10-17");
    let text = doc.to_string();
    assert!(
        text.contains(&format!(
            "arn:aws:dynamodb:us-east-1:111122223333:table/{}",
            w.table()
        )),
        "{text}"
    );
    // A check's policy says `*` only in the statement that `--publish-metrics` needs
    // (PutMetricData has no resource-level permission), named for that flag.
    let statements = doc["Statement"].as_array().unwrap();
    let rest: Vec<&serde_json::Value> = statements
        .iter()
        .filter(|s| s["Sid"] != "NoResourceLevelPermissionsOnlyPublishMetrics")
        .collect();
    let rest = serde_json::to_string(&rest).unwrap();
    assert!(
        !rest.contains("PutItem") && !rest.contains("\"*\""),
        "{text}"
    );
    let env = w.run(&["-o", "json", "iam-policy", "stream"]);
    env.assert_code(0);
    assert_eq!(
        env.json()["data"]["commands"],
        serde_json::json!(["stream tail"])
    );
    let bad = w.run(&["iam-policy", "frobnicate"]);
    bad.assert_code(64);
    assert!(
        bad.stderr.contains("not an eventsctl command"),
        "{}",
        bad.stderr
    );
    w.run(&["iam-policy", "--account-id", "12"]).assert_code(64);
}

/// IAM refuses a managed policy over 6,144 characters, white space not counted. Every
/// command's permissions need more: `iam-policy` prints them as named policies that each fit
/// (a JSON array for `aws iam create-policy`), says so on stderr, and keeps a selection that
/// fits as one plain document.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
#[test]
fn iam_policy_of_every_command_is_split_into_managed_policies_that_fit() {
    let counted =
        |v: &serde_json::Value| v.to_string().chars().filter(|c| !c.is_whitespace()).count();
    let w = World::offline("iam-split");
    let r = w.run(&["iam-policy", "--account-id", "111122223333"]);
    r.assert_code(0);
    let parts: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON on stdout");
    let parts = parts.as_array().expect("an array of named policies");
    assert!(parts.len() >= 2, "{}", r.stdout);
    let mut statements = 0;
    for (i, p) in parts.iter().enumerate() {
        let name = p["PolicyName"].as_str().unwrap();
        assert!(name.ends_with(&format!("-eventsctl-{}", i + 1)), "{name}");
        let doc = &p["PolicyDocument"];
        assert_eq!(doc["Version"], "2012-10-17");
        assert!(counted(doc) <= 6144, "{name}: {} characters", counted(doc));
        statements += doc["Statement"].as_array().unwrap().len();
        assert!(r.stderr.contains(name), "{}", r.stderr);
    }
    assert!(r.stderr.contains("split into"), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);

    // The envelope lists the same policies; `policy` is null when one is not enough.
    let env = w.run(&["-o", "json", "iam-policy", "--account-id", "111122223333"]);
    env.assert_code(0);
    let data = &env.json()["data"];
    assert_eq!(data["policy"], serde_json::Value::Null);
    let listed = data["policies"].as_array().unwrap();
    assert_eq!(listed.len(), parts.len());
    assert_eq!(
        listed
            .iter()
            .map(|p| p["document"]["Statement"].as_array().unwrap().len())
            .sum::<usize>(),
        statements
    );
    for p in listed {
        assert_eq!(
            p["characters"].as_u64().unwrap() as usize,
            counted(&p["document"])
        );
    }

    // A selection that fits stays one document, nothing on stderr.
    let one = w.run(&["iam-policy", "alarms"]);
    one.assert_code(0);
    let doc: serde_json::Value = serde_json::from_str(&one.stdout).unwrap();
    assert_eq!(doc["Version"], "2012-10-17");
    assert!(one.stderr.is_empty(), "{}", one.stderr);
}

/// The corrections a command prints are short and its own; `--explain` prints all of them whole.
#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn explain_prints_every_correction_in_full() {
    let w = World::new("explain");
    let words = |r: &common::Run| r.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    let short = w.run(&["table", "verify"]);
    short.assert_code(2);
    let short = words(&short);
    assert!(short.contains("PITR retention is 35 days"), "{short}");
    assert!(
        !short.contains("TTL deletion may take up to 48 hours"),
        "{short}"
    );
    let full = w.run(&["--explain", "table", "verify"]);
    full.assert_code(2);
    let full = words(&full);
    for said in [
        "PITR retention is 35 days",
        "TTL deletion may take up to 48 hours",
        "Payload size limit 1MB",
        // The whole fact, past its first clause.
        "1 MB is the Query/Scan page size",
    ] {
        assert!(full.contains(said), "{said}: {full}");
    }
}

/// Issue 27: TTL (and PITR) switched off on a production table comes back with `table fix`, a
/// write like any other there: refused without --yes (nothing changed), shown by --dry-run,
/// done with --yes; only what is off changes (no tag added, a table eventsctl did not create),
/// and a second run changes nothing. (`table create` is refused on production, with --yes too.)
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn table_fix_puts_ttl_and_pitr_back_on_production_with_yes() {
    let w = World::new("fix");
    let prod = format!("et-{}-prod-events", w.env);
    // Made with the rule configured away, as Terraform would, and without eventsctl's tag.
    w.run(&[
        "--production-markers",
        "none",
        "--table",
        &prod,
        "table",
        "create",
    ])
    .assert_code(0);
    let ddb = w.dynamodb().await;
    let arn = ddb
        .describe_table()
        .table_name(&prod)
        .send()
        .await
        .unwrap()
        .table
        .unwrap()
        .table_arn
        .unwrap();
    ddb.untag_resource()
        .resource_arn(&arn)
        .tag_keys("managed-by")
        .send()
        .await
        .unwrap();
    ddb.update_time_to_live()
        .table_name(&prod)
        .time_to_live_specification(
            TimeToLiveSpecification::builder()
                .enabled(false)
                .attribute_name("ttl")
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    ddb.update_continuous_backups()
        .table_name(&prod)
        .point_in_time_recovery_specification(
            aws_sdk_dynamodb::types::PointInTimeRecoverySpecification::builder()
                .point_in_time_recovery_enabled(false)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    let ttl_status = || async {
        ddb.describe_time_to_live()
            .table_name(&prod)
            .send()
            .await
            .unwrap()
            .time_to_live_description
            .and_then(|d| d.time_to_live_status)
            .map(|s| s.as_str().to_owned())
    };
    let fix = |rest: &[&str]| {
        let mut a = vec!["-o", "json", "--table", prod.as_str(), "table", "fix"];
        a.extend_from_slice(rest);
        w.run(&a)
    };
    // The way back that `table create` is not: refused on production, with --yes too.
    let create = w.run(&["--table", &prod, "table", "create", "--yes"]);
    assert_ne!(create.code, 0, "{}", create.stderr);

    let refused = fix(&[]);
    refused.assert_code(1);
    assert!(
        refused.stderr.contains("refusing table fix") && refused.stderr.contains("--yes"),
        "{}",
        refused.stderr
    );
    assert_eq!(ttl_status().await.as_deref(), Some("DISABLED"));

    let dry = fix(&["--dry-run"]);
    dry.assert_code(0);
    let settings = &dry.json()["data"]["settings"];
    assert_eq!(settings["ttl"]["outcome"], "applied", "{settings}");
    assert_eq!(
        settings["ttl"]["detail"], "would enable on `ttl`",
        "{settings}"
    );
    assert_eq!(settings["pitr"]["outcome"], "applied", "{settings}");
    assert_eq!(ttl_status().await.as_deref(), Some("DISABLED"), "a dry run");
    // Its data is its type in the schema, which refuses an outcome the command never writes
    // and a setting it does not manage.
    assert!(common::data_matches_shape(
        "TableFixData",
        &dry.json()["data"]
    ));
    for (key, value) in [("ttl", "maybe"), ("keys", "applied")] {
        let mut bad = dry.json()["data"].clone();
        bad["settings"][key] = serde_json::json!({"outcome": value, "detail": "x"});
        assert!(!common::data_matches_shape("TableFixData", &bad), "{bad}");
    }

    let done = fix(&["--yes"]);
    done.assert_code(0);
    let settings = &done.json()["data"]["settings"];
    assert_eq!(settings["ttl"]["detail"], "enabled on `ttl`", "{settings}");
    assert_eq!(settings["pitr"]["detail"], "enabled, 35 days", "{settings}");
    assert_eq!(done.finding("table.ttl")["status"], "ok");
    assert_eq!(done.finding("table.pitr")["status"], "ok");
    assert_eq!(ttl_status().await.as_deref(), Some("ENABLED"));
    let tags = ddb
        .list_tags_of_resource()
        .resource_arn(&arn)
        .send()
        .await
        .unwrap()
        .tags
        .unwrap_or_default();
    assert!(
        tags.iter().all(|t| t.key != "managed-by"),
        "no tag added: {tags:?}"
    );

    let again = fix(&["--yes"]);
    again.assert_code(0);
    assert_eq!(
        again.json()["data"]["settings"]["ttl"]["outcome"],
        "unchanged"
    );
    assert_eq!(
        again.json()["data"]["settings"]["pitr"]["outcome"],
        "unchanged"
    );
    assert!(
        again
            .stdout
            .contains("nothing to put back, nothing changed"),
        "{}",
        again.stdout
    );
}
