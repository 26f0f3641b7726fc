#!/usr/bin/env python3
"""Builds the shipped Flemish inflow tables of scenarios/reform-flanders.json.

    /usr/bin/python3 scenarios/data/make_reform_flanders.py   # rewrites the two CSV files here

reform-recipients-flanders.csv: people on unemployment benefit at the start of the reform, in
groups by benefit period, unemployment duration, career, age, household. The groups of each
transition wave add up exactly to the published number of people losing the benefit in that
wave (RVA/ONEM figures for Flanders, as reported in January 2026):

    1 Jan 2026   4,559  third period with 20+ years of unemployment, and insertion allowance >= 1 year
    1 Mar 2026   9,795  third period, 8 to 20 years
    1 Apr 2026  13,839  third period, less than 8 years
    1 Jul 2026  16,705  second period
    Jul 2026 - Jul 2027  15,926  first period (staggered)

How a wave splits over its groups (durations, ages, careers, households) is an ASSUMPTION, stated
in the constants below. Two kinds of groups are added on top of the published numbers, also as
assumptions: people aged 55+ with a 30-year career (they keep their benefit by exception) and
people in training for a shortage occupation (they lose it only when the training ends).

reform-new-claims-flanders.csv: new claims under the new rules, per month from March 2026 to
December 2030, by work history. The monthly numbers are an ASSUMPTION (about 5,000 work-based and
800 insertion-allowance claims a month in Flanders); scenarios/README.md says how to replace them.

To plan for one municipality, keep these tables and set the region's
`reform_population/share` to the municipality's share of Flanders' long-term unemployed
(scenarios/README.md, "inflow").
"""
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))
REGION = "Vlaanderen"
HOUSEHOLD_SHARE = {"cohabiting": 0.45, "single": 0.40, "family": 0.15}  # assumption

# (period, unemployment_years, career_years, age, share of the wave) per wave; shares sum to 1.
WAVES = [
    (4559, [("third", 24.0, 8.0, 52.0, 0.40), ("third", 22.0, 12.0, 58.0, 0.30),
            ("insertion", 1.5, 0.0, 24.0, 0.30)]),
    (9795, [("third", 12.0, 10.0, 45.0, 0.55), ("third", 15.0, 15.0, 57.0, 0.45)]),
    (13839, [("third", 4.0, 8.0, 38.0, 0.60), ("third", 6.0, 14.0, 52.0, 0.40)]),
    (16705, [("second", 2.0, 6.0, 33.0, 0.65), ("second", 2.5, 12.0, 50.0, 0.35)]),
    (15926, [("first", 0.5, 4.0, 29.0, 0.60), ("first", 0.8, 10.0, 45.0, 0.40)]),
]
# Not in the published wave numbers (assumption): they keep the benefit, or lose it later.
EXEMPT = [("third", 25.0, 32.0, 59.0, 1500), ("second", 2.0, 31.0, 57.0, 400)]
# Training of 13 months: their losses fall after the published windows (Aug 2027 on).
TRAINING = [("second", 2.0, 6.0, 30.0, 13, 400), ("first", 0.5, 5.0, 27.0, 13, 300)]

# New claims per month (assumption): (basis, work_days_36m, career_work_days, age, count).
CLAIMS = [
    ("work", 320, 400, 24.0, 1500),     # short history: 12 months
    ("work", 600, 1200, 32.0, 2000),    # 12 + 8 = 20 months
    ("work", 780, 6000, 45.0, 1500),    # long career: 24 months
    ("insertion", 0, 0, 22.0, 800),     # insertion allowance: 12 months
]


def split(total, shares):
    """Integer parts of total in the given shares, largest remainder first: they sum to total."""
    raw = [total * s for s in shares]
    parts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def main():
    header = ["region", "benefit_period", "unemployment_years", "career_years", "age",
              "household", "shortage_training_months", "count"]
    rows = []
    for total, groups in WAVES:
        assert abs(sum(g[4] for g in groups) - 1) < 1e-9
        for (period, years, career, age, _), n in zip(groups, split(total, [g[4] for g in groups])):
            for household, m in zip(HOUSEHOLD_SHARE, split(n, list(HOUSEHOLD_SHARE.values()))):
                rows.append([REGION, period, years, career, age, household, 0, m])
    for period, years, career, age, n in EXEMPT:
        for household, m in zip(HOUSEHOLD_SHARE, split(n, list(HOUSEHOLD_SHARE.values()))):
            rows.append([REGION, period, years, career, age, household, 0, m])
    for period, years, career, age, months, n in TRAINING:
        for household, m in zip(HOUSEHOLD_SHARE, split(n, list(HOUSEHOLD_SHARE.values()))):
            rows.append([REGION, period, years, career, age, household, months, m])
    with open(os.path.join(HERE, "reform-recipients-flanders.csv"), "w", newline="") as f:
        f.write("# Built by make_reform_flanders.py; published wave totals, assumed splits.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)

    rows = []
    for year in range(2026, 2031):
        for month in range(1, 13):
            if (year, month) < (2026, 3):
                continue
            for basis, days, career, age, n in CLAIMS:
                for household, m in zip(HOUSEHOLD_SHARE, split(n, list(HOUSEHOLD_SHARE.values()))):
                    rows.append([REGION, f"{year}-{month:02d}", basis, days, career, age,
                                 household, m])
    with open(os.path.join(HERE, "reform-new-claims-flanders.csv"), "w", newline="") as f:
        f.write("# Built by make_reform_flanders.py; assumed monthly new claims.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["region", "claim_month", "basis", "work_days_36m", "career_work_days", "age",
                    "household", "count"])
        w.writerows(rows)


if __name__ == "__main__":
    main()
