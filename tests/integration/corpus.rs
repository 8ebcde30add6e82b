//! The bad-input corpus (tests/corpus/): every malformed line and every bad flag value gives one
//! clear line and the documented exit code, never a panic. The test counts the cases it ran.

use std::path::PathBuf;

use crate::common::{self, World, count_items};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// What each bad line must be reported as (a substring of the reason).
fn expected_reason(name: &str) -> &'static str {
    match name {
        "malformed.ndjson" => "not valid JSON",
        "truncated.ndjson" => "truncated JSON",
        "wrong-type-user.ndjson" => "invalid type: integer",
        "wrong-type-payload.ndjson" => "payload must be a JSON object",
        "wrong-type-retry-count.ndjson" => "retry_count",
        "null-user.ndjson" | "null-type.ndjson" => "invalid type: null",
        "number-39-digits.ndjson" => "38",
        "number-beyond-64-bits.ndjson" => "beyond 64 bits",
        "number-out-of-range.ndjson" => "outside DynamoDB's range",
        "number-loses-precision.ndjson" => "cannot be stored exactly",
        "nan.ndjson" | "infinity.ndjson" => "not valid JSON",
        "over-400kb.ndjson" => "400 KB",
        "control-char-raw.ndjson" => "not valid JSON",
        "control-char-escaped.ndjson" => "control character",
        "invalid-utf8.ndjson" => "not valid UTF-8",
        "bom-mid-file.ndjson" => "not valid JSON",
        "hash-in-type.ndjson" | "hash-in-status.ndjson" => "contains `#`",
        "missing-timestamp.ndjson" => "timestamp is missing",
        "bad-timestamp.ndjson" => "not RFC 3339",
        "ttl-milliseconds.ndjson" => "milliseconds",
        "ttl-string.ndjson" => "ttl must be a number",
        "unknown-field.ndjson" => "unknown field",
        "array-not-object.ndjson" | "bare-string.ndjson" => "must be a JSON object",
        "empty-user.ndjson" => "user_id is empty",
        "nested-too-deep.ndjson" => "recursion limit",
        // DynamoDB's limit is 32 levels; a batch of 25 failed on one such line before.
        "nested-32-levels.ndjson" => "nests 32 levels",
        "duplicate-field.ndjson" | "duplicate-field-nested.ndjson" => "appears twice",
        "ttl-derived-year-1.ndjson" => "must be positive epoch seconds",
        "ttl-derived-year-9999.ndjson" => "beyond year 5138",
        other => panic!("no expectation for corpus file {other}: add one"),
    }
}

#[tokio::test]
#[ignore = "needs the emulator: run scripts/test.sh"]
async fn every_bad_line_is_named_and_nothing_is_written() {
    let w = World::new("corpus-lines");
    w.create_table();
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus().join("lines"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let (mut bad, mut ok) = (0, 0);
    for path in &files {
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        // A file with a bad line is imported for real: the refusal is what keeps the table
        // empty. The good files only validate (--dry-run), so the count below stays 0 too.
        let mut args = vec!["-o", "json", "events", "import", path.to_str().unwrap()];
        if name.starts_with("ok-") {
            args.push("--dry-run");
        }
        let r = w.run(&args);
        assert!(!r.stderr.contains("panicked"), "{name}: {}", r.stderr);
        assert!(
            r.stderr.is_empty(),
            "{name}: nothing on stderr: {}",
            r.stderr
        );
        let v = r.json();
        if name.starts_with("ok-") {
            r.assert_code(0);
            assert_eq!(v["data"]["invalid"].as_array().unwrap().len(), 0, "{name}");
            ok += 1;
            continue;
        }
        r.assert_code(1);
        let invalid = v["data"]["invalid"].as_array().unwrap();
        assert_eq!(
            invalid.len(),
            1,
            "{name}: exactly one bad line: {invalid:?}"
        );
        assert_eq!(invalid[0]["line"], 2, "{name}");
        let reason = invalid[0]["reason"].as_str().unwrap();
        assert!(!reason.contains('\n'), "{name}: one line");
        assert!(reason.contains(expected_reason(&name)), "{name}: {reason}");
        bad += 1;
    }
    assert_eq!((bad, ok), (34, 3), "the corpus ran whole");
    let ddb = w.dynamodb().await;
    assert_eq!(
        count_items(&ddb, &w.table()).await,
        0,
        "a file with an invalid line writes nothing without --skip-invalid"
    );
    // The count above sees what an import writes: a good file imported for real shows in it.
    let good = corpus().join("lines/ok-nested-31-levels.ndjson");
    let r = w.run(&common::import_json(&good, &[]));
    r.assert_code(0);
    assert_eq!(r.json()["data"]["written"], 2);
    assert_eq!(count_items(&ddb, &w.table()).await, 2);
}

// The emulator: some values are wrong only against the table (a restore time past its window).
#[test]
#[ignore = "needs the emulator: run scripts/test.sh"]
fn every_bad_flag_is_a_usage_error_on_one_line() {
    let w = World::new("corpus-flags");
    w.create_table();
    let text = std::fs::read_to_string(corpus().join("flags.jsonl")).unwrap();
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        let args: Vec<&str> = case["args"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        let r = w.run_stdin(&args, "");
        assert_eq!(
            r.code, 64,
            "{args:?}: stdout {} stderr {}",
            r.stdout, r.stderr
        );
        assert!(r.stdout.is_empty(), "{args:?}: {}", r.stdout);
        assert_eq!(r.stderr.trim().lines().count(), 1, "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"));
        let says = case["says"].as_str().unwrap();
        assert!(
            r.stderr.contains(says),
            "{args:?}: wanted `{says}` in: {}",
            r.stderr
        );
        n += 1;
    }
    assert_eq!(n, 63, "the corpus ran whole");
}
