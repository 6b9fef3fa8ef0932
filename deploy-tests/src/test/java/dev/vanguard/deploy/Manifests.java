package dev.vanguard.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The objects {@code kubectl kustomize} renders from one directory of {@code deploy/k8s},
 * as plain YAML trees. kubectl is the machine's (Debian's {@code kubernetes-client},
 * which {@code ./vanguard test} installs when it is missing); a missing kubectl fails the
 * tests rather than skipping them.
 */
final class Manifests {

	private final List<Map<String, Object>> objects;

	private Manifests(List<Map<String, Object>> objects) {
		this.objects = objects;
	}

	static Path root() {
		return Path.of(System.getProperty("vanguard.root", "..")).toAbsolutePath().normalize();
	}

	static Manifests render(String directory) {
		Path dir = root().resolve("deploy/k8s").resolve(directory);
		String kubectl = System.getProperty("vanguard.kubectl", "kubectl");
		try {
			Path out = Files.createTempFile("vanguard-k8s", ".yaml");
			Path err = Files.createTempFile("vanguard-k8s", ".err");
			try {
				Process process = new ProcessBuilder(kubectl, "kustomize", dir.toString()).redirectOutput(out.toFile())
					.redirectError(err.toFile())
					.start();
				if (!process.waitFor(60, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException("kubectl kustomize " + dir + " did not finish within 60 s");
				}
				if (process.exitValue() != 0) {
					throw new IllegalStateException("kubectl kustomize " + dir + " failed:\n" + Files.readString(err));
				}
				return parse(Files.readString(out, StandardCharsets.UTF_8));
			}
			finally {
				Files.deleteIfExists(out);
				Files.deleteIfExists(err);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"Could not run '" + kubectl + " kustomize' (install Debian's kubernetes-client: "
							+ "apt-get install kubernetes-client, or run ./vanguard test, which does)",
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static Manifests parse(String yaml) {
		List<Map<String, Object>> objects = new ArrayList<>();
		for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
			if (document != null) {
				objects.add(map(document));
			}
		}
		return new Manifests(List.copyOf(objects));
	}

	List<Map<String, Object>> all() {
		return this.objects;
	}

	List<Map<String, Object>> ofKind(String kind) {
		return this.objects.stream().filter((object) -> kind.equals(object.get("kind"))).toList();
	}

	Optional<Map<String, Object>> find(String kind, String name) {
		return ofKind(kind).stream().filter((object) -> name.equals(name(object))).findFirst();
	}

	static String name(Map<String, Object> object) {
		return string(object, "metadata", "name");
	}

	/** The value at this path of keys, or null when any step is missing. */
	static Object at(Object node, String... keys) {
		Object current = node;
		for (String key : keys) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return current;
	}

	static String string(Object node, String... keys) {
		Object value = at(node, keys);
		return (value != null) ? value.toString() : null;
	}

	static Map<String, Object> mapAt(Object node, String... keys) {
		Object value = at(node, keys);
		return (value != null) ? map(value) : Map.of();
	}

	static List<Map<String, Object>> listAt(Object node, String... keys) {
		Object value = at(node, keys);
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?> list)) {
			throw new IllegalArgumentException("Not a list at " + String.join(".", keys) + ": " + value);
		}
		return list.stream().map(Manifests::map).toList();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		if (!(value instanceof Map<?, ?>)) {
			throw new IllegalArgumentException("Not a mapping: " + value);
		}
		return (Map<String, Object>) value;
	}

}
