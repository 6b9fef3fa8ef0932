#!/usr/bin/env bash
# Checks pieces of ./vanguard up on their own, with a state directory of their own, free
# ports and a stand-in tree, so that they run beside a platform `up` already started:
#
#   vanguard-up.sh key       the player-token key: made once (0600, PKCS#8 PEM RSA), kept,
#                            or taken from VANGUARD_PLAYER_TOKEN_KEY
#   vanguard-up.sh service   session-service starts from a private copy of its jar, with the
#                            key in its environment; a rebuild does not touch that copy
#   vanguard-up.sh gateway   the gateway's workers take 40,000 connections and may open as
#                            many files as the host allows up to 100,000; a running gateway is
#                            not reloaded when its configuration is unchanged, and is reloaded
#                            (same master, new workers) when not
#
# Run by deploy/checks/run. Needs openssl and nginx.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../vanguard
source "$here/../../vanguard"
set +e # each check reports its own failures

work="$(mktemp -d)"
STATE="$work/state" LOGS="$work/state/logs" RUN="$work/state/run"
mkdir -p "$LOGS" "$RUN"
cleanup() {
  stop TERM 10 gateway session-service >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

problems=0
problem() {
  echo "$*"
  problems=$((problems + 1))
}

free_port() {
  local port
  for port in $(shuf -i 20000-60000 -n 50); do
    port_open 127.0.0.1 "$port" || {
      echo "$port"
      return 0
    }
  done
  return 1
}

check_key() {
  unset VANGUARD_PLAYER_TOKEN_KEY
  local file first
  file="$(player_token_key_file)"
  ensure_player_token_key >/dev/null || problem "ensure_player_token_key failed"
  [[ -f "$file" ]] || { problem "no key at $file"; return; }
  [[ "$(stat -c %a "$file")" == 600 ]] || problem "the key file's mode is $(stat -c %a "$file"), not 600"
  [[ "$(head -1 "$file")" == "-----BEGIN PRIVATE KEY-----" ]] || problem "the key is not PKCS#8 PEM: $(head -1 "$file")"
  openssl pkey -in "$file" -noout -text 2>/dev/null | grep -q 'Private-Key: (2048 bit' ||
    problem "the key is not a 2048-bit RSA private key"
  first="$(player_token_key)"
  ensure_player_token_key >/dev/null
  [[ "$(player_token_key)" == "$first" ]] || problem "a second up made a new key"
  [[ "$(player_token_key)" == "$(cat "$file")" ]] || problem "player_token_key does not give the kept key"
  chmod 644 "$file" # opened up by hand, or copied in with the wrong mode
  ensure_player_token_key >/dev/null
  [[ "$(stat -c %a "$file")" == 600 ]] || problem "a readable key file was left readable by others"

  rm -f "$file"
  local given="-----BEGIN PRIVATE KEY-----"$'\n'"from-the-environment"$'\n'"-----END PRIVATE KEY-----"
  VANGUARD_PLAYER_TOKEN_KEY="$given" ensure_player_token_key >/dev/null
  [[ ! -e "$file" ]] || problem "a key was written although VANGUARD_PLAYER_TOKEN_KEY was set"
  [[ "$(VANGUARD_PLAYER_TOKEN_KEY="$given" player_token_key)" == "$given" ]] ||
    problem "VANGUARD_PLAYER_TOKEN_KEY is not the key used"
}

# A stand-in tree with a built jar and a stand-in JDK whose java records its environment and
# arguments, then stays up like a service.
check_service() {
  unset VANGUARD_PLAYER_TOKEN_KEY
  ROOT="$work/tree"
  JAVA_HOME="$work/jdk"
  JAVA_OPTS=""
  PORT[session-service]="$(free_port)"
  local jar seen="$work/java-saw"
  jar="$(jar_of session-service)"
  mkdir -p "$(dirname "$jar")" "$JAVA_HOME/bin"
  echo "build 1" >"$jar"
  cat >"$JAVA_HOME/bin/java" <<JAVA
#!/usr/bin/env bash
printf '%s\n' "\$VANGUARD_PLAYER_TOKEN_KEY" >"$seen.key"
printf '%s\n' "\$@" >"$seen.args"
sleep 300 &
trap 'kill \$!; exit 0' TERM
wait
JAVA
  chmod +x "$JAVA_HOME/bin/java"
  ensure_player_token_key >/dev/null
  start_service session-service >/dev/null || { problem "start_service failed"; return; }
  wait_until 10 test -s "$seen.args" || { problem "the service's java never ran"; return; }
  local run_jar
  run_jar="$(run_jar_of session-service)"
  grep -qxF "$run_jar" "$seen.args" || problem "session-service does not run $run_jar: $(tr '\n' ' ' <"$seen.args")"
  [[ "$run_jar" != "$jar" ]] || problem "the run copy is the build's own jar"
  [[ "$(cat "$seen.key")" == "$(cat "$(player_token_key_file)")" ]] || problem "session-service did not get the kept key"
  running session-service || problem "status does not see session-service running"
  local pid
  pid="$(pid_of session-service)"
  ! tr '\0' '\n' <"/proc/$pid/cmdline" | grep -q 'PRIVATE KEY' || problem "the key is on the command line"

  echo "build 2" >"$jar" # ./mvnw package while the platform runs
  [[ "$(cat "$run_jar")" == "build 1" ]] || problem "a rebuild changed the jar the running service uses"
  start_service session-service >/dev/null
  [[ "$(pid_of session-service)" == "$pid" ]] || problem "a second up restarted a running service"
  stop TERM 10 session-service >/dev/null
  gone "$pid" || problem "down did not stop session-service"
}

workers_of() { pgrep -P "$1" | sort | tr '\n' ' '; }

# 20,000 WebSockets through the gateway: 40,000 connections, which may all land on one worker,
# each worker allowed as many files as this host permits up to GATEWAY_OPEN_FILES.
check_gateway_capacity() {
  local connections worker open_files expected
  connections="$(sed -n 's/^ *worker_connections \([0-9]*\);.*/\1/p' "$STATE/nginx/nginx.conf")"
  ((${connections:-0} >= 40000)) || problem "the rendered gateway allows ${connections:-no} worker_connections, not 40,000"
  expected="$(gateway_open_files)"
  for worker in $1; do
    open_files="$(awk '/^Max open files/ { print $4 }' "/proc/$worker/limits")"
    [[ "$open_files" == "$expected" ]] || problem "gateway worker $worker may open $open_files files, not $expected"
  done
}

check_gateway() {
  ensure_nginx
  GATEWAY_PORT="$(free_port)"
  local output master workers
  start_gateway >/dev/null || { problem "the gateway did not start"; return; }
  wait_until 10 gateway_answers || problem "the gateway does not answer on :$GATEWAY_PORT"
  master="$(pid_of gateway)"
  wait_until 10 test -n "$(workers_of "$master")"
  workers="$(workers_of "$master")"
  check_gateway_capacity "$workers"

  output="$(start_gateway)"
  grep -q "with this configuration" <<<"$output" || problem "an unchanged configuration was not recognised: $output"
  sleep 1
  [[ "$(workers_of "$master")" == "$workers" ]] || problem "an unchanged configuration reloaded nginx"

  PORT[auth-service]="$(free_port)" # a changed upstream: the configuration differs
  output="$(start_gateway)"
  grep -q "reloading" <<<"$output" || problem "a changed configuration was not reloaded: $output"
  wait_until 10 bash -c "! grep -qF -- '$workers' <<<\"\$(pgrep -P $master | sort | tr '\n' ' ')\"" ||
    problem "nginx did not start new workers after the reload"
  [[ "$(pid_of gateway)" == "$master" ]] || problem "the reload replaced nginx's master"
  grep -q "127.0.0.1:${PORT[auth-service]}" "$STATE/nginx/vanguard.conf" || problem "the changed configuration was not installed"
  gateway_answers || problem "the gateway does not answer after the reload"
  stop TERM 10 gateway >/dev/null
  gone "$master" || problem "down did not stop the gateway"
}

case "${1:-}" in
  key) check_key ;;
  service) check_service ;;
  gateway) check_gateway ;;
  *)
    echo "usage: $0 key|service|gateway" >&2
    exit 2
    ;;
esac
((problems == 0))
