package io.mixmo.driver.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mixmo.datasets.source.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFileListTest {
  @TempDir Path tmp;

  private Path touch(String name) throws Exception {
    Path p = tmp.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[] {1});
    return p;
  }

  @Test
  void listsImagesRecursivelyInPathOrderPassingOverHiddenAndOtherFiles() throws Exception {
    touch("b/z.PNG");
    touch("a/2.jpeg");
    touch("a/1.jpg");
    touch("a/notes.txt");
    touch("a/.DS_Store.jpg");
    touch("_temporary/0/x.jpg");
    touch(".cache/y.png");
    ImageFileList list = ImageFileList.of(new Configuration(), tmp.toString());
    assertThat(list.paths()).extracting(p -> p.substring(p.indexOf(tmp.getFileName().toString())))
        .containsExactly(tmp.getFileName() + "/a/1.jpg", tmp.getFileName() + "/a/2.jpeg", tmp.getFileName() + "/b/z.PNG");
    assertThat(list.paths()).allSatisfy(p -> assertThat(p).startsWith("file:/"));
    assertThat(list.otherFiles()).isEqualTo(1);
  }

  @Test
  void oneImageFileIsItsOwnList() throws Exception {
    Path one = touch("one.png");
    assertThat(ImageFileList.of(new Configuration(), one.toString()).paths()).containsExactly("file:" + one);
  }

  @Test
  void aMissingPathANonImageFileOrAFolderWithoutImagesIsBadInputNamingIt() throws Exception {
    Path txt = touch("d/readme.txt");
    assertThatThrownBy(() -> ImageFileList.of(new Configuration(), tmp.resolve("nowhere").toString()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("nowhere does not exist");
    assertThatThrownBy(() -> ImageFileList.of(new Configuration(), txt.toString()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("readme.txt is not a .jpg, .jpeg or .png file");
    assertThatThrownBy(() -> ImageFileList.of(new Configuration(), tmp.resolve("d").toString()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("holds no .jpg, .jpeg or .png file (1 other files)");
  }
}
