#!/usr/bin/python3
"""PNG figures for docs/signals.md, from the signal evidence tests and a phase log.

  mkdir -p out/signals-figures
  UT_SIGNALS_CSV=out/signals-figures build/bin/urbantwin_tests "[signals][evidence]"
  build/bin/urbantwin signals scenarios/arterial.toml --log out/arterial/signals
  /usr/bin/python3 tests/signals/signals_plots.py out/signals-figures out/arterial/signals/a3.csv docs/img

Needs matplotlib (Debian: apt-get install python3-matplotlib). Missing inputs are skipped.
Time runs left to right in every figure, as on a timing sheet.
"""
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

COLORS = {"green": "#2e9e44", "green-permissive": "#9fd8a8", "yellow": "#f2c12e", "red": "#d64541"}


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def webster(c, g, q, s):
    lam, qs = g / c, q / 3600.0
    x = q / (s * lam)
    return c * (1 - lam) ** 2 / (2 * (1 - lam * x)) + x * x / (2 * qs * (1 - x)) - 0.65 * (c / qs**2) ** (1 / 3) * x ** (2 + 5 * lam)


def discharge(src, out):
    data = rows(src)
    fig, ax = plt.subplots(figsize=(7, 3.6))
    for variation, style in (("0", "o-"), ("1", "s--")):
        pts = [(int(r["position"]), float(r["headway_s"])) for r in data if r["driver_variation"] == variation]
        ax.plot([p for p, _ in pts], [h for _, h in pts], style, ms=3, label="identical drivers" if variation == "0" else "driver variation")
    ax.axhspan(3600 / 2000, 3600 / 1800, color="#2e9e44", alpha=0.15, label="1,800-2,000 veh/h (HCM)")
    ax.set_xlabel("position in the queue")
    ax.set_ylabel("headway at the stop line (s)")
    ax.set_title("Queue discharge at green onset (rear bumper crossing)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def webster_figure(src, out):
    data = rows(src)
    c, g, s = float(data[0]["cycle_s"]), float(data[0]["green_s"]), float(data[0]["saturation"])
    cap = s * g / c
    xs = [0.05 + 0.005 * i for i in range(180)]
    curve = [webster(c, g, x * cap, s) for x in xs]
    fig, ax = plt.subplots(figsize=(7, 3.8))
    ax.plot(xs, curve, "k-", label="Webster (1958)")
    ax.fill_between(xs, [0.85 * d for d in curve], [1.15 * d for d in curve], color="grey", alpha=0.2, label="±15 %")
    ax.plot([float(r["x"]) for r in data], [float(r["measured_s"]) for r in data], "o", color="#1f77b4", label="simulated, at the stop line")
    ax.plot([float(r["x"]) for r in data], [float(r["time_loss_s"]) for r in data], "^", color="#ff7f0e", label="simulated time loss (incl. acceleration)")
    ax.set_xlabel("degree of saturation x")
    ax.set_ylabel("mean delay per vehicle (s)")
    ax.set_ylim(0, 45)
    ax.set_title(f"Fixed-time approach, Poisson arrivals (C = {c:.0f} s, g = {g:.1f} s)")
    ax.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def time_space(srcs, out):
    fig, axes = plt.subplots(1, len(srcs), figsize=(6 * len(srcs), 4.6), sharey=True)
    for ax, (title, src) in zip(axes, srcs):
        data = rows(src)
        tracks = {}
        for r in data:
            if r["kind"] == "vehicle":
                tracks.setdefault(r["id"], []).append((float(r["time_s"]), float(r["x_m"])))
        for pts in tracks.values():
            ax.plot([t for t, _ in pts], [x for _, x in pts], color="#444444", lw=0.5)
        # Signal bars: colour of the eastbound through group at each junction over time.
        changes = {}
        for r in data:
            if r["kind"] == "signal":
                changes.setdefault(float(r["x_m"]), []).append((float(r["time_s"]), r["color"]))
        for x, seq in changes.items():
            seq.sort()
            for (t0, colour), (t1, _) in zip(seq, seq[1:] + [(1800.0, "")]):
                a, b = max(t0, 1200.0), min(t1, 1800.0)
                if b > a:
                    ax.plot([a, b], [x, x], color=COLORS[colour], lw=5, solid_capstyle="butt")
        ax.set_xlim(1200, 1800)
        ax.set_title(title)
        ax.set_xlabel("time (s)")
    axes[0].set_ylabel("position along the arterial, eastbound (m)")
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def timing_diagram(src, out, start=2520.0, end=2880.0):
    data = rows(src)
    groups = []
    for r in data:
        if r["group"] not in groups:
            groups.append(r["group"])
    fig, ax = plt.subplots(figsize=(9, 0.35 * len(groups) + 1.2))
    for i, g in enumerate(groups):
        seq = [(float(r["time_s"]), r["color"]) for r in data if r["group"] == g]
        for (t0, colour), (t1, _) in zip(seq, seq[1:] + [(end, "")]):
            a, b = max(t0, start), min(t1, end)
            if b > a:
                ax.barh(i, b - a, left=a, color=COLORS[colour], height=0.7)
    ax.axvline(2700, color="k", ls=":", lw=1)
    ax.text(2702, len(groups) - 0.4, "00:45: coordinated -> actuated", fontsize=8, va="top")
    ax.set_yticks(range(len(groups)))
    ax.set_yticklabels(groups)
    ax.invert_yaxis()
    ax.set_xlim(start, end)
    ax.set_xlabel("time (s)")
    ax.set_title(f"Phase log of {os.path.basename(src)[:-4]} (scenarios/arterial.toml): green, permissive, yellow, red")
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    csv_dir, phase_log, img = sys.argv[1:]
    os.makedirs(img, exist_ok=True)
    path = lambda name: os.path.join(csv_dir, name)  # noqa: E731
    if os.path.exists(path("signals_discharge.csv")):
        discharge(path("signals_discharge.csv"), os.path.join(img, "signals_discharge.png"))
    if os.path.exists(path("signals_webster.csv")):
        webster_figure(path("signals_webster.csv"), os.path.join(img, "signals_webster.png"))
    pair = [("green-wave offsets", path("signals_time_space_coordinated.csv")),
            ("random offsets", path("signals_time_space_random2.csv"))]
    if all(os.path.exists(p) for _, p in pair):
        time_space(pair, os.path.join(img, "signals_time_space.png"))
    if os.path.exists(phase_log):
        timing_diagram(phase_log, os.path.join(img, "signals_timing_diagram.png"))


if __name__ == "__main__":
    main()
