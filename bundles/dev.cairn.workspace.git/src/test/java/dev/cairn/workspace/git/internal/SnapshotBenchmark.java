package dev.cairn.workspace.git.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import dev.cairn.api.workspace.Snapshot;

/**
 * Prints how long a snapshot and a rollback take: a large workspace (10,000 files, 100 MB, nested folders) and a
 * typical generated project (about 20 small files). The large workspace is then changed the way a failed run does
 * (files overwritten, deleted and added) before it is restored. Run with {@code bench/snapshot.sh}.
 */
public final class SnapshotBenchmark {
	public static void main(String[] args) throws Exception {
		int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
		Path root = Files.createTempDirectory("cairn-snapshot-bench");
		try {
			Random random = new Random(42);
			System.out.println("large workspace: 10,000 files, 100 MB");
			for (int round = 1; round <= rounds; round++) {
				Path ws = Files.createDirectories(root.resolve("large-" + round));
				for (int i = 0; i < 10_000; i++) {
					Path f = ws.resolve("dir" + (i % 100)).resolve("sub" + (i % 7)).resolve("file" + i + ".dat");
					Files.createDirectories(f.getParent());
					byte[] data = new byte[10_486]; // 10,000 x 10,486 B = 100 MiB
					random.nextBytes(data);
					Files.write(f, data);
				}
				GitSnapshots snapshots = new GitSnapshots(root.resolve("home-" + round + "/snapshots"));
				long t0 = System.nanoTime();
				Snapshot s = snapshots.take("BENCH" + round, ws);
				long take = System.nanoTime() - t0;
				t0 = System.nanoTime();
				snapshots.take("BENCH" + round + "-again", ws);
				long again = System.nanoTime() - t0;
				// a failed run: 200 files overwritten, 100 deleted, 300 added
				for (int i = 0; i < 200; i++) {
					Files.writeString(ws.resolve("dir" + i % 100).resolve("sub" + i % 7).resolve("file" + i + ".dat"), "changed");
				}
				for (int i = 200; i < 300; i++) {
					Files.delete(ws.resolve("dir" + i % 100).resolve("sub" + i % 7).resolve("file" + i + ".dat"));
				}
				for (int i = 0; i < 300; i++) {
					Files.createDirectories(ws.resolve("generated/pkg" + i % 10));
					Files.writeString(ws.resolve("generated/pkg" + i % 10 + "/gen" + i + ".py"), "print(" + i + ")\n");
				}
				t0 = System.nanoTime();
				snapshots.restore(s);
				long restore = System.nanoTime() - t0;
				System.out.printf("  round %d: first snapshot %5d ms   next snapshot %5d ms   rollback %5d ms%n", round,
						take / 1_000_000, again / 1_000_000, restore / 1_000_000);
			}
			System.out.println("typical generated project: 20 files");
			List<Long> takes = new ArrayList<>();
			for (int round = 1; round <= Math.max(5, rounds); round++) {
				Path ws = Files.createDirectories(root.resolve("small-" + round));
				for (int i = 0; i < 20; i++) {
					Path f = ws.resolve(i < 10 ? "app" : "tests").resolve("module" + i + ".py");
					Files.createDirectories(f.getParent());
					Files.writeString(f, ("def f" + i + "():\n    return " + i + "\n").repeat(40));
				}
				GitSnapshots snapshots = new GitSnapshots(root.resolve("home-small-" + round + "/snapshots"));
				long t0 = System.nanoTime();
				snapshots.take("SMALL" + round, ws);
				takes.add((System.nanoTime() - t0) / 1_000_000);
			}
			System.out.println("  snapshot ms per round: " + takes + " (the first includes JGit's class loading)");
		} finally {
			try (Stream<Path> walk = Files.walk(root)) {
				walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}
}
