/**
 * Image-folder source: {@code split/<class>/<file>} JPEG or PNG files, in a directory or a
 * {@code .tar.gz}, on any Hadoop file system (the layout of the project's CIFAR-10 JPEG archive).
 * Listed on the driver, decoded on executors with {@code javax.imageio}.
 */
package io.mixmo.datasets.source.folder;
