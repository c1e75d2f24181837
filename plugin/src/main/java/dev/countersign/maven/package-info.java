/**
 * The Maven goals ({@code prepare-agent}, {@code check}, {@code baseline}, {@code doctor}): thin mojos
 * over the extension's classes, with no statistics or file formats of their own.
 */
package dev.countersign.maven;
