package com.byomlab.llm;

/** Connection details a provider cannot take, as a problem code and a message that says how to fix it. */
public record TargetProblem(String code, String message) {
}
