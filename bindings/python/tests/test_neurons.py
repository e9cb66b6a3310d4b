"""sc_neurocore.neurons: the catalogue classes generated from the registry."""

import importlib

import numpy as np
import pytest

from sc_neurocore import _native
from sc_neurocore.neurons import CatalogueNeuron, NeuronModel, catalogue, lookup

REGISTRY = _native.models()


def test_one_module_and_class_per_registered_model():
    assert [m["name"] for m in REGISTRY] == list(catalogue())
    for info in REGISTRY:
        mod = importlib.import_module(f"sc_neurocore.neurons.models.{info['name']}")
        cls = getattr(mod, info["class_name"])
        assert issubclass(cls, CatalogueNeuron) and issubclass(cls, NeuronModel)
        assert cls.__module__ == mod.__name__ and cls.name == info["name"]
        assert lookup(info["name"]) is cls and lookup(info["class_name"]) is cls


@pytest.mark.parametrize("info", REGISTRY, ids=[m["name"] for m in REGISTRY])
def test_class_carries_the_metadata(info):
    cls = lookup(info["name"])
    assert cls.parameters == {p["name"]: p["default"] for p in info["params"]}
    assert cls.state_variables == tuple(s["name"] for s in info["state"])
    assert cls.membrane == info["membrane"] and cls.input_unit == info["input_unit"]
    for p in info["params"]:  # every parameter documented with unit, default and range
        assert f"{p['name']} : float or array of n floats, default {p['default']!r}" in cls.__doc__
        assert f"[{p['unit']}]; valid range {p['range']}" in cls.__doc__
    assert info["summary"] in cls.__doc__ and info["citation"] in cls.__doc__
    # The defaults are valid, and the initial state is readable.
    neuron = cls(3)
    for s in cls.state_variables:
        assert neuron.get_state(s).shape == (3,)
    spikes = neuron.step(1e-4)
    assert spikes.dtype == np.int64


def test_a_catalogue_neuron_steps_on_its_own():
    from sc_neurocore.neurons.models.lif import LIFNeuron

    n = LIFNeuron(2, i_e=[0.0, 500.0])
    count = np.zeros(2, int)
    for _ in range(1000):
        count[n.step(1e-4)] += 1
    assert count[0] == 0 and count[1] > 0
    assert n.v.shape == (2,)
    n.set_state("v", -60.0)
    np.testing.assert_array_equal(n.v, [-60.0, -60.0])
    # Jumps and currents as the network would give them.
    m = LIFNeuron(1)
    m.step(1e-4, jump=np.array([5.0]))
    assert m.v[0] == pytest.approx(-65.0)


def test_presets():
    from sc_neurocore.neurons.models.izhikevich import IzhikevichNeuron

    assert IzhikevichNeuron.presets
    name, values = next(iter(IzhikevichNeuron.presets.items()))
    assert IzhikevichNeuron.preset(name) == values
    IzhikevichNeuron(2, IzhikevichNeuron.preset(name))


def test_poisson_neuron_fires_at_its_rate_and_rejects_bad_rates():
    from sc_neurocore.neurons.models.poisson import PoissonNeuron

    n = PoissonNeuron(1000, rate=20.0)
    count = sum(n.step(1e-4).size for _ in range(5000))  # 0.5 s
    assert abs(count - 1000 * 20 * 0.5) < 5 * (1000 * 20 * 0.5) ** 0.5
    for bad in (-1.0, float("nan")):
        with pytest.raises(ValueError, match=r"rate = .* is out of range; valid range: \[0, inf\)"):
            PoissonNeuron(2, rate=bad)
