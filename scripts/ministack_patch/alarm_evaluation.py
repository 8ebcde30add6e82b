"""Metric alarms evaluated as CloudWatch evaluates them, over ministack's stored datapoints:
per the alarm's own namespace, metric, dimensions (and unit) or metric math, on its period,
M of N over the evaluation range with TreatMissingData (rules.py), and the low-sample rule of
percentile alarms. Anomaly-detection alarms (ThresholdMetricId) are stored and returned but
not evaluated: they keep their state.

The evaluation range is the N + 2 most recent periods, ending at the evaluation (a datapoint put
now counts at once).
"""

import json
import time
from datetime import datetime, timezone

from . import metric_math, rules


def _cw():
    from ministack.services import cloudwatch
    return cloudwatch


class Range:
    """The periods of one evaluation: `count` periods of `period` seconds ending at `now`.
    An alarm's default evaluation window slides: it "advances each time the alarm is
    evaluated" (a WallClockWindow alarm passes `now` rounded down to its period instead):
    https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation-window.html
    A datapoint put at `now` is in the newest period."""

    def __init__(self, period, count, now):
        self.period = period
        self.count = count
        self.end = now
        self.starts = [now - (count - i) * period for i in range(count)]

    def index(self, ts):
        """The period holding `ts`: (start, start + period]."""
        if ts > self.end:
            return None
        i = self.count - 1 - int((self.end - ts) // self.period)
        return i if 0 <= i < self.count else None


def _points_by_period(namespace, metric, dims, unit, rng):
    cw = _cw()
    dims_dict = {d["Name"]: d.get("Value", "") for d in dims or []}
    points = cw._metrics.get((namespace, metric, cw._dims_key(dims_dict))) or []
    buckets = [[] for _ in range(rng.count)]
    for p in points:
        if unit and p.get("Unit") != unit:
            continue
        i = rng.index(p["Timestamp"])
        if i is not None:
            buckets[i].append(p)
    return buckets


def _series(namespace, metric, dims, stat, unit, rng):
    """(values, sample counts) of one metric at one statistic, per period of the range."""
    cw = _cw()
    values, counts = [], []
    for pts in _points_by_period(namespace, metric, dims, unit, rng):
        stats = cw._calc_stats(pts) if pts else {}
        counts.append(stats.get("SampleCount", 0.0))
        values.append(cw._stat_value(stats, stat, pts) if stats else None)
    return values, counts


def alarm_period(alarm):
    if alarm.get("Metrics"):
        for q in alarm["Metrics"]:
            p = (q.get("MetricStat") or {}).get("Period") or q.get("Period")
            if p:
                return int(p)
        return 60
    return int(alarm.get("Period") or 60)


def watched_metrics(alarm):
    """The (namespace, metric name) pairs an alarm reads."""
    if alarm.get("Metrics"):
        return {(q["MetricStat"]["Metric"].get("Namespace"), q["MetricStat"]["Metric"].get("MetricName"))
                for q in alarm["Metrics"] if q.get("MetricStat")}
    return {(alarm.get("Namespace"), alarm.get("MetricName"))}


def _math_series(alarm, rng):
    env = {}
    pending = []
    for q in alarm["Metrics"]:
        stat = q.get("MetricStat")
        if stat:
            m = stat["Metric"]
            values, _ = _series(m.get("Namespace"), m.get("MetricName"), m.get("Dimensions"),
                                stat.get("Stat"), stat.get("Unit"), rng)
            env[q["Id"]] = ("t", values)
        elif q.get("Expression"):
            pending.append(q)
    while pending:
        ready = [q for q in pending if metric_math.refs(metric_math.parse(q["Expression"])) <= set(env)]
        if not ready:
            raise metric_math.MathError("an expression reads an id that is not defined (or a cycle)")
        for q in ready:
            env[q["Id"]] = ("t", metric_math.series_of(q["Expression"], env, rng.count))
            pending.remove(q)
    returned = [q for q in alarm["Metrics"] if q.get("ReturnData", True)]
    if len(returned) != 1:
        raise metric_math.MathError("exactly one of Metrics must have ReturnData true")
    return env[returned[0]["Id"]][1]


def _percentile(stat):
    if stat and stat[0] in "pP":
        try:
            return float(stat[1:])
        except ValueError:
            return None
    return None


def outcome(alarm, now):
    """(new state or None to keep it, the evaluated values, range) for `alarm` at `now`; None
    when this layer does not evaluate the alarm (anomaly band, unknown comparison)."""
    if alarm.get("ThresholdMetricId") or rules.breaches(alarm.get("ComparisonOperator"), 0.0,
                                                          alarm.get("Threshold")) is None:
        return None
    n = int(alarm.get("EvaluationPeriods") or 1)
    m = int(alarm.get("DatapointsToAlarm") or n)
    period = alarm_period(alarm)
    if "WallClockWindow" in (alarm.get("EvaluationWindow") or {}):
        now = now // period * period  # complete periods aligned to the clock (UTC)
    rng = Range(period, n + rules.RANGE_EXTRA, now)
    missing = alarm.get("TreatMissingData") or "missing"
    if alarm.get("Metrics"):
        values = _math_series(alarm, rng)
    else:
        if not alarm.get("Namespace") or not alarm.get("MetricName"):
            return None
        stat = alarm.get("ExtendedStatistic") or alarm.get("Statistic") or "Average"
        values, counts = _series(alarm["Namespace"], alarm["MetricName"], alarm.get("Dimensions"), stat,
                                 alarm.get("Unit"), rng)
        if alarm["Namespace"] == "AWS/DynamoDB":
            missing = "ignore"
        pct = _percentile(alarm.get("ExtendedStatistic"))
        if pct is not None and alarm.get("EvaluateLowSampleCountPercentile") == "ignore":
            least = rules.low_sample_minimum(pct)
            held = [0 < c < least for c in counts]
            newest = max((i for i, c in enumerate(counts) if c > 0), default=None)
            if newest is not None and held[newest]:
                return None, values, rng
            values = [None if h else v for v, h in zip(values, held)]
    state = rules.decide(values, n, m, alarm.get("ComparisonOperator"), alarm.get("Threshold"), missing)
    return state, values, rng


def _when(epoch):
    return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%d/%m/%y %H:%M:%S")


def reason(alarm, old, new, values, rng):
    """The state reason, worded as CloudWatch words it, and its StateReasonData."""
    n = int(alarm.get("EvaluationPeriods") or 1)
    m = int(alarm.get("DatapointsToAlarm") or n)
    recent = [(rng.starts[i], v) for i, v in enumerate(values) if v is not None][-n:][::-1]
    threshold = alarm.get("Threshold")
    data = {"version": "1.0", "queryDate": datetime.now(timezone.utc).isoformat(),
            "startDate": datetime.fromtimestamp(rng.starts[0], tz=timezone.utc).isoformat(),
            "period": rng.period, "recentDatapoints": [v for _, v in recent], "threshold": threshold}
    if new == rules.INSUFFICIENT:
        return f"Insufficient Data: {n} datapoint{'s were' if n != 1 else ' was'} unknown.", json.dumps(data)
    words = rules.comparison_words(alarm.get("ComparisonOperator"))
    shown = ", ".join(f"{v} ({_when(t)})" for t, v in recent)
    breaching = sum(1 for _, v in recent if rules.breaches(alarm.get("ComparisonOperator"), v, threshold))
    count = breaching if new == rules.ALARM else len(recent) - breaching
    verb = "was" if count == 1 else "were"
    negation = "" if new == rules.ALARM else "not "
    text = (f"Threshold Crossed: {count} out of the last {len(recent)} datapoints [{shown}] {verb} "
            f"{negation}{words} the threshold ({threshold}) (minimum {m} datapoint{'s' if m != 1 else ''} "
            f"for {old} -> {new} transition).")
    if not recent:
        text = (f"Threshold Crossed: no datapoints were received for {n} period{'s' if n != 1 else ''} and "
                f"{n} missing datapoint{'s were' if n != 1 else ' was'} treated as "
                f"[{(alarm.get('TreatMissingData') or 'missing')}].")
    return text[:1023], json.dumps(data)


def evaluate(alarm, now=None):
    """Evaluate one metric alarm and make its transition, if any, as CloudWatch does: state,
    reason, a StateUpdate history item, the actions of the new state, parent composites."""
    cw = _cw()
    now = time.time() if now is None else now
    result = outcome(alarm, now)
    if result is None or result[0] is None:
        return
    new, values, rng = result
    old = alarm.get("StateValue")
    if new == old:
        return
    text, data = reason(alarm, old, new, values, rng)
    alarm["StateValue"] = new
    alarm["StateReason"] = text
    alarm["StateReasonData"] = data
    alarm["StateUpdatedTimestamp"] = int(now)
    alarm["StateTransitionedTimestamp"] = int(now)
    cw._record_history(alarm["AlarmName"], old, new, text)
    cw._dispatch_alarm_actions(alarm, old, new, text)
    cw._evaluate_parent_alarms(alarm)
