package dev.cairn.guard.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Planted secrets of every kind come out as markers; ordinary code, hashes and prose come out unchanged. */
class SecretRedactorTest {
	// assembled at runtime so the source file itself never holds a token-shaped literal
	static String fake(String prefix, int length) {
		StringBuilder b = new StringBuilder(prefix);
		String alphabet = "aB3dE5gH7jK9mN2pQ4sT6vW8yZ";
		for (int i = 0; b.length() < prefix.length() + length; i++) {
			b.append(alphabet.charAt((i * 7 + 3) % alphabet.length()));
		}
		return b.toString();
	}

	final SecretRedactor redactor = new SecretRedactor(Map.of("OPENAI_API_KEY", "local-key-Zq81xT0pL", "HOME", "/root",
			"MY_SERVICE_TOKEN", "tok3n-value-for-test"));

	@ParameterizedTest
	@CsvSource({ "openai-api-key,sk-proj-,40", "github-token,ghp_,36", "aws-access-key-id,AKIA,16",
			"slack-token,xoxb-,24", "stripe-key,sk_live_,24", "huggingface-token,hf_,34", "google-api-key,AIza,35" })
	void knownTokenFormatsAreRedactedWithTheirRule(String rule, String prefix, int length) {
		String secret = fake(prefix, length).toUpperCase().startsWith("AKIA") ? "AKIA" + fake("", 16).toUpperCase()
				: fake(prefix, length);
		String out = redactor.redact("using " + secret + " for the call");
		assertEquals("using [REDACTED:" + rule + "] for the call", out);
	}

	@Test
	void configuredSecretValuesAssignmentsKeysAndUrlsAreRedacted() {
		assertEquals("key=[REDACTED:env:OPENAI_API_KEY]", redactor.redact("key=local-key-Zq81xT0pL"));
		assertTrue(redactor.redact("sent tok3n-value-for-test twice").contains("[REDACTED:env:MY_SERVICE_TOKEN]"));
		assertEquals("db_password = \"[REDACTED:generic-secret]\"", redactor.redact("db_password = \"Xk29vLq0Zr7\""));
		assertEquals("postgres://app:[REDACTED:url-password]@db:5432/x",
				redactor.redact("postgres://app:s3cr3tPass@db:5432/x"));
		String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow" + fake("", 60) + "\n-----END RSA PRIVATE KEY-----";
		assertEquals("key: [REDACTED:private-key] end", redactor.redact("key: " + pem + " end"));
		String jwt = "eyJ" + fake("", 20) + ".eyJ" + fake("", 30) + "." + fake("", 25);
		assertEquals("Authorization: Bearer [REDACTED:jwt]", redactor.redact("Authorization: Bearer " + jwt));
	}

	@Test
	void ordinaryTextIsLeftAlone() {
		for (String text : new String[] { "def create_book(book: BookIn) -> Book:",
				"sha256 3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea",
				"password_field = models.CharField(max_length=128)", "token = request.headers.get(\"x-token\")",
				"api_key = os.environ[\"OPENAI_API_KEY\"]", "HOME is /root", "a FastAPI CRUD service for books",
				"secret_name=production", "https://registry.npmjs.org/next" }) {
			assertEquals(text, redactor.redact(text), text);
		}
		assertFalse(redactor.ruleIds().isEmpty());
	}
}
