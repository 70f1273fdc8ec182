// SPDX-License-Identifier: GPL-2.0
/*
 * command.c - the command tracee runs (see command.h).
 */
#define _GNU_SOURCE
#include "command.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "strbuf.h"

extern char **environ;

const char *const command_private_env[] = {
	"SSH_AUTH_SOCK",   /* root's ssh agent */
	"SSH_AGENT_PID",
	"GPG_AGENT_INFO",  /* root's gpg agent */
	"XAUTHORITY",      /* root's X11 cookie */
	"KRB5CCNAME",      /* root's Kerberos tickets */
	"DBUS_SESSION_BUS_ADDRESS", /* root's session bus */
	"XDG_RUNTIME_DIR", /* root's runtime directory */
	"MAIL",            /* root's mailbox (USER's is not known here) */
	NULL,
};

/* What the child tells the parent, through a pipe closed on exec. */
enum stage { STAGE_READY = 1, STAGE_USER, STAGE_FIND, STAGE_EXEC };
struct report {
	int stage;
	int err;
};

int command__user(const char *user, struct command_user *u, char *err, size_t errlen)
{
	struct passwd *pw;
	char *end;
	unsigned long id;
	int n;

	memset(u, 0, sizeof(*u));
	errno = 0;
	pw = getpwnam(user);
	if (!pw) {
		errno = 0;
		id = strtoul(user, &end, 10);
		if (!errno && end != user && !*end && id < UINT_MAX)
			pw = getpwuid((uid_t)id);
	}
	if (!pw) {
		errf(err, errlen, "unknown user '%s' (no such name or uid in the password database)",
		     user);
		return -ENOENT;
	}
	u->set = true;
	u->uid = pw->pw_uid;
	u->gid = pw->pw_gid;
	snprintf(u->name, sizeof(u->name), "%s", pw->pw_name);
	snprintf(u->home, sizeof(u->home), "%s", pw->pw_dir ? pw->pw_dir : "/");
	snprintf(u->shell, sizeof(u->shell), "%s", pw->pw_shell && *pw->pw_shell ? pw->pw_shell
										: "/bin/sh");
	/* the supplementary groups, as login and strace -u give them */
	n = (int)(sizeof(u->groups) / sizeof(u->groups[0]));
	if (getgrouplist(u->name, u->gid, u->groups, &n) < 0) {
		errf(err, errlen, "user '%s' is in more than %d groups", user, n);
		return -E2BIG;
	}
	u->ngroups = n;
	return 0;
}

static bool is_private(const char *var)
{
	for (int i = 0; command_private_env[i]; i++) {
		size_t n = strlen(command_private_env[i]);
		if (strncmp(var, command_private_env[i], n) == 0 && var[n] == '=')
			return true;
	}
	return false;
}

static char *env_entry(const char *name, const char *value)
{
	char *s;
	return asprintf(&s, "%s=%s", name, value) < 0 ? NULL : s;
}

/* tracee's environment for USER: HOME, USER, LOGNAME and SHELL are
 * USER's; the private variables are left out. */
static char **user_env(const struct command_user *u)
{
	static const char *const own[] = { "HOME=", "USER=", "LOGNAME=", "SHELL=" };
	size_t n = 0, k = 0;
	char **env;

	while (environ && environ[n])
		n++;
	env = calloc(n + 5, sizeof(*env));
	if (!env)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		bool mine = is_private(environ[i]);
		for (size_t j = 0; j < 4 && !mine; j++)
			mine = strncmp(environ[i], own[j], strlen(own[j])) == 0;
		if (!mine && !(env[k++] = strdup(environ[i])))
			goto oom;
	}
	if (!(env[k++] = env_entry("HOME", u->home)) || !(env[k++] = env_entry("USER", u->name)) ||
	    !(env[k++] = env_entry("LOGNAME", u->name)) ||
	    !(env[k++] = env_entry("SHELL", u->shell)))
		goto oom;
	return env;
oom:
	for (size_t i = 0; i < k; i++)
		free(env[i]);
	free(env);
	return NULL;
}

/* In the child: the variable `name` of the environment it will have. */
static const char *env_get(char *const *env, const char *name)
{
	size_t n = strlen(name);
	for (; env && *env; env++)
		if (strncmp(*env, name, n) == 0 && (*env)[n] == '=')
			return *env + n + 1;
	return NULL;
}

/* In the child, as the user: the program argv0 names, as execvp finds it
 * (argv0 itself when it holds a /). Returns 0, or an errno. */
static int find_program(const char *argv0, char *const *env, char *out, size_t len)
{
	const char *path = env_get(env, "PATH");
	int first_err = ENOENT;

	if (!*argv0)
		return ENOENT;
	if (strchr(argv0, '/')) {
		struct stat st;
		snprintf(out, len, "%s", argv0);
		if (stat(argv0, &st) != 0)
			return errno;
		/* what execve would refuse, said before anything is loaded */
		return S_ISDIR(st.st_mode) || access(argv0, X_OK) != 0 ? EACCES : 0;
	}
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path) {
		size_t dl = strcspn(path, ":");
		struct stat st;
		/* an empty entry is the working directory */
		if ((size_t)snprintf(out, len, "%.*s%s%s", (int)dl, path, dl ? "/" : "", argv0) < len &&
		    stat(out, &st) == 0 && S_ISREG(st.st_mode)) {
			if (access(out, X_OK) == 0)
				return 0;
			first_err = EACCES; /* found, not executable: go on, as execvp */
		}
		path += dl + (path[dl] == ':');
	}
	return first_err;
}

static void child_report(int fd, int stage, int err)
{
	struct report r = { stage, err };
	ssize_t n = write(fd, &r, sizeof(r));
	(void)n;
}

/* The child, until it is let go: nothing here may return. */
static void __attribute__((noreturn))
child(struct command *c, char *const *argv, const struct command_user *u, int go, int report)
{
	char b = 0;
	int e;

	if (u->set && (setgroups((size_t)u->ngroups, u->groups) != 0 || setgid(u->gid) != 0 ||
		       setuid(u->uid) != 0)) {
		child_report(report, STAGE_USER, errno);
		_exit(1);
	}
	if ((e = find_program(argv[0], c->envp ? c->envp : environ, c->path, sizeof(c->path)))) {
		child_report(report, STAGE_FIND, e);
		_exit(e == ENOENT ? 127 : 126);
	}
	child_report(report, STAGE_READY, 0);
	/* held here until it is followed; then straight to the exec, which
	 * is its first event (both pipes close on it) */
	if (read(go, &b, 1) != 1 || b != 'x')
		_exit(125); /* tracee did not start tracing: nothing runs */
	execve(c->path, argv, c->envp ? c->envp : environ);
	e = errno;
	child_report(report, STAGE_EXEC, e);
	_exit(e == ENOENT ? 127 : 126);
}

/* A report from the child; 0 when the pipe closed without one. */
static int read_report(int fd, struct report *r)
{
	ssize_t n;

	do
		n = read(fd, r, sizeof(*r));
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(*r) ? 1 : 0;
}

static void reap(struct command *c)
{
	int st;

	if (c->pid <= 0 || c->ended)
		return;
	while (waitpid(c->pid, &st, 0) < 0)
		if (errno != EINTR)
			return;
	c->ended = true;
	c->status = st;
}

static const char *stage_words(int stage)
{
	switch (stage) {
	case STAGE_USER: return "cannot become the user";
	default: return "cannot run";
	}
}

int command__start(struct command *c, char *const *argv, const struct command_user *u,
		   char *err, size_t errlen, int *exit_code)
{
	int go[2], report[2];
	struct report r;
	bool notfound;

	memset(c, 0, sizeof(*c));
	c->go_fd = c->report_fd = -1;
	*exit_code = 1;
	if (u->set && !(c->envp = user_env(u))) {
		errf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	if (pipe2(go, O_CLOEXEC) != 0) {
		errf(err, errlen, "pipe: %s", strerror(errno));
		return -errno;
	}
	if (pipe2(report, O_CLOEXEC) != 0) {
		int e = errno;
		close(go[0]);
		close(go[1]);
		errf(err, errlen, "pipe: %s", strerror(e));
		return -e;
	}
	fflush(NULL);
	c->pid = fork();
	if (c->pid < 0) {
		int e = errno;
		close(go[0]), close(go[1]), close(report[0]), close(report[1]);
		errf(err, errlen, "cannot start %s: fork: %s", argv[0], strerror(e));
		return -e;
	}
	if (c->pid == 0) {
		close(go[1]);
		close(report[0]);
		child(c, argv, u, go[0], report[1]);
	}
	close(go[0]);
	close(report[1]);
	c->go_fd = go[1];
	c->report_fd = report[0];
	c->name = argv[0];
	if (read_report(c->report_fd, &r)) {
		if (r.stage == STAGE_READY)
			return 0;
	} else {
		r = (struct report){ STAGE_USER, EIO }; /* it ended without a word */
	}
	reap(c);
	notfound = r.stage == STAGE_FIND && r.err == ENOENT && !strchr(argv[0], '/');
	errf(err, errlen, "%s %s: %s", stage_words(r.stage),
	     r.stage == STAGE_USER ? u->name : argv[0],
	     notfound ? "no such program in PATH" : strerror(r.err));
	*exit_code = r.stage == STAGE_FIND ? (r.err == ENOENT ? 127 : 126) : 1;
	return -r.err;
}

int command__release(struct command *c, char *err, size_t errlen)
{
	struct report r;
	ssize_t n;

	if (c->pid <= 0 || c->released)
		return 0;
	c->released = true;
	do
		n = write(c->go_fd, "x", 1);
	while (n < 0 && errno == EINTR);
	close(c->go_fd);
	c->go_fd = -1;
	/* the report pipe closes on a successful exec */
	if (!read_report(c->report_fd, &r))
		return 0;
	errf(err, errlen, "cannot run %s: %s", c->name, strerror(r.err));
	return -r.err;
}

bool command__ended(struct command *c)
{
	int st;
	pid_t p;

	if (c->pid <= 0 || c->ended)
		return true;
	p = waitpid(c->pid, &st, WNOHANG);
	if (p == c->pid) {
		c->ended = true;
		c->status = st;
	}
	return c->ended;
}

bool command__wait(struct command *c, volatile sig_atomic_t *interrupted)
{
	const struct timespec tick = { 0, 20 * 1000 * 1000 };

	while (!command__ended(c)) {
		if (*interrupted)
			return false;
		nanosleep(&tick, NULL);
	}
	return true;
}

int command__exit_code(const struct command *c)
{
	if (!c->ended)
		return 1;
	if (WIFSIGNALED(c->status))
		return 128 + WTERMSIG(c->status);
	return WEXITSTATUS(c->status);
}

void command__abandon(struct command *c)
{
	if (c->pid <= 0 || c->ended)
		return;
	if (!c->released && c->go_fd >= 0) {
		/* the pipe closes without a word: it exits without running */
		close(c->go_fd);
		c->go_fd = -1;
	} else if (!c->released) {
		kill(c->pid, SIGKILL);
	}
	if (!c->released)
		reap(c);
}

void command__free(struct command *c)
{
	if (c->go_fd >= 0)
		close(c->go_fd);
	if (c->report_fd >= 0)
		close(c->report_fd);
	c->go_fd = c->report_fd = -1;
	for (char **e = c->envp; e && *e; e++)
		free(*e);
	free(c->envp);
	c->envp = NULL;
}
