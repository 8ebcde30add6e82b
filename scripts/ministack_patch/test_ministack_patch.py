"""Unit tests of the ministack patch layer, through ministack's own CloudWatch request handler
(no server): `PYTHONPATH=scripts .venv/bin/python -m unittest discover -s scripts/ministack_patch`
(scripts/test.sh runs them). Each test would fail on unpatched ministack 1.5.33.
"""

import asyncio
import json
import time
import unittest
import xml.etree.ElementTree as ET
from unittest import mock
from urllib.parse import urlencode

import cbor2

import ministack_patch
from ministack_patch import access_advisor, alarm_evaluation, cloudwatch_patch, iam_patch, metric_math, rules

ministack_patch.install()

from ministack.core import responses  # noqa: E402
from ministack.services import cloudwatch as cw  # noqa: E402
from ministack.services import cloudtrail, dynamodb, iam, lambda_svc, sts  # noqa: E402

TABLE = [{"Name": "TableName", "Value": "events"}]
CBOR = {"content-type": "application/cbor", "smithy-protocol": "rpc-v2-cbor"}


def call(operation, body):
    """One CBOR request, as the Rust SDK sends it; the decoded answer."""
    status, _, raw = asyncio.run(cw.handle_request(
        "POST", f"/service/GraniteServiceVersion20100801/operation/{operation}", dict(CBOR),
        cbor2.dumps(body), {}))
    assert status == 200, (status, raw)
    return cbor2.loads(raw) if raw else {}


def query(params):
    """One query-protocol (form) request; its XML answer."""
    body = urlencode(params).encode()
    status, _, raw = asyncio.run(cw.handle_request(
        "POST", "/", {"content-type": "application/x-www-form-urlencoded"}, body, {}))
    assert status == 200, (status, raw)
    return raw.decode()


def metric(id_, name, dims=TABLE, stat="Sum", period=300):
    return {"Id": id_, "ReturnData": False, "MetricStat": {
        "Metric": {"Namespace": "AWS/DynamoDB", "MetricName": name, "Dimensions": dims},
        "Period": period, "Stat": stat}}


def throttle_alarm(name="throttles", dims=TABLE):
    """The shape of eventsctl's throttle alarm (src/spec/alarms.rs)."""
    return {
        "AlarmName": name, "EvaluationPeriods": 2, "DatapointsToAlarm": 2, "Threshold": 10.0,
        "ComparisonOperator": "GreaterThanThreshold", "TreatMissingData": "notBreaching",
        "Metrics": [metric("m1", "WriteThrottleEvents", dims), metric("m2", "WriteKeyRangeThroughputThrottleEvents", dims),
                    {"Id": "e1", "Expression": "MAX([FILL(m1, 0), FILL(m2, 0)])", "Label": "writes throttled",
                     "ReturnData": True}],
    }


def put_points(name, values, ago_periods, dims=TABLE, period=300, namespace="AWS/DynamoDB", now=None):
    """One datapoint per value, the first `ago_periods` periods back, one period apart."""
    now = time.time() if now is None else now
    data = []
    for i, v in enumerate(values):
        ts = now - (ago_periods - i) * period
        data.append({"MetricName": name, "Dimensions": dims, "Value": v, "Timestamp": cbor2.CBORTag(1, ts)})
    call("PutMetricData", {"Namespace": namespace, "MetricData": data})


def describe(name):
    return call("DescribeAlarms", {"AlarmNames": [name]})["MetricAlarms"][0]


class Reset(unittest.TestCase):
    def setUp(self):
        cw.reset()


class RulesTest(unittest.TestCase):
    """The documentation's tables, row by row (as src/checks/backtest/evaluate.rs)."""

    def test_documented_missing_data_tables(self):
        modes = ("missing", "ignore", "breaching", "notBreaching")
        A, O, I, K = rules.ALARM, rules.OK, rules.INSUFFICIENT, None
        three_of_three = [("0 - X - X", [O, O, O, O]), ("0 - - - -", [O, O, O, O]), ("- - - - -", [I, K, A, O]),
                          ("0 X X - X", [A, A, A, A]), ("- - - - X", [I, K, A, O]), ("X - - - -", [A, K, A, O])]
        two_of_three = [("0 - X - X", [A, A, A, A]), ("0 0 X 0 X", [A, A, A, A]), ("0 - X - -", [O, O, A, O]),
                        ("- - - - 0", [O, O, A, O]), ("- - - - X", [I, K, A, O])]
        for m, table in ((3, three_of_three), (2, two_of_three)):
            for points, wants in table:
                values = [{"0": 0.0, "X": 5.0}.get(c) for c in points.split()]
                for mode, want in zip(modes, wants):
                    got = rules.decide(values, 3, m, "GreaterThanThreshold", 1.0, mode)
                    self.assertEqual(got, want, f"{m} of 3, {points}, {mode}")

    def test_low_sample_minimum(self):
        self.assertAlmostEqual(rules.low_sample_minimum(99), 1000)
        self.assertAlmostEqual(rules.low_sample_minimum(95), 200)
        self.assertAlmostEqual(rules.low_sample_minimum(10), 100)


class MathTest(unittest.TestCase):
    def ev(self, text, **series):
        env = {k: ("t", v) for k, v in series.items()}
        return metric_math.series_of(text, env, 3)

    def test_fill_max_and_sum_of_the_throttle_alarm(self):
        got = self.ev("MAX([FILL(m1, 0), FILL(m2, 0) + FILL(m3, 0)])",
                      m1=[None, 5.0, None], m2=[None, 2.0, 7.0], m3=[None, None, 1.0])
        self.assertEqual(got, [0.0, 5.0, 8.0])

    def test_series_operators_count_a_missing_side_as_zero_scalars_keep_it_missing(self):
        self.assertEqual(self.ev("m1 + m2", m1=[1.0, None, None], m2=[None, 2.0, None]), [1.0, 2.0, None])
        self.assertEqual(self.ev("m1 * 2", m1=[1.0, None, 3.0]), [2.0, None, 6.0])
        self.assertEqual(self.ev("m1 / m2", m1=[1.0, 1.0, 1.0], m2=[0.0, 2.0, None]), [None, 0.5, None])

    def test_if_of_the_ttl_alarm(self):
        got = self.ev("IF(FILL(m2, 0) > 0, FILL(m1, 0), 1)", m1=[None, 3.0, None], m2=[None, 5.0, 4.0])
        self.assertEqual(got, [1.0, 3.0, 0.0])

    def test_unsupported_functions_are_refused(self):
        with self.assertRaises(metric_math.MathError):
            self.ev("RATE(m1)", m1=[1.0, 2.0, 3.0])


class StoredAlarmTest(Reset):
    def test_cbor_put_keeps_metric_math_and_percentile_fields(self):
        call("PutMetricAlarm", throttle_alarm())
        a = describe("throttles")
        self.assertEqual([q["Id"] for q in a["Metrics"]], ["m1", "m2", "e1"])
        self.assertEqual(a["Metrics"][0]["MetricStat"]["Metric"]["Dimensions"], TABLE)
        self.assertEqual((a["Metrics"][0]["MetricStat"]["Period"], a["Metrics"][0]["MetricStat"]["Stat"]), (300, "Sum"))
        self.assertEqual(a["Metrics"][2]["Expression"], "MAX([FILL(m1, 0), FILL(m2, 0)])")
        self.assertIs(a["Metrics"][2]["ReturnData"], True)
        self.assertEqual(a["DatapointsToAlarm"], 2)
        # Not sent, so not there (ministack added Statistic Average and Period 60).
        for field in ("Statistic", "Period", "MetricName", "Namespace"):
            self.assertNotIn(field, a)

        call("PutMetricAlarm", {
            "AlarmName": "p99", "Namespace": "AWS/DynamoDB", "MetricName": "SuccessfulRequestLatency",
            "Dimensions": TABLE, "ExtendedStatistic": "p99", "Period": 300, "EvaluationPeriods": 3,
            "Threshold": 20.0, "ComparisonOperator": "GreaterThanThreshold", "Unit": "Milliseconds",
            "EvaluateLowSampleCountPercentile": "ignore", "TreatMissingData": "notBreaching"})
        a = describe("p99")
        self.assertEqual((a["EvaluateLowSampleCountPercentile"], a["ExtendedStatistic"], a["Unit"]),
                         ("ignore", "p99", "Milliseconds"))
        self.assertNotIn("Statistic", a)

    def test_threshold_metric_id_is_kept(self):
        call("PutMetricAlarm", {
            "AlarmName": "band", "EvaluationPeriods": 1, "ComparisonOperator": "GreaterThanUpperThreshold",
            "ThresholdMetricId": "ad1",
            "Metrics": [metric("m1", "ConsumedWriteCapacityUnits") | {"ReturnData": True},
                        {"Id": "ad1", "Expression": "ANOMALY_DETECTION_BAND(m1, 2)"}]})
        a = describe("band")
        self.assertEqual(a["ThresholdMetricId"], "ad1")
        self.assertEqual(a["StateValue"], "INSUFFICIENT_DATA")  # stored, not evaluated

    def test_query_protocol_put_and_describe_carry_every_field(self):
        params = {"Action": "PutMetricAlarm", "Version": "2010-08-01", "AlarmName": "q", "EvaluationPeriods": "2",
                  "DatapointsToAlarm": "2", "Threshold": "10", "ComparisonOperator": "GreaterThanThreshold",
                  "TreatMissingData": "notBreaching",
                  "Metrics.member.1.Id": "m1", "Metrics.member.1.ReturnData": "false",
                  "Metrics.member.1.MetricStat.Metric.Namespace": "AWS/DynamoDB",
                  "Metrics.member.1.MetricStat.Metric.MetricName": "WriteThrottleEvents",
                  "Metrics.member.1.MetricStat.Metric.Dimensions.member.1.Name": "TableName",
                  "Metrics.member.1.MetricStat.Metric.Dimensions.member.1.Value": "events",
                  "Metrics.member.1.MetricStat.Period": "300", "Metrics.member.1.MetricStat.Stat": "Sum",
                  "Metrics.member.2.Id": "e1", "Metrics.member.2.Expression": "FILL(m1, 0)",
                  "Metrics.member.2.ReturnData": "true"}
        query(params)
        self.assertEqual(describe("q")["Metrics"][0]["MetricStat"]["Metric"]["Dimensions"], TABLE)
        xml = query({"Action": "DescribeAlarms", "Version": "2010-08-01", "AlarmNames.member.1": "q"})
        ns = {"c": "http://monitoring.amazonaws.com/doc/2010-08-01/"}
        root = ET.fromstring(xml)
        members = root.findall(".//c:MetricAlarms/c:member/c:Metrics/c:member", ns)
        self.assertEqual([m.findtext("c:Id", namespaces=ns) for m in members], ["m1", "e1"])
        self.assertEqual(members[1].findtext("c:Expression", namespaces=ns), "FILL(m1, 0)")
        self.assertEqual(members[0].findtext("c:MetricStat/c:Metric/c:Dimensions/c:member/c:Value", namespaces=ns),
                         "events")
        self.assertEqual(root.findtext(".//c:DatapointsToAlarm", namespaces=ns), "2")


class EvaluationTest(Reset):
    def test_the_range_slides_with_the_evaluation(self):
        # Periods end at the evaluation, not at multiples of the period: (start, start + period].
        r = alarm_evaluation.Range(300, 4, 1000.0)
        self.assertEqual(r.starts, [-200.0, 100.0, 400.0, 700.0])
        self.assertEqual([r.index(t) for t in (1000.0, 701.0, 700.0, -199.0, -200.0, 1001.0)],
                         [3, 3, 2, 0, None, None])

    def test_a_fill_alarm_is_ok_as_soon_as_it_is_created(self):
        call("PutMetricAlarm", throttle_alarm())
        a = describe("throttles")
        self.assertEqual(a["StateValue"], "OK")
        self.assertIn("Threshold Crossed", a["StateReason"])

    def test_a_wall_clock_window_is_kept_and_evaluates_complete_periods_only(self):
        request = throttle_alarm("wall") | {"EvaluationWindow": {"WallClockWindow": {"Timezone": "UTC"}}}
        call("PutMetricAlarm", request)
        self.assertEqual(describe("wall")["EvaluationWindow"], {"WallClockWindow": {"Timezone": "UTC"}})
        alarm = cw._alarms.get("wall")
        # Two breaching datapoints 5 minutes apart, in one clock-aligned 5-minute period.
        base = (time.time() // 3600) * 3600 - 7200
        call("PutMetricData", {"Namespace": "AWS/DynamoDB", "MetricData": [
            {"MetricName": "WriteThrottleEvents", "Dimensions": TABLE, "Value": 50.0,
             "Timestamp": cbor2.CBORTag(1, base + 301)},
            {"MetricName": "WriteThrottleEvents", "Dimensions": TABLE, "Value": 50.0,
             "Timestamp": cbor2.CBORTag(1, base + 599)}]})
        # At base + 610 a sliding window's last two periods hold one each (2 of 2: ALARM); the
        # wall clock window's complete periods end at base + 600 and hold both in one (OK).
        alarm_evaluation.evaluate(alarm, now=base + 610)
        self.assertEqual(alarm["StateValue"], "OK")
        sliding = cw._alarms.get("wall") | {"EvaluationWindow": None}
        alarm_evaluation.evaluate(sliding, now=base + 610)
        self.assertEqual(sliding["StateValue"], "ALARM")

    def test_m_of_n_on_the_alarms_own_dimensions(self):
        call("PutMetricAlarm", throttle_alarm())
        # Another table's throttles: not this alarm's metric.
        put_points("WriteThrottleEvents", [50.0, 50.0], 1, dims=[{"Name": "TableName", "Value": "other"}])
        self.assertEqual(describe("throttles")["StateValue"], "OK")
        # One breaching period of two needed: still OK.
        put_points("WriteThrottleEvents", [50.0], 0)
        self.assertEqual(describe("throttles")["StateValue"], "OK")
        # The previous period breaches too (the per-reason metric, through the math): ALARM.
        put_points("WriteKeyRangeThroughputThrottleEvents", [60.0], 1)
        a = describe("throttles")
        self.assertEqual(a["StateValue"], "ALARM", a["StateReason"])
        self.assertIn("2 out of the last 2 datapoints", a["StateReason"])
        # Ten minutes on, no throttles: FILL makes the missing periods 0, back to OK (the timer).
        alarm = cw._alarms.get("throttles")
        alarm_evaluation.evaluate(alarm, now=time.time() + 600)
        self.assertEqual(alarm["StateValue"], "OK")
        kinds = [json.loads(h["HistoryData"])["newState"]["stateValue"] for h in cw._history_entries()
                 if h["AlarmName"] == "throttles"]
        self.assertEqual(kinds, ["INSUFFICIENT_DATA", "OK", "ALARM", "OK"])

    def single(self, name, namespace, missing, n=1):
        call("PutMetricAlarm", {
            "AlarmName": name, "Namespace": namespace, "MetricName": "Errors", "Statistic": "Sum",
            "Dimensions": [{"Name": "FunctionName", "Value": "consumer"}], "Period": 60, "EvaluationPeriods": n,
            "Threshold": 0.0, "ComparisonOperator": "GreaterThanThreshold", "TreatMissingData": missing})
        return cw._alarms.get(name)

    def test_treat_missing_data_and_the_dynamodb_rule(self):
        self.assertEqual(self.single("nb", "AWS/Lambda", "notBreaching")["StateValue"], "OK")
        self.assertEqual(self.single("br", "AWS/Lambda", "breaching")["StateValue"], "ALARM")
        self.assertEqual(self.single("mi", "AWS/Lambda", "missing")["StateValue"], "INSUFFICIENT_DATA")
        # AWS/DynamoDB alarms ignore missing data whatever they say: they keep their state.
        ddb = self.single("ddb", "AWS/DynamoDB", "breaching")
        self.assertEqual(ddb["StateValue"], "INSUFFICIENT_DATA")
        put_points("Errors", [3.0], 0, dims=[{"Name": "FunctionName", "Value": "consumer"}], period=60)
        self.assertEqual(ddb["StateValue"], "ALARM")
        alarm_evaluation.evaluate(ddb, now=time.time() + 3600)
        self.assertEqual(ddb["StateValue"], "ALARM")

    def test_a_percentile_over_too_few_samples_keeps_the_state(self):
        call("PutMetricAlarm", {
            "AlarmName": "lat", "Namespace": "AWS/DynamoDB", "MetricName": "SuccessfulRequestLatency",
            "Dimensions": TABLE, "ExtendedStatistic": "p99", "Period": 300, "EvaluationPeriods": 1,
            "Threshold": 20.0, "ComparisonOperator": "GreaterThanThreshold",
            "EvaluateLowSampleCountPercentile": "ignore"})
        call("PutMetricData", {"Namespace": "AWS/DynamoDB", "MetricData": [
            {"MetricName": "SuccessfulRequestLatency", "Dimensions": TABLE, "Values": [90.0], "Counts": [3.0]}]})
        self.assertEqual(describe("lat")["StateValue"], "INSUFFICIENT_DATA")
        call("PutMetricData", {"Namespace": "AWS/DynamoDB", "MetricData": [
            {"MetricName": "SuccessfulRequestLatency", "Dimensions": TABLE, "Values": [90.0], "Counts": [2000.0]}]})
        self.assertEqual(describe("lat")["StateValue"], "ALARM")

    def test_the_timer_returns_a_set_state_to_the_real_one_in_every_account(self):
        def in_account():
            responses._request_account_id.set("111122223333")
            call("PutMetricAlarm", throttle_alarm("elsewhere"))
            call("SetAlarmState", {"AlarmName": "elsewhere", "StateValue": "ALARM", "StateReason": "test"})
            return cw._alarms.get("elsewhere")
        import contextvars
        alarm = contextvars.copy_context().run(in_account)
        self.assertEqual(alarm["StateValue"], "ALARM")
        cloudwatch_patch.evaluate_everywhere()
        self.assertEqual(alarm["StateValue"], "OK")


# --- IAM access advisor (iam_patch, access_advisor) ---

ACCOUNT = "000000000000"
TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
NS = "{https://iam.amazonaws.com/doc/2010-05-08/}"


def iam_query(params, want=200):
    """One IAM query-protocol request; its XML root."""
    status, _, raw = asyncio.run(iam.handle_request(
        "POST", "/", {"content-type": "application/x-www-form-urlencoded"}, urlencode(params).encode(), {}))
    assert status == want, (status, raw)
    return ET.fromstring(raw)


def policy(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(actions, effect="Allow", key="Action"):
    return {"Effect": effect, key: actions, "Resource": "*"}


def role(name, inline=(), attached=()):
    arn = iam_query({"Action": "CreateRole", "RoleName": name, "AssumeRolePolicyDocument": TRUST}).find(
        f".//{NS}Arn").text
    for i, doc in enumerate(inline):
        iam_query({"Action": "PutRolePolicy", "RoleName": name, "PolicyName": f"p{i}", "PolicyDocument": doc})
    for policy_arn in attached:
        iam_query({"Action": "AttachRolePolicy", "RoleName": name, "PolicyArn": policy_arn})
    return arn


def advisor(arn, granularity=None):
    """Generate then Get: (the Get answer's root, its services as dicts by namespace)."""
    params = {"Action": "GenerateServiceLastAccessedDetails", "Arn": arn}
    if granularity:
        params["Granularity"] = granularity
    job = iam_query(params).find(f".//{NS}JobId").text
    root = iam_query({"Action": "GetServiceLastAccessedDetails", "JobId": job})
    services = {}
    for m in root.find(f".//{NS}ServicesLastAccessed"):
        entry = {c.tag.replace(NS, ""): c.text for c in m if c.tag != f"{NS}TrackedActionsLastAccessed"}
        tracked = m.find(f"{NS}TrackedActionsLastAccessed")
        if tracked is not None:
            entry["Tracked"] = {a.find(f"{NS}ActionName").text: {c.tag.replace(NS, ""): c.text for c in a}
                                for a in tracked}
        services[entry["ServiceNamespace"]] = entry
    return root, services


class Mapping:
    """An event source mapping of function `fn` (execution role `role_arn`) on `table`'s stream,
    as ministack's Lambda stores them, removed afterwards."""

    def __init__(self, role_arn, table="events"):
        self.role_arn, self.table = role_arn, table

    def __enter__(self):
        lambda_svc._functions["fn"] = {"config": {"FunctionName": "fn", "Role": self.role_arn}}
        lambda_svc._esms["u1"] = {
            "UUID": "u1", "FunctionName": "fn", "Enabled": True,
            "EventSourceArn": f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/{self.table}/stream/2026-01-01T00:00:00.000"}
        return self

    def __exit__(self, *exc):
        del lambda_svc._esms["u1"]
        del lambda_svc._functions["fn"]

    @staticmethod
    def poll(table="events"):
        """What ministack's poller does per mapping: read the stream inside its loop."""
        for _ in lambda_svc._iter_all_esms():
            dynamodb.stream_records_since(table, 0, 10)


class AdvisorReset(unittest.TestCase):
    def setUp(self):
        iam.reset()


class AccessAdvisorServicesTest(AdvisorReset):
    def test_one_service_per_namespace_the_allow_statements_name_inline_and_attached(self):
        managed = iam_query({"Action": "CreatePolicy", "PolicyName": "publish",
                             "PolicyDocument": policy(allow(["SNS:Pub*"]))}).find(f".//{NS}Arn").text
        # AWS's AWSLambdaDynamoDBExecutionRole (seeded by ministack): dynamodb and logs.
        arn = role("consumer", inline=[policy(allow("dynamodb:GetRecords"), allow("s3:*", effect="Deny"))],
                   attached=[managed, "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole"])
        root, services = advisor(arn)
        # A Deny names no service; namespaces are read case-insensitively.
        self.assertEqual(sorted(services), ["dynamodb", "logs", "sns"])
        self.assertEqual(services["dynamodb"]["ServiceName"], "Amazon DynamoDB")
        self.assertEqual(root.find(f".//{NS}JobStatus").text, "COMPLETED")
        self.assertEqual(root.find(f".//{NS}JobType").text, "SERVICE_LEVEL")
        for tag in ("JobCreationDate", "JobCompletionDate"):
            self.assertRegex(root.find(f".//{NS}{tag}").text, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

    def test_unused_services_have_no_last_authenticated_and_no_entity(self):
        arn = role("idle", inline=[policy(allow(["dynamodb:Query", "sqs:SendMessage"]))])
        _, services = advisor(arn, "ACTION_LEVEL")
        self.assertEqual(sorted(services), ["dynamodb", "sqs"])
        for s in services.values():
            self.assertEqual(s["TotalAuthenticatedEntities"], "0", s)
            for absent in ("LastAuthenticated", "LastAuthenticatedEntity", "LastAuthenticatedRegion", "Tracked"):
                self.assertNotIn(absent, s)

    def test_wildcard_service_parts_and_not_action_enumerate_the_known_services(self):
        self.assertEqual(access_advisor.namespaces(["dynamo*:GetItem", "s?s:Publish"], [], {"dynamodb", "sns", "sqs", "s3"}),
                         ["dynamodb", "sns", "sqs"])
        self.assertEqual(access_advisor.namespaces([], [["s3:*", "sqs:*"]], {"dynamodb", "sqs", "s3"}), ["dynamodb"])
        self.assertEqual(access_advisor.namespaces(["*"], [], {"dynamodb", "s3"}), ["dynamodb", "s3"])
        self.assertTrue(access_advisor.matches("dynamodb:get*", "dynamodb:GetRecords"))
        self.assertFalse(access_advisor.matches("dynamodb:Get?", "dynamodb:GetItem"))
        self.assertFalse(access_advisor.matches("dynamodb:[G]*", "dynamodb:GetItem"))

    def test_unknown_job_missing_role_and_other_arns(self):
        iam_query({"Action": "GetServiceLastAccessedDetails", "JobId": "no-such-job"}, want=404)
        iam_query({"Action": "GenerateServiceLastAccessedDetails",
                   "Arn": f"arn:aws:iam::{ACCOUNT}:role/no-such-role"}, want=404)
        iam_query({"Action": "GenerateServiceLastAccessedDetails", "Granularity": "BOTH",
                   "Arn": role("r", inline=[policy(allow("sqs:*"))])}, want=400)
        # A user's report stays ministack's own (no activity is ever attributed to a user here).
        job = iam_query({"Action": "GenerateServiceLastAccessedDetails",
                         "Arn": f"arn:aws:iam::{ACCOUNT}:user/someone"}).find(f".//{NS}JobId").text
        got = iam_query({"Action": "GetServiceLastAccessedDetails", "JobId": job})
        self.assertEqual(list(got.find(f".//{NS}ServicesLastAccessed")), [])


class AccessAdvisorActivityTest(AdvisorReset):
    def test_a_mapping_reading_the_stream_is_its_functions_role_using_dynamodb(self):
        arn = role("consumer", inline=[policy(allow(["dynamodb:GetRecords", "dynamodb:DescribeStream"]),
                                              allow("logs:PutLogEvents"))])
        before = time.time()
        with Mapping(arn):
            Mapping.poll()
        _, services = advisor(arn, "ACTION_LEVEL")
        ddb = services["dynamodb"]
        self.assertEqual((ddb["LastAuthenticatedEntity"], ddb["LastAuthenticatedRegion"]), (arn, "us-east-1"))
        self.assertEqual(ddb["TotalAuthenticatedEntities"], "1")
        used = time.mktime(time.strptime(ddb["LastAuthenticated"], "%Y-%m-%dT%H:%M:%SZ")) - time.timezone
        self.assertLessEqual(abs(used - before), 2)
        # Logs was allowed, never used; DynamoDB is not on the tracked list: per service only.
        self.assertNotIn("LastAuthenticated", services["logs"])
        self.assertNotIn("Tracked", ddb)

    def test_only_the_mappings_own_reads_of_its_own_stream_count(self):
        arn = role("consumer", inline=[policy(allow("dynamodb:*"))])
        dynamodb.stream_records_since("events", 0, 10)  # outside the poller: a pipe, say
        with Mapping(arn, table="other"):
            Mapping.poll(table="events")  # not the stream it maps
        other = role("other", inline=[policy(allow("dynamodb:*"))])
        with Mapping(other):
            Mapping.poll()
        self.assertNotIn("LastAuthenticated", advisor(arn)[1]["dynamodb"])
        self.assertIn("LastAuthenticated", advisor(other)[1]["dynamodb"])

    def test_a_call_with_the_roles_assumed_credentials_is_the_roles(self):
        arn = role("api", inline=[policy(allow(["dynamodb:PutItem", "dynamodb:GetRecords", "sqs:SendMessage"]))])
        caller = {"content-type": "application/x-www-form-urlencoded", "authorization":
                  "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20000101/us-east-1/sts/aws4_request, Signature=x"}
        status, _, raw = asyncio.run(sts.handle_request("POST", "/", caller, urlencode(
            {"Action": "AssumeRole", "RoleArn": arn, "RoleSessionName": "s1"}).encode(), {}))
        self.assertEqual(status, 200, raw)
        key = ET.fromstring(raw).find(".//{https://sts.amazonaws.com/doc/2011-06-15/}AccessKeyId").text

        def recorded(service, event, access_key, region):
            """As ministack's dispatch records each call for CloudTrail."""
            cloudtrail.record_event(service=service, event_name=event, username=access_key,
                                    access_key_id=access_key, resources=[], region=region, request_id="r",
                                    user_agent="test", request_params={}, method="POST")
        recorded("dynamodbstreams", "GetRecords", key, "us-east-1")
        recorded("dynamodb", "PutItem", key, "eu-west-1")
        recorded("sqs", "SendMessage", "AKIDEXAMPLE", "us-east-1")  # the caller's own key: not the role
        recorded("monitoring", "POST.monitoring", key, "us-east-1")  # a call ministack does not name
        with mock.patch.dict(access_advisor.TRACKED_ACTIONS, {"dynamodb": ("PutItem", "GetRecords")}):
            _, services = advisor(arn, "ACTION_LEVEL")
        ddb = services["dynamodb"]
        self.assertEqual((ddb["LastAuthenticatedEntity"], ddb["LastAuthenticatedRegion"]), (arn, "eu-west-1"))
        self.assertEqual({a: t["LastAccessedRegion"] for a, t in ddb["Tracked"].items()},
                         {"PutItem": "eu-west-1", "GetRecords": "us-east-1"})
        self.assertNotIn("LastAuthenticated", services["sqs"])
        self.assertEqual(list(iam_patch.ACTIVITY.of(ACCOUNT, arn)["cloudwatch"]["actions"]), [])

    def test_reset_forgets_the_activity(self):
        iam_patch.ACTIVITY.record(ACCOUNT, "arn:aws:iam::000000000000:role/x", "dynamodb", "GetRecords", "us-east-1", 1.0)
        iam.reset()
        self.assertEqual(iam_patch.ACTIVITY.of(ACCOUNT, "arn:aws:iam::000000000000:role/x"), {})


class AccessAdvisorTrackedActionsTest(AdvisorReset):
    def test_action_level_lists_the_tracked_allowed_actions_of_tracked_services_only(self):
        tracked = {"dynamodb": ("DescribeStream", "ListStreams", "GetRecords", "DeleteTable")}
        arn = role("consumer", inline=[policy(allow(["dynamodb:GetRecords", "dynamodb:*Stream*"]),
                                              allow("logs:PutLogEvents"))])
        with mock.patch.dict(access_advisor.TRACKED_ACTIONS, tracked), Mapping(arn):
            Mapping.poll()
            _, action_level = advisor(arn, "ACTION_LEVEL")
            _, service_level = advisor(arn, "SERVICE_LEVEL")
        actions = action_level["dynamodb"]["Tracked"]
        # DeleteTable is tracked but not allowed; logs is not a tracked service.
        self.assertEqual(sorted(actions), ["DescribeStream", "GetRecords", "ListStreams"])
        self.assertEqual(actions["GetRecords"]["LastAccessedEntity"], arn)
        self.assertEqual(actions["GetRecords"]["LastAccessedTime"], action_level["dynamodb"]["LastAuthenticated"])
        self.assertEqual(set(actions["ListStreams"]), {"ActionName"})
        self.assertNotIn("Tracked", action_level["logs"])
        self.assertNotIn("Tracked", service_level["dynamodb"])


class VersionTest(unittest.TestCase):
    def test_another_ministack_is_refused_by_name(self):
        with mock.patch("importlib.metadata.version", return_value="1.6.0"):
            with self.assertRaises(SystemExit) as e:
                ministack_patch.check_version()
        self.assertIn("written for ministack 1.5.33, found 1.6.0", str(e.exception))


if __name__ == "__main__":
    unittest.main()
