/*
 * shmview: draw a shared memory segment as the kernel holds it, from
 * /proc/sysvipc/shm_segment/ID: its size and pages present, then every
 * attachment -- which process, at which addresses, with what protection.
 *
 *   shmview SHMID
 *
 *   shmid_kernel 0 (key 0x00005678): 10000 bytes in 3 pages (2 present), 2 attachments
 *     pid 12 at 0x3fff7f6000-0x3fff7f9000 rw-
 *     pid 12 at 0x3fff7f2000-0x3fff7f5000 r--
 */
#include "ipcview.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: shmview SHMID\n");
        return 2;
    }
    char *pos = view_read("shmview", "shm_segment", argv[1]), *line;
    int attaches = 0;

    while ((line = view_line(&pos))) {
        if (view_is(line, "shmid_kernel")) {
            long n = view_num(line, "shm_nattch");
            printf("shmid_kernel %s (key %s): %ld bytes in %ld pages (%ld present), %ld attachment%s%s\n",
                   view_str(line, "id"), view_str(line, "key"), view_num(line, "shm_segsz"),
                   view_num(line, "pages"), view_num(line, "nrpages"), n, n == 1 ? "" : "s",
                   strstr(line, " dest") ? ", removed (goes with the last detach)" : "");
        } else if (view_is(line, "attach")) {
            attaches++;
            printf("  pid %s at %s-%s %s\n", view_str(line, "pid"), view_str(line, "start"), view_str(line, "end"),
                   view_str(line, "prot"));
        }
    }
    if (!attaches)
        printf("  no attachments\n");
    return 0;
}
