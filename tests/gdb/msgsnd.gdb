# make test's gdb check (tools/test): stop in sys_msgsnd when the guest's
# program sends a message, print the backtrace, then let the guest run on
# (detach) to the end of its program.
break sys_msgsnd
continue
uprog msg
bt
detach
