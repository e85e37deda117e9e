#!/usr/bin/env python3
"""Writes maps/town.geojson: a small made-up town for the demo and the tests on machines
without ../shared/data. Everything an importer must handle appears once: a two-way arterial
with 2+2 lanes, turn lanes and a bus lane, signalised crossings (one signal node on the
junction, one a few metres before it), a one-way couplet (oneway=yes and oneway=-1), a
roundabout, a service road and a footway (dropped by default), and dead-end streets.

Usage: python3 tools/make_town_map.py [OUT]   (default maps/town.geojson next to this tool)
Coordinates are laid out in metres and placed near 10.0 E, 50.0 N; shared junction points
come from the same metre coordinates, so lines meet at bit-identical vertices.
"""
import json
import math
import os
import sys

LON0, LAT0 = 10.0, 50.0
M_PER_DEG_LAT = 111_320.0
M_PER_DEG_LON = M_PER_DEG_LAT * math.cos(math.radians(LAT0))


def lonlat(x, y):
    return [round(LON0 + x / M_PER_DEG_LON, 7), round(LAT0 + y / M_PER_DEG_LAT, 7)]


def road(name, highway, points, **tags):
    props = {"highway": highway, "name": name}
    props.update({k.replace("__", ":"): v for k, v in tags.items()})
    return {"type": "Feature", "properties": props,
            "geometry": {"type": "LineString", "coordinates": [lonlat(x, y) for x, y in points]}}


def signal(x, y):
    return {"type": "Feature", "properties": {"highway": "traffic_signals"},
            "geometry": {"type": "Point", "coordinates": lonlat(x, y)}}


def roundabout(cx, cy, r, entries):
    """Ring of one-way arcs (counter-clockwise, driving on the right) between entry angles."""
    feats = []
    angles = sorted(entries)
    for i, a0 in enumerate(angles):
        a1 = angles[(i + 1) % len(angles)] + (360 if i + 1 == len(angles) else 0)
        steps = max(2, int((a1 - a0) / 15))
        pts = [ring_point(cx, cy, r, a0 + (a1 - a0) * k / steps) for k in range(steps + 1)]
        feats.append(road("Ring", "tertiary", pts, junction="roundabout", lanes="1", maxspeed="30"))
    return feats


def ring_point(cx, cy, r, deg):
    # Entry points are used by the approach roads too: compute them the same way.
    return (round(cx + r * math.cos(math.radians(deg)), 3), round(cy + r * math.sin(math.radians(deg)), 3))


def town():
    f = []
    # Hauptstrasse: the arterial, west to east, crossing three streets at x = 300, 600, 900.
    f.append(road("Hauptstraße", "primary", [(0, 400), (150, 400), (300, 400)], lanes="4", maxspeed="50",
                  busway__right="lane"))
    f.append(road("Hauptstraße", "primary", [(300, 400), (450, 400), (600, 400)], lanes="4", maxspeed="50",
                  turn__lanes__forward="through|through;right", turn__lanes__backward="left|through"))
    f.append(road("Hauptstraße", "primary", [(600, 400), (900, 400)], lanes="4", maxspeed="50"))
    f.append(road("Hauptstraße", "primary", [(900, 400), (1000, 400), ring_point(1130, 400, 25, 180)],
                  lanes="4", maxspeed="50"))
    # Bahnhofstrasse: north-south avenue through the centre.
    f.append(road("Bahnhofstraße", "secondary", [(600, 0), (600, 200)], lanes="2", maxspeed="50"))
    f.append(road("Bahnhofstraße", "secondary", [(600, 200), (600, 380), (600, 400)], lanes="2", maxspeed="50"))
    f.append(road("Bahnhofstraße", "secondary", [(600, 400), (600, 600)], lanes="2", maxspeed="50"))
    f.append(road("Bahnhofstraße", "secondary", [(600, 600), (600, 800)], lanes="2", maxspeed="50"))
    # Residential streets west and east of the centre.
    f.append(road("Lindenweg", "residential", [(300, 100), (300, 200), (300, 400), (300, 600), (300, 700)],
                  maxspeed="30"))
    f.append(road("Ahornweg", "residential", [(900, 100), (900, 200), (900, 400), (900, 600), (900, 700)],
                  maxspeed="30"))
    # A one-way couplet: Schulstrasse eastbound, Kirchgasse westbound (drawn eastwards, oneway=-1).
    f.append(road("Schulstraße", "residential", [(300, 600), (450, 610), (600, 600), (750, 610), (900, 600)],
                  oneway="yes", maxspeed="30"))
    f.append(road("Kirchgasse", "residential", [(300, 200), (450, 190), (600, 200), (750, 190), (900, 200)],
                  oneway="-1", maxspeed="30"))
    # Roundabout at the east end, with three more arms.
    f.extend(roundabout(1130, 400, 25, [0, 90, 180, 270]))
    f.append(road("Oststraße", "secondary", [ring_point(1130, 400, 25, 0), (1300, 400)], lanes="2", maxspeed="50"))
    f.append(road("Nordweg", "tertiary", [ring_point(1130, 400, 25, 90), (1130, 700)], maxspeed="50"))
    f.append(road("Südweg", "tertiary", [ring_point(1130, 400, 25, 270), (1130, 100)], maxspeed="50"))
    # Dropped by default: a car park access and a footpath.
    f.append(road("Parkplatz", "service", [(450, 400), (450, 470)]))
    f.append(road("Schulpfad", "footway", [(450, 610), (450, 470)]))
    # Signals: on the junction nodes of the arterial, and one 20 m before the centre crossing.
    f.extend([signal(300, 400), signal(600, 380), signal(900, 400)])
    return {"type": "FeatureCollection", "name": "town", "features": f}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "maps", "town.geojson")
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(town(), fh, ensure_ascii=False, indent=1, sort_keys=True)
        fh.write("\n")


if __name__ == "__main__":
    main()
