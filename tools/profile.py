#!/usr/bin/env python3
"""tools/profile.py LOG KERNEL_ELF PROG_ELF TOP MIN: the reader behind tools/profile.

LOG is QEMU's -d in_asm,exec,nochain output.  An "IN:" block lists the
instructions of a block as QEMU translates it; the "Trace" line that
follows for the same guest pc names the host code it became, which
identifies the block from then on.  Each later "Trace" line of that host
code is one execution of all its instructions.  A block holding an
instret read (rdinstret: csrrs rd,instret,zero) closes a segment.
"""
import bisect
import collections
import re
import subprocess
import sys

logpath, kernel_elf, prog_elf, top, minimum = sys.argv[1:6]
top, minimum = int(top), int(minimum)


def symbols(elf):
    out = subprocess.run(["riscv64-unknown-elf-nm", "-n", elf], capture_output=True, text=True).stdout
    addrs, names = [], []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW":
            addrs.append(int(parts[0], 16))
            names.append(parts[2])
    return addrs, names


ksyms, usyms = symbols(kernel_elf), symbols(prog_elf)
KERNEL_BASE = 0xffffffc000000000


def name_of(pc):
    addrs, names = (ksyms if pc >= KERNEL_BASE else usyms)
    if pc < KERNEL_BASE and pc >= 0x80000000:
        return "firmware"
    i = bisect.bisect_right(addrs, pc) - 1
    return names[i] if i >= 0 else "?"


trace_re = re.compile(r"^Trace \d+: (0x[0-9a-f]+) \[[0-9a-f]+/([0-9a-f]+)/")
insn_re = re.compile(r"^0x([0-9a-f]+):\s+[0-9a-f]+\s+(.*)$")

size = {}          # host code -> (instructions, closes a segment)
pending = {}       # guest pc -> (instructions, has rdinstret), translated, not yet run
block_name = {}    # guest pc -> function
counts = collections.Counter()
segments = []
in_block = None    # [first pc, instructions, has rdinstret] while reading an IN: block


def close_segment():
    global counts
    segments.append(counts)
    counts = collections.Counter()


with open(logpath, errors="replace") as log:
    for line in log:
        if line.startswith("Trace"):
            m = trace_re.match(line)
            if not m:
                continue
            host, pc = m.group(1), int(m.group(2), 16)
            if pc in pending:
                size[host] = pending.pop(pc)
            n, marker = size.get(host, (1, False))
            fn = block_name.get(pc)
            if fn is None:
                fn = block_name[pc] = name_of(pc)
            counts[fn] += n
            if marker:
                close_segment()
        elif line.startswith("IN:"):
            in_block = [None, 0, False]
        elif in_block is not None:
            m = insn_re.match(line)
            if m:
                if in_block[0] is None:
                    in_block[0] = int(m.group(1), 16)
                in_block[1] += 1
                if "instret" in m.group(2):
                    in_block[2] = True
            elif not line.strip():
                if in_block[0] is not None:
                    pending[in_block[0]] = (in_block[1], in_block[2])
                in_block = None
close_segment()

for i, seg in enumerate(segments):
    total = sum(seg.values())
    if total < minimum:
        continue
    print(f"== segment {i}: {total} instructions")
    for fn, n in seg.most_common(top):
        print(f"  {n:10d} {100.0 * n / total:5.1f}%  {fn}")
