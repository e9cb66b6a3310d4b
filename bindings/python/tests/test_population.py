"""sc_neurocore.network.population."""

import numpy as np

from sc_neurocore.network import Network, Population, SpikeMonitor, StepCurrent
from sc_neurocore.neurons.models.hodgkin_huxley import HodgkinHuxleyNeuron


def test_model_by_class_registry_name_or_class_name():
    for m in (HodgkinHuxleyNeuron, "hodgkin_huxley", "HodgkinHuxleyNeuron"):
        p = Population(m, 4)
        assert p.model is HodgkinHuxleyNeuron and p.model_name == "hodgkin_huxley"
        assert p.is_catalogue and len(p) == 4
    assert p.state_variables == ("v", "m", "h", "n")


def test_labels_default_to_the_model_name_and_are_unique():
    a, b = Population("lif", 2), Population("lif", 2)
    assert a.label.startswith("lif_") and a.label != b.label


def test_params_per_population_and_per_neuron():
    i_e = np.array([0.0, 0.0, 600.0])
    p = Population("lif", 3, label="x", params={"i_e": i_e, "tau_m": 20.0})
    m = SpikeMonitor(p)
    Network(p, m).run(0.05, dt=1e-4)
    assert set(m.spike_ids) == {2}  # only the driven neuron fires
    assert p.get_state("v").shape == (3,)


def test_state_after_a_run():
    p = Population("lif", 2, params={"v_init": [-70.0, -60.0]})
    net = Network(p, StepCurrent(0.0, 1.0, 100.0))
    net.run(0.001, dt=1e-4)
    v = p.get_state("v")
    assert v[1] > v[0] > -70.0
