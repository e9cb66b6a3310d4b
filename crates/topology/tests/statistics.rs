//! Statistical and structural properties of every generator.

mod common;

use common::*;
use sc_neurocore_topology::{
    ConnectOptions, Csr, Topology, all_to_all, grid_topology, random_connectivity, ring_topology,
    scale_free, small_world,
};

/// Mean and (population) variance.
fn moments(xs: &[usize]) -> (f64, f64) {
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<usize>() as f64 / n;
    let var = xs.iter().map(|&x| (x as f64 - mean).powi(2)).sum::<f64>() / n;
    (mean, var)
}

#[test]
fn random_synapse_count_is_binomial() {
    let (n_src, n_tgt, p) = (2000usize, 1500usize, 0.05);
    let csr = random_connectivity(n_src, n_tgt, p, 0.1, 7).unwrap();
    let pairs = (n_src * n_tgt) as f64;
    let se = (pairs * p * (1.0 - p)).sqrt();
    assert!(
        (csr.nnz() as f64 - pairs * p).abs() < 5.0 * se,
        "nnz {} expected {}",
        csr.nnz(),
        pairs * p
    );
    assert!(rows_sorted(&csr));
    assert_eq!(multapses(&csr), 0);
    assert!(csr.weights().iter().all(|&w| w == 0.1));
    // In-degrees ~ Binomial(n_src, p), out-degrees ~ Binomial(n_tgt, p): check the variances
    // (relative standard error of a variance ~ sqrt(2 / samples)).
    for (degrees, trials) in [(indegrees(&csr), n_src), (outdegrees(&csr), n_tgt)] {
        let (_, var) = moments(&degrees);
        let want = trials as f64 * p * (1.0 - p);
        let rel = (2.0 / degrees.len() as f64).sqrt();
        assert!(
            (var / want - 1.0).abs() < 5.0 * rel,
            "var {var} want {want}"
        );
    }
}

#[test]
fn random_without_autapses_draws_from_the_others() {
    let (n, p) = (1500usize, 0.1);
    let opts = ConnectOptions::recurrent().autapses(false);
    let csr = Topology::Random { probability: p }
        .generate(n, n, 1.0, 3, 0, opts)
        .unwrap();
    assert_eq!(autapses(&csr), 0);
    let pairs = (n * (n - 1)) as f64;
    let se = (pairs * p * (1.0 - p)).sqrt();
    assert!((csr.nnz() as f64 - pairs * p).abs() < 5.0 * se);
    // With autapses allowed, about n p of them appear.
    let csr = Topology::Random { probability: p }
        .generate(n, n, 1.0, 3, 0, ConnectOptions::recurrent())
        .unwrap();
    let a = autapses(&csr) as f64;
    assert!(
        (a - n as f64 * p).abs() < 5.0 * (n as f64 * p * (1.0 - p)).sqrt(),
        "{a}"
    );
}

#[test]
fn random_probability_zero_and_one() {
    assert_eq!(random_connectivity(30, 20, 0.0, 1.0, 1).unwrap().nnz(), 0);
    let full = random_connectivity(30, 20, 1.0, 1.0, 1).unwrap();
    assert_eq!(full, all_to_all(30, 20, 1.0, true).unwrap());
}

#[test]
fn fixed_indegree_is_exact_per_target() {
    let (n_src, n_tgt, k) = (400usize, 300usize, 60usize);
    for opts in [
        ConnectOptions::default(),
        ConnectOptions::default().multapses(false),
        ConnectOptions::recurrent().autapses(false),
        ConnectOptions::recurrent().autapses(false).multapses(false),
    ] {
        let n_tgt = if opts.same_population { n_src } else { n_tgt };
        let csr = Topology::FixedIndegree { indegree: k }
            .generate(n_src, n_tgt, 0.5, 11, 2, opts)
            .unwrap();
        assert!(indegrees(&csr).iter().all(|&d| d == k), "{opts:?}");
        assert_eq!(csr.nnz(), n_tgt * k);
        assert!(rows_sorted(&csr));
        if !opts.allow_multapses {
            assert_eq!(multapses(&csr), 0, "{opts:?}");
        }
        if opts.same_population && !opts.allow_autapses {
            assert_eq!(autapses(&csr), 0, "{opts:?}");
        }
        // Sources are drawn uniformly: out-degrees have mean n_tgt k / n_src and, for
        // independent draws, a multinomial variance close to the mean.
        let (mean, var) = moments(&outdegrees(&csr));
        assert!((mean - (n_tgt * k) as f64 / n_src as f64).abs() < 1e-9);
        let p = k as f64 / n_src as f64;
        let want = if opts.allow_multapses {
            mean * (1.0 - 1.0 / n_src as f64)
        } else {
            n_tgt as f64 * p * (1.0 - p)
        };
        let rel = (2.0 / n_src as f64).sqrt();
        assert!(
            (var / want - 1.0).abs() < 5.0 * rel,
            "{opts:?}: var {var} want {want}"
        );
    }
}

#[test]
fn fixed_indegree_multapses_and_autapses_appear_when_allowed() {
    // 100 sources, 50 draws per target: about 50 * 49 / 200 = 12 repeats per row.
    let csr = Topology::FixedIndegree { indegree: 50 }
        .generate(100, 100, 1.0, 5, 0, ConnectOptions::recurrent())
        .unwrap();
    // A row's distinct sources are the occupied cells of 50 balls in 100 cells: mean
    // n (1 - q1), q1 = 0.99^50, variance n q1 + n (n - 1) q2 - n^2 q1^2, q2 = 0.98^50 (about
    // 5.8); the rows are independent, so the mean repeats per row has variance 5.8 / 100.
    let n = 100.0;
    let (q1, q2) = (0.99f64.powi(50), 0.98f64.powi(50));
    let var = n * q1 + n * (n - 1.0) * q2 - n * n * q1 * q1;
    let repeats = multapses(&csr) as f64 / 100.0;
    let want = 50.0 - n * (1.0 - q1);
    assert!(
        (repeats - want).abs() < 5.0 * (var / 100.0).sqrt(),
        "{repeats} repeats per row, want {want}"
    );
    // Each target draws itself with probability 1 - 0.99^50 ~ 0.4, independently: binomial.
    let p_self = 1.0 - q1;
    let autapses = autapses(&csr) as f64;
    assert!(
        (autapses - n * p_self).abs() < 5.0 * (n * p_self * q1).sqrt(),
        "{autapses} autapses, want {}",
        n * p_self
    );
}

#[test]
fn fixed_indegree_can_take_every_source() {
    let opts = ConnectOptions::recurrent().autapses(false).multapses(false);
    let csr = Topology::FixedIndegree { indegree: 9 }
        .generate(10, 10, 1.0, 5, 0, opts)
        .unwrap();
    assert_eq!(csr, all_to_all(10, 10, 1.0, false).unwrap());
}

#[test]
fn fixed_outdegree_is_exact_per_source() {
    for opts in [
        ConnectOptions::default(),
        ConnectOptions::recurrent().autapses(false).multapses(false),
    ] {
        let csr = Topology::FixedOutdegree { outdegree: 30 }
            .generate(200, 200, 1.0, 2, 4, opts)
            .unwrap();
        assert!(outdegrees(&csr).iter().all(|&d| d == 30));
        assert!(rows_sorted(&csr));
        if !opts.allow_multapses {
            assert_eq!(multapses(&csr), 0);
            assert_eq!(autapses(&csr), 0);
        }
        let (mean, _) = moments(&indegrees(&csr));
        assert!((mean - 30.0).abs() < 1e-9);
    }
}

#[test]
fn ring_is_the_k_nearest_neighbours() {
    let csr = ring_topology(80, 4, 0.05).unwrap();
    assert_eq!(csr.nnz(), 320);
    assert_eq!(csr.row(0).0, &[1, 2, 78, 79]);
    assert_eq!(csr.row(40).0, &[38, 39, 41, 42]);
    assert!(symmetric(&csr));
    assert_eq!(autapses(&csr), 0);
    // k = n - 1: the complete graph.
    assert_eq!(
        ring_topology(7, 6, 1.0).unwrap(),
        all_to_all(7, 7, 1.0, false).unwrap()
    );
}

#[test]
fn small_world_without_rewiring_is_the_ring_lattice() {
    for (n, k) in [(80, 4), (101, 10), (7, 6)] {
        assert_eq!(
            small_world(n, k, 0.0, 0.05, 42).unwrap(),
            ring_topology(n, k, 0.05).unwrap()
        );
    }
}

#[test]
fn small_world_keeps_edges_and_forbids_loops_and_duplicates() {
    for p in [0.1, 0.5, 1.0] {
        let csr = small_world(300, 8, p, 1.0, 9).unwrap();
        assert_eq!(csr.nnz(), 300 * 8);
        assert!(symmetric(&csr));
        assert_eq!(autapses(&csr), 0);
        assert_eq!(multapses(&csr), 0);
    }
    // The complete graph has nothing to rewire to.
    assert_eq!(
        small_world(7, 6, 1.0, 1.0, 1).unwrap(),
        all_to_all(7, 7, 1.0, false).unwrap()
    );
}

#[test]
fn small_world_is_clustered_with_short_paths() {
    // Watts & Strogatz (1998), Fig. 2: at p = 0.1 clustering stays near the lattice's while
    // the path length falls close to the random graph's (p = 1). Measured here (n = 500,
    // k = 10, seed 1): C = 0.667 / 0.481 / 0.019 and L = 25.5 / 3.89 / 2.94 at p = 0 / 0.1 / 1.
    let (n, k) = (500, 10);
    let measure = |p: f64| {
        let g: Csr = small_world(n, k, p, 1.0, 1).unwrap();
        (clustering(&g), path_length(&g))
    };
    let (c0, l0) = measure(0.0);
    let (c, l) = measure(0.1);
    let (c_rand, l_rand) = measure(1.0);
    // Lattice: C(0) = 3(k - 2) / (4(k - 1)) = 2/3; L(0) ~ n / 2k.
    assert!((c0 - 2.0 / 3.0).abs() < 1e-12, "{c0}");
    assert!(l0 > 12.0, "{l0}");
    assert!(c > 0.6 * c0, "C(0.1) = {c}, C(0) = {c0}");
    assert!(c > 5.0 * c_rand, "C(0.1) = {c}, C(1) = {c_rand}");
    assert!(l < 0.35 * l0, "L(0.1) = {l}, L(0) = {l0}");
    assert!(l < 1.6 * l_rand, "L(0.1) = {l}, L(1) = {l_rand}");
}

#[test]
fn scale_free_degrees_are_heavy_tailed() {
    let (n, m) = (5000usize, 3usize);
    let mut alphas = Vec::new();
    for seed in 0..4 {
        let csr = scale_free(n, m, 1.0, seed).unwrap();
        assert_eq!(csr.nnz(), 2 * m * (n - m));
        assert!(symmetric(&csr));
        assert_eq!(autapses(&csr), 0);
        assert_eq!(multapses(&csr), 0);
        let deg = outdegrees(&csr);
        assert!(deg[m..].iter().all(|&d| d >= m));
        assert!(deg.iter().all(|&d| d >= 1));
        let mean = deg.iter().sum::<usize>() as f64 / n as f64;
        let max = *deg.iter().max().unwrap() as f64;
        // The largest hub grows like m sqrt(n) ~ 200; an Erdős–Rényi graph of the same mean
        // degree (6) would not exceed ~20.
        assert!(max > 10.0 * mean, "max {max} mean {mean}");
        // Discrete power-law exponent by maximum likelihood (Clauset, Shalizi & Newman 2009,
        // eq. 3.7) over the tail k >= 4m, where the BA law 2m(m+1)/(k(k+1)(k+2)) is close to
        // k^-3 (at k_min = 2m the estimate is ~2.77, at 4m ~2.83).
        let k_min = 4 * m;
        let tail: Vec<f64> = deg
            .iter()
            .filter(|&&d| d >= k_min)
            .map(|&d| d as f64)
            .collect();
        let s: f64 = tail.iter().map(|&d| (d / (k_min as f64 - 0.5)).ln()).sum();
        alphas.push(1.0 + tail.len() as f64 / s);
    }
    let alpha = alphas.iter().sum::<f64>() / alphas.len() as f64;
    assert!((alpha - 3.0).abs() < 0.3, "exponent {alpha} ({alphas:?})");
}

#[test]
fn scale_free_ccdf_matches_barabasi_albert() {
    // For the BA process P(K >= k) = m (m + 1) / (k (k + 1)) (Dorogovtsev et al. 2000).
    let (n, m) = (20_000usize, 2usize);
    let deg = outdegrees(&scale_free(n, m, 1.0, 3).unwrap());
    for k in [4usize, 8, 16, 32] {
        let got = deg.iter().filter(|&&d| d >= k).count() as f64 / n as f64;
        let want = (m * (m + 1)) as f64 / (k * (k + 1)) as f64;
        let se = (want * (1.0 - want) / n as f64).sqrt();
        assert!(
            (got - want).abs() < 5.0 * se + 0.1 * want,
            "k {k}: {got} vs {want}"
        );
    }
}

#[test]
fn grid_neighbour_counts_match_the_lattice() {
    // 10 rows x 8 columns; neuron r * 8 + c.
    let at = |r: usize, c: usize| r * 8 + c;
    let g1 = grid_topology(10, 8, 1.0, 0.05).unwrap();
    let g2 = grid_topology(10, 8, 2.0, 0.05).unwrap();
    let deg1 = outdegrees(&g1);
    let deg2 = outdegrees(&g2);
    // Interior: 4 at radius 1; 4 + 4 diagonals + 4 at distance 2 = 12 at radius 2.
    assert_eq!((deg1[at(4, 4)], deg2[at(4, 4)]), (4, 12));
    // Corner: 2 and (1,0) (0,1) (1,1) (2,0) (0,2) = 5.
    for (r, c) in [(0, 0), (0, 7), (9, 0), (9, 7)] {
        assert_eq!((deg1[at(r, c)], deg2[at(r, c)]), (2, 5));
    }
    // Middle of an edge: 3 and 8.
    assert_eq!((deg1[at(0, 4)], deg2[at(0, 4)]), (3, 8));
    assert_eq!(g1.row(at(0, 0)).0, &[1, 8]);
    assert!(symmetric(&g2) && rows_sorted(&g2));
    assert_eq!(autapses(&g2), 0);
    // Against brute force at a non-integer radius.
    let radius = 2.3f64;
    let g = grid_topology(10, 8, radius, 1.0).unwrap();
    for a in 0..80 {
        let want: Vec<u32> = (0..80u32)
            .filter(|&b| {
                let (dr, dc) = (
                    (a / 8) as f64 - (b / 8) as f64,
                    (a % 8) as f64 - (b % 8) as f64,
                );
                b as usize != a && dr * dr + dc * dc <= radius * radius
            })
            .collect();
        assert_eq!(g.row(a).0, &want[..]);
    }
    // Radius 0: no neighbours; a radius beyond the grid: everyone.
    assert_eq!(grid_topology(3, 4, 0.0, 1.0).unwrap().nnz(), 0);
    assert_eq!(
        grid_topology(3, 4, 100.0, 1.0).unwrap(),
        all_to_all(12, 12, 1.0, false).unwrap()
    );
}

#[test]
fn all_to_all_counts() {
    let c = all_to_all(80, 20, 0.01, true).unwrap();
    assert_eq!(c.nnz(), 1600);
    assert!(outdegrees(&c).iter().all(|&d| d == 20));
    let c = all_to_all(20, 20, 0.01, false).unwrap();
    assert_eq!(c.nnz(), 380);
    assert_eq!(autapses(&c), 0);
    // Through Topology between two populations, options about autapses do not apply.
    let c = Topology::AllToAll
        .generate(20, 20, 1.0, 0, 0, ConnectOptions::default().autapses(false))
        .unwrap();
    assert_eq!(c.nnz(), 400);
}

#[test]
fn fixed_total_number_is_exact_with_multinomial_degrees() {
    // 2000 targets: in-degrees ~ Binomial(total, 1 / n_tgt) marginally (multinomial), sources
    // uniform: out-degrees ~ Binomial(total, 1 / n_src).
    let (n_src, n_tgt, total) = (1500usize, 2000usize, 400_000usize);
    for opts in [
        ConnectOptions::default(),
        ConnectOptions::recurrent(),
        ConnectOptions::recurrent().autapses(false),
    ] {
        let n_tgt = if opts.same_population { n_src } else { n_tgt };
        let csr = Topology::FixedTotalNumber { total }
            .generate(n_src, n_tgt, 0.5, 21, 3, opts)
            .unwrap();
        assert_eq!(csr.nnz(), total, "{opts:?}");
        assert!(rows_sorted(&csr));
        assert!(csr.weights().iter().all(|&w| w == 0.5));
        for (degrees, n) in [(indegrees(&csr), n_tgt), (outdegrees(&csr), n_src)] {
            let (mean, var) = moments(&degrees);
            let p = 1.0 / n as f64;
            assert!((mean - total as f64 * p).abs() < 1e-9);
            let want = total as f64 * p * (1.0 - p);
            let rel = (2.0 / n as f64).sqrt();
            assert!(
                (var / want - 1.0).abs() < 5.0 * rel,
                "{opts:?}: var {var} want {want}"
            );
        }
        let a = autapses(&csr) as f64;
        if opts.same_population && opts.allow_autapses {
            // Each synapse is an autapse with probability 1 / n_src.
            let want = total as f64 / n_src as f64;
            assert!((a - want).abs() < 5.0 * want.sqrt(), "autapses {a}");
        } else if opts.same_population {
            assert_eq!(a, 0.0);
        }
        // Pairs repeat as independent draws do: expected repeats total - E[distinct pairs].
        let pairs = (n_src * n_tgt) as f64;
        let distinct = pairs * (1.0 - (-(total as f64) / pairs).exp());
        let repeats = multapses(&csr) as f64;
        let want = total as f64 - distinct;
        assert!(
            (repeats - want).abs() < 5.0 * want.sqrt(),
            "{repeats} {want}"
        );
    }
}

#[test]
fn fixed_total_number_sources_are_uniform() {
    // 10 sources, 1 target, 100,000 synapses: chi-square over the sources.
    let total = 100_000;
    let csr = Topology::FixedTotalNumber { total }
        .generate(10, 1, 1.0, 4, 0, ConnectOptions::default())
        .unwrap();
    let counts = outdegrees(&csr);
    let e = total as f64 / 10.0;
    let chi2: f64 = counts.iter().map(|&c| (c as f64 - e).powi(2) / e).sum();
    // 9 degrees of freedom: mean 9, sd ~4.2.
    assert!(chi2 < 9.0 + 5.0 * 18f64.sqrt(), "{counts:?}");
    // Empty projections and a single target.
    let t = Topology::FixedTotalNumber { total: 0 };
    assert_eq!(
        t.generate(0, 0, 1.0, 1, 0, ConnectOptions::default())
            .unwrap()
            .nnz(),
        0
    );
    let t = Topology::FixedTotalNumber { total: 7 };
    let csr = t
        .generate(3, 1, 1.0, 1, 0, ConnectOptions::default())
        .unwrap();
    assert_eq!(indegrees(&csr), [7]);
}

#[test]
fn fixed_total_number_without_multapses_draws_distinct_pairs() {
    // A uniform set of `total` distinct pairs: in-degrees are multivariate hypergeometric,
    // Var = N (c / P) (1 - c / P) (P - N) / (P - 1) with P = c n_tgt pairs, c per target.
    let (n, total) = (1000usize, 300_000usize);
    for opts in [
        ConnectOptions::recurrent().multapses(false),
        ConnectOptions::recurrent().autapses(false).multapses(false),
    ] {
        let csr = Topology::FixedTotalNumber { total }
            .generate(n, n, 1.0, 6, 1, opts)
            .unwrap();
        assert_eq!(csr.nnz(), total);
        assert_eq!(multapses(&csr), 0, "{opts:?}");
        let c = if opts.allow_autapses { n } else { n - 1 };
        if !opts.allow_autapses {
            assert_eq!(autapses(&csr), 0);
        }
        let pairs = (c * n) as f64;
        let (nf, q) = (total as f64, c as f64 / pairs);
        let want = nf * q * (1.0 - q) * (pairs - nf) / (pairs - 1.0);
        let (mean, var) = moments(&indegrees(&csr));
        assert!((mean - nf / n as f64).abs() < 1e-9);
        let rel = (2.0 / n as f64).sqrt();
        assert!(
            (var / want - 1.0).abs() < 5.0 * rel,
            "{opts:?}: var {var} want {want}"
        );
    }
    // Every pair: all to all.
    let t = Topology::FixedTotalNumber { total: 12 };
    let opts = ConnectOptions::default().multapses(false);
    assert_eq!(
        t.generate(4, 3, 1.0, 2, 0, opts).unwrap(),
        all_to_all(4, 3, 1.0, true).unwrap()
    );
}
