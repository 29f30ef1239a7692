package io.mixmo.driver.guard;

import io.mixmo.datasets.source.BadInputException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UTFDataFormatException;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The header of an array in ND4J's binary format ({@code Nd4j.write}: a shape-information buffer then a
 * data buffer, each "allocation mode, length, data type, elements"), read from the bytes alone
 * (driver side), so that a length declared in the file is compared with what the caller expects and
 * with the bytes actually there before ND4J allocates anything (a declared 2^34 elements crashed the
 * native allocator).
 *
 * @param dataType the type of the elements
 * @param length the number of elements, equal to the product of {@code shape}
 * @param shape the array's shape
 */
public record NdArrayHeader(DataType dataType, long length, long[] shape) {
  /** The most dimensions an array may declare. */
  static final int MAX_RANK = 32;
  private static final Set<DataType> FLOATING = Set.of(DataType.FLOAT, DataType.DOUBLE, DataType.HALF,
      DataType.BFLOAT16);
  private static final Set<String> MODES = Set.of("MIXED_DATA_TYPES", "LONG_SHAPE");

  /**
   * Reads the whole array's bytes from {@code in} without keeping them: its header, then checks that
   * exactly {@code length × width} bytes follow and nothing more. {@code what} names the input in
   * the {@link BadInputException} thrown for anything else.
   */
  public static NdArrayHeader check(InputStream in, String what) throws IOException {
    DataInputStream data = new DataInputStream(in);
    try {
      Buffer shapeInfo = buffer(data, what, "shape information");
      if (shapeInfo.type != DataType.LONG) {
        throw new BadInputException(what + ": its shape information is of type " + shapeInfo.type + ", not LONG");
      }
      if (shapeInfo.length < 4 || shapeInfo.length > 2L * MAX_RANK + 4) {
        throw new BadInputException(what + ": its shape information declares " + shapeInfo.length
            + " values (an array of rank <= " + MAX_RANK + " has 4 to " + (2 * MAX_RANK + 4) + ")");
      }
      long rank = data.readLong();
      if (rank < 0 || rank > MAX_RANK || 2 * rank + 4 != shapeInfo.length) {
        throw new BadInputException(what + ": its shape information declares rank " + rank + " in "
            + shapeInfo.length + " values");
      }
      long[] shape = new long[(int) rank];
      long product = 1;
      for (int i = 0; i < rank; i++) {
        shape[i] = data.readLong();
        if (shape[i] < 0) {
          throw new BadInputException(what + ": dimension " + i + " is negative (" + shape[i] + ")");
        }
        product = multiply(product, shape[i], what);
      }
      data.skipNBytes(8 * (shapeInfo.length - 1 - rank));
      Buffer values = buffer(data, what, "data");
      if (!FLOATING.contains(values.type)) {
        throw new BadInputException(what + ": its values are of type " + values.type + "; a parameter array holds "
            + FLOATING);
      }
      if (values.length != product) {
        throw new BadInputException(what + ": its data declares " + values.length + " values but its shape "
            + java.util.Arrays.toString(shape) + " holds " + product);
      }
      long expected = multiply(values.length, values.type.width(), what);
      long found = skip(data, expected);
      if (found != expected) {
        throw new BadInputException(what + " is cut short: its header declares " + values.length + " " + values.type
            + " values (" + expected + " bytes), only " + found + " bytes follow");
      }
      if (data.read() >= 0) {
        throw new BadInputException(what + " has bytes after its " + values.length + " declared values");
      }
      return new NdArrayHeader(values.type, values.length, shape);
    } catch (EOFException | UTFDataFormatException e) {
      throw new BadInputException(what + " is cut short or not an ND4J array (" + e + ")", e);
    }
  }

  private record Buffer(long length, DataType type) {}

  private static Buffer buffer(DataInputStream data, String what, String which) throws IOException {
    String mode = data.readUTF();
    if (!MODES.contains(mode)) {
      throw new BadInputException(what + ": its " + which + " buffer has allocation mode '" + shorten(mode)
          + "'; mixmo writes " + MODES);
    }
    long length = data.readLong();
    if (length < 0) {
      throw new BadInputException(what + ": its " + which + " buffer declares " + length + " values");
    }
    String type = data.readUTF();
    DataType dataType;
    try {
      dataType = DataType.valueOf(type);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(what + ": its " + which + " buffer has the unknown data type '" + shorten(type) + "'");
    }
    if (dataType == DataType.COMPRESSED || dataType.width() < 1) {
      throw new BadInputException(what + ": its " + which + " buffer has data type " + dataType
          + ", which mixmo never writes");
    }
    return new Buffer(length, dataType);
  }

  private static long skip(InputStream in, long n) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long done = 0;
    while (done < n) {
      int r = in.read(buffer, 0, (int) Math.min(buffer.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }

  private static long multiply(long a, long b, String what) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      throw new BadInputException(what + ": its declared size overflows 64 bits (" + a + " x " + b + ")");
    }
  }

  private static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
