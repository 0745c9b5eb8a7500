# make test's gdb check (tools/test): stop in sys_msgsnd when the guest's
# program sends a message, load the program's symbols, print the backtrace
# and the process table, then let the guest run on (detach) to the end.
break sys_msgsnd
continue
uprog msg
bt
procs
detach
