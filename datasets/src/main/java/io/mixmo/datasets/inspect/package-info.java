/**
 * {@code datasets inspect}: a printed summary of a manifest and a PNG contact sheet (a few images
 * per class, labelled, scaled up) so people can check their data by looking at it. Driver/tool side.
 */
package io.mixmo.datasets.inspect;
