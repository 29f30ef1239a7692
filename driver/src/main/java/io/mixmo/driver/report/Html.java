package io.mixmo.driver.report;

import java.util.List;
import java.util.Locale;

/** Small pure helpers to write the report's HTML: escaping, tables, number formats. */
final class Html {
  private Html() {}

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A section with an id and a heading; {@code body} is HTML. */
  static String section(String id, String heading, String body) {
    return "<section id=\"" + id + "\">\n<h2>" + escape(heading) + "</h2>\n" + body + "</section>\n";
  }

  /** A paragraph saying that something is not there (yet). */
  static String empty(String text) {
    return "<p class=\"empty\">" + escape(text) + "</p>\n";
  }

  static String paragraph(String text) {
    return "<p>" + escape(text) + "</p>\n";
  }

  /** A header row of escaped cells. */
  static String headerRow(List<String> cells) {
    StringBuilder row = new StringBuilder("<tr>");
    cells.forEach(c -> row.append("<th>").append(escape(c)).append("</th>"));
    return row.append("</tr>\n").toString();
  }

  /** A fraction as a percentage with two decimals ({@code 0.32204} → {@code 32.20 %}). */
  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
  }

  /** Four decimals ({@code 1.81234} → {@code 1.8123}). */
  static String decimal(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}
