//! Compressed sparse row connectivity as it crosses the API: rows are presynaptic sources,
//! column indices are postsynaptic targets, one stored entry per synapse (repeated indices
//! are multapses and are kept). Conversions to and from `sprs` matrices are provided; the
//! runner packs its own partitioned layout from this.

use crate::{Error, Result};

/// Source-major CSR connectivity with a weight per synapse.
#[derive(Debug, Clone, PartialEq)]
pub struct Csr {
    n_rows: usize,
    n_cols: usize,
    indptr: Vec<usize>,
    indices: Vec<u32>,
    weights: Vec<f64>,
}

impl Csr {
    /// Builds and validates a CSR: `indptr` has `n_rows + 1` non-decreasing entries starting
    /// at 0 and ending at `indices.len()`, every index is below `n_cols`, every weight is
    /// finite, and `weights.len() == indices.len()`.
    pub fn new(
        n_rows: usize,
        n_cols: usize,
        indptr: Vec<usize>,
        indices: Vec<u32>,
        weights: Vec<f64>,
    ) -> Result<Self> {
        const OBJ: &str = "Csr";
        if indptr.len() != n_rows + 1 {
            return Err(Error::shape(OBJ, "indptr", indptr.len(), n_rows + 1));
        }
        if indptr[0] != 0 {
            return Err(Error::out_of_range(OBJ, "indptr[0]", indptr[0], "0"));
        }
        if let Some(k) = indptr.windows(2).position(|w| w[1] < w[0]) {
            return Err(Error::invalid(
                OBJ,
                format!(
                    "indptr must be non-decreasing, but indptr[{}] > indptr[{}]",
                    k,
                    k + 1
                ),
            ));
        }
        if indptr[n_rows] != indices.len() {
            return Err(Error::shape(OBJ, "indices", indices.len(), indptr[n_rows]));
        }
        if weights.len() != indices.len() {
            return Err(Error::shape(OBJ, "data", weights.len(), indices.len()));
        }
        if n_cols > u32::MAX as usize {
            return Err(Error::out_of_range(
                OBJ,
                "n_cols",
                n_cols,
                format!("[0, {}]", u32::MAX),
            ));
        }
        if let Some((k, &j)) = indices
            .iter()
            .enumerate()
            .find(|&(_, &j)| j as usize >= n_cols)
        {
            return Err(Error::out_of_range(
                OBJ,
                format!("indices[{k}]"),
                j,
                format!("[0, {})", n_cols),
            ));
        }
        if let Some((k, w)) = weights.iter().enumerate().find(|(_, w)| !w.is_finite()) {
            return Err(Error::out_of_range(
                OBJ,
                format!("data[{k}]"),
                w,
                "any finite number",
            ));
        }
        Ok(Csr {
            n_rows,
            n_cols,
            indptr,
            indices,
            weights,
        })
    }

    /// Builds a CSR from one list of targets (and weights) per source row.
    pub fn from_rows(n_cols: usize, rows: Vec<Vec<(u32, f64)>>) -> Result<Self> {
        let n_rows = rows.len();
        let nnz = rows.iter().map(Vec::len).sum();
        let mut indptr = Vec::with_capacity(n_rows + 1);
        let mut indices = Vec::with_capacity(nnz);
        let mut weights = Vec::with_capacity(nnz);
        indptr.push(0);
        for row in rows {
            for (j, w) in row {
                indices.push(j);
                weights.push(w);
            }
            indptr.push(indices.len());
        }
        Csr::new(n_rows, n_cols, indptr, indices, weights)
    }

    /// Number of source rows.
    pub fn n_rows(&self) -> usize {
        self.n_rows
    }
    /// Number of target columns.
    pub fn n_cols(&self) -> usize {
        self.n_cols
    }
    /// Number of synapses.
    pub fn nnz(&self) -> usize {
        self.indices.len()
    }
    /// Row pointer (`n_rows + 1` entries).
    pub fn indptr(&self) -> &[usize] {
        &self.indptr
    }
    /// Target index of every synapse, row by row.
    pub fn indices(&self) -> &[u32] {
        &self.indices
    }
    /// Weight of every synapse, row by row.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }
    /// Mutable weights (the structure stays fixed).
    pub fn weights_mut(&mut self) -> &mut [f64] {
        &mut self.weights
    }
    /// Targets and weights of source row `i`.
    pub fn row(&self, i: usize) -> (&[u32], &[f64]) {
        let (a, b) = (self.indptr[i], self.indptr[i + 1]);
        (&self.indices[a..b], &self.weights[a..b])
    }
    /// Sets every weight to `w`.
    pub fn fill_weights(&mut self, w: f64) {
        self.weights.iter_mut().for_each(|x| *x = w);
    }
    /// Decomposes into `(n_rows, n_cols, indptr, indices, weights)`.
    pub fn into_parts(self) -> (usize, usize, Vec<usize>, Vec<u32>, Vec<f64>) {
        (
            self.n_rows,
            self.n_cols,
            self.indptr,
            self.indices,
            self.weights,
        )
    }

    /// Converts to an `sprs` matrix. `sprs` requires sorted, unique indices within a row, so
    /// multapses are summed and rows sorted.
    pub fn to_sprs(&self) -> sprs::CsMatI<f64, u32, usize> {
        let mut tri = sprs::TriMatI::<f64, u32>::new((self.n_rows, self.n_cols));
        for i in 0..self.n_rows {
            let (idx, w) = self.row(i);
            for (&j, &w) in idx.iter().zip(w) {
                tri.add_triplet(i, j as usize, w);
            }
        }
        tri.to_csr()
    }

    /// Builds from an `sprs` CSR matrix (rows = sources). A CSC matrix is converted first.
    pub fn from_sprs(m: &sprs::CsMatI<f64, u32, usize>) -> Result<Self> {
        let m = if m.is_csr() { m.clone() } else { m.to_csr() };
        let (n_rows, n_cols) = m.shape();
        let indptr = m.indptr().to_proper().into_owned();
        Csr::new(
            n_rows,
            n_cols,
            indptr,
            m.indices().to_vec(),
            m.data().to_vec(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_names_the_field() {
        let e = Csr::new(2, 2, vec![0, 1], vec![0], vec![1.0]).unwrap_err();
        assert_eq!(e.to_string(), "Csr: indptr has size 2, expected 3");
        let e = Csr::new(1, 2, vec![0, 1], vec![2], vec![1.0]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Csr: indices[0] = 2 is out of range; valid range: [0, 2)"
        );
        let e = Csr::new(1, 2, vec![0, 1], vec![1], vec![f64::NAN]).unwrap_err();
        assert!(e.to_string().contains("data[0] = NaN"));
        let e = Csr::new(2, 2, vec![0, 2, 1], vec![0, 1], vec![1.0, 1.0]).unwrap_err();
        assert!(e.to_string().contains("non-decreasing"));
    }

    #[test]
    fn sprs_round_trip_sums_multapses() {
        let c = Csr::new(2, 3, vec![0, 2, 3], vec![2, 2, 0], vec![1.0, 0.5, 2.0]).unwrap();
        let s = c.to_sprs();
        assert_eq!(s.nnz(), 2);
        let back = Csr::from_sprs(&s).unwrap();
        assert_eq!(back.row(0), (&[2u32][..], &[1.5][..]));
        assert_eq!(back.row(1), (&[0u32][..], &[2.0][..]));
    }
}
