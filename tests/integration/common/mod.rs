//! Test harness: the real binary, against the local emulator that `scripts/test.sh` starts, or
//! offline (usage errors, unreachable endpoints).
//!
//! Every test gets its own environment name, hence its own table, alarm, dashboard and function
//! names, and deletes what it made under that name when it ends (see `Drop for World`).

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::types::AttributeValue;
use serde_json::Value;

pub const PREFIX: &str = "et";

/// The emulator's endpoint, set by `scripts/test.sh`. A test that needs it is marked
/// `#[ignore = "needs the emulator: run scripts/test.sh"]`, so that a plain `cargo test` skips it
/// and says why; run without the variable, it fails here with one line saying the same.
pub fn endpoint() -> String {
    std::env::var("EVENTSCTL_TEST_ENDPOINT").unwrap_or_else(|_| {
        panic!(
            "EVENTSCTL_TEST_ENDPOINT is not set: this test needs the emulator; run scripts/test.sh, which starts it (and mark the test #[ignore = \"needs the emulator: run scripts/test.sh\"])"
        )
    })
}

/// An endpoint where nothing listens (bind a free loopback port, close it): any AWS call fails
/// at once, so a test that passes with it made none it did not expect.
pub fn closed_endpoint() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    format!("http://127.0.0.1:{port}")
}

/// The binary under test; `EVENTSCTL_TEST_BIN` points the tests at another build (to show that
/// a new test fails on the code before a fix).
pub fn bin() -> PathBuf {
    std::env::var_os("EVENTSCTL_TEST_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_eventsctl")))
}

/// Polls `check` until it returns `Some`, and fails naming `what` once `limit` has passed: a
/// wait for the expected state, not a fixed sleep.
pub fn wait_for<T>(limit: Duration, what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(v) = check() {
            return v;
        }
        assert!(Instant::now() < deadline, "waited {limit:?} for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// [`wait_for`] for a check that calls AWS.
pub async fn wait_for_async<T>(
    limit: Duration,
    what: &str,
    mut check: impl AsyncFnMut() -> Option<T>,
) -> T {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(v) = check().await {
            return v;
        }
        assert!(Instant::now() < deadline, "waited {limit:?} for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Held by the tests that load the emulator for seconds at a time (tests/integration/scale.rs:
/// parallel scans, exports, Athena) and by those that time single calls against it (a retry
/// logged after a throttle): one of them at a time, so that a neighbour does not starve the
/// emulator past the 10 s an attempt may wait. Take it once per test, first thing.
pub async fn emulator_heavy() -> tokio::sync::MutexGuard<'static, ()> {
    static HEAVY: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    HEAVY.lock().await
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// One test's corner of the emulator.
pub struct World {
    pub env: String,
    pub endpoint: String,
    /// Made by [`World::offline`]: nothing to clean up.
    offline: bool,
    /// The binary's private state directory (`EVENTSCTL_STATE_DIR`): the test's own, so that no
    /// test writes to $HOME; removed with the World.
    state: std::sync::Arc<tempfile::TempDir>,
}

/// What a run of the binary produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The JSON envelope on stdout; its `data` keys must be the documented ones (and, as every
    /// envelope a run prints, it matches the schema: `assert_envelopes_match_schema`).
    pub fn json(&self) -> Value {
        let v: Value = serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        });
        assert_data_documented(&v);
        v
    }

    /// The finding named `check` in a JSON envelope.
    pub fn finding(&self, check: &str) -> Value {
        let v = self.json();
        v["findings"]
            .as_array()
            .expect("findings is an array")
            .iter()
            .find(|f| f["check"] == check)
            .cloned()
            .unwrap_or_else(|| panic!("no finding {check} in {}", self.stdout))
    }

    /// The summary of the finding named `check`.
    pub fn summary(&self, check: &str) -> String {
        self.finding(check)["summary"]
            .as_str()
            .unwrap_or_else(|| panic!("finding {check} has no summary"))
            .to_owned()
    }

    pub fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        let run = Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        };
        assert_envelopes_match_schema(&run.stdout);
        run
    }
}

/// Every `eventsctl/v1` envelope a run printed matches the published schema, however the test
/// goes on to read it: `-o json`'s one object (a fleet run's too), or each line of `-o ndjson`.
/// Output that is not an envelope (text, a policy document, stream items) is not one.
fn assert_envelopes_match_schema(stdout: &str) {
    let envelopes: Vec<Value> = match serde_json::from_str::<Value>(stdout) {
        Ok(v) => vec![v],
        Err(_) => stdout
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect(),
    };
    envelopes
        .iter()
        .filter(|v| v.get("schema").and_then(Value::as_str) == Some("eventsctl/v1"))
        .for_each(assert_matches_schema);
}

/// The private state directory of this test run's commands (scan state, records), never the
/// user's own: under the target's temporary directory, created 0700 by the binary.
impl World {
    /// A world on the emulator (the test needs `scripts/test.sh`).
    pub fn new(name: &str) -> World {
        World::at(name, endpoint(), false)
    }

    /// A world with no emulator behind it: its endpoint is closed, so a command that calls AWS
    /// fails. For usage errors and behaviour without a reachable AWS, under a plain `cargo test`.
    pub fn offline(name: &str) -> World {
        World::at(name, closed_endpoint(), true)
    }

    fn at(name: &str, endpoint: String, offline: bool) -> World {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let slug: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        World {
            env: format!(
                "{slug}-{}-{n}-{}",
                std::process::id() % 10_000,
                nanos % 100_000
            ),
            endpoint,
            offline,
            state: std::sync::Arc::new(
                tempfile::Builder::new()
                    .prefix("eventsctl-state-")
                    .tempdir()
                    .expect("a temporary state directory"),
            ),
        }
    }

    /// The binary's private state directory for this test (`files::state_dir`): made by the
    /// binary (0700) the first time it keeps something, inside a temporary directory.
    pub fn state_dir(&self) -> PathBuf {
        self.state.path().join("state")
    }

    pub fn table(&self) -> String {
        format!("{PREFIX}-{}-events", self.env)
    }

    /// The binary, pointed at the emulator and at this test's environment.
    pub fn command(&self) -> Command {
        let mut c = Command::new(bin());
        c.env("AWS_ENDPOINT_URL", &self.endpoint)
            .env("AWS_ACCESS_KEY_ID", "test")
            .env("AWS_SECRET_ACCESS_KEY", "test")
            .env("AWS_REGION", "us-east-1")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("EVENTSCTL_ENV", &self.env)
            .env("EVENTSCTL_NAME_PREFIX", PREFIX)
            .env("EVENTSCTL_STATE_DIR", self.state_dir())
            // Never the user's own config file: an empty config home of this test's own.
            .env("XDG_CONFIG_HOME", self.state.path().join("config"))
            .env_remove("EVENTSCTL_CONFIG")
            .env_remove("AWS_PROFILE")
            .env_remove("RUST_LOG")
            .env_remove("EVENTSCTL_PRODUCTION_MARKERS")
            .stdin(Stdio::null());
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.command()
            .args(args)
            .output()
            .expect("the binary runs")
            .into()
    }

    pub fn run_stdin(&self, args: &[&str], input: &str) -> Run {
        let mut c = self.command();
        c.args(args);
        run_with_stdin(c, input)
    }

    /// `table create`, asserting it worked.
    pub fn create_table(&self) {
        self.run(&["table", "create"]).assert_code(0);
    }

    /// A DynamoDB client on the emulator, for setting up what a test needs behind the tool's back.
    pub async fn dynamodb(&self) -> aws_sdk_dynamodb::Client {
        aws_sdk_dynamodb::Client::new(&self.sdk_config().await)
    }

    pub async fn cloudwatch(&self) -> aws_sdk_cloudwatch::Client {
        aws_sdk_cloudwatch::Client::new(&self.sdk_config().await)
    }

    pub async fn logs(&self) -> aws_sdk_cloudwatchlogs::Client {
        aws_sdk_cloudwatchlogs::Client::new(&self.sdk_config().await)
    }

    pub async fn lambda(&self) -> aws_sdk_lambda::Client {
        aws_sdk_lambda::Client::new(&self.sdk_config().await)
    }

    pub async fn glue(&self) -> aws_sdk_glue::Client {
        aws_sdk_glue::Client::new(&self.sdk_config().await)
    }

    /// This test's own Glue database name, for `--athena-database` (Athena wants only
    /// `[a-z0-9_]`); the World deletes it with the test.
    pub fn glue_database(&self) -> String {
        format!("{PREFIX}_{}", self.env.replace('-', "_"))
    }

    /// The bucket `exports-{env}` (deleted with the World), created; its name.
    pub async fn create_export_bucket(&self) -> String {
        let bucket = format!("exports-{}", self.env);
        self.s3()
            .await
            .create_bucket()
            .bucket(&bucket)
            .send()
            .await
            .expect("CreateBucket");
        bucket
    }

    pub async fn s3(&self) -> aws_sdk_s3::Client {
        let conf = aws_sdk_s3::config::Builder::from(&self.sdk_config().await)
            .force_path_style(true)
            .build();
        aws_sdk_s3::Client::from_conf(conf)
    }

    pub async fn sdk_config(&self) -> aws_config::SdkConfig {
        aws_config::defaults(aws_config::BehaviorVersion::latest())
            .region(aws_config::Region::new("us-east-1"))
            .endpoint_url(&self.endpoint)
            .credentials_provider(aws_sdk_dynamodb::config::Credentials::new(
                "test", "test", None, None, "tests",
            ))
            .load()
            .await
    }
}

impl Drop for World {
    /// Deletes what this test made under its environment name: event source mappings and Lambda
    /// functions (`{env}-...`), log groups naming the environment, alarms and dashboards
    /// (`et-{env}-...`), tables (its own, restores, drills), export buckets (`exports-{env}`), the
    /// Glue tables of its tables' exports (in any database) and its own Glue database.
    /// A cleanup that fails says so on stderr (shown when the test fails) and never fails the test.
    fn drop(&mut self) {
        if self.offline {
            return;
        }
        let w = World {
            env: self.env.clone(),
            endpoint: self.endpoint.clone(),
            offline: true,
            state: std::sync::Arc::clone(&self.state),
        };
        // A thread of its own: a test may be dropping this inside a tokio runtime.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            for problem in rt.block_on(w.clean_up()) {
                eprintln!("cleanup of {}: {problem}", w.env);
            }
        })
        .join();
    }
}

/// What one test made on the emulator, found by its environment name.
#[derive(Debug, Default)]
pub struct Made {
    pub mappings: Vec<String>,
    pub functions: Vec<String>,
    pub log_groups: Vec<String>,
    pub alarms: Vec<String>,
    pub dashboards: Vec<String>,
    pub tables: Vec<String>,
    pub buckets: Vec<String>,
    /// `(database, table)`: the Glue tables `--engine athena` registered for this test's
    /// exports, in whichever database.
    pub glue_tables: Vec<(String, String)>,
    /// [`World::glue_database`], when it exists.
    pub glue_databases: Vec<String>,
}

impl Made {
    pub fn is_empty(&self) -> bool {
        [
            &self.mappings,
            &self.functions,
            &self.log_groups,
            &self.alarms,
            &self.dashboards,
            &self.tables,
            &self.buckets,
            &self.glue_databases,
        ]
        .iter()
        .all(|v| v.is_empty())
            && self.glue_tables.is_empty()
    }
}

impl World {
    /// Everything on the emulator that carries this test's environment name: functions
    /// `{env}-...` and their event source mappings, log groups naming `{env}-`, alarms and tables
    /// `et-{env}-...`, the dashboard `et-{env}-dashboard`, buckets `exports-{env}`, Glue tables
    /// whose `eventsctl:export_arn` is an export of one of its tables, its Glue database.
    pub async fn made(&self) -> Made {
        let mine = format!("{PREFIX}-{}-", self.env);
        let theirs =
            |name: &str| name.starts_with(&mine) || name.starts_with(&format!("{}-", self.env));
        let mut made = Made::default();

        let lambda = self.lambda().await;
        let mut functions = lambda.list_functions().into_paginator().items().send();
        while let Some(Ok(f)) = functions.next().await {
            made.functions.extend(f.function_name.filter(|n| theirs(n)));
        }
        for function in &made.functions {
            let mut mappings = lambda
                .list_event_source_mappings()
                .function_name(function)
                .into_paginator()
                .items()
                .send();
            while let Some(Ok(m)) = mappings.next().await {
                made.mappings.extend(m.uuid);
            }
        }

        let logs = self.logs().await;
        let mut groups = logs.describe_log_groups().into_paginator().items().send();
        while let Some(Ok(g)) = groups.next().await {
            made.log_groups.extend(
                g.log_group_name
                    .filter(|n| n.rsplit('/').next().is_some_and(theirs)),
            );
        }

        let cw = self.cloudwatch().await;
        let mut alarms = cw
            .describe_alarms()
            .alarm_name_prefix(&mine)
            .into_paginator()
            .send();
        while let Some(Ok(page)) = alarms.next().await {
            made.alarms.extend(
                page.metric_alarms()
                    .iter()
                    .filter_map(|a| a.alarm_name.clone()),
            );
            made.alarms.extend(
                page.composite_alarms()
                    .iter()
                    .filter_map(|a| a.alarm_name.clone()),
            );
        }
        // The dashboard the tool makes, by name: ListDashboards fails to parse from the emulator.
        let dashboard = format!("{mine}dashboard");
        if cw
            .get_dashboard()
            .dashboard_name(&dashboard)
            .send()
            .await
            .is_ok()
        {
            made.dashboards.push(dashboard);
        }

        let ddb = self.dynamodb().await;
        let mut tables = ddb.list_tables().into_paginator().items().send();
        while let Some(Ok(name)) = tables.next().await {
            if name.starts_with(&mine) {
                made.tables.push(name);
            }
        }

        let bucket = format!("exports-{}", self.env);
        if let Ok(out) = self.s3().await.list_buckets().send().await {
            made.buckets.extend(
                out.buckets()
                    .iter()
                    .filter_map(|b| b.name.clone())
                    .filter(|n| *n == bucket),
            );
        }

        let glue = self.glue().await;
        let own = self.glue_database();
        // An export ARN is the table's ARN and `/export/<id>`.
        let of_mine = format!(":table/{mine}");
        let mut names = Vec::new();
        let mut databases = glue.get_databases().into_paginator().send();
        while let Some(Ok(page)) = databases.next().await {
            names.extend(page.database_list().iter().map(|d| d.name().to_owned()));
        }
        for db in names {
            let mut tables = glue.get_tables().database_name(&db).into_paginator().send();
            while let Some(Ok(page)) = tables.next().await {
                for t in page.table_list() {
                    let arn = t.parameters().and_then(|p| p.get("eventsctl:export_arn"));
                    if arn.is_some_and(|a| a.contains(&of_mine)) {
                        made.glue_tables.push((db.clone(), t.name().to_owned()));
                    }
                }
            }
            if db == own {
                made.glue_databases.push(db);
            }
        }
        made
    }

    /// Deletes what [`World::made`] finds, mappings before their functions; returns what could
    /// not be deleted.
    async fn clean_up(&self) -> Vec<String> {
        fn failed<T, E: std::fmt::Debug>(what: &str, r: Result<T, E>) -> Option<String> {
            r.err().map(|e| format!("{what}: {e:?}"))
        }
        let made = self.made().await;
        let mut problems = Vec::new();
        let lambda = self.lambda().await;
        for uuid in &made.mappings {
            let r = lambda.delete_event_source_mapping().uuid(uuid).send().await;
            problems.extend(failed(uuid, r));
        }
        for f in &made.functions {
            let r = lambda.delete_function().function_name(f).send().await;
            problems.extend(failed(f, r));
        }
        let logs = self.logs().await;
        for g in &made.log_groups {
            let r = logs.delete_log_group().log_group_name(g).send().await;
            problems.extend(failed(g, r));
        }
        let cw = self.cloudwatch().await;
        for names in made.alarms.chunks(100) {
            let r = cw
                .delete_alarms()
                .set_alarm_names(Some(names.to_vec()))
                .send()
                .await;
            problems.extend(failed("alarms", r));
        }
        if !made.dashboards.is_empty() {
            let r = cw
                .delete_dashboards()
                .set_dashboard_names(Some(made.dashboards.clone()))
                .send()
                .await;
            problems.extend(failed("dashboards", r));
        }
        let ddb = self.dynamodb().await;
        for t in &made.tables {
            let r = ddb.delete_table().table_name(t).send().await;
            problems.extend(failed(t, r));
        }
        let s3 = self.s3().await;
        for b in &made.buckets {
            let mut objects = s3.list_objects_v2().bucket(b).into_paginator().send();
            let mut keys = Vec::new();
            while let Some(Ok(page)) = objects.next().await {
                keys.extend(page.contents().iter().filter_map(|o| o.key.clone()));
            }
            for k in keys {
                let r = s3.delete_object().bucket(b).key(&k).send().await;
                problems.extend(failed(&k, r));
            }
            let r = s3.delete_bucket().bucket(b).send().await;
            problems.extend(failed(b, r));
        }
        let glue = self.glue().await;
        for (db, t) in &made.glue_tables {
            let r = glue.delete_table().database_name(db).name(t).send().await;
            problems.extend(failed(&format!("{db}.{t}"), r));
        }
        for db in &made.glue_databases {
            let r = glue.delete_database().name(db).send().await;
            problems.extend(failed(db, r));
        }
        problems
    }
}

/// Items in a table, by a Scan with Select=COUNT.
pub async fn count_items(client: &aws_sdk_dynamodb::Client, table: &str) -> usize {
    let mut total = 0;
    let mut start = None;
    loop {
        let out = client
            .scan()
            .table_name(table)
            .select(aws_sdk_dynamodb::types::Select::Count)
            .set_exclusive_start_key(start)
            .send()
            .await
            .expect("scan");
        total += out.count as usize;
        match out.last_evaluated_key {
            Some(k) if !k.is_empty() => start = Some(k),
            _ => return total,
        }
    }
}

/// Writes `lines` to a temporary NDJSON file.
pub fn ndjson(lines: &[String]) -> tempfile::NamedTempFile {
    use std::io::Write;
    let mut f = tempfile::NamedTempFile::new().unwrap();
    for l in lines {
        writeln!(f, "{l}").unwrap();
    }
    f.flush().unwrap();
    f
}

/// Seeds `AWS/DynamoDB` datapoints into the emulator: `(minutes ago, value, count)`.
/// Test-only: real CloudWatch refuses PutMetricData into `AWS/` namespaces.
pub async fn seed_metric(
    cw: &aws_sdk_cloudwatch::Client,
    metric: &str,
    dimensions: &[(&str, &str)],
    points: &[(i64, f64, f64)],
) {
    seed_metric_in(cw, "AWS/DynamoDB", metric, dimensions, points).await
}

/// [`seed_metric`] into any namespace (`AWS/Lambda` for IteratorAge).
pub async fn seed_metric_in(
    cw: &aws_sdk_cloudwatch::Client,
    namespace: &str,
    metric: &str,
    dimensions: &[(&str, &str)],
    points: &[(i64, f64, f64)],
) {
    use aws_sdk_cloudwatch::types::{Dimension, MetricDatum};
    let now = chrono::Utc::now();
    let data: Vec<MetricDatum> = points
        .iter()
        .map(|(ago, value, count)| {
            let t = now - chrono::Duration::minutes(*ago);
            MetricDatum::builder()
                .metric_name(metric)
                .set_dimensions(Some(
                    dimensions
                        .iter()
                        .map(|(k, v)| Dimension::builder().name(*k).value(*v).build())
                        .collect(),
                ))
                .timestamp(aws_smithy_types::DateTime::from_secs(t.timestamp()))
                .values(*value)
                .counts(*count)
                .build()
        })
        .collect();
    cw.put_metric_data()
        .namespace(namespace)
        .set_metric_data(Some(data))
        .send()
        .await
        .expect("PutMetricData");
}

/// A Python Lambda on the emulator reading the table's stream (a consumer for stream-status).
pub async fn create_consumer(w: &World, function: &str) {
    create_consumer_running(w, function, "def handler(event, context):\n    return {}\n").await;
}

/// [`create_consumer`] with the handler's Python source (`h.py`, function `handler`).
pub async fn create_consumer_running(w: &World, function: &str, code: &str) {
    use std::io::Write;
    let mut zip = zip_one("h.py", code);
    zip.flush().unwrap();
    let lam = w.lambda().await;
    lam.create_function()
        .function_name(function)
        .runtime(aws_sdk_lambda::types::Runtime::Python312)
        .role("arn:aws:iam::000000000000:role/consumer")
        .handler("h.handler")
        .code(
            aws_sdk_lambda::types::FunctionCode::builder()
                .zip_file(aws_smithy_types::Blob::new(zip.into_inner()))
                .build(),
        )
        .send()
        .await
        .expect("CreateFunction");
    let ddb = w.dynamodb().await;
    let arn = ddb
        .describe_table()
        .table_name(w.table())
        .send()
        .await
        .unwrap()
        .table
        .unwrap()
        .latest_stream_arn
        .unwrap();
    lam.create_event_source_mapping()
        .event_source_arn(arn)
        .function_name(function)
        .starting_position(aws_sdk_lambda::types::EventSourcePosition::Latest)
        .send()
        .await
        .expect("CreateEventSourceMapping");
}

/// A zip archive holding one file (stored, no compression), built by hand: no zip crate needed.
pub fn zip_one(name: &str, content: &str) -> std::io::Cursor<Vec<u8>> {
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for b in data {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let data = content.as_bytes();
    let crc = crc32(data);
    let mut out = Vec::new();
    let le16 = |v: u16| v.to_le_bytes();
    let le32 = |v: u32| v.to_le_bytes();
    // Local file header.
    out.extend(le32(0x0403_4b50));
    out.extend(le16(20));
    out.extend(le16(0));
    out.extend(le16(0));
    out.extend(le16(0));
    out.extend(le16(0));
    out.extend(le32(crc));
    out.extend(le32(data.len() as u32));
    out.extend(le32(data.len() as u32));
    out.extend(le16(name.len() as u16));
    out.extend(le16(0));
    out.extend(name.as_bytes());
    out.extend(data);
    let central = out.len() as u32;
    // Central directory.
    out.extend(le32(0x0201_4b50));
    out.extend(le16(20));
    out.extend(le16(20));
    out.extend(le16(0));
    out.extend(le16(0));
    out.extend(le16(0));
    out.extend(le16(0));
    out.extend(le32(crc));
    out.extend(le32(data.len() as u32));
    out.extend(le32(data.len() as u32));
    out.extend(le16(name.len() as u16));
    out.extend(le16(0));
    out.extend(le16(0));
    out.extend(le16(0));
    out.extend(le16(0));
    out.extend(le32(0));
    out.extend(le32(0));
    out.extend(name.as_bytes());
    let central_len = out.len() as u32 - central;
    // End of central directory.
    out.extend(le32(0x0605_4b50));
    out.extend(le16(0));
    out.extend(le16(0));
    out.extend(le16(1));
    out.extend(le16(1));
    out.extend(le32(central_len));
    out.extend(le32(central));
    out.extend(le16(0));
    std::io::Cursor::new(out)
}

/// A microburst fault proxy in front of the emulator, with a configuration from tests/faults/;
/// stopped when dropped.
pub struct Proxy {
    child: std::process::Child,
    pub endpoint: String,
}

impl Proxy {
    pub fn start(config: &str) -> Proxy {
        let bin = std::env::var("EVENTSCTL_MICROBURST").unwrap_or_else(|_| {
            panic!("EVENTSCTL_MICROBURST is not set: run the tests with scripts/test.sh, which installs microburst")
        });
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/faults")
            .join(config);
        let log =
            std::fs::File::create(std::env::temp_dir().join(format!("microburst-{port}.log")))
                .unwrap();
        let mut child = Command::new(bin)
            .arg("--config")
            .arg(&path)
            .args([
                "--upstream",
                &endpoint(),
                "--port",
                &port.to_string(),
                "--host",
                "127.0.0.1",
            ])
            .stdout(Stdio::from(log.try_clone().unwrap()))
            .stderr(Stdio::from(log))
            .spawn()
            .expect("microburst starts");
        let endpoint = format!("http://127.0.0.1:{port}");
        let health = format!("127.0.0.1:{port}");
        for _ in 0..100 {
            if std::net::TcpStream::connect(&health).is_ok() {
                return Proxy { child, endpoint };
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("microburst did not listen on {port}");
    }

    /// The faults fired so far, as microburst records them (`service`, `action`, `ts`, ...).
    fn fired_events(&self) -> Vec<Value> {
        let out = Command::new("curl")
            .args([
                "-fsS",
                &format!("{}/_microburst/fired?limit=100000", self.endpoint),
            ])
            .output()
            .unwrap();
        match serde_json::from_slice(&out.stdout) {
            Ok(Value::Array(events)) => events,
            _ => Vec::new(),
        }
    }

    /// Faults fired so far, by service and action (`dynamodb error:ThrottlingException`,
    /// `cloudwatch reset`, `logs latency`).
    pub fn fired(&self) -> std::collections::BTreeMap<String, usize> {
        let mut counts = std::collections::BTreeMap::new();
        for f in &self.fired_events() {
            let action = f["action"].as_str().unwrap_or("?");
            let action = if action.starts_with("latency") {
                "latency"
            } else {
                action
            };
            let key = format!("{} {action}", f["service"].as_str().unwrap_or("?"));
            *counts.entry(key).or_insert(0) += 1;
        }
        counts
    }
}

impl Proxy {
    /// Adds rules at run time (microburst's control API), e.g. ones that name a test's table.
    pub fn add_rules(&self, rules: Value) {
        let out = Command::new("curl")
            .args([
                "-fsS",
                "-X",
                "PATCH",
                "-H",
                "content-type: application/json",
                "--data",
                &rules.to_string(),
                &format!("{}/_microburst/rules", self.endpoint),
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "microburst rules: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What `RUST_LOG` is set to for a traced run: warnings as usual, and the call log's line for
/// every attempt of every AWS call (`aws call service=dynamodb operation=PutItem ...`).
pub const TRACE_CALLS: &str = "eventsctl=warn,eventsctl::aws::calls=debug";

/// The AWS calls in a traced run's stderr, as `(service, operation)`, once each.
pub fn calls_in(stderr: &str) -> std::collections::BTreeSet<(String, String)> {
    let field = |line: &str, name: &str| {
        line.split_whitespace()
            .find_map(|w| w.strip_prefix(name))
            .map(str::to_owned)
    };
    stderr
        .lines()
        .filter(|l| l.contains("aws call"))
        .filter_map(|l| Some((field(l, "service=")?, field(l, "operation=")?)))
        .collect()
}

impl World {
    /// Runs with the call log traced ([`TRACE_CALLS`]): the run, and every AWS call it made.
    pub fn run_traced(&self, args: &[&str]) -> (Run, std::collections::BTreeSet<(String, String)>) {
        let run: Run = self
            .command()
            .env("RUST_LOG", TRACE_CALLS)
            .args(args)
            .output()
            .expect("the binary runs")
            .into();
        let calls = calls_in(&run.stderr);
        (run, calls)
    }
}

impl World {
    /// The binary through a proxy instead of straight to the emulator.
    pub fn run_via(&self, proxy: &Proxy, args: &[&str]) -> Run {
        let mut all = vec!["--endpoint-url", proxy.endpoint.as_str()];
        all.extend_from_slice(args);
        self.run(&all)
    }
}

/// Turns TTL off on the test's table. The emulator deletes expired items within a minute (AWS
/// takes days), so a test that needs expired items to stay, as they do on AWS until the
/// background delete reaches them, turns TTL off first.
pub async fn keep_expired_items(w: &World) {
    w.dynamodb()
        .await
        .update_time_to_live()
        .table_name(w.table())
        .time_to_live_specification(
            aws_sdk_dynamodb::types::TimeToLiveSpecification::builder()
                .enabled(false)
                .attribute_name("ttl")
                .build()
                .unwrap(),
        )
        .send()
        .await
        .expect("UpdateTimeToLive");
}

/// The top-level `data` keys docs/json.md documents for each command ("data per command").
pub fn documented_data_keys() -> std::collections::HashMap<String, Vec<String>> {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json.md"))
        .expect("docs/json.md");
    let section = doc
        .split("## `data` per command")
        .nth(1)
        .expect("a `data` per command section");
    let mut out = std::collections::HashMap::new();
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let mut cells = line.trim_matches('|').splitn(2, '|');
        let (commands, data) = (cells.next().unwrap_or(""), cells.next().unwrap_or(""));
        let keys = top_level_names(data);
        // "`export start`, `status`, `list`": later names share the first one's command.
        let mut first_word = String::new();
        for name in commands.split(',').map(|c| c.trim().trim_matches('`')) {
            let full = if name.contains(' ') || first_word.is_empty() {
                first_word = name.split(' ').next().unwrap_or("").to_owned();
                name.to_owned()
            } else {
                format!("{first_word} {name}")
            };
            out.entry(full)
                .or_insert_with(Vec::new)
                .extend(keys.iter().cloned());
        }
    }
    out
}

/// Backticked names outside braces, brackets and parentheses: `a`, `b{c}`, `d[]` -> a, b, d.
fn top_level_names(cell: &str) -> Vec<String> {
    let mut names = Vec::new();
    let (mut depth, mut in_tick, mut current) = (0i32, false, String::new());
    for ch in cell.chars() {
        match ch {
            '`' if in_tick => {
                in_tick = false;
                if depth == 0 {
                    let name: String = current
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        names.push(name);
                    }
                }
                current.clear();
            }
            '`' => in_tick = true,
            _ if in_tick => current.push(ch),
            '(' | '{' | '[' => depth += 1,
            ')' | '}' | ']' => depth -= 1,
            _ => {}
        }
    }
    names
}

/// The JSON Schema of every `-o json` output, as committed (`docs/schema/eventsctl-v1.json`,
/// generated from the types by `scripts/gen-docs.sh`; `generated::the_json_schema_is_current`
/// checks it is).
fn committed_schema() -> &'static Value {
    static SCHEMA: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/schema/eventsctl-v1.json");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (scripts/gen-docs.sh writes it)", path.display()));
        serde_json::from_str(&text).expect("the schema is JSON")
    })
}

/// Whether `data` is what the committed schema's definition `def` (a command's data type, e.g.
/// `StreamTailData`) describes: a command's data checked against its own type, directly.
pub fn data_matches_shape(def: &str, data: &Value) -> bool {
    assert!(
        committed_schema()["$defs"].get(def).is_some(),
        "the schema defines no {def}"
    );
    part_validator(&serde_json::json!({ "$ref": format!("#/$defs/{def}") })).is_valid(data)
}

/// Whether `envelope` matches the committed schema (what every run's envelopes are held to).
pub fn matches_schema(envelope: &Value) -> bool {
    schema_validator().is_valid(envelope)
}

/// The committed schema, compiled once.
fn schema_validator() -> &'static jsonschema::Validator {
    static VALIDATOR: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    VALIDATOR.get_or_init(|| {
        jsonschema::validator_for(committed_schema()).expect("the schema is a valid JSON Schema")
    })
}

/// A validator of `part` of the committed schema (with its definitions).
pub fn part_validator(part: &Value) -> jsonschema::Validator {
    let mut schema = part.clone();
    schema["$schema"] = committed_schema()["$schema"].clone();
    schema["$defs"] = committed_schema()["$defs"].clone();
    jsonschema::validator_for(&schema).expect("a part of the schema is valid")
}

/// The committed schema's rule for `command`'s `data`: its declared shapes, or `{}`.
pub fn data_rule(command: &str) -> Option<&'static Value> {
    committed_schema()["$defs"]["Envelope"]["allOf"]
        .as_array()?
        .iter()
        .find(|r| r["if"]["properties"]["command"]["const"] == command)
        .map(|r| &r["then"]["properties"]["data"])
}

/// The errors of `instance` against `part` of the committed schema (with its definitions).
fn part_errors(instance: &Value, part: &Value) -> Vec<String> {
    part_validator(part)
        .iter_errors(instance)
        .take(6)
        .map(|e| format!("  {e} (at `{}`)", e.instance_path()))
        .collect()
}

/// Why `envelope` fails the schema, precisely: against the envelope it is (one result, a fleet,
/// a stream), then its `data` against each shape its command declares.
fn schema_failure(envelope: &Value) -> String {
    let kind = if envelope.get("results").is_some() {
        "FleetEnvelope"
    } else if envelope.get("items").is_some() {
        "StreamEnvelope"
    } else {
        "Envelope"
    };
    let reference = serde_json::json!({ "$ref": format!("#/$defs/{kind}") });
    let mut out = vec![format!("as {kind}:")];
    out.extend(part_errors(envelope, &reference));
    let shapes = envelope["command"]
        .as_str()
        .and_then(data_rule)
        .and_then(|rule| rule["anyOf"].as_array());
    for (i, shape) in shapes.into_iter().flatten().enumerate() {
        out.push(format!("`data` as shape {i} of `{}`:", envelope["command"]));
        out.extend(part_errors(&envelope["data"], shape));
    }
    out.join("\n")
}

/// Every JSON output the suite reads matches the published schema (issue 27): the envelope, and
/// the `data` of each command by the types its descriptor declares.
pub fn assert_matches_schema(envelope: &Value) {
    if schema_validator().is_valid(envelope) {
        return;
    }
    panic!(
        "the JSON output does not match docs/schema/eventsctl-v1.json:\n{}\n{envelope}",
        schema_failure(envelope)
    );
}

/// Every top-level `data` key of a JSON envelope is documented for its command in docs/json.md
/// (the JSON contract: a renamed or new key fails here until the doc says so).
pub fn assert_data_documented(envelope: &Value) {
    let (Some(command), Some(data)) = (envelope["command"].as_str(), envelope["data"].as_object())
    else {
        return;
    };
    let documented = documented_data_keys();
    let keys = documented
        .get(command)
        .unwrap_or_else(|| panic!("docs/json.md documents no `data` for `{command}`"));
    let missing: Vec<&String> = data.keys().filter(|k| !keys.contains(k)).collect();
    assert!(
        missing.is_empty(),
        "`{command}` data keys not in docs/json.md: {missing:?} (documented: {keys:?})"
    );
}

/// Test-only: the files an export would hold (the documented layout), written into the
/// emulator's S3 from the table's contents, since the emulator keeps only the bookkeeping.
pub async fn write_export_files(w: &World, export: &Value) -> u64 {
    use std::io::Write;
    let arn = export["arn"].as_str().unwrap();
    let bucket = export["bucket"].as_str().unwrap();
    let prefix = export["prefix"]
        .as_str()
        .map(|p| format!("{}/", p.trim_end_matches('/')))
        .unwrap_or_default();
    let id = arn.rsplit('/').next().unwrap();
    let root = format!("{prefix}AWSDynamoDB/{id}/");
    let ddb = w.dynamodb().await;
    let items: Vec<_> = ddb
        .scan()
        .table_name(w.table())
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    let s3 = w.s3().await;
    let mut manifest_files = String::new();
    for (n, chunk) in items.chunks(items.len().div_ceil(3).max(1)).enumerate() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        for item in chunk {
            let line =
                serde_json::json!({"Item": eventsctl::scale::ddbjson::item_to_ddb_json(item)});
            writeln!(gz, "{line}").unwrap();
        }
        let key = format!("{root}data/file-{n}.json.gz");
        s3.put_object()
            .bucket(bucket)
            .key(&key)
            .body(gz.finish().unwrap().into())
            .send()
            .await
            .unwrap();
        manifest_files.push_str(
            &serde_json::json!({"itemCount": chunk.len(), "md5Checksum": "-", "etag": "-", "dataFileS3Key": key})
                .to_string(),
        );
        manifest_files.push('\n');
    }
    let files_key = format!("{root}manifest-files.json");
    s3.put_object()
        .bucket(bucket)
        .key(&files_key)
        .body(manifest_files.into_bytes().into())
        .send()
        .await
        .unwrap();
    let summary = serde_json::json!({
        // clock-free: the manifest format's version string, not a date
        "version": "2020-06-30", "exportArn": arn, "itemCount": items.len(),
        "manifestFilesS3Key": files_key, "outputFormat": "DYNAMODB_JSON", "exportType": "FULL_EXPORT",
    });
    s3.put_object()
        .bucket(bucket)
        .key(format!("{root}manifest-summary.json"))
        .body(summary.to_string().into_bytes().into())
        .send()
        .await
        .unwrap();
    items.len() as u64
}

/// The table's key of an event: `user_id`, and `timestamp#event_id` as `{ts}#{id}`.
pub fn event_key(user: &str, ts: &str, id: &str) -> HashMap<String, AttributeValue> {
    HashMap::from([
        ("user_id".to_owned(), AttributeValue::S(user.into())),
        (
            "timestamp#event_id".to_owned(),
            AttributeValue::S(format!("{ts}#{id}")),
        ),
    ])
}

/// An event item written behind the tool's back: its key, `event_id`, `timestamp` (`ts` as
/// given: another writer's format may be the point) and `ttl` when given. A test adds what it
/// needs; what it leaves out (the indexes' sort keys) stays out.
pub fn event_item(
    user: &str,
    id: &str,
    ts: &str,
    ttl: Option<AttributeValue>,
) -> HashMap<String, AttributeValue> {
    let mut item = event_key(user, ts, id);
    item.insert("event_id".into(), AttributeValue::S(id.into()));
    item.insert("timestamp".into(), AttributeValue::S(ts.into()));
    if let Some(t) = ttl {
        item.insert("ttl".into(), t);
    }
    item
}

/// [`event_item`] with every attribute the tool writes for the table's keys and its indexes:
/// `event_type`, `status`, `event_type#timestamp`, `status#timestamp`.
pub fn indexed_event_item(
    user: &str,
    id: &str,
    event_type: &str,
    status: &str,
    ts: &str,
) -> HashMap<String, AttributeValue> {
    let mut item = event_item(user, id, ts, None);
    let s = |v: String| AttributeValue::S(v);
    item.insert("event_type".into(), s(event_type.into()));
    item.insert("status".into(), s(status.into()));
    item.insert(
        "event_type#timestamp".into(),
        s(format!("{event_type}#{ts}")),
    );
    item.insert("status#timestamp".into(), s(format!("{status}#{ts}")));
    item
}

/// `-o json events import FILE` and `more`.
pub fn import_json<'a>(file: &'a std::path::Path, more: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "-o",
        "json",
        "events",
        "import",
        file.to_str().expect("a UTF-8 path"),
    ];
    args.extend_from_slice(more);
    args
}

/// Runs `cmd` with `input` on its stdin (written from a thread, so a large input never blocks
/// on a full pipe).
pub fn run_with_stdin(mut cmd: Command, input: &str) -> Run {
    use std::io::Write;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_owned();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out.into()
}

/// `pitr-restore --to latest --target TARGET` and `more` (`--wait`, `-o json`, ...).
pub fn restore_latest<'a>(target: &'a str, more: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["pitr-restore", "--to", "latest", "--target", target];
    args.extend_from_slice(more);
    args
}

/// Point-in-time recovery off on `table`, behind the tool's back.
pub async fn pitr_off(ddb: &aws_sdk_dynamodb::Client, table: &str) {
    ddb.update_continuous_backups()
        .table_name(table)
        .point_in_time_recovery_specification(
            aws_sdk_dynamodb::types::PointInTimeRecoverySpecification::builder()
                .point_in_time_recovery_enabled(false)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
}

/// The TTL classes of `check-ttl`'s JSON `data.tally`, as docs/json.md lists them.
pub const TTL_CLASSES: [&str; 8] = [
    "missing",
    "not_number",
    "milliseconds",
    "too_old",
    "too_far",
    "expired_recent",
    "overdue",
    "older_than_30d",
];

/// A whole second `hours` before the run's clock. Event times in tests are relative to it: a
/// fixed date expires (its `ttl` is 30 days later) or leaves a `--since` window behind.
pub fn hours_ago(hours: i64) -> chrono::DateTime<chrono::Utc> {
    let t = chrono::Utc::now() - chrono::Duration::hours(hours);
    chrono::DateTime::from_timestamp(t.timestamp(), 0).expect("a time of this era")
}

/// `t` as an RFC 3339 input time to the second (`YYYY-MM-DDThh:mm:ssZ`).
pub fn rfc3339(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// What [`run_measuring_rss`] saw of a command.
pub struct Measured {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// Peak resident set size of the command alone, in KB.
    pub rss_kb: i64,
}

/// Runs `cmd` and measures its own peak memory. GNU time (`/usr/bin/time`, as bench/ uses)
/// forks the command from its own small process and reports it. A child spawned straight from
/// this test process cannot be measured with `wait4`: on Linux it starts as a vfork of the
/// test binary, and exec records that process's high-water mark as the child's, so a suite
/// whose test binary has grown reported 220 MB for a command that peaks at 66 MB.
pub fn run_measuring_rss(cmd: &Command) -> Measured {
    let report = tempfile::NamedTempFile::new().unwrap();
    let mut timed = Command::new("/usr/bin/time");
    timed
        .args(["-f", "%M", "-o"])
        .arg(report.path())
        .arg(cmd.get_program())
        .args(cmd.get_args());
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => timed.env(k, v),
            None => timed.env_remove(k),
        };
    }
    if let Some(dir) = cmd.get_current_dir() {
        timed.current_dir(dir);
    }
    let out = timed
        .output()
        .expect("/usr/bin/time (GNU time, Debian package `time`) measures peak memory");
    let text = std::fs::read_to_string(report.path()).unwrap();
    // GNU time writes "Command exited with non-zero status N" before the figure.
    let rss_kb = text
        .lines()
        .filter_map(|l| l.trim().parse::<i64>().ok())
        .next_back()
        .unwrap_or_else(|| panic!("no peak memory in GNU time's report: {text}"));
    Measured {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        rss_kb,
    }
}

/// `2000-12-07T01:09:30.510Z` (an RFC 3339 time, fraction and offset optional),
/// `20001207-010950` (a drill table's suffix) and `07/12/00 01:09:30` (a datapoint's time in a
/// CloudWatch alarm's StateReason) become `<time>`.
pub fn mask_times(s: &str) -> String {
    const RFC3339: &str = "dddd-dd-ddTdd:dd:dd";
    const COMPACT: &str = "dddddddd-dddddd";
    const STATE_REASON: &str = "dd/dd/dd dd:dd:dd";
    let fits = |t: &[u8], pattern: &str| {
        t.len() >= pattern.len()
            && pattern.bytes().zip(t).all(|(p, c)| match p {
                b'd' => c.is_ascii_digit(),
                p => p == *c,
            })
    };
    let b = s.as_bytes();
    let (mut out, mut i) = (String::new(), 0);
    while i < b.len() {
        let len = if fits(&b[i..], RFC3339) {
            let mut j = i + RFC3339.len();
            if b.get(j) == Some(&b'.') {
                j += 1;
                while b.get(j).is_some_and(u8::is_ascii_digit) {
                    j += 1;
                }
            }
            if b.get(j) == Some(&b'Z') {
                j += 1;
            } else if matches!(b.get(j), Some(b'+' | b'-')) && fits(&b[j + 1..], "dd:dd") {
                j += 6;
            }
            j - i
        } else if fits(&b[i..], COMPACT) {
            COMPACT.len()
        } else if fits(&b[i..], STATE_REASON) {
            STATE_REASON.len()
        } else {
            0
        };
        if len > 0 {
            out.push_str("<time>");
            i += len;
        } else {
            let c = s[i..].chars().next().unwrap_or_default();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}
