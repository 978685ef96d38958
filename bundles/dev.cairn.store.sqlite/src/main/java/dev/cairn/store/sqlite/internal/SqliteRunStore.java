package dev.cairn.store.sqlite.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.cairn.api.guard.Redactor;
import dev.cairn.api.log.EventLog;
import dev.cairn.api.store.Ledger;
import dev.cairn.api.store.RunStore;

/**
 * The SQLite ledger backend. Each Cairn home has its own {@code ledger.db}, opened (and migrated, and swept for runs
 * whose process died) on first use and kept open until the component deactivates.
 */
@Component(property = "store.kind=sqlite", configurationPid = SqliteRunStore.PID)
@Designate(ocd = SqliteRunStore.Config.class)
public final class SqliteRunStore implements RunStore {
	static final String PID = "dev.cairn.store.sqlite";

	@ObjectClassDefinition(name = "Cairn SQLite run ledger")
	@interface Config {
		@AttributeDefinition(description = "Ledger file; empty means <Cairn home>/ledger.db")
		String file() default "";

		@AttributeDefinition(description = "Ranking among run store backends; the highest wins")
		int service_ranking() default 0;
	}

	private final Map<Path, SqliteLedger> open = new ConcurrentHashMap<>();
	// keyed by ServiceReference: its natural order is by ranking, so the last entry is the active redactor
	private final ConcurrentSkipListMap<ServiceReference<Redactor>, Redactor> redactors = new ConcurrentSkipListMap<>();
	private final EventLog log;
	private final String file;

	@Activate
	public SqliteRunStore(Config config, @Reference(name = "log") EventLog log) {
		this.log = log;
		this.file = config.file();
	}

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
			policyOption = ReferencePolicyOption.GREEDY)
	void addRedactor(ServiceReference<Redactor> ref, Redactor redactor) {
		redactors.put(ref, redactor);
	}

	void removeRedactor(ServiceReference<Redactor> ref) {
		redactors.remove(ref);
	}

	/** The active redaction hook; a pass-through until a guard bundle registers a Redactor. */
	String redact(String text) {
		Map.Entry<ServiceReference<Redactor>, Redactor> active = redactors.lastEntry();
		return active == null ? text : active.getValue().redact(text);
	}

	@Override
	public Ledger ledger(Path home) {
		Path target = file.isBlank() ? home.resolve(SqliteLedger.FILE) : Path.of(file);
		return open.computeIfAbsent(target.toAbsolutePath().normalize(), path -> {
			SqliteLedger ledger = SqliteLedger.open(path, this::redact);
			List<String> interrupted = ledger.markInterrupted();
			if (!interrupted.isEmpty()) {
				log.warn("ledger.runs.interrupted", "message", interrupted.size()
						+ " run(s) left running by a process that ended are now marked interrupted: "
						+ String.join(", ", interrupted) + "; undo what one wrote with: ./agent rollback <run-id>",
						"runs", interrupted);
			}
			return ledger;
		});
	}

	@Deactivate
	void deactivate() {
		open.values().forEach(SqliteLedger::close);
		open.clear();
	}
}
