package dev.cairn.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

import dev.cairn.api.agent.Agent;
import dev.cairn.api.agent.Keys;
import dev.cairn.api.registry.Pinned;
import dev.cairn.api.registry.PluginRegistry;
import dev.cairn.api.run.RunOutcome;
import dev.cairn.api.run.RunRequest;
import dev.cairn.api.run.RunService;
import dev.cairn.api.template.ProjectFiles;
import dev.cairn.api.template.StackTemplate;

/**
 * The template SDK end to end inside the framework: a template bundle built against the API alone (the fixture, not
 * part of Cairn's runtime) is installed while Cairn runs and a run renders with it; a higher version with a higher
 * ranking, installed while a run is in flight, is used by the next run, and the run in flight finishes with the
 * version it pinned.
 */
class TemplateSdkTest {
	@InjectBundleContext
	BundleContext context;

	@InjectService
	RunService runs;

	@InjectService
	PluginRegistry registry;

	private final List<Bundle> installed = new ArrayList<>();
	private final List<ServiceRegistration<?>> registered = new ArrayList<>();

	@AfterEach
	void cleanUp() throws Exception {
		registered.forEach(ServiceRegistration::unregister);
		for (Bundle b : installed) {
			b.uninstall();
		}
		Await.until("no sample template left", () -> Fixture.listed(registry).isEmpty());
	}

	private void install(String version, int ranking) throws Exception {
		Bundle b = context.installBundle("itest:sdk-sample-" + version,
				new ByteArrayInputStream(Fixture.jar(version, ranking)));
		installed.add(b);
		b.start();
	}

	private void agent(String role, Agent agent) {
		registered.add(context.registerService(Agent.class, agent,
				new Hashtable<>(Map.of("agent.role", role, "agent.id", "sdk-" + role, "service.ranking", 9000))));
	}

	/** Agents that choose the template the way the Requirements agent does and render through the contract. */
	private void pipeline(CountDownLatch holdCoding, CountDownLatch codingStarted) {
		agent("requirements", ctx -> {
			Pinned<StackTemplate> best = ctx.templates().stream()
					.filter(t -> t.service().fit(ctx.prompt()).score() > 0.5).findFirst().orElseThrow();
			ctx.put(Keys.TEMPLATE, best);
			ctx.put(Keys.SPEC, Map.of("title", "SDK demo"));
		});
		agent("coding", ctx -> {
			codingStarted.countDown();
			holdCoding.await(30, TimeUnit.SECONDS);
			Pinned<StackTemplate> t = ctx.get(Keys.TEMPLATE).orElseThrow();
			Files.createDirectories(ctx.workspace());
			t.service().render(ctx.get(Keys.SPEC).orElseThrow(), new ProjectFiles() {
				@Override
				public void write(String path, byte[] content) throws java.io.IOException {
					Files.write(ctx.workspace().resolve(path), content);
				}

				@Override
				public void executable(String path) {
				}
			});
		});
		agent("testing", ctx -> {
		});
		agent("documentation", ctx -> {
		});
	}

	private RunOutcome run(Path home) throws Exception {
		return runs.run(new RunRequest("a demo project", null, null, List.of(), "none", 1, Duration.ofMinutes(1), home),
				line -> {
				});
	}

	@Test
	void aRuntimeInstalledTemplateIsUsedAndAnUpgradeMidRunOnlyAffectsTheNextRun() throws Exception {
		Path home = Files.createTempDirectory(Path.of(context.getProperty("cairn.itest.dir")), "sdk");
		CountDownLatch hold = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		pipeline(hold, started);
		install("1.0.0", 10);
		Await.until("1.0.0 selected", () -> Fixture.selectedVersion(registry), Optional.of("1.0.0")::equals);

		CompletableFuture<RunOutcome> inFlight = CompletableFuture.supplyAsync(() -> {
			try {
				return run(home);
			} catch (Exception e) {
				throw new IllegalStateException(e);
			}
		});
		assertTrue(started.await(30, TimeUnit.SECONDS), "the first run reached the coding step");
		// a team drops a better version into deploy/ while the first run is in flight
		install("2.0.0", 20);
		Await.until("2.0.0 selected", () -> Fixture.selectedVersion(registry), Optional.of("2.0.0")::equals);
		hold.countDown();
		RunOutcome first = inFlight.get(60, TimeUnit.SECONDS);
		assertEquals(0, first.exitCode(), String.valueOf(first.error()));
		assertEquals("1.0.0", first.template().version());
		assertTrue(Files.readString(Path.of(first.workspace()).resolve("README.md")).contains("Rendered by sample 1.0.0"),
				"the run in flight finished with the version it pinned");

		RunOutcome next = run(home);
		assertEquals(0, next.exitCode(), String.valueOf(next.error()));
		assertEquals("2.0.0", next.template().version());
		assertEquals("dev.cairn.itest.fixture", next.template().bundle());
		assertTrue(Files.readString(Path.of(next.workspace()).resolve("README.md")).contains("Rendered by sample 2.0.0"),
				"the next run uses the upgrade");
	}
}
