#!/usr/bin/env python3
"""Drempel's multi-state estimator against R's msm on the shipped example panel.

    test_msm_agreement.py DREMPEL SOURCE_DIR WORK_DIR

1. The example panel is what make_example_panel.py writes (so the file is reproducible).
2. `drempel calibrate` on analysis/examples/multistate-example.json, and
   analysis/r/msm_fit.R (msm, center = FALSE) on the same panel, states and transitions.
3. Every estimate (log intensity or log hazard ratio) agrees within 2e-4 plus 1e-3 of its
   standard error, every standard error within 0.5%, and -2 log L within 1e-3. msm maximises
   with BFGS and takes the Hessian by finite differences of its gradient; Drempel with L-BFGS,
   Newton steps and central differences of its exact gradient: both are at the same maximum to
   far better than the sampling error, which is what these bounds check.
Exits 77 (skipped) with a message when Rscript or R's msm package is missing.
"""
import csv
import json
import os
import shutil
import subprocess
import sys

import h5py
import numpy as np

drempel, source, work = sys.argv[1:4]
examples = os.path.join(source, "analysis", "examples")
os.makedirs(work, exist_ok=True)

if shutil.which("Rscript") is None:
    print("SKIPPED: Rscript not found (Debian: r-base-core r-cran-msm; scripts/install-deps.sh)")
    sys.exit(77)
if subprocess.run(["Rscript", "-e", "library(msm)"], capture_output=True).returncode != 0:
    print("SKIPPED: R package msm not installed (Debian: r-cran-msm; scripts/install-deps.sh)")
    sys.exit(77)

# 1. The committed panel is the generator's output.
regenerated = os.path.join(work, "example-panel.csv")
subprocess.run(["/usr/bin/python3", "-B", os.path.join(examples, "make_example_panel.py"),
                regenerated], check=True)
with open(regenerated) as a, open(os.path.join(examples, "example-panel.csv")) as b:
    assert a.read() == b.read(), "example-panel.csv differs from make_example_panel.py's output"

# 2. Both fits.
config_path = os.path.join(examples, "multistate-example.json")
config = json.load(open(config_path))["method"]["multistate"]
out_h5 = os.path.join(work, "msm_agreement.h5")
subprocess.run([drempel, "calibrate", config_path, "--out", out_h5, "--quiet"], check=True,
               stdout=subprocess.DEVNULL)
with h5py.File(out_h5, "r") as f:
    names = [n.decode() if isinstance(n, bytes) else n for n in f["parameter"][:]]
    ours = dict(zip(names, zip(f["estimate"][:], f["standard_error"][:])))
    our_m2ll = -2 * float(f.attrs["log_likelihood"])

r_out = os.path.join(work, "msm_fit.csv")
subprocess.run(["Rscript", os.path.join(source, "analysis", "r", "msm_fit.R"),
                os.path.join(examples, "example-panel.csv"), ",".join(config["states"]),
                ",".join(a + ">" + b for a, b in config["transitions"]),
                ",".join(config.get("covariates", [])), r_out], check=True,
               stderr=subprocess.DEVNULL)
theirs = {}
with open(r_out) as f:
    for row in csv.DictReader(f):
        theirs[row["name"]] = (float(row["estimate"]),
                               float(row["standard_error"]) if row["standard_error"] != "NA"
                               else float("nan"))

# 3. Agreement.
failures = []
assert set(ours) == set(theirs) - {"-2loglik"}, (sorted(ours), sorted(theirs))
worst_est = worst_se = 0.0
for name, (est, se) in ours.items():
    r_est, r_se = theirs[name]
    worst_est = max(worst_est, abs(est - r_est) / r_se)
    worst_se = max(worst_se, abs(se / r_se - 1))
    if abs(est - r_est) > 2e-4 + 1e-3 * r_se:
        failures.append(f"{name}: estimate {est:.6f}, msm {r_est:.6f}")
    if abs(se / r_se - 1) > 0.005:
        failures.append(f"{name}: standard error {se:.6f}, msm {r_se:.6f}")
r_m2ll = theirs["-2loglik"][0]
if abs(our_m2ll - r_m2ll) > 1e-3:
    failures.append(f"-2 log L {our_m2ll:.6f}, msm {r_m2ll:.6f}")
print(f"{len(ours)} parameters: largest estimate difference {worst_est:.2e} standard errors, "
      f"largest standard-error difference {100 * worst_se:.3f}%; -2 log L {our_m2ll:.4f} "
      f"(msm {r_m2ll:.4f})")
if failures:
    print("\n".join(failures))
    sys.exit(1)
