//! The harness itself: a test's World deletes everything it made under its name when it ends,
//! not only tables (alarms, dashboards, Lambda functions and their event source mappings, log
//! groups, export buckets), and nothing of another test's.

use std::time::Duration;

use crate::common::{self, World, create_consumer};

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn dropping_a_world_deletes_what_its_test_made_and_nothing_else() {
    let other = World::new("world-other");
    other.create_table();
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
    let bucket = format!("exports-{}", w.env);
    let s3 = w.s3().await;
    s3.create_bucket()
        .bucket(&bucket)
        .send()
        .await
        .expect("CreateBucket");
    s3.put_object()
        .bucket(&bucket)
        .key("ddb/manifest.json")
        .body(aws_smithy_types::byte_stream::ByteStream::from_static(
            b"{}",
        ))
        .send()
        .await
        .expect("PutObject");

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
}
