/*
 * /proc/sys/kernel's System V IPC files (Linux's ipc/ipc_sysctl.c): msgmax,
 * msgmnb, msgmni, sem (semmsl, semmns, semopm, semmni, tab-separated),
 * shmmax, shmall, shmmni and msg_next_id, sem_next_id, shm_next_id, each
 * backed by the ipc_namespace.  Everyone may read them, root may write
 * them (fs/procfs.c checks that at open).  What a write changes takes
 * effect at once: msgsnd checks msgmax, a new queue gets msgmnb, *get
 * counts against *mni, and the next object of a kind takes *_next_id as its
 * id, which then reads -1 again.
 *
 * Reading and writing follow Linux's proc_dointvec and
 * proc_doulongvec_minmax: a read gives the values and a newline, and a
 * read at a non-zero offset gives nothing (so a short read is cut short);
 * a write parses whitespace-separated numbers (decimal, 0x hex, 0 octal,
 * "-" for ints), each followed by whitespace or the end, into the values
 * in order; a number out of its range is EINVAL, nothing to parse is
 * EINVAL; a write at a non-zero offset is ignored.  Values before a bad one
 * stay written, as on Linux.
 *
 * Locking: the limits are plain ints and u64s read without a lock, as
 * Linux reads them; a *_next_id is read and written under its ids->lock.
 */
#include "kernel.h"
#include "ipc.h"
#include "fs.h"

enum { INTS, ULONGS };

struct ipc_sysctl {
	const char *name;
	int kind;              /* INTS or ULONGS */
	int n;                 /* values */
	void *data;
	long min, max;         /* INTS: each value's range */
	struct ipc_ids *ids;   /* *_next_id: the table whose lock guards it */
};

#define NS init_ipc_ns
static const struct ipc_sysctl table[IPC_SYSCTLS] = {
	{ "msgmax", INTS, 1, &NS.msg_ctlmax, 0, INT_MAX, NULL },
	{ "msgmnb", INTS, 1, &NS.msg_ctlmnb, 0, INT_MAX, NULL },
	{ "msgmni", INTS, 1, &NS.msg_ctlmni, 0, IPCMNI, NULL },
	{ "sem", INTS, 4, NS.sem_ctls, INT_MIN, INT_MAX, NULL },
	{ "shmmax", ULONGS, 1, &NS.shm_ctlmax, 0, 0, NULL },
	{ "shmall", ULONGS, 1, &NS.shm_ctlall, 0, 0, NULL },
	{ "shmmni", INTS, 1, &NS.shm_ctlmni, 0, IPCMNI, NULL },
	{ "msg_next_id", INTS, 1, &NS.ids[IPC_MSG_IDS].next_id, 0, INT_MAX, &NS.ids[IPC_MSG_IDS] },
	{ "sem_next_id", INTS, 1, &NS.ids[IPC_SEM_IDS].next_id, 0, INT_MAX, &NS.ids[IPC_SEM_IDS] },
	{ "shm_next_id", INTS, 1, &NS.ids[IPC_SHM_IDS].next_id, 0, INT_MAX, &NS.ids[IPC_SHM_IDS] },
};

const char *ipc_sysctl_name(int i)
{
	return table[i].name;
}

/* The values, tab-separated, and a newline. */
void ipc_sysctl_show(int i, struct seq *s)
{
	const struct ipc_sysctl *t = &table[i];

	if (t->ids)
		acquire(&t->ids->lock);
	for (int v = 0; v < t->n; v++) {
		if (t->kind == INTS)
			seq_printf(s, "%s%d", v ? "\t" : "", READ_ONCE(((int *)t->data)[v]));
		else
			seq_printf(s, "%s%lu", v ? "\t" : "", READ_ONCE(((u64 *)t->data)[v]));
	}
	if (t->ids)
		release(&t->ids->lock);
	seq_printf(s, "\n");
}

static bool is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return 99;
}

/*
 * One number at *p, before end (Linux's proc_get_long): an optional "-",
 * then a digit, then the number in base 0 (0x hex, 0 octal, else decimal)
 * that must not overflow, be 21 characters long, or be followed by
 * anything but a space, tab or newline.  0 or -EINVAL.
 */
static int get_long(const char **p, const char *end, u64 *val, bool *neg)
{
	const char *q = *p, *lim = *p + MIN(end - *p, 21);
	u64 v = 0;
	int base = 10;

	*neg = *q == '-' && end - q > 1;
	q += *neg;
	if (q >= lim || *q < '0' || *q > '9')
		return -EINVAL;
	if (*q == '0')
		base = q + 2 < lim && (q[1] | 0x20) == 'x' && digit_value(q[2]) < 16 ? 16 : 8;
	if (base == 16)
		q += 2;
	for (; q < lim && digit_value(*q) < base; q++) {
		if (v > (~0UL - digit_value(*q)) / base)
			return -EINVAL; /* overflow */
		v = v * base + digit_value(*q);
	}
	if (q - *p == 21 || (q < end && *q != ' ' && *q != '\t' && *q != '\n'))
		return -EINVAL;
	*val = v;
	*p = q;
	return 0;
}

/* Store value v of entry t (neg: it was negative); -EINVAL out of range, as Linux's conv. */
static int store(const struct ipc_sysctl *t, int v, u64 val, bool neg)
{
	long x;

	if (t->kind == ULONGS) {
		if (neg)
			return -EINVAL;
		WRITE_ONCE(((u64 *)t->data)[v], val);
		return 0;
	}
	if (val > (u64)INT_MAX + neg)
		return -EINVAL;
	x = neg ? -(long)val : (long)val;
	if (x < t->min || x > t->max)
		return -EINVAL;
	WRITE_ONCE(((int *)t->data)[v], (int)x);
	return 0;
}

/* Parse buf[0..len) into entry t's values: bytes taken, or -EINVAL. */
static long parse_values(const struct ipc_sysctl *t, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	bool first = true, neg;
	int err = 0;
	u64 val;

	for (int v = 0; v < t->n; v++, first = false) {
		while (p < end && is_space(*p))
			p++;
		if (p == end)
			break;
		if ((err = get_long(&p, end, &val, &neg)) || (err = store(t, v, val, neg)))
			break;
	}
	if (first)
		return err ? err : -EINVAL;
	if (err)
		return err;
	while (p < end && is_space(*p))
		p++;
	return p - buf;
}

/*
 * A write of len bytes (at offset 0) to file i: the bytes taken, or an
 * error.  sem's semmni must be within [0, IPCMNI], else it keeps its old
 * value and the write fails with ERANGE (Linux's sem_check_semmni).
 */
long ipc_sysctl_write(int i, const char *buf, size_t len)
{
	const struct ipc_sysctl *t = &table[i];
	int semmni = init_ipc_ns.sc_semmni;
	long ret;

	if (!len)
		return 0;
	if (t->ids)
		acquire(&t->ids->lock);
	ret = parse_values(t, buf, len);
	if (t->ids)
		release(&t->ids->lock);
	if (t->data == init_ipc_ns.sem_ctls) {
		if (ret >= 0 && (init_ipc_ns.sc_semmni < 0 || init_ipc_ns.sc_semmni > IPCMNI))
			ret = -ERANGE;
		if (ret < 0)
			init_ipc_ns.sc_semmni = semmni;
	}
	return ret;
}
