package io.mixmo.gpucheck;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GPU check's reference (bench/gpu-check; written on the build machine by {@link MakeReference}
 * on the CPU engine, read on the GPU machine by {@link GpuCheck}): named int, float and string
 * arrays in one file of our own simple format (magic, then name, kind, length, values), read with
 * every length bounded before allocating. Plain Java, any side.
 */
public final class Reference {
  static final int MAGIC = 0x4d474331; // "MGC1"
  static final int MAX_ENTRIES = 4096;
  static final int MAX_LENGTH = 64 << 20;
  final Map<String, Object> entries = new LinkedHashMap<>();

  void put(String name, Object value) {
    entries.put(name, value);
  }

  float[] floats(String name) {
    return (float[]) need(name);
  }

  int[] ints(String name) {
    return (int[]) need(name);
  }

  double[] doubles(String name) {
    return (double[]) need(name);
  }

  String[] strings(String name) {
    return (String[]) need(name);
  }

  boolean has(String name) {
    return entries.containsKey(name);
  }

  private Object need(String name) {
    Object v = entries.get(name);
    if (v == null) {
      throw new IllegalArgumentException("reference: no entry '" + name + "'");
    }
    return v;
  }

  void write(Path file) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(MAGIC);
      out.writeInt(entries.size());
      for (Map.Entry<String, Object> e : entries.entrySet()) {
        out.writeUTF(e.getKey());
        Object v = e.getValue();
        if (v instanceof float[] f) {
          out.writeByte('f');
          out.writeInt(f.length);
          for (float x : f) {
            out.writeFloat(x);
          }
        } else if (v instanceof int[] a) {
          out.writeByte('i');
          out.writeInt(a.length);
          for (int x : a) {
            out.writeInt(x);
          }
        } else if (v instanceof double[] d) {
          out.writeByte('d');
          out.writeInt(d.length);
          for (double x : d) {
            out.writeDouble(x);
          }
        } else {
          String[] s = (String[]) v;
          out.writeByte('s');
          out.writeInt(s.length);
          for (String x : s) {
            out.writeUTF(x);
          }
        }
      }
    }
  }

  static Reference read(Path file) throws IOException {
    Reference r = new Reference();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != MAGIC) {
        throw new IOException(file + " is not a gpu-check reference (bad magic)");
      }
      int n = in.readInt();
      if (n < 0 || n > MAX_ENTRIES) {
        throw new IOException(file + ": " + n + " entries, expected 0.." + MAX_ENTRIES);
      }
      for (int k = 0; k < n; k++) {
        String name = in.readUTF();
        int kind = in.readByte();
        int len = in.readInt();
        if (len < 0 || len > MAX_LENGTH) {
          throw new IOException(file + ": entry " + name + " has length " + len + ", expected 0.." + MAX_LENGTH);
        }
        switch (kind) {
          case 'f' -> {
            float[] f = new float[len];
            for (int i = 0; i < len; i++) {
              f[i] = in.readFloat();
            }
            r.put(name, f);
          }
          case 'i' -> {
            int[] a = new int[len];
            for (int i = 0; i < len; i++) {
              a[i] = in.readInt();
            }
            r.put(name, a);
          }
          case 'd' -> {
            double[] d = new double[len];
            for (int i = 0; i < len; i++) {
              d[i] = in.readDouble();
            }
            r.put(name, d);
          }
          case 's' -> {
            List<String> s = new ArrayList<>();
            for (int i = 0; i < len; i++) {
              s.add(in.readUTF());
            }
            r.put(name, s.toArray(String[]::new));
          }
          default -> throw new IOException(file + ": entry " + name + " has unknown kind " + kind);
        }
      }
    }
    return r;
  }
}
