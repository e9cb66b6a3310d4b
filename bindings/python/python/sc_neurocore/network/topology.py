"""Connectivity generators. Each returns a :class:`CSR` ``(indptr, indices, data)`` of NumPy
arrays — rows are presynaptic sources, ``indices`` the postsynaptic targets, ``data`` the
weights — that ``Projection(..., topology=csr)`` accepts. The generators are the engine's
(Rust), so the same call gives the same graph in every backend and on every machine.

Names accepted directly by ``Projection(topology=...)``: ``"random"`` (``probability``),
``"fixed_indegree"`` (``indegree``), ``"fixed_outdegree"`` (``outdegree``),
``"fixed_total_number"`` (``total``: exactly that many synapses, sources and targets drawn
uniformly, NEST's ``N``; with ``allow_multapses=False``, distinct pairs), ``"small_world"`` (``k``, ``p_rewire``), ``"scale_free"`` (``m``), ``"ring"`` (``k``),
``"grid"`` (``rows_count``, ``cols_count``, ``radius``), ``"all_to_all"``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .. import _native
from .._util import check_float, check_int

__all__ = [
    "CSR",
    "random_connectivity",
    "small_world",
    "scale_free",
    "ring_topology",
    "grid_topology",
    "all_to_all",
    "TOPOLOGY_NAMES",
]

#: Topology names ``Projection(topology=...)`` accepts.
TOPOLOGY_NAMES = tuple(_native.topology_names())


class CSR(NamedTuple):
    """Source-major compressed sparse rows: synapses of source ``i`` are
    ``indices[indptr[i]:indptr[i+1]]`` (targets) with weights ``data[...]``. Unpacks as the
    tuple ``(indptr, indices, data)``."""

    #: Row pointer, int64, ``n_rows + 1`` entries.
    indptr: np.ndarray
    #: Target of every synapse, uint32.
    indices: np.ndarray
    #: Weight of every synapse, float64.
    data: np.ndarray

    @property
    def n_rows(self) -> int:
        """Number of source rows."""
        return int(self.indptr.shape[0] - 1)

    @property
    def nnz(self) -> int:
        """Number of synapses."""
        return int(self.indices.shape[0])

    def sources(self) -> np.ndarray:
        """The source of every synapse (int64), expanded from ``indptr``."""
        return np.repeat(np.arange(self.n_rows, dtype=np.int64), np.diff(self.indptr))

    def to_dense(self, n_cols: int) -> np.ndarray:
        """A dense ``n_rows × n_cols`` weight matrix (multapses summed)."""
        out = np.zeros((self.n_rows, n_cols))
        np.add.at(out, (self.sources(), self.indices.astype(np.int64)), self.data)
        return out


def _csr(t) -> CSR:
    return CSR(*t)


def random_connectivity(
    n_src: int, n_tgt: int, probability: float, weight: float = 1.0, seed: int = 1
) -> CSR:
    """Erdős–Rényi: each (source, target) pair is a synapse with ``probability``
    (generated per target row from its own stream, as a projection does)."""
    return _csr(
        _native.random_connectivity(
            check_int("Topology 'random'", "n_src", n_src),
            check_int("Topology 'random'", "n_tgt", n_tgt),
            check_float("Topology 'random'", "probability", probability),
            check_float("Topology 'random'", "weight", weight),
            check_int("Topology 'random'", "seed", seed),
        )
    )


def small_world(
    n: int, k: int, p_rewire: float, weight: float = 1.0, seed: int = 1
) -> CSR:
    """Watts–Strogatz (1998) small world on ``n`` neurons: a ring lattice of ``k`` (even)
    neighbours, each edge rewired with ``p_rewire``. Undirected, stored both ways."""
    o = "Topology 'small_world'"
    return _csr(
        _native.small_world(
            check_int(o, "n", n),
            check_int(o, "k", k),
            check_float(o, "p_rewire", p_rewire),
            check_float(o, "weight", weight),
            check_int(o, "seed", seed),
        )
    )


def scale_free(n: int, m: int, weight: float = 1.0, seed: int = 1) -> CSR:
    """Barabási–Albert (1999) preferential attachment on ``n`` neurons, ``m`` edges per new
    neuron. Undirected, stored both ways."""
    o = "Topology 'scale_free'"
    return _csr(
        _native.scale_free(
            check_int(o, "n", n),
            check_int(o, "m", m),
            check_float(o, "weight", weight),
            check_int(o, "seed", seed),
        )
    )


def ring_topology(n: int, k: int, weight: float = 1.0) -> CSR:
    """Ring of ``n`` neurons, each connected to its ``k`` (even) nearest neighbours,
    ``k/2`` on each side. Symmetric."""
    o = "Topology 'ring'"
    return _csr(
        _native.ring_topology(
            check_int(o, "n", n), check_int(o, "k", k), check_float(o, "weight", weight)
        )
    )


def grid_topology(
    rows_count: int, cols_count: int, radius: float, weight: float = 1.0
) -> CSR:
    """2-D lattice of ``rows_count × cols_count`` neurons (row-major), each connected to
    every other within Euclidean distance ``radius`` (no wrap-around). Symmetric."""
    o = "Topology 'grid'"
    return _csr(
        _native.grid_topology(
            check_int(o, "rows_count", rows_count),
            check_int(o, "cols_count", cols_count),
            check_float(o, "radius", radius),
            check_float(o, "weight", weight),
        )
    )


def all_to_all(
    n_src: int, n_tgt: int, weight: float = 1.0, allow_autapses: bool = True
) -> CSR:
    """Every source to every target; with ``allow_autapses=False`` (one population,
    ``n_src == n_tgt``) without ``i -> i``."""
    o = "Topology 'all_to_all'"
    return _csr(
        _native.all_to_all(
            check_int(o, "n_src", n_src),
            check_int(o, "n_tgt", n_tgt),
            check_float(o, "weight", weight),
            bool(allow_autapses),
        )
    )
