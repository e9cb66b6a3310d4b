"""The tutorial's code, section by section, exactly as written.

``tutorial-31-network-engine.txt`` beside this file is the tutorial users read, verbatim.
Each section's code is the text between its ``Python`` marker and the prose that follows
it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict

TUTORIAL = Path(__file__).with_name("tutorial-31-network-engine.txt")

_HEADER = re.compile(r"^(\d)\. \S")
# Where a section's code ends: the next header, the backends table, "Further Reading".
_END = re.compile(r"^(\d\. \S|Backend Scale When to use|Further Reading)")


def sections() -> Dict[int, str]:
    """``{section number: code}`` for the sections that have code."""
    lines = TUTORIAL.read_text(encoding="utf-8").splitlines()
    out: Dict[int, str] = {}
    current = None
    code = None
    for line in lines:
        m = _HEADER.match(line)
        if m and code is None:
            current = int(m.group(1))
            continue
        if code is None:
            if line.strip() == "Python" and current is not None:
                code = []
            continue
        if _END.match(line):
            out[current] = "\n".join(code) + "\n"
            code = None
            m = _HEADER.match(line)
            current = int(m.group(1)) if m else None
            continue
        if "Further Reading" in line:  # the last line runs into the page footer
            code.append(line.split("Further Reading")[0])
            out[current] = "\n".join(code) + "\n"
            code = None
            current = None
            continue
        code.append(line)
    if code is not None and current is not None:
        out[current] = "\n".join(code) + "\n"
    return out
