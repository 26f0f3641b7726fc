#!/usr/bin/env python3
"""Builds scenarios/national-flanders.json: every Flemish OCMW (285 municipalities, 2025 map) as
a region of the rural baseline.

    /usr/bin/python3 scenarios/data/make_national_flanders.py          # rewrites both files
    /usr/bin/python3 scenarios/data/make_national_flanders.py --check  # exit 1 if out of date

Standard library only. Reads scenarios/data/flanders-municipalities.csv and scenarios/baseline.json,
then

1. recomputes the ASSUMPTION columns of the CSV from its published columns (population) and the
   published totals and anchors stated as constants below, and writes the CSV back (same rows,
   same order);
2. writes scenarios/national-flanders.json, which extends baseline.json: the baseline's region
   `eeklo` is patched with Eeklo's own values and every other municipality is a copy of it
   (`{"NAME": {"extends": "eeklo", ...}}`) with its own sizes.

Every number that is not a published figure is an assumption with the rule written here and in
scenarios/data/flanders-municipalities.md. In short:

* leefloon_recipients: the published Flemish total (SPP IS, August 2021: 39,062) minus the two
  municipal figures found (Antwerpen, Brugge), spread over the other municipalities in proportion
  to population ** (1 + LEEFLOON_SIZE_ELASTICITY) (larger towns have more recipients per
  inhabitant), in whole numbers by largest remainder.
* reform_population_share: share of the Flemish inflow tables; Vilvoorde from its published 502
  losers, the rest in proportion to population ** (1 + REFORM_SIZE_ELASTICITY) (0: plain
  population share).
* every per-region size of the baseline (initial clients, caseworker FTE and budget, ordinary
  applications, programme places, ...) scaled by leefloon_recipients / the baseline's 250, the
  same ratios as the calibrated rural baseline; social dwellings by population; caseworker FTE at
  least CASEWORKER_FTE_FLOOR.
"""
import argparse
import csv
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIOS = os.path.dirname(HERE)
CSV_PATH = os.path.join(HERE, "flanders-municipalities.csv")
BASELINE_PATH = os.path.join(SCENARIOS, "baseline.json")
OUT_PATH = os.path.join(SCENARIOS, "national-flanders.json")

# --- Published figures and anchors (sources in flanders-municipalities.md) -------------------
# Leefloon (revenu d'intégration) recipients in the Flemish Region, August 2021, SPP IS
# consolidated figures as reported by Le Soir, 5 January 2022.
FLEMISH_LEEFLOON_TOTAL = 39062
# Municipal figures found; they replace the allocation for these municipalities.
LEEFLOON_ANCHORS = {
    # "circa 7.500 leefloners", alderman T. Meeuws, HLN 12 December 2019 (persons, approximate).
    "antwerpen": (7500, "published: HLN 2019-12-12, about 7,500 (persons, approximate)"),
    # 1,256 leefloon files in December 2024, OCMW Brugge via KW.be, January 2025 (files).
    "brugge": (1256, "published: KW.be 2025-01, 1,256 files in Dec 2024 (files, not persons)"),
}
# Leefloon recipients per inhabitant rise with municipality size: weight = population ** (1 + e).
# e = 0.4 is the best fit (0.42, rounded) to three published shares of the Flemish total
# (Antwerpen 2019, Brugge 2024, province of Limburg 2020); see the .md. An ASSUMPTION.
LEEFLOON_SIZE_ELASTICITY = 0.4
# People losing the benefit in the published RVA/ONEM waves for Flanders (Jan 2026 - Jul 2027).
FLEMISH_WAVE_LOSERS = 4559 + 9795 + 13839 + 16705 + 15926
REFORM_ANCHORS = {
    # "In Vilvoorde zullen 502 mensen geschrapt worden", alderman J. Anciaux, RingTV, Oct 2025.
    "vilvoorde": (502, "published: RingTV 2025-10, 502 losers of the 60,824 Flemish wave losers"),
}
# 0: the share of the (remaining) Flemish population. An ASSUMPTION (no municipal figures of
# long-term unemployed were found); see the .md for what a city-weighted rule would change.
REFORM_SIZE_ELASTICITY = 0.0
# Every OCMW has at least a half-time social worker on leefloon files. An ASSUMPTION.
CASEWORKER_FTE_FLOOR = 0.5
# The baseline region whose sizes are the reference, and that every municipality extends.
TEMPLATE_REGION = "eeklo"
RUN = {"months": 24, "replicates": 2}

PUBLISHED_COLUMNS = ["id", "name", "nis_code", "province", "merged_from_nis", "population_2020"]
ASSUMED_COLUMNS = ["leefloon_recipients", "leefloon_source", "reform_population_share",
                   "reform_share_source", "caseworker_fte", "caseworker_budget_fte"]


def largest_remainder(total, weights):
    """Whole numbers proportional to weights that add up to total exactly."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    out = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - out[i]), i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def read_rows():
    with open(CSV_PATH, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    for r in rows:
        r["population_2020"] = int(r["population_2020"])
    return rows


def assign(rows):
    """Fills the assumption columns of rows, in place."""
    by_id = {r["id"]: r for r in rows}
    for key in list(LEEFLOON_ANCHORS) + list(REFORM_ANCHORS):
        if key not in by_id:
            sys.exit(f"anchor {key!r} is not a municipality id of {CSV_PATH}")

    rest = [r for r in rows if r["id"] not in LEEFLOON_ANCHORS]
    remainder = FLEMISH_LEEFLOON_TOTAL - sum(n for n, _ in LEEFLOON_ANCHORS.values())
    counts = largest_remainder(
        remainder, [r["population_2020"] ** (1 + LEEFLOON_SIZE_ELASTICITY) for r in rest])
    for r, n in zip(rest, counts):
        r["leefloon_recipients"] = n
        r["leefloon_source"] = "allocated"
    for key, (n, source) in LEEFLOON_ANCHORS.items():
        by_id[key]["leefloon_recipients"] = n
        by_id[key]["leefloon_source"] = source

    fixed = {k: n / FLEMISH_WAVE_LOSERS for k, (n, _) in REFORM_ANCHORS.items()}
    rest = [r for r in rows if r["id"] not in REFORM_ANCHORS]
    weights = [r["population_2020"] ** (1 + REFORM_SIZE_ELASTICITY) for r in rest]
    left, wsum = 1.0 - sum(fixed.values()), sum(weights)
    for r, w in zip(rest, weights):
        # Truncated, not rounded, so that the shares never add up to more than 1.
        r["reform_population_share"] = math.floor(left * w / wsum * 1e9) / 1e9
        r["reform_share_source"] = "allocated"
    for key, (_, source) in REFORM_ANCHORS.items():
        by_id[key]["reform_population_share"] = math.floor(fixed[key] * 1e9) / 1e9
        by_id[key]["reform_share_source"] = source
    return rows


def baseline_template():
    with open(BASELINE_PATH, encoding="utf-8") as f:
        base = json.load(f)
    regions = [g for g in base["regions"] if g["name"] == TEMPLATE_REGION]
    if len(regions) != 1:
        sys.exit(f"{BASELINE_PATH} has no single region {TEMPLATE_REGION!r}")
    return base, regions[0]


def federal_share(recipients, reimbursement):
    """The standard reimbursement tier of a number of recipients (POD MI rule in baseline.json)."""
    share = reimbursement["standard_share"]
    for tier in reimbursement["tiers"]:
        if recipients >= tier["from_recipients"]:
            share = tier["share"]
    return share


def region_values(row, t, reimbursement):
    """The keys a municipality sets over the template region t."""
    f = row["leefloon_recipients"] / t["leefloon_recipients_before_reform"]
    scaled = lambda v: round(v * f, 3)
    return {
        "inhabitants": row["population_2020"],
        "initial_clients": round(t["initial_clients"] * f),
        "caseworker_fte": row["caseworker_fte"],
        "caseworker_budget_fte": row["caseworker_budget_fte"],
        "reform_population": {"share": row["reform_population_share"]},
        "leefloon_recipients_before_reform": row["leefloon_recipients"],
        "ordinary_applications_per_month": scaled(t["ordinary_applications_per_month"]),
        "social_dwellings": round(t["social_dwellings"] * row["population_2020"]
                                  / t["inhabitants"], 1),
        "interpreter_hours_per_month": scaled(t["interpreter_hours_per_month"]),
        "childcare_places_per_month": scaled(t["childcare_places_per_month"]),
        "programme_places": {k: scaled(v) for k, v in t["programme_places"].items()},
        "art60_budget_eur_per_month": round(t["art60_budget_eur_per_month"] * f, 0),
        "nt2_course_places": scaled(t["nt2_course_places"]),
        "therapy_places": scaled(t["therapy_places"]),
        "debt_counselling_places": scaled(t["debt_counselling_places"]),
        "low_threshold_places_per_month": scaled(t["low_threshold_places_per_month"]),
        "leefloon_federal_share": federal_share(row["leefloon_recipients"], reimbursement),
    }


def staff(rows, t):
    """Caseworker FTE: the baseline's FTE per leefloon recipient, at least the floor."""
    per_recipient = t["caseworker_fte"] / t["leefloon_recipients_before_reform"]
    budget_ratio = t["caseworker_budget_fte"] / t["caseworker_fte"]
    for r in rows:
        fte = max(CASEWORKER_FTE_FLOOR, round(r["leefloon_recipients"] * per_recipient, 2))
        r["caseworker_fte"] = fte
        r["caseworker_budget_fte"] = round(fte * budget_ratio + 0.005, 2)  # never below fte


def scenario(rows, base, t):
    patches = {}
    for row in rows:
        values = region_values(row, t, base["inflow"]["reimbursement"])
        patches[row["id"]] = values if row["id"] == TEMPLATE_REGION else {
            "extends": TEMPLATE_REGION, **values}
    if TEMPLATE_REGION not in patches:
        sys.exit(f"{TEMPLATE_REGION!r} is not a municipality id of {CSV_PATH}")
    total_pop = sum(r["population_2020"] for r in rows)
    return {
        "extends": "baseline.json",
        "name": "national-flanders",
        "description": (
            f"All {len(rows)} Flemish OCMWs (municipalities of 1 January 2025) as regions of the "
            "rural baseline, from January 2026 over "
            f"{RUN['months']} months. Inhabitants: Statbel 1 January 2020 ({total_pop:,} in all); "
            "leefloon recipients: the SPP IS Flemish total of August 2021 (39,062) with the "
            "Antwerpen and Brugge figures, allocated to the other municipalities (assumption); "
            "reform_population/share: population share, Vilvoorde from its published 502 losers "
            "(assumption); every other size scaled from the baseline by leefloon recipients "
            "(assumption). Generated by scenarios/data/make_national_flanders.py from "
            "scenarios/data/flanders-municipalities.csv; sources and rules in "
            "scenarios/data/flanders-municipalities.md."),
        "months": RUN["months"],
        "replicates": RUN["replicates"],
        "regions": dict(sorted(patches.items(), key=lambda kv: (kv[0] != TEMPLATE_REGION, kv[0]))),
    }


def csv_text(rows):
    from io import StringIO
    out = StringIO()
    out.write("# Built from published Statbel figures (population, NIS codes) and assumptions "
              "(every other column): see flanders-municipalities.md. Assumption columns are "
              "recomputed by make_national_flanders.py.\n")
    w = csv.DictWriter(out, fieldnames=PUBLISHED_COLUMNS + ASSUMED_COLUMNS, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: r[k] for k in PUBLISHED_COLUMNS + ASSUMED_COLUMNS})
    return out.getvalue()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the CSV or the scenario is out of date")
    args = ap.parse_args()

    rows = read_rows()
    base, t = baseline_template()
    assign(rows)
    staff(rows, t)
    texts = {CSV_PATH: csv_text(rows),
             OUT_PATH: json.dumps(scenario(rows, base, t), indent=2, ensure_ascii=False) + "\n"}
    stale = []
    for path, text in texts.items():
        try:
            with open(path, encoding="utf-8") as f:
                same = f.read() == text
        except FileNotFoundError:
            same = False
        if not same:
            stale.append(path)
            if not args.check:
                with open(path, "w", encoding="utf-8", newline="") as f:
                    f.write(text)
    if args.check:
        for path in stale:
            print(f"out of date: {os.path.relpath(path)}", file=sys.stderr)
        return 1 if stale else 0

    share = sum(r["reform_population_share"] for r in rows)
    print(f"{len(rows)} municipalities; population {sum(r['population_2020'] for r in rows):,}; "
          f"leefloon {sum(r['leefloon_recipients'] for r in rows):,}; reform shares sum "
          f"{share:.9f}; caseworker FTE {sum(r['caseworker_fte'] for r in rows):,.2f}")
    for path in stale:
        print(f"wrote {os.path.relpath(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
