package dev.cairn.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.agent.Agent;
import dev.cairn.api.agent.Keys;
import dev.cairn.api.config.Settings;
import dev.cairn.api.guard.GuardDecision;
import dev.cairn.api.guard.GuardSubject;
import dev.cairn.api.run.RunOutcome;
import dev.cairn.api.run.RunRequest;
import dev.cairn.api.run.RunService;
import dev.cairn.api.template.StackTemplate;

/**
 * An operator swaps the guard policy by editing configs/ while Cairn runs: the run in flight keeps the policy it
 * pinned (permissive: an MPL-2.0 dependency is warned), the next run uses the new one (strict: blocked, exit 6).
 */
class PolicySwapTest {
	@InjectBundleContext
	BundleContext context;

	@InjectService
	RunService runs;

	@InjectService
	Settings settings;

	private final List<ServiceRegistration<?>> registered = new ArrayList<>();
	private final List<String> verdicts = Collections.synchronizedList(new ArrayList<>());
	private Path settingsFile;
	private String original;

	@AfterEach
	void restore() throws Exception {
		registered.forEach(ServiceRegistration::unregister);
		WatchedFoldersTest.replace(settingsFile, original.getBytes(StandardCharsets.UTF_8));
		Await.until("policy setting restored", () -> settings.get("policy").isEmpty());
	}

	private void agent(String role, Agent agent) {
		registered.add(context.registerService(Agent.class, agent,
				new Hashtable<>(Map.of("agent.role", role, "agent.id", "policy-" + role, "service.ranking", 9500))));
	}

	@Test
	void aRunKeepsItsPolicyAndTheNextRunUsesTheSwappedOne() throws Exception {
		settingsFile = Path.of(context.getProperty("cairn.itest.dir")).resolve("configs").resolve("dev.cairn.settings.cfg");
		original = Files.readString(settingsFile);
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch hold = new CountDownLatch(1);
		registered.add(context.registerService(StackTemplate.class, new RegistryHotDeployTest.NoopTemplate(),
				new Hashtable<>(Map.of("template.id", "policy-template", "template.stack", "itest"))));
		agent("requirements", ctx -> {
			ctx.put(Keys.TEMPLATE, ctx.templates().stream().filter(t -> t.info().id().equals("policy-template"))
					.findFirst().orElseThrow());
			ctx.put(Keys.SPEC, Map.of("title", "policy"));
		});
		agent("coding", ctx -> {
			started.countDown();
			hold.await(30, TimeUnit.SECONDS);
		});
		agent("testing", ctx -> {
			GuardDecision d = ctx.get(Keys.POLICY).orElseThrow().check(
					new GuardSubject("dependency", "certifi", Map.of("licence", "MPL-2.0", "version", "1")));
			verdicts.add(d.policy() + ":" + d.verdict());
			if (d.verdict() == GuardDecision.Verdict.BLOCK) {
				throw new CairnException(ExitCode.BLOCKED, d.reason());
			}
		});
		agent("documentation", ctx -> {
		});
		Path home = Files.createTempDirectory(Path.of(context.getProperty("cairn.itest.dir")), "policy");
		RunRequest request = new RunRequest("a policy project", null, null, List.of(), "none", 3, Duration.ofMinutes(1), home);

		CompletableFuture<RunOutcome> inFlight = CompletableFuture.supplyAsync(() -> runs.run(request, line -> {
		}));
		assertTrue(started.await(30, TimeUnit.SECONDS));
		WatchedFoldersTest.replace(settingsFile, (original + "\npolicy = strict\n").getBytes(StandardCharsets.UTF_8));
		Await.until("strict is the policy setting", () -> settings.get("policy").map(v -> v.value().equals("strict"))
				.orElse(false));
		hold.countDown();
		RunOutcome first = inFlight.get(60, TimeUnit.SECONDS);
		assertEquals(0, first.exitCode(), String.valueOf(first.error()));

		RunOutcome next = runs.run(request, line -> {
		});
		assertEquals(6, next.exitCode(), "strict blocks the MPL-2.0 dependency");
		assertEquals(List.of("permissive:WARN", "strict:BLOCK"), verdicts);
	}
}
