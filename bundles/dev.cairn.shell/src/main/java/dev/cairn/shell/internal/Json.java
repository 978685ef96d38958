package dev.cairn.shell.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The JSON form of command results: snake_case keys, pretty-printed, stable field order. */
final class Json {
	private static final ObjectMapper MAPPER = new ObjectMapper()
			.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
			.registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
			.setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
			.enable(SerializationFeature.INDENT_OUTPUT);

	private Json() {
	}

	static String write(Object value) {
		try {
			return MAPPER.writeValueAsString(value);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("cannot render JSON: " + e.getOriginalMessage(), e);
		}
	}
}
