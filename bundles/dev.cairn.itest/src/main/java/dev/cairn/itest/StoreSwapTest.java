package dev.cairn.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

import dev.cairn.api.store.RunStore;

/**
 * The ledger commands follow the run store backend live: by configuration ({@code store.target}) and by ranking,
 * without their component being restarted (it is immediate, so it stays active throughout).
 */
class StoreSwapTest {
	static final String MEMORY_RUN = "01MEMORYRUN000000000000000";

	@InjectBundleContext
	BundleContext context;

	@InjectService
	ConfigurationAdmin configAdmin;

	@InjectService
	ServiceComponentRuntime scr;

	@InjectService
	CommandProcessor processor;

	ServiceRegistration<RunStore> memory;

	/** SCR activates components on its own thread: wait until the ledger commands are up and bound. */
	@org.junit.jupiter.api.BeforeEach
	void commandsReady() {
		Await.until("agent:runs registered", () -> {
			try {
				return context.getServiceReferences((String) null, "(osgi.command.function=runs)") != null;
			} catch (org.osgi.framework.InvalidSyntaxException e) {
				throw new IllegalStateException(e);
			}
		});
		Await.until("ledger commands bound to sqlite", () -> boundStoreKind().equals("sqlite"));
	}

	@AfterEach
	void restore() throws Exception {
		Configuration c = configAdmin.getConfiguration("dev.cairn.shell.ledger", "?");
		c.delete();
		if (memory != null) {
			memory.unregister();
		}
		Await.until("back on sqlite", () -> boundStoreKind().equals("sqlite"));
	}

	private ComponentConfigurationDTO ledgerCommands() {
		ComponentDescriptionDTO description = scr.getComponentDescriptionDTOs().stream()
				.filter(d -> d.name.equals("dev.cairn.shell.internal.LedgerCommands")).findFirst().orElseThrow();
		return scr.getComponentConfigurationDTOs(description).stream().findFirst().orElseThrow();
	}

	private String boundStoreKind() {
		ComponentConfigurationDTO c;
		try {
			c = ledgerCommands();
		} catch (java.util.NoSuchElementException notYet) {
			return "none";
		}
		return java.util.Arrays.stream(c.satisfiedReferences).filter(r -> r.name.equals("store"))
				.flatMap(r -> java.util.Arrays.stream(r.boundServices))
				.map(s -> String.valueOf(s.properties.get("store.kind"))).findFirst().orElse("none");
	}

	private String command(String line) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (CommandSession session = processor.createSession(System.in, new PrintStream(out), System.err)) {
			return String.valueOf(session.execute(line));
		}
	}

	private void registerMemory(int ranking) {
		memory = context.registerService(RunStore.class, new MemoryRunStore(MEMORY_RUN),
				new Hashtable<>(Map.of("store.kind", "memory", "service.ranking", ranking)));
	}

	@Test
	void targetFilterInConfigurationSwapsTheBackendWithoutRestartingTheCommands() throws Exception {
		assertEquals("sqlite", boundStoreKind());
		long componentId = ledgerCommands().id;
		assertTrue(!command("agent:runs --json").contains(MEMORY_RUN));

		registerMemory(0);
		assertEquals("sqlite", boundStoreKind(), "an equal-ranked newcomer does not replace the bound store");

		Configuration c = configAdmin.getConfiguration("dev.cairn.shell.ledger", "?");
		c.update(new Hashtable<>(Map.of("store.target", "(store.kind=memory)")));
		Await.until("memory store bound", () -> boundStoreKind().equals("memory"));
		assertTrue(command("agent:runs --json").contains(MEMORY_RUN), "agent:runs now reads the memory store");
		assertTrue(command("agent:show " + MEMORY_RUN).contains("kept in memory"));
		assertEquals(componentId, ledgerCommands().id, "the same component configuration");
		assertEquals(ComponentConfigurationDTO.ACTIVE, ledgerCommands().state, "still active: rebound, not restarted");
	}

	@Test
	void higherRankedBackendWinsWhenItArrives() throws Exception {
		long componentId = ledgerCommands().id;
		registerMemory(100);
		Await.until("higher-ranked memory store bound", () -> boundStoreKind().equals("memory"));
		assertTrue(command("agent:runs --json").contains(MEMORY_RUN));
		assertEquals(componentId, ledgerCommands().id);
	}
}
