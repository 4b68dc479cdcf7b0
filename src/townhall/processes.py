"""Processes that die with their parent, so stopping Townhall never leaves one serving.

Linux's PR_SET_PDEATHSIG asks the kernel to send SIGTERM to a process when the process that
started it dies, even by SIGKILL, so a web worker finishes its requests and stops. A web
server still starting its worker can miss that signal (granian installs its handler and its
shutdown callback in two steps), so a watchdog thread also notices the parent has gone and
ends the process after a grace period. Elsewhere than Linux only the watchdog runs."""

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
GRACE_SECONDS = 10.0


def die_with_parent() -> None:
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    threading.Thread(target=_watch, args=(parent,), name="die-with-parent", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGTERM)  # in case the kernel's signal came too early
    time.sleep(GRACE_SECONDS)
    os._exit(1)
