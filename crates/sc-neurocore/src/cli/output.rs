//! What `sc-neurocore run --out DIR` writes (DESIGN.md §6): summary.json, spikes.npz,
//! raster.png, and monitors.npz (the state, weight and rate monitors of the description).

use ndarray::{ArrayViewD, CowArray, IxDyn};
use serde::Serialize;
use std::path::Path;

/// One population's line of the summary.
#[derive(Debug, Clone, Serialize)]
pub struct PopulationSummary {
    /// Label.
    pub label: String,
    /// Model registry name.
    pub model: String,
    /// Neurons.
    pub n: usize,
    /// Spikes in the run.
    pub spikes: u64,
    /// Mean rate over neurons and the run, Hz.
    pub rate_hz: f64,
    /// Mean ISI coefficient of variation over neurons with at least 3 spikes (None when none).
    pub cv_isi: Option<f64>,
}

/// One statistic a zoo network reproduces, measured on this run (see
/// `sc_neurocore_zoo::Statistic`).
#[derive(Debug, Clone, Serialize)]
pub struct StatisticSummary {
    /// Name (`rate of exc`).
    pub name: String,
    /// Unit.
    pub unit: String,
    /// How it is measured.
    pub definition: String,
    /// The value on this run (None when the run does not allow it, e.g. too short).
    pub measured: Option<f64>,
    /// The published value (None when the source gives no number).
    pub published: Option<f64>,
    /// Where the published value comes from.
    pub source: String,
}

/// What a zoo network reproduces, measured on this run.
#[derive(Debug, Clone, Serialize)]
pub struct ReproducesSummary {
    /// The paper.
    pub paper: String,
    /// The run the published values belong to (a run with other settings measures the same
    /// statistics on itself).
    pub command: String,
    /// The statistics.
    pub statistics: Vec<StatisticSummary>,
}

/// One output a zoo network declares (see `sc_neurocore_zoo::Output`), read off this run:
/// a value per item (the label of each image a classifier was shown).
#[derive(Debug, Clone, Serialize)]
pub struct OutputSummary {
    /// Name (`labels`).
    pub name: String,
    /// What each value is.
    pub definition: String,
    /// The values (None when the run does not allow them, e.g. another dt).
    pub values: Option<Vec<f64>>,
}

/// summary.json.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Total neurons.
    pub neurons: u64,
    /// Total synapses.
    pub synapses: u64,
    /// Total spikes.
    pub spikes: u64,
    /// Simulated time, s.
    pub duration_s: f64,
    /// Step, s.
    pub dt_s: f64,
    /// Seed.
    pub seed: u64,
    /// Threads per rank.
    pub threads: usize,
    /// MPI ranks (1 for the shared-memory engine).
    pub ranks: usize,
    /// Backend that ran.
    pub backend: String,
    /// Build time, s.
    pub build_s: f64,
    /// Simulation time, s.
    pub sim_s: f64,
    /// Peak resident memory of the process, bytes.
    pub peak_rss_bytes: u64,
    /// Bytes held by the synapse tables.
    pub synapse_bytes: u64,
    /// Per population.
    pub populations: Vec<PopulationSummary>,
    /// For a zoo network that declares it: what it reproduces, measured on this run (null
    /// otherwise).
    pub reproduces: Option<ReproducesSummary>,
    /// For a zoo network that declares outputs: their values on this run (absent otherwise).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub outputs: Vec<OutputSummary>,
}

/// Peak resident set size of this process (Linux `VmHWM`), 0 where unknown.
pub fn peak_rss_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|kb| kb.parse::<u64>().ok())
            })
        })
        .map_or(0, |kb| kb * 1024)
}

/// One named array of an `.npz` (the name without `.npy`): the spikes are borrowed from the
/// run, the monitors' records copied out of their (per-iteration) reads.
pub enum NpzArray<'a> {
    F64(String, CowArray<'a, f64, IxDyn>),
    U64(String, CowArray<'a, u64, IxDyn>),
    U32(String, CowArray<'a, u32, IxDyn>),
}

/// `v` as an array of `shape` (C order); the shape must hold `v.len()` values.
fn view<'a, T>(name: &str, shape: &[usize], v: &'a [T]) -> std::io::Result<ArrayViewD<'a, T>> {
    ArrayViewD::from_shape(IxDyn(shape), v).map_err(|e| {
        std::io::Error::other(format!(
            "{name}: {} values for shape {shape:?}: {e}",
            v.len()
        ))
    })
}

/// A float64 array of `shape`, copied.
pub fn f64_array(name: String, shape: Vec<usize>, v: &[f64]) -> std::io::Result<NpzArray<'static>> {
    let a = view(&name, &shape, v)?.to_owned();
    Ok(NpzArray::F64(name, a.into()))
}

/// A 1-D uint64 array, copied.
pub fn u64_array(name: String, v: &[u64]) -> NpzArray<'static> {
    NpzArray::U64(
        name,
        ndarray::ArrayD::from_shape_vec(IxDyn(&[v.len()]), v.to_vec())
            .expect("1-D")
            .into(),
    )
}

/// Writes `arrays` as an uncompressed `.npz`, as `numpy.savez` (ndarray-npy writes the
/// `.npy` members).
pub fn write_arrays(path: &Path, arrays: &[NpzArray<'_>]) -> std::io::Result<()> {
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    // A member over 4 GiB needs ZIP64 (zip refuses to write it otherwise).
    let bytes = |a: &NpzArray<'_>| match a {
        NpzArray::F64(_, x) => x.len() * 8,
        NpzArray::U64(_, x) => x.len() * 8,
        NpzArray::U32(_, x) => x.len() * 4,
    };
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(arrays.iter().any(|a| bytes(a) as u64 >= u32::MAX as u64));
    let mut npz = ndarray_npy::NpzWriter::new_with_options(file, options);
    for a in arrays {
        match a {
            NpzArray::F64(name, x) => npz.add_array(name.as_str(), x),
            NpzArray::U64(name, x) => npz.add_array(name.as_str(), x),
            NpzArray::U32(name, x) => npz.add_array(name.as_str(), x),
        }
        .map_err(std::io::Error::other)?;
    }
    npz.finish().map_err(std::io::Error::other)?;
    Ok(())
}

/// spikes.npz: `t` (float64 s), `i` (uint64 global id), `pop` (uint32), sorted by (t, i).
pub fn write_npz(path: &Path, t: &[f64], i: &[u64], pop: &[u32]) -> std::io::Result<()> {
    write_arrays(
        path,
        &[
            NpzArray::F64("t".into(), view("t", &[t.len()], t)?.into()),
            NpzArray::U64("i".into(), view("i", &[i.len()], i)?.into()),
            NpzArray::U32("pop".into(), view("pop", &[pop.len()], pop)?.into()),
        ],
    )
}

/// raster.png: one dot per spike, time on x, global neuron id on y, a colour per population.
pub fn write_raster(
    path: &Path,
    t: &[f64],
    i: &[u64],
    pop: &[u32],
    duration: f64,
    neurons: u64,
) -> std::io::Result<()> {
    const W: usize = 1200;
    const H: usize = 700;
    const MARGIN: usize = 20;
    const PALETTE: [[u8; 3]; 6] = [
        [31, 119, 180],
        [214, 39, 40],
        [44, 160, 44],
        [255, 127, 14],
        [148, 103, 189],
        [140, 86, 75],
    ];
    let mut img = vec![255u8; W * H * 3];
    let (pw, ph) = (W - 2 * MARGIN, H - 2 * MARGIN);
    // Frame.
    for x in MARGIN..W - MARGIN {
        for y in [MARGIN, H - MARGIN] {
            img[(y * W + x) * 3..(y * W + x) * 3 + 3].copy_from_slice(&[0, 0, 0]);
        }
    }
    for y in MARGIN..=H - MARGIN {
        for x in [MARGIN, W - MARGIN] {
            img[(y * W + x) * 3..(y * W + x) * 3 + 3].copy_from_slice(&[0, 0, 0]);
        }
    }
    let duration = if duration > 0.0 { duration } else { 1.0 };
    let neurons = neurons.max(1) as f64;
    for ((&t, &i), &p) in t.iter().zip(i).zip(pop) {
        let x = MARGIN + ((t / duration) * (pw - 1) as f64).clamp(0.0, (pw - 1) as f64) as usize;
        let y = H - MARGIN - 1 - ((i as f64 / neurons) * (ph - 1) as f64) as usize;
        let c = PALETTE[p as usize % PALETTE.len()];
        img[(y * W + x) * 3..(y * W + x) * 3 + 3].copy_from_slice(&c);
    }
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut enc = png::Encoder::new(file, W as u32, H as u32);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut w = enc.write_header().map_err(std::io::Error::other)?;
    w.write_image_data(&img).map_err(std::io::Error::other)?;
    Ok(())
}
