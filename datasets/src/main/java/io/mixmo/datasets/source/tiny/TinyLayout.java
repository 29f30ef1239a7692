package io.mixmo.datasets.source.tiny;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.support.HadoopFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;

/**
 * Files of a Tiny ImageNet folder. Class order is the wnids of {@code wnids.txt} sorted
 * lexicographically (the order torchvision's ImageFolder gives over {@code train/}), so the label
 * of a wnid does not depend on how {@code wnids.txt} happens to be ordered.
 */
record TinyLayout(String root, List<String> wnids) {
  /** Reads {@code wnids.txt} under {@code uri} or under {@code uri/tiny-imagenet-200}. */
  static TinyLayout open(Configuration hadoop, String uri) throws IOException {
    String sub = HadoopFiles.child(uri, "tiny-imagenet-200");
    String root = HadoopFiles.isDirectory(hadoop, sub) ? sub : uri;
    String wnidsUri = HadoopFiles.child(root, "wnids.txt");
    if (!HadoopFiles.exists(hadoop, wnidsUri)) {
      throw new BadInputException("Tiny ImageNet folder " + root + " has no wnids.txt (expected one wnid per line)");
    }
    TreeSet<String> sorted = new TreeSet<>();
    List<String> lines = HadoopFiles.readLines(hadoop, wnidsUri);
    for (int i = 0; i < lines.size(); i++) {
      String w = lines.get(i).strip();
      if (!w.isEmpty() && !sorted.add(w)) {
        throw new BadInputException(wnidsUri + " line " + (i + 1) + ": wnid " + w + " is listed twice");
      }
    }
    if (sorted.isEmpty()) {
      throw new BadInputException(wnidsUri + ": expected at least one wnid, found none");
    }
    return new TinyLayout(root, List.copyOf(sorted));
  }

  String file(String relative) {
    return HadoopFiles.child(root, relative);
  }

  /** Label of {@code wnid}, or -1 when {@code wnids.txt} does not list it. */
  int label(String wnid) {
    int i = java.util.Collections.binarySearch(wnids, wnid);
    return i >= 0 ? i : -1;
  }

  /** Class names in label order: the {@code words.txt} entry of each wnid, or the wnid itself. */
  List<String> classNames(Configuration hadoop) throws IOException {
    Map<String, String> words = new HashMap<>();
    String wordsUri = file("words.txt");
    if (HadoopFiles.exists(hadoop, wordsUri)) {
      for (String line : HadoopFiles.readLines(hadoop, wordsUri)) {
        int tab = line.indexOf('\t');
        if (tab > 0) {
          words.put(line.substring(0, tab).strip(), line.substring(tab + 1).strip());
        }
      }
    }
    List<String> names = new ArrayList<>(wnids.size());
    for (String w : wnids) {
      names.add(words.getOrDefault(w, w));
    }
    return names;
  }
}
