package io.mixmo.datasets.source.tiny;

import io.mixmo.datasets.source.BadRecordPolicy;
import io.mixmo.datasets.source.SourcePart;
import io.mixmo.datasets.source.SourceRecord;
import io.mixmo.datasets.source.support.BadRecord;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.datasets.source.support.ImageDecoding;
import io.mixmo.datasets.source.support.PolicyIterator;
import java.io.IOException;
import io.mixmo.datasets.source.support.BoundedStreams;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Decodes one Tiny ImageNet part: a list of (image file, label or bad-annotation reason) prepared
 * when the part is opened, then one image per {@link #fetch()}.
 */
final class TinyIterator extends PolicyIterator {
  /** One image to read: file URI, id, label, or a reason why the entry is unusable. */
  private record Item(String uri, String id, int label, String problem, String origin) {}

  private final Configuration hadoop;
  private final String split;
  private final int size;
  private final List<Item> items;
  private int at;

  private TinyIterator(Configuration hadoop, String split, int size, List<Item> items, BadRecordPolicy policy) {
    super(policy);
    this.hadoop = hadoop;
    this.split = split;
    this.size = size;
    this.items = items;
  }

  /** The images of one class, {@code train/<wnid>/images/<file>}: the part's URIs, in order. */
  static TinyIterator train(Configuration hadoop, TinyLayout layout, SourcePart part, int size,
      BadRecordPolicy policy) {
    List<Item> items = new ArrayList<>();
    for (String file : part.uris()) {
      Path p = new Path(file);
      String wnid = p.getParent().getParent().getName();
      int label = layout.label(wnid);
      String problem = label < 0 ? "class folder of wnid " + wnid + " is not in wnids.txt (missing class)" : null;
      items.add(new Item(file, "tiny-imagenet/train/" + wnid + "/" + p.getName(), label, problem, file));
    }
    return new TinyIterator(hadoop, "train", size, items, policy);
  }

  /** Annotation lines {@code [firstRecord, endRecord)} of {@code val/val_annotations.txt}. */
  static TinyIterator val(Configuration hadoop, TinyLayout layout, SourcePart part, int size,
      BadRecordPolicy policy) throws IOException {
    String annotations = part.uris().get(0);
    List<String> lines = HadoopFiles.readLines(hadoop, annotations);
    long end = part.endRecord() < 0 ? lines.size() : Math.min(part.endRecord(), lines.size());
    List<Item> items = new ArrayList<>();
    for (int i = (int) part.firstRecord(); i < end; i++) {
      String origin = annotations + "#line=" + (i + 1);
      String[] f = lines.get(i).split("\t");
      if (f.length < 2 || f[0].isBlank()) {
        items.add(new Item(null, null, -1, "malformed annotation line " + (i + 1)
            + ": expected <file>\\t<wnid>\\t<x0>\\t<y0>\\t<x1>\\t<y1>, found '" + lines.get(i) + "'", origin));
        continue;
      }
      String file = f[0].strip();
      int label = layout.label(f[1].strip());
      String problem = label < 0 ? "annotation line " + (i + 1) + " of " + file + ": wnid " + f[1].strip()
          + " is not in wnids.txt (missing class)" : null;
      items.add(new Item(layout.file("val/images/" + file), "tiny-imagenet/val/" + file, label, problem, origin));
    }
    return new TinyIterator(hadoop, "val", size, items, policy);
  }

  @Override
  protected SourceRecord fetch() throws BadRecord, IOException {
    if (at >= items.size()) {
      return null;
    }
    Item item = items.get(at++);
    if (item.problem() != null) {
      throw new BadRecord(item.origin(), item.problem());
    }
    byte[] encoded;
    try (InputStream in = HadoopFiles.open(hadoop, item.uri())) {
      encoded = BoundedStreams.readImage(in, item.uri());
    } catch (java.io.FileNotFoundException e) {
      throw new BadRecord(item.uri(), "missing image file listed at " + item.origin());
    }
    byte[] pixels = ImageDecoding.decode(encoded, 3, size, size, item.uri());
    return new SourceRecord(item.id(), split, item.label(), pixels, item.uri());
  }

  @Override
  protected String where() {
    return at > 0 && at <= items.size() ? items.get(at - 1).origin() : "tiny-imagenet part of " + split;
  }

  @Override
  public void close() {
    at = items.size();
  }
}
