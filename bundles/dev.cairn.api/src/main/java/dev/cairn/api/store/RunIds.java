package dev.cairn.api.store;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Run ids are ULIDs: 26 characters of Crockford base32, 48 bits of milliseconds then 80 random bits, so they sort
 * by start time and never collide across concurrent processes.
 */
public final class RunIds {
	private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
	private static final SecureRandom RANDOM = new SecureRandom();

	private RunIds() {
	}

	public static String next() {
		return of(Instant.now(), RANDOM);
	}

	static String of(Instant time, java.util.Random random) {
		char[] out = new char[26];
		long millis = time.toEpochMilli();
		for (int i = 9; i >= 0; i--) {
			out[i] = ALPHABET[(int) (millis & 31)];
			millis >>>= 5;
		}
		byte[] bytes = new byte[10];
		random.nextBytes(bytes);
		// 80 bits -> 16 characters of 5 bits
		int bit = 0;
		for (int i = 10; i < 26; i++) {
			int value = 0;
			for (int b = 0; b < 5; b++, bit++) {
				value = (value << 1) | ((bytes[bit / 8] >> (7 - bit % 8)) & 1);
			}
			out[i] = ALPHABET[value];
		}
		return new String(out);
	}
}
