"""IAM access advisor's report for a role (GetServiceLastAccessedDetails), pure: built from the
role's policies as the emulator stores them and from the activity the emulator really performed
for that role (iam_patch records it). Nothing here is made up: a service nobody used has
`LastAuthenticated` null, as on AWS.
https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetServiceLastAccessedDetails.html
https://docs.aws.amazon.com/IAM/latest/APIReference/API_ServiceLastAccessed.html
https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_last-accessed.html

- One `ServiceLastAccessed` per service namespace an Allow statement of the role's inline or
  attached managed policies names in `Action` (IAM reads `*` as any run of characters and `?` as
  one, case-insensitively). `"*"`, a wildcard in the service part and `NotAction` allow services
  this layer can only enumerate from SERVICE_NAMES (plus those the role was seen using): AWS lists
  every service they allow.
- `LastAuthenticated` / `LastAuthenticatedEntity` / `LastAuthenticatedRegion`: the role's latest
  recorded use of the service; `TotalAuthenticatedEntities` 1 when used, else 0 (a role's report
  counts the role only).
- ACTION_LEVEL adds `TrackedActionsLastAccessed` only for the services of TRACKED_ACTIONS, each
  tracked action an Allow statement matches, with its latest recorded use (null otherwise). AWS
  tracks management actions only ("Action last accessed information is not available for any
  data plane event", User Guide above), per service, on the list of
  access_policies_last-accessed-action-last-accessed.html. That list could not be read for this
  layer, so no service is entered: every service here is reported per service only.
"""

import json
import re
import threading
import time
from urllib.parse import unquote

# Namespaces this layer can name, for `*` and wildcard service parts; the names are labels (tools
# read the namespace).
SERVICE_NAMES = {
    "cloudwatch": "Amazon CloudWatch",
    "dynamodb": "Amazon DynamoDB",
    "ec2": "Amazon EC2",
    "iam": "AWS Identity and Access Management",
    "kms": "AWS Key Management Service",
    "lambda": "AWS Lambda",
    "logs": "Amazon CloudWatch Logs",
    "s3": "Amazon S3",
    "sns": "Amazon SNS",
    "sqs": "Amazon SQS",
    "sts": "AWS Security Token Service",
}

# namespace -> the actions AWS tracks for it (action last accessed). Empty: see the module doc.
TRACKED_ACTIONS = {}

SERVICE_LEVEL, ACTION_LEVEL = "SERVICE_LEVEL", "ACTION_LEVEL"


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def matches(pattern, text):
    """Whether an IAM action pattern matches `text`: `*` any run, `?` one character, any case."""
    rx = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(rx, text, re.IGNORECASE | re.DOTALL) is not None


def document(raw):
    """A policy document as stored (JSON text, URL-encoded JSON text or a dict), or None."""
    if isinstance(raw, dict):
        return raw
    if isinstance(raw, (bytes, bytearray)):
        raw = raw.decode("utf-8", errors="replace")
    for text in (raw, unquote(raw or "")):
        try:
            doc = json.loads(text)
        except (TypeError, ValueError):
            continue
        if isinstance(doc, dict):
            return doc
    return None


def _listed(value):
    if isinstance(value, str):
        return [value]
    return [v for v in value or [] if isinstance(v, str)]


def allows(documents):
    """(action patterns, not-action pattern lists) of the Allow statements of `documents`."""
    actions, not_actions = [], []
    for doc in documents:
        statements = doc.get("Statement", [])
        for s in [statements] if isinstance(statements, dict) else statements:
            if not isinstance(s, dict) or s.get("Effect") != "Allow":
                continue
            actions += _listed(s.get("Action"))
            if "NotAction" in s:
                not_actions.append(_listed(s.get("NotAction")))
    return actions, not_actions


def namespaces(actions, not_actions, known):
    """The service namespaces the patterns allow, sorted; `known` enumerates wildcards."""
    found = set()
    for a in actions:
        service = a.split(":", 1)[0] if ":" in a else a
        if "*" in service or "?" in service:
            found |= {k for k in known if matches(service, k)}
        elif ":" in a:
            found.add(service.lower())
    for excluded in not_actions:
        found |= {k for k in known if not any(matches(p, f"{k}:*") for p in excluded)}
    return sorted(found)


class Activity:
    """What the emulator did as each role: (account, role ARN) -> namespace -> the latest use,
    and per action when the action is known. Written by the emulator's threads, read by
    requests: locked."""

    def __init__(self):
        self._lock = threading.Lock()
        self._uses = {}

    def record(self, account, role_arn, namespace, action, region, when):
        with self._lock:
            service = self._uses.setdefault((account, role_arn), {}).setdefault(
                namespace, {"time": 0.0, "region": None, "actions": {}})
            if when >= service["time"]:
                service["time"], service["region"] = when, region
            last = service["actions"].get(action) if action else None
            if action and (last is None or when >= last[0]):
                service["actions"][action] = (when, region)

    def of(self, account, role_arn):
        with self._lock:
            return json.loads(json.dumps(self._uses.get((account, role_arn), {})))

    def clear(self):
        with self._lock:
            self._uses.clear()


def report(role_arn, documents, uses, granularity):
    """The `ServicesLastAccessed` list for a role: dicts with AWS's field names (times as epoch
    seconds, None when never used)."""
    actions, not_actions = allows(documents)
    known = set(SERVICE_NAMES) | set(uses)
    services = []
    for ns in namespaces(actions, not_actions, known):
        used = uses.get(ns)
        entry = {
            "ServiceName": SERVICE_NAMES.get(ns, ns),
            "ServiceNamespace": ns,
            "LastAuthenticated": used["time"] if used else None,
            "LastAuthenticatedEntity": role_arn if used else None,
            "LastAuthenticatedRegion": used["region"] if used else None,
            "TotalAuthenticatedEntities": 1 if used else 0,
        }
        if granularity == ACTION_LEVEL and ns in TRACKED_ACTIONS:
            entry["TrackedActionsLastAccessed"] = _tracked(ns, actions, not_actions, used, role_arn)
        services.append(entry)
    return services


def _tracked(ns, actions, not_actions, used, role_arn):
    by_name = {k.lower(): v for k, v in ((used or {}).get("actions") or {}).items()}
    out = []
    for name in TRACKED_ACTIONS[ns]:
        full = f"{ns}:{name}"
        allowed = any(matches(a, full) for a in actions) or any(
            not any(matches(p, full) for p in excluded) for excluded in not_actions)
        if not allowed:
            continue
        last = by_name.get(name.lower())
        out.append({
            "ActionName": name,
            "LastAccessedEntity": role_arn if last else None,
            "LastAccessedRegion": last[1] if last else None,
            "LastAccessedTime": last[0] if last else None,
        })
    return out


def _xml_fields(entry, order):
    out = ""
    for key in order:
        value = entry.get(key)
        if value is None:
            continue
        if key in ("LastAuthenticated", "LastAccessedTime"):
            value = iso(value)
        out += f"<{key}>{_escape(value)}</{key}>"
    return out


def _escape(value):
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def services_xml(services):
    """`<ServicesLastAccessed>` members as the query protocol carries them."""
    members = ""
    for s in services:
        inner = _xml_fields(s, ("ServiceName", "ServiceNamespace", "LastAuthenticated",
                                "LastAuthenticatedEntity", "LastAuthenticatedRegion",
                                "TotalAuthenticatedEntities"))
        if "TrackedActionsLastAccessed" in s:
            tracked = "".join(
                "<member>" + _xml_fields(a, ("ActionName", "LastAccessedEntity", "LastAccessedRegion",
                                             "LastAccessedTime")) + "</member>"
                for a in s["TrackedActionsLastAccessed"])
            inner += f"<TrackedActionsLastAccessed>{tracked}</TrackedActionsLastAccessed>"
        members += f"<member>{inner}</member>"
    return f"<ServicesLastAccessed>{members}</ServicesLastAccessed>"
