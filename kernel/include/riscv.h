/* RISC-V privileged architecture: CSRs, status bits, Sv39 page-table entries. */
#ifndef IPCOS_RISCV_H
#define IPCOS_RISCV_H

#include "types.h"

#define csr_read(csr) ({ u64 __v; asm volatile("csrr %0, " #csr : "=r"(__v)); __v; })
#define csr_write(csr, val) asm volatile("csrw " #csr ", %0" ::"rK"((u64)(val)))
#define csr_set(csr, val) asm volatile("csrs " #csr ", %0" ::"rK"((u64)(val)))
#define csr_clear(csr, val) asm volatile("csrc " #csr ", %0" ::"rK"((u64)(val)))

/* sstatus */
#define SSTATUS_SIE (1UL << 1)
#define SSTATUS_SPIE (1UL << 5)
#define SSTATUS_SPP (1UL << 8)
#define SSTATUS_FS (3UL << 13)  /* the FP registers' state: */
#define SSTATUS_FS_OFF 0                /*   FP instructions trap */
#define SSTATUS_FS_INITIAL (1UL << 13)  /*   all zero, never written */
#define SSTATUS_FS_CLEAN (2UL << 13)    /*   as last saved */
#define SSTATUS_FS_DIRTY (3UL << 13)    /*   written since (set by the hardware) */
#define SSTATUS_SUM (1UL << 18)

/* sie / sip */
#define IE_SSIE (1UL << 1)
#define IE_STIE (1UL << 5)
#define IE_SEIE (1UL << 9)

/* scause */
#define CAUSE_INTR (1UL << 63)
#define IRQ_S_SOFT 1
#define IRQ_S_TIMER 5
#define IRQ_S_EXT 9
#define EXC_INST_MISALIGNED 0
#define EXC_INST_ACCESS 1
#define EXC_ILLEGAL 2
#define EXC_BREAKPOINT 3
#define EXC_LOAD_MISALIGNED 4
#define EXC_LOAD_ACCESS 5
#define EXC_STORE_MISALIGNED 6
#define EXC_STORE_ACCESS 7
#define EXC_ECALL_U 8
#define EXC_INST_PAGE 12
#define EXC_LOAD_PAGE 13
#define EXC_STORE_PAGE 15

static inline void intr_on(void) { csr_set(sstatus, SSTATUS_SIE); }
static inline void intr_off(void) { csr_clear(sstatus, SSTATUS_SIE); }
static inline bool intr_get(void) { return (csr_read(sstatus) & SSTATUS_SIE) != 0; }

static inline u64 rdtime(void) { u64 t; asm volatile("rdtime %0" : "=r"(t)); return t; }
static inline void sfence_vma(void) { asm volatile("sfence.vma zero, zero" ::: "memory"); }
static inline void sfence_vma_addr(u64 va) { asm volatile("sfence.vma %0, zero" ::"r"(va) : "memory"); }
static inline void wfi(void) { asm volatile("wfi"); }

/* ---- Sv39 ---- */
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PGROUNDUP(x) ALIGN_UP((u64)(x), PAGE_SIZE)
#define PGROUNDDOWN(x) ALIGN_DOWN((u64)(x), PAGE_SIZE)

#define PTE_V (1UL << 0)
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_U (1UL << 4)
#define PTE_G (1UL << 5)
#define PTE_A (1UL << 6)
#define PTE_D (1UL << 7)
#define PTE_COW (1UL << 8)    /* software bit (RSW): write-protected copy-on-write page */
#define PTE_SHARED (1UL << 9) /* software bit (RSW): a MAP_SHARED page, shared (not copied) by fork */

/*
 * A leaf entry with V clear is normally 0.  A non-zero one holds a page that
 * mprotect(PROT_NONE) made inaccessible: the page (its number and reference)
 * stays, only V and R/W/X are cleared.  The hardware ignores every other bit
 * of an invalid entry.
 */
#define pte_has_page(pte) ((pte) != 0)

typedef u64 pte_t;
typedef pte_t *pagetable_t; /* 512 PTEs, a kernel virtual address */

#define PTE_PPN_SHIFT 10
#define PTE2PA(pte) ((((pte) >> PTE_PPN_SHIFT) & ((1UL << 44) - 1)) << PAGE_SHIFT)
#define PA2PTE(pa) (((u64)(pa) >> PAGE_SHIFT) << PTE_PPN_SHIFT)
#define PX(level, va) ((((u64)(va)) >> (PAGE_SHIFT + 9 * (level))) & 0x1FF)

#define SATP_SV39 (8UL << 60)
#define MAKE_SATP(pa) (SATP_SV39 | ((u64)(pa) >> PAGE_SHIFT))

/*
 * Virtual memory layout (Sv39):
 *   0x0000000000000000 - 0x0000003fffffffff  user (256 GiB): text at 0x10000, heap after it,
 *                                            stack just below USER_STACK_TOP
 *   0xffffffc000000000 - ...                 direct map of physical memory (PAGE_OFFSET + pa),
 *                                            the kernel image at PAGE_OFFSET + 0x80200000
 *   0xffffffff80000000 - ...                 kernel stacks, each above an unmapped guard page
 * The upper half is the same in every page table, so a trap never switches satp.
 */
#define USER_TOP 0x4000000000UL
#define USER_STACK_TOP (USER_TOP - PAGE_SIZE)
#define PAGE_OFFSET 0xffffffc000000000UL
#define KSTACK_BASE 0xffffffff80000000UL

#define __va(pa) ((void *)((u64)(pa) + PAGE_OFFSET))
#define __pa(va) ((paddr_t)((u64)(va) - PAGE_OFFSET))

#endif
