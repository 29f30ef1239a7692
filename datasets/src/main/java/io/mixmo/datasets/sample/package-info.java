/**
 * The developer tool that draws the committed CIFAR-10 JPEG sample ({@code datasets/sample/}) from
 * the full archive. Not used at training time.
 */
package io.mixmo.datasets.sample;
