"""Names the samples `perf script` printed for a Go binary and prints the share of samples in each part of Temporal."""
import collections
import re
import subprocess
import sys

PARTS = [
    ("SQLite engine (modernc.org/sqlite, SQLite compiled to Go)", r"modernc\.org"),
    ("persistence layer", r"common/persistence"),
    ("history service", r"service/history"),
    ("matching service", r"service/matching"),
    ("frontend service", r"service/frontend"),
    ("Go garbage collector", r"runtime\.(gcBgMarkWorker|gcDrain|scanobject|markroot|gcAssist)"),
    ("kernel", r"\[kernel"),
]
LOAD_BASE = 0x400000  # perf prints addresses in a non-PIE binary relative to its first mapping


def samples_of(path):
    samples, current = [], []
    for line in open(path):
        if not line.strip():
            if current:
                samples.append(current)
                current = []
            continue
        frame = re.match(r"\s+([0-9a-f]+)\s+(\S+)\s+\((.*)\)", line)
        if frame:
            current.append((int(frame.group(1), 16), frame.group(2), frame.group(3)))
    if current:
        samples.append(current)
    return samples


def main(binary, path):
    samples = samples_of(path)
    own = sorted({address for sample in samples for address, _, dso in sample if dso == binary})
    lines = subprocess.run(["go", "tool", "addr2line", binary], capture_output=True, text=True, check=True,
                           input="".join(hex(a + LOAD_BASE) + "\n" for a in own)).stdout.splitlines()
    names = {address: lines[2 * i] for i, address in enumerate(own)}
    named = [[names.get(a, symbol + " [" + dso.rsplit("/", 1)[-1]) for a, symbol, dso in s] for s in samples]
    print(f"{len(named)} samples; share of samples with a frame in each part (parts overlap):")
    for part, pattern in PARTS:
        share = sum(1 for s in named if any(re.search(pattern, f) for f in s)) / len(named)
        print(f"{share * 100:5.1f}%  {part}")
    calls = collections.Counter()
    for s in named:
        if any("modernc.org" in f for f in s):
            call = next((f for f in s if re.search(r"persistence(/sql)?\.\(\*\w+\)\.[A-Z]\w*$", f)), "other")
            calls[call] += 1
    print("SQLite's share by the persistence call it serves:")
    for call, count in calls.most_common(8):
        print(f"{count / len(named) * 100:5.1f}%  {call}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
