#!/usr/bin/python3
"""Writes OUT_DIR/sample.h5ad with anndata (Debian python3-anndata): sparse X, a categorical obs column,
obsm, layers and nested uns -- the single-cell container layout inspect must list.

usage: make_anndata_sample.py OUT_DIR
"""
import sys

import anndata
import numpy as np
import pandas as pd
import scipy.sparse as sp

out = sys.argv[1]
obs = pd.DataFrame({"cell_type": pd.Categorical(["T", "B", "T"]), "n_genes": [100, 200, 150]},
                   index=["c1", "c2", "c3"])
var = pd.DataFrame({"gene_name": ["g1", "g2", "g3", "g4"]}, index=["G1", "G2", "G3", "G4"])
adata = anndata.AnnData(X=sp.csr_matrix(np.arange(12, dtype="float32").reshape(3, 4)), obs=obs, var=var)
adata.obsm["X_umap"] = np.arange(6, dtype="float64").reshape(3, 2)
adata.layers["counts"] = np.arange(12, dtype="int64").reshape(3, 4)
adata.uns["params"] = {"n_neighbors": 15, "method": "umap"}
adata.write_h5ad(f"{out}/sample.h5ad")
