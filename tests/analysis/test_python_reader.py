#!/usr/bin/python3
"""Tests analysis/python/drempel_results.py on a real results file.

    /usr/bin/python3 tests/analysis/test_python_reader.py RESULTS.h5

RESULTS.h5 is any file written by `drempel run` (for example scenarios/baseline.json with
--replicates 3). Runs every check below, prints PASS/FAIL per check and exits 1 if any failed
(2 on a usage error). Needs Debian's python3-xarray, python3-h5netcdf, python3-pandas and
python3-matplotlib.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

import h5py
import numpy as np

SOURCE_DIR = Path(__file__).resolve().parents[2]
MODULE = SOURCE_DIR / "analysis" / "python" / "drempel_results.py"
sys.path.insert(0, str(MODULE.parent))

import drempel_results as dr  # noqa: E402


def raises(exception, function, *args, **kwargs):
    """True if function(*args, **kwargs) raises `exception`."""
    try:
        function(*args, **kwargs)
    except exception:
        return True
    return False


def test_opens_with_names(path):
    with dr.open_results(path) as ds:
        assert int(ds.attrs["drempel_format_version"]) == 3
        assert isinstance(ds.attrs["seed"], np.uint64), type(ds.attrs["seed"])
        assert int(ds.attrs["replicates"]) == ds.sizes["replicate"]
        assert list(ds["replicate"].values) == list(range(ds.sizes["replicate"]))
        labels = [str(v) for v in ds["month_label"].values]
        # month is a CF time coordinate that xarray decodes to the first day of each month.
        assert [str(v)[:7] for v in ds["month"].values] == labels
        assert labels[0] == ds.attrs["start_month"], (labels[0], ds.attrs["start_month"])
        assert all(len(v) == 7 and v[4] == "-" for v in labels), labels
        assert "month_label" in ds.coords
        stages = [str(s) for s in ds["stage"].values]
        for end in dr.END_STAGES:
            assert end in stages, (end, stages)
        # Names are the index: selection by stage and region name works without a lookup table.
        region = str(ds["region"].values[0])
        employed = ds["stage_count"].sel(stage="employed", region=region)
        assert employed.dims == ("replicate", "month")
        for name in ("stage_count", "initial_stage_count", "transition_count", "arrival_count"):
            assert ds[name].dtype == np.int64, (name, ds[name].dtype)
        metrics = [v for v in ds.data_vars if ds[v].dims == ("replicate", "month", "region")]
        assert metrics, "no metric variables"
        for name in metrics:
            assert ds[name].dtype == np.float64, (name, ds[name].dtype)
            assert "units" in ds[name].attrs and "long_name" in ds[name].attrs, name


def test_accounting_passes(path):
    with dr.open_results(path) as ds:
        dr.check_accounting(ds)


def test_stage_table(path):
    with dr.open_results(path) as ds:
        stages = [str(s) for s in ds["stage"].values]
        table = dr.stage_table(ds)
        assert list(table.index) == stages, list(table.index)
        assert len(table) == ds.sizes["stage"]
        assert list(table.columns) == ["mean", "p2.5", "p97.5"], list(table.columns)
        assert (table["p2.5"] <= table["mean"] + 1e-9).all() and (
            table["mean"] <= table["p97.5"] + 1e-9).all(), table
        last = ds["stage_count"].isel(month=-1).sum("region").mean("replicate")
        assert np.allclose(table["mean"].values, last.values)
        assert table.attrs["month_label"] == str(ds["month_label"].values[-1])
        # A month label gives the same table as its position.
        first = str(ds["month_label"].values[0])
        assert dr.stage_table(ds, month=first).equals(dr.stage_table(ds, month=0))
        region = str(ds["region"].values[0])
        assert len(dr.stage_table(ds, region=region)) == ds.sizes["stage"]
        assert raises(KeyError, dr.stage_table, ds, month="1999-01")
        assert raises(IndexError, dr.stage_table, ds, month=ds.sizes["month"])


def test_cohort_table(path):
    with dr.open_results(path) as ds:
        table = dr.cohort_table(ds)
        assert list(table.index) == [int(h) for h in ds["horizon"].values], list(table.index)
        assert "awarded" not in table.columns and "left_for_good" in table.columns
        # Every member is on or off the leefloon; left for good and returned split those who left.
        observed = table.dropna()
        assert len(observed) > 0
        assert np.allclose(observed["on_leefloon"] + observed["off_leefloon"], 1.0)
        assert (observed["left_for_good"] <= observed["off_leefloon"] + 1e-12).all()
        # By hand for one horizon: pooled counts of the file, divided within each replicate.
        c = ds["cohort_count"].sel(horizon=3)
        c = c.where(c >= 0).sum(["cohort_month", "region"])
        by_hand = (c.sel(cohort_outcome="employed") / c.sel(cohort_outcome="awarded")).mean()
        assert np.isclose(table.loc[3, "employed"], float(by_hand))
        first = str(ds["month_label"].values[0])
        one = dr.cohort_table(ds, cohorts=[first])
        assert one.attrs["members"][0] <= table.attrs["members"][0]


def corrupted(ds, name, index, delta):
    """A deep in-memory copy of ds with `delta` added to ds[name][index]."""
    bad = ds.copy(deep=True)
    values = bad[name].values.copy()
    values[index] += delta
    bad[name].values = values
    return bad


def test_accounting_catches_corruption(path):
    with dr.open_results(path) as lazy:
        ds = lazy.load()
        stages = [str(s) for s in ds["stage"].values]
        last = ds.sizes["month"] - 1
        # One client too many in a stock: column sums of that month (and row sums of the next).
        for month in (0, last):
            bad = corrupted(ds, "stage_count", (0, month, 0, stages.index("stabilisation")), 1)
            assert raises(AssertionError, dr.check_accounting, bad), f"stage_count month {month}"
        # A stock before month 1, an arrival and a transition that come from nowhere.
        bad = corrupted(ds, "initial_stage_count", (0, 0, stages.index("intake")), 1)
        assert raises(AssertionError, dr.check_accounting, bad), "initial_stage_count"
        bad = corrupted(ds, "arrival_count", (0, last, 0, stages.index("intake")), 1)
        assert raises(AssertionError, dr.check_accounting, bad), "arrival_count"
        bad = corrupted(ds, "transition_count", (0, 0, 0, 0, 0), 1)
        assert raises(AssertionError, dr.check_accounting, bad), "transition_count"
        # A client leaving an end state in the last month, with every sum kept intact: only the
        # end-state rule sees it.
        exited, intake = stages.index("exited"), stages.index("intake")
        flows = ds["transition_count"].values
        replicate = int(np.argmax(flows[:, last, 0, exited, exited] > 0))
        assert flows[replicate, last, 0, exited, exited] > 0, "nobody in exited at the end"
        bad = corrupted(ds, "transition_count", (replicate, last, 0, exited, exited), -1)
        bad = corrupted(bad, "transition_count", (replicate, last, 0, exited, intake), 1)
        bad = corrupted(bad, "stage_count", (replicate, last, 0, exited), -1)
        bad = corrupted(bad, "stage_count", (replicate, last, 0, intake), 1)
        message = None
        try:
            dr.check_accounting(bad)
        except AssertionError as error:
            message = str(error)
        assert message is not None, "a client leaving 'exited' was not caught"
        assert "end state" in message, message
        # The copies shared nothing with the original.
        dr.check_accounting(ds)


def test_table_says_which_interval(path):
    with dr.open_results(path) as ds:
        table = dr.stage_table(ds)
        assert "spread of single replicates" in table.attrs["interval"]
        assert "not a confidence interval of the mean" in table.attrs["interval"]
        # A plain run has no sweep points to choose from.
        assert raises(ValueError, dr.open_results, path, "some_point")


def test_rejects_other_format_version(path):
    with tempfile.TemporaryDirectory() as directory:
        copy = Path(directory) / "version99.h5"
        shutil.copyfile(path, copy)
        with h5py.File(copy, "r+") as f:
            f.attrs.modify("drempel_format_version", np.int32(99))
        assert raises(ValueError, dr.open_results, copy)


def test_plot_writes_png(path):
    with dr.open_results(path) as ds, tempfile.TemporaryDirectory() as directory:
        out = Path(directory) / "stages.png"
        dr.plot_stages(ds, out)
        data = out.read_bytes()
        assert len(data) > 1000, len(data)
        assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]


def test_command_line(path):
    with tempfile.TemporaryDirectory() as directory:
        out = Path(directory) / "cli.png"
        run = subprocess.run([sys.executable, str(MODULE), str(path), "--plot", str(out)],
                             capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stdout + run.stderr
        assert "accounting: OK" in run.stdout, run.stdout
        assert "stabilisation" in run.stdout, run.stdout
        assert out.stat().st_size > 1000


TESTS = [
    test_opens_with_names,
    test_accounting_passes,
    test_stage_table,
    test_cohort_table,
    test_accounting_catches_corruption,
    test_rejects_other_format_version,
    test_plot_writes_png,
    test_command_line,
    test_table_says_which_interval,
]


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = Path(argv[1])
    if not path.is_file():
        print(f"no results file {path}", file=sys.stderr)
        return 2
    failed = 0
    for test in TESTS:
        try:
            test(path)
            print(f"PASS {test.__name__}")
        except Exception:  # noqa: BLE001 - report every failure, then exit non-zero
            failed += 1
            print(f"FAIL {test.__name__}\n{traceback.format_exc()}", file=sys.stderr)
    print(f"{len(TESTS) - failed}/{len(TESTS)} passed")
    return 1 if failed else 0


if __name__ == "__main__":
    os.environ.setdefault("MPLBACKEND", "Agg")
    sys.exit(main(sys.argv))
