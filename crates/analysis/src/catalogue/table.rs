//! The table: the references, the global conventions, the 10 families and the 127 functions,
//! in catalogue order (see the module above for what each field means). Edit here, then run
//! `cargo xtask codegen`.

use super::{Family, Function, Output, ParamKind::*, param, param_or};

/// What every entry's "Ref:" line means, and the versions of the reference libraries
/// (Markdown).
pub const REFERENCES: &str = r#"The anchors are Elephant 1.2.1, PySpike 0.9.0 and SciPy 1.17.1, with NumPy
2.4.6, Neo 0.14.6 and Quantities 0.16.4 under Python 3.11. The scripts in
`scripts/reference/analysis/` run them (each says how to install these versions) and write
the reference values to `reference/analysis/`.

**Reference classes** (the "Ref" line of each entry):

* **LIB**: the result is checked against an Elephant, PySpike, SciPy or Neo
  call. The call is named, together with any adapter that the global
  conventions need.
* **FORMULA**: no library offers this function. The formula written in the entry
  *is* the definition, and the check uses a direct NumPy transcription of it.
* **PROPERTY**: stochastic functions. These are checked against invariants
  and statistics, not exact values, because there is no shared RNG stream."#;

/// The global conventions G1–G12, cited by number in the texts (Markdown).
pub const GLOBAL_CONVENTIONS: &str = r#"**G1. Units.** Times are in seconds and rates in Hz, with frequencies in Hz.
All times are float64.

**G2. Input types.**
* A *spike train* (`spikes`, `spikes_a`, `spikes_b`) is any 1-D array-like
  of floats. A NumPy float64 array is the canonical form, and a Python list
  must also be accepted.
* `trains` / `trials` is a Python sequence of spike trains. It may contain
  empty trains.
* A *signal* is a 1-D float array sampled at `sampling_rate` Hz. Its first
  sample is at time `signal_t_start`, and sample k is at time
  `signal_t_start + k / sampling_rate`.
* *phases* are 1-D float arrays in radians.

**G3. Order and duplicates.**
* Input order is irrelevant. Every function works on an ascending-sorted copy
  of each train, so `isi([3, 1, 2])` is `[1, 1]`. A shuffled train must give
  exactly the sorted-train answers, and the acceptance tests check this.
* Duplicate spike times are kept, so a train is a multiset: they produce zero
  ISIs and count twice in bins.
* Exception: the PySpike family (isi_/spike_/spike_sync_/directionality/order)
  removes duplicates and spikes outside the window first, as PySpike's
  `reconcile_spike_trains` does.

**G4. Non-finite input.** A NaN or ±inf in any spike train, signal or phase
array raises `ValueError`. Parameters may be `inf` only where an entry says
so (`cost` of Victor–Purpura, `tau` of van Rossum).

**G5. Observation window.**
* Functions with a window take `t_start` (default `0.0`) and `t_stop`
  (default `None`).
* `t_stop=None` means the largest spike time over all trains passed. If there
  are then no spikes at all, the call raises `ValueError`.
* `t_stop <= t_start` raises `ValueError`.
* Spikes outside the closed window `[t_start, t_stop]` are ignored. This is
  Neo's `time_slice` semantics.
* Functions without window arguments use every spike.
* The PySpike family takes `t_start` and `t_stop` as required arguments.

**G6. Binning (the "Elephant rule").** Used by everything that bins, including
the CCH and the correlation, covariance, PSD and population functions. The
exceptions are `instantaneous_rate`, `population_rate_smoothed`,
`isi_histogram`, `log_isi_histogram` and the correlograms, each of which says
what it uses instead.
* `floor_tol(x) = floor(x) + 1` if `fmod(x, 1) >= 1 - 1e-8`, else
  `floor(x)`.
* `n_bins = floor_tol((t_stop - t_start) / bin_size)`. `n_bins == 0` raises
  `ValueError`, and so does `bin_size <= 0`.
* A spike at time t in the window has bin index
  `floor_tol((t - t_start) * (1.0 / bin_size))`. Note that this multiplies by
  the reciprocal; it does not divide.
* Indices `>= n_bins` are dropped, so a spike exactly at `t_stop` is dropped
  when the window holds a whole number of bins. Bins are therefore half-open,
  `[t_start + k·b, t_start + (k+1)·b)`.
* Bin edges are `linspace(t_start, t_start + n_bins*bin_size, n_bins + 1)`.
* This is `elephant.conversion.BinnedSpikeTrain(tolerance=1e-8)`. For
  example, 0.3 s with 0.1 s bins goes to bin 3, and 10 s with 0.3 s bins
  gives 33 bins.

**G7. Return types.**
* Scalars are Python `float`, or `int` for counts.
* Arrays are `numpy.ndarray`: float64 in general, int64 for counts, bool for
  `binarize`.
* A function that returns several things returns a Python `tuple` in the
  documented order.
* Matrices are 2-D float64 arrays.
* Surrogates are a `list` of 1-D float64 arrays.

**G8. Undefined versus invalid.**
* A statistic that is mathematically undefined for the data returns NaN and
  does not raise. Examples are too few spikes or ISIs, zero variance and
  empty input.
* An invalid *parameter* raises `ValueError`. Examples are a non-positive bin
  size, sigma or tau, a bad window, and an unknown kernel name.
* Floating-point results follow IEEE semantics. For example, two
  consecutive zero ISIs give NaN in `cv2`, and zero ISIs give `inf` in
  `instantaneous_frequency`.

**G9. Randomness.**
* Stochastic functions take `seed: int | None = None`.
* The same seed gives a bit-identical result for a given build, and a
  different seed gives a different result.
* With `None` the seed comes from OS entropy.
* Only the invariants and distributions are specified. Matching Elephant's
  random stream is not required.

**G10. Variance conventions.** The population variance (ddof=0) is used
everywhere, except in covariance matrices and the spike-triggered covariance,
which use ddof=1 as `np.cov` and Elephant do.

**G11. Accuracy.** The reference tests check with `rtol=1e-9` for closed-form and
counting results. FFT- and optimiser-based results are checked with
`rtol` from 1e-7 to 1e-5, with `atol` scaled to the size of the output.
Integer outputs must match exactly.

**G12. Error type.** The only error that callers see is `ValueError`. A Rust
panic must never reach Python: with PyO3 a panic shows up as
`PanicException`, which is counted as a failure."#;

/// The families, in order.
pub static FAMILIES: [Family; 10] = [
    Family {
        number: 1,
        title: "Rates & ISI statistics",
        conventions: r#"Notation: `x` is the sorted train, `I = diff(x)` are the ISIs, n = |x| and
m = |I| = max(n−1, 0)."#,
    },
    Family {
        number: 2,
        title: "Correlation & synchrony",
        conventions: r#"`b_a` and `b_b` are the G6 binned count vectors of length L. With
`binary=True`, counts are clipped to 1 first."#,
    },
    Family {
        number: 3,
        title: "Spike-train distances",
        conventions: r#"PySpike family (entries 46–60): behaviour is exactly that of PySpike 0.9.0
(Cython backend) with default options (`MRTS=0`, `RI=False`).
* `t_start` and `t_stop` are required.
* Trains are deduplicated, and spikes outside `[t_start−1e-6, t_stop+1e-6]`
  are dropped.
* An empty train is replaced by the auxiliary spikes `{t_start, t_stop}`.
* The optional `mrts` argument maps to PySpike's `MRTS`. It gives the
  adaptive A-ISI and A-SPIKE measures; 0 means non-adaptive.
* `_multi` means the average of the *profile* over all pairs i<j, integrated.
  It is **not** the mean of the pairwise values for SPIKE-sync.
* `_matrix` is symmetric, with a diagonal of 0 for distances and 1 for sync."#,
    },
    Family {
        number: 4,
        title: "Spectral",
        conventions: r#"The binned rate signal is `r[k] = b[k]/bin_size`, with G6 binning, sampled at
`fs = 1/bin_size`. The Welch family uses
`nperseg = int(L/(n_segments − overlap·(n_segments−1)))` and
`noverlap = int(nperseg·overlap)`, with `detrend='constant'` and
`scaling='density'`. An empty train gives a PSD of all zeros (the coherence
is then NaN)."#,
    },
    Family {
        number: 5,
        title: "Population measures",
        conventions: r#"`B` is the N × L matrix of G6 bin counts."#,
    },
    Family {
        number: 6,
        title: "Surrogates & generators",
        conventions: r#"Every function returns a `list` of `n_surrogates` sorted 1-D arrays, except
the three generators (87–89), which return one array. All take
`seed: int | None`. Spikes are first restricted to `[t_start, t_stop]`. Each
entry says which Elephant function it mirrors and which properties are
checked. Every function is also checked for determinism: the same seed gives
the same output, and seed+1 gives a different one."#,
    },
    Family {
        number: 7,
        title: "Spike-triggered & spike–signal",
        conventions: "",
    },
    Family {
        number: 8,
        title: "Kernels & smoothing",
        conventions: r#"The kernels are evaluated at an array of times `t` (s) and return values in
1/s. σ is the kernel's **standard deviation**, as in Elephant, and must be
> 0 (else `ValueError`)."#,
    },
    Family {
        number: 9,
        title: "Bursts",
        conventions: r#"Unless noted, a *burst* is a maximal run of consecutive sorted spikes in
which every ISI is `<= max_isi` and the run has at least `min_spikes`
spikes. Each burst has a start (first spike), an end (last spike) and a
spike count."#,
    },
    Family {
        number: 10,
        title: "Binning & utilities",
        conventions: "",
    },
];

/// The functions, in catalogue order (`number` is the position + 1).
pub static FUNCTIONS: [Function; 127] = [
    // 1. Rates & ISI statistics
    Function {
        number: 1,
        name: fn_name!(spike_count),
        family: 1,
        star: true,
        params: &[
            param("spikes", Array),
            param_or("t_start", Float, "None"),
            param_or("t_stop", Float, "None"),
        ],
        returns: "int",
        output: Output::Int,
        summary: "Number of spikes in the (optional) window.",
        doc: r#"The number of spikes with ``t >= t_start`` (when given) and ``t <= t_stop``
(when given).
Ref: FORMULA (numpy)."#,
    },
    Function {
        number: 2,
        name: fn_name!(firing_rate),
        family: 1,
        star: true,
        params: &[
            param("spikes", Array),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("duration", Float, "None"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Mean firing rate in Hz over [t_start, t_stop] (or t_start + duration).",
        doc: r#"``#{t in [t_start, t_stop]} / (t_stop - t_start)`` Hz. ``duration``, when given,
sets ``t_stop = t_start + duration`` (the tutorial calls ``firing_rate(t, duration=0.5)``);
giving both ``t_stop`` and ``duration`` raises ``ValueError``.
Edge cases:
* An empty train with an explicit window gives 0.0.
* An empty train with ``t_stop=None`` raises ``ValueError``.
* ``t_stop <= t_start`` raises ``ValueError``.

Ref: LIB ``elephant.statistics.mean_firing_rate(np.sort(x), t_start,
t_stop)`` on ndarray input. Elephant itself raises on an empty train; we
return 0.0."#,
    },
    Function {
        number: 3,
        name: fn_name!(firing_rates),
        family: 1,
        star: true,
        params: &[
            param("trains", Trains),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
        ],
        returns: "ndarray[n_trains]",
        output: Output::Array,
        summary: "Mean firing rate of each train over one shared window.",
        doc: r#"``firing_rate`` per train, with one shared window. ``t_stop=None`` means the
largest spike over all trains.
Ref: LIB (``mean_firing_rate`` per train)."#,
    },
    Function {
        number: 4,
        name: fn_name!(binned_firing_rate),
        family: 1,
        star: false,
        params: &[
            param("spikes", Array),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
        ],
        returns: "ndarray[n_bins]",
        output: Output::Array,
        summary: "Rate per bin in Hz (bin counts / bin_size).",
        doc: r#"``binned_spike_counts(...) / bin_size``, with the G6 binning.
Ref: LIB (``BinnedSpikeTrain``)."#,
    },
    Function {
        number: 5,
        name: fn_name!(instantaneous_rate),
        family: 1,
        star: true,
        params: &[
            param("spikes", Array),
            param("sampling_period", Float),
            param("sigma", Float),
            param_or("kernel", Str, r#""gaussian""#),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("cutoff", Float, "5.0"),
            param_or("center_kernel", Bool, "True"),
            param_or("trim", Bool, "False"),
            param_or("border_correction", Bool, "False"),
        ],
        returns: "(times, rate)",
        output: Output::Arrays(2),
        summary: "Kernel-smoothed rate on a regular time grid, as Elephant's instantaneous_rate.",
        doc: r#"Kernel-convolved rate in Hz. The algorithm must equal
``elephant.statistics.instantaneous_rate`` with
``kernel=<Name>Kernel(sigma*s)``:
* ``n = int((t_stop - t_start) / sampling_period)``. This is plain
  truncation, not G6.
* ``h = numpy.histogram(x, bins=n, range=(t_start, t_start + n*sampling_period))``.
  NumPy bins are half-open except the last one, which is closed.
* If ``cutoff < kernel.min_cutoff``, set ``cutoff = min_cutoff``. The
  minimum cutoffs are: rectangular √3, triangular √6, epanechnikov_like
  √5, and 3 for the others.
* ``hh = ceil(cutoff * (sigma / sampling_period))``.
* ``m`` is the kernel median in units of the sampling period when
  ``center_kernel`` is set, and 0 otherwise. It is 0 for symmetric kernels,
  σ·ln2 for the exponential kernel, and the root of CDF = 0.5 for the
  alpha kernel.
* Kernel samples are ``K(u · sampling_period)`` at
  ``u = linspace(-cutoff·σ/sp + m, cutoff·σ/sp + m, 2·hh + 1)``, with K in
  Hz.
* ``rate = scipy.signal.fftconvolve(h, k, mode="same")``, or ``"valid"`` when
  ``trim`` is set, then clipped at 0.
* ``times = t_start + k·sampling_period``, the left edges.
* With ``trim``:
  - ``median_index`` is the first sample index where ``u·sp`` is at least
    the kernel's inverse CDF of (CDF(first) + CDF(last))/2.
  - ``t_start' = t_start + median_index·sp``.
  - ``valid`` mode needs ``2·hh + 1 <= n``, else ``ValueError``.
* ``border_correction`` is allowed for the Gaussian kernel only, else
  ``ValueError``. It multiplies the rate by
  ``2 / (erf((t_stop - t)/(√2σ)) - erf((t_start - t)/(√2σ)))``, where t is
  the output times (the left edges), and then
  rescales so that ``mean(rate)·(t_stop - t_start) = n_spikes``, when there
  are spikes.
* Kernel names: ``rectangular``, ``triangular``, ``epanechnikov_like``,
  ``gaussian``, ``laplacian``, ``exponential``, ``alpha`` (see family 8).
* ``sigma <= 0`` or ``sampling_period <= 0`` raises ``ValueError``.
* An empty train gives a rate of all zeros.

Ref: LIB ``elephant.statistics.instantaneous_rate``."#,
    },
    Function {
        number: 6,
        name: fn_name!(optimal_kernel_bandwidth),
        family: 1,
        star: false,
        params: &[param("spikes", Array)],
        returns: "float",
        output: Output::Float,
        summary: "Shimazaki–Shinomoto (2010) optimal Gaussian kernel bandwidth.",
        doc: r#"The Shimazaki–Shinomoto (2010) optimal Gaussian bandwidth. It is Elephant's
``optimal_kernel_bandwidth(x)['optw']``: a golden-section search on the
logexp scale, at most 20 iterations, over a histogram with at most 1000
bins and FFT smoothing padded to ``nextpow2``.
Edge case: fewer than 3 distinct spike times gives NaN.
Ref: LIB."#,
    },
    Function {
        number: 7,
        name: fn_name!(optimal_bin_size),
        family: 1,
        star: false,
        params: &[
            param("spikes", Array),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("min_bins", Int, "2"),
            param_or("max_bins", Int, "200"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Shimazaki–Shinomoto (2007) optimal histogram bin size.",
        doc: r#"Shimazaki & Shinomoto (2007), for a single train.
* For each ``N`` in ``[min_bins, max_bins]``, set ``Δ = (t_stop - t_start)/N``.
* ``k`` is the G6 binned counts with ``bin_size = Δ``.
* ``C(Δ) = (2·mean(k) − var(k)) / Δ²``, with var at ddof=0.
* Return the Δ with the smallest C. On a tie, take the first (smallest N).

Ref: FORMULA."#,
    },
    Function {
        number: 8,
        name: fn_name!(isi),
        family: 1,
        star: true,
        params: &[param("spikes", Array)],
        returns: "ndarray[m]",
        output: Output::Array,
        summary: "Inter-spike intervals of the sorted train.",
        doc: r#"``diff(sort(x))``. An empty train or a single spike gives an empty array.
Ref: LIB ``elephant.statistics.isi`` on sorted input."#,
    },
    Function {
        number: 9,
        name: fn_name!(isi_mean),
        family: 1,
        star: false,
        params: &[param("spikes", Array)],
        returns: "float",
        output: Output::Float,
        summary: "Mean ISI.",
        doc: r#"mean(I), NaN if m < 1. Ref: FORMULA."#,
    },
    Function {
        number: 10,
        name: fn_name!(isi_median),
        family: 1,
        star: false,
        params: &[param("spikes", Array)],
        returns: "float",
        output: Output::Float,
        summary: "Median ISI.",
        doc: r#"median(I), NaN if m < 1. Ref:
FORMULA."#,
    },
    Function {
        number: 11,
        name: fn_name!(isi_std),
        family: 1,
        star: false,
        params: &[param("spikes", Array)],
        returns: "float",
        output: Output::Float,
        summary: "Standard deviation of the ISIs (ddof=0).",
        doc: r#"std(I) with ddof=0, NaN if m < 2. Ref:
FORMULA."#,
    },
    Function {
        number: 12,
        name: fn_name!(coefficient_of_variation),
        family: 1,
        star: true,
        params: &[param("spikes", Array)],
        returns: "float",
        output: Output::Float,
        summary: "CV of the ISIs, std/mean (ddof=0); NaN with fewer than 2 ISIs.",
        doc: r#"``std(I)/mean(I)`` with ddof=0, NaN if m < 2.
Ref: LIB ``elephant.statistics.cv(I)``, which is ``scipy.stats.variation``,
with the NaN rule added. SciPy gives 0.0 for a single ISI; we give NaN."#,
    },
    Function {
        number: 13,
        name: fn_name!(cv2),
        family: 1,
        star: false,
        params: &[param("spikes", Array)],
        returns: "float",
        output: Output::Float,
        summary: "Holt et al. (1996) CV2 of consecutive ISIs.",
        doc: r#"Holt et al. (1996): ``(2/(m−1)) Σ_{k=1}^{m−1} |I_{k+1}−I_k|/(I_{k+1}+I_k)``.
m < 2 gives NaN. Two consecutive zero ISIs give NaN (IEEE).
Ref: LIB ``elephant.statistics.cv2(I, with_nan=True)``."#,
    },
    Function {
        number: 14,
        name: fn_name!(local_variation),
        family: 1,
        star: false,
        params: &[param("spikes", Array)],
        returns: "float",
        output: Output::Float,
        summary: "Shinomoto et al. (2003) local variation Lv.",
        doc: r#"Shinomoto et al. (2003) Lv: ``(3/(m−1)) Σ (I_k−I_{k+1})²/(I_k+I_{k+1})²``.
m < 2 gives NaN.
Ref: LIB ``elephant.statistics.lv(I, with_nan=True)``."#,
    },
    Function {
        number: 15,
        name: fn_name!(revised_local_variation),
        family: 1,
        star: false,
        params: &[
            param("spikes", Array),
            param_or("refractory_period", Float, "0.005"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Shinomoto et al. (2009) revised local variation LvR with a refractory period.",
        doc: r#"Shinomoto et al. (2009) LvR:
``(3/(m−1)) Σ (1 − 4 I_k I_{k+1}/(I_k+I_{k+1})²)(1 + 4R/(I_k+I_{k+1}))``,
with R = ``refractory_period`` in seconds.
* R < 0 raises ``ValueError``.
* m < 2 gives NaN.

Ref: LIB ``elephant.statistics.lvr(I*s, R=R*s, with_nan=True)``. The
value does not depend on units."#,
    },
    Function {
        number: 16,
        name: fn_name!(fano_factor),
        family: 1,
        star: true,
        params: &[
            param("trains", Trains),
            param_or("t_start", Float, "None"),
            param_or("t_stop", Float, "None"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Fano factor var/mean of spike counts across trains (trials).",
        doc: r#"The spike counts across trains (trials), each counted in the window, give
``var(counts)/mean(counts)`` with ddof=0.
An empty list, or all counts zero, gives NaN.
Ref: LIB ``elephant.statistics.fanofactor`` on the time-sliced trains."#,
    },
    Function {
        number: 17,
        name: fn_name!(fano_factor_binned),
        family: 1,
        star: false,
        params: &[
            param("spikes", Array),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Fano factor var/mean of one train's bin counts.",
        doc: r#"``var(k)/mean(k)`` with ddof=0 over the G6 bin counts k of one train. A
mean of 0 gives NaN.
Ref: FORMULA (numpy on Elephant binning)."#,
    },
    Function {
        number: 18,
        name: fn_name!(isi_histogram),
        family: 1,
        star: false,
        params: &[
            param("spikes", Array),
            param("bin_size", Float),
            param("max_isi", Float),
        ],
        returns: "(edges, counts)",
        output: Output::Arrays(2),
        summary: "Histogram of the ISIs on linear bins up to max_isi.",
        doc: r#"* ``nb = round(max_isi/bin_size)`` and ``edges = arange(nb+1) * bin_size``.
* The counts are ``numpy.histogram(I, edges)``: the last bin is closed,
  and ISIs beyond ``max_isi`` are ignored.
* ``counts`` is int64.

Ref: FORMULA (numpy.histogram)."#,
    },
    Function {
        number: 19,
        name: fn_name!(log_isi_histogram),
        family: 1,
        star: false,
        params: &[
            param("spikes", Array),
            param_or("bins_per_decade", Int, "10"),
            param_or("min_isi", Float, "1e-4"),
            param_or("max_isi", Float, "10.0"),
        ],
        returns: "(edges, counts)",
        output: Output::Arrays(2),
        summary: "Histogram of the ISIs on logarithmic bins.",
        doc: r#"* ``nb = round(bins_per_decade · log10(max_isi/min_isi))``.
* ``edges = numpy.logspace(log10(min_isi), log10(max_isi), nb+1)``.
* The counts are ``numpy.histogram(I, edges)``.

Ref: FORMULA."#,
    },
    Function {
        number: 20,
        name: fn_name!(instantaneous_frequency),
        family: 1,
        star: false,
        params: &[param("spikes", Array)],
        returns: "ndarray[m]",
        output: Output::Array,
        summary: "1/ISI for every interval.",
        doc: r#"``1/I``. A zero ISI
gives ``inf``. Ref: FORMULA."#,
    },
    Function {
        number: 21,
        name: fn_name!(isi_serial_correlation),
        family: 1,
        star: false,
        params: &[param("spikes", Array), param_or("lag", Int, "1")],
        returns: "float",
        output: Output::Float,
        summary: "Pearson correlation of ISIs at a given lag.",
        doc: r#"The Pearson correlation of ``(I[:-lag], I[lag:])``.
m < lag + 2, or zero variance on either side, gives NaN.
Ref: FORMULA (``numpy.corrcoef``)."#,
    },
    Function {
        number: 22,
        name: fn_name!(adaptation_index),
        family: 1,
        star: false,
        params: &[param("spikes", Array)],
        returns: "float",
        output: Output::Float,
        summary: "Mean normalised difference of consecutive ISIs.",
        doc: r#"``mean_k (I_{k+1} − I_k)/(I_{k+1} + I_k)``. m < 2 gives NaN, and 0/0 terms
propagate NaN.
Ref: FORMULA."#,
    },
    Function {
        number: 23,
        name: fn_name!(refractory_violations),
        family: 1,
        star: false,
        params: &[
            param("spikes", Array),
            param_or("refractory_period", Float, "0.002"),
        ],
        returns: "int",
        output: Output::Int,
        summary: "Number of ISIs shorter than the refractory period.",
        doc: r#"``#{I_k < refractory_period}``. Zero ISIs from duplicate spikes count.
Ref: FORMULA."#,
    },
    Function {
        number: 24,
        name: fn_name!(time_to_first_spike),
        family: 1,
        star: false,
        params: &[param("spikes", Array), param_or("t_start", Float, "0.0")],
        returns: "float",
        output: Output::Float,
        summary: "Latency of the first spike at or after t_start.",
        doc: r#"``min{t >= t_start} − t_start``. No such spike gives NaN.
Ref: FORMULA."#,
    },
    // 2. Correlation & synchrony
    Function {
        number: 25,
        name: fn_name!(spike_train_correlation),
        family: 2,
        star: true,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("binary", Bool, "False"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Pearson correlation of the binned counts of two trains.",
        doc: r#"The Pearson correlation of ``b_a`` and ``b_b``. Zero variance in either one
(for example an empty train) gives NaN.
Ref: LIB ``elephant.spike_train_correlation.correlation_coefficient(BinnedSpikeTrain([a,b]))[0,1]``."#,
    },
    Function {
        number: 26,
        name: fn_name!(correlation_matrix),
        family: 2,
        star: true,
        params: &[
            param("trains", Trains),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("binary", Bool, "False"),
        ],
        returns: "ndarray[N,N]",
        output: Output::Array,
        summary: "Pairwise Pearson correlations of binned trains (N×N).",
        doc: r#"Pairwise Pearson correlations. A train with zero variance gets its whole
row and column set to NaN, diagonal included.
Ref: LIB (``correlation_coefficient``)."#,
    },
    Function {
        number: 27,
        name: fn_name!(spike_train_covariance),
        family: 2,
        star: false,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("binary", Bool, "False"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Covariance (ddof=1) of the binned counts of two trains.",
        doc: r#"``<b_a − μ_a, b_b − μ_b>/(L − 1)``.
Ref: LIB ``elephant ... covariance(...)[0,1]``."#,
    },
    Function {
        number: 28,
        name: fn_name!(covariance_matrix),
        family: 2,
        star: false,
        params: &[
            param("trains", Trains),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("binary", Bool, "False"),
        ],
        returns: "ndarray[N,N]",
        output: Output::Array,
        summary: "Pairwise covariances (ddof=1) of binned trains (N×N).",
        doc: r#"Covariances with ddof=1. Ref: LIB (``covariance``)."#,
    },
    Function {
        number: 29,
        name: fn_name!(cross_correlation_histogram),
        family: 2,
        star: true,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("bin_size", Float),
            param("max_lag_bins", Int),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("binary", Bool, "False"),
            param_or("border_correction", Bool, "False"),
        ],
        returns: "(lags, counts)",
        output: Output::Arrays(2),
        summary: "Binned cross-correlation histogram (CCH) at lags −W..W bins.",
        doc: r#"* ``lags = arange(-W, W+1)`` as int64, with W = ``max_lag_bins``.
* ``counts[lag] = Σ_i b_a[i]·b_b[i+lag]``, summed over the indices where
  both exist. A positive lag means b follows a.
* ``border_correction`` multiplies each count by ``L/(L − |lag|)``.
* ``W >= L`` raises ``ValueError``.
* ``counts`` is float64.

Ref: LIB ``elephant cross_correlation_histogram(BST(a), BST(b), window=[-W, W])``."#,
    },
    Function {
        number: 30,
        name: fn_name!(cross_correlation_coefficient),
        family: 2,
        star: false,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("bin_size", Float),
            param("max_lag_bins", Int),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("binary", Bool, "False"),
        ],
        returns: "(lags, values)",
        output: Output::Arrays(2),
        summary: "CCH normalised to a correlation coefficient (Eggermont 2010).",
        doc: r#"The CCH normalised as in Eggermont (2010), eq. 5.10, generalised to
counts:
``(cch − N_a N_b / L) / sqrt((Σb_a² − N_a²/L)(Σb_b² − N_b²/L))``.
0/0 gives NaN.
Ref: LIB (``cross_correlation_histogram(..., cross_correlation_coefficient=True)``)."#,
    },
    Function {
        number: 31,
        name: fn_name!(autocorrelation_histogram),
        family: 2,
        star: false,
        params: &[
            param("spikes", Array),
            param("bin_size", Float),
            param("max_lag_bins", Int),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("binary", Bool, "False"),
        ],
        returns: "(lags, counts)",
        output: Output::Arrays(2),
        summary: "Binned autocorrelation histogram, zero-lag peak included.",
        doc: r#"``cross_correlation_histogram(x, x, ...)``, including the zero-lag peak.
Ref: LIB."#,
    },
    Function {
        number: 32,
        name: fn_name!(cross_correlogram),
        family: 2,
        star: true,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("bin_size", Float),
            param("max_lag", Float),
        ],
        returns: "(lag_centers, counts)",
        output: Output::Arrays(2),
        summary: "Unbinned cross-correlogram of all pairwise spike-time differences.",
        doc: r#"Unbinned correlogram of all pairwise differences ``d = b_j − a_i``.
* ``nh = round(max_lag/bin_size)``.
* ``edges_k = (k − nh − 0.5)·bin_size`` for ``k = 0..2nh+1``.
* The counts are ``numpy.histogram(d, edges)``: half-open bins, last bin
  closed. The int64 array has length 2nh+1.
* The centres are ``(k − nh)·bin_size``.

Ref: FORMULA."#,
    },
    Function {
        number: 33,
        name: fn_name!(autocorrelogram),
        family: 2,
        star: false,
        params: &[
            param("spikes", Array),
            param("bin_size", Float),
            param("max_lag", Float),
        ],
        returns: "(lag_centers, counts)",
        output: Output::Arrays(2),
        summary: "Unbinned autocorrelogram (pairs of a spike with itself excluded).",
        doc: r#"As ``cross_correlogram(x, x)``, but the pairs i == j are excluded.
Duplicate spikes count at lag 0.
Ref: FORMULA."#,
    },
    Function {
        number: 34,
        name: fn_name!(spike_time_tiling_coefficient),
        family: 2,
        star: true,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param_or("dt", Float, "0.005"),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Cutts & Ellis (2014) spike time tiling coefficient (STTC).",
        doc: r#"Cutts & Ellis (2014):
``STTC = ½[(P_A − T_B)/(1 − P_A T_B) + (P_B − T_A)/(1 − P_B T_A)]``.
* ``P_A`` is the fraction of spikes of b that have some spike of a with
  ``|t_b − t_a| <= dt``. This is Elephant's naming; the formula is
  symmetric in the end.
* ``T_A`` is the fraction of ``[t_start, t_stop]`` covered by the union of
  ``[t−dt, t+dt]`` over the spikes of b, clipped to the window.
* If ``P_A·T_B == 1`` its half is replaced by ½, and likewise for the other
  half; both together give 1.
* Either train empty gives NaN. ``dt <= 0`` raises ``ValueError``.

Ref: LIB. Elephant 1.2.1's ``spike_time_tiling_coefficient`` uses the
same T computation. Deviation: Elephant tests ``|Δ| <= dt`` with
``np.isclose(atol=dt)``, which adds a relative tolerance of 1e-5·|t|
(1 ms at t = 100 s). The spec uses the exact test. The two agree on all
10-s oracle cases."#,
    },
    Function {
        number: 35,
        name: fn_name!(sttc_matrix),
        family: 2,
        star: false,
        params: &[
            param("trains", Trains),
            param_or("dt", Float, "0.005"),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
        ],
        returns: "ndarray[N,N]",
        output: Output::Array,
        summary: "Pairwise STTC of a population (N×N).",
        doc: r#"Pairwise STTC. The diagonal is 1 for a non-empty train and NaN for an
empty one.
Ref: LIB (derived from 34)."#,
    },
    Function {
        number: 36,
        name: fn_name!(spike_train_timescale),
        family: 2,
        star: false,
        params: &[
            param("spikes", Array),
            param("bin_size", Float),
            param("max_tau", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Wieland et al. (2015) intrinsic timescale from the autocorrelation.",
        doc: r#"Wieland et al. (2015):
``τ = 2·trapz((c[1:]/c[1])², dx=bin_size)``, where c is the
``cross_correlation_coefficient`` of the train with itself at lags
``0..max_tau/bin_size``, and ``c[1]`` is the first positive lag.
* Fewer than 2 spikes gives NaN.
* ``max_tau`` that is not a multiple of ``bin_size`` raises ``ValueError``.

Ref: LIB ``elephant.spike_train_correlation.spike_train_timescale``."#,
    },
    Function {
        number: 37,
        name: fn_name!(coincidence_count),
        family: 2,
        star: false,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("window", Float),
        ],
        returns: "int",
        output: Output::Int,
        summary: "Number of spike pairs closer than a window.",
        doc: r#"The number of pairs (i, j) with ``abs(a_i − b_j) <= window``, evaluated in
float64. Ref: FORMULA."#,
    },
    Function {
        number: 38,
        name: fn_name!(coincidence_factor),
        family: 2,
        star: false,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("window", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Kistler/Jolivet coincidence factor Γ of a model train against data.",
        doc: r#"Kistler/Jolivet Γ, with a as the reference ("data") and b as the
"model":
* ``N_c`` is the number of spikes of a that have at least one spike of b
  within ``±window``.
* ``ν_b = n_b/(t_stop − t_start)``.
* ``Γ = (N_c − 2 ν_b window n_a) / (½(n_a + n_b)) / (1 − 2 ν_b window)``.
* ``n_a + n_b == 0``, or a zero denominator, gives NaN.

Ref: FORMULA."#,
    },
    Function {
        number: 39,
        name: fn_name!(event_synchronization),
        family: 2,
        star: false,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("tau", Float),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Quian Quiroga et al. (2002) event synchronization Q.",
        doc: r#"Quian Quiroga et al. (2002) with a fixed τ:
* ``c(a|b) = Σ_i Σ_j J_ij``, with ``J_ij = 1`` if ``0 < a_i − b_j <= tau``,
  ½ if ``a_i == b_j``, and 0 otherwise.
* ``Q = (c(a|b) + c(b|a))/sqrt(n_a n_b)``. With a fixed τ, Q can exceed 1
  when several spikes fall within τ of each other.
* Either train empty gives NaN.

Ref: FORMULA."#,
    },
    Function {
        number: 40,
        name: fn_name!(event_synchronization_delay),
        family: 2,
        star: false,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("tau", Float),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Quian Quiroga et al. (2002) delay asymmetry q.",
        doc: r#"``q = (c(b|a) − c(a|b))/sqrt(n_a n_b)``, with the same c as in 39.
Either train empty gives NaN. Ref: FORMULA."#,
    },
    Function {
        number: 41,
        name: fn_name!(spike_contrast),
        family: 2,
        star: true,
        params: &[
            param("trains", Trains),
            param_or("t_start", Float, "None"),
            param_or("t_stop", Float, "None"),
            param_or("min_bin", Float, "0.01"),
            param_or("bin_shrink_factor", Float, "0.9"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Ciba et al. (2018) Spike-contrast synchrony of a population.",
        doc: r#"Ciba et al. (2018) Spike-contrast synchrony, exactly as
``elephant.spike_train_synchrony.spike_contrast``.
* Half-overlapping bins.
* The bin size shrinks from ``(t_stop−t_start)/2`` by ``bin_shrink_factor``
  down to ``max(isi_min/2, min_bin)``.
* The window is padded by ``isi_min`` on each side.
* The result is the maximum over bin sizes of contrast × active-trains.
* ``None`` window ends mean the smallest / largest spike time.
* Fewer than 2 trains, or no train with at least 2 spikes, raises
  ``ValueError``. A ``bin_shrink_factor`` outside (0, 1) also raises
  ``ValueError``.

Ref: LIB."#,
    },
    // 3. Spike-train distances
    Function {
        number: 42,
        name: fn_name!(victor_purpura_distance),
        family: 3,
        star: true,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param_or("cost", Float, "1.0"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Victor–Purpura edit distance with shift cost `cost`.",
        doc: r#"Victor & Purpura (1996): the minimal cost to turn a into b, where an
insertion or deletion costs 1 and a shift by Δt costs ``cost·|Δt|``.
* ``cost`` is in 1/s.
* ``cost=0`` gives ``|n_a − n_b|``, and ``cost=inf`` gives ``n_a + n_b``.
* ``cost < 0`` raises ``ValueError``.
* One empty train gives the other train's spike count.

Ref: LIB ``elephant.spike_train_dissimilarity.victor_purpura_distance([a*s, b*s], cost_factor=cost*Hz)[0,1]``,
algorithm='fast'."#,
    },
    Function {
        number: 43,
        name: fn_name!(victor_purpura_distance_matrix),
        family: 3,
        star: false,
        params: &[param("trains", Trains), param_or("cost", Float, "1.0")],
        returns: "ndarray[N,N]",
        output: Output::Array,
        summary: "Pairwise Victor–Purpura distances (N×N).",
        doc: r#"Symmetric, with a zero diagonal. Ref: LIB."#,
    },
    Function {
        number: 44,
        name: fn_name!(van_rossum_distance),
        family: 3,
        star: true,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param_or("tau", Float, "1.0"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "van Rossum distance (Elephant's normalisation).",
        doc: r#"van Rossum (2001), using Elephant's normalisation:
``D² = Σ_ij e^{−|a_i−a_j|/τ} + Σ_ij e^{−|b_i−b_j|/τ} − 2Σ_ij e^{−|a_i−b_j|/τ}``.
* The distance between one spike and an empty train is 1, so this is √2
  times the paper's D.
* Computed in O(n) with Houghton & Kreuz (2012).
* Negative round-off in D² is clipped to 0. Cancellation makes D
  accurate only to about ``sqrt(n·1e-16)`` in absolute terms: identical
  trains give ~1e-7 in Elephant, and the check allows atol 1e-5.
* ``tau=inf`` gives ``|n_a − n_b|``.
* ``tau=0`` gives ``sqrt(n_a + n_b)`` for a ≠ b.
* ``tau < 0`` raises ``ValueError``.

Ref: LIB ``elephant ... van_rossum_distance([a*s, b*s], time_constant=tau*s)[0,1]``."#,
    },
    Function {
        number: 45,
        name: fn_name!(van_rossum_distance_matrix),
        family: 3,
        star: false,
        params: &[param("trains", Trains), param_or("tau", Float, "1.0")],
        returns: "ndarray[N,N]",
        output: Output::Array,
        summary: "Pairwise van Rossum distances (N×N).",
        doc: r#"The diagonal is 0. Elephant's ``tau=0`` matrix has a non-zero diagonal;
ours does not. Ref: LIB."#,
    },
    Function {
        number: 46,
        name: fn_name!(isi_distance),
        family: 3,
        star: true,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("mrts", Float, "0.0"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Kreuz et al. (2007) ISI-distance, as PySpike.",
        doc: r#"Kreuz et al. (2007).
``I(t) = |ν_a(t) − ν_b(t)| / max(ν_a(t), ν_b(t), mrts)``, where ``ν(t)`` is
the length of the ISI that contains t, and
``D_I = (1/(t_stop − t_start)) ∫ I(t) dt``.
Edge ISIs, as in PySpike:
* Before the first spike: ``max(t_1 − t_start, t_2 − t_1)``.
* After the last spike: ``max(t_stop − t_N, t_N − t_{N−1})``.
* A single spike uses the plain distance to the edge.

Ref: LIB ``pyspike.isi_distance(SpikeTrain(a,(t0,t1)), SpikeTrain(b,(t0,t1)))``."#,
    },
    Function {
        number: 47,
        name: fn_name!(isi_distance_multi),
        family: 3,
        star: false,
        params: &[
            param("trains", Trains),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("mrts", Float, "0.0"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Multivariate ISI-distance (mean profile over all pairs), as PySpike.",
        doc: r#"Ref: LIB ``pyspike.isi_distance_multi``."#,
    },
    Function {
        number: 48,
        name: fn_name!(isi_distance_matrix),
        family: 3,
        star: false,
        params: &[
            param("trains", Trains),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("mrts", Float, "0.0"),
        ],
        returns: "ndarray[N,N]",
        output: Output::Array,
        summary: "Pairwise ISI-distances (N×N), as PySpike.",
        doc: r#"Ref: LIB ``pyspike.isi_distance_matrix``."#,
    },
    Function {
        number: 49,
        name: fn_name!(isi_profile),
        family: 3,
        star: false,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("mrts", Float, "0.0"),
        ],
        returns: "(x, y)",
        output: Output::Arrays(2),
        summary: "ISI-distance profile, piecewise constant (PySpike's x, y).",
        doc: r#"A piecewise-constant profile with breakpoints ``x`` (length k+1) and values
``y`` (length k). These are exactly PySpike's ``PieceWiseConstFunc.x`` and
``.y``, which include ``t_start`` and ``t_stop`` and one event per distinct
spike time.
Ref: LIB."#,
    },
    Function {
        number: 50,
        name: fn_name!(spike_distance),
        family: 3,
        star: true,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("mrts", Float, "0.0"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Kreuz et al. (2013) SPIKE-distance, as PySpike.",
        doc: r#"Kreuz et al. (2013) SPIKE-distance:
``S(t) = (s_a(t)·ν_b + s_b(t)·ν_a) / (2·⟨ν⟩·max(⟨ν⟩, mrts))``, where
* ``s_n = (Δt_P x_F + Δt_F x_P)/ν_n``,
* ``Δt_P`` and ``Δt_F`` are the distances from the previous and following
  spike of n to the nearest spike of the other train,
* ``x_P`` and ``x_F`` are the distances from t to those spikes,
* ``⟨ν⟩`` is the mean of the two current ISIs,

and ``D_S = (1/T) ∫ S dt``. Use PySpike's auxiliary edge spikes
(``t_aux = min(t_start, t_1 − (t_2 − t_1))``, and the mirror image at the
end).
Ref: LIB ``pyspike.spike_distance``."#,
    },
    Function {
        number: 51,
        name: fn_name!(spike_distance_multi),
        family: 3,
        star: false,
        params: &[
            param("trains", Trains),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("mrts", Float, "0.0"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Multivariate SPIKE-distance, as PySpike.",
        doc: r#"Ref: LIB ``pyspike.spike_distance_multi``."#,
    },
    Function {
        number: 52,
        name: fn_name!(spike_distance_matrix),
        family: 3,
        star: false,
        params: &[
            param("trains", Trains),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("mrts", Float, "0.0"),
        ],
        returns: "ndarray[N,N]",
        output: Output::Array,
        summary: "Pairwise SPIKE-distances (N×N), as PySpike.",
        doc: r#"Ref: LIB."#,
    },
    Function {
        number: 53,
        name: fn_name!(spike_profile),
        family: 3,
        star: false,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("mrts", Float, "0.0"),
        ],
        returns: "(x, y1, y2)",
        output: Output::Arrays(3),
        summary: "SPIKE-distance profile, piecewise linear (PySpike's x, y1, y2).",
        doc: r#"A piecewise-linear profile: on ``(x[k], x[k+1])`` it runs linearly from
``y1[k]`` to ``y2[k]``. These are exactly PySpike's ``PieceWiseLinFunc``
``x``, ``y1`` and ``y2``.
Ref: LIB."#,
    },
    Function {
        number: 54,
        name: fn_name!(spike_sync),
        family: 3,
        star: true,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("max_tau", Float, "None"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Kreuz et al. (2015) SPIKE-synchronization, as PySpike.",
        doc: r#"Kreuz et al. (2015) SPIKE-synchronization.
* A spike is coincident if the other train has a spike with ``|Δ| < τ_ij``.
* τ_ij is the adaptive window: half the minimum of the neighbouring ISIs
  of both spikes, capped at ``max_tau`` when that is given and > 0. The
  exact rule is PySpike's ``get_tau``.
* ``SYNC = (#coincident spikes)/(n_a + n_b)``.
* Both trains empty gives 1.0. One train empty gives 0.0.

Ref: LIB ``pyspike.spike_sync``."#,
    },
    Function {
        number: 55,
        name: fn_name!(spike_sync_multi),
        family: 3,
        star: false,
        params: &[
            param("trains", Trains),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("max_tau", Float, "None"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Multivariate SPIKE-synchronization (coincidences pooled over pairs).",
        doc: r#"Ref: LIB ``pyspike.spike_sync_multi``, which pools coincidences over all pairs."#,
    },
    Function {
        number: 56,
        name: fn_name!(spike_sync_matrix),
        family: 3,
        star: false,
        params: &[
            param("trains", Trains),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("max_tau", Float, "None"),
        ],
        returns: "ndarray[N,N]",
        output: Output::Array,
        summary: "Pairwise SPIKE-synchronization (N×N), as PySpike.",
        doc: r#"Ref: LIB."#,
    },
    Function {
        number: 57,
        name: fn_name!(spike_sync_profile),
        family: 3,
        star: false,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("max_tau", Float, "None"),
        ],
        returns: "(x, y, mp)",
        output: Output::Arrays(3),
        summary: "SPIKE-synchronization profile (PySpike's x, y, mp).",
        doc: r#"The discrete profile, exactly as PySpike's ``DiscreteFunc`` ``x``, ``y`` and
``mp`` (times, coincidence values, multiplicities).
Ref: LIB."#,
    },
    Function {
        number: 58,
        name: fn_name!(spike_directionality),
        family: 3,
        star: false,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("max_tau", Float, "None"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Kreuz et al. (2017) SPIKE-order directionality of a relative to b.",
        doc: r#"Kreuz et al. (2017) SPIKE-order directionality of a relative to b,
normalised by n_a. Each coincident spike of a scores +1 when it leads
and −1 when it follows. An empty a gives NaN; PySpike raises
``ZeroDivisionError`` here.
Ref: LIB ``pyspike.spike_directionality(normalize=True)``."#,
    },
    Function {
        number: 59,
        name: fn_name!(spike_train_order),
        family: 3,
        star: false,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("max_tau", Float, "None"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Synfire indicator F of two trains, as PySpike.",
        doc: r#"The synfire indicator F for two trains, normalised. It follows PySpike
0.9.0 for empty trains, which gives 1.0 for both empty and 0.0 for one
empty.
Ref: LIB ``pyspike.spike_train_order(st1, st2)``."#,
    },
    Function {
        number: 60,
        name: fn_name!(spike_train_order_multi),
        family: 3,
        star: false,
        params: &[
            param("trains", Trains),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("max_tau", Float, "None"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Synfire indicator F of a population, as PySpike.",
        doc: r#"Ref: LIB ``pyspike.spike_train_order(list)``."#,
    },
    Function {
        number: 61,
        name: fn_name!(schreiber_similarity),
        family: 3,
        star: false,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("sigma", Float),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Schreiber et al. (2003) correlation-based reliability of two trains.",
        doc: r#"Schreiber et al. (2003). Each train is convolved with a Gaussian of s.d.
σ on an infinite time axis, and the result is the cosine of the two
smoothed signals. In closed form:
``S = G(a,b)/sqrt(G(a,a)·G(b,b))`` with ``G(x,y) = Σ_ij exp(−(x_i−y_j)²/(4σ²))``.
* Pairs with ``|Δ| > 20σ`` may be dropped; the error stays below 1e-40.
* Either train empty gives NaN. ``sigma <= 0`` raises ``ValueError``.

Ref: FORMULA."#,
    },
    Function {
        number: 62,
        name: fn_name!(schreiber_reliability),
        family: 3,
        star: false,
        params: &[param("trains", Trains), param("sigma", Float)],
        returns: "float",
        output: Output::Float,
        summary: "Mean Schreiber similarity over all pairs of a population.",
        doc: r#"The mean of ``schreiber_similarity`` over all pairs i<j, ignoring NaN
pairs. No valid pair gives NaN.
Ref: FORMULA."#,
    },
    Function {
        number: 63,
        name: fn_name!(hunter_milton_similarity),
        family: 3,
        star: false,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("tau", Float),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Hunter & Milton (2003) nearest-spike similarity.",
        doc: r#"Hunter & Milton (2003):
``½[mean_i exp(−|a_i − b(a_i)|/τ) + mean_j exp(−|b_j − a(b_j)|/τ)]``,
where ``b(t)`` is the spike of b nearest to t.
Either train empty gives NaN.
Ref: FORMULA."#,
    },
    // 4. Spectral
    Function {
        number: 64,
        name: fn_name!(spike_train_psd),
        family: 4,
        star: true,
        params: &[
            param("spikes", Array),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("n_segments", Int, "8"),
            param_or("overlap", Float, "0.5"),
            param_or("window", Str, r#""hann""#),
        ],
        returns: "(freqs, psd)",
        output: Output::Arrays(2),
        summary: "Welch power spectral density of the binned rate.",
        doc: r#"Welch PSD of r, one-sided, in Hz²/Hz.
Ref: LIB ``elephant.spectral.welch_psd(r, n_segments, overlap=overlap, fs=fs, window=window)``,
which is ``scipy.signal.welch``."#,
    },
    Function {
        number: 65,
        name: fn_name!(spike_train_periodogram),
        family: 4,
        star: false,
        params: &[
            param("spikes", Array),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("window", Str, r#""boxcar""#),
        ],
        returns: "(freqs, psd)",
        output: Output::Arrays(2),
        summary: "Periodogram of the binned rate (SciPy periodogram).",
        doc: r#"Ref: LIB ``scipy.signal.periodogram(r, fs, window, detrend='constant', scaling='density')``."#,
    },
    Function {
        number: 66,
        name: fn_name!(spike_train_coherence),
        family: 4,
        star: true,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("n_segments", Int, "8"),
            param_or("overlap", Float, "0.5"),
            param_or("window", Str, r#""hann""#),
        ],
        returns: "(freqs, coherence, phase_lag)",
        output: Output::Arrays(3),
        summary: "Welch magnitude-squared coherence and phase lag of two trains.",
        doc: r#"Magnitude-squared coherence, with the phase lag in radians.
Ref: LIB ``elephant.spectral.welch_coherence``."#,
    },
    Function {
        number: 67,
        name: fn_name!(spike_train_csd),
        family: 4,
        star: false,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("n_segments", Int, "8"),
            param_or("overlap", Float, "0.5"),
            param_or("window", Str, r#""hann""#),
        ],
        returns: "(freqs, csd)",
        output: Output::Arrays(2),
        summary: "Welch complex cross-spectral density of two trains.",
        doc: r#"Complex cross-spectral density, ``csd`` as complex128.
Ref: LIB ``scipy.signal.csd`` with the nperseg rule above."#,
    },
    Function {
        number: 68,
        name: fn_name!(multitaper_psd),
        family: 4,
        star: false,
        params: &[
            param("spikes", Array),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("nw", Float, "4.0"),
            param_or("num_tapers", Int, "None"),
        ],
        returns: "(freqs, psd)",
        output: Output::Arrays(2),
        summary: "DPSS multitaper power spectral density of the binned rate.",
        doc: r#"DPSS multitaper PSD, with no detrending.
* The tapers are ``v_k = scipy.signal.windows.dpss(L, nw, K, sym=False)``.
  ``num_tapers=None`` means ``K = floor(2·nw) − 1``.
* ``psd = mean_k |rfft(r·v_k)|² / fs``, with every bin except DC doubled
  (Nyquist included).
* ``freqs = rfftfreq(L, 1/fs)``.

Ref: LIB ``elephant.spectral.multitaper_psd(r, fs=fs, nw=nw)``, with its
``(1, n)`` output flattened."#,
    },
    Function {
        number: 69,
        name: fn_name!(multitaper_coherence),
        family: 4,
        star: false,
        params: &[
            param("spikes_a", Array),
            param("spikes_b", Array),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("nw", Float, "4.0"),
            param_or("num_tapers", Int, "None"),
        ],
        returns: "(freqs, coherence, phase_lag)",
        output: Output::Arrays(3),
        summary: "Multitaper coherence and phase lag of two trains.",
        doc: r#"Ref: LIB ``elephant.spectral.multitaper_coherence(r_a, r_b, fs=fs, nw=nw)``,
with one segment."#,
    },
    // 5. Population measures
    Function {
        number: 70,
        name: fn_name!(time_histogram),
        family: 5,
        star: true,
        params: &[
            param("trains", Trains),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("output", Str, r#""counts""#),
            param_or("binary", Bool, "False"),
        ],
        returns: "ndarray[L]",
        output: Output::Array,
        summary: "Population spike counts per bin (counts, mean or rate).",
        doc: r#"Column sums of B, after clipping to 0/1 when ``binary`` is set.
* ``output``: ``"counts"`` gives int64; ``"mean"`` divides by N; ``"rate"``
  divides by N·bin_size.
* Any other ``output`` raises ``ValueError``.

Ref: LIB ``elephant.statistics.time_histogram``."#,
    },
    Function {
        number: 71,
        name: fn_name!(population_rate),
        family: 5,
        star: true,
        params: &[
            param("trains", Trains),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
        ],
        returns: "ndarray[L]",
        output: Output::Array,
        summary: "Mean rate per neuron per bin, Hz.",
        doc: r#"Mean rate per neuron per bin in Hz, that is ``time_histogram(output="rate")``.
Ref: LIB."#,
    },
    Function {
        number: 72,
        name: fn_name!(population_rate_smoothed),
        family: 5,
        star: false,
        params: &[
            param("trains", Trains),
            param("sampling_period", Float),
            param("sigma", Float),
            param_or("kernel", Str, r#""gaussian""#),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("cutoff", Float, "5.0"),
        ],
        returns: "(times, rate)",
        output: Output::Arrays(2),
        summary: "Kernel-smoothed population rate, mean of instantaneous_rate over trains.",
        doc: r#"The mean over trains of ``instantaneous_rate``.
Ref: LIB ``elephant.statistics.instantaneous_rate(list, ..., pool_spike_trains=True)``."#,
    },
    Function {
        number: 73,
        name: fn_name!(psth),
        family: 5,
        star: true,
        params: &[
            param("trials", Trains),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
        ],
        returns: "(bin_left_edges, rate_hz)",
        output: Output::Arrays(2),
        summary: "Peri-stimulus time histogram: trial-averaged rate with the bin left edges.",
        doc: r#"The trial-averaged rate, equal to ``time_histogram(output="rate")``, with
the left bin edges.
Ref: LIB. PySpike's ``psth`` returns raw counts on ``linspace`` bins and is
not used."#,
    },
    Function {
        number: 74,
        name: fn_name!(complexity_histogram),
        family: 5,
        star: false,
        params: &[
            param("trains", Trains),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("binary", Bool, "True"),
        ],
        returns: "ndarray[int64]",
        output: Output::Array,
        summary: "Histogram of the per-bin complexity (active neurons or spikes per bin).",
        doc: r#"``bincount`` of the per-bin complexity, which is the number of active
neurons per bin (binary) or the number of spikes per bin. Entry 0 counts
the empty bins, and the length is the maximum complexity + 1.
Ref: LIB ``elephant.statistics.Complexity(..., spread=0).complexity_histogram``."#,
    },
    Function {
        number: 75,
        name: fn_name!(complexity_pdf),
        family: 5,
        star: false,
        params: &[
            param("trains", Trains),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("binary", Bool, "True"),
        ],
        returns: "ndarray",
        output: Output::Array,
        summary: "Complexity histogram normalised to a distribution.",
        doc: r#"``complexity_histogram`` divided by its sum.
Ref: LIB (``Complexity.pdf``)."#,
    },
    Function {
        number: 76,
        name: fn_name!(synchronous_event_times),
        family: 5,
        star: false,
        params: &[
            param("trains", Trains),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("min_complexity", Int, "2"),
            param_or("binary", Bool, "True"),
        ],
        returns: "ndarray",
        output: Output::Array,
        summary: "Left edges of the bins whose complexity reaches min_complexity.",
        doc: r#"The left edges of the bins whose complexity is at least ``min_complexity``.
Ref: LIB (``Complexity.time_histogram``)."#,
    },
    Function {
        number: 77,
        name: fn_name!(synchrony_index),
        family: 5,
        star: false,
        params: &[
            param("trains", Trains),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Golomb's synchrony measure χ on binned counts.",
        doc: r#"Golomb's χ on binned counts:
``χ = sqrt( var_k(mean_i B[i,k]) / mean_i var_k(B[i,k]) )``, with ddof=0.
A zero denominator gives NaN.
Ref: FORMULA."#,
    },
    Function {
        number: 78,
        name: fn_name!(mean_pairwise_correlation),
        family: 5,
        star: true,
        params: &[
            param("trains", Trains),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("binary", Bool, "False"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Mean of the finite pairwise correlations (i<j).",
        doc: r#"The mean of the finite entries of the upper triangle (i<j) of
``correlation_matrix``. No finite entry gives NaN.
Ref: LIB + nanmean."#,
    },
    Function {
        number: 79,
        name: fn_name!(population_fano_factor),
        family: 5,
        star: false,
        params: &[
            param("trains", Trains),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Fano factor of the summed population counts per bin.",
        doc: r#"``var/mean`` of the summed counts per bin, ``B.sum(0)``. A mean of 0 gives
NaN.
Ref: FORMULA."#,
    },
    Function {
        number: 80,
        name: fn_name!(active_fraction),
        family: 5,
        star: false,
        params: &[
            param("trains", Trains),
            param_or("t_start", Float, "None"),
            param_or("t_stop", Float, "None"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Fraction of trains with at least one spike in the window.",
        doc: r#"The fraction of trains that have at least one spike in the window. An
empty list gives NaN.
Ref: FORMULA."#,
    },
    Function {
        number: 81,
        name: fn_name!(population_sparseness),
        family: 5,
        star: false,
        params: &[
            param("trains", Trains),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Vinje & Gallant (2000) population sparseness of the firing rates.",
        doc: r#"Vinje & Gallant (2000), on ``r = firing_rates(trains, ...)``:
``a = mean(r)²/mean(r²)`` and ``S = (1 − a)/(1 − 1/N)``.
N < 2, or all rates 0, gives NaN.
Ref: FORMULA."#,
    },
    Function {
        number: 82,
        name: fn_name!(participation_ratio),
        family: 5,
        star: false,
        params: &[
            param("trains", Trains),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Participation ratio (dimensionality) of the covariance matrix.",
        doc: r#"``(tr C)² / ||C||_F²``, which equals ``(Σλ)²/Σλ²``, where C is the
``covariance_matrix`` (ddof=1). ``tr C == 0`` gives NaN.
Ref: FORMULA."#,
    },
    // 6. Surrogates & generators
    Function {
        number: 83,
        name: fn_name!(dither_spikes),
        family: 6,
        star: true,
        params: &[
            param("spikes", Array),
            param("dither", Float),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("n_surrogates", Int, "1"),
            param_or("edges", Bool, "True"),
            param_or("seed", Int, "None"),
        ],
        returns: "",
        output: Output::ArrayList,
        summary: "Surrogates: each spike moved independently by U(−dither, dither).",
        doc: r#"Each spike moves independently by U(−dither, dither).
* With ``edges=True``, spikes that land outside ``(t_start, t_stop)`` are
  removed.
* With ``edges=False``, they are clipped to the window.
* Checked: sorted; inside the window; count ≤ n, and equal to n when
  ``edges=False``; and when the count is preserved, the sorted surrogate
  differs from the sorted original by at most ``dither`` per spike.

Mirrors ``elephant.spike_train_surrogates.dither_spikes``."#,
    },
    Function {
        number: 84,
        name: fn_name!(dither_spike_train),
        family: 6,
        star: false,
        params: &[
            param("spikes", Array),
            param("shift", Float),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("n_surrogates", Int, "1"),
            param_or("edges", Bool, "True"),
            param_or("seed", Int, "None"),
        ],
        returns: "",
        output: Output::ArrayList,
        summary: "Surrogates: the whole train shifted by one U(−shift, shift).",
        doc: r#"The whole train moves rigidly by one U(−shift, shift) per surrogate.
With ``edges=True``, spikes outside ``[t_start, t_stop)`` are dropped; with
``edges=False``, they are clipped.
Checked: the surrogate is a rigid shift, with |c| ≤ shift, of a
contiguous run of the original.
Mirrors ``dither_spike_train``."#,
    },
    Function {
        number: 85,
        name: fn_name!(randomise_spikes),
        family: 6,
        star: false,
        params: &[
            param("spikes", Array),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("n_surrogates", Int, "1"),
            param_or("seed", Int, "None"),
        ],
        returns: "",
        output: Output::ArrayList,
        summary: "Surrogates: the same number of spikes placed uniformly at random.",
        doc: r#"The same number of spikes, drawn i.i.d. U(t_start, t_stop) and sorted.
Checked: the count, the window, and uniformity (the mean) for large n.
Mirrors ``randomise_spikes``."#,
    },
    Function {
        number: 86,
        name: fn_name!(shuffle_isis),
        family: 6,
        star: true,
        params: &[
            param("spikes", Array),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("n_surrogates", Int, "1"),
            param_or("seed", Int, "None"),
        ],
        returns: "",
        output: Output::ArrayList,
        summary: "Surrogates: the intervals permuted at random.",
        doc: r#"The interval multiset ``{x_1 − t_start, x_2 − x_1, …}`` is permuted at
random and summed cumulatively from ``t_start``.
Checked: the count and the interval multiset, to 1e-9.
Mirrors ``shuffle_isis``."#,
    },
    Function {
        number: 87,
        name: fn_name!(poisson_process),
        family: 6,
        star: true,
        params: &[
            param("rate", Float),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("refractory_period", Float, "0.0"),
            param_or("seed", Int, "None"),
        ],
        returns: "ndarray",
        output: Output::Array,
        summary: "Stationary Poisson spike train, optionally with dead time.",
        doc: r#"Stationary Poisson process, or one with dead time when
``refractory_period > 0``. The ISIs are ``refractory_period + Exp(mean 1/rate − refractory_period)``,
so ``rate`` is the actual mean rate.
* ``rate·refractory_period >= 1`` raises ``ValueError``.
* Checked: count ``|n − rate·T| ≤ 5√(rate·T)``; CV ≈ 1, or
  ``1 − rate·refractory_period`` with dead time, to within 0.05;
  minimum ISI ≥ ``refractory_period``.

Mirrors ``StationaryPoissonProcess``."#,
    },
    Function {
        number: 88,
        name: fn_name!(gamma_process),
        family: 6,
        star: false,
        params: &[
            param("rate", Float),
            param("shape", Float),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("seed", Int, "None"),
        ],
        returns: "ndarray",
        output: Output::Array,
        summary: "Gamma renewal spike train.",
        doc: r#"Gamma renewal process: the ISIs are Gamma(shape, scale = 1/(rate·shape)),
and the first spike is one ISI after ``t_start``.
Checked: count ≈ rate·T within ``5√(rate·T/shape)``, and
CV ≈ 1/√shape within 0.05.
Mirrors ``StationaryGammaProcess``."#,
    },
    Function {
        number: 89,
        name: fn_name!(inhomogeneous_poisson_process),
        family: 6,
        star: false,
        params: &[
            param("rate_signal", Array),
            param("sampling_period", Float),
            param_or("t_start", Float, "0.0"),
            param_or("seed", Int, "None"),
        ],
        returns: "ndarray",
        output: Output::Array,
        summary: "Poisson spike train with a piecewise-constant rate signal.",
        doc: r#"Poisson process with a piecewise-constant rate. Sample k covers
``[t_start + k·sp, t_start + (k+1)·sp)``. Negative rates raise
``ValueError``.
Checked: count ≈ Σ rate·sp within 5√; the count inside the
high-rate samples ≈ their integral.
Mirrors ``NonStationaryPoissonProcess``."#,
    },
    Function {
        number: 90,
        name: fn_name!(jitter_spikes),
        family: 6,
        star: false,
        params: &[
            param("spikes", Array),
            param("bin_size", Float),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("n_surrogates", Int, "1"),
            param_or("seed", Int, "None"),
        ],
        returns: "",
        output: Output::ArrayList,
        summary: "Surrogates: each spike redrawn uniformly within its own bin.",
        doc: r#"Window jitter: each spike is redrawn uniformly inside its own bin
``[t_start + k·bin_size, min(t_start + (k+1)·bin_size, t_stop))``.
Checked: count and the per-bin counts.
Mirrors ``jitter_spikes``. Note that Elephant 1.2.1 builds its bin edges
as ``t_start + arange(t_start, …)``, which is wrong for ``t_start ≠ 0``; we
do not copy that."#,
    },
    Function {
        number: 91,
        name: fn_name!(bin_shuffling),
        family: 6,
        star: false,
        params: &[
            param("spikes", Array),
            param("bin_size", Float),
            param("max_displacement", Int),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("n_surrogates", Int, "1"),
            param_or("seed", Int, "None"),
        ],
        returns: "",
        output: Output::ArrayList,
        summary: "Surrogates: bins permuted within windows of 2·max_displacement bins.",
        doc: r#"Continuous-time bin shuffling.
* Bins are grouped into windows of ``2·max_displacement`` bins.
* Within each window, the bin indices are permuted at random (one
  permutation per window).
* Each spike goes to its new bin at a uniform position.

Checked: the count and the counts per window.
Mirrors Elephant's ``bin_shuffling`` for ``neo.SpikeTrain``."#,
    },
    Function {
        number: 92,
        name: fn_name!(trial_shifting),
        family: 6,
        star: false,
        params: &[
            param("trials", Trains),
            param("dither", Float),
            param("t_start", Float),
            param("t_stop", Float),
            param_or("n_surrogates", Int, "1"),
            param_or("seed", Int, "None"),
        ],
        returns: "list[list[ndarray]]",
        output: Output::ArrayLists,
        summary: "Surrogates: each trial shifted by its own U(−dither, dither), wrapped.",
        doc: r#"Each trial is shifted by its own U(−dither, dither) and wrapped
cyclically into ``[t_start, t_stop)``.
Checked: the per-trial counts and the cyclic gap multiset.
Mirrors ``trial_shifting``."#,
    },
    // 7. Spike-triggered & spike–signal
    Function {
        number: 93,
        name: fn_name!(spike_triggered_average),
        family: 7,
        star: true,
        params: &[
            param("signal", Array),
            param("sampling_rate", Float),
            param("spikes", Array),
            param("window", Pair),
            param_or("signal_t_start", Float, "0.0"),
        ],
        returns: "(lags, sta)",
        output: Output::Arrays(2),
        summary: "Spike-triggered average of a signal over a window around each spike.",
        doc: r#"``window = (w0, w1)``, relative to the spike, with ``w0 < w1``.
* ``nb = ceil((w1 − w0)·fs)``.
* A spike s is used if ``s + w0 >= signal_t_start`` and
  ``s + w1 <= signal_t_start + len/fs``. For a used spike,
  ``start = floor((s + w0 − signal_t_start)·fs)``.
* ``sta`` is the mean of ``signal[start:start+nb]`` over the used spikes.
  With no used spike, it is all NaN.
* ``lags = w0 + k/fs``.
* A window longer than the signal raises ``ValueError``.

Ref: LIB ``elephant.sta.spike_triggered_average``."#,
    },
    Function {
        number: 94,
        name: fn_name!(spike_triggered_covariance),
        family: 7,
        star: false,
        params: &[
            param("signal", Array),
            param("sampling_rate", Float),
            param("spikes", Array),
            param("window", Pair),
            param_or("signal_t_start", Float, "0.0"),
        ],
        returns: "ndarray[nb,nb]",
        output: Output::Array,
        summary: "Spike-triggered covariance (ddof=1) of the STA segments.",
        doc: r#"``np.cov`` (ddof=1) of the same segments that STA uses. Fewer than 2 used
spikes gives all NaN.
Ref: FORMULA."#,
    },
    Function {
        number: 95,
        name: fn_name!(spike_field_coherence),
        family: 7,
        star: false,
        params: &[
            param("signal", Array),
            param("sampling_rate", Float),
            param("spikes", Array),
            param_or("signal_t_start", Float, "0.0"),
            param_or("nperseg", Int, "256"),
            param_or("window", Str, r#""hann""#),
        ],
        returns: "(freqs, coherence)",
        output: Output::Arrays(2),
        summary: "Coherence between a spike train and a signal (SciPy coherence).",
        doc: r#"* The train is binned (G6) at ``bin_size = 1/fs`` over the signal span,
  giving a count vector.
* The result is ``scipy.signal.coherence(binned, signal, fs, nperseg=…, window=…)``.

Ref: LIB ``elephant.sta.spike_field_coherence``."#,
    },
    Function {
        number: 96,
        name: fn_name!(spike_triggered_phase),
        family: 7,
        star: false,
        params: &[
            param("signal", Array),
            param("sampling_rate", Float),
            param("spikes", Array),
            param_or("signal_t_start", Float, "0.0"),
            param_or("interpolate", Bool, "True"),
        ],
        returns: "ndarray",
        output: Output::Array,
        summary: "Phase of the signal's analytic signal at each spike.",
        doc: r#"* The analytic signal is ``scipy.signal.hilbert``, zero-padded to the next
  power of 2 and truncated back; this is Elephant's
  ``hilbert(padding='nextpow')``.
* For each spike in ``[t0, t_end)``, ``i = int((s − t0)·fs)``.
* With ``interpolate`` (and ``i+1`` inside the signal), the phase is
  ``angle((1−z)e^{iφ_i} + z e^{iφ_{i+1}})`` with ``z = (s − t_i)·fs``.
  Otherwise it is ``φ_i``.

Ref: LIB ``elephant.phase_analysis.spike_triggered_phase``."#,
    },
    Function {
        number: 97,
        name: fn_name!(phase_locking_value),
        family: 7,
        star: false,
        params: &[param("phases_a", Array), param("phases_b", Array)],
        returns: "float",
        output: Output::Float,
        summary: "Phase-locking value of two phase series.",
        doc: r#"``|mean(exp(i(φ_a − φ_b)))|``. Different lengths raise ``ValueError``, and
empty input gives NaN.
Ref: LIB ``elephant.phase_analysis.phase_locking_value``."#,
    },
    Function {
        number: 98,
        name: fn_name!(mean_phase_vector),
        family: 7,
        star: false,
        params: &[param("phases", Array)],
        returns: "(angle, length)",
        output: Output::Floats(2),
        summary: "Angle and length of the mean resultant vector of phases.",
        doc: r#"The angle and modulus of ``mean(exp(iφ))``. Empty input gives
(NaN, NaN).
Ref: LIB ``elephant.phase_analysis.mean_phase_vector``."#,
    },
    Function {
        number: 99,
        name: fn_name!(vector_strength),
        family: 7,
        star: false,
        params: &[param("spikes", Array), param("period", Float)],
        returns: "(strength, phase)",
        output: Output::Floats(2),
        summary: "Vector strength and phase of spikes relative to a period.",
        doc: r#"``|mean(exp(2πi t/period))|`` and its angle. Empty input gives (NaN, NaN).
Ref: LIB ``scipy.signal.vectorstrength``."#,
    },
    Function {
        number: 100,
        name: fn_name!(rayleigh_test),
        family: 7,
        star: false,
        params: &[param("phases", Array)],
        returns: "(z, p)",
        output: Output::Floats(2),
        summary: "Rayleigh test of non-uniformity of phases: (z, p).",
        doc: r#"With ``R = |Σ exp(iφ)|``, ``z = R²/n`` and
``p = exp(sqrt(1 + 4n + 4(n² − R²)) − (1 + 2n))``, clipped to [0, 1]
(Zar 1999). n = 0 gives (NaN, NaN).
Ref: FORMULA."#,
    },
    // 8. Kernels & smoothing
    Function {
        number: 101,
        name: fn_name!(rectangular_kernel),
        family: 8,
        star: false,
        params: &[param("t", Array), param("sigma", Float)],
        returns: "",
        output: Output::Array,
        summary: "Rectangular (boxcar) kernel with standard deviation sigma.",
        doc: r#"``1/(2τ)`` for ``|t| < τ``, and 0
otherwise (also exactly at ``|t| = τ``), with ``τ = √3σ``. Ref: LIB
``elephant.kernels.RectangularKernel(sigma*s)(t*s)``."#,
    },
    Function {
        number: 102,
        name: fn_name!(triangular_kernel),
        family: 8,
        star: false,
        params: &[param("t", Array), param("sigma", Float)],
        returns: "",
        output: Output::Array,
        summary: "Triangular kernel with standard deviation sigma.",
        doc: r#"``(1/τ)(1 − |t|/τ)`` for ``|t| < τ``,
with ``τ = √6σ``. Ref: LIB ``TriangularKernel``."#,
    },
    Function {
        number: 103,
        name: fn_name!(epanechnikov_like_kernel),
        family: 8,
        star: false,
        params: &[param("t", Array), param("sigma", Float)],
        returns: "",
        output: Output::Array,
        summary: "Epanechnikov-like kernel with standard deviation sigma.",
        doc: r#"``3/(4d)·(1 − t²/d²)`` for
``|t| < d``, with ``d = √5σ``. Ref: LIB ``EpanechnikovLikeKernel``."#,
    },
    Function {
        number: 104,
        name: fn_name!(gaussian_kernel),
        family: 8,
        star: true,
        params: &[param("t", Array), param("sigma", Float)],
        returns: "",
        output: Output::Array,
        summary: "Gaussian kernel with standard deviation sigma.",
        doc: r#"``exp(−t²/(2σ²))/(σ√(2π))``. Ref:
LIB ``GaussianKernel``."#,
    },
    Function {
        number: 105,
        name: fn_name!(laplacian_kernel),
        family: 8,
        star: false,
        params: &[param("t", Array), param("sigma", Float)],
        returns: "",
        output: Output::Array,
        summary: "Laplacian (double-exponential) kernel with standard deviation sigma.",
        doc: r#"``exp(−|t|/τ)/(2τ)``, with ``τ = σ/√2``.
Ref: LIB ``LaplacianKernel``."#,
    },
    Function {
        number: 106,
        name: fn_name!(exponential_kernel),
        family: 8,
        star: false,
        params: &[
            param("t", Array),
            param("sigma", Float),
            param_or("invert", Bool, "False"),
        ],
        returns: "",
        output: Output::Array,
        summary: "Causal exponential kernel (mirrored with invert).",
        doc: r#"``exp(−t/τ)/τ`` for
``t >= 0`` and 0 otherwise, with ``τ = σ``. ``invert`` mirrors it, so it is
non-zero for ``t <= 0``. Ref: LIB ``ExponentialKernel``."#,
    },
    Function {
        number: 107,
        name: fn_name!(alpha_kernel),
        family: 8,
        star: false,
        params: &[
            param("t", Array),
            param("sigma", Float),
            param_or("invert", Bool, "False"),
        ],
        returns: "",
        output: Output::Array,
        summary: "Causal alpha kernel (mirrored with invert).",
        doc: r#"``(t/τ²)·exp(−t/τ)`` for
``t >= 0``, with ``τ = σ/√2``. ``invert`` mirrors it. Ref: LIB
``AlphaKernel``."#,
    },
    Function {
        number: 108,
        name: fn_name!(kernel_density_rate),
        family: 8,
        star: true,
        params: &[
            param("spikes", Array),
            param("times", Array),
            param("sigma", Float),
            param_or("kernel", Str, r#""gaussian""#),
        ],
        returns: "ndarray",
        output: Output::Array,
        summary: "Exact unbinned kernel rate Σ K(t − t_i) at given times.",
        doc: r#"The exact unbinned rate ``r(t) = Σ_i K(t − t_i)`` at the requested
times. The kernel is one of the 7 above.
Ref: LIB (Elephant kernels, summed)."#,
    },
    Function {
        number: 109,
        name: fn_name!(exponential_trace),
        family: 8,
        star: false,
        params: &[
            param("spikes", Array),
            param("tau", Float),
            param("times", Array),
        ],
        returns: "ndarray",
        output: Output::Array,
        summary: "Causal exponential trace Σ_{t_i ≤ t} exp(−(t − t_i)/τ) at given times.",
        doc: r#"The causal synaptic trace ``Σ_{t_i <= t} exp(−(t − t_i)/τ)``. The van
Rossum filter includes the value 1 at ``t == t_i``.
Ref: FORMULA."#,
    },
    // 9. Bursts
    Function {
        number: 110,
        name: fn_name!(detect_bursts_isi),
        family: 9,
        star: true,
        params: &[
            param("spikes", Array),
            param("max_isi", Float),
            param_or("min_spikes", Int, "3"),
        ],
        returns: "(start_times, end_times, n_spikes)",
        output: Output::Arrays(3),
        summary: "Bursts as runs of spikes with ISIs ≤ max_isi: (starts, ends, spike counts).",
        doc: r#"The bursts as defined above; ``n_spikes`` is int64. An empty train gives
three empty arrays.
Ref: FORMULA."#,
    },
    Function {
        number: 111,
        name: fn_name!(detect_bursts_max_interval),
        family: 9,
        star: false,
        params: &[
            param("spikes", Array),
            param("max_begin_isi", Float),
            param("max_end_isi", Float),
            param("min_interburst_interval", Float),
            param("min_burst_duration", Float),
            param_or("min_spikes", Int, "3"),
        ],
        returns: "(start_times, end_times, n_spikes)",
        output: Output::Arrays(3),
        summary: "Bursts by NeuroExplorer's MaxInterval method.",
        doc: r#"NeuroExplorer's MaxInterval method, in three phases:
1. Scan left to right. A burst starts at spike i when
   ``x[i+1] − x[i] <= max_begin_isi``. It extends while the next
   ``ISI <= max_end_isi``, and scanning resumes after its last spike.
2. Merge consecutive bursts when ``start_next − end_prev < min_interburst_interval``.
3. Drop bursts with a duration (end − start) below
   ``min_burst_duration``, or with fewer than ``min_spikes`` spikes.

Ref: FORMULA."#,
    },
    Function {
        number: 112,
        name: fn_name!(poisson_surprise),
        family: 9,
        star: false,
        params: &[
            param("n_spikes", Int),
            param("duration", Float),
            param("rate", Float),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Legendy & Salcman (1985) Poisson surprise of n spikes in a duration.",
        doc: r#"Legendy & Salcman (1985): ``S = −log10 P(N >= n)``, where
``N ~ Poisson(rate·duration)``. ``n <= 0`` gives 0.0. Compute it with
``logsf`` so that large S stays accurate.
Ref: LIB ``-scipy.stats.poisson.logsf(n−1, μ)/ln 10``."#,
    },
    Function {
        number: 113,
        name: fn_name!(burst_rate),
        family: 9,
        star: false,
        params: &[
            param("spikes", Array),
            param("max_isi", Float),
            param_or("min_spikes", Int, "3"),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Number of ISI bursts per second in the window.",
        doc: r#"The number of ISI-bursts among the spikes in the window, divided by
``(t_stop − t_start)``.
Ref: FORMULA."#,
    },
    Function {
        number: 114,
        name: fn_name!(burst_spike_fraction),
        family: 9,
        star: false,
        params: &[
            param("spikes", Array),
            param("max_isi", Float),
            param_or("min_spikes", Int, "3"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Fraction of spikes that belong to ISI bursts.",
        doc: r#"Spikes in bursts divided by all spikes. An empty train gives NaN.
Ref: FORMULA."#,
    },
    Function {
        number: 115,
        name: fn_name!(mean_burst_duration),
        family: 9,
        star: false,
        params: &[
            param("spikes", Array),
            param("max_isi", Float),
            param_or("min_spikes", Int, "3"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Mean duration of the ISI bursts.",
        doc: r#"The mean of ``end − start``. No bursts gives NaN.
Ref: FORMULA."#,
    },
    Function {
        number: 116,
        name: fn_name!(mean_spikes_per_burst),
        family: 9,
        star: false,
        params: &[
            param("spikes", Array),
            param("max_isi", Float),
            param_or("min_spikes", Int, "3"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Mean number of spikes per ISI burst.",
        doc: r#"No bursts gives NaN. Ref: FORMULA."#,
    },
    Function {
        number: 117,
        name: fn_name!(intra_burst_frequency),
        family: 9,
        star: false,
        params: &[
            param("spikes", Array),
            param("max_isi", Float),
            param_or("min_spikes", Int, "3"),
        ],
        returns: "float",
        output: Output::Float,
        summary: "Mean spike frequency inside the ISI bursts.",
        doc: r#"``mean_b (n_b − 1)/(end_b − start_b)``. No bursts gives NaN. A burst of
zero duration gives inf (IEEE).
Ref: FORMULA."#,
    },
    Function {
        number: 118,
        name: fn_name!(inter_burst_intervals),
        family: 9,
        star: false,
        params: &[
            param("spikes", Array),
            param("max_isi", Float),
            param_or("min_spikes", Int, "3"),
        ],
        returns: "ndarray",
        output: Output::Array,
        summary: "Intervals between consecutive ISI bursts.",
        doc: r#"``start[k+1] − end[k]``. Fewer than 2 bursts gives an empty array.
Ref: FORMULA."#,
    },
    Function {
        number: 119,
        name: fn_name!(burstiness_parameter),
        family: 9,
        star: false,
        params: &[param("spikes", Array)],
        returns: "float",
        output: Output::Float,
        summary: "Goh & Barabási (2008) burstiness B of the ISIs.",
        doc: r#"Goh & Barabási (2008): ``B = (σ_I − μ_I)/(σ_I + μ_I)``, with ddof=0.
m < 2, or σ+μ = 0, gives NaN.
Ref: FORMULA."#,
    },
    Function {
        number: 120,
        name: fn_name!(network_bursts),
        family: 9,
        star: false,
        params: &[
            param("trains", Trains),
            param("bin_size", Float),
            param("threshold", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
            param_or("min_bins", Int, "1"),
        ],
        returns: "(start_times, end_times, peak_counts)",
        output: Output::Arrays(3),
        summary: "Network bursts: runs of bins whose population count reaches a threshold.",
        doc: r#"* The population counts are ``B.sum(0)``, with G6 binning.
* A network burst is a maximal run of bins with ``count >= threshold``
  that is at least ``min_bins`` bins long.
* ``start`` is the left edge of its first bin and ``end`` the right edge of
  its last bin.
* ``peak_counts`` is int64.

Ref: FORMULA."#,
    },
    // 10. Binning & utilities
    Function {
        number: 121,
        name: fn_name!(binned_spike_counts),
        family: 10,
        star: true,
        params: &[
            param("spikes", Array),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
        ],
        returns: "ndarray[int64]",
        output: Output::Array,
        summary: "Spike counts per bin (Elephant's BinnedSpikeTrain rule).",
        doc: r#"The G6 counts. ``bin_size <= 0``, ``t_stop <= t_start`` and ``n_bins == 0``
raise ``ValueError``.
Ref: LIB ``elephant.conversion.BinnedSpikeTrain(...).to_array()[0]``."#,
    },
    Function {
        number: 122,
        name: fn_name!(binned_spike_matrix),
        family: 10,
        star: false,
        params: &[
            param("trains", Trains),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
        ],
        returns: "ndarray[N, n_bins] int64",
        output: Output::Array,
        summary: "Bin counts of every train (N × n_bins, int64).",
        doc: r#"Ref: LIB."#,
    },
    Function {
        number: 123,
        name: fn_name!(binarize),
        family: 10,
        star: false,
        params: &[
            param("spikes", Array),
            param("bin_size", Float),
            param_or("t_start", Float, "0.0"),
            param_or("t_stop", Float, "None"),
        ],
        returns: "ndarray[bool]",
        output: Output::Array,
        summary: "Whether each bin holds a spike (bool).",
        doc: r#"``binned_spike_counts > 0``. Ref: LIB (``to_bool_array``)."#,
    },
    Function {
        number: 124,
        name: fn_name!(bin_edges),
        family: 10,
        star: false,
        params: &[
            param("t_start", Float),
            param("t_stop", Float),
            param("bin_size", Float),
        ],
        returns: "ndarray",
        output: Output::Array,
        summary: "Bin edges of a window (Elephant's rule).",
        doc: r#"``linspace(t_start, t_start + n_bins·bin_size, n_bins+1)``, with n_bins
from G6. Ref: LIB (``BinnedSpikeTrain.bin_edges``)."#,
    },
    Function {
        number: 125,
        name: fn_name!(time_slice),
        family: 10,
        star: false,
        params: &[
            param("spikes", Array),
            param("t_start", Float),
            param("t_stop", Float),
        ],
        returns: "ndarray",
        output: Output::Array,
        summary: "The sorted spikes inside [t_start, t_stop].",
        doc: r#"the sorted spikes
with ``t_start <= t <= t_stop``. Ref: LIB
``neo.SpikeTrain.time_slice``."#,
    },
    Function {
        number: 126,
        name: fn_name!(merge_spike_trains),
        family: 10,
        star: false,
        params: &[param("trains", Trains)],
        returns: "ndarray",
        output: Output::Array,
        summary: "The sorted union of several trains (duplicates kept).",
        doc: r#"the sorted concatenation,
with duplicates kept. Ref: LIB ``pyspike.merge_spike_trains(...).spikes``."#,
    },
    Function {
        number: 127,
        name: fn_name!(discretise_spike_times),
        family: 10,
        star: false,
        params: &[
            param("spikes", Array),
            param("sampling_rate", Float),
            param_or("t_start", Float, "0.0"),
        ],
        returns: "ndarray",
        output: Output::Array,
        summary: "Spike times rounded down to a sampling grid.",
        doc: r#"``floor(t·fs + 1e-8)/fs``, sorted, with values below ``t_start`` set to
``t_start``.
Ref: FORMULA, cross-checked against
``elephant.conversion.discretise_spiketimes``. Elephant computes
``t // (1/fs) / fs``, which maps 0.5 s at 1 kHz to 0.499 s. The spec
deliberately fixes this; the two agree exactly on 1000 random times."#,
    },
];
