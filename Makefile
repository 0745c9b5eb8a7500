# ipcos — build the kernel, the C library, the user programs and the boot image.
#
#   make            build everything (installs missing Debian packages first)
#   make qemu       boot to a shell            (CPUS=N, default 3)
#   make test       boot headless, run every test on 1 and on 4 harts
#   make bench      instructions per operation under -icount
#   make glibc      the glibc test image (build/initrd-glibc.cpio; make test builds it)
#   make fuzz       the random system-call fuzzer (SEED=, CALLS=, FUZZ_CPUS=)
#   make DEBUG=1 …  the same with the kernel's debug checks (kernel/include/debug.h),
#                   built into build-debug/ so the normal build/ stays as it is
#   make KPOISON=1  the same as DEBUG=1 (its kmalloc poisons freed objects)
#   make lab LAB=NAME [OUT=DIR]   a student tree for one lab (no LAB: list them)
#   make grade LAB=NAME [GRADE_JSON=FILE]   grade one lab
#   make labs-check [LAB=NAME]  every lab (or one): reference full marks, skeleton below
#
# Every user/*.c and tests/*.c is one program and becomes /bin/<name>;
# a folder user/<name>/ holds more source files of program <name>.

CPUS    ?= 3
MEM     ?= 128M
CROSS   ?= riscv64-unknown-elf-
CC      := $(CROSS)gcc
LD      := $(CROSS)ld
AR      := $(CROSS)ar
OBJCOPY := $(CROSS)objcopy
OBJDUMP := $(CROSS)objdump
NM      := $(CROSS)nm
QEMU    := qemu-system-riscv64
OPENSBI := /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
B       := build
# KPOISON=1 (poisoned kmalloc objects) is part of the debug build now
ifeq ($(KPOISON),1)
  DEBUG := 1
endif
ifeq ($(DEBUG),1)
  B     := build-debug
endif
# tools/run and tools/test boot what is in $(BUILD)
export BUILD := $(B)

# Missing tools are installed once, by tools/setup, before anything is built.
GCROSS  := riscv64-linux-gnu-gcc
TOOLCHAIN_OK := $(shell command -v $(CC) >/dev/null && command -v $(QEMU) >/dev/null \
                  && test -f $(OPENSBI) && command -v gcc >/dev/null \
                  && command -v $(GCROSS) >/dev/null && test -f /usr/riscv64-linux-gnu/lib/libc.a \
                  && command -v gdb-multiarch >/dev/null \
                  && echo yes)
ifneq ($(TOOLCHAIN_OK),yes)
  $(info ipcos: some build tools are missing; running tools/setup)
  SETUP := $(shell tools/setup >&2 || echo failed)
  ifeq ($(SETUP),failed)
    $(error tools/setup could not install the toolchain)
  endif
endif

ARCH     := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany
COMMON   := $(ARCH) -O2 -g -Wall -Werror -ffreestanding -fno-common -fno-stack-protector \
            -fno-pie -fno-omit-frame-pointer -nostdinc -MD -MP
GCC_INC  := $(shell $(CC) -print-file-name=include 2>/dev/null)
LIBGCC   := $(shell $(CC) -march=rv64imac -mabi=lp64 -print-libgcc-file-name 2>/dev/null)

KCFLAGS  := $(COMMON) -mno-relax -Ikernel/include -isystem $(GCC_INC) -D__KERNEL__
ifeq ($(DEBUG),1)
  KCFLAGS += -DDEBUG
endif
# -MD, not -MMD: the library's headers are system headers to the programs, and a
# change to one must rebuild them
UCFLAGS  := $(filter-out -MMD,$(COMMON)) -MD -isystem lib/include -isystem $(GCC_INC) -ffunction-sections -fdata-sections
ULDFLAGS := -nostdlib -static -no-pie --gc-sections -e _start -Ttext=0x10000

K_SRCS   := $(shell find kernel -name '*.c' -o -name '*.S' | sort)
K_OBJS   := $(patsubst %,$(B)/%.o,$(K_SRCS))
LIB_SRCS := $(sort $(wildcard lib/*.c lib/*.S))
LIB_OBJS := $(patsubst %,$(B)/%.o,$(LIB_SRCS))
USER_PROGS := $(patsubst user/%.c,%,$(wildcard user/*.c))
TEST_PROGS := $(patsubst tests/%.c,%,$(wildcard tests/*.c))
BINS     := $(addprefix $(B)/root/bin/,$(USER_PROGS) $(TEST_PROGS))
# Tests are every tests/*.c except the benchmarks (bench_*.c), plus the
# user/ examples marked "// example:" (they run on the host too).
EXAMPLES := $(patsubst user/%.c,%,$(shell grep -l '^// example:' user/*.c 2>/dev/null))
TESTS    := $(sort $(filter-out bench_%,$(TEST_PROGS)) $(EXAMPLES))
# The portable ones (no "// ipcos-only:" near the top) also run as glibc programs.
IPCOS_ONLY := $(shell for f in tests/*.c; do head -n 30 $$f | grep -q '// ipcos-only:' && basename $$f .c; done)
GLIBC_TESTS := $(filter-out $(IPCOS_ONLY),$(TESTS))

# keep the unstripped programs
.PRECIOUS: $(B)/prog/%.elf $(B)/prog/%.o
.PHONY: all glibc qemu qemu-gdb test test-host test-faults fuzz bench clean FORCE lab grade labs-check
all: $(B)/kernel.bin $(B)/initrd.cpio

# ---- kernel ----
# The kernel is rebuilt whenever KCFLAGS change.
$(B)/kcflags: FORCE
	@mkdir -p $(@D)
	@echo '$(KCFLAGS)' | cmp -s - $@ || echo '$(KCFLAGS)' > $@
FORCE:
$(B)/kernel/%.c.o: kernel/%.c $(B)/kcflags
	@mkdir -p $(@D)
	$(CC) $(KCFLAGS) -c $< -o $@
$(B)/kernel/%.S.o: kernel/%.S $(B)/kcflags
	@mkdir -p $(@D)
	$(CC) $(KCFLAGS) -c $< -o $@
# The kernel carries its own symbol table, so a panic's backtrace names
# functions: link once with an empty table, generate the table of that
# kernel's functions (tools/kallsyms), link again with it.  The table sits
# after all text (linker.ld), so no function moves; tools/kallsyms --check
# proves it.  $(call klink,OUT,OBJECTS)
define klink
	$(LD) -nostdlib -T linker.ld -o $(1).nosyms $(2) $(B)/kallsyms-empty.o $(LIBGCC)
	tools/kallsyms $(NM) $(1).nosyms > $(1).kallsyms.S
	$(CC) $(KCFLAGS) -c $(1).kallsyms.S -o $(1).kallsyms.o
	$(LD) -nostdlib -T linker.ld -o $(1) $(2) $(1).kallsyms.o $(LIBGCC)
	tools/kallsyms --check $(NM) $(1).nosyms $(1)
endef
$(B)/kallsyms-empty.o: tools/kallsyms $(B)/kcflags
	tools/kallsyms $(NM) - > $(B)/kallsyms-empty.S
	$(CC) $(KCFLAGS) -c $(B)/kallsyms-empty.S -o $@
$(B)/kernel.elf: $(K_OBJS) $(B)/kallsyms-empty.o linker.ld tools/kallsyms
	$(call klink,$@,$(K_OBJS))
$(B)/kernel.bin: $(B)/kernel.elf
	$(OBJCOPY) -O binary $< $@
# make test's panic check (tools/test): the kernel with tests/kernel/panic.c,
# whose boot_test() panics on purpose once the kernel is up
$(B)/tests/kernel/%.c.o: tests/kernel/%.c $(B)/kcflags
	@mkdir -p $(@D)
	$(CC) $(KCFLAGS) -c $< -o $@
$(B)/kernel-panic.elf: $(K_OBJS) $(B)/tests/kernel/panic.c.o $(B)/kallsyms-empty.o linker.ld tools/kallsyms
	$(call klink,$@,$(K_OBJS) $(B)/tests/kernel/panic.c.o)
$(B)/kernel-panic.bin: $(B)/kernel-panic.elf
	$(OBJCOPY) -O binary $< $@

# ---- user C library ----
$(B)/lib/%.c.o: lib/%.c
	@mkdir -p $(@D)
	$(CC) $(UCFLAGS) -c $< -o $@
$(B)/lib/%.S.o: lib/%.S
	@mkdir -p $(@D)
	$(CC) $(UCFLAGS) -c $< -o $@
$(B)/libc.a: $(LIB_OBJS)
	rm -f $@; $(AR) rcs $@ $^

# ---- user programs: one C file, one program ----
$(B)/prog/%.o: user/%.c
	@mkdir -p $(@D)
	$(CC) $(UCFLAGS) -c $< -o $@
$(B)/prog/%.o: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(UCFLAGS) -c $< -o $@
# A program may have a folder too: user/NAME/*.c are linked into NAME
# (the shell's parts are in user/sh/), and are not programs themselves.
PROG_DIRS := $(patsubst user/%/,%,$(sort $(dir $(wildcard user/*/*.c))))
$(foreach d,$(PROG_DIRS),$(eval $(B)/prog/$(d).elf: \
    $(patsubst user/%.c,$(B)/prog/%.o,$(wildcard user/$(d)/*.c))))
# The image gets stripped copies; build/prog/NAME.elf keeps the symbols for gdb.
$(B)/prog/%.elf: $(B)/prog/%.o $(B)/libc.a
	$(LD) $(ULDFLAGS) -o $@ $(filter %.o,$^) $(B)/libc.a $(LIBGCC)
$(B)/root/bin/%: $(B)/prog/%.elf
	@mkdir -p $(@D)
	$(OBJCOPY) --strip-all $< $@

# ---- boot image: a cpio (newc) archive QEMU loads with -initrd ----
$(B)/mkcpio: tools/mkcpio.c
	@mkdir -p $(@D)
	gcc -O2 -Wall -Werror -o $@ $<
$(B)/root/etc/tests: Makefile $(wildcard tests/*.c) $(wildcard user/*.c)
	@mkdir -p $(@D)
	printf '%s\n' $(TESTS) > $@
# the case names the labs grade, for user/lab_forge (the grader's self-test)
$(B)/root/etc/lab_cases: $(wildcard labs/*/tests)
	@mkdir -p $(@D)
	cat /dev/null $^ | awk '$$1 !~ /^#/ && NF >= 4 { print $$4 }' | sort -u > $@
# rootfs/ holds the image's plain files (/etc/passwd, /etc/group), copied in as they are
$(B)/initrd.cpio: $(BINS) $(B)/root/etc/tests $(B)/root/etc/lab_cases $(B)/mkcpio $(shell find rootfs -type f)
	@mkdir -p $(B)/root/tmp
	cp -R rootfs/. $(B)/root/
	$(B)/mkcpio $(B)/root > $@

# ---- the glibc image: the portable tests as Debian's static glibc programs ----
# build/initrd-glibc.cpio is the default image with a second archive appended
# (the kernel unpacks both), holding /glibc/NAME for each portable test and
# the list /glibc/tests.  The default image and its memory use stay as they are.
# Each program's header dependencies (check.h and the other shared tests/*.h)
# come from gcc -MD, as the kernel's do, into $(B)/glibc-dep/ (not into
# glibc-root/, which is packed whole).  A program whose .d file is missing
# (never built so, or the file removed) is rebuilt: the empty rule "makes" it.
GLIBC_BINS := $(addprefix $(B)/glibc-root/glibc/,$(GLIBC_TESTS))
GLIBC_CFLAGS = -static -O2 -D_GNU_SOURCE -Wall -Werror -s -MD -MP -MT $@ -MF $(B)/glibc-dep/$*.d
$(B)/glibc-root/glibc/%: tests/%.c $(B)/glibc-dep/%.d
	@mkdir -p $(@D) $(B)/glibc-dep
	$(GCROSS) $(GLIBC_CFLAGS) -o $@ $< -lm
$(B)/glibc-root/glibc/%: user/%.c $(B)/glibc-dep/%.d
	@mkdir -p $(@D) $(B)/glibc-dep
	$(GCROSS) $(GLIBC_CFLAGS) -o $@ $< -lm
# (named one by one: a file only a pattern names would be intermediate, and a
# missing intermediate file rebuilds nothing)
$(patsubst %,$(B)/glibc-dep/%.d,$(GLIBC_TESTS)): ;
$(B)/glibc-root/glibc/tests: Makefile $(wildcard tests/*.c) $(wildcard user/*.c)
	@mkdir -p $(@D)
	printf '%s\n' $(GLIBC_TESTS) > $@
$(B)/glibc.cpio: $(GLIBC_BINS) $(B)/glibc-root/glibc/tests $(B)/mkcpio
	$(B)/mkcpio $(B)/glibc-root > $@
$(B)/initrd-glibc.cpio: $(B)/initrd.cpio $(B)/glibc.cpio
	cat $^ > $@
glibc: $(B)/kernel.bin $(B)/initrd-glibc.cpio

# ---- running ----
QEMU_ARGS = -machine virt -smp $(CPUS) -m $(MEM) -bios $(OPENSBI) \
            -kernel $(B)/kernel.bin -initrd $(B)/initrd.cpio
qemu: all
	$(QEMU) $(QEMU_ARGS) -nographic
# then, in another terminal: gdb-multiarch -x .gdbinit (tools/gdb/ipcos.gdb)
qemu-gdb: all
	@echo "ipcos: waiting for gdb on port 26000: in another terminal, gdb-multiarch -x .gdbinit"
	$(QEMU) $(QEMU_ARGS) -nographic -S -gdb tcp::26000
test: all glibc $(B)/kernel-panic.bin
	tools/test $(if $(filter 1,$(DEBUG)),--guest-only)
test-host:
	tools/test --host-only
test-faults: all
	tools/test --faults
# The random system-call fuzzer, long: make fuzz [SEED=n] [CALLS=n] [FUZZ_CPUS=n].
# On one hart it runs under -icount, where the same seed gives the same run.
# Booted with slub_debug=U: a leak it reports names the allocating callers.
FUZZ_CPUS ?= 4
CALLS     ?= 1000000
fuzz: all
	tools/run --smp $(FUZZ_CPUS) $(if $(filter 1,$(FUZZ_CPUS)),--icount) --timeout $$(( $(CALLS) / 500 + 600 )) --kargs slub_debug=U \
	    -- fuzz $(if $(SEED),-s $(SEED)) -n $(CALLS)
bench: all
	tools/bench

# ---- labs: labs/NAME/ (handout, graded tests), tools/lab, tools/grade ----
lab:
	@tools/lab $(if $(LAB),make $(LAB) $(OUT),list)
grade:
	@tools/grade $(if $(GRADE_JSON),--json $(GRADE_JSON)) $(LAB)
labs-check: all
	tools/labs-check $(LAB)
clean:
	rm -rf build build-debug

-include $(K_OBJS:.o=.d) $(LIB_OBJS:.o=.d) $(wildcard $(B)/prog/*.d $(B)/prog/*/*.d $(B)/glibc-dep/*.d)
