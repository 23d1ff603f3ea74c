"""The real worker with a fault hook in the import, for the transfer fault test.

FAULT_KILL_AFTER_SEND=person-<n>:group (or :horse) and FAULT_MARKERS as in tests/workers/fault_worker.py:
when an import job creates its n-th key person, before anything is committed, SIGKILL the whole worker
(group) or only its work horse — once (a marker file remembers it).
"""
from __future__ import annotations

import sys

from sleutelnet.blueprints.transfer import importing
from tests.workers.fault_worker import _kill_once, main

_create_person = importing.create_person
_made = []


def create_person(*args, **kwargs):
    _made.append(1)
    _kill_once(f"person-{len(_made)}")
    return _create_person(*args, **kwargs)


importing.create_person = create_person

if __name__ == "__main__":
    sys.exit(main())
