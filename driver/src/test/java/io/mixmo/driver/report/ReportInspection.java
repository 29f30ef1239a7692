package io.mixmo.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * What a browser sees of a report (tests): the page is opened in {@link HeadlessChromium}, every
 * image is awaited ({@code decode()}), then a script lists the sections, headings, images with their
 * natural sizes, the figure cells ({@code data-key}, {@code data-run}, {@code data-value}, shown
 * text), the "not there yet" notes, any reference that is not a data URI or an in-page anchor, and
 * the resources the page fetched.
 */
public final class ReportInspection {
  static final String SCRIPT = """
      (async () => {
        const images = [...document.images];
        await Promise.all(images.map(i => i.decode().catch(() => null)));
        return JSON.stringify({
          title: document.title,
          sections: [...document.querySelectorAll('section')].map(s => s.id),
          headings: [...document.querySelectorAll('h2')].map(h => h.textContent),
          images: images.map(i => ({alt: i.alt, naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight,
                                    scheme: i.src.slice(0, i.src.indexOf(',') + 1)})),
          figures: [...document.querySelectorAll('td[data-key]')].map(td => ({key: td.dataset.key,
                     run: Number(td.dataset.run), value: td.dataset.value, text: td.textContent})),
          empty: [...document.querySelectorAll('.empty')].map(p => p.textContent),
          external: [...document.querySelectorAll('[src],[href]')]
                     .map(e => e.getAttribute('src') || e.getAttribute('href'))
                     .filter(u => !u.startsWith('data:') && !u.startsWith('#')),
          resources: performance.getEntriesByType('resource').map(r => r.name),
          scripts: document.scripts.length
        });
      })()
      """;

  private ReportInspection() {}

  public static JsonNode inspect(HeadlessChromium browser, Path html) throws Exception {
    return browser.evaluate(html.toUri().toString(), SCRIPT);
  }
}
