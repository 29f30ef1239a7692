package io.mixmo.datasets.source.folder;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.support.HadoopFiles;
import io.mixmo.worker.data.ImageShape;
import java.io.IOException;
import io.mixmo.datasets.source.support.BadRecord;
import io.mixmo.datasets.source.support.BoundedStreams;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What an image folder holds: its splits and classes (sorted folder names, the same in every
 * split) and the shape of its images (that of the first image). Found on the driver by listing a
 * directory or by reading the headers of a {@code .tar.gz} archive once.
 */
record FolderLayout(List<String> splits, List<String> classes, ImageShape shape) implements Serializable {

  FolderLayout {
    splits = List.copyOf(splits);
    classes = List.copyOf(classes);
  }

  /** Lists {@code root/<split>/<class>/}; the shape is that of the first file of the first class of the first split. */
  static FolderLayout scanDirectory(FileSystem fs, Path root) throws IOException {
    Map<String, SortedSet<String>> classesBySplit = new TreeMap<>();
    for (FileStatus split : visibleDirectories(fs, root)) {
      SortedSet<String> names = new TreeSet<>();
      for (FileStatus cls : visibleDirectories(fs, split.getPath())) {
        names.add(cls.getPath().getName());
      }
      classesBySplit.put(split.getPath().getName(), names);
    }
    List<String> classes = checkSameClasses(root.toString(), classesBySplit);
    String firstSplit = classesBySplit.keySet().iterator().next();
    Path firstClass = new Path(new Path(root, firstSplit), classes.get(0));
    List<FileStatus> files = imageFiles(fs, firstClass);
    if (files.isEmpty()) {
      throw new BadInputException(firstClass + ": expected at least one .jpg/.jpeg/.png file to learn the image shape, found none");
    }
    Path first = files.get(0).getPath();
    byte[] bytes;
    try (InputStream in = fs.open(first)) {
      bytes = BoundedStreams.readImage(in, first.toString());
    } catch (BadRecord e) {
      throw new BadInputException(e.getMessage(), e);
    }
    ImageShape shape = ImageDecoder.shapeOf(ImageDecoder.decode(bytes, first.toString()));
    return new FolderLayout(new ArrayList<>(classesBySplit.keySet()), classes, shape);
  }

  /** Reads the entry headers of a {@code .tar.gz} laid out as {@code split/class/file}; decodes its first image. */
  static FolderLayout scanArchive(FileSystem fs, Path archive) throws IOException {
    Map<String, SortedSet<String>> classesBySplit = new TreeMap<>();
    ImageShape shape = null;
    try (TarArchiveInputStream tar = Archives.open(fs, archive)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextTarEntry()) != null) {
        String[] p = Archives.components(entry.getName());
        if (p.length < 2 || Archives.isHidden(p) || (p.length == 2 && !entry.isDirectory())) {
          continue;
        }
        classesBySplit.computeIfAbsent(p[0], k -> new TreeSet<>()).add(p[1]);
        if (shape == null && entry.isFile() && p.length == 3 && ImageDecoder.isImageName(p[2])) {
          String origin = archive + "!" + entry.getName();
          try {
            shape = ImageDecoder.shapeOf(ImageDecoder.decode(BoundedStreams.readImage(tar, origin), origin));
          } catch (BadRecord e) {
            throw new BadInputException(e.getMessage(), e);
          }
        }
      }
    }
    if (shape == null) {
      throw new BadInputException(archive + ": expected .jpg/.jpeg/.png entries laid out as split/class/file, found none");
    }
    return new FolderLayout(new ArrayList<>(classesBySplit.keySet()),
        checkSameClasses(archive.toString(), classesBySplit), shape);
  }

  /** Sorted union of class folder names; every split must have every one of them. */
  static List<String> checkSameClasses(String where, Map<String, SortedSet<String>> classesBySplit) {
    if (classesBySplit.isEmpty()) {
      throw new BadInputException(where + ": expected split folders (e.g. train/, test/) holding class folders, found none");
    }
    SortedSet<String> all = new TreeSet<>();
    classesBySplit.values().forEach(all::addAll);
    for (Map.Entry<String, SortedSet<String>> e : classesBySplit.entrySet()) {
      for (String cls : all) {
        if (!e.getValue().contains(cls)) {
          throw new BadInputException(where + ": split '" + e.getKey() + "' is missing class folder '" + cls
              + "' (every split must have the same class folders " + all + ")");
        }
      }
    }
    return new ArrayList<>(all);
  }

  /** Sub-directories of {@code dir} whose names do not start with '.' or '_', sorted by name. */
  static List<FileStatus> visibleDirectories(FileSystem fs, Path dir) throws IOException {
    List<FileStatus> out = new ArrayList<>();
    for (FileStatus s : sorted(fs.listStatus(dir))) {
      if (s.isDirectory() && !HadoopFiles.isHiddenName(s.getPath().getName())) {
        out.add(s);
      }
    }
    return out;
  }

  /** Regular, visible files of {@code dir}, sorted by name (non-image names included: they are bad records). */
  static List<FileStatus> imageFiles(FileSystem fs, Path dir) throws IOException {
    List<FileStatus> out = new ArrayList<>();
    for (FileStatus s : sorted(fs.listStatus(dir))) {
      if (s.isFile() && !HadoopFiles.isHiddenName(s.getPath().getName())) {
        out.add(s);
      }
    }
    return out;
  }

  private static FileStatus[] sorted(FileStatus[] statuses) {
    FileStatus[] copy = statuses.clone();
    Arrays.sort(copy, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
    return copy;
  }

}
