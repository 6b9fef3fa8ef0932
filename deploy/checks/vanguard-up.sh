#!/usr/bin/env bash
# Checks pieces of ./vanguard up on their own, with a state directory of their own, free
# ports and a stand-in tree, so that they run beside a platform `up` already started:
#
#   vanguard-up.sh key       the player-token and host-token keys: each made once (0600,
#                            PKCS#8 PEM, P-256 and RSA), kept, or taken from VANGUARD_PLAYER_TOKEN_KEY
#                            and VANGUARD_AUTH_SIGNING_KEY
#   vanguard-up.sh service   session-service and auth-service start from private copies of
#                            their jars, each with its key in its environment; a rebuild
#                            does not touch those copies
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
seen="$work/java-saw" # what the stand-in java of check_service saw
cleanup() {
  stop TERM 10 gateway session-service auth-service >/dev/null 2>&1
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

# The key named $1 (player-token-key, auth-signing-key), with its environment variable $2.
check_key() {
  local name="$1" variable="$2" file first
  unset "$variable"
  file="$(signing_key_file "$name")"
  [[ "$file" == "$STATE/$name.pem" ]] || problem "$name is kept at $file, not in the run's state"
  ensure_signing_key "$name" >/dev/null || problem "ensure_signing_key $name failed"
  [[ -f "$file" ]] || { problem "no key at $file"; return; }
  [[ "$(stat -c %a "$file")" == 600 ]] || problem "$name: the key file's mode is $(stat -c %a "$file"), not 600"
  [[ "$(head -1 "$file")" == "-----BEGIN PRIVATE KEY-----" ]] || problem "$name is not PKCS#8 PEM: $(head -1 "$file")"
  if [[ "$name" == player-token-key ]]; then
    openssl pkey -in "$file" -noout -text 2>/dev/null | grep -q 'NIST CURVE: P-256' ||
      problem "$name is not a P-256 private key"
  else
    openssl pkey -in "$file" -noout -text 2>/dev/null | grep -q 'Private-Key: (2048 bit' ||
      problem "$name is not a 2048-bit RSA private key"
  fi
  first="$(signing_key "$name")"
  ensure_signing_key "$name" >/dev/null
  [[ "$(signing_key "$name")" == "$first" ]] || problem "a second up made a new $name"
  [[ "$(signing_key "$name")" == "$(cat "$file")" ]] || problem "signing_key $name does not give the kept key"
  chmod 644 "$file" # opened up by hand, or copied in with the wrong mode
  ensure_signing_key "$name" >/dev/null
  [[ "$(stat -c %a "$file")" == 600 ]] || problem "$name: a readable key file was left readable by others"

  rm -f "$file"
  local given="-----BEGIN PRIVATE KEY-----"$'\n'"from-the-environment"$'\n'"-----END PRIVATE KEY-----"
  export "$variable=$given"
  ensure_signing_key "$name" >/dev/null
  [[ ! -e "$file" ]] || problem "a key was written although $variable was set"
  [[ "$(signing_key "$name")" == "$given" ]] || problem "$variable is not the key used"
  unset "$variable"
}

check_keys() {
  check_key player-token-key VANGUARD_PLAYER_TOKEN_KEY
  check_key auth-signing-key VANGUARD_AUTH_SIGNING_KEY
  [[ "$(signing_key_file player-token-key)" != "$(signing_key_file auth-signing-key)" ]] ||
    problem "the two keys share a file"
}

# A stand-in tree with built jars and a stand-in JDK whose java records its environment and
# arguments, then stays up like a service.
check_service() {
  unset VANGUARD_PLAYER_TOKEN_KEY VANGUARD_AUTH_SIGNING_KEY
  ROOT="$work/tree"
  JAVA_HOME="$work/jdk"
  JAVA_OPTS=""
  mkdir -p "$JAVA_HOME/bin"
  cat >"$JAVA_HOME/bin/java" <<JAVA
#!/usr/bin/env bash
printf '%s\n' "\$VANGUARD_PLAYER_TOKEN_KEY" >"$seen.VANGUARD_PLAYER_TOKEN_KEY"
printf '%s\n' "\$VANGUARD_AUTH_SIGNING_KEY" >"$seen.VANGUARD_AUTH_SIGNING_KEY"
printf '%s\n' "\$@" >"$seen.args"
sleep 300 &
trap 'kill \$!; exit 0' TERM
wait
JAVA
  chmod +x "$JAVA_HOME/bin/java"
  ensure_signing_keys >/dev/null
  check_service_of session-service player-token-key VANGUARD_PLAYER_TOKEN_KEY VANGUARD_AUTH_SIGNING_KEY
  check_service_of auth-service auth-signing-key VANGUARD_AUTH_SIGNING_KEY VANGUARD_PLAYER_TOKEN_KEY
}

# Service $1 gets key $2 in variable $3, and nothing in $4 (the other service's key).
check_service_of() {
  local svc="$1" name="$2" variable="$3" other="$4" jar run_jar pid
  PORT[$svc]="$(free_port)"
  rm -f "$seen".*
  jar="$(jar_of "$svc")"
  mkdir -p "$(dirname "$jar")"
  echo "build 1" >"$jar"
  start_service "$svc" >/dev/null || { problem "start_service $svc failed"; return; }
  wait_until 10 test -s "$seen.args" || { problem "$svc's java never ran"; return; }
  run_jar="$(run_jar_of "$svc")"
  grep -qxF "$run_jar" "$seen.args" || problem "$svc does not run $run_jar: $(tr '\n' ' ' <"$seen.args")"
  [[ "$run_jar" != "$jar" ]] || problem "$svc: the run copy is the build's own jar"
  [[ "$(cat "$seen.$variable")" == "$(cat "$(signing_key_file "$name")")" ]] ||
    problem "$svc did not get the kept $name in $variable"
  [[ -z "$(cat "$seen.$other")" ]] || problem "$svc got $other, another service's key"
  running "$svc" || problem "status does not see $svc running"
  pid="$(pid_of "$svc")"
  ! tr '\0' '\n' <"/proc/$pid/cmdline" | grep -q 'PRIVATE KEY' || problem "$svc: the key is on the command line"

  echo "build 2" >"$jar" # ./mvnw package while the platform runs
  [[ "$(cat "$run_jar")" == "build 1" ]] || problem "a rebuild changed the jar the running $svc uses"
  start_service "$svc" >/dev/null
  [[ "$(pid_of "$svc")" == "$pid" ]] || problem "a second up restarted a running $svc"
  stop TERM 10 "$svc" >/dev/null
  gone "$pid" || problem "down did not stop $svc"
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
  key) check_keys ;;
  service) check_service ;;
  gateway) check_gateway ;;
  *)
    echo "usage: $0 key|service|gateway" >&2
    exit 2
    ;;
esac
((problems == 0))
