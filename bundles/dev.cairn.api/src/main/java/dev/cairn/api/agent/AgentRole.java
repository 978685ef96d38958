package dev.cairn.api.agent;

import java.util.Locale;

/** The four roles, in the order the orchestrator runs them. */
public enum AgentRole {
	REQUIREMENTS, CODING, TESTING, DOCUMENTATION;

	/** @return the value used in the {@code agent.role} service property */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Parses an {@code agent.role} value; {@code null} when it names no role. */
	public static AgentRole fromId(Object value) {
		if (value == null) {
			return null;
		}
		for (AgentRole role : values()) {
			if (role.id().equals(String.valueOf(value).trim().toLowerCase(Locale.ROOT))) {
				return role;
			}
		}
		return null;
	}
}
