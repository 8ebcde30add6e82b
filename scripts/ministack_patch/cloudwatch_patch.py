"""Installs the patch into ministack's CloudWatch module (ministack.services.cloudwatch).

ministack's handlers look their helpers up as module globals at call time, so replacing a
module attribute changes what every request does. Replaced or wrapped:
- `_put_metric_alarm`: ministack's own handler runs (validation, tags, history, the answer),
  without evaluating; then the stored alarm gets exactly the request's configuration
  (alarm_config.apply) and is evaluated (alarm_evaluation.evaluate).
- `_describe_alarms`: unchanged over CBOR/JSON (the stored dict is returned as it is); over the
  query protocol, ministack's JSON answer (its filters and paging) rendered as XML with every
  field (ministack's own XML has eight).
- `_evaluate_alarm` / `_evaluate_all_alarms`: CloudWatch's evaluation; after PutMetricData only
  the alarms that read one of the metrics just put.
- the ASGI lifespan: a timer evaluates every metric alarm of every account and Region every
  EVAL_SECONDS, as CloudWatch evaluates alarms whether or not data arrives.
"""

import asyncio
import contextvars
import json
import logging
import os

from . import alarm_config, alarm_evaluation

logger = logging.getLogger("ministack_patch")

EVAL_SECONDS = float(os.environ.get("MINISTACK_PATCH_ALARM_EVAL_SECONDS", "5"))

_state = {"suppress": 0, "touched": None}


def _evaluate_alarm(alarm):
    if _state["suppress"]:
        return
    try:
        alarm_evaluation.evaluate(alarm)
    except Exception:  # one alarm's bad expression must not fail a request or stop the timer
        logger.warning("alarm %s: not evaluated", alarm.get("AlarmName"), exc_info=True)


def _evaluate_all_alarms():
    from ministack.services import cloudwatch as cw
    touched = _state["touched"]
    for alarm in list(cw._alarms.values()):
        if touched is None or alarm_evaluation.watched_metrics(alarm) & touched:
            _evaluate_alarm(alarm)


def _wrap_store_datum(original):
    def store_datum(namespace, name, *rest):
        if _state["touched"] is not None:
            _state["touched"].add((namespace, name))
        return original(namespace, name, *rest)
    return store_datum


def _wrap_put_metric_data(original):
    def put_metric_data(params, cbor_data, is_cbor, is_json=False):
        _state["touched"] = set()
        try:
            return original(params, cbor_data, is_cbor, is_json)
        finally:
            _state["touched"] = None
    return put_metric_data


def _wrap_put_metric_alarm(original):
    def put_metric_alarm(params, cbor_data, is_cbor, is_json=False):
        from ministack.services import cloudwatch as cw
        request = cbor_data if (is_cbor or is_json) else alarm_config.request_from_query(params)
        _state["suppress"] += 1
        try:
            answer = original(params, cbor_data, is_cbor, is_json)
        finally:
            _state["suppress"] -= 1
        alarm = cw._alarms.get(request.get("AlarmName", ""))
        if answer[0] == 200 and alarm is not None:
            alarm_config.apply(alarm, request)
            _evaluate_alarm(alarm)
        return answer
    return put_metric_alarm


def _wrap_describe_alarms(original):
    def describe_alarms(params, cbor_data, is_cbor, is_json=False):
        if is_cbor or is_json:
            return original(params, cbor_data, is_cbor, is_json)
        from ministack.services import cloudwatch as cw
        request = alarm_config.request_from_query(params)
        if str(request.get("MaxRecords", "")).isdigit():
            request["MaxRecords"] = int(request["MaxRecords"])
        answer = original({}, request, False, True)
        if answer[0] != 200:
            return original(params, cbor_data, is_cbor, is_json)
        body = json.loads(answer[2])
        inner = (alarm_config.to_xml("MetricAlarms", body.get("MetricAlarms", []))
                 + alarm_config.to_xml("CompositeAlarms", body.get("CompositeAlarms", []))
                 + alarm_config.to_xml("NextToken", body.get("NextToken")))
        return cw._xml(200, "DescribeAlarmsResponse", f"<DescribeAlarmsResult>{inner}</DescribeAlarmsResult>")
    return describe_alarms


def evaluate_everywhere():
    """One round of the timer: every metric alarm of every account and Region."""
    from ministack.core import responses
    from ministack.services import cloudwatch as cw
    scopes = {key[:2] for key in list(cw._alarms._data)}
    for account, region in scopes:
        def run(account=account, region=region):
            responses._request_account_id.set(account)
            responses._request_region.set(region)
            _evaluate_all_alarms()
        contextvars.copy_context().run(run)


async def _timer():
    while True:
        await asyncio.sleep(EVAL_SECONDS)
        try:
            evaluate_everywhere()
        except Exception:
            logger.warning("alarm evaluation round failed", exc_info=True)


def _wrap_lifespan(original):
    async def handle_lifespan(scope, receive, send):
        task = asyncio.get_running_loop().create_task(_timer())
        try:
            await original(scope, receive, send)
        finally:
            task.cancel()
    return handle_lifespan


def install():
    from ministack import app
    from ministack.services import cloudwatch as cw
    cw._store_datum = _wrap_store_datum(cw._store_datum)
    cw._put_metric_data = _wrap_put_metric_data(cw._put_metric_data)
    cw._put_metric_alarm = _wrap_put_metric_alarm(cw._put_metric_alarm)
    cw._describe_alarms = _wrap_describe_alarms(cw._describe_alarms)
    cw._evaluate_alarm = _evaluate_alarm
    cw._evaluate_all_alarms = _evaluate_all_alarms
    app._handle_lifespan = _wrap_lifespan(app._handle_lifespan)
