/*
 * malloc.c - malloc, calloc, realloc and free on top of sbrk().
 *
 * The heap is a sequence of blocks, each starting with a 16-byte header:
 *
 *     +-----------+-----------+--------------------------------+
 *     | size      | next      | payload (what malloc returns)  |
 *     +-----------+-----------+--------------------------------+
 *     ^ block, 16-byte aligned  ^ 16-byte aligned
 *
 * `size` counts the whole block, header included, and is a multiple of 16,
 * so every payload is 16-byte aligned.  Free blocks are kept in one list
 * sorted by address (`next`), which makes coalescing easy: when a block is
 * freed it is merged with the free blocks right before and after it.
 * In a block that is in use, `next` holds the marker IN_USE, which lets
 * free() catch pointers malloc never returned and most double frees.
 *
 * malloc takes the first free block that is big enough (first fit),
 * splitting off the rest when the rest can still be a block.  When no block
 * fits it grows the heap with sbrk by at least GROW_MIN bytes.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct block {
    size_t size;                /* whole block in bytes, header included */
    struct block *next;         /* free: next free block; in use: IN_USE */
};

#define ALIGN       16
#define HDR         sizeof(struct block)            /* 16 */
#define MIN_BLOCK   (HDR + ALIGN)                   /* smallest useful block */
#define GROW_MIN    (64 * 1024)                     /* sbrk at least this */
#define IN_USE      ((struct block *)0x1a110ca7edUL) /* "allocated" marker */

/* Larger requests can never succeed; refusing them early also keeps the
 * size arithmetic below from overflowing. */
#define MAX_REQUEST (SIZE_MAX / 4)

static struct block *free_list;         /* sorted by address */

static size_t round_up(size_t n, size_t to)
{
    return (n + to - 1) & ~(to - 1);
}

/* Block size needed for an n-byte request (n <= MAX_REQUEST). */
static size_t block_size(size_t n)
{
    size_t need = round_up(n + HDR, ALIGN);

    return need < MIN_BLOCK ? MIN_BLOCK : need;
}

static void corrupt(const char *what)
{
    static const char msg[] = ": invalid pointer\n";

    write(2, what, strlen(what));
    write(2, msg, sizeof(msg) - 1);
    abort();
}

static struct block *header_of(void *p, const char *caller)
{
    struct block *b = (struct block *)p - 1;

    if (((uintptr_t)p & (ALIGN - 1)) != 0 || b->next != IN_USE)
        corrupt(caller);
    return b;
}

/* Put b into the free list in address order, merging with neighbours. */
static void insert_free(struct block *b)
{
    struct block **link = &free_list;
    struct block *prev = NULL;

    while (*link != NULL && *link < b) {
        prev = *link;
        link = &prev->next;
    }
    b->next = *link;
    *link = b;

    if (b->next != NULL && (char *)b + b->size == (char *)b->next) {
        b->size += b->next->size;
        b->next = b->next->next;
    }
    if (prev != NULL && (char *)prev + prev->size == (char *)b) {
        prev->size += b->size;
        prev->next = b->next;
    }
}

/* If b holds more than `need` bytes and the rest can be a block, free it. */
static void trim(struct block *b, size_t need)
{
    if (b->size - need >= MIN_BLOCK) {
        struct block *rest = (struct block *)((char *)b + need);
        rest->size = b->size - need;
        b->size = need;
        insert_free(rest);
    }
}

/* Add at least `need` bytes of fresh memory from sbrk to the free list. */
static int grow_heap(size_t need)
{
    size_t amount = need < GROW_MIN ? GROW_MIN : round_up(need, 4096);
    uintptr_t brk_now = (uintptr_t)sbrk(0);
    size_t pad = round_up(brk_now, ALIGN) - brk_now;   /* align the block */
    char *p = sbrk((intptr_t)(pad + amount));

    if (p == (char *)-1)
        return -1;
    struct block *b = (struct block *)(p + pad);
    b->size = amount;
    insert_free(b);
    return 0;
}

void *malloc(size_t n)
{
    if (n > MAX_REQUEST) {
        errno = ENOMEM;
        return NULL;
    }
    size_t need = block_size(n);

    for (;;) {
        for (struct block **link = &free_list; *link != NULL; link = &(*link)->next) {
            struct block *b = *link;
            if (b->size < need)
                continue;
            *link = b->next;            /* take b out of the list */
            b->next = IN_USE;
            trim(b, need);
            return b + 1;
        }
        if (grow_heap(need) < 0) {
            errno = ENOMEM;
            return NULL;
        }
    }
}

void free(void *p)
{
    if (p == NULL)
        return;
    insert_free(header_of(p, "free()"));
}

void *calloc(size_t n, size_t size)
{
    size_t total;
    void *p;

    if (__builtin_mul_overflow(n, size, &total)) {
        errno = ENOMEM;
        return NULL;
    }
    p = malloc(total);
    if (p != NULL)
        memset(p, 0, total);
    return p;
}

/* Remove and return the free block that starts at addr, if there is one. */
static struct block *take_free_at(void *addr)
{
    for (struct block **link = &free_list; *link != NULL; link = &(*link)->next) {
        if (*link == addr) {
            struct block *b = *link;
            *link = b->next;
            return b;
        }
        if ((void *)*link > addr)
            break;
    }
    return NULL;
}

/*
 * realloc keeps the block when it is big enough (giving back any large
 * excess), grows it in place when the next block is free and big enough,
 * and otherwise moves the data to a new block.
 */
void *realloc(void *p, size_t n)
{
    if (p == NULL)
        return malloc(n);
    if (n == 0) {
        free(p);
        return NULL;
    }
    struct block *b = header_of(p, "realloc()");
    if (n > MAX_REQUEST) {
        errno = ENOMEM;
        return NULL;
    }
    size_t need = block_size(n);

    if (b->size < need) {
        struct block *after = take_free_at((char *)b + b->size);
        if (after != NULL && b->size + after->size >= need)
            b->size += after->size;     /* grow in place */
        else if (after != NULL)
            insert_free(after);         /* not enough: put it back */
    }
    if (b->size >= need) {
        trim(b, need);
        return p;
    }

    void *q = malloc(n);
    if (q == NULL)
        return NULL;
    memcpy(q, p, b->size - HDR);
    free(p);
    return q;
}
