"""`python -m ministack_patch`: ministack with the patch installed, started by ministack's own
entry point (scripts/emulator.sh runs it with scripts/ on PYTHONPATH)."""

import sys

from . import install

install()
print("ministack_patch: CloudWatch alarms keep their metric math and are evaluated as CloudWatch "
      "evaluates them; IAM access advisor reports each role's allowed services and the emulator's "
      "own activity as that role (docs/emulator.md)", file=sys.stderr)

from ministack.app import main  # noqa: E402  (after the patch, as ministack's own entry point)

main()
