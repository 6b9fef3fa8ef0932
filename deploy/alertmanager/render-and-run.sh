#!/bin/sh
# Alertmanager reads no environment variables in its configuration: this fills in the
# template's ${NAME} placeholders from the environment, refuses to start when one has no
# value, and then runs Alertmanager on the result. `--render-only` prints the result instead
# (the test suite checks it with amtool).
set -eu
render() {
  awk '{
    while (match($0, /\$\{[A-Z_]+\}/)) {
      name = substr($0, RSTART + 2, RLENGTH - 3)
      if (ENVIRON[name] == "") { print "alertmanager: " name " must be set" > "/dev/stderr"; exit 1 }
      $0 = substr($0, 1, RSTART - 1) ENVIRON[name] substr($0, RSTART + RLENGTH)
    }
    print
  }' "$(dirname "$0")/alertmanager.yml.template"
}
if [ "${1:-}" = --render-only ]; then
  render
  exit 0
fi
render >/tmp/alertmanager.yml
exec /bin/alertmanager --config.file=/tmp/alertmanager.yml --storage.path=/alertmanager "$@"
