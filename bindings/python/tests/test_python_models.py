"""User-defined neuron classes (the NeuronModel protocol) on backend="python"."""

import numpy as np
import pytest

from sc_neurocore.errors import (
    InvalidConfigurationError,
    OutOfRangeError,
    ShapeMismatchError,
    UnknownNameError,
)
from sc_neurocore.network import (
    Network,
    PoissonInput,
    Population,
    Projection,
    SpikeMonitor,
    StateMonitor,
    StepCurrent,
)
from sc_neurocore.neurons import NeuronModel


class LeakyNeuron(NeuronModel):
    """dv/dt = (-v + r I) / tau (seconds); spike and reset at v_th."""

    parameters = {"tau": 0.02, "r": 1.0, "v_th": 1.0, "v_reset": 0.0}
    state_variables = ("v",)
    membrane = "v"

    def init_state(self):
        self.v = np.zeros(self.n)

    def step(self, dt, jump, current):
        p = self.params
        self.v += dt * (-self.v + p["r"] * current) / p["tau"]
        self.v += jump
        spiking = self.v >= p["v_th"]
        self.v[spiking] = p["v_reset"]
        return spiking


class IndexNeuron(LeakyNeuron):
    """Returns integer indices instead of a mask."""

    def step(self, dt, jump, current):
        return np.flatnonzero(super().step(dt, jump, current))


def test_a_python_model_runs_with_the_protocol():
    pop = Population(LeakyNeuron, 50, params={"tau": np.linspace(0.01, 0.03, 50)})
    mon, st = SpikeMonitor(pop), StateMonitor(pop, "v", record=[0, 49])
    net = Network(pop, StepCurrent(0.0, np.inf, 2.0), mon, st)
    net.run(0.2, dt=1e-4)
    assert net.last_backend == "python"
    # Constant drive r I = 2 > v_th = 1: regular firing, period tau ln 2.
    per = np.diff(mon.spike_trains[0])
    np.testing.assert_allclose(per, 0.01 * np.log(2), atol=2e-4)
    assert mon.spike_trains[0].size > mon.spike_trains[49].size  # shorter tau fires faster
    assert st.values.shape == (2000, 2)


def test_python_and_catalogue_populations_mix():
    a = Population(LeakyNeuron, 20, label="py")
    b = Population("lif", 20, label="lif", params={"i_e": 400.0})
    mons = SpikeMonitor(a), SpikeMonitor(b)
    net = Network(a, b, Projection(b, a, weight=0.6, topology="all_to_all"), *mons)
    net.run(0.1, dt=1e-4)
    assert net.last_backend == "python"
    assert mons[1].count > 0 and mons[0].count > 0  # lif drives the python model


def test_mask_and_indices_give_the_same_spikes():
    out = []
    for cls in (LeakyNeuron, IndexNeuron):
        p = Population(cls, 10)
        m = SpikeMonitor(p)
        Network(p, PoissonInput(10, 500.0, 0.3), m, seed=5).run(0.1, dt=1e-4)
        out.append((m.spike_times, m.spike_ids))
    np.testing.assert_array_equal(out[0][0], out[1][0])
    assert out[0][0].size > 0


def test_rust_backend_refuses_python_models():
    p = Population(LeakyNeuron, 3, label="mine")
    net = Network(p)
    with pytest.raises(InvalidConfigurationError, match="Population 'mine': model LeakyNeuron is a Python class"):
        net.run(0.01, dt=1e-4, backend="rust")


def test_bad_python_models_and_params_are_named():
    with pytest.raises(UnknownNameError, match="unknown parameter 'tau_m'; known: tau, r, v_th, v_reset"):
        Population(LeakyNeuron, 3, params={"tau_m": 1.0})
    with pytest.raises(ShapeMismatchError, match="tau has size 2, expected 3"):
        Population(LeakyNeuron, 3, params={"tau": [1.0, 2.0]})
    with pytest.raises(OutOfRangeError, match=r"tau\[1\] = nan is out of range"):
        Population(LeakyNeuron, 3, params={"tau": [1.0, np.nan, 2.0]})

    class NoMembrane(LeakyNeuron):
        membrane = "u"

    with pytest.raises(InvalidConfigurationError, match="membrane = 'u' is not one of its state_variables"):
        Population(NoMembrane, 3)

    class BadIndex(LeakyNeuron):
        def step(self, dt, jump, current):
            return np.array([7])

    p = Population(BadIndex, 3)
    with pytest.raises(OutOfRangeError, match="returned index 7; valid range: \\[0, 3\\)"):
        Network(p).run(0.001, dt=1e-4)

    class NoState(LeakyNeuron):
        def init_state(self):
            pass

    with pytest.raises(InvalidConfigurationError, match="must set state variable 'v'"):
        Network(Population(NoState, 3)).run(0.001, dt=1e-4)
