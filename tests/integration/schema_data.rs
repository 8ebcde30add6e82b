//! Issue 27: the `data` shapes the descriptors declare (diagnose, alarms, dashboard,
//! hot-partitions, health-check) take what the commands write and refuse what they do not: a
//! missing key, an unknown one, a value of the wrong kind. Checked against each command's data
//! rule of the committed schema (`then.properties.data`), with the schema's definitions.

use serde_json::{Value, json};

use crate::common::{World, data_rule, matches_schema, part_validator};

/// The schema `data` of `command` is validated against (its declared shapes, or `{}`), from
/// the committed schema every run is held to.
fn data_validator(command: &str) -> jsonschema::Validator {
    let rule = data_rule(command)
        .unwrap_or_else(|| panic!("no data rule for `{command}`: its Leaf declares no .data(...)"));
    part_validator(rule)
}

fn assert_takes(command: &str, data: Value) {
    let v = data_validator(command);
    let errors: Vec<String> = v.iter_errors(&data).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "`{command}` refused {data}: {errors:?}");
}

fn assert_refuses(command: &str, data: Value) {
    assert!(
        !data_validator(command).is_valid(&data),
        "`{command}` took {data}"
    );
}

fn window() -> Value {
    json!({"start": "s", "end": "e", "period_s": 300})
}

#[test]
fn diagnose_data_is_its_reading_or_why_not() {
    let read = json!({"throttling": {
        "window": window(),
        "resources": [{"resource": "table", "write": 1.0, "read": 0.0, "longest_write_run": 1,
            "longest_read_run": 0, "by_reason": {"key_range": 1.0}}],
        "causes": ["hot_partition"],
        "user_errors_account_wide": 0.0,
        "throttles_alarm": {"name": "a", "state": "OK"},
    }});
    for command in ["diagnose throttling", "diagnose writes"] {
        assert_takes(command, read.clone());
        assert_takes(command, json!({"throttling": {"metrics_error": "denied"}}));
        assert_takes(command, json!({}));
        assert_refuses(
            command,
            json!({"throttling": {"metrics_error": "denied", "window": window()}}),
        );
        let mut no_alarm = read.clone();
        no_alarm["throttling"]
            .as_object_mut()
            .unwrap()
            .remove("throttles_alarm");
        assert_refuses(command, no_alarm);
        let mut by_reason = read.clone();
        by_reason["throttling"]["resources"][0]["by_reason"]["key_range"] = json!("1");
        assert_refuses(command, by_reason);
    }
    let op = json!({"operation": "PutItem", "series": {"p99": [["t", 12.5]]}});
    assert_takes(
        "diagnose latency",
        json!({"latency": {"window": window(), "operations": [op]}}),
    );
    // Unread: `{}`, and only that.
    assert_takes("diagnose latency", json!({"latency": {}}));
    assert_refuses("diagnose latency", json!({"latency": {"operations": []}}));
    assert_refuses(
        "diagnose latency",
        json!({"latency": {"window": window(), "operations": [{"operation": "PutItem", "series": {"p99": [12.5]}}]}}),
    );
}

#[test]
fn alarms_data_names_each_alarm_and_what_was_done() {
    let entry = json!({"alarm": "a", "check": "alarm.a", "action": "create", "changes": [],
        "actions": [], "ok_actions": [], "insufficient_data_actions": []});
    assert_takes(
        "alarms apply",
        json!({"dry_run": true, "plan": [entry.clone()]}),
    );
    let mut delete = entry.clone();
    delete["action"] = json!("delete");
    assert_refuses("alarms apply", json!({"dry_run": true, "plan": [delete]}));
    assert_takes("alarms status", json!({"alarms": ["a"]}));
    assert_refuses("alarms status", json!({"alarms": ["a"], "plan": []}));
    let test_entry = json!({"alarm": "a", "check": "alarm_test.a", "actions_enabled": true,
        "alarm_actions": [], "topics": [], "set_at": null,
        "outcome": {"executed": [], "failed": [], "state_recorded": true, "returned_at": null}});
    let test = json!({"dry_run": false, "operator": "o", "reason": "r", "waited_s": 3,
        "alarms": [test_entry]});
    assert_takes("alarms test", test.clone());
    let mut no_wait = test.clone();
    no_wait.as_object_mut().unwrap().remove("waited_s");
    assert_refuses("alarms test", no_wait);
    let not_replayed = json!({"alarm": "a", "check": "alarm_backtest.a",
        "runbook_threshold": null, "not_replayed": "anomaly band", "backtest": null});
    assert_takes(
        "alarms backtest",
        json!({"days": 30, "pages_per_month": null, "alarms": [not_replayed]}),
    );
    assert_refuses(
        "alarms backtest",
        json!({"days": "30", "pages_per_month": null, "alarms": []}),
    );
}

#[test]
fn dashboard_body_is_cloudwatch_dashboard_json() {
    let properties = json!({"title": "t", "region": "r", "view": "timeSeries",
        "stacked": false, "period": 300,
        "metrics": [["AWS/DynamoDB", "WriteThrottleEvents", "TableName", "t",
            {"stat": "Sum", "label": "write throttles"}]]});
    let widget = json!({"type": "metric", "x": 0, "y": 0, "width": 12, "height": 6,
        "properties": properties});
    assert_takes(
        "dashboard apply",
        json!({"dashboard": "d", "dry_run": true, "body": {"widgets": [widget.clone()]}}),
    );
    let mut unknown = widget.clone();
    unknown["properties"]["metrics"][0][4]["color"] = json!("#fff");
    assert_refuses(
        "dashboard apply",
        json!({"dashboard": "d", "dry_run": true, "body": {"widgets": [unknown]}}),
    );
    assert_takes(
        "dashboard show",
        json!({"window": window(), "widgets": [{"title": "t", "target": 10.0,
            "series": [{"label": "l", "values": [null, 1.0]}]}]}),
    );
    assert_refuses(
        "dashboard show",
        json!({"window": window(), "widgets": [{"title": "t", "target": 10.0,
            "series": [{"label": "l", "values": ["1"]}]}]}),
    );
}

#[test]
fn hot_partitions_data_is_sampled_or_from_an_export() {
    let sampled = json!({"users": null, "contributor_insights": [{"index": null,
        "status": "DISABLED", "mode": null, "rules": []}],
        "reports": [{"rule": "r", "throttled": true, "contributors": [["u1", 5.0]]}]});
    assert_takes("hot-partitions", sampled.clone());
    let mut no_reports = sampled.clone();
    no_reports.as_object_mut().unwrap().remove("reports");
    assert_refuses("hot-partitions", no_reports);
    let mut mixed = sampled.clone();
    mixed["export_keys"] = json!(null);
    assert_refuses("hot-partitions", mixed);
}

#[test]
fn health_check_data_sums_up_each_part() {
    let part = json!({"part": "alarms", "status": "warn", "checks": 4});
    assert_takes(
        "health-check monthly",
        json!({"parts": [part.clone()], "generated_for": {"month_ending": "m"}}),
    );
    let mut failed = part.clone();
    failed["status"] = json!("failed");
    assert_refuses(
        "health-check monthly",
        json!({"parts": [failed], "generated_for": {"month_ending": "m"}}),
    );
    let prices = json!({"per_million_wru": 0.625, "per_million_rru": 0.125,
        "per_wcu_hour": 0.00065, "per_rcu_hour": 0.00013});
    assert_takes(
        "health-check quarterly",
        json!({"parts": [part.clone()], "prices": prices.clone()}),
    );
    assert_refuses(
        "health-check quarterly",
        json!({"parts": [part], "prices": prices, "generated_for": {"month_ending": "m"}}),
    );
}

/// The schema every run's envelopes are validated against (`common`'s hook) tells a command's
/// `data` from anything else: a real envelope passes; the same with a key added to `data`, a
/// key taken out, a value of the wrong kind, or another command's name, fails; `{}` (a failed
/// command) passes. `config show` runs offline, so this needs no emulator.
#[test]
fn the_published_schema_refuses_data_that_is_not_what_its_command_writes() {
    let w = World::offline("schema-envelope");
    let run = w.run(&["config", "show", "-o", "json"]);
    run.assert_code(0);
    let real: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert!(matches_schema(&real), "{real:#}");
    let keys: Vec<String> = real["data"].as_object().unwrap().keys().cloned().collect();
    assert!(!keys.is_empty(), "{real:#}");
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = real.clone();
        f(&mut v);
        v
    };
    let added = with(&|v| v["data"]["not_a_field"] = json!(1));
    assert!(!matches_schema(&added), "an unknown key passed");
    for key in &keys {
        let taken = with(&|v| {
            v["data"].as_object_mut().unwrap().remove(key);
        });
        assert!(!matches_schema(&taken), "`{key}` taken out passed");
        let wrong = with(&|v| v["data"][key] = json!([[]]));
        assert!(!matches_schema(&wrong), "`{key}` as a nested array passed");
    }
    let other = with(&|v| v["command"] = json!("table verify"));
    assert!(
        !matches_schema(&other),
        "config show's data passed as table verify's"
    );
    let failed = with(&|v| v["data"] = json!({}));
    assert!(
        matches_schema(&failed),
        "a command's `{{}}` data is allowed"
    );
    let bad_status = with(&|v| v["status"] = json!("fine"));
    assert!(!matches_schema(&bad_status), "an unknown status passed");
}
