//! Makes linked builds (not the wheel) load the libpython they were compiled against
//! (an extension module must not link libpython itself; a test binary must).

fn main() {
    pyo3_build_config::add_libpython_rpath_link_args();
}
