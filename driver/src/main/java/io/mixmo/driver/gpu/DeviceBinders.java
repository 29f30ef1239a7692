package io.mixmo.driver.gpu;

import java.lang.reflect.InvocationTargetException;
import java.util.ServiceLoader;
import org.apache.spark.SparkConf;

/**
 * The binder the tasks of an application use (driver side, when a master, evaluator or predictor
 * starts): the class named by {@value #BINDER_KEY} when set (a {@link DeviceBinder} with a public
 * no-argument constructor: tests, special set-ups), else the one the build registers under
 * {@code META-INF/services/io.mixmo.driver.gpu.DeviceBinder} (the CUDA build's), else the
 * {@link RecordingBinder}.
 */
public final class DeviceBinders {
  /** Spark property naming a DeviceBinder class. */
  public static final String BINDER_KEY = "spark.mixmo.gpu.binder";

  private DeviceBinders() {}

  /** The binder for an application with configuration {@code conf}. */
  public static DeviceBinder of(SparkConf conf) {
    String name = conf.get(BINDER_KEY, "").trim();
    return name.isEmpty() ? forThisBuild() : named(name);
  }

  /** The build's registered binder, or the recording one. */
  public static DeviceBinder forThisBuild() {
    for (DeviceBinder b : ServiceLoader.load(DeviceBinder.class, DeviceBinders.class.getClassLoader())) {
      return b;
    }
    return new RecordingBinder();
  }

  static DeviceBinder named(String name) {
    try {
      Class<?> c = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
      if (!DeviceBinder.class.isAssignableFrom(c)) {
        throw new GpuPreflightException(BINDER_KEY + " must name a " + DeviceBinder.class.getName() + ", found " + name);
      }
      return (DeviceBinder) c.getConstructor().newInstance();
    } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
        | InvocationTargetException e) {
      throw new GpuPreflightException(BINDER_KEY + " = " + name + " cannot be instantiated (a public no-argument"
          + " constructor is needed): " + e, e);
    }
  }
}
