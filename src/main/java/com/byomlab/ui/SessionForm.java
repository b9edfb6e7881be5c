package com.byomlab.ui;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The New session dialog: a goal in plain words and the model choice ({@link Choice} values). */
record SessionForm(
        @NotBlank(message = "Say in plain words what the agent should find out, e.g. \"Compare BTC and ETH volatility over 90 days\".")
        @Size(max = 5000, message = "At most 5000 characters.") String goal,
        String model,
        String formToken) {
}
