#!/usr/bin/env python3
"""Reference iterates of snnTorch's Leaky, Synaptic and Alpha neurons.

Each neuron is run on one fixed input sequence (400 iterates, a seeded pseudo-random
sequence of float32 values in [-0.2, 1.2) with 40-iterate blocks of zero) under several
parameter sets, one neuron per case, states starting at zero. The spikes (snnTorch's
S = 1) and the membrane after each iterate are written to
``reference/snntorch/<name>.json`` for ``crates/neurons/tests/snntorch_reference.rs``,
which runs our ``snntorch_leaky``, ``snntorch_synaptic`` and ``snntorch_alpha`` with one
iterate per network step on the same inputs.

snnTorch computes in float32: the parameters are written as the float32 values snnTorch
used (so both sides start from the same numbers) and the inputs are float32 values.

How to run
----------
    python3 -m venv /tmp/snntorch-venv
    /tmp/snntorch-venv/bin/pip install torch snntorch
    /tmp/snntorch-venv/bin/python scripts/reference/snntorch_neurons.py

Output JSON: ``{"snntorch": version, "torch": version, "model": our name, "input": [...],
"cases": [{"params": {our name: value}, "spikes": [iterate indices], "mem": [...]}]}``.
"""

import json
import os
import random

import snntorch
import torch

STEPS = 400
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "reference", "snntorch")
MECH = {"subtract": 0.0, "zero": 1.0, "none": 2.0}


def inputs():
    rng = random.Random(20240207)
    xs = [rng.uniform(-0.2, 1.2) for _ in range(STEPS)]
    for k in range(STEPS):
        if (k // 40) % 4 == 3:
            xs[k] = 0.0
    return torch.tensor(xs, dtype=torch.float32)


def f32(x):
    return float(torch.tensor(x, dtype=torch.float32))


def run(neuron, xs, scale):
    spikes, mem = [], []
    with torch.no_grad():
        for t in range(STEPS):
            out = neuron(xs[t : t + 1] * scale)
            spk, m = out[0], out[-1]
            if float(spk[0]) == 1.0:
                spikes.append(t)
            mem.append(float(m[0]))
    return spikes, mem


def leaky_cases():
    for beta, thr, mech, delay, scale in [
        (0.5, 1.0, "subtract", True, 1.0),
        (0.9, 1.0, "subtract", True, 0.5),
        (0.9, 1.0, "zero", True, 0.5),
        (0.8, 1.5, "subtract", False, 1.0),
        (0.8, 1.5, "zero", False, 1.0),
        (0.95, 2.0, "none", True, 0.3),
    ]:
        n = snntorch.Leaky(beta=beta, threshold=thr, reset_mechanism=mech, reset_delay=delay)
        params = {
            "beta": f32(beta),
            "threshold": f32(thr),
            "reset_mechanism": MECH[mech],
            "reset_delay": 1.0 if delay else 0.0,
        }
        yield n, params, scale


def synaptic_cases():
    for alpha, beta, thr, mech, delay, scale in [
        (0.9, 0.5, 1.0, "subtract", True, 0.3),
        (0.8, 0.9, 1.0, "zero", True, 0.2),
        (0.7, 0.8, 2.0, "subtract", False, 0.5),
        (0.9, 0.9, 1.0, "zero", False, 0.1),
    ]:
        n = snntorch.Synaptic(
            alpha=alpha, beta=beta, threshold=thr, reset_mechanism=mech, reset_delay=delay
        )
        params = {
            "alpha": f32(alpha),
            "beta": f32(beta),
            "threshold": f32(thr),
            "reset_mechanism": MECH[mech],
            "reset_delay": 1.0 if delay else 0.0,
        }
        yield n, params, scale


def alpha_cases():
    for alpha, beta, thr, mech, scale in [
        (0.9, 0.8, 1.0, "zero", 0.5),
        (0.9, 0.8, 1.0, "subtract", 0.5),
        (0.95, 0.7, 1.5, "zero", 0.4),
        (0.85, 0.6, 1.0, "none", 0.3),
    ]:
        n = snntorch.Alpha(alpha=alpha, beta=beta, threshold=thr, reset_mechanism=mech)
        params = {
            "alpha": f32(alpha),
            "beta": f32(beta),
            "threshold": f32(thr),
            "reset_mechanism": MECH[mech],
        }
        yield n, params, scale


def main():
    os.makedirs(OUT, exist_ok=True)
    xs = inputs()
    for name, cases in [
        ("snntorch_leaky", leaky_cases),
        ("snntorch_synaptic", synaptic_cases),
        ("snntorch_alpha", alpha_cases),
    ]:
        out = []
        for neuron, params, scale in cases():
            x = xs * scale
            spikes, mem = run(neuron, x, 1.0)
            out.append(
                {"params": params, "input": [float(v) for v in x], "spikes": spikes, "mem": mem}
            )
            print(name, params, len(spikes), "spikes")
        doc = {
            "snntorch": snntorch.__version__,
            "torch": torch.__version__,
            "model": name,
            "cases": out,
        }
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump(doc, f)


if __name__ == "__main__":
    main()
