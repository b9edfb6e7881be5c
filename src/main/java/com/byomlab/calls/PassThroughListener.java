package com.byomlab.calls;

import com.byomlab.llm.NativeSink;

/**
 * Progress of a passed-through call ({@link MeteredCalls#passThrough}): the answer's bytes as they arrive
 * ({@link NativeSink}) and the pipeline's own progress ({@link CallListener}). {@link #answerStarted()} must turn
 * true once {@link #onStart} was called, so that the call is not moved to another credential after that.
 */
public interface PassThroughListener extends CallListener, NativeSink {
}
