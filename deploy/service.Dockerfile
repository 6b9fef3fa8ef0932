# One image for each Spring Boot service, from the jar the Maven build made
# (./vanguard up builds it first; by hand: ./mvnw -B -DskipTests package).
#   docker build -f deploy/service.Dockerfile --build-arg SERVICE=auth-service .
FROM eclipse-temurin:25-jre

ARG SERVICE
RUN test -n "$SERVICE" || (echo "build with --build-arg SERVICE=<module>" >&2 && exit 1)

RUN groupadd --system vanguard && useradd --system --gid vanguard --no-create-home vanguard
WORKDIR /app
COPY ${SERVICE}/target/${SERVICE}-0.1.0-SNAPSHOT.jar /app/app.jar
USER vanguard

# Size the heap from the container's memory limit; die (and be restarted) rather than
# limp on after an OutOfMemoryError.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# The container profile: listen on every interface, trust forwarded addresses from the
# container network (see each service's application.yml).
ENV SPRING_PROFILES_ACTIVE=container
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
