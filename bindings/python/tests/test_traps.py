"""The traps of issue 19, each as a user falls into it, and what they get now: an error that
names the call to make, a warning with the unit, or the behaviour they expected."""

import warnings

import numpy as np
import pytest

from sc_neurocore import errors as E
from sc_neurocore.network import (
    STDP,
    Network,
    Normal,
    PoissonInput,
    Population,
    Projection,
    SpikeMonitor,
    StateMonitor,
    StepCurrent,
    TimedArray,
)
from sc_neurocore.units import (
    Hz,
    Quantity,
    UnitWarning,
    in_unit,
    mV,
    ms,
    nS,
    pA,
    second,
)


def _raises(exc, message, call):
    with pytest.raises(exc) as info:
        call()
    assert str(info.value) == message
    return info.value


def _driven(params=None):
    pop = Population("lif", 4, label="exc", params=params)
    mon = SpikeMonitor(pop)
    net = Network(pop, StepCurrent(0.0, float("inf"), 400.0, target=pop), mon)
    return pop, mon, net


# -- no silent no-ops ---------------------------------------------------------------------


def test_assigning_a_state_variable_names_its_initial_value_parameter():
    exc = Population("lif", 10, label="exc")

    def assign():
        exc.v = -50

    e = _raises(
        E.AttributeAssignmentError,
        "Population 'exc' has no attribute 'v' to assign; 'v' is a state variable of lif; its "
        "initial value is the parameter 'v_init' (params={'v_init': ...} or pop.set(v_init=...) "
        "before the first run or after net.reset()); between runs pop.set_state('v', ...); read "
        "it with pop.get_state('v')",
        assign,
    )
    assert isinstance(e, AttributeError) and e.field == "v"


def test_assigning_a_parameter_names_set():
    exc = Population("lif", 10, label="exc")

    def assign():
        exc.v_th = -40

    _raises(
        E.AttributeAssignmentError,
        "Population 'exc' has no attribute 'v_th' to assign; 'v_th' is a parameter of lif: set "
        "it with pop.set(v_th=...) (before the first run or after net.reset()) or "
        "Population(..., params={'v_th': ...})",
        assign,
    )
    exc.set(v_th=-40)
    assert exc.params["v_th"] == -40.0


def test_assigning_fixed_and_unknown_attributes():
    exc = Population("lif", 3, label="exc")
    proj = Projection(exc, exc, 1.0)
    stim = PoissonInput(3, 10.0, 1.0, target=exc)
    net = Network(exc, proj, stim)

    def pop_n():
        exc.n = 5

    def pop_typo():
        exc.parms = {}

    def proj_weight():
        proj.weight = 2.0

    def proj_delay():
        proj.delay = 2e-3

    def stim_rate():
        stim.rate_hz = 5.0

    def net_dt():
        net.dt = 1e-3

    def net_backend():
        net.last_backend = "python"

    _raises(
        E.AttributeAssignmentError,
        "Population 'exc': n is fixed when the object is made; create a new Population",
        pop_n,
    )
    with pytest.raises(E.AttributeAssignmentError, match=r"has no attribute 'parms' to assign; "
                       r"parameters of lif \(set with pop.set\(\.\.\.\)\): tau_m, c_m"):
        pop_typo()
    _raises(
        E.AttributeAssignmentError,
        "Projection 'exc->exc': weight is fixed when the object is made; change the weights of "
        "its synapses with proj.weights = array (one per synapse, in the order of proj.csr), or "
        "create a new Projection",
        proj_weight,
    )
    _raises(
        E.AttributeAssignmentError,
        "Projection 'exc->exc': delay is fixed when the object is made; change the delays of "
        "its synapses with proj.delays = array (one per synapse, in the order of proj.csr; "
        "before a run or after net.reset()), or create a new Projection",
        proj_delay,
    )
    _raises(
        E.AttributeAssignmentError,
        "PoissonInput 'PoissonInput': rate_hz is fixed when the object is made; a PoissonInput "
        "is fixed when it is made: create a new one (in a network that has run, reset() it and "
        "add the new stimulus in place of this one)",
        stim_rate,
    )
    _raises(
        E.AttributeAssignmentError,
        "Network: dt is read-only; the step is an argument of run(duration, dt=...) (seconds)",
        net_dt,
    )
    with pytest.raises(E.AttributeAssignmentError, match="last_backend is read-only"):
        net_backend()
    # What is meant to be set still is.
    net.seed = 4
    assert net.seed == 4


def test_assigning_to_a_monitor_raises():
    mon = StateMonitor(Population("lif", 2, label="exc"), "v")
    with pytest.raises(E.AttributeAssignmentError, match="StateMonitor 'StateMonitor\\(exc\\)' has no attribute 'variabel' to assign; a monitor records what it was made with"):
        mon.variabel = "v"
    with pytest.raises(E.AttributeAssignmentError, match="variable is fixed when the object is made"):
        mon.variable = "u"


def test_params_are_read_only_and_set_applies_before_the_first_run():
    pop, mon, net = _driven()

    def mutate():
        pop.params["i_e"] = 1000.0

    _raises(
        E.InvalidConfigurationError,
        "Population 'exc': params is read-only; set i_e with pop.set(i_e=...) (before the first "
        "run or after net.reset())",
        mutate,
    )
    pop.set(i_e=500.0)
    net.run(0.05, dt=1e-4)
    ref_pop, ref_mon, ref_net = _driven({"i_e": 500.0})
    ref_net.run(0.05, dt=1e-4)
    assert mon.count > 0
    np.testing.assert_array_equal(mon.spike_times, ref_mon.spike_times)


def test_changing_parameters_after_a_run_raises_and_applies_after_reset():
    pop, mon, net = _driven()
    net.run(0.05, dt=1e-4)
    first = mon.count

    def change():
        pop.set(i_e=-5000.0)

    _raises(
        E.InvalidConfigurationError,
        "Population 'exc': its parameters cannot change in a network that has run (t = 0.05 s): "
        "the running neurons were built with the old values and would ignore set(...); call "
        "reset() on the network first (the next run starts again at t = 0 with the new values)",
        change,
    )

    def replace():
        pop.params = {"i_e": -5000.0}

    with pytest.raises(E.InvalidConfigurationError, match="would ignore params = ..."):
        replace()
    assert dict(pop.params) == {}  # nothing changed on error
    net.reset()
    pop.set(i_e=-5000.0)  # hyperpolarising: the 400 pA step no longer makes it fire
    net.run(0.05)
    assert first > 0 and mon.count == 0


def _set_state_run(backends):
    """40 LIF neurons with spread drives: 20 ms, v set to a ramp, 30 ms more."""
    pop = Population("lif", 40, label="exc", params={"i_e": np.linspace(300, 500, 40)})
    mon = SpikeMonitor(pop)
    net = Network(pop, mon, seed=2)
    net.run(0.02, dt=1e-4, backend=backends[0])
    pop.set_state("v", np.linspace(-70, -56, 40) * mV)
    np.testing.assert_allclose(pop.get_state("v"), np.linspace(-70, -56, 40))
    net.run(0.03, backend=backends[1])
    return mon.spike_times, mon.spike_ids


def test_set_state_between_runs_applies_on_every_backend():
    rust = _set_state_run(("rust", "rust"))
    python = _set_state_run(("python", "python"))
    switched = _set_state_run(("rust", "python"))  # the python engine replays the set
    for other in (python, switched):
        np.testing.assert_array_equal(rust[0], other[0])
        np.testing.assert_array_equal(rust[1], other[1])
    # It acted: the same run without the set differs after 20 ms.
    pop = Population("lif", 40, label="exc", params={"i_e": np.linspace(300, 500, 40)})
    mon = SpikeMonitor(pop)
    Network(pop, mon, seed=2).run(0.05, dt=1e-4)
    assert not np.array_equal(mon.spike_times, rust[0])


def test_set_state_errors():
    pop = Population("lif", 4, label="exc")
    net = Network(pop)
    _raises(
        E.InvalidConfigurationError,
        "Population 'exc': set_state('v', ...) acts between runs of a network that has run; "
        "before the first run (or after reset()) its initial value is the parameter 'v_init' "
        "(pop.set(v_init=...))",
        lambda: pop.set_state("v", -60.0),
    )
    net.run(1e-3, dt=1e-4)
    _raises(
        E.UnknownNameError,
        "Population 'exc': unknown variable 'V_m'; known: v, refractory",
        lambda: pop.set_state("V_m", -60.0),
    )
    _raises(
        E.ShapeMismatchError,
        "Population 'exc': v has size 3, expected 4",
        lambda: pop.set_state("v", [1.0, 2.0, 3.0]),
    )
    _raises(
        E.OutOfRangeError,
        "Population 'exc': v[2] = NaN is out of range; valid range: any finite number",
        lambda: pop.set_state("v", [1.0, 2.0, np.nan, 3.0]),
    )
    with pytest.raises(E.ArgumentTypeError, match="v = 5 s is a time; v is a voltage in mV"):
        pop.set_state("v", 5 * second)


def test_a_failed_run_leaves_the_objects_usable():
    exc = Population("lif", 4, label="exc")
    other = Population("lif", 4, label="other")
    mon = SpikeMonitor(exc)
    # `other` is not in the network: the run fails while building.
    broken = Network(exc, Projection(other, exc, 1.0), mon)
    with pytest.raises(E.InvalidConfigurationError, match="is not in the network"):
        broken.run(0.01, dt=1e-4)
    # The same population and monitor in a new network: they move (the failed network never
    # ran).
    net = Network(exc, StepCurrent(0.0, float("inf"), 400.0, target=exc), mon)
    net.run(0.05, dt=1e-4)
    assert mon.count > 0
    assert broken.populations == () and broken.monitors == ()
    # A network that has run keeps its objects.
    with pytest.raises(E.InvalidConfigurationError, match="which has run"):
        Network(exc)


def test_network_constructor_is_atomic():
    a = Population("lif", 2, label="a")
    b = Population("lif", 2, label="a")  # same label: the second add fails
    with pytest.raises(E.InvalidConfigurationError, match="label 'a' is already used"):
        Network(a, b)
    # Nothing was added, so `a` is free (and was never half-attached).
    Network(a).run(1e-3, dt=1e-4)


def test_reset_keeps_the_step():
    pop, mon, net = _driven()
    net.run(0.01, dt=5e-5)
    net.reset()
    net.run(0.01)
    assert net.dt == 5e-5
    net.reset()
    net.run(0.01, dt=1e-4)  # another dt after a reset is fine
    assert net.dt == 1e-4


# -- units ----------------------------------------------------------------------------------


def test_quantities_convert_to_each_parameters_unit():
    a = Population("lif", 3, label="a", params={"tau_m": 20 * ms, "v_th": -50 * mV})
    assert a.params["tau_m"] == pytest.approx(20.0) and a.params["v_th"] == pytest.approx(-50.0)
    b = Population("lif", 3, label="b", params={"i_e": np.array([0.1, 0.2, 0.3]) * 1e3 * pA})
    np.testing.assert_allclose(b.params["i_e"], [100.0, 200.0, 300.0])
    p = Projection(a, b, 2 * nS, synapse="conductance", tau_syn=5 * ms, e_rev=-80 * mV,
                   delay=1.5 * ms)
    q = Projection(a, b, 2.0, synapse="conductance", tau_syn=5e-3, e_rev=-80.0, delay=1.5e-3)
    assert p.synapse_options == pytest.approx(q.synapse_options)
    assert p.weight == q.weight and p.delay == pytest.approx(q.delay)
    drive = PoissonInput(3, 8 * Hz, 0.5 * mV, target=a)
    assert drive.rate_hz == 8.0 and drive.weight == 0.5
    assert STDP(tau_plus=20 * ms).tau_plus == pytest.approx(0.02)
    assert in_unit(5 * ms, "s") == pytest.approx(5e-3)
    assert (5 * ms) / ms == pytest.approx(5.0)


def test_a_run_with_units_is_the_same_run():
    def run(duration, dt):
        pop, mon, net = _driven()
        net.run(duration, dt=dt)
        return mon.spike_times

    np.testing.assert_array_equal(run(50 * ms, 0.1 * ms), run(0.05, 1e-4))


def test_quantity_of_the_wrong_kind_is_an_error():
    a = Population("lif", 2, label="a")
    _raises(
        E.ArgumentTypeError,
        "Projection 'a->a': tau_syn = 0.005 mV is a voltage; tau_syn is a time in s (e.g. "
        "tau_syn=5 * s or a plain number in s)",
        lambda: Projection(a, a, 1.0, synapse="exponential", tau_syn=0.005 * mV),
    )
    _raises(
        E.ArgumentTypeError,
        "Population 'x': tau_m = 20 mV is a voltage; tau_m is a time in ms (e.g. tau_m=5 * ms "
        "or a plain number in ms)",
        lambda: Population("lif", 2, label="x", params={"tau_m": 20 * mV}),
    )
    _raises(
        E.ArgumentTypeError,
        "StepCurrent 'StepCurrent': amplitude = 100 pA has a unit, but without target= the model "
        "(and its input unit) is not known yet; give target= or a plain number in the target "
        "model's input unit",
        lambda: StepCurrent(0.0, 1.0, 100 * pA),
    )
    with pytest.raises(TypeError, match="float\\(\\) would drop its unit"):
        float(5 * ms)
    # A unit the module does not express takes plain numbers only.
    hh = "hodgkin_huxley"
    with pytest.raises(E.ArgumentTypeError, match="which sc_neurocore.units does not express"):
        Population(hh, 1, params={"g_na": 120 * nS})


def _warns(message, call):
    with pytest.warns(UnitWarning) as record:
        call()
    assert [str(w.message) for w in record] == [message]


def test_implausible_values_warn_with_their_unit():
    a = Population("lif", 2, label="a")
    _warns(
        "Projection 'a->a': tau_syn = 5 s is implausibly long for a synaptic time constant "
        "(usually 0.1 ms to 0.5 s); the API takes seconds: 5 ms is tau_syn=0.005 or tau_syn=5 "
        "* ms",
        lambda: Projection(a, a, 1.0, synapse="exponential", tau_syn=5.0),
    )
    _warns(
        "Projection 'a->a': delay = 1.5 s is longer than any synaptic delay (usually 0.1 to 20 "
        "ms); the API takes seconds: 1.5 ms is delay=0.0015 or delay=1.5 * ms",
        lambda: Projection(a, a, 1.0, delay=1.5),
    )
    _warns(
        "Population 'b': tau_m = 0.02 ms is implausibly short for a neuron time constant; "
        "neuron parameters are in their model's units (tau_m in ms): 0.02 s is tau_m=20 or "
        "tau_m=0.02 * second",
        lambda: Population("lif", 2, label="b", params={"tau_m": 0.02}),
    )
    _warns(
        "STDP: tau_plus = 20 s is implausibly long for a synaptic time constant (usually 0.1 ms "
        "to 0.5 s); the API takes seconds: 20 ms is tau_plus=0.02 or tau_plus=20 * ms",
        lambda: STDP(tau_plus=20.0),
    )
    net = Network(a, Projection(a, a, 1.0, synapse="exponential", tau_syn=5e-3))
    _warns(
        "Network.run: dt = 0.1 s is above a tenth of tau_m of Population 'a' = 10 ms; the step "
        "is in seconds (0.1 ms is dt=1e-4 or dt=0.1 * ms)",
        lambda: net.run(0.2, dt=0.1),
    )
    b = Population("lif", 2, label="b", params={"tau_m": 20.0})
    net = Network(b, Projection(b, b, 1.0, synapse="exponential", tau_syn=2e-3))
    _warns(
        "Network.run: dt = 0.0015 s is above half of tau_syn of Projection 'b->b' = 2 ms; the "
        "step is in seconds (0.1 ms is dt=1e-4 or dt=0.1 * ms)",
        lambda: net.run(0.03, dt=1.5e-3),
    )
    hh = Population("hodgkin_huxley", 1, label="hh")
    _warns(
        "Network.run: dt = 0.05 s is longer than any useful integration step; the step is in "
        "seconds (0.1 ms is dt=1e-4 or dt=0.1 * ms)",
        lambda: Network(hh).run(0.1, dt=0.05),
    )


def test_the_warning_points_at_the_users_line():
    a = Population("lif", 2, label="a")
    with pytest.warns(UnitWarning) as record:
        Projection(a, a, 1.0, delay=1.5)
    assert record[0].filename == __file__


def test_plausible_networks_do_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnitWarning)
        exc = Population("lif", 8, label="exc", params={"tau_m": 20.0})
        inh = Population("lif", 2, label="inh")
        net = Network(
            exc,
            inh,
            Projection(exc, inh, 2.0, synapse="conductance", tau_syn=5e-3, e_rev=0.0,
                       delay=Normal(1.5e-3, 0.1e-3, min=1e-4)),
            Projection(inh, exc, 8.0, synapse="conductance", tau_syn=10 * ms, e_rev=-80 * mV),
            Projection(exc, exc, 0.5, plasticity=STDP()),
            PoissonInput(8, 20.0, 1.0, target=exc),
        )
        net.run(0.02, dt=1e-4)


# -- sign conventions ---------------------------------------------------------------------

_CONDUCTANCE_RANGE = (
    "valid range: [0, inf) nS (a conductance is never negative: write inhibition as a positive "
    "conductance with an inhibitory reversal potential, e.g. weight = 2 nS with e_rev = -80 mV)"
)


def test_negative_conductance_is_an_error_that_says_how_to_write_inhibition():
    exc = Population("lif", 4, label="exc")
    inh = Population("lif", 2, label="inh")
    e = _raises(
        E.OutOfRangeError,
        f"Projection 'inh->exc': weight = -2 is out of range; {_CONDUCTANCE_RANGE}",
        lambda: Projection(inh, exc, -2.0, synapse="conductance", tau_syn=5e-3, e_rev=-80.0),
    )
    assert e.field == "weight" and e.value == "-2"
    _raises(
        E.OutOfRangeError,
        f"Projection 'inh->exc': weight.min = -inf is out of range; {_CONDUCTANCE_RANGE}",
        lambda: Projection(inh, exc, Normal(2.0, 1.0), "random", probability=0.5,
                           synapse="nmda"),
    )
    _raises(
        E.OutOfRangeError,
        f"PoissonInput 'bg': weight = -1 is out of range; {_CONDUCTANCE_RANGE}",
        lambda: Network(exc, PoissonInput(4, 10.0, -1.0, target=exc, synapse="conductance",
                                          e_rev=-80.0, label="bg")).run(1e-3, dt=1e-4),
    )
    # Written the right way, inhibition works: a positive conductance toward -80 mV.
    Projection(inh, exc, 2.0, synapse="conductance", tau_syn=5e-3, e_rev=-80.0)


def test_weights_outside_the_stdp_bounds_are_rejected_at_construction():
    a = Population("lif", 4, label="a")
    _raises(
        E.OutOfRangeError,
        "Projection 'a->a': weight = 100 is out of range; valid range: [0, 1] (the STDP bounds)",
        lambda: Projection(a, a, 100.0, plasticity="stdp"),
    )
    _raises(
        E.OutOfRangeError,
        "Projection 'a->a': weight = 0.1 is out of range; valid range: [0.5, 2] (the STDP "
        "bounds)",
        lambda: Projection(a, a, 0.1, plasticity=STDP(w_min=0.5, w_max=2.0)),
    )


# -- messages that blame the right thing ----------------------------------------------------


def test_a_cross_parameter_error_names_the_parameter_given():
    e = _raises(
        E.OutOfRangeError,
        "Population 'p' (lif): v_th = -1000000000 is out of range; valid range: above v_reset "
        "= -70 (the model requires v_reset < v_th)",
        lambda: Population("lif", 2, label="p", params={"v_th": -1e9}),
    )
    assert e.field == "v_th"
    # Both given: the rule's own wording (both named).
    _raises(
        E.OutOfRangeError,
        "Population 'p' (lif): v_reset = -60 is out of range; valid range: below v_th = -65",
        lambda: Population("lif", 2, label="p", params={"v_th": -65.0, "v_reset": -60.0}),
    )


def test_a_topology_keyword_without_its_topology_suggests_it():
    a = Population("lif", 4, label="a")
    _raises(
        E.InvalidConfigurationError,
        "Topology 'all_to_all': 'probability' is a keyword of topology 'random', not of "
        "'all_to_all' (which takes no keyword); choose the topology that takes it, e.g. "
        "topology = \"random\" with probability",
        lambda: Projection(a, a, 1.0, probability=0.1),
    )
    _raises(
        E.InvalidConfigurationError,
        "Topology 'random': 'k' is a keyword of topology 'small_world' or 'ring', not of "
        "'random' (which takes probability); choose the topology that takes it, e.g. topology "
        "= \"small_world\" with k",
        lambda: Projection(a, a, 1.0, "random", probability=0.1, k=2),
    )


def test_timed_array_and_poisson_units():
    a = Population("lif", 2, label="a")
    t = TimedArray(np.array([0.0, 100.0, 200.0]) * pA, dt=1 * ms, target=a)
    np.testing.assert_allclose(t.values, [0.0, 100.0, 200.0])
    assert t.dt == pytest.approx(1e-3)
    assert isinstance(3 * pA, Quantity)
    assert repr(3 * pA) == "3 pA" and repr(np.array([1.0, 2.5]) * mV) == "array([1, 2.5]) mV"
