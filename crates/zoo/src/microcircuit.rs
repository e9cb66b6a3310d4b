//! Potjans & Diesmann (2014) Cereb Cortex 24:785, the cortical microcircuit: eight
//! populations (excitatory and inhibitory, layers 2/3, 4, 5 and 6; 77,169 neurons and about
//! 0.3 billion synapses at full scale) of current-based LIF neurons with exponential
//! synapses and Poisson background, built as NEST's example builds it (formerly
//! `pynest/examples/Potjans_2014`; since NEST 3.10 the package `PyNEST/src/microcircuit` of
//! github.com/INM-6/microcircuit-PD14-model: `network_params.py`, `network.py`,
//! `helpers.py`; with `bg_input_type = 'poisson'`):
//!
//! * neurons `iaf_psc_exp`: C_m 250 pF, tau_m 10 ms, tau_syn 0.5 ms, E_L = V_reset = -65 mV,
//!   V_th -50 mV, t_ref 2 ms; V(0) normal per population, [`V0_MEAN_OPTIMIZED`] ±
//!   [`V0_SD_OPTIMIZED`] (`V0_type = 'optimized'`, the example's default; `--set
//!   v0_optimized=0` is N(-58, 10) mV for all, `'original'`);
//! * N_full = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948] (L23E, L23I, L4E, L4I,
//!   L5E, L5I, L6E, L6I), scaled by `scale` (rounded half to even, as `np.round`: L5I has
//!   106 neurons at scale 0.1);
//! * connection probabilities `conn_probs[target][source]` (Table 5 of the paper); the total
//!   number of synapses of each pair is `K = ln(1 - C) / ln(1 - 1 / (N_post N_pre))` at full
//!   size, times `scale × k_scale` (rounded), drawn `fixed_total_number`: sources and targets
//!   uniform, autapses and multapses allowed;
//! * weights: a PSP of 0.15 mV (converted to a PSC amplitude for these neurons, 87.8 pA),
//!   g = -4 for inhibitory sources, L4E → L23E doubled; each weight normal with a relative
//!   sd of 0.1, redrawn until it keeps the sign of its mean (`nest.math.redraw(...,
//!   min=0, max=inf)`, or `min=-inf, max=0`); delays normal, 1.5 ms (E sources) and 0.75 ms
//!   (I sources) with a relative sd of 0.5, redrawn below half a step (`min =
//!   nest.resolution - 0.5 * nest.resolution`);
//! * background: Poisson input of `bg_rate × K_ext` per neuron, K_ext = [1600, 1500, 2100,
//!   1900, 2000, 1900, 2900, 2100] × k_scale, with the excitatory weight;
//! * with `k_scale < 1` the weights are divided by sqrt(k_scale) and a DC current
//!   `1e-3 tau_syn (1 - sqrt(k_scale))` × (the recurrent input of the full network at the
//!   full-scale rates [`FULL_MEAN_RATES`] = [0.903, 2.965, 4.414, 5.876, 7.569, 8.633,
//!   1.105, 7.829] Hz (the example's current `full_mean_rates`) + the
//!   external input) restores the mean input (`adjust_weights_and_input_to_synapse_scaling`).
//!
//! NEST's example runs at `N_scaling = K_scaling = 0.1` by default: here `--set scale=0.1
//! --set k_scale=0.1` (7,717 neurons, 3 million synapses). The example measures rates over
//! [0.5, 1.5] s, after a 0.5 s warm-up (`t_presim`); at this size they agree with NEST's
//! within the seed-to-seed spread (tests/microcircuit.rs, reference/microcircuit_nest).
//!
//! # Mapping and differences
//!
//! `lif` with `exponential` synapses (tau_syn 0.5 ms) is `iaf_psc_exp` (our current is held
//! at its mean over each step). Each of the 64 pairs (fewer where a count is 0) is one
//! generated projection: topology `fixed_total_number` (`total` = the pair's count),
//! weights a [`TruncatedNormal`] (`Connectivity::GeneratedNormal`), delays a
//! `Delay::Normal`. The engine generates every block's synapses itself, in parallel, from
//! per-target-row streams (the in-degrees from one stream per projection), so the result is
//! the same for any number of threads or MPI ranks (NEST: other streams, the same
//! distributions). The delays' lower bound is 0.05 ms, half of the default 0.1 ms step (the
//! zoo does not know the step; at another `--dt`, delays below half a step round up to one
//! step). Delays round to the nearest step (NEST: the same). The Poisson background acts
//! without delay (NEST: 1.5 ms after the generator, which changes nothing for a stationary
//! process).
//!
//! Memory: the description holds no synapse (a few hundred bytes per projection). The
//! engine stores 14 bytes per synapse (a u32 target, an f64 weight and a u16 delay in steps)
//! plus a u32 row pointer per source and block: the full-scale network (298.9 million
//! synapses) takes 4.19 GB (3.9 GiB) of tables; building it needs, for the (projection,
//! block) tables being built at one time (one per thread), up to about 18 more bytes per
//! synapse of those tables (the target rows, twice while they are gathered, and the
//! row-order draws before the counting sort). Measured on 2 cores (`--duration 1
//! --threads 2`): peak memory 4.1 GiB, build 11 s, 24 s per simulated second, and every
//! population's rate after the first 0.2 s within 2 % of [`FULL_MEAN_RATES`]
//! (docs/performance.md; measured with the 'original' initial potentials, which the
//! full-scale network does not use: k_scale = 1 has no DC compensation).

use crate::define::*;
use crate::reproduce::rate_hz;
use sc_neurocore_core::{Result, RngStream, StreamKind};
use sc_neurocore_neurons::ParamValue;
use sc_neurocore_runner::{
    Connectivity, Delay, Network, ProjectionSpec, SynapseKind, TruncatedNormal,
};
use sc_neurocore_stimuli::{PoissonInput, StimulusSpec};
use sc_neurocore_topology::{ConnectOptions, Topology};

/// The delays' lower bound (ms): half of the default 0.1 ms step.
const DELAY_MIN_MS: f64 = 0.05;

/// Population names, in order.
pub const MICROCIRCUIT_POPULATIONS: [&str; 8] =
    ["L23E", "L23I", "L4E", "L4I", "L5E", "L5I", "L6E", "L6I"];

/// Full-scale population sizes.
pub const N_FULL: [usize; 8] = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948];

/// Mean rates of the full-scale network (Hz), used for the DC compensation when k_scale < 1:
/// the example's current `full_mean_rates` (one NEST run of the full network, 4 threads).
pub const FULL_MEAN_RATES: [f64; 8] = [0.903, 2.965, 4.414, 5.876, 7.569, 8.633, 1.105, 7.829];

/// Initial membrane potentials per population, mean (mV): the example's `V0_type =
/// 'optimized'` (its default), which shortens the initial burst.
pub const V0_MEAN_OPTIMIZED: [f64; 8] = [
    -68.28, -63.16, -63.33, -63.45, -63.11, -61.66, -66.72, -61.43,
];

/// Initial membrane potentials per population, standard deviation (mV), `'optimized'`.
pub const V0_SD_OPTIMIZED: [f64; 8] = [5.36, 4.57, 4.74, 4.94, 4.94, 4.55, 5.46, 4.48];

/// Connection probabilities, `CONN_PROBS[target][source]`.
pub const CONN_PROBS: [[f64; 8]; 8] = [
    [0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0., 0.0076, 0.],
    [0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0., 0.0042, 0.],
    [0.0077, 0.0059, 0.0497, 0.135, 0.0067, 0.0003, 0.0453, 0.],
    [0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0., 0.1057, 0.],
    [0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.],
    [0.0548, 0.0269, 0.0257, 0.0022, 0.06, 0.3158, 0.0086, 0.],
    [
        0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252,
    ],
    [0.0364, 0.001, 0.0034, 0.0005, 0.0277, 0.008, 0.0658, 0.1443],
];

/// External in-degrees at full scale.
pub const K_EXT: [f64; 8] = [1600., 1500., 2100., 1900., 2000., 1900., 2900., 2100.];

const C_M: f64 = 250.0;
const TAU_M: f64 = 10.0;
const TAU_SYN: f64 = 0.5;

crate::zoo_network! {
    /// Parameters of the microcircuit (units as in [`MICROCIRCUIT`]'s metadata).
    params: MicrocircuitParams,
    /// The zoo entry.
    entry: MICROCIRCUIT,
    name: "microcircuit",
    summary: "Potjans & Diesmann (2014) cortical microcircuit, 8 populations (77,169 neurons, \
              0.3 billion synapses at scale 1) of LIF neurons with exponential current \
              synapses and Poisson background, as NEST's Potjans_2014 example; \
              scale / k_scale shrink neurons / in-degrees; the defaults are NEST's example's \
              0.1 / 0.1 (7,717 neurons, 3 M synapses): --set scale=1 --set k_scale=1 is the \
              full network (about 4.2 GB of memory).",
    default_run: (1.0, 1e-4),
    build: microcircuit,
    fields: {
        scale: f64 = ("1", 0.1, Closed(1e-4, 1.0), "scaling of the number of neurons (N_scaling)"),
        k_scale: f64 = ("1", 0.1, Closed(1e-4, 1.0), "scaling of the in-degrees (K_scaling), compensated by weights and DC"),
        bg_rate: f64 = ("Hz", 8.0, NonNegative, "rate of each background Poisson source"),
        psp_e: f64 = ("mV", 0.15, Finite, "mean excitatory PSP amplitude"),
        psp_sd: f64 = ("1", 0.1, NonNegative, "relative standard deviation of the weights"),
        g: f64 = ("1", -4.0, Finite, "inhibitory PSP relative to the excitatory one"),
        delay_e: f64 = ("ms", 1.5, Positive, "mean delay of excitatory connections"),
        delay_i: f64 = ("ms", 0.75, Positive, "mean delay of inhibitory connections"),
        delay_sd: f64 = ("1", 0.5, NonNegative, "relative standard deviation of the delays"),
        v0_optimized: usize = ("1", 1.0, Closed(0.0, 1.0), "1: initial potentials per population (NEST's V0_type 'optimized', the default); 0: v0_mean and v0_sd for all ('original')"),
        v0_mean: f64 = ("mV", -58.0, Finite, "mean initial membrane potential if v0_optimized = 0"),
        v0_sd: f64 = ("mV", 10.0, NonNegative, "standard deviation of the initial membrane potential if v0_optimized = 0"),
    },
    small: { scale: 0.002, k_scale: 0.01 },
    reproduces: Reproduction {
        paper: "Potjans & Diesmann (2014) Cereb Cortex 24:785, as NEST's microcircuit example \
                (github.com/INM-6/microcircuit-PD14-model)",
        settings: &[],
        run: (1.5, 1e-4),
        note: "at the example's reduced default size (scale = k_scale = 0.1: 7,717 neurons, \
               3 million synapses), as the NEST reference; the full network is \
               --set scale=1 --set k_scale=1",
        window: (0.5, 1.5),
        statistics: &[
            population_rate::<0>(0.485, "NEST 3.10, 8 seeds: 0.485 ± 0.038 Hz (full scale: 0.903 Hz)"),
            population_rate::<1>(2.131, "NEST 3.10, 8 seeds: 2.131 ± 0.041 Hz (full scale: 2.965 Hz)"),
            population_rate::<2>(4.01, "NEST 3.10, 8 seeds: 4.010 ± 0.039 Hz (full scale: 4.414 Hz)"),
            population_rate::<3>(5.021, "NEST 3.10, 8 seeds: 5.021 ± 0.036 Hz (full scale: 5.876 Hz)"),
            population_rate::<4>(6.553, "NEST 3.10, 8 seeds: 6.553 ± 0.262 Hz (full scale: 7.569 Hz)"),
            population_rate::<5>(7.82, "NEST 3.10, 8 seeds: 7.820 ± 0.046 Hz (full scale: 8.633 Hz)"),
            population_rate::<6>(0.842, "NEST 3.10, 8 seeds: 0.842 ± 0.030 Hz (full scale: 1.105 Hz)"),
            population_rate::<7>(7.019, "NEST 3.10, 8 seeds: 7.019 ± 0.050 Hz (full scale: 7.829 Hz)"),
        ],
    },
}

/// The rate of population `K` over [0.5, 1.5] s, as the NEST example measures it
/// (reference/microcircuit_nest/rates_0.1.json: NEST running the example at
/// N_scaling = K_scaling = 0.1, 8 seeds).
const fn population_rate<const K: usize>(published: f64, source: &'static str) -> Statistic {
    const NAMES: [&str; 8] = [
        "rate of L23E",
        "rate of L23I",
        "rate of L4E",
        "rate of L4I",
        "rate of L5E",
        "rate of L5I",
        "rate of L6E",
        "rate of L6I",
    ];
    Statistic {
        name: NAMES[K],
        unit: "Hz",
        definition: "spikes with t in [0.5, 1.5] s / (n × 1 s), silent neurons included (the \
                     example's t_presim warm-up dropped)",
        published: Some(published),
        source,
        measure: |o| rate_hz(o, o.spikes(MICROCIRCUIT_POPULATIONS[K])?, None, 0.5, 1.5),
    }
}

impl MicrocircuitParams {
    /// Neurons per population: N_full × scale rounded half to even (numpy's `np.round`: 106.5
    /// is 106), at least 1.
    pub fn sizes(&self) -> [usize; 8] {
        N_FULL.map(|n| ((n as f64 * self.scale).round_ties_even() as usize).max(1))
    }

    /// Mean and standard deviation (mV) of population `k`'s initial membrane potential.
    pub fn v0(&self, k: usize) -> (f64, f64) {
        if self.v0_optimized == 1 {
            (V0_MEAN_OPTIMIZED[k], V0_SD_OPTIMIZED[k])
        } else {
            (self.v0_mean, self.v0_sd)
        }
    }

    /// Synapses of each pair `[target][source]` at full scale (not rounded).
    pub fn full_synapses() -> [[f64; 8]; 8] {
        let mut k = [[0.0; 8]; 8];
        for (i, row) in k.iter_mut().enumerate() {
            for (j, x) in row.iter_mut().enumerate() {
                let prod = N_FULL[i] as f64 * N_FULL[j] as f64;
                *x = (1.0 - CONN_PROBS[i][j]).ln() / ((prod - 1.0) / prod).ln();
            }
        }
        k
    }

    /// Synapses of each pair `[target][source]` of this network.
    pub fn synapses(&self) -> [[usize; 8]; 8] {
        Self::full_synapses()
            .map(|row| row.map(|k| (k * self.scale * self.k_scale).round_ties_even() as usize))
    }

    /// PSC amplitude (pA) per PSP amplitude (mV) of these neurons (NEST's
    /// `postsynaptic_potential_to_current`).
    pub fn psc_over_psp() -> f64 {
        let sub = 1.0 / (TAU_SYN - TAU_M);
        let pre = TAU_M * TAU_SYN / C_M * sub;
        let frac = (TAU_M / TAU_SYN).powf(sub);
        1.0 / (pre * (frac.powf(TAU_M) - frac.powf(TAU_SYN)))
    }

    /// Mean weights `[target][source]` (pA) before in-degree scaling.
    fn full_weights(&self) -> [[f64; 8]; 8] {
        let w = self.psp_e * Self::psc_over_psp();
        let mut m = [[0.0; 8]; 8];
        for (i, row) in m.iter_mut().enumerate() {
            for (j, x) in row.iter_mut().enumerate() {
                *x = if j % 2 == 0 { w } else { self.g * w };
                if i == 0 && j == 2 {
                    *x = 2.0 * w;
                }
            }
        }
        m
    }

    /// (mean weights `[target][source]`, external weight, DC per population), after the
    /// in-degree scaling compensation.
    pub fn weights_and_dc(&self) -> ([[f64; 8]; 8], f64, [f64; 8]) {
        let w_full = self.full_weights();
        let w_ext = self.psp_e * Self::psc_over_psp();
        let k = self.k_scale;
        if k == 1.0 {
            return (w_full, w_ext, [0.0; 8]);
        }
        let full = Self::full_synapses();
        let mut dc = [0.0; 8];
        for (i, d) in dc.iter_mut().enumerate() {
            let input_rec: f64 = (0..8)
                .map(|j| w_full[i][j] * full[i][j] / N_FULL[i] as f64 * FULL_MEAN_RATES[j])
                .sum();
            let input_ext = w_ext * K_EXT[i] * self.bg_rate;
            *d = 1e-3 * TAU_SYN * (1.0 - k.sqrt()) * (input_rec + input_ext);
        }
        let s = k.sqrt();
        (w_full.map(|r| r.map(|w| w / s)), w_ext / s, dc)
    }
}

/// Builds the microcircuit.
pub fn microcircuit(p: &MicrocircuitParams, seed: u64) -> Result<Network> {
    let mut net = Network::new(seed);
    let sizes = p.sizes();
    let (w, w_ext, dc) = p.weights_and_dc();
    let syn = SynapseKind::Exponential {
        tau_syn: TAU_SYN * 1e-3,
    };
    let mut first = 0u64;
    let mut pops = [0usize; 8];
    for (k, name) in MICROCIRCUIT_POPULATIONS.iter().enumerate() {
        let (v0_mean, v0_sd) = p.v0(k);
        let v0: Vec<f64> = (0..sizes[k] as u64)
            .map(|i| {
                let mut rng = RngStream::new(seed, StreamKind::InitialState, 0, first + i);
                v0_mean + v0_sd * rng.normal()
            })
            .collect();
        first += sizes[k] as u64;
        pops[k] = net.add_population(
            name,
            "lif",
            sizes[k],
            &[
                ("tau_m", TAU_M.into()),
                ("c_m", C_M.into()),
                ("e_l", (-65.0).into()),
                ("v_th", (-50.0).into()),
                ("v_reset", (-65.0).into()),
                ("t_ref", 2.0.into()),
                ("i_e", dc[k].into()),
                ("v_init", ParamValue::PerNeuron(v0)),
            ],
        )?;
    }
    let counts = p.synapses();
    for i in 0..8 {
        for j in 0..8 {
            if counts[i][j] == 0 {
                continue;
            }
            let mean_d = if j % 2 == 0 { p.delay_e } else { p.delay_i };
            let delay = TruncatedNormal::new(
                mean_d * 1e-3,
                mean_d * p.delay_sd * 1e-3,
                DELAY_MIN_MS.min(mean_d) * 1e-3,
                f64::INFINITY,
            );
            net.add_projection(
                ProjectionSpec::new(
                    format!(
                        "{}->{}",
                        MICROCIRCUIT_POPULATIONS[j], MICROCIRCUIT_POPULATIONS[i]
                    ),
                    pops[j],
                    pops[i],
                    Connectivity::GeneratedNormal {
                        topology: Topology::FixedTotalNumber {
                            total: counts[i][j],
                        },
                        weight: TruncatedNormal::keeping_sign(w[i][j], (w[i][j] * p.psp_sd).abs()),
                        options: ConnectOptions::default(),
                    },
                )
                .synapse(syn)
                .delay(Delay::Normal(delay)),
            )?;
        }
    }
    for k in 0..8 {
        let rate = p.bg_rate * (K_EXT[k] * p.k_scale).round_ties_even();
        if rate > 0.0 {
            net.add_stimulus(
                &format!("background {}", MICROCIRCUIT_POPULATIONS[k]),
                StimulusSpec::Poisson(PoissonInput::new(sizes[k], rate, w_ext)?),
                Some(pops[k]),
                syn,
            )?;
        }
    }
    Ok(net)
}
