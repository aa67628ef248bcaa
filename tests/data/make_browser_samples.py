#!/usr/bin/python3
"""Writes the files an HDF5 browser must show, with h5py, numpy and anndata (Debian python3-h5py,
python3-anndata), and a manifest of what h5py itself says about them.

usage: make_browser_samples.py OUT_DIR  ->  OUT_DIR/types.h5 (+ types_ext.h5, types_vsrc.h5), nexus.nxs,
       sample.h5ad, truncated.h5, not_hdf5.h5, manifest.json

types.h5 holds every type h5py writes and data worth looking at: a compressed image stack, a long signal
with its time base, an image with NaNs, a cyclic phase map, a 100 000-row table. nexus.nxs follows the
NeXus 2014 default-plot conventions (and the older @signal=1 style). Everything is seeded: the files are
the same on every run.
"""
import json
import shutil
import sys

import anndata
import h5py
import numpy as np
import pandas as pd
import scipy.sparse as sp

out = sys.argv[1]
rng = np.random.default_rng(20261121)


def blob_stack(frames, height, width):
    """A Gaussian blob circling the frame over shot noise: unmistakably an image, and it moves."""
    y, x = np.mgrid[0:height, 0:width].astype("f4")
    stack = np.empty((frames, height, width), dtype="<u2")
    for t in range(frames):
        angle = 2 * np.pi * t / frames
        cy, cx = height / 2 + height / 4 * np.sin(angle), width / 2 + width / 4 * np.cos(angle)
        blob = 3000 * np.exp(-((y - cy) ** 2 + (x - cx) ** 2) / (2 * (width / 12) ** 2))
        stack[t] = (1000 + blob + rng.normal(0, 30, (height, width))).astype("<u2")
    return stack


def write_types(path):
    with h5py.File(f"{out}/types_ext.h5", "w") as ext:
        ext["data"] = np.linspace(0, 1, 16)
    with h5py.File(f"{out}/types_vsrc.h5", "w") as src:
        src["a"] = np.arange(100, dtype="<i4")
        src["b"] = np.arange(100, 200, dtype="<i4")

    with h5py.File(path, "w") as f:
        f.attrs["title"] = "every type a browser must show"
        f.attrs["title_bytes"] = np.bytes_(b"fixed-length ascii attribute")
        f.attrs["count"] = np.int64(42)
        f.attrs["gain"] = np.float32(1.5)
        f.attrs["flag"] = np.bool_(True)
        f.attrs["ratios"] = np.array([0.5, 1.5, 2.5])
        f.attrs["names"] = np.array([b"alpha", b"beta"])
        f.attrs["vlen_names"] = np.array(["ä", "β"], dtype=h5py.string_dtype())
        f.attrs["empty"] = h5py.Empty("f4")
        f.attrs.create("colour", 2, dtype=h5py.enum_dtype({"RED": 0, "GREEN": 1, "BLUE": 2}, basetype="u1"))
        f.attrs["point"] = np.array((1, 2.5), dtype=[("x", "<i4"), ("y", "<f8")])

        ints = f.create_group("ints")
        for name in ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]:
            info = np.iinfo(name)
            ints[name] = np.array([info.min, 0, 1, info.max], dtype=name)
        floats = f.create_group("floats")
        floats["float16"] = np.array([0.1, -2.25, 65504, np.inf, np.nan, 6e-8], dtype="<f2")
        floats["float32"] = np.array([0.1, -2.25, 3.4028235e38, -np.inf, np.nan, 1e-45], dtype="<f4")
        floats["float64"] = np.array([0.1, -2.25, 1.7976931348623157e308, np.inf, np.nan, 5e-324], dtype="<f8")
        floats["float32_be"] = np.array([0.1, 1e30], dtype=">f4")
        f["bool"] = np.array([True, False, True, True])
        f.create_dataset("enum", data=np.array([0, 1, 2, 1], dtype="u1"),
                         dtype=h5py.enum_dtype({"RED": 0, "GREEN": 1, "BLUE": 2}, basetype="u1"))
        f.create_dataset("enum_int16", data=np.array([-1, 0, 300], dtype="<i2"),
                         dtype=h5py.enum_dtype({"LOW": -1, "ZERO": 0, "HIGH": 300}, basetype="<i2"))

        strings = f.create_group("strings")
        strings["fixed_ascii"] = np.array([b"alpha", b"be", b"gamma!"], dtype="S6")
        fixed_utf8 = h5py.string_dtype("utf-8", 8)
        strings.create_dataset("fixed_utf8", data=np.array(["héllo".encode(), "日本".encode()], dtype=fixed_utf8))
        strings.create_dataset("vlen_str", data=["plain", "with, comma", 'with "quotes"', "two\nlines", "日本語"],
                               dtype=h5py.string_dtype("utf-8"))
        strings.create_dataset("vlen_bytes", data=[b"a", b"bc", b"def"], dtype=h5py.string_dtype("ascii"))
        f["json_text"] = json.dumps({"instrument": "demo", "exposure_ms": 20, "channels": [1, 2]})

        position = np.dtype([("x", "<f4"), ("y", "<f4")])
        record = np.dtype([("id", "<i4"), ("position", position), ("samples", "<f8", (3,)),
                           ("label", "S8"), ("valid", "?")])
        f["compound"] = np.array([(1, (0.1, 0.2), (1.0, 2.0, 3.0), b"first", True),
                                  (2, (1.5, -2.5), (4.0, 5.0, 6.0), b"a,b", False)], dtype=record)
        # Field names holding the separators of a type's description, "compound{x: int32, y: float64}".
        strange = np.dtype([("a, b", "<i4"), ("c: d", "<f8"), ("nested", [("e, f: g", "<u2"), ("h", "S4")])])
        f["strange_compound"] = np.array([(1, 0.5, (7, b"x,y")), (-2, 1e300, (65535, b""))], dtype=strange)

        f.create_dataset("vlen_int", (3,), dtype=h5py.vlen_dtype(np.dtype("<i4")))
        f["vlen_int"][0] = [1]
        f["vlen_int"][1] = [1, 2]
        f["vlen_int"][2] = [1, 2, 3]
        # h5py expands a subarray dtype into extra dimensions; only the low-level API stores an HDF5 array type.
        array_type = h5py.h5t.array_create(h5py.h5t.IEEE_F32LE, (3,))
        array_id = h5py.h5d.create(f.id, b"array_f4", array_type, h5py.h5s.create_simple((4,)))
        h5py.Dataset(array_id)[...] = np.arange(12, dtype="<f4").reshape(4, 3)

        f["scalar"] = np.float64(3.25)
        f["scalar_string"] = "a scalar string"
        f["empty"] = h5py.Empty("<f4")

        table = np.zeros(100_000, dtype=[("time", "<f8"), ("channel", "<u2"), ("value", "<f4"),
                                         ("label", "S8"), ("ok", "?")])
        table["time"] = np.arange(100_000) * 1e-3
        table["channel"] = np.arange(100_000) % 16
        table["value"] = rng.normal(0, 1, 100_000).astype("<f4")
        table["label"] = np.array([b"ch%02d" % c for c in range(16)])[table["channel"]]
        table["ok"] = table["value"] > -2
        f.create_dataset("table", data=table, chunks=(4096,), compression="gzip", compression_opts=1)

        images = f.create_group("images")
        images.create_dataset("stack", data=blob_stack(40, 256, 256), chunks=(1, 256, 256),
                              compression="gzip", compression_opts=4, shuffle=True)
        # lzf is built into h5py but not into the HDF5 C library (Debian packages it as hdf5-plugin-lzf);
        # blosc comes from the HDF5 plugin path when hdf5-filter-plugin-blosc is installed.
        small_stack = blob_stack(8, 128, 128)
        images.create_dataset("stack_lzf", data=small_stack, chunks=(1, 128, 128), compression="lzf")
        if h5py.h5z.filter_avail(32001):
            images.create_dataset("stack_blosc", data=small_stack, chunks=(1, 128, 128), compression=32001,
                                  compression_opts=(0, 0, 0, 0, 5, 1, 1))
        y, x = np.mgrid[-1:1:256j, -1:1:256j]
        with_nans = (np.exp(-(x ** 2 + y ** 2) * 3) + 0.05 * rng.normal(size=x.shape)).astype("<f4")
        with_nans[x ** 2 + y ** 2 > 0.9] = np.nan
        with_nans[100:110, 50:200] = np.nan
        images["with_nans"] = with_nans
        phase = np.angle(np.exp(1j * (6 * x + 4 * y + 3 * np.hypot(x, y))))
        images["phase"] = phase.astype("<f4")
        images["phase"].attrs["units"] = "rad"
        images["phase"].attrs["valid_range"] = np.array([-np.pi, np.pi])

        signals = f.create_group("signals")
        rate = 100_000.0
        time = np.arange(1_000_000) / rate
        signals["time"] = time
        signals["time"].attrs["units"] = "s"
        # A linear chirp from 10 Hz to 2 kHz over the ten seconds.
        signals["chirp"] = np.sin(2 * np.pi * (10 * time + (2000 - 10) / (2 * 10) * time ** 2)).astype("<f4")
        signals["chirp"].attrs["units"] = "V"

        links = f.create_group("links")
        links["soft"] = h5py.SoftLink("/images/stack")
        links["dangling"] = h5py.SoftLink("/nowhere")
        links["external"] = h5py.ExternalLink("types_ext.h5", "/data")

        layout = h5py.VirtualLayout(shape=(2, 100), dtype="<i4")
        layout[0] = h5py.VirtualSource("types_vsrc.h5", "a", shape=(100,))
        layout[1] = h5py.VirtualSource("types_vsrc.h5", "b", shape=(100,))
        f.create_virtual_dataset("virtual", layout, fillvalue=-1)


def write_nexus(path):
    y = np.linspace(-5, 5, 64)
    x = np.linspace(-8, 8, 96)
    frames = np.stack([np.exp(-((y[:, None] - np.sin(t)) ** 2 + (x[None, :] - 3 * np.cos(t)) ** 2) / 4)
                       for t in np.linspace(0, 2 * np.pi, 10)]).astype("<f4")
    with h5py.File(path, "w") as f:
        # Mixed string kinds on purpose: nexusformat writes bytes, h5py users write str.
        f.attrs["NX_class"] = np.bytes_(b"NXroot")
        f.attrs["default"] = np.bytes_(b"entry")
        entry = f.create_group("entry")
        entry.attrs["NX_class"] = "NXentry"
        entry.attrs["default"] = "image"
        entry["title"] = "Moving blob"

        image = entry.create_group("image")
        image.attrs["NX_class"] = "NXdata"
        image.attrs["signal"] = "frames"
        image.attrs["axes"] = np.array([b"y", b"x"])
        image["frames"] = frames
        image["frames"].attrs["interpretation"] = "image"
        image["frames"].attrs["long_name"] = "Intensity"
        image["y"] = y
        image["x"] = x

        spectrum = entry.create_group("spectrum")
        spectrum.attrs["NX_class"] = "NXdata"
        spectrum.attrs["signal"] = "counts"
        spectrum.attrs["axes"] = "energy"
        spectrum.attrs["interpretation"] = "spectrum"
        spectrum.attrs["auxiliary_signals"] = np.array(["fit"], dtype=h5py.string_dtype())
        energy = np.linspace(1, 20, 500)
        spectrum["energy"] = energy
        spectrum["counts"] = (100 * np.exp(-((energy - 8) ** 2) / 2) + rng.poisson(5, 500)).astype("<i4")
        spectrum["counts"].attrs["long_name"] = "Counts per channel"
        spectrum["fit"] = 100 * np.exp(-((energy - 8) ** 2) / 2) + 5

        old = f.create_group("old_style")
        old.attrs["NX_class"] = "NXentry"
        data = old.create_group("data")
        data.attrs["NX_class"] = "NXdata"
        data["polar"] = np.linspace(0, 90, 12)
        data["tof"] = np.linspace(100, 200, 20)
        data["counts"] = np.arange(240, dtype="<i4").reshape(12, 20)
        data["counts"].attrs["signal"] = np.int32(1)
        data["counts"].attrs["axes"] = "polar:tof"


def write_anndata(path):
    cells, genes = 200, 50
    counts = rng.poisson(0.3, (cells, genes)).astype("f4")
    obs = pd.DataFrame({"cell_type": pd.Categorical(rng.choice(["T", "B", "NK"], cells)),
                        "batch": pd.Categorical(rng.choice(["b1", "b2"], cells)),
                        "n_counts": counts.sum(axis=1)},
                       index=[f"cell{i:03d}" for i in range(cells)])
    var = pd.DataFrame({"gene_name": [f"gene{j}" for j in range(genes)],
                        "highly_variable": rng.random(genes) > 0.7},
                       index=[f"G{j:02d}" for j in range(genes)])
    adata = anndata.AnnData(X=sp.csr_matrix(counts), obs=obs, var=var)
    adata.obsm["X_umap"] = rng.normal(size=(cells, 2))
    adata.obsm["X_pca"] = rng.normal(size=(cells, 10)).astype("f4")
    adata.layers["counts"] = sp.csr_matrix(counts.astype("i4"))
    adata.uns["params"] = {"n_neighbors": 15, "method": "umap"}
    adata.uns["cell_type_colors"] = np.array(["#1f77b4", "#ff7f0e", "#2ca02c"])
    adata.write_h5ad(path)


def describe(path):
    """What h5py says about every dataset reachable through hard links: the manifest's expected facts."""
    facts = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                facts["/" + name] = {"shape": None if obj.shape is None else list(obj.shape),
                                     "dtype": str(obj.dtype),
                                     "descr": obj.dtype.str,
                                     "chunks": list(obj.chunks) if obj.chunks else None,
                                     "compression": obj.compression}
        f.visititems(visit)
    return facts


write_types(f"{out}/types.h5")
write_nexus(f"{out}/nexus.nxs")
write_anndata(f"{out}/sample.h5ad")

shutil.copyfile(f"{out}/types.h5", f"{out}/truncated.h5")
with open(f"{out}/truncated.h5", "r+b") as handle:
    handle.truncate(handle.seek(0, 2) // 2)
with open(f"{out}/not_hdf5.h5", "w") as handle:
    handle.write("notes.txt: this is a plain text file with an .h5 name, not HDF5.\n")

manifest = {
    "types.h5": {"datasets": describe(f"{out}/types.h5"),
                 "links": {"/links/soft": "/images/stack", "/links/dangling": "/nowhere",
                           "/links/external": ["types_ext.h5", "/data"]},
                 "virtual": {"/virtual": ["types_vsrc.h5", "a", "b"]}},
    "types_ext.h5": {"datasets": describe(f"{out}/types_ext.h5")},
    "types_vsrc.h5": {"datasets": describe(f"{out}/types_vsrc.h5")},
    "nexus.nxs": {"datasets": describe(f"{out}/nexus.nxs"),
                  "default_plot": {"group": "/entry/image", "signal": "/entry/image/frames",
                                   "axes": ["", "/entry/image/y", "/entry/image/x"],
                                   "interpretation": "image", "title": "Moving blob"}},
    "sample.h5ad": {"datasets": describe(f"{out}/sample.h5ad"), "n_obs": 200, "n_vars": 50},
    # What opening them must report (words of the reason, as HDF5 and core/h5 give it).
    "truncated.h5": {"open_error": "truncated"},
    "not_hdf5.h5": {"open_error": "not an HDF5 file"},
}
with open(f"{out}/manifest.json", "w") as handle:
    json.dump(manifest, handle, indent=1)
