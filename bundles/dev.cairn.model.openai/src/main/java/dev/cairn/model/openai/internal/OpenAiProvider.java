package dev.cairn.model.openai.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.cairn.api.model.ModelEndpoint;
import dev.cairn.api.model.ModelException;
import dev.cairn.api.model.ModelProvider;
import dev.cairn.api.model.ModelSettings;

/**
 * The OpenAI Responses API through openai-java, for OpenAI and for OpenAI-compatible servers (Ollama, vLLM,
 * LM Studio, llama.cpp, LocalAI). Configured by {@code configs/dev.cairn.model.openai.cfg}; an edit reaches the next
 * run's {@link #open()}, while a run in flight keeps the endpoint it opened. Nothing of the SDK is loaded until the
 * first call, so Cairn's start-up does not pay for it.
 */
@Component(configurationPid = OpenAiProvider.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
		property = "model.provider=openai")
@Designate(ocd = OpenAiProvider.Config.class)
public final class OpenAiProvider implements ModelProvider {
	static final String PID = "dev.cairn.model.openai";

	@ObjectClassDefinition(name = "Cairn OpenAI model provider")
	public @interface Config {
		@AttributeDefinition(description = "Base URL of the Responses API, ending in /v1")
		String base_url() default "https://api.openai.com/v1";

		@AttributeDefinition(description = "Model name")
		String model() default "gpt-5-mini";

		@AttributeDefinition(description = "Name of the environment variable holding the API key (the key itself is never configured)")
		String api_key_env() default "OPENAI_API_KEY";

		@AttributeDefinition(description = "Per-request timeout in seconds")
		int timeout_seconds() default 120;

		@AttributeDefinition(description = "Retries of 408/409/429/5xx and connection failures, honouring Retry-After")
		int max_retries() default 2;

		@AttributeDefinition(description = "Sampling temperature; empty for the model's default")
		String temperature() default "";

		@AttributeDefinition(description = "Output tokens per call; 0 for the server's default")
		int max_output_tokens() default 0;

		@AttributeDefinition(description = "Tokens (in + out) one run may spend; 0 for no limit")
		long token_budget() default 200_000;

		@AttributeDefinition(description = "Stream responses (server-sent events)")
		boolean stream() default true;

		@AttributeDefinition(description = "auto (hosted on api.openai.com, local elsewhere), hosted, local or off")
		String code_interpreter() default "auto";

		@AttributeDefinition(description = "Offer the hosted web_search tool")
		boolean web_search() default false;

		@AttributeDefinition(description = "Vector store ids for the hosted file_search tool, comma-separated; empty = off")
		String file_search_vector_store_ids() default "";
	}

	private volatile Config config;

	@Activate
	@Modified
	void configure(Config config) {
		this.config = config;
	}

	@Override
	public ModelEndpoint open() throws ModelException {
		ModelSettings settings = settings(config);
		String key = System.getenv(settings.apiKeyVariable());
		if (key == null || key.isBlank()) {
			if (URI.create(settings.baseUrl()).getHost().endsWith("openai.com")) {
				throw new ModelException("no API key: set the environment variable " + settings.apiKeyVariable()
						+ " (or name another one with api.key.env in configs/" + PID + ".cfg)");
			}
			// local servers (Ollama, vLLM, llama.cpp) accept any key
			key = "local";
		}
		return new OpenAiEndpoint(settings, key);
	}

	static ModelSettings settings(Config c) throws ModelException {
		String base = c.base_url().trim().replaceAll("/+$", "");
		URI uri;
		try {
			uri = URI.create(base);
		} catch (IllegalArgumentException e) {
			throw new ModelException("base.url '" + base + "' is not a URL (configs/" + PID + ".cfg)");
		}
		if (uri.getHost() == null || !(base.startsWith("http://") || base.startsWith("https://"))) {
			throw new ModelException("base.url '" + base + "' must be an http(s) URL such as https://api.openai.com/v1 or "
					+ "http://127.0.0.1:11434/v1 (configs/" + PID + ".cfg)");
		}
		if (c.model().isBlank()) {
			throw new ModelException("model is empty in configs/" + PID + ".cfg");
		}
		Optional<Double> temperature;
		try {
			temperature = c.temperature().isBlank() ? Optional.empty() : Optional.of(Double.parseDouble(c.temperature().trim()));
		} catch (NumberFormatException e) {
			throw new ModelException("temperature '" + c.temperature() + "' is not a number (configs/" + PID + ".cfg)");
		}
		String ci = c.code_interpreter().trim().toLowerCase(Locale.ROOT);
		if (ci.equals("auto")) {
			ci = uri.getHost().endsWith("openai.com") ? "hosted" : "local";
		}
		if (!List.of("hosted", "local", "off").contains(ci)) {
			throw new ModelException("code.interpreter must be auto, hosted, local or off, not '" + c.code_interpreter()
					+ "' (configs/" + PID + ".cfg)");
		}
		List<String> stores = Arrays.stream(c.file_search_vector_store_ids().split(",")).map(String::trim)
				.filter(s -> !s.isEmpty()).toList();
		return new ModelSettings("openai", base, c.model().trim(), c.api_key_env().trim(),
				Duration.ofSeconds(Math.max(1, c.timeout_seconds())), Math.max(0, c.max_retries()), temperature,
				Math.max(0, c.max_output_tokens()), Math.max(0, c.token_budget()), c.stream(), ci, c.web_search(), stores);
	}
}
