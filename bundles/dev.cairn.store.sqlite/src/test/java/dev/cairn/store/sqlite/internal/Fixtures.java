package dev.cairn.store.sqlite.internal;

import java.time.Instant;
import java.util.List;

import dev.cairn.api.store.PluginRef;
import dev.cairn.api.store.RunIds;
import dev.cairn.api.store.RunRecord;

/** Test data shaped like a real FastAPI run. */
final class Fixtures {
	private Fixtures() {
	}

	static RunRecord run(String prompt, String stack) {
		return run(RunIds.next(), prompt, stack, Instant.now());
	}

	static RunRecord run(String id, String prompt, String stack, Instant started) {
		return new RunRecord(id, prompt, List.of("docs/spec.md"), "running", null, stack,
				new PluginRef("fastapi-crud", "1.0.0", "dev.cairn.template.fastapi", "1.0.0"), "none", null, 42,
				"0.1.0", "/home/dev/.cairn", "/home/dev/.cairn/runs/" + id + "/project", "/home/dev/.cairn/runs/" + id,
				started, null, null);
	}
}
