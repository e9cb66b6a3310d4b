//! Makes linked builds (not the wheel) load the libpython they were compiled against
//! (../shared/toolchain.md §3, P2).

fn main() {
    pyo3_build_config::add_libpython_rpath_link_args();
}
