#!/usr/bin/env python3
"""The validation table of docs/validation.md: the model against published Belgian figures.

Runs the documented scenarios (scenarios/baseline.json over 100 replicates for the pathways,
scenarios/reform-flanders.json for the reform inflow), computes each figure from the results
files (cohort_count, job_endings, the group tables, the stage counts and metrics; the inflow
file), and writes the table: figure, source with its date, published value and band, the
model's value with its interval, whether the figure is a calibration target or only a check, and
whether the model meets it, with a sentence where it does not.

    /usr/bin/python3 analysis/python/drempel_validate.py DREMPEL SOURCE_DIR [--out FILE] [--check FILE]

--out writes the Markdown (docs/validation.md); --check regenerates it and exits with status 1
when it differs from FILE (the test tests/analysis/validation_table runs this, so that the table
cannot drift from the code silently). Results are bit-identical for a scenario and seed, so the
table is reproducible to the printed digit.

Intervals: for figures from drempel run, the 95% interval of the mean over the 100 replicates
(normal approximation, mean +- 1.96 standard errors; Student's t with 99 degrees of freedom
would widen it by 1.2%); for figures from drempel inflow, the 5%-95% band over its 200
replicates, which carry the uncertainty of the inflow's shares.
"""
from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile

import numpy as np
import xarray as xr

REPLICATES = 100
FROM_MONTH = 24  # the calibration window of models/ODD.md section 9: months 25..60
ACTIVE_LEEFLOON = ["admin_startup", "stabilisation", "pre_activation", "activation"]
END_STATES = ["employed", "participation", "dropped_out", "exited"]


def run(drempel: str, source: str, work: str) -> tuple[xr.Dataset, xr.Dataset]:
    base = os.path.join(work, "baseline.h5")
    inflow = os.path.join(work, "flanders.h5")
    subprocess.run([drempel, "run", os.path.join(source, "scenarios/baseline.json"), "--out", base,
                    "--replicates", str(REPLICATES), "--quiet"], check=True)
    subprocess.run([drempel, "inflow", os.path.join(source, "scenarios/reform-flanders.json"),
                    "--out", inflow, "--quiet"], check=True)
    return (xr.open_dataset(base, engine="h5netcdf").load(),
            xr.open_dataset(inflow, engine="h5netcdf").load())


def mean_interval(per_replicate) -> tuple[float, float, float]:
    """Mean over replicates and its 95% interval (normal approximation)."""
    v = np.asarray(per_replicate, dtype=float)
    v = v[~np.isnan(v)]
    m = float(v.mean())
    se = float(v.std(ddof=1) / math.sqrt(len(v)))
    return m, m - 1.96 * se, m + 1.96 * se


def band(per_replicate) -> tuple[float, float, float]:
    """Median and the 5%-95% band over replicates."""
    v = np.asarray(per_replicate, dtype=float)
    return float(np.median(v)), float(np.quantile(v, 0.05)), float(np.quantile(v, 0.95))


def metric_window(ds, name):
    """Per replicate: the metric's mean over the calibration window (NaN months left out)."""
    return ds[name].isel(month=slice(FROM_MONTH, None)).mean(["month", "region"], skipna=True)


def cohort_share(ds, outcome, horizon):
    """Per replicate: members in `outcome` at `horizon` over the members, pooled over every
    cohort whose horizon lies within the run."""
    c = ds.cohort_count.sel(horizon=horizon)
    c = c.where(c >= 0).sum(["cohort_month", "region"])
    return (c.sel(cohort_outcome=outcome) / c.sel(cohort_outcome="awarded")).values


def returned_share(ds, horizon):
    """Per replicate: of the cohort members who ever left the leefloon by `horizon`, the share who
    received it again (pooled as in cohort_share)."""
    c = ds.cohort_count.sel(horizon=horizon)
    c = c.where(c >= 0).sum(["cohort_month", "region"])
    back = c.sel(cohort_outcome="returned")
    return (back / (back + c.sel(cohort_outcome="left_for_good"))).values


def restricted_mean_on_leefloon(ds, until=48):
    """Per replicate: mean months on the leefloon in the first `until` months after the award,
    the area under the share on the leefloon (1 at the award), linear between horizons."""
    horizons = [0] + [int(h) for h in ds.horizon.values if int(h) <= until]
    c = ds.cohort_count.sel(horizon=[h for h in horizons if h > 0])
    # Only cohorts observed at every horizon, so that the curve is one population's.
    last = c.sel(horizon=until, cohort_outcome="awarded")
    c = c.where(last >= 0).sum(["cohort_month", "region"])
    share = (c.sel(cohort_outcome="on_leefloon") / c.sel(cohort_outcome="awarded")).values
    curve = np.concatenate([np.ones((share.shape[0], 1)), share], axis=1)
    return np.trapz(curve, x=horizons, axis=1)


def job_survival(ds, months):
    """Per replicate: of the jobs started in months old enough to be followed `months` months,
    the share not ended by then (job_endings is by month of ending and months since the start)."""
    endings = ds.job_endings.sum("region").values  # [replicate, month, job_months]
    starts = ds.job_starts.sum("region").values  # [replicate, month]
    n_months = starts.shape[1]
    out = []
    for r in range(starts.shape[0]):
        started = ended = 0.0
        for s in range(n_months - months):
            started += starts[r, s]
            ended += sum(endings[r, s + d, d - 1] for d in range(1, months + 1))
        out.append(1.0 - ended / started)
    return np.array(out)


def fall_back_after_quarter(ds):
    """Per replicate: of job starters, the share whose job ended within 3 months and who applied
    at the OCMW again. A job that ends before the benefit rule's 12 months sends its holder back
    with the same chance whatever its length, so the re-applying share of the short endings is
    job_relapses over all endings before 12 months."""
    survival = job_survival(ds, 3)
    endings = ds.job_endings.sum(["region", "month"])
    short = endings.sel(job_months=slice(1, 11)).sum("job_months").values
    relapses = ds.job_relapses.sum(["region", "month"]).values
    return (1.0 - survival) * relapses / short


def exits_to_work(ds):
    """Per replicate: of the clients leaving the leefloon stages for an end state (months 25-60),
    the share who left for regular work."""
    t = ds.transition_count.isel(month=slice(FROM_MONTH, None)).sel(
        from_stage=ACTIVE_LEEFLOON, to_stage=END_STATES).sum(["month", "region", "from_stage"])
    return (t.sel(to_stage="employed") / t.sum("to_stage")).values


def gpmi_share(ds):
    """Per replicate: clients with a signed GPMI over clients in the leefloon stages, months 25-60."""
    on = ds.stage_count.sel(stage=ACTIVE_LEEFLOON).sum("stage")
    share = ds.gpmi_signed / on
    return share.isel(month=slice(FROM_MONTH, None)).mean(["month", "region"]).values


def duration_ratio(ds, group="newcomer_loi", reference="other"):
    """Per replicate: mean time in the leefloon stages per arrival of `group` over that of
    `reference` (Little's law over months 25-60: mean stock / mean monthly arrivals)."""
    stock = ds.stage_count_by_background.sel(stage=ACTIVE_LEEFLOON).sum(["stage", "region"])
    arrivals = ds.arrival_count_by_background.sum(["stage", "region"])
    window = slice(FROM_MONTH, None)
    time = stock.isel(month=window).mean("month") / arrivals.isel(month=window).mean("month")
    return (time.sel(background=group) / time.sel(background=reference)).values


def wave1_first_month(flow):
    """Per replicate: applications in January 2026 over the losses of January 2026."""
    first = flow.isel(month=0).sum("region")
    return (first.applications / (first.benefit_losses_waves + first.benefit_losses_new_claims)).values


def ocmw_share_of_losers(flow):
    """Per replicate: of everyone who lost the benefit by December 2030, the share who turned to
    the OCMW (applied, awaiting their application, refused, on the leefloon or left it)."""
    d = flow.destination_count.isel(month=-1).sum("region")
    ocmw = d.sel(destination=["awaiting_application", "leefloon", "left_leefloon", "refused"]).sum(
        "destination")
    return (ocmw / d.sum("destination")).values


# Each figure: (id, label, role, source, published text, (low, high) of the band, unit, compute,
# interval kind, sentence on a miss). Shares are in percent; a band of None means a direction.
def figures(ds, flow):
    pct = 100.0
    return [
        ("T1", "Leefloon recipients in work a year later (model: award cohorts 12 months on, "
         "regular work or art. 60)", "target",
         "Flemish Government (Somers, Brouns), press announcement May 2023, via Trends/Knack and "
         "De Standaard 8 May 2023", "22.5% of >40,000 Flemish recipients", (19.5, 25.5), "%",
         pct * metric_window(ds, "in_work_year_after_award_share").values, "mean",
         "The published figure is a share of the stock; the model's is of new recipients."),
        ("T2", "Art. 60 contracts: in work within 6 months after the contract", "target",
         "Forem study cited by CPAS Charleroi, La Dernière Heure 13 May 2023 (Wallonia)",
         "39.7%", (34.7, 44.7), "%",
         pct * metric_window(ds, "art60_in_work_within_6_months_share").values, "mean", ""),
        ("T3", "Art. 60 contracts: in work within 12 months after the contract", "target",
         "as T2", "51.2%", (46.2, 56.2), "%",
         pct * metric_window(ds, "art60_in_work_within_12_months_share").values, "mean", ""),
        ("T4", "Active files per caseworker FTE", "target",
         "Alter Échos and L'Avenir (4 Mar 2021): 100-130 files per social worker in large "
         "CPAS; the project brief's band (no Flemish figure found)", "85-130", (85, 130), "files",
         metric_window(ds, "caseload_per_caseworker_fte").values, "mean", ""),
        ("T5", "Wait of those allocated a social dwelling", "target",
         "Wonen in Vlaanderen via Het Nieuwsblad 3 Jul 2023: 4.1 years in 2022", "48 months +- 12",
         (36, 60), "months", metric_window(ds, "social_housing_wait_allocated_months").values,
         "mean", ""),
        ("C1", "Leefloon cohort that left the OCMW for good within 4 years (model: off the "
         "leefloon at 48 months and never back)", "check",
         "POD MI research unit, press release 8 Nov 2017 (cohort 2009-2014, N = 86,305)",
         "69.3% (no band; +-5 points used)", (64.3, 74.3), "%",
         pct * cohort_share(ds, "left_for_good", 48), "mean",
         "Too few come back: the model has no return after a leefloon exit other than a job "
         "that ends (no return after a drop-out, a move or the end of another benefit, and no "
         "return after unemployment benefit runs out)."),
        ("C2", "Of those who left the leefloon, the share who came back within 4 years (model: "
         "returned / (left for good + returned) at 48 months)", "check",
         "VRT NWS 8 Nov 2017 on the POD MI study; Carpentier, Neels & Van den Bosch, Int. J. Soc. "
         "Welfare c. 2017 (KSZ cohort 2004-2005: about a third)", "about 30% (a third)",
         (25, 35), "%", pct * returned_share(ds, 48), "mean", "As C1."),
        ("C3", "Leavers of the leefloon who leave for regular work (model: moves from the leefloon "
         "stages into an end state, months 25-60)", "check",
         "POD MI press release 8 Nov 2017; VRT NWS 8 Nov 2017", "42% (+-5 points used)",
         (37, 47), "%", pct * exits_to_work(ds), "mean",
         "The model's other exits (drop-out, exit for other reasons) are fewer than in the "
         "data, where 24% leave for unemployment benefit and 15% for another benefit."),
        ("C4", "Job starters back on the leefloon after a first quarter in work", "check",
         "POD MI press release 8 Nov 2017", "9.6% (+-2 points used)", (7.6, 11.6), "%",
         pct * fall_back_after_quarter(ds), "mean", ""),
        ("C5", "Jobs still held 6 months after the start (model: jobs of clients)", "check",
         "VDAB Paper nr. 4, July 2010, via Trends/Knack 2010: 72% of all Flemish unemployed who "
         "found a job (leefloon leavers are expected to keep theirs less often)", "below 72%",
         (None, 72), "%", pct * job_survival(ds, 6), "mean", ""),
        ("C6", "Jobs still held 24 months after the start", "check", "as C5",
         "below 48%", (None, 48), "%", pct * job_survival(ds, 24), "mean", ""),
        ("C7", "Mean time on the leefloon (model: mean months on it in the first 48 months after "
         "the award)", "check",
         "SPF Intégration sociale, \"Les bénéficiaires du revenu d'intégration restent "
         "généralement 11 mois au CPAS\" (2016 on)", "about 11 months (+-25% used)", (8.25, 13.75),
         "months", restricted_mean_on_leefloon(ds), "mean",
         "Too long: the model's leefloon spells end mainly through work and the pathway's end "
         "states; bridging spells (a leefloon paid while another benefit is pending, more than 1 "
         "in 5 Flemish files, VVSG 1 Feb 2024) and exits to other income are not modelled."),
        ("C8", "Time on the leefloon of recognised refugees over that of Belgians (model: "
         "newcomers after reception over clients of no particular background)", "check",
         "VRT (deredactie) July 2017, POD MI chair J. Van Geertsom", "about 2 (+-25% used)",
         (1.5, 2.5), "ratio", duration_ratio(ds), "mean",
         "Too close to 1: newcomers' longer paths come only from Dutch level and employers' "
         "willingness; diploma recognition, networks and discrimination beyond hiring are not "
         "mechanisms of the model (models/ODD.md, \"Groups\")."),
        ("C9", "GPMI: recipients with a signed GPMI (model: months 25-60)", "check",
         "Trends/Knack May 2023 (Flemish Government): three quarters in Flanders; POD MI 13 Apr "
         "2018: 45.2% in Belgium, Oct 2017", "about 75% in Flanders (+-10 points used)", (65, 85),
         "%", pct * gpmi_share(ds), "mean",
         "Too high: in the model nearly every client past the start-up signs a GPMI within a few "
         "months (`gpmi/*`); in the data some recipients are exempted (health, equity reasons) "
         "and signing lags."),
        ("C10", "Wave 1 of the 2026 reform: losers who applied at the OCMW in January 2026 "
         "(drempel inflow, Flanders)", "check",
         "21News early 2026, provisional SPP IS figures (Belgium: \"about one in five\"); Bruges "
         "24% (Focus-WTV 2 Feb 2026)", "about 20% (+-5 points used)", (15, 25), "%",
         pct * wave1_first_month(flow), "band",
         "Too low: with a third of the losers turning to the OCMW in the end (C11), one in five in "
         "the first month would mean most apply at once; the model spreads them over the first "
         "quarter (7 in 10, POD MI 2014) and applies the lower take-up of cohabitants. The "
         "field figures are early and partial."),
        ("C11", "Losers of the benefit who turn to the OCMW by the end of 2030 (drempel inflow, "
         "Flanders)", "check",
         "Dulbea (ULB) 2025 study via press: 33.8%; federal government: about a third",
         "about 33% (30-40%)", (30, 40), "%", pct * ocmw_share_of_losers(flow), "band",
         "Below: the central `inflow/destinations/ocmw_share` 0.27 is set below the study's "
         "33.8% because its three figures add up to 102.3% (scenarios/README.md, \"inflow\"), "
         "and the group factors lower it further for the many young losers of new claims (0.7 "
         "under 25) and for cohabitants."),
    ]


def fmt(x: float, unit: str) -> str:
    if unit == "%":
        return f"{x:.1f}%"
    if unit == "ratio":
        return f"{x:.2f}"
    return f"{x:.1f}"


def table(ds, flow, scenario_note: str) -> str:
    rows = []
    met = {"target": [0, 0], "check": [0, 0]}
    for (fid, label, role, source, published, (lo, hi), unit, values, kind, miss) in figures(
            ds, flow):
        centre, low, high = mean_interval(values) if kind == "mean" else band(values)
        inside = (lo is None or centre >= lo) and (hi is None or centre <= hi)
        met[role][0] += inside
        met[role][1] += 1
        interval = f"{fmt(centre, unit)} [{fmt(low, unit)}, {fmt(high, unit)}]"
        verdict = "met" if inside else "**missed**" + (f": {miss}" if miss else "")
        rows.append(f"| {fid} | {label} | {source} | {published} | {interval} | {role} | {verdict} |")
    head = [
        "| # | figure | source (date) | published | model [interval] | role | verdict |",
        "|---|---|---|---|---|---|---|",
    ]
    summary = (f"Calibration targets met: {met['target'][0]} of {met['target'][1]}. "
               f"Checks met: {met['check'][0]} of {met['check'][1]}.")
    return "\n".join([scenario_note, "", summary, "", *head, *rows, ""])


PREAMBLE = """# Validation: the model against published Belgian figures

Generated by `analysis/python/drempel_validate.py` (do not edit by hand); the test
`test_analysis_validation_table` regenerates it and fails when it differs, so the table always
shows the current code. To regenerate after a deliberate change:

```sh
/usr/bin/python3 analysis/python/drempel_validate.py build/release/cli/drempel . --out docs/validation.md
```

**Targets and checks.** The five *targets* are the calibration targets of `models/ODD.md`
section 9: parameters were tuned by hand until the baseline met them, so meeting them shows only
that the tuning holds. The *checks* were not tuned to: no parameter was set to make a check's
figure come out (the job-ending chances of C5 and C6 and the re-application share of C4 were set
from these sources before the model was run, `jobs/*` in `scenarios/README.md`; they are checks
of the mechanism's assembly, not out-of-sample tests). A missed check stays in the table with a
sentence on why.

**Bands.** Where the source gives a band (the targets' tolerances of section 9, a range), it is
used; where it gives one figure, the band used is stated next to it (+-5 points for shares,
+-25% for durations and ratios, unless said otherwise). Several sources are press reports of
official figures (grades in `docs/validation-sources.md`, which lists every figure found, with
the quoted text); figures for Wallonia or Belgium stand in where no Flemish figure exists.

**Intervals.** Figures from `drempel run` (T1-T5, C1-C9): the mean over the 100 replicates of
`scenarios/baseline.json` (seed 20260101) with its 95% interval (mean +- 1.96 standard errors);
a share over months is first averaged over months 25-60 (January 2028 on, as in section 9)
within each replicate (section 9 pools all replicate-months instead, so its figures may differ
in the first decimal). Figures from `drempel inflow scenarios/reform-flanders.json` (C10, C11):
the median over its 200 replicates with the 5%-95% band, which carries the uncertainty of the
inflow's shares.

**How each figure is computed** (the functions of the script): T1-T5 are metrics; C1 and C2 use
`cohort_count` at 48 months, pooled over every award cohort followed that long; C3 the moves from
the leefloon stages into an end state in `transition_count`; C4-C6 `job_endings` and
`job_starts` (jobs started early enough to be followed); C7 the area under the share of a cohort
on the leefloon over its first 48 months; C8 `stage_count_by_background` and
`arrival_count_by_background` (Little's law: mean stock over mean arrivals); C9 `gpmi_signed`
over the clients in the leefloon stages; C10 and C11 the inflow file's `applications` and
`destination_count`.
"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("drempel", help="the drempel binary")
    ap.add_argument("source", help="the source tree (scenarios/ is read from it)")
    ap.add_argument("--out", help="write the Markdown here")
    ap.add_argument("--check", help="regenerate and compare with this file; status 1 if it differs")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="drempel_validate_") as work:
        ds, flow = run(args.drempel, args.source, work)
        text = PREAMBLE + "\n" + table(
            ds, flow, f"Engine {ds.attrs.get('engine_version')}, results format "
            f"{ds.attrs.get('drempel_format_version')}.")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    if args.check:
        with open(args.check, encoding="utf-8") as f:
            old = f.read()
        if old != text:
            sys.stderr.write(f"{args.check} differs from the regenerated table; regenerate it with "
                             "--out after a deliberate change:\n")
            import difflib
            sys.stderr.writelines(difflib.unified_diff(old.splitlines(True), text.splitlines(True),
                                                       args.check, "regenerated"))
            return 1
    if not args.out and not args.check:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
