//! `dr cutover`, `dr rollback`, `dr retire` against the emulator: a real restored table, a real
//! Python consumer whose mapping delivers stream records (it prints them, so its log group
//! proves the canary), and an API function whose environment holds a secret next to the
//! table's name.

use std::collections::HashMap;

use aws_sdk_lambda::types::{Environment, EventSourcePosition, FunctionCode, Runtime};
use serde_json::Value;

use crate::common::{self, World, rfc3339};

const SECRET: &str = "s3cr3t-value-never-in-a-record";

/// What a cutover test starts from.
pub struct Setup {
    pub target: String,
    pub api: String,
    pub consumer: String,
    pub old_mapping: String,
}

pub async fn iam(w: &World) -> aws_sdk_iam::Client {
    aws_sdk_iam::Client::new(&w.sdk_config().await)
}

/// The functions' execution role, with an inline policy allowing `resource` (every table by
/// default).
pub async fn create_role(w: &World, role: &str, resource: &str) {
    let iam = iam(w).await;
    iam.create_role()
        .role_name(role)
        .assume_role_policy_document(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
        )
        .send()
        .await
        .expect("CreateRole");
    let policy = serde_json::json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "dynamodb:*", "Resource": [resource, format!("{resource}/*")]}
    ]});
    iam.put_role_policy()
        .role_name(role)
        .policy_name("events")
        .policy_document(policy.to_string())
        .send()
        .await
        .expect("PutRolePolicy");
}

async fn create_function(w: &World, name: &str, code: &str, env: HashMap<String, String>) {
    use std::io::Write;
    let mut zip = common::zip_one("h.py", code);
    zip.flush().unwrap();
    w.lambda()
        .await
        .create_function()
        .function_name(name)
        .runtime(Runtime::Python312)
        .role(format!("arn:aws:iam::000000000000:role/{}", role_of(w)))
        .handler("h.handler")
        .environment(Environment::builder().set_variables(Some(env)).build())
        .code(
            FunctionCode::builder()
                .zip_file(aws_smithy_types::Blob::new(zip.into_inner()))
                .build(),
        )
        .send()
        .await
        .expect("CreateFunction");
}

async fn stream_arn(w: &World, table: &str) -> String {
    w.dynamodb()
        .await
        .describe_table()
        .table_name(table)
        .send()
        .await
        .unwrap()
        .table
        .unwrap()
        .latest_stream_arn
        .unwrap()
}

/// The source with a few events, restored and verified into TARGET by `pitr-restore`, an API
/// function naming the source, and a consumer reading the source's stream.
/// The API function naming the world's table, with its role (for a scenario that cuts over).
pub async fn create_api(w: &World) -> String {
    create_role(
        w,
        &role_of(w),
        "arn:aws:dynamodb:us-east-1:000000000000:table/*",
    )
    .await;
    let api = format!("{}-api", w.table());
    let env = HashMap::from([("EVENTS_TABLE_NAME".to_owned(), w.table())]);
    create_function(
        w,
        &api,
        "def handler(event, context):\n    return {}\n",
        env,
    )
    .await;
    api
}

fn role_of(w: &World) -> String {
    format!("{}-role", w.env)
}

pub async fn setup(w: &World) -> Setup {
    setup_with_role(w, "arn:aws:dynamodb:us-east-1:000000000000:table/*").await
}

/// [`setup`] with the functions' role allowed DynamoDB only on `resource`.
pub async fn setup_with_role(w: &World, resource: &str) -> Setup {
    create_role(w, &role_of(w), resource).await;
    w.create_table();
    let ddb = w.dynamodb().await;
    for i in 0..5 {
        let ts = rfc3339(common::hours_ago(1) + chrono::Duration::seconds(i));
        ddb.put_item()
            .table_name(w.table())
            .set_item(Some(common::indexed_event_item(
                "u1",
                &format!("e{i}"),
                "click",
                "new",
                &ts,
            )))
            .send()
            .await
            .unwrap();
    }
    let target = format!("{}-restored-c", w.table());
    w.run(&common::restore_latest(&target, &["--wait"]))
        .assert_code(0);
    let api = format!("{}-api", w.table());
    let consumer = format!("{}-consumer", w.table());
    let env = HashMap::from([
        ("EVENTS_TABLE_NAME".to_owned(), w.table()),
        ("SECRET_TOKEN".to_owned(), SECRET.to_owned()),
    ]);
    create_function(
        w,
        &api,
        "def handler(event, context):\n    return {}\n",
        env,
    )
    .await;
    create_function(
        w,
        &consumer,
        "import json\ndef handler(event, context):\n    print(json.dumps(event))\n    return {}\n",
        HashMap::new(),
    )
    .await;
    let old = w
        .lambda()
        .await
        .create_event_source_mapping()
        .event_source_arn(stream_arn(w, &w.table()).await)
        .function_name(&consumer)
        .starting_position(EventSourcePosition::Latest)
        .batch_size(10)
        .send()
        .await
        .expect("CreateEventSourceMapping");
    Setup {
        target,
        api,
        consumer,
        old_mapping: old.uuid.unwrap(),
    }
}

pub async fn env_of(w: &World, function: &str) -> HashMap<String, String> {
    w.lambda()
        .await
        .get_function_configuration()
        .function_name(function)
        .send()
        .await
        .unwrap()
        .environment
        .and_then(|e| e.variables)
        .unwrap_or_default()
}

pub async fn mapping_state(w: &World, uuid: &str) -> String {
    w.lambda()
        .await
        .get_event_source_mapping()
        .uuid(uuid)
        .send()
        .await
        .unwrap()
        .state
        .unwrap_or_default()
}

fn record_path(w: &World, s: &Setup) -> std::path::PathBuf {
    w.state_dir()
        .join(format!("cutover-{}-to-{}.json", w.table(), s.target))
}

fn steps(data: &Value, list: &str) -> Vec<(String, String)> {
    data["record"][list]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["kind"].as_str().unwrap().to_owned(),
                s["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn cutover_moves_the_variable_and_the_mappings_proves_the_canary_and_rollback_undoes_it() {
    let w = World::new("dr-cutover");
    let s = setup(&w).await;

    // The plan changes nothing.
    let plan = w.run(&[
        "-o",
        "json",
        "dr",
        "cutover",
        "--to",
        &s.target,
        "--dry-run",
    ]);
    plan.assert_code(0);
    let d = &plan.json()["data"];
    assert_eq!(d["dry_run"], true);
    assert_eq!(
        steps(d, "steps"),
        [
            ("copy_policy", "pending"),
            ("create_mapping", "pending"),
            ("set_variable", "pending"),
            ("disable_mapping", "pending"),
            ("apply_alarms", "pending"),
            ("apply_dashboard", "pending"),
            ("tag_target", "pending"),
            ("canary", "pending"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(env_of(&w, &s.api).await["EVENTS_TABLE_NAME"], w.table());
    assert!(!record_path(&w, &s).exists(), "a dry run writes no record");

    let run = w.run(&[
        "-o",
        "json",
        "dr",
        "cutover",
        "--to",
        &s.target,
        "--canary-timeout",
        "60s",
    ]);
    run.assert_code(0);
    let d = &run.json()["data"];
    assert_eq!(d["record"]["stage"], "verified", "{d}");
    // Every step done; the source has no resource-based policy: none to copy.
    assert!(
        steps(d, "steps")
            .iter()
            .all(|(k, st)| st == "done" || (k == "copy_policy" && st == "already_done")),
        "{d}"
    );
    // The one variable changed, every other one kept.
    let env = env_of(&w, &s.api).await;
    assert_eq!(env["EVENTS_TABLE_NAME"], s.target);
    assert_eq!(env["SECRET_TOKEN"], SECRET);
    // The old mapping disabled, not deleted; the new one on the target's stream from
    // TRIM_HORIZON.
    assert_eq!(mapping_state(&w, &s.old_mapping).await, "Disabled");
    let new_uuid = d["record"]["new_mappings"][0]["uuid"]
        .as_str()
        .unwrap()
        .to_owned();
    let new = w
        .lambda()
        .await
        .get_event_source_mapping()
        .uuid(&new_uuid)
        .send()
        .await
        .unwrap();
    assert_eq!(
        new.event_source_arn.as_deref(),
        Some(stream_arn(&w, &s.target).await.as_str())
    );
    assert_eq!(
        new.starting_position,
        Some(EventSourcePosition::TrimHorizon)
    );
    assert_eq!(new.state.as_deref(), Some("Enabled"));
    // The canary proven by content: the consumer's log names its event id.
    let canary = &d["record"]["canary"];
    assert_eq!(canary["read_back"], true);
    assert_eq!(canary["delivered"][0]["function"], s.consumer.as_str());
    assert_eq!(canary["delivered"][0]["evidence"], "log", "{canary}");
    assert_eq!(run.finding("dr.canary")["status"], "ok");
    // The record: 0600, never the secret, the previous value kept.
    let path = record_path(&w, &s);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains(SECRET));
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let record: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(record["functions"][0]["before"], w.table().as_str());
    assert!(record["traffic_moved_at"].is_string());

    // A re-run with the record does nothing twice.
    let again = w.run(&["-o", "json", "dr", "cutover", "--to", &s.target]);
    again.assert_code(0);
    assert_eq!(again.json()["data"]["record"]["stage"], "verified");

    // Rollback: exactly the previous values.
    let path_s = path.to_str().unwrap();
    let back = w.run(&[
        "-o",
        "json",
        "dr",
        "rollback",
        "--record",
        path_s,
        "--canary-timeout",
        "60s",
    ]);
    back.assert_code(0);
    let d = &back.json()["data"];
    assert_eq!(d["record"]["stage"], "rolled_back", "{d}");
    let env = env_of(&w, &s.api).await;
    assert_eq!(env["EVENTS_TABLE_NAME"], w.table());
    assert_eq!(env["SECRET_TOKEN"], SECRET);
    assert_eq!(mapping_state(&w, &s.old_mapping).await, "Enabled");
    assert_eq!(mapping_state(&w, &new_uuid).await, "Disabled");
    let rb = steps(d, "rollback");
    assert_eq!(
        rb.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        [
            "restore_dashboard",
            "restore_alarms",
            "enable_mapping",
            "restore_variable",
            "disable_new_mapping",
            "canary"
        ]
    );
    assert!(rb.iter().all(|(_, st)| st == "done"), "{rb:?}");
}

/// Review of issue 23, item 3: the rollback's canary is not proven by a re-enabled mapping's
/// stale `OK`. The consumer processed a batch on the source before the cutover (its mapping says
/// `OK ...`), then stops working (fails every batch, logs no record) before the rollback: its
/// mapping's `OK` from before is no proof of the canary, so the canary step fails (the old code
/// took that `OK` as the proof, and said done).
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn rollback_canary_is_not_proven_by_a_mappings_ok_from_before_the_cutover() {
    let w = World::new("dr-stale-ok");
    let s = setup(&w).await;
    // A batch through the old mapping before the cutover: its LastProcessingResult says OK.
    let ddb = w.dynamodb().await;
    ddb.put_item()
        .table_name(w.table())
        .set_item(Some(common::indexed_event_item(
            "u2",
            "e-before",
            "click",
            "new",
            &rfc3339(chrono::Utc::now()),
        )))
        .send()
        .await
        .unwrap();
    let lam = w.lambda().await;
    let last = |lam: aws_sdk_lambda::Client, uuid: String| async move {
        lam.get_event_source_mapping()
            .uuid(uuid)
            .send()
            .await
            .unwrap()
            .last_processing_result
            .unwrap_or_default()
    };
    let mut ok = String::new();
    for _ in 0..60 {
        ok = last(lam.clone(), s.old_mapping.clone()).await;
        if ok.starts_with("OK") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    assert!(
        ok.starts_with("OK"),
        "the old mapping processed a batch: {ok}"
    );
    let run = w.run(&[
        "-o",
        "json",
        "dr",
        "cutover",
        "--to",
        &s.target,
        "--canary-timeout",
        "60s",
    ]);
    run.assert_code(0);
    // The consumer breaks: every batch fails, and it logs no record.
    {
        use std::io::Write;
        let mut zip = common::zip_one(
            "h.py",
            "def handler(event, context):\n    raise RuntimeError('down')\n",
        );
        zip.flush().unwrap();
        lam.update_function_code()
            .function_name(&s.consumer)
            .zip_file(aws_smithy_types::Blob::new(zip.into_inner()))
            .send()
            .await
            .expect("UpdateFunctionCode");
    }
    let path = record_path(&w, &s);
    let back = w.run(&[
        "-o",
        "json",
        "dr",
        "rollback",
        "--record",
        path.to_str().unwrap(),
        "--canary-timeout",
        "10s",
    ]);
    let d = &back.json()["data"];
    let rb = steps(d, "rollback");
    let canary = rb
        .iter()
        .find(|(k, _)| k == "canary")
        .expect("a canary step");
    assert_eq!(canary.1, "failed", "{d}");
    let step = d["record"]["rollback"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "canary")
        .unwrap();
    assert!(
        step["detail"]
            .as_str()
            .unwrap()
            .contains(&format!("NOT seen by {}", s.consumer)),
        "{step}"
    );
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn a_cutover_killed_between_two_steps_is_finished_by_a_rerun_without_doing_a_step_twice() {
    let w = World::new("dr-kill");
    let s = setup(&w).await;
    let path = record_path(&w, &s);
    let proxy = common::Proxy::start("slow-lambda-update.yaml");
    let mut child = w
        .command()
        .args(["--endpoint-url", proxy.endpoint.as_str()])
        .args([
            "-o",
            "json",
            "dr",
            "cutover",
            "--to",
            &s.target,
            "--canary-timeout",
            "60s",
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the record says the variable step has started (the update is held 30 s).
    let status_of = |kind: &str| -> Option<String> {
        let r: Value = serde_json::from_str(&std::fs::read_to_string(&path).ok()?).ok()?;
        r["steps"]
            .as_array()?
            .iter()
            .find(|s| s["kind"] == kind)
            .and_then(|s| s["status"].as_str().map(str::to_owned))
    };
    common::wait_for(
        std::time::Duration::from_secs(25),
        "the variable step started",
        || (status_of("set_variable").as_deref() == Some("started")).then_some(()),
    );
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    // Killed inside the window: the update was held by the proxy, not landed.
    assert_eq!(env_of(&w, &s.api).await["EVENTS_TABLE_NAME"], w.table());
    drop(proxy);
    assert_eq!(status_of("create_mapping").as_deref(), Some("done"));
    assert_eq!(status_of("disable_mapping").as_deref(), Some("pending"));

    // The re-run with the record finishes the job.
    let run = w.run(&[
        "-o",
        "json",
        "dr",
        "cutover",
        "--to",
        &s.target,
        "--canary-timeout",
        "60s",
    ]);
    run.assert_code(0);
    let d = &run.json()["data"];
    assert_eq!(d["record"]["stage"], "verified", "{d}");
    assert_eq!(env_of(&w, &s.api).await["EVENTS_TABLE_NAME"], s.target);
    assert_eq!(mapping_state(&w, &s.old_mapping).await, "Disabled");
    // The consumer has one mapping on the target's stream, not two.
    let on_target = w
        .lambda()
        .await
        .list_event_source_mappings()
        .event_source_arn(stream_arn(&w, &s.target).await)
        .send()
        .await
        .unwrap()
        .event_source_mappings
        .unwrap_or_default();
    assert_eq!(on_target.len(), 1, "{on_target:?}");
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn cutover_refuses_what_is_missing_before_changing_anything() {
    let w = World::new("dr-refuse");
    let s = setup(&w).await;
    let refused = |args: &[&str], expect: &str| {
        let mut all = vec!["dr", "cutover", "--to"];
        all.extend_from_slice(args);
        let r = w.run(&all);
        r.assert_code(1);
        assert!(r.stderr.contains(expect), "{expect}: {}", r.stderr);
        assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
    };
    refused(
        &[&s.target, "--function", "no-such-fn"],
        "function no-such-fn does not exist in us-east-1",
    );
    refused(
        &[
            &s.target,
            "--function",
            "arn:aws:lambda:eu-west-1:000000000000:function:api",
        ],
        "is in eu-west-1, not us-east-1",
    );
    refused(
        &["no-such-table"],
        "the target table no-such-table does not exist",
    );
    // A target without a stream (a table created to the spec, then its stream turned off).
    let ddb = w.dynamodb().await;
    ddb.update_table()
        .table_name(&s.target)
        .stream_specification(
            aws_sdk_dynamodb::types::StreamSpecification::builder()
                .stream_enabled(false)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    refused(&[&s.target], "has no stream");
    // An unverified target: an empty table with everything a restore re-applies.
    let empty = format!("{}-restored-empty", w.table());
    w.run(&["--table", &empty, "table", "create"])
        .assert_code(0);
    refused(&[&empty], "does not verify against");
    // Nothing changed.
    assert_eq!(env_of(&w, &s.api).await["EVENTS_TABLE_NAME"], w.table());
    assert_eq!(mapping_state(&w, &s.old_mapping).await, "Enabled");
    assert!(!record_path(&w, &s).exists());
}

/// A verified cutover of the world's table to its restored copy: the record's path.
async fn cut_over(w: &World, s: &Setup) -> std::path::PathBuf {
    w.run(&[
        "dr",
        "cutover",
        "--to",
        &s.target,
        "--canary-timeout",
        "60s",
    ])
    .assert_code(0);
    record_path(w, s)
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn retire_backs_up_then_deletes_and_says_the_backup_to_keep() {
    let w = World::new("dr-retire");
    let s = setup(&w).await;
    let ddb = w.dynamodb().await;
    // Refused before any cutover: no record shows traffic moved.
    let r = w.run(&["dr", "retire", "--yes"]);
    r.assert_code(1);
    assert!(r.stderr.contains("no cutover record of"), "{}", r.stderr);
    let path = cut_over(&w, &s).await;
    ddb.update_table()
        .table_name(w.table())
        .deletion_protection_enabled(true)
        .send()
        .await
        .unwrap();
    // Without --yes: refused, nothing done.
    let r = w.run(&["dr", "retire"]);
    r.assert_code(1);
    assert!(r.stderr.contains("add --yes"), "{}", r.stderr);
    let plan = w.run(&["-o", "json", "dr", "retire", "--dry-run"]);
    plan.assert_code(0);
    assert_eq!(
        steps(&plan.json()["data"], "retire"),
        [
            ("backup", "pending"),
            ("unprotect", "pending"),
            ("delete_table", "pending")
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    let run = w.run(&["-o", "json", "dr", "retire", "--yes"]);
    run.assert_code(0);
    let d = &run.json()["data"];
    let backup = d["record"]["backup_arn"].as_str().unwrap().to_owned();
    assert!(steps(d, "retire").iter().all(|(_, st)| st == "done"), "{d}");
    assert!(
        run.finding("dr.retire")["summary"]
            .as_str()
            .unwrap()
            .contains(&backup)
    );
    // The backup is AVAILABLE and the table gone.
    let b = ddb
        .describe_backup()
        .backup_arn(&backup)
        .send()
        .await
        .unwrap();
    let details = b.backup_description.unwrap().backup_details.unwrap();
    assert_eq!(details.backup_status.as_str(), "AVAILABLE");
    assert!(
        ddb.describe_table()
            .table_name(w.table())
            .send()
            .await
            .is_err()
    );
    // The record says so: the cutover can no longer be rolled back to it.
    let record: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(record["stage"], "retired");
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn retire_refuses_a_source_that_took_writes_since_the_cutover_or_was_rolled_back() {
    let w = World::new("dr-retire-no");
    let s = setup(&w).await;
    let path = cut_over(&w, &s).await;
    // Writes reached the source after traffic moved (published as the tests do: real
    // CloudWatch refuses PutMetricData into AWS/ namespaces).
    common::seed_metric(
        &w.cloudwatch().await,
        "ConsumedWriteCapacityUnits",
        &[("TableName", &w.table())],
        &[(-1, 3.0, 3.0)],
    )
    .await;
    let r = w.run(&["dr", "retire", "--yes"]);
    r.assert_code(1);
    assert!(
        r.stderr.contains("took writes since traffic moved"),
        "{}",
        r.stderr
    );
    // Rolled back: not a verified cutover any more.
    w.run(&[
        "dr",
        "rollback",
        "--record",
        path.to_str().unwrap(),
        "--no-canary",
    ])
    .assert_code(0);
    let r = w.run(&["dr", "retire", "--yes"]);
    r.assert_code(1);
    assert!(
        r.stderr.contains("rolled_back, not verified"),
        "{}",
        r.stderr
    );
    // Nothing was deleted.
    let ddb = w.dynamodb().await;
    assert!(
        ddb.describe_table()
            .table_name(w.table())
            .send()
            .await
            .is_ok()
    );
    let backups = ddb
        .list_backups()
        .table_name(w.table())
        .send()
        .await
        .unwrap();
    assert!(backups.backup_summaries.unwrap_or_default().is_empty());
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn a_role_that_may_not_act_on_the_target_is_refused_with_the_statement_or_granted_and_revoked()
 {
    let w = World::new("dr-iam");
    // The role names only the source table (and its indexes and stream), as policies written
    // before the incident do.
    let source_arn = format!(
        "arn:aws:dynamodb:us-east-1:000000000000:table/{}",
        w.table()
    );
    let s = setup_with_role(&w, &source_arn).await;
    let r = w.run(&["dr", "cutover", "--to", &s.target]);
    r.assert_code(1);
    assert!(r.stderr.contains("may not do on"), "{}", r.stderr);
    assert!(r.stderr.contains("dynamodb:PutItem"), "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("table/{}", s.target)),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--grant"), "{}", r.stderr);
    assert_eq!(env_of(&w, &s.api).await["EVENTS_TABLE_NAME"], w.table());

    let run = w.run(&[
        "-o",
        "json",
        "dr",
        "cutover",
        "--to",
        &s.target,
        "--grant",
        "--canary-timeout",
        "60s",
    ]);
    run.assert_code(0);
    let d = &run.json()["data"];
    assert_eq!(
        steps(d, "steps")[1],
        ("grant_policy".to_owned(), "done".to_owned()),
        "after the policy copy (none to copy here)"
    );
    let name = d["record"]["grants"][0]["policy_name"]
        .as_str()
        .unwrap()
        .to_owned();
    let iam = iam(&w).await;
    let role = role_of(&w);
    let got = iam
        .get_role_policy()
        .role_name(&role)
        .policy_name(&name)
        .send()
        .await
        .unwrap();
    let doc = urlencoding_decode(got.policy_document());
    assert!(
        doc.contains(&s.target) && doc.contains("dynamodb:PutItem"),
        "{doc}"
    );
    // The role may now act on the target.
    let sim = iam
        .simulate_principal_policy()
        .policy_source_arn(format!("arn:aws:iam::000000000000:role/{role}"))
        .action_names("dynamodb:PutItem")
        .resource_arns(format!(
            "arn:aws:dynamodb:us-east-1:000000000000:table/{}",
            s.target
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(
        sim.evaluation_results()[0].eval_decision().as_str(),
        "allowed"
    );

    let path = record_path(&w, &s);
    w.run(&[
        "dr",
        "rollback",
        "--record",
        path.to_str().unwrap(),
        "--no-canary",
    ])
    .assert_code(0);
    assert!(
        iam.get_role_policy()
            .role_name(&role)
            .policy_name(&name)
            .send()
            .await
            .is_err()
    );
    // The role's own policy stays.
    assert!(
        iam.get_role_policy()
            .role_name(&role)
            .policy_name("events")
            .send()
            .await
            .is_ok()
    );
}

/// Policy documents come URL-encoded (as on AWS; the Rust SDK does not decode them).
fn urlencoding_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = (bytes[i] == b'%' && i + 2 < bytes.len())
            .then(|| u8::from_str_radix(&s[i + 1..i + 3], 16).ok())
            .flatten();
        if let Some(v) = hex {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn a_canary_the_consumer_never_sees_rolls_the_cutover_back() {
    let w = World::new("dr-canary");
    let s = setup(&w).await;
    // The consumer now fails every batch: it never logs the canary and its mapping reports
    // FAILED, so the canary is not seen.
    w.lambda()
        .await
        .update_function_code()
        .function_name(&s.consumer)
        .zip_file(aws_smithy_types::Blob::new(
            common::zip_one(
                "h.py",
                "def handler(event, context):\n    raise RuntimeError('down')\n",
            )
            .into_inner(),
        ))
        .send()
        .await
        .unwrap();
    let run = w.run(&[
        "-o",
        "json",
        "dr",
        "cutover",
        "--to",
        &s.target,
        "--canary-timeout",
        "8s",
    ]);
    run.assert_code(1);
    let d = &run.json()["data"];
    assert_eq!(d["record"]["stage"], "rolled_back", "{d}");
    assert_eq!(d["record"]["canary"]["not_seen"][0], s.consumer.as_str());
    assert_eq!(run.finding("dr.cutover")["status"], "crit");
    // Everything set back.
    assert_eq!(env_of(&w, &s.api).await["EVENTS_TABLE_NAME"], w.table());
    assert_eq!(mapping_state(&w, &s.old_mapping).await, "Enabled");
    let new_uuid = d["record"]["new_mappings"][0]["uuid"].as_str().unwrap();
    assert_eq!(mapping_state(&w, new_uuid).await, "Disabled");
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn rollback_shows_a_function_edited_since_the_cutover_as_a_conflict_until_forced() {
    let w = World::new("dr-conflict");
    let s = setup(&w).await;
    let path = cut_over(&w, &s).await;
    let path = path.to_str().unwrap();
    // Someone edits the function after the cutover (another variable: a new RevisionId).
    let mut env = env_of(&w, &s.api).await;
    env.insert("FEATURE_FLAG".into(), "on".into());
    w.lambda()
        .await
        .update_function_configuration()
        .function_name(&s.api)
        .environment(Environment::builder().set_variables(Some(env)).build())
        .send()
        .await
        .unwrap();
    // The update settles (LastUpdateStatus Successful) about half a second later.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let back = w.run(&[
        "-o",
        "json",
        "dr",
        "rollback",
        "--record",
        path,
        "--no-canary",
    ]);
    back.assert_code(1);
    let d = &back.json()["data"];
    assert_eq!(d["record"]["stage"], "rollback_incomplete", "{d}");
    let rb = steps(d, "rollback");
    assert!(
        rb.contains(&("restore_variable".to_owned(), "conflict".to_owned())),
        "{rb:?}"
    );
    let summary = back.finding("dr.rollback")["summary"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(summary.contains("changed since the cutover"), "{summary}");
    assert!(summary.contains(&format!("--force {}", s.api)), "{summary}");
    // Left alone: still the target, the edit kept; the undo stopped there, so the new mapping
    // still delivers what the function writes to the target.
    let env = env_of(&w, &s.api).await;
    assert_eq!(env["EVENTS_TABLE_NAME"], s.target);
    let new_uuid = d["record"]["new_mappings"][0]["uuid"].as_str().unwrap();
    assert_eq!(mapping_state(&w, new_uuid).await, "Enabled");
    // Forced: set back, every other variable (the edit too) kept.
    let forced = w.run(&[
        "-o",
        "json",
        "dr",
        "rollback",
        "--record",
        path,
        "--no-canary",
        "--force",
        &s.api,
    ]);
    forced.assert_code(0);
    assert_eq!(forced.json()["data"]["record"]["stage"], "rolled_back");
    let env = env_of(&w, &s.api).await;
    assert_eq!(env["EVENTS_TABLE_NAME"], w.table());
    assert_eq!(env["FEATURE_FLAG"], "on");
    assert_eq!(env["SECRET_TOKEN"], SECRET);
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn cutover_first_gives_the_target_the_sources_deletion_protection_and_table_class() {
    let w = World::new("dr-reapply");
    let s = setup(&w).await;
    // The source has what a restore drops (set after the restore here: the restore copied
    // neither, as AWS's does not).
    let ddb = w.dynamodb().await;
    ddb.update_table()
        .table_name(w.table())
        .deletion_protection_enabled(true)
        .send()
        .await
        .unwrap();
    ddb.update_table()
        .table_name(w.table())
        .table_class(aws_sdk_dynamodb::types::TableClass::StandardInfrequentAccess)
        .send()
        .await
        .unwrap();
    let plan = w.run(&[
        "-o",
        "json",
        "dr",
        "cutover",
        "--to",
        &s.target,
        "--dry-run",
    ]);
    plan.assert_code(0);
    let first = &plan.json()["data"]["record"]["steps"][0];
    assert_eq!(first["kind"], "reapply");
    let change = first["change"].as_str().unwrap();
    assert!(change.contains("deletion protection: off → on"), "{change}");
    assert!(
        change.contains("table class: STANDARD → STANDARD_INFREQUENT_ACCESS"),
        "{change}"
    );
    w.run(&[
        "dr",
        "cutover",
        "--to",
        &s.target,
        "--canary-timeout",
        "60s",
    ])
    .assert_code(0);
    let t = ddb
        .describe_table()
        .table_name(&s.target)
        .send()
        .await
        .unwrap()
        .table
        .unwrap();
    assert_eq!(t.deletion_protection_enabled, Some(true));
    assert_eq!(
        t.table_class_summary.and_then(|c| c.table_class),
        Some(aws_sdk_dynamodb::types::TableClass::StandardInfrequentAccess)
    );
    // The tables go with the World: protection off again.
    for table in [w.table(), s.target.clone()] {
        ddb.update_table()
            .table_name(table)
            .deletion_protection_enabled(false)
            .send()
            .await
            .unwrap();
    }
}

/// The environment's alarms, each as what PutMetricAlarm was given (state and times left out).
async fn alarm_definitions(w: &World) -> std::collections::BTreeMap<String, String> {
    w.cloudwatch()
        .await
        .describe_alarms()
        .alarm_name_prefix(format!("{}-{}-", common::PREFIX, w.env))
        .send()
        .await
        .unwrap()
        .metric_alarms
        .unwrap_or_default()
        .into_iter()
        .map(|a| {
            let def = format!(
                "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
                a.alarm_description,
                a.actions_enabled,
                a.alarm_actions,
                a.ok_actions,
                a.insufficient_data_actions,
                a.namespace,
                a.metric_name,
                a.dimensions,
                a.statistic,
                a.extended_statistic,
                a.period,
                a.evaluation_periods,
                a.datapoints_to_alarm,
                a.threshold,
                a.comparison_operator,
                a.metrics,
            );
            (a.alarm_name.unwrap_or_default(), def)
        })
        .collect()
}

async fn dashboard_body(w: &World) -> Option<String> {
    w.cloudwatch()
        .await
        .get_dashboard()
        .dashboard_name(format!("{}-{}-dashboard", common::PREFIX, w.env))
        .send()
        .await
        .ok()
        .and_then(|d| d.dashboard_body)
}

/// Every string in a JSON text.
fn strings_of(text: &str) -> Vec<String> {
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            Value::Object(m) => m.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::from_str(text).unwrap(), &mut out);
    out
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn cutover_moves_the_alarms_and_dashboard_to_the_target_and_rollback_puts_them_back_exactly()
{
    let w = World::new("dr-alarms");
    let s = setup(&w).await;
    let topic = "arn:aws:sns:us-east-1:000000000000:oncall";
    // The runbook's alarms and the dashboard watch the source; the recommended ones do not
    // exist yet.
    w.run(&["alarms", "apply", "--sns-topic", topic])
        .assert_code(0);
    w.run(&["dashboard", "apply"]).assert_code(0);
    let alarms_before = alarm_definitions(&w).await;
    let body_before = dashboard_body(&w).await.expect("the dashboard");
    assert!(!alarms_before.is_empty());

    // The plan lists them, and changes nothing.
    let plan = w.run(&[
        "-o",
        "json",
        "dr",
        "cutover",
        "--to",
        &s.target,
        "--dry-run",
    ]);
    plan.assert_code(0);
    let m = &plan.json()["data"]["record"]["monitoring"];
    let action_of = |name: &str| -> String {
        m["alarms"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == name)
            .map(|a| a["action"].as_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    for name in alarms_before.keys() {
        assert_eq!(action_of(name), "update", "{name}: {m}");
    }
    let recommended = format!("{}-{}-events-table-system-errors", common::PREFIX, w.env);
    assert_eq!(action_of(&recommended), "create", "{m}");
    assert_eq!(
        action_of(&format!(
            "{}-{}-consumer-iterator-age",
            common::PREFIX,
            w.env
        )),
        "create",
        "the consumer's alarms too: {m}"
    );
    assert_eq!(m["dashboard"]["before"], body_before.as_str());
    assert_eq!(alarm_definitions(&w).await, alarms_before);

    // The cutover: every alarm on a table watches the target, keeping its topic.
    w.run(&[
        "dr",
        "cutover",
        "--to",
        &s.target,
        "--canary-timeout",
        "60s",
    ])
    .assert_code(0);
    let during = alarm_definitions(&w).await;
    assert!(during.contains_key(&recommended), "{during:?}");
    // The emulator returns no `Metrics` of a metric-math alarm (AWS does): its table is seen in
    // its description here, and the queries' round trip is the unit test
    // `aws::alarm_definition::tests::a_math_alarm_keeps_every_query_and_its_actions`.
    for (name, def) in &during {
        let d = def
            .replace(&s.consumer, "CONSUMER")
            .replace(&s.target, "TARGET");
        assert!(
            !d.contains(&w.table()),
            "{name} still watches the source: {def}"
        );
        if let Some(before) = alarms_before.get(name) {
            if before.replace(&s.consumer, "CONSUMER").contains(&w.table()) {
                assert!(
                    d.contains("TARGET"),
                    "{name} does not watch the target: {def}"
                );
            }
            assert!(def.contains(topic), "{name} lost its topic: {def}");
        }
    }
    let body = dashboard_body(&w).await.unwrap();
    let names = strings_of(&body);
    assert!(names.contains(&s.target), "{body}");
    assert!(!names.contains(&w.table()), "{body}");

    // Someone edits the dashboard after the cutover: the rollback leaves it alone (a conflict,
    // exit 1) until forced.
    let dashboard = format!("{}-{}-dashboard", common::PREFIX, w.env);
    let edited = r#"{"widgets":[]}"#;
    w.cloudwatch()
        .await
        .put_dashboard()
        .dashboard_name(&dashboard)
        .dashboard_body(edited)
        .send()
        .await
        .unwrap();
    let path = record_path(&w, &s);
    let path_s = path.to_str().unwrap();
    let back = w.run(&[
        "-o",
        "json",
        "dr",
        "rollback",
        "--record",
        path_s,
        "--no-canary",
    ]);
    back.assert_code(1);
    let f = back.finding("dr.rollback");
    assert_eq!(
        f["evidence"]["problems"][0]["kind"], "restore_dashboard",
        "{f}"
    );
    assert_eq!(dashboard_body(&w).await.as_deref(), Some(edited));
    // The rollback: exactly what there was before.
    w.run(&[
        "dr",
        "rollback",
        "--record",
        path_s,
        "--no-canary",
        "--force",
        &dashboard,
    ])
    .assert_code(0);
    assert_eq!(alarm_definitions(&w).await, alarms_before);
    assert_eq!(
        dashboard_body(&w).await.as_deref(),
        Some(body_before.as_str())
    );
}

async fn policy_of(w: &World, arn: &str) -> Option<String> {
    w.dynamodb()
        .await
        .get_resource_policy()
        .resource_arn(arn)
        .send()
        .await
        .ok()
        .and_then(|p| p.policy)
}

async fn table_arn(w: &World, table: &str) -> String {
    w.dynamodb()
        .await
        .describe_table()
        .table_name(table)
        .send()
        .await
        .unwrap()
        .table
        .unwrap()
        .table_arn
        .unwrap()
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn cutover_copies_the_sources_resource_policies_with_the_targets_arns_and_rollback_removes_them()
 {
    let w = World::new("dr-policy");
    let s = setup(&w).await;
    let ddb = w.dynamodb().await;
    let (src, tgt) = (
        table_arn(&w, &w.table()).await,
        table_arn(&w, &s.target).await,
    );
    let (src_stream, tgt_stream) = (
        stream_arn(&w, &w.table()).await,
        stream_arn(&w, &s.target).await,
    );
    assert_eq!(policy_of(&w, &tgt).await, None, "a restore leaves none");
    let reader = "arn:aws:iam::000000000000:role/reporting";
    let table_policy = serde_json::json!({"Version": "2012-10-17", "Statement": [{
        "Sid": "Reporting", "Effect": "Allow", "Principal": {"AWS": reader},
        "Action": ["dynamodb:GetItem", "dynamodb:Query"],
        "Resource": [src.clone(), format!("{src}/index/*")]
    }]});
    let stream_policy = serde_json::json!({"Version": "2012-10-17", "Statement": [{
        "Sid": "Replicator", "Effect": "Allow", "Principal": {"AWS": reader},
        "Action": ["dynamodb:GetRecords", "dynamodb:DescribeStream"],
        "Resource": src_stream.clone()
    }]});
    for (arn, p) in [(&src, &table_policy), (&src_stream, &stream_policy)] {
        ddb.put_resource_policy()
            .resource_arn(arn)
            .policy(p.to_string())
            .send()
            .await
            .expect("PutResourcePolicy");
    }

    let plan = w.run(&[
        "-o",
        "json",
        "dr",
        "cutover",
        "--to",
        &s.target,
        "--dry-run",
    ]);
    plan.assert_code(0);
    let step = &plan.json()["data"]["record"]["steps"][0];
    assert_eq!(step["kind"], "copy_policy");
    assert!(
        step["change"]
            .as_str()
            .unwrap()
            .contains("table policy: none → the source's"),
        "{step}"
    );
    assert_eq!(policy_of(&w, &tgt).await, None, "a dry run copies nothing");

    w.run(&[
        "dr",
        "cutover",
        "--to",
        &s.target,
        "--canary-timeout",
        "60s",
    ])
    .assert_code(0);
    let copied: Value = serde_json::from_str(&policy_of(&w, &tgt).await.expect("copied")).unwrap();
    let st = &copied["Statement"][0];
    assert_eq!(st["Principal"]["AWS"], reader);
    assert_eq!(st["Resource"][0], tgt.as_str());
    assert_eq!(st["Resource"][1], format!("{tgt}/index/*"));
    let on_stream: Value =
        serde_json::from_str(&policy_of(&w, &tgt_stream).await.expect("stream copied")).unwrap();
    assert_ne!(src_stream, tgt_stream);
    assert_eq!(on_stream["Statement"][0]["Resource"], tgt_stream.as_str());
    // The source keeps its own.
    assert_eq!(policy_of(&w, &src).await, Some(table_policy.to_string()));

    let path = record_path(&w, &s);
    let record: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(record["policies"].as_array().unwrap().len(), 2, "{record}");
    assert!(record["policies"][0]["target_before"].is_null());
    // Someone edits the target's copy after the cutover: the rollback leaves it alone (a
    // conflict, exit 1) until forced.
    let edited = table_policy.to_string().replace("Reporting", "Edited");
    let edited = edited.replace(&src, &tgt);
    ddb.put_resource_policy()
        .resource_arn(&tgt)
        .policy(&edited)
        .send()
        .await
        .unwrap();
    let path_s = path.to_str().unwrap();
    let back = w.run(&[
        "-o",
        "json",
        "dr",
        "rollback",
        "--record",
        path_s,
        "--no-canary",
    ]);
    back.assert_code(1);
    let f = back.finding("dr.rollback");
    assert!(
        f["summary"]
            .as_str()
            .unwrap()
            .contains("changed since the cutover"),
        "{f}"
    );
    assert_eq!(
        f["evidence"]["problems"][0]["kind"], "restore_policy",
        "{f}"
    );
    assert_eq!(policy_of(&w, &tgt).await, Some(edited));
    w.run(&[
        "dr",
        "rollback",
        "--record",
        path_s,
        "--no-canary",
        "--force",
        &tgt,
    ])
    .assert_code(0);
    assert_eq!(policy_of(&w, &tgt).await, None, "the copy deleted");
    assert_eq!(policy_of(&w, &tgt_stream).await, None);
    assert_eq!(policy_of(&w, &src).await, Some(table_policy.to_string()));
}
