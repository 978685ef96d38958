package dev.cairn.agent.documentation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

import dev.cairn.api.store.DependencyRecord;

/** The SBOM Cairn writes is valid CycloneDX 1.6 by the CycloneDX library's own schema validation, and says what it should. */
class SbomTest {
	static final List<DependencyRecord> DEPS = List.of(
			new DependencyRecord("R", "fastapi", "0.142.2", "pkg:pypi/fastapi@0.142.2", "MIT"),
			new DependencyRecord("R", "packaging", "26.3", "pkg:pypi/packaging@26.3", "Apache-2.0 OR BSD-2-Clause"),
			new DependencyRecord("R", "certifi", "2026.7.22", "pkg:pypi/certifi@2026.7.22", "Mozilla Public License 2.0 (MPL 2.0)"),
			new DependencyRecord("R", "@types/node", "20.9.5", "pkg:npm/%40types/node@20.9.5", "MIT"),
			new DependencyRecord("R", "mystery", "1.0", "pkg:pypi/mystery@1.0", null));

	@Test
	void validCycloneDx16WithPurlsAndLicences() throws Exception {
		byte[] sbom = Sbom.write("01RUN", "Books API", "0.1.0", Instant.parse("2026-11-28T04:00:00Z"), DEPS);
		JsonParser parser = new JsonParser();
		assertEquals(List.of(), parser.validate(sbom, Version.VERSION_16), new String(sbom));
		Bom bom = parser.parse(sbom);
		assertEquals("1.6", bom.getSpecVersion());
		assertEquals(5, bom.getComponents().size());
		assertEquals("pkg:npm/%40types/node@20.9.5", bom.getComponents().get(3).getPurl());
		assertEquals("MIT", bom.getComponents().get(0).getLicenses().getLicenses().get(0).getId());
		assertEquals("Apache-2.0 OR BSD-2-Clause", bom.getComponents().get(1).getLicenses().getExpression().getValue());
		assertEquals("Mozilla Public License 2.0 (MPL 2.0)",
				bom.getComponents().get(2).getLicenses().getLicenses().get(0).getName());
		assertTrue(bom.getComponents().get(4).getLicenses() == null, "no licence declared, none invented");
		assertEquals(5, bom.getDependencies().get(0).getDependencies().size());
		assertEquals(new String(sbom), new String(Sbom.write("01RUN", "Books API", "0.1.0",
				Instant.parse("2026-11-28T04:00:00Z"), DEPS)), "deterministic for the same run");
	}
}
