package com.byomlab.llm.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PathSegmentsTest {

    @Test
    void aValueCannotLeaveItsSegment() {
        assertThat(PathSegments.encode("a/b?c#d e%f+g\\h")).isEqualTo("a%2Fb%3Fc%23d%20e%25f%2Bg%5Ch");
        assertThat(PathSegments.encode("é")).isEqualTo("%C3%A9");
    }

    @Test
    void deploymentAndModelNamesStayReadable() {
        assertThat(PathSegments.encode("gpt-4o-mini_2024.07")).isEqualTo("gpt-4o-mini_2024.07");
        assertThat(PathSegments.encode("llama3.1:8b@x~y")).isEqualTo("llama3.1:8b@x~y");
    }

}
