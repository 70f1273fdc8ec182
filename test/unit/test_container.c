/* Container IDs from cgroup paths, as each runtime names them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "container.h"

#define ID "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static void check(const char *path, const char *want)
{
	char out[CONTAINER_ID_LEN + 1];
	bool ok = container__id_from_path(path, out);
	if (!want) {
		if (ok)
			fail_msg("%s: found %s, expected none", path, out);
		assert_string_equal(out, "");
		return;
	}
	if (!ok)
		fail_msg("%s: no ID found", path);
	assert_string_equal(out, want);
}

static void test_runtimes(void **state)
{
	(void)state;
	check("/docker/" ID, ID);                                            /* docker, cgroupfs */
	check("/system.slice/docker-" ID ".scope", ID);                      /* docker, systemd */
	check("/system.slice/containerd.service/kubepods-besteffort-pod1.slice:cri-containerd:" ID,
	      ID);                                                           /* containerd */
	check("/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod12_34.slice/"
	      "cri-containerd-" ID ".scope", ID);
	check("/kubepods/burstable/pod0b1c/" ID, ID);                        /* k8s, cgroupfs */
	check("/machine.slice/libpod-" ID ".scope/container", ID);           /* podman, nested */
	check("/kubepods.slice/crio-" ID ".scope", ID);                      /* CRI-O */
	check("/tracee-ci/" ID, ID);
}

static void test_not_containers(void **state)
{
	(void)state;
	check("/", NULL);
	check("", NULL);
	check("/user.slice/user-0.slice/session-1.scope", NULL);
	check("/system.slice/ssh.service", NULL);
	check("/docker/" ID "0", NULL);           /* 65 hex digits */
	check("/docker/0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", NULL);
	check("/x/abc" ID, NULL);                 /* not a separate word */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_runtimes),
		cmocka_unit_test(test_not_containers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
