//! `pitr-restore` and `dr-drill` against the emulator. Its restore copies current data whatever
//! time is asked (and reports Earliest = Latest = now), so these tests check the orchestration:
//! window validation, refusals, the flow with settings re-applied, drill cleanup by tag, resume.

mod common;

use aws_sdk_dynamodb::types::PointInTimeRecoverySpecification;
use common::{World, count_items};

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
    w.run(&["pitr-restore", "--to", "2099-01-01T00:00:00Z", "--wait"])
        .assert_code(64);
    w.run(&["pitr-restore", "--to", "not-a-time"])
        .assert_code(64);
    w.run(&["pitr-restore"]).assert_code(64);

    // An existing target is refused.
    let existing = World::new("restore-existing");
    existing.create_table();
    let r = w.run(&[
        "pitr-restore",
        "--to",
        "latest",
        "--target",
        &existing.table(),
        "--wait",
    ]);
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
    ddb.update_continuous_backups()
        .table_name(w.table())
        .point_in_time_recovery_specification(
            PointInTimeRecoverySpecification::builder()
                .point_in_time_recovery_enabled(false)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    let off = w.run(&["pitr-restore", "--to", "latest", "--wait"]);
    off.assert_code(1);
    assert!(off.stderr.contains("not enabled"), "{}", off.stderr);
}

#[tokio::test]
async fn full_flow_restores_verifies_and_reapplies() {
    let w = World::new("restore-flow");
    w.create_table();
    import_some(&w, 120);
    let target = format!("{}-restored-test", w.table());
    let r = w.run(&[
        "-o",
        "json",
        "pitr-restore",
        "--to",
        "latest",
        "--target",
        &target,
        "--wait",
    ]);
    r.assert_code(0);
    let v = r.json();
    assert_eq!(v["target"]["table"], target);
    assert_eq!(v["data"]["verification"]["item_count"], 120);
    assert_eq!(v["data"]["verification"]["sampled_keys"], 100);
    assert_eq!(v["data"]["verification"]["found_in_source"], 100);
    for k in ["ttl", "stream", "pitr", "tags"] {
        assert!(
            v["data"]["reapplied"][k].is_string(),
            "{k}: {}",
            v["data"]["reapplied"]
        );
    }
    assert!(v["data"]["started_at"].is_string() && v["data"]["verified_at"].is_string());
    assert!(v["data"]["duration_s"].is_number());
    // The restored table passes `table verify` as the source does.
    let verify = w.run(&["-o", "json", "--table", &target, "table", "verify"]);
    verify.assert_code(0);
    // The source is untouched.
    let ddb = w.dynamodb().await;
    assert_eq!(count_items(&ddb, &w.table()).await, 120);
    let human = w.run(&[
        "pitr-restore",
        "--to",
        "latest",
        "--target",
        &format!("{target}-2"),
        "--wait",
    ]);
    human.assert_code(0);
    assert!(
        human.stdout.contains("Cutover checklist"),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains("EVENTS_TABLE_NAME"));
}

#[tokio::test]
async fn no_reapply_leaves_the_restore_bare() {
    let w = World::new("restore-bare");
    w.create_table();
    let target = format!("{}-restored-bare", w.table());
    w.run(&[
        "pitr-restore",
        "--to",
        "latest",
        "--target",
        &target,
        "--wait",
        "--no-reapply",
    ])
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
    w.run(&["--table", &target, "table", "verify"])
        .assert_code(0);
    // Nothing to resume.
    w.run(&["pitr-restore", "--resume", &format!("{}-nope", w.table())])
        .assert_code(1);
    // Not waiting: started, and told how to resume.
    let later = w.run(&[
        "pitr-restore",
        "--to",
        "latest",
        "--target",
        &format!("{target}-later"),
        "--no-wait",
    ]);
    later.assert_code(0);
    assert!(later.stdout.contains("--resume"), "{}", later.stdout);
}

#[tokio::test]
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
