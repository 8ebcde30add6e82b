//! Operator mistakes and hostile data through the real binary: the production rule, the
//! output-file rule, bounded time against an endpoint that never answers, and terminal escaping
//! (docs/safety.md).

use std::io::Write;
use std::net::TcpListener;
use std::time::{Duration, Instant};

use crate::common::{self, World, closed_endpoint, count_items, ndjson};
use aws_sdk_dynamodb::types::AttributeValue;

fn events(n: usize, user: &str) -> Vec<String> {
    let base = chrono::Utc::now() - chrono::Duration::hours(1);
    (0..n)
        .map(|i| {
            serde_json::json!({
                "user_id": user,
                "event_type": "click",
                "timestamp": (base + chrono::Duration::milliseconds(i as i64)).to_rfc3339(),
                "payload": {"i": i},
            })
            .to_string()
        })
        .collect()
}

/// An endpoint that accepts connections and never answers (the hang the issue reproduced).
fn silent_endpoint() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    format!("http://127.0.0.1:{port}")
}

async fn table_exists(w: &World, name: &str) -> bool {
    w.dynamodb()
        .await
        .describe_table()
        .table_name(name)
        .send()
        .await
        .is_ok()
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn production_names_are_refused_for_table_create_whatever_their_form() {
    let w = World::new("p");
    for env in [
        format!("production-{}", w.env),
        format!("prd-{}", w.env),
        format!("live-{}", w.env),
        format!("prod2-{}", w.env),
    ] {
        let r = w.run(&["--env", &env, "table", "create"]);
        r.assert_code(1);
        assert!(
            r.stderr.contains("refusing table create"),
            "{env}: {}",
            r.stderr
        );
        assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
        assert!(
            !table_exists(&w, &format!("et-{env}-events")).await,
            "{env}"
        );
    }
    let prod_table = format!("et-{}-prod-events", w.env);
    for extra in [&[][..], &["--yes"][..], &["--dry-run"][..]] {
        let mut args = vec!["--table", prod_table.as_str(), "table", "create"];
        args.extend_from_slice(extra);
        let r = w.run(&args);
        r.assert_code(if extra == ["--yes"] { 64 } else { 1 });
    }
    assert!(!table_exists(&w, &prod_table).await);
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn every_write_to_production_needs_yes_and_a_dry_run_always_works() {
    let w = World::new("p");
    let prod_table = format!("et-{}-prod-events", w.env);
    // Made with the rule configured away (no markers at all), as Terraform would.
    w.run(&[
        "--production-markers",
        "none",
        "--table",
        &prod_table,
        "table",
        "create",
    ])
    .assert_code(0);
    let f = ndjson(&events(30, "u"));
    let file = f.path().to_str().unwrap();
    let t = ["--table", prod_table.as_str()];
    let with = |rest: &[&str]| {
        let mut a = t.to_vec();
        a.extend_from_slice(rest);
        w.run(&a)
    };
    for args in [
        &["events", "import", file][..],
        &["events", "put", "--user", "u", "--type", "t"][..],
        &["bench", "write", "--duration", "1s", "--rate", "5"][..],
    ] {
        let r = with(args);
        // bench is a check: refused, it could not evaluate (3); actions fail (1).
        r.assert_code(if args[0] == "bench" { 3 } else { 1 });
        assert!(
            r.stderr.contains("refusing") && r.stderr.contains("--yes"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(
            r.stderr.contains("docs/safety.md"),
            "the rule is named: {}",
            r.stderr
        );
    }
    let ddb = w.dynamodb().await;
    assert_eq!(count_items(&ddb, &prod_table).await, 0, "nothing written");
    with(&["events", "import", file, "--dry-run"]).assert_code(0);
    with(&["events", "put", "--user", "u", "--type", "t", "--dry-run"]).assert_code(0);
    assert_eq!(count_items(&ddb, &prod_table).await, 0);
    with(&["events", "import", file, "--yes"]).assert_code(0);
    assert_eq!(count_items(&ddb, &prod_table).await, 30);
    // The environment counts as much as the table name.
    let prod_env = format!("{}-prod", w.env);
    for args in [
        &["alarms", "apply"][..],
        &["alarms", "apply", "--health-check"][..],
        &["dashboard", "apply"][..],
    ] {
        let mut a = vec!["--env", prod_env.as_str()];
        a.extend_from_slice(args);
        let r = w.run(&a);
        r.assert_code(1);
        assert!(
            r.stderr.contains("production marker `prod`"),
            "{}",
            r.stderr
        );
        a.push("--dry-run");
        w.run(&a).assert_code(0);
    }
}

/// `EVENTSCTL_PRODUCTION_MARKERS=foo` replaced the default markers, so `--env prod events put`
/// wrote without --yes. A configured list adds to the defaults; removing one takes a written
/// `-marker` or `none`, and every write says which markers are in force while a default is
/// removed. Refused before any call: the endpoint here is closed.
#[test]
fn configured_markers_add_to_the_defaults_and_a_removal_is_said_on_every_write() {
    let w = World::offline("markers");
    let put = [
        "--env", "prod", "events", "put", "--user", "u", "--type", "t",
    ];
    let r = w
        .command()
        .env("EVENTSCTL_PRODUCTION_MARKERS", "foo")
        .args(put)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("refusing events put") && stderr.contains("production marker"),
        "{stderr}"
    );
    // The added marker counts too.
    let r = w.run(&[
        "--production-markers",
        "foo",
        "--env",
        "foo2",
        "events",
        "put",
        "--user",
        "u",
        "--type",
        "t",
    ]);
    r.assert_code(1);
    assert!(r.stderr.contains("refusing events put"), "{}", r.stderr);
    // Removing a default is written out, and said on each write (a dry run here: no call).
    for (markers, in_force) in [("-prod", "prd,production,live"), ("none", "none")] {
        let mut args = vec!["--production-markers", markers];
        args.extend_from_slice(&put);
        args.push("--dry-run");
        let r = w.run(&args);
        r.assert_code(0);
        assert!(
            r.stderr
                .contains(&format!("production markers in force: {in_force}"))
                && r.stderr.contains("default markers removed"),
            "{markers}: {}",
            r.stderr
        );
    }
    // Nothing removed: nothing said.
    let mut args = vec!["--production-markers", "pci"];
    args.extend_from_slice(&put);
    args.push("--dry-run");
    let r = w.run(&args);
    r.assert_code(0);
    assert!(!r.stderr.contains("markers in force"), "{}", r.stderr);
    let r = w.run(&[
        "--production-markers",
        "-pci",
        "events",
        "put",
        "--user",
        "u",
        "--type",
        "t",
    ]);
    r.assert_code(64);
}

#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn output_files_never_replace_the_input_or_an_existing_file_and_are_checked_first() {
    let w = World::new("out-files");
    w.create_table();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("events.ndjson");
    let text = events(200, "u").join("\n");
    std::fs::write(&input, &text).unwrap();
    let inp = input.to_str().unwrap();
    // The input itself, even with --force, and through another spelling of its path.
    let dotted = dir.path().join(".").join("events.ndjson");
    for out in [inp, dotted.to_str().unwrap()] {
        for force in [false, true] {
            let mut a = vec!["events", "import", inp, "--failed-out", out];
            if force {
                a.push("--force");
            }
            let r = w.run(&a);
            r.assert_code(64);
            assert!(r.stderr.contains("is the input file"), "{}", r.stderr);
        }
    }
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        text,
        "input intact"
    );
    // An existing file needs --force.
    let old = dir.path().join("old.ndjson");
    std::fs::write(&old, "keep").unwrap();
    let r = w.run(&[
        "events",
        "import",
        inp,
        "--failed-out",
        old.to_str().unwrap(),
    ]);
    r.assert_code(64);
    assert!(r.stderr.contains("already exists") && r.stderr.contains("--force"));
    // A missing directory: the error names --failed-out and its path, not the input.
    let missing = dir.path().join("no-such-dir").join("failed.ndjson");
    let r = w.run(&[
        "events",
        "import",
        inp,
        "--failed-out",
        missing.to_str().unwrap(),
    ]);
    r.assert_code(64);
    assert!(
        r.stderr.contains("--failed-out")
            && r.stderr.contains("no-such-dir")
            && !r.stderr.contains("events.ndjson"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_to_string(&old).unwrap(), "keep");

    // --report is checked before the first AWS call: against an endpoint where nothing
    // listens, the answer is the usage error, at once.
    let closed = closed_endpoint();
    let started = Instant::now();
    let report = dir.path().join("nowhere").join("monthly.md");
    let r = w.run(&[
        "--endpoint-url",
        &closed,
        "health-check",
        "monthly",
        "--report",
        report.to_str().unwrap(),
    ]);
    r.assert_code(64);
    assert!(
        r.stderr.contains("--report") && r.stderr.contains("nowhere"),
        "{}",
        r.stderr
    );
    assert!(started.elapsed() < Duration::from_secs(3));
    let existing = dir.path().join("monthly.md");
    std::fs::write(&existing, "last month").unwrap();
    let r = w.run(&[
        "health-check",
        "monthly",
        "--report",
        existing.to_str().unwrap(),
    ]);
    r.assert_code(64);
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "last month");
}

#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn a_report_that_cannot_be_written_keeps_stdout_and_the_exit_code() {
    let w = World::new("out-full");
    w.create_table();
    let plain = w.run(&["-o", "json", "health-check", "monthly"]);
    // /dev/full accepts the open and fails every write (ENOSPC).
    let r = w.run(&[
        "-o",
        "json",
        "health-check",
        "monthly",
        "--report",
        "/dev/full",
        "--force",
    ]);
    assert_eq!(r.code, plain.code, "{}", r.stderr);
    assert_eq!(
        r.json()["findings"].as_array().unwrap().len(),
        plain.json()["findings"].as_array().unwrap().len()
    );
    assert!(
        r.stderr.contains("the report was not saved"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
}

#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn a_drill_report_named_json_keeps_its_markdown() {
    let w = World::new("drill-json");
    w.create_table();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drill.json");
    let r = w.run(&["dr-drill", "--report", path.to_str().unwrap()]);
    assert!(r.code == 0 || r.code == 1, "{}\n{}", r.stdout, r.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).expect("drill.json is JSON");
    assert_eq!(json["command"], "dr-drill");
    common::assert_matches_schema(&json);
    let md = std::fs::read_to_string(dir.path().join("drill.md")).unwrap();
    assert!(md.starts_with("## eventsctl dr-drill"), "{md}");
    // Run again: both exist, so nothing is replaced without --force.
    let again = w.run(&["dr-drill", "--report", path.to_str().unwrap()]);
    again.assert_code(64);
}

#[test]
fn an_endpoint_that_never_answers_costs_the_timeout_and_one_line_naming_it() {
    let w = World::offline("hang");
    let silent = silent_endpoint();
    let port = silent.rsplit(':').next().unwrap().to_owned();
    // A check: unknown (3), within its limit.
    let started = Instant::now();
    let r = w.run(&[
        "--endpoint-url",
        &silent,
        "--timeout",
        "6s",
        "diagnose",
        "throttling",
    ]);
    let took = started.elapsed();
    assert_eq!(r.code, 3, "{}\n{}", r.stdout, r.stderr);
    assert!(took < Duration::from_secs(10), "{took:?}");
    // Either the run's time ran out (one line on stderr) or the check established first that
    // AWS does not answer (one finding, docs/evidence.md): the endpoint is named once.
    assert!(r.stderr.trim().lines().count() <= 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(&port) || r.stdout.contains(&port),
        "names the endpoint: {}\n{}",
        r.stdout,
        r.stderr
    );

    // An import of 50 events: stops at its limit, says what did not land, keeps it in a file.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.ndjson");
    std::fs::write(&input, events(50, "u").join("\n")).unwrap();
    let started = Instant::now();
    let r = w.run(&common::import_json(
        &input,
        &["--endpoint-url", &silent, "--timeout", "8s"],
    ));
    let took = started.elapsed();
    r.assert_code(1);
    assert!(took < Duration::from_secs(15), "{took:?}");
    let d = &r.json()["data"];
    assert_eq!(d["failed"], 50, "{d}");
    assert!(
        d["stopped"].as_str().unwrap().contains("time ran out"),
        "{d}"
    );
    let failed = std::fs::read_to_string(d["failed_out"].as_str().unwrap()).unwrap();
    assert_eq!(failed.lines().count(), 50);

    // A stream tail bounded by --for and the timeout, not 90 seconds.
    let started = Instant::now();
    let r = w.run(&[
        "--endpoint-url",
        &silent,
        "--timeout",
        "5s",
        "stream",
        "tail",
        "--for",
        "2s",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(started.elapsed() < Duration::from_secs(9));
    assert!(r.stderr.contains(&port), "{}", r.stderr);
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn stored_control_characters_never_reach_the_terminal_raw() {
    let w = World::new("escape");
    w.create_table();
    common::keep_expired_items(&w).await;
    let ddb = w.dynamodb().await;
    let t = w.table();
    let ts = "2000-01-01T00:00:00.000000Z";
    let evil = "\u{1b}]0;pwned\u{7}\u{1b}[2J";
    ddb.put_item()
        .table_name(&t)
        .set_item(Some(common::indexed_event_item(
            &format!("u{evil}"),
            "e1",
            &format!("x{evil}"),
            "pending",
            ts,
        )))
        .item("ttl", AttributeValue::N("1580000000".into()))
        .item(
            "payload",
            AttributeValue::M([(format!("k{evil}"), AttributeValue::S(evil.into()))].into()),
        )
        .item(
            "blob",
            AttributeValue::B(aws_smithy_types::Blob::new(vec![0u8, 1, 2, 0x1b])),
        )
        .send()
        .await
        .unwrap();
    let user = format!("u{evil}");
    let raw = |s: &str| s.contains('\u{1b}') || s.contains('\u{7}');
    for format in ["table", "markdown"] {
        for args in [
            vec![
                "-o",
                format,
                "events",
                "get",
                "--user",
                &user,
                "--event-id",
                "e1",
            ],
            vec![
                "-o",
                format,
                "events",
                "query",
                "--user",
                &user,
                "--include-expired",
            ],
            vec!["-o", format, "check-ttl", "--full"],
        ] {
            let r = w.run(&args);
            assert!(r.code != 64, "{args:?}: {}", r.stderr);
            assert!(
                !raw(&r.stdout),
                "{args:?} printed raw control characters:\n{}",
                r.stdout
            );
            assert!(!raw(&r.stderr), "{args:?}: {}", r.stderr);
        }
    }
    let get = w.run(&["events", "get", "--user", &user, "--event-id", "e1"]);
    assert!(get.stdout.contains("\\x1b]0;pwned\\x07"), "{}", get.stdout);
    // The binary attribute is shown, base64 and marked as binary.
    assert!(
        get.stdout.contains(r#"blob={"$binary":"AAECGw=="}"#),
        "{}",
        get.stdout
    );
    // JSON stays exact: the same characters, JSON-escaped.
    let json = w.run(&[
        "-o",
        "json",
        "events",
        "get",
        "--user",
        &user,
        "--event-id",
        "e1",
    ]);
    json.assert_code(0);
    let v = json.json();
    assert_eq!(v["data"]["event"]["event_type"], format!("x{evil}"));
    assert_eq!(v["data"]["event"]["blob"]["$binary"], "AAECGw==");
    let q = w.run(&[
        "-o",
        "ndjson",
        "events",
        "query",
        "--user",
        &user,
        "--include-expired",
    ]);
    assert!(q.stdout.contains(r#""$binary":"AAECGw==""#), "{}", q.stdout);

    // An import error that quotes an input field name escapes it too.
    let f = ndjson(&[format!(
        r#"{{"user_id":"u","event_type":"t","timestamp":"{}","{}":1}}"#,
        common::rfc3339(common::hours_ago(1)),
        "\\u001b]0;pwned\\u0007"
    )]);
    let r = w.run(&["events", "import", f.path().to_str().unwrap()]);
    r.assert_code(1);
    assert!(r.stdout.contains("unknown field"), "{}", r.stdout);
    assert!(!raw(&r.stdout), "{}", r.stdout);
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn verbose_logs_each_call_and_retry_without_payloads_or_secrets() {
    let _heavy = common::emulator_heavy().await;
    let w = World::new("verbose");
    w.create_table();
    let secret = "S3CRETkey-never-printed";
    let put = |v: &str| {
        w.command()
            .env("AWS_SECRET_ACCESS_KEY", secret)
            .args([
                v,
                "events",
                "put",
                "--user",
                "u",
                "--type",
                "t",
                "--payload",
                r#"{"card":"4111-1111-hunter2"}"#,
            ])
            .output()
            .unwrap()
    };
    let quiet = put("-q");
    assert!(quiet.stderr.is_empty());
    let debug = String::from_utf8(put("-vv").stderr).unwrap();
    assert!(debug.contains("aws call"), "{debug}");
    assert!(
        debug.contains("PutItem") && debug.contains(&format!("table {}", w.table())),
        "{debug}"
    );
    assert!(
        debug.contains("attempt=1") && debug.contains("duration_ms="),
        "{debug}"
    );
    for (level, out) in [
        ("-vv", &debug),
        ("-v", &String::from_utf8(put("-v").stderr).unwrap()),
    ] {
        assert!(!out.contains("hunter2"), "{level} logged a payload: {out}");
        assert!(!out.contains(secret), "{level} logged a credential: {out}");
    }
    // A retry is logged at info, with what it retries.
    let proxy = common::Proxy::start("throttle-once.yaml");
    let r = w
        .command()
        .args([
            "--endpoint-url",
            &proxy.endpoint,
            "-v",
            "events",
            "put",
            "--user",
            "u",
            "--type",
            "t",
        ])
        .output()
        .unwrap();
    let info = String::from_utf8(r.stderr).unwrap();
    assert!(r.status.success(), "{info}");
    assert!(
        info.contains("retrying dynamodb:PutItem") && info.contains("attempt 2"),
        "{info}"
    );
    assert!(
        !info.contains("aws call"),
        "per-call lines are debug, not info: {info}"
    );
    let _ = std::io::stderr().flush();
}

/// Bench events in the table, counted by a Scan (the bench is the only writer in these tables).
async fn bench_events_left(w: &World) -> usize {
    count_items(&w.dynamodb().await, &w.table()).await
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn bench_write_cleans_up_on_sigint_and_sigterm() {
    let w = World::new("bench-signal");
    w.create_table();
    for signal in ["-INT", "-TERM"] {
        let child = w
            .command()
            .args([
                "-o",
                "json",
                "bench",
                "write",
                "--rate",
                "50",
                "--duration",
                "60s",
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        common::wait_for_async(
            Duration::from_secs(60),
            &format!("{signal}: the bench writing 20 events"),
            async || (bench_events_left(&w).await > 20).then_some(()),
        )
        .await;
        let started = Instant::now();
        std::process::Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(started.elapsed() < Duration::from_secs(20), "{signal}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{signal}: {e}: {}", String::from_utf8_lossy(&out.stderr)));
        assert_eq!(v["data"]["interrupted"], true, "{signal}");
        assert_eq!(v["data"]["not_deleted"], 0, "{signal}");
        assert_eq!(
            bench_events_left(&w).await,
            0,
            "{signal}: nothing left behind"
        );
    }
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn bench_cleanup_purges_a_killed_run() {
    let w = World::new("bench-kill");
    w.create_table();
    let mut child = w
        .command()
        .args(["bench", "write", "--rate", "50", "--duration", "60s"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    common::wait_for_async(
        Duration::from_secs(60),
        "the bench writing 20 events",
        async || (bench_events_left(&w).await > 20).then_some(()),
    )
    .await;
    std::process::Command::new("kill")
        .args(["-9", &child.id().to_string()])
        .status()
        .unwrap();
    let _ = child.wait();
    let left = bench_events_left(&w).await;
    assert!(left > 20, "a kill -9 leaves the events: {left}");
    // `--older-than 1s` counts the events once the killed run's last write is a second old:
    // wait for the dry run to report them (all but the run's marker).
    let dry = common::wait_for(
        Duration::from_secs(30),
        "the dry run to count all but the run's marker",
        || {
            let dry = w.run(&["-o", "json", "bench", "cleanup", "--older-than", "1s"]);
            dry.assert_code(0);
            let events = dry.json()["data"]["events"].as_u64().unwrap() as usize;
            (events == left - 1).then_some(dry)
        },
    );
    assert_eq!(dry.json()["data"]["runs"], 1);
    assert_eq!(
        bench_events_left(&w).await,
        left,
        "without --yes nothing is deleted"
    );
    let done = w.run(&[
        "-o",
        "json",
        "bench",
        "cleanup",
        "--older-than",
        "1s",
        "--yes",
    ]);
    done.assert_code(0);
    assert_eq!(bench_events_left(&w).await, 0, "events and marker gone");
}

#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn bench_against_an_unreachable_endpoint_is_unknown_and_the_duration_holds_at_any_rate() {
    let w = World::new("bench-limits");
    let closed = closed_endpoint();
    let r = w.run(&[
        "--endpoint-url",
        &closed,
        "-o",
        "json",
        "bench",
        "write",
        "--duration",
        "2s",
    ]);
    r.assert_code(3);
    let f = r.finding("bench.preflight");
    assert_eq!(f["status"], "unknown");
    assert!(!r.stdout.contains("p50 0.0"), "{}", r.stdout);
    w.create_table();
    let started = Instant::now();
    let r = w.run(&[
        "-o",
        "json",
        "bench",
        "write",
        "--rate",
        "1000000",
        "--duration",
        "3s",
    ]);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(25), "3 s asked, {took:?} taken");
    // Any verdict (a loaded emulator may answer none of 2,048 requests in flight in time:
    // unknown), but a report, on time, with what was not sent counted and nothing left behind.
    assert!((0..=3).contains(&r.code), "{}\n{}", r.stdout, r.stderr);
    assert!(r.json()["data"]["dropped"].as_u64().unwrap() > 0);
    assert_eq!(r.json()["data"]["not_deleted"], 0);
}

/// The guard of the JSON contract: every `-o json` run in these tests checks its `data` keys
/// against docs/json.md (`common::assert_data_documented`); this checks the guard itself.
#[test]
fn json_md_documents_the_data_keys_of_each_command() {
    let d = common::documented_data_keys();
    assert_eq!(d["export status"], d["export start"], "shared rows");
    assert!(d["health-check quarterly"].contains(&"prices".to_owned()));
    assert!(d["dr-drill"].contains(&"rto_s".to_owned()));
    let run = &d["insights run"];
    assert!(run.contains(&"status".to_owned()));
    assert!(
        !run.contains(&"Complete".to_owned()),
        "values in parentheses are not keys"
    );
    assert!(
        !d["diagnose throttling"].contains(&"window".to_owned()),
        "nested fields are not top-level keys"
    );
    let drifted = std::panic::catch_unwind(|| {
        common::assert_data_documented(
            &serde_json::json!({"command": "table verify", "data": {"table": "t", "renamed": 1}}),
        )
    });
    assert!(drifted.is_err(), "an undocumented key fails");
    common::assert_data_documented(
        &serde_json::json!({"command": "table verify", "data": {"table": "t", "table_arn": "a"}}),
    );
}

/// The shape of a JSON value: every object's keys in output order, each value's type (`int` for
/// an integer, `float` for a number written with a fraction or exponent, `null` for a null that
/// is present), and the distinct shapes of an array's items. A stored event's attributes come in
/// no fixed order (DynamoDB returns a map): sorted.
fn shape(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::{Value, json};
    match v {
        Value::Null => json!("null"),
        Value::Bool(_) => json!("bool"),
        Value::Number(n) if n.is_f64() => json!("float"),
        Value::Number(_) => json!("int"),
        Value::String(_) => json!("string"),
        Value::Array(items) => {
            let mut shapes: Vec<Value> = Vec::new();
            for s in items.iter().map(shape) {
                if !shapes.contains(&s) {
                    shapes.push(s);
                }
            }
            Value::Array(shapes)
        }
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let s = shape(v);
                    match (k.as_str(), s) {
                        ("event", Value::Object(attrs)) => {
                            let sorted: std::collections::BTreeMap<_, _> =
                                attrs.into_iter().collect();
                            (k.clone(), Value::Object(sorted.into_iter().collect()))
                        }
                        (_, s) => (k.clone(), s),
                    }
                })
                .collect(),
        ),
    }
}

/// Values that differ from run to run, written as their type: counts of what other tests leave
/// in the shared emulator (CloudTrail's events), and times the run takes.
const VOLATILE_EVIDENCE: [&str; 4] = ["events_read", "lag_s", "rto_ms", "rto_s"];
/// A drill function's name ends with a digest of the table's name, which names the test's
/// environment: `eventsctl-drill-api-<time>-DIGEST`.
fn mask_drill_digest(s: &str) -> String {
    match s.rsplit_once('-') {
        Some((head, tail))
            if s.starts_with("eventsctl-drill-")
                && tail.len() == 8
                && tail.bytes().all(|b| b.is_ascii_hexdigit()) =>
        {
            format!("{head}-DIGEST")
        }
        _ => s.to_owned(),
    }
}

/// Evidence strings new with every run, kept as their type.
const VOLATILE_STRINGS: [&str; 5] = [
    "revision_id",
    "revision_after",
    "uuid",
    "canary_event_id",
    "record_path",
];

/// The findings of one run as `{check, status, evidence}`, the evidence with what changes from
/// run to run masked: this test's environment name (`ENV`), date-times (`<time>`) and the
/// values of [`VOLATILE_EVIDENCE`]; check ids name the environment too (`iam.role.ENV-role`).
fn findings_evidence(envelope: &serde_json::Value, env: &str) -> serde_json::Value {
    use serde_json::{Value, json};
    fn mask(v: &Value, env: &str) -> Value {
        match v {
            Value::String(s) => Value::String(mask_drill_digest(&common::mask_times(
                &s.replace(env, "ENV"),
            ))),
            Value::Array(items) => items.iter().map(|i| mask(i, env)).collect(),
            Value::Object(m) => m
                .iter()
                .map(|(k, v)| match v {
                    Value::Number(_) if VOLATILE_EVIDENCE.contains(&k.as_str()) => {
                        (k.clone(), shape(v))
                    }
                    // A Lambda function's RevisionId is new with every function, a mapping's
                    // UUID and a canary's event id with every run, a record's path with every
                    // test's state directory.
                    Value::String(_) if VOLATILE_STRINGS.contains(&k.as_str()) => {
                        (k.clone(), shape(v))
                    }
                    v => (k.clone(), mask(v, env)),
                })
                .collect(),
            v => v.clone(),
        }
    }
    let findings = envelope["findings"].as_array().cloned().unwrap_or_default();
    findings
        .iter()
        .map(|f| json!({"check": mask(&f["check"], env), "status": f["status"], "evidence": mask(&f["evidence"], env)}))
        .collect()
}

/// The JSON contract beyond the key names: one fixed scenario runs every command the emulator
/// serves with `-o json`, and the shape of each `data` (keys, their order, types, null versus
/// absent) must match `tests/snapshots/json-data-shapes.json`. The same runs are traced: every
/// AWS call each command makes must be one of the operations its IAM policy is derived from
/// (`iam-policy` grants exactly what the commands call). A change to the contract is a
/// change to that file (regenerate it with `EVENTSCTL_UPDATE_SNAPSHOTS=1`) and to docs/json.md.
#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn json_data_of_every_command_keeps_its_checked_in_shape() {
    let w = World::new("json-shapes");
    // A log group with two lines for `insights run` (found under /aws/lambda/{prefix}-{env}).
    let group = format!("/aws/lambda/{}-{}-api", common::PREFIX, w.env);
    let logs = w.logs().await;
    logs.create_log_group()
        .log_group_name(&group)
        .send()
        .await
        .unwrap();
    logs.create_log_stream()
        .log_group_name(&group)
        .log_stream_name("s")
        .send()
        .await
        .unwrap();
    let now = chrono::Utc::now().timestamp_millis();
    logs.put_log_events()
        .log_group_name(&group)
        .log_stream_name("s")
        .set_log_events(Some(
            ["Event created user=1 took_ms=5", "Query events n=3"]
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    aws_sdk_cloudwatchlogs::types::InputLogEvent::builder()
                        .timestamp(now - 60_000 + i as i64)
                        .message(*m)
                        .build()
                        .unwrap()
                })
                .collect(),
        ))
        .send()
        .await
        .unwrap();
    // Relative to the run's clock: a fixed date expires (its ttl is 30 days later) and changes
    // what `events get` reports.
    let ts = (chrono::Utc::now() - chrono::Duration::days(1))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let dup = format!(
        r#"{{"user_id":"u2","event_type":"t","payload":{{"x":1}},"event_id":"d","timestamp":"{ts}"}}"#
    );
    let input = ndjson(&[
        r#"{"user_id":"u2","event_type":"t","payload":{"x":1}}"#.to_owned(),
        dup.clone(),
        dup,
        "not json".to_owned(),
    ]);
    let input = input.path().to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let failed_out = dir.path().join("failed.ndjson");
    let failed_out = failed_out.to_str().unwrap();
    let restored = format!("{}-restored", w.table());
    // The API's function naming the table, for the cutover and its rollback.
    crate::dr::create_api(&w).await;
    let record = w
        .state_dir()
        .join(format!("cutover-{}-to-{restored}.json", w.table()));
    let record = record.to_str().unwrap().to_owned();
    let config = dir.path().join("eventsctl.toml");
    let config = config.to_str().unwrap();
    // The drill functions' role: the API's (create_api made it).
    let role = format!("arn:aws:iam::000000000000:role/{}-role", w.env);
    // One step a line; FILE, OUT, TARGET, RECORD, QUERY, TS, CFG and ROLE stand for the values
    // above.
    let scenario = [
        "table create --dry-run",
        "table create",
        "table create",
        "table verify",
        "table describe",
        r#"events put --user u1 --type t --payload {"a":1} --event-id e1 --timestamp TS"#,
        "events put --user u1 --type t --dry-run",
        "events get --user u1 --event-id e1",
        "events import FILE --skip-invalid --failed-out OUT --force",
        "events import FILE --skip-invalid --dry-run",
        "events query --user u1",
        "events delete --user u1 --event-id e1 --dry-run",
        "events delete --user u1 --event-id e1 --yes",
        "diagnose throttling",
        "diagnose latency",
        "diagnose writes",
        "alarms apply --dry-run",
        "alarms apply",
        "alarms status",
        "dashboard apply --dry-run",
        "dashboard show",
        "check-ttl",
        "check-ttl --full --estimate",
        "check-ttl --full",
        "check-ttl --cleanup --dry-run",
        "check-ttl --repair --dry-run",
        "check-ttl --repair --yes",
        "export list",
        "export start --dry-run --bucket bkt",
        "stream-status",
        "insights list",
        "insights run --query QUERY",
        "insights run write-latency-by-user --latency-field took_ms",
        "iam-policy",
        "hot-partitions",
        "hot-partitions --enable-contributor-insights --dry-run",
        "changes",
        "health-check quarterly",
        "health-check monthly",
        "pitr-restore --to latest --dry-run",
        "dr-drill --dry-run",
        "pitr-restore --to latest --wait --target TARGET --yes",
        "dr cutover --to TARGET --dry-run",
        "dr cutover --to TARGET --canary-timeout 30s",
        "dr rollback --record RECORD --no-canary",
        "dr-drill --sample 5",
        "dr-drill --cutover --role ROLE --dry-run",
        "dr-drill --cutover --corruption 3 --role ROLE --canary-timeout 60s",
        "alarms backtest --days 1 --pages-per-month 2",
        "alarms test --dry-run",
        "config show",
        "config init --file CFG",
        "iam audit --advisor-wait 0",
        "table fix --dry-run",
        "table fix",
    ];
    let mut got = serde_json::Map::new();
    let mut evidence = serde_json::Map::new();
    let mut alarms = Vec::new();
    // Every AWS call each step made (the call log at debug), against the operations its
    // command's IAM policy is derived from.
    let mut undeclared = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (step, line) in scenario.iter().enumerate() {
        let mut all = vec!["-o", "json"];
        all.extend(line.split_whitespace().map(|a| match a {
            "FILE" => input,
            "OUT" => failed_out,
            "TARGET" => restored.as_str(),
            "RECORD" => record.as_str(),
            "QUERY" => "fields @timestamp, @message",
            "TS" => ts.as_str(),
            "CFG" => config,
            "ROLE" => role.as_str(),
            a => a,
        }));
        let (r, calls) = w.run_traced(&all);
        let label = format!("{:02} {line}", step + 1);
        let words: Vec<&str> = line.split_whitespace().collect();
        let declared =
            eventsctl::spec::iam::declared_operations(&words[..words.len().min(2)].join(" "))
                .or_else(|| eventsctl::spec::iam::declared_operations(words[0]))
                .unwrap_or_else(|| panic!("`{line}`: no command of iam-policy"));
        for (service, operation) in calls {
            if !declared.contains(&(service.as_str(), operation.as_str())) {
                undeclared.push(format!("{label}: {service}:{operation}"));
            }
            seen.insert((service, operation));
        }
        let v = r.json();
        if *line == "alarms apply" {
            alarms.extend(
                v["data"]["plan"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p["alarm"].as_str().unwrap().to_owned()),
            );
        }
        evidence.insert(label.clone(), findings_evidence(&v, &w.env));
        got.insert(
            label,
            serde_json::json!({"command": v["command"], "data": shape(&v["data"])}),
        );
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots/json-data-shapes.json");
    let got = serde_json::Value::Object(got);
    // Tables go with the World; the alarms and the log group this test made go here.
    w.cloudwatch()
        .await
        .delete_alarms()
        .set_alarm_names(Some(alarms))
        .send()
        .await
        .unwrap();
    logs.delete_log_group()
        .log_group_name(&group)
        .send()
        .await
        .unwrap();
    assert!(
        undeclared.is_empty(),
        "calls their command's policy does not declare (src/spec/iam.rs):\n{}",
        undeclared.join("\n")
    );
    // The trace saw the scenario's calls: writes, reads, metrics, alarms, trails, exports.
    for (service, operation) in [
        ("dynamodb", "CreateTable"),
        ("dynamodb", "BatchExecuteStatement"),
        ("dynamodb", "Query"),
        ("dynamodb", "Scan"),
        ("dynamodb", "RestoreTableToPointInTime"),
        ("dynamodb", "ListExports"),
        ("cloudwatch", "GetMetricData"),
        ("cloudwatch", "PutMetricAlarm"),
        ("cloudtrail", "LookupEvents"),
        ("logs", "StartQuery"),
    ] {
        assert!(
            seen.contains(&(service.to_owned(), operation.to_owned())),
            "{service}:{operation} not seen: {seen:?}"
        );
    }
    let evidence_path = path.with_file_name("finding-evidence.json");
    let evidence =
        serde_json::to_string_pretty(&serde_json::Value::Object(evidence)).unwrap() + "\n";
    if std::env::var_os("EVENTSCTL_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
        std::fs::write(&evidence_path, evidence).unwrap();
        return;
    }
    // The evidence of every finding, as text (key order, integer versus float, null versus
    // absent): a check's evidence is a typed struct, and its JSON is the documented contract
    // (docs/evidence.md, docs/runbook-map.md).
    let want_evidence = std::fs::read_to_string(&evidence_path).unwrap();
    for (want, got) in want_evidence.lines().zip(evidence.lines()) {
        assert_eq!(
            got, want,
            "the evidence of a finding changed (tests/snapshots/finding-evidence.json; regenerate with EVENTSCTL_UPDATE_SNAPSHOTS=1 if the change is meant, and update docs/evidence.md)"
        );
    }
    assert_eq!(evidence.lines().count(), want_evidence.lines().count());
    let want: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    // Compared as text: a JSON object's equality ignores the order of its keys.
    for (label, shape) in want.as_object().unwrap() {
        assert_eq!(
            got[label].to_string(),
            shape.to_string(),
            "`{label}` -o json data changed shape (docs/json.md is the contract; if the change is meant, regenerate tests/snapshots/json-data-shapes.json with EVENTSCTL_UPDATE_SNAPSHOTS=1)"
        );
    }
    assert_eq!(
        got.as_object().unwrap().len(),
        want.as_object().unwrap().len(),
        "one shape a scenario step"
    );
}
