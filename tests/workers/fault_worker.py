"""The real worker (`sleutelnet.workers.worker`) with fault hooks in mail delivery, for the fault tests.

FAULT_SEND_DELAY=s        sleep s seconds before and after each delivery (widens the windows a random
                          kill can hit)
FAULT_KILL_AFTER_SEND=a:group,b:horse
                          right after the mail to `a` is in the folder, before anything is committed,
                          SIGKILL the whole worker with its work horse (group) or only the horse — once per
                          recipient (a marker file in FAULT_MARKERS remembers it)
"""
from __future__ import annotations

import os
import signal
import sys
import time

from sleutelnet.workers import mail
from sleutelnet.workers.worker import main

_deliver = mail.deliver


def _kill_once(to: str) -> None:
    plan = dict(item.split(":") for item in os.environ.get("FAULT_KILL_AFTER_SEND", "").split(",") if item)
    if to not in plan:
        return
    try:
        os.close(os.open(os.path.join(os.environ["FAULT_MARKERS"], to), os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return
    if plan[to] == "group":  # the worker's process group (worker, scheduler); the horse has its own session
        os.killpg(os.getpgid(os.getppid()), signal.SIGKILL)
    os.kill(os.getpid(), signal.SIGKILL)


def deliver(msg):
    delay = float(os.environ.get("FAULT_SEND_DELAY", "0"))
    time.sleep(delay)
    result = _deliver(msg)
    _kill_once(str(msg["To"]))
    time.sleep(delay)
    return result


mail.deliver = deliver

if __name__ == "__main__":
    sys.exit(main())
