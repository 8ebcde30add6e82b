"""The demo's incident on the local emulator (scripts/demo.sh), and the metrics DynamoDB and
Lambda would have published for it. Uses botocore from the emulator's venv.

The emulator publishes no AWS/DynamoDB and no AWS/Lambda metrics (not for its own tables, not
for mapping-driven invocations), so this script publishes them, computed from what really
happened on the emulator. That is demo-only code: real CloudWatch refuses PutMetricData into
AWS/ namespaces, and eventsctl never publishes there.

Usage: .venv/bin/python scripts/demo_incident.py ENDPOINT TABLE STEP [ARG]
  hot-user FILE        the hot user's burst as NDJSON, for `eventsctl events import FILE`
  metrics FUNCTION     the API's traffic as DynamoDB meters it (consumed capacity per minute,
                       key-range throttles where one user's writes pass a partition's limit,
                       TTL deletes per hour until TTL was switched off), and the consumer
                       FUNCTION falling behind (IteratorAge rising)
  millis-writer        another writer (its own access key) puts events with `ttl` in
                       milliseconds, and the capacity its writes consumed
  ttl-off              another identity (its own access key) switches TTL off
  caught-up FUNCTION   a canary event through the stream to FUNCTION, timed from its log; its
                       age is the consumer's IteratorAge now
  latency              the API's requests now (PutItem of a user of its own, removed afterwards,
                       and Query of the users' inboxes), each timed from the client, published
                       as the SuccessfulRequestLatency DynamoDB would have metered (at most
                       this) in the traffic's last complete 5-minute period
"""
import json
import math
import os
import shutil
import sys
import textwrap
import time
import uuid
from collections import defaultdict
from datetime import datetime, timedelta, timezone

import botocore.session

REGION = "us-east-1"
# The demo's own identity (the one eventsctl runs with) and the two others of the story. On the
# emulator an identity is its access key (CloudTrail names arn:aws:iam::...:user/<key>); on AWS
# it is the IAM user or role.
DEMO_KEY = "demo"
BACKFILL_KEY = "backfill-job"
OPS_KEY = "jane-from-ops"

HOT_USER = "user-hot"
HOT_EVENTS = 160
# A payload that makes each of the hot user's events just under 10 KB: 10 write units apiece.
HOT_PAYLOAD_BYTES = 9_600
# One partition serves at most 1,000 write units a second; more is throttled (key range).
# https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html
PARTITION_WCU_PER_S = 1_000
# When the hot user's burst happened, and how far the consumer's lag had grown.
BURST_MINUTES_AGO = 20
LAG_STARTED_MINUTES_AGO = 90
# The consumer's last slow batch: its metrics stop this long before now.
LAG_LAST_MINUTES_AGO = 11
# Requests timed per operation. With EvaluateLowSampleCountPercentile `ignore` a period counts
# only with at least 10/(1-p) samples: 1,000 for the write alarm's p99, 200 for the read alarm's
# p95; fewer leave the latency alarms as they are.
# https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#percentiles-with-low-samples
PUT_SAMPLES = 1_000
QUERY_SAMPLES = 200
# The traffic's users (user-00 to user-19), whose inboxes the API's Query reads.
INBOX_USERS = 20
# The latency alarms' period: the timed requests are published in the last complete one.
LATENCY_PERIOD = timedelta(minutes=5)
DAY = 86_400
TTL_DAYS = 30
MAX_DATUMS = 1_000


def say(text):
    width = int(os.environ.get("COLUMNS") or shutil.get_terminal_size((100, 24)).columns)
    print(textwrap.fill(text, width=max(60, min(width, 120)), initial_indent="  ",
                        subsequent_indent="    ", break_long_words=False, break_on_hyphens=False))


def client(endpoint, service, key=DEMO_KEY):
    return botocore.session.get_session().create_client(
        service, endpoint_url=endpoint, region_name=REGION,
        aws_access_key_id=key, aws_secret_access_key=key)


def stamp(t):
    """The timestamp format eventsctl writes: RFC 3339, microseconds, Z."""
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse(ts):
    """An event's RFC 3339 timestamp, with or without a fraction."""
    t = datetime.fromisoformat(ts.replace("Z", "+00:00"))
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def number_size(text):
    """DynamoDB's size of a Number: about one byte per two significant digits, plus one."""
    digits = text.lstrip("-").replace(".", "").strip("0") or "0"
    return 1 + math.ceil(len(digits) / 2)


def value_size(v):
    (kind, x), = v.items()
    if kind == "S":
        return len(x.encode())
    if kind == "N":
        return number_size(x)
    if kind == "B":
        return len(x)
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "M":
        return 3 + sum(len(k.encode()) + value_size(e) + 1 for k, e in x.items())
    if kind == "L":
        return 3 + sum(value_size(e) + 1 for e in x)
    if kind == "SS":
        return sum(len(e.encode()) for e in x)
    if kind == "NS":
        return sum(number_size(e) for e in x)
    return sum(len(e) for e in x)


def write_units(item):
    """Write units of one PutItem of `item`: one per KB, rounded up."""
    size = sum(len(k.encode()) + value_size(v) for k, v in item.items())
    return max(1, math.ceil(size / 1024))


def gsi_keys(ddb, table):
    """Each GSI's name and the key attributes an item needs to be in it."""
    t = ddb.describe_table(TableName=table)["Table"]
    return {g["IndexName"]: [k["AttributeName"] for k in g["KeySchema"]]
            for g in t.get("GlobalSecondaryIndexes", [])}


def scan(ddb, table):
    pages = ddb.get_paginator("scan").paginate(TableName=table)
    for page in pages:
        yield from page["Items"]


def datum(name, dims, t, value, unit="Count"):
    return {"MetricName": name, "Dimensions": [{"Name": k, "Value": v} for k, v in dims],
            "Timestamp": t, "Value": float(value), "Unit": unit}


def publish(cw, namespace, data):
    for i in range(0, len(data), MAX_DATUMS):
        cw.put_metric_data(Namespace=namespace, MetricData=data[i:i + MAX_DATUMS])
    return len(data)


def event_item(user, event_type, status, t, ttl, payload):
    ts, event_id = stamp(t), str(uuid.uuid4())
    return {
        "user_id": {"S": user},
        "timestamp#event_id": {"S": f"{ts}#{event_id}"},
        "event_type#timestamp": {"S": f"{event_type}#{ts}"},
        "status#timestamp": {"S": f"{status}#{ts}"},
        "event_id": {"S": event_id},
        "event_type": {"S": event_type},
        "status": {"S": status},
        "timestamp": {"S": ts},
        "ttl": {"N": str(ttl)},
        "retry_count": {"N": "0"},
        "payload": {"M": {k: {"N": str(v)} for k, v in payload.items()}},
        "metadata": {"M": {}},
    }


def hot_user(path):
    """160 events of just under 10 KB from one user within one second, 20 minutes ago."""
    start = (datetime.now(timezone.utc) - timedelta(minutes=BURST_MINUTES_AGO)).replace(
        second=10, microsecond=0)
    with open(path, "w") as out:
        for i in range(HOT_EVENTS):
            t = start + timedelta(milliseconds=6 * i)
            print(json.dumps({
                "user_id": HOT_USER, "event_type": "webhook.received", "status": "pending",
                "timestamp": stamp(t), "payload": {"n": i, "body": "x" * HOT_PAYLOAD_BYTES},
            }), file=out)
    say(f"{HOT_USER} sends {HOT_EVENTS} webhooks of just under 10 KB within one second, at "
          f"{stamp(start)[:19]}Z")


def traffic(items, gsis):
    """Per minute: the write units the table and each GSI consumed, and the writes throttled
    because one user's partition passed 1,000 write units in a second (the SDK retries them:
    they land, and are metered, all the same)."""
    consumed = defaultdict(float)
    per_index = defaultdict(float)
    by_second = defaultdict(list)
    for item in items:
        t = parse(item["timestamp"]["S"])
        by_second[(item["user_id"]["S"], t.replace(microsecond=0))].append(item)
    throttled = defaultdict(int)
    for (_, second), writes in by_second.items():
        minute = second.replace(second=0)
        budget = PARTITION_WCU_PER_S
        for item in sorted(writes, key=lambda i: i["timestamp"]["S"]):
            units = write_units(item)
            if units > budget:
                throttled[minute] += 1
            budget = max(0, budget - units)
            consumed[minute] += units
            for index, keys in gsis.items():
                if all(k in item for k in keys):
                    per_index[(index, minute)] += units
    return consumed, per_index, throttled


def metrics(endpoint, table, function):
    ddb, cw = client(endpoint, "dynamodb"), client(endpoint, "cloudwatch")
    gsis = gsi_keys(ddb, table)
    now = datetime.now(timezone.utc)
    # The emulator keeps 14 days of metrics; older minutes would be dropped.
    items = [i for i in scan(ddb, table)
             if "timestamp" in i and now - parse(i["timestamp"]["S"]) < timedelta(days=14)]
    consumed, per_index, throttled = traffic(items, gsis)
    t = [("TableName", table)]
    data = [datum("ConsumedWriteCapacityUnits", t, m, v) for m, v in consumed.items()]
    data += [datum("ConsumedWriteCapacityUnits", t + [("GlobalSecondaryIndexName", i)], m, v)
             for (i, m), v in per_index.items()]
    for m, n in throttled.items():
        data += [datum("WriteThrottleEvents", t, m, n),
                 datum("WriteKeyRangeThroughputThrottleEvents", t, m, n),
                 datum("ThrottledRequests", t + [("Operation", "PutItem")], m, n)]
    deleted = ttl_deletes(items, now)
    data += [datum("TimeToLiveDeletedItemCount", t, m, n) for m, n in deleted.items()]
    published = publish(cw, "AWS/DynamoDB", data)
    say(f"AWS/DynamoDB: {sum(consumed.values()):.0f} write units over {len(consumed)} minutes "
          f"for the {len(items)} events in the table (each GSI metered too), and "
          f"{sum(throttled.values())} key-range throttle events where {HOT_USER}'s partition "
          f"passed {PARTITION_WCU_PER_S:,} write units in a second ({published} datapoints)")
    say(f"AWS/DynamoDB: TTL deleted {sum(deleted.values())} items over the {len(deleted)} hours "
        f"before it was switched off (the table is older than its {TTL_DAYS}-day TTL: each hour, "
        f"the events written {TTL_DAYS} days before, counted here as that hour's events today)")
    lag = lagging_consumer(now, function)
    publish(cw, "AWS/Lambda", lag)
    worst = max(d["Value"] for d in lag if d["MetricName"] == "IteratorAge")
    say(f"AWS/Lambda: {function} fell behind {LAG_STARTED_MINUTES_AGO} minutes ago; its "
          f"batches are older and older: IteratorAge up to {worst / 60_000:.0f} minutes "
          f"({LAG_LAST_MINUTES_AGO} minutes ago)")


def ttl_deletes(items, now):
    """TimeToLiveDeletedItemCount per hour of the last day, until TTL was switched off (now):
    the table is older than its TTL, so each hour DynamoDB deleted the events written 30 days
    before it. Those are gone from the table; the events of the same hour today stand in for
    them. Published mid-hour (the alarm over it slides hour by hour)."""
    per_hour = defaultdict(int)
    for item in items:
        ago = now - parse(item["timestamp"]["S"])
        if timedelta(0) <= ago < timedelta(hours=24):
            per_hour[int(ago / timedelta(hours=1))] += 1
    return {now - timedelta(hours=h, minutes=30): n for h, n in per_hour.items()}


def lagging_consumer(now, function):
    """The consumer's metrics over the last hour: six batches a minute, no errors, each batch
    older than the one before (it processes 5% slower than the stream fills)."""
    f = [("FunctionName", function)]
    data = []
    for ago in range(60, LAG_LAST_MINUTES_AGO - 1, -1):
        m = (now - timedelta(minutes=ago)).replace(second=0, microsecond=0)
        age_ms = (LAG_STARTED_MINUTES_AGO - ago) * 60_000 * 0.95
        data += [datum("IteratorAge", f, m, age_ms, "Milliseconds"),
                 datum("Invocations", f, m, 6), datum("Errors", f, m, 0)]
    return data


def millis_writer(endpoint, table):
    """A backfill job with its own access key writes 40 events whose `ttl` is in milliseconds
    (timestamp + 30 days, times 1000): 30 of the last 12 hours, and 10 of 31 days ago, whose
    moment has already passed."""
    ddb = client(endpoint, "dynamodb", BACKFILL_KEY)
    now = datetime.now(timezone.utc)
    items = []
    for i in range(40):
        t = now - (timedelta(minutes=18 * i + 7) if i < 30 else timedelta(days=31, hours=2, minutes=i))
        ttl_ms = int((t.timestamp() + TTL_DAYS * DAY) * 1000)
        items.append(event_item(f"user-{i % 20:02d}", "poll.completed", "delivered", t, ttl_ms,
                                {"n": 10_000 + i}))
    for i in range(0, len(items), 25):
        ddb.batch_write_item(RequestItems={table: [{"PutRequest": {"Item": it}} for it in items[i:i + 25]]})
    cw = client(endpoint, "cloudwatch")
    gsis = gsi_keys(client(endpoint, "dynamodb"), table)
    minute = now.replace(second=0, microsecond=0)
    units = sum(write_units(i) for i in items)
    t = [("TableName", table)]
    publish(cw, "AWS/DynamoDB", [datum("ConsumedWriteCapacityUnits", t, minute, units)] + [
        datum("ConsumedWriteCapacityUnits", t + [("GlobalSecondaryIndexName", g)], minute, units)
        for g in gsis])
    say(f"{BACKFILL_KEY} (its own access key) writes {len(items)} events with `ttl` in "
          f"milliseconds: 30 of the last 12 hours, 10 of 31 days ago ({units} write units)")


def ttl_off(endpoint, table):
    ddb = client(endpoint, "dynamodb", OPS_KEY)
    ddb.update_time_to_live(TableName=table,
                            TimeToLiveSpecification={"Enabled": False, "AttributeName": "ttl"})
    say(f"{OPS_KEY} (another access key) switches TTL off: UpdateTimeToLive Enabled=false")


def caught_up(endpoint, table, function):
    """Writes a canary event as the API would, waits for the consumer to log it, and publishes
    that delay as the consumer's IteratorAge now (with its one invocation, no error)."""
    ddb, logs, cw = (client(endpoint, s) for s in ("dynamodb", "logs", "cloudwatch"))
    user = f"canary-{uuid.uuid4().hex[:12]}"
    now = datetime.now(timezone.utc)
    item = event_item(user, "demo.canary", "delivered", now, int(now.timestamp()) + TTL_DAYS * DAY, {})
    written_ms = int(time.time() * 1000)
    ddb.put_item(TableName=table, Item=item)
    seen = None
    deadline = time.time() + 30
    while seen is None and time.time() < deadline:
        time.sleep(0.2)
        try:
            found = logs.filter_log_events(logGroupName=f"/aws/lambda/{function}",
                                           startTime=written_ms - 1000)["events"]
        except logs.exceptions.ResourceNotFoundException:
            continue
        seen = next((e["timestamp"] for e in found if user in e["message"]), None)
    key = {k: item[k] for k in ("user_id", "timestamp#event_id")}
    ddb.delete_item(TableName=table, Key=key)
    if seen is None:
        sys.exit(f"demo: the consumer {function} did not log the canary within 30 s")
    age_ms = max(1, seen - written_ms)
    f = [("FunctionName", function)]
    minute = now.replace(second=0, microsecond=0)
    publish(cw, "AWS/Lambda", [datum("IteratorAge", f, now, age_ms, "Milliseconds"),
                               datum("Invocations", f, minute, 1), datum("Errors", f, minute, 0)])
    say(f"a canary event reached {function} {age_ms} ms after it was written: the "
          f"consumer is caught up; published as its IteratorAge now")


def last_complete_period(now, period=LATENCY_PERIOD):
    """The start of the last period of `period` that ended before `now` (periods on multiples
    of `period` since the epoch, as GetMetricData's)."""
    step = int(period.total_seconds())
    start = int(now.timestamp()) // step * step - step
    return datetime.fromtimestamp(start, tz=timezone.utc)


def latency(endpoint, table):
    """PutItem and Query as the API makes them (new events of a user of its own, removed
    afterwards; the inboxes of the traffic's users), each timed from the client (what DynamoDB
    meters is at most that). Published as the SuccessfulRequestLatency of the traffic's last complete
    5-minute period: a period still filling is not one the latency alarms' backtest replays,
    and with too few samples it keeps an alarm as it is. The events are deleted afterwards."""
    ddb, cw = client(endpoint, "dynamodb"), client(endpoint, "cloudwatch")
    user = f"latency-{uuid.uuid4().hex[:12]}"
    now = datetime.now(timezone.utc)
    put_ms, query_ms, keys = [], [], []
    every = PUT_SAMPLES // QUERY_SAMPLES
    for i in range(PUT_SAMPLES):
        # The API writes for many users: ten of the demo's own, a hundred events each.
        item = event_item(f"{user}-{i % 10}", "demo.latency", "delivered", now + timedelta(milliseconds=i),
                          int(now.timestamp()) + TTL_DAYS * DAY, {"n": i})
        t0 = time.perf_counter()
        ddb.put_item(TableName=table, Item=item)
        put_ms.append((time.perf_counter() - t0) * 1000)
        keys.append({k: item[k] for k in ("user_id", "timestamp#event_id")})
        if i % every == 0:
            # GET /inbox: the newest events of one of the traffic's users.
            inbox = f"user-{(i // every) % INBOX_USERS:02d}"
            t0 = time.perf_counter()
            ddb.query(TableName=table, KeyConditionExpression="user_id = :u",
                      ExpressionAttributeValues={":u": {"S": inbox}}, ScanIndexForward=False,
                      Limit=10)
            query_ms.append((time.perf_counter() - t0) * 1000)
    for i in range(0, len(keys), 25):
        ddb.batch_write_item(RequestItems={table: [{"DeleteRequest": {"Key": k}} for k in keys[i:i + 25]]})
    period = last_complete_period(datetime.now(timezone.utc))
    at = period + LATENCY_PERIOD / 2
    data = []
    for op, values in (("PutItem", put_ms), ("Query", query_ms)):
        data.append({"MetricName": "SuccessfulRequestLatency",
                     "Dimensions": [{"Name": "TableName", "Value": table},
                                    {"Name": "Operation", "Value": op}],
                     "Timestamp": at, "Values": [round(v, 3) for v in values],
                     "Unit": "Milliseconds"})
    publish(cw, "AWS/DynamoDB", data)
    pct = lambda v, p: sorted(v)[math.ceil(len(v) * p) - 1]
    say(f"the API's requests, timed now from the client: {len(put_ms)} PutItem (p99 "
        f"{pct(put_ms, 0.99):.1f} ms) and {len(query_ms)} Query of the users' inboxes (p95 "
        f"{pct(query_ms, 0.95):.1f} ms). "
        f"Published as the SuccessfulRequestLatency of the traffic's last complete 5-minute "
        f"period ({stamp(period)[11:16]}-{stamp(period + LATENCY_PERIOD)[11:16]}Z), as part of "
        f"the simulated traffic: a period still filling is not one the latency alarms' backtest "
        f"replays")


def main():
    endpoint, table, step = sys.argv[1:4]
    arg = sys.argv[4] if len(sys.argv) > 4 else None
    if step == "hot-user":
        hot_user(arg)
    elif step == "metrics":
        metrics(endpoint, table, arg)
    elif step == "millis-writer":
        millis_writer(endpoint, table)
    elif step == "ttl-off":
        ttl_off(endpoint, table)
    elif step == "caught-up":
        caught_up(endpoint, table, arg)
    elif step == "latency":
        latency(endpoint, table)
    else:
        sys.exit(f"demo_incident.py: unknown step {step!r}")


if __name__ == "__main__":
    main()
