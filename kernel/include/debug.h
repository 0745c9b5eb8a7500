/*
 * The debug build: `make DEBUG=1` compiles the kernel with -DDEBUG into
 * build-debug/ (the normal build/ is left alone).  It adds checks that cost
 * time on hot paths and so are off in the normal build:
 *   - lists: list_del poisons the unlinked node, so a second unlink or a walk
 *     through a stale node faults at a recognisable address (list.h);
 *   - pages: a freed page is filled with PAGE_POISON and checked when it is
 *     handed out again, so a write after free is caught (mm/page_alloc.c);
 *   - kmalloc: a freed object is filled with SLAB_POISON (past its free-list
 *     word) and checked on allocation; a double free panics (mm/kmalloc.c);
 *   - locks: every spinlock acquired is recorded per hart, and no lock may be
 *     held when a hart returns to user mode (debug_user_return);
 *   - inode lookups: a system call may not return holding a lookup reference
 *     (fs/ramfs.c).
 *   - lockdep_assert_held: the locks the functions on benchmarked paths
 *     expect (spinlock.h).
 * Checks that are cheap (reference-count underflow, assert_held) are on in
 * every build.
 */
#ifndef IPCOS_DEBUG_H
#define IPCOS_DEBUG_H

#include "types.h"

#ifdef DEBUG
#define DEBUG_BUILD 1
#else
#define DEBUG_BUILD 0
#endif

struct proc;

/* lib/debug.c: the checks made on every return to user mode (DEBUG builds only). */
void debug_user_return(struct proc *p);

#endif
