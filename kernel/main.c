/*
 * Boot: the first hart comes here from entry.S with paging on (boot page
 * table), reads the device tree, sets up memory, the kernel page table,
 * traps, the RAM filesystem and the first process, starts the other harts
 * and becomes an idle loop.
 */
#include "kernel.h"
#include "random.h"
#include "platform.h"
#include "mm.h"
#include "proc.h"
#include "fs.h"
#include "sbi.h"
#include "ipc.h"
#include "kinfo.h"

extern char secondary_entry[];
static volatile int harts_up;

static void cpu_setup(int id, u64 hartid)
{
	struct cpu *c = &cpus[id];

	c->id = id;
	c->hartid = hartid;
	asm volatile("mv tp, %0" ::"r"(c));
}

static void start_secondaries(u64 boot_hartid)
{
	for (int i = 0; i < platform.nharts; i++) {
		u64 hartid = platform.hartids[i];
		if (hartid == boot_hartid)
			continue;
		int id = ncpus++;
		cpus[id].id = id;
		cpus[id].hartid = hartid;
		if (sbi_hart_start(hartid, __pa(secondary_entry), id))
			printk("hart %lu did not start\n", hartid);
	}
}

/* Reorder platform.plic_context to cpu ids: cpu 0 is the boot hart. */
static void map_contexts(u64 boot_hartid)
{
	int ctx[NCPU], n = 0;

	for (int i = 0; i < platform.nharts; i++)
		if (platform.hartids[i] == boot_hartid)
			ctx[n++] = platform.plic_context[i];
	for (int i = 0; i < platform.nharts; i++)
		if (platform.hartids[i] != boot_hartid)
			ctx[n++] = platform.plic_context[i];
	for (int i = 0; i < n; i++)
		platform.plic_context[i] = ctx[i];
}

/*
 * A test kernel's hook, run once the kernel is up: nothing here.  The test
 * kernel of make test's panic check (build/kernel-panic.bin) links
 * tests/kernel/panic.c, whose boot_test() panics on purpose.
 */
__attribute__((weak)) void boot_test(void)
{
}

/*
 * Boot arguments the kernel keeps for itself: leading words "fail=..."
 * (fault injection, mm/fail.c) and "slub_debug=U" (allocating callers of
 * kmalloc objects, mm/kmalloc.c).  The rest of the line is init's argument.
 */
static void kernel_params(char *args)
{
	char *p = args;

	while (!strncmp(p, "fail=", 5) || !strncmp(p, "slub_debug=", 11)) {
		char *end = strchr(p, ' ');
		if (end)
			*end = 0;
		if (*p == 'f')
			fail_setup(p + 5);
		else
			slub_debug_setup(p + 11);
		p = end ? end + 1 : p + strlen(p);
		while (*p == ' ')
			p++;
	}
	memmove(args, p, strlen(p) + 1);
}

void kmain(u64 hartid, paddr_t dtb)
{
	cpu_setup(0, hartid);
	ncpus = 1;
	fdt_parse(dtb);
	kernel_params(platform.bootargs);
	map_contexts(hartid);
	if (platform.uart_base)
		uart_init();
	page_alloc_init();
	kvm_init();
	kvm_init_hart();
	proc_init();
	sigtramp_init();
	futex_init();
	random_init();
	ipc_init();
	ramfs_init();
	if (!platform.initrd_start)
		panic("no initrd: boot with -initrd build/initrd.cpio");
	initrd_unpack(platform.initrd_start, platform.initrd_end);
	ramfs_create_path("/tmp", S_IFDIR | 01777, NULL, 0);
	ramfs_create_path("/proc", S_IFDIR | 0555, NULL, 0);
	ramfs_create_path("/dev", S_IFDIR | 0755, NULL, 0);
	ramfs_create_device("/dev/null", 0666, &null_fops, (1 << 8) | 3);
	ramfs_create_device("/dev/zero", 0666, &zero_fops, (1 << 8) | 5);
	ramfs_create_device("/dev/console", 0620, &console_fops, (5 << 8) | 1);
	ramfs_create_path("/dev/shm", S_IFDIR | 01777, NULL, 0); /* POSIX shared memory's directory (shm_open) */
	ramfs_create_device("/dev/kinfo", 0444, &kinfo_fops, (10 << 8) | 243);
	{
		int err;
		struct inode *procdir = namei(root_inode(), "/proc", &err);
		if (procdir) {
			procfs_init(procdir);
			lookup_put(procdir);
		}
	}
	kinfo_init();
	user_init();
	start_secondaries(hartid);
	fpu_init_hart();
	trap_init_hart();
	printk("ipcos: %d harts, %lu MiB, %lu pages free\n", platform.nharts,
	       (platform.mem_end - platform.mem_start) >> 20, nr_free_pages());
	boot_test();
	__atomic_add_fetch(&harts_up, 1, __ATOMIC_SEQ_CST);
	idle_loop();
}

void secondary_main(u64 hartid, int id)
{
	cpu_setup(id, hartid);
	kvm_init_hart();
	fpu_init_hart();
	trap_init_hart();
	__atomic_add_fetch(&harts_up, 1, __ATOMIC_SEQ_CST);
	idle_loop();
}

/*
 * Power off, handing code to QEMU's exit status through the virt machine's
 * test device ("sifive,test0"): 0x5555 = pass (status 0), (code << 16) | 0x3333
 * = fail with that status.  SBI reset, the fallback, cannot carry a status.
 */
void power_off(int code)
{
	if (platform.test_base) {
		volatile u32 *test = __va(platform.test_base);
		*test = code ? ((u32)code << 16) | 0x3333 : 0x5555;
	}
	sbi_shutdown();
}
