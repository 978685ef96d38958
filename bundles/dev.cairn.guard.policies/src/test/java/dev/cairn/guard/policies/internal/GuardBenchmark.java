package dev.cairn.guard.policies.internal;

import java.util.Map;

import dev.cairn.api.guard.GuardSubject;
import dev.cairn.api.guard.Redactor;

/**
 * Prints what the guards cost: the licence check and the secret redaction of a typical source file (4 KB), and
 * their throughput over 20 MB of mixed text. Run with {@code bench/guard.sh}.
 */
public final class GuardBenchmark {
	public static void main(String[] args) throws Exception {
		LicencePolicy policy = new Policies.Permissive();
		((Policies.Permissive) policy).update(Map.of());
		Redactor redactor = redactor();
		String file = ("def handler(request):\n    \"\"\"Returns the book with the given id.\"\"\"\n"
				+ "    book = repository.get(request.path_params['id'])\n    if book is None:\n"
				+ "        raise HTTPException(status_code=404, detail='not found')\n    return book\n\n").repeat(20);
		file = file.substring(0, 4096);
		String big = (file + "token = 'not-a-secret' # a comment with https://example.org/x and 0123456789abcdef\n")
				.repeat(20 * 1024 * 1024 / (file.length() + 80));
		for (int warm = 0; warm < 3000; warm++) {
			policy.check(new GuardSubject("file", "a.py", Map.of("origin", "model", "content", file)));
			redactor.redact(file);
		}
		int n = 5000;
		long t0 = System.nanoTime();
		for (int i = 0; i < n; i++) {
			policy.check(new GuardSubject("file", "a.py", Map.of("origin", "model", "content", file)));
		}
		long licence = System.nanoTime() - t0;
		t0 = System.nanoTime();
		for (int i = 0; i < n; i++) {
			redactor.redact(file);
		}
		long secrets = System.nanoTime() - t0;
		System.out.printf("typical file (4 KB): licence check %.1f us, secret redaction %.1f us%n", licence / 1e3 / n,
				secrets / 1e3 / n);
		double mb = big.length() / 1024.0 / 1024.0;
		t0 = System.nanoTime();
		policy.check(new GuardSubject("file", "big.txt", Map.of("origin", "model", "content", big)));
		double licenceSeconds = (System.nanoTime() - t0) / 1e9;
		t0 = System.nanoTime();
		redactor.redact(big);
		double secretSeconds = (System.nanoTime() - t0) / 1e9;
		System.out.printf("throughput over %.0f MB: licence scan %.0f MB/s, secret scan %.0f MB/s%n", mb,
				mb / licenceSeconds, mb / secretSeconds);
	}

	private static Redactor redactor() throws Exception {
		return (Redactor) Class.forName("dev.cairn.guard.secrets.internal.SecretRedactor").getConstructor().newInstance();
	}
}
