"""Initial synaptic state (Network.set_initial_synaptic_state, the engine's
Network::set_initial_synaptic_state): the conductance or current of a synapse channel at
t = 0 acts from the first step, identically on backend="python" and backend="rust", and every
bad input is rejected with a message naming the object, field, value and range."""

import numpy as np
import pytest

import sc_neurocore.errors as E
from conftest import assert_same_results
from sc_neurocore.network import Network, Population, Projection, SpikeMonitor, StateMonitor

N = 50


def network():
    """A silent source (rate-0 Poisson neurons) reaching `exc` through excitatory and
    inhibitory conductance synapses, so that only the initial conductances drive it."""
    src = Population("poisson", 1, label="silent", params={"rate": 0.0})
    exc = Population("lif", N, label="exc", params={"c_m": 100.0, "t_ref": 2.0})
    net = Network(seed=3)
    net.add(
        src,
        exc,
        Projection(src, exc, topology="all_to_all", weight=1.0, synapse="conductance",
                   tau_syn=5e-3, e_rev=0.0, label="e"),
        Projection(src, exc, topology="all_to_all", weight=1.0, synapse="conductance",
                   tau_syn=10e-3, e_rev=-80.0, label="i"),
    )
    return net, exc


def test_initial_conductances_act_alike_on_both_backends():
    results = {}
    ge = np.linspace(0.0, 60.0, N)  # nS: the strongest make the neuron fire
    for backend in ("rust", "python"):
        net, exc = network()
        net.set_initial_synaptic_state(exc, "conductance", ge, tau_syn=5e-3, e_rev=0.0)
        net.set_initial_synaptic_state(exc, "cond", 5.0, tau_syn=10e-3, e_rev=-80.0)
        mons = [SpikeMonitor(exc), StateMonitor(exc, "v", interval=1e-4)]
        net.add(mons)
        net.run(0.02, dt=1e-4, backend=backend)
        results[backend] = (net, mons)
    (nr, mr), (np_, mp) = results["rust"], results["python"]
    assert mr[0].count > 0, "the strong initial conductances make some neurons fire"
    v = mr[1].values  # (samples, neurons)
    assert v[1, 0] < v[0, 0], "ge = 0 with gi = 5 nS hyperpolarises neuron 0"
    assert v[1, -1] > v[0, -1], "ge = 60 nS depolarises the last neuron"
    assert_same_results(mr, mp, nr, np_)


def test_without_the_state_nothing_moves():
    net, exc = network()
    mon = StateMonitor(exc, "v", interval=1e-4)
    net.add(mon)
    net.run(0.005, dt=1e-4)
    assert np.all(mon.values == -70.0)


@pytest.mark.parametrize(
    "kwargs, exc, message",
    [
        (dict(synapse="delta", values=1.0), E.InvalidConfigurationError,
         "Initial delta state of 'exc': delta synapses have no state (a spike's jump acts at "
         "once); use an exponential, alpha, conductance or nmda synapse"),
        (dict(synapse="conductance", values=np.zeros(N + 1), tau_syn=5e-3, e_rev=0.0),
         E.OutOfRangeError,
         "Initial conductance state of 'exc': values = 51 is out of range; valid range: one "
         "value per neuron, 50"),
        (dict(synapse="conductance", values=np.full(N, np.nan), tau_syn=5e-3, e_rev=0.0),
         E.OutOfRangeError,
         "Initial conductance state of 'exc': values[0] = NaN is out of range; valid range: "
         "finite numbers"),
        (dict(synapse="conductance", values=1.0, tau_syn=5e-3), E.InvalidConfigurationError,
         "Initial synaptic state of 'exc': synapse 'conductance' needs e_rev (reversal "
         "potential, mV)"),
        (dict(synapse="gap", values=1.0), E.UnknownNameError,
         "Initial synaptic state of 'exc': unknown synapse kind 'gap'"),
        (dict(synapse="conductance", values=1.0, tau_syn=-1.0, e_rev=0.0), E.OutOfRangeError,
         "Initial synaptic state of 'exc': tau_syn = -1 is out of range; valid range: (0, inf)"),
        (dict(synapse="conductance", values="high", tau_syn=5e-3, e_rev=0.0), E.ArgumentTypeError,
         "values"),
    ],
)
def test_bad_initial_states_are_rejected(kwargs, exc, message):
    net, pop = network()
    with pytest.raises(exc) as info:
        net.set_initial_synaptic_state(pop, **kwargs)
    assert str(info.value).startswith(message)


def test_a_state_without_its_synapses_is_rejected_when_the_network_runs():
    net, exc = network()
    net.set_initial_synaptic_state(exc, "exponential", 10.0, tau_syn=2e-3)
    for backend in ("rust", "python"):
        with pytest.raises(E.InvalidConfigurationError) as info:
            net.run(0.001, dt=1e-4, backend=backend)
        assert str(info.value) == (
            "Initial exponential state of 'exc': no exponential(tau_syn=0.002) synapses reach "
            "'exc' (no projection or spike stimulus of that kind); its synapse kinds: "
            "[conductance(tau_syn=0.005, e_rev=0), conductance(tau_syn=0.01, e_rev=-80)]"
        )


def test_population_must_be_in_the_network():
    net, _ = network()
    stranger = Population("lif", 3, label="stranger")
    with pytest.raises(E.InvalidConfigurationError) as info:
        net.set_initial_synaptic_state(stranger, "conductance", 1.0, tau_syn=5e-3, e_rev=0.0)
    assert str(info.value) == (
        "Population 'stranger': it is not in this network; add it with Network.add first"
    )
    with pytest.raises(E.ArgumentTypeError):
        net.set_initial_synaptic_state("exc", "conductance", 1.0, tau_syn=5e-3, e_rev=0.0)
