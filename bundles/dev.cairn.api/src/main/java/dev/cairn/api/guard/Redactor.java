package dev.cairn.api.guard;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The redaction hook: every text bound for the ledger, a log, a trace or a zip passes through it first. The active
 * implementation is the highest-ranked {@code Redactor} service.
 */
@ConsumerType
public interface Redactor {
	/** @return {@code text} with secrets replaced by a marker; never {@code null} for non-null input */
	String redact(String text);
}
