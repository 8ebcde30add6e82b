"""What CloudWatch keeps of a PutMetricAlarm and returns in DescribeAlarms (API_MetricAlarm):
every configuration field the request set, as it was sent, and none it did not set.
https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricAlarm.html

ministack 1.5.33 drops `Metrics`, `EvaluateLowSampleCountPercentile` and `ThresholdMetricId`,
and adds `Statistic: Average` and `Period: 60` to an alarm that set neither (a metric-math
alarm); this module rebuilds those fields from the request, over both protocols: CBOR/JSON
(the request as a dict, what the Rust SDK sends) and query (form fields, parsed here).
"""

from datetime import datetime, timezone
from xml.sax.saxutils import escape

# Configuration fields, as the request sets them; absent from the request = absent from
# DescribeAlarms. (Name, ARN, description, actions and state are ministack's own.)
CONFIG_FIELDS = ("MetricName", "Namespace", "Statistic", "ExtendedStatistic", "Dimensions", "Period",
                 "Unit", "EvaluationPeriods", "DatapointsToAlarm", "Threshold", "ComparisonOperator",
                 "TreatMissingData", "EvaluateLowSampleCountPercentile", "Metrics", "ThresholdMetricId",
                 "EvaluationWindow")

_INTS = ("Period", "EvaluationPeriods", "DatapointsToAlarm")


def _dims(items):
    return [{"Name": d.get("Name"), "Value": d.get("Value", "")} for d in items or [] if isinstance(d, dict)]


def _bool(value):
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return bool(value)


def _query(query, key):
    """MetricDataQuery (PutMetricAlarm's `Metrics` member) as CloudWatch returns it."""
    out = {"Id": query.get("Id")}
    for field in ("Expression", "Label", "AccountId"):
        if query.get(field) is not None:
            out[field] = query[field]
    if query.get("ReturnData") is not None:
        out["ReturnData"] = _bool(query["ReturnData"])
    if query.get("Period") is not None:
        out["Period"] = int(query["Period"])
    stat = query.get("MetricStat")
    if stat:
        metric = stat.get("Metric") or {}
        m = {k: metric[k] for k in ("Namespace", "MetricName") if metric.get(k) is not None}
        m["Dimensions"] = _dims(metric.get("Dimensions"))
        s = {"Metric": m}
        if stat.get("Period") is not None:
            s["Period"] = int(stat["Period"])
        for field in ("Stat", "Unit"):
            if stat.get(field) is not None:
                s[field] = stat[field]
        out["MetricStat"] = s
    if out["Id"] is None:
        raise ValueError(f"Metrics member {key} has no Id")
    return out


def normalized(request):
    """The configuration fields of a PutMetricAlarm request (a CBOR/JSON body), normalized."""
    out = {}
    for field in CONFIG_FIELDS:
        value = request.get(field)
        if value is None or (field in ("Metrics",) and not value):
            continue
        if field in _INTS:
            value = int(value)
        elif field == "Threshold":
            value = float(value)
        elif field == "Dimensions":
            value = _dims(value)
        elif field == "Metrics":
            value = [_query(q, i + 1) for i, q in enumerate(value)]
        out[field] = value
    return out


def apply(alarm, request):
    """Make `alarm` (ministack's stored dict) hold exactly the request's configuration."""
    config = normalized(request)
    for field in CONFIG_FIELDS:
        alarm.pop(field, None)
    alarm.update(config)
    alarm.setdefault("Dimensions", [])
    if request.get("InsufficientDataActions") is not None:
        alarm["InsufficientDataActions"] = list(request["InsufficientDataActions"])


# ---------------------------------------------------------------------------------------------
# The query protocol: form fields (`Metrics.member.1.MetricStat.Metric.Dimensions.member.1.Name`)
# to the same nested request.


def _set_path(root, parts, value):
    path = [int(p) if p.isdigit() else p for p in parts if p != "member"]
    node = root
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


def _lists(node):
    """Dicts keyed by member numbers become lists, in number order."""
    if isinstance(node, dict):
        if node and all(isinstance(k, int) for k in node):
            return [_lists(node[k]) for k in sorted(node)]
        return {k: _lists(v) for k, v in node.items()}
    return node


def request_from_query(params):
    """A query-protocol PutMetricAlarm / DescribeAlarms request as the CBOR/JSON body would be."""
    root = {}
    for key, value in params.items():
        value = value[0] if isinstance(value, list) else value
        if key in ("Action", "Version"):
            continue
        _set_path(root, key.split("."), value)
    return _lists(root)


# ---------------------------------------------------------------------------------------------
# DescribeAlarms over the query protocol: every field of each alarm, in XML.


def _iso(epoch):
    return datetime.fromtimestamp(float(epoch), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def to_xml(key, value):
    if value is None:
        return ""
    if isinstance(value, list):
        return f"<{key}>" + "".join(to_xml("member", v) for v in value) + f"</{key}>"
    if isinstance(value, dict):
        return f"<{key}>" + "".join(to_xml(k, v) for k, v in value.items()) + f"</{key}>"
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif key.endswith("Timestamp") and isinstance(value, (int, float)):
        text = _iso(value)
    else:
        text = escape(str(value))
    return f"<{key}>{text}</{key}>"
