#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 for the database tests.
# Machines of this project's kind start one before each session; on a plain machine
# this installs Debian's postgresql and starts it (needs root).
set -euo pipefail

answers() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }

if answers; then
    exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
    echo "ensure-postgres: no server on 127.0.0.1:5432 and not root; cannot install one" >&2
    exit 1
fi
if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    echo "ensure-postgres: installing Debian's postgresql" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -V | tail -1)
conf=/etc/postgresql/$version/main
# Trust local TCP connections, as the developers' machines do.
if ! grep -q "edugen-ci" "$conf/pg_hba.conf"; then
    sed -i '1i host all all 127.0.0.1/32 trust # edugen-ci\nhost all all ::1/128 trust # edugen-ci\nlocal all all trust # edugen-ci' "$conf/pg_hba.conf"
fi
pg_ctlcluster --skip-systemctl-redirect "$version" main start || pg_ctlcluster "$version" main start
for _ in $(seq 1 30); do
    answers && break
    sleep 1
done
answers || { echo "ensure-postgres: the server did not start" >&2; exit 1; }
psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE test" >/dev/null
