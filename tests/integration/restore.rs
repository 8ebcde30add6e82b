//! `pitr-restore` and `dr-drill` against the emulator. Its restore copies current data whatever
//! time is asked (and reports Earliest = Latest = now), so these tests check the orchestration:
//! window validation, refusals, the flow with settings re-applied, drill cleanup by tag, resume.
//! Where AWS is stricter than the emulator (it refuses to enable TTL or a stream twice, refuses
//! `aws:` tags, has no backups right after ACTIVE), a microburst proxy answers as AWS does.

use crate::common::{self, Proxy, World, count_items};
use aws_sdk_dynamodb::types::AttributeValue;
use serde_json::json;

fn import_some(w: &World, n: usize) {
    let ts = chrono::Utc::now() - chrono::Duration::hours(1);
    let lines: Vec<String> = (0..n)
        .map(|i| serde_json::json!({"user_id": format!("r{}", i % 7), "event_type": "t", "timestamp": (ts + chrono::Duration::seconds(i as i64)).to_rfc3339()}).to_string())
        .collect();
    let f = common::ndjson(&lines);
    w.run(&["events", "import", f.path().to_str().unwrap()])
        .assert_code(0);
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn the_window_and_the_target_are_checked_before_any_write() {
    let w = World::new("restore-window");
    w.create_table();
    let before = w.run(&["pitr-restore", "--to", "2h ago", "--wait"]);
    before.assert_code(64);
    assert!(
        before.stderr.contains("outside the restorable window ["),
        "{}",
        before.stderr
    );
    assert_eq!(before.stderr.trim().lines().count(), 1);
    w.run(&["pitr-restore", "--to", "2999-01-01T00:00:00Z", "--wait"])
        .assert_code(64);
    w.run(&["pitr-restore", "--to", "not-a-time"])
        .assert_code(64);
    w.run(&["pitr-restore"]).assert_code(64);
    // A generated name AWS would refuse (273 characters) fails before --dry-run passes.
    let long = format!("{}{}", w.table(), "x".repeat(255 - w.table().len()));
    for args in [
        vec![
            "--table",
            long.as_str(),
            "pitr-restore",
            "--to",
            "latest",
            "--dry-run",
        ],
        vec!["--table", long.as_str(), "dr-drill", "--dry-run"],
    ] {
        let r = w.run(&args);
        r.assert_code(64);
        assert!(
            r.stderr.contains("not a DynamoDB table name"),
            "{}",
            r.stderr
        );
        assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
    }

    // An existing target is refused.
    let existing = World::new("restore-existing");
    existing.create_table();
    let r = w.run(&common::restore_latest(&existing.table(), &["--wait"]));
    r.assert_code(1);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);

    // Dry run: the plan, nothing created.
    let dry = w.run(&["-o", "json", "pitr-restore", "--to", "latest", "--dry-run"]);
    dry.assert_code(0);
    let target = dry.json()["data"]["target"].as_str().unwrap().to_owned();
    assert!(
        target.starts_with(&format!("{}-restored-", w.table())),
        "{target}"
    );
    let ddb = w.dynamodb().await;
    assert!(
        ddb.describe_table()
            .table_name(&target)
            .send()
            .await
            .is_err(),
        "dry run created nothing"
    );

    // PITR disabled: refused.
    common::pitr_off(&ddb, &w.table()).await;
    let off = w.run(&["pitr-restore", "--to", "latest", "--wait"]);
    off.assert_code(1);
    assert!(off.stderr.contains("not enabled"), "{}", off.stderr);
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn full_flow_restores_verifies_and_reapplies() {
    let w = World::new("restore-flow");
    w.create_table();
    import_some(&w, 120);
    let target = format!("{}-restored-test", w.table());
    let r = w.run(&common::restore_latest(&target, &["-o", "json", "--wait"]));
    r.assert_code(0);
    let v = r.json();
    assert_eq!(v["target"]["table"], target);
    let verification = &v["data"]["verification"];
    // Counts from DescribeTable (the emulator keeps ItemCount live; AWS refreshes it ~6 h).
    assert_eq!(verification["item_count"], 120);
    assert_eq!(verification["counts"]["method"], "estimate");
    assert_eq!(verification["sampled_keys"], 100);
    assert_eq!(verification["found_in_source"], 100);
    // The other direction: source events before the restore point, found in the restore.
    assert!(
        verification["source_sampled"].as_u64().unwrap() > 0,
        "{verification}"
    );
    assert_eq!(
        verification["found_in_target"],
        verification["source_sampled"]
    );
    assert_eq!(r.finding("restore.source_sample")["status"], "ok");
    // The source's only tag (managed-by) was written with the restore's own at start.
    assert_eq!(v["data"]["reapplied"]["tags"]["outcome"], "unchanged");
    for k in ["ttl", "stream", "pitr"] {
        assert_eq!(
            v["data"]["reapplied"][k]["outcome"], "applied",
            "{k}: {}",
            v["data"]["reapplied"]
        );
    }
    assert!(v["data"]["started_at"].is_string() && v["data"]["verified_at"].is_string());
    assert!(v["data"]["duration_s"].is_number() && v["data"]["verification_s"].is_number());
    // The restore's own tags name the source and the restore point.
    let tags = w
        .dynamodb()
        .await
        .list_tags_of_resource()
        .resource_arn(format!(
            "arn:aws:dynamodb:us-east-1:000000000000:table/{target}"
        ))
        .send()
        .await
        .unwrap();
    let tag = |k: &str| {
        tags.tags()
            .iter()
            .find(|t| t.key == k)
            .map(|t| t.value.clone())
    };
    assert_eq!(tag("eventsctl-restore-source"), Some(w.table()));
    assert!(tag("eventsctl-restore-time").is_some_and(|t| t.ends_with('Z')));
    // The restored table passes `table verify` as the source does.
    let verify = w.run(&["-o", "json", "--table", &target, "table", "verify"]);
    verify.assert_code(0);
    // The source is untouched.
    let ddb = w.dynamodb().await;
    assert_eq!(count_items(&ddb, &w.table()).await, 120);
    let human = w.run(&common::restore_latest(&format!("{target}-2"), &["--wait"]));
    human.assert_code(0);
    assert!(
        human.stdout.contains("Cutover checklist"),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains("EVENTS_TABLE_NAME"));
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn no_reapply_leaves_the_restore_bare() {
    let w = World::new("restore-bare");
    w.create_table();
    let target = format!("{}-restored-bare", w.table());
    w.run(&common::restore_latest(
        &target,
        &["--wait", "--no-reapply"],
    ))
    .assert_code(0);
    // What a restore drops: TTL and the stream are missing on the bare copy.
    let verify = w.run(&["-o", "json", "--table", &target, "table", "verify"]);
    verify.assert_code(2);
    assert_eq!(verify.finding("table.ttl")["status"], "crit");
    assert_eq!(verify.finding("table.stream")["status"], "crit");
    // --resume on the existing target verifies and re-applies.
    let resumed = w.run(&["-o", "json", "pitr-restore", "--resume", &target]);
    resumed.assert_code(0);
    assert_eq!(resumed.json()["data"]["resumed"], true);
    assert_eq!(resumed.json()["data"]["already_finished"], false);
    w.run(&["--table", &target, "table", "verify"])
        .assert_code(0);
    // Nothing to resume.
    w.run(&["pitr-restore", "--resume", &format!("{}-nope", w.table())])
        .assert_code(1);
    // Not waiting: started, and told how to resume.
    let later = w.run(&common::restore_latest(
        &format!("{target}-later"),
        &["--no-wait"],
    ));
    later.assert_code(0);
    assert!(later.stdout.contains("--resume"), "{}", later.stdout);
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn drill_measures_and_deletes_only_its_tagged_table() {
    let w = World::new("drill");
    w.create_table();
    import_some(&w, 30);
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("drill.md");
    let r = w.run(&[
        "-o",
        "json",
        "dr-drill",
        "--report",
        record.to_str().unwrap(),
    ]);
    r.assert_code(0);
    let v = r.json();
    let drill_table = v["data"]["drill_table"].as_str().unwrap().to_owned();
    assert!(drill_table.starts_with(&format!("{}-drill-", w.table())));
    assert!(v["data"]["rto_s"].is_number() && v["data"]["rpo_s"].is_number());
    assert_eq!(r.finding("drill.rto")["status"], "ok");
    assert!(v["data"]["verification_s"].is_number() && v["data"]["ready_at"].is_string());
    assert!(
        r.summary("drill.rto").contains("settings applied"),
        "{}",
        r.stdout
    );
    assert_eq!(r.finding("drill.rpo")["status"], "ok");
    assert_eq!(r.finding("drill.cleanup")["status"], "ok");
    assert_eq!(v["data"]["verification"]["item_count"], 30);
    let ddb = w.dynamodb().await;
    assert!(
        ddb.describe_table()
            .table_name(&drill_table)
            .send()
            .await
            .is_err(),
        "the drill table is gone"
    );
    let md = std::fs::read_to_string(&record).unwrap();
    assert!(md.contains("drill.rto") && md.contains("RTO"), "{md}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("drill.json")).unwrap())
            .unwrap();
    assert_eq!(json["command"], "dr-drill");
    common::assert_matches_schema(&json);

    // --keep keeps it; --delete then removes it, and only with --yes.
    let kept = w.run(&["-o", "json", "dr-drill", "--keep"]);
    kept.assert_code(0);
    let kept_table = kept.json()["data"]["drill_table"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        ddb.describe_table()
            .table_name(&kept_table)
            .send()
            .await
            .is_ok()
    );
    w.run(&["dr-drill", "--delete", &kept_table]).assert_code(0);
    assert!(
        ddb.describe_table()
            .table_name(&kept_table)
            .send()
            .await
            .is_ok(),
        "no --yes, no delete"
    );
    w.run(&["dr-drill", "--delete", &kept_table, "--yes"])
        .assert_code(0);
    assert!(
        ddb.describe_table()
            .table_name(&kept_table)
            .send()
            .await
            .is_err()
    );

    // An untagged table, even the source, is never deleted.
    let refused = w.run(&["dr-drill", "--delete", &w.table(), "--yes"]);
    refused.assert_code(1);
    assert!(refused.stderr.contains("not tagged"), "{}", refused.stderr);
    assert_eq!(count_items(&ddb, &w.table()).await, 30);
}

/// The table arn the emulator gives `name`.
fn arn(name: &str) -> String {
    format!("arn:aws:dynamodb:us-east-1:000000000000:table/{name}")
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn resume_acts_only_on_a_tagged_restore_of_this_source() {
    let w = World::new("resume-guard");
    w.create_table();
    let ddb = w.dynamodb().await;
    // The source, with PITR off: a resume of it must not turn it on.
    common::pitr_off(&ddb, &w.table()).await;
    let r = w.run(&["pitr-restore", "--resume", &w.table()]);
    r.assert_code(1);
    assert!(r.stderr.contains("it is the source"), "{}", r.stderr);
    let pitr = ddb
        .describe_continuous_backups()
        .table_name(w.table())
        .send()
        .await
        .unwrap();
    assert_eq!(
        pitr.continuous_backups_description()
            .and_then(|d| d.point_in_time_recovery_description())
            .and_then(|p| p.point_in_time_recovery_status())
            .map(|s| s.as_str()),
        Some("DISABLED"),
        "the source is untouched"
    );
    // An unrelated table (no stream, no TTL, no restore tag): refused, nothing changed.
    let other = World::new("resume-other");
    other.create_table();
    let t = other.table();
    common::keep_expired_items(&other).await; // TTL off
    let r = w.run(&["pitr-restore", "--resume", &t]);
    r.assert_code(1);
    assert!(
        r.stderr.contains("no eventsctl restore created it"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.trim().lines().count(), 1);
    let ttl = ddb
        .describe_time_to_live()
        .table_name(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(
        ttl.time_to_live_description()
            .and_then(|d| d.time_to_live_status())
            .map(|s| s.as_str()),
        Some("DISABLED"),
        "the unrelated table is untouched"
    );
    // A restore of another source is not this source's to resume.
    let restored = format!("{t}-restored-x");
    other
        .run(&common::restore_latest(&restored, &["--no-wait"]))
        .assert_code(0);
    let r = w.run(&["pitr-restore", "--resume", &restored]);
    r.assert_code(1);
    assert!(
        r.stderr.contains(&format!("a restore of {t}")),
        "{}",
        r.stderr
    );
}

/// AWS refuses to repeat settings: UpdateTimeToLive enabling TTL that is enabled and UpdateTable
/// enabling a stream that exists answer ValidationException, and TagResource refuses `aws:` keys.
/// The proxy answers every such write as AWS would; a resume of a finished restore must make
/// none of them and say it changed nothing.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TagResource.html
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn resume_of_a_finished_restore_changes_nothing_and_never_copies_aws_tags() {
    let w = World::new("resume-noop");
    w.create_table();
    import_some(&w, 20);
    let ddb = w.dynamodb().await;
    // A tag only AWS may write (CloudFormation's), which the emulator lets through.
    ddb.tag_resource()
        .resource_arn(arn(&w.table()))
        .tags(
            aws_sdk_dynamodb::types::Tag::builder()
                .key("aws:cloudformation:stack-name")
                .value("events")
                .build()
                .unwrap(),
        )
        .tags(
            aws_sdk_dynamodb::types::Tag::builder()
                .key("team")
                .value("triggers")
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    let proxy = Proxy::start("passthrough.yaml");
    proxy.add_rules(json!([{
        "service": "dynamodb", "operation": "TagResource",
        "body": "Tags[?starts_with(Key, 'aws:')]",
        "error": {"code": "ValidationException", "status": 400, "message": "injected: Tag keys starting with aws: are reserved"}
    }]));
    let target = format!("{}-restored-noop", w.table());
    let r = w.run_via(
        &proxy,
        &common::restore_latest(&target, &["-o", "json", "--wait"]),
    );
    r.assert_code(0);
    assert_eq!(r.finding("restore.reapply")["status"], "ok", "{}", r.stdout);
    assert!(
        proxy.fired().is_empty(),
        "no aws: tag was sent: {:?}",
        proxy.fired()
    );
    let tags = ddb
        .list_tags_of_resource()
        .resource_arn(arn(&target))
        .send()
        .await
        .unwrap();
    assert!(
        tags.tags().iter().any(|t| t.key == "team"),
        "{:?}",
        tags.tags()
    );
    assert!(
        !tags.tags().iter().any(|t| t.key.starts_with("aws:")),
        "{:?}",
        tags.tags()
    );

    // Now every settings write is refused as AWS refuses a repeat.
    let refuse = |op: &str, msg: &str| json!({"service": "dynamodb", "operation": op, "error": {"code": "ValidationException", "status": 400, "message": msg}});
    proxy.add_rules(json!([
        refuse(
            "UpdateTimeToLive",
            "injected: TimeToLive is already enabled"
        ),
        refuse(
            "UpdateTable",
            "injected: Table already has an enabled stream"
        ),
        refuse("UpdateContinuousBackups", "injected: repeat"),
        refuse("TagResource", "injected: repeat"),
    ]));
    let again = w.run_via(&proxy, &["-o", "json", "pitr-restore", "--resume", &target]);
    again.assert_code(0);
    let v = again.json();
    assert_eq!(v["data"]["already_finished"], true, "{}", again.stdout);
    for k in ["ttl", "stream", "pitr", "tags"] {
        assert_eq!(v["data"]["reapplied"][k]["outcome"], "unchanged", "{k}");
    }
    assert!(
        proxy.fired().is_empty(),
        "nothing was written: {:?}",
        proxy.fired()
    );
    assert!(
        v["notes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().contains("Nothing to resume")),
        "{}",
        again.stdout
    );
}

/// What a restore lost is found by looking source events dated before the restore point up in
/// the restored table. (The emulator's restore copies everything, so the loss is made by hand.)
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn source_events_missing_from_the_restore_are_crit() {
    let w = World::new("restore-lost");
    w.create_table();
    import_some(&w, 70);
    let target = format!("{}-restored-lost", w.table());
    w.run(&common::restore_latest(&target, &["--no-wait"]))
        .assert_code(0);
    // The newest event of one user never made it into the restore.
    let ddb = w.dynamodb().await;
    let newest = ddb
        .query()
        .table_name(&target)
        .key_condition_expression("user_id = :u")
        .expression_attribute_values(":u", AttributeValue::S("r0".into()))
        .scan_index_forward(false)
        .limit(1)
        .send()
        .await
        .unwrap();
    let item = &newest.items()[0];
    let mut key = std::collections::HashMap::new();
    for k in ["user_id", "timestamp#event_id"] {
        key.insert(k.to_owned(), item[k].clone());
    }
    ddb.delete_item()
        .table_name(&target)
        .set_key(Some(key))
        .send()
        .await
        .unwrap();
    let r = w.run(&["-o", "json", "pitr-restore", "--resume", &target]);
    r.assert_code(1);
    let f = r.finding("restore.source_sample");
    assert_eq!(f["status"], "crit", "{f}");
    let sk = item["timestamp#event_id"].as_s().unwrap();
    assert!(
        f["evidence"]["lost_examples"][0]
            .as_str()
            .unwrap()
            .contains(sk.as_str()),
        "{f}"
    );
}

/// A restore never scans the source by default (a Scan of a production table is billed per
/// item read and takes hours): the proxy refuses any Scan of the source; only --exact-count,
/// which says so, meets it.
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn a_restore_never_scans_the_source_unless_an_exact_count_is_asked_for() {
    let w = World::new("restore-noscan");
    w.create_table();
    import_some(&w, 40);
    let proxy = Proxy::start("passthrough.yaml");
    proxy.add_rules(json!([{
        "service": "dynamodb", "operation": "Scan",
        "body": format!("TableName == '{}'", w.table()),
        "error": {"code": "AccessDeniedException", "status": 400, "message": "injected: the source table was scanned"}
    }]));
    let target = format!("{}-restored-a", w.table());
    let r = w.run_via(
        &proxy,
        &common::restore_latest(&target, &["-o", "json", "--wait"]),
    );
    r.assert_code(0);
    assert!(
        proxy.fired().is_empty(),
        "the source was not scanned: {:?}",
        proxy.fired()
    );
    assert_eq!(r.finding("restore.sample")["status"], "ok");
    assert_eq!(r.finding("restore.source_sample")["status"], "ok");
    assert!(r.summary("restore.item_count").contains("approximate"));
    // The rule does catch a scan of the source: --exact-count makes one.
    let exact = w.run_via(
        &proxy,
        &common::restore_latest(
            &format!("{target}-exact"),
            &["-o", "json", "--wait", "--exact-count"],
        ),
    );
    assert!(
        proxy.fired().keys().any(|k| k.contains("AccessDenied")),
        "{:?}",
        proxy.fired()
    );
    assert_eq!(exact.finding("restore.verify")["status"], "unknown");
    // Without the rule, the exact count is exact.
    let plain = w.run(&common::restore_latest(
        &format!("{target}-exact2"),
        &["-o", "json", "--wait", "--exact-count"],
    ));
    plain.assert_code(0);
    assert_eq!(
        plain.json()["data"]["verification"]["counts"]["method"],
        "scan"
    );
    assert_eq!(plain.json()["data"]["verification"]["item_count"], 40);
}

/// Right after a restore becomes ACTIVE, UpdateContinuousBackups answers
/// ContinuousBackupsUnavailableException until backups are ready; the re-apply waits and retries
/// it within a bound instead of leaving PITR off.
/// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateContinuousBackups.html
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn continuous_backups_unavailable_after_active_is_retried() {
    let w = World::new("restore-pitr-wait");
    w.create_table();
    let proxy = Proxy::start("pitr-unavailable.yaml");
    let target = format!("{}-restored-p", w.table());
    let r = w.run_via(
        &proxy,
        &common::restore_latest(&target, &["-o", "json", "--wait"]),
    );
    r.assert_code(0);
    assert_eq!(
        r.json()["data"]["reapplied"]["pitr"]["outcome"],
        "applied",
        "{}",
        r.stdout
    );
    assert_eq!(
        proxy
            .fired()
            .get("dynamodb error:ContinuousBackupsUnavailableException"),
        Some(&3)
    );
    w.run(&["--table", &target, "table", "verify"])
        .assert_code(0);
}

/// Issue 23 §6: a restore drops deletion protection (the emulator drops it too, as AWS does),
/// and `pitr-restore` did not set it again: a restored production table went into service
/// unprotected. Now it is re-applied when the source has it, left off (and said so) when it has
/// not, and never set on a drill's table, which the drill deletes.
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn a_restore_of_a_protected_table_is_protected_again() {
    let w = World::new("restore-protected");
    w.create_table();
    import_some(&w, 12);
    let ddb = w.dynamodb().await;
    let protect = |table: String, on: bool| {
        let ddb = ddb.clone();
        async move {
            ddb.update_table()
                .table_name(table)
                .deletion_protection_enabled(on)
                .send()
                .await
                .unwrap();
        }
    };
    let protected = |table: String| {
        let ddb = ddb.clone();
        async move {
            ddb.describe_table()
                .table_name(table)
                .send()
                .await
                .unwrap()
                .table()
                .and_then(|t| t.deletion_protection_enabled())
        }
    };

    // Unprotected source: left off, and the checklist says how to turn it on.
    let plain = format!("{}-restored-plain", w.table());
    let r = w.run(&common::restore_latest(&plain, &["-o", "json", "--wait"]));
    r.assert_code(0);
    let dp = &r.json()["data"]["reapplied"]["deletion_protection"];
    assert_eq!(dp["outcome"], "unchanged", "{dp}");
    assert!(
        dp["detail"]
            .as_str()
            .unwrap()
            .contains("the source has none"),
        "{dp}"
    );
    assert_ne!(protected(plain.clone()).await, Some(true));

    protect(w.table(), true).await;
    // Wide, so that no phrase looked for is wrapped.
    let wide = |args: &[&str]| -> common::Run {
        w.command()
            .env("COLUMNS", "1000")
            .args(args)
            .output()
            .unwrap()
            .into()
    };
    let dry = wide(&["pitr-restore", "--to", "latest", "--dry-run"]);
    dry.assert_code(0);
    assert!(
        dry.stdout
            .contains("deletion protection (the source has it)"),
        "{}",
        dry.stdout
    );
    let target = format!("{}-restored-dp", w.table());
    let r = w.run(&common::restore_latest(&target, &["-o", "json", "--wait"]));
    r.assert_code(0);
    let dp = &r.json()["data"]["reapplied"]["deletion_protection"];
    assert_eq!(dp["outcome"], "applied", "{}", r.stdout);
    assert_eq!(protected(target.clone()).await, Some(true));
    let human = wide(&common::restore_latest(&format!("{target}-2"), &["--wait"]));
    human.assert_code(0);
    for what in [
        "Deletion protection is on again",
        "IAM policies",
        "Table class and warm throughput",
    ] {
        assert!(human.stdout.contains(what), "{what}: {}", human.stdout);
    }

    // A drill's table is deleted at the end: never protected, and the drill cleans up.
    let drill = w.run(&["-o", "json", "dr-drill"]);
    drill.assert_code(0);
    let dp = &drill.json()["data"]["reapplied"]["deletion_protection"];
    assert_eq!(dp["outcome"], "unchanged", "{dp}");
    assert!(dp["detail"].as_str().unwrap().contains("drill"), "{dp}");
    assert_eq!(drill.finding("drill.cleanup")["status"], "ok");

    // Leave nothing protected behind in the shared emulator.
    for t in [w.table(), target.clone(), format!("{target}-2")] {
        protect(t, false).await;
    }
}
