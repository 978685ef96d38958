package dev.cairn.agent.documentation.internal;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.agent.Keys;
import dev.cairn.api.agent.RunContext;
import dev.cairn.api.model.ModelException;
import dev.cairn.api.model.ModelRequest;
import dev.cairn.api.model.ModelSession;

/**
 * README sections the model writes beside the template's: an overview, and known limitations the template could not
 * foresee. Structured output; both are marked as model-written in the README.
 */
record ModelSections(String overview, String limitations) {
	static final ModelSections NONE = new ModelSections("", "");
	static final String PURPOSE = "documentation.readme";
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final String SCHEMA = """
			{"type":"object","additionalProperties":false,"required":["overview","limitations"],
			 "properties":{"overview":{"type":"string","maxLength":3000},
			               "limitations":{"type":"array","maxItems":10,"items":{"type":"string","maxLength":400}}}}""";

	static ModelSections write(RunContext ctx, ModelSession model, Map<String, Object> spec, String readme) {
		try {
			Keys.TestTotals tests = ctx.get(Keys.TESTS).orElse(new Keys.TestTotals(0, 0, 0));
			ModelRequest request = ModelRequest.builder(PURPOSE).instructions("""
					You are the Documentation agent of Cairn. Write, for the project's README, an overview (one or two \
					short paragraphs of Markdown: what the project does and how it is organised) and the known limitations \
					a user should be aware of beyond those the template lists. Be factual; do not invent features.""")
					.user("Spec:\n" + JSON.writeValueAsString(spec) + "\n\nTests: " + tests.passed() + " passed, "
							+ tests.failed() + " failed\n\nREADME so far:\n" + readme)
					.jsonSchema("readme_sections", SCHEMA).build();
			JsonNode answer = JSON.readTree(model.respond(request).text());
			String overview = answer.path("overview").asText("").strip();
			StringBuilder limits = new StringBuilder();
			for (JsonNode l : answer.path("limitations")) {
				if (!l.asText().isBlank()) {
					limits.append("- ").append(l.asText().strip().replace('\n', ' ')).append(" (model)\n");
				}
			}
			return new ModelSections(overview.isEmpty() ? "" : "## Overview\n\n_Written by the model._\n\n" + overview + "\n\n",
					limits.toString());
		} catch (ModelException e) {
			throw new CairnException(ExitCode.MODEL, e.getMessage());
		} catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			throw new CairnException(ExitCode.MODEL, "the model's README sections are not the JSON asked for: "
					+ e.getOriginalMessage());
		}
	}

}
