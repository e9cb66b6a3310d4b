"""The Brunel network on several MPI ranks from Python.

Run (with a wheel built with the MPI backend: `cargo xtask wheel --mpi`):

    mpirun -n 2 python examples/mpi_brunel.py

Every rank builds only its slice of the network and gets the complete spike record; rank 0
prints. The spikes are the same as with backend="rust" in one process.
"""
import numpy as np

from sc_neurocore.model_zoo.configs import brunel_balanced_network

net = brunel_balanced_network(n_exc=4000, n_inh=1000, seed=3)
net.run(duration=0.2, dt=1e-4, backend="mpi", threads=1)

exc = net["exc_spikes"]
if net.rank == 0:
    rate = exc.count / (4000 * 0.2)
    print(f"{net.ranks} ranks, backend {net.last_backend}: {exc.count} excitatory spikes, "
          f"{rate:.1f} Hz, first spike at {np.min(exc.spike_times):.4f} s")
