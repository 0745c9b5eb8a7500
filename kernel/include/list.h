/*
 * Intrusive doubly linked lists, as Linux's <linux/list.h>: a struct list_head
 * lives inside each element, and container_of() gets back to the element.
 * Used for run queues, wait queues, children, directory entries and, later,
 * IPC messages and sleepers.  The caller provides all locking.
 *
 * DEBUG builds (debug.h) check the neighbours' links on every add and
 * unlink (Linux's CONFIG_DEBUG_LIST), and list_del() leaves the node
 * pointing at two poison addresses (LIST_POISON1/2, outside Sv39's address
 * space), so a second unlink or a walk through a removed node faults at a
 * recognisable address instead of corrupting memory quietly.  A node that
 * will be tested with list_empty() or unlinked again is removed with
 * list_del_init().
 */
#ifndef IPCOS_LIST_H
#define IPCOS_LIST_H

#include "types.h"
#include "debug.h"

#define LIST_POISON1 ((struct list_head *)0xdead000000000100UL)
#define LIST_POISON2 ((struct list_head *)0xdead000000000122UL)

void list_corrupt(const char *what, const void *node, const void *prev, const void *next); /* lib/debug.c */

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

static inline void INIT_LIST_HEAD(struct list_head *h)
{
	h->next = h;
	h->prev = h;
}

static inline void __list_add(struct list_head *n, struct list_head *prev, struct list_head *next)
{
	if (DEBUG_BUILD && (next->prev != prev || prev->next != next || n == prev || n == next))
		list_corrupt("list_add", n, prev, next);
	next->prev = n;
	n->next = next;
	n->prev = prev;
	prev->next = n;
}

/* Insert n right after head (stack order). */
static inline void list_add(struct list_head *n, struct list_head *head)
{
	__list_add(n, head, head->next);
}

/* Insert n before head, i.e. at the tail (queue order). */
static inline void list_add_tail(struct list_head *n, struct list_head *head)
{
	__list_add(n, head->prev, head);
}

static inline void __list_del(struct list_head *e)
{
	if (DEBUG_BUILD && (e->next->prev != e || e->prev->next != e))
		list_corrupt("list_del", e, e->prev, e->next);
	e->next->prev = e->prev;
	e->prev->next = e->next;
}

/* Unlink e and leave it pointing at itself, so list_empty(e) is true. */
static inline void list_del_init(struct list_head *e)
{
	__list_del(e);
	INIT_LIST_HEAD(e);
}

/* Unlink e for good: it may not be used as a list again until re-added. */
static inline void list_del(struct list_head *e)
{
	__list_del(e);
	if (DEBUG_BUILD) {
		e->next = LIST_POISON1;
		e->prev = LIST_POISON2;
	} else {
		INIT_LIST_HEAD(e);
	}
}

/* Take e off its list and put it first (list_move) or last (list_move_tail) on head. */
static inline void list_move(struct list_head *e, struct list_head *head)
{
	list_del(e);
	list_add(e, head);
}

static inline void list_move_tail(struct list_head *e, struct list_head *head)
{
	list_del(e);
	list_add_tail(e, head);
}

static inline bool list_empty(const struct list_head *h)
{
	return h->next == h;
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(head, type, member) list_entry((head)->next, type, member)

#define list_for_each_entry(pos, head, member)                            \
	for (pos = list_entry((head)->next, typeof(*pos), member);       \
	     &pos->member != (head);                                      \
	     pos = list_entry(pos->member.next, typeof(*pos), member))

#define list_for_each_entry_reverse(pos, head, member)                    \
	for (pos = list_entry((head)->prev, typeof(*pos), member);       \
	     &pos->member != (head);                                      \
	     pos = list_entry(pos->member.prev, typeof(*pos), member))

/* Safe against removal of pos. */
#define list_for_each_entry_safe(pos, n, head, member)                    \
	for (pos = list_entry((head)->next, typeof(*pos), member),       \
	     n = list_entry(pos->member.next, typeof(*pos), member);      \
	     &pos->member != (head);                                      \
	     pos = n, n = list_entry(n->member.next, typeof(*n), member))

#endif
