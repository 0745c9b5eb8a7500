/*
 * Unpack the initrd, a cpio "newc" archive QEMU loads next to the kernel,
 * into the RAM filesystem.  Each entry: a 110-byte ASCII header ("070701" and
 * 13 eight-digit hex fields), the NUL-terminated name, the data; name and data
 * are padded to 4 bytes.  An archive ends with an entry named "TRAILER!!!";
 * as with Linux's initramfs, another archive may follow (after zero
 * padding), and its files are added too: the glibc test image is the
 * default image with a second archive appended.
 */
#include "kernel.h"
#include "fs.h"
#include "mm.h"

void free_boot_range(paddr_t start, paddr_t end);

static u64 hex8(const char *s)
{
	u64 v = 0;

	for (int i = 0; i < 8; i++) {
		char c = s[i];
		v = v * 16 + (c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0');
	}
	return v;
}

void initrd_unpack(paddr_t start, paddr_t end)
{
	const char *p = __va(start), *limit = __va(end);
	char path[PATH_MAX];
	int files = 0;

	while (p + 110 <= limit && !memcmp(p, "070701", 6)) {
		u32 mode = hex8(p + 14);
		u64 size = hex8(p + 54), namesize = hex8(p + 94);
		const char *name = p + 110;
		const char *data = (const char *)ALIGN_UP((u64)(name + namesize), 4);

		if (name + namesize > limit || data + size > limit)
			break;
		if (!strcmp(name, "TRAILER!!!")) {
			/* the next archive, if any, starts after zero padding */
			p = (const char *)ALIGN_UP((u64)(data + size), 4);
			while (p < limit && !*p)
				p++;
			continue;
		}
		while (name[0] == '.' && name[1] == '/')
			name += 2;
		if (strcmp(name, ".") && name[0]) {
			snprintk(path, sizeof(path), "/%s", name);
			if (S_ISDIR(mode) || S_ISREG(mode)) {
				int err = ramfs_create_path(path, mode, data, size);
				if (err)
					printk("initrd: %s: error %d\n", path, err);
				files++;
			}
		}
		p = (const char *)ALIGN_UP((u64)(data + size), 4);
	}
	if (!files)
		panic("initrd: no files (is QEMU given -initrd?)");
	free_boot_range(start, end);
}
