package com.byomlab.ui;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

import java.util.ArrayList;
import java.util.List;

/**
 * The agent's report is Markdown written by a model, which may have read hostile text (a tool result, a goal): it is
 * rendered as HTML that can only format. Raw HTML in it stays visible text ({@code escapeHtml}), link targets keep
 * only http, https and mailto ({@code sanitizeUrls}; anything else becomes an empty href), links get
 * {@code rel="noopener nofollow"}, and images become links (a report loads nothing by itself: an image would be a
 * request the model chose, sent from the user's page).
 */
final class ReportMarkdown {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("rel", "noopener nofollow");
                }
            })
            .build();

    private ReportMarkdown() {
    }

    /** Safe HTML for the report's Markdown; null for no report. */
    static String toHtml(String markdown) {
        if (markdown == null) {
            return null;
        }
        Node document = PARSER.parse(markdown);
        imagesToLinks(document);
        return RENDERER.render(document);
    }

    private static void imagesToLinks(Node document) {
        List<Image> images = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                images.add(image);
                visitChildren(image);
            }
        });
        for (Image image : images) {
            Link link = new Link(image.getDestination(), image.getTitle());
            for (Node child = image.getFirstChild(); child != null; ) {
                Node next = child.getNext();
                link.appendChild(child);
                child = next;
            }
            if (link.getFirstChild() == null) { // no alt text: the address itself is the link's text
                link.appendChild(new Text(image.getDestination()));
            }
            image.insertBefore(link);
            image.unlink();
        }
    }
}
