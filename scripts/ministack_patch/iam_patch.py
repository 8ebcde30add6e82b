"""Installs IAM access advisor into ministack's IAM module (ministack.services.iam), whose own
GenerateServiceLastAccessedDetails completes every job at once with no service at all.

- GenerateServiceLastAccessedDetails for a role ARN: the report (access_advisor.report) is
  computed when the job is created, from the role's inline and attached managed policies as the
  emulator stores them and the activity recorded for it; the job is COMPLETED at once (AWS:
  IN_PROGRESS first). Granularity SERVICE_LEVEL (default) or ACTION_LEVEL. A role that does not
  exist: NoSuchEntity. Any other ARN (user, group, policy): ministack's own answer, unchanged.
- GetServiceLastAccessedDetails by JobId: JobStatus, JobType, JobCreationDate,
  JobCompletionDate, ServicesLastAccessed, IsTruncated false (one page); an unknown JobId:
  NoSuchEntity, as before.
- Activity: the one thing the emulator does as a role is its Lambda event source mapping reading
  a DynamoDB stream for a function, which on AWS Lambda does with the function's execution role
  ("To grant permissions to Lambda, use the permissions policy that is associated with the Lambda
  function's IAM role (also known as an execution role)":
  https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/iam-policy-example-lamda-process-dynamodb-streams.html).
  Each read of the stream by ministack's mapping poller (dynamodb.stream_records_since, called
  inside its loop over the mappings) is recorded as `dynamodb:GetRecords` by that role, at that
  time, in the mapping's Region. And a call made with credentials from STS AssumeRole (a
  temporary session ministack keeps, whose ARN is `assumed-role/ROLE/SESSION`) is that role's,
  seen where ministack records each call for CloudTrail (CLOUDTRAIL_RECORDING=1, as
  scripts/emulator.sh starts it). Any other call is made with an access key, never as a role.
"""

import logging
import re
import threading
import time

from . import access_advisor

logger = logging.getLogger("ministack_patch")

ACTIVITY = access_advisor.Activity()

# The mapping the poller thread is working on (set by the wrapped _iter_all_esms).
_poller = threading.local()

# ministack's service names that are not the IAM namespace of their actions.
_NAMESPACE = {"dynamodbstreams": "dynamodb", "monitoring": "cloudwatch"}


def _role_name(arn):
    return arn.rsplit("/", 1)[-1] if ":role/" in arn else None


def _documents(role):
    from ministack.services import iam
    docs = [access_advisor.document(d) for d in (role.get("InlinePolicies") or {}).values()]
    for arn in role.get("AttachedPolicies") or []:
        policy = iam._lookup_policy(arn)
        if policy:
            version = (policy.get("Versions") or {}).get(policy.get("DefaultVersionId"), {})
            docs.append(access_advisor.document(version.get("Document")))
    return [d for d in docs if d is not None]


def _wrap_generate(original):
    def generate(p):
        from ministack.core.responses import get_account_id, new_uuid
        from ministack.services import iam
        arn = iam._p(p, "Arn")
        name = _role_name(arn)
        if name is None:
            return original(p)
        granularity = iam._p(p, "Granularity") or access_advisor.SERVICE_LEVEL
        if granularity not in (access_advisor.SERVICE_LEVEL, access_advisor.ACTION_LEVEL):
            return iam._error(400, "InvalidInput", f"Granularity {granularity} is not valid.", ns="iam")
        role = iam._roles.get(name)
        if role is None or role.get("Arn") != arn:
            return iam._error(404, "NoSuchEntity", f"Role {name} not found.", ns="iam")
        now = time.time()
        uses = ACTIVITY.of(get_account_id(), arn)
        services = access_advisor.report(arn, _documents(role), uses, granularity)
        job_id = new_uuid()
        iam._sla_jobs[job_id] = {"Arn": arn, "JobStatus": "COMPLETED", "JobType": granularity,
                                 "JobCreationDate": access_advisor.iso(now),
                                 "JobCompletionDate": access_advisor.iso(now), "Services": services}
        return iam._xml(200, "GenerateServiceLastAccessedDetailsResponse",
                        f"<GenerateServiceLastAccessedDetailsResult><JobId>{job_id}</JobId>"
                        f"</GenerateServiceLastAccessedDetailsResult>", ns="iam")
    return generate


def _wrap_get(original):
    def get(p):
        from ministack.services import iam
        job = iam._sla_jobs.get(iam._p(p, "JobId"))
        if job is None or "Services" not in job:
            return original(p)
        return iam._xml(200, "GetServiceLastAccessedDetailsResponse",
                        f"<GetServiceLastAccessedDetailsResult>"
                        f"<JobStatus>{job['JobStatus']}</JobStatus>"
                        f"<JobType>{job['JobType']}</JobType>"
                        f"<JobCreationDate>{job['JobCreationDate']}</JobCreationDate>"
                        f"{access_advisor.services_xml(job['Services'])}"
                        f"<JobCompletionDate>{job['JobCompletionDate']}</JobCompletionDate>"
                        f"<IsTruncated>false</IsTruncated>"
                        f"</GetServiceLastAccessedDetailsResult>", ns="iam")
    return get


def _wrap_iter_all_esms(original):
    def iter_all_esms():
        try:
            for item in original():
                _poller.esm = item[2]
                yield item
        finally:
            _poller.esm = None
    return iter_all_esms


def record_stream_read(esm, table_name, when=None):
    """The mapping `esm` read `table_name`'s stream: a GetRecords by its function's role."""
    from ministack.core.responses import get_account_id, get_region
    from ministack.services import lambda_svc
    source = esm.get("EventSourceArn", "")
    if not (source.startswith("arn:") and f":table/{table_name}/stream/" in source):
        return
    _, config = lambda_svc._get_func_record_for_qualifier(esm.get("FunctionName", ""), esm.get("Qualifier"))
    role = (config or {}).get("Role")
    if role:
        ACTIVITY.record(get_account_id(), role, "dynamodb", "GetRecords", get_region(),
                        time.time() if when is None else when)


def _wrap_stream_records_since(original):
    def stream_records_since(table_name, position, limit, **scope):
        records = original(table_name, position, limit, **scope)
        esm = getattr(_poller, "esm", None)
        if esm is not None:
            try:
                record_stream_read(esm, table_name)
            except Exception:  # the model must never break the emulator's own delivery
                logger.warning("access advisor: a stream read was not recorded", exc_info=True)
        return records
    return stream_records_since


def record_call(service, event_name, access_key, region, when=None):
    """A call ministack recorded: the role's when the key is an AssumeRole session of it."""
    from ministack.services import iam, sts
    session = sts._sessions.get(access_key) or {}
    found = re.fullmatch(r"arn:[^:]+:sts::(\d{12}):assumed-role/([^/]+)/.+", session.get("Arn", ""))
    if not found or not event_name:
        return
    account, name = found.groups()
    role = iam._roles.get_scoped(account, None, name)
    if role:
        # ministack names some calls only by method and service (`POST.monitoring`): the service
        # was used, which action is not known.
        action = event_name if re.fullmatch(r"[A-Za-z0-9]+", event_name) else None
        ACTIVITY.record(account, role["Arn"], _NAMESPACE.get(service, service), action, region,
                        time.time() if when is None else when)


def _wrap_record_event(original):
    def record_event(*args, **kwargs):
        out = original(*args, **kwargs)
        try:
            record_call(kwargs.get("service"), kwargs.get("event_name"), kwargs.get("access_key_id"),
                        kwargs.get("region"))
        except Exception:  # the model must never break the emulator's own recording
            logger.warning("access advisor: a call was not attributed", exc_info=True)
        return out
    return record_event


def _wrap_reset(original):
    def reset():
        original()
        ACTIVITY.clear()
    return reset


def install():
    from ministack.services import cloudtrail, dynamodb, iam, lambda_svc
    handlers = iam._IAM_HANDLERS
    handlers["GenerateServiceLastAccessedDetails"] = _wrap_generate(handlers["GenerateServiceLastAccessedDetails"])
    handlers["GetServiceLastAccessedDetails"] = _wrap_get(handlers["GetServiceLastAccessedDetails"])
    iam.reset = _wrap_reset(iam.reset)
    lambda_svc._iter_all_esms = _wrap_iter_all_esms(lambda_svc._iter_all_esms)
    dynamodb.stream_records_since = _wrap_stream_records_since(dynamodb.stream_records_since)
    cloudtrail.record_event = _wrap_record_event(cloudtrail.record_event)
