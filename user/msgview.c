/*
 * msgview: draw a message queue as the kernel holds it, from
 * /proc/sysvipc/msg_queue/ID: each message's msg_msg header with the
 * text it holds in its own block, then its msg_msgseg chain, and the
 * receivers and senders asleep on the queue with what they wait for.
 *
 *   msgview MSQID
 *
 *   msg_queue 0 (key 0x00001234): 1 message, 8192 of 16384 bytes
 *   q_messages:
 *     [msg_msg] m_type 1, m_ts 8192 bytes, in 3 blocks
 *        header block: 4056 bytes of text (DATALEN_MSG)
 *        -> msg_msgseg 1: 4088 bytes (DATALEN_SEG)
 *        -> msg_msgseg 2: 48 bytes
 *   q_receivers:
 *     pid 7 waits for a message of type 5 (equal), at most 100 bytes
 *   q_senders: none
 */
#include "ipcview.h"

static const char *wants(const char *mode)
{
    return !strcmp(mode, "any") ? "any type" : !strcmp(mode, "equal") ? "type =" :
           !strcmp(mode, "notequal") ? "type !=" : "lowest type <=";
}

static void message(const char *line, long dmsg, long dseg)
{
    long ts = view_num(line, "m_ts"), segs = view_num(line, "msg_msgseg");
    const char *chain = strstr(line, "msg_msgseg=");

    printf("  [msg_msg] m_type %ld, m_ts %ld bytes, in %ld block%s\n", view_num(line, "m_type"), ts, segs + 1,
           segs ? "s" : "");
    printf("     header block: %ld bytes of text%s\n", view_num(line, "text"), ts >= dmsg ? " (DATALEN_MSG)" : "");
    chain = chain ? strchr(chain, ' ') : NULL;
    for (long i = 1; chain && *chain; i++) {
        long n = strtol(chain, (char **)&chain, 10);
        printf("     -> msg_msgseg %ld: %ld bytes%s\n", i, n, n == dseg ? " (DATALEN_SEG)" : "");
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: msgview MSQID\n");
        return 2;
    }
    char *pos = view_read("msgview", "msg_queue", argv[1]), *line;
    long dmsg = 0, dseg = 0;
    int receivers = 0, senders = 0;

    while ((line = view_line(&pos))) {
        if (view_is(line, "msg_queue")) {
            long n = view_num(line, "q_qnum");
            dmsg = view_num(line, "DATALEN_MSG");
            dseg = view_num(line, "DATALEN_SEG");
            printf("msg_queue %s (key %s): %ld message%s, %ld of %ld bytes\n", view_str(line, "id"),
                   view_str(line, "key"), n, n == 1 ? "" : "s", view_num(line, "q_cbytes"),
                   view_num(line, "q_qbytes"));
            printf("q_messages:%s\n", n ? "" : " none");
        } else if (view_is(line, "msg_msg")) {
            message(line, dmsg, dseg);
        } else if (view_is(line, "msg_receiver")) {
            if (!receivers++)
                printf("q_receivers:\n");
            printf("  pid %s waits for a message of %s", view_str(line, "pid"), wants(view_str(line, "r_mode")));
            if (strcmp(view_str(line, "r_mode"), "any"))
                printf(" %s", view_str(line, "r_msgtype"));
            printf(", at most %s bytes\n", view_str(line, "r_maxsize"));
        } else if (view_is(line, "msg_sender")) {
            if (!senders++)
                printf("%sq_senders:\n", receivers ? "" : "q_receivers: none\n");
            printf("  pid %s waits for room for %s bytes\n", view_str(line, "pid"), view_str(line, "msgsz"));
        }
    }
    if (!receivers && !senders)
        printf("q_receivers: none\n");
    if (!senders)
        printf("q_senders: none\n");
    return 0;
}
