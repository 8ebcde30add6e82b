"""The demo's reading of a `health-check monthly -o json` report (scripts/demo.sh): its verdict
lines, and whether it tells the story. Before the fixes it must be crit and name each cause of
the incident; after them each cause must be fixed, and every verdict that is still not ok must
be one the demo can explain (what the emulator cannot show, or what the month's review keeps on
record). Exits 1 otherwise, naming what it did not expect.

Usage: python3 scripts/demo_report.py before|after REPORT.json REPORT.md
       python3 scripts/demo_report.py alarms APPLY.json   (the alarms `alarms apply` created)
"""
import json
import os
import shutil
import sys
import textwrap

WIDTH = max(60, min(120, int(os.environ.get("COLUMNS") or shutil.get_terminal_size((100, 24)).columns)))

# The incident's causes: the findings that show each (check prefixes), and the one finding each
# must have: (check prefix, statuses, words its summary holds).
CAUSES = [
    ("A hot user throttles", ("throttling.",),
     [("throttling.cause", ("warn", "crit"), "hot partition: key-range throttling")]),
    ("Events with `ttl` in milliseconds", ("ttl.milliseconds",),
     [("ttl.milliseconds", ("warn",), "in milliseconds")]),
    ("TTL switched off, by another identity", ("ttl.status", "table.ttl", "changes.ttl"),
     [("ttl.status", ("crit",), "DISABLED"), ("changes.ttl", ("crit",), "TTL disabled"),
      ("changes.ttl", ("crit",), "user/jane-from-ops")]),
    ("The consumer falls behind", ("stream.iterator_age.",),
     [("stream.iterator_age.", ("warn", "crit"), "falling behind")]),
]

# What may still be not ok after the fixes, and why.
EMULATOR = "the emulator cannot show it"
RECORD = "kept on record (on AWS too)"


def why_not_ok(f):
    """(kind, reason) for a finding still not ok after the fixes, or None when unexpected."""
    check, summary = f["check"], f["summary"]
    if (check.startswith("alarm.dynamodb-") and check.endswith("-latency")
            and f["evidence"].get("state") == "INSUFFICIENT_DATA"):
        return EMULATOR, ("the demo publishes no request latency (the emulator publishes no "
                          "AWS/DynamoDB metrics), and an alarm on an AWS/DynamoDB metric ignores "
                          "missing data: the latency alarms stay INSUFFICIENT_DATA (on AWS they "
                          "evaluate the API's requests)")
    if check.startswith("alarm_backtest.") and "SuccessfulRequestLatency" in summary:
        return EMULATOR, ("the demo publishes no request latency (the emulator publishes no "
                          "AWS/DynamoDB metrics), so the latency alarms have nothing to replay")
    if check.startswith("iam.unused.") and "no data" in summary:
        return EMULATOR, ("ministack's access advisor completes at once with no data, so which "
                          "permissions the consumer's role used is unknown (on AWS the report "
                          "lists DynamoDB's actions with when each was last used)")
    if check == "pitr.window":
        return EMULATOR, ("ministack's restorable window is always now (earliest = latest), "
                          "however long PITR has been on; on AWS it runs from when PITR was "
                          "enabled, up to its retention (35 days), so a table a day old has one "
                          "(this one, a minute old, would warn there too)")
    if (check.startswith("alarm_backtest.") and "would never have fired" in summary
            and "breached" in summary):
        return RECORD, ("the alarm replayed over the month: the incident breached its threshold "
                        "in fewer periods than it needs to fire, so it would not have paged; the "
                        "replay keeps that for 30 days")
    if check.startswith("throttling."):
        return RECORD, ("a monthly review reports the month's throttling: the hot user's throttle "
                        "events stay in its 30 days; the fix is the API's (spread a hot user's "
                        "writes: runbook Issue 4), not the table's")
    if check.startswith("stream.iterator_age."):
        return RECORD, ("the check judges the largest IteratorAge of the last hour: the lag stays "
                        "in it for an hour after the consumer caught up")
    return None


def line(text, indent="  ", more="      "):
    print(textwrap.fill(text, width=WIDTH, initial_indent=indent, subsequent_indent=more,
                        break_long_words=False, break_on_hyphens=False))


def grouped(pairs, indent="  "):
    """`[STATUS] check, check: text` for findings that share status and text."""
    groups = {}
    for f, text in pairs:
        groups.setdefault((f["status"], text), []).append(f["check"])
    for (status, text), checks in groups.items():
        line(f"[{status.upper()}] {', '.join(checks)}: {text}", indent, indent + "    ")


def verdict(report):
    counts = {}
    for f in report["findings"]:
        counts[f["status"]] = counts.get(f["status"], 0) + 1
    order = [s for s in ("crit", "unknown", "warn", "ok") if s in counts]
    print(f"Result: {report['status'].upper()} ("
          + ", ".join(f"{counts[s]} {s}" for s in order) + ")")
    for p in report["data"]["parts"]:
        print(f"  {p['part']:<11} {p['status'].upper():<8} {p['checks']} checks")


def find(report, prefix):
    return [f for f in report["findings"] if f["check"].startswith(prefix)]


def not_ok(report):
    return [f for f in report["findings"] if f["status"] != "ok"]


def before(report):
    problems = []
    if report["status"] != "crit":
        problems.append(f"the verdict is {report['status']}, not crit")
    print("\nThe causes, as it names them:")
    for cause, shows, needs in CAUSES:
        print(f"  {cause}")
        grouped([(f, f["summary"]) for f in not_ok(report) if f["check"].startswith(shows)], "    ")
        for check, statuses, words in needs:
            if not any(f["status"] in statuses and words in f["summary"] for f in find(report, check)):
                problems.append(f"{cause}: no {check} finding saying '{words}'")
    shown = tuple(p for c in CAUSES for p in c[1])
    others = [(f, f["summary"]) for f in not_ok(report) if not f["check"].startswith(shown)]
    if others:
        print("\nAlso not ok (explained after the fixes):")
        grouped(others)
    return problems


def after(report):
    problems = []
    for check in ("ttl.status", "ttl.milliseconds", "alarm.consumer-iterator-age"):
        got = find(report, check)
        if not got or got[0]["status"] != "ok":
            problems.append(f"{check} is not ok: {got[0]['summary'] if got else 'missing'}")
    if find(report, "changes.ttl"):
        problems.append("changes.ttl still reports TTL switched off")
    print("\nFixed:")
    grouped([(f, f["summary"]) for f in report["findings"] if f["status"] == "ok" and f["check"].startswith(
        ("ttl.status", "ttl.milliseconds", "table.ttl", "alarm.consumer"))])
    kinds = {EMULATOR: [], RECORD: []}
    for f in not_ok(report):
        why = why_not_ok(f)
        if why is None:
            problems.append(f"{f['check']} is {f['status']}: {f['summary']}")
        else:
            kinds[why[0]].append((f, why[1]))
    for kind, found in kinds.items():
        if found:
            print(f"\nStill not ok: {kind}")
            grouped(found)
    if not problems:
        line(f"So: each cause of the incident is fixed. The verdict is {report['status'].upper()} "
             "because this emulator cannot give some checks their evidence (on AWS, PITR has its "
             "history and the API's requests have their latency), and the month's throttling and "
             "the hour's lag stay on record until they age out of their windows.", "\n", "")
    return problems


def created_alarms(path):
    for a in json.load(open(path))["data"]["plan"]:
        if a["action"] == "create":
            line(f"created {a['alarm']}, notifying {', '.join(a['actions']) or 'nobody'}")


def main():
    if sys.argv[1] == "alarms":
        return created_alarms(sys.argv[2])
    which, path, markdown = sys.argv[1:4]
    report = json.load(open(path))
    if report.get("error"):
        sys.exit(f"demo: health-check monthly failed: {report['error']}")
    verdict(report)
    problems = before(report) if which == "before" else after(report)
    print(f"(the whole report: {markdown})")
    if problems:
        print(f"\ndemo: the health check {which} the fixes is not what the demo expects:", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
