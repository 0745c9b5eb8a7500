# ipcos under gdb: run `make qemu-gdb` in one terminal, then in another
#   gdb-multiarch -x .gdbinit
# (or let gdb read it by itself: add-auto-load-safe-path /path/to/ipcos/.gdbinit
# in ~/.config/gdb/gdbinit).  Commands: hart N, harts, uprog NAME, procs
# (tools/gdb/ipcos.gdb).  A user program's symbols: uprog NAME, then e.g.
# break main.
source tools/gdb/ipcos.gdb
target remote localhost:26000
