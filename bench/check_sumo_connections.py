#!/usr/bin/env python3
"""Checks that netconvert kept our connections and signal indices (bench/vs_sumo.sh).

  bench/check_sumo_connections.py DIR NAME

Compares the (from, to, fromLane, toLane, tl, linkIndex) of every connection in
DIR/NAME.con.xml (ours) with the non-internal connections of DIR/NAME.net.xml. Prints one
line; exits 1 when netconvert added, dropped or renumbered any. Standard library only.
"""
import os
import sys
import xml.etree.ElementTree as ET


def key(c):
    return (c.get("from"), c.get("to"), c.get("fromLane"), c.get("toLane"))


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    folder, name = sys.argv[1:]
    ours = {key(c): (c.get("tl"), c.get("linkIndex")) for c in ET.parse(os.path.join(folder, name + ".con.xml")).getroot()}
    net = {}
    for _, c in ET.iterparse(os.path.join(folder, name + ".net.xml")):
        if c.tag == "connection" and not c.get("from", "").startswith(":"):
            net[key(c)] = (c.get("tl"), c.get("linkIndex"))
    missing = set(ours) - set(net)
    extra = set(net) - set(ours)
    renumbered = [k for k in set(ours) & set(net) if ours[k] != net[k]]
    print(f"connections: ours {len(ours)}, net.xml {len(net)}, dropped {len(missing)}, added {len(extra)}, "
          f"signal index changed {len(renumbered)}")
    for what, ks in (("dropped", missing), ("added", extra), ("renumbered", renumbered)):
        for k in sorted(ks)[:5]:
            print(f"  {what}: {k}")
    return 1 if missing or extra or renumbered else 0


if __name__ == "__main__":
    sys.exit(main())
