#!/usr/bin/python3
"""Writes a small genomic store exactly as jointly-hic's JointDb (jointly_hic/hdf5db/hdf5db.py) writes one,
with h5py and numpy alone (pandas is not needed: the rows are made here in the order pandas would leave them).

usage: make_jointly_hic_sample.py OUT.h5

The values follow formulas that tst_genomicstore computes independently:
  bins        chr1 (5 bins), chr10 (3), chr2 (4) of 1000 bases, sorted as jointly-hic sorts them (by chrom
              as text, then start); bad: chr10:1000-2000 and chr2:3000-4000
  experiments ENCSR001 (GM12878, rep 1), ENCSR002 (K562, rep 1), ENCSR003 (GM12878, rep 2); every column a
              string, as metadata_df.map(str) leaves them ("nan" for ENCSR002's missing note)
  embeddings  component k of EMBEDDINGS at (bin b, experiment e) = 100 k + b + e / 10, NaN where
              (b + e) % 7 == 3; kmeans1 = b % 3, leiden1 = b % 2 (NaN at the same places)
  tracks      TRACKS[t] at bin b = 10 (t + 1) + b / 2, NaN at bin t + 1
"""
import sys

import h5py
import numpy as np

out = sys.argv[1]

CHROMOSOMES = [("chr1", 5), ("chr2", 4), ("chr10", 3)]
BAD = {("chr10", 1000), ("chr2", 3000)}
EXPERIMENTS = [
    {"accession": "ENCSR001", "biosample": "GM12878", "replicate": 1, "note": "first"},
    {"accession": "ENCSR002", "biosample": "K562", "replicate": 1},
    {"accession": "ENCSR003", "biosample": "GM12878", "replicate": 2, "note": "third"},
]
EMBEDDINGS = ["PCA1", "PCA2", "umap1_n500", "umap2_n500"]
TRACKS = [
    ("ENCFF100AAA", "H3K27ac", "ENCSR900", "GM12878"),
    ("ENCFF200BBB", "CTCF", "ENCSR901", "K562"),
    ("ENCFF300CCC", "H3K27ac", "ENCSR902", "GM12878"),
    ("ENCFF050DDD", "H3K27ac", "ENCSR903", "K562"),
]

# store_bins: df[["chrom", "start", "end", "good_bin"]].drop_duplicates().sort_values(["chrom", "start", "end"])
rows = sorted((chrom, i * 1000, (i + 1) * 1000) for chrom, count in CHROMOSOMES for i in range(count))
chrom = [r[0] for r in rows]
start = [r[1] for r in rows]
end = [r[2] for r in rows]
good = [(c, s) not in BAD for c, s, _ in rows]
bins = len(rows)
experiments = len(EXPERIMENTS)

# create_hdf5
with h5py.File(out, "w") as hdf:
    hdf.create_group("bins")
    hdf.create_group("embeddings")
    hdf.create_group("metadata")
    hdf.create_group("tracks")

# store_bins
with h5py.File(out, "a") as hdf:
    bins_group = hdf.require_group("bins")
    bins_group.create_dataset("chrom", data=np.array(chrom, dtype="S"))
    bins_group.create_dataset("start", data=np.array(start).astype(np.int64))
    bins_group.create_dataset("end", data=np.array(end).astype(np.int64))
    bins_group.create_dataset("good_bin", data=np.array(good).astype(np.bool_))
    bin_names = [f"{c}:{s}-{e}" for c, s, e in zip(chrom, start, end)]
    bins_group.create_dataset("bin_name", data=np.array(bin_names, dtype="S"))

# store_experiment_metadata: pd.DataFrame(yaml list).map(str), then records of vlen str
columns = list(EXPERIMENTS[0].keys())
dtype = np.dtype([(col, h5py.special_dtype(vlen=str)) for col in columns])
# A key an item lacks is NaN in the DataFrame, "nan" after map(str).
records = np.array([tuple(str(e[col]) if col in e else "nan" for col in columns) for e in EXPERIMENTS], dtype=dtype)
with h5py.File(out, "a") as hdf:
    metadata_group = hdf.require_group("metadata")
    metadata_group.create_dataset("experiment_metadata", data=records, dtype=dtype)


def missing(b, e):
    return (b + e) % 7 == 3


# store_embeddings: one float64 matrix bins x experiments per column, NaN where the experiment has no row
with h5py.File(out, "a") as hdf:
    embeddings_group = hdf.require_group("embeddings")
    for k, name in enumerate(EMBEDDINGS + ["kmeans1", "leiden1"]):
        matrix = np.full((bins, experiments), np.nan, dtype=np.float64)
        for b in range(bins):
            for e in range(experiments):
                if missing(b, e):
                    continue
                if name == "kmeans1":
                    matrix[b, e] = b % 3
                elif name == "leiden1":
                    matrix[b, e] = b % 2
                else:
                    matrix[b, e] = 100 * k + b + e / 10
        embeddings_group.create_dataset(name, data=matrix)

# add_bigwig_track, one file opening per track as jointly-hic does
for t, (accession, assay, experiment, biosample) in enumerate(TRACKS):
    signal = [np.nan if b == t + 1 else 10 * (t + 1) + b / 2 for b in range(bins)]
    with h5py.File(out, "a") as hdf:
        tracks_group = hdf.require_group("tracks")
        tracks_group.create_dataset(accession, data=np.array(signal, dtype=np.float64))
        metadata_group = hdf.require_group("metadata/track_metadata")
        track_group = metadata_group.require_group(accession)
        track_group.attrs["assay"] = assay
        track_group.attrs["experiment"] = experiment
        track_group.attrs["biosample"] = biosample
