/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arena.h - a bump allocator for cJSON. Building one event's JSON takes
 * dozens of small allocations that all die together when the line is
 * printed; with cJSON's allocation hooks pointed here they cost a pointer
 * bump, and arena__reset() frees them all at once.
 */
#ifndef TRACEE_ARENA_H
#define TRACEE_ARENA_H

/* Route cJSON's allocations to the arena (once, at start). */
void arena__use_for_cjson(void);
/* Forget everything allocated since the last reset. */
void arena__reset(void);
/* Whether cJSON allocates here (then trees need no cJSON_Delete). */
int arena__active(void);

#endif
