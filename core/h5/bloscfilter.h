#pragma once

namespace h5 {

// Registers Macroscope's own implementation of the HDF5 blosc filter (id 32001, the format of hdf5-blosc
// and PyTables: each chunk one Blosc buffer), so that recordings written with blosc read on every platform
// without an HDF5 plug-in installed: Homebrew and MSYS2 package none. Reading and writing both work; the
// filter parameters are the plug-in's (version, Blosc format, type size, chunk bytes, level, shuffle,
// compressor). Called by File::create and File::open; calling it again does nothing.
void registerBloscFilter();

} // namespace h5
