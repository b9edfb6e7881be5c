package com.byomlab.usage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.byomlab.llm.Provider;
import com.byomlab.llm.TokenCounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures of docs/costs.md: one typical Lab session priced with the bundled table, with and without prompt
 * caching, per provider. The session is a model of one, stated here and in the doc, not a measurement:
 *
 * <ul>
 *   <li>a stable prefix (tool definitions and system prompt) of {@value #PREFIX} tokens and a goal of
 *       {@value #GOAL};</li>
 *   <li>{@value #TURNS} model turns: each of the first five calls a tool ({@value #TOOL_CALL_OUT} output tokens) whose
 *       result adds {@value #TOOL_RESULT} tokens; the last writes the report ({@value #REPORT_OUT} output tokens);</li>
 *   <li>each turn sends the whole conversation so far.</li>
 * </ul>
 * With caching: on Anthropic the Lab's breakpoints make turn 1 write its whole prompt (5-minute write, 1.25x input)
 * and every later turn read the previous turn's prompt and write what is new; OpenAI and Gemini cache on their own
 * and charge no write (models before GPT-5.6): a turn reads the previous turn's prompt, in 128-token steps from 1,024
 * tokens (OpenAI) or from the model's minimum (Gemini 2.5 Flash: 1,024). Bedrock: the Lab sets no cache points there
 * yet, so both figures are the same.
 */
class TypicalSessionCostTest {

    static final int PREFIX = 2_000;
    static final int GOAL = 50;
    static final int TURNS = 6;
    static final int TOOL_CALL_OUT = 150;
    static final int TOOL_RESULT = 1_200;
    static final int REPORT_OUT = 600;

    private final CostCalculator costs = new CostCalculator(PriceTable.bundled());

    enum Caching { NONE, BREAKPOINTS, AUTOMATIC }

    record Row(Provider provider, String model, BigDecimal without, BigDecimal with) {
        BigDecimal saving() {
            return without.subtract(with);
        }
    }

    /** The usage of each turn of the typical session. */
    static List<TokenCounts> session(Caching caching) {
        List<TokenCounts> turns = new ArrayList<>();
        int input = PREFIX + GOAL;
        int previous = 0;
        for (int turn = 1; turn <= TURNS; turn++) {
            int out = turn == TURNS ? REPORT_OUT : TOOL_CALL_OUT;
            int read = 0;
            int write = 0;
            if (caching == Caching.BREAKPOINTS) {
                read = previous;
                write = input - previous;
            } else if (caching == Caching.AUTOMATIC && previous >= 1_024) {
                read = 1_024 + (previous - 1_024) / 128 * 128;
            }
            turns.add(new TokenCounts(input, out, read, caching == Caching.BREAKPOINTS ? write : null, null, true));
            previous = input;
            input += out + TOOL_RESULT;
        }
        return turns;
    }

    Row row(Provider provider, String model, Caching caching) {
        return new Row(provider, model, total(provider, model, Caching.NONE), total(provider, model, caching));
    }

    private BigDecimal total(Provider provider, String model, Caching caching) {
        BigDecimal sum = BigDecimal.ZERO;
        for (TokenCounts turn : session(caching)) {
            Cost cost = costs.cost(provider, model, turn);
            assertThat(cost.known()).as(model + ": " + cost.reason()).isTrue();
            sum = sum.add(cost.usd());
        }
        return sum;
    }

    @Test
    void theTypicalSessionOfTheDocs() {
        // the session's tokens: 6 turns, input 2,050 growing by 1,350 a turn; 1,350 output in all
        List<TokenCounts> plain = session(Caching.NONE);
        assertThat(plain.stream().mapToInt(TokenCounts::input).sum()).isEqualTo(32_550);
        assertThat(plain.stream().mapToInt(TokenCounts::output).sum()).isEqualTo(1_350);
        List<TokenCounts> anthropic = session(Caching.BREAKPOINTS);
        assertThat(anthropic.stream().mapToInt(TokenCounts::cachedInput).sum()).isEqualTo(23_750);
        assertThat(anthropic.stream().mapToInt(TokenCounts::cacheWrite).sum()).isEqualTo(8_800);

        List<Row> rows = List.of(
                row(Provider.ANTHROPIC, "claude-sonnet-4-5", Caching.BREAKPOINTS),
                row(Provider.ANTHROPIC, "claude-haiku-4-5", Caching.BREAKPOINTS),
                row(Provider.OPENAI, "gpt-5.4", Caching.AUTOMATIC),
                row(Provider.OPENAI, "gpt-4.1-mini", Caching.AUTOMATIC),
                row(Provider.GOOGLE, "gemini-2.5-flash", Caching.AUTOMATIC),
                row(Provider.GOOGLE, "gemini-2.5-pro", Caching.AUTOMATIC),
                row(Provider.BEDROCK, "anthropic.claude-sonnet-4-5-20250929-v1:0", Caching.NONE));
        StringBuilder table = new StringBuilder("| Provider | Model | Without caching | With caching | Saved |\n");
        for (Row r : rows) {
            table.append("| ").append(r.provider().displayName()).append(" | ").append(r.model()).append(" | $")
                    .append(plain(r.without())).append(" | $").append(plain(r.with())).append(" | $")
                    .append(plain(r.saving())).append(" |\n");
        }
        System.out.println(table);
        assertThat(table.toString()).isEqualTo(DOCUMENTED);
    }

    private static String plain(BigDecimal usd) {
        return usd.stripTrailingZeros().toPlainString();
    }

    /** As docs/costs.md shows it. */
    static final String DOCUMENTED = """
            | Provider | Model | Without caching | With caching | Saved |
            | Anthropic | claude-sonnet-4-5 | $0.1179 | $0.060375 | $0.057525 |
            | Anthropic | claude-haiku-4-5 | $0.0393 | $0.020125 | $0.019175 |
            | OpenAI | gpt-5.4 | $0.101625 | $0.048633 | $0.052992 |
            | OpenAI | gpt-4.1-mini | $0.01518 | $0.0081144 | $0.0070656 |
            | Google Gemini | gemini-2.5-flash | $0.01314 | $0.00678096 | $0.00635904 |
            | Google Gemini | gemini-2.5-pro | $0.0541875 | $0.0276915 | $0.026496 |
            | AWS Bedrock | anthropic.claude-sonnet-4-5-20250929-v1:0 | $0.1179 | $0.1179 | $0 |
            """;
}
