package io.mixmo.driver.predict;

import io.mixmo.datasets.source.BadInputException;
import io.mixmo.datasets.source.folder.ImageDecoder;
import io.mixmo.datasets.source.support.HadoopFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The image files {@code mixmo predict --images} reads (driver side): every .jpg/.jpeg/.png file
 * under a folder of any Hadoop file system, recursively, sorted by path, passing over any file or
 * folder whose name starts with '.' or '_' (e.g. {@code _SUCCESS}, {@code .DS_Store}); or one file.
 *
 * @param paths fully qualified paths, sorted
 * @param otherFiles files passed over because they are not images
 */
public record ImageFileList(List<String> paths, int otherFiles) {

  /** Lists {@code uri}; a {@link BadInputException} naming it if it does not exist or holds no image. */
  public static ImageFileList of(Configuration hadoop, String uri) {
    try {
      Path root = HadoopFiles.qualify(hadoop, uri);
      FileSystem fs = HadoopFiles.fileSystem(hadoop, root);
      if (fs.isFile(root)) {
        if (!ImageDecoder.isImageName(root.getName())) {
          throw new BadInputException("--images " + root + " is not a .jpg, .jpeg or .png file");
        }
        return new ImageFileList(List.of(root.toString()), 0);
      }
      List<String> paths = new ArrayList<>();
      int others = 0;
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
      while (files.hasNext()) {
        Path file = files.next().getPath();
        if (io.mixmo.datasets.source.support.HadoopFiles.isHiddenBelow(root, file)) {
          continue;
        }
        if (ImageDecoder.isImageName(file.getName())) {
          paths.add(file.toString());
        } else {
          others++;
        }
      }
      if (paths.isEmpty()) {
        throw new BadInputException("--images " + root + " holds no .jpg, .jpeg or .png file (" + others
            + " other files)");
      }
      paths.sort(null);
      return new ImageFileList(List.copyOf(paths), others);
    } catch (FileNotFoundException e) {
      throw new BadInputException("--images " + uri + " does not exist: pass a folder of image files or one image");
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new BadInputException("--images " + uri + " cannot be listed: " + e.getMessage(), e);
    }
  }
}
