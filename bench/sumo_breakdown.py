#!/usr/bin/env python3
"""Where the time differs between UrbanTwin and SUMO on one scenario of bench/vs_sumo.sh.

    bench/sumo_breakdown.py OUT/NAME [--name NAME] [--top 15]

OUT/NAME is a scenario folder that bench/vs_sumo.sh wrote (ours/ and sumo/). Standard
library only. Prints, all as SUMO minus ours:

  trips      over trips completed by both: travel time, delay (SUMO timeLoss), the ideal time
             each subtracts (travel time - delay), route length, stops.
  links      time lost on road links (ours: links.csv mean_delay_s x vehicles_entered; SUMO:
             edgeData timeLoss), grouped by how the link ends: at a signal, or at a priority
             junction where SUMO's connections out of it are all major (M), all minor (m,
             the link gives way) or some of each. Time lost inside junctions is in neither.
  movements  a least-squares fit of each trip's difference in travel time and in delay on
             how many times its route passes each kind of movement: signal (tl) or priority
             (pr) junction; s/r/l straight, right, left (turnarounds count as left); _perm a
             signalised movement that only ever has a permissive green (SUMO 'g'); _minor a
             priority-junction movement that gives way (SUMO state 'm'). Per passage, and
             per trip (coefficient x passages / trips): which movements hold the gap.
  top links  the links with the largest difference in time lost.

Routes are identical on both sides, so the movement counts are the same for both.
"""
import argparse
import collections
import csv
import os
import xml.etree.ElementTree as ET


def read_ours(folder):
    trips = {}
    with open(os.path.join(folder, "trips.csv")) as f:
        for r in csv.DictReader(f):
            if r["arrival_s"] not in ("", "nan", "NaN"):
                trips[r["id"]] = (float(r["travel_time_s"]), float(r["delay_s"]), float(r["distance_m"]), float(r["stops"]))
    links = {}
    with open(os.path.join(folder, "links.csv")) as f:
        for r in csv.DictReader(f):
            n = float(r["vehicles_entered"])
            loss = float(r["mean_delay_s"]) * n if r["mean_delay_s"] else 0.0
            links["L" + r["link_id"]] = {"loss": loss, "n": n, "name": r["name"], "to": "J" + r["to"]}
    return trips, links


def read_sumo(folder, name):
    trips = {}
    for _, el in ET.iterparse(os.path.join(folder, name + ".tripinfo.xml")):
        if el.tag == "tripinfo":
            if float(el.get("arrival", "-1")) >= 0:
                trips[el.get("id")] = (float(el.get("duration")), float(el.get("timeLoss")), float(el.get("routeLength")),
                                       float(el.get("waitingCount")))
            el.clear()
    loss = collections.Counter()
    for _, el in ET.iterparse(os.path.join(folder, name + ".edgedata.xml")):
        if el.tag == "edge" and not el.get("id", "").startswith(":"):
            loss[el.get("id")] += float(el.get("timeLoss", 0))
            el.clear()
    return trips, loss


def read_network(folder, name):
    """Junction types, and per (from, to) link pair its movement kind and SUMO link states."""
    permissive_only = collections.defaultdict(dict)  # tl -> linkIndex -> bool
    for _, el in ET.iterparse(os.path.join(folder, name + ".tll.xml")):
        if el.tag == "tlLogic":
            chars = collections.defaultdict(set)
            for phase in el.findall("phase"):
                for i, ch in enumerate(phase.get("state")):
                    chars[i].add(ch)
            permissive_only[el.get("id")] = {i: "g" in c and "G" not in c for i, c in chars.items()}
    junction_type, states, kinds = {}, collections.defaultdict(set), {}
    for _, el in ET.iterparse(os.path.join(folder, name + ".net.xml")):
        if el.tag == "junction":
            junction_type[el.get("id")] = el.get("type")
        elif el.tag == "connection" and not el.get("from").startswith(":"):
            pair = (el.get("from"), el.get("to"))
            states[el.get("from")].add(el.get("state"))
            turn = {"t": "l"}.get(el.get("dir").lower(), el.get("dir").lower())
            if el.get("tl"):
                perm = permissive_only[el.get("tl")].get(int(el.get("linkIndex")), False)
                kind = "tl_" + turn + ("_perm" if perm else "")
            else:
                kind = "pr_" + turn + ("_minor" if el.get("state") == "m" else "")
            # A pair served by several lanes: the least restricted of their kinds.
            kinds[pair] = min(kinds.get(pair, kind), kind)
        if el.tag in ("edge", "junction"):
            el.clear()
    return junction_type, states, kinds


def read_routes(folder, name):
    routes = {}
    for _, el in ET.iterparse(os.path.join(folder, name + ".rou.xml")):
        if el.tag == "vehicle":
            routes[el.get("id")] = el.find("route").get("edges").split()
            el.clear()
    return routes


def least_squares(rows, ys, n):
    """Coefficients b minimising |X b - y|, by the normal equations (n small)."""
    a = [[0.0] * (n + 1) for _ in range(n)]
    for x, y in zip(rows, ys):
        for i in range(n):
            if x[i]:
                for j in range(n):
                    a[i][j] += x[i] * x[j]
                a[i][n] += x[i] * y
    for i in range(n):
        pivot = max(range(i, n), key=lambda r: abs(a[r][i]))
        a[i], a[pivot] = a[pivot], a[i]
        if abs(a[i][i]) < 1e-12:
            continue
        for r in range(n):
            if r != i:
                f = a[r][i] / a[i][i]
                for c in range(i, n + 1):
                    a[r][c] -= f * a[i][c]
    return [a[i][n] / a[i][i] if abs(a[i][i]) >= 1e-12 else 0.0 for i in range(n)]


def link_group(link, junction_type, states):
    kind = junction_type.get(link["to"], "?")
    if kind != "priority":
        return kind
    st = states.get(link["id"], set())
    if not st:
        return "priority, no way on"
    if st == {"M"}:
        return "priority, all major"
    return "priority, all minor" if "M" not in st else "priority, some minor"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", help="OUT/NAME of bench/vs_sumo.sh, holding ours/ and sumo/")
    ap.add_argument("--name", help="scenario name (default: the folder's name)")
    ap.add_argument("--top", type=int, default=15, help="links to list")
    a = ap.parse_args()
    name = a.name or os.path.basename(os.path.normpath(a.folder))
    ours_dir, sumo_dir = os.path.join(a.folder, "ours"), os.path.join(a.folder, "sumo")
    o_trips, o_links = read_ours(ours_dir)
    s_trips, s_loss = read_sumo(sumo_dir, name)
    junction_type, states, kinds = read_network(sumo_dir, name)
    routes = read_routes(sumo_dir, name)

    common = sorted(set(o_trips) & set(s_trips))
    n = len(common)
    mean = lambda side, i: sum(side[k][i] for k in common) / n
    print(f"== {name}: {n} trips completed by both (SUMO - ours)")
    for label, i in (("travel time (s)", 0), ("delay (s)", 1), ("route length (m)", 2), ("stops", 3)):
        print(f"  {label:22}{mean(o_trips, i):10.1f}{mean(s_trips, i):10.1f}{mean(s_trips, i) - mean(o_trips, i):+10.1f}")
    ideal_o = mean(o_trips, 0) - mean(o_trips, 1)
    ideal_s = mean(s_trips, 0) - mean(s_trips, 1)
    print(f"  {'ideal time (s)':22}{ideal_o:10.1f}{ideal_s:10.1f}{ideal_s - ideal_o:+10.1f}")

    print("\n  time lost on road links, by how the link ends (vehicle-seconds)")
    groups = collections.defaultdict(lambda: [0, 0.0, 0.0, 0.0])
    for lid, link in o_links.items():
        link["id"] = lid
        g = groups[link_group(link, junction_type, states)]
        g[0] += 1
        g[1] += link["n"]
        g[2] += link["loss"]
        g[3] += s_loss.get(lid, 0.0)
    print(f"  {'':22}{'links':>7}{'vehicles':>10}{'ours':>10}{'SUMO':>10}{'SUMO-ours':>11}")
    for key, g in sorted(groups.items(), key=lambda kv: kv[1][2] - kv[1][3]):
        print(f"  {key:22}{g[0]:7d}{g[1]:10.0f}{g[2]:10.0f}{g[3]:10.0f}{g[3] - g[2]:+11.0f}")

    names = sorted(set(kinds.values()))
    rows = []
    for k in common:
        c = collections.Counter(kinds.get(pair, "?") for pair in zip(routes[k], routes[k][1:]))
        rows.append([c[x] for x in names])
    d_tt = least_squares(rows, [s_trips[k][0] - o_trips[k][0] for k in common], len(names))
    d_delay = least_squares(rows, [s_trips[k][1] - o_trips[k][1] for k in common], len(names))
    print("\n  movements: SUMO - ours per passage and per trip (seconds, least squares over trips)")
    print(f"  {'':14}{'passages':>9}{'tt':>8}{'delay':>8}{'tt/trip':>9}{'delay/trip':>11}")
    for i, kind in enumerate(names):
        passages = sum(r[i] for r in rows)
        print(f"  {kind:14}{passages:9d}{d_tt[i]:8.2f}{d_delay[i]:8.2f}{d_tt[i] * passages / n:9.2f}{d_delay[i] * passages / n:11.2f}")

    print(f"\n  top links by time lost, SUMO - ours (vehicle-seconds)")
    diff = sorted(o_links, key=lambda lid: abs(s_loss.get(lid, 0.0) - o_links[lid]["loss"]), reverse=True)
    for lid in diff[: a.top]:
        link = o_links[lid]
        print(f"  {lid:7} {link['name'][:26]:26} {link_group(link, junction_type, states):21} {link['n']:5.0f} veh "
              f"ours {link['loss']:7.0f} SUMO {s_loss.get(lid, 0.0):7.0f} ({s_loss.get(lid, 0.0) - link['loss']:+.0f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
