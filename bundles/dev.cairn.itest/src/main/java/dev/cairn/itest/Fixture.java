package dev.cairn.itest;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import dev.cairn.api.registry.PluginInfo;
import dev.cairn.api.registry.PluginRegistry;
import dev.cairn.itest.fixture.variants.FixtureVariants;

/** The sample template bundle, re-versioned on demand, and what the registry says about it. */
final class Fixture {
	static final String ID = "sample";

	private Fixture() {
	}

	static byte[] jar(String version, int ranking) throws IOException {
		try (InputStream in = Fixture.class.getClassLoader().getResourceAsStream(FixtureVariants.RESOURCE)) {
			if (in == null) {
				throw new IOException("fixture jar missing from the test bundle: " + FixtureVariants.RESOURCE);
			}
			return FixtureVariants.variant(in, version, ranking);
		}
	}

	static List<PluginInfo> listed(PluginRegistry registry) {
		return registry.templates().stream().filter(p -> ID.equals(p.id())).toList();
	}

	/** The version a run starting now would pin, if any. */
	static Optional<String> selectedVersion(PluginRegistry registry) {
		return registry.template(ID).map(p -> p.info().version());
	}
}
