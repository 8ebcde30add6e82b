//! The exposition, its escaping, and the file writer; parsed by the reference parser.

use std::process::{Command, Stdio};

use chrono::TimeZone;
use serde_json::Value;

use super::*;
use crate::report::{CheckId, Finding};

fn monthly(findings: Vec<Finding>) -> Report {
    let mut r = Report::check("health-check monthly");
    r.extend(findings);
    r
}

fn at() -> DateTime<Utc> {
    // clock-free: a fixed instant rendered, never compared with the clock.
    Utc.timestamp_millis_opt(1_765_000_000_250).unwrap()
}

fn text(runs: &[Run<'_>]) -> String {
    let mut out = Vec::new();
    render(runs, &mut out).expect("renders");
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn a_fleet_of_two_environments() {
    let staging = monthly(vec![
        Finding::ok(CheckId::TtlStatus, "TTL on"),
        Finding::warn(CheckId::TablePitr, "PITR off"),
    ]);
    let prod = monthly(vec![
        Finding::crit(CheckId::TtlStatus, "TTL off"),
        Finding::unknown(CheckId::TablePitr, "no permission"),
    ]);
    let runs = [
        Run {
            env: "staging",
            report: &staging,
            at: at(),
            duration: Duration::from_millis(1500),
            failed: false,
        },
        Run {
            env: "prod",
            report: &prod,
            at: at(),
            duration: Duration::from_millis(62_125),
            failed: false,
        },
    ];
    let expected = r#"# HELP eventsctl_check_status Status of one check: 0 ok, 1 warn, 2 crit, 3 unknown (the check exit codes)
# TYPE eventsctl_check_status gauge
eventsctl_check_status{env="staging",command="health-check monthly",check="ttl.status"} 0
eventsctl_check_status{env="staging",command="health-check monthly",check="table.pitr"} 1
eventsctl_check_status{env="prod",command="health-check monthly",check="ttl.status"} 2
eventsctl_check_status{env="prod",command="health-check monthly",check="table.pitr"} 3
# HELP eventsctl_run_status Exit code of the run: checks 0 ok, 1 warn, 2 crit, 3 unknown; actions 0 done, 1 failed
# TYPE eventsctl_run_status gauge
eventsctl_run_status{env="staging",command="health-check monthly"} 1
eventsctl_run_status{env="prod",command="health-check monthly"} 2
# HELP eventsctl_run_timestamp_seconds When the run ended, in seconds since the Unix epoch
# TYPE eventsctl_run_timestamp_seconds gauge
# UNIT eventsctl_run_timestamp_seconds seconds
eventsctl_run_timestamp_seconds{env="staging",command="health-check monthly"} 1765000000.250
eventsctl_run_timestamp_seconds{env="prod",command="health-check monthly"} 1765000000.250
# HELP eventsctl_run_duration_seconds How long the run took, in seconds
# TYPE eventsctl_run_duration_seconds gauge
# UNIT eventsctl_run_duration_seconds seconds
eventsctl_run_duration_seconds{env="staging",command="health-check monthly"} 1.500
eventsctl_run_duration_seconds{env="prod",command="health-check monthly"} 62.125
# EOF
"#;
    assert_eq!(text(&runs), expected);
}

#[test]
fn label_values_are_escaped() {
    let r = monthly(vec![Finding::ok(
        CheckId::TableGsi("a\"b\\c\nd".into()),
        "odd",
    )]);
    let out = text(&[Run {
        env: "dev",
        report: &r,
        at: at(),
        duration: Duration::ZERO,
        failed: false,
    }]);
    assert!(out.contains(r#"check="table.gsi.a\"b\\c\nd"} 0"#), "{out}");
    assert_eq!(
        out.lines()
            .filter(|l| l.starts_with("eventsctl_check_status"))
            .count(),
        1
    );
}

#[test]
fn a_check_reported_twice_is_one_series_at_its_worst() {
    let r = monthly(vec![
        Finding::warn(CheckId::TtlStatus, "a"),
        Finding::crit(CheckId::TtlStatus, "b"),
        Finding::ok(CheckId::TtlStatus, "c"),
    ]);
    let out = text(&[Run {
        env: "dev",
        report: &r,
        at: at(),
        duration: Duration::ZERO,
        failed: false,
    }]);
    let samples: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("eventsctl_check_status"))
        .collect();
    assert_eq!(
        samples,
        [
            r#"eventsctl_check_status{env="dev",command="health-check monthly",check="ttl.status"} 2"#
        ]
    );
}

#[test]
fn the_same_environment_twice_is_refused() {
    let r = monthly(Vec::new());
    let run = Run {
        env: "dev",
        report: &r,
        at: at(),
        duration: Duration::ZERO,
        failed: false,
    };
    let e = render(&[run, run], &mut Vec::new()).unwrap_err();
    assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
}

#[test]
fn the_file_is_replaced_whole_and_readable_by_the_collector() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("eventsctl.prom");
    std::fs::write(&path, "old\n").unwrap();
    let r = monthly(vec![Finding::ok(CheckId::TtlStatus, "on")]);
    write_file(
        &path,
        &[Run {
            env: "dev",
            report: &r,
            at: at(),
            duration: Duration::ZERO,
            failed: false,
        }],
    )
    .unwrap();
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.starts_with("# HELP eventsctl_check_status") && written.ends_with("# EOF\n"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
    }
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["eventsctl.prom"], "no temporary file is left");
}

#[test]
fn a_failed_write_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing-dir").join("x.prom");
    let e = write_atomically(&path, b"new").unwrap_err();
    assert!(e.to_string().contains("cannot write"), "{e}");
    // Renaming over a directory fails after the temporary file is written: it is removed.
    let target = dir.path().join("d.prom");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep"), "x").unwrap();
    assert!(write_atomically(&target, b"new").is_err());
    assert!(target.join("keep").exists());
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, [std::ffi::OsString::from("d.prom")]);
}

#[test]
fn metrics_file_names() {
    let dir = tempfile::tempdir().unwrap();
    assert!(check_path(&dir.path().join("eventsctl.prom")).is_ok());
    let e = check_path(&dir.path().join("eventsctl.txt")).unwrap_err().0;
    assert!(e.contains("reads only *.prom files"), "{e}");
    let e = check_path(&dir.path().join("no").join("x.prom"))
        .unwrap_err()
        .0;
    assert!(e.contains("does not exist"), "{e}");
}

/// Parses the text with prometheus_client's OpenMetrics parser and its classic text-format
/// parser (the format node_exporter's textfile collector reads), and returns what each saw.
fn parse_with_prometheus_client(text: &str) -> Value {
    // scripts/test.sh exports where scripts/metrics-parser.sh installed it.
    let python = std::env::var_os("EVENTSCTL_METRICS_PYTHON")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv-metrics/bin/python")
        });
    let script = r#"
import json, sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families as openmetrics
from prometheus_client.parser import text_string_to_metric_families as classic
text = sys.stdin.read()
out = {}
for name, parse in (("openmetrics", openmetrics), ("classic", classic)):
    out[name] = [
        {"name": f.name, "type": f.type, "unit": f.unit, "help": f.documentation,
         "samples": [[s.name, s.labels, s.value] for s in f.samples]}
        for f in parse(text)
    ]
print(json.dumps(out))
"#;
    let mut child = Command::new(&python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run scripts/metrics-parser.sh install",
                python.display()
            )
        });
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the parser refused the text (or is not installed: scripts/metrics-parser.sh install):\n{}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
#[ignore = "needs prometheus_client (scripts/metrics-parser.sh install); scripts/test.sh runs it"]
fn the_reference_parsers_read_it_back() {
    let odd = "gsi \"quoted\" \\ back\nslash";
    let staging = monthly(vec![
        Finding::ok(CheckId::TtlStatus, "on"),
        Finding::warn(CheckId::TableGsi(odd.into()), "odd"),
    ]);
    let prod = monthly(vec![Finding::crit(CheckId::TtlStatus, "off")]);
    let mut action = Report::action("alarms apply");
    action.failed = true;
    let runs = [
        Run {
            env: "staging",
            report: &staging,
            at: at(),
            duration: Duration::from_millis(1500),
            failed: false,
        },
        Run {
            env: "prod",
            report: &prod,
            at: at(),
            duration: Duration::from_millis(2250),
            failed: false,
        },
        Run {
            env: "prod",
            report: &action,
            at: at(),
            duration: Duration::from_millis(10),
            failed: false,
        },
    ];
    let parsed = parse_with_prometheus_client(&text(&runs));
    for format in ["openmetrics", "classic"] {
        let families = parsed[format].as_array().unwrap();
        let names: Vec<&str> = families
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            [CHECK_STATUS, RUN_STATUS, RUN_TIMESTAMP, RUN_DURATION],
            "{format}"
        );
        assert!(families.iter().all(|f| f["type"] == "gauge"), "{format}");
        let samples = &families[0]["samples"];
        assert_eq!(samples.as_array().unwrap().len(), 3, "{format}");
        assert_eq!(
            samples[1][1]["check"],
            format!("table.gsi.{odd}"),
            "{format}: the label round-trips"
        );
        assert_eq!(samples[1][1]["env"], "staging");
        assert_eq!(samples[1][2], 1.0);
        assert_eq!(samples[2][1]["env"], "prod");
        assert_eq!(samples[2][2], 2.0);
        let run_status = &families[1]["samples"];
        assert_eq!(run_status[2][1]["command"], "alarms apply");
        assert_eq!(run_status[2][2], 1.0, "a failed action exits 1");
        assert_eq!(families[2]["samples"][0][2], 1_765_000_000.25);
        assert_eq!(families[3]["samples"][1][2], 2.25);
    }
    assert_eq!(parsed["openmetrics"][2]["unit"], "seconds");
}
