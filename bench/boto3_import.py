"""The import an engineer would write instead of eventsctl: boto3's batch_writer over NDJSON.

Builds the same items as `eventsctl events import` (composite keys, ttl = timestamp + 30 days)
so both write the same bytes. Usage: python bench/boto3_import.py FILE TABLE
"""
import json
import sys
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import boto3


def item(line):
    e = json.loads(line, parse_float=Decimal)
    ts = datetime.fromisoformat(e["timestamp"].replace("Z", "+00:00")).astimezone(timezone.utc)
    stamp = ts.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    event_id = e.get("event_id") or e["user_id"] + "-" + stamp
    status = e.get("status", "pending")
    return {
        "user_id": e["user_id"],
        "timestamp#event_id": f"{stamp}#{event_id}",
        "event_type#timestamp": f"{e['event_type']}#{stamp}",
        "status#timestamp": f"{status}#{stamp}",
        "event_id": event_id,
        "event_type": e["event_type"],
        "status": status,
        "timestamp": stamp,
        "ttl": int((ts + timedelta(days=30)).timestamp()),
        "retry_count": 0,
        "payload": e.get("payload", {}),
        "metadata": e.get("metadata", {}),
    }


def main():
    path, table_name = sys.argv[1], sys.argv[2]
    table = boto3.resource("dynamodb").Table(table_name)
    n = 0
    with open(path) as f, table.batch_writer() as batch:
        for line in f:
            if line.strip():
                batch.put_item(Item=item(line))
                n += 1
    print(f"wrote {n}")


if __name__ == "__main__":
    main()
