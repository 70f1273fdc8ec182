// SPDX-License-Identifier: GPL-2.0
#include "arena.h"

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdlib.h>

#define BLOCK (256 * 1024)

struct block {
	struct block *next;
	size_t used, size;
	max_align_t data[];
};

static struct block *head; /* current block; older ones follow */
static int active;

static void *arena_alloc(size_t n)
{
	struct block *b = head;
	size_t need = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);

	if (!b || b->size - b->used < need) {
		size_t size = need > BLOCK ? need : BLOCK;
		b = malloc(sizeof(*b) + size);
		if (!b)
			return NULL;
		b->used = 0;
		b->size = size;
		b->next = head;
		head = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += need;
	return p;
}

static void arena_free(void *p)
{
	(void)p; /* freed in bulk by arena__reset */
}

void arena__use_for_cjson(void)
{
	cJSON_Hooks hooks = { arena_alloc, arena_free };
	cJSON_InitHooks(&hooks);
	active = 1;
}

void arena__reset(void)
{
	/* keep the newest block for the next event, free the rest */
	if (!head)
		return;
	struct block *b = head->next;
	while (b) {
		struct block *n = b->next;
		free(b);
		b = n;
	}
	head->next = NULL;
	head->used = 0;
}

int arena__active(void)
{
	return active;
}
