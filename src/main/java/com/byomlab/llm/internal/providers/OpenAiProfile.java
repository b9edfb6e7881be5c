package com.byomlab.llm.internal.providers;

import com.byomlab.llm.KeyShape;
import com.byomlab.llm.PriceNaming;
import com.byomlab.llm.Provider;
import com.byomlab.llm.WireProtocol;

/** OpenAI: Chat Completions at https://api.openai.com/v1 with a Bearer key. */
public final class OpenAiProfile implements OpenAiWireDriver {

    @Override
    public Provider provider() {
        return Provider.OPENAI;
    }

    @Override
    public String displayName() {
        return "OpenAI";
    }

    @Override
    public String help() {
        return "GPT models. Create a secret key under API keys in the OpenAI dashboard.";
    }

    @Override
    public String keyPageUrl() {
        return "https://platform.openai.com/api-keys";
    }

    @Override
    public KeyShape keyShape() {
        return KeyShape.prefixed("sk-", "OpenAI keys look like sk-proj-… (project keys) or sk-…");
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
        return null; // LangChain4j's https://api.openai.com/v1
    }

    /** Where a passed-through request goes by default (the root LangChain4j's client uses too). */
    @Override
    public String nativeApiRoot() {
        return "https://api.openai.com/v1";
    }

    @Override
    public PriceNaming priceNaming() {
        return PriceNaming.liteLlm("openai");
    }

}
