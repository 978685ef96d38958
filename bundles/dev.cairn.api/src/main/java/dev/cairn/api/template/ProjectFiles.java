package dev.cairn.api.template;

import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/** The guarded sink a template writes its project through; the platform records each file as an artifact. */
@ProviderType
public interface ProjectFiles {
	/**
	 * Writes one file. {@code relativePath} uses {@code /} separators and must stay inside the workspace.
	 *
	 * @throws IllegalArgumentException for an absolute path, a {@code ..} segment or a path through a symlink
	 */
	void write(String relativePath, byte[] content) throws IOException;

	/** Marks a written file executable (scripts). */
	void executable(String relativePath) throws IOException;
}
