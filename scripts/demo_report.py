"""The demo's reading of a `health-check monthly -o json` report (scripts/demo.sh): its verdict
lines, and whether it tells the story. Before the fixes it must be crit and name each cause of
the incident (the hot user's burst is named though it stopped: not sustained throttling, which
is what Monthly 1 asks about); after them each cause must be fixed and every finding ok (the
emulator's patch layer evaluates the alarms and gives access advisor's report, docs/emulator.md).
Exits 1 otherwise, naming what it did not expect.

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
    ("A hot user throttles (a burst that stopped: named, not sustained)", ("throttling.",),
     [("throttling.cause", ("ok",), "hot partition: key-range throttling"),
      ("throttling.cause", ("ok",), "not sustained")]),
    ("Events with `ttl` in milliseconds", ("ttl.milliseconds",),
     [("ttl.milliseconds", ("warn",), "in milliseconds")]),
    ("TTL switched off, by another identity", ("ttl.status", "table.ttl", "changes.ttl"),
     [("ttl.status", ("crit",), "DISABLED"), ("changes.ttl", ("crit",), "TTL disabled"),
      ("changes.ttl", ("crit",), "user/jane-from-ops")]),
    ("The consumer falls behind", ("stream.iterator_age.",),
     [("stream.iterator_age.", ("warn", "crit"), "falling behind")]),
]

# The command the remedies of TTL switched off name.
TABLE_FIX = "`eventsctl table fix`"
# The findings that must be ok after the fixes, whatever else is.
FIXED = ("ttl.status", "ttl.milliseconds", "table.ttl", "throttling.", "stream.iterator_age.",
         "pitr.window", "alarm.", "alarm_backtest.", "iam.unused.")


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
        named = {check for check, _, _ in needs}
        grouped([(f, f["summary"]) for f in report["findings"] if f["check"].startswith(shows)
                 and (f["status"] != "ok" or f["check"] in named)], "    ")
        for check, statuses, words in needs:
            if not any(f["status"] in statuses and words in f["summary"] for f in find(report, check)):
                problems.append(f"{cause}: no {check} finding saying '{words}'")
    # TTL switched off: the way back, named the same way by the symptom and by the change.
    for check in ("ttl.status", "changes.ttl"):
        remedy = next((f.get("remedy") or "" for f in find(report, check)), "")
        if TABLE_FIX not in remedy:
            problems.append(f"{check}'s remedy does not name {TABLE_FIX}: {remedy!r}")
    line(f"Remedy of ttl.status and changes.ttl: {TABLE_FIX} (on production with --yes)", "\n  ")
    shown = tuple(p for c in CAUSES for p in c[1])
    others = [(f, f["summary"]) for f in not_ok(report) if not f["check"].startswith(shown)]
    if others:
        print("\nAlso not ok (see the health check after the fixes):")
        grouped(others)
    return problems


def after(report):
    problems = []
    for check in ("ttl.status", "ttl.milliseconds", "throttling.cause", "stream.iterator_age.",
                  "pitr.window", "alarm.consumer-iterator-age"):
        got = find(report, check)
        if not got or got[0]["status"] != "ok":
            problems.append(f"{check} is not ok: {got[0]['summary'] if got else 'missing'}")
    if find(report, "changes.ttl"):
        problems.append("changes.ttl still reports TTL switched off")
    print("\nFixed, or ok as the month's review judges it:")
    grouped([(f, f["summary"]) for f in report["findings"] if f["status"] == "ok"
             and f["check"].startswith(FIXED)])
    for f in not_ok(report):
        problems.append(f"{f['check']} is {f['status']}: {f['summary']}")
    if report["status"] != "ok":
        problems.append(f"the verdict is {report['status']}, not ok")
    if not problems:
        line("So: each cause of the incident is fixed, and the monthly health check is OK.", "\n", "")
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
