"""backend="mpi": in a build with the MPI backend (`cargo xtask wheel --mpi`, or
`maturin develop --features mpi`), the same network under `mpirun -n N` gives the same
results on every rank as backend="rust" in one process; in a build without it, the clear
error. (MPI starts once per process, so the multi-rank runs are subprocesses; the one
in-process MPI run is tutorial section 5's.)"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import mixed_network
from sc_neurocore import _native
from sc_neurocore.errors import BackendUnavailableError
from sc_neurocore.network import Network, Population

HERE = Path(__file__).resolve().parent

SCRIPT = """
import json, sys
import numpy as np
sys.path.insert(0, {here!r})
from conftest import mixed_network
net, mons = mixed_network()
net.run(0.03, dt=1e-4, backend="mpi", threads=1)
net.projections[0].update_plasticity(np.ones(80), np.zeros(80), 0.01, 0.012, 20.0)
net.run(0.02, backend="mpi")
out = {{"rank": net.rank, "ranks": net.ranks, "backend": net.last_backend,
       "spikes": [m.spike_times.tolist() for m in mons[:3]],
       "ids": [m.spike_ids.tolist() for m in mons[:3]],
       "state": [m.values.tolist() for m in mons[3:4] + mons[5:]],
       "rate": mons[4].counts.tolist(),
       "w": [p.weights.tolist() for p in net.projections]}}
with open({out!r} + "/rank%d.json" % net.rank, "w") as f:
    json.dump(out, f)
"""


def test_without_mpi_the_error_says_how_to_get_it(monkeypatch):
    monkeypatch.setattr(_native, "HAS_MPI", False)
    with pytest.raises(BackendUnavailableError) as e:
        Network(Population("lif", 3)).run(0.001, dt=1e-4, backend="mpi")
    msg = str(e.value)
    assert "backend 'mpi' is not available in this build" in msg
    assert "cargo xtask wheel --mpi" in msg and "mpirun -n" in msg
    assert isinstance(e.value, NotImplementedError)


@pytest.mark.skipif(not _native.HAS_MPI, reason="this build has no MPI backend (cargo xtask wheel --mpi)")
@pytest.mark.parametrize("ranks", [2, 3])
def test_mpirun_ranks_equal_one_process(ranks, tmp_path):
    mpirun = shutil.which("mpirun")
    if mpirun is None:
        pytest.skip("mpirun not on PATH")
    script = tmp_path / "run.py"
    script.write_text(SCRIPT.format(here=str(HERE), out=str(tmp_path)))
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               OMPI_MCA_rmaps_base_oversubscribe="1", SCN_EXPECT_RANKS=str(ranks))
    r = subprocess.run([mpirun, "-n", str(ranks), sys.executable, str(script)],
                       capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    outs = [json.loads(p.read_text()) for p in sorted(tmp_path.glob("rank*.json"))]
    assert sorted(o["rank"] for o in outs) == list(range(ranks))
    # The reference: backend="rust" in this process.
    net, mons = mixed_network()
    net.run(0.03, dt=1e-4, backend="rust")
    net.projections[0].update_plasticity(np.ones(80), np.zeros(80), 0.01, 0.012, 20.0)
    net.run(0.02, backend="rust")
    for o in outs:  # every rank has the complete results
        assert o["ranks"] == ranks and o["backend"] == "mpi"
        for k, m in enumerate(mons[:3]):
            assert o["spikes"][k] == m.spike_times.tolist()
            assert o["ids"][k] == m.spike_ids.tolist()
        # State, synaptic variables and weight samples (mons[6:]).
        assert o["state"] == [m.values.tolist() for m in mons[3:4] + mons[5:]]
        assert o["rate"] == mons[4].counts.tolist()
        assert o["w"] == [p.weights.tolist() for p in net.projections]


@pytest.mark.skipif(not _native.HAS_MPI, reason="this build has no MPI backend (cargo xtask wheel --mpi)")
def test_the_docs_example_runs_under_mpirun_as_written():
    """docs/mpi.md's Python example (examples/mpi_brunel.py) under `mpirun -n 2`, as the
    docs show it; its spike count equals backend="rust" in this process."""
    mpirun = shutil.which("mpirun")
    if mpirun is None:
        pytest.skip("mpirun not on PATH")
    example = HERE.parents[2] / "examples" / "mpi_brunel.py"
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               OMPI_MCA_rmaps_base_oversubscribe="1", SCN_EXPECT_RANKS="2")
    r = subprocess.run([mpirun, "-n", "2", sys.executable, str(example)],
                       capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    from sc_neurocore.model_zoo.configs import brunel_balanced_network
    net = brunel_balanced_network(n_exc=4000, n_inh=1000, seed=3)
    net.run(duration=0.2, dt=1e-4, backend="rust", threads=1)
    count = net["exc_spikes"].count
    assert r.stdout.startswith(f"2 ranks, backend mpi: {count} excitatory spikes"), r.stdout
