/* SPDX-License-Identifier: GPL-2.0 */
/*
 * expect.h - shared by the test programs: write the line tracee must print
 * for a call ("[@PID ]EVENT RET ARGS") to `out`, and a call's result the
 * way the kernel returns it.
 */
#ifndef TRACEE_TEST_EXPECT_H
#define TRACEE_TEST_EXPECT_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

static FILE *out;

static void __attribute__((format(printf, 1, 2), unused)) expect(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
	fputc('\n', out);
	fflush(out);
}

/* A syscall's result the way the kernel returns it: -errno on failure. */
static long sys(long r)
{
	return r < 0 ? -errno : r;
}

#endif
