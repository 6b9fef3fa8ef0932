#!/bin/sh
# Run by the nginx image's entrypoint before nginx starts (production only): reloads nginx
# every 6 hours so that a certificate certbot renewed is served without a restart. A reload
# finishes the requests and WebSockets in flight on the old workers.
set -eu
(
  while :; do
    sleep 6h
    nginx -s reload
  done
) &
