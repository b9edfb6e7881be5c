package com.byomlab.llm.internal.providers;

import java.util.List;
import java.util.Locale;

import com.byomlab.llm.KeyShape;
import com.byomlab.llm.ModelInfo;
import com.byomlab.llm.PriceNaming;
import com.byomlab.llm.Provider;
import com.byomlab.llm.WireProtocol;

/**
 * Any server the user points at that speaks OpenAI's protocol (vLLM, LM Studio, Ollama, a hosted service without a
 * preset). Its base URL is user-supplied: checked by the endpoint policy and reached through the guarded pool.
 */
public final class OpenAiCompatibleProfile implements OpenAiWireDriver {

    @Override
    public Provider provider() {
        return Provider.OPENAI_COMPATIBLE;
    }

    @Override
    public String displayName() {
        return "OpenAI-compatible";
    }

    @Override
    public String help() {
        return "Any server that speaks the OpenAI API: vLLM, LM Studio, Ollama, or a hosted service without its own "
                + "entry here. Give its API root as the base URL.";
    }

    @Override
    public String keyPageUrl() {
        return null; // no single key page exists for "any OpenAI-compatible server"
    }

    @Override
    public KeyShape keyShape() {
        return KeyShape.anyKey("Use the key your server expects (any non-empty value for a local Ollama)");
    }

    @Override
    public WireProtocol wireProtocol() {
        return WireProtocol.OPENAI_CHAT;
    }

    @Override
    public boolean userSuppliesBaseUrl() {
        return true;
    }

    @Override
    public String defaultBaseUrl() {
        return null;
    }

    @Override
    public String baseUrlExample() {
        return "https://openrouter.ai/api/v1 or http://localhost:11434/v1";
    }

    @Override
    public String baseUrlHelp() {
        return "the server's OpenAI-compatible API root, e.g. https://openrouter.ai/api/v1 or http://localhost:11434/v1";
    }

    @Override
    public String invalidKeyHint() {
        return "Check the key the server expects (some local servers accept any non-empty key).";
    }

    @Override
    public PriceNaming priceNaming() {
        return PriceNaming.none(); // priced only by an operator's override listing openai_compatible models
    }

    /** Ollama lists "llama3:latest" for what users call "llama3". */
    @Override
    public boolean offers(List<ModelInfo> listed, String wanted) {
        return listed.stream().map(ModelInfo::id).anyMatch(id -> id.equals(wanted)
                || id.toLowerCase(Locale.ROOT).equals(wanted + ":latest"));
    }

}
