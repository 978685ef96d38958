package dev.cairn.guard.policies.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;

import dev.cairn.api.guard.GuardPolicy;

/**
 * The three shipped policies, one DS component each, each with its own configuration PID
 * ({@code dev.cairn.guard.policy.<name>}): a {@code configs/} file overrides the defaults without a restart. Which
 * one is active is the {@code policy} setting ({@code agent:policy <name>}).
 */
public final class Policies {
	private Policies() {
	}

	/** MIT, Apache-2.0, BSD and similar allowed; copyleft and proprietary blocked; undeclared licences warned. */
	@Component(service = GuardPolicy.class, configurationPid = "dev.cairn.guard.policy.permissive",
			configurationPolicy = ConfigurationPolicy.OPTIONAL, property = { "guard.policy=permissive",
					"guard.description=allows MIT/Apache-2.0/BSD-style licences and Cairn's own code; blocks copyleft and proprietary code and dependencies (weak-copyleft dependencies are warned)" })
	public static final class Permissive extends LicencePolicy {
		@Activate
		@Modified
		void update(Map<String, Object> config) {
			configure(config);
		}

		@Override
		String name() {
			return "permissive";
		}

		@Override
		Map<String, Object> defaults() {
			return Map.of("unknown", "warn");
		}
	}

	/** As permissive, and also blocks undeclared licences, large text of unknown origin, and web search. */
	@Component(service = GuardPolicy.class, configurationPid = "dev.cairn.guard.policy.strict",
			configurationPolicy = ConfigurationPolicy.OPTIONAL, property = { "guard.policy=strict",
					"guard.description=as permissive; also blocks undeclared licences, weak-copyleft dependencies, unknown-origin snippets over 2,000 characters and web search" })
	public static final class Strict extends LicencePolicy {
		@Activate
		@Modified
		void update(Map<String, Object> config) {
			configure(config);
		}

		@Override
		String name() {
			return "strict";
		}

		@Override
		Map<String, Object> defaults() {
			return Map.of("unknown", "block", "dependency.weak.copyleft", "block", "snippet.max.chars", "2000",
					"web.search", "block");
		}
	}

	/** Records what permissive would decide and blocks nothing. */
	@Component(service = GuardPolicy.class, configurationPid = "dev.cairn.guard.policy.audit",
			configurationPolicy = ConfigurationPolicy.OPTIONAL, property = { "guard.policy=audit",
					"guard.description=records every decision, blocks nothing" })
	public static final class Audit extends LicencePolicy {
		@Activate
		@Modified
		void update(Map<String, Object> config) {
			configure(config);
		}

		@Override
		String name() {
			return "audit";
		}

		@Override
		Map<String, Object> defaults() {
			return Map.of("unknown", "warn", "audit", "true");
		}
	}
}
