#!/usr/bin/env bash
# Redis and PostgreSQL from Debian's packages, for the queue-mode end-to-end test
# (test/e2e/queueMode.test.ts). Only installed here: the test starts its own servers on free
# 127.0.0.1 ports in temporary data directories, and stops them. Needs root (CI runs as root).
set -euo pipefail

have_postgres() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }

if command -v redis-server >/dev/null 2>&1 && have_postgres; then
	echo "   redis-server and PostgreSQL are installed"
	exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
	echo "   no apt-get: install redis-server and postgresql yourself, or the queue-mode test is skipped" >&2
	exit 1
fi
apt-get update -qq
# Debian's postinst scripts may try to start the packaged services; policy-rc.d keeps them down
# (the test runs its own), and exit 101 means "not allowed" to invoke-rc.d.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
	printf '#!/bin/sh\nexit 101\n' >"$policy"
	chmod +x "$policy"
	created_policy=1
fi
status=0
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server postgresql >/dev/null || status=$?
if [ "$created_policy" = 1 ]; then rm -f "$policy"; fi
exit "$status"
