//! `dr-drill --cutover --corruption N` against the emulator, end to end: the drill creates its
//! own source table, API function, consumer and mapping, restores, corrupts, cuts over, proves
//! the canary through the consumer, rolls back and deletes everything it created; and the
//! refusal in production (offline: refused before any AWS call).

use crate::common::World;
use crate::dr::create_role;

const ROLE: &str = "arn:aws:iam::000000000000:role/";

async fn tables_named(w: &World, part: &str) -> Vec<String> {
    w.dynamodb()
        .await
        .list_tables()
        .limit(100)
        .send()
        .await
        .unwrap()
        .table_names
        .unwrap_or_default()
        .into_iter()
        .filter(|t| t.contains(part))
        .collect()
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn cutover_drill_with_corruption_proves_rpo_by_content_reports_rto_and_leaves_nothing() {
    let w = World::new("drill-cut");
    let role = format!("{}-drill-role", w.env);
    create_role(&w, &role, "arn:aws:dynamodb:us-east-1:000000000000:table/*").await;
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("drill.md");
    let r = w.run(&[
        "-o",
        "json",
        "dr-drill",
        "--cutover",
        "--corruption",
        "20",
        "--role",
        &format!("{ROLE}{role}"),
        "--canary-timeout",
        "60s",
        "--report",
        report.to_str().unwrap(),
    ]);
    r.assert_code(0);
    let v = r.json();
    let c = &v["data"]["cutover"];
    assert_eq!(c["cutover"], "verified", "{c}");
    assert_eq!(c["rolled_back"], true, "{c}");
    assert_eq!(c["corruption_proven"], true, "{c}");
    assert_eq!(c["error"], serde_json::Value::Null, "{c}");
    assert_eq!(c["left_behind"], serde_json::json!([]), "{c}");
    // RPO by content: every corrupted event has its seeded value restored and the garbage only
    // in the source.
    let corrupted = c["corrupted"].as_array().unwrap();
    assert_eq!(corrupted.len(), 20);
    for e in corrupted {
        assert_eq!(e["in_restored"], e["seeded"], "{e}");
        assert_eq!(e["in_source"], e["garbage"], "{e}");
        assert_ne!(e["seeded"], e["garbage"], "{e}");
    }
    // RTO from the restore's start to the verified cutover: longer than the restore alone.
    let rto_ms = c["rto_ms"].as_i64().unwrap();
    assert!(rto_ms > v["data"]["rto_ms"].as_i64().unwrap(), "{c}");
    assert!(r.summary("drill.rto").contains("to the verified cutover"));
    assert!(
        r.summary("drill.rpo")
            .starts_with("20 of 20 corrupted events")
    );
    assert!(r.summary("dr.cutover").contains("verified"));
    // The timeline goes restore → corruption → cutover → canary → rollback → cleanup.
    let what: Vec<String> = c["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["what"].as_str().unwrap().to_owned())
        .collect();
    let pos = |s: &str| {
        what.iter()
            .position(|w| w.contains(s))
            .unwrap_or_else(|| panic!("no `{s}` in {what:?}"))
    };
    assert!(pos("restore of") < pos("overwritten with garbage"));
    assert!(pos("overwritten with garbage") < pos("cutover of"));
    assert!(pos("cutover of") < pos("cutover verified"));
    assert!(pos("cutover verified") < pos("rollback started"));
    assert!(pos("rolled back") < pos("everything the drill created deleted"));
    // The Markdown postmortem holds the timeline, the proof and the window's changes.
    let md = std::fs::read_to_string(&report).unwrap();
    for part in [
        "Drill timeline",
        "cutover verified",
        "rolled back",
        "Corrupted events (RPO by content)",
        "Changes in the drill window",
        "drill.rto",
    ] {
        assert!(md.contains(part), "no `{part}` in the report:\n{md}");
    }
    // Nothing left behind: no drill table, function or mapping.
    let source = c["drill_source"].as_str().unwrap();
    assert!(tables_named(&w, &w.env).await.is_empty(), "tables left");
    let lambda = w.lambda().await;
    for f in c["functions"].as_array().unwrap() {
        let got = lambda
            .get_function()
            .function_name(f.as_str().unwrap())
            .send()
            .await;
        assert!(got.is_err(), "function {f} left behind");
    }
    for m in c["mappings"].as_array().unwrap() {
        let got = lambda
            .get_event_source_mapping()
            .uuid(m.as_str().unwrap())
            .send()
            .await;
        assert!(
            got.as_ref()
                .map(|g| g.state.as_deref() == Some("Deleting"))
                .unwrap_or(true),
            "mapping {m} left behind: {got:?}"
        );
    }
    // Nor the consumer's log group (Lambda made it when the consumer ran).
    let groups = w
        .logs()
        .await
        .describe_log_groups()
        .log_group_name_prefix("/aws/lambda/eventsctl-drill-")
        .send()
        .await
        .unwrap();
    for f in c["functions"].as_array().unwrap() {
        let group = format!("/aws/lambda/{}", f.as_str().unwrap());
        assert!(
            !groups
                .log_groups()
                .iter()
                .any(|g| g.log_group_name() == Some(group.as_str())),
            "log group {group} left behind"
        );
    }
    assert!(source.contains("-drill-src-"));
    // The environment's own table was never created or touched.
    assert!(tables_named(&w, &w.table()).await.is_empty());
}

#[test]
fn cutover_drill_is_refused_in_production_in_one_line() {
    let w = World::offline("drill-prod");
    let prod_env = format!("{}-prod", w.env);
    let r = w.run(&[
        "--env",
        &prod_env,
        "dr-drill",
        "--cutover",
        "--role",
        "arn:aws:iam::000000000000:role/r",
    ]);
    // A check that refuses could not evaluate: exit 3, before any AWS call.
    r.assert_code(3);
    assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("refusing dr-drill --cutover") && r.stderr.contains("production"),
        "{}",
        r.stderr
    );
}

#[test]
fn cutover_drill_needs_a_role_and_corruption_needs_the_cutover() {
    let w = World::offline("drill-usage");
    let r = w.run(&["dr-drill", "--cutover"]);
    r.assert_code(64);
    assert!(r.stderr.contains("--role"), "{}", r.stderr);
    w.run(&["dr-drill", "--corruption", "3"]).assert_code(64);
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn cutover_drill_without_corruption_reports_the_restore_rpo_and_still_cleans_up() {
    let w = World::new("drill-cut-plain");
    let role = format!("{}-drill-role", w.env);
    create_role(&w, &role, "arn:aws:dynamodb:us-east-1:000000000000:table/*").await;
    let r = w.run(&[
        "-o",
        "json",
        "dr-drill",
        "--cutover",
        "--role",
        &format!("{ROLE}{role}"),
        "--canary-timeout",
        "60s",
    ]);
    r.assert_code(0);
    let c = &r.json()["data"]["cutover"];
    assert_eq!(c["cutover"], "verified", "{c}");
    assert_eq!(c["rolled_back"], true, "{c}");
    assert_eq!(c["corrupted"], serde_json::json!([]), "{c}");
    assert_eq!(c["corruption_proven"], serde_json::Value::Null, "{c}");
    assert!(c["rto_ms"].as_i64().unwrap() > 0);
    // Without corruption, the RPO is the restore's (latest restorable point behind the start).
    assert!(!r.summary("drill.rpo").contains("corrupted"));
    assert_eq!(c["left_behind"], serde_json::json!([]), "{c}");
    assert!(tables_named(&w, &w.env).await.is_empty(), "tables left");
}
