#!/usr/bin/python3
"""Writes HDF5 files with h5py (Debian python3-h5py) that exercise every type inspect must describe.

usage: make_h5py_sample.py OUT_DIR  ->  OUT_DIR/sample.h5, OUT_DIR/other.h5, OUT_DIR/expected.json

expected.json maps each object path to what h5py itself says about it (dtype, shape, maxshape, chunks,
compression), so the test compares inspect against h5py rather than against numbers typed by hand.
"""
import json
import sys

import h5py
import numpy as np

out = sys.argv[1]

with h5py.File(f"{out}/other.h5", "w") as other:
    other["target"] = np.arange(3, dtype="i4")

expected = {}
with h5py.File(f"{out}/sample.h5", "w") as f:
    f.attrs["title"] = "h5py sample"
    f.attrs["count"] = np.int64(42)
    f.attrs["ratios"] = np.array([0.5, 1.5, 2.5])
    f.attrs["flag"] = np.bool_(True)
    f.attrs["long_list"] = np.arange(100, dtype="i4")
    ints = f.create_group("ints")
    for name in ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"]:
        info = np.iinfo(name)
        ints[name] = np.array([info.min, 0, info.max], dtype=name)
    floats = f.create_group("floats")
    for name in ["float16", "float32", "float64"]:
        floats[name] = np.array([1.5, -2.25, 65504.0 if name == "float16" else 1e30], dtype=name)
    f["bool"] = np.array([True, False, True])
    f["fixed_ascii"] = np.array([b"alpha", b"be", b"gamma!"], dtype="S6")
    f.create_dataset("vlen_utf8", data=["héllo", "wörld", "日本"], dtype=h5py.string_dtype("utf-8"))
    f.create_dataset("vlen_ascii", data=[b"a", b"bc"], dtype=h5py.string_dtype("ascii"))
    compound = np.array([(1, 2.5, b"x"), (2, -1.0, b"yz")], dtype=[("id", "<i4"), ("value", "<f8"), ("tag", "S2")])
    f["compound"] = compound
    f.create_dataset("chunked_gzip", data=np.arange(10000, dtype="<u2").reshape(100, 100),
                     chunks=(10, 100), compression="gzip", compression_opts=6, shuffle=True)
    f.create_dataset("growing", shape=(0, 4), maxshape=(None, 4), chunks=(16, 4), dtype="f4")
    f.create_dataset("scalar", data=np.float64(3.25))
    f.create_dataset("enum", data=np.array([0, 1, 2], dtype="u1"),
                     dtype=h5py.enum_dtype({"RED": 0, "GREEN": 1, "BLUE": 2}, basetype="u1"))
    f["ints/int8"].attrs["units"] = "counts"
    f["soft"] = h5py.SoftLink("/ints/int32")
    f["dangling"] = h5py.SoftLink("/nowhere")
    f["external"] = h5py.ExternalLink("other.h5", "/target")

    def record(name, obj):
        if isinstance(obj, h5py.Dataset):
            expected["/" + name] = {
                "shape": list(obj.shape),
                "maxshape": list(obj.maxshape) if obj.maxshape is not None else None,
                "chunks": list(obj.chunks) if obj.chunks else None,
                "compression": obj.compression,
                "compression_opts": obj.compression_opts,
                "shuffle": obj.shuffle,
            }
    f.visititems(record)

with open(f"{out}/expected.json", "w") as handle:
    json.dump(expected, handle, indent=1)
