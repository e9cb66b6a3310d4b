"""The progress bar of ``Network.run(progress=True)``: tqdm when it is installed, else a
plain bar on stderr."""

from __future__ import annotations

import sys
import time

class _SimpleBar:
    """``[#########.........]  45% 0.225/0.500 s simulated, 1.2 s elapsed`` on stderr."""

    width = 30

    def __init__(self, total: int, dt: float) -> None:
        self.total = max(total, 1)
        self.dt = dt
        self.start = time.perf_counter()
        self.last = -1.0
        self.stream = sys.stderr
        self._draw(0)

    def _draw(self, done: int) -> None:
        frac = done / self.total
        filled = int(round(frac * self.width))
        bar = "#" * filled + "." * (self.width - filled)
        el = time.perf_counter() - self.start
        self.stream.write(
            f"\r[{bar}] {frac * 100:3.0f}% {done * self.dt:.3f}/{self.total * self.dt:.3f} s "
            f"simulated, {el:.1f} s elapsed"
        )
        self.stream.flush()

    def update(self, done: int, total: int) -> None:
        now = time.perf_counter()
        if done >= total or now - self.last > 0.1:
            self.last = now
            self._draw(done)

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


class _TqdmBar:
    def __init__(self, total: int, dt: float, tqdm) -> None:
        self.bar = tqdm(total=total, unit="step", desc="sc_neurocore", file=sys.stderr)
        self.done = 0

    def update(self, done: int, total: int) -> None:
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        self.bar.close()


def progress_bar(total_steps: int, dt: float, enabled: bool):
    """A bar with ``update(done, total)`` and ``close()``, or None when disabled."""
    if not enabled:
        return None
    try:
        from tqdm.auto import tqdm  # type: ignore
    except ImportError:
        return _SimpleBar(total_steps, dt)
    return _TqdmBar(total_steps, dt, tqdm)
