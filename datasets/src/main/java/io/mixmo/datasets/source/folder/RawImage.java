package io.mixmo.datasets.source.folder;

/**
 * One file of an image folder before decoding: its stable id ({@code split/class/file}), where it
 * came from, its label index, its bytes, and a reason when it is already known to be bad (then
 * {@code bytes} is empty). Executor side.
 */
record RawImage(String id, String origin, int label, byte[] bytes, String problem) {

  static RawImage good(String id, String origin, int label, byte[] bytes) {
    return new RawImage(id, origin, label, bytes, null);
  }

  static RawImage bad(String id, String origin, String problem) {
    return new RawImage(id, origin, -1, new byte[0], problem);
  }
}
