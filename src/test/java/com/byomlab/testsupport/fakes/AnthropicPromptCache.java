package com.byomlab.testsupport.fakes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's prompt cache as the fake plays it (https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching):
 * the prompt is read in the order tools, system, messages; a block with {@code cache_control} is a breakpoint, at most
 * four. The longest prefix written before (by this fake, for this model) is read from the cache; the rest up to the
 * last breakpoint is written (at the TTL of the breakpoint that ends it: "5m" by default, "1h" when asked); what follows
 * the last breakpoint is plain input. Without any breakpoint nothing is cached: usage stays as scripted.
 *
 * <p>Token counts are the fake's own, deterministic: a block costs one token per four characters of its JSON (without
 * its {@code cache_control}), at least one. The minimum cacheable prompt length is not played.
 */
final class AnthropicPromptCache {

    /** The usage of one request: disjoint, as Anthropic reports them. */
    record Usage(int inputTokens, int cacheRead, int cacheWrite5m, int cacheWrite1h) {

        int cacheWrite() {
            return cacheWrite5m + cacheWrite1h;
        }

        int allInput() {
            return inputTokens + cacheRead + cacheWrite();
        }
    }

    private record Block(String json, int tokens, String ttl) {
    }

    private final Set<String> written = new HashSet<>();
    private final List<Usage> reported = new ArrayList<>();

    /** The usage of this request, or null when it carries no breakpoint (then the scripted usage is reported). */
    synchronized Usage play(String requestBody) {
        JsonNode body = FakeJson.parse(requestBody);
        List<Block> blocks = blocks(body);
        List<Integer> breakpoints = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).ttl() != null) {
                breakpoints.add(i);
            }
        }
        if (breakpoints.isEmpty()) {
            return null;
        }
        if (breakpoints.size() > 4) {
            throw new IllegalStateException("fake Anthropic: more than 4 cache_control breakpoints ("
                    + breakpoints.size() + "); the real API answers 400");
        }
        String model = body.path("model").asString("");
        List<String> prefixes = prefixHashes(model, blocks);
        int last = breakpoints.get(breakpoints.size() - 1);
        int hit = -1; // the last block of the longest prefix already written
        for (int i = last; i >= 0; i--) {
            if (written.contains(prefixes.get(i))) {
                hit = i;
                break;
            }
        }
        int read = 0;
        for (int i = 0; i <= hit; i++) {
            read += blocks.get(i).tokens();
        }
        int write5m = 0;
        int write1h = 0;
        int from = hit + 1;
        for (int b : breakpoints) {
            if (b < from) {
                continue;
            }
            int tokens = 0;
            for (int i = from; i <= b; i++) {
                tokens += blocks.get(i).tokens();
            }
            if ("1h".equals(blocks.get(b).ttl())) {
                write1h += tokens;
            } else {
                write5m += tokens;
            }
            from = b + 1;
        }
        for (int b : breakpoints) {
            written.add(prefixes.get(b));
        }
        int plain = 0;
        for (int i = last + 1; i < blocks.size(); i++) {
            plain += blocks.get(i).tokens();
        }
        Usage usage = new Usage(plain, read, write5m, write1h);
        reported.add(usage);
        return usage;
    }

    synchronized void clear() {
        written.clear();
        reported.clear();
    }

    /** The usage reported for each request that carried breakpoints, in order. */
    synchronized List<Usage> reported() {
        return List.copyOf(reported);
    }

    private static List<Block> blocks(JsonNode body) {
        List<Block> blocks = new ArrayList<>();
        body.path("tools").forEach(tool -> blocks.add(block(tool)));
        JsonNode system = body.path("system");
        if (system.isString()) {
            blocks.add(new Block(system.toString(), tokens(system.toString()), null));
        } else {
            system.forEach(block -> blocks.add(block(block)));
        }
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asString("");
            JsonNode content = message.path("content");
            if (content.isString()) {
                String json = role + ":" + content;
                blocks.add(new Block(json, tokens(json), null));
            } else {
                content.forEach(block -> {
                    Block b = block(block);
                    blocks.add(new Block(role + ":" + b.json(), b.tokens(), b.ttl()));
                });
            }
        }
        return blocks;
    }

    private static Block block(JsonNode node) {
        JsonNode control = node.path("cache_control");
        String ttl = control.isObject() ? control.path("ttl").asString("5m") : null;
        String json = node.toString();
        if (node.isObject()) {
            ObjectNode copy = (ObjectNode) node.deepCopy();
            copy.remove("cache_control");
            json = copy.toString();
        }
        return new Block(json, tokens(json), ttl);
    }

    private static int tokens(String json) {
        return Math.max(1, json.length() / 4);
    }

    private static List<String> prefixHashes(String model, List<Block> blocks) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(model.getBytes(StandardCharsets.UTF_8));
            List<String> hashes = new ArrayList<>();
            for (Block b : blocks) {
                digest.update(b.json().getBytes(StandardCharsets.UTF_8));
                hashes.add(HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest()));
            }
            return hashes;
        } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
