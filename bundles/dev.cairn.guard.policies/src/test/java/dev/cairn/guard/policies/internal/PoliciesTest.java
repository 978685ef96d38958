package dev.cairn.guard.policies.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cairn.api.guard.GuardDecision.Verdict;
import dev.cairn.api.guard.GuardSubject;

/** What each shipped policy decides for dependencies, files and tools, and that configuration overrides it. */
class PoliciesTest {
	static LicencePolicy permissive() {
		Policies.Permissive p = new Policies.Permissive();
		p.update(Map.of());
		return p;
	}

	static LicencePolicy strict() {
		Policies.Strict p = new Policies.Strict();
		p.update(Map.of());
		return p;
	}

	static LicencePolicy audit() {
		Policies.Audit p = new Policies.Audit();
		p.update(Map.of());
		return p;
	}

	static Verdict dep(LicencePolicy p, String licence) {
		return p.check(new GuardSubject("dependency", "pkg", licence == null ? Map.of() : Map.of("licence", licence))).verdict();
	}

	static GuardSubject file(String origin, String content) {
		return new GuardSubject("file", "src/x.py", Map.of("origin", origin, "content", content));
	}

	@Test
	void dependencies() {
		LicencePolicy p = permissive();
		assertEquals(Verdict.ALLOW, dep(p, "MIT"));
		assertEquals(Verdict.ALLOW, dep(p, "Apache Software License"));
		assertEquals(Verdict.ALLOW, dep(p, "BSD-3-Clause OR GPL-2.0-only"), "an OR needs one allowed alternative");
		assertEquals(Verdict.BLOCK, dep(p, "GPL-3.0-only"));
		assertEquals(Verdict.BLOCK, dep(p, "GNU Affero General Public License v3"));
		assertEquals(Verdict.BLOCK, dep(p, "MIT AND GPL-2.0-or-later"), "an AND needs every part allowed");
		assertEquals(Verdict.WARN, dep(p, "MPL-2.0"), "weak copyleft as an unmodified dependency: warned");
		assertEquals(Verdict.WARN, dep(p, "Mozilla Public License 2.0 (MPL 2.0)"), "certifi's trove classifier");
		assertEquals(Verdict.WARN, dep(p, "LGPL-3.0-or-later"), "sharp's libvips");
		assertEquals(Verdict.WARN, dep(p, null));
		assertEquals(Verdict.BLOCK, dep(strict(), "MPL-2.0"));
		assertEquals(Verdict.BLOCK, dep(strict(), null));
		assertEquals(Verdict.ALLOW, dep(audit(), "GPL-3.0-only"));
		assertTrue(audit().check(new GuardSubject("dependency", "x", Map.of("licence", "GPL-3.0-only"))).reason()
				.startsWith("audit only, would block"));
	}

	@Test
	void filesEnteringTheWorkspace() {
		LicencePolicy p = permissive();
		assertEquals(Verdict.ALLOW, p.check(file("template", "print('hello')\n")).verdict());
		assertEquals(Verdict.ALLOW, p.check(file("model", "# SPDX-License-Identifier: MIT\nx = 1\n")).verdict());
		assertEquals(Verdict.BLOCK, p.check(file("model", "# SPDX-License-Identifier: GPL-3.0-or-later\nx = 1\n")).verdict());
		assertEquals(Verdict.BLOCK, p.check(file("model", "/* SPDX-License-Identifier: MPL-2.0 */")).verdict(),
				"copying weak-copyleft code in is blocked");
		assertEquals(Verdict.BLOCK, p.check(file("search", "This program is free software; you can redistribute it "
				+ "under the terms of the GNU General Public License")).verdict());
		String big = "x = 1\n".repeat(500);
		assertEquals(Verdict.ALLOW, p.check(file("model", big)).verdict());
		assertEquals(Verdict.BLOCK, strict().check(file("model", big)).verdict(), "strict: large snippet of unknown origin");
		assertEquals(Verdict.ALLOW, strict().check(new GuardSubject("file", "a.py", Map.of("origin", "model",
				"content", big, "source", "https://example.org/a.py"))).verdict());
		assertEquals(Verdict.ALLOW, strict().check(file("template", big)).verdict(), "Cairn's own templates are known");
	}

	@Test
	void toolsAndConfiguration() {
		assertEquals(Verdict.ALLOW, permissive().check(new GuardSubject("tool", "web_search", Map.of())).verdict());
		assertEquals(Verdict.BLOCK, strict().check(new GuardSubject("tool", "web_search", Map.of())).verdict());
		Policies.Permissive p = new Policies.Permissive();
		p.update(Map.of("allowed", "MIT, GPL-3.0-only"));
		assertEquals(Verdict.ALLOW, dep(p, "GPL-3.0-only"), "a configs/ file can change the list");
		assertEquals("permissive", p.check(new GuardSubject("tool", "x", Map.of())).policy());
	}
}
