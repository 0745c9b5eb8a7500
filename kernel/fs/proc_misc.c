/*
 * The files of /proc about the whole machine, with Linux's names, fields
 * and order: uptime ("uptime idle", seconds with hundredths; idle summed
 * over the harts), loadavg ("0.00 0.00 0.00 running/total last-pid"),
 * stat (cpu lines in ticks of 1/100 s, intr, ctxt, btime, processes,
 * procs_running, procs_blocked, softirq), cpuinfo (per hart: processor,
 * hart, isa from the device tree, mmu, mvendorid, marchid, mimpid from
 * SBI) and version (uname's fields, as Linux's linux_banner lays them out);
 * slabinfo and slab_allocators (root's) are mm/kmalloc.c's per-cache counts.
 *
 * The counts come from /dev/kinfo's page (dev/kinfo.c), the same numbers
 * vmstat reads: each hart's ticks (user, system, idle), context switches
 * and forks, and the snapshot of process states and load averages hart
 * 0's tick keeps.  What Linux has and ipcos does not is 0: nice, iowait,
 * irq, softirq, steal and guest time, blocked processes, softirqs.
 *
 * Locking: none of its own; the page's per-hart words are read whole, the
 * shared fields through the sequence counter.
 */
#include "kernel.h"
#include "fs.h"
#include "proc.h"
#include "platform.h"
#include "sbi.h"
#include "kinfo.h"
#include "mm.h"
#include "proc_internal.h"

/* The shared fields, consistently (the writer is hart 0's tick). */
static void kinfo_read(struct kinfo_shared *out)
{
	u32 seq;

	do {
		seq = READ_ONCE(kinfo->seq);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		*out = kinfo->s;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((seq & 1) || seq != READ_ONCE(kinfo->seq));
}

static u64 idle_ticks(void)
{
	u64 idle = 0;

	for (int i = 0; i < ncpus; i++)
		idle += READ_ONCE(kinfo->cpu[i].idle);
	return idle;
}

/* /proc/uptime: seconds since boot and idle seconds, to the hundredth */
static void uptime_show(struct inode *ip, struct seq *s)
{
	u64 ns = time_ns(), idle = idle_ticks() * 100 / TICK_HZ;

	seq_printf(s, "%lu.%02lu %lu.%02lu\n", ns / 1000000000, ns / 10000000 % 100, idle / 100, idle % 100);
}

/* LOAD_INT and LOAD_FRAC of Linux's loadavg.c, rounding to hundredths */
static void load_show(struct seq *s, u64 x)
{
	x += KINFO_FIXED_1 / 200;
	seq_printf(s, "%lu.%02lu ", x >> KINFO_FSHIFT, ((x & (KINFO_FIXED_1 - 1)) * 100) >> KINFO_FSHIFT);
}

static void loadavg_show(struct inode *ip, struct seq *s)
{
	struct kinfo_shared k;

	kinfo_read(&k);
	for (int i = 0; i < 3; i++)
		load_show(s, k.avenrun[i]);
	seq_printf(s, "%u/%d %d\n", k.procs_running, proc_count(), proc_last_pid());
}

static void cpu_line(struct seq *s, const char *name, u64 user, u64 system, u64 idle)
{
	/* user nice system idle iowait irq softirq steal guest guest_nice, in 1/100 s */
	seq_printf(s, "%s %lu 0 %lu %lu 0 0 0 0 0 0\n", name, user * 100 / TICK_HZ, system * 100 / TICK_HZ,
		   idle * 100 / TICK_HZ);
}

static void stat_show(struct inode *ip, struct seq *s)
{
	u64 user = 0, system = 0, idle = 0, ticks = 0, ctxt = 0, forks = 0;
	struct kinfo_shared k;
	char name[16];

	for (int i = 0; i < ncpus; i++) {
		struct kinfo_cpu *c = &kinfo->cpu[i];
		user += READ_ONCE(c->user);
		system += READ_ONCE(c->system);
		idle += READ_ONCE(c->idle);
		ticks += READ_ONCE(c->ticks);
		ctxt += READ_ONCE(c->ctxt);
		forks += READ_ONCE(c->forks);
	}
	cpu_line(s, "cpu ", user, system, idle);
	for (int i = 0; i < ncpus; i++) {
		struct kinfo_cpu *c = &kinfo->cpu[i];
		snprintk(name, sizeof(name), "cpu%d", i);
		cpu_line(s, name, READ_ONCE(c->user), READ_ONCE(c->system), READ_ONCE(c->idle));
	}
	kinfo_read(&k);
	seq_printf(s, "intr %lu\nctxt %lu\nbtime %lu\nprocesses %lu\nprocs_running %u\nprocs_blocked 0\n",
		   ticks, ctxt, (realtime_ns() - time_ns()) / 1000000000, forks, k.procs_running);
	seq_printf(s, "softirq 0 0 0 0 0 0 0 0 0 0 0\n");
}

static void cpuinfo_show(struct inode *ip, struct seq *s)
{
	unsigned long vendor = sbi_machine_id(4), arch = sbi_machine_id(5), imp = sbi_machine_id(6);

	for (int i = 0; i < ncpus; i++) {
		int h = 0;
		while (h < platform.nharts - 1 && platform.hartids[h] != cpus[i].hartid)
			h++;
		seq_printf(s, "processor\t: %d\nhart\t\t: %lu\n", i, cpus[i].hartid);
		if (platform.isa[h][0])
			seq_printf(s, "isa\t\t: %s\n", platform.isa[h]);
		seq_printf(s, "mmu\t\t: sv39\nmvendorid\t: 0x%lx\nmarchid\t\t: 0x%lx\nmimpid\t\t: 0x%lx\n\n", vendor,
			   arch, imp);
	}
}

/* As Linux's linux_banner: "SYSNAME version RELEASE (BUILDER) (COMPILER) VERSION" */
static void version_show(struct inode *ip, struct seq *s)
{
	seq_printf(s, "ipcos version 0.1 (ipcos@ipcos) (riscv64-unknown-elf-gcc %s) #1 SMP\n", __VERSION__);
}

/* mm/kmalloc.c's: objects and slabs per cache; in use per cache and caller (slub_debug=U) */
static void slabinfo_gen(struct inode *ip, struct seq *s) { slabinfo_show(s); }
static void slab_allocators_gen(struct inode *ip, struct seq *s) { slab_allocators_show(s); }

static const struct inode_ops misc_ops[PROC_MISC_FILES] = {
	{ .generate = uptime_show }, { .generate = loadavg_show }, { .generate = stat_show },
	{ .generate = cpuinfo_show }, { .generate = version_show }, { .generate = slabinfo_gen },
	{ .generate = slab_allocators_gen },
};
static const char *const misc_names[PROC_MISC_FILES] = { "uptime", "loadavg", "stat", "cpuinfo", "version",
							  "slabinfo", "slab_allocators" };
/* root's only, as on Linux */
static const u16 misc_modes[PROC_MISC_FILES] = { 0444, 0444, 0444, 0444, 0444, 0400, 0400 };

struct inode *proc_misc_lookup(const char *name)
{
	for (int i = 0; i < PROC_MISC_FILES; i++)
		if (!strcmp(name, misc_names[i]))
			return proc_inode(S_IFREG | misc_modes[i], PROC_MISC_INO(i), &misc_ops[i], 0);
	return NULL;
}

int proc_misc_readdir(u64 index, char *name, u64 *ino, u8 *type)
{
	if (index >= PROC_MISC_FILES)
		return 0;
	strlcpy(name, misc_names[index], NAME_MAX + 1);
	*ino = PROC_MISC_INO(index);
	*type = DT_REG;
	return 1;
}
