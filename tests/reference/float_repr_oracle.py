"""Writes `<f64 bits> <repr>` lines from CPython for src/value.rs's float_repr_oracle test:

    python3 tests/reference/float_repr_oracle.py > /tmp/floats.txt
    FLOAT_REPR_ORACLE=/tmp/floats.txt cargo test --lib float_repr_oracle
"""
import random
import struct
import sys

r = random.Random(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
for _ in range(40000):
    k = r.random()
    if k < 0.3:  # any bit pattern
        f = struct.unpack("<d", struct.pack("<Q", r.getrandbits(64)))[0]
    elif k < 0.6:  # quarters near 2**53: ties between two shortest candidates
        f = r.randint(0, 2**53) / 4 * r.choice([1, -1])
    elif k < 0.8:
        f = r.randint(0, 10**17) / r.choice([2, 4, 8, 16, 32, 1024])
    else:
        f = r.uniform(-1e6, 1e6)
    if f == f and abs(f) != float("inf"):
        print(struct.unpack("<Q", struct.pack("<d", f))[0], repr(f))
