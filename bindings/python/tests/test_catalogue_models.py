"""Every model of the registry runs by name from Python, on the rust and the python backend,
with the same spikes and final state on both (DESIGN.md §3), with its parameters given per
population and per neuron. The models' dynamics are tested in Rust (crates/neurons); this
proves that each of them, whoever added it, is reachable and runs from Python."""

import numpy as np
import pytest

import sc_neurocore
from sc_neurocore import _native
from sc_neurocore.network import Network, Population, SpikeMonitor, StepCurrent

N = 4
MODELS = [m["name"] for m in _native.models()]
INFO = {m["name"]: m for m in _native.models()}


def test_the_catalogue_is_listed_with_its_metadata():
    cat = sc_neurocore.neurons.catalogue()
    assert list(cat) == MODELS
    for name in MODELS:
        info = INFO[name]
        assert info["family"] and info["citation"] and info["summary"], name
        assert all(p["doc"] and p["unit"] for p in info["params"]), name


def network(name):
    info = INFO[name]
    # Every other parameter as one value, the rest as per-neuron arrays (of the default).
    params = {
        p["name"]: (p["default"] if k % 2 == 0 else np.full(N, p["default"]))
        for k, p in enumerate(info["params"])
    }
    pop = Population(name, N, label="p", params=params)
    parts = [pop, SpikeMonitor(pop)]
    drive = sc_neurocore.neurons.models.CLASSES[name].drive
    if drive is not None:
        parts.append(StepCurrent(0.0, 0.05, drive, target=pop))
    return Network(*parts, seed=5), pop, parts[1]


@pytest.mark.parametrize("name", MODELS)
def test_model_runs_by_name_on_both_backends(name):
    out = {}
    for backend in ("rust", "python"):
        net, pop, mon = network(name)
        net.run(0.05, dt=1e-4, backend=backend)
        assert net.last_backend == backend
        out[backend] = (mon.spike_times, mon.spike_ids, [pop.get_state(s).copy() for s in pop.state_variables])
    (tr, ir, sr), (tp, ip, sp) = out["rust"], out["python"]
    np.testing.assert_array_equal(tr, tp)
    np.testing.assert_array_equal(ir, ip)
    for a, b in zip(sr, sp):
        np.testing.assert_array_equal(a, b)
    for s in sr:
        assert np.all(np.isfinite(s)), name
