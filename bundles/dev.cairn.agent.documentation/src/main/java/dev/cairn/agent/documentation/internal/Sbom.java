package dev.cairn.agent.documentation.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.cairn.api.store.DependencyRecord;

/**
 * The generated project's software bill of materials as CycloneDX 1.6 JSON: the project as the metadata component,
 * every resolved package as a library component with its purl and declared licence (an SPDX id where it is one,
 * an expression for {@code OR}/{@code AND}, the declared name otherwise), and the project's dependency on each.
 * Conformance with the CycloneDX 1.6 schema is checked by the tests with the CycloneDX library's own validator.
 */
final class Sbom {
	/** SPDX ids the packages of Cairn's stacks declare; anything else is written as a licence name. */
	static final Set<String> SPDX_IDS = Set.of("MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "ISC", "0BSD",
			"MPL-2.0", "PSF-2.0", "Python-2.0", "Unlicense", "CC0-1.0", "CC-BY-4.0", "BlueOak-1.0.0", "Zlib", "HPND",
			"LGPL-3.0-or-later", "LGPL-2.1-or-later", "GPL-2.0-only", "GPL-3.0-only", "GPL-3.0-or-later", "Python-2.0.1");
	// keys sorted: Map.of iterates in a per-JVM random order, and the same run must give the same bytes (replay)
	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
			.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

	private Sbom() {
	}

	static byte[] write(String runId, String projectName, String cairnVersion, Instant created,
			List<DependencyRecord> dependencies) throws JsonProcessingException {
		Map<String, Object> bom = new LinkedHashMap<>();
		bom.put("bomFormat", "CycloneDX");
		bom.put("specVersion", "1.6");
		bom.put("serialNumber", "urn:uuid:" + UUID.nameUUIDFromBytes(("cairn-run:" + runId).getBytes(StandardCharsets.UTF_8)));
		bom.put("version", 1);
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("timestamp", created.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
		metadata.put("tools", Map.of("components", List.of(Map.of("type", "application", "name", "cairn", "version",
				cairnVersion == null ? "unknown" : cairnVersion))));
		metadata.put("component", Map.of("type", "application", "bom-ref", "project", "name", projectName));
		bom.put("metadata", metadata);
		List<Map<String, Object>> components = new ArrayList<>();
		List<String> refs = new ArrayList<>();
		for (DependencyRecord d : dependencies) {
			Map<String, Object> c = new LinkedHashMap<>();
			c.put("type", "library");
			c.put("bom-ref", d.purl());
			c.put("name", d.name());
			c.put("version", d.version());
			c.put("purl", d.purl());
			if (d.licence() != null && !d.licence().isBlank()) {
				c.put("licenses", List.of(licence(d.licence().trim())));
			}
			components.add(c);
			refs.add(d.purl());
		}
		bom.put("components", components);
		bom.put("dependencies", List.of(Map.of("ref", "project", "dependsOn", refs)));
		return JSON.writeValueAsBytes(bom);
	}

	static Map<String, Object> licence(String declared) {
		if (SPDX_IDS.contains(declared)) {
			return Map.of("license", Map.of("id", declared));
		}
		if (declared.matches("[A-Za-z0-9.+-]+(\\s+(OR|AND)\\s+[A-Za-z0-9.+-]+)+")
				&& java.util.Arrays.stream(declared.split("\\s+(?:OR|AND)\\s+")).allMatch(SPDX_IDS::contains)) {
			return Map.of("expression", declared);
		}
		return Map.of("license", Map.of("name", declared.length() > 200 ? declared.substring(0, 200) : declared));
	}
}
