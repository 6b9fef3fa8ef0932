# The gateway: nginx serving the built web app (frontend/, `npm ci && npm run build`) and
# routing /api/** and /ws to the services. It runs as an unprivileged user (nginx-unprivileged
# listens on 8080 inside the container; compose publishes it where wanted). At start-up the
# image renders /etc/nginx/templates/*.template with the container's environment into
# conf.d, so the same template serves docker compose and ./vanguard up.
#   docker build -f deploy/gateway.Dockerfile .
FROM node:20-alpine AS frontend
WORKDIR /frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM nginxinc/nginx-unprivileged:1.27-alpine
USER root
RUN rm -f /etc/nginx/conf.d/default.conf
COPY deploy/nginx/docker/nginx.conf /etc/nginx/nginx.conf
COPY deploy/nginx/vanguard.conf.template /etc/nginx/templates/vanguard.conf.template
# Docker's DNS re-resolves the service names (realtime replicas come and go).
COPY deploy/nginx/docker/resolver.conf.template /etc/nginx/templates/resolver.conf.template
COPY --from=frontend /frontend/dist/ /usr/share/nginx/html/
USER nginx

# NGINX_ENTRYPOINT_LOCAL_RESOLVERS: the entrypoint puts the container's DNS server
# (/etc/resolv.conf) into NGINX_LOCAL_RESOLVERS for resolver.conf.template.
ENV NGINX_ENTRYPOINT_LOCAL_RESOLVERS=1 \
    GATEWAY_PORT=8080 \
    WEB_ROOT=/usr/share/nginx/html \
    AUTH_UPSTREAM=auth-service:8081 \
    QUIZ_UPSTREAM=quiz-service:8082 \
    SESSION_UPSTREAM=session-service:8083 \
    REALTIME_UPSTREAM=realtime-service:8084 \
    ACCESS_LOG=/var/log/nginx/access.log
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD wget -q -O /dev/null http://127.0.0.1:8080/gateway/health || exit 1
