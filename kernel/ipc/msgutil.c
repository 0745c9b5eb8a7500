/*
 * Messages as Linux stores them: a struct msg_msg heads a block of at most
 * one page that holds the first DATALEN_MSG bytes of text; longer texts
 * continue in a chain of struct msg_msgseg blocks, DATALEN_SEG bytes each.
 * A block is only as big as its text needs (kmalloc for small ones, a page
 * otherwise), so a queue of tiny messages costs little memory.  With the
 * default MSGMAX of 8192 a message is at most three pages.
 *
 * load_msg copies the text in from user space before any lock is taken;
 * store_msg copies it out after the queue lock is dropped; copy_msg copies
 * one message into another (MSG_COPY), under the queue lock.  msgsnd and
 * msgrcv move a user's whole msgbuf with load_msgbuf and store_msgbuf: the
 * type is the header's last field, right before the text as in the msgbuf,
 * so a text that fits the first block moves with its type in one copy.
 */
#include "kernel.h"
#include "ipc.h"
#include "mm.h"

/* A block of size bytes: a small object, or a whole page. */
static void *block_alloc(size_t size)
{
	return size <= KMALLOC_MAX ? kmalloc(size) : alloc_page();
}

static void block_free(void *p, size_t size)
{
	if (size <= KMALLOC_MAX)
		kfree(p);
	else
		put_page(p);
}

/* Free msg's block and its chain of segments (each as big as its part of m_ts). */
void free_msg(struct msg_msg *msg)
{
	/* LAB msgseg: BEGIN */
	struct msg_msgseg *seg = msg->next;
	size_t left = msg->m_ts - MIN(msg->m_ts, DATALEN_MSG);

	block_free(msg, sizeof(*msg) + MIN(msg->m_ts, DATALEN_MSG));
	while (seg) {
		struct msg_msgseg *next = seg->next;
		size_t chunk = MIN(left, DATALEN_SEG);
		block_free(seg, sizeof(*seg) + chunk);
		left -= chunk;
		seg = next;
	}
	/* LAB msgseg: SKELETON */
//	/*
//	 * Lab msgseg: free the msg_msg block, then every msg_msgseg of the
//	 * chain, each with the size it was allocated with: the head holds
//	 * MIN(m_ts, DATALEN_MSG) bytes of text, each segment DATALEN_SEG or
//	 * what is left.  For now messages have no chain.
//	 */
//	block_free(msg, sizeof(*msg) + MIN(msg->m_ts, DATALEN_MSG));
	/* LAB msgseg: END */
}

/* A new message holding len bytes from user address src; NULL with *err set. */
struct msg_msg *load_msg(uaddr_t src, size_t len, int *err)
{
	/* LAB msgseg: BEGIN */
	size_t chunk = MIN(len, DATALEN_MSG);
	struct msg_msg *msg = block_alloc(sizeof(*msg) + chunk);
	struct msg_msgseg **link;

	if (!msg) {
		*err = -ENOMEM;
		return NULL;
	}
	msg->next = NULL;
	msg->m_ts = len;
	if (copyin(msg + 1, src, chunk))
		goto out_fault;
	link = &msg->next;
	for (size_t done = chunk; done < len; done += chunk) {
		struct msg_msgseg *seg;
		chunk = MIN(len - done, DATALEN_SEG);
		if (!(seg = block_alloc(sizeof(*seg) + chunk))) {
			free_msg(msg);
			*err = -ENOMEM;
			return NULL;
		}
		seg->next = NULL;
		*link = seg;
		link = &seg->next;
		if (copyin(seg + 1, src + done, chunk))
			goto out_fault;
	}
	return msg;

out_fault:
	free_msg(msg);
	*err = -EFAULT;
	return NULL;
	/* LAB msgseg: SKELETON */
//	/*
//	 * Lab msgseg: allocate the msg_msg block for the first DATALEN_MSG
//	 * bytes (block_alloc, sized to its part of the text) and copy them in;
//	 * then, while text is left, a msg_msgseg block for the next
//	 * DATALEN_SEG bytes, linked at the end of the chain, and copy those.
//	 * Set m_ts and every next pointer as soon as the block exists, so
//	 * that free_msg can clean up at any point: a failed allocation is
//	 * -ENOMEM, a failed copyin -EFAULT, and either frees all that was
//	 * built.  For now only texts that fit in the msg_msg block.
//	 */
//	struct msg_msg *msg;
//
//	if (len > DATALEN_MSG) {
//		*err = -ENOSYS;
//		return NULL;
//	}
//	if (!(msg = block_alloc(sizeof(*msg) + len))) {
//		*err = -ENOMEM;
//		return NULL;
//	}
//	msg->next = NULL;
//	msg->m_ts = len;
//	if (copyin(msg + 1, src, len)) {
//		free_msg(msg);
//		*err = -EFAULT;
//		return NULL;
//	}
//	return msg;
	/* LAB msgseg: END */
}

/* Copy the first len bytes of the text to user address dest. */
int store_msg(uaddr_t dest, struct msg_msg *msg, size_t len)
{
	/* LAB msgseg: BEGIN */
	size_t chunk = MIN(len, DATALEN_MSG);
	struct msg_msgseg *seg;

	if (copyout(dest, msg + 1, chunk))
		return -EFAULT;
	for (seg = msg->next, len -= chunk; len; seg = seg->next, len -= chunk) {
		dest += chunk;
		chunk = MIN(len, DATALEN_SEG);
		if (copyout(dest, seg + 1, chunk))
			return -EFAULT;
	}
	return 0;
	/* LAB msgseg: SKELETON */
//	/*
//	 * Lab msgseg: copy the first len bytes of the text out to dest: the
//	 * part in the msg_msg block, then segment by segment, the last one
//	 * perhaps only in part; -EFAULT if a copyout fails.  For now only the
//	 * msg_msg block's part.
//	 */
//	return copyout(dest, msg + 1, MIN(len, DATALEN_MSG)) ? -EFAULT : 0;
	/* LAB msgseg: END */
}

/*
 * msgsnd's message: the type and len bytes of text of the user's msgbuf at
 * msgp; NULL with *err set (the caller tells an unreadable type apart).
 */
struct msg_msg *load_msgbuf(uaddr_t msgp, size_t len, int *err)
{
	struct msg_msg *msg;
	long mtype;

	if (len > DATALEN_MSG) { /* a chain: load_msg's, the type on its own */
		if (copyin(&mtype, msgp, sizeof(long))) {
			*err = -EFAULT;
			return NULL;
		}
		if ((msg = load_msg(msgp + sizeof(long), len, err)))
			msg->m_type = mtype;
		return msg;
	}
	if (!(msg = block_alloc(sizeof(*msg) + len))) {
		*err = -ENOMEM;
		return NULL;
	}
	msg->next = NULL;
	msg->m_ts = len;
	if (copyin(&msg->m_type, msgp, sizeof(long) + len)) {
		free_msg(msg);
		*err = -EFAULT;
		return NULL;
	}
	return msg;
}

/* msgrcv's copy out: the type and the first len bytes of the text to the user's msgbuf at msgp. */
int store_msgbuf(uaddr_t msgp, struct msg_msg *msg, size_t len)
{
	if (len <= DATALEN_MSG)
		return copyout(msgp, &msg->m_type, sizeof(long) + len) ? -EFAULT : 0;
	if (copyout(msgp, &msg->m_type, sizeof(long)))
		return -EFAULT;
	return store_msg(msgp + sizeof(long), msg, len);
}

/*
 * MSG_COPY: copy src's type, length and text into dst, a message made at
 * least as long; -EINVAL if src is longer, as Linux's copy_msg.  Before
 * free_msg(dst), the caller puts back dst's own length, which says how its
 * blocks were allocated.
 */
int copy_msg(struct msg_msg *src, struct msg_msg *dst)
{
	struct msg_msgseg *s = src->next, *d = dst->next;
	size_t len = src->m_ts, chunk = MIN(len, DATALEN_MSG);

	if (src->m_ts > dst->m_ts)
		return -EINVAL;
	memcpy(dst + 1, src + 1, chunk);
	for (len -= chunk; len; len -= chunk, s = s->next, d = d->next) {
		chunk = MIN(len, DATALEN_SEG);
		memcpy(d + 1, s + 1, chunk);
	}
	dst->m_type = src->m_type;
	dst->m_ts = src->m_ts;
	return 0;
}
