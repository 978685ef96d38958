package dev.cairn.workspace.git.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cairn.api.workspace.Snapshot;

class GitSnapshotsTest {
	@TempDir
	Path dir;

	/** Every file under {@code root} with its bytes, as a comparable map. */
	static Map<String, String> tree(Path root) throws Exception {
		Map<String, String> out = new TreeMap<>();
		try (Stream<Path> walk = Files.walk(root)) {
			for (Path p : walk.filter(Files::isRegularFile).toList()) {
				out.put(root.relativize(p).toString(), java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
			}
		}
		return out;
	}

	@Test
	void restoreBringsBackChangedAndDeletedFilesRemovesNewOnesAndNeverTouchesTheUsersGit() throws Exception {
		Path ws = Files.createDirectories(dir.resolve("ws"));
		Files.writeString(ws.resolve("notes.md"), "my notes\n");
		Files.createDirectories(ws.resolve("src"));
		Files.write(ws.resolve("src/data.bin"), new byte[] { 0, 1, 2, (byte) 255 });
		Files.writeString(ws.resolve("src/keep.py"), "print('mine')\n");
		Files.createDirectories(ws.resolve(".git/refs"));
		Files.writeString(ws.resolve(".git/HEAD"), "ref: refs/heads/main\n");
		Files.createDirectories(ws.resolve("node_modules/left-pad"));
		Files.writeString(ws.resolve("node_modules/left-pad/index.js"), "the user's own, not snapshotted\n");
		Map<String, String> before = tree(ws);

		GitSnapshots snapshots = new GitSnapshots(dir.resolve("home/snapshots"));
		Snapshot s = snapshots.take("RUN1", ws);
		assertFalse(Files.exists(ws.resolve(".cairn")), "nothing of Cairn's inside the workspace");
		assertTrue(Files.exists(snapshots.shadow(ws).resolve("HEAD")), "the shadow repository lives under Cairn's home");

		// what a failed run leaves behind
		Files.writeString(ws.resolve("notes.md"), "overwritten by the run\n");
		Files.delete(ws.resolve("src/keep.py"));
		Files.writeString(ws.resolve("app.py"), "generated\n");
		Files.createDirectories(ws.resolve("tests/deep"));
		Files.writeString(ws.resolve("tests/deep/test_x.py"), "generated\n");
		Files.createDirectories(ws.resolve(".venv/bin"));
		Files.writeString(ws.resolve(".venv/bin/python"), "rebuildable\n");

		String patch = snapshots.patch(s);
		assertTrue(patch.contains("+overwritten by the run") && patch.contains("app.py"), patch);

		snapshots.restore(s);
		assertEquals(before, tree(ws), "byte for byte as before the run, the user's .git and node_modules included");
		assertFalse(Files.exists(ws.resolve("tests")), "new folders are gone");
		assertFalse(Files.exists(ws.resolve(".venv")), "a rebuildable folder the run created is gone too");
	}

	@Test
	void aWorkspaceTheRunCreatedIsRemovedOnRestore() throws Exception {
		Path ws = dir.resolve("new-project");
		GitSnapshots snapshots = new GitSnapshots(dir.resolve("home/snapshots"));
		Snapshot s = snapshots.take("RUN2", ws);
		assertEquals("absent", s.ref());
		Files.createDirectories(ws.resolve("app"));
		Files.writeString(ws.resolve("app/main.py"), "x\n");
		snapshots.restore(s);
		assertFalse(Files.exists(ws));
	}

	@Test
	void twoRunsOnOneWorkspaceEachRestoreToTheirOwnStart() throws Exception {
		Path ws = Files.createDirectories(dir.resolve("ws"));
		Files.writeString(ws.resolve("a.txt"), "v1\n");
		GitSnapshots snapshots = new GitSnapshots(dir.resolve("home/snapshots"));
		Snapshot first = snapshots.take("RUN1", ws);
		assertFalse(Files.exists(ws.resolve(".git")), "no git link or folder is left in a workspace without one");
		assertTrue(snapshots.unchangedSince(first));
		Files.writeString(ws.resolve("a.txt"), "v2\n");
		Snapshot second = snapshots.take("RUN2", ws);
		Files.writeString(ws.resolve("a.txt"), "v3\n");
		assertFalse(snapshots.unchangedSince(second), "an edit is noticed");
		snapshots.restore(second);
		assertEquals("v2\n", Files.readString(ws.resolve("a.txt")));
		assertTrue(snapshots.unchangedSince(second));
	}
}
