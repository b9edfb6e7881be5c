package com.byomlab.testsupport.fakes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Embeddings in the providers' published wire formats.
 * <ul>
 * <li>OpenAI (and Azure OpenAI, OpenAI-compatible servers), https://platform.openai.com/docs/api-reference/embeddings:
 * {@code POST /embeddings} {@code {"input": string|[string], "model", "dimensions"?, "encoding_format"?}} answering
 * {@code {"object":"list","data":[{"object":"embedding","index","embedding":[...]|"<base64 float32 LE>"}],
 * "model","usage":{"prompt_tokens","total_tokens"}}};</li>
 * <li>Gemini, https://ai.google.dev/api/embeddings#method:-models.batchembedcontents:
 * {@code POST /v1beta/models/{model}:batchEmbedContents} {@code {"requests":[{"model":"models/{model}",
 * "content":{"parts":[{"text"}]},"outputDimensionality"?}]}} answering {@code {"embeddings":[{"values":[...]}]}}, no
 * token count.</li>
 * </ul>
 */
final class EmbeddingWire {

    private EmbeddingWire() {
    }

    static EmbeddingScript.Seen parseOpenAi(RecordedRequest request, String authKey, String model) {
        JsonNode body = FakeJson.parse(request.body());
        List<String> inputs = new ArrayList<>();
        JsonNode input = body.path("input");
        if (input.isString()) {
            inputs.add(input.stringValue());
        } else {
            input.forEach(item -> inputs.add(FakeJson.text(item)));
        }
        JsonNode dimensions = body.path("dimensions");
        return new EmbeddingScript.Seen(model != null ? model : FakeJson.text(body.path("model")), authKey, inputs,
                dimensions.isIntegralNumber() ? dimensions.intValue() : null,
                FakeJson.text(body.path("encoding_format")), request);
    }

    static String openAi(EmbeddingScript.Reply reply, EmbeddingScript.Seen seen) {
        ObjectNode root = FakeJson.object().put("object", "list");
        ArrayNode data = root.putArray("data");
        List<float[]> vectors = EmbeddingScript.vectors(seen);
        for (int i = 0; i < vectors.size(); i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if ("base64".equals(seen.encodingFormat())) {
                ByteBuffer bytes = ByteBuffer.allocate(vectors.get(i).length * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : vectors.get(i)) {
                    bytes.putFloat(v);
                }
                item.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float v : vectors.get(i)) {
                    values.add(v);
                }
            }
        }
        root.put("model", seen.model());
        if (reply.hasUsage()) {
            int tokens = reply.tokensFor(seen.inputs().size());
            root.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        }
        return root.toString();
    }

    static EmbeddingScript.Seen parseGemini(RecordedRequest request, String authKey, String model) {
        JsonNode body = FakeJson.parse(request.body());
        List<String> inputs = new ArrayList<>();
        Integer dimensions = null;
        for (JsonNode one : body.path("requests")) {
            StringBuilder text = new StringBuilder();
            one.path("content").path("parts").forEach(part -> text.append(part.path("text").asString("")));
            inputs.add(text.toString());
            if (one.path("outputDimensionality").isIntegralNumber()) {
                dimensions = one.path("outputDimensionality").intValue();
            }
        }
        return new EmbeddingScript.Seen(model, authKey, inputs, dimensions, null, request);
    }

    static String gemini(EmbeddingScript.Seen seen) {
        ObjectNode root = FakeJson.object();
        ArrayNode embeddings = root.putArray("embeddings");
        for (float[] vector : EmbeddingScript.vectors(seen)) {
            ArrayNode values = embeddings.addObject().putArray("values");
            for (float v : vector) {
                values.add(v);
            }
        }
        return root.toString();
    }
}
