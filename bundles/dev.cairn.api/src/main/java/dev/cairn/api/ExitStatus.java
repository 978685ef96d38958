package dev.cairn.api;

/** A command result that carries the process exit code {@code ./agent} should end with. */
public interface ExitStatus {
	int exitCode();
}
