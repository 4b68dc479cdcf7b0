"""Processes that die with their parent, so stopping Townhall never leaves one serving.

Linux's PR_SET_PDEATHSIG asks the kernel to send a signal to a process when the process
that started it dies, even by SIGKILL. Elsewhere this does nothing (service managers that
kill the whole process group still clean up)."""

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent(signum: int = signal.SIGTERM) -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signum)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before we asked: behave as if told
        os.kill(os.getpid(), signum)
