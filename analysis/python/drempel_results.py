#!/usr/bin/python3
"""Read, summarise, check and plot Drempel results files.

A thin layer over xarray for the HDF5 files that ``drempel run`` writes; the layout is described in
docs/results-format.md. Dependencies are Debian's python3-numpy, python3-pandas, python3-xarray,
python3-h5netcdf (with python3-h5py) and, for plot_stages only, python3-matplotlib. Use Debian's
/usr/bin/python3, which finds them.

    import drempel_results as dr
    with dr.open_results("baseline.h5") as ds:
        dr.check_accounting(ds)            # AssertionError if stocks and flows do not add up
        print(dr.stage_table(ds))          # mean and 95% band over replicates, last month
        dr.plot_stages(ds, "stages.png")   # mean stocks per stage over the months

Command line:

    /usr/bin/python3 analysis/python/drempel_results.py FILE.h5 [--month M] [--plot OUT.png]
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
import pandas as pd
import xarray as xr

__all__ = [
    "FORMAT_VERSION",
    "END_STAGES",
    "open_file",
    "select_point",
    "open_results",
    "stage_table",
    "cohort_table",
    "check_accounting",
    "plot_stages",
]

#: The value of the global attribute ``drempel_format_version`` this module reads.
FORMAT_VERSION = 3  # run and sweep files (docs/results-format.md)
INFLOW_FORMAT_VERSION = 2  # inflow files (docs/inflow-format.md)

#: Stages a client never leaves (models/definitions.hpp: the stages from ``kEmployed`` on). Every
#: other stage is active: the client is followed by the OCMW.
END_STAGES = ("employed", "participation", "dropped_out", "exited")

_COUNT_DIMS = ("replicate", "month", "region", "stage")


def open_file(path) -> xr.Dataset:
    """Open any Drempel file (a run, a sweep or an inflow file) as an xarray Dataset, lazily.

    ``month_label`` ("YYYY-MM") is made a coordinate on ``month``, so it follows selections.
    Raises ValueError if the file's ``drempel_format_version`` is not FORMAT_VERSION (run and
    sweep files) or INFLOW_FORMAT_VERSION (inflow files).
    """
    ds = xr.open_dataset(path, engine="h5netcdf")
    version = ds.attrs.get("drempel_format_version")
    known = INFLOW_FORMAT_VERSION if ds.attrs.get("drempel_file_kind") == "inflow" else FORMAT_VERSION
    if version is None or int(version) != known:
        ds.close()
        raise ValueError(f"{path}: drempel_format_version is {version!r}, this reader knows {known}")
    if "month_label" in ds.data_vars:
        ds = ds.set_coords("month_label")
    return ds


def select_point(ds: xr.Dataset, point, path="the file") -> xr.Dataset:
    """One point of a sweep, by name or position (an int or a string of digits), with the point's
    own scenario as its ``scenario_json`` attribute. A file that is not a sweep is returned as it
    is when ``point`` is None. Raises ValueError for a sweep without a point, an unknown point, or
    a point asked of a file that is not a sweep."""
    if "sweep_point" not in ds.dims:
        if point is not None:
            raise ValueError(f"{path}: not a sweep file, so it has no point {point!r}")
        return ds
    names = [str(n) for n in ds["sweep_point"].values]
    if point is None:
        raise ValueError(f"{path} holds a sweep: choose a point ({', '.join(names)})")
    point = str(point)
    if point not in names and point.isdigit() and int(point) < len(names):
        point = names[int(point)]
    if point not in names:
        raise ValueError(f"{path}: no sweep point {point!r} (the points are: {', '.join(names)})")
    selected = ds.sel(sweep_point=point)
    # The point's own scenario (its caseload norm, its name), not the sweep's.
    selected.attrs["scenario_json"] = str(selected["point_scenario_json"].values)
    return selected


def open_results(path, point=None) -> xr.Dataset:
    """Open a results file of ``drempel run`` as an xarray Dataset (engine "h5netcdf"), lazily.

    Dimensions are replicate (0..R-1), month (a CF time coordinate: the first day of each month,
    decoded to datetime64), region, stage, from_stage and to_stage; the last four are indexed by
    their names, so ``ds.stage_count.sel(stage="employed")`` works. A sweep file has a
    ``sweep_point`` dimension too; ``point`` selects one point of it (select_point). Without a
    point a whole sweep is returned; most functions here need one point and raise ValueError on
    a whole sweep. Raises ValueError for another format version or a file of another kind (an
    inflow file). Use it as a context manager (``with open_results(p) as ds:``) to close the file
    afterwards, or call ``.load()`` to read everything into memory.
    """
    ds = open_file(path)
    kind = ds.attrs.get("drempel_file_kind", "run")
    try:
        if kind != "run":
            raise ValueError(f"{path}: a file of kind {kind!r}, not the results of drempel run")
        return ds if point is None else select_point(ds, point, path)
    except ValueError:
        ds.close()
        raise


def _one_point(ds: xr.Dataset) -> None:
    """Raises ValueError when ``ds`` is a whole sweep (the functions below read one run)."""
    if "sweep_point" in ds.dims:
        names = ", ".join(str(n) for n in ds["sweep_point"].values)
        raise ValueError(f"a sweep of {ds.sizes['sweep_point']} points: open one with "
                         f"open_results(path, point=NAME) or --point ({names})")


def _month_position(ds: xr.Dataset, month) -> int:
    """Position along ``month`` of an int position (negative from the end) or a "YYYY-MM" label."""
    n = ds.sizes["month"]
    if isinstance(month, str):
        labels = [str(v) for v in ds["month_label"].values]
        if month not in labels:
            raise KeyError(f"month label {month!r} not in {labels[0]}..{labels[-1]}")
        return labels.index(month)
    position = int(month)
    if not -n <= position < n:
        raise IndexError(f"month position {position} out of range for {n} months")
    return position % n


def _regions_summed(da: xr.DataArray, region) -> xr.DataArray:
    return da.sum("region") if region is None else da.sel(region=region)


def stage_table(ds: xr.Dataset, month=-1, region=None) -> pd.DataFrame:
    """Clients per stage at the end of one month: mean and 2.5/97.5 percentiles over replicates.

    month: position along the month dimension (0 = first simulated month, -1 = last, the default)
        or a "YYYY-MM" label.
    region: None sums the stocks over all regions (the default); a region name selects one.

    Returns a DataFrame indexed by stage name (file order) with columns "mean", "p2.5" and "p97.5"
    (numpy's linear-interpolation percentiles, so with few replicates they lie close to the
    minimum and maximum). p2.5 and p97.5 are the spread of single replicates, not a confidence
    interval of the mean (which ``drempel run`` and ``drempel compare`` print). ``attrs`` holds
    "month_label", "region", "replicates" and "interval" (that sentence).
    """
    _one_point(ds)
    position = _month_position(ds, month)
    stocks = _regions_summed(ds["stage_count"].isel(month=position), region)
    values = stocks.transpose("replicate", "stage").values.astype(float)
    table = pd.DataFrame(
        {
            "mean": values.mean(axis=0),
            "p2.5": np.percentile(values, 2.5, axis=0),
            "p97.5": np.percentile(values, 97.5, axis=0),
        },
        index=pd.Index([str(s) for s in ds["stage"].values], name="stage"),
    )
    table.attrs = {
        "month_label": str(ds["month_label"].values[position]),
        "region": "all regions" if region is None else str(region),
        "replicates": int(ds.sizes["replicate"]),
        "interval": "p2.5-p97.5: the spread of single replicates (2.5% and 97.5% quantiles), "
                    "not a confidence interval of the mean",
    }
    return table


def cohort_table(ds: xr.Dataset, region=None, cohorts=None) -> pd.DataFrame:
    """Award cohorts followed over time: the share of the members in each state at each horizon.

    The members of the cohorts (the clients first awarded the leefloon in a month) are pooled
    over ``cohorts`` (a slice or list of "YYYY-MM" labels of ``cohort_month``; None: all) and,
    unless ``region`` names one, over the regions; only cohorts followed that far count at a
    horizon (cells after the end of the run are -1 in the file and left out).

    Returns a DataFrame indexed by horizon (months after the award) with one column per state of
    ``cohort_outcome`` but ``awarded``: the mean over replicates of the share of the members in
    it. ``attrs["members"]`` holds the mean number of members per replicate at each horizon.
    """
    _one_point(ds)
    counts = ds["cohort_count"]
    if cohorts is not None:
        labels = [f"{m.year:04d}-{m.month:02d}" for m in pd.to_datetime(counts["cohort_month"].values)]
        counts = counts.assign_coords(cohort_month=labels).sel(cohort_month=cohorts)
    counts = _regions_summed(counts.where(counts >= 0), region).sum("cohort_month")
    members = counts.sel(cohort_outcome="awarded")
    shares = (counts / members).mean("replicate")
    outcomes = [str(o) for o in ds["cohort_outcome"].values if str(o) != "awarded"]
    table = pd.DataFrame(
        {o: shares.sel(cohort_outcome=o).values for o in outcomes},
        index=pd.Index([int(h) for h in ds["horizon"].values], name="horizon"),
    )
    table.attrs = {"members": members.mean("replicate").values.tolist(),
                   "region": "all regions" if region is None else str(region)}
    return table


def _first_mismatch(found: np.ndarray, expected: np.ndarray, dims, coords) -> str:
    """Describes the first element where found != expected, with its coordinates."""
    index = np.argwhere(found != expected)[0]
    where = ", ".join(f"{d}={coords[d][i]!r}" for d, i in zip(dims, index))
    return f"{where}: {found[tuple(index)]} != {expected[tuple(index)]}"


def check_accounting(ds: xr.Dataset) -> None:
    """Checks that stocks and flows in ``ds`` add up; raises AssertionError at the first failure.

    Recomputes, independently of the C++ engine, the identities of docs/results-format.md:
      * from_stage and to_stage carry the same names, in the same order, as stage;
      * the global attribute ``replicates`` equals the length of the replicate dimension;
      * no count is negative;
      * row sums: sum over to_stage of transition_count(m) = stage_count(m-1) + arrival_count(m),
        with initial_stage_count in place of stage_count(0) for the first month;
      * column sums: sum over from_stage of transition_count(m) = stage_count(m);
      * end states keep everyone: no transition leaves an END_STAGES row except to itself, and
        employed -> intake or exited (a job that ended: the client applies again, or leaves with
        unemployment benefit or other work or income).
    """
    _one_point(ds)
    stages = [str(s) for s in ds["stage"].values]
    for dim in ("from_stage", "to_stage"):
        names = [str(s) for s in ds[dim].values]
        assert names == stages, f"{dim} names {names} differ from stage names {stages}"
    replicates = ds.attrs.get("replicates")
    assert replicates is not None and int(replicates) == ds.sizes["replicate"], (
        f"attribute replicates={replicates!r} but dimension replicate has length "
        f"{ds.sizes['replicate']}"
    )

    stock = ds["stage_count"].transpose(*_COUNT_DIMS).values
    initial = ds["initial_stage_count"].transpose("replicate", "region", "stage").values
    arrivals = ds["arrival_count"].transpose(*_COUNT_DIMS).values
    flows = (
        ds["transition_count"]
        .transpose("replicate", "month", "region", "from_stage", "to_stage")
        .values
    )
    coords = {d: ds[d].values for d in ds["transition_count"].dims}
    coords["stage"] = ds["stage"].values

    for name, values in (
        ("stage_count", stock),
        ("initial_stage_count", initial),
        ("arrival_count", arrivals),
        ("transition_count", flows),
    ):
        assert (values >= 0).all(), f"{name} has negative entries"

    before = np.concatenate([initial[:, np.newaxis], stock[:, :-1]], axis=1)
    rows = flows.sum(axis=-1)
    assert np.array_equal(rows, before + arrivals), (
        "row sums of transition_count != previous stage_count + arrival_count at "
        + _first_mismatch(rows, before + arrivals, _COUNT_DIMS, coords)
    )
    columns = flows.sum(axis=-2)
    assert np.array_equal(columns, stock), (
        "column sums of transition_count != stage_count at "
        + _first_mismatch(columns, stock, _COUNT_DIMS, coords)
    )

    end = [stages.index(s) for s in END_STAGES if s in stages]
    leaving = flows[:, :, :, end, :].copy()
    for k, s in enumerate(end):
        leaving[:, :, :, k, s] = 0
        # A job can end: the client applies again or leaves (employed -> intake or exited,
        # models/ODD.md "Jobs and how they end").
        if stages[s] == "employed":
            for to in ("intake", "exited"):
                if to in stages:
                    leaving[:, :, :, k, stages.index(to)] = 0
    assert not leaving.any(), (
        "transition_count moves clients out of an end state at "
        + _first_mismatch(
            leaving,
            np.zeros_like(leaving),
            ("replicate", "month", "region", "from_stage", "to_stage"),
            {**coords, "from_stage": np.asarray(stages)[end]},
        )
    )


def plot_stages(ds: xr.Dataset, out_png, region=None) -> None:
    """Saves a stacked area plot of the mean clients per stage over the months as a PNG.

    Stocks are averaged over replicates and summed over regions (or taken for one ``region``).
    Active stages are stacked at the bottom in strong colours, end states above them in pale ones,
    so the top edge is the total number of clients ever seen.
    """
    # The object-oriented API with the Agg canvas: no display and no global pyplot state.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    _one_point(ds)
    stocks = _regions_summed(ds["stage_count"], region).mean("replicate")
    stocks = stocks.transpose("month", "stage")
    stages = [str(s) for s in ds["stage"].values]
    labels = [str(v) for v in ds["month_label"].values]
    x = np.arange(len(labels))

    active = [s for s in stages if s not in END_STAGES]
    ended = [s for s in stages if s in END_STAGES]
    strong = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d"]
    pale = ["#a6cee3", "#b2df8a", "#fdbf6f", "#cab2d6", "#ffff99", "#fb9a99", "#cccccc"]
    colours = [strong[i % len(strong)] for i in range(len(active))] + [
        pale[i % len(pale)] for i in range(len(ended))
    ]

    figure = Figure(figsize=(10, 5.5), dpi=110)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    series = [stocks.sel(stage=s).values for s in active + ended]
    axes.stackplot(x, series, labels=active + ended, colors=colours, linewidth=0.3,
                   edgecolor="white")
    # At most 12 ticks, on whole quarters, half-years or years where the run is long enough.
    step = next((s for s in (1, 2, 3, 6, 12, 24, 60, 120) if len(labels) <= 12 * s), 240)
    axes.set_xticks(x[::step])
    axes.set_xticklabels(labels[::step], rotation=45, ha="right")
    axes.set_xlim(x[0], x[-1] if len(x) > 1 else x[0] + 1)
    axes.set_xlabel("month (end of)")
    axes.set_ylabel(f"clients (mean of {ds.sizes['replicate']} replicates)")
    where = "all regions" if region is None else str(region)
    axes.set_title(f"Clients per pathway stage, {where}")
    axes.grid(axis="y", alpha=0.3)
    bands, names = axes.get_legend_handles_labels()
    if active and ended:
        # The top edge of the active stages, between them and the end states in the legend too.
        total = stocks.sel(stage=active).sum("stage").values
        (line,) = axes.plot(x, total, color="black", linewidth=1.2)
        bands.insert(len(active), line)
        names.insert(len(active), "all active stages")
    # Legend top to bottom in the order the bands are stacked on screen.
    axes.legend(bands[::-1], names[::-1], loc="center left", bbox_to_anchor=(1.01, 0.5),
                frameon=False, title="stage")
    figure.tight_layout()
    figure.savefig(out_png)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description="Print the stage table of a Drempel results file and check its accounting.")
    parser.add_argument("file", help="results file written by 'drempel run' (.h5)")
    parser.add_argument("--month", default="-1",
                        help="month of the table: position (-1 = last, the default) or YYYY-MM")
    parser.add_argument("--region", default=None, help="one region instead of all summed")
    parser.add_argument("--plot", metavar="OUT.png", help="also save plot_stages() to this PNG")
    parser.add_argument("--point", default=None, help="the sweep point to read (sweep files)")
    args = parser.parse_args(argv)
    month = args.month if "-" in args.month[1:] else int(args.month)

    try:
        return _report(args, month)
    except (ValueError, KeyError, IndexError) as error:  # a wrong file, point or month
        print(f"drempel_results: {error}", file=sys.stderr)
        return 2


def _report(args, month) -> int:
    with open_results(args.file, point=args.point) as ds:
        _one_point(ds)
        print(f"{args.file}: {ds.sizes['replicate']} replicate(s), {ds.sizes['month']} months "
              f"({ds['month_label'].values[0]} to {ds['month_label'].values[-1]}), "
              f"{ds.sizes['region']} region(s), seed {ds.attrs.get('seed')}, "
              f"engine {ds.attrs.get('engine_version')}")
        table = stage_table(ds, month=month, region=args.region)
        print(f"\nclients per stage at the end of {table.attrs['month_label']}, "
              f"{table.attrs['region']} (over {table.attrs['replicates']} replicates)")
        print(table.to_string(float_format=lambda v: f"{v:10.1f}"))
        print(table.attrs["interval"])
        try:
            check_accounting(ds)
        except AssertionError as error:
            print(f"\naccounting: FAILED: {error}", file=sys.stderr)
            return 1
        print("\naccounting: OK (row sums, column sums, end states)")
        if args.plot:
            plot_stages(ds, args.plot, region=args.region)
            print(f"plot: {args.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
