#!/usr/bin/env bash
# The first Let's Encrypt certificate for a production install, before the first `up`.
# nginx will not start without a certificate, and Let's Encrypt will not issue one without
# nginx answering its challenge: this puts a throwaway self-signed certificate in place,
# starts the gateway, asks certbot for the real one over the webroot challenge, and reloads
# the gateway with it. Renewals are then the certbot service's job.
#
#   deploy/certbot/first-certificate.sh --env-file .env.prod
#
# Needs VANGUARD_DOMAIN and LETSENCRYPT_EMAIL (in the env file or the environment), and DNS
# for VANGUARD_DOMAIN and grafana.VANGUARD_DOMAIN pointing at this host, ports 80 and 443 open.
# LETSENCRYPT_STAGING=1 uses Let's Encrypt's staging CA (for trying this out).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

env_file=.env.prod
if [[ "${1:-}" == --env-file ]]; then
  env_file="${2:?--env-file needs a file}"
fi
if [[ -f "$env_file" ]]; then
  set -a
  # shellcheck disable=SC1090
  . "$env_file"
  set +a
fi
: "${VANGUARD_DOMAIN:?VANGUARD_DOMAIN must be set: the public host name}"
: "${LETSENCRYPT_EMAIL:?LETSENCRYPT_EMAIL must be set: the e-mail address for certificate expiry notices}"

compose() { docker compose --env-file "$env_file" -f docker-compose.yaml -f docker-compose.prod.yaml "$@"; }
live="/etc/letsencrypt/live/$VANGUARD_DOMAIN"

if compose run --rm --no-deps --entrypoint sh certbot -c "test -f $live/fullchain.pem && ! test -f $live/.self-signed"; then
  echo "A certificate for $VANGUARD_DOMAIN is already there; the certbot service renews it."
  exit 0
fi

echo "==> A throwaway self-signed certificate, so that the gateway can start"
compose run --rm --no-deps --entrypoint sh certbot -c "mkdir -p $live && \
  openssl req -x509 -nodes -newkey rsa:2048 -days 1 -subj /CN=$VANGUARD_DOMAIN \
    -keyout $live/privkey.pem -out $live/fullchain.pem && touch $live/.self-signed"

echo "==> Starting the gateway (and what it needs)"
compose up -d --wait gateway

echo "==> Asking Let's Encrypt for $VANGUARD_DOMAIN and grafana.$VANGUARD_DOMAIN"
compose run --rm --no-deps --entrypoint sh certbot -c "rm -rf $live /etc/letsencrypt/archive/$VANGUARD_DOMAIN \
  /etc/letsencrypt/renewal/$VANGUARD_DOMAIN.conf"
staging=()
[[ "${LETSENCRYPT_STAGING:-0}" == 1 ]] && staging=(--staging)
compose run --rm --no-deps certbot certonly --webroot -w /var/www/certbot \
  -d "$VANGUARD_DOMAIN" -d "grafana.$VANGUARD_DOMAIN" --email "$LETSENCRYPT_EMAIL" \
  --agree-tos --no-eff-email --non-interactive "${staging[@]}"

echo "==> Reloading the gateway with the new certificate"
compose exec gateway nginx -s reload
echo "Done: https://$VANGUARD_DOMAIN/ and https://grafana.$VANGUARD_DOMAIN/"
