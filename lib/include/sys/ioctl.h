/*
 * sys/ioctl.h - device control.  The console answers TCGETS (isatty),
 * TIOCGPGRP/TIOCSPGRP (the foreground process group) and TIOCGWINSZ;
 * anything else, or any other file, gives ENOTTY.
 */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#define TCGETS      0x5401
#define TIOCGPGRP   0x540F
#define TIOCSPGRP   0x5410
#define TIOCGWINSZ  0x5413

struct winsize {
    unsigned short ws_row;
    unsigned short ws_col;
    unsigned short ws_xpixel;
    unsigned short ws_ypixel;
};

int ioctl(int fd, unsigned long request, ...);

#endif
