package dev.cairn.agent.coding.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;
import dev.cairn.api.store.ArtifactRecord;
import dev.cairn.api.template.ProjectFiles;

/**
 * The only way a template's bytes reach the disk. Refuses absolute paths, {@code ..} segments, backslashes, and any
 * path through a symbolic link (a link planted in the workspace must not redirect a write outside it). Every file
 * written becomes an artifact record with its size and SHA-256.
 */
final class GuardedFiles implements ProjectFiles {
	private final Path root;
	private final String runId;
	private final int step;
	private final String origin;
	private final List<ArtifactRecord> artifacts = new ArrayList<>();

	GuardedFiles(Path root, String runId, int step, String origin) throws IOException {
		Files.createDirectories(root);
		this.root = root.toRealPath();
		this.runId = runId;
		this.step = step;
		this.origin = origin;
	}

	List<ArtifactRecord> artifacts() {
		return List.copyOf(artifacts);
	}

	/** Resolves {@code relativePath} inside the workspace, or refuses it with exit code 6 (blocked). */
	Path resolve(String relativePath) throws IOException {
		if (relativePath == null || relativePath.isBlank() || relativePath.startsWith("/") || relativePath.contains("\\")
				|| relativePath.contains("\0") || relativePath.matches("^[A-Za-z]:.*")) {
			throw refuse(relativePath, "not a relative path");
		}
		for (String segment : relativePath.split("/")) {
			if (segment.equals("..") || segment.equals(".") || segment.isEmpty()) {
				throw refuse(relativePath, "'" + segment + "' segments are not allowed");
			}
		}
		Path target = root.resolve(relativePath).normalize();
		if (!target.startsWith(root)) {
			throw refuse(relativePath, "outside the workspace");
		}
		for (Path p = target; p != null && !p.equals(root); p = p.getParent()) {
			if (Files.isSymbolicLink(p)) {
				throw refuse(relativePath, "goes through the symbolic link " + root.relativize(p));
			}
		}
		return target;
	}

	private static CairnException refuse(String path, String why) {
		return new CairnException(ExitCode.BLOCKED, "refused to write '" + path + "': " + why);
	}

	@Override
	public void write(String relativePath, byte[] content) throws IOException {
		Path target = resolve(relativePath);
		Files.createDirectories(target.getParent());
		if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
			throw refuse(relativePath, "exists and is not a regular file");
		}
		Files.write(target, content);
		artifacts.removeIf(a -> a.path().equals(relativePath));
		artifacts.add(ArtifactRecord.of(runId, relativePath, content, step, origin));
	}

	@Override
	public void executable(String relativePath) throws IOException {
		Path target = resolve(relativePath);
		Set<PosixFilePermission> perms = Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS);
		perms.add(PosixFilePermission.OWNER_EXECUTE);
		perms.add(PosixFilePermission.GROUP_EXECUTE);
		perms.add(PosixFilePermission.OTHERS_EXECUTE);
		Files.setPosixFilePermissions(target, perms);
	}
}
