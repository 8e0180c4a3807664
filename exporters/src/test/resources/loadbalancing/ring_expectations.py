#!/usr/bin/env python3
"""Computes, independently of the Java code, which backend otelcol's loadbalancing ring picks.

The algorithm as published in contrib's loadbalancingexporter (PR #41271's 4-byte little-endian
point index and linear probing, PR #49585's global ordering, 131071 positions, 200 points):
  point(e, i)  = crc32(utf8(e) + le_uint32(i)) % 131071, for i in 0..199, for every endpoint e
  order all points by (position, endpoint bytes, index); place each at its position or, when taken,
  at the next free one within 10 steps (else drop it)
  owner(key)   = endpoint of the first placed point at or after crc32(key) % 131071, wrapping
Trace IDs are 16 bytes drawn from SplitMix64 (seed below), two outputs big-endian per ID, so the
Java test regenerates them without a data file. Writes one digit (index into ENDPOINTS) per ID.

Run once: python3 ring_expectations.py > ring_expectations.txt
"""
import struct
import sys
import zlib

ENDPOINTS = ["10.0.1.7:4317", "10.0.1.12:4317", "10.0.2.3:4317",
             "gateway-3.tributary.svc:4317", "otelcol-gw-0:4317"]
SEED = 0x5EED_7B1B_0A7A_0001
COUNT = 10_000
MASK = (1 << 64) - 1


def ring(endpoints, max_positions=131071, weight=200, probe_limit=10):
    points = []
    for e in endpoints:
        b = e.encode()
        for i in range(weight):
            points.append((zlib.crc32(b + struct.pack("<I", i)) % max_positions, b, i, e))
    points.sort(key=lambda p: (p[0], p[1], p[2]))
    slots = {}
    for pos, _, _, e in points:
        probed = 0
        while pos in slots and probed < probe_limit:
            pos = (pos + 1) % max_positions
            probed += 1
        if probed < probe_limit:
            slots[pos] = e
    return sorted(slots.items())


def owner(items, key, max_positions=131071):
    pos = zlib.crc32(key) % max_positions
    for p, e in items:
        if p >= pos:
            return e
    return items[0][1]


def splitmix64(state):
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def main():
    # Self-check against the vectors contrib published for the previous generation (36000
    # positions, 100 points; same point formula and probing), which global ordering leaves intact.
    old = ring(["endpoint-1", "endpoint-2"], 36000, 100)
    for key, want in [(bytes([1, 2, 0, 0]), "endpoint-2"), (bytes([128, 128, 0, 0]), "endpoint-1"),
                      (b"ad-service-7", "endpoint-2"), (b"get-recommendations-1", "endpoint-1")]:
        assert owner(old, key, 36000) == want, (key, want)
    assert [p for p, _ in ring(["endpoint-1"], 36000, 5)] == [0x21ca, 0x29d3, 0x3984, 0x5eaf, 0x8bc1]

    items = ring(ENDPOINTS)
    rnd = splitmix64(SEED)
    digits = []
    for _ in range(COUNT):
        trace_id = struct.pack(">QQ", next(rnd), next(rnd))
        digits.append(str(ENDPOINTS.index(owner(items, trace_id))))
    sys.stdout.write("".join(digits) + "\n")


if __name__ == "__main__":
    main()
