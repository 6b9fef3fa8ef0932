# One image for each Spring Boot service, from the jar `./mvnw -B -DskipTests package` made.
#   docker build -f deploy/service.Dockerfile --build-arg SERVICE=auth-service --build-arg PORT=8081 .
# (the compose files pass both). The jar is split into Spring Boot's layers, least changing
# first, so a rebuild after a code change replaces only the last, small layer.
FROM eclipse-temurin:25-jre AS layers
ARG SERVICE
RUN test -n "$SERVICE" || (echo "build with --build-arg SERVICE=<module>" >&2 && exit 1)
WORKDIR /build
COPY ${SERVICE}/target/${SERVICE}-0.1.0-SNAPSHOT.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:25-jre
ARG PORT
RUN test -n "$PORT" || (echo "build with --build-arg PORT=<the service's port>" >&2 && exit 1)
RUN groupadd --system vanguard && useradd --system --gid vanguard --no-create-home vanguard
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER vanguard

# The heap is sized from the container's memory limit (the compose files set one), leaving
# the rest for metaspace, thread stacks and direct buffers; die (and be restarted) rather
# than limp on after an OutOfMemoryError.
ENV SERVER_PORT=${PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError"
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=5 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/$SERVER_PORT && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"UP\"' <&3"]
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
