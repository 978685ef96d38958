package dev.cairn.api.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link ProjectFiles} that writes into a folder and remembers what was written: for rendering a template outside
 * Cairn, e.g. in its own unit tests (render twice and compare, then run the generated project's tests). It refuses
 * the paths Cairn's guarded sink refuses (absolute, {@code ..}, backslashes); Cairn itself adds symlink, licence and
 * provenance checks and records every file.
 */
public final class FolderFiles implements ProjectFiles {
	private final Path root;
	private final Map<String, byte[]> written = new TreeMap<>();

	public FolderFiles(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	@Override
	public void write(String relativePath, byte[] content) throws IOException {
		if (relativePath.isBlank() || relativePath.startsWith("/") || relativePath.contains("\\")
				|| java.util.Arrays.asList(relativePath.split("/")).contains("..")) {
			throw new IllegalArgumentException("not a relative path inside the project: " + relativePath);
		}
		Path target = root.resolve(relativePath).normalize();
		Files.createDirectories(target.getParent());
		Files.write(target, content);
		written.put(relativePath, content.clone());
	}

	@Override
	public void executable(String relativePath) throws IOException {
		root.resolve(relativePath).toFile().setExecutable(true);
	}

	/** Every file written so far, by relative path, in path order. */
	public Map<String, byte[]> written() {
		return Collections.unmodifiableMap(written);
	}

	public Path root() {
		return root;
	}
}
