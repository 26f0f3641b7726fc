#!/usr/bin/python3
"""Self-contained HTML reports of Drempel files (``drempel report``).

Three pages, each one HTML file with its plots embedded as PNG, opening offline:

* a run (``drempel run``): active stages over time, end states as monthly entries, inflow by
  source, caseload against the norm, caseworker hours asked and given, waiting lists, and the
  last month's figures with the 95% confidence interval of the mean;
* a comparison of a variant with a base run (two files, or two points of a sweep): the paired
  differences over time with their 95% confidence intervals, the two runs side by side, and the
  last month's differences with a verdict;
* an inflow file (``drempel inflow``): losses per month, applications and awards, the leefloon
  stock, caseworker FTE and cost with their bands, and yearly totals with bands for budgets.

Bands in plots are the spread of single replicates (5% to 95%); intervals in tables and around
differences are confidence intervals of a mean. Every caption says which. The statistics with t
intervals come from ``drempel report`` (analysis/report_statistics.cpp, the same code as
``drempel compare``) in the JSON file given with --statistics; this module computes quantiles only.

Command line (normally run by ``drempel report``):

    /usr/bin/python3 drempel_report.py RESULTS.h5 [VARIANT.h5] -o report.html \
        --statistics STATS.json [--base-point P] [--variant-point Q]

Exit status 0 done, 2 bad input (a message names the file), 1 internal failure.
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import json
import sys
from pathlib import Path

import numpy as np
import xarray as xr

sys.path.insert(0, str(Path(__file__).resolve().parent))
import drempel_results as dr  # noqa: E402
import drempel_report_plots as plots  # noqa: E402

STYLE = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; margin: 2em auto; max-width: 1100px;
       color: #222; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.25em; margin-top: 1.6em;
  border-bottom: 1px solid #ccc; }
figure { margin: 1em 0; } figure img { max-width: 100%; border: 1px solid #eee; }
figcaption { font-size: 0.9em; color: #555; }
table { border-collapse: collapse; font-size: 0.88em; margin: 0.8em 0; }
th, td { border: 1px solid #ccc; padding: 3px 7px; text-align: right; }
th { background: #f3f3f3; } td.name, th.name { text-align: left; }
.meta td { text-align: left; } .note { font-size: 0.9em; color: #444; }
.warning { color: #a40000; font-weight: bold; }
.higher { color: #0a6b0a; } .lower { color: #a40000; }
"""


class BadInput(Exception):
    """A file or choice the report cannot use (exit status 2)."""


def figure_html(figure, figure_id: str, caption: str) -> str:
    """The figure as an <img> with its PNG inline, an id and a caption."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    title = figure.axes[0].get_title() if figure.axes else figure_id
    return (f'<figure id="{figure_id}"><img alt="{html.escape(title)}" '
            f'src="data:image/png;base64,{data}"><figcaption>{html.escape(caption)}'
            f"</figcaption></figure>")


def number(x) -> str:
    if x is None or (isinstance(x, float) and not np.isfinite(x)):
        return "–"
    a = abs(x)
    return f"{x:,.0f}" if a >= 1000 else f"{x:.1f}" if a >= 10 else f"{x:.2f}" if a >= 1 else f"{x:.3f}"


def table_html(header, rows, name_columns=1) -> str:
    head = "".join(f'<th class="name">{html.escape(h)}</th>' if i < name_columns else
                   f"<th>{html.escape(h)}</th>" for i, h in enumerate(header))
    body = ""
    for row in rows:
        cells = ""
        for i, value in enumerate(row):
            css = ' class="name"' if i < name_columns else ""
            if isinstance(value, tuple):  # (text, css class)
                css, value = f' class="{value[1]}"', value[0]
            cells += f"<td{css}>{value if isinstance(value, str) else number(value)}</td>"
        body += f"<tr>{cells}</tr>"
    return f"<table><tr>{head}</tr>{body}</table>"


def page(title: str, meta: list[tuple[str, str]], sections: list[str]) -> str:
    meta_rows = "".join(f"<tr><th class='name'>{html.escape(k)}</th><td>{html.escape(str(v))}"
                        f"</td></tr>" for k, v in meta)
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>"
            f"<h1>{html.escape(title)}</h1><table class='meta'>{meta_rows}</table>"
            + "".join(sections) + "</body></html>")


def open_file(path: str) -> xr.Dataset:
    try:
        return dr.open_file(path)
    except ValueError as error:
        raise BadInput(str(error)) from error
    except Exception as error:  # h5py/h5netcdf raise many kinds for a file that is not HDF5
        raise BadInput(f"{path}: not a readable HDF5 results file ({error})") from error


def select_point(ds: xr.Dataset, point, path: str) -> xr.Dataset:
    try:
        return dr.select_point(ds, point, path)
    except ValueError as error:
        raise BadInput(str(error)) from error


def run_meta(ds: xr.Dataset, path: str) -> list[tuple[str, str]]:
    scenario = json.loads(ds.attrs.get("scenario_json", "{}"))
    labels = [str(v) for v in ds["month_label"].values]
    return [("file", path), ("scenario", scenario.get("name", "?")),
            ("months", f"{labels[0]} to {labels[-1]} ({len(labels)})"),
            ("replicates", str(ds.sizes["replicate"])),
            ("regions", ", ".join(str(r) for r in ds["region"].values)),
            ("seed", str(ds.attrs.get("seed_text", ds.attrs.get("seed")))),
            ("engine", str(ds.attrs.get("engine_version"))),
            ("written", str(ds.attrs.get("created_utc")))]


def summary_table(rows) -> str:
    body = [[r["quantity"], r["region"], r["mean"], f"[{number(r['ci_low'])}, {number(r['ci_high'])}]",
             f"{number(r['p05'])} – {number(r['p95'])}", r["units"]] for r in rows]
    return table_html(["quantity", "region", "mean", "95% CI of the mean",
                       "5%–95% of replicates", "units"], body, name_columns=2)


def run_report(ds: xr.Dataset, path: str, statistics: dict) -> str:
    sections = [
        "<p class='note'>Bands in the plots: the spread of single replicates (5% to 95%); lines: "
        "the mean over replicates. Tables: the mean with its 95% confidence interval (how "
        "precisely the replicates fix the mean) next to the spread of single replicates.</p>",
        "<h2>Pathway stages</h2>",
        figure_html(plots.active_stages(ds), "active-stages",
                    "Clients in each active stage at the end of the month."),
        figure_html(plots.end_state_entries(ds), "end-state-entries",
                    "End states as flows: clients entering each end state per month."),
        "<h2>Inflow</h2>",
        figure_html(plots.inflow_by_source(ds), "inflow-by-source",
                    "New clients per month by source: ordinary leefloon applications and "
                    "people who lost unemployment benefit under the 2026 reform."),
        "<h2>Caseworkers</h2>",
        figure_html(plots.caseload(ds), "caseload",
                    "Active clients per caseworker FTE, against the caseload norm of the "
                    "scenario."),
        figure_html(plots.caseworker_hours(ds), "caseworker-hours",
                    "Caseworker hours clients ask for and the hours they receive, per month."),
        "<h2>Waiting lists</h2>",
        figure_html(plots.waiting_lists(ds), "waiting-lists",
                    "Active clients waiting for a social dwelling, a childcare place, a "
                    "programme place, a Dutch course or therapy at the end of the month."),
        f"<h2>Last month ({ds['month_label'].values[-1]})</h2>",
        summary_table(statistics["summary"]["base"]),
    ]
    scenario = json.loads(ds.attrs.get("scenario_json", "{}")).get("name", Path(path).stem)
    return page(f"Drempel run: {scenario}", run_meta(ds, path), sections)


def comparison_report(base, variant, base_name, variant_name, statistics) -> str:
    comparison = statistics["comparison"]
    last = str(base["month_label"].values[-1])
    rows = [r for r in comparison["rows"] if r["month"] == last]
    table = []
    for r in rows:
        verdict = r["verdict"]
        css = "higher" if verdict == "higher" else "lower" if verdict == "lower" else ""
        relative = r["relative_change"]
        table.append([r["quantity"], r["region"], r["base_mean"], r["variant_mean"], r["difference"],
                      f"[{number(r['ci_low'])}, {number(r['ci_high'])}]",
                      "–" if relative is None else f"{100 * relative:+.1f}%", (verdict, css)])
    warnings = "".join(f"<p class='warning'>{html.escape(w)}</p>" for w in comparison["warnings"])
    sections = [
        f"<p>Difference = variant − base. Interval: {html.escape(comparison['interval'])}. "
        "A difference is called higher or lower when its interval excludes zero. With many "
        "quantities and months some intervals exclude zero by chance (about 1 in 20 when the "
        "runs do not differ).</p>" + warnings,
        "<h2>Paired differences over time</h2>",
        figure_html(plots.differences(comparison, base), "differences",
                    "Mean difference variant − base in each month (line) with its 95% "
                    "confidence interval (band); the dashed line is no difference."),
        "<h2>The two runs</h2>",
        figure_html(plots.two_runs(base, variant, base_name, variant_name), "two-runs",
                    "Base and variant: mean over replicates (lines) and the spread of single "
                    "replicates, 5% to 95% (bands)."),
        f"<h2>Differences at the end of {last}</h2>",
        table_html(["quantity", "region", "base", "variant", "difference", "95% CI",
                    "change", "verdict"], table, name_columns=2),
        "<h2>Base run</h2>", summary_table(statistics["summary"]["base"]),
        "<h2>Variant run</h2>", summary_table(statistics["summary"]["variant"]),
    ]
    meta = [("base", base_name), ("variant", variant_name),
            ("pairing", "paired: same seed, common random numbers" if comparison["paired"]
             else "UNPAIRED: different seeds")] + run_meta(base, base_name)[2:]
    return page("Drempel comparison", meta, sections)


def yearly_rows(ds: xr.Dataset):
    """Yearly totals (flows) or December values (stocks) with central and 5%/50%/95% bands."""
    years = sorted({str(v)[:4] for v in ds["month_label"].values})
    labels = np.array([str(v)[:4] for v in ds["month_label"].values])
    rows = []
    for name, how in plots.INFLOW_YEARLY:
        data = ds[name].sum("region")
        for year in years:
            months = np.nonzero(labels == year)[0]
            if how == "sum":
                values = data.isel(month=months).sum("month").values
                central = float(ds[name + "_summary"].sel(statistic="central").sum("region")
                                .isel(month=months).sum().values)
            else:
                values = data.isel(month=months[-1]).values
                central = float(ds[name + "_summary"].sel(statistic="central").sum("region")
                                .isel(month=months[-1]).values)
            rows.append((name, how, year, central, *np.percentile(values, [5, 50, 95])))
    return rows


def inflow_report(ds: xr.Dataset, path: str) -> str:
    rows = yearly_rows(ds)
    table = [[name, "total of the year" if how == "sum" else "end of the year", year, central,
              p05, p50, p95] for name, how, year, central, p05, p50, p95 in rows]
    sections = [
        "<p class='note'>Central: every uncertain share at its central value. Band: 5% to 95% "
        f"of the {ds.sizes['replicate']} replicates, in which the uncertain shares are drawn from "
        "their ranges and the counts by chance (the planning range, not a confidence interval "
        "of a mean).</p>",
        "<h2>Benefit losses</h2>",
        figure_html(plots.inflow_losses(ds), "losses",
                    "People losing unemployment benefit per month: the transition waves of "
                    "current recipients and new-rule claims running out (central estimate)."),
        "<h2>At the OCMW</h2>",
        figure_html(plots.inflow_applications(ds), "applications",
                    "Leefloon applications and awards to reform losers per month."),
        figure_html(plots.inflow_stock(ds), "stock",
                    "Open leefloon files of reform losers and the caseworker FTE they need "
                    "under the caseload norm."),
        "<h2>Cost</h2>",
        figure_html(plots.inflow_cost(ds), "cost",
                    "Leefloon paid to reform losers (gross) and its cost to the OCMW after "
                    "federal reimbursement and staff subsidy (net), per month."),
        figure_html(plots.inflow_yearly_cost(rows), "yearly-cost",
                    "Net cost to the OCMW per calendar year: central estimate with the 5%–95% "
                    "band of replicates."),
        "<h2>Per year</h2>",
        table_html(["quantity", "figure", "year", "central", "5%", "50%", "95%"], table,
                   name_columns=3),
    ]
    meta = run_meta(ds, path)
    return page("Drempel reform inflow", meta, sections)


def build(files, out, statistics_path, base_point=None, variant_point=None) -> None:
    statistics = (json.loads(Path(statistics_path).read_text()) if statistics_path else None) or {}
    first = open_file(files[0])
    kind = first.attrs.get("drempel_file_kind", "run")
    if kind == "inflow":
        if len(files) > 1:
            raise BadInput("an inflow report takes one file")
        text = inflow_report(first, files[0])
    else:
        base = select_point(first, base_point, files[0])
        if not statistics.get("summary"):
            raise BadInput("a run report needs the statistics that drempel report computes: "
                           "run it as drempel report FILE.h5 -o REPORT.html")
        if len(files) == 1 and variant_point is None:
            text = run_report(base, files[0], statistics)
        else:
            second = open_file(files[1]) if len(files) > 1 else first
            variant = select_point(second, variant_point, files[-1])
            base_name = files[0] + (f" [{base_point}]" if base_point else "")
            variant_name = files[-1] + (f" [{variant_point}]" if variant_point else "")
            if not statistics.get("comparison"):
                raise BadInput("a comparison report needs the statistics of drempel report")
            text = comparison_report(base, variant, base_name, variant_name, statistics)
    Path(out).write_text(text, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", help="RESULTS.h5 [VARIANT.h5]")
    parser.add_argument("-o", "--out", required=True, help="HTML file to write")
    parser.add_argument("--statistics", help="JSON written by drempel report")
    parser.add_argument("--base-point")
    parser.add_argument("--variant-point")
    args = parser.parse_args(argv)
    if len(args.files) > 2:
        print("drempel report: expected one or two files", file=sys.stderr)
        return 2
    try:
        build(args.files, args.out, args.statistics, args.base_point, args.variant_point)
    except BadInput as error:
        print(f"drempel report: {error}", file=sys.stderr)
        return 2
    print(f"report: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
