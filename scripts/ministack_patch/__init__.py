"""A patch layer over ministack (the local AWS emulator of the tests and the demo): its
CloudWatch metric alarms keep what PutMetricAlarm sent and are evaluated as CloudWatch
evaluates them (cloudwatch_patch), and IAM access advisor reports what a role's policies allow
and what the emulator really did as that role (iam_patch). Everything else is ministack's own.
docs/emulator.md says what it adds and why.

Written for one ministack version: it refuses to start on another, naming both, because it
replaces internal functions whose names and behaviour only that version is known to have.
"""

import importlib.metadata

MINISTACK_VERSION = "1.5.33"


def check_version():
    try:
        found = importlib.metadata.version("ministack")
    except importlib.metadata.PackageNotFoundError:
        found = "none"
    if found != MINISTACK_VERSION:
        raise SystemExit(
            f"ministack_patch: written for ministack {MINISTACK_VERSION}, found {found}: not starting "
            f"(pin ministack=={MINISTACK_VERSION} in scripts/emulator.sh, or port the patch)")


def install():
    check_version()
    from . import cloudwatch_patch, iam_patch
    cloudwatch_patch.install()
    iam_patch.install()
