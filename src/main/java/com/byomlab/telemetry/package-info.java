/**
 * Telemetry in the OpenTelemetry GenAI semantic conventions: spans of LLM calls, Lab sessions and their tools, and
 * the {@code gen_ai.client.*} metrics ({@link com.byomlab.telemetry.GenAiTelemetry}), exported over OTLP/HTTP when
 * the standard {@code OTEL_EXPORTER_OTLP_*} variables say where ({@code OtlpEnvironment}). Keys never reach it;
 * message text only when the operator opts in ({@code byom.telemetry.capture-content}).
 */
package com.byomlab.telemetry;
