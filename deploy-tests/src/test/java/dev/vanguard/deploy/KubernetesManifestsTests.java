package dev.vanguard.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.vanguard.deploy.Manifests.at;
import static dev.vanguard.deploy.Manifests.listAt;
import static dev.vanguard.deploy.Manifests.mapAt;
import static dev.vanguard.deploy.Manifests.name;
import static dev.vanguard.deploy.Manifests.string;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders each overlay of {@code deploy/k8s} with {@code kubectl kustomize} and holds
 * every workload to the rules of running Vanguard on Kubernetes: probes from Spring
 * Boot's liveness and readiness groups, requests and limits with the JVM sized from them,
 * no root, pinned images, a Service and a PodDisruptionBudget each, realtime-service
 * scaled on its sockets and draining them before it stops, the Ingress keeping sockets
 * open, and no secret value in the repository.
 */
class KubernetesManifestsTests {

	private static final Map<String, Manifests> rendered = new ConcurrentHashMap<>();

	/** Spring Boot's graceful shutdown phase of the services (spring.lifecycle). */
	private static final int SPRING_SHUTDOWN_SECONDS = 30;

	/**
	 * How long realtime-service waits for its sockets to close after telling them to go.
	 */
	private static final int SOCKET_DRAIN_SECONDS = 10;

	private static final Pattern SECRET_NAME = Pattern
		.compile(".*(PASSWORD|SECRET|SIGNING_KEY|TOKEN_KEY|CREDENTIAL).*");

	private static Manifests render(String overlay) {
		return rendered.computeIfAbsent(overlay, Manifests::render);
	}

	@ParameterizedTest
	@ValueSource(strings = { "overlays/dev", "overlays/prod" })
	void deploysEveryServiceOfTheReactorAndTheGateway(String overlay) throws IOException {
		Set<String> deployments = render(overlay).ofKind("Deployment")
			.stream()
			.map(Manifests::name)
			.collect(Collectors.toSet());
		assertThat(deployments).containsAll(serviceModules()).contains("gateway");
	}

	@ParameterizedTest
	@ValueSource(strings = { "overlays/dev", "overlays/prod" })
	void probesEveryContainerThroughSpringBootsHealthGroups(String overlay) {
		for (Map<String, Object> deployment : render(overlay).ofKind("Deployment")) {
			for (Map<String, Object> container : containers(deployment)) {
				String where = name(deployment) + "/" + string(container, "name");
				assertThat(at(container, "readinessProbe", "httpGet")).as(where + " readiness probe").isNotNull();
				assertThat(at(container, "livenessProbe", "httpGet")).as(where + " liveness probe").isNotNull();
				if (isJavaService(container)) {
					assertThat(string(container, "readinessProbe", "httpGet", "path")).as(where)
						.isEqualTo("/actuator/health/readiness");
					assertThat(string(container, "livenessProbe", "httpGet", "path")).as(where)
						.isEqualTo("/actuator/health/liveness");
					assertThat(string(container, "startupProbe", "httpGet", "path"))
						.as(where + " start-up probe (a JVM starts slower than liveness allows)")
						.isEqualTo("/actuator/health/liveness");
				}
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "overlays/dev", "overlays/prod" })
	void limitsEveryContainerAndSizesTheJvmFromTheLimit(String overlay) {
		for (Map<String, Object> deployment : render(overlay).ofKind("Deployment")) {
			for (Map<String, Object> container : containers(deployment)) {
				String where = name(deployment) + "/" + string(container, "name");
				Map<String, Object> resources = mapAt(container, "resources");
				for (String kind : List.of("requests", "limits")) {
					assertThat(mapAt(resources, kind)).as(where + " " + kind).containsKeys("cpu", "memory");
				}
				if (isJavaService(container)) {
					assertThat(bytes(string(resources, "requests", "memory")))
						.as(where + ": a JVM keeps what it takes, so its memory request is its limit")
						.isEqualTo(bytes(string(resources, "limits", "memory")));
					assertThat(env(container).get("JAVA_TOOL_OPTIONS")).as(where + " JAVA_TOOL_OPTIONS")
						.isNotNull()
						.contains("-XX:MaxRAMPercentage=")
						.doesNotContain("-Xmx");
				}
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "overlays/dev", "overlays/prod" })
	void runsNothingAsRoot(String overlay) {
		for (Map<String, Object> deployment : render(overlay).ofKind("Deployment")) {
			Map<String, Object> pod = mapAt(deployment, "spec", "template", "spec");
			assertThat(at(pod, "securityContext", "runAsNonRoot")).as(name(deployment)).isEqualTo(true);
			assertThat(at(pod, "securityContext", "runAsUser")).as(name(deployment) + " numeric non-root user")
				.isInstanceOf(Integer.class)
				.isNotEqualTo(0);
			for (Map<String, Object> container : containers(deployment)) {
				String where = name(deployment) + "/" + string(container, "name");
				assertThat(at(container, "securityContext", "allowPrivilegeEscalation")).as(where).isEqualTo(false);
				assertThat(at(container, "securityContext", "privileged")).as(where).isNotEqualTo(true);
				assertThat(at(container, "securityContext", "runAsUser")).as(where).isNotEqualTo(0);
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "overlays/dev", "overlays/prod" })
	void pinsEveryImageToATag(String overlay) {
		for (Map<String, Object> deployment : render(overlay).ofKind("Deployment")) {
			for (Map<String, Object> container : containers(deployment)) {
				String image = string(container, "image");
				assertThat(image).as(name(deployment)).matches("vanguard/[a-z-]+:[A-Za-z0-9._-]+");
				assertThat(image).as(name(deployment)).doesNotEndWith(":latest");
				assertThat(string(container, "imagePullPolicy")).as(name(deployment)).isNotEqualTo("Always");
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "overlays/dev", "overlays/prod" })
	void givesEveryDeploymentAServiceAndADisruptionBudget(String overlay) {
		Manifests manifests = render(overlay);
		for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
			Map<String, Object> podLabels = mapAt(deployment, "spec", "template", "metadata", "labels");
			assertThat(podLabels).as(name(deployment) + " selects its own pods")
				.containsAllEntriesOf(mapAt(deployment, "spec", "selector", "matchLabels"));
			assertThat(manifests.ofKind("Service"))
				.as(name(deployment) + " has a Service selecting its pods on its container port")
				.anySatisfy((service) -> {
					assertThat(podLabels).containsAllEntriesOf(mapAt(service, "spec", "selector"));
					assertThat(listAt(service, "spec", "ports")).isNotEmpty()
						.allSatisfy((port) -> assertThat(containerPortNames(deployment))
							.contains(string(port, "targetPort")));
				});
			assertThat(manifests.ofKind("PodDisruptionBudget"))
				.as(name(deployment) + " has a PodDisruptionBudget that lets a drain proceed one pod at a time")
				.anySatisfy((budget) -> {
					assertThat(podLabels).containsAllEntriesOf(mapAt(budget, "spec", "selector", "matchLabels"));
					assertThat(at(budget, "spec", "maxUnavailable")).isEqualTo(1);
				});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "overlays/dev", "overlays/prod" })
	void scalesRealtimeOnConnectionsPerPodAndCpu(String overlay) {
		Map<String, Object> hpa = render(overlay).find("HorizontalPodAutoscaler", "realtime-service").orElseThrow();
		assertThat(string(hpa, "apiVersion")).isEqualTo("autoscaling/v2");
		assertThat(string(hpa, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
		assertThat(string(hpa, "spec", "scaleTargetRef", "name")).isEqualTo("realtime-service");
		List<Map<String, Object>> metrics = listAt(hpa, "spec", "metrics");
		// Micrometer's gauge websocket.active.connections, as Prometheus names it.
		assertThat(metrics).anySatisfy((metric) -> {
			assertThat(string(metric, "type")).isEqualTo("Pods");
			assertThat(string(metric, "pods", "metric", "name")).isEqualTo("websocket_active_connections");
			assertThat(string(metric, "pods", "target", "type")).isEqualTo("AverageValue");
		});
		assertThat(metrics).anySatisfy((metric) -> {
			assertThat(string(metric, "type")).isEqualTo("Resource");
			assertThat(string(metric, "resource", "name")).isEqualTo("cpu");
		});
		assertThat((Integer) at(hpa, "spec", "minReplicas")).isPositive()
			.isLessThan((Integer) at(hpa, "spec", "maxReplicas"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "overlays/dev", "overlays/prod" })
	void drainsRealtimeSocketsBeforeThePodIsKilled(String overlay) {
		Map<String, Object> deployment = render(overlay).find("Deployment", "realtime-service").orElseThrow();
		Map<String, Object> container = containers(deployment).get(0);
		List<?> preStop = (List<?>) at(container, "lifecycle", "preStop", "exec", "command");
		assertThat(preStop).as("preStop waits for the pod to leave the Service").hasSize(2).first().isEqualTo("sleep");
		int preStopSeconds = Integer.parseInt(preStop.get(1).toString());
		assertThat(preStopSeconds).isPositive();
		assertThat((Integer) at(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds"))
			.as("grace period covers preStop, closing the sockets and Spring's graceful shutdown")
			.isGreaterThan(preStopSeconds + SOCKET_DRAIN_SECONDS + SPRING_SHUTDOWN_SECONDS);
		assertThat(at(deployment, "spec", "strategy", "rollingUpdate", "maxUnavailable"))
			.as("a rollout starts a new pod before an old one sends its phones away")
			.isEqualTo(0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "overlays/dev", "overlays/prod" })
	void routesEveryPrefixAndKeepsSocketsOpen(String overlay) {
		Manifests manifests = render(overlay);
		Map<String, String> routes = new HashMap<>();
		Map<String, Map<String, Object>> ingressOf = new HashMap<>();
		for (Map<String, Object> ingress : manifests.ofKind("Ingress")) {
			for (Map<String, Object> rule : listAt(ingress, "spec", "rules")) {
				for (Map<String, Object> path : listAt(rule, "http", "paths")) {
					String key = string(path, "pathType") + " " + string(path, "path");
					routes.put(key, string(path, "backend", "service", "name"));
					ingressOf.put(key, ingress);
				}
			}
		}
		assertThat(routes).containsEntry("Prefix /api/auth", "auth-service")
			.containsEntry("Prefix /api/quizzes", "quiz-service")
			.containsEntry("Prefix /api/sessions", "session-service")
			.containsEntry("Exact /ws", "realtime-service")
			.containsEntry("Prefix /", "gateway");
		Map<String, Object> annotations = mapAt(ingressOf.get("Exact /ws"), "metadata", "annotations");
		assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout").toString()))
			.as("a lobby may sit idle between the service's pings")
			.isGreaterThanOrEqualTo(3600);
		assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-send-timeout").toString()))
			.isGreaterThanOrEqualTo(3600);
		assertThat(annotations).containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off");
		for (Map<String, Object> ingress : manifests.ofKind("Ingress")) {
			for (Map<String, Object> rule : listAt(ingress, "spec", "rules")) {
				for (Map<String, Object> path : listAt(rule, "http", "paths")) {
					String service = string(path, "backend", "service", "name");
					assertThat(manifests.find("Service", service)).as("Ingress backend " + service).isPresent();
				}
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "overlays/dev", "overlays/prod" })
	void keepsSecretValuesOutOfTheRepository(String overlay) {
		Manifests manifests = render(overlay);
		assertThat(manifests.ofKind("Secret")).as("Secrets are created in the cluster, not rendered from here")
			.isEmpty();
		for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
			for (Map<String, Object> container : containers(deployment)) {
				for (Map<String, Object> variable : listAt(container, "env")) {
					String variableName = string(variable, "name");
					if (SECRET_NAME.matcher(variableName).matches()) {
						assertThat(variable).as(name(deployment) + " " + variableName + " comes from a Secret")
							.doesNotContainKey("value");
						assertThat(at(variable, "valueFrom", "secretKeyRef")).as(name(deployment) + " " + variableName)
							.isNotNull();
					}
				}
			}
		}
		for (Map<String, Object> configMap : manifests.ofKind("ConfigMap")) {
			assertThat(mapAt(configMap, "data").keySet()).as(name(configMap))
				.noneMatch((key) -> key.matches("(?i).*(password|secret|private).*"));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "overlays/dev", "overlays/prod" })
	void resolvesEveryConfigMapReference(String overlay) {
		Manifests manifests = render(overlay);
		for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
			for (Map<String, Object> container : containers(deployment)) {
				for (Map<String, Object> variable : listAt(container, "env")) {
					Map<String, Object> ref = mapAt(variable, "valueFrom", "configMapKeyRef");
					if (!ref.isEmpty()) {
						String configMap = string(ref, "name");
						assertThat(manifests.find("ConfigMap", configMap))
							.as(name(deployment) + " " + string(variable, "name"))
							.hasValueSatisfying(
									(map) -> assertThat(mapAt(map, "data")).containsKey(string(ref, "key")));
					}
				}
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "overlays/dev", "overlays/prod" })
	void letsPrometheusScrapeEveryService(String overlay) {
		for (Map<String, Object> deployment : render(overlay).ofKind("Deployment")) {
			Map<String, Object> container = containers(deployment).get(0);
			if (!isJavaService(container)) {
				continue;
			}
			Map<String, Object> annotations = mapAt(deployment, "spec", "template", "metadata", "annotations");
			assertThat(annotations).as(name(deployment))
				.containsEntry("prometheus.io/scrape", "true")
				.containsEntry("prometheus.io/path", "/actuator/prometheus");
			assertThat(listAt(container, "ports")).as(name(deployment) + " scrape port is its container port")
				.anySatisfy((port) -> assertThat(string(port, "containerPort"))
					.isEqualTo(annotations.get("prometheus.io/port")));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "overlays/prod" })
	void runsTwoOfEveryServiceInProduction(String overlay) {
		for (Map<String, Object> deployment : render(overlay).ofKind("Deployment")) {
			assertThat((Integer) at(deployment, "spec", "replicas")).as(name(deployment)).isGreaterThanOrEqualTo(2);
		}
		assertThat(render(overlay).ofKind("ConfigMap"))
			.allSatisfy((configMap) -> assertThat(mapAt(configMap, "data")).containsEntry("demo-enabled", "false"));
	}

	private static List<Map<String, Object>> containers(Map<String, Object> deployment) {
		List<Map<String, Object>> containers = listAt(deployment, "spec", "template", "spec", "containers");
		assertThat(containers).as(name(deployment)).isNotEmpty();
		return containers;
	}

	private static boolean isJavaService(Map<String, Object> container) {
		return string(container, "image").matches("vanguard/[a-z]+-service:.*");
	}

	private static Map<String, String> env(Map<String, Object> container) {
		Map<String, String> values = new HashMap<>();
		for (Map<String, Object> variable : listAt(container, "env")) {
			values.put(string(variable, "name"), string(variable, "value"));
		}
		return values;
	}

	private static Set<String> containerPortNames(Map<String, Object> deployment) {
		return containers(deployment).stream()
			.flatMap((container) -> listAt(container, "ports").stream())
			.flatMap((port) -> Stream.of(string(port, "name"), string(port, "containerPort")))
			.collect(Collectors.toSet());
	}

	/** Every Spring Boot service module of the reactor: a Deployment each. */
	private static Set<String> serviceModules() throws IOException {
		try (Stream<Path> children = Files.list(Manifests.root())) {
			return children.filter((dir) -> dir.getFileName().toString().endsWith("-service"))
				.filter((dir) -> Files.exists(dir.resolve("pom.xml")))
				.map((dir) -> dir.getFileName().toString())
				.collect(Collectors.toSet());
		}
	}

	private static long bytes(String quantity) {
		Matcher matcher = Pattern.compile("(\\d+)(Ki|Mi|Gi)?").matcher(quantity);
		assertThat(matcher.matches()).as("memory quantity " + quantity).isTrue();
		long value = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "";
		return switch (unit) {
			case "Ki" -> value << 10;
			case "Mi" -> value << 20;
			case "Gi" -> value << 30;
			default -> value;
		};
	}

}
