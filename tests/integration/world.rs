//! The harness itself: a test's World deletes everything it made under its name when it ends,
//! not only tables (alarms, dashboards, Lambda functions and their event source mappings, log
//! groups, export buckets, the Glue tables `--engine athena` registers), and nothing of another
//! test's.

use std::time::Duration;

use crate::common::{self, World, create_consumer};

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn dropping_a_world_deletes_what_its_test_made_and_nothing_else() {
    // Athena runs: one of the heavy tests at a time.
    let _heavy = common::emulator_heavy().await;
    let other = World::new("world-other");
    other.create_table();
    // Another test's export registered in the shared default Glue database: it stays.
    other.create_export_bucket().await;
    let other_glue = athena_registers(&other, None).await;
    let w = World::new("world-drop");
    w.create_table();
    w.run(&["alarms", "apply"]).assert_code(0);
    w.run(&["dashboard", "apply"]).assert_code(0);
    create_consumer(&w, &format!("{}-consumer", w.env)).await;
    let group = format!("/aws/lambda/{}-{}-api", common::PREFIX, w.env);
    w.logs()
        .await
        .create_log_group()
        .log_group_name(&group)
        .send()
        .await
        .expect("CreateLogGroup");
    let bucket = w.create_export_bucket().await;
    w.s3()
        .await
        .put_object()
        .bucket(&bucket)
        .key("ddb/manifest.json")
        .body(aws_smithy_types::byte_stream::ByteStream::from_static(
            b"{}",
        ))
        .send()
        .await
        .expect("PutObject");
    // The export's Glue table, in this test's own database and in the shared default one.
    let own_db = w.glue_database();
    let in_own = athena_registers(&w, Some(&own_db)).await;
    let in_shared = athena_registers(&w, None).await;

    let made = w.made().await;
    assert_eq!(made.tables, vec![w.table()], "{made:?}");
    assert!(
        made.alarms.len() >= 3,
        "the runbook's three alarms: {made:?}"
    );
    assert_eq!(made.dashboards.len(), 1, "{made:?}");
    assert_eq!(made.functions.len(), 1, "{made:?}");
    assert_eq!(made.mappings.len(), 1, "{made:?}");
    assert!(made.log_groups.contains(&group), "{made:?}");
    assert_eq!(made.buckets, vec![bucket.clone()], "{made:?}");
    let mut tables = made.glue_tables.clone();
    tables.sort();
    let mut want = vec![in_shared, in_own];
    want.sort();
    assert_eq!(tables, want, "{made:?}");
    assert_eq!(made.glue_databases, vec![own_db], "{made:?}");

    // The same names, after the World is gone (a new one looks under the old name).
    let env = w.env.clone();
    drop(w);
    let mut look = World::new("world-look");
    look.env = env;
    let left = common::wait_for_async(Duration::from_secs(30), "the cleanup", async || {
        let m = look.made().await;
        m.is_empty().then_some(m)
    })
    .await;
    assert!(left.is_empty());
    assert_eq!(
        other.made().await.tables,
        vec![other.table()],
        "another test's table stays"
    );
    assert_eq!(
        other.made().await.glue_tables,
        vec![other_glue],
        "another test's Glue table stays"
    );
}

/// `export start` on `w`'s table into `exports-{env}`, then `check-ttl --from-export latest
/// --engine athena` (in `database`, else the default one); returns the `(database, table)` the
/// tool registered in Glue.
async fn athena_registers(w: &World, database: Option<&str>) -> (String, String) {
    let bucket = format!("exports-{}", w.env);
    let url = format!("s3://{bucket}/athena/");
    // One event: Athena's SQL needs a data file to read.
    w.run(&["events", "put", "--user", "u1", "--type", "signup"])
        .assert_code(0);
    let export = w.run(&[
        "-o", "json", "export", "start", "--bucket", &bucket, "--prefix", "ddb", "--wait",
    ]);
    export.assert_code(0);
    let export = export.json()["data"]["export"].clone();
    common::write_export_files(w, &export).await;
    let arn = export["arn"].as_str().expect("an export ARN").to_owned();
    let mut args = vec![
        "-o",
        "json",
        "check-ttl",
        "--from-export",
        &arn,
        "--engine",
        "athena",
        "--athena-output",
        &url,
    ];
    if let Some(db) = database {
        args.extend(["--athena-database", db]);
    }
    let run = w.run(&args);
    // The SQL ran over the export.
    assert_eq!(
        run.finding("ttl.scope")["status"],
        "ok",
        "{}{}",
        run.stdout,
        run.stderr
    );
    // The tool's name for it: `export_` and the export's id in `[a-z0-9_]`.
    let id = arn.rsplit('/').next().unwrap().to_lowercase();
    let table = format!("export_{}", id.replace('-', "_"));
    (database.unwrap_or("eventsctl").to_owned(), table)
}
