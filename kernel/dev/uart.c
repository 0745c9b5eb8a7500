/*
 * The 16550 UART of QEMU's virt machine (address and interrupt from the
 * device tree).  Output is polled, one byte at a time; input raises an
 * interrupt through the PLIC and goes to the console line discipline.
 */
#include "kernel.h"
#include "platform.h"
#include "riscv.h"
#include "fs.h"
#include "sbi.h"

#define RBR 0 /* receive buffer */
#define THR 0 /* transmit holding */
#define IER 1 /* interrupt enable */
#define FCR 2 /* FIFO control */
#define LCR 3 /* line control */
#define LSR 5 /* line status */
#define LSR_RX_READY 0x01
#define LSR_TX_EMPTY 0x20

static volatile u8 *uart;

static inline u8 reg_read(int r) { return uart[r]; }
static inline void reg_write(int r, u8 v) { uart[r] = v; }

void uart_init(void)
{
	uart = __va(platform.uart_base);
	reg_write(IER, 0);
	reg_write(FCR, 0x07); /* enable and clear FIFOs */
	reg_write(LCR, 0x03); /* 8N1 */
	reg_write(IER, 0x01); /* interrupt on received data */
}

static void uart_putc_raw(int c)
{
	if (!uart) {
		sbi_console_putchar(c);
		return;
	}
	while (!(reg_read(LSR) & LSR_TX_EMPTY))
		;
	reg_write(THR, c);
}

/* Console output turns "\n" into "\r\n", as a terminal expects. */
void console_putc(int c)
{
	if (c == '\n')
		uart_putc_raw('\r');
	uart_putc_raw(c);
}

void console_write(const char *s, size_t n)
{
	while (n--)
		console_putc(*s++);
}

void uart_intr(void)
{
	while (reg_read(LSR) & LSR_RX_READY)
		console_rx(reg_read(RBR));
}
