#!/usr/bin/python3
"""PNG plots for docs/validation.md, from the validation tests' CSVs and bench/vs_sumo.sh.

  mkdir -p out/validation
  UT_VALIDATION_CSV=out/validation build/bin/urbantwin_tests "[validation]"
  bench/vs_sumo.sh                                  # writes out/vs_sumo/NAME/compare.json
  /usr/bin/python3 bench/validation_plots.py out/validation out/vs_sumo docs/img

Needs matplotlib (Debian: apt-get install python3-matplotlib). Missing inputs are skipped.
"""
import csv
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def idm_equilibrium(v0=13.89, T=1.2, s0=2.0, length=4.5, n=200):
    """(density veh/km, flow veh/h) of the IDM's stationary states (delta = 4)."""
    ks, qs = [1000.0 / (s0 + length)], [0.0]  # from the jam to free flow
    for i in range(1, n):
        v = v0 * i / n
        s = (s0 + v * T) / math.sqrt(1.0 - (v / v0) ** 4)
        ks.append(1000.0 / (s + length))
        qs.append(3600.0 * v / (s + length))
    ks.append(0.0)
    qs.append(0.0)
    return ks, qs


def fundamental_diagram(src, dst):
    path = os.path.join(src, "fundamental_diagram.csv")
    if not os.path.exists(path):
        return
    rows = list(csv.DictReader(open(path)))
    k = [float(r["density_veh_per_km"]) for r in rows]
    q = [float(r["flow_veh_per_h"]) for r in rows]
    tk, tq = idm_equilibrium()
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    ax.plot(tk, tq, "-", color="grey", label="IDM equilibrium (theory)")
    ax.plot(k, q, "o", color="C0", label="UrbanTwin, 2 km ring")
    ax.axhspan(1800, 2200, color="C2", alpha=0.12, label="field capacity 1,800-2,200")
    ax.axvspan(130, 150, color="C3", alpha=0.12, label="field jam density 130-150")
    ax.set_xlabel("density (veh/km/lane)")
    ax.set_ylabel("flow (veh/h/lane)")
    ax.set_title("Fundamental diagram, one lane, 50 km/h")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(dst, "fundamental_diagram.png"), dpi=110)


def queue_discharge(src, dst):
    path = os.path.join(src, "queue_discharge.csv")
    if not os.path.exists(path):
        return
    pts = {"tail": [], "start": [], "cross": []}
    figs = {}
    for r in csv.reader(open(path)):
        if r[0] in pts:
            pts[r[0]].append((float(r[1]), float(r[2])))
        elif r[0] == "figure":
            figs[r[1]] = float(r[2])
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    for kind, style, label in (("tail", "s", "queue tail during red"), ("start", "o", "vehicle starts after green")):
        if pts[kind]:
            ax.plot([p[0] for p in pts[kind]], [p[1] for p in pts[kind]], style, ms=4, label=label)
    ax.axvline(305, color="green", lw=1, label="green (t = 305 s)")
    ax.set_xlabel("time (s)")
    ax.set_ylabel("position (m); stop line at 1,500 m")
    ax.set_title("Queue at a red light: tail {:.1f} km/h (theory {:.1f}), start wave {:.1f} km/h (theory {:.1f})".format(
        figs.get("u_kmh", 0), figs.get("u_theory_kmh", 0), figs.get("w_kmh", 0), figs.get("w_theory_kmh", 0)), fontsize=8)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(dst, "queue_discharge.png"), dpi=110)


def vs_sumo(src, dst):
    if not os.path.isdir(src):
        return
    runs = []
    for name in sorted(os.listdir(src)):
        path = os.path.join(src, name, "compare.json")
        if os.path.exists(path):
            runs.append(json.load(open(path)))
    if not runs:
        return
    fig, axes = plt.subplots(2, len(runs), figsize=(4.2 * len(runs), 8.0), squeeze=False)
    for col, run in enumerate(runs):
        for row, key, what in ((0, "flows", "vehicles entered"), (1, "speeds", "mean speed (m/s)")):
            ax = axes[row][col]
            pts = run.get(key, [])
            if not pts:
                continue
            ax.plot([x[2] for x in pts], [x[1] for x in pts], ".", ms=3)
            top = max(max(x[1] for x in pts), max(x[2] for x in pts))
            ax.plot([0, top], [0, top], "-", color="grey", lw=1)
            r = run["flow_correlation"] if row == 0 else run.get("speed_correlation", float("nan"))
            ax.set_title("{}: {} per link, r = {:.3f}".format(run["name"], what.split(" (")[0], r), fontsize=9)
            ax.set_xlabel("SUMO " + what)
            ax.set_ylabel("UrbanTwin " + what)
    fig.tight_layout()
    fig.savefig(os.path.join(dst, "vs_sumo_link_flows.png"), dpi=110)

    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    names = [r["name"] for r in runs]
    x = range(len(runs))
    w = 0.2
    ax.bar([i - 1.5 * w for i in x], [r["ours"]["tt"] for r in runs], w, label="travel time, UrbanTwin")
    ax.bar([i - 0.5 * w for i in x], [r["sumo"]["tt"] for r in runs], w, label="travel time, SUMO")
    ax.bar([i + 0.5 * w for i in x], [r["ours"]["delay"] for r in runs], w, label="delay, UrbanTwin")
    ax.bar([i + 1.5 * w for i in x], [r["sumo"]["delay"] for r in runs], w, label="delay (timeLoss), SUMO")
    ax.set_xticks(list(x))
    ax.set_xticklabels(names)
    ax.set_ylabel("mean over completed trips (s)")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(dst, "vs_sumo_trips.png"), dpi=110)


def main():
    if len(sys.argv) != 4:
        print(__doc__)
        return 2
    src, sumo_dir, dst = sys.argv[1:]
    os.makedirs(dst, exist_ok=True)
    fundamental_diagram(src, dst)
    queue_discharge(src, dst)
    vs_sumo(sumo_dir, dst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
