/*
 * binfmt_script.c - "#!" scripts for execve, as Linux's fs/binfmt_script.c.
 *
 * A file whose first two bytes are "#!" names its interpreter on that
 * first line: "#! INTERPRETER [ARGUMENT]".  Only the first BINPRM_BUF_SIZE
 * (256) bytes count.  Blanks are spaces and tabs; the interpreter ends at
 * the first blank, and everything after the blanks that follow it, up to
 * the end of the line less trailing blanks, is ONE argument ("#!/bin/sh -e
 * -x" passes "-e -x").  A line cut off by the 256-byte limit is fine as
 * long as the interpreter's name is not what was cut (else ENOEXEC), and
 * a line with no interpreter is ENOEXEC too.
 *
 * The program's argument list becomes
 *     INTERPRETER [ARGUMENT] FILE argv[1] ... argv[argc-1]
 * where FILE is the name the script was executed by: argv[0] is dropped.
 * The interpreter may itself be a script; exec gives up with ELOOP when
 * a sixth file in a row turns out to be a script (Linux's exec_binprm
 * allows depths 0 to 5).
 *
 * This file only parses; exec.c loops over the chain (trying each file
 * as ELF first, and this only when that gives ENOEXEC) and builds the
 * stack with script_args in front of the caller's argv.
 */
#include "kernel.h"
#include "fs.h"
#include "proc.h"
#include "mm.h"

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Copy s[0..n) into the args' string page; returns the copy. */
static const char *keep(struct script_args *sa, const char *s, size_t n)
{
	char *d = sa->buf + sa->used;

	memcpy(d, s, n);
	d[n] = 0;
	sa->used += n + 1;
	return d;
}

/*
 * The argument list's new head: drop argv[0] (the first string in front,
 * else the caller's own), then put "name [arg] file" in front.
 */
static void splice(struct script_args *sa, const char *name, const char *arg, const char *file)
{
	const char *head[3];
	int k = 0;

	if (sa->n > 0) {
		memmove(sa->v, sa->v + 1, (sa->n - 1) * sizeof(sa->v[0]));
		sa->n--;
	} else {
		sa->skip_argv0 = true;
	}
	head[k++] = name;
	if (arg)
		head[k++] = arg;
	head[k++] = file;
	memmove(sa->v + k, sa->v, sa->n * sizeof(sa->v[0]));
	memcpy(sa->v, head, k * sizeof(head[0]));
	sa->n += k;
	sa->v[sa->n] = NULL;    /* (at most 3 + 2 * SCRIPT_MAX_DEPTH strings) */
	sa->interp = name;
}

/*
 * Is ip (executed by the name file) a script?  0 if not (the caller tries
 * ELF), 1 if it is: then sa has the new argument list's head and
 * sa->interp the interpreter to execute next.  -ENOEXEC for a "#!" line
 * that names no interpreter, -ENOMEM.
 */
int script_check(struct inode *ip, const char *file, struct script_args *sa)
{
	char buf[BINPRM_BUF_SIZE];
	u64 n = MIN(ip->size, (u64)sizeof(buf)); /* unlocked: a race only makes the read fail */
	const char *end, *name, *arg = NULL, *sep;

	memset(buf, 0, sizeof(buf));
	if (n < 2 || inode_read_kernel(ip, 0, buf, n) || buf[0] != '#' || buf[1] != '!')
		return 0;
	for (end = buf; end < buf + sizeof(buf) && *end != '\n'; end++)
		;
	if (end == buf + sizeof(buf)) {
		/* no newline: an argument may be cut short, but not the name */
		const char *p = buf + 2, *last = buf + sizeof(buf) - 1;
		while (p <= last && blank(*p))
			p++;
		while (p <= last && *p && !blank(*p))
			p++;
		if (p > last)
			return -ENOEXEC;
		end = last;
	}
	while (end > buf + 2 && blank(end[-1]))
		end--;
	for (name = buf + 2; name < end && blank(*name); name++)
		;
	if (name == end)
		return -ENOEXEC;                /* no interpreter named */
	for (sep = name; sep < end && *sep && !blank(*sep); sep++)
		;
	if (sep < end && *sep) {
		for (arg = sep; arg < end && blank(*arg); arg++)
			;
		if (arg == end)
			arg = NULL;
	}
	if (!sa->buf && !(sa->buf = alloc_page()))
		return -ENOMEM;
	splice(sa, keep(sa, name, sep - name), arg ? keep(sa, arg, end - arg) : NULL, file);
	return 1;
}
