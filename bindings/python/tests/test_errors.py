"""Every bad input a Python user can give raises an exception of the hierarchy in
sc_neurocore.errors whose message names the object, the field, the value and what is
valid; nothing panics. One case per kind of bad input."""

import numpy as np
import pytest

import sc_neurocore.errors as E
from sc_neurocore.model_zoo import configs
from sc_neurocore.model_zoo.pretrained import load_pretrained
from sc_neurocore.network import (
    STDP,
    Network,
    PoissonInput,
    Population,
    Projection,
    RateMonitor,
    SpikeMonitor,
    StateMonitor,
    StepCurrent,
    TimedArray,
    grid_topology,
    ring_topology,
    scale_free,
    small_world,
)
from sc_neurocore.neurons.models.lif import LIFNeuron


def lif(n=10, label="p", **params):
    return Population("lif", n, label=label, params=params)


def run_net(*objs, dt=1e-4, duration=1e-3, backend="auto"):
    Network(*objs).run(duration, dt=dt, backend=backend)


def _duplicate_labels():
    Network(lif(label="x"), lif(label="x"))


def _add_after_run():
    p = lif()
    net = Network(p)
    net.run(1e-3, dt=1e-4)
    net.add(SpikeMonitor(p))


def _dt_change():
    net = Network(lif())
    net.run(1e-3, dt=1e-4)
    net.run(1e-3, dt=2e-4)


def _seed_after_run():
    net = Network(lif())
    net.run(1e-3, dt=1e-4)
    net.seed = 3


def _stranger_population():
    a, b = lif(label="a"), lif(label="b")
    run_net(a, Projection(a, b, topology="all_to_all"))


def _second_network():
    # A network that has not run releases its objects (test_traps: a failed run); one
    # that has run keeps them.
    p = lif()
    Network(p).run(1e-3, dt=1e-4)
    Network(p)


def _plasticity(**kw):
    a = lif(5, "a")
    return lambda: Projection(a, a, **kw)


def _update(src, tgt, **kw):
    def f():
        a = lif(4, "a")
        pr = Projection(a, a, weight=0.1, topology=ring_topology(4, 2, 0.1))
        pr.update_plasticity(src, tgt, **{"a_plus": 0.01, "a_minus": 0.01, "tau": 20.0, **kw})

    return f


def _kernel_dt_change():
    n = LIFNeuron(2)
    n.step(1e-4)
    n.step(2e-4)


CASES = [
    # --- populations
    ("unknown model", lambda: Population("no_such_model", 3), E.UnknownNameError,
     "unknown model 'no_such_model'; known: "),
    ("unknown parameter", lambda: lif(tau=1.0), E.UnknownNameError,
     "Population 'p' (lif): unknown parameter 'tau'; known: tau_m, "),
    ("parameter out of range", lambda: lif(tau_m=-1.0), E.OutOfRangeError,
     "Population 'p' (lif): tau_m = -1 is out of range; valid range: (0, inf)"),
    ("NaN parameter", lambda: lif(c_m=float("nan")), E.OutOfRangeError, "c_m = NaN is out of range"),
    ("per-neuron size", lambda: lif(3, i_e=[1.0, 2.0]), E.ShapeMismatchError,
     "Population 'p' (lif): i_e has size 2, expected 3"),
    ("per-neuron value", lambda: lif(3, t_ref=[1.0, -2.0, 1.0]), E.OutOfRangeError,
     "t_ref[1] = -2 is out of range; valid range: [0, inf)"),
    ("cross-parameter rule", lambda: lif(v_reset=-50.0), E.OutOfRangeError,
     "v_reset = -50 is out of range; valid range: below v_th = -55"),
    ("zero neurons", lambda: Population("lif", 0), E.OutOfRangeError, "Population 'p'" if False else "n = 0 is out of range"),
    ("negative neurons", lambda: Population("lif", -3), E.OutOfRangeError, "Population: n = -3 is out of range"),
    ("n not an integer", lambda: Population("lif", 2.5), E.ArgumentTypeError, "Population: n must be an integer"),
    ("model of a wrong type", lambda: Population(42, 3), E.ArgumentTypeError,
     "Population: model must be a neuron class"),
    ("model instance instead of class", lambda: Population(LIFNeuron(2), 3), E.ArgumentTypeError,
     "pass LIFNeuron itself"),
    ("parameter of a wrong type", lambda: lif(i_e="high"), E.ArgumentTypeError,
     "parameter 'i_e' must be a number or an array"),
    ("duplicate labels", _duplicate_labels, E.InvalidConfigurationError, "label 'x' is already used"),
    # --- projections
    ("unknown topology", lambda: Projection(lif(), lif(label="q"), topology="smallworld"), E.UnknownNameError,
     "Projection: unknown topology 'smallworld'; known: random, fixed_indegree"),
    ("missing keyword", lambda: Projection(lif(), lif(label="q"), topology="random"), E.InvalidConfigurationError,
     "Topology 'random': missing keyword 'probability' (valid range: [0, 1])"),
    ("unknown keyword", lambda: Projection(lif(), lif(label="q"), topology="random", p=0.1), E.UnknownNameError,
     "Topology 'random': unknown keyword 'p'; known: probability"),
    ("probability out of range", lambda: Projection(lif(), lif(label="q"), topology="random", probability=1.5),
     E.OutOfRangeError, "Topology 'random': probability = 1.5 is out of range; valid range: [0, 1]"),
    ("non-integer degree", lambda: Projection(lif(), lif(label="q"), topology="fixed_indegree", indegree=2.5),
     E.OutOfRangeError, "indegree = 2.5 is out of range"),
    ("non-integer total", lambda: Projection(lif(), lif(label="q"), topology="fixed_total_number", total=2.5),
     E.OutOfRangeError, "Topology 'fixed_total_number': total = 2.5 is out of range; valid range: "
     "integers in [0, 4294967295]"),
    ("total above the distinct pairs",
     lambda: run_net(*(lambda a: (a, Projection(a, a, topology="fixed_total_number", total=101,
                                                allow_multapses=False)))(lif(10))),
     E.OutOfRangeError, "total = 101 is out of range; valid range: [0, 100] without multapses "
     "(n_src = 10, n_tgt = 10)"),
    ("topology too large for the population", lambda: run_net(*(lambda a: (a, Projection(a, a, topology="ring", k=20)))(lif(10))),
     E.OutOfRangeError, "k = 20 is out of range"),
    ("NaN weight", lambda: Projection(lif(), lif(label="q"), weight=float("nan")), E.OutOfRangeError,
     "Projection 'p->q': weight = NaN is out of range; valid range: any finite number"),
    ("weight of a wrong type", lambda: Projection(lif(), lif(label="q"), weight="strong"), E.ArgumentTypeError,
     "weight must be a number"),
    ("source not a population", lambda: Projection("exc", lif()), E.ArgumentTypeError,
     "Projection: source must be a Population, got str"),
    ("CSR index out of range", lambda: Projection(lif(2), lif(2, "q"), topology=([0, 1, 2], [0, 5], [1.0, 1.0])),
     E.OutOfRangeError, "Csr: indices[1] = 5 is out of range; valid range: [0, 2)"),
    ("CSR rows do not match the source", lambda: Projection(lif(3), lif(2, "q"), topology=([0, 1, 2], [0, 1], [1.0, 1.0])),
     E.ShapeMismatchError, "Csr: indptr has size 3, expected 4"),
    ("CSR data length", lambda: Projection(lif(2), lif(2, "q"), topology=([0, 1, 2], [0, 1], [1.0])),
     E.ShapeMismatchError, "Csr: data has size 1, expected 2"),
    ("CSR non-finite weight", lambda: Projection(lif(2), lif(2, "q"), topology=([0, 1, 2], [0, 1], [1.0, np.inf])),
     E.OutOfRangeError, "Csr: data[1] = inf is out of range"),
    ("CSR decreasing indptr", lambda: Projection(lif(2), lif(2, "q"), topology=([0, 2, 1], [0, 1], [1.0, 1.0])),
     E.InvalidConfigurationError, "indptr must be non-decreasing"),
    ("CSR float indices", lambda: Projection(lif(2), lif(2, "q"), topology=([0, 1, 2], [0.5, 1], [1.0, 1.0])),
     E.ArgumentTypeError, "indices must be an array of integers"),
    ("topology of a wrong type", lambda: Projection(lif(), lif(label="q"), topology=3), E.ArgumentTypeError,
     "topology must be a name"),
    ("keywords with a CSR", lambda: Projection(lif(2), lif(2, "q"), topology=([0, 1, 2], [0, 1], [1.0, 1.0]), k=2),
     E.InvalidConfigurationError, "apply to named topologies"),
    ("negative delay", lambda: Projection(lif(), lif(label="q"), delay=-1e-3), E.OutOfRangeError,
     "Projection 'p->q': delay = -0.001 is out of range; valid range: [0, inf)"),
    ("per-synapse delays of a wrong size on a generated topology (known when built)",
     lambda: run_net(*(lambda a, b: (a, b, Projection(a, b, delay=[1e-3, 2e-3])))(lif(), lif(label="q"))),
     E.ShapeMismatchError, "Projection 'p->q': delay has 2 values but the projection has 100 synapses; give "
     "one value per synapse (100, in the order of proj.weights), a source × target array (10, 10), a number "
     "or a function of (sources, targets)"),
    ("per-synapse delays of a wrong size", lambda: Projection(lif(2), lif(2, "q"), topology=([0, 1, 2], [0, 1], [1.0, 1.0]), delay=[1e-3]),
     E.ShapeMismatchError, "Projection 'p->q': delay has 1 values but the projection has 2 synapses"),
    ("delay longer than the rings", lambda: run_net(*(lambda a: (a, Projection(a, a, delay=10.0)))(lif(2))),
     E.OutOfRangeError, "Projection 'p->p': delay = 10 is out of range; valid range: [0, 6.5536] s at dt = 0.0001 s"),
    ("unknown synapse", lambda: Projection(lif(), lif(label="q"), synapse="gaba_b"), E.UnknownNameError,
     "unknown synapse kind 'gaba_b'; known: delta, exponential, alpha, conductance, nmda"),
    ("conductance without e_rev", lambda: Projection(lif(), lif(label="q"), synapse="conductance"),
     E.InvalidConfigurationError, "synapse 'conductance' needs e_rev"),
    ("bad tau_syn", lambda: Projection(lif(), lif(label="q"), synapse="exponential", tau_syn=0.0),
     E.OutOfRangeError, "tau_syn = 0 is out of range; valid range: (0, inf)"),
    ("unknown plasticity", _plasticity(plasticity="hebb"), E.UnknownNameError,
     "unknown plasticity 'hebb'; known: stdp"),
    ("bad STDP parameter", lambda: STDP(tau_plus=-0.02), E.OutOfRangeError,
     "StdpParams: tau_plus = -0.02 is out of range; valid range: (0, inf)"),
    ("unknown STDP parameter", _plasticity(plasticity={"tau": 0.02}), E.UnknownNameError,
     "StdpParams: unknown parameter 'tau'"),
    ("unknown STDP mode", lambda: STDP(mode="triplet"), E.UnknownNameError,
     "StdpParams: unknown mode 'triplet'; known: additive, multiplicative"),
    ("STDP bounds inverted", lambda: STDP(w_min=2.0, w_max=1.0), E.OutOfRangeError,
     "w_max = 1 is out of range; valid range: [w_min = 2, inf)"),
    ("STDP weights of mixed sign", _plasticity(topology=([0, 1, 2, 2, 2, 2], [0, 1], [0.5, -0.5]), plasticity="stdp"),
     E.InvalidConfigurationError, "weights mix signs"),
    ("STDP weights beyond the bounds", _plasticity(weight=2.0, topology=ring_topology(5, 2, 2.0), plasticity="stdp"),
     E.OutOfRangeError, "weights[0] = 2 is out of range; valid range: [0, 1] (the STDP bounds)"),
    # Checked when the projection is made (issue 19), not when the network is built.
    ("generated STDP weights beyond the bounds", lambda: Projection(lif(3), lif(3, label="q"), weight=2.0, plasticity="stdp"),
     E.OutOfRangeError, "Projection 'p->q': weight = 2 is out of range; valid range: [0, 1] (the STDP bounds)"),
    # --- manual STDP
    ("update_plasticity size", _update(np.ones(3), np.ones(4)), E.ShapeMismatchError,
     "Projection 'a->a'.update_plasticity: src_spikes has size 3, expected 4"),
    ("update_plasticity non-binary", _update(np.array([0, 2, 0, 1]), np.ones(4)), E.OutOfRangeError,
     "src_spikes[1] = 2 is out of range; valid range: {0, 1}"),
    ("update_plasticity strings", _update(np.array(["a"] * 4), np.ones(4)), E.ArgumentTypeError,
     "src_spikes must be an array of 0/1 values"),
    ("update_plasticity negative amplitude", _update(np.ones(4), np.ones(4), a_plus=-0.1), E.OutOfRangeError,
     "a_plus = -0.1 is out of range; valid range: [0, inf)"),
    ("update_plasticity tau", _update(np.ones(4), np.ones(4), tau=0.0), E.OutOfRangeError,
     "tau = 0 is out of range; valid range: (0, inf)"),
    ("weights of a generated topology before a network", lambda: Projection(lif(), lif(label="q")).weights,
     E.InvalidConfigurationError, "add the projection to a Network first"),
    # --- stimuli
    ("Poisson size does not fit its target", lambda: run_net(lif(5), PoissonInput(80, 10.0, 1.0)),
     E.ShapeMismatchError, "PoissonInput 'PoissonInput': n has size 80, expected 5 (the size of target population 'p')"),
    ("Poisson n", lambda: PoissonInput(0, 10.0, 1.0), E.OutOfRangeError, "PoissonInput: n = 0 is out of range"),
    ("Poisson negative rate", lambda: PoissonInput(3, -1.0, 1.0), E.OutOfRangeError,
     "PoissonInput: rate_hz = -1 is out of range; valid range: [0, inf)"),
    ("Poisson rates of a wrong size", lambda: PoissonInput(3, [1.0, 2.0], 1.0), E.ShapeMismatchError,
     "PoissonInput: rate_hz has size 2, expected 3"),
    ("Poisson NaN weight", lambda: PoissonInput(3, 1.0, float("nan")), E.OutOfRangeError,
     "PoissonInput: weight = NaN is out of range"),
    ("Poisson dt differs from the run", lambda: run_net(lif(80), PoissonInput(80, 10.0, 1.0, dt=1e-3)),
     E.InvalidConfigurationError, "created with dt = 0.001 s but the network runs with dt = 0.0001 s"),
    ("stimulus target of a wrong type", lambda: PoissonInput(3, 1.0, 1.0, target="exc"), E.ArgumentTypeError,
     "PoissonInput: target must be a Population or None, got str"),
    ("step current ends before it starts", lambda: StepCurrent(0.4, 0.1, 5.0), E.OutOfRangeError,
     "StepCurrent: offset = 0.1 is out of range; valid range: (0.4, inf]"),
    ("step current shorter than a step", lambda: run_net(lif(), StepCurrent(0.1, 0.10001, 5.0)),
     E.OutOfRangeError, "must cover at least one step"),
    ("step current amplitudes of a wrong size", lambda: run_net(lif(3), StepCurrent(0.0, 1.0, [1.0, 2.0])),
     E.ShapeMismatchError, "StepCurrent 'StepCurrent': n has size 2, expected 3"),
    ("timed array empty", lambda: TimedArray([], dt=1e-3), E.ShapeMismatchError, "TimedArray: values has size 0"),
    ("timed array 3-D", lambda: TimedArray(np.zeros((2, 2, 2)), dt=1e-3), E.ShapeMismatchError,
     "values has 3 dimensions, expected 1 (T) or 2 (T x n)"),
    ("timed array dt", lambda: TimedArray([1.0], dt=0.0), E.OutOfRangeError, "TimedArray: dt = 0 is out of range"),
    ("timed array NaN", lambda: TimedArray([1.0, np.nan], dt=1e-3), E.OutOfRangeError, "values[1] = NaN"),
    # --- monitors
    ("monitor of a non-population", lambda: SpikeMonitor("exc"), E.ArgumentTypeError,
     "SpikeMonitor: population must be a Population, got str"),
    ("unknown state variable", lambda: StateMonitor(lif(), "V"), E.UnknownNameError,
     "StateMonitor of 'p': unknown variable 'V'; known: v, refractory"),
    ("recorded index out of range", lambda: StateMonitor(lif(3), "v", record=[0, 3]), E.OutOfRangeError,
     "StateMonitor of 'p': indices[1] = 3 is out of range; valid range: [0, 3)"),
    ("interval not a whole number of steps", lambda: run_net(*(lambda p: (p, StateMonitor(p, "v", interval=1.5e-4)))(lif())),
     E.OutOfRangeError, "interval = 0.00015 is out of range; valid range: a whole number (>= 1) of steps of dt = 0.0001 s"),
    ("rate bin", lambda: run_net(*(lambda p: (p, RateMonitor(p, bin=0.0)))(lif())), E.OutOfRangeError,
     "RateMonitor of 'p': bin = 0 is out of range; valid range: (0, inf)"),
    # --- networks and runs
    ("adding a non-object", lambda: Network(lif(), 42), E.ArgumentTypeError,
     "Network.add: expected a Population, Projection, stimulus or monitor, got int"),
    ("adding after a run", _add_after_run, E.InvalidConfigurationError, "call reset() before adding objects"),
    ("object in a second network", _second_network, E.InvalidConfigurationError,
     "already belongs to another network, which has run (t = 0.001 s); call reset() on that "
     "network to release its objects, or create new objects for this one"),
    ("empty network", lambda: Network().run(0.1, dt=1e-3), E.InvalidConfigurationError,
     "Network: has no population; add one before running"),
    ("negative duration", lambda: run_net(lif(), duration=-1.0), E.OutOfRangeError,
     "Network.run: duration = -1 is out of range; valid range: [0, inf) s"),
    ("duration not a whole number of steps", lambda: run_net(lif(), duration=0.1, dt=0.03),
     E.OutOfRangeError, "Network.run: duration = 0.1 is out of range; valid range: whole "
     "multiples of dt = 0.03 s (e.g. 0.09 or 0.12 s)"),
    ("duration of a wrong type", lambda: run_net(lif(), duration="1s"), E.ArgumentTypeError,
     "Network.run: duration must be a number"),
    ("bad dt", lambda: run_net(lif(), dt=0.0), E.OutOfRangeError, "TimeGrid: dt = 0 is out of range; valid range: (0, inf)"),
    ("dt above a second", lambda: run_net(lif(), dt=2.0), E.OutOfRangeError, "valid range: (0, 1] s"),
    ("dt changes between runs", _dt_change, E.InvalidConfigurationError, "call reset() to start again with another dt"),
    ("unknown backend", lambda: run_net(lif(), backend="gpu"), E.UnknownNameError,
     "Network.run: unknown backend 'gpu'; known: auto, python, rust, mpi"),
    ("zero threads", lambda: Network(lif()).run(1e-3, dt=1e-4, threads=0), E.OutOfRangeError,
     "Network.run: threads = 0 is out of range"),
    ("population of a projection not in the network", _stranger_population, E.InvalidConfigurationError,
     "Projection 'a->b': its target population 'b' is not in the network"),
    ("seed change after a run", _seed_after_run, E.InvalidConfigurationError, "call reset() first"),
    ("negative seed", lambda: Network(seed=-1), E.OutOfRangeError, "Network: seed = -1 is out of range"),
    ("unknown object label", lambda: Network(lif())["nope"], E.UnknownNameError, "Network: unknown object 'nope'; known: p"),
    ("state before a run", lambda: lif().get_state("v"), E.InvalidConfigurationError, "not in a network"),
    # --- topology functions
    ("ring k odd", lambda: ring_topology(10, 3), E.OutOfRangeError,
     "Topology 'ring': k = 3 is out of range; valid range: even integers"),
    ("small world p_rewire", lambda: small_world(10, 4, 1.5), E.OutOfRangeError,
     "Topology 'small_world': p_rewire = 1.5 is out of range; valid range: [0, 1]"),
    ("scale free m", lambda: scale_free(10, 0), E.OutOfRangeError, "Topology 'scale_free': m = 0 is out of range"),
    ("grid radius", lambda: grid_topology(3, 3, -1.0), E.OutOfRangeError,
     "Topology 'grid': radius = -1 is out of range; valid range: [0, inf)"),
    ("generator size of a wrong type", lambda: ring_topology("10", 2), E.ArgumentTypeError,
     "Topology 'ring': n must be an integer"),
    # --- models on their own, the zoo
    ("kernel stepped with another dt", _kernel_dt_change, E.InvalidConfigurationError,
     "the kernel was built for dt = 0.0001 s and is stepped with dt = 0.0002 s"),
    ("unknown preset", lambda: LIFNeuron.preset("bursting"), E.UnknownNameError, "LIFNeuron: unknown preset 'bursting'"),
    ("unknown pretrained network", lambda: load_pretrained("mnist2"), E.UnknownNameError,
     "load_pretrained: unknown pretrained network 'mnist2'; available: mnist"),
    ("unknown zoo parameter", lambda: configs.brunel(gain=1.0), E.UnknownNameError,
     "configs.brunel: unknown parameter 'gain'; known: order, n_exc, n_inh, epsilon"),
    ("zoo delay in seconds", lambda: configs.ping(delay=5e-4), E.OutOfRangeError,
     "zoo 'ping': delay = 0.0005 is out of range; valid range: 0 or at least 0.01 ms in magnitude"),
]


@pytest.mark.parametrize("what,call,exc,message", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_named(what, call, exc, message):
    with pytest.raises(exc) as info:
        call()
    assert message in str(info.value), str(info.value)
    assert isinstance(info.value, E.SCNeuroCoreError)


def test_hierarchy_fits_the_builtins():
    assert issubclass(E.OutOfRangeError, ValueError)
    assert issubclass(E.UnknownNameError, ValueError)
    assert issubclass(E.ShapeMismatchError, ValueError)
    assert issubclass(E.InvalidConfigurationError, ValueError)
    assert issubclass(E.ArgumentTypeError, TypeError)
    assert issubclass(E.SimulationIOError, OSError)
    assert issubclass(E.BackendUnavailableError, NotImplementedError)
    assert issubclass(E.PretrainedUnavailableError, NotImplementedError)


def test_errors_carry_their_facts():
    with pytest.raises(E.OutOfRangeError) as info:
        lif(tau_m=-1.0)
    e = info.value
    assert (e.object, e.field, e.value, e.range) == ("Population 'p' (lif)", "tau_m", "-1", "(0, inf)")
    with pytest.raises(E.UnknownNameError) as info:
        lif(tau=1.0)
    assert info.value.name == "tau" and "tau_m" in info.value.known
    import pickle

    again = pickle.loads(pickle.dumps(e))
    assert type(again) is E.OutOfRangeError and again.field == "tau_m" and str(again) == str(e)


def test_nothing_changes_after_a_failed_update():
    a = lif(4, "a")
    pr = Projection(a, a, weight=0.1, topology=ring_topology(4, 2, 0.1))
    before = pr.weights.copy()
    with pytest.raises(E.OutOfRangeError):
        pr.update_plasticity(np.array([0, 1, 0, 1]), np.array([1, 1, 3, 1]), 0.01, 0.01, 20.0)
    np.testing.assert_array_equal(pr.weights, before)
