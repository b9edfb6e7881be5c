package com.byomlab.llm.internal.providers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.KeyShape;
import com.byomlab.llm.ModelInfo;
import com.byomlab.llm.PriceNaming;
import com.byomlab.llm.Provider;
import com.byomlab.llm.WireProtocol;
import com.byomlab.llm.internal.Endpoint;
import com.byomlab.llm.internal.MalformedProviderResponseException;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import tools.jackson.databind.JsonNode;

/**
 * A hosted service that speaks OpenAI's protocol at a documented public API root (Groq, OpenRouter, DeepSeek, ...):
 * the user picks it and pastes a key; where it lives, what its keys look like, where to get one and how its models
 * are priced come with the preset. Its base URL is operator-trusted like {@code byom.providers.<id>.base-url}
 * (which overrides it, e.g. to point tests at a fake): never user-supplied, so the private-address policy does not
 * apply to it. Each preset is one small subclass under {@code presets/}.
 */
public abstract class OpenAiCompatiblePreset implements OpenAiWireDriver {

    /** What distinguishes one preset from another. */
    public record Preset(Provider provider, String displayName, String baseUrl, KeyShape keyShape,
            String keyPageUrl, String help, PriceNaming priceNaming) {
    }

    private final Preset preset;

    protected OpenAiCompatiblePreset(Preset preset) {
        this.preset = preset;
    }

    @Override
    public Provider provider() {
        return preset.provider();
    }

    @Override
    public String displayName() {
        return preset.displayName();
    }

    @Override
    public String help() {
        return preset.help();
    }

    @Override
    public String keyPageUrl() {
        return preset.keyPageUrl();
    }

    @Override
    public KeyShape keyShape() {
        return preset.keyShape();
    }

    @Override
    public WireProtocol wireProtocol() {
        return WireProtocol.OPENAI_CHAT;
    }

    @Override
    public boolean userSuppliesBaseUrl() {
        return false;
    }

    @Override
    public String defaultBaseUrl() {
        return preset.baseUrl();
    }

    @Override
    public String baseUrlHelp() {
        return displayName() + " is always reached at " + preset.baseUrl() + ".";
    }

    @Override
    public PriceNaming priceNaming() {
        return preset.priceNaming();
    }

    /**
     * A path under the base URL that answers 200 only for a valid key, called before the models list when the list
     * itself does not check the key (OpenRouter's public {@code GET /models}); null when the list does.
     */
    protected String keyCheckPath() {
        return null;
    }

    /**
     * {@code GET {base}/models} with a Bearer key. Read by hand rather than by LangChain4j's OpenAI catalog because
     * the services differ in shape: most answer {@code {"object":"list","data":[...]}}, Together AI a bare array;
     * context windows are {@code context_window} (Groq) or {@code context_length} (OpenRouter, Together AI).
     */
    @Override
    public List<ModelInfo> listModels(Endpoint endpoint, ApiKey key, HttpClientBuilder http, Duration timeout) {
        var client = http.build();
        if (keyCheckPath() != null) {
            client.execute(get(endpoint.baseUrl() + keyCheckPath(), key));
        }
        JsonNode root = Json.parse(client.execute(get(endpoint.baseUrl() + "/models", key)).body());
        JsonNode data = root.isArray() ? root : root.path("data");
        if (!data.isArray()) {
            throw new MalformedProviderResponseException("no data array in the models list");
        }
        List<ModelInfo> models = new ArrayList<>();
        for (JsonNode model : data) {
            String id = Json.text(model.path("id"));
            if (id.isEmpty()) {
                continue;
            }
            String name = firstText(model, "display_name", "name");
            JsonNode created = model.path("created"); // Unix seconds, as OpenAI lists them
            models.add(new ModelInfo(id, name.isEmpty() ? id : name, contextWindow(model),
                    created.isIntegralNumber() && created.asLong() > 0 ? Instant.ofEpochSecond(created.asLong()) : null));
        }
        return models;
    }

    private static HttpRequest get(String url, ApiKey key) {
        return HttpRequest.builder().method(HttpMethod.GET).url(url)
                .addHeader("Authorization", "Bearer " + key.reveal())
                .addHeader("Accept", "application/json")
                .build();
    }

    private static String firstText(JsonNode model, String... fields) {
        for (String field : fields) {
            String text = Json.text(model.path(field));
            if (!text.isBlank()) {
                return text;
            }
        }
        return "";
    }

    private static Integer contextWindow(JsonNode model) {
        for (String field : new String[] {"context_window", "context_length"}) {
            JsonNode n = model.path(field);
            if (n.isIntegralNumber() && n.canConvertToInt() && n.intValue() > 0) {
                return n.intValue();
            }
        }
        return null;
    }

}
