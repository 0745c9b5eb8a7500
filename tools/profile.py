#!/usr/bin/env python3
"""tools/profile.py LOG KERNEL_ELF PROG_ELF TOP MIN [FUNCTION]: the reader behind tools/profile.

LOG is QEMU's -d in_asm,exec,nochain output.  An "IN:" block lists the
instructions of a block as QEMU translates it; the "Trace" line that
follows for the same guest pc names the host code it became, which
identifies the block from then on.  Each later "Trace" line of that host
code is one execution of all its instructions.  A block holding an
instret read (rdinstret: csrrs rd,instret,zero) closes a segment.  With
FUNCTION, each segment also lists that function's instructions, each
with how often it ran.
"""
import bisect
import collections
import re
import subprocess
import sys

logpath, kernel_elf, prog_elf, top, minimum = sys.argv[1:6]
annotate = set(sys.argv[6].split(",")) if len(sys.argv) > 6 and sys.argv[6] else None
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

size = {}          # host code -> (instructions, closes a segment, [(pc, text)] if annotated)
pending = {}       # guest pc -> (instructions, has rdinstret), translated, not yet run
block_name = {}    # guest pc -> function
counts = collections.Counter()
insn_counts = collections.Counter()  # (pc, text) of the annotated function -> executions
segments = []
in_block = None    # [first pc, instructions, has rdinstret, [(pc, text)]] while reading an IN: block


def close_segment():
    global counts, insn_counts
    segments.append((counts, insn_counts))
    counts = collections.Counter()
    insn_counts = collections.Counter()


with open(logpath, errors="replace") as log:
    for line in log:
        if line.startswith("Trace"):
            m = trace_re.match(line)
            if not m:
                continue
            host, pc = m.group(1), int(m.group(2), 16)
            if pc in pending:
                size[host] = pending.pop(pc)
            n, marker, insns = size.get(host, (1, False, None))
            fn = block_name.get(pc)
            if fn is None:
                fn = block_name[pc] = name_of(pc)
            counts[fn] += n
            if annotate and fn in annotate and insns:
                for insn in insns:
                    insn_counts[insn] += 1
            if marker:
                close_segment()
        elif line.startswith("IN:"):
            in_block = [None, 0, False, []]
        elif in_block is not None:
            m = insn_re.match(line)
            if m:
                if in_block[0] is None:
                    in_block[0] = int(m.group(1), 16)
                in_block[1] += 1
                if "instret" in m.group(2):
                    in_block[2] = True
                if annotate:
                    in_block[3].append((int(m.group(1), 16), " ".join(m.group(2).split())))
            elif not line.strip():
                if in_block[0] is not None:
                    keep = annotate and name_of(in_block[0]) in annotate
                    pending[in_block[0]] = (in_block[1], in_block[2], in_block[3] if keep else None)
                in_block = None
close_segment()

for i, (seg, insns) in enumerate(segments):
    total = sum(seg.values())
    if total < minimum:
        continue
    print(f"== segment {i}: {total} instructions")
    for fn, n in seg.most_common(top):
        print(f"  {n:10d} {100.0 * n / total:5.1f}%  {fn}")
    if insns:
        print(f"  -- {', '.join(sorted(annotate))}, each instruction:")
        for (pc, text), n in sorted(insns.items()):
            print(f"  {n:10d}  {pc:x}  {text}")
