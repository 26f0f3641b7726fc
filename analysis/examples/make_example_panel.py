#!/usr/bin/env python3
"""Writes the example panel (example-panel.csv) from a multi-state Markov model with known
intensities, so that a researcher can see `drempel calibrate multistate-example.json` recover them
(docs/calibration.md).

Persons start in intake and move intake -> admin_startup -> activation -> employed, with
admin_startup -> exited and activation -> exited as well; employed and exited absorb. The
intensities (per month, for a cohabiting client with Dutch level 0) and the log hazard ratios of
household and Dutch level are TRUE below. Each person is seen at month 0 and then after gaps of
1 to 4 months up to month 24, as in a survey with irregular waves; the path between two waves is
simulated exactly (competing exponential waits).

    /usr/bin/python3 make_example_panel.py OUT.csv [--persons N] [--seed S]
"""
import argparse

import numpy as np

STATES = ["intake", "admin_startup", "activation", "employed", "exited"]
TRANSITIONS = [(0, 1), (1, 2), (1, 4), (2, 3), (2, 4)]
HOUSEHOLDS = ["cohabiting", "single", "family"]
TRUE = {
    "intensity": [0.5, 0.2, 0.05, 0.1, 0.03],
    "household=single": [0.3, -0.2, 0.1, 0.4, 0.1],
    "household=family": [-0.2, 0.1, 0.2, -0.3, 0.0],
    "dutch_level": [0.0, 0.1, -0.1, 0.2, -0.05],
}


def simulate(persons, seed):
    rng = np.random.default_rng(seed)
    q = np.array(TRUE["intensity"])
    rows = []
    for i in range(persons):
        h = int(rng.integers(3))
        dutch = int(rng.integers(4))
        log_ratio = dutch * np.array(TRUE["dutch_level"])
        if h > 0:
            log_ratio += np.array(TRUE["household=" + HOUSEHOLDS[h]])
        rates = q * np.exp(log_ratio)
        state, month, now = 0, 0, 0.0
        while month <= 24:
            while True:
                out = np.array([rates[t] if TRANSITIONS[t][0] == state else 0.0
                                for t in range(len(TRANSITIONS))])
                total = out.sum()
                if total == 0:
                    break
                wait = rng.exponential(1 / total)
                if now + wait > month:
                    break
                now += wait
                state = TRANSITIONS[rng.choice(len(TRANSITIONS), p=out / total)][1]
            now = month  # the waits are memoryless: restarting at the wave changes nothing
            rows.append(f"p{i:04d},{2026 + month // 12}-{month % 12 + 1:02d},{STATES[state]},"
                        f"{HOUSEHOLDS[h]},{dutch}")
            month += int(rng.integers(1, 5))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--persons", type=int, default=500)
    ap.add_argument("--seed", type=int, default=2026)
    a = ap.parse_args()
    rows = simulate(a.persons, a.seed)
    with open(a.out, "w") as f:
        f.write("# Simulated by make_example_panel.py --persons %d --seed %d (known parameters "
                "in that script)\n" % (a.persons, a.seed))
        f.write("person,month,stage,household,dutch_level\n")
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
