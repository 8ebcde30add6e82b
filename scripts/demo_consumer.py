"""Creates the demo's stream consumer on the local emulator: a Python Lambda and an event source
mapping on the table's stream, as the real API has. Uses botocore from the emulator's venv.

Usage: .venv/bin/python scripts/demo_consumer.py ENDPOINT TABLE FUNCTION
"""
import io
import sys
import zipfile

import botocore.session

# The consumer logs the key of each record it processes (the demo times a canary by its line).
HANDLER = """def handler(event, context):
    records = event.get('Records', [])
    for r in records:
        keys = r.get('dynamodb', {}).get('Keys', {})
        print('processed', r.get('eventName'), keys.get('user_id', {}).get('S'))
    return {'records': len(records)}
"""


def main():
    endpoint, table, function = sys.argv[1:4]
    session = botocore.session.get_session()
    kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="demo", aws_secret_access_key="demo")
    lam = session.create_client("lambda", **kw)
    ddb = session.create_client("dynamodb", **kw)
    iam = session.create_client("iam", **kw)
    described = ddb.describe_table(TableName=table)["Table"]
    arn = described["LatestStreamArn"]
    existing = lam.list_event_source_mappings(EventSourceArn=arn)["EventSourceMappings"]
    if existing:
        print(f"consumer already reads {arn}")
        return
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("handler.py", HANDLER)
    # Its execution role, least privilege: the four stream reads on this table's streams (what
    # `health-check monthly` audits in its part iam).
    trust = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
    try:
        role = iam.create_role(RoleName=function, AssumeRolePolicyDocument=trust)["Role"]["Arn"]
    except iam.exceptions.EntityAlreadyExistsException:
        role = iam.get_role(RoleName=function)["Role"]["Arn"]
    stream_reads = ('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":'
                    '["dynamodb:DescribeStream","dynamodb:GetRecords","dynamodb:GetShardIterator","dynamodb:ListStreams"],'
                    f'"Resource":"{described["TableArn"]}/stream/*"}}]}}')
    iam.put_role_policy(RoleName=function, PolicyName="stream-reads", PolicyDocument=stream_reads)
    try:
        lam.create_function(
            FunctionName=function,
            Runtime="python3.12",
            Role=role,
            Handler="handler.handler",
            Code={"ZipFile": buf.getvalue()},
        )
    except lam.exceptions.ResourceConflictException:
        pass
    lam.create_event_source_mapping(EventSourceArn=arn, FunctionName=function, StartingPosition="LATEST")
    print(f"consumer {function} reads {arn}")


if __name__ == "__main__":
    main()
