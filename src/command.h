/* SPDX-License-Identifier: GPL-2.0 */
/*
 * command.h - `tracee -- COMMAND`: the command, started by tracee and held
 * before its exec until it is followed, so that nothing it does escapes;
 * then let go, and waited for.
 *
 * command__start forks. The child becomes the user (-u), finds the
 * program, and waits on a pipe: every call it makes before that is
 * tracee's own. Once its pid is in the traced set and the probes are
 * attached, command__release lets it exec: its execve is its first
 * event, and nothing runs between the pipe's read and the exec.
 *
 * The child stays in tracee's process group, which is the terminal's
 * foreground group when a shell started tracee there: Ctrl-C reaches it
 * as it would without tracee.
 */
#ifndef TRACEE_COMMAND_H
#define TRACEE_COMMAND_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The environment variables a command run as another user does not get
 * from tracee: they lead to root's own session and credentials. */
extern const char *const command_private_env[];

struct command {
	pid_t pid;        /* the child; 0 before it is started */
	int go_fd;        /* a byte lets it exec; closing it without one, exit */
	int report_fd;    /* what it says: ready, or why it cannot run */
	bool released;    /* let go: it execs (or has) */
	bool ended;       /* reaped: `status` is its wait status */
	int status;
	char **envp;      /* its environment (with -u), NULL: tracee's */
	const char *name; /* argv[0], for messages */
	char path[4096];  /* the program found */
};

/* The user a command runs as (-u NAME or -u UID): its ids, groups and
 * passwd entry, looked up before anything is forked. */
struct command_user {
	bool set;
	uid_t uid;
	gid_t gid;
	gid_t groups[256];
	int ngroups;
	char name[256], home[1024], shell[1024];
};

/* Look USER up. Returns 0, or -ENOENT with `err` (no such user). */
int command__user(const char *user, struct command_user *u, char *err, size_t errlen);

/* Fork the child, which becomes `u` (if set), finds argv[0] (in PATH
 * unless it holds a /) and waits to be let go. Returns 0 once it waits,
 * or -errno with `err`: it could not become the user or find the
 * program; *exit_code is then what a shell would exit with (127: not
 * found, 126: not executable, 1: anything else). */
int command__start(struct command *c, char *const *argv, const struct command_user *u,
		   char *err, size_t errlen, int *exit_code);

/* Let it exec, and wait until it has: returns 0, or -errno with `err`
 * when the exec failed (the child then exits 127 or 126, as a shell). */
int command__release(struct command *c, char *err, size_t errlen);

/* Has it ended? Reaps it when it has (without waiting). */
bool command__ended(struct command *c);

/* Wait for its end; returns false when `*interrupted` is set first. */
bool command__wait(struct command *c, volatile sig_atomic_t *interrupted);

/* Its exit status as a shell gives it: the status, or 128 + the signal. */
int command__exit_code(const struct command *c);

/* Not let go (tracee could not start tracing): it ends without running,
 * and is reaped. Safe to call on a command already released or ended. */
void command__abandon(struct command *c);

/* Close what is left (the pipes, the environment). */
void command__free(struct command *c);

#endif
