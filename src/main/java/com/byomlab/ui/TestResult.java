package com.byomlab.ui;

import java.util.List;

/** What "Test connection" shows: success with the models and the measured time, or what failed and how to fix it. */
record TestResult(boolean valid, String providerName, long latencyMs, List<ModelOption> models, String selectedModel,
                  FormProblem problem) {

    static TestResult failed(String providerName, long latencyMs, FormProblem problem) {
        return new TestResult(false, providerName, latencyMs, List.of(), null, problem);
    }
}
