package dev.cairn.core.internal;

import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

import dev.cairn.api.log.EventLog;
import dev.cairn.api.log.Level;

/**
 * Bundle-scoped {@link EventLog}: every bundle that gets the service gets its own instance, stamped with that
 * bundle's symbolic name as the event source. All instances share the one {@link JsonLogWriter}.
 */
@Component(scope = ServiceScope.BUNDLE)
public final class EventLogFactory implements EventLog {
	private final JsonLogWriter writer;
	private final String source;

	@Activate
	public EventLogFactory(@Reference JsonLogWriter writer, ComponentContext context) {
		this(writer, sourceOf(context.getUsingBundle()));
	}

	EventLogFactory(JsonLogWriter writer, String source) {
		this.writer = writer;
		this.source = source;
	}

	private static String sourceOf(Bundle bundle) {
		return bundle == null || bundle.getSymbolicName() == null ? "unknown" : bundle.getSymbolicName();
	}

	@Override
	public void log(Level level, String event, Map<String, ?> fields) {
		writer.write(level, source, null, event, fields);
	}

	@Override
	public boolean enabled(Level level) {
		return writer.enabled(level);
	}

	@Override
	public EventLog forRun(String runId) {
		return new RunLog(writer, source, runId);
	}

	/** The same log, stamped with a run id. */
	record RunLog(JsonLogWriter writer, String source, String runId) implements EventLog {
		@Override
		public void log(Level level, String event, Map<String, ?> fields) {
			writer.write(level, source, runId, event, fields);
		}

		@Override
		public boolean enabled(Level level) {
			return writer.enabled(level);
		}

		@Override
		public EventLog forRun(String otherRunId) {
			return new RunLog(writer, source, otherRunId);
		}
	}
}
