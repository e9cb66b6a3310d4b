//! `sc-neurocore run`: build a network (TOML file or zoo), run it with a progress bar, print
//! a summary, and with `--out DIR` write summary.json, spikes.npz and raster.png.

use super::network_toml;
use super::output::{
    NpzArray, OutputSummary, PopulationSummary, ReproducesSummary, StatisticSummary, Summary,
    f64_array, peak_rss_bytes, u64_array, write_arrays, write_npz, write_raster,
};
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sc_neurocore_core::{Communicator, Error, LocalCommunicator, Result, TimeGrid};
use sc_neurocore_runner::{MonitorSpec, Network, NetworkRunner, RunConfig};
use sc_neurocore_zoo::{Outcome, ZooEntry};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

/// Arguments of `sc-neurocore run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// A network described in TOML (see docs/network-toml.md). Without it, a zoo network runs.
    pub network: Option<PathBuf>,
    /// Zoo network to run (default: brunel). See `sc-neurocore zoo`.
    #[arg(long)]
    pub zoo: Option<String>,
    /// Simulated time, seconds (default: the TOML's [run] or the zoo network's suggestion).
    #[arg(long)]
    pub duration: Option<f64>,
    /// Step, seconds (default: the TOML's [run] or the zoo network's suggestion).
    #[arg(long)]
    pub dt: Option<f64>,
    /// Seed of every random stream (connectivity, Poisson input, noise).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Backend: rust (shared memory) or mpi (a build with the mpi feature, under mpirun).
    #[arg(long, default_value = "rust")]
    pub backend: String,
    /// Zoo parameter, KEY=VALUE (repeatable), e.g. --set g=6 --set eta=4.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Directory to write summary.json, spikes.npz and raster.png into.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

fn parse_set(items: &[String]) -> Result<Vec<(String, f64)>> {
    items
        .iter()
        .map(|s| {
            let (k, v) = s
                .split_once('=')
                .ok_or_else(|| Error::invalid("--set", format!("'{s}' is not KEY=VALUE")))?;
            let v: f64 = v
                .trim()
                .parse()
                .map_err(|_| Error::out_of_range("--set", k.trim(), v, "a number"))?;
            Ok((k.trim().to_string(), v))
        })
        .collect()
}

/// The network the arguments ask for: the description, its run settings (duration, dt),
/// what it is for messages, and for a zoo network its entry and settings.
struct Built {
    net: Network,
    duration: f64,
    dt: f64,
    what: String,
    zoo: Option<(&'static ZooEntry, Vec<(String, f64)>)>,
}

/// Builds the network the arguments ask for.
fn network(args: &RunArgs) -> Result<Built> {
    let seed = args.seed;
    if let Some(path) = &args.network {
        if args.zoo.is_some() {
            return Err(Error::invalid(
                "sc-neurocore run",
                "give a TOML network or --zoo, not both",
            ));
        }
        if !args.set.is_empty() {
            return Err(Error::invalid(
                "sc-neurocore run",
                "--set applies to zoo networks; edit the TOML file instead",
            ));
        }
        let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
        let (net, s) = network_toml::parse(&text, seed).map_err(|e| match e {
            Error::Invalid { object, message } => Error::Invalid {
                object: format!("{}: {object}", path.display()),
                message,
            },
            e => e,
        })?;
        return Ok(Built {
            net,
            duration: args.duration.or(s.duration).unwrap_or(1.0),
            dt: args.dt.or(s.dt).unwrap_or(1e-4),
            what: path.display().to_string(),
            zoo: None,
        });
    }
    let name = args.zoo.as_deref().unwrap_or("brunel");
    let entry = sc_neurocore_zoo::lookup(name)?;
    let set = parse_set(&args.set)?;
    let refs: Vec<(&str, f64)> = set.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let net = (entry.build)(&refs, seed.unwrap_or(1))?;
    Ok(Built {
        net,
        duration: args.duration.unwrap_or(entry.default_run.0),
        dt: args.dt.unwrap_or(entry.default_run.1),
        what: format!("zoo '{name}'"),
        zoo: Some((entry, set)),
    })
}

/// The statistics and the outputs a zoo entry declares, measured on its finished run.
fn measure(
    entry: &ZooEntry,
    settings: &[(String, f64)],
    runner: &NetworkRunner,
    spike_monitors: &[usize],
) -> Result<(Option<ReproducesSummary>, Vec<OutputSummary>)> {
    if entry.reproduces.is_none() && entry.outputs.is_empty() {
        return Ok((None, Vec::new()));
    }
    let refs: Vec<(&str, f64)> = settings.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let outcome = Outcome::new(entry, &refs, runner, spike_monitors)?;
    let outputs = entry
        .outputs
        .iter()
        .map(|o| OutputSummary {
            name: o.name.into(),
            definition: o.definition.into(),
            values: (o.measure)(&outcome),
        })
        .collect();
    let Some(r) = entry.reproduces else {
        return Ok((None, outputs));
    };
    let statistics = r
        .statistics
        .iter()
        .zip(outcome.measure(r))
        .map(|(s, measured)| StatisticSummary {
            name: s.name.into(),
            unit: s.unit.into(),
            definition: s.definition.into(),
            measured,
            published: s.published,
            source: s.source.into(),
        })
        .collect();
    Ok((
        Some(ReproducesSummary {
            paper: r.paper.into(),
            command: r.command(entry.name),
            statistics,
        }),
        outputs,
    ))
}

/// Runs the command.
pub fn run(args: RunArgs) -> Result<()> {
    let comm = communicator(&args.backend)?;
    let (rank, ranks) = (comm.rank(), comm.size());
    let lead = rank == 0;
    let t0 = Instant::now();
    let Built {
        mut net,
        duration,
        dt,
        what,
        zoo,
    } = network(&args)?;
    // Checked before anything is built or simulated: a bad duration or an unwritable --out
    // costs nothing.
    TimeGrid::new(dt)?.steps_for(duration)?;
    if lead && let Some(dir) = &args.out {
        prepare_out_dir(dir)?;
    }
    // Record every population's spikes (the summary needs them).
    let mut spike_monitor = Vec::new();
    for p in 0..net.populations().len() {
        let existing = net
            .monitors()
            .iter()
            .position(|m| *m == MonitorSpec::Spikes { population: p });
        spike_monitor.push(match existing {
            Some(m) => m,
            None => net.add_monitor(MonitorSpec::Spikes { population: p })?,
        });
    }
    let config = RunConfig {
        dt,
        threads: args.threads.unwrap_or(RunConfig::default().threads),
    };
    let mut runner = NetworkRunner::with_communicator(&net, config, comm)?;
    let build_s = t0.elapsed().as_secs_f64();
    let synapse_bytes = runner.synapse_bytes();
    if lead {
        eprintln!(
            "{what}: {} neurons, {} synapses, built in {build_s:.2} s; simulating {duration} s at dt = {dt} s on {} thread(s)",
            net.n_neurons(),
            runner.n_synapses(),
            runner.threads()
        );
    }

    let bar = ProgressBar::with_draw_target(
        Some(runner.grid().steps_for(duration)?),
        if lead && std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    bar.set_style(
        ProgressStyle::with_template(
            "{bar:40} {percent:>3}% simulated, {elapsed} elapsed, eta {eta}",
        )
        .expect("static template"),
    );
    let t1 = Instant::now();
    runner.run_with_progress(duration, |done, _| bar.set_position(done))?;
    let sim_s = t1.elapsed().as_secs_f64();
    bar.finish_and_clear();

    // Collect every spike: (t, global id, population), sorted by (t, i).
    let mut rows: Vec<(f64, u64, u32)> = Vec::new();
    let mut pops = Vec::new();
    for (p, pop) in net.populations().iter().enumerate() {
        let data = runner.spike_data(spike_monitor[p])?;
        let off = runner.population_offset(p);
        rows.extend(
            data.times()
                .iter()
                .zip(data.ids())
                .map(|(&t, &i)| (t, off + i as u64, p as u32)),
        );
        let count = data.count() as u64;
        pops.push(PopulationSummary {
            label: pop.label.clone(),
            model: pop.model.name.to_string(),
            n: pop.n,
            spikes: count,
            rate_hz: count as f64 / (pop.n as f64 * duration.max(f64::MIN_POSITIVE)),
            cv_isi: mean_cv_isi(&data.spike_trains()),
        });
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    // On every rank: reading weights gathers them across ranks.
    let (reproduces, outputs) = match &zoo {
        Some((entry, settings)) => measure(entry, settings, &runner, &spike_monitor)?,
        None => (None, Vec::new()),
    };
    // The state, weight and rate monitors of the description (collectives under MPI).
    let mut records: Vec<NpzArray> = Vec::new();
    let record_error = |e: std::io::Error| Error::Invalid {
        object: "monitors.npz".into(),
        message: e.to_string(),
    };
    for (k, m) in net.monitors().iter().enumerate() {
        let data = match m {
            MonitorSpec::State { .. } => runner.state_data(k)?,
            MonitorSpec::Weights { .. } => runner.weight_data(k)?,
            MonitorSpec::Rate { .. } => {
                let d = runner.rate_data(k)?;
                let n = d.times().len();
                records
                    .push(f64_array(format!("m{k}_t"), vec![n], d.times()).map_err(record_error)?);
                records.push(
                    f64_array(format!("m{k}_rates"), vec![n], d.rates_hz())
                        .map_err(record_error)?,
                );
                records.push(u64_array(format!("m{k}_counts"), d.counts()));
                continue;
            }
            MonitorSpec::Spikes { .. } => continue,
        };
        let (t, n) = data.shape();
        let indices: Vec<u64> = data.indices().iter().map(|&i| i as u64).collect();
        records.push(f64_array(format!("m{k}_t"), vec![t], data.times()).map_err(record_error)?);
        records.push(
            f64_array(format!("m{k}_values"), vec![t, n], data.values()).map_err(record_error)?,
        );
        records.push(u64_array(format!("m{k}_indices"), &indices));
    }
    let summary = Summary {
        neurons: net.n_neurons() as u64,
        synapses: runner.n_synapses(),
        spikes: rows.len() as u64,
        duration_s: duration,
        dt_s: dt,
        seed: net.seed(),
        threads: runner.threads(),
        ranks,
        backend: args.backend.clone(),
        build_s,
        sim_s,
        // The whole job's memory: the sum of every rank's peak.
        peak_rss_bytes: runner.communicator().all_sum(peak_rss_bytes()),
        synapse_bytes,
        populations: pops,
        reproduces,
        outputs,
    };
    if !lead {
        return Ok(()); // every rank holds the complete record; rank 0 reports it
    }
    // The results first: a failing stdout (a closed pipe, a full disk) must not cost them.
    if let Some(dir) = &args.out {
        let io = |e: std::io::Error| Error::Io {
            path: dir.display().to_string(),
            message: e.to_string(),
        };
        // Every file is written beside its final name and renamed into place only when all
        // are complete: a run killed while writing leaves the previous results, never a
        // truncated file in place of a good one.
        let mut files = AtomicFiles::new(dir);
        let json = serde_json::to_string_pretty(&summary).expect("summary serialises");
        std::fs::write(files.part("summary.json"), json + "\n").map_err(io)?;
        let t: Vec<f64> = rows.iter().map(|r| r.0).collect();
        let i: Vec<u64> = rows.iter().map(|r| r.1).collect();
        let pop: Vec<u32> = rows.iter().map(|r| r.2).collect();
        write_npz(&files.part("spikes.npz"), &t, &i, &pop).map_err(io)?;
        write_raster(
            &files.part("raster.png"),
            &t,
            &i,
            &pop,
            duration,
            summary.neurons,
        )
        .map_err(io)?;
        let monitors = if records.is_empty() {
            ""
        } else {
            write_arrays(&files.part("monitors.npz"), &records).map_err(io)?;
            ", monitors.npz"
        };
        files.commit().map_err(io)?;
        eprintln!(
            "wrote {}/summary.json, spikes.npz, raster.png{monitors}",
            dir.display()
        );
    }
    if let Err(e) = print_summary(&mut std::io::stdout().lock(), &summary)
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(Error::Io {
            path: "stdout".into(),
            message: e.to_string(),
        });
    }
    Ok(())
}

/// The communicator of a backend: the process alone (`rust`) or the MPI world (`mpi`).
fn communicator(backend: &str) -> Result<Box<dyn Communicator>> {
    match backend {
        "rust" => Ok(Box::new(LocalCommunicator)),
        #[cfg(feature = "mpi")]
        "mpi" => {
            let expect = std::env::var("SCN_EXPECT_RANKS")
                .ok()
                .and_then(|v| v.parse().ok());
            Ok(Box::new(sc_neurocore_mpi::MpiCommunicator::init(expect)?))
        }
        #[cfg(not(feature = "mpi"))]
        "mpi" => Err(Error::invalid(
            "sc-neurocore run",
            "backend 'mpi' is not available in this build: rebuild with \
             `cargo build --release -p sc-neurocore --features mpi` and launch with mpirun",
        )),
        other => Err(Error::unknown(
            "sc-neurocore run",
            "backend",
            other,
            ["rust", "mpi"],
        )),
    }
}

/// Mean ISI coefficient of variation over neurons with at least 3 spikes (as the NEST
/// reference script computes it), None when no neuron qualifies.
fn mean_cv_isi(trains: &[Vec<f64>]) -> Option<f64> {
    let cvs: Vec<f64> = trains
        .iter()
        .filter(|t| t.len() >= 3)
        .filter_map(|t| sc_neurocore_analysis::coefficient_of_variation(t).ok())
        .filter(|cv| !cv.is_nan())
        .collect();
    (!cvs.is_empty()).then(|| cvs.iter().sum::<f64>() / cvs.len() as f64)
}

/// The summary on `out` (stdout).
fn print_summary(out: &mut impl std::io::Write, s: &Summary) -> std::io::Result<()> {
    writeln!(
        out,
        "{} neurons, {} synapses, {} spikes in {} s (dt {} s, seed {}, {} thread(s), backend {})",
        s.neurons, s.synapses, s.spikes, s.duration_s, s.dt_s, s.seed, s.threads, s.backend
    )?;
    writeln!(
        out,
        "build {:.2} s, simulation {:.2} s ({:.2} s per simulated second), peak memory {:.0} MiB, {:.2} bytes per synapse",
        s.build_s,
        s.sim_s,
        s.sim_s / s.duration_s.max(f64::MIN_POSITIVE),
        s.peak_rss_bytes as f64 / (1 << 20) as f64,
        s.synapse_bytes as f64 / s.synapses.max(1) as f64
    )?;
    writeln!(
        out,
        "{:<12} {:<16} {:>8} {:>10} {:>9} {:>7}",
        "population", "model", "n", "spikes", "rate Hz", "CV ISI"
    )?;
    for p in &s.populations {
        let cv = p.cv_isi.map_or("-".to_string(), |c| format!("{c:.3}"));
        writeln!(
            out,
            "{:<12} {:<16} {:>8} {:>10} {:>9.2} {:>7}",
            p.label, p.model, p.n, p.spikes, p.rate_hz, cv
        )?;
    }
    if let Some(r) = &s.reproduces {
        writeln!(out, "reproduces {}", r.paper)?;
        for st in &r.statistics {
            let value = |v: Option<f64>| {
                v.map_or("-".to_string(), |v| {
                    sc_neurocore_zoo::docs::with_unit(
                        (v * 1e4).round() / 1e4, // four decimals are plenty to read
                        &st.unit,
                    )
                })
            };
            writeln!(
                out,
                "  {}: {} (published: {}; {})",
                st.name,
                value(st.measured),
                value(st.published),
                st.source
            )?;
        }
    }
    for o in &s.outputs {
        let values = o.values.as_ref().map_or("-".to_string(), |v| {
            v.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        });
        // What each value is: `sc-neurocore zoo` and summary.json say.
        writeln!(out, "{}: {values}", o.name)?;
    }
    Ok(())
}

/// Checks `--out DIR` before the run: DIR is created if missing and must be a directory this
/// process can write to.
fn prepare_out_dir(dir: &std::path::Path) -> Result<()> {
    let io = |message: String| Error::Io {
        path: dir.display().to_string(),
        message,
    };
    if dir.exists() && !dir.is_dir() {
        return Err(io(
            "--out must be a directory; this path exists and is not one".into(),
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| io(format!("cannot create --out: {e}")))?;
    let probe = dir.join(".sc-neurocore-write-test");
    std::fs::write(&probe, b"").map_err(|e| io(format!("cannot write into --out: {e}")))?;
    std::fs::remove_file(&probe).map_err(|e| io(format!("cannot write into --out: {e}")))
}

/// Files written under temporary names in one directory and renamed into place together.
struct AtomicFiles<'a> {
    dir: &'a std::path::Path,
    names: Vec<&'static str>,
}

impl<'a> AtomicFiles<'a> {
    fn new(dir: &'a std::path::Path) -> Self {
        AtomicFiles {
            dir,
            names: Vec::new(),
        }
    }

    /// The temporary path to write `name` to.
    fn part(&mut self, name: &'static str) -> std::path::PathBuf {
        self.names.push(name);
        self.dir.join(format!(".{name}.partial"))
    }

    /// Flushes every file to disk, then renames each over its final name.
    fn commit(self) -> std::io::Result<()> {
        for name in &self.names {
            std::fs::File::open(self.dir.join(format!(".{name}.partial")))?.sync_all()?;
        }
        for name in &self.names {
            std::fs::rename(
                self.dir.join(format!(".{name}.partial")),
                self.dir.join(name),
            )?;
        }
        Ok(())
    }
}
