package dev.cairn.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

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
import dev.cairn.api.agent.RetryableException;
import dev.cairn.api.run.RunOutcome;
import dev.cairn.api.run.RunRequest;
import dev.cairn.api.run.RunService;
import dev.cairn.api.store.RunDetails;
import dev.cairn.api.store.RunStore;
import dev.cairn.api.store.StepRecord;
import dev.cairn.api.template.StackTemplate;

/**
 * The orchestrator inside the framework, with agents registered by the test: retries only what is retryable and
 * records each attempt, never retries a deterministic failure, and keeps the agents it pinned at the start even when
 * a higher-ranked one arrives mid-run.
 */
class PipelineTest {
	@InjectBundleContext
	BundleContext context;

	@InjectService
	RunService runs;

	@InjectService
	RunStore store;

	private final List<ServiceRegistration<?>> registered = new ArrayList<>();
	private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
	private Path home;

	@AfterEach
	void unregister() {
		registered.forEach(ServiceRegistration::unregister);
	}

	private void agent(String role, String id, int ranking, Agent agent) {
		registered.add(context.registerService(Agent.class, agent,
				new Hashtable<>(Map.of("agent.role", role, "agent.id", id, "service.ranking", ranking))));
	}

	private RunOutcome run() throws Exception {
		home = Files.createTempDirectory(Path.of(context.getProperty("cairn.itest.dir")), "home");
		return runs.run(new RunRequest("an itest project", null, null, List.of(), "none", 7, Duration.ofMinutes(1), home),
				line -> calls.add("progress: " + line));
	}

	/** A requirements agent that picks the test's template, failing transiently {@code flaky} times first. */
	private void requirements(int flaky) {
		AtomicInteger attempts = new AtomicInteger();
		registered.add(context.registerService(StackTemplate.class, new RegistryHotDeployTest.NoopTemplate(),
				new Hashtable<>(Map.of("template.id", "itest-template", "template.stack", "itest"))));
		agent("requirements", "flaky-requirements", 1000, ctx -> {
			if (attempts.incrementAndGet() <= flaky) {
				throw new RetryableException("package index timed out (attempt " + attempts.get() + ")", null);
			}
			ctx.put(Keys.TEMPLATE, ctx.templates().stream().filter(t -> t.info().id().equals("itest-template"))
					.findFirst().orElseThrow());
			ctx.put(Keys.SPEC, Map.of("title", "itest"));
		});
	}

	@Test
	void retryableFailuresAreRetriedAndEveryAttemptIsRecordedWithItsReason() throws Exception {
		requirements(2);
		agent("coding", "quiet-coder", 1000, ctx -> calls.add("coding"));
		agent("testing", "quiet-tester", 1000, ctx -> calls.add("testing"));
		agent("documentation", "quiet-docs", 1000, ctx -> calls.add("documentation"));

		RunOutcome outcome = run();
		assertEquals(0, outcome.exitCode(), String.valueOf(outcome.error()));
		assertEquals(3, outcome.steps().get(0).attempts());
		assertEquals("itest", outcome.stack());
		RunDetails details = store.ledger(home).details(outcome.runId()).orElseThrow();
		List<StepRecord> requirements = details.steps().stream().filter(s -> s.role().equals("requirements")).toList();
		assertEquals(List.of("failed", "failed", "succeeded"), requirements.stream().map(StepRecord::status).toList());
		assertTrue(requirements.get(1).retryReason().contains("package index timed out (attempt 1)"),
				requirements.get(1).toString());
		assertEquals("itest-template", details.run().template().id(), "the chosen template is recorded on the run");
		assertTrue(details.spans() >= 5, "one agent span per step plus the run");
		assertTrue(calls.stream().anyMatch(c -> c.contains("retrying in")), calls.toString());
	}

	@Test
	void deterministicFailureIsNotRetriedAndEndsTheRunWithItsExitCode() throws Exception {
		requirements(0);
		AtomicInteger codingAttempts = new AtomicInteger();
		agent("coding", "failing-coder", 1000, ctx -> {
			codingAttempts.incrementAndGet();
			throw new CairnException(ExitCode.BLOCKED, "refused to write '../x': outside the workspace");
		});
		agent("testing", "quiet-tester", 1000, ctx -> calls.add("testing"));
		agent("documentation", "quiet-docs", 1000, ctx -> calls.add("documentation"));

		RunOutcome outcome = run();
		assertEquals(6, outcome.exitCode());
		assertEquals("blocked", outcome.status());
		assertEquals(1, codingAttempts.get(), "a deterministic failure is not retried");
		assertTrue(!calls.contains("testing"), "later roles do not run");
		assertEquals("blocked", store.ledger(home).run(outcome.runId()).orElseThrow().status());
	}

	@Test
	void aRunKeepsThePinnedAgentsWhileAHigherRankedOneArrivesMidRun() throws Exception {
		requirements(0);
		agent("coding", "first-coder", 1000, ctx -> {
			calls.add("first-coder");
			// a team deploys a better coding agent while this run is in flight
			agent("testing", "late-tester", 5000, late -> calls.add("late-tester"));
		});
		agent("testing", "pinned-tester", 1000, ctx -> calls.add("pinned-tester"));
		agent("documentation", "quiet-docs", 1000, ctx -> {
		});

		RunOutcome first = run();
		assertEquals(0, first.exitCode(), String.valueOf(first.error()));
		assertTrue(calls.contains("pinned-tester") && !calls.contains("late-tester"), calls.toString());
		assertEquals("pinned-tester", first.steps().get(2).agent().id());

		RunOutcome next = run();
		assertEquals("late-tester", next.steps().get(2).agent().id(), "the next run uses the newcomer");
	}
}
