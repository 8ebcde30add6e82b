"""Bench only: the files ExportTableToPointInTime writes (the documented layout:
AWSDynamoDB/<id>/manifest-summary.json, manifest-files.json, data/*.json.gz with one
{"Item": {...}} a line), written into the emulator's S3 from the NDJSON the bench imported,
because the emulator keeps the export's bookkeeping but writes no files.
Usage: write_export.py ENDPOINT EXPORT_START_JSON NDJSON TABLE"""
import gzip
import io
import json
import sys
from datetime import datetime, timedelta

import boto3

endpoint, export_out, ndjson, _table = sys.argv[1:5]
export = json.load(open(export_out))["data"]["export"]
bucket, prefix = export["bucket"], (export.get("prefix") or "").rstrip("/")
root = (prefix + "/" if prefix else "") + f"AWSDynamoDB/{export['arn'].rsplit('/', 1)[1]}/"
s3 = boto3.client("s3", endpoint_url=endpoint)


def item(ev):
    # As `events import` stores it: fixed-width timestamp, sort keys, ttl = timestamp + 30 d.
    ts = datetime.fromisoformat(ev["timestamp"].replace("Z", "+00:00"))
    text = ts.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    ttl = ev.get("ttl", int(ts.timestamp()) + 30 * 86400)
    return {
        "user_id": {"S": ev["user_id"]},
        "timestamp#event_id": {"S": f"{text}#{ev['event_id']}"},
        "event_id": {"S": ev["event_id"]},
        "event_type": {"S": ev["event_type"]},
        "timestamp": {"S": text},
        "ttl": {"N": str(ttl)},
        "status": {"S": "pending"},
    }


files, buf, count, total, n = [], None, 0, 0, 0
PER_FILE = 250_000


def flush():
    global buf, count, n
    if buf is None:
        return
    key = f"{root}data/file-{n:04d}.json.gz"
    s3.put_object(Bucket=bucket, Key=key, Body=gzip.compress(buf.getvalue(), 1))
    files.append({"itemCount": count, "md5Checksum": "-", "etag": "-", "dataFileS3Key": key})
    buf, count, n = None, 0, n + 1


for line in open(ndjson):
    if buf is None:
        buf = io.BytesIO()
    buf.write((json.dumps({"Item": item(json.loads(line))}) + "\n").encode())
    count += 1
    total += 1
    if count == PER_FILE:
        flush()
flush()
files_key = f"{root}manifest-files.json"
s3.put_object(Bucket=bucket, Key=files_key, Body="".join(json.dumps(f) + "\n" for f in files).encode())
s3.put_object(Bucket=bucket, Key=f"{root}manifest-summary.json", Body=json.dumps({
    "version": "2020-06-30", "exportArn": export["arn"], "itemCount": total,
    "manifestFilesS3Key": files_key, "outputFormat": "DYNAMODB_JSON", "exportType": "FULL_EXPORT",
}).encode())
print(f"wrote {total} items in {len(files)} files under s3://{bucket}/{root}", file=sys.stderr)
