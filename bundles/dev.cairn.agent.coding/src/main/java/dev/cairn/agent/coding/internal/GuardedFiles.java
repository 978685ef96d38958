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
	private final List<dev.cairn.api.store.GuardDecisionRecord> decisions = new ArrayList<>();
	private dev.cairn.api.guard.GuardPolicy policy;

	/** Checks every text against {@code policy} before it is written (licence markers, provenance). */
	GuardedFiles checkedBy(dev.cairn.api.guard.GuardPolicy policy) {
		this.policy = policy;
		return this;
	}

	List<dev.cairn.api.store.GuardDecisionRecord> decisions() {
		return List.copyOf(decisions);
	}

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
		if (policy != null) {
			// the first 256 KB is where licence headers and notices live; binary files carry no licence text here
			String text = new String(content, 0, Math.min(content.length, 256 * 1024), java.nio.charset.StandardCharsets.UTF_8);
			var d = policy.check(new dev.cairn.api.guard.GuardSubject("file", relativePath,
					java.util.Map.of("origin", origin, "content", text.indexOf('\0') >= 0 ? "" : text)));
			decisions.add(new dev.cairn.api.store.GuardDecisionRecord(runId, step, "file", relativePath, d.policy(),
					d.policyVersion(), d.verdict().name().toLowerCase(), d.reason(), java.time.Instant.now()));
			if (d.verdict() == dev.cairn.api.guard.GuardDecision.Verdict.BLOCK) {
				throw refuse(relativePath, d.reason() + " (policy " + d.policy() + " " + d.policyVersion() + ")");
			}
		}
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
