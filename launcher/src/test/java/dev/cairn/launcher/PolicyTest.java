package dev.cairn.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Guard policies swapped without touching code: `./agent policy strict` makes the next FastAPI run fail with exit 6
 * (its certifi dependency is MPL-2.0, which strict refuses) and roll back; editing `policy = audit` into the
 * settings file in configs/ lets the next run through with every would-be block recorded. Each decision in the
 * ledger names the policy and version that made it.
 */
class PolicyTest {
	static final ObjectMapper JSON = new ObjectMapper();
	static final String BOOKS = "A FastAPI CRUD service for books with title, author and year";

	@TempDir
	Path dir;

	@Test
	void switchingThePolicyChangesTheNextRunsVerdict() throws Exception {
		AgentProcess agent = new AgentProcess(dir);
		AgentProcess.Result listed = agent.run("policy", "--json");
		assertEquals(0, listed.exitCode(), listed.stderr());
		JsonNode policies = JSON.readTree(listed.stdout());
		assertEquals(List.of("audit", "permissive", "strict"), policies.findValuesAsText("name"));
		assertTrue(policies.get(1).get("active").asBoolean(), "permissive is the default");

		AgentProcess.Result set = agent.run("policy", "strict");
		assertEquals(0, set.exitCode(), set.stderr());
		AgentProcess.Result blocked = agent.run("run", "--json", BOOKS);
		assertEquals(6, blocked.exitCode(), blocked.stdout() + blocked.stderr());
		JsonNode b = JSON.readTree(blocked.stdout());
		assertEquals("blocked", b.get("status").asText());
		assertTrue(b.get("error").get("message").asText().contains("certifi"), b.get("error").toString());
		assertFalse(Files.exists(Path.of(b.get("workspace").asText())), "the blocked run is rolled back");
		JsonNode decisions = JSON.readTree(agent.run("show", "--json", b.get("run_id").asText()).stdout()).get("decisions");
		JsonNode certifi = null;
		for (JsonNode d : decisions) {
			if (d.get("subject").asText().startsWith("certifi@")) {
				certifi = d;
			}
		}
		assertEquals("block", certifi.get("verdict").asText());
		assertEquals("strict", certifi.get("policy").asText());
		assertEquals("1.0.0", certifi.get("policy_version").asText());

		// an operator edits the file instead of using the command
		Path settings = agent.configs.resolve("dev.cairn.settings.cfg");
		Files.writeString(settings, Files.readString(settings).replace("policy = strict", "policy = audit"));
		AgentProcess.Result audited = agent.run("run", "--json", BOOKS);
		assertEquals(0, audited.exitCode(), audited.stdout() + audited.stderr());
		JsonNode a = JSON.readTree(audited.stdout());
		JsonNode recorded = JSON.readTree(agent.run("show", "--json", a.get("run_id").asText()).stdout()).get("decisions");
		boolean wouldHaveWarned = false;
		for (JsonNode d : recorded) {
			assertEquals("audit", d.get("policy").asText());
			assertEquals("allow", d.get("verdict").asText(), "audit blocks nothing");
			wouldHaveWarned |= d.get("reason").asText().startsWith("audit only, would");
		}
		assertTrue(wouldHaveWarned, "audit records what it would have done");
	}
}
