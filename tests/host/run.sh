#!/bin/sh
# tests/host/run.sh - unit-test parts of lib/ on the host.
#
# The files of lib/ that need no system calls of their own (printf's
# engine and its string and fd sinks, strings, ctype, number conversion,
# qsort, malloc, strerror) are compiled with the host's gcc against lib/'s
# own headers.  What they call outside themselves (write, fwrite, ...)
# binds to the host C library; the tests only use paths where that is right.  Every symbol they define is then
# renamed NAME -> lib_NAME (objcopy), and so is sbrk, which test_lib.c fakes
# with a static arena.  test_lib.c, built against the host C library,
# compares the two: lib_snprintf with snprintf, lib_strtol with strtol, ...
#
# Prints "N passed, N failed"; exits 0 only if nothing failed.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(mktemp -d "${TMPDIR:-/tmp}/ipcos-host-test.XXXXXX")
trap 'rm -rf "$out"' EXIT

CC=${HOSTCC:-gcc}
LIB_FILES="printf.c format.c fmt_float.c string.c ctype.c stdlib.c malloc.c errno.c env.c strftime.c getopt.c getline.c"
LIB_CFLAGS="-O2 -g -Wall -Werror -ffreestanding -fno-builtin -fno-stack-protector
            -fno-common -nostdinc -isystem $root/lib/include
            -isystem $($CC -print-file-name=include)"

for f in $LIB_FILES; do
    $CC $LIB_CFLAGS -c "$root/lib/$f" -o "$out/${f%.c}.o"
done

# NAME lib_NAME for every global symbol the objects define, plus sbrk.
nm --defined-only -g "$out"/*.o | awk 'NF == 3 { print $3, "lib_" $3 }' | sort -u > "$out/rename"
echo "sbrk lib_sbrk" >> "$out/rename"
for o in "$out"/*.o; do
    objcopy --redefine-syms="$out/rename" "$o"
done

$CC -O1 -g -Wall -Werror -Wno-format-zero-length -Wno-stringop-truncation -o "$out/test_lib" \
    "$here/test_lib.c" "$out"/*.o
"$out/test_lib"
