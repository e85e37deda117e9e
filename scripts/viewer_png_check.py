#!/usr/bin/env python3
"""Checks the viewer's screenshots by their pixels (standard library only: CI has no numpy).

    viewer_png_check.py FILE CHECK [CHECK ...]

Each CHECK is NAME:REGION:MIN_FRACTION, e.g. road:map:0.02, meaning "at least 2 % of the
pixels in REGION have the colour class NAME". REGION is one of
    all | map | left | right      (map = left of the side panel, below the top bar;
                                   left/right = the two halves of the map after a fork)
    x0,y0,x1,y1                   (fractions of the image, e.g. 0,0.1,0.5,1)
Colour classes: road, background, vehicle (the speed palette), neutral_vehicle (vehicles
while a layer colours the streets), bus (the transit layer's bus colour), signal_red,
signal_green, run_a (A caption blue), run_b (B caption orange), white, better, worse, layer
(any layer colour other than plain road), street (road or any layer colour, incl. "no
change"). Prints the measured fractions; exit 1 if a check fails.
"""
import struct
import sys
import zlib

# Must match viewer/palette.hpp and the map renderer.
ROAD = (58, 61, 68)
BACKGROUND = (30, 32, 36)
VIRIDIS = [(68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141),
           (39, 173, 129), (92, 200, 99), (170, 220, 50), (253, 231, 37)]


def viridis(t):
    t = min(max(t, 0.0), 1.0) * (len(VIRIDIS) - 1)
    i = min(int(t), len(VIRIDIS) - 2)
    f = t - i
    a, b = VIRIDIS[i], VIRIDIS[i + 1]
    return tuple(round(a[k] + (b[k] - a[k]) * f) for k in range(3))


SPEED = [viridis(0.2 + 0.8 * i / 40) for i in range(41)]


def near(c, ref, tol):
    return abs(c[0] - ref[0]) <= tol and abs(c[1] - ref[1]) <= tol and abs(c[2] - ref[2]) <= tol


def classify(name):
    if name == "road":
        return lambda c: near(c, ROAD, 3)
    if name == "background":
        return lambda c: near(c, BACKGROUND, 3)
    if name == "vehicle":
        return lambda c: any(near(c, s, 6) for s in SPEED)
    if name == "neutral_vehicle":
        return lambda c: near(c, (200, 200, 205), 4)
    if name == "bus":
        return lambda c: near(c, (204, 121, 167), 6)
    if name == "layer":
        return lambda c: any(near(c, s, 6) for s in SPEED) or near(c, (86, 180, 233), 20) or near(c, (230, 159, 0), 20)
    if name == "street":
        layer = classify("layer")
        return lambda c: near(c, ROAD, 3) or near(c, (72, 76, 84), 3) or layer(c)
    if name == "signal_red":
        return lambda c: near(c, (230, 40, 40), 12)
    if name == "signal_green":
        return lambda c: near(c, (40, 220, 90), 12) or near(c, (150, 240, 170), 12)
    if name == "run_a":
        return lambda c: near(c, (0, 114, 178), 6)
    if name == "run_b":
        return lambda c: near(c, (230, 159, 0), 6)
    if name == "better":
        return lambda c: near(c, (86, 180, 233), 30) and c[2] > c[0] + 60
    if name == "worse":
        return lambda c: near(c, (230, 159, 0), 30) and c[0] > c[2] + 100
    if name == "white":
        return lambda c: c[0] > 220 and c[1] > 220 and c[2] > 220
    raise SystemExit(f"unknown colour class '{name}'")


def read_png(path):
    """Width, height and rows of (r, g, b) tuples of an 8-bit RGB or RGBA PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG file")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or interlace:
                raise SystemExit(f"{path}: only 8-bit RGB/RGBA non-interlaced PNGs are supported")
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        cur = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                cur[i] = (cur[i] + cur[i - bpp]) & 255
        elif f == 2:
            for i in range(stride):
                cur[i] = (cur[i] + prev[i]) & 255
        elif f == 3:
            for i in range(stride):
                left = cur[i - bpp] if i >= bpp else 0
                cur[i] = (cur[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = cur[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(cur)
        prev = cur
    return width, height, bpp, rows


def region_box(name, w, h):
    map_right = 0.70  # the side panel takes the right ~30 % of a normal window
    top = 0.06
    boxes = {"all": (0, 0, 1, 1), "map": (0, top, map_right, 1),
             "left": (0, top, map_right / 2, 1), "right": (map_right / 2, top, map_right, 1)}
    if name in boxes:
        f = boxes[name]
    else:
        f = tuple(float(v) for v in name.split(","))
    return int(f[0] * w), int(f[1] * h), int(f[2] * w), int(f[3] * h)


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    path = sys.argv[1]
    w, h, bpp, rows = read_png(path)
    failed = False
    for check in sys.argv[2:]:
        name, region, minimum = check.split(":")
        x0, y0, x1, y1 = region_box(region, w, h)
        test = classify(name)
        hits = total = 0
        cache = {}
        # Every second pixel in both directions: 4x faster, same fractions for these areas.
        for y in range(y0, y1, 2):
            row = rows[y]
            for x in range(x0, x1, 2):
                c = (row[x * bpp], row[x * bpp + 1], row[x * bpp + 2])
                hit = cache.get(c)
                if hit is None:
                    hit = cache[c] = test(c)
                hits += hit
                total += 1
        frac = hits / max(total, 1)
        ok = frac >= float(minimum)
        failed |= not ok
        print(f"  {'ok  ' if ok else 'FAIL'} {path}: {name} in {region}: {frac:.4f} (need >= {minimum})")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
