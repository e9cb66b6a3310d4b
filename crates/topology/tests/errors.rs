//! Every bad input a user can give, with the exact message.

use sc_neurocore_topology::{
    ConnectOptions, Topology, all_to_all, grid_topology, random_connectivity, ring_topology,
    scale_free, small_world,
};

fn check(err: sc_neurocore_topology::Result<impl std::fmt::Debug>, want: &str) {
    match err {
        Ok(v) => panic!("expected the error {want:?}, got Ok({v:?})"),
        Err(e) => assert_eq!(e.to_string(), want),
    }
}

/// A by-name case: topology name, keyword arguments, expected message.
type NameCase<'a> = (&'a str, &'a [(&'a str, f64)], &'a str);

#[test]
fn from_name_errors() {
    let cases: &[NameCase] = &[
        (
            "erdos",
            &[],
            "Projection: unknown topology 'erdos'; known: random, fixed_indegree, \
             fixed_outdegree, fixed_total_number, small_world, scale_free, ring, grid, \
             all_to_all",
        ),
        (
            "random",
            &[("prob", 0.1)],
            "Topology 'random': unknown keyword 'prob'; known: probability",
        ),
        (
            "all_to_all",
            &[("probability", 0.1)],
            "Topology 'all_to_all': 'probability' is a keyword of topology 'random', not of \
             'all_to_all' (which takes no keyword); choose the topology that takes it, e.g. \
             topology = \"random\" with probability",
        ),
        (
            "random",
            &[("probability", 0.1), ("probability", 0.2)],
            "Topology 'random': keyword 'probability' is given twice",
        ),
        (
            "random",
            &[],
            "Topology 'random': missing keyword 'probability' (valid range: [0, 1])",
        ),
        (
            "random",
            &[("probability", 1.5)],
            "Topology 'random': probability = 1.5 is out of range; valid range: [0, 1]",
        ),
        (
            "random",
            &[("probability", -0.1)],
            "Topology 'random': probability = -0.1 is out of range; valid range: [0, 1]",
        ),
        (
            "random",
            &[("probability", f64::NAN)],
            "Topology 'random': probability = NaN is out of range; valid range: [0, 1]",
        ),
        (
            "fixed_indegree",
            &[("indegree", 2.5)],
            "Topology 'fixed_indegree': indegree = 2.5 is out of range; valid range: \
             integers in [0, 4294967295]",
        ),
        (
            "fixed_indegree",
            &[("indegree", -3.0)],
            "Topology 'fixed_indegree': indegree = -3 is out of range; valid range: \
             integers in [0, 4294967295]",
        ),
        (
            "fixed_outdegree",
            &[],
            "Topology 'fixed_outdegree': missing keyword 'outdegree' (valid range: \
             integers in [0, 4294967295])",
        ),
        (
            "fixed_total_number",
            &[],
            "Topology 'fixed_total_number': missing keyword 'total' (valid range: \
             integers in [0, 4294967295])",
        ),
        (
            "fixed_total_number",
            &[("N", 100.0)],
            "Topology 'fixed_total_number': unknown keyword 'N'; known: total",
        ),
        (
            "fixed_total_number",
            &[("total", 1e10)],
            "Topology 'fixed_total_number': total = 10000000000 is out of range; valid range: \
             integers in [0, 4294967295]",
        ),
        (
            "fixed_total_number",
            &[("total", 0.5)],
            "Topology 'fixed_total_number': total = 0.5 is out of range; valid range: \
             integers in [0, 4294967295]",
        ),
        (
            "small_world",
            &[("k", 4.0)],
            "Topology 'small_world': missing keyword 'p_rewire' (valid range: [0, 1])",
        ),
        (
            "small_world",
            &[("k", 5.0), ("p_rewire", 0.1)],
            "Topology 'small_world': k = 5 is out of range; valid range: \
             even integers in [2, 4294967294]",
        ),
        (
            "small_world",
            &[("k", 4.0), ("p_rewire", f64::INFINITY)],
            "Topology 'small_world': p_rewire = inf is out of range; valid range: [0, 1]",
        ),
        (
            "scale_free",
            &[("m", 0.0)],
            "Topology 'scale_free': m = 0 is out of range; valid range: integers in [1, 4294967295]",
        ),
        (
            "ring",
            &[("k", 0.0)],
            "Topology 'ring': k = 0 is out of range; valid range: even integers in [2, 4294967294]",
        ),
        (
            "grid",
            &[("rows_count", 10.0), ("cols_count", 8.0)],
            "Topology 'grid': missing keyword 'radius' (valid range: [0, inf))",
        ),
        (
            "grid",
            &[("rows_count", 0.0), ("cols_count", 8.0), ("radius", 1.0)],
            "Topology 'grid': rows_count = 0 is out of range; valid range: integers in [1, 4294967295]",
        ),
        (
            "grid",
            &[("rows_count", 10.0), ("cols_count", 8.0), ("radius", -1.0)],
            "Topology 'grid': radius = -1 is out of range; valid range: [0, inf)",
        ),
    ];
    for &(name, kwargs, want) in cases {
        check(Topology::from_name(name, kwargs), want);
    }
}

#[test]
fn generate_errors() {
    let rec = ConnectOptions::recurrent();
    let strict = rec.autapses(false).multapses(false);
    let fi = |d| Topology::FixedIndegree { indegree: d };
    let cases: Vec<(sc_neurocore_topology::Result<_>, &str)> = vec![
        (
            fi(11).generate(10, 5, 1.0, 0, 0, ConnectOptions::default().multapses(false)),
            "Topology 'fixed_indegree': indegree = 11 is out of range; valid range: \
             [0, 10] without multapses (n_src = 10)",
        ),
        (
            fi(10).generate(10, 10, 1.0, 0, 0, strict),
            "Topology 'fixed_indegree': indegree = 10 is out of range; valid range: \
             [0, 9] without multapses (n_src = 10, autapses excluded)",
        ),
        (
            fi(3).generate(0, 5, 1.0, 0, 0, ConnectOptions::default()),
            "Topology 'fixed_indegree': indegree = 3 is out of range; valid range: \
             [0, 0]: no neuron to draw from (n_src = 0)",
        ),
        (
            fi(3).generate(1, 1, 1.0, 0, 0, rec.autapses(false)),
            "Topology 'fixed_indegree': indegree = 3 is out of range; valid range: \
             [0, 0]: no neuron to draw from (n_src = 1, autapses excluded)",
        ),
        (
            Topology::FixedOutdegree { outdegree: 6 }.generate(5, 5, 1.0, 0, 0, strict),
            "Topology 'fixed_outdegree': outdegree = 6 is out of range; valid range: \
             [0, 4] without multapses (n_tgt = 5, autapses excluded)",
        ),
        (
            fi(3).generate(10, 12, 1.0, 0, 0, rec),
            "Topology 'fixed_indegree': n_tgt has size 12, expected 10 \
             (= n_src, since same_population is set)",
        ),
        (
            Topology::Random { probability: 0.1 }.generate(10, 10, f64::NAN, 0, 0, rec),
            "Topology 'random': weight = NaN is out of range; valid range: any finite number",
        ),
        (
            Topology::Random { probability: 2.0 }.generate(10, 10, 1.0, 0, 0, rec),
            "Topology 'random': probability = 2 is out of range; valid range: [0, 1]",
        ),
        (
            Topology::Ring { k: 4 }.generate(10, 12, 1.0, 0, 0, ConnectOptions::default()),
            "Topology 'ring': n_tgt has size 12, expected 10 \
             (= n_src: 'ring' connects a population to itself)",
        ),
        (
            Topology::Random { probability: 0.5 }.generate(
                usize::MAX,
                1,
                1.0,
                0,
                0,
                ConnectOptions::default(),
            ),
            "Topology 'random': n_src = 18446744073709551615 is out of range; \
             valid range: [0, 4294967295]",
        ),
    ];
    let ftn = |n| Topology::FixedTotalNumber { total: n };
    let cases = cases.into_iter().chain([
        (
            ftn(51).generate(10, 5, 1.0, 0, 0, ConnectOptions::default().multapses(false)),
            "Topology 'fixed_total_number': total = 51 is out of range; valid range: \
             [0, 50] without multapses (n_src = 10, n_tgt = 5)",
        ),
        (
            ftn(91).generate(10, 10, 1.0, 0, 0, strict),
            "Topology 'fixed_total_number': total = 91 is out of range; valid range: \
             [0, 90] without multapses (n_src = 10, n_tgt = 10, autapses excluded)",
        ),
        (
            ftn(3).generate(0, 5, 1.0, 0, 0, ConnectOptions::default()),
            "Topology 'fixed_total_number': total = 3 is out of range; valid range: \
             [0, 0]: no pair to draw from (n_src = 0, n_tgt = 5)",
        ),
        (
            ftn(3).generate(4, 0, 1.0, 0, 0, ConnectOptions::default()),
            "Topology 'fixed_total_number': total = 3 is out of range; valid range: \
             [0, 0]: no pair to draw from (n_src = 4, n_tgt = 0)",
        ),
        (
            ftn(3).generate(1, 1, 1.0, 0, 0, rec.autapses(false)),
            "Topology 'fixed_total_number': total = 3 is out of range; valid range: \
             [0, 0]: no pair to draw from (n_src = 1, n_tgt = 1, autapses excluded)",
        ),
    ]);
    for (got, want) in cases {
        check(got, want);
    }
    check(
        fi(3).generate_in_rows(10, 10, 5..11, 0, 0, rec),
        "Topology 'fixed_indegree': targets = 5..11 is out of range; \
         valid range: sub-ranges of 0..10",
    );
}

#[test]
fn free_function_errors() {
    check(
        random_connectivity(10, 10, 1.5, 0.1, 0),
        "Topology 'random': probability = 1.5 is out of range; valid range: [0, 1]",
    );
    check(
        small_world(10, 3, 0.1, 0.1, 0),
        "Topology 'small_world': k = 3 is out of range; valid range: \
         even integers in [2, 4294967294]",
    );
    check(
        small_world(10, 10, 0.1, 0.1, 0),
        "Topology 'small_world': k = 10 is out of range; valid range: \
         even integers in [2, 8] for n = 10",
    );
    check(
        small_world(10, 4, -0.1, 0.1, 0),
        "Topology 'small_world': p_rewire = -0.1 is out of range; valid range: [0, 1]",
    );
    check(
        ring_topology(2, 2, 0.1),
        "Topology 'ring': k = 2 is out of range; valid range: \
         even integers in [2, n - 1], none for n = 2",
    );
    check(
        scale_free(5, 5, 0.1, 0),
        "Topology 'scale_free': m = 5 is out of range; valid range: integers in [1, 4] for n = 5",
    );
    check(
        scale_free(1, 1, 0.1, 0),
        "Topology 'scale_free': m = 1 is out of range; valid range: \
         integers in [1, n - 1], none for n = 1",
    );
    check(
        scale_free(10, 0, 0.1, 0),
        "Topology 'scale_free': m = 0 is out of range; valid range: integers in [1, 4294967295]",
    );
    check(
        grid_topology(0, 8, 1.0, 0.1),
        "Topology 'grid': rows_count = 0 is out of range; valid range: integers in [1, 4294967295]",
    );
    check(
        grid_topology(10, 8, f64::NAN, 0.1),
        "Topology 'grid': radius = NaN is out of range; valid range: [0, inf)",
    );
    check(
        grid_topology(10, 8, 1.0, f64::INFINITY),
        "Topology 'grid': weight = inf is out of range; valid range: any finite number",
    );
    check(
        grid_topology(usize::MAX, 2, 1.0, 0.1),
        "Topology 'grid': rows_count * cols_count = 18446744073709551615 * 2 is out of range; \
         valid range: [1, 4294967295]",
    );
    check(
        Topology::Grid {
            rows_count: 10,
            cols_count: 8,
            radius: 2.0,
        }
        .generate(100, 100, 0.1, 0, 0, ConnectOptions::recurrent()),
        "Topology 'grid': rows_count * cols_count has size 80, expected 100 \
         (the population size)",
    );
    check(
        all_to_all(10, 12, 0.1, false),
        "Topology 'all_to_all': n_tgt has size 12, expected 10 \
         (= n_src: allow_autapses = false means one population)",
    );
}
