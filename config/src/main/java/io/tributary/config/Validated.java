package io.tributary.config;

/**
 * A config record with checks that cannot live in its compact constructor because its
 * {@code DEFAULT} instance would fail them (a required {@code endpoint}, say). The binder calls
 * {@link #validate()} on the section it returns, also when the section was absent or empty, so
 * {@code tributary validate} reports the problem with the section's line.
 */
public interface Validated {
    /** @throws IllegalArgumentException saying what is missing or wrong */
    void validate();
}
