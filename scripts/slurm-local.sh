#!/usr/bin/env bash
# End-to-end test of `certmin slurm` on a real one-node Slurm cluster on this machine:
#  1. installs munge, slurmctld, slurmd and the Slurm client from Debian's packages when missing;
#  2. writes a minimal cgroup-free slurm.conf (proctrack/linuxproc, task/none, no accounting) for
#     localhost into a private state directory, and starts munged, slurmctld and slurmd on private
#     ports and a private munge socket (no systemd, nothing written to /etc/slurm);
#  3. submits a sharded search and a sharded certify through `certmin slurm … --submit`, waits for
#     their merge jobs, and compares the merged results with the unsharded commands run directly
#     (search: byte-identical; certify: identical up to the measured seconds and creation dates);
#  4. resubmits the search (it must resume: no run recomputed, same bytes), then stops the daemons
#     it started (by their process ids).
# Needs the built CLI (npx tsc -p tsconfig.json). Exit 0 on success; non-zero with a message otherwise.
# Environment: SLURM_LOCAL_DIR (state and outputs; default a new temp dir, removed on success),
# SLURM_LOCAL_PORT (slurmctld port, default 16817; slurmd uses the next one).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
CERTMIN=(node "$REPO/bin/certmin.js")
log() { printf 'slurm-local: %s\n' "$*"; }
fail() { printf 'slurm-local: FAILED: %s\n' "$*" >&2; exit 1; }

[ -f dist/src/cli/commands/slurm.js ] || fail "dist/ is not built: run npx tsc -p tsconfig.json first"

# --- 1. packages -------------------------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  log "installing munge, slurmctld, slurmd, slurm-client (Debian packages)"
  [ "$(id -u)" = 0 ] || fail "Slurm is not installed and this is not root: cannot apt-get install"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends munge slurmctld slurmd slurm-client >/dev/null
fi
MUNGED=$(command -v munged || echo /usr/sbin/munged)
SLURMCTLD=$(command -v slurmctld || echo /usr/sbin/slurmctld)
SLURMD=$(command -v slurmd || echo /usr/sbin/slurmd)
log "$("$SLURMCTLD" -V)"

# --- 2. a one-node cluster ----------------------------------------------------------------------
STATE=${SLURM_LOCAL_DIR:-$(mktemp -d /tmp/certmin-slurm-local.XXXXXX)}
mkdir -p "$STATE"/{munge,munge-run,ctld,spool,log,work}
chmod 755 "$STATE"
PORT=${SLURM_LOCAL_PORT:-16817}
HOST=$(hostname -s)
CPUS=$(nproc)
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

# munged refuses to run as root by default; it runs as the munge user on a private socket and key.
KEY="$STATE/munge/munge.key"
if [ -f /etc/munge/munge.key ]; then cp /etc/munge/munge.key "$KEY"; else mungekey --create --keyfile="$KEY"; fi
chown -R munge:munge "$STATE/munge" "$STATE/munge-run"
chmod 700 "$STATE/munge"
chmod 755 "$STATE/munge-run"
chmod 600 "$KEY"
SOCKET="$STATE/munge-run/munge.socket"
runuser -u munge -- "$MUNGED" --foreground --key-file="$KEY" --socket="$SOCKET" \
  --pid-file="$STATE/munge-run/munged.pid" --log-file="$STATE/munge/munged.log" --seed-file="$STATE/munge/munged.seed" >"$STATE/log/munged.out" 2>&1 &
PIDS+=($!)

export SLURM_CONF="$STATE/slurm.conf"
cat >"$SLURM_CONF" <<EOF
ClusterName=certmin-local
SlurmctldHost=$HOST(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCKET
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/spool
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
MinJobAge=600
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=1000 State=UNKNOWN
PartitionName=local Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF

for _ in $(seq 50); do [ -S "$SOCKET" ] && break; sleep 0.1; done
[ -S "$SOCKET" ] || fail "munged did not start (see $STATE/munge/munged.log)"
"$SLURMCTLD" -D -i -f "$SLURM_CONF" >"$STATE/log/slurmctld.out" 2>&1 &
PIDS+=($!)
"$SLURMD" -D -f "$SLURM_CONF" -N "$HOST" >"$STATE/log/slurmd.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 120); do
  state=$(sinfo -h -n "$HOST" -o %T 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 0.5
done
[ "$state" = idle ] || fail "node $HOST is '$state', not idle (logs in $STATE/log)"
log "cluster up: node $HOST ($CPUS CPUs), state in $STATE"

# --- 3. sharded search and certify through certmin slurm ----------------------------------------
W="$STATE/work"
SEARCH=(--preset safran-shamir-2018 --k 7 --seed 1 --runs 40)
"${CERTMIN[@]}" search "${SEARCH[@]}" --workers 2 --out "$W/search-direct" >/dev/null
"${CERTMIN[@]}" certify "$W/search-direct/runs.jsonl" --out "$W/certify-direct" >/dev/null

job_of() { sed -n 's/.*merge_job_id=\([0-9]*\).*/\1/p'; }
S_OUT=$("${CERTMIN[@]}" slurm search "${SEARCH[@]}" --shards 3 --cpus-per-task 1 --time 10:00 --out "$W/search-slurm" --submit)
C_OUT=$("${CERTMIN[@]}" slurm certify "$W/search-direct/runs.jsonl" --shards 2 --out "$W/certify-slurm" --submit)
S_JOB=$(echo "$S_OUT" | job_of)
C_JOB=$(echo "$C_OUT" | job_of)
[ -n "$S_JOB" ] && [ -n "$C_JOB" ] || fail "no job ids in: $S_OUT / $C_OUT"
log "submitted search (merge job $S_JOB) and certify (merge job $C_JOB)"

wait_job() { # job id, timeout in seconds → 0 when COMPLETED
  local id=$1 deadline=$((SECONDS + $2)) st=''
  while [ $SECONDS -lt $deadline ]; do
    st=$(scontrol show job "$id" -o 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')
    case "$st" in
      COMPLETED) return 0 ;;
      FAILED | CANCELLED | TIMEOUT | NODE_FAIL | OUT_OF_MEMORY | BOOT_FAIL | DEADLINE) break ;;
    esac
    sleep 1
  done
  echo "job $id ended as '${st:-unknown}'" >&2
  return 1
}
wait_job "$S_JOB" 600 || { tail -n 5 "$W"/search-slurm/slurm/logs/* >&2 || true; fail "search merge job"; }
wait_job "$C_JOB" 600 || { tail -n 5 "$W"/certify-slurm/slurm/logs/* >&2 || true; fail "certify merge job"; }

for f in runs.jsonl families.json summary.json summary.md; do
  cmp -s "$W/search-direct/$f" "$W/search-slurm/$f" || fail "search: $f differs from the unsharded search"
done
log "search through Slurm (3 shards) merged byte-identical to the unsharded search"

timeless() { sed -E -e 's/"createdAt": "[^"]*"/"createdAt": "…"/g' -e 's/"seconds": \{[^}]*\}/"seconds": {…}/g' \
  -e 's/"seconds": [0-9.e+-]+/"seconds": …/g' -e 's/\| [0-9.]+ \|$/| … |/' "$1"; }
certs=$(cd "$W/certify-direct" && ls)
[ "$certs" = "$(cd "$W/certify-slurm" && ls | grep -v -x -e shards -e slurm)" ] || fail "certify: the merged files differ from the unsharded ones"
flat() { case "$1" in *.json) tr -d '\n' <"$1" ;; *) cat "$1" ;; esac; } # the seconds object spans lines in JSON
for f in $certs; do
  diff <(flat "$W/certify-direct/$f" | timeless /dev/stdin) <(flat "$W/certify-slurm/$f" | timeless /dev/stdin) >/dev/null ||
    fail "certify: $f differs from the unsharded certify (beyond measured times)"
done
log "certify through Slurm (2 shards) merged identical to the unsharded certify up to measured times ($(echo "$certs" | wc -w) files)"

# --- 4. resubmission resumes --------------------------------------------------------------------
R_OUT=$(bash "$W/search-slurm/slurm/submit.sh")
R_ARRAY=$(echo "$R_OUT" | sed -n 's/^array job \([0-9]*\), merge job.*/\1/p')
R_JOB=$(echo "$R_OUT" | sed -n 's/.*merge job \([0-9]*\).*/\1/p')
wait_job "$R_JOB" 300 || fail "resubmitted search merge job"
for i in 0 1 2; do
  grep -q "Computed 0 runs" "$W/search-slurm/slurm/logs/search-${R_ARRAY}_$i.out" || fail "resubmitted shard $i recomputed runs"
done
for f in runs.jsonl families.json summary.json summary.md; do
  cmp -s "$W/search-direct/$f" "$W/search-slurm/$f" || fail "search after resubmission: $f differs"
done
log "resubmitted search resumed every shard (no run recomputed), same bytes"

log "passed"
if [ -z "${SLURM_LOCAL_DIR:-}" ]; then cleanup; trap - EXIT; rm -rf "$STATE"; fi
