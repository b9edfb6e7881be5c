package com.byomlab.ui;

import com.byomlab.fuzz.Hostile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's Markdown report becomes HTML that formats and nothing else, whatever the model wrote. */
class ReportMarkdownTest {

    /** What CommonMark and its table extension emit for formatting; any other tag means markup got through. */
    static final Set<String> TAGS = Set.of("p", "strong", "em", "a", "code", "pre", "ul", "ol", "li", "h1", "h2", "h3",
            "h4", "h5", "h6", "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td");
    static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z0-9]+)([^>]*)>");
    static final Pattern ATTRIBUTE = Pattern.compile("\\s+([a-z]+)=\"([^\"<>]*)\"");

    /** Markdown's own ways to smuggle a script: link and image targets, autolinks, references, entities, titles. */
    static final List<String> MARKDOWN_VECTORS = List.of(
            "[click](javascript:alert(1))", "[click](JaVaScRiPt:alert(1))", "[click]( javascript:alert(1) )",
            "[click](&#106;avascript:alert(1))", "[click](java&#x09;script:alert(1))", "[click](vbscript:msgbox(1))",
            "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "<javascript:alert(1)>",
            "[click][ref]\n\n[ref]: javascript:alert(1)", "![x](javascript:alert(1))", "![x](x\" onerror=\"alert(1))",
            "[a](https://example.com \"t\\\" onmouseover=\\\"alert(1)\")", "[a](<javascript:alert(1)>)",
            "<a href=\"javascript:alert(1)\">x</a>", "<svg onload=alert(1)>", "<iframe src=//evil></iframe>",
            "<details open ontoggle=alert(1)>", "<style>*{display:none}</style>", "<form action=/logout><button>x",
            "| a | b |\n|---|---|\n| <script>alert(1)</script> | [x](javascript:alert(1)) |",
            "```html\n<script>alert(1)</script>\n```", "`<img src=x onerror=alert(1)>`");

    @Test
    void formattingIsRendered() {
        String html = ReportMarkdown.toHtml("""
                **Simulated analysis (demo mode)**

                BTC closed at *42,000*. Source: [CoinGecko](https://www.coingecko.com/en/coins/bitcoin).

                - return 12.0%
                - drawdown `-8.1%`

                | coin | return |
                |------|-------:|
                | BTC  | 12.0%  |
                """);

        assertThat(html).contains("<strong>Simulated analysis (demo mode)</strong>", "<em>42,000</em>",
                "<li>return 12.0%</li>", "<code>-8.1%</code>", "<table>", "<td>BTC</td>")
                .contains("<a rel=\"noopener nofollow\" href=\"https://www.coingecko.com/en/coins/bitcoin\">CoinGecko</a>");
        assertSafe(html);
    }

    @Test
    void rawHtmlStaysVisibleText() {
        String html = ReportMarkdown.toHtml("Result: <script>alert(1)</script> and \"><img src=x onerror=alert(1)>");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<script").doesNotContain("<img");
    }

    @Test
    void onlyWebAndMailLinksKeepTheirTarget() {
        assertThat(ReportMarkdown.toHtml("[a](https://example.com/x?y=1)")).contains("href=\"https://example.com/x?y=1\"");
        assertThat(ReportMarkdown.toHtml("[a](mailto:ops@example.com)")).contains("href=\"mailto:ops@example.com\"");
        assertThat(ReportMarkdown.toHtml("[a](javascript:alert(1))")).contains("<a rel=\"noopener nofollow\" href=\"\">a</a>");
        assertThat(ReportMarkdown.toHtml("[a](data:text/html,<b>x</b>)")).doesNotContain("data:");
    }

    @Test
    void imagesBecomeLinksSoTheReportLoadsNothing() {
        assertThat(ReportMarkdown.toHtml("![BTC chart](https://tracker.example/pixel.png)"))
                .isEqualTo("<p><a rel=\"noopener nofollow\" href=\"https://tracker.example/pixel.png\">BTC chart</a></p>\n");
        assertThat(ReportMarkdown.toHtml("![](https://tracker.example/p.png)")).doesNotContain("<img")
                .contains(">https://tracker.example/p.png</a>");
    }

    @Test
    void noPayloadTheFuzzTestKnowsNorAnyMarkdownVectorGetsMarkupThrough() {
        List<String> payloads = new ArrayList<>(Hostile.markupPayloads());
        payloads.addAll(MARKDOWN_VECTORS);
        for (String payload : payloads) {
            // alone, inside formatting, in a list, as a link text and as a link target
            for (String markdown : List.of(payload, "**" + payload + "**", "- " + payload, "[" + payload + "](https://x.example)",
                    "[x](" + payload + ")", "# " + payload + "\n\n> " + payload)) {
                assertSafe(ReportMarkdown.toHtml(markdown));
            }
        }
    }

    @Test
    void noReportNoHtml() {
        assertThat(ReportMarkdown.toHtml(null)).isNull();
    }

    /** Only formatting tags; attributes only href (http, https, mailto, a relative path or empty), rel, title, align. */
    static void assertSafe(String html) {
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            assertThat(TAGS).as("tag <%s> in %s", tag.group(2), html).contains(tag.group(2).toLowerCase());
            String attributes = tag.group(3);
            Matcher attribute = ATTRIBUTE.matcher(attributes);
            int consumed = 0;
            while (attribute.find() && attribute.start() == consumed) {
                consumed = attribute.end();
                String name = attribute.group(1);
                String value = attribute.group(2);
                assertThat(name).as("attribute in %s", html).isIn("href", "rel", "title", "align", "class", "start");
                if (name.equals("href")) {
                    assertThat(value).as("href in %s", html)
                            .matches("(?i)(https?:|mailto:|[^:]*$).*").doesNotContainIgnoringCase("script:");
                }
                if (name.equals("class")) {
                    assertThat(value).as("class in %s", html).matches("language-[^ ]*");
                }
            }
            assertThat(attributes.substring(consumed).strip()).as("unparsed attributes in %s", html).isEmpty();
        }
        // what is left outside tags must not hold a raw '<' (a tag our pattern missed)
        assertThat(TAG.matcher(html).replaceAll("")).as(html).doesNotContain("<");
    }
}
