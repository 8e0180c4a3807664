package io.tributary.exporter.debug;

/** How much the debug exporter prints per batch. */
public enum Verbosity { BASIC, NORMAL, DETAILED }
