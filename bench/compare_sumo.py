#!/usr/bin/env python3
"""Side-by-side figures for one scenario run by UrbanTwin and by SUMO (bench/vs_sumo.sh).

Reads only files: our run folder (summary.json, trips.csv, links.csv) and the SUMO folder
(NAME.tripinfo.xml, NAME.edgedata.xml, NAME.sumo.log with SUMO's --duration-log.statistics
report). Standard library only. Prints a block of aligned lines and, with --ratio-file,
appends "NAME RATIO" to that file for the caller's final line.

Definitions (the same for both sides, see docs/validation.md):
  trips completed   vehicles that reached the end of their route within the hour
  mean travel time  over completed trips, from entering the network to arrival (SUMO duration)
  mean delay        over completed trips, time lost below the desired speed (SUMO timeLoss)
  mean speed        vehicle-km / vehicle-hours on links (ours: summary; SUMO: edgeData
                    sampledSeconds x speed)
  link flow corr.   Pearson correlation of vehicles entering each link (SUMO: entered +
                    departed, since ours counts departures as entering). Routes are the
                    same, so this only shows trips getting as far in both; the per-link
                    mean speed correlation (links with 20+ vehicles in both) is the sharper test.
                    Also printed for vehicles leaving each link (SUMO: left + arrived), which
                    does not depend on how each side counts entries
  vehicle-updates/s vehicle-steps / simulation wall time (SUMO: its UPS figure)
  speed ratio       our vehicle-updates/s / SUMO's
"""
import argparse
import csv
import json
import math
import os
import re
import sys
import xml.etree.ElementTree as ET


def pearson(xs, ys):
    n = len(xs)
    if n < 2:
        return float("nan")
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    return sxy / math.sqrt(sxx * syy) if sxx > 0 and syy > 0 else float("nan")


def process_time(folder):
    """(wall, cpu) seconds of the whole process, from /usr/bin/time -f "%e %U %S"."""
    try:
        e, u, s = open(os.path.join(folder, "process_time.txt")).read().split()[-3:]
        return float(e), float(u) + float(s)
    except (OSError, ValueError):
        return float("nan"), float("nan")


def ours(folder):
    with open(os.path.join(folder, "summary.json")) as f:
        s = json.load(f)
    tt, delay = [], []
    with open(os.path.join(folder, "trips.csv")) as f:
        for row in csv.DictReader(f):
            if row["arrival_s"] not in ("", "nan", "NaN"):
                tt.append(float(row["travel_time_s"]))
                delay.append(float(row["delay_s"]))
    flows, speeds, leaving = {}, {}, {}
    with open(os.path.join(folder, "links.csv")) as f:
        for row in csv.DictReader(f):
            flows["L" + row["link_id"]] = float(row["vehicles_entered"])
            leaving["L" + row["link_id"]] = float(row["vehicles_left"])
            speeds["L" + row["link_id"]] = float(row["mean_speed_mps"] or "nan")
    steps = float(s["vehicle_updates"])
    wall = float(s["wall_time_s"])
    return {
        "completed": len(tt),
        "inserted": int(s["departed"]),
        "tt": sum(tt) / max(1, len(tt)),
        "delay": sum(delay) / max(1, len(delay)),
        "speed_kmh": float(s["mean_speed_kmh"]),
        "teleports": int(s["teleports"]),
        "flows": flows,
        "speeds": speeds,
        "leaving": leaving,
        "wall": wall,
        "steps": steps,
        "ups": steps / wall if wall > 0 else float("nan"),
        "process": process_time(folder),
    }


def sumo(folder, name):
    tt, delay = [], []
    for _, el in ET.iterparse(os.path.join(folder, name + ".tripinfo.xml")):
        if el.tag == "tripinfo":
            if float(el.get("arrival", "-1")) >= 0:
                tt.append(float(el.get("duration")))
                delay.append(float(el.get("timeLoss")))
            el.clear()
    flows, speeds, leaving, vs, vm = {}, {}, {}, 0.0, 0.0
    for _, el in ET.iterparse(os.path.join(folder, name + ".edgedata.xml")):
        if el.tag == "edge" and not el.get("id", "").startswith(":"):
            flows[el.get("id")] = flows.get(el.get("id"), 0.0) + float(el.get("entered", 0)) + float(el.get("departed", 0))
            leaving[el.get("id")] = leaving.get(el.get("id"), 0.0) + float(el.get("left", 0)) + float(el.get("arrived", 0))
            sec = float(el.get("sampledSeconds", 0))
            if sec > 0:
                speeds[el.get("id")] = float(el.get("speed", "nan"))
            vs += sec
            vm += sec * float(el.get("speed", 0))
            el.clear()
    log = open(os.path.join(folder, name + ".sumo.log")).read()
    def grab(pattern, default=float("nan")):
        m = re.search(pattern, log)
        return float(m.group(1)) if m else default
    wall = grab(r"Duration: ([0-9.]+)s")
    ups = grab(r"UPS: ([0-9.]+)")
    return {
        "completed": len(tt),
        "inserted": int(grab(r"Inserted: ([0-9]+)", 0)),
        "tt": sum(tt) / max(1, len(tt)),
        "delay": sum(delay) / max(1, len(delay)),
        "speed_kmh": 3.6 * vm / vs if vs > 0 else float("nan"),
        "teleports": int(grab(r"Teleports: ([0-9]+)", 0)),
        "flows": flows,
        "speeds": speeds,
        "leaving": leaving,
        "wall": wall,
        "steps": ups * wall,
        "ups": ups,
        "process": process_time(folder),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("name")
    ap.add_argument("ours_dir")
    ap.add_argument("sumo_dir")
    ap.add_argument("--duration", type=float, default=3600.0, help="simulated seconds")
    ap.add_argument("--ratio-file")
    ap.add_argument("--json", help="write the figures to this file too")
    a = ap.parse_args()
    o = ours(a.ours_dir)
    s = sumo(a.sumo_dir, a.name)
    common = sorted(set(o["flows"]) & set(s["flows"]))
    corr = pearson([o["flows"][k] for k in common], [s["flows"][k] for k in common])
    both = sorted(set(o["leaving"]) & set(s["leaving"]))
    leave_corr = pearson([o["leaving"][k] for k in both], [s["leaving"][k] for k in both])
    busy = [k for k in common if o["flows"][k] >= 20 and s["flows"][k] >= 20 and k in o["speeds"] and k in s["speeds"]
            and o["speeds"][k] == o["speeds"][k] and s["speeds"][k] == s["speeds"][k]]
    speed_corr = pearson([o["speeds"][k] for k in busy], [s["speeds"][k] for k in busy])
    ratio = o["ups"] / s["ups"] if s["ups"] > 0 else float("nan")

    def rel(x, y):
        return f"{100.0 * (x - y) / y:+.1f} %" if y else "n/a"

    print(f"== {a.name}: {a.duration / 3600:.2f} simulated hours")
    print(f"  {'':24}{'UrbanTwin':>14}{'SUMO':>14}{'ours vs SUMO':>15}")
    rows = [
        ("simulation wall (s)", o["wall"], s["wall"], "{:.2f}", f"{s['wall'] / o['wall']:.1f}x faster" if o["wall"] > 0 else ""),
        ("process wall (s)", o["process"][0], s["process"][0], "{:.2f}", ""),
        ("process CPU (s)", o["process"][1], s["process"][1], "{:.2f}",
         f"{s['process'][1] / o['process'][1]:.1f}x less" if o["process"][1] > 0 else ""),
        ("vehicle-updates/s", o["ups"], s["ups"], "{:,.0f}", f"{ratio:.1f}x"),
        ("real-time factor", a.duration / o["wall"], a.duration / s["wall"], "{:,.0f}", ""),
        ("vehicle-updates", o["steps"], s["steps"], "{:,.0f}", rel(o["steps"], s["steps"])),
        ("vehicles inserted", o["inserted"], s["inserted"], "{:d}", rel(o["inserted"], s["inserted"])),
        ("trips completed", o["completed"], s["completed"], "{:d}", rel(o["completed"], s["completed"])),
        ("mean travel time (s)", o["tt"], s["tt"], "{:.1f}", rel(o["tt"], s["tt"])),
        ("mean delay (s)", o["delay"], s["delay"], "{:.1f}", rel(o["delay"], s["delay"])),
        ("mean speed (km/h)", o["speed_kmh"], s["speed_kmh"], "{:.1f}", rel(o["speed_kmh"], s["speed_kmh"])),
        ("teleports", o["teleports"], s["teleports"], "{:d}", ""),
    ]
    for label, x, y, fmt, note in rows:
        print(f"  {label:24}{fmt.format(x):>14}{fmt.format(y):>14}{note:>15}")
    print(f"  {'link flow correlation':24}{corr:>14.3f}   ({len(common)} links)")
    print(f"  {'  (vehicles leaving)':24}{leave_corr:>14.3f}")
    print(f"  {'link speed correlation':24}{speed_corr:>14.3f}   ({len(busy)} links with 20+ vehicles)")
    print(f"  speed ratio (ours at 2 threads / SUMO, vehicle-updates/s): {ratio:.1f}")
    if a.ratio_file:
        with open(a.ratio_file, "a") as f:
            f.write(f"{a.name} {ratio:.3f}\n")
    if a.json:
        out = {"name": a.name, "flow_correlation": corr, "leaving_correlation": leave_corr, "speed_correlation": speed_corr, "speed_ratio": ratio,
               "ours": {k: v for k, v in o.items() if k not in ("flows", "speeds", "leaving")},
               "sumo": {k: v for k, v in s.items() if k not in ("flows", "speeds", "leaving")},
               "flows": [[k, o["flows"][k], s["flows"][k]] for k in common],
               "speeds": [[k, o["speeds"][k], s["speeds"][k]] for k in busy]}
        with open(a.json, "w") as f:
            json.dump(out, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
