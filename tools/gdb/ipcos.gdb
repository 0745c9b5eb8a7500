# tools/gdb/ipcos.gdb: the kernel's symbols and a few commands for gdb-multiarch.
# .gdbinit sources it and connects to `make qemu-gdb`; `tools/run --gdb SCRIPT`
# sources it and connects to the QEMU it starts.
#
#   hart N        look at hart N (QEMU shows each hart as a gdb thread, N+1)
#   harts         what every hart is doing (info threads)
#   uprog NAME    load user program NAME's symbols (build/prog/NAME.elf) to
#                 break or step in it: user programs are linked at 0x10000
#   procs         the process table: pid, state, name (Ctrl-P on the console adds where each sleeps)
set confirm off
set pagination off
set architecture riscv:rv64
file build/kernel.elf

define hart
  eval "thread %d", $arg0 + 1
end
document hart
hart N: switch to hart N (gdb thread N+1).
end

define harts
  info threads
end
document harts
Every hart and where it is.
end

define uprog
  add-symbol-file build/prog/$arg0.elf
end
document uprog
uprog NAME: load the symbols of user program NAME (build/prog/NAME.elf).
end

define procs
  set $i = 0
  while $i < sizeof(procs) / sizeof(procs[0])
    if procs[$i].state != P_UNUSED
      printf "%5d ", procs[$i].pid
      output procs[$i].state
      printf " %s\n", procs[$i].name
    end
    set $i = $i + 1
  end
end
document procs
The process table: pid, state and name of every process.
end
