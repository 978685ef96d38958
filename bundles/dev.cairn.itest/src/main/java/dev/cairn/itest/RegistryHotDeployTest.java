package dev.cairn.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

import dev.cairn.api.agent.Agent;
import dev.cairn.api.agent.AgentRole;
import dev.cairn.api.registry.Pinned;
import dev.cairn.api.registry.PluginInfo;
import dev.cairn.api.registry.PluginRegistry;
import dev.cairn.api.template.Fit;
import dev.cairn.api.template.StackTemplate;
import dev.cairn.api.template.TemplateDescriptor;

/**
 * The whiteboard follows the framework live: template bundles installed, upgraded and uninstalled at runtime, and
 * agents registered with different rankings. A pinned service stays usable for the run that pinned it.
 */
class RegistryHotDeployTest {
	@InjectBundleContext
	BundleContext context;

	@InjectService
	PluginRegistry registry;

	private final List<Bundle> installed = new ArrayList<>();
	private final List<ServiceRegistration<?>> registered = new ArrayList<>();

	@AfterEach
	void cleanUp() throws Exception {
		for (Bundle b : installed) {
			if (b.getState() != Bundle.UNINSTALLED) {
				b.uninstall();
			}
		}
		for (ServiceRegistration<?> r : registered) {
			try {
				r.unregister();
			} catch (IllegalStateException alreadyGone) {
				// the test unregistered it itself
			}
		}
		Await.until("no sample template left", () -> Fixture.listed(registry).isEmpty());
	}

	private Bundle install(String version, int ranking) throws Exception {
		Bundle b = context.installBundle("itest:sample-" + version + "-" + ranking,
				new ByteArrayInputStream(Fixture.jar(version, ranking)));
		installed.add(b);
		b.start();
		return b;
	}

	@Test
	void installedTemplateIsListedThenHigherRankedVersionWinsThenUninstallFallsBack() throws Exception {
		assertTrue(Fixture.listed(registry).isEmpty(), "no sample template before the test installs one");

		Bundle v1 = install("1.0.0", 10);
		Await.until("1.0.0 selected", () -> Fixture.selectedVersion(registry), Optional.of("1.0.0")::equals);
		PluginInfo first = Fixture.listed(registry).get(0);
		assertEquals("demo", first.role());
		assertEquals("dev.cairn.itest.fixture", first.bundle());
		assertEquals(10, first.ranking());
		assertTrue(first.selected());

		// a run starting now pins 1.0.0 ...
		Pinned<StackTemplate> inFlight = registry.template(Fixture.ID).orElseThrow();

		Bundle v2 = install("1.1.0", 20);
		Await.until("1.1.0 selected", () -> Fixture.selectedVersion(registry), Optional.of("1.1.0")::equals);
		List<PluginInfo> both = Fixture.listed(registry);
		assertEquals(2, both.size(), "both versions are listed: " + both);
		assertEquals("1.1.0", both.get(0).version());
		assertTrue(both.get(0).selected());
		assertEquals("1.0.0", both.get(1).version());
		assertFalse(both.get(1).selected());

		// ... and keeps the service it started with while the newer one serves the next run
		assertEquals("1.0.0", inFlight.service().descriptor().version());
		assertEquals("1.0.0", inFlight.info().version());

		v2.uninstall();
		Await.until("back to 1.0.0", () -> Fixture.selectedVersion(registry), Optional.of("1.0.0")::equals);
		v1.uninstall();
		Await.until("sample gone", () -> Fixture.selectedVersion(registry), Optional.<String>empty()::equals);
	}

	@Test
	void rankingDecidesBeforeVersion() throws Exception {
		install("2.0.0", 5);
		install("1.5.0", 50);
		Await.until("two versions listed", () -> Fixture.listed(registry).size() == 2);
		assertEquals(Optional.of("1.5.0"), Fixture.selectedVersion(registry));
	}

	@Test
	void equalRankingPrefersTheHigherVersion() throws Exception {
		install("1.0.0", 10);
		install("1.0.1", 10);
		Await.until("two versions listed", () -> Fixture.listed(registry).size() == 2);
		assertEquals(Optional.of("1.0.1"), Fixture.selectedVersion(registry));
	}

	@Test
	void templateWithoutIdIsNotListed() {
		Hashtable<String, Object> props = new Hashtable<>(Map.of("template.stack", "broken"));
		registered.add(context.registerService(StackTemplate.class, new NoopTemplate(), props));
		assertTrue(registry.templates().stream().noneMatch(p -> "broken".equals(p.role())),
				"a template that does not say its id is ignored: " + registry.templates());
	}

	@Test
	void highestRankedAgentPerRoleIsSelectedAndFollowsUnregistration() {
		Agent low = context -> {
		};
		Agent high = context -> {
		};
		registered.add(context.registerService(Agent.class, low,
				new Hashtable<>(Map.of("agent.role", "coding", "agent.id", "low", "service.ranking", 1))));
		ServiceRegistration<Agent> highReg = context.registerService(Agent.class, high,
				new Hashtable<>(Map.of("agent.role", "coding", "agent.id", "high", "service.ranking", 5)));
		registered.add(highReg);

		assertEquals("high", registry.agent(AgentRole.CODING).orElseThrow().info().id());
		assertEquals(List.of("high", "low"),
				registry.agents().stream().filter(a -> a.role().equals("coding")).map(PluginInfo::id).toList());
		assertEquals(high, registry.agent(AgentRole.CODING).orElseThrow().service());

		highReg.unregister();
		assertEquals("low", registry.agent(AgentRole.CODING).orElseThrow().info().id());
		assertTrue(registry.agent(AgentRole.TESTING).isEmpty(), "no testing agent registered");
	}

	@Test
	void agentWithUnknownRoleIsIgnored() {
		registered.add(context.registerService(Agent.class, c -> {
		}, new Hashtable<>(Map.of("agent.role", "astrology", "agent.id", "stars"))));
		assertTrue(registry.agents().stream().noneMatch(a -> a.id().equals("stars")));
	}

	public static final class NoopTemplate implements StackTemplate {
		@Override
		public TemplateDescriptor descriptor() {
			return new TemplateDescriptor("x", "broken", "1.0.0", "", List.of());
		}

		@Override
		public Fit fit(String prompt) {
			return Fit.none("never");
		}

		@Override
		public dev.cairn.api.template.Toolchain toolchain() {
			return new dev.cairn.api.template.Toolchain(List.of());
		}

		@Override
		public dev.cairn.api.template.TestPlan testPlan() {
			return new dev.cairn.api.template.TestPlan("none", "", List.of(), List.of());
		}

		@Override
		public void render(Map<String, Object> spec, dev.cairn.api.template.ProjectFiles files) {
		}
	}
}
