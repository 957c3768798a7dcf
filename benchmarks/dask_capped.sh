#!/usr/bin/env bash
# A network that fits only the store: every process under a memory cap (cgroup v1, root).
# The memory engine in one process capped at CAP_ONE; the Dask engine with its client capped
# at CAP_ONE and each worker (nanny + worker) at CAP_WORKER with memory_limit 1 GB; a
# scheduler outside. Usage (a store written by dask_scale.py, e.g. --store /tmp/dask4m):
#   sudo bash benchmarks/dask_capped.sh /tmp/dask4m [CAP_ONE=2500M] [CAP_WORKER=1200M]
set -u
STORE=$1; CAP_ONE=${2:-2500M}; CAP_WORKER=${3:-1200M}
HERE=$(cd "$(dirname "$0")" && pwd)
CG=/sys/fs/cgroup/memory
cap() { mkdir -p "$CG/$1"; echo "$2" > "$CG/$1/memory.limit_in_bytes"; echo 0 > "$CG/$1/memory.max_usage_in_bytes"; echo 0 > "$CG/$1/memory.failcnt"; }
inside() { local g=$1; shift; sh -c "echo \$\$ > $CG/$g/cgroup.procs; exec \"\$@\"" sh "$@"; }
usage() { echo "$1: max_usage $(cat "$CG/$1/memory.max_usage_in_bytes") failcnt $(cat "$CG/$1/memory.failcnt")"; }
cap infnet-memory "$CAP_ONE"; cap infnet-client "$CAP_ONE"
cap infnet-w1 "$CAP_WORKER"; cap infnet-w2 "$CAP_WORKER"
[ -f "$STORE.reference.csv" ] || python "$HERE/dask_capped_client.py" reference "$STORE"
echo "== memory engine, one process capped at $CAP_ONE"
inside infnet-memory python "$HERE/dask_capped_client.py" memory "$STORE"
echo "exit $?"; usage infnet-memory
echo "== dask: client capped at $CAP_ONE, 2 workers capped at $CAP_WORKER (memory_limit 1GB)"
dask scheduler --port 8799 --dashboard-address :0 > /tmp/capped_sched.log 2>&1 &
SCHED=$!; sleep 5
inside infnet-w1 dask worker tcp://127.0.0.1:8799 --nthreads 1 --memory-limit 1GB --name w1 > /tmp/capped_w1.log 2>&1 &
W1=$!
inside infnet-w2 dask worker tcp://127.0.0.1:8799 --nthreads 1 --memory-limit 1GB --name w2 > /tmp/capped_w2.log 2>&1 &
W2=$!; sleep 10
inside infnet-client python "$HERE/dask_capped_client.py" dask "$STORE"
echo "exit $?"; usage infnet-client; usage infnet-w1; usage infnet-w2
echo "worker restarts or pauses: $(grep -c -i 'restarting\|pausing' /tmp/capped_w1.log /tmp/capped_w2.log | paste -sd' ')"
kill $W1 $W2 $SCHED 2>/dev/null
