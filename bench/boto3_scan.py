"""The full scan an engineer would write instead of `check-ttl --full`: boto3's low-level client,
a paginated Scan of every item over SEGMENTS parallel segments (threads), counting items.

Usage: python bench/boto3_scan.py TABLE [SEGMENTS]   (prints the number of items read)
"""
import sys
from concurrent.futures import ThreadPoolExecutor

import boto3


def scan_segment(table, segment, total):
    client = boto3.session.Session().client("dynamodb")
    paginator = client.get_paginator("scan")
    n = 0
    for page in paginator.paginate(TableName=table, Segment=segment, TotalSegments=total):
        n += len(page["Items"])
    return n


def main():
    table = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    with ThreadPoolExecutor(max_workers=total) as pool:
        counts = pool.map(lambda s: scan_segment(table, s, total), range(total))
        print(sum(counts))


if __name__ == "__main__":
    main()
