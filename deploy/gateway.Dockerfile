# The gateway: the official nginx image renders /etc/nginx/templates/*.template with the
# container's environment (envsubst) into conf.d at start-up, so the same template serves
# docker compose and ./vanguard up.
#   docker build -f deploy/gateway.Dockerfile .
# When frontend/ exists, a build stage here produces frontend/dist and replaces the
# placeholder page below.
FROM nginx:1.27-alpine

RUN rm -f /etc/nginx/conf.d/default.conf
COPY deploy/nginx/vanguard.conf.template /etc/nginx/templates/vanguard.conf.template
COPY deploy/gateway-page/ /usr/share/nginx/html/

ENV GATEWAY_PORT=80 \
    WEB_ROOT=/usr/share/nginx/html \
    AUTH_UPSTREAM=auth-service:8081 \
    QUIZ_UPSTREAM=quiz-service:8082 \
    SESSION_UPSTREAM=session-service:8083 \
    REALTIME_UPSTREAM=realtime-service:8084 \
    ACCESS_LOG=/var/log/nginx/access.log
EXPOSE 80
