package dev.cairn.api.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cairn.api.CairnException;
import dev.cairn.api.ExitCode;

class GuardedFilesTest {
	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "/etc/passwd", "../escape.py", "app/../../escape.py", "app/./x.py", "C:/x.py",
			"app\\x.py", "", "app//x.py" })
	void pathsOutsideOrAmbiguousAreRefusedAndNothingIsWritten(String path) throws Exception {
		GuardedFiles files = new GuardedFiles(dir.resolve("ws"), "R", 2, "template");
		CairnException e = assertThrows(CairnException.class, () -> files.write(path, new byte[] { 1 }));
		assertEquals(ExitCode.BLOCKED, e.exitCode());
		assertTrue(e.getMessage().startsWith("refused to write"), e.getMessage());
		assertFalse(Files.exists(dir.resolve("escape.py")));
		assertTrue(files.artifacts().isEmpty());
	}

	@Test
	void symlinkInTheWorkspaceCannotRedirectAWrite() throws Exception {
		Path ws = Files.createDirectories(dir.resolve("ws"));
		Path outside = Files.createDirectories(dir.resolve("outside"));
		Files.createSymbolicLink(ws.resolve("app"), outside);
		GuardedFiles files = new GuardedFiles(ws, "R", 2, "template");
		CairnException e = assertThrows(CairnException.class, () -> files.write("app/main.py", new byte[] { 1 }));
		assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
		assertFalse(Files.exists(outside.resolve("main.py")));
	}

	@Test
	void writtenFilesAreRecordedWithSizeAndSha256() throws Exception {
		GuardedFiles files = new GuardedFiles(dir.resolve("ws"), "R1", 2, "template");
		files.write("app/main.py", "print('hi')\n".getBytes(StandardCharsets.UTF_8));
		files.write("app/main.py", "print('hello')\n".getBytes(StandardCharsets.UTF_8));
		assertEquals("print('hello')\n", Files.readString(dir.resolve("ws/app/main.py")));
		assertEquals(1, files.artifacts().size(), "a rewrite replaces the record");
		var a = files.artifacts().get(0);
		assertEquals(15, a.size());
		assertEquals(dev.cairn.api.store.ArtifactRecord.sha256("print('hello')\n".getBytes(StandardCharsets.UTF_8)), a.sha256());
		assertEquals(64, a.sha256().length());
		assertEquals("template", a.origin());
		assertEquals(2, a.stepSeq());
	}
}
