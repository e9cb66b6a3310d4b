"""sc_neurocore.analysis: the catalogue's conventions through the Python API.

One sample call per function (``CALLS``) drives the generic checks: the 127 names and their
signatures (the catalogue's), the G7 return types, list inputs (G2), shuffled input (G3),
NaN/inf input (G4) and degenerate trains (no panic ever reaches Python, G12); then specific
behaviour: parameter errors with their messages, argument conversion errors, mappings as
``trains``, the surrogates' properties (family 6, checked by properties as the catalogue
says) and the tutorial's section 7. The reference values are in test_analysis_reference.py.
"""

from __future__ import annotations

import inspect
import math
import sys
from pathlib import Path

import numpy as np
import pytest

import sc_neurocore
import sc_neurocore.analysis as an
from sc_neurocore.analysis import AnalysisArgumentError
from sc_neurocore.errors import (
    ArgumentTypeError,
    InvalidConfigurationError,
    OutOfRangeError,
    ShapeMismatchError,
    UnknownNameError,
)

# ----------------------------------------------------------------------------- sample data

_rng = np.random.default_rng(7)
A = np.sort(_rng.uniform(0.0, 2.0, 300))
B = np.sort(np.concatenate([A[::2] + _rng.normal(0, 0.002, A[::2].size), _rng.uniform(0, 2, 100)]))
B = B[(B >= 0) & (B <= 2)]
BURSTY = np.sort(np.concatenate([k * 0.2 + 0.01 + np.arange(5) * 0.003 for k in range(10)]))
POP = [np.sort(_rng.uniform(0.0, 2.0, n)) for n in (100, 150, 200, 120, 80)]
SIG = np.sin(2 * np.pi * 8 * np.arange(2000) / 1000) + 0.1 * _rng.standard_normal(2000)
PH = _rng.uniform(-np.pi, np.pi, 200)
PH2 = PH + 0.3 + 0.1 * _rng.standard_normal(200)
T = np.linspace(-0.05, 0.05, 101)
TIMES = np.linspace(0.0, 2.0, 201)

# name -> keyword arguments of a typical call
CALLS = {
    # 1
    "spike_count": dict(spikes=A, t_start=0.2, t_stop=1.5),
    "firing_rate": dict(spikes=A, duration=1.0),
    "firing_rates": dict(trains=POP),
    "binned_firing_rate": dict(spikes=A, bin_size=0.1),
    "instantaneous_rate": dict(spikes=A, sampling_period=0.01, sigma=0.05),
    "optimal_kernel_bandwidth": dict(spikes=A),
    "optimal_bin_size": dict(spikes=A),
    "isi": dict(spikes=A),
    "isi_mean": dict(spikes=A),
    "isi_median": dict(spikes=A),
    "isi_std": dict(spikes=A),
    "coefficient_of_variation": dict(spikes=A),
    "cv2": dict(spikes=A),
    "local_variation": dict(spikes=A),
    "revised_local_variation": dict(spikes=A),
    "fano_factor": dict(trains=POP),
    "fano_factor_binned": dict(spikes=A, bin_size=0.1),
    "isi_histogram": dict(spikes=A, bin_size=0.005, max_isi=0.1),
    "log_isi_histogram": dict(spikes=A),
    "instantaneous_frequency": dict(spikes=A),
    "isi_serial_correlation": dict(spikes=A),
    "adaptation_index": dict(spikes=A),
    "refractory_violations": dict(spikes=A),
    "time_to_first_spike": dict(spikes=A, t_start=0.5),
    # 2
    "spike_train_correlation": dict(spikes_a=A, spikes_b=B, bin_size=0.01),
    "correlation_matrix": dict(trains=POP, bin_size=0.01),
    "spike_train_covariance": dict(spikes_a=A, spikes_b=B, bin_size=0.01),
    "covariance_matrix": dict(trains=POP, bin_size=0.01),
    "cross_correlation_histogram": dict(spikes_a=A, spikes_b=B, bin_size=0.005, max_lag_bins=10),
    "cross_correlation_coefficient": dict(spikes_a=A, spikes_b=B, bin_size=0.005, max_lag_bins=10),
    "autocorrelation_histogram": dict(spikes=A, bin_size=0.005, max_lag_bins=10),
    "cross_correlogram": dict(spikes_a=A, spikes_b=B, bin_size=0.001, max_lag=0.02),
    "autocorrelogram": dict(spikes=A, bin_size=0.001, max_lag=0.02),
    "spike_time_tiling_coefficient": dict(spikes_a=A, spikes_b=B),
    "sttc_matrix": dict(trains=POP),
    "spike_train_timescale": dict(spikes=A, bin_size=0.001, max_tau=0.02),
    "coincidence_count": dict(spikes_a=A, spikes_b=B, window=0.002),
    "coincidence_factor": dict(spikes_a=A, spikes_b=B, window=0.002),
    "event_synchronization": dict(spikes_a=A, spikes_b=B, tau=0.005),
    "event_synchronization_delay": dict(spikes_a=A, spikes_b=B, tau=0.005),
    "spike_contrast": dict(trains=POP),
    # 3
    "victor_purpura_distance": dict(spikes_a=A, spikes_b=B, cost=10.0),
    "victor_purpura_distance_matrix": dict(trains=POP, cost=10.0),
    "van_rossum_distance": dict(spikes_a=A, spikes_b=B, tau=0.01),
    "van_rossum_distance_matrix": dict(trains=POP, tau=0.01),
    "isi_distance": dict(spikes_a=A, spikes_b=B, t_start=0.0, t_stop=2.0),
    "isi_distance_multi": dict(trains=POP, t_start=0.0, t_stop=2.0),
    "isi_distance_matrix": dict(trains=POP, t_start=0.0, t_stop=2.0),
    "isi_profile": dict(spikes_a=A, spikes_b=B, t_start=0.0, t_stop=2.0),
    "spike_distance": dict(spikes_a=A, spikes_b=B, t_start=0.0, t_stop=2.0),
    "spike_distance_multi": dict(trains=POP, t_start=0.0, t_stop=2.0),
    "spike_distance_matrix": dict(trains=POP, t_start=0.0, t_stop=2.0),
    "spike_profile": dict(spikes_a=A, spikes_b=B, t_start=0.0, t_stop=2.0),
    "spike_sync": dict(spikes_a=A, spikes_b=B, t_start=0.0, t_stop=2.0),
    "spike_sync_multi": dict(trains=POP, t_start=0.0, t_stop=2.0),
    "spike_sync_matrix": dict(trains=POP, t_start=0.0, t_stop=2.0),
    "spike_sync_profile": dict(spikes_a=A, spikes_b=B, t_start=0.0, t_stop=2.0),
    "spike_directionality": dict(spikes_a=A, spikes_b=B, t_start=0.0, t_stop=2.0),
    "spike_train_order": dict(spikes_a=A, spikes_b=B, t_start=0.0, t_stop=2.0),
    "spike_train_order_multi": dict(trains=POP, t_start=0.0, t_stop=2.0),
    "schreiber_similarity": dict(spikes_a=A, spikes_b=B, sigma=0.005),
    "schreiber_reliability": dict(trains=POP, sigma=0.005),
    "hunter_milton_similarity": dict(spikes_a=A, spikes_b=B, tau=0.005),
    # 4
    "spike_train_psd": dict(spikes=A, bin_size=0.005),
    "spike_train_periodogram": dict(spikes=A, bin_size=0.005),
    "spike_train_coherence": dict(spikes_a=A, spikes_b=B, bin_size=0.005),
    "spike_train_csd": dict(spikes_a=A, spikes_b=B, bin_size=0.005),
    "multitaper_psd": dict(spikes=A, bin_size=0.005),
    "multitaper_coherence": dict(spikes_a=A, spikes_b=B, bin_size=0.005),
    # 5
    "time_histogram": dict(trains=POP, bin_size=0.01),
    "population_rate": dict(trains=POP, bin_size=0.01),
    "population_rate_smoothed": dict(trains=POP, sampling_period=0.01, sigma=0.05),
    "psth": dict(trials=POP, bin_size=0.01),
    "complexity_histogram": dict(trains=POP, bin_size=0.01),
    "complexity_pdf": dict(trains=POP, bin_size=0.01),
    "synchronous_event_times": dict(trains=POP, bin_size=0.01),
    "synchrony_index": dict(trains=POP, bin_size=0.01),
    "mean_pairwise_correlation": dict(trains=POP, bin_size=0.01),
    "population_fano_factor": dict(trains=POP, bin_size=0.01),
    "active_fraction": dict(trains=POP),
    "population_sparseness": dict(trains=POP),
    "participation_ratio": dict(trains=POP, bin_size=0.01),
    # 6
    "dither_spikes": dict(spikes=A, dither=0.01, t_start=0.0, t_stop=2.0, n_surrogates=3, seed=1),
    "dither_spike_train": dict(spikes=A, shift=0.01, t_start=0.0, t_stop=2.0, n_surrogates=3, seed=1),
    "randomise_spikes": dict(spikes=A, t_start=0.0, t_stop=2.0, n_surrogates=3, seed=1),
    "shuffle_isis": dict(spikes=A, t_start=0.0, t_stop=2.0, n_surrogates=3, seed=1),
    "poisson_process": dict(rate=20.0, t_start=0.0, t_stop=2.0, seed=1),
    "gamma_process": dict(rate=20.0, shape=2.0, t_start=0.0, t_stop=2.0, seed=1),
    "inhomogeneous_poisson_process": dict(rate_signal=np.full(100, 20.0), sampling_period=0.02, seed=1),
    "jitter_spikes": dict(spikes=A, bin_size=0.05, t_start=0.0, t_stop=2.0, n_surrogates=3, seed=1),
    "bin_shuffling": dict(spikes=A, bin_size=0.01, max_displacement=5, t_start=0.0, t_stop=2.0,
                          n_surrogates=3, seed=1),
    "trial_shifting": dict(trials=POP, dither=0.01, t_start=0.0, t_stop=2.0, n_surrogates=3, seed=1),
    # 7
    "spike_triggered_average": dict(signal=SIG, sampling_rate=1000.0, spikes=A, window=(-0.01, 0.02)),
    "spike_triggered_covariance": dict(signal=SIG, sampling_rate=1000.0, spikes=A, window=(-0.01, 0.02)),
    "spike_field_coherence": dict(signal=SIG, sampling_rate=1000.0, spikes=A),
    "spike_triggered_phase": dict(signal=SIG, sampling_rate=1000.0, spikes=A),
    "phase_locking_value": dict(phases_a=PH, phases_b=PH2),
    "mean_phase_vector": dict(phases=PH2),
    "vector_strength": dict(spikes=A, period=0.125),
    "rayleigh_test": dict(phases=PH),
    # 8
    "rectangular_kernel": dict(t=T, sigma=0.01),
    "triangular_kernel": dict(t=T, sigma=0.01),
    "epanechnikov_like_kernel": dict(t=T, sigma=0.01),
    "gaussian_kernel": dict(t=T, sigma=0.01),
    "laplacian_kernel": dict(t=T, sigma=0.01),
    "exponential_kernel": dict(t=T, sigma=0.01, invert=True),
    "alpha_kernel": dict(t=T, sigma=0.01),
    "kernel_density_rate": dict(spikes=A, times=TIMES, sigma=0.02),
    "exponential_trace": dict(spikes=A, tau=0.01, times=TIMES),
    # 9
    "detect_bursts_isi": dict(spikes=BURSTY, max_isi=0.005),
    "detect_bursts_max_interval": dict(spikes=BURSTY, max_begin_isi=0.004, max_end_isi=0.006,
                                       min_interburst_interval=0.05, min_burst_duration=0.005),
    "poisson_surprise": dict(n_spikes=10, duration=0.1, rate=20.0),
    "burst_rate": dict(spikes=BURSTY, max_isi=0.005),
    "burst_spike_fraction": dict(spikes=BURSTY, max_isi=0.005),
    "mean_burst_duration": dict(spikes=BURSTY, max_isi=0.005),
    "mean_spikes_per_burst": dict(spikes=BURSTY, max_isi=0.005),
    "intra_burst_frequency": dict(spikes=BURSTY, max_isi=0.005),
    "inter_burst_intervals": dict(spikes=BURSTY, max_isi=0.005),
    "burstiness_parameter": dict(spikes=A),
    "network_bursts": dict(trains=POP, bin_size=0.01, threshold=3),
    # 10
    "binned_spike_counts": dict(spikes=A, bin_size=0.1),
    "binned_spike_matrix": dict(trains=POP, bin_size=0.1),
    "binarize": dict(spikes=A, bin_size=0.1),
    "bin_edges": dict(t_start=0.0, t_stop=1.0, bin_size=0.1),
    "time_slice": dict(spikes=A, t_start=0.5, t_stop=1.0),
    "merge_spike_trains": dict(trains=POP),
    "discretise_spike_times": dict(spikes=A, sampling_rate=1000.0),
}

# G7: float / int scalars; f8, i8, b1, c16 1-D arrays; "f8[2]" a 2-D float64 array; tuples of
# these; "list" of float64 arrays; "list[list]" of lists of them.
TYPES = {n: "float" for n in CALLS}
TYPES.update({
    "spike_count": "int", "refractory_violations": "int", "coincidence_count": "int",
    "firing_rates": "f8", "binned_firing_rate": "f8", "isi": "f8", "instantaneous_frequency": "f8",
    "instantaneous_rate": ("f8", "f8"), "isi_histogram": ("f8", "i8"),
    "log_isi_histogram": ("f8", "i8"),
    "correlation_matrix": "f8[2]", "covariance_matrix": "f8[2]", "sttc_matrix": "f8[2]",
    "cross_correlation_histogram": ("i8", "f8"), "cross_correlation_coefficient": ("i8", "f8"),
    "autocorrelation_histogram": ("i8", "f8"), "cross_correlogram": ("f8", "i8"),
    "autocorrelogram": ("f8", "i8"),
    "victor_purpura_distance_matrix": "f8[2]", "van_rossum_distance_matrix": "f8[2]",
    "isi_distance_matrix": "f8[2]", "spike_distance_matrix": "f8[2]", "spike_sync_matrix": "f8[2]",
    "isi_profile": ("f8", "f8"), "spike_profile": ("f8", "f8", "f8"),
    "spike_sync_profile": ("f8", "f8", "f8"),
    "spike_train_psd": ("f8", "f8"), "spike_train_periodogram": ("f8", "f8"),
    "spike_train_coherence": ("f8", "f8", "f8"), "spike_train_csd": ("f8", "c16"),
    "multitaper_psd": ("f8", "f8"), "multitaper_coherence": ("f8", "f8", "f8"),
    "time_histogram": "i8", "population_rate": "f8", "population_rate_smoothed": ("f8", "f8"),
    "psth": ("f8", "f8"), "complexity_histogram": "i8", "complexity_pdf": "f8",
    "synchronous_event_times": "f8",
    "dither_spikes": "list", "dither_spike_train": "list", "randomise_spikes": "list",
    "shuffle_isis": "list", "poisson_process": "f8", "gamma_process": "f8",
    "inhomogeneous_poisson_process": "f8", "jitter_spikes": "list", "bin_shuffling": "list",
    "trial_shifting": "list[list]",
    "spike_triggered_average": ("f8", "f8"), "spike_triggered_covariance": "f8[2]",
    "spike_field_coherence": ("f8", "f8"), "spike_triggered_phase": "f8",
    "mean_phase_vector": ("float", "float"), "vector_strength": ("float", "float"),
    "rayleigh_test": ("float", "float"),
    "kernel_density_rate": "f8", "exponential_trace": "f8",
    "detect_bursts_isi": ("f8", "f8", "i8"), "detect_bursts_max_interval": ("f8", "f8", "i8"),
    "inter_burst_intervals": "f8", "network_bursts": ("f8", "f8", "i8"),
    "binned_spike_counts": "i8", "binned_spike_matrix": "i8[2]", "binarize": "b1",
    "bin_edges": "f8", "time_slice": "f8", "merge_spike_trains": "f8",
    "discretise_spike_times": "f8",
})
for _k in ("rectangular", "triangular", "epanechnikov_like", "gaussian", "laplacian",
           "exponential", "alpha"):
    TYPES[f"{_k}_kernel"] = "f8"

ARRAYS = {"spikes", "spikes_a", "spikes_b", "t", "times", "signal", "phases", "phases_a",
          "phases_b", "rate_signal"}
TRAINS = {"trains", "trials"}
SPIKE_ARGS = {"spikes", "spikes_a", "spikes_b"}  # spike trains proper (G3: order irrelevant)


def call(name, **override):
    kw = dict(CALLS[name])
    kw.update(override)
    return getattr(an, name)(**kw)


def same(a, b) -> bool:
    """Equal values and types, bit for bit (NaN equal to NaN)."""
    if isinstance(a, (tuple, list)):
        return type(a) is type(b) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, np.ndarray):
        return (isinstance(b, np.ndarray) and a.dtype == b.dtype and a.shape == b.shape
                and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if isinstance(a, float):
        return type(b) is float and (a == b or (math.isnan(a) and math.isnan(b)))
    return type(a) is type(b) and a == b


def check_type(value, spec) -> str:
    if isinstance(spec, tuple):
        if type(value) is not tuple or len(value) != len(spec):
            return f"expected a tuple of {len(spec)}, got {type(value).__name__}"
        for k, (v, s) in enumerate(zip(value, spec)):
            msg = check_type(v, s)
            if msg:
                return f"[{k}] {msg}"
        return ""
    if spec in ("float", "int"):
        return "" if type(value).__name__ == spec else f"expected {spec}, got {type(value).__name__}"
    if spec == "list":
        if type(value) is not list or not value:
            return f"expected a non-empty list, got {type(value).__name__}"
        return next((f"[{k}] {m}" for k, v in enumerate(value) if (m := check_type(v, "f8"))), "")
    if spec == "list[list]":
        if type(value) is not list or not value:
            return f"expected a non-empty list, got {type(value).__name__}"
        return next((f"[{k}] {m}" for k, v in enumerate(value) if (m := check_type(v, "list"))), "")
    ndim = 2 if spec.endswith("[2]") else 1
    dtype = {"f8": np.float64, "i8": np.int64, "b1": np.bool_, "c16": np.complex128}[spec[:3].rstrip("[")]
    if type(value) is not np.ndarray:
        return f"expected an ndarray, got {type(value).__name__}"
    if value.dtype != dtype or value.ndim != ndim:
        return f"expected {np.dtype(dtype)} {ndim}-D, got {value.dtype} {value.ndim}-D"
    return ""


# ----------------------------------------------------------------------------- the catalogue


def test_all_127_functions_are_bound_with_samples():
    assert len(an.__all__) == 127 and len(set(an.__all__)) == 127
    assert set(an.__all__) == set(sc_neurocore._native.analysis.NAMES)
    assert set(CALLS) == set(an.__all__) == set(TYPES)
    for name in an.__all__:
        f = getattr(an, name)
        assert inspect.isfunction(f) and f.__doc__ and "Catalogue entry" in f.__doc__, name


def test_wrappers_pass_the_binding_its_parameters_in_order():
    """Each generated wrapper (its parameters are the catalogue's) calls the compiled function
    positionally: the Rust function's parameters must be the same names in the same order."""
    native = sc_neurocore._native.analysis
    for name in an.__all__:
        declared = list(inspect.signature(getattr(an, name)).parameters)
        bound = list(inspect.signature(getattr(native, name)).parameters)
        assert bound == declared, f"{name}: the binding takes {bound}, the catalogue declares {declared}"


# ----------------------------------------------------------------------------- G7 return types


@pytest.mark.parametrize("name", sorted(CALLS))
def test_return_types(name):
    msg = check_type(call(name), TYPES[name])
    assert not msg, f"{name}: {msg}"


def test_return_types_that_depend_on_arguments():
    assert check_type(an.time_histogram(POP, 0.01, output="mean"), "f8") == ""
    assert check_type(an.time_histogram(POP, 0.01, output="rate"), "f8") == ""
    assert check_type(an.time_histogram(POP, 0.01, output="counts"), "i8") == ""
    assert an.binned_spike_matrix([], 0.1, 0.0, 1.0).shape == (0, 10)
    assert an.binned_spike_matrix(POP, 0.1).shape == (5, 19)
    m = an.correlation_matrix(POP, 0.01)
    assert m.shape == (5, 5) and m.flags.c_contiguous
    s = an.dither_spikes(A, 0.01, 0.0, 2.0, n_surrogates=4, seed=1)
    assert len(s) == 4


# ----------------------------------------------------------------------------- G2, G3


def _as_lists(kw):
    out = {}
    for k, v in kw.items():
        if k in ARRAYS:
            out[k] = [float(x) for x in v]
        elif k in TRAINS:
            out[k] = [[float(x) for x in t] for t in v]
        else:
            out[k] = v
    return out


@pytest.mark.parametrize(
    "name", sorted(n for n, kw in CALLS.items() if any(k in ARRAYS or k in TRAINS for k in kw))
)
def test_python_lists_are_accepted(name):
    """G2: a list (and a list of lists) gives exactly the array result."""
    kw = CALLS[name]
    assert same(call(name), getattr(an, name)(**_as_lists(kw))), name


def test_other_array_likes_are_accepted():
    ref = an.isi_distance(A, B, 0.0, 2.0)
    a32 = A.astype(np.float32)  # another dtype: converted once by NumPy
    assert an.isi_distance(a32, B, 0.0, 2.0) == an.isi_distance(a32.astype(np.float64), B, 0.0, 2.0)
    assert an.isi_distance(tuple(A), B.tolist(), 0.0, 2.0) == ref
    assert an.isi_distance(A[::-1], B, 0.0, 2.0) == ref  # a non-contiguous view
    ints = np.array([1, 3, 4, 9], dtype=np.int64)
    assert np.array_equal(an.isi(ints), [2.0, 1.0, 5.0])
    assert an.firing_rates(np.vstack([A[:100], B[:100]]), 0.0, 2.0).shape == (2,)
    assert an.firing_rate(A, np.float32(0.5), np.int64(1)) == an.firing_rate(A, 0.5, 1.0)
    # NumPy scalars for every kind of parameter.
    assert same(an.cross_correlation_histogram(A, B, np.float64(0.005), np.int64(10), binary=np.bool_(True)),
                an.cross_correlation_histogram(A, B, 0.005, 10, binary=True))
    assert same(an.dither_spikes(A, 0.01, 0.0, 2.0, n_surrogates=np.int32(2), seed=np.uint64(5)),
                an.dither_spikes(A, 0.01, 0.0, 2.0, n_surrogates=2, seed=5))
    assert same(an.kernel_density_rate(A, TIMES, 0.02, kernel=np.str_("laplacian")),
                an.kernel_density_rate(A, TIMES, 0.02, kernel="laplacian"))
    big_endian = A.astype(">f8")
    assert same(an.isi(big_endian), an.isi(A))


def _shuffled(kw, seed=3):
    rng = np.random.default_rng(seed)
    out = dict(kw)
    for k, v in kw.items():
        if k in SPIKE_ARGS:
            out[k] = rng.permutation(v)
        elif k in TRAINS:
            out[k] = [rng.permutation(t) for t in v]
    return out


@pytest.mark.parametrize(
    "name", sorted(n for n, kw in CALLS.items() if any(k in SPIKE_ARGS or k in TRAINS for k in kw))
)
def test_shuffled_spike_trains_give_exactly_the_sorted_answer(name):
    """G3: every function works on a sorted copy, so any order gives the same bits."""
    kw = CALLS[name]
    assert same(call(name), getattr(an, name)(**_shuffled(kw))), name


def test_isi_of_an_unsorted_list():
    assert an.isi([3, 1, 2]).tolist() == [1.0, 1.0]


# ----------------------------------------------------------------------------- G4, G12


def _array_args():
    out = []
    for name, kw in sorted(CALLS.items()):
        for k in kw:
            if k in ARRAYS or k in TRAINS:
                out.append(pytest.param(name, k, id=f"{name}-{k}"))
    return out


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf], ids=["nan", "inf", "-inf"])
@pytest.mark.parametrize("name,arg", _array_args())
def test_non_finite_input_raises_value_error(name, arg, bad):
    """G4: NaN or ±inf in any array argument (trains, signals, phases, and also the kernels'
    evaluation times) is an OutOfRangeError naming the element."""
    kw = dict(CALLS[name])
    if arg in TRAINS:
        trains = [t.copy() for t in kw[arg]]
        trains[1][3] = bad
        kw[arg] = trains
        field = f"{arg}[1][3]"
    else:
        x = np.array(kw[arg], dtype=float)
        x[3] = bad
        kw[arg] = x
        field = f"{arg}[3]"
    with pytest.raises(ValueError) as e:
        getattr(an, name)(**kw)
    assert isinstance(e.value, OutOfRangeError), type(e.value)
    assert str(e.value).startswith(f"{name}: {field} = ") and "finite" in str(e.value), str(e.value)


EDGE_TRAINS = {
    "empty": [],
    "one": [0.5],
    "duplicate": [0.5, 0.5],
    "triple": [0.5, 0.5, 0.5],
    "two": [0.25, 0.75],
}
EDGE_POPS = {
    "no_trains": [],
    "empty_trains": [[], []],
    "one_each": [[0.5], [0.7]],
    "mixed": [[], [0.2, 0.2, 0.9], [0.4]],
}


def _edge_variants():
    for name, kw in sorted(CALLS.items()):
        if any(k in SPIKE_ARGS for k in kw):
            for label in EDGE_TRAINS:
                yield pytest.param(name, label, id=f"{name}-{label}")
        if any(k in TRAINS for k in kw):
            for label in EDGE_POPS:
                yield pytest.param(name, label, id=f"{name}-{label}")


@pytest.mark.parametrize("name,label", list(_edge_variants()))
def test_degenerate_trains_give_a_result_or_a_value_error(name, label):
    """Empty trains, single spikes, duplicates, empty populations: a value (NaN when
    undefined, G8) or a ValueError with the toolkit's message; never another exception and
    never a panic (G12)."""
    kw = dict(CALLS[name])
    for k in kw:
        if k in SPIKE_ARGS and label in EDGE_TRAINS:
            kw[k] = EDGE_TRAINS[label]
        elif k in TRAINS and label in EDGE_POPS:
            kw[k] = EDGE_POPS[label]
    try:
        r = getattr(an, name)(**kw)
    except ValueError as e:
        assert str(e).startswith(f"{name}: "), str(e)
        assert "internal error" not in str(e)
        return
    # With t_stop=None an empty input has no window: every such call must have raised.
    assert r is not None


def test_explicit_window_on_empty_input_is_defined():
    assert an.firing_rate([], 0.0, 1.0) == 0.0
    assert math.isnan(an.coefficient_of_variation([]))
    assert math.isnan(an.coefficient_of_variation([0.1, 0.2]))  # one ISI: NaN, not SciPy's 0
    assert an.binned_spike_counts([], 0.1, 0.0, 1.0).tolist() == [0] * 10
    assert math.isnan(an.spike_train_correlation([], A, 0.01, 0.0, 2.0))
    assert math.isnan(an.fano_factor([]))
    assert math.isnan(an.active_fraction([]))
    assert an.spike_sync([], [], 0.0, 1.0) == 1.0 and an.spike_sync([], [0.5], 0.0, 1.0) == 0.0
    assert math.isnan(an.spike_directionality([], [0.5], 0.0, 1.0))
    assert an.victor_purpura_distance([], [0.1, 0.2, 0.3]) == 3.0
    assert [x.size for x in an.detect_bursts_isi([], 0.01)] == [0, 0, 0]


# ----------------------------------------------------------------------------- errors


def test_window_and_parameter_errors_are_value_errors_with_messages():
    with pytest.raises(InvalidConfigurationError, match="^firing_rate: "):
        an.firing_rate([], duration=None)  # empty train, t_stop=None: no window
    with pytest.raises(ValueError, match="^firing_rate: ") as e:
        an.firing_rate(A, t_stop=1.0, duration=1.0)
    assert "duration" in str(e.value)
    with pytest.raises(ValueError, match="^binned_spike_counts: .*bin_size"):
        an.binned_spike_counts(A, 0.0)
    with pytest.raises(ValueError, match="^binned_spike_counts: "):
        an.binned_spike_counts(A, 0.1, t_start=1.0, t_stop=0.5)
    with pytest.raises(UnknownNameError) as e:
        an.instantaneous_rate(A, 0.01, 0.05, kernel="box")
    assert e.value.name == "box" and "gaussian" in e.value.known
    with pytest.raises(UnknownNameError, match="^kernel_density_rate: unknown kernel 'Gaussian'"):
        an.kernel_density_rate(A, TIMES, 0.02, kernel="Gaussian")
    with pytest.raises(UnknownNameError, match="^time_histogram: unknown output 'hz'"):
        an.time_histogram(POP, 0.01, output="hz")
    with pytest.raises(UnknownNameError, match="^spike_train_psd: unknown window"):
        an.spike_train_psd(A, 0.01, window="kaiser")
    with pytest.raises(ValueError, match="^victor_purpura_distance: "):
        an.victor_purpura_distance(A, B, cost=-1.0)
    assert an.victor_purpura_distance(A, B, cost=math.inf) == A.size + B.size  # inf allowed (G4)
    assert an.van_rossum_distance(A, B, tau=math.inf) == abs(A.size - B.size)
    with pytest.raises(ValueError, match="^cross_correlation_histogram: "):
        an.cross_correlation_histogram(A, B, 0.5, 10)  # W >= L
    with pytest.raises(ValueError, match="^poisson_process: "):
        an.poisson_process(100.0, 0.0, 1.0, refractory_period=0.01)
    with pytest.raises(ValueError, match="^spike_contrast: "):
        an.spike_contrast([A])


@pytest.mark.parametrize("name", sorted(CALLS))
def test_unconvertible_arguments_are_value_and_type_errors(name):
    kw = dict(CALLS[name])
    numeric = [k for k, v in kw.items()
               if isinstance(v, (int, float)) and not isinstance(v, bool)]
    arrays = [k for k in kw if k in ARRAYS or k in TRAINS]
    for k in numeric[:1] + arrays[:1]:
        bad = dict(kw)
        bad[k] = "abc"
        with pytest.raises(ValueError) as e:
            getattr(an, name)(**bad)
        assert isinstance(e.value, TypeError) and isinstance(e.value, AnalysisArgumentError)
        assert isinstance(e.value, ArgumentTypeError)
        assert str(e.value).startswith(f"{name}: {k}"), str(e.value)


def test_argument_conversion_messages():
    with pytest.raises(AnalysisArgumentError, match=r"^isi: spikes must be a 1-D array of numbers, got str"):
        an.isi("0.1 0.2")
    with pytest.raises(AnalysisArgumentError, match=r"^isi: spikes must be a 1-D array of numbers, got list"):
        an.isi([0.1, "x"])
    with pytest.raises(ShapeMismatchError, match=r"^isi: spikes must be a 1-D array of numbers, got a 2-D array"):
        an.isi(np.zeros((2, 3)))
    with pytest.raises(ShapeMismatchError, match=r"got a scalar"):
        an.isi(0.5)
    with pytest.raises(AnalysisArgumentError, match=r"^firing_rates: trains must be a sequence of spike trains"):
        an.firing_rates(A)
    with pytest.raises(ShapeMismatchError, match=r"^firing_rates: trains\[1\] must be a 1-D array"):
        an.firing_rates([A, 0.5])
    with pytest.raises(AnalysisArgumentError, match=r"^binned_spike_counts: bin_size must be a number, got bool"):
        an.binned_spike_counts(A, True)
    with pytest.raises(AnalysisArgumentError, match=r"^optimal_bin_size: min_bins must be an integer, got float 2.5"):
        an.optimal_bin_size(A, min_bins=2.5)
    assert an.optimal_bin_size(A, min_bins=2.0) == an.optimal_bin_size(A, min_bins=2)
    with pytest.raises(OutOfRangeError, match=r"^dither_spikes: seed = -1 is out of range"):
        an.dither_spikes(A, 0.01, 0.0, 2.0, seed=-1)
    with pytest.raises(OutOfRangeError, match=r"^dither_spikes: n_surrogates = -2 is out of range"):
        an.dither_spikes(A, 0.01, 0.0, 2.0, n_surrogates=-2)
    with pytest.raises(AnalysisArgumentError, match=r"^cross_correlation_histogram: binary must be True or False"):
        an.cross_correlation_histogram(A, B, 0.005, 10, binary=1)
    with pytest.raises(AnalysisArgumentError, match=r"^spike_triggered_average: window must be a pair"):
        an.spike_triggered_average(SIG, 1000.0, A, (-0.01, 0.0, 0.02))
    with pytest.raises(AnalysisArgumentError, match=r"^kernel_density_rate: kernel must be a string"):
        an.kernel_density_rate(A, TIMES, 0.02, kernel=None)
    assert an.dither_spikes(A, 0.01, 0.0, 2.0, seed=2**64 - 1)  # the whole u64 range


# ----------------------------------------------------------------------------- trains


def test_a_mapping_of_trains_is_its_values_in_order():
    d = {k: t for k, t in enumerate(POP)}
    assert same(an.firing_rates(d), an.firing_rates(POP))
    assert same(an.correlation_matrix(d, 0.01), an.correlation_matrix(POP, 0.01))
    assert same(an.isi_distance_matrix(d, 0.0, 2.0), an.isi_distance_matrix(POP, 0.0, 2.0))


def test_matrices_are_symmetric_with_the_spec_diagonals():
    for name, diag in [("victor_purpura_distance_matrix", 0.0), ("van_rossum_distance_matrix", 0.0),
                       ("isi_distance_matrix", 0.0), ("spike_distance_matrix", 0.0),
                       ("spike_sync_matrix", 1.0), ("sttc_matrix", 1.0), ("correlation_matrix", None)]:
        m = call(name)
        assert np.array_equal(m, m.T), name
        if diag is not None:
            assert np.all(np.diag(m) == diag), name
    m = an.victor_purpura_distance_matrix(POP, 10.0)
    assert m[0, 1] == an.victor_purpura_distance(POP[0], POP[1], 10.0)


def test_a_large_train_runs_in_rust():
    x = np.sort(np.random.default_rng(1).uniform(0, 1000, 100_000))
    assert an.spike_count(x) == 100_000
    assert abs(an.firing_rate(x, t_stop=1000.0) - 100.0) < 1e-9
    assert abs(an.coefficient_of_variation(x) - 1.0) < 0.02
    assert 0.0 <= an.isi_distance(x, x[::-1].copy(), 0.0, 1000.0) < 1e-12


# ----------------------------------------------------------------------------- surrogates (6)

SURROGATES = ["dither_spikes", "dither_spike_train", "randomise_spikes", "shuffle_isis",
              "poisson_process", "gamma_process", "inhomogeneous_poisson_process",
              "jitter_spikes", "bin_shuffling", "trial_shifting"]


@pytest.mark.parametrize("name", SURROGATES)
def test_surrogates_are_deterministic_per_seed(name):
    """G9: the same seed gives the same bits, another seed something else; None draws."""
    a, b, c = call(name, seed=11), call(name, seed=11), call(name, seed=12)
    assert same(a, b) and not same(a, c)
    assert not same(call(name, seed=None), call(name, seed=None))


def test_surrogate_properties():
    lo, hi = 0.0, 2.0
    for s in an.dither_spikes(A, 0.01, lo, hi, n_surrogates=5, edges=False, seed=3):
        assert s.size == A.size and np.all(np.diff(s) >= 0) and s.min() >= lo and s.max() <= hi
        assert np.max(np.abs(s - A)) <= 0.01 + 1e-12
    for s in an.shuffle_isis(A, lo, hi, n_surrogates=5, seed=3):
        got = np.sort(np.diff(np.concatenate([[lo], s])))
        want = np.sort(np.diff(np.concatenate([[lo], A])))
        assert np.allclose(got, want, rtol=0, atol=1e-9)
    for s in an.randomise_spikes(A, lo, hi, n_surrogates=5, seed=3):
        assert s.size == A.size and np.all(np.diff(s) >= 0) and lo <= s.min() and s.max() <= hi
    for s in an.jitter_spikes(A, 0.1, lo, hi, n_surrogates=3, seed=3):
        assert np.array_equal(an.binned_spike_counts(s, 0.1, lo, hi), an.binned_spike_counts(A, 0.1, lo, hi))
    x = an.poisson_process(200.0, 0.0, 50.0, refractory_period=0.002, seed=5)
    assert abs(x.size - 10_000) <= 5 * math.sqrt(10_000)
    assert np.diff(x).min() >= 0.002
    assert abs(an.coefficient_of_variation(x) - (1 - 200.0 * 0.002)) < 0.05
    g = an.gamma_process(100.0, 4.0, 0.0, 100.0, seed=5)
    assert abs(an.coefficient_of_variation(g) - 0.5) < 0.05
    shifted = an.trial_shifting(POP, 0.05, lo, hi, n_surrogates=2, seed=3)
    assert len(shifted) == 2 and [t.size for t in shifted[0]] == [t.size for t in POP]


# ----------------------------------------------------------------------------- tutorial 7


def test_tutorial_section_7_on_a_spike_monitor():
    """The snippet of tutorial section 7, on what SpikeMonitor.spike_trains returns."""
    from sc_neurocore.analysis import (
        coefficient_of_variation,
        firing_rate,
        spike_train_correlation,
        victor_purpura_distance,
    )
    from sc_neurocore.network.monitor import SpikeMonitor
    from sc_neurocore.network.network import Network
    from sc_neurocore.network.population import Population
    from sc_neurocore.network.stimulus import PoissonInput
    from sc_neurocore.neurons.models.lif import LIFNeuron

    exc = Population(LIFNeuron, n=20, label="exc")
    drive = PoissonInput(n=20, rate_hz=800.0, weight=40.0, dt=0.001)
    mon_exc = SpikeMonitor(exc)
    Network(exc, drive, mon_exc).run(duration=0.5, dt=0.001)

    trains = mon_exc.spike_trains
    rates = {i: firing_rate(t, duration=0.5) for i, t in trains.items()}
    assert np.allclose(list(rates.values()), mon_exc.rates)
    assert all(type(r) is float for r in rates.values())
    cvs = [coefficient_of_variation(t) for t in trains.values()]
    assert all(type(c) is float for c in cvs)
    busy = [t for t in trains.values() if t.size > 2]
    if len(busy) >= 2:
        r = spike_train_correlation(busy[0], busy[1], bin_size=0.005, t_stop=0.5)
        assert type(r) is float and (math.isnan(r) or -1.0 <= r <= 1.0)
        assert victor_purpura_distance(busy[0], busy[1]) >= 0.0


def test_the_stub_matches_the_module(tmp_path):
    """``analysis/__init__.pyi`` (generated) against the runtime module, by mypy's stubtest
    when mypy is installed (its cache in a temporary directory)."""
    import mypy.stubtest  # noqa: F401  (in the test venv: cargo xtask wheel --test)
    import subprocess

    r = subprocess.run([sys.executable, "-m", "mypy.stubtest", "sc_neurocore.analysis"],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
