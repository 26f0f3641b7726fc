"""drempel report end to end: the three pages are built from small files, every plot is present,
embedded as a PNG, titled, with labelled axes and a legend, and the page opens offline.

Run by ctest as: /usr/bin/python3 test_report.py DREMPEL_BINARY SOURCE_DIR WORK_DIR
"""

import base64
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import xarray as xr

DREMPEL, SOURCE, WORK = (Path(a) for a in sys.argv[1:4])
sys.path.insert(0, str(SOURCE / "analysis" / "python"))
import drempel_report  # noqa: E402
import drempel_report_plots as plots  # noqa: E402

RUN_FIGURES = ["active-stages", "end-state-entries", "inflow-by-source", "caseload",
               "caseworker-hours", "waiting-lists"]
COMPARISON_FIGURES = ["differences", "two-runs"]
INFLOW_FIGURES = ["losses", "applications", "stock", "cost", "yearly-cost"]


def drempel(*args, expect=0):
    done = subprocess.run([str(DREMPEL), *map(str, args)], capture_output=True, text=True)
    assert done.returncode == expect, (args, done.returncode, done.stderr)
    return done


def scenario(name):
    return SOURCE / "scenarios" / name


def figures(page: str):
    """{figure id: (alt text, PNG bytes, caption)} of a report page."""
    found = {}
    for fid, alt, data, caption in re.findall(
            r'<figure id="([^"]+)"><img alt="([^"]*)" src="data:image/png;base64,([^"]+)">'
            r"<figcaption>(.*?)</figcaption></figure>", page):
        found[fid] = (alt, base64.b64decode(data), caption)
    return found


def check_page(path: Path, expected_ids):
    page = path.read_text(encoding="utf-8")
    found = figures(page)
    assert sorted(found) == sorted(expected_ids), (sorted(found), expected_ids)
    for fid, (alt, png, caption) in found.items():
        assert png[:8] == b"\x89PNG\r\n\x1a\n", fid
        assert len(png) > 5000, (fid, len(png))  # a drawn plot, not an empty canvas
        assert alt and caption, fid
    # Opens offline: nothing is fetched from elsewhere.
    assert not re.search(r'(src|href)="(?!data:)', page), "external resource"
    assert "http://" not in page and "https://" not in page
    return page


def check_figure(figure, name):
    for ax in figure.axes:
        if not ax.get_visible():
            continue
        assert ax.get_title(), f"{name}: a panel without a title"
        assert ax.get_xlabel(), f"{name}: no x label"
        assert ax.get_ylabel(), f"{name}: no y label"
    assert any(ax.get_legend() is not None for ax in figure.axes), f"{name}: no legend"


def main():
    WORK.mkdir(parents=True, exist_ok=True)
    base, variant = WORK / "base.h5", WORK / "x2.h5"
    inflow, sweep = WORK / "inflow.h5", WORK / "sweep.h5"
    small = ["--set", "/months=18", "--replicates", "4", "--quiet"]
    drempel("run", scenario("baseline.json"), "--out", base, *small)
    drempel("run", scenario("whatif/caseworkers-x2.json"), "--out", variant, *small)
    drempel("inflow", scenario("reform-flanders.json"), "--out", inflow, "--replicates", "20",
            "--quiet")

    out = WORK / "run.html"
    drempel("report", base, "-o", out)
    page = check_page(out, RUN_FIGURES)
    assert "95% CI of the mean" in page and "5%–95% of replicates" in page

    out = WORK / "compare.html"
    drempel("report", base, variant, "-o", out)
    page = check_page(out, COMPARISON_FIGURES)
    assert "paired: same seed" in page
    assert "confidence interval of the mean difference" in page

    out = WORK / "inflow.html"
    drempel("report", inflow, "-o", out)
    page = check_page(out, INFLOW_FIGURES)
    for year in ("2026", "2027"):
        assert f"<td class=\"name\">{year}</td>" in page, year

    # The figures themselves: titles, axis labels with units, legends.
    with xr.open_dataset(base, engine="h5netcdf") as ds:
        ds = ds.set_coords("month_label")
        for name in ("active_stages", "end_state_entries", "inflow_by_source", "caseload",
                     "caseworker_hours", "waiting_lists"):
            check_figure(getattr(plots, name)(ds), name)
    with xr.open_dataset(inflow, engine="h5netcdf") as ds:
        ds = ds.set_coords("month_label")
        for name in ("inflow_losses", "inflow_applications", "inflow_stock", "inflow_cost"):
            check_figure(getattr(plots, name)(ds), name)
        rows = drempel_report.yearly_rows(ds)
        check_figure(plots.inflow_yearly_cost(rows), "inflow_yearly_cost")
        # Years as in the file; the net cost follows the reimbursement rules of the scenario
        # (scenarios/README.md, "inflow"): negative in 2026 (full reimbursement and the staff
        # subsidy), positive from 2027 on, higher in 2029 when the share has fallen to 75%.
        net = {r[2]: r for r in rows if r[0] == "cost_net_eur"}
        assert sorted(net) == ["2026", "2027", "2028", "2029", "2030"], sorted(net)
        assert net["2026"][3] < 0 < net["2027"][3] < net["2029"][3], [net[y][3] for y in net]
        # A stock is the value at the end of the year: December's, read here by its label.
        stock = {r[2]: r for r in rows if r[0] == "leefloon_stock"}
        december = ds["leefloon_stock"].sum("region").sel(
            month=ds["month"][[str(v) == "2027-12" for v in ds["month_label"].values]])
        assert abs(float(np.median(december.values)) - stock["2027"][5]) < 1e-9
        # A flow is the sum of the year's months, replicate by replicate.
        in_2028 = [str(v).startswith("2028") for v in ds["month_label"].values]
        per_replicate = ds["awards"].sum("region").isel(month=in_2028).sum("month").values
        awards = {r[2]: r for r in rows if r[0] == "awards"}
        assert abs(float(np.percentile(per_replicate, 95)) - awards["2028"][6]) < 1e-6

    # Sweep points: a report needs the point; a wrong one is named.
    sweep_scenario = WORK / "sweep.json"
    sweep_scenario.write_text(json.dumps({
        "extends": str(scenario("baseline.json")), "months": 12, "replicates": 3,
        "sweep": {"grid": {"/gpmi/sanction_strictness": [0.05, 0.5]}}}))
    drempel("run", sweep_scenario, "--out", sweep, "--quiet")
    points = ["gpmi.sanction_strictness=0.05", "gpmi.sanction_strictness=0.5"]
    out = WORK / "sweep.html"
    drempel("report", sweep, "--base-point", points[0], "--variant-point", points[1], "-o", out)
    check_page(out, COMPARISON_FIGURES)
    # The Python reader selects sweep points by name or position, with the point's scenario.
    import drempel_results as dr  # noqa: E402
    with dr.open_results(sweep, point="1") as one:
        assert json.loads(one.attrs["scenario_json"])["gpmi"]["sanction_strictness"] == 0.5
        assert dr.stage_table(one).shape[0] == one.sizes["stage"]
    with dr.open_results(sweep) as whole:
        try:
            dr.stage_table(whole)
            raise AssertionError("stage_table read a whole sweep")
        except ValueError as error:
            assert "sweep of 2 points" in str(error)
    for args in ((inflow,), (sweep, "no_such_point")):
        try:
            dr.open_results(*args)
            raise AssertionError(f"open_results accepted {args}")
        except ValueError:
            pass
    reader = subprocess.run(["/usr/bin/python3", str(SOURCE / "analysis/python/drempel_results.py"),
                             str(sweep)], capture_output=True, text=True)
    assert reader.returncode == 2 and "--point" in reader.stderr, reader.stderr
    bad = drempel("report", sweep, "-o", WORK / "x.html", expect=2)
    assert "--base-point" in bad.stderr
    bad = drempel("report", sweep, "--base-point", "nope", "-o", WORK / "x.html", expect=2)
    assert "the points are" in bad.stderr

    # Bad input: exit status 2 with the file named, nothing written.
    bad = drempel("report", WORK / "missing.h5", "-o", WORK / "x.html", expect=2)
    assert "missing.h5" in bad.stderr
    bad = drempel("report", inflow, base, "-o", WORK / "x.html", expect=2)
    bad = drempel("report", base, "-o", WORK / "no_dir" / "x.html", expect=2)
    assert "-o" in bad.stderr
    (WORK / "notes.h5").write_text("not HDF5")
    bad = drempel("report", WORK / "notes.h5", "-o", WORK / "x.html", expect=2)
    assert "notes.h5" in bad.stderr
    assert not (WORK / "x.html").exists()
    print("test_report: all checks passed")


if __name__ == "__main__":
    main()
