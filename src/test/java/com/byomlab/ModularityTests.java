package com.byomlab;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Each top-level package is a module: no cycles, no reaching into another module's internals. */
class ModularityTests {

    @Test
    void modulesHaveNoCyclesAndUseOnlyPublicApis() {
        ApplicationModules.of(ByomLabApplication.class).verify();
    }
}
