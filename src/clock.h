/* SPDX-License-Identifier: GPL-2.0 */
/*
 * clock.h - the clocks tracee reads: seconds on the monotonic clock (what
 * the probes' timestamps count, from boot), for timing its own steps, and
 * the offset that turns those timestamps into wall-clock time.
 */
#ifndef TRACEE_CLOCK_H
#define TRACEE_CLOCK_H

#include <stdint.h>
#include <time.h>

/* Seconds since boot (CLOCK_MONOTONIC). */
static inline double clock__now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Nanoseconds to add to a monotonic timestamp for the time of day. */
static inline int64_t clock__boot_to_epoch_ns(void)
{
	struct timespec mono, real;
	clock_gettime(CLOCK_MONOTONIC, &mono);
	clock_gettime(CLOCK_REALTIME, &real);
	return ((int64_t)real.tv_sec - mono.tv_sec) * 1000000000ll +
	       ((int64_t)real.tv_nsec - mono.tv_nsec);
}

#endif
