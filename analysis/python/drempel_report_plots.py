"""The figures of drempel_report.py: one function per figure, each returning a matplotlib Figure
with a title, axes labelled with their units and a legend. Lines are means over replicates (or the
central estimate of an inflow file); bands are the 5%-95% spread of single replicates, except in
the paired differences, where the band is the 95% confidence interval of the mean difference.
"""

from __future__ import annotations

import json

import numpy as np
import xarray as xr
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from drempel_results import END_STAGES

COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
           "#666666", "#1f78b4"]
#: Inflow quantities tabulated per year: "sum" over the year's months, or the "end" (December).
INFLOW_YEARLY = [("benefit_losses_waves", "sum"), ("benefit_losses_new_claims", "sum"),
                 ("applications", "sum"), ("awards", "sum"), ("leefloon_stock", "end"),
                 ("caseworker_fte_needed", "end"), ("cost_gross_eur", "sum"),
                 ("cost_net_eur", "sum")]
_UNITS = {"1": "clients", "h month-1": "hours per month", "month-1": "per month",
          "EUR month-1": "EUR per month", "EUR": "EUR", "month": "months"}


def new_figure(rows=1, columns=1, width=10.0, height=4.6):
    figure = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.subplots(rows, columns, squeeze=False)
    return figure, axes


def units_label(units: str, quantity: str = "", what: str = "") -> str:
    """Axis words for a CF units string; "1" is named from the quantity (clients, a share, FTE)."""
    text = _UNITS.get(units, units)
    if units == "1":
        if "share" in quantity or quantity.startswith("clients_mean"):
            text = "share" if "share" in quantity else "level"
        elif "per_caseworker_fte" in quantity:
            text = "clients per FTE"
        elif "fte" in quantity:
            text = "FTE"
        elif "stress" in quantity or "tension" in quantity:
            text = "level"
    return f"{what} ({text})" if what else text


def months(ds: xr.Dataset):
    return ds["month"].values


def band(ax, x, values: np.ndarray, label: str, colour: str, alpha=0.18) -> None:
    """Mean line and 5%-95% band of `values` (replicate, month)."""
    ax.plot(x, values.mean(axis=0), color=colour, linewidth=1.6, label=label)
    if values.shape[0] > 1:
        low, high = np.percentile(values, [5, 95], axis=0)
        ax.fill_between(x, low, high, color=colour, alpha=alpha, linewidth=0)


def finish(figure, ax, title: str, ylabel: str, legend_title=None) -> None:
    ax.set_title(title)
    ax.set_xlabel("month")
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=8, title=legend_title, frameon=False)
    figure.autofmt_xdate()
    figure.tight_layout()


def per_replicate(ds: xr.Dataset, name: str, region=None) -> np.ndarray:
    """(replicate, month) values of a metric: summed over regions, or one region."""
    data = ds[name]
    data = data.sum("region") if region is None else data.sel(region=region)
    return data.transpose("replicate", "month").values.astype(float)


def metric_lines(ds: xr.Dataset, name: str):
    """[(label, values)] for a metric: one total, or one per region when regions do not add up."""
    regions = [str(r) for r in ds["region"].values]
    if ds[name].attrs.get("region_total") == "none" and len(regions) > 1:
        return [(f"{name}, {r}", per_replicate(ds, name, r)) for r in regions]
    return [(name, per_replicate(ds, name))]


def entries(ds: xr.Dataset, stage: str) -> np.ndarray:
    """(replicate, month) clients entering `stage` in the month: moves in plus arrivals."""
    moves = ds["transition_count"].sel(to_stage=stage).sum("region")
    stayed = ds["transition_count"].sel(to_stage=stage, from_stage=stage).sum("region")
    arrived = ds["arrival_count"].sel(stage=stage).sum("region")
    total = moves.sum("from_stage") - stayed + arrived
    return total.transpose("replicate", "month").values.astype(float)


def stage_stock(ds: xr.Dataset, stage: str) -> np.ndarray:
    return ds["stage_count"].sel(stage=stage).sum("region").transpose(
        "replicate", "month").values.astype(float)


def active_stages(ds: xr.Dataset):
    figure, axes = new_figure()
    ax = axes[0][0]
    active = [str(s) for s in ds["stage"].values if str(s) not in END_STAGES]
    for i, stage in enumerate(active):
        band(ax, months(ds), stage_stock(ds, stage), stage, COLOURS[i % len(COLOURS)])
    finish(figure, ax, "Clients in active stages (mean, 5%-95% band of replicates)",
           "clients at the end of the month", "stage")
    return figure


def end_state_entries(ds: xr.Dataset):
    figure, axes = new_figure()
    ax = axes[0][0]
    ended = [str(s) for s in ds["stage"].values if str(s) in END_STAGES]
    for i, stage in enumerate(ended):
        band(ax, months(ds), entries(ds, stage), stage, COLOURS[(i + 5) % len(COLOURS)])
    finish(figure, ax, "End states: clients entering per month (mean, 5%-95% band)",
           "clients per month", "end state")
    return figure


def lines_figure(ds: xr.Dataset, names, title: str, ylabel: str, legend_title: str):
    figure, axes = new_figure()
    ax = axes[0][0]
    i = 0
    for name in names:
        if name not in ds.data_vars:
            continue
        for label, values in metric_lines(ds, name):
            band(ax, months(ds), values, label, COLOURS[i % len(COLOURS)])
            i += 1
    finish(figure, ax, title, ylabel, legend_title)
    return figure


def inflow_by_source(ds: xr.Dataset):
    return lines_figure(ds, ["arrivals_ordinary", "arrivals_reform"],
                        "New clients by source (mean, 5%-95% band)", "new clients per month",
                        "source")


def caseload(ds: xr.Dataset):
    figure = lines_figure(ds, ["caseload_per_caseworker_fte"],
                          "Caseload per caseworker FTE (mean, 5%-95% band)",
                          "active clients per FTE", "")
    ax = figure.axes[0]
    scenario = json.loads(ds.attrs.get("scenario_json", "{}"))
    norm = scenario.get("caseworkers", {}).get("caseload_norm_files_per_fte")
    if norm is not None:
        ax.axhline(norm, color="black", linestyle="--", linewidth=1,
                   label=f"caseload norm ({norm:g} per FTE)")
        ax.legend(loc="upper left", fontsize=8, frameon=False)
    return figure


def caseworker_hours(ds: xr.Dataset):
    return lines_figure(ds, ["caseworker_hours_demanded", "caseworker_hours_supplied"],
                        "Caseworker hours asked and given (mean, 5%-95% band)",
                        "hours per month", "hours")


def waiting_lists(ds: xr.Dataset):
    return lines_figure(ds, ["social_housing_waiting_list", "clients_waiting_for_childcare",
                             "programme_waiting", "nt2_waiting", "therapy_waiting"],
                        "Waiting lists (mean, 5%-95% band)", "clients waiting", "waiting for")


def differences(comparison: dict, base: xr.Dataset):
    """One panel per quantity (and region): mean paired difference and its 95% CI by month."""
    series = {}
    for r in comparison["rows"]:
        series.setdefault((r["quantity"], r["region"], r["units"]), []).append(r)
    label_to_date = {str(l): d for l, d in zip(base["month_label"].values, base["month"].values)}
    keys = list(series)
    columns = 4
    rows = (len(keys) + columns - 1) // columns
    figure, axes = new_figure(rows, columns, width=14, height=2.6 * rows + 0.8)
    for k, key in enumerate(keys):
        ax = axes[k // columns][k % columns]
        points = series[key]
        x = [label_to_date[p["month"]] for p in points]
        mean = np.array([p["difference"] for p in points], dtype=float)
        low = np.array([np.nan if p["ci_low"] is None else p["ci_low"] for p in points], float)
        high = np.array([np.nan if p["ci_high"] is None else p["ci_high"] for p in points], float)
        ax.fill_between(x, low, high, color="#1f78b4", alpha=0.25, linewidth=0,
                        label="95% CI of the mean difference")
        ax.plot(x, mean, color="#1f78b4", linewidth=1.4, label="mean difference")
        ax.axhline(0, color="black", linestyle="--", linewidth=0.8, label="no difference")
        quantity, region, units = key
        ax.set_title(quantity if region in ("all regions",) or len(base["region"]) == 1
                     else f"{quantity}, {region}", fontsize=9)
        ax.set_ylabel(units_label(units, quantity, "difference"), fontsize=8)
        ax.set_xlabel("month", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.3)
    for k in range(len(keys), rows * columns):
        axes[k // columns][k % columns].set_visible(False)
    axes[0][0].legend(loc="upper left", fontsize=7, frameon=False)
    figure.suptitle("Paired differences variant - base by month", fontsize=12)
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure


def two_runs(base: xr.Dataset, variant: xr.Dataset, base_name: str, variant_name: str):
    panels = [("clients_active", "active clients", None),
              ("entered_employed", "clients who entered work, cumulative", "employed"),
              ("caseworker_hours_supplied", "caseworker hours given per month", None),
              ("leefloon_spending_eur", "leefloon paid, EUR per month", None)]
    figure, axes = new_figure(2, 2, width=12, height=7.5)
    for k, (name, ylabel, stage) in enumerate(panels):
        ax = axes[k // 2][k % 2]
        for ds, label, colour in ((base, "base", "#555555"), (variant, "variant", "#d95f02")):
            if stage is not None:
                values = np.cumsum(entries(ds, stage), axis=1)
            elif name in ds.data_vars:
                values = per_replicate(ds, name)
            else:
                continue
            band(ax, months(ds), values, label, colour)
        ax.set_title(name, fontsize=10)
        ax.set_ylabel(ylabel, fontsize=8)
        ax.set_xlabel("month", fontsize=8)
        ax.grid(alpha=0.3)
        ax.legend(loc="upper left", fontsize=8, frameon=False)
    figure.suptitle(f"Base ({base_name}) and variant ({variant_name})", fontsize=11)
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure


# --- inflow files --------------------------------------------------------------------------------

def central(ds: xr.Dataset, name: str) -> np.ndarray:
    return ds[name + "_summary"].sel(statistic="central").sum("region").values.astype(float)


def inflow_band(ax, ds: xr.Dataset, name: str, label: str, colour: str, scale=1.0) -> None:
    """Central estimate (line) and the 5%-95% band of replicates of a region-summed quantity,
    divided by `scale`."""
    x = months(ds)
    values = ds[name].sum("region").transpose("replicate", "month").values.astype(float) / scale
    ax.plot(x, central(ds, name) / scale, color=colour, linewidth=1.6, label=f"{label} (central)")
    low, high = np.percentile(values, [5, 95], axis=0)
    ax.fill_between(x, low, high, color=colour, alpha=0.2, linewidth=0,
                    label=f"{label} (5%-95% of replicates)")


def inflow_losses(ds: xr.Dataset):
    figure, axes = new_figure()
    ax = axes[0][0]
    # Bars need dates matplotlib can offset by a width in days (datetime64[ns] gives width 0).
    x = months(ds).astype("datetime64[D]").astype(object)
    waves = central(ds, "benefit_losses_waves")
    claims = central(ds, "benefit_losses_new_claims")
    ax.bar(x, waves, width=25, color="#7570b3", label="transition waves")
    ax.bar(x, claims, width=25, bottom=waves, color="#e6ab02", label="new claims running out")
    finish(figure, ax, "People losing unemployment benefit (central estimate)",
           "people per month", "")
    return figure


def inflow_applications(ds: xr.Dataset):
    figure, axes = new_figure()
    ax = axes[0][0]
    inflow_band(ax, ds, "applications", "applications", "#1b9e77")
    inflow_band(ax, ds, "awards", "awards", "#d95f02")
    finish(figure, ax, "Leefloon applications and awards of reform losers", "people per month")
    return figure


def inflow_stock(ds: xr.Dataset):
    figure, axes = new_figure(1, 2, width=12)
    inflow_band(axes[0][0], ds, "leefloon_stock", "files", "#7570b3")
    finish(figure, axes[0][0], "Open leefloon files of reform losers", "files at the month's end")
    inflow_band(axes[0][1], ds, "caseworker_fte_needed", "FTE", "#e7298a")
    finish(figure, axes[0][1], "Caseworker FTE needed under the norm", "FTE")
    return figure


def inflow_cost(ds: xr.Dataset):
    figure, axes = new_figure()
    ax = axes[0][0]
    inflow_band(ax, ds, "cost_gross_eur", "gross", "#666666", 1e6)
    inflow_band(ax, ds, "cost_net_eur", "net", "#d95f02", 1e6)
    ax.axhline(0, color="black", linewidth=0.8)
    finish(figure, ax, "Leefloon cost of reform losers", "million EUR per month")
    return figure


def inflow_yearly_cost(rows):
    figure, axes = new_figure(width=9, height=4.2)
    ax = axes[0][0]
    net = [r for r in rows if r[0] == "cost_net_eur"]
    years = [r[2] for r in net]
    centre = np.array([r[3] for r in net]) / 1e6
    low = np.array([r[4] for r in net]) / 1e6
    high = np.array([r[6] for r in net]) / 1e6
    ax.bar(years, centre, color="#d95f02", label="central estimate")
    ax.errorbar(years, centre, yerr=[np.maximum(centre - low, 0), np.maximum(high - centre, 0)],
                fmt="none", ecolor="black", capsize=4, label="5%-95% of replicates")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_title("Net cost to the OCMW per year")
    ax.set_xlabel("year")
    ax.set_ylabel("million EUR per year")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    figure.tight_layout()
    return figure
