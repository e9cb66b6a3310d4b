//! Same seed, same graph — whatever the number of threads or the split into target ranges;
//! other seeds or projection indices, other graphs.

use sc_neurocore_topology::{ConnectOptions, Csr, TargetRows, Topology};

/// Every topology with parameters that fit `n` neurons (n = 120 = 10 x 12).
fn all() -> Vec<Topology> {
    vec![
        Topology::Random { probability: 0.1 },
        Topology::FixedIndegree { indegree: 15 },
        Topology::FixedIndegree { indegree: 80 },
        Topology::FixedOutdegree { outdegree: 15 },
        Topology::FixedTotalNumber { total: 1500 },
        Topology::SmallWorld {
            k: 6,
            p_rewire: 0.2,
        },
        Topology::ScaleFree { m: 3 },
        Topology::Ring { k: 4 },
        Topology::Grid {
            rows_count: 10,
            cols_count: 12,
            radius: 1.5,
        },
        Topology::AllToAll,
    ]
}

fn option_sets() -> [ConnectOptions; 3] {
    [
        ConnectOptions::recurrent(),
        ConnectOptions::recurrent().autapses(false).multapses(false),
        ConnectOptions::recurrent().autapses(false),
    ]
}

const N: usize = 120;

fn build(t: &Topology, seed: u64, object: u32, opts: ConnectOptions) -> Csr {
    t.generate(N, N, 0.25, seed, object, opts).unwrap()
}

#[test]
fn same_seed_same_graph() {
    for t in all() {
        for opts in option_sets() {
            assert_eq!(build(&t, 42, 3, opts), build(&t, 42, 3, opts), "{t}");
        }
    }
}

#[test]
fn other_seeds_and_projections_give_other_graphs() {
    for t in all() {
        if matches!(
            t,
            Topology::Ring { .. } | Topology::Grid { .. } | Topology::AllToAll
        ) {
            continue; // deterministic by definition
        }
        let opts = ConnectOptions::recurrent();
        let base = build(&t, 42, 3, opts);
        assert_ne!(base, build(&t, 43, 3, opts), "{t}: seed");
        assert_ne!(base, build(&t, 42, 4, opts), "{t}: object");
    }
}

#[test]
fn thread_count_does_not_change_the_result() {
    let pool = |n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    };
    let (one, four) = (pool(1), pool(4));
    // Large enough that rayon really splits the work (several blocks of 256 rows).
    let cases = [
        (Topology::Random { probability: 0.05 }, 3000, 1100),
        (Topology::FixedIndegree { indegree: 100 }, 3000, 1100),
        (Topology::FixedIndegree { indegree: 2000 }, 3000, 150),
        (Topology::FixedOutdegree { outdegree: 100 }, 1100, 3000),
        (Topology::FixedTotalNumber { total: 150_000 }, 3000, 1100),
        (Topology::AllToAll, 300, 300),
    ];
    for (t, n_src, n_tgt) in cases {
        for opts in [
            ConnectOptions::default(),
            ConnectOptions::default().multapses(false),
        ] {
            let a = one.install(|| t.generate(n_src, n_tgt, 1.0, 7, 1, opts).unwrap());
            let b = four.install(|| t.generate(n_src, n_tgt, 1.0, 7, 1, opts).unwrap());
            assert!(a == b, "{t} {opts:?}: 1 and 4 threads differ");
        }
    }
}

#[test]
fn target_ranges_reproduce_the_whole_projection() {
    // What an MPI rank does: generate only its targets. The pieces must be the rows of the
    // whole projection, and their union must give the same CSR.
    for t in all() {
        for opts in option_sets() {
            let whole = t.generate_in_rows(N, N, 0..N, 5, 2, opts).unwrap();
            assert_eq!(whole.to_csr(0.25).unwrap(), build(&t, 5, 2, opts), "{t}");
            for range in [0..7, 7..64, 64..N, 30..30] {
                let part = t.generate_in_rows(N, N, range.clone(), 5, 2, opts).unwrap();
                assert_eq!(part.targets(), range);
                for tgt in range {
                    assert_eq!(part.row(tgt), whole.row(tgt), "{t} {opts:?} target {tgt}");
                }
            }
        }
    }
}

#[test]
fn csr_round_trips_through_target_rows() {
    for t in all() {
        let csr = build(&t, 1, 0, ConnectOptions::recurrent().multapses(false));
        let rows = TargetRows::from_csr(&csr, 0..N);
        assert_eq!(rows.nnz(), csr.nnz());
        assert_eq!(rows.to_csr(0.25).unwrap(), csr, "{t}");
    }
}

#[test]
fn names_and_params_round_trip() {
    for t in all() {
        let params = t.params();
        let kwargs: Vec<(&str, f64)> = params.iter().map(|&(k, v)| (k, v)).collect();
        assert_eq!(Topology::from_name(t.name(), &kwargs).unwrap(), t);
    }
    assert_eq!(
        Topology::SmallWorld {
            k: 4,
            p_rewire: 0.1
        }
        .to_string(),
        "small_world(k=4, p_rewire=0.1)"
    );
    assert_eq!(Topology::AllToAll.to_string(), "all_to_all()");
}

#[test]
fn fixed_total_number_rows_do_not_depend_on_the_split() {
    // Many targets and an uneven split: every piece's rows are the whole projection's.
    let t = Topology::FixedTotalNumber { total: 200_000 };
    let (n_src, n_tgt) = (700, 5000);
    let opts = ConnectOptions::default();
    let whole = t
        .generate_in_rows(n_src, n_tgt, 0..n_tgt, 8, 6, opts)
        .unwrap();
    let mut nnz = 0;
    for range in [0..1, 1..1234, 1234..1235, 1235..4999, 4999..5000] {
        let part = t
            .generate_in_rows(n_src, n_tgt, range.clone(), 8, 6, opts)
            .unwrap();
        nnz += part.nnz();
        for tgt in range {
            assert_eq!(part.row(tgt), whole.row(tgt), "target {tgt}");
        }
    }
    assert_eq!(nnz, 200_000);
}
