#!/usr/bin/env python3
"""Runs a command, waits for it with os.wait4 and writes its peak RSS (bytes) to a file.

    rusage_wrap.py OUT_FILE COMMAND [ARGS...]

Brian2's standalone device starts its binary through this wrapper (its ``run_cmd_unix``
preference), so that the binary's own peak memory is known apart from the compiler's and
Python's. The exit status is the command's.
"""

import os
import sys


def main():
    out, cmd = sys.argv[1], sys.argv[2:]
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    with open(out, "w") as f:
        f.write(f"{usage.ru_maxrss * 1024}\n")
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
