package dev.lipschitzw1.experiments.report;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A report's self-contained HTML page: its Markdown rendered by CommonMark (GitHub tables), every image link
 * {@code plots/NAME} replaced by the PNG embedded as a base64 data URI, so the page stands alone.
 */
public final class HtmlPage {
    private HtmlPage() {
    }

    public static String render(String title, String markdown, Map<String, byte[]> plots) {
        List<Extension> extensions = List.of(TablesExtension.create());
        Node doc = Parser.builder().extensions(extensions).build().parse(markdown);
        String html = HtmlRenderer.builder().extensions(extensions).build().render(doc);
        for (Map.Entry<String, byte[]> p : plots.entrySet()) {
            html = html.replace("src=\"plots/" + p.getKey() + "\"",
                    "src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(p.getValue()) + "\"");
        }
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + title + "</title>"
                + "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}"
                + "td,th{border:1px solid #999;padding:2px 6px}img{max-width:100%}</style></head><body>\n" + html
                + "</body></html>\n";
    }
}
