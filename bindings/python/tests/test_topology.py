"""sc_neurocore.network.topology: the six generators return CSR tuples of NumPy arrays."""

import numpy as np

from sc_neurocore.network.topology import (
    CSR,
    TOPOLOGY_NAMES,
    all_to_all,
    grid_topology,
    random_connectivity,
    ring_topology,
    scale_free,
    small_world,
)


def test_names():
    assert TOPOLOGY_NAMES == ("random", "fixed_indegree", "fixed_outdegree",
                              "fixed_total_number", "small_world", "scale_free", "ring", "grid",
                              "all_to_all")


def test_generators_return_csr_tuples():
    for c in (
        random_connectivity(80, 20, 0.2, 0.1, seed=42),
        small_world(80, 4, 0.1, 0.05, seed=42),
        scale_free(80, 3, 0.05, seed=42),
        ring_topology(80, 4, 0.05),
        grid_topology(10, 8, 2, 0.05),
        all_to_all(3, 3, 0.01, allow_autapses=False),
    ):
        assert isinstance(c, tuple) and isinstance(c, CSR) and len(c) == 3
        indptr, indices, data = c
        assert indptr.dtype == np.int64 and indices.dtype == np.uint32 and data.dtype == np.float64
        assert indptr[0] == 0 and indptr[-1] == indices.size == data.size
        assert np.all(np.diff(indptr) >= 0)


def test_known_structures():
    assert list(ring_topology(80, 4).indices[:4]) == [1, 2, 78, 79]
    assert list(all_to_all(3, 3, 0.01, allow_autapses=False).indices) == [1, 2, 0, 2, 0, 1]
    r = random_connectivity(80, 20, 0.2, 0.1, seed=42)
    assert r.n_rows == 80 and r.indices.max() < 20
    np.testing.assert_array_equal(r.indices, random_connectivity(80, 20, 0.2, 0.1, seed=42).indices)
    sf = scale_free(100, 2, seed=1)
    deg = np.diff(sf.indptr)
    assert deg.min() >= 2 and deg.max() > 4 * np.median(deg) / 2  # hubs
